//! Item gaps as horizontal bars with confidence-interval whiskers, in the given order.

use std::fmt::Write as _;

use super::{c, close, colour, escape, legend, open, text_width, whisker, x_axis, Axis, ChartText, Swatch};

/// One bar.
#[derive(Debug, Clone)]
pub struct GapRow {
    /// Label on the left (item id).
    pub label: String,
    /// Group (dimension) index, which picks the colour.
    pub group: usize,
    /// Mean difference.
    pub mean: f64,
    /// Confidence interval.
    pub ci: Option<[f64; 2]>,
}

/// Data of [`item_gap_chart`].
#[derive(Debug, Clone)]
pub struct ItemGapChart {
    /// Titles.
    pub text: ChartText,
    /// Bars, top to bottom.
    pub rows: Vec<GapRow>,
    /// Group names for the legend, by group index.
    pub groups: Vec<String>,
    /// Value axis title, e.g. `Gap P − E (scale points)`.
    pub axis_title: String,
    /// Legend label of the whiskers.
    pub ci_label: String,
}

const WIDTH: f64 = 760.0;
const ROW: f64 = 20.0;

/// Renders the chart.
pub fn item_gap_chart(chart: &ItemGapChart) -> String {
    let mut out = String::new();
    let label_width = chart.rows.iter().map(|r| text_width(&r.label, 12.0)).fold(24.0, f64::max);
    let left = 16.0 + label_width + 10.0;
    let right = WIDTH - 60.0;
    let mut entries: Vec<(Swatch<'_>, String)> =
        chart.groups.iter().enumerate().map(|(i, g)| (Swatch::Box(colour(i)), g.clone())).collect();
    entries.push((Swatch::Whisker, chart.ci_label.clone()));

    // Legend first, to know where the plot starts.
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 4.0;
    let bottom = top + ROW * chart.rows.len() as f64;
    let height = bottom + 50.0;

    let lo = chart.rows.iter().map(|r| r.ci.map_or(r.mean, |ci| ci[0]).min(r.mean)).fold(0.0, f64::min);
    let hi = chart.rows.iter().map(|r| r.ci.map_or(r.mean, |ci| ci[1]).max(r.mean)).fold(0.0, f64::max);
    let axis = Axis::nice(lo, hi, 6, left, right);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &axis, top, bottom, &chart.axis_title);

    let zero = axis.px(0.0);
    out.push_str("<g class=\"bars\">\n");
    for (i, row) in chart.rows.iter().enumerate() {
        let y = top + ROW * i as f64;
        let mid = y + ROW / 2.0;
        let (x0, x1) = if row.mean < 0.0 { (axis.px(row.mean), zero) } else { (zero, axis.px(row.mean)) };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(left - 8.0),
            c(mid + 4.0),
            escape(&row.label)
        );
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12.0\" fill=\"{}\" stroke=\"#333333\" stroke-width=\"0.6\"/>",
            c(x0),
            c(mid - 6.0),
            c((x1 - x0).max(0.5)),
            colour(row.group)
        );
        if let Some([a, b]) = row.ci {
            out.push_str(&whisker(axis.px(a), axis.px(b), mid, 4.0, "1.5"));
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(right + 8.0),
            c(mid + 4.0),
            chart.text.num(row.mean, 2)
        );
    }
    out.push_str("</g>\n");
    let _ = writeln!(
        out,
        "<line x1=\"{z}\" y1=\"{}\" x2=\"{z}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>",
        c(top),
        c(bottom),
        z = c(zero)
    );
    close(&mut out);
    out
}
