//! The change `Δ = D₁ − D₀` of one metric between its baseline and a later wave, by the
//! waves' sampling (module documentation of [`super`]), with what the share-closed
//! interval needs.

use super::fieller::{share_closed, RatioInputs};
use super::quantile::bootstrap_change;
use super::{Change, ChangeMethod, NotMeasurable, PairedChange, ProgressOptions, ShareClosed, ShareMethod};
use crate::kpi::{newcombe_difference, Interval, Proportion};
use crate::stats::distributions::{normal_quantile, normal_two_sided_p, t_quantile, t_two_sided_p};
use crate::stats::groups::{welch_t, GroupSummary};
use crate::stats::paired::one_sample_t;
use crate::stats::wilcoxon::{signed_rank, WilcoxonMethod, WilcoxonOptions, ZeroMethod};
use crate::study::gap::Gap;
use crate::study::sampling::{SampledValue, Sampling};

/// A change with its share of the gap closed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Compared {
    pub change: Change,
    pub share: Result<ShareClosed, NotMeasurable>,
}

/// Compares `later` with `baseline` (same gap id and unit; the caller checks).
pub(super) fn compare(
    baseline: &Gap,
    later: &Gap,
    paired: Option<&PairedChange>,
    options: &ProgressOptions,
) -> Result<Compared, NotMeasurable> {
    if baseline.judged.is_some() || later.judged.is_some() {
        return Err(NotMeasurable::Judged);
    }
    let (Some(s0), Some(s1)) = (&baseline.sampling, &later.sampling) else {
        return Err(NotMeasurable::NoSampling);
    };
    let (d0, d1) = (baseline.difference, later.difference);
    match (s0, s1) {
        (Sampling::Mean { of: a, summary: x0 }, Sampling::Mean { of: b, summary: x1 }) if a == b => {
            let sign = if *a == SampledValue::Desired { -1.0 } else { 1.0 };
            match paired {
                Some(p) => paired_means(sign, x0, x1, p, (d0, d1), options),
                None => welch_means(sign, x0, x1, (d0, d1), options),
            }
        }
        (
            Sampling::TwoMeans { current: m0, desired: c0 },
            Sampling::TwoMeans { current: m1, desired: c1 },
        ) => two_differences([m0, c0], [m1, c1], (d0, d1), options),
        (
            Sampling::Proportion { successes: x0, trials: n0 },
            Sampling::Proportion { successes: x1, trials: n1 },
        ) => proportions(Proportion::new(*x0, *n0), Proportion::new(*x1, *n1), (d0, d1), options),
        (Sampling::Quantile(q0), Sampling::Quantile(q1)) => {
            bootstrap_change(q0, q1, baseline, later, options)
        }
        (Sampling::Exact, Sampling::Exact) => Ok(exact(d0, d1)),
        _ => Err(NotMeasurable::SamplingMismatch),
    }
}

fn exact(d0: f64, d1: f64) -> Compared {
    let change = Change {
        estimate: d1 - d0,
        interval: None,
        p: None,
        df: None,
        wilcoxon_p: None,
        method: ChangeMethod::Exact,
    };
    let share = if d0 == 0.0 {
        Err(NotMeasurable::BaselineGapZero)
    } else {
        Ok(ShareClosed { estimate: (d0 - d1) / d0, interval: None, method: ShareMethod::Exact })
    };
    Compared { change, share }
}

/// Variance of a mean, s²/n.
fn mean_variance(g: &GroupSummary) -> f64 {
    g.variance / g.n as f64
}

fn too_few_or_constant(groups: &[&GroupSummary]) -> NotMeasurable {
    if groups.iter().any(|g| g.n < 2) {
        NotMeasurable::TooFewObservations
    } else {
        NotMeasurable::ZeroVariance
    }
}

/// `sign · [low, high]` as an ordered interval.
fn signed(sign: f64, low: f64, high: f64) -> Interval {
    if sign < 0.0 {
        Interval { low: -high, high: -low }
    } else {
        Interval { low, high }
    }
}

fn welch_means(
    sign: f64,
    x0: &GroupSummary,
    x1: &GroupSummary,
    (d0, d1): (f64, f64),
    options: &ProgressOptions,
) -> Result<Compared, NotMeasurable> {
    let w = welch_t(x1, x0, options.level).ok_or_else(|| too_few_or_constant(&[x0, x1]))?;
    // Δ = sign·(x̄₁ − x̄₀) plus any change of the fixed side (a target moved between waves).
    let offset = (d1 - d0) - sign * w.difference;
    let i = signed(sign, w.ci_low, w.ci_high);
    let change = Change {
        estimate: d1 - d0,
        interval: Some(Interval { low: i.low + offset, high: i.high + offset }),
        p: Some(w.p),
        df: Some(w.df),
        wilcoxon_p: None,
        method: ChangeMethod::Welch,
    };
    let ratio = RatioInputs {
        d0,
        d1,
        var0: mean_variance(x0),
        var1: mean_variance(x1),
        cov: 0.0,
        critical: t_quantile(0.5 + 0.5 * options.level, w.df),
    };
    Ok(Compared { change, share: share_closed(&ratio) })
}

fn paired_means(
    sign: f64,
    x0: &GroupSummary,
    x1: &GroupSummary,
    p: &PairedChange,
    (d0, d1): (f64, f64),
    options: &ProgressOptions,
) -> Result<Compared, NotMeasurable> {
    if p.n < 2 {
        return Err(NotMeasurable::TooFewObservations);
    }
    let t = one_sample_t(p.n, p.mean, p.variance.sqrt(), 0.0, options.level)
        .ok_or(NotMeasurable::ZeroVariance)?;
    let wilcoxon =
        WilcoxonOptions { zero_method: ZeroMethod::Wilcox, continuity: true, method: WilcoxonMethod::Auto };
    let change = Change {
        estimate: sign * p.mean,
        interval: Some(signed(sign, t.ci_low, t.ci_high)),
        p: Some(t.p),
        df: Some(t.df),
        wilcoxon_p: signed_rank(&p.histogram, wilcoxon).map(|w| w.p).or(p.wilcoxon_p),
        method: ChangeMethod::PairedT,
    };
    // Var(D₁ − D₀) = Var(D₀) + Var(D₁) − 2·Cov  ⇒  Cov = (Var(D₀) + Var(D₁) − Var(Δ)) / 2.
    let (var0, var1) = (mean_variance(x0), mean_variance(x1));
    let cov = (var0 + var1 - p.variance / p.n as f64) / 2.0;
    let ratio =
        RatioInputs { d0, d1, var0, var1, cov, critical: t_quantile(0.5 + 0.5 * options.level, t.df) };
    Ok(Compared { change, share: share_closed(&ratio) })
}

fn two_differences(
    base: [&GroupSummary; 2],
    later: [&GroupSummary; 2],
    (d0, d1): (f64, f64),
    options: &ProgressOptions,
) -> Result<Compared, NotMeasurable> {
    let all = [base[0], base[1], later[0], later[1]];
    if all.iter().any(|g| g.n < 2) {
        return Err(NotMeasurable::TooFewObservations);
    }
    let parts = all.map(mean_variance);
    let se2: f64 = parts.iter().sum();
    if se2.is_nan() || se2 <= 0.0 {
        return Err(NotMeasurable::ZeroVariance);
    }
    // Welch–Satterthwaite over the four independent means.
    let denominator: f64 = parts.iter().zip(all).map(|(v, g)| v * v / (g.n as f64 - 1.0)).sum();
    let df = se2 * se2 / denominator;
    let se = se2.sqrt();
    let estimate = d1 - d0;
    let critical = t_quantile(0.5 + 0.5 * options.level, df);
    let change = Change {
        estimate,
        interval: Some(Interval { low: estimate - critical * se, high: estimate + critical * se }),
        p: Some(t_two_sided_p(estimate / se, df)),
        df: Some(df),
        wilcoxon_p: None,
        method: ChangeMethod::WelchSatterthwaite,
    };
    let ratio =
        RatioInputs { d0, d1, var0: parts[0] + parts[1], var1: parts[2] + parts[3], cov: 0.0, critical };
    Ok(Compared { change, share: share_closed(&ratio) })
}

/// Newcombe (1998) method 10 ([`newcombe_difference`], shared with the KPI ↔ CSAT association).
/// p: pooled z, `z = Δ / √(p̄(1 − p̄)(1/n₀ + 1/n₁))`; p = 1 when p̄ is 0 or 1 (Δ is then 0).
fn proportions(
    x0: Proportion,
    x1: Proportion,
    (d0, d1): (f64, f64),
    options: &ProgressOptions,
) -> Result<Compared, NotMeasurable> {
    let z = normal_quantile(0.5 + 0.5 * options.level);
    let (Some(p0), Some(p1), Some(Interval { low, high })) =
        (x0.share(), x1.share(), newcombe_difference(x1, x0, z))
    else {
        return Err(NotMeasurable::TooFewObservations);
    };
    let delta = p1 - p0;
    let (n0, n1) = (x0.n as f64, x1.n as f64);
    let pooled = (x0.successes + x1.successes) as f64 / (n0 + n1);
    let se = (pooled * (1.0 - pooled) * (1.0 / n0 + 1.0 / n1)).sqrt();
    let p = if se > 0.0 { normal_two_sided_p(delta / se) } else { 1.0 };
    let change = Change {
        estimate: d1 - d0,
        interval: Some(Interval { low: low + (d1 - d0 - delta), high: high + (d1 - d0 - delta) }),
        p: Some(p),
        df: None,
        wilcoxon_p: None,
        method: ChangeMethod::Newcombe,
    };
    let ratio =
        RatioInputs { d0, d1, var0: p0 * (1.0 - p0) / n0, var1: p1 * (1.0 - p1) / n1, cov: 0.0, critical: z };
    Ok(Compared { change, share: share_closed(&ratio) })
}
