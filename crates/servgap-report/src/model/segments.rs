//! Segments of one survey (`analyze --by COLUMN`): per-segment gap tables and the
//! tests across segments. Part of the analysis report (JSON field `segments`).

use serde::{Deserialize, Serialize};
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{
    dunn_differs, games_howell_differs, is_small_sample, ComparisonStats, GapMark, Scope, ScoreSummary,
    SegmentComparison, SegmentTest, MAX_POSTHOC_SEGMENTS, MIN_SEGMENT_N,
};

use super::common::{battery_views, measure_id, scope_texts, BatteryView, Texts};

/// Segments of a survey, their gap tables and the tests across them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentsView {
    /// The segment column.
    pub column: String,
    /// Segments with fewer scored respondents than this are reported but not tested.
    pub min_segment_n: u64,
    /// Confidence level of the segments' intervals.
    pub confidence: f64,
    /// The tests, in English words (for JSON readers; printers word it in their language).
    pub method: String,
    /// Post-hoc pairs are computed only when at most this many segments are tested.
    pub max_posthoc_segments: usize,
    /// The items of the instrument, in questionnaire order (the rows of every
    /// segment's `items`): id, dimension id and text per language.
    pub items: Vec<SegmentItemView>,
    /// Per segment, in order of the segment value.
    pub segments: Vec<SegmentView>,
    /// Per measure: each dimension, then the overall score.
    pub tests: Vec<SegmentTestView>,
    /// Chart data: per measure and scope, each segment's mean and confidence interval.
    pub chart: Vec<SegmentSeriesView>,
}

/// One segment's gap table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentView {
    /// Segment value (`""` for a blank cell).
    pub name: String,
    /// Respondents read.
    pub respondents: u64,
    /// Respondents scored on every dimension.
    pub fully_covered: u64,
    /// Per dimension.
    pub dimensions: Vec<SegmentRowView>,
    /// Per item.
    pub items: Vec<SegmentRowView>,
}

/// A dimension or an item within a segment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentRowView {
    /// Dimension or item id.
    pub id: String,
    /// Respondents counted.
    pub n: u64,
    /// Per battery.
    pub batteries: Vec<BatteryView>,
    /// Per comparison.
    pub comparisons: Vec<SegmentGapView>,
}

/// A comparison's mean within a segment, with the paired t test against 0.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentGapView {
    /// `gap`, `msa` or `mss`.
    pub comparison: String,
    /// Mean difference.
    pub mean: Option<f64>,
    /// SD of the differences.
    pub sd: Option<f64>,
    /// Confidence interval of the mean.
    pub ci: Option<[f64; 2]>,
    /// Paired t p-value.
    pub p: Option<f64>,
    /// Holm-adjusted p within the segment (over items, or over dimensions).
    pub p_holm: Option<f64>,
    /// The core's mark: `shortfall` (mean < 0, Holm p < 0.05), `surplus` (mean > 0,
    /// Holm p < 0.05), `not-significant` or `not-tested`.
    pub mark: String,
}

/// An item of the instrument, as the segments' item tables and heat map name it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentItemView {
    /// Item id.
    pub id: String,
    /// Id of the item's dimension.
    pub dimension: String,
    /// Item text per language.
    pub texts: Texts,
}

/// Post-hoc pairwise comparisons between the tested segments after one omnibus test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PosthocView {
    /// `games-howell` (after Welch's ANOVA) or `dunn-holm` (after Kruskal–Wallis).
    pub method: String,
    /// Whether the omnibus test rejects (Holm p over the dimensions, unadjusted p for
    /// the overall score, below 0.05); null when it could not run. Pairs exist only
    /// when true.
    pub omnibus_rejects: Option<bool>,
    /// More segments were tested than `max_posthoc_segments`: no pairs computed.
    pub too_many_segments: bool,
    /// Every pair of tested segments (empty unless `omnibus_rejects`).
    pub pairs: Vec<PairView>,
}

/// One pair of segments in a post-hoc test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairView {
    /// First segment.
    pub first: String,
    /// Second segment.
    pub second: String,
    /// Games–Howell: mean of first − mean of second; Dunn: difference of mean ranks.
    pub difference: f64,
    /// Games–Howell: Welch's t; Dunn: z.
    pub statistic: f64,
    /// Welch–Satterthwaite df (Games–Howell only).
    pub df: Option<f64>,
    /// Games–Howell: studentized-range p (adjusted for the pairs by construction);
    /// Dunn: unadjusted normal p.
    pub p: f64,
    /// Dunn: Holm-adjusted p over the pairs (null for Games–Howell).
    pub p_holm: Option<f64>,
    /// The core's verdict: the pair differs (the adjusted p below 0.05).
    pub differs: bool,
}

/// One segment's share of a test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentGroupView {
    /// Segment value.
    pub segment: String,
    /// Respondents with the score.
    pub n: u64,
    /// Mean score.
    pub mean: Option<f64>,
    /// SD of the score.
    pub sd: Option<f64>,
    /// Whether the segment entered the tests.
    pub tested: bool,
    /// Fewer respondents than the core's small-sample threshold (`SMALL_SAMPLE`, 30):
    /// read with care.
    pub small: bool,
}

/// Classic one-way ANOVA.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnovaView {
    /// F.
    pub f: f64,
    /// Between-groups df.
    pub df1: f64,
    /// Within-groups df.
    pub df2: f64,
    /// p.
    pub p: f64,
    /// p Holm-adjusted over the dimensions of one measure (null for the overall score).
    #[serde(default)]
    pub p_holm: Option<f64>,
    /// η².
    pub eta_squared: f64,
}

/// Welch's ANOVA.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WelchAnovaView {
    /// F*.
    pub f: f64,
    /// k − 1.
    pub df1: f64,
    /// Welch's denominator df.
    pub df2: f64,
    /// p.
    pub p: f64,
    /// Holm-adjusted p over the dimensions (absent for the overall score).
    pub p_holm: Option<f64>,
}

/// Kruskal–Wallis test.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KruskalView {
    /// Tie-corrected H.
    pub h: f64,
    /// k − 1.
    pub df: f64,
    /// p.
    pub p: f64,
    /// Holm-adjusted p over the dimensions (absent for the overall score).
    pub p_holm: Option<f64>,
    /// ε² = H/(N − 1).
    pub epsilon_squared: f64,
}

/// Tests of one measure on one dimension (or the overall score) across segments.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentTestView {
    /// `dimension` or `overall`.
    pub scope: String,
    /// Dimension id, or `overall`.
    pub id: String,
    /// Dimension name per language (empty for the overall score).
    pub names: Texts,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: String,
    /// Per segment.
    pub groups: Vec<SegmentGroupView>,
    /// Classic one-way ANOVA.
    pub anova: Option<AnovaView>,
    /// Welch's ANOVA.
    pub welch_anova: Option<WelchAnovaView>,
    /// Kruskal–Wallis.
    pub kruskal_wallis: Option<KruskalView>,
    /// The core's verdict: Holm-adjusted Welch p below `SIGNIFICANCE` (0.05); null for
    /// the overall score (not adjusted) or when the test did not run.
    pub differs: Option<bool>,
    /// Whether Kruskal–Wallis (Holm-adjusted) agrees; null as for `differs`.
    pub confirmed_by_ranks: Option<bool>,
    /// The tested segment with the lowest mean (null when none has one).
    pub lowest: Option<String>,
    /// The tested segment with the highest mean.
    pub highest: Option<String>,
    /// Games–Howell pairs (after Welch's ANOVA).
    pub games_howell: PosthocView,
    /// Dunn's pairs, Holm-adjusted (after Kruskal–Wallis).
    pub dunn: PosthocView,
}

/// Chart series: one measure on one dimension (or overall), every segment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentSeriesView {
    /// `dimension` or `overall`.
    pub scope: String,
    /// Dimension id, or `overall`.
    pub id: String,
    /// Dimension name per language (empty for the overall score).
    pub names: Texts,
    /// Comparison id.
    pub measure: String,
    /// Per segment.
    pub points: Vec<SegmentPointView>,
}

/// One segment's point on a chart.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentPointView {
    /// Segment value.
    pub segment: String,
    /// Respondents.
    pub n: u64,
    /// Mean.
    pub mean: Option<f64>,
    /// Confidence interval of the mean (paired t, within the segment).
    pub ci: Option<[f64; 2]>,
}

impl SegmentTestView {
    /// Dimension name in `lang`, `None` for the overall score (the printer names it).
    pub fn name(&self, lang: &str) -> Option<&str> {
        (self.scope != "overall").then(|| self.names.or(lang, &self.id))
    }
}

impl SegmentSeriesView {
    /// Dimension name in `lang`, `None` for the overall score (the printer names it).
    pub fn name(&self, lang: &str) -> Option<&str> {
        (self.scope != "overall").then(|| self.names.or(lang, &self.id))
    }
}

fn gap_view(c: &ComparisonStats) -> SegmentGapView {
    SegmentGapView {
        comparison: c.comparison.id().to_owned(),
        mean: c.mean,
        sd: c.sd,
        ci: c.t_test.map(|t| [t.ci_low, t.ci_high]),
        p: c.t_test.map(|t| t.p),
        p_holm: c.t_p_holm,
        mark: GapMark::of(c).id().to_owned(),
    }
}

/// The post-hoc views of a test; `names` are the segment names by index.
fn posthoc_views(t: &SegmentTest, names: &[&str]) -> (PosthocView, PosthocView) {
    let name = |i: usize| names.get(i).copied().unwrap_or_default().to_owned();
    let games_howell = PosthocView {
        method: "games-howell".to_owned(),
        omnibus_rejects: t.welch_rejects(),
        too_many_segments: t.too_many_for_pairs(),
        pairs: t
            .games_howell
            .iter()
            .map(|p| PairView {
                first: name(p.first),
                second: name(p.second),
                difference: p.difference,
                statistic: p.t,
                df: Some(p.df),
                p: p.p,
                p_holm: None,
                differs: games_howell_differs(p),
            })
            .collect(),
    };
    let dunn = PosthocView {
        method: "dunn-holm".to_owned(),
        omnibus_rejects: t.kruskal_rejects(),
        too_many_segments: t.too_many_for_pairs(),
        pairs: t
            .dunn
            .iter()
            .map(|p| PairView {
                first: name(p.first),
                second: name(p.second),
                difference: p.mean_rank_difference,
                statistic: p.z,
                df: None,
                p: p.p,
                p_holm: Some(p.p_holm),
                differs: dunn_differs(p),
            })
            .collect(),
    };
    (games_howell, dunn)
}

fn group_view(segment: &str, g: &ScoreSummary, tested: bool) -> SegmentGroupView {
    SegmentGroupView {
        segment: segment.to_owned(),
        n: g.n,
        mean: g.mean,
        sd: g.sd,
        tested,
        small: is_small_sample(g.n),
    }
}

impl SegmentsView {
    /// Converts a core segment comparison; `column` is the segment column's header.
    pub fn new(instrument: &Instrument, comparison: &SegmentComparison, column: &str) -> Self {
        let names: Vec<&str> = comparison.segments.iter().map(|s| s.name.as_str()).collect();
        let segments = comparison
            .segments
            .iter()
            .map(|s| SegmentView {
                name: s.name.clone(),
                respondents: s.respondents,
                fully_covered: s.analysis.fully_covered,
                dimensions: s
                    .analysis
                    .dimensions
                    .iter()
                    .map(|d| SegmentRowView {
                        id: d.id.clone(),
                        n: d.n,
                        batteries: battery_views(&d.batteries),
                        comparisons: d.comparisons.iter().map(gap_view).collect(),
                    })
                    .collect(),
                items: s
                    .analysis
                    .items
                    .iter()
                    .map(|i| SegmentRowView {
                        id: i.id.clone(),
                        n: i.n,
                        batteries: battery_views(&i.batteries),
                        comparisons: i.comparisons.iter().map(gap_view).collect(),
                    })
                    .collect(),
            })
            .collect();
        let tests = comparison
            .tests
            .iter()
            .map(|t| {
                let (scope, id, texts) = scope_texts(instrument, t.scope);
                let (games_howell, dunn) = posthoc_views(t, &names);
                SegmentTestView {
                    scope,
                    id,
                    names: texts,
                    measure: measure_id(t.measure),
                    groups: t
                        .groups
                        .iter()
                        .zip(&t.tested)
                        .zip(&names)
                        .map(|((g, &tested), name)| group_view(name, g, tested))
                        .collect(),
                    anova: t.anova.map(|a| AnovaView {
                        f: a.f,
                        df1: a.df_between,
                        df2: a.df_within,
                        p: a.p,
                        p_holm: t.anova_p_holm,
                        eta_squared: a.eta_squared,
                    }),
                    welch_anova: t.welch.map(|w| WelchAnovaView {
                        f: w.f,
                        df1: w.df1,
                        df2: w.df2,
                        p: w.p,
                        p_holm: t.welch_p_holm,
                    }),
                    kruskal_wallis: t.kruskal.map(|k| KruskalView {
                        h: k.h,
                        df: k.df,
                        p: k.p,
                        p_holm: t.kruskal_p_holm,
                        epsilon_squared: k.epsilon_squared,
                    }),
                    differs: t.differs(),
                    confirmed_by_ranks: t.confirmed_by_ranks(),
                    lowest: t.extremes().map(|(lo, _)| names[lo].to_owned()),
                    highest: t.extremes().map(|(_, hi)| names[hi].to_owned()),
                    games_howell,
                    dunn,
                }
            })
            .collect();
        let chart = comparison
            .tests
            .iter()
            .filter_map(|t| {
                let c = t.measure?;
                let (scope, id, names) = scope_texts(instrument, t.scope);
                let points = comparison
                    .segments
                    .iter()
                    .map(|s| {
                        let (n, mean, ci) = match t.scope {
                            Scope::Dimension(d) => {
                                let dim = &s.analysis.dimensions[d];
                                let stats = dim.comparisons.iter().find(|x| x.comparison == c);
                                (
                                    dim.n,
                                    stats.and_then(|x| x.mean),
                                    stats.and_then(|x| x.t_test).map(|t| [t.ci_low, t.ci_high]),
                                )
                            }
                            _ => {
                                let o = s.analysis.overall.iter().find(|o| {
                                    o.comparison == Some(c)
                                        && o.kind == servgap_core::servqual::OverallKind::Unweighted
                                });
                                (
                                    o.map_or(0, |o| o.n),
                                    o.and_then(|o| o.mean),
                                    o.and_then(|o| o.t_test).map(|t| [t.ci_low, t.ci_high]),
                                )
                            }
                        };
                        SegmentPointView { segment: s.name.clone(), n, mean, ci }
                    })
                    .collect();
                Some(SegmentSeriesView { scope, id, names, measure: c.id().to_owned(), points })
            })
            .collect();
        let items = instrument
            .items()
            .iter()
            .map(|item| SegmentItemView {
                id: item.id.clone(),
                dimension: instrument
                    .dimensions()
                    .get(item.dimension)
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
                texts: Texts::from_localized(&item.text),
            })
            .collect();
        SegmentsView {
            column: column.to_owned(),
            min_segment_n: MIN_SEGMENT_N,
            max_posthoc_segments: MAX_POSTHOC_SEGMENTS,
            items,
            confidence: comparison.options.confidence,
            method: format!(
                "per dimension and the unweighted overall score, on respondent-level scores: Welch's ANOVA \
                 (unequal variances), classic one-way ANOVA, and Kruskal-Wallis with tie correction; Welch and \
                 Kruskal-Wallis p Holm-adjusted over the dimensions; segments with fewer than 2 scored \
                 respondents are shown but not tested; where an omnibus test rejects (adjusted p < 0.05; \
                 unadjusted for the overall score), post-hoc pairs between segments: Games-Howell after Welch's \
                 ANOVA (studentized range, adjusted for the pairs), Dunn's test with Holm adjustment over the \
                 pairs after Kruskal-Wallis (tie-corrected mid-ranks), for at most {MAX_POSTHOC_SEGMENTS} tested \
                 segments; per item and segment, the gap is marked a shortfall (or surplus) when its paired-t p, \
                 Holm-adjusted over the segment's items, is below 0.05"
            ),
            segments,
            tests,
            chart,
        }
    }
}
