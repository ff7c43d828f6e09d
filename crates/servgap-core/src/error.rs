//! The core crate's error type.

/// Everything that can go wrong when building core values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A scale whose minimum is not below its maximum, or with too many points.
    #[error("scale {min}..{max} is invalid: the minimum must be below the maximum and the scale may have at most 1001 points")]
    Scale {
        /// Lowest answer given.
        min: i16,
        /// Highest answer given.
        max: i16,
    },
    /// An identifier that is empty or only whitespace.
    #[error("{what} identifier is empty")]
    EmptyId {
        /// Which kind of identifier.
        what: &'static str,
    },
    /// An instrument without dimensions.
    #[error("instrument has no dimensions")]
    NoDimensions,
    /// An instrument without items.
    #[error("instrument has no items")]
    NoItems,
    /// Two dimensions or two items with the same identifier.
    #[error("{what} identifier `{id}` is used twice")]
    Duplicate {
        /// `dimension` or `item`.
        what: &'static str,
        /// The repeated identifier.
        id: String,
    },
    /// An item whose dimension index does not exist.
    #[error("item `{item}` refers to dimension #{index}, which does not exist")]
    UnknownDimension {
        /// Item identifier.
        item: String,
        /// The dimension index it names.
        index: usize,
    },
    /// A dimension that no item belongs to.
    #[error("dimension `{id}` has no items")]
    EmptyDimension {
        /// Dimension identifier.
        id: String,
    },
    /// A dimension with so many items that exact dimension means would overflow.
    #[error("dimension `{id}` has {items} items, too many for exact scoring; split it into smaller dimensions")]
    DimensionTooLarge {
        /// Dimension identifier.
        id: String,
        /// Its number of items.
        items: usize,
    },
    /// Two partial aggregates built for different instruments were merged.
    #[error("cannot merge partial aggregates of different shapes")]
    ShapeMismatch,
}
