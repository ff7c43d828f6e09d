//! `plan` on the demo study, and the round trip of the actions register through a
//! workbook and CSV files edited in the test (issue 15, "must show").

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader as _};
use servgap_core::study::plan::{ActionStatus, FindingRule, Plan};
use servgap_ingest::study_file::{csv_sibling, load_study, ACTION_COLUMNS, ACTION_TABLES};
use servgap_pipeline::plan::parse_date;
use servgap_pipeline::study::{write_study, DEMO_STUDY};
use servgap_pipeline::{no_progress, plan, PlanRequest};
use servgap_report::{plan_tables, render_csv, render_xlsx, PlanContext, PlanReport, PLAN_COLUMNS};

use crate::repo;

fn demo() -> std::path::PathBuf {
    repo().join("examples/study/demo")
}

#[test]
fn issue_15_the_demo_plan_on_2025_10_15_has_the_built_in_findings() {
    let request = PlanRequest::new(demo(), parse_date("2025-10-15").unwrap());
    let outcome = plan(&request, &no_progress).unwrap();
    let actions = outcome.plan().actions();
    assert_eq!(actions.len(), 3);
    assert_eq!(actions[0].status(), ActionStatus::Done);
    assert_eq!(actions[1].status(), ActionStatus::InProgress);
    assert_eq!(actions[2].status(), ActionStatus::Blocked);
    let rules: Vec<FindingRule> = outcome.findings.iter().map(|f| f.rule()).collect();
    assert!(!rules.contains(&FindingRule::OverdueAction), "{rules:?}");
    let report = outcome.report();
    let late = &report.actions[1].tasks[0];
    assert_eq!((late.status.as_str(), late.days_late), ("in-progress", Some(30)));
    let owners: Vec<_> = report.findings.iter().filter(|f| f.rule == "action-without-owner").collect();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].action.as_deref(), Some("complaint-handover"));
    assert!(!rules.contains(&FindingRule::MetricNotMeasured), "both metrics are measured on 2025-h2");
    assert_eq!(outcome.priority_wave.as_ref().map(|w| w.as_str()), Some("2025-h2"));
    let without: Vec<_> = report.findings.iter().filter(|f| f.rule == "gap-without-action").collect();
    assert_eq!(
        without.len(),
        outcome.high_priority.iter().filter(|(_, g)| !actions.iter().any(|a| a.gaps().contains(g))).count()
    );
    assert!(without.iter().all(|f| f.gap.as_deref() != Some("g3/standard/frt-4h")), "the rota covers it");
    check_printers(&report);
}

fn check_printers(report: &PlanReport) {
    use servgap_report::{render_plan_html, render_plan_json, render_plan_markdown, render_plan_text, Lang};
    let json: serde_json::Value = serde_json::from_str(&render_plan_json(report).unwrap()).unwrap();
    assert_eq!(json["schema"], "servgap.plan/1");
    assert_eq!(json["actions"][1]["tasks"][0]["days_late"], 30);
    let back: PlanReport = serde_json::from_value(json).unwrap();
    assert_eq!(&back, report, "the JSON reloads into the same view");
    let text = render_plan_text(report, Lang::En);
    assert!(text.contains("Task 1 of action callback-warsaw (“Missed-call list from the phone system”) is overdue: due 2025-09-15, 30 days late."), "{text}");
    let polish = render_plan_text(report, Lang::Pl);
    assert!(polish.contains("Działanie complaint-handover nie ma właściciela."), "{polish}");
    assert!(polish.contains("zablokowane") && polish.contains("30 dni opóźnienia"));
    let markdown = render_plan_markdown(report, Lang::En);
    assert!(markdown.contains("\n## Tasks\n") && markdown.contains("| reply-rota-gdansk |"));
    let html = render_plan_html(report, Lang::Pl);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"pl\">"));
    assert!(html.contains("<th scope=\"col\">termin</th>") && html.contains(">Zadania</caption>"));
    assert_eq!(render_plan_html(report, Lang::Pl), html, "deterministic");
}

#[test]
fn issue_15_the_study_report_has_the_plan_section() {
    use servgap_pipeline::{diagnose, DiagnoseRequest};
    let outcome = diagnose(
        &DiagnoseRequest::new(repo().join("crates/servgap-pipeline/tests/fixtures/study-seed7")),
        &no_progress,
    )
    .unwrap();
    let report = outcome.reports().pop().unwrap();
    let plan = report.plan.as_ref().unwrap();
    assert_eq!(plan.as_of, "2025-12-31", "judged on the wave's last day");
    assert_eq!(plan.actions.len(), 3);
    assert!(plan.findings.iter().any(|f| f.rule == "action-without-owner"));
    let html = servgap_report::render_diagnosis_html(&report, servgap_report::Lang::En);
    assert!(html.contains("<h2 id=\"plan-h\">Action plan</h2>"), "a section of the study report");
    let text = servgap_report::render_diagnosis_text(&report, servgap_report::Lang::Pl);
    assert!(text.contains("Plan działań"));
}

#[test]
fn issue_15_writer_and_reader_agree_on_tables_and_columns() {
    for (i, (name, columns)) in PLAN_COLUMNS.iter().enumerate() {
        assert_eq!(*name, ACTION_TABLES[i]);
        assert_eq!(*columns, ACTION_COLUMNS[i]);
    }
}

/// The demo study in a temporary folder, with its plan and the view to export.
fn demo_copy() -> (tempfile::TempDir, Plan, PlanReport) {
    let dir = tempfile::tempdir().unwrap();
    write_study(dir.path(), &DEMO_STUDY).unwrap();
    let folder = load_study(dir.path()).unwrap();
    let context = PlanContext {
        study: &folder.study,
        as_of: "2025-10-15",
        priority_rule: "ranked-top-k",
        priority_wave: None,
        generator: "test",
    };
    let report = PlanReport::new(&folder.plan, &[], context);
    (dir, folder.plan, report)
}

/// Points the study file at another actions register.
pub(crate) fn use_register(root: &Path, register: &str) {
    let path = root.join("study.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace("actions = \"registers/actions.toml\"", &format!("actions = \"{register}\""));
    std::fs::write(&path, text).unwrap();
}

/// Every sheet of a workbook as rows of cells.
pub(crate) fn read_workbook(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook = open_workbook_auto(path).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn write_workbook(path: &Path, sheets: &[(String, Vec<Vec<Data>>)]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    Data::Float(v) => {
                        sheet.write_number(r, c, *v).unwrap();
                    }
                    Data::Empty => {}
                    other => panic!("unexpected cell {other:?}"),
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// Sets the cell in `column` of the row whose first cell is `key` (the last such row).
fn set(rows: &mut [Vec<Data>], key: &str, column: &str, value: &str) {
    let c = rows[0].iter().position(|h| *h == Data::String(column.to_owned())).unwrap();
    let row = rows.iter_mut().rev().find(|r| r[0] == Data::String(key.to_owned())).unwrap();
    row[c] = Data::String(value.to_owned());
}

fn check_edited(plan: &Plan) {
    let action = plan.actions().iter().find(|a| a.slug().as_str() == "callback-warsaw").unwrap();
    assert_eq!(action.status(), ActionStatus::Done, "the status edited in the history");
    assert_eq!(action.history().last().unwrap().date.to_string(), "2025-10-20");
    assert_eq!(action.due().to_string(), "2026-01-31", "the due date edited");
}

#[test]
fn issue_15_round_trip_the_plan_through_an_edited_workbook() {
    let (dir, original, report) = demo_copy();
    let path = dir.path().join("registers/actions.xlsx");
    std::fs::write(&path, render_xlsx(&plan_tables(&report)).unwrap()).unwrap();
    use_register(dir.path(), "registers/actions.xlsx");
    assert_eq!(load_study(dir.path()).unwrap().plan, original, "unedited, the workbook loads the same plan");

    let mut sheets = read_workbook(&path);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ACTION_TABLES);
    set(&mut sheets[0].1, "callback-warsaw", "due", "2026-01-31");
    set(&mut sheets[0].1, "callback-warsaw", "status", "done");
    set(&mut sheets[2].1, "callback-warsaw", "date", "2025-10-20");
    set(&mut sheets[2].1, "callback-warsaw", "status", "done");
    write_workbook(&path, &sheets);

    let edited = load_study(dir.path()).unwrap().plan;
    check_edited(&edited);
    assert_ne!(edited, original);
}

#[test]
fn issue_15_round_trip_the_plan_through_edited_csv_files() {
    let (dir, original, report) = demo_copy();
    let path = dir.path().join("registers/actions.csv");
    for table in plan_tables(&report) {
        let text = render_csv(&table);
        assert!(text.starts_with('\u{feff}'), "a byte-order mark");
        std::fs::write(csv_sibling(&path, table.name), text).unwrap();
    }
    use_register(dir.path(), "registers/actions.csv");
    assert_eq!(load_study(dir.path()).unwrap().plan, original, "unedited, the files load the same plan");

    let actions = std::fs::read_to_string(&path).unwrap();
    let edited = actions.replace("2025-07-15,2025-12-15,in-progress", "2025-07-15,2026-01-31,done");
    assert_ne!(edited, actions);
    std::fs::write(&path, edited).unwrap();
    let history_path = csv_sibling(&path, "history");
    let history = std::fs::read_to_string(&history_path).unwrap();
    let edited =
        history.replace("callback-warsaw,2025-09-01,in-progress,", "callback-warsaw,2025-10-20,done,");
    assert_ne!(edited, history);
    std::fs::write(&history_path, edited).unwrap();

    let edited = load_study(dir.path()).unwrap().plan;
    check_edited(&edited);
}

#[test]
fn issue_15_plan_actions_table_puts_the_metric_under_the_title_for_phones() {
    use servgap_report::{render_plan_html, Lang};
    let (_dir, _plan, report) = demo_copy();
    let html = render_plan_html(&report, Lang::En);
    let start = html.find("<table class=\"plan-actions\">").unwrap();
    let opening = &html[html[..start].rfind("<div").unwrap()..start];
    let id = opening.split("aria-labelledby=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    assert_eq!(
        opening,
        format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-labelledby=\"{id}\">"),
        "scrolls by keyboard"
    );
    assert!(
        html[start..].contains(&format!("<caption id=\"{id}\">Actions</caption>")),
        "named by its caption"
    );
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    assert!(!table.contains("<th scope=\"col\">metric</th>"), "no metric column of its own");
    assert_eq!(table.matches("<th scope=\"col\"").count(), 9);
    assert!(
        table.contains(
            "<td class=\"title\">Same-day call-backs in Warsaw<span class=\"metric\">metric: g5/<wbr>dimension/<wbr>responsiveness (warsaw,<wbr> 2025-h1)"
        ),
        "{table}"
    );
    assert!(table.contains("<td class=\"date\">2025-07-15</td>"), "dates do not break");
    assert!(html.contains("position:sticky"), "the action stays in view while the table scrolls");
    let polish = render_plan_html(&report, Lang::Pl);
    assert!(polish.contains("<span class=\"metric\">miara: g5/<wbr>dimension"), "the Polish label");
    assert_eq!(render_plan_html(&report, Lang::Pl), polish, "deterministic");
}
