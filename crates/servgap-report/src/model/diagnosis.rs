//! The gap-study diagnosis (schema `servgap.diagnosis/1`, `docs/diagnosis-json.md`):
//! per unit the five-gap model with each gap's size and interval, the headline findings
//! with their numbers, the register of every gap of the wave with its impact × urgency
//! quadrant, and the 1988 factors' association with the gaps across units. Converted
//! field by field from `servgap_core::study` values; language-free (user texts, such as a
//! promise as published, are carried as written; instrument texts as [`Texts`]).

use serde::{Deserialize, Serialize};
use servgap_core::instrument::Instrument;
use servgap_core::study::factors::{Association, FactorAssociation};
use servgap_core::study::register::{Register, RegisterEntry, HIGH_IMPACT, HIGH_URGENCY};
use servgap_core::study::{Gap, GapId, Study, SurveyRef, Wave};

use super::common::Texts;

/// Identifier of the diagnosis JSON layout; bumped on any incompatible change.
pub const DIAGNOSIS_SCHEMA: &str = "servgap.diagnosis/1";

/// The whole diagnosis of one wave.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiagnosisReport {
    /// [`DIAGNOSIS_SCHEMA`].
    pub schema: String,
    /// servgap version that wrote it.
    pub generator: String,
    /// Study slug.
    pub study: String,
    /// Study name as written.
    pub study_name: String,
    /// The wave.
    pub wave: WaveView,
    /// Per unit, in study order.
    pub units: Vec<UnitView>,
    /// Every gap of the wave, act now first.
    pub register: Vec<RegisterRow>,
    /// Rows per quadrant: `act-now`, `plan`, `quick-wins`, `monitor`.
    pub quadrant_counts: Vec<(String, usize)>,
    /// The categorisation's cut-offs.
    pub categorisation: CategorisationView,
    /// Factor associations across units.
    pub factors: Vec<FactorView>,
    /// Confidence level of every interval of the report (0.95 for 95 %; the request's
    /// `--confidence`); 0.95 in documents written before it was recorded.
    #[serde(default = "default_level")]
    pub level: f64,
    /// The ranked priorities of the wave, top k (issue 15); `null` when not ranked.
    #[serde(default)]
    pub priorities: Option<super::priorities::PrioritiesReport>,
    /// The study's action plan judged on the wave's last day (issue 15); `None` when the
    /// study has no actions register (absent in documents written before).
    #[serde(default)]
    pub plan: Option<super::plan::PlanReport>,
    /// Measured progress of the study's action plan (absent when the study has no plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<super::progress::ProgressReport>,
}

fn default_level() -> f64 {
    0.95
}

/// A wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveView {
    /// Slug.
    pub slug: String,
    /// First day, ISO 8601.
    pub start: String,
    /// Last day, ISO 8601.
    pub end: String,
}

/// Cut-offs of the first impact × urgency categorisation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CategorisationView {
    /// Size from which impact is high.
    pub high_impact: f64,
    /// Urgency score from which a gap is urgent.
    pub high_urgency: f64,
}

/// One unit's diagnosis.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitView {
    /// Slug.
    pub slug: String,
    /// Name as written.
    pub name: String,
    /// Gaps 1–5 of the model, in order.
    pub model: Vec<ModelBar>,
    /// Headline gap of each kind (register rows of this unit), in gap order.
    pub findings: Vec<RegisterRow>,
}

/// One gap of the five-gap model in a unit: its headline (largest) gap.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelBar {
    /// 1–5.
    pub gap: u8,
    /// Headline gap id, `None` when nothing of this gap was measured above size 0.
    pub headline: Option<String>,
    /// Its normalised size.
    pub size: Option<f64>,
    /// Interval of the size.
    pub size_interval: Option<[f64; 2]>,
    /// Gaps of this kind measured in the unit.
    pub measured: usize,
    /// Of those, certain shortfalls.
    pub certain: usize,
}

/// One register row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegisterRow {
    /// Stable gap id.
    pub id: String,
    /// `g1`…`g5`, `kpi`, `note`.
    pub kind: String,
    /// What the gap is about, for people: a dimension name, a standard's title, a
    /// promise as published, a note's description; empty for an item (the printer names it by id).
    pub label: Texts,
    /// Subject id (item, dimension, standard, promise, measure path, note).
    pub subject: String,
    /// Unit slug.
    pub unit: String,
    /// Owning departments.
    pub departments: Vec<String>,
    /// Current value.
    pub current: f64,
    /// Desired value.
    pub desired: f64,
    /// current − desired.
    pub difference: f64,
    /// Unit of the values (`scale-points`, `share`, `seconds`, …).
    pub measure_unit: String,
    /// `higher`, `lower`, `either`.
    pub direction: String,
    /// 95 % interval of the difference.
    pub interval: Option<[f64; 2]>,
    /// Normalised size 0–1 (`None` for judged gaps).
    pub size: Option<f64>,
    /// Interval of the size.
    pub size_interval: Option<[f64; 2]>,
    /// n behind the current value.
    pub n: u64,
    /// Shortfall beyond sampling doubt.
    pub certain: bool,
    /// Impact score 0–1.
    pub impact: f64,
    /// Urgency score 0–1.
    pub urgency: f64,
    /// `act-now`, `plan`, `quick-wins`, `monitor`.
    pub quadrant: String,
    /// Judged impact and urgency (`low`, `medium`, `high`) of a qualitative gap.
    pub judged: Option<[String; 2]>,
    /// Where it came from.
    pub evidence: EvidenceView,
}

/// Evidence of a gap.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceView {
    /// `(kind, file)` pairs.
    pub sources: Vec<(String, String)>,
    /// Item ids.
    pub items: Vec<String>,
    /// `(source kind, respondents)`.
    pub respondents: Vec<(String, u64)>,
    /// Tickets.
    pub tickets: Option<u64>,
    /// Named values (`median`, `p90`, `threshold`, `t`, `p`, …).
    pub details: Vec<(String, f64)>,
    /// Free text.
    pub note: Option<String>,
}

/// A factor's association with its gap across units.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactorView {
    /// Factor id.
    pub factor: String,
    /// The gap it contributes to (1–4).
    pub gap: u8,
    /// Sign the model predicts (−1 or +1).
    pub expected_sign: i8,
    /// Units with both values.
    pub units: usize,
    /// Minimum units for a result.
    pub minimum_units: usize,
    /// Spearman ρ, its p, Kendall τ-b, its p; `None` when not measurable.
    pub rho: Option<f64>,
    /// p of ρ.
    pub rho_p: Option<f64>,
    /// Kendall τ-b.
    pub tau: Option<f64>,
    /// p of τ.
    pub tau_p: Option<f64>,
    /// `exact-permutation` or `asymptotic`.
    pub method: Option<String>,
    /// ρ has the predicted sign.
    pub sign_as_predicted: Option<bool>,
}

fn pair(i: Option<servgap_core::kpi::Interval>) -> Option<[f64; 2]> {
    i.map(|i| [i.low, i.high])
}

pub(crate) fn subject_of(id: &GapId) -> String {
    match id {
        GapId::Customer(r) | GapId::Knowledge(r) => r.id().to_string(),
        GapId::KnowledgeImportance | GapId::KnowledgeUnderEstimation | GapId::Coverage(None) => String::new(),
        GapId::Coverage(Some(d)) => d.clone(),
        GapId::Alignment(s) | GapId::Standard(s) | GapId::Promise(s) | GapId::Note(s) => s.to_string(),
        GapId::DeliveryScale(s) | GapId::CommunicationScale(s) => s.clone(),
        GapId::Kpi(k) => k.measure_path().to_string(),
    }
}

fn user_text(text: &str) -> Texts {
    let mut t = Texts::default();
    if !text.is_empty() {
        t.0.insert("und".into(), text.to_string());
    }
    t
}

/// Name of an employee-survey scale (`conformance`, `promise-accuracy`) in every language,
/// from the built-in employee instrument; the id itself when the scale is not built in.
fn employee_scale(id: &str) -> Texts {
    servgap_core::builtin::builtin("employee")
        .and_then(|i| i.dimensions().iter().find(|x| x.id == id).map(|x| Texts::from_localized(&x.name)))
        .unwrap_or_else(|| user_text(id))
}

/// Display label of a gap's subject (see [`RegisterRow::label`]).
pub(crate) fn label_of(id: &GapId, study: &Study, instrument: Option<&Instrument>) -> Texts {
    let dimension = |d: &str| {
        instrument
            .and_then(|i| i.dimensions().iter().find(|x| x.id == d))
            .map(|x| Texts::from_localized(&x.name))
            .unwrap_or_else(|| user_text(d))
    };
    match id {
        GapId::Customer(SurveyRef::Dimension(d)) | GapId::Knowledge(SurveyRef::Dimension(d)) => dimension(d),
        GapId::Coverage(Some(d)) => dimension(d),
        GapId::Alignment(s) | GapId::Standard(s) => {
            study.standards().iter().find(|x| x.slug() == s).map(|x| user_text(x.title())).unwrap_or_default()
        }
        GapId::Promise(s) => {
            study.promises().iter().find(|x| x.slug() == s).map(|x| user_text(x.text())).unwrap_or_default()
        }
        GapId::Note(s) => {
            study.notes().iter().find(|x| x.slug == *s).map(|x| user_text(&x.description)).unwrap_or_default()
        }
        GapId::DeliveryScale(d) | GapId::CommunicationScale(d) => employee_scale(d),
        _ => Texts::default(),
    }
}

impl RegisterRow {
    /// One row from a categorised gap.
    pub fn new(entry: &RegisterEntry, study: &Study, instrument: Option<&Instrument>) -> RegisterRow {
        let g: &Gap = &entry.gap;
        let e = &g.evidence;
        RegisterRow {
            id: g.id.to_string(),
            kind: g.kind().id().to_string(),
            label: label_of(&g.id, study, instrument),
            subject: subject_of(&g.id),
            unit: g.unit.to_string(),
            departments: g.departments.iter().map(ToString::to_string).collect(),
            current: g.current,
            desired: g.desired,
            difference: g.difference,
            measure_unit: g.measure_unit.id().to_string(),
            direction: g.direction.id().to_string(),
            interval: pair(g.interval),
            size: g.size,
            size_interval: pair(g.size_interval()),
            n: g.n,
            certain: g.is_certain(),
            impact: entry.impact,
            urgency: entry.urgency,
            quadrant: entry.quadrant.id().to_string(),
            judged: g.judged.map(|j| [j.impact.id().to_string(), j.urgency.id().to_string()]),
            evidence: EvidenceView {
                sources: e.sources.iter().map(|s| (s.kind.id().to_string(), s.file.clone())).collect(),
                items: e.items.clone(),
                respondents: e.respondents.iter().map(|(k, n)| (k.id().to_string(), *n)).collect(),
                tickets: e.tickets,
                details: e.details.clone(),
                note: e.note.clone(),
            },
        }
    }
}

fn factor_view(a: &FactorAssociation) -> FactorView {
    let (rho, rho_p, tau, tau_p, method, minimum) = match &a.association {
        Association::Measured(r) => {
            (Some(r.rho), Some(r.rho_p), Some(r.tau), Some(r.tau_p), Some(r.method.id().to_string()), 0)
        }
        Association::NotMeasurable { minimum, .. } => (None, None, None, None, None, *minimum),
    };
    FactorView {
        factor: a.factor.id().to_string(),
        gap: a.factor.gap().number().unwrap_or(0),
        expected_sign: a.factor.expected_sign(),
        units: a.units.len(),
        minimum_units: if minimum == 0 { servgap_core::study::factors::MIN_FACTOR_UNITS } else { minimum },
        rho,
        rho_p,
        tau,
        tau_p,
        method,
        sign_as_predicted: a.sign_as_predicted,
    }
}

fn model_bars(register: &Register, unit: &servgap_core::study::Slug) -> Vec<ModelBar> {
    let headlines = register.headlines(unit);
    servgap_core::study::GapKind::ALL
        .into_iter()
        .filter_map(|kind| kind.number().map(|n| (kind, n)))
        .map(|(kind, n)| {
            let of_kind: Vec<&RegisterEntry> =
                register.for_unit(unit).filter(|e| e.gap.kind() == kind).collect();
            let head = headlines.iter().find(|e| e.gap.kind() == kind);
            ModelBar {
                gap: n,
                headline: head.map(|e| e.gap.id.to_string()),
                size: head.and_then(|e| e.gap.size),
                size_interval: head.and_then(|e| pair(e.gap.size_interval())),
                measured: of_kind.len(),
                certain: of_kind.iter().filter(|e| e.gap.is_certain()).count(),
            }
        })
        .collect()
}

impl DiagnosisReport {
    /// The view model of `wave`'s register. `instrument` (the customer instrument) names
    /// dimensions; `generator` is the servgap version.
    pub fn new(
        study: &Study,
        wave: &Wave,
        register: &Register,
        factors: &[FactorAssociation],
        instrument: Option<&Instrument>,
        generator: &str,
    ) -> DiagnosisReport {
        let row = |e: &RegisterEntry| RegisterRow::new(e, study, instrument);
        let units = study
            .units()
            .iter()
            .map(|u| UnitView {
                slug: u.slug.to_string(),
                name: u.name.clone(),
                model: model_bars(register, &u.slug),
                findings: register.headlines(&u.slug).into_iter().map(row).collect(),
            })
            .collect();
        let counts = register.quadrant_counts();
        DiagnosisReport {
            schema: DIAGNOSIS_SCHEMA.to_string(),
            generator: generator.to_string(),
            study: study.slug().to_string(),
            study_name: study.name().to_string(),
            wave: WaveView {
                slug: wave.slug().to_string(),
                start: wave.start().to_string(),
                end: wave.end().to_string(),
            },
            units,
            register: register.entries.iter().map(row).collect(),
            quadrant_counts: servgap_core::study::register::Quadrant::ALL
                .iter()
                .zip(counts)
                .map(|(q, n)| (q.id().to_string(), n))
                .collect(),
            categorisation: CategorisationView { high_impact: HIGH_IMPACT, high_urgency: HIGH_URGENCY },
            factors: factors.iter().map(factor_view).collect(),
            level: 0.95,
            priorities: None,
            plan: None,
            progress: None,
        }
    }

    /// The same report with its intervals' confidence level (0.95 for 95 %), which the
    /// printers name in their headings.
    pub fn with_level(mut self, level: f64) -> DiagnosisReport {
        self.level = level;
        self
    }

    /// The same report with the plan's measured progress as its progress section.
    pub fn with_progress(mut self, progress: super::progress::ProgressReport) -> DiagnosisReport {
        self.progress = Some(progress);
        self
    }

    /// Register rows owned by `department`.
    pub fn rows_for_department<'a>(
        &'a self,
        department: &'a str,
    ) -> impl Iterator<Item = &'a RegisterRow> + 'a {
        self.register.iter().filter(move |r| r.departments.iter().any(|d| d == department))
    }

    /// Register rows of `unit`.
    pub fn rows_for_unit<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a RegisterRow> + 'a {
        self.register.iter().filter(move |r| r.unit == unit)
    }
}
