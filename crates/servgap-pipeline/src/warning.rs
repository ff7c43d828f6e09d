//! Warnings: things a user should know about a result that is still produced.
//!
//! A pipeline returns them as values beside the result; the front end decides how to
//! show them (the command line prints `warning: ...` on standard error).

use std::fmt;

/// Something worth telling the user about a result that was still produced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The ticket file had rows, but every ticket broke a rule: the report lists only rejections.
    NoTicketPassed {
        /// Data rows read.
        rows: u64,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::NoTicketPassed { rows } => {
                write!(f, "no ticket passed the rules (data rows read: {rows}); see the data-quality section")
            }
        }
    }
}
