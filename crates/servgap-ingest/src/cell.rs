//! Turning one cell's text into a number: integers, integral floats (`76.0`),
//! decimal commas, and value labels ("Strongly agree" → 7, "Don't know" → missing).

use std::collections::HashMap;

/// The decimal separator of numbers in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decimal {
    /// `4.5`
    #[default]
    Point,
    /// `4,5` (common in `;`-separated exports from European locales).
    Comma,
}

impl Decimal {
    /// The separator character.
    pub fn as_char(self) -> char {
        match self {
            Decimal::Point => '.',
            Decimal::Comma => ',',
        }
    }

    /// Parses `.`/`point` or `,`/`comma`.
    pub fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "." | "point" | "dot" => Some(Decimal::Point),
            "," | "comma" => Some(Decimal::Comma),
            _ => None,
        }
    }
}

/// What a value label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelValue {
    /// A number on the scale.
    Number(i64),
    /// A deliberate non-answer ("Don't know"): treated as missing, without a finding.
    Missing,
}

/// Text answers and what they mean, matched case-insensitively after trimming.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueLabels {
    labels: HashMap<String, LabelValue>,
}

impl ValueLabels {
    /// No labels.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a label.
    pub fn insert(&mut self, text: &str, value: LabelValue) {
        self.labels.insert(normalise_label(text), value);
    }

    /// The meaning of `text`, if it is a label.
    pub fn get(&self, text: &str) -> Option<LabelValue> {
        if self.labels.is_empty() {
            return None;
        }
        self.labels.get(&normalise_label(text)).copied()
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when there are no labels.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

fn normalise_label(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A cell after parsing, before it is checked against a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// A whole number.
    Whole(i64),
    /// A finite number with a fractional part.
    Fraction,
    /// An empty cell.
    Blank,
    /// A label meaning "no answer".
    Missing,
    /// Text that is neither a number nor a label.
    NotANumber,
}

/// Parses ASCII digits with an optional sign and an optional all-zero fraction (`76.0`).
/// Returns `None` for anything else, which then goes to [`parse_general`].
#[inline]
pub(crate) fn parse_fast(bytes: &[u8], decimal: u8) -> Option<i64> {
    let (negative, digits) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut value: i64 = 0;
    let mut i = 0;
    while i < digits.len() {
        let d = digits[i].wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        value = value * 10 + i64::from(d);
        i += 1;
    }
    if i == 0 {
        return None;
    }
    if i < digits.len() {
        if digits[i] != decimal || i + 1 == digits.len() {
            return None;
        }
        if !digits[i + 1..].iter().all(|&b| b == b'0') {
            return None;
        }
    }
    Some(if negative { -value } else { value })
}

/// Trims ASCII spaces and tabs (and a stray `\r`) from both ends.
#[inline]
pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    let mut start = 0;
    let mut end = bytes.len();
    while start < end && matches!(bytes[start], b' ' | b'\t' | b'\r') {
        start += 1;
    }
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    &bytes[start..end]
}

/// Parses a cell's text (already trimmed): the fast integer path, then value
/// labels, then a general number parse honouring the decimal separator.
#[inline]
pub(crate) fn parse_text(bytes: &[u8], decimal: Decimal, labels: &ValueLabels) -> Parsed {
    if bytes.is_empty() {
        return Parsed::Blank;
    }
    let sep = if decimal == Decimal::Comma { b',' } else { b'.' };
    if let Some(v) = parse_fast(bytes, sep) {
        return Parsed::Whole(v);
    }
    parse_general(bytes, decimal, labels)
}

#[cold]
fn parse_general(bytes: &[u8], decimal: Decimal, labels: &ValueLabels) -> Parsed {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if text.is_empty() {
        return Parsed::Blank;
    }
    if let Some(label) = labels.get(text) {
        return match label {
            LabelValue::Number(v) => Parsed::Whole(v),
            LabelValue::Missing => Parsed::Missing,
        };
    }
    let normalised = match decimal {
        Decimal::Comma => text.replace(',', "."),
        Decimal::Point => text.to_owned(),
    };
    // Only plain decimal notation: no hex, no `inf`/`nan`, no thousands separators.
    let plain =
        normalised.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
            && normalised.bytes().any(|b| b.is_ascii_digit());
    if !plain {
        return Parsed::NotANumber;
    }
    parse_float(&normalised)
}

/// Classifies a float read from text or a spreadsheet cell.
pub(crate) fn parse_float(text: &str) -> Parsed {
    match text.parse::<f64>() {
        Ok(v) => classify_number(v),
        Err(_) => Parsed::NotANumber,
    }
}

/// A spreadsheet or text number: whole, fraction, or not a number (NaN/∞).
pub(crate) fn classify_number(v: f64) -> Parsed {
    if !v.is_finite() {
        Parsed::NotANumber
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        Parsed::Whole(v as i64)
    } else {
        Parsed::Fraction
    }
}

#[cfg(test)]
mod tests;
