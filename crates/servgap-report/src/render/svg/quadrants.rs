//! What the two quadrant charts share (the importance–performance grid and the priority
//! matrix): the four quadrant labels in the plot's corners with the dashed cut-off lines
//! between them, and the placement of point labels that avoids points and earlier labels.

use std::fmt::Write as _;

use super::{c, escape, Axis};

/// A corner of the plot, where a quadrant's label sits.
#[derive(Debug, Clone, Copy)]
pub(super) enum Corner {
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
}

/// The quadrant grid of a plot spanned by `x` and `y`.
#[derive(Debug)]
pub(super) struct QuadrantGrid<'a> {
    /// Where the dashed cut-off lines cross, in data units (x, y).
    pub(super) cut: (f64, f64),
    /// The quadrant labels in drawing order, each with its corner, already worded.
    pub(super) labels: [(Corner, &'a str); 4],
    /// Whether the labels get a white halo, so that points under them do not hide them.
    pub(super) halo: bool,
}

/// Draws the quadrant labels (13 px, semibold, 8 px in from the plot's sides, baseline
/// 18 px below its top or 10 px above its bottom) and then the dashed cut-off lines
/// across the whole plot.
pub(super) fn quadrant_grid(out: &mut String, grid: &QuadrantGrid<'_>, x: &Axis, y: &Axis) {
    let (left, right, top, bottom) = (x.from, x.to, y.to, y.from);
    let halo = if grid.halo { " paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\"" } else { "" };
    out.push_str("<g class=\"quadrants\">\n");
    for (corner, label) in grid.labels {
        let (qx, anchor) = match corner {
            Corner::UpperLeft | Corner::LowerLeft => (left + 8.0, "start"),
            Corner::UpperRight | Corner::LowerRight => (right - 8.0, "end"),
        };
        let qy = match corner {
            Corner::UpperLeft | Corner::UpperRight => top + 18.0,
            Corner::LowerLeft | Corner::LowerRight => bottom - 10.0,
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"13\" font-weight=\"600\" fill=\"#404040\"{halo}>{}</text>",
            c(qx),
            c(qy),
            escape(label)
        );
    }
    out.push_str("</g>\n");
    let (cx, cy) = (x.px(grid.cut.0), y.px(grid.cut.1));
    let _ = writeln!(
        out,
        "<path d=\"M{} {cy}H{}M{cx} {}V{}\" stroke=\"#1a1a1a\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\" fill=\"none\"/>",
        c(left),
        c(right),
        c(top),
        c(bottom),
        cx = c(cx),
        cy = c(cy)
    );
}

/// A label's box: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rect(f64, f64, f64, f64);

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }
}

/// Where a label goes: its (centre x, baseline y), its box, and whether it is far
/// enough from the point to need a leader line.
pub(super) struct Spot {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) rect: Rect,
    pub(super) leader: bool,
}

/// The first free spot for a label of width `w` around the point (px, py): above,
/// below, right, left, then further up and down in steps of one line. Deterministic:
/// it depends only on the points and the labels placed before.
pub(super) fn label_spot(px: f64, py: f64, w: f64, taken: &[Rect], points: &[(f64, f64)]) -> Spot {
    const H: f64 = 11.0;
    let mut candidates: Vec<(f64, f64, bool)> = vec![
        (px, py - 8.0, false),
        (px, py + 17.0, false),
        (px + 8.0 + w / 2.0, py + 4.0, false),
        (px - 8.0 - w / 2.0, py + 4.0, false),
    ];
    for k in 1..=6 {
        let step = 12.0 * f64::from(k);
        candidates.push((px, py - 8.0 - step, true));
        candidates.push((px, py + 17.0 + step, true));
    }
    let free = |&(x, y, _): &(f64, f64, bool)| {
        let rect = Rect(x - w / 2.0 - 3.0, y - H + 2.0, x + w / 2.0 + 3.0, y + 2.0);
        let clear_of_points =
            points.iter().all(|&(qx, qy)| !rect.overlaps(&Rect(qx - 5.0, qy - 5.0, qx + 5.0, qy + 5.0)));
        clear_of_points && taken.iter().all(|t| !rect.overlaps(t))
    };
    let (x, y, leader) = candidates.iter().copied().find(free).unwrap_or(candidates[0]);
    Spot { x, y, rect: Rect(x - w / 2.0 - 3.0, y - H + 2.0, x + w / 2.0 + 3.0, y + 2.0), leader }
}
