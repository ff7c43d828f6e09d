//! Every table of the diagnosis as data: CSV (UTF-8 with a BOM, RFC 4180 quoting, CRLF,
//! formula escaping) and one XLSX workbook with a sheet per table.
//!
//! Formula escaping (OWASP "CSV injection"): a **text** cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as
//! text instead of running it. Number cells are written as numbers (a negative difference
//! stays a number). In XLSX every text cell is written as a string, never as a formula.

use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::model::diagnosis::{DiagnosisReport, RegisterRow};

/// A cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number, written in full precision.
    Number(f64),
    /// A yes/no flag: `true`/`false` in CSV, a boolean cell in XLSX.
    Bool(bool),
    /// Nothing.
    Empty,
}

/// One exported table.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportTable {
    /// File and sheet name, e.g. `register` (see [`DIAGNOSIS_TABLES`]).
    pub name: &'static str,
    /// Column headings in the report's language.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(v: Option<f64>) -> Cell {
    v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Number)
}

fn yes_no(lang: Lang, v: bool) -> Cell {
    text(lang.diag(if v { "yes" } else { "no" }))
}

fn register_row(lang: Lang, r: &RegisterRow) -> Vec<Cell> {
    let details = r.evidence.details.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let sources = r
        .evidence
        .sources
        .iter()
        .map(|(k, f)| if f.is_empty() { k.clone() } else { format!("{k}:{f}") })
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        text(&r.id),
        text(&r.kind),
        text(&r.unit),
        text(lang.gap_subject(r)),
        text(r.departments.join(", ")),
        number(Some(r.current)),
        number(Some(r.desired)),
        number(Some(r.difference)),
        text(&r.measure_unit),
        number(r.interval.map(|i| i[0])),
        number(r.interval.map(|i| i[1])),
        number(r.size),
        number(r.size_interval.map(|i| i[0])),
        number(r.size_interval.map(|i| i[1])),
        Cell::Number(r.n as f64),
        yes_no(lang, r.certain),
        number(Some(r.impact)),
        number(Some(r.urgency)),
        text(lang.diag(quadrant_label(&r.quadrant))),
        text(sources),
        text(details),
    ]
}

/// The `&'static` English label of a quadrant id (for [`Lang::diag`]).
pub(crate) fn quadrant_label(id: &str) -> &'static str {
    match id {
        "act-now" => "act now",
        "plan" => "plan",
        "quick-wins" => "quick wins",
        _ => "monitor",
    }
}

fn headers(lang: Lang, english: &[&'static str]) -> Vec<String> {
    english.iter().map(|h| lang.diag(h).to_string()).collect()
}

/// Every table a diagnosis export can hold, in workbook order: the four of the diagnosis,
/// the ranked priorities (`servgap prioritise`'s `ranked` table), the action plan's four
/// register tables (column names the study reader's keys, so the workbook loads back as the
/// actions register), and the three tables of measured progress.
pub const DIAGNOSIS_TABLES: [&str; 12] = [
    "register",
    "model",
    "findings",
    "factors",
    "ranked",
    "actions",
    "tasks",
    "history",
    "links",
    "progress",
    "progress-waves",
    "progress-unmeasured",
];

/// The tables of the diagnosis in `lang`, in [`DIAGNOSIS_TABLES`] order: always the four
/// of the diagnosis; `ranked` when the report has priorities; the plan's tables when the
/// study has an actions register; the progress tables when the report measured progress.
pub fn diagnosis_tables(report: &DiagnosisReport, lang: Lang) -> Vec<ExportTable> {
    let mut register_header = headers(
        lang,
        &[
            "id",
            "kind",
            "unit",
            "subject",
            "departments",
            "current",
            "desired",
            "difference",
            "unit of measure",
            "size",
            "size CI low",
            "size CI high",
            "n",
            "certain",
            "impact",
            "urgency",
            "quadrant",
            "sources",
            "details",
        ],
    );
    register_header.splice(9..9, [false, true].map(|high| lang.ci_bound_label(report.level, high)));
    let register = ExportTable {
        name: "register",
        header: register_header,
        rows: report.register.iter().map(|r| register_row(lang, r)).collect(),
    };
    let model = ExportTable {
        name: "model",
        header: headers(
            lang,
            &["unit", "gap", "headline gap", "size", "size CI low", "size CI high", "measured", "certain"],
        ),
        rows: report
            .units
            .iter()
            .flat_map(|u| {
                u.model.iter().map(move |b| {
                    vec![
                        text(&u.slug),
                        Cell::Number(f64::from(b.gap)),
                        b.headline.clone().map_or(Cell::Empty, Cell::Text),
                        number(b.size),
                        number(b.size_interval.map(|i| i[0])),
                        number(b.size_interval.map(|i| i[1])),
                        Cell::Number(b.measured as f64),
                        Cell::Number(b.certain as f64),
                    ]
                })
            })
            .collect(),
    };
    let findings = ExportTable {
        name: "findings",
        header: headers(lang, &["unit", "id", "Findings"]),
        rows: report
            .units
            .iter()
            .flat_map(|u| {
                u.findings.iter().map(move |f| vec![text(&u.slug), text(&f.id), text(lang.finding(f))])
            })
            .collect(),
    };
    let factors = ExportTable {
        name: "factors",
        header: headers(
            lang,
            &[
                "factor",
                "gap",
                "predicted sign",
                "units",
                "minimum units",
                "rho",
                "rho p",
                "tau",
                "tau p",
                "method",
                "as predicted",
            ],
        ),
        rows: report
            .factors
            .iter()
            .map(|f| {
                vec![
                    text(&f.factor),
                    Cell::Number(f64::from(f.gap)),
                    Cell::Number(f64::from(f.expected_sign)),
                    Cell::Number(f.units as f64),
                    Cell::Number(f.minimum_units as f64),
                    number(f.rho),
                    number(f.rho_p),
                    number(f.tau),
                    number(f.tau_p),
                    f.method.clone().map_or(Cell::Empty, Cell::Text),
                    f.sign_as_predicted.map_or(Cell::Empty, |v| yes_no(lang, v)),
                ]
            })
            .collect(),
    };
    let mut tables = vec![register, model, findings, factors];
    if let Some(priorities) = &report.priorities {
        let ranked = super::priorities_export::priorities_tables(priorities, lang);
        tables.extend(ranked.into_iter().filter(|t| t.name == "ranked"));
    }
    if let Some(plan) = &report.plan {
        tables.extend(super::plan_export::plan_tables(plan));
    }
    if let Some(progress) = &report.progress {
        tables.extend(super::progress_export::progress_tables(progress, lang));
    }
    tables
}

/// A text cell with a leading `'` when it starts like a formula.
pub fn escape_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn csv_field(cell: &Cell, out: &mut String) {
    let value = match cell {
        Cell::Text(t) => escape_formula(t),
        Cell::Number(v) => format!("{v}"),
        Cell::Bool(b) => b.to_string(),
        Cell::Empty => String::new(),
    };
    if value.contains([',', '"', '\r', '\n']) {
        let _ = write!(out, "\"{}\"", value.replace('"', "\"\""));
    } else {
        out.push_str(&value);
    }
}

/// One table as CSV: UTF-8 BOM, comma-separated, CRLF line ends, RFC 4180 quoting,
/// formula escaping of text cells.
pub fn render_csv(table: &ExportTable) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<Cell> = table.header.iter().map(|h| Cell::Text(h.clone())).collect();
    for row in std::iter::once(&header).chain(&table.rows) {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(cell, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

/// Every table as one XLSX workbook (a sheet per table, bold header row), in memory.
///
/// # Errors
/// The workbook writer's error (a sheet name or cell it cannot store).
pub fn render_xlsx(tables: &[ExportTable]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string(r, c as u16, t)?;
                    }
                    Cell::Number(v) => {
                        sheet.write_number(r, c as u16, *v)?;
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, c as u16, *b)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    workbook.save_to_buffer()
}
