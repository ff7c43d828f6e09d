//! # servgap-report
//!
//! Turns a [`servgap_core::servqual::SurveyAnalysis`] into something people read:
//! a versioned JSON document, aligned terminal text, Markdown, and a self-contained
//! HTML report with inline SVG charts ([`html::render_html`]) in English or Polish
//! ([`i18n::Lang`]). The findings come ranked from the core
//! (`servgap_core::servqual::insights`); [`insights`] only words them.
//!
//! The crate owns the serialised view model ([`model::AnalysisReport`]); the core
//! never derives `Serialize`, so the JSON contract changes only when this crate says so.
//! Rendering is deterministic: the same analysis always gives byte-identical output.

pub mod compare;
pub mod compare_html;
pub mod html;
pub mod i18n;
pub mod insights;
pub mod kpi;
pub mod kpi_html;
pub mod methods;
pub mod model;
pub mod svg;
pub mod text;

pub use compare::{
    render_segments_markdown, render_segments_text, render_waves_json, render_waves_markdown,
    render_waves_text, SegmentsView, WaveInputView, WaveReport, COMPARE_SCHEMA,
};
pub use compare_html::render_waves_html;
pub use html::render_html;
pub use i18n::Lang;
pub use model::{AnalysisReport, FindingExample, InputSummary, RuleFindings, SCHEMA};
pub use text::{render_json, render_markdown, render_text};

/// Any view model as pretty-printed JSON with a final newline: the one JSON layout
/// of every servgap document (key order follows the struct, numbers are stable).
pub(crate) fn pretty_json<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}
