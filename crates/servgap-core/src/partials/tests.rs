use super::*;

fn naive_cov(xs: &[Vec<i64>], i: usize, j: usize) -> f64 {
    let n = xs.len() as f64;
    let mi = xs.iter().map(|r| r[i] as f64).sum::<f64>() / n;
    let mj = xs.iter().map(|r| r[j] as f64).sum::<f64>() / n;
    xs.iter().map(|r| (r[i] as f64 - mi) * (r[j] as f64 - mj)).sum::<f64>() / (n - 1.0)
}

#[test]
fn cross_products_match_two_pass_covariance() {
    let rows = vec![vec![1, 7, 3], vec![4, 4, 4], vec![2, 6, 1], vec![7, 1, 5], vec![3, 3, 3]];
    let mut cp = CrossProducts::new(3);
    for r in &rows {
        cp.add(r);
    }
    for i in 0..3 {
        for j in 0..3 {
            let got = cp.covariance(i, j).unwrap();
            assert!((got - naive_cov(&rows, i, j)).abs() < 1e-12, "cov({i},{j}) = {got}");
        }
    }
    // Hand-worked: x0 = 1,4,2,7,3 has mean 3.4 and Σ(x−x̄)² = 21.2, so s² = 5.3.
    assert!((cp.variance(0).unwrap() - 5.3).abs() < 1e-12);
    assert_eq!(cp.sum(1), 21);
}

#[test]
fn combination_covariance_equals_covariance_of_differences() {
    let rows = vec![vec![5, 3], vec![6, 6], vec![4, 5], vec![7, 2]];
    let mut cp = CrossProducts::new(2);
    for r in &rows {
        cp.add(r);
    }
    let diffs: Vec<Vec<i64>> = rows.iter().map(|r| vec![r[1] - r[0]]).collect();
    let got = cp.combination_covariance(&[vec![(1, 1), (0, -1)]]).unwrap()[0];
    assert!((got - naive_cov(&diffs, 0, 0)).abs() < 1e-12);
}

#[test]
fn correlation_is_undefined_for_a_constant_variable() {
    let mut cp = CrossProducts::new(2);
    cp.add(&[1, 3]);
    cp.add(&[2, 3]);
    assert_eq!(cp.correlation(0, 1), None);
    assert_eq!(cp.covariance(0, 1), Some(0.0));
}

#[test]
fn moments_need_two_values_for_a_variance() {
    let mut m = Moments::default();
    assert_eq!(m.mean(1.0), None);
    m.add(4);
    assert_eq!(m.mean(1.0), Some(4.0));
    assert_eq!(m.variance(1.0), None);
    m.add(8);
    assert_eq!(m.variance(1.0), Some(8.0));
    // Scaled integers: 4/2 and 8/2 have variance 2.
    assert_eq!(m.variance(2.0), Some(2.0));
}

#[test]
fn histogram_turns_sparse_when_a_value_leaves_the_dense_range() {
    let mut h = Histogram::with_range(-2, 2);
    h.add(-2);
    h.add(2);
    h.add(2);
    assert!(matches!(h, Histogram::Dense { .. }));
    h.add(10);
    assert!(matches!(h, Histogram::Sparse(_)));
    assert_eq!(h.entries(), vec![(-2, 1), (2, 2), (10, 1)]);
    let mut dense = Histogram::with_range(-2, 2);
    dense.add(0);
    dense.merge(&h);
    assert_eq!(dense.entries(), vec![(-2, 1), (0, 1), (2, 2), (10, 1)]);
    assert_eq!(dense.total(), 5);
    assert_eq!((dense.count_below(0), dense.count_below(3), dense.count_below(-5)), (1, 4, 0));
    assert_eq!((h.count_below(0), h.count_below(11)), (1, 4));
    let mut shifted = Histogram::with_range(3, 6);
    shifted.add(4);
    assert_eq!((shifted.count_below(0), shifted.count_below(5), shifted.count_below(100)), (0, 1, 1));
}

#[test]
fn merge_rejects_different_shapes() {
    let mut a = CrossProducts::new(2);
    assert_eq!(a.merge(&CrossProducts::new(3)), Err(CoreError::ShapeMismatch));
}

#[test]
fn narrow_partial_sums_are_flushed_before_they_overflow() {
    // |x| ≤ 20 000: products up to 4·10⁸, so the i32 partial sums flush every 5 rows.
    let rows: Vec<Vec<i64>> =
        (0..23).map(|r| vec![20_000 - r, -19_999 + 3 * r, 17 * r - 150, 20_000]).collect();
    let mut narrow = CrossProducts::with_bound(4, 20_000);
    for r in &rows {
        narrow.add(r);
    }
    for i in 0..4 {
        for j in 0..4 {
            let exact: i64 = rows.iter().map(|r| r[i] * r[j]).sum();
            assert_eq!(narrow.product(i, j), exact, "Σ x{i}·x{j}");
        }
    }
    // Split at a point that leaves different unflushed rows in each half: still equal.
    let mut left = CrossProducts::with_bound(4, 20_000);
    let mut right = CrossProducts::with_bound(4, 20_000);
    rows[..7].iter().for_each(|r| left.add(r));
    rows[7..].iter().for_each(|r| right.add(r));
    left.merge(&right).unwrap();
    assert_eq!(left, narrow);
    assert_eq!(left.select(&[3, 1]).covariance(0, 1), narrow.covariance(3, 1));
}

#[test]
fn building_blocks_rebuild_from_their_parts() {
    // Five variables use the i16 block; three rows stay pending in it.
    let mut cp = CrossProducts::with_bound(5, 7);
    for row in [[1, 2, 3, 4, 5], [7, 1, 7, 1, 7], [4, 4, 4, 4, 3]] {
        cp.add(&row);
    }
    let parts = cp.to_parts();
    assert_eq!(parts.products.len(), 15);
    assert_eq!(parts.products[0], 1 + 49 + 16);
    let back = CrossProducts::from_parts(&parts, 7).unwrap();
    assert_eq!(back, cp);
    assert_eq!(back.covariance(0, 4), cp.covariance(0, 4));

    let mut wide = WideCrossProducts::new(2);
    wide.add(&[3, -4]);
    wide.add(&[5, 6]);
    assert_eq!(WideCrossProducts::from_parts(&wide.to_parts()).unwrap(), wide);

    let mut m = Moments::default();
    m.add(4);
    m.add(8);
    assert_eq!(Moments::from_parts(&m.to_parts()).unwrap(), m);

    let mut h = Histogram::with_range(-3, 3);
    h.add(-2);
    h.add(2);
    h.add(2);
    assert_eq!(Histogram::from_parts(&h.to_parts(), -3, 3).unwrap(), h);
}

#[test]
fn building_blocks_reject_impossible_sums() {
    let bad = MomentsParts { n: 2, sum: 10, sum_sq: 20 };
    assert_eq!(
        Moments::from_parts(&bad).unwrap_err().to_string(),
        "partial sums `moments` are inconsistent: n·Σx² − (Σx)² is negative (n = 2, Σx = 10, Σx² = 20), so no values have these sums"
    );
    let short = CrossProductsParts { n: 1, sums: vec![1, 2], products: vec![1, 2] };
    assert_eq!(
        CrossProducts::from_parts(&short, 7).unwrap_err().to_string(),
        "partial sums `cross-products.products` have 2 entries, expected 3"
    );
    let zero = WideCrossProductsParts { n: 0, sums: vec![0, 0], products: vec![0, 5, 0] };
    assert_eq!(
        WideCrossProducts::from_parts(&zero).unwrap_err().to_string(),
        "partial sums `wide-cross-products` are inconsistent: n is 0 but a cross-product is not"
    );
    let unsorted = HistogramParts { counts: vec![(2, 1), (1, 1)] };
    assert_eq!(
        Histogram::from_parts(&unsorted, -3, 3).unwrap_err().to_string(),
        "partial sums `histogram` are inconsistent: value 1 is not above the value before it"
    );
}
