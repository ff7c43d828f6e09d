//! Histograms of whole seconds, mergeable, with memory bounded by a fixed budget.
//!
//! Values below a day are counted exactly; longer values are kept exactly while few,
//! else counted in fixed coarse buckets. Quantiles that fall in a coarse bucket are
//! resolved exactly by a second pass that collects only that bucket's values
//! ([`DurationHistogram::install`]); see `docs/kpi-definitions.md`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::summary::{DurationSummary, QuantileLevel, QuantileMethod};

mod parts;

pub use parts::DurationHistogramParts;

/// Width of one dense page, in seconds.
const PAGE: u64 = 1024;
/// Number of dense pages: values below `PAGES · PAGE` (87 040 s, a bit over a day) are dense.
const PAGES: usize = 85;
/// First value beyond the dense pages.
pub(crate) const DENSE_LIMIT: u64 = PAGE * PAGES as u64;
/// Default number of distinct values ≥ the dense limit kept exactly before a
/// histogram switches to coarse buckets.
pub const SPARSE_BUDGET: u32 = 4096;
/// Coarse buckets per power of two (2¹⁰: a bucket is at most 1/1024 of its values).
const SUB_BITS: u32 = 10;
const SUBS: usize = 1 << SUB_BITS;
/// ⌊log₂ DENSE_LIMIT⌋: the first octave holding coarse buckets.
const FIRST_OCTAVE: u32 = 16;
/// Octaves 2¹⁶ … 2⁶³.
const OCTAVES: usize = 64 - FIRST_OCTAVE as usize;
/// Number of coarse bucket numbers ([`bucket_of`] is below it).
pub(crate) const COARSE_BUCKETS: usize = OCTAVES * SUBS;

/// The coarse bucket of a value ≥ [`DENSE_LIMIT`]: octave and 10-bit mantissa.
#[inline]
pub(crate) fn bucket_of(seconds: u64) -> u32 {
    let e = 63 - seconds.leading_zeros();
    ((e - FIRST_OCTAVE) << SUB_BITS) | ((seconds >> (e - SUB_BITS)) as u32 & (SUBS as u32 - 1))
}

/// Lowest and highest value of a coarse bucket.
pub(crate) fn bucket_span(bucket: u32) -> (u64, u64) {
    let e = (bucket >> SUB_BITS) + FIRST_OCTAVE;
    let m = u64::from(bucket) & (SUBS as u64 - 1);
    let low = (SUBS as u64 + m) << (e - SUB_BITS);
    (low, low + ((1u64 << (e - SUB_BITS)) - 1))
}

/// Coarse counts of values ≥ [`DENSE_LIMIT`], one lazily allocated array per octave.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Coarse {
    octaves: Vec<Option<Box<[u64]>>>,
    totals: Vec<u64>,
}

impl Coarse {
    fn new() -> Coarse {
        Coarse { octaves: vec![None; OCTAVES], totals: vec![0; OCTAVES] }
    }

    fn add(&mut self, bucket: u32, count: u64) {
        let octave = (bucket >> SUB_BITS) as usize;
        let slot = bucket as usize & (SUBS - 1);
        let counts = self.octaves[octave].get_or_insert_with(|| vec![0u64; SUBS].into_boxed_slice());
        counts[slot] += count;
        self.totals[octave] += count;
    }

    fn count(&self, bucket: u32) -> u64 {
        let octave = (bucket >> SUB_BITS) as usize;
        self.octaves.get(octave).and_then(Option::as_ref).map_or(0, |c| c[bucket as usize & (SUBS - 1)])
    }

    fn total(&self) -> u64 {
        self.totals.iter().sum()
    }
}

/// Where a rank falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    /// An exactly known value.
    Value(u64),
    /// A coarse bucket whose values are not (all) known exactly.
    Coarse(u32),
}

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

/// Counts of durations in whole seconds, exact where it matters and bounded in memory.
///
/// * Values below 87 040 s (24 h 10 min) are counted exactly in lazily allocated dense
///   pages of 1 024 one-second slots (`u32` counts, 4 KiB a page, at most 85 pages).
/// * Longer values are kept exactly in a hashed sparse map while it holds at most
///   [`SPARSE_BUDGET`] distinct values; beyond that they are counted in coarse
///   log-linear buckets (1 024 per power of two, so a bucket spans at most 1/1024 of its
///   values; 8 KiB per octave used, at most 48 octaves).
/// * n, the sum, min and max are always exact, so the mean is exact.
///
/// A quantile whose order statistics fall in a coarse bucket is unknown until that
/// bucket's exact values are supplied with [`DurationHistogram::install`] (a second pass
/// over the data); [`DurationHistogram::unresolved`] names those buckets. Merging is exact
/// and order-independent: coarse counts add, installed values add, and a bucket is exact
/// when its installed values account for its whole count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationHistogram {
    pages: Vec<Option<Box<[u32]>>>,
    page_totals: Vec<u64>,
    /// Exact values ≥ `DENSE_LIMIT` while not coarse, and dense values whose slot would overflow `u32`.
    sparse: IntMap<u64, u64>,
    /// Coarse counts of values ≥ `DENSE_LIMIT`, once the sparse budget is exceeded.
    coarse: Option<Box<Coarse>>,
    /// Exact values of coarse buckets, sorted, from a second pass.
    installed: BTreeMap<u32, Vec<(u64, u64)>>,
    budget: u32,
    n: u64,
    sum: u128,
    min: u64,
    max: u64,
}

impl Default for DurationHistogram {
    fn default() -> Self {
        DurationHistogram::with_budget(SPARSE_BUDGET)
    }
}

impl DurationHistogram {
    /// An empty histogram (allocates nothing).
    pub fn new() -> DurationHistogram {
        DurationHistogram::default()
    }

    /// An empty histogram keeping at most `budget` distinct values ≥ 87 040 s exactly
    /// before switching to coarse buckets.
    pub fn with_budget(budget: u32) -> DurationHistogram {
        DurationHistogram {
            pages: Vec::new(),
            page_totals: Vec::new(),
            sparse: IntMap::default(),
            coarse: None,
            installed: BTreeMap::new(),
            budget,
            n: 0,
            sum: 0,
            min: 0,
            max: 0,
        }
    }

    /// Sets the sparse budget (see [`DurationHistogram::with_budget`]).
    pub(crate) fn set_budget(&mut self, budget: u32) {
        self.budget = budget;
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
        self.insert(seconds, count);
    }

    /// Counts a value without touching n, sum, min and max.
    fn insert(&mut self, seconds: u64, count: u64) {
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
        } else if let Some(coarse) = &mut self.coarse {
            coarse.add(bucket_of(seconds), count);
        } else {
            *self.sparse.entry(seconds).or_insert(0) += count;
            if self.sparse.len() > self.budget as usize {
                self.coarsen();
            }
        }
    }

    /// Moves the exact values ≥ `DENSE_LIMIT` into coarse buckets.
    fn coarsen(&mut self) {
        if self.coarse.is_some() {
            return;
        }
        let mut coarse = Coarse::new();
        self.sparse.retain(|&v, &mut c| {
            if v >= DENSE_LIMIT {
                coarse.add(bucket_of(v), c);
                false
            } else {
                true
            }
        });
        self.sparse.shrink_to_fit();
        self.coarse = Some(Box::new(coarse));
    }

    /// Adds another histogram's counts.
    pub fn merge(&mut self, other: &DurationHistogram) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            let budget = self.budget.min(other.budget);
            *self = other.clone();
            self.budget = budget;
            return;
        }
        self.budget = self.budget.min(other.budget);
        if other.coarse.is_some() {
            self.coarsen();
        }
        for (page, counts) in other.pages.iter().enumerate() {
            let Some(counts) = counts else { continue };
            for (slot, &c) in counts.iter().enumerate() {
                if c > 0 {
                    self.insert(page as u64 * PAGE + slot as u64, u64::from(c));
                }
            }
        }
        for (&value, &count) in &other.sparse {
            self.insert(value, count);
        }
        if let Some(theirs) = &other.coarse {
            if let Some(ours) = &mut self.coarse {
                for (octave, counts) in theirs.octaves.iter().enumerate() {
                    let Some(counts) = counts else { continue };
                    for (slot, &c) in counts.iter().enumerate() {
                        if c > 0 {
                            ours.add(((octave as u32) << SUB_BITS) | slot as u32, c);
                        }
                    }
                }
            }
        }
        for (&bucket, entries) in &other.installed {
            let mine = self.installed.entry(bucket).or_default();
            *mine = merge_sorted(mine, entries);
        }
        self.n += other.n;
        self.sum += other.sum;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
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

    /// True when some values are counted only in coarse buckets.
    pub fn is_coarse(&self) -> bool {
        self.coarse.is_some()
    }

    /// Number of values in coarse bucket `bucket` (exact values when not coarse).
    pub(crate) fn count_in(&self, bucket: u32) -> u64 {
        match &self.coarse {
            Some(coarse) => coarse.count(bucket),
            None => {
                let (low, high) = bucket_span(bucket);
                self.sparse.iter().filter(|(&v, _)| v >= low && v <= high).map(|(_, &c)| c).sum()
            }
        }
    }

    /// Supplies the exact values of coarse bucket `bucket` (from a second pass), added to
    /// any already installed; `entries` are `(value, count)` pairs with values in the bucket.
    pub fn install(&mut self, bucket: u32, entries: &[(u64, u64)]) {
        let mut sorted: Vec<(u64, u64)> = entries.iter().copied().filter(|&(_, c)| c > 0).collect();
        sorted.sort_unstable();
        let mine = self.installed.entry(bucket).or_default();
        *mine = merge_sorted(mine, &sorted);
    }

    /// True when the installed values of `bucket` account for its whole coarse count.
    fn bucket_exact(&self, bucket: u32, count: u64) -> Option<&[(u64, u64)]> {
        let entries = self.installed.get(&bucket)?;
        (entries.iter().map(|&(_, c)| c).sum::<u64>() == count).then_some(entries.as_slice())
    }

    /// Non-zero `(value, count)` pairs in increasing order of value; `None` when some
    /// values are known only to a coarse bucket.
    pub fn entries(&self) -> Option<Vec<(u64, u64)>> {
        let sparse = self.sorted_sparse();
        let mut out = Vec::new();
        self.for_each_from(&sparse, 0, |v, c| {
            out.push((v, c));
            false
        });
        if let Some(coarse) = &self.coarse {
            for (octave, counts) in coarse.octaves.iter().enumerate() {
                let Some(counts) = counts else { continue };
                for (slot, &c) in counts.iter().enumerate() {
                    if c > 0 {
                        out.extend_from_slice(
                            self.bucket_exact(((octave as u32) << SUB_BITS) | slot as u32, c)?,
                        );
                    }
                }
            }
        }
        Some(out)
    }

    fn sorted_sparse(&self) -> Vec<(u64, u64)> {
        let mut sparse: Vec<(u64, u64)> = self.sparse.iter().map(|(&v, &c)| (v, c)).collect();
        sparse.sort_unstable();
        sparse
    }

    /// Calls `f(value, count)` in increasing value order over the dense pages and the
    /// sparse values, starting at dense page `first_page` (values below it, dense or
    /// sparse, are skipped), until `f` returns true. Equal values from the dense and
    /// sparse parts are combined.
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

    /// The 0-based order statistic `k` (`k < n`) of the dense and sparse parts.
    fn exact_value_at(&self, sparse: &[(u64, u64)], k: u64) -> Option<u64> {
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
        let mut found = None;
        let mut seen = before;
        self.for_each_from(sparse, first_page, |value, count| {
            seen += count;
            if k < seen {
                found = Some(value);
                return true;
            }
            false
        });
        found
    }

    /// Where the 0-based order statistic `k` lies; `None` when `k ≥ n`.
    fn rank(&self, sparse: &[(u64, u64)], k: u64) -> Option<Rank> {
        if k >= self.n {
            return None;
        }
        let Some(coarse) = &self.coarse else {
            return self.exact_value_at(sparse, k).map(Rank::Value);
        };
        let low_total = self.n - coarse.total();
        if k < low_total {
            return self.exact_value_at(sparse, k).map(Rank::Value);
        }
        let mut r = k - low_total;
        for (octave, counts) in coarse.octaves.iter().enumerate() {
            let total = coarse.totals[octave];
            if r >= total {
                r -= total;
                continue;
            }
            let counts = counts.as_ref()?;
            for (slot, &c) in counts.iter().enumerate() {
                if r >= c {
                    r -= c;
                    continue;
                }
                let bucket = ((octave as u32) << SUB_BITS) | slot as u32;
                let Some(entries) = self.bucket_exact(bucket, c) else {
                    return Some(Rank::Coarse(bucket));
                };
                for &(v, vc) in entries {
                    if r < vc {
                        return Some(Rank::Value(v));
                    }
                    r -= vc;
                }
                return None;
            }
            return None;
        }
        None
    }

    /// 0-based order statistics read by a quantile, and the interpolation fraction (type 7).
    fn ranks(&self, level: QuantileLevel, method: QuantileMethod) -> (u64, Option<u64>, u128, u128) {
        let (a, b) = (u128::from(level.numerator()), u128::from(level.denominator()));
        let n = u128::from(self.n);
        match method {
            QuantileMethod::Linear => {
                let h_num = (n - 1) * a;
                let k = (h_num / b) as u64;
                let frac_num = h_num % b;
                // With a fraction, h < n − 1, so k + 1 is a rank.
                (k, (frac_num != 0).then_some(k + 1), frac_num, b)
            }
            QuantileMethod::InvertedCdf => ((n * a).div_ceil(b).max(1) as u64 - 1, None, 0, b),
        }
    }

    /// Exact quantile at `level` by `method`; `None` when empty, or when an order
    /// statistic it needs lies in a coarse bucket not yet [installed](Self::install).
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
        let (k, next, frac_num, b) = self.ranks(level, method);
        let Rank::Value(lo) = self.rank(sparse, k)? else { return None };
        let Some(next) = next else { return Some(lo as f64) };
        let Rank::Value(hi) = self.rank(sparse, next)? else { return None };
        if hi == lo {
            return Some(lo as f64);
        }
        Some(lo as f64 + (hi - lo) as f64 * (frac_num as f64 / b as f64))
    }

    /// The coarse buckets holding order statistics that the median and p90 by `method`
    /// need but that are not known exactly (at most four; empty when nothing is coarse).
    pub fn unresolved(&self, method: QuantileMethod) -> Vec<u32> {
        let mut out = Vec::new();
        if self.n == 0 || self.coarse.is_none() {
            return out;
        }
        let sparse = self.sorted_sparse();
        for level in [QuantileLevel::MEDIAN, QuantileLevel::P90] {
            let (k, next, _, _) = self.ranks(level, method);
            for rank in std::iter::once(k).chain(next) {
                if let Some(Rank::Coarse(bucket)) = self.rank(&sparse, rank) {
                    if !out.contains(&bucket) {
                        out.push(bucket);
                    }
                }
            }
        }
        out
    }

    /// n, mean, median, p90, min and max; `None` when empty or when the median or p90
    /// needs a coarse bucket not yet [installed](Self::install).
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

/// Merges two sorted `(value, count)` lists, adding the counts of equal values.
fn merge_sorted(a: &[(u64, u64)], b: &[(u64, u64)]) -> Vec<(u64, u64)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
