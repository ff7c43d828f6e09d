//! The score, the rank and the quadrant of every gap.

use jiff::civil::Date;

use super::components::{median_cost, Components};
use super::inputs::{PriorityFilter, PriorityInput};
use super::missing::MissingReason;
use super::weights::{Component, MissingComponents, PriorityWeights};
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
    /// The share of the score each component carries, w_c / Σ w, in [`Component::ALL`]
    /// order: over all four components when a missing one counts at a neutral value, over
    /// the measured ones under [`MissingComponents::Renormalise`] (`None`: left out, or no
    /// score).
    pub weights: [Option<f64>; 4],
    /// The contribution of each component, weight share × value (the neutral value for an
    /// assumed component); they sum to the score.
    pub contributions: [Option<f64>; 4],
    /// Score 0–1; `None` when no component with a weight above 0 is present.
    pub score: Option<f64>,
    /// Rank, 1 = first; tied scores share the rank (1, 2, 2, 4); `None` without a score.
    pub rank: Option<usize>,
    /// Missing components.
    pub missing: Vec<Component>,
    /// Missing components with a weight above 0 counted at the neutral value (empty under
    /// [`MissingComponents::Renormalise`] and for a row without a score).
    pub assumed: Vec<Component>,
    /// Why each missing component is missing, in [`Component::ALL`] order (`None`: present).
    pub reasons: [Option<MissingReason>; 4],
    /// Impact × urgency quadrant; `None` when impact or urgency is missing (an assumed
    /// value does not place a gap in the matrix).
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
            .map(|input| row(input, Components::of(input, max_cost, as_of), &weights))
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

/// The score of component values with weights and a rule for missing components
/// ([`MissingComponents`]):
/// ```text
/// Neutral(m):   Σ_c w_c · x̃_c / Σ_c w_c,   x̃_c = x_c, or m when c is missing
/// Renormalise:  Σ_{c present} w_c · x_c / Σ_{c present} w_c
/// ```
/// `None` when every component with a weight above 0 is missing (or the weights sum to 0).
pub fn score(values: &[Option<f64>; 4], weights: &[f64; 4], missing: MissingComponents) -> Option<f64> {
    let shares = weight_shares(values, weights, missing)?;
    Some(shares.iter().zip(values).filter_map(|(w, x)| w.map(|w| w * filled(*x, missing))).sum())
}

/// A component's value, or the neutral value when it is missing (0 under renormalisation,
/// where a missing component has no weight share).
fn filled(value: Option<f64>, missing: MissingComponents) -> f64 {
    value.or(missing.neutral()).unwrap_or(0.0)
}

/// w_c / Σ w over the components that count (all four under a neutral value, the present
/// ones under renormalisation); `None` when no component with a weight above 0 is present.
fn weight_shares(
    values: &[Option<f64>; 4],
    weights: &[f64; 4],
    missing: MissingComponents,
) -> Option<[Option<f64>; 4]> {
    if !values.iter().zip(weights).any(|(v, w)| v.is_some() && *w > 0.0) {
        return None;
    }
    let counts = |v: &Option<f64>| v.is_some() || missing.neutral().is_some();
    let total: f64 = values.iter().zip(weights).filter(|(v, _)| counts(v)).map(|(_, w)| w).sum();
    (total > 0.0).then(|| std::array::from_fn(|i| counts(&values[i]).then(|| weights[i] / total)))
}

fn row(input: &PriorityInput, components: Components, weights: &PriorityWeights) -> PriorityRow {
    let values = components.values();
    let (w, rule) = (weights.values(), weights.missing());
    let shares = weight_shares(&values, &w, rule);
    let contributions: [Option<f64>; 4] =
        std::array::from_fn(|i| shares.and_then(|s| s[i]).map(|share| share * filled(values[i], rule)));
    let score = score(&values, &w, rule);
    let missing: Vec<Component> =
        Component::ALL.into_iter().filter(|c| values[c.index()].is_none()).collect();
    let assumed = missing
        .iter()
        .copied()
        .filter(|c| score.is_some() && rule.neutral().is_some() && w[c.index()] > 0.0)
        .collect();
    let quadrant = components.impact.zip(components.urgency).map(|(i, u)| {
        match (i.value >= HIGH_PRIORITY_AXIS, u.value >= HIGH_PRIORITY_AXIS) {
            (true, true) => Quadrant::ActNow,
            (true, false) => Quadrant::Plan,
            (false, true) => Quadrant::QuickWins,
            (false, false) => Quadrant::Monitor,
        }
    });
    PriorityRow {
        gap: input.gap.clone(),
        components,
        weights: shares.unwrap_or([None; 4]),
        contributions,
        score,
        rank: None,
        missing,
        assumed,
        reasons: Component::ALL.map(|c| MissingReason::of(input, &components, c)),
        quadrant,
    }
}
