//! The segment and wave views: field names and deterministic output (issue 3, items 4 and 5).

use std::collections::BTreeMap;

use servgap_core::servqual::{
    AnalysisOptions, Coverage, Respondent, SegmentComparison, SurveyPartials, WaveComparison,
};

use super::*;
use crate::i18n::Lang;
use crate::model::{SegmentsView, WaveInputView, COMPARE_SCHEMA};
use crate::render::segments_text::{render_segments_markdown, render_segments_text};

fn wave(perceptions: &[i16]) -> SurveyPartials {
    let instrument = servgap_core::builtin::servqual22();
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    for (j, &p) in perceptions.iter().enumerate() {
        let ratings: Vec<Option<i16>> =
            (0..22).flat_map(|i| [Some(6), Some((p + ((i + j) % 2) as i16).min(7))]).collect();
        partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    }
    partials
}

fn input(file: &str) -> WaveInputView {
    WaveInputView { file: file.to_owned(), path: None, rows: 4, findings: Vec::new() }
}

#[test]
fn wave_report_json_and_text() {
    let instrument = servgap_core::builtin::servqual22();
    let cmp =
        WaveComparison::new(&wave(&[3, 4, 3, 4]), &wave(&[5, 6, 5, 6]), &AnalysisOptions::default()).unwrap();
    let report = WaveReport::new(&instrument, &cmp, vec![input("a.csv"), input("b.csv")]);
    let json = render_waves_json(&report).unwrap();
    assert_eq!(json, render_waves_json(&report).unwrap(), "deterministic");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["schema"], COMPARE_SCHEMA);
    assert_eq!(value["items"].as_array().unwrap().len(), 22);
    assert_eq!(value["dimensions"][1]["id"], "reliability");
    assert_eq!(value["dimensions"][1]["verdict"], "improved");
    assert_eq!(value["overall"][0]["measure"], "gap");
    assert_eq!(value["overall"][0]["before"]["batteries"][1]["battery"], "P");
    let text = render_waves_text(&report, Lang::En);
    assert!(text.contains("Dimensions") && text.contains("improved"), "{text}");
    assert!(text.contains("Reliability"), "dimension rows by display name: {text}");
    assert!(!text.contains("P - X") && !text.contains("P − X"), "X is named: {text}");
    assert!(render_waves_markdown(&report, Lang::En).contains("| Dimension | n before |"));
    let polish = render_waves_text(&report, Lang::Pl);
    assert!(polish.contains("Wymiary") && polish.contains("Niezawodność"), "{polish}");
}

#[test]
fn issue_12_every_printer_labels_unadjusted_numbers_beside_the_verdict() {
    let instrument = servgap_core::builtin::servqual22();
    let cmp =
        WaveComparison::new(&wave(&[3, 4, 3, 4]), &wave(&[5, 6, 5, 6]), &AnalysisOptions::default()).unwrap();
    let report = WaveReport::new(&instrument, &cmp, vec![input("a.csv"), input("b.csv")]);
    let value: serde_json::Value = serde_json::from_str(&render_waves_json(&report).unwrap()).unwrap();
    let item = &value["items"][0];
    for field in ["p_unadjusted", "ci_unadjusted", "p_holm", "ci_simultaneous"] {
        assert!(!item[field].is_null(), "{field}: {item}");
    }
    assert_eq!(item["family"], "items");
    let tested = value["items"].as_array().unwrap().iter().filter(|c| !c["p_holm"].is_null()).count();
    assert_eq!(value["method"]["families"][0]["tests"], tested as u64);
    assert_eq!(value["method"]["families"][1]["tests"], 6);
    assert_eq!(value["contrasts"][0]["kind"], "consecutive");
    let text = render_waves_text(&report, Lang::En);
    let markdown = render_waves_markdown(&report, Lang::En);
    let html = crate::render_waves_html(&report, Lang::En);
    for out in [&text, &markdown, &html] {
        assert!(out.contains("(unadjusted)") && out.contains("p (Holm)"), "{out}");
        assert!(out.contains("(simultaneous)") && out.contains(&format!("{tested} item changes")), "{out}");
    }
    let polish = render_waves_text(&report, Lang::Pl);
    assert!(polish.contains("(bez korekty)") && polish.contains("(równoczesny)"), "{polish}");
}

#[test]
fn issue_12_three_waves_show_the_trend_and_every_contrast() {
    let instrument = servgap_core::builtin::servqual22();
    let waves = [wave(&[3, 4, 3, 4]), wave(&[4, 5, 4, 5]), wave(&[5, 6, 5, 6])];
    let refs: Vec<&SurveyPartials> = waves.iter().collect();
    let cmp = WaveComparison::series(&refs, &AnalysisOptions::default()).unwrap();
    let report = WaveReport::new(&instrument, &cmp, vec![input("a.csv"), input("b.csv"), input("c.csv")]);
    assert_eq!(report.contrasts.len(), 3);
    assert_eq!(report.contrasts[2].kind, "from-first");
    assert_eq!(report.items.len(), 3 * 22);
    assert_eq!(report.trend.len(), 22 + 5 + 1);
    assert!(report.trend[22].waves.iter().all(|w| w.ci.is_some()), "dimension CIs per wave");
    let text = render_waves_text(&report, Lang::En);
    for needle in
        ["Trend over the waves", "Wave 1 → Wave 2", "Wave 2 → Wave 3", "Wave 1 → Wave 3", "Wave 3: c.csv"]
    {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let html = crate::render_waves_html(&report, Lang::Pl);
    assert!(html.contains("id=\"chart-waves-series-gap\"") && html.contains("Fala 1 → Fala 3"), "{html}");
    let figures = crate::render::waves_html::wave_figures(&report, Lang::En);
    let ids: Vec<&str> = figures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["chart-waves-series-gap", "chart-waves-gap", "chart-waves-batteries"]);
}

#[test]
fn segments_view_json_and_text() {
    let instrument = servgap_core::builtin::servqual22();
    let segments: BTreeMap<String, SurveyPartials> = [
        ("a".to_owned(), wave(&[3, 4, 3, 4])),
        ("b".to_owned(), wave(&[5, 6, 5])),
        ("c".to_owned(), wave(&[2])),
    ]
    .into_iter()
    .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let view = SegmentsView::new(&instrument, &cmp, "branch");
    let value = serde_json::to_value(&view).unwrap();
    assert_eq!(value["segments"].as_array().unwrap().len(), 3);
    assert_eq!(value["tests"].as_array().unwrap().len(), 6, "five dimensions and overall");
    assert_eq!(value["tests"][0]["groups"][2]["tested"], false);
    assert!(value["tests"][0]["welch_anova"]["p"].is_number());
    assert_eq!(value["chart"][0]["points"].as_array().unwrap().len(), 3);
    let text = render_segments_text(&view, Lang::En);
    assert!(text.contains("Segments: branch") && text.contains("not tested"), "{text}");
    assert!(text.contains("Reliability") && !text.contains("\n  reliability "), "names, not ids: {text}");
    assert!(render_segments_markdown(&view, Lang::En).contains("| Dimension |"));
}
