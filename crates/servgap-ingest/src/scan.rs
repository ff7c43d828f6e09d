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

use crate::blocks::{parse_in_parallel, Block};
use crate::cell::{classify_number, parse_text, trim, Decimal, Parsed, ValueLabels};
use crate::detect::Slot;
use crate::plan::ColumnPlan;
use crate::source::{
    cell_text, for_each_sheet_row, io_error, read_header, DataStart, Dialect, FileKind, Header, Source,
};
use crate::text::DecodingReader;
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
    /// Data rows read (each is one respondent; blank lines are skipped).
    pub rows: u64,
    /// The text dialect (delimited files).
    pub dialect: Option<Dialect>,
    /// The reader used.
    pub reader: ReaderUsed,
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
        column: plan.column_name(instrument, &finding.location),
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
}

impl<'a> Ctx<'a> {
    fn new(
        instrument: &'a Instrument,
        plan: &'a ColumnPlan,
        options: &'a ScanOptions,
        path: &'a Path,
        decimal: Decimal,
    ) -> Self {
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
}

/// A visitor called with every respondent (see [`for_each_respondent`]).
type Visitor<'v> = &'v mut (dyn FnMut(u64, Option<&str>, &Respondent<'_>) + Send);

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
    findings: Vec<Finding>,
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
            findings: Vec::new(),
            visitor: None,
        })
    }

    #[inline]
    fn begin_row(&mut self) {
        self.ratings.fill(None);
        self.importance.fill(None);
        self.overall = None;
        self.segment.clear();
    }

    fn finding(&mut self, row: u64, location: Location, rule: Rule, value: String) {
        self.log.record(Finding { row, location, rule, value });
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
        }
    }

    /// Any cell that is not one or two plain digits on the scale.
    #[inline(never)]
    fn slow_cell(&mut self, ctx: &Ctx<'_>, kind: Kind, bytes: &[u8], row: u64, labels: &ValueLabels) {
        let text = trim(bytes);
        let parsed = parse_text(text, ctx.decimal, labels);
        self.apply(ctx, kind, parsed, row, &|| String::from_utf8_lossy(text).into_owned());
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
        self.apply(ctx, kind, parsed, row, &|| cell_text(cell));
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
            Kind::Skip | Kind::Segment => {}
        }
    }

    /// Finishes a row of `fields` cells: blanks for missing trailing cells, the
    /// respondent rules, and the partials.
    fn end_row(&mut self, ctx: &Ctx<'_>, row: u64, fields: usize) -> Result<(), IngestError> {
        if ctx.rating_columns.last().is_some_and(|&last| last >= fields) {
            for &column in &ctx.rating_columns {
                if column >= fields {
                    if let Some(Kind::Rating(index)) = ctx.kinds.get(column) {
                        self.finding(row, ctx.rating_location(*index), Rule::Blank, String::new());
                    }
                }
            }
        }
        self.rows += 1;
        let respondent =
            Respondent { ratings: &self.ratings, importance: &self.importance, overall: self.overall };
        check_respondent(ctx.instrument, row, &respondent, &mut self.findings);
        for finding in self.findings.drain(..) {
            self.log.record(finding);
        }
        if let Some(visit) = self.visitor.as_mut() {
            visit(row, self.has_segment.then_some(self.segment.as_str()), &respondent);
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
        Ok(Scan {
            path: ctx.path.to_owned(),
            total: self.total,
            segments: self.segments,
            findings: self.log,
            rows: self.rows,
            dialect,
            reader,
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

/// Parses a block of whole lines starting at line `line`. Returns false when a
/// strict scan found something (the rest of the block is left unread).
fn parse_block(
    ctx: &Ctx<'_>,
    acc: &mut Acc<'_>,
    block: &[u8],
    mut line: u64,
    delimiter: u8,
) -> Result<bool, IngestError> {
    let mut field_start = 0;
    let mut column = 0;
    acc.begin_row();
    for (i, &b) in block.iter().enumerate() {
        if b == delimiter {
            acc.text_cell(ctx, column, &block[field_start..i], line);
            column += 1;
            field_start = i + 1;
        } else if b == b'\n' {
            let field = &block[field_start..i];
            let blank_line = column == 0 && (field.is_empty() || field == b"\r");
            if !blank_line {
                acc.text_cell(ctx, column, field, line);
                acc.end_row(ctx, line, column + 1)?;
                if acc.stop(ctx) {
                    return Ok(false);
                }
                acc.begin_row();
            }
            line += 1;
            column = 0;
            field_start = i + 1;
        }
    }
    if field_start < block.len() {
        let field = &block[field_start..];
        if !(column == 0 && field == b"\r") {
            acc.text_cell(ctx, column, field, line);
            acc.end_row(ctx, line, column + 1)?;
        }
    }
    Ok(!acc.stop(ctx))
}

enum Fast<'v> {
    Done(Box<Acc<'v>>, usize),
    /// The data holds a quote character (or has no `\n` line ends): use the general reader.
    NotPlain,
}

/// Reads `len` more bytes (or to end of file) into `buf`; true at end of file.
fn fill(file: &mut File, buf: &mut Vec<u8>, len: usize, path: &Path) -> Result<bool, IngestError> {
    let target = buf.len() + len;
    while buf.len() < target {
        let got = file.by_ref().take((target - buf.len()) as u64).read_to_end(buf).map_err(io_error(path))?;
        if got == 0 {
            return Ok(true);
        }
    }
    Ok(false)
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
    let block_size = ctx.options.block_size.max(64);

    // Produces blocks in order; `sink` consumes each; returns false on quotes.
    let mut produce =
        |sink: &mut dyn FnMut(Block) -> Result<bool, IngestError>| -> Result<bool, IngestError> {
            let mut carry: Vec<u8> = Vec::new();
            let mut line = start.line;
            let mut done = start.byte;
            let mut index = 0;
            loop {
                let mut buf = Vec::with_capacity(block_size + carry.len());
                buf.append(&mut carry);
                let eof = fill(&mut file, &mut buf, block_size, path)?;
                if buf.is_empty() {
                    return Ok(true);
                }
                let cut = if eof {
                    buf.len()
                } else {
                    match memchr::memrchr(b'\n', &buf) {
                        Some(p) => p + 1,
                        None => {
                            // A line longer than a block: read more, unless the file has no
                            // `\n` line ends at all (old Mac `\r` files); the general reader handles those.
                            if buf.len() > block_size.saturating_mul(16).max(64 << 20) {
                                return Ok(false);
                            }
                            carry = buf;
                            continue;
                        }
                    }
                };
                carry = buf.split_off(cut);
                if memchr::memchr(b'"', &buf).is_some() {
                    return Ok(false);
                }
                let lines = memchr::memchr_iter(b'\n', &buf).count() as u64;
                done += buf.len() as u64;
                let keep_going = sink(Block { index, line, bytes: buf })?;
                progress(done.min(total), total);
                if !keep_going {
                    return Ok(true);
                }
                line += lines;
                index += 1;
                if eof && carry.is_empty() {
                    return Ok(true);
                }
            }
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
/// `\r\n` terminators.)
struct LineTracker<R> {
    inner: R,
    /// `(start offset, bytes, newlines before the chunk)`, oldest first.
    chunks: std::collections::VecDeque<(u64, Vec<u8>, u64)>,
    offset: u64,
    newlines: u64,
}

impl<R> LineTracker<R> {
    const KEEP: usize = 8;

    fn new(inner: R) -> Self {
        Self { inner, chunks: std::collections::VecDeque::new(), offset: 0, newlines: 0 }
    }

    /// 1-based line of the first byte at or after `position` that is not a line break.
    fn line_at(&self, position: u64) -> Option<u64> {
        let first = self.chunks.iter().position(|(start, bytes, _)| position < start + bytes.len() as u64)?;
        let (start, bytes, before) = &self.chunks[first];
        let local = usize::try_from(position.checked_sub(*start)?).ok()?;
        let mut line = before + memchr::memchr_iter(b'\n', &bytes[..local]).count() as u64 + 1;
        // Skip the line breaks (blank lines, the `\n` of `\r\n`) the csv reader passed over.
        let mut skip = |slice: &[u8]| -> bool {
            for &b in slice {
                match b {
                    b'\n' => line += 1,
                    b'\r' => {}
                    _ => return true,
                }
            }
            false
        };
        if !skip(&bytes[local..]) {
            for (_, later, _) in self.chunks.iter().skip(first + 1) {
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
                self.chunks.pop_front().map(|(_, v, _)| v).unwrap_or_default()
            } else {
                Vec::new()
            };
            chunk.clear();
            chunk.extend_from_slice(&buf[..n]);
            let newlines = memchr::memchr_iter(b'\n', &chunk).count() as u64;
            self.chunks.push_back((self.offset, chunk, self.newlines));
            self.offset += n as u64;
            self.newlines += newlines;
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
    let input = LineTracker::new(input);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let csv_error = |e: csv::Error| IngestError::Csv {
        path: path.to_owned(),
        row: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    for _ in 0..(dialect.header_row + dialect.skip_rows) {
        if !reader.read_byte_record(&mut record).map_err(csv_error)? {
            return Ok(());
        }
    }
    let mut since_progress = 0u32;
    while reader.read_byte_record(&mut record).map_err(csv_error)? {
        let row = record.position().map_or(0, |p| reader.get_ref().line_at(p.byte()).unwrap_or(p.line()));
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
    let decimal = header.dialect.as_ref().map_or(Decimal::Point, |d| d.decimal);
    let ctx = Ctx::new(instrument, plan, options, &source.path, decimal);

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
    let header = read_header(source)?;
    check_header(source, &header, plan)?;
    let decimal = header.dialect.as_ref().map_or(Decimal::Point, |d| d.decimal);
    let ctx = Ctx::new(instrument, plan, options, &source.path, decimal);
    let mut acc = Acc::new(&ctx)?;
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
