use std::path::Path;

use servgap_core::builtin;
use servgap_core::instrument::{Format, Scale};

use super::*;

/// Describes a slot as the tables below write it: `1 E`, `imp:tangibles`, `overall`, `id`.
fn name(instrument: &Instrument, slot: Slot) -> String {
    match slot {
        Slot::Rating { item, battery } => format!("{} {}", instrument.items()[item].id, battery.code()),
        Slot::Importance { dimension } => format!("imp:{}", instrument.dimensions()[dimension].id),
        Slot::Overall => "overall".to_owned(),
        Slot::Id => "id".to_owned(),
        Slot::Segment => "segment".to_owned(),
    }
}

/// `expected` has one entry per header: the slot it fills, or `None` when ignored.
#[track_caller]
fn check_with(instrument: &Instrument, headers: &[&str], expected: &[Option<&str>]) {
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    let detection = detect_columns(&headers, instrument, Path::new("t.csv")).unwrap();
    let got: Vec<Option<String>> = (0..headers.len())
        .map(|c| detection.matches.iter().find(|m| m.column == c).map(|m| name(instrument, m.slot)))
        .collect();
    let expected: Vec<Option<String>> = expected.iter().map(|e| e.map(str::to_owned)).collect();
    assert_eq!(got, expected, "headers {headers:?}");
    let ignored: Vec<usize> = detection.ignored.iter().map(|(c, _)| *c).collect();
    let unmatched: Vec<usize> = (0..headers.len()).filter(|c| got[*c].is_none()).collect();
    assert_eq!(ignored, unmatched);
}

#[track_caller]
fn check(headers: &[&str], expected: &[Option<&str>]) {
    check_with(&builtin::servqual22(), headers, expected);
}

fn three_column() -> Instrument {
    builtin::servqual22().with_format(Format::ThreeColumn, Scale::nine_point())
}

#[test]
fn battery_prefix_forms() {
    check(&["E1", "P1", "E22", "P22"], &[Some("1 E"), Some("1 P"), Some("22 E"), Some("22 P")]);
    check(&["e_1", "p_1"], &[Some("1 E"), Some("1 P")]);
    check(&["E01", "P01", "e-02", "p 02"], &[Some("1 E"), Some("1 P"), Some("2 E"), Some("2 P")]);
    check(&["exp1", "perc1"], &[Some("1 E"), Some("1 P")]);
    check(&["expectation_1", "perception_1"], &[Some("1 E"), Some("1 P")]);
    check(&["Expectation 3", "Perception 3"], &[Some("3 E"), Some("3 P")]);
}

#[test]
fn item_then_battery_forms() {
    check(&["Q1_E", "Q1_P", "q2e", "q2p"], &[Some("1 E"), Some("1 P"), Some("2 E"), Some("2 P")]);
    check(&["item3_exp", "item3_perc"], &[Some("3 E"), Some("3 P")]);
}

#[test]
fn limesurvey_dual_scale() {
    check(
        &["id", "Q1[SQ001][1]", "Q1[SQ001][2]", "Q1[SQ022][2]"],
        &[Some("id"), Some("1 E"), Some("1 P"), Some("22 P")],
    );
    check(&["Q1_SQ001_0", "Q1_SQ001_1", "Q1_SQ010_1"], &[Some("1 E"), Some("1 P"), Some("10 P")]);
    check(&["E[SQ005]", "P[SQ005]", "E_SQ006"], &[Some("5 E"), Some("5 P"), Some("6 E")]);
}

#[test]
fn three_column_forms() {
    let i = three_column();
    check_with(&i, &["min1", "des1", "per1"], &[Some("1 A"), Some("1 D"), Some("1 P")]);
    check_with(&i, &["A2", "D2", "P2"], &[Some("2 A"), Some("2 D"), Some("2 P")]);
    check_with(&i, &["E1"], &[None]);
}

#[test]
fn importance_overall_and_id() {
    check(
        &["imp_tangibles", "importance_reliability", "points_responsiveness", "IMP-Assurance", "imp5"],
        &[
            Some("imp:tangibles"),
            Some("imp:reliability"),
            Some("imp:responsiveness"),
            Some("imp:assurance"),
            Some("imp:empathy"),
        ],
    );
    check(&["overall"], &[Some("overall")]);
    check(&["Overall_Sat"], &[Some("overall")]);
    check(&["satisfaction"], &[Some("overall")]);
    check(&["Response ID", "E1"], &[Some("id"), Some("1 E")]);
    check(&["ResponseId"], &[Some("id")]);
}

#[test]
fn unrelated_columns_are_ignored() {
    check(
        &["Timestamp", "Email Address", "E23", "P0", "age", "s1", "Q5_1", ""],
        &[None, None, None, None, None, None, None, None],
    );
}

#[test]
fn two_columns_for_one_slot_is_an_error_naming_both() {
    let headers = vec!["E1".to_owned(), "e_01".to_owned()];
    let err = detect_columns(&headers, &builtin::servqual22(), Path::new("s.csv")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "s.csv: columns `E1` and `e_01` both match item 1 E; name one of them in a mapping file"
    );
}

#[test]
fn reasons_and_missing_slots() {
    let headers = vec!["E1".to_owned(), "P1".to_owned(), "junk".to_owned()];
    let sq = builtin::servqual22();
    let detection = detect_columns(&headers, &sq, Path::new("s.csv")).unwrap();
    assert!(
        detection.matches[0].reason.starts_with("E1 matched pattern `E<item>`"),
        "{}",
        detection.matches[0].reason
    );
    assert_eq!(detection.ignored, vec![(2, "junk".to_owned())]);
    // 44 ratings − 2 found + 5 importance + overall.
    assert_eq!(detection.missing.len(), 42 + 5 + 1);
}
