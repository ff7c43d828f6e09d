//! The KPI report: a serialisable view model (schema `servgap.kpi/1`) converted field by
//! field from `servgap_core::kpi` values, and its text and Markdown rendering.

use std::fmt::Write as _;

use serde::Serialize;
use servgap_core::kpi::{
    Clocked, DurationKpi, DurationSummary, GapRow, GroupSummary, KpiOptions, Segment, SegmentFilter,
    ShareEstimate, SlaTarget, Target,
};

use crate::model::RuleFindings;

/// Identifier of the KPI JSON layout; bumped on any incompatible change.
pub const KPI_SCHEMA: &str = "servgap.kpi/1";

/// Where the tickets came from; filled by the caller.
#[derive(Debug, Clone, Default, Serialize)]
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
    /// Tickets rejected by a rule.
    pub rejected: u64,
    /// Findings per rule.
    pub findings: Vec<RuleFindings>,
    /// Whether `--strict` was in force.
    pub strict: bool,
    /// Yes/no flags the source records itself.
    pub flags: Vec<FlagView>,
}

/// A source-recorded flag.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Copy, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct DurationView {
    /// KPI id, e.g. `first-response`.
    pub kpi: &'static str,
    /// `calendar` or `business`.
    pub clock: &'static str,
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct CesView {
    /// Mean 1–7.
    pub mean: f64,
    /// Answers.
    pub n: u64,
    /// Share 5–7.
    pub agree: ShareView,
}

/// Segment of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SegmentView {
    /// `channel`, `priority`, `team`, or null for all tickets.
    pub dimension: Option<&'static str>,
    /// Value (empty for all tickets).
    pub value: String,
}

impl SegmentView {
    fn from_core(s: &Segment) -> SegmentView {
        SegmentView { dimension: s.dimension.map(|d| d.id()), value: s.value.clone() }
    }

    /// `all tickets` or `channel=email`.
    pub fn label(&self) -> String {
        match self.dimension {
            None => "all tickets".to_owned(),
            Some(d) if self.value.is_empty() => format!("{d}=(blank)"),
            Some(d) => format!("{d}={}", self.value),
        }
    }
}

/// Every KPI of one (period, segment) group.
#[derive(Debug, Clone, Serialize)]
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
    /// Reopen within the window.
    pub reopen: Option<ShareView>,
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
    DurationView { kpi, clock, n: s.n, median: s.median, p90: s.p90, mean: s.mean, min: s.min, max: s.max }
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
            ces: g.ces.map(|c| CesView { mean: c.mean, n: c.n, agree: ShareView::from_core(&c.agree) }),
            backlog_at_end: g.backlog_at_end,
        }
    }

    /// A duration of this group.
    pub fn duration(&self, kpi: &str, clock: &str) -> Option<&DurationView> {
        self.durations.iter().find(|d| d.kpi == kpi && d.clock == clock)
    }
}

/// A target with its provenance.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    /// Label.
    pub label: String,
    /// Measure id, e.g. `first-response.business.median`.
    pub measure: String,
    /// Unit: `seconds`, `share`, `points`, `score` or `tickets`.
    pub unit: &'static str,
    /// `higher` or `lower`.
    pub direction: &'static str,
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
            unit: unit(&measure),
            label: label.to_owned(),
            measure,
            direction: t.direction().id(),
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
#[derive(Debug, Clone, Serialize)]
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
    pub status: &'static str,
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
            status: r.gap.status.id(),
        }
    }
}

/// An SLA target definition.
#[derive(Debug, Clone, Serialize)]
pub struct SlaView {
    /// Name.
    pub name: String,
    /// Metric.
    pub metric: &'static str,
    /// Clock.
    pub clock: &'static str,
    /// Target seconds.
    pub seconds: u64,
    /// Priority filter.
    pub priority: Option<String>,
}

/// Options that changed the numbers.
#[derive(Debug, Clone, Serialize)]
pub struct KpiMethod {
    /// Reporting zone.
    pub zone: String,
    /// `day`, `week` or `month`.
    pub period: &'static str,
    /// Segment dimensions.
    pub dimensions: Vec<&'static str>,
    /// Cohort of resolution KPIs: `solved` or `created`.
    pub resolution_cohort: &'static str,
    /// Quantile definition.
    pub quantiles: &'static str,
    /// Statuses that pause business time.
    pub paused_statuses: Vec<&'static str>,
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
    pub computed: Vec<&'static str>,
}

impl KpiMethod {
    /// From core options.
    pub fn from_core(options: &KpiOptions, zone_name: &str, calendar: Option<&str>) -> KpiMethod {
        let pause = options.metrics.pause;
        KpiMethod {
            zone: zone_name.to_owned(),
            period: options.period.id(),
            dimensions: options.dimensions.iter().map(|d| d.id()).collect(),
            resolution_cohort: match options.resolution_cohort {
                servgap_core::kpi::Cohort::Created => "created",
                servgap_core::kpi::Cohort::Solved => "solved",
            },
            quantiles: match options.quantile_method {
                servgap_core::kpi::QuantileMethod::Linear => {
                    "type 7 (linear; numpy, pandas, R, DuckDB quantile_cont)"
                }
                servgap_core::kpi::QuantileMethod::InvertedCdf => "type 1 (inverted cdf)",
            },
            paused_statuses: [("pending", pause.pending), ("on-hold", pause.on_hold)]
                .iter()
                .filter(|(_, on)| *on)
                .map(|(s, _)| *s)
                .collect(),
            reopen_window_seconds: options.metrics.reopen_window_seconds,
            backlog_snapshot: options.backlog_snapshot.to_string(),
            as_of: options.as_of.map(|t| t.to_string()),
            calendar: calendar.map(str::to_owned),
            sla: options.sla.iter().map(sla_view).collect(),
            computed: DurationKpi::ALL
                .iter()
                .filter(|k| options.compute.includes(**k))
                .map(|k| k.id())
                .collect(),
        }
    }
}

fn sla_view(s: &SlaTarget) -> SlaView {
    SlaView {
        name: s.name().to_owned(),
        metric: s.metric().id(),
        clock: s.clock().id(),
        seconds: s.seconds(),
        priority: s.priority().map(str::to_owned),
    }
}

/// The whole KPI report.
#[derive(Debug, Clone, Serialize)]
pub struct KpiReportView {
    /// Always [`KPI_SCHEMA`].
    pub schema: &'static str,
    /// servgap version.
    pub servgap_version: &'static str,
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
            schema: KPI_SCHEMA,
            servgap_version: env!("CARGO_PKG_VERSION"),
            input,
            method,
            totals: totals.iter().map(GroupView::from_core).collect(),
            periods: periods.iter().map(GroupView::from_core).collect(),
            targets,
            gaps: gaps.iter().map(GapView::from_core).collect(),
            period_gaps: period_gaps.iter().map(GapView::from_core).collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering.

/// A duration for people: `45 s`, `12.5 min`, `3.4 h`, `5.98 d`.
pub fn human_duration(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else if seconds < 5400.0 {
        format!("{:.1} min", seconds / 60.0)
    } else if seconds < 172_800.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else {
        format!("{:.2} d", seconds / 86_400.0)
    }
}

/// A value in its unit for people.
pub fn human_value(unit: &str, v: f64) -> String {
    match unit {
        "seconds" => human_duration(v),
        "share" => format!("{:.1} %", 100.0 * v),
        "tickets" => format!("{v:.0}"),
        _ => format!("{v:.1}"),
    }
}

fn share(s: Option<&ShareView>) -> String {
    s.map_or_else(
        || "–".to_owned(),
        |s| format!("{:.1} % [{:.1}, {:.1}]", 100.0 * s.share, 100.0 * s.ci_low, 100.0 * s.ci_high),
    )
}

fn dur(g: &GroupView, kpi: &str, clock: &str, stat: fn(&DurationView) -> f64) -> String {
    g.duration(kpi, clock).map_or_else(|| "–".to_owned(), |d| human_duration(stat(d)))
}

#[derive(Clone, Copy, PartialEq)]
enum Flavour {
    Text,
    Markdown,
}

fn table(flavour: Flavour, head: &[&str], rows: &[Vec<String>], out: &mut String) {
    if rows.is_empty() {
        out.push_str(if flavour == Flavour::Markdown { "_none_\n\n" } else { "  (none)\n\n" });
        return;
    }
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(
                out,
                "|{}",
                head.iter()
                    .enumerate()
                    .map(|(i, _)| if i == 0 { "---|" } else { "---:|" })
                    .collect::<String>()
            );
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        Flavour::Text => {
            let mut width: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
            for r in rows {
                for (i, c) in r.iter().enumerate() {
                    if let Some(w) = width.get_mut(i) {
                        *w = (*w).max(c.chars().count());
                    }
                }
            }
            let line = |cells: Vec<String>, out: &mut String| {
                let mut s = String::from(" ");
                for (i, c) in cells.iter().enumerate() {
                    let w = width.get(i).copied().unwrap_or(0);
                    let pad = w.saturating_sub(c.chars().count());
                    if i == 0 {
                        let _ = write!(s, " {c}{}", " ".repeat(pad));
                    } else {
                        let _ = write!(s, "  {}{c}", " ".repeat(pad));
                    }
                }
                let _ = writeln!(out, "{}", s.trim_end());
            };
            line(head.iter().map(|h| (*h).to_owned()).collect(), out);
            line(width.iter().map(|w| "-".repeat(*w)).collect(), out);
            for r in rows {
                line(r.clone(), out);
            }
        }
    }
    out.push('\n');
}

fn heading(flavour: Flavour, text: &str, out: &mut String) {
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "## {text}\n");
        }
        Flavour::Text => {
            let _ = writeln!(out, "{text}\n{}\n", "=".repeat(text.chars().count()));
        }
    }
}

fn best_clock(view: &KpiReportView) -> &'static str {
    let business = view.totals.iter().any(|g| g.durations.iter().any(|d| d.clock == "business"));
    if business {
        "business"
    } else {
        "calendar"
    }
}

fn render(view: &KpiReportView, flavour: Flavour) -> String {
    let mut out = String::new();
    let input = &view.input;
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# Help-desk KPIs: {}\n", input.file);
        }
        Flavour::Text => {
            let _ = writeln!(out, "Help-desk KPIs: {}\n", input.file);
        }
    }
    let _ = writeln!(
        out,
        "{} rows read ({} layout{}), {} tickets analysed, {} rejected; reader: {}.",
        input.rows,
        input.layout,
        input.vendor.as_deref().map(|v| format!(", {v} headers")).unwrap_or_default(),
        input.tickets,
        input.rejected,
        input.reader
    );
    let m = &view.method;
    let _ = writeln!(
        out,
        "Periods: {} in {}; resolution KPIs by {} date; quantiles {}; business time: {}.\n",
        m.period,
        m.zone,
        m.resolution_cohort,
        m.quantiles,
        m.calendar.as_deref().map_or_else(
            || "none (no calendar)".to_owned(),
            |c| format!("{c}, pausing {}", m.paused_statuses.join(" and "))
        )
    );

    let clock = best_clock(view);
    heading(flavour, &format!("Whole data ({clock} time)"), &mut out);
    let rows: Vec<Vec<String>> = view
        .totals
        .iter()
        .map(|g| {
            vec![
                g.segment.label(),
                g.created.to_string(),
                g.solved.to_string(),
                dur(g, "first-response", clock, |d| d.median),
                dur(g, "first-response", clock, |d| d.p90),
                dur(g, "first-resolution", clock, |d| d.median),
                dur(g, "first-resolution", clock, |d| d.p90),
                dur(g, "first-resolution", clock, |d| d.mean),
                share(g.first_contact_resolution.as_ref()),
                share(g.reopen.as_ref()),
                share(g.csat.as_ref()),
            ]
        })
        .collect();
    table(
        flavour,
        &[
            "segment",
            "created",
            "solved",
            "FRT median",
            "FRT p90",
            "resolution median",
            "resolution p90",
            "resolution mean",
            "FCR",
            "reopen",
            "CSAT",
        ],
        &rows,
        &mut out,
    );

    if view.totals.iter().any(|g| !g.sla.is_empty()) {
        heading(flavour, "SLA attainment by segment", &mut out);
        let rows: Vec<Vec<String>> = view
            .totals
            .iter()
            .flat_map(|g| {
                g.sla.iter().map(|s| {
                    vec![
                        g.segment.label(),
                        s.name.clone(),
                        s.met.to_string(),
                        s.breached.to_string(),
                        share(s.attainment.as_ref()),
                    ]
                })
            })
            .collect();
        table(flavour, &["segment", "SLA", "met", "breached", "attainment [95 % CI]"], &rows, &mut out);
    }

    if !view.targets.is_empty() {
        heading(flavour, "Gap to target (whole data)", &mut out);
        let rows: Vec<Vec<String>> = view
            .gaps
            .iter()
            .filter_map(|g| {
                let t = view.targets.get(g.target)?;
                Some(vec![
                    t.label.clone(),
                    g.segment.label(),
                    human_value(t.unit, g.actual),
                    human_value(t.unit, t.target),
                    t.minimum.map_or_else(|| "–".to_owned(), |v| human_value(t.unit, v)),
                    if t.unit == "seconds" {
                        format!(
                            "{}{}",
                            if g.absolute < 0.0 { "−" } else { "+" },
                            human_duration(g.absolute.abs())
                        )
                    } else if t.unit == "share" {
                        format!("{:+.1} pp", 100.0 * g.absolute)
                    } else {
                        format!("{:+.1}", g.absolute)
                    },
                    g.normalised.map_or_else(|| "–".to_owned(), |v| format!("{:+.0} %", 100.0 * v)),
                    g.status.to_owned(),
                    g.n.to_string(),
                ])
            })
            .collect();
        table(
            flavour,
            &["target", "segment", "actual", "target", "minimum", "gap", "gap/target", "status", "n"],
            &rows,
            &mut out,
        );
        let sourced: Vec<&TargetView> = view.targets.iter().filter(|t| t.source.is_some()).collect();
        for t in sourced {
            let _ = writeln!(out, "* {} — {}", t.label, t.source.as_deref().unwrap_or(""));
        }
        if view.targets.iter().any(|t| t.source.is_some()) {
            out.push('\n');
        }
    }

    heading(flavour, &format!("Per {} (all tickets, {clock} time)", m.period), &mut out);
    let rows: Vec<Vec<String>> = view
        .periods
        .iter()
        .filter(|g| g.segment.dimension.is_none())
        .map(|g| {
            vec![
                g.period_start.clone(),
                g.created.to_string(),
                g.solved.to_string(),
                dur(g, "first-response", clock, |d| d.median),
                dur(g, "first-response", clock, |d| d.p90),
                dur(g, "first-resolution", clock, |d| d.median),
                share(g.first_contact_resolution.as_ref()),
                g.backlog_at_end.to_string(),
            ]
        })
        .collect();
    table(
        flavour,
        &[
            "period",
            "created",
            "solved",
            "FRT median",
            "FRT p90",
            "resolution median",
            "FCR",
            "backlog at end",
        ],
        &rows,
        &mut out,
    );

    if !input.flags.is_empty() {
        heading(flavour, "Flags recorded by the source", &mut out);
        let rows: Vec<Vec<String>> = input
            .flags
            .iter()
            .map(|f| {
                vec![
                    f.name.clone(),
                    f.column.clone(),
                    f.yes.to_string(),
                    f.no.to_string(),
                    f.other.to_string(),
                    share(f.share.as_ref()),
                ]
            })
            .collect();
        table(
            flavour,
            &["flag", "column", "yes", "no", "blank/other", "yes share [95 % CI]"],
            &rows,
            &mut out,
        );
    }

    heading(flavour, "Data quality", &mut out);
    if input.findings.is_empty() {
        out.push_str("No problems found.\n");
    } else {
        for f in &input.findings {
            let _ = writeln!(out, "* {} ({}): {} — {}", f.rule, f.requirement, f.count, f.action);
            for e in &f.examples {
                let _ = writeln!(out, "  - row {}, column {}, value \"{}\"", e.row, e.column, e.value);
            }
        }
    }
    out.push_str("\nDefinitions: docs/kpi-definitions.md. Durations: median and p90 (type 7), mean for comparison only.\n");
    out
}

/// Aligned text for a terminal.
pub fn render_kpi_text(view: &KpiReportView) -> String {
    render(view, Flavour::Text)
}

/// GitHub-flavoured Markdown.
pub fn render_kpi_markdown(view: &KpiReportView) -> String {
    render(view, Flavour::Markdown)
}

/// Pretty JSON (schema [`KPI_SCHEMA`]), with a final newline.
///
/// # Errors
/// Only if serialisation fails (non-finite numbers are written as null by serde_json).
pub fn render_kpi_json(view: &KpiReportView) -> Result<String, serde_json::Error> {
    crate::pretty_json(view)
}
