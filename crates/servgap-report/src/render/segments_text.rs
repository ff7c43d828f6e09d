//! The segment section (`analyze --by`) as terminal text and Markdown.

use std::fmt::Write as _;
use std::ops::Range;

use super::support::plain::{heading, table, Flavour};
use super::support::segment_tables::{
    item_detail, item_matrix, item_measures, pair_table, SEGMENTS_PER_TABLE,
};
use crate::i18n::Lang;
use crate::model::SegmentsView;

fn render_segments(view: &SegmentsView, flavour: Flavour, lang: Lang) -> String {
    let cl = lang.compare_labels();
    let mut out = String::new();
    heading(flavour, 2, &format!("{}: {}", cl.h_segments, view.column), &mut out);
    let _ = writeln!(out, "{}", lang.segments_intro(&view.column, view.confidence));
    // Per measure: one table of dimension means by segment, with the tests.
    let mut measures: Vec<&str> = view.tests.iter().map(|t| t.measure.as_str()).collect();
    measures.dedup();
    for measure in measures {
        heading(flavour, 3, &format!("{} — {}", cl.h_segment_tests, lang.measure_name(measure)), &mut out);
        let count = view.segments.len();
        if count <= SEGMENTS_PER_TABLE {
            let (header, rows) = test_table(view, measure, lang, Some(0..count), true);
            table(flavour, &header, &rows, &mut out);
        } else {
            // Many segments: the tests alone, then the means in blocks of segments.
            let (header, rows) = test_table(view, measure, lang, None, true);
            table(flavour, &header, &rows, &mut out);
            for start in (0..count).step_by(SEGMENTS_PER_TABLE) {
                let range = start..(start + SEGMENTS_PER_TABLE).min(count);
                let (header, rows) = test_table(view, measure, lang, Some(range), false);
                out.push('\n');
                table(flavour, &header, &rows, &mut out);
            }
        }
    }
    if view.tests.iter().any(|t| t.groups.iter().any(|g| !g.tested)) {
        let _ = writeln!(out, "\n† {} ({}).", cl.note_untested, view.min_segment_n);
    }
    render_pairs(view, flavour, lang, &mut out);
    render_items(view, flavour, lang, &mut out);
    out
}

/// The dimension table of `measure`: the means of the segments in `segments` and,
/// with `with_tests`, the Welch and Kruskal–Wallis columns.
fn test_table(
    view: &SegmentsView,
    measure: &str,
    lang: Lang,
    segments: Option<Range<usize>>,
    with_tests: bool,
) -> (Vec<String>, Vec<Vec<String>>) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let segments = segments.unwrap_or(0..0);
    let mut header = vec![l.col_dimension.to_owned()];
    header.extend(
        view.segments
            .get(segments.clone())
            .unwrap_or_default()
            .iter()
            .map(|s| format!("{} (n={})", lang.segment_label(&s.name), s.respondents)),
    );
    if with_tests {
        header.extend([
            cl.col_welch_f.to_owned(),
            "p".to_owned(),
            l.col_p_holm.to_owned(),
            "K-W H".to_owned(),
            "p".to_owned(),
            l.col_p_holm.to_owned(),
        ]);
    }
    let rows = view
        .tests
        .iter()
        .filter(|t| t.measure == measure)
        .map(|t| {
            let mut row = vec![t.name(lang.code()).unwrap_or(cl.overall_score).to_owned()];
            row.extend(t.groups.get(segments.clone()).unwrap_or_default().iter().map(|g| {
                let mark = if g.tested { "" } else { " †" };
                format!("{}{mark}", lang.num(g.mean, 2))
            }));
            if with_tests {
                let w = t.welch_anova.as_ref();
                let k = t.kruskal_wallis.as_ref();
                row.extend([
                    lang.num(w.map(|w| w.f), 2),
                    lang.p(w.map(|w| w.p)),
                    lang.p(w.and_then(|w| w.p_holm)),
                    lang.num(k.map(|k| k.h), 2),
                    lang.p(k.map(|k| k.p)),
                    lang.p(k.and_then(|k| k.p_holm)),
                ]);
            }
            row
        })
        .collect();
    (header, rows)
}

/// The post-hoc pairs per measure, with the method named.
fn render_pairs(view: &SegmentsView, flavour: Flavour, lang: Lang, out: &mut String) {
    let sl = lang.segment_labels();
    let mut measures: Vec<&str> = view.tests.iter().map(|t| t.measure.as_str()).collect();
    measures.dedup();
    for measure in measures {
        let (pairs, notes) = pair_table(view, measure, lang);
        heading(flavour, 3, &pairs.caption, out);
        let _ = writeln!(out, "{}", lang.segment_pairs_intro());
        if !pairs.rows.is_empty() {
            out.push('\n');
            table(flavour, &pairs.header, &pairs.rows, out);
            let _ = writeln!(out, "\n{}.", sl.legend_pair_differs);
        }
        for note in notes {
            let _ = writeln!(out, "\n{note}");
        }
    }
}

/// The item × segment gap matrices and the item detail per comparison.
fn render_items(view: &SegmentsView, flavour: Flavour, lang: Lang, out: &mut String) {
    let sl = lang.segment_labels();
    for measure in item_measures(view) {
        for matrix in item_matrix(view, &measure, lang) {
            heading(flavour, 3, &matrix.caption, out);
            let _ = writeln!(
                out,
                "{}\n",
                lang.segment_items_intro(&view.column, lang.comparison_short(&measure))
            );
            table(flavour, &matrix.header, &matrix.rows, out);
        }
        let _ = writeln!(out, "\n{}.\n{}.", sl.legend_shortfall, sl.legend_surplus);
        let detail = item_detail(view, &measure, lang);
        heading(flavour, 3, &detail.caption, out);
        table(flavour, &detail.header, &detail.rows, out);
    }
}

/// The segment section as terminal text in `lang` (appended to [`crate::render_text`]'s output).
pub fn render_segments_text(view: &SegmentsView, lang: Lang) -> String {
    render_segments(view, Flavour::Terminal, lang)
}

/// The segment section as Markdown in `lang` (appended to [`crate::render_markdown`]'s output).
pub fn render_segments_markdown(view: &SegmentsView, lang: Lang) -> String {
    render_segments(view, Flavour::Markdown, lang)
}

#[cfg(test)]
mod tests;
