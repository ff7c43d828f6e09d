//! The facts around a gap that its components need, taken from the study and the
//! customers' analysis of its unit: what it touches, importance, reach, minimum band.

use statrs::distribution::{ContinuousCDF, Normal};

use super::inputs::{DerivedImportance, Reach, ReachBasis, StatedImportance};
use crate::kpi::{Direction, Measure, TicketSatisfaction};
use crate::servqual::SurveyAnalysis;
use crate::study::{Gap, GapDirection, GapId, GapUnit, Study, SurveyRef};

/// The survey items and dimensions a gap touches: its own item or dimension (gaps 5 and
/// 1, coverage of a dimension), the items and dimensions its standard or promise governs
/// (alignment, delivery, promise gaps), for a KPI gap those of every standard and promise
/// measured by the same KPI; none for the others.
pub fn touched(id: &GapId, study: &Study) -> Vec<SurveyRef> {
    match id {
        GapId::Kpi(subject) => {
            let Some(measure) = subject.measure() else { return Vec::new() };
            let standards = study
                .standards()
                .iter()
                .filter(|s| s.kpi().is_some_and(|k| *k.measure() == measure))
                .flat_map(|s| s.survey().iter().cloned());
            let promises = study
                .promises()
                .iter()
                .filter(|p| *p.kpi().measure() == measure)
                .flat_map(|p| p.items().iter().cloned());
            let mut refs: Vec<SurveyRef> = standards.chain(promises).collect();
            refs.dedup();
            refs
        }
        GapId::Customer(r) | GapId::Knowledge(r) => vec![r.clone()],
        GapId::Coverage(Some(d)) => vec![SurveyRef::Dimension(d.clone())],
        GapId::Alignment(s) | GapId::Standard(s) => {
            study.standards().iter().find(|x| x.slug() == s).map(|x| x.survey().to_vec()).unwrap_or_default()
        }
        GapId::Promise(p) => {
            study.promises().iter().find(|x| x.slug() == p).map(|x| x.items().to_vec()).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The dimension index of a reference in the analysis.
fn dimension_of(analysis: &SurveyAnalysis, r: &SurveyRef) -> Option<usize> {
    match r {
        SurveyRef::Item(id) => analysis.items.iter().find(|i| i.id == *id).map(|i| i.dimension),
        SurveyRef::Dimension(id) => analysis.dimensions.iter().position(|d| d.id == *id),
    }
}

/// Stated importance of what a gap touches: the largest mean points (of 100) of the
/// dimensions touched, against the largest mean points of any dimension. `None` when the
/// survey asked no allocation or the gap touches nothing.
pub fn stated_importance(analysis: &SurveyAnalysis, touched: &[SurveyRef]) -> Option<StatedImportance> {
    let points = |d: usize| analysis.dimensions.get(d)?.importance.as_ref().map(|i| i.mean_points);
    let max_points = (0..analysis.dimensions.len()).filter_map(points).reduce(f64::max)?;
    let touched =
        touched.iter().filter_map(|r| dimension_of(analysis, r)).filter_map(points).reduce(f64::max)?;
    Some(StatedImportance { points: touched, max_points })
}

/// Derived importance of what a gap touches: the largest correlation with overall
/// satisfaction among the touched items (a dimension: the mean r of its items with one).
/// `None` without overall satisfaction, or when the gap touches nothing.
pub fn derived_importance(analysis: &SurveyAnalysis, touched: &[SurveyRef]) -> Option<f64> {
    let r_of = |r: &SurveyRef| -> Option<f64> {
        match r {
            SurveyRef::Item(id) => {
                analysis.items.iter().find(|i| i.id == *id)?.satisfaction_correlation.map(|c| c.0)
            }
            SurveyRef::Dimension(_) => {
                let d = dimension_of(analysis, r)?;
                let rs: Vec<f64> = analysis
                    .items
                    .iter()
                    .filter(|i| i.dimension == d)
                    .filter_map(|i| i.satisfaction_correlation.map(|c| c.0))
                    .collect();
                (!rs.is_empty()).then(|| rs.iter().sum::<f64>() / rs.len() as f64)
            }
        }
    };
    touched.iter().filter_map(r_of).reduce(f64::max)
}

/// Derived importance of a gap, the first of ([`DerivedImportance::basis`] says which):
/// 1. the survey correlation of what it touches ([`derived_importance`]; `analysis` is its
///    unit's customer analysis), for a KPI gap the items a standard or promise links it to;
/// 2. 1 for a CSAT or NPS gap ([`satisfaction_measure`]);
/// 3. for another KPI gap, φ of its target's ticket-level association with CSAT
///    ([`ticket_association`]) with its interval at `level`.
///
/// `None` when none of them is measured (the row's [`super::MissingReason`] says why).
pub fn derived_importance_of(
    gap: &Gap,
    analysis: Option<&SurveyAnalysis>,
    touched: &[SurveyRef],
    level: f64,
) -> Option<DerivedImportance> {
    analysis
        .and_then(|a| derived_importance(a, touched))
        .map(DerivedImportance::survey)
        .or_else(|| satisfaction_measure(&gap.id).map(|_| DerivedImportance::satisfaction_itself()))
        .or_else(|| ticket_association(gap, level))
}

/// φ of a KPI gap's ticket-level association with CSAT (`Gap::evidence.satisfaction`),
/// recomputed from its exact counts with Newcombe's interval at `level`; `None` when the gap
/// has none or it is not measurable.
pub fn ticket_association(gap: &Gap, level: f64) -> Option<DerivedImportance> {
    let satisfaction = gap.evidence.satisfaction.as_ref()?.at_level(level);
    satisfaction.association().copied().map(DerivedImportance::ticket_association)
}

/// Derived importance of a KPI gap that measures satisfaction itself (CSAT, NPS): 1, its
/// correlation with itself. `None` for every other gap.
pub fn satisfaction_measure(id: &GapId) -> Option<f64> {
    let GapId::Kpi(subject) = id else { return None };
    matches!(subject.measure()?, Measure::Csat | Measure::Nps).then_some(1.0)
}

/// The share of respondents with P < E on a customer gap's item or dimension (the first
/// comparison of the format): counted, [`ComparisonStats::negative`] / n, from the exact
/// histogram of P − E the analysis keeps (basis
/// [`ReachBasis::RespondentsBelowExpectation`]). Only where that count is absent it is
/// estimated as Φ(−d̄ / s) from the mean d̄ and standard deviation s of P − E (with s = 0,
/// 1 when d̄ < 0 else 0; basis [`ReachBasis::RespondentsBelowExpectationNormal`]). `None`
/// for other gaps, with n = 0, or without s where an estimate is needed.
///
/// [`ComparisonStats::negative`]: crate::servqual::ComparisonStats::negative
pub fn customer_reach(analysis: &SurveyAnalysis, id: &GapId) -> Option<Reach> {
    let GapId::Customer(r) = id else { return None };
    let comparisons = match r {
        SurveyRef::Item(x) => &analysis.items.iter().find(|i| i.id == *x)?.comparisons,
        SurveyRef::Dimension(x) => &analysis.dimensions.iter().find(|d| d.id == *x)?.comparisons,
    };
    let c = comparisons.first()?;
    if c.n == 0 {
        return None;
    }
    if let Some(negative) = c.negative {
        let share = negative as f64 / c.n as f64;
        return Some(Reach { share, basis: ReachBasis::RespondentsBelowExpectation, n: c.n });
    }
    let (mean, sd) = (c.mean?, c.sd?);
    let share = if sd > 0.0 {
        Normal::standard().cdf(-mean / sd)
    } else if mean < 0.0 {
        1.0
    } else {
        0.0
    };
    Some(Reach { share, basis: ReachBasis::RespondentsBelowExpectationNormal, n: c.n })
}

/// The share of tickets a share gap misses: 1 − attainment for a standard's or promise's
/// attainment (gaps 3 and 4) and for a KPI measured as a share where higher is better. For
/// another KPI gap whose target has a per-ticket condition (a duration target: "answered
/// within 1 h"), the exact share of the tickets with that condition that missed it,
/// missed / (met + missed), from the gap's ticket counts (`Gap::evidence.satisfaction`).
pub fn ticket_reach(gap: &Gap) -> Option<Reach> {
    let applies = matches!(gap.id, GapId::Standard(_) | GapId::Promise(_) | GapId::Kpi(_))
        && gap.measure_unit == GapUnit::Share
        && gap.direction == GapDirection::HigherIsBetter
        && (0.0..=1.0).contains(&gap.current);
    if applies {
        let n = gap.evidence.tickets.unwrap_or(gap.n);
        return Some(Reach { share: 1.0 - gap.current, basis: ReachBasis::TicketsMissed, n });
    }
    let GapId::Kpi(_) = gap.id else { return None };
    match gap.evidence.satisfaction.as_ref()? {
        TicketSatisfaction::Measured { counts, .. } => Some(Reach {
            share: counts.missed_share()?,
            basis: ReachBasis::TicketsMissed,
            n: counts.met + counts.missed,
        }),
        TicketSatisfaction::NotPerTicket(_) => None,
    }
}

/// Whether a gap's current value is beyond its minimum band: a standard's `minimum`
/// (when the gap's desired value is the standard's target, so both are in one unit), or a
/// KPI target's minimum (the gap's `minimum` detail). `None` when no band applies.
pub fn below_minimum(gap: &Gap, study: &Study) -> Option<bool> {
    let worse = |higher_is_better: bool, minimum: f64| {
        if higher_is_better {
            gap.current < minimum
        } else {
            gap.current > minimum
        }
    };
    match &gap.id {
        GapId::Standard(s) => {
            let standard = study.standards().iter().find(|x| x.slug() == s)?;
            let minimum = standard.minimum()?;
            ((gap.desired - standard.target()).abs() <= 1e-12)
                .then(|| worse(standard.direction() == Direction::HigherIsBetter, minimum))
        }
        GapId::Kpi(_) => {
            let minimum = gap.evidence.details.iter().find(|(k, _)| k == "minimum")?.1;
            match gap.direction {
                GapDirection::HigherIsBetter => Some(worse(true, minimum)),
                GapDirection::LowerIsBetter => Some(worse(false, minimum)),
                GapDirection::EitherWay => None,
            }
        }
        _ => None,
    }
}
