//! Measured progress as data tables for CSV and XLSX, written with the diagnosis export's
//! writers ([`super::diagnosis_export::render_csv`], `render_xlsx`: BOM, RFC 4180 quoting,
//! formula escaping). Headings in the report's language; numbers in the metric's unit
//! (shares 0–1, seconds, scale points), written in full precision.
//!
//! Three tables:
//! - `progress`: one row per measured action (its metric, baseline, target, latest verdict
//!   and trend), the progress section's actions table;
//! - `progress-waves`: one row per measured action and wave from its baseline on (the
//!   chart's value with its interval and n; on each later wave the change from the baseline
//!   with its interval, p, Holm p, verdicts, share of the gap closed and distance to target);
//! - `progress-unmeasured`: the actions not measured, and why.

use super::diagnosis_export::{Cell, ExportTable};
use crate::i18n::Lang;
use crate::model::progress::{ActionProgressView, MetricPointView, ProgressReport, WaveProgressView};

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, text)
}

fn number(v: Option<f64>) -> Cell {
    v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Number)
}

fn bounds(i: Option<[f64; 2]>) -> [Cell; 2] {
    [number(i.map(|i| i[0])), number(i.map(|i| i[1]))]
}

fn headers(lang: Lang, english: &[&'static str]) -> Vec<String> {
    english.iter().map(|h| lang.export_header(h).to_owned()).collect()
}

pub(crate) const ACTION_COLUMNS: [&str; 21] = [
    "action",
    "title",
    "owner",
    "status",
    "metric",
    "kind",
    "unit",
    "unit of measure",
    "direction",
    "baseline wave",
    "baseline value",
    "baseline difference",
    "target",
    "expected share closed",
    "latest verdict",
    "trend per wave",
    "trend CI low",
    "trend CI high",
    "trend p",
    "trend waves",
    "trend method",
];

fn action_row(lang: Lang, a: &ActionProgressView) -> Vec<Cell> {
    let t = a.trend.as_ref();
    let [trend_low, trend_high] = bounds(t.and_then(|t| t.interval));
    vec![
        text(&a.action),
        text(&a.title),
        opt_text(a.owner.as_deref()),
        text(lang.progress_status(&a.status)),
        text(&a.metric),
        text(&a.kind),
        text(&a.unit),
        text(&a.measure_unit),
        text(&a.direction),
        text(&a.baseline_wave),
        Cell::Number(a.baseline_value),
        Cell::Number(a.baseline_difference),
        number(a.target),
        number(a.expected_share),
        text(lang.progress_verdict(&a.latest_verdict)),
        number(t.map(|t| t.slope)),
        trend_low,
        trend_high,
        number(t.and_then(|t| t.p)),
        t.map_or(Cell::Empty, |t| Cell::Number(t.waves as f64)),
        opt_text(t.map(|t| lang.progress_method(&t.method))),
    ]
}

pub(crate) const WAVE_COLUMNS: [&str; 26] = [
    "action",
    "metric",
    "wave",
    "value",
    "value CI low",
    "value CI high",
    "n",
    "difference",
    "size",
    "change",
    "change CI low",
    "change CI high",
    "p",
    "df",
    "Wilcoxon p",
    "method",
    "Holm p",
    "verdict",
    "unadjusted verdict",
    "reason",
    "share closed",
    "share closed CI low",
    "share closed CI high",
    "share method",
    "share not given because",
    "to target",
];

/// One wave of a metric: the chart's point, and on a later wave its progress.
fn wave_row(
    lang: Lang,
    a: &ActionProgressView,
    p: &MetricPointView,
    w: Option<&WaveProgressView>,
) -> Vec<Cell> {
    let [value_low, value_high] = bounds(p.interval);
    let [change_low, change_high] = bounds(w.and_then(|w| w.change_interval));
    let [share_low, share_high] = bounds(w.and_then(|w| w.share_closed_interval));
    let reason = |r: Option<&String>| opt_text(r.map(|r| lang.progress_reason(r)));
    let baseline = p.wave == a.baseline_wave;
    vec![
        text(&a.action),
        text(&a.metric),
        text(&p.wave),
        number(p.value),
        value_low,
        value_high,
        p.n.map_or(Cell::Empty, |n| Cell::Number(n as f64)),
        number(if baseline { Some(a.baseline_difference) } else { w.and_then(|w| w.difference) }),
        number(w.and_then(|w| w.size)),
        number(w.and_then(|w| w.change)),
        change_low,
        change_high,
        number(w.and_then(|w| w.p)),
        number(w.and_then(|w| w.df)),
        number(w.and_then(|w| w.wilcoxon_p)),
        opt_text(w.and_then(|w| w.method.as_deref()).map(|m| lang.progress_method(m))),
        number(w.and_then(|w| w.p_adjusted)),
        opt_text(w.map(|w| lang.progress_verdict(&w.verdict))),
        opt_text(w.map(|w| lang.progress_verdict(&w.verdict_unadjusted))),
        reason(w.and_then(|w| w.reason.as_ref())),
        number(w.and_then(|w| w.share_closed)),
        share_low,
        share_high,
        opt_text(w.and_then(|w| w.share_method.as_deref()).map(|m| lang.progress_method(m))),
        reason(w.and_then(|w| w.share_reason.as_ref())),
        number(w.and_then(|w| w.distance_to_target)),
    ]
}

/// Every wave of one action: the series from the baseline on, each later wave with its
/// progress; a later wave missing from the series (not expected) still gets its row.
fn wave_rows(lang: Lang, a: &ActionProgressView) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> =
        a.series.iter().map(|p| wave_row(lang, a, p, a.waves.iter().find(|w| w.wave == p.wave))).collect();
    for w in a.waves.iter().filter(|w| !a.series.iter().any(|p| p.wave == w.wave)) {
        let point = MetricPointView { wave: w.wave.clone(), value: w.value, interval: None, n: None };
        rows.push(wave_row(lang, a, &point, Some(w)));
    }
    rows
}

/// The three tables of measured progress in `lang`: `progress`, `progress-waves`,
/// `progress-unmeasured`.
pub fn progress_tables(report: &ProgressReport, lang: Lang) -> Vec<ExportTable> {
    let actions = ExportTable {
        name: "progress",
        header: headers(lang, &ACTION_COLUMNS),
        rows: report.actions.iter().map(|a| action_row(lang, a)).collect(),
    };
    let waves = ExportTable {
        name: "progress-waves",
        header: headers(lang, &WAVE_COLUMNS),
        rows: report.actions.iter().flat_map(|a| wave_rows(lang, a)).collect(),
    };
    let unmeasured = ExportTable {
        name: "progress-unmeasured",
        header: headers(lang, &["action", "reason"]),
        rows: report
            .unmeasured
            .iter()
            .map(|u| vec![text(&u.action), text(lang.progress_reason(&u.reason))])
            .collect(),
    };
    vec![actions, waves, unmeasured]
}
