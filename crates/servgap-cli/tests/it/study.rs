//! `servgap study init` and `servgap diagnose` as a user runs them (issue 14).

use std::process::{Command, Output};

use crate::repo;

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn issue_14_study_init_demo_then_diagnose_in_every_table_format() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("demo");
    let study = study.to_str().unwrap();
    let out = servgap(&["study", "init", "--demo", study]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = servgap(&["study", "init", "--demo", study]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("will not overwrite"), "{}", text(&again.stderr));

    let json = servgap(&["diagnose", study, "--wave", "2025-h1", "--format", "json"]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["schema"], "servgap.diagnosis/1");
    assert_eq!(report["wave"]["slug"], "2025-h1");
    assert_eq!(report["units"].as_array().unwrap().len(), 4);

    let csv = dir.path().join("register.csv");
    let out = servgap(&["diagnose", study, "-f", "csv", "-o", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{feff}id,".as_bytes()), "a BOM, then the header");
    let xlsx = dir.path().join("gaps.xlsx");
    let out = servgap(&["diagnose", study, "-f", "xlsx", "-o", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "a zip workbook");

    let over = servgap(&["diagnose", study, "-o", &format!("{study}/study.toml")]);
    assert_eq!(over.status.code(), Some(1), "the study file is an input");
    let polish = servgap(&["diagnose", study, "--unit", "gdansk", "--lang", "pl"]);
    assert!(text(&polish.stdout).contains("Gdańsk"), "{}", text(&polish.stdout));
}

#[test]
fn issue_14_diagnose_names_the_file_and_row_of_a_bad_study() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("s");
    assert!(servgap(&["study", "init", study.to_str().unwrap()]).status.success());
    std::fs::write(study.join("registers/standards.csv"), "slug,items,target,owner\nx,1,6,legal\n").unwrap();
    let out = servgap(&["diagnose", study.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "error: registers/standards.csv: row 2: key `owner`: unknown department `legal` (departments: customer-service, marketing)"
    );
}

#[test]
fn issue_14_staff_instruments_are_listed_shown_and_exported() {
    let list = text(&servgap(&["instrument", "list"]).stdout);
    for id in ["management22", "management-factors", "employee"] {
        assert!(list.contains(id), "{list}");
    }
    let show = text(&servgap(&["instrument", "show", "employee", "--lang", "pl"]).stdout);
    assert!(show.contains("Niejasność roli [role-ambiguity]"), "{show}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("staff.toml");
    assert!(servgap(&["instrument", "export", "management22", "-o", file.to_str().unwrap()])
        .status
        .success());
    let loaded = servgap_pipeline::resolve_instrument(file.to_str().unwrap()).unwrap();
    assert_eq!(loaded, servgap_pipeline::resolve_instrument("management22").unwrap());
}

#[test]
fn issue_15_diagnose_csv_writes_the_ranked_register_and_the_plan_tables() {
    let dir = tempfile::tempdir().unwrap();
    let csv = |name: &str| dir.path().join(format!("{name}.csv"));
    let write = |command: &str, table: &str| {
        let path = csv(&format!("{command}-{table}"));
        let out = servgap(&[
            command,
            "examples/study/demo",
            "-f",
            "csv",
            "--table",
            table,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&std::fs::read(&path).unwrap())
    };
    let first_line = |s: &str| s.lines().next().unwrap_or_default().to_owned();
    let ranked = write("diagnose", "ranked");
    assert!(ranked.starts_with("\u{feff}rank,id,unit,"), "{ranked}");
    assert_eq!(first_line(&ranked), first_line(&write("prioritise", "ranked")), "prioritise's columns");
    let actions = write("diagnose", "actions");
    assert_eq!(first_line(&write("plan", "actions")), first_line(&actions), "the register's columns");
    assert!(actions.contains("\r\ncallback-warsaw,"), "{actions}");
    let waves = write("diagnose", "progress-waves");
    assert!(waves.starts_with("\u{feff}action,metric,wave,value,"), "{waves}");

    let study = dir.path().join("s");
    assert!(servgap(&["study", "init", study.to_str().unwrap()]).status.success());
    let out = servgap(&["diagnose", study.to_str().unwrap(), "-f", "csv", "--table", "actions"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("table `actions` is not in this report"), "{stderr}");
    assert!(stderr.contains("this report holds: register, model, findings, factors"), "{stderr}");
    let bad = servgap(&["diagnose", study.to_str().unwrap(), "-f", "csv", "--table", "nonsense"]);
    assert_eq!(bad.status.code(), Some(2), "not a table name");
}
