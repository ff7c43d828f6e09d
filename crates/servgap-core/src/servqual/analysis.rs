//! Turning [`SurveyPartials`] into the reported statistics.

use super::accumulate::{SurveyPartials, ZoneCounts};
use super::Comparison;
use crate::instrument::Battery;
use crate::partials::{CrossProducts, Histogram, WideCrossProducts};
use crate::stats::multiplicity::{benjamini_hochberg, holm};
use crate::stats::paired::{cohen_dav, cohen_dz, one_sample_t, TTest};
use crate::stats::reliability::{
    alpha_if_item_deleted, corrected_item_total, cronbach_alpha, difference_score_reliability,
    feldt_interval, spearman_brown, standardized_alpha,
};
use crate::stats::wilcoxon::{signed_rank, Wilcoxon, WilcoxonMethod, WilcoxonOptions, ZeroMethod};

/// Where the IPA crosshairs sit on the performance axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crosshair {
    /// Grand mean of the item performance means (data-centred).
    DataMean,
    /// Midpoint of the response scale (scale-centred).
    ScaleMidpoint,
}

/// Choices that change reported numbers; echoed in the methods section of reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalysisOptions {
    /// Confidence level of every interval, e.g. 0.95.
    pub confidence: f64,
    /// Wilcoxon signed-rank settings.
    pub wilcoxon: WilcoxonOptions,
    /// IPA performance crosshair. The importance crosshair is always the mean importance.
    pub crosshair: Crosshair,
}

impl Default for AnalysisOptions {
    /// 95 % intervals; Wilcoxon with zeros dropped (Wilcoxon's method, as R and
    /// scipy), continuity correction (as R), exact p when possible; data-centred IPA.
    fn default() -> Self {
        Self {
            confidence: 0.95,
            wilcoxon: WilcoxonOptions {
                zero_method: ZeroMethod::Wilcox,
                continuity: true,
                method: WilcoxonMethod::Auto,
            },
            crosshair: Crosshair::DataMean,
        }
    }
}

/// Fewest respondents for Cronbach's alpha, its Feldt interval and any correlation
/// the analysis reports: with two, a sample covariance has one degree of freedom,
/// every correlation is ±1 and alpha is noise.
pub const MIN_STATISTIC_N: u64 = 3;

/// Why a statistic is left out (reported as null with this reason, never as 0 or NaN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suppressed {
    /// Fewer respondents (`n`) than the statistic needs (`minimum`).
    TooFewRespondents {
        /// Respondents available.
        n: u64,
        /// Respondents needed.
        minimum: u64,
    },
    /// Fewer than two items: alpha and item–total correlations are undefined.
    TooFewItems,
    /// A variance the statistic divides by is zero (every answer equal).
    ZeroVariance,
    /// The estimate fell below −1: its ingredients do not describe one population
    /// (a reliability cannot be below −1; Lord 1958), so no value is reported.
    OutOfRange,
}

impl Suppressed {
    /// Stable identifier: `too-few-respondents`, `too-few-items`, `zero-variance`, `out-of-range`.
    pub fn id(self) -> &'static str {
        match self {
            Suppressed::TooFewRespondents { .. } => "too-few-respondents",
            Suppressed::TooFewItems => "too-few-items",
            Suppressed::ZeroVariance => "zero-variance",
            Suppressed::OutOfRange => "out-of-range",
        }
    }

    /// `TooFewRespondents` when `n < minimum`.
    fn below(n: u64, minimum: u64) -> Option<Self> {
        (n < minimum).then_some(Suppressed::TooFewRespondents { n, minimum })
    }
}

/// Mean and spread of one battery (E, P, A or D).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatteryStats {
    /// Which battery.
    pub battery: Battery,
    /// Respondents counted.
    pub n: u64,
    /// Mean answer.
    pub mean: Option<f64>,
    /// Sample standard deviation.
    pub sd: Option<f64>,
}

/// A paired comparison (gap, MSA or MSS) with its tests and effect sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComparisonStats {
    /// Which comparison.
    pub comparison: Comparison,
    /// Pairs counted.
    pub n: u64,
    /// Mean difference.
    pub mean: Option<f64>,
    /// Sample standard deviation of the differences.
    pub sd: Option<f64>,
    /// Standard error sd/√n.
    pub se: Option<f64>,
    /// Pairs with a difference below 0 (P below the battery compared), counted from the
    /// exact histogram of the differences the partials keep (the same count from chunks
    /// or stored waves); for a dimension, respondents whose mean P is below their mean of
    /// the other battery. `None` only for statistics built without the histogram.
    pub negative: Option<u64>,
    /// Paired t test with the confidence interval of the mean difference.
    pub t_test: Option<TTest>,
    /// Wilcoxon signed-rank test.
    pub wilcoxon: Option<Wilcoxon>,
    /// Cohen's d_z = mean/sd of the differences.
    pub d_z: Option<f64>,
    /// Cohen's d_av = mean/√((s_P² + s_X²)/2), signed.
    pub d_av: Option<f64>,
    /// Holm-adjusted p of the t test (over the items, or over the dimensions).
    pub t_p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p of the t test.
    pub t_p_bh: Option<f64>,
    /// Holm-adjusted p of the Wilcoxon test.
    pub wilcoxon_p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p of the Wilcoxon test.
    pub wilcoxon_p_bh: Option<f64>,
}

/// Where perceptions fall relative to the zone of tolerance [A, D].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneShares {
    /// P < A.
    pub below: u64,
    /// A ≤ P ≤ D.
    pub inside: u64,
    /// P > D.
    pub above: u64,
    /// A > D: the zone is inverted and the position undefined.
    pub inverted: u64,
}

impl ZoneShares {
    fn from_counts(counts: &ZoneCounts) -> Self {
        Self { below: counts[0], inside: counts[1], above: counts[2], inverted: counts[3] }
    }

    /// All respondents counted, inverted zones included.
    pub fn total(&self) -> u64 {
        self.below + self.inside + self.above + self.inverted
    }

    /// `count / total` as a share in 0–1; `None` when nothing was counted.
    pub fn share(&self, count: u64) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| count as f64 / total as f64)
    }
}

/// Results for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    /// Index in the instrument.
    pub index: usize,
    /// Item identifier.
    pub id: String,
    /// Dimension index.
    pub dimension: usize,
    /// Respondents who answered every battery of the item.
    pub n: u64,
    /// Per battery, over those respondents.
    pub batteries: Vec<BatteryStats>,
    /// Per comparison of the format.
    pub comparisons: Vec<ComparisonStats>,
    /// Zone-of-tolerance positions (three-column only).
    pub zone: Option<ZoneShares>,
    /// Derived importance: Pearson r of P with overall satisfaction, and its n (pairwise);
    /// `None` below [`MIN_STATISTIC_N`] pairs or with zero variance.
    pub satisfaction_correlation: Option<(f64, u64)>,
    /// Why `satisfaction_correlation` is `None` although overall satisfaction was asked.
    pub satisfaction_suppressed: Option<Suppressed>,
}

/// Cronbach's alpha and companions for one scale (E, P or gap items of a dimension).
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleReliability {
    /// `E`, `P`, `A`, `D` or a comparison id (`gap`, `msa`, `mss`).
    pub label: String,
    /// Listwise-complete respondents.
    pub n: u64,
    /// Number of items.
    pub k: usize,
    /// Cronbach's alpha.
    pub alpha: Option<f64>,
    /// Feldt confidence interval of alpha.
    pub alpha_ci: Option<(f64, f64)>,
    /// Standardised alpha.
    pub standardized_alpha: Option<f64>,
    /// Spearman–Brown coefficient, for two-item scales only.
    pub spearman_brown: Option<f64>,
    /// Alpha with each item left out, in item order.
    pub alpha_if_deleted: Vec<Option<f64>>,
    /// Corrected item–total correlation of each item.
    pub item_total: Vec<Option<f64>>,
    /// Why alpha (and with it every other figure of the scale) is `None`.
    pub suppressed: Option<Suppressed>,
}

/// Psychometrics of a difference score D = P − X on the summed dimension scale
/// (Peter, Churchill & Brown 1993).
///
/// Every ingredient (α of P, α of X, the variances and r(P, X)) comes from ONE
/// sample: the respondents complete on every rating of the dimension (the listwise
/// matrix, which also gives the comparison's own alpha). For the two-column format
/// that is exactly "complete on P and E"; for the three-column format it also
/// requires the third battery, so MSA and MSS share one sample. The battery alphas of
/// [`DimensionResult::reliability`] may rest on more respondents (complete on that
/// battery alone) and can differ from `alpha_p`/`alpha_x` here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DifferenceReliability {
    /// Which comparison.
    pub comparison: Comparison,
    /// Respondents (the one sample of every ingredient).
    pub n: u64,
    /// α of the P items over those respondents.
    pub alpha_p: Option<f64>,
    /// α of the X items over those respondents.
    pub alpha_x: Option<f64>,
    /// r between the summed P and summed X scales.
    pub r_px: Option<f64>,
    /// Reliability of the difference score.
    pub r_dd: Option<f64>,
    /// r between the summed difference and summed P.
    pub r_diff_p: Option<f64>,
    /// r between the summed difference and summed X.
    pub r_diff_x: Option<f64>,
    /// Why `r_dd` (or, below [`MIN_STATISTIC_N`], every correlation here) is `None`.
    pub suppressed: Option<Suppressed>,
}

impl DifferenceReliability {
    /// r_DD is reported and negative: the difference score has no reliable variance.
    pub fn is_negative(&self) -> bool {
        self.r_dd.is_some_and(|r| r < 0.0)
    }

    /// r_DD is reported but rests on fewer than [`super::SMALL_SAMPLE`] respondents.
    pub fn is_small_sample(&self) -> bool {
        self.r_dd.is_some() && super::is_small_sample(self.n)
    }
}

/// Mean share of importance points given to a dimension (0–100, renormalised per respondent).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportanceShare {
    /// Respondents with a usable allocation.
    pub n: u64,
    /// Mean of points·100/total.
    pub mean_points: f64,
    /// Sample standard deviation of points·100/total.
    pub sd: Option<f64>,
}

/// Results for one dimension, from respondent-level dimension means.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionResult {
    /// Index in the instrument.
    pub index: usize,
    /// Dimension identifier.
    pub id: String,
    /// Respondents meeting the coverage rule.
    pub n: u64,
    /// Per battery.
    pub batteries: Vec<BatteryStats>,
    /// Per comparison.
    pub comparisons: Vec<ComparisonStats>,
    /// Zone positions of the dimension means (three-column only).
    pub zone: Option<ZoneShares>,
    /// Reliability per battery, then per comparison (listwise).
    pub reliability: Vec<ScaleReliability>,
    /// Difference-score diagnostics per comparison.
    pub difference_reliability: Vec<DifferenceReliability>,
    /// Stated importance from the point allocation.
    pub importance: Option<ImportanceShare>,
}

/// How an overall score aggregates the dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverallKind {
    /// Mean over respondents of U_j = mean of the respondent's dimension scores.
    Unweighted,
    /// Mean over dimensions of the sample dimension means D̄_d (PZB's overall score).
    MeanOfDimensions,
    /// Mean over respondents of W_j = Σ_d w_dj·D_dj with the respondent's own weights.
    Weighted,
}

impl OverallKind {
    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            OverallKind::Unweighted => "unweighted",
            OverallKind::MeanOfDimensions => "mean-of-dimensions",
            OverallKind::Weighted => "weighted",
        }
    }
}

/// An overall score of a comparison (SERVQUAL) or of P alone (SERVPERF).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverallScore {
    /// Which aggregation.
    pub kind: OverallKind,
    /// The comparison scored, or `None` for perceptions only (SERVPERF).
    pub comparison: Option<Comparison>,
    /// Respondents (or dimensions, for [`OverallKind::MeanOfDimensions`]).
    pub n: u64,
    /// The score.
    pub mean: Option<f64>,
    /// Sample standard deviation over respondents.
    pub sd: Option<f64>,
    /// t test against 0 (comparisons) with the confidence interval of the mean.
    pub t_test: Option<TTest>,
    /// Confidence interval of the mean (SERVPERF, where no test is made).
    pub ci: Option<(f64, f64)>,
    /// Wilcoxon test of the respondent-level scores (unweighted comparisons only).
    pub wilcoxon: Option<Wilcoxon>,
}

/// Importance-performance quadrant (Martilla & James 1977).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpaQuadrant {
    /// High importance, low performance.
    ConcentrateHere,
    /// High importance, high performance.
    KeepUpTheGoodWork,
    /// Low importance, low performance.
    LowPriority,
    /// Low importance, high performance.
    PossibleOverkill,
}

impl IpaQuadrant {
    fn classify(importance: f64, performance: f64, importance_cut: f64, performance_cut: f64) -> Self {
        match (importance >= importance_cut, performance < performance_cut) {
            (true, true) => IpaQuadrant::ConcentrateHere,
            (true, false) => IpaQuadrant::KeepUpTheGoodWork,
            (false, true) => IpaQuadrant::LowPriority,
            (false, false) => IpaQuadrant::PossibleOverkill,
        }
    }

    /// Letter used in the literature: A, B, C or D.
    pub fn letter(self) -> &'static str {
        match self {
            IpaQuadrant::ConcentrateHere => "A",
            IpaQuadrant::KeepUpTheGoodWork => "B",
            IpaQuadrant::LowPriority => "C",
            IpaQuadrant::PossibleOverkill => "D",
        }
    }

    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            IpaQuadrant::ConcentrateHere => "concentrate-here",
            IpaQuadrant::KeepUpTheGoodWork => "keep-up-the-good-work",
            IpaQuadrant::LowPriority => "low-priority",
            IpaQuadrant::PossibleOverkill => "possible-overkill",
        }
    }
}

/// Fewest respondents behind an IPA importance basis or quadrant: the item's P, the
/// dimension's allocations (stated) and the r with satisfaction (derived) each need
/// [`super::SMALL_SAMPLE`] (30). Below that the standard error of r is about 0.19 or
/// more (at n = 2, r = ±1 always), so items cannot be ordered by importance.
pub const MIN_IPA_N: u64 = super::SMALL_SAMPLE;

/// One item on the importance-performance grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IpaPoint {
    /// Item index.
    pub item: usize,
    /// Mean perception.
    pub performance: f64,
    /// Stated importance: mean points of the item's DIMENSION (0–100), shared by every
    /// item of that dimension (the allocation is asked per dimension, not per item).
    pub stated_importance: Option<f64>,
    /// Quadrant by stated importance.
    pub stated_quadrant: Option<IpaQuadrant>,
    /// Why the stated quadrant is `None` (too few respondents behind P or the allocations).
    pub stated_suppressed: Option<Suppressed>,
    /// Derived importance: r with overall satisfaction (`None` below [`MIN_IPA_N`] pairs).
    pub derived_importance: Option<f64>,
    /// Quadrant by derived importance.
    pub derived_quadrant: Option<IpaQuadrant>,
    /// Why the derived importance or quadrant is `None`.
    pub derived_suppressed: Option<Suppressed>,
}

/// Crosshair values used for the IPA grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IpaCrosshairs {
    /// Performance cut.
    pub performance: f64,
    /// Stated-importance cut: the equal-share point of the allocation, 100 / number of
    /// dimensions (a dimension above it got more than an equal share of the points).
    pub stated_importance: Option<f64>,
    /// Derived-importance cut: the mean r over the items whose derived importance is
    /// reported (data-centred, Martilla & James 1977); r has no natural midpoint.
    pub derived_importance: Option<f64>,
}

/// The complete SERVQUAL analysis of a survey.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAnalysis {
    /// Options used.
    pub options: AnalysisOptions,
    /// Respondents read (rows with at least one cell, usable or not).
    pub respondents: u64,
    /// Respondents covered on every dimension (counted in overall scores).
    pub fully_covered: u64,
    /// Minimum item share per dimension for a dimension score.
    pub coverage_share: f64,
    /// Per item, in questionnaire order.
    pub items: Vec<ItemResult>,
    /// Per dimension, in presentation order.
    pub dimensions: Vec<DimensionResult>,
    /// Overall SERVQUAL (per comparison) and SERVPERF scores.
    pub overall: Vec<OverallScore>,
    /// Whole-instrument reliability (listwise over every rating).
    pub reliability: Vec<ScaleReliability>,
    /// Respondents whose importance points did not total 100 and were renormalised.
    pub renormalised_allocations: u64,
    /// Overall-satisfaction answers counted.
    pub satisfaction_n: u64,
    /// Importance-performance grid.
    pub ipa: Vec<IpaPoint>,
    /// Crosshairs of the grid.
    pub ipa_crosshairs: Option<IpaCrosshairs>,
    /// Distribution of the respondents' unweighted overall score, per comparison
    /// (exact values and counts, ascending; respondents scored on every dimension).
    pub score_distributions: Vec<ScoreDistribution>,
}

/// Items and dimensions ordered by one measure, largest shortfall first: the one
/// ranking every report uses for its tables and charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    /// The comparison ranked by, or `None` for mean perception (SERVPERF).
    pub comparison: Option<Comparison>,
    /// Item indices (positions in [`SurveyAnalysis::items`]).
    pub items: Vec<usize>,
    /// Dimension indices (positions in [`SurveyAnalysis::dimensions`]).
    pub dimensions: Vec<usize>,
}

/// The sort key of a row: its mean of comparison `c` (position in the format's
/// comparisons), falling back to mean P; rows without either go last.
fn shortfall_key(comparisons: &[ComparisonStats], batteries: &[BatteryStats], c: usize) -> f64 {
    comparisons
        .get(c)
        .and_then(|x| x.mean)
        .or_else(|| batteries.iter().find(|b| b.battery == Battery::Perceived).and_then(|b| b.mean))
        .unwrap_or(f64::INFINITY)
}

impl SurveyAnalysis {
    /// One [`Ranking`] per comparison of the format (in format order), or a single
    /// ranking by mean P when the format has none.
    ///
    /// Order: ascending mean difference (the most negative, i.e. the largest
    /// shortfall, first), ties kept in instrument order (stable sort); rows with no
    /// mean last.
    pub fn rankings(&self) -> Vec<Ranking> {
        let comparisons: Vec<Option<Comparison>> = match self.items.first() {
            Some(item) if !item.comparisons.is_empty() => {
                item.comparisons.iter().map(|c| Some(c.comparison)).collect()
            }
            _ => vec![None],
        };
        comparisons
            .into_iter()
            .enumerate()
            .map(|(c, comparison)| {
                let mut items: Vec<usize> = (0..self.items.len()).collect();
                items.sort_by(|&a, &b| {
                    let key =
                        |i: usize| shortfall_key(&self.items[i].comparisons, &self.items[i].batteries, c);
                    key(a).total_cmp(&key(b))
                });
                let mut dimensions: Vec<usize> = (0..self.dimensions.len()).collect();
                dimensions.sort_by(|&a, &b| {
                    let d = &self.dimensions;
                    let key = |i: usize| shortfall_key(&d[i].comparisons, &d[i].batteries, c);
                    key(a).total_cmp(&key(b))
                });
                Ranking { comparison, items, dimensions }
            })
            .collect()
    }
}

/// Exact distribution of a respondent-level score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreDistribution {
    /// The comparison scored.
    pub comparison: Comparison,
    /// `(score, respondents)` in increasing score order.
    pub counts: Vec<(f64, u64)>,
}

/// Mean, SD, t test and Wilcoxon of differences summarised by moments and a histogram.
struct DifferenceSummary {
    n: u64,
    mean: Option<f64>,
    variance: Option<f64>,
}

fn comparison_stats(
    comparison: Comparison,
    summary: DifferenceSummary,
    var_p: Option<f64>,
    var_x: Option<f64>,
    histogram: &Histogram,
    options: &AnalysisOptions,
) -> ComparisonStats {
    let sd = summary.variance.map(f64::sqrt);
    let se = sd.map(|s| s / (summary.n as f64).sqrt());
    let t_test = match (summary.mean, sd) {
        (Some(m), Some(s)) => one_sample_t(summary.n, m, s, 0.0, options.confidence),
        _ => None,
    };
    let d_z = summary.mean.zip(sd).and_then(|(m, s)| cohen_dz(m, s));
    let d_av = match (summary.mean, var_p, var_x) {
        (Some(m), Some(vp), Some(vx)) => cohen_dav(m, vp, vx),
        _ => None,
    };
    ComparisonStats {
        comparison,
        n: summary.n,
        mean: summary.mean,
        sd,
        se,
        negative: Some(histogram.count_below(0)),
        t_test,
        wilcoxon: signed_rank(&histogram.entries(), options.wilcoxon),
        d_z,
        d_av,
        t_p_holm: None,
        t_p_bh: None,
        wilcoxon_p_holm: None,
        wilcoxon_p_bh: None,
    }
}

/// Fills the adjusted p-values of comparison `c` over a family (all items, or all dimensions).
fn adjust(family: &mut [&mut ComparisonStats]) {
    let t: Vec<Option<f64>> = family.iter().map(|s| s.t_test.map(|t| t.p)).collect();
    let w: Vec<Option<f64>> = family.iter().map(|s| s.wilcoxon.map(|w| w.p)).collect();
    for (((s, th), tb), (wh, wb)) in family
        .iter_mut()
        .zip(holm(&t))
        .zip(benjamini_hochberg(&t))
        .zip(holm(&w).into_iter().zip(benjamini_hochberg(&w)))
    {
        s.t_p_holm = th;
        s.t_p_bh = tb;
        s.wilcoxon_p_holm = wh;
        s.wilcoxon_p_bh = wb;
    }
}

/// r(P, overall satisfaction) with its n, or why it is left out (nothing when not asked).
fn satisfaction(pairs: &CrossProducts, asked: bool) -> (Option<(f64, u64)>, Option<Suppressed>) {
    if !asked {
        return (None, None);
    }
    let n = pairs.n();
    if let Some(reason) = Suppressed::below(n, MIN_STATISTIC_N) {
        return (None, Some(reason));
    }
    match pairs.correlation(0, 1) {
        Some(r) => (Some((r, n)), None),
        None => (None, Some(Suppressed::ZeroVariance)),
    }
}

/// Alpha and its companions of one scale from its covariance matrix over `n` respondents.
///
/// Suppressed (every figure `None`, with the reason) when k < 2, n < [`MIN_STATISTIC_N`],
/// the matrix is missing or the total variance is zero.
fn scale_reliability(
    label: String,
    n: u64,
    cov: Option<Vec<f64>>,
    k: usize,
    confidence: f64,
) -> ScaleReliability {
    let empty = |suppressed: Suppressed| ScaleReliability {
        label: label.clone(),
        n,
        k,
        alpha: None,
        alpha_ci: None,
        standardized_alpha: None,
        spearman_brown: None,
        alpha_if_deleted: vec![None; k],
        item_total: vec![None; k],
        suppressed: Some(suppressed),
    };
    if k < 2 {
        return empty(Suppressed::TooFewItems);
    }
    if let Some(reason) = Suppressed::below(n, MIN_STATISTIC_N) {
        return empty(reason);
    }
    let Some(cov) = cov else {
        return empty(Suppressed::ZeroVariance);
    };
    let Some(alpha) = cronbach_alpha(&cov, k) else {
        return empty(Suppressed::ZeroVariance);
    };
    let spearman = if k == 2 {
        let r = cov[1] / (cov[0] * cov[3]).sqrt();
        if r.is_finite() {
            spearman_brown(r)
        } else {
            None
        }
    } else {
        None
    };
    ScaleReliability {
        alpha_ci: feldt_interval(alpha, n, k, confidence),
        standardized_alpha: standardized_alpha(&cov, k),
        spearman_brown: spearman,
        alpha_if_deleted: if k > 2 { alpha_if_item_deleted(&cov, k) } else { vec![None; k] },
        item_total: corrected_item_total(&cov, k),
        label,
        n,
        k,
        alpha: Some(alpha),
        suppressed: None,
    }
}

/// [`scale_reliability`] of a `k`-item scale over `n` respondents without a matrix (tests).
#[cfg(test)]
pub(super) fn scale_reliability_for_tests(n: u64, k: usize) -> ScaleReliability {
    scale_reliability("P".to_owned(), n, None, k, 0.95)
}

/// Reliability of each battery and each comparison over a set of items.
///
/// `matrix` holds every rating of respondents complete on all batteries (used for
/// comparisons and for every ingredient of r_DD); `battery_only[k]` adds respondents
/// complete on battery k alone, so each battery's reported alpha is listwise on that
/// battery's items only.
fn reliability_suite(
    partials: &SurveyPartials,
    matrix: &CrossProducts,
    battery_only: &[CrossProducts],
    item_count: usize,
    confidence: f64,
) -> (Vec<ScaleReliability>, Vec<DifferenceReliability>) {
    let batteries = partials.instrument.batteries();
    let b = batteries.len();
    let n = matrix.n();
    let mut scales = Vec::new();
    for (k, battery) in batteries.iter().enumerate() {
        let vars: Vec<usize> = (0..item_count).map(|i| i * b + k).collect();
        let mut own = matrix.select(&vars);
        if let Some(extra) = battery_only.get(k) {
            // Same shape by construction.
            let _ = own.merge(extra);
        }
        let all: Vec<usize> = (0..item_count).collect();
        scales.push(scale_reliability(
            battery.code().to_owned(),
            own.n(),
            own.covariance_matrix(&all),
            item_count,
            confidence,
        ));
    }
    let mut differences = Vec::new();
    for (comparison, &s) in partials.comparisons.iter().zip(&partials.subtrahends) {
        let p = partials.perceived;
        let combos: Vec<Vec<(usize, i64)>> =
            (0..item_count).map(|i| vec![(i * b + p, 1), (i * b + s, -1)]).collect();
        scales.push(scale_reliability(
            comparison.id().to_owned(),
            n,
            matrix.combination_covariance(&combos),
            item_count,
            confidence,
        ));
        differences.push(difference_reliability(*comparison, matrix, item_count, b, p, s));
    }
    (scales, differences)
}

/// Alpha of battery `battery`'s items over the respondents of `matrix` (`None` below
/// [`MIN_STATISTIC_N`] or with zero variance).
fn same_sample_alpha(matrix: &CrossProducts, item_count: usize, b: usize, battery: usize) -> Option<f64> {
    if matrix.n() < MIN_STATISTIC_N {
        return None;
    }
    let vars: Vec<usize> = (0..item_count).map(|i| i * b + battery).collect();
    matrix.covariance_matrix(&vars).and_then(|cov| cronbach_alpha(&cov, item_count))
}

/// r_DD of P − X and its companions, every ingredient from the respondents of `matrix`.
fn difference_reliability(
    comparison: Comparison,
    matrix: &CrossProducts,
    item_count: usize,
    b: usize,
    p: usize,
    s: usize,
) -> DifferenceReliability {
    let n = matrix.n();
    let total = |battery: usize, sign: i64| (0..item_count).map(move |i| (i * b + battery, sign));
    let p_total: Vec<(usize, i64)> = total(p, 1).collect();
    let x_total: Vec<(usize, i64)> = total(s, 1).collect();
    let d_total: Vec<(usize, i64)> = total(p, 1).chain(total(s, -1)).collect();
    let enough = n >= MIN_STATISTIC_N;
    let cov = enough.then(|| matrix.combination_covariance(&[p_total, x_total, d_total])).flatten();
    let corr = |i: usize, j: usize| {
        cov.as_ref().and_then(|c| {
            let r = c[i * 3 + j] / (c[i * 3 + i] * c[j * 3 + j]).sqrt();
            r.is_finite().then_some(r)
        })
    };
    let r_px = corr(0, 1);
    let alpha_p = same_sample_alpha(matrix, item_count, b, p);
    let alpha_x = same_sample_alpha(matrix, item_count, b, s);
    let raw = match (&cov, alpha_p, alpha_x, r_px) {
        (Some(c), Some(ap), Some(ax), Some(r)) => difference_score_reliability(c[0], c[4], ap, ax, r),
        _ => None,
    };
    let suppressed = if item_count < 2 {
        Some(Suppressed::TooFewItems)
    } else if let Some(reason) = Suppressed::below(n, MIN_STATISTIC_N) {
        Some(reason)
    } else {
        match raw {
            None => Some(Suppressed::ZeroVariance),
            Some(r) if r < -1.0 => Some(Suppressed::OutOfRange),
            Some(_) => None,
        }
    };
    DifferenceReliability {
        comparison,
        n,
        alpha_p,
        alpha_x,
        r_px,
        r_dd: raw.filter(|_| suppressed.is_none()),
        r_diff_p: corr(2, 0),
        r_diff_x: corr(2, 1),
        suppressed,
    }
}

fn battery_stats(
    batteries: &[Battery],
    n: u64,
    mean: impl Fn(usize) -> Option<f64>,
    var: impl Fn(usize) -> Option<f64>,
) -> Vec<BatteryStats> {
    batteries
        .iter()
        .enumerate()
        .map(|(k, &battery)| BatteryStats { battery, n, mean: mean(k), sd: var(k).map(f64::sqrt) })
        .collect()
}

fn wide_summary(w: &WideCrossProducts, p: usize, s: usize, denominator: f64) -> DifferenceSummary {
    let n = w.n();
    let mean = (n > 0).then(|| (w.sum(p) - w.sum(s)) as f64 / (n as f64 * denominator));
    DifferenceSummary { n, mean, variance: w.difference_variance(p, s, denominator) }
}

/// Reads (mean, variance) of a quantity from cross-products, given its denominator.
type MeanAndVariance<'a> = dyn Fn(&WideCrossProducts, f64) -> (Option<f64>, Option<f64>) + 'a;

/// Parallel combination of per-group (n, mean, M2) triples (Chan, Golub & LeVeque 1979).
fn combine_groups(groups: &[(u64, f64, f64)]) -> (u64, Option<f64>, Option<f64>) {
    let n: u64 = groups.iter().map(|g| g.0).sum();
    if n == 0 {
        return (0, None, None);
    }
    let mean = groups.iter().map(|g| g.0 as f64 * g.1).sum::<f64>() / n as f64;
    let m2: f64 = groups.iter().map(|g| g.2 + g.0 as f64 * (g.1 - mean).powi(2)).sum();
    (n, Some(mean), (n > 1).then(|| m2 / (n as f64 - 1.0)))
}

impl SurveyPartials {
    /// Computes every reported statistic from the partial aggregate.
    pub fn finish(&self, options: &AnalysisOptions) -> SurveyAnalysis {
        let instrument = &self.instrument;
        let batteries = instrument.batteries();
        let l = self.denominator as f64;
        let dims = instrument.dimensions().len();

        // Items.
        let mut items: Vec<ItemResult> = instrument
            .items()
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let part = &self.items[i];
                let cp = &part.complete;
                let comparisons = self
                    .comparisons
                    .iter()
                    .zip(&self.subtrahends)
                    .zip(&part.differences)
                    .map(|((&c, &s), hist)| {
                        let n = cp.n();
                        let mean = (n > 0).then(|| (cp.sum(self.perceived) - cp.sum(s)) as f64 / n as f64);
                        let variance =
                            cp.combination_covariance(&[vec![(self.perceived, 1), (s, -1)]]).map(|v| v[0]);
                        comparison_stats(
                            c,
                            DifferenceSummary { n, mean, variance },
                            cp.variance(self.perceived),
                            cp.variance(s),
                            hist,
                            options,
                        )
                    })
                    .collect();
                let (satisfaction_correlation, satisfaction_suppressed) =
                    satisfaction(&part.with_overall, instrument.overall().is_some());
                ItemResult {
                    index: i,
                    id: item.id.clone(),
                    dimension: item.dimension,
                    n: cp.n(),
                    batteries: battery_stats(batteries, cp.n(), |k| cp.mean(k), |k| cp.variance(k)),
                    comparisons,
                    zone: (self.subtrahends.len() == 2).then(|| ZoneShares::from_counts(&part.zone)),
                    satisfaction_correlation,
                    satisfaction_suppressed,
                }
            })
            .collect();
        for c in 0..self.comparisons.len() {
            let mut family: Vec<&mut ComparisonStats> =
                items.iter_mut().map(|it| &mut it.comparisons[c]).collect();
            adjust(&mut family);
        }

        // Importance shares per dimension, renormalised per respondent.
        let importance: Vec<Option<ImportanceShare>> = (0..dims)
            .map(|d| {
                let groups: Vec<(u64, f64, f64)> = self
                    .allocations
                    .iter()
                    .filter_map(|(&total, g)| {
                        let m = &g.points[d];
                        let scale = total as f64 / 100.0;
                        let mean = m.mean(scale)?;
                        let m2 = m.variance(scale).unwrap_or(0.0) * (m.n() as f64 - 1.0).max(0.0);
                        Some((m.n(), mean, m2))
                    })
                    .collect();
                let (n, mean, var) = combine_groups(&groups);
                mean.map(|mean_points| ImportanceShare { n, mean_points, sd: var.map(f64::sqrt) })
            })
            .collect();

        // Dimensions.
        let mut dimensions: Vec<DimensionResult> = instrument
            .dimensions()
            .iter()
            .enumerate()
            .map(|(d, dim)| {
                let part = &self.dimensions[d];
                let w = &part.scores;
                let comparisons = self
                    .comparisons
                    .iter()
                    .zip(&self.subtrahends)
                    .zip(&part.differences)
                    .map(|((&c, &s), hist)| {
                        comparison_stats(
                            c,
                            wide_summary(w, self.perceived, s, l),
                            w.covariance(self.perceived, self.perceived, l),
                            w.covariance(s, s, l),
                            hist,
                            options,
                        )
                    })
                    .collect();
                let (reliability, difference_reliability) = reliability_suite(
                    self,
                    &part.listwise,
                    &part.battery_only,
                    instrument.items_of(d).len(),
                    options.confidence,
                );
                DimensionResult {
                    index: d,
                    id: dim.id.clone(),
                    n: w.n(),
                    batteries: battery_stats(batteries, w.n(), |k| w.mean(k, l), |k| w.covariance(k, k, l)),
                    comparisons,
                    zone: (self.subtrahends.len() == 2).then(|| ZoneShares::from_counts(&part.zone)),
                    reliability,
                    difference_reliability,
                    importance: importance[d],
                }
            })
            .collect();
        for c in 0..self.comparisons.len() {
            let mut family: Vec<&mut ComparisonStats> =
                dimensions.iter_mut().map(|dim| &mut dim.comparisons[c]).collect();
            adjust(&mut family);
        }

        let overall = self.overall_scores(&dimensions, options);
        let items_all: usize = instrument.items().len();
        let (reliability, _) =
            reliability_suite(self, &self.full, &self.full_battery_only, items_all, options.confidence);
        let (ipa, ipa_crosshairs) = self.ipa(&items, &importance, options);
        let renormalised_allocations = self
            .allocations
            .iter()
            .filter(|(&t, _)| t != 100)
            .map(|(_, g)| g.points.first().map_or(0, |m| m.n()))
            .sum();

        SurveyAnalysis {
            options: *options,
            respondents: self.respondents,
            fully_covered: self.overall.unweighted.n(),
            coverage_share: self.coverage.share(),
            items,
            dimensions,
            overall,
            reliability,
            renormalised_allocations,
            satisfaction_n: self.satisfaction.n(),
            ipa,
            ipa_crosshairs,
            score_distributions: self
                .comparisons
                .iter()
                .zip(&self.overall.differences)
                .map(|(&comparison, hist)| {
                    let scale = self.denominator as f64 * dims as f64;
                    ScoreDistribution {
                        comparison,
                        counts: hist.entries().into_iter().map(|(v, c)| (v as f64 / scale, c)).collect(),
                    }
                })
                .collect(),
        }
    }

    fn overall_scores(&self, dimensions: &[DimensionResult], options: &AnalysisOptions) -> Vec<OverallScore> {
        let dims = self.instrument.dimensions().len() as f64;
        let l = self.denominator as f64;
        let u = &self.overall.unweighted;
        let mut out = Vec::new();
        let test = |mean: Option<f64>, var: Option<f64>, n: u64| match (mean, var) {
            (Some(m), Some(v)) => one_sample_t(n, m, v.sqrt(), 0.0, options.confidence),
            _ => None,
        };
        let interval =
            |mean: Option<f64>, var: Option<f64>, n: u64| test(mean, var, n).map(|t| (t.ci_low, t.ci_high));

        // Weighted scores: per allocation total T the values are N/(T·L).
        let weighted = |pick: &MeanAndVariance<'_>| {
            let groups: Vec<(u64, f64, f64)> = self
                .allocations
                .iter()
                .filter_map(|(&total, g)| {
                    let n = g.weighted.n();
                    let (mean, var) = pick(&g.weighted, total as f64 * l);
                    Some((n, mean?, var.unwrap_or(0.0) * (n as f64 - 1.0).max(0.0)))
                })
                .collect();
            combine_groups(&groups)
        };

        for (c, (&comparison, &s)) in self.comparisons.iter().zip(&self.subtrahends).enumerate() {
            let summary = wide_summary(u, self.perceived, s, dims * l);
            out.push(OverallScore {
                kind: OverallKind::Unweighted,
                comparison: Some(comparison),
                n: summary.n,
                mean: summary.mean,
                sd: summary.variance.map(f64::sqrt),
                t_test: test(summary.mean, summary.variance, summary.n),
                ci: None,
                wilcoxon: signed_rank(&self.overall.differences[c].entries(), options.wilcoxon),
            });
            let means: Vec<f64> = dimensions.iter().filter_map(|d| d.comparisons[c].mean).collect();
            out.push(OverallScore {
                kind: OverallKind::MeanOfDimensions,
                comparison: Some(comparison),
                n: means.len() as u64,
                mean: (means.len() == dimensions.len() && !means.is_empty())
                    .then(|| means.iter().sum::<f64>() / means.len() as f64),
                sd: None,
                t_test: None,
                ci: None,
                wilcoxon: None,
            });
            if self.instrument.has_importance() && !self.allocations.is_empty() {
                let p = self.perceived;
                let (n, mean, var) = weighted(&|w, den| {
                    let n = w.n();
                    (
                        (n > 0).then(|| (w.sum(p) - w.sum(s)) as f64 / (n as f64 * den)),
                        w.difference_variance(p, s, den),
                    )
                });
                out.push(OverallScore {
                    kind: OverallKind::Weighted,
                    comparison: Some(comparison),
                    n,
                    mean,
                    sd: var.map(f64::sqrt),
                    t_test: test(mean, var, n),
                    ci: None,
                    wilcoxon: None,
                });
            }
        }

        // SERVPERF: perceptions only.
        let p = self.perceived;
        let (mean, var) = (u.mean(p, dims * l), u.covariance(p, p, dims * l));
        out.push(OverallScore {
            kind: OverallKind::Unweighted,
            comparison: None,
            n: u.n(),
            mean,
            sd: var.map(f64::sqrt),
            t_test: None,
            ci: interval(mean, var, u.n()),
            wilcoxon: None,
        });
        if self.instrument.has_importance() && !self.allocations.is_empty() {
            let (n, mean, var) = weighted(&|w, den| (w.mean(p, den), w.covariance(p, p, den)));
            out.push(OverallScore {
                kind: OverallKind::Weighted,
                comparison: None,
                n,
                mean,
                sd: var.map(f64::sqrt),
                t_test: None,
                ci: interval(mean, var, n),
                wilcoxon: None,
            });
        }
        out
    }

    fn ipa(
        &self,
        items: &[ItemResult],
        importance: &[Option<ImportanceShare>],
        options: &AnalysisOptions,
    ) -> (Vec<IpaPoint>, Option<IpaCrosshairs>) {
        let performance: Vec<Option<f64>> = items
            .iter()
            .map(|it| it.batteries.iter().find(|b| b.battery == Battery::Perceived).and_then(|b| b.mean))
            .collect();
        let known: Vec<f64> = performance.iter().flatten().copied().collect();
        if known.is_empty() {
            return (Vec::new(), None);
        }
        let mean_of = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let performance_cut = match options.crosshair {
            Crosshair::DataMean => mean_of(&known).unwrap_or(0.0),
            Crosshair::ScaleMidpoint => self.instrument.scale().midpoint(),
        };
        let stated: Vec<Option<ImportanceShare>> =
            items.iter().map(|it| importance.get(it.dimension).copied().flatten()).collect();
        let derived: Vec<(Option<f64>, Option<Suppressed>)> = items.iter().map(derived_importance).collect();
        let dims = self.instrument.dimensions().len();
        let stated_cut = (stated.iter().any(Option::is_some) && dims > 0).then(|| 100.0 / dims as f64);
        let shown: Vec<f64> = derived.iter().filter_map(|d| d.0).collect();
        let derived_cut = mean_of(&shown);
        let points = items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                let perf = performance[i]?;
                let quadrant = |importance: Option<f64>, cut: Option<f64>, basis_n: u64| {
                    let reason = Suppressed::below(it.n.min(basis_n), MIN_IPA_N);
                    let quadrant = importance
                        .zip(cut)
                        .filter(|_| reason.is_none())
                        .map(|(imp, cut)| IpaQuadrant::classify(imp, perf, cut, performance_cut));
                    (quadrant, importance.and(reason))
                };
                let share = stated[i];
                let (stated_quadrant, stated_suppressed) =
                    quadrant(share.map(|s| s.mean_points), stated_cut, share.map_or(0, |s| s.n));
                let (derived_r, derived_reason) = derived[i];
                let derived_n = it.satisfaction_correlation.map_or(0, |(_, n)| n);
                let (derived_quadrant, small) = quadrant(derived_r, derived_cut, derived_n);
                Some(IpaPoint {
                    item: it.index,
                    performance: perf,
                    stated_importance: share.map(|s| s.mean_points),
                    stated_quadrant,
                    stated_suppressed,
                    derived_importance: derived_r,
                    derived_quadrant,
                    derived_suppressed: derived_reason.or(small),
                })
            })
            .collect();
        (
            points,
            Some(IpaCrosshairs {
                performance: performance_cut,
                stated_importance: stated_cut,
                derived_importance: derived_cut,
            }),
        )
    }
}

/// Derived importance of an item: its r with satisfaction when at least [`MIN_IPA_N`]
/// pairs stand behind it, otherwise why not; `(None, None)` when satisfaction was not asked.
fn derived_importance(item: &ItemResult) -> (Option<f64>, Option<Suppressed>) {
    match item.satisfaction_correlation {
        Some((r, n)) => match Suppressed::below(n, MIN_IPA_N) {
            Some(reason) => (None, Some(reason)),
            None => (Some(r), None),
        },
        None => (None, item.satisfaction_suppressed),
    }
}
