//! `servgap compare BEFORE AFTER`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{compare, no_progress, CompareRequest, SurveyRules};
use servgap_report::{render_waves_html, render_waves_json, render_waves_markdown, render_waves_text, Lang};

use crate::args::{CompareArgs, OutputFormat};
use crate::output::Destination;
use crate::{path_display, pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &CompareArgs) -> CompareRequest {
    CompareRequest {
        before: args.read.source(&args.before),
        after: args.read.source(&args.after),
        rules: SurveyRules { strict: args.strict, coverage: args.coverage, examples: args.examples },
        confidence: args.confidence,
        path_display: path_display(args.full_path),
    }
}

/// Runs `servgap compare`.
pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let destination =
        Destination::new(args.output.as_deref(), &args.read.input_files(&[&args.before, &args.after]))?;
    let outcome =
        compare(&request(&args), &no_progress).map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let (report, lang) = (outcome.report(), Lang::from(args.lang));
    let text = match args.format {
        OutputFormat::Text => render_waves_text(&report, lang),
        OutputFormat::Markdown => render_waves_markdown(&report, lang),
        OutputFormat::Json => render_waves_json(&report).context("cannot serialise the report")?,
        OutputFormat::Html => render_waves_html(&report, lang),
        OutputFormat::Pdf => return write_pdf(&render_waves_html(&report, lang), &destination),
    };
    destination.write(text.as_bytes())
}
