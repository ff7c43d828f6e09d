//! The KPI report as one self-contained HTML page with inline SVG: a bullet chart per
//! target (actual vs target and band), a trend line per target over the periods with
//! the target line, and SLA attainment by segment with 95 % intervals.
//!
//! The page reuses the survey report's shell and stylesheet (`html::page_start`)
//! and the Okabe–Ito palette of [`crate::svg`]. The SVG is written by hand in this file
//! (no script, no external assets) so the page is deterministic. Every chart has
//! `role="img"` with a `<title>` and `<desc>`; the tables at the end are the text
//! alternative of all charts.

use std::fmt::Write as _;

use super::support::kpi_profile_tables::kpi_profile_tables;
use super::support::kpi_tables::kpi_tables;
use super::support::markup::{escape as esc, PALETTE};
use super::support::page::{findings_table, name_table_boxes, page_start, paragraph, section, DataTable};
use super::support::units::{decimal, human_value_in};
use crate::i18n::kpi_charts::TrendFacts;
use crate::i18n::Lang;
use crate::model::kpi::{GapView, KpiReportView, TargetView};

/// Okabe–Ito colours (colour-blind safe), shared with the survey report's charts.
const BLUE: &str = PALETTE[0];
const ORANGE: &str = PALETTE[1];
const GREEN: &str = PALETTE[2];
const VERMILION: &str = PALETTE[4];
const INK: &str = PALETTE[6];
/// Axis lines and secondary text: the stylesheet's muted ink (≥ 4.5:1 on white).
const MUTED: &str = "#4d4d4d";
/// Qualitative zones of the bullet charts: light tints of grey, orange and green.
const ZONE_BASE: &str = "#e6e6e6";
const ZONE_BAND: &str = "#f7e3b5";
const ZONE_GOOD: &str = "#cce8dc";
/// Background of the SLA bars: the stylesheet's band colour.
const ROW_BG: &str = "#f4f6f8";

/// Page-specific additions to the shared stylesheet.
const KPI_CSS: &str = r#"
.kpi-chart { margin: .75rem 0 1.25rem; }
.kpi-chart svg { display: block; width: 100%; height: auto; }
.kpi-chart svg.bullet { max-width: 720px; margin: .25rem 0; }
.kpi-chart svg.trend, .kpi-chart svg.sla { max-width: 720px; }
.note { color: var(--muted); font-size: .95rem; }
#summary h2 { border-top: none; margin-top: 0; }
pre.tables { font-size: .8rem; line-height: 1.4; overflow-x: auto; background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1rem; }
"#;

fn status_colour(status: &str) -> &'static str {
    match status {
        "at-target" => GREEN,
        "in-band" => ORANGE,
        _ => VERMILION,
    }
}

/// The secondary line of a preset target: its description (without a repeated KPI name)
/// and, with `publisher`, the publisher of the source, e.g.
/// `Benchmark: world-class ≥ 80 %, good 70–79 % — SQM Group benchmark research (2022)`.
fn preset_line(t: &TargetView, publisher: bool, lang: Lang) -> Option<String> {
    let description = lang.preset_description(t)?;
    let publisher = match t.source.as_deref() {
        Some(s) if publisher => s.split(", http").next().unwrap_or("").trim(),
        _ => "",
    };
    Some(lang.benchmark_line(&description, publisher))
}

/// Opens an accessible SVG with its `<title>` and `<desc>`.
fn svg_open(out: &mut String, class: &str, id: &str, (w, h): (f64, f64), title: &str, desc: &str) {
    let _ = writeln!(
        out,
        r#"<svg class="{class}" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">"#
    );
    let _ = writeln!(out, r#"<title id="{id}-title">{}</title>"#, esc(title));
    let _ = writeln!(out, r#"<desc id="{id}-desc">{}</desc>"#, esc(desc));
}

/// One bullet chart: qualitative zones (worse than minimum, band, at target), the actual
/// value as a bar and the target as a tick.
fn bullet(t: &TargetView, g: &GapView, id: &str, lang: Lang, out: &mut String) {
    let secondary = preset_line(t, false, lang);
    let (w, left, right) = (720.0, 250.0, 20.0);
    let h = if secondary.is_some() { 76.0 } else { 60.0 };
    let span = w - left - right;
    let max = if t.unit == "share" {
        1.0
    } else {
        let m = g.actual.max(t.target).max(t.minimum.unwrap_or(0.0));
        if m <= 0.0 {
            1.0
        } else {
            m * 1.15
        }
    };
    let x = |v: f64| left + span * (v / max).clamp(0.0, 1.0);
    let minimum = t.minimum.unwrap_or(t.target);
    let name = lang.target_name(t);
    let segment = lang.kpi_segment(&g.segment);
    let minimum_text = t.minimum.map(|m| human_value_in(lang, &t.unit, m));
    let summary = lang.bullet_summary(
        &human_value_in(lang, &t.unit, g.actual),
        &human_value_in(lang, &t.unit, t.target),
        minimum_text.as_deref(),
        &g.status,
        g.n,
    );
    let mut desc = lang.bullet_desc(&segment, &summary, t.direction == "lower");
    if let Some(line) = preset_line(t, true, lang) {
        let _ = write!(desc, " {line}.");
    }
    svg_open(out, "bullet", id, (w, h), &format!("{name} ({segment})"), &desc);
    // Zones: lower-is-better puts "good" on the left.
    let (good, band_lo, band_hi) = if t.direction == "lower" {
        ((0.0, t.target), t.target, minimum)
    } else {
        ((t.target, max), minimum, t.target)
    };
    let _ = writeln!(out, r#"<rect x="{left}" y="14" width="{span}" height="26" fill="{ZONE_BASE}"/>"#);
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="14" width="{:.1}" height="26" fill="{ZONE_BAND}"/>"#,
        x(band_lo),
        (x(band_hi) - x(band_lo)).max(0.0)
    );
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="14" width="{:.1}" height="26" fill="{ZONE_GOOD}"/>"#,
        x(good.0),
        (x(good.1) - x(good.0)).max(0.0)
    );
    let _ = writeln!(
        out,
        r#"<rect x="{left}" y="22" width="{:.1}" height="10" fill="{}" stroke="{INK}" stroke-width="0.5"/>"#,
        (x(g.actual) - left).max(1.0),
        status_colour(&g.status)
    );
    let tx = x(t.target);
    let _ =
        writeln!(out, r#"<line x1="{tx:.1}" y1="10" x2="{tx:.1}" y2="44" stroke="{INK}" stroke-width="2"/>"#);
    let _ = writeln!(
        out,
        r#"<text x="{}" y="26" font-size="12" font-weight="600" text-anchor="end" fill="{INK}">{}</text>"#,
        left - 8.0,
        esc(&name)
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="40" font-size="11" fill="{MUTED}" text-anchor="end">{}</text>"#,
        left - 8.0,
        esc(&segment)
    );
    let _ = writeln!(out, r#"<text x="{left}" y="56" font-size="11" fill="{INK}">{}</text>"#, esc(&summary));
    if let Some(line) = &secondary {
        let _ =
            writeln!(out, r#"<text x="{left}" y="71" font-size="11" fill="{MUTED}">{}</text>"#, esc(line));
    }
    out.push_str("</svg>\n");
}

/// A trend line of one target's measure per period (all tickets), with the target line.
fn trend(t: &TargetView, points: &[&GapView], id: &str, period: &str, lang: Lang, out: &mut String) {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return;
    };
    let secondary = preset_line(t, true, lang);
    // The right margin holds the "target" label and half of the last date label.
    let (w, left, right, bottom) = (720.0, 70.0, 60.0, 40.0);
    let top = if secondary.is_some() { 44.0 } else { 30.0 };
    let h = top + 136.0 + bottom;
    let (pw, ph) = (w - left - right, h - top - bottom);
    let mut max = points.iter().map(|p| p.actual).fold(t.target, f64::max).max(t.minimum.unwrap_or(0.0));
    if max <= 0.0 {
        max = 1.0;
    }
    max *= 1.1;
    if t.unit == "share" {
        // Shares never exceed 100 %.
        max = max.min(1.0);
    }
    let n = points.len();
    let x = |i: usize| left + if n == 1 { pw / 2.0 } else { pw * i as f64 / (n - 1) as f64 };
    let y = |v: f64| top + ph * (1.0 - (v / max).clamp(0.0, 1.0));
    let name = lang.target_name(t);
    let minimum_text = t.minimum.map(|m| human_value_in(lang, &t.unit, m));
    let mut desc = lang.trend_desc(&TrendFacts {
        name: &name,
        period,
        periods: n as u64,
        first: &first.period_start,
        last: &last.period_start,
        target: &human_value_in(lang, &t.unit, t.target),
        minimum: minimum_text.as_deref(),
        latest: &human_value_in(lang, &t.unit, last.actual),
        n: last.n,
    });
    if let Some(line) = &secondary {
        let _ = write!(desc, " {line}.");
    }
    svg_open(out, "trend", id, (w, h), &lang.trend_title(&name, period), &desc);
    let _ = writeln!(
        out,
        r#"<text x="{left}" y="16" font-size="13" font-weight="600" fill="{INK}">{}</text>"#,
        esc(&name)
    );
    if let Some(line) = &secondary {
        let _ =
            writeln!(out, r#"<text x="{left}" y="32" font-size="11" fill="{MUTED}">{}</text>"#, esc(line));
    }
    let _ = writeln!(
        out,
        r#"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="{MUTED}"/>"#,
        top + ph,
        left + pw,
        top + ph
    );
    for frac in [0.0, 0.5, 1.0] {
        let v = max * frac;
        if frac > 0.0 {
            let _ = writeln!(
                out,
                r#"<line x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="{ZONE_BASE}"/>"#,
                y(v),
                left + pw,
                y(v)
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{:.1}" font-size="10" text-anchor="end" fill="{MUTED}">{}</text>"#,
            left - 6.0,
            y(v) + 3.0,
            esc(&human_value_in(lang, &t.unit, v))
        );
    }
    if let Some(m) = t.minimum {
        let _ = writeln!(
            out,
            r#"<line x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="{ORANGE}" stroke-width="1.5" stroke-dasharray="2 3"/><text x="{}" y="{:.1}" font-size="10" fill="{MUTED}">{}</text>"#,
            y(m),
            left + pw,
            y(m),
            left + pw + 4.0,
            minimum_label_y(y(m), y(t.target)),
            esc(lang.kpi("minimum"))
        );
    }
    let _ = writeln!(
        out,
        r#"<line x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="{INK}" stroke-dasharray="6 3"/><text x="{}" y="{:.1}" font-size="10" fill="{INK}">{}</text>"#,
        y(t.target),
        left + pw,
        y(t.target),
        left + pw + 4.0,
        y(t.target) + 3.0,
        esc(lang.kpi("target"))
    );
    let path: Vec<String> =
        points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.actual))).collect();
    let _ = writeln!(
        out,
        r#"<polyline points="{}" fill="none" stroke="{BLUE}" stroke-width="2"/>"#,
        path.join(" ")
    );
    for (i, p) in points.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{}" stroke="{INK}" stroke-width="0.5"><title>{}: {} (n = {})</title></circle>"#,
            x(i),
            y(p.actual),
            status_colour(&p.status),
            esc(&p.period_start),
            esc(&human_value_in(lang, &t.unit, p.actual)),
            p.n
        );
    }
    let labels = [0, n / 2, n - 1];
    let mut previous = usize::MAX;
    for i in labels {
        if i == previous {
            continue;
        }
        previous = i;
        if let Some(p) = points.get(i) {
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle" fill="{MUTED}">{}</text>"#,
                x(i),
                h - 22.0,
                esc(&p.period_start)
            );
        }
    }
    out.push_str("</svg>\n");
}

/// Baseline of the "minimum" label at a line at `y_min`, moved away from the "target"
/// label at `y_target` when the two lines are closer than a line of text.
fn minimum_label_y(y_min: f64, y_target: f64) -> f64 {
    const GAP: f64 = 11.0;
    if (y_min - y_target).abs() >= GAP {
        y_min + 3.0
    } else if y_min >= y_target {
        y_target + 3.0 + GAP
    } else {
        y_target + 3.0 - GAP
    }
}

/// SLA attainment per segment (whole data) with the 95 % Wilson interval.
fn sla_bars(view: &KpiReportView, lang: Lang, out: &mut String) {
    let rows: Vec<(String, String, f64, f64, f64, u64)> = view
        .totals
        .iter()
        .flat_map(|g| {
            g.sla.iter().filter_map(move |s| {
                let a = s.attainment?;
                Some((lang.kpi_segment(&g.segment), s.name.clone(), a.share, a.ci_low, a.ci_high, a.n))
            })
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    // The right margin holds "100.0 % (n = 12345)".
    let (w, left, right, row_h) = (720.0, 240.0, 130.0, 22.0);
    let h = 20.0 + row_h * rows.len() as f64 + 20.0;
    let span = w - left - right;
    let x = |v: f64| left + span * v.clamp(0.0, 1.0);
    let desc = lang.sla_desc(rows.len() as u64);
    svg_open(out, "sla", "chart-sla", (w, h), lang.kpi("SLA attainment by segment"), &desc);
    for (label, v) in [("0 %", 0.0), ("50 %", 0.5), ("100 %", 1.0)] {
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="16" x2="{:.1}" y2="{:.1}" stroke="{ZONE_BASE}"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{MUTED}">{label}</text>"#,
            x(v),
            x(v),
            h - 16.0,
            x(v),
            h - 4.0
        );
    }
    for (i, (segment, name, share, low, high, n)) in rows.iter().enumerate() {
        let y = 20.0 + row_h * i as f64;
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="{INK}">{} · {}</text>"#,
            left - 8.0,
            y + 12.0,
            esc(name),
            esc(segment)
        );
        let _ =
            writeln!(out, r#"<rect x="{left}" y="{:.1}" width="{span}" height="14" fill="{ROW_BG}"/>"#, y);
        let _ = writeln!(
            out,
            r#"<rect x="{left}" y="{:.1}" width="{:.1}" height="14" fill="{BLUE}" stroke="{INK}" stroke-width="0.5"><title>{} · {}: {} (n = {n})</title></rect>"#,
            y,
            x(*share) - left,
            esc(name),
            esc(segment),
            esc(&share_with_interval(lang, *share, *low, *high))
        );
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{INK}" stroke-width="1.5"/>"#,
            x(*low),
            y + 7.0,
            x(*high),
            y + 7.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{INK}">{} (n = {n})</text>"#,
            left + span + 6.0,
            y + 12.0,
            decimal(lang, format!("{:.1} %", 100.0 * share))
        );
    }
    out.push_str("</svg>\n");
}

/// `97.1 % [94.9, 98.4]` / `97,1 % [94,9; 98,4]`.
fn share_with_interval(lang: Lang, share: f64, low: f64, high: f64) -> String {
    format!(
        "{} {}",
        decimal(lang, format!("{:.1} %", 100.0 * share)),
        lang.interval(Some([100.0 * low, 100.0 * high]), 1)
    )
}

/// The rules the readers applied, with counts and the first row, column and value of
/// each, and the number of rejected rows; the same as the survey page's section.
fn data_quality(view: &KpiReportView, lang: Lang, out: &mut String) {
    let heading = lang.kpi("Data quality");
    section(out, "data-quality", heading);
    for line in super::kpi_text::quality_lines(view, lang) {
        paragraph(out, &line);
    }
    if view.input.rejected > 0 {
        paragraph(
            out,
            &lang.kpi_rejected_tickets(view.input.rejected, view.input.tickets + view.input.rejected),
        );
    }
    findings_table(out, &view.input.findings, heading, lang);
    out.push_str("</section>\n");
}

/// The backlog of all tickets at the end of every period, as a step line with the
/// periods on the x axis (periods without activity included).
fn backlog_section(view: &KpiReportView, lang: Lang, out: &mut String) {
    let Some(series) = view.backlog.iter().find(|s| s.segment.dimension.is_none()) else { return };
    if series.points.is_empty() {
        return;
    }
    let heading = lang.kpi_backlog("Backlog per period");
    let _ = writeln!(
        out,
        "<section id=\"backlog\" aria-labelledby=\"backlog-h\">\n<h2 id=\"backlog-h\">{} ({}, {})</h2>\n<p class=\"note\">{}</p>\n<div class=\"kpi-chart\">",
        esc(heading),
        esc(lang.kpi_backlog("all tickets")),
        esc(&lang.kpi_period(&view.method.period)),
        esc(lang.kpi_backlog("Every period between the first and the last is listed; a period without activity shows zero created and solved, and the backlog it carried."))
    );
    let (w, h, left, right, top, bottom) = (720.0, 220.0, 56.0, 16.0, 16.0, 40.0);
    let n = series.points.len();
    let max = series.points.iter().map(|p| p.open_at_end.max(0)).max().unwrap_or(0).max(1) as f64;
    let step = (w - left - right) / n as f64;
    let y = |v: i64| top + (h - top - bottom) * (1.0 - v.max(0) as f64 / max);
    let desc =
        format!("{heading}: {} – {}", series.points[0].period_start, series.points[n - 1].period_start);
    svg_open(out, "backlog", "chart-backlog", (w, h), heading, &desc);
    for v in [0, max as i64] {
        let _ = writeln!(
            out,
            r#"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{ZONE_BASE}"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="{MUTED}">{v}</text>"#,
            y(v),
            w - right,
            y(v),
            left - 6.0,
            y(v) + 3.0
        );
    }
    let mut path = String::new();
    for (i, p) in series.points.iter().enumerate() {
        let (x0, x1) = (left + step * i as f64, left + step * (i + 1) as f64);
        let _ = write!(
            path,
            "{}{x0:.1},{:.1} L{x1:.1},{:.1} ",
            if i == 0 { "M" } else { "L" },
            y(p.open_at_end),
            y(p.open_at_end)
        );
    }
    let _ = writeln!(out, r#"<path d="{}" fill="none" stroke="{BLUE}" stroke-width="2"/>"#, path.trim_end());
    for (i, p) in series.points.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<rect x="{:.1}" y="{top}" width="{step:.1}" height="{:.1}" fill="transparent"><title>{}: {} ({} {}, {} {})</title></rect>"#,
            left + step * i as f64,
            h - top - bottom,
            esc(&p.period_start),
            p.open_at_end,
            p.created,
            esc(lang.kpi_backlog("created")),
            p.solved,
            esc(lang.kpi_backlog("solved"))
        );
    }
    for (i, anchor) in [(0, "start"), (n / 2, "middle"), (n - 1, "end")] {
        let x = match anchor {
            "start" => left,
            "end" => w - right,
            _ => left + step * (i as f64 + 0.5),
        };
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="{anchor}" fill="{MUTED}">{}</text>"#,
            h - bottom + 16.0,
            esc(&series.points[i].period_start)
        );
    }
    out.push_str("</svg>\n</div>\n</section>\n");
}

/// How to read the bullet charts.
const BULLET_NOTE: &str = "Bar: actual (green at target, orange in band, vermilion below minimum). Tick: target. Shaded: green = at target, sand = tolerance band.";

/// The definitions used, the KPIs not measurable from the export (with the reason), the
/// targets not judged and the reconciliation, right after the summary.
fn definitions_section(view: &KpiReportView, lang: Lang, out: &mut String) {
    let _ = writeln!(
        out,
        "<section id=\"definitions\" aria-labelledby=\"definitions-h\">\n<h2 id=\"definitions-h\">{}</h2>",
        esc(lang.kpi_profiles("Definitions and measurability"))
    );
    if !view.profiles.partial_periods.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"note\">{} {}</p>",
            esc(lang.kpi_profiles("Partial periods are marked and not judged against targets.")),
            esc(&view.profiles.partial_periods.join(", "))
        );
    }
    for t in kpi_profile_tables(view, lang) {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&t.heading));
        DataTable { caption: &t.heading, header: t.header, rows: t.rows, text_columns: vec![0, 1] }
            .render(out);
    }
    out.push_str("</section>\n");
}

/// The whole page.
pub fn render_kpi_html(view: &KpiReportView, lang: Lang) -> String {
    let mut out = String::new();
    let title = format!("{}: {}", lang.kpi("Help-desk KPIs"), view.input.file);
    page_start(&mut out, lang, &view.servgap_version, &title, lang.kpi("Skip to summary"), KPI_CSS);
    let _ = writeln!(
        out,
        "<header class=\"report\">\n<h1><span class=\"kicker\">{}</span>{}</h1>\n</header>",
        esc(lang.kpi("Help-desk KPI report")),
        esc(&view.input.file)
    );
    let _ = writeln!(
        out,
        "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">{}</h2>",
        esc(lang.kpi("Summary"))
    );
    let _ = writeln!(
        out,
        "<dl class=\"meta\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} / {}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} ({})</dd></dl>\n</section>",
        esc(lang.kpi("Tickets analysed")),
        esc(&lang.tickets(view.input.tickets)),
        esc(lang.kpi("Rejected")),
        view.input.rejected,
        view.input.tickets + view.input.rejected,
        esc(lang.kpi("Layout")),
        esc(&lang.kpi_layout(&view.input.layout)),
        esc(lang.kpi("Periods")),
        esc(&lang.kpi_period(&view.method.period)),
        esc(&view.method.zone)
    );

    definitions_section(view, lang, &mut out);
    if !view.targets.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"targets\" aria-labelledby=\"targets-h\">\n<h2 id=\"targets-h\">{}</h2>\n<p class=\"note\">{}</p>\n<div class=\"kpi-chart\">",
            esc(lang.kpi("KPIs against targets (whole data)")),
            esc(lang.kpi(BULLET_NOTE))
        );
        for (i, g) in view.gaps.iter().enumerate() {
            if let Some(t) = view.targets.get(g.target) {
                bullet(t, g, &format!("chart-bullet-{}", i + 1), lang, &mut out);
            }
        }
        out.push_str("</div>\n");
        for t in view.targets.iter().filter(|t| t.source.is_some()) {
            let what = match &t.preset {
                Some(p) => format!("{} {p}, {}", lang.kpi("benchmark preset"), lang.target_label(t)),
                None => lang.target_label(t),
            };
            let _ = writeln!(
                out,
                "<p class=\"note\"><strong>{}</strong> ({}): {}</p>",
                esc(&lang.target_name(t)),
                esc(&what),
                esc(t.source.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</section>\n");
        let _ = writeln!(
            out,
            "<section id=\"trends\" aria-labelledby=\"trends-h\">\n<h2 id=\"trends-h\">{} ({})</h2>\n<div class=\"kpi-chart\">",
            esc(lang.kpi("Trend per period with the target line (all tickets)")),
            esc(&lang.kpi_period(&view.method.period))
        );
        for (k, t) in view.targets.iter().enumerate() {
            let points: Vec<&GapView> =
                view.period_gaps.iter().filter(|g| g.target == k && g.segment.dimension.is_none()).collect();
            trend(t, &points, &format!("chart-trend-{}", k + 1), &view.method.period, lang, &mut out);
        }
        out.push_str("</div>\n</section>\n");
    }
    if view.totals.iter().any(|g| !g.sla.is_empty()) {
        let _ = writeln!(
            out,
            "<section id=\"sla\" aria-labelledby=\"sla-h\">\n<h2 id=\"sla-h\">{}</h2>\n<p class=\"note\">{}</p>\n<div class=\"kpi-chart\">",
            esc(lang.kpi("SLA attainment by segment")),
            esc(lang.kpi("Whiskers: 95 % Wilson interval."))
        );
        sla_bars(view, lang, &mut out);
        out.push_str("</div>\n</section>\n");
    }
    backlog_section(view, lang, &mut out);
    data_quality(view, lang, &mut out);
    let _ = writeln!(
        out,
        "<section id=\"tables\" aria-labelledby=\"tables-h\">\n<h2 id=\"tables-h\">{}</h2>\n<p class=\"note\">{}</p>",
        esc(lang.kpi("Tables")),
        esc(lang.kpi("The data behind every chart above."))
    );
    for t in kpi_tables(view, lang) {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&t.heading));
        let text_columns = if t.header.len() > 2 { vec![0, 1] } else { vec![0] };
        let satisfaction =
            t.heading == lang.kpi_satisfaction("CSAT when the target was met or missed (whole data)");
        DataTable { caption: &t.heading, header: t.header, rows: t.rows, text_columns }.render(&mut out);
        if satisfaction {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(lang.kpi_satisfaction("Per ticket: met = the ticket itself met the target (e.g. answered within the target time); satisfied = CSAT at or above the scale's good point. Difference: Newcombe interval; φ: correlation of met and satisfied; p: Fisher's exact test. An association, not proof of cause.")));
        }
    }
    let _ = writeln!(
        out,
        "</section>\n<footer><p>servgap {} · {} · {}</p></footer>\n</main>\n</body>\n</html>",
        esc(&view.servgap_version),
        esc(lang.kpi("Help-desk KPIs")),
        esc(&view.input.file)
    );
    name_table_boxes(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_minimum_and_target_labels_do_not_overlap() {
        assert_eq!(minimum_label_y(100.0, 50.0), 103.0);
        assert_eq!(minimum_label_y(55.0, 50.0), 64.0);
        assert_eq!(minimum_label_y(45.0, 50.0), 42.0);
    }

    #[test]
    fn chart_colours_come_from_the_palette() {
        for c in [BLUE, ORANGE, GREEN, VERMILION, INK] {
            assert!(PALETTE.contains(&c));
        }
    }
}
