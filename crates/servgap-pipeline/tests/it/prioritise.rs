//! `prioritise` on the demo study (issue 15): the expected numbers, worked by hand from
//! the study's registers where they come from the registers, and the order of the inputs
//! not mattering.

use std::path::PathBuf;

use servgap_core::study::priority::{
    Component, MissingReason, Ranking, ReachBasis, SeverityBasis, Stability,
};
use servgap_core::study::register::Quadrant;
use servgap_pipeline::{no_progress, prioritise, PrioritiesOutcome, PrioritiseRequest};

use crate::{copy_dir, repo};

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

#[test]
fn issue_15_demo_study_priorities_and_order_invariance() {
    let outcome = prioritise(&PrioritiseRequest::new(demo()), &no_progress).unwrap();
    assert_eq!(outcome.wave, "2025-h2");
    assert_eq!(outcome.ranking.rows.len(), 290);
    assert_eq!(outcome.weights().values(), [0.35, 0.30, 0.20, 0.15]);
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    let s = &outcome.stability.settings;
    assert_eq!((s.draws, s.top_k, s.weight_range, s.seed), (1000, 5, 0.2, 15));

    // First: CSAT in Gdańsk (tickets/oracles/priority_reach.py on the tickets CSV: 94 of 144
    // rated tickets not satisfied). Severity 1 (exact) and urgency 1 (a breach) from its
    // components; it is satisfaction itself (derived importance 1), so impact = reach
    // = 94/144; nobody rated its feasibility, counted as 0.5:
    // 0.35 + 0.30 · 94/144 + 0.20 + 0.15 · 0.5 = 0.8208333333333333 (oracle).
    let first = &outcome.ranking.rows[0];
    assert_eq!(first.gap.id.to_string(), "kpi/csat/team=gdansk");
    let (s, u) = (first.components.severity.unwrap(), first.components.urgency.unwrap());
    assert_eq!((s.value, s.basis, u.value, u.breach), (1.0, SeverityBasis::Exact, 1.0, Some(true)));
    let reach = first.components.impact.unwrap().reach.unwrap();
    assert_eq!((reach.basis, reach.n), (ReachBasis::TicketsMissed, 144));
    close(reach.share, 94.0 / 144.0);
    assert_eq!(first.rank, Some(1));
    close(first.score.unwrap(), 0.8208333333333333);
    assert_eq!(first.missing, [Component::Feasibility]);
    assert_eq!(first.assumed, [Component::Feasibility]);
    assert_eq!(first.reasons[Component::Feasibility.index()], Some(MissingReason::NotRated));
    assert_eq!(outcome.stability.rows[0].p_top_k, 1.0);

    // The business-hours median first response in Gdańsk, beyond its 2 h minimum (size 1,
    // exact, a breach): no survey item is linked to it and nobody rated it, so impact and
    // feasibility count as 0.5: 0.35 + 0.30 · 0.5 + 0.20 + 0.15 · 0.5 = 0.775. Under the old
    // renormalisation it scored 1 and ranked first, above gaps measured on everything.
    let median = row(&outcome, "kpi/first-response/median/team=gdansk", "gdansk");
    close(median.score.unwrap(), 0.775);
    assert_eq!(median.assumed, [Component::Impact, Component::Feasibility]);
    assert_eq!(median.reasons[Component::Impact.index()], Some(MissingReason::KpiWithoutLinkedItems));
    assert!(median.rank.unwrap() > 1);

    // Reliability in Gdańsk: feasibility from two raters (L and M, 120 000 and 30 000 PLN,
    // ratings 2 and 3): effort = the lower middle of (M, L) = M → 0.5; cost median 75 000
    // is the dearest gap's → 0; rating median 2.5 → 0.375; feasibility = 0.875 / 3.
    // Every other component from tests/oracles/priority_reach.py: severity 0.26302964858997585,
    // impact (1 + 0.3044775973453825) / 2 × reach 150/150 (counted, every respondent's mean P
    // is below their mean E), urgency 0.4677777777777776, score 0.42503757216385446.
    let reliability = row(&outcome, "g5/dimension/reliability", "gdansk");
    let f = reliability.components.feasibility.unwrap();
    assert_eq!((f.raters, f.cost), (2, Some(75_000.0)));
    close(f.value, 0.875 / 3.0);
    let r = f.rating.unwrap();
    assert_eq!((r.median, r.min, r.max), (2.5, 2, 3));
    let c = &reliability.components;
    close(c.severity.unwrap().value, 0.26302964858997585);
    let impact = c.impact.unwrap();
    close(impact.derived.unwrap(), 0.3044775973453825);
    close(impact.value, 0.6522387986726912);
    let reach = impact.reach.unwrap();
    assert_eq!((reach.basis, reach.n, reach.share), (ReachBasis::RespondentsBelowExpectation, 150, 1.0));
    close(c.urgency.unwrap().value, 0.4677777777777776);
    close(reliability.score.unwrap(), 0.42503757216385446);
    assert!(reliability.assumed.is_empty());
    assert_eq!(reliability.quadrant, Some(Quadrant::Plan));
    let sum: f64 = reliability.contributions.iter().flatten().sum();
    close(sum, reliability.score.unwrap());
    // Its rank is 1 + the rows scoring more (ties within 1e-9 share it).
    let above =
        outcome.ranking.rows.iter().filter_map(|x| x.score).filter(|s| *s > 0.42503757216385446 + 1e-9);
    assert_eq!(reliability.rank, Some(above.count() + 1));

    // The complaint handover note: judged high impact and medium urgency; its deadline
    // 2026-06-30 is 181 days after the wave's last day → 1 − 181/365 = 0.5041 > 0.5.
    let note = row(&outcome, "note/complaint-handover", "all");
    let u = note.components.urgency.unwrap();
    assert_eq!(u.deadline.unwrap().days_left, 181);
    close(u.value, 1.0 - 181.0 / 365.0);
    assert_eq!(note.quadrant, Some(Quadrant::ActNow));
    let above =
        outcome.ranking.rows.iter().filter_map(|x| x.score).filter(|s| *s > note.score.unwrap() + 1e-9);
    assert_eq!(note.rank, Some(above.count() + 1));
    // Every row's contributions sum to its score; a row has a score unless every weighted
    // component is missing (no demo gap).
    for r in &outcome.ranking.rows {
        let sum: f64 = r.contributions.iter().flatten().sum();
        close(sum, r.score.unwrap());
        assert_eq!(r.assumed, r.missing);
    }

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

/// Respondents with P < E on wave 2025-h1, per unit: every SERVQUAL-22 item, then the five
/// dimensions (tangibles, reliability, responsiveness, assurance, empathy), counted with
/// pandas by `tests/oracles/priority_reach.py` on the wave's customers CSV (150 per unit).
const WAVE_1_BELOW_EXPECTATION: [(&str, [u64; 22], [u64; 5]); 4] = [
    (
        "warsaw",
        [93, 87, 93, 93, 91, 89, 94, 89, 86, 76, 95, 85, 91, 98, 92, 80, 105, 89, 91, 89, 88, 81],
        [130, 139, 135, 134, 133],
    ),
    (
        "krakow",
        [82, 85, 90, 85, 102, 89, 106, 96, 111, 115, 99, 102, 107, 92, 78, 93, 96, 100, 100, 95, 86, 77],
        [128, 150, 139, 128, 137],
    ),
    (
        "gdansk",
        [88, 92, 93, 91, 130, 130, 126, 128, 127, 134, 129, 128, 133, 84, 90, 96, 95, 92, 88, 97, 81, 84],
        [134, 150, 150, 136, 133],
    ),
    (
        "online",
        [105, 74, 92, 89, 106, 106, 117, 108, 121, 122, 108, 123, 122, 79, 102, 91, 92, 93, 93, 90, 95, 90],
        [133, 148, 150, 135, 138],
    ),
];

#[test]
fn issue_15_customer_reach_is_counted_like_pandas_counts_it() {
    let mut request = PrioritiseRequest::new(demo());
    request.wave = Some("2025-h1".into());
    let outcome = prioritise(&request, &no_progress).unwrap();
    let study = &outcome.folder().study;
    let customer = outcome.diagnosis.waves[0].customer.as_ref().unwrap();
    for (unit, items, dimensions) in WAVE_1_BELOW_EXPECTATION {
        let u = study.units().iter().position(|x| x.slug.as_str() == unit).unwrap();
        let analysis = customer.units[u].as_ref().unwrap();
        let counted: Vec<u64> = analysis.items.iter().map(|i| i.comparisons[0].negative.unwrap()).collect();
        assert_eq!(counted, items, "items of {unit}");
        let counted: Vec<u64> =
            analysis.dimensions.iter().map(|d| d.comparisons[0].negative.unwrap()).collect();
        assert_eq!(counted, dimensions, "dimensions of {unit}");
        // The rows' reach is that count over n, counted, not estimated.
        for (d, below) in analysis.dimensions.iter().zip(dimensions) {
            let id = format!("g5/dimension/{}", d.id);
            let Some(r) = outcome
                .ranking
                .rows
                .iter()
                .find(|r| r.gap.id.to_string() == id && r.gap.unit.as_str() == unit)
            else {
                continue;
            };
            let reach = r.components.impact.and_then(|i| i.reach).unwrap();
            assert_eq!((reach.basis, reach.n), (ReachBasis::RespondentsBelowExpectation, 150), "{id} {unit}");
            assert_eq!(reach.share, below as f64 / 150.0, "{id} {unit}");
        }
    }
}
