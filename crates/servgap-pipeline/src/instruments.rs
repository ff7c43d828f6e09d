//! Survey instruments: built-in or from a TOML file.

use std::path::Path;

use servgap_core::builtin;
use servgap_core::instrument::Instrument;
use servgap_ingest::instrument_file::{instrument_to_toml, load_instrument};

use crate::PipelineError;

/// The instrument named by `spec`: a built-in id (`servqual22`, `servqual22-3col`,
/// `servperf22`), else the path of a TOML instrument file.
///
/// # Errors
/// [`PipelineError::UnknownInstrument`] when `spec` is neither; [`PipelineError::InstrumentFile`]
/// when the file cannot be read or is invalid.
pub fn resolve_instrument(spec: &str) -> Result<Instrument, PipelineError> {
    if let Some(instrument) = builtin::builtin(spec) {
        return Ok(instrument);
    }
    let path = Path::new(spec);
    if path.exists() {
        return Ok(load_instrument(path)?);
    }
    Err(PipelineError::UnknownInstrument {
        spec: spec.to_owned(),
        builtins: builtin::builtin_ids().join(", "),
    })
}

/// Every built-in instrument, in the documented order.
pub fn builtin_instruments() -> Vec<Instrument> {
    builtin::builtin_ids().iter().filter_map(|id| builtin::builtin(id)).collect()
}

/// `instrument` as a TOML instrument file, to start a custom one from.
pub fn instrument_toml(instrument: &Instrument) -> String {
    instrument_to_toml(instrument)
}
