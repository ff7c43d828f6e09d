//! The gap-study diagnosis (issue 14): one view model, printed as text, Markdown, JSON,
//! HTML, CSV and XLSX, in English and Polish.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use jiff::civil::date;
use servgap_core::instrument::Scale;
use servgap_core::kpi::{Clock, Direction, DurationKpi, DurationSummary, Measure, SegmentFilter, Statistic};
use servgap_core::stats::groups::GroupSummary;
use servgap_core::study::factors::{factor_association, Factor, FactorScore};
use servgap_core::study::kpi_gaps::qualitative_gap;
use servgap_core::study::register::Register;
use servgap_core::study::register_gaps::{delivery_gap, promise_gap};
use servgap_core::study::survey_gaps::{Knowledge, KnowledgeRow};
use servgap_core::study::threshold::ThresholdCount;
use servgap_core::study::*;
use servgap_report::{
    diagnosis_tables, render_csv, render_diagnosis_html, render_diagnosis_json, render_diagnosis_markdown,
    render_diagnosis_text, render_xlsx, DiagnosisReport, Lang,
};

fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

fn frt() -> Measure {
    Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        statistic: Statistic::Median,
    }
}

fn study() -> Study {
    let promise = PromiseSpec {
        slug: "reply-1h".into(),
        text: "we reply within one hour".into(),
        channel: "website".into(),
        since: None,
        kpi: Some(KpiRef::new(frt(), SegmentFilter::AllTickets).unwrap()),
        threshold: Some(3600.0),
        direction: Direction::LowerIsBetter,
        items: vec![SurveyRef::Item("8".into())],
        departments: vec![slug("marketing")],
    };
    let standard = StandardSpec {
        slug: "frt-8h".into(),
        title: "first reply within 8 business hours".into(),
        survey: vec![SurveyRef::Dimension("responsiveness".into())],
        kpi: Some(KpiRef::new(frt(), SegmentFilter::AllTickets).unwrap()),
        target: 28_800.0,
        direction: Direction::LowerIsBetter,
        minimum: None,
        required_share: Some(0.9),
        owner: slug("cs"),
        since: None,
    };
    let note = QualitativeGap {
        slug: slug("handover"),
        description: "=HYPERLINK(\"x\") handover between shifts, slow".into(),
        departments: vec![slug("ops")],
        evidence: "workshop".into(),
        impact: Level::High,
        urgency: Level::High,
    };
    Study::new(StudySpec {
        slug: "acme".into(),
        name: "Acme Bank".into(),
        units: vec![
            Unit { slug: slug("warsaw"), name: "Warsaw".into() },
            Unit { slug: slug("krakow"), name: "Kraków".into() },
        ],
        departments: ["cs", "ops", "marketing", "management"]
            .iter()
            .map(|d| Department { slug: slug(d), name: d.to_string() })
            .collect(),
        waves: vec![Wave::new(slug("w1"), date(2026, 1, 1), date(2026, 3, 31)).unwrap()],
        standards: vec![standard.build().unwrap()],
        promises: vec![promise.build().unwrap()],
        notes: vec![note],
    })
    .unwrap()
}

fn report() -> DiagnosisReport {
    let study = study();
    let instrument = servgap_core::builtin::servqual22();
    let mut gaps = Vec::new();
    for (unit, held) in [("warsaw", 61), ("krakow", 88)] {
        let ctx = GapContext {
            wave: slug("w1"),
            unit: slug(unit),
            departments: vec![slug("management")],
            sources: vec![],
            level: 0.95,
        };
        let row = KnowledgeRow::new(
            SurveyRef::Dimension("reliability".into()),
            GroupSummary { n: 12, mean: 5.1, variance: 1.2 },
            GroupSummary { n: 200, mean: 5.9, variance: 0.8 },
            0.95,
        );
        let k = Knowledge { rows: vec![row], importance: None, agreement: None, under_estimated: (0, 0) };
        gaps.extend(k.gaps(Scale::seven_point(), &ctx));
        let held = ThresholdCount { met_low: held, met_high: held, n: 100 };
        let delivered =
            DurationSummary { n: 100, mean: 4000.0, median: 3000.0, p90: 9000.0, min: 5, max: 20000 };
        gaps.push(promise_gap(&study.promises()[0], &held, Some(&delivered), None, &ctx).unwrap());
        let attained = ThresholdCount { met_low: 140, met_high: 140, n: 200 };
        gaps.push(delivery_gap(&study.standards()[0], &attained, &ctx).unwrap());
        if unit == "warsaw" {
            gaps.push(qualitative_gap(&study.notes()[0], &ctx));
        }
    }
    let register = Register::new(slug("w1"), gaps);
    let scores: Vec<FactorScore> = [("warsaw", 3.0), ("krakow", 5.0)]
        .iter()
        .map(|(u, m)| FactorScore { factor: Factor::HorizontalCommunication, unit: slug(u), mean: *m, n: 8 })
        .collect();
    let sizes = vec![(slug("warsaw"), 0.39), (slug("krakow"), 0.12)];
    let factors = vec![factor_association(Factor::HorizontalCommunication, &scores, &sizes)];
    DiagnosisReport::new(&study, &study.waves()[0], &register, &factors, Some(&instrument), "test")
}

#[test]
fn issue_14_diagnosis_json_round_trips_and_carries_the_register() {
    let report = report();
    let json = render_diagnosis_json(&report).unwrap();
    let back: DiagnosisReport = serde_json::from_str(&json).unwrap();
    assert_eq!(render_diagnosis_json(&back).unwrap(), json);
    assert_eq!(back.schema, "servgap.diagnosis/1");
    assert_eq!(back.units.len(), 2);
    assert_eq!(back.register.len(), 7);
    assert_eq!(back.rows_for_department("marketing").count(), 2);
    assert_eq!(back.rows_for_unit("krakow").count(), 3);
    let model = &back.units[0].model;
    assert_eq!(model.iter().map(|b| b.gap).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    assert_eq!(model[3].headline.as_deref(), Some("g4/promise/reply-1h"));
    assert!(model[1].headline.is_none() && model[4].headline.is_none());
    assert_eq!(back.factors[0].units, 2);
    assert!(back.factors[0].rho.is_none(), "two units are below the minimum");
}

#[test]
fn issue_14_findings_are_sentences_in_english_and_polish() {
    let report = report();
    let en = render_diagnosis_text(&report, Lang::En);
    assert!(
        en.contains("Managers under-estimate what customers expect of Reliability by 0.80 points."),
        "{en}"
    );
    assert!(en.contains("The promise “we reply within one hour” held for 61\u{a0}% of tickets (median 50\u{a0}min, p90 2\u{a0}h 30\u{a0}min)."), "{en}");
    assert!(en.contains("The standard “first reply within 8 business hours” was met for 70\u{a0}% of tickets (required: 90\u{a0}%)."));
    let pl = render_diagnosis_markdown(&report, Lang::Pl);
    assert!(
        pl.contains("Obietnica „we reply within one hour” została dotrzymana w 61\u{a0}% zgłoszeń"),
        "{pl}"
    );
    assert!(
        pl.contains("Kierownicy nie doceniają oczekiwań klientów wobec: Niezawodność, o 0,80 pkt."),
        "{pl}"
    );
    assert!(pl.contains("| działaj teraz |"), "{pl}");
    assert!(pl.contains("Zastrzeżenie małej próby"));
}

#[test]
fn issue_14_diagnosis_html_has_an_accessible_five_gap_chart_per_unit() {
    let report = report();
    for lang in Lang::ALL {
        let html = render_diagnosis_html(&report, lang);
        for unit in 0..2 {
            assert!(html.contains(&format!("<title id=\"chart-five-gaps-{unit}-title\">")));
            assert!(html.contains(&format!(
                "aria-labelledby=\"chart-five-gaps-{unit}-title chart-five-gaps-{unit}-desc\""
            )));
        }
        assert!(html.contains("<caption id="), "a data table follows each chart");
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        if let Some(dir) = std::env::var_os("SERVGAP_DIAGNOSIS_SAMPLE_DIR") {
            std::fs::write(std::path::Path::new(&dir).join(format!("diagnosis-{}.html", lang.code())), &html)
                .unwrap();
        }
    }
}

#[test]
fn issue_14_csv_has_a_bom_quotes_and_escapes_formulas() {
    let tables = diagnosis_tables(&report(), Lang::En);
    assert_eq!(
        tables.iter().map(|t| t.name).collect::<Vec<_>>(),
        ["register", "model", "findings", "factors"]
    );
    let csv = render_csv(&tables[0]);
    assert!(csv.starts_with("\u{feff}id,kind,unit,subject,"));
    assert!(csv.contains(",\"'=HYPERLINK(\"\"x\"\") handover between shifts, slow\","), "{csv}");
    assert!(csv.ends_with("\r\n"));
    assert!(csv.contains(",0.61,1,-0.39,share,"), "numbers stay numbers, a negative one unescaped: {csv}");
    assert_eq!(servgap_report::render::diagnosis_export::escape_formula("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(servgap_report::render::diagnosis_export::escape_formula("\tx"), "'\tx");
    assert_eq!(servgap_report::render::diagnosis_export::escape_formula("plain"), "plain");
}

#[test]
fn issue_14_xlsx_holds_one_sheet_per_table() {
    let tables = diagnosis_tables(&report(), Lang::Pl);
    let bytes = render_xlsx(&tables).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX file is a zip archive");
    let names = String::from_utf8_lossy(&bytes);
    for sheet in 1..=4 {
        assert!(names.contains(&format!("xl/worksheets/sheet{sheet}.xml")), "sheet {sheet}");
    }
}
