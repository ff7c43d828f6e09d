//! One test per validation rule of the study folder, each asserting its exact message.

use std::path::Path;

use super::*;

pub(super) const STUDY: &str = r#"
name = "Test study"
slug = "test"

[[units]]
slug = "north"

[[units]]
slug = "south"
kind = "channel"
codes = ["S"]

[[departments]]
slug = "operations"

[[departments]]
slug = "marketing"

[[waves]]
slug = "w1"
start = 2025-01-01
end = 2025-06-30

[waves.customer_survey]
file = "customers.csv"

[waves.helpdesk]
file = "tickets.csv"
targets = "targets.toml"
unit_by = "team"

[registers]
standards = "standards.csv"
promises = "promises.toml"
qualitative = "notes.toml"
"#;

const STANDARDS: &str = "slug,title,items,dimensions,kpi,target,owner\n\
frt,First reply in 8h,10;11,,sla:frt-8h,90%,operations\n\
records,Accurate records,9,,,5.5,operations\n";

const PROMISES: &str = r#"
[[promise]]
slug = "reply-1h"
text = "We reply within one hour."
kpi = "first-response.calendar"
within = "1h"
items = ["10"]
departments = ["marketing"]
"#;

const NOTES: &str = r#"
[[gap]]
slug = "handover"
description = "Complaints lose their history."
departments = ["operations"]
impact = "high"
urgency = "low"
"#;

const TARGETS: &str =
    "[[sla]]\nname = \"frt-8h\"\nmetric = \"first-response\"\nwithin = \"8h\"\nclock = \"calendar\"\n";

/// A valid study folder, with `study.toml` replaced by `study` and `extra` files written over.
pub(super) fn folder(study: &str, extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("study.toml", study),
        ("customers.csv", "id,unit,E1,P1\n1,north,5,4\n"),
        ("tickets.csv", "id,created\n1,2025-01-02T10:00:00Z\n"),
        ("targets.toml", TARGETS),
        ("standards.csv", STANDARDS),
        ("promises.toml", PROMISES),
        ("notes.toml", NOTES),
    ];
    for (name, text) in files.iter().chain(extra) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[track_caller]
fn error_of(study: &str, extra: &[(&str, &str)]) -> String {
    let dir = folder(study, extra);
    match load_study(dir.path()) {
        Ok(_) => panic!("the study loaded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn issue_14_a_valid_study_loads_into_core_objects_and_file_references() {
    let dir = folder(STUDY, &[]);
    let folder = load_study(dir.path()).unwrap();
    let study = &folder.study;
    assert_eq!(study.slug().as_str(), "test");
    assert_eq!(study.units().len(), 2);
    assert_eq!(folder.unit_kinds, ["branch", "channel"]);
    assert_eq!(folder.unit_codes[1], ["south", "S"]);
    assert_eq!(study.waves()[0].end().to_string(), "2025-06-30");
    assert_eq!(study.standards().len(), 2);
    assert_eq!(study.standards()[0].target(), 0.9);
    assert_eq!(study.promises()[0].threshold(), 3600.0);
    assert_eq!(study.notes()[0].slug.as_str(), "handover");
    let wave = &folder.waves[0];
    let customer = wave.customer.as_ref().unwrap();
    assert_eq!(customer.instrument, "servqual22");
    assert_eq!(customer.unit, UnitSource::Column("unit".to_owned()));
    assert_eq!(wave.helpdesk.as_ref().unwrap().unit_by, Some(Dimension::Team));
    assert!(wave.management.is_none() && wave.employee.is_none());
}

#[test]
fn issue_14_the_demo_study_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/study/demo");
    let folder = load_study(&root).unwrap();
    assert_eq!(folder.study.waves().len(), 2);
    assert_eq!(folder.study.units().len(), 4);
    assert_eq!(folder.study.promises().len(), 2);
    let management = folder.waves[1].management.as_ref().unwrap();
    assert_eq!(management.factors.instrument, "management-factors");
}

#[test]
fn issue_14_missing_data_file() {
    let study = STUDY.replace("file = \"customers.csv\"", "file = \"data/missing.csv\"");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].customer_survey.file`: file `data/missing.csv` does not exist in the study folder"
    );
}

#[test]
fn issue_14_missing_register_file() {
    let study = STUDY.replace("promises = \"promises.toml\"", "promises = \"registers/promises.toml\"");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `registers`: file `registers/promises.toml` does not exist in the study folder"
    );
}

#[test]
fn issue_14_unknown_unit() {
    let study = STUDY.replace("file = \"customers.csv\"", "file = \"customers.csv\"\nunit = \"east\"");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].customer_survey.unit`: unknown unit `east` (units: north, south)"
    );
}

#[test]
fn issue_14_unit_and_unit_column_together() {
    let study = STUDY.replace(
        "file = \"customers.csv\"",
        "file = \"customers.csv\"\nunit = \"north\"\nunit_column = \"u\"",
    );
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].customer_survey.unit`: give either `unit` (the whole file is one unit) or `unit_column`, not both"
    );
}

#[test]
fn issue_14_helpdesk_without_unit_in_a_study_with_units() {
    let study = STUDY.replace("unit_by = \"team\"", "");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].helpdesk`: the study has units: give `unit_by` (channel, priority or team) or `unit`"
    );
}

#[test]
fn issue_14_unknown_ticket_dimension() {
    let study = STUDY.replace("unit_by = \"team\"", "unit_by = \"branch\"");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].helpdesk.unit_by`: unknown ticket dimension `branch` (channel, priority or team)"
    );
}

#[test]
fn issue_14_standard_linked_to_an_unknown_item() {
    let standards = STANDARDS.replace("records,Accurate records,9,", "records,Accurate records,99,");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 3: key `items`: unknown item `99`: instrument `servqual22` has no such item"
    );
}

#[test]
fn issue_14_standard_linked_to_an_unknown_dimension() {
    let standards = STANDARDS.replace("records,Accurate records,9,,", "records,Accurate records,,speed,");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 3: key `dimensions`: unknown dimension `speed`: instrument `servqual22` has no such dimension"
    );
}

#[test]
fn issue_14_standard_linked_to_an_unknown_kpi() {
    let standards = STANDARDS.replace("sla:frt-8h", "first-reponse");
    let message = error_of(STUDY, &[("standards.csv", &standards)]);
    assert!(
        message.starts_with(
            "standards.csv: row 2: key `kpi`: unknown kpi `first-reponse` (durations: first-response,"
        ),
        "{message}"
    );
}

#[test]
fn issue_14_standard_linked_to_an_unknown_sla() {
    let standards = STANDARDS.replace("sla:frt-8h", "sla:frt-4h");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 2: key `kpi`: unknown kpi `sla:frt-4h`: no [[sla]] named `frt-4h` in the waves' targets files (slas: frt-8h)"
    );
}

#[test]
fn issue_14_standard_without_a_target() {
    let standards = STANDARDS.replace(",5.5,operations", ",,operations");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 3: key `target`: missing"
    );
}

#[test]
fn issue_14_standard_measuring_nothing() {
    let standards = STANDARDS.replace("records,Accurate records,9,", "records,Accurate records,,");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 3: standard `records` measures nothing: name a survey item, a dimension or a kpi"
    );
}

#[test]
fn issue_14_standard_with_an_unknown_column() {
    let standards = STANDARDS.replace(",owner\n", ",owners\n");
    assert!(error_of(STUDY, &[("standards.csv", &standards)])
        .starts_with("standards.csv: row 2: unknown column `owners` (columns: slug, title, items,"),);
}

#[test]
fn issue_14_unknown_department() {
    let standards = STANDARDS.replace("90%,operations", "90%,it");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 2: key `owner`: unknown department `it` (departments: operations, marketing)"
    );
}

#[test]
fn issue_14_unknown_department_of_a_promise() {
    let promises = PROMISES.replace("[\"marketing\"]", "[\"sales\"]");
    assert_eq!(
        error_of(STUDY, &[("promises.toml", &promises)]),
        "promises.toml: promise[0]: key `departments`: unknown department `sales` (departments: operations, marketing)"
    );
}

#[test]
fn issue_14_promise_without_a_measurable_threshold() {
    let promises = PROMISES.replace("within = \"1h\"\n", "");
    assert_eq!(
        error_of(STUDY, &[("promises.toml", &promises)]),
        "promises.toml: promise[0]: promise `reply-1h` has no measurable threshold: give `within` (a duration like \"1h\") or `threshold`"
    );
}

#[test]
fn issue_14_promise_without_a_kpi() {
    let promises = PROMISES.replace("kpi = \"first-response.calendar\"\n", "");
    assert_eq!(
        error_of(STUDY, &[("promises.toml", &promises)]),
        "promises.toml: promise[0]: key `kpi`: promise `reply-1h` names no kpi that measures it"
    );
}

#[test]
fn issue_14_promise_threshold_that_is_not_a_duration() {
    let promises = PROMISES.replace("within = \"1h\"", "within = \"soon\"");
    assert_eq!(
        error_of(STUDY, &[("promises.toml", &promises)]),
        "promises.toml: promise[0]: key `within`: `soon` is not a duration like \"4h\" or \"1h30m\" (units: s, m (min), h, d, w)"
    );
}

#[test]
fn issue_14_two_waves_with_the_same_name() {
    let study = STUDY.replace(
        "[registers]",
        "[[waves]]\nslug = \"w1\"\nstart = 2025-07-01\nend = 2025-12-31\n\n[registers]",
    );
    assert_eq!(error_of(&study, &[]), "study.toml: key `waves[1].slug`: wave `w1` is defined twice");
}

#[test]
fn issue_14_wave_ending_before_it_starts() {
    let study = STUDY.replace("end = 2025-06-30", "end = 2024-12-31");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].end`: wave `w1` ends (2024-12-31) before it starts (2025-01-01)"
    );
}

#[test]
fn issue_14_wave_date_that_is_not_a_date() {
    let study = STUDY.replace("start = 2025-01-01", "start = \"1 Jan 2025\"");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves[0].start`: `1 Jan 2025` is not a date like 2025-03-31"
    );
}

#[test]
fn issue_14_study_without_waves() {
    let cut = STUDY.find("[[waves]]").unwrap();
    let study = format!("{}[registers]\n", &STUDY[..cut]);
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `waves`: the study has no wave; add a [[waves]] table"
    );
}

#[test]
fn issue_14_unit_defined_twice() {
    let study = STUDY.replace("slug = \"south\"", "slug = \"north\"");
    assert_eq!(error_of(&study, &[]), "study.toml: key `units[1].slug`: unit `north` is defined twice");
}

#[test]
fn issue_14_bad_slug() {
    let study = STUDY.replace("slug = \"north\"", "slug = \"North Branch\"");
    assert_eq!(
        error_of(&study, &[]),
        "study.toml: key `units[0].slug`: unit `North Branch` has characters other than a-z, 0-9 and -"
    );
}

#[test]
fn issue_14_unknown_key_in_the_study_file() {
    let study = STUDY.replace("name = \"Test study\"", "name = \"Test study\"\ntitle = \"x\"");
    let message = error_of(&study, &[]);
    assert!(
        message.starts_with("study.toml: line 3, column 1: unknown field `title`, expected one of"),
        "{message}"
    );
}

#[test]
fn issue_14_unknown_instrument() {
    let study =
        STUDY.replace("file = \"customers.csv\"", "file = \"customers.csv\"\ninstrument = \"servqual99\"");
    assert!(error_of(&study, &[]).starts_with(
        "study.toml: key `waves[0].customer_survey.instrument`: instrument `servqual99` is neither built in (servqual22,"
    ));
}

#[test]
fn issue_14_qualitative_gap_with_a_bad_level() {
    let notes = NOTES.replace("urgency = \"low\"", "urgency = \"urgent\"");
    assert_eq!(
        error_of(STUDY, &[("notes.toml", &notes)]),
        "notes.toml: gap[0]: key `urgency`: expected low, medium or high, found `urgent`"
    );
}

#[test]
fn issue_14_qualitative_gap_without_a_department() {
    let notes = NOTES.replace("departments = [\"operations\"]\n", "");
    assert_eq!(
        error_of(STUDY, &[("notes.toml", &notes)]),
        "notes.toml: gap[0]: qualitative gap `handover` names no department"
    );
}

#[test]
fn issue_14_register_slug_defined_twice() {
    let standards = STANDARDS.replace("records,Accurate", "frt,Accurate");
    assert_eq!(
        error_of(STUDY, &[("standards.csv", &standards)]),
        "standards.csv: row 3: key `slug`: `frt` is defined twice"
    );
}

#[test]
fn issue_14_register_as_a_spreadsheet() {
    let dir = folder(&STUDY.replace("standards.csv", "standards.xlsx"), &[]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in STANDARDS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    sheet.write_string(2, 6, "sales").unwrap();
    book.save(dir.path().join("standards.xlsx")).unwrap();
    let message = load_study(dir.path()).unwrap_err().to_string();
    assert_eq!(
        message,
        "standards.xlsx: row 3: key `owner`: unknown department `sales` (departments: operations, marketing)"
    );
}
