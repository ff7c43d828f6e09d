//! Pairwise comparisons after an omnibus test across k groups: Games–Howell
//! (after Welch's ANOVA) and Dunn's test (after Kruskal–Wallis).
//!
//! Pairs are returned in the order (0, 1), (0, 2), …, (0, k − 1), (1, 2), …, with
//! indices into the groups passed in. The family of a post-hoc test is all
//! k(k − 1)/2 pairs of one omnibus test.

use super::{GroupSummary, RankSums};
use crate::stats::distributions::{normal_two_sided_p, studentized_range_upper_p};
use crate::stats::multiplicity::holm;

/// One pair of a Games–Howell test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GamesHowellPair {
    /// Index of the first group.
    pub first: usize,
    /// Index of the second group (greater than `first`).
    pub second: usize,
    /// Mean of the first minus mean of the second.
    pub difference: f64,
    /// Standard error √(s₁²/n₁ + s₂²/n₂).
    pub se: f64,
    /// Welch's t = difference / se.
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// P(Q_{k, df} > √2·|t|): already adjusted for the k(k − 1)/2 pairs.
    pub p: f64,
}

/// One pair of Dunn's test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DunnPair {
    /// Index of the first group.
    pub first: usize,
    /// Index of the second group (greater than `first`).
    pub second: usize,
    /// Mean rank of the first minus mean rank of the second.
    pub mean_rank_difference: f64,
    /// z statistic.
    pub z: f64,
    /// Two-sided normal p, unadjusted.
    pub p: f64,
    /// Holm-adjusted p over the k(k − 1)/2 pairs.
    pub p_holm: f64,
}

/// Every pair (i, j), i < j, of `k` groups in the documented order.
fn pairs(k: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..k).flat_map(move |i| (i + 1..k).map(move |j| (i, j)))
}

/// Games–Howell pairwise comparisons of group means (unequal variances and sizes).
///
/// # Formula
///
/// For groups i < j of k:
///
/// ```text
/// vᵢ = sᵢ²/nᵢ,  SE = √(vᵢ + vⱼ),  t = (x̄ᵢ − x̄ⱼ)/SE
/// df = (vᵢ + vⱼ)² / (vᵢ²/(nᵢ − 1) + vⱼ²/(nⱼ − 1))
/// p  = P(Q_{k, df} > √2·|t|)       (studentized range, upper tail)
/// ```
///
/// p needs no further adjustment: the studentized range with k means controls
/// the family-wise error over all pairs (approximately, as Welch's df is).
///
/// # Edge cases
///
/// A pair is left out when a group has n < 2 or a non-finite summary, or SE = 0
/// (both groups constant). Fewer than two groups give no pairs.
///
/// Source: Games & Howell (1976), *J. Educ. Statist.* 1:113–125; pingouin
/// `pairwise_gameshowell` agrees.
pub fn games_howell(groups: &[GroupSummary]) -> Vec<GamesHowellPair> {
    let k = groups.len() as u64;
    let usable = |g: &GroupSummary| g.is_valid() && g.n >= 2;
    pairs(groups.len())
        .filter_map(|(first, second)| {
            let (a, b) = (&groups[first], &groups[second]);
            if !usable(a) || !usable(b) {
                return None;
            }
            let (va, vb) = (a.variance / a.n as f64, b.variance / b.n as f64);
            let se2 = va + vb;
            if se2.is_nan() || se2 <= 0.0 {
                return None;
            }
            let se = se2.sqrt();
            let difference = a.mean - b.mean;
            let t = difference / se;
            let df = se2 * se2 / (va * va / (a.n as f64 - 1.0) + vb * vb / (b.n as f64 - 1.0));
            let p = studentized_range_upper_p(std::f64::consts::SQRT_2 * t.abs(), k, df);
            p.is_finite().then_some(GamesHowellPair { first, second, difference, se, t, df, p })
        })
        .collect()
}

/// Dunn's pairwise test on mid-ranks, from per-group histograms of exact integer
/// values (as [`super::kruskal_wallis`], whose pooled ranking it shares).
///
/// # Formula
///
/// With R̄ᵢ the mean mid-rank of group i in the pooled ranking of N observations
/// and Σ(t³ − t) the tie sum:
///
/// ```text
/// σ² = N(N + 1)/12 − Σ(t³ − t)/(12(N − 1))
/// z  = (R̄ᵢ − R̄ⱼ) / √(σ²·(1/nᵢ + 1/nⱼ)),  p = 2·P(Z > |z|)
/// p_holm: Holm over the k(k − 1)/2 pairs
/// ```
///
/// # Edge cases
///
/// `None` for fewer than two groups, an empty group, all observations equal,
/// or counts so large that the exact sums overflow.
///
/// Source: Dunn (1964), *Technometrics* 6:241–252; Holm (1979); scikit-posthocs
/// `posthoc_dunn(p_adjust='holm')` agrees.
pub fn dunn(groups: &[Vec<(i128, u64)>]) -> Option<Vec<DunnPair>> {
    if groups.len() < 2 {
        return None;
    }
    let ranks = RankSums::new(groups)?;
    let n = ranks.n as f64;
    let variance = n * (n + 1.0) / 12.0 - ranks.ties as f64 / (12.0 * (n - 1.0));
    if variance.is_nan() || variance <= 0.0 {
        return None;
    }
    let mean_rank = |g: usize| ranks.doubled_sums[g] as f64 / (2.0 * ranks.sizes[g] as f64);
    let raw: Vec<(usize, usize, f64, f64, f64)> = pairs(groups.len())
        .map(|(i, j)| {
            let difference = mean_rank(i) - mean_rank(j);
            let spread = variance * (1.0 / ranks.sizes[i] as f64 + 1.0 / ranks.sizes[j] as f64);
            let z = difference / spread.sqrt();
            (i, j, difference, z, normal_two_sided_p(z))
        })
        .collect();
    let adjusted = holm(&raw.iter().map(|r| Some(r.4)).collect::<Vec<_>>());
    raw.iter()
        .zip(adjusted)
        .map(|(&(first, second, mean_rank_difference, z, p), p_holm)| {
            Some(DunnPair { first, second, mean_rank_difference, z, p, p_holm: p_holm? })
        })
        .collect()
}
