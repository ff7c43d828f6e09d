use jiff::civil::date;
use proptest::prelude::*;

use super::*;
use crate::kpi::Interval;
use crate::study::register::Quadrant;
use crate::study::{Evidence, Gap, GapDirection, GapId, GapUnit, Judged, Level, Slug};

fn slug(s: &str) -> Slug {
    Slug::new("test", s).unwrap()
}

fn gap(id: &str, size: f64, difference: f64, interval: Option<(f64, f64)>) -> Gap {
    Gap {
        id: id.parse::<GapId>().unwrap(),
        wave: slug("w2"),
        unit: slug("all"),
        departments: vec![slug("cs")],
        current: 0.0,
        desired: 0.0,
        measure_unit: GapUnit::ScalePoints,
        difference,
        direction: GapDirection::HigherIsBetter,
        interval: interval.map(|(low, high)| Interval { low, high }),
        size: Some(size),
        n: 100,
        evidence: Evidence::default(),
        judged: None,
        sampling: None,
    }
}

fn rating(effort: Option<Effort>, cost: Option<f64>, rating: Option<u8>) -> FeasibilityRating {
    FeasibilityRating {
        department: slug("cs"),
        rater: "r".into(),
        effort,
        cost,
        rating,
        comment: String::new(),
    }
}

const AS_OF: jiff::civil::Date = date(2026, 6, 30);

fn weights(w: [f64; 4]) -> PriorityWeights {
    PriorityWeights::new(w).unwrap()
}

fn rank(inputs: &[PriorityInput], w: [f64; 4]) -> Ranking {
    Ranking::new(inputs, weights(w), &PriorityFilter::default(), AS_OF)
}

fn rank_with(inputs: &[PriorityInput], w: [f64; 4], missing: MissingComponents) -> Ranking {
    let w = weights(w).with_missing(missing).unwrap();
    Ranking::new(inputs, w, &PriorityFilter::default(), AS_OF)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// The three gaps of the hand-worked case (numbers worked in the comments).
fn hand_worked() -> Vec<PriorityInput> {
    // A: P − E = −1 on a 1–7 scale (size 1/6), CI [−1.5, −0.5] → size CI [1/12, 1/4];
    // severity 1/12. Importance (30/30 + 0.6)/2 = 0.8, reach 0.5 → impact 0.4.
    // Trend over sizes 0.1 → 1/6: slope 1/15 → 0.5 + 0.5·(1/15)/0.2 = 2/3.
    // Feasibility: effort M 0.5, ratings 2 and 4 (median 3 → 0.5) → 0.5.
    let mut a = PriorityInput::new(gap("g5/item/q1", 1.0 / 6.0, -1.0, Some((-1.5, -0.5))));
    a.stated_importance = Some(StatedImportance { points: 30.0, max_points: 30.0 });
    a.derived_importance = Some(DerivedImportance::survey(0.6));
    a.reach = Some(Reach { share: 0.5, basis: ReachBasis::RespondentsBelowExpectation, n: 100 });
    a.history = vec![WaveSize { wave: slug("w1"), size: 0.1 }];
    a.ratings = vec![rating(Some(Effort::M), None, Some(2)), rating(Some(Effort::M), None, Some(4))];
    // B: an attainment gap of 0.3, exact: severity 0.3, a breach → urgency 1; impact and
    // feasibility missing.
    let b = PriorityInput::new(gap("g3/standard/frt", 0.3, -0.3, None));
    // C: judged high impact, low urgency: severity = impact = 5/6, urgency 1/6.
    let mut c = gap("note/chat", 0.0, 0.0, None);
    c.size = None;
    c.judged = Some(Judged { impact: Level::High, urgency: Level::Low });
    vec![a, b, PriorityInput::new(c)]
}

#[test]
fn issue_15_hand_worked_ranking_with_missing_components() {
    let ranking = rank(&hand_worked(), [0.4, 0.3, 0.2, 0.1]);
    let ids: Vec<String> = ranking.rows.iter().map(|r| r.gap.id.to_string()).collect();
    assert_eq!(ids, ["note/chat", "g3/standard/frt", "g5/item/q1"]);
    let [c, b, a] = &ranking.rows[..] else { panic!("three rows") };
    // C: feasibility missing, counted as 0.5: 0.4·5/6 + 0.3·5/6 + 0.2·1/6 + 0.1·0.5 = 2/3.
    close(c.score.unwrap(), 0.4 * 5.0 / 6.0 + 0.3 * 5.0 / 6.0 + 0.2 / 6.0 + 0.1 * 0.5);
    close(c.score.unwrap(), 2.0 / 3.0);
    assert_eq!(c.missing, [Component::Feasibility]);
    assert_eq!(c.assumed, [Component::Feasibility]);
    assert_eq!(c.reasons[Component::Feasibility.index()], Some(MissingReason::NotRated));
    close(c.contributions[Component::Feasibility.index()].unwrap(), 0.05);
    assert_eq!(c.quadrant, Some(Quadrant::Plan));
    assert_eq!(c.components.severity.unwrap().basis, SeverityBasis::Judged(Level::High));
    // B: impact and feasibility missing, each 0.5: 0.4·0.3 + 0.3·0.5 + 0.2·1 + 0.1·0.5 = 0.52.
    close(b.score.unwrap(), 0.52);
    assert_eq!(b.missing, [Component::Impact, Component::Feasibility]);
    assert_eq!(b.assumed, b.missing);
    assert_eq!(b.quadrant, None, "an assumed impact does not place a gap in the matrix");
    assert_eq!(b.components.urgency.unwrap().breach, Some(true));
    close(b.weights[0].unwrap(), 0.4);
    close(b.weights[1].unwrap(), 0.3);
    // A: every component measured: 0.4/12 + 0.3·0.4 + 0.2·2/3 + 0.1·0.5 = 0.33667.
    let sa = a.components.severity.unwrap();
    assert_eq!(sa.basis, SeverityBasis::Shrunk);
    close(sa.value, 1.0 / 12.0);
    let ia = a.components.impact.unwrap();
    close(ia.importance, 0.8);
    close(ia.value, 0.4);
    let ua = a.components.urgency.unwrap();
    close(ua.trend.unwrap().slope, 1.0 / 6.0 - 0.1);
    close(ua.value, 2.0 / 3.0);
    let fa = a.components.feasibility.unwrap();
    assert_eq!(fa.effort, Some(Effort::M));
    let r = fa.rating.unwrap();
    assert_eq!((r.median, r.q1, r.q3, r.min, r.max), (3.0, 2.5, 3.5, 2, 4));
    close(fa.value, 0.5);
    close(a.score.unwrap(), 0.4 / 12.0 + 0.12 + 0.4 / 3.0 + 0.05);
    assert!(a.assumed.is_empty() && a.reasons == [None; 4]);
    for row in &ranking.rows {
        let sum: f64 = row.contributions.iter().flatten().sum();
        close(sum, row.score.unwrap());
    }
    assert_eq!(a.quadrant, Some(Quadrant::QuickWins));
    assert_eq!(ranking.rows.iter().map(|r| r.rank).collect::<Vec<_>>(), [Some(1), Some(2), Some(3)]);
}

#[test]
fn issue_15_renormalise_leaves_missing_components_out() {
    let w = weights([0.4, 0.3, 0.2, 0.1]).with_missing(MissingComponents::Renormalise).unwrap();
    let ranking = Ranking::new(&hand_worked(), w, &PriorityFilter::default(), AS_OF);
    let [c, b, _] = &ranking.rows[..] else { panic!("three rows") };
    // C: (0.4·5/6 + 0.3·5/6 + 0.2·1/6) / 0.9; B: (0.4·0.3 + 0.2·1) / 0.6.
    close(c.score.unwrap(), (0.4 * 5.0 / 6.0 + 0.3 * 5.0 / 6.0 + 0.2 / 6.0) / 0.9);
    close(b.score.unwrap(), 0.32 / 0.6);
    close(b.weights[0].unwrap(), 0.4 / 0.6);
    assert_eq!((b.weights[1], b.contributions[1]), (None, None));
    assert!(b.assumed.is_empty(), "nothing is assumed when missing components are left out");
    assert_eq!(b.missing, [Component::Impact, Component::Feasibility]);
    let sum: f64 = b.contributions.iter().flatten().sum();
    close(sum, b.score.unwrap());
}

#[test]
fn issue_15_a_gap_with_less_data_no_longer_outranks_one_measured_on_everything() {
    // X: severity 0.8 (exact), nothing else measured; it touches its item, whose importance
    // the survey did not measure. Y: severity 0.7, impact 0.9 (stated importance, no reach),
    // urgency 1 − 73/365 = 0.8, feasibility (rating 4 − 1)/4 = 0.75.
    let mut x = PriorityInput::new(gap("g5/item/x", 0.8, -4.8, None));
    x.touched = vec![crate::study::SurveyRef::Item("x".into())];
    let mut y = PriorityInput::new(gap("g5/item/y", 0.7, -4.2, None));
    y.stated_importance = Some(StatedImportance { points: 0.9, max_points: 1.0 });
    y.deadline = Some(AS_OF.saturating_add(jiff::Span::new().days(73)));
    y.ratings = vec![rating(None, None, Some(4))];
    let inputs = [x, y];
    let w = [0.35, 0.30, 0.20, 0.15];
    // Neutral 0.5: X = 0.35·0.8 + (0.30 + 0.20 + 0.15)·0.5 = 0.605;
    // Y = 0.35·0.7 + 0.30·0.9 + 0.20·0.8 + 0.15·0.75 = 0.7875.
    let neutral = rank(&inputs, w);
    assert_eq!(neutral.rows[0].gap.id.to_string(), "g5/item/y");
    close(neutral.rows[0].score.unwrap(), 0.7875);
    close(neutral.rows[1].score.unwrap(), 0.605);
    let x_row = &neutral.rows[1];
    assert_eq!(x_row.assumed, [Component::Impact, Component::Urgency, Component::Feasibility]);
    assert_eq!(
        x_row.reasons,
        [
            None,
            Some(MissingReason::ImportanceNotMeasured),
            Some(MissingReason::NoUrgencySignal),
            Some(MissingReason::NotRated)
        ]
    );
    // Renormalised, X scores its severity alone (0.8) and comes first.
    let old = Ranking::new(
        &inputs,
        weights(w).with_missing(MissingComponents::Renormalise).unwrap(),
        &PriorityFilter::default(),
        AS_OF,
    );
    assert_eq!(old.rows[0].gap.id.to_string(), "g5/item/x");
    close(old.rows[0].score.unwrap(), 0.8);
    // Another neutral value moves X only: 0.28 + 0.65·m.
    let low = weights(w).with_missing(MissingComponents::Neutral(0.0)).unwrap();
    let ranked = Ranking::new(&inputs, low, &PriorityFilter::default(), AS_OF);
    close(ranked.rows[1].score.unwrap(), 0.28);
    assert!(weights(w).with_missing(MissingComponents::Neutral(1.5)).is_err());
    assert!(weights(w).with_missing(MissingComponents::Neutral(f64::NAN)).is_err());
}

#[test]
fn issue_15_a_kpi_gap_without_linked_items_says_why_impact_is_missing() {
    let kpi = PriorityInput::new(gap("kpi/first-response/median", 1.0, 2.0, None));
    let row = &rank(&[kpi], [0.35, 0.30, 0.20, 0.15]).rows[0];
    assert_eq!(row.reasons[Component::Impact.index()], Some(MissingReason::KpiWithoutLinkedItems));
    assert_eq!(row.reasons[Component::Severity.index()], None);
    assert_eq!(MissingReason::KpiWithoutLinkedItems.id(), "kpi-without-linked-items");
    let note = PriorityInput::new(gap("g1/importance", 0.5, -0.5, None));
    let row = &rank(&[note], [0.35, 0.30, 0.20, 0.15]).rows[0];
    assert_eq!(row.reasons[Component::Impact.index()], Some(MissingReason::NothingTouched));
}

#[test]
fn issue_15_ties_share_a_rank_and_are_listed_by_id() {
    let inputs: Vec<PriorityInput> =
        [("g5/item/b", 0.2), ("g5/item/a", 0.2), ("g5/item/c", 0.5), ("g5/item/d", 0.1)]
            .into_iter()
            .map(|(id, s)| PriorityInput::new(gap(id, s, -s * 6.0, None)))
            .collect();
    let ranking = rank(&inputs, [1.0, 0.0, 0.0, 0.0]);
    let rows: Vec<(String, Option<usize>)> =
        ranking.rows.iter().map(|r| (r.gap.id.to_string(), r.rank)).collect();
    let expected = [("g5/item/c", 1), ("g5/item/a", 2), ("g5/item/b", 2), ("g5/item/d", 4)];
    assert_eq!(rows, expected.map(|(id, r)| (id.to_owned(), Some(r))));
    assert_eq!(ranking.top(2).count(), 3, "a tie at the edge of the top 2 is kept");
}

#[test]
fn issue_15_a_row_without_a_weighted_component_has_no_rank_and_comes_last() {
    let mut only_feasible = PriorityInput::new(gap("g5/item/a", 0.0, 0.0, None));
    only_feasible.gap.size = None;
    only_feasible.ratings = vec![rating(Some(Effort::Xs), None, None)];
    let other = PriorityInput::new(gap("g5/item/b", 0.1, -0.6, None));
    let ranking = rank(&[only_feasible, other], [1.0, 1.0, 1.0, 0.0]);
    assert_eq!(ranking.rows[0].gap.id.to_string(), "g5/item/b");
    assert_eq!((ranking.rows[1].score, ranking.rows[1].rank), (None, None));
    assert_eq!(ranking.rows[1].missing, [Component::Severity, Component::Impact, Component::Urgency]);
    assert!(ranking.rows[1].assumed.is_empty(), "nothing is assumed in a row without a score");
    assert_eq!(ranking.rows[1].weights, [None; 4]);
    close(ranking.rows[1].components.feasibility.unwrap().value, 1.0);
}

#[test]
fn issue_15_weights_are_validated() {
    assert!(PriorityWeights::new([0.0; 4]).is_err());
    assert!(PriorityWeights::new([1.0, -0.1, 0.0, 0.0]).is_err());
    assert!(PriorityWeights::new([1.0, f64::NAN, 0.0, 0.0]).is_err());
    assert!(PriorityWeights::new([0.0, 0.0, 0.0, 2.0]).is_ok());
}

#[test]
fn issue_15_urgency_signals_deadline_and_minimum() {
    let mut input = PriorityInput::new(gap("g5/item/a", 0.1, -0.6, None));
    input.deadline = Some(date(2026, 9, 28)); // 90 days after 30 June
    let u = Components::of(&input, None, AS_OF).urgency.unwrap();
    assert_eq!(u.deadline.unwrap().days_left, 90);
    close(u.value, 1.0 - 90.0 / 365.0);
    input.below_minimum = Some(true);
    close(Components::of(&input, None, AS_OF).urgency.unwrap().value, 1.0);
    input.deadline = Some(date(2026, 6, 1));
    let d = Components::of(&input, None, AS_OF).urgency.unwrap().deadline.unwrap();
    assert_eq!((d.days_left, d.score), (-29, 1.0));
    // A customer gap with one wave, no deadline and no band has no urgency.
    assert!(Components::of(&PriorityInput::new(gap("g5/item/a", 0.1, -0.6, None)), None, AS_OF)
        .urgency
        .is_none());
}

#[test]
fn issue_15_feasibility_cost_relative_to_the_dearest_gap() {
    let mut cheap = PriorityInput::new(gap("g5/item/a", 0.1, -0.6, None));
    cheap.ratings = vec![rating(None, Some(1000.0), None), rating(None, Some(3000.0), None)];
    let mut dear = PriorityInput::new(gap("g5/item/b", 0.1, -0.6, None));
    dear.ratings = vec![rating(None, Some(8000.0), Some(5))];
    let ranking = rank(&[cheap, dear], [0.0, 0.0, 0.0, 1.0]);
    let by_id = |id: &str| ranking.rows.iter().find(|r| r.gap.id.to_string() == id).unwrap();
    let a = by_id("g5/item/a").components.feasibility.unwrap();
    assert_eq!(a.cost, Some(2000.0));
    close(a.value, 0.75);
    close(by_id("g5/item/b").components.feasibility.unwrap().value, 0.5); // cost 0, rating 1
}

#[test]
fn issue_15_filter_by_department_and_unit_ranks_within_the_selection() {
    let mut it = PriorityInput::new(gap("g5/item/a", 0.5, -3.0, None));
    it.gap.departments = vec![slug("it")];
    let cs = PriorityInput::new(gap("g5/item/b", 0.1, -0.6, None));
    let filter = PriorityFilter { department: Some(slug("cs")), unit: Some(slug("all")) };
    let ranking = Ranking::new(&[it, cs], PriorityWeights::DEFAULT, &filter, AS_OF);
    assert_eq!(ranking.rows.len(), 1);
    assert_eq!(ranking.rows[0].rank, Some(1));
}

#[test]
fn issue_15_stability_same_seed_same_output_and_a_clear_leader() {
    let mut inputs: Vec<PriorityInput> = (0..6)
        .map(|i| {
            let size = 0.05 + 0.01 * f64::from(i);
            PriorityInput::new(gap(&format!("g5/item/i{i}"), size, -size * 6.0, Some((-size * 12.0, 0.1))))
        })
        .collect();
    inputs.push(PriorityInput::new(gap("g5/item/leader", 0.9, -5.4, Some((-5.5, -5.3)))));
    let ranking = rank(&inputs, [0.4, 0.3, 0.2, 0.1]);
    let settings = StabilitySettings { draws: 400, top_k: 3, ..StabilitySettings::DEFAULT };
    let one = Stability::new(&ranking, settings).unwrap();
    let two = Stability::new(&ranking, settings).unwrap();
    assert_eq!(one, two);
    let leader = &one.rows[0];
    assert_eq!(leader.gap.to_string(), "g5/item/leader");
    assert_eq!((leader.p_first, leader.rank_low, leader.rank_high), (1.0, Some(1), Some(1)));
    assert!(one.rows[1..].iter().all(|r| r.resampled && r.p_first == 0.0));
    assert!(one.rows[1..].iter().any(|r| r.p_top_k > 0.0 && r.p_top_k < 1.0), "noisy gaps swap places");
    let other = Stability::new(&ranking, StabilitySettings { seed: 16, ..settings }).unwrap();
    assert_ne!(one, other);
    assert!(Stability::new(&ranking, StabilitySettings { draws: 0, ..settings }).is_err());
}

/// Inputs whose components are set directly: severity = exact size, impact = stated
/// importance, urgency = a deadline d days away, feasibility = a rating 1–5.
/// Severity, stated importance, days to the deadline, rating.
type Direct = (f64, Option<f64>, Option<u16>, Option<u8>);

fn direct(i: usize, c: &Direct) -> PriorityInput {
    let mut input = PriorityInput::new(gap(&format!("g5/item/i{i}"), c.0, -c.0 * 6.0, None));
    input.stated_importance = c.1.map(|points| StatedImportance { points, max_points: 1.0 });
    input.deadline = c.2.map(|d| AS_OF.saturating_add(jiff::Span::new().days(i64::from(d))));
    input.ratings = c.3.map(|r| vec![rating(None, None, Some(r))]).unwrap_or_default();
    input
}

fn components() -> impl Strategy<Value = Vec<Direct>> {
    prop::collection::vec(
        (0.0..1.0f64, prop::option::of(0.0..1.0f64), prop::option::of(0u16..400), prop::option::of(1u8..=5)),
        1..12,
    )
}

fn missing_rule() -> impl Strategy<Value = MissingComponents> {
    prop_oneof![Just(MissingComponents::Renormalise), (0.0..=1.0f64).prop_map(MissingComponents::Neutral)]
}

fn weight_vector() -> impl Strategy<Value = [f64; 4]> {
    [0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, 0.01..1.0f64]
}

fn summary(r: &Ranking) -> Vec<(String, Option<usize>, Option<i64>)> {
    r.rows.iter().map(|x| (x.gap.id.to_string(), x.rank, x.score.map(|s| (s * 1e9).round() as i64))).collect()
}

proptest! {
    #[test]
    fn issue_15_property_order_of_gaps_does_not_matter(
        cs in components(), w in weight_vector(), rot in 0usize..12, rule in missing_rule()
    ) {
        let inputs: Vec<PriorityInput> = cs.iter().enumerate().map(|(i, c)| direct(i, c)).collect();
        let mut rotated = inputs.clone();
        rotated.rotate_left(rot % inputs.len());
        rotated.reverse();
        prop_assert_eq!(summary(&rank_with(&inputs, w, rule)), summary(&rank_with(&rotated, w, rule)));
    }

    #[test]
    fn issue_15_property_monotone_in_each_component(
        cs in components(), w in weight_vector(), which in 0usize..12, component in 0usize..4, bump in 0.0..1.0f64,
        rule in missing_rule()
    ) {
        let inputs: Vec<PriorityInput> = cs.iter().enumerate().map(|(i, c)| direct(i, c)).collect();
        let target = which % inputs.len();
        let mut better = cs.clone();
        let c = &mut better[target];
        match component {
            0 => c.0 = (c.0 + bump).min(1.0),
            1 => c.1 = c.1.map(|x| (x + bump).min(1.0)),
            2 => c.2 = c.2.map(|d| d.saturating_sub((bump * 400.0) as u16)),
            _ => c.3 = c.3.map(|r| (r + (bump * 4.0) as u8).min(5)),
        }
        let raised: Vec<PriorityInput> = better.iter().enumerate().map(|(i, c)| direct(i, c)).collect();
        let id = inputs[target].gap.id.to_string();
        let find = |r: &Ranking| r.rows.iter().find(|x| x.gap.id.to_string() == id).map(|x| (x.score, x.rank)).unwrap();
        let (before, after) = (find(&rank_with(&inputs, w, rule)), find(&rank_with(&raised, w, rule)));
        if let (Some(s0), Some(s1)) = (before.0, after.0) {
            prop_assert!(s1 >= s0 - 1e-12, "score fell from {} to {}", s0, s1);
        }
        if let (Some(r0), Some(r1)) = (before.1, after.1) {
            prop_assert!(r1 <= r0, "rank worsened from {} to {}", r0, r1);
        }
    }

    #[test]
    fn issue_15_property_one_weight_reproduces_that_components_ranking(
        cs in components(), component in 0usize..4, rule in missing_rule()
    ) {
        let inputs: Vec<PriorityInput> = cs.iter().enumerate().map(|(i, c)| direct(i, c)).collect();
        let mut w = [0.0; 4];
        w[component] = 1.0;
        // A row missing the one weighted component has no weighted component measured, so
        // no score and no rank, under either rule; the others are ranked by it alone.
        let ranking = rank_with(&inputs, w, rule);
        let c = Component::ALL[component];
        for row in &ranking.rows {
            let value = row.components.value(c);
            prop_assert_eq!(row.score.is_some(), value.is_some());
            let Some(v) = value else { continue };
            let above = ranking.rows.iter().filter_map(|o| o.components.value(c)).filter(|x| *x > v + 1e-9).count();
            prop_assert_eq!(row.rank, Some(above + 1));
        }
    }
}

#[test]
fn issue_15_stability_matches_the_normal_probability_of_two_gaps_swapping() {
    // Two survey gaps on a 1–7 scale (k = 1/6), CIs of half-width 0.6 and 0.8 (z = 1.96):
    // severities 1/6·(1.2 − 0.6) = 0.1 and 1/6·(1.0 − 0.8) = 0.0333 shift by the redrawn
    // difference, so P(B above A) = Φ(−(0.1 − 0.0333) / √((0.1/1.96)² + (0.8/6/1.96)²))
    // = Φ(−0.78399) = 0.21652 (Python: 0.5·(1 + math.erf(−z/√2))). Draws where both
    // severities fall below 0 clamp to 0 and tie, giving B rank 1 too: at most
    // P(A < 0) = Φ(−1.96) = 0.025 of the draws, so the check allows 0.01 beyond 4 SE.
    let a = PriorityInput::new(gap("g5/item/a", 1.2 / 6.0, -1.2, Some((-1.8, -0.6))));
    let b = PriorityInput::new(gap("g5/item/b", 1.0 / 6.0, -1.0, Some((-1.8, -0.2))));
    let ranking = rank(&[a, b], [1.0, 0.0, 0.0, 0.0]);
    close(ranking.rows[0].score.unwrap(), 0.1);
    close(ranking.rows[1].score.unwrap(), 0.2 / 6.0);
    let settings =
        StabilitySettings { draws: 20_000, top_k: 1, weight_range: 0.0, ..StabilitySettings::DEFAULT };
    let s = Stability::new(&ranking, settings).unwrap();
    let se_a: f64 = 0.6 / 6.0 / 1.959_963_984_540_054;
    let se_b: f64 = 0.8 / 6.0 / 1.959_963_984_540_054;
    let z = (0.1 - 0.2 / 6.0) / (se_a * se_a + se_b * se_b).sqrt();
    close(z, 0.783_985_593_816_021_8);
    let expected = 0.216_524_281_748_302_35; // Φ(−z)
    let observed = s.rows[1].p_first;
    let tolerance = 4.0 * (expected * (1.0 - expected) / 20_000.0f64).sqrt();
    assert!((observed - expected).abs() < tolerance + 0.01, "P(B first) = {observed}, expected {expected}");
}

/// A KPI gap "first response within 1 h" whose tickets gave the CSAT table
/// [[met satisfied, met not], [missed satisfied, missed not]] and the met/missed counts of
/// every ticket with a first response.
fn kpi_gap_with_tickets(table: [[u64; 2]; 2], met: u64, missed: u64) -> Gap {
    use crate::kpi::{Clock, ConditionCounts, Direction, DurationKpi, MetSatisfied, TicketCondition};
    let mut g = gap("kpi/first-response/median", 1.0, 2.0, None);
    g.measure_unit = GapUnit::Seconds;
    g.direction = GapDirection::LowerIsBetter;
    let condition = TicketCondition::Within {
        kpi: DurationKpi::FirstResponse,
        clock: Clock::Business,
        seconds: 3600,
        direction: Direction::LowerIsBetter,
    };
    let table = MetSatisfied {
        met_satisfied: table[0][0],
        met_unsatisfied: table[0][1],
        missed_satisfied: table[1][0],
        missed_unsatisfied: table[1][1],
    };
    let counts = ConditionCounts { table, met, missed };
    g.evidence.satisfaction = Some(crate::kpi::TicketSatisfaction::measured(condition, counts, 0.95));
    g
}

/// The input the pipeline builds for a KPI gap without linked items: derived importance and
/// reach from the gap's ticket counts.
fn kpi_input(gap: Gap, level: f64) -> PriorityInput {
    let mut input = PriorityInput::new(gap);
    input.derived_importance = facts::derived_importance_of(&input.gap, None, &[], level);
    input.reach = facts::ticket_reach(&input.gap);
    input
}

#[test]
fn issue_15_kpi_gap_impact_is_phi_of_its_ticket_association_times_the_missed_share() {
    // [[65, 35], [35, 65]]: every margin 100, φ = (65·65 − 35·35) / √(100⁴) = 3000/10000 = 0.3.
    // 300 of the 500 tickets with a first response missed 1 h: reach 0.6. Impact 0.3 · 0.6.
    let input = kpi_input(kpi_gap_with_tickets([[65, 35], [35, 65]], 200, 300), 0.95);
    let derived = input.derived_importance.unwrap();
    assert_eq!(derived.value, 0.3);
    let DerivedBasis::TicketAssociation(a) = derived.basis else { panic!("{derived:?}") };
    assert_eq!((a.satisfied_when_met, a.satisfied_when_missed, a.level), (0.65, 0.35, 0.95));
    let reach = input.reach.unwrap();
    assert_eq!((reach.share, reach.n, reach.basis), (0.6, 500, ReachBasis::TicketsMissed));
    let row = &rank(&[input], [0.35, 0.30, 0.20, 0.15]).rows[0];
    let impact = row.components.impact.unwrap();
    close(impact.value, 0.18);
    assert_eq!(impact.derived_basis.map(|b| b.id()), Some("ticket-association"));
    assert_eq!(row.reasons[Component::Impact.index()], None);
    assert_eq!(row.assumed, [Component::Feasibility]);
    // 0.35 · 1 + 0.30 · 0.18 + 0.20 · 1 (a breach) + 0.15 · 0.5 = 0.679.
    close(row.score.unwrap(), 0.679);
    // The interval follows the level asked for; the statistics do not.
    let at_90 = kpi_input(kpi_gap_with_tickets([[65, 35], [35, 65]], 200, 300), 0.90);
    let Some(DerivedImportance { basis: DerivedBasis::TicketAssociation(b), .. }) = at_90.derived_importance
    else {
        panic!("measured")
    };
    assert_eq!((b.level, b.phi), (0.90, a.phi));
    assert!(b.interval.low > a.interval.low && b.interval.high < a.interval.high);
}

#[test]
fn issue_15_kpi_gap_with_a_negative_association_has_impact_0() {
    // [[35, 65], [65, 35]]: φ = −0.3, counted as 0 like a negative survey r; measured, not missing.
    let input = kpi_input(kpi_gap_with_tickets([[35, 65], [65, 35]], 200, 300), 0.95);
    assert_eq!(input.derived_importance.unwrap().value, -0.3);
    let row = &rank(&[input], [0.35, 0.30, 0.20, 0.15]).rows[0];
    let impact = row.components.impact.unwrap();
    assert_eq!((impact.derived, impact.value), (Some(0.0), 0.0));
    assert!(!row.missing.contains(&Component::Impact));
    // 0.35 + 0 + 0.20 + 0.15 · 0.5.
    close(row.score.unwrap(), 0.625);
}

#[test]
fn issue_15_kpi_gap_whose_association_is_not_measurable_stays_neutral_with_the_cause() {
    use crate::kpi::{NotPerTicket, TicketSatisfaction};
    let cases = [
        ([[0, 0], [0, 0]], "kpi-association-no-rated-tickets"),
        ([[5, 5], [0, 0]], "kpi-association-all-met"),
        ([[0, 0], [5, 5]], "kpi-association-all-missed"),
        ([[5, 0], [5, 0]], "kpi-association-all-satisfied"),
        ([[0, 5], [0, 5]], "kpi-association-none-satisfied"),
    ];
    for (table, id) in cases {
        let input = kpi_input(kpi_gap_with_tickets(table, 20, 30), 0.95);
        assert_eq!(input.derived_importance, None, "{id}");
        // The reach is still counted, but without an importance there is no impact.
        assert_eq!(input.reach.map(|r| r.share), Some(0.6), "{id}");
        let row = &rank(&[input], [0.35, 0.30, 0.20, 0.15]).rows[0];
        let reason = row.reasons[Component::Impact.index()].unwrap();
        assert_eq!(reason.id(), id);
        assert_eq!(row.assumed, [Component::Impact, Component::Feasibility], "{id}");
        // Neutral: 0.35 + 0.30 · 0.5 + 0.20 + 0.15 · 0.5.
        close(row.score.unwrap(), 0.775);
    }
    // A backlog or response-rate target has no per-ticket condition, and no reach.
    let mut backlog = gap("kpi/backlog", 1.0, 2.0, None);
    backlog.evidence.satisfaction = Some(TicketSatisfaction::NotPerTicket(NotPerTicket::NotATicketProperty));
    let input = kpi_input(backlog, 0.95);
    assert_eq!((input.derived_importance, input.reach), (None, None));
    let row = &rank(&[input], [0.35, 0.30, 0.20, 0.15]).rows[0];
    assert_eq!(row.reasons[Component::Impact.index()], Some(MissingReason::KpiNotPerTicket));
    assert_eq!(MissingReason::KpiNotPerTicket.id(), "kpi-not-per-ticket");
    // A KPI gap without ticket counts at all (built elsewhere) keeps the old reason.
    let bare = kpi_input(gap("kpi/first-response/median", 1.0, 2.0, None), 0.95);
    let row = &rank(&[bare], [0.35, 0.30, 0.20, 0.15]).rows[0];
    assert_eq!(row.reasons[Component::Impact.index()], Some(MissingReason::KpiWithoutLinkedItems));
}

#[test]
fn issue_15_csat_gap_is_satisfaction_itself_before_any_ticket_association() {
    use crate::kpi::{NotPerTicket, TicketSatisfaction};
    let mut csat = gap("kpi/csat", 0.2, -0.2, None);
    csat.evidence.satisfaction = Some(TicketSatisfaction::NotPerTicket(NotPerTicket::SatisfactionItself));
    let derived = facts::derived_importance_of(&csat, None, &[], 0.95).unwrap();
    assert_eq!((derived.value, derived.basis), (1.0, DerivedBasis::SatisfactionItself));
    assert_eq!(DerivedBasis::SurveyCorrelation.id(), "survey-correlation");
    assert_eq!(DerivedImportance::survey(0.4).basis.id(), "survey-correlation");
}
