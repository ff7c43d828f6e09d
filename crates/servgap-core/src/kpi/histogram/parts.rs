//! [`DurationHistogramParts`]: a [`DurationHistogram`] as plain data, and the checked way back.

use super::{bucket_of, bucket_span, Coarse, DurationHistogram, DENSE_LIMIT, OCTAVES, SUB_BITS};
use crate::partials::{check_count, inconsistent};
use crate::CoreError;

/// The exact counts of a [`DurationHistogram`] (whole seconds) as named fields.
///
/// A producer that knows every value (an SQL `GROUP BY seconds`) fills `exact` and
/// leaves `coarse` as `None` and `refined` empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DurationHistogramParts {
    /// Number of values.
    pub n: u64,
    /// Exact Σ of the values, in seconds.
    pub sum: u128,
    /// Smallest value (0 when empty).
    pub min: u64,
    /// Largest value (0 when empty).
    pub max: u64,
    /// Distinct values ≥ 87 040 s kept exactly before switching to coarse buckets.
    pub budget: u32,
    /// `(seconds, count)` of every exactly known value, strictly increasing, counts > 0.
    pub exact: Vec<(u64, u64)>,
    /// `None` while every value is exact; else `(bucket, count)` of values ≥ 87 040 s
    /// counted only in coarse buckets, strictly increasing, counts > 0.
    pub coarse: Option<Vec<(u32, u64)>>,
    /// `(seconds, count)` of coarse-bucket values resolved by a second pass, strictly increasing.
    pub refined: Vec<(u64, u64)>,
}

/// Checks that `(key, count)` pairs are strictly increasing with counts > 0.
fn check_pairs<K: PartialOrd + Copy + std::fmt::Display>(
    field: &str,
    pairs: &[(K, u64)],
) -> Result<(), CoreError> {
    for (i, &(key, count)) in pairs.iter().enumerate() {
        if i > 0 && key <= pairs[i - 1].0 {
            return Err(inconsistent(field, format!("{key} is not above the entry before it")));
        }
        if count == 0 {
            return Err(inconsistent(field, format!("{key} has a count of 0")));
        }
    }
    Ok(())
}

/// Σ count and Σ value·count of `(value, count)` pairs (u128 cannot overflow here:
/// fewer than 2⁶⁴ pairs of 2⁶⁴ · 2⁶⁴).
fn totals(pairs: &[(u64, u64)]) -> (u128, u128) {
    pairs.iter().fold((0, 0), |(n, s), &(v, c)| (n + u128::from(c), s + u128::from(v) * u128::from(c)))
}

impl DurationHistogram {
    /// The exact counts as plain data.
    pub fn to_parts(&self) -> DurationHistogramParts {
        let mut exact: Vec<(u64, u64)> = Vec::new();
        self.for_each_from(&self.sorted_sparse(), 0, |v, c| {
            exact.push((v, c));
            false
        });
        let coarse = self.coarse.as_ref().map(|coarse| {
            let mut out = Vec::new();
            for (octave, counts) in coarse.octaves.iter().enumerate() {
                let Some(counts) = counts else { continue };
                for (slot, &c) in counts.iter().enumerate().filter(|(_, &c)| c > 0) {
                    out.push((((octave as u32) << SUB_BITS) | slot as u32, c));
                }
            }
            out
        });
        DurationHistogramParts {
            n: self.n,
            sum: self.sum,
            min: self.min,
            max: self.max,
            budget: self.budget,
            exact,
            coarse,
            refined: self.installed.values().flatten().copied().collect(),
        }
    }

    /// Rebuilds a histogram from its counts, checking them first.
    ///
    /// # Errors
    /// [`CoreError::PartsInconsistent`] when the pairs are not strictly increasing,
    /// a bucket does not exist, counts do not add up to n, the sum, min or max do not
    /// fit the values, exact values ≥ 87 040 s sit beside coarse buckets, or refined
    /// values exceed their bucket's count.
    pub fn from_parts(parts: &DurationHistogramParts) -> Result<DurationHistogram, CoreError> {
        DurationHistogram::load(parts, "histogram")
    }

    pub(crate) fn load(parts: &DurationHistogramParts, field: &str) -> Result<DurationHistogram, CoreError> {
        check_pairs(&format!("{field}.exact"), &parts.exact)?;
        check_pairs(&format!("{field}.refined"), &parts.refined)?;
        let coarse_pairs = parts.coarse.as_deref().unwrap_or(&[]);
        check_pairs(&format!("{field}.coarse"), coarse_pairs)?;
        let mut out = DurationHistogram::with_budget(parts.budget);
        if let Some(pairs) = &parts.coarse {
            let mut coarse = Coarse::new();
            for &(bucket, count) in pairs {
                if (bucket >> SUB_BITS) as usize >= OCTAVES {
                    return Err(inconsistent(
                        &format!("{field}.coarse"),
                        format!("bucket {bucket} does not exist"),
                    ));
                }
                coarse.add(bucket, count);
            }
            out.coarse = Some(Box::new(coarse));
        }
        for &(value, count) in &parts.exact {
            if value >= DENSE_LIMIT && out.coarse.is_some() {
                return Err(inconsistent(
                    &format!("{field}.exact"),
                    format!(
                        "{value} s is kept exactly although values ≥ {DENSE_LIMIT} s are in coarse buckets"
                    ),
                ));
            }
            if value < DENSE_LIMIT {
                out.insert(value, count);
            } else {
                out.sparse.insert(value, count);
            }
        }
        out.load_refined(parts, field)?;
        out.load_totals(parts, field, coarse_pairs)?;
        Ok(out)
    }

    /// Installs the refined values, each bucket's at most the values counted in it.
    ///
    /// A histogram that is not coarse itself may hold refined values: a second pass
    /// collects a bucket for every stored histogram merged into a coarse read-out.
    fn load_refined(&mut self, parts: &DurationHistogramParts, field: &str) -> Result<(), CoreError> {
        let name = format!("{field}.refined");
        for &(value, count) in &parts.refined {
            if value < DENSE_LIMIT {
                return Err(inconsistent(
                    &name,
                    format!("{value} s is below the coarse range ({DENSE_LIMIT} s)"),
                ));
            }
            self.installed.entry(bucket_of(value)).or_default().push((value, count));
        }
        for (&bucket, entries) in &self.installed {
            let refined: u64 = entries.iter().map(|&(_, c)| c).sum();
            let counted = self.count_in(bucket);
            if refined > counted {
                return Err(inconsistent(
                    &name,
                    format!("bucket {bucket} has {refined} refined values but counts only {counted}"),
                ));
            }
        }
        Ok(())
    }

    /// Sets n, sum, min and max after checking them against the counts.
    fn load_totals(
        &mut self,
        parts: &DurationHistogramParts,
        field: &str,
        coarse: &[(u32, u64)],
    ) -> Result<(), CoreError> {
        let (exact_n, exact_sum) = totals(&parts.exact);
        let coarse_n: u128 = coarse.iter().map(|&(_, c)| u128::from(c)).sum();
        let n = u64::try_from(exact_n + coarse_n).unwrap_or(u64::MAX);
        check_count(field, "n", parts.n, n, "the sum of the exact and coarse counts")?;
        let (mut low_sum, mut high_sum) = (exact_sum, exact_sum);
        let (mut lowest, mut highest) = (parts.exact.first().map(|p| p.0), parts.exact.last().map(|p| p.0));
        for &(bucket, count) in coarse {
            let (low, high) = bucket_span(bucket);
            low_sum += u128::from(low) * u128::from(count);
            high_sum += u128::from(high) * u128::from(count);
            lowest = Some(lowest.map_or(low, |l| l.min(low)));
            highest = Some(highest.map_or(high, |h| h.max(high)));
        }
        if parts.sum < low_sum || parts.sum > high_sum {
            let range =
                if low_sum == high_sum { low_sum.to_string() } else { format!("{low_sum}..={high_sum}") };
            return Err(inconsistent(
                field,
                format!("the sum is {}, but the counts give {range}", parts.sum),
            ));
        }
        let (first, last) = (parts.exact.first().map(|p| p.0), parts.exact.last().map(|p| p.0));
        let (lowest, highest) = (lowest.unwrap_or(0), highest.unwrap_or(0));
        let fits = if coarse.is_empty() {
            parts.min == lowest && parts.max == highest
        } else {
            lowest <= parts.min
                && parts.min <= parts.max
                && parts.max <= highest
                && first.is_none_or(|v| parts.min <= v)
                && last.is_none_or(|v| parts.max >= v)
        };
        if !fits {
            return Err(inconsistent(
                field,
                format!(
                    "min {} and max {} do not fit the counted values ({lowest}..={highest})",
                    parts.min, parts.max
                ),
            ));
        }
        self.n = parts.n;
        self.sum = parts.sum;
        self.min = parts.min;
        self.max = parts.max;
        Ok(())
    }
}
