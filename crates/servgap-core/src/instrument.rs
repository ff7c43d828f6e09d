//! Survey instruments: dimensions, items, response scale and questionnaire format.
//!
//! An [`Instrument`] is validated once, when it is built, so the rest of the
//! code can index items and dimensions without checking bounds again.

use std::collections::BTreeMap;

use crate::error::CoreError;

/// Text in several languages, keyed by a BCP 47 language tag such as `en` or `pl`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized(BTreeMap<String, String>);

impl Localized {
    /// An empty set of translations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces the text for `lang`, returning `self` for chaining.
    pub fn with(mut self, lang: &str, text: &str) -> Self {
        self.insert(lang, text);
        self
    }

    /// Adds or replaces the text for `lang`.
    pub fn insert(&mut self, lang: &str, text: &str) {
        self.0.insert(lang.to_owned(), text.to_owned());
    }

    /// The text in `lang`, falling back to English and then to any language.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).or_else(|| self.0.get("en")).or_else(|| self.0.values().next()).map(String::as_str)
    }

    /// The text in exactly `lang`, without fallback.
    pub fn exact(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// Languages present, in sorted order.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// `(language, text)` pairs in language order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// True when no language has text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A closed integer response scale, for example 1–7 (SERVQUAL 1991) or 1–9 (1994 three-column form).
///
/// Answers are small integers; every statistic keeps them exact until the final division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    min: i16,
    max: i16,
}

impl Scale {
    /// The largest number of scale points accepted (a 0–1000 slider still fits).
    pub const MAX_POINTS: i32 = 1001;

    /// A scale from `min` to `max` inclusive.
    ///
    /// # Errors
    /// [`CoreError::Scale`] when `min >= max` or the scale has more than
    /// [`Scale::MAX_POINTS`] points.
    pub fn new(min: i16, max: i16) -> Result<Self, CoreError> {
        let points = i32::from(max) - i32::from(min) + 1;
        if min >= max || points > Self::MAX_POINTS {
            return Err(CoreError::Scale { min, max });
        }
        Ok(Self { min, max })
    }

    /// The 1–7 agreement scale of SERVQUAL (PZB 1988/1991) and SERVPERF.
    ///
    /// Infallible, for constants and the built-in instruments.
    pub const fn seven_point() -> Self {
        Self { min: 1, max: 7 }
    }

    /// The 1–9 scale of the three-column format (PZB 1994b).
    ///
    /// Infallible, for constants and the built-in instruments.
    pub const fn nine_point() -> Self {
        Self { min: 1, max: 9 }
    }

    /// The lowest answer.
    pub fn min(self) -> i16 {
        self.min
    }

    /// The highest answer.
    pub fn max(self) -> i16 {
        self.max
    }

    /// Number of points on the scale (7 for 1–7).
    pub fn points(self) -> u32 {
        // min < max is guaranteed by the constructor.
        (i32::from(self.max) - i32::from(self.min) + 1).unsigned_abs()
    }

    /// The midpoint `(min + max) / 2`, used as the scale-centred IPA crosshair.
    pub fn midpoint(self) -> f64 {
        (f64::from(self.min) + f64::from(self.max)) / 2.0
    }

    /// The largest possible absolute difference between two answers (`max − min`).
    pub fn span(self) -> i32 {
        i32::from(self.max) - i32::from(self.min)
    }

    /// True when `value` is an answer on this scale.
    pub fn contains(self, value: i16) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Reverse-keys an answer: `min + max − value`.
    pub fn reverse(self, value: i16) -> i16 {
        self.min + self.max - value
    }
}

/// Questionnaire layout: which ratings each item collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Expectation E and perception P per item; gap G = P − E (PZB 1988/1991).
    TwoColumn,
    /// Minimum (adequate) A, desired D and perceived P per item; MSA = P − A,
    /// MSS = P − D, zone of tolerance [A, D] (PZB 1994b).
    ThreeColumn,
    /// Perceptions only (SERVPERF, Cronin & Taylor 1992).
    PerceptionsOnly,
}

impl Format {
    /// The ratings collected per item, in storage order.
    pub fn batteries(self) -> &'static [Battery] {
        match self {
            Format::TwoColumn => &[Battery::Expected, Battery::Perceived],
            Format::ThreeColumn => &[Battery::Minimum, Battery::Desired, Battery::Perceived],
            Format::PerceptionsOnly => &[Battery::Perceived],
        }
    }

    /// Position of `battery` inside an item's ratings, if this format collects it.
    pub fn battery_index(self, battery: Battery) -> Option<usize> {
        self.batteries().iter().position(|b| *b == battery)
    }

    /// Stable identifier: `two-column`, `three-column` or `perceptions-only`.
    pub fn id(self) -> &'static str {
        match self {
            Format::TwoColumn => "two-column",
            Format::ThreeColumn => "three-column",
            Format::PerceptionsOnly => "perceptions-only",
        }
    }

    /// Parses [`Format::id`] (also accepts `servperf` for perceptions-only).
    pub fn from_id(id: &str) -> Option<Self> {
        match id.to_ascii_lowercase().as_str() {
            "two-column" | "two_column" | "servqual" => Some(Format::TwoColumn),
            "three-column" | "three_column" => Some(Format::ThreeColumn),
            "perceptions-only" | "perceptions_only" | "servperf" => Some(Format::PerceptionsOnly),
            _ => None,
        }
    }
}

/// One rating column of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Battery {
    /// Expectation E ("an excellent company will …").
    Expected,
    /// Perception P ("this company …").
    Perceived,
    /// Minimum (adequate) service level A.
    Minimum,
    /// Desired service level D.
    Desired,
}

impl Battery {
    /// One-letter code used in column names and reports: E, P, A (minimum) or D.
    pub fn code(self) -> &'static str {
        match self {
            Battery::Expected => "E",
            Battery::Perceived => "P",
            Battery::Minimum => "A",
            Battery::Desired => "D",
        }
    }

    /// Lower-case name: expected, perceived, minimum, desired.
    pub fn name(self) -> &'static str {
        match self {
            Battery::Expected => "expected",
            Battery::Perceived => "perceived",
            Battery::Minimum => "minimum",
            Battery::Desired => "desired",
        }
    }
}

/// A group of items measuring one facet of service quality (for example Reliability).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    /// Stable identifier, e.g. `reliability`.
    pub id: String,
    /// Display name per language.
    pub name: Localized,
    /// Short definition per language, shown on the importance-allocation block.
    pub description: Localized,
}

/// One statement rated by the respondent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Stable identifier, e.g. `1` or `rel2`; appears in column names.
    pub id: String,
    /// Index into [`Instrument::dimensions`].
    pub dimension: usize,
    /// Whether agreement means worse service; answers are reversed (min + max − x) before scoring.
    pub reverse_keyed: bool,
    /// Statement wording per language.
    pub text: Localized,
}

/// A complete, validated questionnaire definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instrument {
    id: String,
    title: Localized,
    format: Format,
    scale: Scale,
    dimensions: Vec<Dimension>,
    items: Vec<Item>,
    importance: bool,
    overall: Option<Scale>,
    dimension_items: Vec<Vec<usize>>,
}

/// Everything needed to build an [`Instrument`]; checked by [`InstrumentSpec::build`].
#[derive(Debug, Clone)]
pub struct InstrumentSpec {
    /// Stable identifier, e.g. `servqual22`.
    pub id: String,
    /// Title per language.
    pub title: Localized,
    /// Questionnaire layout.
    pub format: Format,
    /// Scale of the item ratings.
    pub scale: Scale,
    /// Dimensions in presentation order.
    pub dimensions: Vec<Dimension>,
    /// Items in questionnaire order.
    pub items: Vec<Item>,
    /// Whether respondents allocate 100 importance points over the dimensions (PZB 1991).
    pub importance: bool,
    /// Scale of the optional overall-satisfaction item.
    pub overall: Option<Scale>,
}

impl InstrumentSpec {
    /// Validates the spec.
    ///
    /// # Errors
    /// [`CoreError`] when there are no dimensions or items, an identifier is
    /// empty or repeated, an item points at a missing dimension, or a dimension has no items.
    pub fn build(self) -> Result<Instrument, CoreError> {
        if self.id.trim().is_empty() {
            return Err(CoreError::EmptyId { what: "instrument" });
        }
        if self.dimensions.is_empty() {
            return Err(CoreError::NoDimensions);
        }
        if self.items.is_empty() {
            return Err(CoreError::NoItems);
        }
        let mut seen = std::collections::BTreeSet::new();
        for d in &self.dimensions {
            if d.id.trim().is_empty() {
                return Err(CoreError::EmptyId { what: "dimension" });
            }
            if !seen.insert(d.id.as_str()) {
                return Err(CoreError::Duplicate { what: "dimension", id: d.id.clone() });
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut dimension_items = vec![Vec::new(); self.dimensions.len()];
        for (index, item) in self.items.iter().enumerate() {
            if item.id.trim().is_empty() {
                return Err(CoreError::EmptyId { what: "item" });
            }
            if !seen.insert(item.id.as_str()) {
                return Err(CoreError::Duplicate { what: "item", id: item.id.clone() });
            }
            let list = dimension_items.get_mut(item.dimension).ok_or_else(|| {
                CoreError::UnknownDimension { item: item.id.clone(), index: item.dimension }
            })?;
            list.push(index);
        }
        if let Some(pos) = dimension_items.iter().position(Vec::is_empty) {
            return Err(CoreError::EmptyDimension { id: self.dimensions[pos].id.clone() });
        }
        Ok(Instrument {
            id: self.id,
            title: self.title,
            format: self.format,
            scale: self.scale,
            dimensions: self.dimensions,
            items: self.items,
            importance: self.importance,
            overall: self.overall,
            dimension_items,
        })
    }
}

impl InstrumentSpec {
    /// Builds without reporting errors, for hard-coded specs (the built-in
    /// instruments) whose validity a unit test proves with [`InstrumentSpec::build`].
    ///
    /// An item naming a missing dimension is left out of the per-dimension index
    /// instead of failing; `build` would reject such a spec.
    pub(crate) fn build_trusted(self) -> Instrument {
        let mut dimension_items = vec![Vec::new(); self.dimensions.len()];
        for (index, item) in self.items.iter().enumerate() {
            if let Some(list) = dimension_items.get_mut(item.dimension) {
                list.push(index);
            }
        }
        Instrument {
            id: self.id,
            title: self.title,
            format: self.format,
            scale: self.scale,
            dimensions: self.dimensions,
            items: self.items,
            importance: self.importance,
            overall: self.overall,
            dimension_items,
        }
    }
}

impl Instrument {
    /// Stable identifier.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Title per language.
    pub fn title(&self) -> &Localized {
        &self.title
    }

    /// Questionnaire layout.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Scale of the item ratings.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Dimensions in presentation order.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// Items in questionnaire order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Indices of the items of dimension `d`, in questionnaire order.
    pub fn items_of(&self, d: usize) -> &[usize] {
        self.dimension_items.get(d).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether a 100-point importance allocation over the dimensions is collected.
    pub fn has_importance(&self) -> bool {
        self.importance
    }

    /// Scale of the overall-satisfaction item, if the instrument has one.
    pub fn overall(&self) -> Option<Scale> {
        self.overall
    }

    /// Ratings collected per item.
    pub fn batteries(&self) -> &'static [Battery] {
        self.format.batteries()
    }

    /// Number of rating cells per respondent: items × batteries.
    pub fn rating_count(&self) -> usize {
        self.items.len() * self.batteries().len()
    }

    /// Position of (item, battery) in a respondent's rating vector, item-major.
    pub fn rating_index(&self, item: usize, battery: Battery) -> Option<usize> {
        let b = self.format.battery_index(battery)?;
        (item < self.items.len()).then(|| item * self.batteries().len() + b)
    }

    /// Languages in which every item and dimension has text.
    pub fn complete_languages(&self) -> Vec<String> {
        self.title
            .languages()
            .filter(|lang| {
                self.items.iter().all(|i| i.text.exact(lang).is_some())
                    && self.dimensions.iter().all(|d| d.name.exact(lang).is_some())
            })
            .map(str::to_owned)
            .collect()
    }

    /// The same instrument with another format (for example SERVQUAL-22 as SERVPERF).
    ///
    /// The 1994 three-column form uses a 9-point scale, so callers normally pass
    /// `Scale::new(1, 9)` with [`Format::ThreeColumn`].
    pub fn with_format(&self, format: Format, scale: Scale) -> Instrument {
        let mut copy = self.clone();
        copy.format = format;
        copy.scale = scale;
        copy
    }
}
