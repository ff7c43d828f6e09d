//! Views shared by every document: the input summary, validation findings, the
//! instrument and battery means.

use serde::Serialize;
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{BatteryStats, Comparison, Measure, Scope};

/// Where the data came from and what happened while reading it; filled by the caller.
#[derive(Debug, Clone, Default, Serialize)]
pub struct InputSummary {
    /// File name as given on the command line.
    pub file: String,
    /// How the file was read (format, encoding, delimiter …), as `(key, value)` text pairs.
    pub reader: Vec<(String, String)>,
    /// Data rows read.
    pub rows: u64,
    /// Findings of the validation rules.
    pub findings: Vec<RuleFindings>,
    /// Whether `--strict` was in force (then findings is empty, or the run failed).
    pub strict: bool,
}

/// Findings of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleFindings {
    /// Rule identifier, e.g. `out-of-scale`.
    pub rule: String,
    /// What the rule demands.
    pub requirement: String,
    /// What the default policy did.
    pub action: String,
    /// Number of findings.
    pub count: u64,
    /// The earliest findings (bounded).
    pub examples: Vec<FindingExample>,
}

/// One finding, located in the input file.
#[derive(Debug, Clone, Serialize)]
pub struct FindingExample {
    /// Row as a spreadsheet shows it (header = row 1).
    pub row: u64,
    /// Column name(s) in the input.
    pub column: String,
    /// Offending value.
    pub value: String,
}

/// Instrument metadata.
#[derive(Debug, Clone, Serialize)]
pub struct InstrumentView {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// `two-column`, `three-column` or `perceptions-only`.
    pub format: &'static str,
    /// Lowest answer.
    pub scale_min: i16,
    /// Highest answer.
    pub scale_max: i16,
    /// Battery codes in storage order (E, P; A, D, P; P).
    pub batteries: Vec<&'static str>,
    /// Comparison ids (`gap`; `msa`, `mss`; none).
    pub comparisons: Vec<&'static str>,
    /// Whether importance points were collected.
    pub importance: bool,
}

/// Mean and SD of a battery.
#[derive(Debug, Clone, Serialize)]
pub struct BatteryView {
    /// Battery code.
    pub battery: &'static str,
    /// Mean.
    pub mean: Option<f64>,
    /// Standard deviation.
    pub sd: Option<f64>,
}

pub(crate) fn battery_views(stats: &[BatteryStats]) -> Vec<BatteryView> {
    stats.iter().map(|b| BatteryView { battery: b.battery.code(), mean: b.mean, sd: b.sd }).collect()
}

/// Stable id of a measure: `gap`, `msa`, `mss`, or `perceived`.
pub(crate) fn measure_id(m: Measure) -> &'static str {
    m.map_or("perceived", |c| c.id())
}

/// `(scope, id, display name)` of a comparison scope in `language`.
pub(crate) fn scope_names(
    instrument: &Instrument,
    scope: Scope,
    language: &str,
) -> (&'static str, String, String) {
    match scope {
        Scope::Item(i) => {
            let item = &instrument.items()[i];
            ("item", item.id.clone(), item.text.get(language).unwrap_or("").to_owned())
        }
        Scope::Dimension(d) => {
            let dim = &instrument.dimensions()[d];
            ("dimension", dim.id.clone(), dim.name.get(language).unwrap_or(&dim.id).to_owned())
        }
        Scope::Overall => ("overall", "overall".to_owned(), "Overall (unweighted)".to_owned()),
    }
}

impl InstrumentView {
    /// The instrument's metadata, with its title in `language`.
    pub fn new(instrument: &Instrument, language: &str) -> Self {
        InstrumentView {
            id: instrument.id().to_owned(),
            title: instrument.title().get(language).unwrap_or(instrument.id()).to_owned(),
            format: instrument.format().id(),
            scale_min: instrument.scale().min(),
            scale_max: instrument.scale().max(),
            batteries: instrument.batteries().iter().map(|b| b.code()).collect(),
            comparisons: Comparison::for_format(instrument.format()).iter().map(|c| c.id()).collect(),
            importance: instrument.has_importance(),
        }
    }
}
