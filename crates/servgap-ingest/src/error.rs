//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while reading a survey file or a mapping file.
///
/// Every variant names the file it concerns; variants about cells also carry
/// the row, column, value and rule, so a message can point at the exact cell.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// The CSV reader rejected the file's structure.
    #[error("{path}: row {row}: malformed csv: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// Row (1-based line) where the problem was found.
        row: u64,
        /// What the csv reader said.
        message: String,
    },
    /// The spreadsheet could not be opened or the sheet does not exist.
    #[error("{path}: cannot read spreadsheet: {message}")]
    Spreadsheet {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An `--encoding` value that names no known encoding.
    #[error("unknown encoding `{label}` (try utf-8, utf-16le, windows-1250, cp949 or euc-kr)")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// A delimiter that is not a single ASCII character, or is a quote or a line break.
    #[error("delimiter `{given}` cannot separate fields: give one ASCII character other than `\"`, `\\r` or `\\n` (or `tab`)")]
    BadDelimiter {
        /// The value as given.
        given: String,
    },
    /// The file has no header row (it is empty, or shorter than the header row number).
    #[error("{path}: no header row found at row {row}")]
    NoHeader {
        /// The file.
        path: PathBuf,
        /// The expected header row (1-based).
        row: u64,
    },
    /// Two columns claim the same slot of the instrument.
    #[error(
        "{path}: columns `{first}` and `{second}` both match {slot}; name one of them in a mapping file"
    )]
    Ambiguous {
        /// The file.
        path: PathBuf,
        /// The slot, e.g. `item 3 E`.
        slot: String,
        /// The first column.
        first: String,
        /// The second column.
        second: String,
    },
    /// Rating slots that no column matched.
    #[error("{path}: no column found for {slots}; add them to a mapping file (see docs/mapping-format.md)")]
    MissingColumns {
        /// The file.
        path: PathBuf,
        /// The missing slots, comma-separated (e.g. `item 3 E, item 3 P`).
        slots: String,
    },
    /// A mapping file that is not valid TOML or has unknown keys or values of the wrong type.
    #[error("mapping {mapping}: {message}")]
    Mapping {
        /// The mapping file.
        mapping: PathBuf,
        /// What is wrong, including the key.
        message: String,
    },
    /// A mapping key that names a column the data file does not have.
    #[error("mapping {mapping}: key `{key}` names column `{column}`, which is not in the header of {path}")]
    MappingColumn {
        /// The mapping file.
        mapping: PathBuf,
        /// The key, e.g. `items.1.E`.
        key: String,
        /// The column as written in the mapping.
        column: String,
        /// The data file.
        path: PathBuf,
    },
    /// A mapping pattern that matched no column for some slot.
    #[error("mapping {mapping}: pattern `{key}` = `{pattern}` matched no column for {slot} in {path}")]
    MappingPattern {
        /// The mapping file.
        mapping: PathBuf,
        /// The key, e.g. `patterns.expected`.
        key: String,
        /// The pattern text.
        pattern: String,
        /// The first slot it did not find, e.g. `item 5`.
        slot: String,
        /// The data file.
        path: PathBuf,
    },
    /// A strict scan stopped at the first broken rule.
    #[error("{path}: row {row}, column `{column}`: value `{value}` breaks rule {rule} ({requirement})")]
    Rejected {
        /// The data file.
        path: PathBuf,
        /// Row, 1-based, counting header rows.
        row: u64,
        /// The column(s) involved, or `(whole response)`.
        column: String,
        /// The offending value as text.
        value: String,
        /// The rule's stable id, e.g. `out-of-scale`.
        rule: &'static str,
        /// What the rule demands.
        requirement: &'static str,
    },
    /// More distinct segment values than [`crate::ScanOptions::max_segments`].
    #[error("{path}: segment column `{column}` has more than {limit} distinct values")]
    TooManySegments {
        /// The data file.
        path: PathBuf,
        /// The segment column.
        column: String,
        /// The limit.
        limit: usize,
    },
    /// The header changed between planning and scanning.
    #[error(
        "{path}: the header no longer matches the column plan (expected {expected} columns, found {found})"
    )]
    HeaderChanged {
        /// The data file.
        path: PathBuf,
        /// Columns in the plan.
        expected: usize,
        /// Columns in the file now.
        found: usize,
    },
    /// A core value could not be built (for example, an instrument too large for exact scoring).
    #[error(transparent)]
    Core(#[from] servgap_core::CoreError),
    /// The segment column named on the command line (`--by`) is not usable.
    #[error("{path}: cannot segment by `{column}`: {reason}")]
    SegmentColumn {
        /// The data file.
        path: PathBuf,
        /// The name given.
        column: String,
        /// Why: no such column, or the column already fills another slot.
        reason: String,
    },
    /// A ticket file lacks columns for required roles.
    #[error("{path}: no column for {roles}; name them in a mapping file (see docs/kpi-mapping-format.md)")]
    TicketColumnsMissing {
        /// The data file.
        path: PathBuf,
        /// The missing roles, comma-separated (e.g. `created`).
        roles: String,
    },
    /// A timestamp without a UTC offset, and no time zone was stated.
    #[error(
        "{path}: row {row}, column `{column}`: timestamp `{value}` has no UTC offset and no time zone was given; \
         set `zone` in the mapping file or pass --zone"
    )]
    NoTimeZone {
        /// The data file.
        path: PathBuf,
        /// Row, 1-based, counting the header.
        row: u64,
        /// Column.
        column: String,
        /// The timestamp text.
        value: String,
    },
    /// An event log whose rows of one case are not contiguous.
    #[error(
        "{path}: row {row}: case `{case}` appears again after other cases (first seen in row {first_row}); \
         sort the log by case id, or set `events_grouped = false` in the mapping (holds the whole log in memory)"
    )]
    EventsNotGrouped {
        /// The data file.
        path: PathBuf,
        /// The case id.
        case: String,
        /// Where it appears again.
        row: u64,
        /// Where it was first seen.
        first_row: u64,
    },
    /// Ticket files must be delimited text.
    #[error("{path}: ticket files must be delimited text (CSV, TSV); export the sheet as CSV")]
    TicketSpreadsheet {
        /// The data file.
        path: PathBuf,
    },
    /// A calendar file that is not valid.
    #[error("calendar {path}: {message}")]
    CalendarFile {
        /// The calendar file.
        path: PathBuf,
        /// What is wrong, including the key.
        message: String,
    },
    /// A targets file that is not valid.
    #[error("targets {path}: {message}")]
    TargetsFile {
        /// The targets file.
        path: PathBuf,
        /// What is wrong, including the key.
        message: String,
    },
    /// A delimiter that cannot separate fields: a double quote, CR, LF, NUL, an ASCII
    /// letter or digit (issue 11).
    #[error("delimiter `{given}` cannot separate fields: {reason}")]
    ImpossibleDelimiter {
        /// The value as given, control characters escaped.
        given: String,
        /// Why it cannot work.
        reason: &'static str,
    },
    /// A ticket file that must be read twice (exact quantiles in coarse buckets) but is not a regular file.
    #[error("{path}: exact medians need a second pass over the tickets, but this is not a regular file (a pipe?); save it to a file first")]
    NotRereadable {
        /// The source.
        path: PathBuf,
    },
    // Issue 11 (readers): size limits, empty results, shown values.
    /// A row (record) longer than [`crate::Limits::max_row_bytes`].
    #[error(
        "{path}: row {row} is longer than {} bytes, the limit for one row \
         (a missing line break or an unclosed quote?); raise the limit if the row is right",
        thousands(*limit as u64)
    )]
    RowTooLong {
        /// The data file.
        path: PathBuf,
        /// Row where the long record starts (as the reader numbers rows).
        row: u64,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A cell longer than [`crate::Limits::max_cell_bytes`].
    #[error(
        "{path}: row {row}, column `{column}`: the cell is {} bytes long, over the limit of {} bytes for one cell",
        thousands(*length as u64),
        thousands(*limit as u64)
    )]
    CellTooLong {
        /// The data file.
        path: PathBuf,
        /// Row.
        row: u64,
        /// Column name (escaped).
        column: String,
        /// The cell's length in bytes.
        length: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A workbook part that unpacks to more than the limits allow (a zip bomb, or a huge sheet).
    #[error(
        "{path}: workbook part `{part}` unpacks to more than {} bytes (declared {} bytes); \
         refusing to read it (the limit is in docs/limits.md)",
        thousands(*limit),
        thousands(*declared)
    )]
    WorkbookTooLarge {
        /// The workbook.
        path: PathBuf,
        /// The zip entry, or `(all parts)` for the total.
        part: String,
        /// The uncompressed size the archive declares for it.
        declared: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Data rows were read, but every one was rejected (or contributed nothing).
    #[error(
        "{path}: none of the {read} data rows could be used; the most frequent problem is rule {rule} \
         ({count} times), e.g. {example}"
    )]
    NothingAccepted {
        /// The data file.
        path: PathBuf,
        /// Data rows read.
        read: u64,
        /// The rule broken most often.
        rule: &'static str,
        /// How often.
        count: u64,
        /// The earliest example, `row R, column `C`: value `V``.
        example: String,
    },
    /// A file with a header but no data rows.
    #[error("{path}: no data rows after the header (row {header_row}); the file holds only a header")]
    NoDataRows {
        /// The data file.
        path: PathBuf,
        /// 1-based header row.
        header_row: u64,
    },
    /// A study folder that breaks a rule (issue 14, `docs/study-format.md`): the file
    /// (relative to the study folder, as the study file names it), where in it, and the rule.
    #[error("{file}: {message}")]
    Study {
        /// The file, e.g. `study.toml` or `registers/standards.csv`.
        file: String,
        /// Where and what, e.g. ``key `waves[1].slug`: …`` or `row 3: …`.
        message: String,
    },
}

/// Longest value shown whole in a message or finding, in characters.
pub(crate) const SHOWN_CHARS: usize = 80;

/// A cell value or column name as messages and findings show it: control and
/// bidirectional-format characters escaped (`\0`, `\r`, `\u{1b}` …), and a value
/// longer than [`SHOWN_CHARS`] characters cut to its first 80, followed by `…`
/// and its full length, e.g. `7777…(10,485,760 bytes)`.
pub(crate) fn shown(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(SHOWN_CHARS * 2));
    for (chars, c) in value.chars().enumerate() {
        if chars == SHOWN_CHARS {
            out.push_str(&format!("…({} bytes)", thousands(value.len() as u64)));
            return out;
        }
        if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `10485760` → `10,485,760`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// [`shown`] for bytes that may not be UTF-8 (invalid sequences become U+FFFD),
/// without converting more than what is shown.
pub(crate) fn shown_bytes(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(SHOWN_CHARS * 4 + 4)];
    let text = String::from_utf8_lossy(head);
    let mut out = shown(&text);
    if head.len() < bytes.len() && !out.ends_with(" bytes)") {
        out.push_str(&format!("…({} bytes)", thousands(bytes.len() as u64)));
    } else if head.len() < bytes.len() {
        if let Some(cut) = out.rfind("…(") {
            out.truncate(cut);
            out.push_str(&format!("…({} bytes)", thousands(bytes.len() as u64)));
        }
    }
    out
}
