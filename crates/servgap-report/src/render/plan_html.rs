//! The action plan as one self-contained, accessible HTML page (tables with captions and
//! scoped headers, wrapping on a phone, every column kept in print). PDF is this page
//! printed by the pipeline.

use std::fmt::Write as _;

use super::plan_text::{
    action_cells, action_header, finding_lines, history_header, history_rows, plan_notes, plan_summary,
    plan_title, task_header, task_rows,
};
use super::support::markup::escape;
use super::support::page::{page_start, paragraph, section, DataTable};
use crate::i18n::Lang;
use crate::model::plan::PlanReport;

const CSS: &str = ".late{color:#a40000;font-weight:bold}.findings li{margin:.3em 0}";

/// The plan's sections, for the plan page and the plan section of the study report.
pub(crate) fn plan_sections(out: &mut String, report: &PlanReport, lang: Lang) {
    if report.actions.is_empty() {
        paragraph(out, lang.plan("The plan has no action yet."));
    } else {
        section(out, "actions", lang.plan("Actions"));
        let rows = report.actions.iter().map(|a| action_cells(lang, a)).collect();
        DataTable {
            caption: lang.plan("Actions"),
            header: action_header(lang),
            rows,
            text_columns: vec![0, 1, 2, 3, 4, 5, 6, 8, 9],
        }
        .render(out);
        out.push_str("</section>\n");
        let tasks = task_rows(lang, report);
        if !tasks.is_empty() {
            section(out, "tasks", lang.plan("Tasks"));
            DataTable {
                caption: lang.plan("Tasks"),
                header: task_header(lang),
                rows: tasks,
                text_columns: vec![0, 1, 2, 3, 4],
            }
            .render(out);
            out.push_str("</section>\n");
        }
        let history = history_rows(lang, report);
        if !history.is_empty() {
            section(out, "history", lang.plan("Status history"));
            DataTable {
                caption: lang.plan("Status history"),
                header: history_header(lang),
                rows: history,
                text_columns: vec![0, 1, 2, 3],
            }
            .render(out);
            out.push_str("</section>\n");
        }
    }
    section(out, "plan-findings", lang.plan("Findings"));
    out.push_str("<ul class=\"findings\">\n");
    for line in finding_lines(lang, report) {
        let _ = writeln!(out, "<li>{}</li>", escape(&line));
    }
    out.push_str("</ul>\n");
    for note in plan_notes(lang) {
        paragraph(out, note);
    }
    out.push_str("</section>\n");
}

/// The plan page.
pub fn render_plan_html(report: &PlanReport, lang: Lang) -> String {
    let mut out = String::new();
    let heading = plan_title(lang, report);
    page_start(&mut out, lang, &report.generator, &heading, lang.plan("Skip to summary"), CSS);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&heading));
    section(&mut out, "summary", lang.plan("Summary"));
    paragraph(&mut out, &plan_summary(lang, report));
    out.push_str("</section>\n");
    plan_sections(&mut out, report, lang);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
