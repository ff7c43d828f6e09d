//! # servgap-testdata
//!
//! Where the tests find real research data. Datasets whose licence allows it are
//! bundled in the repository (`testdata/`, `examples/data/`, provenance in
//! `testdata/README.md`), so the tests pass in a fresh clone with nothing beside
//! it. Two datasets may not be redistributed with the code (see [`Dataset::licence_note`]);
//! they are read from the team's shared folder (`../shared`, or `SERVGAP_SHARED`).
//!
//! A test of a restricted dataset runs when the data is there. When it is not, the
//! test prints why it did not run and returns, unless `SERVGAP_REQUIRE_RESTRICTED_DATA`
//! is set: CI sets it whenever the shared folder exists, so there the test fails
//! instead of being skipped.
//!
//! Used only as a dev-dependency.

use std::path::{Path, PathBuf};

/// A real dataset used by the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// K-SERVQUAL kiosk survey (Korea 2019), CP949, MIT: bundled in `examples/data/`.
    Kiosk,
    /// CFPB consumer complaints, 1,000 rows, U.S. public domain: bundled in `testdata/kpi/`.
    CfpbComplaints,
    /// ServiceNow incident event log (UCI, CC BY 4.0), first 5,998 events: bundled in `testdata/kpi/`.
    ServiceNowIncidents,
    /// Oddjob Airways survey (Mooi & Sarstedt textbook data): restricted.
    Airline,
    /// Italian help-desk event log (4TU.ResearchData): restricted.
    ItalianHelpdesk,
}

impl Dataset {
    /// Path of a bundled dataset relative to the repository root, or of a restricted
    /// one relative to the shared folder.
    fn relative_path(self) -> &'static str {
        match self {
            Dataset::Kiosk => "examples/data/kiosk_kservqual_2019_raw_cp949.csv",
            Dataset::CfpbComplaints => "testdata/kpi/cfpb_complaints_sample_1000.csv",
            Dataset::ServiceNowIncidents => "testdata/kpi/servicenow_incident_event_log_first5998.csv",
            Dataset::Airline => "research-data/servqual/airlinesat_oddjob_1065.csv",
            Dataset::ItalianHelpdesk => "research-data/kpi/helpdesk_italian_eventlog.csv",
        }
    }

    /// Why a restricted dataset is not in the repository; `None` for bundled ones.
    pub fn licence_note(self) -> Option<&'static str> {
        match self {
            Dataset::Airline => Some("textbook data licensed for internal testing only"),
            Dataset::ItalianHelpdesk => Some("its redistribution licence could not be confirmed"),
            _ => None,
        }
    }
}

/// The repository root: the nearest folder with a `Cargo.lock` above the running test's
/// package (`CARGO_MANIFEST_DIR`, which cargo sets when it runs a test), else above this
/// crate's folder as it was compiled (`crates/servgap-testdata`).
///
/// The run-time variable comes first because a shared build cache can hold this crate
/// compiled from another checkout of the repository, whose folder may be gone.
pub fn repo() -> PathBuf {
    let compiled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|dir| dir.ancestors().find(|d| d.join("Cargo.lock").is_file()).map(Path::to_path_buf))
        .unwrap_or(compiled)
}

/// The path of `dataset`, or `None` when a restricted dataset is absent and not required.
///
/// # Panics
/// When a bundled dataset is missing (a broken checkout), or a restricted one is
/// missing while `SERVGAP_REQUIRE_RESTRICTED_DATA` is set.
#[allow(clippy::panic)] // Test support: a missing file is a failed test.
pub fn locate(dataset: Dataset) -> Option<PathBuf> {
    let Some(note) = dataset.licence_note() else {
        let path = repo().join(dataset.relative_path());
        assert!(path.is_file(), "bundled test data missing: {}", path.display());
        return Some(path);
    };
    let shared = std::env::var_os("SERVGAP_SHARED").map_or_else(|| repo().join("../shared"), PathBuf::from);
    let path = shared.join(dataset.relative_path());
    if path.is_file() {
        return Some(path);
    }
    if std::env::var_os("SERVGAP_REQUIRE_RESTRICTED_DATA").is_some() {
        panic!(
            "restricted research data required but not found at {} (set SERVGAP_SHARED to the shared folder)",
            path.display()
        );
    }
    eprintln!(
        "not run: {} is not in the repository ({note}); put the team's shared folder beside the repository or set SERVGAP_SHARED",
        dataset.relative_path()
    );
    None
}
