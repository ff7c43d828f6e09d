//! Adjusting p-values for multiple comparisons.

/// Holm step-down adjusted p-values; `None` entries stay `None` and do not count in m.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    todo!("{p:?}")
}

/// Benjamini–Hochberg step-up adjusted p-values (false discovery rate); `None` as in [`holm`].
pub fn benjamini_hochberg(p: &[Option<f64>]) -> Vec<Option<f64>> {
    todo!("{p:?}")
}
