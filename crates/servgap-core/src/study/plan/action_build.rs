//! [`ActionSpec::build`] and the accessors of [`Action`].

use jiff::civil::Date;

use super::action::{invalid, Action, ActionMetric, ActionSpec, ActionStatus, StatusChange, Task};
use crate::study::{GapId, Slug};
use crate::CoreError;

impl ActionSpec {
    /// Checks the action's own rules: a valid slug, a title, start and due given with the
    /// due date not before the start, tasks with titles, history in date order (equal dates
    /// keep their order), a status beside the history equal to the last entry's, at least
    /// one linked gap, no gap linked twice, and a metric (when given) on a linked gap with a
    /// finite baseline and target and an expected share in (0, 1].
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] with object `action`, the slug and the rule broken.
    pub fn build(mut self) -> Result<Action, CoreError> {
        let slug = Slug::new("action", &self.slug)?;
        let id = self.slug.clone();
        if self.title.trim().is_empty() {
            return Err(invalid(&id, "has no title"));
        }
        let (start, due) = check_dates(&id, self.start, self.due)?;
        check_tasks(&id, &self.tasks)?;
        check_history(&id, &self.history, self.status)?;
        check_gaps(&id, &self.gaps)?;
        if let Some(metric) = &self.metric {
            check_metric(&id, metric, &self.gaps)?;
        }
        self.owner = self.owner.take().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
        // The status is the history's last entry; the written one was only checked.
        self.status = None;
        Ok(Action { slug, start, due, spec: self })
    }
}

fn check_dates(id: &str, start: Option<Date>, due: Option<Date>) -> Result<(Date, Date), CoreError> {
    match (start, due) {
        (None, _) => Err(invalid(id, "has no start date")),
        (_, None) => Err(invalid(id, "has no due date")),
        (Some(start), Some(due)) if due < start => {
            Err(invalid(id, format!("is due ({due}) before it starts ({start})")))
        }
        (Some(start), Some(due)) => Ok((start, due)),
    }
}

fn check_tasks(id: &str, tasks: &[Task]) -> Result<(), CoreError> {
    match tasks.iter().position(|t| t.title.trim().is_empty()) {
        Some(i) => Err(invalid(id, format!("has task {} without a title", i + 1))),
        None => Ok(()),
    }
}

fn check_history(id: &str, history: &[StatusChange], status: Option<ActionStatus>) -> Result<(), CoreError> {
    for pair in history.windows(2) {
        if pair[1].date < pair[0].date {
            return Err(invalid(
                id,
                format!("has its status history out of date order ({} after {})", pair[1].date, pair[0].date),
            ));
        }
    }
    let last = history.last().map_or(ActionStatus::Planned, |c| c.status);
    match status {
        Some(s) if s != last => Err(invalid(
            id,
            format!("has status `{}`, but the last entry of its history says `{}`", s.id(), last.id()),
        )),
        _ => Ok(()),
    }
}

fn check_gaps(id: &str, gaps: &[GapId]) -> Result<(), CoreError> {
    if gaps.is_empty() {
        return Err(invalid(id, "links no gap"));
    }
    for (i, g) in gaps.iter().enumerate() {
        if gaps[..i].contains(g) {
            return Err(invalid(id, format!("links gap `{g}` twice")));
        }
    }
    Ok(())
}

fn check_metric(id: &str, metric: &ActionMetric, gaps: &[GapId]) -> Result<(), CoreError> {
    if !gaps.contains(&metric.gap) {
        return Err(invalid(id, format!("has metric gap `{}`, which it does not link", metric.gap)));
    }
    if metric.baseline.is_some_and(|b| !b.is_finite()) {
        return Err(invalid(id, "has a metric baseline that is not a finite number"));
    }
    if !metric.target.is_finite() {
        return Err(invalid(id, "has a metric target that is not a finite number"));
    }
    if !(metric.expected_share > 0.0 && metric.expected_share <= 1.0) {
        return Err(invalid(
            id,
            format!("has expected share {} (it must be above 0 and at most 1)", metric.expected_share),
        ));
    }
    Ok(())
}

impl Action {
    /// Identity.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// Title.
    pub fn title(&self) -> &str {
        &self.spec.title
    }

    /// Description (may be empty).
    pub fn description(&self) -> &str {
        &self.spec.description
    }

    /// Accountable person, trimmed; `None` when nobody was named.
    pub fn owner(&self) -> Option<&str> {
        self.spec.owner.as_deref()
    }

    /// Departments that carry it out.
    pub fn departments(&self) -> &[Slug] {
        &self.spec.departments
    }

    /// First day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Deadline (not before [`Action::start`]).
    pub fn due(&self) -> Date {
        self.due
    }

    /// Tasks.
    pub fn tasks(&self) -> &[Task] {
        &self.spec.tasks
    }

    /// Status history, in date order.
    pub fn history(&self) -> &[StatusChange] {
        &self.spec.history
    }

    /// Current status: the last history entry's, planned when the history is empty.
    pub fn status(&self) -> ActionStatus {
        self.spec.history.last().map_or(ActionStatus::Planned, |c| c.status)
    }

    /// Linked gaps, as given.
    pub fn gaps(&self) -> &[GapId] {
        &self.spec.gaps
    }

    /// The metric it must move.
    pub fn metric(&self) -> Option<&ActionMetric> {
        self.spec.metric.as_ref()
    }

    /// The action as its parts (e.g. to write it back to a file or edit it).
    pub fn to_spec(&self) -> ActionSpec {
        let mut spec = self.spec.clone();
        spec.status = Some(self.status());
        spec
    }
}
