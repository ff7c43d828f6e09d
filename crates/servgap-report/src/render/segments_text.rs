//! The segment section (`analyze --by`) as terminal text and Markdown.

use std::fmt::Write as _;

use super::support::plain::{heading, table, Flavour};
use crate::i18n::Lang;
use crate::model::SegmentsView;

fn render_segments(view: &SegmentsView, flavour: Flavour, lang: Lang) -> String {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let mut out = String::new();
    heading(flavour, 2, &format!("{}: {}", cl.h_segments, view.column), &mut out);
    let _ = writeln!(out, "{}", lang.segments_intro(&view.column, view.confidence));
    // Per measure: one table of dimension means by segment, with the tests.
    let mut measures: Vec<&str> = view.tests.iter().map(|t| t.measure.as_str()).collect();
    measures.dedup();
    for measure in measures {
        heading(flavour, 3, &format!("{} — {}", cl.h_segment_tests, lang.measure_name(measure)), &mut out);
        let mut header = vec![l.col_dimension.to_owned()];
        header.extend(
            view.segments.iter().map(|s| format!("{} (n={})", lang.segment_label(&s.name), s.respondents)),
        );
        header.extend([
            cl.col_welch_f.to_owned(),
            "p".to_owned(),
            l.col_p_holm.to_owned(),
            "K-W H".to_owned(),
            "p".to_owned(),
            l.col_p_holm.to_owned(),
        ]);
        let rows: Vec<Vec<String>> = view
            .tests
            .iter()
            .filter(|t| t.measure == measure)
            .map(|t| {
                let mut row = vec![t.name(lang.code()).unwrap_or(cl.overall_score).to_owned()];
                row.extend(t.groups.iter().map(|g| {
                    let mark = if g.tested { "" } else { " †" };
                    format!("{}{mark}", lang.num(g.mean, 2))
                }));
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
                row
            })
            .collect();
        table(flavour, &header, &rows, &mut out);
    }
    if view.tests.iter().any(|t| t.groups.iter().any(|g| !g.tested)) {
        let _ = writeln!(out, "\n† {} ({}).", cl.note_untested, view.min_segment_n);
    }
    out
}

/// The segment section as terminal text in `lang` (appended to [`crate::render_text`]'s output).
pub fn render_segments_text(view: &SegmentsView, lang: Lang) -> String {
    render_segments(view, Flavour::Terminal, lang)
}

/// The segment section as Markdown in `lang` (appended to [`crate::render_markdown`]'s output).
pub fn render_segments_markdown(view: &SegmentsView, lang: Lang) -> String {
    render_segments(view, Flavour::Markdown, lang)
}
