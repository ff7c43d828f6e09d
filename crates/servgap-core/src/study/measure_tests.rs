//! Gap measures against hand-worked values and `tests/oracles/gap_study_oracles.py`
//! (scipy 1.17 / statsmodels 0.15; the numbers below are its output).

use super::factors::{factor_association, Association, Factor, FactorScore};
use super::kpi_gaps::{kpi_size, qualitative_gap};
use super::ranks::{rank_agreement, PMethod};
use super::register::{Quadrant, Register};
use super::register_gaps::{alignment_gap_from, delivery_gap, promise_gap};
use super::survey_gaps::{knowledge, scale_gap, KnowledgeRow};
use super::threshold::{count_at_or_below, ThresholdCount};
use super::*;
use crate::instrument::{Battery, Dimension, Format, Instrument, InstrumentSpec, Item, Localized, Scale};
use crate::kpi::{
    Clock, Direction, DurationHistogram, DurationKpi, Measure, SegmentFilter, Statistic, Target,
};
use crate::servqual::{AnalysisOptions, Coverage, Respondent, SurveyPartials};
use crate::stats::groups::GroupSummary;

#[track_caller]
fn close(got: f64, want: f64, tol: f64) {
    assert!((got - want).abs() <= tol, "got {got}, want {want}");
}

fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

fn context() -> GapContext {
    GapContext {
        wave: slug("w1"),
        unit: slug("warsaw"),
        departments: vec![slug("cs")],
        sources: vec![],
        level: 0.95,
    }
}

fn frt() -> Measure {
    Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        statistic: Statistic::Median,
    }
}

#[test]
fn issue_14_gap1_welch_matches_scipy() {
    let m = GroupSummary { n: 12, mean: 5.1, variance: 1.2 };
    let c = GroupSummary { n: 200, mean: 5.9, variance: 0.8 };
    let row = KnowledgeRow::new(SurveyRef::Dimension("reliability".into()), m, c, 0.95);
    let w = row.welch.unwrap();
    close(row.difference(), -0.8, 1e-12);
    close(w.t, -2.4806946917841715, 1e-9);
    close(w.p, 0.02907466814606288, 1e-9);
    close(w.df, 11.896547843004841, 1e-9);
    close(w.ci_low, -1.5033243006278258, 1e-9);
    close(w.ci_high, -0.09667569937217557, 1e-9);
    let k = super::survey_gaps::Knowledge {
        rows: vec![row],
        importance: None,
        agreement: None,
        under_estimated: (0, 0),
    };
    let gaps = k.gaps(Scale::seven_point(), &context());
    assert_eq!(gaps[0].id.to_string(), "g1/dimension/reliability");
    close(gaps[0].size.unwrap(), 0.8 / 6.0, 1e-12);
    assert!(gaps[0].is_certain());
}

#[test]
fn issue_14_rank_agreement_exact_permutation_matches_scipy() {
    let a = rank_agreement(&[22.0, 30.0, 18.0, 15.0, 15.0], &[32.0, 25.0, 19.0, 11.0, 13.0]).unwrap();
    assert_eq!(a.method, PMethod::ExactPermutation);
    close(a.rho, 0.8720815992723809, 1e-12);
    close(a.tau, 0.7378647873726218, 1e-12);
    close(a.rho_p, 0.1, 1e-12);
    close(a.tau_p, 0.13333333333333333, 1e-12);
    let b = rank_agreement(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2.0, 1.0, 4.0, 3.0, 6.0, 5.0]).unwrap();
    close(b.rho, 0.8285714285714287, 1e-12);
    close(b.rho_p, 0.058333333333333334, 1e-12);
    close(b.tau, 0.6, 1e-12);
    close(b.tau_p, 0.1361111111111111, 1e-12);
}

#[test]
fn issue_14_rank_agreement_asymptotic_beyond_nine() {
    let x: Vec<f64> = (1..=12).map(f64::from).collect();
    let y = [3.0, 1.0, 2.0, 6.0, 4.0, 5.0, 9.0, 7.0, 8.0, 12.0, 10.0, 11.0];
    let a = rank_agreement(&x, &y).unwrap();
    assert_eq!(a.method, PMethod::Asymptotic);
    close(a.rho, 0.9160839160839163, 1e-12);
    close(a.rho_p, 2.8428045348547132e-05, 1e-9);
    close(a.tau, 0.7575757575757575, 1e-12);
    close(a.tau_p, 0.0006066417252270709, 1e-9);
    assert!(rank_agreement(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_none(), "a constant list ranks nothing");
}

fn histogram(values: &[u64]) -> DurationHistogram {
    let mut h = DurationHistogram::new();
    for &v in values {
        h.add(v);
    }
    h
}

#[test]
fn issue_14_threshold_counts_are_exact_in_seconds() {
    let h = histogram(&[60, 600, 1200, 3599, 3600, 3601, 7200, 90000, 100000, 200000]);
    let c = count_at_or_below(&h, 3600.0);
    assert_eq!(c, ThresholdCount { met_low: 5, met_high: 5, n: 10 });
    assert_eq!(
        count_at_or_below(&h, 3600.9).met_low,
        5,
        "whole seconds: 3600.9 s is met by 3600 s, not 3601 s"
    );
    assert_eq!(count_at_or_below(&h, 100000.0).met_low, 9);
    assert_eq!(count_at_or_below(&h, -1.0).met_low, 0);
}

#[test]
fn issue_14_threshold_inside_a_coarse_bucket_is_a_range() {
    let mut h = DurationHistogram::with_budget(2);
    for v in [100_000u64, 100_001, 100_002, 100_003, 200_000] {
        h.add(v);
    }
    assert!(h.is_coarse());
    let c = count_at_or_below(&h, 100_001.0);
    assert!(!c.is_exact());
    assert!(c.met_low < c.met_high && c.met_high <= 5, "{c:?}");
    let i = c.share_interval(crate::kpi::Z_95).unwrap();
    assert!(i.low <= c.share().unwrap() && i.high >= c.met_high as f64 / 5.0);
}

fn standard(required: f64) -> Standard {
    StandardSpec {
        slug: "frt-1h".into(),
        title: "first reply within an hour".into(),
        survey: vec![],
        kpi: Some(KpiRef::new(frt(), SegmentFilter::AllTickets).unwrap()),
        target: 3600.0,
        direction: Direction::LowerIsBetter,
        minimum: None,
        required_share: Some(required),
        owner: slug("ops"),
        since: None,
    }
    .build()
    .unwrap()
}

#[test]
fn issue_14_gap3_attainment_with_wilson_interval() {
    let counts = ThresholdCount { met_low: 140, met_high: 140, n: 200 };
    let g = delivery_gap(&standard(0.9), &counts, &context()).unwrap();
    assert_eq!(g.id.to_string(), "g3/standard/frt-1h");
    close(g.current, 0.7, 1e-12);
    close(g.desired, 0.9, 1e-12);
    close(g.difference, -0.2, 1e-12);
    let i = g.interval.unwrap();
    close(i.low, 0.6332093162728073 - 0.9, 1e-12);
    close(i.high, 0.759252553176286 - 0.9, 1e-12);
    close(g.size.unwrap(), 0.2 / 0.9, 1e-12);
    assert_eq!(g.departments, vec![slug("ops")], "the standard's owner owns its gap");
    assert!(g.is_certain());
    assert_eq!(g.sampling, Some(Sampling::Proportion { successes: 140, trials: 200 }));
    let range = ThresholdCount { met_low: 140, met_high: 150, n: 200 };
    let g = delivery_gap(&standard(0.9), &range, &context()).unwrap();
    assert_eq!(g.sampling, None, "a count known only as a range gives no sampling");
}

#[test]
fn issue_14_gap4_promise_held_share() {
    let promise = PromiseSpec {
        slug: "reply-1h".into(),
        text: "we reply within one hour".into(),
        channel: "website".into(),
        since: None,
        kpi: Some(KpiRef::new(frt(), SegmentFilter::AllTickets).unwrap()),
        threshold: Some(3600.0),
        direction: Direction::LowerIsBetter,
        items: vec![SurveyRef::Item("8".into())],
        departments: vec![slug("marketing")],
    }
    .build()
    .unwrap();
    let held = ThresholdCount { met_low: 61, met_high: 61, n: 100 };
    let delivered =
        crate::kpi::DurationSummary { n: 100, mean: 4000.0, median: 3000.0, p90: 9000.0, min: 5, max: 20000 };
    let g = promise_gap(&promise, &held, Some(&delivered), None, &context()).unwrap();
    close(g.current, 0.61, 1e-12);
    close(g.size.unwrap(), 0.39, 1e-12);
    let i = g.interval.unwrap();
    close(i.low + 1.0, 0.5120301704584073, 1e-12);
    close(i.high + 1.0, 0.6998312599360558, 1e-12);
    assert!(g.evidence.details.contains(&("p90".into(), 9000.0)));
    assert_eq!(g.departments, vec![slug("marketing")]);
    assert_eq!(g.sampling, Some(Sampling::Proportion { successes: 61, trials: 100 }));
}

#[test]
fn issue_14_scale_gap_and_alignment_t_intervals() {
    let summary = GroupSummary { n: 30, mean: 5.4, variance: 1.1 * 1.1 };
    let g = scale_gap(GapId::DeliveryScale("conformance".into()), summary, Scale::seven_point(), &context())
        .unwrap();
    let i = g.interval.unwrap();
    close(i.low, -2.01074675043391, 1e-9);
    close(i.high, -1.1892532495660895, 1e-9);
    close(g.size.unwrap(), 1.6 / 6.0, 1e-12);
    assert_eq!(g.sampling, Some(Sampling::Mean { of: SampledValue::Current, summary }));

    let s = StandardSpec {
        slug: "courtesy".into(),
        title: "courtesy rated 6".into(),
        survey: vec![SurveyRef::Item("13".into())],
        kpi: None,
        target: 6.0,
        direction: Direction::HigherIsBetter,
        minimum: None,
        required_share: None,
        owner: slug("cs"),
        since: None,
    }
    .build()
    .unwrap();
    let a = alignment_gap_from(&s, 6.3, 0.9, 150, 6.0, &context());
    let i = a.interval.unwrap();
    close(i.low, -0.4452067203106216, 1e-9);
    close(i.high, -0.15479327968937806, 1e-9);
    close(a.size.unwrap(), 0.3 / 6.0, 1e-12);
    assert_eq!(a.id.to_string(), "g2/alignment/courtesy");
    let Some(Sampling::Mean { of: SampledValue::Desired, summary }) = a.sampling else {
        panic!("{:?}", a.sampling)
    };
    assert_eq!((summary.n, summary.mean), (150, 6.3));
    close(summary.variance, 0.81, 1e-12);
}

fn two_dim_instrument() -> Instrument {
    let dimension =
        |id: &str| Dimension { id: id.into(), name: Localized::new(), description: Localized::new() };
    let item = |id: &str, d: usize| Item {
        id: id.into(),
        dimension: d,
        reverse_keyed: false,
        text: Localized::new(),
    };
    InstrumentSpec {
        id: "small".into(),
        title: Localized::new(),
        format: Format::TwoColumn,
        scale: Scale::seven_point(),
        dimensions: vec![dimension("a"), dimension("b")],
        items: vec![item("a1", 0), item("a2", 0), item("b1", 1)],
        importance: false,
        overall: None,
    }
    .build()
    .unwrap()
}

fn analysis(instrument: &Instrument, e_a1: &[i16]) -> crate::servqual::SurveyAnalysis {
    let mut partials = SurveyPartials::new(instrument, Coverage::HALF).unwrap();
    for &e in e_a1 {
        let ratings = [Some(e), Some(4), Some(5), Some(5), Some(6), Some(3)];
        partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    }
    partials.finish(&AnalysisOptions::default())
}

#[test]
fn issue_14_gap1_from_two_analyses_matches_scipy_on_raw_answers() {
    let instrument = two_dim_instrument();
    let customers = analysis(&instrument, &[6, 7, 5, 7, 6, 7]);
    let managers = analysis(&instrument, &[5, 6, 5, 4]);
    let k = knowledge(&managers, Battery::Expected, &customers, 0.95);
    let a1 = k.rows.iter().find(|r| r.subject == SurveyRef::Item("a1".into())).unwrap();
    let w = a1.welch.unwrap();
    close(a1.difference(), -1.333333333333333, 1e-12);
    close(w.t, -2.529822128134703, 1e-9);
    close(w.p, 0.041316890769136305, 1e-9);
    close(w.ci_low, -2.5959525117006845, 1e-9);
    close(w.ci_high, -0.07071415496598155, 1e-9);
    // a2 and b1 are answered alike by both (5 and 6): only a1 is under-estimated.
    assert_eq!(k.under_estimated, (1, 3));
    let gaps = k.gaps(Scale::seven_point(), &context());
    let under = gaps.iter().find(|g| g.id == GapId::KnowledgeUnderEstimation).unwrap();
    close(under.current, 1.0 / 3.0, 1e-12);
    assert_eq!(under.sampling, Some(Sampling::Exact));
    let g1 = gaps.iter().find(|g| g.id.to_string() == "g1/item/a1").unwrap();
    let Some(Sampling::TwoMeans { current, desired }) = g1.sampling else { panic!("{:?}", g1.sampling) };
    assert_eq!((current.n, desired.n), (4, 6), "managers, then customers");
    // Gap 5 on the customers: a1 gap = P − E = 4 − 6.333.
    let g5 = survey_gaps::customer_gaps(&customers, Scale::seven_point(), &context());
    let g5a1 = g5.iter().find(|g| g.id.to_string() == "g5/item/a1").unwrap();
    close(g5a1.difference, 4.0 - 38.0 / 6.0, 1e-12);
    close(g5a1.size.unwrap(), (38.0 / 6.0 - 4.0) / 6.0, 1e-12);
    // Per-respondent P − E = 4 − E: mean 4 − 38/6, variance of E (6, 7, 5, 7, 6, 7) = 2/3.
    let Some(Sampling::Mean { of: SampledValue::Difference, summary }) = g5a1.sampling else {
        panic!("{:?}", g5a1.sampling)
    };
    assert_eq!(summary.n, 6);
    close(summary.mean, 4.0 - 38.0 / 6.0, 1e-12);
    close(summary.variance, 2.0 / 3.0, 1e-12);
}

#[test]
fn issue_14_coverage_counts_governed_important_items() {
    let instrument = two_dim_instrument();
    let s = StandardSpec {
        slug: "a-std".into(),
        title: String::new(),
        survey: vec![SurveyRef::Dimension("a".into())],
        kpi: None,
        target: 6.0,
        direction: Direction::HigherIsBetter,
        minimum: None,
        required_share: None,
        owner: slug("cs"),
        since: None,
    }
    .build()
    .unwrap();
    // Important: a1 and b1; a1 is governed through dimension a, b1 by nothing.
    let gaps = register_gaps::coverage_gaps(&instrument, &[0, 2], &[s], &context());
    let all = gaps.iter().find(|g| g.id == GapId::Coverage(None)).unwrap();
    close(all.current, 0.5, 0.0);
    close(all.size.unwrap(), 0.5, 0.0);
    assert_eq!(all.evidence.items, vec!["b1".to_string()]);
    let b = gaps.iter().find(|g| g.id.to_string() == "g2/coverage/b").unwrap();
    close(b.current, 0.0, 0.0);
    assert!(b.is_certain(), "an exact count of a missing standard is a certain gap");
    assert_eq!(all.sampling, Some(Sampling::Exact));
}

#[test]
fn issue_14_kpi_size_uses_the_band() {
    let t = Target::new(frt(), Direction::LowerIsBetter, 3600.0, Some(7200.0)).unwrap();
    close(kpi_size(&t, 5400.0), 0.5, 1e-12);
    close(kpi_size(&t, 3000.0), 0.0, 0.0);
    close(kpi_size(&t, 20000.0), 1.0, 0.0); // 16 400 s short on a 3 600 s band: clamped
}

#[test]
fn issue_14_register_quadrants_and_filters() {
    let ctx = context();
    let g3 =
        delivery_gap(&standard(0.9), &ThresholdCount { met_low: 140, met_high: 140, n: 200 }, &ctx).unwrap();
    let small =
        delivery_gap(&standard(0.9), &ThresholdCount { met_low: 170, met_high: 170, n: 200 }, &ctx).unwrap();
    let noisy = KnowledgeRow::new(
        SurveyRef::Item("1".into()),
        GroupSummary { n: 5, mean: 5.0, variance: 2.0 },
        GroupSummary { n: 5, mean: 5.9, variance: 2.0 },
        0.95,
    );
    let k = super::survey_gaps::Knowledge {
        rows: vec![noisy],
        importance: None,
        agreement: None,
        under_estimated: (0, 0),
    };
    let mut gaps = vec![g3, small];
    gaps.extend(k.gaps(Scale::seven_point(), &ctx));
    let note = QualitativeGap {
        slug: slug("handover"),
        description: "slow handover".into(),
        departments: vec![slug("it")],
        evidence: "workshop".into(),
        impact: Level::High,
        urgency: Level::Low,
    };
    gaps.push(qualitative_gap(&note, &ctx));
    let register = Register::new(slug("w1"), gaps);
    let q: Vec<(String, Quadrant)> =
        register.entries.iter().map(|e| (e.gap.id.to_string(), e.quadrant)).collect();
    // 0.2/0.9 = 0.22 certain breach: act now; 0.05/0.9 = 0.056 certain: quick win;
    // 0.9/6 = 0.15 uncertain (n = 5): plan; the note is judged high impact, low urgency: plan.
    assert_eq!(q[0], ("g3/standard/frt-1h".into(), Quadrant::ActNow));
    assert!(q.contains(&("g1/item/1".into(), Quadrant::Plan)));
    assert!(q.contains(&("note/handover".into(), Quadrant::Plan)));
    assert_eq!(q.last().unwrap().1, Quadrant::QuickWins);
    assert_eq!(register.quadrant_counts(), [1, 2, 1, 0]);
    assert_eq!(register.for_department(&slug("it")).count(), 1);
    assert_eq!(register.for_unit(&slug("warsaw")).count(), 4);
    assert_eq!(register.for_unit(&slug("krakow")).count(), 0);
}

#[test]
fn issue_14_factor_association_needs_enough_units() {
    let units = ["a", "b", "c", "d", "e"];
    let scores: Vec<FactorScore> = units
        .iter()
        .zip([2.0, 3.0, 4.0, 5.0, 6.0])
        .map(|(u, m)| FactorScore { factor: Factor::RoleAmbiguity, unit: slug(u), mean: m, n: 10 })
        .collect();
    let sizes: Vec<(Slug, f64)> =
        units.iter().zip([0.1, 0.2, 0.15, 0.3, 0.4]).map(|(u, s)| (slug(u), s)).collect();
    let a = factor_association(Factor::RoleAmbiguity, &scores, &sizes);
    let Association::Measured(r) = a.association else { panic!("five units are enough") };
    close(r.rho, 0.9, 1e-12);
    close(r.rho_p, 0.08333333333333333, 1e-12); // gap_study_oracles.py style enumeration
    assert_eq!(a.sign_as_predicted, Some(true), "role ambiguity widens gap 3");
    let few = factor_association(Factor::RoleAmbiguity, &scores[..3], &sizes);
    assert_eq!(few.association, Association::NotMeasurable { units: 3, minimum: 4 });
    assert_eq!(Factor::from_id("role-ambiguity"), Some(Factor::RoleAmbiguity));
    assert_eq!(Factor::Teamwork.gap(), GapKind::Delivery);
}

#[test]
fn issue_14_size_interval_follows_the_difference() {
    let g = delivery_gap(&standard(0.9), &ThresholdCount { met_low: 140, met_high: 140, n: 200 }, &context())
        .unwrap();
    let i = g.size_interval().unwrap();
    close(i.low, (0.9 - 0.759252553176286) / 0.9, 1e-12);
    close(i.high, (0.9 - 0.6332093162728073) / 0.9, 1e-12);
    assert!(i.low <= g.size.unwrap() && g.size.unwrap() <= i.high);
    let register = Register::new(slug("w1"), vec![g]);
    assert_eq!(register.headlines(&slug("warsaw")).len(), 1);
}

#[test]
fn issue_14_attainment_counts_from_kpi_parts_sum_the_segment_over_periods() {
    use crate::kpi::{Dimension as KpiDimension, DurationParts, KpiGroupParts, KpiParts, Proportion};
    let group = |day: i8, value: &str, values: &[u64], fcr: (u64, u64)| KpiGroupParts {
        period_start: jiff::civil::date(2026, 1, day),
        dimension: Some(KpiDimension::Channel),
        value: value.into(),
        created: values.len() as u64,
        solved: 0,
        awaiting_first_response: 0,
        durations: vec![DurationParts {
            kpi: DurationKpi::FirstResponse,
            clock: Clock::Business,
            histogram: histogram(values).to_parts(),
        }],
        first_contact_resolution: Proportion::new(fcr.0, fcr.1),
        reopen: Proportion::default(),
        sla: vec![],
        csat_offered: 0,
        csat_rated: 0,
        csat_good: 0,
        nps: [0; 11],
        ces: [0; 7],
    };
    let parts = KpiParts {
        period: "week".into(),
        dimensions: vec![KpiDimension::Channel],
        sla: vec![],
        tickets: 9,
        groups: vec![
            group(5, "email", &[600, 4000, 3600], (2, 3)),
            group(5, "chat", &[60, 120], (2, 2)),
            group(12, "email", &[3000, 7200, 100, 3601], (1, 4)),
        ],
        backlog: vec![],
        reopen_days: vec![],
        latest: None,
        satisfaction_links: Vec::new(),
        satisfaction: Vec::new(),
    };
    let email = SegmentFilter::Only(crate::kpi::Dimension::Channel, "email".into());
    let lower = super::threshold::attainment_counts(&parts, &frt(), &email, 3600.0, Direction::LowerIsBetter)
        .unwrap();
    assert_eq!(lower, ThresholdCount { met_low: 4, met_high: 4, n: 7 });
    let all = super::threshold::attainment_counts(
        &parts,
        &frt(),
        &SegmentFilter::AllTickets,
        3600.0,
        Direction::LowerIsBetter,
    )
    .unwrap();
    assert_eq!(
        all,
        ThresholdCount { met_low: 6, met_high: 6, n: 9 },
        "all tickets = the first dimension's groups"
    );
    let higher =
        super::threshold::attainment_counts(&parts, &frt(), &email, 3600.0, Direction::HigherIsBetter)
            .unwrap();
    assert_eq!(higher.met_low, 4, "≥ 3600 s: 4000, 3600, 7200, 3601");
    let fcr = super::threshold::attainment_counts(
        &parts,
        &Measure::FirstContactResolution,
        &email,
        0.0,
        Direction::HigherIsBetter,
    )
    .unwrap();
    assert_eq!(fcr, ThresholdCount { met_low: 3, met_high: 3, n: 7 });
    assert!(super::threshold::attainment_counts(
        &parts,
        &Measure::Nps,
        &email,
        0.0,
        Direction::HigherIsBetter
    )
    .is_none());
}

#[test]
fn issue_14_factor_scores_and_gap_sizes_per_unit() {
    let dimension =
        |id: &str| Dimension { id: id.into(), name: Localized::new(), description: Localized::new() };
    let item = |id: &str, d: usize| Item {
        id: id.into(),
        dimension: d,
        reverse_keyed: false,
        text: Localized::new(),
    };
    let instrument = InstrumentSpec {
        id: "employees".into(),
        title: Localized::new(),
        format: Format::PerceptionsOnly,
        scale: Scale::seven_point(),
        dimensions: vec![dimension("teamwork"), dimension("role-ambiguity"), dimension("other")],
        items: vec![item("t1", 0), item("t2", 0), item("r1", 1), item("o1", 2)],
        importance: false,
        overall: None,
    }
    .build()
    .unwrap();
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    for (t1, t2, r1) in [(6, 4, 2), (7, 7, 3), (5, 6, 4)] {
        let ratings = [Some(t1), Some(t2), Some(r1), Some(4)];
        partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    }
    let scores = super::factors::factor_scores(
        &partials.finish(&AnalysisOptions::default()),
        Battery::Perceived,
        &slug("a"),
    );
    assert_eq!(scores.len(), 2, "`other` is not a factor");
    close(scores[0].mean, (5.0 + 7.0 + 5.5) / 3.0, 1e-12);
    close(scores[1].mean, 3.0, 1e-12);
    let ctx = context();
    let g =
        delivery_gap(&standard(0.9), &ThresholdCount { met_low: 140, met_high: 140, n: 200 }, &ctx).unwrap();
    let g2 =
        delivery_gap(&standard(0.9), &ThresholdCount { met_low: 180, met_high: 180, n: 200 }, &ctx).unwrap();
    let register = Register::new(slug("w1"), vec![g, g2]);
    let sizes = super::factors::gap_sizes_by_unit(&register, GapKind::Delivery);
    assert_eq!(sizes.len(), 1);
    close(sizes[0].1, (0.2 / 0.9 + 0.0) / 2.0, 1e-12);
}

#[test]
fn issue_14_important_items_alignment_survey_delivery_and_raised_expectation() {
    let instrument = {
        let dimension =
            |id: &str| Dimension { id: id.into(), name: Localized::new(), description: Localized::new() };
        let item = |id: &str, d: usize| Item {
            id: id.into(),
            dimension: d,
            reverse_keyed: false,
            text: Localized::new(),
        };
        InstrumentSpec {
            id: "small".into(),
            title: Localized::new(),
            format: Format::TwoColumn,
            scale: Scale::seven_point(),
            dimensions: vec![dimension("a"), dimension("b")],
            items: vec![item("a1", 0), item("a2", 0), item("b1", 1)],
            importance: true,
            overall: None,
        }
        .build()
        .unwrap()
    };
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    // E/P: a1 (7|6, 3), a2 (5, 5), b1 (6, 3); allocation a 70, b 30.
    for e_a1 in [7, 6, 7, 6] {
        let ratings = [Some(e_a1), Some(3), Some(5), Some(5), Some(6), Some(3)];
        partials.add(&Respondent { ratings: &ratings, importance: &[Some(70), Some(30)], overall: None });
    }
    let customers = partials.finish(&AnalysisOptions::default());
    use super::register_gaps::{important_items, raised_expectation, ImportantItems};
    // Four customers are too few for an IPA quadrant (issue 12: at least 30), so the
    // important items are not measurable; the same answers eight times over are enough.
    assert_eq!(important_items(&customers, ImportantItems::HighImportance), None);
    let mut many = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    for e_a1 in [7, 6, 7, 6].repeat(8) {
        let ratings = [Some(e_a1), Some(3), Some(5), Some(5), Some(6), Some(3)];
        many.add(&Respondent { ratings: &ratings, importance: &[Some(70), Some(30)], overall: None });
    }
    let many = many.finish(&AnalysisOptions::default());
    assert_eq!(important_items(&many, ImportantItems::HighImportance), Some(vec![0, 1]));
    assert_eq!(important_items(&many, ImportantItems::ConcentrateHere), Some(vec![0]));

    let survey_standard = |target: f64| {
        StandardSpec {
            slug: "a1-std".into(),
            title: String::new(),
            survey: vec![SurveyRef::Item("a1".into())],
            kpi: None,
            target,
            direction: Direction::HigherIsBetter,
            minimum: None,
            required_share: None,
            owner: slug("cs"),
            since: None,
        }
        .build()
        .unwrap()
    };
    // Customers expect 6.5 on a1 (sd 0.57735, n 4): a target of 6 is set 0.5 below.
    let a = register_gaps::alignment_gap(&survey_standard(6.0), &customers, Scale::seven_point(), &context())
        .unwrap();
    close(a.difference, -0.5, 1e-12);
    close(a.size.unwrap(), 0.5 / 6.0, 1e-12);
    // scipy: 6 − (6.5 ± t(0.975, 3)·sd/√4), sd = stats.tstd([7, 6, 7, 6]).
    let i = a.interval.unwrap();
    close(i.low, -1.418693115518539, 1e-9);
    close(i.high, 0.41869311551853894, 1e-9);
    assert!(!a.is_certain(), "four customers cannot show the target is too low");
    // Delivered: customers rate a1 at 3 against a target of 6 (constant answers: no interval).
    let d = register_gaps::delivery_gap_survey(
        &survey_standard(6.0),
        &customers,
        Scale::seven_point(),
        &context(),
    )
    .unwrap();
    close(d.current, 3.0, 0.0);
    close(d.size.unwrap(), 0.5, 1e-12);
    assert!(d.interval.is_none() && d.is_certain());
    let promise = PromiseSpec {
        slug: "p".into(),
        text: String::new(),
        channel: String::new(),
        since: None,
        kpi: Some(KpiRef::new(frt(), SegmentFilter::AllTickets).unwrap()),
        threshold: Some(3600.0),
        direction: Direction::LowerIsBetter,
        items: vec![SurveyRef::Item("a1".into())],
        departments: vec![],
    }
    .build()
    .unwrap();
    let r = raised_expectation(&promise, &instrument, &customers).unwrap();
    close(r.linked, 6.5, 1e-12);
    close(r.others, 5.5, 1e-12);
    assert_eq!((r.linked_items, r.other_items), (1, 2));
}

#[test]
fn issue_15_kpi_sampling_by_measure() {
    use super::kpi_sampling::kpi_sampling;
    use crate::kpi::{DurationParts, KpiGroupParts, KpiParts, Proportion};
    let mut nps = [0u64; 11];
    (nps[10], nps[8], nps[3]) = (5, 3, 2);
    let mut ces = [0u64; 7];
    (ces[6], ces[1]) = (3, 1);
    let values = [600u64, 4000, 3600, 100];
    let parts = KpiParts {
        period: "week".into(),
        dimensions: vec![],
        sla: vec![],
        tickets: 4,
        groups: vec![KpiGroupParts {
            period_start: jiff::civil::date(2026, 1, 5),
            dimension: None,
            value: String::new(),
            created: 4,
            solved: 4,
            awaiting_first_response: 0,
            durations: vec![DurationParts {
                kpi: DurationKpi::FirstResponse,
                clock: Clock::Business,
                histogram: histogram(&values).to_parts(),
            }],
            first_contact_resolution: Proportion::new(3, 4),
            reopen: Proportion::default(),
            sla: vec![],
            csat_offered: 0,
            csat_rated: 0,
            csat_good: 0,
            nps,
            ces,
        }],
        backlog: vec![],
        reopen_days: vec![],
        latest: None,
        satisfaction_links: Vec::new(),
        satisfaction: Vec::new(),
    };
    let all = SegmentFilter::AllTickets;
    let fcr = kpi_sampling(&parts, &Measure::FirstContactResolution, &all, 0.75);
    assert_eq!(fcr, Some(Sampling::Proportion { successes: 3, trials: 4 }));
    // NPS answers: five 10s (+100), three 8s (0), two 3s (−100): mean 30, variance 6777.8.
    let Some(Sampling::Mean { summary, .. }) = kpi_sampling(&parts, &Measure::Nps, &all, 30.0) else {
        panic!()
    };
    assert_eq!(summary.n, 10);
    close(summary.mean, 30.0, 1e-12);
    close(summary.variance, (5.0 * 70.0f64.powi(2) + 3.0 * 900.0 + 2.0 * 130.0f64.powi(2)) / 9.0, 1e-9);
    let Some(Sampling::Mean { summary, .. }) = kpi_sampling(&parts, &Measure::CesMean, &all, 5.75) else {
        panic!()
    };
    close(summary.mean, (3.0 * 7.0 + 2.0) / 4.0, 1e-12);
    // Median of 100, 600, 3600, 4000 by type 7: 2100; by type 1: 600.
    let median = |m| kpi_sampling(&parts, &frt(), &all, m);
    let Some(Sampling::Quantile(q)) = median(2100.0) else { panic!() };
    assert_eq!((q.method, q.n()), (crate::kpi::QuantileMethod::Linear, 4));
    let Some(Sampling::Quantile(q)) = median(600.0) else { panic!() };
    assert_eq!(q.method, crate::kpi::QuantileMethod::InvertedCdf, "the method that reproduces the value");
    assert_eq!(median(1234.0), None, "no method reproduces it");
    let mean = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        statistic: Statistic::Mean,
    };
    let Some(Sampling::Mean { summary, .. }) = kpi_sampling(&parts, &mean, &all, 2075.0) else { panic!() };
    close(summary.mean, 2075.0, 1e-12);
    assert_eq!(kpi_sampling(&parts, &Measure::Backlog, &all, 3.0), Some(Sampling::Exact));
}
