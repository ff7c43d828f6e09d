//! The study folder (issue 14, `docs/study-format.md`): a `study.toml` naming the units,
//! departments and dated waves of one organisation's gap study, each wave's data files
//! (customer, management and employee surveys; a help-desk export with its mapping,
//! calendar and targets), and the registers of standards, promises and qualitative gaps
//! (TOML, or CSV/XLSX so that people edit them in a spreadsheet).
//!
//! [`load_study`] reads the folder into the core's validated [`Study`] plus the file
//! references the pipeline reads, and checks the whole study first: every file exists,
//! every unit, department, item, dimension and KPI a file or register row names is
//! defined, every promise is measurable, waves are unique and dated. Each error names the
//! file (relative to the folder), the key or row, the value and the rule, e.g.
//! ``registers/standards.csv: row 3: key `owner`: unknown department `it` (departments: operations, marketing)``.
//!
//! ```no_run
//! let folder = servgap_ingest::study_file::load_study("acme-study".as_ref())?;
//! println!("{} waves, {} standards", folder.study.waves().len(), folder.study.standards().len());
//! # Ok::<(), servgap_ingest::IngestError>(())
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use servgap_core::builtin;
use servgap_core::instrument::Instrument;
use servgap_core::kpi::Dimension;
use servgap_core::study::plan::Plan;
use servgap_core::study::{Department, Study, StudySpec, Unit, Wave};

use crate::settings_file::{read_settings_text, toml_error, MAX_SETTINGS_BYTES};
use crate::IngestError;

mod action_tables;
mod actions;
mod priorities;
#[cfg(test)]
mod priority_tests;
mod raw;
mod registers;
mod table;
#[cfg(test)]
mod tests;

pub use action_tables::{csv_sibling, ACTION_TABLES};
pub use actions::ACTION_COLUMNS;
pub use priorities::{PrioritySettings, FEASIBILITY_COLUMNS};
use raw::{RawHelpdesk, RawManagement, RawStudy, RawSurvey, RawWave};

/// Name of the study file inside a study folder.
pub const STUDY_FILE: &str = "study.toml";

/// A study folder, read and validated.
#[derive(Debug, Clone)]
pub struct StudyFolder {
    /// The folder.
    pub root: PathBuf,
    /// The study: units, departments, waves, standards, promises, qualitative gaps.
    pub study: Study,
    /// What a unit is (`branch`, `team`, `channel`, `region`), per unit in study order.
    pub unit_kinds: Vec<String>,
    /// The values that stand for each unit in data files (its slug, then its `codes`),
    /// per unit in study order.
    pub unit_codes: Vec<Vec<String>>,
    /// The data files of each wave, in the order of [`Study::waves`].
    pub waves: Vec<WaveFiles>,
    /// `[priorities]`: weights, stability settings, feasibility register (issue 15).
    pub priorities: PrioritySettings,
    /// The action plan (`[registers] actions`; empty when the study names none).
    pub plan: Plan,
}

/// The data files of one wave.
#[derive(Debug, Clone, Default)]
pub struct WaveFiles {
    /// Customer SERVQUAL survey (gap 5; the customer side of gaps 1, 2 and 4).
    pub customer: Option<SurveyFile>,
    /// Management survey (gap 1; gap-1 and gap-2 factors).
    pub management: Option<ManagementFile>,
    /// Employee survey (gaps 3 and 4; gap-3 and gap-4 factors).
    pub employee: Option<SurveyFile>,
    /// Help-desk export (KPI gaps; attainment for gaps 3 and 4).
    pub helpdesk: Option<HelpdeskFile>,
}

/// Which unit the rows of a data file belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitSource {
    /// Every row belongs to this unit (its slug).
    Whole(String),
    /// The column (survey) or ticket dimension holding each row's unit code.
    Column(String),
    /// The study has no units: every row belongs to the implicit unit.
    Implicit,
}

/// A survey file of a wave and how to read it (as `servgap analyze` takes it).
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyFile {
    /// The data file (CSV or XLSX), inside the study folder.
    pub file: PathBuf,
    /// A built-in instrument id, or the path of a TOML instrument file.
    pub instrument: String,
    /// A survey mapping file.
    pub mapping: Option<PathBuf>,
    /// Where each row's unit comes from.
    pub unit: UnitSource,
}

/// The management survey: the expectation battery and the factor scales, in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagementFile {
    /// The expectation battery (default `management22`), read like a survey.
    pub expectations: SurveyFile,
    /// The factor scales (default `management-factors`) in the same file, with their own mapping.
    pub factors: SurveyFile,
}

/// A help-desk export of a wave and how to read it (as `servgap kpi` takes it).
#[derive(Debug, Clone, PartialEq)]
pub struct HelpdeskFile {
    /// Ticket export or event log.
    pub file: PathBuf,
    /// Ticket mapping file.
    pub mapping: Option<PathBuf>,
    /// Business calendar file.
    pub calendar: Option<PathBuf>,
    /// Targets file.
    pub targets: Option<PathBuf>,
    /// The ticket dimension that tells each ticket's unit (`channel`, `team`, `priority`),
    /// or `None` when every ticket belongs to one unit ([`HelpdeskFile::unit`]).
    pub unit_by: Option<Dimension>,
    /// With `unit_by = None`: the unit every ticket belongs to (`None` for the implicit unit).
    pub unit: Option<String>,
}

/// An error in `file` at `place` (a key or a row): `file: place: message`.
fn study_error(file: &str, place: &str, message: impl std::fmt::Display) -> IngestError {
    let message = if place.is_empty() { message.to_string() } else { format!("{place}: {message}") };
    IngestError::Study { file: file.to_owned(), message }
}

/// Reads and validates the study folder `root` (its `study.toml`, registers and the
/// existence of every data file it names). Data files themselves are read by the pipeline.
///
/// # Errors
/// [`IngestError::Study`] naming the file, key or row, the value and the rule.
pub fn load_study(root: &Path) -> Result<StudyFolder, IngestError> {
    let path = root.join(STUDY_FILE);
    let text = read_settings_text(&path, MAX_SETTINGS_BYTES)
        .map_err(|e| study_error(STUDY_FILE, "", format!("cannot read the study file: {e}")))?;
    parse_study(root, &text)
}

/// [`load_study`] with the study file's text given.
///
/// # Errors
/// As [`load_study`].
pub fn parse_study(root: &Path, text: &str) -> Result<StudyFolder, IngestError> {
    let raw: RawStudy =
        toml::from_str(text).map_err(|e| study_error(STUDY_FILE, "", toml_error(text, &e)))?;
    let ctx = Context::new(root, &raw)?;
    let mut waves = Vec::new();
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for (w, wave) in raw.waves.iter().enumerate() {
        let key = format!("waves[{w}]");
        let built = ctx.wave(wave, &key)?;
        if !seen.insert(wave.slug.clone()) {
            return Err(study_error(
                STUDY_FILE,
                &format!("key `{key}.slug`"),
                format!("wave `{}` is defined twice", wave.slug),
            ));
        }
        waves.push(built);
        files.push(ctx.wave_files(wave, &key)?);
    }
    if waves.is_empty() {
        return Err(study_error(STUDY_FILE, "key `waves`", "the study has no wave; add a [[waves]] table"));
    }
    let instruments = ctx.customer_instruments(&files)?;
    let sla_names = ctx.sla_names(&files)?;
    let refs = registers::References {
        departments: &ctx.departments,
        instruments: &instruments,
        sla_names: &sla_names,
    };
    let registers = registers::read_registers(root, &raw.registers, &refs)?;
    let spec = StudySpec {
        slug: raw.slug.clone(),
        name: raw.name.clone(),
        units: ctx.units.clone(),
        departments: ctx.department_objects.clone(),
        waves,
        standards: registers.standards,
        promises: registers.promises,
        notes: registers.notes,
    };
    let study = Study::new(spec).map_err(|e| study_error(STUDY_FILE, "", e))?;
    let priorities =
        priorities::read_priorities(root, raw.priorities.as_ref(), study.units(), &ctx.departments)?;
    let plan = match &raw.registers.actions {
        Some(label) => actions::read_plan(root, label, &study)?,
        None => Plan::default(),
    };
    Ok(StudyFolder {
        root: root.to_owned(),
        study,
        unit_kinds: ctx.unit_kinds,
        unit_codes: ctx.unit_codes,
        waves: files,
        priorities,
        plan,
    })
}

/// The study-wide facts every check needs.
struct Context<'a> {
    root: &'a Path,
    units: Vec<Unit>,
    unit_kinds: Vec<String>,
    unit_codes: Vec<Vec<String>>,
    departments: Vec<String>,
    department_objects: Vec<Department>,
}

const UNIT_KINDS: [&str; 4] = ["branch", "team", "channel", "region"];

impl<'a> Context<'a> {
    fn new(root: &'a Path, raw: &RawStudy) -> Result<Self, IngestError> {
        slug("study", &raw.slug, "key `slug`")?;
        let mut ctx = Context {
            root,
            units: Vec::new(),
            unit_kinds: Vec::new(),
            unit_codes: Vec::new(),
            departments: Vec::new(),
            department_objects: Vec::new(),
        };
        for (u, unit) in raw.units.iter().enumerate() {
            let key = format!("key `units[{u}]");
            let slug = slug("unit", &unit.slug, &format!("{key}.slug`"))?;
            if ctx.units.iter().any(|x| x.slug == slug) {
                return Err(study_error(
                    STUDY_FILE,
                    &format!("{key}.slug`"),
                    format!("unit `{slug}` is defined twice"),
                ));
            }
            let kind = unit.kind.clone().unwrap_or_else(|| "branch".to_owned());
            if !UNIT_KINDS.contains(&kind.as_str()) {
                return Err(study_error(
                    STUDY_FILE,
                    &format!("{key}.kind`"),
                    format!("unknown kind `{kind}` (kinds: {})", UNIT_KINDS.join(", ")),
                ));
            }
            let mut codes = vec![unit.slug.clone()];
            codes.extend(unit.codes.iter().cloned());
            ctx.unit_kinds.push(kind);
            ctx.unit_codes.push(codes);
            ctx.units.push(Unit { slug, name: unit.name.clone().unwrap_or_else(|| unit.slug.clone()) });
        }
        for (d, department) in raw.departments.iter().enumerate() {
            let key = format!("key `departments[{d}].slug`");
            let slug = slug("department", &department.slug, &key)?;
            if ctx.departments.contains(&department.slug) {
                return Err(study_error(STUDY_FILE, &key, format!("department `{slug}` is defined twice")));
            }
            ctx.departments.push(department.slug.clone());
            let name = department.name.clone().unwrap_or_else(|| department.slug.clone());
            ctx.department_objects.push(Department { slug, name });
        }
        Ok(ctx)
    }

    fn wave(&self, wave: &RawWave, key: &str) -> Result<Wave, IngestError> {
        let slug = slug("wave", &wave.slug, &format!("key `{key}.slug`"))?;
        let start =
            raw::date(&wave.start).map_err(|e| study_error(STUDY_FILE, &format!("key `{key}.start`"), e))?;
        let end =
            raw::date(&wave.end).map_err(|e| study_error(STUDY_FILE, &format!("key `{key}.end`"), e))?;
        Wave::new(slug, start, end).map_err(|e| study_error(STUDY_FILE, &format!("key `{key}.end`"), e))
    }

    fn wave_files(&self, wave: &RawWave, key: &str) -> Result<WaveFiles, IngestError> {
        let customer = wave
            .customer_survey
            .as_ref()
            .map(|s| self.survey(s, builtin::SERVQUAL22, &format!("{key}.customer_survey")))
            .transpose()?;
        let management = wave
            .management_survey
            .as_ref()
            .map(|m| self.management(m, &format!("{key}.management_survey")))
            .transpose()?;
        let employee = wave
            .employee_survey
            .as_ref()
            .map(|s| self.survey(s, builtin::EMPLOYEE, &format!("{key}.employee_survey")))
            .transpose()?;
        let helpdesk =
            wave.helpdesk.as_ref().map(|h| self.helpdesk(h, &format!("{key}.helpdesk"))).transpose()?;
        Ok(WaveFiles { customer, management, employee, helpdesk })
    }

    /// `root/relative`, which must be an existing file.
    fn existing(&self, relative: &str, key: &str) -> Result<PathBuf, IngestError> {
        let path = self.root.join(relative);
        if path.is_file() {
            Ok(path)
        } else {
            Err(study_error(
                STUDY_FILE,
                &format!("key `{key}`"),
                format!("file `{relative}` does not exist in the study folder"),
            ))
        }
    }

    fn optional(&self, relative: Option<&String>, key: &str) -> Result<Option<PathBuf>, IngestError> {
        relative.map(|r| self.existing(r, key)).transpose()
    }

    /// A built-in instrument id as it is, else an instrument file in the folder.
    fn instrument(&self, spec: &str, key: &str) -> Result<String, IngestError> {
        if builtin::builtin(spec).is_some() {
            return Ok(spec.to_owned());
        }
        let path = self.root.join(spec);
        if path.is_file() {
            return Ok(path.display().to_string());
        }
        Err(study_error(
            STUDY_FILE,
            &format!("key `{key}`"),
            format!(
                "instrument `{spec}` is neither built in ({}) nor a file in the study folder",
                builtin::builtin_ids().join(", ")
            ),
        ))
    }

    fn unit_source(
        &self,
        unit: Option<&String>,
        column: Option<&String>,
        key: &str,
    ) -> Result<UnitSource, IngestError> {
        match (unit, column) {
            (Some(_), Some(_)) => Err(study_error(
                STUDY_FILE,
                &format!("key `{key}.unit`"),
                "give either `unit` (the whole file is one unit) or `unit_column`, not both",
            )),
            (Some(u), None) => Ok(UnitSource::Whole(self.known_unit(u, &format!("{key}.unit"))?)),
            (None, Some(c)) => Ok(UnitSource::Column(c.clone())),
            (None, None) if self.units.is_empty() => Ok(UnitSource::Implicit),
            (None, None) => Ok(UnitSource::Column("unit".to_owned())),
        }
    }

    fn known_unit(&self, unit: &str, key: &str) -> Result<String, IngestError> {
        if self.units.iter().any(|u| u.slug.as_str() == unit) {
            return Ok(unit.to_owned());
        }
        let known: Vec<&str> = self.units.iter().map(|u| u.slug.as_str()).collect();
        Err(study_error(
            STUDY_FILE,
            &format!("key `{key}`"),
            format!(
                "unknown unit `{unit}` (units: {})",
                if known.is_empty() { "none defined".to_owned() } else { known.join(", ") }
            ),
        ))
    }

    fn survey(&self, raw: &RawSurvey, default: &str, key: &str) -> Result<SurveyFile, IngestError> {
        Ok(SurveyFile {
            file: self.existing(&raw.file, &format!("{key}.file"))?,
            instrument: self
                .instrument(raw.instrument.as_deref().unwrap_or(default), &format!("{key}.instrument"))?,
            mapping: self.optional(raw.mapping.as_ref(), &format!("{key}.mapping"))?,
            unit: self.unit_source(raw.unit.as_ref(), raw.unit_column.as_ref(), key)?,
        })
    }

    fn management(&self, raw: &RawManagement, key: &str) -> Result<ManagementFile, IngestError> {
        let file = self.existing(&raw.file, &format!("{key}.file"))?;
        let unit = self.unit_source(raw.unit.as_ref(), raw.unit_column.as_ref(), key)?;
        let expectations = SurveyFile {
            file: file.clone(),
            instrument: self.instrument(
                raw.instrument.as_deref().unwrap_or(builtin::MANAGEMENT22),
                &format!("{key}.instrument"),
            )?,
            mapping: self.optional(raw.mapping.as_ref(), &format!("{key}.mapping"))?,
            unit: unit.clone(),
        };
        let factors = SurveyFile {
            file,
            instrument: self.instrument(
                raw.factors.as_deref().unwrap_or(builtin::MANAGEMENT_FACTORS),
                &format!("{key}.factors"),
            )?,
            mapping: self.optional(raw.factors_mapping.as_ref(), &format!("{key}.factors_mapping"))?,
            unit,
        };
        Ok(ManagementFile { expectations, factors })
    }

    fn helpdesk(&self, raw: &RawHelpdesk, key: &str) -> Result<HelpdeskFile, IngestError> {
        let unit_by = match &raw.unit_by {
            Some(d) => Some(Dimension::ALL.into_iter().find(|x| x.id() == d.as_str()).ok_or_else(|| {
                study_error(
                    STUDY_FILE,
                    &format!("key `{key}.unit_by`"),
                    format!("unknown ticket dimension `{d}` (channel, priority or team)"),
                )
            })?),
            None => None,
        };
        let unit = raw.unit.as_ref().map(|u| self.known_unit(u, &format!("{key}.unit"))).transpose()?;
        if unit_by.is_none() && unit.is_none() && !self.units.is_empty() {
            return Err(study_error(
                STUDY_FILE,
                &format!("key `{key}`"),
                "the study has units: give `unit_by` (channel, priority or team) or `unit`",
            ));
        }
        Ok(HelpdeskFile {
            file: self.existing(&raw.file, &format!("{key}.file"))?,
            mapping: self.optional(raw.mapping.as_ref(), &format!("{key}.mapping"))?,
            calendar: self.optional(raw.calendar.as_ref(), &format!("{key}.calendar"))?,
            targets: self.optional(raw.targets.as_ref(), &format!("{key}.targets"))?,
            unit_by,
            unit,
        })
    }

    /// The customer instruments of the waves (each distinct one once).
    fn customer_instruments(&self, files: &[WaveFiles]) -> Result<Vec<Instrument>, IngestError> {
        let mut out: Vec<Instrument> = Vec::new();
        for (w, wave) in files.iter().enumerate() {
            if let Some(survey) = &wave.customer {
                let instrument = match builtin::builtin(&survey.instrument) {
                    Some(i) => i,
                    None => crate::instrument_file::load_instrument(Path::new(&survey.instrument)).map_err(
                        |e| {
                            study_error(
                                STUDY_FILE,
                                &format!("key `waves[{w}].customer_survey.instrument`"),
                                e,
                            )
                        },
                    )?,
                };
                if !out.iter().any(|i| i.id() == instrument.id()) {
                    out.push(instrument);
                }
            }
        }
        Ok(out)
    }

    /// SLA names of every wave's targets file.
    fn sla_names(&self, files: &[WaveFiles]) -> Result<BTreeSet<String>, IngestError> {
        let mut names = BTreeSet::new();
        for helpdesk in files.iter().filter_map(|w| w.helpdesk.as_ref()) {
            if let Some(targets) = &helpdesk.targets {
                let loaded = crate::tickets::TargetsFile::load(targets)?;
                names.extend(loaded.sla.iter().map(|s| s.name().to_owned()));
            }
        }
        Ok(names)
    }
}

/// A valid slug, or the study error at `place`.
fn slug(what: &'static str, text: &str, place: &str) -> Result<servgap_core::study::Slug, IngestError> {
    servgap_core::study::Slug::new(what, text).map_err(|e| study_error(STUDY_FILE, place, e))
}
