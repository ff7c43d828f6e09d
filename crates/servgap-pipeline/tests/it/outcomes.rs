//! The pipelines on the demo files: results, warnings as values, the strict-mode error
//! kind, progress through the callback, and Chromium discovery.

use std::ffi::OsString;
use std::sync::Mutex;

use servgap_pipeline::pdf::Chromium;
use servgap_pipeline::{
    analyze, compare, inspect, kpi, no_progress, resolve_instrument, AnalyzeRequest, CompareRequest,
    KpiRequest, PathDisplay, PipelineError, ReadProgress, SurveySource, Warning,
};

use crate::repo;

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const WAVE2: &str = "examples/demo/servqual22-wave2-demo.csv";

fn demo() -> SurveySource {
    SurveySource::new(repo().join(DEMO))
}

#[test]
fn analyze_the_demo_by_branch() {
    let mut request = AnalyzeRequest::new(demo());
    request.segment_by = Some("branch".to_owned());
    let calls = Mutex::new(Vec::new());
    let record = |p: ReadProgress| calls.lock().unwrap().push(p);
    let outcome = analyze(&request, &record).unwrap();
    assert_eq!(outcome.analysis.respondents, 300);
    assert_eq!(outcome.input.file, "servqual22-demo.csv", "file name only by default");
    let (column, segments) = outcome.segments.as_ref().unwrap();
    assert_eq!(column, "branch");
    assert_eq!(segments.segments.len(), 3);
    let report = outcome.report();
    assert_eq!(report.segments.as_ref().map(|s| s.segments.len()), Some(3));
    // Progress came through the callback, for the only file, never past its size.
    let calls = calls.into_inner().unwrap();
    assert!(!calls.is_empty(), "no progress reported");
    assert!(calls.iter().all(|p| p.file == 0 && p.done <= p.total), "{calls:?}");
}

#[test]
fn strict_mode_failures_are_invalid_data_and_others_are_not() {
    let mut request = AnalyzeRequest::new(demo());
    request.rules.strict = true;
    let error = analyze(&request, &no_progress).unwrap_err();
    assert!(error.is_invalid_data(), "{error:?}");
    assert!(
        error
            .to_string()
            .ends_with("row 13, column `P7`: value `` breaks rule blank (every rating should be answered)"),
        "{error}"
    );
    let missing = analyze(&AnalyzeRequest::new(SurveySource::new(repo().join("no-such.csv"))), &no_progress)
        .unwrap_err();
    assert!(!missing.is_invalid_data());
    assert!(missing.to_string().contains("no-such.csv"), "{missing}");
    let unknown = resolve_instrument("servqual99").unwrap_err();
    assert!(matches!(unknown, PipelineError::UnknownInstrument { .. }));
    assert_eq!(
        unknown.to_string(),
        "unknown instrument `servqual99`: not a built-in (servqual22, servqual22-3col, servperf22, management22, management-factors, employee) and no such file"
    );
}

#[test]
fn compare_the_demo_waves_with_full_paths_on_request() {
    let mut request = CompareRequest::new(demo(), SurveySource::new(repo().join(WAVE2)));
    request.path_display = PathDisplay::AsGiven;
    let outcome = compare(&request, &no_progress).unwrap();
    assert_eq!((outcome.waves[0].rows, outcome.waves[1].rows), (300, 280));
    assert_eq!(outcome.waves[1].file, "servqual22-wave2-demo.csv");
    let full = outcome.waves[1].path.as_deref().unwrap_or_default();
    assert!(full.ends_with("examples/demo/servqual22-wave2-demo.csv"), "{full}");
    let report = outcome.report();
    assert_eq!(report.dimensions.len(), 5);
    // Issue 12: the demo files have a respondent id column; no id of wave 1 is in wave 2.
    assert_eq!(outcome.panels.len(), 1);
    assert_eq!((outcome.panels[0].ids, outcome.panels[0].matched), ([300, 280], 0));
    assert_eq!(outcome.panels[0].design, servgap_pipeline::Design::Independent);
    assert!(outcome.panels[0].comparison.is_none());
}

#[test]
fn inspect_the_demo() {
    let outcome = inspect(&demo()).unwrap();
    assert_eq!(outcome.instrument.id(), "servqual22");
    assert_eq!(outcome.inspection.matched.len(), 51);
    assert_eq!(outcome.inspection.unmatched, [(1, "branch".to_owned())]);
}

#[test]
fn kpi_rejected_tickets_come_back_as_a_warning_value() {
    // Issue 16: the warning was an eprintln in the CLI; a server needs it as a value.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tickets.csv");
    let rows =
        "id,created,solved\n1,yesterday,2026-01-01T10:00:00Z\n2,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z\n";
    std::fs::write(&file, rows).unwrap();
    let outcome = kpi(&KpiRequest::new(&file)).unwrap();
    assert_eq!((outcome.input.rows, outcome.input.tickets, outcome.input.rejected), (2, 1, 1));
    let warning = Warning::TicketsRejected { file: "tickets.csv".to_owned(), rejected: 1, read: 2 };
    assert_eq!(outcome.warnings, [warning]);
    assert_eq!(
        outcome.warnings[0].to_string(),
        "tickets.csv: 1 of 2 tickets were rejected and left out; the report's data-quality section says why"
    );
    // Issue 11: when every ticket is rejected there is no report, but an error.
    std::fs::write(&file, "id,created,solved\n1,yesterday,2026-01-01T10:00:00Z\n").unwrap();
    assert!(kpi(&KpiRequest::new(&file)).is_err());
    let demo = kpi(&KpiRequest::new(repo().join("examples/kpi/demo-tickets.csv"))).unwrap();
    let rejected = Warning::TicketsRejected { file: "demo-tickets.csv".to_owned(), rejected: 1, read: 400 };
    assert_eq!(
        demo.warnings,
        [rejected],
        "the demo's broken creation time (its solve before creation is kept, issue 13)"
    );
    assert_eq!(demo.report().input.file, "demo-tickets.csv");
}

#[test]
fn issue_16_servgap_chromium_naming_a_missing_file_is_an_error_naming_variable_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("chromium");
    std::fs::write(&fake, "").unwrap();
    let path = Some(OsString::from(dir.path()));
    let missing = dir.path().join("gone/chrome");
    let error = Chromium::find_with(Some(missing.clone().into()), path.clone()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "SERVGAP_CHROMIUM is set to {}, which is not a file; point it at the Chromium executable or unset it",
            missing.display()
        )
    );
    // Not a fallback to PATH, although PATH has one; an empty variable counts as unset.
    assert_eq!(Chromium::find_with(Some(OsString::new()), path.clone()).unwrap().executable(), fake);
    assert_eq!(Chromium::find_with(Some(fake.clone().into()), None).unwrap().executable(), fake);
    let none = Chromium::find_with(None, Some(OsString::from(dir.path().join("empty")))).unwrap_err();
    assert!(matches!(none, PipelineError::ChromiumMissing));
    assert!(none.to_string().starts_with("PDF output needs Chromium: install the Debian package `chromium`"));
}
