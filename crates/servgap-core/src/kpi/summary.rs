//! Read-outs of the exact aggregates: quantiles, means and proportions with Wilson intervals.

use super::model::CesScale;
use crate::CoreError;

/// The standard-normal quantile z₀.₉₇₅ used for 95 % intervals (scipy `norm.ppf(0.975)`).
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A quantile level p = numerator / denominator, kept as a fraction so ranks are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuantileLevel {
    numerator: u32,
    denominator: u32,
}

impl QuantileLevel {
    /// The median, 1/2.
    pub const MEDIAN: QuantileLevel = QuantileLevel { numerator: 1, denominator: 2 };
    /// The 90th percentile, 9/10.
    pub const P90: QuantileLevel = QuantileLevel { numerator: 9, denominator: 10 };
    /// The 95th percentile, 19/20.
    pub const P95: QuantileLevel = QuantileLevel { numerator: 19, denominator: 20 };

    /// The level `numerator / denominator`.
    ///
    /// # Errors
    /// [`CoreError::KpiInvalidQuantile`] when the denominator is 0 or the level exceeds 1.
    pub fn new(numerator: u32, denominator: u32) -> Result<QuantileLevel, CoreError> {
        if denominator == 0 || numerator > denominator {
            return Err(CoreError::KpiInvalidQuantile { numerator, denominator });
        }
        Ok(QuantileLevel { numerator, denominator })
    }

    /// Numerator.
    pub fn numerator(&self) -> u32 {
        self.numerator
    }

    /// Denominator.
    pub fn denominator(&self) -> u32 {
        self.denominator
    }

    /// The level as a share 0–1.
    pub fn share(&self) -> f64 {
        f64::from(self.numerator) / f64::from(self.denominator)
    }
}

/// How a quantile is read from sorted values (Hyndman & Fan 1996 numbering).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum QuantileMethod {
    /// Type 7, linear interpolation between the two nearest order statistics: numpy's
    /// and pandas' default, R's default, Excel `PERCENTILE.INC`, DuckDB `quantile_cont`.
    /// servgap's default.
    #[default]
    Linear,
    /// Type 1, the inverse of the empirical distribution function ("nearest rank"):
    /// always an observed value. numpy `method="inverted_cdf"`.
    InvertedCdf,
}

/// Distribution summary of a duration KPI, in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationSummary {
    /// Number of values.
    pub n: u64,
    /// Arithmetic mean (for comparability with vendors; skewed by long tails).
    pub mean: f64,
    /// Median under the chosen [`QuantileMethod`].
    pub median: f64,
    /// 90th percentile under the chosen [`QuantileMethod`].
    pub p90: f64,
    /// Smallest value.
    pub min: u64,
    /// Largest value.
    pub max: u64,
}

/// A confidence interval `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// A count of successes out of n trials.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Proportion {
    /// Successes.
    pub successes: u64,
    /// Trials.
    pub n: u64,
}

impl Proportion {
    /// `successes` out of `n` (successes are clamped to n).
    pub fn new(successes: u64, n: u64) -> Proportion {
        Proportion { successes: successes.min(n), n }
    }

    /// Adds one trial.
    pub fn record(&mut self, success: bool) {
        self.n += 1;
        self.successes += u64::from(success);
    }

    /// Adds another count.
    pub fn merge(&mut self, other: &Proportion) {
        self.n += other.n;
        self.successes += other.successes;
    }

    /// p̂ = successes / n as a share 0–1; `None` when n = 0.
    pub fn share(&self) -> Option<f64> {
        (self.n > 0).then(|| self.successes as f64 / self.n as f64)
    }

    /// Wilson score interval at normal quantile `z` (use [`Z_95`] for 95 %); `None` when n = 0.
    ///
    /// # Formula
    /// ```text
    /// centre = (p̂ + z²/2n) / (1 + z²/n)
    /// half   = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/4n² )
    /// ```
    /// Wilson (1927); matches statsmodels `proportion_confint(method="wilson")`.
    pub fn wilson(&self, z: f64) -> Option<Interval> {
        let p = self.share()?;
        let n = self.n as f64;
        let z2 = z * z;
        let denominator = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denominator;
        let half = z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        Some(Interval { low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
    }

    /// Share and 95 % Wilson interval; `None` when n = 0.
    pub fn estimate(&self) -> Option<ShareEstimate> {
        Some(ShareEstimate {
            successes: self.successes,
            n: self.n,
            share: self.share()?,
            interval: self.wilson(Z_95)?,
        })
    }
}

/// A proportion read out: share 0–1 with its 95 % Wilson interval and n.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareEstimate {
    /// Successes.
    pub successes: u64,
    /// Trials.
    pub n: u64,
    /// successes / n.
    pub share: f64,
    /// 95 % Wilson score interval of the share.
    pub interval: Interval,
}

/// Net Promoter Score read-out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NpsEstimate {
    /// Number of answers.
    pub n: u64,
    /// Answers 9–10.
    pub promoters: u64,
    /// Answers 7–8.
    pub passives: u64,
    /// Answers 0–6.
    pub detractors: u64,
    /// NPS in points, −100…100.
    pub score: f64,
    /// 95 % normal-approximation interval in points, clamped to −100…100.
    pub interval: Interval,
    /// True when n < 100, where the interval is wide and the score volatile.
    pub small_sample: bool,
}

/// Net Promoter Score from counts of answers 0..=10; `None` when there are none.
///
/// # Formula
/// ```text
/// NPS = 100 · (P − D) / n
/// Var(p_P − p_D) = (p_P + p_D − (p_P − p_D)²) / n      (multinomial)
/// interval = NPS ± z · 100 · √Var
/// ```
pub fn nps(counts: &[u64; 11]) -> Option<NpsEstimate> {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let promoters = counts[9] + counts[10];
    let passives = counts[7] + counts[8];
    let detractors = n - promoters - passives;
    let nf = n as f64;
    let (pp, pd) = (promoters as f64 / nf, detractors as f64 / nf);
    let diff = pp - pd;
    let variance = ((pp + pd - diff * diff) / nf).max(0.0);
    let half = Z_95 * variance.sqrt();
    Some(NpsEstimate {
        n,
        promoters,
        passives,
        detractors,
        score: 100.0 * diff,
        interval: Interval {
            low: (100.0 * (diff - half)).max(-100.0),
            high: (100.0 * (diff + half)).min(100.0),
        },
        small_sample: n < 100,
    })
}

/// Customer Effort Score (2.0 agreement, 1–5 or 1–7) read-out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CesEstimate {
    /// The answer scale.
    pub scale: CesScale,
    /// Number of answers.
    pub n: u64,
    /// Mean answer, on the scale.
    pub mean: f64,
    /// Share agreeing (answers from [`CesScale::agree_from`] up: 4–5 or 5–7) with its Wilson interval.
    pub agree: ShareEstimate,
}

/// CES from counts of answers 1..=7 (index 0 = answer 1; on the 1–5 scale the last two
/// stay 0); `None` when there are none.
///
/// # Formula
/// `mean = Σ s·c_s / n`; `agree = Σ_{s ≥ a} c_s / n` with a = 4 on 1–5 and 5 on 1–7.
pub fn ces(counts: &[u64; 7], scale: CesScale) -> Option<CesEstimate> {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let sum: u64 = counts.iter().enumerate().map(|(i, c)| (i as u64 + 1) * c).sum();
    let from = usize::from(scale.agree_from()) - 1;
    let agree: u64 = counts[from..].iter().sum();
    Some(CesEstimate { scale, n, mean: sum as f64 / n as f64, agree: Proportion::new(agree, n).estimate()? })
}
