//! The KPI document, schema `servgap.kpi-partials/1`: the exact counts of a KPI run per
//! (period, segment) group (see `docs/partials-format.md`).

use serde::{Deserialize, Serialize};
use servgap_core::kpi::{
    BacklogChangeParts, Clock, ConditionCounts, Dimension, Direction, DurationHistogramParts, DurationKpi,
    DurationParts, KpiAggregate, KpiEngine, KpiGroupParts, KpiParts, MetSatisfied, Proportion,
    ReopenDayParts, SatisfactionParts, TicketCondition,
};

use servgap_core::CoreError;

use crate::decimal::Dec;
use crate::survey::check_schema;
use crate::StoreError;

/// Schema and version of the KPI document.
pub const KPI_SCHEMA: &str = "servgap.kpi-partials/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KpiDoc {
    schema: String,
    zone: String,
    period: String,
    dimensions: Vec<String>,
    sla: Vec<String>,
    tickets: u64,
    groups: Vec<GroupDoc>,
    backlog: Vec<BacklogDoc>,
    /// Reopen outcomes per group and first-solve day (right-censoring, issue 13).
    #[serde(default)]
    reopen_days: Vec<ReopenDayDoc>,
    /// Latest instant in the data, Unix seconds.
    #[serde(default)]
    latest: Option<i64>,
    /// Per-ticket conditions of the targets counted against CSAT (issue 15); absent in
    /// documents written before them.
    #[serde(default)]
    satisfaction_links: Vec<ConditionDoc>,
    /// Their counts per group (and first-solve day for `not-reopened`).
    #[serde(default)]
    satisfaction: Vec<SatisfactionDoc>,
}

/// A per-ticket condition ([`TicketCondition`]), tagged by `kind`.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum ConditionDoc {
    Within { kpi: String, clock: String, seconds: u64, direction: String },
    FirstContactResolved,
    NotReopened,
    SlaMet { sla: String },
    CesAgree,
    CesAtLeast { score: u8 },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SatisfactionDoc {
    period_start: String,
    dimension: Option<String>,
    value: String,
    link: usize,
    day: Option<String>,
    /// met & satisfied, met & not, missed & satisfied, missed & not (CSAT answers).
    table: [u64; 4],
    met: u64,
    missed: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReopenDayDoc {
    period_start: String,
    dimension: Option<String>,
    value: String,
    day: String,
    reopen: ShareDoc,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupDoc {
    period_start: String,
    dimension: Option<String>,
    value: String,
    created: u64,
    solved: u64,
    awaiting_first_response: u64,
    durations: Vec<DurationDoc>,
    first_contact_resolution: ShareDoc,
    reopen: ShareDoc,
    sla: Vec<SlaDoc>,
    csat: CsatDoc,
    nps: [u64; 11],
    ces: [u64; 7],
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DurationDoc {
    kpi: String,
    clock: String,
    n: u64,
    sum: Dec<u128>,
    min: Dec<u64>,
    max: Dec<u64>,
    budget: u32,
    exact: Vec<(Dec<u64>, u64)>,
    coarse: Option<Vec<(u32, u64)>>,
    refined: Vec<(Dec<u64>, u64)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareDoc {
    successes: u64,
    n: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SlaDoc {
    met: u64,
    breached: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CsatDoc {
    offered: u64,
    rated: u64,
    good: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BacklogDoc {
    day: String,
    dimension: Option<String>,
    value: String,
    change: i64,
}

/// The zone name written into and expected from a document.
fn zone_name(engine: &KpiEngine) -> String {
    engine.options().zone.iana_name().unwrap_or("").to_string()
}

/// Encodes a KPI aggregate made with `engine` as pretty-printed JSON (schema
/// [`KPI_SCHEMA`], trailing newline). Deterministic: equal counts give identical text.
///
/// # Errors
/// [`StoreError::Json`] only if serialisation itself fails.
pub fn encode_kpi(aggregate: &KpiAggregate, engine: &KpiEngine) -> Result<String, StoreError> {
    let parts = aggregate.to_parts(engine);
    let doc = KpiDoc {
        schema: KPI_SCHEMA.to_string(),
        zone: zone_name(engine),
        period: parts.period.clone(),
        dimensions: parts.dimensions.iter().map(|d| d.id().to_string()).collect(),
        sla: parts.sla.clone(),
        tickets: parts.tickets,
        groups: parts.groups.iter().map(group_doc).collect(),
        backlog: parts
            .backlog
            .iter()
            .map(|b| BacklogDoc {
                day: b.day.to_string(),
                dimension: b.dimension.map(|d| d.id().to_string()),
                value: b.value.clone(),
                change: b.change,
            })
            .collect(),
        reopen_days: parts
            .reopen_days
            .iter()
            .map(|r| ReopenDayDoc {
                period_start: r.period_start.to_string(),
                dimension: r.dimension.map(|d| d.id().to_string()),
                value: r.value.clone(),
                day: r.day.to_string(),
                reopen: share_doc(r.reopen),
            })
            .collect(),
        latest: parts.latest,
        satisfaction_links: parts.satisfaction_links.iter().map(condition_doc).collect(),
        satisfaction: parts.satisfaction.iter().map(satisfaction_doc).collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

/// Decodes a KPI document made with `engine`'s options and rebuilds the aggregate,
/// checking every count ([`KpiAggregate::from_parts`]).
///
/// # Errors
/// [`StoreError::Json`] for malformed JSON; [`StoreError::Schema`] for another schema
/// or version; [`StoreError::Unknown`] for unknown dates, dimensions, KPIs or clocks;
/// [`StoreError::Invalid`] when the time zone differs or core rejects the counts.
pub fn decode_kpi(json: &str, engine: &KpiEngine) -> Result<KpiAggregate, StoreError> {
    check_schema(json, KPI_SCHEMA)?;
    let doc: KpiDoc = serde_json::from_str(json)?;
    let zone = zone_name(engine);
    if doc.zone != zone {
        let source = CoreError::PartsMismatch { what: "time zone".into(), expected: zone, found: doc.zone };
        return Err(StoreError::Invalid { part: "kpi".into(), source });
    }
    let mut dimensions = Vec::with_capacity(doc.dimensions.len());
    for id in &doc.dimensions {
        dimensions.push(dimension_of("dimensions", id)?);
    }
    let mut groups = Vec::with_capacity(doc.groups.len());
    for g in &doc.groups {
        groups.push(group_parts(g)?);
    }
    let mut backlog = Vec::with_capacity(doc.backlog.len());
    for b in &doc.backlog {
        backlog.push(BacklogChangeParts {
            day: date_of("backlog.day", &b.day)?,
            dimension: b.dimension.as_deref().map(|d| dimension_of("backlog.dimension", d)).transpose()?,
            value: b.value.clone(),
            change: b.change,
        });
    }
    let mut reopen_days = Vec::with_capacity(doc.reopen_days.len());
    for r in &doc.reopen_days {
        reopen_days.push(ReopenDayParts {
            period_start: date_of("reopen_days.period_start", &r.period_start)?,
            dimension: r
                .dimension
                .as_deref()
                .map(|d| dimension_of("reopen_days.dimension", d))
                .transpose()?,
            value: r.value.clone(),
            day: date_of("reopen_days.day", &r.day)?,
            reopen: Proportion { successes: r.reopen.successes, n: r.reopen.n },
        });
    }
    let parts = KpiParts {
        period: doc.period,
        dimensions,
        sla: doc.sla,
        tickets: doc.tickets,
        groups,
        backlog,
        reopen_days,
        latest: doc.latest,
        satisfaction_links: doc.satisfaction_links.iter().map(condition_of).collect::<Result<_, _>>()?,
        satisfaction: doc.satisfaction.iter().map(satisfaction_parts).collect::<Result<_, _>>()?,
    };
    KpiAggregate::from_parts(engine, &parts)
        .map_err(|source| StoreError::Invalid { part: "kpi".into(), source })
}

fn group_doc(g: &KpiGroupParts) -> GroupDoc {
    GroupDoc {
        period_start: g.period_start.to_string(),
        dimension: g.dimension.map(|d| d.id().to_string()),
        value: g.value.clone(),
        created: g.created,
        solved: g.solved,
        awaiting_first_response: g.awaiting_first_response,
        durations: g.durations.iter().map(duration_doc).collect(),
        first_contact_resolution: share_doc(g.first_contact_resolution),
        reopen: share_doc(g.reopen),
        sla: g.sla.iter().map(|&(met, breached)| SlaDoc { met, breached }).collect(),
        csat: CsatDoc { offered: g.csat_offered, rated: g.csat_rated, good: g.csat_good },
        nps: g.nps,
        ces: g.ces,
    }
}

fn group_parts(g: &GroupDoc) -> Result<KpiGroupParts, StoreError> {
    let mut durations = Vec::with_capacity(g.durations.len());
    for d in &g.durations {
        durations.push(duration_parts(d)?);
    }
    Ok(KpiGroupParts {
        period_start: date_of("groups.period_start", &g.period_start)?,
        dimension: g.dimension.as_deref().map(|d| dimension_of("groups.dimension", d)).transpose()?,
        value: g.value.clone(),
        created: g.created,
        solved: g.solved,
        awaiting_first_response: g.awaiting_first_response,
        durations,
        first_contact_resolution: Proportion {
            successes: g.first_contact_resolution.successes,
            n: g.first_contact_resolution.n,
        },
        reopen: Proportion { successes: g.reopen.successes, n: g.reopen.n },
        sla: g.sla.iter().map(|s| (s.met, s.breached)).collect(),
        csat_offered: g.csat.offered,
        csat_rated: g.csat.rated,
        csat_good: g.csat.good,
        nps: g.nps,
        ces: g.ces,
    })
}

fn condition_doc(c: &TicketCondition) -> ConditionDoc {
    match c {
        TicketCondition::Within { kpi, clock, seconds, direction } => ConditionDoc::Within {
            kpi: kpi.id().to_string(),
            clock: clock.id().to_string(),
            seconds: *seconds,
            direction: direction.id().to_string(),
        },
        TicketCondition::FirstContactResolved => ConditionDoc::FirstContactResolved,
        TicketCondition::NotReopened => ConditionDoc::NotReopened,
        TicketCondition::SlaMet(name) => ConditionDoc::SlaMet { sla: name.clone() },
        TicketCondition::CesAgree => ConditionDoc::CesAgree,
        TicketCondition::CesAtLeast(score) => ConditionDoc::CesAtLeast { score: *score },
    }
}

fn condition_of(doc: &ConditionDoc) -> Result<TicketCondition, StoreError> {
    Ok(match doc {
        ConditionDoc::Within { kpi, clock, seconds, direction } => TicketCondition::Within {
            kpi: kpi_of("satisfaction_links.kpi", kpi)?,
            clock: clock_of("satisfaction_links.clock", clock)?,
            seconds: *seconds,
            direction: [Direction::LowerIsBetter, Direction::HigherIsBetter]
                .into_iter()
                .find(|d| d.id() == direction)
                .ok_or_else(|| StoreError::Unknown {
                    field: "satisfaction_links.direction".into(),
                    value: direction.clone(),
                })?,
        },
        ConditionDoc::FirstContactResolved => TicketCondition::FirstContactResolved,
        ConditionDoc::NotReopened => TicketCondition::NotReopened,
        ConditionDoc::SlaMet { sla } => TicketCondition::SlaMet(sla.clone()),
        ConditionDoc::CesAgree => TicketCondition::CesAgree,
        ConditionDoc::CesAtLeast { score } => TicketCondition::CesAtLeast(*score),
    })
}

fn satisfaction_doc(s: &SatisfactionParts) -> SatisfactionDoc {
    let t = &s.counts.table;
    SatisfactionDoc {
        period_start: s.period_start.to_string(),
        dimension: s.dimension.map(|d| d.id().to_string()),
        value: s.value.clone(),
        link: s.link,
        day: s.day.map(|d| d.to_string()),
        table: [t.met_satisfied, t.met_unsatisfied, t.missed_satisfied, t.missed_unsatisfied],
        met: s.counts.met,
        missed: s.counts.missed,
    }
}

fn satisfaction_parts(s: &SatisfactionDoc) -> Result<SatisfactionParts, StoreError> {
    let [a, b, c, d] = s.table;
    Ok(SatisfactionParts {
        period_start: date_of("satisfaction.period_start", &s.period_start)?,
        dimension: s.dimension.as_deref().map(|d| dimension_of("satisfaction.dimension", d)).transpose()?,
        value: s.value.clone(),
        link: s.link,
        day: s.day.as_deref().map(|d| date_of("satisfaction.day", d)).transpose()?,
        counts: ConditionCounts {
            table: MetSatisfied {
                met_satisfied: a,
                met_unsatisfied: b,
                missed_satisfied: c,
                missed_unsatisfied: d,
            },
            met: s.met,
            missed: s.missed,
        },
    })
}

fn kpi_of(field: &str, id: &str) -> Result<DurationKpi, StoreError> {
    DurationKpi::ALL
        .into_iter()
        .find(|k| k.id() == id)
        .ok_or_else(|| StoreError::Unknown { field: field.into(), value: id.to_string() })
}

fn clock_of(field: &str, id: &str) -> Result<Clock, StoreError> {
    [Clock::Calendar, Clock::Business]
        .into_iter()
        .find(|c| c.id() == id)
        .ok_or_else(|| StoreError::Unknown { field: field.into(), value: id.to_string() })
}

fn share_doc(p: Proportion) -> ShareDoc {
    ShareDoc { successes: p.successes, n: p.n }
}

fn duration_doc(d: &DurationParts) -> DurationDoc {
    let h = &d.histogram;
    let pairs = |list: &[(u64, u64)]| list.iter().map(|&(v, c)| (Dec(v), c)).collect();
    DurationDoc {
        kpi: d.kpi.id().to_string(),
        clock: d.clock.id().to_string(),
        n: h.n,
        sum: Dec(h.sum),
        min: Dec(h.min),
        max: Dec(h.max),
        budget: h.budget,
        exact: pairs(&h.exact),
        coarse: h.coarse.clone(),
        refined: pairs(&h.refined),
    }
}

fn duration_parts(d: &DurationDoc) -> Result<DurationParts, StoreError> {
    let kpi = DurationKpi::ALL
        .into_iter()
        .find(|k| k.id() == d.kpi)
        .ok_or_else(|| StoreError::Unknown { field: "groups.durations.kpi".into(), value: d.kpi.clone() })?;
    let clock =
        [Clock::Calendar, Clock::Business].into_iter().find(|c| c.id() == d.clock).ok_or_else(|| {
            StoreError::Unknown { field: "groups.durations.clock".into(), value: d.clock.clone() }
        })?;
    let pairs = |list: &[(Dec<u64>, u64)]| list.iter().map(|&(v, c)| (v.0, c)).collect();
    Ok(DurationParts {
        kpi,
        clock,
        histogram: DurationHistogramParts {
            n: d.n,
            sum: d.sum.0,
            min: d.min.0,
            max: d.max.0,
            budget: d.budget,
            exact: pairs(&d.exact),
            coarse: d.coarse.clone(),
            refined: pairs(&d.refined),
        },
    })
}

fn dimension_of(field: &str, id: &str) -> Result<Dimension, StoreError> {
    Dimension::ALL
        .into_iter()
        .find(|d| d.id() == id)
        .ok_or_else(|| StoreError::Unknown { field: field.to_string(), value: id.to_string() })
}

fn date_of(field: &str, text: &str) -> Result<jiff::civil::Date, StoreError> {
    text.parse()
        .ok()
        .filter(|date: &jiff::civil::Date| date.to_string() == text)
        .ok_or_else(|| StoreError::Unknown { field: field.to_string(), value: text.to_string() })
}
