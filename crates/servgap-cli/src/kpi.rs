//! `servgap kpi`: help-desk KPIs from a ticket export or event log, against targets.

use std::path::Path;

use anyhow::{bail, Context as _};
use servgap_core::kpi::{
    evaluate, Calendars, Cohort, Compute, Dimension, DurationKpi, KpiEngine, KpiOptions, KpiReport, Period,
    Proportion,
};
use servgap_ingest::tickets::{
    import_tickets, plan_tickets, CalendarFile, Layout, TargetsFile, TicketMapping, TicketOptions,
};
use servgap_ingest::{parse_delimiter, read_header, IngestError, Source};
use servgap_report::kpi::{FlagView, KpiInput, KpiMethod, KpiReportView, ShareView, TargetView};
use servgap_report::{
    render_kpi_json, render_kpi_markdown, render_kpi_text, FindingExample, Lang, RuleFindings,
};

use crate::args::{KpiArgs, KpiFormat, KpiPeriod};
use crate::output::write_output;
use crate::InvalidData;

/// Runs `servgap kpi`.
pub fn run(args: KpiArgs) -> anyhow::Result<()> {
    let mapping = args.mapping.as_deref().map(TicketMapping::load).transpose()?;
    let calendar = args.calendar.as_deref().map(CalendarFile::load).transpose()?;
    let targets = args.targets.as_deref().map(TargetsFile::load).transpose()?;

    let mut source = Source::new(&args.file);
    source.options.encoding.clone_from(&args.encoding);
    source.options.delimiter = args.delimiter.as_deref().map(parse_delimiter).transpose()?;
    if let Some(m) = &mapping {
        source.options.fill_from(&m.read);
    }
    let header = read_header(&source)?;

    // Zone of timestamps without an offset: --zone, else the mapping's, else the calendar's.
    let calendar_zone = calendar.as_ref().and_then(|c| c.zone.clone());
    let data_zone = args.zone.clone().or_else(|| calendar_zone.clone());
    let plan = plan_tickets(&source, &header, mapping.as_ref(), data_zone.as_deref(), args.zone.is_some())?;
    // Reporting zone: --zone, else the calendar's, else the data's, else UTC.
    let report_zone =
        args.zone.clone().or(calendar_zone).or_else(|| plan.zone.clone()).unwrap_or_else(|| "UTC".to_owned());

    let mut options = KpiOptions::new(&report_zone)?;
    options.period = match args.period {
        KpiPeriod::Day => Period::Day,
        KpiPeriod::Week => Period::Week,
        KpiPeriod::Month => Period::Month,
    };
    options.dimensions = dimensions(&args.by)?;
    options.resolution_cohort = if args.cohort_created { Cohort::Created } else { Cohort::Solved };
    if let Some(t) = &targets {
        options.sla = t.sla.clone();
    }
    if let Some(as_of) = &args.as_of {
        options.as_of =
            Some(as_of.parse().with_context(|| {
                format!("--as-of `{as_of}`: expected a timestamp like 2026-03-31T23:59:59Z")
            })?);
    }
    if !args.kpi.is_empty() {
        options.compute = Compute::only(&duration_kpis(&args.kpi)?);
    }
    let engine =
        KpiEngine::new(options, calendar.as_ref().map_or_else(Calendars::new, |c| c.calendars.clone()));

    let ticket_options = TicketOptions {
        strict: args.strict,
        threads: args.threads,
        examples: args.examples,
        ..TicketOptions::default()
    };
    let import = match import_tickets(&source, &header, &plan, &engine, &ticket_options) {
        Ok(i) => i,
        Err(e @ IngestError::Rejected { .. }) => return Err(InvalidData(e.to_string()).into()),
        Err(e) => return Err(e.into()),
    };
    if import.tickets == 0 && import.rows > 0 {
        // Still a report: every rejection is listed. No tickets at all is worth a warning.
        eprintln!("warning: no ticket passed the rules; see the data-quality section");
    }

    let report = import.aggregate.finish(&engine);
    let totals = import.aggregate.finish_totals(&engine);
    let total_report =
        KpiReport { period: report.period, tickets: report.tickets, groups: totals, backlog: Vec::new() };
    let (target_list, target_views) = match &targets {
        Some(t) => (
            t.targets.clone(),
            t.targets
                .iter()
                .zip(&t.info)
                .map(|(target, info)| {
                    TargetView::from_core(target, &info.label, info.preset.as_deref(), info.caveat.as_deref())
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let gaps = evaluate(&target_list, &total_report);
    let period_gaps = evaluate(&target_list, &report);

    let input = KpiInput {
        file: args.file.display().to_string(),
        layout: match plan.layout {
            Layout::Tickets => "tickets",
            Layout::Events => "events",
        }
        .to_owned(),
        vendor: if mapping.as_ref().is_some_and(|m| !m.columns.is_empty()) {
            None
        } else {
            plan.vendor.map(|v| v.id().to_owned())
        },
        mapping: args.mapping.as_ref().map(|p| p.display().to_string()),
        reader: import.reader.clone(),
        columns: plan.describe(),
        rows: import.rows,
        tickets: import.tickets,
        rejected: import.rejected,
        findings: import
            .findings
            .rules()
            .map(|rule| RuleFindings {
                rule: rule.id().to_owned(),
                requirement: rule.requirement().to_owned(),
                action: rule.action().to_owned(),
                count: import.findings.count(rule),
                examples: import
                    .findings
                    .examples(rule)
                    .iter()
                    .map(|f| FindingExample { row: f.row, column: f.column.clone(), value: f.value.clone() })
                    .collect(),
            })
            .collect(),
        strict: args.strict,
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
    };
    let method = KpiMethod::from_core(
        engine.options(),
        &report_zone,
        args.calendar.as_deref().map(Path::display).map(|d| d.to_string()).as_deref(),
    );
    let view = KpiReportView::new(
        input,
        method,
        &total_report.groups,
        &report.groups,
        target_views,
        &gaps,
        &period_gaps,
    );
    let text = match args.format {
        KpiFormat::Text => render_kpi_text(&view, Lang::En),
        KpiFormat::Markdown => render_kpi_markdown(&view, Lang::En),
        KpiFormat::Json => render_kpi_json(&view)?,
        KpiFormat::Html => servgap_report::render_kpi_html(&view, Lang::En),
    };
    write_output(args.output.as_deref(), &text)
}

fn dimensions(by: &[String]) -> anyhow::Result<Vec<Dimension>> {
    let mut out = Vec::new();
    for item in by.iter().flat_map(|b| b.split(',')) {
        let item = item.trim();
        let Some(d) = Dimension::ALL.into_iter().find(|d| d.id() == item) else {
            bail!("--by `{item}`: expected channel, priority or team");
        };
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

fn duration_kpis(list: &[String]) -> anyhow::Result<Vec<DurationKpi>> {
    let mut out = Vec::new();
    for item in list.iter().flat_map(|b| b.split(',')) {
        let item = item.trim();
        let Some(k) = DurationKpi::ALL.into_iter().find(|k| k.id() == item) else {
            let ids: Vec<&str> = DurationKpi::ALL.iter().map(|k| k.id()).collect();
            bail!("--kpi `{item}`: expected one of {}", ids.join(", "));
        };
        out.push(k);
    }
    Ok(out)
}
