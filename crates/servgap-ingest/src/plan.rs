//! The column plan: for every column of the file, which slot of the instrument it fills.

use std::path::Path;

use servgap_core::instrument::Instrument;
use servgap_core::servqual::Location;

use crate::cell::ValueLabels;
use crate::detect::{self, normalise, ColumnMatch, Detection, Slot};
use crate::mapping::{Mapping, Pattern};
use crate::source::{read_header, Header, Source};
use crate::IngestError;

/// Which column fills which slot, plus the value labels to apply.
///
/// Built by [`plan()`] (or [`ColumnPlan::from_detection`]); used by [`crate::scan()`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPlan {
    headers: Vec<String>,
    detection: Detection,
    /// Per column: the slot it fills.
    pub(crate) slots: Vec<Option<Slot>>,
    /// Per rating index: the column.
    pub(crate) ratings: Vec<Option<usize>>,
    /// Per dimension: the importance column.
    pub(crate) importance: Vec<Option<usize>>,
    pub(crate) overall: Option<usize>,
    pub(crate) id: Option<usize>,
    pub(crate) segment: Option<usize>,
    pub(crate) value_labels: ValueLabels,
    pub(crate) overall_labels: ValueLabels,
}

impl ColumnPlan {
    /// Builds a plan from a detection.
    ///
    /// # Errors
    /// [`IngestError::MissingColumns`] when a rating slot has no column
    /// (importance and overall columns are optional).
    pub fn from_detection(
        headers: Vec<String>,
        detection: Detection,
        instrument: &Instrument,
        path: &Path,
    ) -> Result<Self, IngestError> {
        let missing: Vec<String> = detection
            .missing
            .iter()
            .filter(|s| matches!(s, Slot::Rating { .. }))
            .map(|s| s.describe(instrument))
            .collect();
        if !missing.is_empty() {
            let shown = missing.len().min(12);
            let mut slots = missing[..shown].join(", ");
            if missing.len() > shown {
                slots.push_str(&format!(" and {} more", missing.len() - shown));
            }
            return Err(IngestError::MissingColumns { path: path.to_owned(), slots });
        }
        let mut plan = ColumnPlan {
            slots: vec![None; headers.len()],
            ratings: vec![None; instrument.rating_count()],
            importance: vec![
                None;
                if instrument.has_importance() { instrument.dimensions().len() } else { 0 }
            ],
            overall: None,
            id: None,
            segment: None,
            headers,
            detection,
            value_labels: ValueLabels::new(),
            overall_labels: ValueLabels::new(),
        };
        for m in &plan.detection.matches {
            if let Some(s) = plan.slots.get_mut(m.column) {
                *s = Some(m.slot);
            }
            match m.slot {
                Slot::Rating { item, battery } => {
                    if let Some(r) =
                        instrument.rating_index(item, battery).and_then(|i| plan.ratings.get_mut(i))
                    {
                        *r = Some(m.column);
                    }
                }
                Slot::Importance { dimension } => {
                    if let Some(d) = plan.importance.get_mut(dimension) {
                        *d = Some(m.column);
                    }
                }
                Slot::Overall => plan.overall = Some(m.column),
                Slot::Id => plan.id = Some(m.column),
                Slot::Segment => plan.segment = Some(m.column),
            }
        }
        Ok(plan)
    }

    /// The header row the plan was made for.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The matches, ignored columns and missing optional slots behind the plan.
    pub fn detection(&self) -> &Detection {
        &self.detection
    }

    /// The respondent id column's header, if the file has one (issue 12: panels).
    pub fn id_column(&self) -> Option<&str> {
        self.id.and_then(|c| self.headers.get(c)).map(String::as_str)
    }

    /// The segment column's header, if a segment column is used.
    pub fn segment_column(&self) -> Option<&str> {
        self.segment.and_then(|c| self.headers.get(c)).map(String::as_str)
    }

    /// Uses the column named `column` as the segment column (results per distinct
    /// value), replacing a segment column set by a mapping. The name is matched like a
    /// mapping's column names: exact (trimmed), then case-insensitive, then `#n`.
    ///
    /// The respondent id column may be named: asking for it is explicit, so it becomes
    /// the segment column and the plan has no id column any more (the id only labels
    /// respondents; no statistic uses it).
    ///
    /// # Errors
    /// [`IngestError::SegmentColumn`] when no column has that name (the message names
    /// the respondent id column and the columns the instrument does not use, the
    /// candidates), or the column already fills a rating, importance or overall slot.
    pub fn with_segment_column(mut self, column: &str, path: &Path) -> Result<Self, IngestError> {
        let error = |reason: String| IngestError::SegmentColumn {
            path: path.to_owned(),
            column: column.to_owned(),
            reason,
        };
        let index = find_column(&self.headers, column).ok_or_else(|| error(self.no_such_column()))?;
        let was_id = self.slots[index] == Some(Slot::Id);
        if self.slots[index].is_some_and(|s| s != Slot::Segment && s != Slot::Id) {
            let why =
                self.detection.matches.iter().find(|m| m.column == index).map_or("", |m| m.reason.as_str());
            return Err(error(format!("the column is already used ({why})")));
        }
        if was_id {
            self.id = None;
            self.detection.matches.retain(|m| m.column != index);
        }
        if let Some(old) = self.segment.take() {
            self.slots[old] = None;
            self.detection.matches.retain(|m| m.slot != Slot::Segment);
        }
        self.slots[index] = Some(Slot::Segment);
        self.segment = Some(index);
        self.detection.ignored.retain(|(i, _)| *i != index);
        let header = self.headers[index].clone();
        let instead = if was_id { " (instead of the respondent id)" } else { "" };
        let reason = format!("{} named by --by{instead}", header.trim());
        self.detection.matches.push(ColumnMatch { column: index, header, slot: Slot::Segment, reason });
        self.detection.matches.sort_by_key(|m| m.column);
        Ok(self)
    }

    /// Why no column matched a `--by` name, with the columns that could be meant.
    fn no_such_column(&self) -> String {
        let mut reason = "no column of that name in the header".to_owned();
        if let Some(id) = self.id.and_then(|c| self.headers.get(c)) {
            let id = id.trim();
            reason.push_str(&format!("; the respondent id is column `{id}` (--by {id} segments by it)"));
        }
        let free: Vec<&str> = self.detection.ignored.iter().take(8).map(|(_, h)| h.trim()).collect();
        if !free.is_empty() {
            let more = if self.detection.ignored.len() > free.len() { ", ..." } else { "" };
            reason.push_str(&format!("; columns the instrument does not use: {}{more}", free.join(", ")));
        }
        reason
    }

    /// The column behind a finding's location, for messages: one column for a
    /// cell, `E3, P3` for an item, `(whole response)` otherwise.
    pub fn column_name(&self, instrument: &Instrument, location: &Location) -> String {
        let name = |c: Option<usize>| c.and_then(|c| self.headers.get(c)).map(|h| h.trim().to_owned());
        let joined = |cols: Vec<Option<usize>>| {
            let names: Vec<String> = cols.into_iter().filter_map(name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        };
        let found = match location {
            Location::Rating { item, battery } => name(
                instrument.rating_index(*item, *battery).and_then(|i| self.ratings.get(i).copied().flatten()),
            ),
            Location::Item { item } => joined(
                instrument
                    .batteries()
                    .iter()
                    .map(|b| {
                        instrument
                            .rating_index(*item, *b)
                            .and_then(|i| self.ratings.get(i).copied().flatten())
                    })
                    .collect(),
            ),
            Location::Battery(battery) => {
                let code = battery.code();
                Some(format!("all {code} columns"))
            }
            Location::Importance { dimension } => name(self.importance.get(*dimension).copied().flatten()),
            Location::Allocation => joined(self.importance.clone()),
            Location::Overall => name(self.overall),
            Location::Response => None,
            Location::Column(c) => Some(c.clone()),
        };
        found.unwrap_or_else(|| "(whole response)".to_owned())
    }

    /// Applies value labels (`value_labels` to rating and importance cells,
    /// `overall_labels` to the overall cell).
    pub fn with_labels(mut self, value_labels: ValueLabels, overall_labels: ValueLabels) -> Self {
        self.value_labels = value_labels;
        self.overall_labels = overall_labels;
        self
    }
}

/// Finds a column by name: exact (trimmed), then case-insensitive, then `#n` (1-based number).
fn find_column(headers: &[String], name: &str) -> Option<usize> {
    let name = name.trim();
    if let Some(i) = headers.iter().position(|h| h.trim() == name) {
        return Some(i);
    }
    let folded = crate::mapping::fold(name);
    if let Some(i) = headers.iter().position(|h| crate::mapping::fold(h) == folded) {
        return Some(i);
    }
    let n: usize = name.strip_prefix('#')?.parse().ok()?;
    (1..=headers.len()).contains(&n).then(|| n - 1)
}

/// Index of the item named `key` (numerically for numeric ids).
fn item_index(instrument: &Instrument, key: &str) -> Option<usize> {
    let key = key.trim();
    let numeric: Option<u64> = key.parse().ok();
    instrument.items().iter().position(|item| match (numeric, item.id.trim().parse::<u64>()) {
        (Some(a), Ok(b)) => a == b,
        _ => normalise(&item.id) == normalise(key),
    })
}

/// Index of the dimension named `key` (id, or 1-based number).
fn dimension_index(instrument: &Instrument, key: &str) -> Option<usize> {
    let by_id = instrument.dimensions().iter().position(|d| normalise(&d.id) == normalise(key));
    by_id.or_else(|| {
        let n: usize = key.trim().parse().ok()?;
        (1..=instrument.dimensions().len()).contains(&n).then(|| n - 1)
    })
}

struct Builder<'a> {
    headers: &'a [String],
    instrument: &'a Instrument,
    path: &'a Path,
    matches: Vec<ColumnMatch>,
}

impl Builder<'_> {
    fn taken_column(&self, column: usize) -> bool {
        self.matches.iter().any(|m| m.column == column)
    }

    fn add(&mut self, column: usize, slot: Slot, reason: String) -> Result<(), IngestError> {
        if let Some(previous) = self.matches.iter().find(|m| m.slot == slot) {
            return Err(IngestError::Ambiguous {
                path: self.path.to_owned(),
                slot: slot.describe(self.instrument),
                first: previous.header.clone(),
                second: self.headers[column].clone(),
            });
        }
        self.matches.push(ColumnMatch { column, header: self.headers[column].clone(), slot, reason });
        Ok(())
    }

    fn explicit(
        &mut self,
        mapping: &Mapping,
        key: &str,
        column: &str,
        slot: Slot,
    ) -> Result<(), IngestError> {
        let index = find_column(self.headers, column).ok_or_else(|| IngestError::MappingColumn {
            mapping: mapping.path.clone(),
            key: key.to_owned(),
            column: column.to_owned(),
            path: self.path.to_owned(),
        })?;
        self.add(index, slot, format!("{} named by mapping key `{key}`", self.headers[index].trim()))
    }
}

/// Resolves columns: the mapping's explicit columns first, then its patterns,
/// then (unless `detect = false`) the built-in patterns for what is left.
///
/// # Errors
/// Mapping keys naming absent columns or unknown items, patterns that miss an
/// item, and ambiguous slots.
pub fn resolve_columns(
    headers: &[String],
    instrument: &Instrument,
    mapping: Option<&Mapping>,
    path: &Path,
) -> Result<Detection, IngestError> {
    let Some(mapping) = mapping else {
        return detect::detect_columns(headers, instrument, path);
    };
    let mapping_error = |message: String| IngestError::Mapping { mapping: mapping.path.clone(), message };
    let mut b = Builder { headers, instrument, path, matches: Vec::new() };

    for (item_key, battery, column) in &mapping.items {
        let key = format!("items.{item_key}.{}", battery.code());
        let item = item_index(instrument, item_key).ok_or_else(|| {
            mapping_error(format!("key `{key}`: instrument `{}` has no item `{item_key}`", instrument.id()))
        })?;
        if instrument.format().battery_index(*battery).is_none() {
            return Err(mapping_error(format!(
                "key `{key}`: instrument `{}` ({}) has no {} ratings",
                instrument.id(),
                instrument.format().id(),
                battery.name()
            )));
        }
        b.explicit(mapping, &key, column, Slot::Rating { item, battery: *battery })?;
    }
    for (dim_key, column) in &mapping.importance {
        let key = format!("importance.{dim_key}");
        let dimension = dimension_index(instrument, dim_key).ok_or_else(|| {
            mapping_error(format!(
                "key `{key}`: instrument `{}` has no dimension `{dim_key}`",
                instrument.id()
            ))
        })?;
        b.explicit(mapping, &key, column, Slot::Importance { dimension })?;
    }
    for (key, column, slot) in [
        ("columns.id", &mapping.id, Slot::Id),
        ("columns.overall", &mapping.overall, Slot::Overall),
        ("columns.segment", &mapping.segment, Slot::Segment),
    ] {
        if let Some(column) = column {
            b.explicit(mapping, key, column, slot)?;
        }
    }

    let item_accept = |text: &str| item_index(instrument, text);
    for (battery, pattern_text) in &mapping.patterns {
        let key = format!("patterns.{}", battery.name());
        if instrument.format().battery_index(*battery).is_none() {
            return Err(mapping_error(format!(
                "key `{key}`: instrument `{}` ({}) has no {} ratings",
                instrument.id(),
                instrument.format().id(),
                battery.name()
            )));
        }
        let pattern = Pattern::new(pattern_text);
        for (column, header) in headers.iter().enumerate() {
            if b.taken_column(column) {
                continue;
            }
            if let Some(item) = pattern.matches(header, &item_accept) {
                let slot = Slot::Rating { item, battery: *battery };
                if b.matches.iter().any(|m| m.slot == slot && m.reason.contains("mapping key")) {
                    continue; // an explicit column wins over a pattern
                }
                let reason = format!("{} matched mapping pattern `{key}` = `{pattern_text}`", header.trim());
                b.add(column, slot, reason)?;
            }
        }
        for item in 0..instrument.items().len() {
            let slot = Slot::Rating { item, battery: *battery };
            if !b.matches.iter().any(|m| m.slot == slot) {
                return Err(IngestError::MappingPattern {
                    mapping: mapping.path.clone(),
                    key,
                    pattern: pattern_text.clone(),
                    slot: format!("item {}", instrument.items()[item].id),
                    path: path.to_owned(),
                });
            }
        }
    }
    if let Some(pattern_text) = &mapping.importance_pattern {
        let pattern = Pattern::new(pattern_text);
        let accept = |text: &str| dimension_index(instrument, text);
        for (column, header) in headers.iter().enumerate() {
            if b.taken_column(column) {
                continue;
            }
            if let Some(dimension) = pattern.matches(header, &accept) {
                let slot = Slot::Importance { dimension };
                if b.matches.iter().any(|m| m.slot == slot && m.reason.contains("mapping key")) {
                    continue;
                }
                let reason = format!(
                    "{} matched mapping pattern `patterns.importance` = `{pattern_text}`",
                    header.trim()
                );
                b.add(column, slot, reason)?;
            }
        }
    }

    if mapping.detect {
        for (column, header) in headers.iter().enumerate() {
            if b.taken_column(column) {
                continue;
            }
            if let Some((slot, pattern)) = detect::match_header(header, instrument) {
                if b.matches.iter().any(|m| m.slot == slot && m.reason.contains("mapping")) {
                    continue; // the mapping already filled this slot; the column is ignored
                }
                b.add(column, slot, format!("{} matched pattern {pattern}", header.trim()))?;
            }
        }
    }

    let mut matches = b.matches;
    matches.sort_by_key(|m| m.column);
    let ignored = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches.iter().any(|m| m.column == *i))
        .map(|(i, h)| (i, h.clone()))
        .collect();
    let missing = detect::wanted_slots(instrument)
        .into_iter()
        .filter(|s| !matches.iter().any(|m| m.slot == *s))
        .collect();
    Ok(Detection { matches, ignored, missing })
}

/// Reads the header of `source` and builds the column plan, applying `mapping`.
///
/// # Errors
/// Everything [`read_header`] and [`resolve_columns`] report, and
/// [`IngestError::MissingColumns`] when a rating has no column.
pub fn plan(
    source: &Source,
    instrument: &Instrument,
    mapping: Option<&Mapping>,
) -> Result<ColumnPlan, IngestError> {
    let header = read_header(source)?;
    plan_for_header(&header, source, instrument, mapping)
}

pub(crate) fn plan_for_header(
    header: &Header,
    source: &Source,
    instrument: &Instrument,
    mapping: Option<&Mapping>,
) -> Result<ColumnPlan, IngestError> {
    if let Some(m) = mapping {
        m.check_against(instrument)?;
    }
    let detection = resolve_columns(&header.columns, instrument, mapping, &source.path)?;
    let plan = ColumnPlan::from_detection(header.columns.clone(), detection, instrument, &source.path)?;
    Ok(match mapping {
        Some(m) => plan.with_labels(m.value_labels.clone(), m.overall_labels.clone()),
        None => plan,
    })
}

#[cfg(test)]
mod tests;
