//! `servgap progress STUDY`: arguments → request → pipeline → report → output.

use anyhow::Context as _;
use servgap_pipeline::{action_progress, no_progress, PairingChoice, ProgressRequest};
use servgap_report::{
    render_progress_html, render_progress_json, render_progress_markdown, render_progress_text,
};

use crate::args::{ProgressArgs, ProgressFormat};
use crate::{pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// The pipeline request of the arguments.
fn request(args: &ProgressArgs) -> ProgressRequest {
    let mut request = ProgressRequest::new(args.read.root());
    request.diagnose = args.read.request();
    args.confidence.apply(&mut request.diagnose);
    request.seed = args.seed;
    request.replicates = args.replicates;
    request.pairing = match (args.paired, args.independent) {
        (true, _) => PairingChoice::Paired,
        (_, true) => PairingChoice::Independent,
        _ => PairingChoice::Auto,
    };
    request
}

/// Runs `servgap progress`.
pub fn run(args: ProgressArgs) -> anyhow::Result<()> {
    let destination = args.read.destination(&args.output)?;
    let lang = args.lang.lang();
    let outcome =
        action_progress(&request(&args), &no_progress).map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let view = outcome.report();
    let text = match args.format {
        ProgressFormat::Text => render_progress_text(&view, lang),
        ProgressFormat::Markdown => render_progress_markdown(&view, lang),
        ProgressFormat::Json => render_progress_json(&view).context("cannot serialise the report")?,
        ProgressFormat::Html => render_progress_html(&view, lang),
        ProgressFormat::Pdf => return write_pdf(&render_progress_html(&view, lang), &destination),
    };
    destination.write(text.as_bytes())
}
