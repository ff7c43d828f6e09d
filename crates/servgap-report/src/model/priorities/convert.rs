//! [`PrioritiesReport`] from `servgap_core::study::priority` values, field by field.

use servgap_core::instrument::Instrument;
use servgap_core::kpi::SatisfactionAssociation;
use servgap_core::study::priority::{
    Component, Components, DerivedBasis, Feasibility, FeasibilityRating, Impact, PriorityInput,
    PriorityRow as CoreRow, RankStability, Ranking, Severity, SeverityBasis, Stability, Urgency,
    HIGH_PRIORITY_AXIS,
};
use servgap_core::study::register::Quadrant;
use servgap_core::study::{Study, Wave};

use super::{
    ComponentView, DerivedImportanceView, FeasibilityView, FiltersView, MatrixView, PrioritiesReport,
    PriorityRow, RankStabilityView, RatingView, StabilitySettingsView, TicketAssociationView, WeightsView,
    PRIORITIES_SCHEMA,
};
use crate::model::diagnosis::{label_of, subject_of, WaveView};

/// What a priorities report is built from.
#[derive(Debug, Clone, Copy)]
pub struct PrioritiesSource<'a> {
    /// The study.
    pub study: &'a Study,
    /// The wave ranked.
    pub wave: &'a Wave,
    /// The ranking (already filtered by department and unit).
    pub ranking: &'a Ranking,
    /// Its stability, when simulated.
    pub stability: Option<&'a Stability>,
    /// The inputs ranked (their ratings and deadlines are shown as entered).
    pub inputs: &'a [PriorityInput],
    /// The customer instrument (names dimensions).
    pub instrument: Option<&'a Instrument>,
}

fn flag(on: bool) -> f64 {
    if on {
        1.0
    } else {
        0.0
    }
}

fn severity_view(s: &Severity) -> (Option<String>, Vec<(String, f64)>) {
    let mut parts = Vec::new();
    if let Some(v) = s.size {
        parts.push(("size".to_owned(), v));
    }
    if let Some(v) = s.bound {
        parts.push(("size-bound".to_owned(), v));
    }
    let basis = match s.basis {
        SeverityBasis::Shrunk => "shrunk",
        SeverityBasis::Exact => "exact",
        SeverityBasis::Judged(level) => {
            parts.push(("judged".to_owned(), level.score()));
            "judged"
        }
    };
    (Some(basis.to_owned()), parts)
}

fn impact_view(i: &Impact) -> (Option<String>, Vec<(String, f64)>) {
    let mut parts = vec![("importance".to_owned(), i.importance)];
    parts.extend(i.stated.map(|v| ("stated-importance".to_owned(), v)));
    parts.extend(i.derived.map(|v| ("derived-importance".to_owned(), v)));
    if let Some(r) = i.reach {
        parts.push(("reach".to_owned(), r.share));
        parts.push(("reach-n".to_owned(), r.n as f64));
    }
    parts.extend(i.judged.map(|l| ("judged".to_owned(), l.score())));
    let basis = match (i.judged, i.reach) {
        (Some(_), _) => Some("judged".to_owned()),
        (None, Some(r)) => Some(r.basis.id().to_owned()),
        (None, None) => None,
    };
    (basis, parts)
}

fn association_view(a: &SatisfactionAssociation) -> TicketAssociationView {
    let t = &a.table;
    TicketAssociationView {
        rated: t.rated(),
        table: [[t.met_satisfied, t.met_unsatisfied], [t.missed_satisfied, t.missed_unsatisfied]],
        satisfied_when_met: a.satisfied_when_met,
        satisfied_when_missed: a.satisfied_when_missed,
        difference: a.difference,
        interval: [a.interval.low, a.interval.high],
        level: a.level,
        phi: a.phi,
        fisher_p: a.fisher_p,
    }
}

/// The basis of an impact's derived importance, with the correlation as measured (the
/// association's φ, or the survey r before negatives count as 0).
fn derived_view(i: &Impact) -> Option<DerivedImportanceView> {
    let basis = i.derived_basis?;
    let (correlation, association) = match &basis {
        DerivedBasis::TicketAssociation(a) => (a.phi, Some(association_view(a))),
        _ => (i.derived?, None),
    };
    Some(DerivedImportanceView { basis: basis.id().to_owned(), correlation, association })
}

fn urgency_view(u: &Urgency) -> (Option<String>, Vec<(String, f64)>) {
    let mut parts = Vec::new();
    if let Some(t) = u.trend {
        parts.push(("trend".to_owned(), t.score));
        parts.push(("trend-slope".to_owned(), t.slope));
        parts.push(("trend-waves".to_owned(), t.waves as f64));
    }
    parts.extend(u.breach.map(|b| ("breach".to_owned(), flag(b))));
    parts.extend(u.below_minimum.map(|b| ("below-minimum".to_owned(), flag(b))));
    if let Some(d) = u.deadline {
        parts.push(("deadline".to_owned(), d.score));
        parts.push(("deadline-days".to_owned(), d.days_left as f64));
    }
    parts.extend(u.judged.map(|l| ("judged".to_owned(), l.score())));
    (u.judged.map(|_| "judged".to_owned()), parts)
}

fn feasibility_parts(f: &Feasibility) -> Vec<(String, f64)> {
    let mut parts = Vec::new();
    parts.extend(f.effort.map(|e| ("effort".to_owned(), e.score())));
    parts.extend(f.cost.map(|c| ("cost".to_owned(), c)));
    parts.extend(f.cost_score.map(|c| ("cost-score".to_owned(), c)));
    parts.extend(f.rating.map(|r| ("rating".to_owned(), r.median)));
    parts
}

fn components(row: &CoreRow, neutral: Option<f64>) -> Vec<ComponentView> {
    let c: &Components = &row.components;
    let explained = [
        c.severity.as_ref().map(severity_view),
        c.impact.as_ref().map(impact_view),
        c.urgency.as_ref().map(urgency_view),
        c.feasibility.as_ref().map(|f| (None, feasibility_parts(f))),
    ];
    let values = c.values();
    Component::ALL
        .into_iter()
        .zip(explained)
        .map(|(component, explained)| {
            let i = component.index();
            let (basis, parts) = explained.unwrap_or_default();
            ComponentView {
                component: component.id().to_owned(),
                value: values[i],
                assumed: neutral.filter(|_| row.assumed.contains(&component)),
                missing_reason: row.reasons[i].map(|r| r.id().to_owned()),
                weight: row.weights[i],
                contribution: row.contributions[i],
                basis,
                parts,
                derived_importance: c
                    .impact
                    .as_ref()
                    .filter(|_| component == Component::Impact)
                    .and_then(derived_view),
            }
        })
        .collect()
}

fn rating_view(r: &FeasibilityRating) -> RatingView {
    RatingView {
        department: r.department.to_string(),
        rater: r.rater.clone(),
        effort: r.effort.map(|e| e.id().to_owned()),
        cost: r.cost,
        rating: r.rating,
        comment: r.comment.clone(),
    }
}

fn feasibility_view(row: &CoreRow, input: Option<&PriorityInput>) -> Option<FeasibilityView> {
    let ratings: Vec<RatingView> =
        input.map(|i| i.ratings.iter().map(rating_view).collect()).unwrap_or_default();
    let f = row.components.feasibility;
    if f.is_none() && ratings.is_empty() {
        return None;
    }
    let rating = f.and_then(|f| f.rating);
    Some(FeasibilityView {
        value: f.map(|f| f.value),
        effort: f.and_then(|f| f.effort).map(|e| e.id().to_owned()),
        cost: f.and_then(|f| f.cost),
        rating_median: rating.map(|r| r.median),
        rating_quartiles: rating.map(|r| [r.q1, r.q3]),
        rating_range: rating.map(|r| [r.min, r.max]),
        raters: f.map_or(ratings.len(), |f| f.raters),
        ratings,
    })
}

fn stability_view(s: &RankStability) -> RankStabilityView {
    RankStabilityView {
        top_k_share: s.p_top_k,
        first_share: s.p_first,
        rank_interval: s.rank_low.zip(s.rank_high).map(|(a, b)| [a, b]),
        rank_median: s.rank_median,
        resampled: s.resampled,
    }
}

impl PriorityRow {
    /// One row from a ranked gap, its input (ratings, deadline) and its stability;
    /// `neutral` is the value a missing component counts as (the ranking's
    /// `weights.missing().neutral()`).
    pub fn new(
        row: &CoreRow,
        neutral: Option<f64>,
        input: Option<&PriorityInput>,
        stability: Option<&RankStability>,
        study: &Study,
        instrument: Option<&Instrument>,
    ) -> PriorityRow {
        let g = &row.gap;
        PriorityRow {
            rank: row.rank,
            id: g.id.to_string(),
            kind: g.kind().id().to_owned(),
            label: label_of(&g.id, study, instrument),
            subject: subject_of(&g.id),
            unit: g.unit.to_string(),
            wave: g.wave.to_string(),
            departments: g.departments.iter().map(ToString::to_string).collect(),
            components: components(row, neutral),
            score: row.score,
            quadrant: row.quadrant.map(|q| q.id().to_owned()),
            feasibility: feasibility_view(row, input),
            deadline: input.and_then(|i| i.deadline).map(|d| d.to_string()),
            stability: stability.map(stability_view),
            missing: row.missing.iter().map(|c| c.id().to_owned()).collect(),
            assumed: row.assumed.iter().map(|c| c.id().to_owned()).collect(),
        }
    }
}

impl PrioritiesReport {
    /// The view model of a ranking; `filters` as asked (with `top`, only ranks ≤ k are
    /// shown, ties at the edge kept); `generator` is the servgap version.
    pub fn new(source: PrioritiesSource<'_>, filters: FiltersView, generator: &str) -> PrioritiesReport {
        let ranking = source.ranking;
        let neutral = ranking.weights.missing().neutral();
        let w = ranking.weights.values();
        let same_gap =
            |row: &CoreRow, gap: &servgap_core::study::Gap| gap.id == row.gap.id && gap.unit == row.gap.unit;
        let shown = ranking
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| filters.top.is_none_or(|k| r.rank.is_some_and(|rank| rank <= k)))
            .map(|(i, r)| {
                let input = source.inputs.iter().find(|x| same_gap(r, &x.gap));
                let stability = source.stability.and_then(|s| s.rows.get(i));
                PriorityRow::new(r, neutral, input, stability, source.study, source.instrument)
            })
            .collect();
        let mut counts = [0usize; 4];
        for q in ranking.rows.iter().filter_map(|r| r.quadrant) {
            counts[q as usize] += 1;
        }
        PrioritiesReport {
            schema: PRIORITIES_SCHEMA.to_owned(),
            generator: generator.to_owned(),
            study: source.study.slug().to_string(),
            study_name: source.study.name().to_owned(),
            wave: WaveView {
                slug: source.wave.slug().to_string(),
                start: source.wave.start().to_string(),
                end: source.wave.end().to_string(),
            },
            filters,
            weights: WeightsView { severity: w[0], impact: w[1], urgency: w[2], feasibility: w[3] },
            neutral,
            matrix: MatrixView { high_impact: HIGH_PRIORITY_AXIS, high_urgency: HIGH_PRIORITY_AXIS },
            stability: source.stability.map(|s| StabilitySettingsView {
                top_k: s.settings.top_k,
                replicates: s.settings.draws,
                seed: s.settings.seed,
                weight_perturbation: s.settings.weight_range,
                rank_interval_level: 0.95,
                interval_level: s.settings.interval_level,
                method: "sampling-distribution".to_owned(),
            }),
            ranked: shown,
            total: ranking.rows.len(),
            quadrant_counts: Quadrant::ALL.iter().zip(counts).map(|(q, n)| (q.id().to_owned(), n)).collect(),
        }
    }
}
