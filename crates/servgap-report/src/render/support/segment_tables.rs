//! The segment detail tables every segment printer shows (text, Markdown, HTML):
//! the item × segment gap matrix, the per-segment item detail and the post-hoc pairs.
//! Each is a caption, a header and rows of formatted cells; the printers lay them out.
//! Nothing here computes a number or a decision: marks and verdicts come from the view.

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::model::{PairView, SegmentGapView, SegmentTestView, SegmentsView};

/// Segments per item × segment table; wider splits continue in further tables.
pub(crate) const SEGMENTS_PER_TABLE: usize = 8;
/// With more tested segments than this, pair tables list only the differing pairs.
pub(crate) const ALL_PAIRS_UP_TO: usize = 6;

/// A formatted table.
pub(crate) struct Table {
    /// Caption (HTML) or heading suffix (text).
    pub(crate) caption: String,
    /// Column headers.
    pub(crate) header: Vec<String>,
    /// Rows of cells.
    pub(crate) rows: Vec<Vec<String>>,
}

/// The mark of a gap as a symbol: ▼ shortfall, ▲ surplus, nothing otherwise.
pub(crate) fn mark_symbol(mark: &str) -> &'static str {
    match mark {
        "shortfall" => "▼",
        "surplus" => "▲",
        _ => "",
    }
}

/// The comparisons (gap, MSA, MSS) the segments' item rows carry, in first-seen order.
pub(crate) fn item_measures(view: &SegmentsView) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in view.segments.iter().flat_map(|s| s.items.iter().flat_map(|i| &i.comparisons)) {
        if !out.contains(&c.comparison) {
            out.push(c.comparison.clone());
        }
    }
    out
}

/// Code of the battery subtracted from P by a comparison.
fn subtrahend(measure: &str) -> &'static str {
    match measure {
        "msa" => "A",
        "mss" => "D",
        _ => "E",
    }
}

/// `id text` of item `index` in `lang`.
pub(crate) fn item_label(view: &SegmentsView, index: usize, lang: Lang) -> String {
    match view.items.get(index) {
        Some(item) => format!("{} {}", item.id, item.texts.or(lang.code(), "")).trim_end().to_owned(),
        None => String::new(),
    }
}

/// Segment `s`'s statistics of `measure` for item `index`.
pub(crate) fn item_gap<'a>(
    view: &'a SegmentsView,
    s: usize,
    index: usize,
    measure: &str,
) -> Option<&'a SegmentGapView> {
    view.segments.get(s)?.items.get(index)?.comparisons.iter().find(|c| c.comparison == measure)
}

/// The item × segment matrix of `measure`: one table per [`SEGMENTS_PER_TABLE`] segments.
pub(crate) fn item_matrix(view: &SegmentsView, measure: &str, lang: Lang) -> Vec<Table> {
    let l = lang.labels();
    let names: Vec<String> = view.segments.iter().map(|s| lang.segment_label(&s.name)).collect();
    let chunks = names.len().div_ceil(SEGMENTS_PER_TABLE);
    (0..chunks)
        .map(|chunk| {
            let range = chunk * SEGMENTS_PER_TABLE..((chunk + 1) * SEGMENTS_PER_TABLE).min(names.len());
            let mut header = vec![l.col_item.to_owned()];
            header.extend(names[range.clone()].iter().cloned());
            let rows = (0..view.items.len())
                .map(|i| {
                    let mut row = vec![item_label(view, i, lang)];
                    row.extend(range.clone().map(|s| match item_gap(view, s, i, measure) {
                        Some(g) if g.mean.is_some() => {
                            format!("{} {}", lang.num(g.mean, 2), mark_symbol(&g.mark)).trim_end().to_owned()
                        }
                        _ => "–".to_owned(),
                    }));
                    row
                })
                .collect();
            let part = if chunks > 1 { format!(" ({}/{chunks})", chunk + 1) } else { String::new() };
            let caption =
                format!("{} — {}{part}", lang.segment_labels().h_item_gaps, lang.measure_name(measure));
            Table { caption, header, rows }
        })
        .collect()
}

/// Every segment's item rows of `measure`: n, mean P and of the subtrahend, mean,
/// interval, Holm p and mark.
pub(crate) fn item_detail(view: &SegmentsView, measure: &str, lang: Lang) -> Table {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let sl = lang.segment_labels();
    let ci = lang.ci_label(view.confidence);
    let battery_mean = |row: &crate::model::SegmentRowView, code: &str| {
        lang.num(row.batteries.iter().find(|b| b.battery == code).and_then(|b| b.mean), 2)
    };
    let minus = subtrahend(measure);
    let header = vec![
        cl.col_segment.to_owned(),
        l.col_item.to_owned(),
        "n".to_owned(),
        format!("{} {minus}", sl.col_mean_of),
        format!("{} P", sl.col_mean_of),
        lang.measure_name(measure).to_owned(),
        ci,
        l.col_p_holm.to_owned(),
        sl.col_item_mark.to_owned(),
    ];
    let rows = view
        .segments
        .iter()
        .enumerate()
        .flat_map(|(s, segment)| {
            segment.items.iter().enumerate().map(move |(i, row)| {
                let gap = item_gap(view, s, i, measure);
                vec![
                    lang.segment_label(&segment.name),
                    view.items.get(i).map_or_else(|| row.id.clone(), |item| item.id.clone()),
                    row.n.to_string(),
                    battery_mean(row, minus),
                    battery_mean(row, "P"),
                    lang.num(gap.and_then(|g| g.mean), 2),
                    lang.interval(gap.and_then(|g| g.ci), 2),
                    lang.p(gap.and_then(|g| g.p_holm)),
                    gap.map_or("", |g| mark_symbol(&g.mark)).to_owned(),
                ]
            })
        })
        .collect();
    Table { caption: format!("{} — {}", sl.h_item_detail, lang.measure_name(measure)), header, rows }
}

/// Name of a test's scope: the dimension's name, or the overall score.
pub(crate) fn scope_name(lang: Lang, test: &SegmentTestView) -> String {
    test.name(lang.code()).unwrap_or(lang.compare_labels().overall_score).to_owned()
}

/// The post-hoc table of `measure` and the notes that go with it (pairs not
/// warranted, not computed, or filtered).
pub(crate) fn pair_table(view: &SegmentsView, measure: &str, lang: Lang) -> (Table, Vec<String>) {
    let l = lang.labels();
    let sl = lang.segment_labels();
    let header = vec![
        l.col_dimension.to_owned(),
        sl.col_pair.to_owned(),
        sl.col_difference.to_owned(),
        format!("{} t", sl.games_howell),
        "df".to_owned(),
        format!("{} p", sl.games_howell),
        "Dunn z".to_owned(),
        format!("Dunn {}", sl.col_p_holm_pairs),
        sl.col_differs.to_owned(),
    ];
    let mut rows = Vec::new();
    let mut not_warranted = Vec::new();
    let mut too_many = false;
    let (mut shown, mut total) = (0, 0);
    for test in view.tests.iter().filter(|t| t.measure == measure) {
        too_many |= test.games_howell.too_many_segments;
        let gh_runs = test.games_howell.omnibus_rejects == Some(true);
        let dunn_runs = test.dunn.omnibus_rejects == Some(true);
        if !gh_runs && !dunn_runs {
            if !test.games_howell.too_many_segments {
                not_warranted.push(scope_name(lang, test));
            }
            continue;
        }
        let tested = test.groups.iter().filter(|g| g.tested).count();
        let mut pairs: BTreeMap<(usize, usize), PairCells<'_>> = BTreeMap::new();
        let position = |name: &str| view.segments.iter().position(|s| s.name == name).unwrap_or(usize::MAX);
        for p in &test.games_howell.pairs {
            pairs.entry((position(&p.first), position(&p.second))).or_default().0 = Some(p);
        }
        for p in &test.dunn.pairs {
            pairs.entry((position(&p.first), position(&p.second))).or_default().1 = Some(p);
        }
        for (gh, dunn) in pairs.values() {
            total += 1;
            let differs = gh.is_some_and(|p| p.differs) || dunn.is_some_and(|p| p.differs);
            if tested > ALL_PAIRS_UP_TO && !differs {
                continue;
            }
            shown += 1;
            rows.push(pair_row(lang, test, *gh, *dunn, differs));
        }
        if !gh_runs {
            rows.push(vec![scope_name(lang, test), lang.segment_pairs_method_skipped(sl.games_howell)]);
        }
        if !dunn_runs {
            rows.push(vec![scope_name(lang, test), lang.segment_pairs_method_skipped(sl.dunn_holm)]);
        }
    }
    let mut notes = Vec::new();
    if too_many {
        notes.push(lang.segment_pairs_too_many(view.max_posthoc_segments));
    }
    if !not_warranted.is_empty() {
        notes.push(lang.segment_pairs_not_warranted(&not_warranted));
    }
    if shown < total {
        notes.push(lang.segment_pairs_filtered(shown, total));
    }
    let caption =
        format!("{} ({}; {}) — {}", sl.h_pairs, sl.games_howell, sl.dunn_holm, lang.measure_name(measure));
    let rows = rows.into_iter().map(|r| pad(r, 9)).collect();
    (Table { caption, header, rows }, notes)
}

/// A pair's Games–Howell and Dunn results (either may be absent).
type PairCells<'a> = (Option<&'a PairView>, Option<&'a PairView>);

/// One row of the pair table; `–` where a method did not run.
fn pair_row(
    lang: Lang,
    test: &SegmentTestView,
    gh: Option<&PairView>,
    dunn: Option<&PairView>,
    differs: bool,
) -> Vec<String> {
    let skipped = || "–".to_owned();
    let names = gh.or(dunn).map_or_else(String::new, |p| {
        format!("{} – {}", lang.segment_label(&p.first), lang.segment_label(&p.second))
    });
    vec![
        scope_name(lang, test),
        names,
        gh.map_or_else(skipped, |p| lang.num(Some(p.difference), 2)),
        gh.map_or_else(skipped, |p| lang.num(Some(p.statistic), 2)),
        gh.map_or_else(skipped, |p| lang.num(p.df, 1)),
        gh.map_or_else(skipped, |p| lang.p(Some(p.p))),
        dunn.map_or_else(skipped, |p| lang.num(Some(p.statistic), 2)),
        dunn.map_or_else(skipped, |p| lang.p(p.p_holm)),
        if differs { "●".to_owned() } else { String::new() },
    ]
}

/// Pads a short row (a note spanning the table) with empty cells.
fn pad(mut row: Vec<String>, width: usize) -> Vec<String> {
    row.resize(width, String::new());
    row
}
