//! Print that a client can be sent (issue 16, item 4): each page (analysis, segments,
//! wave comparison, KPI) is printed to PDF by headless Chromium, and every column
//! header of every printed table must be in the PDF's text (`pdftotext -layout`), so
//! no column is clipped at the right edge. Needs the Debian packages `chromium` and
//! `poppler-utils`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use servgap_report::{render_html, render_waves_html, Lang};

use crate::browser::headless;
use crate::repo;
use crate::report::{by_branch, demo_report, demo_waves};

const DEMO: &str = "examples/demo/servqual22-demo.csv";

/// Replaces the five entities `escape` writes.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Column headers (`<th scope="col">`) of every table that prints: tables inside a
/// closed `<details>` (the data behind a chart) are not printed and are skipped.
fn printed_headers(html: &str) -> Vec<String> {
    let mut headers = Vec::new();
    let mut rest = html;
    let mut offset = 0;
    while let Some(start) = rest.find("<thead>") {
        let at = offset + start;
        let before = &html[..at];
        let hidden = before.matches("<details").count() > before.matches("</details>").count();
        let end = rest[start..].find("</thead>").map_or(rest.len(), |e| start + e);
        if !hidden {
            for cell in rest[start..end].split("<th scope=\"col\"").skip(1) {
                let text = cell.split_once('>').map_or("", |x| x.1);
                let text = text.split("</th>").next().unwrap_or("");
                headers.push(unescape(text));
            }
        }
        offset += end;
        rest = &rest[end..];
    }
    headers
}

/// Prints `page` to PDF with Chromium and returns the text of `pdftotext -layout`.
fn print_to_text(page: &Path, dir: &Path) -> String {
    let pdf = page.with_extension("pdf");
    let out = headless(&dir.join("profile"))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(pdf.is_file(), "chromium wrote no PDF: {}", String::from_utf8_lossy(&out.stderr));
    if let Some(keep) = std::env::var_os("SERVGAP_KEEP_PDF") {
        let _ = std::fs::copy(&pdf, PathBuf::from(keep).join(pdf.file_name().unwrap()));
    }
    let text = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext not found: install the Debian package `poppler-utils`");
    String::from_utf8_lossy(&text.stdout).into_owned()
}

/// Every word of every printed column header occurs in the PDF text at least as
/// often as the headers use it (a wrapped header puts its words on different lines;
/// a clipped column loses them, and the count catches that even when the word also
/// occurs in the prose).
fn assert_headers_printed(name: &str, html: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join(format!("{name}.html"));
    std::fs::write(&page, html).unwrap();
    let text = print_to_text(&page, dir.path());
    let mut printed: HashMap<&str, usize> = HashMap::new();
    for word in text.split_whitespace() {
        *printed.entry(word).or_default() += 1;
    }
    let headers = printed_headers(html);
    assert!(!headers.is_empty(), "{name}: no table");
    let mut needed: HashMap<&str, usize> = HashMap::new();
    for word in headers.iter().flat_map(|h| h.split_whitespace()) {
        *needed.entry(word).or_default() += 1;
    }
    let mut missing: Vec<String> = needed
        .iter()
        .filter(|(w, n)| printed.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, n)| format!("{w} ({} of {n})", printed.get(*w).copied().unwrap_or(0)))
        .collect();
    missing.sort();
    assert!(missing.is_empty(), "{name}: column-header words missing from the PDF: {missing:?}");
    headers
}

#[test]
fn issue_16_analysis_page_prints_every_column() {
    let html = render_html(&demo_report(DEMO, "servqual22"), Lang::En);
    assert_headers_printed("analysis", &html);
}

#[test]
fn issue_16_segments_page_prints_every_column() {
    let html = render_html(&by_branch(), Lang::Pl);
    assert_headers_printed("segments", &html);
}

#[test]
fn issue_16_wave_comparison_prints_p_adjusted_p_and_verdict() {
    let html = render_waves_html(&demo_waves(), Lang::En);
    let headers = assert_headers_printed("compare", &html);
    for wanted in ["p (unadjusted)", "p (Holm)", "Verdict"] {
        assert!(headers.iter().any(|h| h == wanted), "{wanted} is a column: {headers:?}");
    }
}

#[test]
fn issue_16_kpi_page_prints_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("kpi.html");
    let out = Command::new(env!("CARGO_BIN_EXE_servgap"))
        .args(["kpi", "examples/kpi/demo-tickets.csv", "--by", "channel", "--format", "html", "-o"])
        .arg(&page)
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_headers_printed("kpi", &std::fs::read_to_string(&page).unwrap());
}
