//! Measured progress of a study's action plan (schema `servgap.progress/2`,
//! `docs/progress-json.md`): per action its metric over the waves (the chart's data), per
//! later wave the change from the baseline with its interval, the share of the gap closed,
//! the share the schedule expected by the wave's date, the distance to the target and the
//! verdict (Holm over the plan) with an improvement's pace (on track, behind schedule,
//! schedule not set); the trend per year over three or more waves; the plan summary; the
//! actions marked done whose metric did not move.
//! Converted field by field from `servgap_core::study::progress`; language-free.

use serde::{Deserialize, Serialize};
use servgap_core::study::plan::{Action, Plan};
use servgap_core::study::progress::{
    DoneNotMoving, MetricProgress, MetricSeries, NotMeasurable, PlanProgress, Trend, Verdict, WaveProgress,
};
use servgap_core::study::{Gap, Slug, Study};

/// Identifier of the progress JSON layout; bumped on any incompatible change.
pub const PROGRESS_SCHEMA: &str = "servgap.progress/2";

/// The measured progress of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressReport {
    /// [`PROGRESS_SCHEMA`].
    pub schema: String,
    /// servgap version that wrote it.
    pub generator: String,
    /// Study slug.
    pub study: String,
    /// Study name as written.
    pub study_name: String,
    /// Confidence level of every interval.
    pub level: f64,
    /// Family-wise error rate of the verdicts.
    pub alpha: f64,
    /// Tests in the Holm family (metric × later wave with a p-value).
    pub family_size: usize,
    /// Bootstrap replicates and seed of quantile metrics.
    pub bootstrap: BootstrapView,
    /// The study's waves, in order.
    pub waves: Vec<ProgressWaveView>,
    /// One entry per measured action, plan order.
    pub actions: Vec<ActionProgressView>,
    /// Actions not measured, and why.
    pub unmeasured: Vec<UnmeasuredView>,
    /// Metrics by their latest verdict.
    pub summary: ProgressSummaryView,
    /// Actions marked done whose metric did not move.
    pub done_not_moving: Vec<DoneNotMovingView>,
}

/// Settings of the quantile bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapView {
    /// Replicates.
    pub replicates: u32,
    /// Seed.
    pub seed: u64,
}

/// A wave of the study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressWaveView {
    /// Slug.
    pub slug: String,
    /// First day, ISO 8601.
    pub start: String,
    /// Last day, ISO 8601.
    pub end: String,
}

/// An action's metric over the waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionProgressView {
    /// Action slug.
    pub action: String,
    /// Title as written.
    pub title: String,
    /// Owner, when named.
    pub owner: Option<String>,
    /// `planned`, `in-progress`, `blocked`, `done`, `dropped`.
    pub status: String,
    /// The metric's gap id.
    pub metric: String,
    /// `g1`…`g5`, `kpi`.
    pub kind: String,
    /// Unit slug.
    pub unit: String,
    /// Unit of the values (`scale-points`, `share`, `seconds`, …).
    pub measure_unit: String,
    /// `higher`, `lower`, `either`.
    pub direction: String,
    /// Baseline wave slug.
    pub baseline_wave: String,
    /// Baseline current value.
    pub baseline_value: f64,
    /// Baseline difference D₀ = current − desired.
    pub baseline_difference: f64,
    /// The action's target for the current value.
    pub target: Option<f64>,
    /// Share of the baseline gap the action is expected to close.
    pub expected_share: Option<f64>,
    /// The action's first day, ISO 8601.
    pub start: String,
    /// The action's due date, ISO 8601.
    pub due: String,
    /// The metric's current value in every wave from the baseline on (chart data).
    pub series: Vec<MetricPointView>,
    /// Each later wave.
    pub waves: Vec<WaveProgressView>,
    /// Trend over three or more measured waves.
    pub trend: Option<TrendView>,
    /// Verdict on the latest wave that measured the metric.
    pub latest_verdict: String,
    /// Its pace when improved: `on-track`, `behind-schedule`, `schedule-not-set`.
    pub latest_pace: Option<String>,
}

/// The metric's current value in one wave, with the interval of its gap placed around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricPointView {
    /// Wave slug.
    pub wave: String,
    /// Current value, `None` when not measured.
    pub value: Option<f64>,
    /// The gap's interval shifted onto the current value: `[low, high] + (current − difference)`
    /// (exact when the desired value is fixed; for gap 5 the interval of P − E around P).
    pub interval: Option<[f64; 2]>,
    /// Observations behind the value.
    pub n: Option<u64>,
}

/// One later wave of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveProgressView {
    /// Wave slug.
    pub wave: String,
    /// Current value (`None`: not measured there).
    pub value: Option<f64>,
    /// Difference D₁.
    pub difference: Option<f64>,
    /// Normalised size.
    pub size: Option<f64>,
    /// Change Δ = D₁ − D₀.
    pub change: Option<f64>,
    /// Its interval.
    pub change_interval: Option<[f64; 2]>,
    /// Unadjusted two-sided p of Δ = 0.
    pub p: Option<f64>,
    /// Degrees of freedom of a t method.
    pub df: Option<f64>,
    /// Wilcoxon p beside a paired t.
    pub wilcoxon_p: Option<f64>,
    /// `welch`, `paired-t`, `welch-satterthwaite`, `newcombe`, `bootstrap`, `exact`.
    pub method: Option<String>,
    /// Share of the baseline gap closed.
    pub share_closed: Option<f64>,
    /// Its interval.
    pub share_closed_interval: Option<[f64; 2]>,
    /// `fieller`, `bootstrap`, `exact`.
    pub share_method: Option<String>,
    /// Why the share is not given (a [`NotMeasurable`] id).
    pub share_reason: Option<String>,
    /// `E(t)`: the share of the baseline gap the schedule expected closed by the wave's
    /// date (fieldwork midpoint); `None` when the schedule is not set.
    pub expected_share: Option<f64>,
    /// How far the value still is from the target on the improving side (≤ 0: reached).
    pub distance_to_target: Option<f64>,
    /// Holm-adjusted p.
    pub p_adjusted: Option<f64>,
    /// `closed`, `improved`, `not-moving`, `worsened`, `not-measurable`.
    pub verdict: String,
    /// An improvement's pace: `on-track`, `behind-schedule`, `schedule-not-set`.
    pub pace: Option<String>,
    /// Why not measurable (a [`NotMeasurable`] id), for that verdict.
    pub reason: Option<String>,
    /// The verdict the unadjusted p would give (shown beside, not used).
    pub verdict_unadjusted: String,
    /// Its pace when improved.
    pub pace_unadjusted: Option<String>,
    /// How a customer-survey metric's two waves were matched by respondent id, and which
    /// design ran (`None` for other metrics, or when a wave's file has no id column). Added
    /// in `servgap.progress/2`; absent in older documents.
    #[serde(default)]
    pub pairing: Option<PairingView>,
}

/// The respondent-id matching of a customer-survey metric between its baseline wave and
/// one later wave, within the metric's unit (`docs/progress-json.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairingView {
    /// `paired` (paired t and Wilcoxon on the matched respondents) or `independent` (Welch).
    pub design: String,
    /// Whether the request forced the design (`--paired`, `--independent`).
    pub forced: bool,
    /// Distinct non-blank ids of the unit's respondents in the baseline and in the later wave.
    pub ids: [u64; 2],
    /// Ids present in both.
    pub matched: u64,
    /// Matched respondents with the metric's score in both waves (the paired t's n).
    pub paired_n: Option<u64>,
    /// The baseline's and the later wave's instrument ids when the two customer files use
    /// different instruments, which keeps the waves independent whatever the ids; `null`
    /// when they use the same one. Added within `servgap.progress/2`; absent in older documents.
    #[serde(default)]
    pub different_instruments: Option<[String; 2]>,
}

/// What [`ProgressReport::with_pairings`] takes for one metric × later wave.
#[derive(Debug, Clone, Copy)]
pub struct PairingInput<'a> {
    /// The action whose metric it is.
    pub action: &'a Slug,
    /// The later wave.
    pub wave: &'a Slug,
    /// The design applied.
    pub design: servgap_core::servqual::Design,
    /// Whether the request forced it.
    pub forced: bool,
    /// Identified respondents of the unit in the baseline and the later wave.
    pub ids: [u64; 2],
    /// Ids in both.
    pub matched: u64,
    /// Matched respondents with the score in both waves (paired design).
    pub paired_n: Option<u64>,
    /// The two waves' instrument ids (baseline, later) when they differ.
    pub different_instruments: Option<[&'a str; 2]>,
}

impl ProgressReport {
    /// The report with each customer-survey metric's id matching attached to its later
    /// waves (the others keep `pairing: None`).
    pub fn with_pairings(mut self, pairings: &[PairingInput<'_>]) -> ProgressReport {
        for p in pairings {
            let action = p.action.as_str();
            let wave = p.wave.as_str();
            let found = self
                .actions
                .iter_mut()
                .filter(|a| a.action == action)
                .flat_map(|a| a.waves.iter_mut())
                .find(|w| w.wave == wave);
            if let Some(w) = found {
                w.pairing = Some(PairingView {
                    design: p.design.id().to_owned(),
                    forced: p.forced,
                    ids: p.ids,
                    matched: p.matched,
                    paired_n: p.paired_n,
                    different_instruments: p.different_instruments.map(|ids| ids.map(str::to_owned)),
                });
            }
        }
        self
    }
}

/// The slope of the gap per year, against the waves' dates (fieldwork midpoints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendView {
    /// Slope of D per year of 365.25 days.
    pub slope: f64,
    /// Its interval.
    pub interval: Option<[f64; 2]>,
    /// Two-sided p (descriptive).
    pub p: Option<f64>,
    /// Waves used.
    pub waves: usize,
    /// `wls` or `ols`.
    pub method: String,
}

/// An action not measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmeasuredView {
    /// Action slug.
    pub action: String,
    /// `no-metric` or `no-baseline`.
    pub reason: String,
}

/// Metrics by their latest verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgressSummaryView {
    /// Closed.
    pub closed: usize,
    /// Improved, at any pace (on track + behind schedule + schedule not set).
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

/// "Marked done, but the metric did not move".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoneNotMovingView {
    /// Action slug.
    pub action: String,
    /// Metric gap id.
    pub metric: String,
    /// Wave judged.
    pub wave: String,
    /// `not-moving` or `worsened`.
    pub verdict: String,
}

/// What [`ProgressReport::new`] is built from.
#[derive(Debug, Clone, Copy)]
pub struct ProgressInputs<'a> {
    /// The study.
    pub study: &'a Study,
    /// The plan measured.
    pub plan: &'a Plan,
    /// The series handed to the core, one per measured metric.
    pub series: &'a [MetricSeries],
    /// The core's result.
    pub progress: &'a PlanProgress,
    /// Actions not measured: slug and reason id.
    pub unmeasured: &'a [(Slug, &'static str)],
    /// servgap version.
    pub generator: &'a str,
}

impl ProgressReport {
    /// The view model of a plan's measured progress.
    pub fn new(inputs: &ProgressInputs<'_>) -> ProgressReport {
        let study = inputs.study;
        let actions = inputs
            .progress
            .metrics
            .iter()
            .zip(inputs.series)
            .filter_map(|(m, s)| inputs.plan.action(&m.action).map(|a| action_view(a, s, m)))
            .collect();
        let s = inputs.progress.summary;
        ProgressReport {
            schema: PROGRESS_SCHEMA.to_owned(),
            generator: inputs.generator.to_owned(),
            study: study.slug().to_string(),
            study_name: study.name().to_owned(),
            level: inputs.progress.options.level,
            alpha: inputs.progress.options.alpha,
            family_size: inputs.progress.family_size,
            bootstrap: BootstrapView {
                replicates: inputs.progress.options.replicates,
                seed: inputs.progress.options.seed,
            },
            waves: study
                .waves()
                .iter()
                .map(|w| ProgressWaveView {
                    slug: w.slug().to_string(),
                    start: w.start().to_string(),
                    end: w.end().to_string(),
                })
                .collect(),
            actions,
            unmeasured: inputs
                .unmeasured
                .iter()
                .map(|(a, r)| UnmeasuredView { action: a.to_string(), reason: (*r).to_owned() })
                .collect(),
            summary: ProgressSummaryView {
                closed: s.closed,
                improved: s.improved,
                on_track: s.on_track,
                behind_schedule: s.behind_schedule,
                schedule_not_set: s.schedule_not_set,
                not_moving: s.not_moving,
                worsened: s.worsened,
                not_measurable: s.not_measurable,
            },
            done_not_moving: inputs.progress.done_not_moving.iter().map(done_view).collect(),
        }
    }
}

fn pair(i: Option<servgap_core::kpi::Interval>) -> Option<[f64; 2]> {
    i.map(|i| [i.low, i.high])
}

fn reason(n: NotMeasurable) -> String {
    n.id().to_owned()
}

fn pace(v: Verdict) -> Option<String> {
    v.pace().map(|p| p.id().to_owned())
}

fn verdict_reason(v: Verdict) -> Option<String> {
    match v {
        Verdict::NotMeasurable(n) => Some(reason(n)),
        _ => None,
    }
}

fn point(wave: &Slug, gap: Option<&Gap>) -> MetricPointView {
    let shift = gap.map(|g| g.current - g.difference);
    MetricPointView {
        wave: wave.to_string(),
        value: gap.map(|g| g.current),
        interval: gap.and_then(|g| g.interval).zip(shift).map(|(i, s)| [i.low + s, i.high + s]),
        n: gap.map(|g| g.n),
    }
}

fn action_view(action: &Action, series: &MetricSeries, m: &MetricProgress) -> ActionProgressView {
    let base = &series.baseline;
    let mut points = vec![point(&m.baseline_wave, Some(base))];
    points.extend(series.later.iter().map(|w| point(&w.wave, w.gap.as_ref())));
    ActionProgressView {
        action: action.slug().to_string(),
        title: action.title().to_owned(),
        owner: action.owner().map(str::to_owned),
        status: action.status().id().to_owned(),
        metric: m.metric.to_string(),
        kind: m.metric.kind().id().to_owned(),
        unit: m.unit.to_string(),
        measure_unit: base.measure_unit.id().to_owned(),
        direction: base.direction.id().to_owned(),
        baseline_wave: m.baseline_wave.to_string(),
        baseline_value: m.baseline_value,
        baseline_difference: m.baseline_difference,
        target: m.target,
        expected_share: action.metric().map(|x| x.expected_share),
        start: action.start().to_string(),
        due: action.due().to_string(),
        series: points,
        waves: m.waves.iter().map(wave_view).collect(),
        trend: m.trend.as_ref().map(trend_view),
        latest_verdict: m.latest_verdict().id().to_owned(),
        latest_pace: pace(m.latest_verdict()),
    }
}

fn wave_view(w: &WaveProgress) -> WaveProgressView {
    let change = w.change.as_ref().ok();
    let share = w.share_closed.as_ref().ok();
    WaveProgressView {
        wave: w.wave.to_string(),
        value: w.value,
        difference: w.difference,
        size: w.size,
        change: change.map(|c| c.estimate),
        change_interval: change.and_then(|c| pair(c.interval)),
        p: change.and_then(|c| c.p),
        df: change.and_then(|c| c.df),
        wilcoxon_p: change.and_then(|c| c.wilcoxon_p),
        method: change.map(|c| c.method.id().to_owned()),
        share_closed: share.map(|s| s.estimate),
        share_closed_interval: share.and_then(|s| pair(s.interval)),
        share_method: share.map(|s| s.method.id().to_owned()),
        share_reason: w.share_closed.as_ref().err().map(|n| reason(*n)),
        expected_share: w.expected_share,
        distance_to_target: w.distance_to_target,
        p_adjusted: w.p_adjusted,
        verdict: w.verdict.id().to_owned(),
        pace: pace(w.verdict),
        reason: verdict_reason(w.verdict),
        verdict_unadjusted: w.verdict_unadjusted.id().to_owned(),
        pace_unadjusted: pace(w.verdict_unadjusted),
        pairing: None,
    }
}

fn trend_view(t: &Trend) -> TrendView {
    TrendView {
        slope: t.slope,
        interval: pair(t.interval),
        p: t.p,
        waves: t.waves,
        method: t.method.id().to_owned(),
    }
}

fn done_view(d: &DoneNotMoving) -> DoneNotMovingView {
    DoneNotMovingView {
        action: d.action.to_string(),
        metric: d.metric.to_string(),
        wave: d.wave.to_string(),
        verdict: d.verdict.id().to_owned(),
    }
}
