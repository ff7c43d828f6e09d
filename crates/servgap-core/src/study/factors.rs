//! The contributing factors of the extended gaps model (Zeithaml, Berry & Parasuraman
//! 1988; `servqual.md` §2), their scores per unit, and their association with the gaps
//! across units.
//!
//! A factor is a multi-item Likert scale; its score in a unit is the mean over the unit's
//! respondents of their scale means (the survey pipeline gives it as a dimension mean).
//! Association across units is Spearman's ρ (with Kendall's τ-b) between the units' factor
//! scores and the units' gap sizes, with an exact permutation p for up to 9 units.
//! **Small-n caveat**: with u units the smallest attainable two-sided p is 2/u!, so fewer
//! than [`MIN_FACTOR_UNITS`] units cannot show anything ("not measurable"), and even with
//! more, a handful of units gives an association to explore, not a causal finding.

use super::context::find_battery;
use super::gap_id::GapKind;
use super::ranks::{rank_agreement, RankAgreement};
use super::register::Register;
use super::slug::Slug;
use crate::instrument::Battery;
use crate::servqual::SurveyAnalysis;

/// Fewest units for which an association is computed (2/4! ≈ 0.083 is then the smallest p).
pub const MIN_FACTOR_UNITS: usize = 4;

/// A contributing factor of the 1988 model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Factor {
    /// Marketing research orientation (gap 1, −).
    MarketingResearchOrientation,
    /// Upward communication (gap 1, −).
    UpwardCommunication,
    /// Levels of management (gap 1, +).
    LevelsOfManagement,
    /// Management commitment to service quality (gap 2, −).
    ManagementCommitment,
    /// Goal-setting (gap 2, −).
    GoalSetting,
    /// Task standardisation (gap 2, −).
    TaskStandardisation,
    /// Perception of feasibility (gap 2, −).
    PerceptionOfFeasibility,
    /// Teamwork (gap 3, −).
    Teamwork,
    /// Employee–job fit (gap 3, −).
    EmployeeJobFit,
    /// Technology–job fit (gap 3, −).
    TechnologyJobFit,
    /// Perceived control (gap 3, −).
    PerceivedControl,
    /// Supervisory control systems (gap 3, −).
    SupervisoryControl,
    /// Role conflict (gap 3, +).
    RoleConflict,
    /// Role ambiguity (gap 3, +).
    RoleAmbiguity,
    /// Horizontal communication (gap 4, −).
    HorizontalCommunication,
    /// Propensity to overpromise (gap 4, +).
    PropensityToOverpromise,
}

impl Factor {
    /// Every factor, gap by gap.
    pub const ALL: [Factor; 16] = [
        Factor::MarketingResearchOrientation,
        Factor::UpwardCommunication,
        Factor::LevelsOfManagement,
        Factor::ManagementCommitment,
        Factor::GoalSetting,
        Factor::TaskStandardisation,
        Factor::PerceptionOfFeasibility,
        Factor::Teamwork,
        Factor::EmployeeJobFit,
        Factor::TechnologyJobFit,
        Factor::PerceivedControl,
        Factor::SupervisoryControl,
        Factor::RoleConflict,
        Factor::RoleAmbiguity,
        Factor::HorizontalCommunication,
        Factor::PropensityToOverpromise,
    ];

    /// Stable id, e.g. `role-ambiguity` (the dimension id in the built-in instruments).
    pub fn id(self) -> &'static str {
        match self {
            Factor::MarketingResearchOrientation => "marketing-research-orientation",
            Factor::UpwardCommunication => "upward-communication",
            Factor::LevelsOfManagement => "levels-of-management",
            Factor::ManagementCommitment => "management-commitment",
            Factor::GoalSetting => "goal-setting",
            Factor::TaskStandardisation => "task-standardisation",
            Factor::PerceptionOfFeasibility => "perception-of-feasibility",
            Factor::Teamwork => "teamwork",
            Factor::EmployeeJobFit => "employee-job-fit",
            Factor::TechnologyJobFit => "technology-job-fit",
            Factor::PerceivedControl => "perceived-control",
            Factor::SupervisoryControl => "supervisory-control",
            Factor::RoleConflict => "role-conflict",
            Factor::RoleAmbiguity => "role-ambiguity",
            Factor::HorizontalCommunication => "horizontal-communication",
            Factor::PropensityToOverpromise => "propensity-to-overpromise",
        }
    }

    /// The factor with this id.
    pub fn from_id(id: &str) -> Option<Factor> {
        Factor::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The gap the factor contributes to.
    pub fn gap(self) -> GapKind {
        use Factor::*;
        match self {
            MarketingResearchOrientation | UpwardCommunication | LevelsOfManagement => GapKind::Knowledge,
            ManagementCommitment | GoalSetting | TaskStandardisation | PerceptionOfFeasibility => {
                GapKind::Standards
            }
            Teamwork | EmployeeJobFit | TechnologyJobFit | PerceivedControl | SupervisoryControl
            | RoleConflict | RoleAmbiguity => GapKind::Delivery,
            HorizontalCommunication | PropensityToOverpromise => GapKind::Communication,
        }
    }

    /// The sign the model predicts for its association with the gap's size: −1 (more of
    /// the factor, smaller gap) or +1.
    pub fn expected_sign(self) -> i8 {
        match self {
            Factor::LevelsOfManagement
            | Factor::RoleConflict
            | Factor::RoleAmbiguity
            | Factor::PropensityToOverpromise => 1,
            _ => -1,
        }
    }

    /// Who answers the factor scale: managers for gaps 1 and 2, contact employees for 3 and 4.
    pub fn answered_by_managers(self) -> bool {
        matches!(self.gap(), GapKind::Knowledge | GapKind::Standards)
    }
}

/// One factor's score in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorScore {
    /// The factor.
    pub factor: Factor,
    /// The unit.
    pub unit: Slug,
    /// Mean scale score.
    pub mean: f64,
    /// Respondents.
    pub n: u64,
}

/// Association of a factor with a gap across units.
#[derive(Debug, Clone, PartialEq)]
pub enum Association {
    /// Fewer units with both values than [`MIN_FACTOR_UNITS`].
    NotMeasurable {
        /// Units with both a factor score and a gap size.
        units: usize,
        /// The minimum.
        minimum: usize,
    },
    /// ρ, τ and their p values.
    Measured(RankAgreement),
}

/// The factor scores of one unit from its management or employee analysis: every
/// dimension whose id is a factor id ([`Factor::id`]) scored on `battery` (the one the
/// factor items are answered on; perceptions for a perceptions-only form). The score is
/// the mean over respondents of their scale means, as the survey analysis computes it.
pub fn factor_scores(analysis: &SurveyAnalysis, battery: Battery, unit: &Slug) -> Vec<FactorScore> {
    analysis
        .dimensions
        .iter()
        .filter_map(|d| {
            let factor = Factor::from_id(&d.id)?;
            let b = find_battery(&d.batteries, battery)?;
            Some(FactorScore { factor, unit: unit.clone(), mean: b.mean?, n: b.n })
        })
        .collect()
}

/// Per unit, the mean normalised size of the measured gaps of `kind` in the register
/// (units without such a gap are left out): the gap side of [`factor_association`].
pub fn gap_sizes_by_unit(register: &Register, kind: GapKind) -> Vec<(Slug, f64)> {
    let mut out: Vec<(Slug, f64, usize)> = Vec::new();
    for e in register.entries.iter().filter(|e| e.gap.kind() == kind) {
        let Some(size) = e.gap.size else { continue };
        match out.iter_mut().find(|(u, _, _)| *u == e.gap.unit) {
            Some((_, sum, n)) => {
                *sum += size;
                *n += 1;
            }
            None => out.push((e.gap.unit.clone(), size, 1)),
        }
    }
    out.into_iter().map(|(u, sum, n)| (u, sum / n as f64)).collect()
}

/// A factor related to the gap sizes of its gap across units.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorAssociation {
    /// The factor.
    pub factor: Factor,
    /// The units used (both values present), in the order given.
    pub units: Vec<Slug>,
    /// The result.
    pub association: Association,
    /// True when ρ has the sign the model predicts (`None` when not measurable or ρ = 0).
    pub sign_as_predicted: Option<bool>,
}

/// Relates `scores` (one per unit) to `gap_sizes` (unit, size of the factor's gap there,
/// e.g. the mean size of its gap-kind's gaps) across the units that have both.
pub fn factor_association(
    factor: Factor,
    scores: &[FactorScore],
    gap_sizes: &[(Slug, f64)],
) -> FactorAssociation {
    let mut units = Vec::new();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for s in scores.iter().filter(|s| s.factor == factor) {
        if let Some((_, size)) = gap_sizes.iter().find(|(u, _)| *u == s.unit) {
            units.push(s.unit.clone());
            x.push(s.mean);
            y.push(*size);
        }
    }
    let association = if units.len() < MIN_FACTOR_UNITS { None } else { rank_agreement(&x, &y) };
    let sign_as_predicted =
        association.filter(|a| a.rho != 0.0).map(|a| (a.rho > 0.0) == (factor.expected_sign() > 0));
    FactorAssociation {
        factor,
        association: match association {
            Some(a) => Association::Measured(a),
            None => Association::NotMeasurable { units: units.len(), minimum: MIN_FACTOR_UNITS },
        },
        units,
        sign_as_predicted,
    }
}
