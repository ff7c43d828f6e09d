//! Typed requests: what a front end asks a pipeline for.
//!
//! Every field holds a value that was validated when it was built (a
//! [`ConfidenceLevel`], a [`Coverage`], an [`ExampleLimit`], a [`Delimiter`], ...), so a
//! request cannot carry an out-of-range option and no pipeline checks one again. Each
//! request has a `new` with the defaults the command line documents; front ends set the
//! public fields they expose. The language of the report is not part of a request: the
//! same result can be rendered in any language.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use servgap_core::kpi::{Dimension, DurationKpi, Period, Profile, DEFAULT_MAX_SEGMENTS};
use servgap_core::options::{ConfidenceLevel, ExampleLimit};
use servgap_core::servqual::{AnalysisOptions, Coverage, Crosshair, Design};
use servgap_core::stats::wilcoxon::WilcoxonOptions;
use servgap_ingest::Limits;

use crate::PipelineError;

/// How a report names its input files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PathDisplay {
    /// The file name only (`survey.csv`): a client's folder names stay out of a client report.
    #[default]
    FileName,
    /// The path exactly as the user gave it.
    AsGiven,
}

impl PathDisplay {
    /// `path` as a report shows it.
    pub fn label(self, path: &Path) -> String {
        match (self, path.file_name()) {
            (PathDisplay::FileName, Some(name)) => name.to_string_lossy().into_owned(),
            _ => path.display().to_string(),
        }
    }

    /// The full path a report adds beside the file name, when asked for.
    pub fn full_path(self, path: &Path) -> Option<String> {
        match self {
            PathDisplay::FileName => None,
            PathDisplay::AsGiven => Some(path.display().to_string()),
        }
    }
}

/// A CSV field delimiter: one ASCII character (`tab` for a tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter(u8);

impl Delimiter {
    /// The delimiter byte.
    pub fn byte(self) -> u8 {
        self.0
    }
}

impl FromStr for Delimiter {
    type Err = PipelineError;

    /// `,`, `;`, `|`, `tab` (or `\t`), or any other single ASCII character.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        servgap_ingest::parse_delimiter(text).map(Delimiter).map_err(|_| PipelineError::InvalidRequest {
            option: "delimiter",
            value: text.to_owned(),
            expected: "one ASCII character such as `,`, `;`, `|`, or `tab`",
        })
    }
}

/// A text-encoding label that names a known encoding (`utf-8`, `windows-1250`, `cp949`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingLabel(String);

impl EncodingLabel {
    /// The label as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for EncodingLabel {
    type Err = PipelineError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        servgap_ingest::encoding_for_label(text).map(|_| EncodingLabel(text.to_owned())).map_err(|_| {
            PipelineError::InvalidRequest {
                option: "encoding",
                value: text.to_owned(),
                expected: "an encoding label such as utf-8, utf-16le, windows-1250, cp949 or euc-kr",
            }
        })
    }
}

/// An instant given as an RFC 3339 timestamp, e.g. `2026-03-31T23:59:59Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant(jiff::Timestamp);

impl Instant {
    /// The timestamp.
    pub fn timestamp(self) -> jiff::Timestamp {
        self.0
    }
}

impl FromStr for Instant {
    type Err = PipelineError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.trim().parse().map(Instant).map_err(|_| PipelineError::InvalidRequest {
            option: "timestamp",
            value: text.to_owned(),
            expected: "a timestamp with an offset, like 2026-03-31T23:59:59Z",
        })
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An IANA time-zone name known to the bundled zone database, e.g. `Europe/Warsaw`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneName(String);

impl ZoneName {
    /// The name as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ZoneName {
    type Err = PipelineError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let name = text.trim();
        jiff::tz::TimeZone::get(name).map(|_| ZoneName(name.to_owned())).map_err(|_| {
            PipelineError::InvalidRequest {
                option: "time zone",
                value: text.to_owned(),
                expected: "an IANA name such as Europe/Warsaw or UTC",
            }
        })
    }
}

/// A survey file and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveySource {
    /// The data file (CSV or XLSX).
    pub file: PathBuf,
    /// A built-in instrument id (`servqual22`, ...) or the path of a TOML instrument file.
    pub instrument: String,
    /// A mapping file naming the columns.
    pub mapping: Option<PathBuf>,
    /// Text encoding; detected when `None`.
    pub encoding: Option<EncodingLabel>,
    /// Field delimiter; detected when `None`.
    pub delimiter: Option<Delimiter>,
    /// Worksheet of an XLSX file; the first when `None`.
    pub sheet: Option<String>,
    /// Row, cell and workbook size limits (`docs/limits.md`).
    pub limits: Limits,
}

impl SurveySource {
    /// `file` read with the SERVQUAL-22 instrument and everything detected.
    pub fn new(file: impl Into<PathBuf>) -> Self {
        SurveySource {
            file: file.into(),
            instrument: "servqual22".to_owned(),
            mapping: None,
            encoding: None,
            delimiter: None,
            sheet: None,
            limits: Limits::default(),
        }
    }

    /// The same reading options for another file (the second wave of a comparison).
    pub fn for_file(&self, file: impl Into<PathBuf>) -> Self {
        SurveySource { file: file.into(), ..self.clone() }
    }
}

/// How survey files are scored and checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyRules {
    /// Stop at the first broken validation rule ([`PipelineError::InvalidData`]).
    pub strict: bool,
    /// Share of a dimension's items a respondent must answer for a dimension score.
    pub coverage: Coverage,
    /// Examples kept per broken rule.
    pub examples: ExampleLimit,
}

impl Default for SurveyRules {
    /// Not strict, half of the items, twenty examples.
    fn default() -> Self {
        SurveyRules { strict: false, coverage: Coverage::HALF, examples: ExampleLimit::default() }
    }
}

/// The statistics of an analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatisticsOptions {
    /// Confidence level of every interval.
    pub confidence: ConfidenceLevel,
    /// Wilcoxon signed-rank settings.
    pub wilcoxon: WilcoxonOptions,
    /// IPA performance crosshair.
    pub crosshair: Crosshair,
}

impl Default for StatisticsOptions {
    /// The core defaults: 95 %, Wilcoxon zeros dropped with continuity correction, data-centred IPA.
    fn default() -> Self {
        let core = AnalysisOptions::default();
        StatisticsOptions {
            confidence: ConfidenceLevel::default(),
            wilcoxon: core.wilcoxon,
            crosshair: core.crosshair,
        }
    }
}

impl StatisticsOptions {
    /// The core's options.
    pub fn to_core(self) -> AnalysisOptions {
        AnalysisOptions {
            confidence: self.confidence.get(),
            wilcoxon: self.wilcoxon,
            crosshair: self.crosshair,
        }
    }
}

/// `analyze`: one survey, optionally per segment.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzeRequest {
    /// The survey file.
    pub source: SurveySource,
    /// Scoring and validation.
    pub rules: SurveyRules,
    /// Statistics.
    pub statistics: StatisticsOptions,
    /// A column whose values split the respondents into segments (`--by`).
    pub segment_by: Option<String>,
    /// How the report names the file.
    pub path_display: PathDisplay,
}

impl AnalyzeRequest {
    /// `source` with the default rules and statistics, no segments, file name only.
    pub fn new(source: SurveySource) -> Self {
        AnalyzeRequest {
            source,
            rules: SurveyRules::default(),
            statistics: StatisticsOptions::default(),
            segment_by: None,
            path_display: PathDisplay::default(),
        }
    }
}

/// `compare`: two or more waves of the same survey, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRequest {
    /// The waves, earliest first (same instrument and layout); at least two.
    pub waves: Vec<SurveySource>,
    /// Scoring and validation of every wave.
    pub rules: SurveyRules,
    /// Confidence level of the intervals; the verdicts' family-wise error rate is 1 − it.
    pub confidence: ConfidenceLevel,
    /// Forces the design of waves with respondent ids (`--paired`, `--independent`);
    /// `None` applies the panel rule ([`Design::decide`]).
    pub design: Option<Design>,
    /// How the report names the files.
    pub path_display: PathDisplay,
}

impl CompareRequest {
    /// `before` against `after` with the default rules, 95 %, file names only.
    pub fn new(before: SurveySource, after: SurveySource) -> Self {
        Self::series(vec![before, after])
    }

    /// The waves in time order with the default rules, 95 %, file names only.
    pub fn series(waves: Vec<SurveySource>) -> Self {
        CompareRequest {
            waves,
            rules: SurveyRules::default(),
            confidence: ConfidenceLevel::default(),
            design: None,
            path_display: PathDisplay::default(),
        }
    }
}

/// `kpi`: help-desk KPIs from a ticket export or event log, against targets.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiRequest {
    /// Ticket export or event log.
    pub file: PathBuf,
    /// Mapping file naming the columns and activities.
    pub mapping: Option<PathBuf>,
    /// A survey-response file and its mapping, joined to the tickets by ticket id (issue 13).
    pub responses: Option<(PathBuf, PathBuf)>,
    /// Business calendar file.
    pub calendar: Option<PathBuf>,
    /// Targets, SLAs and benchmark presets file.
    pub targets: Option<PathBuf>,
    /// Segment dimensions besides all tickets (repeats are ignored).
    pub segments: Vec<Dimension>,
    /// Reporting period.
    pub period: Period,
    /// IANA zone of periods and of timestamps without an offset; else the calendar's, the data's, UTC.
    pub zone: Option<ZoneName>,
    /// Resolution KPIs in the period of the ticket's creation instead of its solve.
    pub cohort_created: bool,
    /// Compute only these duration KPIs and no backlog (all when empty).
    pub only: Vec<DurationKpi>,
    /// Judge running SLA clocks at this instant.
    pub as_of: Option<Instant>,
    /// Stop at the first broken rule ([`PipelineError::InvalidData`]).
    pub strict: bool,
    /// Reader threads for plain UTF-8 files (0 = all cores).
    pub threads: usize,
    /// Text encoding; detected when `None`.
    pub encoding: Option<EncodingLabel>,
    /// Delimiter; detected when `None`.
    pub delimiter: Option<Delimiter>,
    /// Examples kept per broken rule.
    pub examples: ExampleLimit,
    /// How the report names the files.
    pub path_display: PathDisplay,
    /// Row, cell and workbook size limits (`docs/limits.md`).
    pub limits: Limits,
    /// Most distinct values of one segment dimension (`channel`, ...) before the run
    /// stops with an error instead of growing memory.
    pub max_segments: usize,
    /// Definition profile of every KPI (`--definitions`; default servgap's).
    pub definitions: Profile,
    /// Also compute the profile-dependent KPIs under every profile (`--reconcile`):
    /// one more pass over the file per profile.
    pub reconcile: bool,
}

impl KpiRequest {
    /// `file` by month, no segments, every KPI, two reader threads, file names only.
    pub fn new(file: impl Into<PathBuf>) -> Self {
        KpiRequest {
            file: file.into(),
            mapping: None,
            responses: None,
            calendar: None,
            targets: None,
            segments: Vec::new(),
            period: Period::Month,
            zone: None,
            cohort_created: false,
            only: Vec::new(),
            as_of: None,
            strict: false,
            threads: 2,
            encoding: None,
            delimiter: None,
            examples: ExampleLimit::default(),
            path_display: PathDisplay::default(),
            limits: Limits::default(),
            max_segments: DEFAULT_MAX_SEGMENTS,
            definitions: Profile::Servgap,
            reconcile: false,
        }
    }
}

/// `diagnose`: a study folder read whole, for one wave or all, optionally narrowed to one
/// unit or one department (issue 14, `docs/study-format.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct DiagnoseRequest {
    /// The study folder (the one holding `study.toml`).
    pub study: PathBuf,
    /// Only this wave (by slug); all waves when `None`.
    pub wave: Option<String>,
    /// Only this unit (by slug) in the report; all units when `None`.
    pub unit: Option<String>,
    /// Only gaps owned by this department (by slug) in the register; all when `None`.
    pub department: Option<String>,
    /// Scoring and validation of every survey file (and strict mode for ticket files).
    pub rules: SurveyRules,
    /// Statistics of every survey analysis.
    pub statistics: StatisticsOptions,
    /// Reader threads for plain UTF-8 ticket files (0 = all cores).
    pub threads: usize,
    /// How the report names the files.
    pub path_display: PathDisplay,
}

impl DiagnoseRequest {
    /// Every wave and unit of `study`, with the defaults of `analyze` and `kpi`.
    pub fn new(study: impl Into<PathBuf>) -> Self {
        DiagnoseRequest {
            study: study.into(),
            wave: None,
            unit: None,
            department: None,
            rules: SurveyRules::default(),
            statistics: StatisticsOptions::default(),
            threads: 2,
            path_display: PathDisplay::default(),
        }
    }
}
