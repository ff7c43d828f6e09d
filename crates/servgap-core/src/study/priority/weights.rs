//! The four components and the weights that combine them.

use crate::CoreError;

/// One component of a gap's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    /// Normalised size shrunk by its uncertainty.
    Severity,
    /// Importance of what the gap touches × its reach.
    Impact,
    /// Trend, breach or minimum band, deadline.
    Urgency,
    /// Effort, cost and the departments' ratings (1 = easiest).
    Feasibility,
}

impl Component {
    /// Every component, in the order rows carry them.
    pub const ALL: [Component; 4] =
        [Component::Severity, Component::Impact, Component::Urgency, Component::Feasibility];

    /// `severity`, `impact`, `urgency`, `feasibility`.
    pub fn id(self) -> &'static str {
        match self {
            Component::Severity => "severity",
            Component::Impact => "impact",
            Component::Urgency => "urgency",
            Component::Feasibility => "feasibility",
        }
    }

    /// Parses an id of [`Component::id`].
    pub fn from_id(id: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Position in [`Component::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How a component that could not be measured counts in the score.
///
/// ```text
/// Neutral(m):   score = Σ_c w_c · x̃_c / Σ_c w_c,  x̃_c = x_c when measured, else m (assumed)
/// Renormalise:  score = Σ_{c measured} w_c · x_c / Σ_{c measured} w_c
/// ```
/// Under both rules a row has no score when every component with a weight above 0 is
/// missing. `Neutral` keeps a gap with less data from outranking one with more: under
/// `Renormalise`, a gap measured only on its severity scores its severity alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MissingComponents {
    /// A missing component counts at this value in [0, 1] (`[priorities] missing = 0.5`),
    /// and the row flags it as assumed.
    Neutral(f64),
    /// A missing component is left out and the weights of the others renormalised
    /// (`[priorities] missing = "renormalise"`).
    Renormalise,
}

impl MissingComponents {
    /// The rule when a study sets none: a missing component counts as 0.5.
    pub const DEFAULT: MissingComponents = MissingComponents::Neutral(0.5);

    /// The neutral value, `None` under [`MissingComponents::Renormalise`].
    pub fn neutral(self) -> Option<f64> {
        match self {
            MissingComponents::Neutral(m) => Some(m),
            MissingComponents::Renormalise => None,
        }
    }

    /// `neutral` or `renormalise`.
    pub fn id(self) -> &'static str {
        match self {
            MissingComponents::Neutral(_) => "neutral",
            MissingComponents::Renormalise => "renormalise",
        }
    }
}

impl Default for MissingComponents {
    fn default() -> MissingComponents {
        MissingComponents::DEFAULT
    }
}

/// Weights of the four components, validated: each finite and ≥ 0, not all zero, and the
/// rule for a missing component ([`MissingComponents`], default: counted as 0.5). The
/// weights need not sum to 1: the score divides by their sum (see the module
/// documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorityWeights {
    values: [f64; 4],
    missing: MissingComponents,
}

impl PriorityWeights {
    /// The default weights when a study sets none: severity 0.35, impact 0.30,
    /// urgency 0.20, feasibility 0.15; a missing component counts as 0.5.
    pub const DEFAULT: PriorityWeights =
        PriorityWeights { values: [0.35, 0.30, 0.20, 0.15], missing: MissingComponents::DEFAULT };

    /// Weights in [`Component::ALL`] order (severity, impact, urgency, feasibility), with
    /// the default rule for missing components ([`MissingComponents::DEFAULT`]).
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] when a weight is not finite or negative, or all are 0.
    pub fn new(values: [f64; 4]) -> Result<PriorityWeights, CoreError> {
        for (c, w) in Component::ALL.into_iter().zip(values) {
            if !w.is_finite() || w < 0.0 {
                return Err(CoreError::InvalidOption {
                    option: "priority weight",
                    value: format!("{} = {w}", c.id()),
                    expected: "a finite number ≥ 0".into(),
                });
            }
        }
        if values.iter().all(|w| *w == 0.0) {
            return Err(CoreError::InvalidOption {
                option: "priority weights",
                value: "all 0".into(),
                expected: "at least one weight above 0".into(),
            });
        }
        Ok(PriorityWeights { values, missing: MissingComponents::DEFAULT })
    }

    /// The same weights with another rule for missing components.
    ///
    /// # Errors
    /// [`CoreError::InvalidOption`] when a neutral value is not a number in [0, 1].
    pub fn with_missing(self, missing: MissingComponents) -> Result<PriorityWeights, CoreError> {
        if let MissingComponents::Neutral(m) = missing {
            if !(0.0..=1.0).contains(&m) {
                return Err(CoreError::InvalidOption {
                    option: "neutral value of a missing component",
                    value: m.to_string(),
                    expected: "a number from 0 to 1".into(),
                });
            }
        }
        Ok(PriorityWeights { missing, ..self })
    }

    /// The weight of one component.
    pub fn get(&self, component: Component) -> f64 {
        self.values[component.index()]
    }

    /// The four weights in [`Component::ALL`] order.
    pub fn values(&self) -> [f64; 4] {
        self.values
    }

    /// How a missing component counts.
    pub fn missing(&self) -> MissingComponents {
        self.missing
    }
}

impl Default for PriorityWeights {
    fn default() -> PriorityWeights {
        PriorityWeights::DEFAULT
    }
}
