//! The five-gap model of one unit: one horizontal bar per gap (1–5) with its headline
//! gap's normalised size on a fixed 0–1 axis and the 95 % interval as a whisker; a gap
//! not measured gets a dashed placeholder and its label.

use std::fmt::Write as _;

use super::{c, close, colour, escape, open, text_width, whisker, x_axis, Axis, ChartText};

/// One gap of the model.
#[derive(Debug, Clone)]
pub struct FiveGapBar {
    /// Label on the left, e.g. `Gap 1: knowledge`.
    pub label: String,
    /// Normalised size 0–1, `None` when not measured.
    pub size: Option<f64>,
    /// Interval of the size.
    pub ci: Option<[f64; 2]>,
    /// Text shown at the right end (the headline gap id, or "not measured").
    pub note: String,
}

/// Data of [`five_gap_chart`].
#[derive(Debug, Clone)]
pub struct FiveGapChart {
    /// Titles.
    pub text: ChartText,
    /// The five bars, gap 1 first.
    pub bars: Vec<FiveGapBar>,
    /// Value-axis title.
    pub axis_title: String,
}

/// Width of the plotting area (the 0–1 axis).
const PLOT_WIDTH: f64 = 460.0;
const ROW: f64 = 30.0;

/// Renders the chart.
pub fn five_gap_chart(chart: &FiveGapChart) -> String {
    let mut out = String::new();
    let label_width = chart.bars.iter().map(|b| text_width(&b.label, 12.0)).fold(60.0, f64::max);
    let left = 16.0 + label_width + 10.0;
    let right = left + PLOT_WIDTH;
    // The value and the headline id at the right end must fit inside the chart: the width
    // follows the longest note instead of clipping it.
    let note_width = chart.bars.iter().map(|b| text_width(&b.note, 12.0) + 40.0).fold(150.0, f64::max);
    let width = right + 8.0 + note_width + 16.0;
    let top = 44.0;
    let bottom = top + ROW * chart.bars.len() as f64;
    let axis = Axis::fixed(0.0, 1.0, 0.2, left, right);
    open(&mut out, &chart.text, width, bottom + 50.0);
    x_axis(&mut out, &chart.text, &axis, top, bottom, &chart.axis_title);
    out.push_str("<g class=\"bars\">\n");
    for (i, bar) in chart.bars.iter().enumerate() {
        let mid = top + ROW * i as f64 + ROW / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(left - 8.0),
            c(mid + 4.0),
            escape(&bar.label)
        );
        match bar.size {
            Some(size) => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16.0\" fill=\"{}\" stroke=\"#333333\" stroke-width=\"0.6\"/>",
                    c(left),
                    c(mid - 8.0),
                    c((axis.px(size) - left).max(0.5)),
                    colour(i)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16.0\" fill=\"none\" stroke=\"#767676\" stroke-dasharray=\"4 3\"/>",
                    c(left),
                    c(mid - 8.0),
                    c(right - left)
                );
            }
        }
        if let Some([a, b]) = bar.ci {
            out.push_str(&whisker(axis.px(a), axis.px(b), mid, 5.0, "1.5"));
        }
        let value = bar.size.map(|s| chart.text.num(s, 2)).unwrap_or_default();
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\" aria-hidden=\"true\">{} {}</text>",
            c(right + 8.0),
            c(mid + 4.0),
            value,
            escape(&bar.note)
        );
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}
