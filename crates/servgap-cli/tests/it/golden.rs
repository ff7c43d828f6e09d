//! Golden values from `shared/domain/servqual.md` §4.2, computed there with
//! scipy 1.17.1, pingouin 0.7.0 and R 4.2.2 (`shared/domain/oracles/`), reproduced
//! through the whole pipeline: file → ingest → partial aggregates → analysis.

use std::path::Path;

use servgap_core::instrument::Instrument;
use servgap_core::servqual::{ItemResult, SurveyAnalysis};
use servgap_pipeline::{
    analyze, no_progress, AnalyzeRequest, StatisticsOptions, SurveySource, WilcoxonMethod, ZeroMethod,
};

use servgap_testdata::{locate, Dataset as Data};

use crate::repo;

/// Golden values are printed with six significant digits.
const SIX_DIGITS: f64 = 1e-5;

#[track_caller]
fn close(got: Option<f64>, want: f64, relative: f64) {
    let got = got.unwrap_or(f64::NAN);
    let scale = want.abs().max(1e-300);
    assert!(
        ((got - want) / scale).abs() <= relative,
        "got {got}, want {want} (relative tolerance {relative})"
    );
}

struct Dataset {
    instrument: Instrument,
    analysis: SurveyAnalysis,
}

/// A research dataset through the pipeline, as `servgap analyze DATA --instrument … --mapping …` reads it.
fn load(instrument: &str, mapping: &str, data: &Path, options: &StatisticsOptions) -> Dataset {
    let mut source = SurveySource::new(data);
    source.instrument = repo().join(instrument).display().to_string();
    source.mapping = Some(repo().join(mapping));
    let mut request = AnalyzeRequest::new(source);
    request.statistics = *options;
    let outcome = analyze(&request, &no_progress).unwrap();
    Dataset { instrument: outcome.instrument, analysis: outcome.analysis }
}

fn kiosk(options: &StatisticsOptions) -> Dataset {
    load(
        "examples/instruments/kiosk-kservqual.toml",
        "examples/mappings/kiosk.toml",
        &locate(Data::Kiosk).unwrap(),
        options,
    )
}

fn item<'a>(data: &'a Dataset, id: &str) -> &'a ItemResult {
    data.analysis.items.iter().find(|i| i.id == id).unwrap()
}

fn dimension<'a>(data: &'a Dataset, id: &str) -> &'a servgap_core::servqual::DimensionResult {
    data.analysis.dimensions.iter().find(|d| d.id == id).unwrap()
}

fn with_wilcoxon(zero_method: ZeroMethod, continuity: bool) -> StatisticsOptions {
    let mut options = StatisticsOptions::default();
    options.wilcoxon.zero_method = zero_method;
    options.wilcoxon.continuity = continuity;
    options.wilcoxon.method = WilcoxonMethod::Auto;
    options
}

/// Item rows of the §4.2 kiosk table: E, P, gap, sd, t, p, d_z, d_av, W⁺, W⁻, zeros,
/// p Wilcoxon (scipy default: no continuity), p R `wilcox.test` (continuity), p Pratt.
const KIOSK_ITEMS: [(&str, [f64; 14]); 3] = [
    (
        "1",
        [
            6.42512,
            5.87923,
            -0.545894,
            1.08680,
            -7.22675,
            9.46203e-12,
            -0.502294,
            -0.53031,
            493.5,
            3692.5,
            116.0,
            8.18343e-11,
            8.2946e-11,
            6.08451e-12,
        ],
    ),
    (
        "5",
        [
            3.69565, 3.70531, 0.00966184, 1.46477, 0.0949023, 0.924485, 0.00659617, 0.00562199, 2987.0,
            2791.0, 100.0, 0.754323, 0.755536, 0.667075,
        ],
    ),
    (
        "22",
        [
            4.28019, 4.06280, -0.217391, 1.73655, -1.80111, 0.0731487, -0.125185, -0.132807, 2157.0, 2893.0,
            107.0, 0.198786, 0.199397, 0.258412,
        ],
    ),
];

#[test]
fn kiosk_items_match_scipy_pingouin_and_r() {
    let r_default = kiosk(&with_wilcoxon(ZeroMethod::Wilcox, true));
    let scipy_default = kiosk(&with_wilcoxon(ZeroMethod::Wilcox, false));
    let pratt = kiosk(&with_wilcoxon(ZeroMethod::Pratt, false));
    assert_eq!(r_default.analysis.respondents, 211);
    for (id, g) in KIOSK_ITEMS {
        let it = item(&r_default, id);
        assert_eq!(it.n, 207, "item {id}: pairwise-complete n");
        close(it.batteries[0].mean, g[0], SIX_DIGITS);
        close(it.batteries[1].mean, g[1], SIX_DIGITS);
        let gap = &it.comparisons[0];
        close(gap.mean, g[2], SIX_DIGITS);
        close(gap.sd, g[3], SIX_DIGITS);
        let t = gap.t_test.unwrap();
        close(Some(t.t), g[4], SIX_DIGITS);
        assert_eq!(t.df, 206.0);
        close(Some(t.p), g[5], SIX_DIGITS);
        close(gap.d_z, g[6], SIX_DIGITS);
        close(gap.d_av, g[7], SIX_DIGITS);
        let w = gap.wilcoxon.unwrap();
        assert_eq!((w.w_plus, w.w_minus, w.zeros), (g[8], g[9], g[10] as u64), "item {id}: W⁺, W⁻, zeros");
        close(Some(w.p), g[12], SIX_DIGITS);
        close(item(&scipy_default, id).comparisons[0].wilcoxon.map(|w| w.p), g[11], SIX_DIGITS);
        close(item(&pratt, id).comparisons[0].wilcoxon.map(|w| w.p), g[13], SIX_DIGITS);
    }
    // Matched-pairs rank-biserial of item 1 equals pingouin's RBC.
    let rbc = item(&r_default, "1").comparisons[0].wilcoxon.unwrap().rank_biserial;
    close(Some(rbc), -0.7642, 1e-4);
}

#[test]
fn kiosk_alpha_per_dimension_matches_pingouin() {
    let data = kiosk(&StatisticsOptions::default());
    // (dimension, α E, α P, α gap), pingouin 0.7.0.
    let golden = [
        ("tangible", 0.859234, 0.804421, 0.715015),
        ("security", 0.880359, 0.832697, 0.856044),
        ("economy", 0.647686, 0.796992, 0.787761),
        ("convenience", 0.857337, 0.750770, 0.763363),
        ("usefulness", 0.802986, 0.673342, 0.678632),
        ("control", 0.805822, 0.764457, 0.753365),
    ];
    for (id, e, p, g) in golden {
        let d = dimension(&data, id);
        let alpha = |label: &str| d.reliability.iter().find(|r| r.label == label).and_then(|r| r.alpha);
        close(alpha("E"), e, SIX_DIGITS);
        close(alpha("P"), p, SIX_DIGITS);
        close(alpha("gap"), g, SIX_DIGITS);
        assert!(d.reliability.iter().all(|r| r.n == 207), "{id}: listwise n");
    }
    // Feldt interval: servqual.md gives pingouin's, which counts the 4 empty rows in n
    // (n = 211). servgap uses the listwise n = 207; the interval below is pingouin's own
    // formula at n = 207 (crates/servgap-core/tests/oracles/stats_oracles.py).
    let tangible_p = dimension(&data, "tangible").reliability.iter().find(|r| r.label == "P").unwrap();
    let (low, high) = tangible_p.alpha_ci.unwrap();
    close(Some(low), 0.756984, SIX_DIGITS);
    close(Some(high), 0.844576, SIX_DIGITS);
    // Two-item scale: Spearman–Brown is reported beside alpha.
    assert!(dimension(&data, "control").reliability[0].spearman_brown.is_some());
}

#[test]
fn kiosk_item_deletion_and_item_total_match_psych() {
    let data = kiosk(&StatisticsOptions::default());
    let convenience = dimension(&data, "convenience");
    let p = convenience.reliability.iter().find(|r| r.label == "P").unwrap();
    let if_deleted = [0.714333, 0.698685, 0.742744, 0.694630, 0.680381];
    let r_drop = [0.494315, 0.540978, 0.420355, 0.547742, 0.586572];
    for k in 0..5 {
        close(p.alpha_if_deleted[k], if_deleted[k], SIX_DIGITS);
        close(p.item_total[k], r_drop[k], SIX_DIGITS);
    }
}

#[test]
fn kiosk_difference_score_reliability_and_dimension_gaps() {
    let data = kiosk(&StatisticsOptions::default());
    // Peter, Churchill & Brown (1993) on security: .832 in servqual.md §3.4.
    let security = dimension(&data, "security").difference_reliability[0];
    assert!((security.r_dd.unwrap() - 0.832).abs() < 5e-4, "r_DD = {:?}", security.r_dd);
    close(security.r_px, 0.078, 1e-2);
    let golden = [
        ("tangible", -0.014493),
        ("security", -1.710145),
        ("economy", -1.235105),
        ("convenience", -1.469565),
        ("usefulness", -0.62963),
        ("control", -1.391304),
    ];
    // Printed by pandas `round(6)`: six decimals, not six significant digits.
    for (id, gap) in golden {
        let got = dimension(&data, id).comparisons[0].mean.unwrap();
        assert!((got - gap).abs() <= 5e-7, "{id}: got {got}, want {gap}");
    }
    assert_eq!(data.instrument.items().len(), 24);
}

#[test]
fn airline_items_and_reliability_match_pandas_and_scipy() {
    let Some(file) = locate(Data::Airline) else { return };
    let data = load(
        "examples/instruments/airlinesat.toml",
        "examples/mappings/airlinesat.toml",
        &file,
        &StatisticsOptions::default(),
    );
    assert_eq!(data.analysis.respondents, 1065);
    let one = item(&data, "1");
    assert_eq!(one.n, 1038);
    close(one.batteries[0].mean, 86.0819, SIX_DIGITS);
    close(one.batteries[1].mean, 60.9114, SIX_DIGITS);
    close(one.comparisons[0].mean, -25.1705, SIX_DIGITS);
    close(one.comparisons[0].t_test.map(|t| t.t), -29.7813, SIX_DIGITS);
    let twelve = item(&data, "12");
    close(twelve.comparisons[0].mean, -8.7988, SIX_DIGITS);
    close(twelve.comparisons[0].t_test.map(|t| t.t), -13.3232, SIX_DIGITS);
    close(item(&data, "4").comparisons[0].mean, -30.2135, SIX_DIGITS);
    // Smallest and largest gap items, as in §4.2.
    let by_gap = |a: &&ItemResult, b: &&ItemResult| {
        a.comparisons[0].mean.unwrap().total_cmp(&b.comparisons[0].mean.unwrap())
    };
    assert_eq!(data.analysis.items.iter().min_by(by_gap).unwrap().id, "4");
    assert_eq!(data.analysis.items.iter().max_by(by_gap).unwrap().id, "12");
    // Derived importance r(s_i, overall_sat): .136 to .328, item 23 highest.
    let r: Vec<f64> = data.analysis.items.iter().map(|i| i.satisfaction_correlation.unwrap().0).collect();
    let (low, high) = r.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    assert!((low - 0.136).abs() < 5e-4 && (high - 0.328).abs() < 5e-4, "r range {low}..{high}");
    assert_eq!(
        data.analysis
            .items
            .iter()
            .max_by(|a, b| a
                .satisfaction_correlation
                .unwrap()
                .0
                .total_cmp(&b.satisfaction_correlation.unwrap().0))
            .unwrap()
            .id,
        "23"
    );
    // Whole-scale alpha, listwise on each battery: e1..e23 .9638, s1..s23 .9668.
    let alpha =
        |label: &str| data.analysis.reliability.iter().find(|r| r.label == label).and_then(|r| r.alpha);
    close(alpha("E"), 0.9638, 1e-4);
    close(alpha("P"), 0.9668, 1e-4);
}
