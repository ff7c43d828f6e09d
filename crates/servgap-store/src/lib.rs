//! # servgap-store
//!
//! Where servgap's storage layer lives. For now it holds the codecs that turn the
//! exact partial sums of a survey ([`servgap_core::servqual::SurveyPartials`], with
//! its segments and [`servgap_core::servqual::FindingLog`]) and of a KPI run
//! ([`servgap_core::kpi::KpiAggregate`]) into versioned JSON and back, bit for bit.
//! The storage trait of the web app (per-wave rows in a database) will be added here
//! when the app needs it; it will persist these documents.
//!
//! Core stays free of I/O and serde: it exposes the sums as plain data
//! ([`servgap_core::servqual::SurveyParts`], [`servgap_core::kpi::KpiParts`]) and
//! rebuilds aggregates from them with validation (`from_parts`). This crate only
//! encodes that data:
//!
//! ```text
//! SurveyPartials ─to_parts─▶ SurveyParts ─encode_survey─▶ JSON "servgap.partials/1"
//! SurveyPartials ◀from_parts─ SurveyParts ◀decode_survey─ JSON   (checked in core)
//! KpiAggregate   ─to_parts─▶ KpiParts    ─encode_kpi───▶ JSON "servgap.kpi-partials/1"
//! ```
//!
//! The same JSON is how an external engine (SQL in PostgreSQL or DataFusion) hands
//! its `GROUP BY` sums to servgap. Every field, its meaning, its invariant and the
//! version rule are documented in `docs/partials-format.md`. Integers that can exceed
//! 2⁵³ (sums, products, values, seconds) are decimal strings; counts are JSON numbers.

mod decimal;
mod error;
pub mod kpi;
pub mod survey;

pub use error::StoreError;
pub use kpi::{decode_kpi, encode_kpi, KPI_SCHEMA};
pub use survey::{decode_survey, encode_survey, StoredSurvey, SURVEY_SCHEMA};
