//! The calendar file (`docs/calendar-format.md`) and the targets file
//! (`docs/targets-format.md`), both TOML.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use servgap_core::kpi::{
    benchmarks, parse_ical_holidays, BusinessCalendar, Calendars, CesScale, Clock, Dimension, Direction,
    DurationKpi, Measure, SegmentFilter, SlaMetric, SlaTarget, Statistic, Target, Unit, WeekSchedule,
    WorkingInterval, MAX_TARGET_SECONDS,
};

use crate::settings_file::{
    read_settings_text, shorten, shorten_message, toml_error, MAX_ICAL_BYTES, MAX_QUOTED_CHARS,
    MAX_SETTINGS_BYTES,
};
use crate::IngestError;
use servgap_core::CoreError;

/// The keys of one calendar (the default at the top level, or a `[teams.<name>]` table).
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

/// The whole file: the default calendar's keys spelled out (no `flatten`, so type
/// errors keep their key and position) plus `[teams.*]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendarFile {
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
    #[serde(default)]
    teams: BTreeMap<String, RawCalendar>,
}

impl RawCalendarFile {
    fn split(self) -> (RawCalendar, BTreeMap<String, RawCalendar>) {
        let default = RawCalendar {
            zone: self.zone,
            weekdays: self.weekdays,
            mon: self.mon,
            tue: self.tue,
            wed: self.wed,
            thu: self.thu,
            fri: self.fri,
            sat: self.sat,
            sun: self.sun,
            holidays: self.holidays,
            ical: self.ical,
        };
        (default, self.teams)
    }
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
    /// Reads a calendar file (a regular file of at most
    /// [`MAX_SETTINGS_BYTES`](crate::settings_file::MAX_SETTINGS_BYTES)); an `ical` path is
    /// relative to the calendar file.
    ///
    /// # Errors
    /// [`IngestError::Io`], or [`IngestError::CalendarFile`] naming the key and the problem.
    pub fn load(path: &Path) -> Result<CalendarFile, IngestError> {
        let text = read_settings_text(path, MAX_SETTINGS_BYTES).map_err(crate::source::io_error(path))?;
        CalendarFile::parse(&text, path)
    }

    /// Parses calendar text; `path` names the file and anchors `ical` paths.
    ///
    /// # Errors
    /// [`IngestError::CalendarFile`].
    pub fn parse(text: &str, path: &Path) -> Result<CalendarFile, IngestError> {
        let err = |message: String| IngestError::CalendarFile {
            path: path.to_owned(),
            message: shorten_message(&message),
        };
        let raw: RawCalendarFile = toml::from_str(text).map_err(|e| err(toml_error(text, &e)))?;
        let (default, raw_teams) = raw.split();
        let mut calendars = Calendars::new();
        let mut holidays = 0;
        if default.zone.is_some() {
            let calendar = build(&default, "", path).map_err(err)?;
            holidays = calendar.holidays().len();
            calendars = calendars.with_default(calendar);
        } else if !raw_teams.is_empty() && !is_empty(&default) {
            return Err(err("key `zone`: the default calendar needs a zone".to_owned()));
        } else if raw_teams.is_empty() {
            return Err(err("key `zone`: missing (e.g. zone = \"Europe/Warsaw\")".to_owned()));
        }
        let mut teams: Vec<String> = Vec::new();
        let mut folded: HashMap<String, &str> = HashMap::new();
        for (team, cal) in &raw_teams {
            let key = format!("teams.{}", shorten(team, MAX_QUOTED_CHARS));
            if let Some(other) = folded.insert(team.to_lowercase(), team) {
                return Err(err(format!(
                    "key `{key}`: differs only in case from `teams.{}`; team names match ignoring case",
                    shorten(other, MAX_QUOTED_CHARS)
                )));
            }
            let calendar = build(cal, &format!("{key}."), path).map_err(err)?;
            calendars = calendars.with_team(team, calendar);
            teams.push(team.clone());
        }
        Ok(CalendarFile { path: path.to_owned(), calendars, zone: default.zone, teams, holidays })
    }
}

fn is_empty(raw: &RawCalendar) -> bool {
    raw.weekdays.is_empty()
        && [&raw.mon, &raw.tue, &raw.wed, &raw.thu, &raw.fri, &raw.sat, &raw.sun].iter().all(|d| d.is_empty())
        && raw.holidays.is_empty()
        && raw.ical.is_none()
}

/// A holiday: exactly `YYYY-MM-DD` (a time of day is refused: holidays are whole days).
fn holiday(text: &str, key: &str) -> Result<Date, String> {
    let t = text.trim();
    let shown = shorten(t, MAX_QUOTED_CHARS);
    let date_part = t.get(..10).filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-');
    match (date_part.and_then(|d| d.parse::<Date>().ok()), t.len() == 10) {
        (Some(date), true) => Ok(date),
        (Some(_), false) => Err(format!(
            "key `{key}`: `{shown}` has more than a date; holidays are whole local days (write {})",
            date_part.unwrap_or_default()
        )),
        (None, _) => Err(format!("key `{key}`: `{shown}` is not a date like 2026-12-25")),
    }
}

fn build(raw: &RawCalendar, prefix: &str, path: &Path) -> Result<BusinessCalendar, String> {
    let zone = raw.zone.as_deref().ok_or_else(|| format!("key `{prefix}zone`: missing"))?;
    let mut week = WeekSchedule::new();
    let interval = |key: &str, text: &str| {
        WorkingInterval::parse(text)
            .map_err(|e| shorten_message(&format!("key `{prefix}{key}`: `{text}`: {e}")))
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
        dates.push(holiday(text, &format!("{prefix}holidays"))?);
    }
    if let Some(ical) = &raw.ical {
        let file = path.parent().unwrap_or(Path::new(".")).join(ical);
        let shown = shorten(&file.display().to_string(), MAX_QUOTED_CHARS);
        let text = read_settings_text(&file, MAX_ICAL_BYTES)
            .map_err(|e| format!("key `{prefix}ical`: cannot read {shown}: {e}"))?;
        dates.extend(
            parse_ical_holidays(&text)
                .map_err(|e| shorten_message(&format!("key `{prefix}ical`: {shown}: {e}")))?,
        );
    }
    BusinessCalendar::new(zone, &week, dates)
        .map_err(|e| shorten_message(&format!("key `{prefix}zone`/intervals: {e}")))
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
    /// Keys of the entries on the business clock (`sla[0].clock`, `target[2].clock`),
    /// stated or by default; they need a calendar ([`TargetsFile::check_calendar`]).
    pub business_clock_keys: Vec<String>,
}

/// Seconds per duration unit word.
const DURATION_UNITS: [(&[&str], f64); 5] = [
    (&["s", "sec", "secs", "second", "seconds"], 1.0),
    (&["m", "min", "mins", "minute", "minutes"], 60.0),
    (&["h", "hr", "hrs", "hour", "hours"], 3600.0),
    (&["d", "day", "days"], 86_400.0),
    (&["w", "week", "weeks"], 604_800.0),
];

/// Parses a duration written with units: `90s`, `30m`, `30 min`, `8h`, `2d`, `1h30m`,
/// `1.5 hours`, `1w`; the result is in seconds, at most
/// [`MAX_TARGET_SECONDS`] (366 days).
///
/// # Errors
/// A message (without the key) for a bare number (its unit would be a guess), text
/// without units, an unknown unit, or a duration beyond the limit.
pub fn parse_duration(value: &toml::Value) -> Result<f64, String> {
    let text = match value {
        toml::Value::String(s) => s.trim(),
        toml::Value::Integer(_) | toml::Value::Float(_) => {
            return Err(format!(
                "the number {value} has no unit; write a duration with one, e.g. \"4h\", \"30m\" or \"90s\""
            ))
        }
        other => return Err(format!("expected a duration like \"4h\", found {}", other.type_str())),
    };
    let shown = shorten(text, MAX_QUOTED_CHARS);
    let units = "s, m (min), h, d, w";
    let mut rest = text;
    let mut total = 0.0;
    if rest.is_empty() {
        return Err("empty duration; write e.g. \"4h\"".to_owned());
    }
    while !rest.is_empty() {
        let number_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let number: f64 = rest[..number_len]
            .parse()
            .map_err(|_| format!("`{shown}` is not a duration like \"4h\" or \"1h30m\" (units: {units})"))?;
        rest = rest[number_len..].trim_start();
        let unit_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        if unit.is_empty() {
            return Err(format!("`{shown}`: the number {number} has no unit (units: {units})"));
        }
        let seconds = DURATION_UNITS
            .iter()
            .find(|(names, _)| names.contains(&unit.to_ascii_lowercase().as_str()))
            .map(|(_, s)| *s)
            .ok_or_else(|| format!("`{shown}`: unknown unit `{}` (units: {units})", shorten(unit, 20)))?;
        total += number * seconds;
        rest = rest[unit_len..].trim_start();
    }
    if !(total.is_finite() && total <= MAX_TARGET_SECONDS) {
        return Err(format!("`{shown}` is longer than 366 days"));
    }
    Ok(total)
}

/// Reads a target value in the unit of `measure`.
fn unit_value(value: &toml::Value, measure: &Measure) -> Result<f64, String> {
    let unit = measure.unit();
    let parsed = match (unit, value) {
        (Unit::Seconds, v) => parse_duration(v)?,
        (Unit::Share, toml::Value::String(s)) => {
            let t = s.trim();
            let percent = t.strip_suffix('%').map(str::trim).ok_or_else(|| {
                format!(
                    "`{}`: a share written as text needs a % sign (\"85%\"), or write the number 0.85",
                    shorten(t, MAX_QUOTED_CHARS)
                )
            })?;
            let p: f64 = percent.parse().map_err(|_| {
                format!("`{}` is not a percentage like \"85%\"", shorten(t, MAX_QUOTED_CHARS))
            })?;
            p / 100.0
        }
        (_, toml::Value::Integer(i)) => *i as f64,
        (_, toml::Value::Float(f)) => *f,
        (_, other) => {
            return Err(format!(
                "expected a number for {}, found `{}`",
                measure.id(),
                shorten(&other.to_string(), MAX_QUOTED_CHARS)
            ))
        }
    };
    if !parsed.is_finite() || !unit.contains(parsed) {
        let hint = if unit == Unit::Share { " (shares: 0.85 or \"85%\")" } else { "" };
        return Err(format!(
            "{} is outside {}{hint}",
            shorten(&value.to_string(), MAX_QUOTED_CHARS),
            unit.describe()
        ));
    }
    Ok(parsed)
}

fn duration_kpi(id: &str) -> Option<DurationKpi> {
    DurationKpi::ALL.into_iter().find(|k| k.id() == id)
}

fn clock(text: Option<&str>, key: &str) -> Result<Clock, String> {
    match text {
        None | Some("business") => Ok(Clock::Business),
        Some("calendar") => Ok(Clock::Calendar),
        Some(other) => Err(format!(
            "key `{key}`: expected \"business\" or \"calendar\", found \"{}\"",
            shorten(other, MAX_QUOTED_CHARS)
        )),
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

fn measure_of(t: &RawTarget, k: usize, sla_names: &[&str]) -> Result<Measure, String> {
    let key = |name: &str| format!("target[{k}].{name}");
    let kpi = t.kpi.as_deref().ok_or_else(|| format!("key `{}`: missing (or give a preset)", key("kpi")))?;
    if let Some(d) = duration_kpi(kpi) {
        let statistic = match t.statistic.as_deref() {
            None | Some("median") => Statistic::Median,
            Some("p90") => Statistic::P90,
            Some("mean") => Statistic::Mean,
            Some(other) => {
                return Err(format!(
                    "key `{}`: expected median, p90 or mean, found \"{}\"",
                    key("statistic"),
                    shorten(other, MAX_QUOTED_CHARS)
                ))
            }
        };
        return Ok(Measure::Duration { kpi: d, clock: clock(t.clock.as_deref(), &key("clock"))?, statistic });
    }
    for (name, given) in [("statistic", &t.statistic), ("clock", &t.clock)] {
        if given.is_some() {
            return Err(format!("key `{}`: only duration KPIs take a {name}", key(name)));
        }
    }
    let measure = match kpi {
        "first-contact-resolution" | "fcr" => Measure::FirstContactResolution,
        "reopen-rate" => Measure::ReopenRate,
        "csat" => Measure::Csat,
        "csat-response-rate" => Measure::CsatResponseRate,
        "nps" => Measure::Nps,
        "ces-mean" => Measure::CesMean,
        "ces-agree" => Measure::CesAgree,
        "backlog" => Measure::Backlog,
        other => match other.strip_prefix("sla:") {
            Some(name) if sla_names.contains(&name) => Measure::SlaAttainment(name.to_owned()),
            Some(name) => {
                return Err(format!(
                    "key `{}`: no [[sla]] named \"{}\"",
                    key("kpi"),
                    shorten(name, MAX_QUOTED_CHARS)
                ))
            }
            None => {
                return Err(format!(
                    "key `{}`: unknown kpi \"{}\" (durations: first-response, next-response, \
                     first-resolution, full-resolution, requester-wait; shares: fcr, reopen-rate, csat, \
                     csat-response-rate, sla:<name>; backlog)",
                    key("kpi"),
                    shorten(other, MAX_QUOTED_CHARS)
                ))
            }
        },
    };
    Ok(measure)
}

fn sla_of(s: &RawSla, k: usize) -> Result<SlaTarget, String> {
    let key = |name: &str| format!("sla[{k}].{name}");
    let metric = match s.metric.as_str() {
        "first-response" => SlaMetric::FirstResponse,
        "next-response" => SlaMetric::NextResponse,
        "resolution" => SlaMetric::Resolution,
        other => {
            return Err(format!(
                "key `{}`: expected first-response, next-response or resolution, found \"{}\"",
                key("metric"),
                shorten(other, MAX_QUOTED_CHARS)
            ))
        }
    };
    let seconds = parse_duration(&s.within).map_err(|e| format!("key `{}`: {e}", key("within")))?;
    if seconds < 1.0 {
        return Err(format!("key `{}`: an SLA needs at least one second", key("within")));
    }
    let clock = clock(s.clock.as_deref(), &key("clock"))?;
    // `seconds` is at most 366 days, so the conversion is exact after rounding.
    let target = SlaTarget::new(&s.name, metric, clock, seconds.round() as u64)
        .map_err(|e| format!("key `{}`: {e}", key("name")))?;
    Ok(match &s.priority {
        Some(p) => target.for_priority(p),
        None => target,
    })
}

fn preset_target(
    t: &RawTarget,
    k: usize,
    id: &str,
    filter: SegmentFilter,
) -> Result<(Target, TargetInfo), String> {
    let key = format!("target[{k}].preset");
    let all = benchmarks();
    let b = all.iter().find(|b| b.id == id).ok_or_else(|| {
        let ids: Vec<&str> = all.iter().map(|b| b.id).collect();
        format!(
            "key `{key}`: unknown preset \"{}\" (known: {})",
            shorten(id, MAX_QUOTED_CHARS),
            ids.join(", ")
        )
    })?;
    if t.kpi.is_some() || t.target.is_some() || t.minimum.is_some() {
        return Err(format!("key `{key}`: a preset brings its own kpi, target and minimum; remove them"));
    }
    let target = b.to_target().map_err(|e| e.to_string())?.for_segments(filter);
    let info = TargetInfo {
        label: t.label.clone().unwrap_or_else(|| b.title.to_owned()),
        preset: Some(b.id.to_owned()),
        caveat: Some(format!("{} ({}), {}; {}. Caveat: {}", b.source, b.year, b.url, b.population, b.caveat)),
    };
    Ok((target, info))
}

fn kpi_target(
    t: &RawTarget,
    k: usize,
    sla_names: &[&str],
    filter: SegmentFilter,
) -> Result<(Target, TargetInfo), String> {
    let key = |name: &str| format!("target[{k}].{name}");
    let measure = measure_of(t, k, sla_names)?;
    let value = |v: &toml::Value, name: &str| {
        unit_value(v, &measure).map_err(|e| format!("key `{}`: {e}", key(name)))
    };
    let target_value =
        value(t.target.as_ref().ok_or_else(|| format!("key `{}`: missing", key("target")))?, "target")?;
    let minimum = t.minimum.as_ref().map(|m| value(m, "minimum")).transpose()?;
    let direction = match t.direction.as_deref() {
        None => measure.natural_direction(),
        Some("higher") => Direction::HigherIsBetter,
        Some("lower") => Direction::LowerIsBetter,
        Some(other) => {
            return Err(format!(
                "key `{}`: expected \"higher\" or \"lower\", found \"{}\"",
                key("direction"),
                shorten(other, MAX_QUOTED_CHARS)
            ))
        }
    };
    let label = t.label.clone().unwrap_or_else(|| measure.id());
    let target = Target::new(measure, direction, target_value, minimum)
        .map_err(|e| format!("target[{k}]: {e}"))?
        .for_segments(filter);
    Ok((target, TargetInfo { label, preset: None, caveat: None }))
}

impl TargetsFile {
    /// Reads a targets file (a regular file of at most
    /// [`MAX_SETTINGS_BYTES`](crate::settings_file::MAX_SETTINGS_BYTES)).
    ///
    /// # Errors
    /// [`IngestError::Io`], or [`IngestError::TargetsFile`] naming the entry and key.
    pub fn load(path: &Path) -> Result<TargetsFile, IngestError> {
        let text = read_settings_text(path, MAX_SETTINGS_BYTES).map_err(crate::source::io_error(path))?;
        TargetsFile::parse(&text, path)
    }

    /// Parses targets text, checking every value against its KPI's unit and range
    /// (`docs/targets-format.md`).
    ///
    /// # Errors
    /// [`IngestError::TargetsFile`] naming the entry and key: invalid TOML, unknown keys,
    /// a value outside its unit's range, a duration without a unit, a duplicate SLA name,
    /// or a KPI that ticket files cannot measure (NPS, CES).
    pub fn parse(text: &str, path: &Path) -> Result<TargetsFile, IngestError> {
        let err = |message: String| IngestError::TargetsFile {
            path: path.to_owned(),
            message: shorten_message(&message),
        };
        let raw: RawTargets = toml::from_str(text).map_err(|e| err(toml_error(text, &e)))?;
        let mut sla = Vec::new();
        let mut business_clock_keys = Vec::new();
        let mut names: HashMap<&str, usize> = HashMap::new();
        for (k, s) in raw.sla.iter().enumerate() {
            if let Some(first) = names.insert(s.name.trim(), k) {
                return Err(err(format!(
                    "key `sla[{k}].name`: \"{}\" is already the name of sla[{first}]; SLA names must be unique",
                    shorten(&s.name, MAX_QUOTED_CHARS)
                )));
            }
            let target = sla_of(s, k).map_err(err)?;
            if target.clock() == Clock::Business {
                business_clock_keys.push(format!("sla[{k}].clock"));
            }
            sla.push(target);
        }
        let sla_names: Vec<&str> = raw.sla.iter().map(|s| s.name.as_str()).collect();
        let mut targets = Vec::new();
        let mut info = Vec::new();
        for (k, t) in raw.target.iter().enumerate() {
            let filter = segment(t.segment.as_deref(), &format!("target[{k}].segment")).map_err(err)?;
            let (target, about) = match &t.preset {
                Some(id) => preset_target(t, k, id, filter),
                None => kpi_target(t, k, &sla_names, filter),
            }
            .map_err(err)?;
            if matches!(target.measure(), Measure::Duration { clock: Clock::Business, .. }) {
                business_clock_keys.push(format!("target[{k}].clock"));
            }
            targets.push(target);
            info.push(about);
        }
        Ok(TargetsFile { path: path.to_owned(), sla, targets, info, business_clock_keys })
    }

    /// Checks every `ces-mean` target and minimum against the CES scale the analysis reads
    /// (the ticket mapping's or the responses mapping's `[ces] scale`; 1–7 by default). The
    /// targets file does not know the scale, so call this once it is known, before reading
    /// tickets.
    ///
    /// # Errors
    /// [`IngestError::TargetsFile`] naming the key, the KPI, the value and the rule, e.g.
    /// "key `target[1].target`: ces-mean target 6 is off the CES scale 1-5 of the analysis:
    /// on a 1–5 scale a target must be in [1, 5]".
    pub fn check_ces_scale(&self, scale: CesScale) -> Result<(), IngestError> {
        for (k, target) in self.targets.iter().enumerate() {
            if let Err(e) = target.check_ces_scale(scale) {
                let key = match (&self.info[k].preset, &e) {
                    (Some(_), _) => "preset",
                    (None, CoreError::KpiTargetOffCesScale { key, .. }) => key,
                    (None, _) => "target",
                };
                return Err(IngestError::TargetsFile {
                    path: self.path.clone(),
                    message: shorten_message(&format!("key `target[{k}].{key}`: {e}")),
                });
            }
        }
        Ok(())
    }

    /// Checks that entries on the business clock have a calendar: without one they would
    /// have no values and silently produce nothing. Call it once the calendar (or its
    /// absence) is known, before reading tickets.
    ///
    /// # Errors
    /// [`IngestError::TargetsFile`] naming every business-clock key.
    pub fn check_calendar(&self, calendar: Option<&CalendarFile>) -> Result<(), IngestError> {
        if calendar.is_some() || self.business_clock_keys.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = self.business_clock_keys.iter().map(|k| format!("`{k}`")).collect();
        Err(IngestError::TargetsFile {
            path: self.path.clone(),
            message: shorten_message(&format!(
                "key {}: the business clock (the default) needs a calendar; pass --calendar, \
                 or set clock = \"calendar\"",
                keys.join(", ")
            )),
        })
    }
}
