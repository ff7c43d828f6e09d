//! Measured progress against `tests/oracles/progress_oracles.py` (scipy 1.17, statsmodels
//! 0.15, numpy 2.4; the numbers below are its output) and hand-worked edge cases.

use super::*;
use crate::instrument::Scale;
use crate::kpi::{
    Clock, Direction, DurationHistogram, DurationKpi, KpiGroupParts, KpiParts, Measure, QuantileLevel,
    QuantileMethod, Segment, SegmentFilter, Statistic, Target,
};
use crate::stats::groups::GroupSummary;
use crate::study::gap::Gap;
use crate::study::kpi_gaps::kpi_gaps;
use crate::study::register_gaps::promise_gap;
use crate::study::survey_gaps::{scale_gap, Knowledge, KnowledgeRow};
use crate::study::threshold::ThresholdCount;
use crate::study::{GapContext, GapId, KpiRef, PromiseSpec, Sampling, Slug, SurveyRef};

#[track_caller]
fn close(got: f64, want: f64, tol: f64) {
    assert!((got - want).abs() <= tol, "got {got}, want {want}");
}

pub(super) fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

pub(super) fn context(wave: &str) -> GapContext {
    GapContext {
        wave: slug(wave),
        unit: slug("all"),
        departments: vec![slug("cs")],
        sources: vec![],
        level: 0.95,
    }
}

pub(super) fn conformance(wave: &str, n: u64, mean: f64, variance: f64) -> Gap {
    let id = GapId::DeliveryScale("conformance".into());
    scale_gap(id, GroupSummary { n, mean, variance }, Scale::seven_point(), &context(wave)).unwrap()
}

/// Half-year fieldwork of wave `k` (1-based): w1 2025-01-01…06-30, w2 2025-07-01…12-31,
/// w3 2026-01-01…06-30, and so on.
pub(super) fn half_year(k: usize) -> Fieldwork {
    let year = 2025 + i16::try_from((k - 1) / 2).unwrap();
    let (start, end) = if k % 2 == 1 {
        (jiff::civil::date(year, 1, 1), jiff::civil::date(year, 6, 30))
    } else {
        (jiff::civil::date(year, 7, 1), jiff::civil::date(year, 12, 31))
    };
    Fieldwork::new(start, end).unwrap()
}

pub(super) fn series(action: &str, baseline: Gap, later: Vec<Option<Gap>>) -> MetricSeries {
    let later = later
        .into_iter()
        .enumerate()
        .map(|(i, gap)| LaterWave {
            wave: slug(&format!("w{}", i + 2)),
            fieldwork: half_year(i + 2),
            gap,
            paired: None,
        })
        .collect();
    MetricSeries {
        action: slug(action),
        done: false,
        target: None,
        baseline,
        baseline_fieldwork: half_year(1),
        schedule: None,
        later,
    }
}

fn one(s: MetricSeries) -> WaveProgress {
    let plan = assess(&[s], &ProgressOptions::default());
    plan.metrics[0].waves[0].clone()
}

fn share(w: &WaveProgress) -> ShareClosed {
    w.share_closed.unwrap()
}

#[test]
fn issue_15_welch_change_and_fieller_share_match_scipy() {
    let w = one(series(
        "coach",
        conformance("w1", 40, 4.225, 2.435256410256411),
        vec![Some(conformance("w2", 35, 5.057142857142857, 1.8789915966386557))],
    ));
    let c = w.change.unwrap();
    assert_eq!(c.method, ChangeMethod::Welch);
    close(c.estimate, 5.057142857142857 - 4.225, 1e-12);
    close(c.p.unwrap(), 0.016324531590209062, 1e-9);
    close(c.df.unwrap(), 72.99763112261736, 1e-9);
    let i = c.interval.unwrap();
    close(i.low, 0.1575581968714328, 1e-9);
    close(i.high, 1.5067275174142818, 1e-9);
    let s = share(&w);
    assert_eq!(s.method, ShareMethod::Fieller);
    close(s.estimate, 0.2998712998712999, 1e-12);
    close(s.interval.unwrap().low, 0.0650481011939793, 1e-9);
    close(s.interval.unwrap().high, 0.4892964326113799, 1e-9);
    assert_eq!(w.verdict, Verdict::Improved(Pace::ScheduleNotSet), "one test: Holm = unadjusted, p < 0.05");
    close(w.p_adjusted.unwrap(), 0.016324531590209062, 1e-9);
}

#[test]
fn issue_15_paired_t_wilcoxon_and_covariance_match_scipy() {
    let y0 = [4, 3, 3, 3, 5, 3, 2, 4, 4, 3, 2, 5, 4, 6];
    let y1 = [6, 2, 3, 3, 4, 4, 4, 4, 4, 4, 2, 4, 6, 7];
    let mut histogram: Vec<(i128, u64)> = Vec::new();
    for (a, b) in y0.iter().zip(y1) {
        histogram.push((i128::from(b - a), 1));
    }
    let mut s = series(
        "coach",
        conformance("w1", 14, 3.642857142857143, 1.3241758241758244),
        vec![Some(conformance("w2", 14, 4.071428571428571, 2.0714285714285716))],
    );
    s.later[0].paired = Some(PairedChange {
        n: 14,
        mean: 0.42857142857142855,
        variance: 1.1868131868131868,
        histogram,
        wilcoxon_p: None,
    });
    let w = one(s);
    let c = w.change.unwrap();
    assert_eq!(c.method, ChangeMethod::PairedT);
    close(c.p.unwrap(), 0.16482344535684473, 1e-9);
    close(c.interval.unwrap().low, -0.20043492385679168, 1e-9);
    close(c.interval.unwrap().high, 1.0575777809996487, 1e-9);
    close(c.wilcoxon_p.unwrap(), 0.17578125, 1e-12);
    let s = share(&w);
    close(s.estimate, 0.12765957446808507, 1e-12);
    close(s.interval.unwrap().low, -0.062251705324700035, 1e-9);
    close(s.interval.unwrap().high, 0.3144469970799343, 1e-9);
    assert_eq!(w.verdict, Verdict::NotMoving);
}

pub(super) fn knowledge_gap(wave: &str, m: (u64, f64, f64), c: (u64, f64, f64)) -> Gap {
    let group = |(n, mean, variance)| GroupSummary { n, mean, variance };
    let row = KnowledgeRow::new(SurveyRef::Item("8".into()), group(m), group(c), 0.95);
    let k = Knowledge { rows: vec![row], importance: None, agreement: None, under_estimated: (0, 0) };
    k.gaps(Scale::seven_point(), &context(wave)).remove(0)
}

#[test]
fn issue_15_gap1_change_welch_satterthwaite_and_unbounded_share() {
    let w = one(series(
        "brief-managers",
        knowledge_gap("w1", (8, 5.1, 1.2), (120, 5.9, 0.8)),
        vec![Some(knowledge_gap("w2", (10, 5.6, 0.9), (130, 5.85, 0.75)))],
    ));
    let c = w.change.unwrap();
    assert_eq!(c.method, ChangeMethod::WelchSatterthwaite);
    close(c.estimate, 0.5500000000000007, 1e-12);
    close(c.df.unwrap(), 15.486066674100208, 1e-9);
    close(c.p.unwrap(), 0.29039135595320237, 1e-9);
    close(c.interval.unwrap().low, -0.5179840185263735, 1e-9);
    close(c.interval.unwrap().high, 1.617984018526375, 1e-9);
    assert_eq!(
        w.share_closed,
        Err(NotMeasurable::BaselineGapUncertain),
        "8 managers: the baseline gap is not distinguishable from 0, Fieller is unbounded"
    );
}

pub(super) fn promise_held(wave: &str, held: u64, n: u64) -> Gap {
    let promise = PromiseSpec {
        slug: "reply-1h".into(),
        text: "we reply within one hour".into(),
        channel: "website".into(),
        since: None,
        kpi: Some(KpiRef::new(frt(Statistic::Median), SegmentFilter::AllTickets).unwrap()),
        threshold: Some(3600.0),
        direction: Direction::LowerIsBetter,
        items: vec![],
        departments: vec![slug("cs")],
    }
    .build()
    .unwrap();
    let count = ThresholdCount { met_low: held, met_high: held, n };
    promise_gap(&promise, &count, None, None, &context(wave)).unwrap()
}

fn frt(statistic: Statistic) -> Measure {
    Measure::Duration { kpi: DurationKpi::FirstResponse, clock: Clock::Business, statistic }
}

#[test]
fn issue_15_newcombe_and_pooled_z_match_statsmodels() {
    let w = one(series("triage", promise_held("w1", 61, 100), vec![Some(promise_held("w2", 78, 110))]));
    let c = w.change.unwrap();
    assert_eq!(c.method, ChangeMethod::Newcombe);
    close(c.interval.unwrap().low, -0.028625397111503775, 1e-9);
    close(c.interval.unwrap().high, 0.22349700186029187, 1e-9);
    close(c.p.unwrap(), 0.12951579799094187, 1e-9);
    let s = share(&w);
    close(s.estimate, 0.25407925407925414, 1e-12);
    close(s.interval.unwrap().low, -0.0906419534559153, 1e-9);
    close(s.interval.unwrap().high, 0.5034341000412649, 1e-9);
    assert_eq!(w.verdict, Verdict::NotMoving);
}

pub(super) fn kpi_parts(values: &[u64]) -> KpiParts {
    let mut h = DurationHistogram::new();
    values.iter().for_each(|&v| h.add(v));
    let group = KpiGroupParts {
        period_start: jiff::civil::date(2026, 1, 5),
        dimension: None,
        value: String::new(),
        created: values.len() as u64,
        solved: 0,
        awaiting_first_response: 0,
        durations: vec![crate::kpi::DurationParts {
            kpi: DurationKpi::FirstResponse,
            clock: Clock::Business,
            histogram: h.to_parts(),
        }],
        first_contact_resolution: crate::kpi::Proportion::default(),
        reopen: crate::kpi::Proportion::default(),
        sla: vec![],
        csat_offered: 0,
        csat_rated: 0,
        csat_good: 0,
        nps: [0; 11],
        ces: [0; 7],
    };
    KpiParts {
        period: "month".into(),
        dimensions: vec![],
        sla: vec![],
        tickets: values.len() as u64,
        groups: vec![group],
        backlog: vec![],
        reopen_days: vec![],
        latest: None,
        satisfaction_links: Vec::new(),
        satisfaction: Vec::new(),
    }
}

/// The KPI gap of the median first response through `kpi_gaps`, against a 3600 s target.
pub(super) fn median_gap(wave: &str, values: &[u64]) -> Gap {
    let parts = kpi_parts(values);
    let target = Target::new(frt(Statistic::Median), Direction::LowerIsBetter, 3600.0, None).unwrap();
    let mut h = DurationHistogram::new();
    values.iter().for_each(|&v| h.add(v));
    let median = h.quantile(QuantileLevel::MEDIAN, QuantileMethod::Linear).unwrap();
    let row = crate::kpi::GapRow {
        target: 0,
        period_start: jiff::civil::date(2026, 1, 5),
        segment: Segment { dimension: None, value: String::new() },
        gap: target.gap(median, values.len() as u64),
        satisfaction: None,
    };
    kpi_gaps(&[target], &[row], Some(&parts), &context(wave)).remove(0)
}

const T0: [u64; 150] = [
    507, 783, 1039, 1309, 1326, 1408, 1411, 1445, 1464, 1579, 1624, 1762, 1784, 1790, 1861, 1929, 1996, 2029,
    2033, 2046, 2129, 2162, 2165, 2245, 2326, 2376, 2377, 2405, 2416, 2417, 2600, 2698, 2734, 2740, 2745,
    2809, 2869, 2978, 3094, 3128, 3150, 3212, 3276, 3289, 3412, 3465, 3482, 3706, 3806, 3829, 3866, 4063,
    4065, 4106, 4128, 4152, 4288, 4333, 4345, 4401, 4449, 4611, 4614, 4675, 4985, 5025, 5196, 5240, 5245,
    5349, 5362, 5489, 5493, 5493, 5497, 5859, 6037, 6040, 6190, 6314, 6402, 6413, 6486, 6528, 6643, 6759,
    6876, 6972, 7038, 7113, 7173, 7272, 7443, 7456, 7515, 7537, 7682, 7753, 7808, 7819, 7924, 7962, 8089,
    8263, 8491, 8847, 8871, 9000, 9142, 9656, 9666, 9689, 9712, 9753, 10087, 10244, 10620, 10949, 11210,
    11777, 11811, 12107, 12233, 12643, 12780, 13152, 13725, 14086, 14118, 14229, 15493, 16378, 18134, 18198,
    18345, 18737, 18777, 19567, 20220, 22395, 23456, 24170, 25848, 27656, 28791, 28938, 29612, 29841, 30774,
    35423,
];

const T1: [u64; 160] = [
    900, 906, 913, 926, 948, 1040, 1120, 1140, 1185, 1185, 1187, 1240, 1317, 1365, 1398, 1469, 1495, 1538,
    1601, 1883, 1885, 1892, 1921, 1987, 2062, 2240, 2251, 2258, 2280, 2281, 2293, 2296, 2320, 2371, 2401,
    2467, 2516, 2536, 2543, 2578, 2677, 2719, 2759, 2804, 2845, 2910, 2923, 2988, 3026, 3074, 3133, 3148,
    3206, 3336, 3361, 3410, 3508, 3544, 3556, 3665, 3689, 3714, 3792, 3836, 3841, 3985, 3987, 3993, 4032,
    4072, 4159, 4178, 4181, 4260, 4280, 4335, 4429, 4449, 4487, 4505, 4581, 4695, 4713, 4776, 4847, 4858,
    4871, 5006, 5014, 5051, 5160, 5170, 5197, 5215, 5218, 5243, 5328, 5378, 5433, 5443, 5560, 5578, 5582,
    5648, 5762, 5786, 5790, 5793, 5899, 5919, 6310, 6434, 6814, 6831, 6937, 7168, 7408, 7469, 7496, 7539,
    8061, 8208, 8258, 8272, 8496, 9031, 9031, 9051, 9099, 9279, 9411, 9475, 9480, 9583, 9606, 10104, 10585,
    10653, 10715, 10882, 10906, 11104, 11114, 11137, 11219, 11336, 11542, 11780, 12136, 12974, 13507, 14211,
    14552, 16727, 16868, 16889, 17024, 19449, 24794, 35403,
];

#[test]
fn issue_15_kpi_median_gap_carries_its_histogram() {
    let g = median_gap("w1", &T0);
    close(g.current, 5678.0, 1e-12);
    let Some(Sampling::Quantile(q)) = &g.sampling else { panic!("{:?}", g.sampling) };
    assert_eq!((q.level, q.method, q.n()), (QuantileLevel::MEDIAN, QuantileMethod::Linear, 150));
}

#[test]
fn issue_15_quantile_bootstrap_agrees_with_numpy_resampling() {
    let s = series("staffing", median_gap("w1", &T0), vec![Some(median_gap("w2", &T1))]);
    let options = ProgressOptions { replicates: 20_000, ..ProgressOptions::default() };
    let plan = assess(&[s], &options);
    let w = &plan.metrics[0].waves[0];
    let c = w.change.unwrap();
    assert_eq!(c.method, ChangeMethod::Bootstrap);
    close(c.estimate, 4543.0 - 5678.0, 1e-9);
    // numpy, 40 000 resamples of the tickets: interval (−2450.0, −24.0), p 0.0462, share
    // 0.546 (0.0173, 0.829). Monte Carlo tolerance: a few % of the interval's width.
    let i = c.interval.unwrap();
    let s = w.share_closed.unwrap();
    eprintln!("bootstrap: change ({}, {}), p {}, share {:?}", i.low, i.high, c.p.unwrap(), s.interval);
    close(i.low, -2450.025, 120.0);
    close(i.high, -23.9875, 120.0);
    close(c.p.unwrap(), 0.04619884502887428, 0.012);
    assert_eq!(s.method, ShareMethod::Bootstrap);
    close(s.estimate, 0.5461982675649664, 1e-12);
    close(s.interval.unwrap().low, 0.01726813987112437, 0.05);
    close(s.interval.unwrap().high, 0.8286852589641435, 0.03);
    let again =
        assess(&[series("staffing", median_gap("w1", &T0), vec![Some(median_gap("w2", &T1))])], &options);
    assert_eq!(again.metrics[0].waves[0].change, w.change, "seeded: the same result every run");
}

#[test]
fn issue_15_trend_wls_and_ols_match_statsmodels() {
    let points = [(0.0, -1.6, Some(0.04)), (1.0, -1.2, Some(0.05)), (2.0, -0.7, Some(0.03))];
    let t = trend::trend(&points, 0.95).unwrap();
    assert_eq!(t.method, TrendMethod::WeightedLeastSquares);
    close(t.slope, 0.45185185185185184, 1e-12);
    close(t.p.unwrap(), 0.0006153627955147568, 1e-9);
    close(t.interval.unwrap().low, 0.19325982039960188, 1e-9);
    close(t.interval.unwrap().high, 0.7104438833041018, 1e-9);
    let exact = [(0.0, -0.4, Some(0.0)), (1.0, -0.3, Some(0.0)), (2.0, -0.15, Some(0.0))];
    let t = trend::trend(&exact, 0.95).unwrap();
    assert_eq!(t.method, TrendMethod::OrdinaryLeastSquares);
    close(t.slope, 0.12500000000000003, 1e-12);
    close(t.p.unwrap(), 0.0731863950403272, 1e-9);
    close(t.interval.unwrap().low, -0.058398268120223557, 1e-9);
    close(t.interval.unwrap().high, 0.30839826812022364, 1e-9);
    assert!(trend::trend(&points[..2], 0.95).is_none(), "two waves are not a trend");
}

#[test]
fn issue_15_holm_family_spans_every_metric_and_wave() {
    // Three metrics × their later waves; the raw p are those checked above.
    let welch = series(
        "coach",
        conformance("w1", 40, 4.225, 2.435256410256411),
        vec![Some(conformance("w2", 35, 5.057142857142857, 1.8789915966386557)), None],
    );
    let promise = series("triage", promise_held("w1", 61, 100), vec![Some(promise_held("w2", 78, 110))]);
    let plan = assess(&[welch, promise], &ProgressOptions::default());
    assert_eq!(plan.family_size, 2, "the missing wave is not a test");
    let (a, b) = (&plan.metrics[0].waves[0], &plan.metrics[1].waves[0]);
    // statsmodels multipletests([0.016324531590209062, 0.12951579799094187], "holm")
    close(a.p_adjusted.unwrap(), 2.0 * 0.016324531590209062, 1e-9);
    close(b.p_adjusted.unwrap(), 0.12951579799094187, 1e-9);
    assert_eq!(a.verdict, Verdict::Improved(Pace::ScheduleNotSet));
    assert_eq!(plan.metrics[0].waves[1].verdict, Verdict::NotMeasurable(NotMeasurable::MissingInWave));
    assert_eq!(
        plan.metrics[0].latest_verdict(),
        Verdict::Improved(Pace::ScheduleNotSet),
        "the latest wave that measured it"
    );
    let holm = crate::stats::multiplicity::holm(&[Some(0.012), Some(0.3), Some(0.0004), Some(0.04)]);
    let want = [0.036000000000000004, 0.3, 0.0016, 0.08];
    holm.iter().zip(want).for_each(|(got, want)| close(got.unwrap(), want, 1e-12));
}

#[test]
fn issue_15_edge_cases_are_not_measurable_with_a_reason() {
    let base = conformance("w1", 40, 4.225, 2.4);
    let at_max = conformance("w1", 30, 7.0, 0.0);
    let single = conformance("w2", 1, 5.0, 0.0);
    let constant = conformance("w2", 30, 7.0, 0.0);
    let w = one(series("a", base.clone(), vec![Some(single)]));
    assert_eq!(w.change, Err(NotMeasurable::TooFewObservations));
    assert_eq!(w.verdict, Verdict::NotMeasurable(NotMeasurable::TooFewObservations));
    let w = one(series("a", at_max.clone(), vec![Some(constant)]));
    assert_eq!(w.change, Err(NotMeasurable::ZeroVariance), "both waves all answered 7");
    let w = one(series("a", at_max, vec![Some(conformance("w2", 30, 6.5, 0.5))]));
    assert_eq!(w.share_closed, Err(NotMeasurable::BaselineGapZero), "no gap at baseline: nothing to close");
    assert_eq!(w.verdict, Verdict::Worsened);
    let w = one(series("a", base.clone(), vec![None]));
    assert_eq!(w.change, Err(NotMeasurable::MissingInWave));
    assert_eq!((w.value, w.p_adjusted), (None, None));
    let w = one(series("a", base, vec![Some(promise_held("w2", 78, 110))]));
    assert_eq!(w.change, Err(NotMeasurable::MissingInWave), "another gap id is not this metric");
}

#[test]
fn issue_15_exact_metrics_judged_on_their_sign_outside_the_family() {
    let mut base = promise_held("w1", 61, 100);
    base.sampling = Some(Sampling::Exact);
    let mut later = promise_held("w2", 100, 100);
    later.sampling = Some(Sampling::Exact);
    let plan = assess(&[series("a", base, vec![Some(later)])], &ProgressOptions::default());
    let w = &plan.metrics[0].waves[0];
    assert_eq!(plan.family_size, 0);
    assert_eq!(w.verdict, Verdict::Closed, "every promise held: size 0");
    close(w.share_closed.unwrap().estimate, 1.0, 1e-12);
}

#[test]
fn issue_15_summary_and_done_but_did_not_move() {
    let mut coach = series(
        "coach",
        conformance("w1", 40, 4.225, 2.435256410256411),
        vec![Some(conformance("w2", 35, 5.057142857142857, 1.8789915966386557))],
    );
    coach.target = Some(6.0);
    let mut triage = series("triage", promise_held("w1", 61, 100), vec![Some(promise_held("w2", 78, 110))]);
    triage.done = true;
    let missing = series("faq", promise_held("w1", 61, 100), vec![None]);
    let plan = assess(&[coach, triage, missing], &ProgressOptions::default());
    assert_eq!(
        plan.summary,
        PlanSummary {
            closed: 0,
            improved: 1,
            schedule_not_set: 1,
            not_moving: 1,
            worsened: 0,
            not_measurable: 1,
            ..PlanSummary::default()
        }
    );
    close(plan.metrics[0].waves[0].distance_to_target.unwrap(), 6.0 - 5.057142857142857, 1e-12);
    assert_eq!(plan.done_not_moving.len(), 1);
    assert_eq!(plan.done_not_moving[0].action, slug("triage"));
    assert_eq!(plan.done_not_moving[0].verdict, Verdict::NotMoving);
}

#[test]
fn issue_15_bootstrap_of_a_large_wave_costs_no_more_than_a_small_one() {
    // 100 000 tickets per wave, the same distribution: one draw per order statistic, not
    // per ticket, so 2 000 replicates stay quick; no change, so the interval holds 0.
    let values: Vec<u64> = (0..100_000u64).map(|i| 60 + (i * 7919) % 7200).collect();
    let s = series("staffing", median_gap("w1", &values), vec![Some(median_gap("w2", &values))]);
    let started = std::time::Instant::now();
    let plan = assess(&[s], &ProgressOptions::default());
    let c = plan.metrics[0].waves[0].change.unwrap();
    let i = c.interval.unwrap();
    assert!(i.low < 0.0 && i.high > 0.0 && i.high - i.low < 100.0, "{i:?}");
    assert!(c.p.unwrap() > 0.05);
    assert_eq!(plan.metrics[0].waves[0].verdict, Verdict::NotMoving);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

fn scheduled(start: jiff::civil::Date, due: jiff::civil::Date, expected_share: f64) -> Option<Schedule> {
    Some(Schedule::new(start, due, expected_share).unwrap())
}

/// The Welch example above (share closed 0.2999, interval [0.0650, 0.4893]) on wave w2
/// (fieldwork 2025-07-01…12-31, date 2025-09-30 12:00) under `schedule`.
fn welch_with(schedule: Option<Schedule>) -> PlanProgress {
    let mut s = series(
        "coach",
        conformance("w1", 40, 4.225, 2.435256410256411),
        vec![Some(conformance("w2", 35, 5.057142857142857, 1.8789915966386557))],
    );
    s.schedule = schedule;
    assess(&[s], &ProgressOptions::default())
}

#[test]
fn issue_15_expected_share_grows_pro_rata_from_start_to_due() {
    use jiff::civil::date;
    // progress_oracles.py F3: 2025-07-01 → 2025-12-31 is 183 days; w2's midpoint is 91.5
    // days in (fraction 0.5); w1 lies before the start (0), w3 after the due date (1).
    let schedule = Schedule::new(date(2025, 7, 1), date(2025, 12, 31), 0.6).unwrap();
    close(schedule.expected_by(half_year(1).midpoint()), 0.0, 1e-15);
    close(schedule.expected_by(half_year(2).midpoint()), 0.3, 1e-15);
    close(schedule.expected_by(half_year(3).midpoint()), 0.6, 1e-15);
    close(half_year(2).midpoint() - half_year(1).midpoint(), 182.5, 1e-12);
    // Due on the start day: nothing before it, everything from it on.
    let instant = Schedule::new(date(2025, 9, 30), date(2025, 9, 30), 0.5).unwrap();
    close(instant.expected_by(half_year(2).midpoint()), 0.5, 1e-15);
    close(instant.expected_by(half_year(1).midpoint()), 0.0, 1e-15);
    assert!(Schedule::new(date(2025, 9, 30), date(2025, 9, 29), 0.5).is_err(), "due before start");
    assert!(Schedule::new(date(2025, 7, 1), date(2025, 9, 30), 0.0).is_err(), "share not in (0, 1]");
    assert!(Schedule::new(date(2025, 7, 1), date(2025, 9, 30), 1.5).is_err(), "share not in (0, 1]");
    assert!(Fieldwork::new(date(2025, 7, 1), date(2025, 6, 30)).is_err(), "fieldwork ends before it starts");
}

#[test]
fn issue_15_improved_splits_on_track_and_behind_by_the_share_interval() {
    use jiff::civil::date;
    let (start, due) = (date(2025, 7, 1), date(2025, 12, 31));
    // E(w2) = 0.9 × 0.5 = 0.45: the estimate 0.300 is below, but the interval reaches
    // 0.489 ≥ 0.45 → on track (behind needs the whole interval below).
    let plan = welch_with(scheduled(start, due, 0.9));
    let w = &plan.metrics[0].waves[0];
    close(w.expected_share.unwrap(), 0.45, 1e-15);
    assert_eq!(w.verdict, Verdict::Improved(Pace::OnTrack));
    assert_eq!(w.verdict_unadjusted, Verdict::Improved(Pace::OnTrack));
    assert_eq!(w.verdict.id(), "improved", "the Holm verdict is unchanged by the schedule");
    // E(w2) = 1.0 × 0.5 = 0.5 > 0.489 → behind schedule.
    let plan = welch_with(scheduled(start, due, 1.0));
    let w = &plan.metrics[0].waves[0];
    close(w.expected_share.unwrap(), 0.5, 1e-15);
    assert_eq!(w.verdict, Verdict::Improved(Pace::Behind));
    assert_eq!(w.verdict.pace().map(Pace::id), Some("behind-schedule"));
    let s = plan.summary;
    assert_eq!((s.improved, s.on_track, s.behind_schedule, s.schedule_not_set), (1, 0, 1, 0));
    // Starting after the wave's date: nothing expected yet (E = 0) → on track.
    let plan = welch_with(scheduled(date(2025, 10, 1), date(2026, 3, 31), 1.0));
    assert_eq!(plan.metrics[0].waves[0].expected_share, Some(0.0));
    assert_eq!(plan.metrics[0].waves[0].verdict, Verdict::Improved(Pace::OnTrack));
    // No schedule: said, not guessed.
    let plan = welch_with(None);
    assert_eq!(plan.metrics[0].waves[0].expected_share, None);
    assert_eq!(plan.metrics[0].waves[0].verdict, Verdict::Improved(Pace::ScheduleNotSet));
    let s = plan.summary;
    assert_eq!((s.improved, s.on_track, s.behind_schedule, s.schedule_not_set), (1, 0, 0, 1));
}

#[test]
fn issue_15_schedule_leaves_other_verdicts_alone() {
    use jiff::civil::date;
    // No significant change (p 0.67): not moving whatever the schedule expects.
    let mut s = series("coach", conformance("w1", 40, 4.2, 2.4), vec![Some(conformance("w2", 40, 4.3, 2.4))]);
    s.schedule = scheduled(date(2025, 1, 1), date(2025, 2, 1), 1.0);
    let plan = assess(&[s], &ProgressOptions::default());
    let w = &plan.metrics[0].waves[0];
    assert_eq!(w.verdict, Verdict::NotMoving);
    close(w.expected_share.unwrap(), 1.0, 1e-15);
    assert_eq!(plan.summary.not_moving, 1);
    assert_eq!(plan.summary.improved + plan.summary.behind_schedule, 0);
}

#[test]
fn issue_15_trend_is_per_year_against_the_waves_dates() {
    // progress_oracles.py F2: statsmodels WLS on x = years since the baseline's midpoint
    // (0, 0.49966, 0.99932), D = mean − 7, weights n/s².
    let s = series(
        "coach",
        conformance("w1", 40, 4.2, 2.4),
        vec![Some(conformance("w2", 35, 4.9, 1.9)), Some(conformance("w3", 38, 5.6, 2.1))],
    );
    let plan = assess(&[s], &ProgressOptions::default());
    let t = plan.metrics[0].trend.unwrap();
    assert_eq!((t.method, t.waves), (TrendMethod::WeightedLeastSquares, 3));
    close(t.slope, 1.4009589041095887, 1e-9);
    close(t.p.unwrap(), 3.709485551939082e-05, 1e-9);
    close(t.interval.unwrap().low, 0.7352819767941848, 1e-9);
    close(t.interval.unwrap().high, 2.0666358314249926, 1e-9);
    // Waves on one date give no trend (no spread in time).
    let points = [(0.0, -1.6, Some(0.04)), (0.0, -1.2, Some(0.05)), (0.0, -0.7, Some(0.03))];
    assert!(trend::trend(&points, 0.95).is_none());
}

#[test]
fn issue_15_pace_rule_on_exact_and_missing_shares() {
    use super::judge::pace;
    let exact = |estimate| Ok(ShareClosed { estimate, interval: None, method: ShareMethod::Exact });
    assert_eq!(pace(&exact(0.3), Some(0.3)), Pace::OnTrack, "an exact share at E(t) is on track");
    assert_eq!(pace(&exact(0.29), Some(0.3)), Pace::Behind);
    let fieller = Ok(ShareClosed {
        estimate: 0.1,
        interval: Some(Interval { low: -0.2, high: 0.3 }),
        method: ShareMethod::Fieller,
    });
    assert_eq!(pace(&fieller, Some(0.3)), Pace::OnTrack, "the upper bound reaches E(t)");
    assert_eq!(pace(&fieller, Some(0.31)), Pace::Behind);
    assert_eq!(pace(&fieller, None), Pace::ScheduleNotSet);
    // An unbounded share interval (baseline gap not told from 0) reaches any E(t).
    assert_eq!(pace(&Err(NotMeasurable::BaselineGapUncertain), Some(1.0)), Pace::OnTrack);
    assert_eq!(pace(&Err(NotMeasurable::BaselineGapZero), Some(1.0)), Pace::OnTrack);
}
