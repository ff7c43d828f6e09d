//! Issue 13 parts of the KPI view model: the definition profile used, the measurability
//! of each KPI, partial periods, targets not judged, and the reconciliation of
//! profile-dependent KPIs under every profile (schema `servgap.kpi/2`).

use serde::{Deserialize, Serialize};
use servgap_core::kpi::{Definitions, GroupSummary, Measurability, UnjudgedRow};

use super::kpi::{SegmentView, ShareView};

/// The definitions a run used, spelled out.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DefinitionsView {
    /// Profile id: `servgap`, `zendesk`, `freshdesk`, `servicenow` or `zammad`.
    pub profile: String,
    /// FCR rule id, e.g. `one-reply-no-reopen`, `fewer-than-two-replies`.
    pub fcr: String,
    /// FCR limit in seconds of the `closed-within` rule.
    pub fcr_limit_seconds: Option<u64>,
    /// Reopen rule: `window` or `counter`.
    pub reopen: String,
    /// Window of the `window` rule, seconds.
    pub reopen_window_seconds: Option<u64>,
    /// Statuses subtracted from business time (empty = none subtracted).
    pub paused_statuses: Vec<String>,
    /// Business-time wording id: `business-excluding-pending-and-on-hold`,
    /// `business-excluding-pending`, `business-excluding-on-hold` or `business-including-pauses`.
    pub business_time: String,
    /// Where full resolution stops: `solve` or `close`.
    pub resolution_end: String,
}

impl DefinitionsView {
    /// From core definitions.
    pub fn from_core(d: &Definitions) -> DefinitionsView {
        let business_time = match (d.pause.pending, d.pause.on_hold) {
            (true, true) => "business-excluding-pending-and-on-hold",
            (true, false) => "business-excluding-pending",
            (false, true) => "business-excluding-on-hold",
            (false, false) => "business-including-pauses",
        };
        DefinitionsView {
            profile: d.profile.id().to_owned(),
            fcr: d.fcr.id().to_owned(),
            fcr_limit_seconds: match d.fcr {
                servgap_core::kpi::FcrRule::ClosedWithin { seconds } => Some(seconds),
                _ => None,
            },
            reopen: d.reopen.id().to_owned(),
            reopen_window_seconds: (d.reopen == servgap_core::kpi::ReopenRule::Window)
                .then_some(d.reopen_window_seconds),
            paused_statuses: [("pending", d.pause.pending), ("on-hold", d.pause.on_hold)]
                .iter()
                .filter(|(_, on)| *on)
                .map(|(s, _)| (*s).to_owned())
                .collect(),
            business_time: business_time.to_owned(),
            resolution_end: d.resolution_end.id().to_owned(),
        }
    }
}

/// Whether one KPI can be measured from the export.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeasurabilityView {
    /// KPI id (`first-response`, `first-contact-resolution`, `reopen-rate`, `backlog`, `nps`, `sla:resolution`, …).
    pub kpi: String,
    /// False: reported as not measurable, never as a number.
    pub measurable: bool,
    /// Unmet requirements: each inner list names alternative inputs, any one of which would do
    /// (`reply-events`, `reply-count`, `first-reply-time`, `reopen-events`, `reopen-counter`,
    /// `status-history`, `solve-times`, `customer-messages`, `reassignment-count`, `csat`, `nps`, `ces`).
    pub missing: Vec<Vec<String>>,
}

impl MeasurabilityView {
    /// From a core measurability.
    pub fn from_core(m: &Measurability) -> MeasurabilityView {
        MeasurabilityView {
            kpi: m.kpi.id().to_owned(),
            measurable: m.measurable(),
            missing: m.missing.iter().map(|g| g.iter().map(|i| i.id().to_owned()).collect()).collect(),
        }
    }
}

/// A target not judged in one group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnjudgedView {
    /// Index into the targets.
    pub target: usize,
    /// Period start.
    pub period_start: String,
    /// Segment.
    pub segment: SegmentView,
    /// `not-measurable`, `partial-period` or `no-data`.
    pub reason: String,
}

impl UnjudgedView {
    /// From a core row.
    pub fn from_core(u: &UnjudgedRow) -> UnjudgedView {
        UnjudgedView {
            target: u.target,
            period_start: u.period_start.to_string(),
            segment: SegmentView::from_core(&u.segment),
            reason: u.reason.id().to_owned(),
        }
    }
}

/// One profile-dependent KPI under one profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReconcileCellView {
    /// Profile id.
    pub profile: String,
    /// The value (share 0–1 or seconds); `None` when not measurable or without data.
    pub value: Option<f64>,
    /// n behind it.
    pub n: u64,
    /// Share interval (shares only).
    pub share: Option<ShareView>,
    /// Unmet requirements when not measurable (as in [`MeasurabilityView::missing`]).
    pub missing: Vec<Vec<String>>,
}

/// One KPI across profiles.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReconcileRowView {
    /// Measure id, e.g. `first-contact-resolution`, `full-resolution.business.median`.
    pub measure: String,
    /// `share` or `seconds`.
    pub unit: String,
    /// One cell per profile, in [`ReconciliationView::profiles`] order.
    pub cells: Vec<ReconcileCellView>,
}

/// Profile-dependent KPIs (whole data, all tickets) under every profile, on the same data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReconciliationView {
    /// The profiles, spelled out.
    pub profiles: Vec<DefinitionsView>,
    /// One row per KPI.
    pub rows: Vec<ReconcileRowView>,
}

/// The measures shown in the reconciliation: `(measure id, KPI id for measurability)`.
const RECONCILED: [(&str, &str); 6] = [
    ("first-contact-resolution", "first-contact-resolution"),
    ("reopen-rate", "reopen-rate"),
    ("full-resolution.business.median", "full-resolution"),
    ("full-resolution.calendar.median", "full-resolution"),
    ("first-resolution.business.median", "first-resolution"),
    ("first-response.business.median", "first-response"),
];

impl ReconciliationView {
    /// From the whole-data all-tickets group and the measurability of each profile.
    pub fn new(
        per_profile: &[(Definitions, Option<GroupSummary>, Vec<Measurability>)],
    ) -> ReconciliationView {
        let rows = RECONCILED
            .iter()
            .map(|(measure, kpi)| ReconcileRowView {
                measure: (*measure).to_owned(),
                unit: if measure.contains('.') { "seconds" } else { "share" }.to_owned(),
                cells: per_profile.iter().map(|(d, g, m)| cell(d, g.as_ref(), m, measure, kpi)).collect(),
            })
            .collect();
        ReconciliationView {
            profiles: per_profile.iter().map(|(d, _, _)| DefinitionsView::from_core(d)).collect(),
            rows,
        }
    }
}

fn cell(
    d: &Definitions,
    group: Option<&GroupSummary>,
    measurability: &[Measurability],
    measure: &str,
    kpi: &str,
) -> ReconcileCellView {
    let missing: Vec<Vec<String>> = measurability
        .iter()
        .find(|m| m.kpi.id() == kpi)
        .map(|m| MeasurabilityView::from_core(m).missing)
        .unwrap_or_default();
    let mut out =
        ReconcileCellView { profile: d.profile.id().to_owned(), value: None, n: 0, share: None, missing };
    let Some(g) = group.filter(|_| out.missing.is_empty()) else { return out };
    let share = match measure {
        "first-contact-resolution" => Some(g.first_contact_resolution),
        "reopen-rate" => Some(g.reopen),
        _ => None,
    };
    if let Some(s) = share {
        out.share = s.as_ref().map(ShareView::from_core);
        out.value = s.map(|s| s.share);
        out.n = s.map_or(0, |s| s.n);
        return out;
    }
    let clocked = match measure.split('.').next() {
        Some("full-resolution") => &g.full_resolution,
        Some("first-resolution") => &g.first_resolution,
        _ => &g.first_response,
    };
    let summary = if measure.contains(".business.") { clocked.business } else { clocked.calendar };
    out.value = summary.map(|s| s.median);
    out.n = summary.map_or(0, |s| s.n);
    out
}

/// The issue 13 parts of a [`super::kpi::KpiReportView`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KpiProfilesView {
    /// Definitions used for every number of the report.
    pub definitions: DefinitionsView,
    /// Measurability of each KPI.
    pub measurability: Vec<MeasurabilityView>,
    /// Starts of periods the data covers only in part (not judged against targets).
    pub partial_periods: Vec<String>,
    /// Targets not judged on the whole data, with the reason.
    pub unjudged: Vec<UnjudgedView>,
    /// Targets not judged per period, with the reason.
    pub period_unjudged: Vec<UnjudgedView>,
    /// Profile-dependent KPIs under every profile (`--reconcile`).
    pub reconciliation: Option<ReconciliationView>,
}
