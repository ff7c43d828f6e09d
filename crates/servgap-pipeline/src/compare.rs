//! `compare`: two independent waves → change in every gap, with verdicts → view model.

use servgap_core::instrument::Instrument;
use servgap_core::servqual::{AnalysisOptions, WaveComparison};
use servgap_report::WaveInputView;

use crate::progress::Progress;
use crate::request::{CompareRequest, PathDisplay, SurveyRules, SurveySource};
use crate::survey::read_survey;
use crate::views;
use crate::warning::Warning;
use crate::PipelineError;

/// The result of [`compare`]: core values, ready to become a view model in any language.
#[derive(Debug, Clone)]
pub struct ComparisonOutcome {
    /// The instrument both waves were scored with (the earlier wave's).
    pub instrument: Instrument,
    /// The change between the waves.
    pub comparison: WaveComparison,
    /// The earlier wave's input.
    pub before: WaveInputView,
    /// The later wave's input.
    pub after: WaveInputView,
    /// Things to tell the user about this result.
    pub warnings: Vec<Warning>,
}

/// Reads both waves and compares every gap between them (Welch t per item, dimension
/// and overall score, at the request's confidence level).
///
/// # Errors
/// [`PipelineError::InvalidData`] in strict mode when either file breaks a rule;
/// [`PipelineError::Core`] when the waves were scored with different instruments or
/// coverage rules; any other [`PipelineError`] when a file cannot be read.
pub fn compare(request: &CompareRequest, progress: Progress<'_>) -> Result<ComparisonOutcome, PipelineError> {
    let read = |source: &SurveySource, index: usize| {
        read_wave(source, &request.rules, request.path_display, index, progress)
    };
    let (instrument, before_partials, before, before_rejected) = read(&request.before, 0)?;
    let (_, after_partials, after, after_rejected) = read(&request.after, 1)?;
    let warnings = [(&before, before_rejected), (&after, after_rejected)]
        .into_iter()
        .filter_map(|(wave, rejected)| Warning::rows_rejected(&wave.file, rejected, wave.rows))
        .collect();
    let options = AnalysisOptions { confidence: request.confidence.get(), ..AnalysisOptions::default() };
    let comparison = WaveComparison::new(&before_partials, &after_partials, &options)?;
    Ok(ComparisonOutcome { instrument, comparison, before, after, warnings })
}

/// One wave: its instrument, partial aggregate, input description and rejected rows.
fn read_wave(
    source: &SurveySource,
    rules: &SurveyRules,
    path_display: PathDisplay,
    index: usize,
    progress: Progress<'_>,
) -> Result<(Instrument, servgap_core::servqual::SurveyPartials, WaveInputView, u64), PipelineError> {
    let read = read_survey(source, rules, None, index, progress)?;
    let input = views::wave_input(&source.file, path_display, &read);
    Ok((read.instrument, read.scan.total, input, read.scan.rejected))
}
