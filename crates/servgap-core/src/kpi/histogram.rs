//! Exact histograms of whole seconds, mergeable and bounded by the value range.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::summary::{DurationSummary, QuantileLevel, QuantileMethod};

/// Width of one dense page, in seconds.
const PAGE: u64 = 1024;
/// Number of dense pages: values below `PAGES · PAGE` (87 040 s, a bit over a day) are dense.
const PAGES: usize = 85;
/// First value kept in the sparse map.
const DENSE_LIMIT: u64 = PAGE * PAGES as u64;

/// A small multiplicative hasher for integer keys (the keys are durations and
/// group numbers, not attacker-controlled lookups worth a DoS-resistant hash).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_i32(&mut self, i: i32) {
        self.write_u64(u64::from(i as u32));
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// A hash map keyed by integers with [`IntHasher`].
pub(crate) type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// Exact counts of durations in whole seconds.
///
/// Values below 87 040 s (24 h 10 min) are counted in lazily allocated dense
/// pages of 1 024 one-second slots (`u32` counts, 4 KiB a page, at most 85 pages);
/// longer values go to a hashed sparse map (one entry per distinct value), sorted
/// only when a quantile is read. Memory is therefore bounded by the value
/// range, not by the number of values, and [`DurationHistogram::merge`] is exact,
/// so quantiles computed after merging chunks equal those of one pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DurationHistogram {
    pages: Vec<Option<Box<[u32]>>>,
    page_totals: Vec<u64>,
    /// Values ≥ `DENSE_LIMIT`, and dense values whose slot would overflow `u32`.
    sparse: IntMap<u64, u64>,
    n: u64,
    sum: u128,
    min: u64,
    max: u64,
}

impl DurationHistogram {
    /// An empty histogram (allocates nothing).
    pub fn new() -> DurationHistogram {
        DurationHistogram::default()
    }

    /// Counts one value.
    #[inline]
    pub fn add(&mut self, seconds: u64) {
        self.add_count(seconds, 1);
    }

    /// Counts `count` copies of a value.
    pub fn add_count(&mut self, seconds: u64, count: u64) {
        if count == 0 {
            return;
        }
        if self.n == 0 {
            self.min = seconds;
            self.max = seconds;
        } else {
            self.min = self.min.min(seconds);
            self.max = self.max.max(seconds);
        }
        self.n += count;
        self.sum += u128::from(seconds) * u128::from(count);
        if seconds < DENSE_LIMIT {
            let page = (seconds / PAGE) as usize;
            let slot = (seconds % PAGE) as usize;
            if self.pages.len() <= page {
                self.pages.resize(page + 1, None);
                self.page_totals.resize(page + 1, 0);
            }
            let counts = self.pages[page].get_or_insert_with(|| vec![0u32; PAGE as usize].into_boxed_slice());
            let fits = u32::try_from(count).ok().and_then(|c| counts[slot].checked_add(c));
            match fits {
                Some(total) => {
                    counts[slot] = total;
                    self.page_totals[page] += count;
                }
                None => *self.sparse.entry(seconds).or_insert(0) += count,
            }
        } else {
            *self.sparse.entry(seconds).or_insert(0) += count;
        }
    }

    /// Adds another histogram's counts.
    pub fn merge(&mut self, other: &DurationHistogram) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = other.clone();
            return;
        }
        let (n, sum, min, max) =
            (self.n + other.n, self.sum + other.sum, self.min.min(other.min), self.max.max(other.max));
        for (page, counts) in other.pages.iter().enumerate() {
            let Some(counts) = counts else { continue };
            for (slot, &c) in counts.iter().enumerate() {
                if c > 0 {
                    self.add_count(page as u64 * PAGE + slot as u64, u64::from(c));
                }
            }
        }
        for (&value, &count) in &other.sparse {
            self.add_count(value, count);
        }
        self.n = n;
        self.sum = sum;
        self.min = min;
        self.max = max;
    }

    /// Number of values.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Exact sum of the values, in seconds.
    pub fn sum(&self) -> u128 {
        self.sum
    }

    /// Smallest value; `None` when empty.
    pub fn min(&self) -> Option<u64> {
        (self.n > 0).then_some(self.min)
    }

    /// Largest value; `None` when empty.
    pub fn max(&self) -> Option<u64> {
        (self.n > 0).then_some(self.max)
    }

    /// Mean in seconds; `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64)
    }

    /// Non-zero `(value, count)` pairs in increasing order of value.
    pub fn entries(&self) -> Vec<(u64, u64)> {
        let sparse = self.sorted_sparse();
        let mut out = Vec::new();
        self.for_each_from(&sparse, 0, |v, c| {
            out.push((v, c));
            false
        });
        out
    }

    fn sorted_sparse(&self) -> Vec<(u64, u64)> {
        let mut sparse: Vec<(u64, u64)> = self.sparse.iter().map(|(&v, &c)| (v, c)).collect();
        sparse.sort_unstable();
        sparse
    }

    /// Calls `f(value, count)` in increasing value order, starting at dense page
    /// `first_page` (values below it, dense or sparse, are skipped), until `f`
    /// returns true. Equal values from the dense and sparse parts are combined.
    fn for_each_from(&self, sparse: &[(u64, u64)], first_page: usize, mut f: impl FnMut(u64, u64) -> bool) {
        let skip_below = first_page as u64 * PAGE;
        let mut sparse = sparse[sparse.partition_point(|&(v, _)| v < skip_below)..].iter().peekable();
        for page in first_page..self.pages.len() {
            let Some(counts) = &self.pages[page] else { continue };
            for (slot, &c) in counts.iter().enumerate() {
                let value = page as u64 * PAGE + slot as u64;
                let mut count = u64::from(c);
                while let Some(&&(sv, sc)) = sparse.peek() {
                    if sv < value {
                        if f(sv, sc) {
                            return;
                        }
                        sparse.next();
                    } else {
                        if sv == value {
                            count += sc;
                            sparse.next();
                        }
                        break;
                    }
                }
                if count > 0 && f(value, count) {
                    return;
                }
            }
        }
        for &(v, c) in sparse {
            if f(v, c) {
                return;
            }
        }
    }

    /// The values of 0-based order statistics `k` and `k + 1` (the second clamped to the last).
    fn order_statistics(&self, sparse: &[(u64, u64)], k: u64) -> Option<(u64, u64)> {
        if k >= self.n {
            return None;
        }
        // Skip whole dense pages whose counts (with any sparse overflow on them) end before rank k.
        let mut before = 0u64;
        let mut first_page = 0usize;
        let mut at = 0usize;
        for (page, &total) in self.page_totals.iter().enumerate() {
            let page_end = (page as u64 + 1) * PAGE;
            let mut overflow = 0u64;
            let mut next = at;
            while next < sparse.len() && sparse[next].0 < page_end {
                overflow += sparse[next].1;
                next += 1;
            }
            if before + total + overflow > k {
                break;
            }
            before += total + overflow;
            at = next;
            first_page = page + 1;
        }
        let mut low = None;
        let mut high = None;
        let mut seen = before;
        self.for_each_from(sparse, first_page, |value, count| {
            let next = seen + count;
            if low.is_none() && k < next {
                low = Some(value);
            }
            if low.is_some() && k + 1 < next {
                high = Some(value);
                return true;
            }
            seen = next;
            false
        });
        let low = low?;
        Some((low, high.unwrap_or(self.max.max(low))))
    }

    /// Exact quantile at `level` by `method`; `None` when empty.
    ///
    /// # Formula
    /// With the values sorted as x₁ ≤ … ≤ xₙ and level p = a/b (exact integer arithmetic):
    /// ```text
    /// Linear (type 7):       h = (n − 1)·p,  q = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎)
    /// InvertedCdf (type 1):  q = x₍k₎ with k = max(1, ⌈n·p⌉)
    /// ```
    /// Linear is numpy's default `method="linear"`, pandas' default and R's type 7;
    /// InvertedCdf is numpy's `method="inverted_cdf"` (R type 1).
    pub fn quantile(&self, level: QuantileLevel, method: QuantileMethod) -> Option<f64> {
        self.quantile_with(&self.sorted_sparse(), level, method)
    }

    fn quantile_with(
        &self,
        sparse: &[(u64, u64)],
        level: QuantileLevel,
        method: QuantileMethod,
    ) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let (a, b) = (u128::from(level.numerator()), u128::from(level.denominator()));
        let n = u128::from(self.n);
        match method {
            QuantileMethod::Linear => {
                let h_num = (n - 1) * a;
                let k = (h_num / b) as u64;
                let frac_num = h_num % b;
                let (lo, hi) = self.order_statistics(sparse, k)?;
                if frac_num == 0 || hi == lo {
                    return Some(lo as f64);
                }
                Some(lo as f64 + (hi - lo) as f64 * (frac_num as f64 / b as f64))
            }
            QuantileMethod::InvertedCdf => {
                let k = (n * a).div_ceil(b).max(1) as u64;
                self.order_statistics(sparse, k - 1).map(|(lo, _)| lo as f64)
            }
        }
    }

    /// n, mean, median, p90, min and max; `None` when empty.
    pub fn summary(&self, method: QuantileMethod) -> Option<DurationSummary> {
        let sparse = self.sorted_sparse();
        Some(DurationSummary {
            n: self.n,
            mean: self.mean()?,
            median: self.quantile_with(&sparse, QuantileLevel::MEDIAN, method)?,
            p90: self.quantile_with(&sparse, QuantileLevel::P90, method)?,
            min: self.min()?,
            max: self.max()?,
        })
    }
}
