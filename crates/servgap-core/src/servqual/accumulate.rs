//! [`SurveyPartials`]: the mergeable, exact partial aggregate of a SERVQUAL survey.

use std::collections::BTreeMap;

use super::{Comparison, Respondent};
use crate::instrument::{Battery, Instrument};
use crate::partials::{CrossProducts, Histogram, Moments, WideCrossProducts};
use crate::CoreError;

mod parts;

pub use parts::{AllocationParts, DimensionParts, ItemParts, OverallParts, SurveyParts};

/// Minimum share of a dimension's items a respondent must have answered (all
/// batteries of the item) for a dimension score: `numerator / denominator`.
///
/// The default is one half (the "≥ 50 %" rule); `Coverage::ALL` demands every item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    numerator: u32,
    denominator: u32,
}

impl Coverage {
    /// At least half of the items.
    pub const HALF: Coverage = Coverage { numerator: 1, denominator: 2 };
    /// Every item.
    pub const ALL: Coverage = Coverage { numerator: 1, denominator: 1 };

    /// A share `numerator / denominator` in (0, 1]; `None` otherwise.
    pub fn new(numerator: u32, denominator: u32) -> Option<Self> {
        (numerator > 0 && denominator > 0 && numerator <= denominator)
            .then_some(Self { numerator, denominator })
    }

    /// The share as a number in (0, 1].
    pub fn share(self) -> f64 {
        f64::from(self.numerator) / f64::from(self.denominator)
    }

    /// Smallest number of answered items accepted out of `k`: ⌈k·share⌉.
    pub fn minimum_items(self, k: usize) -> usize {
        let k = k as u64;
        let needed = (k * u64::from(self.numerator)).div_ceil(u64::from(self.denominator));
        usize::try_from(needed.max(1)).unwrap_or(usize::MAX)
    }
}

impl Default for Coverage {
    fn default() -> Self {
        Coverage::HALF
    }
}

/// Largest number of batteries per item (three-column: A, D, P).
const MAX_BATTERIES: usize = 3;

/// Zone-of-tolerance position counts: below, inside, above, inverted (A > D).
pub(crate) type ZoneCounts = [u64; 4];

/// Position of P relative to the zone [A, D]; index into [`ZoneCounts`].
fn zone_slot(perceived: i128, minimum: i128, desired: i128) -> usize {
    if minimum > desired {
        3
    } else if perceived < minimum {
        0
    } else if perceived > desired {
        2
    } else {
        1
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemPartial {
    /// All batteries of the item, over respondents who answered every battery.
    pub complete: CrossProducts,
    /// Histogram of P − X per comparison.
    pub differences: Vec<Histogram>,
    /// Zone positions (three-column only).
    pub zone: ZoneCounts,
    /// (P, overall satisfaction) where both are present.
    pub with_overall: CrossProducts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DimensionPartial {
    /// Respondent dimension means per battery, scaled by the common denominator.
    pub scores: WideCrossProducts,
    /// Histogram of scaled P − X dimension differences per comparison.
    pub differences: Vec<Histogram>,
    /// Zone positions of the respondent dimension means (three-column only).
    pub zone: ZoneCounts,
    /// Every rating of the dimension, over respondents complete on the dimension.
    pub listwise: CrossProducts,
    /// Per battery, the dimension's ratings of respondents complete on that battery
    /// but not on the whole dimension (the rest are in `listwise`).
    pub battery_only: Vec<CrossProducts>,
}

/// Respondent-level overall scores of respondents covered on every dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OverallPartial {
    /// Σ_d of the scaled dimension means, per battery.
    pub unweighted: WideCrossProducts,
    /// Histogram of Σ_d scaled dimension differences, per comparison.
    pub differences: Vec<Histogram>,
}

/// Respondents who allocated the same total T of importance points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AllocationGroup {
    /// Points per dimension.
    pub points: Vec<Moments>,
    /// Σ_d points_d · scaled dimension mean, per battery (only respondents covered on every dimension).
    pub weighted: WideCrossProducts,
}

/// The mergeable partial aggregate of a survey: everything [`SurveyPartials::finish`] needs.
///
/// Memory depends on the instrument only (items, batteries, scale width), never on
/// the number of respondents. Built from the same respondents in any order or
/// chunking, two aggregates compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyPartials {
    pub(crate) instrument: Instrument,
    pub(crate) coverage: Coverage,
    /// Common denominator L of the scaled dimension means.
    pub(crate) denominator: i128,
    /// `factors[d][m] = L / m`: the scale of a mean of m answered items of dimension d.
    factors: Vec<Vec<i128>>,
    pub(crate) comparisons: Vec<Comparison>,
    /// Battery indices (subtrahend) of each comparison, and of P.
    pub(crate) subtrahends: Vec<usize>,
    pub(crate) perceived: usize,
    pub(crate) respondents: u64,
    pub(crate) items: Vec<ItemPartial>,
    pub(crate) dimensions: Vec<DimensionPartial>,
    /// Every rating, over respondents who answered all of them.
    pub(crate) full: CrossProducts,
    /// Per battery, all items' ratings of respondents complete on that battery but
    /// not on every battery (the rest are in `full`).
    pub(crate) full_battery_only: Vec<CrossProducts>,
    pub(crate) overall: OverallPartial,
    /// Keyed by the respondent's total points T (100 for a valid allocation).
    pub(crate) allocations: BTreeMap<i64, AllocationGroup>,
    pub(crate) satisfaction: Moments,
    /// Per rating (item-major), whether its item is reverse-keyed; from the instrument.
    reversed: Vec<bool>,
    /// Per dimension, the fewest answered items that give a score ([`Coverage::minimum_items`]).
    minimum_items: Vec<usize>,
    scratch: Scratch,
}

/// Reusable buffers of [`SurveyPartials::add`]; not part of the aggregate's value.
#[derive(Debug, Clone, Default)]
struct Scratch {
    /// Reverse-keyed ratings, `None` when missing.
    ratings: Vec<Option<i64>>,
    /// The same with 0 for a missing rating.
    dense: Vec<i64>,
    complete: Vec<bool>,
    values: Vec<i64>,
    dimension_scores: Vec<i128>,
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Scratch {}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl SurveyPartials {
    /// Largest common denominator accepted for scaled dimension means.
    const MAX_DENOMINATOR: i128 = 1_000_000_000_000_000;

    /// An empty aggregate for `instrument`, scoring dimensions with the given coverage rule.
    ///
    /// # Errors
    /// [`CoreError::DimensionTooLarge`] when the dimensions are so large that the
    /// common denominator of the possible dimension means exceeds 10¹⁵.
    pub fn new(instrument: &Instrument, coverage: Coverage) -> Result<Self, CoreError> {
        let format = instrument.format();
        let comparisons = Comparison::for_format(format).to_vec();
        let subtrahends =
            comparisons.iter().filter_map(|c| format.battery_index(c.subtrahend())).collect::<Vec<_>>();
        let perceived = format.battery_index(Battery::Perceived).unwrap_or(0);
        let b = instrument.batteries().len();
        let span = i128::from(instrument.scale().span());
        let magnitude = |scale: crate::instrument::Scale| {
            u32::from(scale.min().unsigned_abs().max(scale.max().unsigned_abs()))
        };
        let bound = magnitude(instrument.scale());
        let overall_bound = instrument.overall().map_or(0, magnitude);

        let mut denominator: i128 = 1;
        for d in 0..instrument.dimensions().len() {
            let k = instrument.items_of(d).len();
            for m in coverage.minimum_items(k)..=k {
                let m = m as i128;
                denominator = denominator / gcd(denominator, m) * m;
                if denominator > Self::MAX_DENOMINATOR {
                    return Err(CoreError::DimensionTooLarge {
                        id: instrument.dimensions()[d].id.clone(),
                        items: k,
                    });
                }
            }
        }

        let items = (0..instrument.items().len())
            .map(|_| ItemPartial {
                complete: CrossProducts::with_bound(b, bound),
                differences: comparisons.iter().map(|_| Histogram::with_range(-span, span)).collect(),
                zone: [0; 4],
                with_overall: CrossProducts::with_bound(2, bound.max(overall_bound)),
            })
            .collect();
        let dimensions = (0..instrument.dimensions().len())
            .map(|d| DimensionPartial {
                scores: WideCrossProducts::new(b),
                differences: comparisons
                    .iter()
                    .map(|_| Histogram::with_range(-span * denominator, span * denominator))
                    .collect(),
                zone: [0; 4],
                listwise: CrossProducts::with_bound(instrument.items_of(d).len() * b, bound),
                battery_only: (0..b)
                    .map(|_| CrossProducts::with_bound(instrument.items_of(d).len(), bound))
                    .collect(),
            })
            .collect();
        let dims = instrument.dimensions().len() as i128;
        let overall = OverallPartial {
            unweighted: WideCrossProducts::new(b),
            differences: comparisons
                .iter()
                .map(|_| Histogram::with_range(-span * denominator * dims, span * denominator * dims))
                .collect(),
        };
        let factors = (0..instrument.dimensions().len())
            .map(|d| {
                (0..=instrument.items_of(d).len())
                    .map(|m| if m == 0 { 0 } else { denominator / m as i128 })
                    .collect()
            })
            .collect();
        Ok(Self {
            instrument: instrument.clone(),
            coverage,
            denominator,
            factors,
            comparisons,
            subtrahends,
            perceived,
            respondents: 0,
            items,
            dimensions,
            full: CrossProducts::with_bound(instrument.rating_count(), bound),
            full_battery_only: (0..b)
                .map(|_| CrossProducts::with_bound(instrument.items().len(), bound))
                .collect(),
            overall,
            allocations: BTreeMap::new(),
            satisfaction: Moments::default(),
            reversed: instrument
                .items()
                .iter()
                .flat_map(|item| std::iter::repeat_n(item.reverse_keyed, b))
                .collect(),
            minimum_items: (0..instrument.dimensions().len())
                .map(|d| coverage.minimum_items(instrument.items_of(d).len()))
                .collect(),
            scratch: Scratch::default(),
        })
    }

    /// The instrument this aggregate was built for.
    pub fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    /// Number of respondents added.
    pub fn respondents(&self) -> u64 {
        self.respondents
    }

    /// The coverage rule for dimension scores.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    /// Folds one respondent in.
    ///
    /// Answers outside the scale must already have been turned into `None` by the
    /// caller (see [`super::check_respondent`]); reverse-keyed items are reversed here.
    /// A short `ratings` slice counts the missing tail as unanswered.
    ///
    /// Everything is exact integer arithmetic, so the order of the steps below does
    /// not change any total.
    pub fn add(&mut self, respondent: &Respondent<'_>) {
        self.respondents += 1;
        let all_present = self.key_ratings(respondent.ratings);
        let overall = respondent.overall.map(i64::from);
        if let Some(o) = overall {
            self.satisfaction.add(i128::from(o));
        }
        self.add_whole_instrument(all_present);
        self.add_items(overall);
        let covered_all = self.add_dimensions();
        if covered_all {
            self.add_overall_scores();
        }
        self.add_allocation(respondent.importance, covered_all);
    }

    /// Reverse-keys `ratings` into the scratch buffers (`None` past the end of a short
    /// slice); returns whether every rating is present.
    #[inline]
    fn key_ratings(&mut self, ratings: &[Option<i16>]) -> bool {
        let count = self.instrument.rating_count();
        let scale = self.instrument.scale();
        let scratch = &mut self.scratch;
        scratch.ratings.resize(count, None);
        scratch.dense.resize(count, 0);
        let given = ratings.len().min(count);
        let mut all_present = given == count;
        for (((slot, dense), &reversed), &cell) in scratch.ratings[..given]
            .iter_mut()
            .zip(&mut scratch.dense[..given])
            .zip(&self.reversed[..given])
            .zip(&ratings[..given])
        {
            let keyed = cell.map(|v| i64::from(if reversed { scale.reverse(v) } else { v }));
            all_present &= keyed.is_some();
            *slot = keyed;
            *dense = keyed.unwrap_or(0);
        }
        scratch.ratings[given..].fill(None);
        scratch.dense[given..].fill(0);
        all_present
    }

    /// The whole-instrument listwise matrix, or the per-battery ones.
    #[inline]
    fn add_whole_instrument(&mut self, all_present: bool) {
        let b = self.instrument.batteries().len();
        let scratch = &mut self.scratch;
        if all_present {
            self.full.add(&scratch.dense);
        } else {
            let n_items = self.instrument.items().len();
            add_battery_only(
                &mut self.full_battery_only,
                &scratch.ratings,
                0..n_items,
                b,
                &mut scratch.values,
            );
        }
    }

    /// Per item: the complete-case moments, the differences, the zone and the
    /// correlation with overall satisfaction; notes which items are complete.
    #[inline]
    fn add_items(&mut self, overall: Option<i64>) {
        let b = self.instrument.batteries().len();
        let (perceived, subtrahends) = (self.perceived, &self.subtrahends);
        let scratch = &mut self.scratch;
        scratch.complete.resize(self.items.len(), false);
        for ((item, cells), complete) in
            self.items.iter_mut().zip(scratch.ratings.chunks_exact(b)).zip(scratch.complete.iter_mut())
        {
            if let (Some(p), Some(o)) = (cells[perceived], overall) {
                item.with_overall.add_pair(p, o);
            }
            let mut values = [0i64; MAX_BATTERIES];
            let mut answered = 0;
            for (slot, cell) in values.iter_mut().zip(cells) {
                if let Some(v) = cell {
                    *slot = *v;
                    answered += 1;
                }
            }
            *complete = answered == b;
            if !*complete {
                continue;
            }
            let values = &values[..b];
            match *values {
                [x, y] => item.complete.add_pair(x, y),
                _ => item.complete.add(values),
            }
            let p = values[perceived];
            for (hist, &s) in item.differences.iter_mut().zip(subtrahends) {
                hist.add(i128::from(p - values[s]));
            }
            if let &[low, high] = subtrahends.as_slice() {
                item.zone[zone_slot(p.into(), values[low].into(), values[high].into())] += 1;
            }
        }
    }

    /// Per dimension: the listwise matrices and, when covered, the scaled respondent
    /// means (sum of the complete items' ratings × L/m), their differences and zone.
    /// Returns whether every dimension was covered.
    #[inline]
    fn add_dimensions(&mut self) -> bool {
        let b = self.instrument.batteries().len();
        let (perceived, subtrahends) = (self.perceived, &self.subtrahends);
        let scratch = &mut self.scratch;
        scratch.dimension_scores.resize(self.dimensions.len() * b, 0);
        let mut covered_all = true;
        for (d, dim) in self.dimensions.iter_mut().enumerate() {
            let members = self.instrument.items_of(d);
            let answered = members.iter().filter(|&&i| scratch.complete[i]).count();
            if answered == members.len() {
                scratch.values.clear();
                for &i in members {
                    scratch.values.extend_from_slice(&scratch.dense[i * b..(i + 1) * b]);
                }
                dim.listwise.add(&scratch.values);
            } else {
                add_battery_only(
                    &mut dim.battery_only,
                    &scratch.ratings,
                    members.iter().copied(),
                    b,
                    &mut scratch.values,
                );
            }
            if answered == 0 || answered < self.minimum_items[d] {
                covered_all = false;
                continue;
            }
            let factor = self.factors[d][answered];
            let mut sums = [0i64; MAX_BATTERIES];
            for &i in members.iter().filter(|&&i| scratch.complete[i]) {
                for (sum, &v) in sums.iter_mut().zip(&scratch.dense[i * b..(i + 1) * b]) {
                    *sum += v;
                }
            }
            let scores = &mut scratch.dimension_scores[d * b..(d + 1) * b];
            for (score, &sum) in scores.iter_mut().zip(&sums) {
                *score = i128::from(sum) * factor;
            }
            dim.scores.add(scores);
            let p = scores[perceived];
            for (hist, &s) in dim.differences.iter_mut().zip(subtrahends) {
                hist.add(p - scores[s]);
            }
            if let &[low, high] = subtrahends.as_slice() {
                dim.zone[zone_slot(p, scores[low], scores[high])] += 1;
            }
        }
        covered_all
    }

    /// Overall scores: Σ_d of the scaled dimension means, per battery.
    #[inline]
    fn add_overall_scores(&mut self) {
        let b = self.instrument.batteries().len();
        let mut totals = [0i128; MAX_BATTERIES];
        let totals = &mut totals[..b];
        for scores in self.scratch.dimension_scores.chunks_exact(b) {
            for (t, s) in totals.iter_mut().zip(scores) {
                *t += s;
            }
        }
        self.overall.unweighted.add(totals);
        let p = totals[self.perceived];
        for (hist, &s) in self.overall.differences.iter_mut().zip(&self.subtrahends) {
            hist.add(p - totals[s]);
        }
    }

    /// The importance allocation, and the weighted score when every dimension is covered.
    #[inline]
    fn add_allocation(&mut self, importance: &[Option<i32>], covered_all: bool) {
        let b = self.instrument.batteries().len();
        let scratch = &mut self.scratch;
        if !valid_allocation_into(importance, self.dimensions.len(), &mut scratch.values) {
            return;
        }
        let points = &scratch.values;
        let total: i64 = points.iter().sum();
        let group = self.allocations.entry(total).or_insert_with(|| AllocationGroup {
            points: vec![Moments::default(); points.len()],
            weighted: WideCrossProducts::new(b),
        });
        for (m, &p) in group.points.iter_mut().zip(points) {
            m.add(i128::from(p));
        }
        if covered_all {
            let mut weighted = [0i128; MAX_BATTERIES];
            let weighted = &mut weighted[..b];
            for (scores, &p) in scratch.dimension_scores.chunks_exact(b).zip(points) {
                for (w, s) in weighted.iter_mut().zip(scores) {
                    *w += i128::from(p) * s;
                }
            }
            group.weighted.add(weighted);
        }
    }

    /// Adds another aggregate built for the same instrument and coverage rule.
    ///
    /// # Errors
    /// [`CoreError::ShapeMismatch`] when the two aggregates differ in instrument or coverage.
    pub fn merge(&mut self, other: &SurveyPartials) -> Result<(), CoreError> {
        if self.instrument != other.instrument || self.coverage != other.coverage {
            return Err(CoreError::ShapeMismatch);
        }
        self.respondents += other.respondents;
        for (a, b) in self.items.iter_mut().zip(&other.items) {
            a.complete.merge(&b.complete)?;
            a.with_overall.merge(&b.with_overall)?;
            for (x, y) in a.differences.iter_mut().zip(&b.differences) {
                x.merge(y);
            }
            for (x, y) in a.zone.iter_mut().zip(&b.zone) {
                *x += y;
            }
        }
        for (a, b) in self.dimensions.iter_mut().zip(&other.dimensions) {
            a.scores.merge(&b.scores)?;
            a.listwise.merge(&b.listwise)?;
            for (x, y) in a.battery_only.iter_mut().zip(&b.battery_only) {
                x.merge(y)?;
            }
            for (x, y) in a.differences.iter_mut().zip(&b.differences) {
                x.merge(y);
            }
            for (x, y) in a.zone.iter_mut().zip(&b.zone) {
                *x += y;
            }
        }
        self.full.merge(&other.full)?;
        for (x, y) in self.full_battery_only.iter_mut().zip(&other.full_battery_only) {
            x.merge(y)?;
        }
        self.overall.unweighted.merge(&other.overall.unweighted)?;
        for (x, y) in self.overall.differences.iter_mut().zip(&other.overall.differences) {
            x.merge(y);
        }
        for (total, group) in &other.allocations {
            match self.allocations.get_mut(total) {
                Some(mine) => {
                    for (x, y) in mine.points.iter_mut().zip(&group.points) {
                        x.merge(y);
                    }
                    mine.weighted.merge(&group.weighted)?;
                }
                None => {
                    self.allocations.insert(*total, group.clone());
                }
            }
        }
        self.satisfaction.merge(&other.satisfaction);
        Ok(())
    }
}

/// Adds, for each battery k on which every item in `items` is answered, the
/// battery's ratings to `matrices[k]`.
fn add_battery_only(
    matrices: &mut [CrossProducts],
    ratings: &[Option<i64>],
    items: impl Iterator<Item = usize> + Clone,
    b: usize,
    values: &mut Vec<i64>,
) {
    for (k, matrix) in matrices.iter_mut().enumerate() {
        values.clear();
        values.extend(items.clone().map_while(|i| ratings[i * b + k]));
        if values.len() == matrix.k() {
            matrix.add(values);
        }
    }
}

/// The total points of a usable allocation: every dimension answered, none negative, total > 0.
///
/// Totals other than 100 are still usable: weights are renormalised (points / total),
/// and [`super::check_respondent`] reports the respondent.
pub(crate) fn allocation_total(importance: &[Option<i32>], dimensions: usize) -> Option<i64> {
    if importance.len() != dimensions {
        return None;
    }
    let mut total = 0i64;
    for p in importance {
        match p {
            Some(p) if *p >= 0 => total += i64::from(*p),
            _ => return None,
        }
    }
    (total > 0).then_some(total)
}

/// The points of a usable allocation (see [`allocation_total`]) into a reused buffer;
/// returns whether the allocation is usable.
fn valid_allocation_into(importance: &[Option<i32>], dimensions: usize, points: &mut Vec<i64>) -> bool {
    points.clear();
    if importance.len() != dimensions {
        return false;
    }
    for p in importance {
        match p {
            Some(p) if *p >= 0 => points.push(i64::from(*p)),
            _ => return false,
        }
    }
    points.iter().sum::<i64>() > 0
}
