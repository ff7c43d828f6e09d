//! `servgap analyze`: file → partial aggregates → analysis → report.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{AnalysisOptions, Coverage, Crosshair, Rule, SegmentComparison};
use servgap_core::stats::wilcoxon::{WilcoxonMethod, WilcoxonOptions, ZeroMethod};
use servgap_ingest::{
    describe_finding, plan, scan, ColumnPlan, IngestError, Mapping, ReaderUsed, Scan, ScanOptions, Source,
};
use servgap_report::{
    render_json, render_markdown, render_segments_markdown, render_segments_text, render_text,
    AnalysisReport, FindingExample, InputSummary, Lang, RuleFindings, SegmentsView,
};

use crate::args::{AnalyzeArgs, CrosshairArg, OutputFormat, ReadArgs, WilcoxonMode, ZeroHandling};
use crate::instrument::resolve;
use crate::output::write_output;
use crate::InvalidData;

/// Files larger than this get a progress bar (when standard error is a terminal).
const PROGRESS_THRESHOLD: u64 = 16 << 20;

/// The instrument, source and column plan for a file, as `analyze` and `inspect` need them.
pub struct Prepared {
    /// The instrument.
    pub instrument: Instrument,
    /// The mapping file, if given.
    pub mapping: Option<Mapping>,
    /// The file with its reading options.
    pub source: Source,
}

/// Resolves the instrument and mapping and applies explicit reading options.
pub fn prepare(file: &Path, read: &ReadArgs) -> anyhow::Result<Prepared> {
    let instrument = resolve(&read.instrument)?;
    let mapping = read.mapping.as_deref().map(Mapping::load).transpose()?;
    let mut source = Source::new(file);
    if let Some(encoding) = &read.encoding {
        source.options.encoding = Some(encoding.clone());
    }
    if let Some(delimiter) = &read.delimiter {
        source.options.delimiter = Some(servgap_ingest::parse_delimiter(delimiter)?);
    }
    if let Some(sheet) = &read.sheet {
        source.options.sheet = Some(sheet.clone());
    }
    if let Some(mapping) = &mapping {
        source = source.with_mapping(mapping);
    }
    Ok(Prepared { instrument, mapping, source })
}

/// Converts command-line choices into analysis options.
pub fn analysis_options(args: &AnalyzeArgs) -> anyhow::Result<AnalysisOptions> {
    if !(args.confidence > 0.5 && args.confidence < 1.0) {
        anyhow::bail!("--confidence must lie between 0.5 and 1 (exclusive), got {}", args.confidence);
    }
    Ok(AnalysisOptions {
        confidence: args.confidence,
        wilcoxon: WilcoxonOptions {
            zero_method: match args.wilcoxon_zeros {
                ZeroHandling::Wilcox => ZeroMethod::Wilcox,
                ZeroHandling::Pratt => ZeroMethod::Pratt,
            },
            continuity: !args.no_continuity,
            method: match args.wilcoxon_method {
                WilcoxonMode::Auto => WilcoxonMethod::Auto,
                WilcoxonMode::Exact => WilcoxonMethod::Exact,
                WilcoxonMode::Normal => WilcoxonMethod::Normal,
            },
        },
        crosshair: match args.ipa_crosshair {
            CrosshairArg::DataMean => Crosshair::DataMean,
            CrosshairArg::ScaleMidpoint => Crosshair::ScaleMidpoint,
        },
    })
}

/// The coverage rule from a share such as 0.5, as an exact fraction over 1000.
pub fn coverage(share: f64) -> anyhow::Result<Coverage> {
    let thousandths = (share * 1000.0).round();
    if !(1.0..=1000.0).contains(&thousandths) {
        anyhow::bail!("--coverage must lie in (0, 1], got {share}");
    }
    // In range 1..=1000 by the check above.
    Coverage::new(thousandths as u32, 1000).context("--coverage must lie in (0, 1]")
}

fn progress_bar(path: &Path, quiet: bool) -> Option<ProgressBar> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if quiet || size < PROGRESS_THRESHOLD || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(size);
    let style =
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("reading");
    Some(bar)
}

fn reader_summary(scan: &Scan) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(d) = &scan.dialect {
        out.push(("encoding".to_owned(), d.encoding.name().to_owned()));
        let delimiter = match d.delimiter {
            b'\t' => "tab".to_owned(),
            c => (c as char).to_string(),
        };
        out.push(("delimiter".to_owned(), delimiter));
        out.push(("decimal separator".to_owned(), d.decimal.as_char().to_string()));
        out.push(("header row".to_owned(), d.header_row.to_string()));
    }
    let reader = match scan.reader {
        ReaderUsed::Fast { threads } => format!("fast block reader, {threads} thread(s)"),
        ReaderUsed::General => "csv reader".to_owned(),
        ReaderUsed::Spreadsheet => "spreadsheet reader".to_owned(),
    };
    out.push(("reader".to_owned(), reader));
    out
}

/// The findings of a scan, with column names, for the report.
pub fn findings_summary(scan: &Scan, plan: &ColumnPlan, instrument: &Instrument) -> Vec<RuleFindings> {
    Rule::ALL
        .iter()
        .filter(|rule| scan.findings.count(**rule) > 0)
        .map(|&rule| RuleFindings {
            rule: rule.id().to_owned(),
            requirement: rule.requirement().to_owned(),
            action: rule.default_action().to_owned(),
            count: scan.findings.count(rule),
            examples: scan
                .findings
                .samples(rule)
                .iter()
                .map(|f| {
                    let report = describe_finding(&scan.path, plan, instrument, f);
                    FindingExample { row: report.row, column: report.column, value: report.value }
                })
                .collect(),
        })
        .collect()
}

/// Runs `servgap analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<()> {
    let options = analysis_options(&args)?;
    let prepared = prepare(&args.file, &args.read)?;
    let instrument = &prepared.instrument;
    let mut plan = plan(&prepared.source, instrument, prepared.mapping.as_ref())?;
    if let Some(column) = &args.by {
        plan = plan.with_segment_column(column, &args.file)?;
    }
    let scan_options = ScanOptions {
        strict: args.strict,
        coverage: coverage(args.coverage)?,
        sample_limit: args.examples,
        ..ScanOptions::default()
    };
    let bar = progress_bar(&args.file, args.quiet);
    let progress = |done: u64, _total: u64| {
        if let Some(bar) = &bar {
            bar.set_position(done);
        }
    };
    let scanned = match scan(&prepared.source, instrument, &plan, &scan_options, &progress) {
        Ok(s) => s,
        Err(error @ IngestError::Rejected { .. }) => {
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            return Err(InvalidData(format!(
                "{error}; nothing was written (run without --strict to apply the missing-data policy)"
            ))
            .into());
        }
        Err(error) => return Err(error.into()),
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let analysis = scanned.total.finish(&options);
    let input = InputSummary {
        file: crate::output::display_name(&args.file),
        path: None,
        reader: reader_summary(&scanned),
        rows: scanned.rows,
        findings: findings_summary(&scanned, &plan, instrument),
        strict: args.strict,
    };
    let lang = Lang::from_code(&args.lang).unwrap_or(Lang::En);
    let mut report = AnalysisReport::new(instrument, &analysis, input);
    if let (Some(_), Some(column)) = (&args.by, plan.segment_column()) {
        let segments = SegmentComparison::new(&scanned.segments, &options)?;
        report = report.with_segments(SegmentsView::new(instrument, &segments, column.trim()));
    }
    let segments = report.segments.as_ref();
    let text = match args.format {
        OutputFormat::Text => {
            render_text(&report, lang) + &segments.map(|s| render_segments_text(s, lang)).unwrap_or_default()
        }
        OutputFormat::Markdown => {
            render_markdown(&report, lang)
                + &segments.map(|s| render_segments_markdown(s, lang)).unwrap_or_default()
        }
        OutputFormat::Json => render_json(&report).context("cannot serialise the report")?,
        OutputFormat::Html => servgap_report::render_html(&report, lang),
        OutputFormat::Pdf => {
            return crate::pdf::write_pdf(&servgap_report::render_html(&report, lang), args.output.as_deref())
        }
    };
    write_output(args.output.as_deref(), &text)
}
