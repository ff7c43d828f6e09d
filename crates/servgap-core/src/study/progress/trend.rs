//! The trend of a metric's difference `D` over three or more waves against their dates in
//! years (module documentation of [`super`]): inverse-variance weighted least squares with a z interval when every
//! wave's variance is known and positive, else ordinary least squares with a t interval
//! on k − 2 df.
//!
//! ```text
//! WLS: wᵢ = 1/Var(Dᵢ), x̄ = Σwx/Σw, Sxx = Σw(x − x̄)², b = Σw(x − x̄)y / Sxx, SE = √(1/Sxx)
//! OLS: Sxx = Σ(x − x̄)², b = Σ(x − x̄)y / Sxx, s² = Σ(y − ȳ − b(x − x̄))²/(k − 2), SE = √(s²/Sxx)
//! ```

use super::{Trend, TrendMethod};
use crate::kpi::Interval;
use crate::stats::distributions::{normal_quantile, normal_two_sided_p, t_quantile, t_two_sided_p};
use crate::study::gap::Gap;
use crate::study::sampling::Sampling;

/// Var(D) of a gap from its sampling: s²/n, the sum of both for two means, p(1 − p)/n for a
/// proportion, 0 when exact; `None` for a quantile or without sampling.
pub(super) fn difference_variance(gap: &Gap) -> Option<f64> {
    match gap.sampling.as_ref()? {
        Sampling::Mean { summary, .. } if summary.n > 0 => Some(summary.variance / summary.n as f64),
        Sampling::TwoMeans { current, desired } if current.n > 0 && desired.n > 0 => {
            Some(current.variance / current.n as f64 + desired.variance / desired.n as f64)
        }
        Sampling::Proportion { successes, trials } if *trials > 0 => {
            let p = *successes as f64 / *trials as f64;
            Some(p * (1.0 - p) / *trials as f64)
        }
        Sampling::Exact => Some(0.0),
        _ => None,
    }
}

/// The trend of `(years since the baseline, D, Var(D))` points; `None` for fewer than
/// three points or when every point has the same date.
pub(super) fn trend(points: &[(f64, f64, Option<f64>)], level: f64) -> Option<Trend> {
    if points.len() < 3 {
        return None;
    }
    let weights: Option<Vec<f64>> =
        points.iter().map(|&(_, _, v)| v.filter(|v| *v > 0.0 && v.is_finite()).map(|v| 1.0 / v)).collect();
    match weights {
        Some(w) => weighted(points, &w, level),
        None => ordinary(points, level),
    }
}

fn weighted(points: &[(f64, f64, Option<f64>)], w: &[f64], level: f64) -> Option<Trend> {
    let total: f64 = w.iter().sum();
    let x_bar = points.iter().zip(w).map(|(p, w)| w * p.0).sum::<f64>() / total;
    let sxx: f64 = points.iter().zip(w).map(|(p, w)| w * (p.0 - x_bar).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = points.iter().zip(w).map(|(p, w)| w * (p.0 - x_bar) * p.1).sum::<f64>() / sxx;
    let se = (1.0 / sxx).sqrt();
    let z = normal_quantile(0.5 + 0.5 * level);
    Some(Trend {
        slope,
        interval: Some(Interval { low: slope - z * se, high: slope + z * se }),
        p: Some(normal_two_sided_p(slope / se)),
        waves: points.len(),
        method: TrendMethod::WeightedLeastSquares,
    })
}

fn ordinary(points: &[(f64, f64, Option<f64>)], level: f64) -> Option<Trend> {
    let k = points.len() as f64;
    let x_bar = points.iter().map(|p| p.0).sum::<f64>() / k;
    let y_bar = points.iter().map(|p| p.1).sum::<f64>() / k;
    let sxx: f64 = points.iter().map(|p| (p.0 - x_bar).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = points.iter().map(|p| (p.0 - x_bar) * p.1).sum::<f64>() / sxx;
    let rss: f64 = points.iter().map(|p| (p.1 - y_bar - slope * (p.0 - x_bar)).powi(2)).sum();
    let df = k - 2.0;
    let se = (rss / df / sxx).sqrt();
    let (interval, p) = if se > 0.0 && se.is_finite() {
        let t = t_quantile(0.5 + 0.5 * level, df);
        (Some(Interval { low: slope - t * se, high: slope + t * se }), Some(t_two_sided_p(slope / se, df)))
    } else {
        (None, None)
    };
    Some(Trend { slope, interval, p, waves: points.len(), method: TrendMethod::OrdinaryLeastSquares })
}
