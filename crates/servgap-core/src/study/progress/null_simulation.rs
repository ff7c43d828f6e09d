//! The verdict rule under the null (issue 15, "must show"): with a fixed seed, many plans
//! whose metrics do not change between waves, each wave drawn afresh through the real
//! measure functions (an employee scale, a promise held, a gap-1 knowledge row, a KPI
//! median via `kpi_gaps`). The share of plans with any false closed / improved / worsened
//! verdict must stay at or below α + 3 SE under Holm, and the unadjusted rule must break it.
//!
//! Plans: 400 by default, `SERVGAP_PROGRESS_SIM_PLANS` to run more.

use super::rng::SplitMix64;
use super::tests::{conformance, knowledge_gap, median_gap, promise_held, series};
use super::{assess, MetricSeries, ProgressOptions, Schedule, Verdict};
use jiff::civil::date;

/// Draws an answer 1–7 from fixed probabilities.
fn likert(rng: &mut SplitMix64, probabilities: &[f64; 7]) -> f64 {
    let u = rng.uniform();
    let mut acc = 0.0;
    for (i, p) in probabilities.iter().enumerate() {
        acc += p;
        if u < acc {
            return (i + 1) as f64;
        }
    }
    7.0
}

/// n, mean and sample variance of n draws.
fn sample(rng: &mut SplitMix64, n: u64, probabilities: &[f64; 7]) -> (u64, f64, f64) {
    let x: Vec<f64> = (0..n).map(|_| likert(rng, probabilities)).collect();
    let mean = x.iter().sum::<f64>() / n as f64;
    let variance = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (n, mean, variance)
}

/// Lognormal first-response times around 5400 s (Box–Muller).
fn durations(rng: &mut SplitMix64, n: usize) -> Vec<u64> {
    (0..n)
        .map(|_| {
            let z = (-2.0 * rng.uniform().ln()).sqrt() * (std::f64::consts::TAU * rng.uniform()).cos();
            (5400.0 * (0.8 * z).exp()).round() as u64
        })
        .collect()
}

const EMPLOYEES: [f64; 7] = [0.05, 0.1, 0.15, 0.25, 0.25, 0.15, 0.05];
const MANAGERS: [f64; 7] = [0.02, 0.05, 0.1, 0.25, 0.3, 0.2, 0.08];
const CUSTOMERS: [f64; 7] = [0.01, 0.03, 0.06, 0.15, 0.3, 0.25, 0.2];

fn plan(rng: &mut SplitMix64) -> Vec<MetricSeries> {
    let waves = ["w1", "w2", "w3"];
    let scale: Vec<_> = waves
        .iter()
        .map(|w| {
            let (n, mean, variance) = sample(rng, 40, &EMPLOYEES);
            conformance(w, n, mean, variance)
        })
        .collect();
    let promise: Vec<_> = waves
        .iter()
        .map(|w| promise_held(w, (0..120).filter(|_| rng.uniform() < 0.65).count() as u64, 120))
        .collect();
    let knowledge: Vec<_> = waves
        .iter()
        .map(|w| knowledge_gap(w, sample(rng, 12, &MANAGERS), sample(rng, 100, &CUSTOMERS)))
        .collect();
    let median: Vec<_> = waves.iter().map(|w| median_gap(w, &durations(rng, 80))).collect();
    [("scale", scale), ("promise", promise), ("knowledge", knowledge), ("median", median)]
        .into_iter()
        .map(|(action, mut gaps)| {
            let baseline = gaps.remove(0);
            let mut s = series(action, baseline, gaps.into_iter().map(Some).collect());
            // A schedule only splits "improved": the false-verdict rate is the same with it.
            s.schedule = Schedule::new(date(2025, 7, 1), date(2025, 12, 31), 0.5).ok();
            s
        })
        .collect()
}

fn false_verdict(v: Verdict) -> bool {
    matches!(v, Verdict::Closed | Verdict::Improved(_) | Verdict::Worsened)
}

#[test]
fn issue_15_null_simulation_holm_keeps_the_family_rate_and_unadjusted_breaks_it() {
    let plans: usize =
        std::env::var("SERVGAP_PROGRESS_SIM_PLANS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let options = ProgressOptions { replicates: 400, ..ProgressOptions::default() };
    let mut rng = SplitMix64::new(20_261_130);
    let (mut holm, mut raw, mut tests) = (0usize, 0usize, 0usize);
    let mut per_metric = [0usize; 4];
    for _ in 0..plans {
        let result = assess(&plan(&mut rng), &options);
        tests += result.family_size;
        for (count, m) in per_metric.iter_mut().zip(&result.metrics) {
            *count += m.waves.iter().filter(|w| false_verdict(w.verdict_unadjusted)).count();
        }
        let waves = || result.metrics.iter().flat_map(|m| m.waves.iter());
        holm += usize::from(waves().any(|w| false_verdict(w.verdict)));
        raw += usize::from(waves().any(|w| false_verdict(w.verdict_unadjusted)));
    }
    let (holm_rate, raw_rate) = (holm as f64 / plans as f64, raw as f64 / plans as f64);
    let bound = 0.05 + 3.0 * (0.05 * 0.95 / plans as f64).sqrt();
    eprintln!("null simulation: {plans} plans, {tests} tests, Holm {holm_rate:.4}, unadjusted {raw_rate:.4}, bound {bound:.4}");
    assert_eq!(tests, plans * 8, "4 metrics × 2 later waves, every one testable");
    // Each test alone: its unadjusted rate of false verdicts near α (scale, promise,
    // knowledge, median).
    let per_test = per_metric.map(|c| c as f64 / (2 * plans) as f64);
    eprintln!("unadjusted rate per test (scale, promise, knowledge, median): {per_test:?}");
    let one_bound = 0.05 + 3.0 * (0.05 * 0.95 / (2 * plans) as f64).sqrt();
    assert!(per_test.iter().all(|&r| r <= one_bound), "{per_test:?} > {one_bound}");
    assert!(holm_rate <= bound, "Holm: {holm_rate} > {bound}");
    assert!(raw_rate > bound, "unadjusted should exceed the bound: {raw_rate}");
}
