//! `ColumnPlan::with_segment_column` (`servgap analyze --by`, issue 3 item 4).

use std::path::Path;

use super::*;
use crate::detect::detect_columns;

fn plan_for(headers: &[&str]) -> ColumnPlan {
    let instrument = servgap_core::builtin::servqual22();
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    let detection = detect_columns(&headers, &instrument, Path::new("t.csv")).unwrap();
    ColumnPlan::from_detection(headers, detection, &instrument, Path::new("t.csv")).unwrap()
}

fn servqual_headers(extra: &[&'static str]) -> Vec<String> {
    let mut h: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
    h.extend((1..=22).map(|i| format!("E{i}")));
    h.extend((1..=22).map(|i| format!("P{i}")));
    h
}

#[test]
fn segment_column_by_name() {
    let headers = servqual_headers(&["respondent", "Branch", "channel"]);
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let plan = plan_for(&refs);
    assert_eq!(plan.segment_column(), None);
    assert!(plan.detection().ignored.iter().any(|(i, _)| *i == 1));
    let plan = plan.with_segment_column("branch", Path::new("t.csv")).unwrap();
    assert_eq!(plan.segment_column(), Some("Branch"), "case-insensitive, like mapping names");
    assert_eq!(plan.slots[1], Some(Slot::Segment));
    assert!(!plan.detection().ignored.iter().any(|(i, _)| *i == 1));
    // Another --by replaces it; `#n` counts from 1.
    let plan = plan.with_segment_column("#3", Path::new("t.csv")).unwrap();
    assert_eq!(plan.segment_column(), Some("channel"));
    assert_eq!(plan.slots[1], None);
    assert_eq!(plan.detection().matches.iter().filter(|m| m.slot == Slot::Segment).count(), 1);
}

#[test]
fn segment_column_errors() {
    let headers = servqual_headers(&["branch"]);
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let missing = plan_for(&refs).with_segment_column("region", Path::new("t.csv")).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "t.csv: cannot segment by `region`: no column of that name in the header; \
         columns the instrument does not use: branch"
    );
    let rating = plan_for(&refs).with_segment_column("E1", Path::new("t.csv")).unwrap_err();
    assert!(
        rating.to_string().starts_with("t.csv: cannot segment by `E1`: the column is already used"),
        "{rating}"
    );
}

#[test]
fn issue_16_by_id_names_the_respondent_id_column_and_the_candidates() {
    let headers = servqual_headers(&["respondent", "branch"]);
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let plan = plan_for(&refs);
    assert_eq!(plan.id, Some(0), "`respondent` is detected as the respondent id");
    let by_id = plan.clone().with_segment_column("id", Path::new("t.csv")).unwrap_err();
    assert_eq!(
        by_id.to_string(),
        "t.csv: cannot segment by `id`: no column of that name in the header; the respondent id is column \
         `respondent` (--by respondent segments by it); columns the instrument does not use: branch"
    );
    // Naming the id column itself is explicit: it becomes the segment column.
    let by_respondent = plan.with_segment_column("respondent", Path::new("t.csv")).unwrap();
    assert_eq!(by_respondent.segment_column(), Some("respondent"));
    assert_eq!((by_respondent.id, by_respondent.slots[0]), (None, Some(Slot::Segment)));
    let matched = by_respondent.detection().matches.iter().find(|m| m.column == 0).unwrap();
    assert_eq!(matched.reason, "respondent named by --by (instead of the respondent id)");
}
