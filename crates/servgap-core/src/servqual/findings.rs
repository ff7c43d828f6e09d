//! Findings of an analysis: the few facts a manager should read first.
//!
//! [`insights`] reads a finished [`SurveyAnalysis`] and returns ranked,
//! language-free [`Insight`] values that carry the numbers behind each statement;
//! the report crate turns them into sentences. (The name `Finding` belongs to the
//! validation rules in [`super::rules`].)
//!
//! # Ranking rule
//!
//! Insights are ordered by kind, in the order of [`InsightKind`]: what the
//! customers say about the service first (significant shortfalls, the weakest
//! dimension, the items to concentrate on), then how far the numbers can be trusted
//! (scale reliability, difference-score reliability, small samples, renormalised
//! importance points). Within a kind, the more severe comes first: larger shortfalls,
//! lower alpha, lower r_DD. The order is total and deterministic.
//!
//! # Thresholds
//!
//! ```text
//! significant gap      mean < 0 and Holm-adjusted paired-t p < 0.05
//! low reliability      Cronbach's α < 0.70 (Nunnally 1978)
//! difference score     r_DD < 0.70, or r(P, X) ≥ 0.50 (Peter, Churchill & Brown 1993)
//! small sample         n < 30 respondents for an item or dimension
//! ```

use super::analysis::{IpaQuadrant, SurveyAnalysis};
use super::Comparison;
use crate::instrument::{Battery, Instrument};

/// Adjusted p below which a gap counts as significant.
pub const SIGNIFICANCE: f64 = 0.05;
/// Smallest p-value reported as a number: below it (down to an underflow to 0) every
/// printer writes "< 1e-300" and the JSON adds `p_below` (issue 12).
pub const P_FLOOR: f64 = 1e-300;
/// Cronbach's alpha below which a scale is flagged.
pub const MIN_ALPHA: f64 = 0.70;
/// Difference-score reliability below which a gap score is flagged.
pub const MIN_DIFFERENCE_RELIABILITY: f64 = 0.70;
/// Correlation of P with the subtrahend at or above which a gap score is flagged.
pub const MAX_COMPONENT_CORRELATION: f64 = 0.50;
/// Respondent count below which an item or dimension is flagged.
pub const SMALL_SAMPLE: u64 = 30;
/// Items named in a [`Insight::LargestSignificantGaps`].
pub const TOP_GAPS: usize = 3;

/// The kinds of insight, in ranking order (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InsightKind {
    /// [`Insight::LargestSignificantGaps`].
    LargestSignificantGaps,
    /// [`Insight::NoSignificantGaps`].
    NoSignificantGaps,
    /// [`Insight::WeakestDimension`].
    WeakestDimension,
    /// [`Insight::ConcentrateHere`].
    ConcentrateHere,
    /// [`Insight::LowReliability`].
    LowReliability,
    /// [`Insight::DifferenceScoreUnreliable`].
    DifferenceScoreUnreliable,
    /// [`Insight::SmallSample`].
    SmallSample,
    /// [`Insight::RenormalisedAllocations`].
    RenormalisedAllocations,
}

impl InsightKind {
    /// Stable identifier, e.g. `largest-significant-gaps`.
    pub fn id(self) -> &'static str {
        match self {
            InsightKind::LargestSignificantGaps => "largest-significant-gaps",
            InsightKind::NoSignificantGaps => "no-significant-gaps",
            InsightKind::WeakestDimension => "weakest-dimension",
            InsightKind::ConcentrateHere => "concentrate-here",
            InsightKind::LowReliability => "low-reliability",
            InsightKind::DifferenceScoreUnreliable => "difference-score-unreliable",
            InsightKind::SmallSample => "small-sample",
            InsightKind::RenormalisedAllocations => "renormalised-allocations",
        }
    }

    /// Whether the insight is about the trustworthiness of the numbers rather than the service.
    pub fn is_warning(self) -> bool {
        self >= InsightKind::LowReliability
    }
}

/// One item's shortfall, as named in an insight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemGap {
    /// Item index in the instrument.
    pub item: usize,
    /// Mean difference (negative: below the standard).
    pub mean: f64,
    /// Confidence interval of the mean.
    pub ci: Option<(f64, f64)>,
    /// Holm-adjusted p of the paired t test.
    pub p_holm: Option<f64>,
}

/// Which importance an IPA insight used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportanceBasis {
    /// Points allocated by the respondents to the item's dimension.
    Stated,
    /// Correlation of the item's P with overall satisfaction.
    Derived,
}

impl ImportanceBasis {
    /// Stable identifier: `stated` or `derived`.
    pub fn id(self) -> &'static str {
        match self {
            ImportanceBasis::Stated => "stated",
            ImportanceBasis::Derived => "derived",
        }
    }
}

/// A ranked, language-free statement about an analysis, carrying its numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Insight {
    /// Items whose mean falls significantly below the standard, largest shortfall first.
    LargestSignificantGaps {
        /// The comparison (gap, MSA or MSS).
        comparison: Comparison,
        /// How many items fall significantly short in all.
        significant: usize,
        /// The largest, at most [`TOP_GAPS`].
        items: Vec<ItemGap>,
    },
    /// No item falls significantly short on this comparison.
    NoSignificantGaps {
        /// The comparison.
        comparison: Comparison,
    },
    /// The dimension with the lowest mean difference (or the lowest P, for SERVPERF).
    WeakestDimension {
        /// The comparison, or `None` for perceptions only.
        comparison: Option<Comparison>,
        /// Dimension index.
        dimension: usize,
        /// Its mean difference (or mean P).
        mean: f64,
        /// Confidence interval of the mean difference.
        ci: Option<(f64, f64)>,
        /// Holm-adjusted p over the dimensions.
        p_holm: Option<f64>,
    },
    /// Items of high importance and low performance (IPA quadrant A).
    ConcentrateHere {
        /// Which importance placed them there.
        basis: ImportanceBasis,
        /// Item indices in questionnaire order.
        items: Vec<usize>,
    },
    /// A scale with Cronbach's alpha below [`MIN_ALPHA`].
    LowReliability {
        /// Dimension index, or `None` for the whole instrument.
        dimension: Option<usize>,
        /// Battery code or comparison id (`E`, `P`, `gap` …).
        scale: String,
        /// The alpha.
        alpha: f64,
    },
    /// A difference score that is unreliable, or whose components correlate highly.
    DifferenceScoreUnreliable {
        /// Dimension index.
        dimension: usize,
        /// The comparison.
        comparison: Comparison,
        /// Reliability of the difference score.
        r_dd: Option<f64>,
        /// Correlation of P with the subtracted battery.
        r_px: Option<f64>,
    },
    /// Items or dimensions counted on fewer than [`SMALL_SAMPLE`] respondents.
    SmallSample {
        /// Item indices.
        items: Vec<usize>,
        /// Dimension indices.
        dimensions: Vec<usize>,
        /// The smallest n among them.
        min_n: u64,
    },
    /// Respondents whose importance points did not total 100 and were renormalised.
    RenormalisedAllocations {
        /// How many.
        respondents: u64,
    },
}

impl Insight {
    /// The kind, which fixes the rank.
    pub fn kind(&self) -> InsightKind {
        match self {
            Insight::LargestSignificantGaps { .. } => InsightKind::LargestSignificantGaps,
            Insight::NoSignificantGaps { .. } => InsightKind::NoSignificantGaps,
            Insight::WeakestDimension { .. } => InsightKind::WeakestDimension,
            Insight::ConcentrateHere { .. } => InsightKind::ConcentrateHere,
            Insight::LowReliability { .. } => InsightKind::LowReliability,
            Insight::DifferenceScoreUnreliable { .. } => InsightKind::DifferenceScoreUnreliable,
            Insight::SmallSample { .. } => InsightKind::SmallSample,
            Insight::RenormalisedAllocations { .. } => InsightKind::RenormalisedAllocations,
        }
    }

    /// Severity within the kind: smaller is more severe.
    fn severity(&self) -> f64 {
        match self {
            Insight::LargestSignificantGaps { items, .. } => items.first().map_or(0.0, |g| g.mean),
            Insight::WeakestDimension { mean, .. } => *mean,
            Insight::LowReliability { alpha, .. } => *alpha,
            Insight::DifferenceScoreUnreliable { r_dd, .. } => r_dd.unwrap_or(1.0),
            _ => 0.0,
        }
    }
}

/// The ranked findings of `analysis` (see the module documentation for the rule).
///
/// # Examples
///
/// ```
/// use servgap_core::builtin::servqual22;
/// use servgap_core::servqual::{insights, AnalysisOptions, Coverage, SurveyPartials};
///
/// let instrument = servqual22();
/// let partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
/// let analysis = partials.finish(&AnalysisOptions::default());
/// // No respondents: no statistic, so nothing to say about the service.
/// assert!(insights(&analysis, &instrument).iter().all(|i| i.kind().is_warning()));
/// ```
pub fn insights(analysis: &SurveyAnalysis, instrument: &Instrument) -> Vec<Insight> {
    let mut out = Vec::new();
    let comparisons = Comparison::for_format(instrument.format());

    for (c, &comparison) in comparisons.iter().enumerate() {
        let mut gaps: Vec<ItemGap> = analysis
            .items
            .iter()
            .filter_map(|it| {
                let s = it.comparisons.get(c)?;
                let mean = s.mean?;
                let p = s.t_p_holm?;
                (mean < 0.0 && p < SIGNIFICANCE).then_some(ItemGap {
                    item: it.index,
                    mean,
                    ci: s.t_test.map(|t| (t.ci_low, t.ci_high)),
                    p_holm: Some(p),
                })
            })
            .collect();
        gaps.sort_by(|a, b| a.mean.total_cmp(&b.mean).then(a.item.cmp(&b.item)));
        let any_tested =
            analysis.items.iter().any(|it| it.comparisons.get(c).and_then(|s| s.t_p_holm).is_some());
        if !gaps.is_empty() {
            let significant = gaps.len();
            gaps.truncate(TOP_GAPS);
            out.push(Insight::LargestSignificantGaps { comparison, significant, items: gaps });
        } else if any_tested {
            out.push(Insight::NoSignificantGaps { comparison });
        }

        let weakest = analysis
            .dimensions
            .iter()
            .filter_map(|d| {
                let s = d.comparisons.get(c)?;
                Some((d.index, s.mean?, s))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        if let Some((dimension, mean, s)) = weakest {
            if analysis.dimensions.len() > 1 {
                out.push(Insight::WeakestDimension {
                    comparison: Some(comparison),
                    dimension,
                    mean,
                    ci: s.t_test.map(|t| (t.ci_low, t.ci_high)),
                    p_holm: s.t_p_holm,
                });
            }
        }
    }

    if comparisons.is_empty() && analysis.dimensions.len() > 1 {
        let weakest = analysis
            .dimensions
            .iter()
            .filter_map(|d| {
                let p = d.batteries.iter().find(|b| b.battery == Battery::Perceived)?;
                Some((d.index, p.mean?))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        if let Some((dimension, mean)) = weakest {
            out.push(Insight::WeakestDimension { comparison: None, dimension, mean, ci: None, p_holm: None });
        }
    }

    for basis in [ImportanceBasis::Stated, ImportanceBasis::Derived] {
        let items: Vec<usize> = analysis
            .ipa
            .iter()
            .filter(|p| {
                let q = match basis {
                    ImportanceBasis::Stated => p.stated_quadrant,
                    ImportanceBasis::Derived => p.derived_quadrant,
                };
                q == Some(IpaQuadrant::ConcentrateHere)
            })
            .map(|p| p.item)
            .collect();
        if !items.is_empty() {
            out.push(Insight::ConcentrateHere { basis, items });
        }
    }

    let scales = analysis
        .dimensions
        .iter()
        .flat_map(|d| d.reliability.iter().map(move |r| (Some(d.index), r)))
        .chain(analysis.reliability.iter().map(|r| (None, r)));
    for (dimension, r) in scales {
        if let (Some(alpha), true) = (r.alpha, alpha_is_low(r.alpha)) {
            out.push(Insight::LowReliability { dimension, scale: r.label.clone(), alpha });
        }
    }

    for d in &analysis.dimensions {
        for diff in &d.difference_reliability {
            // A suppressed out-of-range r_DD (below −1) is the strongest case of unreliability.
            let unreliable = difference_is_unreliable(diff.r_dd)
                || diff.suppressed == Some(super::analysis::Suppressed::OutOfRange);
            let collinear = diff.r_px.is_some_and(|r| r >= MAX_COMPONENT_CORRELATION);
            if unreliable || collinear {
                out.push(Insight::DifferenceScoreUnreliable {
                    dimension: d.index,
                    comparison: diff.comparison,
                    r_dd: diff.r_dd,
                    r_px: diff.r_px,
                });
            }
        }
    }

    let small_items: Vec<(usize, u64)> =
        analysis.items.iter().filter(|it| is_small_sample(it.n)).map(|it| (it.index, it.n)).collect();
    let small_dims: Vec<(usize, u64)> =
        analysis.dimensions.iter().filter(|d| is_small_sample(d.n)).map(|d| (d.index, d.n)).collect();
    if !small_items.is_empty() || !small_dims.is_empty() {
        let min_n = small_items.iter().chain(&small_dims).map(|x| x.1).min().unwrap_or(0);
        out.push(Insight::SmallSample {
            items: small_items.iter().map(|x| x.0).collect(),
            dimensions: small_dims.iter().map(|x| x.0).collect(),
            min_n,
        });
    }

    if analysis.renormalised_allocations > 0 {
        out.push(Insight::RenormalisedAllocations { respondents: analysis.renormalised_allocations });
    }

    // Stable sort: equal severities keep the (deterministic) generation order.
    out.sort_by(|a, b| a.kind().cmp(&b.kind()).then(a.severity().total_cmp(&b.severity())));
    out
}

/// Whether Cronbach's `alpha` is below [`MIN_ALPHA`] (a report flags it).
pub fn alpha_is_low(alpha: Option<f64>) -> bool {
    alpha.is_some_and(|a| a < MIN_ALPHA)
}

/// Whether a p-value is below [`P_FLOOR`] (0 after an underflow included).
pub fn p_is_below_floor(p: f64) -> bool {
    p < P_FLOOR
}

/// Whether a difference-score reliability `r_dd` is below [`MIN_DIFFERENCE_RELIABILITY`].
pub fn difference_is_unreliable(r_dd: Option<f64>) -> bool {
    r_dd.is_some_and(|r| r < MIN_DIFFERENCE_RELIABILITY)
}

/// Whether `n` respondents are fewer than [`SMALL_SAMPLE`]: the one small-sample
/// threshold of every report (items, dimensions, segments).
pub fn is_small_sample(n: u64) -> bool {
    n < SMALL_SAMPLE
}

/// Whether an adjusted p-value is below [`SIGNIFICANCE`]; `None` (not tested) is not significant.
pub fn is_significant(p_adjusted: Option<f64>) -> bool {
    p_adjusted.is_some_and(|p| p < SIGNIFICANCE)
}

#[cfg(test)]
mod tests;
