//! The report view model: a serialisable, explicitly versioned copy of an analysis.
//!
//! Core types do not derive `Serialize`; this module converts them field by field,
//! so a refactor in `servgap-core` cannot silently change the JSON contract
//! documented in `docs/analysis-json.md`.

use serde::{Deserialize, Serialize};
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{
    ComparisonStats, DifferenceReliability, Insight, OverallScore, ScaleReliability, Suppressed,
    SurveyAnalysis,
};
use servgap_core::stats::wilcoxon::{WilcoxonMethod, ZeroMethod};

use super::charts::ChartsView;
use super::common::{battery_views, BatteryView, InputSummary, InstrumentView, Texts};
use super::segments::SegmentsView;

/// Identifier of the JSON layout; bumped on any incompatible change.
pub const SCHEMA: &str = "servgap.analysis/3";

/// The whole report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnalysisReport {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// servgap version that produced it.
    pub servgap_version: String,
    /// The input.
    pub input: InputSummary,
    /// The instrument.
    pub instrument: InstrumentView,
    /// Options that changed numbers.
    pub method: MethodView,
    /// Respondent counts.
    pub respondents: RespondentsView,
    /// Per dimension.
    pub dimensions: Vec<DimensionView>,
    /// Per item.
    pub items: Vec<ItemView>,
    /// Overall scores.
    pub overall: Vec<OverallView>,
    /// Whole-instrument reliability.
    pub reliability: Vec<ReliabilityView>,
    /// Importance–performance analysis.
    pub ipa: Option<IpaView>,
    /// Findings ranked by importance, language-free (see `insights.rs` for the sentences).
    pub insights: Vec<InsightView>,
    /// Distribution of the respondents' unweighted overall score, per comparison.
    pub score_distributions: Vec<DistributionView>,
    /// Items and dimensions by measure, largest shortfall first (the core's ranking);
    /// the first entry orders the tables.
    pub rankings: Vec<RankingView>,
    /// The data of every chart (see [`super::charts`]).
    pub charts: ChartsView,
    /// Segment comparison (`analyze --by COLUMN`); see [`super::segments`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<SegmentsView>,
}

/// Options echoed for the methods section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MethodView {
    /// Confidence level of intervals.
    pub confidence: f64,
    /// Missing-data policy in words.
    pub missing_data: String,
    /// Minimum share of a dimension's items for a dimension score.
    pub dimension_coverage: f64,
    /// `wilcox` or `pratt`.
    pub wilcoxon_zero_method: String,
    /// Continuity correction in the normal approximation.
    pub wilcoxon_continuity: bool,
    /// `auto`, `exact` or `normal`.
    pub wilcoxon_method: String,
    /// Effect sizes reported.
    pub effect_sizes: String,
    /// Weighting of the weighted score.
    pub weighting: String,
    /// IPA crosshair.
    pub ipa_crosshair: String,
    /// Definition of `rank_biserial`: `kerby-nonzero-reranked` (Kerby's simple
    /// difference on the non-zero differences ranked among themselves, as pingouin).
    pub rank_biserial: String,
}

/// Why a statistic is null (schema 3): `reason` is `too-few-respondents` (with `n`
/// and `minimum`), `too-few-items`, `zero-variance` or `out-of-range`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedView {
    /// Reason id.
    pub reason: String,
    /// Respondents available (`too-few-respondents` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u64>,
    /// Respondents needed (`too-few-respondents` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<u64>,
}

impl SuppressedView {
    fn of(reason: Option<Suppressed>) -> Option<Self> {
        reason.map(|r| {
            let (n, minimum) = match r {
                Suppressed::TooFewRespondents { n, minimum } => (Some(n), Some(minimum)),
                _ => (None, None),
            };
            SuppressedView { reason: r.id().to_owned(), n, minimum }
        })
    }
}

/// Whether a p-value is below the core's floor 1e-300 (an underflow to 0 included): printers
/// write it as "< 1e-300", never as 0.
pub fn p_is_below_floor(p: f64) -> bool {
    servgap_core::servqual::p_is_below_floor(p)
}

/// `Some(1e-300)` when `p` is below the core's floor (an underflow to 0 included).
fn p_below(p: f64) -> Option<f64> {
    servgap_core::servqual::p_is_below_floor(p).then_some(servgap_core::servqual::P_FLOOR)
}

/// Respondent counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RespondentsView {
    /// Respondents read.
    pub total: u64,
    /// Respondents with a score on every dimension.
    pub fully_covered: u64,
    /// Importance allocations renormalised because they did not total 100.
    pub renormalised_allocations: u64,
    /// Overall-satisfaction answers.
    pub satisfaction_answers: u64,
}

/// A comparison with its tests.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComparisonView {
    /// `gap`, `msa` or `mss`.
    pub comparison: String,
    /// Formula, e.g. `P − E`.
    pub formula: String,
    /// Pairs.
    pub n: u64,
    /// Mean difference.
    pub mean: Option<f64>,
    /// SD of differences.
    pub sd: Option<f64>,
    /// Standard error.
    pub se: Option<f64>,
    /// Confidence interval of the mean.
    pub ci: Option<[f64; 2]>,
    /// Paired t test.
    pub t: Option<TView>,
    /// Wilcoxon signed-rank test.
    pub wilcoxon: Option<WilcoxonView>,
    /// Cohen's d_z.
    pub cohen_dz: Option<f64>,
    /// Cohen's d_av (signed).
    pub cohen_dav: Option<f64>,
}

/// A t test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TView {
    /// Statistic.
    pub t: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// Two-sided p.
    pub p: f64,
    /// 1e-300 when `p` is below it (an underflow to 0 included): read p as "< 1e-300".
    pub p_below: Option<f64>,
    /// Holm-adjusted p.
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p.
    pub p_bh: Option<f64>,
}

/// A Wilcoxon signed-rank test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WilcoxonView {
    /// Sum of positive ranks (R's V).
    pub w_plus: f64,
    /// Sum of negative ranks.
    pub w_minus: f64,
    /// Zero differences.
    pub zeros: u64,
    /// z of the normal approximation.
    pub z: Option<f64>,
    /// Two-sided p.
    pub p: f64,
    /// 1e-300 when `p` is below it (an underflow to 0 included): read p as "< 1e-300".
    pub p_below: Option<f64>,
    /// Exact p?
    pub exact: bool,
    /// Holm-adjusted p.
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p.
    pub p_bh: Option<f64>,
    /// Matched-pairs rank-biserial correlation, Kerby's difference on the non-zero
    /// differences ranked among themselves (pingouin's `RBC`), whatever the zero handling.
    pub rank_biserial: f64,
    /// Under Pratt only: Kerby's difference on the Pratt ranks the test used.
    pub rank_biserial_pratt: Option<f64>,
}

/// Zone-of-tolerance positions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ZoneView {
    /// P below the minimum.
    pub below: u64,
    /// Inside the zone.
    pub inside: u64,
    /// Above the desired level.
    pub above: u64,
    /// Inverted zones (minimum above desired).
    pub inverted: u64,
    /// `below` as a share (0–1) of every respondent counted, inverted zones included;
    /// null when none was counted.
    pub below_share: Option<f64>,
    /// `inside` as a share (0–1), as `below_share`.
    pub inside_share: Option<f64>,
    /// `above` as a share (0–1), as `below_share`.
    pub above_share: Option<f64>,
}

/// An item.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemView {
    /// Identifier.
    pub id: String,
    /// Dimension identifier.
    pub dimension: String,
    /// Statement, per language.
    pub texts: Texts,
    /// Respondents with every battery answered.
    pub n: u64,
    /// Per battery.
    pub batteries: Vec<BatteryView>,
    /// Per comparison.
    pub comparisons: Vec<ComparisonView>,
    /// Zone (three-column).
    pub zone: Option<ZoneView>,
    /// r(P, overall satisfaction) and its n.
    pub satisfaction_r: Option<(f64, u64)>,
    /// Why `satisfaction_r` is null although satisfaction was asked.
    pub satisfaction_r_suppressed: Option<SuppressedView>,
}

/// Reliability of one scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReliabilityView {
    /// Battery code or comparison id.
    pub scale: String,
    /// Listwise respondents.
    pub n: u64,
    /// Items.
    pub k: usize,
    /// Cronbach's alpha.
    pub alpha: Option<f64>,
    /// Feldt interval.
    pub alpha_ci: Option<[f64; 2]>,
    /// Standardised alpha.
    pub standardized_alpha: Option<f64>,
    /// Spearman–Brown (two-item scales).
    pub spearman_brown: Option<f64>,
    /// Alpha if each item is deleted, in item order.
    pub alpha_if_deleted: Vec<Option<f64>>,
    /// Corrected item–total r, in item order.
    pub item_total_r: Vec<Option<f64>>,
    /// Alpha below the core's threshold (`servgap_core::servqual::MIN_ALPHA`, 0.70).
    pub low: bool,
    /// Why alpha (and every other figure of the scale) is null.
    pub suppressed: Option<SuppressedView>,
}

/// Difference-score diagnostics.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DifferenceView {
    /// Comparison id.
    pub comparison: String,
    /// Respondents complete on every rating of the dimension: the one sample of every
    /// ingredient below.
    pub n: u64,
    /// α of the P items over those respondents.
    pub alpha_p: Option<f64>,
    /// α of the X items over those respondents.
    pub alpha_x: Option<f64>,
    /// r(P total, X total).
    pub r_px: Option<f64>,
    /// Reliability of the difference score.
    pub r_dd: Option<f64>,
    /// r(difference, P).
    pub r_diff_p: Option<f64>,
    /// r(difference, X), X being the subtracted battery (E for the gap, A for MSA, D for MSS).
    pub r_diff_x: Option<f64>,
    /// r_DD below the core's threshold (`MIN_DIFFERENCE_RELIABILITY`, 0.70), or
    /// suppressed as out of range.
    pub unreliable: bool,
    /// r_DD is negative: the difference score has no reliable variance.
    pub negative: bool,
    /// r_DD rests on fewer than 30 respondents: read with care.
    pub small_sample: bool,
    /// Why `r_dd` is null.
    pub suppressed: Option<SuppressedView>,
}

/// A dimension.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DimensionView {
    /// Identifier.
    pub id: String,
    /// Name, per language.
    pub names: Texts,
    /// Item identifiers.
    pub items: Vec<String>,
    /// Respondents meeting the coverage rule.
    pub n: u64,
    /// Per battery.
    pub batteries: Vec<BatteryView>,
    /// Per comparison.
    pub comparisons: Vec<ComparisonView>,
    /// Zone (three-column).
    pub zone: Option<ZoneView>,
    /// Reliability per battery and comparison.
    pub reliability: Vec<ReliabilityView>,
    /// Difference-score diagnostics.
    pub difference_scores: Vec<DifferenceView>,
    /// Mean importance points (0–100).
    pub importance_points: Option<f64>,
}

/// An overall score.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OverallView {
    /// `servqual` (with a comparison) or `servperf`.
    pub score: String,
    /// Comparison id for SERVQUAL scores.
    pub comparison: Option<String>,
    /// `unweighted`, `mean-of-dimensions` or `weighted`.
    pub aggregation: String,
    /// Respondents (dimensions for mean-of-dimensions).
    pub n: u64,
    /// Score.
    pub mean: Option<f64>,
    /// SD over respondents.
    pub sd: Option<f64>,
    /// Confidence interval.
    pub ci: Option<[f64; 2]>,
    /// t test against zero.
    pub t: Option<TView>,
    /// Wilcoxon test against zero.
    pub wilcoxon: Option<WilcoxonView>,
}

/// IPA grid.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IpaView {
    /// Performance crosshair.
    pub performance_cut: f64,
    /// Stated-importance crosshair.
    pub stated_importance_cut: Option<f64>,
    /// Derived-importance crosshair: mean r over the items whose derived importance is reported.
    pub derived_importance_cut: Option<f64>,
    /// Always `dimension`: stated importance is asked per dimension, so every item of a
    /// dimension carries its dimension's points.
    pub stated_importance_level: String,
    /// Fewest respondents behind a derived importance or a quadrant (30).
    pub min_n: u64,
    /// Items.
    pub points: Vec<IpaPointView>,
}

/// One IPA item.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IpaPointView {
    /// Item id.
    pub item: String,
    /// Mean P.
    pub performance: f64,
    /// Mean points of the item's dimension (dimension-level).
    pub stated_importance: Option<f64>,
    /// Quadrant (A–D) by stated importance.
    pub stated_quadrant: Option<String>,
    /// Why the stated quadrant is null.
    pub stated_suppressed: Option<SuppressedView>,
    /// r with overall satisfaction.
    pub derived_importance: Option<f64>,
    /// Quadrant by derived importance.
    pub derived_quadrant: Option<String>,
    /// Why the derived importance or quadrant is null.
    pub derived_suppressed: Option<SuppressedView>,
}

/// The core's ranking by one measure (`servgap_core::servqual::SurveyAnalysis::rankings`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RankingView {
    /// Comparison id, or `perceived` (mean P) when the format has none.
    pub measure: String,
    /// Item ids, largest shortfall first.
    pub items: Vec<String>,
    /// Dimension ids, largest shortfall first.
    pub dimensions: Vec<String>,
}

/// Exact distribution of a respondent-level overall score.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DistributionView {
    /// Comparison id.
    pub comparison: String,
    /// `[score, respondents]` pairs in increasing score order.
    pub counts: Vec<(f64, u64)>,
}

/// One item's shortfall named by an insight.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemGapView {
    /// Item id.
    pub item: String,
    /// Mean difference.
    pub mean: f64,
    /// Confidence interval.
    pub ci: Option<[f64; 2]>,
    /// Holm-adjusted p of the paired t test.
    pub p_holm: Option<f64>,
}

/// A finding of the analysis, ranked; `kind` names the variant (kebab-case).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum InsightView {
    /// Items significantly below the standard (Holm p < 0.05), largest first (at most 3).
    LargestSignificantGaps {
        /// Comparison id.
        comparison: String,
        /// Items significantly below the standard in all.
        significant: usize,
        /// The largest.
        items: Vec<ItemGapView>,
    },
    /// No item significantly below the standard.
    NoSignificantGaps {
        /// Comparison id.
        comparison: String,
    },
    /// The dimension with the lowest mean difference (or mean P, comparison null).
    WeakestDimension {
        /// Comparison id, or null for perceptions only.
        comparison: Option<String>,
        /// Dimension id.
        dimension: String,
        /// Mean.
        mean: f64,
        /// Confidence interval.
        ci: Option<[f64; 2]>,
        /// Holm-adjusted p over the dimensions.
        p_holm: Option<f64>,
    },
    /// Items in IPA quadrant A.
    ConcentrateHere {
        /// `stated` or `derived` importance.
        importance: String,
        /// Item ids.
        items: Vec<String>,
    },
    /// Cronbach's alpha below 0.70.
    LowReliability {
        /// Dimension id, or null for the whole instrument.
        dimension: Option<String>,
        /// Battery code or comparison id.
        scale: String,
        /// Alpha.
        alpha: f64,
    },
    /// r_DD below 0.70 or r(P, X) at least 0.50.
    DifferenceScoreUnreliable {
        /// Dimension id.
        dimension: String,
        /// Comparison id.
        comparison: String,
        /// Difference-score reliability.
        r_dd: Option<f64>,
        /// r(P, X).
        r_px: Option<f64>,
    },
    /// Items or dimensions with fewer than 30 respondents.
    SmallSample {
        /// Item ids.
        items: Vec<String>,
        /// Dimension ids.
        dimensions: Vec<String>,
        /// Smallest n.
        min_n: u64,
    },
    /// Importance allocations not totalling 100, renormalised.
    RenormalisedAllocations {
        /// Respondents.
        respondents: u64,
    },
}

impl InsightView {
    fn new(insight: &Insight, item_ids: &[String], dim_ids: &[String]) -> Self {
        let item = |i: &usize| item_ids.get(*i).cloned().unwrap_or_default();
        let dim = |d: &usize| dim_ids.get(*d).cloned().unwrap_or_default();
        match insight {
            Insight::LargestSignificantGaps { comparison, significant, items } => {
                InsightView::LargestSignificantGaps {
                    comparison: comparison.id().to_owned(),
                    significant: *significant,
                    items: items
                        .iter()
                        .map(|g| ItemGapView {
                            item: item(&g.item),
                            mean: g.mean,
                            ci: g.ci.map(|(a, b)| [a, b]),
                            p_holm: g.p_holm,
                        })
                        .collect(),
                }
            }
            Insight::NoSignificantGaps { comparison } => {
                InsightView::NoSignificantGaps { comparison: comparison.id().to_owned() }
            }
            Insight::WeakestDimension { comparison, dimension, mean, ci, p_holm } => {
                InsightView::WeakestDimension {
                    comparison: comparison.map(|c| c.id().to_owned()),
                    dimension: dim(dimension),
                    mean: *mean,
                    ci: ci.map(|(a, b)| [a, b]),
                    p_holm: *p_holm,
                }
            }
            Insight::ConcentrateHere { basis, items } => InsightView::ConcentrateHere {
                importance: basis.id().to_owned(),
                items: items.iter().map(item).collect(),
            },
            Insight::LowReliability { dimension, scale, alpha } => InsightView::LowReliability {
                dimension: dimension.as_ref().map(dim),
                scale: scale.clone(),
                alpha: *alpha,
            },
            Insight::DifferenceScoreUnreliable { dimension, comparison, r_dd, r_px } => {
                InsightView::DifferenceScoreUnreliable {
                    dimension: dim(dimension),
                    comparison: comparison.id().to_owned(),
                    r_dd: *r_dd,
                    r_px: *r_px,
                }
            }
            Insight::SmallSample { items, dimensions, min_n } => InsightView::SmallSample {
                items: items.iter().map(item).collect(),
                dimensions: dimensions.iter().map(dim).collect(),
                min_n: *min_n,
            },
            Insight::RenormalisedAllocations { respondents } => {
                InsightView::RenormalisedAllocations { respondents: *respondents }
            }
        }
    }
}

fn wilcoxon_view(
    w: &servgap_core::stats::wilcoxon::Wilcoxon,
    holm: Option<f64>,
    bh: Option<f64>,
) -> WilcoxonView {
    WilcoxonView {
        w_plus: w.w_plus,
        w_minus: w.w_minus,
        zeros: w.zeros,
        z: w.z,
        p: w.p,
        p_below: p_below(w.p),
        exact: w.exact,
        p_holm: holm,
        p_bh: bh,
        rank_biserial: w.rank_biserial,
        rank_biserial_pratt: w.rank_biserial_pratt,
    }
}

fn comparison(c: &ComparisonStats) -> ComparisonView {
    ComparisonView {
        comparison: c.comparison.id().to_owned(),
        formula: c.comparison.formula().to_owned(),
        n: c.n,
        mean: c.mean,
        sd: c.sd,
        se: c.se,
        ci: c.t_test.map(|t| [t.ci_low, t.ci_high]),
        t: c.t_test.map(|t| TView {
            t: t.t,
            df: t.df,
            p: t.p,
            p_below: p_below(t.p),
            p_holm: c.t_p_holm,
            p_bh: c.t_p_bh,
        }),
        wilcoxon: c.wilcoxon.as_ref().map(|w| wilcoxon_view(w, c.wilcoxon_p_holm, c.wilcoxon_p_bh)),
        cohen_dz: c.d_z,
        cohen_dav: c.d_av,
    }
}

fn reliability(r: &ScaleReliability) -> ReliabilityView {
    ReliabilityView {
        scale: r.label.clone(),
        n: r.n,
        k: r.k,
        alpha: r.alpha,
        alpha_ci: r.alpha_ci.map(|(a, b)| [a, b]),
        standardized_alpha: r.standardized_alpha,
        spearman_brown: r.spearman_brown,
        alpha_if_deleted: r.alpha_if_deleted.clone(),
        item_total_r: r.item_total.clone(),
        low: servgap_core::servqual::alpha_is_low(r.alpha),
        suppressed: SuppressedView::of(r.suppressed),
    }
}

fn difference(d: &DifferenceReliability) -> DifferenceView {
    DifferenceView {
        comparison: d.comparison.id().to_owned(),
        n: d.n,
        alpha_p: d.alpha_p,
        alpha_x: d.alpha_x,
        r_px: d.r_px,
        r_dd: d.r_dd,
        r_diff_p: d.r_diff_p,
        r_diff_x: d.r_diff_x,
        unreliable: servgap_core::servqual::difference_is_unreliable(d.r_dd)
            || d.suppressed == Some(Suppressed::OutOfRange),
        negative: d.is_negative(),
        small_sample: d.is_small_sample(),
        suppressed: SuppressedView::of(d.suppressed),
    }
}

fn zone(z: &servgap_core::servqual::ZoneShares) -> ZoneView {
    ZoneView {
        below: z.below,
        inside: z.inside,
        above: z.above,
        inverted: z.inverted,
        below_share: z.share(z.below),
        inside_share: z.share(z.inside),
        above_share: z.share(z.above),
    }
}

fn overall(o: &OverallScore) -> OverallView {
    OverallView {
        score: if o.comparison.is_some() { "servqual" } else { "servperf" }.to_owned(),
        comparison: o.comparison.map(|c| c.id().to_owned()),
        aggregation: o.kind.id().to_owned(),
        n: o.n,
        mean: o.mean,
        sd: o.sd,
        ci: o.t_test.map(|t| [t.ci_low, t.ci_high]).or(o.ci.map(|(a, b)| [a, b])),
        t: o.t_test.map(|t| TView {
            t: t.t,
            df: t.df,
            p: t.p,
            p_below: p_below(t.p),
            p_holm: None,
            p_bh: None,
        }),
        wilcoxon: o.wilcoxon.as_ref().map(|w| wilcoxon_view(w, None, None)),
    }
}

impl AnalysisReport {
    /// Builds the language-free view of `analysis` of `instrument`: every text of the
    /// instrument comes in every language it has; printers choose one at render time.
    pub fn new(instrument: &Instrument, analysis: &SurveyAnalysis, input: InputSummary) -> Self {
        let dim_ids: Vec<String> = instrument.dimensions().iter().map(|d| d.id.clone()).collect();
        let item_ids: Vec<String> = instrument.items().iter().map(|i| i.id.clone()).collect();
        let options = &analysis.options;
        let method = MethodView {
            confidence: options.confidence,
            missing_data: format!(
                "pairwise per item (an item counts for a respondent when every battery of it is answered); \
                 a dimension score needs at least {:.0} % of the dimension's items; overall scores need every \
                 dimension; reliability is listwise per dimension; invalid cells are treated as missing",
                analysis.coverage_share * 100.0
            ),
            dimension_coverage: analysis.coverage_share,
            wilcoxon_zero_method: match options.wilcoxon.zero_method {
                ZeroMethod::Wilcox => "wilcox",
                ZeroMethod::Pratt => "pratt",
            }
            .to_owned(),
            wilcoxon_continuity: options.wilcoxon.continuity,
            wilcoxon_method: match options.wilcoxon.method {
                WilcoxonMethod::Auto => "auto",
                WilcoxonMethod::Exact => "exact",
                WilcoxonMethod::Normal => "normal",
            }
            .to_owned(),
            effect_sizes: "Cohen's d_z = mean/sd of differences; d_av = mean/sqrt((s_P^2 + s_X^2)/2); \
                           matched-pairs rank-biserial r = (R+ - R-)/(R+ + R-) over the non-zero differences \
                           ranked among themselves (Kerby 2014, pingouin)"
                .to_owned(),
            weighting: "respondent-level: each respondent's points / their total (PZB 1990)".to_owned(),
            ipa_crosshair: match options.crosshair {
                servgap_core::servqual::Crosshair::DataMean => "data-mean",
                servgap_core::servqual::Crosshair::ScaleMidpoint => "scale-midpoint",
            }
            .to_owned(),
            rank_biserial: "kerby-nonzero-reranked".to_owned(),
        };
        let ipa = analysis.ipa_crosshairs.map(|cuts| IpaView {
            performance_cut: cuts.performance,
            stated_importance_cut: cuts.stated_importance,
            derived_importance_cut: cuts.derived_importance,
            stated_importance_level: "dimension".to_owned(),
            min_n: servgap_core::servqual::MIN_IPA_N,
            points: analysis
                .ipa
                .iter()
                .map(|p| IpaPointView {
                    item: item_ids[p.item].clone(),
                    performance: p.performance,
                    stated_importance: p.stated_importance,
                    stated_quadrant: p.stated_quadrant.map(|q| q.letter().to_owned()),
                    stated_suppressed: SuppressedView::of(p.stated_suppressed),
                    derived_importance: p.derived_importance,
                    derived_quadrant: p.derived_quadrant.map(|q| q.letter().to_owned()),
                    derived_suppressed: SuppressedView::of(p.derived_suppressed),
                })
                .collect(),
        });
        let mut report = AnalysisReport {
            schema: SCHEMA.to_owned(),
            servgap_version: env!("CARGO_PKG_VERSION").to_owned(),
            input,
            instrument: InstrumentView::new(instrument),
            method,
            respondents: RespondentsView {
                total: analysis.respondents,
                fully_covered: analysis.fully_covered,
                renormalised_allocations: analysis.renormalised_allocations,
                satisfaction_answers: analysis.satisfaction_n,
            },
            dimensions: analysis
                .dimensions
                .iter()
                .map(|d| {
                    let dim = &instrument.dimensions()[d.index];
                    DimensionView {
                        id: d.id.clone(),
                        names: Texts::from_localized(&dim.name),
                        items: instrument.items_of(d.index).iter().map(|&i| item_ids[i].clone()).collect(),
                        n: d.n,
                        batteries: battery_views(&d.batteries),
                        comparisons: d.comparisons.iter().map(comparison).collect(),
                        zone: d.zone.as_ref().map(zone),
                        reliability: d.reliability.iter().map(reliability).collect(),
                        difference_scores: d.difference_reliability.iter().map(difference).collect(),
                        importance_points: d.importance.map(|i| i.mean_points),
                    }
                })
                .collect(),
            items: analysis
                .items
                .iter()
                .map(|it| {
                    let item = &instrument.items()[it.index];
                    ItemView {
                        id: it.id.clone(),
                        dimension: dim_ids[it.dimension].clone(),
                        texts: Texts::from_localized(&item.text),
                        n: it.n,
                        batteries: battery_views(&it.batteries),
                        comparisons: it.comparisons.iter().map(comparison).collect(),
                        zone: it.zone.as_ref().map(zone),
                        satisfaction_r: it.satisfaction_correlation,
                        satisfaction_r_suppressed: SuppressedView::of(it.satisfaction_suppressed),
                    }
                })
                .collect(),
            overall: analysis.overall.iter().map(overall).collect(),
            reliability: analysis.reliability.iter().map(reliability).collect(),
            ipa,
            insights: servgap_core::servqual::insights(analysis, instrument)
                .iter()
                .map(|i| InsightView::new(i, &item_ids, &dim_ids))
                .collect(),
            score_distributions: analysis
                .score_distributions
                .iter()
                .map(|d| DistributionView {
                    comparison: d.comparison.id().to_owned(),
                    counts: d.counts.clone(),
                })
                .collect(),
            rankings: analysis
                .rankings()
                .iter()
                .map(|r| RankingView {
                    measure: r.comparison.map_or("perceived", |c| c.id()).to_owned(),
                    items: r.items.iter().map(|&i| analysis.items[i].id.clone()).collect(),
                    dimensions: r.dimensions.iter().map(|&d| analysis.dimensions[d].id.clone()).collect(),
                })
                .collect(),
            segments: None,
            charts: ChartsView::default(),
        };
        report.charts = ChartsView::of(&report);
        report
    }
}

impl DimensionView {
    /// Name in `lang` (the id when the instrument has none).
    pub fn name(&self, lang: &str) -> &str {
        self.names.or(lang, &self.id)
    }
}

impl ItemView {
    /// Wording in `lang` (empty when the instrument has none).
    pub fn text(&self, lang: &str) -> &str {
        self.texts.or(lang, "")
    }
}

impl AnalysisReport {
    /// The ranking by `measure`, or the first one (the tables' order).
    pub fn ranking(&self, measure: Option<&str>) -> Option<&RankingView> {
        match measure {
            Some(m) => self.rankings.iter().find(|r| r.measure == m),
            None => self.rankings.first(),
        }
    }

    /// Display name of dimension `id` in `lang` (the id when unknown).
    pub fn dimension_name<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.dimensions.iter().find(|d| d.id == id).map_or(id, |d| d.names.or(lang, &d.id))
    }

    /// Wording of item `id` in `lang` (empty when the instrument has none).
    pub fn item_text<'a>(&'a self, id: &str, lang: &str) -> &'a str {
        self.items.iter().find(|i| i.id == id).map_or("", |i| i.texts.or(lang, ""))
    }

    /// Dimensions in the ranking's order (largest shortfall first).
    pub fn ranked_dimensions(&self) -> Vec<&DimensionView> {
        let order = self.ranking(None).map(|r| r.dimensions.as_slice()).unwrap_or_default();
        order.iter().filter_map(|id| self.dimensions.iter().find(|d| &d.id == id)).collect()
    }

    /// Items ranked by `measure` (or the first ranking), largest shortfall first.
    pub fn ranked_items(&self, measure: Option<&str>) -> Vec<&ItemView> {
        let order = self.ranking(measure).map(|r| r.items.as_slice()).unwrap_or_default();
        order.iter().filter_map(|id| self.items.iter().find(|i| &i.id == id)).collect()
    }

    /// Adds the segment comparison to the report (JSON field `segments`).
    pub fn with_segments(mut self, segments: SegmentsView) -> Self {
        self.segments = Some(segments);
        self
    }
}
