//! The four tables of an actions register (`docs/study-format.md`, "Actions"): actions,
//! tasks, status history and gap links, from one TOML file (tasks and history nested in
//! each action), one workbook (a sheet per table) or CSV files (the named file holds the
//! actions; `<stem>-tasks.csv`, `<stem>-history.csv` and `<stem>-links.csv` beside it).
//!
//! Every row comes out as [`Row`] with its place (`action[0].task[1]`, `row 3`,
//! `sheet tasks: row 3`) and, for tasks, history and links, the action's slug in `action`.

use std::path::{Path, PathBuf};

use super::table::{read_rows, read_rows_in, toml_text, Row};
use crate::IngestError;

/// The four tables' names: sheet names in a workbook, file suffixes for CSV.
pub const ACTION_TABLES: [&str; 4] = ["actions", "tasks", "history", "links"];

/// An actions register's rows, each table with the label its errors name.
#[derive(Debug, Default)]
pub(super) struct ActionTables {
    /// `(file label, rows)` per table, in [`ACTION_TABLES`] order.
    pub tables: [(String, Vec<Row>); 4],
}

/// The CSV file of `table` beside the actions file `path`: `<stem>-<table>.<ext>`
/// (the actions table is `path` itself).
pub fn csv_sibling(path: &Path, table: &str) -> PathBuf {
    if table == ACTION_TABLES[0] {
        return path.to_owned();
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("actions");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("csv");
    path.with_file_name(format!("{stem}-{table}.{ext}"))
}

/// Reads the register `path` (shown as `label`).
pub(super) fn read_action_tables(path: &Path, label: &str) -> Result<ActionTables, IngestError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "toml" => toml_tables(path, label),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => sheet_tables(path, label),
        _ => csv_tables(path, label),
    }
}

fn csv_tables(path: &Path, label: &str) -> Result<ActionTables, IngestError> {
    let mut out = ActionTables::default();
    for (i, table) in ACTION_TABLES.into_iter().enumerate() {
        let file = csv_sibling(path, table);
        let file_label = csv_sibling(Path::new(label), table).to_string_lossy().into_owned();
        // The actions file must exist (the study file names it); the others are optional.
        let rows = if i == 0 || file.is_file() { read_rows(&file, &file_label, table)? } else { Vec::new() };
        out.tables[i] = (file_label, rows.into_iter().map(unescape_row).collect());
    }
    Ok(out)
}

/// Undoes the writer's formula escaping (`servgap_report::render_csv`): a cell `'=…`,
/// `'+…`, `'-…`, `'@…` (or `'` before a tab or carriage return) loses its `'`.
fn unescape_row(mut row: Row) -> Row {
    for value in row.fields.values_mut() {
        let mut chars = value.chars();
        if chars.next() == Some('\'') && chars.next().is_some_and(|c| "=+-@\t\r".contains(c)) {
            value.remove(0);
        }
    }
    row
}

fn sheet_tables(path: &Path, label: &str) -> Result<ActionTables, IngestError> {
    let actions = read_rows_in(path, label, "actions", Some("actions"))?;
    let names = sheet_names(path, label)?;
    let mut out = ActionTables::default();
    out.tables[0] = (label.to_owned(), in_sheet("actions", actions));
    for (i, table) in ACTION_TABLES.into_iter().enumerate().skip(1) {
        let rows = if names.iter().any(|n| n == table) {
            in_sheet(table, read_rows_in(path, label, table, Some(table))?)
        } else {
            Vec::new()
        };
        out.tables[i] = (label.to_owned(), rows);
    }
    Ok(out)
}

/// The workbook's sheet names (read after [`read_rows_in`] has checked its size budget).
fn sheet_names(path: &Path, label: &str) -> Result<Vec<String>, IngestError> {
    use calamine::Reader as _;
    let workbook = calamine::open_workbook_auto(path).map_err(|e| IngestError::Study {
        file: label.to_owned(),
        message: format!("cannot read the workbook: {e}"),
    })?;
    Ok(workbook.sheet_names())
}

fn in_sheet(sheet: &str, rows: Vec<Row>) -> Vec<Row> {
    rows.into_iter()
        .map(|r| Row { place: format!("sheet `{sheet}`: {}", r.place), fields: r.fields })
        .collect()
}

fn toml_error(label: &str, message: String) -> IngestError {
    IngestError::Study { file: label.to_owned(), message }
}

/// `[[action]]` tables with nested `[action.metric]`, `[[action.task]]` and
/// `[[action.history]]`; `metric.<key>` becomes `metric_<key>`, `gaps = [..]` the links.
fn toml_tables(path: &Path, label: &str) -> Result<ActionTables, IngestError> {
    let text = crate::settings_file::read_settings_text(path, super::table::MAX_REGISTER_BYTES)
        .map_err(|e| toml_error(label, format!("cannot read the register: {e}")))?;
    let value: toml::Table =
        toml::from_str(&text).map_err(|e| toml_error(label, crate::settings_file::toml_error(&text, &e)))?;
    if let Some(other) = value.keys().find(|k| k.as_str() != "action") {
        return Err(toml_error(label, format!("unknown table `{other}` (expected [[action]])")));
    }
    let mut out = ActionTables::default();
    for t in &mut out.tables {
        t.0 = label.to_owned();
    }
    let entries = match value.get("action") {
        None => return Ok(out),
        Some(toml::Value::Array(a)) => a,
        Some(_) => return Err(toml_error(label, "key `action`: expected [[action]] tables".to_owned())),
    };
    for (i, entry) in entries.iter().enumerate() {
        toml_action(label, &format!("action[{i}]"), entry, &mut out)?;
    }
    Ok(out)
}

fn toml_action(
    label: &str,
    place: &str,
    entry: &toml::Value,
    out: &mut ActionTables,
) -> Result<(), IngestError> {
    let toml::Value::Table(t) = entry else {
        return Err(toml_error(label, format!("{place}: expected a table")));
    };
    let slug = t.get("slug").map(toml_text).unwrap_or_default();
    let mut fields = std::collections::BTreeMap::new();
    for (key, v) in t {
        match (key.as_str(), v) {
            ("metric", toml::Value::Table(m)) => {
                fields.extend(
                    m.iter().map(|(k, v)| (format!("metric_{}", k.to_ascii_lowercase()), toml_text(v))),
                );
            }
            ("task" | "history", toml::Value::Array(items)) => {
                let index = if key == "task" { 1 } else { 2 };
                for (j, item) in items.iter().enumerate() {
                    let nested = format!("{place}.{key}[{j}]");
                    let toml::Value::Table(n) = item else {
                        return Err(toml_error(label, format!("{nested}: expected a table")));
                    };
                    let mut row: std::collections::BTreeMap<String, String> =
                        n.iter().map(|(k, v)| (k.to_ascii_lowercase(), toml_text(v))).collect();
                    row.insert("action".into(), slug.clone());
                    out.tables[index].1.push(Row { place: nested, fields: row });
                }
            }
            ("gaps", toml::Value::Array(gaps)) => {
                for (j, g) in gaps.iter().enumerate() {
                    let row = [("action".to_owned(), slug.clone()), ("gap".to_owned(), toml_text(g))];
                    out.tables[3].1.push(Row { place: format!("{place}.gaps[{j}]"), fields: row.into() });
                }
            }
            ("metric" | "task" | "history" | "gaps", _) => {
                return Err(toml_error(
                    label,
                    format!("{place}: key `{key}`: has the wrong shape (see docs/study-format.md)"),
                ));
            }
            _ => {
                fields.insert(key.to_ascii_lowercase(), toml_text(v));
            }
        }
    }
    out.tables[0].1.push(Row { place: place.to_owned(), fields });
    Ok(())
}
