//! The fast reader (1, 2, 3 threads, small blocks) and the general reader agree exactly.

use servgap_core::servqual::Rule;
use servgap_ingest::{plan, scan, Mapping, ReaderChoice, ReaderUsed, Scan, ScanOptions, Source};

use crate::util::*;

/// 3000 respondents with bad cells, blank lines, a segment column and no trailing newline.
fn survey(quoted: bool, crlf: bool) -> String {
    let mut h = header();
    h.push("branch".to_owned());
    let mut out = h.join(",");
    out.push_str(if crlf { "\r\n" } else { "\n" });
    let bad = ["", "x", "9", "4.5", "0", " 7 ", "5.0"];
    for id in 1..=3000u64 {
        let mut r = good_row(id);
        if id % 7 == 0 {
            let c = 1 + (id as usize * 13) % 44;
            r[c] = bad[(id as usize / 7) % bad.len()].to_owned();
        }
        if id % 101 == 0 {
            r[col("imp_empathy")] = "21".to_owned();
        }
        if id % 997 == 0 {
            r.truncate(30);
        }
        let branch = ["north", "south", "east", ""][(id % 4) as usize];
        r.push(if quoted { format!("\"{branch}\"") } else { branch.to_owned() });
        out.push_str(&r.join(","));
        if id != 3000 {
            out.push_str(if crlf { "\r\n" } else { "\n" });
        }
        if id % 500 == 0 {
            out.push('\n');
        }
    }
    out
}

fn run(path: &std::path::Path, options: &ScanOptions) -> Scan {
    let mapping = Mapping::parse("[columns]\nsegment = \"branch\"\n", "m.toml".as_ref()).unwrap();
    let source = Source::new(path);
    let plan = plan(&source, &sq(), Some(&mapping)).unwrap();
    scan(&source, &sq(), &plan, options, &|_, _| {}).unwrap()
}

fn same(a: &Scan, b: &Scan) {
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.total, b.total);
    assert_eq!(a.segments, b.segments);
    assert_eq!(a.findings, b.findings);
}

#[test]
fn fast_parallel_single_and_general_readers_agree() {
    let dir = tempfile::tempdir().unwrap();
    for crlf in [false, true] {
        let path = write(dir.path(), "s.csv", survey(false, crlf));
        let general = run(&path, &ScanOptions { reader: ReaderChoice::General, ..ScanOptions::default() });
        assert_eq!(general.reader, ReaderUsed::General);
        assert_eq!(general.rows, 3000);
        assert!(general.findings.count(Rule::NotANumber) > 0 && general.findings.count(Rule::OutOfScale) > 0);
        assert!(general.findings.count(Rule::Blank) > 0 && general.findings.count(Rule::ImportanceSum) > 0);
        assert_eq!(general.segments.len(), 4);
        for (threads, block_size) in [(1, 4096), (2, 4096), (3, 1000), (2, 4 << 20), (1, 64)] {
            let fast = run(&path, &ScanOptions { threads, block_size, ..ScanOptions::default() });
            assert_eq!(fast.reader, ReaderUsed::Fast { threads });
            same(&fast, &general);
        }
    }
}

#[test]
fn quotes_fall_back_to_the_general_reader_with_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let plain = run(&write(dir.path(), "plain.csv", survey(false, false)), &ScanOptions::default());
    let quoted = run(
        &write(dir.path(), "quoted.csv", survey(true, false)),
        &ScanOptions { block_size: 4096, ..ScanOptions::default() },
    );
    assert!(matches!(plain.reader, ReaderUsed::Fast { .. }));
    assert_eq!(quoted.reader, ReaderUsed::General);
    same(&plain, &quoted);
}

#[test]
fn segments_add_up_to_the_unsegmented_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "s.csv", survey(false, false));
    let segmented = run(&path, &ScanOptions::default());
    let source = Source::new(&path);
    let plan = plan(&source, &sq(), None).unwrap();
    let whole = scan(&source, &sq(), &plan, &ScanOptions::default(), &|_, _| {}).unwrap();
    assert!(whole.segments.is_empty());
    assert_eq!(whole.total, segmented.total);
    // 750 rows with an empty branch, less the short row 2991 (rejected: too few fields).
    assert_eq!(segmented.segments[""].respondents(), 749);
    assert_eq!((segmented.rejected, whole.rejected), (3, 3));
}

#[test]
fn strict_parallel_scan_reports_the_earliest_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "s.csv", survey(false, false));
    let mapping = Mapping::parse("[columns]\nsegment = \"branch\"\n", "m.toml".as_ref()).unwrap();
    let source = Source::new(&path);
    let plan = plan(&source, &sq(), Some(&mapping)).unwrap();
    let mut messages = Vec::new();
    for (threads, block_size, reader) in
        [(2, 1000, ReaderChoice::Auto), (3, 512, ReaderChoice::Auto), (1, 4096, ReaderChoice::General)]
    {
        let options = ScanOptions { strict: true, threads, block_size, reader, ..ScanOptions::default() };
        messages.push(scan(&source, &sq(), &plan, &options, &|_, _| {}).unwrap_err().to_string());
    }
    assert!(
        messages[0].contains("row 8, column `E4`: value `x` breaks rule not-a-number"),
        "{}",
        messages[0]
    );
    assert_eq!(messages[0], messages[1]);
    assert_eq!(messages[0], messages[2]);
}

#[test]
fn progress_reaches_the_file_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "s.csv", survey(false, false));
    let size = std::fs::metadata(&path).unwrap().len();
    let last = std::sync::Mutex::new((0, 0));
    let source = Source::new(&path);
    let plan = plan(&source, &sq(), None).unwrap();
    let options = ScanOptions { block_size: 4096, threads: 2, ..ScanOptions::default() };
    scan(&source, &sq(), &plan, &options, &|done, total| *last.lock().unwrap() = (done, total)).unwrap();
    assert_eq!(*last.lock().unwrap(), (size, size));
}
