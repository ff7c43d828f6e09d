//! Stability of a ranking: how often each gap stays in the top k when the measured sizes
//! are redrawn from their sampling distributions and the weights are perturbed.

use statrs::distribution::{ContinuousCDF, Normal};

use super::components::SeverityModel;
use super::ranking::{by_score, competition_ranks, score, Ranking};
use super::rng::SplitMix64;
use super::weights::Component;
use crate::study::{GapId, Slug};
use crate::CoreError;

/// Largest number of draws accepted.
pub const MAX_DRAWS: u32 = 100_000;

/// How the stability is simulated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StabilitySettings {
    /// Number of draws (1 … [`MAX_DRAWS`]).
    pub draws: u32,
    /// The k of "in the top k" (≥ 1).
    pub top_k: usize,
    /// Relative half-width r of the weight perturbation, 0 ≤ r ≤ 1: each weight is
    /// multiplied by an independent uniform factor in [1 − r, 1 + r].
    pub weight_range: f64,
    /// Seed of the generator; the same seed gives the same result.
    pub seed: u64,
    /// Confidence level of the gaps' intervals (their half-width / z is the standard error).
    pub interval_level: f64,
}

impl StabilitySettings {
    /// Defaults: 1000 draws, top 5, weights ±20 %, seed 15, 95 % intervals.
    pub const DEFAULT: StabilitySettings =
        StabilitySettings { draws: 1000, top_k: 5, weight_range: 0.2, seed: 15, interval_level: 0.95 };

    /// Checks the settings.
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] naming the setting and what is admissible.
    pub fn validate(&self) -> Result<(), CoreError> {
        let bad = |option: &'static str, value: String, expected: &str| {
            Err(CoreError::InvalidOption { option, value, expected: expected.into() })
        };
        if self.draws == 0 || self.draws > MAX_DRAWS {
            return bad("stability draws", self.draws.to_string(), "a whole number from 1 to 100000");
        }
        if self.top_k == 0 {
            return bad("top k", "0".into(), "a whole number ≥ 1");
        }
        if !(0.0..=1.0).contains(&self.weight_range) {
            return bad("weight range", self.weight_range.to_string(), "a share from 0 to 1");
        }
        if !(self.interval_level > 0.0 && self.interval_level < 1.0) {
            return bad(
                "interval level",
                self.interval_level.to_string(),
                "a share strictly between 0 and 1",
            );
        }
        Ok(())
    }
}

impl Default for StabilitySettings {
    fn default() -> StabilitySettings {
        StabilitySettings::DEFAULT
    }
}

/// The stability of one gap's rank.
#[derive(Debug, Clone, PartialEq)]
pub struct RankStability {
    /// The gap.
    pub gap: GapId,
    /// Its unit.
    pub unit: Slug,
    /// Its rank in the ranking (`None` without a score).
    pub rank: Option<usize>,
    /// Share of draws in which its rank was ≤ k.
    pub p_top_k: f64,
    /// Share of draws in which it ranked first.
    pub p_first: f64,
    /// 2.5 % quantile of its rank over the draws (the ⌈0.025·draws⌉-th smallest).
    pub rank_low: Option<usize>,
    /// Median rank over the draws (the ⌈0.5·draws⌉-th smallest).
    pub rank_median: Option<usize>,
    /// 97.5 % quantile of its rank over the draws (the ⌈0.975·draws⌉-th smallest).
    pub rank_high: Option<usize>,
    /// Whether its severity was redrawn (`false`: exact, judged, or no usable interval).
    pub resampled: bool,
}

/// The stability of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Stability {
    /// The settings used.
    pub settings: StabilitySettings,
    /// One row per ranking row, in the ranking's order.
    pub rows: Vec<RankStability>,
}

impl Stability {
    /// Simulates the ranking's stability (see the module documentation of [`super`]).
    /// Time grows as draws × gaps × log(gaps); memory as draws × gaps ranks.
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] for settings that [`StabilitySettings::validate`] refuses.
    pub fn new(ranking: &Ranking, settings: StabilitySettings) -> Result<Stability, CoreError> {
        settings.validate()?;
        let z = Normal::standard().inverse_cdf(0.5 + settings.interval_level / 2.0);
        let models: Vec<Option<SeverityModel>> = ranking
            .rows
            .iter()
            .map(|r| r.components.severity.and_then(|_| SeverityModel::of(&r.gap, z)))
            .collect();
        let base: Vec<[Option<f64>; 4]> = ranking.rows.iter().map(|r| r.components.values()).collect();
        let mut rng = SplitMix64::new(settings.seed);
        let mut ranks: Vec<Vec<usize>> = vec![Vec::with_capacity(settings.draws as usize); base.len()];
        let mut order: Vec<usize> = (0..base.len()).collect();
        let missing = ranking.weights.missing();
        for _ in 0..settings.draws {
            let weights = perturbed(ranking.weights.values(), settings.weight_range, &mut rng);
            let scores: Vec<Option<f64>> = base
                .iter()
                .zip(&models)
                .map(|(values, model)| {
                    let mut values = *values;
                    if let Some(m) = model {
                        values[Component::Severity.index()] = Some(m.severity(m.se * rng.normal()));
                    }
                    score(&values, &weights, missing)
                })
                .collect();
            order.sort_by(|&a, &b| by_score(scores[a], scores[b]).then(a.cmp(&b)));
            let sorted: Vec<Option<f64>> = order.iter().map(|&i| scores[i]).collect();
            for (&i, rank) in order.iter().zip(competition_ranks(&sorted)) {
                if let Some(rank) = rank {
                    ranks[i].push(rank);
                }
            }
        }
        let rows = ranking
            .rows
            .iter()
            .zip(ranks)
            .zip(&models)
            .map(|((row, mut r), model)| {
                r.sort_unstable();
                let share = |hit: usize| hit as f64 / f64::from(settings.draws);
                RankStability {
                    gap: row.gap.id.clone(),
                    unit: row.gap.unit.clone(),
                    rank: row.rank,
                    p_top_k: share(r.iter().filter(|&&x| x <= settings.top_k).count()),
                    p_first: share(r.iter().filter(|&&x| x == 1).count()),
                    rank_low: order_statistic(&r, 0.025),
                    rank_median: order_statistic(&r, 0.5),
                    rank_high: order_statistic(&r, 0.975),
                    resampled: model.is_some(),
                }
            })
            .collect();
        Ok(Stability { settings, rows })
    }
}

/// Each weight times an independent uniform factor in [1 − r, 1 + r]; the original weights
/// when every perturbed weight is 0 (possible only with r = 1).
fn perturbed(weights: [f64; 4], r: f64, rng: &mut SplitMix64) -> [f64; 4] {
    let drawn = weights.map(|w| (w * (1.0 + r * rng.symmetric())).max(0.0));
    if drawn.iter().all(|w| *w == 0.0) {
        weights
    } else {
        drawn
    }
}

/// The ⌈p·n⌉-th smallest of sorted values (inverse empirical distribution, type 1).
fn order_statistic(sorted: &[usize], p: f64) -> Option<usize> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let index = ((p * n as f64).ceil() as usize).clamp(1, n) - 1;
    Some(sorted[index])
}
