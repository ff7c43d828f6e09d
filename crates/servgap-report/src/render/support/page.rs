//! The HTML page shell every page printer shares: the stylesheet (screen and print),
//! the document head, sections, figures with their data tables, and the validation
//! findings table. No page printer calls another; they all call this.

use std::fmt::Write as _;

use super::markup::{escape, PALETTE};
use crate::i18n::{Labels, Lang};
use crate::model::RuleFindings;
use crate::render::svg::ChartText;

/// A chart with its text alternative.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Element id, e.g. `chart-item-gaps-gap`.
    pub id: String,
    /// The SVG.
    pub svg: String,
    /// The data table (HTML) with the same numbers.
    pub table: String,
}

pub(crate) fn text(lang: Lang, id: &str, title: String, description: String) -> ChartText {
    ChartText { id: id.to_owned(), title, description, decimal_comma: lang == Lang::Pl }
}

pub(crate) fn battery_colour(code: &str) -> &'static str {
    match code {
        "E" => PALETTE[0],
        "P" => PALETTE[1],
        "A" => PALETTE[3],
        "D" => PALETTE[2],
        _ => "#767676",
    }
}

/// A simple data table: caption, header row, rows whose first cell is a row header.
pub(crate) struct DataTable<'a> {
    pub(crate) caption: &'a str,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    /// Columns holding text (left-aligned); the rest are numbers.
    pub(crate) text_columns: Vec<usize>,
}

impl DataTable<'_> {
    pub(crate) fn render(&self, out: &mut String) {
        self.render_with(out, |_, _| None);
    }

    /// [`DataTable::render`] with the markup of chosen body cells: `cell_html(row, column)`
    /// gives a cell's HTML (escaped by the caller), `None` keeps its escaped text.
    pub(crate) fn render_with(&self, out: &mut String, cell_html: impl Fn(usize, usize) -> Option<String>) {
        table_start(out, self.caption, "");
        out.push_str("<thead><tr>");
        for (i, h) in self.header.iter().enumerate() {
            let class = if self.text_columns.contains(&i) { "" } else { " class=\"num\"" };
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (r, row) in self.rows.iter().enumerate() {
            out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let class = if self.text_columns.contains(&i) { "" } else { " class=\"num\"" };
                let html = cell_html(r, i).unwrap_or_else(|| escape(cell));
                if i == 0 {
                    let _ = write!(out, "<th scope=\"row\"{class}>{html}</th>");
                } else {
                    let _ = write!(out, "<td{class}>{html}</td>");
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></div>\n");
    }

    pub(crate) fn html(&self) -> String {
        let mut out = String::new();
        self.render(&mut out);
        out
    }
}

const CSS: &str = r#"
:root { --ink: #1a1a1a; --muted: #4d4d4d; --rule: #d0d0d0; --band: #f4f6f8; --accent: #0072B2; --warn: #B85200; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; border: 2px solid var(--accent); }
.skip:focus { left: 1rem; top: 1rem; z-index: 10; }
a { color: #005a8c; }
a:focus-visible, summary:focus-visible, .table-wrap:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
main { max-width: 1120px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header.report { border-bottom: 3px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .75rem; }
h1 .kicker { display: block; font-size: .95rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); margin-bottom: .25rem; }
h2 { font-size: 1.4rem; margin: 2.75rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
p { margin: .5rem 0 1rem; max-width: 75ch; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; font-size: .95rem; }
dl.meta dt { font-weight: 600; color: var(--muted); }
dl.meta dd { margin: 0; }
nav.toc ol { columns: 2; margin: .5rem 0 0; padding-left: 1.25rem; font-size: .95rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: .75rem; margin: 1rem 0 1.25rem; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1rem; background: var(--band); }
.card .label { font-size: .85rem; color: var(--muted); display: block; }
.card .value { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; display: block; }
.card .detail { font-size: .85rem; color: var(--muted); }
ul.findings { list-style: none; padding: 0; margin: .5rem 0 1rem; }
ul.findings li { border-left: 4px solid var(--accent); padding: .35rem .75rem; margin: .5rem 0; background: var(--band); max-width: 85ch; }
ul.findings.warnings li { border-left-color: var(--warn); }
.table-wrap { overflow-x: auto; margin: .5rem 0 1.25rem; }
table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; color: var(--muted); }
th, td { padding: .3rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
tbody tr:nth-child(even) { background: #fafafa; }
.num { text-align: right; white-space: nowrap; }
td.statement { min-width: 18rem; }
figure { margin: 1rem 0 1.5rem; }
figure svg { width: 100%; max-width: 960px; height: auto; display: block; }
details { margin: .25rem 0 1rem; }
summary { cursor: pointer; color: #005a8c; font-size: .95rem; }
.flag { font-weight: 700; color: var(--warn); }
footer { margin-top: 3rem; font-size: .85rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .skip, nav.toc, details > summary { display: none; }
  h2 { break-before: auto; break-after: avoid; border-top: none; }
  h3 { break-after: avoid; }
  figure, .card, tr, ul.findings li { break-inside: avoid; }
  table { font-size: 7.5pt; width: 100%; }
  caption { break-after: avoid; }
  thead { display: table-header-group; }
  th, td { padding: .1rem .22rem; }
  .num { white-space: normal; }
  td.statement { min-width: 0; }
  .table-wrap { overflow: visible; margin: .25rem 0 .75rem; }
  figure svg { max-width: 100%; }
  h2 + *, h3 + * { break-before: avoid; }
  a { color: inherit; text-decoration: none; }
  ul.findings li, .card, tbody tr:nth-child(even) { background: none; }
}
"#;

pub(crate) fn section(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>",
        escape(heading)
    );
}

pub(crate) fn figure(out: &mut String, figures: &[Figure], id: &str, l: &Labels) {
    if let Some(f) = figures.iter().find(|f| f.id == id) {
        let _ = writeln!(out, "<figure id=\"{}\">", escape(&f.id));
        out.push_str(&f.svg);
        let _ = writeln!(out, "<details><summary>{}</summary>", escape(l.chart_data));
        out.push_str(&f.table);
        out.push_str("</details>\n</figure>\n");
    }
}

/// The opening tag of every data table's scroll box, before [`name_table_boxes`] names it.
const TABLE_BOX: &str = "<div class=\"table-wrap\" tabindex=\"0\" role=\"group\">";

/// Opens a data table (with `class` unless empty) and its caption inside the box that
/// scrolls it sideways on a narrow screen. The box takes keyboard focus, so arrow keys
/// scroll it too; it is a group, not a landmark, named by the caption once
/// [`name_table_boxes`] has run over the finished page.
pub(crate) fn table_start(out: &mut String, caption: &str, class: &str) {
    let class = if class.is_empty() { String::new() } else { format!(" class=\"{}\"", escape(class)) };
    let _ = writeln!(out, "{TABLE_BOX}<table{class}>\n<caption>{}</caption>", escape(caption));
}

/// Names each table box of a finished page by its table's caption: the n-th box (in page
/// order, so every id is unique) gets `aria-labelledby="table-n-caption"` and the first
/// caption after it that id. Every HTML page printer returns its page through this.
pub(crate) fn name_table_boxes(page: String) -> String {
    let mut named = String::with_capacity(page.len() + page.matches(TABLE_BOX).count() * 64);
    let mut rest = page.as_str();
    let mut n = 0;
    while let Some(at) = rest.find(TABLE_BOX) {
        n += 1;
        named.push_str(&rest[..at]);
        rest = &rest[at + TABLE_BOX.len()..];
        let id = format!("table-{n}-caption");
        let _ = write!(
            named,
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-labelledby=\"{id}\">"
        );
        if let Some(caption) = rest.find("<caption>") {
            named.push_str(&rest[..caption]);
            let _ = write!(named, "<caption id=\"{id}\">");
            rest = &rest[caption + "<caption>".len()..];
        }
    }
    named.push_str(rest);
    named
}

pub(crate) fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", escape(text));
}

/// Opens a self-contained page: doctype, `lang`, the stylesheet (plus `extra_css`),
/// the skip link to `#summary` and `<main>`. Shared by every HTML document.
pub(crate) fn page_start(
    out: &mut String,
    lang: Lang,
    version: &str,
    title: &str,
    skip: &str,
    extra_css: &str,
) {
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"servgap {}\">\n<title>{}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>",
        lang.code(),
        escape(version),
        escape(title)
    );
    let _ = writeln!(out, "<a class=\"skip\" href=\"#summary\">{}</a>\n<main id=\"main\">", escape(skip));
}

/// The validation findings as a table (rule, count, first occurrence, action), or a
/// sentence saying that no rule was broken.
pub(crate) fn findings_table(out: &mut String, findings: &[RuleFindings], caption: &str, lang: Lang) {
    let l = lang.labels();
    if findings.is_empty() {
        paragraph(out, l.no_rule_broken);
    } else {
        let rows = findings
            .iter()
            .map(|f| {
                let first = f
                    .examples
                    .first()
                    .map(|e| {
                        format!(
                            "{} {}, {} {}, {} “{}”",
                            l.row_word, e.row, l.column_word, e.column, l.value_word, e.value
                        )
                    })
                    .unwrap_or_default();
                vec![lang.rule(&f.rule), f.count.to_string(), first, lang.rule_action(&f.rule, &f.action)]
            })
            .collect();
        DataTable {
            caption,
            header: vec![
                l.col_rule.to_owned(),
                l.col_count.to_owned(),
                l.col_first_at.to_owned(),
                l.col_action.to_owned(),
            ],
            rows,
            text_columns: vec![0, 2, 3],
        }
        .render(out);
    }
}

#[cfg(test)]
mod tests {
    use super::{name_table_boxes, table_start};

    #[test]
    fn every_table_box_is_focusable_and_named_by_its_own_caption() {
        let mut page = String::from("<main>");
        table_start(&mut page, "Wymiary <ranked>", "");
        page.push_str("</table></div>\n");
        table_start(&mut page, "Actions", "plan-actions");
        page.push_str("</table></div>\n</main>");
        let page = name_table_boxes(page);
        assert_eq!(
            page,
            "<main><div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-labelledby=\"table-1-caption\">\
             <table>\n<caption id=\"table-1-caption\">Wymiary &lt;ranked&gt;</caption>\n</table></div>\n\
             <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-labelledby=\"table-2-caption\">\
             <table class=\"plan-actions\">\n<caption id=\"table-2-caption\">Actions</caption>\n</table></div>\n</main>"
        );
    }

    #[test]
    fn a_page_without_tables_is_left_as_it_is() {
        let page = "<main><p>no table</p></main>".to_owned();
        assert_eq!(name_table_boxes(page.clone()), page);
    }
}
