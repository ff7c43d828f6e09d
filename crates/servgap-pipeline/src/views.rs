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
    Some(servgap_report::DiagnosisReport::new(
        study,
        wave,
        &diagnosis.register,
        &diagnosis.factor_associations,
        instrument,
        env!("CARGO_PKG_VERSION"),
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
