//! Streaming analysis: one pass over a data file into [`SurveyPartials`] and a [`FindingLog`].
//!
//! Three readers share one row accumulator ([`Acc`]), so they give identical results:
//!
//! * the **fast reader** for plain UTF-8 text without quote characters: big
//!   blocks cut at the last newline, parsed straight from bytes by worker threads,
//!   each with its own partials and log, merged at the end (merging is exact);
//! * the **general reader** (the `csv` crate, streaming, any encoding, quotes);
//! * the **spreadsheet reader** (calamine).
//!
//! Memory is bounded by the instrument, the block size and the number of
//! segments, never by the number of rows.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use calamine::Data;
use servgap_core::instrument::{Instrument, Scale};
use servgap_core::servqual::{
    check_respondent, Coverage, Finding, FindingLog, Location, Respondent, Rule, SurveyPartials,
};

use crate::blocks::{parse_in_parallel, produce_blocks, Block, BlockFile, Numbering};
use crate::cell::{classify_number, parse_text, trim, Decimal, Parsed, ValueLabels};
use crate::detect::Slot;
use crate::error::{shown, shown_bytes};
use crate::plan::ColumnPlan;
use crate::source::Limits;
use crate::source::{
    cell_text, describe_cell, for_each_sheet_row, io_error, read_header, DataStart, Dialect, FileKind,
    Header, Source,
};
use crate::text::{count_line_breaks, DecodingReader, RecordGuard};
use crate::IngestError;

/// Which reader [`scan`] may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReaderChoice {
    /// The fast reader when the file allows it, else the general one.
    #[default]
    Auto,
    /// Always the general (`csv` crate) reader; for tests and comparisons.
    General,
}

/// Options of [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanOptions {
    /// Stop at the first finding and return [`IngestError::Rejected`] (no partial result).
    /// Otherwise the default policy of each rule applies ([`Rule::default_action`]) and findings are logged.
    pub strict: bool,
    /// Coverage rule for dimension scores.
    pub coverage: Coverage,
    /// Worker threads for the fast reader; 0 = available parallelism.
    pub threads: usize,
    /// Block size of the fast reader, in bytes.
    pub block_size: usize,
    /// Findings kept as examples per rule (counts are always exact).
    pub sample_limit: usize,
    /// Largest number of distinct segment values.
    pub max_segments: usize,
    /// Which reader to use.
    pub reader: ReaderChoice,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            strict: false,
            coverage: Coverage::default(),
            threads: 0,
            block_size: 4 << 20,
            sample_limit: 20,
            max_segments: 1000,
            reader: ReaderChoice::Auto,
        }
    }
}

/// Which reader a scan used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderUsed {
    /// The fast block reader, with this many worker threads.
    Fast {
        /// Worker threads (1 = parsed on the calling thread).
        threads: usize,
    },
    /// The general `csv` reader.
    General,
    /// The spreadsheet reader.
    Spreadsheet,
}

/// The result of a [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The data file.
    pub path: PathBuf,
    /// All respondents.
    pub total: SurveyPartials,
    /// Respondents per segment value (empty without a segment column; a blank
    /// segment cell is the key `""`).
    pub segments: BTreeMap<String, SurveyPartials>,
    /// Findings: exact counts per rule and the earliest examples.
    pub findings: FindingLog,
    /// Data rows read (blank lines are not rows). Every row read is either analysed
    /// (a respondent in [`Scan::total`]) or rejected ([`Scan::rejected`]):
    /// `rows = total.respondents() + rejected` ([`Scan::reconciles`]).
    pub rows: u64,
    /// Rows rejected whole (rule [`Rule::FieldCount`]); they are in no partials.
    pub rejected: u64,
    /// The text dialect (delimited files).
    pub dialect: Option<Dialect>,
    /// The reader used.
    pub reader: ReaderUsed,
}

impl Scan {
    /// True when every row read is accounted for: analysed or rejected.
    pub fn reconciles(&self) -> bool {
        self.rows == self.total.respondents() + self.rejected
    }
}

/// A finding with the file, column and rule spelled out, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingReport {
    /// The data file.
    pub path: PathBuf,
    /// Row, 1-based, counting header rows.
    pub row: u64,
    /// The column(s), or `(whole response)`.
    pub column: String,
    /// The offending value.
    pub value: String,
    /// The rule.
    pub rule: Rule,
}

impl std::fmt::Display for FindingReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: row {}, column `{}`: value `{}` breaks rule {} ({})",
            self.path.display(),
            self.row,
            self.column,
            self.value,
            self.rule.id(),
            self.rule.requirement()
        )
    }
}

/// Describes a finding: file, row, column name(s), value and rule.
pub fn describe_finding(
    path: &Path,
    plan: &ColumnPlan,
    instrument: &Instrument,
    finding: &Finding,
) -> FindingReport {
    FindingReport {
        path: path.to_owned(),
        row: finding.row,
        column: shown(&plan.column_name(instrument, &finding.location)),
        value: finding.value.clone(),
        rule: finding.rule,
    }
}

fn rejected(path: &Path, plan: &ColumnPlan, instrument: &Instrument, finding: &Finding) -> IngestError {
    let r = describe_finding(path, plan, instrument, finding);
    IngestError::Rejected {
        path: r.path,
        row: r.row,
        column: r.column,
        value: r.value,
        rule: r.rule.id(),
        requirement: r.rule.requirement(),
    }
}

/// What a column feeds.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Skip,
    /// Index into the respondent's rating vector (item-major).
    Rating(u32),
    /// Dimension index.
    Importance(u32),
    Overall,
    Segment,
    /// The respondent id column (read only when a visitor asks for ids).
    Id,
}

/// Read-only context shared by all workers.
struct Ctx<'a> {
    instrument: &'a Instrument,
    plan: &'a ColumnPlan,
    options: &'a ScanOptions,
    path: &'a Path,
    kinds: Vec<Kind>,
    /// Rating columns in column order: (column, kind index).
    rating_columns: Vec<usize>,
    scale: Scale,
    overall_scale: Option<Scale>,
    decimal: Decimal,
    labels: &'a ValueLabels,
    overall_labels: &'a ValueLabels,
    limits: Limits,
    /// Delimited files: a row must have as many fields as the header ([`Rule::FieldCount`]).
    field_count_rule: bool,
    /// 1-based header row, for [`IngestError::NoDataRows`].
    header_row: u64,
}

impl<'a> Ctx<'a> {
    fn new(
        instrument: &'a Instrument,
        plan: &'a ColumnPlan,
        options: &'a ScanOptions,
        source: &'a Source,
        header: &Header,
    ) -> Self {
        let path = source.path.as_path();
        let decimal = header.dialect.as_ref().map_or(Decimal::Point, |d| d.decimal);
        let kinds: Vec<Kind> = plan
            .slots
            .iter()
            .map(|slot| match slot {
                Some(Slot::Rating { item, battery }) => instrument
                    .rating_index(*item, *battery)
                    .and_then(|index| u32::try_from(index).ok())
                    .map_or(Kind::Skip, Kind::Rating),
                Some(Slot::Importance { dimension }) => {
                    u32::try_from(*dimension).map_or(Kind::Skip, Kind::Importance)
                }
                Some(Slot::Overall) if instrument.overall().is_some() => Kind::Overall,
                Some(Slot::Segment) => Kind::Segment,
                Some(Slot::Id) => Kind::Id,
                _ => Kind::Skip,
            })
            .collect();
        let rating_columns =
            kinds.iter().enumerate().filter(|(_, k)| matches!(k, Kind::Rating(_))).map(|(c, _)| c).collect();
        Self {
            instrument,
            plan,
            options,
            path,
            kinds,
            rating_columns,
            scale: instrument.scale(),
            overall_scale: instrument.overall(),
            decimal,
            labels: &plan.value_labels,
            overall_labels: &plan.overall_labels,
            limits: source.limits,
            field_count_rule: source.kind == FileKind::Delimited,
            header_row: header.header_row,
        }
    }
}

impl Ctx<'_> {
    /// The location of rating `index` (item-major: item · batteries + battery).
    fn rating_location(&self, index: u32) -> Location {
        let batteries = self.instrument.batteries();
        let index = index as usize;
        let b = batteries.len().max(1);
        Location::Rating { item: index / b, battery: batteries[index % b] }
    }

    /// The name of column `column`, escaped for messages.
    fn column_name(&self, column: usize) -> String {
        self.plan.headers().get(column).map_or_else(|| format!("#{}", column + 1), |h| shown(h))
    }
}

/// A visitor called with every respondent (see [`for_each_labelled_respondent`]).
type Visitor<'v> = &'v mut (dyn FnMut(u64, RespondentLabels<'_>, &Respondent<'_>) + Send);

/// The labels of one respondent row a visitor gets: the respondent id cell and the segment
/// cell, each trimmed (`""` when blank), `None` when the plan has no such column (the id
/// only when the visitor asked for ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RespondentLabels<'a> {
    /// The respondent id of the plan's id column.
    pub id: Option<&'a str>,
    /// The value of the plan's segment column (e.g. the study unit).
    pub segment: Option<&'a str>,
}

/// Per-worker accumulator: the current row, the partials and the log.
struct Acc<'v> {
    total: SurveyPartials,
    segments: BTreeMap<String, SurveyPartials>,
    log: FindingLog,
    rows: u64,
    ratings: Vec<Option<i16>>,
    importance: Vec<Option<i32>>,
    overall: Option<i16>,
    segment: String,
    has_segment: bool,
    /// The respondent id of the current row, kept only when `visit_ids` is set.
    id: String,
    /// Whether the visitor is called with the respondent id.
    visit_ids: bool,
    /// Findings of the current row, kept until the row is known to be whole.
    pending: Vec<Finding>,
    rejected: u64,
    visitor: Option<Visitor<'v>>,
}

impl<'v> Acc<'v> {
    fn new(ctx: &Ctx<'_>) -> Result<Self, IngestError> {
        Ok(Self {
            total: SurveyPartials::new(ctx.instrument, ctx.options.coverage)?,
            segments: BTreeMap::new(),
            log: FindingLog::new(ctx.options.sample_limit),
            rows: 0,
            ratings: vec![None; ctx.instrument.rating_count()],
            importance: vec![None; ctx.plan.importance.len()],
            overall: None,
            segment: String::new(),
            has_segment: ctx.plan.segment.is_some(),
            id: String::new(),
            visit_ids: false,
            pending: Vec::new(),
            rejected: 0,
            visitor: None,
        })
    }

    #[inline]
    fn begin_row(&mut self) {
        self.ratings.fill(None);
        self.importance.fill(None);
        self.overall = None;
        self.segment.clear();
        self.id.clear();
        self.pending.clear();
    }

    /// A finding of the current row (`value` already shown, see [`shown`]).
    fn finding(&mut self, row: u64, location: Location, rule: Rule, value: String) {
        self.pending.push(Finding { row, location, rule, value });
    }

    /// A text cell (delimited files, spreadsheet strings).
    #[inline]
    fn text_cell(&mut self, ctx: &Ctx<'_>, column: usize, bytes: &[u8], row: u64) {
        let Some(kind) = ctx.kinds.get(column).copied() else { return };
        match kind {
            Kind::Skip => {}
            Kind::Rating(index) => match quick_number(bytes) {
                Some(v) if ctx.scale.contains_i64(v) => {
                    if let Some(slot) = self.ratings.get_mut(index as usize) {
                        *slot = Some(v as i16);
                    }
                }
                _ => self.slow_cell(ctx, kind, bytes, row, ctx.labels),
            },
            Kind::Importance(dimension) => match quick_number(bytes) {
                Some(v) if v <= 100 => {
                    if let Some(slot) = self.importance.get_mut(dimension as usize) {
                        *slot = Some(v as i32);
                    }
                }
                _ => self.slow_cell(ctx, kind, bytes, row, ctx.labels),
            },
            Kind::Overall => match (quick_number(bytes), ctx.overall_scale) {
                (Some(v), Some(scale)) if scale.contains_i64(v) => self.overall = Some(v as i16),
                _ => self.slow_cell(ctx, kind, bytes, row, ctx.overall_labels),
            },
            Kind::Segment => {
                self.segment.push_str(&String::from_utf8_lossy(trim(bytes)));
            }
            Kind::Id if self.visit_ids => self.id.push_str(&String::from_utf8_lossy(trim(bytes))),
            Kind::Id => {}
        }
    }

    /// Any cell that is not one or two plain digits on the scale.
    #[inline(never)]
    fn slow_cell(&mut self, ctx: &Ctx<'_>, kind: Kind, bytes: &[u8], row: u64, labels: &ValueLabels) {
        let text = trim(bytes);
        let parsed = parse_text(text, ctx.decimal, labels);
        self.apply(ctx, kind, parsed, row, &|| shown_bytes(text));
    }

    /// A spreadsheet cell.
    fn data_cell(&mut self, ctx: &Ctx<'_>, column: usize, cell: &Data, row: u64) {
        let Some(kind) = ctx.kinds.get(column).copied() else { return };
        let parsed = match cell {
            Data::String(s) => return self.text_cell(ctx, column, s.as_bytes(), row),
            Data::Empty => Parsed::Blank,
            Data::Int(i) => Parsed::Whole(*i),
            Data::Float(f) => classify_number(*f),
            _ => Parsed::NotANumber,
        };
        if let Kind::Segment = kind {
            self.segment.push_str(&cell_text(cell));
            return;
        }
        if let Kind::Id = kind {
            if self.visit_ids {
                self.id.push_str(&cell_text(cell));
            }
            return;
        }
        self.apply(ctx, kind, parsed, row, &|| shown(&describe_cell(cell)));
    }

    fn apply(&mut self, ctx: &Ctx<'_>, kind: Kind, parsed: Parsed, row: u64, text: &dyn Fn() -> String) {
        match kind {
            Kind::Rating(index) => {
                let location = || ctx.rating_location(index);
                match parsed {
                    Parsed::Whole(v) if ctx.scale.contains_i64(v) => {
                        if let Some(slot) = self.ratings.get_mut(index as usize) {
                            *slot = Some(v as i16);
                        }
                    }
                    Parsed::Whole(_) | Parsed::Fraction => {
                        self.finding(row, location(), Rule::OutOfScale, text())
                    }
                    Parsed::Blank => self.finding(row, location(), Rule::Blank, String::new()),
                    Parsed::Missing => {}
                    Parsed::NotANumber => self.finding(row, location(), Rule::NotANumber, text()),
                }
            }
            Kind::Importance(dimension) => {
                let location = || Location::Importance { dimension: dimension as usize };
                match parsed {
                    Parsed::Whole(v) if (0..=100).contains(&v) => {
                        if let Some(slot) = self.importance.get_mut(dimension as usize) {
                            *slot = Some(v as i32);
                        }
                    }
                    Parsed::Whole(_) | Parsed::Fraction => {
                        self.finding(row, location(), Rule::OutOfScale, text())
                    }
                    Parsed::Blank | Parsed::Missing => {}
                    Parsed::NotANumber => self.finding(row, location(), Rule::NotANumber, text()),
                }
            }
            Kind::Overall => {
                let Some(scale) = ctx.overall_scale else { return };
                match parsed {
                    Parsed::Whole(v) if scale.contains_i64(v) => self.overall = Some(v as i16),
                    Parsed::Whole(_) | Parsed::Fraction => {
                        self.finding(row, Location::Overall, Rule::OutOfScale, text())
                    }
                    Parsed::Blank | Parsed::Missing => {}
                    Parsed::NotANumber => self.finding(row, Location::Overall, Rule::NotANumber, text()),
                }
            }
            Kind::Skip | Kind::Segment | Kind::Id => {}
        }
    }

    /// Finishes a row of `fields` cells: blanks for missing trailing cells, the
    /// respondent rules, and the partials.
    fn end_row(&mut self, ctx: &Ctx<'_>, row: u64, fields: usize) -> Result<(), IngestError> {
        self.rows += 1;
        if ctx.field_count_rule && fields != ctx.kinds.len() {
            // Values would sit in the wrong columns: the row is rejected whole, and the
            // findings of its cells (meaningless once shifted) are dropped.
            self.pending.clear();
            self.rejected += 1;
            let value = format!("{fields} fields where the header has {}", ctx.kinds.len());
            self.log.record(Finding { row, location: Location::Response, rule: Rule::FieldCount, value });
            return Ok(());
        }
        if ctx.rating_columns.last().is_some_and(|&last| last >= fields) {
            for &column in &ctx.rating_columns {
                if column >= fields {
                    if let Some(Kind::Rating(index)) = ctx.kinds.get(column) {
                        self.finding(row, ctx.rating_location(*index), Rule::Blank, String::new());
                    }
                }
            }
        }
        let respondent =
            Respondent { ratings: &self.ratings, importance: &self.importance, overall: self.overall };
        check_respondent(ctx.instrument, row, &respondent, &mut self.pending);
        for finding in self.pending.drain(..) {
            self.log.record(finding);
        }
        if let Some(visit) = self.visitor.as_mut() {
            let labels = RespondentLabels {
                id: self.visit_ids.then_some(self.id.as_str()),
                segment: self.has_segment.then_some(self.segment.as_str()),
            };
            visit(row, labels, &respondent);
        }
        if self.has_segment {
            match self.segments.get_mut(self.segment.as_str()) {
                Some(partials) => partials.add(&respondent),
                None => {
                    if self.segments.len() >= ctx.options.max_segments {
                        return Err(too_many_segments(ctx));
                    }
                    let mut partials = SurveyPartials::new(ctx.instrument, ctx.options.coverage)?;
                    partials.add(&respondent);
                    self.segments.insert(self.segment.clone(), partials);
                }
            }
        } else {
            self.total.add(&respondent);
        }
        Ok(())
    }

    /// Folds another worker's results in.
    fn merge(&mut self, other: Acc<'_>) -> Result<(), IngestError> {
        self.total.merge(&other.total)?;
        for (key, partials) in other.segments {
            match self.segments.get_mut(&key) {
                Some(mine) => mine.merge(&partials)?,
                None => {
                    self.segments.insert(key, partials);
                }
            }
        }
        self.log.merge(&other.log);
        self.rows += other.rows;
        self.rejected += other.rejected;
        Ok(())
    }

    /// Builds the scan result (the total is the merge of the segments when there are segments).
    fn finish(
        mut self,
        ctx: &Ctx<'_>,
        dialect: Option<Dialect>,
        reader: ReaderUsed,
    ) -> Result<Scan, IngestError> {
        if self.segments.len() > ctx.options.max_segments {
            return Err(too_many_segments(ctx));
        }
        for partials in self.segments.values() {
            self.total.merge(partials)?;
        }
        if ctx.options.strict {
            if let Some(first) = self.log.first() {
                return Err(rejected(ctx.path, ctx.plan, ctx.instrument, first));
            }
        }
        self.check_something_accepted(ctx)?;
        Ok(Scan {
            path: ctx.path.to_owned(),
            total: self.total,
            segments: self.segments,
            findings: self.log,
            rows: self.rows,
            rejected: self.rejected,
            dialect,
            reader,
        })
    }

    /// A file with a header only, or whose rows were all rejected or empty, is an error
    /// naming the most frequent rule and its earliest example (issue 11).
    fn check_something_accepted(&self, ctx: &Ctx<'_>) -> Result<(), IngestError> {
        if self.rows == 0 {
            return Err(IngestError::NoDataRows { path: ctx.path.to_owned(), header_row: ctx.header_row });
        }
        let empty = self.log.count(Rule::EmptyResponse);
        if self.rows > self.rejected + empty {
            return Ok(());
        }
        // The most frequent rule; `empty-response` only when nothing else explains it.
        let mut dominant = (Rule::EmptyResponse, empty);
        for (rule, count) in self.log.counts() {
            if rule != Rule::EmptyResponse && (count > dominant.1 || dominant.0 == Rule::EmptyResponse) {
                dominant = (rule, count);
            }
        }
        let example = self.log.samples(dominant.0).first().map_or_else(String::new, |f| {
            let r = describe_finding(ctx.path, ctx.plan, ctx.instrument, f);
            format!("row {}, column `{}`: value `{}`", r.row, r.column, r.value)
        });
        Err(IngestError::NothingAccepted {
            path: ctx.path.to_owned(),
            read: self.rows,
            rule: dominant.0.id(),
            count: dominant.1,
            example,
        })
    }

    fn stop(&self, ctx: &Ctx<'_>) -> bool {
        ctx.options.strict && !self.log.is_empty()
    }
}

fn too_many_segments(ctx: &Ctx<'_>) -> IngestError {
    IngestError::TooManySegments {
        path: ctx.path.to_owned(),
        column: ctx.plan.segment_column().unwrap_or("").to_owned(),
        limit: ctx.options.max_segments,
    }
}

/// One to three plain ASCII digits, the common case of survey cells.
#[inline(always)]
fn quick_number(bytes: &[u8]) -> Option<i64> {
    let digit = |b: u8| b.is_ascii_digit().then(|| i64::from(b - b'0'));
    match *bytes {
        [a] => digit(a),
        [a, b] => Some(digit(a)? * 10 + digit(b)?),
        [a, b, c] => Some(digit(a)? * 100 + digit(b)? * 10 + digit(c)?),
        _ => None,
    }
}

trait ScaleExt {
    fn contains_i64(self, v: i64) -> bool;
}

impl ScaleExt for Scale {
    #[inline]
    fn contains_i64(self, v: i64) -> bool {
        v >= i64::from(self.min()) && v <= i64::from(self.max())
    }
}

/// The first over-long cell of a row: (column, length).
type LongCell = Option<(usize, usize)>;

/// One cell of the fast reader; notes the first cell over the length limit.
///
/// A rating written as one digit on the scale, the common case, is stored here;
/// anything else goes through [`Acc::text_cell`], which gives the same value.
#[inline(always)]
fn fast_cell(ctx: &Ctx<'_>, acc: &mut Acc<'_>, column: usize, bytes: &[u8], line: u64, long: &mut LongCell) {
    if bytes.len() > ctx.limits.max_cell_bytes && long.is_none() {
        *long = Some((column, bytes.len()));
    }
    if let (&[digit], Some(&Kind::Rating(index))) = (bytes, ctx.kinds.get(column)) {
        let value = i64::from(digit.wrapping_sub(b'0'));
        if value <= 9 && ctx.scale.contains_i64(value) {
            if let Some(slot) = acc.ratings.get_mut(index as usize) {
                *slot = Some(value as i16);
                return;
            }
        }
    }
    acc.text_cell(ctx, column, bytes, line);
}

/// The row of a block that starts at `start`: its end (a line break or the block's
/// end) and, when it ends at a line break, whether that break starts a new line
/// (`\r`, or `\n` not after `\r`: a `\r\n` is one line break).
#[inline]
fn next_row(block: &[u8], start: usize) -> (usize, bool) {
    match memchr::memchr2(b'\n', b'\r', &block[start..]) {
        Some(offset) => {
            let end = start + offset;
            let counts = block[end] == b'\r' || end == 0 || block[end - 1] != b'\r';
            (end, counts)
        }
        None => (block.len(), false),
    }
}

/// Where the field of `row` starting at `start` ends: at the next delimiter or at the
/// row's end. A one-byte field followed by a delimiter, the common case of ratings,
/// is recognised without a search.
#[inline(always)]
fn field_end(row: &[u8], start: usize, delimiter: u8) -> usize {
    match row.get(start..start + 2) {
        Some(&[first, second]) if first != delimiter && second == delimiter => start + 1,
        _ => row
            .get(start..)
            .and_then(|rest| memchr::memchr(delimiter, rest))
            .map_or(row.len(), |at| start + at),
    }
}

/// Parses one non-empty row (without its line break) into the accumulator.
#[inline]
fn parse_row(
    ctx: &Ctx<'_>,
    acc: &mut Acc<'_>,
    row: &[u8],
    line: u64,
    delimiter: u8,
) -> Result<(), IngestError> {
    let mut long: LongCell = None;
    let mut column = 0;
    let mut start = 0;
    loop {
        let end = field_end(row, start, delimiter);
        fast_cell(ctx, acc, column, &row[start..end], line, &mut long);
        if end == row.len() {
            break;
        }
        column += 1;
        start = end + 1;
    }
    check_lengths(ctx, row.len(), long, line)?;
    acc.end_row(ctx, line, column + 1)
}

/// The length checks of a whole row, in the general reader's order: the row, then its first long cell.
fn check_lengths(ctx: &Ctx<'_>, row_len: usize, long: LongCell, line: u64) -> Result<(), IngestError> {
    if row_len > ctx.limits.max_row_bytes {
        return Err(IngestError::RowTooLong {
            path: ctx.path.to_owned(),
            row: line,
            limit: ctx.limits.max_row_bytes,
        });
    }
    match long {
        Some((column, length)) => Err(IngestError::CellTooLong {
            path: ctx.path.to_owned(),
            row: line,
            column: ctx.column_name(column),
            length,
            limit: ctx.limits.max_cell_bytes,
        }),
        None => Ok(()),
    }
}

/// Parses a block of whole lines starting at line `line`. Rows end at `\r`, `\n` or
/// `\r\n` (each one line break), empty lines are skipped, and a last row without a
/// line break is a row like any other, as in the `csv` crate. Returns false when a
/// strict scan found something (the rest of the block is left unread).
fn parse_block(
    ctx: &Ctx<'_>,
    acc: &mut Acc<'_>,
    block: &[u8],
    mut line: u64,
    delimiter: u8,
) -> Result<bool, IngestError> {
    let mut start = 0;
    while start < block.len() {
        let (end, new_line) = next_row(block, start);
        if end > start {
            acc.begin_row();
            parse_row(ctx, acc, &block[start..end], line, delimiter)?;
            if acc.stop(ctx) {
                return Ok(false);
            }
        }
        line += u64::from(new_line);
        start = end + 1;
    }
    Ok(!acc.stop(ctx))
}

enum Fast<'v> {
    Done(Box<Acc<'v>>, usize),
    /// The data holds a quote character: use the general reader.
    NotPlain,
}

fn scan_fast<'v>(
    ctx: &Ctx<'_>,
    start: DataStart,
    delimiter: u8,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Fast<'v>, IngestError> {
    let path = ctx.path;
    let mut file = File::open(path).map_err(io_error(path))?;
    let total = file.metadata().map_err(io_error(path))?.len();
    file.seek(SeekFrom::Start(start.byte)).map_err(io_error(path))?;
    let threads = match ctx.options.threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
    .clamp(1, 64);
    let mut blocks = BlockFile {
        file,
        path,
        block_size: ctx.options.block_size,
        max_row_bytes: ctx.limits.max_row_bytes,
        first_row: start.line,
        numbering: Numbering::Lines,
    };
    let mut done = start.byte;
    let mut produce = |sink: &mut dyn FnMut(Block) -> Result<bool, IngestError>| {
        produce_blocks(&mut blocks, sink, &mut |bytes| {
            done += bytes;
            progress(done.min(total), total);
        })
    };

    let new_acc = || Acc::new(ctx);
    let parse = |acc: &mut Acc<'v>, block: &Block| parse_block(ctx, acc, &block.bytes, block.line, delimiter);
    let Some(accs) = parse_in_parallel(path, threads, &mut produce, &new_acc, &parse)? else {
        return Ok(Fast::NotPlain);
    };
    let mut merged: Option<Acc<'v>> = None;
    for acc in accs {
        match merged.as_mut() {
            Some(m) => m.merge(acc)?,
            None => merged = Some(acc),
        }
    }
    match merged {
        Some(acc) => Ok(Fast::Done(Box::new(acc), threads)),
        None => Ok(Fast::Done(Box::new(Acc::new(ctx)?), threads)),
    }
}

/// Counts bytes read through it, for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Remembers the last few chunks handed to the csv reader, to turn a record's
/// byte position into its true line number. (The csv crate reports the line
/// where its scan for the record began, which is earlier after blank lines and
/// `\r\n` terminators, and it counts `\n` only.) Lines end at `\r`, `\n` or
/// `\r\n`, as in the fast reader.
struct LineTracker<R> {
    inner: R,
    /// `(start offset, bytes, line breaks before the chunk, byte before the chunk)`, oldest first.
    chunks: std::collections::VecDeque<(u64, Vec<u8>, u64, u8)>,
    offset: u64,
    breaks: u64,
    last: u8,
}

impl<R> LineTracker<R> {
    const KEEP: usize = 8;

    fn new(inner: R) -> Self {
        Self { inner, chunks: std::collections::VecDeque::new(), offset: 0, breaks: 0, last: 0 }
    }

    /// 1-based line of the first byte at or after `position` that is not a line break.
    fn line_at(&self, position: u64) -> Option<u64> {
        let first =
            self.chunks.iter().position(|(start, bytes, _, _)| position < start + bytes.len() as u64)?;
        let (start, bytes, before, prev) = &self.chunks[first];
        let local = usize::try_from(position.checked_sub(*start)?).ok()?;
        let mut line = before + count_line_breaks(*prev, &bytes[..local]) + 1;
        let mut previous = if local == 0 { *prev } else { bytes[local - 1] };
        // Skip the line breaks (blank lines, the `\n` of `\r\n`) the csv reader passed over.
        let mut skip = |slice: &[u8]| -> bool {
            for &b in slice {
                match b {
                    b'\n' | b'\r' => {
                        if b == b'\r' || previous != b'\r' {
                            line += 1;
                        }
                        previous = b;
                    }
                    _ => return true,
                }
            }
            false
        };
        if !skip(&bytes[local..]) {
            for (_, later, _, _) in self.chunks.iter().skip(first + 1) {
                if skip(later) {
                    break;
                }
            }
        }
        Some(line)
    }
}

impl<R: Read> Read for LineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            let mut chunk = if self.chunks.len() >= Self::KEEP {
                self.chunks.pop_front().map(|(_, v, _, _)| v).unwrap_or_default()
            } else {
                Vec::new()
            };
            chunk.clear();
            chunk.extend_from_slice(&buf[..n]);
            let breaks = count_line_breaks(self.last, &chunk);
            let last = chunk[n - 1];
            self.chunks.push_back((self.offset, chunk, self.breaks, self.last));
            self.offset += n as u64;
            self.breaks += breaks;
            self.last = last;
        }
        Ok(n)
    }
}

fn scan_general<'v>(
    ctx: &Ctx<'_>,
    dialect: &Dialect,
    acc: &mut Acc<'v>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<(), IngestError> {
    let path = ctx.path;
    let mut file = File::open(path).map_err(io_error(path))?;
    let total = file.metadata().map_err(io_error(path))?.len();
    file.seek(SeekFrom::Start(dialect.encoding.bom_len as u64)).map_err(io_error(path))?;
    let count = Arc::new(AtomicU64::new(dialect.encoding.bom_len as u64));
    let counting = Counting { inner: file, count: Arc::clone(&count) };
    let input: Box<dyn Read> = if dialect.encoding.is_utf8() {
        Box::new(counting)
    } else {
        Box::new(DecodingReader::new(counting, dialect.encoding.encoding))
    };
    let guard = RecordGuard::new(input, dialect.delimiter, ctx.limits.max_row_bytes);
    let tripped = guard.tripped();
    let input = LineTracker::new(guard);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let limit = ctx.limits.max_row_bytes;
    let csv_error = |e: csv::Error| match tripped.lock().ok().and_then(|t| *t) {
        Some(long) => IngestError::RowTooLong { path: path.to_owned(), row: long.line, limit },
        None => IngestError::Csv {
            path: path.to_owned(),
            row: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        },
    };
    for _ in 0..(dialect.header_row + dialect.skip_rows) {
        if !reader.read_byte_record(&mut record).map_err(csv_error)? {
            return Ok(());
        }
    }
    let mut since_progress = 0u32;
    while reader.read_byte_record(&mut record).map_err(csv_error)? {
        let row = record.position().map_or(0, |p| reader.get_ref().line_at(p.byte()).unwrap_or(p.line()));
        let long = record.iter().position(|f| f.len() > ctx.limits.max_cell_bytes);
        check_lengths(ctx, 0, long.map(|c| (c, record[c].len())), row)?;
        acc.begin_row();
        for (column, field) in record.iter().enumerate().take(ctx.kinds.len()) {
            acc.text_cell(ctx, column, field, row);
        }
        acc.end_row(ctx, row, record.len())?;
        if acc.stop(ctx) {
            break;
        }
        since_progress += 1;
        if since_progress == 8192 {
            since_progress = 0;
            progress(count.load(Ordering::Relaxed).min(total), total);
        }
    }
    progress(total, total);
    Ok(())
}

fn scan_spreadsheet(
    ctx: &Ctx<'_>,
    source: &Source,
    header_row: u64,
    acc: &mut Acc<'_>,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<(), IngestError> {
    // Data starts after the header and the skipped rows (all 1-based sheet row numbers).
    let first_data = header_row + source.options.skip_rows.unwrap_or(0);
    let mut seen = 0u64;
    for_each_sheet_row(source, &mut |r, cells| {
        if r < first_data {
            return Ok(true);
        }
        let row = r + 1;
        acc.begin_row();
        for (column, cell) in cells.iter().enumerate().take(ctx.kinds.len()) {
            acc.data_cell(ctx, column, cell, row);
        }
        acc.end_row(ctx, row, cells.len())?;
        seen += 1;
        if seen.is_multiple_of(8192) {
            progress(seen, 0);
        }
        Ok(!acc.stop(ctx))
    })?;
    progress(seen, seen);
    Ok(())
}

fn check_header(source: &Source, header: &Header, plan: &ColumnPlan) -> Result<(), IngestError> {
    if header.columns.len() != plan.headers().len() {
        return Err(IngestError::HeaderChanged {
            path: source.path.clone(),
            expected: plan.headers().len(),
            found: header.columns.len(),
        });
    }
    Ok(())
}

/// Scans a whole data file once: every row becomes a respondent, checked and
/// folded into [`SurveyPartials`] (per segment and in total).
///
/// Cell rules (not a number, out of scale, blank) are checked here, with the
/// cell's text; respondent rules come from [`check_respondent`]. `progress`
/// is called now and then with (bytes done, bytes total).
///
/// # Errors
/// I/O and format errors; in strict mode, [`IngestError::Rejected`] for the
/// earliest finding (and nothing else is returned).
pub fn scan(
    source: &Source,
    instrument: &Instrument,
    plan: &ColumnPlan,
    options: &ScanOptions,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Scan, IngestError> {
    let header = read_header(source)?;
    check_header(source, &header, plan)?;
    let ctx = Ctx::new(instrument, plan, options, source, &header);

    if source.kind == FileKind::Spreadsheet {
        let mut acc = Acc::new(&ctx)?;
        scan_spreadsheet(&ctx, source, header.header_row, &mut acc, progress)?;
        return acc.finish(&ctx, None, ReaderUsed::Spreadsheet);
    }
    let Some(dialect) = header.dialect else {
        return Err(IngestError::NoHeader { path: source.path.clone(), row: header.header_row });
    };
    if let (ReaderChoice::Auto, Some(start)) = (options.reader, header.data_start) {
        if let Fast::Done(acc, threads) = scan_fast(&ctx, start, dialect.delimiter, progress)? {
            return (*acc).finish(&ctx, Some(dialect), ReaderUsed::Fast { threads });
        }
    }
    let mut acc = Acc::new(&ctx)?;
    scan_general(&ctx, &dialect, &mut acc, progress)?;
    acc.finish(&ctx, Some(dialect), ReaderUsed::General)
}

/// Calls `visit(row, id, respondent)` for every respondent, in file order, with the
/// respondent id cell (trimmed; `""` when blank) of the plan's id column, or `None`
/// when the plan has no id column; otherwise as [`for_each_respondent`] (issue 12:
/// matching the respondents of two waves of a panel).
///
/// # Errors
/// As [`scan`].
pub fn for_each_identified_respondent(
    source: &Source,
    instrument: &Instrument,
    plan: &ColumnPlan,
    options: &ScanOptions,
    visit: &mut (dyn FnMut(u64, Option<&str>, &Respondent<'_>) + Send),
) -> Result<Scan, IngestError> {
    let mut forward = |row: u64, labels: RespondentLabels<'_>, respondent: &Respondent<'_>| {
        visit(row, labels.id, respondent);
    };
    visit_respondents(source, instrument, plan, options, &mut forward, plan.id.is_some())
}

/// Calls `visit(row, labels, respondent)` for every respondent, in file order, with both
/// its id (when the plan has an id column) and its segment value (when the plan has a
/// segment column, e.g. a study's unit column); otherwise as [`for_each_respondent`]
/// (issue 15: matching a panel's respondents within each unit).
///
/// # Errors
/// As [`scan`].
pub fn for_each_labelled_respondent(
    source: &Source,
    instrument: &Instrument,
    plan: &ColumnPlan,
    options: &ScanOptions,
    visit: &mut (dyn FnMut(u64, RespondentLabels<'_>, &Respondent<'_>) + Send),
) -> Result<Scan, IngestError> {
    visit_respondents(source, instrument, plan, options, visit, plan.id.is_some())
}

/// Calls `visit(row, segment, respondent)` for every respondent, in file order,
/// with the same parsing and cell rules as [`scan`] (single-threaded; findings
/// are returned in the [`Scan`] as usual).
///
/// # Errors
/// As [`scan`].
pub fn for_each_respondent(
    source: &Source,
    instrument: &Instrument,
    plan: &ColumnPlan,
    options: &ScanOptions,
    visit: &mut (dyn FnMut(u64, Option<&str>, &Respondent<'_>) + Send),
) -> Result<Scan, IngestError> {
    let mut forward = |row: u64, labels: RespondentLabels<'_>, respondent: &Respondent<'_>| {
        visit(row, labels.segment, respondent);
    };
    visit_respondents(source, instrument, plan, options, &mut forward, false)
}

fn visit_respondents(
    source: &Source,
    instrument: &Instrument,
    plan: &ColumnPlan,
    options: &ScanOptions,
    visit: &mut (dyn FnMut(u64, RespondentLabels<'_>, &Respondent<'_>) + Send),
    visit_ids: bool,
) -> Result<Scan, IngestError> {
    let header = read_header(source)?;
    check_header(source, &header, plan)?;
    let ctx = Ctx::new(instrument, plan, options, source, &header);
    let mut acc = Acc::new(&ctx)?;
    acc.visit_ids = visit_ids;
    acc.visitor = Some(visit);
    let no_progress = |_: u64, _: u64| {};
    if source.kind == FileKind::Spreadsheet {
        scan_spreadsheet(&ctx, source, header.header_row, &mut acc, &no_progress)?;
        acc.visitor = None;
        return acc.finish(&ctx, None, ReaderUsed::Spreadsheet);
    }
    let Some(dialect) = header.dialect else {
        return Err(IngestError::NoHeader { path: source.path.clone(), row: header.header_row });
    };
    scan_general(&ctx, &dialect, &mut acc, &no_progress)?;
    acc.visitor = None;
    acc.finish(&ctx, Some(dialect), ReaderUsed::General)
}
