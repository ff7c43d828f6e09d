//! Wilcoxon signed-rank test computed from a histogram of differences.

use super::distributions::normal_two_sided_p;

/// How zero differences are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZeroMethod {
    /// Drop zeros before ranking (Wilcoxon 1945; R and scipy default).
    Wilcox,
    /// Rank zeros with the rest, then drop their ranks (Pratt 1959).
    Pratt,
}

/// Exact or normal-approximation p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WilcoxonMethod {
    /// Exact when fewer than 50 non-zero differences, no ties and no zeros; normal otherwise.
    Auto,
    /// Always exact (falls back to normal when ties or zeros make it impossible,
    /// or when there are more than [`EXACT_MAX_N`] non-zero differences).
    Exact,
    /// Always the normal approximation.
    Normal,
}

/// Options of [`signed_rank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WilcoxonOptions {
    /// Zero handling.
    pub zero_method: ZeroMethod,
    /// Continuity correction of ½ in the normal approximation (R's default).
    pub continuity: bool,
    /// Exact or approximate p.
    pub method: WilcoxonMethod,
}

/// Result of a two-sided Wilcoxon signed-rank test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wilcoxon {
    /// Sum of the ranks of positive differences (R's V).
    pub w_plus: f64,
    /// Sum of the ranks of negative differences.
    pub w_minus: f64,
    /// Number of zero differences.
    pub zeros: u64,
    /// Number of non-zero differences.
    pub nonzero: u64,
    /// Normal-approximation z (None when the exact distribution was used).
    pub z: Option<f64>,
    /// Two-sided p-value.
    pub p: f64,
    /// Whether p comes from the exact null distribution.
    pub exact: bool,
    /// Matched-pairs rank-biserial correlation (W⁺ − W⁻)/(W⁺ + W⁻) (Kerby 2014).
    pub rank_biserial: f64,
}

/// Wilcoxon signed-rank test on differences given as `(value, count)` pairs.
///
/// Values may be scaled integers (e.g. dimension scores multiplied by a common
/// denominator): only their signs, order and ties matter. Entries need not be
/// sorted or unique (equal values are merged, and v and −v form one tie group
/// of |d|); entries with count 0 are ignored. Nothing is expanded per
/// observation, so n = 10⁶ with a few distinct values costs as much as n = 10.
///
/// # Formula
///
/// Mid-ranks of |d| per tie group, in closed form from the counts: a group of
/// t equal |d| preceded by o smaller ones gets rank o + (t + 1)/2.
///
/// ```text
/// W⁺ = Σ ranks of d > 0,  W⁻ = Σ ranks of d < 0
/// Wilcox: zeros dropped; n = n≠0;           μ = n(n+1)/4
///         σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48
/// Pratt:  zeros ranked (lowest ranks) then dropped; n = n≠0 + n₀
///         μ = n(n+1)/4 − n₀(n₀+1)/4
///         σ² = [n(n+1)(2n+1) − n₀(n₀+1)(2n₀+1)]/24 − Σ(t³ − t)/48   (Cureton 1967)
/// z = (W⁺ − μ − c·½·sign(W⁺ − μ)) / σ,  c = 1 with continuity correction, else 0
/// p = 2·P(Z > |z|)                                       (normal approximation)
/// p = min(1, 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w)))                (exact null distribution)
/// r_rb = (W⁺ − W⁻)/(W⁺ + W⁻)
/// ```
///
/// where the tie sum runs over the groups of non-zero |d| only. The exact null
/// distribution of W⁺ (all 2ⁿ sign patterns of ranks 1..n equally likely) is
/// built by dynamic programming; it is used by [`WilcoxonMethod::Auto`] when
/// there are fewer than 50 non-zero differences, no zeros and no ties (R's
/// rule; scipy also uses it at exactly 50, and for n ≤ 13 *with* ties it runs
/// a permutation test where this function uses the normal approximation). With
/// [`WilcoxonMethod::Exact`] it is used whenever there are no zeros and no ties
/// and n ≤ 1000; otherwise the normal approximation is used and `exact` is false.
/// All rank sums and variance terms are accumulated in exact integer arithmetic.
///
/// # Edge cases
///
/// Returns `None` when no difference is non-zero (the test is undefined), or
/// when the counts overflow u64 (rather than returning a wrong answer).
///
/// # Sources
///
/// Wilcoxon (1945); Pratt (1959); Cureton (1967) for the Pratt moments; Kerby
/// (2014) for r_rb. Matches scipy 1.17 `stats.wilcoxon` (W⁺ is R's V, scipy and
/// pingouin report min(W⁺, W⁻)) and R `wilcox.test(paired = TRUE)` when
/// `continuity` is true.
pub fn signed_rank(histogram: &[(i128, u64)], options: WilcoxonOptions) -> Option<Wilcoxon> {
    let groups = abs_groups(histogram)?;
    let zeros = histogram
        .iter()
        .filter(|(value, _)| *value == 0)
        .try_fold(0_u64, |acc, (_, count)| acc.checked_add(*count))?;
    let nonzero =
        groups.iter().try_fold(0_u64, |acc, g| acc.checked_add(g.positive)?.checked_add(g.negative))?;
    if nonzero == 0 {
        return None;
    }
    let z0 = u128::from(zeros);
    // Ranks start after the zeros under Pratt, at 1 under Wilcox.
    let mut offset: u128 = match options.zero_method {
        ZeroMethod::Wilcox => 0,
        ZeroMethod::Pratt => z0,
    };
    let n_ranked = offset + u128::from(nonzero);
    // Twice the rank sums: 2·(o + (t+1)/2) = 2o + t + 1 is an integer.
    let mut twice_plus: u128 = 0;
    let mut twice_minus: u128 = 0;
    let mut tie_sum: u128 = 0; // Σ (t³ − t) over non-zero groups
    let mut has_ties = false;
    // n ≤ 2⁶⁴ so ranks and rank sums fit in u128; t³ and n³ are checked.
    for group in &groups {
        let t = u128::from(group.positive) + u128::from(group.negative);
        let twice_rank = 2 * offset + t + 1;
        twice_plus += u128::from(group.positive) * twice_rank;
        twice_minus += u128::from(group.negative) * twice_rank;
        if t > 1 {
            has_ties = true;
            tie_sum = tie_sum.checked_add(t.checked_mul(t)?.checked_mul(t)? - t)?;
        }
        offset += t;
    }
    let w_plus = to_f64(twice_plus) / 2.0;
    let w_minus = to_f64(twice_minus) / 2.0;
    let rank_biserial = (w_plus - w_minus) / (w_plus + w_minus);

    let exact_possible = zeros == 0 && !has_ties;
    let use_exact = match options.method {
        WilcoxonMethod::Auto => exact_possible && nonzero < 50,
        WilcoxonMethod::Exact => exact_possible && nonzero <= EXACT_MAX_N,
        WilcoxonMethod::Normal => false,
    };
    if use_exact {
        // Without zeros or ties W⁺ is an integer.
        let w = u64::try_from(twice_plus / 2).ok()?;
        let p = exact_two_sided_p(nonzero, w)?;
        return Some(Wilcoxon { w_plus, w_minus, zeros, nonzero, z: None, p, exact: true, rank_biserial });
    }

    // 48·σ² and 4·(W⁺ − μ) in exact integers.
    let n = n_ranked;
    let cube_term = |m: u128| -> Option<u128> { (2 * m).checked_mul(m + 1)?.checked_mul(2 * m + 1) };
    let mut var48 = cube_term(n)?.checked_sub(tie_sum)?;
    let mut mean4 = n * (n + 1);
    if options.zero_method == ZeroMethod::Pratt {
        var48 = var48.checked_sub(cube_term(z0)?)?;
        mean4 -= z0 * (z0 + 1);
    }
    let sd = (to_f64(var48) / 48.0).sqrt();
    if sd.is_nan() || sd <= 0.0 {
        return None;
    }
    let four_plus = i128::try_from(2 * twice_plus).ok()?;
    let mut deviation4 = four_plus - i128::try_from(mean4).ok()?;
    if options.continuity {
        // ½ towards zero, i.e. 2 in units of ¼.
        deviation4 -= 2 * deviation4.signum();
    }
    let z = to_f64_signed(deviation4) / 4.0 / sd;
    let p = normal_two_sided_p(z);
    Some(Wilcoxon { w_plus, w_minus, zeros, nonzero, z: Some(z), p, exact: false, rank_biserial })
}

/// Largest number of non-zero differences for which [`WilcoxonMethod::Exact`]
/// builds the exact null distribution (O(n³) work).
pub const EXACT_MAX_N: u64 = 1000;

/// Counts of positive and negative differences sharing one |d|.
#[derive(Debug, Clone, Copy)]
struct AbsGroup {
    magnitude: u128,
    positive: u64,
    negative: u64,
}

/// Non-zero differences grouped by |d|, in increasing order of |d| (`None` if a count overflows u64).
fn abs_groups(histogram: &[(i128, u64)]) -> Option<Vec<AbsGroup>> {
    let mut entries: Vec<(u128, bool, u64)> = histogram
        .iter()
        .filter(|(value, count)| *value != 0 && *count > 0)
        .map(|(value, count)| (value.unsigned_abs(), *value > 0, *count))
        .collect();
    entries.sort_unstable_by_key(|(magnitude, _, _)| *magnitude);
    let mut groups: Vec<AbsGroup> = Vec::new();
    for (magnitude, positive, count) in entries {
        if groups.last().is_none_or(|last| last.magnitude != magnitude) {
            groups.push(AbsGroup { magnitude, positive: 0, negative: 0 });
        }
        if let Some(group) = groups.last_mut() {
            let side = if positive { &mut group.positive } else { &mut group.negative };
            *side = side.checked_add(count)?;
        }
    }
    Some(groups)
}

/// Exact two-sided p of W⁺ = `w` with `n` untied, non-zero differences.
///
/// ```text
/// P(W⁺ = k) over ranks 1..m: p_m(k) = ½·p_{m−1}(k) + ½·p_{m−1}(k − m)
/// p = min(1, 2·P(W⁺ ≤ min(w, S − w))),  S = n(n+1)/2
/// ```
///
/// using the symmetry P(W⁺ ≥ w) = P(W⁺ ≤ S − w); only the lower
/// min(w, S − w) + 1 cells are kept.
fn exact_two_sided_p(n: u64, w: u64) -> Option<f64> {
    let total = n.checked_mul(n + 1)? / 2;
    let lower = w.min(total.checked_sub(w)?);
    let cells = usize::try_from(lower).ok()? + 1;
    let mut pmf = vec![0.0_f64; cells];
    pmf[0] = 1.0;
    for rank in 1..=n {
        let rank = usize::try_from(rank).ok()?;
        // Descending so that pmf[k − rank] is still the previous row.
        for k in (0..cells).rev() {
            let with_rank = if k >= rank { pmf[k - rank] } else { 0.0 };
            pmf[k] = 0.5 * (pmf[k] + with_rank);
        }
    }
    let cdf: f64 = pmf.iter().sum();
    Some((2.0 * cdf).min(1.0))
}

/// u128 → f64 (exact below 2⁵³, correctly rounded above).
fn to_f64(value: u128) -> f64 {
    value as f64
}

/// i128 → f64 (exact below 2⁵³, correctly rounded above).
fn to_f64_signed(value: i128) -> f64 {
    value as f64
}
