//! The printers: each turns a view model into one output format. They only
//! format; every number and decision comes with the view model. Printers share
//! [`support`] (escaping, colours, the HTML page shell, units) and [`svg`] (chart
//! drawing), and never import one another.

pub mod diagnosis_export;
pub mod diagnosis_html;
pub mod diagnosis_text;
pub mod html;
pub mod kpi_html;
pub mod kpi_text;
pub mod plan_export;
pub mod plan_html;
pub mod plan_text;
pub mod priorities_export;
pub mod priorities_html;
pub mod priorities_text;
pub mod progress_export;
pub mod progress_html;
pub mod progress_text;
pub mod segments_text;
pub mod support;
pub mod svg;
pub mod text;
pub mod waves_html;
pub mod waves_text;
