//! End-to-end tests of servgap: the library pipeline on real research data
//! against independent golden values, and the `servgap` binary as a user runs it.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

mod browser;
mod cli;
mod golden;
mod kpi;
mod print;
mod report;
mod segments;

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The team's shared folder (research data), beside the repository unless
/// `SERVGAP_SHARED` says otherwise. Missing data fails the test: it is never skipped.
pub fn shared() -> PathBuf {
    let path = std::env::var_os("SERVGAP_SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    assert!(
        path.join("research-data").is_dir(),
        "research data not found at {}; clone the shared folder beside the repository or set SERVGAP_SHARED",
        path.display()
    );
    path
}
