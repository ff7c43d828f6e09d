//! Measured progress (issue 15) against an independent script: the numbers below are the
//! output of `crates/servgap-pipeline/tests/oracles/progress_study.py` (pandas, scipy,
//! statsmodels on the raw CSV files of the demo study's two waves and of the three-wave
//! study `tests/fixtures/study-3waves`), pasted as printed.

use jiff::civil::date;
use servgap_core::study::plan::{ActionMetric, ActionSpec, Plan};
use servgap_core::study::progress::{MetricProgress, MetricSeries, Pace, ProgressOptions, Verdict};
use servgap_core::study::{GapId, Slug};
use servgap_pipeline::{diagnose, measure_progress, no_progress, DiagnoseRequest, ProgressOutcome};

use crate::repo;

/// The oracle's metrics, in its order: (gap id, unit).
const METRICS: [(&str, &str); 4] = [
    ("g5/dimension/responsiveness", "warsaw"),
    ("g5/dimension/responsiveness", "gdansk"),
    ("g4/promise/reply-1h", "krakow"),
    ("g4/promise/reply-1h", "online"),
];

/// One action per metric, planned on 2025-h1, with a target on the metric's current value,
/// running 2025-07-01 to 2025-12-31 and expected to close half the gap (g5) or all of it (g4).
pub fn oracle_plan(study: &servgap_core::study::Study) -> Plan {
    metric_plan(study, &METRICS, "action", |gap| {
        if gap.to_string().starts_with("g4/") {
            (0.8, 1.0)
        } else {
            (6.0, 0.5)
        }
    })
}

/// One action `{prefix}-{i}` per metric (gap id, unit), planned on 2025-h1 and running
/// 2025-07-01 to 2025-12-31, with the (target, expected share) `goal` gives its gap.
pub fn metric_plan(
    study: &servgap_core::study::Study,
    metrics: &[(&str, &str)],
    prefix: &str,
    goal: impl Fn(&GapId) -> (f64, f64),
) -> Plan {
    let actions = metrics
        .iter()
        .enumerate()
        .map(|(i, (gap, unit))| {
            let gap: GapId = gap.parse().unwrap();
            let (target, expected_share) = goal(&gap);
            ActionSpec {
                slug: format!("{prefix}-{i}"),
                title: format!("Move {gap} in {unit}"),
                start: Some(date(2025, 7, 1)),
                due: Some(date(2025, 12, 31)),
                gaps: vec![gap.clone()],
                metric: Some(ActionMetric {
                    gap,
                    unit: Slug::new("unit", unit).unwrap(),
                    baseline_wave: Slug::new("wave", "2025-h1").unwrap(),
                    baseline: None,
                    target,
                    expected_share,
                }),
                ..ActionSpec::default()
            }
            .build()
            .unwrap()
        })
        .collect();
    Plan::new(actions, study).unwrap()
}

pub fn measured(study: &str) -> ProgressOutcome {
    let diagnosis = diagnose(&DiagnoseRequest::new(repo().join(study)), &no_progress).unwrap();
    let plan = oracle_plan(&diagnosis.folder.study);
    measure_progress(diagnosis, plan, &ProgressOptions::default())
}

/// One later wave as the oracle prints it.
struct Expected {
    gap: f64,
    n: u64,
    change: f64,
    ci: [f64; 2],
    p: f64,
    holm: f64,
    verdict: &'static str,
    share: f64,
    share_ci: [f64; 2],
    /// E(t) of the schedule at the wave's midpoint.
    expected: f64,
    /// The improvement's pace (`None` for other verdicts).
    pace: Option<&'static str>,
}

#[track_caller]
fn close(actual: f64, expected: f64, what: &str) {
    assert!((actual - expected).abs() <= 1e-9, "{what}: {actual} vs oracle {expected}");
}

#[track_caller]
fn check(metric: &MetricProgress, series: &MetricSeries, wave: usize, e: &Expected) {
    let w = &metric.waves[wave];
    let what = format!("{} {} wave {}", metric.metric, metric.unit, w.wave);
    assert_eq!(series.later[wave].gap.as_ref().unwrap().n, e.n, "{what} n");
    close(w.difference.unwrap(), e.gap, &format!("{what} gap"));
    let change = w.change.as_ref().unwrap();
    close(change.estimate, e.change, &format!("{what} change"));
    let ci = change.interval.unwrap();
    close(ci.low, e.ci[0], &format!("{what} change low"));
    close(ci.high, e.ci[1], &format!("{what} change high"));
    close(change.p.unwrap(), e.p, &format!("{what} p"));
    close(w.p_adjusted.unwrap(), e.holm, &format!("{what} holm"));
    assert_eq!(w.verdict.id(), e.verdict, "{what}");
    let share = w.share_closed.as_ref().unwrap();
    close(share.estimate, e.share, &format!("{what} share"));
    let s = share.interval.unwrap();
    close(s.low, e.share_ci[0], &format!("{what} share low"));
    close(s.high, e.share_ci[1], &format!("{what} share high"));
    close(w.expected_share.unwrap(), e.expected, &format!("{what} expected share by then"));
    assert_eq!(w.verdict.pace().map(|p| p.id()), e.pace, "{what} pace");
}

#[test]
fn issue_15_progress_on_the_demo_study_matches_the_independent_script() {
    let outcome = measured("examples/study/demo");
    let metrics = &outcome.progress.metrics;
    assert_eq!(metrics.len(), 4);
    assert_eq!(outcome.progress.family_size, 4);
    let baselines = [-0.74, -1.7516666666666667, -0.7322274881516588, -0.8201997780244173];
    for (m, b) in metrics.iter().zip(baselines) {
        close(m.baseline_difference, b, "baseline gap");
        assert_eq!(m.waves.len(), 1);
        assert!(m.trend.is_none(), "two waves give no trend");
    }
    let expected = [
        Expected {
            gap: -0.5666666666666667,
            n: 150,
            change: 0.17333333333333334,
            ci: [0.0480581765556152, 0.2986084901110515],
            p: 0.006852490618746714,
            holm: 0.020557471856240142,
            verdict: "improved",
            share: 0.23423423423423428,
            share_ci: [0.07085773279473151, 0.37524513540339877],
            expected: 0.25,
            pace: Some("on-track"),
        },
        Expected {
            gap: -1.6566666666666667,
            n: 150,
            change: 0.09499999999999997,
            ci: [-0.03581606120876754, 0.2258160612087675],
            p: 0.15400695134341547,
            holm: 0.30801390268683093,
            verdict: "not-moving",
            share: 0.05423406279733589,
            share_ci: [-0.021282901756476846, 0.12421340228411804],
            expected: 0.25,
            pace: None,
        },
        Expected {
            gap: -0.5606060606060606,
            n: 462,
            change: 0.17162142754559817,
            ci: [0.10884679257944684, 0.2322671953444039],
            p: 1.0485187145360139e-07,
            holm: 4.1940748581440556e-07,
            verdict: "improved",
            share: 0.23438266156712773,
            share_ci: [0.15568596583565875, 0.3079649702070414],
            expected: 0.5,
            pace: Some("behind-schedule"),
        },
        Expected {
            gap: -0.8251428571428572,
            n: 875,
            change: -0.00494307911843983,
            ci: [-0.04045529987225457, 0.030663837373362528],
            p: 0.7851224769104763,
            holm: 0.7851224769104763,
            verdict: "not-moving",
            share: -0.006026676976609302,
            share_ci: [-0.05044396459532985, 0.036508316214408976],
            expected: 0.5,
            pace: None,
        },
    ];
    for ((m, series), e) in metrics.iter().zip(&outcome.series).zip(&expected) {
        check(m, series, 0, e);
    }
    let s = outcome.progress.summary;
    assert_eq!((s.closed, s.improved, s.not_moving, s.worsened, s.not_measurable), (0, 2, 2, 0, 0));
    // The oracle's pace: warsaw's share interval reaches E = 0.25, krakow's stays below 0.5.
    assert_eq!((s.on_track, s.behind_schedule, s.schedule_not_set), (1, 1, 0));
}

#[test]
fn issue_15_progress_on_the_three_wave_study_matches_the_independent_script() {
    let outcome = measured("crates/servgap-pipeline/tests/fixtures/study-3waves");
    let metrics = &outcome.progress.metrics;
    assert_eq!(outcome.progress.family_size, 8);
    let rows: [[Expected; 2]; 4] = [
        [
            Expected {
                gap: -0.54375,
                n: 40,
                change: 0.41875000000000007,
                ci: [0.17728534338829421, 0.660214656611706],
                p: 0.0009063911891490836,
                holm: 0.0054383471348945014,
                verdict: "improved",
                share: 0.43506493506493515,
                share_ci: [0.21375319645339885, 0.6135046960924588],
                expected: 0.25,
                pace: Some("on-track"),
            },
            Expected {
                gap: -0.15,
                n: 40,
                change: 0.8125,
                ci: [0.5672150544849439, 1.057784945515056],
                p: 4.828391280330361e-09,
                holm: 3.379873896231252e-08,
                verdict: "improved",
                share: 0.8441558441558441,
                share_ci: [0.6637951764795823, 1.0126937876889177],
                expected: 0.5,
                pace: Some("on-track"),
            },
        ],
        [
            Expected {
                gap: -1.75,
                n: 40,
                change: -0.018750000000000044,
                ci: [-0.3156821554644775, 0.2781821554644774],
                p: 0.9002489815577814,
                holm: 1.0,
                verdict: "not-moving",
                share: -0.010830324909747224,
                share_ci: [-0.20341208728624705, 0.14654813033706582],
                expected: 0.25,
                pace: None,
            },
            Expected {
                gap: -1.7,
                n: 40,
                change: 0.03125,
                ci: [-0.29473227750171926, 0.35723227750171926],
                p: 0.849136082933104,
                holm: 1.0,
                verdict: "not-moving",
                share: 0.018050541516245522,
                share_ci: [-0.1880859669205468, 0.19001752434391184],
                expected: 0.5,
                pace: None,
            },
        ],
        [
            Expected {
                gap: -0.6116504854368932,
                n: 103,
                change: 0.1792586054721977,
                ci: [0.05644870088701236, 0.2959170847133664],
                p: 0.00417493875829957,
                holm: 0.020874693791497853,
                verdict: "improved",
                share: 0.2266488115165719,
                share_ci: [0.07830703608435607, 0.36057783163157453],
                expected: 0.5,
                pace: Some("behind-schedule"),
            },
            Expected {
                gap: -0.33018867924528306,
                n: 106,
                change: 0.46072041166380784,
                ci: [0.33381704369895315, 0.5658493574860008],
                p: 8.633092845785638e-12,
                holm: 6.90647427662851e-11,
                verdict: "improved",
                share: 0.5825200607243548,
                share_ci: [0.45791671171470616, 0.6993429390963044],
                expected: 1.0,
                pace: Some("behind-schedule"),
            },
        ],
        [
            Expected {
                gap: -0.8347107438016529,
                n: 242,
                change: 0.00011068476977568742,
                ci: [-0.06814326506721304, 0.06748936314161363],
                p: 0.9974353289651268,
                holm: 1.0,
                verdict: "not-moving",
                share: 0.00013258496486501237,
                share_ci: [-0.084318744299275, 0.07777532956785749],
                expected: 0.5,
                pace: None,
            },
            Expected {
                gap: -0.8181818181818181,
                n: 220,
                change: 0.0166396103896104,
                ci: [-0.05403113060949155, 0.08740796538981363],
                p: 0.6433562652480884,
                holm: 1.0,
                verdict: "not-moving",
                share: 0.019931939718036085,
                share_ci: [-0.06719823107569822, 0.10038834930925922],
                expected: 1.0,
                pace: None,
            },
        ],
    ];
    // Per year against the waves' fieldwork midpoints (years 0, 0.49966, 0.99932).
    let slopes = [
        [0.8118607799866021, 0.5710005556877673, 1.052721004285437],
        [0.030253775340921128, -0.2908013347314956, 0.3513088854133378],
        [0.4563824235711949, 0.33930533631048565, 0.5734595108319042],
        [0.01637237770432272, -0.05409168322923466, 0.0868364386378801],
    ];
    for (((m, series), row), slope) in metrics.iter().zip(&outcome.series).zip(&rows).zip(slopes) {
        check(m, series, 0, &row[0]);
        check(m, series, 1, &row[1]);
        let trend = m.trend.unwrap();
        assert_eq!(trend.waves, 3);
        close(trend.slope, slope[0], "wls slope");
        let i = trend.interval.unwrap();
        close(i.low, slope[1], "wls slope low");
        close(i.high, slope[2], "wls slope high");
    }
    // The built-in improvement (warsaw, krakow) is found; the unchanged units stay unjudged.
    let latest: Vec<Verdict> = metrics.iter().map(MetricProgress::latest_verdict).collect();
    assert_eq!(
        latest,
        [
            Verdict::Improved(Pace::OnTrack),
            Verdict::NotMoving,
            Verdict::Improved(Pace::Behind),
            Verdict::NotMoving
        ]
    );
}

#[test]
fn issue_15_study_report_progress_uses_the_diagnosis_confidence_level() {
    let report_at = |level: f64| {
        let mut request = DiagnoseRequest::new(repo().join("examples/study/demo"));
        request.statistics.confidence = servgap_pipeline::ConfidenceLevel::new(level).unwrap();
        diagnose(&request, &no_progress).unwrap().reports().pop().unwrap().progress.unwrap()
    };
    let (at_90, at_95) = (report_at(0.9), report_at(0.95));
    assert_eq!((at_90.level, at_90.alpha), (0.9, 0.1));
    assert_eq!((at_95.level, at_95.alpha), (0.95, 0.05));
    let widths = |r: &servgap_report::ProgressReport| -> Vec<f64> {
        r.actions
            .iter()
            .flat_map(|a| &a.waves)
            .filter_map(|w| w.change_interval)
            .map(|[a, b]| b - a)
            .collect()
    };
    let (narrow, wide) = (widths(&at_90), widths(&at_95));
    assert!(!narrow.is_empty() && narrow.len() == wide.len());
    assert!(narrow.iter().zip(&wide).all(|(n, w)| n < w), "90 % intervals are narrower: {narrow:?} {wide:?}");
    let en = servgap_report::render_progress_text(&at_90, servgap_report::Lang::En);
    assert!(en.contains("90\u{a0}% CI") && !en.contains("95\u{a0}% CI"), "{en}");
    assert!(en.contains("Intervals at 90\u{a0}%"), "{en}");
}
