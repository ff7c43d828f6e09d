//! What the prioritisation takes for each gap: the gap of the latest wave and the facts
//! around it that the pipeline gathers (earlier waves, importance, reach, minimum band,
//! deadline, the departments' feasibility ratings).

use jiff::civil::Date;

use crate::kpi::SatisfactionAssociation;
use crate::study::{Gap, GapId, Slug, SurveyRef};

/// Effort of closing a gap, as a department rates it (T-shirt sizes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Effort {
    /// Extra small.
    Xs,
    /// Small.
    S,
    /// Medium.
    M,
    /// Large.
    L,
    /// Extra large.
    Xl,
}

impl Effort {
    /// Every size, smallest first.
    pub const ALL: [Effort; 5] = [Effort::Xs, Effort::S, Effort::M, Effort::L, Effort::Xl];

    /// `XS`, `S`, `M`, `L`, `XL`.
    pub fn id(self) -> &'static str {
        match self {
            Effort::Xs => "XS",
            Effort::S => "S",
            Effort::M => "M",
            Effort::L => "L",
            Effort::Xl => "XL",
        }
    }

    /// Parses `XS`…`XL`, any case, surrounding blanks ignored.
    pub fn from_id(text: &str) -> Option<Effort> {
        let text = text.trim();
        Effort::ALL.into_iter().find(|e| e.id().eq_ignore_ascii_case(text))
    }

    /// Feasibility score of the size: XS 1, S 0.75, M 0.5, L 0.25, XL 0.
    pub fn score(self) -> f64 {
        1.0 - (self as usize) as f64 / 4.0
    }
}

/// One rater's feasibility rating of one gap.
#[derive(Debug, Clone, PartialEq)]
pub struct FeasibilityRating {
    /// The rater's department.
    pub department: Slug,
    /// Who rated (a name or role, as entered).
    pub rater: String,
    /// Effort, when rated.
    pub effort: Option<Effort>,
    /// Cost in the study's currency (≥ 0), when estimated.
    pub cost: Option<f64>,
    /// Rating 1 (hard) … 5 (easy), when given.
    pub rating: Option<u8>,
    /// Free text.
    pub comment: String,
}

/// One row of the feasibility register: a rating of a gap, optionally of one unit only,
/// and a deadline when the gap has one (regulatory, contractual).
#[derive(Debug, Clone, PartialEq)]
pub struct FeasibilityEntry {
    /// The gap rated.
    pub gap: GapId,
    /// The unit, `None` for the gap in every unit.
    pub unit: Option<Slug>,
    /// The rating.
    pub rating: FeasibilityRating,
    /// A deadline for closing the gap.
    pub deadline: Option<Date>,
}

impl FeasibilityEntry {
    /// True when the entry is about `gap` (same id; same unit, or the entry names none).
    pub fn applies_to(&self, gap: &Gap) -> bool {
        self.gap == gap.id && self.unit.as_ref().is_none_or(|u| *u == gap.unit)
    }
}

/// Stated importance: the importance points the customers gave the dimension the gap
/// touches, and the largest mean points of any dimension (the scale's top).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatedImportance {
    /// Mean points of the gap's dimension (of 100).
    pub points: f64,
    /// Largest mean points of any dimension.
    pub max_points: f64,
}

/// Derived importance of what a gap touches: a correlation with satisfaction, −1…1 (a
/// negative one counts as 0 in the impact), and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DerivedImportance {
    /// The correlation, −1…1.
    pub value: f64,
    /// What it was measured on.
    pub basis: DerivedBasis,
}

/// What a derived importance was measured on, in the order the rule tries them
/// ([`super::facts::derived_importance_of`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DerivedBasis {
    /// The survey: the correlation of the touched items with overall satisfaction.
    SurveyCorrelation,
    /// A CSAT or NPS gap: satisfaction itself, importance 1.
    SatisfactionItself,
    /// A KPI gap: φ between meeting its target's per-ticket condition and a satisfied CSAT
    /// answer on the same tickets, with the table and statistics it comes from.
    TicketAssociation(SatisfactionAssociation),
}

impl DerivedBasis {
    /// `survey-correlation`, `satisfaction-itself`, `ticket-association`.
    pub fn id(&self) -> &'static str {
        match self {
            DerivedBasis::SurveyCorrelation => "survey-correlation",
            DerivedBasis::SatisfactionItself => "satisfaction-itself",
            DerivedBasis::TicketAssociation(_) => "ticket-association",
        }
    }
}

impl DerivedImportance {
    /// A survey correlation r (−1…1).
    pub fn survey(r: f64) -> DerivedImportance {
        DerivedImportance { value: r, basis: DerivedBasis::SurveyCorrelation }
    }

    /// Satisfaction itself: 1.
    pub fn satisfaction_itself() -> DerivedImportance {
        DerivedImportance { value: 1.0, basis: DerivedBasis::SatisfactionItself }
    }

    /// φ of a ticket-level association.
    pub fn ticket_association(association: SatisfactionAssociation) -> DerivedImportance {
        DerivedImportance { value: association.phi, basis: DerivedBasis::TicketAssociation(association) }
    }
}

/// The share of customers or tickets a gap affects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reach {
    /// Share 0–1.
    pub share: f64,
    /// What was counted.
    pub basis: ReachBasis,
    /// Respondents or tickets counted.
    pub n: u64,
}

/// What a reach counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReachBasis {
    /// Respondents whose perception is below their expectation (P < E) on the item, or on
    /// the dimension's mean, counted.
    RespondentsBelowExpectation,
    /// The same share estimated from the mean d̄ and standard deviation s of the
    /// differences P − E under a normal model, Φ(−d̄ / s), when the counts are not kept.
    RespondentsBelowExpectationNormal,
    /// Tickets that did not meet the standard, the promise or the target (for a KPI target
    /// that is not a share, its per-ticket condition: counted over the tickets that have one).
    TicketsMissed,
}

impl ReachBasis {
    /// `respondents-below-expectation`, `respondents-below-expectation-normal`, `tickets-missed`.
    pub fn id(self) -> &'static str {
        match self {
            ReachBasis::RespondentsBelowExpectation => "respondents-below-expectation",
            ReachBasis::RespondentsBelowExpectationNormal => "respondents-below-expectation-normal",
            ReachBasis::TicketsMissed => "tickets-missed",
        }
    }
}

/// The normalised size of the same gap (same id and unit) in an earlier wave.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveSize {
    /// The earlier wave.
    pub wave: Slug,
    /// Its normalised size 0–1.
    pub size: f64,
}

/// Everything the prioritisation needs about one gap of the latest wave. Fields the
/// pipeline cannot fill stay `None` (or empty) and make their component, or part, missing.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityInput {
    /// The gap, as measured in the wave ranked.
    pub gap: Gap,
    /// The same gap in earlier waves, oldest first (the trend).
    pub history: Vec<WaveSize>,
    /// The survey items and dimensions the gap touches ([`super::facts::touched`]); empty
    /// when none (it says why impact is missing, [`super::MissingReason`]).
    pub touched: Vec<SurveyRef>,
    /// Stated importance of the dimension the gap touches.
    pub stated_importance: Option<StatedImportance>,
    /// Derived importance: the correlation of the item, dimension or KPI with overall
    /// satisfaction (or CSAT), −1…1, and its basis ([`super::facts::derived_importance_of`]).
    pub derived_importance: Option<DerivedImportance>,
    /// The share of customers or tickets affected.
    pub reach: Option<Reach>,
    /// Whether the current value is beyond the standard's or target's minimum band
    /// (`None`: no band applies).
    pub below_minimum: Option<bool>,
    /// The earliest deadline given for the gap.
    pub deadline: Option<Date>,
    /// The departments' feasibility ratings.
    pub ratings: Vec<FeasibilityRating>,
}

impl PriorityInput {
    /// An input with only the gap; every other fact missing.
    pub fn new(gap: Gap) -> PriorityInput {
        PriorityInput {
            gap,
            history: Vec::new(),
            touched: Vec::new(),
            stated_importance: None,
            derived_importance: None,
            reach: None,
            below_minimum: None,
            deadline: None,
            ratings: Vec::new(),
        }
    }
}

/// Which gaps a ranking covers: those of one department and/or one unit. Gaps are filtered
/// before ranking, so ranks run 1, 2, … within the selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriorityFilter {
    /// Only gaps this department owns.
    pub department: Option<Slug>,
    /// Only gaps of this unit.
    pub unit: Option<Slug>,
}

impl PriorityFilter {
    /// True when the gap passes the filter.
    pub fn matches(&self, gap: &Gap) -> bool {
        self.department.as_ref().is_none_or(|d| gap.departments.contains(d))
            && self.unit.as_ref().is_none_or(|u| gap.unit == *u)
    }
}
