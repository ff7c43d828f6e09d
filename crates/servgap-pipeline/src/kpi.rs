//! `kpi`: a ticket export or event log → KPI aggregate → KPIs per period and in total,
//! gaps to targets → view model.

use jiff::civil::Date;
use servgap_core::kpi::{
    judge, mask_unmeasurable, measurability, partial_periods, Calendars, Cohort, Compute, Definitions,
    DurationKpi, GapRow, GroupSummary, JudgeContext, KpiEngine, KpiOptions, KpiParts, KpiReport,
    Measurability, Profile, Target, TicketCondition, UnjudgedRow,
};
use servgap_ingest::tickets::{
    export_inputs, import_tickets, plan_tickets, read_responses, CalendarFile, ResponsesMapping, Role,
    SurveyResponses, TargetsFile, TicketMapping, TicketOptions, TicketPlan,
};
use servgap_ingest::{read_header, IngestError, Source};
use servgap_report::kpi::{KpiInput, KpiMethod, KpiQualityView, TargetView};
use std::fs::File;
use std::path::Path;
use std::sync::Arc;
use tempfile::NamedTempFile;

use crate::request::{KpiRequest, PathDisplay};
use crate::views;
use crate::warning::Warning;
use crate::PipelineError;

/// One profile's definitions, its whole-data all-tickets group, and its measurability.
pub type ProfileTotals = (Definitions, Option<GroupSummary>, Vec<Measurability>);

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
    /// Row reconciliation, right-censoring and calendar coverage.
    pub quality: KpiQualityView,
    /// The definitions every number used.
    pub definitions: Definitions,
    /// Measurability of each KPI from this export; values of unmeasurable KPIs are cleared.
    pub measurability: Vec<Measurability>,
    /// Starts of periods the data covers only in part.
    pub partial_periods: Vec<Date>,
    /// Targets not judged on the totals, with the reason.
    pub unjudged: Vec<UnjudgedRow>,
    /// Targets not judged per period, with the reason.
    pub period_unjudged: Vec<UnjudgedRow>,
    /// With `reconcile`: per profile, the whole-data all-tickets group and the measurability.
    pub reconciliation: Option<Vec<ProfileTotals>>,
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

    let piped = buffered_input(&request.file)?;
    let file_path = piped.as_ref().map_or(request.file.as_path(), |t| t.path());
    let source = ticket_source(request, file_path, mapping.as_ref());
    let header = read_header(&source)?;

    let zone = request.zone.as_ref().map(|z| z.as_str().to_owned());
    let calendar_zone = calendar.as_ref().and_then(|c| c.zone.clone());
    let data_zone = zone.clone().or_else(|| calendar_zone.clone());
    let mut plan = plan_tickets(&source, &header, mapping.as_ref(), data_zone.as_deref(), zone.is_some())?;
    let responses = survey_responses(request, &plan)?;
    plan.responses = responses.clone();
    let report_zone =
        zone.or(calendar_zone).or_else(|| plan.zone.clone()).unwrap_or_else(|| "UTC".to_owned());

    let mut options = kpi_options(request, &report_zone, targets.as_ref())?;
    options.ces_scale = responses
        .as_ref()
        .filter(|r| r.inputs.has(servgap_core::kpi::Input::Ces))
        .map_or(plan.ces_scale, |r| r.ces_scale);
    if let Some(targets) = &targets {
        targets.check_ces_scale(options.ces_scale)?;
    }
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
    let uncalendared: Vec<String> = import.aggregate.teams_without_calendar().map(str::to_owned).collect();
    let default_calendar = engine.calendars().has_default();
    let mut warnings: Vec<Warning> =
        Warning::tickets_rejected(&file, import.rejected, import.tickets).into_iter().collect();
    warnings.extend(Warning::teams_without_calendar(&uncalendared, default_calendar));

    let definitions = request.definitions.definitions();
    let sla = &engine.options().sla;
    let measured = measurability(&definitions, &export_inputs(&plan), sla.iter().map(|s| s.metric()));
    let mut periods = import.aggregate.finish(&engine);
    mask_unmeasurable(&mut periods.groups, &measured, sla);
    let mut totals = KpiReport {
        period: periods.period,
        tickets: periods.tickets,
        groups: import.aggregate.finish_totals(&engine),
        backlog: Vec::new(),
        censored_from: periods.censored_from,
    };
    let all = totals.groups.iter().find(|g| g.segment.dimension.is_none());
    // Censoring is stated where a reopen rate could be: some ticket was solved.
    let solved = all.is_some_and(|g| g.solved > 0);
    let quality = KpiQualityView {
        reconciles: import.reconciles(),
        reopen_censored_from: periods.censored_from.filter(|_| solved).map(|d| d.to_string()),
        reopen_censored: all.map_or(0, |g| g.reopen_censored),
        teams_without_calendar: uncalendared,
        default_calendar,
    };
    mask_unmeasurable(&mut totals.groups, &measured, sla);
    let partial = import
        .aggregate
        .extent()
        .map(|extent| partial_periods(request.period, &engine.options().zone, extent))
        .unwrap_or_default();
    let (target_list, target_views) = match &targets {
        Some(t) => (t.targets.clone(), views::target_views(t)),
        None => (Vec::new(), Vec::new()),
    };
    let whole = JudgeContext { measurability: &measured, partial_periods: &[], sla };
    let (gaps, unjudged) = judge(&target_list, &totals, &whole);
    let per_period = JudgeContext { partial_periods: &partial, ..whole };
    let (period_gaps, period_unjudged) = judge(&target_list, &periods, &per_period);
    let reconciliation = if request.reconcile {
        Some(reconcile(&source, &header, &plan, &engine, &ticket_options)?)
    } else {
        None
    };
    let method = views::kpi_method(request, engine.options(), &report_zone);
    let parts = import.aggregate.to_parts(&engine);
    let mut input = views::kpi_input(request, &plan, mapping.as_ref(), &import);
    if let (Some(r), Some((file, mapping))) = (&responses, &request.responses) {
        let (unmatched, findings) = r.unmatched(&import.joined_responses);
        let labels = (request.path_display.label(file), request.path_display.label(mapping));
        input.responses = Some(views::responses_view(
            r,
            labels,
            import.joined_responses.len() as u64,
            unmatched,
            &findings,
        ));
        warnings.extend(Warning::responses_unmatched(&input.responses));
    }
    Ok(KpiOutcome {
        input,
        method,
        gaps,
        period_gaps,
        parts,
        periods,
        totals,
        targets: target_views,
        target_list,
        warnings,
        quality,
        definitions,
        measurability: measured,
        partial_periods: partial,
        unjudged,
        period_unjudged,
        reconciliation,
    })
}

/// A ticket file that is not a regular file (`-` for standard input, `/dev/stdin`, a
/// named pipe) is copied into a temporary file first, before any other work: the readers
/// seek, and a second pass may read it again. The copy lives on disk, not in memory, and is
/// removed when the run ends.
fn buffered_input(file: &Path) -> Result<Option<NamedTempFile>, PipelineError> {
    let stdin = file.as_os_str() == "-";
    let piped = stdin || std::fs::metadata(file).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if !piped {
        return Ok(None);
    }
    let fail = |source: std::io::Error| IngestError::Io { path: file.to_owned(), source };
    let mut copy = tempfile::Builder::new().prefix("servgap-kpi-input-").tempfile().map_err(fail)?;
    let copied = if stdin {
        std::io::copy(&mut std::io::stdin().lock(), copy.as_file_mut())
    } else {
        File::open(file).and_then(|mut f| std::io::copy(&mut f, copy.as_file_mut()))
    };
    copied.map_err(fail)?;
    Ok(Some(copy))
}

/// The whole-data all-tickets group under every profile: one more pass over the file per
/// profile, without segments, SLAs or backlog, keeping the response and resolution histograms.
fn reconcile(
    source: &Source,
    header: &servgap_ingest::Header,
    plan: &TicketPlan,
    engine: &KpiEngine,
    ticket_options: &TicketOptions,
) -> Result<Vec<ProfileTotals>, PipelineError> {
    let inputs = export_inputs(plan);
    let mut out = Vec::new();
    for profile in Profile::ALL {
        let definitions = profile.definitions();
        let mut options = engine.options().clone();
        options.metrics = definitions.metric_options();
        options.dimensions = Vec::new();
        options.sla = Vec::new();
        options.compute = Compute::only(&[
            DurationKpi::FirstResponse,
            DurationKpi::FirstResolution,
            DurationKpi::FullResolution,
        ]);
        let profile_engine = KpiEngine::new(options, engine.calendars().clone());
        let import = import_tickets(source, header, plan, &profile_engine, ticket_options)?;
        let group = import
            .aggregate
            .finish_totals(&profile_engine)
            .into_iter()
            .find(|g| g.segment.dimension.is_none());
        out.push((definitions, group, measurability(&definitions, &inputs, [])));
    }
    Ok(out)
}

/// The survey-response file of the request, read whole, one response per ticket (issue 13).
/// Its CES scale must be the ticket mapping's when both have a CES column.
fn survey_responses(
    request: &KpiRequest,
    plan: &TicketPlan,
) -> Result<Option<Arc<SurveyResponses>>, PipelineError> {
    let Some((file, mapping_path)) = &request.responses else { return Ok(None) };
    let mapping = ResponsesMapping::load(mapping_path)?;
    let both_ces = mapping.columns.ces.is_some() && plan.column(Role::Ces).is_some();
    if both_ces && mapping.ces_scale != plan.ces_scale {
        return Err(IngestError::Mapping {
            mapping: mapping_path.clone(),
            message: format!(
                "key `ces.scale`: {} differs from the ticket file's CES scale {} (one analysis reads one CES scale)",
                mapping.ces_scale.id(),
                plan.ces_scale.id()
            ),
        }
        .into());
    }
    let mut source = Source::new(file);
    source.limits = request.limits;
    source.options.fill_from(&mapping.read);
    let header = read_header(&source)?;
    let responses = read_responses(&source, &header, &mapping, request.examples.get(), request.strict)?;
    Ok(Some(Arc::new(responses)))
}

/// The ticket file with the request's reading options first, then the mapping's.
fn ticket_source(request: &KpiRequest, file: &Path, mapping: Option<&TicketMapping>) -> Source {
    let mut source = Source::new(file);
    source.limits = request.limits;
    source.options.encoding = request.encoding.as_ref().map(|e| e.as_str().to_owned());
    source.options.delimiter = request.delimiter.map(|d| d.byte());
    if let Some(m) = mapping {
        source.options.fill_from(&m.read);
    }
    source
}

/// The distinct per-ticket conditions of `targets` (those that have one), in target order:
/// the links whose association with CSAT the engine counts.
fn satisfaction_links(targets: &[Target]) -> Vec<TicketCondition> {
    let mut links: Vec<TicketCondition> = Vec::new();
    for condition in targets.iter().filter_map(|t| TicketCondition::of(t).ok()) {
        if !links.contains(&condition) {
            links.push(condition);
        }
    }
    links
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
        options.satisfaction_links = satisfaction_links(&t.targets);
    }
    options.as_of = request.as_of.map(|a| a.timestamp());
    options.metrics = request.definitions.definitions().metric_options();
    if !request.only.is_empty() {
        options.compute = Compute::only(&request.only);
    }
    Ok(options)
}
