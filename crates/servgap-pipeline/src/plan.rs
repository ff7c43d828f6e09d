//! `plan`: a study folder → its action plan (`[registers] actions`, read and checked by
//! `servgap_ingest::study_file`) → the core's plan findings on a given day.
//!
//! The findings need what the waves measured and which gaps are high priority, so the
//! study is diagnosed first ([`crate::diagnose()`], every wave):
//! - measured gaps: every (unit, gap id) of each wave's register;
//! - high-priority gaps: the first `top_k` ranks (the study's `[priorities]`) of the
//!   latest wave's register ranked by [`servgap_core::study::priority`] with the study's
//!   weights (`ranked-top-k`; ties at rank k are all in). Stability is not simulated here:
//!   the findings use the point ranking, `servgap prioritise` shows how stable it is.

use std::collections::BTreeSet;
use std::path::PathBuf;

use jiff::civil::Date;
use servgap_core::study::plan::{findings, FindingInputs, Plan, PlanFinding};
use servgap_core::study::priority::{PriorityFilter, PriorityInput, Ranking};
use servgap_core::study::{GapId, Slug};
use servgap_ingest::study_file::StudyFolder;

use crate::diagnose::{diagnose, DiagnosisOutcome};
use crate::progress::Progress;
use crate::request::DiagnoseRequest;
use crate::warning::Warning;
use crate::PipelineError;

/// The rule id of the high-priority gaps this pipeline uses.
pub const PRIORITY_RULE: &str = "ranked-top-k";

/// What `servgap plan` asks for.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// The study folder.
    pub study: PathBuf,
    /// The day the plan is judged on (overdue actions and tasks).
    pub as_of: Date,
    /// How the waves are read (scoring, strict mode, threads); its wave, unit and
    /// department filters are ignored: findings need every wave.
    pub diagnose: DiagnoseRequest,
}

impl PlanRequest {
    /// The plan of `study` judged on `as_of`, with the defaults of `diagnose`.
    pub fn new(study: impl Into<PathBuf>, as_of: Date) -> PlanRequest {
        let study = study.into();
        PlanRequest { diagnose: DiagnoseRequest::new(study.clone()), study, as_of }
    }
}

/// The result of [`plan`].
#[derive(Debug, Clone)]
pub struct PlanOutcome {
    /// The study folder as read (its `plan` is the plan).
    pub folder: StudyFolder,
    /// The day judged on.
    pub as_of: Date,
    /// The high-priority gaps as (unit, gap id), from [`PRIORITY_RULE`].
    pub high_priority: Vec<(Slug, GapId)>,
    /// The wave whose register gave the high-priority gaps (the latest).
    pub priority_wave: Option<Slug>,
    /// The plan findings, in rule order.
    pub findings: Vec<PlanFinding>,
    /// Warnings of reading the waves.
    pub warnings: Vec<Warning>,
}

impl PlanOutcome {
    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.folder.plan
    }

    /// The language-free view model (schema `servgap.plan/1`); render it with `servgap-report`.
    pub fn report(&self) -> servgap_report::PlanReport {
        crate::views::plan_report(self)
    }
}

/// A gap in one unit.
type UnitGap = (Slug, GapId);
/// The gaps one wave measured.
type WaveGaps = (Slug, BTreeSet<UnitGap>);

/// The (unit, gap id) pairs each wave measured, and the high-priority gaps of the latest
/// wave ([`PRIORITY_RULE`]).
pub(crate) fn measured_and_priority(
    diagnosis: &DiagnosisOutcome,
) -> (Vec<WaveGaps>, Vec<UnitGap>, Option<Slug>) {
    let measured = diagnosis
        .diagnoses
        .iter()
        .map(|d| {
            let gaps = d.register.entries.iter().map(|e| (e.gap.unit.clone(), e.gap.id.clone())).collect();
            (d.register.wave.clone(), gaps)
        })
        .collect();
    let latest = diagnosis.diagnoses.len().checked_sub(1);
    let high = latest.map(|index| top_ranked(diagnosis, index)).unwrap_or_default();
    (measured, high, diagnosis.diagnoses.last().map(|d| d.register.wave.clone()))
}

/// The gaps of wave `index` ranked within the study's first `top_k` ranks.
fn top_ranked(diagnosis: &DiagnosisOutcome, index: usize) -> Vec<UnitGap> {
    let (Some(data), Some(wave_diagnosis)) = (diagnosis.waves.get(index), diagnosis.diagnoses.get(index))
    else {
        return Vec::new();
    };
    let study = &diagnosis.folder.study;
    let Some(wave) = study.waves().iter().find(|w| w.slug().as_str() == data.wave) else {
        return Vec::new();
    };
    let settings = &diagnosis.folder.priorities;
    let inputs: Vec<PriorityInput> = wave_diagnosis
        .register
        .entries
        .iter()
        .map(|e| crate::prioritise::input(diagnosis, index, &e.gap))
        .collect();
    let ranking = Ranking::new(&inputs, settings.weights, &PriorityFilter::default(), wave.end());
    let top_k = settings.stability.top_k;
    ranking
        .rows
        .iter()
        .filter(|row| row.rank.is_some_and(|rank| rank <= top_k))
        .map(|row| (row.gap.unit.clone(), row.gap.id.clone()))
        .collect()
}

/// Reads the study and its plan, diagnoses every wave and judges the plan on `as_of`.
///
/// # Errors
/// Any error of [`crate::diagnose()`], among them an actions register that breaks a rule
/// ([`PipelineError::Ingest`], naming file, sheet, row, column, value and rule).
pub fn plan(request: &PlanRequest, progress: Progress<'_>) -> Result<PlanOutcome, PipelineError> {
    let mut diagnose_request = request.diagnose.clone();
    diagnose_request.study.clone_from(&request.study);
    diagnose_request.wave = None;
    diagnose_request.unit = None;
    diagnose_request.department = None;
    let diagnosis = diagnose(&diagnose_request, progress)?;
    let (measured, high_priority, priority_wave) = measured_and_priority(&diagnosis);
    let inputs = FindingInputs { as_of: request.as_of, high_priority: high_priority.clone(), measured };
    let found = findings(&diagnosis.folder.plan, &diagnosis.folder.study, &inputs);
    Ok(PlanOutcome {
        folder: diagnosis.folder,
        as_of: request.as_of,
        high_priority,
        priority_wave,
        findings: found,
        warnings: diagnosis.warnings,
    })
}

/// The calendar date type of [`PlanRequest::as_of`].
pub use jiff::civil::Date as PlanDate;

/// Parses a `YYYY-MM-DD` date (for `--as-of`).
///
/// # Errors
/// A message naming the value and the expected form.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.trim().parse::<Date>().map_err(|_| format!("`{text}` is not a date like 2025-03-31"))
}

/// Today's date in the system time zone (the default `as_of` of a front end).
pub fn today() -> Date {
    jiff::Zoned::now().date()
}
