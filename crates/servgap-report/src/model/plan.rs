//! The action plan of a study (schema `servgap.plan/1`, `docs/plan-json.md`): every
//! action with its owner, dates, tasks, status history, linked gaps and metric, and the
//! plan findings judged on a given day. Converted field by field from
//! `servgap_core::study::plan` values; the decisions (which action or task is overdue,
//! by how many days, which gap has no action) are the core's findings, carried as fields.
//! Language-free: statuses and rules are ids; user texts are carried as written.

use serde::{Deserialize, Serialize};
use servgap_core::study::plan::{Action, ActionStatus, FindingRule, Plan, PlanFinding};
use servgap_core::study::Study;

/// Identifier of the plan JSON layout; bumped on any incompatible change.
pub const PLAN_SCHEMA: &str = "servgap.plan/1";

/// The plan of one study on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanReport {
    /// [`PLAN_SCHEMA`].
    pub schema: String,
    /// servgap version that wrote it.
    pub generator: String,
    /// Study slug.
    pub study: String,
    /// Study name as written.
    pub study_name: String,
    /// The day the plan was judged on, ISO 8601.
    pub as_of: String,
    /// How the high-priority gaps were chosen: `ranked-top-k` (the first `top_k` ranks of
    /// `priority_wave`'s priorities) or another rule id.
    pub priority_rule: String,
    /// The wave whose gaps were judged for priority (the latest), if any.
    pub priority_wave: Option<String>,
    /// Actions, in the register's order.
    pub actions: Vec<ActionView>,
    /// Actions per status: `(status id, count)` for every status, in workflow order.
    pub status_counts: Vec<(String, usize)>,
    /// Findings, in rule order.
    pub findings: Vec<PlanFindingView>,
}

/// One action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionView {
    /// Slug.
    pub slug: String,
    /// Title as written.
    pub title: String,
    /// Description as written (may be empty).
    pub description: String,
    /// Owner; `None` when nobody was named.
    pub owner: Option<String>,
    /// Department slugs.
    pub departments: Vec<String>,
    /// First day, ISO 8601.
    pub start: String,
    /// Deadline, ISO 8601.
    pub due: String,
    /// Current status id (`planned`, `in-progress`, `blocked`, `done`, `dropped`).
    pub status: String,
    /// Days past due on `as_of` when the action is overdue (an `overdue-action` finding).
    pub days_late: Option<i32>,
    /// Tasks, in order.
    pub tasks: Vec<TaskView>,
    /// Status history, oldest first.
    pub history: Vec<StatusChangeView>,
    /// Linked gap ids.
    pub gaps: Vec<String>,
    /// The metric it must move.
    pub metric: Option<MetricView>,
}

/// One task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskView {
    /// Title as written.
    pub title: String,
    /// Owner.
    pub owner: Option<String>,
    /// Deadline, ISO 8601.
    pub due: Option<String>,
    /// Status id.
    pub status: String,
    /// Days past due when overdue (an `overdue-task` finding).
    pub days_late: Option<i32>,
}

/// One status change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChangeView {
    /// Day, ISO 8601.
    pub date: String,
    /// Status id from that day.
    pub status: String,
    /// Comment as written.
    pub comment: String,
}

/// The metric of an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricView {
    /// Gap id.
    pub gap: String,
    /// Unit slug.
    pub unit: String,
    /// Baseline wave slug.
    pub baseline_wave: String,
    /// Baseline as planned (the gap's current value), if written.
    pub baseline: Option<f64>,
    /// Target value, in the gap's unit.
    pub target: f64,
    /// Expected share of the gap closed, in (0, 1].
    pub expected_share: f64,
}

/// One plan finding: its rule and what it concerns (unused fields are `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFindingView {
    /// Rule id (`overdue-action`, `overdue-task`, `action-without-owner`,
    /// `gap-without-action`, `metric-not-measured`, `standard-not-measured`).
    pub rule: String,
    /// Action slug.
    pub action: Option<String>,
    /// Task position (from 1) and title.
    pub task: Option<(usize, String)>,
    /// Gap id.
    pub gap: Option<String>,
    /// Unit slug.
    pub unit: Option<String>,
    /// Standard slug.
    pub standard: Option<String>,
    /// Due date, ISO 8601.
    pub due: Option<String>,
    /// Days past due.
    pub days_late: Option<i32>,
    /// Baseline wave of a metric.
    pub baseline_wave: Option<String>,
}

impl PlanFindingView {
    fn of(rule: FindingRule) -> PlanFindingView {
        PlanFindingView {
            rule: rule.id().to_owned(),
            action: None,
            task: None,
            gap: None,
            unit: None,
            standard: None,
            due: None,
            days_late: None,
            baseline_wave: None,
        }
    }

    /// The view of a core finding.
    pub fn new(finding: &PlanFinding) -> PlanFindingView {
        let mut v = PlanFindingView::of(finding.rule());
        v.action = finding.action().map(ToString::to_string);
        match finding {
            PlanFinding::OverdueAction { due, days_late, .. } => {
                v.due = Some(due.to_string());
                v.days_late = Some(*days_late);
            }
            PlanFinding::OverdueTask { task, title, due, days_late, .. } => {
                v.task = Some((*task, title.clone()));
                v.due = Some(due.to_string());
                v.days_late = Some(*days_late);
            }
            PlanFinding::ActionWithoutOwner { .. } => {}
            PlanFinding::GapWithoutAction { unit, gap } => {
                v.unit = Some(unit.to_string());
                v.gap = Some(gap.to_string());
            }
            PlanFinding::MetricNotMeasured { gap, unit, baseline_wave, .. } => {
                v.gap = Some(gap.to_string());
                v.unit = Some(unit.to_string());
                v.baseline_wave = Some(baseline_wave.to_string());
            }
            PlanFinding::StandardNotMeasured { standard } => v.standard = Some(standard.to_string()),
        }
        v
    }
}

fn action_view(action: &Action, findings: &[PlanFinding]) -> ActionView {
    let mine = |f: &&PlanFinding| f.action() == Some(action.slug());
    let days_late = findings.iter().filter(mine).find_map(|f| match f {
        PlanFinding::OverdueAction { days_late, .. } => Some(*days_late),
        _ => None,
    });
    let task_late = |i: usize| {
        findings.iter().filter(mine).find_map(|f| match f {
            PlanFinding::OverdueTask { task, days_late, .. } if *task == i + 1 => Some(*days_late),
            _ => None,
        })
    };
    ActionView {
        slug: action.slug().to_string(),
        title: action.title().to_owned(),
        description: action.description().to_owned(),
        owner: action.owner().map(str::to_owned),
        departments: action.departments().iter().map(ToString::to_string).collect(),
        start: action.start().to_string(),
        due: action.due().to_string(),
        status: action.status().id().to_owned(),
        days_late,
        tasks: action
            .tasks()
            .iter()
            .enumerate()
            .map(|(i, t)| TaskView {
                title: t.title.clone(),
                owner: t.owner.clone(),
                due: t.due.map(|d| d.to_string()),
                status: t.status.id().to_owned(),
                days_late: task_late(i),
            })
            .collect(),
        history: action
            .history()
            .iter()
            .map(|c| StatusChangeView {
                date: c.date.to_string(),
                status: c.status.id().to_owned(),
                comment: c.comment.clone(),
            })
            .collect(),
        gaps: action.gaps().iter().map(ToString::to_string).collect(),
        metric: action.metric().map(|m| MetricView {
            gap: m.gap.to_string(),
            unit: m.unit.to_string(),
            baseline_wave: m.baseline_wave.to_string(),
            baseline: m.baseline,
            target: m.target,
            expected_share: m.expected_share,
        }),
    }
}

/// What [`PlanReport::new`] needs besides the plan.
#[derive(Debug, Clone, Copy)]
pub struct PlanContext<'a> {
    /// The study.
    pub study: &'a Study,
    /// The day judged on, ISO 8601.
    pub as_of: &'a str,
    /// The priority rule id (see [`PlanReport::priority_rule`]).
    pub priority_rule: &'a str,
    /// The wave judged for priority.
    pub priority_wave: Option<&'a str>,
    /// The servgap version writing the report.
    pub generator: &'a str,
}

impl PlanReport {
    /// The view of `plan` and its `findings` (from `servgap_core::study::plan::findings`).
    pub fn new(plan: &Plan, findings: &[PlanFinding], context: PlanContext<'_>) -> PlanReport {
        let actions: Vec<ActionView> = plan.actions().iter().map(|a| action_view(a, findings)).collect();
        let status_counts = ActionStatus::ALL
            .iter()
            .map(|s| (s.id().to_owned(), plan.actions().iter().filter(|a| a.status() == *s).count()))
            .collect();
        PlanReport {
            schema: PLAN_SCHEMA.to_owned(),
            generator: context.generator.to_owned(),
            study: context.study.slug().to_string(),
            study_name: context.study.name().to_owned(),
            as_of: context.as_of.to_owned(),
            priority_rule: context.priority_rule.to_owned(),
            priority_wave: context.priority_wave.map(str::to_owned),
            actions,
            status_counts,
            findings: findings.iter().map(PlanFindingView::new).collect(),
        }
    }
}
