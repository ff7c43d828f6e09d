//! Mergeable, exact KPI aggregates per (period, segment) group.
//!
//! ```text
//! Ticket ──KpiAggregate::add──▶ KpiAggregate ──merge──▶ KpiAggregate ──finish──▶ KpiReport
//! ```
//!
//! Everything stored is a count or an integer-second histogram, so chunks of tickets
//! aggregated in parallel and merged in any order give exactly the numbers of one pass.
//! Histograms have bounded size (exact below a day, then exact up to
//! [`KpiOptions::sparse_budget`] distinct values, then coarse buckets), so memory is
//! bounded by periods × segments × KPIs, never by the number of tickets. Medians and p90
//! in a coarse bucket are made exact by a second pass over the same tickets:
//!
//! ```text
//! pass 1: add … merge ──refinements──▶ Refinements ──KpiEngine::refiner──▶ pass 2: add … merge
//!                                                                              │
//!         KpiAggregate ◀──────────────────────────refine──────────────────────┘ ──finish──▶
//! ```
//!
//! When [`KpiAggregate::refinements`] is empty, pass 2 is skipped.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::calendar::BusinessCalendar;
use super::histogram::{
    bucket_of, DurationHistogram, IntHasher, IntMap, COARSE_BUCKETS, DENSE_LIMIT, SPARSE_BUDGET,
};
use super::metrics::{Durations, MetricOptions, SlaOutcome, SlaTarget, TicketMetrics};
use super::model::{CesScale, Dimension, Survey, Ticket};
use super::satisfaction::{ConditionCounts, ConditionSummary, TicketCondition};
use super::summary::{
    self, CesEstimate, DurationSummary, NpsEstimate, Proportion, QuantileMethod, ShareEstimate,
};
use crate::CoreError;

mod parts;

pub use parts::{
    BacklogChangeParts, DurationParts, KpiGroupParts, KpiParts, ReopenDayParts, SatisfactionParts,
};

/// Reporting period of a group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// Calendar day.
    Day,
    /// ISO week, Monday to Sunday.
    Week,
    /// Calendar month.
    #[default]
    Month,
}

impl Period {
    /// `day`, `week` or `month`.
    pub fn id(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// A sortable key of the period containing `date`.
    pub fn key(self, date: Date) -> i32 {
        let days = days_from_civil(date);
        match self {
            Period::Day => days,
            // 1970-01-01 was a Thursday; shift so keys count from a Monday.
            Period::Week => days - (days + 3).rem_euclid(7),
            Period::Month => i32::from(date.year()) * 12 + i32::from(date.month()) - 1,
        }
    }

    /// First day of the period with key `key`.
    pub fn start(self, key: i32) -> Option<Date> {
        match self {
            Period::Day | Period::Week => civil_from_days(key),
            Period::Month => {
                let year = i16::try_from(key.div_euclid(12)).ok()?;
                let month = (key.rem_euclid(12) + 1) as i8;
                Date::new(year, month, 1).ok()
            }
        }
    }

    /// Last day of the period with key `key`.
    pub fn end(self, key: i32) -> Option<Date> {
        let next = match self {
            Period::Day => key + 1,
            Period::Week => key + 7,
            Period::Month => key + 1,
        };
        self.start(next)?.yesterday().ok()
    }
}

/// Days since 1970-01-01 (proleptic Gregorian; Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(date: Date) -> i32 {
    let (mut y, m, d) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
    if m <= 2 {
        y -= 1;
    }
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub(crate) fn civil_from_days(days: i32) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

/// Which date puts a resolution-type KPI (first/full resolution, requester wait,
/// first-contact resolution, reopen rate) into a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Cohort {
    /// The ticket's creation date (Intercom convention).
    Created,
    /// The solve date: first solve for first resolution, FCR and reopen rate; last
    /// solve for full resolution and requester wait (Help Scout / Freshservice). Default.
    #[default]
    Solved,
}

/// Settings of a KPI run.
#[derive(Debug, Clone)]
pub struct KpiOptions {
    /// Zone in which periods and backlog snapshots are cut.
    pub zone: TimeZone,
    /// Period length.
    pub period: Period,
    /// Segment dimensions reported besides "all tickets".
    pub dimensions: Vec<Dimension>,
    /// Cohort of resolution-type KPIs.
    pub resolution_cohort: Cohort,
    /// Pause policy and reopen window.
    pub metrics: MetricOptions,
    /// Local time of the daily backlog snapshot (default 23:00, as Zendesk Explore).
    pub backlog_snapshot: Time,
    /// SLA targets whose attainment is counted.
    pub sla: Vec<SlaTarget>,
    /// End of the data: running SLA clocks past their target at this instant count as breached.
    pub as_of: Option<Timestamp>,
    /// Quantile definition for medians and p90.
    pub quantile_method: QuantileMethod,
    /// Which duration histograms and series are kept (all by default).
    pub compute: Compute,
    /// Distinct durations ≥ 87 040 s a histogram keeps exactly before switching to coarse
    /// buckets (default [`SPARSE_BUDGET`]); coarse buckets that hold a median or p90 are
    /// resolved by a second pass ([`KpiAggregate::refinements`]).
    pub sparse_budget: u32,
    /// Most distinct values one segment dimension may have in a run (default
    /// [`DEFAULT_MAX_SEGMENTS`]); one more ends the run with
    /// [`CoreError::KpiTooManySegments`] instead of growing memory without bound.
    pub max_segments: usize,
    /// The scale of every CES answer (default 1–7); an answer on another scale is
    /// [`CoreError::KpiCesScaleMismatch`], so a mean is never taken over two scales.
    pub ces_scale: CesScale,
    /// Per-ticket conditions of the targets whose association with CSAT is counted
    /// ([`TicketCondition::of`]; the pipeline fills it from the targets file). Empty: no
    /// counting and no cost per ticket.
    pub satisfaction_links: Vec<TicketCondition>,
}

/// Default [`KpiOptions::max_segments`]: 1 000 values per dimension, as `analyze --by`.
pub const DEFAULT_MAX_SEGMENTS: usize = 1000;

/// Which parts of the aggregate are kept. Leaving out what a run does not report
/// saves time and memory (resolution-time histograms of long periods are the largest part);
/// counts, rates, SLA attainment and surveys are always kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Compute {
    /// Per [`DurationKpi`] (in [`DurationKpi::ALL`] order): keep its histograms.
    pub durations: [bool; 5],
    /// Keep the daily backlog series (and `backlog_at_end`).
    pub backlog: bool,
}

impl Default for Compute {
    fn default() -> Self {
        Compute::ALL
    }
}

impl Compute {
    /// Everything.
    pub const ALL: Compute = Compute { durations: [true; 5], backlog: true };

    /// Only the histograms of `kpis`, no backlog series.
    pub fn only(kpis: &[DurationKpi]) -> Compute {
        let mut durations = [false; 5];
        for kpi in kpis {
            durations[kpi.index()] = true;
        }
        Compute { durations, backlog: false }
    }

    /// True when the histograms of `kpi` are kept.
    pub fn includes(&self, kpi: DurationKpi) -> bool {
        self.durations[kpi.index()]
    }
}

impl KpiOptions {
    /// Defaults: monthly periods in `zone`, all three dimensions, solve-date cohort,
    /// pending and on-hold paused, 7-day reopen window, 23:00 snapshot, no SLA targets,
    /// linear (type 7) quantiles.
    ///
    /// # Errors
    /// [`CoreError::KpiUnknownTimeZone`] when `zone` is not an IANA name in the bundled database.
    pub fn new(zone: &str) -> Result<KpiOptions, CoreError> {
        let tz = TimeZone::get(zone).map_err(|_| CoreError::KpiUnknownTimeZone { name: zone.to_string() })?;
        Ok(KpiOptions {
            zone: tz,
            period: Period::Month,
            dimensions: Dimension::ALL.to_vec(),
            resolution_cohort: Cohort::Solved,
            metrics: MetricOptions::default(),
            backlog_snapshot: Time::constant(23, 0, 0, 0),
            sla: Vec::new(),
            as_of: None,
            quantile_method: QuantileMethod::Linear,
            compute: Compute::ALL,
            sparse_budget: SPARSE_BUDGET,
            max_segments: DEFAULT_MAX_SEGMENTS,
            ces_scale: CesScale::default(),
            satisfaction_links: Vec::new(),
        })
    }
}

/// Business calendars per team, with an optional default for other teams.
///
/// Team names match case-insensitively (`Tier2` in the data uses the calendar of
/// `tier2`); two team calendars whose names differ only in case are refused by the
/// calendar-file reader.
#[derive(Debug, Clone, Default)]
pub struct Calendars {
    default: Option<BusinessCalendar>,
    /// Keyed by the lower-cased team name.
    by_team: HashMap<String, BusinessCalendar>,
}

impl Calendars {
    /// No calendars: business durations are not computed.
    pub fn new() -> Calendars {
        Calendars::default()
    }

    /// The calendar of teams without their own.
    pub fn with_default(mut self, calendar: BusinessCalendar) -> Calendars {
        self.default = Some(calendar);
        self
    }

    /// The calendar of one team.
    pub fn with_team(mut self, team: &str, calendar: BusinessCalendar) -> Calendars {
        self.by_team.insert(team.to_lowercase(), calendar);
        self
    }

    /// True when some team has a calendar of its own.
    pub fn has_team_calendars(&self) -> bool {
        !self.by_team.is_empty()
    }

    /// True when `team` has a calendar of its own (compared case-insensitively).
    pub fn has_team(&self, team: &str) -> bool {
        self.by_team.contains_key(&team.to_lowercase())
    }

    /// True when teams without a calendar of their own use a default calendar.
    pub fn has_default(&self) -> bool {
        self.default.is_some()
    }

    /// The calendar used for tickets of `team` (compared case-insensitively).
    pub fn for_team(&self, team: &str) -> Option<&BusinessCalendar> {
        if self.by_team.is_empty() {
            return self.default.as_ref();
        }
        self.by_team.get(&team.to_lowercase()).or(self.default.as_ref())
    }
}

/// Immutable configuration shared by every chunk of a run (it is `Sync`).
#[derive(Debug, Clone)]
pub struct KpiEngine {
    options: KpiOptions,
    calendars: Calendars,
}

impl KpiEngine {
    /// An engine.
    pub fn new(options: KpiOptions, calendars: Calendars) -> KpiEngine {
        KpiEngine { options, calendars }
    }

    /// The options.
    pub fn options(&self) -> &KpiOptions {
        &self.options
    }

    /// The calendars.
    pub fn calendars(&self) -> &Calendars {
        &self.calendars
    }

    /// A pass-2 aggregate: [`KpiAggregate::add`] then only collects the exact values of
    /// the coarse buckets in `refinements` (nothing else), and [`KpiAggregate::merge`]
    /// combines such collectors. Hand the result to [`KpiAggregate::refine`].
    pub fn refiner(&self, refinements: &Refinements) -> KpiAggregate {
        KpiAggregate {
            labels: refinements.labels.clone(),
            refining: Some(Refining {
                wanted: Arc::clone(&refinements.wanted),
                buckets: Arc::new(WantedBuckets::of(&refinements.wanted)),
                collected: IntMap::default(),
            }),
            ..KpiAggregate::default()
        }
    }

    /// An empty aggregate for this engine.
    pub fn aggregate(&self) -> KpiAggregate {
        KpiAggregate::new()
    }

    /// The span of constant UTC offset around `second`: `[from, until)` and the offset in seconds.
    fn offset_span(&self, second: i64) -> Option<OffsetSpan> {
        let zone = &self.options.zone;
        let ts = Timestamp::from_second(second).ok()?;
        let offset = i64::from(zone.to_offset(ts).seconds());
        let from = match Timestamp::from_second(second.checked_add(1)?) {
            Ok(after) => zone.preceding(after).next().map_or(i64::MIN, |t| t.timestamp().as_second()),
            Err(_) => i64::MIN,
        };
        let until = zone.following(ts).next().map_or(i64::MAX, |t| t.timestamp().as_second());
        Some(OffsetSpan { from, until, offset })
    }

    /// The periods a ticket counts in: its creation period, and the periods of its first
    /// and last solve under the resolution cohort (the creation period for `Cohort::Created`,
    /// the solve's own period for `Cohort::Solved`; `None` when never solved).
    fn ticket_periods(
        &self,
        zone: &mut ZoneCache,
        m: &TicketMetrics,
    ) -> Result<(i32, Option<i32>, Option<i32>), CoreError> {
        let out_of_range = || CoreError::KpiTimeOutOfRange { what: "ticket period" };
        let created = self.period_key_cached(zone, m.created).ok_or_else(out_of_range)?;
        let mut cohort = |at: Option<Timestamp>| -> Result<Option<i32>, CoreError> {
            match (at, self.options.resolution_cohort) {
                (None, _) => Ok(None),
                (Some(_), Cohort::Created) => Ok(Some(created)),
                (Some(t), Cohort::Solved) => {
                    self.period_key_cached(zone, t.as_second()).map(Some).ok_or_else(out_of_range)
                }
            }
        };
        let first = cohort(m.first_solved)?;
        let last = cohort(m.last_solved)?;
        Ok((created, first, last))
    }

    /// Period key of `second` through the cache (exact: the cache holds a span of constant offset).
    fn period_key_cached(&self, cache: &mut ZoneCache, second: i64) -> Option<i32> {
        let span = cache.span(self, second)?;
        let days = i32::try_from((second + span.offset).div_euclid(86_400)).ok()?;
        if let Some((d, key)) = cache.key_memo {
            if d == days {
                return Some(key);
            }
        }
        let key = match self.options.period {
            Period::Day => days,
            Period::Week => days - (days + 3).rem_euclid(7),
            Period::Month => month_key_from_days(days),
        };
        cache.key_memo = Some((days, key));
        Some(key)
    }

    /// Local day number of `second` in the reporting zone, through the cache.
    fn local_day_cached(&self, cache: &mut ZoneCache, second: i64) -> Option<i32> {
        let span = cache.span(self, second)?;
        i32::try_from((second + span.offset).div_euclid(86_400)).ok()
    }

    /// [`KpiEngine::snapshot_day`] through the cache, falling back to the exact slow path
    /// within two days of an offset change (where the snapshot wall time may be ambiguous).
    fn snapshot_day_cached(&self, cache: &mut ZoneCache, second: i64) -> Option<i32> {
        const MARGIN: i64 = 2 * 86_400;
        let span = cache.span(self, second)?;
        let snap = &self.options.backlog_snapshot;
        let clear = span.from.saturating_add(MARGIN) <= second && second < span.until.saturating_sub(MARGIN);
        if !clear || snap.subsec_nanosecond() != 0 {
            return self.snapshot_day(second);
        }
        let local = second + span.offset;
        let day = local.div_euclid(86_400);
        let snap_seconds =
            i64::from(snap.hour()) * 3600 + i64::from(snap.minute()) * 60 + i64::from(snap.second());
        let snapshot = day * 86_400 + snap_seconds - span.offset;
        let day = i32::try_from(day).ok()?;
        Some(if second <= snapshot { day } else { day + 1 })
    }

    fn local_date(&self, second: i64) -> Option<Date> {
        let ts = Timestamp::from_second(second).ok()?;
        Some(self.options.zone.to_datetime(ts).date())
    }

    /// Day number of the first backlog snapshot at or after `second`.
    fn snapshot_day(&self, second: i64) -> Option<i32> {
        let date = self.local_date(second)?;
        let snapshot = self
            .options
            .zone
            .to_ambiguous_timestamp(date.to_datetime(self.options.backlog_snapshot))
            .compatible()
            .ok()?
            .as_second();
        let day = days_from_civil(date);
        Some(if second <= snapshot { day } else { day + 1 })
    }
}

/// A span of instants `[from, until)` with one UTC offset (seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct OffsetSpan {
    from: i64,
    until: i64,
    offset: i64,
}

/// The last offset span used, so local dates need no time-zone lookup per ticket.
#[derive(Debug, Clone, Copy, Default)]
struct ZoneCache {
    span: Option<OffsetSpan>,
    /// The last local day number and its period key.
    key_memo: Option<(i32, i32)>,
}

impl ZoneCache {
    #[inline]
    fn span(&mut self, engine: &KpiEngine, second: i64) -> Option<OffsetSpan> {
        match self.span {
            Some(s) if s.from <= second && second < s.until => Some(s),
            _ => {
                let s = engine.offset_span(second)?;
                self.span = Some(s);
                Some(s)
            }
        }
    }
}

/// Month key (`year · 12 + month − 1`) of a day number, without building a date.
fn month_key_from_days(days: i32) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    y * 12 + m - 1
}

/// Duration KPIs kept as histograms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DurationKpi {
    /// First response time.
    FirstResponse,
    /// Next response time (one value per customer-message run).
    NextResponse,
    /// First resolution time.
    FirstResolution,
    /// Full resolution time.
    FullResolution,
    /// Requester wait time.
    RequesterWait,
}

impl DurationKpi {
    /// All duration KPIs.
    pub const ALL: [DurationKpi; 5] = [
        DurationKpi::FirstResponse,
        DurationKpi::NextResponse,
        DurationKpi::FirstResolution,
        DurationKpi::FullResolution,
        DurationKpi::RequesterWait,
    ];

    /// Stable identifier, e.g. `first-response`.
    pub fn id(self) -> &'static str {
        match self {
            DurationKpi::FirstResponse => "first-response",
            DurationKpi::NextResponse => "next-response",
            DurationKpi::FirstResolution => "first-resolution",
            DurationKpi::FullResolution => "full-resolution",
            DurationKpi::RequesterWait => "requester-wait",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Group key: period key, dimension index (0 = all tickets) and label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct GroupKey {
    period: i32,
    dimension: u8,
    label: u32,
}

type KeyMap<V> = IntMap<GroupKey, V>;

/// One coarse bucket of one stored histogram: group, KPI index, clock, bucket.
type RefKey = (GroupKey, u8, u8, u32);

/// The coarse buckets whose exact values a second pass must collect, from
/// [`KpiAggregate::refinements`]. At most four buckets per read-out histogram
/// (two order statistics each for the median and p90), each asked of the stored
/// histograms merged into it.
#[derive(Debug, Clone, Default)]
pub struct Refinements {
    wanted: Arc<HashSet<RefKey, BuildHasherDefault<IntHasher>>>,
    labels: [Labels; 3],
}

impl Refinements {
    /// True when no second pass is needed.
    pub fn is_empty(&self) -> bool {
        self.wanted.is_empty()
    }

    /// Number of (stored histogram, bucket) requests.
    pub fn len(&self) -> usize {
        self.wanted.len()
    }
}

/// Pass-2 state of a refiner aggregate.
#[derive(Debug, Clone, Default)]
struct Refining {
    wanted: Arc<HashSet<RefKey, BuildHasherDefault<IntHasher>>>,
    /// The buckets of `wanted` per KPI and clock, whatever the group: a value outside
    /// them is skipped without hashing its key.
    buckets: Arc<WantedBuckets>,
    /// Exact values seen per requested bucket (bounded by the bucket's count and width).
    collected: IntMap<RefKey, IntMap<u64, u64>>,
}

/// One bit per (KPI, clock, coarse bucket): set when some group wants that bucket.
#[derive(Debug, Clone, Default)]
struct WantedBuckets {
    /// `[kpi · 2 + clock]`: a bitset over bucket numbers, empty when none is wanted.
    bits: Vec<Vec<u64>>,
}

impl WantedBuckets {
    fn of(wanted: &HashSet<RefKey, BuildHasherDefault<IntHasher>>) -> WantedBuckets {
        let words = COARSE_BUCKETS.div_ceil(64);
        let mut bits = vec![Vec::new(); DurationKpi::ALL.len() * 2];
        for &(_, kpi, clock, bucket) in wanted {
            let set = &mut bits[usize::from(kpi) * 2 + usize::from(clock)];
            if set.is_empty() {
                set.resize(words, 0);
            }
            if let Some(word) = set.get_mut(bucket as usize / 64) {
                *word |= 1 << (bucket % 64);
            }
        }
        WantedBuckets { bits }
    }

    /// True when some group may want `bucket` of this KPI and clock.
    #[inline]
    fn may_want(&self, kpi: usize, clock: usize, bucket: u32) -> bool {
        self.bits
            .get(kpi * 2 + clock)
            .and_then(|set| set.get(bucket as usize / 64))
            .is_some_and(|word| word & (1 << (bucket % 64)) != 0)
    }
}

impl Refining {
    #[inline]
    fn offer(&mut self, key: GroupKey, kpi: DurationKpi, d: &Durations) {
        let values = [Some(d.calendar), d.business];
        for (clock, value) in values.into_iter().enumerate() {
            let Some(v) = value else { continue };
            if v < DENSE_LIMIT {
                continue;
            }
            let bucket = bucket_of(v);
            if !self.buckets.may_want(kpi.index(), clock, bucket) {
                continue;
            }
            let rk = (key, kpi.index() as u8, clock as u8, bucket);
            if self.wanted.contains(&rk) {
                *self.collected.entry(rk).or_default().entry(v).or_insert(0) += 1;
            }
        }
    }
}

/// Interned segment values of one dimension.
#[derive(Debug, Clone, Default)]
struct Labels {
    ids: HashMap<Box<str>, u32, BuildHasherDefault<IntHasher>>,
    names: Vec<Box<str>>,
}

impl Labels {
    fn intern(&mut self, name: &str) -> u32 {
        // A few values (channels, priorities): comparing beats hashing.
        if self.names.len() <= 8 {
            if let Some(i) = self.names.iter().position(|n| &**n == name) {
                return i as u32;
            }
        } else if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    /// As [`Labels::intern`], but refuses a new name once `limit` names are held.
    fn intern_within(&mut self, name: &str, limit: usize) -> Option<u32> {
        if self.names.len() >= limit && !self.ids.contains_key(name) {
            return None;
        }
        Some(self.intern(name))
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }
}

/// Exact partial counts of one (period, segment) group.
#[derive(Debug, Clone, Default)]
struct GroupPartial {
    created: u64,
    solved: u64,
    awaiting_first_response: u64,
    /// `[kpi][clock]`, clock 0 = calendar, 1 = business.
    durations: [[DurationHistogram; 2]; 5],
    fcr: Proportion,
    reopen: Proportion,
    /// Per SLA target: (met, breached).
    sla: Vec<(u64, u64)>,
    csat_offered: u64,
    csat_rated: u64,
    csat_good: u64,
    nps: [u64; 11],
    ces: [u64; 7],
}

impl GroupPartial {
    fn add_durations(&mut self, kpi: DurationKpi, d: &Durations, budget: u32) {
        let slot = &mut self.durations[kpi.index()];
        slot[0].set_budget(budget);
        slot[0].add(d.calendar);
        if let Some(b) = d.business {
            slot[1].set_budget(budget);
            slot[1].add(b);
        }
    }

    fn merge(&mut self, other: &GroupPartial) {
        self.created += other.created;
        self.solved += other.solved;
        self.awaiting_first_response += other.awaiting_first_response;
        for (a, b) in self.durations.iter_mut().zip(&other.durations) {
            a[0].merge(&b[0]);
            a[1].merge(&b[1]);
        }
        self.fcr.merge(&other.fcr);
        self.reopen.merge(&other.reopen);
        if self.sla.len() < other.sla.len() {
            self.sla.resize(other.sla.len(), (0, 0));
        }
        for (a, b) in self.sla.iter_mut().zip(&other.sla) {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.csat_offered += other.csat_offered;
        self.csat_rated += other.csat_rated;
        self.csat_good += other.csat_good;
        for (a, b) in self.nps.iter_mut().zip(&other.nps) {
            *a += b;
        }
        for (a, b) in self.ces.iter_mut().zip(&other.ces) {
            *a += b;
        }
    }
}

/// The mergeable KPI aggregate of a set of tickets.
///
/// Feed it tickets one at a time with [`KpiAggregate::add`]; aggregate chunks in
/// parallel (one aggregate per thread, all from the same [`KpiEngine`]) and
/// combine them with [`KpiAggregate::merge`]; read the result with
/// [`KpiAggregate::finish`]. If [`KpiAggregate::refinements`] is not empty, a median or
/// p90 lies in a coarse histogram bucket: feed the same tickets to a
/// [`KpiEngine::refiner`] and hand it to [`KpiAggregate::refine`] first, otherwise those
/// read-outs are `None`.
#[derive(Debug, Clone, Default)]
pub struct KpiAggregate {
    labels: [Labels; 3],
    groups: KeyMap<GroupPartial>,
    /// Backlog changes: key.period = snapshot day number.
    backlog: KeyMap<i64>,
    tickets: u64,
    scratch: TicketMetrics,
    sla_scratch: Vec<(usize, SlaOutcome)>,
    segments: Vec<(u8, u32)>,
    changes: Vec<(i32, i64)>,
    zone: ZoneCache,
    /// Set on a pass-2 aggregate ([`KpiEngine::refiner`]).
    refining: Option<Refining>,
    /// Reopen outcomes per (group, local day of the first solve), so `finish` can leave
    /// out the tickets whose reopen window runs past the end of the data (right-censored).
    /// At most the days of a period per group. Not part of [`KpiParts`].
    reopen_days: IntMap<(GroupKey, i32), Proportion>,
    /// Latest instant seen in any ticket (creation or event), seconds; the end of the data.
    latest: Option<i64>,
    /// Teams of the data without a calendar of their own while team calendars exist
    /// (at most [`KpiOptions::max_segments`] names).
    uncalendared: BTreeSet<Box<str>>,
    /// Earliest creation and latest event second of the tickets added (issue 13: partial periods).
    extent: Option<(i64, i64)>,
    /// The conditions counted in `satisfaction` (the options' links, taken by the first
    /// `add`, or those of stored parts).
    satisfaction_links: Vec<TicketCondition>,
    /// Counts per (created-period group, index in `satisfaction_links`, local day of the first
    /// solve for `not-reopened` so `finish` can right-censor it, else [`NO_DAY`]).
    satisfaction: IntMap<(GroupKey, u16, i32), ConditionCounts>,
    /// The ticket's outcome per link: (index, met, day).
    link_scratch: Vec<(u16, bool, i32)>,
}

/// The day key of satisfaction counts that are not right-censored.
const NO_DAY: i32 = i32::MIN;

impl KpiAggregate {
    /// An empty aggregate.
    pub fn new() -> KpiAggregate {
        KpiAggregate::default()
    }

    /// True for a pass-2 aggregate ([`KpiEngine::refiner`]): it collects the exact values
    /// of coarse buckets and nothing else, so a reader may skip survey answers, flags and ids.
    pub fn is_refiner(&self) -> bool {
        self.refining.is_some()
    }

    /// Number of tickets added (including merged ones).
    pub fn tickets(&self) -> u64 {
        self.tickets
    }

    /// Teams in the data with no calendar of their own while the calendars name teams
    /// (sorted; they use the default calendar, if any). Team names match case-insensitively.
    pub fn teams_without_calendar(&self) -> impl Iterator<Item = &str> {
        self.uncalendared.iter().map(|t| &**t)
    }

    /// The earliest creation and the latest event instant of the tickets added (merges
    /// included); `None` when empty or rebuilt from stored parts, which do not keep it.
    pub fn extent(&self) -> Option<(Timestamp, Timestamp)> {
        let (first, last) = self.extent?;
        Some((Timestamp::from_second(first).ok()?, Timestamp::from_second(last).ok()?))
    }

    /// Adds one ticket with all its events.
    ///
    /// # Errors
    /// As [`Ticket::validate`]; a rejected ticket changes nothing.
    pub fn add(&mut self, engine: &KpiEngine, ticket: &Ticket) -> Result<(), CoreError> {
        if self.refining.is_some() && !may_reach_coarse(ticket) {
            // Pass 2 collects values of coarse buckets only, and this ticket has none.
            self.tickets += 1;
            return Ok(());
        }
        let options = &engine.options;
        let calendar = engine.calendars.for_team(&ticket.team);
        let KpiAggregate {
            labels,
            groups,
            backlog,
            tickets,
            scratch,
            sla_scratch,
            segments,
            changes,
            zone,
            refining,
            reopen_days,
            latest,
            uncalendared,
            extent,
            satisfaction_links,
            satisfaction,
            link_scratch,
        } = self;
        if engine.calendars.has_team_calendars()
            && uncalendared.len() < options.max_segments
            && !uncalendared.contains(ticket.team.as_str())
            && !engine.calendars.has_team(&ticket.team)
        {
            uncalendared.insert(ticket.team.as_str().into());
        }
        check_ces_scale(ticket, options.ces_scale)?;
        scratch.compute_into(ticket, calendar, &options.metrics)?;
        let last_instant = ticket.events.last().map_or(ticket.created, |e| e.at).as_second();
        *latest = Some(latest.map_or(last_instant, |l| l.max(last_instant)));
        widen_extent(extent, ticket);
        let m = &*scratch;

        // With dimensions, the all-tickets group is derived at `finish` from the first
        // dimension's groups (every ticket has exactly one value there), halving the work.
        segments.clear();
        if options.dimensions.is_empty() {
            segments.push((0, 0));
        }
        for &dimension in &options.dimensions {
            let i = dimension.index();
            let label = labels[usize::from(i) - 1]
                .intern_within(dimension.value_of(ticket), options.max_segments)
                .ok_or_else(|| CoreError::KpiTooManySegments {
                    dimension: dimension.id(),
                    limit: options.max_segments,
                })?;
            segments.push((i, label));
        }
        *tickets += 1;

        if let Some(refining) = refining {
            return refine_ticket(engine, refining, zone, segments, &*scratch);
        }

        sla_scratch.clear();
        for (k, target) in options.sla.iter().enumerate() {
            if target.priority().is_some_and(|p| p != ticket.priority) {
                continue;
            }
            m.sla_outcomes(target, calendar, options.as_of, |o| sla_scratch.push((k, o)));
        }

        let out_of_range = || CoreError::KpiTimeOutOfRange { what: "ticket period" };
        let (created_period, first_solve_period, last_solve_period) = engine.ticket_periods(zone, m)?;
        // Solved at a time the source does not give: not open, not awaiting a reply.
        let closed_untimed = ticket.closed_at_unknown_time && m.first_solved.is_none();
        let awaiting = u64::from(m.awaiting_first_response && !closed_untimed);
        let solve_day = match m.first_solved {
            Some(t) => Some(engine.local_day_cached(zone, t.as_second()).ok_or_else(out_of_range)?),
            None => None,
        };
        changes.clear();
        if options.compute.backlog && !closed_untimed {
            for &(from, until) in &m.open_ranges {
                let start = engine.snapshot_day_cached(zone, from).ok_or_else(out_of_range)?;
                let end = if until == i64::MAX {
                    None
                } else {
                    Some(engine.snapshot_day_cached(zone, until).ok_or_else(out_of_range)?)
                };
                if end == Some(start) {
                    continue;
                }
                changes.push((start, 1));
                if let Some(end) = end {
                    changes.push((end, -1));
                }
            }
        }
        let keep = options.compute.durations;
        let budget = options.sparse_budget;
        if !options.satisfaction_links.is_empty() {
            if satisfaction_links.is_empty() {
                satisfaction_links.clone_from(&options.satisfaction_links);
            }
            link_outcomes(options, ticket, m, sla_scratch, solve_day, link_scratch);
        }

        for &(dimension, label) in segments.iter() {
            let key = |period| GroupKey { period, dimension, label };
            let g = groups.entry(key(created_period)).or_default();
            g.created += 1;
            if let (Some(d), true) = (&m.first_response, keep[0]) {
                g.add_durations(DurationKpi::FirstResponse, d, budget);
            }
            g.awaiting_first_response += awaiting;
            if keep[1] {
                for d in &m.next_responses {
                    g.add_durations(DurationKpi::NextResponse, d, budget);
                }
            }
            if !sla_scratch.is_empty() && g.sla.len() < options.sla.len() {
                g.sla.resize(options.sla.len(), (0, 0));
            }
            for &(k, outcome) in sla_scratch.iter() {
                match outcome {
                    SlaOutcome::Met => g.sla[k].0 += 1,
                    SlaOutcome::Breached => g.sla[k].1 += 1,
                }
            }
            g.csat_offered += u64::from(ticket.survey_offered);
            record_links(satisfaction, key(created_period), link_scratch, ticket);
            for answer in &ticket.surveys {
                let score = answer.score();
                match answer.survey() {
                    Survey::Csat(scale) => {
                        g.csat_rated += 1;
                        g.csat_good += u64::from(score >= scale.good_from());
                    }
                    Survey::Nps => g.nps[usize::from(score)] += 1,
                    Survey::Ces(_) => g.ces[usize::from(score) - 1] += 1,
                }
            }
            if let Some(p) = first_solve_period {
                let g = groups.entry(key(p)).or_default();
                g.solved += 1;
                if let (Some(d), true) = (&m.first_resolution, keep[2]) {
                    g.add_durations(DurationKpi::FirstResolution, d, budget);
                }
                if let Some(fcr) = m.first_contact_resolution {
                    g.fcr.record(fcr);
                }
                g.reopen.record(m.reopened_within_window);
                if let Some(day) = solve_day {
                    reopen_days.entry((key(p), day)).or_default().record(m.reopened_within_window);
                }
            }
            if let Some(p) = last_solve_period {
                let g = groups.entry(key(p)).or_default();
                if let (Some(d), true) = (&m.full_resolution, keep[3]) {
                    g.add_durations(DurationKpi::FullResolution, d, budget);
                }
                if let (Some(d), true) = (&m.requester_wait, keep[4]) {
                    g.add_durations(DurationKpi::RequesterWait, d, budget);
                }
            }
            for &(day, change) in changes.iter() {
                *backlog.entry(key(day)).or_insert(0) += change;
            }
        }
        Ok(())
    }

    /// The index of `condition` in the counted links, appending it when new.
    fn link_index(&mut self, condition: &TicketCondition) -> u16 {
        let at = match self.satisfaction_links.iter().position(|c| c == condition) {
            Some(i) => i,
            None => {
                self.satisfaction_links.push(condition.clone());
                self.satisfaction_links.len() - 1
            }
        };
        u16::try_from(at).unwrap_or(u16::MAX)
    }

    /// Checks the segment limit after [`KpiAggregate::merge`]: each chunk kept within
    /// [`KpiOptions::max_segments`] while adding, but their union may not. Call it once
    /// on the merged aggregate so the outcome does not depend on how the data was split.
    ///
    /// # Errors
    /// [`CoreError::KpiTooManySegments`] naming the first dimension over the limit.
    pub fn check_segments(&self, engine: &KpiEngine) -> Result<(), CoreError> {
        let limit = engine.options.max_segments;
        match Dimension::ALL.into_iter().find(|d| self.labels[usize::from(d.index()) - 1].names.len() > limit)
        {
            Some(d) => Err(CoreError::KpiTooManySegments { dimension: d.id(), limit }),
            None => Ok(()),
        }
    }

    /// Adds another aggregate built with the same engine.
    pub fn merge(&mut self, other: &KpiAggregate) {
        if let Some((first, last)) = other.extent {
            let (a, b) = self.extent.get_or_insert((first, last));
            (*a, *b) = ((*a).min(first), (*b).max(last));
        }
        let remap: Vec<Vec<u32>> = (0..3)
            .map(|d| other.labels[d].names.iter().map(|name| self.labels[d].intern(name)).collect())
            .collect();
        let translate = |key: &GroupKey| -> GroupKey {
            let label = if key.dimension == 0 {
                0
            } else {
                remap[usize::from(key.dimension) - 1].get(key.label as usize).copied().unwrap_or(key.label)
            };
            GroupKey { label, ..*key }
        };
        for (key, partial) in &other.groups {
            self.groups.entry(translate(key)).or_default().merge(partial);
        }
        for (key, change) in &other.backlog {
            *self.backlog.entry(translate(key)).or_insert(0) += change;
        }
        self.tickets += other.tickets;
        for (&(key, day), p) in &other.reopen_days {
            self.reopen_days.entry((translate(&key), day)).or_default().merge(p);
        }
        let links: Vec<u16> = other.satisfaction_links.iter().map(|c| self.link_index(c)).collect();
        for (&(key, link, day), counts) in &other.satisfaction {
            let link = links.get(usize::from(link)).copied().unwrap_or(link);
            self.satisfaction.entry((translate(&key), link, day)).or_default().merge(counts);
        }
        // Each part holds at most `max_segments` names, so the union stays bounded.
        self.uncalendared.extend(other.uncalendared.iter().cloned());
        self.latest = match (self.latest, other.latest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if let Some(theirs) = &other.refining {
            let ours = self.refining.get_or_insert_with(|| Refining {
                wanted: Arc::clone(&theirs.wanted),
                buckets: Arc::clone(&theirs.buckets),
                ..Refining::default()
            });
            for (&(key, kpi, clock, bucket), values) in &theirs.collected {
                let mine = ours.collected.entry((translate(&key), kpi, clock, bucket)).or_default();
                for (&v, &c) in values {
                    *mine.entry(v).or_insert(0) += c;
                }
            }
        }
    }

    /// After pass 1: the coarse buckets holding a median or p90 of any group that
    /// [`KpiAggregate::finish`] or [`KpiAggregate::finish_totals`] reads out. When not
    /// empty, feed the same tickets again to [`KpiEngine::refiner`] and pass the result
    /// to [`KpiAggregate::refine`]; when empty, every quantile is already exact.
    pub fn refinements(&self, engine: &KpiEngine) -> Refinements {
        let options = &engine.options;
        let method = options.quantile_method;
        // Read-out groups as lists of stored groups merged into them.
        let mut views: Vec<Vec<GroupKey>> = Vec::new();
        let mut derived: BTreeMap<i32, Vec<GroupKey>> = BTreeMap::new();
        let mut totals: BTreeMap<(u8, u32), Vec<GroupKey>> = BTreeMap::new();
        let mut all_totals: Vec<GroupKey> = Vec::new();
        let first = options.dimensions.first().map(|d| d.index());
        for &key in self.groups.keys() {
            views.push(vec![key]);
            totals.entry((key.dimension, key.label)).or_default().push(key);
            if Some(key.dimension) == first {
                derived.entry(key.period).or_default().push(key);
                all_totals.push(key);
            }
        }
        views.extend(derived.into_values());
        views.extend(totals.into_values());
        if !all_totals.is_empty() {
            views.push(all_totals);
        }
        let mut wanted: HashSet<RefKey, BuildHasherDefault<IntHasher>> = HashSet::default();
        for sources in &views {
            let stored: Vec<&GroupPartial> = sources.iter().filter_map(|k| self.groups.get(k)).collect();
            for kpi in DurationKpi::ALL {
                if !options.compute.includes(kpi) {
                    continue;
                }
                for clock in 0..2 {
                    let merged;
                    let h = match stored.as_slice() {
                        [one] => &one.durations[kpi.index()][clock],
                        many => {
                            let mut m = DurationHistogram::new();
                            for g in many {
                                m.merge(&g.durations[kpi.index()][clock]);
                            }
                            merged = m;
                            &merged
                        }
                    };
                    for bucket in h.unresolved(method) {
                        for (key, g) in sources.iter().zip(&stored) {
                            if g.durations[kpi.index()][clock].count_in(bucket) > 0 {
                                wanted.insert((*key, kpi.index() as u8, clock as u8, bucket));
                            }
                        }
                    }
                }
            }
        }
        Refinements { wanted: Arc::new(wanted), labels: self.labels.clone() }
    }

    /// Installs the exact bucket values collected by a pass-2 aggregate (see
    /// [`KpiAggregate::refinements`]).
    ///
    /// # Errors
    /// [`CoreError::KpiRefinementMismatch`] when a bucket's collected values do not
    /// account for its pass-1 count (the data changed between the passes).
    pub fn refine(&mut self, pass2: &KpiAggregate) -> Result<(), CoreError> {
        let Some(refining) = &pass2.refining else { return Ok(()) };
        let mismatch = || CoreError::KpiRefinementMismatch;
        // `wanted` and the refiner's groups use this aggregate's label numbers: the refiner
        // starts from its labels, and merging refiners keeps them.
        for &(key, kpi, clock, bucket) in refining.wanted.iter() {
            let values = refining.collected.get(&(key, kpi, clock, bucket));
            let h = self
                .groups
                .get_mut(&key)
                .and_then(|g| g.durations.get_mut(usize::from(kpi)))
                .and_then(|c| c.get_mut(usize::from(clock)))
                .ok_or_else(mismatch)?;
            let entries: Vec<(u64, u64)> =
                values.map(|m| m.iter().map(|(&v, &c)| (v, c)).collect()).unwrap_or_default();
            if entries.iter().map(|&(_, c)| c).sum::<u64>() != h.count_in(bucket) {
                return Err(mismatch());
            }
            h.install(bucket, &entries);
        }
        Ok(())
    }

    /// Reads out every group and the daily backlog series.
    pub fn finish(&self, engine: &KpiEngine) -> KpiReport {
        self.finish_with(engine, None)
    }

    /// Every segment over the whole data: the groups of all periods merged (exactly, as
    /// histograms and counts merge). `period_start` is the first period's start and
    /// `backlog_at_end` the backlog at the end of the last period. Sorted by segment.
    pub fn finish_totals(&self, engine: &KpiEngine) -> Vec<GroupSummary> {
        let (Some(first), Some(last)) =
            (self.groups.keys().map(|k| k.period).min(), self.groups.keys().map(|k| k.period).max())
        else {
            return Vec::new();
        };
        let mut collapsed = KpiAggregate {
            labels: self.labels.clone(),
            backlog: self.backlog.clone(),
            tickets: self.tickets,
            ..KpiAggregate::default()
        };
        for (key, g) in &self.groups {
            collapsed.groups.entry(GroupKey { period: first, ..*key }).or_default().merge(g);
        }
        collapsed.latest = self.latest;
        for (&(key, day), p) in &self.reopen_days {
            collapsed.reopen_days.entry((GroupKey { period: first, ..key }, day)).or_default().merge(p);
        }
        collapsed.satisfaction_links.clone_from(&self.satisfaction_links);
        for (&(key, link, day), counts) in &self.satisfaction {
            collapsed
                .satisfaction
                .entry((GroupKey { period: first, ..key }, link, day))
                .or_default()
                .merge(counts);
        }
        let end = engine.options.period.end(last).map(days_from_civil);
        collapsed.finish_with(engine, Some(end)).groups
    }

    /// `end_day`: `Some(day)` reads every group's backlog at that day (totals).
    fn finish_with(&self, engine: &KpiEngine, end_day: Option<Option<i32>>) -> KpiReport {
        let options = &engine.options;
        let method = options.quantile_method;
        let segment = |dimension: u8, label: u32| -> Segment {
            match dimension {
                0 => Segment::all(),
                d => Segment {
                    dimension: Dimension::ALL.get(usize::from(d) - 1).copied(),
                    value: self.labels[usize::from(d) - 1].name(label).to_string(),
                },
            }
        };
        // The all-tickets groups: the sum over the first dimension's values.
        let mut derived_groups: KeyMap<GroupPartial> = KeyMap::default();
        let mut derived_backlog: KeyMap<i64> = KeyMap::default();
        if let Some(first) = options.dimensions.first() {
            let dimension = first.index();
            let all = |key: &GroupKey| GroupKey { period: key.period, dimension: 0, label: 0 };
            for (key, g) in self.groups.iter().filter(|(k, _)| k.dimension == dimension) {
                derived_groups.entry(all(key)).or_default().merge(g);
            }
            for (key, c) in self.backlog.iter().filter(|(k, _)| k.dimension == dimension) {
                *derived_backlog.entry(all(key)).or_insert(0) += c;
            }
        }
        // Backlog: per segment, sorted day changes and running totals.
        let mut backlog_by_segment: BTreeMap<(u8, u32), BTreeMap<i32, i64>> = BTreeMap::new();
        for (key, &change) in self.backlog.iter().chain(&derived_backlog) {
            *backlog_by_segment
                .entry((key.dimension, key.label))
                .or_default()
                .entry(key.period)
                .or_insert(0) += change;
        }
        let censored = self.censored(engine, options.dimensions.first().map(|d| d.index()));
        let linked = self.satisfaction_by_group(engine, options.dimensions.first().map(|d| d.index()));
        let backlog_at = |dimension: u8, label: u32, day: i32| -> i64 {
            backlog_by_segment
                .get(&(dimension, label))
                .map_or(0, |days| days.range(..=day).map(|(_, c)| c).sum())
        };

        // Periods without activity between a segment's first and last period: zero groups
        // (their backlog still counts), so series have no holes.
        let empty = GroupPartial::default();
        let fill: Vec<(GroupKey, &GroupPartial)> = match end_day {
            Some(_) => Vec::new(),
            None => missing_periods(options.period, self.groups.keys().chain(derived_groups.keys()))
                .into_iter()
                .map(|k| (k, &empty))
                .collect(),
        };
        let mut groups: Vec<GroupSummary> = self
            .groups
            .iter()
            .chain(&derived_groups)
            .chain(fill.iter().map(|(k, g)| (k, *g)))
            .filter_map(|(key, g)| {
                let cut = censored.get(key).copied().unwrap_or_default();
                let reopen = Proportion::new(
                    g.reopen.successes.saturating_sub(cut.successes),
                    g.reopen.n.saturating_sub(cut.n),
                );
                let period_start = options.period.start(key.period)?;
                let period_end = options.period.end(key.period)?;
                let clocked = |kpi: DurationKpi| Clocked {
                    calendar: g.durations[kpi.index()][0].summary(method),
                    business: g.durations[kpi.index()][1].summary(method),
                };
                let sla = options
                    .sla
                    .iter()
                    .enumerate()
                    .map(|(k, target)| {
                        let (met, breached) = g.sla.get(k).copied().unwrap_or((0, 0));
                        SlaSummary {
                            name: target.name().to_string(),
                            met,
                            breached,
                            attainment: Proportion::new(met, met + breached).estimate(),
                        }
                    })
                    .collect();
                Some(GroupSummary {
                    period_start,
                    segment: segment(key.dimension, key.label),
                    created: g.created,
                    solved: g.solved,
                    awaiting_first_response: g.awaiting_first_response,
                    first_response: clocked(DurationKpi::FirstResponse),
                    next_response: clocked(DurationKpi::NextResponse),
                    first_resolution: clocked(DurationKpi::FirstResolution),
                    full_resolution: clocked(DurationKpi::FullResolution),
                    requester_wait: clocked(DurationKpi::RequesterWait),
                    first_contact_resolution: g.fcr.estimate(),
                    reopen: reopen.estimate(),
                    reopen_censored: cut.n,
                    sla,
                    csat: Proportion::new(g.csat_good, g.csat_rated).estimate(),
                    csat_response_rate: Proportion::new(g.csat_rated, g.csat_offered).estimate(),
                    nps: summary::nps(&g.nps),
                    ces: summary::ces(&g.ces, options.ces_scale),
                    backlog_at_end: backlog_at(
                        key.dimension,
                        key.label,
                        end_day.unwrap_or(Some(days_from_civil(period_end))).unwrap_or(i32::MAX),
                    ),
                    satisfaction: linked.get(key).cloned().unwrap_or_else(|| self.uncounted_links()),
                })
            })
            .collect();
        groups.sort_by(|a, b| {
            (a.period_start, a.segment.dimension, &a.segment.value).cmp(&(
                b.period_start,
                b.segment.dimension,
                &b.segment.value,
            ))
        });

        let mut backlog = Vec::new();
        for (&(dimension, label), days) in &backlog_by_segment {
            let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value())
            else {
                continue;
            };
            let seg = segment(dimension, label);
            let mut open = 0i64;
            for day in first..=last {
                open += days.get(&day).copied().unwrap_or(0);
                if let Some(date) = civil_from_days(day) {
                    backlog.push(BacklogPoint { date, segment: seg.clone(), open });
                }
            }
        }
        backlog.sort_by(|a, b| {
            (&a.segment.dimension, &a.segment.value, a.date).cmp(&(
                &b.segment.dimension,
                &b.segment.value,
                b.date,
            ))
        });
        let censored_from = self.censor_day(engine).and_then(civil_from_days);
        KpiReport { period: options.period, tickets: self.tickets, groups, backlog, censored_from }
    }

    /// The first local day whose first solves are right-censored for the reopen rate: the
    /// day of `end − window`, with `end` = [`KpiOptions::as_of`], else the latest instant in
    /// the data. A ticket first solved on or after it may still be reopened within the window
    /// after the data ends, so it is neither "reopened" nor "not reopened". Conservative: the
    /// whole day is left out, so no counted ticket has an incomplete window.
    fn censor_day(&self, engine: &KpiEngine) -> Option<i32> {
        let end = engine.options.as_of.map(|t| t.as_second()).or(self.latest)?;
        let window = i64::try_from(engine.options.metrics.reopen_window_seconds).ok()?;
        engine.local_date(end.checked_sub(window)?).map(days_from_civil)
    }

    /// Per group, the reopen outcomes of its right-censored first solves; the all-tickets
    /// groups derived from the first dimension's (`first`) as in `finish_with`.
    fn censored(&self, engine: &KpiEngine, first: Option<u8>) -> HashMap<GroupKey, Proportion> {
        let mut out: HashMap<GroupKey, Proportion> = HashMap::new();
        let Some(from) = self.censor_day(engine) else { return out };
        for (&(key, _), p) in self.reopen_days.iter().filter(|((_, day), _)| *day >= from) {
            out.entry(key).or_default().merge(p);
            if Some(key.dimension) == first {
                out.entry(GroupKey { period: key.period, dimension: 0, label: 0 }).or_default().merge(p);
            }
        }
        out
    }
}

impl KpiAggregate {
    /// Every counted link with zero counts (a group where no ticket had any condition defined).
    fn uncounted_links(&self) -> Vec<ConditionSummary> {
        let links = self.satisfaction_links.iter();
        links.map(|c| ConditionSummary { condition: c.clone(), counts: ConditionCounts::default() }).collect()
    }

    /// Per group, the counts of every counted link (right-censored `not-reopened` days left
    /// out as for the reopen rate); the all-tickets groups derived from the first dimension's
    /// (`first`) as in `finish_with`.
    fn satisfaction_by_group(
        &self,
        engine: &KpiEngine,
        first: Option<u8>,
    ) -> HashMap<GroupKey, Vec<ConditionSummary>> {
        let mut out: HashMap<GroupKey, Vec<ConditionSummary>> = HashMap::new();
        if self.satisfaction_links.is_empty() {
            return out;
        }
        let from = self.censor_day(engine);
        let fresh = || self.uncounted_links();
        for (&(key, link, day), counts) in &self.satisfaction {
            if day != NO_DAY && from.is_some_and(|from| day >= from) {
                continue;
            }
            let mut targets = vec![key];
            if Some(key.dimension) == first {
                targets.push(GroupKey { period: key.period, dimension: 0, label: 0 });
            }
            for target in targets {
                if let Some(slot) = out.entry(target).or_insert_with(fresh).get_mut(usize::from(link)) {
                    slot.counts.merge(counts);
                }
            }
        }
        out
    }
}

/// The ticket's outcome under each of the options' satisfaction links, as (link index, met,
/// day): day is the local day of the first solve for `not-reopened`, else [`NO_DAY`]. Links
/// undefined for the ticket are left out.
fn link_outcomes(
    options: &KpiOptions,
    ticket: &Ticket,
    m: &TicketMetrics,
    sla_outcomes: &[(usize, SlaOutcome)],
    solve_day: Option<i32>,
    out: &mut Vec<(u16, bool, i32)>,
) {
    out.clear();
    for (i, condition) in options.satisfaction_links.iter().enumerate() {
        let Some(met) = condition.met(m, ticket, &options.sla, sla_outcomes) else { continue };
        let day = match condition {
            TicketCondition::NotReopened => solve_day.unwrap_or(NO_DAY),
            _ => NO_DAY,
        };
        out.push((u16::try_from(i).unwrap_or(u16::MAX), met, day));
    }
}

/// Counts each link outcome of the ticket in its created-period group `key`: met or missed,
/// and every CSAT answer in the table (satisfied = score ≥ the scale's `good_from`).
fn record_links(
    map: &mut IntMap<(GroupKey, u16, i32), ConditionCounts>,
    key: GroupKey,
    outcomes: &[(u16, bool, i32)],
    ticket: &Ticket,
) {
    for &(link, met, day) in outcomes {
        let counts = map.entry((key, link, day)).or_default();
        if met {
            counts.met += 1;
        } else {
            counts.missed += 1;
        }
        for answer in &ticket.surveys {
            if let Survey::Csat(scale) = answer.survey() {
                counts.table.record(met, answer.score() >= scale.good_from());
            }
        }
    }
}

/// Group keys of the periods missing between each segment's first and last period.
fn missing_periods<'k>(period: Period, keys: impl Iterator<Item = &'k GroupKey>) -> Vec<GroupKey> {
    let mut present: BTreeMap<(u8, u32), HashSet<i32>> = BTreeMap::new();
    for key in keys {
        present.entry((key.dimension, key.label)).or_default().insert(key.period);
    }
    let step = if period == Period::Week { 7 } else { 1 };
    let mut out = Vec::new();
    for ((dimension, label), periods) in present {
        let (Some(&first), Some(&last)) = (periods.iter().min(), periods.iter().max()) else { continue };
        let mut p = first;
        while p < last {
            p += step;
            if !periods.contains(&p) {
                out.push(GroupKey { period: p, dimension, label });
            }
        }
    }
    out
}

/// Pass 2 of one ticket: offers its durations to the groups' requested buckets,
/// with the same segments and periods as [`KpiAggregate::add`].
fn refine_ticket(
    engine: &KpiEngine,
    refining: &mut Refining,
    zone: &mut ZoneCache,
    segments: &[(u8, u32)],
    m: &TicketMetrics,
) -> Result<(), CoreError> {
    let options = &engine.options;
    let (created_period, first_solve_period, last_solve_period) = engine.ticket_periods(zone, m)?;
    let keep = options.compute.durations;
    for &(dimension, label) in segments {
        let key = |period| GroupKey { period, dimension, label };
        if let (Some(d), true) = (&m.first_response, keep[0]) {
            refining.offer(key(created_period), DurationKpi::FirstResponse, d);
        }
        if keep[1] {
            for d in &m.next_responses {
                refining.offer(key(created_period), DurationKpi::NextResponse, d);
            }
        }
        if let (Some(p), Some(d), true) = (first_solve_period, &m.first_resolution, keep[2]) {
            refining.offer(key(p), DurationKpi::FirstResolution, d);
        }
        if let Some(p) = last_solve_period {
            if let (Some(d), true) = (&m.full_resolution, keep[3]) {
                refining.offer(key(p), DurationKpi::FullResolution, d);
            }
            if let (Some(d), true) = (&m.requester_wait, keep[4]) {
                refining.offer(key(p), DurationKpi::RequesterWait, d);
            }
        }
    }
    Ok(())
}

/// True when some duration of `ticket` may be [`DENSE_LIMIT`] seconds or more. Every
/// duration (either clock) runs within `[created, latest event]`, so a ticket whose
/// events all fall less than `DENSE_LIMIT` after its creation has none; pass 2 skips it.
#[inline(never)]
fn may_reach_coarse(ticket: &Ticket) -> bool {
    let created = ticket.created.as_second();
    ticket.events.iter().any(|e| e.at.as_second().saturating_sub(created) >= DENSE_LIMIT as i64)
}

/// Widens `[first, last]` to the ticket's creation and last event.
/// Every CES answer of `ticket` is on `scale`.
fn check_ces_scale(ticket: &Ticket, scale: CesScale) -> Result<(), CoreError> {
    for answer in &ticket.surveys {
        if let Survey::Ces(found) = answer.survey() {
            if found != scale {
                return Err(CoreError::KpiCesScaleMismatch {
                    ticket: ticket.id.clone(),
                    expected: scale.id(),
                    found: found.id(),
                });
            }
        }
    }
    Ok(())
}

fn widen_extent(extent: &mut Option<(i64, i64)>, ticket: &Ticket) {
    let created = ticket.created.as_second();
    let last = ticket.events.last().map_or(created, |e| e.at.as_second()).max(created);
    let (a, b) = extent.get_or_insert((created, last));
    (*a, *b) = ((*a).min(created), (*b).max(last));
}

/// A segment: all tickets, or the tickets with one value on one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Segment {
    /// `None` for all tickets.
    pub dimension: Option<Dimension>,
    /// The value on the dimension (empty for all tickets).
    pub value: String,
}

impl Segment {
    /// All tickets.
    pub fn all() -> Segment {
        Segment { dimension: None, value: String::new() }
    }

    /// Tickets with `value` on `dimension`.
    pub fn of(dimension: Dimension, value: &str) -> Segment {
        Segment { dimension: Some(dimension), value: value.to_string() }
    }
}

/// A duration KPI in both clocks.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Clocked {
    /// Calendar-time summary; `None` when there are no values.
    pub calendar: Option<DurationSummary>,
    /// Business-time summary; `None` when there are no values or no calendars.
    pub business: Option<DurationSummary>,
}

/// SLA attainment of one target in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaSummary {
    /// Target name.
    pub name: String,
    /// Instances met.
    pub met: u64,
    /// Instances breached.
    pub breached: u64,
    /// met / (met + breached) with its Wilson interval; `None` without instances.
    pub attainment: Option<ShareEstimate>,
}

/// Every KPI of one (period, segment) group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// First day of the period.
    pub period_start: Date,
    /// The segment.
    pub segment: Segment,
    /// Tickets created in the period.
    pub created: u64,
    /// Tickets first solved in the period (by the resolution cohort).
    pub solved: u64,
    /// Tickets created in the period still waiting for a first response (unsolved, no reply).
    pub awaiting_first_response: u64,
    /// First response time (created cohort).
    pub first_response: Clocked,
    /// Next response time over all answered runs (created cohort).
    pub next_response: Clocked,
    /// First resolution time.
    pub first_resolution: Clocked,
    /// Full resolution time.
    pub full_resolution: Clocked,
    /// Requester wait time.
    pub requester_wait: Clocked,
    /// First-contact resolution share of solved tickets.
    pub first_contact_resolution: Option<ShareEstimate>,
    /// Reopen-within-window share of solved tickets whose window ended within the data
    /// (right-censored first solves left out; see [`KpiReport::censored_from`]).
    pub reopen: Option<ShareEstimate>,
    /// First solves of this group left out of the reopen rate because their reopen window
    /// runs past the end of the data.
    pub reopen_censored: u64,
    /// SLA attainment per target, in the order of [`KpiOptions::sla`] (created cohort).
    pub sla: Vec<SlaSummary>,
    /// CSAT: good / rated (created cohort).
    pub csat: Option<ShareEstimate>,
    /// CSAT response rate: rated / offered.
    pub csat_response_rate: Option<ShareEstimate>,
    /// Net Promoter Score.
    pub nps: Option<NpsEstimate>,
    /// Customer Effort Score.
    pub ces: Option<CesEstimate>,
    /// Backlog at the snapshot of the period's last day.
    pub backlog_at_end: i64,
    /// Per counted condition (in the order of [`KpiOptions::satisfaction_links`]): its CSAT
    /// table and met/missed counts in this group (created cohort; reopen conditions without
    /// right-censored first solves). Empty when nothing was counted.
    pub satisfaction: Vec<ConditionSummary>,
}

/// One daily backlog snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacklogPoint {
    /// Local date of the snapshot.
    pub date: Date,
    /// The segment.
    pub segment: Segment,
    /// Tickets unsolved at the snapshot instant.
    pub open: i64,
}

/// The read-out of a [`KpiAggregate`].
#[derive(Debug, Clone, PartialEq)]
pub struct KpiReport {
    /// Period length of the groups.
    pub period: Period,
    /// Tickets aggregated.
    pub tickets: u64,
    /// Groups sorted by period, then segment (all tickets first).
    pub groups: Vec<GroupSummary>,
    /// Daily backlog per segment, from its first to its last change.
    pub backlog: Vec<BacklogPoint>,
    /// Tickets first solved on or after this local date are right-censored for the reopen
    /// rate (the day of the end of the data minus the reopen window); `None` without data.
    pub censored_from: Option<Date>,
}

impl KpiReport {
    /// The group of one period and segment.
    pub fn group(&self, period_start: Date, segment: &Segment) -> Option<&GroupSummary> {
        self.groups.iter().find(|g| g.period_start == period_start && &g.segment == segment)
    }
}

#[cfg(test)]
mod cache_tests {
    #![allow(clippy::unwrap_used)]

    use jiff::civil::Time;

    use super::*;
    use crate::kpi::model::Event;

    /// The cached local-date and snapshot paths equal the direct jiff conversions,
    /// including around DST changes, half-hour offsets and a snapshot inside the gap.
    #[test]
    fn cached_zone_paths_equal_the_direct_ones() {
        for zone in ["Europe/Warsaw", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"] {
            for (period, snapshot) in
                [(Period::Month, Time::constant(23, 0, 0, 0)), (Period::Week, Time::constant(2, 30, 0, 0))]
            {
                let mut options = KpiOptions::new(zone).unwrap();
                options.period = period;
                options.backlog_snapshot = snapshot;
                let engine = KpiEngine::new(options, Calendars::new());
                let mut cache = ZoneCache::default();
                let starts = ["2026-03-25T00:00:00Z", "2026-10-01T00:00:00Z", "2026-10-22T00:00:00Z"];
                for start in starts {
                    let base = start.parse::<Timestamp>().unwrap().as_second();
                    for step in 0..3_000 {
                        let second = base + step * 419;
                        let direct = Period::key(period, engine.local_date(second).unwrap());
                        assert_eq!(
                            engine.period_key_cached(&mut cache, second),
                            Some(direct),
                            "{zone} {second}"
                        );
                        assert_eq!(
                            engine.snapshot_day_cached(&mut cache, second),
                            engine.snapshot_day(second),
                            "{zone} {second}"
                        );
                    }
                }
            }
        }
    }

    fn ticket(created: &str, reply: &str, channel: &str) -> Ticket {
        let mut t = Ticket::new("t", created.parse().unwrap());
        t.channel = channel.to_string();
        t.events.push(Event::agent_reply(reply.parse().unwrap()));
        t
    }

    #[test]
    fn totals_merge_every_period_and_compute_keeps_only_what_is_asked() {
        let mut options = KpiOptions::new("UTC").unwrap();
        options.dimensions = vec![Dimension::Channel];
        let engine = KpiEngine::new(options.clone(), Calendars::new());
        let tickets = [
            ticket("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "email"),
            ticket("2026-02-05T09:00:00Z", "2026-02-05T09:30:00Z", "email"),
            ticket("2026-03-05T09:00:00Z", "2026-03-05T13:00:00Z", "chat"),
        ];
        let mut agg = engine.aggregate();
        for t in &tickets {
            agg.add(&engine, t).unwrap();
        }
        let totals = agg.finish_totals(&engine);
        let all = totals.iter().find(|g| g.segment == Segment::all()).unwrap();
        assert_eq!(all.created, 3);
        assert_eq!(all.period_start, jiff::civil::date(2026, 1, 1));
        let frt = all.first_response.calendar.unwrap();
        assert_eq!((frt.n, frt.median, frt.min, frt.max), (3, 3_600.0, 1_800, 14_400));
        assert_eq!(all.backlog_at_end, 3, "never solved: all open at the end of March");
        let email = totals.iter().find(|g| g.segment == Segment::of(Dimension::Channel, "email")).unwrap();
        assert_eq!(email.first_response.calendar.unwrap().n, 2);

        options.compute = Compute::only(&[DurationKpi::FirstResponse]);
        let lean = KpiEngine::new(options, Calendars::new());
        let mut agg = lean.aggregate();
        for t in &tickets {
            agg.add(&lean, t).unwrap();
        }
        let report = agg.finish(&lean);
        assert!(report.backlog.is_empty());
        let full = {
            let mut a = engine.aggregate();
            for t in &tickets {
                a.add(&engine, t).unwrap();
            }
            a.finish(&engine)
        };
        for (a, b) in report.groups.iter().zip(&full.groups) {
            assert_eq!(a.first_response, b.first_response);
            assert_eq!(a.created, b.created);
        }
    }
}
