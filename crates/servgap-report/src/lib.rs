//! # servgap-report
//!
//! Turns a [`servgap_core::servqual::SurveyAnalysis`] into something people read:
//! a versioned JSON document, aligned terminal text and Markdown.
//!
//! The crate owns the serialised view model ([`model::AnalysisReport`]); the core
//! never derives `Serialize`, so the JSON contract changes only when this crate says so.
//! Rendering is deterministic: the same analysis always gives byte-identical output.

pub mod compare;
pub mod model;
pub mod text;

pub use compare::{
    render_segments_markdown, render_segments_text, render_waves_json, render_waves_markdown, render_waves_text,
    SegmentsView, WaveInputView, WaveReport, COMPARE_SCHEMA,
};
pub use model::{AnalysisReport, FindingExample, InputSummary, RuleFindings, SCHEMA};
pub use text::{render_json, render_markdown, render_text};
