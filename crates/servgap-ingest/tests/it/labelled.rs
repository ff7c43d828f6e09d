//! `for_each_labelled_respondent` (issue 15, panel progress): each respondent's id and unit
//! (segment) together, in file order, with the same respondents as `for_each_respondent`
//! and `for_each_identified_respondent`.

use std::io::Write as _;

use servgap_ingest::{
    for_each_identified_respondent, for_each_labelled_respondent, for_each_respondent, plan, ScanOptions,
    Source,
};

/// A small survey: id, unit, E1..E22, P1..P22; one blank id.
fn survey() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let header: Vec<String> = ["id".to_owned(), "unit".to_owned()]
        .into_iter()
        .chain((1..=22).map(|i| format!("E{i}")))
        .chain((1..=22).map(|i| format!("P{i}")))
        .collect();
    writeln!(file, "{}", header.join(",")).unwrap();
    for (id, unit, answer) in [("a-1", "warsaw", 5), ("", "krakow", 4), (" b-2 ", " gdansk ", 6)] {
        let answers = vec![answer.to_string(); 44].join(",");
        writeln!(file, "{id},{unit},{answers}").unwrap();
    }
    file
}

#[test]
fn issue_15_labelled_visitor_gives_id_and_unit_together() {
    let file = survey();
    let instrument = servgap_core::builtin::servqual22();
    let source = Source::new(file.path());
    let plan = plan(&source, &instrument, None).unwrap().with_segment_column("unit", file.path()).unwrap();
    let options = ScanOptions::default();
    let mut seen = Vec::new();
    let labelled =
        for_each_labelled_respondent(&source, &instrument, &plan, &options, &mut |row, labels, r| {
            seen.push((row, labels.id.map(str::to_owned), labels.segment.map(str::to_owned), r.ratings[0]));
        })
        .unwrap();
    let text = |s: &str| Some(s.to_owned());
    assert_eq!(
        seen,
        vec![
            (2, text("a-1"), text("warsaw"), Some(5)),
            (3, text(""), text("krakow"), Some(4)),
            (4, text("b-2"), text("gdansk"), Some(6)),
        ]
    );
    // The older visitors see the same respondents: one the ids, the other the segments.
    let mut ids = Vec::new();
    let identified =
        for_each_identified_respondent(&source, &instrument, &plan, &options, &mut |_, id, _| {
            ids.push(id.map(str::to_owned));
        })
        .unwrap();
    assert_eq!(ids, vec![text("a-1"), text(""), text("b-2")]);
    let mut segments = Vec::new();
    let plain = for_each_respondent(&source, &instrument, &plan, &options, &mut |_, segment, _| {
        segments.push(segment.map(str::to_owned));
    })
    .unwrap();
    assert_eq!(segments, vec![text("warsaw"), text("krakow"), text("gdansk")]);
    assert_eq!(labelled, identified);
    assert_eq!(labelled, plain);
}
