//! A heat map: one row per item, one column per segment, each cell coloured by its
//! value on a diverging, colour-blind-safe scale (ColorBrewer PuOr: orange below
//! zero, purple above) and labelled with the value and the core's mark.

use std::fmt::Write as _;

use super::{c, close, escape, legend, open, text_width, ChartText, Swatch};

/// The core's mark on a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellMark {
    /// Significant shortfall (▼).
    Shortfall,
    /// Significant surplus (▲).
    Surplus,
    /// No mark.
    None,
}

/// One cell: its value (none: drawn grey and empty) and mark.
#[derive(Debug, Clone, Copy)]
pub struct HeatmapCell {
    /// The value (mean gap).
    pub value: Option<f64>,
    /// The mark.
    pub mark: CellMark,
}

/// Data of [`heatmap_chart`].
#[derive(Debug, Clone)]
pub struct HeatmapChart {
    /// Titles.
    pub text: ChartText,
    /// Column labels (segments).
    pub columns: Vec<String>,
    /// Row labels (items).
    pub rows: Vec<String>,
    /// Cells, row by row, each row with one cell per column.
    pub cells: Vec<Vec<HeatmapCell>>,
    /// Title of the colour scale.
    pub scale_title: String,
    /// Legend text of ▼ and of ▲.
    pub mark_legend: [String; 2],
}

/// PuOr, 7 classes (ColorBrewer; colour-blind safe), from most negative to most positive.
const PU_OR: [&str; 7] = ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"];
/// Class limits on |value|: below the first, the neutral class.
const BREAKS: [f64; 3] = [0.25, 0.75, 1.5];
const CELL_W: f64 = 62.0;
const CELL_H: f64 = 22.0;
const MAX_LABEL: usize = 46;

/// Colour class of a value: 0 (most negative) to 6 (most positive).
fn class(value: f64) -> usize {
    let step = BREAKS.iter().filter(|&&b| value.abs() >= b).count();
    if value < 0.0 {
        3 - step
    } else {
        3 + step
    }
}

/// A label shortened to [`MAX_LABEL`] characters for layout (the data table has it whole).
fn short(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX_LABEL - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The legend of the colour classes, e.g. `≤ −1.5`, `−1.5 … −0.75`.
fn class_labels(text: &ChartText) -> [String; 7] {
    let n = |v: f64| text.num(v, 2);
    [
        format!("≤ {}", n(-BREAKS[2])),
        format!("{} … {}", n(-BREAKS[2]), n(-BREAKS[1])),
        format!("{} … {}", n(-BREAKS[1]), n(-BREAKS[0])),
        format!("{} … {}", n(-BREAKS[0]), n(BREAKS[0])),
        format!("{} … {}", n(BREAKS[0]), n(BREAKS[1])),
        format!("{} … {}", n(BREAKS[1]), n(BREAKS[2])),
        format!("≥ {}", n(BREAKS[2])),
    ]
}

/// Renders the heat map.
pub fn heatmap_chart(chart: &HeatmapChart) -> String {
    let labels: Vec<String> = chart.rows.iter().map(|r| short(r)).collect();
    let label_w = labels.iter().map(|l| text_width(l, 11.0)).fold(60.0, f64::max);
    let left = 16.0 + label_w + 8.0;
    let header_h = chart.columns.iter().map(|s| text_width(s, 11.0) * 0.72).fold(20.0, f64::max) + 10.0;
    let legend_w = chart.mark_legend.iter().map(|t| text_width(t, 11.0)).fold(0.0, f64::max) + 32.0;
    let width = (left + CELL_W * chart.columns.len() as f64 + 24.0).max(560.0).max(legend_w);
    let mut legend_svg = String::new();
    let _ = writeln!(
        legend_svg,
        "<text x=\"16.0\" y=\"50.0\" font-size=\"11\" fill=\"#404040\" aria-hidden=\"true\">{}</text>",
        escape(&chart.scale_title)
    );
    let entries: Vec<(Swatch<'_>, String)> = PU_OR
        .iter()
        .zip(class_labels(&chart.text))
        .map(|(&fill, label)| (Swatch::Box(fill), label))
        .collect();
    let mut y = legend(&mut legend_svg, &entries, 16.0, 70.0, width - 16.0) + 4.0;
    for text in &chart.mark_legend {
        y += 16.0;
        let _ = writeln!(
            legend_svg,
            "<text x=\"16.0\" y=\"{}\" font-size=\"11\" fill=\"#1a1a1a\" aria-hidden=\"true\">{}</text>",
            c(y),
            escape(text)
        );
    }
    let top = y + 14.0 + header_h;
    let height = top + CELL_H * chart.rows.len() as f64 + 16.0;
    let mut out = String::new();
    open(&mut out, &chart.text, width, height);
    out.push_str(&legend_svg);
    out.push_str("<g class=\"columns\" aria-hidden=\"true\">\n");
    for (j, name) in chart.columns.iter().enumerate() {
        let x = left + CELL_W * j as f64 + CELL_W / 2.0;
        let _ = writeln!(
            out,
            "<text transform=\"translate({} {}) rotate(-40)\" font-size=\"11\" fill=\"#1a1a1a\">{}</text>",
            c(x),
            c(top - 6.0),
            escape(name)
        );
    }
    out.push_str("</g>\n<g class=\"cells\" aria-hidden=\"true\">\n");
    for (i, (label, row)) in labels.iter().zip(&chart.cells).enumerate() {
        let y = top + CELL_H * i as f64;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">{}</text>",
            c(left - 8.0),
            c(y + CELL_H / 2.0 + 4.0),
            escape(label)
        );
        for (j, cell) in row.iter().enumerate() {
            cell_svg(&mut out, &chart.text, cell, left + CELL_W * j as f64, y);
        }
    }
    out.push_str("</g>\n");
    close(&mut out);
    out
}

/// One cell: a filled rectangle with a white border, the value and the mark.
fn cell_svg(out: &mut String, text: &ChartText, cell: &HeatmapCell, x: f64, y: f64) {
    let Some(value) = cell.value else {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#d9d9d9\" stroke=\"#ffffff\"/>",
            c(x),
            c(y),
            c(CELL_W),
            c(CELL_H)
        );
        return;
    };
    let k = class(value);
    let ink = if k == 0 || k == 6 { "#ffffff" } else { "#1a1a1a" };
    let mark = match cell.mark {
        CellMark::Shortfall => " ▼",
        CellMark::Surplus => " ▲",
        CellMark::None => "",
    };
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\"/>",
        c(x),
        c(y),
        c(CELL_W),
        c(CELL_H),
        PU_OR[k]
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ink}\">{}{mark}</text>",
        c(x + CELL_W / 2.0),
        c(y + CELL_H / 2.0 + 4.0),
        text.num(value, 2)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> HeatmapChart {
        let cell = |value, mark| HeatmapCell { value, mark };
        HeatmapChart {
            text: ChartText {
                id: "chart-heat".into(),
                title: "Gap per item & segment".into(),
                description: "A grid.".into(),
                decimal_comma: false,
            },
            columns: vec!["north".into(), "south".into()],
            rows: vec!["1 Up-to-date equipment".into(), "2 Pleasant premises".into()],
            cells: vec![
                vec![cell(Some(-1.6), CellMark::Shortfall), cell(Some(0.1), CellMark::None)],
                vec![cell(None, CellMark::None), cell(Some(0.8), CellMark::Surplus)],
            ],
            scale_title: "mean".into(),
            mark_legend: ["▼ shortfall".into(), "▲ surplus".into()],
        }
    }

    #[test]
    fn issue_12_heatmap_is_accessible_and_marks_cells() {
        let svg = heatmap_chart(&chart());
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("aria-labelledby=\"chart-heat-title chart-heat-desc\"")
        );
        assert!(svg.contains("<title id=\"chart-heat-title\">Gap per item &amp; segment</title>"));
        assert!(svg.contains("<desc id=\"chart-heat-desc\">A grid.</desc>"));
        // −1.6: the darkest orange with white ink and the shortfall mark; 0.8: the middle purple.
        assert!(svg.contains("fill=\"#b35806\""));
        assert!(svg.contains("fill=\"#ffffff\">−1.60 ▼</text>"));
        assert!(svg.contains(">0.80 ▲</text>"));
        assert!(svg.contains("fill=\"#998ec3\""));
        // The missing cell is grey and empty; the legend explains both marks.
        assert!(svg.contains("fill=\"#d9d9d9\""));
        assert!(svg.contains("▼ shortfall") && svg.contains("▲ surplus"));
        assert_eq!(svg, heatmap_chart(&chart()), "deterministic");
    }

    #[test]
    fn classes_are_symmetric() {
        assert_eq!(class(0.0), 3);
        assert_eq!(class(-0.3), 2);
        assert_eq!(class(0.3), 4);
        assert_eq!(class(-0.75), 1);
        assert_eq!(class(2.0), 6);
        assert_eq!(class(-9.0), 0);
    }
}
