//! The survey document, schema `servgap.partials/1`: the exact sums of a survey, its
//! segments and its findings (see `docs/partials-format.md`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use servgap_core::instrument::{Battery, Instrument};
use servgap_core::partials::{CrossProductsParts, HistogramParts, MomentsParts, WideCrossProductsParts};
use servgap_core::servqual::{
    AllocationParts, Comparison, DimensionParts, Finding, FindingLog, FindingLogParts, ItemParts, Location,
    OverallParts, Rule, SurveyPartials, SurveyParts,
};
use servgap_core::CoreError;

use crate::decimal::{decs, undecs, Dec};
use crate::StoreError;

/// Schema and version of the survey document.
pub const SURVEY_SCHEMA: &str = "servgap.partials/1";

/// A survey's exact sums as stored: the whole survey, each segment and the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSurvey {
    /// Every respondent.
    pub total: SurveyPartials,
    /// Respondents per segment value (empty when the survey was not segmented).
    pub segments: BTreeMap<String, SurveyPartials>,
    /// Rule findings, when kept.
    pub findings: Option<FindingLog>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveyDoc {
    schema: String,
    instrument: String,
    format: String,
    scale: [i16; 2],
    batteries: Vec<String>,
    comparisons: Vec<String>,
    coverage: [u32; 2],
    denominator: Dec<i128>,
    total: PartialsDoc,
    segments: Vec<SegmentDoc>,
    findings: Option<FindingsDoc>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentDoc {
    name: String,
    partials: PartialsDoc,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialsDoc {
    respondents: u64,
    items: Vec<ItemDoc>,
    dimensions: Vec<DimensionDoc>,
    full: CrossDoc,
    full_battery_only: BTreeMap<String, CrossDoc>,
    overall: OverallDoc,
    allocations: Vec<AllocationDoc>,
    satisfaction: MomentsDoc,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemDoc {
    id: String,
    dimension: String,
    complete: CrossDoc,
    differences: BTreeMap<String, HistogramDoc>,
    zone: ZoneDoc,
    with_overall: CrossDoc,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DimensionDoc {
    id: String,
    scores: WideDoc,
    differences: BTreeMap<String, HistogramDoc>,
    zone: ZoneDoc,
    listwise: CrossDoc,
    battery_only: BTreeMap<String, CrossDoc>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverallDoc {
    unweighted: WideDoc,
    differences: BTreeMap<String, HistogramDoc>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllocationDoc {
    total: Dec<i64>,
    points: BTreeMap<String, MomentsDoc>,
    weighted: WideDoc,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MomentsDoc {
    n: u64,
    sum: Dec<i128>,
    sum_sq: Dec<i128>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrossDoc {
    n: u64,
    sums: Vec<Dec<i64>>,
    products: Vec<Dec<i64>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WideDoc {
    n: u64,
    sums: Vec<Dec<i128>>,
    products: Vec<Dec<i128>>,
}

/// `[value, count]` pairs, values increasing.
type HistogramDoc = Vec<(Dec<i128>, u64)>;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneDoc {
    below: u64,
    inside: u64,
    above: u64,
    inverted: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingsDoc {
    sample_limit: usize,
    counts: BTreeMap<String, u64>,
    samples: Vec<FindingDoc>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingDoc {
    row: u64,
    rule: String,
    location: LocationDoc,
    value: String,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum LocationDoc {
    Rating { item: usize, battery: String },
    Item { item: usize },
    Battery { battery: String },
    Importance { dimension: usize },
    Allocation,
    Overall,
    Response,
    Column { name: String },
}

/// Encodes a survey's sums as pretty-printed JSON (schema [`SURVEY_SCHEMA`], trailing newline).
///
/// The output is deterministic: the same sums give byte-identical text.
///
/// # Errors
/// [`StoreError::Invalid`] when a segment was made with another instrument or coverage
/// rule than the total.
pub fn encode_survey(survey: &StoredSurvey) -> Result<String, StoreError> {
    let total = survey.total.to_parts();
    let instrument = survey.total.instrument();
    let mut segments = Vec::with_capacity(survey.segments.len());
    for (name, partials) in &survey.segments {
        if partials.instrument() != instrument || partials.coverage() != survey.total.coverage() {
            return Err(StoreError::Invalid {
                part: format!("segment \"{name}\""),
                source: CoreError::Incomparable { what: "the segment and the total" },
            });
        }
        segments.push(SegmentDoc {
            name: name.clone(),
            partials: partials_doc(instrument, &partials.to_parts()),
        });
    }
    let comparisons = Comparison::for_format(instrument.format());
    let doc = SurveyDoc {
        schema: SURVEY_SCHEMA.to_string(),
        instrument: total.instrument.clone(),
        format: total.format.clone(),
        scale: [total.scale.0, total.scale.1],
        batteries: instrument.batteries().iter().map(|b| b.code().to_string()).collect(),
        comparisons: comparisons.iter().map(|c| c.id().to_string()).collect(),
        coverage: [total.coverage.0, total.coverage.1],
        denominator: Dec(total.denominator),
        total: partials_doc(instrument, &total),
        segments,
        findings: survey.findings.as_ref().map(|log| findings_doc(&log.to_parts())),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

/// Decodes a survey document made for `instrument` and rebuilds its aggregates,
/// checking every sum ([`SurveyPartials::from_parts`]).
///
/// # Errors
/// [`StoreError::Json`] for malformed JSON or fields of the wrong type;
/// [`StoreError::Schema`] for another schema or version; [`StoreError::Keys`] and
/// [`StoreError::Unknown`] for maps and identifiers that do not fit the instrument;
/// [`StoreError::Invalid`] naming the total or segment whose sums core rejects.
pub fn decode_survey(json: &str, instrument: &Instrument) -> Result<StoredSurvey, StoreError> {
    check_schema(json, SURVEY_SCHEMA)?;
    let doc: SurveyDoc = serde_json::from_str(json)?;
    let batteries: Vec<&str> = instrument.batteries().iter().map(|b| b.code()).collect();
    check_list("batteries", &batteries, &doc.batteries)?;
    let comparisons: Vec<&str> = Comparison::for_format(instrument.format()).iter().map(|c| c.id()).collect();
    check_list("comparisons", &comparisons, &doc.comparisons)?;
    let rebuild = |part: String, partials: &PartialsDoc| -> Result<SurveyPartials, StoreError> {
        let parts = survey_parts(&doc, instrument, partials, &part)?;
        SurveyPartials::from_parts(instrument, &parts).map_err(|source| StoreError::Invalid { part, source })
    };
    let total = rebuild("total".to_string(), &doc.total)?;
    let mut segments = BTreeMap::new();
    for segment in &doc.segments {
        let part = format!("segment \"{}\"", segment.name);
        let partials = rebuild(part.clone(), &segment.partials)?;
        if segments.insert(segment.name.clone(), partials).is_some() {
            return Err(StoreError::Invalid {
                part,
                source: CoreError::PartsInconsistent {
                    field: "segments".into(),
                    rule: "the segment is listed twice".into(),
                },
            });
        }
    }
    let findings = match &doc.findings {
        Some(findings) => Some(
            FindingLog::from_parts(&finding_log_parts(findings, instrument)?)
                .map_err(|source| StoreError::Invalid { part: "findings".into(), source })?,
        ),
        None => None,
    };
    Ok(StoredSurvey { total, segments, findings })
}

/// Just the schema of a document (other fields are ignored here).
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    schema: String,
}

/// [`StoreError::Schema`] unless the document's `schema` is `expected`; checked
/// first, so a document of another version is named as such.
pub(crate) fn check_schema(json: &str, expected: &'static str) -> Result<(), StoreError> {
    let found = serde_json::from_str::<Header>(json)?.schema;
    if found == expected {
        Ok(())
    } else {
        Err(StoreError::Schema { expected, found: found.to_string() })
    }
}

/// [`StoreError::Keys`] unless `found` lists exactly `expected`, in order.
pub(crate) fn check_list(field: &str, expected: &[&str], found: &[String]) -> Result<(), StoreError> {
    if expected.iter().copied().eq(found.iter().map(String::as_str)) {
        Ok(())
    } else {
        Err(StoreError::Keys {
            field: field.to_string(),
            expected: expected.join(", "),
            found: found.join(", "),
        })
    }
}

/// The values of `map` in the order of `keys`; [`StoreError::Keys`] unless the key sets are equal.
fn take_keyed<'a, T>(
    field: &str,
    keys: &[&str],
    map: &'a BTreeMap<String, T>,
) -> Result<Vec<&'a T>, StoreError> {
    let same = map.len() == keys.len() && keys.iter().all(|k| map.contains_key(*k));
    if !same {
        let found: Vec<&str> = map.keys().map(String::as_str).collect();
        return Err(StoreError::Keys {
            field: field.to_string(),
            expected: keys.join(", "),
            found: found.join(", "),
        });
    }
    Ok(keys.iter().filter_map(|k| map.get(*k)).collect())
}

fn keyed<T>(keys: &[&str], values: Vec<T>) -> BTreeMap<String, T> {
    keys.iter().map(|k| k.to_string()).zip(values).collect()
}

fn battery_codes(instrument: &Instrument) -> Vec<&'static str> {
    instrument.batteries().iter().map(|b| b.code()).collect()
}

fn comparison_ids(instrument: &Instrument) -> Vec<&'static str> {
    Comparison::for_format(instrument.format()).iter().map(|c| c.id()).collect()
}

fn partials_doc(instrument: &Instrument, parts: &SurveyParts) -> PartialsDoc {
    let batteries = battery_codes(instrument);
    let comparisons = comparison_ids(instrument);
    let histograms = |h: &[HistogramParts]| keyed(&comparisons, h.iter().map(histogram_doc).collect());
    let dimension_ids: Vec<&str> = parts.dimensions.iter().map(|d| d.id.as_str()).collect();
    PartialsDoc {
        respondents: parts.respondents,
        items: parts
            .items
            .iter()
            .map(|item| ItemDoc {
                id: item.id.clone(),
                dimension: item.dimension.clone(),
                complete: cross_doc(&item.complete),
                differences: histograms(&item.differences),
                zone: zone_doc(item.zone),
                with_overall: cross_doc(&item.with_overall),
            })
            .collect(),
        dimensions: parts
            .dimensions
            .iter()
            .map(|dim| DimensionDoc {
                id: dim.id.clone(),
                scores: wide_doc(&dim.scores),
                differences: histograms(&dim.differences),
                zone: zone_doc(dim.zone),
                listwise: cross_doc(&dim.listwise),
                battery_only: keyed(&batteries, dim.battery_only.iter().map(cross_doc).collect()),
            })
            .collect(),
        full: cross_doc(&parts.full),
        full_battery_only: keyed(&batteries, parts.full_battery_only.iter().map(cross_doc).collect()),
        overall: OverallDoc {
            unweighted: wide_doc(&parts.overall.unweighted),
            differences: histograms(&parts.overall.differences),
        },
        allocations: parts
            .allocations
            .iter()
            .map(|group| AllocationDoc {
                total: Dec(group.total),
                points: keyed(&dimension_ids, group.points.iter().map(moments_doc).collect()),
                weighted: wide_doc(&group.weighted),
            })
            .collect(),
        satisfaction: moments_doc(&parts.satisfaction),
    }
}

fn survey_parts(
    doc: &SurveyDoc,
    instrument: &Instrument,
    partials: &PartialsDoc,
    part: &str,
) -> Result<SurveyParts, StoreError> {
    let batteries = battery_codes(instrument);
    let comparisons = comparison_ids(instrument);
    let field = |name: &str| format!("{part}.{name}");
    let histograms =
        |name: &str, map: &BTreeMap<String, HistogramDoc>| -> Result<Vec<HistogramParts>, StoreError> {
            Ok(take_keyed(&field(name), &comparisons, map)?.into_iter().map(histogram_parts).collect())
        };
    let crosses =
        |name: &str, map: &BTreeMap<String, CrossDoc>| -> Result<Vec<CrossProductsParts>, StoreError> {
            Ok(take_keyed(&field(name), &batteries, map)?.into_iter().map(cross_parts).collect())
        };
    let mut items = Vec::with_capacity(partials.items.len());
    for item in &partials.items {
        let at = format!("items[{}]", item.id);
        items.push(ItemParts {
            id: item.id.clone(),
            dimension: item.dimension.clone(),
            complete: cross_parts(&item.complete),
            differences: histograms(&format!("{at}.differences"), &item.differences)?,
            zone: zone_parts(&item.zone),
            with_overall: cross_parts(&item.with_overall),
        });
    }
    let mut dimensions = Vec::with_capacity(partials.dimensions.len());
    for dim in &partials.dimensions {
        let at = format!("dimensions[{}]", dim.id);
        dimensions.push(DimensionParts {
            id: dim.id.clone(),
            scores: wide_parts(&dim.scores),
            differences: histograms(&format!("{at}.differences"), &dim.differences)?,
            zone: zone_parts(&dim.zone),
            listwise: cross_parts(&dim.listwise),
            battery_only: crosses(&format!("{at}.battery_only"), &dim.battery_only)?,
        });
    }
    let dimension_ids: Vec<&str> = instrument.dimensions().iter().map(|d| d.id.as_str()).collect();
    let mut allocations = Vec::with_capacity(partials.allocations.len());
    for group in &partials.allocations {
        let at = field(&format!("allocations[{}].points", group.total.0));
        allocations.push(AllocationParts {
            total: group.total.0,
            points: take_keyed(&at, &dimension_ids, &group.points)?.into_iter().map(moments_parts).collect(),
            weighted: wide_parts(&group.weighted),
        });
    }
    Ok(SurveyParts {
        instrument: doc.instrument.clone(),
        format: doc.format.clone(),
        scale: (doc.scale[0], doc.scale[1]),
        coverage: (doc.coverage[0], doc.coverage[1]),
        denominator: doc.denominator.0,
        respondents: partials.respondents,
        items,
        dimensions,
        full: cross_parts(&partials.full),
        full_battery_only: crosses("full_battery_only", &partials.full_battery_only)?,
        overall: OverallParts {
            unweighted: wide_parts(&partials.overall.unweighted),
            differences: histograms("overall.differences", &partials.overall.differences)?,
        },
        allocations,
        satisfaction: moments_parts(&partials.satisfaction),
    })
}

fn cross_doc(parts: &CrossProductsParts) -> CrossDoc {
    CrossDoc { n: parts.n, sums: decs(&parts.sums), products: decs(&parts.products) }
}

fn cross_parts(doc: &CrossDoc) -> CrossProductsParts {
    CrossProductsParts { n: doc.n, sums: undecs(&doc.sums), products: undecs(&doc.products) }
}

fn wide_doc(parts: &WideCrossProductsParts) -> WideDoc {
    WideDoc { n: parts.n, sums: decs(&parts.sums), products: decs(&parts.products) }
}

fn wide_parts(doc: &WideDoc) -> WideCrossProductsParts {
    WideCrossProductsParts { n: doc.n, sums: undecs(&doc.sums), products: undecs(&doc.products) }
}

fn moments_doc(parts: &MomentsParts) -> MomentsDoc {
    MomentsDoc { n: parts.n, sum: Dec(parts.sum), sum_sq: Dec(parts.sum_sq) }
}

fn moments_parts(doc: &MomentsDoc) -> MomentsParts {
    MomentsParts { n: doc.n, sum: doc.sum.0, sum_sq: doc.sum_sq.0 }
}

fn histogram_doc(parts: &HistogramParts) -> HistogramDoc {
    parts.counts.iter().map(|&(v, c)| (Dec(v), c)).collect()
}

fn histogram_parts(doc: &HistogramDoc) -> HistogramParts {
    HistogramParts { counts: doc.iter().map(|&(v, c)| (v.0, c)).collect() }
}

fn zone_doc([below, inside, above, inverted]: [u64; 4]) -> ZoneDoc {
    ZoneDoc { below, inside, above, inverted }
}

fn zone_parts(doc: &ZoneDoc) -> [u64; 4] {
    [doc.below, doc.inside, doc.above, doc.inverted]
}

const BATTERIES: [Battery; 4] = [Battery::Expected, Battery::Perceived, Battery::Minimum, Battery::Desired];

fn battery_of(field: &str, code: &str) -> Result<Battery, StoreError> {
    BATTERIES
        .into_iter()
        .find(|b| b.code() == code)
        .ok_or_else(|| StoreError::Unknown { field: field.to_string(), value: code.to_string() })
}

fn rule_of(field: &str, id: &str) -> Result<Rule, StoreError> {
    Rule::from_id(id).ok_or_else(|| StoreError::Unknown { field: field.to_string(), value: id.to_string() })
}

fn findings_doc(parts: &FindingLogParts) -> FindingsDoc {
    FindingsDoc {
        sample_limit: parts.sample_limit,
        counts: parts.counts.iter().map(|(rule, count)| (rule.id().to_string(), *count)).collect(),
        samples: parts
            .samples
            .iter()
            .map(|f| FindingDoc {
                row: f.row,
                rule: f.rule.id().to_string(),
                location: location_doc(&f.location),
                value: f.value.clone(),
            })
            .collect(),
    }
}

fn location_doc(location: &Location) -> LocationDoc {
    match location {
        Location::Rating { item, battery } => {
            LocationDoc::Rating { item: *item, battery: battery.code().into() }
        }
        Location::Item { item } => LocationDoc::Item { item: *item },
        Location::Battery(battery) => LocationDoc::Battery { battery: battery.code().into() },
        Location::Importance { dimension } => LocationDoc::Importance { dimension: *dimension },
        Location::Allocation => LocationDoc::Allocation,
        Location::Overall => LocationDoc::Overall,
        Location::Response => LocationDoc::Response,
        Location::Column(name) => LocationDoc::Column { name: name.clone() },
    }
}

fn finding_log_parts(doc: &FindingsDoc, instrument: &Instrument) -> Result<FindingLogParts, StoreError> {
    let mut counts = Vec::with_capacity(doc.counts.len());
    for (id, &count) in &doc.counts {
        counts.push((rule_of("findings.counts", id)?, count));
    }
    counts.sort();
    let mut samples = Vec::with_capacity(doc.samples.len());
    for f in &doc.samples {
        samples.push(Finding {
            row: f.row,
            location: location_parts(&f.location, instrument)?,
            rule: rule_of("findings.samples.rule", &f.rule)?,
            value: f.value.clone(),
        });
    }
    Ok(FindingLogParts { sample_limit: doc.sample_limit, counts, samples })
}

fn location_parts(doc: &LocationDoc, instrument: &Instrument) -> Result<Location, StoreError> {
    let field = "findings.samples.location";
    let index = |what: &str, i: usize, len: usize| {
        if i < len {
            Ok(i)
        } else {
            Err(StoreError::Unknown { field: format!("{field}.{what}"), value: i.to_string() })
        }
    };
    let items = instrument.items().len();
    Ok(match doc {
        LocationDoc::Rating { item, battery } => Location::Rating {
            item: index("item", *item, items)?,
            battery: battery_of(&format!("{field}.battery"), battery)?,
        },
        LocationDoc::Item { item } => Location::Item { item: index("item", *item, items)? },
        LocationDoc::Battery { battery } => {
            Location::Battery(battery_of(&format!("{field}.battery"), battery)?)
        }
        LocationDoc::Importance { dimension } => {
            Location::Importance { dimension: index("dimension", *dimension, instrument.dimensions().len())? }
        }
        LocationDoc::Allocation => Location::Allocation,
        LocationDoc::Overall => Location::Overall,
        LocationDoc::Response => Location::Response,
        LocationDoc::Column { name } => Location::Column(name.clone()),
    })
}
