//! A survey-response file joined to the tickets by ticket id (issue 13):
//! `servgap kpi TICKETS --responses FILE --responses-mapping TOML`.
//!
//! The file is read whole before the tickets (memory grows with its responses, not with
//! the tickets). One response per ticket counts: the latest by response time, else the
//! later row; earlier ones are rejected (`duplicate-response`). Responses whose ticket is
//! not among the accepted tickets are counted and reported (`unknown-ticket`), never
//! dropped silently: `read = joined + unmatched + rejected`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::Deserialize;
use servgap_core::kpi::{CesScale, ExportInputs, Input, SurveyAnswer};

use super::findings::{TicketFinding, TicketFindings, TicketRule};
use super::layout::{ces_scale, csat_spec, CsatSpec, RawCsat};
use super::read::for_each_record;
use super::timestamp::TimestampParser;
use crate::error::shown;
use crate::source::{Header, ReadOptions, Source};
use crate::IngestError;

/// The columns of a responses file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseColumns {
    /// The ticket id each response belongs to (required).
    pub ticket_id: String,
    /// When the survey was answered (optional; orders duplicate responses).
    pub responded: Option<String>,
    /// CSAT answer.
    pub csat: Option<String>,
    /// NPS answer, 0–10.
    pub nps: Option<String>,
    /// CES answer on `ces_scale`.
    pub ces: Option<String>,
}

/// A parsed responses mapping file (`docs/kpi-mapping-format.md`, "Survey responses").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsesMapping {
    /// The file (named in errors).
    pub path: PathBuf,
    /// Reading options.
    pub read: ReadOptions,
    /// Zone of response times without an offset.
    pub zone: Option<String>,
    /// `strftime` format of response times.
    pub timestamp_format: Option<String>,
    /// Columns.
    pub columns: ResponseColumns,
    /// CSAT reading (1–5 when the mapping has a csat column and no `[csat]`).
    pub csat: Option<CsatSpec>,
    /// CES scale.
    pub ces_scale: CesScale,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponses {
    encoding: Option<String>,
    delimiter: Option<String>,
    header_row: Option<u64>,
    zone: Option<String>,
    timestamp_format: Option<String>,
    columns: RawColumns,
    csat: Option<RawCsat>,
    ces: Option<RawScale>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumns {
    ticket_id: String,
    responded: Option<String>,
    csat: Option<String>,
    nps: Option<String>,
    ces: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    scale: String,
}

impl ResponsesMapping {
    /// Reads and parses a responses mapping file.
    ///
    /// # Errors
    /// [`IngestError::Io`] or [`IngestError::Mapping`] (the message names the key).
    pub fn load(path: &Path) -> Result<ResponsesMapping, IngestError> {
        let text = crate::settings_file::read_settings_text(path, crate::settings_file::MAX_SETTINGS_BYTES)
            .map_err(crate::source::io_error(path))?;
        ResponsesMapping::parse(&text, path)
    }

    /// Parses mapping text; `path` names the file in errors.
    ///
    /// # Errors
    /// [`IngestError::Mapping`] for invalid TOML, unknown keys, no answer column, bad
    /// scales, zones or formats.
    pub fn parse(text: &str, path: &Path) -> Result<ResponsesMapping, IngestError> {
        let err = |message: String| IngestError::Mapping {
            mapping: path.to_owned(),
            message: crate::settings_file::shorten_message(&message),
        };
        let raw: RawResponses =
            toml::from_str(text).map_err(|e| err(crate::settings_file::toml_error(text, &e)))?;
        let c = raw.columns;
        if c.csat.is_none() && c.nps.is_none() && c.ces.is_none() {
            return Err(err("key `columns`: name at least one answer column (csat, nps or ces)".to_owned()));
        }
        if let Some(format) = &raw.timestamp_format {
            TimestampParser::check_format(format).map_err(|e| err(format!("key `timestamp_format`: {e}")))?;
        }
        if let Some(zone) = &raw.zone {
            if TimeZone::get(zone).is_err() {
                return Err(err(format!(
                    "key `zone`: `{zone}` is not an IANA time zone (e.g. Europe/Warsaw)"
                )));
            }
        }
        let delimiter = raw
            .delimiter
            .as_deref()
            .map(crate::source::parse_delimiter)
            .transpose()
            .map_err(|e| err(format!("key `delimiter`: {e}")))?;
        let csat = match (raw.csat, c.csat.is_some()) {
            (Some(spec), _) => Some(csat_spec(spec).map_err(err)?),
            (None, true) => Some(CsatSpec {
                scale: servgap_core::kpi::CsatScale::OneToFive,
                labels: BTreeMap::new(),
                unoffered: Vec::new(),
            }),
            (None, false) => None,
        };
        let ces_scale = raw.ces.map(|s| ces_scale(&s.scale)).transpose().map_err(err)?.unwrap_or_default();
        Ok(ResponsesMapping {
            path: path.to_owned(),
            read: ReadOptions {
                encoding: raw.encoding,
                delimiter,
                header_row: raw.header_row,
                ..ReadOptions::default()
            },
            zone: raw.zone,
            timestamp_format: raw.timestamp_format,
            columns: ResponseColumns {
                ticket_id: c.ticket_id,
                responded: c.responded,
                csat: c.csat,
                nps: c.nps,
                ces: c.ces,
            },
            csat,
            ces_scale,
        })
    }
}

/// The answers of one kept response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Its row in the responses file (header = row 1).
    pub row: u64,
    /// When it was answered, if the file says.
    pub at: Option<Timestamp>,
    /// Its readable answers.
    pub answers: Vec<SurveyAnswer>,
    /// True when it carries a CSAT answer or a CSAT label meaning "offered".
    pub csat_offered: bool,
}

/// The responses of a file, one per ticket id, with their counts and findings.
#[derive(Debug, Clone)]
pub struct SurveyResponses {
    /// The responses file.
    pub path: PathBuf,
    by_ticket: HashMap<String, Response>,
    /// Data rows read.
    pub read: u64,
    /// Rows rejected: no ticket id, a wrong field count, or superseded by a later response.
    pub rejected: u64,
    /// Findings (file rows and columns of the responses file).
    pub findings: TicketFindings,
    /// CES scale of the `ces` column.
    pub ces_scale: CesScale,
    /// Survey inputs the file carries.
    pub inputs: ExportInputs,
    /// The ticket-id column's name.
    pub ticket_column: String,
}

impl SurveyResponses {
    /// The kept response of a ticket id.
    pub fn get(&self, ticket: &str) -> Option<&Response> {
        self.by_ticket.get(ticket)
    }

    /// Responses kept (one per ticket id): joined + unmatched.
    pub fn kept(&self) -> u64 {
        self.by_ticket.len() as u64
    }

    /// The responses not joined (their rows are not in `joined_rows`, sorted), and the
    /// findings with an `unknown-ticket` finding added for each of them.
    pub fn unmatched(&self, joined_rows: &[u64]) -> (u64, TicketFindings) {
        let column = shown(&self.ticket_column);
        let mut unmatched: Vec<(u64, &String)> = self
            .by_ticket
            .iter()
            .filter(|(_, r)| joined_rows.binary_search(&r.row).is_err())
            .map(|(id, r)| (r.row, id))
            .collect();
        unmatched.sort_unstable();
        let mut findings = self.findings.clone();
        for (row, id) in &unmatched {
            findings.record(TicketFinding {
                row: *row,
                column: column.clone(),
                value: shown(id),
                rule: TicketRule::UnknownTicket,
            });
        }
        (unmatched.len() as u64, findings)
    }
}

/// Column indices of a responses file.
struct ResponsePlan<'a> {
    mapping: &'a ResponsesMapping,
    columns: Vec<String>,
    ticket: usize,
    responded: Option<usize>,
    csat: Option<usize>,
    nps: Option<usize>,
    ces: Option<usize>,
}

impl ResponsePlan<'_> {
    fn name(&self, i: usize) -> String {
        self.columns.get(i).map_or_else(|| format!("#{}", i + 1), |c| shown(c))
    }
}

/// Reads a responses file, keeping one response per ticket id.
///
/// # Errors
/// I/O and CSV errors, [`IngestError::MappingColumn`] for a mapped column not in the
/// header, [`IngestError::NoTimeZone`], and with `strict` [`IngestError::Rejected`] at the
/// first finding.
pub fn read_responses(
    source: &Source,
    header: &Header,
    mapping: &ResponsesMapping,
    examples: usize,
    strict: bool,
) -> Result<SurveyResponses, IngestError> {
    let find = |key: &str, name: &str| -> Result<usize, IngestError> {
        header.columns.iter().position(|c| c.trim().trim_start_matches('\u{feff}') == name.trim()).ok_or_else(
            || IngestError::MappingColumn {
                mapping: mapping.path.clone(),
                key: format!("columns.{key}"),
                column: name.to_owned(),
                path: source.path.clone(),
            },
        )
    };
    let c = &mapping.columns;
    let optional = |key: &str, name: &Option<String>| name.as_deref().map(|n| find(key, n)).transpose();
    let plan = ResponsePlan {
        mapping,
        columns: header.columns.clone(),
        ticket: find("ticket_id", &c.ticket_id)?,
        responded: optional("responded", &c.responded)?,
        csat: optional("csat", &c.csat)?,
        nps: optional("nps", &c.nps)?,
        ces: optional("ces", &c.ces)?,
    };
    let mut inputs = ExportInputs::none();
    for (input, column) in [(Input::Csat, plan.csat), (Input::Nps, plan.nps), (Input::Ces, plan.ces)] {
        if column.is_some() {
            inputs.insert(input);
        }
    }
    let zone = mapping.zone.as_deref().and_then(|z| TimeZone::get(z).ok());
    let mut state = ReadState {
        plan: &plan,
        parser: TimestampParser::new(mapping.timestamp_format.as_deref(), zone),
        path: source.path.clone(),
        strict,
        out: SurveyResponses {
            path: source.path.clone(),
            by_ticket: HashMap::new(),
            read: 0,
            rejected: 0,
            findings: TicketFindings::new(examples),
            ces_scale: mapping.ces_scale,
            inputs,
            ticket_column: c.ticket_id.clone(),
        },
    };
    for_each_record(source, header, |row, record| state.row(row, record), header.header_row)?;
    Ok(state.out)
}

struct ReadState<'a> {
    plan: &'a ResponsePlan<'a>,
    parser: TimestampParser,
    path: PathBuf,
    strict: bool,
    out: SurveyResponses,
}

impl ReadState<'_> {
    fn note(&mut self, row: u64, column: usize, value: &str, rule: TicketRule) -> Result<(), IngestError> {
        let f = TicketFinding { row, column: self.plan.name(column), value: shown(value), rule };
        if self.strict {
            return Err(super::read::rejected(&self.path, &f));
        }
        self.out.findings.record(f);
        Ok(())
    }

    fn row(&mut self, row: u64, record: &csv::StringRecord) -> Result<(), IngestError> {
        self.out.read += 1;
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        if fields.len() != self.plan.columns.len() {
            self.out.rejected += 1;
            let f = TicketFinding {
                row,
                column: "(whole row)".to_owned(),
                value: format!("{} fields where the header has {}", fields.len(), self.plan.columns.len()),
                rule: TicketRule::FieldCount,
            };
            if self.strict {
                return Err(super::read::rejected(&self.path, &f));
            }
            self.out.findings.record(f);
            return Ok(());
        }
        let ticket = fields[self.plan.ticket];
        if ticket.is_empty() {
            self.out.rejected += 1;
            return self.note(row, self.plan.ticket, "", TicketRule::MissingId);
        }
        let at = self.responded(row, &fields)?;
        let (answers, csat_offered) = self.answers(row, &fields)?;
        self.keep(ticket, Response { row, at, answers, csat_offered })
    }

    fn responded(&mut self, row: u64, fields: &[&str]) -> Result<Option<Timestamp>, IngestError> {
        let Some(i) = self.plan.responded else { return Ok(None) };
        if fields[i].is_empty() {
            return Ok(None);
        }
        match self.parser.parse(fields[i]) {
            Ok(at) => Ok(Some(at)),
            Err(super::timestamp::TimestampError::NoZone) => Err(IngestError::NoTimeZone {
                path: self.path.clone(),
                row,
                column: self.plan.name(i),
                value: shown(fields[i]),
            }),
            Err(_) => {
                self.note(row, i, fields[i], TicketRule::BadOptionalTimestamp)?;
                Ok(None)
            }
        }
    }

    /// The readable answers; an unreadable cell is dropped with a `bad-score` finding.
    fn answers(&mut self, row: u64, fields: &[&str]) -> Result<(Vec<SurveyAnswer>, bool), IngestError> {
        let mut answers = Vec::new();
        let mut offered = false;
        if let (Some(i), Some(spec)) = (self.plan.csat, &self.plan.mapping.csat) {
            let text = fields[i];
            let lower = text.to_lowercase();
            if !text.is_empty() && !spec.unoffered.contains(&lower) {
                let answer = match spec.labels.get(&lower) {
                    Some(Some(s)) => Some(SurveyAnswer::csat(spec.scale, *s).ok()),
                    Some(None) => None,
                    None => {
                        Some(lower.parse::<i16>().ok().and_then(|s| SurveyAnswer::csat(spec.scale, s).ok()))
                    }
                };
                match answer {
                    Some(None) => self.note(row, i, text, TicketRule::BadScore)?,
                    Some(Some(a)) => {
                        answers.push(a);
                        offered = true;
                    }
                    None => offered = true,
                }
            }
        }
        let scale = self.plan.mapping.ces_scale;
        for (column, nps) in [(self.plan.nps, true), (self.plan.ces, false)] {
            let Some(i) = column else { continue };
            if fields[i].is_empty() {
                continue;
            }
            let answer = fields[i].parse::<i16>().ok().and_then(|s| {
                if nps {
                    SurveyAnswer::nps(s).ok()
                } else {
                    SurveyAnswer::ces_on(scale, s).ok()
                }
            });
            match answer {
                Some(a) => answers.push(a),
                None => self.note(row, i, fields[i], TicketRule::BadScore)?,
            }
        }
        Ok((answers, offered))
    }

    /// Keeps the latest response per ticket (by time when both have one, else the later
    /// row); the other is rejected with a `duplicate-response` finding naming both rows.
    fn keep(&mut self, ticket: &str, response: Response) -> Result<(), IngestError> {
        let Some(earlier) = self.out.by_ticket.get(ticket) else {
            self.out.by_ticket.insert(ticket.to_owned(), response);
            return Ok(());
        };
        let newer = match (earlier.at, response.at) {
            (Some(a), Some(b)) => b >= a,
            _ => true,
        };
        let (loser, winner) = if newer { (earlier.row, response.row) } else { (response.row, earlier.row) };
        if newer {
            self.out.by_ticket.insert(ticket.to_owned(), response);
        }
        self.out.rejected += 1;
        let value = format!("{ticket} (the response on row {winner} counts)");
        self.note(loser, self.plan.ticket, &value, TicketRule::DuplicateResponse)
    }
}
