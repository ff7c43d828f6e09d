//! `servgap compare W1 W2 [W3 …]`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{compare, no_progress, CompareRequest, Design};
use servgap_report::{render_waves_html, render_waves_json, render_waves_markdown, render_waves_text};

use crate::args::{CompareArgs, OutputFormat};
use crate::{pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &CompareArgs) -> CompareRequest {
    CompareRequest {
        waves: args.waves.iter().map(|w| args.read.source(w)).collect(),
        rules: args.survey.rules(),
        confidence: args.survey.confidence.confidence,
        design: match (args.paired, args.independent) {
            (true, _) => Some(Design::Paired),
            (_, true) => Some(Design::Independent),
            _ => None,
        },
        path_display: args.survey.full_path.path_display(),
    }
}

/// Runs `servgap compare`.
pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let waves: Vec<&std::path::Path> = args.waves.iter().map(|w| w.as_path()).collect();
    let destination = args.survey.output.destination(&args.read.input_files(&waves))?;
    let outcome =
        compare(&request(&args), &no_progress).map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let (report, lang) = (outcome.report(), args.survey.lang());
    let text = match args.survey.format {
        OutputFormat::Text => render_waves_text(&report, lang),
        OutputFormat::Markdown => render_waves_markdown(&report, lang),
        OutputFormat::Json => render_waves_json(&report).context("cannot serialise the report")?,
        OutputFormat::Html => render_waves_html(&report, lang),
        OutputFormat::Pdf => return write_pdf(&render_waves_html(&report, lang), &destination),
    };
    destination.write(text.as_bytes())
}
