//! Mapping files (TOML): which column holds which answer, how to read the file,
//! and what text answers mean. The format is documented in `docs/mapping-format.md`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use servgap_core::instrument::{Battery, Instrument};

use crate::cell::{Decimal, LabelValue, ValueLabels};
use crate::settings_file::{
    read_settings_text, shorten, shorten_message, toml_error, MAX_QUOTED_CHARS, MAX_SETTINGS_BYTES,
};
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
    /// The numbers `[value_labels]` gives, as `(label, number)` in file order (checked
    /// against the instrument's scales by [`Mapping::check_against`]).
    pub value_label_numbers: Vec<(String, i64)>,
    /// The numbers `[overall_labels]` gives, as `(label, number)`.
    pub overall_label_numbers: Vec<(String, i64)>,
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

/// Labels with their meanings and the numbers given; refuses two labels that are equal
/// after case folding and space trimming (the reader could not tell them apart).
fn labels(
    table: &BTreeMap<String, toml::Value>,
    key: &str,
) -> Result<(ValueLabels, Vec<(String, i64)>), String> {
    let mut out = ValueLabels::new();
    let mut numbers = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (text, value) in table {
        let shown = shorten(text, MAX_QUOTED_CHARS);
        let meaning = match value {
            toml::Value::Integer(v) => LabelValue::Number(*v),
            toml::Value::String(s) if s.eq_ignore_ascii_case("missing") => LabelValue::Missing,
            other => {
                return Err(format!(
                    "key `{key}.\"{shown}\"`: expected a whole number or \"missing\", found `{other}`"
                ))
            }
        };
        if out.get(text).is_some() {
            let first = seen.iter().find(|s| {
                let mut one = ValueLabels::new();
                one.insert(s, LabelValue::Missing);
                one.get(text).is_some()
            });
            return Err(format!(
                "key `{key}.\"{shown}\"`: the same label as `{key}.\"{}\"` (labels match ignoring case and extra spaces)",
                shorten(first.copied().unwrap_or_default(), MAX_QUOTED_CHARS)
            ));
        }
        if let LabelValue::Number(n) = meaning {
            numbers.push((text.clone(), n));
        }
        seen.push(text);
        out.insert(text, meaning);
    }
    Ok((out, numbers))
}

/// Refuses one column named for two answers (e.g. both E and P of an item).
fn check_columns_unique(raw: &RawMapping) -> Result<(), String> {
    let mut named: Vec<(String, &str)> = Vec::new();
    for (key, column) in [
        ("columns.id", &raw.columns.id),
        ("columns.overall", &raw.columns.overall),
        ("columns.segment", &raw.columns.segment),
    ] {
        if let Some(c) = column {
            named.push((key.to_owned(), c));
        }
    }
    for (item, columns) in &raw.items {
        for (battery, column) in columns {
            named.push((format!("items.{item}.{battery}"), column));
        }
    }
    for (dimension, column) in &raw.importance {
        named.push((format!("importance.{dimension}"), column));
    }
    let mut seen: HashMap<Vec<char>, &str> = HashMap::new();
    for (key, column) in &named {
        if let Some(first) = seen.insert(fold(column), key) {
            return Err(format!(
                "key `{}`: column `{}` is already named by `{}`; a column holds one answer",
                shorten(key, MAX_QUOTED_CHARS),
                shorten(column, MAX_QUOTED_CHARS),
                shorten(first, MAX_QUOTED_CHARS)
            ));
        }
    }
    Ok(())
}

impl Mapping {
    /// Reads and parses a mapping file.
    ///
    /// # Errors
    /// [`IngestError::Io`] when the file cannot be read, [`IngestError::Mapping`]
    /// when it is not a valid mapping (the message names the key).
    pub fn load(path: &Path) -> Result<Self, IngestError> {
        let text = read_settings_text(path, MAX_SETTINGS_BYTES).map_err(crate::source::io_error(path))?;
        Self::parse(&text, path)
    }

    /// Checks the label numbers against the instrument: `[value_labels]` numbers must
    /// lie on the rating scale (or in 0–100 when the instrument collects importance
    /// points), `[overall_labels]` numbers on the overall scale (when there is one).
    ///
    /// # Errors
    /// [`IngestError::Mapping`] naming the key, the number and the scale.
    pub fn check_against(&self, instrument: &Instrument) -> Result<(), IngestError> {
        let scale = instrument.scale();
        let on_rating = |n: i64| {
            i16::try_from(n).is_ok_and(|v| scale.contains(v))
                || instrument.has_importance() && (0..=100).contains(&n)
        };
        let rating_range = if instrument.has_importance() {
            format!("the rating scale {}..={} or importance points 0..=100", scale.min(), scale.max())
        } else {
            format!("the rating scale {}..={}", scale.min(), scale.max())
        };
        let off = |key: &str, label: &str, n: i64, range: &str| IngestError::Mapping {
            mapping: self.path.clone(),
            message: format!(
                "key `{key}.\"{}\"`: {n} is off {range} of instrument `{}`",
                shorten(label, MAX_QUOTED_CHARS),
                shorten(instrument.id(), MAX_QUOTED_CHARS)
            ),
        };
        if let Some((label, n)) = self.value_label_numbers.iter().find(|(_, n)| !on_rating(*n)) {
            return Err(off("value_labels", label, *n, &rating_range));
        }
        if let Some(overall) = instrument.overall() {
            let range = format!("the overall scale {}..={}", overall.min(), overall.max());
            let on_overall = |n: i64| i16::try_from(n).is_ok_and(|v| overall.contains(v));
            if let Some((label, n)) = self.overall_label_numbers.iter().find(|(_, n)| !on_overall(*n)) {
                return Err(off("overall_labels", label, *n, &range));
            }
        }
        Ok(())
    }

    /// Parses mapping text; `path` names the file in error messages.
    ///
    /// # Errors
    /// [`IngestError::Mapping`] for invalid TOML, unknown keys or wrong values.
    pub fn parse(text: &str, path: &Path) -> Result<Self, IngestError> {
        let mapping_error = |message: String| IngestError::Mapping {
            mapping: path.to_owned(),
            message: shorten_message(&message),
        };
        let raw: RawMapping = toml::from_str(text).map_err(|e| mapping_error(toml_error(text, &e)))?;
        check_columns_unique(&raw).map_err(mapping_error)?;
        let (value_labels, value_label_numbers) =
            labels(&raw.value_labels, "value_labels").map_err(mapping_error)?;
        let (overall_labels, overall_label_numbers) =
            labels(&raw.overall_labels, "overall_labels").map_err(mapping_error)?;

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
            value_labels,
            overall_labels,
            value_label_numbers,
            overall_label_numbers,
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
