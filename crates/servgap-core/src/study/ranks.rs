//! Rank agreement of two paired lists: Spearman's ρ, Kendall's τ-b, and their two-sided
//! p values, exact by permutation for short lists.
//!
//! Used for gap 1 (managers' vs customers' dimension importance) and for the 1988 factors
//! (factor scores vs gap sizes across units), where k is small: five dimensions, a handful
//! of units. Asymptotic p values are poor there, so for k ≤ [`MAX_EXACT_K`] every one of
//! the k! pairings is enumerated.

use crate::stats::distributions::{normal_two_sided_p, t_two_sided_p};

/// Longest list whose p values are computed by full enumeration (9! = 362 880 pairings).
pub const MAX_EXACT_K: usize = 9;

/// How a p value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PMethod {
    /// Every pairing of the two lists enumerated (exact permutation distribution).
    ExactPermutation,
    /// Large-sample approximation (t for ρ, normal for τ).
    Asymptotic,
}

impl PMethod {
    /// `exact-permutation` or `asymptotic`.
    pub fn id(self) -> &'static str {
        match self {
            PMethod::ExactPermutation => "exact-permutation",
            PMethod::Asymptotic => "asymptotic",
        }
    }
}

/// Agreement of two rankings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankAgreement {
    /// Number of pairs.
    pub k: usize,
    /// Spearman's ρ (Pearson r of mid-ranks; ties get average ranks).
    pub rho: f64,
    /// Two-sided p of ρ.
    pub rho_p: f64,
    /// Kendall's τ-b (tie-corrected).
    pub tau: f64,
    /// Two-sided p of τ.
    pub tau_p: f64,
    /// How both p values were obtained.
    pub method: PMethod,
}

/// Mid-ranks (1-based; ties get the average of the ranks they span).
pub fn mid_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            ranks[o] = rank;
        }
        i = j + 1;
    }
    ranks
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    let r = sxy / (sxx * syy).sqrt();
    r.is_finite().then_some(r.clamp(-1.0, 1.0))
}

/// Kendall's τ-b of two equally long lists.
///
/// ```text
/// τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)),  n₀ = k(k − 1)/2,
/// n₁, n₂ = pairs tied in x, in y;  C, D = concordant, discordant pairs
/// ```
fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let (mut c, mut d, mut tx, mut ty) = (0i64, 0i64, 0i64, 0i64);
    for i in 0..x.len() {
        for j in i + 1..x.len() {
            let sx = (x[i] - x[j]).signum() * f64::from(u8::from(x[i] != x[j]));
            let sy = (y[i] - y[j]).signum() * f64::from(u8::from(y[i] != y[j]));
            if sx == 0.0 {
                tx += 1;
            }
            if sy == 0.0 {
                ty += 1;
            }
            let s = sx * sy;
            if s > 0.0 {
                c += 1;
            } else if s < 0.0 {
                d += 1;
            }
        }
    }
    let n0 = (x.len() * (x.len() - 1) / 2) as i64;
    let denominator = (((n0 - tx) * (n0 - ty)) as f64).sqrt();
    let tau = (c - d) as f64 / denominator;
    tau.is_finite().then_some(tau)
}

/// ρ and τ-b of `x` and `y` with two-sided p values.
///
/// p, exact (k ≤ [`MAX_EXACT_K`]): the share of the k! pairings of `x` with a
/// permutation of `y` whose |statistic| is at least the observed one (with a relative
/// tolerance of 1e-12 for floating-point ties), as scipy's
/// `permutation_test(..., permutation_type='pairings')` computes it.
/// p, asymptotic (k > [`MAX_EXACT_K`]): ρ by t = ρ√((k − 2)/(1 − ρ²)) on k − 2 df
/// (scipy `spearmanr`); τ by z = 3τ√(k(k − 1)) / √(2(2k + 5)) (no tie correction of the variance).
///
/// `None` when the lists differ in length, have fewer than 3 pairs, hold a non-finite
/// value, or either list is constant (no ranking to agree with).
pub fn rank_agreement(x: &[f64], y: &[f64]) -> Option<RankAgreement> {
    let k = x.len();
    if k != y.len() || k < 3 || x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let rx = mid_ranks(x);
    let ry = mid_ranks(y);
    let rho = pearson(&rx, &ry)?;
    let tau = kendall_tau_b(&rx, &ry)?;
    if k <= MAX_EXACT_K {
        let (rho_p, tau_p) = exact_p(&rx, &ry, rho, tau);
        return Some(RankAgreement { k, rho, rho_p, tau, tau_p, method: PMethod::ExactPermutation });
    }
    let kf = k as f64;
    let rho_p = if rho.abs() >= 1.0 {
        0.0
    } else {
        t_two_sided_p(rho * ((kf - 2.0) / (1.0 - rho * rho)).sqrt(), kf - 2.0)
    };
    let z = 3.0 * tau * (kf * (kf - 1.0)).sqrt() / (2.0 * (2.0 * kf + 5.0)).sqrt();
    Some(RankAgreement { k, rho, rho_p, tau, tau_p: normal_two_sided_p(z), method: PMethod::Asymptotic })
}

/// Exact two-sided permutation p of ρ and τ (Heap's algorithm over the pairings).
fn exact_p(rx: &[f64], ry: &[f64], rho: f64, tau: f64) -> (f64, f64) {
    let tolerance = |v: f64| v.abs() * (1.0 - 1e-12) - 1e-14;
    let (rho_cut, tau_cut) = (tolerance(rho), tolerance(tau));
    let mut y = ry.to_vec();
    let k = y.len();
    let mut c = vec![0usize; k];
    let (mut total, mut rho_hits, mut tau_hits) = (0u64, 0u64, 0u64);
    let mut visit = |y: &[f64]| {
        total += 1;
        rho_hits += u64::from(pearson(rx, y).is_some_and(|r| r.abs() >= rho_cut));
        tau_hits += u64::from(kendall_tau_b(rx, y).is_some_and(|t| t.abs() >= tau_cut));
    };
    visit(&y);
    let mut i = 1;
    while i < k {
        if c[i] < i {
            let j = if i % 2 == 0 { 0 } else { c[i] };
            y.swap(j, i);
            visit(&y);
            c[i] += 1;
            i = 1;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    (rho_hits as f64 / total as f64, tau_hits as f64 / total as f64)
}
