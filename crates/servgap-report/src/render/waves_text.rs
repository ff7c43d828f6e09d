//! A wave comparison as terminal text, Markdown and JSON.

use std::fmt::Write as _;

use super::support::plain::{heading, table, Flavour};
use crate::i18n::Lang;
use crate::model::{ChangeView, WaveReport};

fn change_table(rows: &[ChangeView], first: &str, flavour: Flavour, lang: Lang, out: &mut String) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let before = cl.before.to_lowercase();
    let after = cl.after.to_lowercase();
    let header: Vec<String> = vec![
        first.to_owned(),
        format!("n {before}"),
        before.clone(),
        format!("n {after}"),
        after.clone(),
        cl.col_change.to_lowercase(),
        lang.ci_label(0.95).split_whitespace().last().unwrap_or("CI").to_owned(),
        "p".to_owned(),
        l.col_p_holm.to_owned(),
        cl.col_verdict.to_lowercase(),
    ];
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            let name = match c.scope.as_str() {
                "dimension" => c.name(lang.code()).unwrap_or(&c.id).to_owned(),
                "overall" => cl.overall_score.to_owned(),
                _ => c.id.clone(),
            };
            let label = if c.measure == "gap" {
                name
            } else {
                format!("{name} ({})", lang.comparison_short(&c.measure))
            };
            vec![
                label,
                c.before.n.to_string(),
                lang.num(c.before.mean, 2),
                c.after.n.to_string(),
                lang.num(c.after.mean, 2),
                lang.signed(c.change, 2),
                lang.interval(c.ci, 2),
                lang.p(c.p),
                lang.p(c.p_holm),
                lang.verdict(&c.verdict),
            ]
        })
        .collect();
    table(flavour, &header, &body, out);
}

fn render_waves(report: &WaveReport, flavour: Flavour, lang: Lang) -> String {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let mut out = String::new();
    let title = format!("{}: {}", cl.waves_title, report.instrument.title_in(lang.code()));
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# {title}");
        }
        Flavour::Terminal => {
            let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
        }
    }
    for (label, input) in [(cl.before, &report.before), (cl.after, &report.after)] {
        let file = input.path.as_deref().unwrap_or(&input.file);
        let _ = writeln!(out, "{label}: {file} ({} {})", input.rows, l.rows_read);
    }
    for (label, input) in [(cl.before, &report.before), (cl.after, &report.after)] {
        let flagged: u64 = input.findings.iter().map(|f| f.count).sum();
        if flagged > 0 {
            let _ = writeln!(out, "{} ({label}): {flagged}", l.h_data_quality);
        }
    }
    let _ = writeln!(out, "\n{}", cl.design_text);
    let _ = writeln!(out, "{} {}", cl.verdict_text, lang.ci_label(report.method.confidence));
    heading(flavour, 2, cl.overall_score, &mut out);
    change_table(&report.overall, l.col_score, flavour, lang, &mut out);
    heading(flavour, 2, l.h_dimensions, &mut out);
    change_table(&report.dimensions, l.col_dimension, flavour, lang, &mut out);
    heading(flavour, 2, cl.h_items, &mut out);
    change_table(&report.items, l.col_item, flavour, lang, &mut out);
    out
}

/// A wave comparison as terminal text in `lang`.
pub fn render_waves_text(report: &WaveReport, lang: Lang) -> String {
    render_waves(report, Flavour::Terminal, lang)
}

/// A wave comparison as Markdown in `lang`.
pub fn render_waves_markdown(report: &WaveReport, lang: Lang) -> String {
    render_waves(report, Flavour::Markdown, lang)
}

/// A wave comparison as pretty-printed JSON, with a trailing newline.
///
/// # Errors
/// Only if serialisation fails (it does not for these types).
pub fn render_waves_json(report: &WaveReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}

#[cfg(test)]
mod tests;
