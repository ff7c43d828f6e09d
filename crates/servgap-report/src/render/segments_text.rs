//! The segment section (`analyze --by`) as terminal text and Markdown.

use std::fmt::Write as _;

use super::support::plain::{heading, num, p_value, table, Flavour};
use crate::model::SegmentsView;

fn segment_label(name: &str) -> String {
    if name.is_empty() {
        "(blank)".to_owned()
    } else {
        name.to_owned()
    }
}

fn render_segments(view: &SegmentsView, flavour: Flavour) -> String {
    let mut out = String::new();
    heading(flavour, 2, &format!("Segments by {}", view.column), &mut out);
    let _ = writeln!(out, "{}.", view.method);
    // Per measure: one table of dimension means by segment, with the tests.
    let measures: Vec<&'static str> = {
        let mut m: Vec<&'static str> = view.tests.iter().map(|t| t.measure).collect();
        m.dedup();
        m
    };
    for measure in measures {
        heading(flavour, 3, &format!("Mean {measure} by segment, and tests across segments"), &mut out);
        let mut header = vec!["Dimension".to_owned()];
        header.extend(
            view.segments.iter().map(|s| format!("{} (n={})", segment_label(&s.name), s.respondents)),
        );
        header.extend([
            "Welch F".to_owned(),
            "p".to_owned(),
            "p Holm".to_owned(),
            "K-W H".to_owned(),
            "p".to_owned(),
            "p Holm".to_owned(),
        ]);
        let rows: Vec<Vec<String>> = view
            .tests
            .iter()
            .filter(|t| t.measure == measure)
            .map(|t| {
                let mut row = vec![t.id.clone()];
                row.extend(t.groups.iter().map(|g| {
                    let mark = if g.tested { "" } else { " *" };
                    format!("{}{mark}", num(g.mean, 2))
                }));
                let w = t.welch_anova.as_ref();
                let k = t.kruskal_wallis.as_ref();
                row.extend([
                    num(w.map(|w| w.f), 2),
                    p_value(w.map(|w| w.p)),
                    p_value(w.and_then(|w| w.p_holm)),
                    num(k.map(|k| k.h), 2),
                    p_value(k.map(|k| k.p)),
                    p_value(k.and_then(|k| k.p_holm)),
                ]);
                row
            })
            .collect();
        table(flavour, &header, &rows, &mut out);
    }
    if view.tests.iter().any(|t| t.groups.iter().any(|g| !g.tested)) {
        let _ = writeln!(out, "\n* fewer than {} scored respondents: not tested.", view.min_segment_n);
    }
    out
}

/// The segment section as terminal text (appended to [`crate::render_text`]'s output).
pub fn render_segments_text(view: &SegmentsView) -> String {
    render_segments(view, Flavour::Terminal)
}

/// The segment section as Markdown (appended to [`crate::render_markdown`]'s output).
pub fn render_segments_markdown(view: &SegmentsView) -> String {
    render_segments(view, Flavour::Markdown)
}
