//! Statistical building blocks on floating-point summaries.
//!
//! These functions take the values that [`crate::partials`] produces from exact
//! integer sums (counts, means, variances, covariance matrices, histograms) and
//! return estimates, tests and intervals. Each is checked against scipy,
//! pingouin or R in the crate's tests.

pub mod distributions;
pub mod groups;
pub mod multiplicity;
pub mod paired;
pub mod reliability;
pub mod wilcoxon;

#[cfg(test)]
mod prec;
#[cfg(test)]
mod tests;
