//! The ranked priorities as one self-contained HTML page (PDF is this page printed by the
//! pipeline): the summary, the impact × urgency matrix (SVG with title, description and
//! its data table), the ranked table, one explanation per gap, the components with their
//! parts, the feasibility ratings, and the weights and stability settings. No JavaScript;
//! tables scroll sideways on a phone and wrap in print.

use std::fmt::Write as _;

use super::diagnosis_export::quadrant_label;
use super::priorities_text::{
    assumed_legend, capitalise, components_header, components_rows, explanation, feasibility_header,
    feasibility_rows, formula, quadrant_text, rank_text, ranked_cells, ranked_header, stability_note,
    summary, title,
};
use super::support::markup::escape;
use super::support::page::{name_table_boxes, page_start, paragraph, section, text, DataTable};
use super::svg::{priority_matrix_chart, MatrixPoint, PriorityMatrixChart};
use crate::i18n::Lang;
use crate::model::priorities::PrioritiesReport;

const CSS: &str = "figure svg{max-width:100%;height:auto}ol.explanations li{margin:.3em 0}";

/// Ranks drawn with their number on the matrix (the others are unlabelled points).
const LABELLED_RANKS: usize = 10;

fn quadrant_index(id: &str) -> usize {
    ["act-now", "plan", "quick-wins", "monitor"].iter().position(|q| *q == id).unwrap_or(3)
}

/// The matrix chart of `report` with element ids prefixed by `id`.
fn matrix_svg(lang: Lang, report: &PrioritiesReport, id: &str) -> String {
    let points = report
        .ranked
        .iter()
        .filter_map(|r| {
            let value = |c: &str| r.component(c).and_then(|c| c.value);
            Some(MatrixPoint {
                label: r.rank.filter(|k| *k <= LABELLED_RANKS).map(|k| k.to_string()).unwrap_or_default(),
                impact: value("impact")?,
                urgency: value("urgency")?,
                feasibility: r.feasibility.as_ref().and_then(|f| f.value),
                quadrant: quadrant_index(r.quadrant.as_deref()?),
            })
        })
        .collect();
    let q = |id: &str| lang.prio(quadrant_label(id)).to_owned();
    priority_matrix_chart(&PriorityMatrixChart {
        text: text(
            lang,
            id,
            lang.prio("Impact × urgency matrix").to_owned(),
            lang.prio("Each gap is a point: impact on the horizontal axis, urgency on the vertical axis; the dashed lines are the cut-offs of the quadrants; the larger the marker, the more feasible the remedy (a ring: not rated); numbers are ranks.").to_owned(),
        ),
        points,
        cut: (report.matrix.high_impact, report.matrix.high_urgency),
        quadrants: [q("act-now"), q("plan"), q("quick-wins"), q("monitor")],
        axis_titles: (capitalise(lang.prio("impact")), capitalise(lang.prio("urgency"))),
        legend: [
            lang.prio("feasibility 0").to_owned(),
            lang.prio("feasibility 0.5").to_owned(),
            lang.prio("feasibility 1").to_owned(),
            lang.prio("not rated").to_owned(),
            lang.prio("cut-offs").to_owned(),
        ],
    })
}

/// The matrix's data table: rank, id, impact, urgency, feasibility, quadrant.
fn matrix_table(lang: Lang, report: &PrioritiesReport) -> DataTable<'static> {
    DataTable {
        caption: lang.prio("Impact × urgency matrix"),
        header: ["rank", "id", "impact", "urgency", "feasibility", "quadrant"]
            .iter()
            .map(|h| lang.prio(h).to_owned())
            .collect(),
        rows: report
            .ranked
            .iter()
            .map(|r| {
                let value = |c: &str| lang.num(r.component(c).and_then(|c| c.value), 2);
                vec![
                    rank_text(r),
                    r.id.clone(),
                    value("impact"),
                    value("urgency"),
                    r.feasibility
                        .as_ref()
                        .and_then(|f| f.value)
                        .map_or_else(|| lang.prio("not rated").to_owned(), |m| lang.num(Some(m), 2)),
                    quadrant_text(lang, r),
                ]
            })
            .collect(),
        text_columns: vec![1, 5],
    }
}

/// The matrix as a figure with its data table; `id` prefixes the element ids.
pub(crate) fn matrix_figure(out: &mut String, lang: Lang, report: &PrioritiesReport, id: &str) {
    let _ = writeln!(out, "<figure id=\"{}\">", escape(id));
    out.push_str(&matrix_svg(lang, report, &format!("{id}-svg")));
    let _ = writeln!(out, "<details><summary>{}</summary>", escape(lang.labels().chart_data));
    matrix_table(lang, report).render(out);
    out.push_str("</details>\n</figure>\n");
}

/// The ranked table and the explanations (shared with the study report).
pub(crate) fn ranked_section(out: &mut String, lang: Lang, report: &PrioritiesReport, heading_level: u8) {
    let mut text_columns = vec![1, 2, 3, 4, 10];
    if report.stability.is_some() {
        text_columns.push(12);
    }
    DataTable {
        caption: lang.prio("Ranked gaps"),
        header: ranked_header(lang, report),
        rows: report.ranked.iter().map(|r| ranked_cells(lang, report, r)).collect(),
        text_columns,
    }
    .render(out);
    if let Some(legend) = assumed_legend(lang, report) {
        paragraph(out, &legend);
    }
    let _ = writeln!(
        out,
        "<h{heading_level}>{}</h{heading_level}>\n<ol class=\"explanations\">",
        escape(lang.prio("Why each gap ranks where it does"))
    );
    for row in &report.ranked {
        let subject = lang.subject_text(&row.label, &row.id, &row.subject);
        let _ = writeln!(
            out,
            "<li{}><strong>{}</strong> — {} <small>({})</small></li>",
            row.rank.map_or_else(String::new, |k| format!(" value=\"{k}\"")),
            escape(&capitalise(&explanation(lang, report, row))),
            escape(&row.id),
            escape(&subject)
        );
    }
    out.push_str("</ol>\n");
}

/// The priorities section of the study report: summary, matrix, ranked table, explanations.
pub(crate) fn study_section(out: &mut String, lang: Lang, report: &PrioritiesReport) {
    section(out, "priorities", lang.prio("Priorities"));
    paragraph(out, &summary(lang, report));
    if report.ranked.is_empty() {
        paragraph(out, lang.prio("No gap to rank."));
    } else {
        matrix_figure(out, lang, report, "chart-priority-matrix");
        ranked_section(out, lang, report, 3);
    }
    paragraph(out, lang.prio(formula(report)));
    paragraph(out, &stability_note(lang, report));
    out.push_str("</section>\n");
}

/// The priorities page.
pub fn render_priorities_html(report: &PrioritiesReport, lang: Lang) -> String {
    let mut out = String::new();
    let heading = title(lang, report);
    page_start(&mut out, lang, &report.generator, &heading, lang.prio("Skip to summary"), CSS);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&heading));
    section(&mut out, "summary", lang.prio("Summary"));
    paragraph(&mut out, &summary(lang, report));
    out.push_str("</section>\n");
    if report.ranked.is_empty() {
        paragraph(&mut out, lang.prio("No gap to rank."));
    } else {
        section(&mut out, "matrix", lang.prio("Impact × urgency matrix"));
        matrix_figure(&mut out, lang, report, "chart-priority-matrix");
        out.push_str("</section>\n");
        section(&mut out, "ranked", lang.prio("Ranked gaps"));
        ranked_section(&mut out, lang, report, 3);
        out.push_str("</section>\n");
        section(&mut out, "components", lang.prio("Components of each score"));
        DataTable {
            caption: lang.prio("Components of each score"),
            header: components_header(lang),
            rows: components_rows(lang, report),
            text_columns: vec![0, 1, 5, 6],
        }
        .render(&mut out);
        out.push_str("</section>\n");
        let feasibility = feasibility_rows(lang, report);
        if !feasibility.is_empty() {
            section(&mut out, "feasibility", lang.prio("Feasibility ratings"));
            DataTable {
                caption: lang.prio("Feasibility ratings"),
                header: feasibility_header(lang),
                rows: feasibility,
                text_columns: vec![0, 2, 5, 6, 7],
            }
            .render(&mut out);
            out.push_str("</section>\n");
        }
    }
    section(&mut out, "weights", lang.prio("Weights and stability"));
    paragraph(&mut out, lang.prio(formula(report)));
    paragraph(&mut out, &stability_note(lang, report));
    out.push_str("</section>\n</main>\n</body>\n</html>\n");
    name_table_boxes(out)
}
