//! Integration tests of servgap-ingest: one binary (conventions §8).

// Test helpers outside `#[test]` functions unwrap too; clippy's in-test allowance does not reach them.
#![allow(clippy::unwrap_used, clippy::panic, clippy::needless_range_loop)]

mod encoding;
mod equivalence;
mod formats;
mod fuzz;
mod issue11;
mod issue13;
mod kiosk;
mod labelled;
mod parallel;
mod rules;
mod settings;
mod settings_fuzz;
mod tickets;
mod util;
