//! Register rows from a TOML file (`[[standard]]` tables), a CSV file or a spreadsheet,
//! each as `column → text` with the place it came from (`row 3`, `standard[2]`).
//!
//! CSV and XLSX go through the survey readers' header detection ([`crate::read_header`]:
//! encoding, delimiter, worksheet) and the same `csv` and calamine readers; a register is
//! small, so it is read whole, up to [`MAX_REGISTER_BYTES`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::source::{cell_text, for_each_sheet_row};
use crate::text::decode_all;
use crate::{read_header, FileKind, IngestError, Source};

/// Largest register file read: 4 MiB.
pub(crate) const MAX_REGISTER_BYTES: u64 = 4 << 20;

/// One register entry: where it is (`row 3`, `standard[2]`) and its fields by lower-case column.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub place: String,
    pub fields: BTreeMap<String, String>,
}

impl Row {
    /// The trimmed, non-empty value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// A list cell: values separated by `;` or `,` (TOML arrays are joined with `;`).
    pub fn list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|v| {
                v.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default()
    }
}

/// The rows of the register `path` (shown as `label`); `table` is the TOML array name.
pub(super) fn read_rows(path: &Path, label: &str, table: &str) -> Result<Vec<Row>, IngestError> {
    read_rows_in(path, label, table, None)
}

/// [`read_rows`] of one worksheet (`sheet`; `None`: the first) of a spreadsheet.
pub(super) fn read_rows_in(
    path: &Path,
    label: &str,
    table: &str,
    sheet: Option<&str>,
) -> Result<Vec<Row>, IngestError> {
    let error = |message: String| IngestError::Study { file: label.to_owned(), message };
    let metadata = std::fs::metadata(path).map_err(|e| error(format!("cannot read the register: {e}")))?;
    if !metadata.is_file() || metadata.len() > MAX_REGISTER_BYTES {
        return Err(error("not a regular file of at most 4 MiB".to_owned()));
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "toml" {
        return toml_rows(path, label, table);
    }
    let mut source = Source::new(path);
    source.options.sheet = sheet.map(str::to_owned);
    let header = read_header(&source)?;
    let columns: Vec<String> = header.columns.iter().map(|c| c.trim().to_ascii_lowercase()).collect();
    let mut rows = Vec::new();
    let mut push = |number: u64, cells: Vec<String>| {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let fields = columns.iter().cloned().zip(cells).filter(|(c, _)| !c.is_empty()).collect();
        rows.push(Row { place: format!("row {number}"), fields });
    };
    match source.kind {
        FileKind::Spreadsheet => {
            let first = header.header_row;
            for_each_sheet_row(&source, &mut |r, cells| {
                if r + 1 > first {
                    push(r + 1, cells.iter().map(cell_text).collect());
                }
                Ok(true)
            })?;
        }
        FileKind::Delimited => {
            let Some(dialect) = &header.dialect else {
                return Err(error("no header row".to_owned()));
            };
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(MAX_REGISTER_BYTES).read_to_end(&mut bytes))
                .map_err(|e| error(format!("cannot read the register: {e}")))?;
            let text =
                decode_all(dialect.encoding, bytes.get(dialect.encoding.bom_len..).unwrap_or_default());
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(dialect.delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            for (index, record) in reader.records().enumerate() {
                let number = index as u64 + 1;
                let record = record.map_err(|e| error(format!("row {number}: malformed csv: {e}")))?;
                if number > dialect.header_row {
                    push(number, record.iter().map(str::to_owned).collect());
                }
            }
        }
    }
    Ok(rows)
}

/// `[[table]]` entries of a TOML register; arrays become `;`-separated text.
fn toml_rows(path: &Path, label: &str, table: &str) -> Result<Vec<Row>, IngestError> {
    let error = |message: String| IngestError::Study { file: label.to_owned(), message };
    let text = crate::settings_file::read_settings_text(path, MAX_REGISTER_BYTES)
        .map_err(|e| error(format!("cannot read the register: {e}")))?;
    let value: toml::Table =
        toml::from_str(&text).map_err(|e| error(crate::settings_file::toml_error(&text, &e)))?;
    if let Some(other) = value.keys().find(|k| k.as_str() != table) {
        return Err(error(format!("unknown table `{other}` (expected [[{table}]])")));
    }
    let entries = match value.get(table) {
        None => return Ok(Vec::new()),
        Some(toml::Value::Array(a)) => a,
        Some(_) => return Err(error(format!("key `{table}`: expected [[{table}]] tables"))),
    };
    let mut rows = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let place = format!("{table}[{i}]");
        let toml::Value::Table(t) = entry else {
            return Err(error(format!("{place}: expected a table")));
        };
        let fields = t.iter().map(|(k, v)| (k.to_ascii_lowercase(), toml_text(v))).collect();
        rows.push(Row { place, fields });
    }
    Ok(rows)
}

pub(super) fn toml_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(a) => a.iter().map(toml_text).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}
