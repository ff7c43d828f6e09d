//! `compare`: two or more waves → trend and change of every gap, with verdicts, and a
//! paired analysis of the respondents matched by id when waves are a panel → view model.

use std::collections::BTreeMap;

use servgap_core::instrument::Instrument;
use servgap_core::servqual::{
    wave_contrasts, AnalysisOptions, Design, PanelComparison, PanelPartials, Respondent, RespondentScores,
    SurveyPartials, WaveComparison,
};
use servgap_ingest::{for_each_identified_respondent, plan, ScanOptions};
use servgap_report::WaveInputView;

use crate::progress::Progress;
use crate::request::{CompareRequest, PathDisplay, SurveyRules, SurveySource};
use crate::survey::{prepare, read_survey, ReadSurvey};
use crate::views;
use crate::warning::Warning;
use crate::PipelineError;

/// The respondents of one pair of waves matched by id, and the design applied.
#[derive(Debug, Clone)]
pub struct PanelOutcome {
    /// Earlier wave (index into the request's waves).
    pub from: usize,
    /// Later wave.
    pub to: usize,
    /// Respondents with a distinct, non-blank id in each wave.
    pub ids: [u64; 2],
    /// Ids present in both waves.
    pub matched: u64,
    /// The design applied to the pair ([`Design::decide`]).
    pub design: Design,
    /// Whether the request forced the design.
    pub forced: bool,
    /// The paired analysis of the matched respondents (paired design only).
    pub comparison: Option<PanelComparison>,
}

/// The result of [`compare`]: core values, ready to become a view model in any language.
#[derive(Debug, Clone)]
pub struct ComparisonOutcome {
    /// The instrument every wave was scored with (the first wave's).
    pub instrument: Instrument,
    /// The trend and changes over the waves (independent samples).
    pub comparison: WaveComparison,
    /// Each wave's input, in the request's order.
    pub waves: Vec<WaveInputView>,
    /// Per contrast, the id matching when the waves have a respondent id column.
    pub panels: Vec<PanelOutcome>,
    /// Things to tell the user about this result.
    pub warnings: Vec<Warning>,
}

/// One read wave: partials, input, rejected rows and each identified respondent's scores.
struct Wave {
    instrument: Instrument,
    partials: SurveyPartials,
    input: WaveInputView,
    rejected: u64,
    /// `None` when the file has no respondent id column.
    ids: Option<BTreeMap<String, RespondentScores>>,
}

/// Reads every wave and compares every gap between them: Welch t per item, dimension
/// and overall score for consecutive waves and from the first, verdicts from
/// Holm-adjusted p (family-wise rate 1 − the request's confidence level). When the
/// files have a respondent id column, respondents are matched by id per contrast and a
/// panel ([`Design::decide`], or the request's forced design) is analysed as paired data.
///
/// # Errors
/// [`PipelineError::InvalidRequest`] with fewer than two waves;
/// [`PipelineError::InvalidData`] in strict mode when a file breaks a rule;
/// [`PipelineError::Core`] when the waves were scored with different instruments or
/// coverage rules; any other [`PipelineError`] when a file cannot be read.
pub fn compare(request: &CompareRequest, progress: Progress<'_>) -> Result<ComparisonOutcome, PipelineError> {
    if request.waves.len() < 2 {
        return Err(PipelineError::InvalidRequest {
            option: "number of waves",
            value: request.waves.len().to_string(),
            expected: "at least two survey files",
        });
    }
    let mut waves = Vec::with_capacity(request.waves.len());
    for (index, source) in request.waves.iter().enumerate() {
        waves.push(read_wave(source, &request.rules, request.path_display, index, progress)?);
    }
    let warnings = waves
        .iter()
        .filter_map(|w| Warning::rows_rejected(&w.input.file, w.rejected, w.input.rows))
        .collect();
    let options = AnalysisOptions { confidence: request.confidence.get(), ..AnalysisOptions::default() };
    let refs: Vec<&SurveyPartials> = waves.iter().map(|w| &w.partials).collect();
    let comparison = WaveComparison::series(&refs, &options)?;
    let panels = wave_contrasts(waves.len())
        .into_iter()
        .filter_map(|(from, to)| panel(&waves, from, to, request.design, &options))
        .collect();
    let mut waves = waves.into_iter();
    let Some(first) = waves.next() else {
        return Err(PipelineError::InvalidRequest {
            option: "number of waves",
            value: "0".to_owned(),
            expected: "at least two survey files",
        });
    };
    let mut inputs = vec![first.input];
    inputs.extend(waves.map(|w| w.input));
    Ok(ComparisonOutcome { instrument: first.instrument, comparison, waves: inputs, panels, warnings })
}

/// The id matching of waves `from` and `to`, and their paired analysis when they are a
/// panel; `None` when either file has no id column.
fn panel(
    waves: &[Wave],
    from: usize,
    to: usize,
    forced: Option<Design>,
    options: &AnalysisOptions,
) -> Option<PanelOutcome> {
    let (earlier, later) = (waves.get(from)?.ids.as_ref()?, waves.get(to)?.ids.as_ref()?);
    let matched: Vec<(&RespondentScores, &RespondentScores)> =
        earlier.iter().filter_map(|(id, a)| later.get(id).map(|b| (a, b))).collect();
    let ids = [earlier.len() as u64, later.len() as u64];
    let design = Design::decide(ids, matched.len() as u64, forced);
    let comparison = (design == Design::Paired).then(|| {
        let mut partials = PanelPartials::new(&waves[from].partials);
        for (a, b) in &matched {
            partials.add(a, b);
        }
        PanelComparison::new(&partials, options)
    });
    Some(PanelOutcome {
        from,
        to,
        ids,
        matched: matched.len() as u64,
        design,
        forced: forced.is_some(),
        comparison,
    })
}

/// One wave. With a respondent id column it is read respondent by respondent (one
/// thread), keeping the scores of identified respondents (the first row of a repeated
/// id wins; blank ids are not matched); without one, by the usual parallel scan.
fn read_wave(
    source: &SurveySource,
    rules: &SurveyRules,
    path_display: PathDisplay,
    index: usize,
    progress: Progress<'_>,
) -> Result<Wave, PipelineError> {
    let prepared = prepare(source)?;
    let plan = plan(&prepared.source, &prepared.instrument, prepared.mapping.as_ref())?;
    if plan.id_column().is_none() {
        let read = read_survey(source, rules, None, index, progress)?;
        return Ok(wave(source, path_display, read, None));
    }
    let options = ScanOptions {
        strict: rules.strict,
        coverage: rules.coverage,
        sample_limit: rules.examples.get(),
        ..ScanOptions::default()
    };
    let shape = SurveyPartials::new(&prepared.instrument, rules.coverage)?;
    let mut ids: BTreeMap<String, RespondentScores> = BTreeMap::new();
    let mut visit = |_row: u64, id: Option<&str>, respondent: &Respondent<'_>| {
        if let Some(id) = id.filter(|id| !id.is_empty()) {
            if !ids.contains_key(id) {
                ids.insert(id.to_owned(), RespondentScores::new(&shape, respondent));
            }
        }
    };
    let scan =
        for_each_identified_respondent(&prepared.source, &prepared.instrument, &plan, &options, &mut visit)?;
    let read = ReadSurvey { instrument: prepared.instrument, plan, scan };
    Ok(wave(source, path_display, read, Some(ids)))
}

fn wave(
    source: &SurveySource,
    path_display: PathDisplay,
    read: ReadSurvey,
    ids: Option<BTreeMap<String, RespondentScores>>,
) -> Wave {
    let input = views::wave_input(&source.file, path_display, &read);
    Wave { rejected: read.scan.rejected, partials: read.scan.total, instrument: read.instrument, input, ids }
}
