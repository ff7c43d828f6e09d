//! Issue 11: the fast readers agree with the `csv` reader, row by row, on generated
//! files with every line-ending mix, missing final line breaks, empty last cells,
//! quotes, BOMs and field-count errors. Cases: `SERVGAP_PROPTEST_CASES` (default 48).

use std::collections::BTreeMap;

use proptest::prelude::*;
use servgap_core::kpi::{Calendars, KpiEngine, KpiOptions};
use servgap_core::servqual::SurveyPartials;
use servgap_ingest::tickets::{import_tickets, plan_tickets, TicketOptions, TicketRule};
use servgap_ingest::{plan, read_header, scan, Limits, ReaderChoice, ScanOptions, Source};

use crate::util::*;

fn cases() -> u32 {
    std::env::var("SERVGAP_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

const BREAKS: [&str; 6] = ["\n", "\r", "\r\n", "\r\r\n", "\n\n", "\r\n\r\n"];

/// Quoted cells, which send a file to the `csv` reader: in one file out of eight.
const QUOTED: [&str; 4] = ["\"5\"", "\"a\r\nb\"", "\"\"", "\"x,y\""];

/// A survey cell: mostly answers, some blanks, junk and long values.
fn survey_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (1..=7u8).prop_map(|v| v.to_string()),
        1 => Just(String::new()),
        1 => prop::sample::select(vec![" 4 ", "x", "4.5", "9", "0", "7.0", "-1", "y".repeat(120).leak()])
            .prop_map(str::to_owned),
    ]
}

/// Puts a quoted cell into the first row (when there is one) if `quote` says so.
fn maybe_quote(rows: &mut [Vec<String>], quote: Option<usize>) {
    if let (Some(q), Some(row)) = (quote, rows.first_mut()) {
        if let Some(cell) = row.get_mut(q % 3) {
            *cell = QUOTED[q % QUOTED.len()].to_owned();
        }
    }
}

fn quote_choice() -> impl Strategy<Value = Option<usize>> {
    prop_oneof![7 => Just(None), 1 => (0..12usize).prop_map(Some)]
}

/// A row: the header's width, or one field more or less.
fn survey_row() -> impl Strategy<Value = Vec<String>> {
    let width = header().len();
    (prop::collection::vec(survey_cell(), width - 1..=width + 1), any::<bool>()).prop_map(
        |(mut cells, blank_last)| {
            if blank_last {
                if let Some(last) = cells.last_mut() {
                    last.clear();
                }
            }
            cells
        },
    )
}

/// Joins the header and rows with the chosen line breaks, BOM and final break.
fn assemble(head: &str, rows: &[Vec<String>], breaks: &[usize], bom: bool, final_break: bool) -> Vec<u8> {
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    text.push_str(head);
    for (i, row) in rows.iter().enumerate() {
        text.push_str(BREAKS[breaks[i % breaks.len()]]);
        text.push_str(&row.join(","));
    }
    if final_break {
        text.push_str(BREAKS[breaks[0]]);
    }
    text.into_bytes()
}

/// What a scan gave: a summary (counts and findings, or the error), the partials, and
/// whether the fast reader ran.
type SurveyOutcome = (String, Option<(SurveyPartials, BTreeMap<String, SurveyPartials>)>, bool);

fn survey_outcome(path: &std::path::Path, options: &ScanOptions) -> SurveyOutcome {
    survey_outcome_within(
        path,
        options,
        Limits { max_row_bytes: 400, max_cell_bytes: 100, ..Limits::default() },
    )
}

fn survey_outcome_within(path: &std::path::Path, options: &ScanOptions, limits: Limits) -> SurveyOutcome {
    let mut source = Source::new(path);
    source.limits = limits;
    let result = plan(&source, &sq(), None).and_then(|p| scan(&source, &sq(), &p, options, &|_, _| {}));
    match result {
        Ok(s) => {
            assert!(s.reconciles(), "counts do not reconcile: {} rows", s.rows);
            let fast = matches!(s.reader, servgap_ingest::ReaderUsed::Fast { .. });
            let text = format!("rows {} rejected {}\n{:?}", s.rows, s.rejected, s.findings);
            (text, Some((s.total, s.segments)), fast)
        }
        Err(e) => (format!("error: {e}"), None, false),
    }
}

fn ticket_cell(column: usize) -> BoxedStrategy<String> {
    match column {
        0 => prop_oneof![8 => (1..500u32).prop_map(|v| v.to_string()), 1 => Just(String::new())].boxed(),
        1 | 2 => prop_oneof![
            6 => (1..28u8, 0..24u8).prop_map(|(d, h)| format!("2026-03-{d:02}T{h:02}:00:00Z")),
            1 => Just(String::new()),
            1 => prop::sample::select(vec!["soon", "2026-02-30", " ", "2026-03-01T00:00:00Z "]).prop_map(str::to_owned),
        ]
        .boxed(),
        _ => prop::sample::select(vec!["email", "web", "", "c".repeat(70).leak(), "phone "]).prop_map(str::to_owned).boxed(),
    }
}

fn ticket_row() -> impl Strategy<Value = Vec<String>> {
    (3..=5usize).prop_flat_map(|width| (0..width).map(ticket_cell).collect::<Vec<_>>())
}

fn ticket_outcome(path: &std::path::Path, options: &TicketOptions) -> (String, bool) {
    let mut source = Source::new(path);
    source.limits = Limits { max_row_bytes: 200, max_cell_bytes: 60, ..Limits::default() };
    let engine = KpiEngine::new(KpiOptions::new("UTC").unwrap(), Calendars::new());
    let result = read_header(&source)
        .and_then(|h| plan_tickets(&source, &h, None, None, false).map(|p| (h, p)))
        .and_then(|(h, p)| import_tickets(&source, &h, &p, &engine, options));
    match result {
        Ok(i) => {
            assert!(i.reconciles(), "counts do not reconcile");
            // A repeated ticket id sends the file to the csv reader, which rejects each later
            // row in file order; any other plain file goes through the block reader.
            let fast = i.reader.starts_with("blocks") || i.findings.count(TicketRule::DuplicateId) > 0;
            let text = format!(
                "rows {} tickets {} rejected {}\n{:?}\n{:?}",
                i.rows,
                i.tickets,
                i.rejected,
                i.findings,
                i.aggregate.finish(&engine)
            );
            (text, fast)
        }
        Err(e) => (format!("error: {e}"), false),
    }
}

/// A one-byte cell, the fast reader's shortcut for ratings: digits on and off the
/// scale, the bytes just below `0` and above `9`, letters and a space.
fn one_byte_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0..=9u8).prop_map(|v| v.to_string()),
        1 => prop::sample::select(vec!["/", ":", "x", " ", ""]).prop_map(str::to_owned),
    ]
}

/// A row of one-byte cells: the header's width, or one field more or less.
fn one_byte_row() -> impl Strategy<Value = Vec<String>> {
    let width = header().len();
    prop::collection::vec(one_byte_cell(), width - 1..=width + 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Issue 15 (SERVQUAL speed): one-digit ratings are stored by the fast reader's
    /// shortcut; it gives the same values, findings, row numbers and length errors as
    /// the `csv` reader, also when every cell is over a zero-byte length limit.
    #[test]
    fn issue_15_one_digit_shortcut_equals_the_csv_reader(
        rows in prop::collection::vec(one_byte_row(), 1..10),
        breaks in prop::collection::vec(0..BREAKS.len(), 1..4),
        final_break in any::<bool>(),
        strict in any::<bool>(),
        zero_cell_limit in prop::bool::weighted(0.2),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "s.csv", assemble(&header().join(","), &rows, &breaks, false, final_break));
        let max_cell_bytes = if zero_cell_limit { 0 } else { 100 };
        let limits = Limits { max_row_bytes: 400, max_cell_bytes, ..Limits::default() };
        let general = ScanOptions { strict, reader: ReaderChoice::General, ..ScanOptions::default() };
        let (general, general_partials, _) = survey_outcome_within(&path, &general, limits);
        for (threads, block_size) in [(1, 1 << 16), (2, 64), (3, 150)] {
            let options = ScanOptions { strict, threads, block_size, ..ScanOptions::default() };
            let (fast, partials, used_fast) = survey_outcome_within(&path, &options, limits);
            prop_assert_eq!(&fast, &general, "threads {} block {}", threads, block_size);
            prop_assert!(partials == general_partials, "partials differ: threads {} block {}", threads, block_size);
            prop_assert!(used_fast || fast.starts_with("error"));
        }
    }

    #[test]
    fn issue_11_fast_survey_reader_equals_the_csv_reader(
        mut rows in prop::collection::vec(survey_row(), 0..12),
        breaks in prop::collection::vec(0..BREAKS.len(), 1..4),
        bom in any::<bool>(),
        final_break in any::<bool>(),
        strict in any::<bool>(),
        quote in quote_choice(),
    ) {
        maybe_quote(&mut rows, quote);
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "s.csv", assemble(&header().join(","), &rows, &breaks, bom, final_break));
        let general = ScanOptions { strict, reader: ReaderChoice::General, ..ScanOptions::default() };
        let (general, general_partials, _) = survey_outcome(&path, &general);
        for (threads, block_size) in [(1, 1 << 16), (2, 64), (3, 150)] {
            let options = ScanOptions { strict, threads, block_size, ..ScanOptions::default() };
            let (fast, partials, used_fast) = survey_outcome(&path, &options);
            prop_assert_eq!(&fast, &general, "threads {} block {}", threads, block_size);
            prop_assert!(partials == general_partials, "partials differ: threads {} block {}", threads, block_size);
            // Not vacuous: a file without quotes that scans at all went through the fast reader.
            prop_assert!(used_fast || quote.is_some() || fast.starts_with("error"));
        }
    }

    #[test]
    fn issue_11_fast_ticket_reader_equals_the_csv_reader(
        mut rows in prop::collection::vec(ticket_row(), 0..15),
        breaks in prop::collection::vec(0..BREAKS.len(), 1..4),
        bom in any::<bool>(),
        final_break in any::<bool>(),
        strict in any::<bool>(),
        quote in quote_choice(),
    ) {
        maybe_quote(&mut rows, quote);
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "t.csv", assemble("id,created,solved,channel", &rows, &breaks, bom, final_break));
        let general = TicketOptions { strict, general_only: true, ..TicketOptions::default() };
        let (general, _) = ticket_outcome(&path, &general);
        for (threads, block_size) in [(1, 1 << 16), (2, 64), (3, 100)] {
            let options = TicketOptions { strict, threads, block_size, ..TicketOptions::default() };
            let (fast, used_fast) = ticket_outcome(&path, &options);
            prop_assert_eq!(&fast, &general, "threads {} block {}", threads, block_size);
            prop_assert!(used_fast || quote.is_some() || fast.starts_with("error"));
        }
    }
}
