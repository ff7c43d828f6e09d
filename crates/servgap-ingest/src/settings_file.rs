//! Reading settings files (survey and ticket mappings, instruments, calendars,
//! targets, iCal holidays) defensively, and telling TOML errors briefly.
//!
//! * Only regular files are read (a directory, device, FIFO or socket is refused before
//!   it is opened for reading), at most [`MAX_SETTINGS_BYTES`] (iCal: [`MAX_ICAL_BYTES`]),
//!   through a reader that stops one byte past the limit, so `/dev/zero` or a huge file
//!   costs nothing.
//! * A TOML error becomes `line L, column C: key `a.b`: message`, with every quoted
//!   value shortened and control characters escaped, so no message echoes a huge line.

use std::fmt::Write as _;
use std::io::{Error, ErrorKind, Read};
use std::path::Path;

/// Largest settings file read (mapping, instrument, calendar, targets): 1 MiB.
pub const MAX_SETTINGS_BYTES: u64 = 1 << 20;

/// Largest iCalendar holiday file a calendar may name: 4 MiB.
pub const MAX_ICAL_BYTES: u64 = 4 << 20;

/// Longest value (in characters) quoted whole in a settings error message.
pub const MAX_QUOTED_CHARS: usize = 60;

/// Longest settings error message body, in characters (the file name comes on top).
pub const MAX_MESSAGE_CHARS: usize = 600;

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
///
/// # Errors
/// The I/O error, or an [`ErrorKind::InvalidInput`] error when the path is not a
/// regular file or is larger than `limit`, or [`ErrorKind::InvalidData`] when it is not UTF-8.
pub fn read_settings_text(path: &Path, limit: u64) -> Result<String, Error> {
    // `metadata` follows symbolic links and does not open the file, so a FIFO cannot block us.
    let kind = std::fs::metadata(path)?;
    check_regular(&kind, limit)?;
    let file = std::fs::File::open(path)?;
    check_regular(&file.metadata()?, limit)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidData, format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
    })
}

fn check_regular(metadata: &std::fs::Metadata, limit: u64) -> Result<(), Error> {
    if !metadata.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "not a regular file (a directory, device, pipe or socket); settings are read from regular files only",
        ));
    }
    if metadata.len() > limit {
        return Err(too_large(limit));
    }
    Ok(())
}

fn too_large(limit: u64) -> Error {
    Error::new(
        ErrorKind::InvalidInput,
        format!("larger than the {} limit for this kind of file", bytes(limit)),
    )
}

fn bytes(n: u64) -> String {
    if n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

/// A TOML error as `line L, column C: key `k`: message` (parts present when known),
/// shortened with [`shorten_message`].
pub fn toml_error(text: &str, error: &toml::de::Error) -> String {
    match error.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("line {line}, column {column}: {}", toml_key_message(error))
        }
        None => toml_key_message(error),
    }
}

/// A TOML error as `key `k`: message` (the key when the error concerns one), shortened.
pub fn toml_key_message(error: &toml::de::Error) -> String {
    let mut bare = error.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let key = shown.lines().find_map(|l| l.strip_prefix("in `").and_then(|l| l.strip_suffix('`')));
    let message = error.message().trim();
    shorten_message(&match key {
        Some(key) => format!("key `{}`: {message}", shorten(key, MAX_QUOTED_CHARS)),
        None => message.to_owned(),
    })
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before.get(start..).map_or(0, |s| s.chars().count()) + 1)
}

/// Escapes control characters and cuts `text` to `max` characters, stating the full length.
/// Text shortened before is left as it is (so the length stated stays the original one).
pub fn shorten(text: &str, max: usize) -> String {
    let count = text.chars().count();
    let already =
        text.rfind("… (").filter(|&i| text.ends_with(" characters)") && text[..i].chars().count() <= max);
    if already.is_some() {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars().take(max) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if count > max {
        let _ = write!(out, "… ({count} characters)");
    }
    out
}

/// Shortens every backquoted value longer than [`MAX_QUOTED_CHARS`], escapes control
/// characters, and cuts the whole to [`MAX_MESSAGE_CHARS`].
pub fn shorten_message(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&shorten(part, MAX_QUOTED_CHARS));
        } else {
            out.push_str(&shorten(part, MAX_MESSAGE_CHARS));
        }
    }
    shorten(&out, MAX_MESSAGE_CHARS)
}

/// Accepts a delimiter byte unless it cannot separate fields: `"` opens quoted fields,
/// CR and LF end rows, NUL ends text, and ASCII letters and digits occur inside
/// answers and numbers.
///
/// # Errors
/// [`crate::IngestError::ImpossibleDelimiter`] naming the byte and the reason.
pub fn check_delimiter(byte: u8) -> Result<u8, crate::IngestError> {
    let reason = match byte {
        b'"' => "a double quote starts and ends quoted fields",
        b'\r' | b'\n' => "line breaks end rows",
        0 => "NUL is not text",
        b if b.is_ascii_alphanumeric() => "letters and digits occur inside answers and numbers",
        _ => return Ok(byte),
    };
    Err(crate::IngestError::ImpossibleDelimiter {
        given: char::from(byte).escape_default().to_string(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_11_settings_reader_refuses_devices_directories_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_settings_text(Path::new("/dev/zero"), MAX_SETTINGS_BYTES).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let err = read_settings_text(dir.path(), MAX_SETTINGS_BYTES).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; 2049]).unwrap();
        let err = read_settings_text(&big, 2048).unwrap_err();
        assert!(err.to_string().contains("larger than the 2048 bytes limit"), "{err}");
        assert_eq!(read_settings_text(&big, 4096).unwrap().len(), 2049);
    }

    #[test]
    fn issue_11_long_values_and_control_characters_are_shortened_in_messages() {
        let long = "x".repeat(10_000);
        let message = shorten_message(&format!("unknown field `{long}\u{0}`, expected `zone`"));
        assert!(message.len() < 200, "{message}");
        assert!(message.contains("(10001 characters)") && message.ends_with("expected `zone`"), "{message}");
        assert_eq!(shorten("a\rb", 10), "a\\rb");
        assert_eq!(shorten_message(&message), message, "shortening twice changes nothing");
    }

    #[test]
    fn issue_11_impossible_delimiters_are_rejected() {
        for text in ["\"", "\r", "\n", "a", "Z", "7"] {
            let err = crate::parse_delimiter(text).unwrap_err();
            assert!(matches!(err, crate::IngestError::ImpossibleDelimiter { .. }), "{text:?}: {err}");
            assert!(err.to_string().starts_with("delimiter `"), "{err}");
        }
        assert_eq!(crate::parse_delimiter(";").unwrap(), b';');
        assert_eq!(crate::parse_delimiter("tab").unwrap(), b'\t');
        assert_eq!(crate::parse_delimiter("|").unwrap(), b'|');
    }
}
