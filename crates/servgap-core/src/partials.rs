//! Mergeable partial aggregates in exact integer arithmetic.
//!
//! Every statistic servgap reports is a function of counts, sums, sums of
//! squares, cross-products and histograms of integer values. These types hold
//! them exactly (`i64`/`i128`), so merging chunks in any order gives bit-identical
//! results; floating point appears only when a mean or covariance is read out.
//!
//! Values may be *scaled integers*: a dimension score that is a mean of m item
//! answers is stored as `sum · (L/m)` with a common denominator L, and read out
//! by passing `L` as `denominator`.

use std::collections::BTreeMap;

use crate::CoreError;

mod parts;

pub(crate) use parts::{check_at_most, check_count, check_len, check_range, inconsistent};
pub use parts::{CrossProductsParts, HistogramParts, MomentsParts, WideCrossProductsParts};

/// Exact `n·Σx² − (Σx)²` (that is n² times the population variance), or `None` on overflow.
fn centered_square_sum(n: i128, sum: i128, sum_sq: i128) -> Option<i128> {
    n.checked_mul(sum_sq)?.checked_sub(sum.checked_mul(sum)?)
}

/// Exact `n·Σxy − Σx·Σy`, or `None` on overflow.
fn centered_cross_sum(n: i128, sum_x: i128, sum_y: i128, sum_xy: i128) -> Option<i128> {
    n.checked_mul(sum_xy)?.checked_sub(sum_x.checked_mul(sum_y)?)
}

/// Sample covariance `(n·Σxy − Σx·Σy) / (n(n−1)) / denominator²` with an exact
/// numerator; falls back to floating point only if the numerator overflows `i128`.
fn sample_covariance(n: u64, sum_x: i128, sum_y: i128, sum_xy: i128, denominator: f64) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let nn = i128::from(n);
    let numerator = match centered_cross_sum(nn, sum_x, sum_y, sum_xy) {
        Some(exact) => exact as f64,
        None => {
            let nf = n as f64;
            nf * sum_xy as f64 - sum_x as f64 * sum_y as f64
        }
    };
    let nf = n as f64;
    Some(numerator / (nf * (nf - 1.0)) / (denominator * denominator))
}

/// Count, sum and sum of squares of integer values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moments {
    n: u64,
    sum: i128,
    sum_sq: i128,
}

impl Moments {
    /// Adds one value.
    #[inline]
    pub fn add(&mut self, x: i128) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    /// Adds another aggregate.
    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    /// Number of values.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Exact sum of the values.
    pub fn sum(&self) -> i128 {
        self.sum
    }

    /// Mean Σx/(n·denominator); `None` when empty.
    pub fn mean(&self, denominator: f64) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / (self.n as f64 * denominator))
    }

    /// Sample variance (n − 1 in the denominator) of x/denominator; `None` when n < 2.
    pub fn variance(&self, denominator: f64) -> Option<f64> {
        sample_covariance(self.n, self.sum, self.sum, self.sum_sq, denominator)
    }

    /// True when every value was identical (or fewer than two values).
    pub fn is_constant(&self) -> bool {
        centered_square_sum(i128::from(self.n), self.sum, self.sum_sq) == Some(0)
    }
}

/// Counts, sums and all pairwise cross-products of k integer variables observed together.
///
/// Stores the upper triangle (with the diagonal) of Σ xᵢxⱼ. Used for per-item
/// E/P moments, for the listwise covariance matrices behind Cronbach's alpha,
/// and for correlations with overall satisfaction.
///
/// With more than three variables, rows are first collected column by column in
/// a small `i16` block (answers are `i16` on every scale); when the block is full,
/// each Σ xᵢxⱼ over its rows is one contiguous `i16` dot product summed in `i32`,
/// which vectorises well, and is added to the `i64` totals. The block holds at most
/// `⌊(2³¹ − 1) / bound²⌋` rows, so the `i32` dot products cannot overflow. The
/// block is invisible: equality, merging and every read include it.
#[derive(Debug, Clone)]
pub struct CrossProducts {
    k: usize,
    n: u64,
    sums: Vec<i64>,
    products: Vec<i64>,
    /// Column-major block of rows not yet in `products`: variable i at `i·capacity + row`.
    block: Vec<i16>,
    block_rows: usize,
    block_capacity: usize,
}

impl PartialEq for CrossProducts {
    fn eq(&self, other: &Self) -> bool {
        self.k == other.k
            && self.n == other.n
            && self.sums == other.sums
            && (0..self.k).all(|i| (i..self.k).all(|j| self.product(i, j) == other.product(i, j)))
    }
}

impl Eq for CrossProducts {}

/// Lanes of [`dot`]: two SSE2 `pmaddwd` steps per chunk.
const DOT_LANES: usize = 16;

/// Σ aᵣ·bᵣ of two `i16` columns of equal length, in `i32` (the caller bounds the
/// length so that even the sum of |aᵣ·bᵣ| cannot overflow, hence no partial sum can).
/// Summed in fixed lanes so that the compiler keeps it in vector registers.
#[inline]
fn dot(a: &[i16], b: &[i16]) -> i32 {
    let (a_chunks, a_tail) = a.as_chunks::<DOT_LANES>();
    let (b_chunks, b_tail) = b.as_chunks::<DOT_LANES>();
    let mut lanes = [0i32; DOT_LANES];
    for (x, y) in a_chunks.iter().zip(b_chunks) {
        for ((lane, &p), &q) in lanes.iter_mut().zip(x).zip(y) {
            *lane += i32::from(p) * i32::from(q);
        }
    }
    let tail: i32 = a_tail.iter().zip(b_tail).map(|(&x, &y)| i32::from(x) * i32::from(y)).sum();
    lanes.iter().sum::<i32>() + tail
}

impl CrossProducts {
    /// Most rows kept in the block before it is folded into the totals.
    const BLOCK_ROWS: usize = 256;

    /// An empty aggregate over `k` variables whose values may be any `i16`.
    pub fn new(k: usize) -> Self {
        Self::with_bound(k, i16::MAX.unsigned_abs().into())
    }

    /// An empty aggregate over `k` variables with |value| ≤ `bound` (at most 32 768).
    ///
    /// Values beyond the bound must not be added; the bound only sizes the block
    /// so that its `i32` dot products cannot overflow.
    pub fn with_bound(k: usize, bound: u32) -> Self {
        let square = u64::from(bound.clamp(1, 1 << 15)).pow(2);
        let rows = usize::try_from(u64::from(i32::MAX.unsigned_abs()) / square).unwrap_or(usize::MAX);
        let block_capacity = if k <= 3 { 0 } else { rows.clamp(1, Self::BLOCK_ROWS) };
        Self {
            k,
            n: 0,
            sums: vec![0; k],
            products: vec![0; k * (k + 1) / 2],
            block: vec![0; k * block_capacity],
            block_rows: 0,
            block_capacity,
        }
    }

    /// Number of variables.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Number of observations added.
    pub fn n(&self) -> u64 {
        self.n
    }

    fn column(&self, i: usize) -> &[i16] {
        &self.block[i * self.block_capacity..i * self.block_capacity + self.block_rows]
    }

    /// Folds the block into the totals.
    fn flush(&mut self) {
        let rows = self.block_rows;
        if rows > 0 && self.block_capacity > 0 {
            let columns = self.block.chunks_exact(self.block_capacity);
            let mut at = 0;
            for (i, x) in columns.clone().enumerate() {
                let x = &x[..rows];
                for y in columns.clone().skip(i) {
                    self.products[at] += i64::from(dot(x, &y[..rows]));
                    at += 1;
                }
            }
        }
        self.block_rows = 0;
    }

    /// Adds one observation of all k variables. `values.len()` must equal k.
    #[inline]
    pub fn add(&mut self, values: &[i64]) {
        if self.block_capacity == 0 {
            self.add_small(values);
        } else {
            self.add_to_block(values);
        }
    }

    /// Adds one observation of exactly two variables (an item's E and P, say); the
    /// same as [`CrossProducts::add`] with `[a, b]`, without the dispatch.
    #[inline(always)]
    pub fn add_pair(&mut self, a: i64, b: i64) {
        match (&mut self.sums[..], &mut self.products[..]) {
            ([s0, s1], [p00, p01, p11]) if self.block_capacity == 0 => {
                self.n += 1;
                *s0 += a;
                *s1 += b;
                *p00 += a * a;
                *p01 += a * b;
                *p11 += b * b;
            }
            _ => self.add(&[a, b]),
        }
    }

    /// Few variables (an item's E and P, say): straight into the totals.
    #[inline(always)]
    fn add_small(&mut self, values: &[i64]) {
        self.n += 1;
        match (&mut self.sums[..], &mut self.products[..], values) {
            ([s0, s1], [p00, p01, p11], &[a, b, ..]) => {
                *s0 += a;
                *s1 += b;
                *p00 += a * a;
                *p01 += a * b;
                *p11 += b * b;
            }
            ([s0, s1, s2], [p00, p01, p02, p11, p12, p22], &[a, b, c, ..]) => {
                *s0 += a;
                *s1 += b;
                *s2 += c;
                *p00 += a * a;
                *p01 += a * b;
                *p02 += a * c;
                *p11 += b * b;
                *p12 += b * c;
                *p22 += c * c;
            }
            _ => {
                let mut at = 0;
                for (i, &vi) in values.iter().enumerate().take(self.k) {
                    self.sums[i] += vi;
                    for &vj in &values[i..self.k] {
                        self.products[at] += vi * vj;
                        at += 1;
                    }
                }
            }
        }
    }

    /// Many variables: into the column-major block, folded in when full.
    #[inline]
    fn add_to_block(&mut self, values: &[i64]) {
        self.n += 1;
        let row = self.block_rows;
        for ((sum, column), &v) in
            self.sums.iter_mut().zip(self.block.chunks_exact_mut(self.block_capacity)).zip(values)
        {
            *sum += v;
            // Answers are i16 on every scale, so the narrowing is lossless.
            column[row] = v as i16;
        }
        self.block_rows += 1;
        if self.block_rows == self.block_capacity {
            self.flush();
        }
    }

    /// Adds another aggregate over the same variables.
    ///
    /// # Errors
    /// [`CoreError::ShapeMismatch`] when the variable counts differ.
    pub fn merge(&mut self, other: &CrossProducts) -> Result<(), CoreError> {
        if self.k != other.k {
            return Err(CoreError::ShapeMismatch);
        }
        self.n += other.n;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        let mut at = 0;
        for i in 0..self.k {
            for j in i..self.k {
                self.products[at] += other.product(i, j);
                at += 1;
            }
        }
        Ok(())
    }

    fn product(&self, i: usize, j: usize) -> i64 {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        // Row r of the packed upper triangle holds k − r entries, so row i starts at i·k − i(i−1)/2.
        let row_start = i * self.k - i * i.saturating_sub(1) / 2;
        let pending = if self.block_rows > 0 { i64::from(dot(self.column(i), self.column(j))) } else { 0 };
        self.products[row_start + (j - i)] + pending
    }

    /// Exact sum of variable `i`.
    pub fn sum(&self, i: usize) -> i64 {
        self.sums[i]
    }

    /// Mean of variable `i`; `None` when empty.
    pub fn mean(&self, i: usize) -> Option<f64> {
        (self.n > 0).then(|| self.sums[i] as f64 / self.n as f64)
    }

    /// Sample covariance of variables `i` and `j` (n − 1); `None` when n < 2.
    pub fn covariance(&self, i: usize, j: usize) -> Option<f64> {
        sample_covariance(
            self.n,
            i128::from(self.sums[i]),
            i128::from(self.sums[j]),
            i128::from(self.product(i, j)),
            1.0,
        )
    }

    /// Sample variance of variable `i`.
    pub fn variance(&self, i: usize) -> Option<f64> {
        self.covariance(i, i)
    }

    /// Sample covariance matrix (k×k, row-major) of the chosen variables, in the given order.
    pub fn covariance_matrix(&self, vars: &[usize]) -> Option<Vec<f64>> {
        let mut out = Vec::with_capacity(vars.len() * vars.len());
        for &i in vars {
            for &j in vars {
                out.push(self.covariance(i, j)?);
            }
        }
        Some(out)
    }

    /// Sample covariance matrix of linear combinations `Σ cᵢ·xᵢ` (integer coefficients),
    /// e.g. gap items Gᵢ = Pᵢ − Eᵢ; computed exactly from the stored cross-products.
    pub fn combination_covariance(&self, combos: &[Vec<(usize, i64)>]) -> Option<Vec<f64>> {
        let n = self.n;
        let mut out = Vec::with_capacity(combos.len() * combos.len());
        for a in combos {
            for b in combos {
                let sum_a: i128 = a.iter().map(|&(i, c)| i128::from(c) * i128::from(self.sums[i])).sum();
                let sum_b: i128 = b.iter().map(|&(j, c)| i128::from(c) * i128::from(self.sums[j])).sum();
                let mut sum_ab: i128 = 0;
                for &(i, ci) in a {
                    for &(j, cj) in b {
                        sum_ab += i128::from(ci) * i128::from(cj) * i128::from(self.product(i, j));
                    }
                }
                out.push(sample_covariance(n, sum_a, sum_b, sum_ab, 1.0)?);
            }
        }
        Some(out)
    }

    /// The aggregate restricted to the variables `vars`, in that order.
    pub fn select(&self, vars: &[usize]) -> CrossProducts {
        let mut out = CrossProducts::new(vars.len());
        out.n = self.n;
        for (a, &i) in vars.iter().enumerate() {
            out.sums[a] = self.sums[i];
        }
        let mut at = 0;
        for (a, &i) in vars.iter().enumerate() {
            for &j in &vars[a..] {
                out.products[at] = self.product(i, j);
                at += 1;
            }
        }
        out
    }

    /// Pearson correlation of variables `i` and `j`; `None` when a variance is 0 or n < 2.
    pub fn correlation(&self, i: usize, j: usize) -> Option<f64> {
        let nn = i128::from(self.n);
        let sxy =
            centered_cross_sum(nn, self.sums[i].into(), self.sums[j].into(), self.product(i, j).into())?;
        let sxx = centered_square_sum(nn, self.sums[i].into(), self.product(i, i).into())?;
        let syy = centered_square_sum(nn, self.sums[j].into(), self.product(j, j).into())?;
        if sxx <= 0 || syy <= 0 {
            return None;
        }
        Some(sxy as f64 / ((sxx as f64).sqrt() * (syy as f64).sqrt()))
    }
}

/// Like [`CrossProducts`] but over wide scaled integers (`i128`), for a few variables
/// such as a respondent's dimension means multiplied by a common denominator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideCrossProducts {
    k: usize,
    n: u64,
    sums: Vec<i128>,
    products: Vec<i128>,
}

impl WideCrossProducts {
    /// An empty aggregate over `k` variables.
    pub fn new(k: usize) -> Self {
        Self { k, n: 0, sums: vec![0; k], products: vec![0; k * k] }
    }

    /// Number of observations.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Adds one observation of all k variables.
    #[inline]
    pub fn add(&mut self, values: &[i128]) {
        if let ([s0, s1], [p00, p01, p10, p11], &[a, b]) =
            (&mut self.sums[..], &mut self.products[..], values)
        {
            // Two variables (E and P, say), the common case, unrolled.
            self.n += 1;
            *s0 += a;
            *s1 += b;
            *p00 += a * a;
            *p01 += a * b;
            *p10 += b * a;
            *p11 += b * b;
            return;
        }
        self.n += 1;
        for (i, &vi) in values.iter().enumerate().take(self.k) {
            self.sums[i] += vi;
            for (j, &vj) in values.iter().enumerate().take(self.k) {
                self.products[i * self.k + j] += vi * vj;
            }
        }
    }

    /// Adds another aggregate.
    ///
    /// # Errors
    /// [`CoreError::ShapeMismatch`] when the variable counts differ.
    pub fn merge(&mut self, other: &WideCrossProducts) -> Result<(), CoreError> {
        if self.k != other.k {
            return Err(CoreError::ShapeMismatch);
        }
        self.n += other.n;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        for (a, b) in self.products.iter_mut().zip(&other.products) {
            *a += b;
        }
        Ok(())
    }

    /// Exact sum of variable `i`.
    pub fn sum(&self, i: usize) -> i128 {
        self.sums[i]
    }

    /// Exact Σ xᵢxⱼ.
    pub fn product(&self, i: usize, j: usize) -> i128 {
        self.products[i * self.k + j]
    }

    /// Mean of variable `i` divided by `denominator`.
    pub fn mean(&self, i: usize, denominator: f64) -> Option<f64> {
        (self.n > 0).then(|| self.sums[i] as f64 / (self.n as f64 * denominator))
    }

    /// Sample covariance of `i` and `j`, each divided by `denominator`.
    pub fn covariance(&self, i: usize, j: usize, denominator: f64) -> Option<f64> {
        sample_covariance(self.n, self.sums[i], self.sums[j], self.product(i, j), denominator)
    }

    /// Sample variance of the difference xᵢ − xⱼ, each divided by `denominator`.
    pub fn difference_variance(&self, i: usize, j: usize, denominator: f64) -> Option<f64> {
        let sum = self.sums[i] - self.sums[j];
        let sum_sq = self.product(i, i) - 2 * self.product(i, j) + self.product(j, j);
        sample_covariance(self.n, sum, sum, sum_sq, denominator)
    }
}

/// Exact counts of integer values (for example differences P − E, or scaled dimension gaps).
///
/// Dense over a known range when it is small, sparse otherwise; both merge exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Histogram {
    /// Counts for `offset ..= offset + counts.len() − 1`.
    Dense {
        /// The value counted in `counts[0]`.
        offset: i128,
        /// Counts per value.
        counts: Vec<u64>,
    },
    /// Counts per distinct value.
    Sparse(BTreeMap<i128, u64>),
}

impl Histogram {
    /// Largest dense range kept as a vector.
    const DENSE_LIMIT: i128 = 1 << 16;

    /// A histogram for values in `low ..= high`.
    pub fn with_range(low: i128, high: i128) -> Self {
        let width = high - low + 1;
        if width > 0 && width <= Self::DENSE_LIMIT {
            Histogram::Dense { offset: low, counts: vec![0; usize::try_from(width).unwrap_or(0)] }
        } else {
            Histogram::Sparse(BTreeMap::new())
        }
    }

    /// Counts one value. Values outside a dense range move the histogram to sparse form.
    #[inline]
    pub fn add(&mut self, value: i128) {
        if let Histogram::Dense { offset, counts } = self {
            if let Some(slot) = usize::try_from(value - *offset).ok().and_then(|i| counts.get_mut(i)) {
                *slot += 1;
                return;
            }
        }
        self.add_count(value, 1);
    }

    fn add_count(&mut self, value: i128, count: u64) {
        match self {
            Histogram::Dense { offset, counts } => {
                let slot = usize::try_from(value - *offset).ok().filter(|&i| i < counts.len());
                match slot {
                    Some(i) => counts[i] += count,
                    None => {
                        let mut sparse: BTreeMap<i128, u64> = self.entries().into_iter().collect();
                        *sparse.entry(value).or_insert(0) += count;
                        *self = Histogram::Sparse(sparse);
                    }
                }
            }
            Histogram::Sparse(map) => *map.entry(value).or_insert(0) += count,
        }
    }

    /// Adds another histogram's counts.
    pub fn merge(&mut self, other: &Histogram) {
        match (&mut *self, other) {
            (Histogram::Dense { offset: a, counts: ca }, Histogram::Dense { offset: b, counts: cb })
                if a == b && ca.len() == cb.len() =>
            {
                for (x, y) in ca.iter_mut().zip(cb) {
                    *x += y;
                }
            }
            _ => {
                for (value, count) in other.entries() {
                    self.add_count(value, count);
                }
            }
        }
    }

    /// Non-zero `(value, count)` pairs in increasing value order.
    pub fn entries(&self) -> Vec<(i128, u64)> {
        match self {
            Histogram::Dense { offset, counts } => counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(i, &c)| (*offset + i as i128, c))
                .collect(),
            Histogram::Sparse(map) => map.iter().filter(|(_, &c)| c > 0).map(|(&v, &c)| (v, c)).collect(),
        }
    }

    /// Total count.
    pub fn total(&self) -> u64 {
        match self {
            Histogram::Dense { counts, .. } => counts.iter().sum(),
            Histogram::Sparse(map) => map.values().sum(),
        }
    }

    /// Count of the values strictly below `threshold`.
    pub fn count_below(&self, threshold: i128) -> u64 {
        match self {
            Histogram::Dense { offset, counts } => {
                let below = usize::try_from(threshold.saturating_sub(*offset)).unwrap_or(0);
                counts.iter().take(below).sum()
            }
            Histogram::Sparse(map) => map.range(..threshold).map(|(_, &c)| c).sum(),
        }
    }
}

#[cfg(test)]
mod tests;
