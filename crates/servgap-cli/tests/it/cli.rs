//! The `servgap` binary as a user runs it.
