//! The gap register: every gap of a wave in one list, filterable by department and unit,
//! with a first impact × urgency categorisation (the prioritisation issue refines it).
//!
//! First categorisation, from measured values only:
//! ```text
//! impact  = normalised size (0–1);                  high when ≥ HIGH_IMPACT (0.10)
//! urgency = 1.00  certain shortfall of a promise, a standard or a KPI target (a breach)
//!           0.75  certain shortfall of any other gap
//!           0.25  a gap whose interval still reaches "no gap"
//!           0.00  no gap (size 0)                   high when ≥ HIGH_URGENCY (0.5)
//! "certain" = [`Gap::is_certain`]: the whole interval on the shortfall side (exact
//!           counts and KPI read-outs: size > 0).
//! judged (qualitative) gaps: impact and urgency = the judged level's score
//!           (low 1/6, medium 1/2, high 5/6); high when the level is high.
//! quadrant: act now (high impact, high urgency), plan (high impact, low urgency),
//!           quick wins (low impact, high urgency), monitor (low, low).
//! ```
//! A 0.10 size is 0.6 points on a 1–7 scale, 10 percentage points of attainment, or 10 %
//! of the distance from a KPI's minimum to its target. Entries are ordered by quadrant
//! (act now first), then by impact, largest first, then by id.

use super::gap::Gap;
use super::gap_id::GapKind;
use super::objects::Level;
use super::slug::Slug;

/// Size from which a measured gap has high impact.
pub const HIGH_IMPACT: f64 = 0.10;
/// Urgency score from which a gap is urgent.
pub const HIGH_URGENCY: f64 = 0.5;

/// Impact × urgency quadrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quadrant {
    /// High impact, high urgency.
    ActNow,
    /// High impact, low urgency.
    Plan,
    /// Low impact, high urgency.
    QuickWins,
    /// Low impact, low urgency.
    Monitor,
}

impl Quadrant {
    /// Every quadrant, in priority order.
    pub const ALL: [Quadrant; 4] = [Quadrant::ActNow, Quadrant::Plan, Quadrant::QuickWins, Quadrant::Monitor];

    /// `act-now`, `plan`, `quick-wins`, `monitor`.
    pub fn id(self) -> &'static str {
        match self {
            Quadrant::ActNow => "act-now",
            Quadrant::Plan => "plan",
            Quadrant::QuickWins => "quick-wins",
            Quadrant::Monitor => "monitor",
        }
    }

    fn of(high_impact: bool, high_urgency: bool) -> Quadrant {
        match (high_impact, high_urgency) {
            (true, true) => Quadrant::ActNow,
            (true, false) => Quadrant::Plan,
            (false, true) => Quadrant::QuickWins,
            (false, false) => Quadrant::Monitor,
        }
    }
}

/// One register row: a gap and its categorisation.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterEntry {
    /// The gap.
    pub gap: Gap,
    /// Impact score 0–1.
    pub impact: f64,
    /// Urgency score 0–1.
    pub urgency: f64,
    /// Quadrant.
    pub quadrant: Quadrant,
}

impl RegisterEntry {
    /// Categorises one gap (see the module documentation).
    pub fn new(gap: Gap) -> RegisterEntry {
        let (impact, urgency, quadrant) = match (gap.judged, gap.size) {
            (Some(j), _) => (
                j.impact.score(),
                j.urgency.score(),
                Quadrant::of(j.impact == Level::High, j.urgency == Level::High),
            ),
            (None, size) => {
                let size = size.unwrap_or(0.0);
                let urgency = urgency_of(&gap, size);
                (size, urgency, Quadrant::of(size >= HIGH_IMPACT, urgency >= HIGH_URGENCY))
            }
        };
        RegisterEntry { gap, impact, urgency, quadrant }
    }
}

fn urgency_of(gap: &Gap, size: f64) -> f64 {
    if size <= 0.0 {
        return 0.0;
    }
    if !gap.is_certain() {
        return 0.25;
    }
    match gap.kind() {
        GapKind::Communication | GapKind::Delivery | GapKind::Kpi => 1.0,
        _ => 0.75,
    }
}

/// Every gap of one wave, categorised and ordered.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// The wave.
    pub wave: Slug,
    /// Rows, act now first (see the module documentation for the order).
    pub entries: Vec<RegisterEntry>,
}

impl Register {
    /// The register of `wave` from its gaps (gaps of other waves are left out).
    pub fn new(wave: Slug, gaps: Vec<Gap>) -> Register {
        let mut entries: Vec<RegisterEntry> =
            gaps.into_iter().filter(|g| g.wave == wave).map(RegisterEntry::new).collect();
        entries.sort_by(|a, b| {
            a.quadrant
                .cmp(&b.quadrant)
                .then(b.impact.total_cmp(&a.impact))
                .then_with(|| a.gap.unit.cmp(&b.gap.unit))
                .then_with(|| a.gap.id.to_string().cmp(&b.gap.id.to_string()))
        });
        Register { wave, entries }
    }

    /// Rows owned by `department`.
    pub fn for_department<'a>(
        &'a self,
        department: &'a Slug,
    ) -> impl Iterator<Item = &'a RegisterEntry> + 'a {
        self.entries.iter().filter(move |e| e.gap.departments.contains(department))
    }

    /// Rows of `unit`.
    pub fn for_unit<'a>(&'a self, unit: &'a Slug) -> impl Iterator<Item = &'a RegisterEntry> + 'a {
        self.entries.iter().filter(move |e| e.gap.unit == *unit)
    }

    /// The headline gap of each kind in `unit`: the row with the largest size (ties: the
    /// register order), in [`GapKind::ALL`] order; kinds without a measured gap above size 0
    /// are left out. Findings sentences are written from these.
    pub fn headlines<'a>(&'a self, unit: &'a Slug) -> Vec<&'a RegisterEntry> {
        GapKind::ALL
            .into_iter()
            .filter(|k| *k != GapKind::Qualitative)
            .filter_map(|kind| {
                self.for_unit(unit)
                    .filter(|e| e.gap.kind() == kind && e.gap.size.is_some_and(|s| s > 0.0))
                    .fold(None::<&RegisterEntry>, |best, e| match best {
                        Some(b) if b.impact >= e.impact => Some(b),
                        _ => Some(e),
                    })
            })
            .collect()
    }

    /// Number of rows per quadrant, in [`Quadrant::ALL`] order.
    pub fn quadrant_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for e in &self.entries {
            counts[e.quadrant as usize] += 1;
        }
        counts
    }
}
