//! A panel's paired change of a customer-survey gap (issue 15 part 4, "paired when a
//! panel"): which respondent-level score a gap-5 id is, and the [`PairedChange`] of the
//! matched respondents' exact paired sums ([`PanelPartials`]).
//!
//! ```text
//! g5/item/<i>          → the item's per-respondent P − E (P − D on a three-column instrument)
//! g5/dimension/<d>     → the respondent's dimension score of P − E (coverage rule; scaled by L)
//! d = later − baseline of that score, per matched respondent:
//! n, mean = Σd/(n·scale), variance = (n·Σd² − (Σd)²)/(n(n − 1)·scale²), histogram of d (scaled)
//! ```
//!
//! The comparison chosen is the one [`crate::study::survey_gaps::customer_gaps`] builds the
//! gap from (P − E, else P − D), so the paired change is of the very value the wave's gap is
//! the mean of.

use super::PairedChange;
use crate::servqual::{Comparison, Measure, PairedDifferences, PanelPartials, Scope, SurveyPartials};
use crate::study::{GapId, SurveyRef};

/// The respondent-level score a customer gap (gap 5) is the mean of: its scope in the
/// instrument and its comparison; `None` for any other gap id, an unknown item or dimension,
/// or an instrument without P − E or P − D.
pub fn customer_score(partials: &SurveyPartials, id: &GapId) -> Option<(Scope, Measure)> {
    let GapId::Customer(subject) = id else { return None };
    let instrument = &partials.instrument;
    let scope = match subject {
        SurveyRef::Item(item) => Scope::Item(instrument.items().iter().position(|i| &i.id == item)?),
        SurveyRef::Dimension(d) => Scope::Dimension(instrument.dimensions().iter().position(|x| &x.id == d)?),
    };
    let comparison =
        [Comparison::Gap, Comparison::Superiority].into_iter().find(|c| partials.comparisons.contains(c))?;
    Some((scope, Some(comparison)))
}

impl PairedChange {
    /// From a score's exact paired sums: n, mean, sample variance (0 for n = 1) and the
    /// histogram for the exact Wilcoxon test; `None` when no respondent has the score in
    /// both waves.
    ///
    /// # Formula
    /// ```text
    /// mean = Σd / (n·scale),  variance = (n·Σd² − (Σd)²) / (n(n − 1)·scale²)
    /// ```
    pub fn from_differences(d: &PairedDifferences) -> Option<PairedChange> {
        if d.n == 0 || d.scale <= 0 {
            return None;
        }
        let n = d.n as f64;
        let scale = d.scale as f64;
        let variance = if d.n > 1 {
            // Exact integer numerator, then one division.
            let numerator = i128::from(d.n) * d.sum_squares - d.sum * d.sum;
            numerator as f64 / (n * (n - 1.0) * scale * scale)
        } else {
            0.0
        };
        Some(PairedChange {
            n: d.n,
            mean: d.sum as f64 / (n * scale),
            variance,
            histogram: d.histogram.clone(),
            wilcoxon_p: None,
        })
    }
}

/// The paired change of the customer gap `id` in a panel scored like `partials`: `None`
/// when `id` is not a customer-survey score of that instrument or no matched respondent has it.
pub fn paired_change(panel: &PanelPartials, partials: &SurveyPartials, id: &GapId) -> Option<PairedChange> {
    let (scope, measure) = customer_score(partials, id)?;
    PairedChange::from_differences(&panel.differences(scope, measure)?)
}
