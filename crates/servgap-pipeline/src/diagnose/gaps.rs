//! Every gap of one wave and unit, from what [`super::diagnose`] read: the pipeline only
//! picks each measure's inputs; the core measures and decides (`servgap_core::study`).

use servgap_core::instrument::{Battery, Instrument};
use servgap_core::kpi::{evaluate, KpiReport, Measure, SegmentFilter, Target};
use servgap_core::servqual::SurveyAnalysis;
use servgap_core::study::factors::{Factor, FactorScore};
use servgap_core::study::kpi_gaps::{kpi_gaps, qualitative_gap};
use servgap_core::study::register_gaps::{
    alignment_gap, coverage_gaps, delivery_gap, delivery_gap_survey, important_items, promise_gap,
    raised_expectation, ImportantItems,
};
use servgap_core::study::survey_gaps::{customer_gaps, knowledge, scale_gap};
use servgap_core::study::threshold::attainment_counts;
use servgap_core::study::{
    battery_summary, find_battery, Gap, GapContext, GapId, Slug, Source, SourceKind, Study,
};

use super::{HelpdeskByUnit, SurveyByUnit, WaveData};

/// What the gaps of one unit are computed from.
pub(super) struct UnitInputs<'a> {
    pub study: &'a Study,
    pub wave: &'a WaveData,
    pub unit: usize,
    pub context: GapContext,
}

fn unit_analysis(survey: Option<&SurveyByUnit>, unit: usize) -> Option<(&SurveyAnalysis, &Instrument)> {
    let s = survey?;
    Some((s.units.get(unit)?.as_ref()?, &s.outcome.instrument))
}

impl UnitInputs<'_> {
    /// Gaps 1–5 and the KPI gaps of the unit.
    pub fn gaps(&self) -> Vec<Gap> {
        let ctx = |kind: SourceKind, file: &str| {
            let mut c = self.context.clone();
            c.sources = vec![Source { kind, file: file.to_owned() }];
            c
        };
        let mut gaps = Vec::new();
        let customers = unit_analysis(self.wave.customer.as_ref(), self.unit);
        if let Some((analysis, instrument)) = customers {
            let c = ctx(
                SourceKind::CustomerSurvey,
                &self.wave.customer.as_ref().map_or(String::new(), |s| s.outcome.input.file.clone()),
            );
            gaps.extend(customer_gaps(analysis, instrument.scale(), &c));
            if let Some((managers, _)) = unit_analysis(self.wave.management.as_ref(), self.unit) {
                let k = knowledge(managers, Battery::Perceived, analysis, c.level);
                gaps.extend(k.gaps(instrument.scale(), &c));
            }
            let important = important_items(analysis, ImportantItems::HighImportance).unwrap_or_default();
            gaps.extend(coverage_gaps(instrument, &important, self.study.standards(), &c));
            for standard in self.study.standards() {
                gaps.extend(alignment_gap(standard, analysis, instrument.scale(), &c));
                gaps.extend(delivery_gap_survey(standard, analysis, instrument.scale(), &c));
            }
        }
        if let Some((employees, instrument)) = unit_analysis(self.wave.employee.as_ref(), self.unit) {
            let c = ctx(SourceKind::EmployeeSurvey, "");
            for (d, dimension) in employees.dimensions.iter().enumerate() {
                let id = match dimension.id.as_str() {
                    "conformance" => GapId::DeliveryScale(dimension.id.clone()),
                    "promise-accuracy" => GapId::CommunicationScale(dimension.id.clone()),
                    _ => continue,
                };
                let summary = find_battery(&employees.dimensions[d].batteries, Battery::Perceived)
                    .and_then(battery_summary);
                gaps.extend(summary.and_then(|s| scale_gap(id, s, instrument.scale(), &c)));
            }
        }
        if let Some(helpdesk) = &self.wave.helpdesk {
            gaps.extend(self.ticket_gaps(helpdesk, customers));
        }
        gaps
    }

    /// The unit's ticket segment (all tickets when the file is the unit's whole).
    fn segment(&self, helpdesk: &HelpdeskByUnit) -> Option<SegmentFilter> {
        let values = helpdesk.segment_values.get(self.unit)?;
        let value = values.first()?;
        Some(match helpdesk.unit_by {
            Some(d) => SegmentFilter::Only(d, value.clone()),
            None => SegmentFilter::AllTickets,
        })
    }

    fn ticket_gaps(
        &self,
        helpdesk: &HelpdeskByUnit,
        customers: Option<(&SurveyAnalysis, &Instrument)>,
    ) -> Vec<Gap> {
        let Some(segment) = self.segment(helpdesk) else { return Vec::new() };
        let mut c = self.context.clone();
        c.sources = vec![Source { kind: SourceKind::HelpDesk, file: helpdesk.outcome.input.file.clone() }];
        let parts = &helpdesk.outcome.parts;
        let mut gaps = Vec::new();
        for standard in self.study.standards() {
            let Some(kpi) = standard.kpi() else { continue };
            let seg = unit_segment(kpi.segment(), &segment);
            let counts =
                attainment_counts(parts, kpi.measure(), &seg, standard.target(), standard.direction());
            gaps.extend(counts.and_then(|n| delivery_gap(standard, &n, &c)));
        }
        for promise in self.study.promises() {
            let seg = unit_segment(promise.kpi().segment(), &segment);
            let held = attainment_counts(
                parts,
                promise.kpi().measure(),
                &seg,
                promise.threshold(),
                promise.direction(),
            );
            let delivered = delivered(&helpdesk.outcome.totals, promise.kpi().measure(), &seg);
            let raised = customers.and_then(|(a, i)| raised_expectation(promise, i, a));
            gaps.extend(held.and_then(|h| promise_gap(promise, &h, delivered.as_ref(), raised.as_ref(), &c)));
        }
        let targets: Vec<Target> = helpdesk
            .outcome
            .target_list
            .iter()
            .map(|t| t.clone().for_segments(unit_segment(t.segment(), &segment)))
            .collect();
        let rows = evaluate(&targets, &helpdesk.outcome.totals);
        gaps.extend(kpi_gaps(&targets, &rows, Some(parts), &c));
        gaps
    }
}

/// A register's segment narrowed to the unit: all tickets become the unit's tickets.
fn unit_segment(given: &SegmentFilter, unit: &SegmentFilter) -> SegmentFilter {
    match given {
        SegmentFilter::AllTickets => unit.clone(),
        other => other.clone(),
    }
}

/// The delivered duration distribution (median, p90) of a duration measure in `segment`.
fn delivered(
    totals: &KpiReport,
    measure: &Measure,
    segment: &SegmentFilter,
) -> Option<servgap_core::kpi::DurationSummary> {
    let Measure::Duration { kpi, clock, .. } = measure else { return None };
    let group = totals.groups.iter().find(|g| segment.matches(&g.segment))?;
    let clocked = match kpi {
        servgap_core::kpi::DurationKpi::FirstResponse => &group.first_response,
        servgap_core::kpi::DurationKpi::NextResponse => &group.next_response,
        servgap_core::kpi::DurationKpi::FirstResolution => &group.first_resolution,
        servgap_core::kpi::DurationKpi::FullResolution => &group.full_resolution,
        servgap_core::kpi::DurationKpi::RequesterWait => &group.requester_wait,
    };
    match clock {
        servgap_core::kpi::Clock::Calendar => clocked.calendar,
        servgap_core::kpi::Clock::Business => clocked.business,
    }
}

/// The qualitative gaps of the study, once per wave (unit `all`).
pub(super) fn note_gaps(study: &Study, context: &GapContext) -> Vec<Gap> {
    study.notes().iter().map(|n| qualitative_gap(n, context)).collect()
}

/// Factor scores of one unit from the management-factor and employee analyses.
pub(super) fn factor_scores(wave: &WaveData, unit: usize, slug: &Slug) -> Vec<FactorScore> {
    let mut scores = Vec::new();
    for survey in [wave.management_factors.as_ref(), wave.employee.as_ref()] {
        let Some((analysis, _)) = unit_analysis(survey, unit) else { continue };
        for dimension in &analysis.dimensions {
            let Some(factor) = Factor::from_id(&dimension.id) else { continue };
            let Some(s) = find_battery(&dimension.batteries, Battery::Perceived).and_then(battery_summary)
            else {
                continue;
            };
            scores.push(FactorScore { factor, unit: slug.clone(), mean: s.mean, n: s.n });
        }
    }
    scores
}
