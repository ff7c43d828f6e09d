//! The share of the baseline gap closed, `S = 1 − D₁/D₀`, with Fieller's interval of the
//! ratio `θ = D₁/D₀`.
//!
//! ```text
//! {θ : (D₁ − θ·D₀)² ≤ c²·(V₁ − 2θ·C + θ²·V₀)}
//!   ⇔ A·θ² − 2B·θ + K ≤ 0,  A = D₀² − c²V₀,  B = D₀D₁ − c²C,  K = D₁² − c²V₁
//! θ = (B ± √(B² − A·K)) / A   when A > 0 (bounded); unbounded when A ≤ 0
//! S interval = [1 − θ_high, 1 − θ_low]
//! ```
//!
//! `V₀`, `V₁` are the variances of the waves' differences, `C` their covariance (0 for
//! independent waves), `c` the critical value of the change's test. Fieller (1954),
//! *JRSS B* 16:175–185.

use super::{NotMeasurable, ShareClosed, ShareMethod};
use crate::kpi::Interval;

/// What Fieller's interval needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct RatioInputs {
    /// Baseline difference D₀.
    pub d0: f64,
    /// Later difference D₁.
    pub d1: f64,
    /// Var(D₀).
    pub var0: f64,
    /// Var(D₁).
    pub var1: f64,
    /// Cov(D₀, D₁).
    pub cov: f64,
    /// Critical value (t or z).
    pub critical: f64,
}

/// `S` with Fieller's interval; not measurable when `D₀ = 0` or the interval is unbounded.
pub(super) fn share_closed(r: &RatioInputs) -> Result<ShareClosed, NotMeasurable> {
    if r.d0 == 0.0 || !r.d0.is_finite() {
        return Err(NotMeasurable::BaselineGapZero);
    }
    let c2 = r.critical * r.critical;
    let a = r.d0 * r.d0 - c2 * r.var0;
    if a.is_nan() || a <= 0.0 || !c2.is_finite() {
        return Err(NotMeasurable::BaselineGapUncertain);
    }
    let b = r.d0 * r.d1 - c2 * r.cov;
    let k = r.d1 * r.d1 - c2 * r.var1;
    let root = (b * b - a * k).max(0.0).sqrt();
    let (theta_low, theta_high) = ((b - root) / a, (b + root) / a);
    Ok(ShareClosed {
        estimate: 1.0 - r.d1 / r.d0,
        interval: Some(Interval { low: 1.0 - theta_high, high: 1.0 - theta_low }),
        method: ShareMethod::Fieller,
    })
}
