//! Issue 11: a fuzz harness for the survey and ticket readers that runs under `cargo test`.
//!
//! Inputs are arbitrary bytes and mutations (byte flips, inserted quotes, line breaks,
//! NULs, BOMs and invalid UTF-8, deleted or duplicated runs, truncation) of the demo
//! files in `examples/demo` and `examples/kpi`. Every reader must return without a panic,
//! with counts that reconcile, and errors and finding values that are short and free of
//! raw control characters (event logs too). `SERVGAP_FUZZ_CASES` sets the number of cases (default 64);
//! a longer run: `SERVGAP_FUZZ_CASES=20000 cargo test -p servgap-ingest --test it fuzz`.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use servgap_core::kpi::{Calendars, KpiEngine, KpiOptions};
use servgap_core::servqual::Rule;
use servgap_ingest::tickets::{import_tickets, plan_tickets, TicketMapping, TicketOptions};
use servgap_ingest::{plan, read_header, scan, IngestError, Limits, ReaderChoice, ScanOptions, Source};

use crate::util::*;

fn cases() -> u32 {
    std::env::var("SERVGAP_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The first `lines` lines of a demo file (small inputs keep each case fast).
fn demo(relative: &str, lines: usize) -> Vec<u8> {
    let text = std::fs::read(repo().join(relative)).unwrap();
    let mut end = 0;
    for (count, at) in memchr::memchr_iter(b'\n', &text).enumerate() {
        end = at + 1;
        if count + 1 == lines {
            break;
        }
    }
    text[..end].to_vec()
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, &'static [u8]),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

const INSERTS: [&[u8]; 14] = [
    b",",
    b"\"",
    b"\r",
    b"\n",
    b"\r\n",
    b"\0",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b";",
    b"\t",
    b"\x1b[2J",
    b"7,0",
    b"\"\"",
    b"9999999999999999999999",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        3 => (any::<usize>(), prop::sample::select(INSERTS.to_vec())).prop_map(|(at, s)| Mutation::Insert(at, s)),
        1 => (any::<usize>(), 1..200usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => (any::<usize>(), 1..400usize).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Flip(at, b) if !bytes.is_empty() => bytes[at % len] = b,
            Mutation::Flip(..) => {}
            Mutation::Insert(at, s) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, s.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Mutation::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                let run = bytes.get(at..end).unwrap_or(&[]).to_vec();
                bytes.splice(end..end, run);
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
        }
    }
    bytes
}

/// Messages and finding values are short and show no raw control characters.
fn well_formed(text: &str, what: &str) {
    assert!(text.chars().count() <= 600, "{what} too long ({} chars): {text:.300}", text.chars().count());
    assert!(!text.chars().any(|c| c.is_control()), "{what} holds a raw control character: {text:?}");
}

fn limits() -> Limits {
    Limits { max_row_bytes: 64 << 10, max_cell_bytes: 4 << 10, ..Limits::default() }
}

fn check_survey(path: &Path) {
    let instrument = sq();
    let mut source = Source::new(path);
    source.limits = limits();
    let Ok(plan) = plan(&source, &instrument, None) else { return };
    for options in [
        ScanOptions { threads: 2, block_size: 512, ..ScanOptions::default() },
        ScanOptions { reader: ReaderChoice::General, ..ScanOptions::default() },
        ScanOptions { strict: true, threads: 3, block_size: 300, ..ScanOptions::default() },
    ] {
        match scan(&source, &instrument, &plan, &options, &|_, _| {}) {
            Ok(s) => {
                assert!(s.reconciles(), "survey counts do not reconcile");
                for rule in Rule::ALL {
                    for f in s.findings.samples(rule) {
                        well_formed(
                            &servgap_ingest::describe_finding(path, &plan, &instrument, f).to_string(),
                            "finding",
                        );
                    }
                }
            }
            Err(e) => well_formed(&message(&e, path), "survey error"),
        }
    }
}

/// An error's message without the (temporary, harmless) path.
fn message(e: &IngestError, path: &Path) -> String {
    e.to_string().replace(&path.display().to_string(), "FILE")
}

fn check_tickets(path: &Path, mapping: Option<&TicketMapping>) {
    let mut source = Source::new(path);
    source.limits = limits();
    if let Some(m) = mapping {
        source.options.fill_from(&m.read);
    }
    let engine = KpiEngine::new(KpiOptions::new("Europe/Rome").unwrap(), Calendars::new());
    let Ok(header) = read_header(&source) else { return };
    let plan = match plan_tickets(&source, &header, mapping, None, false) {
        Ok(p) => p,
        Err(e) => return well_formed(&message(&e, path), "ticket plan error"),
    };
    for options in [
        TicketOptions { threads: 2, block_size: 512, ..TicketOptions::default() },
        TicketOptions { general_only: true, ..TicketOptions::default() },
        TicketOptions { strict: true, threads: 3, block_size: 300, ..TicketOptions::default() },
    ] {
        match import_tickets(&source, &header, &plan, &engine, &options) {
            Ok(i) => {
                assert!(i.reconciles(), "ticket counts do not reconcile");
                for rule in i.findings.rules().collect::<Vec<_>>() {
                    for f in i.findings.examples(rule) {
                        well_formed(&format!("{} {} {}", f.row, f.column, f.value), "ticket finding");
                    }
                }
            }
            Err(e) => well_formed(&message(&e, path), "ticket error"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn issue_11_fuzz_survey_reader(
        start in prop_oneof![
            3 => Just(0usize),
            1 => Just(1usize),
            1 => Just(2usize),
        ],
        mutations in prop::collection::vec(mutation(), 1..12),
        noise in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let base = match start {
            0 => demo("examples/demo/servqual22-demo.csv", 40),
            1 => demo("examples/demo/servqual22-3col-demo.csv", 40),
            _ => noise,
        };
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "f.csv", mutate(base, &mutations));
        check_survey(&path);
    }

    #[test]
    fn issue_11_fuzz_ticket_reader(
        start in prop_oneof![3 => Just(0usize), 1 => Just(1usize)],
        mutations in prop::collection::vec(mutation(), 1..12),
        noise in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let base = match start {
            0 => demo("examples/kpi/demo-tickets.csv", 60),
            _ => {
                let mut b = b"id,created,solved,channel\n".to_vec();
                b.extend(noise);
                b
            }
        };
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "t.csv", mutate(base, &mutations));
        check_tickets(&path, None);
    }

    #[test]
    fn issue_11_fuzz_event_log_reader(
        mutations in prop::collection::vec(mutation(), 1..12),
        grouped in any::<bool>(),
    ) {
        let mut log = b"case,activity,time,agent\n".to_vec();
        for case in 1..=12u32 {
            for (k, activity) in ["open", "reply", "wait", "solve"].iter().enumerate() {
                log.extend(format!("C{case},{activity},2026-03-{:02}T{:02}:15:00+01:00,a{}\n", 1 + case % 9, 8 + k, case % 3).bytes());
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let mapping_path = write(
            dir.path(),
            "m.toml",
            format!(
                "layout = \"events\"\nevents_grouped = {grouped}\n[columns]\nid = \"case\"\nactivity = \"activity\"\n\
                 timestamp = \"time\"\nresource = \"agent\"\n[activities]\nopen = \"open\"\nreply = \"agent-reply\"\n\
                 wait = \"pending\"\nsolve = \"solved\"\n"
            ),
        );
        let mapping = TicketMapping::load(&mapping_path).unwrap();
        let path = write(dir.path(), "e.csv", mutate(log, &mutations));
        check_tickets(&path, Some(&mapping));
    }
}
