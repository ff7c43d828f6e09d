//! The gap-study diagnosis as aligned terminal text, Markdown and JSON.

use std::fmt::Write as _;

use super::diagnosis_export::quadrant_label;
use super::support::plain::{heading, table, Flavour};
use crate::i18n::Lang;
use crate::model::diagnosis::{DiagnosisReport, ModelBar, RegisterRow, UnitView};

/// The model rows of a unit: gap, headline gap, size, its interval, measured, certain.
pub(crate) fn model_rows(lang: Lang, unit: &UnitView) -> Vec<Vec<String>> {
    unit.model
        .iter()
        .map(|b: &ModelBar| {
            vec![
                lang.gap_name(b.gap).to_string(),
                b.headline.clone().unwrap_or_else(|| lang.diag("not measured").to_string()),
                lang.num(b.size, 2),
                lang.interval(b.size_interval, 2),
                b.measured.to_string(),
                b.certain.to_string(),
            ]
        })
        .collect()
}

/// The five-gap model's columns; the interval's heading names `level`.
pub(crate) fn model_header(lang: Lang, level: f64) -> Vec<String> {
    let mut header: Vec<String> = ["gap", "headline gap", "size", "measured", "certain"]
        .iter()
        .map(|h| lang.diag(h).to_string())
        .collect();
    header.insert(3, lang.size_ci_label(level));
    header
}

/// The register columns every printer shows; the interval's heading names `level`.
pub(crate) fn register_header(lang: Lang, level: f64) -> Vec<String> {
    let mut header: Vec<String> =
        ["id", "unit", "subject", "departments", "current", "desired", "difference", "size", "n", "quadrant"]
            .iter()
            .map(|h| lang.diag(h).to_string())
            .collect();
    header.insert(7, lang.ci_label(level));
    header
}

pub(crate) fn register_cells(lang: Lang, r: &RegisterRow) -> Vec<String> {
    let v = |x: f64| lang.gap_value(&r.measure_unit, x);
    let judged = r.measure_unit == "judged";
    vec![
        r.id.clone(),
        r.unit.clone(),
        lang.gap_subject(r),
        r.departments.join(", "),
        if judged { lang.diag("judged").to_string() } else { v(r.current) },
        if judged { "–".into() } else { v(r.desired) },
        if judged { "–".into() } else { lang.num(Some(r.difference), 2) },
        lang.interval(r.interval, 2),
        lang.num(r.size, 2),
        r.n.to_string(),
        lang.diag(quadrant_label(&r.quadrant)).to_string(),
    ]
}

pub(crate) fn factor_header(lang: Lang) -> Vec<String> {
    ["factor", "gap", "units", "rho", "rho p", "tau", "method", "as predicted"]
        .iter()
        .map(|h| lang.diag(h).to_string())
        .collect()
}

pub(crate) fn factor_rows(lang: Lang, report: &DiagnosisReport) -> Vec<Vec<String>> {
    report
        .factors
        .iter()
        .map(|f| {
            vec![
                f.factor.clone(),
                f.gap.to_string(),
                format!("{} (min {})", f.units, f.minimum_units),
                lang.num(f.rho, 2),
                lang.p(f.rho_p),
                lang.num(f.tau, 2),
                f.method.clone().unwrap_or_else(|| lang.diag("not measured").to_string()),
                f.sign_as_predicted.map_or("–", |v| lang.diag(if v { "yes" } else { "no" })).to_string(),
            ]
        })
        .collect()
}

/// The title line: study, wave and dates.
pub(crate) fn title(lang: Lang, report: &DiagnosisReport) -> String {
    format!(
        "{} — {} ({}), {} {} ({} – {})",
        lang.diag("Gap diagnosis"),
        report.study_name,
        report.study,
        lang.diag("Wave").to_lowercase(),
        report.wave.slug,
        report.wave.start,
        report.wave.end
    )
}

/// The quadrant counts as one sentence.
pub(crate) fn summary(lang: Lang, report: &DiagnosisReport) -> String {
    let parts: Vec<String> = report
        .quadrant_counts
        .iter()
        .map(|(q, n)| format!("{}: {n}", lang.diag(quadrant_label(q))))
        .collect();
    format!("{}: {}.", lang.diag("Gap register"), parts.join(", "))
}

fn render(report: &DiagnosisReport, lang: Lang, flavour: Flavour) -> String {
    let mut out = String::new();
    heading(flavour, 1, &title(lang, report), &mut out);
    let _ = writeln!(out, "{}", summary(lang, report));
    for unit in &report.units {
        let name =
            if unit.name.is_empty() { unit.slug.clone() } else { format!("{} ({})", unit.name, unit.slug) };
        heading(flavour, 2, &format!("{}: {name}", lang.diag("Unit")), &mut out);
        heading(flavour, 3, lang.diag("The five-gap model"), &mut out);
        table(flavour, &model_header(lang, report.level), &model_rows(lang, unit), &mut out);
        heading(flavour, 3, lang.diag("Findings"), &mut out);
        for f in &unit.findings {
            let _ = writeln!(out, "- {}.", capitalise(&lang.finding(f)));
        }
    }
    heading(flavour, 2, lang.diag("Gap register"), &mut out);
    let rows: Vec<Vec<String>> = report.register.iter().map(|r| register_cells(lang, r)).collect();
    table(flavour, &register_header(lang, report.level), &rows, &mut out);
    let _ = writeln!(out, "\n{}", lang.diag(CATEGORISATION));
    if let Some(priorities) = &report.priorities {
        heading(flavour, 2, lang.prio("Priorities"), &mut out);
        let _ = writeln!(out, "{}", super::priorities_text::summary(lang, priorities));
        super::priorities_text::section(priorities, lang, flavour, 3, &mut out);
    }
    if !report.factors.is_empty() {
        heading(flavour, 2, lang.diag("Contributing factors across units"), &mut out);
        table(flavour, &factor_header(lang), &factor_rows(lang, report), &mut out);
        let _ = writeln!(out, "\n{}", lang.diag(CAVEAT));
    }
    if let Some(plan) = &report.plan {
        heading(flavour, 2, lang.plan("Action plan"), &mut out);
        super::plan_text::plan_body(plan, lang, flavour, 3, &mut out);
    }
    if let Some(progress) = &report.progress {
        heading(flavour, 2, lang.prog("Measured progress"), &mut out);
        super::progress_text::sections(progress, lang, flavour, 3, &mut out);
    }
    out
}

pub(crate) const CATEGORISATION: &str = "Categorisation: impact = normalised size (high from 0.10); urgency: a certain breach of a promise, standard or KPI target 1, another certain shortfall 0.75, an uncertain gap 0.25 (urgent from 0.5).";
pub(crate) const CAVEAT: &str = "Small-n caveat: with few units an association is something to explore, not proof; below the minimum number of units it is not measured.";

/// First letter upper-case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().collect::<String>() + chars.as_str())
}

/// The diagnosis as terminal text.
pub fn render_diagnosis_text(report: &DiagnosisReport, lang: Lang) -> String {
    render(report, lang, Flavour::Terminal)
}

/// The diagnosis as GitHub-flavoured Markdown.
pub fn render_diagnosis_markdown(report: &DiagnosisReport, lang: Lang) -> String {
    render(report, lang, Flavour::Markdown)
}

/// The diagnosis as pretty JSON (schema `servgap.diagnosis/1`).
///
/// # Errors
/// Serialisation failure (a non-finite number cannot be written).
pub fn render_diagnosis_json(report: &DiagnosisReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}
