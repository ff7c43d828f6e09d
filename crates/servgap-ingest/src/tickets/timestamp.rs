//! Timestamps of help-desk exports: with or without a UTC offset, date-only, or in a
//! `strftime` format named by the mapping file. Times without an offset are read in
//! the stated zone (wall clock → instant with jiff's "compatible" rule: a time in a
//! spring-forward gap moves forward, a time in a fall-back fold takes the earlier instant).

use jiff::civil::{Date, DateTime};
use jiff::fmt::strtime::BrokenDownTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Why a timestamp was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampError {
    /// Not a timestamp in any accepted form.
    Invalid,
    /// A valid local time, but it carries no UTC offset and no zone was stated.
    NoZone,
}

/// Reads timestamp cells.
#[derive(Debug, Clone)]
pub struct TimestampParser {
    format: Option<String>,
    zone: Option<TimeZone>,
    /// Last `(from, until, offset)` span of local seconds with one offset, for zone conversion.
    span: Option<(i64, i64, i64)>,
    /// The last `YYYY-MM-DD` read and its day number (exports are usually sorted by date).
    last_date: Option<([u8; 10], i64)>,
}

impl TimestampParser {
    /// A parser: `format` is a jiff `strftime` format (`None`: ISO 8601 / RFC 3339 forms),
    /// `zone` the zone of times written without an offset.
    pub fn new(format: Option<&str>, zone: Option<TimeZone>) -> TimestampParser {
        TimestampParser { format: format.map(str::to_owned), zone, span: None, last_date: None }
    }

    /// Checks a `strftime` format before any row is read: it must be a valid jiff
    /// format, and a timestamp written with it must read back with it (so it carries
    /// at least a full date). A format failing this would reject every row.
    ///
    /// # Errors
    /// A message (without the key) saying what is wrong.
    pub fn check_format(format: &str) -> Result<(), String> {
        let sample = jiff::civil::date(2026, 11, 23)
            .at(14, 35, 45, 0)
            .to_zoned(TimeZone::UTC)
            .map_err(|e| format!("cannot build a sample time: {e}"))?;
        let written = jiff::fmt::strtime::format(format, &sample)
            .map_err(|e| format!("not a valid strftime format: {e}"))?;
        let mut parser = TimestampParser::new(Some(format), Some(TimeZone::UTC));
        match parser.parse(&written) {
            Ok(_) => Ok(()),
            Err(_) => Err(format!(
                "cannot read back `{}`, the sample 2026-11-23 14:35:45 UTC written with it; \
                 the format needs at least a year, month and day (e.g. %Y-%m-%d %H:%M)",
                crate::settings_file::shorten(&written, crate::settings_file::MAX_QUOTED_CHARS)
            )),
        }
    }

    /// The format, if one was given.
    pub fn format(&self) -> Option<&str> {
        self.format.as_deref()
    }

    /// Parses one cell (already trimmed, not empty).
    ///
    /// Without a format these forms are accepted: `2026-03-01T09:30:00Z`,
    /// `2026-03-01T09:30:00.250+01:00`, `2026-03-01 09:30:00 +0100`, `2026-03-01 09:30`,
    /// `2026-03-01` (midnight in the zone), and anything else jiff reads as a timestamp
    /// or civil date-time. Sub-seconds are dropped (the KPI engine counts whole seconds).
    ///
    /// # Errors
    /// [`TimestampError::Invalid`] or [`TimestampError::NoZone`].
    pub fn parse(&mut self, text: &str) -> Result<Timestamp, TimestampError> {
        let ts = self.parse_exact(text)?;
        if ts.subsec_nanosecond() == 0 {
            return Ok(ts);
        }
        Timestamp::from_second(ts.as_second()).map_err(|_| TimestampError::Invalid)
    }

    fn parse_exact(&mut self, text: &str) -> Result<Timestamp, TimestampError> {
        if let Some(format) = &self.format {
            let tm = BrokenDownTime::parse(format, text).map_err(|_| TimestampError::Invalid)?;
            if tm.offset().is_some() || tm.timestamp().is_some() {
                return tm.to_timestamp().map_err(|_| TimestampError::Invalid);
            }
            let dt = match tm.to_datetime() {
                Ok(dt) => dt,
                Err(_) => tm
                    .to_date()
                    .map_err(|_| TimestampError::Invalid)?
                    .to_datetime(jiff::civil::Time::midnight()),
            };
            return self.local(dt);
        }
        if let Some(fast) = fast_iso(text.as_bytes(), &mut self.last_date) {
            return match fast {
                Fast::Utc(second) => Timestamp::from_second(second).map_err(|_| TimestampError::Invalid),
                Fast::Local(local) => self.local_seconds(local),
            };
        }
        if let Ok(ts) = text.parse::<Timestamp>() {
            return Ok(ts);
        }
        if let Ok(tm) = BrokenDownTime::parse("%Y-%m-%d %H:%M:%S %z", text) {
            return tm.to_timestamp().map_err(|_| TimestampError::Invalid);
        }
        if let Ok(dt) = text.parse::<DateTime>() {
            return self.local(dt);
        }
        if let Ok(date) = text.parse::<Date>() {
            return self.local(date.to_datetime(jiff::civil::Time::midnight()));
        }
        Err(TimestampError::Invalid)
    }

    fn local(&mut self, dt: DateTime) -> Result<Timestamp, TimestampError> {
        let zone = self.zone.as_ref().ok_or(TimestampError::NoZone)?;
        zone.to_ambiguous_timestamp(dt).compatible().map_err(|_| TimestampError::Invalid)
    }

    /// Local wall-clock seconds (as if UTC) → instant, caching a span of constant offset.
    fn local_seconds(&mut self, local: i64) -> Result<Timestamp, TimestampError> {
        if self.zone.is_none() {
            return Err(TimestampError::NoZone);
        }
        if let Some((from, until, offset)) = self.span {
            if from <= local && local < until {
                return Timestamp::from_second(local - offset).map_err(|_| TimestampError::Invalid);
            }
        }
        let ts = Timestamp::from_second(local).map_err(|_| TimestampError::Invalid)?;
        let dt = TimeZone::UTC.to_datetime(ts);
        let instant = self.local(dt)?;
        self.span = self.zone.as_ref().and_then(|zone| local_span(zone, instant));
        Ok(instant)
    }
}

/// Local seconds `[from, until)` in which wall-clock time maps to instants with one offset
/// and no gap or fold nearby (a day of margin on each side of every transition).
fn local_span(zone: &TimeZone, instant: Timestamp) -> Option<(i64, i64, i64)> {
    const MARGIN: i64 = 86_400;
    let second = instant.as_second();
    let offset = i64::from(zone.to_offset(instant).seconds());
    let after = Timestamp::from_second(second.checked_add(1)?).ok()?;
    let from = zone.preceding(after).next().map_or(i64::MIN, |t| t.timestamp().as_second());
    let until = zone.following(instant).next().map_or(i64::MAX, |t| t.timestamp().as_second());
    let from = from.saturating_add(offset).saturating_add(MARGIN);
    let until = until.saturating_add(offset).saturating_sub(MARGIN);
    (from < until).then_some((from, until, offset))
}

enum Fast {
    Utc(i64),
    Local(i64),
}

fn digits(bytes: &[u8]) -> Option<i64> {
    let mut v = 0i64;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(b - b'0');
    }
    Some(v)
}

/// `YYYY-MM-DD`, optionally `[T ]HH:MM[:SS[.fff…]]`, optionally `Z`, `±HH:MM` or `±HHMM`
/// (with or without a space before it). Anything else returns `None` (the slow path decides).
fn fast_iso(b: &[u8], memo: &mut Option<([u8; 10], i64)>) -> Option<Fast> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let days = match memo {
        Some((date, days)) if date[..] == b[..10] => *days,
        _ => {
            let (y, m, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
            if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
                return None;
            }
            let days = days_from_civil(y, m, d);
            let mut date = [0u8; 10];
            date.copy_from_slice(&b[..10]);
            *memo = Some((date, days));
            days
        }
    };
    let mut rest = &b[10..];
    let mut seconds = 0i64;
    if !rest.is_empty() {
        if rest[0] != b'T' && rest[0] != b' ' {
            return None;
        }
        rest = &rest[1..];
        if rest.len() < 5 || rest[2] != b':' {
            return None;
        }
        let (h, mi) = (digits(&rest[0..2])?, digits(&rest[3..5])?);
        rest = &rest[5..];
        let mut s = 0;
        if rest.first() == Some(&b':') {
            s = digits(rest.get(1..3)?)?;
            rest = &rest[3..];
            if rest.first() == Some(&b'.') || rest.first() == Some(&b',') {
                let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if n == 0 {
                    return None;
                }
                rest = &rest[1 + n..];
            }
        }
        if h > 23 || mi > 59 || s > 59 {
            return None;
        }
        seconds = h * 3600 + mi * 60 + s;
    }
    let local = days * 86_400 + seconds;
    if rest.first() == Some(&b' ') {
        rest = &rest[1..];
        if rest.is_empty() {
            return None;
        }
    }
    match rest {
        [] => Some(Fast::Local(local)),
        [b'Z'] | [b'z'] => Some(Fast::Utc(local)),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let oh = digits(&[*h1, *h2])?;
            let om = digits(&[*m1, *m2])?;
            if oh > 23 || om > 59 {
                return None;
            }
            let offset = (oh * 3600 + om * 60) * if *sign == b'-' { -1 } else { 1 };
            Some(Fast::Utc(local - offset))
        }
        _ => None,
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Hinnant).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
