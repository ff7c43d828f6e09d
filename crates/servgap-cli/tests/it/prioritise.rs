//! `servgap prioritise` as a user runs it on the demo study, and the feasibility register
//! exported, edited and read back (issue 15).

use std::path::Path;
use std::process::{Command, Output};

use crate::repo;

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = servgap(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn demo(dir: &Path) -> String {
    let study = dir.join("demo");
    ok(&["study", "init", "--demo", study.to_str().unwrap()]);
    study.to_str().unwrap().to_owned()
}

/// Names `register` (relative to the study) as the study's feasibility register.
fn use_register(study: &str, register: &str) {
    let path = Path::new(study).join("study.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = format!("feasibility = \"{register}\"\n");
    let text = match text.find("[priorities]\n") {
        Some(at) => {
            let rest = &text[at + "[priorities]\n".len()..];
            let rest: String = rest
                .lines()
                .filter(|l| !l.starts_with("feasibility = \""))
                .map(|l| format!("{l}\n"))
                .collect();
            format!("{}[priorities]\n{line}{rest}", &text[..at])
        }
        None => format!("{text}\n[priorities]\n{line}"),
    };
    std::fs::write(path, text).unwrap();
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&ok(args)).unwrap()
}

fn ratings_of(report: &serde_json::Value, id: &str) -> serde_json::Value {
    let row = report["ranked"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    row["feasibility"]["ratings"].clone()
}

#[test]
fn issue_15_prioritise_the_demo_study_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let study = demo(dir.path());
    let report = json(&["prioritise", &study, "--top", "5", "--seed", "7", "--format", "json"]);
    assert_eq!(report["schema"], "servgap.priorities/1");
    assert_eq!(report["wave"]["slug"], "2025-h2", "the latest wave by default");
    let ranked = report["ranked"].as_array().unwrap();
    assert!(ranked.len() >= 5, "five ranks, ties kept");
    assert!(ranked.iter().all(|r| r["rank"].as_u64().unwrap() <= 5));
    assert!(report["total"].as_u64().unwrap() > 100, "every gap of the wave was ranked");
    assert_eq!(report["stability"]["seed"], 7);
    assert_eq!(report["stability"]["top_k"], 5);
    let again = ok(&["prioritise", &study, "--top", "5", "--seed", "7", "--format", "json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&again).unwrap(),
        report,
        "same seed, same numbers"
    );

    let text = String::from_utf8(ok(&["prioritise", &study, "--unit", "gdansk", "--top", "3"])).unwrap();
    assert!(text.contains("Ranked 1st: severity"), "{text}");
    assert!(!text.contains("krakow"), "only the unit asked for: {text}");
    let polish =
        String::from_utf8(ok(&["prioritise", &study, "--lang", "pl", "--top", "3", "-f", "md"])).unwrap();
    assert!(polish.contains("# Priorytety luk") && polish.contains("1. miejsce: dotkliwość"), "{polish}");
    for english in ["Ranked", "severity", "urgency", "replicates", "Weights", "not measured", "missing"] {
        assert!(!polish.contains(english), "Polish still says {english:?}");
    }

    let html = dir.path().join("p.html");
    ok(&["prioritise", &study, "--top", "10", "-f", "html", "-o", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<figure id=\"chart-priority-matrix\">") && page.contains(">Ranked gaps</caption>")
    );
    let csv = dir.path().join("ranked.csv");
    ok(&["prioritise", &study, "-f", "csv", "-o", csv.to_str().unwrap()]);
    assert!(std::fs::read(&csv).unwrap().starts_with("\u{feff}rank,id,unit,".as_bytes()));
    let over = servgap(&["prioritise", &study, "-o", &format!("{study}/study.toml")]);
    assert_eq!(over.status.code(), Some(1), "the study file is an input");
    let bad = servgap(&["prioritise", &study, "--top", "0"]);
    assert_eq!(bad.status.code(), Some(2), "k must be at least 1");
    let help = String::from_utf8(ok(&["prioritise", "--help"])).unwrap();
    assert!(help.contains("score = sum of weight x component") && help.contains("Stability"), "{help}");
}

#[test]
fn issue_15_feasibility_register_round_trips_through_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let study = demo(dir.path());
    let register = "gap,unit,department,rater,effort,cost,rating,deadline,comment\n\
        g4/promise/reply-1h,gdansk,marketing,Ewa,S,1200,4,2026-03-31,=new IVR text\n\
        g4/promise/reply-1h,gdansk,it,Jan,M,,2,,\n\
        note/complaint-handover,,operations,Ola,L,5000,3,,\n";
    std::fs::write(Path::new(&study).join("registers/feasibility.csv"), register).unwrap();
    use_register(&study, "registers/feasibility.csv");
    let before = json(&["prioritise", &study, "-f", "json"]);
    let promise = ratings_of(&before, "g4/promise/reply-1h");
    assert_eq!(promise.as_array().unwrap().len(), 2, "{promise}");
    assert_eq!(promise[0]["effort"], "S");
    assert_eq!(ratings_of(&before, "note/complaint-handover")[0]["cost"], 5000.0);

    // XLSX: the exported feasibility sheet is read back as the register, unchanged.
    let xlsx = Path::new(&study).join("registers/exported.xlsx");
    ok(&["prioritise", &study, "-f", "xlsx", "--table", "feasibility", "-o", xlsx.to_str().unwrap()]);
    use_register(&study, "registers/exported.xlsx");
    let after = json(&["prioritise", &study, "-f", "json"]);
    for id in ["g4/promise/reply-1h", "note/complaint-handover"] {
        assert_eq!(ratings_of(&after, id), ratings_of(&before, id), "{id}");
    }
    assert_eq!(after["ranked"], before["ranked"], "the same ranking from the exported register");

    // CSV: edit a rating in the export, read it back, see the change.
    let csv = Path::new(&study).join("registers/exported.csv");
    ok(&["prioritise", &study, "-f", "csv", "--table", "feasibility", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("g4/promise/reply-1h,gdansk,it,Jan,M,,2,2026-03-31,\r\n"), "{text}");
    std::fs::write(&csv, text.replace("Jan,M,,2,", "Jan,XS,,5,")).unwrap();
    use_register(&study, "registers/exported.csv");
    let edited = json(&["prioritise", &study, "-f", "json"]);
    let jan = &ratings_of(&edited, "g4/promise/reply-1h")[1];
    assert_eq!((jan["effort"].as_str(), jan["rating"].as_u64()), (Some("XS"), Some(5)));
}
