//! A wave comparison (`compare W1 W2 [W3 …]`): its own document, schema
//! [`COMPARE_SCHEMA`]. Core types are converted field by field, as in [`super::analysis`].
//!
//! Every change carries its unadjusted Welch p and interval (`p_unadjusted`,
//! `ci_unadjusted`) beside the multiplicity-adjusted inference the verdict comes from
//! (`p_holm` over its family, `ci_simultaneous`).

use serde::{Deserialize, Serialize};
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{
    Change, Design, PairedChange, PanelComparison, Scope, WaveComparison, WaveSide, WaveTrend,
};

use super::common::{
    battery_views, measure_id, scope_texts, BatteryView, InstrumentView, RuleFindings, Texts,
};

/// Identifier of the wave-comparison JSON layout.
pub const COMPARE_SCHEMA: &str = "servgap.compare/3";

/// Where one wave came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaveInputView {
    /// Display name of the input (the file name, without folders).
    pub file: String,
    /// The full path, only when the caller chose to show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Data rows read.
    pub rows: u64,
    /// Findings of the validation rules.
    pub findings: Vec<RuleFindings>,
}

/// One family of tests the verdicts are adjusted in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FamilyView {
    /// `items` (every item × measure × contrast) or `scores` (every dimension and
    /// the overall score × measure × contrast).
    pub id: String,
    /// Number of tests m in the family.
    pub tests: usize,
}

/// How a wave comparison is computed, in English words (for JSON readers; the
/// printers word the method in their language).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaveMethodView {
    /// Confidence level of every unadjusted interval.
    pub confidence: f64,
    /// Family-wise error rate of the verdicts, 1 − confidence.
    pub alpha: f64,
    /// The test.
    pub test: String,
    /// The verdict rule.
    pub verdict: String,
    /// Multiplicity adjustment.
    pub adjustment: String,
    /// The simultaneous intervals.
    pub intervals: String,
    /// The families of the adjustment.
    pub families: Vec<FamilyView>,
}

/// A contrast between two waves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContrastView {
    /// Index of the earlier wave in `waves`.
    pub from: usize,
    /// Index of the later wave.
    pub to: usize,
    /// `consecutive` (to = from + 1) or `from-first` (from = 0, to ≥ 2).
    pub kind: String,
}

/// One wave's value of a score.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaveSideView {
    /// Respondents with the score.
    pub n: u64,
    /// Mean of the measure.
    pub mean: Option<f64>,
    /// SD of the measure.
    pub sd: Option<f64>,
    /// Unadjusted t interval of the mean at the confidence level.
    pub ci: Option<[f64; 2]>,
    /// Per battery (trend chart).
    pub batteries: Vec<BatteryView>,
}

/// One score in every wave.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrendView {
    /// `item`, `dimension` or `overall`.
    pub scope: String,
    /// Item or dimension id, or `overall`.
    pub id: String,
    /// Item wording or dimension name, per language (empty for the overall score).
    pub names: Texts,
    /// Dimension id of an item.
    pub dimension: Option<String>,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: String,
    /// Per wave, in `waves` order.
    pub waves: Vec<WaveSideView>,
}

/// The change of one measure between two waves.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeView {
    /// `item`, `dimension` or `overall`.
    pub scope: String,
    /// Item or dimension id, or `overall`.
    pub id: String,
    /// Item wording or dimension name, per language (empty for the overall score).
    pub names: Texts,
    /// Dimension id of an item.
    pub dimension: Option<String>,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: String,
    /// Index of the earlier wave in `waves`.
    pub from: usize,
    /// Index of the later wave.
    pub to: usize,
    /// The family the change is adjusted in: `items` or `scores`.
    pub family: String,
    /// The earlier wave.
    pub before: WaveSideView,
    /// The later wave.
    pub after: WaveSideView,
    /// after − before.
    pub change: Option<f64>,
    /// Standard error of the change.
    pub se: Option<f64>,
    /// Welch's t.
    pub t: Option<f64>,
    /// Welch–Satterthwaite df.
    pub df: Option<f64>,
    /// Two-sided p, not adjusted for multiplicity.
    pub p_unadjusted: Option<f64>,
    /// Confidence interval of the change at the confidence level, not adjusted.
    pub ci_unadjusted: Option<[f64; 2]>,
    /// Holm-adjusted p over the family; the verdict compares it with alpha.
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p over the family (false discovery rate).
    pub p_bh: Option<f64>,
    /// Bonferroni simultaneous interval over the family, level 1 − alpha/m.
    pub ci_simultaneous: Option<[f64; 2]>,
    /// `improved`, `worsened`, `unchanged` or `not-tested`.
    pub verdict: String,
}

/// A wave comparison report (schema [`COMPARE_SCHEMA`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaveReport {
    /// Always [`COMPARE_SCHEMA`].
    pub schema: String,
    /// servgap version.
    pub servgap_version: String,
    /// The instrument.
    pub instrument: InstrumentView,
    /// The waves in time order.
    pub waves: Vec<WaveInputView>,
    /// How it was computed.
    pub method: WaveMethodView,
    /// The contrasts made: consecutive waves, then each later wave from the first.
    pub contrasts: Vec<ContrastView>,
    /// Per measure: every item, every dimension and the overall score, per wave.
    pub trend: Vec<TrendView>,
    /// Per contrast, per measure, the unweighted overall score.
    pub overall: Vec<ChangeView>,
    /// Per contrast, per measure, per dimension.
    pub dimensions: Vec<ChangeView>,
    /// Per contrast, per measure, per item.
    pub items: Vec<ChangeView>,
    /// Per contrast, respondents matched by id and the design applied (empty when
    /// the files have no respondent id column).
    #[serde(default)]
    pub panels: Vec<PanelView>,
}

/// Respondents of two waves matched by id, and the paired analysis of a panel.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PanelView {
    /// Index of the earlier wave.
    pub from: usize,
    /// Index of the later wave.
    pub to: usize,
    /// `paired` (analysed as a panel below) or `independent`.
    pub design: String,
    /// Whether the design was forced (`--paired`, `--independent`) instead of decided by the rule.
    pub forced: bool,
    /// Distinct non-blank ids per wave.
    pub ids: [u64; 2],
    /// Ids in both waves.
    pub matched: u64,
    /// Ids of each wave not found in the other.
    pub unmatched: [u64; 2],
    /// Holm families of the paired tests (within this pair of waves).
    pub families: Vec<FamilyView>,
    /// Paired changes (empty for the independent design): per measure, items, dimensions, overall.
    pub changes: Vec<PairedChangeView>,
}

/// The paired change of one score over matched respondents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairedChangeView {
    /// `item`, `dimension` or `overall`.
    pub scope: String,
    /// Item or dimension id, or `overall`.
    pub id: String,
    /// Item wording or dimension name, per language.
    pub names: Texts,
    /// Dimension id of an item.
    pub dimension: Option<String>,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: String,
    /// Matched respondents with the score in both waves.
    pub n: u64,
    /// Mean paired difference later − earlier.
    pub mean: Option<f64>,
    /// SD of the paired differences.
    pub sd: Option<f64>,
    /// Paired t.
    pub t: Option<f64>,
    /// n − 1.
    pub df: Option<f64>,
    /// Paired-t p, not adjusted.
    pub p_unadjusted: Option<f64>,
    /// Paired-t interval of the mean difference, not adjusted.
    pub ci_unadjusted: Option<[f64; 2]>,
    /// Wilcoxon signed-rank p, not adjusted.
    pub wilcoxon_p_unadjusted: Option<f64>,
    /// Whether the Wilcoxon p is exact.
    pub wilcoxon_exact: Option<bool>,
    /// Holm-adjusted paired-t p over the family.
    pub p_holm: Option<f64>,
    /// `improved`, `worsened`, `unchanged` or `not-tested`, from `p_holm`.
    pub verdict: String,
}

fn paired_view(instrument: &Instrument, c: &PairedChange) -> PairedChangeView {
    let (scope, id, names) = scope_texts(instrument, c.scope);
    PairedChangeView {
        scope,
        id,
        names,
        dimension: dimension_of(instrument, c.scope),
        measure: measure_id(c.measure),
        n: c.n,
        mean: c.mean,
        sd: c.sd,
        t: c.t.map(|t| t.t),
        df: c.t.map(|t| t.df),
        p_unadjusted: c.t.map(|t| t.p),
        ci_unadjusted: c.t.map(|t| [t.ci_low, t.ci_high]),
        wilcoxon_p_unadjusted: c.wilcoxon.map(|w| w.p),
        wilcoxon_exact: c.wilcoxon.map(|w| w.exact),
        p_holm: c.p_holm,
        verdict: c.verdict.id().to_owned(),
    }
}

/// The id matching of one pair of waves, as the pipeline found it.
#[derive(Debug, Clone, Copy)]
pub struct PanelMatch<'a> {
    /// Earlier wave.
    pub from: usize,
    /// Later wave.
    pub to: usize,
    /// Distinct ids per wave.
    pub ids: [u64; 2],
    /// Ids in both.
    pub matched: u64,
    /// The design applied.
    pub design: Design,
    /// Whether it was forced.
    pub forced: bool,
    /// The paired analysis (paired design).
    pub comparison: Option<&'a PanelComparison>,
}

impl PanelView {
    /// The view of one pair's id matching and paired analysis.
    pub fn new(instrument: &Instrument, m: &PanelMatch<'_>) -> Self {
        PanelView {
            from: m.from,
            to: m.to,
            design: m.design.id().to_owned(),
            forced: m.forced,
            ids: m.ids,
            matched: m.matched,
            unmatched: [m.ids[0].saturating_sub(m.matched), m.ids[1].saturating_sub(m.matched)],
            families: m.comparison.map_or_else(Vec::new, |c| {
                vec![
                    FamilyView { id: "items".to_owned(), tests: c.item_tests },
                    FamilyView { id: "scores".to_owned(), tests: c.score_tests },
                ]
            }),
            changes: m
                .comparison
                .map_or_else(Vec::new, |c| c.changes.iter().map(|x| paired_view(instrument, x)).collect()),
        }
    }
}

impl PairedChangeView {
    /// Item wording or dimension name in `lang`; `None` for the overall score.
    pub fn name(&self, lang: &str) -> Option<&str> {
        (self.scope != "overall")
            .then(|| self.names.or(lang, if self.scope == "item" { "" } else { &self.id }))
    }
}

impl ChangeView {
    /// Item wording or dimension name in `lang`; `None` for the overall score.
    pub fn name(&self, lang: &str) -> Option<&str> {
        (self.scope != "overall")
            .then(|| self.names.or(lang, if self.scope == "item" { "" } else { &self.id }))
    }
}

impl TrendView {
    /// Item wording or dimension name in `lang`; `None` for the overall score.
    pub fn name(&self, lang: &str) -> Option<&str> {
        (self.scope != "overall")
            .then(|| self.names.or(lang, if self.scope == "item" { "" } else { &self.id }))
    }
}

fn side_view(side: &WaveSide) -> WaveSideView {
    WaveSideView {
        n: side.score.n,
        mean: side.score.mean,
        sd: side.score.sd,
        ci: side.ci,
        batteries: battery_views(&side.batteries),
    }
}

fn dimension_of(instrument: &Instrument, scope: Scope) -> Option<String> {
    match scope {
        Scope::Item(i) => Some(instrument.dimensions()[instrument.items()[i].dimension].id.clone()),
        _ => None,
    }
}

fn change_view(instrument: &Instrument, c: &Change) -> ChangeView {
    let (scope, id, names) = scope_texts(instrument, c.scope);
    ChangeView {
        scope,
        id,
        names,
        dimension: dimension_of(instrument, c.scope),
        measure: measure_id(c.measure),
        from: c.from,
        to: c.to,
        family: c.family().id().to_owned(),
        before: side_view(&c.before),
        after: side_view(&c.after),
        change: c.difference(),
        se: c.welch.map(|w| w.se),
        t: c.welch.map(|w| w.t),
        df: c.welch.map(|w| w.df),
        p_unadjusted: c.welch.map(|w| w.p),
        ci_unadjusted: c.welch.map(|w| [w.ci_low, w.ci_high]),
        p_holm: c.p_holm,
        p_bh: c.p_bh,
        ci_simultaneous: c.simultaneous,
        verdict: c.verdict.id().to_owned(),
    }
}

fn trend_view(instrument: &Instrument, t: &WaveTrend) -> TrendView {
    let (scope, id, names) = scope_texts(instrument, t.scope);
    TrendView {
        scope,
        id,
        names,
        dimension: dimension_of(instrument, t.scope),
        measure: measure_id(t.measure),
        waves: t.waves.iter().map(side_view).collect(),
    }
}

fn method_view(comparison: &WaveComparison) -> WaveMethodView {
    WaveMethodView {
        confidence: comparison.options.confidence,
        alpha: comparison.alpha,
        test: "independent samples: Welch's t on respondent-level scores (items: pairwise; dimensions: \
               mean of the respondent's valid items; overall: respondents scored on every dimension); \
               contrasts: consecutive waves, then each wave from the third on against the first"
            .to_owned(),
        verdict: "improved when the Holm-adjusted p of after - before is below alpha and the change is \
                  positive, worsened when it is below alpha and the change is negative, unchanged \
                  otherwise; a higher score is better (gap P - E, MSA P - A, MSS P - D, or perceptions P)"
            .to_owned(),
        adjustment: "Holm (family-wise error rate alpha) and Benjamini-Hochberg within two families: every \
                     item change, over all measures and contrasts; every dimension and overall-score \
                     change, over all measures and contrasts"
            .to_owned(),
        intervals: "ci_simultaneous: Bonferroni simultaneous intervals at level 1 - alpha/m over the family \
                    (Welch SE and df); ci_unadjusted and p_unadjusted: per change, not adjusted"
            .to_owned(),
        families: vec![
            FamilyView { id: "items".to_owned(), tests: comparison.item_tests },
            FamilyView { id: "scores".to_owned(), tests: comparison.score_tests },
        ],
    }
}

impl WaveReport {
    /// Builds the view of a wave comparison; `waves` describes the inputs in
    /// comparison order.
    pub fn new(instrument: &Instrument, comparison: &WaveComparison, waves: Vec<WaveInputView>) -> Self {
        let convert = |changes: &[Change]| changes.iter().map(|c| change_view(instrument, c)).collect();
        WaveReport {
            schema: COMPARE_SCHEMA.to_owned(),
            servgap_version: env!("CARGO_PKG_VERSION").to_owned(),
            instrument: InstrumentView::new(instrument),
            waves,
            method: method_view(comparison),
            contrasts: comparison
                .contrasts
                .iter()
                .map(|&(from, to)| ContrastView {
                    from,
                    to,
                    kind: if to == from + 1 { "consecutive" } else { "from-first" }.to_owned(),
                })
                .collect(),
            trend: comparison.trends.iter().map(|t| trend_view(instrument, t)).collect(),
            overall: convert(&comparison.overall),
            dimensions: convert(&comparison.dimensions),
            items: convert(&comparison.items),
            panels: Vec::new(),
        }
    }

    /// The report with the id matching and paired analyses of its pairs of waves.
    pub fn with_panels(mut self, panels: Vec<PanelView>) -> Self {
        self.panels = panels;
        self
    }

    /// The changes of one contrast: (overall, dimensions, items).
    pub fn contrast(&self, from: usize, to: usize) -> [Vec<&ChangeView>; 3] {
        fn pick(rows: &[ChangeView], from: usize, to: usize) -> Vec<&ChangeView> {
            rows.iter().filter(|c| c.from == from && c.to == to).collect()
        }
        [pick(&self.overall, from, to), pick(&self.dimensions, from, to), pick(&self.items, from, to)]
    }

    /// Display name of wave `index` (its file name).
    pub fn wave_file(&self, index: usize) -> &str {
        self.waves.get(index).map_or("", |w| w.path.as_deref().unwrap_or(&w.file))
    }
}
