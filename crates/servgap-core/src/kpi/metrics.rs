//! Per-ticket KPI values in calendar and business seconds (kpi.md §6).
//!
//! [`TicketMetrics::compute_into`] walks a ticket's events once and derives every
//! per-ticket value; the aggregate reuses one `TicketMetrics` so nothing is
//! allocated per ticket once its vectors have grown.

use jiff::Timestamp;

use super::calendar::BusinessCalendar;
use super::definitions::{FcrRule, ReopenRule, ResolutionEnd};
use super::model::{EventKind, Status, Ticket};
use crate::CoreError;

/// Seconds in a day.
const DAY: u64 = 86_400;

/// Which statuses stop the business clock (pause) for first response, next
/// response, resolution and SLA business times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PausePolicy {
    /// Pause while pending (waiting for the requester). Default true.
    pub pending: bool,
    /// Pause while on hold (waiting for a third party). Default true.
    pub on_hold: bool,
}

impl Default for PausePolicy {
    fn default() -> Self {
        PausePolicy { pending: true, on_hold: true }
    }
}

impl PausePolicy {
    /// No pauses at all (Zendesk "total resolution time" style).
    pub const NONE: PausePolicy = PausePolicy { pending: false, on_hold: false };

    /// True when `status` pauses the business clock.
    pub fn pauses(&self, status: Status) -> bool {
        match status {
            Status::Pending => self.pending,
            Status::OnHold => self.on_hold,
            _ => false,
        }
    }
}

/// Options of the per-ticket computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricOptions {
    /// Statuses that pause business time.
    pub pause: PausePolicy,
    /// A reopen counts (for reopen rate and first-contact resolution) when it
    /// happens within this many seconds of the solve before it. Default 7 days.
    pub reopen_window_seconds: u64,
    /// How first-contact resolution is decided (default servgap's one reply, no reopen).
    pub fcr: FcrRule,
    /// Whether reopens count only within the window (default) or at any time.
    pub reopen: ReopenRule,
    /// Where full resolution stops (default the last solve).
    pub resolution_end: ResolutionEnd,
}

impl Default for MetricOptions {
    fn default() -> Self {
        MetricOptions {
            pause: PausePolicy::default(),
            reopen_window_seconds: 7 * DAY,
            fcr: FcrRule::default(),
            reopen: ReopenRule::default(),
            resolution_end: ResolutionEnd::default(),
        }
    }
}

/// One duration in both clocks, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Durations {
    /// Calendar (wall) seconds: `CT(a, b) = b − a`.
    pub calendar: u64,
    /// Business seconds `BT(a, b)` outside paused ranges; `None` when the ticket's team has no calendar.
    pub business: Option<u64>,
}

/// Which clock a duration or SLA target uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clock {
    /// Calendar time.
    Calendar,
    /// Business time under the team's calendar, minus pauses.
    Business,
}

impl Clock {
    /// `calendar` or `business`.
    pub fn id(self) -> &'static str {
        match self {
            Clock::Calendar => "calendar",
            Clock::Business => "business",
        }
    }
}

/// What an SLA target measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlaMetric {
    /// First response time: one instance per ticket.
    FirstResponse,
    /// Next response time: one instance per customer-message run after the first response.
    NextResponse,
    /// Full resolution time (created → last solve): one instance per ticket.
    Resolution,
}

impl SlaMetric {
    /// `first-response`, `next-response` or `resolution`.
    pub fn id(self) -> &'static str {
        match self {
            SlaMetric::FirstResponse => "first-response",
            SlaMetric::NextResponse => "next-response",
            SlaMetric::Resolution => "resolution",
        }
    }
}

/// An SLA target: "metric within `seconds` of `clock` time", optionally for one priority only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlaTarget {
    name: String,
    metric: SlaMetric,
    clock: Clock,
    seconds: u64,
    priority: Option<String>,
}

impl SlaTarget {
    /// A target for every ticket.
    ///
    /// # Errors
    /// [`CoreError::EmptyId`] for an empty name; [`CoreError::KpiNonPositiveDuration`] when `seconds` is 0.
    pub fn new(name: &str, metric: SlaMetric, clock: Clock, seconds: u64) -> Result<SlaTarget, CoreError> {
        if name.trim().is_empty() {
            return Err(CoreError::EmptyId { what: "sla target" });
        }
        if seconds == 0 {
            return Err(CoreError::KpiNonPositiveDuration { what: "sla target time" });
        }
        Ok(SlaTarget { name: name.to_string(), metric, clock, seconds, priority: None })
    }

    /// Restricts the target to tickets of one priority (compared exactly with [`Ticket::priority`]).
    pub fn for_priority(mut self, priority: &str) -> SlaTarget {
        self.priority = Some(priority.to_string());
        self
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Measured metric.
    pub fn metric(&self) -> SlaMetric {
        self.metric
    }

    /// Clock.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Target in seconds.
    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    /// Priority filter.
    pub fn priority(&self) -> Option<&str> {
        self.priority.as_deref()
    }
}

/// The result of one SLA instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlaOutcome {
    /// Stopped within the target.
    Met,
    /// Stopped after the target, or still running and already past it at `as_of`.
    Breached,
}

/// Every per-ticket KPI value (kpi.md §6), in calendar and business seconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketMetrics {
    /// `A_first − start`: start = created, or the first customer message for agent-created
    /// tickets; stop = the first public agent reply after the start. `None` without such a reply.
    pub first_response: Option<Durations>,
    /// One value per customer-message run after the first response: first agent reply after
    /// the run − first message of the run. Runs still unanswered are not included.
    pub next_responses: Vec<Durations>,
    /// First solve − created; `None` when never solved.
    pub first_resolution: Option<Durations>,
    /// Last solve − created, only when the ticket is solved or closed now (not reopened).
    pub full_resolution: Option<Durations>,
    /// Σ time in new, open and on-hold until the last solve, only when the ticket is solved
    /// or closed now. Status-based, so pauses do not apply; business time uses the calendar alone.
    pub requester_wait: Option<Durations>,
    /// Number of public agent replies.
    pub agent_replies: u32,
    /// Number of reopens (solved/closed → new, open, pending or on-hold).
    pub reopens: u32,
    /// True when the ticket counts as reopened under [`MetricOptions::reopen`]: some reopen
    /// came within the reopen window of the solve before it ([`ReopenRule::Window`]), or
    /// any reopen at all, from events or [`Ticket::reopen_count`] ([`ReopenRule::Counter`]).
    pub reopened_within_window: bool,
    /// First-contact resolution under [`MetricOptions::fcr`] (default: solved with exactly one
    /// public agent reply and not reopened); `None` when never solved, or when the rule needs
    /// a value the ticket lacks ([`FcrRule::FirstAssignment`] without a reassignment count).
    pub first_contact_resolution: Option<bool>,
    /// First solve (into solved, or into closed from an unsolved status).
    pub first_solved: Option<Timestamp>,
    /// Last solve, only when the ticket is solved or closed now.
    pub last_solved: Option<Timestamp>,
    /// True when a first-response clock is running: started, no agent reply yet, not solved or closed now.
    pub awaiting_first_response: bool,
    pub(crate) first_response_clock: Option<(i64, Option<i64>)>,
    pub(crate) next_response_clocks: Vec<(i64, Option<i64>)>,
    pub(crate) created: i64,
    pub(crate) done_now: bool,
    /// Unsolved ranges `[from, until)`; `until = i64::MAX` while still open.
    pub(crate) open_ranges: Vec<(i64, i64)>,
    /// Paused ranges, sorted and disjoint; the last may end at `i64::MAX`.
    pub(crate) pauses: Vec<(i64, i64)>,
    waiting: Vec<(i64, i64)>,
}

impl TicketMetrics {
    /// Computes the metrics of one ticket.
    ///
    /// # Errors
    /// As [`Ticket::validate`].
    pub fn compute(
        ticket: &Ticket,
        calendar: Option<&BusinessCalendar>,
        options: &MetricOptions,
    ) -> Result<TicketMetrics, CoreError> {
        let mut metrics = TicketMetrics::default();
        metrics.compute_into(ticket, calendar, options)?;
        Ok(metrics)
    }

    /// Like [`TicketMetrics::compute`], reusing this value's allocations.
    ///
    /// # Errors
    /// As [`Ticket::validate`].
    pub fn compute_into(
        &mut self,
        ticket: &Ticket,
        calendar: Option<&BusinessCalendar>,
        options: &MetricOptions,
    ) -> Result<(), CoreError> {
        ticket.validate()?;
        self.next_responses.clear();
        self.next_response_clocks.clear();
        self.open_ranges.clear();
        self.pauses.clear();
        self.waiting.clear();
        let created = ticket.created.as_second();
        self.created = created;

        // Status walk.
        let mut status = Status::New;
        let mut since = created;
        let mut first_solve: Option<i64> = None;
        let mut last_solve: Option<i64> = None;
        let mut open_from = created;
        let mut reopens = 0u32;
        let mut reopened_within = false;
        let mut replies = 0u32;
        let mut customer_messages = 0u32;
        let mut entered_closed: Option<i64> = None;
        for event in &ticket.events {
            let at = event.at.as_second();
            match event.kind {
                EventKind::AgentReply => replies += 1,
                EventKind::CustomerMessage => customer_messages += 1,
                EventKind::Status(next) => {
                    if next == status {
                        continue;
                    }
                    self.close_status_range(status, since, at, &options.pause);
                    let solve = match next {
                        Status::Solved => !status.is_done(),
                        Status::Closed => !status.is_done(),
                        _ => false,
                    };
                    if solve {
                        first_solve.get_or_insert(at);
                        last_solve = Some(at);
                        self.open_ranges.push((open_from, at));
                    } else if status.is_done() && !next.is_done() {
                        reopens += 1;
                        if let Some(solved) = last_solve {
                            let in_window = ((at - solved) as u64) <= options.reopen_window_seconds;
                            if in_window || options.reopen == ReopenRule::Counter {
                                reopened_within = true;
                            }
                        }
                        open_from = at;
                    }
                    if next == Status::Closed {
                        entered_closed = Some(at);
                    }
                    status = next;
                    since = at;
                }
            }
        }
        if options.pause.pauses(status) {
            push_range(&mut self.pauses, since, i64::MAX);
        }
        let done_now = status.is_done();
        if !done_now {
            self.open_ranges.push((open_from, i64::MAX));
        }
        self.done_now = done_now;
        self.agent_replies = replies;
        self.reopens = reopens;
        if options.reopen == ReopenRule::Counter && ticket.reopen_count.is_some_and(|n| n > 0) {
            reopened_within = true;
        }
        self.reopened_within_window = reopened_within;

        // First response clock.
        let start = if ticket.created_by_agent {
            ticket
                .events
                .iter()
                .position(|e| e.kind == EventKind::CustomerMessage)
                .map(|i| (i, ticket.events[i].at.as_second()))
        } else {
            Some((0, created))
        };
        let mut after_first_reply = None;
        self.first_response_clock = start.map(|(from, at)| {
            let stop =
                ticket.events[from..].iter().position(|e| e.kind == EventKind::AgentReply).map(|j| from + j);
            after_first_reply = stop.map(|j| j + 1);
            (at, stop.map(|j| ticket.events[j].at.as_second()))
        });
        self.first_response = match self.first_response_clock {
            Some((a, Some(b))) => Some(self.durations(calendar, a, b)),
            _ => None,
        };
        self.awaiting_first_response = matches!(self.first_response_clock, Some((_, None))) && !done_now;

        // Next-response runs.
        if let Some(from) = after_first_reply {
            let mut waiting_since: Option<i64> = None;
            for event in &ticket.events[from..] {
                match event.kind {
                    EventKind::CustomerMessage => {
                        waiting_since.get_or_insert(event.at.as_second());
                    }
                    EventKind::AgentReply => {
                        if let Some(w) = waiting_since.take() {
                            let at = event.at.as_second();
                            self.next_response_clocks.push((w, Some(at)));
                            let d = self.durations(calendar, w, at);
                            self.next_responses.push(d);
                        }
                    }
                    EventKind::Status(_) => {}
                }
            }
            if let Some(w) = waiting_since {
                self.next_response_clocks.push((w, None));
            }
        }

        // Resolution.
        self.first_solved = first_solve.and_then(|s| Timestamp::from_second(s).ok());
        self.first_resolution = first_solve.map(|s| self.durations(calendar, created, s));
        let last = match (done_now, options.resolution_end, status, entered_closed) {
            (false, ..) => None,
            (true, ResolutionEnd::Close, Status::Closed, Some(closed)) => Some(closed),
            (true, ..) => last_solve,
        };
        self.last_solved = last.and_then(|s| Timestamp::from_second(s).ok());
        self.full_resolution = last.map(|s| self.durations(calendar, created, s));
        self.requester_wait = last.map(|_| {
            let calendar_seconds: u64 = self.waiting.iter().map(|&(a, b)| (b - a) as u64).sum();
            let business =
                calendar.map(|c| self.waiting.iter().map(|&(a, b)| c.between_seconds(a, b, &[])).sum());
            Durations { calendar: calendar_seconds, business }
        });
        self.first_contact_resolution = first_solve.and_then(|solved| match options.fcr {
            FcrRule::OneReplyNoReopen => Some(replies == 1 && !reopened_within),
            FcrRule::FewerThanTwoReplies => Some(replies < 2),
            FcrRule::NoCustomerInteraction => Some(customer_messages == 0),
            FcrRule::ClosedWithin { seconds } => Some(((solved - created) as u64) < seconds),
            FcrRule::FirstAssignment => ticket.reassignments.map(|n| n == 0),
        });
        Ok(())
    }

    fn close_status_range(&mut self, status: Status, from: i64, to: i64, pause: &PausePolicy) {
        if from >= to {
            return;
        }
        if pause.pauses(status) {
            push_range(&mut self.pauses, from, to);
        }
        if matches!(status, Status::New | Status::Open | Status::OnHold) {
            self.waiting.push((from, to));
        }
    }

    fn durations(&self, calendar: Option<&BusinessCalendar>, a: i64, b: i64) -> Durations {
        Durations {
            calendar: b.saturating_sub(a).max(0) as u64,
            business: calendar.map(|c| c.between_seconds(a, b, &self.pauses)),
        }
    }

    /// The paused ranges derived from the status history, sorted and disjoint
    /// (`end = None` for a pause still running).
    pub fn pauses(&self) -> impl Iterator<Item = (Timestamp, Option<Timestamp>)> + '_ {
        self.pauses.iter().filter_map(|&(a, b)| range_out(a, b))
    }

    /// The ranges in which the ticket was unsolved (`end = None` while still unsolved).
    pub fn open_ranges(&self) -> impl Iterator<Item = (Timestamp, Option<Timestamp>)> + '_ {
        self.open_ranges.iter().filter_map(|&(a, b)| range_out(a, b))
    }

    /// Calls `f` with the outcome of every SLA instance of `target` for this ticket.
    ///
    /// An instance whose clock has stopped is met iff its duration ≤ the target. A
    /// running instance is breached when its elapsed time at `as_of` already exceeds
    /// the target, and otherwise skipped (in flight). A first-response clock of a
    /// ticket solved without any reply is skipped. Business-clock targets are
    /// skipped for tickets without a calendar. The priority filter is the caller's.
    pub fn sla_outcomes(
        &self,
        target: &SlaTarget,
        calendar: Option<&BusinessCalendar>,
        as_of: Option<Timestamp>,
        mut f: impl FnMut(SlaOutcome),
    ) {
        if target.clock == Clock::Business && calendar.is_none() {
            return;
        }
        let as_of = as_of.map(|t| t.as_second());
        let measure = |a: i64, b: i64| -> u64 {
            match (target.clock, calendar) {
                (Clock::Business, Some(c)) => c.between_seconds(a, b, &self.pauses),
                _ => b.saturating_sub(a).max(0) as u64,
            }
        };
        let mut judge = |clock: (i64, Option<i64>), running_counts: bool| match clock {
            (a, Some(b)) => {
                f(if measure(a, b) <= target.seconds { SlaOutcome::Met } else { SlaOutcome::Breached })
            }
            (a, None) => {
                if let Some(now) = as_of {
                    if running_counts && now > a && measure(a, now) > target.seconds {
                        f(SlaOutcome::Breached);
                    }
                }
            }
        };
        match target.metric {
            SlaMetric::FirstResponse => {
                if let Some(clock) = self.first_response_clock {
                    judge(clock, !self.done_now);
                }
            }
            SlaMetric::NextResponse => {
                for &clock in &self.next_response_clocks {
                    judge(clock, !self.done_now);
                }
            }
            SlaMetric::Resolution => {
                let stop = if self.done_now { self.last_solved.map(|t| t.as_second()) } else { None };
                judge((self.created, stop), true);
            }
        }
    }
}

fn range_out(a: i64, b: i64) -> Option<(Timestamp, Option<Timestamp>)> {
    let start = Timestamp::from_second(a).ok()?;
    let end = if b == i64::MAX { None } else { Timestamp::from_second(b).ok() };
    Some((start, end))
}

/// Appends `[a, b)` to sorted disjoint ranges, merging with the last when they touch.
fn push_range(ranges: &mut Vec<(i64, i64)>, a: i64, b: i64) {
    match ranges.last_mut() {
        Some(last) if a <= last.1 => last.1 = last.1.max(b),
        _ => ranges.push((a, b)),
    }
}
