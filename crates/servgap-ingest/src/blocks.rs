//! The worker pool of the fast readers: blocks of whole lines, parsed on several
//! threads, each into its own mergeable state.
//!
//! Both fast readers (survey scans and ticket imports) cut the file into blocks
//! that end at a newline and hand them to workers in order. A worker that meets a
//! finding in strict mode marks its block as the last one worth reading, so the
//! earliest finding wins whatever the thread timing; an error stops everything.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};

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
/// # Errors
/// The first parse or read error, or a panicked worker (reported as an I/O error on `path`).
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
    // Strict scans: the index of the earliest block with a finding; later blocks are skipped.
    let stop_at = AtomicU64::new(u64::MAX);
    let aborted = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = Arc::clone(&rx);
                let (stop_at, aborted) = (&stop_at, &aborted);
                scope.spawn(move || -> Result<S, IngestError> {
                    let mut state = new_state()?;
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok(block) = next else { break };
                        if aborted.load(Ordering::Relaxed) || block.index > stop_at.load(Ordering::Relaxed) {
                            continue;
                        }
                        match parse(&mut state, &block) {
                            Ok(true) => {}
                            Ok(false) => {
                                stop_at.fetch_min(block.index, Ordering::Relaxed);
                            }
                            Err(e) => {
                                aborted.store(true, Ordering::Relaxed);
                                return Err(e);
                            }
                        }
                    }
                    Ok(state)
                })
            })
            .collect();
        let produced = produce(&mut |block: Block| {
            if aborted.load(Ordering::Relaxed) || block.index > stop_at.load(Ordering::Relaxed) {
                return Ok(false);
            }
            Ok(tx.send(block).is_ok())
        });
        drop(tx);
        if !matches!(produced, Ok(true)) {
            aborted.store(true, Ordering::Relaxed);
        }
        let mut states = Vec::with_capacity(threads);
        for worker in workers {
            let joined = worker.join().map_err(|_| IngestError::Io {
                path: path.to_owned(),
                source: std::io::Error::other("a reader thread panicked"),
            })?;
            states.push(joined);
        }
        if !produced? {
            return Ok(None);
        }
        states.into_iter().collect::<Result<Vec<S>, _>>().map(Some)
    })
}
