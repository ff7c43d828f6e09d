//! Business calendars: working time in an IANA time zone, with holidays and pauses.
//!
//! A [`BusinessCalendar`] is a weekly pattern of local wall-clock working
//! intervals (several per day, overnight shifts allowed), an IANA time zone from
//! jiff's bundled database (no file-system access) and a set of full-day
//! holidays. Two operations answer every business-time question:
//!
//! ```text
//! between(a, b, P) = |W ∩ [a, b)| − |W ∩ [a, b) ∩ P|     business seconds
//! add(t, d, P)     = min { u ≥ t : between(t, u, P) = d }  deadline
//! ```
//!
//! where `W` is the set of working instants and `P` the union of paused ranges.
//!
//! # Wall clock and daylight saving
//! Interval bounds are local wall-clock times; each is turned into an instant
//! with jiff's "compatible" rule (a time skipped by a spring-forward gap moves
//! forward by the gap, an ambiguous fall-back time takes the earlier instant),
//! and the real seconds between the two instants are counted. So an overnight
//! shift 22:00–06:00 lasts 7 h on the night clocks spring forward and 9 h on the
//! night they fall back, while 09:00–17:00 always lasts 8 h in zones that change at night.
//!
//! # Overnight shifts and holidays
//! An interval whose end is not after its start (22:00–06:00) runs into the
//! next day. It belongs to the day it *starts* on: a holiday on that day removes
//! the whole shift, a holiday on the next day does not touch it.

use std::collections::BTreeSet;
use std::fmt;
use std::time::Duration;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::CoreError;

/// Seconds in a civil day.
const DAY: u32 = 86_400;

/// Weekday names, Monday first, for messages.
const WEEKDAY_NAMES: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A daily working interval in local wall-clock time, `[start, end)`.
///
/// Times are seconds after local midnight. `end` may be 86 400 (24:00). An `end`
/// not after `start` makes an overnight interval that ends on the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkingInterval {
    start: u32,
    end: u32,
}

impl WorkingInterval {
    /// An interval from `start` to `end`, both in seconds after midnight; an `end` of 0 means 24:00.
    ///
    /// # Errors
    /// [`CoreError::KpiInvalidInterval`] when `start` is 24:00 or later, `end` is
    /// after 24:00, or both are equal (an empty or a 24-hour overnight interval is
    /// ambiguous: write `00:00-24:00` for a whole day).
    pub fn new(start: u32, end: u32) -> Result<WorkingInterval, CoreError> {
        let text = format!("{}-{}", clock(start), clock(end));
        let invalid = |reason| CoreError::KpiInvalidInterval { text: text.clone(), reason };
        if start >= DAY {
            return Err(invalid("the start must be before 24:00"));
        }
        if end > DAY {
            return Err(invalid("the end must not be after 24:00"));
        }
        let end = if end == 0 { DAY } else { end };
        if start == end {
            return Err(invalid("the start and the end are equal"));
        }
        Ok(WorkingInterval { start, end })
    }

    /// Parses `HH:MM-HH:MM` (seconds optional: `HH:MM:SS`); `24:00` is allowed as an end.
    ///
    /// # Errors
    /// [`CoreError::KpiInvalidInterval`] for malformed text or the cases of [`WorkingInterval::new`].
    ///
    /// # Examples
    /// ```
    /// use servgap_core::kpi::WorkingInterval;
    /// let night = WorkingInterval::parse("22:00-06:00").unwrap();
    /// assert!(night.is_overnight());
    /// assert_eq!(night.length_seconds(), 8 * 3600);
    /// ```
    pub fn parse(text: &str) -> Result<WorkingInterval, CoreError> {
        let invalid = |reason| CoreError::KpiInvalidInterval { text: text.to_string(), reason };
        let (a, b) = text.split_once('-').ok_or_else(|| invalid("expected HH:MM-HH:MM"))?;
        let start = parse_clock(a.trim()).ok_or_else(|| invalid("expected HH:MM-HH:MM"))?;
        let end = parse_clock(b.trim()).ok_or_else(|| invalid("expected HH:MM-HH:MM"))?;
        WorkingInterval::new(start, end).map_err(|e| match e {
            CoreError::KpiInvalidInterval { reason, .. } => invalid(reason),
            other => other,
        })
    }

    /// Start, seconds after local midnight.
    pub fn start_seconds(&self) -> u32 {
        self.start
    }

    /// End, seconds after local midnight (86 400 = 24:00); before or equal to the start for overnight intervals.
    pub fn end_seconds(&self) -> u32 {
        self.end
    }

    /// True when the interval runs past midnight into the next day.
    pub fn is_overnight(&self) -> bool {
        self.end < self.start
    }

    /// Nominal length in seconds (wall clock, ignoring daylight-saving changes).
    pub fn length_seconds(&self) -> u32 {
        self.span().1 - self.start
    }

    /// `(start, end)` in seconds after the start day's midnight; `end` may exceed 86 400.
    fn span(&self) -> (u32, u32) {
        if self.end < self.start {
            (self.start, self.end + DAY)
        } else {
            (self.start, self.end)
        }
    }
}

impl fmt::Display for WorkingInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", clock(self.start), clock(self.end))
    }
}

fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

fn parse_clock(text: &str) -> Option<u32> {
    let mut parts = text.split(':');
    let field = |p: Option<&str>| -> Option<u32> {
        let p = p?;
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
    };
    let h = field(parts.next())?;
    let m = field(parts.next())?;
    let s = match parts.next() {
        Some(p) => field(Some(p))?,
        None => 0,
    };
    if parts.next().is_some() || m > 59 || s > 59 || h > 24 || (h == 24 && (m, s) != (0, 0)) {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// The weekly working pattern: working intervals per weekday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekSchedule {
    days: [Vec<WorkingInterval>; 7],
}

impl WeekSchedule {
    /// A week with no working time.
    pub fn new() -> WeekSchedule {
        WeekSchedule::default()
    }

    /// Every day 00:00–24:00 (a 24/7 calendar).
    pub fn always() -> WeekSchedule {
        let mut week = WeekSchedule::new();
        for day in &mut week.days {
            day.push(WorkingInterval { start: 0, end: DAY });
        }
        week
    }

    /// Adds an interval on one weekday.
    pub fn with(mut self, weekday: Weekday, interval: WorkingInterval) -> WeekSchedule {
        self.days[day_index(weekday)].push(interval);
        self
    }

    /// Adds an interval on Monday to Friday.
    pub fn with_weekdays(mut self, interval: WorkingInterval) -> WeekSchedule {
        for day in &mut self.days[..5] {
            day.push(interval);
        }
        self
    }

    /// The intervals of one weekday, in the order added.
    pub fn intervals(&self, weekday: Weekday) -> &[WorkingInterval] {
        &self.days[day_index(weekday)]
    }
}

fn day_index(weekday: Weekday) -> usize {
    // 0 ..= 6 by construction.
    weekday.to_monday_zero_offset() as usize
}

/// A paused (or otherwise excluded) range of instants, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// First excluded instant.
    pub start: Timestamp,
    /// First instant after the range.
    pub end: Timestamp,
}

/// Sorts ranges (in seconds) and merges overlapping or touching ones; drops empty ones.
pub(crate) fn normalise_ranges(ranges: &mut Vec<(i64, i64)>) {
    ranges.retain(|&(a, b)| a < b);
    ranges.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *ranges = out;
}

/// Working time of a team: IANA zone, weekly intervals and holidays.
///
/// # Examples
/// ```
/// use jiff::{civil::date, Timestamp};
/// use servgap_core::kpi::{BusinessCalendar, WeekSchedule, WorkingInterval};
///
/// let week = WeekSchedule::new().with_weekdays(WorkingInterval::parse("09:00-17:00").unwrap());
/// let cal = BusinessCalendar::new("Europe/Warsaw", &week, [date(2026, 1, 6)]).unwrap();
/// // Friday 16:00 → Monday 10:00 local time: 1 h on Friday + 1 h on Monday.
/// let a: Timestamp = "2026-01-09T15:00:00Z".parse().unwrap();
/// let b: Timestamp = "2026-01-12T09:00:00Z".parse().unwrap();
/// assert_eq!(cal.between(a, b, &[]).as_secs(), 2 * 3600);
/// ```
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    zone_name: String,
    zone: TimeZone,
    /// Per weekday (Monday first): sorted `(start, end)` seconds after that day's midnight.
    spans: [Vec<(u32, u32)>; 7],
    holidays: BTreeSet<Date>,
}

impl BusinessCalendar {
    /// Builds a calendar.
    ///
    /// # Errors
    /// [`CoreError::KpiUnknownTimeZone`] when `zone` is not in the bundled IANA database;
    /// [`CoreError::KpiNoWorkingTime`] when no weekday has an interval;
    /// [`CoreError::KpiOverlappingIntervals`] when two intervals overlap, including an
    /// overnight interval running into the next day's first interval.
    pub fn new(
        zone: &str,
        week: &WeekSchedule,
        holidays: impl IntoIterator<Item = Date>,
    ) -> Result<BusinessCalendar, CoreError> {
        let tz = TimeZone::get(zone).map_err(|_| CoreError::KpiUnknownTimeZone { name: zone.to_string() })?;
        if week.days.iter().all(Vec::is_empty) {
            return Err(CoreError::KpiNoWorkingTime);
        }
        let mut spans: [Vec<(u32, u32)>; 7] = Default::default();
        for (i, day) in week.days.iter().enumerate() {
            let mut sorted: Vec<WorkingInterval> = day.clone();
            sorted.sort_by_key(|w| w.start);
            for pair in sorted.windows(2) {
                if pair[0].span().1 > pair[1].start {
                    return Err(CoreError::KpiOverlappingIntervals {
                        weekday: WEEKDAY_NAMES[i],
                        first: pair[0].to_string(),
                        second: pair[1].to_string(),
                    });
                }
            }
            spans[i] = sorted.iter().map(WorkingInterval::span).collect();
        }
        // An overnight interval spills into the next day: it must end before that day's first interval.
        for i in 0..7 {
            let next = (i + 1) % 7;
            for w in &week.days[i] {
                let (_, end) = w.span();
                if end <= DAY {
                    continue;
                }
                if let Some(first) =
                    week.days[next].iter().filter(|v| v.start < end - DAY).min_by_key(|v| v.start)
                {
                    return Err(CoreError::KpiOverlappingIntervals {
                        weekday: WEEKDAY_NAMES[next],
                        first: w.to_string(),
                        second: first.to_string(),
                    });
                }
            }
        }
        Ok(BusinessCalendar {
            zone_name: zone.to_string(),
            zone: tz,
            spans,
            holidays: holidays.into_iter().collect(),
        })
    }

    /// The IANA zone name as given.
    pub fn zone_name(&self) -> &str {
        &self.zone_name
    }

    /// The time zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The holidays (local dates in the calendar's zone).
    pub fn holidays(&self) -> &BTreeSet<Date> {
        &self.holidays
    }

    /// Business time in `[start, end)` outside `pauses` (ranges may overlap and come in any order).
    ///
    /// # Formula
    /// ```text
    /// between(a, b, P) = |W ∩ [a, b)| − |W ∩ [a, b) ∩ ∪P|
    /// ```
    /// with `W` the working instants. Zero when `end ≤ start`. Second precision.
    pub fn between(&self, start: Timestamp, end: Timestamp, pauses: &[TimeRange]) -> Duration {
        let mut ranges: Vec<(i64, i64)> =
            pauses.iter().map(|p| (p.start.as_second(), p.end.as_second())).collect();
        normalise_ranges(&mut ranges);
        Duration::from_secs(self.between_seconds(start.as_second(), end.as_second(), &ranges))
    }

    /// The instant at which `duration` of business time outside `pauses` has elapsed after `start`.
    ///
    /// # Formula
    /// `add(t, d, P) = min { u ≥ t : between(t, u, P) = d }`; `add(t, 0, P) = t`.
    ///
    /// # Errors
    /// [`CoreError::KpiTimeOutOfRange`] when the deadline would fall after the year 9999
    /// (for example because a pause never ends).
    pub fn add(
        &self,
        start: Timestamp,
        duration: Duration,
        pauses: &[TimeRange],
    ) -> Result<Timestamp, CoreError> {
        let mut ranges: Vec<(i64, i64)> =
            pauses.iter().map(|p| (p.start.as_second(), p.end.as_second())).collect();
        normalise_ranges(&mut ranges);
        let seconds = self.add_seconds(start.as_second(), duration.as_secs(), &ranges)?;
        Timestamp::from_second(seconds)
            .map_err(|_| CoreError::KpiTimeOutOfRange { what: "business deadline" })
    }

    fn local_date(&self, second: i64) -> Option<Date> {
        let ts = Timestamp::from_second(second).ok()?;
        Some(self.zone.to_datetime(ts).date())
    }

    /// The instant of `date` + `seconds` of wall-clock time (seconds may exceed a day).
    fn instant(&self, date: Date, seconds: u32) -> Option<i64> {
        let (mut day, mut rest) = (date, seconds);
        while rest >= DAY {
            day = day.tomorrow().ok()?;
            rest -= DAY;
        }
        // rest < 86 400, so the fields fit their ranges.
        let time = Time::new((rest / 3600) as i8, (rest / 60 % 60) as i8, (rest % 60) as i8, 0).ok()?;
        let ts = self.zone.to_ambiguous_timestamp(day.to_datetime(time)).compatible().ok()?;
        Some(ts.as_second())
    }

    /// Calls `f(window_start, window_end)` for the working windows that start on `date`, in time order.
    fn windows(&self, date: Date, mut f: impl FnMut(i64, i64)) {
        if self.holidays.contains(&date) {
            return;
        }
        for &(s, e) in &self.spans[day_index(date.weekday())] {
            if let (Some(ws), Some(we)) = (self.instant(date, s), self.instant(date, e)) {
                if ws < we {
                    f(ws, we);
                }
            }
        }
    }

    /// [`BusinessCalendar::between`] on Unix seconds, with `pauses` sorted and disjoint.
    pub(crate) fn between_seconds(&self, a: i64, b: i64, pauses: &[(i64, i64)]) -> u64 {
        if b <= a {
            return 0;
        }
        let (Some(first), Some(last)) = (self.local_date(a), self.local_date(b)) else {
            return 0;
        };
        // Yesterday's overnight shift may still run at `a`.
        let mut date = first.yesterday().unwrap_or(first);
        let mut total: u64 = 0;
        let mut p = 0usize;
        while date <= last {
            self.windows(date, |ws, we| {
                let lo = ws.max(a);
                let hi = we.min(b);
                if lo < hi {
                    total += (hi - lo) as u64 - paused_within(pauses, &mut p, lo, hi);
                }
            });
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        total
    }

    /// [`BusinessCalendar::add`] on Unix seconds, with `pauses` sorted and disjoint.
    pub(crate) fn add_seconds(&self, t: i64, d: u64, pauses: &[(i64, i64)]) -> Result<i64, CoreError> {
        let out_of_range = CoreError::KpiTimeOutOfRange { what: "business deadline" };
        if d == 0 {
            return Ok(t);
        }
        let first = self.local_date(t).ok_or(out_of_range.clone())?;
        let mut date = first.yesterday().unwrap_or(first);
        let mut remaining = d;
        let mut p = 0usize;
        let max_second = Timestamp::MAX.as_second();
        loop {
            let mut found: Option<i64> = None;
            let mut never = false;
            self.windows(date, |ws, we| {
                if found.is_some() || never {
                    return;
                }
                let mut cur = ws.max(t);
                while cur < we {
                    while p < pauses.len() && pauses[p].1 <= cur {
                        p += 1;
                    }
                    if p < pauses.len() && pauses[p].0 <= cur {
                        if pauses[p].1 >= max_second {
                            never = true;
                            return;
                        }
                        cur = pauses[p].1;
                        continue;
                    }
                    let free_end = if p < pauses.len() { we.min(pauses[p].0) } else { we };
                    let free = (free_end - cur) as u64;
                    if remaining <= free {
                        found = Some(cur + remaining as i64);
                        return;
                    }
                    remaining -= free;
                    cur = free_end;
                }
            });
            if let Some(deadline) = found {
                return Ok(deadline);
            }
            if never {
                return Err(out_of_range);
            }
            date = date.tomorrow().map_err(|_| out_of_range.clone())?;
        }
    }
}

/// Seconds of `[lo, hi)` covered by the sorted, disjoint `pauses`; `p` is a cursor
/// that only moves forward (windows arrive in time order).
fn paused_within(pauses: &[(i64, i64)], p: &mut usize, lo: i64, hi: i64) -> u64 {
    while *p < pauses.len() && pauses[*p].1 <= lo {
        *p += 1;
    }
    let mut covered = 0u64;
    let mut q = *p;
    while q < pauses.len() && pauses[q].0 < hi {
        let s = pauses[q].0.max(lo);
        let e = pauses[q].1.min(hi);
        if s < e {
            covered += (e - s) as u64;
        }
        q += 1;
    }
    covered
}

/// Reads full-day holidays from iCalendar (RFC 5545) text, e.g. a public-holiday feed.
///
/// Pure text → dates: the caller reads the file. Every `VEVENT` contributes the
/// dates from `DTSTART` up to, not including, a date-valued `DTEND` (one day when
/// `DTEND` is absent or a date-time); a date-time `DTSTART` contributes its date as written.
/// Folded lines are unfolded.
///
/// # Errors
/// [`CoreError::KpiInvalidIcal`] when the text has no `BEGIN:VCALENDAR`, an event has
/// no `DTSTART`, a date is malformed, an event spans more than 366 days or uses
/// `RRULE` (recurring events must be expanded before import).
pub fn parse_ical_holidays(text: &str) -> Result<Vec<Date>, CoreError> {
    let err = |line: usize, reason: &str| CoreError::KpiInvalidIcal { line, reason: reason.to_string() };
    // Unfold: a line starting with a space or tab continues the previous one.
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = lines.last_mut() {
                last.1.push_str(rest);
                continue;
            }
        }
        lines.push((i + 1, raw.to_string()));
    }
    if !lines.iter().any(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR")) {
        return Err(err(1, "not an iCalendar text (no BEGIN:VCALENDAR)"));
    }
    let mut dates = BTreeSet::new();
    let mut in_event: Option<usize> = None;
    let mut start: Option<(Date, bool)> = None;
    let mut end: Option<(Date, bool)> = None;
    for (number, line) in &lines {
        let (name_params, value) = match line.split_once(':') {
            Some(pair) => pair,
            None => continue,
        };
        let mut params = name_params.split(';');
        let name = params.next().unwrap_or("").trim().to_ascii_uppercase();
        let value = value.trim();
        match name.as_str() {
            "BEGIN" if value.eq_ignore_ascii_case("VEVENT") => {
                in_event = Some(*number);
                start = None;
                end = None;
            }
            "END" if value.eq_ignore_ascii_case("VEVENT") => {
                let began = in_event.take().unwrap_or(*number);
                let (first, _) = start.ok_or_else(|| err(began, "event without DTSTART"))?;
                let stop = match end {
                    Some((d, true)) if d > first => d,
                    _ => first.tomorrow().map_err(|_| err(began, "date out of range"))?,
                };
                let mut day = first;
                let mut count = 0;
                while day < stop {
                    count += 1;
                    if count > 366 {
                        return Err(err(began, "event spans more than 366 days"));
                    }
                    dates.insert(day);
                    day = day.tomorrow().map_err(|_| err(began, "date out of range"))?;
                }
            }
            "DTSTART" | "DTEND" if in_event.is_some() => {
                let parsed =
                    parse_ical_date(value).ok_or_else(|| err(*number, &format!("invalid date `{value}`")))?;
                if name == "DTSTART" {
                    start = Some(parsed);
                } else {
                    end = Some(parsed);
                }
            }
            "RRULE" | "RDATE" if in_event.is_some() => {
                return Err(err(
                    *number,
                    "recurring events (RRULE/RDATE) are not supported; expand them first",
                ));
            }
            _ => {}
        }
    }
    Ok(dates.into_iter().collect())
}

/// `YYYYMMDD` → (date, true); `YYYYMMDDTHHMMSS[Z]` → (date, false).
fn parse_ical_date(value: &str) -> Option<(Date, bool)> {
    let digits = value.get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &value[8..];
    let is_date = rest.is_empty();
    if !is_date && !rest.starts_with('T') {
        return None;
    }
    let year: i16 = digits[..4].parse().ok()?;
    let month: i8 = digits[4..6].parse().ok()?;
    let day: i8 = digits[6..8].parse().ok()?;
    Some((Date::new(year, month, day).ok()?, is_date))
}

#[cfg(test)]
mod tests;
