//! The ranked priorities as aligned terminal text, Markdown and JSON, and the tables and
//! sentences the HTML page and the study report share with them.

use std::fmt::Write as _;

use super::diagnosis_export::quadrant_label;
use super::support::plain::{heading, table, Flavour};
use crate::i18n::priorities::{component_label, ASSUMED_MARK};
use crate::i18n::Lang;
use crate::model::priorities::{
    ComponentView, DerivedImportanceView, PrioritiesReport, PriorityRow, COMPONENTS,
};

/// The title line: study, wave and dates.
pub(crate) fn title(lang: Lang, report: &PrioritiesReport) -> String {
    format!(
        "{} — {} ({}), {} {} ({} – {})",
        lang.prio("Gap priorities"),
        report.study_name,
        report.study,
        lang.prio("wave"),
        report.wave.slug,
        report.wave.start,
        report.wave.end
    )
}

/// What was ranked, with which weights, and the filters: one sentence.
pub(crate) fn summary(lang: Lang, report: &PrioritiesReport) -> String {
    let mut text = format!(
        "{}; {}: {}.",
        capitalise(&lang.ranked_count(report.ranked.len(), report.total)),
        lang.prio("weights"),
        lang.weights_phrase(&report.weights)
    );
    for (label, value) in [("unit", &report.filters.unit), ("department", &report.filters.department)] {
        if let Some(v) = value {
            let _ = write!(text, " {}: {v}.", capitalise(lang.prio(label)));
        }
    }
    let quadrants: Vec<String> = report
        .quadrant_counts
        .iter()
        .map(|(q, n)| format!("{}: {n}", lang.prio(quadrant_label(q))))
        .collect();
    let _ = write!(text, " {}: {}.", capitalise(lang.prio("quadrant")), quadrants.join(", "));
    text
}

/// How stability was measured, or that it was not.
pub(crate) fn stability_note(lang: Lang, report: &PrioritiesReport) -> String {
    report.stability.as_ref().map_or_else(
        || lang.prio("The ranking's stability was not measured.").to_owned(),
        |s| lang.stability_settings(s),
    )
}

/// The formula of the score, in words: [`FORMULA`] when missing components count at a
/// neutral value, [`FORMULA_RENORMALISED`] when they are left out.
pub(crate) fn formula(report: &PrioritiesReport) -> &'static str {
    if report.neutral.is_some() {
        FORMULA
    } else {
        FORMULA_RENORMALISED
    }
}

/// The formula of the score with missing components at the neutral value, in words.
pub(crate) const FORMULA: &str = "Score = Σ weight × component ÷ Σ weights; every component is 0–1, and one that could not be measured counts at the study's neutral value (marked †), so a gap with less data does not outrank one measured on everything. Severity: normalised size shrunk by its uncertainty; impact: importance of what the gap touches × reach (the share of customers with perception below expectation, counted, or of tickets missing the target); a KPI gap without linked survey items takes as its importance φ between meeting its target and a satisfied CSAT on the same tickets; urgency: trend, a breach or the minimum band, a deadline; feasibility: effort, cost and the departments' ratings (1 = easiest).";

/// The formula of the score with missing components left out, in words.
pub(crate) const FORMULA_RENORMALISED: &str = "Score = Σ weight × component ÷ Σ weights of the components measured; every component is 0–1. Severity: normalised size shrunk by its uncertainty; impact: importance of what the gap touches × reach; urgency: trend, a breach or the minimum band, a deadline; feasibility: effort, cost and the departments' ratings (1 = easiest).";

/// Header of the ranked table.
pub(crate) fn ranked_header(lang: Lang, report: &PrioritiesReport) -> Vec<String> {
    let mut header: Vec<String> = ["rank", "id", "unit", "subject", "departments"]
        .iter()
        .chain(COMPONENTS.iter())
        .chain(["score", "quadrant"].iter())
        .map(|h| lang.prio(component_or(h)).to_owned())
        .collect();
    if let Some(s) = &report.stability {
        header.push(lang.in_top(s.top_k));
        header.push(lang.prio("rank interval").to_owned());
    }
    header
}

fn component_or(h: &'static str) -> &'static str {
    if COMPONENTS.contains(&h) {
        component_label(h)
    } else {
        h
    }
}

/// One row of the ranked table.
pub(crate) fn ranked_cells(lang: Lang, report: &PrioritiesReport, row: &PriorityRow) -> Vec<String> {
    let mut cells = vec![
        rank_text(row),
        row.id.clone(),
        row.unit.clone(),
        lang.subject_text(&row.label, &row.id, &row.subject),
        row.departments.join(", "),
    ];
    for c in COMPONENTS {
        cells.push(component_value(lang, row.component(c)));
    }
    cells.push(lang.num(row.score, 3));
    cells.push(quadrant_text(lang, row));
    if report.stability.is_some() {
        let s = row.stability.as_ref();
        cells.push(s.map_or_else(|| "–".to_owned(), |s| lang.percent(s.top_k_share)));
        cells.push(
            s.and_then(|s| s.rank_interval).map_or_else(|| "–".to_owned(), |[a, b]| format!("{a}–{b}")),
        );
    }
    cells
}

/// A component's value with 2 decimals; an assumed one as the neutral value marked
/// [`ASSUMED_MARK`] (`0.50†`); `–` when missing and not counted.
pub(crate) fn component_value(lang: Lang, c: Option<&ComponentView>) -> String {
    match c.and_then(|c| c.assumed) {
        Some(m) => format!("{}{ASSUMED_MARK}", lang.num(Some(m), 2)),
        None => lang.num(c.and_then(|c| c.value), 2),
    }
}

/// The legend of [`ASSUMED_MARK`] when some row shown has an assumed component.
pub(crate) fn assumed_legend(lang: Lang, report: &PrioritiesReport) -> Option<String> {
    let neutral = report.neutral?;
    report.ranked.iter().any(|r| !r.assumed.is_empty()).then(|| lang.assumed_legend(neutral))
}

/// The rank as text, `–` without one.
pub(crate) fn rank_text(row: &PriorityRow) -> String {
    row.rank.map_or_else(|| "–".to_owned(), |r| r.to_string())
}

/// The quadrant's name, `–` without one.
pub(crate) fn quadrant_text(lang: Lang, row: &PriorityRow) -> String {
    row.quadrant.as_deref().map_or_else(|| "–".to_owned(), |q| lang.prio(quadrant_label(q)).to_owned())
}

/// The explanation of one row: `ranked 2nd: …; in the top 5 in 87 % …` (each missing
/// component is named in the first part, with why it is missing and what it counts as).
pub(crate) fn explanation(lang: Lang, report: &PrioritiesReport, row: &PriorityRow) -> String {
    let mut text = lang.rank_explanation(row);
    if let Some(d) = ticket_association(row) {
        let _ = write!(text, "; {}: {}", lang.prio("impact"), lang.derived_importance_text(d));
    }
    if let (Some(s), Some(settings)) = (&row.stability, &report.stability) {
        let _ = write!(text, "; {}", lang.rank_stability(s, settings.top_k));
    }
    text
}

/// The derived importance of a row's impact when it is a ticket-level association with CSAT
/// (a KPI gap without linked survey items).
pub(crate) fn ticket_association(row: &PriorityRow) -> Option<&DerivedImportanceView> {
    row.component("impact")?.derived_importance.as_ref().filter(|d| d.association.is_some())
}

/// Header of the components table.
pub(crate) fn components_header(lang: Lang) -> Vec<String> {
    ["id", "component", "value", "weight", "contribution", "basis", "parts"]
        .iter()
        .map(|h| lang.prio(h).to_owned())
        .collect()
}

/// Rows of the components table: one per gap and component.
pub(crate) fn components_rows(lang: Lang, report: &PrioritiesReport) -> Vec<Vec<String>> {
    report
        .ranked
        .iter()
        .flat_map(|row| {
            row.components.iter().map(move |c| {
                // A derived importance with its basis replaces the bare part.
                let shown = |name: &str| !(name == "derived-importance" && c.derived_importance.is_some());
                let mut parts: Vec<String> = c
                    .parts
                    .iter()
                    .filter(|(name, _)| shown(name))
                    .map(|(name, v)| {
                        format!("{} {}", lang.part_name(name), lang.num(Some(*v), part_digits(name)))
                    })
                    .collect();
                parts.extend(c.derived_importance.as_ref().map(|d| lang.derived_importance_text(d)));
                let basis = match (&c.basis, c.value) {
                    (Some(b), _) => lang.part_name(b),
                    (None, None) => lang.component_missing(&c.component, c.missing_reason.as_deref()),
                    (None, Some(_)) => "–".to_owned(),
                };
                vec![
                    format!("{} {}", rank_text(row), row.id),
                    lang.prio(component_label(&c.component)).to_owned(),
                    component_value(lang, Some(c)),
                    lang.num(c.weight, 2),
                    lang.num(c.contribution, 3),
                    basis,
                    parts.join("; "),
                ]
            })
        })
        .collect()
}

/// Decimals of a part: counts (waves, respondents, days) are whole.
fn part_digits(name: &str) -> usize {
    if matches!(name, "trend-waves" | "reach-n" | "deadline-days") {
        0
    } else {
        2
    }
}

/// Header of the feasibility table.
pub(crate) fn feasibility_header(lang: Lang) -> Vec<String> {
    ["id", "feasibility", "effort", "cost", "median", "quartiles", "lowest–highest", "raters"]
        .iter()
        .map(|h| lang.prio(h).to_owned())
        .collect()
}

/// Rows of the feasibility table: the gaps somebody rated.
pub(crate) fn feasibility_rows(lang: Lang, report: &PrioritiesReport) -> Vec<Vec<String>> {
    report
        .ranked
        .iter()
        .filter_map(|row| {
            let f = row.feasibility.as_ref()?;
            let raters: Vec<String> =
                f.ratings.iter().map(|r| format!("{} ({})", r.rater, r.department)).collect();
            let raters = if raters.is_empty() { f.raters.to_string() } else { raters.join(", ") };
            Some(vec![
                format!("{} {}", rank_text(row), row.id),
                lang.num(f.value, 2),
                f.effort.clone().unwrap_or_else(|| "–".to_owned()),
                lang.num(f.cost, 0),
                lang.num(f.rating_median, 1),
                lang.interval(f.rating_quartiles, 1),
                f.rating_range.map_or_else(|| "–".to_owned(), |[a, b]| format!("{a}–{b}")),
                raters,
            ])
        })
        .collect()
}

/// First letter upper-case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().collect::<String>() + chars.as_str())
}

/// The priorities section body (ranked table, explanations, components, feasibility) at
/// heading `level`, for the priorities report and the study report.
pub(crate) fn section(
    report: &PrioritiesReport,
    lang: Lang,
    flavour: Flavour,
    level: usize,
    out: &mut String,
) {
    if report.ranked.is_empty() {
        let _ = writeln!(out, "{}", lang.prio("No gap to rank."));
        return;
    }
    heading(flavour, level, lang.prio("Ranked gaps"), out);
    let rows: Vec<Vec<String>> = report.ranked.iter().map(|r| ranked_cells(lang, report, r)).collect();
    table(flavour, &ranked_header(lang, report), &rows, out);
    if let Some(legend) = assumed_legend(lang, report) {
        let _ = writeln!(out, "{legend}\n");
    }
    heading(flavour, level, lang.prio("Why each gap ranks where it does"), out);
    for row in &report.ranked {
        let subject = lang.subject_text(&row.label, &row.id, &row.subject);
        let _ =
            writeln!(out, "- {} — {} ({}).", capitalise(&explanation(lang, report, row)), row.id, subject);
    }
}

fn render(report: &PrioritiesReport, lang: Lang, flavour: Flavour) -> String {
    let mut out = String::new();
    heading(flavour, 1, &title(lang, report), &mut out);
    let _ = writeln!(out, "{}", summary(lang, report));
    section(report, lang, flavour, 2, &mut out);
    if !report.ranked.is_empty() {
        heading(flavour, 2, lang.prio("Components of each score"), &mut out);
        table(flavour, &components_header(lang), &components_rows(lang, report), &mut out);
        let feasibility = feasibility_rows(lang, report);
        if !feasibility.is_empty() {
            heading(flavour, 2, lang.prio("Feasibility ratings"), &mut out);
            table(flavour, &feasibility_header(lang), &feasibility, &mut out);
        }
    }
    heading(flavour, 2, lang.prio("Weights and stability"), &mut out);
    let _ = writeln!(out, "{}\n\n{}", lang.prio(formula(report)), stability_note(lang, report));
    out
}

/// The priorities as terminal text.
pub fn render_priorities_text(report: &PrioritiesReport, lang: Lang) -> String {
    render(report, lang, Flavour::Terminal)
}

/// The priorities as GitHub-flavoured Markdown.
pub fn render_priorities_markdown(report: &PrioritiesReport, lang: Lang) -> String {
    render(report, lang, Flavour::Markdown)
}

/// The priorities as pretty JSON (schema `servgap.priorities/1`, `docs/priorities-json.md`).
///
/// # Errors
/// Serialisation failure (a non-finite number cannot be written).
pub fn render_priorities_json(report: &PrioritiesReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}
