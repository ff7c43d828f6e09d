//! servgap-store's integration tests: round trips, every validation message, and the
//! golden encoding of the demo survey.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod golden;
mod roundtrip;
mod validation;
