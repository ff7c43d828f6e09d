//! Views shared by every document: the input summary, validation findings, the
//! instrument and battery means.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use servgap_core::instrument::{Instrument, Localized};
use servgap_core::servqual::{BatteryStats, Comparison, Measure, Scope};

/// Where the data came from and what happened while reading it; filled by the caller.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InputSummary {
    /// Display name of the input: the file name without its folders (a client's
    /// folder names must not end up in a client report), chosen by the caller.
    pub file: String,
    /// The full path, only when the caller chose to show it (`None` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FindingExample {
    /// Row as a spreadsheet shows it (header = row 1).
    pub row: u64,
    /// Column name(s) in the input.
    pub column: String,
    /// Offending value.
    pub value: String,
}

/// Instrument metadata.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InstrumentView {
    /// Identifier.
    pub id: String,
    /// Title, per language.
    pub title: Texts,
    /// `two-column`, `three-column` or `perceptions-only`.
    pub format: String,
    /// Lowest answer.
    pub scale_min: i16,
    /// Highest answer.
    pub scale_max: i16,
    /// Battery codes in storage order (E, P; A, D, P; P).
    pub batteries: Vec<String>,
    /// Comparison ids (`gap`; `msa`, `mss`; none).
    pub comparisons: Vec<String>,
    /// Whether importance points were collected.
    pub importance: bool,
}

/// Mean and SD of a battery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatteryView {
    /// Battery code.
    pub battery: String,
    /// Mean.
    pub mean: Option<f64>,
    /// Standard deviation.
    pub sd: Option<f64>,
}

pub(crate) fn battery_views(stats: &[BatteryStats]) -> Vec<BatteryView> {
    stats
        .iter()
        .map(|b| BatteryView { battery: b.battery.code().to_owned(), mean: b.mean, sd: b.sd })
        .collect()
}

/// Stable id of a measure: `gap`, `msa`, `mss`, or `perceived`.
pub(crate) fn measure_id(m: Measure) -> String {
    m.map_or("perceived", |c| c.id()).to_owned()
}

/// A text in every language the instrument has, keyed by language code (`en`, `pl`):
/// the view model carries all of them and the printer picks one at render time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Texts(pub BTreeMap<String, String>);

impl Texts {
    /// Every translation of `text`.
    pub fn from_localized(text: &Localized) -> Self {
        Texts(text.iter().map(|(lang, t)| (lang.to_owned(), t.to_owned())).collect())
    }

    /// The text in `lang`, falling back to English, then to any language; `None` when empty.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).or_else(|| self.0.get("en")).or_else(|| self.0.values().next()).map(String::as_str)
    }

    /// [`Texts::get`], or `fallback` (typically the id) when there is no text at all.
    pub fn or<'a>(&'a self, lang: &str, fallback: &'a str) -> &'a str {
        self.get(lang).unwrap_or(fallback)
    }
}

/// `(scope, id, texts)` of a comparison scope: the item's wording, the dimension's
/// name, or no text for the overall score (the printer names it).
pub(crate) fn scope_texts(instrument: &Instrument, scope: Scope) -> (String, String, Texts) {
    match scope {
        Scope::Item(i) => {
            let item = &instrument.items()[i];
            ("item".to_owned(), item.id.clone(), Texts::from_localized(&item.text))
        }
        Scope::Dimension(d) => {
            let dim = &instrument.dimensions()[d];
            ("dimension".to_owned(), dim.id.clone(), Texts::from_localized(&dim.name))
        }
        Scope::Overall => ("overall".to_owned(), "overall".to_owned(), Texts::default()),
    }
}

impl InstrumentView {
    /// Title in `lang` (the id when the instrument has none).
    pub fn title_in(&self, lang: &str) -> &str {
        self.title.or(lang, &self.id)
    }

    /// The instrument's metadata, with its title in every language it has.
    pub fn new(instrument: &Instrument) -> Self {
        InstrumentView {
            id: instrument.id().to_owned(),
            title: Texts::from_localized(instrument.title()),
            format: instrument.format().id().to_owned(),
            scale_min: instrument.scale().min(),
            scale_max: instrument.scale().max(),
            batteries: instrument.batteries().iter().map(|b| b.code().to_owned()).collect(),
            comparisons: Comparison::for_format(instrument.format())
                .iter()
                .map(|c| c.id().to_owned())
                .collect(),
            importance: instrument.has_importance(),
        }
    }
}
