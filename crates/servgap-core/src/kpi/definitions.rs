//! Definition profiles (how each vendor defines a KPI) and measurability (which inputs
//! a KPI needs, and whether an export carries them).
//!
//! A [`Profile`] names a set of [`Definitions`]: the first-contact-resolution rule, the
//! reopen rule, the statuses that pause business time, and where resolution ends. The
//! same tickets computed under two profiles give the numbers each tool would show.
//! Sources and wording: `docs/kpi-definitions.md`, "Definition profiles".
//!
//! [`ExportInputs`] records what an export can express (reply events, a reply count,
//! reopen events, status history, …); [`MeasuredKpi::missing`] lists the inputs a KPI
//! lacks. A KPI with missing inputs is *not measurable*: it is reported with the reason,
//! never as 0, and targets on it are not judged.

use super::metrics::{MetricOptions, PausePolicy, SlaMetric};
use crate::CoreError;

/// Seconds in a day.
const DAY: u64 = 86_400;

/// A named set of KPI definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Profile {
    /// servgap's own: one-touch resolution without a reopen within 7 days; pending and
    /// on-hold paused in business time.
    #[default]
    Servgap,
    /// Zendesk Support/Explore: one-touch = fewer than two public agent replies and solved;
    /// native durations count every status (no pause).
    Zendesk,
    /// Freshdesk/Freshservice: FCR = resolved with no customer interaction after creation;
    /// the SLA timer stops while pending.
    Freshdesk,
    /// ServiceNow: "first assignment resolution" (`reassignment_count = 0`); the reopen
    /// counter has no window; awaiting states (pending, on-hold) pause the SLA.
    ServiceNow,
    /// Zammad: "first solution" = closed within 15 minutes of creation; pending states pause.
    Zammad,
}

impl Profile {
    /// Every profile, servgap's first.
    pub const ALL: [Profile; 5] =
        [Profile::Servgap, Profile::Zendesk, Profile::Freshdesk, Profile::ServiceNow, Profile::Zammad];

    /// `servgap`, `zendesk`, `freshdesk`, `servicenow` or `zammad`.
    pub fn id(self) -> &'static str {
        match self {
            Profile::Servgap => "servgap",
            Profile::Zendesk => "zendesk",
            Profile::Freshdesk => "freshdesk",
            Profile::ServiceNow => "servicenow",
            Profile::Zammad => "zammad",
        }
    }

    /// Parses an identifier case-insensitively; `freshservice` means freshdesk.
    ///
    /// # Errors
    /// [`CoreError::KpiUnknownProfile`] for anything else.
    pub fn parse(name: &str) -> Result<Profile, CoreError> {
        let lower = name.trim().to_ascii_lowercase();
        match lower.as_str() {
            "freshservice" => Ok(Profile::Freshdesk),
            "service-now" => Ok(Profile::ServiceNow),
            _ => Profile::ALL
                .into_iter()
                .find(|p| p.id() == lower)
                .ok_or_else(|| CoreError::KpiUnknownProfile { name: name.to_owned() }),
        }
    }

    /// The profile's definitions.
    pub fn definitions(self) -> Definitions {
        let pending_only = PausePolicy { pending: true, on_hold: false };
        let (fcr, reopen, pause, resolution_end) = match self {
            Profile::Servgap => {
                (FcrRule::OneReplyNoReopen, ReopenRule::Window, PausePolicy::default(), ResolutionEnd::Solve)
            }
            Profile::Zendesk => {
                (FcrRule::FewerThanTwoReplies, ReopenRule::Window, PausePolicy::NONE, ResolutionEnd::Solve)
            }
            Profile::Freshdesk => {
                (FcrRule::NoCustomerInteraction, ReopenRule::Window, pending_only, ResolutionEnd::Solve)
            }
            Profile::ServiceNow => {
                (FcrRule::FirstAssignment, ReopenRule::Counter, PausePolicy::default(), ResolutionEnd::Solve)
            }
            Profile::Zammad => (
                FcrRule::ClosedWithin { seconds: 900 },
                ReopenRule::Counter,
                pending_only,
                ResolutionEnd::Close,
            ),
        };
        Definitions { profile: self, fcr, reopen, reopen_window_seconds: 7 * DAY, pause, resolution_end }
    }
}

/// How first-contact resolution is decided for a solved ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FcrRule {
    /// Exactly one public agent reply and no reopen under the reopen rule (servgap).
    #[default]
    OneReplyNoReopen,
    /// Fewer than two public agent replies (0 or 1), reopens ignored (Zendesk Explore
    /// "one-touch tickets": `agent replies < 2` among solved tickets).
    FewerThanTwoReplies,
    /// No customer message after creation (Freshservice "no customer interaction").
    NoCustomerInteraction,
    /// First solve strictly less than `seconds` after creation (Zammad "first solution":
    /// `closed_at − 900 s < created_at`).
    ClosedWithin {
        /// Limit in seconds.
        seconds: u64,
    },
    /// Never reassigned: the export's reassignment count is 0 (ServiceNow "first
    /// assignment resolution").
    FirstAssignment,
}

impl FcrRule {
    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            FcrRule::OneReplyNoReopen => "one-reply-no-reopen",
            FcrRule::FewerThanTwoReplies => "fewer-than-two-replies",
            FcrRule::NoCustomerInteraction => "no-customer-interaction",
            FcrRule::ClosedWithin { .. } => "closed-within",
            FcrRule::FirstAssignment => "first-assignment",
        }
    }
}

/// When a change from solved/closed back to an open status counts as a reopen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReopenRule {
    /// Only within [`MetricOptions::reopen_window_seconds`] of the solve before it.
    #[default]
    Window,
    /// Any reopen at any time (ServiceNow's `reopen_count`, Zammad's report).
    Counter,
}

impl ReopenRule {
    /// `window` or `counter`.
    pub fn id(self) -> &'static str {
        match self {
            ReopenRule::Window => "window",
            ReopenRule::Counter => "counter",
        }
    }
}

/// Where full resolution stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ResolutionEnd {
    /// The last solve (into solved, or into closed from an unsolved status).
    #[default]
    Solve,
    /// The change into closed when the ticket ends closed, else the last solve (Zammad `close_at`).
    Close,
}

impl ResolutionEnd {
    /// `solve` or `close`.
    pub fn id(self) -> &'static str {
        match self {
            ResolutionEnd::Solve => "solve",
            ResolutionEnd::Close => "close",
        }
    }
}

/// One profile's definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Definitions {
    /// The profile they come from.
    pub profile: Profile,
    /// First-contact resolution.
    pub fcr: FcrRule,
    /// Reopen rule.
    pub reopen: ReopenRule,
    /// The window of [`ReopenRule::Window`], seconds.
    pub reopen_window_seconds: u64,
    /// Statuses paused in business time.
    pub pause: PausePolicy,
    /// Where full resolution stops.
    pub resolution_end: ResolutionEnd,
}

impl Default for Definitions {
    fn default() -> Self {
        Profile::Servgap.definitions()
    }
}

impl Definitions {
    /// The per-ticket options that implement these definitions.
    pub fn metric_options(&self) -> MetricOptions {
        MetricOptions {
            pause: self.pause,
            reopen_window_seconds: self.reopen_window_seconds,
            fcr: self.fcr,
            reopen: self.reopen,
            resolution_end: self.resolution_end,
        }
    }
}

/// Something an export may or may not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// Timestamped public agent replies (event log).
    ReplyEvents,
    /// A count of public agent replies per ticket.
    ReplyCount,
    /// The time of the first agent reply (or minutes to it).
    FirstReplyTime,
    /// Status changes that can go from solved/closed back to open (event log).
    ReopenEvents,
    /// A count of reopens per ticket.
    ReopenCounter,
    /// A status history (event log with status activities).
    StatusHistory,
    /// Solve or close times.
    SolveTimes,
    /// Timestamped customer messages.
    CustomerMessages,
    /// A count of reassignments per ticket.
    ReassignmentCount,
    /// CSAT answers.
    Csat,
    /// NPS answers.
    Nps,
    /// CES answers.
    Ces,
    /// Each ticket's current status (solved/closed or not) without its time: enough for the
    /// backlog, not for resolution times (issue 13).
    CurrentStatus,
}

impl Input {
    /// Stable identifier, e.g. `reply-events`.
    pub fn id(self) -> &'static str {
        match self {
            Input::ReplyEvents => "reply-events",
            Input::ReplyCount => "reply-count",
            Input::FirstReplyTime => "first-reply-time",
            Input::ReopenEvents => "reopen-events",
            Input::ReopenCounter => "reopen-counter",
            Input::StatusHistory => "status-history",
            Input::SolveTimes => "solve-times",
            Input::CustomerMessages => "customer-messages",
            Input::ReassignmentCount => "reassignment-count",
            Input::Csat => "csat",
            Input::Nps => "nps",
            Input::Ces => "ces",
            Input::CurrentStatus => "current-status",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// The set of [`Input`]s an export carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ExportInputs {
    bits: u32,
}

impl ExportInputs {
    /// Nothing.
    pub fn none() -> ExportInputs {
        ExportInputs::default()
    }

    /// Every input (tests, hand-built tickets).
    pub fn all() -> ExportInputs {
        let mut all = ExportInputs::none();
        for input in ALL_INPUTS {
            all.insert(input);
        }
        all
    }

    /// Adds an input.
    pub fn insert(&mut self, input: Input) {
        self.bits |= input.bit();
    }

    /// With an input added.
    pub fn with(mut self, input: Input) -> ExportInputs {
        self.insert(input);
        self
    }

    /// True when the export carries `input`.
    pub fn has(&self, input: Input) -> bool {
        self.bits & input.bit() != 0
    }

    /// The inputs carried, in declaration order.
    pub fn list(&self) -> Vec<Input> {
        ALL_INPUTS.into_iter().filter(|i| self.has(*i)).collect()
    }
}

const ALL_INPUTS: [Input; 13] = [
    Input::ReplyEvents,
    Input::ReplyCount,
    Input::FirstReplyTime,
    Input::ReopenEvents,
    Input::ReopenCounter,
    Input::StatusHistory,
    Input::SolveTimes,
    Input::CustomerMessages,
    Input::ReassignmentCount,
    Input::Csat,
    Input::Nps,
    Input::Ces,
    Input::CurrentStatus,
];

/// A KPI whose measurability is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasuredKpi {
    /// First response time (and tickets awaiting it).
    FirstResponse,
    /// Next response time.
    NextResponse,
    /// First resolution time.
    FirstResolution,
    /// Full resolution time.
    FullResolution,
    /// Requester wait time.
    RequesterWait,
    /// First-contact resolution under the profile's rule.
    FirstContactResolution,
    /// Reopen rate under the profile's rule.
    ReopenRate,
    /// Backlog.
    Backlog,
    /// CSAT.
    Csat,
    /// NPS.
    Nps,
    /// CES.
    Ces,
    /// SLA attainment of a metric.
    Sla(SlaMetric),
}

const STATUS: &[Input] = &[Input::StatusHistory, Input::SolveTimes];
const REPLIES: &[Input] = &[Input::ReplyEvents, Input::ReplyCount];

impl MeasuredKpi {
    /// The KPIs listed in reports, in order.
    pub const LISTED: [MeasuredKpi; 11] = [
        MeasuredKpi::FirstResponse,
        MeasuredKpi::NextResponse,
        MeasuredKpi::FirstResolution,
        MeasuredKpi::FullResolution,
        MeasuredKpi::RequesterWait,
        MeasuredKpi::FirstContactResolution,
        MeasuredKpi::ReopenRate,
        MeasuredKpi::Backlog,
        MeasuredKpi::Csat,
        MeasuredKpi::Nps,
        MeasuredKpi::Ces,
    ];

    /// Stable identifier (the duration KPI's id, `first-contact-resolution`, `reopen-rate`,
    /// `backlog`, `csat`, `nps`, `ces`, or `sla:<metric>`).
    pub fn id(self) -> &'static str {
        match self {
            MeasuredKpi::FirstResponse => "first-response",
            MeasuredKpi::NextResponse => "next-response",
            MeasuredKpi::FirstResolution => "first-resolution",
            MeasuredKpi::FullResolution => "full-resolution",
            MeasuredKpi::RequesterWait => "requester-wait",
            MeasuredKpi::FirstContactResolution => "first-contact-resolution",
            MeasuredKpi::ReopenRate => "reopen-rate",
            MeasuredKpi::Backlog => "backlog",
            MeasuredKpi::Csat => "csat",
            MeasuredKpi::Nps => "nps",
            MeasuredKpi::Ces => "ces",
            MeasuredKpi::Sla(SlaMetric::FirstResponse) => "sla:first-response",
            MeasuredKpi::Sla(SlaMetric::NextResponse) => "sla:next-response",
            MeasuredKpi::Sla(SlaMetric::Resolution) => "sla:resolution",
        }
    }

    /// What the KPI needs under `definitions`: every group must be met by one of its inputs.
    pub fn requirement(self, definitions: &Definitions) -> &'static [&'static [Input]] {
        match self {
            MeasuredKpi::FirstResponse | MeasuredKpi::Sla(SlaMetric::FirstResponse) => {
                &[&[Input::FirstReplyTime, Input::ReplyEvents]]
            }
            MeasuredKpi::NextResponse | MeasuredKpi::Sla(SlaMetric::NextResponse) => {
                &[&[Input::ReplyEvents], &[Input::CustomerMessages]]
            }
            MeasuredKpi::FirstResolution
            | MeasuredKpi::FullResolution
            | MeasuredKpi::Sla(SlaMetric::Resolution) => &[STATUS],
            // Which tickets are done is enough; when they were done is not needed.
            MeasuredKpi::Backlog => &[&[Input::StatusHistory, Input::SolveTimes, Input::CurrentStatus]],
            MeasuredKpi::RequesterWait => &[&[Input::StatusHistory]],
            MeasuredKpi::FirstContactResolution => match definitions.fcr {
                FcrRule::OneReplyNoReopen => match definitions.reopen {
                    ReopenRule::Window => &[REPLIES, &[Input::ReopenEvents], STATUS],
                    ReopenRule::Counter => &[REPLIES, &[Input::ReopenEvents, Input::ReopenCounter], STATUS],
                },
                FcrRule::FewerThanTwoReplies => &[REPLIES, STATUS],
                FcrRule::NoCustomerInteraction => &[&[Input::CustomerMessages], STATUS],
                FcrRule::ClosedWithin { .. } => &[STATUS],
                FcrRule::FirstAssignment => &[&[Input::ReassignmentCount], STATUS],
            },
            MeasuredKpi::ReopenRate => match definitions.reopen {
                ReopenRule::Window => &[&[Input::ReopenEvents], STATUS],
                ReopenRule::Counter => &[&[Input::ReopenEvents, Input::ReopenCounter], STATUS],
            },
            MeasuredKpi::Csat => &[&[Input::Csat]],
            MeasuredKpi::Nps => &[&[Input::Nps]],
            MeasuredKpi::Ces => &[&[Input::Ces]],
        }
    }

    /// The requirement groups `inputs` does not meet (empty = measurable). Each group is
    /// a list of alternatives, any one of which would do.
    pub fn missing(self, definitions: &Definitions, inputs: &ExportInputs) -> Vec<&'static [Input]> {
        self.requirement(definitions)
            .iter()
            .filter(|group| !group.iter().any(|i| inputs.has(*i)))
            .copied()
            .collect()
    }
}

/// Whether one KPI can be measured from an export, and if not, what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurability {
    /// The KPI.
    pub kpi: MeasuredKpi,
    /// Unmet requirement groups; empty when measurable.
    pub missing: Vec<&'static [Input]>,
}

impl Measurability {
    /// True when nothing is missing.
    pub fn measurable(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The measurability of every listed KPI (and of each SLA metric in `sla`).
pub fn measurability(
    definitions: &Definitions,
    inputs: &ExportInputs,
    sla: impl IntoIterator<Item = SlaMetric>,
) -> Vec<Measurability> {
    let mut out: Vec<Measurability> = MeasuredKpi::LISTED
        .into_iter()
        .map(|kpi| Measurability { kpi, missing: kpi.missing(definitions, inputs) })
        .collect();
    for metric in sla {
        let kpi = MeasuredKpi::Sla(metric);
        if !out.iter().any(|m| m.kpi == kpi) {
            out.push(Measurability { kpi, missing: kpi.missing(definitions, inputs) });
        }
    }
    out
}

/// The starts of the periods that the data covers only in part: the first period when
/// the data begins after its first day, the last when it ends before its last day
/// (dates in `zone`, so at day precision). `extent` is the earliest creation and the
/// latest event ([`super::KpiAggregate::extent`]). Partial periods are marked in reports
/// and their values are not judged against targets.
pub fn partial_periods(
    period: super::Period,
    zone: &jiff::tz::TimeZone,
    extent: (jiff::Timestamp, jiff::Timestamp),
) -> Vec<jiff::civil::Date> {
    let first = extent.0.to_zoned(zone.clone()).date();
    let last = extent.1.to_zoned(zone.clone()).date();
    let mut out = Vec::new();
    let first_key = period.key(first);
    if let Some(start) = period.start(first_key) {
        if first > start {
            out.push(start);
        }
    }
    let last_key = period.key(last);
    if let (Some(start), Some(end)) = (period.start(last_key), period.end(last_key)) {
        if last < end && !out.contains(&start) {
            out.push(start);
        }
    }
    out
}

/// Clears the values of KPIs that are not measurable, so no printer can show them as a
/// number: durations, shares and survey read-outs become `None`; SLA rows of an
/// unmeasurable metric are removed. The backlog stays as counted; its measurability
/// travels beside it.
pub fn mask_unmeasurable(
    groups: &mut [super::GroupSummary],
    measurability: &[Measurability],
    sla: &[super::SlaTarget],
) {
    let not = |kpi: MeasuredKpi| measurability.iter().any(|m| m.kpi == kpi && !m.measurable());
    let empty = super::Clocked::default();
    for g in groups {
        if not(MeasuredKpi::FirstResponse) {
            g.first_response = empty;
        }
        if not(MeasuredKpi::NextResponse) {
            g.next_response = empty;
        }
        if not(MeasuredKpi::FirstResolution) {
            g.first_resolution = empty;
        }
        if not(MeasuredKpi::FullResolution) {
            g.full_resolution = empty;
        }
        if not(MeasuredKpi::RequesterWait) {
            g.requester_wait = empty;
        }
        if not(MeasuredKpi::FirstContactResolution) {
            g.first_contact_resolution = None;
        }
        if not(MeasuredKpi::ReopenRate) {
            g.reopen = None;
        }
        if not(MeasuredKpi::Csat) {
            g.csat = None;
            g.csat_response_rate = None;
        }
        if not(MeasuredKpi::Nps) {
            g.nps = None;
        }
        if not(MeasuredKpi::Ces) {
            g.ces = None;
        }
        g.sla.retain(|row| {
            sla.iter().find(|t| t.name() == row.name).is_none_or(|t| !not(MeasuredKpi::Sla(t.metric())))
        });
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::kpi::{
        judge, BusinessCalendar, Event, JudgeContext, KpiReport, Measure, Period, Status, Target, Ticket,
        TicketMetrics, Unjudged, WeekSchedule, WorkingInterval,
    };

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn fcr(profile: Profile, ticket: &Ticket) -> Option<bool> {
        let options = profile.definitions().metric_options();
        TicketMetrics::compute(ticket, None, &options).unwrap().first_contact_resolution
    }

    /// Created Mon 2026-01-05 08:00; reply 08:05; solved 08:10; reopened 8.1 days later; solved again.
    fn late_reopen() -> Ticket {
        let mut t = Ticket::new("R", ts("2026-01-05T08:00:00Z"));
        t.events = vec![
            Event::agent_reply(ts("2026-01-05T08:05:00Z")),
            Event::status(ts("2026-01-05T08:10:00Z"), Status::Solved),
            Event::status(ts("2026-01-13T10:34:00Z"), Status::Open),
            Event::status(ts("2026-01-13T11:00:00Z"), Status::Solved),
        ];
        t
    }

    #[test]
    fn issue_13_profiles_parse_and_round_trip() {
        for p in Profile::ALL {
            assert_eq!(Profile::parse(p.id()).unwrap(), p);
        }
        assert_eq!(Profile::parse("Freshservice").unwrap(), Profile::Freshdesk);
        assert!(Profile::parse("intercom").is_err());
    }

    #[test]
    fn issue_13_reopen_after_8_days_counts_only_under_the_counter_rule() {
        let t = late_reopen();
        // servgap: reopen at 8.1 days is outside the 7-day window → one reply, solved → FCR.
        assert_eq!(fcr(Profile::Servgap, &t), Some(true));
        let servgap =
            TicketMetrics::compute(&t, None, &Profile::Servgap.definitions().metric_options()).unwrap();
        assert!(!servgap.reopened_within_window);
        let zammad =
            TicketMetrics::compute(&t, None, &Profile::Zammad.definitions().metric_options()).unwrap();
        assert!(zammad.reopened_within_window, "the counter rule has no window");
    }

    #[test]
    fn issue_13_fcr_rules_differ_on_the_same_ticket() {
        // Solved without any reply, after a customer message, 20 minutes after creation.
        let mut t = Ticket::new("Z", ts("2026-01-05T08:00:00Z"));
        t.events = vec![
            Event::customer_message(ts("2026-01-05T08:02:00Z")),
            Event::status(ts("2026-01-05T08:20:00Z"), Status::Solved),
        ];
        assert_eq!(fcr(Profile::Servgap, &t), Some(false), "servgap needs exactly one reply");
        assert_eq!(fcr(Profile::Zendesk, &t), Some(true), "zendesk: fewer than two replies");
        assert_eq!(fcr(Profile::Freshdesk, &t), Some(false), "a customer message is an interaction");
        assert_eq!(fcr(Profile::Zammad, &t), Some(false), "20 min is not within 15 min");
        assert_eq!(fcr(Profile::ServiceNow, &t), None, "no reassignment count");
        t.reassignments = Some(0);
        assert_eq!(fcr(Profile::ServiceNow, &t), Some(true));
        t.reassignments = Some(2);
        assert_eq!(fcr(Profile::ServiceNow, &t), Some(false));
        t.events[1] = Event::status(ts("2026-01-05T08:14:59Z"), Status::Solved);
        assert_eq!(fcr(Profile::Zammad, &t), Some(true), "14:59 < 15:00");
    }

    #[test]
    fn issue_13_zendesk_business_resolution_counts_pending() {
        // Mon 09:00 created, pending 10:00–15:00, solved 16:00; calendar 09–17 UTC.
        let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap());
        let calendar = BusinessCalendar::new("UTC", &week, []).unwrap();
        let mut t = Ticket::new("P", ts("2026-01-05T09:00:00Z"));
        t.events = vec![
            Event::status(ts("2026-01-05T10:00:00Z"), Status::Pending),
            Event::status(ts("2026-01-05T15:00:00Z"), Status::Open),
            Event::status(ts("2026-01-05T16:00:00Z"), Status::Solved),
        ];
        let business = |p: Profile| {
            let m = TicketMetrics::compute(&t, Some(&calendar), &p.definitions().metric_options()).unwrap();
            m.full_resolution.unwrap().business.unwrap()
        };
        assert_eq!(business(Profile::Servgap), 2 * 3600, "7 h minus 5 h pending");
        assert_eq!(business(Profile::Zendesk), 7 * 3600, "no pause");
    }

    #[test]
    fn issue_13_zammad_resolution_ends_at_close() {
        let mut t = Ticket::new("C", ts("2026-01-05T08:00:00Z"));
        t.events = vec![
            Event::status(ts("2026-01-05T09:00:00Z"), Status::Solved),
            Event::status(ts("2026-01-05T12:00:00Z"), Status::Closed),
        ];
        let full = |p: Profile| {
            let m = TicketMetrics::compute(&t, None, &p.definitions().metric_options()).unwrap();
            m.full_resolution.unwrap().calendar
        };
        assert_eq!(full(Profile::Servgap), 3600);
        assert_eq!(full(Profile::Zammad), 4 * 3600);
    }

    #[test]
    fn issue_13_servicenow_audit_log_cannot_measure_reply_based_fcr() {
        let audit = ExportInputs::none()
            .with(Input::StatusHistory)
            .with(Input::SolveTimes)
            .with(Input::ReopenEvents)
            .with(Input::ReopenCounter);
        let servgap = Profile::Servgap.definitions();
        let missing = MeasuredKpi::FirstContactResolution.missing(&servgap, &audit);
        assert_eq!(missing, vec![&[Input::ReplyEvents, Input::ReplyCount][..]]);
        assert!(!MeasuredKpi::FirstResponse.missing(&servgap, &audit).is_empty());
        let sn = Profile::ServiceNow.definitions();
        assert!(!MeasuredKpi::FirstContactResolution.missing(&sn, &audit).is_empty());
        let with_count = audit.with(Input::ReassignmentCount);
        assert!(MeasuredKpi::FirstContactResolution.missing(&sn, &with_count).is_empty());
        assert!(MeasuredKpi::ReopenRate.missing(&sn, &audit).is_empty());
    }

    #[test]
    fn issue_13_ticket_per_row_export_cannot_measure_reopens() {
        let rows = ExportInputs::none().with(Input::FirstReplyTime).with(Input::SolveTimes);
        let d = Definitions::default();
        let all = measurability(&d, &rows, []);
        let reopen = all.iter().find(|m| m.kpi == MeasuredKpi::ReopenRate).unwrap();
        assert_eq!(reopen.missing, vec![&[Input::ReopenEvents][..]]);
        let frt = all.iter().find(|m| m.kpi == MeasuredKpi::FirstResponse).unwrap();
        assert!(frt.measurable());
        let fcr = all.iter().find(|m| m.kpi == MeasuredKpi::FirstContactResolution).unwrap();
        assert_eq!(fcr.missing.len(), 2, "a first-reply time is no reply count, and no reopen events");
    }

    #[test]
    fn issue_13_partial_first_and_last_months() {
        let zone = jiff::tz::TimeZone::UTC;
        let extent = (ts("2026-01-15T10:00:00Z"), ts("2026-03-10T10:00:00Z"));
        let partial = partial_periods(Period::Month, &zone, extent);
        assert_eq!(partial, vec![jiff::civil::date(2026, 1, 1), jiff::civil::date(2026, 3, 1)]);
        let whole = (ts("2026-01-01T00:00:00Z"), ts("2026-03-31T23:00:00Z"));
        assert!(partial_periods(Period::Month, &zone, whole).is_empty());
    }

    #[test]
    fn issue_13_targets_on_unmeasurable_or_partial_or_empty_are_not_judged() {
        let mut report = KpiReport {
            period: Period::Month,
            tickets: 0,
            groups: Vec::new(),
            backlog: Vec::new(),
            censored_from: None,
        };
        let mut group = crate::kpi::GroupSummary {
            period_start: jiff::civil::date(2026, 1, 1),
            segment: crate::kpi::Segment::all(),
            created: 3,
            solved: 3,
            awaiting_first_response: 0,
            first_response: Default::default(),
            next_response: Default::default(),
            first_resolution: Default::default(),
            full_resolution: Default::default(),
            requester_wait: Default::default(),
            first_contact_resolution: crate::kpi::Proportion::new(3, 3).estimate(),
            reopen: crate::kpi::Proportion::new(0, 3).estimate(),
            sla: Vec::new(),
            csat: None,
            csat_response_rate: None,
            nps: None,
            ces: None,
            backlog_at_end: 0,
            reopen_censored: 0,
            satisfaction: Vec::new(),
        };
        report.groups.push(group.clone());
        group.period_start = jiff::civil::date(2026, 2, 1);
        report.groups.push(group);
        let targets = vec![
            Target::new(Measure::ReopenRate, Measure::ReopenRate.natural_direction(), 0.05, None).unwrap(),
            Target::new(
                Measure::FirstContactResolution,
                Measure::FirstContactResolution.natural_direction(),
                0.7,
                None,
            )
            .unwrap(),
            Target::new(Measure::Nps, Measure::Nps.natural_direction(), 30.0, None).unwrap(),
        ];
        let inputs =
            ExportInputs::none().with(Input::FirstReplyTime).with(Input::SolveTimes).with(Input::ReplyCount);
        let m = measurability(&Profile::Zendesk.definitions(), &inputs, []);
        let partial = [jiff::civil::date(2026, 2, 1)];
        let context = JudgeContext { measurability: &m, partial_periods: &partial, sla: &[] };
        let (rows, unjudged) = judge(&targets, &report, &context);
        assert_eq!(rows.len(), 1, "only FCR in January is judged");
        assert_eq!(rows[0].target, 1);
        let reasons: Vec<_> = unjudged.iter().map(|u| (u.target, u.period_start.month(), u.reason)).collect();
        assert!(reasons.contains(&(0, 1, Unjudged::NotMeasurable)));
        assert!(reasons.contains(&(1, 2, Unjudged::PartialPeriod)));
        assert!(reasons.contains(&(2, 1, Unjudged::NotMeasurable)));
        assert_eq!(unjudged.len(), 5);
    }
}
