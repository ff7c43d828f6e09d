//! Named tolerances for the `stats` tests (in the spirit of statrs's `prec`).
//!
//! Relative tolerances compare |actual − expected| ≤ tol·|expected|.

/// Against an independent double-precision implementation of the same
/// formula (scipy, numpy, statsmodels), where only rounding differs.
pub const REL_EXACT: f64 = 1e-12;

/// t and F tails when 10⁴ < df ≤ 10⁶: the incomplete-beta continued fraction at
/// shape parameters ≥ 5·10⁴ carries a few 10⁻¹¹ relative error (statrs alone: 4·10⁻¹⁰).
pub const REL_LARGE_DF: f64 = 2e-10;

/// Against scipy's special functions where statrs's are the limiting factor
/// (its `erfc` agrees with scipy to ≈ 5·10⁻¹¹ relative).
pub const REL_SPECIAL: f64 = 1e-10;

/// The agreement the Wilcoxon tests are required to reach against scipy.
pub const REL_WILCOXON: f64 = 1e-9;

/// Golden values printed to 6 significant digits in `servqual.md` §4.2.
pub const REL_GOLDEN_6: f64 = 5e-6;

/// Golden values printed to a fixed number of decimals: half a unit in the last place.
pub fn half_ulp_decimals(decimals: i32) -> f64 {
    0.5 * 10f64.powi(-decimals)
}
