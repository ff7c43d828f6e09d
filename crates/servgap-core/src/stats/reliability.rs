//! Internal-consistency reliability: Cronbach's alpha and its companions.
//!
//! Every function takes a k×k sample covariance matrix in row-major order.

/// Cronbach's α = k/(k−1)·(1 − Σσᵢ²/σ²_X). `None` when k < 2 or the total variance is 0.
pub fn cronbach_alpha(cov: &[f64], k: usize) -> Option<f64> {
    todo!("{cov:?}{k}")
}

/// Standardised α = k·r̄/(1 + (k−1)·r̄) from the mean inter-item correlation.
pub fn standardized_alpha(cov: &[f64], k: usize) -> Option<f64> {
    todo!("{cov:?}{k}")
}

/// Feldt, Woodruff & Salih (1987) confidence interval of α for n respondents and k items.
pub fn feldt_interval(alpha: f64, n: u64, k: usize, level: f64) -> Option<(f64, f64)> {
    todo!("{alpha}{n}{k}{level}")
}

/// α of the k − 1 items left when each item in turn is removed.
pub fn alpha_if_item_deleted(cov: &[f64], k: usize) -> Vec<Option<f64>> {
    todo!("{cov:?}{k}")
}

/// Corrected item–total correlation: r(item, sum of the other items) (psych `r.drop`).
pub fn corrected_item_total(cov: &[f64], k: usize) -> Vec<Option<f64>> {
    todo!("{cov:?}{k}")
}

/// Reliability of a difference score D = P − E (Lord 1958; Peter, Churchill & Brown 1993).
pub fn difference_score_reliability(
    var_p: f64,
    var_e: f64,
    reliability_p: f64,
    reliability_e: f64,
    r_pe: f64,
) -> Option<f64> {
    todo!("{var_p}{var_e}{reliability_p}{reliability_e}{r_pe}")
}

/// Spearman–Brown reliability of a two-item scale, 2r/(1 + r) (Eisinga et al. 2013).
pub fn spearman_brown(r: f64) -> Option<f64> {
    todo!("{r}")
}
