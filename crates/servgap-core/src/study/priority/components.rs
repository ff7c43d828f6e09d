//! The four components of one gap, each with the parts that explain it (formulas in the
//! module documentation of [`super`]).

use jiff::civil::Date;

use super::inputs::{DerivedBasis, Effort, FeasibilityRating, PriorityInput, Reach};
use super::weights::Component;
use crate::study::gap_id::GapKind;
use crate::study::{Gap, GapDirection, Level};

/// Days over which a deadline's urgency rises from 0 to 1.
pub const DEADLINE_HORIZON_DAYS: i64 = 365;
/// Change of the normalised size per wave at which the trend's urgency reaches 1 (and,
/// negated, 0).
pub const TREND_FULL_SLOPE: f64 = 0.2;

/// How a severity was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityBasis {
    /// The size interval's bound nearest zero.
    Shrunk,
    /// An exact size (a count or a KPI read-out without interval).
    Exact,
    /// A judged gap: the judged impact level's score.
    Judged(Level),
}

/// Severity and its parts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Severity {
    /// Severity 0–1.
    pub value: f64,
    /// Normalised size (`None` for a judged gap).
    pub size: Option<f64>,
    /// The size interval's bound nearest zero (`Shrunk` only).
    pub bound: Option<f64>,
    /// How it was obtained.
    pub basis: SeverityBasis,
}

/// Impact and its parts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Impact {
    /// Impact 0–1: importance × reach (importance alone when reach is missing).
    pub value: f64,
    /// Importance 0–1: the mean of the present stated and derived importance.
    pub importance: f64,
    /// Stated importance 0–1: the dimension's points / the largest dimension's points.
    pub stated: Option<f64>,
    /// Derived importance 0–1: the correlation with overall satisfaction, negatives as 0.
    pub derived: Option<f64>,
    /// What the derived importance was measured on (`None` when it is missing).
    pub derived_basis: Option<DerivedBasis>,
    /// Reach (share affected); `None` when not measured.
    pub reach: Option<Reach>,
    /// For a judged gap, the judged impact level (importance = its score).
    pub judged: Option<Level>,
}

/// The trend of a gap's size over the waves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// Waves the slope is fitted on (≥ 2, the current one included).
    pub waves: usize,
    /// Least-squares slope of the normalised size per wave (> 0: worsening).
    pub slope: f64,
    /// Urgency of the trend: clamp(0.5 + 0.5 · slope / 0.2, 0, 1).
    pub score: f64,
}

/// A deadline and how near it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadline {
    /// The deadline.
    pub date: Date,
    /// Days from the ranked wave's last day to the deadline (negative: passed).
    pub days_left: i64,
    /// Urgency: 1 − days_left / 365, clamped to [0, 1].
    pub score: f64,
}

/// Urgency and its signals; the value is the largest present signal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Urgency {
    /// Urgency 0–1.
    pub value: f64,
    /// Trend over the waves, with ≥ 2 waves.
    pub trend: Option<Trend>,
    /// For a standard, promise or KPI gap: whether it is missed beyond sampling doubt
    /// (1 when true, 0 when false).
    pub breach: Option<bool>,
    /// Beyond the minimum band (1 when true, 0 when false).
    pub below_minimum: Option<bool>,
    /// A deadline.
    pub deadline: Option<Deadline>,
    /// For a judged gap, the judged urgency level.
    pub judged: Option<Level>,
}

/// The departments' ratings of a gap, summarised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatingSummary {
    /// Raters who gave a rating.
    pub raters: usize,
    /// Median rating 1–5 (mean of the middle two for an even count).
    pub median: f64,
    /// Lower quartile (linear interpolation, Hyndman–Fan type 7).
    pub q1: f64,
    /// Upper quartile (type 7).
    pub q3: f64,
    /// Lowest rating.
    pub min: u8,
    /// Highest rating.
    pub max: u8,
}

/// Feasibility and its parts; the value is the mean of the present part scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feasibility {
    /// Feasibility 0–1 (1 = easiest).
    pub value: f64,
    /// Median effort of the raters who gave one (the lower of the middle two).
    pub effort: Option<Effort>,
    /// Median cost of the raters who gave one.
    pub cost: Option<f64>,
    /// Cost score: 1 − cost / the largest median cost of the gaps ranked (1 when that is 0).
    pub cost_score: Option<f64>,
    /// The ratings.
    pub rating: Option<RatingSummary>,
    /// Rows in the feasibility register (every rater, also those who left parts blank).
    pub raters: usize,
}

/// The four components of one gap; `None` is missing, never 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Components {
    /// Severity.
    pub severity: Option<Severity>,
    /// Impact on satisfaction.
    pub impact: Option<Impact>,
    /// Urgency.
    pub urgency: Option<Urgency>,
    /// Feasibility.
    pub feasibility: Option<Feasibility>,
}

impl Components {
    /// The components of one input. `max_cost` is the largest median cost of the gaps
    /// ranked together; `as_of` the last day of the wave ranked.
    pub fn of(input: &PriorityInput, max_cost: Option<f64>, as_of: Date) -> Components {
        Components {
            severity: severity(&input.gap),
            impact: impact(input),
            urgency: urgency(input, as_of),
            feasibility: feasibility(&input.ratings, max_cost),
        }
    }

    /// The value 0–1 of one component, `None` when missing.
    pub fn value(&self, component: Component) -> Option<f64> {
        match component {
            Component::Severity => self.severity.map(|c| c.value),
            Component::Impact => self.impact.map(|c| c.value),
            Component::Urgency => self.urgency.map(|c| c.value),
            Component::Feasibility => self.feasibility.map(|c| c.value),
        }
    }

    /// The four values in [`Component::ALL`] order.
    pub fn values(&self) -> [Option<f64>; 4] {
        Component::ALL.map(|c| self.value(c))
    }
}

/// Severity of a gap: judged → the judged impact's score; an interval → its bound nearest
/// zero; otherwise the exact size. `None` for a measured gap without a size.
pub fn severity(gap: &Gap) -> Option<Severity> {
    if let Some(j) = gap.judged {
        let basis = SeverityBasis::Judged(j.impact);
        return Some(Severity { value: j.impact.score(), size: None, bound: None, basis });
    }
    let size = gap.size?;
    match gap.size_interval() {
        Some(i) => Some(Severity {
            value: i.low,
            size: Some(size),
            bound: Some(i.low),
            basis: SeverityBasis::Shrunk,
        }),
        None if gap.interval.is_some() && size > 0.0 => None,
        None => Some(Severity { value: size, size: Some(size), bound: None, basis: SeverityBasis::Exact }),
    }
}

fn impact(input: &PriorityInput) -> Option<Impact> {
    if let Some(j) = input.gap.judged {
        let importance = j.impact.score();
        return Some(Impact {
            value: importance,
            importance,
            stated: None,
            derived: None,
            derived_basis: None,
            reach: None,
            judged: Some(j.impact),
        });
    }
    let stated = input
        .stated_importance
        .filter(|s| s.max_points > 0.0 && s.points.is_finite())
        .map(|s| (s.points / s.max_points).clamp(0.0, 1.0));
    let derived_importance = input.derived_importance.filter(|d| d.value.is_finite());
    let derived = derived_importance.map(|d| d.value.clamp(0.0, 1.0));
    let importance = match (stated, derived) {
        (Some(s), Some(d)) => (s + d) / 2.0,
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    let reach =
        input.reach.filter(|r| r.share.is_finite()).map(|r| Reach { share: r.share.clamp(0.0, 1.0), ..r });
    let value = importance * reach.map_or(1.0, |r| r.share);
    let derived_basis = derived_importance.map(|d| d.basis);
    Some(Impact { value, importance, stated, derived, derived_basis, reach, judged: None })
}

fn urgency(input: &PriorityInput, as_of: Date) -> Option<Urgency> {
    let gap = &input.gap;
    let judged = gap.judged.map(|j| j.urgency);
    let trend = trend(input);
    let breach = match gap.kind() {
        GapKind::Delivery | GapKind::Communication | GapKind::Kpi if gap.size.is_some() => {
            Some(gap.is_certain())
        }
        _ => None,
    };
    let deadline = input.deadline.and_then(|date| deadline(date, as_of));
    let signals = [
        judged.map(Level::score),
        trend.map(|t| t.score),
        breach.map(flag),
        input.below_minimum.map(flag),
        deadline.map(|d| d.score),
    ];
    let value = signals.into_iter().flatten().reduce(f64::max)?;
    Some(Urgency { value, trend, breach, below_minimum: input.below_minimum, deadline, judged })
}

fn flag(on: bool) -> f64 {
    if on {
        1.0
    } else {
        0.0
    }
}

/// The least-squares slope of the sizes over equally spaced waves (earlier waves, then the
/// current one); `None` with fewer than 2 waves or a judged gap.
fn trend(input: &PriorityInput) -> Option<Trend> {
    let current = input.gap.size.filter(|_| input.gap.judged.is_none())?;
    let sizes: Vec<f64> = input.history.iter().map(|w| w.size).chain([current]).collect();
    if sizes.len() < 2 || sizes.iter().any(|s| !s.is_finite()) {
        return None;
    }
    let n = sizes.len() as f64;
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = sizes.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, y) in sizes.iter().enumerate() {
        let dx = i as f64 - mean_x;
        sxy += dx * (y - mean_y);
        sxx += dx * dx;
    }
    let slope = sxy / sxx;
    let score = (0.5 + 0.5 * slope / TREND_FULL_SLOPE).clamp(0.0, 1.0);
    Some(Trend { waves: sizes.len(), slope, score })
}

fn deadline(date: Date, as_of: Date) -> Option<Deadline> {
    let days_left = i64::from(as_of.until(date).ok()?.get_days());
    let score = (1.0 - days_left as f64 / DEADLINE_HORIZON_DAYS as f64).clamp(0.0, 1.0);
    Some(Deadline { date, days_left, score })
}

/// The median cost of a gap's raters, `None` when nobody gave one.
pub fn median_cost(ratings: &[FeasibilityRating]) -> Option<f64> {
    let mut costs: Vec<f64> = ratings.iter().filter_map(|r| r.cost).filter(|c| c.is_finite()).collect();
    costs.sort_by(f64::total_cmp);
    (!costs.is_empty()).then(|| quantile7(&costs, 0.5))
}

fn feasibility(ratings: &[FeasibilityRating], max_cost: Option<f64>) -> Option<Feasibility> {
    if ratings.is_empty() {
        return None;
    }
    let mut efforts: Vec<Effort> = ratings.iter().filter_map(|r| r.effort).collect();
    efforts.sort();
    let effort = (!efforts.is_empty()).then(|| efforts[(efforts.len() - 1) / 2]);
    let cost = median_cost(ratings);
    let cost_score = cost.map(|c| match max_cost {
        Some(m) if m > 0.0 => (1.0 - c / m).clamp(0.0, 1.0),
        _ => 1.0,
    });
    let rating = rating_summary(ratings);
    let scores = [effort.map(Effort::score), cost_score, rating.map(|r| (r.median - 1.0) / 4.0)];
    let present: Vec<f64> = scores.into_iter().flatten().collect();
    if present.is_empty() {
        return None;
    }
    let value = present.iter().sum::<f64>() / present.len() as f64;
    Some(Feasibility { value, effort, cost, cost_score, rating, raters: ratings.len() })
}

fn rating_summary(ratings: &[FeasibilityRating]) -> Option<RatingSummary> {
    let mut values: Vec<u8> = ratings.iter().filter_map(|r| r.rating).collect();
    values.sort_unstable();
    let (&min, &max) = (values.first()?, values.last()?);
    let sorted: Vec<f64> = values.iter().map(|v| f64::from(*v)).collect();
    Some(RatingSummary {
        raters: values.len(),
        median: quantile7(&sorted, 0.5),
        q1: quantile7(&sorted, 0.25),
        q3: quantile7(&sorted, 0.75),
        min,
        max,
    })
}

/// Hyndman–Fan type 7 quantile of sorted, non-empty values.
fn quantile7(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// How far a gap's severity moves when its difference is resampled: the severity when the
/// difference (and its interval) is shifted by `delta` in the difference's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SeverityModel {
    k: f64,
    direction: GapDirection,
    low: f64,
    high: f64,
    /// Standard error of the difference from the interval's half-width.
    pub(crate) se: f64,
}

impl SeverityModel {
    /// The model of a measured gap with an interval, a size > 0 and a difference ≠ 0;
    /// `None` otherwise (its severity is then held fixed). `z` is the interval's normal
    /// quantile (1.96 for 95 %).
    pub(crate) fn of(gap: &Gap, z: f64) -> Option<SeverityModel> {
        let (size, i) = (gap.size?, gap.interval?);
        if gap.judged.is_some() || size <= 0.0 || gap.difference == 0.0 {
            return None;
        }
        let se = (i.high - i.low) / (2.0 * z);
        (se.is_finite() && se > 0.0).then_some(SeverityModel {
            k: size / gap.difference.abs(),
            direction: gap.direction,
            low: i.low,
            high: i.high,
            se,
        })
    }

    /// The severity with the interval shifted by `delta`: its bound nearest zero, as
    /// [`Gap::size_interval`] computes it.
    pub(crate) fn severity(&self, delta: f64) -> f64 {
        let (low, high) = (self.low + delta, self.high + delta);
        let shortfall = match self.direction {
            GapDirection::HigherIsBetter => -high,
            GapDirection::LowerIsBetter => low,
            GapDirection::EitherWay if low <= 0.0 && high >= 0.0 => 0.0,
            GapDirection::EitherWay => low.abs().min(high.abs()),
        };
        (self.k * shortfall).clamp(0.0, 1.0)
    }
}
