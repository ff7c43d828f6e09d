//! End-to-end tests of servgap: the library pipeline on real research data
//! against independent golden values, and the `servgap` binary as a user runs it.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

mod accessibility;
mod browser;
mod cli;
mod golden;
mod kpi;
mod kpi_profiles;
mod output;
mod pipeline;
mod print;
mod prioritise;
mod progress;
mod report;
mod segments;
mod study;
mod study_args;

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
