//! Issue 13: definition profiles, measurability and partial periods through `servgap kpi`.
//! Expected numbers come from crates/servgap-ingest/tests/oracles/kpi_profiles.py (pandas),
//! whose output is pasted beside each assertion.

use std::process::{Command, Output};

use servgap_testdata::{locate, Dataset};

use crate::repo;

fn servgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

fn json_of(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The reconciliation cell of `measure` under `profile`.
fn cell<'a>(json: &'a serde_json::Value, measure: &str, profile: &str) -> &'a serde_json::Value {
    let rows = json["profiles"]["reconciliation"]["rows"].as_array().unwrap();
    let row = rows.iter().find(|r| r["measure"] == measure).unwrap();
    row["cells"].as_array().unwrap().iter().find(|c| c["profile"] == profile).unwrap()
}

fn close(a: &serde_json::Value, b: f64) {
    let a = a.as_f64().unwrap();
    assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} vs {b}");
}

#[test]
fn issue_13_italian_profiles_match_the_pandas_oracle() {
    let Some(file) = locate(Dataset::ItalianHelpdesk) else { return };
    let dir = tempfile::tempdir().unwrap();
    let calendar = dir.path().join("rome.toml");
    std::fs::write(&calendar, "zone = \"Europe/Rome\"\nweekdays = [\"09:00-13:00\", \"14:00-18:00\"]\n")
        .unwrap();
    let o = servgap(&[
        "kpi",
        file.to_str().unwrap(),
        "-m",
        "examples/kpi/mappings/helpdesk-italian.toml",
        "--calendar",
        calendar.to_str().unwrap(),
        "--reconcile",
        "-f",
        "json",
    ]);
    let json = json_of(&o);
    // pandas: fcr_servgap 3648 / 4569 = 0.7984241628365069; fcr_zendesk 3947 / 4569 = 0.8638651783760123;
    // fcr_zammad 293 / 4569; reopen_window 117 / 4569; reopen_counter 152 / 4569.
    let fcr = "first-contact-resolution";
    assert_eq!(cell(&json, fcr, "servgap")["share"]["successes"], 3648);
    assert_eq!(cell(&json, fcr, "servgap")["n"], 4569);
    close(&cell(&json, fcr, "servgap")["value"], 0.7984241628365069);
    assert_eq!(cell(&json, fcr, "zendesk")["share"]["successes"], 3947);
    close(&cell(&json, fcr, "zendesk")["value"], 0.8638651783760123);
    assert_eq!(cell(&json, fcr, "zammad")["share"]["successes"], 293);
    assert_eq!(cell(&json, "reopen-rate", "servgap")["share"]["successes"], 117);
    assert_eq!(cell(&json, "reopen-rate", "servicenow")["share"]["successes"], 152);
    // The event log has no customer messages and no reassignment count.
    assert_eq!(cell(&json, fcr, "freshdesk")["missing"][0][0], "customer-messages");
    assert!(cell(&json, fcr, "servicenow")["value"].is_null());
    // pandas: business median 21.13736111111111 h (servgap, pauses subtracted) vs
    // 35.72805555555556 h (Zendesk, no pause), n = 4568; 1212 tickets differ.
    let business = "full-resolution.business.median";
    close(&cell(&json, business, "servgap")["value"], 21.13736111111111 * 3600.0);
    close(&cell(&json, business, "zendesk")["value"], 35.72805555555556 * 3600.0);
    assert_eq!(cell(&json, business, "zendesk")["n"], 4568);
    // pandas: full_calendar_median_s 571084.5; Zammad (to the close) 3442438.5.
    close(&cell(&json, "full-resolution.calendar.median", "servgap")["value"], 571_084.5);
    close(&cell(&json, "full-resolution.calendar.median", "zammad")["value"], 3_442_438.5);
    // The run's own definitions are spelled out.
    assert_eq!(json["profiles"]["definitions"]["business_time"], "business-excluding-pending-and-on-hold");
    let zendesk = servgap(&[
        "kpi",
        file.to_str().unwrap(),
        "-m",
        "examples/kpi/mappings/helpdesk-italian.toml",
        "--calendar",
        calendar.to_str().unwrap(),
        "--definitions",
        "zendesk",
        "-f",
        "json",
    ]);
    let zendesk = json_of(&zendesk);
    assert_eq!(zendesk["profiles"]["definitions"]["business_time"], "business-including-pauses");
    assert_eq!(zendesk["totals"][0]["first_contact_resolution"]["successes"], 3947);
}

#[test]
fn issue_13_servicenow_audit_log_fcr_is_not_measurable() {
    let Some(file) = locate(Dataset::ServiceNowIncidents) else { return };
    let args = ["kpi", file.to_str().unwrap(), "-m", "examples/kpi/mappings/servicenow-incidents.toml"];
    let json = json_of(&servgap(&[&args[..], &["-f", "json", "--reconcile"]].concat()));
    // Before issue 13: FCR 0.0 % [0.0, 0.4]. Now: no number, and the reason.
    assert!(json["totals"][0]["first_contact_resolution"].is_null());
    let m = json["profiles"]["measurability"].as_array().unwrap();
    let fcr = m.iter().find(|m| m["kpi"] == "first-contact-resolution").unwrap();
    assert_eq!(fcr["measurable"], false);
    assert_eq!(fcr["missing"], serde_json::json!([["reply-events", "reply-count"]]));
    // pandas: fcr_zammad 52 / 885; reopen_window 9 / 885; reopen_counter 11 / 885.
    assert_eq!(cell(&json, "first-contact-resolution", "zammad")["share"]["successes"], 52);
    assert_eq!(cell(&json, "reopen-rate", "servgap")["share"]["successes"], 9);
    assert_eq!(cell(&json, "reopen-rate", "servicenow")["share"]["successes"], 11);
    let text = servgap(&args);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("not measurable from this export, because it has no reply events or reply count"));
    let md = servgap(&[&args[..], &["-f", "markdown", "--lang", "pl"]].concat());
    assert!(String::from_utf8(md.stdout).unwrap().contains("niemierzalne na podstawie tego eksportu"));
}

#[test]
fn issue_13_demo_reopen_rate_is_not_measurable_and_never_green() {
    let args = [
        "kpi",
        "examples/kpi/demo-tickets.csv",
        "--calendar",
        "examples/kpi/calendar.toml",
        "--targets",
        "examples/kpi/targets.toml",
    ];
    let json = json_of(&servgap(&[&args[..], &["-f", "json"]].concat()));
    assert!(json["totals"][0]["reopen"].is_null(), "a ticket-per-row export has no reopen information");
    let targets = json["targets"].as_array().unwrap();
    let reopen = targets.iter().position(|t| t["measure"] == "reopen-rate").unwrap();
    assert!(json["gaps"].as_array().unwrap().iter().all(|g| g["target"] != reopen), "not judged");
    let unjudged = json["profiles"]["unjudged"].as_array().unwrap();
    assert!(unjudged.iter().any(|u| u["target"] == reopen && u["reason"] == "not-measurable"));
    // Partial first and last months are marked and never judged.
    assert_eq!(json["profiles"]["partial_periods"], serde_json::json!(["2026-01-01", "2026-07-01"]));
    assert!(json["period_gaps"].as_array().unwrap().iter().all(|g| g["period_start"] != "2026-07-01"));
    let html = String::from_utf8(servgap(&[&args[..], &["-f", "html"]].concat()).stdout).unwrap();
    assert!(html.contains("not measurable from this export, because it has no reopen events"));
    assert!(!html.contains("Reopen rate (all tickets)"), "no bullet chart for the reopen rate");
    let text = String::from_utf8(servgap(&args).stdout).unwrap();
    assert!(text.contains("2026-07-01 (partial)"));
}

#[test]
fn issue_13_nps_and_ces_columns_are_read_and_their_targets_judged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tickets.csv");
    // Hand computation: NPS answers 10, 9, 8, 6, 0 → P = 2, D = 2, n = 5 → NPS 0;
    // Var = (0.4 + 0.4 − 0²) / 5 = 0.16 → half-width 1.959963984540054 · 100 · 0.4 = 78.398…
    // CES answers 7, 5, 3, 6 (one blank) → mean 21 / 4 = 5.25; agree (5–7) 3 / 4.
    std::fs::write(
        &data,
        "id,created,solved,nps,ces\n\
         1,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,10,7\n\
         2,2026-03-03T09:00:00Z,2026-03-03T10:00:00Z,9,5\n\
         3,2026-03-04T09:00:00Z,2026-03-04T10:00:00Z,8,3\n\
         4,2026-03-05T09:00:00Z,2026-03-05T10:00:00Z,6,6\n\
         5,2026-03-06T09:00:00Z,2026-03-06T10:00:00Z,0,\n",
    )
    .unwrap();
    let mapping = dir.path().join("m.toml");
    std::fs::write(
        &mapping,
        "[columns]\nid = \"id\"\ncreated = \"created\"\nsolved = \"solved\"\nnps = \"nps\"\nces = \"ces\"\n",
    )
    .unwrap();
    let targets = dir.path().join("t.toml");
    std::fs::write(
        &targets,
        "[[target]]\nkpi = \"nps\"\ntarget = 30\n\n[[target]]\nkpi = \"ces-mean\"\ntarget = 5\n\n\
         [[target]]\nkpi = \"csat\"\ntarget = \"80%\"\n",
    )
    .unwrap();
    let o = servgap(&[
        "kpi",
        data.to_str().unwrap(),
        "-m",
        mapping.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
        "-f",
        "json",
    ]);
    let json = json_of(&o);
    let total = &json["totals"][0];
    assert_eq!(total["nps"]["n"], 5);
    close(&total["nps"]["score"], 0.0);
    close(&total["nps"]["ci_high"], 1.959963984540054 * 100.0 * 0.4);
    assert_eq!(total["ces"]["n"], 4);
    close(&total["ces"]["mean"], 5.25);
    assert_eq!(total["ces"]["agree"]["successes"], 3);
    let gaps = json["gaps"].as_array().unwrap();
    let status = |k: usize| gaps.iter().find(|g| g["target"] == k).map(|g| g["status"].clone());
    assert_eq!(status(0), Some(serde_json::json!("below-minimum")), "NPS 0 < 30");
    assert_eq!(status(1), Some(serde_json::json!("at-target")), "CES 5.25 ≥ 5");
    assert_eq!(status(2), None, "no CSAT column: not judged");
    let unjudged = json["profiles"]["unjudged"].as_array().unwrap();
    assert!(unjudged.iter().any(|u| u["target"] == 2 && u["reason"] == "not-measurable"));
}
