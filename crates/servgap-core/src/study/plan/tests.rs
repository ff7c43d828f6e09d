use std::collections::BTreeSet;

use jiff::civil::{date, Date};

use super::*;
use crate::kpi::{Clock, Direction, DurationKpi, Measure, SegmentFilter, Statistic};
use crate::study::{Department, GapId, KpiRef, Slug, StandardSpec, Study, StudySpec, SurveyRef, Unit, Wave};
use crate::CoreError;

fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

fn gap(s: &str) -> GapId {
    s.parse().unwrap()
}

fn study() -> Study {
    let frt = Measure::Duration {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        statistic: Statistic::Median,
    };
    let standard = |s: &str| StandardSpec {
        slug: s.into(),
        title: "reply".into(),
        survey: vec![SurveyRef::Item("8".into())],
        kpi: Some(KpiRef::new(frt.clone(), SegmentFilter::AllTickets).unwrap()),
        target: 28_800.0,
        direction: Direction::LowerIsBetter,
        minimum: None,
        required_share: None,
        owner: slug("cs"),
        since: None,
    };
    Study::new(StudySpec {
        slug: "s".into(),
        name: "S".into(),
        units: vec![Unit { slug: slug("warsaw"), name: String::new() }],
        departments: vec![
            Department { slug: slug("cs"), name: String::new() },
            Department { slug: slug("it"), name: String::new() },
        ],
        waves: vec![
            Wave::new(slug("w1"), date(2025, 1, 1), date(2025, 6, 30)).unwrap(),
            Wave::new(slug("w2"), date(2025, 7, 1), date(2025, 12, 31)).unwrap(),
        ],
        standards: vec![standard("frt-8h").build().unwrap(), standard("ivr").build().unwrap()],
        ..StudySpec::default()
    })
    .unwrap()
}

fn change(d: Date, status: ActionStatus) -> StatusChange {
    StatusChange { date: d, status, comment: String::new() }
}

fn spec(s: &str) -> ActionSpec {
    ActionSpec {
        slug: s.into(),
        title: "Callback rota".into(),
        description: String::new(),
        owner: Some("Anna Nowak".into()),
        departments: vec![slug("cs")],
        start: Some(date(2025, 7, 1)),
        due: Some(date(2025, 9, 30)),
        tasks: vec![Task {
            title: "Draft rota".into(),
            owner: Some("Jan".into()),
            due: Some(date(2025, 7, 15)),
            status: ActionStatus::Done,
        }],
        history: vec![change(date(2025, 7, 1), ActionStatus::InProgress)],
        status: None,
        gaps: vec![gap("g5/item/8"), gap("g3/standard/frt-8h")],
        metric: Some(ActionMetric {
            gap: gap("g5/item/8"),
            unit: slug("warsaw"),
            baseline_wave: slug("w1"),
            baseline: Some(-1.2),
            target: -0.6,
            expected_share: 0.5,
        }),
    }
}

#[track_caller]
fn rule_of(result: Result<Action, CoreError>) -> String {
    match result {
        Err(CoreError::StudyObject { object: "action", rule, .. }) => rule,
        other => panic!("expected an action error, got {other:?}"),
    }
}

#[test]
fn issue_15_a_valid_action_keeps_its_parts_and_takes_its_status_from_the_history() {
    let mut s = spec("callback-rota");
    s.history.push(change(date(2025, 8, 1), ActionStatus::Blocked));
    s.owner = Some("  Anna Nowak ".into());
    let action = s.build().unwrap();
    assert_eq!(action.status(), ActionStatus::Blocked);
    assert_eq!(action.owner(), Some("Anna Nowak"));
    assert_eq!(action.due(), date(2025, 9, 30));
    assert_eq!(action.to_spec().status, Some(ActionStatus::Blocked));
    assert_eq!(spec("x").build().unwrap().status(), ActionStatus::InProgress);
    let mut empty = spec("y");
    empty.history.clear();
    assert_eq!(empty.build().unwrap().status(), ActionStatus::Planned);
}

#[test]
fn issue_15_status_ids_round_trip() {
    for s in ActionStatus::ALL {
        assert_eq!(ActionStatus::from_id(s.id()), Some(s));
    }
    assert_eq!(ActionStatus::from_id("finished"), None);
}

#[test]
fn issue_15_action_rules_each_name_what_is_wrong() {
    let mut s = spec("a");
    s.due = Some(date(2025, 6, 1));
    assert_eq!(rule_of(s.build()), "is due (2025-06-01) before it starts (2025-07-01)");
    let mut s = spec("a");
    s.history.push(change(date(2025, 6, 1), ActionStatus::Done));
    assert!(rule_of(s.build()).contains("out of date order"));
    let mut s = spec("a");
    s.status = Some(ActionStatus::Done);
    assert_eq!(rule_of(s.build()), "has status `done`, but the last entry of its history says `in-progress`");
    let mut s = spec("a");
    s.metric.as_mut().unwrap().expected_share = 0.0;
    assert!(rule_of(s.build()).contains("expected share 0"));
    let mut s = spec("a");
    s.metric.as_mut().unwrap().gap = gap("g5/item/9");
    assert!(rule_of(s.build()).contains("does not link"));
    let mut s = spec("a");
    s.gaps.push(gap("g5/item/8"));
    assert!(rule_of(s.build()).contains("twice"));
    let mut s = spec("a");
    s.title = " ".into();
    assert_eq!(rule_of(s.build()), "has no title");
    let mut s = spec("a");
    s.due = None;
    assert_eq!(rule_of(s.build()), "has no due date");
    let mut s = spec("a");
    s.metric.as_mut().unwrap().target = f64::NAN;
    assert!(rule_of(s.build()).contains("target"));
    assert!(matches!(spec("Bad Slug").build(), Err(CoreError::StudyObject { object: "action", .. })));
}

#[test]
fn issue_15_plan_checks_references_against_the_study() {
    let study = study();
    let ok = Plan::new(vec![spec("a").build().unwrap(), spec("b").build().unwrap()], &study).unwrap();
    assert_eq!(ok.actions().len(), 2);
    assert!(ok.action(&slug("b")).is_some());
    let err = Plan::new(vec![spec("a").build().unwrap(), spec("a").build().unwrap()], &study).unwrap_err();
    assert_eq!(err.to_string(), "action `a` is defined twice");
    let mut s = spec("a");
    s.departments.push(slug("hr"));
    let err = Plan::new(vec![s.build().unwrap()], &study).unwrap_err();
    assert_eq!(err.to_string(), "action `a` names department `hr`, which the study does not define");
    let mut s = spec("a");
    s.metric.as_mut().unwrap().unit = slug("krakow");
    assert!(Plan::new(vec![s.build().unwrap()], &study).unwrap_err().to_string().contains("unit `krakow`"));
    let mut s = spec("a");
    s.metric.as_mut().unwrap().baseline_wave = slug("w9");
    assert!(Plan::new(vec![s.build().unwrap()], &study).unwrap_err().to_string().contains("wave `w9`"));
}

fn measured_everything() -> Vec<(Slug, BTreeSet<(Slug, GapId)>)> {
    let all: BTreeSet<(Slug, GapId)> = [
        (slug("warsaw"), gap("g5/item/8")),
        (slug("warsaw"), gap("g3/standard/frt-8h")),
        (slug("warsaw"), gap("g3/standard/ivr")),
    ]
    .into();
    vec![(slug("w1"), all.clone()), (slug("w2"), all)]
}

fn inputs(as_of: Date) -> FindingInputs {
    FindingInputs { as_of, high_priority: Vec::new(), measured: measured_everything() }
}

fn rules(plan: &Plan, inputs: &FindingInputs) -> Vec<FindingRule> {
    findings(plan, &study(), inputs).iter().map(PlanFinding::rule).collect()
}

fn plan_of(specs: Vec<ActionSpec>) -> Plan {
    Plan::new(specs.into_iter().map(|s| s.build().unwrap()).collect(), &study()).unwrap()
}

#[test]
fn issue_15_a_clean_plan_has_no_finding() {
    assert!(rules(&plan_of(vec![spec("a")]), &inputs(date(2025, 8, 1))).is_empty());
}

#[test]
fn issue_15_overdue_action_counts_days_after_the_due_date_until_closed() {
    let plan = plan_of(vec![spec("a")]);
    assert!(rules(&plan, &inputs(date(2025, 9, 30))).is_empty(), "due today is not late");
    let found = findings(&plan, &study(), &inputs(date(2025, 10, 3)));
    assert_eq!(
        found,
        vec![PlanFinding::OverdueAction {
            action: slug("a"),
            due: date(2025, 9, 30),
            days_late: 3,
            status: ActionStatus::InProgress
        }]
    );
    let mut done = spec("a");
    done.history.push(change(date(2025, 9, 1), ActionStatus::Done));
    assert!(rules(&plan_of(vec![done]), &inputs(date(2025, 10, 3))).is_empty());
}

#[test]
fn issue_15_overdue_task_names_its_position_and_skips_closed_tasks() {
    let mut s = spec("a");
    s.tasks.push(Task {
        title: "Train staff".into(),
        owner: None,
        due: Some(date(2025, 7, 20)),
        status: ActionStatus::Planned,
    });
    s.tasks.push(Task { title: "No date".into(), owner: None, due: None, status: ActionStatus::Planned });
    let found = findings(&plan_of(vec![s.clone()]), &study(), &inputs(date(2025, 7, 25)));
    assert_eq!(
        found,
        vec![PlanFinding::OverdueTask {
            action: slug("a"),
            task: 2,
            title: "Train staff".into(),
            due: date(2025, 7, 20),
            days_late: 5
        }]
    );
    s.history.push(change(date(2025, 7, 21), ActionStatus::Dropped));
    assert!(rules(&plan_of(vec![s]), &inputs(date(2025, 7, 25))).is_empty());
}

#[test]
fn issue_15_action_without_owner_is_found_also_when_the_owner_is_blank() {
    let mut s = spec("a");
    s.owner = Some("   ".into());
    let mut t = spec("b");
    t.owner = None;
    let found = findings(&plan_of(vec![s, t, spec("c")]), &study(), &inputs(date(2025, 8, 1)));
    assert_eq!(
        found,
        vec![
            PlanFinding::ActionWithoutOwner { action: slug("a") },
            PlanFinding::ActionWithoutOwner { action: slug("b") }
        ]
    );
}

#[test]
fn issue_15_high_priority_gap_without_action_ignores_dropped_actions() {
    let mut input = inputs(date(2025, 8, 1));
    input.high_priority = vec![(slug("warsaw"), gap("g5/item/8")), (slug("warsaw"), gap("g5/item/3"))];
    let found = findings(&plan_of(vec![spec("a")]), &study(), &input);
    assert_eq!(found, vec![PlanFinding::GapWithoutAction { unit: slug("warsaw"), gap: gap("g5/item/3") }]);
    let mut dropped = spec("a");
    dropped.history.push(change(date(2025, 7, 2), ActionStatus::Dropped));
    assert_eq!(rules(&plan_of(vec![dropped]), &input), vec![FindingRule::GapWithoutAction; 2]);
}

#[test]
fn issue_15_metric_not_measured_needs_a_later_wave_that_misses_it() {
    let mut input = inputs(date(2025, 8, 1));
    input.measured[1].1.remove(&(slug("warsaw"), gap("g5/item/8")));
    let found = findings(&plan_of(vec![spec("a")]), &study(), &input);
    assert_eq!(
        found,
        vec![PlanFinding::MetricNotMeasured {
            action: slug("a"),
            gap: gap("g5/item/8"),
            unit: slug("warsaw"),
            baseline_wave: slug("w1")
        }]
    );
    let mut last = spec("a");
    last.metric.as_mut().unwrap().baseline_wave = slug("w2");
    assert!(rules(&plan_of(vec![last]), &input).is_empty(), "no later wave yet: nothing to report");
}

#[test]
fn issue_15_standard_not_measured_in_any_wave() {
    let mut input = inputs(date(2025, 8, 1));
    for (_, gaps) in &mut input.measured {
        gaps.remove(&(slug("warsaw"), gap("g3/standard/ivr")));
    }
    let found = findings(&plan_of(vec![spec("a")]), &study(), &input);
    assert_eq!(found, vec![PlanFinding::StandardNotMeasured { standard: slug("ivr") }]);
    assert_eq!(found[0].rule().id(), "standard-not-measured");
    assert_eq!(found[0].action(), None);
}
