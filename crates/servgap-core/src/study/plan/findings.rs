//! Plan findings (`gap-study.md` §4, issue 15 part 3): the quality warnings of a plan on a
//! given day. Each names the rule and the action, task, gap or standard concerned.
//!
//! ```text
//! overdue-action        due < as_of and the action is neither done nor dropped
//! overdue-task          a task's due < as_of and the task is neither done nor dropped
//!                       (tasks of a dropped action are not reported)
//! action-without-owner  no owner named
//! gap-without-action    a high-priority gap (unit, id) that no action other than a dropped
//!                       one links (an action's linked ids cover every unit)
//! metric-not-measured   a later wave than the metric's baseline wave exists, and no later
//!                       wave measured the metric's gap in its unit
//! standard-not-measured a standard of the study whose g3/standard/<slug> gap no wave measured
//! ```
//! "Later" follows the study's wave order. Findings come out in the order of the table,
//! then in plan, register or study order.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::action::{Action, ActionStatus};
use super::validate::Plan;
use crate::study::{GapId, Slug, Study};

/// Which rule a [`PlanFinding`] broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingRule {
    /// An open action past its due date.
    OverdueAction,
    /// An open task past its due date.
    OverdueTask,
    /// An action with nobody named as owner.
    ActionWithoutOwner,
    /// A high-priority gap no action addresses.
    GapWithoutAction,
    /// An action whose metric no later wave measures.
    MetricNotMeasured,
    /// A standard no wave measures.
    StandardNotMeasured,
}

impl FindingRule {
    /// Every rule, in report order.
    pub const ALL: [FindingRule; 6] = [
        FindingRule::OverdueAction,
        FindingRule::OverdueTask,
        FindingRule::ActionWithoutOwner,
        FindingRule::GapWithoutAction,
        FindingRule::MetricNotMeasured,
        FindingRule::StandardNotMeasured,
    ];

    /// The rule's id (see the module documentation).
    pub fn id(self) -> &'static str {
        match self {
            FindingRule::OverdueAction => "overdue-action",
            FindingRule::OverdueTask => "overdue-task",
            FindingRule::ActionWithoutOwner => "action-without-owner",
            FindingRule::GapWithoutAction => "gap-without-action",
            FindingRule::MetricNotMeasured => "metric-not-measured",
            FindingRule::StandardNotMeasured => "standard-not-measured",
        }
    }
}

/// One plan finding, with what it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanFinding {
    /// `overdue-action`.
    OverdueAction {
        /// The action.
        action: Slug,
        /// Its due date.
        due: Date,
        /// Whole days from `due` to `as_of` (≥ 1).
        days_late: i32,
        /// Its current status.
        status: ActionStatus,
    },
    /// `overdue-task`.
    OverdueTask {
        /// The action.
        action: Slug,
        /// The task's position in the action, from 1.
        task: usize,
        /// The task's title.
        title: String,
        /// Its due date.
        due: Date,
        /// Whole days from `due` to `as_of` (≥ 1).
        days_late: i32,
    },
    /// `action-without-owner`.
    ActionWithoutOwner {
        /// The action.
        action: Slug,
    },
    /// `gap-without-action`.
    GapWithoutAction {
        /// The unit the gap was measured in.
        unit: Slug,
        /// The gap.
        gap: GapId,
    },
    /// `metric-not-measured`.
    MetricNotMeasured {
        /// The action.
        action: Slug,
        /// Its metric's gap.
        gap: GapId,
        /// Its metric's unit.
        unit: Slug,
        /// Its baseline wave.
        baseline_wave: Slug,
    },
    /// `standard-not-measured`.
    StandardNotMeasured {
        /// The standard.
        standard: Slug,
    },
}

impl PlanFinding {
    /// The rule broken.
    pub fn rule(&self) -> FindingRule {
        match self {
            PlanFinding::OverdueAction { .. } => FindingRule::OverdueAction,
            PlanFinding::OverdueTask { .. } => FindingRule::OverdueTask,
            PlanFinding::ActionWithoutOwner { .. } => FindingRule::ActionWithoutOwner,
            PlanFinding::GapWithoutAction { .. } => FindingRule::GapWithoutAction,
            PlanFinding::MetricNotMeasured { .. } => FindingRule::MetricNotMeasured,
            PlanFinding::StandardNotMeasured { .. } => FindingRule::StandardNotMeasured,
        }
    }

    /// The action concerned, if the finding is about one.
    pub fn action(&self) -> Option<&Slug> {
        match self {
            PlanFinding::OverdueAction { action, .. }
            | PlanFinding::OverdueTask { action, .. }
            | PlanFinding::ActionWithoutOwner { action }
            | PlanFinding::MetricNotMeasured { action, .. } => Some(action),
            _ => None,
        }
    }
}

/// What the findings are judged on, besides the plan and the study.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingInputs {
    /// The day the plan is judged on (the caller's "today"; core has no clock).
    pub as_of: Date,
    /// The gaps judged high priority, as (unit, gap id), in the order to report them.
    pub high_priority: Vec<(Slug, GapId)>,
    /// The gaps measured in each wave, as (wave, set of (unit, gap id)); waves missing
    /// here measured nothing.
    pub measured: Vec<(Slug, BTreeSet<(Slug, GapId)>)>,
}

/// Every finding of `plan` in `study` on `inputs.as_of` (rules in the module documentation).
pub fn findings(plan: &Plan, study: &Study, inputs: &FindingInputs) -> Vec<PlanFinding> {
    let mut out = Vec::new();
    out.extend(plan.actions().iter().filter_map(|a| overdue_action(a, inputs.as_of)));
    out.extend(plan.actions().iter().flat_map(|a| overdue_tasks(a, inputs.as_of)));
    out.extend(
        plan.actions()
            .iter()
            .filter(|a| a.owner().is_none())
            .map(|a| PlanFinding::ActionWithoutOwner { action: a.slug().clone() }),
    );
    out.extend(gaps_without_action(plan, &inputs.high_priority));
    out.extend(plan.actions().iter().filter_map(|a| metric_not_measured(a, study, &inputs.measured)));
    out.extend(standards_not_measured(study, &inputs.measured));
    out
}

fn days_late(due: Date, as_of: Date) -> Option<i32> {
    let days = (as_of - due).get_days();
    (days > 0).then_some(days)
}

fn overdue_action(action: &Action, as_of: Date) -> Option<PlanFinding> {
    if action.status().is_closed() {
        return None;
    }
    let days_late = days_late(action.due(), as_of)?;
    Some(PlanFinding::OverdueAction {
        action: action.slug().clone(),
        due: action.due(),
        days_late,
        status: action.status(),
    })
}

fn overdue_tasks(action: &Action, as_of: Date) -> Vec<PlanFinding> {
    if action.status() == ActionStatus::Dropped {
        return Vec::new();
    }
    let open = action.tasks().iter().enumerate().filter(|(_, t)| !t.status.is_closed());
    open.filter_map(|(i, t)| {
        let due = t.due?;
        Some(PlanFinding::OverdueTask {
            action: action.slug().clone(),
            task: i + 1,
            title: t.title.clone(),
            due,
            days_late: days_late(due, as_of)?,
        })
    })
    .collect()
}

fn gaps_without_action(plan: &Plan, high_priority: &[(Slug, GapId)]) -> Vec<PlanFinding> {
    let covered: BTreeSet<&GapId> = plan
        .actions()
        .iter()
        .filter(|a| a.status() != ActionStatus::Dropped)
        .flat_map(|a| a.gaps())
        .collect();
    high_priority
        .iter()
        .filter(|(_, gap)| !covered.contains(gap))
        .map(|(unit, gap)| PlanFinding::GapWithoutAction { unit: unit.clone(), gap: gap.clone() })
        .collect()
}

fn metric_not_measured(
    action: &Action,
    study: &Study,
    measured: &[(Slug, BTreeSet<(Slug, GapId)>)],
) -> Option<PlanFinding> {
    let metric = action.metric()?;
    let base = study.waves().iter().position(|w| *w.slug() == metric.baseline_wave)?;
    let later = &study.waves()[base + 1..];
    if later.is_empty() {
        return None;
    }
    let key = (metric.unit.clone(), metric.gap.clone());
    let seen = later.iter().any(|w| measured.iter().any(|(m, gaps)| m == w.slug() && gaps.contains(&key)));
    (!seen).then(|| PlanFinding::MetricNotMeasured {
        action: action.slug().clone(),
        gap: metric.gap.clone(),
        unit: metric.unit.clone(),
        baseline_wave: metric.baseline_wave.clone(),
    })
}

fn standards_not_measured(study: &Study, measured: &[(Slug, BTreeSet<(Slug, GapId)>)]) -> Vec<PlanFinding> {
    study
        .standards()
        .iter()
        .filter(|s| {
            let id = GapId::Standard(s.slug().clone());
            !measured.iter().any(|(_, gaps)| gaps.iter().any(|(_, g)| *g == id))
        })
        .map(|s| PlanFinding::StandardNotMeasured { standard: s.slug().clone() })
        .collect()
}
