//! Internal-consistency reliability: Cronbach's alpha and its companions.
//!
//! Every function takes a k×k sample covariance matrix in row-major order
//! (`cov[i * k + j]` = cov(item i, item j)). A matrix whose length is not k²
//! or that holds a non-finite entry gives `None` (or all-`None`).
//!
//! Because α depends on the data only through the covariance matrix, callers
//! choose the deletion policy when they build it: listwise deletion gives
//! psych/pingouin's complete-case numbers; pingouin's default pairwise
//! covariances can differ when there are missing answers.

use super::distributions::f_upper_quantile;

/// Cronbach's α = k/(k−1)·(1 − Σσᵢ²/σ²_X). `None` when k < 2 or the total variance is 0.
///
/// # Formula
///
/// ```text
/// α = k/(k − 1) · (1 − Σᵢ σᵢᵢ / Σᵢⱼ σᵢⱼ)
/// ```
///
/// where σᵢᵢ are the item variances and Σᵢⱼ σᵢⱼ = σ²_X is the variance of the
/// sum score X.
///
/// # Edge cases
///
/// `None` when k < 2, the matrix is malformed (see the module docs), or the
/// total variance is not positive. α can be negative (negatively correlated
/// items); it is returned as is.
///
/// Source: Cronbach (1951), *Psychometrika* 16:297–334; matches pingouin
/// `cronbach_alpha` and R `psych::alpha` `raw_alpha` (bb1992 tangibles: .661629).
pub fn cronbach_alpha(cov: &[f64], k: usize) -> Option<f64> {
    let matrix = Cov::new(cov, k)?;
    alpha_of(&matrix, &(0..k).collect::<Vec<_>>())
}

/// Standardised α = k·r̄/(1 + (k−1)·r̄) from the mean inter-item correlation.
///
/// # Formula
///
/// ```text
/// rᵢⱼ = σᵢⱼ/√(σᵢᵢ·σⱼⱼ),  r̄ = mean of rᵢⱼ over i < j
/// α_std = k·r̄ / (1 + (k − 1)·r̄)
/// ```
///
/// # Edge cases
///
/// `None` when k < 2, the matrix is malformed, an item variance is not
/// positive, or 1 + (k − 1)·r̄ = 0.
///
/// Source: Lord & Novick (1968); R `psych::alpha` `std.alpha`.
pub fn standardized_alpha(cov: &[f64], k: usize) -> Option<f64> {
    let matrix = Cov::new(cov, k)?;
    if k < 2 {
        return None;
    }
    let mut sum_r = 0.0;
    for i in 0..k {
        for j in (i + 1)..k {
            sum_r += matrix.correlation(i, j)?;
        }
    }
    let k_f = k as f64;
    let mean_r = sum_r / (k_f * (k_f - 1.0) / 2.0);
    let denominator = 1.0 + (k_f - 1.0) * mean_r;
    if denominator == 0.0 {
        return None;
    }
    finite(k_f * mean_r / denominator)
}

/// Feldt, Woodruff & Salih (1987) confidence interval of α for n respondents and k items.
///
/// # Formula
///
/// ```text
/// ν₁ = n − 1,  ν₂ = (n − 1)(k − 1),  q = (1 − level)/2
/// lower = 1 − (1 − α)·F⁻¹_upper(q;     ν₁, ν₂)
/// upper = 1 − (1 − α)·F⁻¹_upper(1 − q; ν₁, ν₂)
/// ```
///
/// where F⁻¹_upper(q; ν₁, ν₂) is the x with P(F > x) = q.
///
/// # Edge cases
///
/// `None` when n < 2, k < 2, α is not finite or exceeds 1, or `level` is not
/// strictly between 0 and 1.
///
/// Source: Feldt, Woodruff & Salih (1987), *Appl. Psych. Meas.* 11:93–103;
/// the formula of pingouin `cronbach_alpha` (which then rounds to 3 decimals;
/// this function does not round). Kiosk tangible P (α = 0.804421, k = 4,
/// n = 207): (0.757476, 0.844222).
pub fn feldt_interval(alpha: f64, n: u64, k: usize, level: f64) -> Option<(f64, f64)> {
    if n < 2 || k < 2 || !alpha.is_finite() || alpha > 1.0 {
        return None;
    }
    if !(level > 0.0 && level < 1.0) {
        return None;
    }
    let df1 = n as f64 - 1.0;
    let df2 = df1 * (k as f64 - 1.0);
    let q = 0.5 * (1.0 - level);
    let lower = 1.0 - (1.0 - alpha) * f_upper_quantile(q, df1, df2);
    let upper = 1.0 - (1.0 - alpha) * f_upper_quantile(1.0 - q, df1, df2);
    Some((finite(lower)?, finite(upper)?))
}

/// α of the k − 1 items left when each item in turn is removed.
///
/// # Formula
///
/// Entry i is [`cronbach_alpha`] of the covariance matrix without row and
/// column i.
///
/// # Edge cases
///
/// All entries are `None` when the matrix is malformed or k < 3 (one item
/// left has no α); an entry is `None` when the remaining total variance is
/// not positive.
///
/// Source: R `psych::alpha` `alpha.drop` `raw_alpha` (bb1992 tangibles:
/// .634615/.504425/.675824/.542553).
pub fn alpha_if_item_deleted(cov: &[f64], k: usize) -> Vec<Option<f64>> {
    let Some(matrix) = Cov::new(cov, k) else {
        return vec![None; k];
    };
    (0..k)
        .map(|dropped| {
            let rest: Vec<usize> = (0..k).filter(|&i| i != dropped).collect();
            alpha_of(&matrix, &rest)
        })
        .collect()
}

/// Corrected item–total correlation: r(item, sum of the other items) (psych `r.drop`).
///
/// # Formula
///
/// ```text
/// R₋ᵢ = Σ_{j≠i} X_j
/// r = cov(Xᵢ, R₋ᵢ) / √(σᵢᵢ · var(R₋ᵢ)),
/// cov(Xᵢ, R₋ᵢ) = Σ_{j≠i} σᵢⱼ,  var(R₋ᵢ) = Σ_{j≠i} Σ_{l≠i} σⱼₗ
/// ```
///
/// # Edge cases
///
/// All entries are `None` when the matrix is malformed or k < 2; an entry is
/// `None` when the item's variance or the rest's variance is not positive.
///
/// Source: R `psych::alpha` `item.stats` `r.drop` (bb1992 tangibles:
/// .381520/.569136/.316691/.516617).
pub fn corrected_item_total(cov: &[f64], k: usize) -> Vec<Option<f64>> {
    let Some(matrix) = Cov::new(cov, k) else {
        return vec![None; k];
    };
    if k < 2 {
        return vec![None; k];
    }
    (0..k)
        .map(|item| {
            let rest: Vec<usize> = (0..k).filter(|&i| i != item).collect();
            let covariance: f64 = rest.iter().map(|&j| matrix.get(item, j)).sum();
            let rest_variance = matrix.block_sum(&rest);
            let item_variance = matrix.get(item, item);
            if !(rest_variance > 0.0 && item_variance > 0.0) {
                return None;
            }
            finite(covariance / (item_variance * rest_variance).sqrt())
        })
        .collect()
}

/// Reliability of a difference score D = P − E (Lord 1958; Peter, Churchill & Brown 1993).
///
/// # Formula
///
/// ```text
/// r_DD = (σ_P²·r_PP + σ_E²·r_EE − 2·r_PE·σ_P·σ_E) / (σ_P² + σ_E² − 2·r_PE·σ_P·σ_E)
/// ```
///
/// with σ_P² = `var_p` and σ_E² = `var_e` the variances of the two scale
/// scores (for example the sum scores), r_PP and r_EE their reliabilities
/// (e.g. α) and r_PE their correlation. The denominator is var(D).
///
/// # Edge cases
///
/// `None` when an input is not finite, a variance is negative, |r_PE| > 1, or
/// var(D) is not positive (P and E perfectly correlated with equal spread).
///
/// Source: Lord (1958); Johns (1981); Peter, Churchill & Brown (1993),
/// *J. Consumer Research* 19:655–662. Kiosk security (α_E = .880,
/// α_P = .833, r_PE = .078, s_E = 2.04, s_P = 3.84) gives .832.
pub fn difference_score_reliability(
    var_p: f64,
    var_e: f64,
    reliability_p: f64,
    reliability_e: f64,
    r_pe: f64,
) -> Option<f64> {
    let inputs = [var_p, var_e, reliability_p, reliability_e, r_pe];
    if inputs.iter().any(|v| !v.is_finite()) || var_p < 0.0 || var_e < 0.0 || r_pe.abs() > 1.0 {
        return None;
    }
    let cross = 2.0 * r_pe * (var_p * var_e).sqrt();
    let var_d = var_p + var_e - cross;
    if var_d.is_nan() || var_d <= 0.0 {
        return None;
    }
    finite((var_p * reliability_p + var_e * reliability_e - cross) / var_d)
}

/// Spearman–Brown reliability of a two-item scale, 2r/(1 + r) (Eisinga et al. 2013).
///
/// # Formula
///
/// ```text
/// ρ = 2r / (1 + r)
/// ```
///
/// with r the correlation of the two items.
///
/// # Edge cases
///
/// `None` when r is not in (−1, 1] (r = −1 divides by zero).
///
/// Source: Spearman (1910); Brown (1910); Eisinga, te Grotenhuis & Pelzer
/// (2013), *Int. J. Public Health* 58:637–642.
pub fn spearman_brown(r: f64) -> Option<f64> {
    if !(r > -1.0 && r <= 1.0) {
        return None;
    }
    Some(2.0 * r / (1.0 + r))
}

/// A validated k×k covariance matrix view.
#[derive(Debug, Clone, Copy)]
struct Cov<'a> {
    values: &'a [f64],
    k: usize,
}

impl<'a> Cov<'a> {
    fn new(values: &'a [f64], k: usize) -> Option<Self> {
        if k.checked_mul(k)? != values.len() || values.iter().any(|v| !v.is_finite()) {
            return None;
        }
        Some(Self { values, k })
    }

    fn get(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.k + j]
    }

    /// Σ over i, j in `items` of σᵢⱼ: the variance of the sum of those items.
    fn block_sum(&self, items: &[usize]) -> f64 {
        items.iter().map(|&i| items.iter().map(|&j| self.get(i, j)).sum::<f64>()).sum()
    }

    fn correlation(&self, i: usize, j: usize) -> Option<f64> {
        let (vi, vj) = (self.get(i, i), self.get(j, j));
        if !(vi > 0.0 && vj > 0.0) {
            return None;
        }
        Some(self.get(i, j) / (vi * vj).sqrt())
    }
}

/// Cronbach's α of the listed items.
fn alpha_of(matrix: &Cov<'_>, items: &[usize]) -> Option<f64> {
    if items.len() < 2 {
        return None;
    }
    let total = matrix.block_sum(items);
    if total.is_nan() || total <= 0.0 {
        return None;
    }
    let trace: f64 = items.iter().map(|&i| matrix.get(i, i)).sum();
    let k = items.len() as f64;
    finite(k / (k - 1.0) * (1.0 - trace / total))
}

/// `Some(x)` if x is finite.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
