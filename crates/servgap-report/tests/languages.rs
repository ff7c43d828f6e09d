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
    assert_eq!(report.schema, "servgap.analysis/3");

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

/// SERVQUAL-22 with `n` respondents: gaps −3 and −2 alternating, equal importance points.
fn report_of(n: i16) -> AnalysisReport {
    let instrument = servgap_core::builtin::servqual22();
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    let importance = [Some(20); 5];
    let points: &[Option<i32>] = if instrument.has_importance() { &importance } else { &[] };
    for j in 0..n {
        let ratings: Vec<Option<i16>> = (0..22_i16).flat_map(|i| [Some(7), Some(4 + (i + j) % 2)]).collect();
        partials.add(&Respondent { ratings: &ratings, importance: points, overall: None });
    }
    let analysis = partials.finish(&AnalysisOptions::default());
    let input = InputSummary { file: "w.csv".to_owned(), rows: n as u64, ..InputSummary::default() };
    AnalysisReport::new(&instrument, &analysis, input)
}

/// Issue 12 item 6: at n = 2 alpha and r_DD are left out with the reason, in every format.
#[test]
fn issue_12_suppressed_statistics_say_why_in_every_format() {
    let report = report_of(2);
    let json = render_json(&report).unwrap();
    assert!(json.contains("too-few-respondents"), "the JSON names the reason");
    assert!(report.dimensions.iter().all(|d| d.reliability.iter().all(|r| r.alpha.is_none())));
    for (page, words) in [
        (render_text(&report, Lang::En), "not reported: n = 2, needs at least 3"),
        (render_markdown(&report, Lang::En), "not reported: n = 2, needs at least 3"),
        (render_html(&report, Lang::En), "not reported: n = 2, needs at least 3"),
        (render_text(&report, Lang::Pl), "nie podano: n = 2, potrzeba co najmniej 3"),
        (render_html(&report, Lang::Pl), "nie podano: n = 2, potrzeba co najmniej 3"),
    ] {
        assert!(page.contains(words), "missing {words:?}");
    }
}

/// Issue 12 item 6: a p-value that underflows is "< 1e-300" in every printer and carries
/// `p_below` in the JSON; never a bare 0.
#[test]
fn issue_12_underflowing_p_prints_below_the_floor() {
    let report = report_of(1000);
    let t = report.items[0].comparisons[0].t.as_ref().unwrap();
    assert!(t.p < 1e-300, "the data are built to underflow (p = {:e})", t.p);
    assert_eq!(t.p_below, Some(1e-300));
    assert!(render_json(&report).unwrap().contains("\"p_below\": 1e-300"));
    for page in [
        render_text(&report, Lang::En),
        render_markdown(&report, Lang::Pl),
        render_html(&report, Lang::En),
        render_html(&report, Lang::Pl),
    ] {
        assert!(page.contains("1e-300"), "the floor is printed");
        assert!(!page.contains("p = 0.000") && !page.contains("p = 0,000"));
    }
}

/// Issue 12 item 5: stated importance is labelled dimension-level in the JSON, the charts
/// and the page, and its crosshair is the equal share 100 / 5.
#[test]
fn issue_12_stated_importance_is_labelled_dimension_level() {
    let report = report_of(40);
    let ipa = report.ipa.as_ref().expect("an IPA grid");
    assert_eq!((ipa.stated_importance_level.as_str(), ipa.stated_importance_cut), ("dimension", Some(20.0)));
    let stated = report.charts.ipa.iter().find(|s| s.basis == "stated").expect("stated grid");
    assert_eq!(stated.importance_level, "dimension");
    assert!(render_html(&report, Lang::En).contains("Stated importance is dimension-level"));
    assert!(render_html(&report, Lang::Pl).contains("Ważność deklarowana dotyczy wymiarów"));
    assert!(render_text(&report, Lang::En).contains("Stated importance is dimension-level"));
}
