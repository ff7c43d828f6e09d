//! Every call into `servgap-report`: the view models of the outcomes, and the report
//! types (input summaries, findings, KPI input and method) they are built from.
//!
//! Kept in one module so a change of the report crate's constructors is adapted here
//! and nowhere else; one `report` method per report kind.

use servgap_core::kpi::{KpiOptions, Proportion};
use servgap_core::servqual::Rule;
use servgap_ingest::describe_finding;
use servgap_ingest::tickets::{Layout, TargetsFile, TicketImport, TicketMapping, TicketPlan};
use servgap_report::kpi::{FlagView, KpiInput, KpiMethod, KpiReportView, ShareView, TargetView};
use servgap_report::model::kpi_profiles::{
    DefinitionsView, KpiProfilesView, MeasurabilityView, ReconciliationView, UnjudgedView,
};
use servgap_report::{
    AnalysisReport, FindingExample, InputSummary, PanelMatch, PanelView, RuleFindings, SegmentsView,
    WaveInputView, WaveReport,
};

use crate::request::{AnalyzeRequest, KpiRequest, PathDisplay};
use crate::survey::ReadSurvey;
use crate::{AnalysisOutcome, ComparisonOutcome, KpiOutcome};

mod priorities;

impl AnalysisOutcome {
    /// The view model (schema `servgap.analysis/3`), language-free: the printers take
    /// the language.
    ///
    /// The only place the analysis view model is built.
    pub fn report(&self) -> AnalysisReport {
        let report = AnalysisReport::new(&self.instrument, &self.analysis, self.input.clone());
        match &self.segments {
            Some((column, segments)) => {
                report.with_segments(SegmentsView::new(&self.instrument, segments, column))
            }
            None => report,
        }
    }
}

impl ComparisonOutcome {
    /// The view model (schema `servgap.compare/3`), language-free.
    ///
    /// The only place the wave-comparison view model is built.
    pub fn report(&self) -> WaveReport {
        let panels = self
            .panels
            .iter()
            .map(|p| {
                let m = PanelMatch {
                    from: p.from,
                    to: p.to,
                    ids: p.ids,
                    matched: p.matched,
                    design: p.design,
                    forced: p.forced,
                    comparison: p.comparison.as_ref(),
                };
                PanelView::new(&self.instrument, &m)
            })
            .collect();
        WaveReport::new(&self.instrument, &self.comparison, self.waves.clone()).with_panels(panels)
    }
}

impl KpiOutcome {
    /// The view model (schema `servgap.kpi/2`).
    ///
    /// The only place the KPI view model is built.
    pub fn report(&self) -> KpiReportView {
        let profiles = KpiProfilesView {
            definitions: DefinitionsView::from_core(&self.definitions),
            measurability: self.measurability.iter().map(MeasurabilityView::from_core).collect(),
            partial_periods: self.partial_periods.iter().map(ToString::to_string).collect(),
            unjudged: self.unjudged.iter().map(UnjudgedView::from_core).collect(),
            period_unjudged: self.period_unjudged.iter().map(UnjudgedView::from_core).collect(),
            reconciliation: self.reconciliation.as_deref().map(ReconciliationView::new),
        };
        KpiReportView::new(
            self.input.clone(),
            self.method.clone(),
            &self.totals.groups,
            &self.periods.groups,
            self.targets.clone(),
            &self.gaps,
            &self.period_gaps,
        )
        .with_quality(self.quality.clone())
        .with_profiles(profiles)
    }
}

/// The input section of an analysis: file label, reader, rows and findings.
pub(crate) fn input_summary(request: &AnalyzeRequest, read: &ReadSurvey) -> InputSummary {
    InputSummary {
        file: PathDisplay::FileName.label(&request.source.file),
        path: request.path_display.full_path(&request.source.file),
        reader: read.reader_summary(),
        rows: read.scan.rows,
        findings: read.findings_summary(),
        strict: request.rules.strict,
    }
}

/// The input of one wave of a comparison.
pub(crate) fn wave_input(
    file: &std::path::Path,
    path_display: PathDisplay,
    read: &ReadSurvey,
) -> WaveInputView {
    WaveInputView {
        file: PathDisplay::FileName.label(file),
        path: path_display.full_path(file),
        rows: read.scan.rows,
        findings: read.findings_summary(),
    }
}

impl ReadSurvey {
    /// The broken validation rules, with counts and the earliest examples by column name.
    fn findings_summary(&self) -> Vec<RuleFindings> {
        let findings = &self.scan.findings;
        Rule::ALL
            .iter()
            .filter(|rule| findings.count(**rule) > 0)
            .map(|&rule| RuleFindings {
                rule: rule.id().to_owned(),
                requirement: rule.requirement().to_owned(),
                action: rule.default_action().to_owned(),
                count: findings.count(rule),
                examples: findings
                    .samples(rule)
                    .iter()
                    .map(|f| {
                        let report = describe_finding(&self.scan.path, &self.plan, &self.instrument, f);
                        FindingExample { row: report.row, column: report.column, value: report.value }
                    })
                    .collect(),
            })
            .collect()
    }
}

/// The KPI method section: the engine's options, the reporting zone and the calendar file.
pub(crate) fn kpi_method(request: &KpiRequest, options: &KpiOptions, report_zone: &str) -> KpiMethod {
    let calendar = request.calendar.as_deref().map(|p| request.path_display.label(p));
    KpiMethod::from_core(options, report_zone, calendar.as_deref())
}

pub(crate) fn target_views(targets: &TargetsFile) -> Vec<TargetView> {
    targets
        .targets
        .iter()
        .zip(&targets.info)
        .map(|(target, info)| {
            TargetView::from_core(target, &info.label, info.preset.as_deref(), info.caveat.as_deref())
        })
        .collect()
}

/// The input section of the report: files, layout, reader, findings and flags.
pub(crate) fn kpi_input(
    request: &KpiRequest,
    plan: &TicketPlan,
    mapping: Option<&TicketMapping>,
    import: &TicketImport,
) -> KpiInput {
    KpiInput {
        file: request.path_display.label(&request.file),
        layout: match plan.layout {
            Layout::Tickets => "tickets",
            Layout::Events => "events",
        }
        .to_owned(),
        vendor: if mapping.is_some_and(|m| !m.columns.is_empty()) {
            None
        } else {
            plan.vendor.map(|v| v.id().to_owned())
        },
        mapping: request.mapping.as_deref().map(|p| request.path_display.label(p)),
        reader: import.reader.clone(),
        columns: plan.describe(),
        rows: import.rows,
        tickets: import.tickets,
        rejected: import.rejected,
        skipped: import.skipped,
        findings: ticket_findings(import),
        strict: request.strict,
        flags: import
            .flags
            .iter()
            .map(|f| FlagView {
                name: f.name.clone(),
                column: f.column.clone(),
                yes: f.yes,
                no: f.no,
                other: f.other,
                share: Proportion::new(f.yes, f.yes + f.no).estimate().as_ref().map(ShareView::from_core),
            })
            .collect(),
        responses: None,
    }
}

fn ticket_findings(import: &TicketImport) -> Vec<RuleFindings> {
    rule_findings(&import.findings)
}

/// The responses file's counts, policy and findings (issue 13).
pub(crate) fn responses_view(
    responses: &servgap_ingest::tickets::SurveyResponses,
    (file, mapping): (String, String),
    joined: u64,
    unmatched: u64,
    findings: &servgap_ingest::tickets::TicketFindings,
) -> servgap_report::kpi::ResponsesView {
    servgap_report::kpi::ResponsesView {
        file,
        mapping,
        read: responses.read,
        joined,
        unmatched,
        rejected: responses.rejected,
        reconciles: responses.read == joined + unmatched + responses.rejected,
        duplicate_policy: "latest-per-ticket".to_owned(),
        findings: rule_findings(findings),
    }
}

fn rule_findings(findings: &servgap_ingest::tickets::TicketFindings) -> Vec<RuleFindings> {
    findings
        .rules()
        .map(|rule| RuleFindings {
            rule: rule.id().to_owned(),
            requirement: rule.requirement().to_owned(),
            action: rule.action().to_owned(),
            count: findings.count(rule),
            examples: findings
                .examples(rule)
                .iter()
                .map(|f| FindingExample { row: f.row, column: f.column.clone(), value: f.value.clone() })
                .collect(),
        })
        .collect()
}

/// The diagnosis view model of wave `index` of a [`crate::DiagnosisOutcome`].
pub(crate) fn diagnosis_report(
    outcome: &crate::DiagnosisOutcome,
    index: usize,
) -> Option<servgap_report::DiagnosisReport> {
    let data = outcome.waves.get(index)?;
    let diagnosis = outcome.diagnoses.get(index)?;
    let study = shown_units(&outcome.folder.study, outcome.unit.as_deref())?;
    let study = &study;
    let wave = study.waves().iter().find(|w| w.slug().as_str() == data.wave)?;
    let instrument = data.customer.as_ref().map(|c| &c.outcome.instrument);
    let mut report = servgap_report::DiagnosisReport::new(
        study,
        wave,
        &diagnosis.register,
        &diagnosis.factor_associations,
        instrument,
        env!("CARGO_PKG_VERSION"),
    )
    .with_level(outcome.level);
    report.priorities = priorities::diagnosis_priorities(outcome, index);
    report.plan = diagnosis_plan(outcome, wave.end());
    Some(report)
}

/// The plan section of a study report: the plan judged on `as_of` (the reported wave's
/// last day, so the report does not depend on the day it is printed), `None` without actions.
fn diagnosis_plan(
    outcome: &crate::DiagnosisOutcome,
    as_of: jiff::civil::Date,
) -> Option<servgap_report::PlanReport> {
    let folder = &outcome.folder;
    if folder.plan.is_empty() {
        return None;
    }
    let (measured, high_priority, wave) = crate::plan::measured_and_priority(outcome);
    let inputs = servgap_core::study::plan::FindingInputs { as_of, high_priority, measured };
    let mut findings = servgap_core::study::plan::findings(&folder.plan, &folder.study, &inputs);
    if outcome.waves.len() < folder.study.waves().len() {
        // With --wave not every wave was read: what was measured is not known.
        use servgap_core::study::plan::FindingRule::{MetricNotMeasured, StandardNotMeasured};
        findings.retain(|f| !matches!(f.rule(), MetricNotMeasured | StandardNotMeasured));
    }
    let as_of = as_of.to_string();
    let wave = wave.map(|w| w.to_string());
    Some(servgap_report::PlanReport::new(
        &folder.plan,
        &findings,
        servgap_report::PlanContext {
            study: &folder.study,
            as_of: &as_of,
            priority_rule: crate::plan::PRIORITY_RULE,
            priority_wave: wave.as_deref(),
            generator: env!("CARGO_PKG_VERSION"),
        },
    ))
}

/// The study as a report shows it: with `unit`, only that unit (so the report has no
/// empty sections for the units left out).
fn shown_units(study: &servgap_core::study::Study, unit: Option<&str>) -> Option<servgap_core::study::Study> {
    let Some(unit) = unit else { return Some(study.clone()) };
    let spec = servgap_core::study::StudySpec {
        slug: study.slug().to_string(),
        name: study.name().to_owned(),
        units: study.units().iter().filter(|u| u.slug.as_str() == unit).cloned().collect(),
        departments: study.departments().to_vec(),
        waves: study.waves().to_vec(),
        standards: study.standards().to_vec(),
        promises: study.promises().to_vec(),
        notes: study.notes().to_vec(),
    };
    servgap_core::study::Study::new(spec).ok()
}

/// The plan view of a plan outcome.
pub(crate) fn plan_report(outcome: &crate::PlanOutcome) -> servgap_report::PlanReport {
    let as_of = outcome.as_of.to_string();
    let wave = outcome.priority_wave.as_ref().map(|w| w.to_string());
    servgap_report::PlanReport::new(
        outcome.plan(),
        &outcome.findings,
        servgap_report::PlanContext {
            study: &outcome.folder.study,
            as_of: &as_of,
            priority_rule: crate::plan::PRIORITY_RULE,
            priority_wave: wave.as_deref(),
            generator: env!("CARGO_PKG_VERSION"),
        },
    )
}

impl crate::ProgressOutcome {
    /// The view model of the plan's measured progress (schema `servgap.progress/2`),
    /// language-free.
    pub fn report(&self) -> servgap_report::ProgressReport {
        let measured = crate::action_progress::Measured {
            series: self.series.clone(),
            progress: self.progress.clone(),
            unmeasured: self.unmeasured.clone(),
            panels: self.diagnosis.panels.clone(),
        };
        progress_report(&self.diagnosis.folder.study, &self.plan, &measured)
    }
}

/// The only place the progress view model is built.
pub(crate) fn progress_report(
    study: &servgap_core::study::Study,
    plan: &servgap_core::study::plan::Plan,
    measured: &crate::action_progress::Measured,
) -> servgap_report::ProgressReport {
    let unmeasured: Vec<(servgap_core::study::Slug, &'static str)> =
        measured.unmeasured.iter().map(|(a, r)| (a.clone(), r.id())).collect();
    servgap_report::ProgressReport::new(&servgap_report::ProgressInputs {
        study,
        plan,
        series: &measured.series,
        progress: &measured.progress,
        unmeasured: &unmeasured,
        generator: env!("CARGO_PKG_VERSION"),
    })
    .with_pairings(&pairing_inputs(&measured.panels))
}

/// The id matching of customer-survey metrics, as the progress view model takes it.
fn pairing_inputs(panels: &[crate::MetricPairing]) -> Vec<servgap_report::PairingInput<'_>> {
    panels
        .iter()
        .map(|p| servgap_report::PairingInput {
            action: &p.action,
            wave: &p.wave,
            design: p.design,
            forced: p.forced,
            ids: p.ids,
            matched: p.matched,
            paired_n: p.paired.as_ref().map(|c| c.n),
            different_instruments: p.different_instruments.as_ref().map(|[a, b]| [a.as_str(), b.as_str()]),
        })
        .collect()
}

/// The study report's progress section: the study's plan measured over every wave read at
/// the diagnosis's confidence level (α = 1 − level; default bootstrap), `None` when the
/// study has no action or fewer than two waves were read.
pub(crate) fn diagnosis_progress(
    outcome: &crate::DiagnosisOutcome,
) -> Option<servgap_report::ProgressReport> {
    let plan = &outcome.folder.plan;
    if plan.is_empty() || outcome.waves.len() < 2 {
        return None;
    }
    let options = crate::action_progress::options_at(outcome.level);
    let measured = crate::action_progress::measure(outcome, plan, &options);
    Some(progress_report(&outcome.folder.study, plan, &measured))
}
