//! The ranked priorities of a gap study (schema `servgap.priorities/1`,
//! `docs/priorities-json.md`): for every gap of a wave its rank, the four components
//! (severity, impact on satisfaction, urgency, feasibility) with the parts that explain
//! each, their weighted contributions, the score, the impact × urgency quadrant, the
//! departments' feasibility ratings, and how stable the rank is under resampling and
//! perturbed weights. Converted field by field from `servgap_core::study::priority`;
//! language-free (printers word the explanation: "ranked 2nd: severity 0.41, …").

use serde::{Deserialize, Serialize};

use super::common::Texts;
use super::diagnosis::WaveView;

/// Identifier of the priorities JSON layout; bumped on any incompatible change.
pub const PRIORITIES_SCHEMA: &str = "servgap.priorities/1";

/// The four components of a priority score, in the order every printer shows them.
pub const COMPONENTS: [&str; 4] = ["severity", "impact", "urgency", "feasibility"];

/// The ranked priorities of one wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrioritiesReport {
    /// [`PRIORITIES_SCHEMA`].
    pub schema: String,
    /// servgap version that wrote it.
    pub generator: String,
    /// Study slug.
    pub study: String,
    /// Study name as written.
    pub study_name: String,
    /// The wave ranked.
    pub wave: WaveView,
    /// The filters asked for (unit, department, top k shown).
    pub filters: FiltersView,
    /// Weights of the four components, as the study set them.
    pub weights: WeightsView,
    /// The value a component that could not be measured counts as (`[priorities] missing`,
    /// default 0.5; such a component is flagged `assumed`); `None`: missing components are
    /// left out and the weights renormalised over the others (`missing = "renormalise"`).
    pub neutral: Option<f64>,
    /// Cut-offs of the impact × urgency matrix.
    pub matrix: MatrixView,
    /// How the stability of the ranking was measured; `None` when it was not.
    pub stability: Option<StabilitySettingsView>,
    /// Every ranked gap, rank 1 first, gaps without a score last (after the filters;
    /// with `filters.top`, only the rows whose rank is at most k, ties at the edge kept).
    pub ranked: Vec<PriorityRow>,
    /// Gaps ranked before `filters.top` cut the list.
    pub total: usize,
    /// Rows per quadrant of the whole ranked list: `act-now`, `plan`, `quick-wins`, `monitor`.
    pub quadrant_counts: Vec<(String, usize)>,
}

/// The filters of the request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FiltersView {
    /// Only this unit.
    pub unit: Option<String>,
    /// Only gaps this department owns.
    pub department: Option<String>,
    /// Only the first k ranks.
    pub top: Option<usize>,
}

/// Weights of the components as the study set them (each ≥ 0, not all 0; a row's score
/// divides by their sum, or by the sum over its components present when missing components
/// are renormalised).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WeightsView {
    /// Weight of severity.
    pub severity: f64,
    /// Weight of impact on satisfaction.
    pub impact: f64,
    /// Weight of urgency.
    pub urgency: f64,
    /// Weight of feasibility.
    pub feasibility: f64,
}

impl WeightsView {
    /// The weight of a component id of [`COMPONENTS`]; 0 for an unknown id.
    pub fn of(&self, component: &str) -> f64 {
        match component {
            "severity" => self.severity,
            "impact" => self.impact,
            "urgency" => self.urgency,
            "feasibility" => self.feasibility,
            _ => 0.0,
        }
    }
}

/// Cut-offs of the impact × urgency matrix (both axes 0–1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MatrixView {
    /// Impact from which a gap is high impact.
    pub high_impact: f64,
    /// Urgency from which a gap is urgent.
    pub high_urgency: f64,
}

/// How the ranking's stability was measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StabilitySettingsView {
    /// k of "the probability of staying in the top k".
    pub top_k: usize,
    /// Replicates drawn.
    pub replicates: u32,
    /// Seed of the random draws (same seed, same numbers).
    pub seed: u64,
    /// Each weight was multiplied by a factor drawn uniformly from `1 ± weight_perturbation`.
    pub weight_perturbation: f64,
    /// Coverage of the rank interval (0.95: the 2.5 % and 97.5 % order statistics).
    pub rank_interval_level: f64,
    /// Level of the gaps' intervals whose half-width / z is the standard error redrawn.
    pub interval_level: f64,
    /// How the measured inputs were resampled: `sampling-distribution` (each measured
    /// difference redrawn from the normal distribution of its interval; the data files
    /// are not re-read).
    pub method: String,
}

/// One ranked gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityRow {
    /// 1 = first; tied scores share the rank (1, 2, 2, 4); `None` without a score.
    pub rank: Option<usize>,
    /// Stable gap id.
    pub id: String,
    /// `g1`…`g5`, `kpi`, `note`.
    pub kind: String,
    /// What the gap is about, for people (as in the diagnosis register).
    pub label: Texts,
    /// Subject id (item, dimension, standard, promise, measure path, note).
    pub subject: String,
    /// Unit slug.
    pub unit: String,
    /// Wave slug.
    pub wave: String,
    /// Owning departments.
    pub departments: Vec<String>,
    /// The four components in [`COMPONENTS`] order.
    pub components: Vec<ComponentView>,
    /// Score 0–1 = Σ contributions; `None` when no component with a weight is present.
    pub score: Option<f64>,
    /// `act-now`, `plan`, `quick-wins`, `monitor`; `None` when impact or urgency is missing.
    pub quadrant: Option<String>,
    /// The departments' feasibility ratings; `None` when nobody rated the gap.
    pub feasibility: Option<FeasibilityView>,
    /// A deadline for closing the gap (ISO date), when one is given.
    pub deadline: Option<String>,
    /// Stability of the rank; `None` when not measured.
    pub stability: Option<RankStabilityView>,
    /// Components that could not be measured (ids of [`COMPONENTS`]).
    pub missing: Vec<String>,
    /// Missing components with a weight counted at the neutral value ([`PrioritiesReport::neutral`]);
    /// empty when missing components are renormalised or the row has no score.
    pub assumed: Vec<String>,
}

/// One component of a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentView {
    /// `severity`, `impact`, `urgency`, `feasibility`.
    pub component: String,
    /// Its value 0–1; `None` when it could not be measured (missing, never 0).
    pub value: Option<f64>,
    /// The neutral value it counts as in the score when it is missing and weighted
    /// ([`PrioritiesReport::neutral`]); `None` when measured, or left out.
    pub assumed: Option<f64>,
    /// Why it is missing: `no-size`, `kpi-without-linked-items`,
    /// `kpi-association-no-rated-tickets`, `kpi-association-all-met`,
    /// `kpi-association-all-missed`, `kpi-association-all-satisfied`,
    /// `kpi-association-none-satisfied`, `kpi-not-per-ticket`, `nothing-touched`,
    /// `importance-not-measured`, `no-urgency-signal`, `not-rated`; `None` when measured.
    pub missing_reason: Option<String>,
    /// Its share of the score, w / Σ w (over every component when missing ones count at the
    /// neutral value, over the measured ones when they are renormalised); `None` when it
    /// is left out or the row has no score.
    pub weight: Option<f64>,
    /// Weight share × value (× the neutral value when assumed); the contributions sum to
    /// the score.
    pub contribution: Option<f64>,
    /// How the value was obtained: severity `shrunk`, `exact` or `judged`; impact's reach
    /// basis (`respondents-below-expectation`, `tickets-missed`) or `judged`.
    pub basis: Option<String>,
    /// The parts that explain the value, `(name, value)`, only those present: severity
    /// `size`, `size-bound`, `judged`; impact `importance`, `stated-importance`,
    /// `derived-importance`, `reach`, `reach-n`, `judged`; urgency `trend`, `trend-slope`,
    /// `trend-waves`, `breach`, `below-minimum`, `deadline`, `deadline-days`, `judged`;
    /// feasibility `effort`, `cost`, `cost-score`, `rating`.
    pub parts: Vec<(String, f64)>,
    /// Impact only: what its derived importance was measured on; `None` for the other
    /// components and when the derived importance is missing (absent in reports written
    /// before it existed).
    #[serde(default)]
    pub derived_importance: Option<DerivedImportanceView>,
}

/// Where a gap's derived importance comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DerivedImportanceView {
    /// `survey-correlation` (the touched survey items' correlation with overall
    /// satisfaction), `satisfaction-itself` (a CSAT or NPS gap: 1) or `ticket-association`
    /// (a KPI gap: φ of its target's per-ticket condition with a satisfied CSAT answer).
    pub basis: String,
    /// The correlation as measured, −1…1 (the impact counts a negative one as 0).
    pub correlation: f64,
    /// For `ticket-association`: the table and its statistics.
    pub association: Option<TicketAssociationView>,
}

/// The association of "the ticket met the target's per-ticket condition" with "its CSAT
/// answer was satisfied", on the rated tickets of the gap's unit and wave.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TicketAssociationView {
    /// CSAT answers counted (tickets with the condition defined and a CSAT answer).
    pub rated: u64,
    /// `[[met and satisfied, met and not], [missed and satisfied, missed and not]]`.
    pub table: [[u64; 2]; 2],
    /// Satisfied share when the target was met, 0–1.
    pub satisfied_when_met: f64,
    /// Satisfied share when it was missed, 0–1.
    pub satisfied_when_missed: f64,
    /// Met − missed, as a share (−1…1).
    pub difference: f64,
    /// Newcombe's hybrid score interval of the difference (method 10), `[low, high]`.
    pub interval: [f64; 2],
    /// Its confidence level (the report's `--confidence`), e.g. 0.95.
    pub level: f64,
    /// φ, the Pearson correlation of the two indicators.
    pub phi: f64,
    /// Fisher's exact two-sided p.
    pub fisher_p: f64,
}

/// The feasibility of one gap's remedy, from the departments' ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeasibilityView {
    /// Feasibility 0–1 (1 = easiest): the mean of the effort, cost and rating scores present.
    pub value: Option<f64>,
    /// Median effort of the raters, `XS`…`XL`.
    pub effort: Option<String>,
    /// Median cost, in the study's currency.
    pub cost: Option<f64>,
    /// Median rating 1 (hard) … 5 (easy).
    pub rating_median: Option<f64>,
    /// Lower and upper quartile of the ratings (type 7).
    pub rating_quartiles: Option<[f64; 2]>,
    /// Lowest and highest rating.
    pub rating_range: Option<[u8; 2]>,
    /// Rows of the feasibility register about the gap (raters).
    pub raters: usize,
    /// Every rating as entered.
    pub ratings: Vec<RatingView>,
}

/// One row of the feasibility register: a rater's rating of a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingView {
    /// The rater's department slug.
    pub department: String,
    /// Who rated (a name or a role, as entered).
    pub rater: String,
    /// Effort, `XS`…`XL`.
    pub effort: Option<String>,
    /// Cost (≥ 0).
    pub cost: Option<f64>,
    /// Rating 1 (hard) … 5 (easy).
    pub rating: Option<u8>,
    /// Free text.
    pub comment: String,
}

/// How stable a gap's rank is over the replicates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RankStabilityView {
    /// Share of replicates in which the gap was in the top k.
    pub top_k_share: f64,
    /// Share of replicates in which it ranked first.
    pub first_share: f64,
    /// Rank interval: the 2.5 % and 97.5 % order statistics of its rank (`None` when it
    /// never had a score).
    pub rank_interval: Option<[usize; 2]>,
    /// Median rank over the replicates.
    pub rank_median: Option<usize>,
    /// Whether its size was redrawn (`false`: exact, judged, or no usable interval, so
    /// only the weights moved it).
    pub resampled: bool,
}

impl PriorityRow {
    /// The component with id `component`.
    pub fn component(&self, component: &str) -> Option<&ComponentView> {
        self.components.iter().find(|c| c.component == component)
    }
}

impl PrioritiesReport {
    /// The rows owned by `department`.
    pub fn rows_for_department<'a>(
        &'a self,
        department: &'a str,
    ) -> impl Iterator<Item = &'a PriorityRow> + 'a {
        self.ranked.iter().filter(move |r| r.departments.iter().any(|d| d == department))
    }
}

mod convert;
pub use convert::PrioritiesSource;
