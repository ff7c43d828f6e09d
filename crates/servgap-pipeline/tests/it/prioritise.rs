//! `prioritise` on the demo study (issue 15): the expected numbers, worked by hand from
//! the study's registers where they come from the registers, and the order of the inputs
//! not mattering.

use std::path::PathBuf;

use servgap_core::study::priority::{
    Component, DerivedBasis, MissingReason, Ranking, ReachBasis, SeverityBasis, Stability,
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
    // exact, a breach): no survey item is linked to it, so its derived importance is φ of its
    // target's ticket-level association with CSAT, and its reach the tickets over 1 h (both
    // below, from the oracle); nobody rated it, so feasibility counts as 0.5:
    // 0.35 + 0.30 · 0.1401947915221071 + 0.20 + 0.15 · 0.5 = 0.6670584374566321 (oracle).
    // It scored 0.775 with impact assumed at 0.5, and 1 under the old renormalisation.
    let median = row(&outcome, "kpi/first-response/median/team=gdansk", "gdansk");
    close(median.score.unwrap(), 0.6670584374566321);
    assert_eq!(median.assumed, [Component::Feasibility]);
    assert_eq!(median.reasons[Component::Impact.index()], None);
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

/// The four business-hours median first-response gaps of wave 2025-h2 (target 1 h), from
/// `tests/oracles/priority_reach.py` (pandas on the tickets CSV, business time of the demo
/// calendar worked out in Python, scipy `fisher_exact`, statsmodels Newcombe): unit, CSAT
/// table `[[met satisfied, met not], [missed satisfied, missed not]]`, φ, tickets over 1 h of
/// those with a first response, impact = max(0, φ) × reach, score.
struct FirstResponse {
    unit: &'static str,
    table: [[u64; 2]; 2],
    phi: f64,
    missed: u64,
    tickets: u64,
    impact: f64,
    score: f64,
}

const FIRST_RESPONSE: [FirstResponse; 4] = [
    FirstResponse {
        unit: "warsaw",
        table: [[146, 20], [25, 26]],
        phi: 0.4038974394460259,
        missed: 198,
        tickets: 679,
        impact: 0.1177786347721843,
        score: 0.21033359043165528,
    },
    FirstResponse {
        unit: "krakow",
        table: [[72, 20], [45, 33]],
        phi: 0.2212657921075885,
        missed: 213,
        tickets: 462,
        impact: 0.10201215090674536,
        score: 0.1056036452720236,
    },
    FirstResponse {
        unit: "gdansk",
        table: [[15, 14], [33, 78]],
        phi: 0.18778384919474894,
        missed: 327,
        tickets: 438,
        impact: 0.1401947915221071,
        score: 0.6670584374566321,
    },
    FirstResponse {
        unit: "online",
        table: [[70, 33], [99, 132]],
        phi: 0.2318903029947574,
        missed: 594,
        tickets: 875,
        impact: 0.15742038854729817,
        score: 0.5156983387864117,
    },
];

#[test]
fn issue_15_kpi_gaps_take_their_importance_from_the_ticket_association_with_csat() {
    let outcome = prioritise(&PrioritiseRequest::new(demo()), &no_progress).unwrap();
    for FirstResponse { unit, table, phi, missed, tickets, impact, score } in FIRST_RESPONSE {
        let id = format!("kpi/first-response/median/team={unit}");
        let r = row(&outcome, &id, unit);
        let i = r.components.impact.unwrap();
        let Some(DerivedBasis::TicketAssociation(a)) = i.derived_basis else { panic!("{id}: {i:?}") };
        let t = a.table;
        let counted = [[t.met_satisfied, t.met_unsatisfied], [t.missed_satisfied, t.missed_unsatisfied]];
        assert_eq!(counted, table, "{id}");
        close(a.phi, phi);
        close(i.derived.unwrap(), phi);
        let reach = i.reach.unwrap();
        assert_eq!((reach.basis, reach.n), (ReachBasis::TicketsMissed, tickets), "{id}");
        close(reach.share, missed as f64 / tickets as f64);
        close(i.value, impact);
        close(r.score.unwrap(), score);
        let above = outcome.ranking.rows.iter().filter_map(|x| x.score).filter(|s| *s > score + 1e-9);
        assert_eq!(r.rank, Some(above.count() + 1), "{id}");
    }
    // Gdańsk's association in full (oracle): satisfied 15/29 when met, 33/111 when missed,
    // difference 0.21994408201304755 with Newcombe's 95 % interval [0.024694007209688923,
    // 0.40560280542339516], Fisher's exact p 0.030420856681395145.
    let gdansk = row(&outcome, "kpi/first-response/median/team=gdansk", "gdansk");
    let Some(DerivedBasis::TicketAssociation(a)) = gdansk.components.impact.unwrap().derived_basis else {
        panic!("measured")
    };
    close(a.satisfied_when_met, 15.0 / 29.0);
    close(a.satisfied_when_missed, 33.0 / 111.0);
    close(a.difference, 0.21994408201304755);
    close(a.interval.low, 0.024694007209688923);
    close(a.interval.high, 0.40560280542339516);
    close(a.fisher_p, 0.030420856681395145);
    assert_eq!(a.level, 0.95);
    // The other KPI gaps keep their bases: CSAT is satisfaction itself; the first-response
    // SLA is linked to items 10 and 11 by the frt-4h standard.
    let csat = row(&outcome, "kpi/csat/team=gdansk", "gdansk").components.impact.unwrap();
    assert_eq!(csat.derived_basis, Some(DerivedBasis::SatisfactionItself));
    let sla = row(&outcome, "kpi/sla/frt-4h/team=gdansk", "gdansk").components.impact.unwrap();
    assert_eq!(sla.derived_basis, Some(DerivedBasis::SurveyCorrelation));
    // No KPI gap of the demo is left without an impact.
    assert!(outcome
        .ranking
        .rows
        .iter()
        .all(|r| r.reasons[Component::Impact.index()] != Some(MissingReason::KpiWithoutLinkedItems)));
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

#[test]
fn issue_15_ranked_export_flags_assumed_values_and_names_the_ticket_association() {
    use calamine::Data;
    use servgap_report::{priorities_tables, render_csv, render_xlsx, Lang};

    let outcome = prioritise(&PrioritiseRequest::new(demo()), &no_progress).unwrap();
    let report = outcome.report(None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for lang in Lang::ALL {
        let tables = priorities_tables(&report, lang);
        let path = dir.path().join(format!("priorities-{}.xlsx", lang.code()));
        std::fs::write(&path, render_xlsx(&tables).unwrap()).unwrap();
        let sheets = crate::plan::read_workbook(&path);
        let (name, rows) = &sheets[0];
        assert_eq!(name, "ranked");
        let column =
            |header: &str| rows[0].iter().position(|h| *h == Data::String(header.to_owned())).unwrap();
        let (impact, feasibility, phi) = match lang {
            Lang::En => ("impact assumed", "feasibility assumed", "φ, target met × CSAT satisfied"),
            Lang::Pl => ("wpływ przyjęty", "wykonalność przyjęta", "φ, cel dotrzymany × zadowolenie w CSAT"),
        };
        let (impact, feasibility, phi) = (column(impact), column(feasibility), column(phi));
        let by_id = |id: &str| rows.iter().find(|r| r[1] == Data::String(id.to_owned())).unwrap();
        // CSAT in Gdańsk: impact measured, feasibility not rated and counted as 0.5.
        let csat = by_id("kpi/csat/team=gdansk");
        assert_eq!(csat[impact], Data::Bool(false));
        assert_eq!((&csat[feasibility - 1], &csat[feasibility]), (&Data::Float(0.5), &Data::Bool(true)));
        // The median first response in Gdańsk: φ of its ticket association (oracle).
        let median = by_id("kpi/first-response/median/team=gdansk");
        assert_eq!(median[impact], Data::Bool(false));
        let Data::Float(value) = median[phi] else { panic!("{:?}", median[phi]) };
        close(value, 0.18778384919474894);
        assert_eq!(median[phi + 1], Data::Float(140.0), "rated tickets");
        // The same flags in CSV, as true and false.
        let csv = render_csv(&tables[0]);
        let line = csv.lines().find(|l| l.contains(",kpi/csat/team=gdansk,")).unwrap();
        let flags: Vec<&str> = line.split(',').filter(|c| matches!(*c, "true" | "false")).collect();
        assert_eq!(flags, ["false", "false", "false", "true"], "{line}");
        assert!(line.contains(",0.5,true,"), "{line}");
    }
}
