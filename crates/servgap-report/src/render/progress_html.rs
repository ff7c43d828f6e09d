//! Measured progress as one self-contained HTML page: the plan summary, per action a chart
//! of its metric over the waves against the target (SVG with title, description and the
//! data table beside it), the tables of every later wave, the "done but did not move"
//! findings and the method. PDF is this page printed by the pipeline. The same sections
//! go into the study report through [`progress_sections_html`].
//!
//! Phone-friendly: on a narrow screen each chart is drawn in its phone variant (340 wide,
//! fewer ticks, so its text stays about 12 px instead of shrinking to half), chosen by the
//! stylesheet without script; every table scrolls sideways in its own box, and each chart's
//! data table is open beside it.

use std::fmt::Write as _;

use super::progress_text::{
    action_cells, action_header, findings, title, unmeasured_rows, wave_cells, wave_header, METHOD,
};
use super::support::markup::escape;
use super::support::page::{name_table_boxes, page_start, paragraph, section, text, DataTable};
use super::svg::{metric_trend_chart, metric_trend_chart_narrow, MetricTrendChart, MetricTrendPoint};
use crate::i18n::Lang;
use crate::model::progress::{ActionProgressView, ProgressReport};

const CSS: &str = "figure svg{max-width:100%;height:auto}";

/// Keeps each date of the actions table's schedule cell whole (`schedule_html`): a phone
/// would otherwise break "2025-07-01" at its hyphens. For the progress page and the study report.
pub(crate) const SCHEDULE_CSS: &str = "span.nowrap{white-space:nowrap}";

/// The actions table's schedule column (`action_header`).
const SCHEDULE_COLUMN: usize = 8;

/// The schedule cell's HTML: the plain printers' text (`start → due, expected share`) with
/// the start date and its arrow, and the due date, each in a `span.nowrap` that does not
/// break; `None` (the plain text) when the cell does not start with the action's dates.
fn schedule_html(cell: &str, a: &ActionProgressView) -> Option<String> {
    let after_start = cell.strip_prefix(a.start.as_str())?;
    let (arrow, due_on) = after_start.split_at(after_start.find(a.due.as_str())?);
    let rest = due_on.strip_prefix(a.due.as_str())?;
    let (arrow, space) = arrow.split_at(arrow.trim_end().len());
    Some(format!(
        "<span class=\"nowrap\">{}{}</span>{}<span class=\"nowrap\">{}</span>{}",
        escape(&a.start),
        escape(arrow),
        escape(space),
        escape(&a.due),
        escape(rest)
    ))
}

/// Which variant of a metric chart shows ([`chart`]): the phone variant below 36em (576 px
/// at the default font size), where the page's chart would shrink its text below 10 px;
/// print always shows the page's. For the progress page and the study report.
pub(crate) const CHART_VARIANTS_CSS: &str = ".chart-narrow{display:none}\
@media screen and (max-width:36em){.chart-wide{display:none}.chart-narrow{display:block}}";

/// The chart twice, the page's and the phone variant, each in a box the stylesheet shows
/// on its own kind of screen (`chart-wide`, `chart-narrow`; print shows the page's).
fn chart(lang: Lang, a: &ActionProgressView, id: &str, level: f64) -> String {
    let data = chart_data(lang, a, id, level);
    let mut phone = data.clone();
    phone.text.id = format!("{id}-phone");
    format!(
        "<div class=\"chart-wide\">\n{}</div>\n<div class=\"chart-narrow\">\n{}</div>\n",
        metric_trend_chart(&data),
        metric_trend_chart_narrow(&phone)
    )
}

fn chart_data(lang: Lang, a: &ActionProgressView, id: &str, level: f64) -> MetricTrendChart {
    let points = a
        .series
        .iter()
        .map(|p| MetricTrendPoint { label: p.wave.clone(), value: p.value, ci: p.interval })
        .collect();
    MetricTrendChart {
        text: text(
            lang,
            id,
            format!("{} ({})", a.title, a.unit),
            format!("{} {}", a.metric, lang.progress_chart_description(level)),
        ),
        points,
        target: a.target,
        axis_title: format!("{} ({})", lang.prog("value"), lang.prog(unit_label(&a.measure_unit))),
        legend: [
            lang.prog("value").to_owned(),
            lang.progress_interval_label(level),
            lang.prog("target").to_owned(),
        ],
        not_measured: lang.prog("not measured").to_owned(),
    }
}

fn unit_label(unit: &str) -> &'static str {
    match unit {
        "share" => "share",
        "seconds" => "seconds",
        "scale-points" => "scale points",
        _ => "unit of measure",
    }
}

/// The chart's data table: wave, value, interval, n.
fn chart_table(lang: Lang, a: &ActionProgressView, level: f64) -> String {
    let rows = a
        .series
        .iter()
        .map(|p| {
            vec![
                p.wave.clone(),
                p.value.map_or_else(
                    || lang.prog("not measured").to_owned(),
                    |v| lang.gap_value(&a.measure_unit, v),
                ),
                match (a.measure_unit.as_str(), p.interval) {
                    ("share", Some([x, y])) => format!("[{}; {}]", lang.percent(x), lang.percent(y)),
                    (_, i) => lang.interval(i, 3),
                },
                p.n.map_or_else(|| "–".to_owned(), |n| n.to_string()),
            ]
        })
        .collect();
    DataTable {
        caption: lang.prog("value"),
        header: vec![
            lang.prog("wave").to_owned(),
            lang.prog("value").to_owned(),
            lang.ci_label(level),
            lang.prog("n").to_owned(),
        ],
        rows,
        text_columns: vec![0],
    }
    .html()
}

fn action_figure(out: &mut String, lang: Lang, a: &ActionProgressView, id: &str, embedded: bool, ci: f64) {
    let level = if embedded { 4 } else { 3 };
    let _ = writeln!(
        out,
        "<h{level}>{}: {} ({})</h{level}>",
        escape(lang.prog("Action")),
        escape(&a.title),
        escape(&a.action)
    );
    let _ = writeln!(out, "<figure id=\"{id}\">");
    out.push_str(&chart(lang, a, id, ci));
    let _ = writeln!(out, "<details open><summary>{}</summary>", escape(lang.labels().chart_data));
    out.push_str(&chart_table(lang, a, ci));
    out.push_str("</details>\n</figure>\n");
    DataTable {
        caption: lang.prog("Progress by action"),
        header: wave_header(lang, ci),
        rows: a.waves.iter().map(|w| wave_cells(lang, a, w)).collect(),
        text_columns: vec![0, 1, 7, 12, 13],
    }
    .render(out);
}

/// Opens a part of the progress sections: a `<section>` with an `h2` on its own page, an
/// `h3` inside the study report's progress section.
fn part(out: &mut String, prefix: &str, id: &str, heading: &str, embedded: bool) {
    if embedded {
        let _ = writeln!(out, "<h3 id=\"{prefix}{id}\">{}</h3>", escape(heading));
    } else {
        section(out, &format!("{prefix}{id}"), heading);
    }
}

fn end_part(out: &mut String, embedded: bool) {
    if !embedded {
        out.push_str("</section>\n");
    }
}

/// The progress sections for a page: on its own page (`embedded` false) `<section>`s with
/// `h2` headings, inside the study report `h3` headings; element ids start with `prefix`.
pub fn progress_sections_html(report: &ProgressReport, lang: Lang, prefix: &str, embedded: bool) -> String {
    let mut out = String::new();
    part(&mut out, prefix, "summary", lang.prog("Summary"), embedded);
    paragraph(
        &mut out,
        &lang.progress_summary(&report.summary, report.level, report.alpha, report.family_size),
    );
    let done = findings(lang, report);
    if !done.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong></p>\n<ul class=\"findings warnings\">",
            escape(lang.prog("Done, but the metric did not move"))
        );
        for f in done {
            let _ = writeln!(out, "<li>{}</li>", escape(&f));
        }
        out.push_str("</ul>\n");
    }
    end_part(&mut out, embedded);
    part(&mut out, prefix, "actions", lang.prog("Actions"), embedded);
    if report.actions.is_empty() {
        paragraph(&mut out, lang.prog("No action of the plan names a metric measured on the baseline wave."));
    } else {
        let table = DataTable {
            caption: lang.prog("Actions"),
            header: action_header(lang, report.level),
            rows: report.actions.iter().map(|a| action_cells(lang, a)).collect(),
            text_columns: vec![0, 1, 2, 3, 4, 5, 8, 9],
        };
        table.render_with(&mut out, |row, column| {
            let (a, cells) = (report.actions.get(row)?, table.rows.get(row)?);
            (column == SCHEDULE_COLUMN).then(|| schedule_html(cells.get(column)?, a)).flatten()
        });
    }
    for (i, a) in report.actions.iter().enumerate() {
        action_figure(&mut out, lang, a, &format!("{prefix}chart-metric-{i}"), embedded, report.level);
    }
    if !report.unmeasured.is_empty() {
        DataTable {
            caption: lang.prog("Actions not measured"),
            header: vec![lang.prog("action").to_owned(), lang.prog("reason").to_owned()],
            rows: unmeasured_rows(lang, report),
            text_columns: vec![0, 1],
        }
        .render(&mut out);
    }
    end_part(&mut out, embedded);
    part(&mut out, prefix, "method", lang.prog("Method"), embedded);
    paragraph(&mut out, lang.prog(METHOD));
    paragraph(&mut out, lang.prog_panel(crate::i18n::progress_panel::PANEL_METHOD));
    end_part(&mut out, embedded);
    out
}

/// The progress page.
pub fn render_progress_html(report: &ProgressReport, lang: Lang) -> String {
    let mut out = String::new();
    let heading = title(lang, report);
    let css = format!("{CSS}{CHART_VARIANTS_CSS}{SCHEDULE_CSS}");
    page_start(&mut out, lang, &report.generator, &heading, lang.prog("Skip to summary"), &css);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&heading));
    out.push_str(&progress_sections_html(report, lang, "", false));
    out.push_str("</main>\n</body>\n</html>\n");
    name_table_boxes(out)
}
