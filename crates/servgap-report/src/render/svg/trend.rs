//! Change between two waves as a dumbbell chart: per row a hollow circle at the
//! first wave's mean joined by a line to a filled circle at the second wave's mean,
//! coloured by the caller (the verdict, or the battery). An optional second panel
//! shows the change with its confidence-interval whiskers and a zero line, and a
//! word at the right of each row (the verdict) so colour is never the only cue.
//!
//! [`series_chart`] extends it to any number of waves: per row (a dimension or the
//! overall score) one line per wave, with the mean as a marker whose shape and
//! colour differ per wave, its confidence interval as whiskers, and a thin line
//! joining the means of successive waves.

use std::fmt::Write as _;

use super::{
    c, close, colour, diamond, escape, legend, marker, open, ring, text_width, whisker, x_axis, Axis,
    ChartText, Swatch,
};

/// The change after − before with its confidence interval.
#[derive(Debug, Clone)]
pub struct ChangePoint {
    /// after − before.
    pub change: f64,
    /// Confidence interval of the change.
    pub ci: Option<[f64; 2]>,
}

/// One dumbbell.
#[derive(Debug, Clone)]
pub struct TrendRow {
    /// Label on the left.
    pub label: String,
    /// First wave's mean.
    pub before: Option<f64>,
    /// Second wave's mean.
    pub after: Option<f64>,
    /// Colour of the line, the filled circle and the change marker.
    pub colour: &'static str,
    /// The change, drawn in the second panel when the chart has one.
    pub change: Option<ChangePoint>,
    /// Word or numbers at the right end of the row.
    pub note: String,
    /// Draws a rule above the row (starts a new group).
    pub rule_above: bool,
}

/// Data of [`trend_chart`].
#[derive(Debug, Clone)]
pub struct TrendChart {
    /// Titles.
    pub text: ChartText,
    /// Rows, top to bottom.
    pub rows: Vec<TrendRow>,
    /// Names of the two waves (legend).
    pub waves: (String, String),
    /// Colour keys of the legend (verdicts, or batteries).
    pub keys: Vec<(&'static str, String)>,
    /// Title of the means axis.
    pub axis_title: String,
    /// Title of the change axis; `None` draws no change panel.
    pub change_axis_title: Option<String>,
    /// Legend label of the whiskers.
    pub ci_label: String,
    /// Whether the means axis must include zero.
    pub include_zero: bool,
}

const WIDTH: f64 = 820.0;
const ROW: f64 = 24.0;

fn range(values: impl Iterator<Item = f64>, zero: bool) -> (f64, f64) {
    let start = if zero { (0.0, 0.0) } else { (f64::INFINITY, f64::NEG_INFINITY) };
    let (lo, hi) = values.fold(start, |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

/// Renders the chart.
pub fn trend_chart(chart: &TrendChart) -> String {
    let mut out = String::new();
    let label_width = chart.rows.iter().map(|r| text_width(&r.label, 12.0)).fold(40.0, f64::max);
    let note_width = chart.rows.iter().map(|r| text_width(&r.note, 12.0)).fold(0.0, f64::max);
    let left = 16.0 + label_width + 14.0;
    let end = WIDTH - 16.0 - note_width - 14.0;
    let (mean_right, change_left) = match chart.change_axis_title {
        Some(_) => {
            let split = left + (end - left) * 0.52;
            (split - 28.0, split + 28.0)
        }
        None => (end, end),
    };

    let mut entries: Vec<(Swatch<'_>, String)> = vec![
        (Swatch::Ring("#4d4d4d"), chart.waves.0.clone()),
        (Swatch::Marker(0, "#4d4d4d"), chart.waves.1.clone()),
    ];
    entries.extend(chart.keys.iter().map(|(colour, label)| (Swatch::Box(colour), label.clone())));
    if chart.change_axis_title.is_some() {
        entries.push((Swatch::Whisker, chart.ci_label.clone()));
    }
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 6.0;
    let bottom = top + ROW * chart.rows.len() as f64;
    let height = bottom + 50.0;

    let means = chart.rows.iter().flat_map(|r| [r.before, r.after]).flatten();
    let (lo, hi) = range(means, chart.include_zero);
    let pad = ((hi - lo) * 0.04).max(1e-3);
    // About one tick per 70 px, so tick labels never collide in a narrow panel.
    let ticks = ((mean_right - left) / 70.0).floor().clamp(3.0, 6.0) as usize;
    let mean_axis = Axis::nice(lo - pad, hi + pad, ticks, left, mean_right);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &mean_axis, top, bottom, &chart.axis_title);
    let change_axis = chart.change_axis_title.as_ref().map(|title| {
        let changes = chart.rows.iter().filter_map(|r| r.change.as_ref()).flat_map(|p| {
            let [a, b] = p.ci.unwrap_or([p.change, p.change]);
            [a, b, p.change]
        });
        let (lo, hi) = range(changes, true);
        let axis = Axis::nice(lo, hi, 4, change_left, end);
        x_axis(&mut out, &chart.text, &axis, top, bottom, title);
        let zero = c(axis.px(0.0));
        let _ = writeln!(
            out,
            "<line x1=\"{zero}\" y1=\"{}\" x2=\"{zero}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>",
            c(top),
            c(bottom)
        );
        axis
    });
    if chart.include_zero && mean_axis.lo <= 0.0 && mean_axis.hi >= 0.0 {
        let zero = c(mean_axis.px(0.0));
        let _ = writeln!(
            out,
            "<line x1=\"{zero}\" y1=\"{}\" x2=\"{zero}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>",
            c(top),
            c(bottom)
        );
    }

    out.push_str("<g class=\"rows\">\n");
    for (i, row) in chart.rows.iter().enumerate() {
        let y = top + ROW * i as f64;
        let mid = y + ROW / 2.0;
        if row.rule_above && i > 0 {
            let _ = writeln!(
                out,
                "<line x1=\"16.0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#767676\" stroke-dasharray=\"2 3\"/>",
                c(WIDTH - 16.0),
                y = c(y)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(left - 10.0),
            c(mid + 4.0),
            escape(&row.label)
        );
        if let (Some(a), Some(b)) = (row.before, row.after) {
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{m}\" x2=\"{}\" y2=\"{m}\" stroke=\"{}\" stroke-width=\"3\"/>",
                c(mean_axis.px(a)),
                c(mean_axis.px(b)),
                row.colour,
                m = c(mid)
            );
        }
        if let Some(a) = row.before {
            let _ = writeln!(out, "{}", ring(mean_axis.px(a), mid, 5.0, row.colour));
        }
        if let Some(b) = row.after {
            let _ = writeln!(out, "{}", marker(0, mean_axis.px(b), mid, 5.5, row.colour));
        }
        if let (Some(axis), Some(p)) = (&change_axis, &row.change) {
            if let Some([a, b]) = p.ci {
                out.push_str(&whisker(axis.px(a), axis.px(b), mid, 5.0, "1.4"));
            }
            let _ = writeln!(out, "{}", diamond(axis.px(p.change), mid, 6.0, row.colour));
        }
        if !row.note.is_empty() {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-weight=\"600\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
                c(end + 14.0),
                c(mid + 4.0),
                escape(&row.note)
            );
        }
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}

/// One wave's mean with its interval.
#[derive(Debug, Clone, Copy)]
pub struct SeriesPoint {
    /// Mean.
    pub mean: f64,
    /// Confidence interval of the mean.
    pub ci: Option<[f64; 2]>,
}

/// One score over the waves.
#[derive(Debug, Clone)]
pub struct SeriesRow {
    /// Label on the left.
    pub label: String,
    /// Per wave, in order (`None` where the wave has no mean).
    pub points: Vec<Option<SeriesPoint>>,
}

/// Data of [`series_chart`].
#[derive(Debug, Clone)]
pub struct SeriesChart {
    /// Titles.
    pub text: ChartText,
    /// Rows, top to bottom; the last row (the overall score) gets a rule above it.
    pub rows: Vec<SeriesRow>,
    /// Names of the waves (legend).
    pub waves: Vec<String>,
    /// Title of the axis.
    pub axis_title: String,
    /// Legend label of the whiskers.
    pub ci_label: String,
    /// Whether the axis must include zero (and draw a zero line).
    pub include_zero: bool,
}

/// Height of one wave's line within a row.
const WAVE_LINE: f64 = 13.0;

/// Renders a score over several waves.
pub fn series_chart(chart: &SeriesChart) -> String {
    let mut out = String::new();
    let label_width = chart.rows.iter().map(|r| text_width(&r.label, 12.0)).fold(40.0, f64::max);
    let left = 16.0 + label_width + 14.0;
    let right = WIDTH - 24.0;
    let mut entries: Vec<(Swatch<'_>, String)> = chart
        .waves
        .iter()
        .enumerate()
        .map(|(k, name)| (Swatch::Marker(k, colour(k)), name.clone()))
        .collect();
    entries.push((Swatch::Whisker, chart.ci_label.clone()));
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 6.0;
    let row_height = WAVE_LINE * chart.waves.len().max(1) as f64 + 10.0;
    let bottom = top + row_height * chart.rows.len() as f64;
    let values = chart.rows.iter().flat_map(|r| r.points.iter().flatten()).flat_map(|p| {
        let [a, b] = p.ci.unwrap_or([p.mean, p.mean]);
        [a, b, p.mean]
    });
    let (lo, hi) = range(values, chart.include_zero);
    let pad = ((hi - lo) * 0.04).max(1e-3);
    let axis = Axis::nice(lo - pad, hi + pad, 6, left, right);

    open(&mut out, &chart.text, WIDTH, bottom + 50.0);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &axis, top, bottom, &chart.axis_title);
    if chart.include_zero && axis.lo <= 0.0 && axis.hi >= 0.0 {
        let zero = c(axis.px(0.0));
        let _ = writeln!(
            out,
            "<line x1=\"{zero}\" y1=\"{}\" x2=\"{zero}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>",
            c(top),
            c(bottom)
        );
    }
    out.push_str("<g class=\"rows\">\n");
    for (i, row) in chart.rows.iter().enumerate() {
        let y = top + row_height * i as f64;
        series_row(&mut out, row, &axis, y, row_height, left, i + 1 == chart.rows.len() && i > 0);
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}

fn series_row(out: &mut String, row: &SeriesRow, axis: &Axis, y: f64, height: f64, left: f64, rule: bool) {
    if rule {
        let _ = writeln!(
            out,
            "<line x1=\"16.0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#767676\" stroke-dasharray=\"2 3\"/>",
            c(WIDTH - 16.0),
            y = c(y)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
        c(left - 10.0),
        c(y + height / 2.0 + 4.0),
        escape(&row.label)
    );
    let line_y = |k: usize| y + 5.0 + WAVE_LINE * (k as f64 + 0.5);
    let joined: Vec<String> = row
        .points
        .iter()
        .enumerate()
        .filter_map(|(k, p)| p.map(|p| format!("{} {}", c(axis.px(p.mean)), c(line_y(k)))))
        .collect();
    if joined.len() > 1 {
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#767676\" stroke-width=\"1\"/>",
            joined.join(" ")
        );
    }
    for (k, point) in row.points.iter().enumerate() {
        let Some(p) = point else { continue };
        let m = line_y(k);
        if let Some([a, b]) = p.ci {
            out.push_str(&whisker(axis.px(a), axis.px(b), m, 3.5, "1.2"));
        }
        let _ = writeln!(out, "{}", marker(k, axis.px(p.mean), m, 5.0, colour(k)));
    }
}
