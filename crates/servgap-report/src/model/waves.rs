//! A wave comparison (`compare BEFORE AFTER`): its own document, schema
//! [`COMPARE_SCHEMA`]. Core types are converted field by field, as in [`super::analysis`].

use serde::{Deserialize, Serialize};
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{Change, Scope, WaveComparison, WaveSide};

use super::common::{
    battery_views, measure_id, scope_texts, BatteryView, InstrumentView, RuleFindings, Texts,
};

/// Identifier of the wave-comparison JSON layout.
pub const COMPARE_SCHEMA: &str = "servgap.compare/2";

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

/// How a wave comparison is computed, in English words (for JSON readers; the
/// printers word the method in their language).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaveMethodView {
    /// Confidence level of every interval.
    pub confidence: f64,
    /// The test.
    pub test: String,
    /// The verdict rule.
    pub verdict: String,
    /// Multiplicity adjustment.
    pub adjustment: String,
}

/// One wave's side of a change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WaveSideView {
    /// Respondents with the score.
    pub n: u64,
    /// Mean of the measure.
    pub mean: Option<f64>,
    /// SD of the measure.
    pub sd: Option<f64>,
    /// Per battery (trend chart).
    pub batteries: Vec<BatteryView>,
}

/// The change of one measure between waves.
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
    /// The first wave.
    pub before: WaveSideView,
    /// The second wave.
    pub after: WaveSideView,
    /// after − before.
    pub change: Option<f64>,
    /// Standard error of the change.
    pub se: Option<f64>,
    /// Confidence interval of the change.
    pub ci: Option<[f64; 2]>,
    /// Welch's t.
    pub t: Option<f64>,
    /// Welch–Satterthwaite df.
    pub df: Option<f64>,
    /// Two-sided p.
    pub p: Option<f64>,
    /// Holm-adjusted p (over items, or over dimensions).
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p.
    pub p_bh: Option<f64>,
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
    /// The first wave.
    pub before: WaveInputView,
    /// The second wave.
    pub after: WaveInputView,
    /// How it was computed.
    pub method: WaveMethodView,
    /// Per measure, the unweighted overall score.
    pub overall: Vec<ChangeView>,
    /// Per measure, per dimension.
    pub dimensions: Vec<ChangeView>,
    /// Per measure, per item.
    pub items: Vec<ChangeView>,
}

impl ChangeView {
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
        batteries: battery_views(&side.batteries),
    }
}

fn change_view(instrument: &Instrument, c: &Change) -> ChangeView {
    let (scope, id, names) = scope_texts(instrument, c.scope);
    ChangeView {
        scope,
        id,
        names,
        dimension: match c.scope {
            Scope::Item(i) => Some(instrument.dimensions()[instrument.items()[i].dimension].id.clone()),
            _ => None,
        },
        measure: measure_id(c.measure),
        before: side_view(&c.before),
        after: side_view(&c.after),
        change: c.difference(),
        se: c.welch.map(|w| w.se),
        ci: c.welch.map(|w| [w.ci_low, w.ci_high]),
        t: c.welch.map(|w| w.t),
        df: c.welch.map(|w| w.df),
        p: c.welch.map(|w| w.p),
        p_holm: c.p_holm,
        p_bh: c.p_bh,
        verdict: c.verdict.id().to_owned(),
    }
}

impl WaveReport {
    /// Builds the view of a wave comparison.
    pub fn new(
        instrument: &Instrument,
        comparison: &WaveComparison,
        before: WaveInputView,
        after: WaveInputView,
    ) -> Self {
        let convert = |changes: &[Change]| changes.iter().map(|c| change_view(instrument, c)).collect();
        WaveReport {
            schema: COMPARE_SCHEMA.to_owned(),
            servgap_version: env!("CARGO_PKG_VERSION").to_owned(),
            instrument: InstrumentView::new(instrument),
            before,
            after,
            method: WaveMethodView {
                confidence: comparison.options.confidence,
                test: "independent samples: Welch's t on respondent-level scores (items: pairwise; dimensions: \
                       mean of the respondent's valid items; overall: respondents scored on every dimension)"
                    .to_owned(),
                verdict: "improved when the confidence interval of after - before lies above 0, worsened when \
                          it lies below 0, unchanged otherwise (unadjusted interval); a higher score is better \
                          (gap P - E, MSA P - A, MSS P - D, or perceptions P)"
                    .to_owned(),
                adjustment: "Holm and Benjamini-Hochberg over the items and, separately, over the dimensions"
                    .to_owned(),
            },
            overall: convert(&comparison.overall),
            dimensions: convert(&comparison.dimensions),
            items: convert(&comparison.items),
        }
    }
}
