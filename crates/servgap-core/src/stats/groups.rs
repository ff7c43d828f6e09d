//! Comparing independent groups: one-way ANOVA, Welch's ANOVA, Kruskal–Wallis,
//! Welch's two-sample t test, and the post-hoc pairwise tests after an omnibus
//! test (Games–Howell after Welch's ANOVA, Dunn after Kruskal–Wallis).
//!
//! The parametric tests take per-group summaries (n, mean, sample variance), which
//! [`crate::partials`] produces exactly; Kruskal–Wallis takes per-group histograms
//! of exact (scaled) integer values and ranks them from the counts, so memory
//! depends on the number of distinct values, never on the number of observations.

use std::collections::BTreeMap;

use super::distributions::{chi_square_upper_p, f_upper_p, t_quantile, t_two_sided_p};

/// Size, mean and sample variance (divisor n − 1) of one group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupSummary {
    /// Observations.
    pub n: u64,
    /// Mean.
    pub mean: f64,
    /// Sample variance (n − 1 in the denominator); 0 for a single observation.
    pub variance: f64,
}

impl GroupSummary {
    fn is_valid(&self) -> bool {
        self.n > 0 && self.mean.is_finite() && self.variance.is_finite() && self.variance >= 0.0
    }
}

/// Classic one-way analysis of variance (equal variances assumed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anova {
    /// F = MS_between / MS_within.
    pub f: f64,
    /// k − 1.
    pub df_between: f64,
    /// N − k.
    pub df_within: f64,
    /// P(F > f).
    pub p: f64,
    /// η² = SS_between / SS_total.
    pub eta_squared: f64,
}

/// Welch's heteroscedastic one-way ANOVA.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchAnova {
    /// Welch's F*.
    pub f: f64,
    /// k − 1.
    pub df1: f64,
    /// (k² − 1) / (3Λ).
    pub df2: f64,
    /// P(F(df1, df2) > F*).
    pub p: f64,
}

/// Kruskal–Wallis rank test with the tie correction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KruskalWallis {
    /// H corrected for ties.
    pub h: f64,
    /// k − 1.
    pub df: f64,
    /// P(χ²(df) > H).
    pub p: f64,
    /// Tie correction factor C = 1 − Σ(t³ − t)/(N³ − N) (1 without ties).
    pub tie_correction: f64,
    /// ε² = H / (N − 1) (Tomczak & Tomczak 2014).
    pub epsilon_squared: f64,
}

/// Welch's two-sample t test of x̄ − ȳ, with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchT {
    /// Difference of means x̄ − ȳ.
    pub difference: f64,
    /// Standard error of the difference.
    pub se: f64,
    /// t statistic.
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Two-sided p.
    pub p: f64,
    /// Lower confidence limit of the difference.
    pub ci_low: f64,
    /// Upper confidence limit of the difference.
    pub ci_high: f64,
}

/// Classic one-way ANOVA from group summaries.
///
/// # Formula
///
/// ```text
/// N = Σ nᵢ,  x̄ = Σ nᵢx̄ᵢ / N
/// SS_b = Σ nᵢ(x̄ᵢ − x̄)²,  SS_w = Σ (nᵢ − 1)sᵢ²
/// F = (SS_b/(k − 1)) / (SS_w/(N − k)),  p = P(F(k − 1, N − k) > F)
/// η² = SS_b/(SS_b + SS_w)
/// ```
///
/// # Edge cases
///
/// `None` for fewer than two groups, an empty group, N ≤ k, a non-finite input,
/// or SS_w = 0 (every group constant: F undefined).
///
/// Source: Fisher (1925); scipy `stats.f_oneway` agrees.
pub fn one_way_anova(groups: &[GroupSummary]) -> Option<Anova> {
    let k = groups.len();
    if k < 2 || !groups.iter().all(GroupSummary::is_valid) {
        return None;
    }
    let n_total: u64 = groups.iter().map(|g| g.n).sum();
    if n_total <= k as u64 {
        return None;
    }
    let n = n_total as f64;
    let grand = groups.iter().map(|g| g.n as f64 * g.mean).sum::<f64>() / n;
    let ss_between: f64 = groups.iter().map(|g| g.n as f64 * (g.mean - grand).powi(2)).sum();
    let ss_within: f64 = groups.iter().map(|g| (g.n as f64 - 1.0) * g.variance).sum();
    if ss_within <= 0.0 {
        return None;
    }
    let df_between = (k - 1) as f64;
    let df_within = n - k as f64;
    let f = (ss_between / df_between) / (ss_within / df_within);
    let p = f_upper_p(f, df_between, df_within);
    p.is_finite().then(|| Anova {
        f,
        df_between,
        df_within,
        p,
        eta_squared: ss_between / (ss_between + ss_within),
    })
}

/// Welch's ANOVA for means with unequal variances, from group summaries.
///
/// # Formula
///
/// ```text
/// wᵢ = nᵢ/sᵢ²,  W = Σ wᵢ,  x̄_w = Σ wᵢx̄ᵢ / W
/// Λ  = Σ (1 − wᵢ/W)² / (nᵢ − 1)
/// F* = [Σ wᵢ(x̄ᵢ − x̄_w)² / (k − 1)] / [1 + 2(k − 2)Λ/(k² − 1)]
/// df₁ = k − 1,  df₂ = (k² − 1)/(3Λ),  p = P(F(df₁, df₂) > F*)
/// ```
///
/// # Edge cases
///
/// `None` for fewer than two groups, a group with n < 2 or zero variance (wᵢ
/// undefined), or a non-finite input.
///
/// Source: Welch (1951), *Biometrika* 38:330–336; pingouin `welch_anova` and
/// R `oneway.test(var.equal = FALSE)` agree.
pub fn welch_anova(groups: &[GroupSummary]) -> Option<WelchAnova> {
    let k = groups.len();
    if k < 2 || !groups.iter().all(|g| g.is_valid() && g.n >= 2 && g.variance > 0.0) {
        return None;
    }
    let weights: Vec<f64> = groups.iter().map(|g| g.n as f64 / g.variance).collect();
    let total: f64 = weights.iter().sum();
    let weighted_mean = groups.iter().zip(&weights).map(|(g, w)| w * g.mean).sum::<f64>() / total;
    let lambda: f64 =
        groups.iter().zip(&weights).map(|(g, w)| (1.0 - w / total).powi(2) / (g.n as f64 - 1.0)).sum();
    if lambda.is_nan() || lambda <= 0.0 {
        return None;
    }
    let kf = k as f64;
    let between = groups.iter().zip(&weights).map(|(g, w)| w * (g.mean - weighted_mean).powi(2)).sum::<f64>()
        / (kf - 1.0);
    let f = between / (1.0 + 2.0 * (kf - 2.0) * lambda / (kf * kf - 1.0));
    let df1 = kf - 1.0;
    let df2 = (kf * kf - 1.0) / (3.0 * lambda);
    let p = f_upper_p(f, df1, df2);
    (f.is_finite() && p.is_finite()).then_some(WelchAnova { f, df1, df2, p })
}

/// Kruskal–Wallis H test from per-group histograms of exact integer values.
///
/// Each group is a list of `(value, count)` pairs (any order; repeated values are
/// added; zero counts ignored). Values may be scaled integers (a dimension mean
/// times a common denominator): only their order and ties matter.
///
/// # Formula
///
/// Mid-ranks from the pooled counts: a value held by t observations, with o
/// smaller observations in the pool, gets rank o + (t + 1)/2. With Rᵢ the rank
/// sum of group i:
///
/// ```text
/// Dᵢ = 2Rᵢ − nᵢ(N + 1)                              (exact integer)
/// H₀ = 12/(N(N + 1)) · Σ nᵢ(R̄ᵢ − (N + 1)/2)² = 3/(N(N + 1)) · Σ Dᵢ²/nᵢ
/// C  = 1 − Σ(t³ − t)/(N³ − N),  H = H₀/C
/// df = k − 1,  p = P(χ²(df) > H),  ε² = H/(N − 1)
/// ```
///
/// The rank sums and the tie sum are exact integers, so H carries only the
/// rounding of the final divisions.
///
/// # Edge cases
///
/// `None` for fewer than two groups, an empty group, all observations equal
/// (C = 0), or counts so large that the exact sums overflow.
///
/// Source: Kruskal & Wallis (1952), *JASA* 47:583–621; ε²: Tomczak & Tomczak
/// (2014), *Trends Sport Sci.* 21:19–25; scipy `stats.kruskal` agrees.
pub fn kruskal_wallis(groups: &[Vec<(i128, u64)>]) -> Option<KruskalWallis> {
    let k = groups.len();
    if k < 2 {
        return None;
    }
    let ranks = RankSums::new(groups)?;
    let n = ranks.n;
    let mut sum_squares = 0.0_f64;
    for (&doubled_sum, &size) in ranks.doubled_sums.iter().zip(&ranks.sizes) {
        let expected = size.checked_mul(n + 1)?;
        let d = i128::try_from(doubled_sum).ok()? - i128::try_from(expected).ok()?;
        let d = d as f64;
        sum_squares += d * d / size as f64;
    }
    let nf = n as f64;
    let h0 = 3.0 * sum_squares / (nf * (nf + 1.0));
    let tie_correction = 1.0 - ranks.ties as f64 / (n * n * n - n) as f64;
    let h = h0 / tie_correction;
    let df = (k - 1) as f64;
    let p = chi_square_upper_p(h, df);
    (h.is_finite() && p.is_finite()).then(|| KruskalWallis {
        h,
        df,
        p,
        tie_correction,
        epsilon_squared: h / (nf - 1.0),
    })
}

/// Exact mid-rank sums of groups given as histograms of integer values (pooled ranking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RankSums {
    /// Per group: twice its rank sum, 2Rᵢ (an integer: doubled mid-ranks are integers).
    pub doubled_sums: Vec<u128>,
    /// Per group: observations nᵢ.
    pub sizes: Vec<u128>,
    /// All observations N.
    pub n: u128,
    /// Tie sum Σ(t³ − t) over the distinct values.
    pub ties: u128,
}

impl RankSums {
    /// Ranks the pooled counts: a value held by t observations with o smaller ones
    /// gets the doubled mid-rank 2o + t + 1.
    ///
    /// `None` for an empty group, all observations equal (Σ(t³ − t) = N³ − N), or
    /// counts so large that the exact sums overflow.
    pub(crate) fn new(groups: &[Vec<(i128, u64)>]) -> Option<Self> {
        let mut pooled: BTreeMap<i128, u128> = BTreeMap::new();
        let mut sizes = Vec::with_capacity(groups.len());
        for group in groups {
            let mut size: u128 = 0;
            for &(value, count) in group {
                if count > 0 {
                    *pooled.entry(value).or_insert(0) += u128::from(count);
                    size += u128::from(count);
                }
            }
            if size == 0 {
                return None;
            }
            sizes.push(size);
        }
        let mut doubled_rank: BTreeMap<i128, u128> = BTreeMap::new();
        let mut below: u128 = 0;
        let mut ties: u128 = 0;
        for (&value, &t) in &pooled {
            doubled_rank.insert(value, 2 * below + t + 1);
            ties = ties.checked_add(t.checked_mul(t)?.checked_mul(t)? - t)?;
            below += t;
        }
        let n = below;
        if ties >= n.checked_mul(n)?.checked_mul(n)? - n {
            return None;
        }
        let mut doubled_sums = Vec::with_capacity(groups.len());
        for group in groups {
            let mut doubled_sum: u128 = 0;
            for &(value, count) in group {
                if count > 0 {
                    let rank = *doubled_rank.get(&value)?;
                    doubled_sum = doubled_sum.checked_add(rank.checked_mul(u128::from(count))?)?;
                }
            }
            doubled_sums.push(doubled_sum);
        }
        Some(Self { doubled_sums, sizes, n, ties })
    }
}

/// Welch's two-sample t test of x̄ − ȳ from two group summaries.
///
/// # Formula
///
/// ```text
/// vₓ = sₓ²/nₓ,  v_y = s_y²/n_y,  SE = √(vₓ + v_y)
/// t = (x̄ − ȳ)/SE,  df = (vₓ + v_y)² / (vₓ²/(nₓ − 1) + v_y²/(n_y − 1))
/// p = 2·P(T_df > |t|),  CI = (x̄ − ȳ) ± t_{(1+level)/2, df}·SE
/// ```
///
/// # Edge cases
///
/// `None` when a group has n < 2, SE = 0 (both groups constant), an input is not
/// finite, or `level` is not strictly between 0 and 1.
///
/// Source: Welch (1947), *Biometrika* 34:28–35; Satterthwaite (1946); scipy
/// `stats.ttest_ind(equal_var=False)` and its `confidence_interval()` agree.
pub fn welch_t(x: &GroupSummary, y: &GroupSummary, level: f64) -> Option<WelchT> {
    let usable = |g: &GroupSummary| g.is_valid() && g.n >= 2;
    if !usable(x) || !usable(y) {
        return None;
    }
    if !(level > 0.0 && level < 1.0) {
        return None;
    }
    let vx = x.variance / x.n as f64;
    let vy = y.variance / y.n as f64;
    let se2 = vx + vy;
    if se2.is_nan() || se2 <= 0.0 {
        return None;
    }
    let se = se2.sqrt();
    let difference = x.mean - y.mean;
    let t = difference / se;
    let df = se2 * se2 / (vx * vx / (x.n as f64 - 1.0) + vy * vy / (y.n as f64 - 1.0));
    let p = t_two_sided_p(t, df);
    let critical = t_quantile(0.5 + 0.5 * level, df);
    if !p.is_finite() || !critical.is_finite() {
        return None;
    }
    Some(WelchT {
        difference,
        se,
        t,
        df,
        p,
        ci_low: difference - critical * se,
        ci_high: difference + critical * se,
    })
}

mod posthoc;

pub use posthoc::{dunn, games_howell, DunnPair, GamesHowellPair};

#[cfg(test)]
mod tests;
