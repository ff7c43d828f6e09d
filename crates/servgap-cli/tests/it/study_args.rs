//! The flags `diagnose`, `prioritise`, `plan` and `progress` share (one clap declaration
//! each, `src/shared_args.rs`): every command that has a flag accepts it and passes it
//! through to the same effect, and the commands that never had it still refuse it.

use std::path::Path;
use std::process::{Command, Output};

use crate::repo;

const DEMO: &str = "examples/study/demo";

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Runs a command that must succeed and write `output`; returns what it wrote.
fn written(args: &[&str], output: &Path) -> String {
    let out = servgap(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "{args:?} wrote to standard output despite -o");
    std::fs::read_to_string(output).unwrap()
}

#[test]
fn issue_15_diagnose_and_prioritise_share_wave_unit_and_department() {
    let cases = [
        ("--wave", "2099-h9", "wave `2099-h9` is not in the study (waves: 2025-h1, 2025-h2)"),
        ("--unit", "nowhere", "unit `nowhere` is not in the study (units: warsaw, krakow, gdansk, online)"),
        ("--department", "nobody", "department `nobody` is not in the study"),
    ];
    for (flag, value, message) in cases {
        let errors: Vec<String> = ["diagnose", "prioritise"]
            .into_iter()
            .map(|command| {
                let out = servgap(&[command, DEMO, flag, value]);
                assert_eq!(out.status.code(), Some(1), "{command} {flag} {value}");
                text(&out.stderr)
            })
            .collect();
        assert!(errors[0].contains(message), "{}", errors[0]);
        assert_eq!(errors[0], errors[1], "the same error from diagnose and prioritise");
    }
    // plan and progress read every wave of every unit: they never had these flags.
    for command in ["plan", "progress"] {
        let out = servgap(&[command, DEMO, "--wave", "2025-h1"]);
        assert_eq!(out.status.code(), Some(2), "{command} --wave");
        assert!(text(&out.stderr).contains("unexpected argument '--wave'"), "{}", text(&out.stderr));
    }
}

#[test]
fn issue_15_study_commands_pass_confidence_lang_threads_and_output_through() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name);
    let level_line = "Przedziały na poziomie 90\u{a0}%";
    for command in ["diagnose", "progress"] {
        let output = file(&format!("{command}.md"));
        let args = [command, DEMO, "--confidence", "0.9", "--lang", "pl", "--threads", "1", "-f", "markdown"];
        let md = written(&[&args[..], &["-o", output.to_str().unwrap()]].concat(), &output);
        assert!(md.contains(level_line), "{command}: the progress section at --confidence, in Polish:\n{md}");
    }
    let json_file = file("priorities.json");
    let args = ["prioritise", DEMO, "--confidence", "0.9", "--threads", "1", "-f", "json", "-o"];
    let json = written(&[&args[..], &[json_file.to_str().unwrap()]].concat(), &json_file);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["stability"]["interval_level"], 0.9, "prioritise ranks on intervals at --confidence");
    for (command, heading) in [("prioritise", "# Priorytety luk — "), ("plan", "# Plan działań — ")] {
        let output = file(&format!("{command}.pl.md"));
        let args = [command, DEMO, "--lang", "pl", "--threads", "1", "-f", "markdown", "-o"];
        let md = written(&[&args[..], &[output.to_str().unwrap()]].concat(), &output);
        assert!(md.trim_start().starts_with(heading), "{command} --lang pl:\n{md}");
    }
    // plan has no intervals: --confidence stays refused there.
    assert_eq!(servgap(&["plan", DEMO, "--confidence", "0.9"]).status.code(), Some(2));
}

#[test]
fn issue_15_study_commands_pass_strict_through() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study");
    let init = servgap(&["study", "init", "--demo", study.to_str().unwrap()]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    let customers = study.join("data/2025-h1/customers.csv");
    let csv = std::fs::read_to_string(&customers).unwrap();
    // Row 3 (the second respondent) answers E1 with 9 on a 1-7 scale.
    let broken = fix_first_answer(&csv);
    assert_ne!(broken, csv, "the fixture changed: c1-2 is not the second respondent");
    std::fs::write(&customers, broken).unwrap();
    let study = study.to_str().unwrap();
    for command in ["diagnose", "prioritise", "plan", "progress"] {
        let output = dir.path().join(format!("{command}.txt"));
        let out = servgap(&[command, study, "--strict", "-o", output.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(3), "{command} --strict: {}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(
            err.contains("customers.csv: row 3, column `E1`: value `9` breaks rule out-of-scale"),
            "{command}: {err}"
        );
        assert!(err.contains("nothing was written"), "{command}: {err}");
        assert!(!output.exists(), "{command} --strict wrote {}", output.display());
    }
    // Without --strict the same study is read, the bad answer left out.
    let output = dir.path().join("plan.txt");
    let plan = written(&["plan", study, "-o", output.to_str().unwrap()], &output);
    assert!(!plan.is_empty());
}

/// `csv` with the first answer (E1) of respondent c1-2 replaced by 9.
fn fix_first_answer(csv: &str) -> String {
    csv.lines()
        .map(|line| match line.strip_prefix("c1-2,warsaw,") {
            Some(rest) => format!("c1-2,warsaw,9,{}", rest.split_once(',').map_or("", |(_, tail)| tail)),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
