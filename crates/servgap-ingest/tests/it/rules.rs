//! Every rule the reader detects: exact strict-mode messages and non-strict counts.

use servgap_core::servqual::Rule;
use servgap_ingest::{Mapping, ScanOptions};

use crate::util::*;

const LABELS: &str = "[value_labels]\n\"Don't know\" = \"missing\"\n";

/// Writes a file with one good row (row 2) and `edit` applied to row 3; checks
/// the strict message and the non-strict count of `rule`.
#[track_caller]
fn check(edit: &dyn Fn(&mut Vec<String>), rule: Rule, column: &str, value: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = good_row(2);
    edit(&mut bad);
    let path = write(dir.path(), "survey.csv", join(&[header(), good_row(1), bad], ","));
    let mapping = Mapping::parse(LABELS, "labels.toml".as_ref()).unwrap();

    let err = scan_with(&path, &sq(), Some(&mapping), &strict()).unwrap_err();
    let expected = format!(
        "{}: row 3, column `{column}`: value `{value}` breaks rule {} ({})",
        path.display(),
        rule.id(),
        rule.requirement()
    );
    assert_eq!(err.to_string(), expected);

    let lenient = scan_with(&path, &sq(), Some(&mapping), &ScanOptions::default()).unwrap();
    assert_eq!(lenient.rows, 2);
    assert_eq!(lenient.total.respondents(), 2);
    assert_eq!(lenient.findings.count(rule), 1, "{rule:?} in {:?}", lenient.findings);
    let sample = &lenient.findings.samples(rule)[0];
    assert_eq!(sample.row, 3);
    assert_eq!(sample.value, value);
}

fn set(name: &'static str, value: &'static str) -> impl Fn(&mut Vec<String>) {
    move |row: &mut Vec<String>| row[col(name)] = value.to_owned()
}

#[test]
fn not_a_number() {
    check(&set("E3", "x"), Rule::NotANumber, "E3", "x");
    check(&set("imp_assurance", "lots"), Rule::NotANumber, "imp_assurance", "lots");
    check(&set("overall", "good"), Rule::NotANumber, "overall", "good");
}

#[test]
fn out_of_scale() {
    check(&set("P5", "9"), Rule::OutOfScale, "P5", "9");
    check(&set("P5", "0"), Rule::OutOfScale, "P5", "0");
    check(&set("E7", "4.5"), Rule::OutOfScale, "E7", "4.5");
    check(&set("imp_empathy", "12.5"), Rule::OutOfScale, "imp_empathy", "12.5");
    check(&set("imp_empathy", "101"), Rule::OutOfScale, "imp_empathy", "101");
    check(&set("overall", "8"), Rule::OutOfScale, "overall", "8");
}

#[test]
fn blank() {
    check(&set("E1", ""), Rule::Blank, "E1", "");
    check(&set("P22", "  "), Rule::Blank, "P22", "");
}

#[test]
fn issue_11_short_and_long_rows_are_rejected_as_field_count_not_shifted() {
    let dir = tempfile::tempdir().unwrap();
    let mut short = good_row(2);
    short.truncate(col("P21"));
    // An unquoted decimal comma adds a field: every later value would move one column along.
    let mut long = good_row(3);
    long[col("E5")] = "4,0".to_owned();
    let path = write(dir.path(), "short.csv", join(&[header(), good_row(1), short, long, good_row(4)], ","));
    let scan = scan_with(&path, &sq(), None, &ScanOptions::default()).unwrap();
    assert_eq!((scan.rows, scan.rejected, scan.total.respondents()), (4, 2, 2));
    assert!(scan.reconciles());
    assert_eq!(scan.findings.count(Rule::FieldCount), 2);
    assert_eq!(scan.findings.count(Rule::Blank), 0, "a rejected row's cells are not judged");
    let values: Vec<_> =
        scan.findings.samples(Rule::FieldCount).iter().map(|f| (f.row, f.value.clone())).collect();
    assert_eq!(
        values,
        [
            (3, "43 fields where the header has 51".to_owned()),
            (4, "52 fields where the header has 51".to_owned())
        ]
    );
    let err = scan_with(&path, &sq(), None, &strict()).unwrap_err().to_string();
    assert!(
        err.ends_with(
            "row 3, column `(whole response)`: value `43 fields where the header has 51` breaks rule field-count \
             (every row must have as many fields as the header)"
        ),
        "{err}"
    );
}

#[test]
fn incomplete_pair() {
    check(&set("P2", "Don't know"), Rule::IncompletePair, "E2, P2", "E=4, P=blank");
}

#[test]
fn importance_rules() {
    check(
        &set("imp_tangibles", "40"),
        Rule::ImportanceSum,
        "imp_tangibles, imp_reliability, imp_responsiveness, imp_assurance, imp_empathy",
        "128",
    );
    check(
        &set("imp_empathy", ""),
        Rule::ImportanceInvalid,
        "imp_tangibles, imp_reliability, imp_responsiveness, imp_assurance, imp_empathy",
        "12, 28, 20, 20, blank",
    );
}

#[test]
fn straight_lining() {
    let all_e = |row: &mut Vec<String>| {
        for i in 1..=22 {
            row[col(&format!("E{i}"))] = "4".to_owned();
        }
    };
    check(&all_e, Rule::StraightLining, "all E columns", "4");
}

#[test]
fn empty_response() {
    let nothing = |row: &mut Vec<String>| {
        for c in col("E1")..=col("P22") {
            row[c] = "don't know".to_owned();
        }
    };
    check(&nothing, Rule::EmptyResponse, "(whole response)", "");
}

#[test]
fn failed_strict_scan_returns_nothing_and_lenient_scan_keeps_the_good_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![header()];
    rows.extend((1..=50).map(good_row));
    rows[40][col("E9")] = "seven".to_owned();
    let path = write(dir.path(), "s.csv", join(&rows, ","));
    let result = scan_with(&path, &sq(), None, &strict());
    assert!(matches!(result, Err(servgap_ingest::IngestError::Rejected { row: 41, .. })), "{result:?}");
    let lenient = scan_with(&path, &sq(), None, &ScanOptions::default()).unwrap();
    assert_eq!(
        (
            lenient.rows,
            lenient.findings.count(Rule::NotANumber),
            lenient.findings.count(Rule::IncompletePair)
        ),
        (50, 1, 1)
    );
}
