//! Warnings: things a user should know about a result that is still produced.
//!
//! A pipeline returns them as values beside the result; the front end decides how to
//! show them (the command line prints `warning: ...` on standard error).

use std::fmt;

/// Something worth telling the user about a result that was still produced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// Some rows were rejected whole (a broken rule under the default policy): the result
    /// stands on the rest, and the report's data-quality section lists why. Said on the
    /// terminal too, because a report written to a file is not read at once.
    RowsRejected {
        /// The file, as the report names it.
        file: String,
        /// Rows (tickets) rejected.
        rejected: u64,
        /// Data rows read.
        read: u64,
    },
    /// Some tickets were rejected (a broken rule under the default policy); the KPIs
    /// stand on the rest. Counted in tickets, since an event log has many rows per ticket.
    TicketsRejected {
        /// The file, as the report names it.
        file: String,
        /// Tickets rejected.
        rejected: u64,
        /// Tickets read (analysed + rejected).
        read: u64,
    },
    /// Survey responses (`--responses`) were not joined: their ticket id names no accepted
    /// ticket, or they were rejected (issue 13). Counted, listed in the report, never dropped silently.
    ResponsesNotJoined {
        /// The responses file, as the report names it.
        file: String,
        /// Responses read.
        read: u64,
        /// Responses whose ticket id names no accepted ticket.
        unmatched: u64,
        /// Responses rejected (no ticket id, wrong field count, an earlier duplicate).
        rejected: u64,
    },
    /// The calendar file names teams, but some teams of the data have none of their own
    /// (names compared case-insensitively): their business time uses the default calendar,
    /// or is absent without one.
    TeamsWithoutCalendar {
        /// The teams, sorted.
        teams: Vec<String>,
        /// Whether a default calendar covers them.
        default_calendar: bool,
    },
    /// A study data file holds rows whose unit value is no unit of the study (by slug or
    /// code); they count in the whole-file figures but in no unit's (issue 14).
    NoSuchUnit {
        /// The file, as the report names it.
        file: String,
        /// The unit column (or ticket dimension).
        column: String,
        /// The value.
        value: String,
        /// Rows (respondents or tickets created) with that value.
        rows: u64,
    },
    /// Two values of a study data file stand for the same unit (its slug and a code); the
    /// unit takes the first, in value order (issue 14).
    UnitCodesMerged {
        /// The file, as the report names it.
        file: String,
        /// The value left out.
        value: String,
    },
    /// A row of the feasibility register rates a gap the ranked wave did not measure (a
    /// typo in the id, or a gap of another wave); it counts for nothing (issue 15).
    FeasibilityGapNotMeasured {
        /// The register, as the study file names it.
        file: String,
        /// The gap id as given.
        gap: String,
        /// The wave ranked.
        wave: String,
    },
}

impl Warning {
    /// A [`Warning::RowsRejected`] when any row was rejected.
    pub(crate) fn rows_rejected(file: &str, rejected: u64, read: u64) -> Option<Warning> {
        (rejected > 0).then(|| Warning::RowsRejected { file: file.to_owned(), rejected, read })
    }

    /// A [`Warning::TeamsWithoutCalendar`] when any team lacks a calendar.
    pub(crate) fn teams_without_calendar(teams: &[String], default_calendar: bool) -> Option<Warning> {
        (!teams.is_empty()).then(|| Warning::TeamsWithoutCalendar { teams: teams.to_vec(), default_calendar })
    }

    /// A [`Warning::TicketsRejected`] when any ticket was rejected.
    pub(crate) fn tickets_rejected(file: &str, rejected: u64, analysed: u64) -> Option<Warning> {
        let read = analysed + rejected;
        (rejected > 0).then(|| Warning::TicketsRejected { file: file.to_owned(), rejected, read })
    }
}

impl Warning {
    /// A [`Warning::ResponsesNotJoined`] when some response was not joined.
    pub(crate) fn responses_unmatched(view: &Option<servgap_report::kpi::ResponsesView>) -> Option<Warning> {
        let v = view.as_ref()?;
        (v.unmatched + v.rejected > 0).then(|| Warning::ResponsesNotJoined {
            file: v.file.clone(),
            read: v.read,
            unmatched: v.unmatched,
            rejected: v.rejected,
        })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::RowsRejected { file, rejected, read } => write!(
                f,
                "{file}: {rejected} of {read} data rows were rejected and left out; the report's data-quality section says why"
            ),
            Warning::TicketsRejected { file, rejected, read } => write!(
                f,
                "{file}: {rejected} of {read} tickets were rejected and left out; the report's data-quality section says why"
            ),
            Warning::ResponsesNotJoined { file, read, unmatched, rejected } => write!(
                f,
                "{file}: of {read} survey responses, {unmatched} name no accepted ticket and {rejected} were rejected; the report's data-quality section lists them"
            ),
            Warning::TeamsWithoutCalendar { teams, default_calendar } => {
                let shown: Vec<&str> = teams.iter().take(10).map(String::as_str).collect();
                let more = if teams.len() > 10 { format!(" and {} more", teams.len() - 10) } else { String::new() };
                let fallback = if *default_calendar {
                    "they use the default calendar"
                } else {
                    "they have no business-time values"
                };
                write!(
                    f,
                    "{} team(s) have no calendar of their own (names compared ignoring case): {}{more}; {fallback}",
                    teams.len(),
                    shown.join(", ")
                )
            }
            Warning::NoSuchUnit { file, column, value, rows } => write!(
                f,
                "{file}: {rows} rows have {column} `{value}`, which is no unit of the study (add it to a unit's `codes`); they count in no unit"
            ),
            Warning::UnitCodesMerged { file, value } => write!(
                f,
                "{file}: `{value}` is a second value of a unit that already has rows under another value; its rows are left out of the unit (use one value per unit)"
            ),
            Warning::FeasibilityGapNotMeasured { file, gap, wave } => write!(
                f,
                "{file}: gap `{gap}` is rated, but wave `{wave}` did not measure it; its ratings count for nothing"
            ),
        }
    }
}
