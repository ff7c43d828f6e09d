use proptest::prelude::*;

use super::*;
use crate::instrument::{Dimension, Format, Instrument, InstrumentSpec, Item, Localized, Scale};

const TOL: f64 = 1e-12;

#[track_caller]
fn close(got: Option<f64>, want: f64) {
    let got = got.unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

/// Two dimensions of two items each, 1–7, with a 100-point allocation and an overall item.
fn small_instrument(format: Format) -> Instrument {
    small_instrument_keyed(format, false)
}

/// [`small_instrument`], with item `a2` reverse-keyed when `reverse_a2` is set.
fn small_instrument_keyed(format: Format, reverse_a2: bool) -> Instrument {
    let dimension = |id: &str| Dimension {
        id: id.into(),
        name: Localized::new().with("en", id),
        description: Localized::new(),
    };
    let item = |id: &str, d: usize| Item {
        id: id.into(),
        dimension: d,
        reverse_keyed: false,
        text: Localized::new().with("en", id),
    };
    InstrumentSpec {
        id: "small".into(),
        title: Localized::new().with("en", "Small"),
        format,
        scale: Scale::new(1, 7).unwrap(),
        dimensions: vec![dimension("a"), dimension("b")],
        items: vec![
            item("a1", 0),
            Item { reverse_keyed: reverse_a2, ..item("a2", 0) },
            item("b1", 1),
            item("b2", 1),
        ],
        importance: true,
        overall: Some(Scale::new(1, 7).unwrap()),
    }
    .build()
    .unwrap()
}

#[derive(Debug, Clone)]
struct Row {
    ratings: Vec<Option<i16>>,
    importance: Vec<Option<i32>>,
    overall: Option<i16>,
}

fn pairs(ep: &[(i16, i16)], importance: [i32; 2]) -> Row {
    Row {
        ratings: ep.iter().flat_map(|&(e, p)| [Some(e), Some(p)]).collect(),
        importance: importance.iter().map(|&p| Some(p)).collect(),
        overall: None,
    }
}

fn partials_of(instrument: &Instrument, rows: &[Row]) -> SurveyPartials {
    let mut partials = SurveyPartials::new(instrument, Coverage::HALF).unwrap();
    for r in rows {
        partials.add(&Respondent { ratings: &r.ratings, importance: &r.importance, overall: r.overall });
    }
    partials
}

fn hand_worked_rows() -> Vec<Row> {
    vec![
        pairs(&[(5, 3), (6, 4), (4, 4), (7, 5)], [60, 40]),
        pairs(&[(6, 6), (7, 5), (5, 3), (6, 6)], [50, 50]),
        pairs(&[(4, 5), (5, 5), (6, 2), (5, 4)], [70, 30]),
    ]
}

fn overall(analysis: &SurveyAnalysis, kind: OverallKind, comparison: Option<Comparison>) -> OverallScore {
    *analysis.overall.iter().find(|o| o.kind == kind && o.comparison == comparison).unwrap()
}

/// Worked by hand: item gaps a1 = (−2, 0, 1), a2 = (−2, −2, 0), b1 = (0, −2, −4), b2 = (−2, 0, −1);
/// dimension scores A = (−2, −1, 0.5), B = (−1, −1, −2.5); U = (−1.5, −1, −1);
/// W = (0.6·−2 + 0.4·−1, 0.5·−1 + 0.5·−1, 0.7·0.5 + 0.3·−2.5) = (−1.6, −1, −0.4).
#[test]
fn hand_worked_two_column_scores() {
    let analysis = partials_of(&small_instrument(Format::TwoColumn), &hand_worked_rows())
        .finish(&AnalysisOptions::default());
    let gap = |i: usize| analysis.items[i].comparisons[0];
    close(gap(0).mean, -1.0 / 3.0);
    close(gap(1).mean, -4.0 / 3.0);
    close(gap(2).mean, -2.0);
    close(gap(3).mean, -1.0);
    // a1: Σ(d − d̄)² = 14/3, s² = 7/3; t = d̄/(s/√3).
    close(gap(0).sd, (7.0f64 / 3.0).sqrt());
    let t = gap(0).t_test.unwrap();
    assert!((t.t - (-1.0 / 3.0) / ((7.0f64 / 3.0).sqrt() / 3f64.sqrt())).abs() < TOL);
    assert_eq!(t.df, 2.0);
    close(analysis.items[0].batteries[0].mean, 5.0);
    close(analysis.items[0].batteries[1].mean, 14.0 / 3.0);

    close(analysis.dimensions[0].comparisons[0].mean, -2.5 / 3.0);
    close(analysis.dimensions[1].comparisons[0].mean, -1.5);
    // Dimension A scores −2, −1, 0.5: s² = ((−7/6)² + (−1/6)² + (4/3)²)/2 = 19/12.
    close(analysis.dimensions[0].comparisons[0].sd, (19.0f64 / 12.0).sqrt());

    close(overall(&analysis, OverallKind::Unweighted, Some(Comparison::Gap)).mean, -3.5 / 3.0);
    close(overall(&analysis, OverallKind::MeanOfDimensions, Some(Comparison::Gap)).mean, -3.5 / 3.0);
    let weighted = overall(&analysis, OverallKind::Weighted, Some(Comparison::Gap));
    close(weighted.mean, -1.0);
    // W = (−1.6, −1, −0.4): s² = (0.36 + 0 + 0.36)/2 = 0.36.
    close(weighted.sd, 0.6);
    assert_eq!(weighted.n, 3);
    // SERVPERF: P dimension means A = (3.5, 5.5, 5), B = (4.5, 4.5, 3); P overall = (4, 5, 4).
    close(overall(&analysis, OverallKind::Unweighted, None).mean, 13.0 / 3.0);
    close(analysis.dimensions[0].importance.map(|i| i.mean_points), 60.0);
}

#[test]
fn renormalises_allocations_that_do_not_total_100() {
    let mut rows = hand_worked_rows();
    // 30 + 20 = 50 points: same weights as 60/40.
    rows[0].importance = vec![Some(30), Some(20)];
    let analysis =
        partials_of(&small_instrument(Format::TwoColumn), &rows).finish(&AnalysisOptions::default());
    close(overall(&analysis, OverallKind::Weighted, Some(Comparison::Gap)).mean, -1.0);
    close(overall(&analysis, OverallKind::Weighted, Some(Comparison::Gap)).sd, 0.6);
    assert_eq!(analysis.renormalised_allocations, 1);
    close(analysis.dimensions[0].importance.map(|i| i.mean_points), 60.0);
}

#[test]
fn coverage_rule_keeps_half_answered_dimensions() {
    let mut rows = hand_worked_rows();
    // Respondent 1 loses P of item a2: dimension A from a1 alone (gap −2); item a2 has two pairs.
    rows[0].ratings[3] = None;
    let analysis =
        partials_of(&small_instrument(Format::TwoColumn), &rows).finish(&AnalysisOptions::default());
    assert_eq!(analysis.items[1].n, 2);
    assert_eq!(analysis.dimensions[0].n, 3);
    close(analysis.dimensions[0].comparisons[0].mean, (-2.0 - 1.0 + 0.5) / 3.0);
    // Reliability is listwise per scale: E keeps the respondent, P and the gap drop them.
    let n: Vec<(&str, u64)> =
        analysis.dimensions[0].reliability.iter().map(|r| (r.label.as_str(), r.n)).collect();
    assert_eq!(n, vec![("E", 3), ("P", 2), ("gap", 2)]);

    let mut strict = SurveyPartials::new(&small_instrument(Format::TwoColumn), Coverage::ALL).unwrap();
    for r in &rows {
        strict.add(&Respondent { ratings: &r.ratings, importance: &r.importance, overall: r.overall });
    }
    assert_eq!(strict.finish(&AnalysisOptions::default()).dimensions[0].n, 2);
}

#[test]
fn reverse_keyed_items_are_reversed_before_scoring() {
    let mut instrument_spec = small_instrument(Format::TwoColumn);
    let mut items = instrument_spec.items().to_vec();
    items[0].reverse_keyed = true;
    instrument_spec = InstrumentSpec {
        id: "rev".into(),
        title: instrument_spec.title().clone(),
        format: Format::TwoColumn,
        scale: instrument_spec.scale(),
        dimensions: instrument_spec.dimensions().to_vec(),
        items,
        importance: true,
        overall: None,
    }
    .build()
    .unwrap();
    let analysis = partials_of(&instrument_spec, &hand_worked_rows()).finish(&AnalysisOptions::default());
    // a1 answers (E, P) = (5,3), (6,6), (4,5) become (3,5), (2,2), (4,3): gaps 2, 0, −1.
    close(analysis.items[0].comparisons[0].mean, 1.0 / 3.0);
    close(analysis.items[0].batteries[0].mean, 3.0);
}

#[test]
fn three_column_zone_positions_and_measures() {
    let instrument = small_instrument(Format::ThreeColumn);
    let row = |amp: &[(i16, i16, i16)]| Row {
        ratings: amp.iter().flat_map(|&(a, d, p)| [Some(a), Some(d), Some(p)]).collect(),
        importance: vec![Some(50), Some(50)],
        overall: None,
    };
    // Item a1: P below (A=5,D=7,P=3), inside (4,6,5), above (2,4,6), inverted (6,4,5).
    let rows = vec![
        row(&[(5, 7, 3), (4, 6, 5), (4, 6, 5), (4, 6, 5)]),
        row(&[(4, 6, 5), (4, 6, 5), (4, 6, 5), (4, 6, 5)]),
        row(&[(2, 4, 6), (4, 6, 5), (4, 6, 5), (4, 6, 5)]),
        row(&[(6, 4, 5), (4, 6, 5), (4, 6, 5), (4, 6, 5)]),
    ];
    let analysis = partials_of(&instrument, &rows).finish(&AnalysisOptions::default());
    let zone = analysis.items[0].zone.unwrap();
    assert_eq!((zone.below, zone.inside, zone.above, zone.inverted), (1, 1, 1, 1));
    // MSA = P − A: −2, 1, 4, −1; MSS = P − D: −4, −1, 2, 1.
    close(analysis.items[0].comparisons[0].mean, 0.5);
    close(analysis.items[0].comparisons[1].mean, -0.5);
    assert_eq!(analysis.items[0].comparisons[0].comparison, Comparison::Adequacy);
    assert_eq!(analysis.items[1].zone.unwrap().inside, 4);
}

#[test]
fn findings_name_each_broken_rule() {
    let instrument = small_instrument(Format::ThreeColumn);
    let ratings = vec![
        Some(6),
        Some(4),
        Some(5), // inverted zone on a1
        Some(4),
        None,
        Some(5), // incomplete a2
        Some(4),
        Some(6),
        Some(5),
        Some(4),
        Some(6),
        Some(6),
    ];
    let mut out = Vec::new();
    let importance = [Some(60), Some(60)];
    check_respondent(
        &instrument,
        7,
        &Respondent { ratings: &ratings, importance: &importance, overall: None },
        &mut out,
    );
    let rules: Vec<(Rule, &str)> = out.iter().map(|f| (f.rule, f.value.as_str())).collect();
    assert_eq!(
        rules,
        vec![
            (Rule::InvertedZone, "A=6 > D=4"),
            (Rule::IncompletePair, "A=4, D=blank, P=5"),
            (Rule::ImportanceSum, "120"),
        ]
    );
    assert!(out.iter().all(|f| f.row == 7));

    let mut out = Vec::new();
    let flat = vec![Some(4); 8];
    check_respondent(
        &small_instrument(Format::TwoColumn),
        3,
        &Respondent { ratings: &flat, importance: &[Some(50), None], overall: None },
        &mut out,
    );
    let rules: Vec<(Rule, &str)> = out.iter().map(|f| (f.rule, f.value.as_str())).collect();
    assert_eq!(
        rules,
        vec![
            (Rule::StraightLining, "4"),
            (Rule::StraightLining, "4"),
            (Rule::ImportanceInvalid, "50, blank")
        ]
    );
}

#[test]
fn finding_log_keeps_the_earliest_samples_whatever_the_order() {
    let finding =
        |row| Finding { row, location: Location::Response, rule: Rule::EmptyResponse, value: String::new() };
    let mut forward = FindingLog::new(2);
    let mut backward = FindingLog::new(2);
    for row in 1..=5 {
        forward.record(finding(row));
        backward.record(finding(6 - row));
    }
    assert_eq!(forward, backward);
    assert_eq!(forward.count(Rule::EmptyResponse), 5);
    assert_eq!(forward.samples(Rule::EmptyResponse).iter().map(|f| f.row).collect::<Vec<_>>(), vec![1, 2]);
    let mut merged = FindingLog::new(2);
    merged.merge(&backward);
    merged.merge(&forward);
    assert_eq!(merged.count(Rule::EmptyResponse), 10);
    assert_eq!(merged.samples(Rule::EmptyResponse).len(), 2);
}

fn arb_rows() -> impl Strategy<Value = Vec<Row>> {
    let cell = prop_oneof![9 => (1i16..=7).prop_map(Some), 1 => Just(None)];
    let row = (
        prop::collection::vec(cell, 8),
        prop_oneof![3 => (0i32..=100).prop_map(|a| vec![Some(a), Some(100 - a)]), 1 => (0i32..=60, 0i32..=60).prop_map(|(a, b)| vec![Some(a), Some(b)])],
        prop::option::of(1i16..=7),
    )
        .prop_map(|(ratings, importance, overall)| Row { ratings, importance, overall });
    prop::collection::vec(row, 0..40)
}

#[test]
fn issue_15_negative_differences_are_counted_per_item_and_dimension() {
    // P − E per respondent: a1 −2, 0, +1; a2 −2, −2, 0; b1 0, −2, −4; b2 −2, 0, −1;
    // dimension means a −2, −1, +0.5; b −1, −1, −2.5.
    let analysis = partials_of(&small_instrument(Format::TwoColumn), &hand_worked_rows())
        .finish(&AnalysisOptions::default());
    let items: Vec<Option<u64>> = analysis.items.iter().map(|i| i.comparisons[0].negative).collect();
    assert_eq!(items, [Some(1), Some(2), Some(2), Some(2)]);
    let dimensions: Vec<Option<u64>> =
        analysis.dimensions.iter().map(|d| d.comparisons[0].negative).collect();
    assert_eq!(dimensions, [Some(2), Some(3)]);
}

proptest! {
    #[test]
    fn issue_15_negative_count_equals_the_rows_with_p_below_e(rows in arb_rows(), cut in 0usize..40) {
        let instrument = small_instrument(Format::TwoColumn);
        let cut = cut.min(rows.len());
        let mut partials = partials_of(&instrument, &rows[..cut]);
        partials.merge(&partials_of(&instrument, &rows[cut..])).unwrap();
        let analysis = partials.finish(&AnalysisOptions::default());
        for (i, item) in analysis.items.iter().enumerate() {
            let counted = rows
                .iter()
                .filter(|r| matches!((r.ratings[2 * i], r.ratings[2 * i + 1]), (Some(e), Some(p)) if p < e))
                .count() as u64;
            prop_assert_eq!(item.comparisons[0].negative, Some(counted));
        }
    }

    #[test]
    fn identical_perceptions_and_expectations_give_zero_gaps(values in prop::collection::vec(prop::collection::vec(1i16..=7, 4), 1..30)) {
        let rows: Vec<Row> = values.iter().map(|v| pairs(&v.iter().map(|&x| (x, x)).collect::<Vec<_>>(), [50, 50])).collect();
        let analysis = partials_of(&small_instrument(Format::TwoColumn), &rows).finish(&AnalysisOptions::default());
        for item in &analysis.items {
            prop_assert_eq!(item.comparisons[0].mean, Some(0.0));
            prop_assert!(item.comparisons[0].t_test.is_none());
            prop_assert!(item.comparisons[0].wilcoxon.is_none());
        }
        for score in &analysis.overall {
            if score.comparison.is_some() {
                prop_assert_eq!(score.mean, Some(0.0));
            }
        }
    }

    #[test]
    fn results_do_not_depend_on_row_order(rows in arb_rows(), seed in any::<u64>()) {
        let instrument = small_instrument(Format::TwoColumn);
        let forward = partials_of(&instrument, &rows);
        let mut shuffled: Vec<&Row> = rows.iter().collect();
        // Deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut other = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
        for r in shuffled {
            other.add(&Respondent { ratings: &r.ratings, importance: &r.importance, overall: r.overall });
        }
        prop_assert_eq!(&forward, &other);
        prop_assert_eq!(forward.finish(&AnalysisOptions::default()), other.finish(&AnalysisOptions::default()));
    }

    #[test]
    fn merging_chunks_equals_one_pass(rows in arb_rows(), cut in 0usize..40) {
        let instrument = small_instrument(Format::TwoColumn);
        let cut = cut.min(rows.len());
        let whole = partials_of(&instrument, &rows);
        let mut left = partials_of(&instrument, &rows[..cut]);
        let right = partials_of(&instrument, &rows[cut..]);
        left.merge(&right).unwrap();
        prop_assert_eq!(&whole, &left);
        prop_assert_eq!(whole.finish(&AnalysisOptions::default()), left.finish(&AnalysisOptions::default()));
    }

    #[test]
    fn equal_weights_reproduce_the_unweighted_score(rows in arb_rows(), points in 1i32..=50) {
        let rows: Vec<Row> = rows.into_iter().map(|r| Row { importance: vec![Some(points), Some(points)], ..r }).collect();
        let analysis = partials_of(&small_instrument(Format::TwoColumn), &rows).finish(&AnalysisOptions::default());
        let unweighted = overall(&analysis, OverallKind::Unweighted, Some(Comparison::Gap));
        let Some(weighted) = analysis.overall.iter().find(|o| o.kind == OverallKind::Weighted).copied() else {
            // No allocation at all (no rows): no weighted score is reported.
            prop_assert_eq!(analysis.respondents, 0);
            return Ok(());
        };
        prop_assert_eq!(unweighted.n, weighted.n);
        match (unweighted.mean, weighted.mean) {
            (Some(u), Some(w)) => prop_assert!((u - w).abs() < TOL),
            (u, w) => prop_assert_eq!(u, w),
        }
        match (unweighted.sd, weighted.sd) {
            (Some(u), Some(w)) => prop_assert!((u - w).abs() < 1e-9),
            (u, w) => prop_assert_eq!(u, w),
        }
    }

    #[test]
    fn dimension_mean_lies_between_item_extremes(rows in arb_rows()) {
        let analysis = partials_of(&small_instrument(Format::TwoColumn), &rows).finish(&AnalysisOptions::default());
        for d in &analysis.dimensions {
            if let Some(mean) = d.batteries[1].mean {
                prop_assert!((1.0..=7.0).contains(&mean));
            }
        }
    }
}

/// Dimension a answers (E1, P1, E2, P2), `None` = blank.
type DimensionA = (Option<i16>, Option<i16>, Option<i16>, Option<i16>);

/// Rows of dimension a (dimension b is filler).
fn dimension_a_rows(rows: &[DimensionA]) -> Vec<Row> {
    rows.iter()
        .map(|&(e1, p1, e2, p2)| Row {
            ratings: vec![e1, p1, e2, p2, Some(4), Some(5), Some(5), Some(4)],
            importance: vec![Some(50), Some(50)],
            overall: None,
        })
        .collect()
}

fn complete(rows: &[(i16, i16, i16, i16)]) -> Vec<DimensionA> {
    rows.iter().map(|&(a, b, c, d)| (Some(a), Some(b), Some(c), Some(d))).collect()
}

/// Issue 12 item 3: every ingredient of r_DD comes from the respondents complete on
/// both batteries, while each battery's own alpha keeps its larger sample. Oracle:
/// `tests/oracles/analysis_oracles.py` (`R_DD_ROWS`; pingouin `cronbach_alpha`, numpy).
#[test]
fn issue_12_difference_reliability_uses_one_sample() {
    let mut rows = complete(&[
        (5, 3, 6, 4),
        (6, 6, 7, 5),
        (4, 5, 5, 5),
        (3, 2, 4, 3),
        (7, 6, 6, 6),
        (5, 4, 5, 3),
        (6, 3, 6, 4),
        (2, 2, 3, 3),
        (4, 4, 4, 2),
        (6, 5, 7, 7),
        (5, 5, 4, 4),
        (3, 4, 2, 4),
    ]);
    rows.extend([
        (Some(7), Some(1), Some(1), None),
        (Some(1), Some(6), Some(7), None),
        (Some(2), Some(7), Some(6), None),
        (None, Some(7), Some(3), Some(1)),
        (None, Some(1), Some(5), Some(7)),
    ]);
    let analysis = partials_of(&small_instrument(Format::TwoColumn), &dimension_a_rows(&rows))
        .finish(&AnalysisOptions::default());
    let dim = &analysis.dimensions[0];
    let diff = &dim.difference_reliability[0];
    assert_eq!(diff.n, 12);
    close(diff.alpha_p, 0.7876631079478056);
    close(diff.alpha_x, 0.9130816505706758);
    close(diff.r_px, 0.6888554892192181);
    close(diff.r_dd, 0.5601265822784803);
    assert_eq!(diff.suppressed, None);
    assert!(diff.is_small_sample() && !diff.is_negative());
    // The battery alphas still use each battery's complete cases (15 for E, 14 for P);
    // mixing them into r_DD gave −2.3216845648288045.
    let (e, p) = (&dim.reliability[0], &dim.reliability[1]);
    assert_eq!((e.label.as_str(), e.n, p.label.as_str(), p.n), ("E", 15, "P", 14));
    close(e.alpha, 0.07133421400264228);
    close(p.alpha, -0.23553299492385804);
}

/// Issue 12 item 3: an r_DD below −1 is suppressed with its reason and still warned about.
/// Oracle: `R_DD_OUT_OF_RANGE_ROWS` of `tests/oracles/analysis_oracles.py` (r_DD = −26.67).
#[test]
fn issue_12_difference_reliability_below_minus_one_is_suppressed() {
    let rows = complete(&[(3, 6, 7, 2), (4, 2, 5, 5), (6, 6, 7, 7), (7, 2, 1, 4)]);
    let instrument = small_instrument(Format::TwoColumn);
    let analysis = partials_of(&instrument, &dimension_a_rows(&rows)).finish(&AnalysisOptions::default());
    let diff = &analysis.dimensions[0].difference_reliability[0];
    close(diff.alpha_x, -2.8571428571428568);
    close(diff.r_px, 0.9925833339709305);
    assert_eq!((diff.r_dd, diff.suppressed), (None, Some(Suppressed::OutOfRange)));
    let warned = insights(&analysis, &instrument)
        .iter()
        .any(|i| matches!(i, Insight::DifferenceScoreUnreliable { dimension: 0, r_dd: None, .. }));
    assert!(warned, "a suppressed out-of-range r_DD is reported as unreliable");
}

/// Issue 12 item 6: at n = 2 alpha, its Feldt interval, r_DD and every correlation are
/// suppressed with the reason (two points always correlate ±1), never 0 or NaN.
#[test]
fn issue_12_two_respondents_suppress_alpha_and_correlations() {
    let mut rows = dimension_a_rows(&complete(&[(5, 3, 6, 4), (2, 6, 3, 7)]));
    rows[0].overall = Some(3);
    rows[1].overall = Some(6);
    let analysis =
        partials_of(&small_instrument(Format::TwoColumn), &rows).finish(&AnalysisOptions::default());
    let too_few = Some(Suppressed::TooFewRespondents { n: 2, minimum: MIN_STATISTIC_N });
    for scale in analysis.dimensions[0].reliability.iter().chain(&analysis.reliability) {
        assert_eq!((scale.alpha, scale.alpha_ci, scale.suppressed), (None, None, too_few), "{}", scale.label);
        assert!(scale.item_total.iter().all(Option::is_none));
    }
    let diff = &analysis.dimensions[0].difference_reliability[0];
    assert_eq!((diff.r_dd, diff.r_px, diff.r_diff_p, diff.suppressed), (None, None, None, too_few));
    for item in &analysis.items {
        assert_eq!((item.satisfaction_correlation, item.satisfaction_suppressed), (None, too_few));
    }
    assert!(analysis.ipa.iter().all(|p| p.derived_importance.is_none() && p.derived_quadrant.is_none()));
    // A one-item scale has no alpha, whatever n.
    let single = super::analysis::scale_reliability_for_tests(50, 1);
    assert_eq!(single.suppressed, Some(Suppressed::TooFewItems));
}

/// Issue 12 item 5: the stated-importance crosshair is the equal share 100 / dimensions,
/// and no derived importance or quadrant rests on fewer than 30 respondents.
#[test]
fn issue_12_ipa_equal_share_crosshair_and_minimum_n() {
    let instrument = small_instrument(Format::TwoColumn);
    // Three respondents: importance (60, 40), (50, 50), (70, 30) → dimension a 60 points.
    let small = partials_of(&instrument, &hand_worked_rows()).finish(&AnalysisOptions::default());
    let cuts = small.ipa_crosshairs.unwrap();
    assert_eq!(cuts.stated_importance, Some(50.0), "100 / 2 dimensions, not the mean of 60 and 40");
    let point = &small.ipa[0];
    assert_eq!(point.stated_importance, Some(60.0));
    let too_few = Some(Suppressed::TooFewRespondents { n: 3, minimum: MIN_IPA_N });
    assert_eq!((point.stated_quadrant, point.stated_suppressed), (None, too_few));
    assert_eq!((point.derived_importance, point.derived_quadrant), (None, None));

    // Forty respondents with an overall answer: every basis is reported.
    let rows: Vec<Row> = (0..40_i16)
        .map(|j| {
            let p = 1 + j % 7;
            let q = 1 + (j * 3) % 7;
            Row {
                ratings: [(4, p), (5, q), (4, 8 - p), (3, q)]
                    .iter()
                    .flat_map(|&(e, p)| [Some(e), Some(p)])
                    .collect(),
                importance: vec![Some(30), Some(70)],
                overall: Some(1 + (j + p) % 7),
            }
        })
        .collect();
    let large = partials_of(&instrument, &rows).finish(&AnalysisOptions::default());
    let cuts = large.ipa_crosshairs.unwrap();
    assert_eq!(cuts.stated_importance, Some(50.0));
    let r: Vec<f64> = large.items.iter().map(|i| i.satisfaction_correlation.unwrap().0).collect();
    close(cuts.derived_importance, r.iter().sum::<f64>() / 4.0);
    for (point, item) in large.ipa.iter().zip(&large.items) {
        assert_eq!(point.derived_importance, Some(item.satisfaction_correlation.unwrap().0));
        assert!(point.derived_quadrant.is_some() && point.stated_quadrant.is_some());
        assert_eq!((point.stated_suppressed, point.derived_suppressed), (None, None));
        let high = point.stated_importance.unwrap() >= 50.0;
        assert_eq!(high, item.dimension == 1, "dimension b got 70 of 100 points");
    }
}

/// The rating slice cut to `len` cells: shorter (a missing tail) or longer (extra cells).
fn resized(ratings: &[Option<i16>], len: usize) -> Vec<Option<i16>> {
    let mut out = ratings.to_vec();
    out.resize(len, Some(4));
    out
}

proptest! {
    /// Issue 15 (SERVQUAL speed): the unrolled `add` and `check_respondent` treat a short
    /// rating slice as a missing tail and ignore cells past the instrument, exactly as the
    /// slice padded with blanks or cut to size, on two- and three-column instruments with
    /// a reverse-keyed item.
    #[test]
    fn issue_15_short_and_long_rating_slices_equal_their_padded_form(
        rows in arb_rows(),
        lengths in prop::collection::vec(0usize..14, 1..6),
        three_column in any::<bool>(),
    ) {
        let format = if three_column { Format::ThreeColumn } else { Format::TwoColumn };
        let instrument = small_instrument_keyed(format, true);
        let count = instrument.rating_count();
        let (mut cut, mut padded) = (partials_of(&instrument, &[]), partials_of(&instrument, &[]));
        for (i, row) in rows.iter().enumerate() {
            let widened = resized(&row.ratings, count);
            let given = resized(&widened, lengths[i % lengths.len()]);
            let mut exact = given.clone();
            exact.resize(count, None);
            let (mut found, mut expected) = (Vec::new(), Vec::new());
            let short = Respondent { ratings: &given, importance: &row.importance, overall: row.overall };
            let full = Respondent { ratings: &exact, importance: &row.importance, overall: row.overall };
            check_respondent(&instrument, i as u64, &short, &mut found);
            check_respondent(&instrument, i as u64, &full, &mut expected);
            prop_assert_eq!(found, expected);
            cut.add(&short);
            padded.add(&full);
        }
        prop_assert!(cut == padded);
        // Debug text, so that a NaN statistic compares equal to itself.
        let finish = |p: &SurveyPartials| format!("{:?}", p.finish(&AnalysisOptions::default()));
        prop_assert_eq!(finish(&cut), finish(&padded));
    }
}
