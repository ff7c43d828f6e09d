//! Panel (paired) progress of customer-survey metrics (issue 15 part 4, "paired when a
//! panel"): for an action whose metric is gap 5 of an item or dimension in one unit, the
//! baseline wave's and each later wave's customer files are read again respondent by
//! respondent (one thread, `servgap_ingest::for_each_labelled_respondent`), each
//! identified respondent of the metric's unit scored exactly as the wave's analysis scores
//! it (`RespondentScores`), and respondents matched by id within the unit:
//!
//! ```text
//! ids₀, ids₁ = distinct non-blank ids of the unit's respondents (the first row of a repeated id wins)
//! matched    = |ids₀ ∩ ids₁|
//! design     = paired when matched ≥ 2 and 2·matched ≥ min(|ids₀|, |ids₁|)   (servgap compare's rule,
//!              `Design::decide`); `--paired` / `--independent` force it
//! paired     → d = later − baseline of the gap's per-respondent value (P − E of the item, or the
//!              dimension score), folded exactly (`PanelPartials`) → `PairedChange` (n, mean,
//!              variance, histogram for the exact Wilcoxon)
//! ```
//!
//! Waves whose customer files use different instruments stay independent (the report names
//! both instruments); under `--paired` that is an error. Every other metric (KPI,
//! standards, promises, gap 1, employee scales) stays independent.
//! Memory: the scores of the identified respondents of the metrics' units (a stated
//! exception, as for `compare` of identified waves).

use std::collections::{BTreeMap, BTreeSet};

use servgap_core::servqual::{Design, PanelPartials, Respondent, RespondentScores, SurveyPartials};
use servgap_core::study::plan::Plan;
use servgap_core::study::progress::{panel::paired_change, PairedChange};
use servgap_core::study::{GapId, Slug};
use servgap_ingest::study_file::{StudyFolder, SurveyFile, UnitSource};
use servgap_ingest::{for_each_labelled_respondent, plan, RespondentLabels, ScanOptions};

use crate::diagnose::unit_of;
use crate::request::{PathDisplay, SurveyRules, SurveySource};
use crate::survey::prepare;
use crate::PipelineError;

/// How the customer-survey waves of a metric are compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PairingChoice {
    /// A panel when at least half of the smaller wave's identified respondents of the unit
    /// match (the rule of `servgap compare`), else independent samples.
    #[default]
    Auto,
    /// Always paired (`--paired`): an error when a wave's file has no id column or no id matches.
    Paired,
    /// Always independent samples (`--independent`), whatever the ids.
    Independent,
}

impl PairingChoice {
    /// The design it forces, `None` for [`PairingChoice::Auto`].
    pub fn forced(self) -> Option<Design> {
        match self {
            PairingChoice::Auto => None,
            PairingChoice::Paired => Some(Design::Paired),
            PairingChoice::Independent => Some(Design::Independent),
        }
    }
}

/// The id matching of one customer-survey metric between its baseline and one later wave.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricPairing {
    /// The action whose metric it is.
    pub action: Slug,
    /// The later wave.
    pub wave: Slug,
    /// Distinct non-blank ids of the unit's respondents: baseline, later wave.
    pub ids: [u64; 2],
    /// Ids in both.
    pub matched: u64,
    /// The design applied.
    pub design: Design,
    /// Whether the request forced it.
    pub forced: bool,
    /// The matched respondents' paired change (paired design, and at least one respondent
    /// with the score in both waves).
    pub paired: Option<PairedChange>,
    /// The baseline's and the later wave's instrument ids when the two customer files use
    /// different instruments: the waves are then independent samples whatever the ids
    /// (an error under `--paired`).
    pub different_instruments: Option<[String; 2]>,
}

/// What [`match_panels`] reads with.
pub(crate) struct PanelReading<'a> {
    pub folder: &'a StudyFolder,
    /// Slugs of the waves diagnosed, in study order.
    pub waves: Vec<String>,
    pub rules: &'a SurveyRules,
    pub path_display: PathDisplay,
    pub choice: PairingChoice,
}

/// One wave's identified respondents of the wanted units, scored.
struct WaveIds {
    has_ids: bool,
    shape: SurveyPartials,
    /// Per study unit: id → scores.
    by_unit: BTreeMap<usize, BTreeMap<String, RespondentScores>>,
}

/// One metric: the action, its gap and unit index, its baseline wave slug.
struct CustomerMetric<'p> {
    action: &'p Slug,
    gap: &'p GapId,
    unit: usize,
    unit_slug: &'p Slug,
    baseline: &'p str,
}

fn customer_metrics<'p>(folder: &StudyFolder, plan: &'p Plan) -> Vec<CustomerMetric<'p>> {
    plan.actions()
        .iter()
        .filter_map(|a| {
            let m = a.metric()?;
            if !matches!(m.gap, GapId::Customer(_)) {
                return None;
            }
            let unit = folder.study.units().iter().position(|u| u.slug == m.unit)?;
            Some(CustomerMetric {
                action: a.slug(),
                gap: &m.gap,
                unit,
                unit_slug: &m.unit,
                baseline: m.baseline_wave.as_str(),
            })
        })
        .collect()
}

/// The id matching of every customer-survey metric of `plan` on every later wave read.
///
/// # Errors
/// [`PipelineError::NoPanel`] with `--paired` when a wave's customer file has no id column,
/// no id of the unit is in both waves, or the two files use different instruments; any
/// error of reading a customer file.
pub(crate) fn match_panels(
    reading: &PanelReading<'_>,
    plan: &Plan,
) -> Result<Vec<MetricPairing>, PipelineError> {
    let metrics = customer_metrics(reading.folder, plan);
    let units: BTreeSet<usize> = metrics.iter().map(|m| m.unit).collect();
    let mut cache: BTreeMap<String, Option<WaveIds>> = BTreeMap::new();
    let mut out = Vec::new();
    for metric in &metrics {
        let later: Vec<&String> =
            reading.waves.iter().skip_while(|w| w.as_str() != metric.baseline).skip(1).collect();
        if later.is_empty() {
            continue;
        }
        for wave in std::iter::once(&metric.baseline.to_owned()).chain(later.iter().copied()) {
            if !cache.contains_key(wave) {
                let ids = read_wave_ids(reading, wave, &units)?;
                cache.insert(wave.clone(), ids);
            }
        }
        for wave in later {
            let (Some(Some(base)), Some(Some(next))) = (cache.get(metric.baseline), cache.get(wave)) else {
                continue;
            };
            out.extend(pair(reading, metric, wave, [base, next])?);
        }
    }
    Ok(out)
}

fn customer_file<'f>(folder: &'f StudyFolder, wave: &str) -> Option<&'f SurveyFile> {
    let index = folder.study.waves().iter().position(|w| w.slug().as_str() == wave)?;
    folder.waves.get(index)?.customer.as_ref()
}

fn no_panel(
    reading: &PanelReading<'_>,
    metric: &CustomerMetric<'_>,
    wave: &str,
    file_wave: &str,
    reason: String,
) -> PipelineError {
    PipelineError::NoPanel(Box::new(crate::error::NoPanel {
        action: metric.action.to_string(),
        unit: metric.unit_slug.to_string(),
        baseline: metric.baseline.to_owned(),
        wave: wave.to_owned(),
        file: file_label(reading, file_wave),
        reason,
    }))
}

/// A wave's customer file as the report names files (empty when the wave has none).
fn file_label(reading: &PanelReading<'_>, wave: &str) -> String {
    customer_file(reading.folder, wave).map_or_else(String::new, |f| reading.path_display.label(&f.file))
}

/// The rule `--paired` breaks when the later wave's file uses another instrument than the
/// baseline's: "it uses instrument `servperf22` but the baseline's customers.csv uses
/// `servqual22`; a panel needs the same instrument in both waves".
fn instrument_rule(
    reading: &PanelReading<'_>,
    metric: &CustomerMetric<'_>,
    [base, next]: &[String; 2],
) -> String {
    format!(
        "it uses instrument `{next}` but the baseline's {} uses `{base}`; a panel needs the same instrument in both waves",
        file_label(reading, metric.baseline)
    )
}

/// The matching of one metric on one later wave; `None` when a file has no id column
/// (independent samples, nothing to report) unless `--paired` asks for a panel. Files with
/// different instruments are independent samples, with both instruments named (an error
/// under `--paired`): a respondent's scores on two instruments are not one variable.
fn pair(
    reading: &PanelReading<'_>,
    metric: &CustomerMetric<'_>,
    wave: &str,
    [base, next]: [&WaveIds; 2],
) -> Result<Option<MetricPairing>, PipelineError> {
    const NO_IDS: &str = "the file has no respondent id column";
    const NO_MATCH: &str = "no respondent id of the unit is in both waves";
    let forced = reading.choice.forced();
    for (w, ids) in [(metric.baseline, base), (wave, next)] {
        if !ids.has_ids {
            return match forced {
                Some(Design::Paired) => Err(no_panel(reading, metric, wave, w, NO_IDS.to_owned())),
                _ => Ok(None),
            };
        }
    }
    let different_instruments = (base.shape.instrument() != next.shape.instrument())
        .then(|| [base.shape.instrument().id().to_owned(), next.shape.instrument().id().to_owned()]);
    if let (Some(instruments), Some(Design::Paired)) = (&different_instruments, forced) {
        return Err(no_panel(reading, metric, wave, wave, instrument_rule(reading, metric, instruments)));
    }
    let empty = BTreeMap::new();
    let earlier = base.by_unit.get(&metric.unit).unwrap_or(&empty);
    let later = next.by_unit.get(&metric.unit).unwrap_or(&empty);
    let matched: Vec<(&RespondentScores, &RespondentScores)> =
        earlier.iter().filter_map(|(id, a)| later.get(id).map(|b| (a, b))).collect();
    if forced == Some(Design::Paired) && matched.is_empty() {
        return Err(no_panel(reading, metric, wave, wave, NO_MATCH.to_owned()));
    }
    let ids = [earlier.len() as u64, later.len() as u64];
    let design = match different_instruments {
        Some(_) => Design::Independent,
        None => Design::decide(ids, matched.len() as u64, forced),
    };
    let paired = (design == Design::Paired)
        .then(|| {
            let mut panel = PanelPartials::new(&base.shape);
            for (a, b) in &matched {
                panel.add(a, b);
            }
            paired_change(&panel, &base.shape, metric.gap)
        })
        .flatten();
    Ok(Some(MetricPairing {
        action: metric.action.clone(),
        wave: Slug::new("wave", wave)?,
        ids,
        matched: matched.len() as u64,
        design,
        forced: forced.is_some(),
        paired,
        different_instruments,
    }))
}

/// Reads a wave's customer file respondent by respondent, keeping the scores of the
/// identified respondents of `units`; `None` when the wave has no customer file.
fn read_wave_ids(
    reading: &PanelReading<'_>,
    wave: &str,
    units: &BTreeSet<usize>,
) -> Result<Option<WaveIds>, PipelineError> {
    let Some(file) = customer_file(reading.folder, wave) else { return Ok(None) };
    let mut source = SurveySource::new(&file.file);
    source.instrument.clone_from(&file.instrument);
    source.mapping.clone_from(&file.mapping);
    let prepared = prepare(&source)?;
    let mut column_plan = plan(&prepared.source, &prepared.instrument, prepared.mapping.as_ref())?;
    if let UnitSource::Column(column) = &file.unit {
        column_plan = column_plan.with_segment_column(column, &file.file)?;
    }
    let shape = SurveyPartials::new(&prepared.instrument, reading.rules.coverage)?;
    let mut by_unit: BTreeMap<usize, BTreeMap<String, RespondentScores>> = BTreeMap::new();
    if column_plan.id_column().is_none() {
        return Ok(Some(WaveIds { has_ids: false, shape, by_unit }));
    }
    let options = ScanOptions {
        strict: reading.rules.strict,
        coverage: reading.rules.coverage,
        sample_limit: reading.rules.examples.get(),
        ..ScanOptions::default()
    };
    let folder = reading.folder;
    let mut visit = |_row: u64, labels: RespondentLabels<'_>, respondent: &Respondent<'_>| {
        let unit = match &file.unit {
            UnitSource::Implicit => Some(0),
            UnitSource::Whole(slug) => unit_of(folder, slug),
            UnitSource::Column(_) => labels.segment.and_then(|v| unit_of(folder, v)),
        };
        let (Some(unit), Some(id)) =
            (unit.filter(|u| units.contains(u)), labels.id.filter(|id| !id.is_empty()))
        else {
            return;
        };
        let scores = by_unit.entry(unit).or_default();
        if !scores.contains_key(id) {
            scores.insert(id.to_owned(), RespondentScores::new(&shape, respondent));
        }
    };
    for_each_labelled_respondent(&prepared.source, &prepared.instrument, &column_plan, &options, &mut visit)?;
    Ok(Some(WaveIds { has_ids: true, shape, by_unit }))
}
