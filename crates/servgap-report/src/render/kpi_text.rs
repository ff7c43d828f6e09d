//! The KPI report as aligned terminal text, Markdown and JSON.

use std::fmt::Write as _;

use super::support::kpi_profile_tables::kpi_profile_tables;
use super::support::kpi_tables::kpi_tables;
use crate::i18n::Lang;
use crate::model::kpi::KpiReportView;

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

fn render(view: &KpiReportView, flavour: Flavour, lang: Lang) -> String {
    let mut out = String::new();
    let input = &view.input;
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# {}: {}\n", lang.kpi("Help-desk KPIs"), input.file);
        }
        Flavour::Text => {
            let _ = writeln!(out, "{}: {}\n", lang.kpi("Help-desk KPIs"), input.file);
        }
    }
    let _ = writeln!(out, "{}", lang.kpi_input_sentence(input));
    let _ = writeln!(out, "{}\n", lang.kpi_method_sentence(&view.method));

    if !view.profiles.partial_periods.is_empty() {
        let _ = writeln!(
            out,
            "{} {}\n",
            lang.kpi_profiles("Partial periods are marked and not judged against targets."),
            view.profiles.partial_periods.join(", ")
        );
    }
    for t in kpi_profile_tables(view, lang).into_iter().chain(kpi_tables(view, lang)) {
        heading(flavour, &t.heading, &mut out);
        let head: Vec<&str> = t.header.iter().map(String::as_str).collect();
        table(flavour, &head, &t.rows, &mut out);
        if t.heading == lang.kpi_satisfaction("CSAT when the target was met or missed (whole data)") {
            let _ = writeln!(out, "{}\n", lang.kpi_satisfaction("Per ticket: met = the ticket itself met the target (e.g. answered within the target time); satisfied = CSAT at or above the scale's good point. Difference: Newcombe interval; φ: correlation of met and satisfied; p: Fisher's exact test. An association, not proof of cause."));
        }
        if t.heading == lang.kpi("Gap to target (whole data)") {
            for target in view.targets.iter().filter(|t| t.source.is_some()) {
                let _ = writeln!(
                    out,
                    "* {} — {}",
                    lang.target_label(target),
                    target.source.as_deref().unwrap_or("")
                );
            }
            out.push('\n');
        }
    }
    heading(flavour, lang.kpi("Data quality"), &mut out);
    for line in quality_lines(view, lang) {
        let _ = writeln!(out, "{line}\n");
    }
    if input.findings.is_empty() {
        out.push_str(lang.kpi("No problems found."));
        out.push('\n');
    } else {
        if input.rejected > 0 {
            let _ = writeln!(
                out,
                "{}\n",
                lang.kpi_rejected_tickets(input.rejected, input.tickets + input.rejected)
            );
        }
        let l = lang.labels();
        for f in &input.findings {
            let _ = writeln!(
                out,
                "* {} ({}): {} — {}",
                lang.rule(&f.rule),
                lang.ticket_requirement(&f.rule, &f.requirement),
                f.count,
                lang.rule_action(&f.rule, &f.action)
            );
            for e in &f.examples {
                let _ = writeln!(
                    out,
                    "  - {} {}, {} {}, {} \"{}\"",
                    l.row_word, e.row, l.column_word, e.column, l.value_word, e.value
                );
            }
        }
    }
    let _ = writeln!(out, "\n{}", lang.kpi_definitions_note());
    out
}

/// The reconciliation of rows, the right-censoring of the reopen rate and teams without
/// a calendar, as sentences (shared with the HTML page).
pub(crate) fn quality_lines(view: &KpiReportView, lang: Lang) -> Vec<String> {
    let q = &view.quality;
    let mut lines = vec![lang.kpi_reconciliation(&view.input, q.reconciles)];
    lines.extend(lang.kpi_responses(&view.input));
    lines.extend(lang.kpi_censoring(q));
    lines.extend(lang.kpi_teams_without_calendar(q));
    lines
}

/// Aligned text for a terminal, in `lang`.
pub fn render_kpi_text(view: &KpiReportView, lang: Lang) -> String {
    render(view, Flavour::Text, lang)
}

/// GitHub-flavoured Markdown, in `lang`.
pub fn render_kpi_markdown(view: &KpiReportView, lang: Lang) -> String {
    render(view, Flavour::Markdown, lang)
}

/// Pretty JSON (schema [`crate::model::kpi::KPI_SCHEMA`]), with a final newline.
///
/// # Errors
/// Only if serialisation fails (non-finite numbers are written as null by serde_json).
pub fn render_kpi_json(view: &KpiReportView) -> Result<String, serde_json::Error> {
    crate::pretty_json(view)
}
