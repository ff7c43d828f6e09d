//! Slugs: the identities of study objects (units, departments, waves, standards,
//! promises, qualitative gaps).

use std::fmt;

use crate::CoreError;

/// Longest slug accepted, in bytes.
pub const MAX_SLUG_LEN: usize = 64;

/// A validated identifier: 1–64 characters from `a`–`z`, `0`–`9` and `-`, starting with a
/// letter or digit and not ending with `-` (e.g. `warsaw`, `customer-service`, `frt-8h`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    /// Checks `text` against the slug rule.
    ///
    /// # Errors
    /// [`CoreError::StudyObject`] naming `what` (e.g. `unit`), the value and the rule broken.
    pub fn new(what: &'static str, text: &str) -> Result<Slug, CoreError> {
        let rule = slug_rule(text);
        match rule {
            None => Ok(Slug(text.to_owned())),
            Some(rule) => {
                Err(CoreError::StudyObject { object: what, id: text.to_owned(), rule: rule.to_owned() })
            }
        }
    }

    /// A slug from a constant known to follow the rule (checked in debug builds).
    pub(crate) fn trusted(text: &'static str) -> Slug {
        debug_assert!(slug_rule(text).is_none());
        Slug(text.to_owned())
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The first slug rule `text` breaks, or `None` when it is a valid slug.
pub(crate) fn slug_rule(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return Some("is empty (a slug needs 1-64 characters)");
    }
    if text.len() > MAX_SLUG_LEN {
        return Some("is longer than 64 characters");
    }
    if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Some("has characters other than a-z, 0-9 and -");
    }
    if text.starts_with('-') || text.ends_with('-') {
        return Some("starts or ends with -");
    }
    None
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
