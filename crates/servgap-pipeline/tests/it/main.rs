//! The pipeline crate's own tests: requests are validated once, by their constructors,
//! and the pipelines run on the demo files in `examples/`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

mod diagnose;
mod diagnosis_exports;
mod outcomes;
mod plan;
mod prioritise;
mod progress_oracle;
mod progress_panel;
mod requests;
mod scenario_issue_15;

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
