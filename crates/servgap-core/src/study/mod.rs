//! The gap study (`gap-study.md`): one organisation's units, departments, waves and
//! registers, and every gap measured from them.
//!
//! ```text
//!                         Study (slug, name)
//!      ┌──────────┬───────────┼────────────┬─────────────┬──────────────────┐
//!    Unit     Department     Wave       Standard       Promise       QualitativeGap
//!   (slug)      (slug)   (slug, dates) (target, KPI/  (text, KPI +    (note/<slug>,
//!      │           │           │        items, owner)  threshold)      judged)
//!      │           └──── owns ─┼──────────┴──────────────┴──────────────────┘
//!      │                       │
//!      └──────────── Gap { id: GapId, kind, wave, unit, departments,
//!                          current, desired, difference, size ∈ [0,1], n, interval, evidence }
//! ```
//!
//! Objects are validated when built ([`StandardSpec::build`], [`PromiseSpec::build`],
//! [`Wave::new`], [`Slug::new`]); [`Study::new`] checks uniqueness and the references
//! between them. Checks that need an instrument (a standard naming an unknown item) are in
//! [`Study::check_survey_refs`]. Nothing here reads a file.
//!
//! The measures, from values (a pipeline reads the files and calls them per wave and unit,
//! each with a [`GapContext`] naming wave, unit, default departments and sources):
//!
//! | gap | function | input |
//! |---|---|---|
//! | 5 | [`survey_gaps::customer_gaps`] | the customers' `SurveyAnalysis` |
//! | 1 | [`survey_gaps::knowledge`] then [`survey_gaps::Knowledge::gaps`] | managers' and customers' analyses |
//! | 2 | [`register_gaps::important_items`], [`register_gaps::coverage_gaps`], [`register_gaps::alignment_gap`] / [`register_gaps::alignment_gap_from`] | customers' analysis, standards |
//! | 3 | [`threshold::attainment_counts`] then [`register_gaps::delivery_gap`]; [`register_gaps::delivery_gap_survey`]; [`survey_gaps::scale_gap`] | `KpiParts`, standards, employees' scale summaries |
//! | 4 | [`threshold::attainment_counts`], [`register_gaps::raised_expectation`], then [`register_gaps::promise_gap`]; [`survey_gaps::scale_gap`] | `KpiParts`, the delivered `DurationSummary`, promises |
//! | KPI | [`kpi_gaps::kpi_gaps`] | targets and `kpi::evaluate` rows |
//! | note | [`kpi_gaps::qualitative_gap`] | the study's qualitative gaps |
//! | factors | [`factors::factor_association`] | factor scores and gap sizes per unit |
//!
//! [`register::Register::new`] collects every gap of a wave and categorises it.
//!
//! Every measured gap carries its [`Sampling`] (the summary behind its value); with it,
//! [`progress::assess`] judges an action plan's metrics on later waves against their
//! baseline (change and share closed with intervals, Holm-controlled verdicts, trends).

mod context;
pub mod factors;
mod gap;
mod gap_id;
pub mod kpi_gaps;
pub mod kpi_sampling;
mod objects;
pub mod plan;
pub mod priority;
pub mod progress;
pub mod ranks;
pub mod register;
pub mod register_gaps;
mod sampling;
mod slug;
pub mod survey_gaps;
pub mod threshold;
pub use context::{battery_summary, find_battery, GapContext};
pub use gap::{Evidence, Gap, GapDirection, GapUnit, Judged, Source, SourceKind};
pub use gap_id::{escape, measure_path, parse_measure_path, GapId, GapKind, KpiSubject};
pub use objects::{
    Department, KpiRef, Level, Promise, PromiseSpec, QualitativeGap, Standard, StandardSpec, SurveyRef, Unit,
    Wave,
};
pub use sampling::{QuantileSample, SampledValue, Sampling};
pub use slug::{Slug, MAX_SLUG_LEN};

use std::collections::BTreeSet;

use crate::instrument::Instrument;
use crate::CoreError;

/// A study as its parts are given; [`Study::new`] validates the whole.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StudySpec {
    /// Identity.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Units; empty means one implicit unit `all`.
    pub units: Vec<Unit>,
    /// Departments.
    pub departments: Vec<Department>,
    /// Waves, in time order.
    pub waves: Vec<Wave>,
    /// Register of standards.
    pub standards: Vec<Standard>,
    /// Register of promises.
    pub promises: Vec<Promise>,
    /// Qualitative gaps.
    pub notes: Vec<QualitativeGap>,
}

/// A validated study.
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    slug: Slug,
    spec: StudySpec,
}

fn duplicate(object: &'static str, id: &str) -> CoreError {
    CoreError::StudyObject { object, id: id.to_owned(), rule: "is defined twice".into() }
}

fn unique<'a>(object: &'static str, slugs: impl Iterator<Item = &'a Slug>) -> Result<(), CoreError> {
    let mut seen = BTreeSet::new();
    for s in slugs {
        if !seen.insert(s) {
            return Err(duplicate(object, s.as_str()));
        }
    }
    Ok(())
}

impl Study {
    /// Validates the study: slug, unique slugs of each kind, at least one wave, every
    /// department a standard, promise or note names is defined, and notes are complete.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] naming the object and the broken rule.
    pub fn new(mut spec: StudySpec) -> Result<Study, CoreError> {
        let slug = Slug::new("study", &spec.slug)?;
        if spec.units.is_empty() {
            spec.units.push(Unit::implicit());
        }
        unique("unit", spec.units.iter().map(|u| &u.slug))?;
        unique("department", spec.departments.iter().map(|d| &d.slug))?;
        unique("wave", spec.waves.iter().map(|w| w.slug()))?;
        unique("standard", spec.standards.iter().map(|s| s.slug()))?;
        unique("promise", spec.promises.iter().map(|p| p.slug()))?;
        unique("qualitative gap", spec.notes.iter().map(|n| &n.slug))?;
        if spec.waves.is_empty() {
            return Err(CoreError::StudyObject {
                object: "study",
                id: spec.slug.clone(),
                rule: "has no wave".into(),
            });
        }
        let known: BTreeSet<&Slug> = spec.departments.iter().map(|d| &d.slug).collect();
        let check = |object: &'static str, id: &Slug, dept: &Slug| {
            if known.contains(dept) {
                Ok(())
            } else {
                Err(CoreError::StudyObject {
                    object,
                    id: id.to_string(),
                    rule: format!("names department `{dept}`, which the study does not define"),
                })
            }
        };
        for s in &spec.standards {
            check("standard", s.slug(), s.owner())?;
        }
        for p in &spec.promises {
            p.departments().iter().try_for_each(|d| check("promise", p.slug(), d))?;
        }
        for n in &spec.notes {
            n.validate()?;
            n.departments.iter().try_for_each(|d| check("qualitative gap", &n.slug, d))?;
        }
        Ok(Study { slug, spec })
    }

    /// Identity.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }

    /// Display name.
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// Units (at least one: the implicit `all` when none were given).
    pub fn units(&self) -> &[Unit] {
        &self.spec.units
    }

    /// Departments.
    pub fn departments(&self) -> &[Department] {
        &self.spec.departments
    }

    /// Waves, in the order given.
    pub fn waves(&self) -> &[Wave] {
        &self.spec.waves
    }

    /// Standards.
    pub fn standards(&self) -> &[Standard] {
        &self.spec.standards
    }

    /// Promises.
    pub fn promises(&self) -> &[Promise] {
        &self.spec.promises
    }

    /// Qualitative gaps.
    pub fn notes(&self) -> &[QualitativeGap] {
        &self.spec.notes
    }

    /// Checks that every item and dimension a standard or promise names exists in the
    /// customer instrument.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] naming the standard or promise and the unknown id.
    pub fn check_survey_refs(&self, instrument: &Instrument) -> Result<(), CoreError> {
        let refs = self
            .standards()
            .iter()
            .map(|s| ("standard", s.slug(), s.survey()))
            .chain(self.promises().iter().map(|p| ("promise", p.slug(), p.items())));
        for (object, slug, survey) in refs {
            for r in survey {
                if !survey_ref_exists(instrument, r) {
                    let what = match r {
                        SurveyRef::Item(_) => "item",
                        SurveyRef::Dimension(_) => "dimension",
                    };
                    return Err(CoreError::StudyObject {
                        object,
                        id: slug.to_string(),
                        rule: format!(
                            "names {what} `{}`, which instrument `{}` does not have",
                            r.id(),
                            instrument.id()
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}

/// True when the instrument has the item or dimension.
pub fn survey_ref_exists(instrument: &Instrument, r: &SurveyRef) -> bool {
    match r {
        SurveyRef::Item(id) => instrument.items().iter().any(|i| i.id == *id),
        SurveyRef::Dimension(id) => instrument.dimensions().iter().any(|d| d.id == *id),
    }
}

#[cfg(test)]
mod measure_tests;
#[cfg(test)]
mod tests;
