//! Shared helpers: SERVQUAL-22 rows, files in a temporary directory, scanning.

use std::path::{Path, PathBuf};

use servgap_core::instrument::Instrument;
use servgap_ingest::{plan, scan, Mapping, Scan, ScanOptions, Source};

pub const DIMENSIONS: [&str; 5] = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"];

pub fn sq() -> Instrument {
    servgap_core::builtin::servqual22()
}

/// `id, E1..E22, P1..P22, imp_tangibles..imp_empathy, overall`.
pub fn header() -> Vec<String> {
    let mut h = vec!["id".to_owned()];
    h.extend((1..=22).map(|i| format!("E{i}")));
    h.extend((1..=22).map(|i| format!("P{i}")));
    h.extend(DIMENSIONS.iter().map(|d| format!("imp_{d}")));
    h.push("overall".to_owned());
    h
}

/// A valid, varied respondent (no straight-lining, points summing to 100).
pub fn good_row(id: u64) -> Vec<String> {
    let mut r = vec![id.to_string()];
    r.extend((0..22).map(|i| (1 + (id + i) % 7).to_string()));
    r.extend((0..22).map(|i| (1 + (id * 3 + i * 2) % 7).to_string()));
    let first = 10 + id % 21;
    r.extend([first, 30 - id % 21, 20, 20, 20].iter().map(u64::to_string));
    r.push((1 + id % 7).to_string());
    r
}

/// Column index of a header in [`header`].
pub fn col(name: &str) -> usize {
    header().iter().position(|h| h == name).unwrap()
}

pub fn join(rows: &[Vec<String>], delimiter: &str) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&r.join(delimiter));
        out.push('\n');
    }
    out
}

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn scan_with(
    path: &Path,
    instrument: &Instrument,
    mapping: Option<&Mapping>,
    options: &ScanOptions,
) -> Result<Scan, servgap_ingest::IngestError> {
    let mut source = Source::new(path);
    if let Some(m) = mapping {
        source = source.with_mapping(m);
    }
    let plan = plan(&source, instrument, mapping)?;
    scan(&source, instrument, &plan, options, &|_, _| {})
}

pub fn strict() -> ScanOptions {
    ScanOptions { strict: true, ..ScanOptions::default() }
}
