use super::*;
use crate::kpi::{Clock, Direction, DurationKpi, Measure, SegmentFilter, Statistic};
use jiff::civil::date;

fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

fn frt_median() -> Measure {
    Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        statistic: Statistic::Median,
    }
}

fn standard(slug_text: &str, owner: &str) -> StandardSpec {
    StandardSpec {
        slug: slug_text.into(),
        title: "first reply within 8 business hours".into(),
        survey: vec![SurveyRef::Item("8".into())],
        kpi: Some(KpiRef::new(frt_median(), SegmentFilter::AllTickets).unwrap()),
        target: 28_800.0,
        direction: Direction::LowerIsBetter,
        minimum: None,
        required_share: Some(0.9),
        owner: slug(owner),
        since: None,
    }
}

#[test]
fn issue_14_gap_ids_of_the_design_note_round_trip() {
    for text in [
        "g5/item/8",
        "g5/dimension/reliability",
        "g1/item/8",
        "g1/dimension/reliability",
        "g1/importance",
        "g1/under-estimation",
        "g2/coverage",
        "g2/coverage/reliability",
        "g2/alignment/frt-8h",
        "g3/standard/frt-8h",
        "g3/scale/conformance",
        "g4/promise/reply-1h",
        "g4/scale/promise-accuracy",
        "kpi/first-response/median/channel=email",
        "kpi/first-response/calendar/p90",
        "kpi/csat",
        "kpi/sla/frt-8h/team=L2%20support",
        "note/slow-handover",
    ] {
        let id: GapId = text.parse().unwrap();
        assert_eq!(id.to_string(), text);
        assert_eq!(id.to_string().parse::<GapId>().unwrap(), id);
    }
}

#[test]
fn issue_14_gap_id_kinds_and_subjects() {
    let id: GapId = "kpi/first-response/median/channel=email".parse().unwrap();
    assert_eq!(id.kind(), GapKind::Kpi);
    let GapId::Kpi(k) = &id else { panic!("not a kpi id") };
    assert_eq!(k.measure(), Some(frt_median()));
    assert_eq!(k.segment(), Some((crate::kpi::Dimension::Channel, "email")));
    let built = GapId::Kpi(KpiSubject::new(
        &frt_median(),
        &SegmentFilter::Only(crate::kpi::Dimension::Channel, "email".into()),
    ));
    assert_eq!(built, id);
    assert_eq!("g1/importance".parse::<GapId>().unwrap().kind(), GapKind::Knowledge);
    assert_eq!("note/x".parse::<GapId>().unwrap().kind(), GapKind::Qualitative);
    assert_eq!(GapKind::Delivery.number(), Some(3));
}

#[test]
fn issue_14_gap_id_escapes_odd_item_ids() {
    let id = GapId::Customer(SurveyRef::Item("Q 8/a=b".into()));
    assert_eq!(id.to_string(), "g5/item/Q%208%2Fa%3Db");
    assert_eq!(id.to_string().parse::<GapId>().unwrap(), id);
}

#[test]
fn issue_14_bad_gap_ids_are_refused_with_the_rule() {
    for (text, rule) in [
        ("g6/item/8", "expected g1…g5, kpi or note"),
        ("g5/item", "expected item/<id> or dimension/<id>"),
        ("g5/item/", "must not be empty"),
        ("g5/item/a%2f", "canonical"),
        ("g5/item/a b", "canonical"),
        ("g3/standard/FRT", "characters other than"),
        ("kpi/first-response/mode", "is not a kpi measure"),
        ("kpi/csat/region=eu", "not channel, priority or team"),
        ("note/", "is empty"),
    ] {
        let err = text.parse::<GapId>().unwrap_err().to_string();
        assert!(err.starts_with(&format!("gap id `{text}` is invalid")), "{err}");
        assert!(err.contains(rule), "{text}: {err}");
    }
}

#[test]
fn issue_14_slugs_follow_the_rule() {
    assert!(Slug::new("unit", "warsaw-1").is_ok());
    let err = Slug::new("unit", "Warsaw").unwrap_err().to_string();
    assert_eq!(err, "unit `Warsaw` has characters other than a-z, 0-9 and -");
    assert!(Slug::new("unit", "").is_err());
    assert!(Slug::new("unit", "-a").is_err());
    assert!(Slug::new("unit", &"a".repeat(65)).is_err());
}

#[test]
fn issue_14_wave_dates_must_be_in_order() {
    let err = Wave::new(slug("w1"), date(2026, 3, 1), date(2026, 2, 1)).unwrap_err().to_string();
    assert_eq!(err, "wave `w1` ends (2026-02-01) before it starts (2026-03-01)");
}

#[test]
fn issue_14_standard_rules() {
    assert!(standard("frt-8h", "cs").build().is_ok());
    let mut s = standard("frt-8h", "cs");
    s.survey.clear();
    s.kpi = None;
    assert!(s.build().unwrap_err().to_string().contains("measures nothing"));
    let mut s = standard("frt-8h", "cs");
    s.minimum = Some(10_000.0);
    assert_eq!(s.build().unwrap_err().to_string(), "standard `frt-8h` its minimum is better than its target");
    let mut s = standard("frt-8h", "cs");
    s.required_share = Some(1.5);
    assert!(s.build().unwrap_err().to_string().contains("required share 1.5"));
    let mut s = standard("frt-8h", "cs");
    s.target = -1.0;
    assert!(s.build().unwrap_err().to_string().contains("outside the duration range"));
}

#[test]
fn issue_14_promise_needs_a_measurable_threshold() {
    let spec = PromiseSpec {
        slug: "reply-1h".into(),
        text: "we reply within one hour".into(),
        channel: "website".into(),
        since: None,
        kpi: Some(KpiRef::new(frt_median(), SegmentFilter::AllTickets).unwrap()),
        threshold: None,
        direction: Direction::LowerIsBetter,
        items: vec![],
        departments: vec![],
    };
    assert_eq!(
        spec.clone().build().unwrap_err().to_string(),
        "promise `reply-1h` has no measurable threshold"
    );
    let ok = PromiseSpec { threshold: Some(3600.0), ..spec.clone() }.build().unwrap();
    assert_eq!(ok.threshold(), 3600.0);
    let no_kpi = PromiseSpec { kpi: None, threshold: Some(3600.0), ..spec }.build().unwrap_err();
    assert_eq!(no_kpi.to_string(), "promise `reply-1h` has no kpi that measures it");
}

#[test]
fn issue_14_study_checks_uniqueness_and_departments() {
    let wave = Wave::new(slug("w1"), date(2026, 1, 1), date(2026, 1, 31)).unwrap();
    let dept = Department { slug: slug("cs"), name: "Customer service".into() };
    let base = StudySpec {
        slug: "acme".into(),
        name: "Acme".into(),
        waves: vec![wave.clone()],
        departments: vec![dept],
        standards: vec![standard("frt-8h", "cs").build().unwrap()],
        ..StudySpec::default()
    };
    let study = Study::new(base.clone()).unwrap();
    assert_eq!(study.units()[0].slug.as_str(), "all");
    let twice = StudySpec { waves: vec![wave.clone(), wave], ..base.clone() };
    assert_eq!(Study::new(twice).unwrap_err().to_string(), "wave `w1` is defined twice");
    let unknown = StudySpec { standards: vec![standard("frt-8h", "it").build().unwrap()], ..base.clone() };
    assert_eq!(
        Study::new(unknown).unwrap_err().to_string(),
        "standard `frt-8h` names department `it`, which the study does not define"
    );
    let no_wave = StudySpec { waves: vec![], ..base };
    assert_eq!(Study::new(no_wave).unwrap_err().to_string(), "study `acme` has no wave");
}

#[test]
fn issue_14_standard_naming_an_unknown_item_is_refused() {
    let wave = Wave::new(slug("w1"), date(2026, 1, 1), date(2026, 1, 31)).unwrap();
    let mut s = standard("frt-8h", "cs");
    s.survey = vec![SurveyRef::Item("99".into())];
    let study = Study::new(StudySpec {
        slug: "acme".into(),
        waves: vec![wave],
        departments: vec![Department { slug: slug("cs"), name: String::new() }],
        standards: vec![s.build().unwrap()],
        ..StudySpec::default()
    })
    .unwrap();
    let instrument = crate::builtin::servqual22();
    let err = study.check_survey_refs(&instrument).unwrap_err().to_string();
    assert!(err.starts_with("standard `frt-8h` names item `99`, which instrument"), "{err}");
}
