//! The accepted ticket ids of one pass, kept compactly, to tell after the pass whether
//! some id is on two rows.

use std::hash::BuildHasher;

/// Seed of the id hash: fixed, so every reader thread hashes an id alike.
const ID_SEED: u64 = 0x5e7_9a9_1d5;

/// Accepted ticket ids of a ticket-per-row file.
///
/// An id written as a canonical decimal integer (digits only, no leading zero, at most 19
/// digits) is kept in runs of consecutive integers, so an export numbered 1, 2, 3 … costs
/// a few runs per block instead of 8 bytes a ticket. Any other id is kept as a 64-bit hash.
/// Two equal ids are always in the same form (the form depends on the text only).
#[derive(Debug, Default, Clone)]
pub(super) struct IdLedger {
    /// `(first, last)` of each run of consecutive integer ids, in the order read.
    runs: Vec<(u64, u64)>,
    /// Hashes of the other ids.
    hashes: Vec<u64>,
}

impl IdLedger {
    /// Records one accepted id.
    pub(super) fn record(&mut self, id: &str) {
        match canonical_integer(id) {
            Some(n) => match self.runs.last_mut() {
                Some((_, last)) if last.checked_add(1) == Some(n) => *last = n,
                _ => self.runs.push((n, n)),
            },
            None => self.hashes.push(foldhash::fast::FixedState::with_seed(ID_SEED).hash_one(id)),
        }
    }

    /// Adds the ids of another ledger (another reader thread).
    pub(super) fn append(&mut self, mut other: IdLedger) {
        self.runs.append(&mut other.runs);
        self.hashes.append(&mut other.hashes);
    }

    /// True when some id may be on two rows: two integer runs overlap (certain), or two
    /// hashes are equal (a hint; the caller re-reads comparing the exact ids).
    pub(super) fn may_repeat(mut self) -> bool {
        self.runs.sort_unstable();
        let overlap = self.runs.windows(2).any(|w| w[1].0 <= w[0].1);
        self.hashes.sort_unstable();
        overlap || self.hashes.windows(2).any(|w| w[0] == w[1])
    }
}

/// The value of an id written as a canonical decimal integer: ASCII digits only, no
/// leading zero (except `0` itself), at most 19 digits (so it fits a `u64`); else `None`.
/// Only canonical ids qualify, so that `7` and `007` stay different ids.
fn canonical_integer(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    let canonical = matches!(bytes.len(), 1..=19)
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes.len() == 1 || bytes[0] != b'0');
    if !canonical {
        return None;
    }
    Some(bytes.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(ids: &[&str]) -> bool {
        let mut ledger = IdLedger::default();
        ids.iter().for_each(|id| ledger.record(id));
        ledger.may_repeat()
    }

    #[test]
    fn canonical_integers_only() {
        assert_eq!(canonical_integer("0"), Some(0));
        assert_eq!(canonical_integer("1234"), Some(1234));
        assert_eq!(canonical_integer("9999999999999999999"), Some(9_999_999_999_999_999_999));
        assert_eq!(canonical_integer("10000000000000000000"), None);
        assert_eq!(canonical_integer("007"), None);
        assert_eq!(canonical_integer(""), None);
        assert_eq!(canonical_integer("12a"), None);
        assert_eq!(canonical_integer("-3"), None);
        assert_eq!(canonical_integer("٣"), None);
    }

    #[test]
    fn consecutive_ids_are_one_run() {
        let mut ledger = IdLedger::default();
        for n in 1..=1000u64 {
            ledger.record(&n.to_string());
        }
        assert_eq!(ledger.runs, vec![(1, 1000)]);
        assert!(ledger.hashes.is_empty());
    }

    #[test]
    fn repeated_ids_are_found_in_every_form() {
        assert!(!repeats(&["1", "2", "3", "007", "7", "INC-1", "INC-2"]));
        assert!(repeats(&["1", "2", "3", "2"]));
        assert!(repeats(&["5", "6", "7", "1", "2", "6"]));
        assert!(repeats(&["INC-1", "INC-2", "INC-1"]));
        assert!(repeats(&["007", "8", "007"]));
        assert!(repeats(&["18446744073709551615", "18446744073709551615"]));
    }

    #[test]
    fn ledgers_of_two_threads_are_checked_together() {
        let (mut a, mut b) = (IdLedger::default(), IdLedger::default());
        ["1", "2", "3"].iter().for_each(|id| a.record(id));
        ["4", "5", "6"].iter().for_each(|id| b.record(id));
        let mut both = a.clone();
        both.append(b.clone());
        assert!(!both.may_repeat());
        b.record("2");
        a.append(b);
        assert!(a.may_repeat());
    }
}
