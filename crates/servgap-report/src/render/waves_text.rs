//! A wave comparison as terminal text, Markdown and JSON.

use std::fmt::Write as _;

use super::support::plain::{heading, interval, num, p_value, table, Flavour};
use crate::model::{ChangeView, WaveReport};

fn change_table(rows: &[ChangeView], first: &str, flavour: Flavour, out: &mut String) {
    let header: Vec<String> =
        [first, "n before", "before", "n after", "after", "change", "CI", "p", "p Holm", "verdict"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            let label = if c.measure == "gap" { c.id.clone() } else { format!("{} ({})", c.id, c.measure) };
            vec![
                label,
                c.before.n.to_string(),
                num(c.before.mean, 2),
                c.after.n.to_string(),
                num(c.after.mean, 2),
                num(c.change, 2),
                interval(c.ci),
                p_value(c.p),
                p_value(c.p_holm),
                c.verdict.to_owned(),
            ]
        })
        .collect();
    table(flavour, &header, &body, out);
}

fn render_waves(report: &WaveReport, flavour: Flavour) -> String {
    let mut out = String::new();
    let title = format!("Wave comparison: {}", report.instrument.title);
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# {title}");
        }
        Flavour::Terminal => {
            let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
        }
    }
    let _ = writeln!(out, "\nBefore: {} ({} rows)", report.before.file, report.before.rows);
    let _ = writeln!(out, "After:  {} ({} rows)", report.after.file, report.after.rows);
    for (label, input) in [("before", &report.before), ("after", &report.after)] {
        let flagged: u64 = input.findings.iter().map(|f| f.count).sum();
        if flagged > 0 {
            let _ = writeln!(
                out,
                "Data quality ({label}): {flagged} finding(s), handled by the missing-data policy."
            );
        }
    }
    let level = (report.method.confidence * 100.0).round();
    let _ = writeln!(out, "\nMethod: {}.", report.method.test);
    let _ = writeln!(out, "Verdict: {}; CI = {level:.0} % interval.", report.method.verdict);
    let _ = writeln!(out, "Adjustment: {}.", report.method.adjustment);
    heading(flavour, 2, "Overall score", &mut out);
    change_table(&report.overall, "Score", flavour, &mut out);
    heading(flavour, 2, "Dimensions", &mut out);
    change_table(&report.dimensions, "Dimension", flavour, &mut out);
    heading(flavour, 2, "Items", &mut out);
    change_table(&report.items, "Item", flavour, &mut out);
    out
}

/// A wave comparison as terminal text.
pub fn render_waves_text(report: &WaveReport) -> String {
    render_waves(report, Flavour::Terminal)
}

/// A wave comparison as Markdown.
pub fn render_waves_markdown(report: &WaveReport) -> String {
    render_waves(report, Flavour::Markdown)
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
