//! Issue 11 (readers): nothing lost, nothing hung. Each test names the case it proves.

use std::path::Path;
use std::time::Duration;

use servgap_core::kpi::{Calendars, KpiEngine, KpiOptions};
use servgap_ingest::tickets::{import_tickets, plan_tickets, TicketImport, TicketOptions, TicketRule};
use servgap_ingest::{
    plan, read_header, scan, IngestError, Limits, Mapping, ReaderChoice, Scan, ScanOptions, Source,
};

use crate::util::*;

/// Runs `f` on another thread and fails the test if it takes longer than `seconds` (a hang).
fn within<T: Send + 'static>(seconds: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(seconds)).expect("the reader did not return: hung")
}

fn survey_scan(path: &Path, limits: Limits, options: &ScanOptions) -> Result<Scan, IngestError> {
    let mut source = Source::new(path);
    source.limits = limits;
    let plan = plan(&source, &sq(), None)?;
    scan(&source, &sq(), &plan, options, &|_, _| {})
}

fn general() -> ScanOptions {
    ScanOptions { reader: ReaderChoice::General, ..ScanOptions::default() }
}

fn fast(threads: usize, block_size: usize) -> ScanOptions {
    ScanOptions { threads, block_size, ..ScanOptions::default() }
}

fn engine() -> KpiEngine {
    KpiEngine::new(KpiOptions::new("UTC").unwrap(), Calendars::new())
}

fn tickets(path: &Path, limits: Limits, options: &TicketOptions) -> Result<TicketImport, IngestError> {
    let mut source = Source::new(path);
    source.limits = limits;
    let header = read_header(&source)?;
    let plan = plan_tickets(&source, &header, None, None, false)?;
    import_tickets(&source, &header, &plan, &engine(), options)
}

const TICKET_HEAD: &str = "id,created,solved,channel";

fn ticket_line(id: u64) -> String {
    format!("{id},2026-03-02T09:{:02}:00Z,2026-03-02T11:00:00Z,ch{}", id % 60, id % 3)
}

#[test]
fn issue_11_too_many_segments_ends_promptly_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = header();
    h.push("branch".to_owned());
    let mut rows = vec![h];
    for id in 0..6000u64 {
        let mut r = good_row(id);
        r.push(format!("b{id}"));
        rows.push(r);
    }
    let path = write(dir.path(), "many.csv", join(&rows, ","));
    let mapping = Mapping::parse("[columns]\nsegment = \"branch\"\n", "m.toml".as_ref()).unwrap();
    for (threads, block_size) in [(2, 4096), (3, 1024), (1, 4096)] {
        let path = path.clone();
        let mapping = mapping.clone();
        // Tiny blocks and a low cap: every worker fails early while the producer still has
        // most of the file to send; before the fix the producer waited forever.
        let result = within(60, move || {
            let source = Source::new(&path);
            let plan = plan(&source, &sq(), Some(&mapping)).unwrap();
            let options = ScanOptions { threads, block_size, max_segments: 50, ..ScanOptions::default() };
            scan(&source, &sq(), &plan, &options, &|_, _| {}).map(|s| s.rows)
        });
        let err = result.unwrap_err();
        assert!(matches!(err, IngestError::TooManySegments { limit: 50, .. }), "{err}");
    }
}

#[test]
fn issue_11_last_row_without_newline_and_empty_cell_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut last = good_row(2);
    *last.last_mut().unwrap() = String::new(); // a blank `overall`
    let text = format!("{}\n{}\n{}", header().join(","), good_row(1).join(","), last.join(","));
    assert!(text.ends_with(','));
    let path = write(dir.path(), "last.csv", text);
    for options in [general(), fast(1, 1 << 20), fast(2, 64)] {
        let scan = survey_scan(&path, Limits::default(), &options).unwrap();
        assert_eq!((scan.rows, scan.total.respondents()), (2, 2), "{:?}", options.reader);
        assert!(scan.findings.is_empty());
    }
}

/// Joins rows with the given line breaks, cycling through them.
fn with_breaks(rows: &[String], breaks: &[&str], final_break: bool) -> String {
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        out.push_str(r);
        if i + 1 < rows.len() || final_break {
            out.push_str(breaks[i % breaks.len()]);
        }
    }
    out
}

#[test]
fn issue_11_lone_cr_and_mixed_line_endings_split_rows_like_the_csv_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![header().join(",")];
    rows.extend((1..=40).map(|id| good_row(id).join(",")));
    for (name, breaks) in [("cr", vec!["\r"]), ("mixed", vec!["\r", "\n", "\r\n", "\r\r\n", "\n\r"])] {
        let path = write(dir.path(), &format!("{name}.csv"), with_breaks(&rows, &breaks, false));
        let reference = survey_scan(&path, Limits::default(), &general()).unwrap();
        assert_eq!(reference.rows, 40, "{name}");
        for options in [fast(1, 1 << 20), fast(2, 64), fast(3, 200)] {
            let scan = survey_scan(&path, Limits::default(), &options).unwrap();
            assert_eq!((scan.rows, &scan.total, &scan.findings), (40, &reference.total, &reference.findings));
        }
    }
    // Tickets: a lone CR used to merge two tickets into one.
    let mut lines = vec![TICKET_HEAD.to_owned()];
    lines.extend((1..=30).map(ticket_line));
    for breaks in [vec!["\r"], vec!["\r", "\n", "\r\n", "\n\n"]] {
        let path = write(dir.path(), "t.csv", with_breaks(&lines, &breaks, true));
        let reference = tickets(
            &path,
            Limits::default(),
            &TicketOptions { general_only: true, ..TicketOptions::default() },
        )
        .unwrap();
        assert_eq!((reference.rows, reference.tickets), (30, 30));
        for (threads, block_size) in [(1, 1 << 20), (2, 64), (3, 100)] {
            let options = TicketOptions { threads, block_size, ..TicketOptions::default() };
            let imported = tickets(&path, Limits::default(), &options).unwrap();
            assert!(imported.reader.starts_with("blocks"), "{}", imported.reader);
            assert_eq!((imported.rows, imported.tickets), (30, 30));
            assert_eq!(imported.aggregate.finish(&engine()), reference.aggregate.finish(&engine()));
            assert_eq!(imported.findings, reference.findings);
        }
    }
}

#[test]
fn issue_11_ticket_rows_with_extra_or_missing_fields_are_rejected_not_shifted() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{TICKET_HEAD}\n{}\n4,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,email,extra\n5,2026-03-02T09:00:00Z\n{}\n",
        ticket_line(1),
        ticket_line(2)
    );
    let path = write(dir.path(), "t.csv", text);
    for general_only in [false, true] {
        let options = TicketOptions { general_only, threads: 2, ..TicketOptions::default() };
        let imported = tickets(&path, Limits::default(), &options).unwrap();
        assert_eq!((imported.rows, imported.tickets, imported.rejected), (4, 2, 2));
        assert!(imported.reconciles());
        let rows: Vec<_> = imported.findings.examples(TicketRule::FieldCount).iter().map(|f| f.row).collect();
        assert_eq!(rows, [3, 4]);
        let strict = TicketOptions { strict: true, general_only, ..TicketOptions::default() };
        let err = tickets(&path, Limits::default(), &strict).unwrap_err().to_string();
        assert!(err.contains("row 3, column `(whole row)`: value `5 fields where the header has 4` breaks rule field-count"), "{err}");
    }
}

#[test]
fn issue_11_everything_rejected_is_an_error_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    // Every timestamp unreadable.
    let text = format!("{TICKET_HEAD}\n1,yesterday,,email\n2,02/03/2026 9am,,email\n3,soon,,web\n");
    let path = write(dir.path(), "bad.csv", text);
    for general_only in [false, true] {
        let options = TicketOptions { general_only, ..TicketOptions::default() };
        let err = tickets(&path, Limits::default(), &options).unwrap_err();
        assert!(matches!(err, IngestError::NothingAccepted { read: 3, count: 3, .. }), "{err}");
        assert!(
            err.to_string()
                .contains("rule bad-timestamp (3 times), e.g. row 2, column `created`: value `yesterday`"),
            "{err}"
        );
    }
    // A header only.
    let path = write(dir.path(), "head.csv", format!("{TICKET_HEAD}\n"));
    let err = tickets(&path, Limits::default(), &TicketOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::NoDataRows { header_row: 1, .. }), "{err}");
    // Surveys: every row with a field too many; and a header only.
    let mut shifted = good_row(1);
    shifted.push("7".to_owned());
    let path = write(dir.path(), "s.csv", join(&[header(), shifted.clone(), shifted], ","));
    for options in [general(), fast(2, 64)] {
        let err = survey_scan(&path, Limits::default(), &options).unwrap_err();
        assert!(matches!(err, IngestError::NothingAccepted { read: 2, rule: "field-count", .. }), "{err}");
    }
    let path = write(dir.path(), "h.csv", join(&[header()], ","));
    let err = survey_scan(&path, Limits::default(), &ScanOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: no data rows after the header (row 1); the file holds only a header", path.display())
    );
}

#[test]
fn issue_11_counts_reconcile_read_equals_analysed_plus_rejected_plus_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut short = good_row(3);
    short.pop();
    let path = write(dir.path(), "s.csv", join(&[header(), good_row(1), short, good_row(2)], ","));
    let scan = survey_scan(&path, Limits::default(), &fast(2, 64)).unwrap();
    assert_eq!((scan.rows, scan.total.respondents(), scan.rejected), (3, 2, 1));
    assert!(scan.reconciles());
    // An event log: rows = cases accepted + rejected + further rows of a case.
    let log = "case,activity,time\nA,open,2026-03-02T09:00:00Z\nA,solve,2026-03-02T10:00:00Z\n\
               ,open,2026-03-02T09:00:00Z\nB,open,bad\nB,solve,2026-03-02T10:00:00Z\nC,open,2026-03-02T09:00:00Z,x\n";
    let path = write(dir.path(), "events.csv", log);
    let mapping_path = write(
        dir.path(),
        "m.toml",
        "layout = \"events\"\n[columns]\nid = \"case\"\nactivity = \"activity\"\ntimestamp = \"time\"\n\
         [activities]\nopen = \"new\"\nsolve = \"solved\"\n",
    );
    let mapping = servgap_ingest::tickets::TicketMapping::load(&mapping_path).unwrap();
    let source = Source::new(&path);
    let header = read_header(&source).unwrap();
    let plan = plan_tickets(&source, &header, Some(&mapping), None, false).unwrap();
    let imported = import_tickets(&source, &header, &plan, &engine(), &TicketOptions::default()).unwrap();
    assert_eq!(
        (imported.rows, imported.tickets, imported.rejected, imported.skipped),
        (6, 1, 3, 2),
        "{:?}",
        imported.findings
    );
    assert!(imported.reconciles());
}

fn small_limits() -> Limits {
    Limits { max_row_bytes: 2000, max_cell_bytes: 300, ..Limits::default() }
}

#[test]
fn issue_11_rows_and_cells_over_the_limits_are_errors_naming_row_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    // A long line of `7,` (row 3), in the fast and the general reader, with the line
    // longer than a block or not.
    let mut text = format!("{}\n{}\n", header().join(","), good_row(1).join(","));
    text.push_str(&"7,".repeat(5000));
    text.push('\n');
    text.push_str(&good_row(2).join(","));
    let path = write(dir.path(), "long.csv", &text);
    for options in [general(), fast(1, 64), fast(2, 1 << 20), fast(2, 4096)] {
        let err = survey_scan(&path, small_limits(), &options).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: row 3 is longer than 2,000 bytes, the limit for one row (a missing line break or an unclosed \
                 quote?); raise the limit if the row is right",
                path.display()
            )
        );
    }
    // A long cell (row 2, column E3).
    let mut row = good_row(1);
    row[col("E3")] = "x".repeat(400);
    let path = write(dir.path(), "cell.csv", join(&[header(), row], ","));
    for options in [general(), fast(2, 64)] {
        let err = survey_scan(&path, small_limits(), &options).unwrap_err();
        assert!(matches!(err, IngestError::CellTooLong { row: 2, length: 400, limit: 300, .. }), "{err}");
        assert!(err.to_string().contains("column `E3`"), "{err}");
    }
    // Tickets: a long line and a long cell.
    let text = format!("{TICKET_HEAD}\n{}\n{}\n{}\n", ticket_line(1), "9,".repeat(3000), ticket_line(2));
    let path = write(dir.path(), "t.csv", text);
    for general_only in [false, true] {
        let options = TicketOptions { general_only, block_size: 64, threads: 2, ..TicketOptions::default() };
        let err = tickets(&path, small_limits(), &options).unwrap_err();
        assert!(matches!(err, IngestError::RowTooLong { row: 3, limit: 2000, .. }), "{err}");
    }
    let text = format!("{TICKET_HEAD}\n{}\n3,2026-03-02T09:00:00Z,,{}\n", ticket_line(1), "c".repeat(500));
    let path = write(dir.path(), "tc.csv", text);
    for general_only in [false, true] {
        let options = TicketOptions { general_only, ..TicketOptions::default() };
        let err = tickets(&path, small_limits(), &options).unwrap_err();
        assert!(matches!(err, IngestError::CellTooLong { row: 3, length: 500, .. }), "{err}");
        assert!(err.to_string().contains("column `channel`"), "{err}");
    }
}

#[test]
fn issue_11_an_unclosed_quote_does_not_read_the_rest_of_the_file_into_one_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("{}\n\"{}\n", header().join(","), good_row(1).join(","));
    for id in 2..200 {
        text.push_str(&good_row(id).join(","));
        text.push('\n');
    }
    let path = write(dir.path(), "q.csv", text);
    let err = survey_scan(&path, small_limits(), &ScanOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::RowTooLong { row: 2, limit: 2000, .. }), "{err}");
}

/// A zip with one highly compressible worksheet part (and the parts a workbook needs to look like one).
fn zip_bomb(path: &Path, sheet_bytes: usize) {
    use std::io::Write as _;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 16];
    for _ in 0..sheet_bytes / chunk.len() {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn issue_11_workbook_parts_unpacking_past_the_budget_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    zip_bomb(&path, 8 << 20);
    let mut source = Source::new(&path);
    source.limits.max_workbook_bytes = 1 << 20;
    let err = read_header(&source).unwrap_err();
    assert!(
        matches!(&err, IngestError::WorkbookTooLarge { part, limit, .. } if part == "xl/worksheets/sheet1.xml" && *limit == 1 << 20),
        "{err}"
    );
}

/// Rewrites the uncompressed size every header declares for the entry `name` (a lying archive).
fn lie_about_size(bytes: &mut [u8], name: &[u8], declared: u32) {
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        let (signature, size_at, name_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => ("local", at + 22, at + 30),
            b"PK\x01\x02" => ("central", at + 24, at + 46),
            _ => continue,
        };
        if bytes.get(name_at..name_at + name.len()) == Some(name) {
            bytes[size_at..size_at + 4].copy_from_slice(&declared.to_le_bytes());
            patched += 1;
            let _ = signature;
        }
    }
    assert_eq!(patched, 2, "local and central headers");
}

#[test]
fn issue_11_a_workbook_that_lies_about_its_sizes_is_still_stopped_at_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("liar.xlsx");
    zip_bomb(&path, 8 << 20);
    let mut bytes = std::fs::read(&path).unwrap();
    lie_about_size(&mut bytes, b"xl/worksheets/sheet1.xml", 1000);
    std::fs::write(&path, bytes).unwrap();
    let mut source = Source::new(&path);
    source.limits.max_workbook_bytes = 1 << 20;
    let err = read_header(&source).unwrap_err();
    assert!(
        // The declared sizes (1,000 bytes and the small parts) fit; unpacking finds the truth.
        matches!(&err, IngestError::WorkbookTooLarge { part, declared: 1000, limit, .. }
            if part == "xl/worksheets/sheet1.xml" && *limit == 1 << 20),
        "{err}"
    );
}

#[test]
fn issue_11_kpi_on_a_spreadsheet_says_spreadsheets_are_not_read_for_tickets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tickets.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["id", "created"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    book.save(&path).unwrap();
    let source = Source::new(&path);
    let header = read_header(&source).unwrap();
    let err = plan_tickets(&source, &header, None, None, false).unwrap_err();
    assert!(matches!(err, IngestError::TicketSpreadsheet { .. }), "{err}");
    assert!(err.to_string().contains("export the sheet as CSV"), "{err}");
}

#[test]
fn issue_11_long_values_are_shortened_and_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mut row = good_row(1);
    row[col("E2")] = "x".repeat(1000);
    row[col("P4")] = "a\u{0}b\u{1b}[31m\rz".to_owned();
    let text = format!("{}\n{}\n{}\n", header().join(","), row.join(","), good_row(2).join(","));
    // The lone `\r` at the end of P4's cell ends its row for the csv reader too: keep it inside quotes.
    let quoted = text.replace("a\u{0}b\u{1b}[31m\rz", "\"a\u{0}b\u{1b}[31m\rz\"");
    let plain = text.replace("a\u{0}b\u{1b}[31m\rz", "a\u{0}b\u{1b}[31mz");
    for (name, text, p4) in
        [("q.csv", quoted, "a\\u{0}b\\u{1b}[31m\\rz"), ("p.csv", plain, "a\\u{0}b\\u{1b}[31mz")]
    {
        let path = write(dir.path(), name, text);
        let scan = survey_scan(&path, Limits::default(), &ScanOptions::default()).unwrap();
        let values: Vec<_> = scan
            .findings
            .samples(servgap_core::servqual::Rule::NotANumber)
            .iter()
            .map(|f| f.value.clone())
            .collect();
        assert_eq!(values, [format!("{}…(1,000 bytes)", "x".repeat(80)), p4.to_owned()], "{name}");
        let err = survey_scan(&path, Limits::default(), &strict()).unwrap_err().to_string();
        assert!(err.contains(&format!("value `{}…(1,000 bytes)`", "x".repeat(80))), "{err}");
        assert!(err.len() < 400 && !err.chars().any(char::is_control), "{err}");
    }
    // Tickets too.
    let text = format!("{TICKET_HEAD}\n{}\n2,{}\u{1b}[2J,,email\n", ticket_line(1), "9".repeat(200));
    let path = write(dir.path(), "t.csv", text);
    let imported = tickets(&path, Limits::default(), &TicketOptions::default()).unwrap();
    let value = &imported.findings.examples(TicketRule::BadTimestamp)[0].value;
    assert_eq!(value, &format!("{}…(204 bytes)", "9".repeat(80)));
}

#[test]
fn issue_11_a_file_level_error_names_the_same_row_whatever_the_thread_timing() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![header()];
    for id in 1..=3000 {
        let mut r = good_row(id);
        if id == 700 || id == 2900 {
            r[col("E1")] = "y".repeat(400);
        }
        rows.push(r);
    }
    let path = write(dir.path(), "e.csv", join(&rows, ","));
    let mut seen = Vec::new();
    for (threads, block_size) in [(1, 4096), (2, 512), (3, 700), (4, 64 << 10), (2, 1 << 20)] {
        let options = fast(threads, block_size);
        for _ in 0..3 {
            let err = survey_scan(&path, small_limits(), &options).unwrap_err();
            seen.push(err.to_string());
        }
    }
    seen.push(survey_scan(&path, small_limits(), &general()).unwrap_err().to_string());
    assert!(seen[0].contains("row 701, column `E1`: the cell is 400 bytes long"), "{}", seen[0]);
    assert!(seen.iter().all(|m| *m == seen[0]), "{seen:#?}");
    // A strict finding before the error wins in every reader, and an error before a finding wins too.
    let mut rows2 = rows.clone();
    rows2[10][col("P3")] = "9".to_owned();
    let path = write(dir.path(), "f.csv", join(&rows2, ","));
    for options in [fast(2, 512), fast(3, 4096), general()] {
        let strict = ScanOptions { strict: true, ..options };
        let err = survey_scan(&path, small_limits(), &strict).unwrap_err().to_string();
        assert!(err.contains("row 11, column `P3`: value `9` breaks rule out-of-scale"), "{err}");
    }
    rows2[10][col("P3")] = "3".to_owned();
    rows2[1000][col("P3")] = "9".to_owned();
    let path = write(dir.path(), "g.csv", join(&rows2, ","));
    for options in [fast(2, 512), fast(3, 4096), general()] {
        let strict = ScanOptions { strict: true, ..options };
        let err = survey_scan(&path, small_limits(), &strict).unwrap_err().to_string();
        assert!(err.contains("row 701, column `E1`: the cell is 400 bytes long"), "{err}");
    }
}

#[test]
fn issue_11_xlsx_date_cells_are_reported_as_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 3, 4).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in header().iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, id) in [(1u32, 1u64), (2, 2)] {
        for (c, v) in good_row(id).iter().enumerate() {
            if r == 2 && c == col("E5") {
                sheet.write_datetime_with_format(r, c as u16, &date, &format).unwrap();
            } else {
                sheet.write_number(r, c as u16, v.parse::<f64>().unwrap()).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    let scan = survey_scan(&path, Limits::default(), &ScanOptions::default()).unwrap();
    let finding = &scan.findings.samples(servgap_core::servqual::Rule::NotANumber)[0];
    assert_eq!((finding.row, finding.value.as_str()), (3, "a date cell 2021-03-04"));
    let err = survey_scan(&path, Limits::default(), &strict()).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "row 3, column `E5`: value `a date cell 2021-03-04` breaks rule not-a-number (an answer must be a number)"
        ),
        "{err}"
    );
}

#[test]
fn issue_11_a_quote_or_line_break_is_no_delimiter() {
    assert_eq!(servgap_ingest::parse_delimiter(";").unwrap(), b';');
    for bad in ["\"", "\r", "\n", ",,"] {
        let err = servgap_ingest::parse_delimiter(bad).unwrap_err().to_string();
        assert!(err.contains("cannot separate fields"), "{err}");
        assert!(!err.chars().any(char::is_control), "{err:?}");
    }
}

#[test]
fn issue_11_delimiter_detection_sees_the_lines_of_a_cr_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<String> = std::iter::once(header().join(";"))
        .chain((1..=5).map(|id| {
            let mut r = good_row(id);
            r[col("E1")] = "4,5".to_owned();
            r.join(";")
        }))
        .collect();
    let path = write(dir.path(), "semi.csv", with_breaks(&rows, &["\r"], true));
    let header = read_header(&Source::new(&path)).unwrap();
    let dialect = header.dialect.unwrap();
    assert_eq!(dialect.delimiter, b';', "{}", dialect.delimiter_reason);
    assert!(
        dialect.delimiter_reason.contains("first 5 lines into 51 columns"),
        "{}",
        dialect.delimiter_reason
    );
}
