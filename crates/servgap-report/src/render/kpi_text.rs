//! The KPI report as aligned terminal text, Markdown and JSON.

use std::fmt::Write as _;

use super::support::units::{human_duration, human_value};
use crate::model::kpi::{DurationView, GroupView, KpiReportView, ShareView, TargetView};

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
                    human_value(&t.unit, g.actual),
                    human_value(&t.unit, t.target),
                    t.minimum.map_or_else(|| "–".to_owned(), |v| human_value(&t.unit, v)),
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

/// Pretty JSON (schema [`crate::model::kpi::KPI_SCHEMA`]), with a final newline.
///
/// # Errors
/// Only if serialisation fails (non-finite numbers are written as null by serde_json).
pub fn render_kpi_json(view: &KpiReportView) -> Result<String, serde_json::Error> {
    crate::pretty_json(view)
}
