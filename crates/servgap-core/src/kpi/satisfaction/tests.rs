//! `associate` against scipy/statsmodels (crates/servgap-core/tests/oracles/kpi_satisfaction.py),
//! every `Unmeasurable` case, and the per-ticket counting: chunks and merges, right-censoring
//! of `not-reopened`, the conditions of every measure.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;

use super::*;
use crate::kpi::{
    Calendars, CsatScale, Event, KpiAggregate, KpiEngine, KpiOptions, Segment, SlaMetric, Statistic, Status,
    SurveyAnswer,
};

fn table(a: u64, b: u64, c: u64, d: u64) -> MetSatisfied {
    MetSatisfied { met_satisfied: a, met_unsatisfied: b, missed_satisfied: c, missed_unsatisfied: d }
}

/// Output of `kpi_satisfaction.py`, part 1: (a, b, c, d, level, [p_met, p_missed, diff,
/// low, high, φ (numpy corrcoef of the indicators), Fisher p (scipy)]).
const HAND: [(u64, u64, u64, u64, f64, [f64; 7]); 5] = [
    (
        12,
        5,
        3,
        9,
        0.95,
        [
            0.7058823529411765,
            0.25,
            0.4558823529411765,
            0.08714596376333666,
            0.6838367408198729,
            0.44932255263064774,
            0.02532768703367614,
        ],
    ),
    (
        10,
        0,
        4,
        6,
        0.95,
        [1.0, 0.4, 0.6, 0.20052432164297995, 0.8318196702937639, 0.6546536707079773, 0.010835913312693499],
    ),
    (
        30,
        20,
        18,
        32,
        0.9,
        [0.6, 0.36, 0.24, 0.07565146842207018, 0.3869551520631943, 0.2401922307076306, 0.027184075121116265],
    ),
    (
        250900,
        249100,
        250000,
        250000,
        0.95,
        [
            0.5018,
            0.5,
            0.0018000000000000238,
            -0.00015995988391730772,
            0.0037599403266156055,
            0.00180000291600714,
            0.07217649316747701,
        ],
    ),
    (
        260000,
        240000,
        250000,
        250000,
        0.95,
        [
            0.52,
            0.5,
            0.020000000000000018,
            0.018040719066413746,
            0.02195906371653754,
            0.020004001200401262,
            5.220460521817981e-89,
        ],
    ),
];

#[test]
fn associate_matches_scipy_and_statsmodels_on_hand_tables() {
    for (a, b, c, d, level, expected) in HAND {
        let got = associate(&table(a, b, c, d), level).unwrap();
        let values = [
            got.satisfied_when_met,
            got.satisfied_when_missed,
            got.difference,
            got.interval.low,
            got.interval.high,
            got.phi,
        ];
        for (value, want) in values.iter().zip(&expected) {
            assert!((value - want).abs() <= 1e-9, "{a} {b} {c} {d}: {value} != {want}");
        }
        let p = got.fisher_p;
        let want = expected[6];
        assert!((p - want).abs() <= 1e-9 * want, "{a} {b} {c} {d}: Fisher p {p} != {want}");
        assert_eq!(got.level, level);
        assert_eq!(got.table.rated(), a + b + c + d);
    }
}

/// Hand-worked: [[3, 1], [1, 3]], n = 8, margins 4/4. P(X = x) = C(4,x)C(4,4−x)/C(8,4)
/// = 1, 16, 36, 16, 1 over 70; p = P(X ≤ 1) + P(X ≥ 3) = 34/70. φ = (9 − 1)/√(4⁴) = 0.5.
#[test]
fn fisher_and_phi_of_a_hand_worked_table() {
    let got = associate(&table(3, 1, 1, 3), 0.95).unwrap();
    assert!((got.fisher_p - 34.0 / 70.0).abs() < 1e-15);
    assert!((got.phi - 0.5).abs() < 1e-15);
    assert!((got.difference - 0.5).abs() < 1e-15);
    // The observed table at the mode: every table is at most as likely, p = 1.
    assert!((fisher_two_sided(2, 4, 4, 8) - 1.0).abs() < 1e-15);
}

#[test]
fn every_unmeasurable_reason_in_order() {
    let cases = [
        (table(0, 0, 0, 0), Unmeasurable::NoRatedTickets),
        (table(3, 2, 0, 0), Unmeasurable::AllMet),
        (table(0, 0, 3, 2), Unmeasurable::AllMissed),
        (table(3, 0, 2, 0), Unmeasurable::AllSatisfied),
        (table(0, 3, 0, 2), Unmeasurable::NoneSatisfied),
        // Both a row and a column empty: the row is named first.
        (table(4, 0, 0, 0), Unmeasurable::AllMet),
    ];
    for (t, why) in cases {
        assert_eq!(associate(&t, 0.95), Err(why), "{t:?}");
    }
    assert_eq!(Unmeasurable::AllSatisfied.id(), "all-satisfied");
}

/// n ≈ 10⁶ stays exact and fast: the recurrence runs over the support (min margin ≈ 5·10⁵),
/// and a table with p below the smallest double reports 0.
#[test]
fn fisher_on_a_million_answers() {
    let extreme = associate(&table(500_000, 0, 0, 500_000), 0.95).unwrap();
    assert_eq!(extreme.fisher_p, 0.0);
    assert!((extreme.phi - 1.0).abs() < 1e-15);
    let balanced = associate(&table(250_000, 250_000, 250_000, 250_000), 0.95).unwrap();
    assert!((balanced.fisher_p - 1.0).abs() < 1e-9, "{}", balanced.fisher_p);
    assert_eq!(balanced.phi, 0.0);
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A ticket created at 09:00 on `day`, answered after `reply_minutes`, solved an hour later
/// (and reopened the next day when `reopened`), with a 1–5 CSAT answer `csat`.
fn rated(id: &str, day: &str, team: &str, reply_minutes: i64, csat: Option<i16>, reopened: bool) -> Ticket {
    let created = at(&format!("{day}T09:00:00Z"));
    let mut t = Ticket::new(id, created);
    t.team = team.into();
    let reply = created.checked_add(jiff::SignedDuration::from_mins(reply_minutes)).unwrap();
    let solved = reply.checked_add(jiff::SignedDuration::from_hours(1)).unwrap();
    t.events.push(Event::agent_reply(reply));
    t.events.push(Event::status(solved, Status::Solved));
    if reopened {
        let back = solved.checked_add(jiff::SignedDuration::from_hours(24)).unwrap();
        t.events.push(Event::customer_message(back));
        t.events.push(Event::status(back, Status::Open));
        t.events.push(Event::status(
            back.checked_add(jiff::SignedDuration::from_hours(1)).unwrap(),
            Status::Solved,
        ));
    }
    if let Some(score) = csat {
        t.survey_offered = true;
        t.surveys.push(SurveyAnswer::csat(CsatScale::OneToFive, score).unwrap());
    }
    t
}

fn frt_target(hours: f64) -> Target {
    let measure = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Calendar,
        statistic: Statistic::Median,
    };
    Target::new(measure, Direction::LowerIsBetter, hours * 3600.0, None).unwrap()
}

fn engine(links: Vec<TicketCondition>) -> KpiEngine {
    let mut options = KpiOptions::new("UTC").unwrap();
    options.dimensions = vec![crate::kpi::Dimension::Team];
    options.satisfaction_links = links;
    KpiEngine::new(options, Calendars::new())
}

fn tickets() -> Vec<Ticket> {
    vec![
        rated("a", "2026-01-05", "north", 30, Some(5), false),
        rated("b", "2026-01-05", "north", 90, Some(2), false),
        rated("c", "2026-01-06", "north", 45, Some(4), true),
        rated("d", "2026-01-06", "south", 200, Some(5), false),
        rated("e", "2026-02-02", "south", 20, None, false),
        rated("f", "2026-02-03", "south", 300, Some(1), true),
        rated("g", "2026-02-04", "north", 59, Some(3), false),
    ]
}

fn aggregate(engine: &KpiEngine, tickets: &[Ticket]) -> KpiAggregate {
    let mut agg = engine.aggregate();
    for t in tickets {
        agg.add(engine, t).unwrap();
    }
    agg
}

fn counts(report: &[crate::kpi::GroupSummary], segment: &Segment, link: usize) -> ConditionCounts {
    report.iter().find(|g| &g.segment == segment).unwrap().satisfaction[link].counts
}

/// Hand count, "first response within 1 h": met a (5, satisfied), c (4, satisfied), e (not
/// rated), g (3, not satisfied); missed b (2), d (5, satisfied), f (1). All tickets: met 4,
/// missed 3; table a = 2, b = 1, c = 1, d = 2. North: met a, c, g; missed b.
#[test]
fn counts_of_a_duration_target_by_hand_and_chunks_merge_to_the_whole() {
    let links = vec![TicketCondition::of(&frt_target(1.0)).unwrap(), TicketCondition::NotReopened];
    let engine = engine(links);
    let all = tickets();
    let whole = aggregate(&engine, &all);
    let totals = whole.finish_totals(&engine);
    let frt = counts(&totals, &Segment::all(), 0);
    assert_eq!((frt.met, frt.missed), (4, 3));
    assert_eq!(frt.table, table(2, 1, 1, 2));
    let north = counts(&totals, &Segment::of(crate::kpi::Dimension::Team, "north"), 0);
    assert_eq!((north.met, north.missed, north.table), (3, 1, table(2, 1, 0, 1)));
    for split in 0..=all.len() {
        let mut left = aggregate(&engine, &all[..split]);
        let right = aggregate(&engine, &all[split..]);
        left.merge(&right);
        assert_eq!(left.finish_totals(&engine), totals, "split at {split}");
        assert_eq!(left.finish(&engine), whole.finish(&engine), "split at {split}");
        assert_eq!(left.to_parts(&engine), whole.to_parts(&engine), "split at {split}");
    }
    let rebuilt = KpiAggregate::from_parts(&engine, &whole.to_parts(&engine)).unwrap();
    assert_eq!(rebuilt.finish_totals(&engine), totals);
    // A segment where no ticket has a reply still lists the condition, with zero counts:
    // "no rated tickets", not "not counted".
    let mut silent = Ticket::new("h", at("2026-01-07T09:00:00Z"));
    silent.team = "west".into();
    let mut with_silent = aggregate(&engine, &all);
    with_silent.add(&engine, &silent).unwrap();
    let west = with_silent.finish_totals(&engine);
    let west = west.iter().find(|g| g.segment == Segment::of(crate::kpi::Dimension::Team, "west")).unwrap();
    let judged = frt_target(1.0).satisfaction(west).unwrap();
    assert_eq!(judged.association(), None);
    assert!(matches!(
        judged,
        TicketSatisfaction::Measured { association: Err(Unmeasurable::NoRatedTickets), .. }
    ));
    // Per period: February holds e, f, g (created cohort).
    let february = whole.finish(&engine);
    let feb = february
        .groups
        .iter()
        .find(|g| g.segment == Segment::all() && g.period_start == jiff::civil::date(2026, 2, 1))
        .unwrap();
    assert_eq!((feb.satisfaction[0].counts.met, feb.satisfaction[0].counts.missed), (2, 1));
}

/// `not-reopened` leaves out first solves from the censoring day on, as the reopen rate
/// does: with the data ending on 2026-02-04 (ticket g) and a 7-day window, the first solves
/// from 2026-01-28 (e, f, g) are censored; a, b, c, d remain (c reopened).
#[test]
fn not_reopened_is_right_censored_like_the_reopen_rate() {
    let engine = engine(vec![TicketCondition::NotReopened]);
    let agg = aggregate(&engine, &tickets());
    let totals = agg.finish_totals(&engine);
    let all = totals.iter().find(|g| g.segment == Segment::all()).unwrap();
    let c = all.satisfaction[0].counts;
    assert_eq!((c.met, c.missed), (3, 1));
    assert_eq!(c.met + c.missed, all.reopen.unwrap().n, "the same tickets as the reopen rate");
    assert_eq!(c.table, table(2, 1, 1, 0));
    // Stored and rebuilt: the same censoring.
    let rebuilt = KpiAggregate::from_parts(&engine, &agg.to_parts(&engine)).unwrap();
    assert_eq!(rebuilt.finish_totals(&engine), totals);
}

#[test]
fn no_links_count_nothing_and_targets_without_counts_have_no_satisfaction() {
    let engine = engine(Vec::new());
    let agg = aggregate(&engine, &tickets());
    let totals = agg.finish_totals(&engine);
    assert!(totals.iter().all(|g| g.satisfaction.is_empty()));
    assert!(agg.to_parts(&engine).satisfaction.is_empty());
    let all = totals.iter().find(|g| g.segment == Segment::all()).unwrap();
    assert_eq!(frt_target(1.0).satisfaction(all), None);
    let csat = Target::new(Measure::Csat, Direction::HigherIsBetter, 0.8, None).unwrap();
    assert_eq!(
        csat.satisfaction(all),
        Some(TicketSatisfaction::NotPerTicket(NotPerTicket::SatisfactionItself))
    );
}

#[test]
fn conditions_of_every_measure() {
    let target = |m: Measure, v: f64| Target::new(m.clone(), m.natural_direction(), v, None).unwrap();
    let duration =
        |statistic| Measure::Duration { kpi: DurationKpi::NextResponse, clock: Clock::Business, statistic };
    assert_eq!(
        TicketCondition::of(&target(duration(Statistic::P90), 5400.5)),
        Ok(TicketCondition::Within {
            kpi: DurationKpi::NextResponse,
            clock: Clock::Business,
            seconds: 5400,
            direction: Direction::LowerIsBetter
        })
    );
    assert_eq!(TicketCondition::of(&target(Measure::CesMean, 5.2)), Ok(TicketCondition::CesAtLeast(6)));
    assert_eq!(TicketCondition::of(&target(Measure::ReopenRate, 0.1)), Ok(TicketCondition::NotReopened));
    assert_eq!(
        TicketCondition::of(&target(Measure::SlaAttainment("frt".into()), 0.9)),
        Ok(TicketCondition::SlaMet("frt".into()))
    );
    assert_eq!(TicketCondition::of(&target(Measure::Nps, 10.0)), Err(NotPerTicket::SatisfactionItself));
    assert_eq!(TicketCondition::of(&target(Measure::Backlog, 10.0)), Err(NotPerTicket::NotATicketProperty));
    assert_eq!(
        TicketCondition::of(&target(Measure::CsatResponseRate, 0.3)),
        Err(NotPerTicket::NotATicketProperty)
    );
    assert_eq!(
        TicketCondition::Within {
            kpi: DurationKpi::FirstResponse,
            clock: Clock::Business,
            seconds: 3600,
            direction: Direction::LowerIsBetter
        }
        .id(),
        "first-response.business<=3600"
    );
}

/// Per-ticket verdicts: every next response within the threshold; an SLA met only when every
/// outcome is; CES agree from the scale's agree point; FCR undefined → not counted.
#[test]
fn per_ticket_verdicts() {
    let mut t = Ticket::new("t", at("2026-01-05T09:00:00Z"));
    t.events = vec![
        Event::agent_reply(at("2026-01-05T09:10:00Z")),
        Event::customer_message(at("2026-01-05T10:00:00Z")),
        Event::agent_reply(at("2026-01-05T10:20:00Z")),
        Event::customer_message(at("2026-01-05T11:00:00Z")),
        Event::agent_reply(at("2026-01-05T12:00:00Z")),
    ];
    t.surveys.push(SurveyAnswer::ces(5).unwrap());
    let m = crate::kpi::TicketMetrics::compute(&t, None, &Default::default()).unwrap();
    let next = |minutes: u64| TicketCondition::Within {
        kpi: DurationKpi::NextResponse,
        clock: Clock::Calendar,
        seconds: minutes * 60,
        direction: Direction::LowerIsBetter,
    };
    assert_eq!(next(60).met(&m, &t, &[], &[]), Some(true));
    assert_eq!(next(59).met(&m, &t, &[], &[]), Some(false), "the second run took 60 min");
    let business = TicketCondition::Within {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        seconds: 60,
        direction: Direction::LowerIsBetter,
    };
    assert_eq!(business.met(&m, &t, &[], &[]), None, "no calendar: no business duration");
    let sla = [crate::kpi::SlaTarget::new("frt", SlaMetric::FirstResponse, Clock::Calendar, 600).unwrap()];
    let outcomes = [(0, SlaOutcome::Met), (0, SlaOutcome::Breached)];
    assert_eq!(TicketCondition::SlaMet("frt".into()).met(&m, &t, &sla, &outcomes[..1]), Some(true));
    assert_eq!(TicketCondition::SlaMet("frt".into()).met(&m, &t, &sla, &outcomes), Some(false));
    assert_eq!(TicketCondition::SlaMet("frt".into()).met(&m, &t, &sla, &[]), None);
    assert_eq!(TicketCondition::CesAgree.met(&m, &t, &[], &[]), Some(true));
    assert_eq!(TicketCondition::CesAtLeast(6).met(&m, &t, &[], &[]), Some(false));
    assert_eq!(TicketCondition::FirstContactResolved.met(&m, &t, &[], &[]), None, "never solved");
    assert_eq!(TicketCondition::NotReopened.met(&m, &t, &[], &[]), None, "never solved");
}

#[test]
fn reach_and_level() {
    let counted = TicketSatisfaction::measured(
        TicketCondition::NotReopened,
        ConditionCounts { table: table(12, 5, 3, 9), met: 30, missed: 10 },
        0.95,
    );
    assert_eq!(counted.reach(), Some(0.25));
    let ninety = counted.at_level(0.90);
    let (a95, a90) = (counted.association().unwrap(), ninety.association().unwrap());
    assert!(a90.interval.high - a90.interval.low < a95.interval.high - a95.interval.low);
    assert_eq!(a90.level, 0.90);
    assert_eq!(a95.phi, a90.phi);
}
