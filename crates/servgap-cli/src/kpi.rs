//! `servgap kpi`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{kpi, KpiRequest};
use servgap_report::{render_kpi_html, render_kpi_json, render_kpi_markdown, render_kpi_text};

use crate::args::{KpiArgs, OutputFormat};
use crate::{pipeline_error, print_warnings, write_pdf};

/// What to do instead of `--strict` when a ticket breaks a rule.
const KPI_STRICT_HINT: &str = "run without --strict to reject the ticket and go on";

/// The pipeline request of the arguments.
fn request(args: KpiArgs) -> KpiRequest {
    KpiRequest {
        file: args.file,
        mapping: args.mapping,
        responses: args.responses.zip(args.responses_mapping),
        calendar: args.calendar,
        targets: args.targets,
        segments: args.by,
        period: args.period.into(),
        zone: args.zone,
        cohort_created: args.cohort_created,
        only: args.kpi,
        as_of: args.as_of,
        strict: args.strict,
        threads: args.threads,
        encoding: args.encoding,
        delimiter: args.delimiter,
        examples: args.examples,
        path_display: args.full_path.path_display(),
        limits: args.limits.limits(),
        max_segments: args.max_segments,
        definitions: args.definitions.into(),
        reconcile: args.reconcile,
    }
}

/// Runs `servgap kpi`.
pub fn run(args: KpiArgs) -> anyhow::Result<()> {
    let destination = args.output.destination(&args.input_files())?;
    let (format, lang) = (args.format, args.lang.lang());
    let outcome = kpi(&request(args)).map_err(|e| pipeline_error(e, KPI_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let view = outcome.report();
    let text = match format {
        OutputFormat::Text => render_kpi_text(&view, lang),
        OutputFormat::Markdown => render_kpi_markdown(&view, lang),
        OutputFormat::Json => render_kpi_json(&view).context("cannot serialise the report")?,
        OutputFormat::Html => render_kpi_html(&view, lang),
        OutputFormat::Pdf => return write_pdf(&render_kpi_html(&view, lang), &destination),
    };
    destination.write(text.as_bytes())
}
