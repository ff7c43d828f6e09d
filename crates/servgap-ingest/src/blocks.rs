//! The worker pool of the fast readers: blocks of whole lines, parsed on several
//! threads, each into its own mergeable state.
//!
//! Both fast readers (survey scans and ticket imports) cut the file into blocks
//! that end at a newline and hand them to workers in order. A worker that meets a
//! finding in strict mode marks its block as the last one worth reading, so the
//! earliest finding wins whatever the thread timing; an error stops everything.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use crate::source::io_error;
use crate::text::count_line_breaks;
use crate::IngestError;

/// A run of whole lines from the file.
pub(crate) struct Block {
    /// Position in the file, 0 for the first block.
    pub index: u64,
    /// 1-based file line of the block's first line.
    pub line: u64,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// What a block parser says after a block.
pub(crate) type Parsed = Result<bool, IngestError>;

/// Produces blocks in file order into a sink (which returns false to stop early);
/// returns false when the data turned out not to suit the fast reader.
pub(crate) type Producer<'a> = dyn FnMut(&mut dyn FnMut(Block) -> Parsed) -> Parsed + 'a;

/// Parses the blocks from `produce` on `threads` workers.
///
/// Each worker starts from `new_state()` and calls `parse(state, block)`, which
/// returns `Ok(false)` when a strict-mode finding makes later blocks pointless.
/// Returns the workers' states (to be merged by the caller), or `None` when the
/// producer found the data unsuitable for the fast reader.
///
/// Whatever the thread timing, the earliest event in file order wins: a block with
/// a strict-mode finding or an error stops every later block (they are skipped, not
/// parsed), while earlier blocks are still parsed in full, so an error or finding
/// in an earlier block takes precedence. A producer error (a read error, a line over
/// the length limit) counts as an event at the block it was producing. Workers drain
/// the channel until the producer is done and the receiver is owned by the workers
/// alone, so the producer can never wait on a full channel nobody reads (issue 11).
///
/// # Errors
/// The earliest parse or read error, or a panicked worker (reported as an I/O error on `path`).
pub(crate) fn parse_in_parallel<S: Send>(
    path: &Path,
    threads: usize,
    produce: &mut Producer<'_>,
    new_state: &(dyn Fn() -> Result<S, IngestError> + Sync),
    parse: &(dyn Fn(&mut S, &Block) -> Parsed + Sync),
) -> Result<Option<Vec<S>>, IngestError> {
    if threads <= 1 {
        let mut state = new_state()?;
        let plain = produce(&mut |block: Block| parse(&mut state, &block))?;
        return Ok(plain.then(|| vec![state]));
    }
    let (tx, rx) = mpsc::sync_channel::<Block>(threads);
    let rx = Arc::new(Mutex::new(rx));
    // The index of the earliest block with a strict-mode finding or an error; later blocks are skipped.
    let stop_at = AtomicU64::new(u64::MAX);
    let first_error: Mutex<Option<(u64, IngestError)>> = Mutex::new(None);
    let fail = |index: u64, error: IngestError| {
        stop_at.fetch_min(index, Ordering::SeqCst);
        if let Ok(mut slot) = first_error.lock() {
            if slot.as_ref().is_none_or(|(at, _)| index < *at) {
                *slot = Some((index, error));
            }
        }
    };
    let outcome = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = Arc::clone(&rx);
                let (stop_at, fail) = (&stop_at, &fail);
                scope.spawn(move || -> Result<S, IngestError> {
                    let mut state = new_state()?;
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok(block) = next else { break };
                        if block.index > stop_at.load(Ordering::SeqCst) {
                            continue;
                        }
                        match parse(&mut state, &block) {
                            Ok(true) => {}
                            Ok(false) => {
                                stop_at.fetch_min(block.index, Ordering::SeqCst);
                            }
                            Err(e) => fail(block.index, e),
                        }
                    }
                    Ok(state)
                })
            })
            .collect();
        // Only the workers hold the receiver: if they all end, a send fails instead of blocking.
        drop(rx);
        let mut next_index = 0;
        let produced = produce(&mut |block: Block| {
            next_index = block.index + 1;
            if block.index > stop_at.load(Ordering::SeqCst) {
                return Ok(false);
            }
            Ok(tx.send(block).is_ok())
        });
        drop(tx);
        let produced = match produced {
            Ok(plain) => plain,
            Err(e) => {
                fail(next_index, e);
                true
            }
        };
        let mut states = Vec::with_capacity(threads);
        for worker in workers {
            let joined = worker.join().map_err(|_| IngestError::Io {
                path: path.to_owned(),
                source: std::io::Error::other("a reader thread panicked"),
            })?;
            states.push(joined?);
        }
        Ok(produced.then_some(states))
    });
    // An error wins unless a strict-mode finding in an earlier block stopped the run first.
    if let Some((at, error)) = first_error.into_inner().ok().flatten() {
        if at <= stop_at.load(Ordering::SeqCst) {
            return Err(error);
        }
    }
    outcome
}

/// How a block reader numbers rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// File lines (`\r`, `\n` and `\r\n` each end one), as survey findings count rows.
    Lines,
    /// Records (non-empty lines), as ticket findings count rows.
    Records,
}

impl Numbering {
    /// Rows a block of whole lines advances the count by.
    pub(crate) fn rows_in(self, bytes: &[u8]) -> u64 {
        match self {
            Numbering::Lines => count_line_breaks(0, bytes),
            Numbering::Records => {
                let mut records = 0;
                let mut start = 0;
                for at in memchr::memchr2_iter(b'\r', b'\n', bytes) {
                    records += u64::from(at > start);
                    start = at + 1;
                }
                records + u64::from(start < bytes.len())
            }
        }
    }
}

/// Where to cut a buffer so that it holds whole lines: after its last `\n`, or after
/// its last `\r` if a byte follows it (so a `\r\n` is never split across blocks).
fn cut_point(buf: &[u8]) -> Option<usize> {
    match buf.last() {
        Some(b'\n') => Some(buf.len()),
        Some(_) => memchr::memrchr2(b'\r', b'\n', &buf[..buf.len() - 1]).map(|p| p + 1),
        None => None,
    }
}

/// Reads `len` more bytes (or to end of file) into `buf`; true at end of file.
fn fill(file: &mut File, buf: &mut Vec<u8>, len: usize, path: &Path) -> Result<bool, IngestError> {
    let target = buf.len() + len;
    while buf.len() < target {
        let got = file.by_ref().take((target - buf.len()) as u64).read_to_end(buf).map_err(io_error(path))?;
        if got == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The file side of a fast reader: where data starts and how to cut it.
pub(crate) struct BlockFile<'a> {
    /// The file, positioned at the first data byte (which is not a line terminator).
    pub file: File,
    /// Its path, for messages.
    pub path: &'a Path,
    /// Bytes per block (at least 64).
    pub block_size: usize,
    /// Longest row: a line growing past it without a terminator is an error.
    pub max_row_bytes: usize,
    /// Row number of the first data line.
    pub first_row: u64,
    /// How rows are counted.
    pub numbering: Numbering,
}

/// Cuts the file into blocks of whole lines, in order, into `sink` (which returns
/// false to stop), calling `progress(bytes done)` after each block. Returns false
/// when the data holds a quote character (the general reader must read it).
///
/// Memory: one block plus at most one line of up to `max_row_bytes`; a longer line
/// is [`IngestError::RowTooLong`] as soon as it is seen, before more of it is read.
pub(crate) fn produce_blocks(
    source: &mut BlockFile<'_>,
    sink: &mut dyn FnMut(Block) -> Parsed,
    progress: &mut dyn FnMut(u64),
) -> Parsed {
    let block_size = source.block_size.max(64);
    let mut carry: Vec<u8> = Vec::new();
    let mut row = source.first_row;
    let mut index = 0;
    loop {
        let mut buf = Vec::with_capacity(block_size + carry.len());
        buf.append(&mut carry);
        let eof = fill(&mut source.file, &mut buf, block_size, source.path)?;
        if buf.is_empty() {
            return Ok(true);
        }
        let cut = match (eof, cut_point(&buf)) {
            (true, _) => buf.len(),
            (false, Some(cut)) => cut,
            (false, None) => {
                let line = buf.len() - usize::from(buf.last() == Some(&b'\r'));
                if line > source.max_row_bytes {
                    if memchr::memchr(b'"', &buf).is_some() {
                        return Ok(false);
                    }
                    return Err(IngestError::RowTooLong {
                        path: source.path.to_owned(),
                        row,
                        limit: source.max_row_bytes,
                    });
                }
                carry = buf;
                continue;
            }
        };
        carry = buf.split_off(cut);
        if memchr::memchr(b'"', &buf).is_some() {
            return Ok(false);
        }
        let rows = source.numbering.rows_in(&buf);
        let done = buf.len() as u64;
        if !sink(Block { index, line: row, bytes: buf })? {
            return Ok(true);
        }
        progress(done);
        row += rows;
        index += 1;
        if eof {
            return Ok(true);
        }
    }
}
