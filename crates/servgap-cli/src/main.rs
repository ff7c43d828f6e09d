//! `servgap`: SERVQUAL and service-gap analysis from the command line.
//!
//! `main` only parses arguments, dispatches to a subcommand module and maps
//! errors to the documented exit codes.

mod analyze;
mod args;
mod compare;
mod inspect;
mod instrument;
mod kpi;
mod output;
mod pdf;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit codes, documented in the README and in `--help`.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The command failed: unreadable file, bad instrument or mapping, write error.
    pub const FAILURE: u8 = 1;
    /// Invalid command-line usage (clap's own code).
    pub const USAGE: u8 = 2;
    /// `--strict` and the data broke a validation rule; nothing was written.
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Instrument(a) => instrument::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Kpi(a) => kpi::run(a),
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
