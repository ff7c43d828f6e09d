//! The issue-15 scenario end to end, as a CX manager lives it: wave 1 (customers, managers,
//! employees, tickets) → diagnosis → priorities → a plan with two actions → wave 2 →
//! measured progress. The study is the demo study, grown in a temporary folder one step
//! at a time; priorities come from `servgap_pipeline::prioritise` (the helper prio's work). Expected numbers: `tests/oracles/progress_study.py` (the demo's two waves,
//! pandas/scipy/statsmodels on the raw CSV files); the Holm values are that script's
//! unadjusted p over this plan's family of two (smaller p × 2, larger × 1).

use std::fs;

use servgap_pipeline::{
    action_progress, diagnose, no_progress, prioritise, DiagnoseRequest, PrioritiseRequest, ProgressRequest,
};

use crate::{copy_dir, repo};

const WAVE_2_START: &str = "[[waves]]\nslug = \"2025-h2\"";

/// The demo's study.toml split into (everything before wave 2, wave 2's block, the
/// registers), without any actions register of its own.
fn study_parts() -> (String, String, String) {
    let text = fs::read_to_string(repo().join("examples/study/demo/study.toml")).unwrap();
    let text: String =
        text.lines().filter(|l| !l.trim_start().starts_with("actions")).map(|l| format!("{l}\n")).collect();
    let wave_2 = text.find(WAVE_2_START).unwrap();
    let registers = text.find("[registers]").unwrap();
    (text[..wave_2].to_owned(), text[wave_2..registers].to_owned(), text[registers..].to_owned())
}

/// Two actions on gaps wave 1 showed: responsiveness in Warsaw (under way) and the
/// one-hour reply promise online (marked done).
const ACTIONS: &str = r#"
[[action]]
slug = "warsaw-callbacks"
title = "Call back within the hour in Warsaw"
owner = "Anna Nowak"
departments = ["customer-service"]
start = 2025-07-01
due = 2025-12-31
gaps = ["g5/dimension/responsiveness"]
status = "in-progress"

[action.metric]
gap = "g5/dimension/responsiveness"
unit = "warsaw"
baseline_wave = "2025-h1"
target = 5.8
expected_share = 0.5

[[action.history]]
date = 2025-07-01
status = "in-progress"
comment = "rota agreed"

[[action]]
slug = "online-reply-bot"
title = "Auto-acknowledge and triage online messages"
owner = "Piotr Zieliński"
departments = ["it", "customer-service"]
start = 2025-07-01
due = 2025-09-30
gaps = ["g4/promise/reply-1h"]
status = "done"

[action.metric]
gap = "g4/promise/reply-1h"
unit = "online"
baseline_wave = "2025-h1"
target = 0.6
expected_share = 0.4

[[action.history]]
date = 2025-07-01
status = "in-progress"

[[action.history]]
date = 2025-09-15
status = "done"
comment = "bot live"
"#;

#[track_caller]
fn close(actual: f64, expected: f64, what: &str) {
    assert!((actual - expected).abs() <= 1e-9, "{what}: {actual} vs {expected}");
}

#[test]
fn issue_15_scenario_wave_1_diagnosis_priorities_plan_wave_2_measured_progress() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let demo = repo().join("examples/study/demo");
    for part in ["mappings", "helpdesk", "registers", "data/2025-h1"] {
        copy_dir(&demo.join(part), &root.join(part));
    }
    let _ = fs::remove_file(root.join("registers/actions.toml"));
    let (head, wave_2, registers) = study_parts();

    // Wave 1 only: the diagnosis shows the gaps the plan will attack.
    fs::write(root.join("study.toml"), format!("{head}{registers}")).unwrap();
    let first = diagnose(&DiagnoseRequest::new(root), &no_progress).unwrap();
    assert_eq!(first.waves.len(), 1);
    let register = &first.diagnoses[0].register;
    let gap = |id: &str, unit: &str| {
        register.entries.iter().find(|e| e.gap.id.to_string() == id && e.gap.unit.as_str() == unit).unwrap()
    };
    let responsiveness = gap("g5/dimension/responsiveness", "warsaw");
    close(responsiveness.gap.difference, -0.74, "wave-1 responsiveness gap in warsaw (oracle)");
    let reply = gap("g4/promise/reply-1h", "online");
    close(reply.gap.difference, -0.8201997780244173, "wave-1 reply-1h gap online (oracle)");
    assert!(reply.gap.is_certain() && responsiveness.gap.is_certain(), "both are shortfalls beyond doubt");

    // Priorities on wave 1 (the study's [priorities] weights): the plan's two gaps are the
    // top-ranked reliability-or-responsiveness gap of Warsaw and the top-ranked promise gap
    // of the online channel.
    let priorities = prioritise(&PrioritiseRequest::new(root), &no_progress).unwrap();
    assert_eq!(priorities.wave, "2025-h1");
    let ranked = |unit: &str, ids: &[&str]| {
        let mut rows: Vec<_> = priorities
            .ranking
            .rows
            .iter()
            .filter(|r| r.gap.unit.as_str() == unit && ids.contains(&r.gap.id.to_string().as_str()))
            .filter_map(|r| r.rank.map(|rank| (rank, r.gap.id.to_string())))
            .collect();
        rows.sort();
        rows
    };
    let warsaw = ranked("warsaw", &["g5/dimension/responsiveness", "g5/dimension/reliability"]);
    let online = ranked("online", &["g4/promise/reply-1h", "g4/promise/resolve-2d"]);
    assert_eq!(warsaw.first().map(|r| r.1.as_str()), Some("g5/dimension/responsiveness"), "{warsaw:?}");
    assert_eq!(online.first().map(|r| r.1.as_str()), Some("g4/promise/reply-1h"), "{online:?}");

    // The plan: two actions on those gaps, planned on wave 1.
    fs::write(root.join("registers/actions.toml"), ACTIONS).unwrap();
    let registers =
        registers.replacen("[registers]\n", "[registers]\nactions = \"registers/actions.toml\"\n", 1);
    fs::write(root.join("study.toml"), format!("{head}{registers}")).unwrap();
    let planned = action_progress(&ProgressRequest::new(root), &no_progress).unwrap();
    assert_eq!(planned.plan.actions().len(), 2);
    assert!(planned.progress.metrics.iter().all(|m| m.waves.is_empty()), "no later wave yet");
    assert_eq!(planned.progress.family_size, 0);

    // Wave 2 arrives: measured progress.
    copy_dir(&demo.join("data/2025-h2"), &root.join("data/2025-h2"));
    fs::write(root.join("study.toml"), format!("{head}{wave_2}{registers}")).unwrap();
    let outcome = action_progress(&ProgressRequest::new(root), &no_progress).unwrap();
    let progress = &outcome.progress;
    assert_eq!(progress.family_size, 2);
    let [warsaw, online] = progress.metrics.as_slice() else { panic!("two metrics") };

    let w = &warsaw.waves[0];
    assert_eq!(w.wave.as_str(), "2025-h2");
    close(w.difference.unwrap(), -0.5666666666666667, "warsaw gap on wave 2");
    let change = w.change.as_ref().unwrap();
    close(change.estimate, 0.17333333333333334, "warsaw change");
    close(change.interval.unwrap().low, 0.0480581765556152, "warsaw change low");
    close(change.interval.unwrap().high, 0.2986084901110515, "warsaw change high");
    close(change.p.unwrap(), 0.006852490618746714, "warsaw p");
    close(w.p_adjusted.unwrap(), 2.0 * 0.006852490618746714, "warsaw Holm p (smaller of two, × 2)");
    let share = w.share_closed.as_ref().unwrap();
    close(share.estimate, 0.23423423423423428, "warsaw share closed");
    close(share.interval.unwrap().low, 0.07085773279473151, "warsaw share low");
    close(share.interval.unwrap().high, 0.37524513540339877, "warsaw share high");
    assert_eq!(w.verdict.id(), "improved");
    // Schedule 2025-07-01 → 2025-12-31 (183 days), expected share 0.5; wave 2's date is its
    // fieldwork midpoint, 91.5 days in: E = 0.5 × 91.5/183 = 0.25 ≤ 0.375 (the share's
    // upper bound) → on track, although the estimate 0.234 is below 0.25.
    close(w.expected_share.unwrap(), 0.25, "warsaw expected share by wave 2");
    assert_eq!(w.verdict.pace(), Some(servgap_core::study::progress::Pace::OnTrack));

    let o = &online.waves[0];
    close(o.difference.unwrap(), -0.8251428571428572, "online gap on wave 2");
    let change = o.change.as_ref().unwrap();
    close(change.estimate, -0.00494307911843983, "online change");
    close(change.interval.unwrap().low, -0.04045529987225457, "online change low");
    close(change.interval.unwrap().high, 0.030663837373362528, "online change high");
    close(change.p.unwrap(), 0.7851224769104763, "online p");
    close(o.p_adjusted.unwrap(), 0.7851224769104763, "online Holm p (larger of two, × 1)");
    close(o.share_closed.as_ref().unwrap().estimate, -0.006026676976609302, "online share closed");
    assert_eq!(o.verdict.id(), "not-moving");

    let s = progress.summary;
    assert_eq!((s.closed, s.improved, s.not_moving, s.worsened, s.not_measurable), (0, 1, 1, 0, 0));
    assert_eq!((s.on_track, s.behind_schedule, s.schedule_not_set), (1, 0, 0));
    // The bot is marked done, but the share of messages answered within the hour did not move.
    assert_eq!(progress.done_not_moving.len(), 1);
    assert_eq!(progress.done_not_moving[0].action.as_str(), "online-reply-bot");
    assert_eq!(progress.done_not_moving[0].wave.as_str(), "2025-h2");

    // The study report carries the same progress, and every printer shows the finding.
    let view = outcome.report();
    assert_eq!(view.summary.improved, 1);
    let report = diagnose(&DiagnoseRequest::new(root), &no_progress).unwrap().reports().pop().unwrap();
    assert_eq!(report.progress.as_ref(), Some(&view));
    let html = servgap_report::render_progress_html(&view, servgap_report::Lang::Pl);
    assert!(
        html.contains("online-reply-bot") && html.contains("nie ruszył się"),
        "Polish finding in the page"
    );
}
