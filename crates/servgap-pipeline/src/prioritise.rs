//! `prioritise`: a study folder → the gaps of one wave (the latest by default) ranked by
//! severity, impact, urgency and feasibility with the study's weights, the stability of
//! that ranking, and warnings (issue 15, `gap-study.md` §3).
//!
//! Every wave up to the ranked one is diagnosed with [`crate::diagnose()`] (earlier waves
//! give each gap's trend); importance and reach come from the customers' analysis of the
//! gap's unit in the ranked wave; feasibility, deadlines and the weights from `[priorities]`
//! of `study.toml`. The pipeline only gathers these inputs: the core
//! (`servgap_core::study::priority`) computes every component, score, rank and draw.

use std::path::PathBuf;

use servgap_core::study::priority::{
    facts, PriorityFilter, PriorityInput, PriorityWeights, Ranking, Stability, StabilitySettings, WaveSize,
};
use servgap_core::study::{Gap, Slug};
use servgap_ingest::study_file::StudyFolder;

use crate::diagnose::{diagnose, DiagnosisOutcome};
use crate::progress::Progress;
use crate::request::{DiagnoseRequest, PathDisplay, StatisticsOptions, SurveyRules};
use crate::warning::Warning;
use crate::PipelineError;

/// What to rank.
#[derive(Debug, Clone, PartialEq)]
pub struct PrioritiseRequest {
    /// The study folder (the one holding `study.toml`).
    pub study: PathBuf,
    /// The wave ranked (by slug); the study's last wave when `None`.
    pub wave: Option<String>,
    /// Only gaps of this unit (by slug).
    pub unit: Option<String>,
    /// Only gaps this department owns (by slug).
    pub department: Option<String>,
    /// The k of "in the top k", over the study's `priorities.top_k`.
    pub top_k: Option<usize>,
    /// The stability's seed, over the study's `priorities.seed`.
    pub seed: Option<u64>,
    /// Scoring and validation of every survey file (and strict mode for ticket files).
    pub rules: SurveyRules,
    /// Statistics of every survey analysis (its confidence level is the gaps' intervals').
    pub statistics: StatisticsOptions,
    /// Reader threads for plain UTF-8 ticket files (0 = all cores).
    pub threads: usize,
    /// How the report names the files.
    pub path_display: PathDisplay,
}

impl PrioritiseRequest {
    /// The latest wave of `study`, every unit and department, the study's settings.
    pub fn new(study: impl Into<PathBuf>) -> Self {
        let d = DiagnoseRequest::new(study);
        PrioritiseRequest {
            study: d.study,
            wave: None,
            unit: None,
            department: None,
            top_k: None,
            seed: None,
            rules: d.rules,
            statistics: d.statistics,
            threads: d.threads,
            path_display: d.path_display,
        }
    }
}

/// The result of [`prioritise`].
#[derive(Debug, Clone)]
pub struct PrioritiesOutcome {
    /// The diagnosis of every wave up to the ranked one (all units and departments).
    pub diagnosis: DiagnosisOutcome,
    /// The wave ranked.
    pub wave: String,
    /// The filter applied before ranking.
    pub filter: PriorityFilter,
    /// What was ranked, one input per gap of the wave (register order, before filtering).
    pub inputs: Vec<PriorityInput>,
    /// The ranked rows, with their components, contributions, ranks and quadrants.
    pub ranking: Ranking,
    /// The stability of the ranking (settings included: draws, top k, weight range, seed).
    pub stability: Stability,
    /// The feasibility register as the study names it.
    pub feasibility_file: Option<String>,
    /// Things to tell the user (those of the diagnosis, then the prioritisation's).
    pub warnings: Vec<Warning>,
}

impl PrioritiesOutcome {
    /// The weights used.
    pub fn weights(&self) -> PriorityWeights {
        self.ranking.weights
    }

    /// The study folder as read.
    pub fn folder(&self) -> &StudyFolder {
        &self.diagnosis.folder
    }
}

/// Ranks the gaps of one wave of a study and simulates the stability of the ranking.
///
/// # Errors
/// As [`crate::diagnose()`]; [`PipelineError::NotInStudy`] for a wave, unit or department
/// the study does not define; [`PipelineError::Core`] for a top k of 0.
pub fn prioritise(
    request: &PrioritiseRequest,
    progress: Progress<'_>,
) -> Result<PrioritiesOutcome, PipelineError> {
    let mut diagnose_request = DiagnoseRequest::new(&request.study);
    diagnose_request.rules = request.rules;
    diagnose_request.statistics = request.statistics;
    diagnose_request.threads = request.threads;
    diagnose_request.path_display = request.path_display;
    let diagnosis = diagnose(&diagnose_request, progress)?;
    let folder = &diagnosis.folder;
    let index = wave_index(folder, request.wave.as_deref())?;
    let filter = filter(folder, request)?;
    let wave = folder.study.waves()[index].clone();
    let inputs: Vec<PriorityInput> = diagnosis.diagnoses[index]
        .register
        .entries
        .iter()
        .map(|e| input(&diagnosis, index, &e.gap))
        .collect();
    let settings = &folder.priorities;
    let ranking = Ranking::new(&inputs, settings.weights, &filter, wave.end());
    let stability_settings = StabilitySettings {
        top_k: request.top_k.unwrap_or(settings.stability.top_k),
        seed: request.seed.unwrap_or(settings.stability.seed),
        interval_level: request.statistics.confidence.get(),
        ..settings.stability
    };
    let stability = Stability::new(&ranking, stability_settings)?;
    let mut warnings = diagnosis.warnings.clone();
    warnings.extend(unmatched_ratings(folder, &inputs, wave.slug()));
    Ok(PrioritiesOutcome {
        wave: wave.slug().to_string(),
        feasibility_file: settings.feasibility_file.clone(),
        diagnosis,
        filter,
        inputs,
        ranking,
        stability,
        warnings,
    })
}

fn wave_index(folder: &StudyFolder, wave: Option<&str>) -> Result<usize, PipelineError> {
    let waves = folder.study.waves();
    match wave {
        None => Ok(waves.len().saturating_sub(1)),
        Some(w) => {
            waves.iter().position(|x| x.slug().as_str() == w).ok_or_else(|| PipelineError::NotInStudy {
                option: "wave",
                value: w.to_owned(),
                known: waves.iter().map(|x| x.slug().as_str()).collect::<Vec<_>>().join(", "),
            })
        }
    }
}

fn filter(folder: &StudyFolder, request: &PrioritiseRequest) -> Result<PriorityFilter, PipelineError> {
    let study = &folder.study;
    let find = |option: &'static str, value: &Option<String>, known: Vec<&Slug>| match value {
        None => Ok(None),
        Some(v) => known.iter().find(|s| s.as_str() == v).map(|s| Some((*s).clone())).ok_or_else(|| {
            PipelineError::NotInStudy {
                option,
                value: v.clone(),
                known: known.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
            }
        }),
    };
    Ok(PriorityFilter {
        unit: find("unit", &request.unit, study.units().iter().map(|u| &u.slug).collect())?,
        department: find(
            "department",
            &request.department,
            study.departments().iter().map(|d| &d.slug).collect(),
        )?,
    })
}

/// The input of one gap of wave `index`: its history, importance, reach, band, deadline
/// and ratings. A KPI gap's derived importance and reach may come from its ticket-level
/// association with CSAT (its evidence), with the interval at the diagnosis' level.
pub(crate) fn input(diagnosis: &DiagnosisOutcome, index: usize, gap: &Gap) -> PriorityInput {
    let folder = &diagnosis.folder;
    let study = &folder.study;
    let mut input = PriorityInput::new(gap.clone());
    input.history = diagnosis.diagnoses[..index]
        .iter()
        .filter_map(|d| {
            let earlier = d.register.entries.iter().find(|e| e.gap.id == gap.id && e.gap.unit == gap.unit)?;
            Some(WaveSize { wave: d.register.wave.clone(), size: earlier.gap.size? })
        })
        .collect();
    let unit = study.units().iter().position(|u| u.slug == gap.unit);
    let analysis = diagnosis.waves[index].customer.as_ref().and_then(|c| c.units.get(unit?)?.as_ref());
    input.touched = facts::touched(&gap.id, study);
    if let Some(analysis) = analysis {
        input.stated_importance = facts::stated_importance(analysis, &input.touched);
        input.reach = facts::customer_reach(analysis, &gap.id);
    }
    input.derived_importance = facts::derived_importance_of(gap, analysis, &input.touched, diagnosis.level);
    input.reach = input.reach.or_else(|| facts::ticket_reach(gap));
    input.below_minimum = facts::below_minimum(gap, study);
    let entries: Vec<_> = folder.priorities.feasibility.iter().filter(|e| e.applies_to(gap)).collect();
    input.deadline = entries.iter().filter_map(|e| e.deadline).min();
    input.ratings = entries.into_iter().map(|e| e.rating.clone()).collect();
    input
}

/// A warning for each gap id the register rates that the wave did not measure.
fn unmatched_ratings(folder: &StudyFolder, inputs: &[PriorityInput], wave: &Slug) -> Vec<Warning> {
    let file = folder.priorities.feasibility_file.clone().unwrap_or_default();
    let mut seen = std::collections::BTreeSet::new();
    folder
        .priorities
        .feasibility
        .iter()
        .filter(|e| !inputs.iter().any(|i| e.applies_to(&i.gap)))
        .filter(|e| seen.insert(e.gap.to_string()))
        .map(|e| Warning::FeasibilityGapNotMeasured {
            file: file.clone(),
            gap: e.gap.to_string(),
            wave: wave.to_string(),
        })
        .collect()
}
