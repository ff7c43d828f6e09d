//! `action_progress`: a study folder with an action plan → every wave diagnosed with
//! [`crate::diagnose()`] → for each action's metric (a gap id in one unit) the baseline gap
//! and the same gap on every later wave → the core's measured progress
//! (`servgap_core::study::progress::assess`): per action × later wave the change from
//! baseline with its interval, the share of the gap closed, the verdict under Holm over the
//! whole plan, the trend over three or more waves, the plan summary and the "done but did
//! not move" findings.
//!
//! (Named `action_progress`, not `progress`: [`crate::Progress`] is the progress-bar callback.)
//!
//! The pipeline only finds the gaps: the baseline is the metric's gap id in its unit on the
//! action's baseline wave, the later waves are the study's waves after it, in study order;
//! every number and verdict comes from the core. Customer-survey metrics (gap 5) of waves
//! whose respondents match by id are a panel and get the matched respondents' paired change
//! ([`crate::panel_progress`], [`ProgressRequest::pairing`]); every other metric, and
//! survey waves that are not a panel, are independent samples.
//!
//! Each wave's fieldwork dates (from the study) and each action's start, due date and
//! expected share go with its series, so the core judges an improvement against the
//! schedule and fits trends in calendar time.

use servgap_core::study::plan::{ActionStatus, Plan};
use servgap_core::study::progress::{
    assess, Fieldwork, LaterWave, MetricSeries, PlanProgress, ProgressOptions, Schedule,
};
use servgap_core::study::{Gap, GapId, Slug};

use crate::diagnose::DiagnosisOutcome;
use crate::progress::Progress;
use crate::request::DiagnoseRequest;
use crate::warning::Warning;
use crate::PipelineError;

/// What [`action_progress`] measures.
#[derive(Debug, Clone)]
pub struct ProgressRequest {
    /// How the study is read (folder, rules, statistics, threads, file names); its wave,
    /// unit and department filters are ignored: progress needs every wave of every metric's unit.
    pub diagnose: DiagnoseRequest,
    /// Seed of the bootstrap of quantile metrics (median, p90 durations).
    pub seed: u64,
    /// Bootstrap replicates of quantile metrics.
    pub replicates: u32,
    /// Whether customer-survey waves are compared as a panel (auto rule, `--paired`,
    /// `--independent`).
    pub pairing: crate::panel_progress::PairingChoice,
}

impl ProgressRequest {
    /// The study at `study` with the core's default options (seed 15, 2000 replicates).
    pub fn new(study: impl Into<std::path::PathBuf>) -> Self {
        let defaults = ProgressOptions::default();
        ProgressRequest {
            diagnose: DiagnoseRequest::new(study),
            seed: defaults.seed,
            replicates: defaults.replicates,
            pairing: crate::panel_progress::PairingChoice::Auto,
        }
    }

    /// The core's options: the verdicts' family-wise rate is 1 − the confidence level.
    pub fn options(&self) -> ProgressOptions {
        let level = self.diagnose.statistics.confidence.get();
        ProgressOptions { replicates: self.replicates, seed: self.seed, ..options_at(level) }
    }
}

/// The core's default options at confidence `level`, with a family-wise rate α = 1 − level.
pub(crate) fn options_at(level: f64) -> ProgressOptions {
    // 1 − level as the decimal people wrote: 0.95 gives 0.05, not 0.050000000000000044.
    let alpha = ((1.0 - level) * 1e9).round() / 1e9;
    ProgressOptions { alpha, level, ..ProgressOptions::default() }
}

/// An action left out of the measurement, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmeasured {
    /// The action names no metric.
    NoMetric,
    /// The metric's gap was not measured in its unit on the baseline wave.
    NoBaseline,
}

impl Unmeasured {
    /// `no-metric`, `no-baseline`.
    pub fn id(&self) -> &'static str {
        match self {
            Unmeasured::NoMetric => "no-metric",
            Unmeasured::NoBaseline => "no-baseline",
        }
    }
}

/// The result of [`action_progress`]: the diagnosis it was measured on, the plan, the
/// series handed to the core and the core's verdicts.
#[derive(Debug, Clone)]
pub struct ProgressOutcome {
    /// Every wave of the study, diagnosed.
    pub diagnosis: DiagnosisOutcome,
    /// The plan measured.
    pub plan: Plan,
    /// Per measured action (plan order): the baseline gap and the same gap on each later wave.
    pub series: Vec<MetricSeries>,
    /// The core's measured progress, one metric per entry of `series`.
    pub progress: PlanProgress,
    /// Actions not measured, and why (plan order).
    pub unmeasured: Vec<(Slug, Unmeasured)>,
    /// Whether any change used a panel's paired summary.
    pub paired: bool,
    /// Things to tell the user (from reading the study's files).
    pub warnings: Vec<Warning>,
}

/// Reads the study and its plan, diagnoses every wave and measures every action's metric.
///
/// # Errors
/// Any error of [`crate::diagnose()`]; [`PipelineError::Ingest`] or [`PipelineError::Core`]
/// for an actions register that cannot be read or breaks a rule.
pub fn action_progress(
    request: &ProgressRequest,
    progress: Progress<'_>,
) -> Result<ProgressOutcome, PipelineError> {
    let mut diagnose_request = request.diagnose.clone();
    diagnose_request.wave = None;
    diagnose_request.unit = None;
    diagnose_request.department = None;
    let diagnosis = crate::diagnose::diagnose_paired(&diagnose_request, request.pairing, progress)?;
    let plan = study_plan(&diagnosis)?;
    Ok(measure_progress(diagnosis, plan, &request.options()))
}

/// The study's action plan, as the study folder's actions register gives it (empty when
/// the study names none).
fn study_plan(diagnosis: &DiagnosisOutcome) -> Result<Plan, PipelineError> {
    Ok(diagnosis.folder.plan.clone())
}

/// Measures `plan` on an existing diagnosis of every wave (the plan's actions must refer to
/// the diagnosed study): the step after reading, for callers that hold both already.
pub fn measure_progress(
    diagnosis: DiagnosisOutcome,
    plan: Plan,
    options: &ProgressOptions,
) -> ProgressOutcome {
    let Measured { series, progress, unmeasured, .. } = measure(&diagnosis, &plan, options);
    let warnings = diagnosis.warnings.clone();
    let paired = series.iter().flat_map(|s| &s.later).any(|w| w.paired.is_some());
    ProgressOutcome { diagnosis, plan, series, progress, unmeasured, paired, warnings }
}

/// Measures `plan` (which need not be the study's own) on an existing diagnosis, after
/// matching its customer-survey metrics' respondents by id as `request.pairing` says
/// (the customer files are read again with `request.diagnose`'s rules).
///
/// # Errors
/// [`PipelineError::NoPanel`] with [`crate::PairingChoice::Paired`] when a wave cannot be
/// paired; any error of reading a customer file.
pub fn measure_plan_progress(
    request: &ProgressRequest,
    mut diagnosis: DiagnosisOutcome,
    plan: Plan,
) -> Result<ProgressOutcome, PipelineError> {
    let reading = crate::panel_progress::PanelReading {
        folder: &diagnosis.folder,
        waves: diagnosis.waves.iter().map(|w| w.wave.clone()).collect(),
        rules: &request.diagnose.rules,
        path_display: request.diagnose.path_display,
        choice: request.pairing,
    };
    diagnosis.panels = crate::panel_progress::match_panels(&reading, &plan)?;
    Ok(measure_progress(diagnosis, plan, &request.options()))
}

/// What [`measure`] gives: the series handed to the core, its result, the actions left out.
pub(crate) struct Measured {
    pub series: Vec<MetricSeries>,
    pub progress: PlanProgress,
    pub unmeasured: Vec<(Slug, Unmeasured)>,
    /// The id matching of the measured customer-survey metrics.
    pub panels: Vec<crate::panel_progress::MetricPairing>,
}

/// Every action of `plan` with a metric measured on its baseline wave, assessed together.
pub(crate) fn measure(diagnosis: &DiagnosisOutcome, plan: &Plan, options: &ProgressOptions) -> Measured {
    let mut series = Vec::new();
    let mut unmeasured = Vec::new();
    for action in plan.actions() {
        match metric_series(diagnosis, action) {
            Ok(s) => series.push(s),
            Err(reason) => unmeasured.push((action.slug().clone(), reason)),
        }
    }
    let progress = assess(&series, options);
    let panels =
        diagnosis.panels.iter().filter(|p| series.iter().any(|s| s.action == p.action)).cloned().collect();
    Measured { series, progress, unmeasured, panels }
}

/// The gap `id` in `unit` on the diagnosed wave `wave`, `None` when that wave did not measure it.
fn find_gap<'a>(diagnosis: &'a DiagnosisOutcome, wave: &str, id: &GapId, unit: &Slug) -> Option<&'a Gap> {
    let index = diagnosis.waves.iter().position(|w| w.wave == wave)?;
    let register = &diagnosis.diagnoses.get(index)?.register;
    register.entries.iter().map(|e| &e.gap).find(|g| &g.id == id && &g.unit == unit)
}

fn metric_series(
    diagnosis: &DiagnosisOutcome,
    action: &servgap_core::study::plan::Action,
) -> Result<MetricSeries, Unmeasured> {
    let metric = action.metric().ok_or(Unmeasured::NoMetric)?;
    let baseline_wave = metric.baseline_wave.as_str();
    let baseline =
        find_gap(diagnosis, baseline_wave, &metric.gap, &metric.unit).ok_or(Unmeasured::NoBaseline)?.clone();
    let baseline_fieldwork = fieldwork(diagnosis, baseline_wave).ok_or(Unmeasured::NoBaseline)?;
    let later = diagnosis
        .waves
        .iter()
        .map(|w| w.wave.as_str())
        .skip_while(|w| *w != baseline_wave)
        .skip(1)
        .filter_map(|wave| {
            let slug = Slug::new("wave", wave).ok()?;
            let gap = find_gap(diagnosis, wave, &metric.gap, &metric.unit).cloned();
            let paired = diagnosis
                .panels
                .iter()
                .find(|p| &p.action == action.slug() && p.wave == slug)
                .and_then(|p| p.paired.clone());
            Some(LaterWave { wave: slug, fieldwork: fieldwork(diagnosis, wave)?, gap, paired })
        })
        .collect();
    Ok(MetricSeries {
        action: action.slug().clone(),
        done: action.status() == ActionStatus::Done,
        target: Some(metric.target),
        baseline,
        baseline_fieldwork,
        schedule: Schedule::of_action(action),
        later,
    })
}

/// The fieldwork dates of the study's wave `wave`.
fn fieldwork(diagnosis: &DiagnosisOutcome, wave: &str) -> Option<Fieldwork> {
    diagnosis.folder.study.waves().iter().find(|w| w.slug().as_str() == wave).map(Fieldwork::of_wave)
}
