//! Hand-checked cases of the studentized range; the scipy grid is in
//! `stats::groups::tests` (oracle `tests/oracles/posthoc_oracles.py`).

use super::{normal_range_upper, studentized_range_upper_p};
use crate::stats::distributions::{normal_two_sided_p, t_two_sided_p};

#[track_caller]
fn check_rel(actual: f64, expected: f64, tol: f64, what: &str) {
    let err = ((actual - expected) / expected).abs();
    assert!(err <= tol, "{what}: got {actual:e}, expected {expected:e} (rel err {err:e})");
}

/// With two means the studentized range is √2·|T|: P(Q > q) = P(|T_df| > q/√2),
/// an identity independent of the quadrature (the t tail has its own tests).
#[test]
fn two_groups_reduce_to_the_t_distribution() {
    for df in [1.0, 1.7, 3.0, 10.0, 47.3, 300.0, 5000.0] {
        for q in [0.05, 0.8, 2.0, 3.5, 6.0, 12.0, 30.0] {
            let expected = t_two_sided_p(q / std::f64::consts::SQRT_2, df);
            check_rel(studentized_range_upper_p(q, 2, df), expected, 1e-10, &format!("q={q}, df={df}"));
        }
    }
}

/// The range of two standard normals is √2·|Z|, down to tails of 1e-200.
#[test]
fn range_of_two_normals_is_a_folded_normal() {
    for w in [0.01, 0.5, 2.0, 5.0, 10.0, 25.0, 40.0] {
        let expected = normal_two_sided_p(w / std::f64::consts::SQRT_2);
        // statrs's erfc is good to about 5e-11 relative.
        check_rel(normal_range_upper(w, 2.0), expected, 1e-10, &format!("w={w}"));
        check_rel(studentized_range_upper_p(w, 2, f64::INFINITY), expected, 1e-10, &format!("w={w}"));
    }
}

#[test]
fn large_df_approaches_the_range_of_normals() {
    for k in [3, 5, 10] {
        let limit = normal_range_upper(3.5, k as f64);
        let near = studentized_range_upper_p(3.5, k, 1e6);
        assert!(((near - limit) / limit).abs() < 1e-4, "k={k}: {near} vs {limit}");
    }
}

#[test]
fn edge_cases() {
    assert_eq!(studentized_range_upper_p(0.0, 3, 10.0), 1.0);
    assert_eq!(studentized_range_upper_p(-1.0, 3, 10.0), 1.0);
    assert_eq!(studentized_range_upper_p(f64::INFINITY, 3, 10.0), 0.0);
    assert!(studentized_range_upper_p(f64::NAN, 3, 10.0).is_nan());
    assert!(studentized_range_upper_p(2.0, 1, 10.0).is_nan());
    assert!(studentized_range_upper_p(2.0, 3, 0.5).is_nan());
    assert!(studentized_range_upper_p(2.0, 3, f64::NAN).is_nan());
    // Monotone in q.
    let tails: Vec<f64> =
        [1.0, 2.0, 3.0, 5.0, 8.0].iter().map(|&q| studentized_range_upper_p(q, 4, 12.0)).collect();
    assert!(tails.windows(2).all(|w| w[1] < w[0]), "{tails:?}");
}
