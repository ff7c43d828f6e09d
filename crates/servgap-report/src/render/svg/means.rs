//! Mean ratings per dimension as grouped horizontal bars, one bar per battery (E vs P).

use std::fmt::Write as _;

use super::{c, close, escape, legend, open, text_width, x_axis, Axis, ChartText, Swatch};

/// One group of bars.
#[derive(Debug, Clone)]
pub struct MeansRow {
    /// Label on the left (dimension name).
    pub label: String,
    /// One mean per series, `None` when undefined.
    pub values: Vec<Option<f64>>,
}

/// Data of [`means_chart`].
#[derive(Debug, Clone)]
pub struct MeansChart {
    /// Titles.
    pub text: ChartText,
    /// Series names and colours (e.g. expectations, perceptions).
    pub series: Vec<(String, &'static str)>,
    /// Groups, top to bottom.
    pub rows: Vec<MeansRow>,
    /// Lowest and highest answer of the scale; the axis spans them.
    pub scale: (f64, f64),
    /// Value axis title.
    pub axis_title: String,
}

const WIDTH: f64 = 760.0;
const BAR: f64 = 14.0;
const GAP: f64 = 14.0;

/// Renders the chart.
pub fn means_chart(chart: &MeansChart) -> String {
    let mut out = String::new();
    let label_width = chart.rows.iter().map(|r| text_width(&r.label, 12.0)).fold(40.0, f64::max);
    let left = 16.0 + label_width + 10.0;
    let right = WIDTH - 56.0;
    let entries: Vec<(Swatch<'_>, String)> =
        chart.series.iter().map(|(name, fill)| (Swatch::Box(fill), name.clone())).collect();
    let mut legend_svg = String::new();
    let top = legend(&mut legend_svg, &entries, 16.0, 50.0, WIDTH - 16.0) + 4.0;
    let group = BAR * chart.series.len() as f64 + GAP;
    let bottom = top + group * chart.rows.len() as f64;
    let height = bottom + 50.0;
    let axis = Axis::fixed(chart.scale.0, chart.scale.1, 1.0, left, right);

    open(&mut out, &chart.text, WIDTH, height);
    out.push_str(&legend_svg);
    x_axis(&mut out, &chart.text, &axis, top, bottom, &chart.axis_title);
    out.push_str("<g class=\"bars\">\n");
    for (i, row) in chart.rows.iter().enumerate() {
        let y0 = top + group * i as f64 + GAP / 2.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(left - 8.0),
            c(y0 + BAR * chart.series.len() as f64 / 2.0 + 4.0),
            escape(&row.label)
        );
        for (s, value) in row.values.iter().enumerate() {
            let Some(v) = value else { continue };
            let y = y0 + BAR * s as f64;
            let x1 = axis.px(v.clamp(chart.scale.0, chart.scale.1));
            let fill = chart.series.get(s).map_or("#767676", |x| x.1);
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#333333\" stroke-width=\"0.6\"/>",
                c(left),
                c(y + 1.0),
                c((x1 - left).max(0.5)),
                c(BAR - 2.0)
            );
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
                c(x1 + 5.0),
                c(y + BAR - 3.0),
                chart.text.num(*v, 2)
            );
        }
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}
