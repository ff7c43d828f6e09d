//! Validated option values shared by every front end (command line, web server, studies).
//!
//! Each option a user can set is a small type whose constructor checks it once, so a
//! request holding one can never carry an out-of-range value, and no handler repeats the
//! check. Every type also parses from text (`FromStr`), with an error that states what is
//! admissible; the identifiers parsed are the stable ids the reports print.

use std::fmt;
use std::str::FromStr;

use crate::kpi::{Dimension, DurationKpi, Period};
use crate::servqual::Coverage;
use crate::CoreError;

/// Confidence level of every interval and of the verdicts built on them, in (0.5, 1).
///
/// Below 0.5 an interval would be narrower than the estimate's own middle half, and 1
/// would make every interval infinite, so both ends are excluded.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct ConfidenceLevel(f64);

impl ConfidenceLevel {
    /// The conventional 95 % level.
    pub const NINETY_FIVE: ConfidenceLevel = ConfidenceLevel(0.95);

    /// A level strictly between 0.5 and 1.
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] for NaN or a level outside (0.5, 1).
    pub fn new(level: f64) -> Result<Self, CoreError> {
        if level > 0.5 && level < 1.0 {
            Ok(ConfidenceLevel(level))
        } else {
            Err(invalid("confidence level", level, "a number between 0.5 and 1 (exclusive), e.g. 0.95"))
        }
    }

    /// The level as a share, e.g. 0.95.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for ConfidenceLevel {
    fn default() -> Self {
        ConfidenceLevel::NINETY_FIVE
    }
}

impl fmt::Display for ConfidenceLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for ConfidenceLevel {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let level =
            parse_number(text, "confidence level", "a number between 0.5 and 1 (exclusive), e.g. 0.95")?;
        ConfidenceLevel::new(level)
    }
}

/// Thousandths: the resolution of a coverage share given as a decimal number.
const COVERAGE_DENOMINATOR: u32 = 1000;

impl Coverage {
    /// The coverage rule from a share in (0, 1] such as 0.5, kept as an exact fraction over
    /// 1000 (the share is rounded to the nearest thousandth).
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] for NaN, or a share that rounds to 0 or exceeds 1.
    pub fn from_share(share: f64) -> Result<Coverage, CoreError> {
        let thousandths = (share * f64::from(COVERAGE_DENOMINATOR)).round();
        let error = || invalid("coverage share", share, "a share in (0, 1], e.g. 0.5 for half of the items");
        if !(1.0..=f64::from(COVERAGE_DENOMINATOR)).contains(&thousandths) {
            return Err(error());
        }
        // In 1..=1000 by the check above, so the conversion is exact.
        Coverage::new(thousandths as u32, COVERAGE_DENOMINATOR).ok_or_else(error)
    }
}

impl FromStr for Coverage {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Coverage::from_share(parse_number(text, "coverage share", "a share in (0, 1], e.g. 0.5")?)
    }
}

/// How many examples of each broken validation rule a report lists (counts are always
/// exact), at most [`ExampleLimit::MAX`] so memory stays independent of the file size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExampleLimit(usize);

impl ExampleLimit {
    /// The largest limit accepted.
    pub const MAX: usize = 1000;

    /// A limit in `0..=1000`; 0 lists no examples.
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] above [`ExampleLimit::MAX`].
    pub fn new(limit: usize) -> Result<Self, CoreError> {
        if limit <= Self::MAX {
            Ok(ExampleLimit(limit))
        } else {
            Err(invalid("example count", limit, "a whole number from 0 to 1000"))
        }
    }

    /// The limit.
    pub fn get(self) -> usize {
        self.0
    }
}

impl Default for ExampleLimit {
    /// Twenty examples per rule.
    fn default() -> Self {
        ExampleLimit(20)
    }
}

impl fmt::Display for ExampleLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for ExampleLimit {
    type Err = CoreError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let limit = text
            .trim()
            .parse()
            .map_err(|_| invalid("example count", text, "a whole number from 0 to 1000"))?;
        ExampleLimit::new(limit)
    }
}

impl FromStr for Period {
    type Err = CoreError;

    /// `day`, `week` or `month`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        [Period::Day, Period::Week, Period::Month]
            .into_iter()
            .find(|p| p.id() == text.trim())
            .ok_or_else(|| invalid("reporting period", text, "day, week or month"))
    }
}

impl FromStr for Dimension {
    type Err = CoreError;

    /// `channel`, `priority` or `team`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.id() == text.trim())
            .ok_or_else(|| invalid("ticket segment", text, "channel, priority or team"))
    }
}

impl FromStr for DurationKpi {
    type Err = CoreError;

    /// `first-response`, `next-response`, `first-resolution`, `full-resolution` or `requester-wait`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DurationKpi::ALL.into_iter().find(|k| k.id() == text.trim()).ok_or_else(|| {
            let ids: Vec<&str> = DurationKpi::ALL.iter().map(|k| k.id()).collect();
            invalid("duration kpi", text, &format!("one of {}", ids.join(", ")))
        })
    }
}

/// A decimal number, or the option's error naming what is expected.
fn parse_number(text: &str, option: &'static str, expected: &str) -> Result<f64, CoreError> {
    text.trim().parse::<f64>().map_err(|_| invalid(option, text, expected))
}

fn invalid(option: &'static str, value: impl fmt::Display, expected: &str) -> CoreError {
    CoreError::InvalidOption { option, value: value.to_string(), expected: expected.to_owned() }
}

#[cfg(test)]
mod tests;
