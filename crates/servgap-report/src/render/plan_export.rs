//! The action plan as the four tables of an actions register (actions, tasks, history,
//! links) in exactly the layout the study reader loads (`docs/study-format.md`,
//! "Actions"): column names are the reader's keys and statuses their ids, whatever the
//! report language, so a person can edit the export in a spreadsheet and the study loads
//! it back. Written by [`super::diagnosis_export::render_xlsx`] (one sheet per table) and
//! [`super::diagnosis_export::render_csv`] (one file per table, UTF-8 with a BOM and
//! formula escaping, which the reader undoes).

use super::diagnosis_export::{Cell, ExportTable};
use crate::model::plan::{ActionView, PlanReport};

/// Table names (sheet names; CSV files `<stem>.csv`, `<stem>-tasks.csv`, …) and their
/// columns, in the reader's order.
pub const PLAN_COLUMNS: [(&str, &[&str]); 4] = [
    (
        "actions",
        &[
            "slug",
            "title",
            "description",
            "owner",
            "departments",
            "start",
            "due",
            "status",
            "metric_gap",
            "metric_unit",
            "metric_baseline_wave",
            "metric_baseline",
            "metric_target",
            "metric_expected_share",
        ],
    ),
    ("tasks", &["action", "title", "owner", "due", "status"]),
    ("history", &["action", "date", "status", "comment"]),
    ("links", &["action", "gap"]),
];

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_owned())
    }
}

fn opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, text)
}

fn number(v: Option<f64>) -> Cell {
    v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Number)
}

fn action_row(a: &ActionView) -> Vec<Cell> {
    let m = a.metric.as_ref();
    vec![
        text(&a.slug),
        text(&a.title),
        text(&a.description),
        opt(a.owner.as_deref()),
        text(&a.departments.join("; ")),
        text(&a.start),
        text(&a.due),
        text(&a.status),
        opt(m.map(|m| m.gap.as_str())),
        opt(m.map(|m| m.unit.as_str())),
        opt(m.map(|m| m.baseline_wave.as_str())),
        number(m.and_then(|m| m.baseline)),
        number(m.map(|m| m.target)),
        number(m.map(|m| m.expected_share)),
    ]
}

fn table(index: usize, rows: Vec<Vec<Cell>>) -> ExportTable {
    let (name, columns) = PLAN_COLUMNS[index];
    ExportTable { name, header: columns.iter().map(|c| (*c).to_owned()).collect(), rows }
}

/// The four register tables of the plan.
pub fn plan_tables(report: &PlanReport) -> Vec<ExportTable> {
    let actions = report.actions.iter().map(action_row).collect();
    let tasks = report
        .actions
        .iter()
        .flat_map(|a| {
            a.tasks.iter().map(|t| {
                vec![
                    text(&a.slug),
                    text(&t.title),
                    opt(t.owner.as_deref()),
                    opt(t.due.as_deref()),
                    text(&t.status),
                ]
            })
        })
        .collect();
    let history = report
        .actions
        .iter()
        .flat_map(|a| {
            a.history.iter().map(|c| vec![text(&a.slug), text(&c.date), text(&c.status), text(&c.comment)])
        })
        .collect();
    let links =
        report.actions.iter().flat_map(|a| a.gaps.iter().map(|g| vec![text(&a.slug), text(g)])).collect();
    vec![table(0, actions), table(1, tasks), table(2, history), table(3, links)]
}
