//! Desired state: targets per KPI with a tolerance band, and direction-aware gaps.
//!
//! A target works like SERVQUAL's zone of tolerance: `target` is the desired
//! level, the optional `minimum` the adequate level. Reading a KPI against it
//! gives a gap and a status:
//!
//! ```text
//! s        = +1 when higher is better, −1 when lower is better
//! absolute = s · (actual − target)          ≥ 0: target reached; < 0: shortfall, in the KPI's unit
//! normalised = absolute / |target|          (undefined when target = 0)
//! status   = AtTarget     if s·actual ≥ s·target
//!            InBand       if s·minimum ≤ s·actual < s·target
//!            BelowMinimum otherwise (without a band the minimum is the target)
//! ```

use super::aggregate::{DurationKpi, GroupSummary, KpiReport, Segment};
use super::definitions::{Measurability, MeasuredKpi};
use super::metrics::{Clock, SlaTarget};
use super::model::{CesScale, Dimension};
use super::satisfaction::{TicketCondition, TicketSatisfaction};
use crate::CoreError;

/// Which way a KPI improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Larger values are better (CSAT, FCR, SLA attainment, NPS).
    HigherIsBetter,
    /// Smaller values are better (response and resolution times, reopen rate, backlog).
    LowerIsBetter,
}

impl Direction {
    /// `higher` or `lower`.
    pub fn id(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher",
            Direction::LowerIsBetter => "lower",
        }
    }

    fn sign(self) -> f64 {
        match self {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        }
    }
}

/// Statistic of a duration KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Statistic {
    /// Median.
    Median,
    /// 90th percentile.
    P90,
    /// Arithmetic mean.
    Mean,
}

impl Statistic {
    /// `median`, `p90` or `mean`.
    pub fn id(self) -> &'static str {
        match self {
            Statistic::Median => "median",
            Statistic::P90 => "p90",
            Statistic::Mean => "mean",
        }
    }
}

/// A KPI read-out that a target can be set on. Units: seconds for durations,
/// share 0–1 for proportions, points −100…100 for NPS, 1–7 for the CES mean, tickets for backlog.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Measure {
    /// A statistic of a duration KPI in one clock, in seconds.
    Duration {
        /// The KPI.
        kpi: DurationKpi,
        /// The clock.
        clock: Clock,
        /// The statistic.
        statistic: Statistic,
    },
    /// First-contact resolution share.
    FirstContactResolution,
    /// Reopen-within-window share.
    ReopenRate,
    /// Attainment share of the SLA target with this name.
    SlaAttainment(String),
    /// CSAT good share.
    Csat,
    /// CSAT response rate.
    CsatResponseRate,
    /// NPS points.
    Nps,
    /// Mean CES answer.
    CesMean,
    /// Share of CES answers 5–7.
    CesAgree,
    /// Backlog at the end of the period.
    Backlog,
}

/// Longest duration a target or SLA may name: 366 days, in seconds. Longer values are
/// almost certainly a unit mistake (seconds written where hours were meant), and this
/// bound keeps every duration far from integer overflow.
pub const MAX_TARGET_SECONDS: f64 = 366.0 * 86_400.0;

/// The unit of a measure's values, with the range a target may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Seconds, `0..=`[`MAX_TARGET_SECONDS`].
    Seconds,
    /// A share, `0..=1` (written `0.85` or `"85%"` in targets files).
    Share,
    /// NPS points, `−100..=100`.
    NpsPoints,
    /// The mean of CES answers on their 1–7 scale, `1..=7`.
    CesMean,
    /// A count of tickets, `0` or more.
    Tickets,
}

impl Unit {
    /// The admissible range `(low, high)`, both inclusive.
    pub fn range(self) -> (f64, f64) {
        match self {
            Unit::Seconds => (0.0, MAX_TARGET_SECONDS),
            Unit::Share => (0.0, 1.0),
            Unit::NpsPoints => (-100.0, 100.0),
            Unit::CesMean => (1.0, 7.0),
            Unit::Tickets => (0.0, f64::MAX),
        }
    }

    /// The range in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Seconds => "the duration range 0 s..=366 days",
            Unit::Share => "the share range 0..=1 (0 %..=100 %)",
            Unit::NpsPoints => "the NPS range -100..=100",
            Unit::CesMean => "the CES scale 1..=7",
            Unit::Tickets => "the ticket-count range (0 or more)",
        }
    }

    /// True when `value` lies in [`Unit::range`].
    pub fn contains(self, value: f64) -> bool {
        let (low, high) = self.range();
        (low..=high).contains(&value)
    }
}

/// A measure's value in one group, with the n behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The value.
    pub value: f64,
    /// Number of values, trials or answers (tickets for backlog).
    pub n: u64,
}

impl Measure {
    /// Stable identifier, e.g. `first-response.business.median`, `sla:frt-8h`, `csat`.
    pub fn id(&self) -> String {
        match self {
            Measure::Duration { kpi, clock, statistic } => {
                format!("{}.{}.{}", kpi.id(), clock.id(), statistic.id())
            }
            Measure::FirstContactResolution => "first-contact-resolution".into(),
            Measure::ReopenRate => "reopen-rate".into(),
            Measure::SlaAttainment(name) => format!("sla:{name}"),
            Measure::Csat => "csat".into(),
            Measure::CsatResponseRate => "csat-response-rate".into(),
            Measure::Nps => "nps".into(),
            Measure::CesMean => "ces-mean".into(),
            Measure::CesAgree => "ces-agree".into(),
            Measure::Backlog => "backlog".into(),
        }
    }

    /// The unit of the measure's values (and of targets set on it).
    pub fn unit(&self) -> Unit {
        match self {
            Measure::Duration { .. } => Unit::Seconds,
            Measure::FirstContactResolution
            | Measure::ReopenRate
            | Measure::SlaAttainment(_)
            | Measure::Csat
            | Measure::CsatResponseRate
            | Measure::CesAgree => Unit::Share,
            Measure::Nps => Unit::NpsPoints,
            Measure::CesMean => Unit::CesMean,
            Measure::Backlog => Unit::Tickets,
        }
    }

    /// The usual direction: lower for durations, reopen rate and backlog; higher otherwise.
    pub fn natural_direction(&self) -> Direction {
        match self {
            Measure::Duration { .. } | Measure::ReopenRate | Measure::Backlog => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    /// The KPI whose inputs the measure needs; `None` for an SLA name not in `sla`.
    pub fn kpi(&self, sla: &[SlaTarget]) -> Option<MeasuredKpi> {
        Some(match self {
            Measure::Duration { kpi, .. } => match kpi {
                DurationKpi::FirstResponse => MeasuredKpi::FirstResponse,
                DurationKpi::NextResponse => MeasuredKpi::NextResponse,
                DurationKpi::FirstResolution => MeasuredKpi::FirstResolution,
                DurationKpi::FullResolution => MeasuredKpi::FullResolution,
                DurationKpi::RequesterWait => MeasuredKpi::RequesterWait,
            },
            Measure::FirstContactResolution => MeasuredKpi::FirstContactResolution,
            Measure::ReopenRate => MeasuredKpi::ReopenRate,
            Measure::SlaAttainment(name) => MeasuredKpi::Sla(sla.iter().find(|s| s.name() == name)?.metric()),
            Measure::Csat | Measure::CsatResponseRate => MeasuredKpi::Csat,
            Measure::Nps => MeasuredKpi::Nps,
            Measure::CesMean | Measure::CesAgree => MeasuredKpi::Ces,
            Measure::Backlog => MeasuredKpi::Backlog,
        })
    }

    /// The measure's value in a group; `None` when undefined there (no data).
    pub fn read(&self, group: &GroupSummary) -> Option<Reading> {
        let share = |e: Option<super::summary::ShareEstimate>| e.map(|e| Reading { value: e.share, n: e.n });
        match self {
            Measure::Duration { kpi, clock, statistic } => {
                let clocked = match kpi {
                    DurationKpi::FirstResponse => &group.first_response,
                    DurationKpi::NextResponse => &group.next_response,
                    DurationKpi::FirstResolution => &group.first_resolution,
                    DurationKpi::FullResolution => &group.full_resolution,
                    DurationKpi::RequesterWait => &group.requester_wait,
                };
                let s = match clock {
                    Clock::Calendar => clocked.calendar,
                    Clock::Business => clocked.business,
                }?;
                let value = match statistic {
                    Statistic::Median => s.median,
                    Statistic::P90 => s.p90,
                    Statistic::Mean => s.mean,
                };
                Some(Reading { value, n: s.n })
            }
            Measure::FirstContactResolution => share(group.first_contact_resolution),
            Measure::ReopenRate => share(group.reopen),
            Measure::SlaAttainment(name) => share(group.sla.iter().find(|s| &s.name == name)?.attainment),
            Measure::Csat => share(group.csat),
            Measure::CsatResponseRate => share(group.csat_response_rate),
            Measure::Nps => group.nps.map(|e| Reading { value: e.score, n: e.n }),
            Measure::CesMean => group.ces.map(|e| Reading { value: e.mean, n: e.n }),
            Measure::CesAgree => group.ces.map(|e| Reading { value: e.agree.share, n: e.n }),
            Measure::Backlog => {
                Some(Reading { value: group.backlog_at_end as f64, n: group.backlog_at_end.max(0) as u64 })
            }
        }
    }
}

/// Which groups a target applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SegmentFilter {
    /// The all-tickets group of each period.
    AllTickets,
    /// Every value of a dimension (e.g. each channel separately).
    Every(Dimension),
    /// One value of a dimension.
    Only(Dimension, String),
}

impl SegmentFilter {
    /// True when the filter selects `segment`.
    pub fn matches(&self, segment: &Segment) -> bool {
        match self {
            SegmentFilter::AllTickets => segment.dimension.is_none(),
            SegmentFilter::Every(d) => segment.dimension == Some(*d),
            SegmentFilter::Only(d, v) => segment.dimension == Some(*d) && &segment.value == v,
        }
    }
}

/// Where an actual value stands against a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GapStatus {
    /// Worse than the minimum (or than the target when there is no band).
    BelowMinimum,
    /// At or better than the minimum, worse than the target.
    InBand,
    /// At or better than the target.
    AtTarget,
}

impl GapStatus {
    /// `below-minimum`, `in-band` or `at-target`.
    pub fn id(self) -> &'static str {
        match self {
            GapStatus::BelowMinimum => "below-minimum",
            GapStatus::InBand => "in-band",
            GapStatus::AtTarget => "at-target",
        }
    }
}

/// The gap of one actual value against a target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// The actual value.
    pub actual: f64,
    /// n behind the actual value.
    pub n: u64,
    /// `s · (actual − target)`: negative is a shortfall, in the measure's unit.
    pub absolute: f64,
    /// `absolute / |target|`; `None` when the target is 0.
    pub normalised: Option<f64>,
    /// Status against target and band.
    pub status: GapStatus,
}

/// A desired level of one measure for some segments.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    measure: Measure,
    direction: Direction,
    target: f64,
    minimum: Option<f64>,
    segment: SegmentFilter,
    source: Option<String>,
}

impl Target {
    /// A target for the all-tickets group; see [`Target::for_segments`].
    ///
    /// # Errors
    /// [`CoreError::KpiNonFiniteTarget`] when `target` or `minimum` is NaN or infinite;
    /// [`CoreError::KpiTargetOutOfRange`] when either lies outside the range of the
    /// measure's [`Unit`] (a share above 1, NPS beyond ±100, a CES mean off 1–7, a
    /// negative backlog, a duration that is negative or longer than [`MAX_TARGET_SECONDS`]);
    /// [`CoreError::KpiTargetBandInverted`] when the minimum is better than the target
    /// (above it when higher is better, below it when lower is better).
    pub fn new(
        measure: Measure,
        direction: Direction,
        target: f64,
        minimum: Option<f64>,
    ) -> Result<Target, CoreError> {
        if !target.is_finite() || minimum.is_some_and(|m| !m.is_finite()) {
            return Err(CoreError::KpiNonFiniteTarget { measure: measure.id() });
        }
        let unit = measure.unit();
        if let Some(value) = [Some(target), minimum].into_iter().flatten().find(|v| !unit.contains(*v)) {
            return Err(CoreError::KpiTargetOutOfRange {
                measure: measure.id(),
                value: value.to_string(),
                range: unit.describe(),
            });
        }
        if let Some(m) = minimum {
            if direction.sign() * m > direction.sign() * target {
                return Err(CoreError::KpiTargetBandInverted {
                    measure: measure.id(),
                    direction: direction.id(),
                });
            }
        }
        Ok(Target { measure, direction, target, minimum, segment: SegmentFilter::AllTickets, source: None })
    }

    /// Checks a `ces-mean` target (and its minimum) against the CES scale the analysis reads:
    /// a mean of answers on 1–5 can never exceed 5, so such a target could never be met.
    /// Other measures always pass (their range is checked by [`Target::new`]).
    ///
    /// # Errors
    /// [`CoreError::KpiTargetOffCesScale`] naming the value (`target` first, then `minimum`)
    /// and the rule "on a 1–5 scale a target must be in [1, 5]".
    pub fn check_ces_scale(&self, scale: CesScale) -> Result<(), CoreError> {
        if self.measure != Measure::CesMean {
            return Ok(());
        }
        let high = f64::from(scale.max());
        let values = [("target", Some(self.target)), ("minimum", self.minimum)];
        match values
            .into_iter()
            .find_map(|(key, v)| v.filter(|v| !(1.0..=high).contains(v)).map(|v| (key, v)))
        {
            None => Ok(()),
            Some((key, value)) => Err(CoreError::KpiTargetOffCesScale {
                measure: self.measure.id(),
                key,
                value: value.to_string(),
                scale: scale.id(),
                high: scale.max(),
            }),
        }
    }

    /// Applies the target to other segments.
    pub fn for_segments(mut self, segment: SegmentFilter) -> Target {
        self.segment = segment;
        self
    }

    /// Records where the target comes from (e.g. a benchmark citation).
    pub fn with_source(mut self, source: &str) -> Target {
        self.source = Some(source.to_string());
        self
    }

    /// The measure.
    pub fn measure(&self) -> &Measure {
        &self.measure
    }

    /// The direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The target value.
    pub fn target(&self) -> f64 {
        self.target
    }

    /// The minimum (adequate) value, if a band is set.
    pub fn minimum(&self) -> Option<f64> {
        self.minimum
    }

    /// The segments it applies to.
    pub fn segment(&self) -> &SegmentFilter {
        &self.segment
    }

    /// Its source, if recorded.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The association of this target's per-ticket condition with CSAT in `group`, at 95 %:
    /// [`TicketSatisfaction::NotPerTicket`] when the measure has no per-ticket condition,
    /// `None` when the group holds no counts of its condition.
    pub fn satisfaction(&self, group: &GroupSummary) -> Option<TicketSatisfaction> {
        match TicketCondition::of(self) {
            Err(why) => Some(TicketSatisfaction::NotPerTicket(why)),
            Ok(condition) => {
                let counted = group.satisfaction.iter().find(|s| s.condition == condition)?;
                Some(TicketSatisfaction::measured(condition, counted.counts, 0.95))
            }
        }
    }

    /// The gap of `actual` (with its n).
    ///
    /// # Formula
    /// See the [module documentation](self).
    pub fn gap(&self, actual: f64, n: u64) -> Gap {
        let s = self.direction.sign();
        let absolute = s * (actual - self.target);
        let minimum = self.minimum.unwrap_or(self.target);
        let status = if s * actual >= s * self.target {
            GapStatus::AtTarget
        } else if s * actual >= s * minimum {
            GapStatus::InBand
        } else {
            GapStatus::BelowMinimum
        };
        Gap {
            actual,
            n,
            absolute,
            normalised: (self.target != 0.0).then(|| absolute / self.target.abs()),
            status,
        }
    }
}

/// One target evaluated in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GapRow {
    /// Index of the target in the slice given to [`evaluate`].
    pub target: usize,
    /// First day of the period.
    pub period_start: jiff::civil::Date,
    /// The segment.
    pub segment: Segment,
    /// The gap.
    pub gap: Gap,
    /// The association of the target's per-ticket condition with the same tickets' CSAT in
    /// this group, at 95 %; `None` when the aggregate did not count the condition (no
    /// links in the options, or stored partials without them).
    pub satisfaction: Option<TicketSatisfaction>,
}

/// Evaluates every target in every group it applies to and where its measure is defined,
/// in the report's group order, targets in the given order within a group.
pub fn evaluate(targets: &[Target], report: &KpiReport) -> Vec<GapRow> {
    let mut rows = Vec::new();
    for group in &report.groups {
        for (i, target) in targets.iter().enumerate() {
            if !target.segment.matches(&group.segment) {
                continue;
            }
            if let Some(reading) = target.measure.read(group) {
                rows.push(GapRow {
                    target: i,
                    period_start: group.period_start,
                    segment: group.segment.clone(),
                    gap: target.gap(reading.value, reading.n),
                    satisfaction: target.satisfaction(group),
                });
            }
        }
    }
    rows
}

/// Why a target was not judged in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unjudged {
    /// The export lacks an input the measure needs (see [`Measurability`]).
    NotMeasurable,
    /// The data covers the period only in part.
    PartialPeriod,
    /// No values in the group (e.g. no NPS answers).
    NoData,
}

impl Unjudged {
    /// `not-measurable`, `partial-period` or `no-data`.
    pub fn id(self) -> &'static str {
        match self {
            Unjudged::NotMeasurable => "not-measurable",
            Unjudged::PartialPeriod => "partial-period",
            Unjudged::NoData => "no-data",
        }
    }
}

/// A target not judged in one group, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct UnjudgedRow {
    /// Index of the target.
    pub target: usize,
    /// First day of the period.
    pub period_start: jiff::civil::Date,
    /// The segment.
    pub segment: Segment,
    /// Why.
    pub reason: Unjudged,
}

/// What [`judge`] needs besides targets and groups.
#[derive(Debug, Clone, Copy)]
pub struct JudgeContext<'a> {
    /// Measurability of each KPI; a KPI not listed counts as measurable.
    pub measurability: &'a [Measurability],
    /// Starts of partial periods (pass none for whole-data totals).
    pub partial_periods: &'a [jiff::civil::Date],
    /// SLA targets, to find the metric of an `sla:<name>` measure.
    pub sla: &'a [SlaTarget],
}

/// Like [`evaluate`], but a target whose measure is not measurable from the export, whose
/// period is partial, or which has no value in a group is listed as unjudged (with the
/// reason) instead of being judged or silently dropped.
pub fn judge(
    targets: &[Target],
    report: &KpiReport,
    context: &JudgeContext,
) -> (Vec<GapRow>, Vec<UnjudgedRow>) {
    let (mut rows, mut unjudged) = (Vec::new(), Vec::new());
    for group in &report.groups {
        for (i, target) in targets.iter().enumerate() {
            if !target.segment.matches(&group.segment) {
                continue;
            }
            let measurable = target.measure.kpi(context.sla).is_none_or(|kpi| {
                context.measurability.iter().find(|m| m.kpi == kpi).is_none_or(Measurability::measurable)
            });
            let reading = target.measure.read(group);
            let reason = if !measurable {
                Some(Unjudged::NotMeasurable)
            } else if context.partial_periods.contains(&group.period_start) {
                Some(Unjudged::PartialPeriod)
            } else if reading.is_none() {
                Some(Unjudged::NoData)
            } else {
                None
            };
            match (reason, reading) {
                (None, Some(r)) => rows.push(GapRow {
                    target: i,
                    period_start: group.period_start,
                    segment: group.segment.clone(),
                    gap: target.gap(r.value, r.n),
                    satisfaction: target.satisfaction(group),
                }),
                (reason, _) => unjudged.push(UnjudgedRow {
                    target: i,
                    period_start: group.period_start,
                    segment: group.segment.clone(),
                    reason: reason.unwrap_or(Unjudged::NoData),
                }),
            }
        }
    }
    (rows, unjudged)
}
