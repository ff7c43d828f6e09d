//! One action of a plan: its status, tasks, dated history, linked gaps and the metric it
//! must move (`gap-study.md` §1 and §4). Built from an [`ActionSpec`] by
//! [`ActionSpec::build`], which checks the action's own rules.

use jiff::civil::Date;

use crate::study::{GapId, Slug};
use crate::CoreError;

pub(crate) fn invalid(id: &str, rule: impl Into<String>) -> CoreError {
    CoreError::StudyObject { object: "action", id: id.to_owned(), rule: rule.into() }
}

/// Where an action (or a task) stands, as people report it. Fieldwork progress only:
/// whether the gap closed is measured on the next wave, never inferred from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionStatus {
    /// Agreed, not started.
    Planned,
    /// Work under way.
    InProgress,
    /// Stopped by something outside the owner's reach.
    Blocked,
    /// Finished.
    Done,
    /// Abandoned; no longer expected to move its metric.
    Dropped,
}

impl ActionStatus {
    /// Every status, in workflow order.
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Blocked,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// `planned`, `in-progress`, `blocked`, `done`, `dropped`: the spelling in files.
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Blocked => "blocked",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// The status spelt `id` (see [`ActionStatus::id`]); `None` for any other text.
    pub fn from_id(id: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    /// True for done and dropped: nothing is left to do, so it cannot be overdue.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

/// One dated entry of an action's status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// When the status changed.
    pub date: Date,
    /// The status from that day on.
    pub status: ActionStatus,
    /// Why, in the user's words (may be empty).
    pub comment: String,
}

/// One task of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// What is to be done (not empty).
    pub title: String,
    /// Who does it; `None` when nobody was named.
    pub owner: Option<String>,
    /// Deadline; `None` when none was set.
    pub due: Option<Date>,
    /// Current status.
    pub status: ActionStatus,
}

/// The metric an action must move: one gap, in one unit, judged against the baseline
/// wave.
///
/// The planned change is `target − baseline` in the gap's own unit (the gap's `current`
/// value); `expected_share` is the share of the baseline gap the action is expected to
/// close, in (0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct ActionMetric {
    /// The gap measured (stable across waves).
    pub gap: GapId,
    /// The unit it is measured in.
    pub unit: Slug,
    /// The wave whose measurement is the baseline.
    pub baseline_wave: Slug,
    /// The gap's current value on the baseline wave as written when planning (`None`:
    /// take the measured value).
    pub baseline: Option<f64>,
    /// The value the action aims for, in the gap's unit.
    pub target: f64,
    /// Share of the baseline gap the action is expected to close, in (0, 1].
    pub expected_share: f64,
}

/// An action as a file gives it; [`ActionSpec::build`] validates it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionSpec {
    /// Identity (a slug, e.g. `callback-rota`).
    pub slug: String,
    /// Short title (not empty).
    pub title: String,
    /// What will be done and why.
    pub description: String,
    /// Accountable person; `None` or blank when nobody was named (a plan finding).
    pub owner: Option<String>,
    /// Departments that carry it out.
    pub departments: Vec<Slug>,
    /// First day.
    pub start: Option<Date>,
    /// Deadline.
    pub due: Option<Date>,
    /// Tasks.
    pub tasks: Vec<Task>,
    /// Status history, oldest first; empty means planned.
    pub history: Vec<StatusChange>,
    /// Status as written beside the history; when given it must equal the last entry's.
    pub status: Option<ActionStatus>,
    /// Gaps the action addresses (many-to-many: a gap may have several actions).
    pub gaps: Vec<GapId>,
    /// The metric it must move; `None` for an action without a measured metric (e.g. on a
    /// qualitative gap).
    pub metric: Option<ActionMetric>,
}

/// A validated action (see [`ActionSpec::build`] for the rules).
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub(super) slug: Slug,
    pub(super) start: Date,
    pub(super) due: Date,
    pub(super) spec: ActionSpec,
}
