//! Panels: the same respondents (matched by id) in two waves, analysed as paired data.
//!
//! The wave partials are aggregates over respondents, so a paired analysis needs each
//! matched respondent's own scores in both waves. [`RespondentScores`] are those
//! scores as exact scaled integers (item gaps, dimension scores × L, overall × L·D,
//! as [`SurveyPartials`] stores them); [`PanelPartials`] folds the *differences*
//! later − earlier of matched respondents into exact sums, sums of squares and a
//! histogram per score, and [`PanelComparison`] turns them into paired t tests and
//! Wilcoxon signed-rank tests with Holm-adjusted verdicts (same families as
//! [`super::waves`]).
//!
//! ```text
//! (id, respondent) of wave a ─┐ RespondentScores      ┌─ PanelPartials::add(earlier, later)
//! (id, respondent) of wave b ─┘  matched by id ───────┘   n, Σd, Σd², histogram of d
//!                                                          ──PanelComparison::new──▶ paired t, Wilcoxon, Holm
//! ```
//!
//! Design rule ([`Design::decide`]): the waves are a panel when at least
//! [`PANEL_SHARE`] of the smaller wave's identified respondents are matched in the
//! other wave; a caller may force either design.

use std::collections::BTreeMap;

use super::waves::{Family, Verdict};
use super::{measures, Measure, Scope};
use crate::servqual::accumulate::SurveyPartials;
use crate::servqual::analysis::AnalysisOptions;
use crate::servqual::Respondent;
use crate::stats::multiplicity::holm;
use crate::stats::paired::{one_sample_t, TTest};
use crate::stats::wilcoxon::{signed_rank, Wilcoxon};

/// Share of the smaller wave's identified respondents that must be matched for a panel.
pub const PANEL_SHARE: f64 = 0.5;

/// How two waves are analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Different respondents: Welch's t (as in [`super::WaveComparison`]).
    Independent,
    /// The same respondents: paired differences of matched ids.
    Paired,
}

impl Design {
    /// Stable identifier: `independent` or `paired`.
    pub fn id(self) -> &'static str {
        match self {
            Design::Independent => "independent",
            Design::Paired => "paired",
        }
    }

    /// The design of two waves with `ids` identified respondents each and `matched`
    /// ids in both: paired when matched ≥ [`PANEL_SHARE`] · min(ids), and at least
    /// two are matched; `forced` overrides the rule.
    pub fn decide(ids: [u64; 2], matched: u64, forced: Option<Design>) -> Design {
        if let Some(design) = forced {
            return design;
        }
        let smaller = ids[0].min(ids[1]);
        // matched / smaller ≥ ½ without division: 2·matched ≥ smaller.
        if matched >= 2 && smaller > 0 && 2 * matched >= smaller {
            Design::Paired
        } else {
            Design::Independent
        }
    }
}

/// One respondent's scores as exact scaled integers, per measure and scope
/// (items, then dimensions, then overall); `None` where the score is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondentScores {
    values: Vec<Option<i128>>,
}

impl RespondentScores {
    /// Scores `respondent` as `partials` does (reverse keying, complete items,
    /// the coverage rule for dimensions, every dimension for the overall score).
    pub fn new(partials: &SurveyPartials, respondent: &Respondent<'_>) -> Self {
        let layout = Layout::of(partials);
        let mut values = Vec::with_capacity(layout.per_measure * layout.measures.len());
        for &measure in &layout.measures {
            let items = item_scores(partials, respondent, measure);
            let dimensions = dimension_scores(partials, &items);
            let overall = dimensions.iter().copied().sum::<Option<i128>>();
            values.extend(items);
            values.extend(dimensions);
            values.push(overall);
        }
        RespondentScores { values }
    }
}

/// A battery's keyed answer of item `i`.
fn answer(
    partials: &SurveyPartials,
    respondent: &Respondent<'_>,
    item: usize,
    battery: usize,
) -> Option<i128> {
    let instrument = &partials.instrument;
    let index = item * instrument.batteries().len() + battery;
    let value = respondent.ratings.get(index).copied().flatten()?;
    let keyed =
        if instrument.items()[item].reverse_keyed { instrument.scale().reverse(value) } else { value };
    Some(i128::from(keyed))
}

/// Item scores P − X (or P) of respondents who answered every battery of the item.
fn item_scores(
    partials: &SurveyPartials,
    respondent: &Respondent<'_>,
    measure: Measure,
) -> Vec<Option<i128>> {
    let batteries = partials.instrument.batteries().len();
    let subtrahend = super::subtrahend(partials, measure);
    (0..partials.instrument.items().len())
        .map(|i| {
            let all: Option<Vec<i128>> = (0..batteries).map(|b| answer(partials, respondent, i, b)).collect();
            let all = all?;
            let p = all[partials.perceived];
            Some(match subtrahend {
                Some(s) => p - all[s],
                None => p,
            })
        })
        .collect()
}

/// Dimension scores scaled by L: (Σ of the m valid item scores)·L/m when m meets coverage.
fn dimension_scores(partials: &SurveyPartials, items: &[Option<i128>]) -> Vec<Option<i128>> {
    let instrument = &partials.instrument;
    (0..instrument.dimensions().len())
        .map(|d| {
            let members = instrument.items_of(d);
            let valid: Vec<i128> = members.iter().filter_map(|&i| items[i]).collect();
            let m = valid.len();
            if m == 0 || m < partials.coverage.minimum_items(members.len()) {
                return None;
            }
            Some(valid.iter().sum::<i128>() * (partials.denominator / m as i128))
        })
        .collect()
}

/// Where each score sits in [`RespondentScores`] and [`PanelPartials`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    measures: Vec<Measure>,
    items: usize,
    dimensions: usize,
    per_measure: usize,
}

impl Layout {
    fn of(partials: &SurveyPartials) -> Self {
        let items = partials.instrument.items().len();
        let dimensions = partials.instrument.dimensions().len();
        Layout { measures: measures(partials), items, dimensions, per_measure: items + dimensions + 1 }
    }

    fn scope(&self, slot: usize) -> Scope {
        match slot % self.per_measure {
            i if i < self.items => Scope::Item(i),
            d if d < self.items + self.dimensions => Scope::Dimension(d - self.items),
            _ => Scope::Overall,
        }
    }
}

/// Exact sums of the paired differences of one score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PairedSums {
    n: u64,
    sum: i128,
    sum_squares: i128,
    histogram: BTreeMap<i128, u64>,
}

/// Paired differences later − earlier of matched respondents, per measure and score.
///
/// Memory depends on the instrument and on the number of distinct differences, not
/// on the number of respondents; built from the same pairs in any order, two
/// aggregates compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelPartials {
    layout: Layout,
    denominator: i128,
    sums: Vec<PairedSums>,
    /// Matched respondents added.
    pub matched: u64,
}

impl PanelPartials {
    /// An empty panel for waves scored like `partials`.
    pub fn new(partials: &SurveyPartials) -> Self {
        let layout = Layout::of(partials);
        let sums = vec![PairedSums::default(); layout.per_measure * layout.measures.len()];
        PanelPartials { layout, denominator: partials.denominator, sums, matched: 0 }
    }

    /// Adds one matched respondent: the differences `later − earlier` of every score
    /// present in both waves.
    pub fn add(&mut self, earlier: &RespondentScores, later: &RespondentScores) {
        self.matched += 1;
        for ((sums, a), b) in self.sums.iter_mut().zip(&earlier.values).zip(&later.values) {
            if let (Some(a), Some(b)) = (a, b) {
                let d = b - a;
                sums.n += 1;
                sums.sum += d;
                sums.sum_squares += d * d;
                *sums.histogram.entry(d).or_insert(0) += 1;
            }
        }
    }

    /// Adds another panel aggregate of the same layout (e.g. from another thread).
    pub fn merge(&mut self, other: &PanelPartials) {
        self.matched += other.matched;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            a.n += b.n;
            a.sum += b.sum;
            a.sum_squares += b.sum_squares;
            for (&d, &count) in &b.histogram {
                *a.histogram.entry(d).or_insert(0) += count;
            }
        }
    }

    /// The scale of a score's integers: 1 for items, L for dimensions, L·D overall.
    fn scale(&self, scope: Scope) -> f64 {
        match scope {
            Scope::Item(_) => 1.0,
            Scope::Dimension(_) => self.denominator as f64,
            Scope::Overall => (self.denominator * self.layout.dimensions as i128) as f64,
        }
    }
}

/// The exact sums of one score's paired differences `later − earlier` in a
/// [`PanelPartials`]: scaled integers, divided by `scale` (1 for items, L for dimension
/// scores, L·D for the overall score) to get scale points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedDifferences {
    /// Matched respondents with the score in both waves.
    pub n: u64,
    /// Σd (scaled).
    pub sum: i128,
    /// Σd² (scaled²).
    pub sum_squares: i128,
    /// `(d, count)` in ascending d (scaled), for the Wilcoxon signed-rank test.
    pub histogram: Vec<(i128, u64)>,
    /// The scale of the integers.
    pub scale: i128,
}

impl PanelPartials {
    /// The exact sums of the paired differences of `scope` under `measure`; `None` when
    /// the panel does not score that measure or scope.
    pub fn differences(&self, scope: Scope, measure: Measure) -> Option<PairedDifferences> {
        let m = self.layout.measures.iter().position(|x| *x == measure)?;
        let offset = match scope {
            Scope::Item(i) if i < self.layout.items => i,
            Scope::Dimension(d) if d < self.layout.dimensions => self.layout.items + d,
            Scope::Overall => self.layout.items + self.layout.dimensions,
            _ => return None,
        };
        let sums = self.sums.get(m * self.layout.per_measure + offset)?;
        let scale = match scope {
            Scope::Item(_) => 1,
            Scope::Dimension(_) => self.denominator,
            Scope::Overall => self.denominator * self.layout.dimensions as i128,
        };
        Some(PairedDifferences {
            n: sums.n,
            sum: sums.sum,
            sum_squares: sums.sum_squares,
            histogram: sums.histogram.iter().map(|(&d, &c)| (d, c)).collect(),
            scale,
        })
    }
}

/// The paired change of one score between the two waves of a panel.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedChange {
    /// Item, dimension or overall.
    pub scope: Scope,
    /// The measure.
    pub measure: Measure,
    /// Matched respondents with the score in both waves.
    pub n: u64,
    /// Mean paired difference later − earlier.
    pub mean: Option<f64>,
    /// SD of the paired differences (n − 1).
    pub sd: Option<f64>,
    /// Paired t with its unadjusted p and confidence interval of the mean difference.
    pub t: Option<TTest>,
    /// Wilcoxon signed-rank test of the differences (unadjusted).
    pub wilcoxon: Option<Wilcoxon>,
    /// Holm-adjusted paired-t p over the family.
    pub p_holm: Option<f64>,
    /// From the Holm-adjusted paired-t p, as for independent waves.
    pub verdict: Verdict,
}

impl PairedChange {
    /// The family the change is adjusted in.
    pub fn family(&self) -> Family {
        match self.scope {
            Scope::Item(_) => Family::Items,
            _ => Family::Scores,
        }
    }
}

/// A panel's paired analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelComparison {
    /// Matched respondents.
    pub matched: u64,
    /// Per measure: items, dimensions, overall.
    pub changes: Vec<PairedChange>,
    /// Tests in the item family.
    pub item_tests: usize,
    /// Tests in the score family.
    pub score_tests: usize,
}

impl PanelComparison {
    /// Paired t and Wilcoxon per score, Holm over the two families.
    ///
    /// # Formula
    ///
    /// For the n matched respondents with the score in both waves, dᵢ = later − earlier
    /// (exact scaled integers, divided by the scale at the end):
    ///
    /// ```text
    /// d̄ = Σd/n,  s² = (n·Σd² − (Σd)²)/(n(n − 1)),  t = d̄/(s/√n),  df = n − 1
    /// CI = d̄ ± t_{(1+level)/2, n−1}·s/√n;  Wilcoxon signed-rank on the histogram of d
    /// verdict: Holm-adjusted t p < α = 1 − level, direction from d̄
    /// ```
    ///
    /// Source: Student (1908); Wilcoxon (1945); Holm (1979). scipy `ttest_rel` agrees.
    pub fn new(panel: &PanelPartials, options: &AnalysisOptions) -> Self {
        let level = options.confidence;
        let mut changes: Vec<PairedChange> = panel
            .sums
            .iter()
            .enumerate()
            .map(|(slot, sums)| {
                let scope = panel.layout.scope(slot);
                let measure = panel.layout.measures[slot / panel.layout.per_measure];
                paired_change(sums, scope, measure, panel.scale(scope), options)
            })
            .collect();
        let alpha = 1.0 - level;
        let mut tests = [0, 0];
        for (k, family) in [Family::Items, Family::Scores].into_iter().enumerate() {
            let members: Vec<usize> = (0..changes.len()).filter(|&i| changes[i].family() == family).collect();
            let p: Vec<Option<f64>> = members.iter().map(|&i| changes[i].t.map(|t| t.p)).collect();
            tests[k] = p.iter().flatten().count();
            for (&i, adjusted) in members.iter().zip(holm(&p)) {
                let c = &mut changes[i];
                c.p_holm = adjusted;
                c.verdict = match (c.mean, adjusted) {
                    (Some(m), Some(p)) if p < alpha && m > 0.0 => Verdict::Improved,
                    (Some(m), Some(p)) if p < alpha && m < 0.0 => Verdict::Worsened,
                    (_, Some(_)) => Verdict::Unchanged,
                    _ => Verdict::NotTested,
                };
            }
        }
        PanelComparison { matched: panel.matched, changes, item_tests: tests[0], score_tests: tests[1] }
    }
}

fn paired_change(
    sums: &PairedSums,
    scope: Scope,
    measure: Measure,
    scale: f64,
    options: &AnalysisOptions,
) -> PairedChange {
    let n = sums.n;
    let mean = (n > 0).then(|| sums.sum as f64 / (n as f64 * scale));
    let sd = (n > 1).then(|| {
        let numerator = i128::from(n) * sums.sum_squares - sums.sum * sums.sum;
        (numerator as f64 / (n as f64 * (n - 1) as f64)).sqrt() / scale
    });
    let t = match (mean, sd) {
        (Some(m), Some(s)) => one_sample_t(n, m, s, 0.0, options.confidence),
        _ => None,
    };
    let histogram: Vec<(i128, u64)> = sums.histogram.iter().map(|(&d, &c)| (d, c)).collect();
    let wilcoxon = signed_rank(&histogram, options.wilcoxon);
    PairedChange { scope, measure, n, mean, sd, t, wilcoxon, p_holm: None, verdict: Verdict::NotTested }
}

#[cfg(test)]
mod tests;
