//! What a planned ticket file can express, for the measurability of each KPI (issue 13).
//!
//! The answer depends on the file's structure (layout, mapped columns, activity
//! meanings), not on its values: an event log whose statuses can go from solved back to
//! open can show reopens even when none happened; a ticket-per-row export with solve
//! times can never show one.

use servgap_core::kpi::{ExportInputs, Input, Status};

use super::layout::{ActivityMeaning, Layout, Role};
use super::read::TicketPlan;

/// The inputs a file read with `plan` carries, with the survey answers of a responses
/// file joined to it (`plan.responses`).
pub fn export_inputs(plan: &TicketPlan) -> ExportInputs {
    let mut inputs = ExportInputs::none();
    let mut add = |input: Input, present: bool| {
        if present {
            inputs.insert(input);
        }
    };
    match plan.layout {
        Layout::Tickets => {
            let has = |role: Role| plan.column(role).is_some();
            add(Input::FirstReplyTime, has(Role::FirstResponse) || has(Role::FirstResponseMinutes));
            add(Input::ReplyCount, has(Role::Replies));
            add(Input::SolveTimes, has(Role::Solved) || has(Role::Closed));
            // A status column says which tickets are done, not when: the backlog is
            // measurable from it, resolution times are not (they need solve times).
            add(Input::CurrentStatus, has(Role::Status));
        }
        Layout::Events => {
            let meanings: Vec<ActivityMeaning> = plan.activities.values().flatten().copied().collect();
            let statuses: Vec<Status> = meanings
                .iter()
                .filter_map(|m| match m {
                    ActivityMeaning::Status(s) => Some(*s),
                    _ => None,
                })
                .collect();
            let done = statuses.iter().any(|s| s.is_done());
            add(Input::ReplyEvents, meanings.contains(&ActivityMeaning::AgentReply));
            add(Input::FirstReplyTime, meanings.contains(&ActivityMeaning::AgentReply));
            add(Input::CustomerMessages, meanings.contains(&ActivityMeaning::CustomerMessage));
            add(Input::StatusHistory, !statuses.is_empty());
            add(Input::SolveTimes, done);
            add(Input::ReopenEvents, done && statuses.iter().any(|s| !s.is_done()));
        }
    }
    add(Input::Csat, plan.csat.is_some() && plan.column(Role::Csat).is_some());
    add(Input::Nps, plan.column(Role::Nps).is_some());
    add(Input::Ces, plan.column(Role::Ces).is_some());
    if let Some(responses) = &plan.responses {
        for input in responses.inputs.list() {
            add(input, true);
        }
    }
    add(Input::ReassignmentCount, plan.column(Role::ReassignmentCount).is_some());
    add(Input::ReopenCounter, plan.column(Role::ReopenCount).is_some());
    inputs
}
