//! `prioritise` on the demo study (issue 15): the expected numbers, worked by hand from
//! the study's registers where they come from the registers, and the order of the inputs
//! not mattering.

use std::path::{Path, PathBuf};

use servgap_core::study::priority::{Component, Ranking, Stability};
use servgap_core::study::register::Quadrant;
use servgap_pipeline::{no_progress, prioritise, PrioritiesOutcome, PrioritiseRequest};

use crate::repo;

fn demo() -> PathBuf {
    repo().join("examples/study/demo")
}

fn row<'a>(
    outcome: &'a PrioritiesOutcome,
    id: &str,
    unit: &str,
) -> &'a servgap_core::study::priority::PriorityRow {
    outcome.ranking.rows.iter().find(|r| r.gap.id.to_string() == id && r.gap.unit.as_str() == unit).unwrap()
}

#[track_caller]
fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

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

#[test]
fn issue_15_demo_study_priorities_and_order_invariance() {
    let outcome = prioritise(&PrioritiseRequest::new(demo()), &no_progress).unwrap();
    assert_eq!(outcome.wave, "2025-h2");
    assert_eq!(outcome.ranking.rows.len(), 290);
    assert_eq!(outcome.weights().values(), [0.35, 0.30, 0.20, 0.15]);
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    let s = &outcome.stability.settings;
    assert_eq!((s.draws, s.top_k, s.weight_range, s.seed), (1000, 5, 0.2, 15));

    // First: the business-hours median first response in Gdańsk, beyond its 2 h minimum
    // (size 1, exact), a breach; no survey item is linked to it and nobody rated it.
    let first = &outcome.ranking.rows[0];
    assert_eq!(first.gap.id.to_string(), "kpi/first-response/median/team=gdansk");
    assert_eq!((first.rank, first.score), (Some(1), Some(1.0)));
    assert_eq!(first.missing, [Component::Impact, Component::Feasibility]);
    assert_eq!(outcome.stability.rows[0].p_top_k, 1.0);

    // Reliability in Gdańsk: feasibility from two raters (L and M, 120 000 and 30 000 PLN,
    // ratings 2 and 3): effort = the lower middle of (M, L) = M → 0.5; cost median 75 000
    // is the dearest gap's → 0; rating median 2.5 → 0.375; feasibility = 0.875 / 3.
    let reliability = row(&outcome, "g5/dimension/reliability", "gdansk");
    let f = reliability.components.feasibility.unwrap();
    assert_eq!((f.raters, f.cost), (2, Some(75_000.0)));
    close(f.value, 0.875 / 3.0);
    let r = f.rating.unwrap();
    assert_eq!((r.median, r.min, r.max), (2.5, 2, 3));
    assert_eq!(reliability.rank, Some(51));
    close(reliability.score.unwrap(), 0.4248369736009742);
    assert_eq!(reliability.quadrant, Some(Quadrant::Plan));
    let sum: f64 = reliability.contributions.iter().flatten().sum();
    close(sum, reliability.score.unwrap());

    // The complaint handover note: judged high impact and medium urgency; its deadline
    // 2026-06-30 is 181 days after the wave's last day → 1 − 181/365 = 0.5041 > 0.5.
    let note = row(&outcome, "note/complaint-handover", "all");
    let u = note.components.urgency.unwrap();
    assert_eq!(u.deadline.unwrap().days_left, 181);
    close(u.value, 1.0 - 181.0 / 365.0);
    assert_eq!((note.rank, note.quadrant), (Some(11), Some(Quadrant::ActNow)));

    // The inputs in reverse give the same ranking and the same draws.
    let mut reversed = outcome.inputs.clone();
    reversed.reverse();
    let again = Ranking::new(&reversed, outcome.ranking.weights, &outcome.filter, outcome.ranking.as_of);
    assert_eq!(again, outcome.ranking);
    assert_eq!(Stability::new(&again, outcome.stability.settings).unwrap(), outcome.stability);

    // So does the feasibility register with its rows in reverse, read from a copy.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&demo(), dir.path());
    let register = dir.path().join("registers/feasibility.csv");
    let text = std::fs::read_to_string(&register).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    std::fs::write(&register, lines.join("\n") + "\n").unwrap();
    let copy = prioritise(&PrioritiseRequest::new(dir.path()), &no_progress).unwrap();
    assert_eq!(copy.ranking, outcome.ranking);
    assert_eq!(copy.stability, outcome.stability);
}

#[test]
fn issue_15_filters_rank_within_the_selection_and_unknown_values_are_named() {
    let mut request = PrioritiseRequest::new(demo());
    request.department = Some("it".into());
    request.wave = Some("2025-h1".into());
    request.top_k = Some(1);
    let outcome = prioritise(&request, &no_progress).unwrap();
    assert_eq!(outcome.wave, "2025-h1");
    assert!(!outcome.ranking.rows.is_empty());
    assert!(outcome.ranking.rows.iter().all(|r| r.gap.departments.iter().any(|d| d.as_str() == "it")));
    assert_eq!(outcome.ranking.rows[0].rank, Some(1));
    assert_eq!(outcome.stability.settings.top_k, 1);
    let p: f64 = outcome.stability.rows.iter().map(|r| r.p_first).sum();
    assert!(p >= 1.0 - 1e-12, "some gap is first in every draw");

    request.unit = Some("paris".into());
    let error = prioritise(&request, &no_progress).unwrap_err().to_string();
    assert_eq!(error, "unit `paris` is not in the study (units: warsaw, krakow, gdansk, online)");
}
