//! Prioritisation of the gaps of one wave (issue 15, `gap-study.md` §3): four components,
//! a weighted score that explains itself, a rank, an impact × urgency quadrant, and the
//! stability of the ranking.
//!
//! # Components (each in [0, 1], each with the parts that explain it)
//! ```text
//! severity    = lower bound of the size interval (Gap::size_interval: the bound nearest 0),
//!               so a noisy gap does not outrank a certain one of the same size;
//!               exact gaps (no interval): their size; judged gaps: the judged impact
//!               level's score (low 1/6, medium 1/2, high 5/6), marked judged
//! impact      = importance × reach
//!   importance  = mean of the present parts of
//!                 stated  = points of the gap's dimension / largest dimension's points
//!                 derived = max(0, r) with r the correlation of the item or dimension
//!                           with overall satisfaction,
//!                 of a KPI gap, the first of ([`facts::derived_importance_of`], basis kept):
//!                   1. the survey correlation of the items a standard or promise links it to;
//!                   2. 1 for CSAT and NPS (satisfaction itself);
//!                   3. φ of its target's ticket-level association: the Pearson r of
//!                      "the ticket met the target's per-ticket condition" and "its CSAT
//!                      answer was satisfied" on the rated tickets (kpi::associate); when
//!                      that is not measurable the impact is missing with the cause
//!                      (MissingReason::KpiAssociation: no rated tickets, all met, all
//!                      missed, all satisfied, none satisfied; KpiNotPerTicket: response
//!                      rate, backlog)
//!   reach       = share of respondents with P < E (customer gaps: counted from the exact
//!                 histogram of P − E the analysis keeps, ComparisonStats::negative / n;
//!                 estimated Φ(−d̄/s) from the mean and sd of P − E only where that count
//!                 is absent, basis `…-normal`), or of tickets missing the standard,
//!                 promise or share KPI (1 − attainment), or, for another KPI target with a
//!                 per-ticket condition (a duration), the exact share of the tickets with
//!                 that condition that missed it;
//!                 when reach is missing, impact = importance (the row says so)
//!   what a gap touches: its item or dimension, or its standard's or promise's items
//!                 ([`facts::touched`]); stated and derived take the most important of them.
//!                 KPI gaps touch the items of the standards and promises measured by the
//!                 same KPI
//!   judged gaps: importance = the judged impact level's score, no reach
//! urgency     = max of the present signals
//!   trend       = clamp(0.5 + 0.5·b / 0.2, 0, 1), b the least-squares slope of the size over
//!                 the waves with the same gap id and unit (≥ 2 waves; b > 0 worsening)
//!   breach      = 1 when a standard, promise or KPI gap is missed beyond sampling doubt
//!                 (Gap::is_certain), else 0
//!   minimum     = 1 when the value is beyond the standard's or target's minimum band, else 0
//!   deadline    = clamp(1 − d / 365, 0, 1), d days from the wave's last day to the deadline
//!   judged      = the judged urgency level's score
//! feasibility = mean of the present parts (1 = easiest) of
//!   effort      = median effort of the raters: XS 1, S 0.75, M 0.5, L 0.25, XL 0
//!   cost        = 1 − median cost / largest median cost of the gaps ranked together
//!   rating      = (median rating − 1) / 4, ratings 1 (hard) … 5 (easy);
//!                 spread shown as the interquartile range (type 7) and the min–max
//! ```
//! A component with no present part is **missing, never 0**.
//!
//! # Score and rank
//! ```text
//! score = Σ_c w_c · x̃_c / Σ_c w_c,   x̃_c = x_c when measured, else m (assumed)
//! contribution_c = (w_c / Σ w) · x̃_c          (they sum to the score)
//! ```
//! The weights ([`PriorityWeights`]: finite, ≥ 0, not all 0) and the neutral value m
//! ([`MissingComponents::Neutral`], `[priorities] missing`, default 0.5) come from the
//! study. A missing component counts at m and is flagged as **assumed** in its row, with
//! the reason it is missing ([`MissingReason`]), so a gap with less data does not outrank
//! one with more (renormalising over the present components would score a gap measured
//! only on its severity by its severity alone). A row has no score and no rank only when
//! every component with a weight above 0 is missing; it comes last. The old rule,
//! Σ_{present} w_c x_c / Σ_{present} w_c, stays available as
//! [`MissingComponents::Renormalise`] (`missing = "renormalise"`).
//!
//! Properties (tested): the score is monotone in each measured component and does not
//! depend on the order of the gaps; with every weight 0 but one, a row missing that
//! component has no weighted component measured, hence no score, and the rows that have it
//! are ranked by it alone, under either rule.
//!
//! Scores are compared rounded to 1e-9; equal scores share a rank (standard competition
//! ranking 1, 2, 2, 4) and are listed by gap id, then unit. The quadrant: act now
//! (impact ≥ 0.5 and urgency ≥ 0.5), plan (impact ≥ 0.5), quick wins (urgency ≥ 0.5),
//! monitor; no quadrant when impact or urgency is missing (an assumed value does not place
//! a gap). Feasibility is carried for the marker. A [`PriorityFilter`] selects gaps by
//! department and unit before ranking.
//!
//! # Stability
//! Each of `draws` draws (seeded SplitMix64, so the same seed gives the same result):
//! - every measured gap with an interval has its difference redrawn from a **normal**
//!   distribution centred on the measured difference with standard error = interval
//!   half-width / z (z = 1.96 for 95 %), for survey means and for shares alike (for a
//!   share this is the normal approximation to its binomial; Wilson intervals are
//!   slightly asymmetric, their mean half-width is used). Its interval is shifted by the
//!   same amount and its severity recomputed as above. Exact, judged and zero-size gaps
//!   keep their severity. Exact resampling of respondents or tickets is not done: it
//!   would re-read the data `draws` times, too costly on large studies;
//! - every weight is multiplied by an independent uniform factor in [1 − r, 1 + r]
//!   (r = `weight_range`, default 0.2);
//! - the gaps are re-ranked (ties as above; importance, reach, urgency and feasibility
//!   are held fixed).
//!
//! Reported per gap: P(rank ≤ k), P(rank = 1), and the 2.5 %, 50 % and 97.5 % order
//! statistics of its rank over the draws. Time O(draws · gaps · log gaps).

mod components;
pub mod facts;
mod inputs;
mod missing;
mod ranking;
mod rng;
mod stability;
mod weights;

pub use components::{
    median_cost, severity, Components, Deadline, Feasibility, Impact, RatingSummary, Severity, SeverityBasis,
    Trend, Urgency, DEADLINE_HORIZON_DAYS, TREND_FULL_SLOPE,
};
pub use inputs::{
    DerivedBasis, DerivedImportance, Effort, FeasibilityEntry, FeasibilityRating, PriorityFilter,
    PriorityInput, Reach, ReachBasis, StatedImportance, WaveSize,
};
pub use missing::MissingReason;
pub use ranking::{score, PriorityRow, Ranking, HIGH_PRIORITY_AXIS, SCORE_TIE};
pub use stability::{RankStability, Stability, StabilitySettings, MAX_DRAWS};
pub use weights::{Component, MissingComponents, PriorityWeights};

#[cfg(test)]
mod tests;
