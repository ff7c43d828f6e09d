//! Ticket mapping files (TOML, `docs/kpi-mapping-format.md`) and recognised export
//! headers (Zendesk, Freshdesk, generic names): which column plays which role.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use servgap_core::kpi::{CesScale, CsatScale, Status};

use super::timestamp::TimestampParser;
use crate::source::{parse_delimiter, ReadOptions};
use crate::IngestError;

/// One row per ticket, or one row per event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One row per ticket with timestamp columns (created, first response, solved, closed).
    #[default]
    Tickets,
    /// One row per event: case id, activity, timestamp (process-mining event log).
    Events,
}

/// A column role of a ticket file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Ticket id (tickets) or case id (events).
    Id,
    /// Creation timestamp. In event logs optional: the case's first event otherwise.
    Created,
    /// Timestamp of the first public agent reply.
    FirstResponse,
    /// Minutes from creation to the first reply (Zendesk's export).
    FirstResponseMinutes,
    /// Solve timestamp.
    Solved,
    /// Close timestamp.
    Closed,
    /// Channel.
    Channel,
    /// Priority.
    Priority,
    /// Team or group (selects the business calendar).
    Team,
    /// Requester.
    Requester,
    /// CSAT answer.
    Csat,
    /// Number of public agent replies.
    Replies,
    /// Event activity (event logs).
    Activity,
    /// Event timestamp (event logs).
    Timestamp,
    /// Who did it (event logs).
    Resource,
    /// The ticket's current status (tickets): a value starting with `solved`, `closed` or
    /// `resolved` (any case) marks a ticket solved even without a solve time.
    Status,
    /// NPS answer, 0–10 (issue 13).
    Nps,
    /// CES 2.0 answer, 1–7 or 1–5 (`[ces] scale`; issue 13).
    Ces,
    /// How often the ticket was reassigned (ServiceNow `reassignment_count`; events: last row).
    ReassignmentCount,
    /// How often the ticket was reopened (ServiceNow `reopen_count`; events: last row).
    ReopenCount,
}

impl Role {
    /// Every role, in the order they are listed.
    pub const ALL: [Role; Role::COUNT] = [
        Role::Id,
        Role::Created,
        Role::FirstResponse,
        Role::FirstResponseMinutes,
        Role::Solved,
        Role::Closed,
        Role::Channel,
        Role::Priority,
        Role::Team,
        Role::Requester,
        Role::Csat,
        Role::Replies,
        Role::Activity,
        Role::Timestamp,
        Role::Resource,
        Role::Status,
        Role::Nps,
        Role::Ces,
        Role::ReassignmentCount,
        Role::ReopenCount,
    ];

    /// Number of roles.
    pub const COUNT: usize = 20;

    /// The mapping key, e.g. `first_response`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Created => "created",
            Role::FirstResponse => "first_response",
            Role::FirstResponseMinutes => "first_response_minutes",
            Role::Solved => "solved",
            Role::Closed => "closed",
            Role::Channel => "channel",
            Role::Priority => "priority",
            Role::Team => "team",
            Role::Requester => "requester",
            Role::Csat => "csat",
            Role::Replies => "replies",
            Role::Activity => "activity",
            Role::Timestamp => "timestamp",
            Role::Resource => "resource",
            Role::Status => "status",
            Role::Nps => "nps",
            Role::Ces => "ces",
            Role::ReassignmentCount => "reassignment_count",
            Role::ReopenCount => "reopen_count",
        }
    }

    fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// What an event-log activity means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityMeaning {
    /// A change to this status.
    Status(Status),
    /// A public human agent reply.
    AgentReply,
    /// A public customer message.
    CustomerMessage,
}

/// A yes/no column the source records itself (e.g. CFPB "Timely response?", ServiceNow
/// `made_sla`), reported as a share beside servgap's own KPIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Name in the report.
    pub name: String,
    /// Column.
    pub column: String,
    /// Values meaning yes (compared case-insensitively after trimming).
    pub yes: Vec<String>,
    /// Values meaning no.
    pub no: Vec<String>,
}

/// How CSAT cells are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsatSpec {
    /// Answer scale.
    pub scale: CsatScale,
    /// Text answers: `Some(score)`, or `None` = survey offered, not answered.
    pub labels: BTreeMap<String, Option<i16>>,
    /// Text answers meaning "no survey" (blank always means that).
    pub unoffered: Vec<String>,
}

/// A parsed ticket mapping file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketMapping {
    /// The file (named in errors).
    pub path: PathBuf,
    /// Row layout.
    pub layout: Layout,
    /// Reading options.
    pub read: ReadOptions,
    /// Zone of timestamps without an offset.
    pub zone: Option<String>,
    /// `strftime` format of timestamps (jiff); ISO 8601 forms when absent.
    pub timestamp_format: Option<String>,
    /// Whether recognised headers fill roles the mapping leaves open (default true).
    pub detect: bool,
    /// Explicit columns per role.
    pub columns: BTreeMap<Role, String>,
    /// Event logs: activity → meanings (empty = ignored).
    pub activities: BTreeMap<String, Vec<ActivityMeaning>>,
    /// Event logs: whether a case's rows are contiguous (default true; false holds the whole log in memory).
    pub events_grouped: bool,
    /// Event logs: resources whose agent replies are automatic and dropped.
    pub bot_resources: Vec<String>,
    /// CSAT reading.
    pub csat: Option<CsatSpec>,
    /// The scale of the `ces` column (`[ces] scale`, default 1–7).
    pub ces_scale: CesScale,
    /// Source-recorded yes/no flags.
    pub flags: Vec<Flag>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    layout: Option<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    header_row: Option<u64>,
    zone: Option<String>,
    timestamp_format: Option<String>,
    detect: Option<bool>,
    events_grouped: Option<bool>,
    bot_resources: Option<Vec<String>>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    activities: Option<BTreeMap<String, toml::Value>>,
    csat: Option<RawCsat>,
    ces: Option<RawCes>,
    flags: Option<Vec<RawFlag>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCes {
    scale: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCsat {
    scale: String,
    #[serde(default)]
    labels: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlag {
    name: String,
    column: String,
    yes: Vec<String>,
    no: Vec<String>,
}

fn meaning(text: &str) -> Option<Vec<ActivityMeaning>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "ignore" => Some(Vec::new()),
        "agent-reply" | "reply" => Some(vec![ActivityMeaning::AgentReply]),
        "customer-message" | "message" => Some(vec![ActivityMeaning::CustomerMessage]),
        other => Status::parse(other).ok().map(|s| vec![ActivityMeaning::Status(s)]),
    }
}

/// Top-level keys valid in every layout.
const COMMON_KEYS: [&str; 10] = [
    "layout",
    "encoding",
    "delimiter",
    "header_row",
    "zone",
    "timestamp_format",
    "columns",
    "csat",
    "ces",
    "flags",
];

/// Top-level keys of one layout only, with that layout.
const LAYOUT_KEYS: [(&str, Layout); 4] = [
    ("detect", Layout::Tickets),
    ("events_grouped", Layout::Events),
    ("bot_resources", Layout::Events),
    ("activities", Layout::Events),
];

/// Roles of one layout only (`docs/kpi-mapping-format.md`, "Roles").
fn role_layout(role: Role) -> Option<Layout> {
    match role {
        Role::FirstResponse
        | Role::FirstResponseMinutes
        | Role::Replies
        | Role::Solved
        | Role::Closed
        | Role::Status => Some(Layout::Tickets),
        Role::Activity | Role::Timestamp | Role::Resource => Some(Layout::Events),
        _ => None,
    }
}

impl Layout {
    /// `tickets` or `events`.
    pub fn id(self) -> &'static str {
        match self {
            Layout::Tickets => "tickets",
            Layout::Events => "events",
        }
    }

    /// The top-level mapping keys valid in this layout.
    pub fn keys(self) -> Vec<&'static str> {
        let own = LAYOUT_KEYS.iter().filter(|(_, l)| *l == self).map(|(k, _)| *k);
        COMMON_KEYS.iter().copied().chain(own).collect()
    }

    /// The `[columns]` roles valid in this layout.
    pub fn roles(self) -> Vec<&'static str> {
        Role::ALL.into_iter().filter(|r| role_layout(*r).is_none_or(|l| l == self)).map(Role::key).collect()
    }
}

/// Refuses keys of the other layout, listing the valid ones.
fn check_layout_keys(raw: &RawMapping, layout: Layout) -> Result<(), String> {
    let present = [
        ("detect", raw.detect.is_some()),
        ("events_grouped", raw.events_grouped.is_some()),
        ("bot_resources", raw.bot_resources.is_some()),
        ("activities", raw.activities.is_some()),
    ];
    for (key, given) in present {
        let home = LAYOUT_KEYS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l);
        if given && home.is_some_and(|l| l != layout) {
            return Err(format!(
                "key `{key}`: not used with layout = \"{}\" (valid keys: {})",
                layout.id(),
                layout.keys().join(", ")
            ));
        }
    }
    for key in raw.columns.keys() {
        let role = Role::from_key(key).ok_or_else(|| {
            format!(
                "key `columns.{}`: unknown role (valid for layout = \"{}\": {})",
                crate::settings_file::shorten(key, crate::settings_file::MAX_QUOTED_CHARS),
                layout.id(),
                layout.roles().join(", ")
            )
        })?;
        if role_layout(role).is_some_and(|l| l != layout) {
            return Err(format!(
                "key `columns.{key}`: not a role of layout = \"{}\" (valid: {})",
                layout.id(),
                layout.roles().join(", ")
            ));
        }
    }
    Ok(())
}

impl TicketMapping {
    /// Reads and parses a mapping file (a regular file of at most
    /// [`MAX_SETTINGS_BYTES`](crate::settings_file::MAX_SETTINGS_BYTES)).
    ///
    /// # Errors
    /// [`IngestError::Io`] or [`IngestError::Mapping`] (the message names the key).
    pub fn load(path: &Path) -> Result<TicketMapping, IngestError> {
        let text = crate::settings_file::read_settings_text(path, crate::settings_file::MAX_SETTINGS_BYTES)
            .map_err(crate::source::io_error(path))?;
        TicketMapping::parse(&text, path)
    }

    /// Parses mapping text; `path` names the file in errors.
    ///
    /// # Errors
    /// [`IngestError::Mapping`] for invalid TOML, unknown keys, keys or roles of the other
    /// layout, `header_row = 0`, a `timestamp_format` that cannot read what it writes, and
    /// unknown activities, scales or zones.
    pub fn parse(text: &str, path: &Path) -> Result<TicketMapping, IngestError> {
        let err = |message: String| IngestError::Mapping {
            mapping: path.to_owned(),
            message: crate::settings_file::shorten_message(&message),
        };
        let raw: RawMapping =
            toml::from_str(text).map_err(|e| err(crate::settings_file::toml_error(text, &e)))?;
        let layout = match raw.layout.as_deref() {
            None | Some("tickets") => Layout::Tickets,
            Some("events") => Layout::Events,
            Some(other) => {
                return Err(err(format!(
                    "key `layout`: expected \"tickets\" or \"events\", found \"{other}\""
                )))
            }
        };
        check_layout_keys(&raw, layout).map_err(err)?;
        if raw.header_row == Some(0) {
            return Err(err("key `header_row`: rows are numbered from 1".to_owned()));
        }
        if let Some(format) = &raw.timestamp_format {
            TimestampParser::check_format(format).map_err(|e| err(format!("key `timestamp_format`: {e}")))?;
        }
        let delimiter = raw
            .delimiter
            .as_deref()
            .map(parse_delimiter)
            .transpose()
            .map_err(|e| err(format!("key `delimiter`: {e}")))?;
        if let Some(label) = &raw.encoding {
            crate::text::encoding_for_label(label).map_err(|e| err(format!("key `encoding`: {e}")))?;
        }
        if let Some(zone) = &raw.zone {
            if jiff::tz::TimeZone::get(zone).is_err() {
                return Err(err(format!(
                    "key `zone`: `{zone}` is not an IANA time zone (e.g. Europe/Warsaw)"
                )));
            }
        }
        let mut columns = BTreeMap::new();
        for (key, column) in raw.columns {
            if let Some(role) = Role::from_key(&key) {
                columns.insert(role, column);
            }
        }
        let mut activities = BTreeMap::new();
        for (activity, value) in raw.activities.unwrap_or_default() {
            let texts: Vec<String> = match &value {
                toml::Value::String(s) => vec![s.clone()],
                toml::Value::Array(a) => a.iter().map(|v| v.as_str().unwrap_or("?").to_owned()).collect(),
                other => {
                    return Err(err(format!(
                        "key `activities.\"{activity}\"`: expected a meaning or a list of meanings, found `{other}`"
                    )))
                }
            };
            let mut meanings = Vec::new();
            for t in &texts {
                let m = meaning(t).ok_or_else(|| {
                    err(format!(
                        "key `activities.\"{activity}\"`: unknown meaning `{t}` (use a status: new, open, pending, \
                         on-hold, solved, closed; or agent-reply, customer-message, ignore)"
                    ))
                })?;
                meanings.extend(m);
            }
            activities.insert(activity.trim().to_owned(), meanings);
        }
        let csat = raw.csat.map(csat_spec).transpose().map_err(err)?;
        let ces_scale = raw.ces.map(|c| ces_scale(&c.scale)).transpose().map_err(err)?.unwrap_or_default();
        let flags = raw
            .flags
            .unwrap_or_default()
            .into_iter()
            .map(|f| Flag { name: f.name, column: f.column, yes: f.yes, no: f.no })
            .collect();
        Ok(TicketMapping {
            path: path.to_owned(),
            layout,
            read: ReadOptions {
                encoding: raw.encoding,
                delimiter,
                header_row: raw.header_row,
                ..ReadOptions::default()
            },
            zone: raw.zone,
            timestamp_format: raw.timestamp_format,
            detect: raw.detect.unwrap_or(true),
            columns,
            activities,
            events_grouped: raw.events_grouped.unwrap_or(true),
            bot_resources: raw.bot_resources.unwrap_or_default(),
            csat,
            ces_scale,
            flags,
        })
    }
}

/// The `[csat]` table: scale and labels.
pub(crate) fn csat_spec(c: RawCsat) -> Result<CsatSpec, String> {
    let scale = csat_scale(&c.scale)?;
    let mut labels = BTreeMap::new();
    let mut unoffered = Vec::new();
    let (low, high) = scale.range();
    let mut seen = std::collections::HashMap::new();
    for (text, value) in c.labels {
        let shown = crate::settings_file::shorten(&text, crate::settings_file::MAX_QUOTED_CHARS);
        if let Some(first) = seen.insert(text.trim().to_lowercase(), shown.clone()) {
            return Err(format!(
                "key `csat.labels.\"{shown}\"`: the same label as `csat.labels.\"{first}\"` \
                 (labels match ignoring case and surrounding spaces)"
            ));
        }
        match value {
            toml::Value::Integer(v) => {
                let score = i16::try_from(v)
                    .ok()
                    .filter(|s| (low..=high).contains(s))
                    .ok_or_else(|| format!("key `csat.labels.\"{shown}\"`: {v} is off the csat scale {low}..={high}"))?;
                labels.insert(text.to_lowercase(), Some(score));
            }
            toml::Value::String(s) if s == "offered" => {
                labels.insert(text.to_lowercase(), None);
            }
            toml::Value::String(s) if s == "unoffered" => unoffered.push(text.to_lowercase()),
            other => {
                return Err(format!(
                    "key `csat.labels.\"{shown}\"`: expected a score, \"offered\" or \"unoffered\", found `{other}`"
                ))
            }
        }
    }
    Ok(CsatSpec { scale, labels, unoffered })
}

/// A `csat.scale` value: `binary`, `1-3`, `1-5` or `1-7`.
pub(crate) fn csat_scale(text: &str) -> Result<CsatScale, String> {
    CsatScale::ALL.into_iter().find(|s| s.id() == text).ok_or_else(|| {
        format!("key `csat.scale`: expected \"binary\", \"1-3\", \"1-5\" or \"1-7\", found \"{text}\"")
    })
}

/// A `ces.scale` value: `1-5` or `1-7`.
pub(crate) fn ces_scale(text: &str) -> Result<CesScale, String> {
    CesScale::ALL
        .into_iter()
        .find(|s| s.id() == text)
        .ok_or_else(|| format!("key `ces.scale`: expected \"1-5\" or \"1-7\", found \"{text}\""))
}

/// Which export a header looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// Zendesk Support CSV export (`Id`, `Created at`, `Solved at`, `Via`, …).
    Zendesk,
    /// Freshdesk ticket export (`Ticket ID`, `Created time`, `Resolved time`, `Source`, …).
    Freshdesk,
    /// Plain names (`id`, `created`, `first_response`, `solved`, `channel`, …).
    Generic,
}

impl Vendor {
    /// `zendesk`, `freshdesk` or `generic`.
    pub fn id(self) -> &'static str {
        match self {
            Vendor::Zendesk => "zendesk",
            Vendor::Freshdesk => "freshdesk",
            Vendor::Generic => "generic",
        }
    }
}

/// Header names recognised per vendor, lower-case (compared after trimming and lower-casing).
pub const ZENDESK_HEADERS: &[(Role, &[&str])] = &[
    (Role::Id, &["id", "ticket id"]),
    (Role::Created, &["created at", "ticket created - timestamp"]),
    (Role::Solved, &["solved at", "ticket solved - timestamp"]),
    (Role::FirstResponseMinutes, &["first reply time in minutes", "first reply time (min)"]),
    (Role::Channel, &["via", "ticket channel"]),
    (Role::Priority, &["priority", "ticket priority"]),
    (Role::Team, &["group", "ticket group"]),
    (Role::Requester, &["requester", "requester id"]),
    (Role::Replies, &["replies"]),
    (Role::Csat, &["satisfaction score", "ticket satisfaction rating"]),
    (Role::Status, &["status", "ticket status"]),
];

/// Freshdesk ticket-export names.
pub const FRESHDESK_HEADERS: &[(Role, &[&str])] = &[
    (Role::Id, &["ticket id"]),
    (Role::Created, &["created time"]),
    (Role::FirstResponse, &["initial response time"]),
    (Role::Solved, &["resolved time"]),
    (Role::Closed, &["closed time"]),
    (Role::Channel, &["source"]),
    (Role::Priority, &["priority"]),
    (Role::Team, &["group"]),
    (Role::Requester, &["contact id", "requester email", "full name"]),
    (Role::Replies, &["agent interactions"]),
    (Role::Status, &["status"]),
];

/// Plain names.
pub const GENERIC_HEADERS: &[(Role, &[&str])] = &[
    (Role::Id, &["id", "ticket_id", "ticket id"]),
    (Role::Created, &["created", "created_at"]),
    (Role::FirstResponse, &["first_response", "first_response_at", "first_reply_at"]),
    (Role::Solved, &["solved", "solved_at", "resolved", "resolved_at"]),
    (Role::Closed, &["closed", "closed_at"]),
    (Role::Channel, &["channel"]),
    (Role::Priority, &["priority"]),
    (Role::Team, &["team", "group"]),
    (Role::Requester, &["requester"]),
    (Role::Csat, &["csat"]),
    (Role::Replies, &["replies"]),
    (Role::Status, &["status"]),
];

/// True when a status cell says the ticket is solved: its first word is `solved`,
/// `closed` or `resolved`, in any case (Zendesk `Solved`, Freshdesk `Resolved`, the
/// CFPB's `Closed with explanation`).
pub fn status_is_solved(value: &str) -> bool {
    let first = value.trim().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    ["solved", "closed", "resolved"].iter().any(|w| first.eq_ignore_ascii_case(w))
}

fn norm(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_lowercase()
}

fn matches_table(columns: &[String], table: &[(Role, &[&str])]) -> BTreeMap<Role, usize> {
    let names: Vec<String> = columns.iter().map(|c| norm(c)).collect();
    let mut found = BTreeMap::new();
    for (role, aliases) in table {
        if let Some(i) = aliases.iter().find_map(|a| names.iter().position(|n| n == a)) {
            found.insert(*role, i);
        }
    }
    found
}

/// Recognises a ticket-per-row export from its header: the vendor and the columns found.
/// Zendesk needs `Created at`; Freshdesk `Created time` and `Ticket ID`; generic names need `created`.
pub fn recognise(columns: &[String]) -> Option<(Vendor, BTreeMap<Role, usize>)> {
    for (vendor, table) in [
        (Vendor::Zendesk, ZENDESK_HEADERS),
        (Vendor::Freshdesk, FRESHDESK_HEADERS),
        (Vendor::Generic, GENERIC_HEADERS),
    ] {
        let found = matches_table(columns, table);
        let ok = match vendor {
            Vendor::Zendesk => {
                found.contains_key(&Role::Created) && found.contains_key(&Role::FirstResponseMinutes)
                    || found.contains_key(&Role::Created) && found.contains_key(&Role::Solved)
            }
            Vendor::Freshdesk => found.contains_key(&Role::Created) && found.contains_key(&Role::Id),
            Vendor::Generic => found.contains_key(&Role::Created),
        };
        if ok {
            return Some((vendor, found));
        }
    }
    None
}

/// Zendesk's satisfaction labels: Good = 1, Bad = 0 on the binary scale; Offered = no answer;
/// Unoffered / Not offered = no survey.
pub(crate) fn zendesk_csat() -> CsatSpec {
    let mut labels = BTreeMap::new();
    labels.insert("good".to_owned(), Some(1));
    labels.insert("bad".to_owned(), Some(0));
    labels.insert("offered".to_owned(), None);
    CsatSpec {
        scale: CsatScale::Binary,
        labels,
        unoffered: vec!["unoffered".to_owned(), "not offered".to_owned()],
    }
}
