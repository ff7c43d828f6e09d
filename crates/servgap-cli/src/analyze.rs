//! `servgap analyze`: arguments → request → pipeline → report → output.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use servgap_pipeline::{analyze, AnalyzeRequest, ReadProgress, StatisticsOptions, WilcoxonOptions};
use servgap_report::{
    render_html, render_json, render_markdown, render_segments_markdown, render_segments_text, render_text,
};

use crate::args::{AnalyzeArgs, OutputFormat};
use crate::{pipeline_error, print_warnings, write_pdf, SURVEY_STRICT_HINT};

/// Files larger than this get a progress bar (when standard error is a terminal).
const PROGRESS_THRESHOLD: u64 = 16 << 20;

/// The pipeline request of the arguments.
fn request(args: &AnalyzeArgs) -> AnalyzeRequest {
    AnalyzeRequest {
        source: args.read.source(&args.file),
        rules: args.survey.rules(),
        statistics: StatisticsOptions {
            confidence: args.survey.confidence.confidence,
            wilcoxon: WilcoxonOptions {
                zero_method: args.wilcoxon_zeros.into(),
                continuity: !args.no_continuity,
                method: args.wilcoxon_method.into(),
            },
            crosshair: args.ipa_crosshair.into(),
        },
        segment_by: args.by.clone(),
        path_display: args.survey.full_path.path_display(),
    }
}

fn progress_bar(path: &Path, quiet: bool) -> Option<ProgressBar> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if quiet || size < PROGRESS_THRESHOLD || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(size);
    let style =
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("reading");
    Some(bar)
}

/// Runs `servgap analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<()> {
    let destination = args.survey.output.destination(&args.read.input_files(&[&args.file]))?;
    let bar = progress_bar(&args.file, args.quiet);
    let progress = |p: ReadProgress| {
        if let Some(bar) = &bar {
            bar.set_position(p.done);
        }
    };
    let outcome = analyze(&request(&args), &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let outcome = outcome.map_err(|e| pipeline_error(e, SURVEY_STRICT_HINT))?;
    print_warnings(&outcome.warnings);
    let (report, lang) = (outcome.report(), args.survey.lang());
    let segments = report.segments.as_ref();
    let text = match args.survey.format {
        OutputFormat::Text => {
            render_text(&report, lang) + &segments.map(|s| render_segments_text(s, lang)).unwrap_or_default()
        }
        OutputFormat::Markdown => {
            render_markdown(&report, lang)
                + &segments.map(|s| render_segments_markdown(s, lang)).unwrap_or_default()
        }
        OutputFormat::Json => render_json(&report).context("cannot serialise the report")?,
        OutputFormat::Html => render_html(&report, lang),
        OutputFormat::Pdf => return write_pdf(&render_html(&report, lang), &destination),
    };
    destination.write(text.as_bytes())
}
