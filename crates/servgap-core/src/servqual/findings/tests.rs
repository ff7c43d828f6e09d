//! Insights on hand-built analyses: each threshold, and the ranking rule.

use super::*;
use crate::instrument::{Dimension, Format, InstrumentSpec, Item, Localized, Scale};
use crate::servqual::{
    AnalysisOptions, BatteryStats, ComparisonStats, DifferenceReliability, DimensionResult, IpaPoint,
    ItemResult, ScaleReliability,
};
use crate::stats::paired::TTest;

/// Two dimensions (a: items 0, 1; b: item 2), 1–7, two-column.
fn instrument() -> Instrument {
    let dimension =
        |id: &str| Dimension { id: id.into(), name: Localized::new(), description: Localized::new() };
    let item = |id: &str, d: usize| Item {
        id: id.into(),
        dimension: d,
        reverse_keyed: false,
        text: Localized::new().with("en", id),
    };
    InstrumentSpec {
        id: "t".into(),
        title: Localized::new().with("en", "T"),
        format: Format::TwoColumn,
        scale: Scale::new(1, 7).unwrap(),
        dimensions: vec![dimension("a"), dimension("b")],
        items: vec![item("a1", 0), item("a2", 0), item("b1", 1)],
        importance: true,
        overall: None,
    }
    .build()
    .unwrap()
}

fn gap(n: u64, mean: f64, p_holm: f64) -> ComparisonStats {
    ComparisonStats {
        comparison: Comparison::Gap,
        n,
        mean: Some(mean),
        sd: Some(1.0),
        se: Some(0.1),
        negative: None,
        t_test: Some(TTest {
            t: mean * 10.0,
            df: n as f64 - 1.0,
            p: p_holm,
            ci_low: mean - 0.2,
            ci_high: mean + 0.2,
        }),
        wilcoxon: None,
        d_z: Some(mean),
        d_av: None,
        t_p_holm: Some(p_holm),
        t_p_bh: Some(p_holm),
        wilcoxon_p_holm: None,
        wilcoxon_p_bh: None,
    }
}

fn item(index: usize, dimension: usize, n: u64, mean: f64, p_holm: f64) -> ItemResult {
    ItemResult {
        index,
        id: format!("i{index}"),
        dimension,
        n,
        batteries: vec![],
        comparisons: vec![gap(n, mean, p_holm)],
        zone: None,
        satisfaction_correlation: None,
        satisfaction_suppressed: None,
    }
}

fn scale(label: &str, alpha: f64) -> ScaleReliability {
    ScaleReliability {
        label: label.into(),
        n: 100,
        k: 2,
        alpha: Some(alpha),
        alpha_ci: None,
        standardized_alpha: None,
        spearman_brown: None,
        alpha_if_deleted: vec![],
        item_total: vec![],
        suppressed: None,
    }
}

fn dimension(
    index: usize,
    n: u64,
    mean: f64,
    alphas: &[(&str, f64)],
    r_dd: f64,
    r_px: f64,
) -> DimensionResult {
    DimensionResult {
        index,
        id: format!("d{index}"),
        n,
        batteries: vec![BatteryStats {
            battery: Battery::Perceived,
            n,
            mean: Some(5.0 + mean),
            sd: Some(1.0),
        }],
        comparisons: vec![gap(n, mean, 0.001)],
        zone: None,
        reliability: alphas.iter().map(|&(l, a)| scale(l, a)).collect(),
        difference_reliability: vec![DifferenceReliability {
            comparison: Comparison::Gap,
            n,
            alpha_p: None,
            alpha_x: None,
            r_px: Some(r_px),
            r_dd: Some(r_dd),
            r_diff_p: None,
            r_diff_x: None,
            suppressed: None,
        }],
        importance: None,
    }
}

fn ipa(item: usize, stated: Option<IpaQuadrant>, derived: Option<IpaQuadrant>) -> IpaPoint {
    IpaPoint {
        item,
        performance: 5.0,
        stated_importance: None,
        stated_quadrant: stated,
        stated_suppressed: None,
        derived_importance: None,
        derived_quadrant: derived,
        derived_suppressed: None,
    }
}

fn analysis(items: Vec<ItemResult>, dimensions: Vec<DimensionResult>) -> SurveyAnalysis {
    SurveyAnalysis {
        options: AnalysisOptions::default(),
        respondents: 100,
        fully_covered: 100,
        coverage_share: 0.5,
        items,
        dimensions,
        overall: vec![],
        reliability: vec![],
        renormalised_allocations: 0,
        satisfaction_n: 0,
        ipa: vec![],
        ipa_crosshairs: None,
        score_distributions: vec![],
    }
}

fn healthy_dims() -> Vec<DimensionResult> {
    vec![dimension(0, 100, -1.0, &[("P", 0.8)], 0.8, 0.1), dimension(1, 100, -0.4, &[("P", 0.9)], 0.8, 0.1)]
}

fn kinds(list: &[Insight]) -> Vec<InsightKind> {
    list.iter().map(Insight::kind).collect()
}

#[test]
fn significant_shortfalls_are_ranked_largest_first_and_insignificant_ones_left_out() {
    let a = analysis(
        vec![item(0, 0, 100, -0.5, 0.01), item(1, 0, 100, -1.2, 0.001), item(2, 1, 100, -2.0, 0.2)],
        healthy_dims(),
    );
    let found = insights(&a, &instrument());
    let Insight::LargestSignificantGaps { comparison, significant, items } = &found[0] else {
        panic!("{found:?}")
    };
    assert_eq!(*comparison, Comparison::Gap);
    assert_eq!(*significant, 2, "item 2 has p_holm 0.2");
    assert_eq!(items.iter().map(|g| g.item).collect::<Vec<_>>(), [1, 0]);
    assert_eq!(items[0].ci, Some((-1.4, -1.0)));
    assert_eq!(kinds(&found), [InsightKind::LargestSignificantGaps, InsightKind::WeakestDimension]);
    assert!(matches!(found[1], Insight::WeakestDimension { dimension: 0, mean, .. } if mean == -1.0));
}

#[test]
fn positive_or_insignificant_gaps_give_no_significant_gaps() {
    let a = analysis(vec![item(0, 0, 100, 0.5, 0.001), item(1, 0, 100, -0.3, 0.06)], healthy_dims());
    let found = insights(&a, &instrument());
    assert_eq!(found[0], Insight::NoSignificantGaps { comparison: Comparison::Gap });
}

#[test]
fn only_the_top_three_items_are_named_but_all_are_counted() {
    let items = (0..6).map(|i| item(i, 0, 100, -0.1 * (i as f64 + 1.0), 0.001)).collect();
    let found = insights(&analysis(items, healthy_dims()), &instrument());
    let Insight::LargestSignificantGaps { significant, items, .. } = &found[0] else { panic!() };
    assert_eq!(*significant, 6);
    assert_eq!(items.iter().map(|g| g.item).collect::<Vec<_>>(), [5, 4, 3]);
}

#[test]
fn concentrate_here_lists_quadrant_a_items_per_importance_basis() {
    let mut a = analysis(vec![item(0, 0, 100, 0.1, 0.5)], healthy_dims());
    a.ipa = vec![
        ipa(0, Some(IpaQuadrant::ConcentrateHere), Some(IpaQuadrant::LowPriority)),
        ipa(1, Some(IpaQuadrant::KeepUpTheGoodWork), Some(IpaQuadrant::ConcentrateHere)),
        ipa(2, Some(IpaQuadrant::ConcentrateHere), None),
    ];
    let found = insights(&a, &instrument());
    let concentrate: Vec<&Insight> =
        found.iter().filter(|i| i.kind() == InsightKind::ConcentrateHere).collect();
    assert_eq!(
        concentrate,
        [
            &Insight::ConcentrateHere { basis: ImportanceBasis::Stated, items: vec![0, 2] },
            &Insight::ConcentrateHere { basis: ImportanceBasis::Derived, items: vec![1] },
        ]
    );
}

#[test]
fn warnings_follow_the_findings_lowest_reliability_first() {
    let mut dims = vec![
        dimension(0, 100, -1.0, &[("E", 0.69), ("P", 0.5)], 0.65, 0.1),
        dimension(1, 20, -0.4, &[("P", 0.70)], 0.9, 0.55),
    ];
    dims[1].reliability.push(scale("gap", 0.9));
    let mut a = analysis(vec![item(0, 0, 100, -1.0, 0.001), item(2, 1, 12, -0.2, 0.3)], dims);
    a.reliability = vec![scale("P", 0.95)];
    a.renormalised_allocations = 3;
    let found = insights(&a, &instrument());
    assert_eq!(
        kinds(&found),
        [
            InsightKind::LargestSignificantGaps,
            InsightKind::WeakestDimension,
            InsightKind::LowReliability,
            InsightKind::LowReliability,
            InsightKind::DifferenceScoreUnreliable,
            InsightKind::DifferenceScoreUnreliable,
            InsightKind::SmallSample,
            InsightKind::RenormalisedAllocations,
        ]
    );
    assert_eq!(found[2], Insight::LowReliability { dimension: Some(0), scale: "P".into(), alpha: 0.5 });
    assert_eq!(found[3], Insight::LowReliability { dimension: Some(0), scale: "E".into(), alpha: 0.69 });
    // r_DD .65 (dimension 0) is more severe than r(P, E) .55 with r_DD .90 (dimension 1).
    assert!(matches!(found[4], Insight::DifferenceScoreUnreliable { dimension: 0, .. }));
    assert!(matches!(found[5], Insight::DifferenceScoreUnreliable { dimension: 1, .. }));
    assert_eq!(found[6], Insight::SmallSample { items: vec![2], dimensions: vec![1], min_n: 12 });
    assert_eq!(found[7], Insight::RenormalisedAllocations { respondents: 3 });
    assert!(found[2..].iter().all(|i| i.kind().is_warning()));
    assert!(found[..2].iter().all(|i| !i.kind().is_warning()));
}

#[test]
fn perceptions_only_names_the_dimension_with_the_lowest_p() {
    let servperf = instrument().with_format(Format::PerceptionsOnly, Scale::new(1, 7).unwrap());
    let mut a = analysis(vec![], healthy_dims());
    for d in &mut a.dimensions {
        d.comparisons.clear();
        d.difference_reliability.clear();
    }
    let found = insights(&a, &servperf);
    assert_eq!(
        found,
        [Insight::WeakestDimension { comparison: None, dimension: 0, mean: 4.0, ci: None, p_holm: None }]
    );
}

#[test]
fn issue_16_thresholds_are_decided_once_in_the_core() {
    assert!(alpha_is_low(Some(0.69)) && !alpha_is_low(Some(0.70)) && !alpha_is_low(None));
    assert!(difference_is_unreliable(Some(0.5)) && !difference_is_unreliable(Some(0.7)));
    assert!(is_small_sample(29) && !is_small_sample(30));
    assert!(is_significant(Some(0.049)) && !is_significant(Some(0.05)) && !is_significant(None));
}

#[test]
fn issue_16_rankings_put_the_largest_shortfall_first_and_keep_ties_in_order() {
    let items = vec![item(0, 0, 50, -0.5, 0.01), item(1, 0, 50, -1.5, 0.01), item(2, 1, 50, -0.5, 0.01)];
    let dims = vec![dimension(0, 100, -0.2, &[], 0.8, 0.1), dimension(1, 100, -0.9, &[], 0.8, 0.1)];
    let rankings = analysis(items, dims).rankings();
    assert_eq!(rankings.len(), 1);
    assert_eq!(rankings[0].comparison, Some(Comparison::Gap));
    assert_eq!(rankings[0].items, vec![1, 0, 2], "ties (items 0 and 2) in instrument order");
    assert_eq!(rankings[0].dimensions, vec![1, 0]);
}
