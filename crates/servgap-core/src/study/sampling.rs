//! The sampling summary behind a gap's value ([`Gap::sampling`](super::Gap::sampling)):
//! what a later wave needs to compare the gap with its baseline (`study::progress`).
//!
//! Each measure fills it from what it already has:
//!
//! | measure | sampling | what it samples |
//! |---|---|---|
//! | g5 item/dimension | [`Sampling::Mean`] of the per-respondent P − E (or P − D) | the difference |
//! | g1 item/dimension | [`Sampling::TwoMeans`]: managers' and customers' E | current and desired |
//! | g2 alignment | [`Sampling::Mean`] of the customers' E (or D) | the desired value |
//! | g3 survey standard, g3/g4 employee scales | [`Sampling::Mean`] of P or the scale score | the current value |
//! | g3 standard (KPI), g4 promise | [`Sampling::Proportion`] of tickets meeting it | the current share |
//! | KPI share measures | [`Sampling::Proportion`] | the current share |
//! | KPI duration median / p90 | [`Sampling::Quantile`]: the exact histogram | the current quantile |
//! | KPI duration mean, CES mean, NPS | [`Sampling::Mean`] of the per-ticket values | the current value |
//! | g2 coverage, g1 importance / under-estimation, backlog | [`Sampling::Exact`] | nothing sampled |
//!
//! A qualitative (judged) gap has no sampling (`None`), nor has a measure whose inputs
//! were incomplete (a coarse duration histogram, a count known only as a range).

use crate::kpi::{QuantileLevel, QuantileMethod};
use crate::stats::groups::GroupSummary;

/// Which of a gap's values a one-sample summary describes; the other value is fixed
/// (a target, a scale maximum) for that wave, so the summary's uncertainty is the
/// difference's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampledValue {
    /// `current` is the sample statistic (`desired` fixed).
    Current,
    /// `desired` is the sample statistic (`current` fixed: a standard's target, gap 2).
    Desired,
    /// `difference = current − desired` is itself the mean of per-respondent differences
    /// (gap 5: P − E of each customer).
    Difference,
}

/// The exact distribution behind a quantile: every value with its count.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantileSample {
    /// The quantile's level (median 1/2, p90 9/10).
    pub level: QuantileLevel,
    /// How the quantile was read from the order statistics.
    pub method: QuantileMethod,
    /// `(value, count)` pairs, strictly increasing in value, counts > 0 (seconds for durations).
    pub values: Vec<(u64, u64)>,
}

impl QuantileSample {
    /// Number of values `Σ count`.
    pub fn n(&self) -> u64 {
        self.values.iter().map(|&(_, c)| c).sum()
    }
}

/// The sampling summary behind a gap's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Sampling {
    /// One sample mean (n, mean, sample variance) behind the value named by `of`.
    Mean {
        /// Which value the summary describes.
        of: SampledValue,
        /// n, mean and variance (divisor n − 1).
        summary: GroupSummary,
    },
    /// Two independent sample means: `current` (e.g. managers' predicted E) and `desired`
    /// (customers' E); the difference is `current.mean − desired.mean` (gap 1).
    TwoMeans {
        /// The sample behind `current`.
        current: GroupSummary,
        /// The sample behind `desired`.
        desired: GroupSummary,
    },
    /// `successes` of `trials` behind the current share (attainment, promise held, rates).
    /// A count known only as a range (a coarse histogram bucket) gives no sampling.
    Proportion {
        /// Successes.
        successes: u64,
        /// Trials.
        trials: u64,
    },
    /// The exact distribution behind a current quantile.
    Quantile(QuantileSample),
    /// The value is exact for its wave (a count of items, a ranking of given lists, a
    /// backlog read-out): no sampling uncertainty.
    Exact,
}

impl Sampling {
    /// The observations behind the summary (both samples for two means); 0 when exact.
    pub fn n(&self) -> u64 {
        match self {
            Sampling::Mean { summary, .. } => summary.n,
            Sampling::TwoMeans { current, desired } => current.n + desired.n,
            Sampling::Proportion { trials, .. } => *trials,
            Sampling::Quantile(q) => q.n(),
            Sampling::Exact => 0,
        }
    }

    /// `id` for JSON and reports: `mean`, `two-means`, `proportion`, `quantile`, `exact`.
    pub fn id(&self) -> &'static str {
        match self {
            Sampling::Mean { .. } => "mean",
            Sampling::TwoMeans { .. } => "two-means",
            Sampling::Proportion { .. } => "proportion",
            Sampling::Quantile(_) => "quantile",
            Sampling::Exact => "exact",
        }
    }
}
