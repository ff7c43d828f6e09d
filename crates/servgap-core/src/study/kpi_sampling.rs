//! The sampling summary of a KPI gap ([`super::Sampling`]) from the exact sums behind the
//! KPIs (`KpiParts`), over every period of the segment:
//!
//! ```text
//! share measures         Proportion(successes, trials)    (attainment_counts)
//! duration median / p90  Quantile: the merged exact histogram, with the quantile method
//!                        that reproduces the KPI's value (type 7 first, then type 1)
//! duration mean          Mean of the per-ticket seconds
//! CES mean               Mean of the answers 1–7
//! NPS                    Mean of the per-answer scores +100 (9–10), 0 (7–8), −100 (0–6)
//! backlog                Exact
//! ```
//!
//! `None` when a duration histogram holds coarse buckets (values known only to 1/1024 of
//! an octave), when the parts are inconsistent, or when no quantile method reproduces the
//! value.

use super::sampling::{QuantileSample, SampledValue, Sampling};
use super::threshold::{attainment_counts, groups_of};
use crate::kpi::{
    Direction, DurationHistogram, KpiParts, Measure, QuantileLevel, QuantileMethod, SegmentFilter, Statistic,
};
use crate::stats::groups::GroupSummary;

/// The sampling behind `actual`, the value of `measure` in `segment` (see the module
/// documentation).
pub fn kpi_sampling(
    parts: &KpiParts,
    measure: &Measure,
    segment: &SegmentFilter,
    actual: f64,
) -> Option<Sampling> {
    match measure {
        Measure::Duration { kpi, clock, statistic } => {
            let mut merged = DurationHistogram::new();
            for g in groups_of(parts, segment) {
                if let Some(d) = g.durations.iter().find(|d| d.kpi == *kpi && d.clock == *clock) {
                    merged.merge(&DurationHistogram::from_parts(&d.histogram).ok()?);
                }
            }
            duration_sampling(&merged, *statistic, actual)
        }
        Measure::CesMean => {
            let mut counts = [0u64; 7];
            for g in groups_of(parts, segment) {
                counts.iter_mut().zip(g.ces).for_each(|(c, x)| *c += x);
            }
            mean_of(counts.iter().enumerate().map(|(i, &c)| ((i + 1) as f64, c)))
        }
        Measure::Nps => {
            let mut counts = [0u64; 11];
            for g in groups_of(parts, segment) {
                counts.iter_mut().zip(g.nps).for_each(|(c, x)| *c += x);
            }
            let score = |answer: usize| match answer {
                9..=10 => 100.0,
                7..=8 => 0.0,
                _ => -100.0,
            };
            mean_of(counts.iter().enumerate().map(|(i, &c)| (score(i), c)))
        }
        Measure::Backlog => Some(Sampling::Exact),
        _ => {
            let c = attainment_counts(parts, measure, segment, 0.0, Direction::HigherIsBetter)?;
            c.is_exact().then_some(Sampling::Proportion { successes: c.met_low, trials: c.n })
        }
    }
}

/// Mean and sample variance of `(value, count)` pairs as a sampled current value.
fn mean_of(pairs: impl Iterator<Item = (f64, u64)> + Clone) -> Option<Sampling> {
    let n: u64 = pairs.clone().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    let mean = pairs.clone().map(|(v, c)| v * c as f64).sum::<f64>() / n as f64;
    let ss: f64 = pairs.map(|(v, c)| (v - mean).powi(2) * c as f64).sum();
    let variance = if n > 1 { ss / (n - 1) as f64 } else { 0.0 };
    Some(Sampling::Mean { of: SampledValue::Current, summary: GroupSummary { n, mean, variance } })
}

fn duration_sampling(h: &DurationHistogram, statistic: Statistic, actual: f64) -> Option<Sampling> {
    let values = h.entries()?;
    let level = match statistic {
        Statistic::Mean => return mean_of(values.iter().map(|&(v, c)| (v as f64, c))),
        Statistic::Median => QuantileLevel::MEDIAN,
        Statistic::P90 => QuantileLevel::P90,
    };
    let method = [QuantileMethod::Linear, QuantileMethod::InvertedCdf].into_iter().find(|&m| {
        h.quantile(level, m).is_some_and(|q| (q - actual).abs() <= 1e-9 * actual.abs().max(1.0))
    })?;
    Some(Sampling::Quantile(QuantileSample { level, method, values }))
}
