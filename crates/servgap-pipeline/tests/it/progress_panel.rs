//! Panel (paired) progress (issue 15 part 4) against an independent script: the numbers below
//! are the output of `crates/servgap-pipeline/tests/oracles/progress_panel.py` (pandas,
//! scipy `ttest_rel`, the exact permutation Wilcoxon, Fieller by `brentq`, statsmodels Holm)
//! on the raw CSV files of `tests/fixtures/study-panel`, pasted as printed. Also: the
//! `--independent` design on the same data (Welch), `--paired` on the demo (not a panel) as
//! a clear error, and the auto rule at exactly half and just below half of the ids matched.

use std::fs;
use std::path::Path;

use servgap_core::study::plan::Plan;
use servgap_pipeline::{
    action_progress, diagnose, measure_plan_progress, no_progress, Design, PairingChoice, PipelineError,
    ProgressOutcome, ProgressRequest,
};
use servgap_report::{render_progress_text, Lang};

use crate::{copy_dir, repo};

const PANEL: &str = "crates/servgap-pipeline/tests/fixtures/study-panel";

/// The oracle's metrics, in its order: (gap id, unit).
const METRICS: [(&str, &str); 4] = [
    ("g5/dimension/responsiveness", "warsaw"),
    ("g5/item/12", "krakow"),
    ("g5/dimension/reliability", "gdansk"),
    ("g4/promise/reply-1h", "online"),
];

/// One action per metric, target 6 and half the gap expected closed by 2025-12-31.
fn plan(study: &servgap_core::study::Study) -> Plan {
    crate::progress_oracle::metric_plan(study, &METRICS, "panel", |_| (6.0, 0.5))
}

fn measured(study: &Path, pairing: PairingChoice) -> ProgressOutcome {
    let mut request = ProgressRequest::new(study);
    request.pairing = pairing;
    let diagnosis = diagnose(&request.diagnose, &no_progress).unwrap();
    let plan = plan(&diagnosis.folder.study);
    measure_plan_progress(&request, diagnosis, plan).unwrap()
}

/// One metric's later wave as the oracle prints it.
struct Expected {
    d0: f64,
    d1: f64,
    change: f64,
    ci: [f64; 2],
    p: f64,
    df: Option<f64>,
    holm: f64,
    verdict: &'static str,
    share: f64,
    share_ci: [f64; 2],
}

#[track_caller]
fn close(actual: f64, expected: f64, what: &str) {
    assert!((actual - expected).abs() <= 1e-9, "{what}: {actual} vs oracle {expected}");
}

#[track_caller]
fn check(outcome: &ProgressOutcome, expected: &[Expected; 4]) {
    assert_eq!(outcome.progress.family_size, 4);
    for (m, e) in outcome.progress.metrics.iter().zip(expected) {
        let what = format!("{} {}", m.metric, m.unit);
        close(m.baseline_difference, e.d0, &format!("{what} D0"));
        let w = &m.waves[0];
        close(w.difference.unwrap(), e.d1, &format!("{what} D1"));
        let change = w.change.as_ref().unwrap();
        close(change.estimate, e.change, &format!("{what} change"));
        let ci = change.interval.unwrap();
        close(ci.low, e.ci[0], &format!("{what} change low"));
        close(ci.high, e.ci[1], &format!("{what} change high"));
        close(change.p.unwrap(), e.p, &format!("{what} p"));
        if let Some(df) = e.df {
            close(change.df.unwrap(), df, &format!("{what} df"));
        }
        close(w.p_adjusted.unwrap(), e.holm, &format!("{what} holm"));
        assert_eq!(w.verdict.id(), e.verdict, "{what}");
        let share = w.share_closed.as_ref().unwrap();
        close(share.estimate, e.share, &format!("{what} share"));
        let s = share.interval.unwrap();
        close(s.low, e.share_ci[0], &format!("{what} share low"));
        close(s.high, e.share_ci[1], &format!("{what} share high"));
    }
}

/// (action index, ids, matched, design) of each customer-survey metric's pairing.
fn pairings(outcome: &ProgressOutcome) -> Vec<(String, [u64; 2], u64, Design)> {
    outcome.diagnosis.panels.iter().map(|p| (p.action.to_string(), p.ids, p.matched, p.design)).collect()
}

/// The panel fixture in a temporary folder with wave 2's customer file rewritten by `edit`
/// (one line at a time, header included).
fn edited_panel(edit: impl FnMut(usize, &str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join(PANEL), dir.path());
    let file = dir.path().join("data/2025-h2/customers.csv");
    let text = fs::read_to_string(&file).unwrap();
    let mut edit = edit;
    let lines: Vec<String> = text.lines().enumerate().map(|(i, l)| edit(i, l)).collect();
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    dir
}

/// The panel fixture with the first `k` returning Warsaw customers of wave 2 given new ids.
fn warsaw_with_new_ids(k: usize) -> tempfile::TempDir {
    let mut renamed = 0;
    edited_panel(move |_, line| {
        let mut cells: Vec<&str> = line.split(',').collect();
        if cells[1] == "warsaw" && cells[0].starts_with("c1-") && renamed < k {
            renamed += 1;
            let id = format!("new-{renamed}");
            cells[0] = &id;
            return cells.join(",");
        }
        line.to_owned()
    })
}

#[test]
fn issue_15_auto_pairing_is_paired_at_half_matched_and_independent_just_below() {
    // 24 of Warsaw's 40 wave-2 customers are wave-1 customers; 4 new ids leave 20 = half.
    let half = warsaw_with_new_ids(4);
    let outcome = measured(half.path(), PairingChoice::Auto);
    let warsaw = &pairings(&outcome)[0];
    assert_eq!(warsaw, &("panel-0".to_owned(), [40, 40], 20, Design::Paired));
    assert_eq!(outcome.progress.metrics[0].waves[0].change.as_ref().unwrap().method.id(), "paired-t");
    let below = warsaw_with_new_ids(5);
    let outcome = measured(below.path(), PairingChoice::Auto);
    let warsaw = &pairings(&outcome)[0];
    assert_eq!(warsaw, &("panel-0".to_owned(), [40, 40], 19, Design::Independent));
    assert_eq!(outcome.progress.metrics[0].waves[0].change.as_ref().unwrap().method.id(), "welch");
    // The other units are untouched: still 24 of 40, paired.
    assert_eq!(pairings(&outcome)[1], ("panel-1".to_owned(), [40, 40], 24, Design::Paired));
}

#[test]
fn issue_15_paired_on_the_demo_is_a_clear_error() {
    let mut request = ProgressRequest::new(repo().join("examples/study/demo"));
    request.pairing = PairingChoice::Paired;
    let error = action_progress(&request, &no_progress).unwrap_err();
    assert!(matches!(error, PipelineError::NoPanel(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "cannot pair wave `2025-h2` with baseline wave `2025-h1` for action `callback-warsaw` in unit \
         `warsaw` (--paired): customers.csv: no respondent id of the unit is in both waves"
    );
    // Without --paired the demo's waves are independent samples, and the report says how many ids matched.
    let outcome =
        action_progress(&ProgressRequest::new(repo().join("examples/study/demo")), &no_progress).unwrap();
    assert!(!outcome.paired);
    assert_eq!(pairings(&outcome), vec![("callback-warsaw".to_owned(), [150, 150], 0, Design::Independent)]);
    let text = render_progress_text(&outcome.report(), Lang::En);
    assert!(text.contains("Welch t, independent waves (0 of 150 ids matched)"), "{text}");
}

#[test]
fn issue_15_paired_without_an_id_column_names_the_wave_and_file() {
    let dir = edited_panel(|_, line| line.split_once(',').unwrap().1.to_owned());
    let mut request = ProgressRequest::new(dir.path());
    request.pairing = PairingChoice::Paired;
    let error = action_progress(&request, &no_progress).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot pair wave `2025-h2` with baseline wave `2025-h1` for action `callback-warsaw` in unit \
         `warsaw` (--paired): customers.csv: the file has no respondent id column"
    );
    // Auto: no ids to match, so Welch and no pairing to report.
    let outcome = action_progress(&ProgressRequest::new(dir.path()), &no_progress).unwrap();
    assert!(outcome.diagnosis.panels.is_empty());
    assert!(!outcome.paired);
}

#[test]
fn issue_15_panel_progress_matches_the_independent_script() {
    let outcome = measured(&repo().join(PANEL), PairingChoice::Auto);
    assert!(outcome.paired);
    // 24 of each unit's 40 wave-2 customers are wave-1 customers (make_demo_study.py --panel 0.6).
    assert_eq!(
        pairings(&outcome),
        vec![
            ("panel-0".to_owned(), [40, 40], 24, Design::Paired),
            ("panel-1".to_owned(), [40, 40], 24, Design::Paired),
            ("panel-2".to_owned(), [40, 40], 24, Design::Paired),
        ]
    );
    let expected = [
        Expected {
            d0: -0.70625,
            d1: -0.50625,
            change: 0.375,
            ci: [0.18059546739997273, 0.5694045326000272],
            p: 0.0005761508607140907,
            df: Some(23.0),
            holm: 0.002304603442856363,
            verdict: "improved",
            share: 0.2831858407079647,
            share_ci: [0.010434315294136742, 0.47898363524890564],
        },
        Expected {
            d0: -0.975,
            d1: -0.55,
            change: 0.375,
            ci: [0.026960056561091628, 0.7230399434389083],
            p: 0.03587726542566808,
            df: Some(23.0),
            holm: 0.10763179627700425,
            verdict: "not-moving",
            share: 0.4358974358974358,
            share_ci: [0.09177853896437693, 0.816062855279956],
        },
        Expected {
            d0: -1.7600000000000002,
            d1: -1.6900000000000002,
            change: 0.04166666666666668,
            ci: [-0.12902673145641685, 0.21236006478975022],
            p: 0.6183882968892915,
            df: Some(23.0),
            holm: 0.7672435997227891,
            verdict: "not-moving",
            share: 0.03977272727272729,
            share_ci: [-0.06168624325809402, 0.12818448612399846],
        },
        ticket_metric(),
    ];
    check(&outcome, &expected);
    // The exact Wilcoxon p (every sign pattern of 19, 16 and 21 non-zero changes) and the
    // paired n; the ticket metric stays independent (Newcombe).
    let wilcoxon = [0.0008697509765625, 0.06292724609375, 0.8517608642578125];
    for (m, p) in outcome.progress.metrics.iter().zip(wilcoxon) {
        close(m.waves[0].change.as_ref().unwrap().wilcoxon_p.unwrap(), p, "wilcoxon p");
        assert_eq!(m.waves[0].change.as_ref().unwrap().method.id(), "paired-t");
    }
    assert!(outcome.diagnosis.panels.iter().all(|p| p.paired.as_ref().unwrap().n == 24));
    assert_eq!(outcome.progress.metrics[3].waves[0].change.as_ref().unwrap().method.id(), "newcombe");
    // Every printer says which analysis ran and how many ids matched, in English and Polish.
    let view = outcome.report();
    let en = render_progress_text(&view, Lang::En);
    assert!(
        en.contains("paired t on 24 matched respondents (24 of 40 ids matched); Wilcoxon p < 0.001"),
        "{en}"
    );
    let pl = render_progress_text(&view, Lang::Pl);
    assert!(
        pl.contains("t dla par na 24 dopasowanych respondentach (dopasowano 24 z 40 identyfikatorów)"),
        "{pl}"
    );
    let json = servgap_report::render_progress_json(&view).unwrap();
    assert!(json.contains("\"design\": \"paired\""), "{json}");
}

/// reply-1h in online, from tickets: never paired (the same under both designs).
fn ticket_metric() -> Expected {
    Expected {
        d0: -0.8333333333333334,
        d1: -0.8009259259259259,
        change: 0.03240740740740741,
        ci: [-0.04077847236194353, 0.10531910118457537],
        p: 0.38362179986139455,
        df: None,
        holm: 0.7672435997227891,
        verdict: "not-moving",
        share: 0.03888888888888897,
        share_ci: [-0.05060593233657218, 0.1215221397897599],
    }
}

/// The oracle's Welch results on the panel fixture (its `--independent` block): the three
/// customer metrics as independent samples, and the ticket metric.
fn welch_expected() -> [Expected; 4] {
    [
        Expected {
            d0: -0.70625,
            d1: -0.50625,
            change: 0.20000000000000007,
            ci: [-0.08247870837568017, 0.4824787083756803],
            p: 0.1623600978982063,
            df: Some(70.20981122161056),
            holm: 0.5108547858096161,
            verdict: "not-moving",
            share: 0.2831858407079647,
            share_ci: [-0.16064762299155322, 0.5559021622763636],
        },
        Expected {
            d0: -0.975,
            d1: -0.55,
            change: 0.42499999999999993,
            ci: [-0.12458213581821953, 0.9745821358182194],
            p: 0.12771369645240402,
            df: Some(77.86634623221664),
            holm: 0.5108547858096161,
            verdict: "not-moving",
            share: 0.4358974358974358,
            share_ci: [-0.17788003464198177, 0.847006211669019],
        },
        Expected {
            d0: -1.7600000000000002,
            d1: -1.6900000000000002,
            change: 0.07000000000000006,
            ci: [-0.14885547958147702, 0.28885547958147717],
            p: 0.52582798417012,
            df: Some(73.04426213419342),
            holm: 0.7672435997227891,
            verdict: "not-moving",
            share: 0.03977272727272729,
            share_ci: [-0.09189430841108903, 0.15254028404878406],
        },
        ticket_metric(),
    ]
}

#[test]
fn issue_15_independent_gives_welch_on_the_panel() {
    let outcome = measured(&repo().join(PANEL), PairingChoice::Independent);
    assert!(!outcome.paired);
    assert!(outcome.diagnosis.panels.iter().all(|p| p.design == Design::Independent && p.forced));
    assert_eq!(outcome.diagnosis.panels[0].matched, 24);
    check(&outcome, &welch_expected());
    for m in &outcome.progress.metrics[..3] {
        assert_eq!(m.waves[0].change.as_ref().unwrap().method.id(), "welch");
    }
    let text = render_progress_text(&outcome.report(), Lang::En);
    assert!(
        text.contains("Welch t, independent waves (24 of 40 ids matched); independent design forced"),
        "{text}"
    );
}

/// The panel fixture with wave 2's customer file read with `instrument`: a built-in id, or
/// `servqual22-2025`, a TOML copy of SERVQUAL-22 under another id (a revised questionnaire
/// with the same items, written beside study.toml).
fn panel_with_wave_2_instrument(instrument: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join(PANEL), dir.path());
    let revised = servgap_pipeline::instrument_toml(&servgap_core::builtin::servqual22()).replacen(
        "id = \"servqual22\"",
        "id = \"servqual22-2025\"",
        1,
    );
    assert!(revised.contains("id = \"servqual22-2025\""));
    fs::write(dir.path().join("servqual22-2025.toml"), revised).unwrap();
    let spec = if instrument == "servqual22-2025" { "servqual22-2025.toml" } else { instrument };
    let study = dir.path().join("study.toml");
    let text = fs::read_to_string(&study).unwrap();
    let wave_2 = text.find("slug = \"2025-h2\"").unwrap();
    let at = wave_2 + text[wave_2..].find("instrument = \"servqual22\"").unwrap();
    let text = format!(
        "{}instrument = \"{spec}\"{}",
        &text[..at],
        &text[at + "instrument = \"servqual22\"".len()..]
    );
    fs::write(&study, text).unwrap();
    dir
}

#[test]
fn issue_15_waves_with_different_instruments_stay_independent_and_the_report_says_why() {
    let dir = panel_with_wave_2_instrument("servqual22-2025");
    let outcome = measured(dir.path(), PairingChoice::Auto);
    assert!(!outcome.paired);
    let instruments = Some(["servqual22".to_owned(), "servqual22-2025".to_owned()]);
    for p in &outcome.diagnosis.panels {
        assert_eq!(
            (p.design, p.forced, &p.different_instruments),
            (Design::Independent, false, &instruments)
        );
        assert_eq!((p.ids, p.matched, p.paired.is_some()), ([40, 40], 24, false), "{}", p.action);
    }
    // Same items, so the numbers are the oracle's Welch results (its --independent block).
    check(&outcome, &welch_expected());
    let report = outcome.report();
    let en = "Welch t, independent: the waves use different instruments, servqual22 and servqual22-2025 \
              (24 of 40 ids matched)";
    let pl = "t Welcha, fale niezależne: użyto w nich różnych narzędzi, servqual22 i servqual22-2025 \
              (dopasowano 24 z 40 identyfikatorów)";
    for lang in [Lang::En, Lang::Pl] {
        let expected = if lang == Lang::En { en } else { pl };
        for (printer, page) in [
            ("text", render_progress_text(&report, lang)),
            ("markdown", servgap_report::render_progress_markdown(&report, lang)),
            ("html", servgap_report::render_progress_html(&report, lang)),
        ] {
            assert_eq!(page.matches(expected).count(), 3, "{printer} {lang:?}: one line per customer metric");
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&servgap_report::render_progress_json(&report).unwrap()).unwrap();
    let pairing = &json["actions"][0]["waves"][0]["pairing"];
    assert_eq!(pairing["design"], "independent");
    assert_eq!(pairing["different_instruments"], serde_json::json!(["servqual22", "servqual22-2025"]));
    // The study report's progress section (the study's own plan: callback-warsaw) says it too.
    let diagnosis = diagnose(&ProgressRequest::new(dir.path()).diagnose, &no_progress).unwrap();
    let study = diagnosis.reports().pop().unwrap();
    assert!(servgap_report::render_diagnosis_html(&study, Lang::En).contains(en));
    assert!(servgap_report::render_diagnosis_markdown(&study, Lang::Pl).contains(pl));
    // Files with one instrument keep `null`.
    let same = measured(&repo().join(PANEL), PairingChoice::Auto);
    assert!(same.diagnosis.panels.iter().all(|p| p.different_instruments.is_none()));
    let json = servgap_report::render_progress_json(&same.report()).unwrap();
    assert!(json.contains("\"different_instruments\": null"), "{json}");
}

#[test]
fn issue_15_paired_with_different_instruments_names_both_files_and_instruments() {
    for (instrument, later) in [("servqual22-2025", "servqual22-2025"), ("servperf22", "servperf22")] {
        let dir = panel_with_wave_2_instrument(instrument);
        let mut request = ProgressRequest::new(dir.path());
        request.pairing = PairingChoice::Paired;
        let error = action_progress(&request, &no_progress).unwrap_err();
        assert!(matches!(error, PipelineError::NoPanel(_)), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!(
                "cannot pair wave `2025-h2` with baseline wave `2025-h1` for action `callback-warsaw` in unit \
                 `warsaw` (--paired): customers.csv: it uses instrument `{later}` but the baseline's \
                 customers.csv uses `servqual22`; a panel needs the same instrument in both waves"
            )
        );
    }
}
