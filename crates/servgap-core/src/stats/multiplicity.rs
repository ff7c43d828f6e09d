//! Adjusting p-values for multiple comparisons.
//!
//! Both functions return one entry per input entry, in the input order. An
//! entry that is `None`, NaN or outside [0, 1] is not a p-value: it stays (or
//! becomes) `None` and does not count in m, the number of tests.

/// Holm step-down adjusted p-values; `None` entries stay `None` and do not count in m.
///
/// # Formula
///
/// With the m valid p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎:
///
/// ```text
/// p̃₍ₖ₎ = min(1, max_{j ≤ k} (m − j + 1)·p₍ⱼ₎)
/// ```
///
/// (monotone in k, capped at 1). Rejecting p̃ ≤ α controls the family-wise
/// error rate at α.
///
/// Source: Holm (1979), *Scand. J. Statist.* 6:65–70; matches statsmodels
/// `multipletests(method="holm")` and R `p.adjust(method = "holm")`.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let (order, mut adjusted) = sorted_valid(p);
    let m = order.len();
    let mut running_max = 0.0_f64;
    for (rank, &index) in order.iter().enumerate() {
        let Some(value) = valid(p[index]) else {
            continue;
        };
        // (m − j + 1) with j = rank + 1; usize → f64 is exact for any realistic m.
        let multiplier = (m - rank) as f64;
        running_max = running_max.max(multiplier * value);
        adjusted[index] = Some(running_max.min(1.0));
    }
    adjusted
}

/// Benjamini–Hochberg step-up adjusted p-values (false discovery rate); `None` as in [`holm`].
///
/// # Formula
///
/// With the m valid p-values sorted ascending:
///
/// ```text
/// p̃₍ₖ₎ = min(1, min_{j ≥ k} m·p₍ⱼ₎ / j)
/// ```
///
/// (monotone in k, capped at 1). Rejecting p̃ ≤ q controls the false
/// discovery rate at q for independent or positively dependent tests.
///
/// Source: Benjamini & Hochberg (1995), *JRSS B* 57:289–300; matches
/// statsmodels `multipletests(method="fdr_bh")` and R `p.adjust(method = "BH")`.
pub fn benjamini_hochberg(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let (order, mut adjusted) = sorted_valid(p);
    let m = order.len() as f64;
    let mut running_min = f64::INFINITY;
    for (rank, &index) in order.iter().enumerate().rev() {
        let Some(value) = valid(p[index]) else {
            continue;
        };
        let j = (rank + 1) as f64;
        running_min = running_min.min(m * value / j);
        adjusted[index] = Some(running_min.min(1.0));
    }
    adjusted
}

/// A usable p-value: finite and within [0, 1].
fn valid(p: Option<f64>) -> Option<f64> {
    p.filter(|value| (0.0..=1.0).contains(value))
}

/// Indices of the valid p-values sorted ascending (stable), and an all-`None` output.
fn sorted_valid(p: &[Option<f64>]) -> (Vec<usize>, Vec<Option<f64>>) {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| valid(p[i]).is_some()).collect();
    order.sort_by(|&a, &b| {
        let left = valid(p[a]).unwrap_or(f64::NAN);
        let right = valid(p[b]).unwrap_or(f64::NAN);
        left.total_cmp(&right)
    });
    (order, vec![None; p.len()])
}
