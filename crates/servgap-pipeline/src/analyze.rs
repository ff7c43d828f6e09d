//! `analyze`: a survey file → partial aggregates → analysis (and segments) → view model.

use servgap_core::instrument::Instrument;
use servgap_core::servqual::{SegmentComparison, SurveyAnalysis};
use servgap_report::InputSummary;

use crate::progress::Progress;
use crate::request::AnalyzeRequest;
use crate::survey::read_survey;
use crate::views;
use crate::warning::Warning;
use crate::PipelineError;

/// The result of [`analyze`]: core values, ready to become a view model in any language.
#[derive(Debug, Clone)]
pub struct AnalysisOutcome {
    /// The instrument the file was scored with.
    pub instrument: Instrument,
    /// The whole-survey analysis.
    pub analysis: SurveyAnalysis,
    /// With `segment_by`: the segment column's header and the comparison across its values.
    pub segments: Option<(String, SegmentComparison)>,
    /// The input as the report describes it (file label, reader, findings).
    pub input: InputSummary,
    /// Things to tell the user about this result.
    pub warnings: Vec<Warning>,
}

/// Reads, scores and analyses one survey file, per segment when the request names a column.
///
/// # Errors
/// [`PipelineError::InvalidData`] in strict mode when a validation rule is broken; any
/// other [`PipelineError`] when the instrument, mapping or file cannot be read or planned.
pub fn analyze(request: &AnalyzeRequest, progress: Progress<'_>) -> Result<AnalysisOutcome, PipelineError> {
    let segment_by = request.segment_by.as_deref();
    let read = read_survey(&request.source, &request.rules, segment_by, 0, progress)?;
    let options = request.statistics.to_core();
    let analysis = read.scan.total.finish(&options);
    let segments = match (segment_by, read.plan.segment_column()) {
        (Some(_), Some(column)) => {
            Some((column.trim().to_owned(), SegmentComparison::new(&read.scan.segments, &options)?))
        }
        _ => None,
    };
    let input = views::input_summary(request, &read);
    let warnings =
        Warning::rows_rejected(&input.file, read.scan.rejected, read.scan.rows).into_iter().collect();
    Ok(AnalysisOutcome { instrument: read.instrument, analysis, segments, input, warnings })
}
