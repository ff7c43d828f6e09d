//! When waves measured and when actions were due (module documentation of [`super`],
//! "Schedule" and "Trend"): a wave's date is the midpoint of its fieldwork, an action's
//! expected share closed grows linearly from its start to its due date.
//!
//! ```text
//! wave date        t = start + (end − start)/2          (days; a half day when even)
//! expected by t    E(t) = expected_share × clamp((t − start)/(due − start), 0, 1)
//!                  (due = start: 0 before the start, expected_share from it on)
//! ```

use jiff::civil::Date;

use crate::kpi::aggregate::days_from_civil;
use crate::study::plan::Action;
use crate::study::Wave;
use crate::CoreError;

/// Days in a year of the calendar-time trend (the Julian year, 365.25 days).
pub const DAYS_PER_YEAR: f64 = 365.25;

/// The fieldwork of a wave, first and last day inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fieldwork {
    start: Date,
    end: Date,
}

impl Fieldwork {
    /// Fieldwork from `start` to `end`.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] when `end` is before `start`.
    pub fn new(start: Date, end: Date) -> Result<Fieldwork, CoreError> {
        if end < start {
            return Err(CoreError::StudyObject {
                object: "wave",
                id: start.to_string(),
                rule: format!("fieldwork ends ({end}) before it starts ({start})"),
            });
        }
        Ok(Fieldwork { start, end })
    }

    /// The fieldwork of a study wave.
    pub fn of_wave(wave: &Wave) -> Fieldwork {
        Fieldwork { start: wave.start(), end: wave.end() }
    }

    /// First day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Last day (inclusive).
    pub fn end(&self) -> Date {
        self.end
    }

    /// The wave's date: the fieldwork's midpoint, in days since 1970-01-01
    /// (`start + (end − start)/2`, a half day when the span is odd).
    pub fn midpoint(&self) -> f64 {
        let (start, end) = (f64::from(days_from_civil(self.start)), f64::from(days_from_civil(self.end)));
        start + (end - start) / 2.0
    }
}

/// An action's schedule: the share of its metric's baseline gap expected to be closed by
/// its due date, reached linearly from its start (`E(t)` in the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    start: Date,
    due: Date,
    expected_share: f64,
}

impl Schedule {
    /// A schedule from `start` to `due` closing `expected_share` of the gap.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] when `due` is before `start` or the share is not in (0, 1].
    pub fn new(start: Date, due: Date, expected_share: f64) -> Result<Schedule, CoreError> {
        let invalid =
            |rule: String| CoreError::StudyObject { object: "schedule", id: start.to_string(), rule };
        if due < start {
            return Err(invalid(format!("is due ({due}) before it starts ({start})")));
        }
        if !(expected_share > 0.0 && expected_share <= 1.0) {
            return Err(invalid(format!("expected share {expected_share} is not in (0, 1]")));
        }
        Ok(Schedule { start, due, expected_share })
    }

    /// The schedule of an action with a metric (`None` without one: schedule not set).
    pub fn of_action(action: &Action) -> Option<Schedule> {
        let metric = action.metric()?;
        Schedule::new(action.start(), action.due(), metric.expected_share).ok()
    }

    /// First day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Due date.
    pub fn due(&self) -> Date {
        self.due
    }

    /// Share of the baseline gap expected to be closed by the due date.
    pub fn expected_share(&self) -> f64 {
        self.expected_share
    }

    /// `E(t)`: the share expected to be closed by `t` (days since 1970-01-01).
    pub fn expected_by(&self, t: f64) -> f64 {
        let (start, due) = (f64::from(days_from_civil(self.start)), f64::from(days_from_civil(self.due)));
        let elapsed = if due > start {
            ((t - start) / (due - start)).clamp(0.0, 1.0)
        } else if t >= start {
            1.0
        } else {
            0.0
        };
        self.expected_share * elapsed
    }
}
