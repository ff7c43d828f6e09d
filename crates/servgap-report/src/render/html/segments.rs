//! The "Segments" section of the analysis page (`analyze --by COLUMN`) and its charts.

use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::model::{AnalysisReport, SegmentGroupView, SegmentTestView, SegmentsView};
use crate::render::support::markup::{escape, measures};
use crate::render::support::page::{figure, paragraph, section, text, DataTable, Figure};
use crate::render::support::segment_tables::{
    item_detail, item_gap, item_label, item_matrix, item_measures, pair_table, Table, SEGMENTS_PER_TABLE,
};
use crate::render::svg::{
    heatmap_chart, segment_chart, CellMark, HeatmapCell, HeatmapChart, SegmentChart, SegmentGroup,
    SegmentPoint,
};

/// Segments per heat map; wider splits continue in further heat maps.
const SEGMENTS_PER_HEATMAP: usize = 3 * SEGMENTS_PER_TABLE;

/// Name of a test or series scope: the dimension's name, or the overall score.
fn scope_name(lang: Lang, name: Option<&str>) -> String {
    name.unwrap_or(lang.compare_labels().overall_score).to_owned()
}

/// The segment charts (one per measure), in document order, with their data tables.
pub(crate) fn segment_figures(report: &AnalysisReport, view: &SegmentsView, lang: Lang) -> Vec<Figure> {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let names: Vec<String> = view.segments.iter().map(|s| lang.segment_label(&s.name)).collect();
    let ci_label = lang.ci_label(report.method.confidence);
    let mut out = Vec::new();
    for measure in measures(view.chart.iter().map(|s| s.measure.as_str())) {
        let id = format!("chart-segments-{measure}");
        let series: Vec<_> = view.chart.iter().filter(|s| s.measure == measure).collect();
        let groups: Vec<SegmentGroup> = series
            .iter()
            .map(|s| SegmentGroup {
                label: scope_name(lang, s.name(lang.code())),
                points: s.points.iter().map(|p| p.mean.map(|mean| SegmentPoint { mean, ci: p.ci })).collect(),
            })
            .collect();
        let name = lang.measure_name(measure);
        let column = &view.column;
        let (title, description, axis_title) = match lang {
            Lang::En => (
                format!("{name} by {column}"),
                format!(
                    "For each dimension and the overall score, one row per {column} segment ({}): a marker at the segment’s mean {} with its {ci_label} as whiskers, and a solid line at zero.",
                    lang.list(&names),
                    lang.comparison_short(measure)
                ),
                format!("{name}, scale points"),
            ),
            Lang::Pl => (
                format!("{name} według segmentów: {column}"),
                format!(
                    "Dla każdego wymiaru i wyniku ogólnego jeden wiersz na segment „{column}” ({}): znacznik w średniej wartości ({}) segmentu z {ci_label} jako wąsami oraz ciągła linia w zerze.",
                    lang.list(&names),
                    lang.comparison_short(measure)
                ),
                format!("{name}, punkty skali"),
            ),
        };
        let chart = SegmentChart {
            text: text(lang, &id, title.clone(), description),
            segments: names.clone(),
            groups,
            axis_title,
            ci_label: format!("{ci_label} ({})", l.legend_ci),
        };
        let rows = series
            .iter()
            .flat_map(|s| {
                let dimension = scope_name(lang, s.name(lang.code()));
                s.points.iter().map(move |p| {
                    vec![
                        dimension.clone(),
                        lang.segment_label(&p.segment),
                        p.n.to_string(),
                        lang.num(p.mean, 2),
                        lang.interval(p.ci, 2),
                    ]
                })
            })
            .collect();
        let table = DataTable {
            caption: &title,
            header: vec![
                l.col_dimension.to_owned(),
                cl.col_segment.to_owned(),
                "n".to_owned(),
                l.col_mean.to_owned(),
                ci_label.clone(),
            ],
            rows,
            text_columns: vec![0, 1],
        };
        out.push(Figure { id, svg: segment_chart(&chart), table: table.html() });
    }
    out.extend(heatmap_figures(view, lang));
    out
}

/// Id of the heat map of `measure`, part `part` (from 0).
fn heatmap_id(measure: &str, part: usize) -> String {
    format!("chart-segments-heatmap-{measure}-{}", part + 1)
}

/// The item × segment heat maps, one per comparison and per [`SEGMENTS_PER_HEATMAP`]
/// segments, each with the item × segment matrix as its data table.
fn heatmap_figures(view: &SegmentsView, lang: Lang) -> Vec<Figure> {
    let sl = lang.segment_labels();
    let names: Vec<String> = view.segments.iter().map(|s| lang.segment_label(&s.name)).collect();
    let parts = names.len().div_ceil(SEGMENTS_PER_HEATMAP);
    let mut out = Vec::new();
    for measure in item_measures(view) {
        let matrices = item_matrix(view, &measure, lang);
        for part in 0..parts {
            let range = part * SEGMENTS_PER_HEATMAP..((part + 1) * SEGMENTS_PER_HEATMAP).min(names.len());
            let id = heatmap_id(&measure, part);
            let title = lang.segment_heatmap_title(
                lang.measure_name(&measure),
                &view.column,
                (parts > 1).then_some((part + 1, parts)),
            );
            let description =
                lang.segment_heatmap_description(lang.comparison_short(&measure), &names[range.clone()]);
            let cells = (0..view.items.len())
                .map(|i| {
                    range
                        .clone()
                        .map(|s| {
                            let gap = item_gap(view, s, i, &measure);
                            HeatmapCell {
                                value: gap.and_then(|g| g.mean),
                                mark: match gap.map(|g| g.mark.as_str()) {
                                    Some("shortfall") => CellMark::Shortfall,
                                    Some("surplus") => CellMark::Surplus,
                                    _ => CellMark::None,
                                },
                            }
                        })
                        .collect()
                })
                .collect();
            let chart = HeatmapChart {
                text: text(lang, &id, title, description),
                columns: names[range.clone()].to_vec(),
                rows: (0..view.items.len()).map(|i| item_label(view, i, lang)).collect(),
                cells,
                scale_title: format!("{}: {}", lang.measure_name(&measure), lang.segment_heatmap_scale()),
                mark_legend: [sl.legend_shortfall.to_owned(), sl.legend_surplus.to_owned()],
            };
            // The data table: the matrices of the same segments.
            let first = range.start / SEGMENTS_PER_TABLE;
            let last = range.end.div_ceil(SEGMENTS_PER_TABLE);
            let table: String =
                matrices.get(first..last).unwrap_or_default().iter().map(table_html).collect();
            out.push(Figure { id, svg: heatmap_chart(&chart), table });
        }
    }
    out
}

fn table_html(table: &Table) -> String {
    DataTable {
        caption: &table.caption,
        header: table.header.clone(),
        rows: table.rows.clone(),
        text_columns: vec![0],
    }
    .html()
}

/// The post-hoc pairs and the item detail of the segments, after the tests.
fn segment_detail(out: &mut String, figures: &[Figure], view: &SegmentsView, lang: Lang) {
    let l = lang.labels();
    let sl = lang.segment_labels();
    for measure in measures(view.tests.iter().map(|t| t.measure.as_str())) {
        let (pairs, notes) = pair_table(view, measure, lang);
        let _ = writeln!(out, "<h3>{}</h3>", escape(&pairs.caption));
        paragraph(out, lang.segment_pairs_intro());
        if !pairs.rows.is_empty() {
            DataTable {
                caption: &pairs.caption,
                header: pairs.header,
                rows: pairs.rows,
                text_columns: vec![0, 1],
            }
            .render(out);
            paragraph(out, sl.legend_pair_differs);
        }
        for note in notes {
            paragraph(out, &note);
        }
    }
    for measure in item_measures(view) {
        let _ =
            writeln!(out, "<h3>{} — {}</h3>", escape(sl.h_item_gaps), escape(lang.measure_name(&measure)));
        paragraph(out, &lang.segment_items_intro(&view.column, lang.comparison_short(&measure)));
        let parts = view.segments.len().div_ceil(SEGMENTS_PER_HEATMAP);
        for part in 0..parts {
            figure(out, figures, &heatmap_id(&measure, part), l);
        }
        let detail = item_detail(view, &measure, lang);
        let _ = writeln!(out, "<h3>{}</h3>", escape(&detail.caption));
        DataTable {
            caption: &detail.caption,
            header: detail.header,
            rows: detail.rows,
            text_columns: vec![0, 1],
        }
        .render(out);
        paragraph(out, &format!("{}. {}.", sl.legend_shortfall, sl.legend_surplus));
    }
}

fn segment_sentences(lang: Lang, view: &SegmentsView, measure: &str) -> Vec<String> {
    let tests: Vec<&SegmentTestView> = view.tests.iter().filter(|t| t.measure == measure).collect();
    let tested = tests.iter().filter(|t| t.scope == "dimension" && t.differs.is_some()).count();
    // Differing dimensions (the core's verdict), strongest evidence first.
    let mut dims: Vec<(&SegmentTestView, f64)> = tests
        .iter()
        .filter(|t| t.scope == "dimension" && t.differs == Some(true))
        .filter_map(|t| Some((*t, t.welch_anova.as_ref()?.p_holm?)))
        .collect();
    dims.sort_by(|a, b| a.1.total_cmp(&b.1));
    let confirmed = dims.iter().filter(|(t, _)| t.confirmed_by_ranks == Some(true)).count();
    let significant: Vec<String> = dims.iter().map(|(t, _)| scope_name(lang, t.name(lang.code()))).collect();
    let mut out = Vec::new();
    if tested > 0 {
        out.push(lang.segments_sentence(&view.column, &significant, confirmed, tested));
    }
    if let Some(overall) = tests.iter().find(|t| t.scope == "overall") {
        let group = |name: &Option<String>| -> Option<&SegmentGroupView> {
            overall.groups.iter().find(|g| Some(&g.segment) == name.as_ref())
        };
        if let (Some(lo), Some(hi), Some(w)) =
            (group(&overall.lowest), group(&overall.highest), &overall.welch_anova)
        {
            out.push(lang.segments_overall_sentence(
                (&lang.segment_label(&lo.segment), lo.mean),
                (&lang.segment_label(&hi.segment), hi.mean),
                Some(w.p),
            ));
        }
    }
    out
}

/// The "Segments" section of the analysis report: sentences, chart, test table.
pub(crate) fn segments_section(
    out: &mut String,
    report: &AnalysisReport,
    view: &SegmentsView,
    figures: &[Figure],
    lang: Lang,
) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    section(out, "segments", &format!("{}: {}", cl.h_segments, view.column));
    paragraph(out, &lang.segments_intro(&view.column, report.method.confidence));
    let all = measures(view.tests.iter().map(|t| t.measure.as_str()));
    let mut flagged = (false, false);
    for measure in &all {
        let sentences = segment_sentences(lang, view, measure);
        if !sentences.is_empty() {
            out.push_str("<ul class=\"findings\">\n");
            for s in &sentences {
                let _ = writeln!(out, "<li>{}</li>", escape(s));
            }
            out.push_str("</ul>\n");
        }
        figure(out, figures, &format!("chart-segments-{measure}"), l);
        let heading = if all.len() > 1 {
            format!("{} — {}", cl.h_segment_tests, lang.measure_name(measure))
        } else {
            cl.h_segment_tests.to_owned()
        };
        let _ = writeln!(out, "<h3>{}</h3>", escape(&heading));
        let mut header = vec![l.col_dimension.to_owned()];
        header.extend(view.segments.iter().map(|s| format!("n {}", lang.segment_label(&s.name))));
        header.extend([
            cl.col_welch_f.to_owned(),
            "df1".to_owned(),
            "df2".to_owned(),
            "p".to_owned(),
            l.col_p_holm.to_owned(),
            cl.col_kruskal_h.to_owned(),
            "df".to_owned(),
            "p".to_owned(),
            l.col_p_holm.to_owned(),
            "ε²".to_owned(),
        ]);
        let rows = view
            .tests
            .iter()
            .filter(|t| t.measure == *measure)
            .map(|t| {
                let mut row = vec![scope_name(lang, t.name(lang.code()))];
                row.extend(t.groups.iter().map(|g| {
                    if !g.tested {
                        flagged.0 = true;
                        format!("{} †", g.n)
                    } else if g.small {
                        flagged.1 = true;
                        format!("{} *", g.n)
                    } else {
                        g.n.to_string()
                    }
                }));
                let w = t.welch_anova.as_ref();
                let k = t.kruskal_wallis.as_ref();
                row.extend([
                    lang.num(w.map(|w| w.f), 2),
                    lang.num(w.map(|w| w.df1), 0),
                    lang.num(w.map(|w| w.df2), 1),
                    lang.p(w.map(|w| w.p)),
                    lang.p(w.and_then(|w| w.p_holm)),
                    lang.num(k.map(|k| k.h), 2),
                    lang.num(k.map(|k| k.df), 0),
                    lang.p(k.map(|k| k.p)),
                    lang.p(k.and_then(|k| k.p_holm)),
                    lang.num(k.map(|k| k.epsilon_squared), 3),
                ]);
                row
            })
            .collect();
        let caption = format!("{} ({})", heading, lang.measure_name(measure));
        DataTable { caption: &caption, header, rows, text_columns: vec![0] }.render(out);
    }
    if flagged.0 {
        paragraph(out, &format!("† {} ({}).", cl.note_untested, view.min_segment_n));
    }
    if flagged.1 {
        paragraph(out, &format!("* {}.", cl.note_small));
    }
    segment_detail(out, figures, view, lang);
    out.push_str("</section>\n");
}
