//! The segment detail in every format: item × segment tables with the core's marks,
//! post-hoc pairs with the method named, the heat map (issue 12, item 7).

use std::collections::BTreeMap;

use servgap_core::servqual::{AnalysisOptions, Coverage, Respondent, SegmentComparison, SurveyPartials};

use super::{render_segments_markdown, render_segments_text};
use crate::i18n::Lang;
use crate::model::{AnalysisReport, InputSummary, SegmentsView};
use crate::render::html::render_html;

/// A segment whose respondents have P = E + `shift` (±1 alternating by respondent and item).
fn segment(shift: i16, respondents: usize) -> SurveyPartials {
    let instrument = servgap_core::builtin::servqual22();
    let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    for j in 0..respondents {
        let ratings: Vec<Option<i16>> =
            (0..22).flat_map(|i| [Some(4), Some(4 + shift + ((i + j) % 3) as i16 - 1)]).collect();
        partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    }
    partials
}

/// Branches `down` (gap ≈ −2), `level` (≈ 0) and `up` (≈ +1), 12 respondents each.
fn view() -> (SegmentComparison, SegmentsView) {
    let instrument = servgap_core::builtin::servqual22();
    let segments: BTreeMap<String, SurveyPartials> =
        [("down", segment(-2, 12)), ("level", segment(0, 12)), ("up", segment(1, 12))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let view = SegmentsView::new(&instrument, &cmp, "branch");
    (cmp, view)
}

#[test]
fn issue_12_segment_json_carries_marks_and_pairs() {
    let (cmp, view) = view();
    let value = serde_json::to_value(&view).unwrap();
    assert_eq!(value["items"].as_array().unwrap().len(), 22);
    assert_eq!(value["items"][0]["dimension"], "tangibles");
    assert_eq!(value["max_posthoc_segments"], 20);
    assert_eq!(value["segments"][0]["items"][0]["comparisons"][0]["mark"], "shortfall");
    assert_eq!(value["segments"][2]["items"][0]["comparisons"][0]["mark"], "surplus");
    let test = &value["tests"][0];
    assert_eq!(test["games_howell"]["method"], "games-howell");
    assert_eq!(test["games_howell"]["omnibus_rejects"], true);
    assert_eq!(test["dunn"]["method"], "dunn-holm");
    let pairs = test["games_howell"]["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    assert_eq!((pairs[0]["first"].as_str(), pairs[0]["second"].as_str()), (Some("down"), Some("level")));
    // The view carries the core's numbers and verdicts unchanged.
    let core = cmp.tests[0].games_howell[0];
    assert_eq!(pairs[0]["p"].as_f64(), Some(core.p));
    assert_eq!(pairs[0]["differs"], core.p < 0.05);
    assert!(test["dunn"]["pairs"][0]["p_holm"].is_number());
}

#[test]
fn issue_12_segment_text_and_markdown_show_items_and_pairs() {
    let (_, view) = view();
    for lang in [Lang::En, Lang::Pl] {
        let text = render_segments_text(&view, lang);
        let sl = lang.segment_labels();
        assert!(text.contains(sl.h_item_gaps) && text.contains(sl.h_item_detail), "{text}");
        assert!(text.contains(sl.games_howell) && text.contains(sl.dunn_holm), "method named: {text}");
        assert!(text.contains("down – level"), "{text}");
        assert!(text.contains('▼') && text.contains('▲'), "marks: {text}");
        assert!(text.contains(sl.legend_shortfall), "{text}");
    }
    let markdown = render_segments_markdown(&view, Lang::En);
    assert!(markdown.contains("| Item | down | level | up |"), "{markdown}");
    assert!(markdown.contains("| Segment | Item | n | Mean E | Mean P |"), "{markdown}");
}

#[test]
fn issue_12_pairs_are_withheld_where_the_omnibus_test_is_not_significant() {
    let instrument = servgap_core::builtin::servqual22();
    let segments: BTreeMap<String, SurveyPartials> =
        [("a", segment(0, 9)), ("b", segment(0, 10))].into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let view = SegmentsView::new(&instrument, &cmp, "branch");
    assert!(view.tests.iter().all(|t| t.games_howell.pairs.is_empty()));
    let text = render_segments_text(&view, Lang::En);
    assert!(text.contains("No pairwise comparisons for Tangibles"), "{text}");
    let polish = render_segments_text(&view, Lang::Pl);
    assert!(polish.contains("Brak porównań parami dla"), "{polish}");
}

#[test]
fn issue_12_html_has_the_heatmap_with_its_table() {
    let (cmp, view) = view();
    let instrument = servgap_core::builtin::servqual22();
    let whole = cmp.segments[0].analysis.clone();
    let input = InputSummary {
        file: "demo.csv".into(),
        path: None,
        reader: Vec::new(),
        rows: 36,
        findings: Vec::new(),
        strict: false,
    };
    let report = AnalysisReport::new(&instrument, &whole, input).with_segments(view);
    for lang in [Lang::En, Lang::Pl] {
        let html = render_html(&report, lang);
        assert!(html.contains("id=\"chart-segments-heatmap-gap-1\""), "heat map figure");
        assert!(html.contains("aria-labelledby=\"chart-segments-heatmap-gap-1-title"), "accessible name");
        assert!(html.contains("#b35806"), "diverging palette");
        let sl = lang.segment_labels();
        assert!(html.contains(sl.h_item_detail) && html.contains(sl.games_howell), "tables");
        assert_eq!(html, render_html(&report, lang), "deterministic");
    }
    let text = crate::i18n::methods::paragraphs(&report, Lang::En);
    assert!(text.iter().any(|(_, p)| p.contains("Games–Howell") && p.contains("Dunn")), "methods appendix");
    let polish = crate::i18n::methods::paragraphs(&report, Lang::Pl);
    assert!(
        polish.iter().any(|(_, p)| p.contains("rozstępu studentyzowanego")),
        "methods appendix in Polish"
    );
}

#[test]
fn issue_12_many_segments_split_into_blocks() {
    let instrument = servgap_core::builtin::servqual22();
    let segments: BTreeMap<String, SurveyPartials> =
        (0..10).map(|i| (format!("s{i}"), segment((i % 3) as i16 - 1, 4))).collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let view = SegmentsView::new(&instrument, &cmp, "branch");
    let markdown = render_segments_markdown(&view, Lang::En);
    // The tests alone, then the means of eight segments and of the other two.
    assert!(markdown.contains("| Dimension | Welch F |"), "{markdown}");
    assert!(markdown.contains("| Dimension | s0 (n=4) |"), "{markdown}");
    assert!(markdown.contains("| Dimension | s8 (n=4) | s9 (n=4) |"), "{markdown}");
    assert!(markdown.contains("| Item | s8 | s9 |"), "item matrix in blocks: {markdown}");
    assert!(markdown.contains("(2/2)"), "{markdown}");
}
