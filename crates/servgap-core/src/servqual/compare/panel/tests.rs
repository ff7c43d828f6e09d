//! Panels analysed as paired data (issue 12, item 8): values against scipy `ttest_rel`
//! and statsmodels Holm (crates/servgap-core/tests/oracles/waves_oracles.py), the design
//! rule, and order independence of the exact sums.

use super::*;
use crate::servqual::Coverage;

use crate::servqual::compare::tests::{close, instrument};

/// Respondent `j` of wave `w` in the oracle script.
fn ratings(w: i64, j: i64) -> Vec<Option<i16>> {
    (0..4_i64)
        .flat_map(|i| {
            let e = 1 + (3 * j + 5 * i + w) % 7;
            let p = (1 + (j * j + 2 * i + (j * i) % 3) % 5 + if i == 0 { 2 * w } else { 0 }).min(7);
            [Some(e as i16), Some(p as i16)]
        })
        .collect()
}

fn scores(partials: &SurveyPartials, w: i64, j: i64) -> RespondentScores {
    let r = ratings(w, j);
    RespondentScores::new(partials, &Respondent { ratings: &r, importance: &[], overall: None })
}

// Output of waves_oracles.py, "PANEL": n, mean, t, p, CI (scipy ttest_rel, wave 2 − wave 1, ids 0..11).
const PANEL: [(Scope, [f64; 6]); 4] = [
    (
        Scope::Dimension(0),
        [12.0, 0.875, 1.914854215512676, 0.0818642311656944, -0.1307486358378256, 1.880748635837826],
    ),
    (
        Scope::Dimension(1),
        [
            12.0,
            0.1666666666666667,
            0.3350296971302449,
            0.7439045892158257,
            -0.9282537632457458,
            1.261587096579079,
        ],
    ),
    (
        Scope::Overall,
        [
            12.0,
            0.5208333333333334,
            2.002185394933529,
            0.07053931079927632,
            -0.05171426413117941,
            1.093380930797846,
        ],
    ),
    (
        Scope::Item(0),
        [
            12.0,
            2.166666666666667,
            2.754588009492674,
            0.01873631706636201,
            0.4354454590796766,
            3.897887874253656,
        ],
    ),
];

#[test]
fn issue_12_panel_matches_scipy_ttest_rel() {
    let shape = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
    let mut panel = PanelPartials::new(&shape);
    for j in 0..12 {
        panel.add(&scores(&shape, 0, j), &scores(&shape, 1, j));
    }
    let cmp = PanelComparison::new(&panel, &AnalysisOptions::default());
    assert_eq!(cmp.matched, 12);
    assert_eq!((cmp.item_tests, cmp.score_tests), (4, 3));
    for (scope, want) in PANEL {
        let c = cmp.changes.iter().find(|c| c.scope == scope).unwrap();
        assert_eq!(c.n, 12);
        close(c.mean.unwrap(), want[1], 1e-12);
        let t = c.t.unwrap();
        close(t.t, want[2], 1e-9);
        close(t.p, want[3], 1e-9);
        close(t.ci_low, want[4], 1e-9);
        close(t.ci_high, want[5], 1e-9);
        assert!(c.wilcoxon.is_some(), "signed-rank test of {scope:?}");
    }
    // statsmodels multipletests(method='holm') over the four item p-values.
    let a1 = cmp.changes.iter().find(|c| c.scope == Scope::Item(0)).unwrap();
    close(a1.p_holm.unwrap(), 0.07494526826544802, 1e-9);
    assert_eq!(a1.verdict, Verdict::Unchanged, "unadjusted p 0.019, Holm p 0.075");
}

#[test]
fn issue_12_panel_sums_ignore_order_and_chunking() {
    let shape = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
    let mut forward = PanelPartials::new(&shape);
    for j in 0..12 {
        forward.add(&scores(&shape, 0, j), &scores(&shape, 2, j));
    }
    let (mut first, mut second) = (PanelPartials::new(&shape), PanelPartials::new(&shape));
    for j in (0..12).rev() {
        let target = if j % 3 == 0 { &mut first } else { &mut second };
        target.add(&scores(&shape, 0, j), &scores(&shape, 2, j));
    }
    first.merge(&second);
    assert_eq!(forward, first);
}

#[test]
fn issue_12_panel_design_rule() {
    assert_eq!(Design::decide([100, 80], 40, None), Design::Paired, "half of the smaller wave");
    assert_eq!(Design::decide([100, 80], 39, None), Design::Independent);
    assert_eq!(Design::decide([0, 80], 0, None), Design::Independent, "no ids");
    assert_eq!(Design::decide([3, 3], 1, None), Design::Independent, "one pair cannot be tested");
    assert_eq!(Design::decide([100, 80], 0, Some(Design::Paired)), Design::Paired, "--paired");
    assert_eq!(Design::decide([100, 80], 80, Some(Design::Independent)), Design::Independent);
}

#[test]
fn issue_12_respondent_scores_follow_the_coverage_rule() {
    let shape = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
    // a1 answered (E 2, P 5), a2 missing, b1 and b2 missing: dimension a from one of two items.
    let r = [Some(2), Some(5), None, Some(4), None, None, None, None];
    let s = RespondentScores::new(&shape, &Respondent { ratings: &r, importance: &[], overall: None });
    let l = shape.denominator;
    assert_eq!(s.values[..4], [Some(3), None, None, None]);
    assert_eq!(s.values[4], Some(3 * l), "dimension a = 3 scaled by L");
    assert_eq!(s.values[5], None, "dimension b: no item");
    assert_eq!(s.values[6], None, "overall needs every dimension");
}

#[test]
fn issue_15_paired_change_of_a_customer_gap_is_the_panels_paired_change() {
    use crate::study::progress::panel::{customer_score, paired_change};
    use crate::study::{GapId, Slug, SurveyRef};
    let shape = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
    let mut panel = PanelPartials::new(&shape);
    for j in 0..12 {
        panel.add(&scores(&shape, 0, j), &scores(&shape, 1, j));
    }
    let cmp = PanelComparison::new(&panel, &AnalysisOptions::default());
    // g5/dimension/a and g5/item/a1 are the scores scipy's ttest_rel checked above.
    for (id, scope) in [
        (GapId::Customer(SurveyRef::Dimension("a".into())), Scope::Dimension(0)),
        (GapId::Customer(SurveyRef::Item("a1".into())), Scope::Item(0)),
    ] {
        assert_eq!(customer_score(&shape, &id), Some((scope, Some(crate::servqual::Comparison::Gap))));
        let change = paired_change(&panel, &shape, &id).unwrap();
        let want = cmp.changes.iter().find(|c| c.scope == scope).unwrap();
        assert_eq!(change.n, 12);
        close(change.mean, want.mean.unwrap(), 1e-12);
        close(change.variance, want.sd.unwrap().powi(2), 1e-12);
        // The histogram is the panel's exact one: its counts add up to n, its values are scaled integers.
        assert_eq!(change.histogram.iter().map(|(_, c)| c).sum::<u64>(), 12);
    }
    // Other gaps, and unknown items, have no paired change.
    let kpi_like = GapId::Standard(Slug::new("standard", "frt-4h").unwrap());
    assert_eq!(customer_score(&shape, &kpi_like), None);
    assert!(paired_change(&panel, &shape, &GapId::Customer(SurveyRef::Item("zz".into()))).is_none());
}
