//! Data files: what kind they are, how they are read (encoding, delimiter,
//! decimal separator, header row), and the header itself.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::cell::Decimal;
use crate::text::{self, EncodingReason, TextEncoding};
use crate::IngestError;

/// Kind of data file, decided from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Delimited text (CSV, TSV, semicolon-separated …).
    Delimited,
    /// A spreadsheet workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`).
    Spreadsheet,
}

/// Reading options; `None` means "detect".
///
/// Filled from the command line and from a mapping file; see [`Source::with_mapping`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Encoding label, e.g. `utf-8`, `windows-1250`, `cp949`.
    pub encoding: Option<String>,
    /// Field delimiter byte.
    pub delimiter: Option<u8>,
    /// Decimal separator.
    pub decimal: Option<Decimal>,
    /// 1-based row number of the header row (default: 1, or the sheet's first row).
    pub header_row: Option<u64>,
    /// Rows to skip after the header (Qualtrics exports have 2; detected when absent).
    pub skip_rows: Option<u64>,
    /// Worksheet name (default: the first sheet).
    pub sheet: Option<String>,
}

impl ReadOptions {
    /// Fills every option still `None` from `other`.
    pub fn fill_from(&mut self, other: &ReadOptions) {
        if self.encoding.is_none() {
            self.encoding.clone_from(&other.encoding);
        }
        self.delimiter = self.delimiter.or(other.delimiter);
        self.decimal = self.decimal.or(other.decimal);
        self.header_row = self.header_row.or(other.header_row);
        self.skip_rows = self.skip_rows.or(other.skip_rows);
        if self.sheet.is_none() {
            self.sheet.clone_from(&other.sheet);
        }
    }
}

/// Parses a delimiter given as text: one ASCII character other than a quote or a line
/// break, or `tab`/`\t`.
///
/// # Errors
/// [`IngestError::BadDelimiter`] otherwise.
pub fn parse_delimiter(text: &str) -> Result<u8, IngestError> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        // A quote, a line break, a letter or a digit cannot separate fields.
        s if s.len() == 1 && s.is_ascii() => crate::settings_file::check_delimiter(s.as_bytes()[0]),
        _ => Err(IngestError::BadDelimiter { given: crate::error::shown(text) }),
    }
}

/// Size limits that keep every reader's memory bounded whatever the file holds
/// (issue 11; `docs/limits.md`). Exceeding one is an error naming the file, the row
/// and the limit, raised before more than the limit is held in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest row (record) of a delimited file, in bytes, without its line terminator
    /// (quoted line breaks count). Default 1 MiB: a survey row of 16,384 columns (the most
    /// a spreadsheet has) of three-digit answers is 64 KiB, so this leaves room for wide
    /// exports with long text answers while bounding memory to a few MiB per thread.
    pub max_row_bytes: usize,
    /// Longest cell, in bytes. Default 128 KiB: the longest text a spreadsheet cell can
    /// hold (32,767 characters) at up to 4 bytes per character.
    pub max_cell_bytes: usize,
    /// Largest total uncompressed size of a workbook's XML and binary parts (`.xlsx`,
    /// `.xlsm`, `.xlsb`, `.ods`), in bytes, checked before the workbook is read.
    /// Default 1 GiB (worksheets are streamed, so this bounds time more than memory).
    pub max_workbook_bytes: u64,
    /// Largest uncompressed shared-strings part of a workbook (held in memory whole), in bytes.
    /// Default 128 MiB.
    pub max_shared_strings_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_row_bytes: 1 << 20,
            max_cell_bytes: 128 << 10,
            max_workbook_bytes: 1 << 30,
            max_shared_strings_bytes: 128 << 20,
        }
    }
}

/// A data file and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file.
    pub path: PathBuf,
    /// Delimited text or spreadsheet.
    pub kind: FileKind,
    /// Reading options (explicit values win over detection).
    pub options: ReadOptions,
    /// Size limits of every reader.
    pub limits: Limits,
}

impl Source {
    /// A source for `path`, its kind decided by the extension (spreadsheet for
    /// `xlsx`, `xlsm`, `xlsb`, `xls`, `ods`; delimited text otherwise).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let kind = match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => FileKind::Spreadsheet,
            _ => FileKind::Delimited,
        };
        Self { path, kind, options: ReadOptions::default(), limits: Limits::default() }
    }

    /// Fills the options not set yet from a mapping file's read options
    /// (so options set before, e.g. from the command line, win).
    pub fn with_mapping(mut self, mapping: &crate::Mapping) -> Self {
        self.options.fill_from(&mapping.read);
        self
    }
}

/// How a delimited file is read, with the reason for each choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialect {
    /// The encoding.
    pub encoding: TextEncoding,
    /// Why this encoding.
    pub encoding_reason: EncodingReason,
    /// Field delimiter.
    pub delimiter: u8,
    /// Why this delimiter.
    pub delimiter_reason: String,
    /// Decimal separator.
    pub decimal: Decimal,
    /// Why this separator.
    pub decimal_reason: String,
    /// 1-based header row.
    pub header_row: u64,
    /// Rows skipped after the header.
    pub skip_rows: u64,
    /// Why that many rows are skipped.
    pub skip_reason: String,
}

/// Where data starts in a UTF-8 delimited file, for the fast reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DataStart {
    /// Byte offset in the file of the first data row.
    pub byte: u64,
    /// 1-based line number of the first data row.
    pub line: u64,
}

/// The header row of a file and a sample of its first data rows.
#[derive(Debug, Clone)]
pub struct Header {
    /// Column names, as in the file.
    pub columns: Vec<String>,
    /// The text dialect (delimited files only).
    pub dialect: Option<Dialect>,
    /// The worksheet read (spreadsheets only).
    pub sheet: Option<String>,
    /// Up to [`SAMPLE_ROWS`] data rows after the header.
    pub sample: Vec<Vec<String>>,
    /// 1-based row number of the header.
    pub header_row: u64,
    pub(crate) data_start: Option<DataStart>,
}

/// Number of data rows kept in [`Header::sample`].
pub const SAMPLE_ROWS: usize = 50;

/// Bytes read to detect encoding, delimiter and header.
const SNIFF_BYTES: usize = 1 << 20;

pub(crate) fn io_error(path: &Path) -> impl Fn(std::io::Error) -> IngestError + '_ {
    move |source| IngestError::Io { path: path.to_owned(), source }
}

/// Reads the header (and a sample of rows) of a source.
///
/// # Errors
/// I/O errors, unknown encodings, unreadable spreadsheets, or a file without
/// a header row.
pub fn read_header(source: &Source) -> Result<Header, IngestError> {
    match source.kind {
        FileKind::Delimited => read_delimited_header(source),
        FileKind::Spreadsheet => read_spreadsheet_header(source),
    }
}

fn read_sample(path: &Path) -> Result<(Vec<u8>, bool), IngestError> {
    let file = File::open(path).map_err(io_error(path))?;
    let mut sample = Vec::with_capacity(64 * 1024);
    file.take(SNIFF_BYTES as u64).read_to_end(&mut sample).map_err(io_error(path))?;
    let complete = sample.len() < SNIFF_BYTES;
    Ok((sample, complete))
}

/// Counts `delimiter` outside double quotes in one line.
fn count_outside_quotes(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

/// Picks the delimiter that splits the first lines most consistently.
pub(crate) fn sniff_delimiter(text: &str) -> (u8, String) {
    // Lines end at `\r`, `\n` or `\r\n`, as for the readers (old-Mac files included).
    let lines: Vec<&str> = text.split(['\n', '\r']).filter(|l| !l.trim().is_empty()).take(30).collect();
    // A complete line only: the sample may end mid-line.
    let lines = if lines.len() > 1 { &lines[..lines.len() - 1] } else { &lines[..] };
    let mut best: Option<(u8, usize, bool)> = None;
    for candidate in [',', ';', '\t', '|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, candidate)).collect();
        let first = counts.first().copied().unwrap_or(0);
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().all(|&c| c == first);
        let better = match best {
            None => true,
            Some((_, n, was_consistent)) => {
                (consistent && !was_consistent) || (consistent == was_consistent && first > n)
            }
        };
        if better {
            best = Some((candidate as u8, first, consistent));
        }
    }
    match best {
        Some((d, n, true)) => {
            (d, format!("`{}` splits the first {} lines into {} columns each", show(d), lines.len(), n + 1))
        }
        Some((d, n, false)) => (
            d,
            format!(
                "`{}` is the most frequent separator in the header ({} columns); rows vary",
                show(d),
                n + 1
            ),
        ),
        None => (b',', "no separator found in the first lines; single column, `,` assumed".to_owned()),
    }
}

fn show(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "\\t".to_owned(),
        d => (d as char).to_string(),
    }
}

fn is_comma_decimal(cell: &str) -> bool {
    let cell = cell.trim().trim_start_matches('-');
    match cell.split_once(',') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

fn is_point_decimal(cell: &str) -> bool {
    let cell = cell.trim().trim_start_matches('-');
    match cell.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

pub(crate) fn sniff_decimal(delimiter: u8, rows: &[Vec<String>]) -> (Decimal, String) {
    if delimiter == b',' {
        return (Decimal::Point, "`,` separates fields, so `.` is the decimal separator".to_owned());
    }
    let cells = rows.iter().flatten();
    let comma = cells.clone().filter(|c| is_comma_decimal(c)).count();
    let point = cells.filter(|c| is_point_decimal(c)).count();
    if comma > 0 && point == 0 {
        (Decimal::Comma, format!("{comma} sampled cells look like `5,0` and none like `5.0`"))
    } else if point > 0 {
        (Decimal::Point, format!("{point} sampled cells look like `5.0`"))
    } else {
        (Decimal::Point, "no decimal numbers in the sample; `.` assumed".to_owned())
    }
}

fn is_import_id_row(row: &[String]) -> bool {
    row.iter().any(|c| {
        let c = c.trim_start().to_ascii_lowercase();
        c.starts_with("{\"importid\"") || c.starts_with("{'importid'")
    })
}

fn csv_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder.delimiter(delimiter).has_headers(false).flexible(true);
    builder
}

fn read_delimited_header(source: &Source) -> Result<Header, IngestError> {
    let path = &source.path;
    let (sample, complete) = read_sample(path)?;
    let (encoding, encoding_reason) = match &source.options.encoding {
        Some(label) => (text::explicit_encoding(label, &sample)?, EncodingReason::Explicit),
        None => text::detect_encoding(&sample, complete),
    };
    let body = &sample[encoding.bom_len..];
    let decoded = text::decode_all(encoding, body);
    let (delimiter, delimiter_reason) = match source.options.delimiter {
        Some(d) => (d, "given explicitly".to_owned()),
        None => sniff_delimiter(&decoded),
    };
    let header_row = source.options.header_row.unwrap_or(1).max(1);

    let mut reader = csv_builder(delimiter).from_reader(decoded.as_bytes());
    let mut record = csv::StringRecord::new();
    let read =
        |reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord| -> Result<bool, IngestError> {
            reader.read_record(record).map_err(|e| IngestError::Csv {
                path: path.clone(),
                row: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })
        };
    for _ in 1..header_row {
        if !read(&mut reader, &mut record)? {
            return Err(IngestError::NoHeader { path: path.clone(), row: header_row });
        }
    }
    if !read(&mut reader, &mut record)? {
        return Err(IngestError::NoHeader { path: path.clone(), row: header_row });
    }
    let columns: Vec<String> = record.iter().map(|s| s.trim_start_matches('\u{feff}').to_owned()).collect();
    let after_header = reader.position().byte();
    if !complete && usize::try_from(after_header).is_ok_and(|end| end >= decoded.len()) {
        // The header row did not end within the first SNIFF_BYTES of the file.
        return Err(IngestError::RowTooLong { path: path.clone(), row: header_row, limit: SNIFF_BYTES });
    }

    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut ends = Vec::new();
    while rows.len() < SAMPLE_ROWS + 2 {
        if !read(&mut reader, &mut record)? {
            break;
        }
        ends.push(reader.position().byte());
        rows.push(record.iter().map(str::to_owned).collect());
    }
    // The last record of an incomplete sample may be cut off.
    if !complete && rows.len() > 1 {
        rows.pop();
        ends.pop();
    }
    let (skip_rows, skip_reason) = match source.options.skip_rows {
        Some(n) => (n, "given explicitly".to_owned()),
        None if rows.get(1).is_some_and(|r| is_import_id_row(r)) => {
            (2, "Qualtrics export: row 3 holds `{\"ImportId\": …}`, so rows 2–3 are metadata".to_owned())
        }
        None if rows.first().is_some_and(|r| is_import_id_row(r)) => {
            (1, "row 2 holds `{\"ImportId\": …}` metadata".to_owned())
        }
        None => (0, "data starts right after the header".to_owned()),
    };
    let skip = usize::try_from(skip_rows).unwrap_or(usize::MAX).min(rows.len());
    let data_byte = if skip == 0 { after_header } else { ends[skip - 1] };
    let sample_rows: Vec<Vec<String>> = rows.into_iter().skip(skip).take(SAMPLE_ROWS).collect();
    let (decimal, decimal_reason) = match source.options.decimal {
        Some(d) => (d, "given explicitly".to_owned()),
        None => sniff_decimal(delimiter, &sample_rows),
    };
    let data_start = if encoding.is_utf8() {
        let mut offset = usize::try_from(data_byte).unwrap_or(usize::MAX).min(decoded.len());
        // Start at the first byte of a line: skip the line breaks after the header (the
        // `\n` of a `\r\n` included), so the fast reader never starts inside a `\r\n`.
        while offset < decoded.len() && crate::text::is_terminator(decoded.as_bytes()[offset]) {
            offset += 1;
        }
        // For UTF-8 the decoded sample equals the raw bytes, unless the sample was cut
        // mid-character (only possible at its very end) or held invalid bytes.
        let same = body.get(..offset).is_some_and(|raw| raw == &decoded.as_bytes()[..offset]);
        same.then(|| DataStart {
            byte: encoding.bom_len as u64 + offset as u64,
            line: 1 + crate::text::count_line_breaks(0, &body[..offset]),
        })
        .filter(|_| complete || offset < decoded.len())
    } else {
        None
    };
    Ok(Header {
        columns,
        dialect: Some(Dialect {
            encoding,
            encoding_reason,
            delimiter,
            delimiter_reason,
            decimal,
            decimal_reason,
            header_row,
            skip_rows,
            skip_reason,
        }),
        sheet: None,
        sample: sample_rows,
        header_row,
        data_start,
    })
}

/// Receives one worksheet row: absolute 0-based row number and its cells; returns whether to go on.
pub(crate) type SheetRow<'a> = dyn FnMut(u64, &[Data]) -> Result<bool, IngestError> + 'a;

/// Streams the rows of a worksheet in order: `row(absolute 0-based row, cells)`,
/// with `cells[c]` the cell in absolute column `c` (gaps filled with `Data::Empty`).
/// Rows without any cell are not reported. `row` returns `Ok(false)` to stop.
///
/// `.xlsx`/`.xlsm` files are read cell by cell (memory bounded by one row and the
/// shared-string table); other workbook formats are loaded whole by calamine.
/// Returns the sheet name.
pub(crate) fn for_each_sheet_row(source: &Source, row: &mut SheetRow<'_>) -> Result<String, IngestError> {
    let path = &source.path;
    let spreadsheet = |message: String| IngestError::Spreadsheet { path: path.clone(), message };
    check_workbook_size(path, &source.limits)?;
    let mut row = |r: u64, cells: &[Data]| -> Result<bool, IngestError> {
        check_cells(source, r, cells)?;
        row(r, cells)
    };
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| spreadsheet(e.to_string()))?;
    let names = workbook.sheet_names();
    let name = match &source.options.sheet {
        Some(name) => {
            if !names.iter().any(|n| n == name) {
                return Err(spreadsheet(format!("no sheet named `{name}` (sheets: {})", names.join(", "))));
            }
            name.clone()
        }
        None => names.first().cloned().ok_or_else(|| spreadsheet("the workbook has no sheets".to_owned()))?,
    };
    let mut cells: Vec<Data> = Vec::new();
    if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
        let mut reader = xlsx.worksheet_cells_reader(&name).map_err(|e| spreadsheet(e.to_string()))?;
        let mut current: Option<u32> = None;
        while let Some(cell) = reader.next_cell().map_err(|e| spreadsheet(e.to_string()))? {
            let (r, c) = cell.get_position();
            if current != Some(r) {
                if let Some(done) = current {
                    if !row(u64::from(done), &cells)? {
                        return Ok(name);
                    }
                }
                cells.clear();
                current = Some(r);
            }
            let c = c as usize;
            if c >= MAX_SHEET_COLUMNS {
                return Err(spreadsheet(format!(
                    "a cell in row {} lies in column {}, beyond the {MAX_SHEET_COLUMNS} columns a sheet can have",
                    u64::from(r) + 1,
                    c + 1
                )));
            }
            if cells.len() <= c {
                cells.resize(c + 1, Data::Empty);
            }
            cells[c] = Data::from(cell.get_value().clone());
        }
        if let Some(done) = current {
            row(u64::from(done), &cells)?;
        }
        return Ok(name);
    }
    let range = workbook.worksheet_range(&name).map_err(|e| spreadsheet(e.to_string()))?;
    let (first_row, first_column) = range.start().map_or((0, 0), |(r, c)| (u64::from(r), c as usize));
    for (offset, values) in range.rows().enumerate() {
        if values.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        cells.clear();
        cells.resize(first_column, Data::Empty);
        cells.extend(values.iter().cloned());
        if !row(first_row + offset as u64, &cells)? {
            break;
        }
    }
    Ok(name)
}

/// Columns a worksheet can have (Excel's limit, column XFD); a cell beyond is refused
/// rather than widening every row to it.
const MAX_SHEET_COLUMNS: usize = 16_384;

/// Refuses a text cell longer than [`Limits::max_cell_bytes`] (sheet row `r`, 0-based).
fn check_cells(source: &Source, r: u64, cells: &[Data]) -> Result<(), IngestError> {
    let limit = source.limits.max_cell_bytes;
    for (c, cell) in cells.iter().enumerate() {
        if let Data::String(text) = cell {
            if text.len() > limit {
                return Err(IngestError::CellTooLong {
                    path: source.path.clone(),
                    row: r + 1,
                    column: format!("#{}", c + 1),
                    length: text.len(),
                    limit,
                });
            }
        }
    }
    Ok(())
}

/// True for the parts of a zipped workbook that calamine may read (XML, relations, binary records).
fn is_workbook_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xml", ".rels", ".bin"].iter().any(|ext| lower.ends_with(ext))
}

fn is_shared_strings(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("sharedstrings.xml") || lower.ends_with("sharedstrings.bin")
}

/// Bounded decompression (issue 11): before calamine reads a zipped workbook
/// (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`), checks the uncompressed sizes its central
/// directory declares, then unpacks every part into nothing, counting bytes and
/// stopping at the limit (declared sizes can lie). Memory stays at one buffer. Files
/// that are not zip archives (`.xls`) are left to calamine.
fn check_workbook_size(path: &Path, limits: &Limits) -> Result<(), IngestError> {
    let too_large = |part: &str, declared: u64, limit: u64| IngestError::WorkbookTooLarge {
        path: path.to_owned(),
        part: crate::error::shown(part),
        declared,
        limit,
    };
    let file = File::open(path).map_err(io_error(path))?;
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    let budget = |name: &str| {
        if is_shared_strings(name) {
            limits.max_shared_strings_bytes
        } else {
            limits.max_workbook_bytes
        }
    };
    let mut declared_total = 0u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else { continue };
        if !is_workbook_part(entry.name()) {
            continue;
        }
        if entry.size() > budget(entry.name()) {
            return Err(too_large(entry.name(), entry.size(), budget(entry.name())));
        }
        declared_total = declared_total.saturating_add(entry.size());
        if declared_total > limits.max_workbook_bytes {
            return Err(too_large("(all parts)", declared_total, limits.max_workbook_bytes));
        }
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else { continue };
        let name = entry.name().to_owned();
        if !is_workbook_part(&name) {
            continue;
        }
        let limit = budget(&name);
        let declared = entry.size();
        let unpacked =
            std::io::copy(&mut (&mut entry).take(limit.saturating_add(1)), &mut std::io::sink()).map_err(
                |e| IngestError::Spreadsheet { path: path.to_owned(), message: format!("{name}: {e}") },
            )?;
        if unpacked > limit {
            return Err(too_large(&name, declared, limit));
        }
        total += unpacked;
        if total > limits.max_workbook_bytes {
            return Err(too_large("(all parts)", declared_total, limits.max_workbook_bytes));
        }
    }
    Ok(())
}

/// A spreadsheet cell as a message describes it: dates and durations as such
/// (`a date cell 2021-03-04`), other cells as [`cell_text`].
pub(crate) fn describe_cell(cell: &Data) -> String {
    match cell {
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, sec, _) = d.to_ymd_hms_milli();
            if (h, mi, sec) == (0, 0, 0) {
                format!("a date cell {y:04}-{mo:02}-{day:02}")
            } else {
                format!("a date cell {y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{sec:02}")
            }
        }
        Data::DateTime(d) => format!("a duration cell of {} days", d.as_f64()),
        Data::DateTimeIso(s) => format!("a date cell {s}"),
        Data::DurationIso(s) => format!("a duration cell {s}"),
        Data::Bool(b) => format!("a true/false cell {}", if *b { "TRUE" } else { "FALSE" }),
        Data::Error(e) => format!("an error cell #{e:?}"),
        other => cell_text(other),
    }
}

/// Text of a spreadsheet cell as a user would read it.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_spreadsheet_header(source: &Source) -> Result<Header, IngestError> {
    let wanted = source.options.header_row.map(|r| r.max(1) - 1);
    let skip = source.options.skip_rows.unwrap_or(0);
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut sample: Vec<Vec<String>> = Vec::new();
    let sheet = for_each_sheet_row(source, &mut |r, cells| {
        match &header {
            None => {
                if wanted.is_none_or(|w| r >= w) {
                    header = Some((r, cells.iter().map(cell_text).collect()));
                }
            }
            Some((h, _)) => {
                if r > h + skip {
                    sample.push(cells.iter().map(cell_text).collect());
                }
            }
        }
        Ok(sample.len() < SAMPLE_ROWS)
    })?;
    let Some((header_index, columns)) = header else {
        return Err(IngestError::NoHeader { path: source.path.clone(), row: wanted.unwrap_or(0) + 1 });
    };
    Ok(Header {
        columns,
        dialect: None,
        sheet: Some(sheet),
        sample,
        header_row: header_index + 1,
        data_start: None,
    })
}

#[cfg(test)]
mod tests;
