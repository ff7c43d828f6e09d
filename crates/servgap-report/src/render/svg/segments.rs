//! Segment means per dimension: one row per segment within each dimension's group,
//! a marker at the mean with confidence-interval whiskers, a solid zero line.
//! Segments differ by colour and by marker shape, and are named on every row.

use std::fmt::Write as _;

use super::{
    c, close, colour, escape, legend, marker, open, text_width, whisker, x_axis, Axis, ChartText, Swatch,
};

/// One segment's mean within a group.
#[derive(Debug, Clone)]
pub struct SegmentPoint {
    /// Mean.
    pub mean: f64,
    /// Confidence interval of the mean.
    pub ci: Option<[f64; 2]>,
}

/// One dimension (or the overall score): a point per segment, in segment order.
#[derive(Debug, Clone)]
pub struct SegmentGroup {
    /// Group label (dimension name).
    pub label: String,
    /// Per segment; `None` when the segment has no mean.
    pub points: Vec<Option<SegmentPoint>>,
}

/// Data of [`segment_chart`].
#[derive(Debug, Clone)]
pub struct SegmentChart {
    /// Titles.
    pub text: ChartText,
    /// Segment names, by segment index (legend and row labels).
    pub segments: Vec<String>,
    /// Groups, top to bottom.
    pub groups: Vec<SegmentGroup>,
    /// Value axis title.
    pub axis_title: String,
    /// Legend label of the whiskers.
    pub ci_label: String,
}

const WIDTH: f64 = 760.0;
const ROW: f64 = 17.0;
const GROUP_GAP: f64 = 12.0;

/// Renders the chart.
pub fn segment_chart(chart: &SegmentChart) -> String {
    let mut out = String::new();
    let group_width = chart.groups.iter().map(|g| text_width(&g.label, 12.0)).fold(40.0, f64::max);
    let segment_width = chart.segments.iter().map(|s| text_width(s, 11.0)).fold(24.0, f64::max);
    let group_x = 16.0 + group_width;
    let left = group_x + 12.0 + segment_width + 12.0;
    let right = WIDTH - 64.0;
    let mut entries: Vec<(Swatch<'_>, String)> =
        chart.segments.iter().enumerate().map(|(i, s)| (Swatch::Marker(i, colour(i)), s.clone())).collect();
    entries.push((Swatch::Whisker, chart.ci_label.clone()));
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 4.0;
    let group_height = ROW * chart.segments.len() as f64 + GROUP_GAP;
    let bottom = top + group_height * chart.groups.len() as f64;
    let height = bottom + 50.0;

    let points = chart.groups.iter().flat_map(|g| g.points.iter().flatten());
    let (lo, hi) = points.fold((0.0f64, 0.0f64), |(lo, hi), p| {
        let [a, b] = p.ci.unwrap_or([p.mean, p.mean]);
        (lo.min(a).min(p.mean), hi.max(b).max(p.mean))
    });
    let axis = Axis::nice(lo, hi, 6, left, right);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    // Alternate bands behind the groups, under the grid.
    out.push_str("<g class=\"bands\" aria-hidden=\"true\">\n");
    for g in (0..chart.groups.len()).filter(|g| g % 2 == 0) {
        let _ = writeln!(
            out,
            "<rect x=\"16.0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f6f8\"/>",
            c(top + group_height * g as f64),
            c(WIDTH - 32.0),
            c(group_height)
        );
    }
    out.push_str("</g>\n");
    x_axis(&mut out, &chart.text, &axis, top, bottom, &chart.axis_title);

    let zero = axis.px(0.0);
    let _ = writeln!(
        out,
        "<line x1=\"{z}\" y1=\"{}\" x2=\"{z}\" y2=\"{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\"/>",
        c(top),
        c(bottom),
        z = c(zero)
    );
    out.push_str("<g class=\"points\">\n");
    for (g, group) in chart.groups.iter().enumerate() {
        let y0 = top + group_height * g as f64 + GROUP_GAP / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-weight=\"600\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(group_x),
            c(y0 + ROW * chart.segments.len() as f64 / 2.0 + 4.0),
            escape(&group.label)
        );
        for (s, name) in chart.segments.iter().enumerate() {
            let mid = y0 + ROW * s as f64 + ROW / 2.0;
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" fill=\"#404040\" aria-hidden=\"true\">{}</text>",
                c(left - 8.0),
                c(mid + 4.0),
                escape(name)
            );
            let point = group.points.get(s).and_then(Option::as_ref);
            let value = match point {
                Some(p) => {
                    if let Some([a, b]) = p.ci {
                        out.push_str(&whisker(axis.px(a), axis.px(b), mid, 4.0, "1.4"));
                    }
                    let _ = writeln!(out, "{}", marker(s, axis.px(p.mean), mid, 5.0, colour(s)));
                    chart.text.num(p.mean, 2)
                }
                None => "–".to_owned(),
            };
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\" aria-hidden=\"true\">{value}</text>",
                c(right + 8.0),
                c(mid + 4.0)
            );
        }
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}
