//! Chart data of the analysis: the series every front end draws or tabulates (the
//! HTML page's SVG, a PDF, an XLSX export), numbers only, in the order drawn. Built
//! from the rest of the view model, so it can never disagree with the tables.

use serde::{Deserialize, Serialize};

use super::analysis::{AnalysisReport, ItemView};

/// Width of a score-distribution bin, in scale points.
pub const DISTRIBUTION_BIN_WIDTH: f64 = 0.25;

/// Every chart series of an analysis.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChartsView {
    /// Mean of each battery per dimension (E vs P, or A, D, P), instrument order.
    pub dimension_means: Vec<MeansPointView>,
    /// Per comparison: items from the largest shortfall, with their confidence interval.
    pub item_gaps: Vec<ItemGapSeriesView>,
    /// Importance–performance grids, by stated and by derived importance.
    pub ipa: Vec<IpaSeriesView>,
    /// Zone of tolerance per item (three-column data only, else empty).
    pub zone_of_tolerance: Vec<ZonePointView>,
    /// Histograms of the respondents' unweighted overall score, per comparison.
    pub distributions: Vec<DistributionSeriesView>,
}

/// One dimension's battery means.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeansPointView {
    /// Dimension id.
    pub dimension: String,
    /// Mean per battery, in the instrument's battery order (null when undefined).
    pub means: Vec<Option<f64>>,
}

/// One comparison's item gaps.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemGapSeriesView {
    /// Comparison id.
    pub measure: String,
    /// Items with a mean, largest shortfall first.
    pub points: Vec<ItemGapPointView>,
}

/// One item's mean difference.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemGapPointView {
    /// Item id.
    pub item: String,
    /// Dimension id (the colour group).
    pub dimension: String,
    /// Mean difference.
    pub mean: f64,
    /// Confidence interval.
    pub ci: Option<[f64; 2]>,
    /// Holm-adjusted p of the paired t test.
    pub p_holm: Option<f64>,
}

/// One importance–performance grid.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IpaSeriesView {
    /// `stated` or `derived`.
    pub basis: String,
    /// Performance crosshair.
    pub performance_cut: f64,
    /// Importance crosshair.
    pub importance_cut: f64,
    /// `dimension` for stated importance (every item of a dimension shares its points),
    /// `item` for derived importance.
    pub importance_level: String,
    /// Items with an importance and a quadrant (none below the minimum n, `ipa.min_n`).
    pub points: Vec<IpaChartPointView>,
}

/// One item on an IPA grid.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IpaChartPointView {
    /// Item id.
    pub item: String,
    /// Dimension id.
    pub dimension: String,
    /// Mean P.
    pub performance: f64,
    /// Importance on this basis.
    pub importance: f64,
    /// Quadrant letter A–D.
    pub quadrant: Option<String>,
}

/// One item's zone of tolerance and perception.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ZonePointView {
    /// Item id.
    pub item: String,
    /// Mean minimum (A).
    pub minimum: f64,
    /// Mean desired (D).
    pub desired: f64,
    /// Mean perceived (P).
    pub perceived: f64,
}

/// A histogram with equal-width bins aligned on multiples of the width.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DistributionSeriesView {
    /// Comparison id.
    pub measure: String,
    /// Mean of the score (the unweighted overall score).
    pub mean: Option<f64>,
    /// Respondents.
    pub respondents: u64,
    /// Bins in increasing order.
    pub bins: Vec<BinView>,
}

/// One bin `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BinView {
    /// Lower edge.
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Respondents.
    pub count: u64,
}

/// Bins `(value, count)` pairs into bins of `width` aligned on multiples of it
/// (a value on an edge goes to the bin above; 1e-9 absorbs binary rounding).
pub fn bin(counts: &[(f64, u64)], width: f64) -> Vec<BinView> {
    let (Some(first), Some(last)) = (counts.first(), counts.last()) else { return Vec::new() };
    let lo = (first.0 / width + 1e-9).floor();
    let hi = (last.0 / width + 1e-9).floor().max(lo);
    let k = (hi - lo) as usize + 1;
    let mut bins: Vec<BinView> = (0..k)
        .map(|i| BinView { from: (lo + i as f64) * width, to: (lo + i as f64 + 1.0) * width, count: 0 })
        .collect();
    for &(v, n) in counts {
        let i = ((v / width + 1e-9).floor() - lo).clamp(0.0, (k - 1) as f64) as usize;
        bins[i].count += n;
    }
    bins
}

fn battery_mean(item: &ItemView, code: &str) -> Option<f64> {
    item.batteries.iter().find(|b| b.battery == code).and_then(|b| b.mean)
}

impl ChartsView {
    /// The chart series of `report` (whose tables are already filled).
    pub fn of(report: &AnalysisReport) -> Self {
        let batteries = &report.instrument.batteries;
        let dimension_means = report
            .dimensions
            .iter()
            .map(|d| MeansPointView {
                dimension: d.id.clone(),
                means: batteries
                    .iter()
                    .map(|code| d.batteries.iter().find(|b| &b.battery == code).and_then(|b| b.mean))
                    .collect(),
            })
            .collect();
        let item_gaps = report
            .instrument
            .comparisons
            .iter()
            .enumerate()
            .map(|(c, measure)| ItemGapSeriesView {
                measure: measure.clone(),
                points: report
                    .ranked_items(Some(measure))
                    .iter()
                    .filter_map(|it| {
                        let x = it.comparisons.get(c)?;
                        Some(ItemGapPointView {
                            item: it.id.clone(),
                            dimension: it.dimension.clone(),
                            mean: x.mean?,
                            ci: x.ci,
                            p_holm: x.t.as_ref().and_then(|t| t.p_holm),
                        })
                    })
                    .collect(),
            })
            .collect();
        ChartsView {
            dimension_means,
            item_gaps,
            ipa: ipa_series(report),
            zone_of_tolerance: zone_points(report),
            distributions: distributions(report),
        }
    }
}

fn ipa_series(report: &AnalysisReport) -> Vec<IpaSeriesView> {
    let Some(ipa) = &report.ipa else { return Vec::new() };
    let mut out = Vec::new();
    for (basis, cut) in [("stated", ipa.stated_importance_cut), ("derived", ipa.derived_importance_cut)] {
        let Some(cut) = cut else { continue };
        let points = ipa
            .points
            .iter()
            .filter_map(|p| {
                let (importance, quadrant) = if basis == "stated" {
                    (p.stated_importance, &p.stated_quadrant)
                } else {
                    (p.derived_importance, &p.derived_quadrant)
                };
                let item = report.items.iter().find(|i| i.id == p.item)?;
                // No quadrant (too few respondents): not placed on the grid.
                quadrant.as_ref()?;
                Some(IpaChartPointView {
                    item: p.item.clone(),
                    dimension: item.dimension.clone(),
                    performance: p.performance,
                    importance: importance?,
                    quadrant: quadrant.clone(),
                })
            })
            .collect();
        out.push(IpaSeriesView {
            basis: basis.to_owned(),
            performance_cut: ipa.performance_cut,
            importance_cut: cut,
            importance_level: if basis == "stated" { "dimension" } else { "item" }.to_owned(),
            points,
        });
    }
    out
}

fn zone_points(report: &AnalysisReport) -> Vec<ZonePointView> {
    report
        .items
        .iter()
        .filter_map(|it| {
            Some(ZonePointView {
                item: it.id.clone(),
                minimum: battery_mean(it, "A")?,
                desired: battery_mean(it, "D")?,
                perceived: battery_mean(it, "P")?,
            })
        })
        .collect()
}

fn distributions(report: &AnalysisReport) -> Vec<DistributionSeriesView> {
    report
        .score_distributions
        .iter()
        .filter(|d| !d.counts.is_empty())
        .map(|d| DistributionSeriesView {
            measure: d.comparison.clone(),
            mean: report
                .overall
                .iter()
                .find(|o| o.comparison.as_ref() == Some(&d.comparison) && o.aggregation == "unweighted")
                .and_then(|o| o.mean),
            respondents: d.counts.iter().map(|x| x.1).sum(),
            bins: bin(&d.counts, DISTRIBUTION_BIN_WIDTH),
        })
        .collect()
}
