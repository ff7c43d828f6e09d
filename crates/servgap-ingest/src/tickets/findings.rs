//! Per-row problems of ticket files: rule, location, counts and the earliest examples.

use std::collections::BTreeMap;

/// A validation rule of ticket and event files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TicketRule {
    /// The ticket or case id is blank.
    MissingId,
    /// The creation time is blank.
    MissingCreated,
    /// An event row has no timestamp.
    MissingTimestamp,
    /// A timestamp cell cannot be read.
    BadTimestamp,
    /// An event (first reply, solve, close, or an event-log row) precedes the ticket's creation.
    BeforeCreated,
    /// A number cell (minutes, replies) is not a number ≥ 0.
    BadNumber,
    /// A CSAT cell is neither on the scale nor a mapped label.
    BadScore,
    /// An event-log activity the mapping does not list.
    UnknownActivity,
    /// A row with more or fewer fields than the header (a stray delimiter, an unquoted
    /// decimal comma, a cut-off line): its values would sit in the wrong columns.
    FieldCount,
    /// A ticket id already seen on an earlier row of a ticket-per-row file: the later row
    /// is rejected (the value names the earlier row).
    DuplicateId,
    /// A time cell of an optional column (first reply, solve, close) that cannot be read:
    /// the value is dropped, the ticket kept.
    BadOptionalTimestamp,
    /// A close time before the solve time: the close is dropped.
    ClosedBeforeSolved,
    /// A first reply after the ticket was closed: the reply is dropped.
    ReplyAfterClose,
    /// A reply count without a first-reply time: the count cannot be placed in time and is dropped.
    RepliesWithoutFirstReply,
    /// An event-log case whose creation time (`created` column) is later than its first
    /// event: the earlier time is used as the creation time.
    CreatedAfterFirstEvent,
    /// The status column says solved or closed but no solve or close time is given: the
    /// ticket is not counted as open backlog nor as awaiting a first response.
    ClosedWithoutTime,
    /// A first-reply, solve or close time (ticket-per-row files) before the creation time:
    /// the value is dropped, the ticket kept. A dropped solve or close still marks the
    /// ticket solved at an unknown time (as an unreadable one does).
    TimeBeforeCreated,
    /// Responses file: a second response for the same ticket. The latest (by response time,
    /// else the later row) counts; the other row is rejected (the value names the kept row).
    DuplicateResponse,
    /// Responses file: no accepted ticket has this response's ticket id; the response is
    /// counted as unmatched and reported, not joined.
    UnknownTicket,
}

impl TicketRule {
    /// Every rule.
    pub const ALL: [TicketRule; 19] = [
        TicketRule::MissingId,
        TicketRule::MissingCreated,
        TicketRule::MissingTimestamp,
        TicketRule::BadTimestamp,
        TicketRule::BeforeCreated,
        TicketRule::BadNumber,
        TicketRule::BadScore,
        TicketRule::UnknownActivity,
        TicketRule::FieldCount,
        TicketRule::DuplicateId,
        TicketRule::BadOptionalTimestamp,
        TicketRule::ClosedBeforeSolved,
        TicketRule::ReplyAfterClose,
        TicketRule::RepliesWithoutFirstReply,
        TicketRule::CreatedAfterFirstEvent,
        TicketRule::ClosedWithoutTime,
        TicketRule::TimeBeforeCreated,
        TicketRule::DuplicateResponse,
        TicketRule::UnknownTicket,
    ];

    /// Stable identifier, e.g. `before-created`.
    pub fn id(self) -> &'static str {
        match self {
            TicketRule::MissingId => "missing-id",
            TicketRule::MissingCreated => "missing-created",
            TicketRule::MissingTimestamp => "missing-timestamp",
            TicketRule::BadTimestamp => "bad-timestamp",
            TicketRule::BeforeCreated => "before-created",
            TicketRule::BadNumber => "bad-number",
            TicketRule::BadScore => "bad-score",
            TicketRule::UnknownActivity => "unknown-activity",
            TicketRule::FieldCount => "field-count",
            TicketRule::DuplicateId => "duplicate-id",
            TicketRule::BadOptionalTimestamp => "bad-optional-timestamp",
            TicketRule::ClosedBeforeSolved => "closed-before-solved",
            TicketRule::ReplyAfterClose => "reply-after-close",
            TicketRule::RepliesWithoutFirstReply => "replies-without-first-reply",
            TicketRule::CreatedAfterFirstEvent => "created-after-first-event",
            TicketRule::ClosedWithoutTime => "closed-without-time",
            TicketRule::TimeBeforeCreated => "time-before-created",
            TicketRule::DuplicateResponse => "duplicate-response",
            TicketRule::UnknownTicket => "unknown-ticket",
        }
    }

    /// What the rule demands.
    pub fn requirement(self) -> &'static str {
        match self {
            TicketRule::MissingId => "every ticket needs an id",
            TicketRule::MissingCreated => "every ticket needs a creation time",
            TicketRule::MissingTimestamp => "every event needs a timestamp",
            TicketRule::BadTimestamp => {
                "a timestamp like 2026-03-01T09:30:00+01:00, 2026-03-01 09:30 or 2026-03-01, or the mapping's timestamp_format"
            }
            TicketRule::BeforeCreated => "no event may precede the ticket's creation",
            TicketRule::BadNumber => "a number ≥ 0",
            TicketRule::BadScore => "a CSAT answer on the mapping's scale or one of its labels",
            TicketRule::UnknownActivity => "every activity is listed under [activities] in the mapping",
            TicketRule::FieldCount => "every row has as many fields as the header",
            TicketRule::DuplicateId => "each ticket id appears on one row only",
            TicketRule::BadOptionalTimestamp => {
                "a first-reply, solve or close time like 2026-03-01T09:30:00+01:00, or the mapping's timestamp_format"
            }
            TicketRule::ClosedBeforeSolved => "a ticket is closed at or after it is solved",
            TicketRule::ReplyAfterClose => "a first reply comes before the ticket is closed",
            TicketRule::RepliesWithoutFirstReply => "a reply count comes with a first-reply time",
            TicketRule::CreatedAfterFirstEvent => "a case is created at or before its first event",
            TicketRule::ClosedWithoutTime => "a ticket whose status is solved or closed has a solve or close time",
            TicketRule::TimeBeforeCreated => "a first-reply, solve or close time is at or after the creation time",
            TicketRule::DuplicateResponse => "one survey response per ticket",
            TicketRule::UnknownTicket => "a survey response names an accepted ticket of the ticket file",
        }
    }

    /// What the default (non-strict) policy does.
    pub fn action(self) -> &'static str {
        match self {
            TicketRule::UnknownActivity => "event ignored",
            TicketRule::DuplicateId => "later row rejected",
            TicketRule::BadNumber
            | TicketRule::BadScore
            | TicketRule::BadOptionalTimestamp
            | TicketRule::TimeBeforeCreated => "value dropped, ticket kept",
            TicketRule::ClosedBeforeSolved => "close time dropped, ticket kept",
            TicketRule::ReplyAfterClose => "first reply dropped, ticket kept",
            TicketRule::RepliesWithoutFirstReply => "reply count dropped, ticket kept",
            TicketRule::CreatedAfterFirstEvent => "first event used as creation time, ticket kept",
            TicketRule::ClosedWithoutTime => "ticket kept, not counted as open backlog",
            TicketRule::DuplicateResponse => "the latest response counts, this one rejected",
            TicketRule::UnknownTicket => "response counted as unmatched, not joined",
            _ => "ticket rejected",
        }
    }

    /// True when the default policy rejects the whole ticket.
    pub fn rejects_ticket(self) -> bool {
        !matches!(
            self,
            TicketRule::UnknownActivity
                | TicketRule::BadNumber
                | TicketRule::BadScore
                | TicketRule::BadOptionalTimestamp
                | TicketRule::ClosedBeforeSolved
                | TicketRule::ReplyAfterClose
                | TicketRule::RepliesWithoutFirstReply
                | TicketRule::CreatedAfterFirstEvent
                | TicketRule::ClosedWithoutTime
                | TicketRule::TimeBeforeCreated
                | TicketRule::UnknownTicket
        )
    }
}

/// One problem, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFinding {
    /// Row, 1-based, counting the header as row 1 (records, as a spreadsheet numbers them).
    pub row: u64,
    /// Column name.
    pub column: String,
    /// The offending value.
    pub value: String,
    /// The rule.
    pub rule: TicketRule,
}

/// Counts per rule and the earliest examples (by row), independent of how the file was split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketFindings {
    counts: BTreeMap<TicketRule, u64>,
    examples: BTreeMap<TicketRule, Vec<TicketFinding>>,
    limit: usize,
}

impl TicketFindings {
    /// An empty log keeping up to `limit` examples per rule.
    pub fn new(limit: usize) -> TicketFindings {
        TicketFindings { limit, ..TicketFindings::default() }
    }

    /// Records a finding.
    pub fn record(&mut self, finding: TicketFinding) {
        *self.counts.entry(finding.rule).or_insert(0) += 1;
        let list = self.examples.entry(finding.rule).or_default();
        if list.len() < self.limit {
            list.push(finding);
        } else if list.last().is_some_and(|last| last.row > finding.row) {
            list.pop();
            list.push(finding);
        } else {
            return;
        }
        list.sort_by_key(|f| f.row);
    }

    /// Adds another log.
    pub fn merge(&mut self, other: TicketFindings) {
        for (rule, count) in other.counts {
            *self.counts.entry(rule).or_insert(0) += count;
        }
        for (rule, list) in other.examples {
            let mine = self.examples.entry(rule).or_default();
            mine.extend(list);
            mine.sort_by_key(|f| f.row);
            mine.truncate(self.limit);
        }
    }

    /// Total findings.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Findings of one rule.
    pub fn count(&self, rule: TicketRule) -> u64 {
        self.counts.get(&rule).copied().unwrap_or(0)
    }

    /// The earliest examples of one rule, by row.
    pub fn examples(&self, rule: TicketRule) -> &[TicketFinding] {
        self.examples.get(&rule).map_or(&[], Vec::as_slice)
    }

    /// Rules with findings, in [`TicketRule::ALL`] order.
    pub fn rules(&self) -> impl Iterator<Item = TicketRule> + '_ {
        self.counts.keys().copied()
    }
}

/// Yes/no counts of one source-recorded flag over the accepted tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagTally {
    /// Flag name.
    pub name: String,
    /// Column.
    pub column: String,
    /// Tickets with a yes value.
    pub yes: u64,
    /// Tickets with a no value.
    pub no: u64,
    /// Tickets with a blank or other value.
    pub other: u64,
}
