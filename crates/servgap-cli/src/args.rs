//! Command-line arguments, as clap sees them. Converted into library options in each command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use servgap_pipeline::request::{Delimiter, EncodingLabel, Instant, ZoneName};
use servgap_pipeline::{
    Crosshair, Dimension, DurationKpi, ExampleLimit, Period, SurveySource, WilcoxonMethod, ZeroMethod,
};
use servgap_pipeline::{Limits, Profile, DEFAULT_MAX_SEGMENTS};
use servgap_report::Lang;

use crate::shared_args::{
    ConfidenceArg, FullPathArg, OutputArg, ReportLangArg, StudyReadArgs, StudyReportArgs, StudyScopeArgs,
    SurveyReportArgs,
};

const ABOUT: &str = "Service-quality gap analysis: SERVQUAL, SERVPERF and the three-column zone of tolerance";

const LONG_ABOUT: &str = "\
servgap compares what customers expect with what they perceive, item by item and
dimension by dimension, with the statistics a published study reports: means, 95 %
confidence intervals, paired t and Wilcoxon tests with Holm and Benjamini–Hochberg
adjustment, effect sizes, Cronbach's alpha, weighted scores and importance–performance
analysis.";

const AFTER_HELP: &str = "\
Examples:
  servgap analyze examples/demo/servqual22-demo.csv
  servgap analyze survey.xlsx --format markdown -o report.md
  servgap analyze survey.csv --instrument my-instrument.toml --mapping columns.toml --strict
  servgap inspect survey.csv
  servgap instrument show servqual22 --lang pl
  servgap analyze examples/demo/servqual22-demo.csv --by branch
  servgap compare examples/demo/servqual22-demo.csv examples/demo/servqual22-wave2-demo.csv
  servgap compare wave1.csv wave2.csv wave3.csv --format html -o waves.html

Exit codes: 0 success; 1 failure (unreadable file, bad instrument or mapping);
2 invalid usage; 3 the data cannot be analysed: --strict and a row broke a validation rule,
or no data row could be used (every row rejected, or only a header); nothing written.";

/// The `servgap` command line.
#[derive(Debug, Parser)]
#[command(name = "servgap", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a SERVQUAL survey file (CSV or XLSX)
    #[command(after_help = ANALYZE_HELP)]
    Analyze(AnalyzeArgs),
    /// Show how a file would be read: encoding, delimiter, and which column fills which slot
    Inspect(InspectArgs),
    /// List, show or export survey instruments
    Instrument(InstrumentArgs),
    /// Compare two or more waves of the same survey: trend and change of every gap, with
    /// verdicts controlled for multiple comparisons
    #[command(after_help = COMPARE_HELP)]
    Compare(CompareArgs),
    /// Help-desk KPIs from a ticket export or event log, with the gap to targets
    #[command(after_help = KPI_HELP)]
    Kpi(KpiArgs),
    /// Create a gap study folder: a commented minimal study, or the demo study
    Study(StudyArgs),
    /// Diagnose a gap study: gaps 1-5, KPI and judged gaps per unit, the gap register
    #[command(long_about = DIAGNOSE_ABOUT, after_help = DIAGNOSE_HELP)]
    Diagnose(DiagnoseArgs),
    /// Rank the gaps of a study by severity, impact, urgency and feasibility, with how
    /// stable the ranking is
    #[command(long_about = crate::prioritise_args::ABOUT, after_help = crate::prioritise_args::HELP)]
    Prioritise(crate::prioritise_args::PrioritiseArgs),
    /// Validate and show a study's action plan: owners, dates, tasks, status history, the
    /// metric of each action, and what needs attention
    #[command(long_about = PLAN_ABOUT, after_help = PLAN_HELP)]
    Plan(PlanArgs),
    /// Measured progress of a study's action plan: did each action's metric move on the
    /// later waves, by how much, and is its gap closing
    #[command(long_about = PROGRESS_ABOUT, after_help = PROGRESS_HELP)]
    Progress(ProgressArgs),
}

const PLAN_ABOUT: &str = "\
Reads the actions register a study names ([registers] actions = \"registers/actions.toml\",
or .csv/.xlsx; docs/study-format.md, \"Actions\"), checks every action against the study
(departments, units, waves, gap ids, dates, status history) and shows the plan with its
findings on --as-of (default: today): overdue actions and tasks, actions without an owner,
high-priority gaps without an action (the first top_k ranks of the latest wave's
priorities, as `servgap prioritise` ranks them), actions whose metric no later wave measures, and standards no wave measures.
Every wave is read, as `servgap diagnose` reads it, to know what was measured.

Status is what people report. Whether an action worked is measured on the next wave:
see `servgap progress`.";

const PLAN_HELP: &str = "\
Examples:
  servgap study init --demo demo && servgap plan demo --as-of 2025-10-15
  servgap plan demo --format html --lang pl -o plan.html
  servgap plan demo --format xlsx -o actions.xlsx       # edit it, then name it in study.toml
  servgap plan demo --format csv -o actions.csv         # the actions table; then
  servgap plan demo --format csv --table tasks -o actions-tasks.csv   # (also history, links)

XLSX and CSV are written in exactly the layout the study reader loads (column names are
the reader's keys, statuses their ids, dates YYYY-MM-DD), so an edited export can be
named as the study's actions register. CSV files have a byte-order mark, and text cells
that a spreadsheet would run as a formula get a leading ' that the reader removes.

Exit codes: 0 success; 1 failure (a study or register that breaks a rule, an unreadable
file); 2 invalid usage; 3 --strict and the data broke a validation rule.";

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Aligned tables for a terminal
    Text,
    /// Versioned JSON (schema servgap.plan/1)
    Json,
    /// GitHub-flavoured Markdown
    Markdown,
    /// Self-contained HTML page
    Html,
    /// PDF printed from the HTML page by headless Chromium
    Pdf,
    /// The actions register as a workbook (sheets actions, tasks, history, links)
    Xlsx,
    /// One table of the register (--table) as CSV with a byte-order mark
    Csv,
}

/// `servgap plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Judge the plan on this day, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = servgap_pipeline::plan::parse_date)]
    pub as_of: Option<servgap_pipeline::plan::PlanDate>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = PlanFormat::Text, value_name = "FORMAT")]
    pub format: PlanFormat,
    /// With --format csv: the table to write
    #[arg(long, default_value = "actions", value_parser = ["actions", "tasks", "history", "links"])]
    pub table: String,
    /// Where the result goes.
    #[command(flatten)]
    pub output: OutputArg,
    /// The study and how its files are read.
    #[command(flatten)]
    pub read: StudyReadArgs,
    /// The report's language.
    #[command(flatten)]
    pub lang: ReportLangArg,
}

/// `servgap study`.
#[derive(Debug, Args)]
pub struct StudyArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: StudyAction,
}

/// `servgap study` actions.
#[derive(Debug, Subcommand)]
pub enum StudyAction {
    /// Write a new study folder (never overwrites a file)
    #[command(after_help = STUDY_INIT_HELP)]
    Init {
        /// The folder to create or fill (default: the current folder)
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// Write the demo study (four units, two waves, every gap present) instead of a minimal one
        #[arg(long)]
        demo: bool,
    },
}

const STUDY_INIT_HELP: &str = "\
The minimal study is a commented study.toml with one unit, two departments and one wave
whose data sections are commented out, and empty registers: fill it in following
docs/study-format.md. The demo study (examples/study/demo, generated by the seeded
examples/study/make_demo_study.py) has customer, management and employee surveys and a
help-desk export for two waves of four units, standards, promises and judged gaps.

Examples:
  servgap study init my-study
  servgap study init --demo demo-study && servgap diagnose demo-study --format html -o diagnosis.html";

const DIAGNOSE_ABOUT: &str = "\
Diagnoses a gap study folder (docs/study-format.md): for each unit, the customer gap
(gap 5, as `servgap analyze` computes it), the knowledge gap (gap 1: managers' predicted
expectations against customers'), the standards gap (gap 2: coverage of what customers
rank important, and standards set below what customers expect), the delivery gap (gap 3:
attainment of each standard, employees' self-rated conformance), the communication gap
(gap 4: how often each promise held, promise accuracy), the KPI gaps (as `servgap kpi`
computes them) and the judged gaps of the qualitative register. Every gap has its current
and desired value, difference, normalised size, n, interval and evidence, and lands in
the gap register on an impact x urgency grid. With several units, the 1988 contributing
factors are related to their gap across units (few units: read the caveat).

The whole study is checked before any data is read; an error names the file, key or row.";

const DIAGNOSE_HELP: &str = "\
Examples:
  servgap study init --demo demo && servgap diagnose demo
  servgap diagnose demo --wave 2025-h1 --unit gdansk --format html -o gdansk.html
  servgap diagnose demo --department marketing --format markdown --lang pl
  servgap diagnose demo --format xlsx -o gaps.xlsx          # every table, one sheet each
  servgap diagnose demo --format csv --table register -o register.csv

Without --wave the latest wave of the study is diagnosed. CSV holds one table
(--table register|model|findings|factors, and when the study has them ranked, the plan's
actions|tasks|history|links, progress|progress-waves|progress-unmeasured), with a
byte-order mark and cells that spreadsheets would run as formulas escaped; XLSX holds them
all, and its plan sheets load back as the study's actions register.

Exit codes: 0 success; 1 failure (a study that breaks a rule, an unreadable file);
2 invalid usage; 3 --strict and the data broke a validation rule (nothing written).";

/// Output formats of `diagnose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnoseFormat {
    /// Aligned tables for a terminal
    Text,
    /// Versioned JSON (schema servgap.diagnosis/1)
    Json,
    /// GitHub-flavoured Markdown
    Markdown,
    /// Self-contained HTML report with the five-gap chart
    Html,
    /// PDF printed from the HTML report by headless Chromium
    Pdf,
    /// Every table as a sheet of one workbook
    Xlsx,
    /// One table (--table) as CSV with a byte-order mark
    Csv,
}

/// `servgap diagnose`.
#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// The wave, unit and department reported on.
    #[command(flatten)]
    pub scope: StudyScopeArgs,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = DiagnoseFormat::Text, value_name = "FORMAT")]
    pub format: DiagnoseFormat,
    /// With --format csv: the table to write
    #[arg(
        long,
        default_value = "register",
        value_parser = clap::builder::PossibleValuesParser::new(servgap_report::DIAGNOSIS_TABLES)
    )]
    pub table: String,
    /// The study, how it is read, and where and how the report is written.
    #[command(flatten)]
    pub report: StudyReportArgs,
}

const PROGRESS_ABOUT: &str = "\
Measures the progress of a study's action plan (docs/study-format.md, the actions
register): for each action's metric (a gap id in one unit) on every wave after its
baseline wave, the metric's value, the change of its gap from the baseline with its
interval at --confidence (95 % by default; Welch for survey means of independent waves,
paired t when the waves are a panel, Newcombe's interval for shares, a seeded bootstrap
for median and p90 durations), the share of the gap closed (Fieller's interval) and the
distance to the action's target. Each change gets a verdict (closed, improved, not moving,
worsened, or not measurable and why) with its p-value Holm-adjusted over every metric x
later wave of the plan at a family-wise error rate of 1 - --confidence, so a plan with
many metrics does not produce chance successes; the unadjusted verdict is shown beside. An
improvement is on track when the interval of the share closed reaches the share the
action's schedule expected by the wave's date (the midpoint of its fieldwork; expected
share x elapsed part of start..due), behind schedule when it lies wholly below. With three
or more waves, the trend of each gap per year. Task status is never taken as progress: an
action marked done whose metric did not move is listed as a finding.";

const PROGRESS_HELP: &str = "\
Examples:
  servgap study init --demo demo && servgap progress demo
  servgap progress demo --format html -o progress.html
  servgap progress demo --format pdf --lang pl -o postepy.pdf
  servgap progress demo --format json -o progress.json     # schema servgap.progress/2

--seed and --replicates fix the bootstrap of quantile metrics, so a run is reproducible.
JSON follows docs/progress-json.md.

Panels: a customer-survey metric (gap 5 of an item or dimension) whose waves' files have a
respondent id column is compared as a panel when at least half of the smaller wave's
identified respondents of the unit match (servgap compare's rule): paired t on the matched
respondents' changes, with the exact Wilcoxon signed-rank p beside it. --paired forces it,
--independent refuses it; the report says per metric which analysis ran and how many ids
matched.

Exit codes: 0 success; 1 failure (a study or actions register that breaks a rule, an
unreadable file); 2 invalid usage; 3 --strict and the data broke a validation rule.";

/// Output formats of `progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// Aligned tables for a terminal
    Text,
    /// Versioned JSON (schema servgap.progress/2)
    Json,
    /// GitHub-flavoured Markdown
    #[value(alias = "md")]
    Markdown,
    /// Self-contained HTML report with a chart of each metric over the waves
    Html,
    /// PDF printed from the HTML report by headless Chromium
    Pdf,
}

/// `servgap progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ProgressFormat::Text, value_name = "FORMAT")]
    pub format: ProgressFormat,
    /// Where the result goes.
    #[command(flatten)]
    pub output: OutputArg,
    /// The level of every interval.
    #[command(flatten)]
    pub confidence: ConfidenceArg,
    /// Seed of the bootstrap of quantile metrics
    #[arg(long, default_value_t = 15, value_name = "SEED")]
    pub seed: u64,
    /// Bootstrap replicates of quantile metrics
    #[arg(long, default_value_t = 2000, value_name = "N", value_parser = clap::value_parser!(u32).range(100..=100_000))]
    pub replicates: u32,
    /// The study and how its files are read.
    #[command(flatten)]
    pub read: StudyReadArgs,
    /// The report's language.
    #[command(flatten)]
    pub lang: ReportLangArg,
    /// Compare customer-survey metrics as a panel (paired t on respondents matched by id in
    /// the unit), whatever share of ids matches; an error when a wave has no id column or no match
    #[arg(long, conflicts_with = "independent")]
    pub paired: bool,
    /// Never compare customer-survey waves as a panel (Welch), even when most ids match
    #[arg(long)]
    pub independent: bool,
}

const ANALYZE_HELP: &str = "\
Columns are recognised automatically for common layouts: E1..E22 with P1..P22, e_1/p_1,
Q1_E/Q1_P, A1/D1/P1 for the three-column form, imp_<dimension> for importance points and
overall for overall satisfaction. Run `servgap inspect FILE` to see what was detected and
why, and pass --mapping when a layout is not recognised (see docs/mapping-format.md).

Missing data: an item counts for a respondent when all its ratings (E and P) are valid
(pairwise deletion); a dimension score needs at least --coverage of its items; overall
scores need every dimension; reliability is listwise. Invalid cells are reported and
treated as missing unless --strict is given, in which case the first one stops the run.

Output is deterministic. JSON follows docs/analysis-json.md (schema servgap.analysis/3).";

const COMPARE_HELP: &str = "\
Waves are compared in the order given: consecutive waves, and with three or more waves also
each wave from the third on against the first, as independent samples (Welch's t). When the
files have a respondent id column (id, respondent_id, ResponseId, or `id` in a mapping), the
ids of each pair of waves are matched; a pair is a panel when at least half of the smaller
wave's ids match (--paired forces it, --independent refuses it), and its matched
respondents are analysed as paired data (paired t and Wilcoxon signed-rank).
A change is improved or worsened only when its Holm-adjusted p is below 1 - --confidence,
within two families: all item changes; all dimension and overall-score changes (over every
measure and pair of waves). Unadjusted p and intervals are shown beside, labelled.

JSON follows docs/analysis-json.md (schema servgap.compare/3).";

/// Output formats of `analyze`, `compare` and `kpi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Aligned tables for a terminal
    Text,
    /// Versioned JSON for scripts (schemas servgap.analysis/3, servgap.compare/3, servgap.kpi/2)
    Json,
    /// GitHub-flavoured Markdown
    Markdown,
    /// Self-contained HTML report with charts (inline CSS and SVG, no network)
    Html,
    /// PDF printed from the HTML report by headless Chromium (Debian package `chromium`)
    Pdf,
}

/// Zero handling in the Wilcoxon signed-rank test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ZeroHandling {
    /// Drop zero differences before ranking (R and scipy default)
    Wilcox,
    /// Rank zero differences, then drop their ranks
    Pratt,
}

/// How the Wilcoxon p-value is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WilcoxonMode {
    /// Exact (ties and zeros included) up to 50 non-zero differences, normal approximation above
    Auto,
    /// Exact wherever affordable (about 1,000 untied differences)
    Exact,
    /// Always the normal approximation
    Normal,
}

/// IPA performance crosshair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrosshairArg {
    /// Mean of the items' performance (data-centred)
    DataMean,
    /// Midpoint of the response scale (scale-centred)
    ScaleMidpoint,
}

/// How to read the input file.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Instrument: a built-in id (servqual22, servqual22-3col, servperf22) or a TOML file
    #[arg(long, short = 'i', default_value = "servqual22", value_name = "ID|FILE")]
    pub instrument: String,
    /// Mapping file naming the columns (TOML; see docs/mapping-format.md)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Text encoding of a CSV file (detected when omitted), e.g. utf-8, windows-1250, cp949
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<EncodingLabel>,
    /// CSV delimiter (detected when omitted): ',', ';', 'tab' or '|'
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<Delimiter>,
    /// Worksheet of an XLSX file (the first when omitted)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Size limits that keep memory bounded.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Size limits of the readers (docs/limits.md); a file beyond one is refused with an
/// error naming the row and the limit, before more than the limit is held in memory.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Longest row (record) of a delimited file, in bytes
    #[arg(long, default_value_t = Limits::default().max_row_bytes, value_name = "BYTES")]
    pub max_row_bytes: usize,
    /// Longest cell, in bytes
    #[arg(long, default_value_t = Limits::default().max_cell_bytes, value_name = "BYTES")]
    pub max_cell_bytes: usize,
    /// Largest unpacked size of a workbook (.xlsx, .ods), in bytes
    #[arg(long, default_value_t = Limits::default().max_workbook_bytes, value_name = "BYTES")]
    pub max_workbook_bytes: u64,
}

impl LimitArgs {
    /// The readers' limits.
    pub fn limits(&self) -> Limits {
        Limits {
            max_row_bytes: self.max_row_bytes,
            max_cell_bytes: self.max_cell_bytes,
            max_workbook_bytes: self.max_workbook_bytes,
            ..Limits::default()
        }
    }
}

/// Language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English
    En,
    /// Polish (polski)
    Pl,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::En => Lang::En,
            LangArg::Pl => Lang::Pl,
        }
    }
}

/// `servgap analyze`.
#[derive(Debug, Clone, Args)]
pub struct AnalyzeArgs {
    /// Survey file: .csv (any common delimiter and encoding) or .xlsx
    pub file: PathBuf,
    /// How to read the file.
    #[command(flatten)]
    pub read: ReadArgs,
    /// The report, and how the survey is scored and validated.
    #[command(flatten)]
    pub survey: SurveyReportArgs,
    /// Zero differences in the Wilcoxon signed-rank test: dropped (wilcox) or ranked (pratt)
    #[arg(long, value_enum, default_value_t = ZeroHandling::Wilcox, value_name = "wilcox|pratt")]
    pub wilcoxon_zeros: ZeroHandling,
    /// Leave out the continuity correction of the Wilcoxon normal approximation (scipy's default)
    #[arg(long)]
    pub no_continuity: bool,
    /// Exact or approximate Wilcoxon p-values
    #[arg(long, value_enum, default_value_t = WilcoxonMode::Auto, value_name = "auto|exact|normal")]
    pub wilcoxon_method: WilcoxonMode,
    /// Where the IPA grid splits high from low performance
    #[arg(long, value_enum, default_value_t = CrosshairArg::DataMean, value_name = "data-mean|scale-midpoint")]
    pub ipa_crosshair: CrosshairArg,
    /// Never show a progress bar
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Segment column (e.g. branch, channel): a gap table per segment and tests across segments
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
}

/// `servgap compare`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// The waves in time order, earliest first (CSV or XLSX; at least two, same instrument and layout)
    #[arg(required = true, num_args = 2.., value_name = "WAVE")]
    pub waves: Vec<PathBuf>,
    /// How to read both files.
    #[command(flatten)]
    pub read: ReadArgs,
    /// The report, and how the survey is scored and validated.
    #[command(flatten)]
    pub survey: SurveyReportArgs,
    /// Analyse waves with respondent ids as a panel (paired), whatever share of ids matches
    #[arg(long, conflicts_with = "independent")]
    pub paired: bool,
    /// Never analyse waves as a panel, even when most respondent ids match
    #[arg(long)]
    pub independent: bool,
}

/// `servgap inspect`.
#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// Survey file to look at
    pub file: PathBuf,
    /// How to read the file.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `servgap instrument`.
#[derive(Debug, Clone, Args)]
pub struct InstrumentArgs {
    /// What to do with instruments.
    #[command(subcommand)]
    pub action: InstrumentAction,
}

/// Instrument subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum InstrumentAction {
    /// List the built-in instruments
    List,
    /// Show an instrument's dimensions and items
    Show {
        /// Built-in id or TOML file
        #[arg(default_value = "servqual22", value_name = "ID|FILE")]
        instrument: String,
        /// Language of the texts
        #[arg(long, default_value = "en", value_name = "LANG", value_parser = ["en", "pl"])]
        lang: String,
    },
    /// Write an instrument as TOML, to start a custom one from
    Export {
        /// Built-in id or TOML file
        #[arg(default_value = "servqual22", value_name = "ID|FILE")]
        instrument: String,
        /// Write to this file instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

const KPI_HELP: &str = "\
Input: one row per ticket (Zendesk, Freshdesk and plain headers such as id, created,
first_response, solved, channel are recognised), or an event log (case, activity,
timestamp) described by a mapping file (docs/kpi-mapping-format.md). Business time
comes from --calendar (docs/calendar-format.md), targets, SLAs and benchmark presets
from --targets (docs/targets-format.md). Definitions: docs/kpi-definitions.md.

Rows that break a rule (unreadable creation time, solved before created, a ticket id
already seen on an earlier row, ...) reject their ticket; a bad optional value (a CSAT
cell, a reply count, closed before solved) is dropped and the ticket kept. Both are
counted in the report (rows read = analysed + rejected + skipped); --strict stops at the
first one (exit code 3), as does a file whose rows are all rejected. `-` reads standard
input (buffered in memory up to the --max-file-bytes limit).

Examples:
  servgap kpi examples/kpi/demo-tickets.csv --calendar examples/kpi/calendar.toml \\
      --targets examples/kpi/targets.toml --by channel
  servgap kpi examples/kpi/demo-tickets.csv --by channel,priority --period week \\
      --kpi first-response,full-resolution --format json -o kpi.json
Mappings for three public datasets (an event log, ServiceNow, CFPB) are in
examples/kpi/mappings/; each names its dataset and where to get it.";

/// Reporting periods of `kpi` (converted into the core's [`Period`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KpiPeriod {
    /// Calendar day
    Day,
    /// ISO week (Monday first)
    Week,
    /// Calendar month
    Month,
}

/// `servgap kpi`.
#[derive(Debug, Clone, Args)]
pub struct KpiArgs {
    /// Ticket export or event log (delimited text; `-` for standard input)
    pub file: PathBuf,
    /// Mapping file naming the columns and activities (TOML; docs/kpi-mapping-format.md)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Survey-response file joined to the tickets by ticket id (CSAT, NPS, CES; needs --responses-mapping)
    #[arg(long, value_name = "FILE", requires = "responses_mapping")]
    pub responses: Option<PathBuf>,
    /// Mapping of the responses file (TOML; docs/kpi-mapping-format.md, "Survey responses")
    #[arg(long, value_name = "FILE", requires = "responses")]
    pub responses_mapping: Option<PathBuf>,
    /// Business calendar (TOML; docs/calendar-format.md): business-time durations and SLAs
    #[arg(long, value_name = "FILE")]
    pub calendar: Option<PathBuf>,
    /// Targets, SLAs and benchmark presets (TOML; docs/targets-format.md)
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Segment dimensions besides all tickets: channel, priority, team (repeat or comma-separate)
    #[arg(long, value_name = "channel|priority|team", value_delimiter = ',')]
    pub by: Vec<Dimension>,
    /// Reporting period
    #[arg(long, value_enum, default_value_t = KpiPeriod::Month, value_name = "day|week|month")]
    pub period: KpiPeriod,
    /// Time zone of periods, and of timestamps without an offset (IANA name, e.g. Europe/Warsaw)
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<ZoneName>,
    /// Put resolution KPIs in the period of the ticket's creation instead of its solve
    #[arg(long)]
    pub cohort_created: bool,
    /// Compute only these duration KPIs (first-response, next-response, first-resolution,
    /// full-resolution, requester-wait) and no backlog series: faster and smaller on big files
    #[arg(long, value_name = "KPI", value_delimiter = ',')]
    pub kpi: Vec<DurationKpi>,
    /// Judge running SLA clocks at this instant, e.g. 2026-03-31T23:59:59Z (default: running clocks are not judged)
    #[arg(long, value_name = "TIMESTAMP")]
    pub as_of: Option<Instant>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text, value_name = "FORMAT")]
    pub format: OutputFormat,
    /// Where the result goes.
    #[command(flatten)]
    pub output: OutputArg,
    /// Fail on the first broken rule instead of rejecting the ticket and going on
    #[arg(long)]
    pub strict: bool,
    /// How the report names its input files.
    #[command(flatten)]
    pub full_path: FullPathArg,
    /// Reader threads for plain UTF-8 ticket files (0 = all cores)
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub threads: usize,
    /// Text encoding (detected when omitted)
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<EncodingLabel>,
    /// Delimiter (detected when omitted): ',', ';', 'tab' or '|'
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<Delimiter>,
    /// Examples kept per rule in the report (0 to 1000)
    #[arg(long, default_value = "20", value_name = "N")]
    pub examples: ExampleLimit,
    /// Most distinct values of one segment dimension before the run stops with an error
    #[arg(long, default_value_t = DEFAULT_MAX_SEGMENTS, value_name = "N")]
    pub max_segments: usize,
    /// KPI definitions to compute with (docs/kpi-definitions.md, "Definition profiles")
    #[arg(long, value_enum, default_value_t = DefinitionsArg::Servgap, value_name = "PROFILE")]
    pub definitions: DefinitionsArg,
    /// Also show FCR, reopen rate and response/resolution times under every profile (one more pass per profile)
    #[arg(long)]
    pub reconcile: bool,
    /// Size limits that keep memory bounded.
    #[command(flatten)]
    pub limits: LimitArgs,
    /// The report's language.
    #[command(flatten)]
    pub lang: ReportLangArg,
}

/// A KPI definition profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DefinitionsArg {
    /// servgap's own (one reply and no reopen within 7 days; pending and on-hold paused)
    Servgap,
    /// Zendesk (fewer than two agent replies; no pauses)
    Zendesk,
    /// Freshdesk / Freshservice (no customer interaction; pending paused)
    #[value(alias = "freshservice")]
    Freshdesk,
    /// ServiceNow (first assignment resolution; reopen counter without window)
    Servicenow,
    /// Zammad (closed within 15 minutes; pending paused)
    Zammad,
}

impl From<DefinitionsArg> for Profile {
    fn from(arg: DefinitionsArg) -> Profile {
        match arg {
            DefinitionsArg::Servgap => Profile::Servgap,
            DefinitionsArg::Zendesk => Profile::Zendesk,
            DefinitionsArg::Freshdesk => Profile::Freshdesk,
            DefinitionsArg::Servicenow => Profile::ServiceNow,
            DefinitionsArg::Zammad => Profile::Zammad,
        }
    }
}

impl From<KpiPeriod> for Period {
    fn from(period: KpiPeriod) -> Period {
        match period {
            KpiPeriod::Day => Period::Day,
            KpiPeriod::Week => Period::Week,
            KpiPeriod::Month => Period::Month,
        }
    }
}

impl From<ZeroHandling> for ZeroMethod {
    fn from(zeros: ZeroHandling) -> ZeroMethod {
        match zeros {
            ZeroHandling::Wilcox => ZeroMethod::Wilcox,
            ZeroHandling::Pratt => ZeroMethod::Pratt,
        }
    }
}

impl From<WilcoxonMode> for WilcoxonMethod {
    fn from(mode: WilcoxonMode) -> WilcoxonMethod {
        match mode {
            WilcoxonMode::Auto => WilcoxonMethod::Auto,
            WilcoxonMode::Exact => WilcoxonMethod::Exact,
            WilcoxonMode::Normal => WilcoxonMethod::Normal,
        }
    }
}

impl From<CrosshairArg> for Crosshair {
    fn from(crosshair: CrosshairArg) -> Crosshair {
        match crosshair {
            CrosshairArg::DataMean => Crosshair::DataMean,
            CrosshairArg::ScaleMidpoint => Crosshair::ScaleMidpoint,
        }
    }
}

impl ReadArgs {
    /// The survey source `file` read with these options.
    pub fn source(&self, file: &std::path::Path) -> SurveySource {
        SurveySource {
            file: file.to_owned(),
            instrument: self.instrument.clone(),
            mapping: self.mapping.clone(),
            encoding: self.encoding.clone(),
            delimiter: self.delimiter,
            sheet: self.sheet.clone(),
            limits: self.limits.limits(),
        }
    }

    /// The files a run with these options reads: `data`, the mapping and an
    /// instrument given as a file; `-o` must not name any of them.
    pub fn input_files<'a>(&'a self, data: &[&'a std::path::Path]) -> Vec<&'a std::path::Path> {
        let mut files = data.to_vec();
        files.extend(self.mapping.as_deref());
        files.push(std::path::Path::new(&self.instrument));
        files
    }
}

impl KpiArgs {
    /// The files a KPI run reads; `-o` must not name any of them.
    pub fn input_files(&self) -> Vec<&std::path::Path> {
        let settings =
            [&self.mapping, &self.calendar, &self.targets, &self.responses, &self.responses_mapping];
        std::iter::once(self.file.as_path())
            .chain(settings.into_iter().flatten().map(|p| p.as_path()))
            .collect()
    }
}
