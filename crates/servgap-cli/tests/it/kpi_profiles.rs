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

/// The measurability entry of `kpi`.
fn measurable(json: &serde_json::Value, kpi: &str) -> (bool, serde_json::Value) {
    let m = json["profiles"]["measurability"].as_array().unwrap();
    let entry = m.iter().find(|m| m["kpi"] == kpi).unwrap();
    (entry["measurable"].as_bool().unwrap(), entry["missing"].clone())
}

#[test]
fn issue_13_servicenow_first_assignment_resolution_matches_the_pandas_oracle() {
    let Some(file) = locate(Dataset::ServiceNowIncidents) else { return };
    let args = ["kpi", file.to_str().unwrap(), "-m", "examples/kpi/mappings/servicenow-incidents.toml"];
    let json = json_of(&servgap(&[&args[..], &["-f", "json", "--definitions", "servicenow"]].concat()));
    // kpi_profiles.py: fcr_servicenow_first_assignment 499 / 890 = 0.5606741573033708 (first-solved
    // incidents whose last row has reassignment_count = 0); reopen_counter_with_reopen_count 11.
    let fcr = &json["totals"][0]["first_contact_resolution"];
    assert_eq!((fcr["successes"].as_u64(), fcr["n"].as_u64()), (Some(499), Some(890)));
    close(&fcr["share"], 0.5606741573033708);
    assert_eq!(json["totals"][0]["reopen"]["successes"], 11);
    assert!(measurable(&json, "first-contact-resolution").0);
}

/// CFPB under two profiles (servgap's and Zendesk's): the export has only two dates per
/// complaint ("Date received", "Date sent to company") and a status, so FCR, reopen and
/// resolution time are not measurable under either, with the reason; the backlog (from the
/// status column) and the CFPB's own timeliness flag are the same under both.
#[test]
fn issue_13_cfpb_under_two_profiles_matches_the_pandas_oracle() {
    let Some(file) = locate(Dataset::CfpbComplaints) else { return };
    let args =
        ["kpi", file.to_str().unwrap(), "-m", "examples/kpi/mappings/cfpb-complaints.toml", "-f", "json"];
    // kpi_profiles.py, cfpb: rows 1000, closed_per_status 962, open_backlog 38, timely_yes 991,
    // timely_no 9, date_columns ["Date received", "Date sent to company"].
    for profile in ["servgap", "zendesk"] {
        let json = json_of(&servgap(&[&args[..], &["--definitions", profile]].concat()));
        let total = &json["totals"][0];
        assert_eq!(total["backlog_at_end"], 38, "{profile}");
        assert!(total["first_contact_resolution"].is_null() && total["reopen"].is_null(), "{profile}");
        assert_eq!(json["input"]["rows"], 1000);
        assert_eq!(json["input"]["flags"][0]["yes"], 991);
        assert_eq!(json["input"]["flags"][0]["no"], 9);
        let (fcr, missing) = measurable(&json, "first-contact-resolution");
        assert!(!fcr, "{profile}");
        assert!(missing
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == &serde_json::json!(["reply-events", "reply-count"])));
        assert!(!measurable(&json, "reopen-rate").0);
        assert_eq!(
            measurable(&json, "full-resolution").1,
            serde_json::json!([["status-history", "solve-times"]])
        );
        // The status column measures the backlog without solve times (input current-status).
        assert_eq!(measurable(&json, "backlog"), (true, serde_json::json!([])));
    }
}

/// `--responses`: a separate survey file joined by ticket id, with its own mapping (CSAT on
/// 1–7, NPS, CES on 1–5). Expected values: crates/servgap-ingest/tests/oracles/kpi_scales.py,
/// "responses": read 6, joined 3, unmatched 1, rejected 2; CSAT 2 / 3 (6–7 good), Wilson
/// [0.2076596008020477, 0.9385080552796037]; NPS 66.66666666666666; CES mean 4.0, agree 2 / 3.
#[test]
fn issue_13_responses_file_is_joined_by_ticket_id_and_counts_reconcile() {
    let dir = tempfile::tempdir().unwrap();
    let tickets = dir.path().join("tickets.csv");
    let mut text = String::from("id,created,solved\n");
    for k in 1..=4 {
        text.push_str(&format!("t{k},2026-03-0{k}T09:00:00Z,2026-03-0{k}T10:00:00Z\n"));
    }
    std::fs::write(&tickets, text).unwrap();
    let responses = dir.path().join("responses.csv");
    std::fs::write(
        &responses,
        "ticket,answered_at,rating,nps,effort\n\
         t1,2026-03-03T10:00:00Z,7,10,5\n\
         t2,2026-03-04T09:00:00Z,6,9,4\n\
         t2,2026-03-03T11:00:00Z,3,6,2\n\
         t3,2026-03-05T10:00:00Z,5,7,3\n\
         t9,2026-03-05T10:00:00Z,7,10,5\n\
         ,2026-03-05T10:00:00Z,7,10,5\n",
    )
    .unwrap();
    let mapping = dir.path().join("responses.toml");
    std::fs::write(
        &mapping,
        "[columns]\nticket_id = \"ticket\"\nresponded = \"answered_at\"\ncsat = \"rating\"\nnps = \"nps\"\nces = \"effort\"\n\n\
         [csat]\nscale = \"1-7\"\n\n[ces]\nscale = \"1-5\"\n",
    )
    .unwrap();
    let targets = dir.path().join("t.toml");
    std::fs::write(
        &targets,
        "[[target]]\nkpi = \"csat\"\ntarget = \"60%\"\n\n[[target]]\nkpi = \"ces-mean\"\ntarget = 4.5\n\n\
         [[target]]\nkpi = \"nps\"\ntarget = 50\n",
    )
    .unwrap();
    let args = [
        "kpi",
        tickets.to_str().unwrap(),
        "--responses",
        responses.to_str().unwrap(),
        "--responses-mapping",
        mapping.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
    ];
    let o = servgap(&[&args[..], &["-f", "json"]].concat());
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    let json = json_of(&o);
    assert!(
        stderr.contains("of 6 survey responses, 1 name no accepted ticket and 2 were rejected"),
        "{stderr}"
    );
    let r = &json["input"]["responses"];
    assert_eq!((r["read"].as_u64(), r["joined"].as_u64()), (Some(6), Some(3)));
    assert_eq!((r["unmatched"].as_u64(), r["rejected"].as_u64()), (Some(1), Some(2)));
    assert_eq!(r["reconciles"], true);
    let rule = |id: &str| r["findings"].as_array().unwrap().iter().find(|f| f["rule"] == id).unwrap().clone();
    assert_eq!(rule("unknown-ticket")["examples"][0]["value"], "t9");
    assert_eq!(rule("unknown-ticket")["examples"][0]["row"], 6);
    // The earlier t2 response (row 4, answered before row 3's) is the one rejected.
    assert_eq!(rule("duplicate-response")["examples"][0]["row"], 4);
    assert_eq!(rule("missing-id")["examples"][0]["row"], 7);
    let total = &json["totals"][0];
    assert_eq!((total["csat"]["successes"].as_u64(), total["csat"]["n"].as_u64()), (Some(2), Some(3)));
    close(&total["csat"]["ci_low"], 0.2076596008020477);
    close(&total["csat"]["ci_high"], 0.9385080552796037);
    close(&total["nps"]["score"], 66.66666666666666);
    assert_eq!(total["ces"]["scale"], "1-5");
    close(&total["ces"]["mean"], 4.0);
    assert_eq!(total["ces"]["agree"]["successes"], 2);
    let gaps = json["gaps"].as_array().unwrap();
    let status = |k: usize| gaps.iter().find(|g| g["target"] == k).map(|g| g["status"].clone());
    assert_eq!(status(0), Some(serde_json::json!("at-target")), "CSAT 66.7 % ≥ 60 %");
    assert_ne!(status(1), Some(serde_json::json!("at-target")), "CES 4.0 < 4.5");
    assert_eq!(status(2), Some(serde_json::json!("at-target")), "NPS 66.7 ≥ 50");
    // The counts are printed in every format, in English and Polish.
    for (format, lang, needle) in [
        ("text", "en", "read 6 = joined 3 + no such ticket 1 + rejected 2"),
        ("markdown", "en", "read 6 = joined 3 + no such ticket 1 + rejected 2"),
        ("html", "en", "read 6 = joined 3 + no such ticket 1 + rejected 2"),
        ("text", "pl", "wczytane 6 = dołączone 3 + bez takiego zgłoszenia 1 + odrzucone 2"),
    ] {
        let o = servgap(&[&args[..], &["-f", format, "--lang", lang]].concat());
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains(needle), "{format} {lang}");
    }
}

#[test]
fn issue_13_ces_mean_target_off_the_mappings_1_to_5_scale_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let tickets = dir.path().join("tickets.csv");
    std::fs::write(
        &tickets,
        "id,created,solved,effort\nt1,2026-03-01T09:00:00Z,2026-03-01T10:00:00Z,4\n\
         t2,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,5\n",
    )
    .unwrap();
    let mapping = dir.path().join("m.toml");
    std::fs::write(
        &mapping,
        "[columns]\nid = \"id\"\ncreated = \"created\"\nsolved = \"solved\"\nces = \"effort\"\n\n[ces]\nscale = \"1-5\"\n",
    )
    .unwrap();
    let targets = dir.path().join("t.toml");
    let write_target = |value: &str| {
        std::fs::write(&targets, format!("[[target]]\nkpi = \"ces-mean\"\ntarget = {value}\n")).unwrap();
    };
    let args = ["kpi", tickets.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()];
    let args = [&args[..], &["--targets", targets.to_str().unwrap(), "-f", "json"]].concat();
    write_target("4.2");
    let json = json_of(&servgap(&args));
    assert_eq!(json["totals"][0]["ces"]["scale"], "1-5");
    write_target("5.5");
    let o = servgap(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "nothing written");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!(
            "targets {}: key `target[0].target`: ces-mean target 5.5 is off the CES scale 1-5 of the analysis: \
             on a 1–5 scale a target must be in [1, 5]",
            targets.display()
        )),
        "{stderr}"
    );
}
