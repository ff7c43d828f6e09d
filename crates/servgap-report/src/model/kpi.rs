//! The KPI report: a serialisable view model (schema `servgap.kpi/2`) converted field by
//! field from `servgap_core::kpi` values. The printers are in `crate::render`.

use serde::{Deserialize, Serialize};
use servgap_core::kpi::{
    Clocked, DurationKpi, DurationSummary, GapRow, GroupSummary, KpiOptions, Segment, SegmentFilter,
    ShareEstimate, SlaTarget, Target, TicketSatisfaction,
};

use super::common::RuleFindings;

/// Identifier of the KPI JSON layout; bumped on any incompatible change.
pub const KPI_SCHEMA: &str = "servgap.kpi/2";

/// Where the tickets came from; filled by the caller.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KpiInput {
    /// File name as given.
    pub file: String,
    /// `tickets` or `events`.
    pub layout: String,
    /// Recognised export (`zendesk`, `freshdesk`, `generic`), if no mapping named the columns.
    pub vendor: Option<String>,
    /// The mapping file, if any.
    pub mapping: Option<String>,
    /// Which reader ran.
    pub reader: String,
    /// `(role, column)` pairs.
    pub columns: Vec<(String, String)>,
    /// Data rows read.
    pub rows: u64,
    /// Tickets accepted.
    pub tickets: u64,
    /// Tickets rejected by a rule (including later rows of a duplicate id).
    pub rejected: u64,
    /// Rows that are events of a ticket already counted (event logs); 0 for ticket-per-row
    /// files. `rows = tickets + rejected + skipped`.
    #[serde(default)]
    pub skipped: u64,
    /// Findings per rule.
    pub findings: Vec<RuleFindings>,
    /// Whether `--strict` was in force.
    pub strict: bool,
    /// Yes/no flags the source records itself.
    pub flags: Vec<FlagView>,
    /// The survey-response file joined by ticket id (`--responses`; issue 13).
    #[serde(default)]
    pub responses: Option<ResponsesView>,
}

/// A survey-response file joined to the tickets by ticket id (issue 13):
/// `read = joined + unmatched + rejected`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResponsesView {
    /// The responses file.
    pub file: String,
    /// Its mapping file.
    pub mapping: String,
    /// Data rows read.
    pub read: u64,
    /// Responses joined to an accepted ticket.
    pub joined: u64,
    /// Responses whose ticket id names no accepted ticket (rule `unknown-ticket`).
    pub unmatched: u64,
    /// Rows rejected: no ticket id, a wrong field count, or an earlier response of a ticket
    /// answered again (rule `duplicate-response`).
    pub rejected: u64,
    /// True when `read = joined + unmatched + rejected`.
    pub reconciles: bool,
    /// `latest-per-ticket`: one response per ticket counts, the latest by response time,
    /// else the later row.
    pub duplicate_policy: String,
    /// Findings per rule, with the earliest examples (rows of the responses file).
    pub findings: Vec<RuleFindings>,
}

/// A source-recorded flag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlagView {
    /// Name.
    pub name: String,
    /// Column.
    pub column: String,
    /// Yes count.
    pub yes: u64,
    /// No count.
    pub no: u64,
    /// Blank or other values.
    pub other: u64,
    /// yes / (yes + no) with its Wilson interval.
    pub share: Option<ShareView>,
}

/// A share with its 95 % Wilson interval.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ShareView {
    /// Successes.
    pub successes: u64,
    /// Trials.
    pub n: u64,
    /// Share 0–1.
    pub share: f64,
    /// Lower bound.
    pub ci_low: f64,
    /// Upper bound.
    pub ci_high: f64,
}

impl ShareView {
    /// From a core estimate.
    pub fn from_core(e: &ShareEstimate) -> ShareView {
        ShareView {
            successes: e.successes,
            n: e.n,
            share: e.share,
            ci_low: e.interval.low,
            ci_high: e.interval.high,
        }
    }
}

/// A duration distribution in seconds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DurationView {
    /// KPI id, e.g. `first-response`.
    pub kpi: String,
    /// `calendar` or `business`.
    pub clock: String,
    /// Values.
    pub n: u64,
    /// Median (type 7).
    pub median: f64,
    /// 90th percentile (type 7).
    pub p90: f64,
    /// Mean.
    pub mean: f64,
    /// Minimum.
    pub min: u64,
    /// Maximum.
    pub max: u64,
}

/// SLA attainment in a group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlaGroupView {
    /// Target name.
    pub name: String,
    /// Met.
    pub met: u64,
    /// Breached.
    pub breached: u64,
    /// Attainment.
    pub attainment: Option<ShareView>,
}

/// NPS.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NpsView {
    /// Score −100…100.
    pub score: f64,
    /// Answers.
    pub n: u64,
    /// Interval bounds.
    pub ci_low: f64,
    /// Interval bounds.
    pub ci_high: f64,
    /// n < 100.
    pub small_sample: bool,
}

/// CES.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CesView {
    /// The answer scale, `1-5` or `1-7` (absent in reports written before issue 13: `1-7`).
    #[serde(default = "ces_scale_default")]
    pub scale: String,
    /// Mean, on the scale.
    pub mean: f64,
    /// Answers.
    pub n: u64,
    /// Share agreeing: 4–5 on 1–5, 5–7 on 1–7.
    pub agree: ShareView,
}

fn ces_scale_default() -> String {
    "1-7".to_owned()
}

/// Segment of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentView {
    /// `channel`, `priority`, `team`, or null for all tickets.
    pub dimension: Option<String>,
    /// Value (empty for all tickets).
    pub value: String,
}

impl SegmentView {
    /// From a core segment.
    pub fn from_core(s: &Segment) -> SegmentView {
        SegmentView { dimension: s.dimension.map(|d| d.id().to_owned()), value: s.value.clone() }
    }
}

/// Every KPI of one (period, segment) group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupView {
    /// First day of the period (whole-data groups: of the first period).
    pub period_start: String,
    /// Segment.
    pub segment: SegmentView,
    /// Tickets created.
    pub created: u64,
    /// Tickets first solved.
    pub solved: u64,
    /// Unsolved tickets without a reply.
    pub awaiting_first_response: u64,
    /// Duration KPIs that have values.
    pub durations: Vec<DurationView>,
    /// First-contact resolution.
    pub first_contact_resolution: Option<ShareView>,
    /// Reopen within the window, right-censored first solves left out.
    pub reopen: Option<ShareView>,
    /// First solves left out of the reopen rate: their window runs past the end of the data.
    #[serde(default)]
    pub reopen_censored: u64,
    /// SLA attainment per target.
    pub sla: Vec<SlaGroupView>,
    /// CSAT good share.
    pub csat: Option<ShareView>,
    /// CSAT response rate.
    pub csat_response_rate: Option<ShareView>,
    /// NPS.
    pub nps: Option<NpsView>,
    /// CES.
    pub ces: Option<CesView>,
    /// Backlog at the end.
    pub backlog_at_end: i64,
}

fn durations(kpi: DurationKpi, c: &Clocked, out: &mut Vec<DurationView>) {
    for (clock, s) in [("calendar", c.calendar), ("business", c.business)] {
        if let Some(s) = s {
            out.push(duration_view(kpi.id(), clock, &s));
        }
    }
}

fn duration_view(kpi: &'static str, clock: &'static str, s: &DurationSummary) -> DurationView {
    DurationView {
        kpi: kpi.to_owned(),
        clock: clock.to_owned(),
        n: s.n,
        median: s.median,
        p90: s.p90,
        mean: s.mean,
        min: s.min,
        max: s.max,
    }
}

impl GroupView {
    /// From a core group.
    pub fn from_core(g: &GroupSummary) -> GroupView {
        let mut d = Vec::new();
        durations(DurationKpi::FirstResponse, &g.first_response, &mut d);
        durations(DurationKpi::NextResponse, &g.next_response, &mut d);
        durations(DurationKpi::FirstResolution, &g.first_resolution, &mut d);
        durations(DurationKpi::FullResolution, &g.full_resolution, &mut d);
        durations(DurationKpi::RequesterWait, &g.requester_wait, &mut d);
        GroupView {
            period_start: g.period_start.to_string(),
            segment: SegmentView::from_core(&g.segment),
            created: g.created,
            solved: g.solved,
            awaiting_first_response: g.awaiting_first_response,
            durations: d,
            first_contact_resolution: g.first_contact_resolution.as_ref().map(ShareView::from_core),
            reopen: g.reopen.as_ref().map(ShareView::from_core),
            reopen_censored: g.reopen_censored,
            sla: g
                .sla
                .iter()
                .map(|s| SlaGroupView {
                    name: s.name.clone(),
                    met: s.met,
                    breached: s.breached,
                    attainment: s.attainment.as_ref().map(ShareView::from_core),
                })
                .collect(),
            csat: g.csat.as_ref().map(ShareView::from_core),
            csat_response_rate: g.csat_response_rate.as_ref().map(ShareView::from_core),
            nps: g.nps.map(|n| NpsView {
                score: n.score,
                n: n.n,
                ci_low: n.interval.low,
                ci_high: n.interval.high,
                small_sample: n.small_sample,
            }),
            ces: g.ces.map(|c| CesView {
                scale: c.scale.id().to_owned(),
                mean: c.mean,
                n: c.n,
                agree: ShareView::from_core(&c.agree),
            }),
            backlog_at_end: g.backlog_at_end,
        }
    }

    /// A duration of this group.
    pub fn duration(&self, kpi: &str, clock: &str) -> Option<&DurationView> {
        self.durations.iter().find(|d| d.kpi == kpi && d.clock == clock)
    }
}

/// A target with its provenance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TargetView {
    /// Label.
    pub label: String,
    /// Measure id, e.g. `first-response.business.median`.
    pub measure: String,
    /// Unit: `seconds`, `share`, `points`, `score` or `tickets`.
    pub unit: String,
    /// `higher` or `lower`.
    pub direction: String,
    /// Target value.
    pub target: f64,
    /// Minimum (band), if any.
    pub minimum: Option<f64>,
    /// Segments it applies to: `all`, a dimension, or `dimension=value`.
    pub segment: String,
    /// Benchmark preset id.
    pub preset: Option<String>,
    /// Source and caveat of a preset.
    pub source: Option<String>,
}

impl TargetView {
    /// From a core target and its label, preset and caveat.
    pub fn from_core(t: &Target, label: &str, preset: Option<&str>, source: Option<&str>) -> TargetView {
        let measure = t.measure().id();
        TargetView {
            unit: unit(&measure).to_owned(),
            label: label.to_owned(),
            measure,
            direction: t.direction().id().to_owned(),
            target: t.target(),
            minimum: t.minimum(),
            segment: match t.segment() {
                SegmentFilter::AllTickets => "all".to_owned(),
                SegmentFilter::Every(d) => d.id().to_owned(),
                SegmentFilter::Only(d, v) => format!("{}={v}", d.id()),
            },
            preset: preset.map(str::to_owned),
            source: source.map(str::to_owned).or_else(|| t.source().map(str::to_owned)),
        }
    }
}

fn unit(measure: &str) -> &'static str {
    if measure.contains('.') {
        "seconds"
    } else if measure == "nps" {
        "points"
    } else if measure == "ces-mean" {
        "score"
    } else if measure == "backlog" {
        "tickets"
    } else {
        "share"
    }
}

/// One target evaluated in one group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GapView {
    /// Index into [`KpiReportView::targets`].
    pub target: usize,
    /// Period start.
    pub period_start: String,
    /// Segment.
    pub segment: SegmentView,
    /// Actual value.
    pub actual: f64,
    /// n behind it.
    pub n: u64,
    /// Direction-aware gap (negative = shortfall).
    pub absolute: f64,
    /// Gap / |target|.
    pub normalised: Option<f64>,
    /// `below-minimum`, `in-band` or `at-target`.
    pub status: String,
    /// The association of the target's per-ticket condition with the same tickets' CSAT in
    /// this group (issue 15); absent when it was not counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<SatisfactionView>,
}

/// What a target's per-ticket condition says about CSAT: the satisfied shares of the rated
/// tickets that met and missed it, their difference with its interval, φ and Fisher's p, or
/// why there is none. Every number comes from core (`servgap_core::kpi::associate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionView {
    /// `measured`, `not-measurable` (a row or column of the table is empty) or `not-per-ticket`.
    pub status: String,
    /// Why not measured: `no-rated-tickets`, `all-met`, `all-missed`, `all-satisfied`,
    /// `none-satisfied`, `satisfaction-itself` or `not-a-ticket-property`.
    pub reason: Option<String>,
    /// The per-ticket condition, e.g. `first-response.business<=3600`.
    pub condition: Option<String>,
    /// CSAT answers: [met & satisfied, met & not, missed & satisfied, missed & not].
    pub table: [u64; 4],
    /// Tickets (rated or not) that met the condition.
    pub tickets_met: u64,
    /// Tickets (rated or not) that missed it.
    pub tickets_missed: u64,
    /// tickets_missed / (tickets_met + tickets_missed): the gap's ticket reach.
    pub missed_share: Option<f64>,
    /// Satisfied share of the answers when met.
    pub satisfied_when_met: Option<f64>,
    /// Satisfied share of the answers when missed.
    pub satisfied_when_missed: Option<f64>,
    /// `satisfied_when_met − satisfied_when_missed` (share, −1…1).
    pub difference: Option<f64>,
    /// Newcombe interval of the difference, lower bound.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
    /// Confidence level of the interval (0.95).
    pub level: Option<f64>,
    /// φ, the correlation of met and satisfied.
    pub phi: Option<f64>,
    /// Fisher's exact two-sided p.
    pub fisher_p: Option<f64>,
}

impl SatisfactionView {
    /// From core's association of a target.
    pub fn from_core(s: &TicketSatisfaction) -> SatisfactionView {
        let mut view = SatisfactionView {
            status: "not-per-ticket".to_owned(),
            reason: None,
            condition: None,
            table: [0; 4],
            tickets_met: 0,
            tickets_missed: 0,
            missed_share: None,
            satisfied_when_met: None,
            satisfied_when_missed: None,
            difference: None,
            ci_low: None,
            ci_high: None,
            level: None,
            phi: None,
            fisher_p: None,
        };
        let (condition, counts, association) = match s {
            TicketSatisfaction::NotPerTicket(why) => {
                view.reason = Some(why.id().to_owned());
                return view;
            }
            TicketSatisfaction::Measured { condition, counts, association } => {
                (condition, counts, association)
            }
        };
        let t = &counts.table;
        view.condition = Some(condition.id());
        view.table = [t.met_satisfied, t.met_unsatisfied, t.missed_satisfied, t.missed_unsatisfied];
        view.tickets_met = counts.met;
        view.tickets_missed = counts.missed;
        view.missed_share = counts.missed_share();
        match association {
            Err(why) => {
                view.status = "not-measurable".to_owned();
                view.reason = Some(why.id().to_owned());
            }
            Ok(a) => {
                view.status = "measured".to_owned();
                view.satisfied_when_met = Some(a.satisfied_when_met);
                view.satisfied_when_missed = Some(a.satisfied_when_missed);
                view.difference = Some(a.difference);
                view.ci_low = Some(a.interval.low);
                view.ci_high = Some(a.interval.high);
                view.level = Some(a.level);
                view.phi = Some(a.phi);
                view.fisher_p = Some(a.fisher_p);
            }
        }
        view
    }

    /// CSAT answers of tickets with the condition defined.
    pub fn rated(&self) -> u64 {
        self.table.iter().sum()
    }
}

impl GapView {
    /// From a core gap row.
    pub fn from_core(r: &GapRow) -> GapView {
        GapView {
            target: r.target,
            period_start: r.period_start.to_string(),
            segment: SegmentView::from_core(&r.segment),
            actual: r.gap.actual,
            n: r.gap.n,
            absolute: r.gap.absolute,
            normalised: r.gap.normalised,
            status: r.gap.status.id().to_owned(),
            satisfaction: r.satisfaction.as_ref().map(SatisfactionView::from_core),
        }
    }
}

/// An SLA target definition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlaView {
    /// Name.
    pub name: String,
    /// Metric.
    pub metric: String,
    /// Clock.
    pub clock: String,
    /// Target seconds.
    pub seconds: u64,
    /// Priority filter.
    pub priority: Option<String>,
}

/// Options that changed the numbers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KpiMethod {
    /// Reporting zone.
    pub zone: String,
    /// `day`, `week` or `month`.
    pub period: String,
    /// Segment dimensions.
    pub dimensions: Vec<String>,
    /// Cohort of resolution KPIs: `solved` or `created`.
    pub resolution_cohort: String,
    /// Quantile definition.
    pub quantiles: String,
    /// Statuses that pause business time.
    pub paused_statuses: Vec<String>,
    /// Reopen window, seconds.
    pub reopen_window_seconds: u64,
    /// Local time of the daily backlog snapshot.
    pub backlog_snapshot: String,
    /// Running SLA clocks are judged at this instant.
    pub as_of: Option<String>,
    /// Calendar file (business time), if any.
    pub calendar: Option<String>,
    /// SLA targets.
    pub sla: Vec<SlaView>,
    /// Duration KPIs computed.
    pub computed: Vec<String>,
}

impl KpiMethod {
    /// From core options.
    pub fn from_core(options: &KpiOptions, zone_name: &str, calendar: Option<&str>) -> KpiMethod {
        let pause = options.metrics.pause;
        KpiMethod {
            zone: zone_name.to_owned(),
            period: options.period.id().to_owned(),
            dimensions: options.dimensions.iter().map(|d| d.id().to_owned()).collect(),
            resolution_cohort: match options.resolution_cohort {
                servgap_core::kpi::Cohort::Created => "created",
                servgap_core::kpi::Cohort::Solved => "solved",
            }
            .to_owned(),
            quantiles: match options.quantile_method {
                servgap_core::kpi::QuantileMethod::Linear => {
                    "type 7 (linear; numpy, pandas, R, DuckDB quantile_cont)"
                }
                servgap_core::kpi::QuantileMethod::InvertedCdf => "type 1 (inverted cdf)",
            }
            .to_owned(),
            paused_statuses: [("pending", pause.pending), ("on-hold", pause.on_hold)]
                .iter()
                .filter(|(_, on)| *on)
                .map(|(s, _)| (*s).to_owned())
                .collect(),
            reopen_window_seconds: options.metrics.reopen_window_seconds,
            backlog_snapshot: options.backlog_snapshot.to_string(),
            as_of: options.as_of.map(|t| t.to_string()),
            calendar: calendar.map(str::to_owned),
            sla: options.sla.iter().map(sla_view).collect(),
            computed: DurationKpi::ALL
                .iter()
                .filter(|k| options.compute.includes(**k))
                .map(|k| k.id().to_owned())
                .collect(),
        }
    }
}

fn sla_view(s: &SlaTarget) -> SlaView {
    SlaView {
        name: s.name().to_owned(),
        metric: s.metric().id().to_owned(),
        clock: s.clock().id().to_owned(),
        seconds: s.seconds(),
        priority: s.priority().map(str::to_owned),
    }
}

/// The whole KPI report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KpiReportView {
    /// Always [`KPI_SCHEMA`].
    pub schema: String,
    /// servgap version.
    pub servgap_version: String,
    /// Input.
    pub input: KpiInput,
    /// Method.
    pub method: KpiMethod,
    /// Whole data, per segment (all tickets first).
    pub totals: Vec<GroupView>,
    /// Per period and segment.
    pub periods: Vec<GroupView>,
    /// Targets.
    pub targets: Vec<TargetView>,
    /// Gaps over the whole data.
    pub gaps: Vec<GapView>,
    /// Gaps per period.
    pub period_gaps: Vec<GapView>,
    /// Backlog and flows per period and segment, every period between a segment's first
    /// and last shown (zero activity included).
    #[serde(default)]
    pub backlog: Vec<BacklogSeriesView>,
    /// How every row is accounted for, and what was left out of which KPI.
    #[serde(default)]
    pub quality: KpiQualityView,
    /// Definitions, measurability, partial periods, unjudged targets, reconciliation (issue 13).
    #[serde(default)]
    pub profiles: super::kpi_profiles::KpiProfilesView,
}

impl KpiReportView {
    /// Assembles the view.
    pub fn new(
        input: KpiInput,
        method: KpiMethod,
        totals: &[GroupSummary],
        periods: &[GroupSummary],
        targets: Vec<TargetView>,
        gaps: &[GapRow],
        period_gaps: &[GapRow],
    ) -> KpiReportView {
        KpiReportView {
            schema: KPI_SCHEMA.to_owned(),
            servgap_version: env!("CARGO_PKG_VERSION").to_owned(),
            input,
            method,
            totals: totals.iter().map(GroupView::from_core).collect(),
            periods: periods.iter().map(GroupView::from_core).collect(),
            targets,
            gaps: gaps.iter().map(GapView::from_core).collect(),
            period_gaps: period_gaps.iter().map(GapView::from_core).collect(),
            backlog: backlog_series(periods),
            quality: KpiQualityView::default(),
            profiles: super::kpi_profiles::KpiProfilesView::default(),
        }
    }

    /// The same view with its data-quality section.
    pub fn with_quality(mut self, quality: KpiQualityView) -> KpiReportView {
        self.quality = quality;
        self
    }

    /// With the issue 13 parts (definitions, measurability, partial periods, …).
    pub fn with_profiles(mut self, profiles: super::kpi_profiles::KpiProfilesView) -> KpiReportView {
        self.profiles = profiles;
        self
    }

    /// True when the KPI with this id (e.g. `reopen-rate`) is marked not measurable.
    pub fn not_measurable(&self, kpi: &str) -> Option<&super::kpi_profiles::MeasurabilityView> {
        self.profiles.measurability.iter().find(|m| m.kpi == kpi && !m.measurable)
    }
}

/// One period of a backlog series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacklogPointView {
    /// First day of the period.
    pub period_start: String,
    /// Tickets unsolved at the last daily snapshot of the period.
    pub open_at_end: i64,
    /// Tickets created in the period.
    pub created: u64,
    /// Tickets first solved in the period.
    pub solved: u64,
}

/// The backlog of one segment, period by period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacklogSeriesView {
    /// Segment.
    pub segment: SegmentView,
    /// Every period from the segment's first to its last, in order.
    pub points: Vec<BacklogPointView>,
}

/// Per segment (all tickets first, as the groups are sorted), the periods in order.
fn backlog_series(periods: &[GroupSummary]) -> Vec<BacklogSeriesView> {
    let mut series: Vec<BacklogSeriesView> = Vec::new();
    let mut ordered: Vec<&GroupSummary> = periods.iter().collect();
    ordered.sort_by(|a, b| {
        (a.segment.dimension, &a.segment.value, a.period_start).cmp(&(
            b.segment.dimension,
            &b.segment.value,
            b.period_start,
        ))
    });
    for g in ordered {
        let segment = SegmentView::from_core(&g.segment);
        let point = BacklogPointView {
            period_start: g.period_start.to_string(),
            open_at_end: g.backlog_at_end,
            created: g.created,
            solved: g.solved,
        };
        match series.last_mut() {
            Some(s) if s.segment == segment => s.points.push(point),
            _ => series.push(BacklogSeriesView { segment, points: vec![point] }),
        }
    }
    series
}

/// How the rows reconcile and what was left out of which KPI.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KpiQualityView {
    /// `rows = tickets + rejected + skipped` holds.
    pub reconciles: bool,
    /// Tickets first solved on or after this date are right-censored: left out of the
    /// reopen rate, since their reopen window runs past the end of the data.
    pub reopen_censored_from: Option<String>,
    /// Right-censored first solves over the whole data (all tickets).
    pub reopen_censored: u64,
    /// Teams in the data with no calendar of their own while the calendar file names teams
    /// (matched case-insensitively); they use the default calendar, else have no business time.
    pub teams_without_calendar: Vec<String>,
    /// Whether the calendar file has a default calendar those teams fall back to.
    pub default_calendar: bool,
}
