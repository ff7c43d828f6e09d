//! The study file as TOML gives it: every key optional unless stated, unknown keys refused.

use jiff::civil::Date;
use serde::Deserialize;

/// `study.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStudy {
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub units: Vec<RawUnit>,
    #[serde(default)]
    pub departments: Vec<RawDepartment>,
    #[serde(default)]
    pub waves: Vec<RawWave>,
    #[serde(default)]
    pub registers: RawRegisters,
    pub priorities: Option<RawPriorities>,
}

/// `[priorities]`: weights, stability settings and the feasibility register (issue 15).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPriorities {
    pub weights: Option<RawWeights>,
    pub top_k: Option<i64>,
    pub weight_range: Option<f64>,
    pub draws: Option<i64>,
    pub seed: Option<i64>,
    pub feasibility: Option<String>,
    /// A number in [0, 1] (the neutral value of a missing component) or `"renormalise"`.
    pub missing: Option<toml::Value>,
}

/// `[priorities.weights]`: a weight left out is 0.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWeights {
    pub severity: Option<f64>,
    pub impact: Option<f64>,
    pub urgency: Option<f64>,
    pub feasibility: Option<f64>,
}

/// `[[units]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUnit {
    pub slug: String,
    pub name: Option<String>,
    pub kind: Option<String>,
    #[serde(default)]
    pub codes: Vec<String>,
}

/// `[[departments]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDepartment {
    pub slug: String,
    pub name: Option<String>,
}

/// `[[waves]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWave {
    pub slug: String,
    #[allow(dead_code)] // shown by `docs/study-format.md`; reports name waves by slug for now
    pub name: Option<String>,
    pub start: toml::Value,
    pub end: toml::Value,
    pub customer_survey: Option<RawSurvey>,
    pub management_survey: Option<RawManagement>,
    pub employee_survey: Option<RawSurvey>,
    pub helpdesk: Option<RawHelpdesk>,
}

/// `[waves.customer_survey]`, `[waves.employee_survey]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSurvey {
    pub file: String,
    pub instrument: Option<String>,
    pub mapping: Option<String>,
    pub unit_column: Option<String>,
    pub unit: Option<String>,
}

/// `[waves.management_survey]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawManagement {
    pub file: String,
    pub instrument: Option<String>,
    pub factors: Option<String>,
    pub mapping: Option<String>,
    pub factors_mapping: Option<String>,
    pub unit_column: Option<String>,
    pub unit: Option<String>,
}

/// `[waves.helpdesk]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHelpdesk {
    pub file: String,
    pub mapping: Option<String>,
    pub calendar: Option<String>,
    pub targets: Option<String>,
    pub unit_by: Option<String>,
    pub unit: Option<String>,
}

/// `[registers]`: paths of the register files (TOML, CSV or XLSX).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegisters {
    pub standards: Option<String>,
    pub promises: Option<String>,
    pub qualitative: Option<String>,
    /// The actions register (issue 15).
    pub actions: Option<String>,
}

/// A date written as a TOML date (`2025-03-31`) or as text (`"2025-03-31"`).
pub(super) fn date(value: &toml::Value) -> Result<Date, String> {
    let text = match value {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.trim().to_owned(),
        other => return Err(format!("expected a date like 2025-03-31, found a {}", other.type_str())),
    };
    parse_date(&text)
}

/// A `YYYY-MM-DD` date.
pub(super) fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{}` is not a date like 2025-03-31", crate::settings_file::shorten(text, 40)))
}
