//! The view models: serialisable, explicitly versioned copies of what the core
//! computed, one module per document. Core types do not derive `Serialize`; these
//! modules convert them field by field, so a refactor in `servgap-core` cannot
//! silently change a JSON contract (`docs/analysis-json.md`).
//!
//! Dependencies point one way: `analysis` → `segments` → `common`, `waves` →
//! `common`, `kpi` → `common`. Nothing here formats text for people.

pub mod analysis;
pub mod charts;
pub mod common;
pub mod diagnosis;
pub mod kpi;
pub mod kpi_profiles;
pub mod plan;
pub mod priorities;
pub mod progress;
pub mod segments;
pub mod waves;

pub use analysis::*;
pub use charts::ChartsView;
pub use common::{BatteryView, FindingExample, InputSummary, InstrumentView, RuleFindings};
pub use segments::*;
pub use waves::*;
