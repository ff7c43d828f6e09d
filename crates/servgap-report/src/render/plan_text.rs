//! The action plan as aligned terminal text, Markdown and JSON; the table cells and the
//! summary sentence every plan printer shares.

use std::fmt::Write as _;

use super::support::plain::{heading, table, Flavour};
use crate::i18n::Lang;
use crate::model::plan::{ActionView, PlanReport};

/// The page and document title.
pub(crate) fn plan_title(lang: Lang, report: &PlanReport) -> String {
    let name = if report.study_name.is_empty() { &report.study } else { &report.study_name };
    format!("{} — {name}", lang.plan("Action plan"))
}

/// One line: the day, and the count of actions per status.
pub(crate) fn plan_summary(lang: Lang, report: &PlanReport) -> String {
    let counts: Vec<String> = report
        .status_counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {n}", lang.action_status(s)))
        .collect();
    let counts = if counts.is_empty() { lang.plan("none").to_owned() } else { counts.join(", ") };
    format!("{} {}: {} ({counts}).", lang.plan("Actions on"), report.as_of, report.actions.len())
}

/// Header of the actions table.
pub(crate) fn action_header(lang: Lang) -> Vec<String> {
    ["action", "title", "owner", "departments", "start", "due", "status", "days late", "gaps", "metric"]
        .iter()
        .map(|h| lang.plan(h).to_string())
        .collect()
}

/// The metric as one cell: `gap in unit: baseline → target (share %)`.
pub(crate) fn metric_cell(lang: Lang, a: &ActionView) -> String {
    match &a.metric {
        None => lang.plan("none").to_owned(),
        Some(m) => format!(
            "{} ({}, {}): {} → {} ({} {} %)",
            m.gap,
            m.unit,
            m.baseline_wave,
            m.baseline.map_or_else(|| lang.plan("measured").to_owned(), |b| lang.num(Some(b), 2)),
            lang.num(Some(m.target), 2),
            lang.plan("expected share closed"),
            lang.num(Some(m.expected_share * 100.0), 0)
        ),
    }
}

/// Cells of one action row.
pub(crate) fn action_cells(lang: Lang, a: &ActionView) -> Vec<String> {
    vec![
        a.slug.clone(),
        a.title.clone(),
        a.owner.clone().unwrap_or_else(|| lang.plan("nobody").to_owned()),
        a.departments.join(", "),
        a.start.clone(),
        a.due.clone(),
        lang.action_status(&a.status).to_owned(),
        a.days_late.map_or_else(String::new, |d| d.to_string()),
        a.gaps.join(", "),
        metric_cell(lang, a),
    ]
}

/// Header of the tasks table.
pub(crate) fn task_header(lang: Lang) -> Vec<String> {
    ["action", "task", "owner", "due", "status", "days late"]
        .iter()
        .map(|h| lang.plan(h).to_string())
        .collect()
}

/// Task rows of every action.
pub(crate) fn task_rows(lang: Lang, report: &PlanReport) -> Vec<Vec<String>> {
    report
        .actions
        .iter()
        .flat_map(|a| {
            a.tasks.iter().map(move |t| {
                vec![
                    a.slug.clone(),
                    t.title.clone(),
                    t.owner.clone().unwrap_or_else(|| lang.plan("nobody").to_owned()),
                    t.due.clone().unwrap_or_default(),
                    lang.action_status(&t.status).to_owned(),
                    t.days_late.map_or_else(String::new, |d| d.to_string()),
                ]
            })
        })
        .collect()
}

/// Header of the history table.
pub(crate) fn history_header(lang: Lang) -> Vec<String> {
    ["action", "date", "status", "comment"].iter().map(|h| lang.plan(h).to_string()).collect()
}

/// History rows of every action.
pub(crate) fn history_rows(lang: Lang, report: &PlanReport) -> Vec<Vec<String>> {
    report
        .actions
        .iter()
        .flat_map(|a| {
            a.history.iter().map(move |c| {
                vec![
                    a.slug.clone(),
                    c.date.clone(),
                    lang.action_status(&c.status).to_owned(),
                    c.comment.clone(),
                ]
            })
        })
        .collect()
}

/// The findings as sentences, or the sentence saying there is none.
pub(crate) fn finding_lines(lang: Lang, report: &PlanReport) -> Vec<String> {
    if report.findings.is_empty() {
        return vec![lang
            .plan("No finding: every action has an owner and is on time, every high-priority gap has an action.")
            .to_owned()];
    }
    report.findings.iter().map(|f| format!("{}.", capitalise(&lang.plan_finding(f)))).collect()
}

/// The priority rule and the status caveat, as notes under the findings.
pub(crate) fn plan_notes(lang: Lang) -> [&'static str; 2] {
    [
        lang.plan("High-priority gaps: the first top_k ranks of the latest wave's priorities (the study's [priorities])."),
        lang.plan(
            "Status is reported by people; whether a gap closed is measured on the next wave (servgap progress).",
        ),
    ]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The plan sections (actions, tasks, history, findings) at heading `level`, for the
/// plan report and the plan section of the study report.
pub(crate) fn plan_body(report: &PlanReport, lang: Lang, flavour: Flavour, level: usize, out: &mut String) {
    let _ = writeln!(out, "{}", plan_summary(lang, report));
    if report.actions.is_empty() {
        let _ = writeln!(out, "{}", lang.plan("The plan has no action yet."));
    } else {
        heading(flavour, level, lang.plan("Actions"), out);
        let rows: Vec<Vec<String>> = report.actions.iter().map(|a| action_cells(lang, a)).collect();
        table(flavour, &action_header(lang), &rows, out);
        let tasks = task_rows(lang, report);
        if !tasks.is_empty() {
            heading(flavour, level, lang.plan("Tasks"), out);
            table(flavour, &task_header(lang), &tasks, out);
        }
        let history = history_rows(lang, report);
        if !history.is_empty() {
            heading(flavour, level, lang.plan("Status history"), out);
            table(flavour, &history_header(lang), &history, out);
        }
    }
    heading(flavour, level, lang.plan("Findings"), out);
    for line in finding_lines(lang, report) {
        let _ = writeln!(out, "- {line}");
    }
    for note in plan_notes(lang) {
        let _ = writeln!(out, "\n{note}");
    }
}

fn render(report: &PlanReport, lang: Lang, flavour: Flavour) -> String {
    let mut out = String::new();
    heading(flavour, 1, &plan_title(lang, report), &mut out);
    plan_body(report, lang, flavour, 2, &mut out);
    out
}

/// The plan as aligned terminal text.
pub fn render_plan_text(report: &PlanReport, lang: Lang) -> String {
    render(report, lang, Flavour::Terminal)
}

/// The plan as GitHub-flavoured Markdown.
pub fn render_plan_markdown(report: &PlanReport, lang: Lang) -> String {
    render(report, lang, Flavour::Markdown)
}

/// The plan as pretty JSON (schema `servgap.plan/1`).
///
/// # Errors
/// Serialisation failure (a non-finite number cannot be written).
pub fn render_plan_json(report: &PlanReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}
