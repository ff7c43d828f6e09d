//! What every gap of one wave and unit shares: wave, unit, owning departments, sources,
//! and the confidence level of its intervals.

use super::gap::{clamp_size, Evidence, Gap, GapDirection, GapUnit, Source};
use super::gap_id::GapId;
use super::sampling::Sampling;
use super::slug::Slug;
use crate::instrument::{Battery, Scale};
use crate::kpi::Interval;
use crate::servqual::BatteryStats;
use crate::stats::groups::GroupSummary;

/// Wave, unit, default departments and sources for the gaps built from one set of inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct GapContext {
    /// Wave.
    pub wave: Slug,
    /// Unit.
    pub unit: Slug,
    /// Departments owning these gaps unless a register names an owner.
    pub departments: Vec<Slug>,
    /// Files the values came from.
    pub sources: Vec<Source>,
    /// Confidence level of every interval of the gaps (0.95 for 95 %): t and Welch
    /// intervals of means, Wilson intervals of shares at `z = Φ⁻¹(0.5 + level/2)`.
    pub level: f64,
}

/// The numbers of one gap before it gets its context.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measured {
    pub id: GapId,
    pub current: f64,
    pub desired: f64,
    pub unit: GapUnit,
    pub direction: GapDirection,
    pub interval: Option<Interval>,
    pub size: f64,
    pub n: u64,
    pub evidence: Evidence,
    pub sampling: Option<Sampling>,
}

impl GapContext {
    /// The gap record of `m` in this context; `owners` replaces the default departments when non-empty.
    pub(crate) fn gap(&self, m: Measured, owners: &[Slug]) -> Gap {
        let mut evidence = m.evidence;
        for s in &self.sources {
            if !evidence.sources.contains(s) {
                evidence.sources.push(s.clone());
            }
        }
        Gap {
            id: m.id,
            wave: self.wave.clone(),
            unit: self.unit.clone(),
            departments: if owners.is_empty() { self.departments.clone() } else { owners.to_vec() },
            current: m.current,
            desired: m.desired,
            measure_unit: m.unit,
            difference: m.current - m.desired,
            direction: m.direction,
            interval: m.interval,
            size: Some(clamp_size(m.size)),
            n: m.n,
            evidence,
            judged: None,
            sampling: m.sampling,
        }
    }
}

/// n, mean and sample variance of a battery's answers; `None` without a mean.
pub fn battery_summary(stats: &BatteryStats) -> Option<GroupSummary> {
    Some(GroupSummary { n: stats.n, mean: stats.mean?, variance: stats.sd.unwrap_or(0.0).powi(2) })
}

/// The stats of `battery` in a list of battery stats.
pub fn find_battery(stats: &[BatteryStats], battery: Battery) -> Option<&BatteryStats> {
    stats.iter().find(|b| b.battery == battery)
}

/// The scale's range `max − min` as a float (≥ 1 by construction).
pub(crate) fn span(scale: Scale) -> f64 {
    f64::from(scale.span())
}
