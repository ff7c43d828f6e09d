//! Tail probabilities and quantiles of the t, normal, F and chi-square distributions,
//! and the upper tail of the studentized range ([`studentized_range_upper_p`]).
//!
//! # Accuracy
//!
//! Tail probabilities are computed from the tail itself (never as `1 − cdf`),
//! so tiny p-values keep their relative precision.
//!
//! statrs 0.18 is used for the normal distribution and for starting values,
//! but two of its weak spots are worked around here (measured against scipy
//! 1.17.1, see `tests/oracles/stats_oracles.py`):
//!
//! - its regularized incomplete beta builds the prefactor from
//!   `lnΓ(a+b) − lnΓ(a) − lnΓ(b)`, which cancels for large shape parameters:
//!   the t tail at df = 10⁶ is off by ≈ 4·10⁻¹⁰ relative. The t tail below
//!   uses its own continued fraction with a cancellation-free
//!   lnΓ(a + ½) − lnΓ(a) (Stirling series): ≈ 10⁻¹³ relative for df ≤ 10⁴,
//!   a few 10⁻¹¹ at df ≈ 10⁶ (the continued fraction itself is then
//!   ill-conditioned near x ≈ a/(a + b));
//! - its t quantile (`inv_beta_reg` then `√(ν(1 − y)/y)`) loses almost all
//!   digits near the median and ≈ 6·10⁻⁵ relative at df = 10⁶. Quantiles are
//!   therefore polished by a safeguarded Newton iteration on the accurate tails.
//!
//! statrs's `erfc` (used for the normal tail) agrees with scipy to ≈ 5·10⁻¹¹
//! relative over z ∈ [0.5, 30], including p ≈ 10⁻¹⁹⁸.
//!
//! # Invalid input
//!
//! These functions return a bare `f64` because they are building blocks
//! for the tests and intervals of this module, which validate their inputs and
//! return `None` first. Called directly with an invalid parameter (NaN
//! argument, df ≤ 0, probability outside [0, 1]) they return NaN, as documented
//! on each function; they never panic.

mod studentized_range;

pub use studentized_range::studentized_range_upper_p;

use statrs::distribution::{ContinuousCDF, FisherSnedecor, Normal, StudentsT};
use statrs::function::{beta, erf, gamma};

/// Two-sided p-value of a t statistic with `df` degrees of freedom: 2·P(T > |t|).
///
/// # Formula
///
/// ```text
/// p = I_h(ν/2, 1/2),  h = ν/(ν + t²)
/// ```
///
/// where ν = `df` and I is the regularized incomplete beta function; this is
/// 2·P(T ≤ −|t|) evaluated from the lower tail, so p = 9.46·10⁻¹² keeps ~13
/// significant digits (see the module docs for df > 10⁴). `df = ∞` gives the
/// normal p-value.
///
/// # Edge cases
///
/// NaN when `t` is NaN or `df` is not > 0. `t = ±∞` gives 0 and `t = 0` gives 1.
///
/// Source: Abramowitz & Stegun 26.7.1; scipy `stats.t.sf` agrees.
pub fn t_two_sided_p(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if df.is_infinite() {
        return normal_two_sided_p(t);
    }
    match t_tails(t.abs(), df) {
        Some(tails) => (2.0 * tails.upper).min(1.0),
        None => f64::NAN,
    }
}

/// Quantile of Student's t: the x with P(T ≤ x) = `p`.
///
/// # Formula
///
/// Solves P(T ≤ x) = p by a safeguarded Newton iteration on the tail
/// probabilities of [`t_two_sided_p`] (in log space), started from statrs's
/// inverse. By symmetry x(p) = −x(1 − p). Near the median the central
/// probability P(0 < T < x) = p − ½ (exact in floating point) is solved
/// instead, so small quantiles keep their relative precision.
///
/// # Edge cases
///
/// `p = 0` → −∞, `p = 1` → +∞, `p = ½` → 0; NaN when `p` ∉ [0, 1], is NaN, or
/// `df` is not > 0. `df = ∞` gives the normal quantile.
///
/// Source: scipy `stats.t.ppf` agrees to 1e-12 relative for df ≤ 10⁴ and to
/// 2e-10 up to df = 10⁶.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    if df.is_infinite() {
        return normal_quantile(p);
    }
    // Work with the upper tail r = P(T > x) ≤ ½ and x > 0; 1 − p is exact for p ≥ ½.
    let (sign, r) = if p < 0.5 { (-1.0, p) } else { (1.0, 1.0 - p) };
    let start = StudentsT::new(0.0, 1.0, df)
        .ok()
        .map(|d| d.inverse_cdf(1.0 - r))
        .filter(|x| x.is_finite() && *x > 0.0)
        .unwrap_or_else(|| -normal_quantile(r).min(-f64::MIN_POSITIVE));
    let x = if r > 0.25 {
        // Central form: P(0 < T < x) = ½ − r, exact because r ∈ (¼, ½).
        let target = (0.5 - r).ln();
        solve_monotone(
            |x| {
                let tails = t_tails(x, df)?;
                let half_central = 0.5 * tails.central;
                Some((half_central.ln() - target, t_density(x, df) / half_central))
            },
            start,
            true,
        )
    } else {
        let target = r.ln();
        solve_monotone(
            |x| {
                let tails = t_tails(x, df)?;
                Some((tails.upper.ln() - target, -t_density(x, df) / tails.upper))
            },
            start,
            false,
        )
    };
    sign * x
}

/// Two-sided p-value of a standard normal statistic: 2·P(Z > |z|).
///
/// # Formula
///
/// ```text
/// p = erfc(|z|/√2)
/// ```
///
/// computed directly from the complementary error function (statrs), so tiny
/// p-values keep their relative precision (≈ 5·10⁻¹¹ relative against scipy).
///
/// # Edge cases
///
/// NaN when `z` is NaN; `z = ±∞` gives 0.
pub fn normal_two_sided_p(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    erf::erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// Upper-tail quantile of F(df1, df2): the x with P(F > x) = `q`.
///
/// # Formula
///
/// ```text
/// P(F > x) = I_y(ν₂/2, ν₁/2),  y = ν₂/(ν₂ + ν₁·x)
/// ```
///
/// solved for x by a safeguarded Newton iteration in log space on the upper
/// tail (q ≤ ½) or the lower tail 1 − q (q > ½, exact), started from statrs's
/// inverse. Used for the Feldt interval of Cronbach's α.
///
/// # Edge cases
///
/// `q = 1` → 0, `q = 0` → +∞; NaN when `q` ∉ [0, 1], any argument is NaN, or a
/// df is not > 0 and finite.
///
/// Source: scipy `stats.f.isf` (Newton-polished on `stats.f.sf`: unpolished it
/// is 6e-10 off at q = 1e-8) agrees to 1e-12 relative for df ≤ 10⁴.
pub fn f_upper_quantile(q: f64, df1: f64, df2: f64) -> f64 {
    let valid_df = |d: f64| d.is_finite() && d > 0.0;
    if q.is_nan() || !(0.0..=1.0).contains(&q) || !valid_df(df1) || !valid_df(df2) {
        return f64::NAN;
    }
    if q == 0.0 {
        return f64::INFINITY;
    }
    if q == 1.0 {
        return 0.0;
    }
    let a = 0.5 * df1;
    let b = 0.5 * df2;
    let ln_b = beta::ln_beta(a, b);
    // (ln P(F ≤ x), ln P(F > x), ln density·x) at x.
    let eval = |x: f64| -> Option<(f64, f64, f64)> {
        if !x.is_finite() || x <= 0.0 {
            return None;
        }
        let ratio = df1 * x / df2; // odds w/y of the beta variable
        let ln_w = -(1.0 / ratio).ln_1p(); // ln(ν₁x/(ν₁x + ν₂))
        let ln_y = -ratio.ln_1p(); // ln(ν₂/(ν₁x + ν₂))
        let w = ratio / (1.0 + ratio);
        let y = 1.0 / (1.0 + ratio);
        let (lower, upper) = beta_reg_pair(a, b, w, y, ln_w, ln_y, ln_b)?;
        Some((lower.ln(), upper.ln(), a * ln_w + b * ln_y - ln_b))
    };
    let start = FisherSnedecor::new(df1, df2)
        .ok()
        .map(|d| d.inverse_cdf(1.0 - q))
        .filter(|x| x.is_finite() && *x > 0.0)
        .unwrap_or(1.0);
    if q <= 0.5 {
        let target = q.ln();
        solve_monotone(
            |x| {
                let (_, ln_upper, ln_xpdf) = eval(x)?;
                Some((ln_upper - target, -(ln_xpdf - ln_upper).exp() / x))
            },
            start,
            false,
        )
    } else {
        let target = (1.0 - q).ln();
        solve_monotone(
            |x| {
                let (ln_lower, _, ln_xpdf) = eval(x)?;
                Some((ln_lower - target, (ln_xpdf - ln_lower).exp() / x))
            },
            start,
            true,
        )
    }
}

/// Upper tail of the F distribution: P(F > x) with `df1`, `df2` degrees of freedom.
///
/// # Formula
///
/// ```text
/// P(F > x) = I_y(ν₂/2, ν₁/2),  y = ν₂/(ν₂ + ν₁·x)
/// ```
///
/// evaluated from the tail itself (the incomplete-beta pair of this module, with
/// y and ln y formed without cancellation), so small p-values keep their relative
/// precision. Used for the one-way and Welch ANOVA.
///
/// # Edge cases
///
/// `x ≤ 0` gives 1 and `x = +∞` gives 0; NaN when `x` is NaN or a df is not > 0
/// and finite.
///
/// Source: Abramowitz & Stegun 26.6.2; scipy `stats.f.sf` agrees to 1e-12
/// relative for df ≤ 10⁴ (ln B(a, b) comes from statrs's lnΓ, whose absolute
/// error grows with the shape parameters).
pub fn f_upper_p(x: f64, df1: f64, df2: f64) -> f64 {
    let valid_df = |d: f64| d.is_finite() && d > 0.0;
    if x.is_nan() || !valid_df(df1) || !valid_df(df2) {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    let a = 0.5 * df1;
    let b = 0.5 * df2;
    let ratio = df1 * x / df2;
    let ln_w = -(1.0 / ratio).ln_1p(); // ln(ν₁x/(ν₁x + ν₂))
    let ln_y = -ratio.ln_1p(); // ln(ν₂/(ν₁x + ν₂))
    let w = ratio / (1.0 + ratio);
    let y = 1.0 / (1.0 + ratio);
    match beta_reg_pair(a, b, w, y, ln_w, ln_y, beta::ln_beta(a, b)) {
        Some((_, upper)) => upper,
        None => f64::NAN,
    }
}

/// Upper tail of the chi-square distribution: P(X² > x) with `df` degrees of freedom.
///
/// # Formula
///
/// ```text
/// P(X² > x) = Q(ν/2, x/2)
/// ```
///
/// with Q the regularized upper incomplete gamma function (statrs, computed by its
/// continued fraction in the tail, so small p-values keep their relative precision).
/// Used for the Kruskal–Wallis test.
///
/// # Edge cases
///
/// `x ≤ 0` gives 1 and `x = +∞` gives 0; NaN when `x` is NaN or `df` is not > 0
/// and finite.
///
/// Source: Abramowitz & Stegun 26.4.2; scipy `stats.chi2.sf` agrees (see the tests).
pub fn chi_square_upper_p(x: f64, df: f64) -> f64 {
    if x.is_nan() || !df.is_finite() || df <= 0.0 {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    gamma::checked_gamma_ur(0.5 * df, 0.5 * x).unwrap_or(f64::NAN)
}

/// Standard normal quantile from statrs (only used for p strictly inside (0, 1)).
pub(crate) fn normal_quantile(p: f64) -> f64 {
    match Normal::new(0.0, 1.0) {
        Ok(normal) => normal.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// Tail and central probabilities of Student's t at x ≥ 0.
#[derive(Debug, Clone, Copy)]
struct TTails {
    /// P(T > x).
    upper: f64,
    /// P(|T| < x) = 1 − 2·upper, computed without cancellation.
    central: f64,
}

/// P(T > x) and P(|T| < x) for x ≥ 0 with ν = df, via I_h(ν/2, ½), h = ν/(ν + x²).
fn t_tails(x: f64, df: f64) -> Option<TTails> {
    if x == 0.0 {
        return Some(TTails { upper: 0.5, central: 0.0 });
    }
    let a = 0.5 * df;
    let s = x * x / df; // t²/ν
    if s.is_infinite() {
        return Some(TTails { upper: 0.0, central: 1.0 });
    }
    let h = 1.0 / (1.0 + s);
    let one_minus_h = s / (1.0 + s);
    let ln_h = -s.ln_1p();
    let ln_one_minus_h = -(1.0 / s).ln_1p();
    let (i_h, complement) = beta_reg_pair(a, 0.5, h, one_minus_h, ln_h, ln_one_minus_h, ln_beta_half(a))?;
    Some(TTails { upper: 0.5 * i_h, central: complement })
}

/// Density of Student's t with ν = df at x.
///
/// ```text
/// f(x) = (1 + x²/ν)^{−(ν+1)/2} / (√ν · B(ν/2, ½))
/// ```
fn t_density(x: f64, df: f64) -> f64 {
    let a = 0.5 * df;
    (-ln_beta_half(a) - 0.5 * df.ln() - (a + 0.5) * (x * x / df).ln_1p()).exp()
}

/// ln B(a, ½) = lnΓ(a) + lnΓ(½) − lnΓ(a + ½), without cancellation for large a.
///
/// For a ≥ 20 the difference lnΓ(a + ½) − lnΓ(a) comes from Stirling's series,
/// ```text
/// a·ln(1 + 1/(2a)) + ½·ln a − ½ + S(a + ½) − S(a),
/// S(z) = 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹)
/// ```
/// whose terms are all O(1), so the absolute error of the logarithm is ~1e-16
/// (statrs's lnΓ(a) alone is ~6·10⁶ at a = 5·10⁵).
fn ln_beta_half(a: f64) -> f64 {
    let ln_gamma_half = 0.5 * std::f64::consts::PI.ln();
    if a < 20.0 {
        return gamma::ln_gamma(a) + ln_gamma_half - gamma::ln_gamma(a + 0.5);
    }
    let stirling_tail = |z: f64| {
        let z2 = z * z;
        (1.0 / 12.0 + (-1.0 / 360.0 + (1.0 / 1260.0 + (-1.0 / 1680.0 + 1.0 / (1188.0 * z2)) / z2) / z2) / z2)
            / z
    };
    let ln_ratio = (a * (0.5 / a).ln_1p() - 0.5) + 0.5 * a.ln() + (stirling_tail(a + 0.5) - stirling_tail(a));
    ln_gamma_half - ln_ratio
}

/// Regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b).
///
/// `y = 1 − x`, `ln_x`, `ln_y` and `ln_b = ln B(a, b)` are passed in so the
/// caller can compute them without cancellation. Whichever of the pair the
/// continued fraction converges for is computed directly; the other one is 1
/// minus it, so the smaller of the two keeps full relative precision.
///
/// ```text
/// I_x(a, b) = x^a·y^b / (a·B(a, b)) · CF(a, b, x)   when x < (a + 1)/(a + b + 2)
/// 1 − I_x(a, b) = I_y(b, a)                          otherwise
/// ```
/// (Abramowitz & Stegun 26.5.8, evaluated by the modified Lentz method.)
fn beta_reg_pair(a: f64, b: f64, x: f64, y: f64, ln_x: f64, ln_y: f64, ln_b: f64) -> Option<(f64, f64)> {
    if x <= 0.0 {
        return Some((0.0, 1.0));
    }
    if y <= 0.0 {
        return Some((1.0, 0.0));
    }
    let ln_prefactor = a * ln_x + b * ln_y - ln_b;
    if x < (a + 1.0) / (a + b + 2.0) {
        let direct = (ln_prefactor.exp() * beta_continued_fraction(a, b, x)? / a).min(1.0);
        Some((direct, 1.0 - direct))
    } else {
        let direct = (ln_prefactor.exp() * beta_continued_fraction(b, a, y)? / b).min(1.0);
        Some((1.0 - direct, direct))
    }
}

/// Continued fraction of the incomplete beta function (A&S 26.5.8), modified Lentz.
///
/// ```text
/// CF = 1/(1+ d₁/(1+ d₂/(1+ …))),
/// d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),  d_{2m} = m(b−m)x / ((a+2m−1)(a+2m))
/// ```
/// `None` if it has not converged after 100 000 steps (it needs O(√max(a, b))).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> Option<f64> {
    const FLOOR: f64 = 1e-300;
    const MAX_STEPS: u32 = 100_000;
    let guard = |v: f64| if v.abs() < FLOOR { FLOOR } else { v };
    // Lentz: f = b₀ + a₁/(b₁ + a₂/(b₂ + …)) with b₀ = 0, a₁ = 1, b_j = 1, a_{j+1} = d_j.
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut f = d;
    for step in 1..=MAX_STEPS {
        let m = f64::from(step);
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        f *= d * c;
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let delta = d * c;
        f *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            return Some(f);
        }
    }
    None
}

/// Root of a monotone function g on (0, ∞) by Newton steps kept inside a bracket.
///
/// `eval(x)` returns `(g(x), g'(x))`; `increasing` says whether g increases.
/// A Newton step leaving the bracket (or a non-finite step) is replaced by
/// bisection, or by doubling while the bracket is still unbounded above.
fn solve_monotone(eval: impl Fn(f64) -> Option<(f64, f64)>, start: f64, increasing: bool) -> f64 {
    let mut lo = 0.0_f64;
    let mut hi = f64::INFINITY;
    let mut x = start;
    for _ in 0..500 {
        let Some((g, slope)) = eval(x) else {
            return f64::NAN;
        };
        if g == 0.0 {
            return x;
        }
        if g.is_nan() {
            return f64::NAN;
        }
        let root_above = if increasing { g < 0.0 } else { g > 0.0 };
        if root_above {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - g / slope;
        let next = if newton.is_finite() && newton > lo && newton < hi {
            newton
        } else if hi.is_finite() {
            0.5 * (lo + hi)
        } else {
            (2.0 * x).max(1.0)
        };
        if (next - x).abs() <= 4.0 * f64::EPSILON * next.abs() || next == lo || next == hi {
            return next;
        }
        x = next;
    }
    x
}
