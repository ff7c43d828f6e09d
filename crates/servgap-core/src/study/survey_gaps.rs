//! Survey gaps: gap 5 (customers' P − E), gap 1 (managers' predicted E − customers' E,
//! importance-ranking agreement, share of items under-estimated) and the employee scales
//! of gaps 3 and 4 (mean vs scale maximum).
//!
//! Normalised sizes (`gap-study.md` §2, share of the scale range):
//! ```text
//! g5   size = max(0, E − P) / (max − min)           shortfall only
//! g1   size = |Ê_managers − Ê_customers| / (max − min)   a misreading either way
//! g1/importance        size = (1 − ρ) / 2            0 = same ranking, 1 = reversed
//! g1/under-estimation  size = share of items with Ê_managers < Ê_customers
//! scale size = (max − mean) / (max − min)            employees' self-rating vs full conformance
//! ```

use super::context::{battery_summary, find_battery, span, GapContext, Measured};
use super::gap::{Evidence, Gap, GapDirection, GapUnit, SourceKind};
use super::gap_id::GapId;
use super::objects::SurveyRef;
use super::ranks::{rank_agreement, RankAgreement};
use super::sampling::{SampledValue, Sampling};
use crate::instrument::{Battery, Scale};
use crate::kpi::Interval;
use crate::servqual::{BatteryStats, Comparison, ComparisonStats, SurveyAnalysis};
use crate::stats::groups::{welch_t, GroupSummary, WelchT};
use crate::stats::paired::one_sample_t;

/// The customers' "desired" battery of a format: E (two-column), D (three-column).
pub fn desire_battery(batteries: &[BatteryStats]) -> Battery {
    if find_battery(batteries, Battery::Expected).is_some() {
        Battery::Expected
    } else {
        Battery::Desired
    }
}

fn subject_rows(analysis: &SurveyAnalysis) -> Vec<(SurveyRef, &[BatteryStats], &[ComparisonStats])> {
    let items = analysis
        .items
        .iter()
        .map(|i| (SurveyRef::Item(i.id.clone()), i.batteries.as_slice(), i.comparisons.as_slice()));
    let dims = analysis
        .dimensions
        .iter()
        .map(|d| (SurveyRef::Dimension(d.id.clone()), d.batteries.as_slice(), d.comparisons.as_slice()));
    items.chain(dims).collect()
}

/// Gap 5 per item and dimension from the customer analysis: P − E (two-column) or P − D
/// (MSS, three-column), with the paired t interval of the mean difference. Rows without a
/// mean difference are skipped.
pub fn customer_gaps(analysis: &SurveyAnalysis, scale: Scale, context: &GapContext) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for (subject, batteries, comparisons) in subject_rows(analysis) {
        let wanted = [Comparison::Gap, Comparison::Superiority];
        let Some(c) = wanted.iter().find_map(|w| comparisons.iter().find(|c| c.comparison == *w)) else {
            continue;
        };
        let (Some(mean), Some(p)) =
            (c.mean, find_battery(batteries, Battery::Perceived).and_then(|b| b.mean))
        else {
            continue;
        };
        let interval = c.t_test.map(|t| Interval { low: t.ci_low, high: t.ci_high });
        let items = match &subject {
            SurveyRef::Item(id) => vec![id.clone()],
            SurveyRef::Dimension(_) => Vec::new(),
        };
        let measured = Measured {
            id: GapId::Customer(subject),
            current: p,
            desired: p - mean,
            unit: GapUnit::ScalePoints,
            direction: GapDirection::HigherIsBetter,
            interval,
            size: (-mean).max(0.0) / span(scale),
            n: c.n,
            sampling: Some(Sampling::Mean {
                of: SampledValue::Difference,
                summary: GroupSummary { n: c.n, mean, variance: c.sd.unwrap_or(0.0).powi(2) },
            }),
            evidence: Evidence {
                items,
                respondents: vec![(SourceKind::CustomerSurvey, c.n)],
                ..Evidence::default()
            },
        };
        gaps.push(context.gap(measured, &[]));
    }
    gaps
}

/// Gap 1 of one item or dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeRow {
    /// Item or dimension.
    pub subject: SurveyRef,
    /// Managers' predicted expectation.
    pub managers: GroupSummary,
    /// Customers' expectation.
    pub customers: GroupSummary,
    /// Welch t of managers − customers with its interval (`None` when a side has n < 2
    /// or both are constant).
    pub welch: Option<WelchT>,
}

impl KnowledgeRow {
    /// The row of `subject` with Welch's t of managers − customers at confidence `level`.
    pub fn new(
        subject: SurveyRef,
        managers: GroupSummary,
        customers: GroupSummary,
        level: f64,
    ) -> KnowledgeRow {
        KnowledgeRow { subject, managers, customers, welch: welch_t(&managers, &customers, level) }
    }

    /// Managers' mean − customers' mean (negative: managers under-estimate).
    pub fn difference(&self) -> f64 {
        self.managers.mean - self.customers.mean
    }
}

/// Gap 1 of a unit: per item and dimension, the importance agreement, the under-estimation share.
#[derive(Debug, Clone, PartialEq)]
pub struct Knowledge {
    /// Items, then dimensions.
    pub rows: Vec<KnowledgeRow>,
    /// Managers' and customers' mean importance points per dimension (dimension order),
    /// when both surveys asked for the allocation.
    pub importance: Option<(Vec<f64>, Vec<f64>)>,
    /// Spearman ρ and Kendall τ of those two lists.
    pub agreement: Option<RankAgreement>,
    /// Items whose expectation managers under-estimate, and items compared.
    pub under_estimated: (usize, usize),
}

/// Gap 1 from the management and customer analyses of one unit (same instrument).
/// `manager_battery` is the battery in which managers gave their predicted expectations
/// (E when they answered an expectation battery; P for a perceptions-only form).
pub fn knowledge(
    managers: &SurveyAnalysis,
    manager_battery: Battery,
    customers: &SurveyAnalysis,
    level: f64,
) -> Knowledge {
    let customer_rows = subject_rows(customers);
    let mut rows = Vec::new();
    for (subject, m_batteries, _) in subject_rows(managers) {
        let Some((_, c_batteries, _)) = customer_rows.iter().find(|(s, _, _)| *s == subject) else {
            continue;
        };
        let m = find_battery(m_batteries, manager_battery).and_then(battery_summary);
        let c = find_battery(c_batteries, desire_battery(c_batteries)).and_then(battery_summary);
        if let (Some(m), Some(c)) = (m, c) {
            rows.push(KnowledgeRow::new(subject, m, c, level));
        }
    }
    let importance = importance_lists(managers, customers);
    let agreement = importance.as_ref().and_then(|(m, c)| rank_agreement(m, c));
    let items: Vec<&KnowledgeRow> = rows.iter().filter(|r| matches!(r.subject, SurveyRef::Item(_))).collect();
    let under = items.iter().filter(|r| r.difference() < 0.0).count();
    Knowledge { under_estimated: (under, items.len()), rows, importance, agreement }
}

fn importance_lists(managers: &SurveyAnalysis, customers: &SurveyAnalysis) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut m = Vec::new();
    let mut c = Vec::new();
    for d in &customers.dimensions {
        let md = managers.dimensions.iter().find(|x| x.id == d.id)?;
        m.push(md.importance?.mean_points);
        c.push(d.importance?.mean_points);
    }
    Some((m, c))
}

impl Knowledge {
    /// The gap-1 records: one per item and dimension, `g1/importance` and `g1/under-estimation`.
    pub fn gaps(&self, scale: Scale, context: &GapContext) -> Vec<Gap> {
        let mut gaps: Vec<Gap> = self.rows.iter().map(|r| row_gap(r, scale, context)).collect();
        if let (Some(a), Some((m, _))) = (&self.agreement, &self.importance) {
            let measured = Measured {
                id: GapId::KnowledgeImportance,
                current: a.rho,
                desired: 1.0,
                unit: GapUnit::Correlation,
                direction: GapDirection::HigherIsBetter,
                interval: None,
                size: (1.0 - a.rho) / 2.0,
                n: m.len() as u64,
                sampling: Some(Sampling::Exact),
                evidence: Evidence {
                    details: vec![
                        ("kendall-tau".into(), a.tau),
                        ("rho-p".into(), a.rho_p),
                        ("tau-p".into(), a.tau_p),
                    ],
                    ..Evidence::default()
                },
            };
            gaps.push(context.gap(measured, &[]));
        }
        let (under, of) = self.under_estimated;
        if of > 0 {
            let share = under as f64 / of as f64;
            let measured = Measured {
                id: GapId::KnowledgeUnderEstimation,
                current: share,
                desired: 0.0,
                unit: GapUnit::Share,
                direction: GapDirection::LowerIsBetter,
                interval: None,
                size: share,
                n: of as u64,
                sampling: Some(Sampling::Exact),
                evidence: Evidence {
                    details: vec![("items-under-estimated".into(), under as f64)],
                    ..Evidence::default()
                },
            };
            gaps.push(context.gap(measured, &[]));
        }
        gaps
    }
}

fn row_gap(r: &KnowledgeRow, scale: Scale, context: &GapContext) -> Gap {
    let items = match &r.subject {
        SurveyRef::Item(id) => vec![id.clone()],
        SurveyRef::Dimension(_) => Vec::new(),
    };
    let measured = Measured {
        id: GapId::Knowledge(r.subject.clone()),
        current: r.managers.mean,
        desired: r.customers.mean,
        unit: GapUnit::ScalePoints,
        direction: GapDirection::EitherWay,
        interval: r.welch.map(|w| Interval { low: w.ci_low, high: w.ci_high }),
        size: r.difference().abs() / span(scale),
        n: r.managers.n,
        sampling: Some(Sampling::TwoMeans { current: r.managers, desired: r.customers }),
        evidence: Evidence {
            items,
            respondents: vec![
                (SourceKind::ManagementSurvey, r.managers.n),
                (SourceKind::CustomerSurvey, r.customers.n),
            ],
            details: r
                .welch
                .map(|w| vec![("t".into(), w.t), ("df".into(), w.df), ("p".into(), w.p)])
                .unwrap_or_default(),
            ..Evidence::default()
        },
    };
    context.gap(measured, &[])
}

/// An employee (or manager) scale score vs its maximum: gap 3 (self-rated conformance,
/// `g3/scale/<id>`) or gap 4 (promise accuracy, `g4/scale/<id>`), with the one-sample t
/// interval of the mean shifted to the difference `mean − max`. `None` for an empty sample.
pub fn scale_gap(id: GapId, summary: GroupSummary, scale: Scale, context: &GapContext) -> Option<Gap> {
    if summary.n == 0 || !summary.mean.is_finite() {
        return None;
    }
    let max = f64::from(scale.max());
    let t = one_sample_t(summary.n, summary.mean, summary.variance.sqrt(), max, context.level);
    let measured = Measured {
        id,
        current: summary.mean,
        desired: max,
        unit: GapUnit::ScalePoints,
        direction: GapDirection::HigherIsBetter,
        interval: t.map(|t| Interval { low: t.ci_low - max, high: t.ci_high - max }),
        size: (max - summary.mean) / span(scale),
        n: summary.n,
        sampling: Some(Sampling::Mean { of: SampledValue::Current, summary }),
        evidence: Evidence {
            respondents: vec![(SourceKind::EmployeeSurvey, summary.n)],
            ..Evidence::default()
        },
    };
    Some(context.gap(measured, &[]))
}
