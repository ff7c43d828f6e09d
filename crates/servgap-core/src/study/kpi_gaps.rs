//! KPI gaps (`kpi/<measure>[/<dimension>=<value>]`) from the existing target evaluation,
//! and qualitative gaps (`note/<slug>`) from the study file.
//!
//! ```text
//! current = actual, desired = target, difference = actual − target (the KPI's unit)
//! size    = shortfall / |target − minimum| with a band (share of the distance from the
//!           minimum to the target), else shortfall / |target| (the existing normalised gap),
//!           clamped to [0, 1]; shortfall = max(0, s·(target − actual)), s = +1 higher is better
//! ```

use super::context::{GapContext, Measured};
use super::gap::{Evidence, Gap, GapDirection, GapUnit, Judged, Source, SourceKind};
use super::gap_id::{GapId, KpiSubject};
use super::kpi_sampling::kpi_sampling;
use super::objects::QualitativeGap;
use crate::kpi::{Direction, GapRow, KpiParts, Measure, SegmentFilter, Target, Unit as KpiUnit};

fn unit_of(measure: &Measure) -> GapUnit {
    match measure.unit() {
        KpiUnit::Seconds => GapUnit::Seconds,
        KpiUnit::Share => GapUnit::Share,
        KpiUnit::NpsPoints => GapUnit::NpsPoints,
        KpiUnit::CesMean => GapUnit::ScalePoints,
        KpiUnit::Tickets => GapUnit::Tickets,
    }
}

/// Normalised size of a KPI gap in [0, 1] (see the module documentation).
pub fn kpi_size(target: &Target, actual: f64) -> f64 {
    let s = match target.direction() {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    };
    let shortfall = (s * (target.target() - actual)).max(0.0);
    let range = match target.minimum() {
        Some(m) if m != target.target() => (target.target() - m).abs(),
        _ => target.target().abs(),
    };
    let size = if range > 0.0 { shortfall / range } else { f64::from(u8::from(shortfall > 0.0)) };
    size.min(1.0)
}

/// One gap per evaluated row (the rows of [`crate::kpi::evaluate`] on the whole-wave
/// totals; each target and segment once). `targets` are the targets the rows index;
/// `parts`, the exact sums behind the totals, give each gap its sampling
/// ([`kpi_sampling`]; `None` without them).
pub fn kpi_gaps(
    targets: &[Target],
    rows: &[GapRow],
    parts: Option<&KpiParts>,
    context: &GapContext,
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for row in rows {
        let Some(target) = targets.get(row.target) else { continue };
        let segment = match row.segment.dimension {
            Some(d) => SegmentFilter::Only(d, row.segment.value.clone()),
            None => SegmentFilter::AllTickets,
        };
        let mut details = vec![("status-".to_string() + row.gap.status.id(), 1.0)];
        if let Some(m) = target.minimum() {
            details.push(("minimum".into(), m));
        }
        let measured = Measured {
            id: GapId::Kpi(KpiSubject::new(target.measure(), &segment)),
            current: row.gap.actual,
            desired: target.target(),
            unit: unit_of(target.measure()),
            direction: match target.direction() {
                Direction::HigherIsBetter => GapDirection::HigherIsBetter,
                Direction::LowerIsBetter => GapDirection::LowerIsBetter,
            },
            interval: None,
            size: kpi_size(target, row.gap.actual),
            n: row.gap.n,
            sampling: parts.and_then(|p| kpi_sampling(p, target.measure(), &segment, row.gap.actual)),
            evidence: Evidence {
                tickets: Some(row.gap.n),
                details,
                sources: vec![
                    Source { kind: SourceKind::HelpDesk, file: String::new() },
                    Source {
                        kind: SourceKind::Targets,
                        file: target.source().unwrap_or_default().to_string(),
                    },
                ],
                satisfaction: row.satisfaction.as_ref().map(|s| s.at_level(context.level)),
                ..Evidence::default()
            },
        };
        gaps.push(context.gap(measured, &[]));
    }
    gaps
}

/// The register record of a qualitative gap: no measured values (current, desired and
/// difference 0, size `None`), its judgement, its text as evidence.
pub fn qualitative_gap(note: &QualitativeGap, context: &GapContext) -> Gap {
    Gap {
        id: GapId::Note(note.slug.clone()),
        wave: context.wave.clone(),
        unit: context.unit.clone(),
        departments: note.departments.clone(),
        current: 0.0,
        desired: 0.0,
        measure_unit: GapUnit::Judged,
        difference: 0.0,
        direction: GapDirection::EitherWay,
        interval: None,
        size: None,
        n: 0,
        evidence: Evidence {
            sources: vec![Source { kind: SourceKind::Judgement, file: String::new() }],
            note: Some(format!("{}\n{}", note.description, note.evidence).trim().to_string()),
            ..Evidence::default()
        },
        judged: Some(Judged { impact: note.impact, urgency: note.urgency }),
        sampling: None,
    }
}
