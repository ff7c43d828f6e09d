//! Issue 16 item 1: the CLI is the pipeline plus a printer. The view model a front end
//! gets from `servgap-pipeline` for the demo files is, byte for byte, the JSON
//! `servgap … --format json` prints.

use std::process::Command;

use servgap_pipeline::{
    analyze, compare, kpi, no_progress, AnalyzeRequest, CompareRequest, Dimension, KpiRequest, SurveySource,
};

use crate::repo;

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const WAVE2: &str = "examples/demo/servqual22-wave2-demo.csv";

fn cli_json(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn issue_16_analyze_by_segment_is_the_pipeline_view_model() {
    let mut request = AnalyzeRequest::new(SurveySource::new(repo().join(DEMO)));
    request.segment_by = Some("branch".to_owned());
    let outcome = analyze(&request, &no_progress).unwrap();
    assert!(outcome.warnings.is_empty());
    for lang in ["en", "pl"] {
        let json = servgap_report::render_json(&outcome.report()).unwrap();
        assert_eq!(
            json,
            cli_json(&["analyze", DEMO, "--by", "branch", "--lang", lang, "-f", "json"]),
            "{lang}"
        );
    }
}

#[test]
fn issue_16_compare_is_the_pipeline_view_model() {
    let request =
        CompareRequest::new(SurveySource::new(repo().join(DEMO)), SurveySource::new(repo().join(WAVE2)));
    let report = compare(&request, &no_progress).unwrap().report();
    let json = servgap_report::render_waves_json(&report).unwrap();
    assert_eq!(json, cli_json(&["compare", DEMO, WAVE2, "-f", "json"]));
}

#[test]
fn issue_16_kpi_is_the_pipeline_view_model() {
    let mut request = KpiRequest::new(repo().join("examples/kpi/demo-tickets.csv"));
    request.calendar = Some(repo().join("examples/kpi/calendar.toml"));
    request.targets = Some(repo().join("examples/kpi/targets.toml"));
    request.segments = vec![Dimension::Channel];
    let outcome = kpi(&request).unwrap();
    // The demo's two broken tickets, and its team "Support" without a calendar of its own (issue 13).
    assert_eq!(outcome.warnings.len(), 2, "{:?}", outcome.warnings);
    let json = servgap_report::render_kpi_json(&outcome.report()).unwrap();
    let cli = cli_json(&[
        "kpi",
        "examples/kpi/demo-tickets.csv",
        "--calendar",
        "examples/kpi/calendar.toml",
        "--targets",
        "examples/kpi/targets.toml",
        "--by",
        "channel",
        "-f",
        "json",
    ]);
    assert_eq!(json, cli);
}
