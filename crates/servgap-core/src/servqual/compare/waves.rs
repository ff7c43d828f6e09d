//! Waves of the same survey over time: the trend of every score per wave, and its
//! change between consecutive waves and from the first wave, with verdicts that
//! control the family-wise error rate.
//!
//! ```text
//! waves W₀ … W_{k−1} ──series──▶ trend: per wave n, mean, SD, CI of every score
//!                                contrasts: (W₀,W₁) … (W_{k−2},W_{k−1}), then (W₀,W₂) … (W₀,W_{k−1})
//!                                per contrast and score: Welch t (unadjusted p and CI),
//!                                Holm p over its family, Bonferroni simultaneous CI, verdict
//! ```
//!
//! # Families
//!
//! Two families, each over every contrast made and every measure of the format:
//!
//! * **items**: every item's change (items × measures × contrasts);
//! * **scores**: every dimension's and the overall score's change
//!   ((dimensions + 1) × measures × contrasts).
//!
//! Holm's step-down procedure at α = 1 − confidence within each family keeps the
//! probability of calling *any* change of the family improved or worsened when
//! nothing changed at or below α (strong control, any dependence). Items and scores
//! are separate families because a dimension score is an average of its items: a
//! reader scanning the item table and a reader of the dimension table each get
//! their own α. The unadjusted p and interval are kept beside the verdict,
//! labelled as such.
//!
//! # Intervals
//!
//! The adjusted interval is the Bonferroni simultaneous interval at level
//! 1 − α/m (m = tests in the family): all m intervals cover their true changes
//! together with probability ≥ 1 − α. Holm rejects whatever Bonferroni rejects and
//! sometimes more, so a verdict of improved or worsened can stand beside a
//! simultaneous interval that just touches 0; the reverse never happens.
//! Intervals exactly compatible with Holm (Strassburger & Bretz 2008) give only the
//! bound 0 for every rejected change, which says less than the Bonferroni interval,
//! so servgap reports the latter.

use super::{batteries, comparable, measures, summary, Measure, Scope, ScoreSummary};
use crate::servqual::accumulate::SurveyPartials;
use crate::servqual::analysis::{AnalysisOptions, BatteryStats};
use crate::stats::groups::{welch_t, WelchT};
use crate::stats::multiplicity::{benjamini_hochberg, holm};
use crate::stats::paired::one_sample_t;
use crate::CoreError;

/// How a score moved between two waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Holm-adjusted p below α and the change is positive.
    Improved,
    /// Holm-adjusted p below α and the change is negative.
    Worsened,
    /// Holm-adjusted p at or above α.
    Unchanged,
    /// No test (a wave with fewer than two scores, or no variation at all).
    NotTested,
}

impl Verdict {
    /// Stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Improved => "improved",
            Verdict::Worsened => "worsened",
            Verdict::Unchanged => "unchanged",
            Verdict::NotTested => "not-tested",
        }
    }

    /// The verdict from the Holm-adjusted p of the change, at family-wise level `alpha`.
    fn from_adjusted(welch: Option<&WelchT>, p_holm: Option<f64>, alpha: f64) -> Self {
        match (welch, p_holm) {
            (Some(w), Some(p)) if p < alpha && w.difference > 0.0 => Verdict::Improved,
            (Some(w), Some(p)) if p < alpha && w.difference < 0.0 => Verdict::Worsened,
            (Some(_), Some(_)) => Verdict::Unchanged,
            _ => Verdict::NotTested,
        }
    }
}

/// The family of tests a change is adjusted in (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Every item's change, over every measure and contrast.
    Items,
    /// Every dimension's and the overall score's change, over every measure and contrast.
    Scores,
}

impl Family {
    /// Stable identifier: `items` or `scores`.
    pub fn id(self) -> &'static str {
        match self {
            Family::Items => "items",
            Family::Scores => "scores",
        }
    }
}

/// One wave's value of a score.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveSide {
    /// The measure over respondents.
    pub score: ScoreSummary,
    /// Unadjusted t confidence interval of the mean (None below two scores or without variation).
    pub ci: Option<[f64; 2]>,
    /// Every battery's mean and SD (for a trend chart).
    pub batteries: Vec<BatteryStats>,
}

impl WaveSide {
    fn new(partials: &SurveyPartials, scope: Scope, measure: Measure, level: f64) -> Self {
        let score = summary(partials, scope, measure);
        let ci = match (score.mean, score.sd) {
            (Some(mean), Some(sd)) => {
                one_sample_t(score.n, mean, sd, 0.0, level).map(|t| [t.ci_low, t.ci_high])
            }
            _ => None,
        };
        WaveSide { score, ci, batteries: batteries(partials, scope) }
    }

    /// Mean of `battery`, if the instrument has it and it was answered.
    pub fn battery_mean(&self, battery: crate::instrument::Battery) -> Option<f64> {
        self.batteries.iter().find(|b| b.battery == battery).and_then(|b| b.mean)
    }
}

/// One score (item, dimension or overall) of one measure in every wave.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveTrend {
    /// Item, dimension or overall.
    pub scope: Scope,
    /// The measure (gap, MSA, MSS, or perceptions).
    pub measure: Measure,
    /// Per wave, in the order given.
    pub waves: Vec<WaveSide>,
}

/// The change of one measure of one item, dimension or the overall score between two waves.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Item, dimension or overall.
    pub scope: Scope,
    /// The measure (gap, MSA, MSS, or perceptions).
    pub measure: Measure,
    /// Index of the earlier wave.
    pub from: usize,
    /// Index of the later wave.
    pub to: usize,
    /// The earlier wave.
    pub before: WaveSide,
    /// The later wave.
    pub after: WaveSide,
    /// Welch's t of after − before with its *unadjusted* p and confidence interval.
    pub welch: Option<WelchT>,
    /// Holm-adjusted p over the change's [`Family`].
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p over the same family.
    pub p_bh: Option<f64>,
    /// Bonferroni simultaneous interval of the change at level 1 − α/m over the family.
    pub simultaneous: Option<[f64; 2]>,
    /// Improved, worsened or unchanged, from the Holm-adjusted p.
    pub verdict: Verdict,
}

impl Change {
    /// after − before, when both means exist.
    pub fn difference(&self) -> Option<f64> {
        Some(self.after.score.mean? - self.before.score.mean?)
    }

    /// The family the change is adjusted in.
    pub fn family(&self) -> Family {
        match self.scope {
            Scope::Item(_) => Family::Items,
            _ => Family::Scores,
        }
    }

    fn between(trend: &WaveTrend, from: usize, to: usize, level: f64) -> Option<Self> {
        let (before, after) = (trend.waves.get(from)?.clone(), trend.waves.get(to)?.clone());
        let welch = match (after.score.group(), before.score.group()) {
            (Some(a), Some(b)) => welch_t(&a, &b, level),
            _ => None,
        };
        Some(Change {
            scope: trend.scope,
            measure: trend.measure,
            from,
            to,
            before,
            after,
            welch,
            p_holm: None,
            p_bh: None,
            simultaneous: None,
            verdict: Verdict::NotTested,
        })
    }
}

/// Waves of the same survey compared item by item, dimension by dimension and on
/// the overall score.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveComparison {
    /// Options used (the confidence level of every interval; α = 1 − confidence).
    pub options: AnalysisOptions,
    /// Family-wise error rate of the verdicts, 1 − confidence.
    pub alpha: f64,
    /// Respondents read per wave.
    pub respondents: Vec<u64>,
    /// The contrasts made, as (earlier, later) wave indices: consecutive waves
    /// first, then each wave from the third on against the first.
    pub contrasts: Vec<(usize, usize)>,
    /// Per measure: every item, then every dimension, then the overall score, in every wave.
    pub trends: Vec<WaveTrend>,
    /// Per contrast, per measure, per item in questionnaire order.
    pub items: Vec<Change>,
    /// Per contrast, per measure, per dimension.
    pub dimensions: Vec<Change>,
    /// Per contrast, per measure, the unweighted overall score.
    pub overall: Vec<Change>,
    /// Tests in the item family (changes with a p-value).
    pub item_tests: usize,
    /// Tests in the score family (dimensions and overall).
    pub score_tests: usize,
}

/// The contrasts of `waves` waves: consecutive pairs, then (first, k) for k ≥ 2.
pub fn contrasts(waves: usize) -> Vec<(usize, usize)> {
    let consecutive = (1..waves).map(|k| (k - 1, k));
    let from_first = (2..waves).map(|k| (0, k));
    consecutive.chain(from_first).collect()
}

impl WaveComparison {
    /// Compares two waves (`before`, `after`); see [`WaveComparison::series`].
    ///
    /// # Errors
    ///
    /// [`CoreError::Incomparable`] when the waves were scored with different
    /// instruments or coverage rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use servgap_core::servqual::{AnalysisOptions, Coverage, Respondent, SurveyPartials, Verdict, WaveComparison};
    ///
    /// let instrument = servgap_core::builtin::servqual22();
    /// let wave = |perceptions: &[i16]| {
    ///     let mut partials = SurveyPartials::new(&instrument, Coverage::HALF).unwrap();
    ///     for &p in perceptions {
    ///         let ratings: Vec<Option<i16>> = (0..22).flat_map(|_| [Some(6), Some(p)]).collect();
    ///         partials.add(&Respondent { ratings: &ratings, importance: &[], overall: None });
    ///     }
    ///     partials
    /// };
    /// let cmp = WaveComparison::new(&wave(&[3, 4, 3, 4]), &wave(&[5, 6, 5, 6]), &AnalysisOptions::default()).unwrap();
    /// assert_eq!(cmp.overall[0].difference(), Some(2.0));
    /// assert_eq!(cmp.overall[0].verdict, Verdict::Improved);
    /// ```
    pub fn new(
        before: &SurveyPartials,
        after: &SurveyPartials,
        options: &AnalysisOptions,
    ) -> Result<Self, CoreError> {
        Self::series(&[before, after], options)
    }

    /// Compares waves of the same instrument given in time order.
    ///
    /// # Formula
    ///
    /// For each item, dimension and the overall score, each measure X (gap P − E,
    /// MSA P − A, MSS P − D; P alone for perceptions-only instruments) and each
    /// contrast (a, b) of [`contrasts`], from the respondent-level scores:
    ///
    /// ```text
    /// trend:  X̄_w ± t_{(1+level)/2, n_w−1}·s_w/√n_w            per wave w (unadjusted)
    /// Δ  = X̄_b − X̄_a,  SE = √(s²_b/n_b + s²_a/n_a)
    /// t  = Δ/SE,  df = Welch–Satterthwaite,  p = 2·P(T_df > |t|)     (unadjusted)
    /// CI = Δ ± t_{(1+level)/2, df}·SE                                (unadjusted)
    /// p_Holm over the family (items, or dimensions and overall), α = 1 − level
    /// CI_sim = Δ ± t_{1−α/(2m), df}·SE                               (Bonferroni, m tests)
    /// verdict = improved if p_Holm < α and Δ > 0; worsened if p_Holm < α and Δ < 0;
    ///           unchanged otherwise; not tested without a test
    /// ```
    ///
    /// Higher is better for every measure. Waves are independent samples here.
    ///
    /// # Errors
    ///
    /// [`CoreError::Incomparable`] when the waves were scored with different
    /// instruments or coverage rules. Fewer than two waves give no contrasts.
    ///
    /// Sources: Welch (1947); Satterthwaite (1946); Holm (1979); Benjamini &
    /// Hochberg (1995); Dunn (1961) for the Bonferroni intervals.
    pub fn series(waves: &[&SurveyPartials], options: &AnalysisOptions) -> Result<Self, CoreError> {
        let Some(first) = waves.first() else {
            return Ok(Self::empty(options));
        };
        if waves.iter().any(|w| !comparable(first, w)) {
            let what = if waves.len() == 2 { "the two waves" } else { "the waves" };
            return Err(CoreError::Incomparable { what });
        }
        let level = options.confidence;
        let alpha = 1.0 - level;
        let instrument = &first.instrument;
        let mut trends = Vec::new();
        for measure in measures(first) {
            let scopes = (0..instrument.items().len())
                .map(Scope::Item)
                .chain((0..instrument.dimensions().len()).map(Scope::Dimension))
                .chain(std::iter::once(Scope::Overall));
            for scope in scopes {
                let sides = waves.iter().map(|p| WaveSide::new(p, scope, measure, level)).collect();
                trends.push(WaveTrend { scope, measure, waves: sides });
            }
        }
        let contrasts = contrasts(waves.len());
        let (mut items, mut dimensions, mut overall) = (Vec::new(), Vec::new(), Vec::new());
        for &(from, to) in &contrasts {
            for change in trends.iter().filter_map(|t| Change::between(t, from, to, level)) {
                match change.scope {
                    Scope::Item(_) => items.push(change),
                    Scope::Dimension(_) => dimensions.push(change),
                    Scope::Overall => overall.push(change),
                }
            }
        }
        let item_tests = adjust(items.iter_mut().collect(), alpha);
        let score_tests = adjust(dimensions.iter_mut().chain(overall.iter_mut()).collect(), alpha);
        Ok(Self {
            options: *options,
            alpha,
            respondents: waves.iter().map(|w| w.respondents).collect(),
            contrasts,
            trends,
            items,
            dimensions,
            overall,
            item_tests,
            score_tests,
        })
    }

    fn empty(options: &AnalysisOptions) -> Self {
        Self {
            options: *options,
            alpha: 1.0 - options.confidence,
            respondents: Vec::new(),
            contrasts: Vec::new(),
            trends: Vec::new(),
            items: Vec::new(),
            dimensions: Vec::new(),
            overall: Vec::new(),
            item_tests: 0,
            score_tests: 0,
        }
    }

    /// Number of waves compared.
    pub fn waves(&self) -> usize {
        self.respondents.len()
    }
}

/// Holm and Benjamini–Hochberg p, Bonferroni simultaneous intervals and verdicts
/// over one family; returns m, the number of tests in it.
fn adjust(mut family: Vec<&mut Change>, alpha: f64) -> usize {
    let p: Vec<Option<f64>> = family.iter().map(|c| c.welch.map(|w| w.p)).collect();
    let m = p.iter().filter(|p| p.is_some_and(|p| (0.0..=1.0).contains(&p))).count();
    let level = 1.0 - alpha / m.max(1) as f64;
    for ((change, h), b) in family.iter_mut().zip(holm(&p)).zip(benjamini_hochberg(&p)) {
        change.p_holm = h;
        change.p_bh = b;
        change.verdict = Verdict::from_adjusted(change.welch.as_ref(), h, alpha);
        change.simultaneous = match (change.after.score.group(), change.before.score.group(), h) {
            (Some(a), Some(b), Some(_)) => welch_t(&a, &b, level).map(|w| [w.ci_low, w.ci_high]),
            _ => None,
        };
    }
    m
}

#[cfg(test)]
mod tests;
