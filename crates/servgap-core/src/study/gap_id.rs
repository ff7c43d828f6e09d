//! Stable gap ids (`gap-study.md` §1): the same gap in two waves has the same id.
//!
//! ```text
//! g5/item/<item>            g5/dimension/<dimension>          customer gap (P − E)
//! g1/item/<item>            g1/dimension/<dimension>          knowledge gap (managers' E − customers' E)
//! g1/importance             g1/under-estimation               ranking agreement; share of items under-estimated
//! g2/coverage               g2/coverage/<dimension>           standards coverage (all important items; one dimension)
//! g2/alignment/<standard>                                     a standard's target vs customers' E/D
//! g3/standard/<standard>    g3/scale/<scale>                  attainment; employees' self-rated conformance
//! g4/promise/<promise>      g4/scale/<scale>                  promise held; employees' promise accuracy
//! kpi/<measure>[/<dimension>=<value>]                         KPI vs target, e.g. kpi/first-response/median/channel=email
//! note/<slug>                                                 qualitative gap
//! ```
//!
//! KPI measure paths: a duration KPI on the business clock (the default) is
//! `<kpi>/<statistic>` (`first-response/median`), on the calendar clock
//! `<kpi>/calendar/<statistic>`; an SLA is `sla/<name>`; the others are their measure id
//! (`csat`, `first-contact-resolution`, …). Item, dimension, scale and segment values are
//! written with `%XX` escapes for every byte outside `A–Z a–z 0–9 . _ : -`, so an id never
//! contains a stray `/` or `=`; parsing accepts only that canonical spelling, so
//! `parse(display(id)) == id` and `display(parse(s)) == s`.

use std::fmt;
use std::str::FromStr;

use super::objects::SurveyRef;
use super::slug::{slug_rule, Slug};
use crate::kpi::{Clock, Dimension as KpiDimension, DurationKpi, Measure, SegmentFilter, Statistic};
use crate::CoreError;

/// The six gaps of the model plus qualitative gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GapKind {
    /// Gap 1, knowledge: customers' expectations vs managers' perception of them.
    Knowledge,
    /// Gap 2, standards: customer-important items without a standard, or standards set off what customers desire.
    Standards,
    /// Gap 3, delivery: standards vs service delivered.
    Delivery,
    /// Gap 4, communication: promises vs service delivered.
    Communication,
    /// Gap 5, customer: perceived vs expected service.
    Customer,
    /// A help-desk KPI vs its target.
    Kpi,
    /// A gap judged by people, not measured.
    Qualitative,
}

impl GapKind {
    /// Every kind, in the model's order.
    pub const ALL: [GapKind; 7] = [
        GapKind::Knowledge,
        GapKind::Standards,
        GapKind::Delivery,
        GapKind::Communication,
        GapKind::Customer,
        GapKind::Kpi,
        GapKind::Qualitative,
    ];

    /// The id prefix: `g1`…`g5`, `kpi`, `note`.
    pub fn id(self) -> &'static str {
        match self {
            GapKind::Knowledge => "g1",
            GapKind::Standards => "g2",
            GapKind::Delivery => "g3",
            GapKind::Communication => "g4",
            GapKind::Customer => "g5",
            GapKind::Kpi => "kpi",
            GapKind::Qualitative => "note",
        }
    }

    /// The gap's number in the five-gap model (1–5), `None` for KPI and qualitative gaps.
    pub fn number(self) -> Option<u8> {
        match self {
            GapKind::Knowledge => Some(1),
            GapKind::Standards => Some(2),
            GapKind::Delivery => Some(3),
            GapKind::Communication => Some(4),
            GapKind::Customer => Some(5),
            GapKind::Kpi | GapKind::Qualitative => None,
        }
    }
}

/// A KPI gap's subject: the measure path and optionally one segment value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KpiSubject {
    measure: String,
    segment: Option<(KpiDimension, String)>,
}

impl KpiSubject {
    /// The subject of `measure` on `segment` (`Every` is read as all tickets).
    pub fn new(measure: &Measure, segment: &SegmentFilter) -> KpiSubject {
        let segment = match segment {
            SegmentFilter::Only(d, v) => Some((*d, v.clone())),
            _ => None,
        };
        KpiSubject { measure: measure_path(measure), segment }
    }

    /// The measure path (`first-response/median`).
    pub fn measure_path(&self) -> &str {
        &self.measure
    }

    /// The measure it names.
    pub fn measure(&self) -> Option<Measure> {
        parse_measure_path(&self.measure)
    }

    /// The segment value, `None` for all tickets.
    pub fn segment(&self) -> Option<(KpiDimension, &str)> {
        self.segment.as_ref().map(|(d, v)| (*d, v.as_str()))
    }
}

/// A stable gap id. See the module documentation for the spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GapId {
    /// `g5/item/…`, `g5/dimension/…`.
    Customer(SurveyRef),
    /// `g1/item/…`, `g1/dimension/…`.
    Knowledge(SurveyRef),
    /// `g1/importance`: agreement of managers' and customers' importance rankings.
    KnowledgeImportance,
    /// `g1/under-estimation`: share of items whose expectation managers under-estimate.
    KnowledgeUnderEstimation,
    /// `g2/coverage` (`None`: all important items) or `g2/coverage/<dimension>`.
    Coverage(Option<String>),
    /// `g2/alignment/<standard>`.
    Alignment(Slug),
    /// `g3/standard/<standard>`.
    Standard(Slug),
    /// `g3/scale/<scale>`: employees' self-rated conformance.
    DeliveryScale(String),
    /// `g4/promise/<promise>`.
    Promise(Slug),
    /// `g4/scale/<scale>`: employees' rating of promise accuracy.
    CommunicationScale(String),
    /// `kpi/<measure>[/<dimension>=<value>]`.
    Kpi(KpiSubject),
    /// `note/<slug>`.
    Note(Slug),
}

impl GapId {
    /// The kind of gap the id names.
    pub fn kind(&self) -> GapKind {
        match self {
            GapId::Customer(_) => GapKind::Customer,
            GapId::Knowledge(_) | GapId::KnowledgeImportance | GapId::KnowledgeUnderEstimation => {
                GapKind::Knowledge
            }
            GapId::Coverage(_) | GapId::Alignment(_) => GapKind::Standards,
            GapId::Standard(_) | GapId::DeliveryScale(_) => GapKind::Delivery,
            GapId::Promise(_) | GapId::CommunicationScale(_) => GapKind::Communication,
            GapId::Kpi(_) => GapKind::Kpi,
            GapId::Note(_) => GapKind::Qualitative,
        }
    }
}

fn survey_path(r: &SurveyRef) -> String {
    match r {
        SurveyRef::Item(id) => format!("item/{}", escape(id)),
        SurveyRef::Dimension(id) => format!("dimension/{}", escape(id)),
    }
}

impl fmt::Display for GapId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind().id();
        match self {
            GapId::Customer(r) | GapId::Knowledge(r) => write!(f, "{kind}/{}", survey_path(r)),
            GapId::KnowledgeImportance => write!(f, "{kind}/importance"),
            GapId::KnowledgeUnderEstimation => write!(f, "{kind}/under-estimation"),
            GapId::Coverage(None) => write!(f, "{kind}/coverage"),
            GapId::Coverage(Some(d)) => write!(f, "{kind}/coverage/{}", escape(d)),
            GapId::Alignment(s) => write!(f, "{kind}/alignment/{s}"),
            GapId::Standard(s) => write!(f, "{kind}/standard/{s}"),
            GapId::DeliveryScale(s) | GapId::CommunicationScale(s) => write!(f, "{kind}/scale/{}", escape(s)),
            GapId::Promise(s) => write!(f, "{kind}/promise/{s}"),
            GapId::Kpi(k) => {
                write!(f, "{kind}/{}", k.measure)?;
                match &k.segment {
                    Some((d, v)) => write!(f, "/{}={}", d.id(), escape(v)),
                    None => Ok(()),
                }
            }
            GapId::Note(s) => write!(f, "{kind}/{s}"),
        }
    }
}

fn bad(text: &str, rule: impl Into<String>) -> CoreError {
    CoreError::GapId { text: text.to_owned(), rule: rule.into() }
}

impl FromStr for GapId {
    type Err = CoreError;

    /// Parses the canonical spelling (see the module documentation).
    fn from_str(text: &str) -> Result<GapId, CoreError> {
        let parts: Vec<&str> = text.split('/').collect();
        let id = match parts.as_slice() {
            ["g5", rest @ ..] => GapId::Customer(parse_survey(text, rest)?),
            ["g1", "importance"] => GapId::KnowledgeImportance,
            ["g1", "under-estimation"] => GapId::KnowledgeUnderEstimation,
            ["g1", rest @ ..] => GapId::Knowledge(parse_survey(text, rest)?),
            ["g2", "coverage"] => GapId::Coverage(None),
            ["g2", "coverage", d] => GapId::Coverage(Some(unescape(text, d)?)),
            ["g2", "alignment", s] => GapId::Alignment(parse_slug(text, s)?),
            ["g3", "standard", s] => GapId::Standard(parse_slug(text, s)?),
            ["g3", "scale", s] => GapId::DeliveryScale(unescape(text, s)?),
            ["g4", "promise", s] => GapId::Promise(parse_slug(text, s)?),
            ["g4", "scale", s] => GapId::CommunicationScale(unescape(text, s)?),
            ["kpi", rest @ ..] => GapId::Kpi(parse_kpi(text, rest)?),
            ["note", s] => GapId::Note(parse_slug(text, s)?),
            _ => {
                return Err(bad(text, "expected g1…g5, kpi or note followed by its subject, e.g. g5/item/8"))
            }
        };
        Ok(id)
    }
}

fn parse_survey(text: &str, rest: &[&str]) -> Result<SurveyRef, CoreError> {
    match rest {
        ["item", id] => Ok(SurveyRef::Item(unescape(text, id)?)),
        ["dimension", id] => Ok(SurveyRef::Dimension(unescape(text, id)?)),
        _ => Err(bad(text, "expected item/<id> or dimension/<id>")),
    }
}

fn parse_slug(text: &str, part: &str) -> Result<Slug, CoreError> {
    match slug_rule(part) {
        None => Slug::new("gap id", part),
        Some(rule) => Err(bad(text, rule)),
    }
}

fn parse_kpi(text: &str, rest: &[&str]) -> Result<KpiSubject, CoreError> {
    let (measure, segment) = match rest.split_last() {
        Some((last, head)) if last.contains('=') => (head, Some(*last)),
        _ => (rest, None),
    };
    let path = measure.join("/");
    if parse_measure_path(&path).is_none() {
        return Err(bad(text, format!("`{path}` is not a kpi measure")));
    }
    let segment = match segment {
        None => None,
        Some(s) => {
            let (d, v) = s.split_once('=').ok_or_else(|| bad(text, "expected <dimension>=<value>"))?;
            let dimension = KpiDimension::ALL
                .into_iter()
                .find(|x| x.id() == d)
                .ok_or_else(|| bad(text, format!("`{d}` is not channel, priority or team")))?;
            Some((dimension, unescape(text, v)?))
        }
    };
    Ok(KpiSubject { measure: path, segment })
}

/// The measure's path in a KPI gap id (see the module documentation).
pub fn measure_path(measure: &Measure) -> String {
    match measure {
        Measure::Duration { kpi, clock: Clock::Business, statistic } => {
            format!("{}/{}", kpi.id(), statistic.id())
        }
        Measure::Duration { kpi, clock: Clock::Calendar, statistic } => {
            format!("{}/calendar/{}", kpi.id(), statistic.id())
        }
        Measure::SlaAttainment(name) => format!("sla/{}", escape(name)),
        other => other.id(),
    }
}

/// The measure a path names, `None` when it names none.
pub fn parse_measure_path(path: &str) -> Option<Measure> {
    let statistic =
        |s: &str| [Statistic::Median, Statistic::P90, Statistic::Mean].into_iter().find(|x| x.id() == s);
    let kpi = |s: &str| DurationKpi::ALL.into_iter().find(|x| x.id() == s);
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [k, s] if kpi(k).is_some() => {
            Some(Measure::Duration { kpi: kpi(k)?, clock: Clock::Business, statistic: statistic(s)? })
        }
        [k, "calendar", s] => {
            Some(Measure::Duration { kpi: kpi(k)?, clock: Clock::Calendar, statistic: statistic(s)? })
        }
        ["sla", name] => {
            let name = unescape(path, name).ok()?;
            (!name.is_empty()).then_some(Measure::SlaAttainment(name))
        }
        [single] => [
            Measure::FirstContactResolution,
            Measure::ReopenRate,
            Measure::Csat,
            Measure::CsatResponseRate,
            Measure::Nps,
            Measure::CesMean,
            Measure::CesAgree,
            Measure::Backlog,
        ]
        .into_iter()
        .find(|m| m.id() == *single),
        _ => None,
    }
}

fn is_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-')
}

/// Writes `text` with `%XX` (upper-case hex) for every byte outside `A–Z a–z 0–9 . _ : -`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if is_plain(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`escape`]; only the canonical spelling is accepted.
fn unescape(text: &str, part: &str) -> Result<String, CoreError> {
    if part.is_empty() {
        return Err(bad(text, "a subject must not be empty"));
    }
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = part.get(i + 1..i + 3).ok_or_else(|| bad(text, "a % escape needs two hex digits"))?;
            let byte =
                u8::from_str_radix(hex, 16).map_err(|_| bad(text, "a % escape needs two hex digits"))?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).map_err(|_| bad(text, "escapes do not decode to UTF-8"))?;
    if escape(&decoded) != part {
        return Err(bad(
            text,
            "not in canonical form (escape exactly the bytes outside A-Z a-z 0-9 . _ : -, upper-case hex)",
        ));
    }
    Ok(decoded)
}
