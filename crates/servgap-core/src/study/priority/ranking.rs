//! The score, the rank and the quadrant of every gap.

use jiff::civil::Date;

use super::components::{median_cost, Components};
use super::inputs::{PriorityFilter, PriorityInput};
use super::weights::{Component, PriorityWeights};
use crate::study::register::Quadrant;
use crate::study::Gap;

/// Impact and urgency from which a gap sits in the high half of the matrix.
pub const HIGH_PRIORITY_AXIS: f64 = 0.5;
/// Scores are compared rounded to a multiple of this, so that scores that differ only by
/// the rounding of the weights' sums tie.
pub const SCORE_TIE: f64 = 1e-9;

/// The score rounded to a multiple of [`SCORE_TIE`]: equal keys are a tie.
pub(crate) fn tie_key(score: f64) -> i64 {
    (score / SCORE_TIE).round() as i64
}

/// Order of two scores, highest first, `None` last; ties per [`tie_key`]. A total order.
pub(crate) fn by_score(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => tie_key(y).cmp(&tie_key(x)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// One ranked gap.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityRow {
    /// The gap, as measured in the wave ranked.
    pub gap: Gap,
    /// Its components and their parts.
    pub components: Components,
    /// The weight each present component had after renormalisation,
    /// w_c / Σ_{present} w, in [`Component::ALL`] order (`None`: missing).
    pub weights: [Option<f64>; 4],
    /// The contribution of each present component, renormalised weight × component; they
    /// sum to the score.
    pub contributions: [Option<f64>; 4],
    /// Score 0–1; `None` when no component with a weight above 0 is present.
    pub score: Option<f64>,
    /// Rank, 1 = first; tied scores share the rank (1, 2, 2, 4); `None` without a score.
    pub rank: Option<usize>,
    /// Missing components.
    pub missing: Vec<Component>,
    /// Impact × urgency quadrant; `None` when impact or urgency is missing.
    pub quadrant: Option<Quadrant>,
}

impl PriorityRow {
    /// The gap's id and unit, the key rows are ordered by within a tie.
    pub fn key(&self) -> (String, String) {
        (self.gap.id.to_string(), self.gap.unit.to_string())
    }
}

/// Gaps ranked by score.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The weights used.
    pub weights: PriorityWeights,
    /// The last day of the wave ranked (deadlines are counted from it).
    pub as_of: Date,
    /// Rows by rank; within a tie, and among rows without a score (last), by gap id then unit.
    pub rows: Vec<PriorityRow>,
}

impl Ranking {
    /// Ranks the inputs that pass the filter (see the module documentation).
    pub fn new(
        inputs: &[PriorityInput],
        weights: PriorityWeights,
        filter: &PriorityFilter,
        as_of: Date,
    ) -> Ranking {
        let selected: Vec<&PriorityInput> = inputs.iter().filter(|i| filter.matches(&i.gap)).collect();
        let max_cost = selected.iter().filter_map(|i| median_cost(&i.ratings)).reduce(f64::max);
        let rows = selected
            .into_iter()
            .map(|input| row(input.gap.clone(), Components::of(input, max_cost, as_of), &weights))
            .collect();
        let mut ranking = Ranking { weights, as_of, rows };
        ranking.sort_and_rank();
        ranking
    }

    /// The first `k` rows by rank (ties at the edge included: every row whose rank ≤ k).
    pub fn top(&self, k: usize) -> impl Iterator<Item = &PriorityRow> {
        self.rows.iter().filter(move |r| r.rank.is_some_and(|rank| rank <= k))
    }

    fn sort_and_rank(&mut self) {
        self.rows.sort_by(|a, b| by_score(a.score, b.score).then_with(|| a.key().cmp(&b.key())));
        let scores: Vec<Option<f64>> = self.rows.iter().map(|r| r.score).collect();
        for (row, rank) in self.rows.iter_mut().zip(competition_ranks(&scores)) {
            row.rank = rank;
        }
    }
}

/// Standard competition ranks ("1224") of scores sorted descending (`None` last, no rank):
/// a score with the same [`tie_key`] as the previous one shares its rank.
pub(crate) fn competition_ranks(sorted: &[Option<f64>]) -> Vec<Option<usize>> {
    let mut ranks = Vec::with_capacity(sorted.len());
    let mut previous: Option<(i64, usize)> = None;
    for (i, score) in sorted.iter().enumerate() {
        let Some(s) = *score else {
            ranks.push(None);
            continue;
        };
        let rank = match previous {
            Some((p, r)) if p == tie_key(s) => r,
            _ => i + 1,
        };
        previous = Some((tie_key(s), rank));
        ranks.push(Some(rank));
    }
    ranks
}

/// The score of component values with weights: Σ w_c x_c / Σ w_c over the present
/// components; `None` when the present weights sum to 0.
pub fn score(values: &[Option<f64>; 4], weights: &[f64; 4]) -> Option<f64> {
    let total: f64 = values.iter().zip(weights).filter(|(v, _)| v.is_some()).map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    Some(values.iter().zip(weights).filter_map(|(v, w)| v.map(|x| w * x)).sum::<f64>() / total)
}

fn row(gap: Gap, components: Components, weights: &PriorityWeights) -> PriorityRow {
    let values = components.values();
    let w = weights.values();
    let total: f64 = values.iter().zip(&w).filter(|(v, _)| v.is_some()).map(|(_, w)| w).sum();
    let renormalised: [Option<f64>; 4] =
        std::array::from_fn(|i| values[i].filter(|_| total > 0.0).map(|_| w[i] / total));
    let contributions: [Option<f64>; 4] =
        std::array::from_fn(|i| renormalised[i].zip(values[i]).map(|(w, x)| w * x));
    let score = score(&values, &w);
    let missing = Component::ALL.into_iter().filter(|c| values[c.index()].is_none()).collect();
    let quadrant = components.impact.zip(components.urgency).map(|(i, u)| {
        match (i.value >= HIGH_PRIORITY_AXIS, u.value >= HIGH_PRIORITY_AXIS) {
            (true, true) => Quadrant::ActNow,
            (true, false) => Quadrant::Plan,
            (false, true) => Quadrant::QuickWins,
            (false, false) => Quadrant::Monitor,
        }
    });
    PriorityRow {
        gap,
        components,
        weights: renormalised,
        contributions,
        score,
        rank: None,
        missing,
        quadrant,
    }
}
