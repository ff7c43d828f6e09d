//! The gap-study diagnosis as one self-contained HTML page: per unit the five-gap chart
//! (SVG with title, description and a data table), the findings and the evidence of each
//! headline gap; the register; the factors. PDF is this page printed by the pipeline.

use std::fmt::Write as _;

use super::diagnosis_text::{
    capitalise, factor_header, factor_rows, model_header, model_rows, register_cells, register_header,
    summary, title, CATEGORISATION, CAVEAT,
};
use super::support::markup::escape;
use super::support::page::{name_table_boxes, page_start, paragraph, section, text, DataTable};
use super::svg::{five_gap_chart, FiveGapBar, FiveGapChart};
use crate::i18n::Lang;
use crate::model::diagnosis::{DiagnosisReport, RegisterRow, UnitView};

const CSS: &str = "figure svg{max-width:100%;height:auto}.evidence li{margin:.2em 0}";

fn chart(lang: Lang, unit: &UnitView, index: usize, level: f64) -> String {
    let bars = unit
        .model
        .iter()
        .map(|b| FiveGapBar {
            label: lang.gap_name(b.gap).to_string(),
            size: b.size,
            ci: b.size_interval,
            note: b.headline.clone().unwrap_or_else(|| lang.diag("not measured").to_string()),
        })
        .collect();
    let description = lang.five_gap_chart_description(level);
    five_gap_chart(&FiveGapChart {
        text: text(
            lang,
            &format!("chart-five-gaps-{index}"),
            format!("{} — {}", lang.diag("The five-gap model"), unit.slug),
            description.to_string(),
        ),
        bars,
        axis_title: lang.diag("size").to_string(),
    })
}

fn evidence(lang: Lang, r: &RegisterRow) -> String {
    let mut parts: Vec<String> = r
        .evidence
        .sources
        .iter()
        .map(|(k, f)| if f.is_empty() { k.clone() } else { format!("{k}: {f}") })
        .collect();
    if !r.evidence.items.is_empty() {
        parts.push(format!("items: {}", r.evidence.items.join(", ")));
    }
    for (k, n) in &r.evidence.respondents {
        parts.push(format!("{k}: n = {n}"));
    }
    if let Some(t) = r.evidence.tickets {
        parts.push(lang.tickets(t));
    }
    for (k, v) in &r.evidence.details {
        let digits = if v.fract() == 0.0 { 0 } else { 3 };
        parts.push(format!("{k} = {}", lang.num(Some(*v), digits)));
    }
    parts.join("; ")
}

fn unit_section(out: &mut String, lang: Lang, unit: &UnitView, index: usize, level: f64) {
    let name =
        if unit.name.is_empty() { unit.slug.clone() } else { format!("{} ({})", unit.name, unit.slug) };
    section(out, &format!("unit-{index}"), &format!("{}: {name}", lang.diag("Unit")));
    let _ = writeln!(out, "<figure id=\"chart-five-gaps-{index}\">");
    out.push_str(&chart(lang, unit, index, level));
    let _ = writeln!(out, "<details><summary>{}</summary>", escape(lang.labels().chart_data));
    DataTable {
        caption: lang.diag("The five-gap model"),
        header: model_header(lang, level),
        rows: model_rows(lang, unit),
        text_columns: vec![0, 1],
    }
    .render(out);
    out.push_str("</details>\n</figure>\n");
    let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"evidence\">", escape(lang.diag("Findings")));
    for f in &unit.findings {
        let _ = writeln!(
            out,
            "<li><strong>{}.</strong> <small>{}: {} — {}</small></li>",
            escape(&capitalise(&lang.finding(f))),
            escape(lang.diag("Evidence")),
            escape(&f.id),
            escape(&evidence(lang, f))
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// The diagnosis page.
pub fn render_diagnosis_html(report: &DiagnosisReport, lang: Lang) -> String {
    let mut out = String::new();
    let heading = title(lang, report);
    let css = format!(
        "{CSS}{}{}{}",
        super::plan_html::ACTIONS_CSS,
        super::progress_html::CHART_VARIANTS_CSS,
        super::progress_html::SCHEDULE_CSS
    );
    page_start(&mut out, lang, &report.generator, &heading, lang.diag("Skip to summary"), &css);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&heading));
    section(&mut out, "summary", lang.diag("Summary"));
    paragraph(&mut out, &summary(lang, report));
    out.push_str("</section>\n");
    for (i, unit) in report.units.iter().enumerate() {
        unit_section(&mut out, lang, unit, i, report.level);
    }
    section(&mut out, "register", lang.diag("Gap register"));
    let rows = report.register.iter().map(|r| register_cells(lang, r)).collect();
    DataTable {
        caption: lang.diag("Gap register"),
        header: register_header(lang, report.level),
        rows,
        text_columns: vec![0, 1, 2, 3, 10],
    }
    .render(&mut out);
    paragraph(&mut out, lang.diag(CATEGORISATION));
    out.push_str("</section>\n");
    if let Some(priorities) = &report.priorities {
        super::priorities_html::study_section(&mut out, lang, priorities);
    }
    if !report.factors.is_empty() {
        section(&mut out, "factors", lang.diag("Contributing factors across units"));
        DataTable {
            caption: lang.diag("Contributing factors across units"),
            header: factor_header(lang),
            rows: factor_rows(lang, report),
            text_columns: vec![0, 6],
        }
        .render(&mut out);
        paragraph(&mut out, lang.diag(CAVEAT));
        out.push_str("</section>\n");
    }
    if let Some(plan) = &report.plan {
        section(&mut out, "plan", lang.plan("Action plan"));
        paragraph(&mut out, &super::plan_text::plan_summary(lang, plan));
        out.push_str("</section>\n");
        super::plan_html::plan_sections(&mut out, plan, lang);
    }
    if let Some(progress) = &report.progress {
        section(&mut out, "progress", lang.prog("Measured progress"));
        out.push_str(&super::progress_html::progress_sections_html(progress, lang, "progress-", true));
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    name_table_boxes(out)
}
