//! SERVQUAL scoring: respondents in, partial aggregates, then a full analysis out.
//!
//! ```text
//! Respondent ──add──▶ SurveyPartials ──merge──▶ SurveyPartials ──finish──▶ SurveyAnalysis
//! ```
//!
//! Scoring follows Parasuraman, Zeithaml & Berry (1988, 1991, 1994b):
//!
//! ```text
//! G_ij = P_ij − E_ij                         item gap of respondent j (two-column)
//! MSA_ij = P_ij − A_ij, MSS_ij = P_ij − D_ij  adequacy and superiority (three-column)
//! D_dj = mean of the available item gaps of dimension d (at least the coverage share)
//! U_j  = mean over dimensions of D_dj        unweighted respondent score
//! W_j  = Σ_d (points_dj / Σ points_j)·D_dj    weighted respondent score
//! ```

mod accumulate;
mod analysis;
mod compare;
mod findings;
mod rules;

pub use accumulate::{AllocationParts, DimensionParts, ItemParts, OverallParts, SurveyParts};
pub use accumulate::{Coverage, SurveyPartials};
pub use analysis::{
    AnalysisOptions, BatteryStats, ComparisonStats, Crosshair, DifferenceReliability, DimensionResult,
    ImportanceShare, IpaCrosshairs, IpaPoint, IpaQuadrant, ItemResult, OverallKind, OverallScore, Ranking,
    ScaleReliability, ScoreDistribution, Suppressed, SurveyAnalysis, ZoneShares, MIN_IPA_N, MIN_STATISTIC_N,
};
pub use compare::PairedDifferences;
pub use compare::{dunn_differs, games_howell_differs, GapMark, MAX_POSTHOC_SEGMENTS};
pub use compare::{
    wave_contrasts, Change, Design, Family, Measure, PairedChange, PanelComparison, PanelPartials,
    RespondentScores, Scope, ScoreSummary, Segment, SegmentComparison, SegmentTest, Verdict, WaveComparison,
    WaveSide, WaveTrend, MIN_SEGMENT_N, PANEL_SHARE,
};
pub use findings::{
    alpha_is_low, difference_is_unreliable, insights, is_significant, is_small_sample, p_is_below_floor,
    ImportanceBasis, Insight, InsightKind, ItemGap, MAX_COMPONENT_CORRELATION, MIN_ALPHA,
    MIN_DIFFERENCE_RELIABILITY, P_FLOOR, SIGNIFICANCE, SMALL_SAMPLE, TOP_GAPS,
};
pub use rules::{check_respondent, Finding, FindingLog, FindingLogParts, Location, Rule};

use crate::instrument::{Battery, Format};

/// One respondent's answers, as parsed integers on the instrument's scale.
///
/// `ratings` is item-major: the answer to item i, battery b is at
/// `i · batteries + b` (see [`crate::instrument::Instrument::rating_index`]).
/// Answers are *not* yet reverse-keyed; [`SurveyPartials::add`] does that.
#[derive(Debug, Clone, Copy)]
pub struct Respondent<'a> {
    /// Item answers, `None` where blank or rejected.
    pub ratings: &'a [Option<i16>],
    /// Importance points per dimension (empty when the instrument has no allocation block).
    pub importance: &'a [Option<i32>],
    /// Overall-satisfaction answer, if asked and given.
    pub overall: Option<i16>,
}

/// A paired comparison between two batteries of the same item: `minuend − subtrahend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// SERVQUAL gap G = P − E.
    Gap,
    /// Measure of service adequacy MSA = P − A.
    Adequacy,
    /// Measure of service superiority MSS = P − D.
    Superiority,
}

impl Comparison {
    /// The comparisons a format supports.
    pub fn for_format(format: Format) -> &'static [Comparison] {
        match format {
            Format::TwoColumn => &[Comparison::Gap],
            Format::ThreeColumn => &[Comparison::Adequacy, Comparison::Superiority],
            Format::PerceptionsOnly => &[],
        }
    }

    /// The battery subtracted from P.
    pub fn subtrahend(self) -> Battery {
        match self {
            Comparison::Gap => Battery::Expected,
            Comparison::Adequacy => Battery::Minimum,
            Comparison::Superiority => Battery::Desired,
        }
    }

    /// The battery subtracted from (always P).
    pub fn minuend(self) -> Battery {
        Battery::Perceived
    }

    /// Stable identifier: `gap`, `msa` or `mss`.
    pub fn id(self) -> &'static str {
        match self {
            Comparison::Gap => "gap",
            Comparison::Adequacy => "msa",
            Comparison::Superiority => "mss",
        }
    }

    /// Formula as text, e.g. `P − E`.
    pub fn formula(self) -> &'static str {
        match self {
            Comparison::Gap => "P − E",
            Comparison::Adequacy => "P − A",
            Comparison::Superiority => "P − D",
        }
    }
}

#[cfg(test)]
mod tests;
