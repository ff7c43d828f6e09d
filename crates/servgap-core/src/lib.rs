//! # servgap-core
//!
//! The domain model and every statistic of servgap, with no I/O: values in, values out.
//!
//! Survey answers are small integers. They are folded into mergeable partial
//! aggregates ([`servqual::SurveyPartials`]) kept in exact integer arithmetic, so a
//! single pass, parallel chunks merged in any order and an external query engine
//! all give the same numbers. Only [`servqual::SurveyPartials::finish`] turns the
//! exact sums into floating-point estimates and tests.
//!
//! Help-desk KPIs ([`kpi`]) follow the same pattern: tickets with their events are
//! folded into exact integer-second histograms and counts per period and segment,
//! with business time from DST-correct team calendars.
#![deny(missing_docs)]

pub mod builtin;
pub mod error;
pub mod instrument;
pub mod kpi;
pub mod options;
pub mod partials;
pub mod servqual;
pub mod stats;
pub mod study;

pub use error::CoreError;
