//! `kpi`: a ticket export or event log → KPI aggregate → KPIs per period and in total,
//! gaps to targets → view model.

use servgap_core::kpi::{
    evaluate, Calendars, Cohort, Compute, GapRow, KpiEngine, KpiOptions, KpiParts, KpiReport, Target,
};
use servgap_ingest::tickets::{
    import_tickets, plan_tickets, CalendarFile, TargetsFile, TicketMapping, TicketOptions,
};
use servgap_ingest::{read_header, Source};
use servgap_report::kpi::{KpiInput, KpiMethod, TargetView};

use crate::request::{KpiRequest, PathDisplay};
use crate::views;
use crate::warning::Warning;
use crate::PipelineError;

/// The result of [`kpi`]: the KPIs per period and in total, the gaps to targets, and the
/// description of the input and method, ready to become a view model.
#[derive(Debug, Clone)]
pub struct KpiOutcome {
    /// Where the tickets came from, and what was rejected.
    pub input: KpiInput,
    /// The options that changed the numbers.
    pub method: KpiMethod,
    /// KPIs per period and segment.
    pub periods: KpiReport,
    /// KPIs over the whole file, per segment.
    pub totals: KpiReport,
    /// The targets, as the report lists them.
    pub targets: Vec<TargetView>,
    /// Targets evaluated on the totals.
    pub gaps: Vec<GapRow>,
    /// Targets evaluated per period.
    pub period_gaps: Vec<GapRow>,
    /// The targets as the core evaluates them (a study re-evaluates them per unit).
    pub target_list: Vec<Target>,
    /// The exact sums behind the KPIs (per-ticket attainment of standards and promises).
    pub parts: KpiParts,
    /// Things to tell the user about this result.
    pub warnings: Vec<Warning>,
}

/// Reads a ticket file into KPIs and evaluates the targets.
///
/// The zone of timestamps without an offset is the request's, else the calendar's; the
/// reporting zone is the request's, else the calendar's, else the data's, else UTC.
///
/// # Errors
/// [`PipelineError::InvalidData`] in strict mode when a ticket breaks a rule; any other
/// [`PipelineError`] when a file cannot be read or planned, or an option is inconsistent.
pub fn kpi(request: &KpiRequest) -> Result<KpiOutcome, PipelineError> {
    let mapping = request.mapping.as_deref().map(TicketMapping::load).transpose()?;
    let calendar = request.calendar.as_deref().map(CalendarFile::load).transpose()?;
    let targets = request.targets.as_deref().map(TargetsFile::load).transpose()?;
    if let Some(targets) = &targets {
        targets.check_calendar(calendar.as_ref())?;
    }

    let source = ticket_source(request, mapping.as_ref());
    let header = read_header(&source)?;

    let zone = request.zone.as_ref().map(|z| z.as_str().to_owned());
    let calendar_zone = calendar.as_ref().and_then(|c| c.zone.clone());
    let data_zone = zone.clone().or_else(|| calendar_zone.clone());
    let plan = plan_tickets(&source, &header, mapping.as_ref(), data_zone.as_deref(), zone.is_some())?;
    let report_zone =
        zone.or(calendar_zone).or_else(|| plan.zone.clone()).unwrap_or_else(|| "UTC".to_owned());

    let options = kpi_options(request, &report_zone, targets.as_ref())?;
    let engine =
        KpiEngine::new(options, calendar.as_ref().map_or_else(Calendars::new, |c| c.calendars.clone()));
    let ticket_options = TicketOptions {
        strict: request.strict,
        threads: request.threads,
        examples: request.examples.get(),
        ..TicketOptions::default()
    };
    let import = import_tickets(&source, &header, &plan, &engine, &ticket_options)?;
    let file = PathDisplay::FileName.label(&request.file);
    let warnings = Warning::tickets_rejected(&file, import.rejected, import.tickets).into_iter().collect();

    let periods = import.aggregate.finish(&engine);
    let totals = KpiReport {
        period: periods.period,
        tickets: periods.tickets,
        groups: import.aggregate.finish_totals(&engine),
        backlog: Vec::new(),
    };
    let (target_list, target_views) = match &targets {
        Some(t) => (t.targets.clone(), views::target_views(t)),
        None => (Vec::new(), Vec::new()),
    };
    let method = views::kpi_method(request, engine.options(), &report_zone);
    let parts = import.aggregate.to_parts(&engine);
    Ok(KpiOutcome {
        input: views::kpi_input(request, &plan, mapping.as_ref(), &import),
        method,
        gaps: evaluate(&target_list, &totals),
        period_gaps: evaluate(&target_list, &periods),
        parts,
        periods,
        totals,
        targets: target_views,
        target_list,
        warnings,
    })
}

/// The ticket file with the request's reading options first, then the mapping's.
fn ticket_source(request: &KpiRequest, mapping: Option<&TicketMapping>) -> Source {
    let mut source = Source::new(&request.file);
    source.limits = request.limits;
    source.options.encoding = request.encoding.as_ref().map(|e| e.as_str().to_owned());
    source.options.delimiter = request.delimiter.map(|d| d.byte());
    if let Some(m) = mapping {
        source.options.fill_from(&m.read);
    }
    source
}

/// The engine options of a request, in the reporting zone, with the targets' SLAs.
fn kpi_options(
    request: &KpiRequest,
    report_zone: &str,
    targets: Option<&TargetsFile>,
) -> Result<KpiOptions, PipelineError> {
    let mut options = KpiOptions::new(report_zone)?;
    options.max_segments = request.max_segments;
    options.period = request.period;
    options.dimensions = Vec::new();
    for dimension in &request.segments {
        if !options.dimensions.contains(dimension) {
            options.dimensions.push(*dimension);
        }
    }
    options.resolution_cohort = if request.cohort_created { Cohort::Created } else { Cohort::Solved };
    if let Some(t) = targets {
        options.sla = t.sla.clone();
    }
    options.as_of = request.as_of.map(|a| a.timestamp());
    if !request.only.is_empty() {
        options.compute = Compute::only(&request.only);
    }
    Ok(options)
}
