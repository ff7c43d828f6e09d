//! The store crate's error type.

use servgap_core::CoreError;

/// Everything that can go wrong when encoding or decoding partial sums.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Text that is not JSON of the documented shape (serde's message names line and column).
    #[error("partials json is malformed: {0}")]
    Json(#[from] serde_json::Error),
    /// A document of another schema or version.
    #[error("partials json has schema `{found}`, expected `{expected}`")]
    Schema {
        /// The schema this reader understands.
        expected: &'static str,
        /// The schema named by the document.
        found: String,
    },
    /// A named map (per battery, comparison, dimension, rule) with a missing or unknown key.
    #[error("partials json field `{field}` has keys [{found}], expected [{expected}]")]
    Keys {
        /// The field.
        field: String,
        /// The keys the instrument or options call for, comma-separated.
        expected: String,
        /// The keys given, comma-separated.
        found: String,
    },
    /// An identifier (rule, battery, location kind, KPI, clock, dimension, period) that is not known.
    #[error("partials json field `{field}` has unknown value `{value}`")]
    Unknown {
        /// The field.
        field: String,
        /// The value given.
        value: String,
    },
    /// Sums that core rejected, with the part of the document they belong to.
    #[error("{part}: {source}")]
    Invalid {
        /// `total`, `segment "north"` or `kpi`.
        part: String,
        /// What core found.
        source: CoreError,
    },
}
