//! Segment and wave comparisons: hand-worked cases and invariants (issue 3, items 4 and 5).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::instrument::{Dimension, Format, Instrument, InstrumentSpec, Item, Localized, Scale};
use crate::servqual::{Coverage, Respondent};

#[track_caller]
pub(super) fn close(got: f64, want: f64, tol: f64) {
    assert!((got - want).abs() <= tol * want.abs().max(1.0), "got {got}, want {want}");
}

/// Two dimensions (a, b) of two items each, 1–7, two-column (shared by the wave and
/// panel tests).
pub(super) fn instrument() -> Instrument {
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
        format: Format::TwoColumn,
        scale: Scale::new(1, 7).unwrap(),
        dimensions: vec![dimension("a"), dimension("b")],
        items: vec![item("a1", 0), item("a2", 0), item("b1", 1), item("b2", 1)],
        importance: false,
        overall: None,
    }
    .build()
    .unwrap()
}

/// A respondent whose two dimension-a items have gap `gap_a` (E = 4) and dimension b gap 0.
fn ratings(gap_a: i16) -> Vec<Option<i16>> {
    [(4, 4 + gap_a), (4, 4 + gap_a), (4, 4), (4, 4)].iter().flat_map(|&(e, p)| [Some(e), Some(p)]).collect()
}

fn partials(gaps_a: &[i16]) -> SurveyPartials {
    let mut p = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
    for &g in gaps_a {
        p.add(&Respondent { ratings: &ratings(g), importance: &[], overall: None });
    }
    p
}

#[test]
fn hand_worked_segments() {
    // x: gaps −2, −1 (mean −1.5, var ½); y: 0, 1, 2 (mean 1, var 1); z: one respondent, left out.
    let segments: BTreeMap<String, SurveyPartials> =
        [("x", partials(&[-2, -1])), ("y", partials(&[0, 1, 2])), ("z", partials(&[3]))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    assert_eq!(cmp.segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["x", "y", "z"]);
    assert_eq!(cmp.segments[1].analysis.dimensions[0].comparisons[0].mean, Some(1.0));
    // Gap: dimension a, dimension b, overall.
    assert_eq!(cmp.tests.len(), 3);
    let a = &cmp.tests[0];
    assert_eq!((a.scope, a.measure), (Scope::Dimension(0), Some(Comparison::Gap)));
    assert_eq!(a.tested, [true, true, false]);
    assert_eq!(a.groups[2].n, 1);
    // Grand mean 0; SS_b = 2·2.25 + 3·1 = 7.5; SS_w = 0.5 + 2 = 2.5; F = 7.5/(2.5/3) = 9.
    let anova = a.anova.unwrap();
    close(anova.f, 9.0, 1e-14);
    assert_eq!((anova.df_between, anova.df_within), (1.0, 3.0));
    // Welch with two groups: F* = t² = 2.5²/(0.5/2 + 1/3) = 75/7, df₂ = (49/144)/(17/144) = 49/17.
    let welch = a.welch.unwrap();
    close(welch.f, 75.0 / 7.0, 1e-14);
    close(welch.df2, 49.0 / 17.0, 1e-14);
    // Ranks 1..5 without ties: R_x = 3, R_y = 12, H = 0.4·(4.5 + 48) − 18 = 3; p = P(χ²₁ > 3).
    let kw = a.kruskal.unwrap();
    close(kw.h, 3.0, 1e-14);
    close(kw.p, 0.08326451666355042, 1e-12);
    // Dimension b is constant: every test undefined, none invented.
    let b = &cmp.tests[1];
    assert!(b.anova.is_none() && b.welch.is_none() && b.kruskal.is_none());
    // Holm over the dimensions: one valid p, so unchanged.
    assert_eq!(a.welch_p_holm, Some(welch.p));
    // Overall = gap_a / 2: same F and H as dimension a.
    let overall = &cmp.tests[2];
    assert_eq!(overall.scope, Scope::Overall);
    close(overall.anova.unwrap().f, 9.0, 1e-14);
    close(overall.kruskal.unwrap().h, 3.0, 1e-14);
    assert_eq!(overall.welch_p_holm, None, "the overall score is not in the Holm family");
}

#[test]
fn issue_16_segment_verdicts_and_extremes_come_from_the_core() {
    // x: gaps −2, −1; y: 0, 1, 2; z: one respondent (not tested, so never an extreme).
    let segments: BTreeMap<String, SurveyPartials> =
        [("x", partials(&[-2, -1])), ("y", partials(&[0, 1, 2])), ("z", partials(&[3]))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let a = &cmp.tests[0];
    assert_eq!(a.extremes(), Some((0, 1)), "z has the highest mean but was not tested");
    assert_eq!(a.differs(), a.welch_p_holm.map(|p| p < 0.05));
    assert_eq!(a.confirmed_by_ranks(), a.kruskal_p_holm.map(|p| p < 0.05));
    let overall = cmp.tests.iter().find(|t| t.scope == Scope::Overall).unwrap();
    assert_eq!(overall.differs(), None, "the overall score is not Holm-adjusted");
}

#[test]
fn hand_worked_waves() {
    let before = partials(&[-2, -2, -1, -1]);
    let after = partials(&[1, 1, 2, 2]);
    let cmp = WaveComparison::new(&before, &after, &AnalysisOptions::default()).unwrap();
    assert_eq!(cmp.items.len(), 4);
    assert_eq!(cmp.dimensions.len(), 2);
    let a = &cmp.dimensions[0];
    // Δ = 1.5 − (−1.5) = 3; SE = √(⅓/4 + ⅓/4) = √(1/6); df = 6.
    assert_eq!(a.difference(), Some(3.0));
    let w = a.welch.unwrap();
    close(w.se, (1.0_f64 / 6.0).sqrt(), 1e-14);
    close(w.df, 6.0, 1e-14);
    // t_{0.975, 6} = 2.446911851144969 (scipy).
    close(w.ci_low, 3.0 - 2.446911851144969 * w.se, 1e-12);
    assert_eq!(a.verdict, Verdict::Improved);
    assert_eq!(a.before.batteries[0].mean, Some(4.0), "E");
    assert_eq!(a.after.batteries[1].mean, Some(5.5), "P");
    assert_eq!(a.after.battery_mean(crate::instrument::Battery::Perceived), Some(5.5));
    // Dimension b never moves and has no variance: not tested.
    assert_eq!(cmp.dimensions[1].verdict, Verdict::NotTested);
    assert_eq!(cmp.items[0].verdict, Verdict::Improved);
    assert!(cmp.items[0].p_holm.unwrap() >= cmp.items[0].welch.unwrap().p);
    assert_eq!(cmp.overall[0].verdict, Verdict::Improved);
    // Reversed, the same change is a worsening.
    let back = WaveComparison::new(&after, &before, &AnalysisOptions::default()).unwrap();
    assert_eq!(back.dimensions[0].verdict, Verdict::Worsened);
    assert_eq!(back.dimensions[0].difference(), Some(-3.0));
}

#[test]
fn an_unchanged_score_is_unchanged() {
    let cmp = WaveComparison::new(
        &partials(&[-1, 0, 1, -1]),
        &partials(&[0, -1, 1, 0]),
        &AnalysisOptions::default(),
    )
    .unwrap();
    assert_eq!(cmp.dimensions[0].verdict, Verdict::Unchanged);
}

#[test]
fn different_instruments_are_incomparable() {
    let other = SurveyPartials::new(&crate::builtin::servqual22(), Coverage::HALF).unwrap();
    let err = WaveComparison::new(&partials(&[1]), &other, &AnalysisOptions::default()).unwrap_err();
    assert_eq!(err, CoreError::Incomparable { what: "the two waves" });
    let coverage = SurveyPartials::new(&instrument(), Coverage::ALL).unwrap();
    let segments: BTreeMap<String, SurveyPartials> =
        [("a".to_owned(), partials(&[1])), ("b".to_owned(), coverage)].into_iter().collect();
    assert!(SegmentComparison::new(&segments, &AnalysisOptions::default()).is_err());
}

#[test]
fn no_segments_no_tests() {
    let cmp = SegmentComparison::new(&BTreeMap::new(), &AnalysisOptions::default()).unwrap();
    assert!(cmp.segments.is_empty() && cmp.tests.is_empty());
}

/// Random respondents: (segment 0..3, E and P of the four items, some missing).
fn rows() -> impl Strategy<Value = Vec<(usize, Vec<Option<i16>>)>> {
    prop::collection::vec(
        (0_usize..3, prop::collection::vec(prop::option::weighted(0.95, 1_i16..=7), 8)),
        6..60,
    )
}

fn split(
    rows: &[(usize, Vec<Option<i16>>)],
    names: [&str; 3],
    chunks: usize,
) -> BTreeMap<String, SurveyPartials> {
    let mut out: BTreeMap<String, SurveyPartials> = BTreeMap::new();
    for chunk in rows.chunks(rows.len().div_ceil(chunks).max(1)) {
        let mut part: BTreeMap<String, SurveyPartials> = BTreeMap::new();
        for (segment, ratings) in chunk {
            part.entry(names[*segment].to_owned())
                .or_insert_with(|| SurveyPartials::new(&instrument(), Coverage::HALF).unwrap())
                .add(&Respondent { ratings, importance: &[], overall: None });
        }
        for (name, p) in part {
            match out.get_mut(&name) {
                Some(mine) => mine.merge(&p).unwrap(),
                None => {
                    out.insert(name, p);
                }
            }
        }
    }
    out
}

fn rel_eq(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1e-12),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    /// Chunking and merging give identical results; renaming the segments so that
    /// their order reverses permutes the groups and leaves every test unchanged.
    #[test]
    fn segment_tests_ignore_chunking_and_segment_order(rows in rows(), chunks in 1_usize..4) {
        let options = AnalysisOptions::default();
        let one = SegmentComparison::new(&split(&rows, ["a", "b", "c"], 1), &options).unwrap();
        let chunked = SegmentComparison::new(&split(&rows, ["a", "b", "c"], chunks), &options).unwrap();
        prop_assert_eq!(&one, &chunked);
        let reversed = SegmentComparison::new(&split(&rows, ["c", "b", "a"], 1), &options).unwrap();
        prop_assert_eq!(one.tests.len(), reversed.tests.len());
        for (x, y) in one.tests.iter().zip(&reversed.tests) {
            let mut groups = y.groups.clone();
            // Only the segments present exist; reverse the ones that do.
            if groups.len() == x.groups.len() {
                groups.reverse();
                prop_assert_eq!(x.groups.iter().map(|g| g.n).collect::<Vec<_>>(), groups.iter().map(|g| g.n).collect::<Vec<_>>());
            }
            prop_assert!(rel_eq(x.anova.map(|t| t.f), y.anova.map(|t| t.f)));
            prop_assert!(rel_eq(x.welch.map(|t| t.f), y.welch.map(|t| t.f)));
            prop_assert!(rel_eq(x.welch.map(|t| t.p), y.welch.map(|t| t.p)));
            prop_assert!(rel_eq(x.kruskal.map(|t| t.h), y.kruskal.map(|t| t.h)));
            prop_assert!(rel_eq(x.welch_p_holm, y.welch_p_holm));
        }
    }

    /// Swapping the waves negates every change and swaps improved with worsened.
    #[test]
    fn swapping_waves_mirrors_verdicts(rows in rows()) {
        let options = AnalysisOptions::default();
        let split_at = rows.len() / 2;
        let mut before = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
        let mut after = before.clone();
        for (i, (_, ratings)) in rows.iter().enumerate() {
            let target = if i < split_at { &mut before } else { &mut after };
            target.add(&Respondent { ratings, importance: &[], overall: None });
        }
        let forward = WaveComparison::new(&before, &after, &options).unwrap();
        let backward = WaveComparison::new(&after, &before, &options).unwrap();
        let all = |c: &WaveComparison| c.items.iter().chain(&c.dimensions).chain(&c.overall).cloned().collect::<Vec<_>>();
        for (f, b) in all(&forward).iter().zip(&all(&backward)) {
            let mirrored = match f.verdict {
                Verdict::Improved => Verdict::Worsened,
                Verdict::Worsened => Verdict::Improved,
                v => v,
            };
            prop_assert_eq!(b.verdict, mirrored);
            prop_assert!(rel_eq(f.difference(), b.difference().map(|d| -d)));
            if let Some(p) = f.p_holm {
                // Issue 12: the verdict comes from the Holm-adjusted p.
                prop_assert_eq!(f.verdict == Verdict::Unchanged, p >= 0.05);
            }
        }
    }
}

#[test]
fn issue_12_segment_pairs_and_gap_marks() {
    // x: gaps −3, −2, −3, −2; y: 1, 2, 2, 1, 2; z: one respondent (not tested, so in no pair).
    let segments: BTreeMap<String, SurveyPartials> =
        [("x", partials(&[-3, -2, -3, -2])), ("y", partials(&[1, 2, 2, 1, 2])), ("z", partials(&[3]))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let a = &cmp.tests[0];
    assert_eq!(a.welch_rejects(), Some(true));
    assert_eq!(a.kruskal_rejects(), Some(true));
    // Two groups: Games–Howell is Welch's t (Q = √2|t| for k = 2).
    assert_eq!(a.games_howell.len(), 1);
    let gh = a.games_howell[0];
    assert_eq!((gh.first, gh.second), (0, 1));
    close(gh.difference, -4.1, 1e-14);
    let welch = crate::stats::groups::welch_t(
        &GroupSummary { n: 4, mean: -2.5, variance: 1.0 / 3.0 },
        &GroupSummary { n: 5, mean: 1.6, variance: 0.3 },
        0.95,
    )
    .unwrap();
    close(gh.t, welch.t, 1e-12);
    close(gh.p, welch.p, 1e-9);
    assert!(games_howell_differs(&gh));
    // Dunn with two groups: z² is the tie-corrected H, p the Kruskal–Wallis p.
    assert_eq!(a.dunn.len(), 1);
    let d = a.dunn[0];
    let kw = a.kruskal.unwrap();
    close(d.z * d.z, kw.h, 1e-12);
    close(d.p, kw.p, 1e-9);
    assert_eq!(d.p_holm, d.p, "one pair: Holm changes nothing");
    assert!(dunn_differs(&d));
    // A constant dimension has no tests and no pairs; the overall score uses unadjusted p.
    assert!(cmp.tests[1].games_howell.is_empty() && cmp.tests[1].dunn.is_empty());
    let overall = &cmp.tests[2];
    assert_eq!(overall.welch_rejects(), overall.welch.map(|w| w.p < 0.05));
    assert!(!overall.too_many_for_pairs());
    // Gap marks: x's first item has gaps −3, −2, −3, −2 (Holm over x's four items).
    let x_item = &cmp.segments[0].analysis.items[0].comparisons[0];
    assert!(x_item.t_p_holm.unwrap() < 0.05);
    assert_eq!(GapMark::of(x_item), GapMark::Shortfall);
    assert_eq!(GapMark::of(&cmp.segments[1].analysis.items[0].comparisons[0]), GapMark::Surplus);
    // Dimension b items are constant: no test, no mark; z has one respondent.
    assert_eq!(GapMark::of(&cmp.segments[0].analysis.items[2].comparisons[0]), GapMark::NotTested);
    assert_eq!(GapMark::of(&cmp.segments[2].analysis.items[0].comparisons[0]), GapMark::NotTested);
    assert_eq!(GapMark::Shortfall.id(), "shortfall");
}

#[test]
fn issue_12_no_pairs_where_the_omnibus_test_does_not_reject() {
    let segments: BTreeMap<String, SurveyPartials> =
        [("x", partials(&[-2, 0, 1])), ("y", partials(&[-1, 0, 2]))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let a = &cmp.tests[0];
    assert_eq!(a.welch_rejects(), Some(false));
    assert!(a.games_howell.is_empty() && a.dunn.is_empty());
}

#[test]
fn issue_12_no_pairs_beyond_the_segment_limit() {
    // Segment i has gaps around i/2: the segments differ.
    let segments: BTreeMap<String, SurveyPartials> = (0..=MAX_POSTHOC_SEGMENTS)
        .map(|i| {
            let centre = (i / 2) as i16 - 3;
            (format!("s{i:02}"), partials(&[centre - 1, centre, centre, centre + 1]))
        })
        .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let a = &cmp.tests[0];
    assert!(a.too_many_for_pairs());
    assert!(a.games_howell.is_empty() && a.dunn.is_empty());
    assert!(a.welch.is_some(), "the omnibus tests still run");
    // One segment fewer: every pair is there.
    let fewer: BTreeMap<String, SurveyPartials> = segments.into_iter().skip(1).collect();
    let cmp = SegmentComparison::new(&fewer, &AnalysisOptions::default()).unwrap();
    let n = MAX_POSTHOC_SEGMENTS;
    assert_eq!(cmp.tests[0].dunn.len(), n * (n - 1) / 2);
    assert_eq!(cmp.tests[0].games_howell.len(), n * (n - 1) / 2);
}

/// Issue 12 item 6: the classic one-way ANOVA is Holm-adjusted over the dimensions like
/// Welch's ANOVA and Kruskal–Wallis. Oracle: `tests/oracles/analysis_oracles.py`
/// (scipy `f_oneway`, statsmodels `multipletests(method="holm")`).
#[test]
fn issue_12_classic_anova_is_holm_adjusted_over_dimensions() {
    let respondent = |gap_a: i16, gap_b: i16| -> Vec<Option<i16>> {
        [(4, 4 + gap_a), (4, 4 + gap_a), (4, 4 + gap_b), (4, 4 + gap_b)]
            .iter()
            .flat_map(|&(e, p)| [Some(e), Some(p)])
            .collect()
    };
    let segment = |rows: &[(i16, i16)]| {
        let mut p = SurveyPartials::new(&instrument(), Coverage::HALF).unwrap();
        for &(a, b) in rows {
            p.add(&Respondent { ratings: &respondent(a, b), importance: &[], overall: None });
        }
        p
    };
    let segments: BTreeMap<String, SurveyPartials> = [
        ("x", segment(&[(-2, 0), (-1, 1), (-2, -1)])),
        ("y", segment(&[(0, 1), (1, 2), (2, 0), (1, 1)])),
        ("z", segment(&[(2, -1), (3, 0), (1, -2)])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let cmp = SegmentComparison::new(&segments, &AnalysisOptions::default()).unwrap();
    let (a, b) = (&cmp.tests[0], &cmp.tests[1]);
    close(a.anova.unwrap().f, 16.37500000000001, 1e-12);
    close(a.anova.unwrap().p, 0.0022917285469479707, 1e-10);
    close(b.anova.unwrap().p, 0.06862231898780972, 1e-10);
    close(a.anova_p_holm.unwrap(), 0.004583457093895941, 1e-10);
    close(b.anova_p_holm.unwrap(), 0.06862231898780972, 1e-10);
    assert_eq!(cmp.tests[2].anova_p_holm, None, "the overall score is not in the Holm family");
}
