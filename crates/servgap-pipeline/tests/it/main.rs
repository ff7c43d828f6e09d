//! The pipeline crate's own tests: requests are validated once, by their constructors,
//! and the pipelines run on the demo files in `examples/`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

mod diagnose;
mod diagnosis_exports;
mod kpi_satisfaction;
mod outcomes;
mod plan;
mod prioritise;
mod progress_oracle;
mod progress_panel;
mod requests;
mod scenario_issue_15;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Copies the folder `from` into `to` (created), recursively: a study to change in a test.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
