//! The change of a quantile (median, p90 of durations) between two waves by a seeded
//! percentile bootstrap from the waves' exact histograms.
//!
//! One replicate resamples n values with replacement from each wave. Only the order
//! statistics the quantile reads are needed, and they are drawn directly: the k-th
//! smallest of n uniforms is `U₍ₖ₎ ~ Beta(k, n − k + 1)`; given it, the next one is
//! `U₍ₖ₊₁₎ = U₍ₖ₎ + (1 − U₍ₖ₎)(1 − V^{1/(n−k)})` (the least of the n − k uniforms above it);
//! the resample's order statistic is the original value of rank `⌈n·U⌉` (the empirical
//! inverse distribution is monotone). This is the same distribution as sorting an actual
//! resample, at O(log n) per replicate instead of O(n).
//!
//! ```text
//! Δ* = (q₁* − desired₁) − (q₀* − desired₀),   S* = (D₀* − D₁*) / D₀*
//! interval = type-7 quantiles (1 − level)/2 and (1 + level)/2 of the replicates
//! p = min(1, 2·min(1 + #(Δ* ≤ 0), 1 + #(Δ* ≥ 0)) / (B + 1))
//! ```
//!
//! The share is not measurable when `D₀ = 0`, or when more than (1 − level)/2 of the
//! replicates put `D₀*` at 0 or on the other side of 0 (the bootstrap analogue of an
//! unbounded Fieller interval).

use statrs::function::beta::inv_beta_reg;

use super::change::Compared;
use super::rng::SplitMix64;
use super::{Change, ChangeMethod, NotMeasurable, ProgressOptions, ShareClosed, ShareMethod};
use crate::kpi::{Interval, QuantileMethod};
use crate::study::gap::Gap;
use crate::study::sampling::QuantileSample;

/// A histogram ready for drawing order statistics.
struct Drawable<'a> {
    values: &'a [(u64, u64)],
    cumulative: Vec<u64>,
    n: u64,
    /// 1-based rank of the lower order statistic, the next one's weight (type 7).
    rank: u64,
    fraction: f64,
}

impl<'a> Drawable<'a> {
    fn new(q: &'a QuantileSample) -> Option<Drawable<'a>> {
        let mut total = 0u64;
        let cumulative: Vec<u64> = q
            .values
            .iter()
            .map(|&(_, c)| {
                total += c;
                total
            })
            .collect();
        let n = total;
        if n < 2 {
            return None;
        }
        let (a, b) = (u128::from(q.level.numerator()), u128::from(q.level.denominator()));
        let (rank, fraction) = match q.method {
            QuantileMethod::Linear => {
                let h = u128::from(n - 1) * a;
                ((h / b) as u64 + 1, (h % b) as f64 / b as f64)
            }
            QuantileMethod::InvertedCdf => ((u128::from(n) * a).div_ceil(b).max(1) as u64, 0.0),
        };
        Some(Drawable { values: &q.values, cumulative, n, rank, fraction })
    }

    /// The original value of rank `⌈n·u⌉`.
    fn value_at(&self, u: f64) -> f64 {
        let r = ((self.n as f64 * u).ceil() as u64).clamp(1, self.n);
        let j = self.cumulative.partition_point(|&c| c < r);
        self.values.get(j).map_or(f64::NAN, |&(v, _)| v as f64)
    }

    /// The quantile of one bootstrap resample.
    fn draw(&self, rng: &mut SplitMix64) -> f64 {
        let k = self.rank as f64;
        let u = inv_beta_reg(k, self.n as f64 - k + 1.0, rng.uniform());
        let low = self.value_at(u);
        if self.fraction == 0.0 || self.rank >= self.n {
            return low;
        }
        let above = (self.n - self.rank) as f64;
        let next = u + (1.0 - u) * (1.0 - rng.uniform().powf(1.0 / above));
        low + self.fraction * (self.value_at(next) - low)
    }
}

/// Type-7 quantile of sorted values.
fn sorted_quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let k = h.floor() as usize;
    let next = sorted.get(k + 1).copied().unwrap_or(sorted[k]);
    sorted[k] + (h - k as f64) * (next - sorted[k])
}

/// The bootstrap change of a quantile metric (see the module documentation).
pub(super) fn bootstrap_change(
    q0: &QuantileSample,
    q1: &QuantileSample,
    baseline: &Gap,
    later: &Gap,
    options: &ProgressOptions,
) -> Result<Compared, NotMeasurable> {
    if q0.level != q1.level || q0.method != q1.method {
        return Err(NotMeasurable::SamplingMismatch);
    }
    let (Some(x0), Some(x1)) = (Drawable::new(q0), Drawable::new(q1)) else {
        return Err(NotMeasurable::TooFewObservations);
    };
    let replicates = options.replicates.max(1) as usize;
    let mut rng = SplitMix64::new(options.seed);
    let (mut deltas, mut shares) = (Vec::with_capacity(replicates), Vec::with_capacity(replicates));
    let mut flipped = 0usize;
    let (d0, d1) = (baseline.difference, later.difference);
    for _ in 0..replicates {
        let b0 = x0.draw(&mut rng) - baseline.desired;
        let b1 = x1.draw(&mut rng) - later.desired;
        deltas.push(b1 - b0);
        if b0 == 0.0 || b0.signum() != d0.signum() {
            flipped += 1;
        } else {
            shares.push((b0 - b1) / b0);
        }
    }
    deltas.sort_by(f64::total_cmp);
    shares.sort_by(f64::total_cmp);
    let tail = (1.0 - options.level) / 2.0;
    let at_most = deltas.iter().filter(|&&d| d <= 0.0).count();
    let at_least = deltas.iter().filter(|&&d| d >= 0.0).count();
    let p = (2.0 * (1 + at_most.min(at_least)) as f64 / (replicates + 1) as f64).min(1.0);
    let change = Change {
        estimate: d1 - d0,
        interval: Some(Interval {
            low: sorted_quantile(&deltas, tail),
            high: sorted_quantile(&deltas, 1.0 - tail),
        }),
        p: Some(p),
        df: None,
        wilcoxon_p: None,
        method: ChangeMethod::Bootstrap,
    };
    let share = if d0 == 0.0 {
        Err(NotMeasurable::BaselineGapZero)
    } else if flipped as f64 > tail * replicates as f64 || shares.is_empty() {
        Err(NotMeasurable::BaselineGapUncertain)
    } else {
        Ok(ShareClosed {
            estimate: (d0 - d1) / d0,
            interval: Some(Interval {
                low: sorted_quantile(&shares, tail),
                high: sorted_quantile(&shares, 1.0 - tail),
            }),
            method: ShareMethod::Bootstrap,
        })
    };
    Ok(Compared { change, share })
}
