//! Reading ticket files into a [`KpiAggregate`]: the column plan, the row → ticket
//! conversion shared by every reader, the general (`csv` crate) reader, the parallel
//! block reader for plain UTF-8 ticket files, and the event-log reader.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use jiff::Timestamp;
use servgap_core::kpi::{Event, KpiAggregate, KpiEngine, SurveyAnswer, Ticket};
use servgap_core::CoreError;

use super::findings::{FlagTally, TicketFinding, TicketFindings, TicketRule};
use super::ids::IdLedger;
use super::layout::{
    recognise, status_is_solved, zendesk_csat, ActivityMeaning, CsatSpec, Flag, Layout, Role, TicketMapping,
    Vendor,
};
use super::timestamp::{TimestampError, TimestampParser};
use crate::blocks::{parse_in_parallel, produce_blocks, Block, BlockFile, Numbering};
use crate::error::shown;
use crate::source::{io_error, FileKind, Header, Limits, Source};
use crate::text::{DecodingReader, RecordGuard};
use crate::IngestError;

/// Which column plays which role, and how cells are read.
#[derive(Debug, Clone)]
pub struct TicketPlan {
    /// Row layout.
    pub layout: Layout,
    /// The recognised export, when no mapping named the columns.
    pub vendor: Option<Vendor>,
    /// Header names.
    pub columns: Vec<String>,
    /// Column index per role ([`Role::ALL`] order).
    pub roles: [Option<usize>; Role::COUNT],
    /// CSAT reading.
    pub csat: Option<CsatSpec>,
    /// Source flags and their columns.
    pub flags: Vec<(Flag, usize)>,
    /// Event logs: activity → meanings.
    pub activities: HashMap<String, Vec<ActivityMeaning>>,
    /// Event logs: a case's rows are contiguous.
    pub events_grouped: bool,
    /// Event logs: automatic resources.
    pub bot_resources: Vec<String>,
    /// Zone of timestamps without an offset, by name.
    pub zone: Option<String>,
    /// `strftime` format of timestamps.
    pub timestamp_format: Option<String>,
    /// The scale of the `ces` column.
    pub ces_scale: servgap_core::kpi::CesScale,
    /// Survey responses joined by ticket id (`--responses`; issue 13), set by the caller.
    pub responses: Option<std::sync::Arc<super::responses::SurveyResponses>>,
}

impl TicketPlan {
    /// Column index of a role.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.roles[role.index()]
    }

    /// `(role key, column name)` for every mapped role.
    pub fn describe(&self) -> Vec<(String, String)> {
        Role::ALL
            .iter()
            .filter_map(|r| Some((r.key().to_owned(), self.columns.get(self.column(*r)?)?.clone())))
            .collect()
    }

    fn parser(&self) -> TimestampParser {
        let zone = self.zone.as_deref().and_then(|z| TimeZone::get(z).ok());
        TimestampParser::new(self.timestamp_format.as_deref(), zone)
    }
}

/// Builds the column plan from the header and an optional mapping.
///
/// `zone` is the zone of timestamps without an offset when the mapping states none
/// (the CLI passes `--zone`, else the calendar's zone). A zone given here wins over the mapping's
/// only when `zone_overrides` is true.
///
/// # Errors
/// [`IngestError::MappingColumn`] for a mapped column not in the header;
/// [`IngestError::TicketColumnsMissing`] when required roles have no column.
pub fn plan_tickets(
    source: &Source,
    header: &Header,
    mapping: Option<&TicketMapping>,
    zone: Option<&str>,
    zone_overrides: bool,
) -> Result<TicketPlan, IngestError> {
    if source.kind == FileKind::Spreadsheet {
        // Before column matching: "no column for created" would blame the wrong thing.
        return Err(IngestError::TicketSpreadsheet { path: source.path.clone() });
    }
    let columns = header.columns.clone();
    let layout = mapping.map_or(Layout::Tickets, |m| m.layout);
    let mut roles: [Option<usize>; Role::COUNT] = [None; Role::COUNT];
    let mut vendor = None;
    let mut csat = mapping.and_then(|m| m.csat.clone());
    let detect = mapping.is_none_or(|m| m.detect);
    if layout == Layout::Tickets && detect {
        if let Some((v, found)) = recognise(&columns) {
            vendor = Some(v);
            for (role, i) in found {
                roles[role.index()] = Some(i);
            }
            if v == Vendor::Zendesk && csat.is_none() {
                csat = Some(zendesk_csat());
            }
        }
    }
    let find = |key: String, name: &str| -> Result<usize, IngestError> {
        let wanted = name.trim();
        columns.iter().position(|c| c.trim().trim_start_matches('\u{feff}') == wanted).ok_or_else(|| {
            IngestError::MappingColumn {
                mapping: mapping.map(|m| m.path.clone()).unwrap_or_default(),
                key,
                column: name.to_owned(),
                path: source.path.clone(),
            }
        })
    };
    let mut flags = Vec::new();
    if let Some(m) = mapping {
        for (role, name) in &m.columns {
            roles[role.index()] = Some(find(format!("columns.{}", role.key()), name)?);
        }
        for (k, flag) in m.flags.iter().enumerate() {
            flags.push((flag.clone(), find(format!("flags[{k}].column"), &flag.column)?));
        }
    }
    if roles[Role::Csat.index()].is_some() && csat.is_none() {
        csat = Some(CsatSpec {
            scale: servgap_core::kpi::CsatScale::OneToFive,
            labels: Default::default(),
            unoffered: Vec::new(),
        });
    }
    let required: &[Role] = match layout {
        Layout::Tickets => &[Role::Created],
        Layout::Events => &[Role::Id, Role::Activity, Role::Timestamp],
    };
    let missing: Vec<&str> =
        required.iter().filter(|r| roles[r.index()].is_none()).map(|r| r.key()).collect();
    if !missing.is_empty() {
        return Err(IngestError::TicketColumnsMissing {
            path: source.path.clone(),
            roles: missing.join(", "),
        });
    }
    let zone = match (zone, mapping.and_then(|m| m.zone.clone())) {
        (Some(z), Some(_)) if zone_overrides => Some(z.to_owned()),
        (_, Some(m)) => Some(m),
        (z, None) => z.map(str::to_owned),
    };
    Ok(TicketPlan {
        layout,
        vendor,
        columns,
        roles,
        csat,
        flags,
        activities: mapping.map(|m| m.activities.clone().into_iter().collect()).unwrap_or_default(),
        events_grouped: mapping.is_none_or(|m| m.events_grouped),
        bot_resources: mapping.map(|m| m.bot_resources.clone()).unwrap_or_default(),
        zone,
        timestamp_format: mapping.and_then(|m| m.timestamp_format.clone()),
        ces_scale: mapping.map(|m| m.ces_scale).unwrap_or_default(),
        responses: None,
    })
}

/// Options of [`import_tickets`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketOptions {
    /// Stop at the first finding with [`IngestError::Rejected`]; nothing is returned.
    pub strict: bool,
    /// Worker threads of the block reader (0 = available parallelism).
    pub threads: usize,
    /// Block size of the block reader, in bytes.
    pub block_size: usize,
    /// Examples kept per rule.
    pub examples: usize,
    /// Never use the block reader (tests and comparisons).
    pub general_only: bool,
}

impl Default for TicketOptions {
    fn default() -> Self {
        TicketOptions { strict: false, threads: 0, block_size: 4 << 20, examples: 20, general_only: false }
    }
}

/// The result of reading a ticket file.
#[derive(Debug, Clone)]
pub struct TicketImport {
    /// The KPI aggregate of the accepted tickets.
    pub aggregate: KpiAggregate,
    /// Data rows read.
    pub rows: u64,
    /// Tickets accepted.
    pub tickets: u64,
    /// Tickets rejected by a rule (in event logs: rejected cases, and rows without a case id).
    pub rejected: u64,
    /// Rows that are neither a ticket nor a rejection: in event logs, every row of a
    /// case after its first (an event of that case's ticket); 0 for ticket-per-row files.
    /// `rows = tickets + rejected + skipped` ([`TicketImport::reconciles`]).
    pub skipped: u64,
    /// Findings.
    pub findings: TicketFindings,
    /// Source-recorded flags over the accepted tickets.
    pub flags: Vec<FlagTally>,
    /// Which reader ran, e.g. `blocks (2 threads)` or `csv`.
    pub reader: String,
    /// Rows of the responses file joined to an accepted ticket, sorted (`--responses`).
    pub joined_responses: Vec<u64>,
}

impl TicketImport {
    /// True when every row read is accounted for: a ticket, a rejection, or skipped.
    pub fn reconciles(&self) -> bool {
        self.rows == self.tickets + self.rejected + self.skipped
    }
}

/// Reads a ticket file (either layout) into a KPI aggregate.
///
/// # Errors
/// I/O and CSV errors, [`IngestError::NoTimeZone`], [`IngestError::EventsNotGrouped`],
/// [`IngestError::TicketSpreadsheet`], and in strict mode [`IngestError::Rejected`] for the first finding.
pub fn import_tickets(
    source: &Source,
    header: &Header,
    plan: &TicketPlan,
    engine: &KpiEngine,
    options: &TicketOptions,
) -> Result<TicketImport, IngestError> {
    let (mut import, duplicates) =
        read_pass(source, header, plan, engine, options, &engine.aggregate(), false)?;
    if duplicates {
        // Some ticket id is on two rows: read again in file order, rejecting each later row.
        import = read_pass(source, header, plan, engine, options, &engine.aggregate(), true)?.0;
    }
    import.aggregate.check_segments(engine)?;
    check_something_accepted(source, header, &import)?;
    // Pass 2, only when a median or p90 lies in a coarse histogram bucket: the same
    // reader and ticket computation collect the exact values of those buckets.
    let refinements = import.aggregate.refinements(engine);
    if refinements.is_empty() {
        return Ok(import);
    }
    let rereadable = std::fs::metadata(&source.path).is_ok_and(|m| m.is_file());
    if !rereadable {
        return Err(IngestError::NotRereadable { path: source.path.clone() });
    }
    let (pass2, _) =
        read_pass(source, header, plan, engine, options, &engine.refiner(&refinements), duplicates)?;
    import.aggregate.refine(&pass2.aggregate)?;
    Ok(import)
}

/// A header-only file, or one whose rows were all rejected, is an error naming the
/// most frequent rule and its earliest example (issue 11), not an empty report.
fn check_something_accepted(
    source: &Source,
    header: &Header,
    import: &TicketImport,
) -> Result<(), IngestError> {
    let path = source.path.clone();
    if import.rows == 0 {
        return Err(IngestError::NoDataRows { path, header_row: header.header_row });
    }
    if import.tickets > 0 {
        return Ok(());
    }
    let findings = &import.findings;
    let dominant =
        findings.rules().filter(|r| r.rejects_ticket()).fold(None::<(TicketRule, u64)>, |best, rule| {
            let count = findings.count(rule);
            if best.is_none_or(|(_, c)| count > c) {
                Some((rule, count))
            } else {
                best
            }
        });
    let (rule, count, example) = match dominant {
        Some((rule, count)) => {
            let example = findings.examples(rule).first().map_or_else(String::new, |f| {
                format!("row {}, column `{}`: value `{}`", f.row, f.column, f.value)
            });
            (rule.id(), count, example)
        }
        None => ("(none)", 0, "no ticket was complete".to_owned()),
    };
    Err(IngestError::NothingAccepted { path, read: import.rows, rule, count, example })
}

/// One pass over the file into clones of `seed` (an empty aggregate, or a refiner), and
/// whether two accepted rows of a ticket-per-row file may share an id ([`IdLedger`]: integer
/// runs, else 64-bit hashes, so only a hint; `dedupe` then reads in file order and rejects
/// later rows by their exact id).
fn read_pass(
    source: &Source,
    header: &Header,
    plan: &TicketPlan,
    engine: &KpiEngine,
    options: &TicketOptions,
    seed: &KpiAggregate,
    dedupe: bool,
) -> Result<(TicketImport, bool), IngestError> {
    let (import, ids) = read_pass_once(source, header, plan, engine, options, seed, dedupe)?;
    let duplicates = !dedupe && ids.may_repeat();
    Ok((import, duplicates))
}

fn read_pass_once(
    source: &Source,
    header: &Header,
    plan: &TicketPlan,
    engine: &KpiEngine,
    options: &TicketOptions,
    seed: &KpiAggregate,
    dedupe: bool,
) -> Result<(TicketImport, IdLedger), IngestError> {
    if source.kind == FileKind::Spreadsheet {
        return Err(IngestError::TicketSpreadsheet { path: source.path.clone() });
    }
    if plan.layout == Layout::Tickets && !options.general_only && !dedupe {
        if let (Some(dialect), Some(start)) = (&header.dialect, header.data_start) {
            if dialect.encoding.is_utf8() && dialect.skip_rows == 0 {
                if let Some(done) = import_blocks(
                    source,
                    plan,
                    engine,
                    options,
                    seed,
                    (start.byte, header.header_row + 1),
                    dialect.delimiter,
                )? {
                    return Ok(done);
                }
            }
        }
    }
    let mut state = RowState::new(plan, engine, options, seed, source);
    if dedupe {
        state.seen = Some(HashMap::new());
    }
    let header_row = header.header_row;
    let mut events = match plan.layout {
        Layout::Events => Some(EventCases::new(plan)),
        Layout::Tickets => None,
    };
    for_each_record(
        source,
        header,
        |row, record| {
            let fields: Vec<&str> = record.iter().collect();
            state.check_lengths(row, 0, &fields)?;
            match events.as_mut() {
                Some(cases) => cases.push(&mut state, row, &fields),
                None => state.ticket_row(row, &fields),
            }
        },
        header_row,
    )?;
    if let Some(mut cases) = events {
        cases.finish(&mut state)?;
    }
    Ok(state.into_import("csv".to_owned()))
}

/// Streams the records after the header through the `csv` crate; `f(row, record)`.
pub(super) fn for_each_record(
    source: &Source,
    header: &Header,
    mut f: impl FnMut(u64, &csv::StringRecord) -> Result<(), IngestError>,
    header_row: u64,
) -> Result<(), IngestError> {
    let path = &source.path;
    let Some(dialect) = &header.dialect else {
        return Err(IngestError::TicketSpreadsheet { path: path.clone() });
    };
    let mut file = File::open(path).map_err(io_error(path))?;
    file.seek(SeekFrom::Start(dialect.encoding.bom_len as u64)).map_err(io_error(path))?;
    let reader: Box<dyn Read> = if dialect.encoding.is_utf8() {
        Box::new(BufReader::with_capacity(1 << 20, file))
    } else {
        Box::new(DecodingReader::new(BufReader::new(file), dialect.encoding.encoding))
    };
    let limit = source.limits.max_row_bytes;
    let guard = RecordGuard::new(reader, dialect.delimiter, limit);
    let tripped = guard.tripped();
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(guard);
    let mut record = csv::StringRecord::new();
    let skip = header_row + dialect.skip_rows;
    let mut index = 0u64;
    loop {
        let more = csv.read_record(&mut record).map_err(|e| match tripped.lock().ok().and_then(|t| *t) {
            Some(long) => IngestError::RowTooLong { path: path.clone(), row: long.record, limit },
            None => IngestError::Csv {
                path: path.clone(),
                // Rows of ticket files are records, as in findings.
                row: e.position().map_or(0, |p| p.record() + 1),
                message: e.to_string(),
            },
        })?;
        if !more {
            return Ok(());
        }
        index += 1;
        if index <= skip {
            continue;
        }
        if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue;
        }
        f(index, &record)?;
    }
}

/// A finding or a hard error from one row.
enum RowError {
    Finding(TicketFinding),
    Fatal(IngestError),
}

impl From<IngestError> for RowError {
    fn from(e: IngestError) -> Self {
        RowError::Fatal(e)
    }
}

/// Per-reader state: the aggregate, findings, counters and reusable buffers.
struct RowState<'a> {
    plan: &'a TicketPlan,
    engine: &'a KpiEngine,
    options: &'a TicketOptions,
    path: PathBuf,
    /// One parser per column, so each keeps its own memo of the last date read.
    parsers: Vec<TimestampParser>,
    aggregate: KpiAggregate,
    ticket: Ticket,
    findings: TicketFindings,
    flags: Vec<FlagTally>,
    rows: u64,
    tickets: u64,
    rejected: u64,
    skipped: u64,
    limits: Limits,
    /// Strict mode: the first finding.
    first: Option<TicketFinding>,
    /// Ticket-per-row files with an id column: each accepted id, compactly, to find
    /// duplicate ids after the pass.
    ids: IdLedger,
    /// Duplicate-id pass: each accepted id and its row, so later rows are rejected.
    seen: Option<HashMap<Box<str>, u64>>,
    /// Rows of the responses file joined to accepted tickets.
    joined: Vec<u64>,
    /// Pass 2 ([`KpiAggregate::is_refiner`]): only the times and segments matter, so survey
    /// answers, counters, flags, ids and responses are not read (pass 1 already reported them).
    lean: bool,
}

impl<'a> RowState<'a> {
    fn new(
        plan: &'a TicketPlan,
        engine: &'a KpiEngine,
        options: &'a TicketOptions,
        seed: &KpiAggregate,
        source: &Source,
    ) -> RowState<'a> {
        RowState {
            plan,
            engine,
            options,
            path: source.path.clone(),
            parsers: vec![plan.parser(); plan.columns.len().max(1)],
            aggregate: seed.clone(),
            ticket: Ticket::new("", Timestamp::UNIX_EPOCH),
            findings: TicketFindings::new(options.examples),
            flags: plan
                .flags
                .iter()
                .map(|(f, _)| FlagTally {
                    name: f.name.clone(),
                    column: f.column.clone(),
                    ..FlagTally::default()
                })
                .collect(),
            rows: 0,
            tickets: 0,
            rejected: 0,
            skipped: 0,
            limits: source.limits,
            first: None,
            ids: IdLedger::default(),
            seen: None,
            joined: Vec::new(),
            lean: seed.is_refiner(),
        }
    }

    fn into_import(mut self, reader: String) -> (TicketImport, IdLedger) {
        self.joined.sort_unstable();
        let import = TicketImport {
            aggregate: self.aggregate,
            rows: self.rows,
            tickets: self.tickets,
            rejected: self.rejected,
            skipped: self.skipped,
            findings: self.findings,
            flags: self.flags,
            reader,
            joined_responses: self.joined,
        };
        (import, self.ids)
    }

    /// Column name, escaped for messages.
    fn name(&self, column: usize) -> String {
        self.plan.columns.get(column).map_or_else(|| format!("#{}", column + 1), |c| shown(c))
    }

    fn finding(&self, row: u64, column: usize, value: &str, rule: TicketRule) -> RowError {
        RowError::Finding(TicketFinding { row, column: self.name(column), value: shown(value), rule })
    }

    /// The size limits of one record (both readers, same order): the record, then its first long cell.
    fn check_lengths<S: AsRef<str>>(
        &self,
        row: u64,
        record_len: usize,
        cells: &[S],
    ) -> Result<(), IngestError> {
        if record_len > self.limits.max_row_bytes {
            return Err(IngestError::RowTooLong {
                path: self.path.clone(),
                row,
                limit: self.limits.max_row_bytes,
            });
        }
        let limit = self.limits.max_cell_bytes;
        match cells.iter().position(|c| c.as_ref().len() > limit) {
            Some(i) => Err(IngestError::CellTooLong {
                path: self.path.clone(),
                row,
                column: self.name(i),
                length: cells[i].as_ref().len(),
                limit,
            }),
            None => Ok(()),
        }
    }

    /// A row whose field count differs from the header's: rejected whole (its values would be shifted).
    fn field_count(&mut self, row: u64, fields: usize) -> Option<Result<(), IngestError>> {
        let expected = self.plan.columns.len();
        if fields == expected {
            return None;
        }
        self.rejected += 1;
        Some(self.note(TicketFinding {
            row,
            column: "(whole row)".to_owned(),
            value: format!("{fields} fields where the header has {expected}"),
            rule: TicketRule::FieldCount,
        }))
    }

    fn timestamp(&mut self, row: u64, column: usize, text: &str) -> Result<Timestamp, RowError> {
        let last = self.parsers.len() - 1;
        let parser = &mut self.parsers[column.min(last)];
        match parser.parse(text) {
            Ok(t) => Ok(t),
            Err(TimestampError::Invalid) => Err(self.finding(row, column, text, TicketRule::BadTimestamp)),
            Err(TimestampError::NoZone) => Err(RowError::Fatal(IngestError::NoTimeZone {
                path: self.path.clone(),
                row,
                column: self.name(column),
                value: shown(text),
            })),
        }
    }

    /// Handles the outcome of one ticket; false in strict mode after a finding.
    fn settle(&mut self, outcome: Result<(), RowError>) -> Result<(), IngestError> {
        match outcome {
            Ok(()) => Ok(()),
            Err(RowError::Fatal(e)) => Err(e),
            Err(RowError::Finding(f)) => {
                if f.rule.rejects_ticket() {
                    self.rejected += 1;
                }
                self.note(f)
            }
        }
    }

    fn note(&mut self, f: TicketFinding) -> Result<(), IngestError> {
        if self.options.strict {
            let e = rejected(&self.path, &f);
            if self.first.is_none() {
                self.first = Some(f);
            }
            return Err(e);
        }
        self.findings.record(f);
        Ok(())
    }

    fn ticket_row(&mut self, row: u64, fields: &[&str]) -> Result<(), IngestError> {
        self.rows += 1;
        if let Some(rejected) = self.field_count(row, fields.len()) {
            return rejected;
        }
        let outcome = self.ticket_from_row(row, fields);
        let outcome = outcome.and_then(|()| self.unique_id(row)).and_then(|()| self.add_joined(row));
        if outcome.is_ok() && !self.lean {
            self.tally_flags(fields);
            if self.plan.column(Role::Id).is_some() {
                self.ids.record(&self.ticket.id);
            }
        }
        self.settle(outcome)
    }

    /// In the duplicate-id pass, a ticket id already accepted on an earlier row rejects this row.
    fn unique_id(&mut self, row: u64) -> Result<(), RowError> {
        let Some(seen) = self.seen.as_mut() else { return Ok(()) };
        if let Some(&earlier) = seen.get(self.ticket.id.as_str()) {
            let i = self.plan.column(Role::Id).unwrap_or(0);
            return Err(RowError::Finding(TicketFinding {
                row,
                column: self.name(i),
                value: format!("{} (first on row {earlier})", shown(&self.ticket.id)),
                rule: TicketRule::DuplicateId,
            }));
        }
        seen.insert(self.ticket.id.as_str().into(), row);
        Ok(())
    }

    /// Attaches the ticket's survey response (`--responses`), then adds the ticket; the
    /// response's row counts as joined only when the ticket is accepted.
    fn add_joined(&mut self, row: u64) -> Result<(), RowError> {
        let joined = if self.lean { None } else { self.attach_response() };
        self.add_ticket(row)?;
        self.joined.extend(joined);
        Ok(())
    }

    /// The responses file's answers replace the ticket file's answers of the same survey.
    fn attach_response(&mut self) -> Option<u64> {
        let response = self.plan.responses.as_ref()?.get(&self.ticket.id)?;
        let same = |a: &SurveyAnswer, b: &SurveyAnswer| {
            std::mem::discriminant(&a.survey()) == std::mem::discriminant(&b.survey())
        };
        self.ticket.surveys.retain(|a| !response.answers.iter().any(|b| same(a, b)));
        self.ticket.surveys.extend_from_slice(&response.answers);
        self.ticket.survey_offered |= response.csat_offered;
        Some(response.row)
    }

    fn add_ticket(&mut self, row: u64) -> Result<(), RowError> {
        match self.aggregate.add(self.engine, &self.ticket) {
            Ok(()) => {
                self.tickets += 1;
                Ok(())
            }
            Err(CoreError::KpiEventBeforeCreation { .. }) | Err(CoreError::KpiEventsOutOfOrder { .. }) => {
                Err(RowError::Finding(TicketFinding {
                    row,
                    column: "(ticket)".to_owned(),
                    value: shown(&self.ticket.id),
                    rule: TicketRule::BeforeCreated,
                }))
            }
            Err(e) => Err(RowError::Fatal(IngestError::Core(e))),
        }
    }

    fn tally_flags(&mut self, fields: &[&str]) {
        for (k, (flag, column)) in self.plan.flags.iter().enumerate() {
            let value = fields.get(*column).map_or("", |v| v.trim());
            let tally = &mut self.flags[k];
            if flag.yes.iter().any(|y| y.eq_ignore_ascii_case(value)) {
                tally.yes += 1;
            } else if flag.no.iter().any(|n| n.eq_ignore_ascii_case(value)) {
                tally.no += 1;
            } else {
                tally.other += 1;
            }
        }
    }

    fn cell<'f>(
        &self,
        fields: &[&'f str],
        role: Role,
        row: u64,
    ) -> Result<Option<(usize, &'f str)>, RowError> {
        let Some(i) = self.plan.column(role) else { return Ok(None) };
        match fields.get(i) {
            Some(v) => {
                let v = trim(v);
                Ok((!v.is_empty()).then_some((i, v)))
            }
            None => Err(self.finding(row, i, "", TicketRule::FieldCount)),
        }
    }

    /// Records a finding whose default policy keeps the ticket (the value is dropped);
    /// strict mode stops.
    fn drop_value(&mut self, row: u64, column: usize, text: &str, rule: TicketRule) -> Result<(), RowError> {
        let f = TicketFinding { row, column: self.name(column), value: shown(text), rule };
        self.note(f).map_err(RowError::Fatal)
    }

    /// An optional time cell: `None` when blank, `Some(None)` when unreadable or before the
    /// creation (dropped with a finding, the ticket kept), `Some(Some((time, column)))` otherwise.
    #[allow(clippy::type_complexity)]
    fn optional_time(
        &mut self,
        row: u64,
        fields: &[&str],
        role: Role,
        created_s: i64,
    ) -> Result<Option<Option<(Timestamp, usize)>>, RowError> {
        let Some((i, text)) = self.cell(fields, role, row)? else { return Ok(None) };
        match self.timestamp(row, i, text) {
            Ok(at) if at.as_second() < created_s => {
                self.drop_value(row, i, text, TicketRule::TimeBeforeCreated)?;
                Ok(Some(None))
            }
            Ok(at) => Ok(Some(Some((at, i)))),
            Err(RowError::Finding(_)) => {
                self.drop_value(row, i, text, TicketRule::BadOptionalTimestamp)?;
                Ok(Some(None))
            }
            Err(e) => Err(e),
        }
    }

    /// The first reply: a timestamp, else minutes after creation. Unreadable values are dropped.
    fn first_reply(
        &mut self,
        row: u64,
        fields: &[&str],
        created_s: i64,
    ) -> Result<Option<(Timestamp, usize)>, RowError> {
        if self.plan.column(Role::FirstResponse).is_some() {
            return Ok(self.optional_time(row, fields, Role::FirstResponse, created_s)?.flatten());
        }
        let Some((i, text)) = self.cell(fields, Role::FirstResponseMinutes, row)? else { return Ok(None) };
        let at = number(text).and_then(|minutes| {
            Timestamp::from_second(created_s.checked_add((minutes * 60.0).round() as i64)?).ok()
        });
        match at {
            Some(at) => Ok(Some((at, i))),
            None => {
                self.drop_value(row, i, text, TicketRule::BadNumber)?;
                Ok(None)
            }
        }
    }

    /// Replies beyond the first (at the first reply's time, for first-contact resolution).
    /// An unreadable count, or a positive count without a first-reply time, is dropped with a finding.
    fn replies(&mut self, row: u64, fields: &[&str], has_first_reply: bool) -> Result<u32, RowError> {
        let Some((i, text)) = self.cell(fields, Role::Replies, row)? else { return Ok(0) };
        let Some(n) = number(text).filter(|n| n.fract() == 0.0) else {
            self.drop_value(row, i, text, TicketRule::BadNumber)?;
            return Ok(0);
        };
        if !has_first_reply {
            if n > 0.0 {
                self.drop_value(row, i, text, TicketRule::RepliesWithoutFirstReply)?;
            }
            return Ok(0);
        }
        Ok((n.min(10_000.0) as u32).saturating_sub(1))
    }

    /// A status cell saying solved or closed on a ticket without a solve or close time.
    fn status(&mut self, row: u64, fields: &[&str]) -> Result<(), RowError> {
        let Some((i, text)) = self.cell(fields, Role::Status, row)? else { return Ok(()) };
        if status_is_solved(text) {
            self.ticket.closed_at_unknown_time = true;
            self.drop_value(row, i, text, TicketRule::ClosedWithoutTime)?;
        }
        Ok(())
    }

    /// Fills `self.ticket` from a ticket-per-row record.
    fn ticket_from_row(&mut self, row: u64, fields: &[&str]) -> Result<(), RowError> {
        self.ticket.clear();
        match self.cell(fields, Role::Id, row)? {
            Some((_, id)) => self.ticket.id.push_str(id),
            None if self.plan.column(Role::Id).is_some() => {
                let i = self.plan.column(Role::Id).unwrap_or(0);
                return Err(self.finding(row, i, "", TicketRule::MissingId));
            }
            None => {
                use std::fmt::Write as _;
                let _ = write!(self.ticket.id, "row {row}");
            }
        }
        let Some((ci, created_text)) = self.cell(fields, Role::Created, row)? else {
            let i = self.plan.column(Role::Created).unwrap_or(0);
            return Err(self.finding(row, i, "", TicketRule::MissingCreated));
        };
        let created = self.timestamp(row, ci, created_text)?;
        self.ticket.created = created;
        let created_s = created.as_second();
        let mut first_reply = self.first_reply(row, fields, created_s)?;
        let solved = self.optional_time(row, fields, Role::Solved, created_s)?;
        let mut closed = self.optional_time(row, fields, Role::Closed, created_s)?;
        // A bad solve or close cell: the source recorded one, at a time we cannot read.
        let untimed = matches!(solved, Some(None)) || matches!(closed, Some(None));
        let (solved, closed_at) = (solved.flatten(), closed.flatten());
        if let (Some((s, _)), Some((c, i))) = (solved, closed_at) {
            if c.as_second() < s.as_second() {
                self.drop_value(row, i, &fields_text(fields, i), TicketRule::ClosedBeforeSolved)?;
                closed = None;
            }
        }
        let closed_at = closed.flatten();
        if let (Some((r, i)), Some((c, _))) = (first_reply, closed_at) {
            if r.as_second() > c.as_second() {
                self.drop_value(row, i, &fields_text(fields, i), TicketRule::ReplyAfterClose)?;
                first_reply = None;
            }
        }
        let extra_replies = self.replies(row, fields, first_reply.is_some())?;
        if let Some((at, _)) = first_reply {
            for _ in 0..=extra_replies {
                self.ticket.events.push(Event::agent_reply(at));
            }
        }
        if let Some((at, _)) = solved {
            self.ticket.events.push(Event::status(at, servgap_core::kpi::Status::Solved));
        }
        if let Some((at, _)) = closed_at {
            self.ticket.events.push(Event::status(at, servgap_core::kpi::Status::Closed));
        }
        if self.ticket.events.len() > 1 {
            self.ticket.events.sort_by_key(|e| e.at);
        }
        self.ticket.closed_at_unknown_time = untimed;
        if solved.is_none() && closed_at.is_none() && !untimed {
            self.status(row, fields)?;
        }
        self.segments(fields);
        if !self.lean {
            self.survey(row, fields)?;
        }
        Ok(())
    }

    fn segments(&mut self, fields: &[&str]) {
        let get = |role: Role| self.plan.column(role).and_then(|i| fields.get(i)).map_or("", |v| trim(v));
        let (channel, priority, team, requester) =
            (get(Role::Channel), get(Role::Priority), get(Role::Team), get(Role::Requester));
        self.ticket.channel.push_str(channel);
        self.ticket.priority.push_str(priority);
        self.ticket.team.push_str(team);
        self.ticket.requester.push_str(requester);
    }

    /// The export's own reassignment and reopen counters (ServiceNow `reassignment_count`,
    /// `reopen_count`): a whole number ≥ 0; anything else is dropped with a `BadNumber` finding.
    fn counters(&mut self, row: u64, fields: &[&str]) -> Result<(), RowError> {
        for role in [Role::ReassignmentCount, Role::ReopenCount] {
            let Some((i, text)) = self.cell(fields, role, row)? else { continue };
            let Some(n) = text.parse::<u32>().ok() else {
                self.drop_value(row, i, text, TicketRule::BadNumber)?;
                continue;
            };
            match role {
                Role::ReassignmentCount => self.ticket.reassignments = Some(n),
                _ => self.ticket.reopen_count = Some(n),
            }
        }
        Ok(())
    }

    /// The CSAT cell. An answer off the scale (and not a label) is dropped with a finding;
    /// the ticket keeps its times and backlog entry.
    fn survey(&mut self, row: u64, fields: &[&str]) -> Result<(), RowError> {
        self.counters(row, fields)?;
        self.nps_ces(row, fields)?;
        let Some(spec) = &self.plan.csat else { return Ok(()) };
        let Some((i, text)) = self.cell(fields, Role::Csat, row)? else { return Ok(()) };
        let lower = text.to_lowercase();
        if spec.unoffered.contains(&lower) {
            return Ok(());
        }
        let answer = match spec.labels.get(&lower) {
            Some(Some(s)) => Some(SurveyAnswer::csat(spec.scale, *s).ok()),
            Some(None) => None,
            None => Some(lower.parse::<i16>().ok().and_then(|s| SurveyAnswer::csat(spec.scale, s).ok())),
        };
        match answer {
            Some(None) => return self.drop_value(row, i, text, TicketRule::BadScore),
            Some(Some(answer)) => self.ticket.surveys.push(answer),
            None => {}
        }
        self.ticket.survey_offered = true;
        Ok(())
    }
}

/// The trimmed text of field `i` (for findings).
fn fields_text(fields: &[&str], i: usize) -> String {
    fields.get(i).map_or_else(String::new, |v| v.trim().to_owned())
}

impl RowState<'_> {
    /// NPS (0–10) and CES (1–5 or 1–7, the mapping's scale) answers of mapped `nps` / `ces`
    /// columns (issue 13); a blank cell is no answer, anything else off the scale is dropped
    /// with a `BadScore` finding (the ticket is kept).
    fn nps_ces(&mut self, row: u64, fields: &[&str]) -> Result<(), RowError> {
        let scale = self.plan.ces_scale;
        for role in [Role::Nps, Role::Ces] {
            let Some((i, text)) = self.cell(fields, role, row)? else { continue };
            let answer = text.trim().parse::<i16>().ok().and_then(|score| match role {
                Role::Nps => SurveyAnswer::nps(score).ok(),
                _ => SurveyAnswer::ces_on(scale, score).ok(),
            });
            match answer {
                Some(answer) => self.ticket.surveys.push(answer),
                None => self.drop_value(row, i, text, TicketRule::BadScore)?,
            }
        }
        Ok(())
    }
}

/// Trims whitespace, with a shortcut for the usual cell that has none.
fn trim(v: &str) -> &str {
    match (v.as_bytes().first(), v.as_bytes().last()) {
        (Some(a), Some(b))
            if !a.is_ascii_whitespace() && !b.is_ascii_whitespace() && a.is_ascii() && b.is_ascii() =>
        {
            v
        }
        _ => v.trim(),
    }
}

fn number(text: &str) -> Option<f64> {
    let v: f64 = text.trim().replace(',', ".").parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some(v)
}

pub(super) fn rejected(path: &Path, f: &TicketFinding) -> IngestError {
    IngestError::Rejected {
        path: path.to_owned(),
        row: f.row,
        column: f.column.clone(),
        value: f.value.clone(),
        rule: f.rule.id(),
        requirement: f.rule.requirement(),
    }
}

// ---------------------------------------------------------------------------------------------
// Event logs.

/// The rows of one case, as far as they matter.
#[derive(Debug, Default)]
struct CaseRows {
    first_row: u64,
    /// `(row, activity, timestamp, resource)`.
    events: Vec<(u64, String, String, String)>,
    /// Case-level cells of the first row (created) and the last row (segments, csat, flags).
    first: Vec<String>,
    last: Vec<String>,
}

/// Groups event rows into cases.
struct EventCases {
    grouped: bool,
    current: Option<(String, CaseRows)>,
    /// Grouped logs: every finished case id and its first row (to detect an ungrouped log).
    seen: HashMap<Box<str>, u64>,
    /// Ungrouped logs: every case, in order of first appearance.
    all: Vec<(String, CaseRows)>,
    index: HashMap<String, usize>,
}

impl EventCases {
    fn new(plan: &TicketPlan) -> EventCases {
        EventCases {
            grouped: plan.events_grouped,
            current: None,
            seen: HashMap::new(),
            all: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn push(&mut self, state: &mut RowState<'_>, row: u64, fields: &[&str]) -> Result<(), IngestError> {
        state.rows += 1;
        if let Some(rejected) = state.field_count(row, fields.len()) {
            return rejected;
        }
        let plan = state.plan;
        let get = |role: Role| plan.column(role).and_then(|i| fields.get(i)).map_or("", |v| v.trim());
        let id = get(Role::Id);
        let all: Vec<String> = fields.iter().map(|f| f.trim().to_owned()).collect();
        let event = (
            row,
            get(Role::Activity).to_owned(),
            get(Role::Timestamp).to_owned(),
            get(Role::Resource).to_owned(),
        );
        if id.is_empty() {
            let i = plan.column(Role::Id).unwrap_or(0);
            state.rejected += 1;
            return state.note(TicketFinding {
                row,
                column: state.name(i),
                value: String::new(),
                rule: TicketRule::MissingId,
            });
        }
        // A row of a case already open is one of its events, not a ticket of its own.
        let known = match &self.current {
            _ if !self.grouped => self.index.contains_key(id),
            Some((c, _)) => c == id,
            None => false,
        };
        if known {
            state.skipped += 1;
        }
        if !self.grouped {
            let at = *self.index.entry(id.to_owned()).or_insert_with(|| {
                self.all.push((
                    id.to_owned(),
                    CaseRows { first_row: row, first: all.clone(), ..CaseRows::default() },
                ));
                self.all.len() - 1
            });
            let case = &mut self.all[at].1;
            case.events.push(event);
            case.last = all;
            return Ok(());
        }
        if self.current.as_ref().is_some_and(|(c, _)| c != id) {
            if let Some((case, rows)) = self.current.take() {
                state.case(&case, &rows)?;
                self.seen.insert(case.into_boxed_str(), rows.first_row);
            }
        }
        if self.current.is_none() {
            if let Some(&first_row) = self.seen.get(id) {
                return Err(IngestError::EventsNotGrouped {
                    path: state.path.clone(),
                    case: shown(id),
                    row,
                    first_row,
                });
            }
            self.current =
                Some((id.to_owned(), CaseRows { first_row: row, first: all.clone(), ..CaseRows::default() }));
        }
        if let Some((_, case)) = self.current.as_mut() {
            case.events.push(event);
            case.last = all;
        }
        Ok(())
    }

    fn finish(&mut self, state: &mut RowState<'_>) -> Result<(), IngestError> {
        if let Some((case, rows)) = self.current.take() {
            state.case(&case, &rows)?;
        }
        for (case, rows) in std::mem::take(&mut self.all) {
            state.case(&case, &rows)?;
        }
        Ok(())
    }
}

impl RowState<'_> {
    fn case(&mut self, id: &str, rows: &CaseRows) -> Result<(), IngestError> {
        let outcome = self.ticket_from_case(id, rows).and_then(|row| self.add_joined(row));
        if outcome.is_ok() {
            let last: Vec<&str> = rows.last.iter().map(String::as_str).collect();
            self.tally_flags(&last);
        }
        self.settle(outcome)
    }

    /// Fills `self.ticket` from a case; returns the case's first row.
    fn ticket_from_case(&mut self, id: &str, rows: &CaseRows) -> Result<u64, RowError> {
        self.ticket.clear();
        self.ticket.id.push_str(id);
        let plan = self.plan;
        let activity_col = plan.column(Role::Activity).unwrap_or(0);
        let ts_col = plan.column(Role::Timestamp).unwrap_or(0);
        let mut earliest: Option<(Timestamp, u64, &str)> = None;
        for (row, activity, ts, resource) in &rows.events {
            if ts.is_empty() {
                return Err(self.finding(*row, ts_col, "", TicketRule::MissingTimestamp));
            }
            let at = self.timestamp(*row, ts_col, ts)?;
            if earliest.is_none_or(|(e, _, _)| at < e) {
                earliest = Some((at, *row, ts.as_str()));
            }
            let Some(meanings) = plan.activities.get(activity.as_str()) else {
                let f = TicketFinding {
                    row: *row,
                    column: self.name(activity_col),
                    value: shown(activity),
                    rule: TicketRule::UnknownActivity,
                };
                self.note(f).map_err(RowError::Fatal)?;
                continue;
            };
            for m in meanings {
                match m {
                    ActivityMeaning::Status(s) => self.ticket.events.push(Event::status(at, *s)),
                    ActivityMeaning::AgentReply => {
                        if !plan.bot_resources.iter().any(|b| b == resource) {
                            self.ticket.events.push(Event::agent_reply(at));
                        }
                    }
                    ActivityMeaning::CustomerMessage => self.ticket.events.push(Event::customer_message(at)),
                }
            }
        }
        let first: Vec<&str> = rows.first.iter().map(String::as_str).collect();
        let created = match self.cell(&first, Role::Created, rows.first_row)? {
            // A user-entered creation time later than the system's first event (ServiceNow's
            // `opened_at`): the earlier time is the creation, with a finding.
            Some((i, text)) => match (self.timestamp(rows.first_row, i, text)?, earliest) {
                (c, Some((e, _, _))) if e.as_second() < c.as_second() => {
                    self.drop_value(rows.first_row, i, text, TicketRule::CreatedAfterFirstEvent)?;
                    e
                }
                (c, _) => c,
            },
            None => match (plan.column(Role::Created), earliest) {
                (Some(i), _) => return Err(self.finding(rows.first_row, i, "", TicketRule::MissingCreated)),
                (None, Some((e, _, _))) => e,
                (None, None) => {
                    return Err(self.finding(rows.first_row, ts_col, "", TicketRule::MissingTimestamp))
                }
            },
        };
        self.ticket.created = created;
        // Stable sort by time: rows with equal times keep their file order.
        self.ticket.events.sort_by_key(|e| e.at.as_second());
        if let Some((at, row, text)) = earliest {
            if at.as_second() < created.as_second() {
                return Err(self.finding(row, ts_col, text, TicketRule::BeforeCreated));
            }
        }
        let last: Vec<&str> = rows.last.iter().map(String::as_str).collect();
        self.segments(&last);
        self.survey(rows.first_row, &last)?;
        Ok(rows.first_row)
    }
}

fn finish_blocks<'a>(
    path: &Path,
    states: Vec<RowState<'a>>,
    threads: usize,
    new_state: impl Fn() -> RowState<'a>,
) -> Result<(TicketImport, IdLedger), IngestError> {
    let mut merged: Option<RowState<'a>> = None;
    let mut first: Option<TicketFinding> = None;
    for s in states {
        if let Some(f) = &s.first {
            if first.as_ref().is_none_or(|g| f.row < g.row) {
                first = Some(f.clone());
            }
        }
        match merged.as_mut() {
            None => merged = Some(s),
            Some(m) => {
                m.aggregate.merge(&s.aggregate);
                m.findings.merge(s.findings);
                for (a, b) in m.flags.iter_mut().zip(&s.flags) {
                    a.yes += b.yes;
                    a.no += b.no;
                    a.other += b.other;
                }
                m.rows += s.rows;
                m.tickets += s.tickets;
                m.rejected += s.rejected;
                m.skipped += s.skipped;
                m.ids.append(s.ids);
                m.joined.extend(s.joined);
            }
        }
    }
    if let Some(f) = first {
        return Err(rejected(path, &f));
    }
    let m = merged.unwrap_or_else(new_state);
    Ok(m.into_import(format!("blocks ({threads} thread{})", if threads == 1 { "" } else { "s" })))
}

// ---------------------------------------------------------------------------------------------
// The block reader: plain UTF-8 ticket files (no quotes, no blank lines), parsed in parallel.

fn parse_block(
    state: &mut RowState<'_>,
    block: &Block,
    delimiter: u8,
    fields: &mut Vec<(usize, usize)>,
) -> Result<bool, IngestError> {
    // One UTF-8 check per block; delimiters and line breaks are ASCII, so every cut is a char boundary.
    let text = std::str::from_utf8(&block.bytes).map_err(|e| IngestError::Csv {
        path: state.path.clone(),
        row: block.line + Numbering::Records.rows_in(&block.bytes[..=e.valid_up_to()]) - 1,
        message: "invalid UTF-8".to_owned(),
    })?;
    let bytes = text.as_bytes();
    let mut cells: Vec<&str> = Vec::with_capacity(16);
    let mut row = block.line;
    let mut start = 0;
    while start < bytes.len() {
        // Records end at `\r`, `\n` or `\r\n`; empty lines are no records (as in the csv crate).
        let end = memchr::memchr2(b'\r', b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        if end > start {
            fields.clear();
            let mut field_start = start;
            for p in memchr::memchr_iter(delimiter, &bytes[start..end]) {
                fields.push((field_start, start + p));
                field_start = start + p + 1;
            }
            fields.push((field_start, end));
            cells.clear();
            cells.extend(fields.iter().map(|&(a, b)| text.get(a..b).unwrap_or("")));
            state.check_lengths::<&str>(row, end - start, &[])?;
            if !is_blank_record(&cells) {
                state.check_lengths(row, 0, &cells)?;
                if let Err(e) = state.ticket_row(row, &cells) {
                    if state.options.strict && state.first.is_some() {
                        return Ok(false);
                    }
                    return Err(e);
                }
            }
            row += 1;
        }
        start = end + 1;
    }
    Ok(true)
}

/// A record of one blank cell (a line of spaces): skipped by both readers.
fn is_blank_record<S: AsRef<str>>(cells: &[S]) -> bool {
    cells.len() == 1 && cells[0].as_ref().trim().is_empty()
}

fn import_blocks(
    source: &Source,
    plan: &TicketPlan,
    engine: &KpiEngine,
    options: &TicketOptions,
    seed: &KpiAggregate,
    (start_byte, first_row): (u64, u64),
    delimiter: u8,
) -> Result<Option<(TicketImport, IdLedger)>, IngestError> {
    let path = &source.path;
    let mut file = File::open(path).map_err(io_error(path))?;
    file.seek(SeekFrom::Start(start_byte)).map_err(io_error(path))?;
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
    .clamp(1, 64);
    let new_state = || RowState::new(plan, engine, options, seed, source);
    let mut blocks = BlockFile {
        file,
        path,
        block_size: options.block_size,
        max_row_bytes: source.limits.max_row_bytes,
        first_row,
        numbering: Numbering::Records,
    };
    let mut produce = |sink: &mut dyn FnMut(Block) -> Result<bool, IngestError>| {
        produce_blocks(&mut blocks, sink, &mut |_| {})
    };

    // Each worker keeps its own field-position buffer beside its state.
    let new_worker = || Ok((new_state(), Vec::new()));
    let parse = |(state, fields): &mut (RowState<'_>, Vec<(usize, usize)>), block: &Block| {
        parse_block(state, block, delimiter, fields)
    };
    let Some(workers) = parse_in_parallel(path, threads, &mut produce, &new_worker, &parse)? else {
        return Ok(None);
    };
    let states = workers.into_iter().map(|(state, _)| state).collect();
    finish_blocks(path, states, threads, new_state).map(Some)
}
