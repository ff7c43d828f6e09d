//! One action metric over the waves against its target: the value measured in each wave
//! as a marker on a line, its 95 % interval as a vertical whisker, the target as a dashed
//! horizontal line; waves where the metric was not measured leave a gap in the line and
//! a "not measured" note under their label.

use std::fmt::Write as _;

use super::{c, close, escape, legend, marker, open, text_width, y_axis, Axis, ChartText, Swatch, PALETTE};

/// One wave of the metric.
#[derive(Debug, Clone)]
pub struct MetricTrendPoint {
    /// Wave label on the horizontal axis.
    pub label: String,
    /// The metric's value in the wave, `None` when not measured.
    pub value: Option<f64>,
    /// Its 95 % interval, when it has one.
    pub ci: Option<[f64; 2]>,
}

/// Data of [`metric_trend_chart`].
#[derive(Debug, Clone)]
pub struct MetricTrendChart {
    /// Titles.
    pub text: ChartText,
    /// The waves in order, baseline first.
    pub points: Vec<MetricTrendPoint>,
    /// The action's target on the same scale, when it has one.
    pub target: Option<f64>,
    /// Value-axis title (the metric and its unit).
    pub axis_title: String,
    /// Legend labels: value, interval, target.
    pub legend: [String; 3],
    /// Note under a wave that was not measured.
    pub not_measured: String,
}

const PLOT_HEIGHT: f64 = 200.0;
/// Narrowest chart: a page scales it up to its column, so a narrow one gets huge letters.
const MIN_WIDTH: f64 = 640.0;

/// Renders the chart.
pub fn metric_trend_chart(chart: &MetricTrendChart) -> String {
    let mut out = String::new();
    let left = 80.0;
    let width = MIN_WIDTH
        .max(32.0 + text_width(&chart.text.title, 15.0))
        .max(left + 24.0 + 110.0 * chart.points.len() as f64);
    let right = width - 24.0;
    let step = (right - left) / chart.points.len().max(1) as f64;
    let top = 66.0;
    let bottom = top + PLOT_HEIGHT;
    let axis = value_axis(chart, bottom, top);
    open(&mut out, &chart.text, width, bottom + 64.0);
    let entries = [
        (Swatch::Marker(0, PALETTE[1]), chart.legend[0].clone()),
        (Swatch::Whisker, chart.legend[1].clone()),
        (Swatch::Line { dashed: true }, chart.legend[2].clone()),
    ];
    legend(&mut out, &entries, 16.0, 46.0, width - 16.0);
    y_axis(&mut out, &chart.text, &axis, left, right, &chart.axis_title);
    let x = |i: usize| left + step * (i as f64 + 0.5);
    if let Some(target) = chart.target {
        let _ = writeln!(
            out,
            "<line class=\"target\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
            c(left),
            c(right),
            y = c(axis.px(target))
        );
    }
    line(&mut out, chart, &axis, x);
    out.push_str("<g class=\"points\">\n");
    for (i, p) in chart.points.iter().enumerate() {
        point(&mut out, chart, &axis, p, x(i), bottom);
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}

/// A vertical value axis over every value, interval end and the target.
fn value_axis(chart: &MetricTrendChart, bottom: f64, top: f64) -> Axis {
    let mut values: Vec<f64> = chart.target.into_iter().collect();
    for p in &chart.points {
        values.extend(p.value);
        if let Some([a, b]) = p.ci {
            values.extend([a, b]);
        }
    }
    let values: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (min, max) = if values.is_empty() { (0.0, 1.0) } else { (min, max) };
    Axis::nice(min, max, 5, bottom, top)
}

/// The line through consecutive measured waves.
fn line(out: &mut String, chart: &MetricTrendChart, axis: &Axis, x: impl Fn(usize) -> f64) {
    let mut path = String::new();
    let mut previous = false;
    for (i, p) in chart.points.iter().enumerate() {
        match p.value {
            Some(v) => {
                let _ = write!(path, "{}{} {}", if previous { "L" } else { "M" }, c(x(i)), c(axis.px(v)));
                previous = true;
            }
            None => previous = false,
        }
    }
    if !path.is_empty() {
        let _ = writeln!(
            out,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" aria-hidden=\"true\"/>",
            PALETTE[1]
        );
    }
}

fn point(out: &mut String, chart: &MetricTrendChart, axis: &Axis, p: &MetricTrendPoint, x: f64, bottom: f64) {
    if let Some([a, b]) = p.ci {
        let _ = writeln!(
            out,
            "<path d=\"M{x} {lo}V{hi}M{l} {lo}H{r}M{l} {hi}H{r}\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" fill=\"none\"/>",
            x = c(x),
            lo = c(axis.px(a)),
            hi = c(axis.px(b)),
            l = c(x - 5.0),
            r = c(x + 5.0)
        );
    }
    match p.value {
        Some(v) => {
            let _ = writeln!(out, "{}", marker(0, x, axis.px(v), 5.0, PALETTE[1]));
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
                c(x + 9.0),
                c(axis.px(v) - 6.0),
                chart.text.num(v, value_digits(axis))
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#404040\" font-style=\"italic\">{}</text>",
                c(x),
                c(bottom + 32.0),
                escape(&chart.not_measured)
            );
        }
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
        c(x),
        c(bottom + 16.0),
        escape(&p.label)
    );
}

/// Decimals of a value label: one more than the ticks need, at most three.
fn value_digits(axis: &Axis) -> usize {
    (axis.digits() + 1).min(3)
}

#[cfg(test)]
mod metric_trend_tests {
    use super::*;

    fn chart(points: Vec<MetricTrendPoint>) -> MetricTrendChart {
        MetricTrendChart {
            text: ChartText {
                id: "chart-metric-0".to_owned(),
                title: "Responsiveness <warsaw>".to_owned(),
                description: "Gap per wave against the target".to_owned(),
                decimal_comma: true,
            },
            points,
            target: Some(-0.2),
            axis_title: "P − E".to_owned(),
            legend: ["value".to_owned(), "95 % interval".to_owned(), "target".to_owned()],
            not_measured: "not measured".to_owned(),
        }
    }

    fn at(label: &str, value: Option<f64>, ci: Option<[f64; 2]>) -> MetricTrendPoint {
        MetricTrendPoint { label: label.to_owned(), value, ci }
    }

    #[test]
    fn issue_15_metric_trend_is_accessible_escaped_and_deterministic() {
        let data = chart(vec![
            at("2025-h1", Some(-0.9), Some([-1.1, -0.7])),
            at("2025-h2", None, None),
            at("2026-h1", Some(-0.35), Some([-0.5, -0.2])),
        ]);
        let svg = metric_trend_chart(&data);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"chart-metric-0-title chart-metric-0-desc\""));
        assert!(svg.contains("Responsiveness &lt;warsaw&gt;"));
        assert!(svg.contains("class=\"target\""));
        assert!(svg.contains("not measured"));
        assert!(svg.contains("−0,35"), "decimal comma and true minus in value labels");
        // The missing wave breaks the line: two separate moves, no line through it.
        let line = svg.lines().find(|l| l.contains("stroke-width=\"2\" aria-hidden")).unwrap_or_default();
        assert_eq!(line.matches('M').count(), 2, "{line}");
        assert!(!line.contains('L'), "{line}");
        assert_eq!(svg, metric_trend_chart(&data));
    }

    #[test]
    fn issue_15_metric_trend_without_values_still_draws_an_axis() {
        let svg = metric_trend_chart(&chart(vec![at("a", None, None), at("b", None, None)]));
        assert!(svg.starts_with("<svg"));
        assert!(svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("not measured").count(), 2);
    }
}
