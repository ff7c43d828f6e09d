//! Zone of tolerance per item: a band from the mean minimum A to the mean desired
//! level D, with a diamond at the mean perception P (three-column data).

use std::fmt::Write as _;

use super::{c, close, diamond, escape, legend, open, text_width, x_axis, Axis, ChartText, Swatch};

/// One item.
#[derive(Debug, Clone)]
pub struct ZotRow {
    /// Label on the left (item id).
    pub label: String,
    /// Mean minimum (adequate) level A.
    pub minimum: f64,
    /// Mean desired level D.
    pub desired: f64,
    /// Mean perception P.
    pub perceived: f64,
}

/// Data of [`zot_chart`].
#[derive(Debug, Clone)]
pub struct ZotChart {
    /// Titles.
    pub text: ChartText,
    /// Rows, top to bottom.
    pub rows: Vec<ZotRow>,
    /// Lowest and highest answer of the scale.
    pub scale: (f64, f64),
    /// Value axis title.
    pub axis_title: String,
    /// Legend labels: zone, perceived.
    pub legend: (String, String),
}

const WIDTH: f64 = 760.0;
const ROW: f64 = 20.0;
/// Vermillion: P below the zone. Blue: inside or above.
const BELOW: &str = "#D55E00";
const INSIDE: &str = "#E69F00";

/// Renders the chart.
pub fn zot_chart(chart: &ZotChart) -> String {
    let mut out = String::new();
    let label_width = chart.rows.iter().map(|r| text_width(&r.label, 12.0)).fold(24.0, f64::max);
    let left = 16.0 + label_width + 10.0;
    let right = WIDTH - 24.0;
    let entries = [(Swatch::Band, chart.legend.0.clone()), (Swatch::Diamond(INSIDE), chart.legend.1.clone())];
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 4.0;
    let bottom = top + ROW * chart.rows.len() as f64;
    let height = bottom + 50.0;
    let axis = Axis::fixed(chart.scale.0, chart.scale.1, 1.0, left, right);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &axis, top, bottom, &chart.axis_title);
    out.push_str("<g class=\"zones\">\n");
    for (i, row) in chart.rows.iter().enumerate() {
        let mid = top + ROW * i as f64 + ROW / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(left - 8.0),
            c(mid + 4.0),
            escape(&row.label)
        );
        let (a, d) = (axis.px(row.minimum.min(row.desired)), axis.px(row.desired.max(row.minimum)));
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10.0\" fill=\"#56B4E9\" fill-opacity=\"0.35\" stroke=\"#0072B2\"/>",
            c(a),
            c(mid - 5.0),
            c((d - a).max(0.5))
        );
        let fill = if row.perceived < row.minimum { BELOW } else { INSIDE };
        let _ = writeln!(out, "{}", diamond(axis.px(row.perceived), mid, 6.0, fill));
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}
