//! Segments in detail: post-hoc pairs between segments after the omnibus tests,
//! and the mark of each item gap within a segment (issue 12, item 7).
//!
//! # Decisions
//!
//! ```text
//! omnibus rejects   Welch's ANOVA (Kruskal–Wallis): Holm p over the dimensions < 0.05,
//!                   unadjusted p for the overall score
//! pair differs      Games–Howell p < 0.05 (the studentized range adjusts for the pairs);
//!                   Dunn: Holm p over the pairs < 0.05
//! item gap mark     shortfall: mean < 0 and Holm p (paired t, over the segment's items) < 0.05;
//!                   surplus: mean > 0 and the same; otherwise not significant (or not tested)
//! ```
//!
//! Pairs are computed only where the omnibus test rejects (a protected procedure:
//! Games–Howell after Welch's ANOVA, Dunn after Kruskal–Wallis); reports say so
//! where it does not.

use super::{score_histogram, Scope, SegmentTest};
use crate::servqual::accumulate::SurveyPartials;
use crate::servqual::analysis::ComparisonStats;
use crate::servqual::findings::{is_significant, SIGNIFICANCE};
use crate::stats::groups::{dunn, games_howell, DunnPair, GamesHowellPair, GroupSummary};

/// Most tested segments for which post-hoc pairs are computed: 20 segments give
/// 190 pairs per test; beyond, the pairs are neither readable nor cheap (each
/// Games–Howell p is a double integral), and the report says they were left out.
pub const MAX_POSTHOC_SEGMENTS: usize = 20;

/// Fills the Games–Howell and Dunn pairs of `test` where its omnibus test rejects
/// (after the Holm adjustment over the dimensions), from the tested segments'
/// summaries and exact histograms in `parts`.
pub(super) fn add_pairs(test: &mut SegmentTest, parts: &[(&String, &SurveyPartials)]) {
    let segment_of: Vec<usize> =
        test.tested.iter().enumerate().filter(|(_, &tested)| tested).map(|(i, _)| i).collect();
    if segment_of.len() < 2 || segment_of.len() > MAX_POSTHOC_SEGMENTS {
        return;
    }
    if test.welch_rejects() == Some(true) {
        let summaries: Option<Vec<GroupSummary>> =
            segment_of.iter().map(|&i| test.groups[i].group()).collect();
        test.games_howell = games_howell(&summaries.unwrap_or_default())
            .into_iter()
            .map(|pair| GamesHowellPair {
                first: segment_of[pair.first],
                second: segment_of[pair.second],
                ..pair
            })
            .collect();
    }
    if test.kruskal_rejects() == Some(true) {
        let histograms: Option<Vec<Vec<(i128, u64)>>> =
            segment_of.iter().map(|&i| score_histogram(parts[i].1, test.scope, test.measure)).collect();
        test.dunn = histograms
            .and_then(|h| dunn(&h))
            .unwrap_or_default()
            .into_iter()
            .map(|pair| DunnPair { first: segment_of[pair.first], second: segment_of[pair.second], ..pair })
            .collect();
    }
}

impl SegmentTest {
    /// Whether Welch's ANOVA rejects equal means: Holm-adjusted p over the
    /// dimensions (unadjusted for the overall score) below [`SIGNIFICANCE`];
    /// `None` when the test could not run.
    pub fn welch_rejects(&self) -> Option<bool> {
        let p = match self.scope {
            Scope::Overall => self.welch.map(|w| w.p),
            _ => self.welch_p_holm,
        };
        p.map(|p| is_significant(Some(p)))
    }

    /// Whether Kruskal–Wallis rejects equal distributions, as [`SegmentTest::welch_rejects`].
    pub fn kruskal_rejects(&self) -> Option<bool> {
        let p = match self.scope {
            Scope::Overall => self.kruskal.map(|k| k.p),
            _ => self.kruskal_p_holm,
        };
        p.map(|p| is_significant(Some(p)))
    }

    /// Whether more than [`MAX_POSTHOC_SEGMENTS`] segments entered the test, so no
    /// pairs were computed.
    pub fn too_many_for_pairs(&self) -> bool {
        self.tested.iter().filter(|&&t| t).count() > MAX_POSTHOC_SEGMENTS
    }
}

/// Whether a Games–Howell pair differs: p (already adjusted for the pairs) < [`SIGNIFICANCE`].
pub fn games_howell_differs(pair: &GamesHowellPair) -> bool {
    pair.p < SIGNIFICANCE
}

/// Whether a Dunn pair differs: Holm-adjusted p < [`SIGNIFICANCE`].
pub fn dunn_differs(pair: &DunnPair) -> bool {
    pair.p_holm < SIGNIFICANCE
}

/// How an item's (or dimension's) gap stands within one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapMark {
    /// Mean below 0 and Holm-adjusted paired-t p below [`SIGNIFICANCE`]: the item fails here.
    Shortfall,
    /// Mean above 0 and Holm-adjusted p below [`SIGNIFICANCE`].
    Surplus,
    /// Tested, not significant.
    NotSignificant,
    /// No test (fewer than two scores, or no variation).
    NotTested,
}

impl GapMark {
    /// The mark of a comparison's statistics (Holm over the family it was adjusted in:
    /// the segment's items, or its dimensions).
    pub fn of(stats: &ComparisonStats) -> Self {
        match (stats.mean, stats.t_p_holm) {
            (Some(mean), p @ Some(_)) if is_significant(p) && mean < 0.0 => GapMark::Shortfall,
            (Some(mean), p @ Some(_)) if is_significant(p) && mean > 0.0 => GapMark::Surplus,
            (Some(_), Some(_)) => GapMark::NotSignificant,
            _ => GapMark::NotTested,
        }
    }

    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            GapMark::Shortfall => "shortfall",
            GapMark::Surplus => "surplus",
            GapMark::NotSignificant => "not-significant",
            GapMark::NotTested => "not-tested",
        }
    }
}
