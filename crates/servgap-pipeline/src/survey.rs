//! Reading a survey file: instrument, mapping and reading options → column plan → scan,
//! and the input summary a report shows. Shared by `analyze`, `compare` and `inspect`.

use servgap_core::instrument::Instrument;
use servgap_ingest::{plan, scan, ColumnPlan, Mapping, ReaderUsed, Scan, ScanOptions, Source};

use crate::instruments::resolve_instrument;
use crate::progress::{Progress, ReadProgress};
use crate::request::{SurveyRules, SurveySource};
use crate::PipelineError;

/// The instrument, mapping and source of a survey file, ready to plan and scan.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The instrument.
    pub instrument: Instrument,
    /// The mapping file, if one was given.
    pub mapping: Option<Mapping>,
    /// The file with its reading options (explicit ones first, then the mapping's).
    pub source: Source,
}

/// Resolves the instrument and mapping and applies explicit reading options.
pub(crate) fn prepare(request: &SurveySource) -> Result<Prepared, PipelineError> {
    let instrument = resolve_instrument(&request.instrument)?;
    let mapping = request.mapping.as_deref().map(Mapping::load).transpose()?;
    let mut source = Source::new(&request.file);
    source.limits = request.limits;
    source.options.encoding = request.encoding.as_ref().map(|e| e.as_str().to_owned());
    source.options.delimiter = request.delimiter.map(|d| d.byte());
    source.options.sheet.clone_from(&request.sheet);
    if let Some(mapping) = &mapping {
        source = source.with_mapping(mapping);
    }
    Ok(Prepared { instrument, mapping, source })
}

/// A scanned survey with the plan it was read by.
#[derive(Debug)]
pub(crate) struct ReadSurvey {
    /// The instrument.
    pub instrument: Instrument,
    /// Which column filled which slot.
    pub plan: ColumnPlan,
    /// Partials, findings and reader details.
    pub scan: Scan,
}

/// Plans and scans one survey file; `segment_by` names a segment column.
pub(crate) fn read_survey(
    request: &SurveySource,
    rules: &SurveyRules,
    segment_by: Option<&str>,
    file_index: usize,
    progress: Progress<'_>,
) -> Result<ReadSurvey, PipelineError> {
    let prepared = prepare(request)?;
    let mut plan = plan(&prepared.source, &prepared.instrument, prepared.mapping.as_ref())?;
    if let Some(column) = segment_by {
        plan = plan.with_segment_column(column, &request.file)?;
    }
    let options = ScanOptions {
        strict: rules.strict,
        coverage: rules.coverage,
        sample_limit: rules.examples.get(),
        ..ScanOptions::default()
    };
    let report = |done: u64, total: u64| progress(ReadProgress { file: file_index, done, total });
    let scan = scan(&prepared.source, &prepared.instrument, &plan, &options, &report)?;
    Ok(ReadSurvey { instrument: prepared.instrument, plan, scan })
}

impl ReadSurvey {
    /// How the file was read, as `(what, choice)` pairs for the methods section.
    pub fn reader_summary(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(d) = &self.scan.dialect {
            out.push(("encoding".to_owned(), d.encoding.name().to_owned()));
            let delimiter = match d.delimiter {
                b'\t' => "tab".to_owned(),
                c => char::from(c).to_string(),
            };
            out.push(("delimiter".to_owned(), delimiter));
            out.push(("decimal separator".to_owned(), d.decimal.as_char().to_string()));
            out.push(("header row".to_owned(), d.header_row.to_string()));
        }
        let reader = match self.scan.reader {
            ReaderUsed::Fast { threads } => format!("fast block reader, {threads} thread(s)"),
            ReaderUsed::General => "csv reader".to_owned(),
            ReaderUsed::Spreadsheet => "spreadsheet reader".to_owned(),
        };
        out.push(("reader".to_owned(), reader));
        out
    }
}
