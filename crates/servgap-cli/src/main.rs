//! `servgap`: SERVQUAL and service-gap analysis from the command line.
//!
//! `main` only parses arguments, dispatches to a subcommand module and maps
//! errors to the documented exit codes. Each subcommand module turns its arguments
//! into a `servgap_pipeline` request, calls the pipeline, renders the view model with
//! `servgap_report` and writes the result; none composes ingest, core and report itself.

mod analyze;
mod args;
mod compare;
mod diagnose;
mod inspect;
mod instrument;
mod kpi;
mod output;
mod plan;
mod prioritise;
mod prioritise_args;
mod progress;
mod shared_args;
mod study;

use std::process::ExitCode;

use clap::Parser;
use servgap_pipeline::{PipelineError, Warning};

use args::{Cli, Command};

/// Exit codes, documented in the README and in `--help`.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The command failed: unreadable file, bad instrument or mapping, write error.
    pub const FAILURE: u8 = 1;
    /// Invalid command-line usage (clap's own code).
    pub const USAGE: u8 = 2;
    /// `--strict` and the data broke a validation rule, or no data row could be used
    /// (every row rejected, or a header-only file); nothing was written.
    pub const INVALID_DATA: u8 = 3;
}

/// An error that knows its exit code.
#[derive(Debug)]
pub struct InvalidData(pub String);

impl std::fmt::Display for InvalidData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidData {}

/// What to do instead of `--strict` when a survey breaks a validation rule.
pub const SURVEY_STRICT_HINT: &str = "run without --strict to apply the missing-data policy";

/// A pipeline error for `main`: data that broke a rule under `--strict` becomes
/// [`InvalidData`] (exit code 3) with `hint`; anything else stays a failure (exit code 1).
pub fn pipeline_error(error: PipelineError, hint: &str) -> anyhow::Error {
    if error.is_strict_rejection() {
        InvalidData(format!("{error}; nothing was written ({hint})")).into()
    } else if error.is_invalid_data() {
        InvalidData(format!("{error}; nothing was written")).into()
    } else {
        error.into()
    }
}

/// Prints the pipeline's warnings on standard error, one line each.
pub fn print_warnings(warnings: &[Warning]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// `--format pdf`: prints `html` with headless Chromium and writes the PDF to `output`
/// (standard output when `None`).
pub fn write_pdf(html: &str, destination: &output::Destination) -> anyhow::Result<()> {
    let bytes = servgap_pipeline::pdf::print_pdf(html)?;
    destination.write(&bytes)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Instrument(a) => instrument::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Kpi(a) => kpi::run(a),
        Command::Study(a) => study::run(a),
        Command::Diagnose(a) => diagnose::run(a),
        Command::Prioritise(a) => prioritise::run(a),
        Command::Plan(a) => plan::run(a),
        Command::Progress(a) => progress::run(a),
    };
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(error) => {
            eprintln!("error: {error:#}");
            if error.downcast_ref::<InvalidData>().is_some() {
                ExitCode::from(exit::INVALID_DATA)
            } else {
                ExitCode::from(exit::FAILURE)
            }
        }
    }
}
