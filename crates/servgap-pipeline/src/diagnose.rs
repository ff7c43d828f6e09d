//! `diagnose`: a study folder → every wave's surveys and help-desk export read exactly as
//! [`crate::analyze()`] and [`crate::kpi()`] read them, per unit → the inputs of the core's
//! gap measures (gaps 1–5, KPI gaps, factor scores) and the gap register.
//!
//! Survey files go through [`crate::analyze()`] itself (with the unit column as segment
//! column) and ticket files through [`crate::kpi()`] itself (with the unit dimension as
//! segment), so gap 5 and the KPI values of a diagnosis are those of the single reports
//! on the same files, to the bit (`tests/it/diagnose.rs` checks it on the demo study).

use std::path::Path;

use servgap_core::kpi::Dimension;
use servgap_core::servqual::SurveyAnalysis;
use servgap_core::study::factors::{factor_association, Factor, FactorAssociation, FactorScore};
use servgap_core::study::register::Register;
use servgap_core::study::{GapContext, Slug};
use servgap_ingest::study_file::{
    load_study, HelpdeskFile, ManagementFile, StudyFolder, SurveyFile, UnitSource, WaveFiles,
};

use crate::analyze::{analyze, AnalysisOutcome};
use crate::kpi::{kpi, KpiOutcome};
use crate::progress::Progress;
use crate::request::{AnalyzeRequest, DiagnoseRequest, KpiRequest, SurveySource};
use crate::warning::Warning;
use crate::PipelineError;

mod gaps;

/// One survey of one wave: the whole-file analysis and the analysis of each unit.
#[derive(Debug, Clone)]
pub struct SurveyByUnit {
    /// The survey as `analyze` gives it (the whole file, and per segment).
    pub outcome: AnalysisOutcome,
    /// Per unit of the study (study order): its analysis, `None` when the file has no row of it.
    pub units: Vec<Option<SurveyAnalysis>>,
}

/// The help-desk export of one wave, as `kpi` gives it, with the unit of each segment.
#[derive(Debug, Clone)]
pub struct HelpdeskByUnit {
    /// The KPIs as `kpi` gives them.
    pub outcome: KpiOutcome,
    /// Per unit of the study (study order): the segment value of its tickets
    /// (an empty value when the tickets of the whole file are that unit's).
    pub segment_values: Vec<Vec<String>>,
    /// The ticket dimension naming the unit, `None` when the file is one unit's.
    pub unit_by: Option<Dimension>,
}

/// The diagnosis of one wave: its gap register and the 1988 factors.
#[derive(Debug, Clone)]
pub struct WaveDiagnosis {
    /// Every gap of the wave (all units asked for, and the qualitative gaps), categorised.
    pub register: Register,
    /// Factor scores per unit.
    pub factor_scores: Vec<FactorScore>,
    /// Each factor related to its gap's mean size across units (small-n caveat in the core).
    pub factor_associations: Vec<FactorAssociation>,
}

/// Everything read for one wave.
#[derive(Debug, Clone)]
pub struct WaveData {
    /// The wave's slug.
    pub wave: String,
    /// Customer survey (gap 5; customer side of gaps 1, 2 and 4).
    pub customer: Option<SurveyByUnit>,
    /// Management expectation battery (gap 1).
    pub management: Option<SurveyByUnit>,
    /// Management factor scales (gap-1 and gap-2 factors).
    pub management_factors: Option<SurveyByUnit>,
    /// Employee survey (gaps 3 and 4; their factors).
    pub employee: Option<SurveyByUnit>,
    /// Help-desk KPIs (KPI gaps; attainment for gaps 3 and 4).
    pub helpdesk: Option<HelpdeskByUnit>,
}

/// The result of [`diagnose`]: the study, what was read for each wave asked for, and warnings.
#[derive(Debug, Clone)]
pub struct DiagnosisOutcome {
    /// The study folder as read and validated.
    pub folder: StudyFolder,
    /// The waves read (one with `--wave`, else all), in study order.
    pub waves: Vec<WaveData>,
    /// The diagnosis of each wave read, in the same order.
    pub diagnoses: Vec<WaveDiagnosis>,
    /// The one unit asked for (`--unit`); the report then shows that unit alone.
    pub unit: Option<String>,
    /// Things to tell the user (rows of no unit, rejected rows, …).
    pub warnings: Vec<Warning>,
    /// Confidence level of the intervals (the request's `--confidence`); the study
    /// report's progress section uses it too.
    pub level: f64,
    /// The respondent-id matching of the plan's customer-survey metrics on their later
    /// waves (issue 15: paired progress when a panel); empty with fewer than two waves read
    /// or no such metric.
    pub panels: Vec<crate::panel_progress::MetricPairing>,
}

impl DiagnosisOutcome {
    /// The language-free view model of every wave read, in study order (schema
    /// `servgap.diagnosis/1`); render it with `servgap-report`. When the study has an action
    /// plan and two or more waves were read, the latest wave's report carries the plan's
    /// measured progress (`progress`, as `servgap progress` gives it at the same confidence
    /// level, with the default bootstrap).
    pub fn reports(&self) -> Vec<servgap_report::DiagnosisReport> {
        let mut reports: Vec<_> =
            (0..self.waves.len()).filter_map(|i| crate::views::diagnosis_report(self, i)).collect();
        // The plan's measured progress goes with the latest wave's report (the study report).
        if let Some(progress) = crate::views::diagnosis_progress(self) {
            if let Some(last) = reports.pop() {
                reports.push(last.with_progress(progress));
            }
        }
        reports
    }
}

/// Reads and checks the study folder, then every data file of the waves asked for.
///
/// # Errors
/// [`PipelineError::Ingest`] for a study that breaks a rule (naming file, key or row);
/// [`PipelineError::InvalidRequest`] for a wave, unit or department the study does not
/// define; any error of [`crate::analyze()`] or [`crate::kpi()`] on a data file.
pub fn diagnose(
    request: &DiagnoseRequest,
    progress: Progress<'_>,
) -> Result<DiagnosisOutcome, PipelineError> {
    diagnose_paired(request, crate::panel_progress::PairingChoice::Auto, progress)
}

/// [`diagnose`], matching the plan's customer-survey metrics' respondents by id as
/// `pairing` says (`servgap progress --paired` / `--independent`).
pub(crate) fn diagnose_paired(
    request: &DiagnoseRequest,
    pairing: crate::panel_progress::PairingChoice,
    progress: Progress<'_>,
) -> Result<DiagnosisOutcome, PipelineError> {
    let folder = load_study(&request.study)?;
    check_filters(request, &folder)?;
    let mut warnings = Vec::new();
    let mut waves = Vec::new();
    for (wave, files) in folder.study.waves().iter().zip(&folder.waves) {
        if request.wave.as_deref().is_some_and(|w| w != wave.slug().as_str()) {
            continue;
        }
        waves.push(read_wave(request, &folder, wave.slug().as_str(), files, progress, &mut warnings)?);
    }
    let diagnoses = waves.iter().map(|w| diagnose_wave(request, &folder, w)).collect::<Result<_, _>>()?;
    let reading = crate::panel_progress::PanelReading {
        folder: &folder,
        waves: waves.iter().map(|w| w.wave.clone()).collect(),
        rules: &request.rules,
        path_display: request.path_display,
        choice: pairing,
    };
    let panels = crate::panel_progress::match_panels(&reading, &folder.plan)?;
    let level = request.statistics.confidence.get();
    Ok(DiagnosisOutcome { folder, waves, diagnoses, unit: request.unit.clone(), warnings, level, panels })
}

/// The register and factors of one wave, for the units (and department) asked for.
fn diagnose_wave(
    request: &DiagnoseRequest,
    folder: &StudyFolder,
    wave: &WaveData,
) -> Result<WaveDiagnosis, PipelineError> {
    let study = &folder.study;
    let wave_slug = Slug::new("wave", &wave.wave)?;
    let level = request.statistics.confidence.get();
    let context = |unit: Slug| GapContext {
        wave: wave_slug.clone(),
        unit,
        departments: Vec::new(),
        sources: Vec::new(),
        level,
    };
    let mut all = Vec::new();
    let mut scores = Vec::new();
    for (u, unit) in study.units().iter().enumerate() {
        if request.unit.as_deref().is_some_and(|x| x != unit.slug.as_str()) {
            continue;
        }
        let inputs = gaps::UnitInputs { study, wave, unit: u, context: context(unit.slug.clone()) };
        all.extend(inputs.gaps());
        scores.extend(gaps::factor_scores(wave, u, &unit.slug));
    }
    all.extend(gaps::note_gaps(study, &context(Slug::new("unit", "all")?)));
    if let Some(department) = &request.department {
        all.retain(|g| g.departments.iter().any(|d| d.as_str() == department));
    }
    let associations = Factor::ALL
        .iter()
        .filter(|f| scores.iter().any(|s| s.factor == **f))
        .map(|f| {
            let sizes: Vec<(Slug, f64)> = study
                .units()
                .iter()
                .filter_map(|u| mean_size(&all, &u.slug, f.gap()).map(|m| (u.slug.clone(), m)))
                .collect();
            factor_association(*f, &scores, &sizes)
        })
        .collect();
    Ok(WaveDiagnosis {
        register: Register::new(wave_slug, all),
        factor_scores: scores,
        factor_associations: associations,
    })
}

/// Mean normalised size of the unit's gaps of `kind`, `None` when it has none.
fn mean_size(
    gaps: &[servgap_core::study::Gap],
    unit: &Slug,
    kind: servgap_core::study::GapKind,
) -> Option<f64> {
    let sizes: Vec<f64> =
        gaps.iter().filter(|g| &g.unit == unit && g.kind() == kind).filter_map(|g| g.size).collect();
    (!sizes.is_empty()).then(|| sizes.iter().sum::<f64>() / sizes.len() as f64)
}

fn check_filters(request: &DiagnoseRequest, folder: &StudyFolder) -> Result<(), PipelineError> {
    let study = &folder.study;
    let known = |list: Vec<&str>, value: &Option<String>, option: &'static str| match value {
        Some(v) if !list.contains(&v.as_str()) => {
            Err(PipelineError::NotInStudy { option, value: v.clone(), known: list.join(", ") })
        }
        _ => Ok(()),
    };
    known(study.waves().iter().map(|w| w.slug().as_str()).collect(), &request.wave, "wave")?;
    known(study.units().iter().map(|u| u.slug.as_str()).collect(), &request.unit, "unit")?;
    known(study.departments().iter().map(|d| d.slug.as_str()).collect(), &request.department, "department")
}

fn read_wave(
    request: &DiagnoseRequest,
    folder: &StudyFolder,
    wave: &str,
    files: &WaveFiles,
    progress: Progress<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<WaveData, PipelineError> {
    let mut survey = |file: Option<&SurveyFile>| -> Result<Option<SurveyByUnit>, PipelineError> {
        file.map(|f| read_survey_by_unit(request, folder, f, progress, warnings)).transpose()
    };
    let customer = survey(files.customer.as_ref())?;
    let management = survey(files.management.as_ref().map(|m: &ManagementFile| &m.expectations))?;
    let management_factors = survey(files.management.as_ref().map(|m| &m.factors))?;
    let employee = survey(files.employee.as_ref())?;
    let helpdesk =
        files.helpdesk.as_ref().map(|h| read_helpdesk(request, folder, h, warnings)).transpose()?;
    Ok(WaveData { wave: wave.to_owned(), customer, management, management_factors, employee, helpdesk })
}

/// The unit (study order) a data value stands for: its slug or one of its codes.
pub(crate) fn unit_of(folder: &StudyFolder, value: &str) -> Option<usize> {
    let value = value.trim();
    folder.unit_codes.iter().position(|codes| codes.iter().any(|c| c == value))
}

fn read_survey_by_unit(
    request: &DiagnoseRequest,
    folder: &StudyFolder,
    file: &SurveyFile,
    progress: Progress<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<SurveyByUnit, PipelineError> {
    let mut source = SurveySource::new(&file.file);
    source.instrument.clone_from(&file.instrument);
    source.mapping.clone_from(&file.mapping);
    let mut analyze_request = AnalyzeRequest::new(source);
    analyze_request.rules = request.rules;
    analyze_request.statistics = request.statistics;
    analyze_request.path_display = request.path_display;
    if let UnitSource::Column(column) = &file.unit {
        analyze_request.segment_by = Some(column.clone());
    }
    let outcome = analyze(&analyze_request, progress)?;
    warnings.extend(outcome.warnings.iter().cloned());
    let units = folder.study.units().len();
    let mut by_unit: Vec<Option<SurveyAnalysis>> = vec![None; units];
    match &file.unit {
        UnitSource::Implicit => by_unit[0] = Some(outcome.analysis.clone()),
        UnitSource::Whole(slug) => {
            if let Some(u) = unit_of(folder, slug) {
                by_unit[u] = Some(outcome.analysis.clone());
            }
        }
        UnitSource::Column(column) => {
            let segments = outcome.segments.as_ref().map(|(_, s)| s.segments.as_slice()).unwrap_or_default();
            for segment in segments {
                match unit_of(folder, &segment.name) {
                    Some(u) if by_unit[u].is_none() => by_unit[u] = Some(segment.analysis.clone()),
                    Some(_) => warnings.push(Warning::UnitCodesMerged {
                        file: request.path_display.label(&file.file),
                        value: segment.name.clone(),
                    }),
                    None => warnings.push(Warning::NoSuchUnit {
                        file: request.path_display.label(&file.file),
                        column: column.clone(),
                        value: segment.name.clone(),
                        rows: segment.respondents,
                    }),
                }
            }
        }
    }
    Ok(SurveyByUnit { outcome, units: by_unit })
}

fn read_helpdesk(
    request: &DiagnoseRequest,
    folder: &StudyFolder,
    file: &HelpdeskFile,
    warnings: &mut Vec<Warning>,
) -> Result<HelpdeskByUnit, PipelineError> {
    let mut kpi_request = KpiRequest::new(&file.file);
    kpi_request.mapping.clone_from(&file.mapping);
    kpi_request.calendar.clone_from(&file.calendar);
    kpi_request.targets.clone_from(&file.targets);
    kpi_request.strict = request.rules.strict;
    kpi_request.threads = request.threads;
    kpi_request.path_display = request.path_display;
    kpi_request.examples = request.rules.examples;
    if let Some(dimension) = file.unit_by {
        kpi_request.segments = vec![dimension];
    }
    let outcome = kpi(&kpi_request)?;
    warnings.extend(outcome.warnings.iter().cloned());
    let units = folder.study.units().len();
    let mut segment_values = vec![Vec::new(); units];
    match file.unit_by {
        None => {
            let u = file.unit.as_deref().and_then(|s| unit_of(folder, s)).unwrap_or(0);
            segment_values[u].push(String::new());
        }
        Some(dimension) => {
            let mut seen = std::collections::BTreeSet::new();
            for group in &outcome.totals.groups {
                if group.segment.dimension != Some(dimension) || !seen.insert(group.segment.value.clone()) {
                    continue;
                }
                match unit_of(folder, &group.segment.value) {
                    Some(u) => segment_values[u].push(group.segment.value.clone()),
                    None => warnings.push(Warning::NoSuchUnit {
                        file: request.path_display.label(&file.file),
                        column: dimension.id().to_owned(),
                        value: group.segment.value.clone(),
                        rows: group.created,
                    }),
                }
            }
        }
    }
    Ok(HelpdeskByUnit { outcome, segment_values, unit_by: file.unit_by })
}

/// The study folder a path names: the folder itself, or the folder of a `study.toml`.
pub fn study_root(path: &Path) -> &Path {
    if path.file_name().is_some_and(|n| n == servgap_ingest::study_file::STUDY_FILE) {
        path.parent().unwrap_or(path)
    } else {
        path
    }
}

/// Every file a diagnosis of the study at `root` reads (`study.toml` and the data, mapping,
/// calendar and targets files it names), so that a front end can refuse to write its output
/// over one of them. A study that cannot be read gives just its `study.toml`.
pub fn study_input_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files = vec![root.join(servgap_ingest::study_file::STUDY_FILE)];
    let Ok(folder) = load_study(root) else { return files };
    files.extend(folder.priorities.feasibility_file.as_ref().map(|f| root.join(f)));
    for wave in &folder.waves {
        let surveys = [wave.customer.as_ref(), wave.employee.as_ref()]
            .into_iter()
            .flatten()
            .chain(wave.management.iter().flat_map(|m| [&m.expectations, &m.factors]));
        for s in surveys {
            files.push(s.file.clone());
            files.extend(s.mapping.clone());
        }
        if let Some(h) = &wave.helpdesk {
            files.push(h.file.clone());
            files.extend([&h.mapping, &h.calendar, &h.targets].into_iter().flatten().cloned());
        }
    }
    files
}
