//! The KPI report as one self-contained HTML page with inline SVG: a bullet chart per
//! target (actual vs target and band), a trend line per target over the periods with
//! the target line, and SLA attainment by segment with 95 % intervals.
//!
//! The SVG here is written by hand in this file (no script, no external assets) so the
//! page is deterministic and independent of the survey report's chart module.

use std::fmt::Write as _;

use crate::kpi::{human_value, render_kpi_text, GapView, KpiReportView, TargetView};

/// Okabe–Ito colours (colour-blind safe).
const BLUE: &str = "#0072B2";
const ORANGE: &str = "#E69F00";
const GREEN: &str = "#009E73";
const VERMILION: &str = "#D55E00";
const GREY: &str = "#999999";

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn status_colour(status: &str) -> &'static str {
    match status {
        "at-target" => GREEN,
        "in-band" => ORANGE,
        _ => VERMILION,
    }
}

/// One bullet chart: qualitative zones (worse than minimum, band, at target), the actual
/// value as a bar and the target as a tick.
fn bullet(t: &TargetView, g: &GapView, out: &mut String) {
    let (w, h, left, right) = (640.0, 58.0, 220.0, 20.0);
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
    let _ = writeln!(
        out,
        r#"<svg class="bullet" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{} {}: actual {}, target {}">"#,
        esc(&t.label),
        esc(&g.segment.label()),
        esc(&human_value(t.unit, g.actual)),
        esc(&human_value(t.unit, t.target))
    );
    // Zones: lower-is-better puts "good" on the left.
    let (good, band_lo, band_hi) = if t.direction == "lower" {
        ((0.0, t.target), t.target, minimum)
    } else {
        ((t.target, max), minimum, t.target)
    };
    let _ = writeln!(out, r##"<rect x="{left}" y="14" width="{span}" height="26" fill="#e6e6e6"/>"##);
    let _ = writeln!(
        out,
        r##"<rect x="{:.1}" y="14" width="{:.1}" height="26" fill="#f3d9a4"/>"##,
        x(band_lo),
        (x(band_hi) - x(band_lo)).max(0.0)
    );
    let _ = writeln!(
        out,
        r##"<rect x="{:.1}" y="14" width="{:.1}" height="26" fill="#cfe8dc"/>"##,
        x(good.0),
        (x(good.1) - x(good.0)).max(0.0)
    );
    let _ = writeln!(
        out,
        r#"<rect x="{left}" y="22" width="{:.1}" height="10" fill="{}"/>"#,
        (x(g.actual) - left).max(1.0),
        status_colour(g.status)
    );
    let tx = x(t.target);
    let _ =
        writeln!(out, r#"<line x1="{tx:.1}" y1="10" x2="{tx:.1}" y2="44" stroke="black" stroke-width="2"/>"#);
    let _ = writeln!(
        out,
        r#"<text x="{}" y="26" font-size="12" text-anchor="end">{}</text>"#,
        left - 8.0,
        esc(&t.label)
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="40" font-size="11" fill="{GREY}" text-anchor="end">{}</text>"#,
        left - 8.0,
        esc(&g.segment.label())
    );
    let _ = writeln!(
        out,
        r#"<text x="{left}" y="56" font-size="11">actual {} · target {}{} · {} (n = {})</text>"#,
        esc(&human_value(t.unit, g.actual)),
        esc(&human_value(t.unit, t.target)),
        t.minimum.map(|m| format!(" · minimum {}", human_value(t.unit, m))).unwrap_or_default(),
        g.status,
        g.n
    );
    out.push_str("</svg>\n");
}

/// A trend line of one target's measure per period (all tickets), with the target line.
fn trend(t: &TargetView, points: &[&GapView], out: &mut String) {
    if points.is_empty() {
        return;
    }
    let (w, h, left, right, top, bottom) = (640.0, 200.0, 70.0, 20.0, 24.0, 40.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let mut max = points.iter().map(|p| p.actual).fold(t.target, f64::max).max(t.minimum.unwrap_or(0.0));
    if max <= 0.0 {
        max = 1.0;
    }
    max *= 1.1;
    let n = points.len();
    let x = |i: usize| left + if n == 1 { pw / 2.0 } else { pw * i as f64 / (n - 1) as f64 };
    let y = |v: f64| top + ph * (1.0 - (v / max).clamp(0.0, 1.0));
    let _ = writeln!(
        out,
        r#"<svg class="trend" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{} per period">"#,
        esc(&t.label)
    );
    let _ = writeln!(out, r#"<text x="{left}" y="14" font-size="12">{}</text>"#, esc(&t.label));
    let _ = writeln!(
        out,
        r#"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="{GREY}"/>"#,
        top + ph,
        left + pw,
        top + ph
    );
    for frac in [0.0, 0.5, 1.0] {
        let v = max * frac;
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{:.1}" font-size="10" text-anchor="end">{}</text>"#,
            left - 6.0,
            y(v) + 3.0,
            esc(&human_value(t.unit, v))
        );
    }
    if let Some(m) = t.minimum {
        let _ = writeln!(
            out,
            r#"<line x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="{ORANGE}" stroke-dasharray="2 3"/>"#,
            y(m),
            left + pw,
            y(m)
        );
    }
    let _ = writeln!(
        out,
        r#"<line x1="{left}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="black" stroke-dasharray="6 3"/><text x="{}" y="{:.1}" font-size="10" text-anchor="end">target</text>"#,
        y(t.target),
        left + pw,
        y(t.target),
        left + pw,
        y(t.target) - 4.0
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
            r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}"><title>{}: {} (n = {})</title></circle>"#,
            x(i),
            y(p.actual),
            status_colour(p.status),
            esc(&p.period_start),
            esc(&human_value(t.unit, p.actual)),
            p.n
        );
    }
    let labels = [0, n / 2, n - 1];
    let mut last = usize::MAX;
    for i in labels {
        if i == last {
            continue;
        }
        last = i;
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
            x(i),
            h - 22.0,
            esc(&points[i].period_start)
        );
    }
    out.push_str("</svg>\n");
}

/// SLA attainment per segment (whole data) with the 95 % Wilson interval.
fn sla_bars(view: &KpiReportView, out: &mut String) {
    let rows: Vec<(String, String, f64, f64, f64, u64)> = view
        .totals
        .iter()
        .flat_map(|g| {
            g.sla.iter().filter_map(move |s| {
                let a = s.attainment?;
                Some((g.segment.label(), s.name.clone(), a.share, a.ci_low, a.ci_high, a.n))
            })
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let (w, left, right, row_h) = (640.0, 260.0, 60.0, 22.0);
    let h = 20.0 + row_h * rows.len() as f64 + 20.0;
    let span = w - left - right;
    let x = |v: f64| left + span * v.clamp(0.0, 1.0);
    let _ = writeln!(
        out,
        r#"<svg class="sla" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="SLA attainment by segment">"#
    );
    for (i, (segment, name, share, low, high, n)) in rows.iter().enumerate() {
        let y = 20.0 + row_h * i as f64;
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{:.1}" font-size="11" text-anchor="end">{} · {}</text>"#,
            left - 8.0,
            y + 12.0,
            esc(name),
            esc(segment)
        );
        let _ =
            writeln!(out, r##"<rect x="{left}" y="{:.1}" width="{span}" height="14" fill="#eeeeee"/>"##, y);
        let _ = writeln!(
            out,
            r#"<rect x="{left}" y="{:.1}" width="{:.1}" height="14" fill="{BLUE}"/>"#,
            y,
            x(*share) - left
        );
        let _ = writeln!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="black"/>"#,
            x(*low),
            y + 7.0,
            x(*high),
            y + 7.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11">{:.1} % (n = {n})</text>"#,
            left + span + 4.0,
            y + 12.0,
            100.0 * share
        );
    }
    out.push_str("</svg>\n");
}

/// The whole page.
pub fn render_kpi_html(view: &KpiReportView) -> String {
    let mut out = String::new();
    let title = format!("Help-desk KPIs: {}", view.input.file);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #222; }}\n\
         h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; }}\n\
         svg {{ display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }}\n\
         pre {{ font-size: 0.8rem; overflow-x: auto; }}\n.note {{ color: #555; font-size: 0.9rem; }}\n\
         </style>\n</head>\n<body>\n<h1>{}</h1>",
        esc(&title),
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<p>{} tickets analysed, {} rejected ({} rows, {} layout). Periods: {} in {}.</p>",
        view.input.tickets,
        view.input.rejected,
        view.input.rows,
        esc(&view.input.layout),
        view.method.period,
        esc(&view.method.zone)
    );

    if !view.targets.is_empty() {
        out.push_str("<h2>KPIs against targets (whole data)</h2>\n<p class=\"note\">Bar: actual (green at target, orange in band, red below minimum). Tick: target. Shaded: green = at target, sand = tolerance band.</p>\n");
        for g in &view.gaps {
            if let Some(t) = view.targets.get(g.target) {
                bullet(t, g, &mut out);
            }
        }
        for t in view.targets.iter().filter(|t| t.source.is_some()) {
            let _ = writeln!(
                out,
                "<p class=\"note\">{}: {}</p>",
                esc(&t.label),
                esc(t.source.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(out, "<h2>Trend per {} with the target line (all tickets)</h2>", view.method.period);
        for (k, t) in view.targets.iter().enumerate() {
            let points: Vec<&GapView> =
                view.period_gaps.iter().filter(|g| g.target == k && g.segment.dimension.is_none()).collect();
            trend(t, &points, &mut out);
        }
    }
    if view.totals.iter().any(|g| !g.sla.is_empty()) {
        out.push_str(
            "<h2>SLA attainment by segment</h2>\n<p class=\"note\">Whiskers: 95 % Wilson interval.</p>\n",
        );
        sla_bars(view, &mut out);
    }
    out.push_str("<h2>Tables</h2>\n<pre>");
    out.push_str(&esc(&render_kpi_text(view)));
    out.push_str("</pre>\n</body>\n</html>\n");
    out
}
