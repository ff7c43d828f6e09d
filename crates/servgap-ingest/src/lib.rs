//! # servgap-ingest
//!
//! Reads survey files, mapping files and instrument files into `servgap-core` values.

pub mod instrument_file;
