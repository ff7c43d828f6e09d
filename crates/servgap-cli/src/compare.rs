//! `servgap compare BEFORE AFTER`: two independent waves → change in every gap → report.

use std::path::Path;

use anyhow::Context as _;
use servgap_core::servqual::{AnalysisOptions, SurveyPartials, WaveComparison};
use servgap_ingest::{plan, scan, IngestError, ScanOptions};
use servgap_report::{
    render_waves_html, render_waves_json, render_waves_markdown, render_waves_text, Lang, WaveInputView,
    WaveReport,
};

use crate::analyze::{coverage, findings_summary, prepare};
use crate::args::{CompareArgs, OutputFormat};
use crate::output::write_output;
use crate::InvalidData;

/// Reads one wave into its partial aggregate and a description of the input.
fn read_wave(file: &Path, args: &CompareArgs) -> anyhow::Result<(SurveyPartials, WaveInputView)> {
    let prepared = prepare(file, &args.read)?;
    let instrument = &prepared.instrument;
    let plan = plan(&prepared.source, instrument, prepared.mapping.as_ref())?;
    let options =
        ScanOptions { strict: args.strict, coverage: coverage(args.coverage)?, ..ScanOptions::default() };
    let scanned = match scan(&prepared.source, instrument, &plan, &options, &|_, _| {}) {
        Ok(s) => s,
        Err(error @ IngestError::Rejected { .. }) => {
            return Err(InvalidData(format!(
                "{error}; nothing was written (run without --strict to apply the missing-data policy)"
            ))
            .into())
        }
        Err(error) => return Err(error.into()),
    };
    let input = WaveInputView {
        file: crate::output::display_name(file),
        path: None,
        rows: scanned.rows,
        findings: findings_summary(&scanned, &plan, instrument),
    };
    Ok((scanned.total, input))
}

/// Runs `servgap compare`.
pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    if !(args.confidence > 0.5 && args.confidence < 1.0) {
        anyhow::bail!("--confidence must lie between 0.5 and 1 (exclusive), got {}", args.confidence);
    }
    let options = AnalysisOptions { confidence: args.confidence, ..AnalysisOptions::default() };
    let (before, before_input) = read_wave(&args.before, &args)?;
    let (after, after_input) = read_wave(&args.after, &args)?;
    let comparison = WaveComparison::new(&before, &after, &options)?;
    let lang = Lang::from_code(&args.lang).unwrap_or(Lang::En);
    let report = WaveReport::new(before.instrument(), &comparison, before_input, after_input);
    let text = match args.format {
        OutputFormat::Text => render_waves_text(&report, lang),
        OutputFormat::Markdown => render_waves_markdown(&report, lang),
        OutputFormat::Json => render_waves_json(&report).context("cannot serialise the report")?,
        OutputFormat::Html => render_waves_html(&report, lang),
        OutputFormat::Pdf => {
            return crate::pdf::write_pdf(&render_waves_html(&report, lang), args.output.as_deref())
        }
    };
    write_output(args.output.as_deref(), &text)
}
