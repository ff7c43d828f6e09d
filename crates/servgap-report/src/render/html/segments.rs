//! The "Segments" section of the analysis page (`analyze --by COLUMN`) and its charts.

use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::model::{AnalysisReport, SegmentGroupView, SegmentTestView, SegmentsView};
use crate::render::support::markup::{escape, measures};
use crate::render::support::page::{figure, paragraph, section, text, DataTable, Figure};
use crate::render::svg::{segment_chart, SegmentChart, SegmentGroup, SegmentPoint};

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
    out
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
    out.push_str("</section>\n");
}
