//! `[priorities]` of the study file and its feasibility register (issue 15): the weights
//! of the four components, the stability settings, and the departments' ratings of each
//! gap (several raters per gap), from TOML (`[[rating]]` tables), CSV or XLSX.

use std::path::{Path, PathBuf};

use servgap_core::study::priority::{
    Effort, FeasibilityEntry, FeasibilityRating, MissingComponents, PriorityWeights, StabilitySettings,
};
use servgap_core::study::{GapId, Slug, Unit};

use super::raw::{parse_date, RawPriorities};
use super::table::{read_rows, Row};
use super::{study_error, STUDY_FILE};
use crate::IngestError;

/// The columns of the feasibility register.
pub const FEASIBILITY_COLUMNS: [&str; 9] =
    ["gap", "unit", "department", "rater", "effort", "cost", "rating", "deadline", "comment"];

/// How the study ranks its gaps: `[priorities]` of `study.toml`, defaults where absent.
#[derive(Debug, Clone, PartialEq)]
pub struct PrioritySettings {
    /// Component weights (default [`PriorityWeights::DEFAULT`]) and how a missing
    /// component counts (`missing`, default [`MissingComponents::DEFAULT`]: as 0.5).
    pub weights: PriorityWeights,
    /// Draws, top k, weight range and seed of the stability (default
    /// [`StabilitySettings::DEFAULT`]; its interval level is the analysis' confidence level,
    /// set by the pipeline).
    pub stability: StabilitySettings,
    /// The feasibility register as the study file names it (relative to the folder).
    pub feasibility_file: Option<String>,
    /// Its rows, in file order.
    pub feasibility: Vec<FeasibilityEntry>,
}

impl Default for PrioritySettings {
    fn default() -> PrioritySettings {
        PrioritySettings {
            weights: PriorityWeights::DEFAULT,
            stability: StabilitySettings::DEFAULT,
            feasibility_file: None,
            feasibility: Vec::new(),
        }
    }
}

/// Reads `[priorities]` and the register it names.
pub(super) fn read_priorities(
    root: &Path,
    raw: Option<&RawPriorities>,
    units: &[Unit],
    departments: &[String],
) -> Result<PrioritySettings, IngestError> {
    let Some(raw) = raw else { return Ok(PrioritySettings::default()) };
    let weights =
        weights(raw)?.with_missing(missing(raw.missing.as_ref())?).map_err(|e| key_error("missing", e))?;
    let mut settings = PrioritySettings { weights, ..PrioritySettings::default() };
    let s = &mut settings.stability;
    if let Some(k) = raw.top_k {
        s.top_k = whole(k, "top_k", 1, 10_000)? as usize;
    }
    if let Some(d) = raw.draws {
        s.draws = whole(d, "draws", 1, i64::from(servgap_core::study::priority::MAX_DRAWS))? as u32;
    }
    if let Some(seed) = raw.seed {
        s.seed = whole(seed, "seed", 0, i64::MAX)? as u64;
    }
    if let Some(r) = raw.weight_range {
        if !(0.0..=1.0).contains(&r) {
            return Err(key_error(
                "weight_range",
                format!("`{r}` is not a relative range from 0 to 1 (0.2 = each weight ±20 %)"),
            ));
        }
        s.weight_range = r;
    }
    if let Some(label) = &raw.feasibility {
        let register = Feasibility { label, units, departments };
        settings.feasibility = register.read(root)?;
        settings.feasibility_file = Some(label.clone());
    }
    Ok(settings)
}

fn key_error(key: &str, message: impl std::fmt::Display) -> IngestError {
    study_error(STUDY_FILE, &format!("key `priorities.{key}`"), message)
}

fn whole(value: i64, key: &str, min: i64, max: i64) -> Result<i64, IngestError> {
    if value < min || value > max {
        return Err(key_error(key, format!("`{value}` is not a whole number from {min} to {max}")));
    }
    Ok(value)
}

/// `missing`: a number from 0 to 1 (a missing component counts at it) or `"renormalise"`.
fn missing(raw: Option<&toml::Value>) -> Result<MissingComponents, IngestError> {
    let value = match raw {
        None => return Ok(MissingComponents::DEFAULT),
        Some(toml::Value::String(s)) if s == "renormalise" => return Ok(MissingComponents::Renormalise),
        Some(toml::Value::Float(v)) => *v,
        Some(toml::Value::Integer(v)) => *v as f64,
        Some(other) => {
            return Err(key_error(
                "missing",
                format!("`{other}` is not a number from 0 to 1 or \"renormalise\""),
            ))
        }
    };
    if !(0.0..=1.0).contains(&value) {
        return Err(key_error(
            "missing",
            format!("`{value}` is not a number from 0 to 1 (the value a missing component counts as)"),
        ));
    }
    Ok(MissingComponents::Neutral(value))
}

fn weights(raw: &RawPriorities) -> Result<PriorityWeights, IngestError> {
    let Some(w) = &raw.weights else { return Ok(PriorityWeights::DEFAULT) };
    let values = [w.severity, w.impact, w.urgency, w.feasibility].map(|v| v.unwrap_or(0.0));
    let names = ["severity", "impact", "urgency", "feasibility"];
    for (name, value) in names.iter().zip(values) {
        if !value.is_finite() || value < 0.0 {
            return Err(key_error(
                &format!("weights.{name}"),
                format!("`{value}` is not a finite number ≥ 0"),
            ));
        }
    }
    PriorityWeights::new(values)
        .map_err(|_| key_error("weights", "every weight is 0: give at least one weight above 0"))
}

/// The feasibility register being read.
struct Feasibility<'a> {
    label: &'a str,
    units: &'a [Unit],
    departments: &'a [String],
}

impl Feasibility<'_> {
    fn error(&self, row: &Row, key: &str, message: impl std::fmt::Display) -> IngestError {
        IngestError::Study {
            file: self.label.to_owned(),
            message: format!("{}: key `{key}`: {message}", row.place),
        }
    }

    fn read(&self, root: &Path) -> Result<Vec<FeasibilityEntry>, IngestError> {
        let path: PathBuf = root.join(self.label);
        if !path.is_file() {
            return Err(key_error(
                "feasibility",
                format!("file `{}` does not exist in the study folder", self.label),
            ));
        }
        let rows = read_rows(&path, self.label, "rating")?;
        let mut entries: Vec<FeasibilityEntry> = Vec::with_capacity(rows.len());
        for row in &rows {
            if let Some(unknown) = row.fields.keys().find(|k| !FEASIBILITY_COLUMNS.contains(&k.as_str())) {
                return Err(IngestError::Study {
                    file: self.label.to_owned(),
                    message: format!(
                        "{}: unknown column `{unknown}` (columns: {})",
                        row.place,
                        FEASIBILITY_COLUMNS.join(", ")
                    ),
                });
            }
            let entry = self.entry(row)?;
            let twice = entries
                .iter()
                .any(|e| e.gap == entry.gap && e.unit == entry.unit && e.rating.rater == entry.rating.rater);
            if twice {
                return Err(self.error(
                    row,
                    "rater",
                    format!("`{}` rates gap `{}` twice for the same unit", entry.rating.rater, entry.gap),
                ));
            }
            entries.push(entry);
        }
        Ok(entries)
    }

    fn required<'r>(&self, row: &'r Row, key: &str) -> Result<&'r str, IngestError> {
        row.get(key).ok_or_else(|| self.error(row, key, "missing"))
    }

    fn entry(&self, row: &Row) -> Result<FeasibilityEntry, IngestError> {
        let gap_text = self.required(row, "gap")?;
        let gap: GapId = gap_text.parse().map_err(|e| self.error(row, "gap", e))?;
        let unit = row.get("unit").map(|u| self.unit(row, u)).transpose()?;
        let rating = FeasibilityRating {
            department: self.department(row)?,
            rater: self.required(row, "rater")?.to_owned(),
            effort: row
                .get("effort")
                .map(|t| {
                    Effort::from_id(t).ok_or_else(|| {
                        self.error(row, "effort", format!("`{t}` is not one of XS, S, M, L, XL"))
                    })
                })
                .transpose()?,
            cost: row.get("cost").map(|t| self.cost(row, t)).transpose()?,
            rating: row.get("rating").map(|t| self.rating(row, t)).transpose()?,
            comment: row.get("comment").unwrap_or_default().to_owned(),
        };
        let deadline = row
            .get("deadline")
            .map(|t| parse_date(t).map_err(|e| self.error(row, "deadline", e)))
            .transpose()?;
        Ok(FeasibilityEntry { gap, unit, rating, deadline })
    }

    fn unit(&self, row: &Row, text: &str) -> Result<Slug, IngestError> {
        match self.units.iter().find(|u| u.slug.as_str() == text) {
            Some(u) => Ok(u.slug.clone()),
            None => {
                let known: Vec<&str> = self.units.iter().map(|u| u.slug.as_str()).collect();
                let known = if known.is_empty() { "none defined".to_owned() } else { known.join(", ") };
                Err(self.error(row, "unit", format!("unknown unit `{text}` (units: {known})")))
            }
        }
    }

    fn department(&self, row: &Row) -> Result<Slug, IngestError> {
        let text = self.required(row, "department")?;
        if !self.departments.iter().any(|d| d == text) {
            let known = if self.departments.is_empty() {
                "none defined".to_owned()
            } else {
                self.departments.join(", ")
            };
            return Err(self.error(
                row,
                "department",
                format!("unknown department `{text}` (departments: {known})"),
            ));
        }
        Slug::new("department", text).map_err(|e| self.error(row, "department", e))
    }

    fn cost(&self, row: &Row, text: &str) -> Result<f64, IngestError> {
        match text.replace([' ', '\u{a0}'], "").replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(self.error(row, "cost", format!("`{text}` is not a number ≥ 0"))),
        }
    }

    fn rating(&self, row: &Row, text: &str) -> Result<u8, IngestError> {
        let value = text.strip_suffix(".0").unwrap_or(text);
        match value.parse::<u8>() {
            Ok(v) if (1..=5).contains(&v) => Ok(v),
            _ => Err(self.error(
                row,
                "rating",
                format!("`{text}` is not a whole number from 1 (hard) to 5 (easy)"),
            )),
        }
    }
}
