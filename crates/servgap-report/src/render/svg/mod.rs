//! Server-side SVG charts: pure functions from chart data to an SVG string.
//!
//! Every chart is deterministic (coordinates printed with one decimal, numbers with
//! a fixed precision), accessible (`role="img"`, `aria-labelledby` pointing at its
//! `<title>` and `<desc>`) and uses the Okabe–Ito colour-blind-safe palette, with
//! a thin dark outline on filled shapes so each mark keeps 3:1 contrast against
//! white. The caller supplies every text in the report's language; the HTML
//! report puts a data table after each chart as its text alternative.

mod distribution;
mod five_gaps;
mod heatmap;
mod ipa;
mod item_gaps;
mod means;
mod metric_trend;
mod priority_matrix;
mod quadrants;
mod segments;
mod trend;
mod zot;

use std::fmt::Write as _;

pub use distribution::{distribution_chart, Bin, DistributionChart};
pub use five_gaps::{five_gap_chart, FiveGapBar, FiveGapChart};
pub use heatmap::{heatmap_chart, CellMark, HeatmapCell, HeatmapChart};
pub use ipa::{ipa_chart, IpaChart, IpaPoint};
pub use item_gaps::{item_gap_chart, GapRow, ItemGapChart};
pub use means::{means_chart, MeansChart, MeansRow};
pub use metric_trend::{metric_trend_chart, metric_trend_chart_narrow, MetricTrendChart, MetricTrendPoint};
pub use priority_matrix::{priority_matrix_chart, MatrixPoint, PriorityMatrixChart};
pub use segments::{segment_chart, SegmentChart, SegmentGroup, SegmentPoint};
pub use trend::{
    series_chart, trend_chart, ChangePoint, SeriesChart, SeriesPoint, SeriesRow, TrendChart, TrendRow,
};
pub use zot::{zot_chart, ZotChart, ZotRow};

pub use super::support::markup::{colour, escape, PALETTE};

/// Texts shared by every chart.
#[derive(Debug, Clone)]
pub struct ChartText {
    /// Unique prefix of element ids in the document, e.g. `chart-gaps`.
    pub id: String,
    /// Short title (the SVG `<title>`, also drawn at the top).
    pub title: String,
    /// One- or two-sentence description of what the chart shows (the SVG `<desc>`).
    pub description: String,
    /// Whether numbers use a decimal comma.
    pub decimal_comma: bool,
}

impl ChartText {
    /// A number for display: fixed decimals, true minus sign, local decimal separator.
    fn num(&self, value: f64, digits: usize) -> String {
        let text = format!("{value:.digits$}");
        let zero = text.chars().all(|c| matches!(c, '-' | '0' | '.'));
        let text = if zero { text.trim_start_matches('-').to_owned() } else { text };
        let text = text.replacen('-', "−", 1);
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// A coordinate with one decimal, without a negative zero.
fn c(v: f64) -> String {
    let text = format!("{v:.1}");
    if text == "-0.0" {
        "0.0".to_owned()
    } else {
        text
    }
}

/// Rough width of `text` at `size` px in a sans-serif font, for layout only.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

/// A linear axis over "nice" ticks.
#[derive(Debug, Clone)]
struct Axis {
    lo: f64,
    hi: f64,
    step: f64,
    /// Pixel range.
    from: f64,
    to: f64,
}

impl Axis {
    /// An axis covering `[min, max]` with about `target` ticks, extended to whole steps.
    fn nice(min: f64, max: f64, target: usize, from: f64, to: f64) -> Self {
        let (min, max) = if (max - min).abs() < 1e-12 { (min - 1.0, max + 1.0) } else { (min, max) };
        let raw = (max - min) / target.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw * 0.999)
            .unwrap_or(10.0 * magnitude);
        let lo = (min / step + 1e-9).floor() * step;
        let hi = (max / step - 1e-9).ceil() * step;
        Self { lo, hi, step, from, to }
    }

    /// An axis over exactly `[lo, hi]` with the given step.
    fn fixed(lo: f64, hi: f64, step: f64, from: f64, to: f64) -> Self {
        Self { lo, hi, step, from, to }
    }

    fn px(&self, v: f64) -> f64 {
        self.from + (v - self.lo) / (self.hi - self.lo) * (self.to - self.from)
    }

    fn ticks(&self) -> Vec<f64> {
        let count = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=count).map(|k| self.lo + k as f64 * self.step).collect()
    }

    /// Decimals needed to print the ticks.
    fn digits(&self) -> usize {
        let mut d = 0;
        let mut s = self.step;
        while d < 3 && (s - s.round()).abs() > 1e-9 {
            s *= 10.0;
            d += 1;
        }
        d
    }
}

/// Opens the `<svg>` element with its accessible name and description, and draws the title.
fn open(out: &mut String, text: &ChartText, width: f64, height: f64) {
    open_untitled(out, text, width, height);
    let _ = writeln!(
        out,
        "<text x=\"16.0\" y=\"24.0\" font-size=\"15\" font-weight=\"600\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
        escape(&text.title)
    );
}

/// Opens the `<svg>` element with its accessible name and description, drawing no title
/// (for a phone variant whose heading stands above it on the page).
fn open_untitled(out: &mut String, text: &ChartText, width: f64, height: f64) {
    let id = escape(&text.id);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\" font-size=\"12\">",
        w = c(width),
        h = c(height)
    );
    let _ = writeln!(out, "<title id=\"{id}-title\">{}</title>", escape(&text.title));
    let _ = writeln!(out, "<desc id=\"{id}-desc\">{}</desc>", escape(&text.description));
    let _ = writeln!(out, "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>", c(width), c(height));
}

fn close(out: &mut String) {
    out.push_str("</svg>\n");
}

/// Vertical grid lines and tick labels of a horizontal value axis, with its title below.
fn x_axis(out: &mut String, text: &ChartText, axis: &Axis, top: f64, bottom: f64, title: &str) {
    out.push_str("<g class=\"axis x\" aria-hidden=\"true\">\n");
    let digits = axis.digits();
    for t in axis.ticks() {
        let x = c(axis.px(t));
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#e3e3e3\"/>",
            c(top),
            c(bottom)
        );
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#404040\">{}</text>",
            c(bottom + 16.0),
            text.num(t, digits)
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{b}\" x2=\"{}\" y2=\"{b}\" stroke=\"#767676\"/>",
        c(axis.from),
        c(axis.to),
        b = c(bottom)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\" font-weight=\"600\">{}</text>",
        c((axis.from + axis.to) / 2.0),
        c(bottom + 36.0),
        escape(title)
    );
    out.push_str("</g>\n");
}

/// Horizontal grid lines and tick labels of a vertical value axis, with its rotated title.
fn y_axis(out: &mut String, text: &ChartText, axis: &Axis, left: f64, right: f64, title: &str) {
    out.push_str("<g class=\"axis y\" aria-hidden=\"true\">\n");
    let digits = axis.digits();
    for t in axis.ticks() {
        let y = c(axis.px(t));
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#e3e3e3\"/>",
            c(left),
            c(right)
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#404040\">{}</text>",
            c(left - 6.0),
            c(axis.px(t) + 4.0),
            text.num(t, digits)
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{l}\" y1=\"{}\" x2=\"{l}\" y2=\"{}\" stroke=\"#767676\"/>",
        c(axis.from),
        c(axis.to),
        l = c(left)
    );
    let mid = (axis.from + axis.to) / 2.0;
    let _ = writeln!(
        out,
        "<text x=\"{x}\" y=\"{y}\" transform=\"rotate(-90 {x} {y})\" text-anchor=\"middle\" fill=\"#1a1a1a\" font-weight=\"600\">{}</text>",
        escape(title),
        x = c(left - 44.0),
        y = c(mid)
    );
    out.push_str("</g>\n");
}

/// A legend entry's swatch.
#[derive(Debug, Clone, Copy)]
enum Swatch<'a> {
    /// Filled square.
    Box(&'a str),
    /// Error bar.
    Whisker,
    /// Diamond marker.
    Diamond(&'a str),
    /// Band.
    Band,
    /// Line, dashed or solid.
    Line { dashed: bool },
    /// A point marker of the given shape ([`marker`]) and fill.
    Marker(usize, &'a str),
    /// A hollow circle with the given outline colour.
    Ring(&'a str),
}

/// A one-line legend starting at (x, y); returns the y below it (wrapping when wider than `max_x`).
fn legend(out: &mut String, entries: &[(Swatch<'_>, String)], x: f64, y: f64, max_x: f64) -> f64 {
    out.push_str("<g class=\"legend\" aria-hidden=\"true\">\n");
    let (mut cx, mut cy) = (x, y);
    for (swatch, label) in entries {
        let w = 22.0 + text_width(label, 12.0) + 18.0;
        if cx + w > max_x && cx > x {
            cx = x;
            cy += 20.0;
        }
        match swatch {
            Swatch::Box(fill) => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"14.0\" height=\"12.0\" fill=\"{fill}\" stroke=\"#333333\" stroke-width=\"0.6\"/>",
                    c(cx),
                    c(cy - 10.0)
                );
            }
            Swatch::Whisker => {
                let _ = writeln!(
                    out,
                    "<path d=\"M{a} {m}H{b}M{a} {t}V{u}M{b} {t}V{u}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" fill=\"none\"/>",
                    a = c(cx),
                    b = c(cx + 14.0),
                    m = c(cy - 4.0),
                    t = c(cy - 8.0),
                    u = c(cy)
                );
            }
            Swatch::Diamond(fill) => {
                let _ = writeln!(out, "{}", diamond(cx + 7.0, cy - 4.0, 6.0, fill));
            }
            Swatch::Band => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"14.0\" height=\"10.0\" fill=\"#56B4E9\" fill-opacity=\"0.35\" stroke=\"#0072B2\"/>",
                    c(cx),
                    c(cy - 9.0)
                );
            }
            Swatch::Line { dashed } => {
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{m}\" x2=\"{}\" y2=\"{m}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"{}/>",
                    c(cx),
                    c(cx + 14.0),
                    if *dashed { " stroke-dasharray=\"4 3\"" } else { "" },
                    m = c(cy - 4.0)
                );
            }
            Swatch::Marker(shape, fill) => {
                let _ = writeln!(out, "{}", marker(*shape, cx + 7.0, cy - 4.0, 5.0, fill));
            }
            Swatch::Ring(stroke) => {
                let _ = writeln!(out, "{}", ring(cx + 7.0, cy - 4.0, 5.0, stroke));
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            c(cx + 20.0),
            c(cy),
            escape(label)
        );
        cx += w;
    }
    out.push_str("</g>\n");
    cy + 20.0
}

/// An interval whisker from `x0` to `x1` at height `y`, with end ticks `half` above and
/// below, ending in a newline.
fn whisker(x0: f64, x1: f64, y: f64, half: f64, stroke_width: &str) -> String {
    format!(
        "<path d=\"M{a} {m}H{b}M{a} {t}V{u}M{b} {t}V{u}\" stroke=\"#1a1a1a\" stroke-width=\"{stroke_width}\" fill=\"none\"/>\n",
        a = c(x0),
        b = c(x1),
        m = c(y),
        t = c(y - half),
        u = c(y + half)
    )
}

fn diamond(x: f64, y: f64, r: f64, fill: &str) -> String {
    format!(
        "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>",
        c(x),
        c(y - r),
        c(x + r),
        c(y),
        c(x),
        c(y + r),
        c(x - r),
        c(y)
    )
}

/// A filled point marker with a dark outline; `shape` cycles through circle, square,
/// diamond, triangle up and triangle down, so series differ by more than colour.
fn marker(shape: usize, x: f64, y: f64, r: f64, fill: &str) -> String {
    let outline = "stroke=\"#1a1a1a\" stroke-width=\"0.9\"";
    match shape % 5 {
        0 => format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" {outline}/>", c(x), c(y), c(r)),
        1 => {
            let s = r * 0.9;
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{w}\" fill=\"{fill}\" {outline}/>",
                c(x - s),
                c(y - s),
                w = c(2.0 * s)
            )
        }
        2 => diamond(x, y, r * 1.2, fill),
        3 => format!(
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{fill}\" {outline}/>",
            c(x),
            c(y - r * 1.15),
            c(x + r * 1.1),
            c(y + r * 0.8),
            c(x - r * 1.1),
            c(y + r * 0.8)
        ),
        _ => format!(
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{fill}\" {outline}/>",
            c(x),
            c(y + r * 1.15),
            c(x + r * 1.1),
            c(y - r * 0.8),
            c(x - r * 1.1),
            c(y - r * 0.8)
        ),
    }
}

/// A hollow circle (white fill) with a coloured outline.
fn ring(x: f64, y: f64, r: f64, stroke: &str) -> String {
    format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"2\"/>",
        c(x),
        c(y),
        c(r)
    )
}

#[cfg(test)]
mod tests;
