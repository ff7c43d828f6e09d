//! One stored analysis renders in English and in Polish from the same view model
//! (issue 16, item 2): the view model is language-free and survives a JSON round trip.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use servgap_core::servqual::{AnalysisOptions, Coverage, Respondent, SurveyPartials};
use servgap_report::{
    render_html, render_json, render_markdown, render_text, AnalysisReport, InputSummary, Lang,
};

/// Twelve respondents of SERVQUAL-22 with gaps of −2 to 0.
fn stored_report() -> String {
    let instrument = servgap_core::builtin::servqual22();
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    for j in 0..12_i16 {
        let ratings: Vec<Option<i16>> = (0..22_i16).flat_map(|i| [Some(6), Some(4 + (i + j) % 3)]).collect();
        partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    }
    let analysis = partials.finish(&AnalysisOptions::default());
    let input = InputSummary { file: "wave1.csv".to_owned(), rows: 12, ..InputSummary::default() };
    render_json(&AnalysisReport::new(&instrument, &analysis, input)).unwrap()
}

#[test]
fn issue_16_one_stored_analysis_renders_in_english_and_polish() {
    let json = stored_report();
    let report: AnalysisReport = serde_json::from_str(&json).expect("the view model deserialises");
    assert_eq!(render_json(&report).unwrap(), json, "the round trip is exact");
    assert_eq!(report.schema, "servgap.analysis/2");

    let english = render_html(&report, Lang::En);
    let polish = render_html(&report, Lang::Pl);
    assert!(english.contains("<html lang=\"en\">") && polish.contains("<html lang=\"pl\">"));
    for (page, mine, other) in
        [(&english, "Reliability", "Niezawodność"), (&polish, "Niezawodność", "Reliability")]
    {
        assert!(page.contains(mine), "dimension name in the page's language");
        assert!(!page.contains(other), "no dimension name of the other language");
    }
    let item_en = report.items[0].texts.get("en").unwrap();
    let item_pl = report.items[0].texts.get("pl").unwrap();
    assert_ne!(item_en, item_pl);
    assert!(english.contains(item_en) && !english.contains(item_pl));
    assert!(polish.contains(item_pl) && !polish.contains(item_en));

    let md_pl = render_markdown(&report, Lang::Pl);
    assert!(md_pl.contains("Niezawodność") && !md_pl.contains("| Reliability"), "{md_pl}");
    assert!(render_text(&report, Lang::En).contains("Reliability"));
    assert_eq!(render_html(&report, Lang::Pl), polish, "deterministic");
}

#[test]
fn issue_16_the_header_shows_the_file_name_and_the_path_only_on_request() {
    let mut report: AnalysisReport = serde_json::from_str(&stored_report()).unwrap();
    let html = render_html(&report, Lang::En);
    assert!(html.contains("wave1.csv"));
    report.input.path = Some("/clients/acme/secret/wave1.csv".to_owned());
    assert!(render_html(&report, Lang::En).contains("/clients/acme/secret/wave1.csv"));
    assert!(render_text(&report, Lang::En).contains("/clients/acme/secret/wave1.csv"));
}
