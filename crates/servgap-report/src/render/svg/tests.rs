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
