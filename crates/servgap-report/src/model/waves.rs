//! A wave comparison (`compare BEFORE AFTER`): its own document, schema
//! [`COMPARE_SCHEMA`]. Core types are converted field by field, as in [`super::analysis`].

use serde::Serialize;
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{Change, Scope, WaveComparison, WaveSide};

use super::common::{battery_views, measure_id, scope_names, BatteryView, InstrumentView, RuleFindings};

/// Identifier of the wave-comparison JSON layout.
pub const COMPARE_SCHEMA: &str = "servgap.compare/1";

/// Where one wave came from.
#[derive(Debug, Clone, Serialize)]
pub struct WaveInputView {
    /// File name as given.
    pub file: String,
    /// Data rows read.
    pub rows: u64,
    /// Findings of the validation rules.
    pub findings: Vec<RuleFindings>,
}

/// How a wave comparison is computed, in words.
#[derive(Debug, Clone, Serialize)]
pub struct WaveMethodView {
    /// Confidence level of every interval.
    pub confidence: f64,
    /// The test.
    pub test: &'static str,
    /// The verdict rule.
    pub verdict: &'static str,
    /// Multiplicity adjustment.
    pub adjustment: &'static str,
}

/// One wave's side of a change.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// `item`, `dimension` or `overall`.
    pub scope: &'static str,
    /// Item or dimension id, or `overall`.
    pub id: String,
    /// Item text or dimension name.
    pub name: String,
    /// Dimension id of an item.
    pub dimension: Option<String>,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: &'static str,
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
    pub verdict: &'static str,
}

/// A wave comparison report (schema [`COMPARE_SCHEMA`]).
#[derive(Debug, Clone, Serialize)]
pub struct WaveReport {
    /// Always [`COMPARE_SCHEMA`].
    pub schema: &'static str,
    /// servgap version.
    pub servgap_version: &'static str,
    /// Language of the texts.
    pub language: String,
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

fn side_view(side: &WaveSide) -> WaveSideView {
    WaveSideView {
        n: side.score.n,
        mean: side.score.mean,
        sd: side.score.sd,
        batteries: battery_views(&side.batteries),
    }
}

fn change_view(instrument: &Instrument, c: &Change, language: &str) -> ChangeView {
    let (scope, id, name) = scope_names(instrument, c.scope, language);
    ChangeView {
        scope,
        id,
        name,
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
        verdict: c.verdict.id(),
    }
}

impl WaveReport {
    /// Builds the view of a wave comparison.
    pub fn new(
        instrument: &Instrument,
        comparison: &WaveComparison,
        before: WaveInputView,
        after: WaveInputView,
        language: &str,
    ) -> Self {
        let convert =
            |changes: &[Change]| changes.iter().map(|c| change_view(instrument, c, language)).collect();
        WaveReport {
            schema: COMPARE_SCHEMA,
            servgap_version: env!("CARGO_PKG_VERSION"),
            language: language.to_owned(),
            instrument: InstrumentView::new(instrument, language),
            before,
            after,
            method: WaveMethodView {
                confidence: comparison.options.confidence,
                test:
                    "independent samples: Welch's t on respondent-level scores (items: pairwise; dimensions: \
                       mean of the respondent's valid items; overall: respondents scored on every dimension)",
                verdict:
                    "improved when the confidence interval of after - before lies above 0, worsened when \
                          it lies below 0, unchanged otherwise (unadjusted interval); higher P - X is better",
                adjustment: "Holm and Benjamini-Hochberg over the items and, separately, over the dimensions",
            },
            overall: convert(&comparison.overall),
            dimensions: convert(&comparison.dimensions),
            items: convert(&comparison.items),
        }
    }
}
