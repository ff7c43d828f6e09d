//! Issue 15: the association of each KPI target's per-ticket condition with the same tickets'
//! CSAT, on the demo study, against an independent oracle:
//! `python3 crates/servgap-core/tests/oracles/kpi_satisfaction.py` (pandas, zoneinfo business
//! time, scipy `fisher_exact`, statsmodels `confint_proportions_2indep(method="newcomb")`,
//! numpy `corrcoef` for φ).

use servgap_core::kpi::{Segment, TicketSatisfaction};
use servgap_pipeline::{diagnose, kpi, no_progress, DiagnoseRequest, Dimension, KpiRequest};

use super::repo;

/// (wave, unit, target index in `helpdesk/targets.toml`, [a, b, c, d], tickets met, missed,
/// [p_met, p_missed, difference, low, high, φ, Fisher p]) from the oracle's part 2.
type Row = (&'static str, &'static str, usize, [u64; 4], u64, u64, [f64; 7]);

const ORACLE: [Row; 8] = [
    (
        "2025-h1",
        "all",
        0,
        [252, 107, 224, 282],
        981,
        1469,
        [
            0.7019498607242339,
            0.4426877470355731,
            0.2592621136886608,
            0.1935192578969173,
            0.3212679807251234,
            0.2567930485339147,
            3.013296772321832e-14,
        ],
    ),
    (
        "2025-h1",
        "gdansk",
        0,
        [24, 21, 42, 74],
        117,
        327,
        [
            0.5333333333333333,
            0.3620689655172414,
            0.17126436781609194,
            0.002362728527856406,
            0.33106587312639146,
            0.1562674397680862,
            0.05187514426383774,
        ],
    ),
    (
        "2025-h1",
        "krakow",
        1,
        [80, 62, 0, 10],
        388,
        34,
        [
            0.5633802816901409,
            0.0,
            0.5633802816901409,
            0.2739359425574129,
            0.6422215228322503,
            0.2797271194322298,
            0.0003999475184792029,
        ],
    ),
    (
        "2025-h1",
        "all",
        1,
        [473, 305, 3, 84],
        2183,
        267,
        [
            0.6079691516709511,
            0.034482758620689655,
            0.5734863930502615,
            0.5023587715552151,
            0.6141066889086828,
            0.3467322723149793,
            6.91939369293623e-28,
        ],
    ),
    (
        "2025-h2",
        "all",
        0,
        [303, 87, 202, 269],
        1122,
        1332,
        [
            0.7769230769230769,
            0.4288747346072187,
            0.34804834231585824,
            0.28511096148450643,
            0.40647327378636966,
            0.35181280189380565,
            1.1838924948602618e-25,
        ],
    ),
    (
        "2025-h2",
        "gdansk",
        0,
        [15, 14, 33, 78],
        111,
        327,
        [
            0.5172413793103449,
            0.2972972972972973,
            0.21994408201304755,
            0.024694007209688923,
            0.40560280542339516,
            0.18778384919474866,
            0.030420856681395145,
        ],
    ),
    (
        "2025-h2",
        "warsaw",
        1,
        [170, 42, 1, 4],
        665,
        14,
        [
            0.8018867924528302,
            0.2,
            0.6018867924528302,
            0.17336574923296372,
            0.7725718423508094,
            0.22094835629305418,
            0.0076478365722422136,
        ],
    ),
    (
        "2025-h2",
        "online",
        0,
        [70, 33, 99, 132],
        281,
        594,
        [
            0.6796116504854369,
            0.42857142857142855,
            0.2510402219140084,
            0.1360852869601217,
            0.35412811603730465,
            0.23189030299475746,
            2.9764888957371034e-05,
        ],
    ),
];

fn demo() -> std::path::PathBuf {
    repo().join("examples/study/demo")
}

#[track_caller]
fn check(found: &TicketSatisfaction, row: &Row) {
    let (wave, unit, target, table, met, missed, values) = row;
    let TicketSatisfaction::Measured { counts, association, .. } = found else {
        panic!("{wave} {unit} {target}: not measured: {found:?}")
    };
    let t = &counts.table;
    let got = [t.met_satisfied, t.met_unsatisfied, t.missed_satisfied, t.missed_unsatisfied];
    assert_eq!((got, counts.met, counts.missed), (*table, *met, *missed), "{wave} {unit} {target}");
    let a = association.as_ref().unwrap();
    let numbers =
        [a.satisfied_when_met, a.satisfied_when_missed, a.difference, a.interval.low, a.interval.high, a.phi];
    for (value, want) in numbers.iter().zip(values) {
        assert!((value - want).abs() <= 1e-9, "{wave} {unit} {target}: {value} != {want}");
    }
    assert!(
        (a.fisher_p - values[6]).abs() <= 1e-9 * values[6],
        "{wave} {unit}: p {} != {}",
        a.fisher_p,
        values[6]
    );
}

/// `servgap kpi` with the demo's calendar and targets, by team: the whole-data gap rows
/// (all tickets) carry the association, and every team's totals group gives it through
/// the target; CSAT itself has none ("satisfaction itself").
#[test]
fn issue_15_kpi_targets_against_csat_equal_the_oracle_on_the_demo() {
    for wave in ["2025-h1", "2025-h2"] {
        let mut request = KpiRequest::new(demo().join(format!("data/{wave}/tickets.csv")));
        request.calendar = Some(demo().join("helpdesk/calendar.toml"));
        request.targets = Some(demo().join("helpdesk/targets.toml"));
        request.segments = vec![Dimension::Team];
        let outcome = kpi(&request).unwrap();
        for row in ORACLE.iter().filter(|r| r.0 == wave) {
            let (_, unit, target, ..) = *row;
            if unit == "all" {
                let gap =
                    outcome.gaps.iter().find(|g| g.target == target && g.segment == Segment::all()).unwrap();
                check(gap.satisfaction.as_ref().unwrap(), row);
            }
            let segment = if unit == "all" { Segment::all() } else { Segment::of(Dimension::Team, unit) };
            let group = outcome.totals.groups.iter().find(|g| g.segment == segment).unwrap();
            check(&outcome.target_list[target].satisfaction(group).unwrap(), row);
        }
        let csat = outcome.gaps.iter().find(|g| g.target == 2).unwrap();
        assert_eq!(
            csat.satisfaction,
            Some(TicketSatisfaction::NotPerTicket(servgap_core::kpi::NotPerTicket::SatisfactionItself))
        );
        let report = outcome.report();
        let json = servgap_report::render_kpi_json(&report).unwrap();
        assert!(json.contains("\"condition\": \"first-response.business<=3600\""), "{json}");
        let text = servgap_report::render_kpi_text(&report, servgap_report::Lang::En);
        assert!(text.contains("CSAT when the target was met or missed (whole data)"), "{text}");
        // The CSAT target is satisfaction itself: the JSON keeps it with its reason, the
        // table leaves it out (and has no note column, as every row is measured).
        assert!(json.contains("\"satisfaction-itself\""), "{json}");
        assert!(!text.contains("not applicable: the target is satisfaction itself"), "{text}");
        assert!(text.contains("satisfied if met") && !text.contains("  note"), "{text}");
        let polish = servgap_report::render_kpi_markdown(&report, servgap_report::Lang::Pl);
        assert!(polish.contains("CSAT, gdy cel dotrzymano lub nie (całe dane)"), "{polish}");
    }
}

/// The study's KPI gap of Gdańsk's median first response carries the same association in its
/// evidence, and the share of its tickets that missed the hour (327 of 444 in the first wave,
/// 327 of 438 in the second) as its reach.
#[test]
fn issue_15_the_kpi_gap_evidence_carries_the_association_and_reach() {
    let outcome = diagnose(&DiagnoseRequest::new(demo()), &no_progress).unwrap();
    let mut seen = 0;
    for diagnosis in &outcome.diagnoses {
        for entry in &diagnosis.register.entries {
            let gap = &entry.gap;
            if gap.unit.as_str() != "gdansk" || !gap.id.to_string().starts_with("kpi/first-response") {
                continue;
            }
            let found = gap.evidence.satisfaction.as_ref().unwrap();
            let TicketSatisfaction::Measured { counts, .. } = found else { panic!("{found:?}") };
            let row = ORACLE
                .iter()
                .find(|r| r.1 == "gdansk" && r.2 == 0 && (r.4, r.5) == (counts.met, counts.missed))
                .unwrap_or_else(|| panic!("no oracle row for {counts:?}"));
            check(found, row);
            assert_eq!(found.reach(), Some(327.0 / (327.0 + row.4 as f64)));
            seen += 1;
        }
    }
    assert!(seen >= 1, "the demo has a Gdańsk first-response gap");
}
