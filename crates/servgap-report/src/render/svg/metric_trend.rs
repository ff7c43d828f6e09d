//! One action metric over the waves against its target: the value measured in each wave
//! as a marker on a line, its 95 % interval as a vertical whisker, the target as a dashed
//! horizontal line; waves where the metric was not measured leave a gap in the line and
//! a "not measured" note under their label.

use std::fmt::Write as _;

use super::{
    c, close, escape, legend, marker, open, open_untitled, text_width, y_axis, Axis, ChartText, Swatch,
    PALETTE,
};

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

/// The sizes of one variant of the chart, in SVG units (1 unit = 1 CSS px at natural size).
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Narrowest chart: a page scales it to its column, so the narrowest width sets how
    /// large the letters get on a wide screen.
    min_width: f64,
    /// Room left of the plot for tick labels and the axis title.
    left: f64,
    /// Room a wave needs on the horizontal axis.
    step: f64,
    /// Plot height.
    plot_height: f64,
    /// Top of the plot (below the title and legend).
    top: f64,
    /// Value-axis ticks aimed at.
    ticks: usize,
    /// Whether the title is drawn (the phone variant leaves it to the heading above).
    title: bool,
}

/// The page's chart: 640 wide and more, its text 12 px at natural size.
const WIDE: Layout = Layout {
    min_width: 640.0,
    left: 80.0,
    step: 110.0,
    plot_height: 200.0,
    top: 66.0,
    ticks: 5,
    title: true,
};

/// The phone variant: 340 wide (a 390 px phone's column, so its text stays about 12 px),
/// three value ticks, no drawn title.
const NARROW: Layout = Layout {
    min_width: 340.0,
    left: 58.0,
    step: 76.0,
    plot_height: 180.0,
    top: 44.0,
    ticks: 3,
    title: false,
};

/// Renders the chart.
pub fn metric_trend_chart(chart: &MetricTrendChart) -> String {
    draw(chart, &WIDE)
}

/// Renders the phone variant of the chart: narrower (340 wide while waves fit 76 apart),
/// three value ticks, the legend wrapped, and no drawn title (the page's heading names the
/// chart; the accessible name stays). A page shows it instead of [`metric_trend_chart`] on
/// a narrow screen (CSS, no script).
pub fn metric_trend_chart_narrow(chart: &MetricTrendChart) -> String {
    draw(chart, &NARROW)
}

fn draw(chart: &MetricTrendChart, layout: &Layout) -> String {
    let mut out = String::new();
    let left = layout.left;
    let title_width = if layout.title { 32.0 + text_width(&chart.text.title, 15.0) } else { 0.0 };
    let width = layout.min_width.max(title_width).max(left + 24.0 + layout.step * chart.points.len() as f64);
    let right = width - 24.0;
    let step = (right - left) / chart.points.len().max(1) as f64;
    let entries = [
        (Swatch::Marker(0, PALETTE[1]), chart.legend[0].clone()),
        (Swatch::Whisker, chart.legend[1].clone()),
        (Swatch::Line { dashed: true }, chart.legend[2].clone()),
    ];
    // The legend goes first into its own buffer: on a narrow chart it may wrap, and the
    // plot starts below it.
    let mut legend_svg = String::new();
    let legend_y = if layout.title { 46.0 } else { 18.0 };
    let below_legend = legend(&mut legend_svg, &entries, 16.0, legend_y, width - 16.0);
    let top = layout.top.max(below_legend);
    let bottom = top + layout.plot_height;
    let axis = value_axis(chart, bottom, top, layout.ticks);
    if layout.title {
        open(&mut out, &chart.text, width, bottom + 64.0);
    } else {
        open_untitled(&mut out, &chart.text, width, bottom + 64.0);
    }
    out.push_str(&legend_svg);
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
fn value_axis(chart: &MetricTrendChart, bottom: f64, top: f64, ticks: usize) -> Axis {
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
    Axis::nice(min, max, ticks, bottom, top)
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

    /// The `viewBox` width of an SVG.
    fn view_width(svg: &str) -> f64 {
        let view = svg.split("viewBox=\"0 0 ").nth(1).unwrap_or_default();
        view.split(' ').next().unwrap_or_default().parse().unwrap_or(0.0)
    }

    #[test]
    fn issue_15_phone_variant_keeps_text_legible_on_a_390_px_phone() {
        let data = chart(vec![
            at("2025-h1", Some(-0.9), Some([-1.1, -0.7])),
            at("2025-h2", Some(-0.6), Some([-0.8, -0.4])),
            at("2026-h1", Some(-0.35), Some([-0.5, -0.2])),
        ]);
        let wide = metric_trend_chart(&data);
        let narrow = metric_trend_chart_narrow(&data);
        // A 390 px phone gives a figure about 342 px: the page's chart (≥ 640 wide) shows
        // its 12-unit text at 342/640 ≈ 6 px; the phone variant at about 12 px.
        let column = 342.0;
        assert!(12.0 * column / view_width(&wide) < 7.0, "the page's chart shrinks its text");
        assert!(12.0 * column / view_width(&narrow) >= 11.5, "the phone variant: {}", view_width(&narrow));
        assert_eq!(view_width(&narrow), 340.0);
        // No drawn title (the heading above names it); the accessible name stays.
        assert!(wide.contains(">Responsiveness &lt;warsaw&gt;</text>"));
        assert!(!narrow.contains(">Responsiveness &lt;warsaw&gt;</text>"));
        assert!(narrow.contains("<title id=\"chart-metric-0-title\">Responsiveness &lt;warsaw&gt;</title>"));
        let ticks = |svg: &str| svg.matches("text-anchor=\"end\"").count();
        assert!(ticks(&narrow) < ticks(&wide), "fewer value ticks: {} vs {}", ticks(&narrow), ticks(&wide));
        for label in ["2025-h1", "2025-h2", "2026-h1", "target", "95 % interval", "P − E"] {
            assert!(narrow.contains(label), "{label}");
        }
        assert_eq!(narrow.matches("class=\"target\"").count(), 1);
        // Many waves: the phone variant widens 76 units a wave rather than crowd them.
        let many: Vec<MetricTrendPoint> = (0..8).map(|k| at(&format!("w{k}"), Some(-0.5), None)).collect();
        assert_eq!(view_width(&metric_trend_chart_narrow(&chart(many))), 58.0 + 24.0 + 76.0 * 8.0);
    }

    #[test]
    fn issue_15_metric_trend_without_values_still_draws_an_axis() {
        let svg = metric_trend_chart(&chart(vec![at("a", None, None), at("b", None, None)]));
        assert!(svg.starts_with("<svg"));
        assert!(svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("not measured").count(), 2);
    }
}
