//! The study's objects: units, departments, waves, standards, promises and qualitative
//! gaps. Each is built from a `…Spec` (plain public fields, as a study file gives them)
//! by `build`, which checks the object's own rules; [`super::Study::new`] checks the
//! references between them.

use jiff::civil::Date;

use super::slug::Slug;
use crate::kpi::{Dimension as KpiDimension, Direction, Measure, SegmentFilter, Unit as KpiUnit};
use crate::CoreError;

fn invalid(object: &'static str, id: &str, rule: impl Into<String>) -> CoreError {
    CoreError::StudyObject { object, id: id.to_owned(), rule: rule.into() }
}

/// Where gaps are diagnosed and compared: a branch, team, channel or region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Identity, unique in the study.
    pub slug: Slug,
    /// Display name (as written by the user; any language).
    pub name: String,
}

impl Unit {
    /// Slug of the implicit unit of a study that names none.
    pub const IMPLICIT: &'static str = "all";

    /// The one unit of a study without units: slug `all`.
    pub fn implicit() -> Unit {
        Unit { slug: Slug::trusted(Self::IMPLICIT), name: String::new() }
    }
}

/// A stakeholder group that owns gaps and actions (customer service, operations, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// Identity, unique in the study.
    pub slug: Slug,
    /// Display name.
    pub name: String,
}

/// One dated measurement round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wave {
    slug: Slug,
    start: Date,
    end: Date,
}

impl Wave {
    /// A wave from `start` to `end`, both inclusive.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] when `end` is before `start`.
    pub fn new(slug: Slug, start: Date, end: Date) -> Result<Wave, CoreError> {
        if end < start {
            return Err(invalid("wave", slug.as_str(), format!("ends ({end}) before it starts ({start})")));
        }
        Ok(Wave { slug, start, end })
    }

    /// Identity.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// First day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Last day (inclusive).
    pub fn end(&self) -> Date {
        self.end
    }
}

/// A survey item or dimension of the customer instrument, by its identifier there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SurveyRef {
    /// An item id (e.g. `8` or `T1`).
    Item(String),
    /// A dimension id (e.g. `reliability`).
    Dimension(String),
}

impl SurveyRef {
    /// The id it names.
    pub fn id(&self) -> &str {
        match self {
            SurveyRef::Item(id) | SurveyRef::Dimension(id) => id,
        }
    }
}

/// A help-desk KPI read-out in one group: a [`Measure`] on all tickets or on one segment value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KpiRef {
    measure: Measure,
    segment: SegmentFilter,
}

impl KpiRef {
    /// `measure` over all tickets ([`SegmentFilter::AllTickets`]) or over one value
    /// ([`SegmentFilter::Only`]).
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] for [`SegmentFilter::Every`] (that names many KPIs, not one).
    pub fn new(measure: Measure, segment: SegmentFilter) -> Result<KpiRef, CoreError> {
        if let SegmentFilter::Every(d) = segment {
            return Err(invalid(
                "kpi",
                &measure.id(),
                format!("names every {} value; name one value", d.id()),
            ));
        }
        Ok(KpiRef { measure, segment })
    }

    /// The measure.
    pub fn measure(&self) -> &Measure {
        &self.measure
    }

    /// All tickets, or one segment value.
    pub fn segment(&self) -> &SegmentFilter {
        &self.segment
    }

    /// The segment as `(dimension, value)`, `None` for all tickets.
    pub fn segment_value(&self) -> Option<(KpiDimension, &str)> {
        match &self.segment {
            SegmentFilter::Only(d, v) => Some((*d, v.as_str())),
            _ => None,
        }
    }
}

/// A standard as a study file gives it; [`StandardSpec::build`] validates it.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardSpec {
    /// Identity (e.g. `frt-8h`).
    pub slug: String,
    /// What the standard says, in the user's words.
    pub title: String,
    /// The customer-survey items/dimensions it governs (for coverage and alignment).
    pub survey: Vec<SurveyRef>,
    /// The KPI it is measured on, if any.
    pub kpi: Option<KpiRef>,
    /// Target: in the KPI's unit when `kpi` is set (seconds per ticket for durations, a
    /// share for share KPIs), otherwise on the customer scale.
    pub target: f64,
    /// Which way is better.
    pub direction: Direction,
    /// Optional tolerated level (the band's far end), on the worse side of `target`.
    pub minimum: Option<f64>,
    /// For a per-ticket duration standard, the share of tickets that must meet the target
    /// (e.g. 0.9); `None` means every ticket (1.0).
    pub required_share: Option<f64>,
    /// Owning department.
    pub owner: Slug,
    /// Since when it applies.
    pub since: Option<Date>,
}

/// An internal service standard (register for gaps 2 and 3).
#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    spec: StandardSpec,
    slug: Slug,
}

impl StandardSpec {
    /// Checks slug, target, band and required share.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] naming the standard and the rule: a bad slug, nothing
    /// measured (no survey item and no KPI), a non-finite target, a target outside the
    /// KPI's unit, a band on the better side of the target, a required share outside 0–1.
    pub fn build(self) -> Result<Standard, CoreError> {
        let slug = Slug::new("standard", &self.slug)?;
        let id = self.slug.as_str();
        if self.survey.is_empty() && self.kpi.is_none() {
            return Err(invalid(
                "standard",
                id,
                "measures nothing: name a survey item, a dimension or a kpi",
            ));
        }
        check_level("standard", id, self.target, self.kpi.as_ref().map(|k| k.measure.unit()))?;
        if let Some(minimum) = self.minimum {
            check_level("standard", id, minimum, self.kpi.as_ref().map(|k| k.measure.unit()))?;
            if worse(self.direction, self.target, minimum) {
                return Err(invalid("standard", id, "its minimum is better than its target"));
            }
        }
        if let Some(share) = self.required_share {
            if !(share > 0.0 && share <= 1.0) {
                return Err(invalid("standard", id, format!("required share {share} is not in (0, 1]")));
            }
        }
        Ok(Standard { spec: self, slug })
    }
}

/// True when `a` is worse than `b` in `direction`.
fn worse(direction: Direction, a: f64, b: f64) -> bool {
    match direction {
        Direction::HigherIsBetter => a < b,
        Direction::LowerIsBetter => a > b,
    }
}

fn check_level(object: &'static str, id: &str, value: f64, unit: Option<KpiUnit>) -> Result<(), CoreError> {
    if !value.is_finite() {
        return Err(invalid(object, id, "its target is not a finite number"));
    }
    match unit {
        Some(unit) if !unit.contains(value) => {
            Err(invalid(object, id, format!("target {value} is outside {}", unit.describe())))
        }
        _ => Ok(()),
    }
}

impl Standard {
    /// Identity.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// What the standard says.
    pub fn title(&self) -> &str {
        &self.spec.title
    }

    /// Items and dimensions it governs.
    pub fn survey(&self) -> &[SurveyRef] {
        &self.spec.survey
    }

    /// The KPI it is measured on.
    pub fn kpi(&self) -> Option<&KpiRef> {
        self.spec.kpi.as_ref()
    }

    /// Target value (KPI unit, or customer scale when there is no KPI).
    pub fn target(&self) -> f64 {
        self.spec.target
    }

    /// Which way is better.
    pub fn direction(&self) -> Direction {
        self.spec.direction
    }

    /// Tolerated level, if a band is set.
    pub fn minimum(&self) -> Option<f64> {
        self.spec.minimum
    }

    /// Share of transactions that must meet the target (1.0 when not stated).
    pub fn required_share(&self) -> f64 {
        self.spec.required_share.unwrap_or(1.0)
    }

    /// Owning department.
    pub fn owner(&self) -> &Slug {
        &self.spec.owner
    }

    /// Since when it applies.
    pub fn since(&self) -> Option<Date> {
        self.spec.since
    }
}

/// A promise as a study file gives it; [`PromiseSpec::build`] validates it.
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseSpec {
    /// Identity (e.g. `reply-1h`).
    pub slug: String,
    /// The promise as published ("we reply within one hour").
    pub text: String,
    /// Where it is published (website, contract, advert, IVR).
    pub channel: String,
    /// Since when.
    pub since: Option<Date>,
    /// The KPI that operationalises it.
    pub kpi: Option<KpiRef>,
    /// Threshold per ticket in the KPI's unit (seconds for durations; e.g. 3600 for one hour).
    pub threshold: Option<f64>,
    /// Which way is better (lower for durations).
    pub direction: Direction,
    /// Customer-survey items whose expectations it raises.
    pub items: Vec<SurveyRef>,
    /// Departments that own it (marketing, customer service, …).
    pub departments: Vec<Slug>,
}

/// An external promise (register for gap 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    spec: PromiseSpec,
    slug: Slug,
    kpi: KpiRef,
    threshold: f64,
}

impl PromiseSpec {
    /// Checks slug and that the promise is measurable (a KPI with a finite threshold in its unit).
    ///
    /// # Errors
    /// [`CoreError::StudyObject`]: a bad slug, no KPI, no threshold, a threshold outside the KPI's unit.
    pub fn build(self) -> Result<Promise, CoreError> {
        let slug = Slug::new("promise", &self.slug)?;
        let id = self.slug.clone();
        let kpi = self.kpi.clone().ok_or_else(|| invalid("promise", &id, "has no kpi that measures it"))?;
        let threshold =
            self.threshold.ok_or_else(|| invalid("promise", &id, "has no measurable threshold"))?;
        check_level("promise", &id, threshold, Some(kpi.measure.unit()))?;
        Ok(Promise { spec: self, slug, kpi, threshold })
    }
}

impl Promise {
    /// Identity.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// The promise as published.
    pub fn text(&self) -> &str {
        &self.spec.text
    }

    /// Where it is published.
    pub fn channel(&self) -> &str {
        &self.spec.channel
    }

    /// Since when.
    pub fn since(&self) -> Option<Date> {
        self.spec.since
    }

    /// The KPI that measures it.
    pub fn kpi(&self) -> &KpiRef {
        &self.kpi
    }

    /// The promised per-ticket threshold, in the KPI's unit.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Which way is better.
    pub fn direction(&self) -> Direction {
        self.spec.direction
    }

    /// Linked survey items.
    pub fn items(&self) -> &[SurveyRef] {
        &self.spec.items
    }

    /// Owning departments.
    pub fn departments(&self) -> &[Slug] {
        &self.spec.departments
    }
}

/// A judged level of impact or urgency of a qualitative gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl Level {
    /// `low`, `medium`, `high`.
    pub fn id(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    /// Parses `low`, `medium` or `high`.
    pub fn from_id(id: &str) -> Option<Level> {
        [Level::Low, Level::Medium, Level::High].into_iter().find(|l| l.id() == id)
    }

    /// Score on the register's 0–1 scale: low 1/6, medium 1/2, high 5/6 (the centres of
    /// thirds, so that a judged level sits where a measured score of that level would).
    pub fn score(self) -> f64 {
        match self {
            Level::Low => 1.0 / 6.0,
            Level::Medium => 0.5,
            Level::High => 5.0 / 6.0,
        }
    }
}

/// A gap observed by people rather than measured: `note/<slug>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualitativeGap {
    /// Identity.
    pub slug: Slug,
    /// What the gap is.
    pub description: String,
    /// Owning departments (at least one).
    pub departments: Vec<Slug>,
    /// Evidence: free text or a link.
    pub evidence: String,
    /// Judged impact.
    pub impact: Level,
    /// Judged urgency.
    pub urgency: Level,
}

impl QualitativeGap {
    /// Checks that there is a description and at least one department.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] naming the note and the rule.
    pub fn validate(&self) -> Result<(), CoreError> {
        if self.description.trim().is_empty() {
            return Err(invalid("qualitative gap", self.slug.as_str(), "has no description"));
        }
        if self.departments.is_empty() {
            return Err(invalid("qualitative gap", self.slug.as_str(), "names no department"));
        }
        Ok(())
    }
}
