//! Action plans (`gap-study.md` §1, §4; issue 15 part 3): actions with owners, dates,
//! tasks, a dated status history, the gaps they address and the metric each must move.
//!
//! ```text
//! ActionSpec ──build──▶ Action ─┐
//!                                ├── Plan::new(actions, &Study)  references checked
//! Study ────────────────────────┘         │
//!                                         └── findings(&plan, &FindingInputs)  quality warnings
//! ```
//!
//! Task and action status is fieldwork progress only; whether a metric moved is measured
//! on later waves (`study::progress`). Nothing here reads a file or a clock: the date the
//! findings are judged on is given by the caller.

mod action;
mod action_build;
mod findings;
mod validate;

pub use action::{Action, ActionMetric, ActionSpec, ActionStatus, StatusChange, Task};
pub use findings::{findings, FindingInputs, FindingRule, PlanFinding};
pub use validate::Plan;

#[cfg(test)]
mod tests;
