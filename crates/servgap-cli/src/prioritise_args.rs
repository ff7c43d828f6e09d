//! Arguments and help of `servgap prioritise`.

use clap::{Args, ValueEnum};

use crate::shared_args::{StudyReportArgs, StudyScopeArgs};

pub const ABOUT: &str = "\
Ranks every gap of one wave of a gap study (docs/study-format.md), the latest by default,
so that the departments can agree which gaps to attack first. Each gap gets four
components, each from 0 to 1:

  severity     its normalised size, shrunk to the end of its interval nearest zero, so a
               noisy gap does not outrank a certain one of the same size
  impact       the importance of what it touches (stated importance points, and the
               correlation with overall satisfaction; for a KPI gap without linked survey
               items, phi between meeting its target and a satisfied CSAT on the same
               tickets) times its reach (the share of customers or tickets affected)
  urgency      the strongest of: a worsening trend over the waves, a breach of a standard,
               promise or target beyond sampling doubt, falling below the minimum band,
               a deadline within a year
  feasibility  the departments' ratings in the feasibility register: effort (XS-XL), cost
               and a 1-5 rating by several raters (median, with the spread shown)

score = sum of weight x component / sum of the weights. The weights are the study's
([priorities.weights] in study.toml; default severity 0.35, impact 0.30, urgency 0.20,
feasibility 0.15) and the report prints them. A component that could not be measured
counts at a neutral 0.5 (never as 0), marked as assumed with the reason
([priorities] missing = 0.5; \"renormalise\" leaves it out and divides by the weights of
the components measured). Every gap's rank is explained by what each component
contributed: \"ranked 2nd: severity 0.41, impact 0.30, ...\".
Gaps then land on an impact x urgency matrix (act now, plan, quick wins, monitor, cut at
0.5) with feasibility as the marker size.

Stability: is the ranking worth arguing about? The ranking is redrawn many times (1000 by
default): every measured gap's difference from the normal distribution its interval
implies, every weight multiplied by a random factor within +/-20 %. For each gap the report
gives the share of draws in which it stayed in the top k, and the range of ranks it took
(2.5 % to 97.5 %). The draws are seeded: the same --seed gives the same numbers.";

pub const HELP: &str = "\
Examples:
  servgap study init --demo demo && servgap prioritise demo
  servgap prioritise demo --top 10 --format html -o priorities.html
  servgap prioritise demo --department marketing --unit gdansk --lang pl
  servgap prioritise demo --format xlsx -o priorities.xlsx    # ranked gaps + feasibility register
  servgap prioritise demo --format csv --table feasibility -o feasibility.csv
  servgap prioritise demo --format xlsx --table feasibility -o feasibility.xlsx

--wave names the wave ranked; the waves before it give the trend. With --unit or
--department only the gaps of that unit or department are ranked, and ranks run 1, 2, ...
within them.

The feasibility table (--table feasibility) has the columns of the study's
feasibility register (gap, unit, department, rater, effort, cost, rating, deadline,
comment), one row per rating of a ranked gap: edit it in a spreadsheet and name it in
study.toml ([priorities] feasibility = \"registers/feasibility.xlsx\") to rank again with
it. CSV holds one table, with a byte-order mark and cells that spreadsheets would run as
formulas escaped; XLSX holds both.

Exit codes: 0 success; 1 failure (a study that breaks a rule, an unreadable file);
2 invalid usage; 3 --strict and the data broke a validation rule (nothing written).";

/// Output formats of `prioritise`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrioritiseFormat {
    /// Aligned tables for a terminal
    Text,
    /// Versioned JSON (schema servgap.priorities/1)
    Json,
    /// GitHub-flavoured Markdown
    #[value(alias = "md")]
    Markdown,
    /// Self-contained HTML report with the impact x urgency matrix
    Html,
    /// PDF printed from the HTML report by headless Chromium
    Pdf,
    /// The ranked gaps and the feasibility register, a sheet each
    Xlsx,
    /// One table (--table) as CSV with a byte-order mark
    Csv,
}

/// `servgap prioritise`.
#[derive(Debug, Args)]
pub struct PrioritiseArgs {
    /// The wave, unit and department ranked.
    #[command(flatten)]
    pub scope: StudyScopeArgs,
    /// Show the first K ranks (ties at the edge kept), and measure stability as the share
    /// of draws in the top K (default: the study's priorities.top_k, else 5; all ranks shown)
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub top: Option<u32>,
    /// Seed of the stability draws (default: the study's priorities.seed, else 15)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = PrioritiseFormat::Text, value_name = "FORMAT")]
    pub format: PrioritiseFormat,
    /// The table to write: with --format csv one table (default: ranked); with --format
    /// xlsx only this sheet (default: both), so that a feasibility workbook is read back
    #[arg(long, value_parser = ["ranked", "feasibility"])]
    pub table: Option<String>,
    /// The study, how it is read, and where and how the report is written.
    #[command(flatten)]
    pub report: StudyReportArgs,
}
