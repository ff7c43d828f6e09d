//! # servgap-ingest
//!
//! Reads survey files, mapping files and instrument files into `servgap-core` values.
//!
//! The usual sequence, as the CLI runs it:
//!
//! ```no_run
//! use servgap_ingest::{plan, scan, Mapping, ScanOptions, Source};
//!
//! # fn main() -> Result<(), servgap_ingest::IngestError> {
//! let instrument = servgap_core::builtin::servqual22();
//! let mapping = Mapping::load("survey.mapping.toml".as_ref())?;
//! let source = Source::new("survey.csv").with_mapping(&mapping);
//! let plan = plan(&source, &instrument, Some(&mapping))?;      // which column is which answer
//! let result = scan(&source, &instrument, &plan, &ScanOptions::default(), &|_, _| {})?;
//! println!("{} respondents, {} findings", result.rows, result.findings.total());
//! # Ok(())
//! # }
//! ```
//!
//! * [`read_header`] reads the header row and a sample, deciding the encoding
//!   (BOM, UTF-8 check, else a `chardetng` guess), delimiter, decimal separator
//!   and header rows, each with a reason.
//! * [`detect_columns`] matches headers to the instrument's slots with built-in
//!   patterns; [`resolve_columns`] adds a [`Mapping`] on top; [`plan()`] does both
//!   from a [`Source`].
//! * [`scan()`] streams the file once into mergeable [`servgap_core::servqual::SurveyPartials`]
//!   and a [`servgap_core::servqual::FindingLog`]. Plain UTF-8 files take a fast
//!   multi-threaded path; other files go through the `csv` crate or calamine.
//! * [`inspect()`] describes how a file would be read, for `servgap inspect`.
//!
//! Rationale: survey answers are small integers, and every statistic servgap
//! reports comes from exact, mergeable sums, so the reader never holds rows,
//! and parallel blocks merge to exactly the single-pass result.

mod blocks;
mod cell;
mod detect;
mod error;
mod inspect;
mod mapping;
mod plan;
mod scan;
mod source;
mod text;

pub mod instrument_file;
pub mod settings_file;
pub mod study_file;
pub mod tickets;

pub use cell::{Decimal, LabelValue, ValueLabels};
pub use detect::{detect_columns, ColumnMatch, Detection, Slot};
pub use error::IngestError;
pub use inspect::{inspect, Inspection};
pub use mapping::Mapping;
pub use plan::{plan, resolve_columns, ColumnPlan};
pub use scan::{
    describe_finding, for_each_identified_respondent, for_each_respondent, scan, FindingReport, ReaderChoice,
    ReaderUsed, Scan, ScanOptions,
};
pub use scan::{for_each_labelled_respondent, RespondentLabels};
pub use source::{
    parse_delimiter, read_header, Dialect, FileKind, Header, Limits, ReadOptions, Source, SAMPLE_ROWS,
};
pub use text::{detect_encoding, encoding_for_label, EncodingReason, TextEncoding};
