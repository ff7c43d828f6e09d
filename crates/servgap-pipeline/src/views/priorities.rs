//! The priorities view model of a [`crate::PrioritiesOutcome`] (schema `servgap.priorities/1`).

use servgap_core::study::priority::{PriorityFilter, PriorityInput, Ranking, Stability, StabilitySettings};
use servgap_report::model::priorities::{FiltersView, PrioritiesSource};
use servgap_report::PrioritiesReport;

use crate::DiagnosisOutcome;

impl crate::PrioritiesOutcome {
    /// The language-free view model of the ranking; with `top`, only the ranks up to k
    /// (ties at the edge kept). Render it with `servgap-report`. `None` only when the
    /// ranked wave is not in the study (never for an outcome of [`crate::prioritise()`]).
    pub fn report(&self, top: Option<usize>) -> Option<PrioritiesReport> {
        let study = &self.diagnosis.folder.study;
        let wave = study.waves().iter().find(|w| w.slug().as_str() == self.wave)?;
        let instrument = self
            .diagnosis
            .waves
            .iter()
            .find(|w| w.wave == self.wave)
            .and_then(|w| w.customer.as_ref())
            .map(|c| &c.outcome.instrument);
        let source = PrioritiesSource {
            study,
            wave,
            ranking: &self.ranking,
            stability: Some(&self.stability),
            inputs: &self.inputs,
            instrument,
        };
        let filters = FiltersView {
            unit: self.filter.unit.as_ref().map(ToString::to_string),
            department: self.filter.department.as_ref().map(ToString::to_string),
            top,
        };
        Some(PrioritiesReport::new(source, filters, env!("CARGO_PKG_VERSION")))
    }
}

/// The priorities section of the diagnosis of wave `index`: its register (already limited
/// to the units and department asked for) ranked with the study's `[priorities]` settings,
/// the first k ranks shown (k = the study's `priorities.top_k`). The trend needs the earlier
/// waves in the outcome: a diagnosis of one wave (`--wave`) ranks without it.
pub(crate) fn diagnosis_priorities(outcome: &DiagnosisOutcome, index: usize) -> Option<PrioritiesReport> {
    let study = &outcome.folder.study;
    let data = outcome.waves.get(index)?;
    let wave = study.waves().iter().find(|w| w.slug().as_str() == data.wave)?;
    let register = &outcome.diagnoses.get(index)?.register;
    let inputs: Vec<PriorityInput> =
        register.entries.iter().map(|e| crate::prioritise::input(outcome, index, &e.gap)).collect();
    let settings = &outcome.folder.priorities;
    let ranking = Ranking::new(&inputs, settings.weights, &PriorityFilter::default(), wave.end());
    let customer = data.customer.as_ref();
    let level = customer.map_or(settings.stability.interval_level, |c| c.outcome.analysis.options.confidence);
    let stability =
        Stability::new(&ranking, StabilitySettings { interval_level: level, ..settings.stability }).ok();
    let source = PrioritiesSource {
        study,
        wave,
        ranking: &ranking,
        stability: stability.as_ref(),
        inputs: &inputs,
        instrument: customer.map(|c| &c.outcome.instrument),
    };
    let filters =
        FiltersView { unit: outcome.unit.clone(), department: None, top: Some(settings.stability.top_k) };
    Some(PrioritiesReport::new(source, filters, env!("CARGO_PKG_VERSION")))
}
