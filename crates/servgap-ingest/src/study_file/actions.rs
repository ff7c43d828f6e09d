//! The actions register (issue 15): rows of the four tables ([`super::action_tables`]) →
//! validated core [`Action`]s → the study's [`Plan`]. Every error names the file (and
//! sheet), the row, the column, the value and the rule, e.g.
//! ``registers/actions-tasks.csv: row 3: key `due`: `2025-13-01` is not a date like 2025-03-31``.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use servgap_core::study::plan::{Action, ActionMetric, ActionSpec, ActionStatus, Plan, StatusChange, Task};
use servgap_core::study::{GapId, Slug, Study};
use servgap_core::CoreError;

use super::action_tables::read_action_tables;
use super::raw::parse_date;
use super::table::Row;
use crate::IngestError;

/// Columns of each table, in [`super::ACTION_TABLES`] order (also the order the writer uses).
pub const ACTION_COLUMNS: [&[&str]; 4] = [
    &[
        "slug",
        "title",
        "description",
        "owner",
        "departments",
        "start",
        "due",
        "status",
        "metric_gap",
        "metric_unit",
        "metric_baseline_wave",
        "metric_baseline",
        "metric_target",
        "metric_expected_share",
    ],
    &["action", "title", "owner", "due", "status"],
    &["action", "date", "status", "comment"],
    &["action", "gap"],
];

/// One table being read: its file label and whether its cells may hold spreadsheet dates.
struct Table<'a> {
    label: &'a str,
    spreadsheet: bool,
}

impl Table<'_> {
    fn error(&self, row: &Row, key: Option<&str>, message: impl std::fmt::Display) -> IngestError {
        let place = match key {
            Some(key) => format!("{}: key `{key}`", row.place),
            None => row.place.clone(),
        };
        IngestError::Study { file: self.label.to_owned(), message: format!("{place}: {message}") }
    }

    fn required<'r>(&self, row: &'r Row, key: &str) -> Result<&'r str, IngestError> {
        row.get(key).ok_or_else(|| self.error(row, Some(key), "missing"))
    }

    fn date(&self, row: &Row, key: &str) -> Result<Option<Date>, IngestError> {
        let Some(text) = row.get(key) else { return Ok(None) };
        let parsed = match (self.spreadsheet, text.parse::<f64>()) {
            (true, Ok(serial)) => excel_date(serial),
            _ => parse_date(text),
        };
        parsed.map(Some).map_err(|e| self.error(row, Some(key), e))
    }

    fn number(&self, row: &Row, key: &str) -> Result<Option<f64>, IngestError> {
        let Some(text) = row.get(key) else { return Ok(None) };
        match text.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.error(row, Some(key), format!("`{text}` is not a number"))),
        }
    }

    fn status(&self, row: &Row, key: &str) -> Result<Option<ActionStatus>, IngestError> {
        let Some(text) = row.get(key) else { return Ok(None) };
        let id = text.to_ascii_lowercase().replace([' ', '_'], "-");
        ActionStatus::from_id(&id).map(Some).ok_or_else(|| {
            let known: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.id()).collect();
            self.error(row, Some(key), format!("unknown status `{text}` (statuses: {})", known.join(", ")))
        })
    }

    fn slug(&self, row: &Row, key: &str, what: &'static str) -> Result<Slug, IngestError> {
        let text = self.required(row, key)?;
        Slug::new(what, text).map_err(|e| self.error(row, Some(key), e))
    }

    fn gap(&self, row: &Row, key: &str) -> Result<GapId, IngestError> {
        let text = self.required(row, key)?;
        text.parse::<GapId>().map_err(|e| self.error(row, Some(key), e))
    }

    fn check_columns(&self, row: &Row, keys: &[&str]) -> Result<(), IngestError> {
        match row.fields.keys().find(|k| !keys.contains(&k.as_str())) {
            Some(unknown) => Err(self.error(
                row,
                None,
                format!("unknown column `{unknown}` (columns: {})", keys.join(", ")),
            )),
            None => Ok(()),
        }
    }
}

/// An Excel serial day number (1900 date system, as calamine gives a date cell) as a date.
fn excel_date(serial: f64) -> Result<Date, String> {
    if serial.fract() != 0.0 || !(61.0..=2_958_465.0).contains(&serial) {
        return Err(format!("`{serial}` is not a date like 2025-03-31"));
    }
    let epoch = jiff::civil::date(1899, 12, 30);
    epoch.checked_add(jiff::Span::new().days(serial as i64)).map_err(|e| format!("`{serial}`: {e}"))
}

/// Reads the actions register `label` (relative to `root`) and checks it against `study`.
///
/// # Errors
/// [`IngestError::Study`] naming file, sheet, row, column, value and rule.
pub(super) fn read_plan(root: &Path, label: &str, study: &Study) -> Result<Plan, IngestError> {
    let path = root.join(label);
    if !path.is_file() {
        return Err(IngestError::Study {
            file: super::STUDY_FILE.to_owned(),
            message: format!("key `registers.actions`: file `{label}` does not exist in the study folder"),
        });
    }
    let spreadsheet = !matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("toml" | "csv" | "tsv" | "txt")
    );
    let tables = read_action_tables(&path, label)?;
    let [actions, tasks, history, links] = &tables.tables;
    let table = |i: usize| Table { label: &tables.tables[i].0, spreadsheet };
    for (i, (_, rows)) in tables.tables.iter().enumerate() {
        let mut keys: Vec<&str> = ACTION_COLUMNS[i].to_vec();
        if i == 0 && label.ends_with(".toml") {
            keys.push("gaps");
        }
        rows.iter().try_for_each(|r| table(i).check_columns(r, &keys))?;
    }
    let mut specs: Vec<(ActionSpec, &Row)> = Vec::new();
    for row in &actions.1 {
        let spec = action_spec(&table(0), row)?;
        if specs.iter().any(|(s, _)| s.slug == spec.slug) {
            return Err(table(0).error(row, Some("slug"), format!("`{}` is defined twice", spec.slug)));
        }
        specs.push((spec, row));
    }
    let index: BTreeMap<String, usize> =
        specs.iter().enumerate().map(|(i, (s, _))| (s.slug.clone(), i)).collect();
    let owner = |t: &Table, row: &Row| -> Result<usize, IngestError> {
        let slug = t.required(row, "action")?;
        index
            .get(slug)
            .copied()
            .ok_or_else(|| t.error(row, Some("action"), format!("no action `{slug}` in the actions table")))
    };
    for row in &tasks.1 {
        let i = owner(&table(1), row)?;
        specs[i].0.tasks.push(task(&table(1), row)?);
    }
    for row in &history.1 {
        let i = owner(&table(2), row)?;
        specs[i].0.history.push(change(&table(2), row)?);
    }
    for row in &links.1 {
        let i = owner(&table(3), row)?;
        let gap = table(3).gap(row, "gap")?;
        if !specs[i].0.gaps.contains(&gap) {
            specs[i].0.gaps.push(gap);
        }
    }
    build_plan(specs, &table(0), study)
}

fn build_plan(specs: Vec<(ActionSpec, &Row)>, table: &Table, study: &Study) -> Result<Plan, IngestError> {
    let mut actions: Vec<Action> = Vec::new();
    let mut rows = BTreeMap::new();
    for (spec, row) in specs {
        rows.insert(spec.slug.clone(), row);
        actions.push(spec.build().map_err(|e| table.error(row, None, e))?);
    }
    Plan::new(actions, study).map_err(|e| {
        let row = match &e {
            CoreError::StudyObject { id, .. } => rows.get(id).copied(),
            _ => None,
        };
        match row {
            Some(row) => table.error(row, None, e),
            None => IngestError::Study { file: table.label.to_owned(), message: e.to_string() },
        }
    })
}

fn action_spec(t: &Table, row: &Row) -> Result<ActionSpec, IngestError> {
    let departments = row
        .list("departments")
        .iter()
        .map(|d| Slug::new("department", d).map_err(|e| t.error(row, Some("departments"), e)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ActionSpec {
        slug: t.slug(row, "slug", "action")?.to_string(),
        title: t.required(row, "title")?.to_owned(),
        description: row.get("description").unwrap_or_default().to_owned(),
        owner: row.get("owner").map(str::to_owned),
        departments,
        start: Some(t.date(row, "start")?.ok_or_else(|| t.error(row, Some("start"), "missing"))?),
        due: Some(t.date(row, "due")?.ok_or_else(|| t.error(row, Some("due"), "missing"))?),
        tasks: Vec::new(),
        history: Vec::new(),
        status: t.status(row, "status")?,
        gaps: Vec::new(),
        metric: metric(t, row)?,
    })
}

fn metric(t: &Table, row: &Row) -> Result<Option<ActionMetric>, IngestError> {
    if row.get("metric_gap").is_none() {
        let stray = ACTION_COLUMNS[0][9..].iter().find(|k| row.get(k).is_some());
        return match stray {
            Some(k) => Err(t.error(row, Some("metric_gap"), format!("missing (needed with `{k}`)"))),
            None => Ok(None),
        };
    }
    let target =
        t.number(row, "metric_target")?.ok_or_else(|| t.error(row, Some("metric_target"), "missing"))?;
    let share = t
        .number(row, "metric_expected_share")?
        .ok_or_else(|| t.error(row, Some("metric_expected_share"), "missing"))?;
    Ok(Some(ActionMetric {
        gap: t.gap(row, "metric_gap")?,
        unit: t.slug(row, "metric_unit", "unit")?,
        baseline_wave: t.slug(row, "metric_baseline_wave", "wave")?,
        baseline: t.number(row, "metric_baseline")?,
        target,
        expected_share: share,
    }))
}

fn task(t: &Table, row: &Row) -> Result<Task, IngestError> {
    Ok(Task {
        title: t.required(row, "title")?.to_owned(),
        owner: row.get("owner").map(str::to_owned),
        due: t.date(row, "due")?,
        status: t.status(row, "status")?.unwrap_or(ActionStatus::Planned),
    })
}

fn change(t: &Table, row: &Row) -> Result<StatusChange, IngestError> {
    Ok(StatusChange {
        date: t.date(row, "date")?.ok_or_else(|| t.error(row, Some("date"), "missing"))?,
        status: t.status(row, "status")?.ok_or_else(|| t.error(row, Some("status"), "missing"))?,
        comment: row.get("comment").unwrap_or_default().to_owned(),
    })
}

#[cfg(test)]
mod tests;
