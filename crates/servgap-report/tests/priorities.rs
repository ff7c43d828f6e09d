//! The priorities report (issue 15): one view model from a hand-made ranking, printed as
//! text, Markdown, JSON, HTML, CSV and XLSX, in English and Polish.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use jiff::civil::date;
use servgap_core::kpi::Interval;
use servgap_core::study::priority::*;
use servgap_core::study::*;
use servgap_report::model::priorities::{FiltersView, PrioritiesSource};
use servgap_report::{
    priorities_tables, render_csv, render_priorities_html, render_priorities_json,
    render_priorities_markdown, render_priorities_text, render_xlsx, Lang, PrioritiesReport,
};

fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

fn study() -> Study {
    let note = QualitativeGap {
        slug: slug("handover"),
        description: "handover between shifts".into(),
        departments: vec![slug("ops")],
        evidence: "workshop".into(),
        impact: Level::High,
        urgency: Level::Low,
    };
    Study::new(StudySpec {
        slug: "acme".into(),
        name: "Acme Bank".into(),
        units: vec![Unit { slug: slug("warsaw"), name: "Warsaw".into() }],
        departments: ["cs", "ops"]
            .iter()
            .map(|d| Department { slug: slug(d), name: d.to_string() })
            .collect(),
        waves: vec![
            Wave::new(slug("w1"), date(2026, 1, 1), date(2026, 3, 31)).unwrap(),
            Wave::new(slug("w2"), date(2026, 4, 1), date(2026, 6, 30)).unwrap(),
        ],
        standards: vec![],
        promises: vec![],
        notes: vec![note],
    })
    .unwrap()
}

fn gap(id: &str, size: f64, difference: f64, interval: Option<(f64, f64)>) -> Gap {
    Gap {
        id: id.parse::<GapId>().unwrap(),
        wave: slug("w2"),
        unit: slug("warsaw"),
        departments: vec![slug("cs")],
        current: 5.0,
        desired: 6.0,
        measure_unit: GapUnit::ScalePoints,
        difference,
        direction: GapDirection::HigherIsBetter,
        interval: interval.map(|(low, high)| Interval { low, high }),
        size: Some(size),
        n: 100,
        evidence: Evidence::default(),
        judged: None,
        sampling: None,
    }
}

fn rating(rater: &str, effort: Option<Effort>, cost: Option<f64>, rating: Option<u8>) -> FeasibilityRating {
    FeasibilityRating {
        department: slug("cs"),
        rater: rater.into(),
        effort,
        cost,
        rating,
        comment: "=SUM(A1) needs IT".into(),
    }
}

fn inputs() -> Vec<PriorityInput> {
    let mut a = PriorityInput::new(gap("g5/item/8", 1.0 / 6.0, -1.0, Some((-1.5, -0.5))));
    a.stated_importance = Some(StatedImportance { points: 30.0, max_points: 30.0 });
    a.derived_importance = Some(DerivedImportance::survey(0.6));
    a.reach = Some(Reach { share: 0.5, basis: ReachBasis::RespondentsBelowExpectation, n: 100 });
    a.history = vec![WaveSize { wave: slug("w1"), size: 0.1 }];
    a.ratings = vec![
        rating("anna", Some(Effort::M), Some(1000.0), Some(2)),
        rating("piotr", Some(Effort::M), None, Some(4)),
    ];
    a.deadline = Some(date(2026, 12, 31));
    let mut b = gap("g3/standard/frt-8h", 0.3, -0.3, None);
    b.measure_unit = GapUnit::Share;
    let b = PriorityInput::new(b);
    let mut c = gap("note/handover", 0.0, 0.0, None);
    c.size = None;
    c.departments = vec![slug("ops")];
    c.judged = Some(Judged { impact: Level::High, urgency: Level::Low });
    let mut d = PriorityInput::new(gap("g5/dimension/reliability", 0.12, -0.7, Some((-1.0, -0.4))));
    d.stated_importance = Some(StatedImportance { points: 24.0, max_points: 30.0 });
    vec![a, PriorityInput::new(b.gap), PriorityInput::new(c), d]
}

fn report(top: Option<usize>) -> PrioritiesReport {
    let study = study();
    let inputs = inputs();
    let weights = PriorityWeights::new([0.4, 0.3, 0.2, 0.1]).unwrap();
    let ranking = Ranking::new(&inputs, weights, &PriorityFilter::default(), date(2026, 6, 30));
    let settings = StabilitySettings { draws: 200, top_k: 2, ..StabilitySettings::DEFAULT };
    let stability = Stability::new(&ranking, settings).unwrap();
    let instrument = servgap_core::builtin::servqual22();
    let source = PrioritiesSource {
        study: &study,
        wave: &study.waves()[1],
        ranking: &ranking,
        stability: Some(&stability),
        inputs: &inputs,
        instrument: Some(&instrument),
    };
    PrioritiesReport::new(source, FiltersView { top, ..FiltersView::default() }, "test")
}

#[test]
fn issue_15_priorities_json_round_trips_through_the_view_model() {
    let report = report(None);
    let json = render_priorities_json(&report).unwrap();
    let back: PrioritiesReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    assert_eq!(render_priorities_json(&back).unwrap(), json);
    assert_eq!(back.schema, "servgap.priorities/1");
    assert_eq!(back.total, 4);
    let ids: Vec<&str> = back.ranked.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids[0], "note/handover", "the judged high-impact gap leads: {ids:?}");
    for row in &back.ranked {
        let sum: f64 = row.components.iter().filter_map(|c| c.contribution).sum();
        assert!((sum - row.score.unwrap()).abs() < 1e-12, "contributions sum to the score");
    }
    let item = back.ranked.iter().find(|r| r.id == "g5/item/8").unwrap();
    let f = item.feasibility.as_ref().unwrap();
    assert_eq!((f.effort.as_deref(), f.rating_median, f.raters), (Some("M"), Some(3.0), 2));
    assert_eq!(item.deadline.as_deref(), Some("2026-12-31"));
    assert_eq!(item.component("severity").unwrap().basis.as_deref(), Some("shrunk"));
    let s = item.stability.unwrap();
    assert!(s.resampled && (0.0..=1.0).contains(&s.top_k_share));
    assert_eq!(back.stability.as_ref().unwrap().replicates, 200);
}

#[test]
fn issue_15_explanation_names_rank_and_contributions_in_both_languages() {
    let report = report(None);
    let first = &report.ranked[0];
    let c = |id: &str| first.component(id).unwrap().contribution.unwrap();
    // Nobody rated the note's feasibility: it counts as 0.5 (contribution 0.1 × 0.5).
    let feasibility = first.component("feasibility").unwrap();
    assert_eq!((feasibility.value, feasibility.assumed), (None, Some(0.5)));
    assert_eq!(feasibility.missing_reason.as_deref(), Some("not-rated"));
    assert!((c("feasibility") - 0.05).abs() < 1e-12);
    assert_eq!(first.assumed, ["feasibility"]);
    let en = Lang::En.rank_explanation(first);
    let expected = format!(
        "ranked 1st: severity {:.2}, impact {:.2}, urgency {:.2}, feasibility 0.05 (not rated by any department; counted as 0.5)",
        c("severity"),
        c("impact"),
        c("urgency")
    );
    assert_eq!(en, expected);
    let pl = Lang::Pl.rank_explanation(first);
    assert!(pl.starts_with("1. miejsce: dotkliwość "), "{pl}");
    assert!(pl.ends_with("wykonalność 0,05 (bez oceny działów; przyjęto 0,5)"), "{pl}");
    assert_eq!(Lang::En.ordinal(2), "2nd");
    assert_eq!(Lang::En.ordinal(12), "12th");
    assert_eq!(Lang::En.ordinal(23), "23rd");
}

#[test]
fn issue_15_assumed_components_are_marked_in_every_printer() {
    let report = report(None);
    assert_eq!(report.neutral, Some(0.5));
    // g3/standard/frt-8h: impact and feasibility missing, both counted as 0.5.
    let frt = report.ranked.iter().find(|r| r.id == "g3/standard/frt-8h").unwrap();
    assert_eq!(frt.assumed, ["impact", "feasibility"]);
    assert_eq!(frt.component("impact").unwrap().missing_reason.as_deref(), Some("nothing-touched"));
    let sum: f64 = frt.components.iter().filter_map(|c| c.contribution).sum();
    assert!((sum - frt.score.unwrap()).abs() < 1e-12, "assumed contributions are part of the score");
    let en = render_priorities_text(&report, Lang::En);
    assert!(en.contains("0.50†"), "{en}");
    assert!(en.contains("† not measured; counted as 0.5 (the study's neutral value)."), "{en}");
    assert!(
        en.contains("impact 0.15 (not measured: the gap touches no survey item; counted as 0.5)"),
        "{en}"
    );
    let pl = render_priorities_html(&report, Lang::Pl);
    assert!(pl.contains("0,50†") && pl.contains("† składowa niezmierzona; przyjęto 0,5"), "{pl}");
    assert!(
        pl.contains("wpływ 0,15 (niezmierzony: luka nie dotyczy żadnej pozycji ankiety; przyjęto 0,5)"),
        "{pl}"
    );
    let md = render_priorities_markdown(&report, Lang::En);
    assert!(md.contains("0.50†"), "{md}");
}

#[test]
fn issue_15_a_kpi_gap_without_linked_items_says_so() {
    let c = servgap_report::model::priorities::ComponentView {
        component: "impact".into(),
        value: None,
        assumed: None,
        missing_reason: Some("kpi-without-linked-items".into()),
        weight: None,
        contribution: None,
        basis: None,
        parts: Vec::new(),
        derived_importance: None,
    };
    assert_eq!(
        Lang::En.component_missing(&c.component, c.missing_reason.as_deref()),
        "not measured for KPI gaps without a linked standard or promise"
    );
    assert_eq!(
        Lang::Pl.component_missing(&c.component, c.missing_reason.as_deref()),
        "niezmierzony dla luk KPI bez powiązanego standardu ani obietnicy"
    );
}

#[test]
fn issue_15_top_k_keeps_the_first_ranks_and_every_format_renders() {
    let report = report(Some(2));
    assert!(report.ranked.iter().all(|r| r.rank.unwrap() <= 2));
    assert_eq!(report.total, 4);
    for lang in Lang::ALL {
        let text = render_priorities_text(&report, lang);
        assert!(text.contains("note/handover"), "{text}");
        let md = render_priorities_markdown(&report, lang);
        assert!(md.starts_with("\n# "), "{md}");
        let html = render_priorities_html(&report, lang);
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(
            html.contains("<caption id=") && html.contains("scope=\"col\"") && html.contains("scope=\"row\"")
        );
        assert!(html.contains("role=\"img\"") && html.contains("<desc id="));
        assert!(!html.contains("<script"), "works without JavaScript");
    }
}

/// Every English word of the section's fixed texts, which must not show in Polish output.
const ENGLISH: [&str; 22] = [
    "ranked",
    "Ranked",
    "severity",
    "impact",
    "urgency",
    "feasibility",
    "Feasibility",
    "Priorities",
    "priorities",
    "Weights",
    "weight",
    "Stability",
    "replicates",
    "score",
    "quadrant",
    "act now",
    "quick wins",
    "Monitor",
    "not measured",
    "missing",
    "matrix",
    "Components",
];

/// What a reader sees: the text outside tags and the style sheet, without the gap ids.
fn visible(out: &str) -> String {
    let body = out.split("</style>").last().unwrap_or(out);
    let mut text = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text.replace("note/handover", "")
}

#[test]
fn issue_15_polish_priorities_have_no_english_leftovers() {
    let report = report(None);
    let html = render_priorities_html(&report, Lang::Pl);
    let text = render_priorities_text(&report, Lang::Pl);
    let tables = priorities_tables(&report, Lang::Pl);
    let ranked = render_csv(&tables[0]);
    for english in ENGLISH {
        for (name, out) in [("html", &html), ("text", &text), ("csv", &ranked)] {
            // Ids (`note/handover`) and user texts are data; the words are not.
            assert!(!visible(out).contains(english), "{name} still says {english:?}");
        }
    }
    for polish in ["Priorytety luk", "1. miejsce: dotkliwość", "Macierz wpływ × pilność", "zaplanuj", "0,"]
    {
        assert!(html.contains(polish), "missing {polish:?}");
    }
}

#[test]
fn issue_15_exports_escape_formulas_and_keep_the_register_columns() {
    let report = report(None);
    let tables = priorities_tables(&report, Lang::En);
    assert_eq!(tables.iter().map(|t| t.name).collect::<Vec<_>>(), ["ranked", "feasibility"]);
    let register = render_csv(&tables[1]);
    assert!(register.starts_with("\u{feff}gap,unit,department,rater,effort,cost,rating,deadline,comment\r\n"));
    assert!(
        register.contains("g5/item/8,warsaw,cs,anna,M,1000,2,2026-12-31,'=SUM(A1) needs IT\r\n"),
        "{register}"
    );
    assert_eq!(register.lines().count(), 3, "a header and one row per rating: {register}");
    let workbook = render_xlsx(&tables).unwrap();
    assert!(workbook.starts_with(b"PK"));
}

#[test]
fn issue_15_study_report_gains_the_priorities_section_in_every_format() {
    let study = study();
    let gaps: Vec<Gap> = inputs().into_iter().map(|i| i.gap).collect();
    let register = servgap_core::study::register::Register::new(slug("w2"), gaps);
    let mut diagnosis =
        servgap_report::DiagnosisReport::new(&study, &study.waves()[1], &register, &[], None, "test");
    let before = servgap_report::render_diagnosis_json(&diagnosis).unwrap();
    assert!(before.contains("\"priorities\": null"));
    diagnosis.priorities = Some(report(Some(2)));
    let json = servgap_report::render_diagnosis_json(&diagnosis).unwrap();
    let back: servgap_report::DiagnosisReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back.priorities, diagnosis.priorities);
    let html = servgap_report::render_diagnosis_html(&diagnosis, Lang::Pl);
    let section = &html[html.find("<section id=\"priorities\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    for polish in ["Priorytety", "1. miejsce: dotkliwość", "<svg", ">Ranking luk</caption>"] {
        assert!(section.contains(polish), "missing {polish:?}");
    }
    for english in ENGLISH {
        assert!(!visible(section).contains(english), "the study report's section still says {english:?}");
    }
    let md = servgap_report::render_diagnosis_markdown(&diagnosis, Lang::En);
    assert!(md.contains("\n## Priorities\n") && md.contains("- Ranked 1st: severity"), "{md}");
    let text = servgap_report::render_diagnosis_text(&diagnosis, Lang::Pl);
    assert!(text.contains("Priorytety\n=========="), "{text}");
    let sheets = servgap_report::diagnosis_tables(&diagnosis, Lang::En);
    assert_eq!(sheets.last().unwrap().name, "ranked");
}

fn gdansk_association(level: f64, fisher_p: f64) -> servgap_report::model::priorities::DerivedImportanceView {
    use servgap_report::model::priorities::{DerivedImportanceView, TicketAssociationView};
    let a = TicketAssociationView {
        rated: 140,
        table: [[15, 14], [33, 78]],
        satisfied_when_met: 15.0 / 29.0,
        satisfied_when_missed: 33.0 / 111.0,
        difference: 15.0 / 29.0 - 33.0 / 111.0,
        interval: [0.024694007209688923, 0.40560280542339516],
        level,
        phi: 0.18778384919474894,
        fisher_p,
    };
    DerivedImportanceView { basis: "ticket-association".into(), correlation: a.phi, association: Some(a) }
}

#[test]
fn issue_15_derived_importance_names_its_basis_in_english_and_polish() {
    let d = gdansk_association(0.95, 0.030420856681395145);
    assert_eq!(
        Lang::En.derived_importance_text(&d),
        "derived importance 0.19: φ between meeting the target and a satisfied CSAT on 140 rated tickets \
         (satisfied 52\u{a0}% when met, 30\u{a0}% when missed, difference 22 points, 95\u{a0}% CI 2–41, \
         Fisher p = 0.030)"
    );
    assert_eq!(
        Lang::Pl.derived_importance_text(&d),
        "ważność wyprowadzona 0,19: φ między dotrzymaniem celu a zadowoleniem w CSAT na 140 ocenionych \
         zgłoszeniach (zadowolonych 52\u{a0}% przy dotrzymanym celu, 30\u{a0}% przy niedotrzymanym, różnica \
         22 pkt proc., 95% PU 2–41, test Fishera p = 0,030)"
    );
    // The interval's level follows the report's confidence; a small p is bounded.
    let d = gdansk_association(0.90, 2e-8);
    let en = Lang::En.derived_importance_text(&d);
    assert!(en.contains("90\u{a0}% CI") && en.ends_with("Fisher p < 0.001)"), "{en}");
    // A negative φ counts as 0, and says so.
    let mut negative = gdansk_association(0.95, 0.5);
    negative.correlation = -0.12;
    assert!(Lang::En
        .derived_importance_text(&negative)
        .starts_with("derived importance 0 (φ −0.12 counts as 0): φ"));
    assert!(Lang::Pl
        .derived_importance_text(&negative)
        .starts_with("ważność wyprowadzona 0 (φ −0,12 liczy się jako 0)"));
    // The other bases.
    let itself = servgap_report::model::priorities::DerivedImportanceView {
        basis: "satisfaction-itself".into(),
        correlation: 1.0,
        association: None,
    };
    assert_eq!(
        Lang::En.derived_importance_text(&itself),
        "derived importance 1: the gap measures satisfaction itself"
    );
    assert_eq!(
        Lang::Pl.derived_importance_text(&itself),
        "ważność wyprowadzona 1: luka mierzy samo zadowolenie"
    );
}

#[test]
fn issue_15_unmeasurable_ticket_associations_say_why_in_english_and_polish() {
    let reasons = [
        (
            "kpi-association-no-rated-tickets",
            "no ticket with the target's condition has a CSAT answer",
            "żadne zgłoszenie z warunkiem celu nie ma odpowiedzi CSAT",
        ),
        (
            "kpi-association-all-met",
            "every rated ticket met the target",
            "każde ocenione zgłoszenie spełniło cel",
        ),
        (
            "kpi-association-all-missed",
            "every rated ticket missed the target",
            "żadne ocenione zgłoszenie nie spełniło celu",
        ),
        (
            "kpi-association-all-satisfied",
            "every CSAT answer of the rated tickets was satisfied",
            "każda odpowiedź CSAT ocenionych zgłoszeń oznaczała zadowolenie",
        ),
        (
            "kpi-association-none-satisfied",
            "no CSAT answer of the rated tickets was satisfied",
            "żadna odpowiedź CSAT ocenionych zgłoszeń nie oznaczała zadowolenia",
        ),
        (
            "kpi-not-per-ticket",
            "the KPI is not a property of one ticket (response rate, backlog)",
            "KPI nie jest cechą pojedynczego zgłoszenia (odsetek odpowiedzi, zaległości)",
        ),
    ];
    for (id, en, pl) in reasons {
        assert_eq!(Lang::En.component_missing("impact", Some(id)), format!("not measurable: {en}"));
        assert_eq!(Lang::Pl.component_missing("impact", Some(id)), format!("niemierzalny: {pl}"));
    }
}

/// A report of one KPI gap "first response within 1 h" whose derived importance is its
/// ticket-level association with CSAT (Gdańsk's table of the demo), and one whose
/// association is not measurable (every rated ticket met the target).
fn kpi_report() -> PrioritiesReport {
    use servgap_core::kpi::{
        Clock, ConditionCounts, Direction, DurationKpi, MetSatisfied, TicketCondition, TicketSatisfaction,
    };
    let condition = TicketCondition::Within {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        seconds: 3600,
        direction: Direction::LowerIsBetter,
    };
    let with_table = |id: &str, [[a, b], [c, d]]: [[u64; 2]; 2], met: u64, missed: u64| {
        let mut g = gap(id, 1.0, 3864.5, None);
        g.measure_unit = GapUnit::Seconds;
        g.direction = GapDirection::LowerIsBetter;
        let table =
            MetSatisfied { met_satisfied: a, met_unsatisfied: b, missed_satisfied: c, missed_unsatisfied: d };
        let counts = ConditionCounts { table, met, missed };
        g.evidence.satisfaction = Some(TicketSatisfaction::measured(condition.clone(), counts, 0.95));
        let mut input = PriorityInput::new(g);
        input.derived_importance = facts::derived_importance_of(&input.gap, None, &[], 0.95);
        input.reach = facts::ticket_reach(&input.gap);
        input
    };
    let inputs = vec![
        with_table("kpi/first-response/median", [[15, 14], [33, 78]], 111, 327),
        with_table("kpi/first-response/p90", [[10, 4], [0, 0]], 20, 0),
    ];
    let study = study();
    let weights = PriorityWeights::new([0.35, 0.3, 0.2, 0.15]).unwrap();
    let ranking = Ranking::new(&inputs, weights, &PriorityFilter::default(), date(2026, 6, 30));
    let source = PrioritiesSource {
        study: &study,
        wave: &study.waves()[1],
        ranking: &ranking,
        stability: None,
        inputs: &inputs,
        instrument: None,
    };
    PrioritiesReport::new(source, FiltersView::default(), "test")
}

#[test]
fn issue_15_kpi_gap_rows_name_their_ticket_association_in_every_format() {
    let report = kpi_report();
    let median = report.ranked.iter().find(|r| r.id == "kpi/first-response/median").unwrap();
    let impact = median.component("impact").unwrap();
    let derived = impact.derived_importance.as_ref().unwrap();
    assert_eq!(derived.basis, "ticket-association");
    let a = derived.association.unwrap();
    assert_eq!((a.rated, a.table, a.level), (140, [[15, 14], [33, 78]], 0.95));
    // 0.18778384919474894 × 327/438 (tests/oracles/priority_reach.py).
    assert!((impact.value.unwrap() - 0.1401947915221071).abs() < 1e-12);
    let p90 = report.ranked.iter().find(|r| r.id == "kpi/first-response/p90").unwrap();
    let impact = p90.component("impact").unwrap();
    assert_eq!(impact.missing_reason.as_deref(), Some("kpi-association-all-met"));
    assert_eq!((impact.assumed, impact.derived_importance.as_ref()), (Some(0.5), None));

    let json = render_priorities_json(&report).unwrap();
    assert!(json.contains("\"basis\": \"ticket-association\"") && json.contains("\"fisher_p\": "), "{json}");
    let back: PrioritiesReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    let en = "φ between meeting the target and a satisfied CSAT on 140 rated tickets";
    let pl = "φ między dotrzymaniem celu a zadowoleniem w CSAT na 140 ocenionych zgłoszeniach";
    for (lang, association, unmeasurable) in [
        (Lang::En, en, "not measurable: every rated ticket met the target; counted as 0.5"),
        (Lang::Pl, pl, "niemierzalny: każde ocenione zgłoszenie spełniło cel; przyjęto 0,5"),
    ] {
        for out in [
            render_priorities_text(&report, lang),
            render_priorities_markdown(&report, lang),
            render_priorities_html(&report, lang),
        ] {
            assert!(out.contains(association) && out.contains(unmeasurable), "{out}");
        }
        let csv = render_csv(&priorities_tables(&report, lang)[0]);
        // φ (the oracle's 0.18778384919474894, to the last bits), then the rated tickets.
        assert!(csv.contains(",0.187783849194748") && csv.contains(",140,0.5172413793103449,"), "{csv}");
    }
    // The English leftovers check of the Polish output holds for these rows too.
    let text = render_priorities_text(&report, Lang::Pl);
    for english in ENGLISH {
        assert!(!visible(&text).replace("first-response", "").contains(english), "still says {english:?}");
    }
}
