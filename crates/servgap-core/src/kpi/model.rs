//! The canonical ticket model that every importer produces.
//!
//! A [`Ticket`] carries its own [`Event`]s (status changes, public agent replies,
//! customer messages) and [`SurveyAnswer`]s, so the KPI aggregate can be fed one
//! ticket at a time and memory stays bounded. An importer can reuse one `Ticket`
//! value for a whole file: [`Ticket::clear`] keeps the allocations.

use jiff::Timestamp;

use crate::CoreError;

/// The six canonical ticket statuses (Zendesk's status model); importers map custom statuses onto them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Created, nobody has looked at it yet.
    New,
    /// Someone on the support side has to act.
    Open,
    /// Waiting for the requester.
    Pending,
    /// Waiting for a third party.
    OnHold,
    /// Solved by the support side (may be reopened).
    Solved,
    /// Closed for good.
    Closed,
}

impl Status {
    /// All statuses in lifecycle order.
    pub const ALL: [Status; 6] =
        [Status::New, Status::Open, Status::Pending, Status::OnHold, Status::Solved, Status::Closed];

    /// Stable identifier: `new`, `open`, `pending`, `on-hold`, `solved` or `closed`.
    pub fn id(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Open => "open",
            Status::Pending => "pending",
            Status::OnHold => "on-hold",
            Status::Solved => "solved",
            Status::Closed => "closed",
        }
    }

    /// Parses a canonical identifier, case-insensitively; `on hold`, `on_hold` and `hold` mean on-hold.
    ///
    /// Mapping vendor statuses (for example "Awaiting User Info" → pending) is the importer's job.
    ///
    /// # Errors
    /// [`CoreError::KpiUnknownStatus`] for anything else.
    pub fn parse(name: &str) -> Result<Status, CoreError> {
        let lower = name.trim().to_ascii_lowercase();
        match lower.as_str() {
            "new" => Ok(Status::New),
            "open" => Ok(Status::Open),
            "pending" => Ok(Status::Pending),
            "on-hold" | "on hold" | "on_hold" | "onhold" | "hold" => Ok(Status::OnHold),
            "solved" => Ok(Status::Solved),
            "closed" => Ok(Status::Closed),
            _ => Err(CoreError::KpiUnknownStatus { name: name.to_string() }),
        }
    }

    /// True for solved and closed: the ticket is not part of the backlog.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Solved | Status::Closed)
    }
}

/// What happened at an [`Event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The ticket moved to this status. A change to the status it already has is ignored.
    Status(Status),
    /// A public reply by a human agent. Importers must not emit bot replies,
    /// automatic acknowledgements or private notes as agent replies.
    AgentReply,
    /// A public message from the requester (or another end user).
    CustomerMessage,
}

/// One timestamped event of a ticket. Times are used at second precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    pub kind: EventKind,
}

impl Event {
    /// A status change.
    pub fn status(at: Timestamp, status: Status) -> Event {
        Event { at, kind: EventKind::Status(status) }
    }

    /// A public human agent reply.
    pub fn agent_reply(at: Timestamp) -> Event {
        Event { at, kind: EventKind::AgentReply }
    }

    /// A public customer message.
    pub fn customer_message(at: Timestamp) -> Event {
        Event { at, kind: EventKind::CustomerMessage }
    }
}

/// The answer scale of a CSAT question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsatScale {
    /// Bad = 0, good = 1 (Zendesk, LiveChat thumbs).
    Binary,
    /// 1..=3, where 3 is good.
    OneToThree,
    /// 1..=5, where 4 and 5 are good (top-2-box).
    OneToFive,
    /// 1..=7, where 6 and 7 are good (top-2-box, as on 1–5).
    OneToSeven,
}

impl CsatScale {
    /// The lowest and highest answer, both inclusive: 0–1, 1–3, 1–5 or 1–7.
    pub fn range(self) -> (i16, i16) {
        match self {
            CsatScale::Binary => (0, 1),
            CsatScale::OneToThree => (1, 3),
            CsatScale::OneToFive => (1, 5),
            CsatScale::OneToSeven => (1, 7),
        }
    }

    /// The mapping identifier: `binary`, `1-3`, `1-5` or `1-7`.
    pub fn id(self) -> &'static str {
        match self {
            CsatScale::Binary => "binary",
            CsatScale::OneToThree => "1-3",
            CsatScale::OneToFive => "1-5",
            CsatScale::OneToSeven => "1-7",
        }
    }

    /// Every scale, in [`CsatScale::id`] order.
    pub const ALL: [CsatScale; 4] =
        [CsatScale::Binary, CsatScale::OneToThree, CsatScale::OneToFive, CsatScale::OneToSeven];

    /// Lowest answer that counts as good.
    pub fn good_from(self) -> u8 {
        match self {
            CsatScale::Binary => 1,
            CsatScale::OneToThree => 3,
            CsatScale::OneToFive => 4,
            CsatScale::OneToSeven => 6,
        }
    }
}

/// The answer scale of a CES 2.0 question ("the company made it easy to handle my issue"),
/// 1 = strongly disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CesScale {
    /// 1..=5, where 4 and 5 agree.
    OneToFive,
    /// 1..=7, where 5, 6 and 7 agree (CES 2.0 as published).
    #[default]
    OneToSeven,
}

impl CesScale {
    /// Every scale.
    pub const ALL: [CesScale; 2] = [CesScale::OneToFive, CesScale::OneToSeven];

    /// The highest answer (the lowest is 1).
    pub fn max(self) -> i16 {
        match self {
            CesScale::OneToFive => 5,
            CesScale::OneToSeven => 7,
        }
    }

    /// The lowest answer that agrees: above the scale's midpoint (4 on 1–5, 5 on 1–7).
    pub fn agree_from(self) -> u8 {
        match self {
            CesScale::OneToFive => 4,
            CesScale::OneToSeven => 5,
        }
    }

    /// The mapping identifier: `1-5` or `1-7`.
    pub fn id(self) -> &'static str {
        match self {
            CesScale::OneToFive => "1-5",
            CesScale::OneToSeven => "1-7",
        }
    }
}

/// Which survey a [`SurveyAnswer`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Survey {
    /// Customer satisfaction on the given scale.
    Csat(CsatScale),
    /// Net Promoter question, 0..=10.
    Nps,
    /// Customer Effort Score 2.0 ("made it easy") on the given scale, 1 = strongly disagree.
    Ces(CesScale),
}

/// One validated survey answer attached to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyAnswer {
    survey: Survey,
    score: u8,
}

impl SurveyAnswer {
    fn checked(
        survey: Survey,
        name: &'static str,
        score: i16,
        min: i16,
        max: i16,
    ) -> Result<SurveyAnswer, CoreError> {
        if score < min || score > max {
            return Err(CoreError::KpiScoreOutOfRange { survey: name, score, min, max });
        }
        Ok(SurveyAnswer {
            survey,
            // 0 ≤ score ≤ 10 here.
            score: score as u8,
        })
    }

    /// A CSAT answer.
    ///
    /// # Errors
    /// [`CoreError::KpiScoreOutOfRange`] when `score` is outside the scale.
    pub fn csat(scale: CsatScale, score: i16) -> Result<SurveyAnswer, CoreError> {
        let (min, max) = scale.range();
        Self::checked(Survey::Csat(scale), "csat", score, min, max)
    }

    /// An NPS answer, 0..=10.
    ///
    /// # Errors
    /// [`CoreError::KpiScoreOutOfRange`] outside 0..=10.
    pub fn nps(score: i16) -> Result<SurveyAnswer, CoreError> {
        Self::checked(Survey::Nps, "nps", score, 0, 10)
    }

    /// A CES 2.0 answer on the 1..=7 scale.
    ///
    /// # Errors
    /// [`CoreError::KpiScoreOutOfRange`] outside 1..=7.
    pub fn ces(score: i16) -> Result<SurveyAnswer, CoreError> {
        Self::ces_on(CesScale::OneToSeven, score)
    }

    /// A CES 2.0 answer on `scale`.
    ///
    /// # Errors
    /// [`CoreError::KpiScoreOutOfRange`] outside 1..=`scale.max()`.
    pub fn ces_on(scale: CesScale, score: i16) -> Result<SurveyAnswer, CoreError> {
        Self::checked(Survey::Ces(scale), "ces", score, 1, scale.max())
    }

    /// The survey.
    pub fn survey(&self) -> Survey {
        self.survey
    }

    /// The answer on the survey's scale.
    pub fn score(&self) -> u8 {
        self.score
    }
}

/// A segmentation dimension of tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// [`Ticket::channel`].
    Channel,
    /// [`Ticket::priority`].
    Priority,
    /// [`Ticket::team`].
    Team,
}

impl Dimension {
    /// All dimensions.
    pub const ALL: [Dimension; 3] = [Dimension::Channel, Dimension::Priority, Dimension::Team];

    /// Stable identifier: `channel`, `priority` or `team`.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Channel => "channel",
            Dimension::Priority => "priority",
            Dimension::Team => "team",
        }
    }

    /// The ticket's value on this dimension.
    pub fn value_of(self, ticket: &Ticket) -> &str {
        match self {
            Dimension::Channel => &ticket.channel,
            Dimension::Priority => &ticket.priority,
            Dimension::Team => &ticket.team,
        }
    }

    pub(crate) fn index(self) -> u8 {
        match self {
            Dimension::Channel => 1,
            Dimension::Priority => 2,
            Dimension::Team => 3,
        }
    }
}

/// One help-desk ticket with everything the KPIs need.
///
/// Events must be sorted by time (ties keep their order) and none may precede
/// `created`; [`Ticket::validate`] checks both. The ticket starts in
/// [`Status::New`] at `created`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// Identifier, used in error messages.
    pub id: String,
    /// Creation instant.
    pub created: Timestamp,
    /// Channel (email, web, chat, phone, …) as the source names it; empty when unknown.
    pub channel: String,
    /// Priority as the source names it; empty when unknown.
    pub priority: String,
    /// Team or group; selects the business calendar. Empty when unknown.
    pub team: String,
    /// Requester identifier; empty when unknown.
    pub requester: String,
    /// True when an agent opened the ticket (outbound): first response then starts at the first customer message.
    pub created_by_agent: bool,
    /// True when a CSAT survey was sent (denominator of the response rate).
    pub survey_offered: bool,
    /// Events in time order.
    pub events: Vec<Event>,
    /// Survey answers.
    pub surveys: Vec<SurveyAnswer>,
    /// The source says the ticket is solved or closed but gives no time for it (a status
    /// column without a solve time). A ticket with no solve event is then neither open
    /// backlog nor awaiting a first response; its resolution values stay absent.
    pub closed_at_unknown_time: bool,
    /// How often the export says the ticket was reassigned (ServiceNow `reassignment_count`);
    /// `None` when it does not say.
    pub reassignments: Option<u32>,
    /// How often the export says the ticket was reopened (ServiceNow `reopen_count`), used by
    /// the counter reopen rule besides reopen events; `None` when it does not say.
    pub reopen_count: Option<u32>,
}

impl Ticket {
    /// A ticket with no segments, events or answers.
    pub fn new(id: impl Into<String>, created: Timestamp) -> Ticket {
        Ticket {
            id: id.into(),
            created,
            channel: String::new(),
            priority: String::new(),
            team: String::new(),
            requester: String::new(),
            created_by_agent: false,
            survey_offered: false,
            events: Vec::new(),
            surveys: Vec::new(),
            closed_at_unknown_time: false,
            reassignments: None,
            reopen_count: None,
        }
    }

    /// Empties every field but keeps the allocations, for reuse by a streaming importer.
    pub fn clear(&mut self) {
        self.id.clear();
        self.created = Timestamp::UNIX_EPOCH;
        self.channel.clear();
        self.priority.clear();
        self.team.clear();
        self.requester.clear();
        self.created_by_agent = false;
        self.survey_offered = false;
        self.events.clear();
        self.surveys.clear();
        self.closed_at_unknown_time = false;
        self.reassignments = None;
        self.reopen_count = None;
    }

    /// Checks the order of events.
    ///
    /// # Errors
    /// [`CoreError::KpiEventBeforeCreation`] when an event precedes `created` (at second precision);
    /// [`CoreError::KpiEventsOutOfOrder`] when events are not sorted by time.
    pub fn validate(&self) -> Result<(), CoreError> {
        let created = self.created.as_second();
        let mut previous = created;
        for event in &self.events {
            let at = event.at.as_second();
            if at < created {
                return Err(CoreError::KpiEventBeforeCreation { ticket: self.id.clone() });
            }
            if at < previous {
                return Err(CoreError::KpiEventsOutOfOrder { ticket: self.id.clone() });
            }
            previous = at;
        }
        Ok(())
    }
}
