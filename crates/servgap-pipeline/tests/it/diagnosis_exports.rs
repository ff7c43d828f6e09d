//! The study report's data exports (issue 15, part 5): the diagnosis workbook and CSV
//! files hold every table of the report, the ranked register and the plan tables among
//! them, and the plan sheets of the diagnosis workbook load back as the actions register.

use calamine::Data;
use servgap_ingest::study_file::{csv_sibling, load_study, ACTION_TABLES};
use servgap_pipeline::study::{write_study, DEMO_STUDY};
use servgap_pipeline::{diagnose, no_progress, DiagnoseRequest};
use servgap_report::{
    diagnosis_tables, render_csv, render_diagnosis_html, render_xlsx, DiagnosisReport, Lang, DIAGNOSIS_TABLES,
};

use crate::plan::{read_workbook, use_register};
use crate::repo;

/// The latest wave's report of the study in `root`.
fn study_report(root: &std::path::Path) -> DiagnosisReport {
    let outcome = diagnose(&DiagnoseRequest::new(root.to_owned()), &no_progress).unwrap();
    outcome.reports().pop().unwrap()
}

#[test]
fn issue_15_diagnosis_workbook_plan_sheets_load_back_as_the_actions_register() {
    let dir = tempfile::tempdir().unwrap();
    write_study(dir.path(), &DEMO_STUDY).unwrap();
    let original = load_study(dir.path()).unwrap().plan;
    assert_eq!(original.actions().len(), 3);
    let report = study_report(dir.path());
    // Polish headings elsewhere: the plan sheets keep the reader's keys in every language.
    let tables = diagnosis_tables(&report, Lang::Pl);
    let path = dir.path().join("registers/study-report.xlsx");
    std::fs::write(&path, render_xlsx(&tables).unwrap()).unwrap();
    use_register(dir.path(), "registers/study-report.xlsx");
    assert_eq!(load_study(dir.path()).unwrap().plan, original, "the diagnosis workbook is the register");

    let csv = dir.path().join("registers/report.csv");
    for name in ACTION_TABLES {
        let table = tables.iter().find(|t| t.name == name).unwrap();
        let text = render_csv(table);
        assert!(text.starts_with('\u{feff}'), "a byte-order mark");
        std::fs::write(csv_sibling(&csv, name), text).unwrap();
    }
    // The study now names the workbook; point it at the CSV files.
    let study = std::fs::read_to_string(dir.path().join("study.toml")).unwrap();
    let study = study.replace("registers/study-report.xlsx", "registers/report.csv");
    std::fs::write(dir.path().join("study.toml"), study).unwrap();
    assert_eq!(load_study(dir.path()).unwrap().plan, original, "the diagnosis CSV files are the register");
}

/// Where each table of the study report's HTML page is exported: `(section id without its
/// index, caption, sheet, every row of the page's table is a row of the sheet)`.
const EXPORTED: [(&str, &str, &str, bool); 12] = [
    ("unit", "The five-gap model", "model", true),
    ("register", "Gap register", "register", true),
    ("priorities", "Impact × urgency matrix", "ranked", true),
    ("priorities", "Ranked gaps", "ranked", true),
    ("factors", "Contributing factors across units", "factors", true),
    ("actions", "Actions", "actions", true),
    ("tasks", "Tasks", "tasks", true),
    ("history", "Status history", "history", true),
    ("progress", "Actions", "progress", true),
    ("progress", "value", "progress-waves", true),
    // The later waves only (the chart's table above also has the baseline).
    ("progress", "Progress by action", "progress-waves", false),
    ("progress", "Actions not measured", "progress-unmeasured", true),
];

/// Sheets with no table on the page: the units' findings are a list, an action's linked
/// gaps a cell of the actions table.
const SHEET_ONLY: [&str; 2] = ["findings", "links"];

/// Every `<table>` of a page: (section id without a trailing index, caption, body rows).
fn page_tables(html: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut rest = html;
    loop {
        let next_section = rest.find("<section id=\"");
        let next_table = rest.find("<table");
        match (next_section, next_table) {
            (Some(s), t) if t.is_none_or(|t| s < t) => {
                let after = &rest[s + "<section id=\"".len()..];
                let id = &after[..after.find('"').unwrap()];
                section = id.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches('-').to_owned();
                rest = after;
            }
            (_, Some(t)) => {
                let after = &rest[t..];
                let table = &after[..after.find("</table>").unwrap()];
                let caption = table.split("<caption").nth(1).and_then(|c| c.split("</caption>").next());
                let caption = caption.and_then(|c| c.split_once('>')).map(|(_, text)| text);
                let rows = table.split("<tbody>").nth(1).map_or(0, |b| b.matches("<tr>").count());
                out.push((section.clone(), caption.unwrap_or_default().to_owned(), rows));
                rest = &after[table.len()..];
            }
            _ => break,
        }
    }
    out
}

#[test]
fn issue_15_every_table_of_the_study_report_is_a_sheet_of_its_workbook() {
    let report = study_report(&repo().join("examples/study/demo"));
    assert!(report.priorities.is_some() && report.plan.is_some() && report.progress.is_some());
    let tables = diagnosis_tables(&report, Lang::En);
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    assert_eq!(
        names, DIAGNOSIS_TABLES,
        "every table, in order, for a study with priorities, plan and progress"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    std::fs::write(&path, render_xlsx(&tables).unwrap()).unwrap();
    let sheets = read_workbook(&path);
    let sheet_names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(sheet_names, DIAGNOSIS_TABLES);
    let data_rows = |sheet: &str| sheets.iter().find(|(n, _)| n == sheet).map(|(_, rows)| rows.len() - 1);

    let html = render_diagnosis_html(&report, Lang::En);
    let page = page_tables(&html);
    assert!(page.len() >= 12, "{page:?}");
    let mut unexported = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for (section, caption, _) in &page {
        if !EXPORTED.iter().any(|(s, c, _, _)| s == section && c == caption) {
            unexported.push(format!("{section}: {caption}"));
        }
    }
    unexported.dedup();
    assert!(
        unexported.is_empty(),
        "tables of the report without an export (add them to diagnosis_tables): {unexported:?}"
    );
    for (section, caption, sheet, every_row) in EXPORTED.iter() {
        let rows: usize = page.iter().filter(|(s, c, _)| s == section && c == caption).map(|t| t.2).sum();
        let in_sheet = data_rows(sheet).unwrap_or_else(|| panic!("no sheet {sheet}"));
        if *every_row {
            assert_eq!(rows, in_sheet, "{section}: {caption} → {sheet}");
        } else {
            assert!(rows < in_sheet, "{section}: {caption} → {sheet}");
        }
        shown.push(sheet);
    }
    for sheet in DIAGNOSIS_TABLES {
        assert!(
            shown.contains(&sheet) || SHEET_ONLY.contains(&sheet),
            "sheet {sheet} shows no table of the page"
        );
    }
    let waves = &sheets.iter().find(|(n, _)| n == "progress-waves").unwrap().1;
    assert_eq!(waves[0][2], Data::String("wave".into()));
    assert!(waves.iter().skip(1).all(|r| matches!(r[3], Data::Float(_) | Data::Empty)), "values are numbers");
}
