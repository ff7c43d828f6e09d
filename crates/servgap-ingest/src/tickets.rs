//! Help-desk ticket files for the KPI analysis (issue 4).
//!
//! ```text
//! ticket CSV / event log ──plan_tickets──▶ TicketPlan ──import_tickets──▶ KpiAggregate (+ findings, flags)
//! calendar.toml ──CalendarFile──▶ Calendars        targets.toml ──TargetsFile──▶ SlaTarget, Target
//! ```
//!
//! * Two layouts: one row per ticket (created, first response, solved, closed, segments,
//!   CSAT), or an event log (case, activity, timestamp, resource) whose activities the
//!   mapping translates into status changes and replies. Zendesk, Freshdesk and plain
//!   headers are recognised without a mapping (`docs/kpi-mapping-format.md`).
//! * Timestamps with or without an offset or date-only; a stated zone reads the latter
//!   ([`TimestampParser`]).
//! * Every problem is a per-row finding naming file, row, column, value and rule; the
//!   default policy rejects the ticket (an unknown activity only drops its event) and
//!   counts it; `strict` stops at the first one and returns nothing.
//! * Plain UTF-8 ticket files are read in parallel blocks straight into per-thread
//!   aggregates that are merged (exact); other files stream through the `csv` crate.
//!   Event logs stream case by case: they must be grouped by case (a case id seen again
//!   after another case is an error suggesting a sort) unless the mapping sets
//!   `events_grouped = false`, which holds the whole log in memory (about the file's size).

mod files;
mod findings;
mod ids;
mod inputs;
mod layout;
mod read;
mod responses;
mod timestamp;

pub use files::{parse_duration, CalendarFile, TargetInfo, TargetsFile};
pub use findings::{FlagTally, TicketFinding, TicketFindings, TicketRule};
pub use inputs::export_inputs;
pub use layout::{
    recognise, ActivityMeaning, CsatSpec, Flag, Layout, Role, TicketMapping, Vendor, FRESHDESK_HEADERS,
    GENERIC_HEADERS, ZENDESK_HEADERS,
};
pub use read::{import_tickets, plan_tickets, TicketImport, TicketOptions, TicketPlan};
pub use responses::{read_responses, Response, ResponseColumns, ResponsesMapping, SurveyResponses};
pub use timestamp::{TimestampError, TimestampParser};
