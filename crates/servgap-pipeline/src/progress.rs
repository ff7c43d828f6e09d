//! Progress of long reads, reported through a callback instead of a terminal.
//!
//! A pipeline never prints: a front end passes a [`Progress`] callback and draws a bar,
//! sends server-sent events, or ignores it ([`no_progress`]). The callback may be called
//! from reader threads, hence `Sync`.

/// How far the reading of one input file has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadProgress {
    /// Which input of the request: 0 for the only (or earlier) file, 1 for the later wave.
    pub file: usize,
    /// Bytes read so far.
    pub done: u64,
    /// Size of the file in bytes (0 when unknown, e.g. a spreadsheet).
    pub total: u64,
}

/// The callback a pipeline reports progress to.
pub type Progress<'a> = &'a (dyn Fn(ReadProgress) + Sync);

/// A callback that ignores progress.
pub fn no_progress(_: ReadProgress) {}
