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

/// Weights of the four components, validated: each finite and ≥ 0, not all zero.
/// They need not sum to 1: the score divides by the sum of the weights of the components
/// present (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorityWeights {
    values: [f64; 4],
}

impl PriorityWeights {
    /// The default weights when a study sets none: severity 0.35, impact 0.30,
    /// urgency 0.20, feasibility 0.15.
    pub const DEFAULT: PriorityWeights = PriorityWeights { values: [0.35, 0.30, 0.20, 0.15] };

    /// Weights in [`Component::ALL`] order (severity, impact, urgency, feasibility).
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
        Ok(PriorityWeights { values })
    }

    /// The weight of one component.
    pub fn get(&self, component: Component) -> f64 {
        self.values[component.index()]
    }

    /// The four weights in [`Component::ALL`] order.
    pub fn values(&self) -> [f64; 4] {
        self.values
    }
}

impl Default for PriorityWeights {
    fn default() -> PriorityWeights {
        PriorityWeights::DEFAULT
    }
}
