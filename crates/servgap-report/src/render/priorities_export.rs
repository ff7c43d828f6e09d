//! The ranked priorities as data tables for CSV and XLSX, written with the diagnosis
//! export's writers ([`super::diagnosis_export::render_csv`], `render_xlsx`: BOM, RFC 4180
//! quoting, formula escaping).
//!
//! Two tables:
//! - `ranked`: one row per gap, headings in the report's language. Each component's value
//!   is followed by a yes/no "assumed" column (CSV `true`/`false`, XLSX booleans): an
//!   assumed component shows the neutral value it counts as, flagged `true`. The last
//!   columns give the basis of the impact's derived importance and, for a KPI gap whose
//!   importance is its ticket-level association with CSAT, φ, the rated tickets, the
//!   satisfied shares when met and missed, their difference with its interval (at the
//!   report's confidence level) and Fisher's p;
//! - `feasibility`: the study's feasibility register (`docs/study-format.md`), one row per
//!   rating of a ranked gap, which the study reads back after people edit it (a rating
//!   given for every unit comes back once per ranked unit, which means the same). Its
//!   headings are the register's column names in every language (a reader must find them).
//!   In CSV a comment that starts like a formula keeps the escaping `'`; XLSX keeps it as
//!   written.

use super::diagnosis_export::{Cell, ExportTable};
use super::priorities_text::{quadrant_text, ticket_association};
use crate::i18n::priorities::component_label;
use crate::i18n::Lang;
use crate::model::priorities::{PrioritiesReport, PriorityRow, COMPONENTS};

/// Columns of the feasibility register, as its reader expects them.
pub const FEASIBILITY_COLUMNS: [&str; 9] =
    ["gap", "unit", "department", "rater", "effort", "cost", "rating", "deadline", "comment"];

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(v: Option<f64>) -> Cell {
    v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Number)
}

fn count(v: Option<usize>) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Number(v as f64))
}

fn ranked_header(lang: Lang, report: &PrioritiesReport) -> Vec<String> {
    let mut header: Vec<String> = ["rank", "id", "unit", "wave", "subject", "departments"]
        .iter()
        .map(|h| lang.prio(h).to_owned())
        .collect();
    for c in COMPONENTS {
        header.push(lang.prio(component_label(c)).to_owned());
        header.push(lang.prio(assumed_label(c)).to_owned());
    }
    for c in COMPONENTS {
        header.push(format!("{}: {}", lang.prio("contribution"), lang.prio(component_label(c))));
    }
    header.extend(["score", "quadrant"].iter().map(|h| lang.prio(h).to_owned()));
    if let Some(s) = &report.stability {
        header.push(lang.in_top(s.top_k));
        header.extend(["rank interval low", "rank interval high"].iter().map(|h| lang.prio(h).to_owned()));
    }
    header.extend(
        ["effort", "cost", "rating", "raters", "deadline", "missing"].iter().map(|h| lang.prio(h).to_owned()),
    );
    header.extend(association_header(lang, report));
    header
}

/// The header of a component's "assumed" flag column.
fn assumed_label(component: &str) -> &'static str {
    match component {
        "severity" => "severity assumed",
        "impact" => "impact assumed",
        "urgency" => "urgency assumed",
        _ => "feasibility assumed",
    }
}

/// The level of the association intervals shown (they all follow the report's confidence).
fn association_level(report: &PrioritiesReport) -> f64 {
    let association = report.ranked.iter().filter_map(ticket_association).find_map(|d| d.association);
    association.map_or_else(|| report.stability.as_ref().map_or(0.95, |s| s.interval_level), |a| a.level)
}

fn association_header(lang: Lang, report: &PrioritiesReport) -> Vec<String> {
    let ci = lang.ci_label(association_level(report));
    let mut header: Vec<String> = [
        "derived importance basis",
        "φ, target met × CSAT satisfied",
        "rated tickets",
        "satisfied when met",
        "satisfied when missed",
        "difference, met − missed",
    ]
    .iter()
    .map(|h| lang.prio(h).to_owned())
    .collect();
    for bound in ["lower bound", "upper bound"] {
        header.push(format!("{}: {ci}, {}", lang.prio("difference, met − missed"), lang.prio(bound)));
    }
    header.push(lang.prio("Fisher p").to_owned());
    header
}

/// The derived importance's basis and, for a ticket-level association with CSAT, its numbers.
fn association_cells(lang: Lang, r: &PriorityRow) -> Vec<Cell> {
    let derived = r.component("impact").and_then(|c| c.derived_importance.as_ref());
    let basis = derived.map_or(Cell::Empty, |d| text(lang.prio(basis_label(&d.basis))));
    let a = derived.and_then(|d| d.association);
    vec![
        basis,
        number(a.map(|a| a.phi)),
        a.map_or(Cell::Empty, |a| Cell::Number(a.rated as f64)),
        number(a.map(|a| a.satisfied_when_met)),
        number(a.map(|a| a.satisfied_when_missed)),
        number(a.map(|a| a.difference)),
        number(a.map(|a| a.interval[0])),
        number(a.map(|a| a.interval[1])),
        number(a.map(|a| a.fisher_p)),
    ]
}

fn basis_label(basis: &str) -> &'static str {
    match basis {
        "survey-correlation" => "survey correlation",
        "satisfaction-itself" => "satisfaction itself",
        _ => "ticket association with CSAT",
    }
}

fn ranked_row(lang: Lang, report: &PrioritiesReport, r: &PriorityRow) -> Vec<Cell> {
    let mut row = vec![
        count(r.rank),
        text(&r.id),
        text(&r.unit),
        text(&r.wave),
        text(lang.subject_text(&r.label, &r.id, &r.subject)),
        text(r.departments.join(", ")),
    ];
    for c in COMPONENTS.iter().map(|c| r.component(c)) {
        row.push(number(c.and_then(|c| c.value.or(c.assumed))));
        row.push(Cell::Bool(c.is_some_and(|c| c.assumed.is_some())));
    }
    row.extend(COMPONENTS.iter().map(|c| number(r.component(c).and_then(|c| c.contribution))));
    row.push(number(r.score));
    row.push(r.quadrant.as_ref().map_or(Cell::Empty, |_| text(quadrant_text(lang, r))));
    if report.stability.is_some() {
        let s = r.stability.as_ref();
        row.push(number(s.map(|s| s.top_k_share)));
        row.push(count(s.and_then(|s| s.rank_interval).map(|i| i[0])));
        row.push(count(s.and_then(|s| s.rank_interval).map(|i| i[1])));
    }
    let f = r.feasibility.as_ref();
    row.push(f.and_then(|f| f.effort.clone()).map_or(Cell::Empty, Cell::Text));
    row.push(number(f.and_then(|f| f.cost)));
    row.push(number(f.and_then(|f| f.rating_median)));
    row.push(count(f.map(|f| f.raters)));
    row.push(r.deadline.clone().map_or(Cell::Empty, Cell::Text));
    let missing: Vec<&str> = r.missing.iter().map(|m| lang.prio(component_label(m))).collect();
    row.push(text(missing.join(", ")));
    row.extend(association_cells(lang, r));
    row
}

/// The register rows of one ranked gap: one per rating. A note gap is study-wide, so its
/// rows name no unit (the register then applies them to every unit).
fn feasibility_rows(r: &PriorityRow) -> Vec<Vec<Cell>> {
    let ratings = r.feasibility.as_ref().map(|f| f.ratings.as_slice()).unwrap_or_default();
    let unit = if r.kind == "note" { Cell::Empty } else { text(&r.unit) };
    ratings
        .iter()
        .map(|g| {
            vec![
                text(&r.id),
                unit.clone(),
                text(&g.department),
                text(&g.rater),
                g.effort.clone().map_or(Cell::Empty, Cell::Text),
                number(g.cost),
                g.rating.map_or(Cell::Empty, |v| Cell::Number(f64::from(v))),
                r.deadline.clone().map_or(Cell::Empty, Cell::Text),
                if g.comment.is_empty() { Cell::Empty } else { text(&g.comment) },
            ]
        })
        .collect()
}

/// The two tables of the priorities in `lang`: `ranked` and `feasibility`.
pub fn priorities_tables(report: &PrioritiesReport, lang: Lang) -> Vec<ExportTable> {
    let ranked = ExportTable {
        name: "ranked",
        header: ranked_header(lang, report),
        rows: report.ranked.iter().map(|r| ranked_row(lang, report, r)).collect(),
    };
    let feasibility = ExportTable {
        name: "feasibility",
        header: FEASIBILITY_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows: report.ranked.iter().flat_map(feasibility_rows).collect(),
    };
    vec![ranked, feasibility]
}
