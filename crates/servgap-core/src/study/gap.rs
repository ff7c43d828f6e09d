//! The gap record: one measured (or judged) difference between current and desired
//! state, in one wave and one unit, with its uncertainty and evidence.

use super::gap_id::{GapId, GapKind};
use super::objects::Level;
use super::sampling::Sampling;
use super::slug::Slug;
use crate::kpi::Interval;

/// The unit a gap's values and raw difference are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GapUnit {
    /// Points of the survey's answer scale (SERVQUAL items, dimensions, scales).
    ScalePoints,
    /// A share 0–1 (attainment, coverage, promise held).
    Share,
    /// Seconds (durations).
    Seconds,
    /// A correlation coefficient −1…1 (importance ranking agreement).
    Correlation,
    /// NPS points −100…100.
    NpsPoints,
    /// Tickets (backlog).
    Tickets,
    /// No unit: a judged gap.
    Judged,
}

impl GapUnit {
    /// `scale-points`, `share`, `seconds`, `correlation`, `nps-points`, `tickets`, `judged`.
    pub fn id(self) -> &'static str {
        match self {
            GapUnit::ScalePoints => "scale-points",
            GapUnit::Share => "share",
            GapUnit::Seconds => "seconds",
            GapUnit::Correlation => "correlation",
            GapUnit::NpsPoints => "nps-points",
            GapUnit::Tickets => "tickets",
            GapUnit::Judged => "judged",
        }
    }
}

/// Where a gap's numbers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// The customer SERVQUAL survey.
    CustomerSurvey,
    /// The management survey.
    ManagementSurvey,
    /// The contact-employee survey.
    EmployeeSurvey,
    /// The help-desk export.
    HelpDesk,
    /// The register of standards.
    Standards,
    /// The register of promises.
    Promises,
    /// KPI targets.
    Targets,
    /// A person's judgement (qualitative gap).
    Judgement,
}

impl SourceKind {
    /// Stable id, e.g. `customer-survey`.
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::CustomerSurvey => "customer-survey",
            SourceKind::ManagementSurvey => "management-survey",
            SourceKind::EmployeeSurvey => "employee-survey",
            SourceKind::HelpDesk => "help-desk",
            SourceKind::Standards => "standards",
            SourceKind::Promises => "promises",
            SourceKind::Targets => "targets",
            SourceKind::Judgement => "judgement",
        }
    }
}

/// One piece of evidence: a source and, where known, the file it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    /// What kind of source.
    pub kind: SourceKind,
    /// File name as the report shows it (empty when the pipeline did not set it).
    pub file: String,
}

/// The evidence behind a gap: sources, items, counts and free text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Files and registers read.
    pub sources: Vec<Source>,
    /// Survey items involved (ids).
    pub items: Vec<String>,
    /// Respondents behind the current and desired values (customers, managers, employees).
    pub respondents: Vec<(SourceKind, u64)>,
    /// Tickets behind the value (help-desk gaps).
    pub tickets: Option<u64>,
    /// Further measured values worth showing (e.g. `median`, `p90`), as (name, value).
    pub details: Vec<(String, f64)>,
    /// Free text (qualitative gaps: what people wrote).
    pub note: Option<String>,
    /// KPI gaps: the association of the target's per-ticket condition with the same
    /// tickets' CSAT, and the share of tickets that missed it (issue 15).
    pub satisfaction: Option<crate::kpi::TicketSatisfaction>,
}

/// Which side of the desired value is a shortfall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GapDirection {
    /// Current below desired is a shortfall (`difference < 0`).
    HigherIsBetter,
    /// Current above desired is a shortfall (`difference > 0`).
    LowerIsBetter,
    /// Any difference is a gap (managers misreading customers either way, gap 1).
    EitherWay,
}

impl GapDirection {
    /// `higher`, `lower` or `either`.
    pub fn id(self) -> &'static str {
        match self {
            GapDirection::HigherIsBetter => "higher",
            GapDirection::LowerIsBetter => "lower",
            GapDirection::EitherWay => "either",
        }
    }
}

/// The judgement of a qualitative gap, as entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    /// Judged impact.
    pub impact: Level,
    /// Judged urgency.
    pub urgency: Level,
}

/// One gap, measured or judged.
///
/// Sign convention: `difference = current − desired` in `unit`, always; whether that is a
/// shortfall depends on the gap (documented per measure). `size` is the normalised size in
/// [0, 1] of `gap-study.md` §2: 0 for no gap, 1 for the largest possible one.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Stable id.
    pub id: GapId,
    /// Wave measured in.
    pub wave: Slug,
    /// Unit measured in.
    pub unit: Slug,
    /// Owning departments.
    pub departments: Vec<Slug>,
    /// Current state (what is).
    pub current: f64,
    /// Desired state (what should be).
    pub desired: f64,
    /// Unit of `current`, `desired` and `difference`.
    pub measure_unit: GapUnit,
    /// `current − desired`.
    pub difference: f64,
    /// Which side of `desired` is a shortfall.
    pub direction: GapDirection,
    /// 95 % interval of `difference` (`None` when exact, e.g. a count, or not estimable).
    pub interval: Option<Interval>,
    /// Normalised size in [0, 1]; `None` for a judged gap.
    pub size: Option<f64>,
    /// Observations behind `current` (respondents, tickets, items or units).
    pub n: u64,
    /// Where it came from.
    pub evidence: Evidence,
    /// For a qualitative gap, its judged impact and urgency.
    pub judged: Option<Judged>,
    /// The sampling summary behind the value, so a later wave can be compared with this
    /// one (`study::progress`); `None` for a judged gap or when the measure's inputs did
    /// not allow one (see [`Sampling`]).
    pub sampling: Option<Sampling>,
}

impl Gap {
    /// The gap's kind (from its id).
    pub fn kind(&self) -> GapKind {
        self.id.kind()
    }

    /// The interval of the difference carried over to the normalised size: the size is
    /// `k · shortfall` with `k = size / |difference|`, so the bounds are `k` times the
    /// shortfall at the interval's ends, clamped to [0, 1] (for either-way gaps, the
    /// nearest and farthest |end|, 0 when the interval spans 0). `None` without an interval,
    /// or when the size or the difference is 0 (then `k` is unknown).
    pub fn size_interval(&self) -> Option<Interval> {
        let (size, i) = (self.size?, self.interval?);
        if size <= 0.0 || self.difference == 0.0 {
            return None;
        }
        let k = size / self.difference.abs();
        let (low, high) = match self.direction {
            GapDirection::HigherIsBetter => (-i.high, -i.low),
            GapDirection::LowerIsBetter => (i.low, i.high),
            GapDirection::EitherWay if i.low <= 0.0 && i.high >= 0.0 => (0.0, i.low.abs().max(i.high.abs())),
            GapDirection::EitherWay => (i.low.abs().min(i.high.abs()), i.low.abs().max(i.high.abs())),
        };
        Some(Interval { low: clamp_size(k * low), high: clamp_size(k * high) })
    }

    /// True when the data show a shortfall beyond sampling doubt: the whole interval of the
    /// difference lies on the shortfall side (`high < 0` when higher is better, `low > 0`
    /// when lower is better, excluding 0 for either way); without an interval (exact counts,
    /// KPI read-outs), when the size is above 0. Judged gaps are never "certain".
    pub fn is_certain(&self) -> bool {
        let Some(size) = self.size else { return false };
        match (self.interval, self.direction) {
            (None, _) => size > 0.0,
            (Some(i), GapDirection::HigherIsBetter) => i.high < 0.0,
            (Some(i), GapDirection::LowerIsBetter) => i.low > 0.0,
            (Some(i), GapDirection::EitherWay) => i.high < 0.0 || i.low > 0.0,
        }
    }
}

/// Clamps a size into [0, 1]; NaN becomes 0.
pub(crate) fn clamp_size(size: f64) -> f64 {
    if size.is_nan() {
        0.0
    } else {
        size.clamp(0.0, 1.0)
    }
}
