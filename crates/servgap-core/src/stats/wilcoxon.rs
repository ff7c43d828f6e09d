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
    /// Exact (conditional on ties and zeros) when there are at most
    /// [`AUTO_EXACT_MAX_N`] non-zero differences; normal otherwise.
    Auto,
    /// Exact whenever the exact distribution costs at most [`EXACT_MAX_WORK`]
    /// steps (every sample of up to about 1,000 untied non-zero differences);
    /// normal beyond that, with `exact` false in the result.
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
    /// Matched-pairs rank-biserial correlation (Kerby 2014) of the non-zero
    /// differences ranked among themselves: (R⁺ − R⁻)/(R⁺ + R⁻), whatever the zero
    /// handling (pingouin's `RBC`; under Wilcox R± = W±).
    pub rank_biserial: f64,
    /// Under Pratt only: Kerby's difference on the ranks the test used (zeros
    /// ranked, then their ranks dropped), (W⁺ − W⁻)/(W⁺ + W⁻); `None` under Wilcox,
    /// where it equals [`Wilcoxon::rank_biserial`].
    pub rank_biserial_pratt: Option<f64>,
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
/// r_rb = (R⁺ − R⁻)/(R⁺ + R⁻)      R± = rank sums of the non-zero differences ranked 1..n≠0
/// r_rb,Pratt = (W⁺ − W⁻)/(W⁺ + W⁻)  (Pratt only: the ranks the test used)
/// ```
///
/// where the tie sum runs over the groups of non-zero |d| only.
///
/// The exact null distribution is the permutation distribution conditional on
/// the observed |d|: every one of the 2ⁿ sign patterns of the non-zero
/// differences, carrying the mid-ranks actually used (after zeros under Pratt),
/// is equally likely. Doubled mid-ranks are integers, so it is built exactly by
/// dynamic programming over doubled rank sums, with ties and zeros alike; it is
/// the distribution scipy's `wilcoxon(method=PermutationMethod())` enumerates.
/// [`WilcoxonMethod::Auto`] uses it up to [`AUTO_EXACT_MAX_N`] = 50 non-zero
/// differences (scipy's cut-off; R's `wilcox.test` stops at 49 and falls back to
/// the normal approximation with ties or zeros, which is anti-conservative at
/// small n); under Pratt, many zeros lift every rank, and when that pushes the
/// work beyond [`EXACT_MAX_WORK`] the normal approximation is used and `exact`
/// is false. Continuity correction concerns the normal approximation only.
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
                               // Doubled rank sums of the non-zero differences ranked among themselves (Kerby, pingouin).
    let (mut reranked_plus, mut reranked_minus, mut reranked_offset) = (0_u128, 0_u128, 0_u128);
    // n ≤ 2⁶⁴ so ranks and rank sums fit in u128; t³ and n³ are checked.
    for group in &groups {
        let t = u128::from(group.positive) + u128::from(group.negative);
        let twice_rank = 2 * offset + t + 1;
        twice_plus += u128::from(group.positive) * twice_rank;
        twice_minus += u128::from(group.negative) * twice_rank;
        let twice_reranked = 2 * reranked_offset + t + 1;
        reranked_plus += u128::from(group.positive) * twice_reranked;
        reranked_minus += u128::from(group.negative) * twice_reranked;
        if t > 1 {
            tie_sum = tie_sum.checked_add(t.checked_mul(t)?.checked_mul(t)? - t)?;
        }
        offset += t;
        reranked_offset += t;
    }
    let w_plus = to_f64(twice_plus) / 2.0;
    let w_minus = to_f64(twice_minus) / 2.0;
    let rank_biserial = kerby(reranked_plus, reranked_minus);
    let rank_biserial_pratt =
        (options.zero_method == ZeroMethod::Pratt).then(|| kerby(twice_plus, twice_minus));

    let exact_p = match options.method {
        WilcoxonMethod::Auto if nonzero <= AUTO_EXACT_MAX_N => {
            exact_two_sided_p(&groups, zeros, options, twice_plus)
        }
        WilcoxonMethod::Exact => exact_two_sided_p(&groups, zeros, options, twice_plus),
        _ => None,
    };
    if let Some(p) = exact_p {
        return Some(Wilcoxon {
            w_plus,
            w_minus,
            zeros,
            nonzero,
            z: None,
            p,
            exact: true,
            rank_biserial,
            rank_biserial_pratt,
        });
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
    Some(Wilcoxon {
        w_plus,
        w_minus,
        zeros,
        nonzero,
        z: Some(z),
        p,
        exact: false,
        rank_biserial,
        rank_biserial_pratt,
    })
}

/// Kerby's simple difference (R⁺ − R⁻)/(R⁺ + R⁻) from doubled rank sums (their sum is positive
/// whenever a difference is non-zero).
fn kerby(twice_plus: u128, twice_minus: u128) -> f64 {
    let (plus, minus) = (to_f64(twice_plus), to_f64(twice_minus));
    (plus - minus) / (plus + minus)
}

/// Largest number of non-zero differences for which [`WilcoxonMethod::Auto`]
/// uses the exact distribution (scipy's cut-off).
pub const AUTO_EXACT_MAX_N: u64 = 50;

/// Most steps (non-zero differences × cells of the distribution kept) the exact
/// distribution may take; about a second of work. n = 1000 untied differences
/// need 1000 · 250,250 ≈ 2.5·10⁸.
pub const EXACT_MAX_WORK: u128 = 300_000_000;

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

/// Exact two-sided p of doubled W⁺ = `twice_plus` under the permutation null,
/// or `None` when it would cost more than [`EXACT_MAX_WORK`]. Doubled ranks and
/// sums are first divided by their greatest common divisor (2 without ties).
///
/// ```text
/// each non-zero difference i adds its doubled mid-rank rᵢ to 2W⁺ with probability ½:
/// p_m(k) = ½·p_{m−1}(k) + ½·p_{m−1}(k − r_m)
/// p = min(1, 2·P(2W⁺ ≤ min(w, S − w))),  w = observed 2W⁺,  S = Σ rᵢ
/// ```
///
/// The distribution is symmetric about S/2 (flipping every sign maps 2W⁺ to
/// S − 2W⁺), so only the lower min(w, S − w) + 1 cells are kept.
fn exact_two_sided_p(
    groups: &[AbsGroup],
    zeros: u64,
    options: WilcoxonOptions,
    twice_plus: u128,
) -> Option<f64> {
    let mut offset: u128 = match options.zero_method {
        ZeroMethod::Wilcox => 0,
        ZeroMethod::Pratt => u128::from(zeros),
    };
    // (doubled mid-rank, how many differences carry it)
    let mut ranks: Vec<(u128, u64)> = Vec::with_capacity(groups.len());
    let mut total: u128 = 0;
    for group in groups {
        let count = group.positive.checked_add(group.negative)?;
        let t = u128::from(count);
        let twice_rank = 2 * offset + t + 1;
        total = total.checked_add(twice_rank.checked_mul(t)?)?;
        ranks.push((twice_rank, count));
        offset += t;
    }
    // Without ties every doubled rank is even: dividing by the common factor halves the work.
    let common = ranks.iter().fold(twice_plus, |g, (r, _)| gcd(g, *r)).max(1);
    for (twice_rank, _) in &mut ranks {
        *twice_rank /= common;
    }
    let (twice_plus, total) = (twice_plus / common, total / common);
    let lower = twice_plus.min(total.checked_sub(twice_plus)?);
    let cells = lower.checked_add(1)?;
    let steps: u128 = ranks.iter().map(|(_, count)| u128::from(*count)).sum();
    if steps.checked_mul(cells)? > EXACT_MAX_WORK {
        return None;
    }
    let cells = usize::try_from(cells).ok()?;
    let mut pmf = vec![0.0_f64; cells];
    pmf[0] = 1.0;
    for (twice_rank, count) in ranks {
        // A rank beyond the kept cells cannot contribute to them.
        let shift = usize::try_from(twice_rank).unwrap_or(usize::MAX);
        for _ in 0..count {
            // Descending so that pmf[k − shift] is still the previous row.
            for k in (0..cells).rev() {
                let with_rank = if k >= shift { pmf[k - shift] } else { 0.0 };
                pmf[k] = 0.5 * (pmf[k] + with_rank);
            }
        }
    }
    let cdf: f64 = pmf.iter().sum();
    Some((2.0 * cdf).min(1.0))
}

/// Greatest common divisor (Euclid); gcd(0, b) = b.
fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// u128 → f64 (exact below 2⁵³, correctly rounded above).
fn to_f64(value: u128) -> f64 {
    value as f64
}

/// i128 → f64 (exact below 2⁵³, correctly rounded above).
fn to_f64_signed(value: i128) -> f64 {
    value as f64
}
