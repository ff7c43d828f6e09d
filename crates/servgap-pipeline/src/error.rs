//! The pipeline's error type.

use std::path::PathBuf;

use servgap_core::CoreError;
use servgap_ingest::instrument_file::InstrumentFileError;
use servgap_ingest::IngestError;

/// Everything a pipeline can fail with.
///
/// [`PipelineError::InvalidData`] is the one failure a front end treats apart: the data
/// broke a validation rule under `strict` (the command line exits with code 3, a server
/// answers 422); every other variant is a failure to read, resolve or print.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// Strict mode and the data broke a validation rule, or no data row could be used
    /// (every row rejected, or only a header); no result was produced.
    #[error(transparent)]
    InvalidData(IngestError),
    /// A file could not be read, recognised or planned.
    #[error(transparent)]
    Ingest(IngestError),
    /// An instrument file could not be read or is invalid.
    #[error(transparent)]
    InstrumentFile(#[from] InstrumentFileError),
    /// A core value could not be built (an option, a time zone, a comparison).
    #[error(transparent)]
    Core(#[from] CoreError),
    /// An instrument that is neither a built-in id nor an existing file.
    #[error("unknown instrument `{spec}`: not a built-in ({builtins}) and no such file")]
    UnknownInstrument {
        /// The id or path as given.
        spec: String,
        /// The built-in ids, comma-separated.
        builtins: String,
    },
    /// A request value that does not parse (timestamp, delimiter, encoding label).
    #[error("{option} `{value}` is invalid: expected {expected}")]
    InvalidRequest {
        /// The option, in words.
        option: &'static str,
        /// The value as given.
        value: String,
        /// What is admissible.
        expected: &'static str,
    },
    /// `progress --paired` on a customer-survey metric whose waves cannot be paired (issue 15).
    #[error(
        "cannot pair wave `{}` with baseline wave `{}` for action `{}` in unit `{}` (--paired): {}: {}",
        .0.wave, .0.baseline, .0.action, .0.unit, .0.file, .0.reason
    )]
    NoPanel(Box<NoPanel>),
    /// A `diagnose` filter (wave, unit, department) that the study does not define (issue 14).
    #[error("{option} `{value}` is not in the study ({option}s: {known})")]
    NotInStudy {
        /// `wave`, `unit` or `department`.
        option: &'static str,
        /// The value as given.
        value: String,
        /// The study's values of that kind, comma-separated.
        known: String,
    },
    /// `study init` could not write a file (or will not overwrite one).
    #[error("{what}")]
    StudyInit {
        /// What was being done and the path, e.g. `will not overwrite demo/study.toml`.
        what: String,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// `SERVGAP_CHROMIUM` names a path that is not a file.
    #[error("{variable} is set to {}, which is not a file; point it at the Chromium executable or unset it", path.display())]
    ChromiumVariable {
        /// The environment variable.
        variable: &'static str,
        /// The path it names.
        path: PathBuf,
    },
    /// No Chromium on `PATH` and no `SERVGAP_CHROMIUM`.
    #[error("PDF output needs Chromium: install the Debian package `chromium` (apt-get install chromium) or set SERVGAP_CHROMIUM to its path")]
    ChromiumMissing,
    /// Chromium could not be started, or its working files could not be written or read.
    #[error("{what}")]
    PdfIo {
        /// What was being done, e.g. `cannot start /usr/bin/chromium`.
        what: String,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// Chromium ran but gave no PDF (or took too long).
    #[error("{browser} did not produce a PDF: {reason}")]
    PdfFailed {
        /// The executable.
        browser: PathBuf,
        /// Exit status and the browser's last message, or the timeout.
        reason: String,
    },
}

impl PipelineError {
    /// Whether the data broke a validation rule under strict mode (exit code 3 on the
    /// command line), as opposed to any other failure.
    pub fn is_invalid_data(&self) -> bool {
        matches!(self, PipelineError::InvalidData(_))
    }

    /// Whether the data broke a rule under strict mode (a run without `--strict` would go on).
    pub fn is_strict_rejection(&self) -> bool {
        matches!(self, PipelineError::InvalidData(IngestError::Rejected { .. }))
    }
}

impl From<IngestError> for PipelineError {
    /// A strict-mode rejection, a file whose rows were all rejected and a header-only file
    /// become [`PipelineError::InvalidData`] (nothing could be analysed); anything else
    /// [`PipelineError::Ingest`].
    fn from(error: IngestError) -> Self {
        match error {
            error @ (IngestError::Rejected { .. }
            | IngestError::NothingAccepted { .. }
            | IngestError::NoDataRows { .. }) => PipelineError::InvalidData(error),
            error => PipelineError::Ingest(error),
        }
    }
}

/// Why `--paired` could not pair a metric's waves ([`PipelineError::NoPanel`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPanel {
    /// The action whose metric it is.
    pub action: String,
    /// The metric's unit.
    pub unit: String,
    /// The baseline wave.
    pub baseline: String,
    /// The later wave.
    pub wave: String,
    /// The customer file at fault, as the report names files.
    pub file: String,
    /// The rule it breaks: `the file has no respondent id column`, `no respondent id of the
    /// unit is in both waves`, or that it uses another instrument than the baseline's file
    /// (naming that file and both instruments).
    pub reason: String,
}
