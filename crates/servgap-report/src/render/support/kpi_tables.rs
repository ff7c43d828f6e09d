//! The KPI report's tables, built once for every printer (terminal, Markdown, HTML):
//! headers and cells formatted in the chosen language, so the HTML page has real
//! tables with the same numbers as the text report.

use super::units::{decimal, human_duration_in, human_value_in};
use crate::i18n::Lang;
use crate::model::kpi::{DurationView, GroupView, KpiReportView, ShareView};

/// One table: heading, column headers and formatted rows (first column is a label).
pub(crate) struct KpiTable {
    /// Section heading.
    pub(crate) heading: String,
    /// Column headers.
    pub(crate) header: Vec<String>,
    /// Formatted cells.
    pub(crate) rows: Vec<Vec<String>>,
}

impl KpiTable {
    fn new(heading: &str, lang: Lang, header: &[&'static str], rows: Vec<Vec<String>>) -> Self {
        KpiTable {
            heading: heading.to_owned(),
            header: header.iter().map(|h| lang.kpi(h).to_owned()).collect(),
            rows,
        }
    }
}

/// `97.1 % [94.9, 98.4]` / `97,1 % [94,9; 98,4]`, or `–` when there is no share.
fn share(lang: Lang, s: Option<&ShareView>) -> String {
    s.map_or_else(
        || "–".to_owned(),
        |s| {
            format!(
                "{} {}",
                decimal(lang, format!("{:.1} %", 100.0 * s.share)),
                lang.interval(Some([100.0 * s.ci_low, 100.0 * s.ci_high]), 1)
            )
        },
    )
}

fn dur(lang: Lang, g: &GroupView, kpi: &str, clock: &str, stat: fn(&DurationView) -> f64) -> String {
    g.duration(kpi, clock).map_or_else(|| "–".to_owned(), |d| human_duration_in(lang, stat(d)))
}

/// `cell`, or "not measurable" when the view marks the KPI `kpi` so.
fn measured(view: &KpiReportView, lang: Lang, kpi: &str, cell: String) -> String {
    if view.not_measurable(kpi).is_some() {
        lang.kpi_profiles("not measurable").to_owned()
    } else {
        cell
    }
}

/// The period's start, marked when the data covers it only in part.
fn period_label(view: &KpiReportView, lang: Lang, start: &str) -> String {
    if view.profiles.partial_periods.iter().any(|p| p == start) {
        format!("{start} ({})", lang.kpi_profiles("partial"))
    } else {
        start.to_owned()
    }
}

pub(crate) fn best_clock(view: &KpiReportView) -> &'static str {
    let business = view.totals.iter().any(|g| g.durations.iter().any(|d| d.clock == "business"));
    if business {
        "business"
    } else {
        "calendar"
    }
}

/// Every table of the KPI report, in document order.
pub(crate) fn kpi_tables(view: &KpiReportView, lang: Lang) -> Vec<KpiTable> {
    let mut out = Vec::new();
    let input = &view.input;
    let m = &view.method;
    let clock = best_clock(view);
    let heading = format!("{} ({})", lang.kpi("Whole data"), lang.kpi_clock_time(clock));
    let rows: Vec<Vec<String>> = view
        .totals
        .iter()
        .map(|g| {
            vec![
                lang.kpi_segment(&g.segment),
                g.created.to_string(),
                g.solved.to_string(),
                measured(view, lang, "first-response", dur(lang, g, "first-response", clock, |d| d.median)),
                measured(view, lang, "first-response", dur(lang, g, "first-response", clock, |d| d.p90)),
                measured(
                    view,
                    lang,
                    "first-resolution",
                    dur(lang, g, "first-resolution", clock, |d| d.median),
                ),
                measured(view, lang, "first-resolution", dur(lang, g, "first-resolution", clock, |d| d.p90)),
                measured(view, lang, "first-resolution", dur(lang, g, "first-resolution", clock, |d| d.mean)),
                measured(
                    view,
                    lang,
                    "first-contact-resolution",
                    share(lang, g.first_contact_resolution.as_ref()),
                ),
                measured(view, lang, "reopen-rate", share(lang, g.reopen.as_ref())),
                measured(view, lang, "csat", share(lang, g.csat.as_ref())),
            ]
        })
        .collect();
    out.push(KpiTable::new(
        &heading,
        lang,
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
        rows,
    ));

    if view.totals.iter().any(|g| !g.sla.is_empty()) {
        let heading = lang.kpi("SLA attainment by segment").to_owned();
        let rows: Vec<Vec<String>> = view
            .totals
            .iter()
            .flat_map(|g| {
                g.sla.iter().map(|s| {
                    vec![
                        lang.kpi_segment(&g.segment),
                        s.name.clone(),
                        s.met.to_string(),
                        s.breached.to_string(),
                        share(lang, s.attainment.as_ref()),
                    ]
                })
            })
            .collect();
        out.push(KpiTable::new(
            &heading,
            lang,
            &["segment", "SLA", "met", "breached", "attainment [95 % CI]"],
            rows,
        ));
    }

    if !view.targets.is_empty() {
        let heading = lang.kpi("Gap to target (whole data)").to_owned();
        let rows: Vec<Vec<String>> = view
            .gaps
            .iter()
            .filter_map(|g| {
                let t = view.targets.get(g.target)?;
                Some(vec![
                    lang.target_label(t),
                    lang.kpi_segment(&g.segment),
                    human_value_in(lang, &t.unit, g.actual),
                    human_value_in(lang, &t.unit, t.target),
                    t.minimum.map_or_else(|| "–".to_owned(), |v| human_value_in(lang, &t.unit, v)),
                    if t.unit == "seconds" {
                        format!(
                            "{}{}",
                            if g.absolute < 0.0 { "−" } else { "+" },
                            human_duration_in(lang, g.absolute.abs())
                        )
                    } else if t.unit == "share" {
                        format!("{} {}", decimal(lang, format!("{:+.1}", 100.0 * g.absolute)), lang.kpi("pp"))
                    } else {
                        decimal(lang, format!("{:+.1}", g.absolute))
                    },
                    g.normalised
                        .map_or_else(|| "–".to_owned(), |v| decimal(lang, format!("{:+.0} %", 100.0 * v))),
                    lang.kpi_status(&g.status),
                    g.n.to_string(),
                ])
            })
            .collect();
        out.push(KpiTable::new(
            &heading,
            lang,
            &["target", "segment", "actual", "target", "minimum", "gap", "gap/target", "status", "n"],
            rows,
        ));
    }

    if let Some(t) = satisfaction_table(view, lang) {
        out.push(t);
    }

    let heading = format!(
        "{}: {} ({}, {})",
        lang.kpi("Per period"),
        lang.kpi_period(&m.period),
        lang.kpi("all tickets"),
        lang.kpi_clock_time(clock)
    );
    let rows: Vec<Vec<String>> = view
        .periods
        .iter()
        .filter(|g| g.segment.dimension.is_none())
        .map(|g| {
            vec![
                period_label(view, lang, &g.period_start),
                g.created.to_string(),
                g.solved.to_string(),
                measured(view, lang, "first-response", dur(lang, g, "first-response", clock, |d| d.median)),
                measured(view, lang, "first-response", dur(lang, g, "first-response", clock, |d| d.p90)),
                measured(
                    view,
                    lang,
                    "first-resolution",
                    dur(lang, g, "first-resolution", clock, |d| d.median),
                ),
                measured(
                    view,
                    lang,
                    "first-contact-resolution",
                    share(lang, g.first_contact_resolution.as_ref()),
                ),
                measured(view, lang, "backlog", g.backlog_at_end.to_string()),
            ]
        })
        .collect();
    out.push(KpiTable::new(
        &heading,
        lang,
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
        rows,
    ));

    if view.periods.iter().any(|g| g.segment.dimension.is_some()) {
        let heading = format!(
            "{}: {} ({})",
            lang.kpi("Per period and segment"),
            lang.kpi_period(&m.period),
            lang.kpi_clock_time(clock)
        );
        let rows: Vec<Vec<String>> = view
            .periods
            .iter()
            .filter(|g| g.segment.dimension.is_some())
            .map(|g| {
                vec![
                    period_label(view, lang, &g.period_start),
                    lang.kpi_segment(&g.segment),
                    g.created.to_string(),
                    g.solved.to_string(),
                    measured(
                        view,
                        lang,
                        "first-response",
                        dur(lang, g, "first-response", clock, |d| d.median),
                    ),
                    measured(
                        view,
                        lang,
                        "first-resolution",
                        dur(lang, g, "first-resolution", clock, |d| d.median),
                    ),
                    measured(
                        view,
                        lang,
                        "first-contact-resolution",
                        share(lang, g.first_contact_resolution.as_ref()),
                    ),
                ]
            })
            .collect();
        out.push(KpiTable::new(
            &heading,
            lang,
            &["period", "segment", "created", "solved", "FRT median", "resolution median", "FCR"],
            rows,
        ));
    }

    if !input.flags.is_empty() {
        let heading = lang.kpi("Flags recorded by the source").to_owned();
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
                    share(lang, f.share.as_ref()),
                ]
            })
            .collect();
        out.push(KpiTable::new(
            &heading,
            lang,
            &["flag", "column", "yes", "no", "blank/other", "yes share [95 % CI]"],
            rows,
        ));
    }
    out.push(backlog_table(view, lang));
    out
}

/// "CSAT when the target was met or missed": per whole-data gap with a counted condition,
/// the rated tickets, satisfied shares when met and missed, their difference with its
/// interval, φ, Fisher's p and the share of all tickets that missed the target; a row
/// without an association says why in a last column, present only then. Targets that are
/// not a property of one ticket (CSAT, NPS, response rate, backlog) are left out; the JSON
/// keeps them with their reason. `None` without rows.
fn satisfaction_table(view: &KpiReportView, lang: Lang) -> Option<KpiTable> {
    let mut rows: Vec<Vec<String>> = view
        .gaps
        .iter()
        .filter_map(|g| {
            let s = g.satisfaction.as_ref().filter(|s| s.status != "not-per-ticket")?;
            let t = view.targets.get(g.target)?;
            let percent = |v: Option<f64>| {
                v.map_or_else(|| "–".to_owned(), |v| decimal(lang, format!("{:.1} %", 100.0 * v)))
            };
            let difference = match s.difference {
                Some(d) if s.reason.is_none() => format!(
                    "{} {} {}",
                    decimal(lang, format!("{:+.1}", 100.0 * d)),
                    lang.kpi("pp"),
                    lang.interval(s.ci_low.zip(s.ci_high).map(|(l, h)| [100.0 * l, 100.0 * h]), 1)
                ),
                _ => "–".to_owned(),
            };
            let note =
                s.reason.as_deref().map_or_else(String::new, |r| lang.kpi_satisfaction_reason(r).to_owned());
            Some(vec![
                lang.target_label(t),
                lang.kpi_segment(&g.segment),
                s.rated().to_string(),
                percent(s.satisfied_when_met),
                percent(s.satisfied_when_missed),
                difference,
                lang.num(s.phi, 2),
                if s.fisher_p.is_some() { lang.p(s.fisher_p) } else { "–".to_owned() },
                percent(s.missed_share),
                note,
            ])
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let with_note = rows.iter().any(|r| r.last().is_some_and(|n| !n.is_empty()));
    if !with_note {
        rows.iter_mut().for_each(|r| drop(r.pop()));
    }
    let header = [
        "target",
        "segment",
        "rated",
        "satisfied if met",
        "satisfied if missed",
        "difference [95 % CI]",
        "φ",
        "Fisher p",
        "missed (all)",
        "note",
    ];
    let header = if with_note { &header[..] } else { &header[..header.len() - 1] };
    Some(KpiTable {
        heading: lang.kpi_satisfaction("CSAT when the target was met or missed (whole data)").to_owned(),
        header: header.iter().map(|h| lang.kpi_satisfaction(lang.kpi(h)).to_owned()).collect(),
        rows,
    })
}

/// Backlog and flows of every period and segment, all tickets first; periods without
/// activity are listed with zero created and solved.
fn backlog_table(view: &KpiReportView, lang: Lang) -> KpiTable {
    let rows: Vec<Vec<String>> = view
        .backlog
        .iter()
        .flat_map(|series| {
            let segment = match series.segment.dimension {
                None => lang.kpi_backlog("all tickets").to_owned(),
                Some(_) => lang.kpi_segment(&series.segment),
            };
            series.points.iter().map(move |p| {
                vec![
                    p.period_start.clone(),
                    segment.clone(),
                    p.open_at_end.to_string(),
                    p.created.to_string(),
                    p.solved.to_string(),
                ]
            })
        })
        .collect();
    KpiTable {
        heading: format!(
            "{} ({})",
            lang.kpi_backlog("Backlog per period"),
            lang.kpi_period(&view.method.period)
        ),
        header: ["period", "segment", "open at end", "created", "solved"]
            .iter()
            .map(|h| lang.kpi_backlog(h).to_owned())
            .collect(),
        rows,
    }
}
