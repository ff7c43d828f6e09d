//! The action plan as one self-contained, accessible HTML page (tables with captions and
//! scoped headers, wrapping on a phone, every column kept in print). PDF is this page
//! printed by the pipeline.

use std::fmt::Write as _;

use super::plan_text::{
    action_cells, action_header, finding_lines, history_header, history_rows, plan_notes, plan_summary,
    plan_title, task_header, task_rows,
};
use super::support::markup::escape;
use super::support::page::{name_table_boxes, page_start, paragraph, section, table_start, DataTable};
use crate::i18n::Lang;
use crate::model::plan::PlanReport;

const CSS: &str = ".late{color:#a40000;font-weight:bold}.findings li{margin:.3em 0}";

/// The actions table's own rules, for the plan page and the study report (see
/// [`actions_table`]): the metric as a block under the title, dates unbroken, the row
/// header sticky while the table scrolls sideways (screen only; print keeps every column).
pub(crate) const ACTIONS_CSS: &str = ".plan-actions td.title{min-width:11rem}\
.plan-actions .metric{display:block;margin-top:.3rem;font-size:.8rem;color:#4d4d4d}\
.plan-actions td.date{white-space:nowrap}\
@media screen{.plan-actions tbody th[scope=row]{position:sticky;left:0;background:#fff;z-index:1}\
.plan-actions tbody tr:nth-child(even) th[scope=row]{background:#fafafa}}";

/// A cell's text with a line-break opportunity after each `/` and `,` (gap ids such as
/// `g5/dimension/responsiveness` have no space to wrap at).
fn breakable(text: &str) -> String {
    escape(text).replace('/', "/<wbr>").replace(',', ",<wbr>")
}

/// The actions table. Its metric goes under the title (a long cell of its own made the
/// table twice a phone's width); on a narrow screen the table scrolls sideways with the
/// action's slug kept in view, and dates never break.
fn actions_table(out: &mut String, lang: Lang, report: &PlanReport) {
    let header = action_header(lang);
    table_start(out, lang.plan("Actions"), "plan-actions");
    out.push_str("<thead><tr>");
    // Every column but the last (the metric, now under the title).
    for (i, h) in header.iter().enumerate().take(header.len() - 1) {
        let class = if i == 7 { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for a in &report.actions {
        let cells = action_cells(lang, a);
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", breakable(&cells[0]));
        let _ = write!(
            out,
            "<td class=\"title\">{}<span class=\"metric\">{}: {}</span></td>",
            escape(&cells[1]),
            escape(&header[9]),
            breakable(&cells[9])
        );
        let _ = write!(out, "<td>{}</td><td>{}</td>", escape(&cells[2]), breakable(&cells[3]));
        let _ = write!(
            out,
            "<td class=\"date\">{}</td><td class=\"date\">{}</td>",
            escape(&cells[4]),
            escape(&cells[5])
        );
        let _ = write!(out, "<td>{}</td><td class=\"num\">{}</td>", escape(&cells[6]), escape(&cells[7]));
        let _ = writeln!(out, "<td>{}</td></tr>", breakable(&cells[8]));
    }
    out.push_str("</tbody></table></div>\n");
}

/// The plan's sections, for the plan page and the plan section of the study report.
pub(crate) fn plan_sections(out: &mut String, report: &PlanReport, lang: Lang) {
    if report.actions.is_empty() {
        paragraph(out, lang.plan("The plan has no action yet."));
    } else {
        section(out, "actions", lang.plan("Actions"));
        actions_table(out, lang, report);
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
    let css = format!("{CSS}{ACTIONS_CSS}");
    page_start(&mut out, lang, &report.generator, &heading, lang.plan("Skip to summary"), &css);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&heading));
    section(&mut out, "summary", lang.plan("Summary"));
    paragraph(&mut out, &plan_summary(lang, report));
    out.push_str("</section>\n");
    plan_sections(&mut out, report, lang);
    out.push_str("</main>\n</body>\n</html>\n");
    name_table_boxes(out)
}
