//! How many tickets meet a per-ticket threshold, counted exactly from the KPI duration
//! histograms (`kpi/histogram.rs`), for standards (gap 3) and promises (gap 4).
//!
//! Durations are whole seconds, so "value ≤ t" is "value ≤ ⌊t⌋". Values below 87 040 s
//! (a bit over a day) and, while they are few, longer values are counted one second at a
//! time, so the count is exact. Above that, a histogram may hold only coarse buckets
//! (1/1024 of an octave wide). A threshold inside such a bucket cannot be counted exactly
//! from the bucket: if the bucket's exact values were installed by the second pass
//! (`DurationHistogram::install`) they are used; otherwise the count is returned as a
//! range `[met_low, met_high]` (the bucket's values all above, or all at or below the
//! threshold), and [`ThresholdCount::is_exact`] is false. Attainment is then reported
//! conservatively at `met_low`, with an interval from the Wilson bound of `met_low` to
//! that of `met_high` (see [`ThresholdCount::share_interval`]).

use crate::kpi::histogram::{bucket_span, DurationHistogramParts};
use crate::kpi::{DurationHistogram, Interval, Proportion};

/// Tickets at or below a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThresholdCount {
    /// Tickets certainly at or below the threshold.
    pub met_low: u64,
    /// Tickets possibly at or below it (= `met_low` when exact).
    pub met_high: u64,
    /// All tickets with a value.
    pub n: u64,
}

impl ThresholdCount {
    /// True when the count is exact.
    pub fn is_exact(&self) -> bool {
        self.met_low == self.met_high
    }

    /// The share met, at its certain count `met_low / n`; `None` when n = 0.
    pub fn share(&self) -> Option<f64> {
        Proportion::new(self.met_low, self.n).share()
    }

    /// Interval of the share at the normal critical value `z` (1.96 for 95 %): Wilson for
    /// an exact count; for a range, from the lower Wilson bound of `met_low` to the upper
    /// Wilson bound of `met_high`.
    pub fn share_interval(&self, z: f64) -> Option<Interval> {
        let low = Proportion::new(self.met_low, self.n).wilson(z)?;
        let high = Proportion::new(self.met_high, self.n).wilson(z)?;
        Some(Interval { low: low.low, high: high.high })
    }
}

/// Counts the values ≤ `threshold` seconds (`threshold` finite, ≥ 0; a negative threshold
/// counts nothing).
pub fn count_at_or_below(histogram: &DurationHistogram, threshold: f64) -> ThresholdCount {
    count_parts(&histogram.to_parts(), threshold)
}

/// [`count_at_or_below`] on a histogram's plain parts.
pub fn count_parts(parts: &DurationHistogramParts, threshold: f64) -> ThresholdCount {
    if threshold.is_nan() || threshold < 0.0 {
        return ThresholdCount { met_low: 0, met_high: 0, n: parts.n };
    }
    // Whole seconds: v ≤ t  ⇔  v ≤ ⌊t⌋ (thresholds beyond u64 meet everything).
    let cut = if threshold >= u64::MAX as f64 { u64::MAX } else { threshold.floor() as u64 };
    let exact: u64 = parts.exact.iter().filter(|&&(v, _)| v <= cut).map(|&(_, c)| c).sum();
    let (mut low, mut high) = (exact, exact);
    for &(bucket, count) in parts.coarse.iter().flatten() {
        let (first, last) = bucket_span(bucket);
        if last <= cut {
            low += count;
            high += count;
        } else if first <= cut {
            let refined: Vec<&(u64, u64)> =
                parts.refined.iter().filter(|&&(v, _)| v >= first && v <= last).collect();
            if refined.iter().map(|&&(_, c)| c).sum::<u64>() == count {
                let met: u64 = refined.iter().filter(|&&&(v, _)| v <= cut).map(|&&(_, c)| c).sum();
                low += met;
                high += met;
            } else {
                high += count;
            }
        }
    }
    ThresholdCount { met_low: low, met_high: high, n: parts.n }
}

use crate::kpi::{Clock, Direction, DurationKpi, KpiParts, Measure, SegmentFilter};

/// The groups of `parts` that make up `segment`, over every period: the segment's own
/// groups, or for all tickets the all-tickets groups when stored, else the groups of the
/// first segment dimension (every ticket has exactly one value there, so they sum to all
/// tickets; this is how `KpiAggregate` stores them).
pub(crate) fn groups_of<'a>(
    parts: &'a KpiParts,
    segment: &'a SegmentFilter,
) -> impl Iterator<Item = &'a crate::kpi::KpiGroupParts> {
    let all_stored = parts.groups.iter().any(|g| g.dimension.is_none());
    let first = parts.dimensions.first().copied();
    parts.groups.iter().filter(move |g| match segment {
        SegmentFilter::AllTickets if all_stored => g.dimension.is_none(),
        SegmentFilter::AllTickets => g.dimension == first,
        SegmentFilter::Every(d) => g.dimension == Some(*d),
        SegmentFilter::Only(d, v) => g.dimension == Some(*d) && &g.value == v,
    })
}

/// Per-ticket attainment counts of a KPI in `segment`, summed over every period of `parts`.
///
/// * Duration measures: tickets meeting `threshold` seconds: `value ≤ threshold` when lower
///   is better, `value ≥ threshold` when higher is better ([`count_parts`], exact as
///   described in the module documentation). The measure's statistic is ignored.
/// * Share measures: the measure's own successes and trials (first-contact resolution,
///   reopen, CSAT good of rated, CSAT rated of offered, SLA met of met + breached; CES agree
///   = answers 5–7); `threshold` and `direction` are not used.
/// * NPS, CES mean and backlog are not per-ticket shares: `None`.
pub fn attainment_counts(
    parts: &KpiParts,
    measure: &Measure,
    segment: &SegmentFilter,
    threshold: f64,
    direction: Direction,
) -> Option<ThresholdCount> {
    let exact = |p: Proportion| ThresholdCount { met_low: p.successes, met_high: p.successes, n: p.n };
    let mut total = ThresholdCount { met_low: 0, met_high: 0, n: 0 };
    let mut add = |c: ThresholdCount| {
        total.met_low += c.met_low;
        total.met_high += c.met_high;
        total.n += c.n;
    };
    for g in groups_of(parts, segment) {
        let count = match measure {
            Measure::Duration { kpi, clock, .. } => duration_count(g, *kpi, *clock, threshold, direction),
            Measure::FirstContactResolution => exact(g.first_contact_resolution),
            Measure::ReopenRate => exact(g.reopen),
            Measure::Csat => exact(Proportion::new(g.csat_good, g.csat_rated)),
            Measure::CsatResponseRate => exact(Proportion::new(g.csat_rated, g.csat_offered)),
            Measure::SlaAttainment(name) => {
                let i = parts.sla.iter().position(|s| s == name)?;
                let &(met, breached) = g.sla.get(i)?;
                exact(Proportion::new(met, met + breached))
            }
            Measure::CesAgree => exact(Proportion::new(g.ces[4..].iter().sum(), g.ces.iter().sum())),
            Measure::Nps | Measure::CesMean | Measure::Backlog => return None,
        };
        add(count);
    }
    Some(total)
}

fn duration_count(
    g: &crate::kpi::KpiGroupParts,
    kpi: DurationKpi,
    clock: Clock,
    threshold: f64,
    direction: Direction,
) -> ThresholdCount {
    let Some(d) = g.durations.iter().find(|d| d.kpi == kpi && d.clock == clock) else {
        return ThresholdCount { met_low: 0, met_high: 0, n: 0 };
    };
    match direction {
        Direction::LowerIsBetter => count_parts(&d.histogram, threshold),
        Direction::HigherIsBetter => {
            // v ≥ t  ⇔  not (v ≤ ⌈t⌉ − 1) for whole seconds.
            let below = count_parts(&d.histogram, threshold.ceil() - 1.0);
            let n = d.histogram.n;
            ThresholdCount { met_low: n - below.met_high, met_high: n - below.met_low, n }
        }
    }
}
