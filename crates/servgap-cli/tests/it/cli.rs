//! The `servgap` binary as a user runs it: exit codes, output files, formats.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::repo;

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const DEMO_3COL: &str = "examples/demo/servqual22-3col-demo.csv";

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn analyze_demo_prints_dimensions_largest_gap_first() {
    let out = servgap(&["analyze", DEMO]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Dimensions, largest gap first"));
    // The demo's reliability shortfall is the largest by construction.
    let table = text.split("Dimensions, largest gap first").nth(1).unwrap();
    let first_row = table.lines().nth(3).unwrap();
    assert!(first_row.trim_start().starts_with("Reliability"), "{first_row}");
    assert!(
        text.contains("row 42, column E4, value \"8\""),
        "data-quality section names row, column and value"
    );
}

#[test]
fn json_output_is_versioned_and_deterministic() {
    let a = servgap(&["analyze", DEMO, "--format", "json"]);
    let b = servgap(&["analyze", DEMO, "--format", "json"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout, "same input, same bytes");
    let json: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(json["schema"], "servgap.analysis/3");
    assert_eq!(json["items"].as_array().unwrap().len(), 22);
    assert_eq!(json["dimensions"].as_array().unwrap().len(), 5);
    assert_eq!(json["respondents"]["total"], 300);
    let rules: Vec<&str> =
        json["input"]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["out-of-scale", "blank", "incomplete-pair", "importance-sum", "straight-lining"]);
    let item7 = &json["items"][6];
    assert_eq!(item7["n"], 299, "item 7 loses the respondent whose P7 is blank");
    assert!(item7["comparisons"][0]["t"]["p_holm"].is_number());
}

#[test]
fn strict_mode_fails_with_the_first_problem_and_writes_nothing() {
    let dir = temp_dir();
    let target = dir.path().join("report.md");
    let out = servgap(&["analyze", DEMO, "--strict", "--format", "markdown", "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out).trim(),
        "error: examples/demo/servqual22-demo.csv: row 13, column `P7`: value `` breaks rule blank \
         (every rating should be answered); nothing was written (run without --strict to apply the \
         missing-data policy)"
    );
    assert!(!target.exists());
}

#[test]
fn output_file_is_written_only_on_success() {
    let dir = temp_dir();
    let target = dir.path().join("report.md");
    let out = servgap(&["analyze", DEMO, "-f", "markdown", "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("# SERVQUAL analysis"));
    assert!(text.contains("| dimension | n | E | P | gap |"));
    assert!(stdout(&out).is_empty());
}

#[test]
fn three_column_form_reports_adequacy_and_superiority() {
    let out = servgap(&["analyze", DEMO_3COL, "--instrument", "servqual22-3col", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["instrument"]["comparisons"], serde_json::json!(["msa", "mss"]));
    let zone = &json["items"][0]["zone"];
    let total: u64 = ["below", "inside", "above", "inverted"].iter().map(|k| zone[k].as_u64().unwrap()).sum();
    assert_eq!(total, 200);
    // No importance columns in this file: no weighted score is invented.
    assert!(json["overall"].as_array().unwrap().iter().all(|o| o["aggregation"] != "weighted"));
}

#[test]
fn inspect_explains_each_column() {
    let out = servgap(&["inspect", DEMO]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("encoding: UTF-8"));
    assert!(text.contains("E1 matched pattern `E<item>`"));
    let json = servgap(&["inspect", DEMO, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["unmatched"][0]["header"], "branch");
}

#[test]
fn instruments_show_in_polish_and_export_round_trips() {
    let out = servgap(&["instrument", "show", "servqual22", "--lang", "pl"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Niezawodność [reliability]"));
    let dir = temp_dir();
    let exported: PathBuf = dir.path().join("servqual22.toml");
    let out = servgap(&["instrument", "export", "servqual22", "-o", exported.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let loaded = servgap_pipeline::resolve_instrument(exported.to_str().unwrap()).unwrap();
    assert_eq!(loaded, servgap_pipeline::resolve_instrument("servqual22").unwrap());
    // The exported file works as --instrument.
    let out = servgap(&["analyze", DEMO, "--instrument", exported.to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn failures_and_usage_errors_have_distinct_exit_codes() {
    let out = servgap(&["analyze", "no-such-file.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-such-file.csv"), "{}", stderr(&out));
    let out = servgap(&["analyze", DEMO, "--instrument", "servqual99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown instrument `servqual99`"));
    // An out-of-range option is invalid usage, refused by its validating constructor while parsing.
    let out = servgap(&["analyze", DEMO, "--confidence", "1.5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("confidence level `1.5` is invalid: expected a number between 0.5 and 1"));
    let out = servgap(&["compare", DEMO, DEMO, "--coverage", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("coverage share `0` is invalid: expected a share in (0, 1]"));
    let out = servgap(&["analyze", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn issue_16_reports_name_the_input_file_without_its_folders_unless_asked() {
    let plain = servgap(&["analyze", DEMO, "-f", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert_eq!(json["input"]["file"], "servqual22-demo.csv");
    let full = servgap(&["analyze", DEMO, "-f", "markdown", "--full-path"]);
    assert!(stdout(&full).contains(DEMO), "--full-path keeps the path as given");
    assert!(!stdout(&servgap(&["analyze", DEMO, "-f", "markdown"])).contains("examples/demo"));
    let waves = servgap(&["compare", DEMO, DEMO, "-f", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&waves.stdout).unwrap();
    assert_eq!(
        (&json["waves"][0]["file"], &json["waves"][1]["file"]),
        (&"servqual22-demo.csv".into(), &"servqual22-demo.csv".into())
    );
    let tickets = servgap(&[
        "kpi",
        "examples/kpi/demo-tickets.csv",
        "--calendar",
        "examples/kpi/calendar.toml",
        "-f",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&tickets.stdout).unwrap();
    assert_eq!(json["input"]["file"], "demo-tickets.csv");
    assert_eq!(json["method"]["calendar"], "calendar.toml");
}
