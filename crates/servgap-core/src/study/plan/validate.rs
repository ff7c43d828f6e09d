//! [`Plan::new`]: the actions of a study, with their references checked.

use std::collections::BTreeSet;

use super::action::{invalid, Action};
use crate::study::{Slug, Study};
use crate::CoreError;

/// A study's action plan: actions whose references (departments, metric unit and
/// baseline wave) exist in the study, with unique slugs, in the order given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    actions: Vec<Action>,
}

impl Plan {
    /// Checks every action against `study`: slugs unique, each department defined, the
    /// metric's unit and baseline wave defined. Rules of a single action (dates, history,
    /// shares) were checked by [`super::ActionSpec::build`].
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] with object `action`, the slug and the rule broken.
    pub fn new(actions: Vec<Action>, study: &Study) -> Result<Plan, CoreError> {
        let mut seen = BTreeSet::new();
        for a in &actions {
            if !seen.insert(a.slug()) {
                return Err(invalid(a.slug().as_str(), "is defined twice"));
            }
            check_refs(a, study)?;
        }
        Ok(Plan { actions })
    }

    /// The actions, in the order given.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The action with `slug`.
    pub fn action(&self, slug: &Slug) -> Option<&Action> {
        self.actions.iter().find(|a| a.slug() == slug)
    }

    /// True when the plan has no action.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }
}

fn check_refs(action: &Action, study: &Study) -> Result<(), CoreError> {
    let id = action.slug().as_str();
    for d in action.departments() {
        if !study.departments().iter().any(|x| x.slug == *d) {
            return Err(invalid(id, format!("names department `{d}`, which the study does not define")));
        }
    }
    if let Some(m) = action.metric() {
        if !study.units().iter().any(|u| u.slug == m.unit) {
            return Err(invalid(
                id,
                format!("measures its metric in unit `{}`, which the study does not define", m.unit),
            ));
        }
        if !study.waves().iter().any(|w| *w.slug() == m.baseline_wave) {
            return Err(invalid(
                id,
                format!(
                    "takes its baseline from wave `{}`, which the study does not define",
                    m.baseline_wave
                ),
            ));
        }
    }
    Ok(())
}
