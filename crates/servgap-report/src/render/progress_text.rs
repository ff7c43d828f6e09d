//! Measured progress as aligned terminal text, Markdown and JSON; the tables here are
//! also the HTML page's.

use std::fmt::Write as _;

use super::support::plain::{heading, table, Flavour};
use crate::i18n::Lang;
use crate::model::progress::{ActionProgressView, ProgressReport, WaveProgressView};

/// A value of the metric in its unit (shares as per cent, durations as durations).
fn value(lang: Lang, unit: &str, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| lang.gap_value(unit, v))
}

/// A change or slope in the metric's unit, signed: percentage points for shares, seconds
/// for durations.
pub(crate) fn amount(lang: Lang, unit: &str, v: Option<f64>) -> String {
    match (unit, v) {
        (_, None) => "–".to_owned(),
        ("share", Some(v)) => format!("{}\u{a0}pp", lang.signed(Some(v * 100.0), 1)),
        ("seconds", Some(v)) => format!("{}\u{a0}s", lang.signed(Some(v), 0)),
        (_, Some(v)) => lang.signed(Some(v), 3),
    }
}

/// An interval in the metric's unit, as [`amount`].
pub(crate) fn amount_interval(lang: Lang, unit: &str, ci: Option<[f64; 2]>) -> String {
    match ci {
        None => "–".to_owned(),
        Some([a, b]) => format!("[{}; {}]", amount(lang, unit, Some(a)), amount(lang, unit, Some(b))),
    }
}

/// The actions table's header; the trend's interval names the confidence `level`.
pub(crate) fn action_header(lang: Lang, level: f64) -> Vec<String> {
    let mut header: Vec<String> = [
        "action",
        "owner",
        "status",
        "metric",
        "unit",
        "baseline wave",
        "baseline value",
        "target",
        "schedule",
        "verdict",
        "trend per year",
    ]
    .iter()
    .map(|h| lang.prog(h).to_owned())
    .collect();
    header.push(format!("{} {}", lang.prog("trend"), lang.ci_label(level)));
    header
}

/// `start → due, expected share`.
fn schedule(lang: Lang, a: &ActionProgressView) -> String {
    match a.expected_share {
        Some(e) => format!("{} → {}, {}", a.start, a.due, lang.percent(e)),
        None => format!("{} → {}", a.start, a.due),
    }
}

pub(crate) fn action_cells(lang: Lang, a: &ActionProgressView) -> Vec<String> {
    let u = a.measure_unit.as_str();
    vec![
        format!("{} ({})", a.title, a.action),
        a.owner.clone().unwrap_or_else(|| "–".to_owned()),
        lang.progress_status(&a.status).to_owned(),
        a.metric.clone(),
        a.unit.clone(),
        a.baseline_wave.clone(),
        value(lang, u, Some(a.baseline_value)),
        value(lang, u, a.target),
        schedule(lang, a),
        lang.progress_verdict_paced(&a.latest_verdict, a.latest_pace.as_deref()),
        amount(lang, u, a.trend.as_ref().map(|t| t.slope)),
        amount_interval(lang, u, a.trend.as_ref().and_then(|t| t.interval)),
    ]
}

/// The later waves' table header; the intervals name the confidence `level`.
pub(crate) fn wave_header(lang: Lang, level: f64) -> Vec<String> {
    let ci = lang.ci_label(level);
    let share_ci = format!("{} {ci}", lang.prog("share"));
    let words = |hs: &[&'static str]| hs.iter().map(|h| lang.prog(h).to_owned()).collect::<Vec<_>>();
    let mut header = words(&["action", "wave", "value", "change"]);
    header.push(ci);
    header.extend(words(&["p", "Holm p", "method", "share closed"]));
    header.push(share_ci);
    header.extend(words(&["expected by then", "to target", "verdict", "unadjusted verdict"]));
    header
}

pub(crate) fn wave_cells(lang: Lang, a: &ActionProgressView, w: &WaveProgressView) -> Vec<String> {
    let u = a.measure_unit.as_str();
    let verdict = match &w.reason {
        Some(r) => format!("{}: {}", lang.progress_verdict(&w.verdict), lang.progress_reason(r)),
        None => lang.progress_verdict_paced(&w.verdict, w.pace.as_deref()),
    };
    let share = match (&w.share_closed, &w.share_reason) {
        (Some(s), _) => lang.percent(*s),
        (None, Some(r)) if w.reason.is_none() => lang.progress_reason(r).to_owned(),
        _ => "–".to_owned(),
    };
    vec![
        a.action.clone(),
        w.wave.clone(),
        value(lang, u, w.value),
        amount(lang, u, w.change),
        amount_interval(lang, u, w.change_interval),
        lang.p(w.p),
        lang.p(w.p_adjusted),
        lang.progress_analysis(w),
        share,
        w.share_closed_interval
            .map_or_else(|| "–".to_owned(), |[a, b]| format!("[{}; {}]", lang.percent(a), lang.percent(b))),
        lang.percent_or_dash(w.expected_share),
        amount(lang, u, w.distance_to_target),
        verdict,
        lang.progress_verdict_paced(&w.verdict_unadjusted, w.pace_unadjusted.as_deref()),
    ]
}

pub(crate) fn wave_rows(lang: Lang, report: &ProgressReport) -> Vec<Vec<String>> {
    report.actions.iter().flat_map(|a| a.waves.iter().map(move |w| wave_cells(lang, a, w))).collect()
}

pub(crate) fn title(lang: Lang, report: &ProgressReport) -> String {
    format!("{} — {} ({})", lang.prog("Measured progress"), report.study_name, report.study)
}

pub(crate) fn findings(lang: Lang, report: &ProgressReport) -> Vec<String> {
    report
        .done_not_moving
        .iter()
        .map(|d| lang.done_not_moving(&d.action, &d.metric, &d.wave, &d.verdict))
        .collect()
}

pub(crate) fn unmeasured_rows(lang: Lang, report: &ProgressReport) -> Vec<Vec<String>> {
    report
        .unmeasured
        .iter()
        .map(|u| vec![u.action.clone(), lang.progress_reason(&u.reason).to_owned()])
        .collect()
}

/// The method note.
pub(crate) const METHOD: &str = "Progress is measured on the data, never inferred from task status: the change of each metric's gap from the baseline, its interval, the share of the gap closed (Fieller's interval), and a verdict whose p-values are Holm-adjusted over every metric × later wave of the plan; the unadjusted verdict is shown beside. An improvement is on track when the interval of the share closed reaches the share the schedule expected by the wave's date (the midpoint of its fieldwork): the expected share × the part of the time from the action's start to its due date that had passed; behind schedule when the whole interval lies below it. The trend is the slope of the gap per year against the waves' dates and needs three or more waves.";

/// The progress sections (summary, actions, waves, findings, method) at heading `level`.
pub(crate) fn sections(
    report: &ProgressReport,
    lang: Lang,
    flavour: Flavour,
    level: usize,
    out: &mut String,
) {
    let _ = writeln!(
        out,
        "{}",
        lang.progress_summary(&report.summary, report.level, report.alpha, report.family_size)
    );
    if report.actions.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.prog("No action of the plan names a metric measured on the baseline wave.")
        );
    } else {
        heading(flavour, level, lang.prog("Actions"), out);
        let rows: Vec<Vec<String>> = report.actions.iter().map(|a| action_cells(lang, a)).collect();
        table(flavour, &action_header(lang, report.level), &rows, out);
        heading(flavour, level, lang.prog("Progress by action"), out);
        table(flavour, &wave_header(lang, report.level), &wave_rows(lang, report), out);
    }
    let done = findings(lang, report);
    if !done.is_empty() {
        heading(flavour, level, lang.prog("Done, but the metric did not move"), out);
        for f in done {
            let _ = writeln!(out, "- {f}");
        }
    }
    if !report.unmeasured.is_empty() {
        heading(flavour, level, lang.prog("Actions not measured"), out);
        let header = vec![lang.prog("action").to_owned(), lang.prog("reason").to_owned()];
        table(flavour, &header, &unmeasured_rows(lang, report), out);
    }
    let _ = writeln!(out, "\n{}", lang.prog(METHOD));
    let _ = writeln!(out, "\n{}", lang.prog_panel(crate::i18n::progress_panel::PANEL_METHOD));
}

fn render(report: &ProgressReport, lang: Lang, flavour: Flavour) -> String {
    let mut out = String::new();
    heading(flavour, 1, &title(lang, report), &mut out);
    sections(report, lang, flavour, 2, &mut out);
    out
}

/// Measured progress as terminal text.
pub fn render_progress_text(report: &ProgressReport, lang: Lang) -> String {
    render(report, lang, Flavour::Terminal)
}

/// Measured progress as GitHub-flavoured Markdown.
pub fn render_progress_markdown(report: &ProgressReport, lang: Lang) -> String {
    render(report, lang, Flavour::Markdown)
}

/// Measured progress as pretty JSON (schema `servgap.progress/2`).
///
/// # Errors
/// Serialisation failure (a non-finite number cannot be written).
pub fn render_progress_json(report: &ProgressReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}
