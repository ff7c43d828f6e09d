//! `inspect`: how a survey file would be read, before analysing it.

use servgap_core::instrument::Instrument;
use servgap_ingest::Inspection;

use crate::request::SurveySource;
use crate::survey::prepare;
use crate::PipelineError;

/// The result of [`inspect`]: the detected dialect and the column of every slot.
#[derive(Debug, Clone)]
pub struct InspectOutcome {
    /// The instrument the columns were matched against.
    pub instrument: Instrument,
    /// What was detected, and why.
    pub inspection: Inspection,
}

/// Describes how `source` would be read: encoding, delimiter, header row, and which
/// column fills which slot of the instrument.
///
/// # Errors
/// Any [`PipelineError`] from resolving the instrument or mapping, or reading the header.
pub fn inspect(source: &SurveySource) -> Result<InspectOutcome, PipelineError> {
    let prepared = prepare(source)?;
    let inspection =
        servgap_ingest::inspect(&prepared.source, &prepared.instrument, prepared.mapping.as_ref())?;
    Ok(InspectOutcome { instrument: prepared.instrument, inspection })
}
