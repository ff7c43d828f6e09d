//! Mapping files (TOML): which column holds which answer, how to read the file,
//! and what text answers mean. The format is documented in `docs/mapping-format.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use servgap_core::instrument::Battery;

use crate::cell::{Decimal, LabelValue, ValueLabels};
use crate::source::{parse_delimiter, ReadOptions};
use crate::IngestError;

/// A parsed mapping file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// The file it came from (named in error messages).
    pub path: PathBuf,
    /// Reading options (encoding, delimiter, decimal, header row, skipped rows, sheet).
    pub read: ReadOptions,
    /// Whether the built-in header patterns fill slots the mapping leaves open (default true).
    pub detect: bool,
    /// Respondent id column.
    pub id: Option<String>,
    /// Overall-satisfaction column.
    pub overall: Option<String>,
    /// Segment column (results per distinct value, plus the total).
    pub segment: Option<String>,
    /// Header patterns per battery, e.g. `(Expected, "e{item}")`.
    pub patterns: Vec<(Battery, String)>,
    /// Header pattern for importance points, e.g. `imp_{dimension}`.
    pub importance_pattern: Option<String>,
    /// Explicit rating columns: `(item id, battery, column)`.
    pub items: Vec<(String, Battery, String)>,
    /// Explicit importance columns: `(dimension id, column)`.
    pub importance: Vec<(String, String)>,
    /// Text answers of rating and importance cells and their meaning.
    pub value_labels: ValueLabels,
    /// Text answers of the overall cell and their meaning.
    pub overall_labels: ValueLabels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    encoding: Option<String>,
    delimiter: Option<String>,
    decimal: Option<String>,
    header_row: Option<u64>,
    skip_rows: Option<u64>,
    sheet: Option<String>,
    detect: Option<bool>,
    #[serde(default)]
    columns: RawColumns,
    #[serde(default)]
    patterns: RawPatterns,
    #[serde(default)]
    items: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    importance: BTreeMap<String, String>,
    #[serde(default)]
    value_labels: BTreeMap<String, toml::Value>,
    #[serde(default)]
    overall_labels: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumns {
    id: Option<String>,
    overall: Option<String>,
    segment: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPatterns {
    expected: Option<String>,
    perceived: Option<String>,
    minimum: Option<String>,
    desired: Option<String>,
    importance: Option<String>,
}

/// Parses a battery key: `E`/`expected`, `P`/`perceived`, `A`/`minimum`, `D`/`desired`.
pub(crate) fn battery_key(key: &str) -> Option<Battery> {
    match key.to_ascii_lowercase().as_str() {
        "e" | "expected" | "expectation" => Some(Battery::Expected),
        "p" | "perceived" | "perception" => Some(Battery::Perceived),
        "a" | "min" | "minimum" | "adequate" => Some(Battery::Minimum),
        "d" | "des" | "desired" => Some(Battery::Desired),
        _ => None,
    }
}

fn labels(table: &BTreeMap<String, toml::Value>, key: &str, path: &Path) -> Result<ValueLabels, IngestError> {
    let mut out = ValueLabels::new();
    for (text, value) in table {
        let meaning = match value {
            toml::Value::Integer(v) => LabelValue::Number(*v),
            toml::Value::String(s) if s.eq_ignore_ascii_case("missing") => LabelValue::Missing,
            other => {
                return Err(IngestError::Mapping {
                    mapping: path.to_owned(),
                    message: format!(
                        "key `{key}.\"{text}\"`: expected a whole number or \"missing\", found `{other}`"
                    ),
                })
            }
        };
        out.insert(text, meaning);
    }
    Ok(out)
}

impl Mapping {
    /// Reads and parses a mapping file.
    ///
    /// # Errors
    /// [`IngestError::Io`] when the file cannot be read, [`IngestError::Mapping`]
    /// when it is not a valid mapping (the message names the key).
    pub fn load(path: &Path) -> Result<Self, IngestError> {
        let text = std::fs::read_to_string(path).map_err(crate::source::io_error(path))?;
        Self::parse(&text, path)
    }

    /// Parses mapping text; `path` names the file in error messages.
    ///
    /// # Errors
    /// [`IngestError::Mapping`] for invalid TOML, unknown keys or wrong values.
    pub fn parse(text: &str, path: &Path) -> Result<Self, IngestError> {
        let mapping_error = |message: String| IngestError::Mapping { mapping: path.to_owned(), message };
        let raw: RawMapping =
            toml::from_str(text).map_err(|e| mapping_error(e.to_string().trim_end().to_owned()))?;

        let delimiter = raw
            .delimiter
            .as_deref()
            .map(parse_delimiter)
            .transpose()
            .map_err(|e| mapping_error(format!("key `delimiter`: {e}")))?;
        let decimal = match raw.decimal.as_deref() {
            None => None,
            Some(d) => Some(Decimal::from_text(d).ok_or_else(|| {
                mapping_error(format!("key `decimal`: expected \".\" or \",\", found \"{d}\""))
            })?),
        };
        if let Some(label) = &raw.encoding {
            crate::text::encoding_for_label(label)
                .map_err(|e| mapping_error(format!("key `encoding`: {e}")))?;
        }
        if raw.header_row == Some(0) {
            return Err(mapping_error("key `header_row`: rows are numbered from 1".to_owned()));
        }

        let mut patterns = Vec::new();
        for (battery, pattern) in [
            (Battery::Expected, raw.patterns.expected),
            (Battery::Perceived, raw.patterns.perceived),
            (Battery::Minimum, raw.patterns.minimum),
            (Battery::Desired, raw.patterns.desired),
        ] {
            if let Some(p) = pattern {
                if !p.contains("{item}") {
                    return Err(mapping_error(format!(
                        "key `patterns.{}`: the pattern `{p}` must contain `{{item}}`",
                        battery.name()
                    )));
                }
                patterns.push((battery, p));
            }
        }
        if let Some(p) = &raw.patterns.importance {
            if !p.contains("{dimension}") {
                return Err(mapping_error(format!(
                    "key `patterns.importance`: the pattern `{p}` must contain `{{dimension}}`"
                )));
            }
        }

        let mut items = Vec::new();
        for (item, columns) in &raw.items {
            for (key, column) in columns {
                let battery = battery_key(key).ok_or_else(|| {
                    mapping_error(format!(
                        "key `items.{item}.{key}`: unknown battery `{key}` (use E, P, A or D)"
                    ))
                })?;
                items.push((item.clone(), battery, column.clone()));
            }
        }

        Ok(Mapping {
            path: path.to_owned(),
            read: ReadOptions {
                encoding: raw.encoding,
                delimiter,
                decimal,
                header_row: raw.header_row,
                skip_rows: raw.skip_rows,
                sheet: raw.sheet,
            },
            detect: raw.detect.unwrap_or(true),
            id: raw.columns.id,
            overall: raw.columns.overall,
            segment: raw.columns.segment,
            patterns,
            importance_pattern: raw.patterns.importance,
            items,
            importance: raw.importance.into_iter().collect(),
            value_labels: labels(&raw.value_labels, "value_labels", path)?,
            overall_labels: labels(&raw.overall_labels, "overall_labels", path)?,
        })
    }
}

/// One piece of a header pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(Vec<char>),
    Item,
    Dimension,
    Any,
}

/// A header pattern such as `e{item}` or `{item}-1.*(기대 설문)`: `{item}` stands
/// for an item id, `{dimension}` for a dimension id or number, `*` for any text.
/// Matching ignores case and treats runs of whitespace as one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    tokens: Vec<Token>,
}

/// Lowercases and collapses whitespace runs to one space, trimmed.
pub(crate) fn fold(text: &str) -> Vec<char> {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.chars().flat_map(char::to_lowercase).collect()
}

impl Pattern {
    pub(crate) fn new(pattern: &str) -> Self {
        let folded: String = fold(pattern).into_iter().collect();
        let mut tokens = Vec::new();
        let mut literal = Vec::new();
        let mut rest = folded.as_str();
        while let Some(c) = rest.chars().next() {
            let (token, len) = if rest.starts_with("{item}") {
                (Some(Token::Item), 6)
            } else if rest.starts_with("{dimension}") {
                (Some(Token::Dimension), 11)
            } else if c == '*' {
                (Some(Token::Any), 1)
            } else {
                (None, c.len_utf8())
            };
            match token {
                Some(t) => {
                    if !literal.is_empty() {
                        tokens.push(Token::Literal(std::mem::take(&mut literal)));
                    }
                    tokens.push(t);
                }
                None => literal.push(c),
            }
            rest = &rest[len..];
        }
        if !literal.is_empty() {
            tokens.push(Token::Literal(literal));
        }
        Self { tokens }
    }

    /// Matches `header`; `accept(kind, capture)` says whether a `{item}` or
    /// `{dimension}` capture names something real, and returns its index.
    /// Returns the captured index.
    pub(crate) fn matches(&self, header: &str, accept: &dyn Fn(&str) -> Option<usize>) -> Option<usize> {
        let text = fold(header);
        let mut captured = None;
        if match_from(&self.tokens, &text, accept, &mut captured) {
            captured
        } else {
            None
        }
    }
}

fn match_from(
    tokens: &[Token],
    text: &[char],
    accept: &dyn Fn(&str) -> Option<usize>,
    captured: &mut Option<usize>,
) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return text.is_empty();
    };
    match first {
        Token::Literal(lit) => {
            text.starts_with(lit) && match_from(rest, &text[lit.len()..], accept, captured)
        }
        Token::Any => (0..=text.len()).any(|k| match_from(rest, &text[k..], accept, captured)),
        Token::Item | Token::Dimension => {
            for k in 1..=text.len() {
                let candidate: String = text[..k].iter().collect();
                if let Some(index) = accept(&candidate) {
                    let before = *captured;
                    *captured = Some(index);
                    if match_from(rest, &text[k..], accept, captured) {
                        return true;
                    }
                    *captured = before;
                }
            }
            false
        }
    }
}

#[cfg(test)]
mod tests;
