//! Comparisons between samples: segments of one survey, and waves over time.
//!
//! Both read the exact partial aggregates of each sample ([`SurveyPartials`]):
//! respondent-level dimension scores (and overall scores) as scaled-integer
//! moments for the parametric tests, and their exact histograms for the rank test.
//!
//! ```text
//! segments:  BTreeMap<name, SurveyPartials> ──SegmentComparison::new──▶ per segment analysis
//!            + per dimension: one-way ANOVA, Welch ANOVA, Kruskal–Wallis across segments
//! waves:     [W1, W2, …] ──WaveComparison::series──▶ trend per wave; change between
//!            consecutive waves and from the first per item, dimension and overall
//!            score: Welch t, Holm-adjusted verdicts, simultaneous intervals
//!            (see [`waves`]; matched respondents of a panel: [`panel`])
//! ```
//!
//! Segments are independent samples (different respondents).

use std::collections::BTreeMap;

use super::accumulate::SurveyPartials;
use super::analysis::{AnalysisOptions, BatteryStats, SurveyAnalysis};
use super::Comparison;
use crate::partials::WideCrossProducts;
use crate::stats::groups::{
    kruskal_wallis, one_way_anova, welch_anova, Anova, DunnPair, GamesHowellPair, GroupSummary,
    KruskalWallis, WelchAnova,
};
use crate::stats::multiplicity::holm;
use crate::CoreError;

pub mod panel;
pub mod waves;

pub use panel::{
    Design, PairedChange, PairedDifferences, PanelComparison, PanelPartials, RespondentScores, PANEL_SHARE,
};
pub use waves::{contrasts as wave_contrasts, Change, Family, Verdict, WaveComparison, WaveSide, WaveTrend};

/// Smallest segment (respondents with a score) that enters a test across segments.
pub const MIN_SEGMENT_N: u64 = 2;

mod posthoc;

pub use posthoc::{dunn_differs, games_howell_differs, GapMark, MAX_POSTHOC_SEGMENTS};

/// What a row of a comparison is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// An item, by index in the instrument.
    Item(usize),
    /// A dimension, by index in the instrument (respondent-level dimension scores).
    Dimension(usize),
    /// The unweighted overall score (respondent-level mean of the dimension scores,
    /// respondents scored on every dimension).
    Overall,
}

/// Size, mean and standard deviation of a respondent-level score in one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreSummary {
    /// Respondents with the score.
    pub n: u64,
    /// Mean score.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
}

impl ScoreSummary {
    fn from_moments(n: u64, mean: Option<f64>, variance: Option<f64>) -> Self {
        Self { n, mean, sd: variance.map(f64::sqrt) }
    }

    /// The summary as the group tests take it; `None` when there is no mean.
    /// A single observation has variance 0.
    fn group(&self) -> Option<GroupSummary> {
        let mean = self.mean?;
        let variance = match self.sd {
            Some(sd) => sd * sd,
            None if self.n == 1 => 0.0,
            None => return None,
        };
        Some(GroupSummary { n: self.n, mean, variance })
    }
}

/// The measure compared: a paired comparison (gap, MSA, MSS), or `None` for the
/// perceptions alone (SERVPERF), which is what instruments without a comparison have.
pub type Measure = Option<Comparison>;

/// The measures of an instrument's format: its comparisons, or perceptions alone.
fn measures(partials: &SurveyPartials) -> Vec<Measure> {
    if partials.comparisons.is_empty() {
        vec![None]
    } else {
        partials.comparisons.iter().copied().map(Some).collect()
    }
}

/// Exact (n, mean, variance) of a measure from scaled-integer cross-products.
fn wide_moments(
    w: &WideCrossProducts,
    perceived: usize,
    subtrahend: Option<usize>,
    denominator: f64,
) -> ScoreSummary {
    let n = w.n();
    match subtrahend {
        Some(s) => ScoreSummary::from_moments(
            n,
            (n > 0).then(|| (w.sum(perceived) - w.sum(s)) as f64 / (n as f64 * denominator)),
            w.difference_variance(perceived, s, denominator),
        ),
        None => ScoreSummary::from_moments(
            n,
            w.mean(perceived, denominator),
            w.covariance(perceived, perceived, denominator),
        ),
    }
}

/// Battery index subtracted by `measure` in `partials` (None for perceptions).
fn subtrahend(partials: &SurveyPartials, measure: Measure) -> Option<usize> {
    let c = measure?;
    partials.comparisons.iter().position(|&x| x == c).and_then(|i| partials.subtrahends.get(i).copied())
}

/// Position of `measure` among the histograms of `partials` (comparisons only).
fn histogram_index(partials: &SurveyPartials, measure: Measure) -> Option<usize> {
    let c = measure?;
    partials.comparisons.iter().position(|&x| x == c)
}

/// Summary of a measure over respondents for an item, a dimension or the overall score.
fn summary(partials: &SurveyPartials, scope: Scope, measure: Measure) -> ScoreSummary {
    let p = partials.perceived;
    let s = subtrahend(partials, measure);
    let l = partials.denominator as f64;
    match scope {
        Scope::Item(i) => {
            let cp = &partials.items[i].complete;
            let n = cp.n();
            match s {
                Some(s) => ScoreSummary::from_moments(
                    n,
                    (n > 0).then(|| (cp.sum(p) - cp.sum(s)) as f64 / n as f64),
                    cp.combination_covariance(&[vec![(p, 1), (s, -1)]]).map(|v| v[0]),
                ),
                None => ScoreSummary::from_moments(n, cp.mean(p), cp.variance(p)),
            }
        }
        Scope::Dimension(d) => wide_moments(&partials.dimensions[d].scores, p, s, l),
        Scope::Overall => {
            let dims = partials.instrument.dimensions().len() as f64;
            wide_moments(&partials.overall.unweighted, p, s, dims * l)
        }
    }
}

/// Mean and SD of every battery for a scope (the data behind a trend chart).
fn batteries(partials: &SurveyPartials, scope: Scope) -> Vec<BatteryStats> {
    let l = partials.denominator as f64;
    let instrument = &partials.instrument;
    let dims = instrument.dimensions().len() as f64;
    instrument
        .batteries()
        .iter()
        .enumerate()
        .map(|(k, &battery)| {
            let (n, mean, variance) = match scope {
                Scope::Item(i) => {
                    let cp = &partials.items[i].complete;
                    (cp.n(), cp.mean(k), cp.variance(k))
                }
                Scope::Dimension(d) => {
                    let w = &partials.dimensions[d].scores;
                    (w.n(), w.mean(k, l), w.covariance(k, k, l))
                }
                Scope::Overall => {
                    let w = &partials.overall.unweighted;
                    (w.n(), w.mean(k, dims * l), w.covariance(k, k, dims * l))
                }
            };
            BatteryStats { battery, n, mean, sd: variance.map(f64::sqrt) }
        })
        .collect()
}

/// Exact histogram of the respondent-level scaled scores of a comparison (dimension or overall).
fn score_histogram(partials: &SurveyPartials, scope: Scope, measure: Measure) -> Option<Vec<(i128, u64)>> {
    let c = histogram_index(partials, measure)?;
    match scope {
        Scope::Dimension(d) => partials.dimensions[d].differences.get(c).map(|h| h.entries()),
        Scope::Overall => partials.overall.differences.get(c).map(|h| h.entries()),
        Scope::Item(i) => partials.items[i].differences.get(c).map(|h| h.entries()),
    }
}

/// Two aggregates can be compared when they score the same instrument the same way.
fn comparable(a: &SurveyPartials, b: &SurveyPartials) -> bool {
    a.instrument == b.instrument && a.coverage == b.coverage && a.denominator == b.denominator
}

// ------------------------------------------------------------------ segments

/// One segment of a survey (the respondents sharing a value of the segment column).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The segment value (a blank cell is the empty string).
    pub name: String,
    /// Respondents read in the segment.
    pub respondents: u64,
    /// The full analysis of the segment alone.
    pub analysis: SurveyAnalysis,
}

/// Tests of one measure on one dimension (or the overall score) across segments.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentTest {
    /// What is compared: a dimension or the overall score.
    pub scope: Scope,
    /// The measure (gap, MSA, MSS, or perceptions).
    pub measure: Measure,
    /// Per segment, in [`SegmentComparison::segments`] order.
    pub groups: Vec<ScoreSummary>,
    /// Per segment: whether it entered the tests (n ≥ [`MIN_SEGMENT_N`]).
    pub tested: Vec<bool>,
    /// Classic one-way ANOVA.
    pub anova: Option<Anova>,
    /// Welch's ANOVA (unequal variances); the primary parametric test.
    pub welch: Option<WelchAnova>,
    /// Kruskal–Wallis on the exact respondent-level scores (comparisons only).
    pub kruskal: Option<KruskalWallis>,
    /// Holm-adjusted p of the classic ANOVA over the dimensions (None for the overall score).
    pub anova_p_holm: Option<f64>,
    /// Holm-adjusted p of Welch's ANOVA over the dimensions (None for the overall score).
    pub welch_p_holm: Option<f64>,
    /// Holm-adjusted p of Kruskal–Wallis over the dimensions (None for the overall score).
    pub kruskal_p_holm: Option<f64>,
    /// Games–Howell pairs between the tested segments (`first`/`second` index
    /// [`SegmentComparison::segments`]), computed only where Welch's ANOVA rejects
    /// ([`SegmentTest::welch_rejects`]) and at most [`MAX_POSTHOC_SEGMENTS`] segments are tested.
    pub games_howell: Vec<GamesHowellPair>,
    /// Dunn's pairs (Holm over the pairs) between the tested segments, indexed as
    /// `games_howell`; computed only where Kruskal–Wallis rejects, within the same limit.
    pub dunn: Vec<DunnPair>,
}

impl SegmentTest {
    /// Whether the segments differ on this scope: Welch's ANOVA p, Holm-adjusted over
    /// the dimensions, below [`super::SIGNIFICANCE`]. `None` for the overall score
    /// (not adjusted) and when the test could not run.
    pub fn differs(&self) -> Option<bool> {
        self.welch_p_holm.map(|p| super::is_significant(Some(p)))
    }

    /// Whether Kruskal–Wallis (Holm-adjusted) agrees that the segments differ;
    /// `None` as for [`SegmentTest::differs`].
    pub fn confirmed_by_ranks(&self) -> Option<bool> {
        self.kruskal_p_holm.map(|p| super::is_significant(Some(p)))
    }

    /// Indices of the tested segments with the lowest and the highest mean score
    /// (first index on ties); `None` when no tested segment has a mean.
    pub fn extremes(&self) -> Option<(usize, usize)> {
        let scored: Vec<(usize, f64)> = self
            .groups
            .iter()
            .zip(&self.tested)
            .enumerate()
            .filter_map(|(i, (g, &tested))| Some((i, g.mean.filter(|_| tested)?)))
            .collect();
        let lowest = scored.iter().min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))?;
        let highest = scored.iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        Some((lowest.0, highest.0))
    }
}

/// A survey split by a segment column: each segment's analysis, and tests across segments.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentComparison {
    /// Options used for every analysis.
    pub options: AnalysisOptions,
    /// Segments in key order.
    pub segments: Vec<Segment>,
    /// Per measure: one test per dimension (instrument order), then the overall score.
    pub tests: Vec<SegmentTest>,
}

impl SegmentComparison {
    /// Analyses each segment and tests each dimension and the overall score across segments.
    ///
    /// # Formula
    ///
    /// For dimension d and measure X (gap P − E, MSA, MSS, or P alone), the
    /// respondent-level scores D_dj = mean of respondent j's valid item values
    /// (see [`super`]) are grouped by segment g = 1..k. Segments with fewer than
    /// [`MIN_SEGMENT_N`] scored respondents are reported but left out; then
    ///
    /// ```text
    /// one-way ANOVA   F  = (Σ n_g(D̄_g − D̄)²/(k − 1)) / (Σ (n_g − 1)s_g²/(N − k))
    /// Welch ANOVA     F* with df₁ = k − 1, df₂ = (k² − 1)/(3Λ)   (crate::stats::groups::welch_anova)
    /// Kruskal–Wallis  H on the exact scores, tie-corrected, χ²(k − 1)
    /// ```
    ///
    /// The n, means and variances come from exact scaled-integer sums and the
    /// ranks from exact histograms, so the tests do not depend on row order or
    /// chunking. Welch and Kruskal–Wallis p-values are Holm-adjusted over the
    /// dimensions, per measure; the overall score is reported unadjusted.
    ///
    /// # Errors
    ///
    /// [`CoreError::Incomparable`] when the segments were scored with different
    /// instruments or coverage rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use servgap_core::servqual::{AnalysisOptions, Coverage, Respondent, SegmentComparison, SurveyPartials};
    ///
    /// let instrument = servgap_core::builtin::servqual22();
    /// let mut segments = BTreeMap::new();
    /// for (name, p) in [("north", 3_i16), ("north", 4), ("south", 5), ("south", 6)] {
    ///     let ratings: Vec<Option<i16>> = (0..22).flat_map(|_| [Some(5), Some(p)]).collect();
    ///     let partials = segments
    ///         .entry(name.to_owned())
    ///         .or_insert_with(|| SurveyPartials::new(&instrument, Coverage::HALF).unwrap());
    ///     partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    /// }
    /// let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    /// assert_eq!(cmp.segments.len(), 2);
    /// let first = &cmp.tests[0]; // gap, first dimension
    /// assert_eq!(first.groups[0].mean, Some(-1.5));
    /// assert!(first.welch.is_some());
    /// ```
    ///
    /// Sources: Welch (1951); Kruskal & Wallis (1952); Holm (1979).
    pub fn new(
        segments: &BTreeMap<String, SurveyPartials>,
        options: &AnalysisOptions,
    ) -> Result<Self, CoreError> {
        let parts: Vec<(&String, &SurveyPartials)> = segments.iter().collect();
        if let Some((_, first)) = parts.first() {
            if parts.iter().any(|(_, p)| !comparable(first, p)) {
                return Err(CoreError::Incomparable { what: "the segments" });
            }
        }
        let analysed = parts
            .iter()
            .map(|(name, p)| Segment {
                name: (*name).clone(),
                respondents: p.respondents,
                analysis: p.finish(options),
            })
            .collect();
        let mut tests = Vec::new();
        if let Some((_, first)) = parts.first() {
            let dims = first.instrument.dimensions().len();
            for measure in measures(first) {
                let start = tests.len();
                let scopes = (0..dims).map(Scope::Dimension).chain(std::iter::once(Scope::Overall));
                for scope in scopes {
                    tests.push(segment_test(&parts, scope, measure));
                }
                let family = &mut tests[start..start + dims];
                let anova: Vec<Option<f64>> = family.iter().map(|t| t.anova.map(|a| a.p)).collect();
                let welch: Vec<Option<f64>> = family.iter().map(|t| t.welch.map(|w| w.p)).collect();
                let kruskal: Vec<Option<f64>> = family.iter().map(|t| t.kruskal.map(|k| k.p)).collect();
                for (((test, a), w), k) in
                    family.iter_mut().zip(holm(&anova)).zip(holm(&welch)).zip(holm(&kruskal))
                {
                    test.anova_p_holm = a;
                    test.welch_p_holm = w;
                    test.kruskal_p_holm = k;
                }
            }
        }
        for test in &mut tests {
            posthoc::add_pairs(test, &parts);
        }
        Ok(Self { options: *options, segments: analysed, tests })
    }
}

fn segment_test(parts: &[(&String, &SurveyPartials)], scope: Scope, measure: Measure) -> SegmentTest {
    let groups: Vec<ScoreSummary> = parts.iter().map(|(_, p)| summary(p, scope, measure)).collect();
    let tested: Vec<bool> = groups.iter().map(|g| g.n >= MIN_SEGMENT_N).collect();
    let included: Vec<GroupSummary> =
        groups.iter().zip(&tested).filter(|(_, &t)| t).filter_map(|(g, _)| g.group()).collect();
    let histograms: Option<Vec<Vec<(i128, u64)>>> = parts
        .iter()
        .zip(&tested)
        .filter(|(_, &t)| t)
        .map(|((_, p), _)| score_histogram(p, scope, measure))
        .collect();
    let complete = included.len() == tested.iter().filter(|&&t| t).count();
    SegmentTest {
        scope,
        measure,
        anova: if complete { one_way_anova(&included) } else { None },
        welch: if complete { welch_anova(&included) } else { None },
        kruskal: histograms.as_ref().and_then(|h| kruskal_wallis(h)),
        groups,
        tested,
        anova_p_holm: None,
        welch_p_holm: None,
        kruskal_p_holm: None,
        games_howell: Vec::new(),
        dunn: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
