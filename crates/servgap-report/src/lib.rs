//! # servgap-report
//!
//! Turns what `servgap-core` computed into something people read, in three layers:
//!
//! - [`model`]: the view models (analysis with segments, wave comparison, KPI),
//!   serialisable and versioned; the only layer that sees core types.
//! - [`render`]: the printers (terminal text, Markdown, JSON, HTML with inline SVG),
//!   which only format what a view model carries.
//! - [`i18n`]: every label and sentence in English and Polish ([`Lang`]), including
//!   the wording of the core's findings ([`i18n::insights`]) and the methods appendix.
//!
//! Rendering is deterministic: the same view model always gives byte-identical output.

pub mod i18n;
pub mod model;
pub mod render;

pub use i18n::{insights, methods, Lang};
pub use model::diagnosis::{DiagnosisReport, DIAGNOSIS_SCHEMA};
pub use model::kpi;
pub use model::plan::{PlanContext, PlanReport, PLAN_SCHEMA};
pub use model::priorities::{PrioritiesReport, PRIORITIES_SCHEMA};
pub use model::progress::{PairingInput, PairingView};
pub use model::progress::{ProgressInputs, ProgressReport, PROGRESS_SCHEMA};
pub use model::{
    AnalysisReport, FindingExample, InputSummary, PanelMatch, PanelView, RuleFindings, SegmentsView,
    WaveInputView, WaveReport, COMPARE_SCHEMA, SCHEMA,
};
pub use render::diagnosis_export::{
    diagnosis_tables, render_csv, render_xlsx, Cell, ExportTable, DIAGNOSIS_TABLES,
};
pub use render::diagnosis_html::render_diagnosis_html;
pub use render::diagnosis_text::{render_diagnosis_json, render_diagnosis_markdown, render_diagnosis_text};
pub use render::html::render_html;
pub use render::kpi_html::render_kpi_html;
pub use render::kpi_text::{render_kpi_json, render_kpi_markdown, render_kpi_text};
pub use render::plan_export::{plan_tables, PLAN_COLUMNS};
pub use render::plan_html::render_plan_html;
pub use render::plan_text::{render_plan_json, render_plan_markdown, render_plan_text};
pub use render::priorities_export::priorities_tables;
pub use render::priorities_html::render_priorities_html;
pub use render::priorities_text::{
    render_priorities_json, render_priorities_markdown, render_priorities_text,
};
pub use render::progress_export::progress_tables;
pub use render::progress_html::{progress_sections_html, render_progress_html};
pub use render::progress_text::{render_progress_json, render_progress_markdown, render_progress_text};
pub use render::segments_text::{render_segments_markdown, render_segments_text};
pub use render::support::units::{human_duration, human_value};
pub use render::svg;
pub use render::text::{render_json, render_markdown, render_text};
pub use render::waves_html::render_waves_html;
pub use render::waves_text::{render_waves_json, render_waves_markdown, render_waves_text};

/// Any view model as pretty-printed JSON with a final newline: the one JSON layout
/// of every servgap document (key order follows the struct, numbers are stable).
pub(crate) fn pretty_json<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}
