//! Ticket-level association of a KPI target with the same tickets' CSAT (issue 15).
//!
//! Every target whose measure is a property of one ticket has a per-ticket condition
//! ([`TicketCondition::of`]): "answered within 1 h", "resolved on first contact", "not
//! reopened within the window". [`super::KpiAggregate::add`] counts, per (created period,
//! segment) group and condition, a 2×2 table of the rated tickets (met or missed × satisfied
//! or not, satisfied = CSAT score ≥ the scale's `good_from`, the CSAT good-share rule) and
//! the met/missed counts of all tickets with a defined condition. All counts are integers, so
//! chunks, merges and stored partials give bit-identical numbers. [`associate`] turns a table
//! into a [`SatisfactionAssociation`]:
//!
//! ```text
//!                satisfied   not satisfied
//!   met              a            b          r₁ = a + b
//!   missed           c            d          r₂ = c + d
//!                c₁ = a + c   c₂ = b + d     n
//!
//! φ          = (ad − bc) / √(r₁ r₂ c₁ c₂)            Pearson correlation of the two indicators
//! difference = a/r₁ − c/r₂                           Newcombe (1998) method 10 interval
//! Fisher p   = Σ P(X = x) over P(X = x) ≤ P(X = a)·(1 + 1e−7), X ~ Hypergeometric(n, r₁, c₁)
//! ```

use super::aggregate::DurationKpi;
use super::metrics::{Clock, Durations, SlaOutcome, SlaTarget, TicketMetrics};
use super::model::{Survey, Ticket};
use super::summary::{Interval, Proportion, Z_95};
use super::targets::{Direction, Measure, Target};
use crate::stats::distributions::normal_quantile;

/// The per-ticket condition of a target: what "this ticket met the target" means.
///
/// Durations and CES answers are whole numbers, so thresholds are kept as integers: the
/// target value rounded down for "at most" and up for "at least" gives the same verdict
/// for every whole value, and conditions compare and store exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TicketCondition {
    /// The ticket's duration of `kpi` in `clock` is within `seconds` (≤ when lower is better,
    /// ≥ when higher is better). Whatever the target's statistic (median, p90, mean), the
    /// per-ticket threshold is the target value. For next response every reply run of the
    /// ticket must be within it. A ticket without that duration (no reply yet, business clock
    /// without a calendar) has no condition.
    Within {
        /// The duration KPI.
        kpi: DurationKpi,
        /// The clock.
        clock: Clock,
        /// The threshold in whole seconds (the target value, rounded as the type says).
        seconds: u64,
        /// The target's direction.
        direction: Direction,
    },
    /// Resolved on first contact (tickets whose first-contact resolution is undefined are not counted).
    FirstContactResolved,
    /// Solved and not reopened within the reopen window (unsolved tickets are not counted;
    /// first solves whose window runs past the end of the data are right-censored).
    NotReopened,
    /// Every outcome of the SLA target with this name is met (no outcome: not counted).
    SlaMet(String),
    /// The ticket's CES answers agree (from the scale's `agree_from`: 5–7 on 1–7).
    CesAgree,
    /// The ticket's CES answers are at least this value (the target rounded up).
    CesAtLeast(u8),
}

/// Why a target has no per-ticket condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotPerTicket {
    /// The measure is satisfaction itself (CSAT good share, NPS).
    SatisfactionItself,
    /// The measure is not a property of one ticket (CSAT response rate, backlog).
    NotATicketProperty,
}

impl NotPerTicket {
    /// `satisfaction-itself` or `not-a-ticket-property`.
    pub fn id(self) -> &'static str {
        match self {
            NotPerTicket::SatisfactionItself => "satisfaction-itself",
            NotPerTicket::NotATicketProperty => "not-a-ticket-property",
        }
    }
}

impl TicketCondition {
    /// The per-ticket condition of `target` (see the variants).
    ///
    /// # Errors
    /// [`NotPerTicket::SatisfactionItself`] for CSAT and NPS targets;
    /// [`NotPerTicket::NotATicketProperty`] for CSAT response rate and backlog targets.
    pub fn of(target: &Target) -> Result<TicketCondition, NotPerTicket> {
        Ok(match target.measure() {
            Measure::Duration { kpi, clock, .. } => TicketCondition::Within {
                kpi: *kpi,
                clock: *clock,
                // Targets lie in 0..=366 days (checked by `Target::new`), so the casts are exact.
                seconds: match target.direction() {
                    Direction::LowerIsBetter => target.target().floor() as u64,
                    Direction::HigherIsBetter => target.target().ceil() as u64,
                },
                direction: target.direction(),
            },
            Measure::FirstContactResolution => TicketCondition::FirstContactResolved,
            Measure::ReopenRate => TicketCondition::NotReopened,
            Measure::SlaAttainment(name) => TicketCondition::SlaMet(name.clone()),
            Measure::CesAgree => TicketCondition::CesAgree,
            // CES targets lie in 1..=7 (checked by `Target::new`).
            Measure::CesMean => TicketCondition::CesAtLeast(target.target().ceil() as u8),
            Measure::Csat | Measure::Nps => return Err(NotPerTicket::SatisfactionItself),
            Measure::CsatResponseRate | Measure::Backlog => return Err(NotPerTicket::NotATicketProperty),
        })
    }

    /// Stable identifier, e.g. `first-response.business<=3600`, `not-reopened`, `sla-met:frt-8h`.
    pub fn id(&self) -> String {
        match self {
            TicketCondition::Within { kpi, clock, seconds, direction } => {
                let op = match direction {
                    Direction::LowerIsBetter => "<=",
                    Direction::HigherIsBetter => ">=",
                };
                format!("{}.{}{op}{seconds}", kpi.id(), clock.id())
            }
            TicketCondition::FirstContactResolved => "first-contact-resolved".into(),
            TicketCondition::NotReopened => "not-reopened".into(),
            TicketCondition::SlaMet(name) => format!("sla-met:{name}"),
            TicketCondition::CesAgree => "ces-agree".into(),
            TicketCondition::CesAtLeast(value) => format!("ces>={value}"),
        }
    }

    /// Whether the ticket met the condition; `None` when undefined for it. `sla` are the
    /// engine's SLA targets and `sla_outcomes` the ticket's outcomes as (index in `sla`, outcome).
    pub(crate) fn met(
        &self,
        m: &TicketMetrics,
        ticket: &Ticket,
        sla: &[SlaTarget],
        sla_outcomes: &[(usize, SlaOutcome)],
    ) -> Option<bool> {
        match self {
            TicketCondition::Within { kpi, clock, seconds, direction } => {
                let within = |d: &Durations| -> Option<bool> {
                    let value = match clock {
                        Clock::Calendar => d.calendar,
                        Clock::Business => d.business?,
                    };
                    Some(match direction {
                        Direction::LowerIsBetter => value <= *seconds,
                        Direction::HigherIsBetter => value >= *seconds,
                    })
                };
                match kpi {
                    DurationKpi::FirstResponse => within(m.first_response.as_ref()?),
                    DurationKpi::FirstResolution => within(m.first_resolution.as_ref()?),
                    DurationKpi::FullResolution => within(m.full_resolution.as_ref()?),
                    DurationKpi::RequesterWait => within(m.requester_wait.as_ref()?),
                    DurationKpi::NextResponse => every(m.next_responses.iter().map(within)),
                }
            }
            TicketCondition::FirstContactResolved => m.first_contact_resolution,
            TicketCondition::NotReopened => m.first_solved.map(|_| !m.reopened_within_window),
            TicketCondition::SlaMet(name) => {
                let k = sla.iter().position(|s| s.name() == name)?;
                every(sla_outcomes.iter().filter(|(i, _)| *i == k).map(|(_, o)| Some(*o == SlaOutcome::Met)))
            }
            TicketCondition::CesAgree | TicketCondition::CesAtLeast(_) => {
                every(ticket.surveys.iter().filter_map(|a| match a.survey() {
                    Survey::Ces(scale) => Some(Some(match self {
                        TicketCondition::CesAtLeast(v) => a.score() >= *v,
                        _ => a.score() >= scale.agree_from(),
                    })),
                    _ => None,
                }))
            }
        }
    }
}

/// `Some(true)` when every item is `Some(true)`, `Some(false)` when all are defined and one
/// is false, `None` when there is no item or one is undefined.
fn every(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut seen = false;
    let mut all = true;
    for item in items {
        all &= item?;
        seen = true;
    }
    seen.then_some(all)
}

/// CSAT answers of tickets with a defined condition: met or missed × satisfied or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MetSatisfied {
    /// Condition met, satisfied (a).
    pub met_satisfied: u64,
    /// Condition met, not satisfied (b).
    pub met_unsatisfied: u64,
    /// Condition missed, satisfied (c).
    pub missed_satisfied: u64,
    /// Condition missed, not satisfied (d).
    pub missed_unsatisfied: u64,
}

impl MetSatisfied {
    /// Adds one CSAT answer.
    pub fn record(&mut self, met: bool, satisfied: bool) {
        let cell = match (met, satisfied) {
            (true, true) => &mut self.met_satisfied,
            (true, false) => &mut self.met_unsatisfied,
            (false, true) => &mut self.missed_satisfied,
            (false, false) => &mut self.missed_unsatisfied,
        };
        *cell += 1;
    }

    /// Adds another table.
    pub fn merge(&mut self, other: &MetSatisfied) {
        self.met_satisfied += other.met_satisfied;
        self.met_unsatisfied += other.met_unsatisfied;
        self.missed_satisfied += other.missed_satisfied;
        self.missed_unsatisfied += other.missed_unsatisfied;
    }

    /// The number of CSAT answers in the table.
    pub fn rated(&self) -> u64 {
        self.met_satisfied + self.met_unsatisfied + self.missed_satisfied + self.missed_unsatisfied
    }
}

/// Exact counts of one condition in one group: the CSAT table and the met/missed counts of
/// every ticket with a defined condition (rated or not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ConditionCounts {
    /// The 2×2 table of CSAT answers.
    pub table: MetSatisfied,
    /// Tickets with the condition met.
    pub met: u64,
    /// Tickets with the condition missed.
    pub missed: u64,
}

impl ConditionCounts {
    /// Adds another count.
    pub fn merge(&mut self, other: &ConditionCounts) {
        self.table.merge(&other.table);
        self.met += other.met;
        self.missed += other.missed;
    }

    /// Share of tickets with a defined condition that missed it (the gap's ticket reach):
    /// `missed / (met + missed)`; `None` without such tickets.
    pub fn missed_share(&self) -> Option<f64> {
        Proportion::new(self.missed, self.met + self.missed).share()
    }
}

/// The counts of one condition in one group, as [`super::GroupSummary::satisfaction`] lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionSummary {
    /// The condition.
    pub condition: TicketCondition,
    /// Its counts in the group.
    pub counts: ConditionCounts,
}

/// Why a 2×2 table gives no association (a row or column is empty, so φ is undefined).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unmeasurable {
    /// No CSAT answer of a ticket with a defined condition.
    NoRatedTickets,
    /// Every rated ticket met the condition.
    AllMet,
    /// Every rated ticket missed the condition.
    AllMissed,
    /// Every answer was satisfied.
    AllSatisfied,
    /// No answer was satisfied.
    NoneSatisfied,
}

impl Unmeasurable {
    /// `no-rated-tickets`, `all-met`, `all-missed`, `all-satisfied` or `none-satisfied`.
    pub fn id(self) -> &'static str {
        match self {
            Unmeasurable::NoRatedTickets => "no-rated-tickets",
            Unmeasurable::AllMet => "all-met",
            Unmeasurable::AllMissed => "all-missed",
            Unmeasurable::AllSatisfied => "all-satisfied",
            Unmeasurable::NoneSatisfied => "none-satisfied",
        }
    }
}

/// The association of "met the target" with "satisfied" on the rated tickets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SatisfactionAssociation {
    /// The table it comes from.
    pub table: MetSatisfied,
    /// Satisfied share of the answers of tickets that met the condition, a / r₁.
    pub satisfied_when_met: f64,
    /// Satisfied share of the answers of tickets that missed it, c / r₂.
    pub satisfied_when_missed: f64,
    /// `satisfied_when_met − satisfied_when_missed` (share points as a share, −1…1).
    pub difference: f64,
    /// Newcombe's hybrid score interval (method 10) of the difference at `level`.
    pub interval: Interval,
    /// Confidence level of `interval` (0.95 for 95 %).
    pub level: f64,
    /// φ, the Pearson correlation of the indicators met and satisfied, −1…1.
    pub phi: f64,
    /// Fisher's exact two-sided p.
    pub fisher_p: f64,
}

/// The association of a table at confidence `level` (0 < level < 1; see the module formulas).
///
/// # Errors
/// The [`Unmeasurable`] reason when the table is empty or a row or column of it is empty,
/// checked in that order (no answers, all met, all missed, all satisfied, none satisfied).
pub fn associate(table: &MetSatisfied, level: f64) -> Result<SatisfactionAssociation, Unmeasurable> {
    let (a, b, c, d) =
        (table.met_satisfied, table.met_unsatisfied, table.missed_satisfied, table.missed_unsatisfied);
    let (r1, r2, c1, c2) = (a + b, c + d, a + c, b + d);
    match () {
        _ if r1 + r2 == 0 => return Err(Unmeasurable::NoRatedTickets),
        _ if r2 == 0 => return Err(Unmeasurable::AllMet),
        _ if r1 == 0 => return Err(Unmeasurable::AllMissed),
        _ if c2 == 0 => return Err(Unmeasurable::AllSatisfied),
        _ if c1 == 0 => return Err(Unmeasurable::NoneSatisfied),
        _ => {}
    }
    let met = Proportion::new(a, r1);
    let missed = Proportion::new(c, r2);
    let z = if level == 0.95 { Z_95 } else { normal_quantile(0.5 + 0.5 * level) };
    let (p1, p0) = (a as f64 / r1 as f64, c as f64 / r2 as f64);
    let interval = newcombe_difference(met, missed, z).unwrap_or(Interval { low: f64::NAN, high: f64::NAN });
    let cross = i128::from(a) * i128::from(d) - i128::from(b) * i128::from(c);
    let phi = cross as f64 / ((r1 as f64) * (r2 as f64) * (c1 as f64) * (c2 as f64)).sqrt();
    Ok(SatisfactionAssociation {
        table: *table,
        satisfied_when_met: p1,
        satisfied_when_missed: p0,
        difference: p1 - p0,
        interval,
        level,
        phi,
        fisher_p: fisher_two_sided(a, r1, c1, r1 + r2),
    })
}

/// Newcombe (1998) method 10 interval of `p̂₁ − p̂₀` from the Wilson intervals (l, u) at `z`:
/// `Δ − √((p̂₁ − l₁)² + (u₀ − p̂₀)²)` to `Δ + √((u₁ − p̂₁)² + (p̂₀ − l₀)²)`; `None` when either n is 0.
/// Matches statsmodels `confint_proportions_2indep(method="newcomb")`.
pub fn newcombe_difference(x1: Proportion, x0: Proportion, z: f64) -> Option<Interval> {
    let (p1, p0, w1, w0) = (x1.share()?, x0.share()?, x1.wilson(z)?, x0.wilson(z)?);
    let delta = p1 - p0;
    Some(Interval {
        low: delta - ((p1 - w1.low).powi(2) + (w0.high - p0).powi(2)).sqrt(),
        high: delta + ((w1.high - p1).powi(2) + (p0 - w0.low).powi(2)).sqrt(),
    })
}

/// Fisher's exact two-sided p of a 2×2 table with `a` in the top-left cell, row total `r1`,
/// column total `c1` and `n` answers: the sum of the hypergeometric probabilities not above
/// the observed one times `1 + 1e−7` (R's and scipy's tolerance).
///
/// Exact recurrence over the support, O(min(r₁, c₁)) steps, no approximation at any n: the
/// weights are taken relative to the mode (weight 1) with
/// `w(x+1)/w(x) = (r₁ − x)(c₁ − x) / ((x + 1)(n − r₁ − c₁ + x + 1))`, walking down from the
/// mode until the weights underflow to 0 (they are then far below any observed weight that
/// does not itself underflow). When the observed weight underflows (p below about 1e−300),
/// p is reported as 0.
pub fn fisher_two_sided(a: u64, r1: u64, c1: u64, n: u64) -> f64 {
    let low = (r1 + c1).saturating_sub(n);
    let high = r1.min(c1);
    let (r, c, nf) = (r1 as f64, c1 as f64, n as f64);
    let mode = (((r + 1.0) * (c + 1.0) / (nf + 2.0)).floor() as u64).clamp(low, high);
    let up = |x: u64| (r - x as f64) * (c - x as f64) / ((x as f64 + 1.0) * (nf - r - c + x as f64 + 1.0));
    let mut weights_above = Vec::new();
    let mut w = 1.0;
    let mut x = mode;
    while x < high && w > 0.0 {
        w *= up(x);
        x += 1;
        weights_above.push(w);
    }
    let mut weights_below = Vec::new();
    let (mut w, mut x) = (1.0, mode);
    while x > low && w > 0.0 {
        x -= 1;
        w /= up(x);
        weights_below.push(w);
    }
    let observed = if a >= mode {
        if a == mode {
            1.0
        } else {
            weights_above.get((a - mode - 1) as usize).copied().unwrap_or(0.0)
        }
    } else {
        weights_below.get((mode - a - 1) as usize).copied().unwrap_or(0.0)
    };
    let bound = observed * (1.0 + 1e-7);
    let all = std::iter::once(1.0).chain(weights_above.iter().copied()).chain(weights_below.iter().copied());
    let (mut total, mut tail) = (0.0, 0.0);
    for weight in all {
        total += weight;
        if weight <= bound {
            tail += weight;
        }
    }
    (tail / total).min(1.0)
}

/// What a KPI gap knows about the satisfaction of its tickets.
#[derive(Debug, Clone, PartialEq)]
pub enum TicketSatisfaction {
    /// The target's condition was counted: its counts and the association (or why none).
    Measured {
        /// The condition.
        condition: TicketCondition,
        /// Its counts over the gap's group.
        counts: ConditionCounts,
        /// The association of its table.
        association: Result<SatisfactionAssociation, Unmeasurable>,
    },
    /// The target has no per-ticket condition.
    NotPerTicket(NotPerTicket),
}

impl TicketSatisfaction {
    /// From counts, with the association at `level`.
    pub fn measured(condition: TicketCondition, counts: ConditionCounts, level: f64) -> TicketSatisfaction {
        let association = associate(&counts.table, level);
        TicketSatisfaction::Measured { condition, counts, association }
    }

    /// The same counts with the association at another `level`.
    pub fn at_level(&self, level: f64) -> TicketSatisfaction {
        match self {
            TicketSatisfaction::Measured { condition, counts, .. } => {
                TicketSatisfaction::measured(condition.clone(), *counts, level)
            }
            other => other.clone(),
        }
    }

    /// The association, when measured and measurable.
    pub fn association(&self) -> Option<&SatisfactionAssociation> {
        match self {
            TicketSatisfaction::Measured { association: Ok(a), .. } => Some(a),
            _ => None,
        }
    }

    /// Share of tickets with the condition that missed it ([`ConditionCounts::missed_share`]).
    pub fn reach(&self) -> Option<f64> {
        match self {
            TicketSatisfaction::Measured { counts, .. } => counts.missed_share(),
            TicketSatisfaction::NotPerTicket(_) => None,
        }
    }
}

#[cfg(test)]
mod tests;
