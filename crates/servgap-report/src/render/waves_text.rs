//! A wave comparison as terminal text, Markdown and JSON.
//!
//! Every change table shows the verdict's adjusted inference (simultaneous interval,
//! Holm p) and, labelled "unadjusted", the per-change Welch interval and p.

use std::fmt::Write as _;

use super::support::plain::{heading, table, Flavour};
use crate::i18n::Lang;
use crate::model::{ChangeView, PanelView, TrendView, WaveReport};

fn row_label(lang: Lang, scope: &str, id: &str, name: Option<&str>, measure: &str) -> String {
    let cl = lang.compare_labels();
    let name = match scope {
        "dimension" => name.unwrap_or(id).to_owned(),
        "overall" => cl.overall_score.to_owned(),
        _ => id.to_owned(),
    };
    if measure == "gap" {
        name
    } else {
        format!("{name} ({})", lang.comparison_short(measure))
    }
}

fn change_table(
    rows: &[&ChangeView],
    first: &str,
    confidence: f64,
    flavour: Flavour,
    lang: Lang,
    out: &mut String,
) {
    let cl = lang.compare_labels();
    let wl = lang.wave_labels();
    let before = cl.before.to_lowercase();
    let after = cl.after.to_lowercase();
    let header: Vec<String> = vec![
        first.to_owned(),
        format!("n {before}"),
        before.clone(),
        format!("n {after}"),
        after.clone(),
        cl.col_change.to_lowercase(),
        lang.simultaneous_ci_label(confidence),
        wl.col_p_holm.to_owned(),
        cl.col_verdict.to_lowercase(),
        lang.unadjusted_ci_label(confidence),
        lang.unadjusted_p_label(),
    ];
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            vec![
                row_label(lang, &c.scope, &c.id, c.name(lang.code()), &c.measure),
                c.before.n.to_string(),
                lang.num(c.before.mean, 2),
                c.after.n.to_string(),
                lang.num(c.after.mean, 2),
                lang.signed(c.change, 2),
                lang.interval(c.ci_simultaneous, 2),
                lang.p(c.p_holm),
                lang.verdict(&c.verdict),
                lang.interval(c.ci_unadjusted, 2),
                lang.p(c.p_unadjusted),
            ]
        })
        .collect();
    table(flavour, &header, &body, out);
}

/// Dimensions and the overall score in every wave: mean and unadjusted CI per wave.
fn trend_table(report: &WaveReport, flavour: Flavour, lang: Lang, out: &mut String) {
    let l = lang.labels();
    let mut header = vec![l.col_dimension.to_owned()];
    for k in 0..report.waves.len() {
        header.push(format!("n {}", lang.wave_name(k)));
        header.push(format!("{} ({})", lang.wave_name(k), lang.ci_label(report.method.confidence)));
    }
    let rows: Vec<&TrendView> = report.trend.iter().filter(|t| t.scope != "item").collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|t| {
            let mut cells = vec![row_label(lang, &t.scope, &t.id, t.name(lang.code()), &t.measure)];
            for side in &t.waves {
                cells.push(side.n.to_string());
                cells.push(format!("{} {}", lang.num(side.mean, 2), lang.interval(side.ci, 2)));
            }
            cells
        })
        .collect();
    table(flavour, &header, &body, out);
}

/// The paired changes of a panel's dimensions and overall score, then its items.
fn panel_table(panel: &PanelView, confidence: f64, flavour: Flavour, lang: Lang, out: &mut String) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let pl = lang.panel_labels();
    let header: Vec<String> = vec![
        l.col_dimension.to_owned(),
        pl.col_pairs.to_owned(),
        pl.col_mean_change.to_owned(),
        lang.unadjusted_ci_label(confidence),
        lang.unadjusted_p_label(),
        pl.col_wilcoxon.to_owned(),
        lang.wave_labels().col_p_holm.to_owned(),
        cl.col_verdict.to_lowercase(),
    ];
    let mut rows: Vec<_> = panel.changes.iter().filter(|c| c.scope != "item").collect();
    rows.extend(panel.changes.iter().filter(|c| c.scope == "item"));
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            vec![
                row_label(lang, &c.scope, &c.id, c.name(lang.code()), &c.measure),
                c.n.to_string(),
                lang.signed(c.mean, 2),
                lang.interval(c.ci_unadjusted, 2),
                lang.p(c.p_unadjusted),
                lang.p(c.wilcoxon_p_unadjusted),
                lang.p(c.p_holm),
                lang.verdict(&c.verdict),
            ]
        })
        .collect();
    table(flavour, &header, &body, out);
}

fn render_panels(report: &WaveReport, flavour: Flavour, lang: Lang, out: &mut String) {
    if report.panels.is_empty() {
        return;
    }
    let pl = lang.panel_labels();
    heading(flavour, 2, pl.h_panel, out);
    let _ = writeln!(out, "{}", pl.intro);
    for panel in &report.panels {
        let contrast = lang.contrast_name(panel.from, panel.to);
        let sentence = lang.panel_sentence(
            &contrast,
            panel.ids,
            panel.matched,
            panel.unmatched,
            &panel.design,
            panel.forced,
        );
        let _ = writeln!(out, "\n{sentence}");
        if !panel.changes.is_empty() {
            heading(flavour, 3, &contrast, out);
            panel_table(panel, report.method.confidence, flavour, lang, out);
        }
    }
}

fn render_waves(report: &WaveReport, flavour: Flavour, lang: Lang) -> String {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let wl = lang.wave_labels();
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
    for (k, input) in report.waves.iter().enumerate() {
        let file = input.path.as_deref().unwrap_or(&input.file);
        let _ = writeln!(out, "{}: {file} ({} {})", lang.wave_name(k), input.rows, l.rows_read);
    }
    for (k, input) in report.waves.iter().enumerate() {
        let flagged: u64 = input.findings.iter().map(|f| f.count).sum();
        if flagged > 0 {
            let _ = writeln!(out, "{} ({}): {flagged}", l.h_data_quality, lang.wave_name(k));
        }
    }
    let _ = writeln!(out, "\n{}", wl.design_text);
    let tests = |id: &str| report.method.families.iter().find(|f| f.id == id).map_or(0, |f| f.tests);
    let _ = writeln!(out, "{}", lang.families_sentence(report.method.alpha, tests("items"), tests("scores")));
    if report.waves.len() > 2 {
        heading(flavour, 2, wl.h_trend_waves, &mut out);
        trend_table(report, flavour, lang, &mut out);
    }
    let several = report.contrasts.len() > 1;
    for contrast in &report.contrasts {
        let [overall, dimensions, items] = report.contrast(contrast.from, contrast.to);
        let level = if several { 3 } else { 2 };
        if several {
            heading(flavour, 2, &lang.contrast_name(contrast.from, contrast.to), &mut out);
        }
        let confidence = report.method.confidence;
        heading(flavour, level, cl.overall_score, &mut out);
        change_table(&overall, l.col_score, confidence, flavour, lang, &mut out);
        heading(flavour, level, l.h_dimensions, &mut out);
        change_table(&dimensions, l.col_dimension, confidence, flavour, lang, &mut out);
        heading(flavour, level, cl.h_items, &mut out);
        change_table(&items, l.col_item, confidence, flavour, lang, &mut out);
    }
    render_panels(report, flavour, lang, &mut out);
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
