//! The measured-progress report (issue 15): every printer on a hand-made view model, in
//! English and Polish, and the JSON round trip.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use servgap_report::model::progress::{
    ActionProgressView, BootstrapView, DoneNotMovingView, MetricPointView, ProgressReport,
    ProgressSummaryView, ProgressWaveView, TrendView, UnmeasuredView, WaveProgressView,
};
use servgap_report::{
    render_progress_html, render_progress_json, render_progress_markdown, render_progress_text, Lang,
    PROGRESS_SCHEMA,
};

fn wave(slug: &str, value: Option<f64>, verdict: &str, reason: Option<&str>) -> WaveProgressView {
    let pace = (verdict == "improved").then(|| "behind-schedule".to_owned());
    WaveProgressView {
        wave: slug.to_owned(),
        value,
        difference: value.map(|v| v - 1.0),
        size: value.map(|v| 1.0 - v),
        change: value.map(|_| 0.171),
        change_interval: value.map(|_| [0.109, 0.232]),
        p: value.map(|_| 1.05e-7),
        df: None,
        wilcoxon_p: None,
        method: value.map(|_| "newcombe".to_owned()),
        share_closed: value.map(|_| 0.234),
        share_closed_interval: value.map(|_| [0.156, 0.308]),
        share_method: value.map(|_| "fieller".to_owned()),
        share_reason: reason.map(str::to_owned),
        expected_share: value.map(|_| 0.4),
        distance_to_target: value.map(|v| 0.6 - v),
        p_adjusted: value.map(|_| 4.2e-7),
        verdict: verdict.to_owned(),
        pace: pace.clone(),
        reason: reason.map(str::to_owned),
        verdict_unadjusted: verdict.to_owned(),
        pace_unadjusted: pace,
        pairing: None,
    }
}

fn report() -> ProgressReport {
    let series = vec![
        MetricPointView { wave: "w1".into(), value: Some(0.27), interval: Some([0.23, 0.31]), n: Some(422) },
        MetricPointView { wave: "w2".into(), value: Some(0.44), interval: Some([0.39, 0.48]), n: Some(462) },
        MetricPointView { wave: "w3".into(), value: None, interval: None, n: None },
    ];
    ProgressReport {
        schema: PROGRESS_SCHEMA.to_owned(),
        generator: "test".to_owned(),
        study: "bank".to_owned(),
        study_name: "Bank <Pomorski>".to_owned(),
        level: 0.95,
        alpha: 0.05,
        family_size: 1,
        bootstrap: BootstrapView { replicates: 2000, seed: 15 },
        waves: ["w1", "w2", "w3"]
            .iter()
            .map(|w| ProgressWaveView {
                slug: (*w).to_owned(),
                start: "2025-01-01".into(),
                end: "2025-06-30".into(),
            })
            .collect(),
        actions: vec![ActionProgressView {
            action: "reply-bot".into(),
            title: "Reply bot & triage".into(),
            owner: None,
            status: "done".into(),
            metric: "g4/promise/reply-1h".into(),
            kind: "g4".into(),
            unit: "krakow".into(),
            measure_unit: "share".into(),
            direction: "higher".into(),
            baseline_wave: "w1".into(),
            baseline_value: 0.27,
            baseline_difference: -0.73,
            target: Some(0.6),
            expected_share: Some(0.4),
            start: "2025-07-01".into(),
            due: "2025-12-31".into(),
            series,
            waves: vec![
                wave("w2", Some(0.44), "improved", None),
                wave("w3", None, "not-measurable", Some("missing-in-wave")),
            ],
            trend: Some(TrendView {
                slope: 0.2,
                interval: Some([0.1, 0.3]),
                p: Some(0.01),
                waves: 3,
                method: "wls".into(),
            }),
            latest_verdict: "improved".into(),
            latest_pace: Some("behind-schedule".into()),
        }],
        unmeasured: vec![UnmeasuredView { action: "faq".into(), reason: "no-metric".into() }],
        summary: ProgressSummaryView {
            closed: 0,
            improved: 1,
            on_track: 0,
            behind_schedule: 1,
            schedule_not_set: 0,
            not_moving: 0,
            worsened: 0,
            not_measurable: 0,
        },
        done_not_moving: vec![DoneNotMovingView {
            action: "reply-bot".into(),
            metric: "g4/promise/reply-1h".into(),
            wave: "w2".into(),
            verdict: "not-moving".into(),
        }],
    }
}

#[test]
fn issue_15_progress_text_and_markdown_show_verdicts_reasons_and_findings_in_both_languages() {
    let r = report();
    let en = render_progress_text(&r, Lang::En);
    assert!(en.contains("improved, behind schedule"), "{en}");
    assert!(en.contains("1 improved but behind schedule"), "the summary splits improved: {en}");
    assert!(en.contains("2025-07-01 → 2025-12-31, 40\u{a0}%"), "the action's schedule: {en}");
    assert!(en.contains("the wave did not measure the gap"), "{en}");
    assert!(en.contains("Action reply-bot is marked done, but its metric g4/promise/reply-1h did not move"));
    assert!(en.contains("+17.1\u{a0}pp"), "a change of a share in percentage points: {en}");
    assert!(en.contains("the action names no metric"));
    let pl = render_progress_markdown(&r, Lang::Pl);
    assert!(pl.contains("poprawa, opóźniona względem harmonogramu"), "{pl}");
    assert!(pl.contains("poprawa opóźniona względem harmonogramu 1"), "{pl}");
    assert!(pl.contains("fala nie zmierzyła tej luki"));
    assert!(pl.contains("nie ruszył się w fali w2"));
    assert!(pl.contains("| "), "Markdown tables");
    assert!(pl.contains("+17,1\u{a0}pp"), "Polish decimal comma: {pl}");
}

#[test]
fn issue_15_progress_html_is_accessible_escaped_and_has_a_chart_with_its_data_per_action() {
    for lang in [Lang::En, Lang::Pl] {
        let html = render_progress_html(&report(), lang);
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(html.contains("name=\"viewport\""), "phone-friendly viewport");
        assert!(html.contains("Bank &lt;Pomorski&gt;") && !html.contains("Bank <Pomorski>"));
        assert!(html.contains("Reply bot &amp; triage"));
        assert_eq!(html.matches("<svg").count(), 2, "one chart per measured action, and its phone variant");
        assert!(html.contains("aria-labelledby=\"chart-metric-0-title chart-metric-0-desc\""));
        assert!(html.contains("<details open>"), "the chart's data table is open beside it");
        assert!(html.contains("class=\"target\""), "the target line");
        assert!(html.contains("href=\"#summary\"") && html.contains("id=\"summary\""));
        assert_eq!(html, render_progress_html(&report(), lang), "deterministic");
    }
}

#[test]
fn issue_15_progress_charts_have_a_phone_variant_chosen_by_the_stylesheet() {
    for lang in [Lang::En, Lang::Pl] {
        let html = render_progress_html(&report(), lang);
        let wide = html.find("<div class=\"chart-wide\">").unwrap();
        let narrow = html.find("<div class=\"chart-narrow\">").unwrap();
        assert!(wide < narrow, "the page's chart first, then the phone variant");
        assert!(html.contains("aria-labelledby=\"chart-metric-0-phone-title chart-metric-0-phone-desc\""));
        assert!(html.contains("viewBox=\"0 0 340.0 "), "the phone variant is 340 wide");
        assert!(html.contains(".chart-narrow{display:none}"), "hidden by default, and in print");
        assert!(html.contains(
            "@media screen and (max-width:36em){.chart-wide{display:none}.chart-narrow{display:block}}"
        ));
        assert!(!html.contains("<script"), "no script");
        let ids: Vec<&str> = html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "element ids stay unique: {ids:?}");
    }
}

#[test]
fn issue_15_progress_json_round_trips_and_names_its_schema() {
    let r = report();
    let json = render_progress_json(&r).unwrap();
    assert!(json.contains("\"schema\": \"servgap.progress/2\""));
    let back: ProgressReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn issue_15_progress_headers_name_the_confidence_level_and_schedule_not_set_is_said() {
    let mut r = report();
    r.level = 0.9;
    r.alpha = 0.1;
    let en = render_progress_text(&r, Lang::En);
    assert!(en.contains("90\u{a0}% CI") && !en.contains("95\u{a0}% CI"), "{en}");
    assert!(en.contains("Intervals at 90\u{a0}%"), "{en}");
    assert!(en.contains("share 90\u{a0}% CI") && en.contains("trend 90\u{a0}% CI"), "{en}");
    let pl = render_progress_markdown(&r, Lang::Pl);
    assert!(pl.contains("90% PU") && !pl.contains("95% PU"), "{pl}");
    for lang in [Lang::En, Lang::Pl] {
        let html = render_progress_html(&r, lang);
        for old in ["95\u{a0}%", "95% PU", "95-procent"] {
            assert!(!html.contains(old), "no {old} at a 90 % level ({lang:?})");
        }
    }
    assert!(render_progress_html(&r, Lang::En).contains("the 90\u{a0}% interval of its gap"));
    let a = &mut r.actions[0];
    a.latest_pace = Some("schedule-not-set".into());
    a.waves[0].pace = Some("schedule-not-set".into());
    r.summary.behind_schedule = 0;
    r.summary.schedule_not_set = 1;
    let en = render_progress_text(&r, Lang::En);
    assert!(en.contains("improved (schedule not set)"), "{en}");
    assert!(en.contains("1 improved (schedule not set), "), "{en}");
    let pl = render_progress_text(&r, Lang::Pl);
    assert!(pl.contains("poprawa (brak harmonogramu)") && pl.contains("poprawa bez harmonogramu 1"), "{pl}");
}

#[test]
fn issue_15_schedule_dates_stay_whole_on_a_phone_and_copy_as_plain_text() {
    for lang in [Lang::En, Lang::Pl] {
        let share = "40\u{a0}%";
        let html = render_progress_html(&report(), lang);
        let cell = format!(
            "<td><span class=\"nowrap\">2025-07-01 →</span> <span class=\"nowrap\">2025-12-31</span>, {share}</td>"
        );
        assert!(html.contains(&cell), "{lang:?}: {html}");
        assert!(html.contains("span.nowrap{white-space:nowrap}"), "the page's stylesheet keeps them whole");
        // Plain hyphens: copy/paste and the PDF get ordinary dates, the same text as the text printer's.
        assert!(!html.contains('\u{2011}') && !html.contains('\u{2060}'));
        let text = render_progress_text(&report(), lang);
        assert!(text.contains(&format!("2025-07-01 → 2025-12-31, {share}")), "{text}");
    }
}
