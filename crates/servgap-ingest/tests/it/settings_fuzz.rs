//! Issue 11: a mutation fuzzer for every TOML settings format (instrument, survey
//! mapping, ticket mapping, calendar, targets), run by `cargo test`.
//!
//! Seeds are the example files under `examples/` and the TOML snippets of the format
//! documents under `docs/`. Each case applies a few mutations (byte flips, truncation,
//! line and key swaps, values of the wrong type, huge numbers, deep nesting, long
//! values, control characters), then parses the text and loads it from a file. The
//! properties: nothing panics, and every error names the file and stays short.
//!
//! `SERVGAP_FUZZ_CASES` sets the number of cases per format (default 48).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use servgap_ingest::instrument_file::{load_instrument, parse_instrument};
use servgap_ingest::tickets::{CalendarFile, TargetsFile, TicketMapping};
use servgap_ingest::Mapping;

/// Longest error message accepted (characters), on top of the file name.
const MAX_ERROR_CHARS: usize = 1500;

fn cases() -> u32 {
    std::env::var("SERVGAP_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

fn config() -> Config {
    Config { cases: cases(), failure_persistence: None, ..Config::default() }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The TOML blocks of a Markdown document.
fn toml_blocks(doc: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("docs").join(doc)).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```toml") => current = Some(String::new()),
            (Some(_), l) if l.starts_with("```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

fn files(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| std::fs::read_to_string(repo().join(p)).unwrap()).collect()
}

fn dir_files(dir: &str) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// One mutation; positions are taken modulo the text's length.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    Truncate(usize),
    SwapLines(usize, usize),
    SwapKeys(usize, usize),
    ReplaceValue(usize, String),
    InsertLine(usize, String),
    DuplicateLine(usize),
    Nest(usize, usize, bool),
}

fn odd_value() -> impl Strategy<Value = String> {
    let fixed: Vec<&'static str> = vec![
        "1e308",
        "-1e308",
        "-1",
        "0",
        "-0.0",
        "nan",
        "inf",
        "-inf",
        "\"\"",
        "\"85\"",
        "\"150%\"",
        "\"-5%\"",
        "\"1e308h\"",
        "\"99999999999999999999999d\"",
        "99999999999999999999999",
        "9223372036854775807",
        "-9223372036854775808",
        "[]",
        "{}",
        "[1, \"a\", []]",
        "true",
        "1979-05-27T07:32:00Z",
        "2026-12-25",
        "07:32:00",
        "\"2026-12-25T10:00\"",
        "\"/dev/zero\"",
        "\"\\u0000\\r\\n\\u001b[31m\"",
        "\"\\\"\"",
        "\"%Q %J\"",
        "\"00:00-24:00\"",
        "\"Mars/Base\"",
    ];
    prop_oneof![
        4 => proptest::sample::select(fixed).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 %:._-]{0,16}".prop_map(|s| format!("\"{s}\"")),
        1 => (1usize..200_000).prop_map(|n| format!("\"{}\"", "x".repeat(n))),
    ]
}

fn odd_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,12}".prop_map(|k| format!("{k} = 1")),
        Just("[[sla]]".to_owned()),
        Just("[[target]]".to_owned()),
        Just("[teams.x]".to_owned()),
        Just("[items.01]".to_owned()),
        Just("[columns]".to_owned()),
        Just("[activities]".to_owned()),
        Just("[[item]]".to_owned()),
        Just("[[dimension]]".to_owned()),
        (1usize..100_000).prop_map(|n| format!("{} = 1", "k".repeat(n))),
        Just("\u{feff}".to_owned()),
        Just("a.b.c.d = 1".to_owned()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::FlipByte(p, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapKeys(a, b)),
        3 => (any::<usize>(), odd_value()).prop_map(|(p, v)| Mutation::ReplaceValue(p, v)),
        1 => (any::<usize>(), odd_line()).prop_map(|(p, l)| Mutation::InsertLine(p, l)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), 1usize..5000, any::<bool>()).prop_map(|(p, d, a)| Mutation::Nest(p, d, a)),
    ]
}

/// Lines of `bytes`, each without its `\n`.
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn unlines(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

/// `key = value` lines: the index of `=` in each line that has one.
fn assignments(lines: &[Vec<u8>]) -> Vec<(usize, usize)> {
    lines.iter().enumerate().filter_map(|(i, l)| l.iter().position(|&b| b == b'=').map(|e| (i, e))).collect()
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    match m {
        Mutation::FlipByte(p, b) if !bytes.is_empty() => {
            let i = p % bytes.len();
            bytes[i] ^= b | 1;
            bytes
        }
        Mutation::Truncate(p) => {
            bytes.truncate(p % (bytes.len() + 1));
            bytes
        }
        Mutation::SwapLines(a, b) => {
            let mut ls = lines(&bytes);
            let n = ls.len();
            ls.swap(a % n, b % n);
            unlines(&ls)
        }
        Mutation::SwapKeys(a, b) => {
            let mut ls = lines(&bytes);
            let eq = assignments(&ls);
            if eq.len() < 2 {
                return bytes;
            }
            let ((la, ea), (lb, eb)) = (eq[a % eq.len()], eq[b % eq.len()]);
            let (ka, kb) = (ls[la][..ea].to_vec(), ls[lb][..eb].to_vec());
            ls[la].splice(..ea, kb);
            ls[lb].splice(..eb, ka);
            unlines(&ls)
        }
        Mutation::ReplaceValue(p, v) => {
            let mut ls = lines(&bytes);
            let eq = assignments(&ls);
            if eq.is_empty() {
                return bytes;
            }
            let (l, e) = eq[p % eq.len()];
            ls[l].truncate(e + 1);
            ls[l].push(b' ');
            ls[l].extend_from_slice(v.as_bytes());
            unlines(&ls)
        }
        Mutation::InsertLine(p, text) => {
            let mut ls = lines(&bytes);
            ls.insert(p % (ls.len() + 1), text.as_bytes().to_vec());
            unlines(&ls)
        }
        Mutation::DuplicateLine(p) => {
            let mut ls = lines(&bytes);
            let i = p % ls.len();
            let copy = ls[i].clone();
            ls.insert(i, copy);
            unlines(&ls)
        }
        Mutation::Nest(p, depth, array) => {
            let (open, close) = if *array { ("[", "]") } else { ("{ a = ", " }") };
            let value = format!("{}1{}", open.repeat(*depth), close.repeat(*depth));
            apply(bytes, &Mutation::ReplaceValue(*p, value))
        }
        Mutation::FlipByte(..) => bytes,
    }
}

/// A settings format: parse from text, and load from a file.
struct Format {
    name: &'static str,
    seeds: Vec<String>,
    parse: fn(&str, &Path) -> Result<(), String>,
    load: fn(&Path) -> Result<(), String>,
}

fn chain(e: &dyn std::error::Error) -> String {
    match e.source() {
        Some(s) => format!("{e}: {s}"),
        None => e.to_string(),
    }
}

fn formats() -> Vec<Format> {
    let mut instruments = dir_files("examples/instruments");
    instruments.extend(toml_blocks("instrument-format.md"));
    let mut surveys = dir_files("examples/mappings");
    surveys.extend(toml_blocks("mapping-format.md"));
    let mut tickets = dir_files("examples/kpi/mappings");
    tickets.extend(toml_blocks("kpi-mapping-format.md"));
    let mut calendars = files(&["examples/kpi/calendar.toml"]);
    calendars.extend(toml_blocks("calendar-format.md"));
    let mut targets = files(&["examples/kpi/targets.toml"]);
    targets.extend(toml_blocks("targets-format.md"));
    vec![
        Format {
            name: "instrument",
            seeds: instruments,
            parse: |t, p| parse_instrument(t, &p.display().to_string()).map(drop).map_err(|e| chain(&e)),
            load: |p| load_instrument(p).map(drop).map_err(|e| chain(&e)),
        },
        Format {
            name: "survey mapping",
            seeds: surveys,
            parse: |t, p| Mapping::parse(t, p).map(drop).map_err(|e| chain(&e)),
            load: |p| Mapping::load(p).map(drop).map_err(|e| chain(&e)),
        },
        Format {
            name: "ticket mapping",
            seeds: tickets,
            parse: |t, p| TicketMapping::parse(t, p).map(drop).map_err(|e| chain(&e)),
            load: |p| TicketMapping::load(p).map(drop).map_err(|e| chain(&e)),
        },
        Format {
            name: "calendar",
            seeds: calendars,
            parse: |t, p| CalendarFile::parse(t, p).map(drop).map_err(|e| chain(&e)),
            load: |p| CalendarFile::load(p).map(drop).map_err(|e| chain(&e)),
        },
        Format {
            name: "targets",
            seeds: targets,
            parse: |t, p| TargetsFile::parse(t, p).map(drop).map_err(|e| chain(&e)),
            load: |p| TargetsFile::load(p).map(drop).map_err(|e| chain(&e)),
        },
    ]
}

fn check_error(result: Result<(), String>, file: &Path, format: &str) -> Result<(), TestCaseError> {
    if let Err(message) = result {
        let name = file.display().to_string();
        prop_assert!(message.contains(&name), "{format}: error does not name {name}: {message}");
        let chars = message.chars().count();
        prop_assert!(
            chars <= MAX_ERROR_CHARS + name.chars().count() * 2,
            "{format}: error of {chars} characters: {}",
            message.chars().take(300).collect::<String>()
        );
        prop_assert!(
            !message.contains('\0') && !message.contains('\r'),
            "{format}: raw control character: {message:?}"
        );
    }
    Ok(())
}

fn fuzz(format: &Format) {
    assert!(!format.seeds.is_empty(), "{}: no seeds", format.name);
    for (i, seed) in format.seeds.iter().enumerate() {
        let ok = (format.parse)(seed, Path::new("seed.toml"));
        // Doc snippets may be partial (e.g. one table); examples must load.
        if i == 0 {
            assert!(ok.is_ok(), "{}: the first seed (an example file) does not parse: {ok:?}", format.name);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{}.toml", format.name.replace(' ', "-")));
    let strategy = (0..format.seeds.len(), proptest::collection::vec(mutation(), 1..5));
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&strategy, |(seed, mutations)| {
        let mut bytes = format.seeds[seed].as_bytes().to_vec();
        for m in &mutations {
            bytes = apply(bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        check_error((format.parse)(&text, &file), &file, format.name)?;
        std::fs::write(&file, &bytes).unwrap();
        check_error((format.load)(&file), &file, format.name)?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{}: {e}", format.name);
    }
}

#[test]
fn issue_11_fuzz_instrument_files() {
    fuzz(&formats()[0]);
}

#[test]
fn issue_11_fuzz_survey_mapping_files() {
    fuzz(&formats()[1]);
}

#[test]
fn issue_11_fuzz_ticket_mapping_files() {
    fuzz(&formats()[2]);
}

#[test]
fn issue_11_fuzz_calendar_files() {
    fuzz(&formats()[3]);
}

#[test]
fn issue_11_fuzz_targets_files() {
    fuzz(&formats()[4]);
}

#[test]
fn issue_11_fuzz_mutations_change_the_text() {
    let seed = b"a = 1\nb = \"x\"\n".to_vec();
    assert_eq!(apply(seed.clone(), &Mutation::SwapKeys(0, 1)), b"b = 1\na = \"x\"\n");
    assert_eq!(apply(seed.clone(), &Mutation::ReplaceValue(1, "[]".into())), b"a = 1\nb = []\n");
    assert_eq!(apply(seed.clone(), &Mutation::Nest(0, 2, true)), b"a = [[1]]\nb = \"x\"\n");
    assert_eq!(apply(seed, &Mutation::Truncate(3)), b"a =");
}
