//! [`KpiParts`]: the exact counts of a [`KpiAggregate`] as plain data, and the checked way back.
//! The field layout is documented in `docs/partials-format.md`.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;

use super::{
    civil_from_days, days_from_civil, DurationKpi, GroupKey, GroupPartial, KpiAggregate, KpiEngine,
    KpiOptions, NO_DAY,
};
use crate::kpi::histogram::{DurationHistogram, DurationHistogramParts};
use crate::kpi::metrics::Clock;
use crate::kpi::model::Dimension;
use crate::kpi::satisfaction::{ConditionCounts, TicketCondition};
use crate::kpi::summary::Proportion;
use crate::partials::{check_at_most, check_count, check_len, inconsistent};
use crate::CoreError;

/// The exact counts of a KPI aggregate, per (period, segment) group, as named fields.
///
/// With segment dimensions, groups exist per dimension value only; the all-tickets
/// group is derived when the aggregate is read out. Without dimensions, every group
/// is an all-tickets group (`dimension: None`, `value` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiParts {
    /// Period length identifier (`day`, `week`, `month`).
    pub period: String,
    /// Segment dimensions, in the order of the options.
    pub dimensions: Vec<Dimension>,
    /// SLA target names, in the order of the options.
    pub sla: Vec<String>,
    /// Tickets aggregated.
    pub tickets: u64,
    /// Groups, sorted by period start, dimension and value.
    pub groups: Vec<KpiGroupParts>,
    /// Backlog changes per snapshot day and segment, sorted by day, dimension and value.
    pub backlog: Vec<BacklogChangeParts>,
    /// Reopen outcomes per group and local day of the first solve (for right-censoring),
    /// sorted by period start, dimension, value and day.
    pub reopen_days: Vec<ReopenDayParts>,
    /// Latest instant in the data (Unix seconds), the end of the data for right-censoring.
    pub latest: Option<i64>,
    /// The per-ticket conditions whose association with CSAT was counted (the options'
    /// [`KpiOptions::satisfaction_links`]); empty in partials stored before they existed.
    pub satisfaction_links: Vec<TicketCondition>,
    /// Counts per group, condition and (for `not-reopened`) local day of the first solve,
    /// sorted by period start, dimension, value, condition and day.
    pub satisfaction: Vec<SatisfactionParts>,
}

/// The counts of one condition in one group (and, for `not-reopened`, one solve day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SatisfactionParts {
    /// First day of the group's period (created cohort).
    pub period_start: Date,
    /// Segment dimension; `None` for all tickets.
    pub dimension: Option<Dimension>,
    /// Segment value.
    pub value: String,
    /// Index of the condition in [`KpiParts::satisfaction_links`].
    pub link: usize,
    /// Local date of the first solve for `not-reopened` (right-censoring), else `None`.
    pub day: Option<Date>,
    /// The counts.
    pub counts: ConditionCounts,
}

/// Reopen outcomes of the first solves of one group on one local day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenDayParts {
    /// First day of the group's period.
    pub period_start: Date,
    /// Segment dimension; `None` for all tickets.
    pub dimension: Option<Dimension>,
    /// Segment value.
    pub value: String,
    /// Local date of the first solves.
    pub day: Date,
    /// Reopened within the window, of the first solves that day.
    pub reopen: Proportion,
}

/// Counts of one (period, segment) group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiGroupParts {
    /// First day of the period (local date in the options' zone).
    pub period_start: Date,
    /// Segment dimension; `None` for all tickets.
    pub dimension: Option<Dimension>,
    /// Segment value (empty for all tickets).
    pub value: String,
    /// Tickets created in the period.
    pub created: u64,
    /// Tickets first solved in the period (resolution cohort).
    pub solved: u64,
    /// Tickets created in the period still awaiting a first response.
    pub awaiting_first_response: u64,
    /// Non-empty duration histograms, sorted by KPI then clock.
    pub durations: Vec<DurationParts>,
    /// First-contact resolution: successes out of n solved tickets with a known answer.
    pub first_contact_resolution: Proportion,
    /// Reopened within the window: successes out of n first-solved tickets.
    pub reopen: Proportion,
    /// Per SLA target (options order): (met, breached).
    pub sla: Vec<(u64, u64)>,
    /// CSAT surveys offered.
    pub csat_offered: u64,
    /// CSAT answers.
    pub csat_rated: u64,
    /// CSAT answers at or above the scale's "good" threshold.
    pub csat_good: u64,
    /// NPS answers per score 0..=10.
    pub nps: [u64; 11],
    /// CES answers per score 1..=7.
    pub ces: [u64; 7],
}

/// One duration histogram of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationParts {
    /// The KPI.
    pub kpi: DurationKpi,
    /// Calendar or business time.
    pub clock: Clock,
    /// The counts.
    pub histogram: DurationHistogramParts,
}

/// The net change of the open-ticket count at one daily snapshot, for one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BacklogChangeParts {
    /// Local date of the snapshot.
    pub day: Date,
    /// Segment dimension; `None` for all tickets.
    pub dimension: Option<Dimension>,
    /// Segment value (empty for all tickets).
    pub value: String,
    /// Tickets opened minus tickets closed before that snapshot (since the previous one).
    pub change: i64,
}

const CLOCKS: [Clock; 2] = [Clock::Calendar, Clock::Business];

impl KpiAggregate {
    /// The exact counts as plain data, with period and backlog keys as dates of `engine`'s
    /// options. A pass-2 collector ([`KpiEngine::refiner`]) is not data: its parts hold
    /// its ticket count but no groups, which [`KpiAggregate::from_parts`] rejects.
    pub fn to_parts(&self, engine: &KpiEngine) -> KpiParts {
        let options = &engine.options;
        let mut groups: Vec<KpiGroupParts> =
            self.groups.iter().map(|(key, g)| self.group_parts(options, key, g)).collect();
        groups.sort_by(|a, b| {
            (a.period_start, a.dimension, &a.value).cmp(&(b.period_start, b.dimension, &b.value))
        });
        let mut backlog: Vec<BacklogChangeParts> = self
            .backlog
            .iter()
            .map(|(key, &change)| {
                let (dimension, value) = self.segment_of(key);
                // Snapshot days come from valid dates; the fallback is never taken.
                let day = civil_from_days(key.period).unwrap_or(Date::MAX);
                BacklogChangeParts { day, dimension, value, change }
            })
            .collect();
        backlog.sort_by(|a, b| (a.day, a.dimension, &a.value).cmp(&(b.day, b.dimension, &b.value)));
        let mut reopen_days: Vec<ReopenDayParts> = self
            .reopen_days
            .iter()
            .filter_map(|(&(key, day), &reopen)| {
                let (dimension, value) = self.segment_of(&key);
                Some(ReopenDayParts {
                    period_start: options.period.start(key.period)?,
                    dimension,
                    value,
                    day: civil_from_days(day)?,
                    reopen,
                })
            })
            .collect();
        reopen_days.sort_by(|a, b| {
            (a.period_start, a.dimension, &a.value, a.day).cmp(&(
                b.period_start,
                b.dimension,
                &b.value,
                b.day,
            ))
        });
        KpiParts {
            reopen_days,
            latest: self.latest,
            satisfaction_links: self.satisfaction_links.clone(),
            satisfaction: self.satisfaction_parts(options),
            period: options.period.id().to_string(),
            dimensions: options.dimensions.clone(),
            sla: options.sla.iter().map(|t| t.name().to_string()).collect(),
            tickets: self.tickets,
            groups,
            backlog,
        }
    }

    /// The satisfaction counts as parts, sorted by group, link and day.
    fn satisfaction_parts(&self, options: &KpiOptions) -> Vec<SatisfactionParts> {
        let mut out: Vec<SatisfactionParts> = self
            .satisfaction
            .iter()
            .filter_map(|(&(key, link, day), &counts)| {
                let (dimension, value) = self.segment_of(&key);
                Some(SatisfactionParts {
                    period_start: options.period.start(key.period)?,
                    dimension,
                    value,
                    link: usize::from(link),
                    day: if day == NO_DAY { None } else { Some(civil_from_days(day)?) },
                    counts,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (a.period_start, a.dimension, &a.value, a.link, a.day).cmp(&(
                b.period_start,
                b.dimension,
                &b.value,
                b.link,
                b.day,
            ))
        });
        out
    }

    /// Loads and checks the satisfaction counts of `parts` (after the groups): each entry
    /// once, on a listed condition and an existing group, with no more tickets than the
    /// group created and no more answers than it has CSAT answers.
    fn load_satisfaction(&mut self, options: &KpiOptions, parts: &KpiParts) -> Result<(), CoreError> {
        self.satisfaction_links.clone_from(&parts.satisfaction_links);
        for s in &parts.satisfaction {
            let day = s.day.map_or("-".to_string(), |d| d.to_string());
            let field = format!(
                "satisfaction[{}/{}/{}/{}/{day}]",
                s.period_start,
                dimension_id(s.dimension),
                s.value,
                s.link
            );
            let link = u16::try_from(s.link).map_err(|_| inconsistent(&field, "the link is out of range"))?;
            if s.link >= parts.satisfaction_links.len() {
                return Err(inconsistent(&field, "the link is not one of satisfaction_links"));
            }
            let period = period_key(options, s.period_start, &field)?;
            let key = self.key_of(options, period, s.dimension, &s.value, &field)?;
            let (created, rated) = self.groups.get(&key).map_or((0, 0), |g| (g.created, g.csat_rated));
            check_at_most(
                &format!("{field}.met"),
                "met + missed",
                s.counts.met + s.counts.missed,
                created,
                "created",
            )?;
            check_at_most(
                &format!("{field}.table"),
                "the answers",
                s.counts.table.rated(),
                rated,
                "csat.rated",
            )?;
            let day = s.day.map_or(NO_DAY, days_from_civil);
            if self.satisfaction.insert((key, link, day), s.counts).is_some() {
                return Err(inconsistent(&field, "the group, link and day are listed twice"));
            }
        }
        Ok(())
    }

    fn segment_of(&self, key: &GroupKey) -> (Option<Dimension>, String) {
        match key.dimension {
            0 => (None, String::new()),
            d => (
                Dimension::ALL.get(usize::from(d) - 1).copied(),
                self.labels[usize::from(d) - 1].name(key.label).to_string(),
            ),
        }
    }

    fn group_parts(&self, options: &KpiOptions, key: &GroupKey, g: &GroupPartial) -> KpiGroupParts {
        let (dimension, value) = self.segment_of(key);
        let mut durations = Vec::new();
        for kpi in DurationKpi::ALL {
            for (clock, histogram) in CLOCKS.iter().zip(&g.durations[kpi.index()]) {
                if histogram.n() > 0 {
                    durations.push(DurationParts { kpi, clock: *clock, histogram: histogram.to_parts() });
                }
            }
        }
        let mut sla = g.sla.clone();
        sla.resize(options.sla.len(), (0, 0));
        KpiGroupParts {
            // Period keys come from valid dates; the fallback is never taken.
            period_start: options.period.start(key.period).unwrap_or(Date::MIN),
            dimension,
            value,
            created: g.created,
            solved: g.solved,
            awaiting_first_response: g.awaiting_first_response,
            durations,
            first_contact_resolution: g.fcr,
            reopen: g.reopen,
            sla,
            csat_offered: g.csat_offered,
            csat_rated: g.csat_rated,
            csat_good: g.csat_good,
            nps: g.nps,
            ces: g.ces,
        }
    }

    /// Rebuilds an aggregate for `engine` from its exact counts (stored, or computed by an
    /// external engine), checking them first.
    ///
    /// Checked: period, dimensions and SLA targets equal to the engine's options; period
    /// starts that begin a period; segments on the options' dimensions; each group and
    /// backlog key once; per dimension, the created counts adding up to the tickets;
    /// shares and sub-counts not above their totals (reopen n equal to solved); business
    /// histograms not larger than calendar ones; histograms only for kept KPIs.
    ///
    /// # Errors
    /// [`CoreError::PartsMismatch`] when the counts were made with other options;
    /// [`CoreError::PartsShape`] when a field has the wrong number of entries;
    /// [`CoreError::PartsInconsistent`] naming the field and broken rule otherwise.
    pub fn from_parts(engine: &KpiEngine, parts: &KpiParts) -> Result<KpiAggregate, CoreError> {
        let options = &engine.options;
        check_options(options, parts)?;
        let mut out = KpiAggregate { tickets: parts.tickets, ..KpiAggregate::default() };
        let mut created_by_dimension: BTreeMap<u8, u64> = BTreeMap::new();
        for group in &parts.groups {
            let field =
                format!("groups[{}/{}/{}]", group.period_start, dimension_id(group.dimension), group.value);
            let period = period_key(options, group.period_start, &field)?;
            let key = out.key_of(options, period, group.dimension, &group.value, &field)?;
            if out.groups.contains_key(&key) {
                return Err(inconsistent(&field, "the group is listed twice"));
            }
            let partial = load_group(options, group, &field)?;
            let total = created_by_dimension.entry(key.dimension).or_insert(0);
            *total = total.saturating_add(partial.created);
            out.groups.insert(key, partial);
        }
        let expected: Vec<u8> = if options.dimensions.is_empty() {
            vec![0]
        } else {
            options.dimensions.iter().map(|d| d.index()).collect()
        };
        for d in expected {
            let created = created_by_dimension.get(&d).copied().unwrap_or(0);
            let name = if d == 0 { "all tickets" } else { Dimension::ALL[usize::from(d) - 1].id() };
            check_count(
                &format!("groups[{name}].created"),
                "the sum",
                created,
                parts.tickets,
                "the tickets",
            )?;
        }
        out.load_backlog(options, parts)?;
        out.load_satisfaction(options, parts)?;
        out.latest = parts.latest;
        for r in &parts.reopen_days {
            let field = format!(
                "reopen_days[{}/{}/{}/{}]",
                r.period_start,
                dimension_id(r.dimension),
                r.value,
                r.day
            );
            let period = period_key(options, r.period_start, &field)?;
            let key = out.key_of(options, period, r.dimension, &r.value, &field)?;
            if out.reopen_days.insert((key, days_from_civil(r.day)), r.reopen).is_some() {
                return Err(inconsistent(&field, "the group and day are listed twice"));
            }
        }
        Ok(out)
    }

    /// The group key of a segment, interning its label.
    fn key_of(
        &mut self,
        options: &KpiOptions,
        period: i32,
        dimension: Option<Dimension>,
        value: &str,
        field: &str,
    ) -> Result<GroupKey, CoreError> {
        match dimension {
            None if options.dimensions.is_empty() && value.is_empty() => {
                Ok(GroupKey { period, dimension: 0, label: 0 })
            }
            None if options.dimensions.is_empty() => {
                Err(inconsistent(field, "the all-tickets segment must have an empty value"))
            }
            None => Err(inconsistent(
                field,
                "with segment dimensions, the all-tickets groups are derived and must not be given",
            )),
            Some(d) if options.dimensions.contains(&d) => {
                let label = self.labels[usize::from(d.index()) - 1].intern(value);
                Ok(GroupKey { period, dimension: d.index(), label })
            }
            Some(d) => Err(inconsistent(
                field,
                format!("dimension {} is not one of the options' dimensions", d.id()),
            )),
        }
    }

    fn load_backlog(&mut self, options: &KpiOptions, parts: &KpiParts) -> Result<(), CoreError> {
        if !options.compute.backlog {
            check_len("backlog", 0, parts.backlog.len())?;
        }
        for change in &parts.backlog {
            let field =
                format!("backlog[{}/{}/{}]", change.day, dimension_id(change.dimension), change.value);
            let key =
                self.key_of(options, days_from_civil(change.day), change.dimension, &change.value, &field)?;
            if self.backlog.insert(key, change.change).is_some() {
                return Err(inconsistent(&field, "the day and segment are listed twice"));
            }
        }
        Ok(())
    }
}

fn dimension_id(dimension: Option<Dimension>) -> &'static str {
    dimension.map_or("all", Dimension::id)
}

/// Checks period, dimensions and SLA target names against the options.
fn check_options(options: &KpiOptions, parts: &KpiParts) -> Result<(), CoreError> {
    let mismatch = |what: &str, expected: String, found: String| {
        if expected == found {
            Ok(())
        } else {
            Err(CoreError::PartsMismatch { what: what.to_string(), expected, found })
        }
    };
    mismatch("period", options.period.id().to_string(), parts.period.clone())?;
    let ids = |dims: &[Dimension]| dims.iter().map(|d| d.id()).collect::<Vec<_>>().join(", ");
    mismatch("set of segment dimensions", ids(&options.dimensions), ids(&parts.dimensions))?;
    let names: Vec<&str> = options.sla.iter().map(|t| t.name()).collect();
    mismatch("set of sla targets", names.join(", "), parts.sla.join(", "))
}

/// The period key of a period start, which must be the first day of its period.
fn period_key(options: &KpiOptions, start: Date, field: &str) -> Result<i32, CoreError> {
    let key = options.period.key(start);
    if options.period.start(key) == Some(start) {
        Ok(key)
    } else {
        Err(inconsistent(field, format!("{start} is not the first day of a {}", options.period.id())))
    }
}

/// Checks one group's counts and rebuilds its partial.
fn load_group(options: &KpiOptions, group: &KpiGroupParts, field: &str) -> Result<GroupPartial, CoreError> {
    let at = |name: &str| format!("{field}.{name}");
    check_at_most(
        &at("awaiting_first_response"),
        "the count",
        group.awaiting_first_response,
        group.created,
        "created",
    )?;
    for (name, share) in
        [("first_contact_resolution", &group.first_contact_resolution), ("reopen", &group.reopen)]
    {
        check_at_most(&at(name), "successes", share.successes, share.n, "n")?;
    }
    check_at_most(
        &at("first_contact_resolution"),
        "n",
        group.first_contact_resolution.n,
        group.solved,
        "solved",
    )?;
    check_count(&at("reopen"), "n", group.reopen.n, group.solved, "solved")?;
    check_at_most(&at("csat.good"), "the count", group.csat_good, group.csat_rated, "csat.rated")?;
    check_len(&at("sla"), options.sla.len(), group.sla.len())?;
    let mut partial = GroupPartial {
        created: group.created,
        solved: group.solved,
        awaiting_first_response: group.awaiting_first_response,
        fcr: group.first_contact_resolution,
        reopen: group.reopen,
        sla: if group.sla.iter().all(|&s| s == (0, 0)) { Vec::new() } else { group.sla.clone() },
        csat_offered: group.csat_offered,
        csat_rated: group.csat_rated,
        csat_good: group.csat_good,
        nps: group.nps,
        ces: group.ces,
        ..GroupPartial::default()
    };
    let mut seen = HashSet::new();
    for d in &group.durations {
        let name = at(&format!("durations[{}/{}]", d.kpi.id(), d.clock.id()));
        if !seen.insert((d.kpi, d.clock)) {
            return Err(inconsistent(&name, "the histogram is listed twice"));
        }
        if !options.compute.includes(d.kpi) {
            return Err(inconsistent(&name, "the options do not keep this KPI"));
        }
        let clock = usize::from(d.clock == Clock::Business);
        partial.durations[d.kpi.index()][clock] = DurationHistogram::load(&d.histogram, &name)?;
    }
    check_duration_counts(group, &partial, &at)?;
    Ok(partial)
}

/// Business-time histograms hold at most the calendar-time values; first response and
/// first resolution at most one value per created or solved ticket.
fn check_duration_counts(
    group: &KpiGroupParts,
    partial: &GroupPartial,
    at: &impl Fn(&str) -> String,
) -> Result<(), CoreError> {
    for kpi in DurationKpi::ALL {
        let [calendar, business] = &partial.durations[kpi.index()];
        let name = at(&format!("durations[{}/business]", kpi.id()));
        check_at_most(&name, "n", business.n(), calendar.n(), "the calendar-time n")?;
    }
    let first_response = partial.durations[DurationKpi::FirstResponse.index()][0].n();
    check_at_most(&at("durations[first-response/calendar]"), "n", first_response, group.created, "created")?;
    let first_resolution = partial.durations[DurationKpi::FirstResolution.index()][0].n();
    check_at_most(&at("durations[first-resolution/calendar]"), "n", first_resolution, group.solved, "solved")
}
