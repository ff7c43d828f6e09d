//! Measured progress of an action plan (`gap-study.md` §4, issue 15 part 4): for each
//! action's metric (one gap id in one unit) with its baseline gap and the same gap on
//! later waves, whether the gap moved, by how much, with what uncertainty, and a verdict
//! that controls the error rate across the whole plan. Sans-IO: the caller gives [`Gap`]s.
//!
//! # What is compared
//!
//! Every gap has a signed difference `D = current − desired` (its own unit). Progress is
//! judged on `D`, so a gap whose desired side is itself measured (gap 5: P − E per customer,
//! gap 1: managers − customers, gap 2 alignment: target − customers' E) moves when either
//! side moves. With `s` the side that improves (`+1` when higher is better, `−1` when lower
//! is better, `−sign(D₀)` for an either-way gap):
//!
//! ```text
//! change           Δ = D₁ − D₀        (later − baseline; s·Δ > 0 is an improvement)
//! share closed     S = (D₀ − D₁) / D₀ = −Δ / D₀      (1 = closed, 0 = unchanged, < 0 = wider)
//! distance to target = s · (target − current₁)    (> 0: still short of the action's target)
//! ```
//!
//! # Interval and p-value of Δ, by the gaps' [`Sampling`](super::Sampling) (both waves must agree)
//!
//! | sampling | method ([`ChangeMethod`]) |
//! |---|---|
//! | `Mean` (independent waves) | Welch t of the two summaries (`stats::groups::welch_t`); for a sampled desired value Δ is minus the change of the mean |
//! | `Mean` + a [`PairedChange`] (panel) | paired t on the matched respondents' changes (`stats::paired::one_sample_t`), the exact Wilcoxon signed-rank p beside it when the changes' histogram is given (`stats::wilcoxon`) |
//! | `TwoMeans` (gap 1) | Welch–Satterthwaite over the four samples: `SE² = Σ sᵢ²/nᵢ`, `df = SE⁴ / Σ (sᵢ²/nᵢ)²/(nᵢ − 1)` |
//! | `Proportion` | Newcombe's hybrid score interval (method 10, from the two Wilson intervals, `kpi::Proportion::wilson`); p from the pooled two-proportion z test |
//! | `Quantile` | seeded percentile bootstrap: each replicate draws the order statistics the quantile needs of an n-ticket resample directly (`U₍ₖ₎ ~ Beta(k, n − k + 1)`, the next one as the minimum of the remaining uniforms, mapped through the empirical inverse distribution), which equals resampling n tickets with replacement; p = two-sided bootstrap p `min(1, 2·min(1 + #(Δ* ≤ 0), 1 + #(Δ* ≥ 0)) / (B + 1))` |
//! | `Exact` | Δ exact, no interval, no p (outside the family) |
//!
//! # Share of the gap closed
//!
//! `S = 1 − D₁/D₀`; its interval is Fieller's for the ratio `D₁/D₀` with the per-wave
//! variances of `D` (independent waves: covariance 0; a panel: the covariance implied by
//! `Var(Δ)`), at the same critical value as the change (t with its df, z for
//! proportions); for quantiles the bootstrap percentile interval of `S*`. Not measurable
//! when the baseline shows no shortfall (`D₀ = 0` or size 0), or when Fieller's interval
//! is unbounded (the baseline gap is not distinguishable from 0:
//! `t²·Var(D₀)/D₀² ≥ 1`).
//!
//! # Verdict and multiplicity
//!
//! The family is every (metric × later wave) of the plan whose change has a p-value; their
//! two-sided p are Holm-adjusted together (`stats::multiplicity::holm`), the unadjusted p
//! shown beside. With `α` the plan's level:
//!
//! ```text
//! p_Holm ≤ α and s·Δ > 0 and the later gap has no shortfall (size 0)  → closed
//! p_Holm ≤ α and s·Δ > 0                                              → improved (pace below)
//! p_Holm ≤ α and s·Δ < 0                                              → worsened
//! otherwise                                                            → not moving
//! ```
//!
//! Exact metrics are judged on the sign of Δ alone. Holm controls the family-wise rate of
//! any false verdict at α under any dependence (later waves share their baseline).
//!
//! # Schedule: on track or behind ([`Pace`])
//!
//! The schedule only splits "improved"; it never makes or unmakes a verdict of the Holm
//! rule. A wave's date `t` is the midpoint of its fieldwork ([`Fieldwork::midpoint`]); the
//! share the action was expected to have closed by then is
//! `E(t) = expected_share × clamp((t − start)/(due − start), 0, 1)` ([`Schedule`]).
//!
//! ```text
//! improved and the share-closed interval reaches E(t) (upper bound ≥ E(t))  → on track
//! improved and the whole interval lies below E(t)                           → behind schedule
//! improved without a schedule (no start, due or expected share)             → schedule not set
//! ```
//!
//! The interval is the share's own (unadjusted, at the options' level; an exact share is
//! its estimate): "behind" needs evidence, as "improved" does. Without a share interval
//! because the baseline gap cannot be told from 0 (Fieller unbounded) the interval is the
//! whole line, so on track; a baseline with no shortfall leaves nothing to close: on track.
//!
//! # Trend over three or more waves, in calendar time
//!
//! The slope of `D` **per year** (365.25 days) against the waves' dates (fieldwork
//! midpoints, in years since the baseline wave's) by weighted least squares with weights
//! `1/Var(Dᵢ)` and a z interval (known variances); when a wave's variance is 0 or unknown,
//! ordinary least squares with a t interval on k − 2 df. Waves with the same date give no
//! trend. The trend is descriptive: it is not in the verdict family.

mod change;
mod fieller;
mod judge;
pub mod panel;
mod quantile;
mod rng;
mod schedule;
mod trend;

#[cfg(test)]
mod null_simulation;
#[cfg(test)]
mod tests;

pub use judge::assess;
pub use schedule::{Fieldwork, Schedule, DAYS_PER_YEAR};

use super::gap::Gap;
use super::gap_id::GapId;
use super::slug::Slug;
use crate::kpi::Interval;

/// The matched respondents' changes of a panel (the same people in both waves): n, mean
/// and sample variance of `later − baseline` of the gap's sampled value, and optionally
/// their histogram for the Wilcoxon signed-rank test (values scaled to integers; only
/// signs, order and ties matter). With a panel, Δ is the matched respondents' mean change
/// (sign-adjusted for a sampled desired value), which can differ from `D₁ − D₀` when some
/// respondents answered one wave only; the share closed still uses `D₀` and `D₁`.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedChange {
    /// Matched respondents.
    pub n: u64,
    /// Mean of `later − baseline`.
    pub mean: f64,
    /// Sample variance of `later − baseline` (divisor n − 1).
    pub variance: f64,
    /// `(scaled change, count)` for the Wilcoxon test; empty when not available.
    pub histogram: Vec<(i128, u64)>,
    /// A Wilcoxon signed-rank p computed elsewhere (a panel comparison), used when
    /// `histogram` is empty.
    pub wilcoxon_p: Option<f64>,
}

impl PairedChange {
    /// From a panel's paired change of one score (`servqual::PairedChange` of a `PanelComparison`): n, mean,
    /// SD² and its Wilcoxon p. `None` without a mean or SD (n < 2).
    pub fn from_panel(change: &crate::servqual::PairedChange) -> Option<PairedChange> {
        Some(PairedChange {
            n: change.n,
            mean: change.mean?,
            variance: change.sd?.powi(2),
            histogram: Vec::new(),
            wilcoxon_p: change.wilcoxon.map(|w| w.p),
        })
    }
}

/// One later wave of a metric: the gap measured there (`None` when the wave did not
/// measure it), and a panel's matched changes when there are any.
#[derive(Debug, Clone, PartialEq)]
pub struct LaterWave {
    /// The wave.
    pub wave: Slug,
    /// When the wave measured (its date is the fieldwork's midpoint).
    pub fieldwork: Fieldwork,
    /// The same gap id in the same unit, measured on this wave.
    pub gap: Option<Gap>,
    /// Matched respondents' changes against the baseline (a panel).
    pub paired: Option<PairedChange>,
}

/// One action's metric: the baseline gap and the later waves, in study order.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    /// The action whose metric this is.
    pub action: Slug,
    /// True when the action is marked done (for the "done but did not move" finding).
    pub done: bool,
    /// The action's target for the metric's current value (its own unit), if set.
    pub target: Option<f64>,
    /// The baseline gap (the wave the action was planned on).
    pub baseline: Gap,
    /// When the baseline wave measured.
    pub baseline_fieldwork: Fieldwork,
    /// The action's start, due date and expected share (`None`: schedule not set).
    pub schedule: Option<Schedule>,
    /// Later waves, in study order.
    pub later: Vec<LaterWave>,
}

/// Settings of [`assess`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressOptions {
    /// Family-wise error rate of the verdicts (0.05).
    pub alpha: f64,
    /// Confidence level of the intervals (0.95).
    pub level: f64,
    /// Bootstrap replicates for quantile metrics (2000).
    pub replicates: u32,
    /// Seed of the bootstrap.
    pub seed: u64,
}

impl Default for ProgressOptions {
    fn default() -> Self {
        ProgressOptions { alpha: 0.05, level: 0.95, replicates: 2000, seed: 15 }
    }
}

/// How a change's interval and p were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeMethod {
    /// Welch t of two independent means.
    Welch,
    /// Paired t of a panel's matched changes.
    PairedT,
    /// Welch–Satterthwaite over two independent differences of means (gap 1).
    WelchSatterthwaite,
    /// Newcombe's hybrid score interval of a difference of proportions; pooled z p.
    Newcombe,
    /// Seeded percentile bootstrap of a quantile's change.
    Bootstrap,
    /// No sampling: the change is exact.
    Exact,
}

impl ChangeMethod {
    /// `welch`, `paired-t`, `welch-satterthwaite`, `newcombe`, `bootstrap`, `exact`.
    pub fn id(self) -> &'static str {
        match self {
            ChangeMethod::Welch => "welch",
            ChangeMethod::PairedT => "paired-t",
            ChangeMethod::WelchSatterthwaite => "welch-satterthwaite",
            ChangeMethod::Newcombe => "newcombe",
            ChangeMethod::Bootstrap => "bootstrap",
            ChangeMethod::Exact => "exact",
        }
    }
}

/// The change of a gap's difference from the baseline, `Δ = D₁ − D₀`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Δ in the gap's unit.
    pub estimate: f64,
    /// Interval of Δ at the options' level (`None` when exact).
    pub interval: Option<Interval>,
    /// Two-sided p of Δ = 0 (`None` when exact).
    pub p: Option<f64>,
    /// Degrees of freedom of a t method.
    pub df: Option<f64>,
    /// The Wilcoxon signed-rank p of a panel's changes, shown beside the paired t.
    pub wilcoxon_p: Option<f64>,
    /// How it was computed.
    pub method: ChangeMethod,
}

/// How a share-closed interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShareMethod {
    /// Fieller's interval of the ratio D₁/D₀.
    Fieller,
    /// Bootstrap percentile interval (quantile metrics).
    Bootstrap,
    /// Exact values: no interval.
    Exact,
}

impl ShareMethod {
    /// `fieller`, `bootstrap`, `exact`.
    pub fn id(self) -> &'static str {
        match self {
            ShareMethod::Fieller => "fieller",
            ShareMethod::Bootstrap => "bootstrap",
            ShareMethod::Exact => "exact",
        }
    }
}

/// The share of the baseline gap closed, `S = (D₀ − D₁)/D₀`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareClosed {
    /// S (1 closed, 0 unchanged, negative wider).
    pub estimate: f64,
    /// Its interval (`None` when exact).
    pub interval: Option<Interval>,
    /// How.
    pub method: ShareMethod,
}

/// Why a change, share or verdict cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotMeasurable {
    /// The later wave did not measure the gap.
    MissingInWave,
    /// The gap is judged (qualitative), not measured.
    Judged,
    /// A wave's gap has no sampling summary (incomplete inputs).
    NoSampling,
    /// The two waves' samplings are of different kinds.
    SamplingMismatch,
    /// A sample has fewer than two observations.
    TooFewObservations,
    /// Both waves' answers are constant: the test statistic is undefined.
    ZeroVariance,
    /// The baseline shows no shortfall, so no share of it can close.
    BaselineGapZero,
    /// The baseline gap is not distinguishable from zero: the share's interval is unbounded.
    BaselineGapUncertain,
}

impl NotMeasurable {
    /// Stable id, e.g. `missing-in-wave`.
    pub fn id(self) -> &'static str {
        match self {
            NotMeasurable::MissingInWave => "missing-in-wave",
            NotMeasurable::Judged => "judged",
            NotMeasurable::NoSampling => "no-sampling",
            NotMeasurable::SamplingMismatch => "sampling-mismatch",
            NotMeasurable::TooFewObservations => "too-few-observations",
            NotMeasurable::ZeroVariance => "zero-variance",
            NotMeasurable::BaselineGapZero => "baseline-gap-zero",
            NotMeasurable::BaselineGapUncertain => "baseline-gap-uncertain",
        }
    }
}

/// The verdict on one metric in one later wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Significant improvement and no shortfall left.
    Closed,
    /// Significant improvement, and how it compares with the schedule.
    Improved(Pace),
    /// No significant change.
    NotMoving,
    /// Significant change away from the desired side.
    Worsened,
    /// Cannot be judged, and why.
    NotMeasurable(NotMeasurable),
}

impl Verdict {
    /// `closed`, `improved`, `not-moving`, `worsened`, `not-measurable`.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Closed => "closed",
            Verdict::Improved(_) => "improved",
            Verdict::NotMoving => "not-moving",
            Verdict::Worsened => "worsened",
            Verdict::NotMeasurable(_) => "not-measurable",
        }
    }
}

impl Verdict {
    /// The pace of an improvement (`None` for every other verdict).
    pub fn pace(self) -> Option<Pace> {
        match self {
            Verdict::Improved(pace) => Some(pace),
            _ => None,
        }
    }
}

/// How an improvement compares with the action's schedule (module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pace {
    /// The share-closed interval reaches the share expected by the wave's date.
    OnTrack,
    /// The whole share-closed interval lies below the share expected by then.
    Behind,
    /// The action has no schedule (start, due or expected share).
    ScheduleNotSet,
}

impl Pace {
    /// `on-track`, `behind-schedule`, `schedule-not-set`.
    pub fn id(self) -> &'static str {
        match self {
            Pace::OnTrack => "on-track",
            Pace::Behind => "behind-schedule",
            Pace::ScheduleNotSet => "schedule-not-set",
        }
    }
}

/// A metric on one later wave.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveProgress {
    /// The wave.
    pub wave: Slug,
    /// The gap's current value there (`None` when missing).
    pub value: Option<f64>,
    /// Its difference `D₁` (`None` when missing).
    pub difference: Option<f64>,
    /// Its normalised size (`None` when missing).
    pub size: Option<f64>,
    /// The change from the baseline, or why not.
    pub change: Result<Change, NotMeasurable>,
    /// The share of the baseline gap closed, or why not.
    pub share_closed: Result<ShareClosed, NotMeasurable>,
    /// `s·(target − current)`: how far the value still is from the action's target
    /// (≤ 0: reached); `None` without a target or a value.
    pub distance_to_target: Option<f64>,
    /// `E(t)`: the share of the baseline gap the schedule expected closed by the wave's
    /// date (`None` without a schedule).
    pub expected_share: Option<f64>,
    /// Holm-adjusted p over the plan's family (`None` outside it).
    pub p_adjusted: Option<f64>,
    /// The verdict under the Holm rule.
    pub verdict: Verdict,
    /// The verdict the same rule would give on the unadjusted p (shown beside; not used).
    pub verdict_unadjusted: Verdict,
}

/// The slope of `D` per year over three or more measured waves, against their dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// Slope of D per year of 365.25 days (the gap's unit per year).
    pub slope: f64,
    /// Interval of the slope at the options' level.
    pub interval: Option<Interval>,
    /// Two-sided p of slope = 0 (descriptive, not in the verdict family).
    pub p: Option<f64>,
    /// Waves used (baseline included).
    pub waves: usize,
    /// How.
    pub method: TrendMethod,
}

/// How a trend was fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrendMethod {
    /// Inverse-variance weighted least squares, z interval.
    WeightedLeastSquares,
    /// Ordinary least squares, t interval on k − 2 df.
    OrdinaryLeastSquares,
}

impl TrendMethod {
    /// `wls`, `ols`.
    pub fn id(self) -> &'static str {
        match self {
            TrendMethod::WeightedLeastSquares => "wls",
            TrendMethod::OrdinaryLeastSquares => "ols",
        }
    }
}

/// One action's metric over the waves.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricProgress {
    /// The action.
    pub action: Slug,
    /// The metric's gap id.
    pub metric: GapId,
    /// The unit.
    pub unit: Slug,
    /// The baseline wave.
    pub baseline_wave: Slug,
    /// Baseline current value.
    pub baseline_value: f64,
    /// Baseline difference D₀.
    pub baseline_difference: f64,
    /// The action's target, as given.
    pub target: Option<f64>,
    /// Whether the action is marked done.
    pub done: bool,
    /// Each later wave, in the order given.
    pub waves: Vec<WaveProgress>,
    /// The trend when three or more waves (baseline included) were measured.
    pub trend: Option<Trend>,
}

impl MetricProgress {
    /// The verdict on the latest wave that measured the metric; not measurable
    /// (missing) when none did.
    pub fn latest_verdict(&self) -> Verdict {
        self.waves
            .iter()
            .rev()
            .find(|w| w.value.is_some())
            .map_or(Verdict::NotMeasurable(NotMeasurable::MissingInWave), |w| w.verdict)
    }
}

/// Counts of the metrics by their latest verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanSummary {
    /// Closed.
    pub closed: usize,
    /// Improved, at any pace (the sum of the next three).
    pub improved: usize,
    /// Improved and on track.
    pub on_track: usize,
    /// Improved but behind schedule.
    pub behind_schedule: usize,
    /// Improved, schedule not set.
    pub schedule_not_set: usize,
    /// Not moving.
    pub not_moving: usize,
    /// Worsened.
    pub worsened: usize,
    /// Not measurable.
    pub not_measurable: usize,
}

/// "Action marked done but its metric did not move" (latest verdict not moving or worsened).
#[derive(Debug, Clone, PartialEq)]
pub struct DoneNotMoving {
    /// The action.
    pub action: Slug,
    /// Its metric.
    pub metric: GapId,
    /// The wave judged.
    pub wave: Slug,
    /// Not moving or worsened.
    pub verdict: Verdict,
}

/// The plan's measured progress.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanProgress {
    /// One entry per metric series, in the order given.
    pub metrics: Vec<MetricProgress>,
    /// Tests in the Holm family (metric × later wave with a p-value).
    pub family_size: usize,
    /// The options used.
    pub options: ProgressOptions,
    /// Counts by latest verdict.
    pub summary: PlanSummary,
    /// Actions marked done whose metric did not move.
    pub done_not_moving: Vec<DoneNotMoving>,
}
