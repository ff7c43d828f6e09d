//! The registers of a study: standards (gaps 2 and 3), promises (gap 4) and qualitative
//! gaps, from TOML, CSV or XLSX rows, checked against the study's departments, the
//! customer instrument's items and dimensions, and the waves' SLA names.

use std::collections::BTreeSet;
use std::path::Path;

use servgap_core::instrument::Instrument;
use servgap_core::kpi::{Clock, Dimension, Direction, DurationKpi, Measure, SegmentFilter, Statistic, Unit};
use servgap_core::study::{
    KpiRef, Level, Promise, PromiseSpec, QualitativeGap, Slug, Standard, StandardSpec, SurveyRef,
};

use super::raw::{parse_date, RawRegisters};
use super::table::{read_rows, Row};
use crate::tickets::parse_duration;
use crate::IngestError;

/// What register rows may refer to.
pub(super) struct References<'a> {
    pub departments: &'a [String],
    pub instruments: &'a [Instrument],
    pub sla_names: &'a BTreeSet<String>,
}

/// The registers, read and validated.
#[derive(Default)]
pub(super) struct Registers {
    pub standards: Vec<Standard>,
    pub promises: Vec<Promise>,
    pub notes: Vec<QualitativeGap>,
}

const STANDARD_KEYS: [&str; 12] = [
    "slug",
    "title",
    "items",
    "dimensions",
    "kpi",
    "segment",
    "target",
    "minimum",
    "direction",
    "required_share",
    "owner",
    "since",
];
const PROMISE_KEYS: [&str; 11] = [
    "slug",
    "text",
    "channel",
    "since",
    "kpi",
    "segment",
    "within",
    "threshold",
    "direction",
    "items",
    "departments",
];
const NOTE_KEYS: [&str; 6] = ["slug", "description", "departments", "evidence", "impact", "urgency"];

/// One register file being read: its label (path as the study file gives it) and references.
struct Register<'a> {
    label: &'a str,
    refs: &'a References<'a>,
}

/// Reads the registers the study file names (relative to `root`).
pub(super) fn read_registers(
    root: &Path,
    raw: &RawRegisters,
    refs: &References<'_>,
) -> Result<Registers, IngestError> {
    let mut out = Registers::default();
    if let Some(label) = &raw.standards {
        let register = Register { label, refs };
        for row in register.rows(root, "standard", &STANDARD_KEYS)? {
            let standard = register.standard(&row)?;
            register.unique(&row, standard.slug(), out.standards.iter().map(Standard::slug))?;
            out.standards.push(standard);
        }
    }
    if let Some(label) = &raw.promises {
        let register = Register { label, refs };
        for row in register.rows(root, "promise", &PROMISE_KEYS)? {
            let promise = register.promise(&row)?;
            register.unique(&row, promise.slug(), out.promises.iter().map(Promise::slug))?;
            out.promises.push(promise);
        }
    }
    if let Some(label) = &raw.qualitative {
        let register = Register { label, refs };
        for row in register.rows(root, "gap", &NOTE_KEYS)? {
            let note = register.note(&row)?;
            register.unique(&row, &note.slug, out.notes.iter().map(|n| &n.slug))?;
            out.notes.push(note);
        }
    }
    Ok(out)
}

impl Register<'_> {
    fn error(&self, row: &Row, key: Option<&str>, message: impl std::fmt::Display) -> IngestError {
        let place = match key {
            Some(key) => format!("{}: key `{key}`", row.place),
            None => row.place.clone(),
        };
        IngestError::Study { file: self.label.to_owned(), message: format!("{place}: {message}") }
    }

    fn rows(&self, root: &Path, table: &str, keys: &[&str]) -> Result<Vec<Row>, IngestError> {
        let path = root.join(self.label);
        if !path.is_file() {
            return Err(IngestError::Study {
                file: super::STUDY_FILE.to_owned(),
                message: format!("key `registers`: file `{}` does not exist in the study folder", self.label),
            });
        }
        let rows = read_rows(&path, self.label, table)?;
        for row in &rows {
            if let Some(unknown) = row.fields.keys().find(|k| !keys.contains(&k.as_str())) {
                return Err(self.error(
                    row,
                    None,
                    format!("unknown column `{unknown}` (columns: {})", keys.join(", ")),
                ));
            }
        }
        Ok(rows)
    }

    fn required<'r>(&self, row: &'r Row, key: &str) -> Result<&'r str, IngestError> {
        row.get(key).ok_or_else(|| self.error(row, Some(key), "missing"))
    }

    fn slug(&self, row: &Row, what: &'static str) -> Result<Slug, IngestError> {
        let text = self.required(row, "slug")?;
        Slug::new(what, text).map_err(|e| self.error(row, Some("slug"), e))
    }

    fn unique<'s>(
        &self,
        row: &Row,
        slug: &Slug,
        mut before: impl Iterator<Item = &'s Slug>,
    ) -> Result<(), IngestError> {
        if before.any(|s| s == slug) {
            return Err(self.error(row, Some("slug"), format!("`{slug}` is defined twice")));
        }
        Ok(())
    }

    fn department(&self, row: &Row, key: &str, text: &str) -> Result<Slug, IngestError> {
        if !self.refs.departments.iter().any(|d| d == text) {
            let known = if self.refs.departments.is_empty() {
                "none defined".to_owned()
            } else {
                self.refs.departments.join(", ")
            };
            return Err(self.error(
                row,
                Some(key),
                format!("unknown department `{text}` (departments: {known})"),
            ));
        }
        Slug::new("department", text).map_err(|e| self.error(row, Some(key), e))
    }

    fn departments(&self, row: &Row) -> Result<Vec<Slug>, IngestError> {
        row.list("departments").iter().map(|d| self.department(row, "departments", d)).collect()
    }

    fn since(&self, row: &Row) -> Result<Option<jiff::civil::Date>, IngestError> {
        row.get("since").map(|t| parse_date(t).map_err(|e| self.error(row, Some("since"), e))).transpose()
    }

    /// Items (`items`) and dimensions (`dimensions`) of the customer instrument.
    fn survey_refs(&self, row: &Row) -> Result<Vec<SurveyRef>, IngestError> {
        let mut refs: Vec<SurveyRef> = row.list("items").into_iter().map(SurveyRef::Item).collect();
        refs.extend(row.list("dimensions").into_iter().map(SurveyRef::Dimension));
        for r in &refs {
            let (key, what) = match r {
                SurveyRef::Item(_) => ("items", "item"),
                SurveyRef::Dimension(_) => ("dimensions", "dimension"),
            };
            if self.refs.instruments.is_empty() {
                return Err(self.error(
                    row,
                    Some(key),
                    "names survey items, but no wave has a customer survey",
                ));
            }
            for instrument in self.refs.instruments {
                if !servgap_core::study::survey_ref_exists(instrument, r) {
                    return Err(self.error(
                        row,
                        Some(key),
                        format!(
                            "unknown {what} `{}`: instrument `{}` has no such {what}",
                            r.id(),
                            instrument.id()
                        ),
                    ));
                }
            }
        }
        Ok(refs)
    }

    fn kpi(&self, row: &Row) -> Result<Option<KpiRef>, IngestError> {
        let Some(text) = row.get("kpi") else { return Ok(None) };
        let measure =
            parse_measure(text, self.refs.sla_names).map_err(|e| self.error(row, Some("kpi"), e))?;
        let segment = match row.get("segment") {
            None | Some("all") => SegmentFilter::AllTickets,
            Some(s) => {
                let bad = || {
                    self.error(
                        row,
                        Some("segment"),
                        format!("`{s}` is not `all` or dimension=value (channel, priority, team)"),
                    )
                };
                let (d, v) = s.split_once('=').ok_or_else(bad)?;
                let d = Dimension::ALL.into_iter().find(|x| x.id() == d.trim()).ok_or_else(bad)?;
                SegmentFilter::Only(d, v.trim().to_owned())
            }
        };
        KpiRef::new(measure, segment).map(Some).map_err(|e| self.error(row, Some("segment"), e))
    }

    fn direction(&self, row: &Row, default: Direction) -> Result<Direction, IngestError> {
        match row.get("direction") {
            None => Ok(default),
            Some("higher") => Ok(Direction::HigherIsBetter),
            Some("lower") => Ok(Direction::LowerIsBetter),
            Some(other) => {
                Err(self.error(row, Some("direction"), format!("expected higher or lower, found `{other}`")))
            }
        }
    }

    /// A level in the KPI's unit (a duration for duration KPIs), else a number on the survey scale.
    fn level(&self, row: &Row, key: &str, unit: Option<Unit>) -> Result<Option<f64>, IngestError> {
        let Some(text) = row.get(key) else { return Ok(None) };
        value_in(text, unit).map(Some).map_err(|e| self.error(row, Some(key), e))
    }

    fn standard(&self, row: &Row) -> Result<Standard, IngestError> {
        let slug = self.slug(row, "standard")?;
        let owner = self.department(row, "owner", self.required(row, "owner")?)?;
        let survey = self.survey_refs(row)?;
        let kpi = self.kpi(row)?;
        let unit = kpi.as_ref().map(|k| k.measure().unit());
        let target =
            self.level(row, "target", unit)?.ok_or_else(|| self.error(row, Some("target"), "missing"))?;
        let natural = kpi.as_ref().map_or(Direction::HigherIsBetter, |k| k.measure().natural_direction());
        let spec = StandardSpec {
            slug: slug.to_string(),
            title: row.get("title").unwrap_or_default().to_owned(),
            survey,
            kpi,
            target,
            direction: self.direction(row, natural)?,
            minimum: self.level(row, "minimum", unit)?,
            required_share: self.level(row, "required_share", Some(Unit::Share))?,
            owner,
            since: self.since(row)?,
        };
        spec.build().map_err(|e| self.error(row, None, e))
    }

    fn promise(&self, row: &Row) -> Result<Promise, IngestError> {
        let slug = self.slug(row, "promise")?;
        let kpi = self.kpi(row)?;
        let Some(kpi) = kpi else {
            return Err(self.error(
                row,
                Some("kpi"),
                format!("promise `{slug}` names no kpi that measures it"),
            ));
        };
        let unit = kpi.measure().unit();
        let threshold =
            match (self.level(row, "within", Some(unit))?, self.level(row, "threshold", Some(unit))?) {
                (Some(_), Some(_)) => {
                    return Err(self.error(row, Some("within"), "give `within` or `threshold`, not both"))
                }
                (a, b) => a.or(b),
            };
        if threshold.is_none() {
            return Err(self.error(
                row,
                None,
                format!("promise `{slug}` has no measurable threshold: give `within` (a duration like \"1h\") or `threshold`"),
            ));
        }
        let spec = PromiseSpec {
            slug: slug.to_string(),
            text: row.get("text").unwrap_or_default().to_owned(),
            channel: row.get("channel").unwrap_or_default().to_owned(),
            since: self.since(row)?,
            direction: self.direction(row, kpi.measure().natural_direction())?,
            kpi: Some(kpi),
            threshold,
            items: self.survey_refs(row)?,
            departments: self.departments(row)?,
        };
        spec.build().map_err(|e| self.error(row, None, e))
    }

    fn note(&self, row: &Row) -> Result<QualitativeGap, IngestError> {
        let slug = self.slug(row, "qualitative gap")?;
        let level = |key: &str| -> Result<Level, IngestError> {
            let text = self.required(row, key)?;
            Level::from_id(text).ok_or_else(|| {
                self.error(row, Some(key), format!("expected low, medium or high, found `{text}`"))
            })
        };
        let note = QualitativeGap {
            slug,
            description: row.get("description").unwrap_or_default().to_owned(),
            departments: self.departments(row)?,
            evidence: row.get("evidence").unwrap_or_default().to_owned(),
            impact: level("impact")?,
            urgency: level("urgency")?,
        };
        note.validate().map_err(|e| self.error(row, None, e))?;
        Ok(note)
    }
}

/// `text` in `unit`: a duration with units for seconds, `85%` or `0.85` for shares, a number otherwise.
fn value_in(text: &str, unit: Option<Unit>) -> Result<f64, String> {
    if unit == Some(Unit::Seconds) {
        return parse_duration(&toml::Value::String(text.to_owned()));
    }
    let (number, scale) = match text.strip_suffix('%') {
        Some(p) if unit == Some(Unit::Share) => (p.trim(), 100.0),
        _ => (text, 1.0),
    };
    number.parse::<f64>().map(|v| v / scale).map_err(|_| format!("`{text}` is not a number"))
}

/// A KPI as a study register names it: `sla:<name>`, a duration KPI with optional clock and
/// statistic (`first-response`, `first-response.calendar`, `full-resolution.business.p90`),
/// `fcr`, `reopen-rate`, `csat`, `csat-response-rate` or `backlog`.
pub(super) fn parse_measure(text: &str, sla_names: &BTreeSet<String>) -> Result<Measure, String> {
    if let Some(name) = text.strip_prefix("sla:") {
        if sla_names.contains(name) {
            return Ok(Measure::SlaAttainment(name.to_owned()));
        }
        let known: Vec<&str> = sla_names.iter().map(String::as_str).collect();
        return Err(format!(
            "unknown kpi `{text}`: no [[sla]] named `{name}` in the waves' targets files (slas: {})",
            if known.is_empty() { "none".to_owned() } else { known.join(", ") }
        ));
    }
    let mut parts = text.split('.');
    let head = parts.next().unwrap_or_default();
    if let Some(kpi) = DurationKpi::ALL.into_iter().find(|k| k.id() == head) {
        let (mut clock, mut statistic) = (Clock::Business, Statistic::Median);
        for part in parts {
            match part {
                "business" => clock = Clock::Business,
                "calendar" => clock = Clock::Calendar,
                "median" => statistic = Statistic::Median,
                "p90" => statistic = Statistic::P90,
                "mean" => statistic = Statistic::Mean,
                other => return Err(format!("unknown kpi `{text}`: `{other}` is not a clock (business, calendar) or statistic (median, p90, mean)")),
            }
        }
        return Ok(Measure::Duration { kpi, clock, statistic });
    }
    match text {
        "fcr" | "first-contact-resolution" => Ok(Measure::FirstContactResolution),
        "reopen-rate" => Ok(Measure::ReopenRate),
        "csat" => Ok(Measure::Csat),
        "csat-response-rate" => Ok(Measure::CsatResponseRate),
        "backlog" => Ok(Measure::Backlog),
        _ => Err(format!(
            "unknown kpi `{text}` (durations: first-response, next-response, first-resolution, \
             full-resolution, requester-wait, optionally .business/.calendar and .median/.p90/.mean; \
             shares: fcr, reopen-rate, csat, csat-response-rate, sla:<name>; backlog)"
        )),
    }
}
