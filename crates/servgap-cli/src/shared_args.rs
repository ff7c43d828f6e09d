//! Flags that several commands share, each declared once (`#[command(flatten)]`) so that
//! its name, default, value name and help are the same wherever it appears, and copied into
//! the pipeline's request in one place.
//!
//! | struct             | flags                                | commands                                   |
//! |--------------------|--------------------------------------|--------------------------------------------|
//! | [`StudyReadArgs`]  | `STUDY`, `--strict`, `--threads`     | diagnose, prioritise, plan, progress       |
//! | [`StudyScopeArgs`] | `--wave`, `--unit`, `--department`   | diagnose, prioritise                       |
//! | [`StudyReportArgs`] | `-o`, `--confidence`, `--full-path`, [`StudyReadArgs`], `--lang` | diagnose, prioritise |
//! | [`ConfidenceArg`]  | `--confidence`                       | analyze, compare, diagnose, prioritise, progress |
//! | [`ReportLangArg`]  | `--lang`                             | kpi, diagnose, prioritise, plan, progress  |
//! | [`OutputArg`]      | `-o`, `--output`                     | analyze, compare, kpi, diagnose, prioritise, plan, progress |
//! | [`FullPathArg`]    | `--full-path`                        | analyze, compare, kpi, diagnose, prioritise |
//! | [`SurveyReportArgs`] | `-f`, `-o`, `--strict`, `--full-path`, `--lang`, `--confidence`, `--coverage`, `--examples` | analyze, compare |
//!
//! Flags that share a name but not a meaning stay with their command: `--seed` (the
//! stability draws of `prioritise`, the bootstrap of `progress`), `--strict` of `kpi` (a
//! ticket is rejected, not a survey cell left out), `--strict` and `--lang` of `analyze` and
//! `compare` (survey files, not a study; the language also of the instrument's texts), and
//! the study commands' `-f`/`--format` and `--table` (each command's own formats and tables).

use std::path::{Path, PathBuf};

use clap::Args;
use servgap_pipeline::{
    study_input_files, study_root, ConfidenceLevel, Coverage, DiagnoseRequest, ExampleLimit, PathDisplay,
    SurveyRules,
};
use servgap_report::Lang;

use crate::args::{LangArg, OutputFormat};
use crate::output::Destination;

/// The study folder and how its data files are read: every study command's.
#[derive(Debug, Clone, Args)]
pub struct StudyReadArgs {
    /// The study folder (holding study.toml), or its study.toml
    #[arg(value_name = "STUDY")]
    pub study: PathBuf,
    /// Fail on the first broken validation rule in any data file (default: leave out what
    /// breaks a rule and go on)
    #[arg(long)]
    pub strict: bool,
    /// Reader threads for plain UTF-8 ticket files (0 = all cores)
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub threads: usize,
}

impl StudyReadArgs {
    /// The study folder: the path given, or the folder of a `study.toml` given.
    pub fn root(&self) -> &Path {
        study_root(&self.study)
    }

    /// The request that reads the whole study with these options: every wave, unit and
    /// department, the study's statistics at the default level, files named by file name.
    pub fn request(&self) -> DiagnoseRequest {
        let mut request = DiagnoseRequest::new(self.root());
        request.rules = SurveyRules { strict: self.strict, ..SurveyRules::default() };
        request.threads = self.threads;
        request
    }

    /// Where `-o` writes, refusing the study's own files (study.toml, registers, data).
    ///
    /// # Errors
    /// When `-o` names an input of the study or a destination that must not be replaced.
    pub fn destination(&self, output: &OutputArg) -> anyhow::Result<Destination> {
        let inputs = study_input_files(self.root());
        output.destination(&inputs.iter().map(PathBuf::as_path).collect::<Vec<_>>())
    }
}

/// Which part of one wave a study report covers: `diagnose` and `prioritise`.
#[derive(Debug, Clone, Args)]
pub struct StudyScopeArgs {
    /// The wave to report on, by slug, e.g. 2025-h1 (default: the latest)
    #[arg(long, value_name = "WAVE")]
    pub wave: Option<String>,
    /// Only this unit, by slug, e.g. gdansk (default: every unit)
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Only gaps this department owns, by slug, e.g. marketing (default: every department)
    #[arg(long, value_name = "DEPARTMENT")]
    pub department: Option<String>,
}

impl StudyScopeArgs {
    /// Narrows `request` to the wave, unit and department asked for.
    pub fn apply(&self, request: &mut DiagnoseRequest) {
        request.wave.clone_from(&self.wave);
        request.unit.clone_from(&self.unit);
        request.department.clone_from(&self.department);
    }
}

/// A study report on one wave (`diagnose`, `prioritise`): the study and how it is read,
/// where and in which language the report goes, its intervals' level and how it names files.
#[derive(Debug, Clone, Args)]
pub struct StudyReportArgs {
    /// Where the result goes.
    #[command(flatten)]
    pub output: OutputArg,
    /// The level of every interval.
    #[command(flatten)]
    pub confidence: ConfidenceArg,
    /// How the report names its input files.
    #[command(flatten)]
    pub full_path: FullPathArg,
    /// The study and how its files are read.
    #[command(flatten)]
    pub read: StudyReadArgs,
    /// The report's language.
    #[command(flatten)]
    pub lang: ReportLangArg,
}

impl StudyReportArgs {
    /// The request of the report: the study read with these options, narrowed to `scope`.
    pub fn request(&self, scope: &StudyScopeArgs) -> DiagnoseRequest {
        let mut request = self.read.request();
        scope.apply(&mut request);
        self.confidence.apply(&mut request);
        request.path_display = self.full_path.path_display();
        request
    }

    /// Where `-o` writes, refusing the study's own files.
    ///
    /// # Errors
    /// When `-o` names an input of the study or a destination that must not be replaced.
    pub fn destination(&self) -> anyhow::Result<Destination> {
        self.read.destination(&self.output)
    }

    /// The report's language.
    pub fn lang(&self) -> Lang {
        self.lang.lang()
    }
}

/// `--confidence`: the level of every interval.
#[derive(Debug, Clone, Args)]
pub struct ConfidenceArg {
    /// Confidence level of every interval, between 0.5 and 1 (exclusive), e.g. 0.9
    #[arg(long, default_value = "0.95", value_name = "LEVEL")]
    pub confidence: ConfidenceLevel,
}

impl ConfidenceArg {
    /// Sets the level of every interval of `request`.
    pub fn apply(&self, request: &mut DiagnoseRequest) {
        request.statistics.confidence = self.confidence;
    }
}

/// `--lang`: the language of the report.
#[derive(Debug, Clone, Args)]
pub struct ReportLangArg {
    /// Language of the report
    #[arg(long, value_enum, default_value_t = LangArg::En, value_name = "LANG")]
    pub lang: LangArg,
}

impl ReportLangArg {
    /// The report's language.
    pub fn lang(&self) -> Lang {
        Lang::from(self.lang)
    }
}

/// `-o`: where the result goes.
#[derive(Debug, Clone, Args)]
pub struct OutputArg {
    /// Write the result to this file instead of standard output (written only on success)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArg {
    /// Where the result goes, decided before any work: `-o` refused when it names one of
    /// `inputs` or a destination that must not be replaced (see [`Destination::new`]).
    ///
    /// # Errors
    /// A message naming the path and the reason when the destination is refused.
    pub fn destination(&self, inputs: &[&Path]) -> anyhow::Result<Destination> {
        Destination::new(self.output.as_deref(), inputs)
    }
}

/// `--full-path`: how reports name their input files.
#[derive(Debug, Clone, Args)]
pub struct FullPathArg {
    /// Name input files by their full path as given in the report (default: file name only)
    #[arg(long)]
    pub full_path: bool,
}

impl FullPathArg {
    /// The file name, or with `--full-path` the path as given (a client's folder names stay
    /// out of a client report unless asked for).
    pub fn path_display(&self) -> PathDisplay {
        if self.full_path {
            PathDisplay::AsGiven
        } else {
            PathDisplay::FileName
        }
    }
}

/// The report of a survey analysis, and how its answers are scored and validated: `analyze`
/// and `compare`.
#[derive(Debug, Clone, Args)]
pub struct SurveyReportArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text, value_name = "FORMAT")]
    pub format: OutputFormat,
    /// Where the result goes.
    #[command(flatten)]
    pub output: OutputArg,
    /// Fail on the first broken validation rule instead of applying the missing-data policy
    #[arg(long)]
    pub strict: bool,
    /// How the report names its input files.
    #[command(flatten)]
    pub full_path: FullPathArg,
    /// Language of the report (every format) and of item and dimension texts
    #[arg(long, value_enum, default_value_t = LangArg::En, value_name = "LANG")]
    pub lang: LangArg,
    /// The level of every interval.
    #[command(flatten)]
    pub confidence: ConfidenceArg,
    /// Minimum share of a dimension's items a respondent must answer for a dimension score, in (0, 1]
    #[arg(long, default_value = "0.5", value_name = "SHARE")]
    pub coverage: Coverage,
    /// Examples kept per validation rule in the report (0 to 1000)
    #[arg(long, default_value = "20", value_name = "N")]
    pub examples: ExampleLimit,
}

impl SurveyReportArgs {
    /// The scoring and validation rules of every survey file read.
    pub fn rules(&self) -> SurveyRules {
        SurveyRules { strict: self.strict, coverage: self.coverage, examples: self.examples }
    }

    /// The report's language.
    pub fn lang(&self) -> Lang {
        Lang::from(self.lang)
    }
}
