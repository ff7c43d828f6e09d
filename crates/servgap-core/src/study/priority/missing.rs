//! Why a component of a gap could not be measured, so that a row never shows a silent gap.

use super::components::Components;
use super::inputs::PriorityInput;
use super::weights::Component;
use crate::kpi::{NotPerTicket, TicketSatisfaction, Unmeasurable};
use crate::study::gap_id::GapKind;
use crate::study::Gap;

/// Why one component of a gap is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissingReason {
    /// Severity: the gap has no size in the wave ranked.
    NoSize,
    /// Impact: a KPI gap that no standard or promise links to survey items and whose gap
    /// carries no ticket-level association with CSAT (a gap built without the ticket counts,
    /// e.g. from a stored report), so nothing gives it an importance.
    KpiWithoutLinkedItems,
    /// Impact: a KPI gap without linked survey items whose target's association with CSAT
    /// is not measurable on its tickets: no rated ticket has the condition, or every rated
    /// ticket met it, missed it, was satisfied, or was not (φ undefined).
    KpiAssociation(Unmeasurable),
    /// Impact: a KPI gap without linked survey items whose measure is not a property of one
    /// ticket (CSAT response rate, backlog), so it has no per-ticket association with CSAT.
    KpiNotPerTicket,
    /// Impact: the gap touches no survey item or dimension (a gap-1 summary, a gap-3 or
    /// gap-4 scale of the staff survey, a standard or promise without items).
    NothingTouched,
    /// Impact: the gap touches survey items, but the unit's customer survey gave them no
    /// importance (no point allocation, no overall satisfaction, or no survey of the unit).
    ImportanceNotMeasured,
    /// Urgency: a single wave, no breach beyond sampling doubt, no minimum band and no
    /// deadline.
    NoUrgencySignal,
    /// Feasibility: nobody rated the gap, or every rater left effort, cost and rating blank.
    NotRated,
}

impl MissingReason {
    /// `no-size`, `kpi-without-linked-items`, `kpi-association-no-rated-tickets`,
    /// `kpi-association-all-met`, `kpi-association-all-missed`,
    /// `kpi-association-all-satisfied`, `kpi-association-none-satisfied`,
    /// `kpi-not-per-ticket`, `nothing-touched`, `importance-not-measured`,
    /// `no-urgency-signal`, `not-rated`.
    pub fn id(self) -> &'static str {
        match self {
            MissingReason::NoSize => "no-size",
            MissingReason::KpiWithoutLinkedItems => "kpi-without-linked-items",
            MissingReason::KpiAssociation(why) => match why {
                Unmeasurable::NoRatedTickets => "kpi-association-no-rated-tickets",
                Unmeasurable::AllMet => "kpi-association-all-met",
                Unmeasurable::AllMissed => "kpi-association-all-missed",
                Unmeasurable::AllSatisfied => "kpi-association-all-satisfied",
                Unmeasurable::NoneSatisfied => "kpi-association-none-satisfied",
            },
            MissingReason::KpiNotPerTicket => "kpi-not-per-ticket",
            MissingReason::NothingTouched => "nothing-touched",
            MissingReason::ImportanceNotMeasured => "importance-not-measured",
            MissingReason::NoUrgencySignal => "no-urgency-signal",
            MissingReason::NotRated => "not-rated",
        }
    }

    /// Why `component` is missing from `components` (computed from `input`); `None` when it
    /// is present.
    pub fn of(input: &PriorityInput, components: &Components, component: Component) -> Option<MissingReason> {
        if components.value(component).is_some() {
            return None;
        }
        Some(match component {
            Component::Severity => MissingReason::NoSize,
            Component::Impact if !input.touched.is_empty() => MissingReason::ImportanceNotMeasured,
            Component::Impact if input.gap.kind() == GapKind::Kpi => MissingReason::kpi_impact(&input.gap),
            Component::Impact => MissingReason::NothingTouched,
            Component::Urgency => MissingReason::NoUrgencySignal,
            Component::Feasibility => MissingReason::NotRated,
        })
    }

    /// Why a KPI gap without linked survey items has no impact, from its ticket-level
    /// association with CSAT (`Gap::evidence.satisfaction`).
    fn kpi_impact(gap: &Gap) -> MissingReason {
        match &gap.evidence.satisfaction {
            Some(TicketSatisfaction::Measured { association: Err(why), .. }) => {
                MissingReason::KpiAssociation(*why)
            }
            Some(TicketSatisfaction::NotPerTicket(NotPerTicket::NotATicketProperty)) => {
                MissingReason::KpiNotPerTicket
            }
            _ => MissingReason::KpiWithoutLinkedItems,
        }
    }
}
