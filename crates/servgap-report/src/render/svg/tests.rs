//! Axis arithmetic and formatting; the charts themselves are snapshot-tested in the CLI crate.

use super::*;

#[test]
fn nice_axes_cover_the_data_with_round_steps() {
    let a = Axis::nice(-1.61, 0.0, 6, 0.0, 100.0);
    assert_eq!((a.lo, a.hi, a.step), (-2.0, 0.0, 0.5));
    assert_eq!(a.digits(), 1);
    assert_eq!(a.ticks().len(), 5);
    let b = Axis::nice(4.4, 5.9, 6, 0.0, 100.0);
    assert_eq!((b.lo, b.hi, b.step), (4.25, 6.0, 0.25));
    assert!((b.px(5.125) - 50.0).abs() < 1e-9);
}

#[test]
fn numbers_and_text_are_deterministic_and_escaped() {
    assert_eq!(c(-0.04), "0.0");
    assert_eq!(c(12.345), "12.3");
    assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    let text =
        ChartText { id: "x".into(), title: String::new(), description: String::new(), decimal_comma: true };
    assert_eq!(text.num(-1.5, 2), "−1,50");
}

#[test]
fn histogram_bins_align_on_multiples_of_the_width() {
    let bins = crate::model::charts::bin(&[(-1.3, 2), (-1.0, 1), (-0.1, 4), (0.5, 1)], 0.5);
    let got: Vec<(f64, u64)> = bins.iter().map(|b| (b.from, b.count)).collect();
    assert_eq!(got, [(-1.5, 2), (-1.0, 1), (-0.5, 4), (0.0, 0), (0.5, 1)]);
}

/// A small importance–performance grid whose points crowd one corner, so labels take
/// their later spots and leader lines; its snapshot guards the shared quadrant grid.
fn crowded_ipa() -> IpaChart {
    let point = |label: &str, group: usize, performance: f64, importance: f64| IpaPoint {
        label: label.to_owned(),
        group,
        performance,
        importance,
    };
    IpaChart {
        text: ChartText {
            id: "chart-ipa-test".into(),
            title: "Importance & performance".into(),
            description: "Five items, three on one spot.".into(),
            decimal_comma: false,
        },
        points: vec![
            point("1", 0, 5.1, 0.30),
            point("2", 0, 5.1, 0.30),
            point("3", 1, 5.12, 0.31),
            point("4", 1, 6.2, 0.10),
            point("5 <x>", 2, 4.4, 0.05),
        ],
        groups: vec!["tangibles".into(), "reliability".into(), "empathy".into()],
        crosshairs: (5.2, 0.2),
        quadrants: [
            "Concentrate here".into(),
            "Keep up".into(),
            "Low priority".into(),
            "Possible overkill".into(),
        ],
        axis_titles: ("Performance".into(), "Importance".into()),
        crosshair_label: "Means".into(),
    }
}

/// A matrix with every marker kind: rated and unrated, two on one spot (one label "1, 2"),
/// one outside 0–1 (clamped), one without a label.
fn crowded_matrix() -> PriorityMatrixChart {
    let point = |label: &str, impact: f64, urgency: f64, feasibility: Option<f64>, quadrant: usize| {
        MatrixPoint { label: label.to_owned(), impact, urgency, feasibility, quadrant }
    };
    PriorityMatrixChart {
        text: ChartText {
            id: "chart-matrix-test".into(),
            title: "Impact × urgency".into(),
            description: "Six gaps.".into(),
            decimal_comma: true,
        },
        points: vec![
            point("1", 0.8, 0.9, Some(1.0), 0),
            point("2", 0.8, 0.9, None, 0),
            point("3", 0.7, 0.2, Some(0.5), 1),
            point("4", 0.2, 0.7, Some(0.0), 2),
            point("5", 1.3, -0.2, Some(0.25), 1),
            point("", 0.1, 0.1, None, 3),
        ],
        cut: (0.5, 0.5),
        quadrants: ["Act now".into(), "Plan".into(), "Quick wins".into(), "Monitor".into()],
        axis_titles: ("Impact".into(), "Urgency".into()),
        legend: ["hard".into(), "medium".into(), "easy".into(), "not rated".into(), "cut-offs".into()],
    }
}

#[test]
fn quadrant_charts_are_drawn_as_before() {
    insta::assert_snapshot!("ipa-crowded.svg", ipa_chart(&crowded_ipa()));
    insta::assert_snapshot!("priority-matrix-crowded.svg", priority_matrix_chart(&crowded_matrix()));
}
