//! Mean estimates, one-sample and paired t tests, and standardised effect sizes.

use super::distributions::{t_quantile, t_two_sided_p};

/// A t test of a mean against a reference value, with a confidence interval for the mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TTest {
    /// t statistic (mean − μ₀) / (s/√n).
    pub t: f64,
    /// Degrees of freedom, n − 1.
    pub df: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// Lower confidence limit of the mean.
    pub ci_low: f64,
    /// Upper confidence limit of the mean.
    pub ci_high: f64,
}

/// One-sample t test; the paired t test is this on the differences d = P − E with μ₀ = 0.
///
/// # Formula
///
/// ```text
/// SE = s/√n,  t = (x̄ − μ₀)/SE,  df = n − 1,  p = 2·P(T_df ≤ −|t|)
/// CI = x̄ ± t_{(1+level)/2, df}·SE
/// ```
///
/// with x̄ = `mean`, s = `sd` (divisor n − 1) and `level` the confidence level
/// (0.95 for a 95 % interval). The CI is for the mean itself, not for x̄ − μ₀.
///
/// # Edge cases
///
/// Returns `None` when n < 2, `sd` is not positive and finite, `mean` or `mu0`
/// is not finite, or `level` is not strictly between 0 and 1. (With sd = 0 the
/// statistic is undefined, not infinite.)
///
/// Source: Student (1908); scipy `stats.ttest_rel` and R `t.test(paired = TRUE)`
/// agree (kiosk item 1: t = −7.22675, p = 9.46203e−12).
pub fn one_sample_t(n: u64, mean: f64, sd: f64, mu0: f64, level: f64) -> Option<TTest> {
    if n < 2 || !sd.is_finite() || sd <= 0.0 || !mean.is_finite() || !mu0.is_finite() {
        return None;
    }
    if !(level > 0.0 && level < 1.0) {
        return None;
    }
    // u64 → f64 is exact up to 2⁵³, far beyond any survey.
    let n_f = n as f64;
    let df = n_f - 1.0;
    let se = sd / n_f.sqrt();
    let t = (mean - mu0) / se;
    let p = t_two_sided_p(t, df);
    let critical = t_quantile(0.5 + 0.5 * level, df);
    if !p.is_finite() || !critical.is_finite() {
        return None;
    }
    Some(TTest { t, df, p, ci_low: mean - critical * se, ci_high: mean + critical * se })
}

/// Cohen's d_z = mean(d) / sd(d) for paired differences (Lakens 2013). `None` when sd is 0.
///
/// # Formula
///
/// ```text
/// d_z = d̄ / s_d = t/√n
/// ```
///
/// # Edge cases
///
/// `None` when `sd_diff` is not positive and finite or `mean_diff` is not finite.
///
/// Source: Lakens (2013), *Front. Psychol.* 4:863, eq. 6; pingouin
/// `compute_effsize(eftype="cohen_dz")` (kiosk item 1: −0.502294).
pub fn cohen_dz(mean_diff: f64, sd_diff: f64) -> Option<f64> {
    if !mean_diff.is_finite() || !sd_diff.is_finite() || sd_diff <= 0.0 {
        return None;
    }
    Some(mean_diff / sd_diff)
}

/// Cohen's d_av = mean(d) / √((s_x² + s_y²)/2), signed (pingouin reports |d_av|).
///
/// # Formula
///
/// ```text
/// d_av = d̄ / √((s_x² + s_y²)/2)
/// ```
///
/// with s_x², s_y² the sample variances (n − 1) of the two paired measures
/// (P and E). The sign follows d̄. pingouin's `ttest(paired=True)` reports
/// |d_av| as `cohen-d`; its `compute_effsize(paired=True)` returns this signed value.
///
/// # Edge cases
///
/// `None` when a variance is negative or not finite, both are 0, or
/// `mean_diff` is not finite.
///
/// Source: Lakens (2013), eq. 10 (kiosk item 1: −0.53031).
pub fn cohen_dav(mean_diff: f64, var_x: f64, var_y: f64) -> Option<f64> {
    if !mean_diff.is_finite() || !var_x.is_finite() || !var_y.is_finite() {
        return None;
    }
    if var_x < 0.0 || var_y < 0.0 {
        return None;
    }
    let average_variance = 0.5 * (var_x + var_y);
    if average_variance <= 0.0 {
        return None;
    }
    Some(mean_diff / average_variance.sqrt())
}
