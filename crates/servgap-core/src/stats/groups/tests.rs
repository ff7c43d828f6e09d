//! Tests of [`super`] against scipy and pingouin (`tests/oracle.rs`, printed by
//! `crates/servgap-core/tests/oracles/groups_oracles.py`) and hand-worked cases.

mod oracle;

use proptest::prelude::*;

use super::{kruskal_wallis, one_way_anova, welch_anova, welch_t, GroupSummary};
use crate::stats::distributions::{chi_square_upper_p, f_upper_p};

/// Agreement with an independent double-precision implementation of the same formula.
const REL: f64 = 1e-12;
/// p-values through statrs's lnΓ / incomplete gamma, and Welch's df through the
/// t quantile: the agreement the brief asks for.
const REL_P: f64 = 1e-9;

#[track_caller]
fn check_rel(actual: f64, expected: f64, tol: f64, what: &str) {
    let ok = if expected == 0.0 { actual == 0.0 } else { (actual - expected).abs() <= tol * expected.abs() };
    assert!(
        ok,
        "{what}: got {actual:e}, expected {expected:e} (rel err {:e})",
        ((actual - expected) / expected).abs()
    );
}

/// (n, mean, sample variance) of integer values.
fn summary(values: &[i128]) -> GroupSummary {
    let n = values.len() as f64;
    let mean = values.iter().map(|&v| v as f64).sum::<f64>() / n;
    let variance = if values.len() > 1 {
        values.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    GroupSummary { n: values.len() as u64, mean, variance }
}

fn histogram(values: &[i128]) -> Vec<(i128, u64)> {
    let mut map = std::collections::BTreeMap::new();
    for &v in values {
        *map.entry(v).or_insert(0_u64) += 1;
    }
    map.into_iter().collect()
}

#[test]
fn f_upper_matches_scipy() {
    for &(x, d1, d2, p) in oracle::F_UPPER {
        check_rel(f_upper_p(x, d1, d2), p, REL_P, &format!("F({d1}, {d2}) > {x}"));
    }
}

#[test]
fn chi_square_upper_matches_scipy() {
    for &(x, df, p) in oracle::CHI2_UPPER {
        check_rel(chi_square_upper_p(x, df), p, REL_P, &format!("chi2({df}) > {x}"));
    }
}

#[test]
fn distribution_edge_cases() {
    assert_eq!(f_upper_p(0.0, 2.0, 10.0), 1.0);
    assert_eq!(f_upper_p(f64::INFINITY, 2.0, 10.0), 0.0);
    assert!(f_upper_p(1.0, 0.0, 10.0).is_nan());
    assert!(f_upper_p(f64::NAN, 2.0, 10.0).is_nan());
    assert_eq!(chi_square_upper_p(0.0, 3.0), 1.0);
    assert_eq!(chi_square_upper_p(f64::INFINITY, 3.0), 0.0);
    assert!(chi_square_upper_p(1.0, -1.0).is_nan());
    // df = 2: the tail is exactly e^(−x/2).
    check_rel(chi_square_upper_p(7.0, 2.0), (-3.5_f64).exp(), 1e-14, "chi2(2)");
}

#[test]
fn small_groups_match_scipy_and_pingouin() {
    for (case, &(groups, (f, p), (wf, wd1, wd2, wp), (h, hp))) in oracle::SMALL_GROUPS.iter().enumerate() {
        let summaries: Vec<GroupSummary> = groups.iter().map(|g| summary(g)).collect();
        let anova = one_way_anova(&summaries).unwrap();
        check_rel(anova.f, f, REL, &format!("case {case}: F"));
        check_rel(anova.p, p, REL_P, &format!("case {case}: p"));
        let welch = welch_anova(&summaries).unwrap();
        check_rel(welch.f, wf, REL, &format!("case {case}: Welch F"));
        check_rel(welch.df1, wd1, REL, &format!("case {case}: Welch df1"));
        check_rel(welch.df2, wd2, REL, &format!("case {case}: Welch df2"));
        check_rel(welch.p, wp, REL_P, &format!("case {case}: Welch p"));
        let histograms: Vec<Vec<(i128, u64)>> = groups.iter().map(|g| histogram(g)).collect();
        let kw = kruskal_wallis(&histograms).unwrap();
        check_rel(kw.h, h, REL, &format!("case {case}: H"));
        check_rel(kw.p, hp, REL_P, &format!("case {case}: H p"));
        assert_eq!(kw.df, (groups.len() - 1) as f64);
    }
}

#[test]
fn welch_t_matches_scipy() {
    for &(x, y, (t, df, p, low, high)) in oracle::SMALL_WELCH {
        let r = welch_t(&summary(x), &summary(y), 0.95).unwrap();
        check_rel(r.t, t, REL, "t");
        check_rel(r.df, df, REL, "df");
        check_rel(r.p, p, REL_P, "p");
        check_rel(r.ci_low, low, REL_P, "ci low");
        check_rel(r.ci_high, high, REL_P, "ci high");
    }
}

/// The demo survey by branch: respondent-level dimension gap scores (issue 3, item 4).
#[test]
fn demo_branches_match_scipy_and_pingouin() {
    for &(scope, histograms, summaries, (f, p), (wf, wd1, wd2, wp), (h, hp)) in oracle::DEMO_BRANCHES {
        let groups: Vec<GroupSummary> =
            summaries.iter().map(|&(n, mean, variance)| GroupSummary { n, mean, variance }).collect();
        let anova = one_way_anova(&groups).unwrap();
        check_rel(anova.f, f, 1e-11, &format!("{scope}: F"));
        check_rel(anova.p, p, REL_P, &format!("{scope}: p"));
        let welch = welch_anova(&groups).unwrap();
        check_rel(welch.f, wf, 1e-11, &format!("{scope}: Welch F"));
        check_rel(welch.df1, wd1, REL, &format!("{scope}: Welch df1"));
        check_rel(welch.df2, wd2, 1e-11, &format!("{scope}: Welch df2"));
        check_rel(welch.p, wp, REL_P, &format!("{scope}: Welch p"));
        let histograms: Vec<Vec<(i128, u64)>> = histograms.iter().map(|h| h.to_vec()).collect();
        let kw = kruskal_wallis(&histograms).unwrap();
        check_rel(kw.h, h, 1e-11, &format!("{scope}: H"));
        check_rel(kw.p, hp, REL_P, &format!("{scope}: H p"));
        assert!(kw.tie_correction < 1.0 && kw.tie_correction > 0.9, "{scope}: ties are common");
    }
}

/// Demo against the second demo wave, from (n, mean, variance) as scipy saw them (issue 3, item 5).
#[test]
fn waves_match_scipy() {
    for &(scope, before, after, (t, df, p, low, high)) in oracle::WAVES {
        let g = |(n, mean, variance): (u64, f64, f64)| GroupSummary { n, mean, variance };
        let r = welch_t(&g(after), &g(before), 0.95).unwrap();
        check_rel(r.t, t, 1e-11, &format!("{scope}: t"));
        check_rel(r.df, df, 1e-11, &format!("{scope}: df"));
        check_rel(r.p, p, REL_P, &format!("{scope}: p"));
        check_rel(r.ci_low, low, REL_P, &format!("{scope}: ci low"));
        check_rel(r.ci_high, high, REL_P, &format!("{scope}: ci high"));
    }
}

#[test]
fn hand_worked_kruskal_wallis() {
    // Groups {1, 2}, {2, 3}: pooled 1, 2, 2, 3 → ranks 1, 2.5, 2.5, 4; R = 3.5, 6.5.
    // H₀ = 12/(4·5)·(3.5²/2 + 6.5²/2) − 15 = 0.6·27.25 − 15 = 1.35; C = 1 − 6/60 = 0.9; H = 1.5.
    let kw = kruskal_wallis(&[vec![(1, 1), (2, 1)], vec![(2, 1), (3, 1)]]).unwrap();
    check_rel(kw.h, 1.5, 1e-14, "H");
    check_rel(kw.tie_correction, 0.9, 1e-15, "C");
    check_rel(kw.epsilon_squared, 0.5, 1e-14, "epsilon²");
    // Unsorted and repeated entries are the same histogram.
    let again = kruskal_wallis(&[vec![(2, 1), (1, 1), (2, 0)], vec![(3, 1), (2, 1)]]).unwrap();
    assert_eq!(kw, again);
}

#[test]
fn hand_worked_anova_and_welch() {
    // Two groups of two: {0, 2} and {4, 6}: means 1 and 5, variances 2 and 2.
    // SS_b = 2·4 + 2·4 = 16, SS_w = 4, F = 16/(4/2) = 8; η² = 0.8.
    let g =
        [GroupSummary { n: 2, mean: 1.0, variance: 2.0 }, GroupSummary { n: 2, mean: 5.0, variance: 2.0 }];
    let a = one_way_anova(&g).unwrap();
    check_rel(a.f, 8.0, 1e-15, "F");
    check_rel(a.eta_squared, 0.8, 1e-15, "eta²");
    // Welch with k = 2 is the square of Welch's t: t = −4/√2, F* = 8, df2 = 2.
    let w = welch_anova(&g).unwrap();
    check_rel(w.f, 8.0, 1e-14, "F*");
    check_rel(w.df2, 2.0, 1e-14, "df2");
    let t = welch_t(&g[0], &g[1], 0.95).unwrap();
    check_rel(t.t * t.t, w.f, 1e-14, "t² = F*");
    check_rel(t.p, w.p, 1e-9, "same p");
}

#[test]
fn undefined_cases_are_none() {
    let one = GroupSummary { n: 1, mean: 1.0, variance: 0.0 };
    let flat = GroupSummary { n: 5, mean: 2.0, variance: 0.0 };
    let ok = GroupSummary { n: 5, mean: 2.0, variance: 1.0 };
    assert!(one_way_anova(&[ok]).is_none(), "one group");
    assert!(one_way_anova(&[flat, flat]).is_none(), "no within-group variance");
    assert!(one_way_anova(&[one, one]).is_none(), "N = k");
    assert!(welch_anova(&[ok, one]).is_none(), "n < 2");
    assert!(welch_anova(&[ok, flat]).is_none(), "zero variance");
    assert!(welch_t(&ok, &one, 0.95).is_none());
    assert!(welch_t(&flat, &flat, 0.95).is_none());
    assert!(welch_t(&ok, &ok, 1.0).is_none());
    assert!(welch_t(&ok, &flat, 0.95).is_some(), "one constant group is fine");
    assert!(kruskal_wallis(&[vec![(1, 3)]]).is_none(), "one group");
    assert!(kruskal_wallis(&[vec![(1, 3)], vec![(1, 2)]]).is_none(), "all equal");
    assert!(kruskal_wallis(&[vec![(1, 3)], vec![(2, 0)]]).is_none(), "empty group");
}

proptest! {
    /// Scaling every value by a positive integer and reordering the groups change nothing in H.
    #[test]
    fn kruskal_wallis_invariant_to_scale_and_group_order(
        groups in prop::collection::vec(prop::collection::vec(-6_i128..=6, 1..12), 2..5),
        scale in 1_i128..1000,
    ) {
        let hist: Vec<Vec<(i128, u64)>> = groups.iter().map(|g| histogram(g)).collect();
        let scaled: Vec<Vec<(i128, u64)>> =
            groups.iter().rev().map(|g| histogram(&g.iter().map(|v| v * scale).collect::<Vec<_>>())).collect();
        match (kruskal_wallis(&hist), kruskal_wallis(&scaled)) {
            (Some(a), Some(b)) => {
                prop_assert!((a.h - b.h).abs() <= 1e-12 * a.h.abs().max(1.0));
                prop_assert!((0.0..=1.0).contains(&a.p));
            }
            (None, None) => {}
            other => prop_assert!(false, "{other:?}"),
        }
    }

    /// Welch's ANOVA for two groups equals the square of Welch's t, with the same p.
    #[test]
    fn welch_anova_two_groups_is_welch_t_squared(
        x in prop::collection::vec(-6_i128..=6, 2..30),
        y in prop::collection::vec(-6_i128..=6, 2..30),
    ) {
        let (sx, sy) = (summary(&x), summary(&y));
        if let (Some(w), Some(t)) = (welch_anova(&[sx, sy]), welch_t(&sx, &sy, 0.95)) {
            prop_assert!((w.f - t.t * t.t).abs() <= 1e-9 * w.f.max(1e-12));
            prop_assert!((w.df2 - t.df).abs() <= 1e-9 * t.df);
            prop_assert!((w.p - t.p).abs() <= 1e-8 * t.p.max(1e-300));
        }
    }
}

mod posthoc_oracle;

/// Games–Howell and Dunn against pingouin and scikit-posthocs, and the studentized
/// range against scipy (`tests/oracles/posthoc_oracles.py`).
mod posthoc {
    use super::posthoc_oracle::{DUNN, GAMES_HOWELL, PTUKEY_UPPER};
    use super::{check_rel, histogram, summary};
    use crate::stats::distributions::studentized_range_upper_p;
    use crate::stats::groups::{dunn, games_howell, GroupSummary};

    #[test]
    fn issue_12_studentized_range_matches_scipy() {
        let mut worst = 0.0_f64;
        for &(q, k, df, expected) in PTUKEY_UPPER {
            let actual = studentized_range_upper_p(q, k, df);
            let err = ((actual - expected) / expected).abs();
            // scipy integrates numerically too (nquad, absolute tolerance): about 1e-9
            // relative for p > 1e-4, but 5e-7 relative at p = 5e-10 and 10 % at p = 3e-14
            // (k = 2, where the exact t identity gives our value to 1e-10; see
            // `studentized_range::tests`). So: relative 1e-8 above 1e-4, absolute 1e-12 below.
            let ok = if expected > 1e-4 { err < 1e-8 } else { (actual - expected).abs() < 1e-12 };
            if expected > 1e-4 {
                worst = worst.max(err);
            }
            assert!(ok, "q={q}, k={k}, df={df}: got {actual:e}, scipy {expected:e} (rel {err:e})");
        }
        eprintln!("studentized range: worst relative difference from scipy (p > 1e-4) {worst:e}");
    }

    #[test]
    fn issue_12_games_howell_matches_pingouin() {
        for &(groups, expected) in GAMES_HOWELL {
            let summaries: Vec<GroupSummary> = groups.iter().map(|g| summary(g)).collect();
            let pairs = games_howell(&summaries);
            assert_eq!(pairs.len(), expected.len());
            for (pair, &(i, j, diff, se, t, df, p)) in pairs.iter().zip(expected) {
                assert_eq!((pair.first, pair.second), (i, j));
                check_rel(pair.difference, diff, 1e-12, "difference");
                check_rel(pair.se, se, 1e-12, "se");
                check_rel(pair.t, t, 1e-12, "t");
                check_rel(pair.df, df, 1e-12, "df");
                check_rel(pair.p, p, 1e-7, &format!("p of ({i}, {j})"));
            }
        }
    }

    #[test]
    fn issue_12_dunn_holm_matches_scikit_posthocs() {
        for &(groups, expected) in DUNN {
            let histograms: Vec<Vec<(i128, u64)>> = groups.iter().map(|g| histogram(g)).collect();
            let pairs = dunn(&histograms).unwrap();
            assert_eq!(pairs.len(), expected.len());
            for (pair, &(i, j, p, p_holm)) in pairs.iter().zip(expected) {
                assert_eq!((pair.first, pair.second), (i, j));
                // statrs's erfc: about 5e-11 relative.
                check_rel(pair.p, p, 1e-9, &format!("p of ({i}, {j})"));
                check_rel(pair.p_holm, p_holm, 1e-9, &format!("Holm p of ({i}, {j})"));
            }
        }
    }

    /// The demo survey's branches: summaries and exact histograms as the segment code
    /// passes them (scaled integers for the ranks), against pingouin and scikit-posthocs.
    #[test]
    fn issue_12_demo_branches_posthoc_match_pingouin_and_scikit_posthocs() {
        use super::oracle::DEMO_BRANCHES;
        use super::posthoc_oracle::DEMO_POSTHOC;
        assert_eq!(DEMO_BRANCHES.len(), DEMO_POSTHOC.len());
        for (&(name, hists, sums, ..), &(oracle_name, pairs)) in DEMO_BRANCHES.iter().zip(DEMO_POSTHOC) {
            assert_eq!(name, oracle_name);
            let summaries: Vec<GroupSummary> =
                sums.iter().map(|&(n, mean, variance)| GroupSummary { n, mean, variance }).collect();
            let histograms: Vec<Vec<(i128, u64)>> = hists.iter().map(|h| h.to_vec()).collect();
            let gh = games_howell(&summaries);
            let dunn = dunn(&histograms).unwrap();
            for ((g, d), &(i, j, gh_p, dunn_p_holm)) in gh.iter().zip(&dunn).zip(pairs) {
                assert_eq!((g.first, g.second, d.first, d.second), (i, j, i, j));
                check_rel(g.p, gh_p, 1e-7, &format!("{name}: Games–Howell p of ({i}, {j})"));
                check_rel(d.p_holm, dunn_p_holm, 1e-9, &format!("{name}: Dunn Holm p of ({i}, {j})"));
            }
        }
    }

    #[test]
    fn issue_12_posthoc_undefined_cases() {
        let constant = GroupSummary { n: 4, mean: 1.0, variance: 0.0 };
        let single = GroupSummary { n: 1, mean: 2.0, variance: 0.0 };
        let spread = GroupSummary { n: 5, mean: 3.0, variance: 2.0 };
        // Both constant: SE = 0, pair left out; a single observation never enters.
        let pairs = games_howell(&[constant, constant, spread, single]);
        let ids: Vec<(usize, usize)> = pairs.iter().map(|p| (p.first, p.second)).collect();
        assert_eq!(ids, vec![(0, 2), (1, 2)]);
        assert!(games_howell(&[spread]).is_empty());
        assert!(dunn(&[vec![(1, 3)], vec![(1, 4)]]).is_none(), "all equal");
        assert!(dunn(&[vec![(1, 3)]]).is_none(), "one group");
        assert!(dunn(&[vec![(1, 3)], vec![]]).is_none(), "empty group");
    }
}
