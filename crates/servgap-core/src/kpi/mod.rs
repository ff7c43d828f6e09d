//! Help-desk KPIs: current state from tickets, desired state from targets, and the gap.
//!
//! ```text
//! Ticket + Events ──KpiAggregate::add──▶ KpiAggregate ──merge──▶ ──finish──▶ KpiReport
//!                                                                              │
//!                         Target / Benchmark ───────────── targets::evaluate ◀──┘──▶ GapRow
//! ```
//!
//! * [`model`]: the canonical [`Ticket`] with its [`Event`]s (status changes mapped to
//!   new, open, pending, on-hold, solved, closed; public agent replies; customer messages)
//!   and validated [`SurveyAnswer`]s.
//! * [`calendar`]: [`BusinessCalendar`] — IANA zone (jiff's bundled tzdb, no I/O), several
//!   working intervals a day incl. overnight, holidays (list or iCal text), DST-correct
//!   `between` and `add`, pauses.
//! * [`metrics`]: per-ticket KPI values in calendar and business seconds (kpi.md §6).
//! * [`aggregate`]: exact, mergeable per-(period, segment) aggregates; [`histogram`] holds
//!   integer-second histograms of bounded size (exact below a day, coarse buckets above
//!   once values are many); medians and p90 stay exact after any merge, those in a coarse
//!   bucket through a second pass ([`KpiAggregate::refinements`], [`KpiEngine::refiner`],
//!   [`KpiAggregate::refine`]).
//! * [`summary`]: quantile definitions, means, Wilson intervals, NPS and CES read-outs.
//! * [`targets`] and [`mod@benchmarks`]: desired state, benchmark presets and direction-aware gaps.
//!
//! Exact definitions and differences from Zendesk, Freshdesk, Intercom, Chatwoot and
//! Zammad are in `docs/kpi-definitions.md`.

pub mod aggregate;
pub mod benchmarks;
pub mod calendar;
pub mod definitions;
pub mod histogram;
pub mod metrics;
pub mod model;
pub mod satisfaction;
pub mod summary;
pub mod targets;

pub use aggregate::{
    BacklogChangeParts, DurationParts, KpiGroupParts, KpiParts, ReopenDayParts, SatisfactionParts,
};
pub use aggregate::{
    BacklogPoint, Calendars, Clocked, Cohort, Compute, DurationKpi, GroupSummary, KpiAggregate, KpiEngine,
    KpiOptions, KpiReport, Period, Refinements, Segment, SlaSummary, DEFAULT_MAX_SEGMENTS,
};
pub use benchmarks::{benchmarks, Benchmark};
pub use calendar::{parse_ical_holidays, BusinessCalendar, TimeRange, WeekSchedule, WorkingInterval};
pub use definitions::{
    mask_unmeasurable, measurability, partial_periods, Definitions, ExportInputs, FcrRule, Input,
    Measurability, MeasuredKpi, Profile, ReopenRule, ResolutionEnd,
};
pub use histogram::{DurationHistogram, DurationHistogramParts, SPARSE_BUDGET};
pub use metrics::{
    Clock, Durations, MetricOptions, PausePolicy, SlaMetric, SlaOutcome, SlaTarget, TicketMetrics,
};
pub use model::{CesScale, CsatScale, Dimension, Event, EventKind, Status, Survey, SurveyAnswer, Ticket};
pub use satisfaction::{
    associate, fisher_two_sided, newcombe_difference, ConditionCounts, ConditionSummary, MetSatisfied,
    NotPerTicket, SatisfactionAssociation, TicketCondition, TicketSatisfaction, Unmeasurable,
};
pub use summary::{
    CesEstimate, DurationSummary, Interval, NpsEstimate, Proportion, QuantileLevel, QuantileMethod,
    ShareEstimate, Z_95,
};
pub use targets::{
    evaluate, judge, Direction, Gap, GapRow, GapStatus, JudgeContext, Measure, Reading, SegmentFilter,
    Statistic, Target, Unit, Unjudged, UnjudgedRow, MAX_TARGET_SECONDS,
};

#[cfg(test)]
mod tests;
