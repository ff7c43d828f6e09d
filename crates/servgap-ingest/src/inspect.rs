//! `inspect`: how a file would be read, without scanning it.

use std::fmt;

use servgap_core::instrument::Instrument;

use crate::detect::{ColumnMatch, Slot};
use crate::mapping::Mapping;
use crate::plan::resolve_columns;
use crate::source::{read_header, Dialect, Source};
use crate::IngestError;

/// What [`inspect`] found out about a file.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The file.
    pub path: std::path::PathBuf,
    /// Encoding, delimiter, decimal separator and header rows with reasons (delimited files).
    pub dialect: Option<Dialect>,
    /// The worksheet (spreadsheets).
    pub sheet: Option<String>,
    /// 1-based header row.
    pub header_row: u64,
    /// Data rows sampled after the header.
    pub rows_sampled: usize,
    /// Every column matched, with its reason, in column order.
    pub matched: Vec<ColumnMatch>,
    /// Columns that matched nothing: `(index, header)`.
    pub unmatched: Vec<(usize, String)>,
    /// Slots without a column, described (`item 3 P`, `importance empathy`, `overall`).
    pub missing: Vec<String>,
    /// Why the columns could not be resolved (ambiguous slot, bad mapping key), if so.
    pub problem: Option<String>,
}

/// Describes how `source` would be read with `instrument` (and `mapping`).
///
/// Column problems (ambiguity, mapping keys naming absent columns) are reported
/// in [`Inspection::problem`] rather than as errors, so the rest can still be shown.
///
/// # Errors
/// Only when the file cannot be opened or has no header row.
pub fn inspect(
    source: &Source,
    instrument: &Instrument,
    mapping: Option<&Mapping>,
) -> Result<Inspection, IngestError> {
    let header = read_header(source)?;
    let mut inspection = Inspection {
        path: source.path.clone(),
        dialect: header.dialect.clone(),
        sheet: header.sheet.clone(),
        header_row: header.header_row,
        rows_sampled: header.sample.len(),
        matched: Vec::new(),
        unmatched: Vec::new(),
        missing: Vec::new(),
        problem: None,
    };
    match resolve_columns(&header.columns, instrument, mapping, &source.path) {
        Ok(detection) => {
            inspection.matched = detection.matches;
            inspection.unmatched = detection.ignored;
            inspection.missing = detection.missing.iter().map(|s: &Slot| s.describe(instrument)).collect();
        }
        Err(e) => {
            inspection.unmatched = header.columns.iter().cloned().enumerate().collect();
            inspection.problem = Some(e.to_string());
        }
    }
    Ok(inspection)
}

fn show_delimiter(d: u8) -> String {
    match d {
        b'\t' => "tab".to_owned(),
        d => format!("`{}`", d as char),
    }
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "file: {}", self.path.display())?;
        if let Some(d) = &self.dialect {
            writeln!(f, "encoding: {} ({})", d.encoding.name(), d.encoding_reason)?;
            writeln!(f, "delimiter: {} ({})", show_delimiter(d.delimiter), d.delimiter_reason)?;
            writeln!(f, "decimal separator: `{}` ({})", d.decimal.as_char(), d.decimal_reason)?;
            writeln!(
                f,
                "header row: {}; rows skipped after it: {} ({})",
                d.header_row, d.skip_rows, d.skip_reason
            )?;
        }
        if let Some(sheet) = &self.sheet {
            writeln!(f, "sheet: {sheet}; header row: {}", self.header_row)?;
        }
        writeln!(f, "rows sampled: {}", self.rows_sampled)?;
        writeln!(f, "matched columns: {}", self.matched.len())?;
        for m in &self.matched {
            writeln!(f, "  #{:<4} {}", m.column + 1, m.reason)?;
        }
        writeln!(f, "unmatched columns: {}", self.unmatched.len())?;
        for (i, h) in &self.unmatched {
            writeln!(f, "  #{:<4} {}", i + 1, h.trim())?;
        }
        if !self.missing.is_empty() {
            writeln!(f, "missing: {}", self.missing.join(", "))?;
        }
        if let Some(p) = &self.problem {
            writeln!(f, "problem: {p}")?;
        }
        Ok(())
    }
}
