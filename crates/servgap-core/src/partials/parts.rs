//! Plain-data "parts" of the partial aggregates: their exact integer sums as named
//! fields, so a storage layer can persist them and an external engine (SQL) can
//! produce them. `to_parts` reads an aggregate out; `from_parts` checks the sums and
//! rebuilds an aggregate that compares equal to the original.
//!
//! The layout of every field is documented in `docs/partials-format.md`.

use super::{centered_square_sum, CrossProducts, Histogram, Moments, WideCrossProducts};
use crate::CoreError;

/// Exact count, sum and sum of squares of integer values: a [`Moments`] as data.
///
/// SQL: `count(x), sum(x), sum(x * x)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MomentsParts {
    /// Number of values.
    pub n: u64,
    /// Σx.
    pub sum: i128,
    /// Σx².
    pub sum_sq: i128,
}

/// Counts, sums and pairwise cross-products of k variables observed together:
/// a [`CrossProducts`] as data.
///
/// `products` is the upper triangle of Σ xᵢxⱼ with its diagonal, row by row:
/// (0,0), (0,1), …, (0,k−1), (1,1), …, (k−1,k−1); k(k+1)/2 entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrossProductsParts {
    /// Number of observations (rows where every variable was present).
    pub n: u64,
    /// Σxᵢ per variable (k entries).
    pub sums: Vec<i64>,
    /// Σxᵢxⱼ for i ≤ j, upper triangle row by row (k(k+1)/2 entries).
    pub products: Vec<i64>,
}

/// Like [`CrossProductsParts`], over wide scaled integers: a [`WideCrossProducts`] as data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WideCrossProductsParts {
    /// Number of observations.
    pub n: u64,
    /// Σxᵢ per variable (k entries).
    pub sums: Vec<i128>,
    /// Σxᵢxⱼ for i ≤ j, upper triangle row by row (k(k+1)/2 entries).
    pub products: Vec<i128>,
}

/// Exact counts of integer values: a [`Histogram`] as data.
///
/// SQL: `SELECT value, count(*) … GROUP BY value ORDER BY value`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistogramParts {
    /// `(value, count)` pairs with count > 0, in strictly increasing value order.
    pub counts: Vec<(i128, u64)>,
}

/// Number of entries of a packed upper triangle with diagonal over k variables.
pub(crate) fn triangle_len(k: usize) -> usize {
    k * (k + 1) / 2
}

/// [`CoreError::PartsInconsistent`] for `field`.
pub(crate) fn inconsistent(field: &str, rule: impl Into<String>) -> CoreError {
    CoreError::PartsInconsistent { field: field.to_string(), rule: rule.into() }
}

/// [`CoreError::PartsShape`] unless `found == expected`.
pub(crate) fn check_len(field: &str, expected: usize, found: usize) -> Result<(), CoreError> {
    if found == expected {
        Ok(())
    } else {
        Err(CoreError::PartsShape { field: field.to_string(), expected, found })
    }
}

/// Checks that `count` equals `expected`, naming what the count should match.
pub(crate) fn check_count(
    field: &str,
    what: &str,
    count: u64,
    expected: u64,
    of: &str,
) -> Result<(), CoreError> {
    if count == expected {
        Ok(())
    } else {
        Err(inconsistent(field, format!("{what} is {count}, but {of} is {expected}")))
    }
}

/// Checks `count ≤ limit`, naming the limit.
pub(crate) fn check_at_most(
    field: &str,
    what: &str,
    count: u64,
    limit: u64,
    of: &str,
) -> Result<(), CoreError> {
    if count <= limit {
        Ok(())
    } else {
        Err(inconsistent(field, format!("{what} is {count}, more than {of} ({limit})")))
    }
}

/// Checks that n values whose squares sum to `sum_sq` can sum to `sum`:
/// n·Σx² − (Σx)² ≥ 0, and everything is zero when n = 0.
fn check_variance(field: &str, n: u64, sum: i128, sum_sq: i128) -> Result<(), CoreError> {
    if n == 0 && (sum != 0 || sum_sq != 0) {
        return Err(inconsistent(
            field,
            format!("n is 0 but the sum is {sum} and the sum of squares {sum_sq}"),
        ));
    }
    match centered_square_sum(i128::from(n), sum, sum_sq) {
        Some(centered) if centered >= 0 => Ok(()),
        Some(_) => Err(inconsistent(
            field,
            format!("n·Σx² − (Σx)² is negative (n = {n}, Σx = {sum}, Σx² = {sum_sq}), so no values have these sums"),
        )),
        None => Err(inconsistent(field, "n·Σx² − (Σx)² overflows 128 bits")),
    }
}

/// Checks that n values in `low..=high` can have the sum `sum` and the sum of squares `sum_sq`.
pub(crate) fn check_range(
    field: &str,
    n: u64,
    sum: i128,
    sum_sq: i128,
    (low, high): (i128, i128),
) -> Result<(), CoreError> {
    let n = i128::from(n);
    let bounds = n.checked_mul(low).zip(n.checked_mul(high));
    if bounds.is_some_and(|(lo, hi)| sum < lo || sum > hi) {
        return Err(inconsistent(
            field,
            format!("the sum {sum} of {n} values is impossible for values in {low}..={high}"),
        ));
    }
    let largest_square = low.saturating_mul(low).max(high.saturating_mul(high));
    let smallest_square =
        if low <= 0 && high >= 0 { 0 } else { low.saturating_mul(low).min(high.saturating_mul(high)) };
    let square_bounds = n.checked_mul(smallest_square).zip(n.checked_mul(largest_square));
    if square_bounds.is_some_and(|(lo, hi)| sum_sq < lo || sum_sq > hi) {
        return Err(inconsistent(
            field,
            format!("the sum of squares {sum_sq} of {n} values is impossible for values in {low}..={high}"),
        ));
    }
    Ok(())
}

/// Index of (i, j), i ≤ j, in a packed upper triangle over k variables.
fn triangle_index(k: usize, i: usize, j: usize) -> usize {
    i * k - i * i.saturating_sub(1) / 2 + (j - i)
}

impl Moments {
    /// The exact sums as data.
    pub fn to_parts(&self) -> MomentsParts {
        MomentsParts { n: self.n, sum: self.sum, sum_sq: self.sum_sq }
    }

    /// Rebuilds the aggregate from its sums.
    ///
    /// # Errors
    /// [`CoreError::PartsInconsistent`] when no values have these sums
    /// (n·Σx² < (Σx)², or non-zero sums of no values).
    pub fn from_parts(parts: &MomentsParts) -> Result<Moments, CoreError> {
        check_variance("moments", parts.n, parts.sum, parts.sum_sq)?;
        Ok(Moments { n: parts.n, sum: parts.sum, sum_sq: parts.sum_sq })
    }
}

impl CrossProducts {
    /// The exact sums as data (pending block rows included).
    pub fn to_parts(&self) -> CrossProductsParts {
        let mut products = Vec::with_capacity(triangle_len(self.k));
        for i in 0..self.k {
            for j in i..self.k {
                products.push(self.product(i, j));
            }
        }
        CrossProductsParts { n: self.n, sums: self.sums.clone(), products }
    }

    /// Rebuilds an aggregate over `parts.sums.len()` variables whose values satisfy
    /// |x| ≤ `bound` (see [`CrossProducts::with_bound`]).
    ///
    /// # Errors
    /// [`CoreError::PartsShape`] when `products` does not have k(k+1)/2 entries;
    /// [`CoreError::PartsInconsistent`] when a variable's sums are impossible.
    pub fn from_parts(parts: &CrossProductsParts, bound: u32) -> Result<CrossProducts, CoreError> {
        let mut out = CrossProducts::with_bound(parts.sums.len(), bound);
        out.load(parts, "cross-products", &[])?;
        Ok(out)
    }

    /// Replaces the sums of this (empty) aggregate with `parts`, checked against the
    /// value range of each variable (`ranges[i]`, or none when `ranges` is empty).
    pub(crate) fn load(
        &mut self,
        parts: &CrossProductsParts,
        field: &str,
        ranges: &[(i128, i128)],
    ) -> Result<(), CoreError> {
        check_len(&format!("{field}.sums"), self.k, parts.sums.len())?;
        check_len(&format!("{field}.products"), triangle_len(self.k), parts.products.len())?;
        for i in 0..self.k {
            let sum = i128::from(parts.sums[i]);
            let sum_sq = i128::from(parts.products[triangle_index(self.k, i, i)]);
            let variable = format!("{field}[{i}]");
            check_variance(&variable, parts.n, sum, sum_sq)?;
            if let Some(&range) = ranges.get(i) {
                check_range(&variable, parts.n, sum, sum_sq, range)?;
            }
        }
        if parts.n == 0 && parts.products.iter().any(|&p| p != 0) {
            return Err(inconsistent(field, "n is 0 but a cross-product is not"));
        }
        self.n = parts.n;
        self.sums.clone_from(&parts.sums);
        self.products.clone_from(&parts.products);
        self.block_rows = 0;
        Ok(())
    }
}

impl WideCrossProducts {
    /// The exact sums as data (upper triangle of the symmetric products).
    pub fn to_parts(&self) -> WideCrossProductsParts {
        let mut products = Vec::with_capacity(triangle_len(self.k));
        for i in 0..self.k {
            for j in i..self.k {
                products.push(self.product(i, j));
            }
        }
        WideCrossProductsParts { n: self.n, sums: self.sums.clone(), products }
    }

    /// Rebuilds an aggregate over `parts.sums.len()` variables.
    ///
    /// # Errors
    /// As [`CrossProducts::from_parts`].
    pub fn from_parts(parts: &WideCrossProductsParts) -> Result<WideCrossProducts, CoreError> {
        let mut out = WideCrossProducts::new(parts.sums.len());
        out.load(parts, "wide-cross-products", &[])?;
        Ok(out)
    }

    /// Replaces the sums of this (empty) aggregate with `parts`, checked against the
    /// value range of each variable (`ranges[i]`, or none when `ranges` is empty).
    pub(crate) fn load(
        &mut self,
        parts: &WideCrossProductsParts,
        field: &str,
        ranges: &[(i128, i128)],
    ) -> Result<(), CoreError> {
        let k = self.k;
        check_len(&format!("{field}.sums"), k, parts.sums.len())?;
        check_len(&format!("{field}.products"), triangle_len(k), parts.products.len())?;
        for i in 0..k {
            let (sum, sum_sq) = (parts.sums[i], parts.products[triangle_index(k, i, i)]);
            let variable = format!("{field}[{i}]");
            check_variance(&variable, parts.n, sum, sum_sq)?;
            if let Some(&range) = ranges.get(i) {
                check_range(&variable, parts.n, sum, sum_sq, range)?;
            }
        }
        if parts.n == 0 && parts.products.iter().any(|&p| p != 0) {
            return Err(inconsistent(field, "n is 0 but a cross-product is not"));
        }
        self.n = parts.n;
        self.sums.clone_from(&parts.sums);
        for i in 0..k {
            for j in i..k {
                let p = parts.products[triangle_index(k, i, j)];
                self.products[i * k + j] = p;
                self.products[j * k + i] = p;
            }
        }
        Ok(())
    }
}

impl Histogram {
    /// The non-zero counts as data.
    pub fn to_parts(&self) -> HistogramParts {
        HistogramParts { counts: self.entries() }
    }

    /// Rebuilds a histogram made by [`Histogram::with_range`]`(low, high)`.
    ///
    /// # Errors
    /// [`CoreError::PartsInconsistent`] when the values are not strictly increasing
    /// or a count is zero.
    pub fn from_parts(parts: &HistogramParts, low: i128, high: i128) -> Result<Histogram, CoreError> {
        let mut out = Histogram::with_range(low, high);
        out.load(parts, "histogram", None)?;
        Ok(out)
    }

    /// Adds the counts of `parts` to this (empty) histogram; with `range`, values outside
    /// it are rejected.
    pub(crate) fn load(
        &mut self,
        parts: &HistogramParts,
        field: &str,
        range: Option<(i128, i128)>,
    ) -> Result<(), CoreError> {
        let mut previous: Option<i128> = None;
        for &(value, count) in &parts.counts {
            if previous.is_some_and(|p| value <= p) {
                return Err(inconsistent(field, format!("value {value} is not above the value before it")));
            }
            if count == 0 {
                return Err(inconsistent(field, format!("value {value} has a count of 0")));
            }
            if let Some((low, high)) = range.filter(|(low, high)| value < *low || value > *high) {
                return Err(inconsistent(
                    field,
                    format!("value {value} is outside the possible range {low}..={high}"),
                ));
            }
            previous = Some(value);
            self.add_count(value, count);
        }
        Ok(())
    }
}

impl HistogramParts {
    /// Total count.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|&(_, c)| c).sum()
    }

    /// Exact Σ value·count, or `None` on overflow.
    pub fn weighted_sum(&self) -> Option<i128> {
        self.counts.iter().try_fold(0i128, |acc, &(v, c)| acc.checked_add(v.checked_mul(i128::from(c))?))
    }
}
