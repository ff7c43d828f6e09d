//! `[priorities]` and the feasibility register (issue 15): one test per rule, each
//! asserting its exact message.

use super::tests::{folder, STUDY};
use super::*;
use servgap_core::study::priority::{Effort, MissingComponents};

const FEASIBILITY: &str = "gap,unit,department,rater,effort,cost,rating,deadline,comment\n\
g5/item/1,north,operations,Anna,M,1200,4,2025-09-30,needs a script\n\
g5/item/1,,marketing,Piotr,L,\"2 000\",2,,\n\
g3/standard/frt,,operations,Anna,XS,,5,,\n";

fn study_with(priorities: &str) -> String {
    format!("{STUDY}\n[priorities]\n{priorities}\n")
}

#[track_caller]
fn error_of(priorities: &str, register: &str) -> String {
    let dir = folder(&study_with(priorities), &[("feasibility.csv", register)]);
    match load_study(dir.path()) {
        Ok(_) => panic!("the study loaded"),
        Err(e) => e.to_string(),
    }
}

const WITH_REGISTER: &str = "feasibility = \"feasibility.csv\"";

#[test]
fn issue_15_priorities_and_feasibility_register_load() {
    let text = study_with(
        "weights = { severity = 0.5, impact = 0.25, urgency = 0.25 }\ntop_k = 3\nweight_range = 0.1\ndraws = 500\nseed = 7\nfeasibility = \"feasibility.csv\"",
    );
    let dir = folder(&text, &[("feasibility.csv", FEASIBILITY)]);
    let p = load_study(dir.path()).unwrap().priorities;
    assert_eq!(p.weights.values(), [0.5, 0.25, 0.25, 0.0]);
    assert_eq!((p.stability.top_k, p.stability.draws, p.stability.seed), (3, 500, 7));
    assert_eq!(p.stability.weight_range, 0.1);
    assert_eq!(p.feasibility.len(), 3);
    let first = &p.feasibility[0];
    assert_eq!(first.gap.to_string(), "g5/item/1");
    assert_eq!(first.unit.as_ref().map(|u| u.as_str()), Some("north"));
    assert_eq!(
        (first.rating.effort, first.rating.cost, first.rating.rating),
        (Some(Effort::M), Some(1200.0), Some(4))
    );
    assert_eq!(first.deadline.map(|d| d.to_string()).as_deref(), Some("2025-09-30"));
    assert_eq!(p.feasibility[1].rating.cost, Some(2000.0));
    assert_eq!(p.feasibility[1].unit, None);
}

#[test]
fn issue_15_a_study_without_priorities_takes_the_defaults() {
    let dir = folder(STUDY, &[]);
    let p = load_study(dir.path()).unwrap().priorities;
    assert_eq!(p, PrioritySettings::default());
}

#[test]
fn issue_15_feasibility_register_in_toml() {
    let register =
        "[[rating]]\ngap = \"note/handover\"\ndepartment = \"operations\"\nrater = \"Ola\"\nrating = 3\n";
    let dir = folder(&study_with("feasibility = \"feasibility.toml\""), &[("feasibility.toml", register)]);
    let p = load_study(dir.path()).unwrap().priorities;
    assert_eq!(p.feasibility[0].rating.rating, Some(3));
}

#[test]
fn issue_15_missing_components_count_as_the_neutral_value_or_are_renormalised() {
    let read = |line: &str| {
        let dir = folder(&study_with(line), &[]);
        load_study(dir.path()).unwrap().priorities.weights.missing()
    };
    assert_eq!(read("top_k = 3"), MissingComponents::Neutral(0.5));
    assert_eq!(read("missing = 0.25"), MissingComponents::Neutral(0.25));
    assert_eq!(read("missing = 1"), MissingComponents::Neutral(1.0));
    assert_eq!(read("missing = \"renormalise\""), MissingComponents::Renormalise);
}

#[test]
fn issue_15_bad_missing_value() {
    assert_eq!(
        error_of("missing = 1.5", FEASIBILITY),
        "study.toml: key `priorities.missing`: `1.5` is not a number from 0 to 1 (the value a missing component counts as)"
    );
    assert_eq!(
        error_of("missing = -1", FEASIBILITY),
        "study.toml: key `priorities.missing`: `-1` is not a number from 0 to 1 (the value a missing component counts as)"
    );
    assert_eq!(
        error_of("missing = \"median\"", FEASIBILITY),
        "study.toml: key `priorities.missing`: `\"median\"` is not a number from 0 to 1 or \"renormalise\""
    );
    assert_eq!(
        error_of("missing = true", FEASIBILITY),
        "study.toml: key `priorities.missing`: `true` is not a number from 0 to 1 or \"renormalise\""
    );
}

#[test]
fn issue_15_all_weights_zero() {
    assert_eq!(
        error_of("weights = { severity = 0 }", FEASIBILITY),
        "study.toml: key `priorities.weights`: every weight is 0: give at least one weight above 0"
    );
}

#[test]
fn issue_15_negative_weight() {
    assert_eq!(
        error_of("weights = { impact = -1 }", FEASIBILITY),
        "study.toml: key `priorities.weights.impact`: `-1` is not a finite number ≥ 0"
    );
}

#[test]
fn issue_15_unknown_priorities_key() {
    let e = error_of("weight = 1", FEASIBILITY);
    assert!(e.starts_with("study.toml: ") && e.contains("unknown field `weight`"), "{e}");
}

#[test]
fn issue_15_bad_stability_settings() {
    assert_eq!(
        error_of("top_k = 0", FEASIBILITY),
        "study.toml: key `priorities.top_k`: `0` is not a whole number from 1 to 10000"
    );
    assert_eq!(
        error_of("draws = 1000000", FEASIBILITY),
        "study.toml: key `priorities.draws`: `1000000` is not a whole number from 1 to 100000"
    );
    assert_eq!(
        error_of("weight_range = 1.5", FEASIBILITY),
        "study.toml: key `priorities.weight_range`: `1.5` is not a relative range from 0 to 1 (0.2 = each weight ±20 %)"
    );
}

#[test]
fn issue_15_missing_feasibility_register() {
    let dir = folder(&study_with("feasibility = \"nowhere.csv\""), &[]);
    assert_eq!(
        load_study(dir.path()).unwrap_err().to_string(),
        "study.toml: key `priorities.feasibility`: file `nowhere.csv` does not exist in the study folder"
    );
}

#[track_caller]
fn register_error(row: &str) -> String {
    error_of(WITH_REGISTER, &format!("gap,unit,department,rater,effort,cost,rating,deadline\n{row}\n"))
}

#[test]
fn issue_15_feasibility_rows_are_checked() {
    let cases = [
        ("g9/item/1,,operations,A,M,,,", "feasibility.csv: row 2: key `gap`: gap id `g9/item/1` is invalid: expected g1…g5, kpi or note followed by its subject, e.g. g5/item/8"),
        (",,operations,A,M,,,", "feasibility.csv: row 2: key `gap`: missing"),
        ("g5/item/1,east,operations,A,M,,,", "feasibility.csv: row 2: key `unit`: unknown unit `east` (units: north, south)"),
        ("g5/item/1,,it,A,M,,,", "feasibility.csv: row 2: key `department`: unknown department `it` (departments: operations, marketing)"),
        ("g5/item/1,,operations,,M,,,", "feasibility.csv: row 2: key `rater`: missing"),
        ("g5/item/1,,operations,A,XXL,,,", "feasibility.csv: row 2: key `effort`: `XXL` is not one of XS, S, M, L, XL"),
        ("g5/item/1,,operations,A,M,-5,,", "feasibility.csv: row 2: key `cost`: `-5` is not a number ≥ 0"),
        ("g5/item/1,,operations,A,M,,6,", "feasibility.csv: row 2: key `rating`: `6` is not a whole number from 1 (hard) to 5 (easy)"),
        ("g5/item/1,,operations,A,M,,,31.09.2025", "feasibility.csv: row 2: key `deadline`: `31.09.2025` is not a date like 2025-03-31"),
    ];
    for (row, expected) in cases {
        assert_eq!(register_error(row), expected, "row {row}");
    }
}

#[test]
fn issue_15_feasibility_unknown_column_and_double_rating() {
    assert_eq!(
        error_of(WITH_REGISTER, "gap,department,rater,score\ng5/item/1,operations,A,3\n"),
        "feasibility.csv: row 2: unknown column `score` (columns: gap, unit, department, rater, effort, cost, rating, deadline, comment)"
    );
    assert_eq!(
        error_of(
            WITH_REGISTER,
            "gap,department,rater,rating\ng5/item/1,operations,A,3\ng5/item/1,marketing,A,4\n"
        ),
        "feasibility.csv: row 3: key `rater`: `A` rates gap `g5/item/1` twice for the same unit"
    );
}

#[test]
fn issue_15_feasibility_register_as_a_spreadsheet_with_numeric_cells() {
    let dir = folder(&study_with("feasibility = \"feasibility.xlsx\""), &[]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["gap", "department", "rater", "effort", "cost", "rating", "deadline"].iter().enumerate()
    {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    let row = ["g5/item/1", "operations", "Anna", "xl"];
    for (c, cell) in row.iter().enumerate() {
        sheet.write_string(1, c as u16, *cell).unwrap();
    }
    sheet.write_number(1, 4, 1500.5).unwrap();
    sheet.write_number(1, 5, 2).unwrap();
    sheet.write_string(1, 6, "2026-01-31").unwrap();
    sheet.write_string(2, 0, "g5/item/1").unwrap();
    sheet.write_string(2, 1, "operations").unwrap();
    sheet.write_string(2, 2, "Jan").unwrap();
    sheet.write_number(2, 5, 7).unwrap();
    book.save(dir.path().join("feasibility.xlsx")).unwrap();
    let message = load_study(dir.path()).unwrap_err().to_string();
    assert_eq!(
        message,
        "feasibility.xlsx: row 3: key `rating`: `7` is not a whole number from 1 (hard) to 5 (easy)"
    );
    std::fs::remove_file(dir.path().join("feasibility.xlsx")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["gap", "department", "rater", "effort", "cost", "rating"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    for (c, cell) in row.iter().enumerate() {
        sheet.write_string(1, c as u16, *cell).unwrap();
    }
    sheet.write_number(1, 4, 1500.5).unwrap();
    sheet.write_number(1, 5, 2).unwrap();
    book.save(dir.path().join("feasibility.xlsx")).unwrap();
    let entry = &load_study(dir.path()).unwrap().priorities.feasibility[0];
    assert_eq!(
        (entry.rating.effort, entry.rating.cost, entry.rating.rating),
        (Some(Effort::Xl), Some(1500.5), Some(2))
    );
}
