//! The calendar file (`docs/calendar-format.md`) and the targets file
//! (`docs/targets-format.md`), both TOML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use servgap_core::kpi::{
    benchmarks, parse_ical_holidays, BusinessCalendar, Calendars, Clock, Dimension, Direction, DurationKpi,
    Measure, SegmentFilter, SlaMetric, SlaTarget, Statistic, Target, WeekSchedule, WorkingInterval,
};

use crate::IngestError;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    zone: Option<String>,
    #[serde(default)]
    weekdays: Vec<String>,
    #[serde(default)]
    mon: Vec<String>,
    #[serde(default)]
    tue: Vec<String>,
    #[serde(default)]
    wed: Vec<String>,
    #[serde(default)]
    thu: Vec<String>,
    #[serde(default)]
    fri: Vec<String>,
    #[serde(default)]
    sat: Vec<String>,
    #[serde(default)]
    sun: Vec<String>,
    #[serde(default)]
    holidays: Vec<String>,
    ical: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendarFile {
    #[serde(flatten)]
    default: RawCalendar,
    #[serde(default)]
    teams: BTreeMap<String, RawCalendar>,
}

/// A loaded calendar file.
#[derive(Debug, Clone)]
pub struct CalendarFile {
    /// The file.
    pub path: PathBuf,
    /// The calendars (default and per team).
    pub calendars: Calendars,
    /// Zone of the default calendar (the reporting zone unless stated otherwise).
    pub zone: Option<String>,
    /// Teams with their own calendar.
    pub teams: Vec<String>,
    /// Number of holidays of the default calendar.
    pub holidays: usize,
}

impl CalendarFile {
    /// Reads a calendar file; an `ical` path is relative to the calendar file.
    ///
    /// # Errors
    /// [`IngestError::Io`], or [`IngestError::CalendarFile`] naming the key and the problem.
    pub fn load(path: &Path) -> Result<CalendarFile, IngestError> {
        let text = std::fs::read_to_string(path).map_err(crate::source::io_error(path))?;
        CalendarFile::parse(&text, path)
    }

    /// Parses calendar text; `path` names the file and anchors `ical` paths.
    ///
    /// # Errors
    /// [`IngestError::CalendarFile`].
    pub fn parse(text: &str, path: &Path) -> Result<CalendarFile, IngestError> {
        let err = |message: String| IngestError::CalendarFile { path: path.to_owned(), message };
        let raw: RawCalendarFile =
            toml::from_str(text).map_err(|e| err(e.to_string().trim_end().to_owned()))?;
        let mut calendars = Calendars::new();
        let mut holidays = 0;
        let has_default = raw.default.zone.is_some();
        if has_default {
            let calendar = build(&raw.default, "", path).map_err(err)?;
            holidays = calendar.holidays().len();
            calendars = calendars.with_default(calendar);
        } else if !raw.teams.is_empty() && !is_empty(&raw.default) {
            return Err(err("key `zone`: the default calendar needs a zone".to_owned()));
        } else if raw.teams.is_empty() {
            return Err(err("key `zone`: missing (e.g. zone = \"Europe/Warsaw\")".to_owned()));
        }
        let mut teams = Vec::new();
        for (team, cal) in &raw.teams {
            let calendar = build(cal, &format!("teams.{team}."), path).map_err(err)?;
            calendars = calendars.with_team(team, calendar);
            teams.push(team.clone());
        }
        Ok(CalendarFile { path: path.to_owned(), calendars, zone: raw.default.zone, teams, holidays })
    }
}

fn is_empty(raw: &RawCalendar) -> bool {
    raw.weekdays.is_empty()
        && [&raw.mon, &raw.tue, &raw.wed, &raw.thu, &raw.fri, &raw.sat, &raw.sun].iter().all(|d| d.is_empty())
        && raw.holidays.is_empty()
        && raw.ical.is_none()
}

fn build(raw: &RawCalendar, prefix: &str, path: &Path) -> Result<BusinessCalendar, String> {
    let zone = raw.zone.as_deref().ok_or_else(|| format!("key `{prefix}zone`: missing"))?;
    let mut week = WeekSchedule::new();
    let interval = |key: &str, text: &str| {
        WorkingInterval::parse(text).map_err(|e| format!("key `{prefix}{key}`: `{text}`: {e}"))
    };
    for text in &raw.weekdays {
        week = week.with_weekdays(interval("weekdays", text)?);
    }
    let days = [
        ("mon", Weekday::Monday, &raw.mon),
        ("tue", Weekday::Tuesday, &raw.tue),
        ("wed", Weekday::Wednesday, &raw.wed),
        ("thu", Weekday::Thursday, &raw.thu),
        ("fri", Weekday::Friday, &raw.fri),
        ("sat", Weekday::Saturday, &raw.sat),
        ("sun", Weekday::Sunday, &raw.sun),
    ];
    for (key, day, list) in days {
        for text in list {
            week = week.with(day, interval(key, text)?);
        }
    }
    let mut dates: Vec<Date> = Vec::new();
    for text in &raw.holidays {
        dates.push(
            text.parse::<Date>()
                .map_err(|_| format!("key `{prefix}holidays`: `{text}` is not a date like 2026-12-25"))?,
        );
    }
    if let Some(ical) = &raw.ical {
        let file = path.parent().unwrap_or(Path::new(".")).join(ical);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("key `{prefix}ical`: cannot read {}: {e}", file.display()))?;
        dates.extend(
            parse_ical_holidays(&text).map_err(|e| format!("key `{prefix}ical`: {}: {e}", file.display()))?,
        );
    }
    BusinessCalendar::new(zone, &week, dates).map_err(|e| format!("key `{prefix}zone`/intervals: {e}"))
}

// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    #[serde(default)]
    sla: Vec<RawSla>,
    #[serde(default)]
    target: Vec<RawTarget>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSla {
    name: String,
    metric: String,
    within: toml::Value,
    clock: Option<String>,
    priority: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    preset: Option<String>,
    kpi: Option<String>,
    statistic: Option<String>,
    clock: Option<String>,
    direction: Option<String>,
    target: Option<toml::Value>,
    minimum: Option<toml::Value>,
    segment: Option<String>,
    label: Option<String>,
}

/// Where a target came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetInfo {
    /// Label shown in reports (the `label` key, else the measure id).
    pub label: String,
    /// The benchmark preset id, when the target is a preset.
    pub preset: Option<String>,
    /// Source, year and caveat of a preset.
    pub caveat: Option<String>,
}

/// A loaded targets file.
#[derive(Debug, Clone)]
pub struct TargetsFile {
    /// The file.
    pub path: PathBuf,
    /// SLA targets (attainment counted by the engine).
    pub sla: Vec<SlaTarget>,
    /// KPI targets, with [`TargetsFile::info`] at the same index.
    pub targets: Vec<Target>,
    /// Labels and provenance of the targets.
    pub info: Vec<TargetInfo>,
}

/// Parses a duration: whole seconds as a number, or text like `90s`, `30m`, `8h`, `2d`, `1h30m`.
pub fn parse_duration(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        toml::Value::String(s) => {
            let mut total = 0.0;
            let mut number = String::new();
            let mut any = false;
            for c in s.trim().chars() {
                if c.is_ascii_digit() || c == '.' {
                    number.push(c);
                    continue;
                }
                let unit = match c {
                    's' => 1.0,
                    'm' => 60.0,
                    'h' => 3600.0,
                    'd' => 86_400.0,
                    'w' => 604_800.0,
                    ' ' => continue,
                    _ => return None,
                };
                total += number.parse::<f64>().ok()? * unit;
                number.clear();
                any = true;
            }
            (any && number.is_empty()).then_some(total)
        }
        _ => None,
    }
}

fn parse_share(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        toml::Value::String(s) => {
            let s = s.trim();
            s.strip_suffix('%')
                .and_then(|p| p.trim().parse::<f64>().ok())
                .map(|p| p / 100.0)
                .or_else(|| s.parse().ok())
        }
        _ => None,
    }
}

fn duration_kpi(id: &str) -> Option<DurationKpi> {
    DurationKpi::ALL.into_iter().find(|k| k.id() == id)
}

fn clock(text: Option<&str>, key: &str) -> Result<Clock, String> {
    match text {
        None | Some("business") => Ok(Clock::Business),
        Some("calendar") => Ok(Clock::Calendar),
        Some(other) => Err(format!("key `{key}`: expected \"business\" or \"calendar\", found \"{other}\"")),
    }
}

fn dimension(text: &str) -> Option<Dimension> {
    Dimension::ALL.into_iter().find(|d| d.id() == text)
}

fn segment(text: Option<&str>, key: &str) -> Result<SegmentFilter, String> {
    let bad =
        || format!("key `{key}`: expected \"all\", a dimension (channel, priority, team) or dimension=value");
    match text.map(str::trim) {
        None | Some("all") => Ok(SegmentFilter::AllTickets),
        Some(t) => match t.split_once('=') {
            Some((d, v)) => {
                Ok(SegmentFilter::Only(dimension(d.trim()).ok_or_else(bad)?, v.trim().to_owned()))
            }
            None => Ok(SegmentFilter::Every(dimension(t).ok_or_else(bad)?)),
        },
    }
}

impl TargetsFile {
    /// Reads a targets file.
    ///
    /// # Errors
    /// [`IngestError::Io`], or [`IngestError::TargetsFile`] naming the entry and key.
    pub fn load(path: &Path) -> Result<TargetsFile, IngestError> {
        let text = std::fs::read_to_string(path).map_err(crate::source::io_error(path))?;
        TargetsFile::parse(&text, path)
    }

    /// Parses targets text.
    ///
    /// # Errors
    /// [`IngestError::TargetsFile`].
    pub fn parse(text: &str, path: &Path) -> Result<TargetsFile, IngestError> {
        let err = |message: String| IngestError::TargetsFile { path: path.to_owned(), message };
        let raw: RawTargets = toml::from_str(text).map_err(|e| err(e.to_string().trim_end().to_owned()))?;
        let mut sla = Vec::new();
        for (k, s) in raw.sla.iter().enumerate() {
            let key = |name: &str| format!("sla[{k}].{name}");
            let metric = match s.metric.as_str() {
                "first-response" => SlaMetric::FirstResponse,
                "next-response" => SlaMetric::NextResponse,
                "resolution" => SlaMetric::Resolution,
                other => {
                    return Err(err(format!(
                        "key `{}`: expected first-response, next-response or resolution, found \"{other}\"",
                        key("metric")
                    )))
                }
            };
            let seconds = parse_duration(&s.within).filter(|v| *v >= 1.0).ok_or_else(|| {
                err(format!("key `{}`: expected a duration like \"8h\" or \"30m\"", key("within")))
            })?;
            let clock = clock(s.clock.as_deref(), &key("clock")).map_err(err)?;
            let mut target = SlaTarget::new(&s.name, metric, clock, seconds.round() as u64)
                .map_err(|e| err(format!("key `{}`: {e}", key("name"))))?;
            if let Some(p) = &s.priority {
                target = target.for_priority(p);
            }
            sla.push(target);
        }
        let mut targets = Vec::new();
        let mut info = Vec::new();
        for (k, t) in raw.target.iter().enumerate() {
            let key = |name: &str| format!("target[{k}].{name}");
            let filter = segment(t.segment.as_deref(), &key("segment")).map_err(err)?;
            if let Some(id) = &t.preset {
                let all = benchmarks();
                let b = all.iter().find(|b| b.id == id).ok_or_else(|| {
                    let ids: Vec<&str> = all.iter().map(|b| b.id).collect();
                    err(format!(
                        "key `{}`: unknown preset \"{id}\" (known: {})",
                        key("preset"),
                        ids.join(", ")
                    ))
                })?;
                if t.kpi.is_some() || t.target.is_some() || t.minimum.is_some() {
                    return Err(err(format!(
                        "key `{}`: a preset brings its own kpi, target and minimum; remove them",
                        key("preset")
                    )));
                }
                targets.push(b.to_target().map_err(|e| err(e.to_string()))?.for_segments(filter));
                info.push(TargetInfo {
                    label: t.label.clone().unwrap_or_else(|| b.title.to_owned()),
                    preset: Some(b.id.to_owned()),
                    caveat: Some(format!(
                        "{} ({}), {}; {}. Caveat: {}",
                        b.source, b.year, b.url, b.population, b.caveat
                    )),
                });
                continue;
            }
            let kpi = t
                .kpi
                .as_deref()
                .ok_or_else(|| err(format!("key `{}`: missing (or give a preset)", key("kpi"))))?;
            let is_duration = duration_kpi(kpi).is_some();
            let measure = if let Some(d) = duration_kpi(kpi) {
                let statistic = match t.statistic.as_deref() {
                    None | Some("median") => Statistic::Median,
                    Some("p90") => Statistic::P90,
                    Some("mean") => Statistic::Mean,
                    Some(other) => {
                        return Err(err(format!(
                            "key `{}`: expected median, p90 or mean, found \"{other}\"",
                            key("statistic")
                        )))
                    }
                };
                Measure::Duration {
                    kpi: d,
                    clock: clock(t.clock.as_deref(), &key("clock")).map_err(err)?,
                    statistic,
                }
            } else {
                match kpi {
                    "first-contact-resolution" | "fcr" => Measure::FirstContactResolution,
                    "reopen-rate" => Measure::ReopenRate,
                    "csat" => Measure::Csat,
                    "csat-response-rate" => Measure::CsatResponseRate,
                    "nps" => Measure::Nps,
                    "ces-mean" => Measure::CesMean,
                    "ces-agree" => Measure::CesAgree,
                    "backlog" => Measure::Backlog,
                    other => match other.strip_prefix("sla:") {
                        Some(name) if raw.sla.iter().any(|s| s.name == name) => Measure::SlaAttainment(name.to_owned()),
                        Some(name) => {
                            return Err(err(format!("key `{}`: no [[sla]] named \"{name}\"", key("kpi"))))
                        }
                        None => {
                            return Err(err(format!(
                                "key `{}`: unknown kpi \"{other}\" (durations: first-response, next-response, \
                                 first-resolution, full-resolution, requester-wait; shares: fcr, reopen-rate, csat, \
                                 csat-response-rate, ces-agree, sla:<name>; nps, ces-mean, backlog)",
                                key("kpi")
                            )))
                        }
                    },
                }
            };
            let value = |v: &toml::Value, name: &str| -> Result<f64, IngestError> {
                let parsed = if is_duration {
                    parse_duration(v)
                } else if matches!(measure, Measure::Nps | Measure::CesMean | Measure::Backlog) {
                    v.as_float().or(v.as_integer().map(|i| i as f64))
                } else {
                    parse_share(v)
                };
                parsed.ok_or_else(|| {
                    err(format!(
                        "key `{}`: expected {}, found `{v}`",
                        key(name),
                        if is_duration {
                            "a duration like \"4h\""
                        } else {
                            "a number (shares: 0.85 or \"85%\")"
                        }
                    ))
                })
            };
            let target_value = value(
                t.target.as_ref().ok_or_else(|| err(format!("key `{}`: missing", key("target"))))?,
                "target",
            )?;
            let minimum = t.minimum.as_ref().map(|m| value(m, "minimum")).transpose()?;
            let direction = match t.direction.as_deref() {
                None => measure.natural_direction(),
                Some("higher") => Direction::HigherIsBetter,
                Some("lower") => Direction::LowerIsBetter,
                Some(other) => {
                    return Err(err(format!(
                        "key `{}`: expected \"higher\" or \"lower\", found \"{other}\"",
                        key("direction")
                    )))
                }
            };
            let label = t.label.clone().unwrap_or_else(|| measure.id());
            let target = Target::new(measure, direction, target_value, minimum)
                .map_err(|e| err(format!("target[{k}]: {e}")))?
                .for_segments(filter);
            targets.push(target);
            info.push(TargetInfo { label, preset: None, caveat: None });
        }
        Ok(TargetsFile { path: path.to_owned(), sla, targets, info })
    }
}
