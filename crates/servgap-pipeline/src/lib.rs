//! # servgap-pipeline
//!
//! The one composition of `servgap-ingest`, `servgap-core` and `servgap-report` that every
//! front end calls: the command line today, the web server and the studies next. A typed
//! request goes in, core results and a view model come out:
//!
//! ```no_run
//! use servgap_pipeline::{analyze, no_progress, AnalyzeRequest, SurveySource};
//!
//! # fn main() -> Result<(), servgap_pipeline::PipelineError> {
//! let mut request = AnalyzeRequest::new(SurveySource::new("survey.csv"));
//! request.segment_by = Some("branch".to_owned());
//! let outcome = analyze(&request, &no_progress)?;
//! let report = outcome.report(); // the language-free view model; render it with servgap-report
//! # let _ = report;
//! # Ok(())
//! # }
//! ```
//!
//! * [`analyze()`] (one survey, optionally per segment), [`compare()`] (two waves),
//!   [`kpi()`] (help-desk KPIs against targets) and [`inspect()`] (how a file would be
//!   read), [`diagnose()`] (a gap study folder, `docs/study-format.md`); [`study`] writes
//!   new and demo study folders.
//! * Requests ([`request`]) hold validated values: a [`ConfidenceLevel`], a [`Coverage`],
//!   an [`ExampleLimit`], a [`request::Delimiter`], ... all checked once by their
//!   constructors (and `FromStr`, so a command-line parser can use them directly).
//! * Each outcome keeps the core values and builds its view model in one method
//!   (`report`). Every call into `servgap-report` lives in one private module, `views`.
//! * [`pdf`] prints an HTML page to PDF bytes with headless Chromium.
//!
//! Rationale: a front end parses its input, calls one function here and renders; it
//! composes nothing itself. So a pipeline never prints, never exits and never touches
//! standard output or error: progress goes through a [`Progress`] callback, warnings come
//! back as [`Warning`] values, failures as one [`PipelineError`] whose
//! [`PipelineError::InvalidData`] variant marks data that broke a rule under strict mode.

mod action_progress;
mod analyze;
mod compare;
mod diagnose;
mod error;
mod inspect;
mod instruments;
mod kpi;
mod panel_progress;
pub mod pdf;
pub mod plan;
pub mod prioritise;
mod progress;
pub mod request;
pub mod study;
mod survey;
mod views;
mod warning;

pub use action_progress::measure_plan_progress;
pub use action_progress::{action_progress, measure_progress, ProgressOutcome, ProgressRequest, Unmeasured};
pub use analyze::{analyze, AnalysisOutcome};
pub use compare::{compare, ComparisonOutcome, PanelOutcome};
pub use diagnose::{
    diagnose, study_input_files, study_root, DiagnosisOutcome, HelpdeskByUnit, SurveyByUnit, WaveData,
    WaveDiagnosis,
};
pub use error::NoPanel;
pub use error::PipelineError;
pub use inspect::{inspect, InspectOutcome};
pub use instruments::{builtin_instruments, instrument_toml, resolve_instrument};
pub use kpi::{kpi, KpiOutcome};
pub use panel_progress::{MetricPairing, PairingChoice};
pub use plan::{plan, PlanOutcome, PlanRequest};
pub use prioritise::{prioritise, PrioritiesOutcome, PrioritiseRequest};
pub use progress::{no_progress, Progress, ReadProgress};
pub use request::{
    AnalyzeRequest, CompareRequest, DiagnoseRequest, KpiRequest, PathDisplay, StatisticsOptions, SurveyRules,
    SurveySource,
};
pub use warning::Warning;

/// The survey instrument type (for `instrument show`-style descriptions).
pub use servgap_core::instrument::Instrument;
/// The validated option values a front end parses its input into, re-exported from the
/// core so a front end needs no other crate to build a request.
pub use servgap_core::kpi::{Dimension, DurationKpi, Period, Profile, DEFAULT_MAX_SEGMENTS};
pub use servgap_core::options::{ConfidenceLevel, ExampleLimit};
pub use servgap_core::servqual::{Coverage, Crosshair, Design};
pub use servgap_core::stats::wilcoxon::{WilcoxonMethod, WilcoxonOptions, ZeroMethod};
pub use servgap_ingest::Limits;
