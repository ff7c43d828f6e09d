//! Why a component of a gap could not be measured, so that a row never shows a silent gap.

use super::components::Components;
use super::inputs::PriorityInput;
use super::weights::Component;
use crate::study::gap_id::GapKind;

/// Why one component of a gap is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissingReason {
    /// Severity: the gap has no size in the wave ranked.
    NoSize,
    /// Impact: a KPI gap that no standard or promise links to survey items, so nothing
    /// gives it an importance; no ticket-level association of the KPI with CSAT is
    /// measured.
    KpiWithoutLinkedItems,
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
    /// `no-size`, `kpi-without-linked-items`, `nothing-touched`, `importance-not-measured`,
    /// `no-urgency-signal`, `not-rated`.
    pub fn id(self) -> &'static str {
        match self {
            MissingReason::NoSize => "no-size",
            MissingReason::KpiWithoutLinkedItems => "kpi-without-linked-items",
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
            Component::Impact if input.gap.kind() == GapKind::Kpi => MissingReason::KpiWithoutLinkedItems,
            Component::Impact => MissingReason::NothingTouched,
            Component::Urgency => MissingReason::NoUrgencySignal,
            Component::Feasibility => MissingReason::NotRated,
        })
    }
}
