//! Gaps measured against the registers: gap 2 (coverage and alignment of standards),
//! gap 3 (attainment of standards) and gap 4 (promises held).
//!
//! ```text
//! g2/coverage[/d]      current = covered / important items, desired = 1, size = 1 − share (exact count)
//! g2/alignment/<s>     current = target, desired = customers' mean E (or D) on the standard's
//!                      first item/dimension; interval = target − (t interval of that mean);
//!                      size = shortfall of the target below (above, when lower is better) the
//!                      customers' level / scale range
//! g3/standard/<s>      KPI per ticket: current = share of tickets meeting the target (Wilson),
//!                      desired = required share, size = max(0, required − share) / required
//!                      share KPI: current = the share, desired = target, size = shortfall /
//!                      (target, or 1 − target when lower is better)
//!                      survey target: current = customers' mean P, desired = target (t interval),
//!                      size = shortfall / scale range
//! g4/promise/<p>       current = share of tickets for which the promise held (Wilson), desired = 1,
//!                      size = 1 − share; evidence: delivered median and p90 with n, the linked
//!                      items' mean E minus the other items' mean E
//! ```

use std::collections::BTreeSet;

use super::context::{find_battery, span, GapContext, Measured};
use super::gap::{Evidence, Gap, GapDirection, GapUnit, SourceKind};
use super::gap_id::GapId;
use super::objects::{Promise, Standard, SurveyRef};
use super::sampling::{SampledValue, Sampling};
use super::survey_gaps::desire_battery;
use super::threshold::ThresholdCount;
use crate::instrument::{Battery, Instrument, Scale};
use crate::kpi::{Direction, DurationSummary, Interval, Measure, Unit as KpiUnit};
use crate::servqual::{IpaQuadrant, SurveyAnalysis};
use crate::stats::groups::GroupSummary;
use crate::stats::paired::one_sample_t;

/// Which items count as customer-important for coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportantItems {
    /// High importance on the IPA grid (stated importance, else derived, at or above its
    /// crosshair): quadrants "concentrate here" and "keep up the good work".
    HighImportance,
    /// Only the IPA quadrant "concentrate here" (high importance, low performance).
    ConcentrateHere,
}

/// Indices of the customer-important items; `None` when the survey has no importance
/// (neither stated nor derived).
pub fn important_items(analysis: &SurveyAnalysis, rule: ImportantItems) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    let mut any = false;
    for p in &analysis.ipa {
        let Some(q) = p.stated_quadrant.or(p.derived_quadrant) else { continue };
        any = true;
        let keep = match rule {
            ImportantItems::HighImportance => {
                matches!(q, IpaQuadrant::ConcentrateHere | IpaQuadrant::KeepUpTheGoodWork)
            }
            ImportantItems::ConcentrateHere => q == IpaQuadrant::ConcentrateHere,
        };
        if keep {
            out.push(p.item);
        }
    }
    any.then_some(out)
}

/// Items (indices) governed by at least one standard: named directly or through their dimension.
pub fn governed_items(instrument: &Instrument, standards: &[Standard]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for s in standards {
        for r in s.survey() {
            for (i, item) in instrument.items().iter().enumerate() {
                let hit = match r {
                    SurveyRef::Item(id) => item.id == *id,
                    SurveyRef::Dimension(id) => instrument.dimensions()[item.dimension].id == *id,
                };
                if hit {
                    out.insert(i);
                }
            }
        }
    }
    out
}

/// Gap 2 coverage: overall (`g2/coverage`) and per dimension with an important item
/// (`g2/coverage/<dimension>`). Owners: the context's departments.
pub fn coverage_gaps(
    instrument: &Instrument,
    important: &[usize],
    standards: &[Standard],
    context: &GapContext,
) -> Vec<Gap> {
    let governed = governed_items(instrument, standards);
    let mut gaps = Vec::new();
    let mut one = |id: GapId, items: Vec<usize>| {
        if items.is_empty() {
            return;
        }
        let covered = items.iter().filter(|i| governed.contains(i)).count();
        let share = covered as f64 / items.len() as f64;
        let uncovered: Vec<String> = items
            .iter()
            .filter(|i| !governed.contains(i))
            .map(|&i| instrument.items()[i].id.clone())
            .collect();
        let measured = Measured {
            id,
            current: share,
            desired: 1.0,
            unit: GapUnit::Share,
            direction: GapDirection::HigherIsBetter,
            interval: None,
            size: 1.0 - share,
            n: items.len() as u64,
            sampling: Some(Sampling::Exact),
            evidence: Evidence {
                items: uncovered,
                sources: vec![super::gap::Source { kind: SourceKind::Standards, file: String::new() }],
                details: vec![("covered".into(), covered as f64), ("important".into(), items.len() as f64)],
                ..Evidence::default()
            },
        };
        gaps.push(context.gap(measured, &[]));
    };
    one(GapId::Coverage(None), important.to_vec());
    for (d, dim) in instrument.dimensions().iter().enumerate() {
        let items: Vec<usize> =
            important.iter().copied().filter(|&i| instrument.items()[i].dimension == d).collect();
        one(GapId::Coverage(Some(dim.id.clone())), items);
    }
    gaps
}

/// Mean, sd and n of `battery` on `subject` in the analysis.
fn survey_side(
    analysis: &SurveyAnalysis,
    subject: &SurveyRef,
    battery: Option<Battery>,
) -> Option<(f64, f64, u64)> {
    let batteries = match subject {
        SurveyRef::Item(id) => &analysis.items.iter().find(|i| i.id == *id)?.batteries,
        SurveyRef::Dimension(id) => &analysis.dimensions.iter().find(|d| d.id == *id)?.batteries,
    };
    let battery = battery.unwrap_or_else(|| desire_battery(batteries));
    let b = find_battery(batteries, battery)?;
    Some((b.mean?, b.sd.unwrap_or(0.0), b.n))
}

fn sign(direction: Direction) -> f64 {
    match direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    }
}

fn gap_direction(direction: Direction) -> GapDirection {
    match direction {
        Direction::HigherIsBetter => GapDirection::HigherIsBetter,
        Direction::LowerIsBetter => GapDirection::LowerIsBetter,
    }
}

/// Gap 2 alignment of a survey-target standard (no KPI): its target vs the customers'
/// desired level (E, or D for three-column) on its first item or dimension. `None` for a
/// KPI standard (pass its customers' stated expectation to [`alignment_gap_from`]) or when
/// the survey has no such item.
pub fn alignment_gap(
    standard: &Standard,
    customers: &SurveyAnalysis,
    scale: Scale,
    context: &GapContext,
) -> Option<Gap> {
    if standard.kpi().is_some() {
        return None;
    }
    let subject = standard.survey().first()?;
    let (mean, sd, n) = survey_side(customers, subject, None)?;
    Some(alignment_gap_from(standard, mean, sd, n, span(scale), context))
}

/// Gap 2 alignment of a standard against customers' desired level given as a sample
/// (mean, sd, n) in the standard's unit; `range` normalises the size (scale range, or for
/// a KPI the distance from its unit's minimum to the target).
pub fn alignment_gap_from(
    standard: &Standard,
    mean: f64,
    sd: f64,
    n: u64,
    range: f64,
    context: &GapContext,
) -> Gap {
    let target = standard.target();
    let t = one_sample_t(n, mean, sd, 0.0, context.level);
    let s = sign(standard.direction());
    let measured = Measured {
        id: GapId::Alignment(standard.slug().clone()),
        current: target,
        desired: mean,
        unit: if standard.kpi().is_some() {
            unit_of(standard.kpi().map(|k| k.measure()))
        } else {
            GapUnit::ScalePoints
        },
        direction: gap_direction(standard.direction()),
        interval: t.map(|t| Interval { low: target - t.ci_high, high: target - t.ci_low }),
        size: (s * (mean - target)).max(0.0) / range.max(f64::MIN_POSITIVE),
        n,
        sampling: Some(Sampling::Mean {
            of: SampledValue::Desired,
            summary: GroupSummary { n, mean, variance: sd * sd },
        }),
        evidence: Evidence {
            items: standard.survey().iter().map(|r| r.id().to_string()).collect(),
            respondents: vec![(SourceKind::CustomerSurvey, n)],
            sources: vec![super::gap::Source { kind: SourceKind::Standards, file: String::new() }],
            ..Evidence::default()
        },
    };
    context.gap(measured, std::slice::from_ref(standard.owner()))
}

fn unit_of(measure: Option<&Measure>) -> GapUnit {
    match measure.map(Measure::unit) {
        Some(KpiUnit::Seconds) => GapUnit::Seconds,
        Some(KpiUnit::Share) => GapUnit::Share,
        Some(KpiUnit::NpsPoints) => GapUnit::NpsPoints,
        Some(KpiUnit::CesMean) | None => GapUnit::ScalePoints,
        Some(KpiUnit::Tickets) => GapUnit::Tickets,
    }
}

/// The tickets meeting a threshold as a proportion; `None` when the count is known only
/// as a range (a coarse histogram bucket straddles the threshold).
fn proportion_sampling(count: &ThresholdCount) -> Option<Sampling> {
    count.is_exact().then_some(Sampling::Proportion { successes: count.met_low, trials: count.n })
}

fn share_interval(count: &ThresholdCount, context: &GapContext) -> Option<Interval> {
    count.share_interval(crate::stats::distributions::normal_quantile(0.5 + context.level / 2.0))
}

/// Gap 3 of a KPI standard from its per-ticket counts (see
/// [`super::threshold::attainment_counts`]). `None` when no ticket has a value.
pub fn delivery_gap(standard: &Standard, counts: &ThresholdCount, context: &GapContext) -> Option<Gap> {
    let kpi = standard.kpi()?;
    let share = counts.share()?;
    let per_ticket = matches!(kpi.measure(), Measure::Duration { .. });
    let (desired, direction, size) = if per_ticket {
        let required = standard.required_share();
        (required, GapDirection::HigherIsBetter, (required - share).max(0.0) / required)
    } else {
        let target = standard.target();
        let size = match standard.direction() {
            Direction::HigherIsBetter => (target - share).max(0.0) / target.max(f64::MIN_POSITIVE),
            Direction::LowerIsBetter => (share - target).max(0.0) / (1.0 - target).max(f64::MIN_POSITIVE),
        };
        (target, gap_direction(standard.direction()), size)
    };
    let interval =
        share_interval(counts, context).map(|i| Interval { low: i.low - desired, high: i.high - desired });
    let measured = Measured {
        id: GapId::Standard(standard.slug().clone()),
        current: share,
        desired,
        unit: GapUnit::Share,
        direction,
        interval,
        size,
        n: counts.n,
        sampling: proportion_sampling(counts),
        evidence: Evidence {
            tickets: Some(counts.n),
            details: ticket_details(counts, per_ticket.then_some(standard.target())),
            sources: vec![
                super::gap::Source { kind: SourceKind::Standards, file: String::new() },
                super::gap::Source { kind: SourceKind::HelpDesk, file: String::new() },
            ],
            ..Evidence::default()
        },
    };
    Some(context.gap(measured, std::slice::from_ref(standard.owner())))
}

fn ticket_details(counts: &ThresholdCount, threshold: Option<f64>) -> Vec<(String, f64)> {
    let mut out = vec![("met".to_string(), counts.met_low as f64)];
    if !counts.is_exact() {
        out.push(("met-at-most".into(), counts.met_high as f64));
    }
    if let Some(t) = threshold {
        out.push(("threshold".into(), t));
    }
    out
}

/// Gap 3 of a survey-target standard: customers' mean P on its first item/dimension vs
/// the target, with the t interval. `None` for a KPI standard or a missing item.
pub fn delivery_gap_survey(
    standard: &Standard,
    customers: &SurveyAnalysis,
    scale: Scale,
    context: &GapContext,
) -> Option<Gap> {
    if standard.kpi().is_some() {
        return None;
    }
    let subject = standard.survey().first()?;
    let (mean, sd, n) = survey_side(customers, subject, Some(Battery::Perceived))?;
    let target = standard.target();
    let t = one_sample_t(n, mean, sd, 0.0, context.level);
    let measured = Measured {
        id: GapId::Standard(standard.slug().clone()),
        current: mean,
        desired: target,
        unit: GapUnit::ScalePoints,
        direction: gap_direction(standard.direction()),
        interval: t.map(|t| Interval { low: t.ci_low - target, high: t.ci_high - target }),
        size: (sign(standard.direction()) * (target - mean)).max(0.0) / span(scale),
        n,
        sampling: Some(Sampling::Mean {
            of: SampledValue::Current,
            summary: GroupSummary { n, mean, variance: sd * sd },
        }),
        evidence: Evidence {
            items: vec![subject.id().to_string()],
            respondents: vec![(SourceKind::CustomerSurvey, n)],
            ..Evidence::default()
        },
    };
    Some(context.gap(measured, std::slice::from_ref(standard.owner())))
}

/// Whether a promise raises expectations: mean E of the linked items minus mean E of the
/// other items (means of item means), with the number of items on each side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RaisedExpectation {
    /// Mean E over the linked items.
    pub linked: f64,
    /// Mean E over the other items.
    pub others: f64,
    /// Linked items counted.
    pub linked_items: usize,
    /// Other items counted.
    pub other_items: usize,
}

/// [`RaisedExpectation`] of `promise` in the customers' analysis; `None` when either side has no item.
pub fn raised_expectation(
    promise: &Promise,
    instrument: &Instrument,
    customers: &SurveyAnalysis,
) -> Option<RaisedExpectation> {
    let linked: BTreeSet<usize> = governed_items_of(instrument, promise.items());
    let (mut l, mut o) = (Vec::new(), Vec::new());
    for (i, item) in customers.items.iter().enumerate() {
        let Some(e) = find_battery(&item.batteries, desire_battery(&item.batteries)).and_then(|b| b.mean)
        else {
            continue;
        };
        if linked.contains(&i) {
            l.push(e);
        } else {
            o.push(e);
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    (!l.is_empty() && !o.is_empty()).then(|| RaisedExpectation {
        linked: mean(&l),
        others: mean(&o),
        linked_items: l.len(),
        other_items: o.len(),
    })
}

fn governed_items_of(instrument: &Instrument, refs: &[SurveyRef]) -> BTreeSet<usize> {
    instrument
        .items()
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            refs.iter().any(|r| match r {
                SurveyRef::Item(id) => item.id == *id,
                SurveyRef::Dimension(id) => instrument.dimensions()[item.dimension].id == *id,
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Gap 4 of a promise: share of tickets for which it held (Wilson), the delivered median
/// and p90 (exact quantiles with their n) and the raised expectation, as evidence.
/// `None` when no ticket has a value.
pub fn promise_gap(
    promise: &Promise,
    held: &ThresholdCount,
    delivered: Option<&DurationSummary>,
    raised: Option<&RaisedExpectation>,
    context: &GapContext,
) -> Option<Gap> {
    let share = held.share()?;
    let mut details = ticket_details(held, Some(promise.threshold()));
    if let Some(d) = delivered {
        details.extend([
            ("median".into(), d.median),
            ("p90".into(), d.p90),
            ("delivered-n".into(), d.n as f64),
        ]);
    }
    if let Some(r) = raised {
        details.extend([("linked-e".into(), r.linked), ("other-e".into(), r.others)]);
    }
    let measured = Measured {
        id: GapId::Promise(promise.slug().clone()),
        current: share,
        desired: 1.0,
        unit: GapUnit::Share,
        direction: GapDirection::HigherIsBetter,
        interval: share_interval(held, context).map(|i| Interval { low: i.low - 1.0, high: i.high - 1.0 }),
        size: 1.0 - share,
        n: held.n,
        sampling: proportion_sampling(held),
        evidence: Evidence {
            tickets: Some(held.n),
            items: promise.items().iter().map(|r| r.id().to_string()).collect(),
            details,
            sources: vec![
                super::gap::Source { kind: SourceKind::Promises, file: String::new() },
                super::gap::Source { kind: SourceKind::HelpDesk, file: String::new() },
            ],
            note: Some(promise.text().to_string()),
            ..Evidence::default()
        },
    };
    Some(context.gap(measured, promise.departments()))
}
