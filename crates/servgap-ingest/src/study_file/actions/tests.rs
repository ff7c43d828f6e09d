//! The actions register: the same plan from TOML, CSV files and a workbook, and one test
//! per rule naming file, row, column, value and rule.

use super::super::tests::{folder, STUDY};
use super::super::{load_study, StudyFolder};
use servgap_core::study::plan::ActionStatus;

const ACTIONS_TOML: &str = r#"
[[action]]
slug = "callback-rota"
title = "Callback rota"
description = "Call back every missed call within a day."
owner = "Anna Nowak"
departments = ["operations"]
start = 2025-07-01
due = 2025-09-30
gaps = ["g5/item/10", "kpi/first-response/median"]

[action.metric]
gap = "g5/item/10"
unit = "north"
baseline_wave = "w1"
baseline = -1.25
target = -0.5
expected_share = 0.6

[[action.task]]
title = "Draft the rota"
owner = "Jan Kowal"
due = 2025-07-15
status = "done"

[[action.history]]
date = 2025-07-01
status = "in-progress"
comment = "started"

[[action]]
slug = "faq"
title = "Rewrite the FAQ"
start = 2025-07-01
due = 2025-08-31
gaps = ["note/handover"]
"#;

const ACTIONS_CSV: &str = "slug,title,description,owner,departments,start,due,status,metric_gap,metric_unit,\
metric_baseline_wave,metric_baseline,metric_target,metric_expected_share\r\n\
callback-rota,Callback rota,Call back every missed call within a day.,Anna Nowak,operations,2025-07-01,2025-09-30,\
in-progress,g5/item/10,north,w1,-1.25,-0.5,0.6\r\n\
faq,Rewrite the FAQ,,,,2025-07-01,2025-08-31,,,,,,,\r\n";
const TASKS_CSV: &str =
    "action,title,owner,due,status\ncallback-rota,Draft the rota,Jan Kowal,2025-07-15,done\n";
const HISTORY_CSV: &str = "action,date,status,comment\ncallback-rota,2025-07-01,in-progress,started\n";
const LINKS_CSV: &str =
    "action,gap\ncallback-rota,g5/item/10\ncallback-rota,kpi/first-response/median\nfaq,note/handover\n";

fn study_with(register: &str) -> String {
    STUDY.replace(
        "qualitative = \"notes.toml\"",
        &format!("qualitative = \"notes.toml\"\nactions = \"{register}\""),
    )
}

fn load(register: &str, files: &[(&str, &str)]) -> Result<StudyFolder, String> {
    let dir = folder(&study_with(register), files);
    load_study(dir.path()).map_err(|e| e.to_string())
}

fn csv_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("actions.csv", ACTIONS_CSV),
        ("actions-tasks.csv", TASKS_CSV),
        ("actions-history.csv", HISTORY_CSV),
        ("actions-links.csv", LINKS_CSV),
    ]
}

#[test]
fn issue_15_a_toml_actions_register_loads_with_nested_tasks_history_and_metric() {
    let folder = load("actions.toml", &[("actions.toml", ACTIONS_TOML)]).unwrap();
    let actions = folder.plan.actions();
    assert_eq!(actions.len(), 2);
    let rota = &actions[0];
    assert_eq!(rota.status(), ActionStatus::InProgress);
    assert_eq!(rota.tasks()[0].owner.as_deref(), Some("Jan Kowal"));
    assert_eq!(rota.gaps().len(), 2);
    let metric = rota.metric().unwrap();
    assert_eq!((metric.baseline, metric.target, metric.expected_share), (Some(-1.25), -0.5, 0.6));
    assert_eq!(metric.gap.to_string(), "g5/item/10");
    assert_eq!(actions[1].owner(), None);
    assert!(actions[1].metric().is_none());
}

#[test]
fn issue_15_csv_files_give_the_same_plan_as_toml() {
    let toml = load("actions.toml", &[("actions.toml", ACTIONS_TOML)]).unwrap();
    let csv = load("actions.csv", &csv_files()).unwrap();
    assert_eq!(csv.plan, toml.plan);
}

#[test]
fn issue_15_a_workbook_gives_the_same_plan_and_reads_date_cells() {
    let dir = folder(&study_with("actions.xlsx"), &[]);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (name, text) in
        [("actions", ACTIONS_CSV), ("tasks", TASKS_CSV), ("history", HISTORY_CSV), ("links", LINKS_CSV)]
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, line) in text.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let date = cell.len() == 10 && cell.starts_with("2025-");
                if date && name == "tasks" {
                    let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(cell).unwrap();
                    sheet.write_datetime_with_format(r as u32, c as u16, &d, &date_format).unwrap();
                } else {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    workbook.save(dir.path().join("actions.xlsx")).unwrap();
    let xlsx = load_study(dir.path()).unwrap();
    let toml = load("actions.toml", &[("actions.toml", ACTIONS_TOML)]).unwrap();
    assert_eq!(xlsx.plan, toml.plan);
}

#[track_caller]
fn csv_error(file: &str, text: &str) -> String {
    let mut files = csv_files();
    files.retain(|(f, _)| *f != file);
    files.push((file, text));
    load("actions.csv", &files).unwrap_err()
}

#[test]
fn issue_15_a_bad_task_date_names_file_row_column_value_and_rule() {
    let tasks = TASKS_CSV.replace("2025-07-15", "2025-13-01");
    assert_eq!(
        csv_error("actions-tasks.csv", &tasks),
        "actions-tasks.csv: row 2: key `due`: `2025-13-01` is not a date like 2025-03-31"
    );
}

#[test]
fn issue_15_an_unknown_status_lists_the_statuses() {
    let history = HISTORY_CSV.replace("in-progress", "finished");
    assert_eq!(
        csv_error("actions-history.csv", &history),
        "actions-history.csv: row 2: key `status`: unknown status `finished` \
         (statuses: planned, in-progress, blocked, done, dropped)"
    );
}

#[test]
fn issue_15_a_task_of_an_unknown_action() {
    let tasks = TASKS_CSV.replace("callback-rota", "callback");
    assert_eq!(
        csv_error("actions-tasks.csv", &tasks),
        "actions-tasks.csv: row 2: key `action`: no action `callback` in the actions table"
    );
}

#[test]
fn issue_15_a_status_that_contradicts_the_history_names_the_action_row() {
    let actions = ACTIONS_CSV.replace(",in-progress,", ",done,");
    assert_eq!(
        csv_error("actions.csv", &actions),
        "actions.csv: row 2: action `callback-rota` has status `done`, but the last entry of its history says `in-progress`"
    );
}

#[test]
fn issue_15_an_unknown_department_or_unit_names_the_action_row() {
    let actions = ACTIONS_CSV.replace(",operations,", ",it,");
    assert_eq!(
        csv_error("actions.csv", &actions),
        "actions.csv: row 2: action `callback-rota` names department `it`, which the study does not define"
    );
    let actions = ACTIONS_CSV.replace(",north,", ",east,");
    assert!(csv_error("actions.csv", &actions).contains("unit `east`"));
}

#[test]
fn issue_15_a_bad_gap_id_and_an_unknown_column() {
    let links = LINKS_CSV.replace("g5/item/10\n", "g9/item/10\n");
    let message = csv_error("actions-links.csv", &links);
    assert!(
        message.starts_with("actions-links.csv: row 2: key `gap`: gap id `g9/item/10` is invalid"),
        "{message}"
    );
    let tasks = TASKS_CSV.replace("status\n", "state\n");
    assert!(csv_error("actions-tasks.csv", &tasks).contains("unknown column `state`"));
}

#[test]
fn issue_15_a_toml_error_names_the_nested_task() {
    let toml = ACTIONS_TOML.replace("due = 2025-07-15", "due = \"soon\"");
    assert_eq!(
        load("actions.toml", &[("actions.toml", &toml)]).unwrap_err(),
        "actions.toml: action[0].task[0]: key `due`: `soon` is not a date like 2025-03-31"
    );
}

#[test]
fn issue_15_a_missing_actions_file_is_named() {
    let message = load("missing.csv", &[]).unwrap_err();
    assert_eq!(
        message,
        "study.toml: key `registers.actions`: file `missing.csv` does not exist in the study folder"
    );
}

#[test]
fn issue_15_csv_cells_escaped_against_formulas_read_back_as_written() {
    let actions = ACTIONS_CSV
        .replace("Callback rota", "'=Callback rota")
        .replace("Call back every", "'-Call back every");
    let files = [
        ("actions.csv", actions.as_str()),
        ("actions-links.csv", LINKS_CSV),
        ("actions-history.csv", HISTORY_CSV),
    ];
    let folder = load("actions.csv", &files).unwrap();
    assert_eq!(folder.plan.actions()[0].title(), "=Callback rota");
    assert!(folder.plan.actions()[0].description().starts_with("-Call back every"));
    assert!(folder.plan.actions()[0].tasks().is_empty(), "the tasks file is optional");
}
