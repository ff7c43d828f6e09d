//! Custom instruments in TOML: reader, writer and the rules they must follow.
//!
//! `servgap-core` has no serde, so the file format lives here. The full format is
//! documented in `docs/instrument-format.md`; in short:
//!
//! ```toml
//! id = "bank-branch-2026"
//! format = "two-column"            # two-column | three-column | perceptions-only
//! scale = { min = 1, max = 7 }
//! importance = true                # optional, default false
//! overall = { min = 1, max = 10 }  # optional
//!
//! [title]
//! en = "Branch service survey"
//!
//! [[dimension]]
//! id = "reliability"
//! name = { en = "Reliability" }
//! description = { en = "Doing what was promised." }  # optional
//!
//! [[item]]
//! id = "R1"
//! dimension = "reliability"
//! reverse = false                  # optional, default false
//! text = { en = "The branch keeps its promises." }
//! ```
//!
//! [`parse_instrument`] checks the file and names the rule broken, the file and
//! the line; [`instrument_to_toml`] writes any instrument back so that
//! `parse_instrument(&instrument_to_toml(&x), _) == Ok(x)`.
//!
//! # Examples
//!
//! ```
//! use servgap_core::builtin::servqual22;
//! use servgap_ingest::instrument_file::{instrument_to_toml, parse_instrument};
//!
//! let text = instrument_to_toml(&servqual22());
//! let parsed = parse_instrument(&text, "servqual22.toml")?;
//! assert_eq!(parsed, servqual22());
//! # Ok::<(), servgap_ingest::instrument_file::InstrumentFileError>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use servgap_core::instrument::{Dimension, Format, Instrument, InstrumentSpec, Item, Localized, Scale};
use servgap_core::CoreError;
use toml::Spanned;

#[cfg(test)]
mod tests;

/// Everything that can be wrong with an instrument file.
///
/// Every message starts with the file (the `origin` given to [`parse_instrument`])
/// and, where the problem sits on one line, `:line` (1-based).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InstrumentFileError {
    /// The file could not be read.
    #[error("{origin}: cannot read instrument file: {source}")]
    Read {
        /// The file.
        origin: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not valid TOML, or a key that is missing, unknown or of the wrong type.
    #[error("{}: {message}", at(.origin, .line, .column))]
    Syntax {
        /// The file.
        origin: String,
        /// 1-based line, when the parser reported a position.
        line: Option<usize>,
        /// 1-based column (in characters), when the parser reported a position.
        column: Option<usize>,
        /// The parser's message, e.g. ``missing field `id` ``.
        message: String,
    },
    /// `format` is not one of the known layouts.
    #[error("{origin}:{line}: unknown format `{format}`; expected `two-column`, `three-column` or `perceptions-only`")]
    UnknownFormat {
        /// The file.
        origin: String,
        /// 1-based line of the value.
        line: usize,
        /// The value given.
        format: String,
    },
    /// A scale (`scale` or `overall`) whose minimum is not below its maximum.
    #[error("{origin}:{line}: `{key}` minimum {min} must be below its maximum {max}")]
    ScaleOrder {
        /// The file.
        origin: String,
        /// 1-based line of the scale.
        line: usize,
        /// `scale` or `overall`.
        key: &'static str,
        /// Minimum given.
        min: i16,
        /// Maximum given.
        max: i16,
    },
    /// A scale with more points than [`Scale::MAX_POINTS`].
    #[error("{origin}:{line}: `{key}` {min}..{max} has {points} points; at most {limit} are allowed")]
    ScaleTooLong {
        /// The file.
        origin: String,
        /// 1-based line of the scale.
        line: usize,
        /// `scale` or `overall`.
        key: &'static str,
        /// Minimum given.
        min: i16,
        /// Maximum given.
        max: i16,
        /// Number of points, `max − min + 1`.
        points: i32,
        /// [`Scale::MAX_POINTS`].
        limit: i32,
    },
    /// An identifier that is empty or only whitespace.
    #[error("{origin}:{line}: {what} id is empty")]
    EmptyId {
        /// The file.
        origin: String,
        /// 1-based line of the id.
        line: usize,
        /// `instrument`, `dimension` or `item`.
        what: &'static str,
    },
    /// Two dimensions, or two items, with the same id.
    #[error("{origin}:{line}: duplicate {what} id `{id}` (first used on line {first_line})")]
    DuplicateId {
        /// The file.
        origin: String,
        /// 1-based line of the second use.
        line: usize,
        /// `dimension` or `item`.
        what: &'static str,
        /// The repeated id.
        id: String,
        /// 1-based line of the first use.
        first_line: usize,
    },
    /// Two ids that differ as text but name the same item or dimension when a mapping or
    /// header is matched: numeric ids compare as numbers (`1` = `01`), others ignoring
    /// case, spaces, `_`, `-` and `.` (issue 11).
    #[error(
        "{origin}:{line}: {what} id `{second}` names the same {what} as `{first}` (line {first_line}); \
         numeric ids compare as numbers, others ignoring case, spaces, `_`, `-` and `.`"
    )]
    SameId {
        /// The file.
        origin: String,
        /// 1-based line of the second id.
        line: usize,
        /// `dimension` or `item`.
        what: &'static str,
        /// The first id.
        first: String,
        /// The second id.
        second: String,
        /// 1-based line of the first id.
        first_line: usize,
    },
    /// An item naming a dimension that is not defined.
    #[error("{origin}:{line}: unknown dimension `{dimension}` in item `{item}`")]
    UnknownDimension {
        /// The file.
        origin: String,
        /// 1-based line of the item's `dimension` value.
        line: usize,
        /// The item id.
        item: String,
        /// The dimension id given.
        dimension: String,
    },
    /// A dimension that no item belongs to.
    #[error("{origin}:{line}: dimension `{id}` has no items")]
    EmptyDimension {
        /// The file.
        origin: String,
        /// 1-based line of the dimension's id.
        line: usize,
        /// The dimension id.
        id: String,
    },
    /// No `[[dimension]]` table.
    #[error("{origin}: no dimensions; add at least one [[dimension]] table")]
    NoDimensions {
        /// The file.
        origin: String,
    },
    /// No `[[item]]` table.
    #[error("{origin}: no items; add at least one [[item]] table")]
    NoItems {
        /// The file.
        origin: String,
    },
    /// A required text (title, dimension name, item text) with no language.
    #[error("{origin}:{line}: {field} is empty; give it in at least one language")]
    MissingText {
        /// The file.
        origin: String,
        /// 1-based line of the table.
        line: usize,
        /// Which text, e.g. ``item `R1` text``.
        field: String,
    },
    /// A text that is empty or only whitespace.
    #[error("{origin}:{line}: {field} in `{lang}` is blank")]
    BlankText {
        /// The file.
        origin: String,
        /// 1-based line of the table.
        line: usize,
        /// Which text, e.g. ``item `R1` text``.
        field: String,
        /// The language key.
        lang: String,
    },
    /// A language key that is not a plausible BCP 47 tag (letters, digits and `-`).
    #[error("{origin}:{line}: `{lang}` in {field} is not a language tag such as `en` or `pt-BR`")]
    LanguageTag {
        /// The file.
        origin: String,
        /// 1-based line of the table.
        line: usize,
        /// Which text, e.g. `title`.
        field: String,
        /// The key given.
        lang: String,
    },
    /// The core rejected the instrument for a reason not checked above.
    #[error("{origin}: {source}")]
    Invalid {
        /// The file.
        origin: String,
        /// The core's reason.
        source: CoreError,
    },
}

/// `origin`, `origin:line` or `origin:line:column`.
fn at(origin: &str, line: &Option<usize>, column: &Option<usize>) -> String {
    match (*line, *column) {
        (Some(line), Some(column)) => format!("{origin}:{line}:{column}"),
        (Some(line), None) => format!("{origin}:{line}"),
        _ => origin.to_owned(),
    }
}

type Texts = BTreeMap<String, String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    id: Spanned<String>,
    format: Spanned<String>,
    scale: Spanned<ScaleSpec>,
    #[serde(default)]
    importance: bool,
    #[serde(default)]
    overall: Option<Spanned<ScaleSpec>>,
    title: Spanned<Texts>,
    #[serde(default, rename = "dimension")]
    dimensions: Vec<DimensionSpec>,
    #[serde(default, rename = "item")]
    items: Vec<ItemSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleSpec {
    min: i16,
    max: i16,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionSpec {
    id: Spanned<String>,
    name: Spanned<Texts>,
    #[serde(default)]
    description: Option<Spanned<Texts>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSpec {
    id: Spanned<String>,
    dimension: Spanned<String>,
    #[serde(default)]
    reverse: bool,
    text: Spanned<Texts>,
}

/// Byte offsets to 1-based lines and columns of one text.
struct Lines<'a> {
    text: &'a str,
    /// Byte offsets of the line breaks, in order (so a line number costs a binary search).
    breaks: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { text, breaks: text.match_indices('\n').map(|(i, _)| i).collect() }
    }

    /// 1-based line of byte offset `offset`.
    fn line(&self, offset: usize) -> usize {
        self.breaks.partition_point(|&b| b < offset) + 1
    }

    /// 1-based column, in characters, of byte offset `offset`.
    fn column(&self, offset: usize) -> usize {
        let before = self.before(offset);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        before.get(line_start..).map_or(0, |s| s.chars().count()) + 1
    }

    fn before(&self, offset: usize) -> &str {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text.get(..end).unwrap_or_default()
    }

    fn of<T>(&self, value: &Spanned<T>) -> usize {
        self.line(value.span().start)
    }
}

/// Parses and checks an instrument file.
///
/// `origin` names the file in error messages (usually its path).
///
/// # Errors
/// [`InstrumentFileError`] naming `origin`, the line where it can, and the rule
/// broken: invalid TOML, a missing, unknown or mistyped key, an unknown format, a
/// scale whose minimum is not below its maximum, an empty or duplicate id, an item
/// naming an unknown dimension, a dimension without items, or a missing or blank text.
pub fn parse_instrument(text: &str, origin: &str) -> Result<Instrument, InstrumentFileError> {
    let lines = Lines::new(text);
    let file: FileSpec = toml::from_str(text).map_err(|e| {
        let start = e.span().map(|span: Range<usize>| span.start);
        InstrumentFileError::Syntax {
            origin: origin.to_owned(),
            line: start.map(|s| lines.line(s)),
            column: start.map(|s| lines.column(s)),
            message: crate::settings_file::toml_key_message(&e),
        }
    })?;
    Checker { origin, lines }.check(file)
}

/// Reads and checks the instrument file at `path`; see [`parse_instrument`].
///
/// # Errors
/// [`InstrumentFileError::Read`] when the file cannot be read, otherwise as [`parse_instrument`].
pub fn load_instrument(path: &Path) -> Result<Instrument, InstrumentFileError> {
    let origin = path.display().to_string();
    let text = crate::settings_file::read_settings_text(path, crate::settings_file::MAX_SETTINGS_BYTES)
        .map_err(|source| InstrumentFileError::Read { origin: origin.clone(), source })?;
    parse_instrument(&text, &origin)
}

struct Checker<'a> {
    origin: &'a str,
    lines: Lines<'a>,
}

impl Checker<'_> {
    fn origin(&self) -> String {
        self.origin.to_owned()
    }

    fn check(&self, file: FileSpec) -> Result<Instrument, InstrumentFileError> {
        let origin = self.origin();
        self.id(&file.id, "instrument")?;
        let format = Format::from_id(file.format.get_ref().trim()).ok_or_else(|| {
            InstrumentFileError::UnknownFormat {
                origin: origin.clone(),
                line: self.lines.of(&file.format),
                format: short(file.format.get_ref()),
            }
        })?;
        let scale = self.scale(&file.scale, "scale")?;
        let overall = file.overall.as_ref().map(|s| self.scale(s, "overall")).transpose()?;
        let title = self.texts(&file.title, "title", true)?;

        if file.dimensions.is_empty() {
            return Err(InstrumentFileError::NoDimensions { origin });
        }
        if file.items.is_empty() {
            return Err(InstrumentFileError::NoItems { origin });
        }

        let mut dimension_index: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut dimension_keys = HashMap::new();
        let mut dimensions = Vec::with_capacity(file.dimensions.len());
        for (index, d) in file.dimensions.iter().enumerate() {
            let line = self.id(&d.id, "dimension")?;
            if let Some(&(_, first_line)) = dimension_index.get(d.id.get_ref().as_str()) {
                return Err(InstrumentFileError::DuplicateId {
                    origin,
                    line,
                    what: "dimension",
                    id: short(d.id.get_ref()),
                    first_line,
                });
            }
            self.same_key(&mut dimension_keys, &d.id, "dimension")?;
            dimension_index.insert(d.id.get_ref(), (index, line));
            let label = format!("dimension `{}` name", short(d.id.get_ref()));
            let name = self.texts(&d.name, &label, true)?;
            let description = match &d.description {
                Some(texts) => {
                    let label = format!("dimension `{}` description", short(d.id.get_ref()));
                    self.texts(texts, &label, false)?
                }
                None => Localized::new(),
            };
            dimensions.push(Dimension { id: d.id.get_ref().clone(), name, description });
        }

        let mut item_lines: HashMap<&str, usize> = HashMap::new();
        let mut item_keys = HashMap::new();
        let mut used = vec![false; dimensions.len()];
        let mut items = Vec::with_capacity(file.items.len());
        for item in &file.items {
            let line = self.id(&item.id, "item")?;
            let id = item.id.get_ref();
            if let Some(&first_line) = item_lines.get(id.as_str()) {
                return Err(InstrumentFileError::DuplicateId {
                    origin,
                    line,
                    what: "item",
                    id: short(id),
                    first_line,
                });
            }
            item_lines.insert(id, line);
            self.same_key(&mut item_keys, &item.id, "item")?;
            let Some(&(dimension, _)) = dimension_index.get(item.dimension.get_ref().as_str()) else {
                return Err(InstrumentFileError::UnknownDimension {
                    origin,
                    line: self.lines.of(&item.dimension),
                    item: short(id),
                    dimension: short(item.dimension.get_ref()),
                });
            };
            if let Some(flag) = used.get_mut(dimension) {
                *flag = true;
            }
            let text = self.texts(&item.text, &format!("item `{}` text", short(id)), true)?;
            items.push(Item { id: id.clone(), dimension, reverse_keyed: item.reverse, text });
        }
        if let Some(d) = used.iter().position(|u| !u).and_then(|d| file.dimensions.get(d)) {
            return Err(InstrumentFileError::EmptyDimension {
                origin,
                line: self.lines.of(&d.id),
                id: short(d.id.get_ref()),
            });
        }

        InstrumentSpec {
            id: file.id.into_inner(),
            title,
            format,
            scale,
            dimensions,
            items,
            importance: file.importance,
            overall,
        }
        .build()
        .map_err(|source| InstrumentFileError::Invalid { origin, source })
    }

    /// Refuses `id` when an earlier id (in `earlier`, by [`match_key`]) has the same key;
    /// records it otherwise.
    fn same_key<'s>(
        &self,
        earlier: &mut HashMap<String, &'s Spanned<String>>,
        id: &'s Spanned<String>,
        what: &'static str,
    ) -> Result<(), InstrumentFileError> {
        match earlier.insert(match_key(id.get_ref()), id) {
            Some(first) => Err(InstrumentFileError::SameId {
                origin: self.origin(),
                line: self.lines.of(id),
                what,
                first: short(first.get_ref()),
                second: short(id.get_ref()),
                first_line: self.lines.of(first),
            }),
            None => Ok(()),
        }
    }

    /// Checks that an id is not blank; returns its line.
    fn id(&self, id: &Spanned<String>, what: &'static str) -> Result<usize, InstrumentFileError> {
        let line = self.lines.of(id);
        if id.get_ref().trim().is_empty() {
            return Err(InstrumentFileError::EmptyId { origin: self.origin(), line, what });
        }
        Ok(line)
    }

    fn scale(&self, spec: &Spanned<ScaleSpec>, key: &'static str) -> Result<Scale, InstrumentFileError> {
        let ScaleSpec { min, max } = *spec.get_ref();
        let line = self.lines.of(spec);
        if min >= max {
            return Err(InstrumentFileError::ScaleOrder { origin: self.origin(), line, key, min, max });
        }
        Scale::new(min, max).map_err(|_| InstrumentFileError::ScaleTooLong {
            origin: self.origin(),
            line,
            key,
            min,
            max,
            points: i32::from(max) - i32::from(min) + 1,
            limit: Scale::MAX_POINTS,
        })
    }

    fn texts(
        &self,
        texts: &Spanned<Texts>,
        field: &str,
        required: bool,
    ) -> Result<Localized, InstrumentFileError> {
        let line = self.lines.of(texts);
        if required && texts.get_ref().is_empty() {
            return Err(InstrumentFileError::MissingText {
                origin: self.origin(),
                line,
                field: field.to_owned(),
            });
        }
        let mut localized = Localized::new();
        for (lang, text) in texts.get_ref() {
            if !is_language_tag(lang) {
                return Err(InstrumentFileError::LanguageTag {
                    origin: self.origin(),
                    line,
                    field: field.to_owned(),
                    lang: short(lang),
                });
            }
            if text.trim().is_empty() {
                return Err(InstrumentFileError::BlankText {
                    origin: self.origin(),
                    line,
                    field: field.to_owned(),
                    lang: short(lang),
                });
            }
            localized.insert(lang, text);
        }
        Ok(localized)
    }
}

/// A value as shown in a message: control characters escaped, at most
/// [`MAX_QUOTED_CHARS`](crate::settings_file::MAX_QUOTED_CHARS) characters.
fn short(text: &str) -> String {
    crate::settings_file::shorten(text, crate::settings_file::MAX_QUOTED_CHARS)
}

/// How mappings and header patterns compare ids: a number by its value, other ids
/// ignoring case, spaces, `_`, `-` and `.` (as `detect::normalise`).
fn match_key(id: &str) -> String {
    match id.trim().parse::<u64>() {
        Ok(n) => n.to_string(),
        Err(_) => crate::detect::normalise(id),
    }
}

/// Letters, digits and single `-` separators, starting with a letter: `en`, `pl`, `pt-BR`, `zh-Hant`.
fn is_language_tag(tag: &str) -> bool {
    tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag
            .split('-')
            .all(|part| (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Writes `instrument` in the instrument-file format, with a header comment.
///
/// The output parses back to an equal instrument with [`parse_instrument`], as long
/// as the instrument itself satisfies the file rules (a title, and names and texts
/// in at least one language, none of them blank). Optional keys are written only
/// when they carry information: `overall` when present, `description` when not
/// empty, and `reverse = true` on reverse-keyed items.
///
/// # Examples
///
/// ```
/// use servgap_core::builtin::servperf22;
/// use servgap_ingest::instrument_file::instrument_to_toml;
///
/// let text = instrument_to_toml(&servperf22());
/// assert!(text.contains("format = \"perceptions-only\"\n"));
/// ```
pub fn instrument_to_toml(instrument: &Instrument) -> String {
    let mut out = String::new();
    // `fmt::Write` for `String` never fails, so the results below are ignored.
    let _ = write_instrument(&mut out, instrument);
    out
}

fn write_instrument(out: &mut String, instrument: &Instrument) -> std::fmt::Result {
    writeln!(out, "# servgap instrument file; the format is described in docs/instrument-format.md")?;
    writeln!(out, "id = {}", quote(instrument.id()))?;
    writeln!(out, "format = {}", quote(instrument.format().id()))?;
    writeln!(out, "scale = {}", scale(instrument.scale()))?;
    writeln!(out, "importance = {}", instrument.has_importance())?;
    if let Some(overall) = instrument.overall() {
        writeln!(out, "overall = {}", scale(overall))?;
    }
    writeln!(out)?;
    writeln!(out, "[title]")?;
    for (lang, text) in instrument.title().iter() {
        writeln!(out, "{} = {}", key(lang), quote(text))?;
    }
    for d in instrument.dimensions() {
        writeln!(out)?;
        writeln!(out, "[[dimension]]")?;
        writeln!(out, "id = {}", quote(&d.id))?;
        writeln!(out, "name = {}", inline(&d.name))?;
        if !d.description.is_empty() {
            writeln!(out, "description = {}", inline(&d.description))?;
        }
    }
    for item in instrument.items() {
        writeln!(out)?;
        writeln!(out, "[[item]]")?;
        writeln!(out, "id = {}", quote(&item.id))?;
        let dimension = instrument.dimensions().get(item.dimension).map_or("", |d| d.id.as_str());
        writeln!(out, "dimension = {}", quote(dimension))?;
        if item.reverse_keyed {
            writeln!(out, "reverse = true")?;
        }
        writeln!(out, "text = {}", inline(&item.text))?;
    }
    Ok(())
}

fn scale(scale: Scale) -> String {
    format!("{{ min = {}, max = {} }}", scale.min(), scale.max())
}

/// `{ en = "…", pl = "…" }`.
fn inline(texts: &Localized) -> String {
    let pairs: Vec<String> =
        texts.iter().map(|(lang, text)| format!("{} = {}", key(lang), quote(text))).collect();
    if pairs.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", pairs.join(", "))
    }
}

/// A bare key when TOML allows one, otherwise a quoted key.
fn key(key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_owned()
    } else {
        quote(key)
    }
}

/// A TOML basic string, with `"`, `\` and control characters escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() && u32::from(c) < 0x80 => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
