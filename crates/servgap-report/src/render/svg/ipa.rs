//! Importance–performance scatter (Martilla & James 1977) with crosshairs and quadrant labels.

use std::fmt::Write as _;

use super::quadrants::{label_spot, quadrant_grid, Corner, QuadrantGrid, Rect};
use super::{c, close, colour, escape, legend, open, text_width, x_axis, y_axis, Axis, ChartText, Swatch};

/// One item on the grid.
#[derive(Debug, Clone)]
pub struct IpaPoint {
    /// Label drawn beside the point (item id).
    pub label: String,
    /// Group (dimension) index, which picks the colour.
    pub group: usize,
    /// Performance (x).
    pub performance: f64,
    /// Importance (y).
    pub importance: f64,
}

/// Data of [`ipa_chart`].
#[derive(Debug, Clone)]
pub struct IpaChart {
    /// Titles.
    pub text: ChartText,
    /// Points.
    pub points: Vec<IpaPoint>,
    /// Group names for the legend.
    pub groups: Vec<String>,
    /// Crosshairs: (performance, importance).
    pub crosshairs: (f64, f64),
    /// Quadrant names A (high importance, low performance), B, C, D.
    pub quadrants: [String; 4],
    /// Axis titles (x, y).
    pub axis_titles: (String, String),
    /// Legend label of the crosshair lines.
    pub crosshair_label: String,
}

const WIDTH: f64 = 760.0;
const PLOT_HEIGHT: f64 = 440.0;

/// Renders the chart.
pub fn ipa_chart(chart: &IpaChart) -> String {
    let mut out = String::new();
    let mut entries: Vec<(Swatch<'_>, String)> =
        chart.groups.iter().enumerate().map(|(i, g)| (Swatch::Box(colour(i)), g.clone())).collect();
    entries.push((Swatch::Line { dashed: true }, chart.crosshair_label.clone()));
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 8.0;
    let (left, right) = (84.0, WIDTH - 24.0);
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 50.0;

    let xs = chart.points.iter().map(|p| p.performance).chain([chart.crosshairs.0]);
    let ys = chart.points.iter().map(|p| p.importance).chain([chart.crosshairs.1]);
    let (x_lo, x_hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (y_lo, y_hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let pad = |lo: f64, hi: f64| {
        let p = ((hi - lo) * 0.08).max(1e-3);
        (lo - p, hi + p)
    };
    let (x_lo, x_hi) = pad(x_lo, x_hi);
    let (y_lo, y_hi) = pad(y_lo, y_hi);
    let x = Axis::nice(x_lo, x_hi, 6, left, right);
    let y = Axis::nice(y_lo, y_hi, 6, bottom, top);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &x, top, bottom, &chart.axis_titles.0);
    y_axis(&mut out, &chart.text, &y, left, right, &chart.axis_titles.1);

    let [upper_left, upper_right, lower_left, lower_right] = &chart.quadrants;
    let labels = [
        format!("A: {upper_left}"),
        format!("B: {upper_right}"),
        format!("C: {lower_left}"),
        format!("D: {lower_right}"),
    ];
    let grid = QuadrantGrid {
        cut: chart.crosshairs,
        labels: [
            (Corner::UpperLeft, labels[0].as_str()),
            (Corner::UpperRight, labels[1].as_str()),
            (Corner::LowerLeft, labels[2].as_str()),
            (Corner::LowerRight, labels[3].as_str()),
        ],
        halo: false,
    };
    quadrant_grid(&mut out, &grid, &x, &y);

    // Points, then labels; labels of near neighbours alternate above and below.
    let mut order: Vec<usize> = (0..chart.points.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&chart.points[a], &chart.points[b]);
        pa.importance
            .total_cmp(&pb.importance)
            .then(pa.performance.total_cmp(&pb.performance))
            .then(a.cmp(&b))
    });
    out.push_str("<g class=\"points\">\n");
    let placed_points: Vec<(f64, f64)> =
        chart.points.iter().map(|p| (x.px(p.performance), y.px(p.importance))).collect();
    for &i in &order {
        let (px, py) = placed_points[i];
        let _ = writeln!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5.0\" fill=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"0.8\"/>",
            c(px),
            c(py),
            colour(chart.points[i].group)
        );
    }
    // Labels: each takes the first free spot around its point (above, below, right,
    // left, then stacked further up and down), avoiding earlier labels and every point.
    let mut taken: Vec<Rect> = Vec::new();
    for &i in &order {
        let (px, py) = placed_points[i];
        let label = &chart.points[i].label;
        let w = text_width(label, 11.0);
        let spot = label_spot(px, py, w, &taken, &placed_points);
        taken.push(spot.rect);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(spot.x),
            c(spot.y),
            escape(label)
        );
        if spot.leader {
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#767676\" stroke-width=\"0.6\"/>",
                c(px),
                c(py),
                c(spot.x),
                c(if spot.y < py { spot.y + 2.0 } else { spot.y - 10.0 })
            );
        }
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}
