//! The impact × urgency matrix of the ranked gaps: impact on a fixed 0–1 horizontal axis,
//! urgency on a fixed 0–1 vertical axis, dashed cut-off lines splitting the plot into the
//! four quadrants (act now upper right, plan lower right, quick wins upper left, monitor
//! lower left), each labelled in its outer corner. Every gap is a point whose area grows
//! with the feasibility of its remedy (radius 4 + 5 × feasibility px; a hollow ring when
//! not rated) and whose fill is its quadrant's colour; the caller labels the points it
//! wants numbered (the ranks), and points drawn on one spot share one label (`1, 4`).

use std::fmt::Write as _;

use super::quadrants::{label_spot, quadrant_grid, Corner, QuadrantGrid, Rect};
use super::{c, close, escape, legend, open, ring, text_width, x_axis, y_axis, Axis, ChartText, Swatch};

/// One gap on the matrix.
#[derive(Debug, Clone)]
pub struct MatrixPoint {
    /// Text beside the point (its rank); empty for no label.
    pub label: String,
    /// Impact, 0–1.
    pub impact: f64,
    /// Urgency, 0–1.
    pub urgency: f64,
    /// Feasibility 0–1, `None` when not rated.
    pub feasibility: Option<f64>,
    /// Quadrant index: 0 act now, 1 plan, 2 quick wins, 3 monitor.
    pub quadrant: usize,
}

/// Data of [`priority_matrix_chart`].
#[derive(Debug, Clone)]
pub struct PriorityMatrixChart {
    /// Titles.
    pub text: ChartText,
    /// The gaps, drawn last first (so the first is on top).
    pub points: Vec<MatrixPoint>,
    /// Cut-offs: (impact, urgency).
    pub cut: (f64, f64),
    /// Quadrant names: act now, plan, quick wins, monitor.
    pub quadrants: [String; 4],
    /// Axis titles (impact, urgency).
    pub axis_titles: (String, String),
    /// Legend: the three marker sizes (feasibility 0, 0.5, 1), the ring, the cut-off lines.
    pub legend: [String; 5],
}

const WIDTH: f64 = 760.0;
const PLOT_HEIGHT: f64 = 420.0;
/// Fills of the quadrants' markers: vermillion, orange, blue, grey (Okabe–Ito).
const QUADRANT_FILL: [&str; 4] = ["#D55E00", "#E69F00", "#0072B2", "#BBBBBB"];

fn radius(feasibility: f64) -> f64 {
    4.0 + 5.0 * feasibility.clamp(0.0, 1.0)
}

fn dot(x: f64, y: f64, r: f64, fill: &str) -> String {
    format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" fill-opacity=\"0.85\" stroke=\"#1a1a1a\" stroke-width=\"0.9\"/>",
        c(x),
        c(y),
        c(r)
    )
}

/// The legend: three sizes, the ring and the dashed cut-off line; returns the y below it.
fn matrix_legend(out: &mut String, chart: &PriorityMatrixChart) -> f64 {
    let mut x = 16.0;
    let y = 54.0;
    out.push_str("<g class=\"legend\" aria-hidden=\"true\">\n");
    for (i, f) in [0.0, 0.5, 1.0].into_iter().enumerate() {
        let r = radius(f);
        let _ = writeln!(out, "{}", dot(x + 9.0, y - 4.0, r, "#FFFFFF"));
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            c(x + 22.0),
            c(y),
            escape(&chart.legend[i])
        );
        x += 22.0 + text_width(&chart.legend[i], 12.0) + 18.0;
    }
    let _ = writeln!(out, "{}", ring(x + 7.0, y - 4.0, 5.0, "#1a1a1a"));
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
        c(x + 20.0),
        c(y),
        escape(&chart.legend[3])
    );
    x += 20.0 + text_width(&chart.legend[3], 12.0) + 18.0;
    out.push_str("</g>\n");
    let entries = [(Swatch::Line { dashed: true }, chart.legend[4].clone())];
    let below = if x + 40.0 + text_width(&chart.legend[4], 12.0) < WIDTH - 16.0 {
        legend(out, &entries, x, y, WIDTH - 16.0)
    } else {
        legend(out, &entries, 16.0, y + 24.0, WIDTH - 16.0)
    };
    below + 8.0
}

/// Labels of points drawn on one spot, merged: (x, y, "1, 4").
fn merged_labels(chart: &PriorityMatrixChart, placed: &[(f64, f64)]) -> Vec<(f64, f64, String)> {
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    for (p, &(px, py)) in chart.points.iter().zip(placed) {
        if p.label.is_empty() {
            continue;
        }
        match labels.iter_mut().find(|(x, y, _)| (x - px).abs() < 2.0 && (y - py).abs() < 2.0) {
            Some((_, _, text)) => {
                text.push_str(", ");
                text.push_str(&p.label);
            }
            None => labels.push((px, py, p.label.clone())),
        }
    }
    labels
}

/// Renders the chart.
pub fn priority_matrix_chart(chart: &PriorityMatrixChart) -> String {
    let mut out = String::new();
    let mut legend_svg = String::new();
    let top = matrix_legend(&mut legend_svg, chart);
    let (left, right) = (84.0, WIDTH - 24.0);
    let bottom = top + PLOT_HEIGHT;
    let x = Axis::fixed(0.0, 1.0, 0.2, left, right);
    let y = Axis::fixed(0.0, 1.0, 0.2, bottom, top);
    open(&mut out, &chart.text, WIDTH, bottom + 50.0);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &x, top, bottom, &chart.axis_titles.0);
    y_axis(&mut out, &chart.text, &y, left, right, &chart.axis_titles.1);
    // act now: upper right; plan: lower right; quick wins: upper left; monitor: lower left.
    let grid = QuadrantGrid {
        cut: chart.cut,
        labels: [
            (Corner::UpperRight, &chart.quadrants[0]),
            (Corner::LowerRight, &chart.quadrants[1]),
            (Corner::UpperLeft, &chart.quadrants[2]),
            (Corner::LowerLeft, &chart.quadrants[3]),
        ],
        halo: true,
    };
    quadrant_grid(&mut out, &grid, &x, &y);
    let placed: Vec<(f64, f64)> = chart
        .points
        .iter()
        .map(|p| (x.px(p.impact.clamp(0.0, 1.0)), y.px(p.urgency.clamp(0.0, 1.0))))
        .collect();
    out.push_str("<g class=\"points\">\n");
    for (p, &(px, py)) in chart.points.iter().zip(&placed).rev() {
        let mark = match p.feasibility {
            Some(f) => dot(px, py, radius(f), QUADRANT_FILL[p.quadrant % 4]),
            None => ring(px, py, 5.0, QUADRANT_FILL[p.quadrant % 4]),
        };
        let _ = writeln!(out, "{mark}");
    }
    let mut taken: Vec<Rect> = Vec::new();
    for (px, py, label) in merged_labels(chart, &placed) {
        let spot = label_spot(px, py, text_width(&label, 11.0), &taken, &placed);
        taken.push(spot.rect);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(spot.x),
            c(spot.y),
            escape(&label)
        );
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}
