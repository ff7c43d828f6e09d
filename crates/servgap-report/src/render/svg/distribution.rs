//! Histogram of a respondent-level score, with lines at zero and at the mean.

use std::fmt::Write as _;

use super::{c, close, legend, open, x_axis, y_axis, Axis, ChartText, Swatch};

/// One histogram bin `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lower edge.
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Respondents.
    pub count: u64,
}

/// Data of [`distribution_chart`].
#[derive(Debug, Clone)]
pub struct DistributionChart {
    /// Titles.
    pub text: ChartText,
    /// Bins in increasing order, equal widths.
    pub bins: Vec<Bin>,
    /// Mean of the score, drawn as a solid line.
    pub mean: Option<f64>,
    /// Axis titles (x, y).
    pub axis_titles: (String, String),
    /// Legend labels: zero line, mean line.
    pub legend: (String, String),
}

const WIDTH: f64 = 760.0;
const PLOT_HEIGHT: f64 = 260.0;

/// Renders the chart.
pub fn distribution_chart(chart: &DistributionChart) -> String {
    let mut out = String::new();
    let entries = [
        (Swatch::Line { dashed: true }, chart.legend.0.clone()),
        (Swatch::Line { dashed: false }, chart.legend.1.clone()),
    ];
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 8.0;
    let (left, right) = (84.0, WIDTH - 24.0);
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 50.0;
    let x_lo = chart.bins.first().map_or(-1.0, |b| b.from).min(0.0);
    let x_hi = chart.bins.last().map_or(1.0, |b| b.to).max(0.0);
    let x = Axis::nice(x_lo, x_hi, 8, left, right);
    let max = chart.bins.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let y = Axis::nice(0.0, max, 5, bottom, top);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    y_axis(&mut out, &chart.text, &y, left, right, &chart.axis_titles.1);
    x_axis(&mut out, &chart.text, &x, top, bottom, &chart.axis_titles.0);
    out.push_str("<g class=\"bars\">\n");
    for b in &chart.bins {
        if b.count == 0 {
            continue;
        }
        let (x0, x1) = (x.px(b.from), x.px(b.to));
        let y0 = y.px(b.count as f64);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#0072B2\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
            c(x0),
            c(y0),
            c((x1 - x0).max(0.5)),
            c(bottom - y0)
        );
    }
    out.push_str("</g>\n");
    let zero = c(x.px(0.0));
    let _ = writeln!(
        out,
        "<line x1=\"{zero}\" y1=\"{}\" x2=\"{zero}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
        c(top),
        c(bottom)
    );
    if let Some(m) = chart.mean {
        let mx = c(x.px(m));
        let _ = writeln!(
            out,
            "<line x1=\"{mx}\" y1=\"{}\" x2=\"{mx}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>",
            c(top),
            c(bottom)
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\" font-weight=\"600\" aria-hidden=\"true\">{}</text>",
            c(x.px(m) + 5.0),
            c(top + 14.0),
            chart.text.num(m, 2)
        );
    }
    close(&mut out);
    out
}
