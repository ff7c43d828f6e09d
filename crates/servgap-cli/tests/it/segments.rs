//! `analyze --by` and `compare` end to end (issue 3, items 4 and 5). Expected values come
//! from `crates/servgap-core/tests/oracles/groups_oracles.py` (scipy 1.17.1, pingouin 0.7.0),
//! which scores the demo files independently, exactly as the README's missing-data policy says.

use std::process::{Command, Output};

use crate::repo;

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const WAVE2: &str = "examples/demo/servqual22-wave2-demo.csv";

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[track_caller]
fn close(got: &serde_json::Value, want: f64, tol: f64) {
    let got = got.as_f64().unwrap();
    assert!((got - want).abs() <= tol * want.abs(), "got {got}, want {want}");
}

/// pingouin `welch_anova` p and scipy `kruskal` p per scope (DEMO_BRANCHES in the oracle).
const BRANCH_P: [(&str, f64, f64); 6] = [
    ("tangibles", 0.006836130217366492, 0.018499904276389673),
    ("reliability", 0.000414462231103518, 0.0003857378768849927),
    ("responsiveness", 0.035115225892485204, 0.04272849647395076),
    ("assurance", 0.005607279505069925, 0.010948422494772281),
    ("empathy", 0.0021523574160022966, 0.004322441490533583),
    ("overall", 0.00037989455962386724, 0.0015067025738799168),
];

#[test]
fn analyze_by_branch_matches_the_oracle() {
    let value = json(&servgap(&["analyze", DEMO, "--by", "branch", "-f", "json"]));
    let segments = &value["segments"];
    assert_eq!(segments["column"], "branch");
    let names: Vec<&str> =
        segments["segments"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["centre", "north", "south"]);
    let tests = segments["tests"].as_array().unwrap();
    assert_eq!(tests.len(), BRANCH_P.len());
    for (test, (id, welch_p, kruskal_p)) in tests.iter().zip(BRANCH_P) {
        assert_eq!(test["id"], id);
        close(&test["welch_anova"]["p"], welch_p, 1e-9);
        close(&test["kruskal_wallis"]["p"], kruskal_p, 1e-9);
    }
    // The whole-survey analysis is unchanged by --by.
    let plain = json(&servgap(&["analyze", DEMO, "-f", "json"]));
    assert_eq!(plain["dimensions"], value["dimensions"]);
    assert!(plain.get("segments").is_none(), "no segments key without --by");
}

#[test]
fn analyze_by_text_and_errors() {
    let out = servgap(&["analyze", DEMO, "--by", "branch"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Segments: branch"));
    let missing = servgap(&["analyze", DEMO, "--by", "region"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot segment by `region`"));
    // Issue 16: `--by id` explains which column is the respondent id and what could be meant.
    let by_id = servgap(&["analyze", DEMO, "--by", "id"]);
    assert_eq!(by_id.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&by_id.stderr).contains(
            "the respondent id is column `respondent` (--by respondent segments by it); \
             columns the instrument does not use: branch"
        ),
        "{}",
        String::from_utf8_lossy(&by_id.stderr)
    );
    // Strict mode still stops at the demo's first invalid cell, with or without --by.
    let strict = servgap(&["analyze", DEMO, "--by", "branch", "--strict"]);
    assert_eq!(strict.status.code(), Some(3));
}

#[test]
fn compare_demo_waves() {
    let value = json(&servgap(&["compare", DEMO, WAVE2, "-f", "json"]));
    assert_eq!(value["schema"], "servgap.compare/3");
    let verdicts: Vec<(&str, &str)> = value["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["verdict"].as_str().unwrap()))
        .collect();
    assert!(verdicts.contains(&("reliability", "improved")), "{verdicts:?}");
    assert!(verdicts.contains(&("empathy", "worsened")), "{verdicts:?}");
    // scipy ttest_ind(after, before, equal_var=False) and its confidence_interval() (WAVES in the oracle).
    let reliability = &value["dimensions"][1];
    close(&reliability["t"], 5.718576913408047, 1e-9);
    close(&reliability["df"], 575.5618121533935, 1e-9);
    close(&reliability["p_unadjusted"], 1.7271887986286654e-08, 1e-9);
    close(&reliability["ci_unadjusted"][0], 0.32723901305158654, 1e-9);
    close(&reliability["ci_unadjusted"][1], 0.6696181298055566, 1e-9);
    let empathy = &value["dimensions"][4];
    close(&empathy["ci_unadjusted"][0], -0.47333115096592654, 1e-9);
    close(&empathy["ci_unadjusted"][1], -0.14400218236740675, 1e-9);
    // Issue 12: verdicts from Holm over the dimensions and the overall score (m = 6).
    assert!(
        empathy["p_holm"].as_f64().unwrap() < 0.05
            && empathy["p_holm"].as_f64() > empathy["p_unadjusted"].as_f64()
    );
    assert_eq!(value["method"]["families"][1]["tests"], 6);
    assert_eq!(value["items"].as_array().unwrap().len(), 22);
    assert_eq!(value["overall"][0]["before"]["n"], 300);
    assert_eq!(value["waves"].as_array().unwrap().len(), 2);
}

#[test]
fn issue_12_compare_three_waves() {
    let value = json(&servgap(&["compare", DEMO, WAVE2, DEMO, "-f", "json"]));
    let contrasts: Vec<(u64, u64)> = value["contrasts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["from"].as_u64().unwrap(), c["to"].as_u64().unwrap()))
        .collect();
    assert_eq!(contrasts, [(0, 1), (1, 2), (0, 2)]);
    assert_eq!(value["items"].as_array().unwrap().len(), 3 * 22);
    assert_eq!(value["method"]["families"][0]["tests"], 3 * 22);
    // The first wave against itself: nothing changed.
    let same: Vec<&serde_json::Value> =
        value["dimensions"].as_array().unwrap().iter().filter(|d| d["from"] == 0 && d["to"] == 2).collect();
    assert!(same.iter().all(|d| d["verdict"] == "unchanged" && d["change"] == 0.0), "{same:?}");
    let text = String::from_utf8(servgap(&["compare", DEMO, WAVE2, DEMO]).stdout).unwrap();
    assert!(text.contains("Trend over the waves") && text.contains("Wave 1 → Wave 3"), "{text}");
}

#[test]
fn compare_exit_codes() {
    let text = servgap(&["compare", DEMO, WAVE2]);
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("worsened"));
    // The first wave breaks validation rules: --strict stops with 3 and writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("waves.md");
    let strict =
        servgap(&["compare", DEMO, WAVE2, "--strict", "-f", "markdown", "-o", target.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(3));
    assert!(!target.exists());
    // The clean second wave against itself passes strict mode; nothing changes.
    let same = json(&servgap(&["compare", WAVE2, WAVE2, "--strict", "-f", "json"]));
    assert!(same["dimensions"].as_array().unwrap().iter().all(|d| d["verdict"] == "unchanged"));
    assert_eq!(servgap(&["compare", DEMO, "missing.csv"]).status.code(), Some(1));
    assert_eq!(servgap(&["compare", DEMO]).status.code(), Some(2));
}

/// A SERVQUAL-22 file with an `id` column: respondent j (ids `r{j}` for j in `ids`) has
/// E = 5 on every item and P = 3 + (j mod 3) + `lift`·(1 + j mod 2) on the tangibles items
/// (1–4), 4 + (j mod 2) elsewhere.
fn panel_wave(path: &std::path::Path, ids: std::ops::Range<usize>, lift: usize) {
    let mut text = String::from("id");
    for battery in ["E", "P"] {
        for i in 1..=22 {
            text.push_str(&format!(",{battery}{i}"));
        }
    }
    text.push('\n');
    for j in ids {
        text.push_str(&format!("r{j}"));
        text.push_str(&",5".repeat(22));
        for i in 1..=22 {
            let p = if i <= 4 { 3 + j % 3 + lift * (1 + j % 2) } else { 4 + j % 2 };
            text.push_str(&format!(",{}", p.min(7)));
        }
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn issue_12_compare_detects_a_panel_and_analyses_it_paired() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("w1.csv"), dir.path().join("w2.csv"));
    panel_wave(&first, 0..40, 0);
    panel_wave(&second, 10..50, 1);
    let (a, b) = (first.to_str().unwrap(), second.to_str().unwrap());
    let value = json(&servgap(&["compare", a, b, "-f", "json"]));
    let panel = &value["panels"][0];
    assert_eq!(panel["design"], "paired", "30 of 40 ids matched: {panel}");
    assert_eq!((panel["matched"].as_u64(), panel["unmatched"][1].as_u64()), (Some(30), Some(10)));
    let tangibles = panel["changes"].as_array().unwrap().iter().find(|c| c["id"] == "tangibles").unwrap();
    // The matched respondents' tangibles gaps rise by 1 (even ids) or 2 (odd ids): 15 each,
    // mean 1.5, SD √(30·0.25/29) (scipy ttest_rel on these differences: t = 16.155494421403514).
    assert_eq!((tangibles["n"].as_u64(), tangibles["mean"].as_f64()), (Some(30), Some(1.5)));
    close(&tangibles["t"], 16.155494421403514, 1e-9);
    assert_eq!(tangibles["verdict"], "improved");
    let reliability = panel["changes"].as_array().unwrap().iter().find(|c| c["id"] == "reliability").unwrap();
    assert_eq!(reliability["verdict"], "not-tested", "no change and no spread");
    let refused = json(&servgap(&["compare", a, b, "-f", "json", "--independent"]));
    assert_eq!(refused["panels"][0]["design"], "independent");
    assert!(refused["panels"][0]["changes"].as_array().unwrap().is_empty());
    let text = String::from_utf8(servgap(&["compare", a, b]).stdout).unwrap();
    assert!(text.contains("30 ids matched") && text.contains("paired analysis"), "{text}");
    assert_eq!(servgap(&["compare", a, b, "--paired", "--independent"]).status.code(), Some(2));
}
