//! `servgap progress` as a user runs it (issue 15): the three-wave study with an action
//! plan of three actions, one of them marked done on a unit where nothing changed.

use std::path::Path;
use std::process::{Command, Output};

use crate::repo;

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const ACTIONS: &str = r#"
[[action]]
slug = "warsaw-callbacks"
title = "Call back within the hour in Warsaw"
owner = "Anna Nowak"
departments = ["customer-service"]
start = 2025-07-01
due = 2026-03-31
gaps = ["g5/dimension/responsiveness"]

[action.metric]
gap = "g5/dimension/responsiveness"
unit = "warsaw"
baseline_wave = "2025-h1"
target = 5.8
expected_share = 0.5

[[action]]
slug = "gdansk-training"
title = "Responsiveness training in Gdańsk"
departments = ["hr"]
start = 2025-07-01
due = 2025-10-31
gaps = ["g5/dimension/responsiveness"]
status = "done"

[action.metric]
gap = "g5/dimension/responsiveness"
unit = "gdansk"
baseline_wave = "2025-h1"
target = 5.5
expected_share = 0.4

[[action.history]]
date = 2025-10-20
status = "done"
"#;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The three-wave fixture with the plan above, in a temporary folder.
fn study(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("study");
    copy_dir(&repo().join("crates/servgap-pipeline/tests/fixtures/study-3waves"), &root);
    std::fs::write(root.join("registers/actions.toml"), ACTIONS).unwrap();
    let toml = std::fs::read_to_string(root.join("study.toml")).unwrap();
    let toml: String = toml.lines().filter(|l| !l.starts_with("actions")).map(|l| format!("{l}\n")).collect();
    let toml = toml.replacen("[registers]\n", "[registers]\nactions = \"registers/actions.toml\"\n", 1);
    std::fs::write(root.join("study.toml"), toml).unwrap();
    root
}

#[test]
fn issue_15_progress_of_a_three_wave_plan_in_json_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let root = study(dir.path());
    let root = root.to_str().unwrap();
    let json = servgap(&["progress", root, "--format", "json"]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["schema"], "servgap.progress/2");
    assert_eq!(report["family_size"], 4, "two metrics × two later waves");
    let actions = report["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0]["latest_verdict"], "improved", "warsaw improves by construction");
    // Due 2026-03-31, before 2026-h1's date (2026-04-01): E = 0.5, and the share closed
    // (0.84, interval from 0.66) is past it.
    assert_eq!(actions[0]["latest_pace"], "on-track");
    assert_eq!(report["summary"]["on_track"], 1);
    assert_eq!(actions[1]["latest_verdict"], "not-moving", "gdansk does not change");
    assert_eq!(actions[0]["series"].as_array().unwrap().len(), 3);
    assert_eq!(actions[0]["trend"]["method"], "wls");
    assert_eq!(report["done_not_moving"][0]["action"], "gdansk-training");

    let md = servgap(&["progress", root, "--format", "md", "--lang", "pl"]);
    assert!(md.status.success(), "{}", text(&md.stderr));
    let md = text(&md.stdout);
    assert!(md.trim_start().starts_with("# Zmierzone postępy"), "{md}");
    assert!(md.contains("nie ruszył się"), "{md}");

    let html = dir.path().join("progress.html");
    let out = servgap(&["progress", root, "-f", "html", "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<svg").count(), 4, "one chart per action, and its phone variant");
    assert_eq!(page.matches("<div class=\"chart-narrow\">").count(), 2);

    let over = servgap(&["progress", root, "-o", &format!("{root}/study.toml")]);
    assert_eq!(over.status.code(), Some(1), "the study file is an input");
    let diagnosis = servgap(&["diagnose", root, "--format", "json"]);
    let diagnosis: serde_json::Value = serde_json::from_slice(&diagnosis.stdout).unwrap();
    assert_eq!(diagnosis["progress"], report, "the study report carries the same progress");
}

#[test]
fn issue_15_progress_help_teaches_the_method() {
    let help = text(&servgap(&["progress", "--help"]).stdout);
    for phrase in ["Holm", "Fieller", "Newcombe", "--seed", "servgap.progress/2", "Examples:"] {
        assert!(help.contains(phrase), "{phrase} missing from:\n{help}");
    }
}

/// The first later wave's change interval of the first action.
fn first_interval(progress: &serde_json::Value) -> [f64; 2] {
    let ci = &progress["actions"][0]["waves"][0]["change_interval"];
    [ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap()]
}

#[test]
fn issue_15_confidence_reaches_progress_and_the_study_reports_progress_section() {
    let dir = tempfile::tempdir().unwrap();
    let root = study(dir.path());
    let root = root.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = servgap(args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let progress_90 = run(&["progress", root, "--confidence", "0.9", "--format", "json"]);
    let progress_95 = run(&["progress", root, "--format", "json"]);
    let diagnosis_90 = run(&["diagnose", root, "--confidence", "0.9", "--format", "json"]);
    let section = &diagnosis_90["progress"];
    assert_eq!(section["level"], 0.9, "the study report's progress section at --confidence");
    assert_eq!(section["alpha"], 0.1);
    assert_eq!(progress_90["level"], 0.9);
    assert_eq!(first_interval(section), first_interval(&progress_90), "the same numbers as servgap progress");
    let ([a, b], [c, d]) = (first_interval(&progress_90), first_interval(&progress_95));
    assert!(b - a < d - c, "a 90 % interval is narrower than a 95 % one: [{a}, {b}] vs [{c}, {d}]");
    let md = servgap(&["diagnose", root, "--confidence", "0.9", "--format", "markdown"]);
    assert!(md.status.success(), "{}", text(&md.stderr));
    let md = text(&md.stdout);
    assert!(md.contains("Intervals at 90\u{a0}%") && md.contains("share 90\u{a0}% CI"), "{md}");
}

#[test]
fn issue_15_progress_paired_and_independent_flags() {
    let panel = "crates/servgap-pipeline/tests/fixtures/study-panel";
    // The panel fixture: paired by the auto rule; --independent gives Welch and says it was forced.
    let auto = servgap(&["progress", panel, "-f", "json"]);
    assert!(auto.status.success(), "{}", text(&auto.stderr));
    let json: serde_json::Value = serde_json::from_slice(&auto.stdout).unwrap();
    let wave = &json["actions"][1]["waves"][0];
    assert_eq!(wave["method"], "paired-t");
    assert_eq!(wave["pairing"]["design"], "paired");
    assert_eq!(wave["pairing"]["matched"], 24);
    assert_eq!(wave["pairing"]["paired_n"], 24);
    assert!(json["actions"][0]["waves"][0]["pairing"].is_null(), "a standard is never paired");
    let independent = servgap(&["progress", panel, "--independent", "--lang", "pl"]);
    assert!(independent.status.success(), "{}", text(&independent.stderr));
    let out = text(&independent.stdout);
    assert!(
        out.contains(
            "t Welcha, fale niezależne (dopasowano 24 z 40 identyfikatorów); układ niezależny wymuszony"
        ),
        "{out}"
    );
    // The demo is not a panel: --paired is an error naming the wave and the file.
    let paired = servgap(&["progress", "examples/study/demo", "--paired"]);
    assert_eq!(paired.status.code(), Some(1));
    let err = text(&paired.stderr);
    assert!(err.contains("cannot pair wave `2025-h2` with baseline wave `2025-h1`"), "{err}");
    assert!(err.contains("customers.csv: no respondent id of the unit is in both waves"), "{err}");
    // The two flags exclude each other.
    let both = servgap(&["progress", panel, "--paired", "--independent"]);
    assert_eq!(both.status.code(), Some(2));
}
