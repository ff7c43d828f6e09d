//! Terminal text and Markdown renderings of an [`AnalysisReport`].
//!
//! Both are built from the same table rows, so they always agree; the terminal
//! form aligns columns with spaces, the Markdown form uses pipe tables.

use std::fmt::Write as _;

use crate::i18n::{analysis_notes, shorten, Lang};
use crate::model::{AnalysisReport, ComparisonView, DimensionView, ItemView, OverallView};

/// Output flavour of [`render_text`]-like functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Terminal,
    Markdown,
}

/// Formats a number with `digits` decimals, or `–` when absent.
fn num(lang: Lang, value: Option<f64>, digits: usize) -> String {
    if lang != Lang::En {
        return lang.num(value, digits);
    }
    match value {
        Some(v) if v.is_finite() => format!("{v:.digits$}"),
        _ => "–".to_owned(),
    }
}

/// Formats a p-value: three decimals, `<0.001` below that, `<1e-300` below the core's floor.
fn p_value(lang: Lang, value: Option<f64>) -> String {
    if lang != Lang::En {
        return lang.p(value);
    }
    match value {
        Some(p) if crate::model::p_is_below_floor(p) => "<1e-300".to_owned(),
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        Some(p) => format!("{p:.3}"),
        None => "–".to_owned(),
    }
}

fn ci(lang: Lang, value: Option<[f64; 2]>) -> String {
    if lang != Lang::En {
        return lang.interval(value, 2);
    }
    match value {
        Some([a, b]) => format!("[{a:.2}, {b:.2}]"),
        None => "–".to_owned(),
    }
}

struct Table {
    header: Vec<String>,
    right_aligned: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(columns: &[(&str, bool)]) -> Self {
        Self {
            header: columns.iter().map(|c| c.0.to_owned()).collect(),
            right_aligned: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    fn render(&self, flavour: Flavour, out: &mut String) {
        match flavour {
            Flavour::Markdown => {
                let _ = writeln!(out, "| {} |", self.header.join(" | "));
                let rule: Vec<&str> =
                    self.right_aligned.iter().map(|&r| if r { "---:" } else { "---" }).collect();
                let _ = writeln!(out, "|{}|", rule.join("|"));
                for row in &self.rows {
                    let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
            }
            Flavour::Terminal => {
                let widths: Vec<usize> = (0..self.header.len())
                    .map(|i| {
                        self.rows
                            .iter()
                            .map(|r| r[i].chars().count())
                            .chain(std::iter::once(self.header[i].chars().count()))
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |cells: &[String]| {
                    let parts: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let pad = widths[i].saturating_sub(c.chars().count());
                            if self.right_aligned[i] {
                                format!("{}{c}", " ".repeat(pad))
                            } else {
                                format!("{c}{}", " ".repeat(pad))
                            }
                        })
                        .collect();
                    format!("  {}", parts.join("  ").trim_end())
                };
                let _ = writeln!(out, "{}", line(&self.header));
                for row in &self.rows {
                    let _ = writeln!(out, "{}", line(row));
                }
            }
        }
    }
}

fn heading(flavour: Flavour, level: usize, text: &str, out: &mut String) {
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "\n{} {text}\n", "#".repeat(level));
        }
        Flavour::Terminal => {
            let _ = writeln!(out, "\n{text}");
            let underline = if level <= 2 { '=' } else { '-' };
            let _ = writeln!(out, "{}", underline.to_string().repeat(text.chars().count()));
        }
    }
}

fn comparison_columns(lang: Lang, report: &AnalysisReport) -> Vec<(String, bool)> {
    let mut cols = Vec::new();
    for c in &report.instrument.comparisons {
        let name = if lang == Lang::En {
            c.to_uppercase().replace("GAP", "gap")
        } else {
            lang.comparison_short(c).to_owned()
        };
        cols.push((name, true));
        let ci = if lang == Lang::En {
            format!("{:.0}% CI", report.method.confidence * 100.0)
        } else {
            lang.ci_label(report.method.confidence)
        };
        cols.push((ci, true));
        cols.push(("t".to_owned(), true));
        cols.push(("p Holm".to_owned(), true));
        cols.push(("W p Holm".to_owned(), true));
        cols.push(("d_z".to_owned(), true));
    }
    cols
}

fn comparison_cells(lang: Lang, comparisons: &[ComparisonView]) -> Vec<String> {
    let mut cells = Vec::new();
    for c in comparisons {
        cells.push(num(lang, c.mean, 2));
        cells.push(ci(lang, c.ci));
        cells.push(num(lang, c.t.as_ref().map(|t| t.t), 2));
        cells.push(p_value(lang, c.t.as_ref().and_then(|t| t.p_holm)));
        cells.push(p_value(lang, c.wilcoxon.as_ref().and_then(|w| w.p_holm)));
        cells.push(num(lang, c.cohen_dz, 2));
    }
    cells
}

fn dimension_table(
    lang: Lang,
    report: &AnalysisReport,
    dims: &[&DimensionView],
    flavour: Flavour,
    out: &mut String,
) {
    let mut columns: Vec<(String, bool)> = vec![(word(lang, "dimension").into(), false), ("n".into(), true)];
    columns.extend(report.instrument.batteries.iter().map(|b| (b.to_string(), true)));
    columns.extend(comparison_columns(lang, report));
    columns.push(("α P".into(), true));
    if report.instrument.comparisons.iter().any(|c| c == "gap") {
        columns.push((if lang == Lang::En { "α gap" } else { "α luki" }.into(), true));
    }
    if report.instrument.importance {
        columns.push((word(lang, "points").into(), true));
    }
    let cols: Vec<(&str, bool)> = columns.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let mut table = Table::new(&cols);
    for d in dims {
        let mut row = vec![d.name(lang.code()).to_owned(), d.n.to_string()];
        row.extend(d.batteries.iter().map(|b| num(lang, b.mean, 2)));
        row.extend(comparison_cells(lang, &d.comparisons));
        let alpha = |scale: &str| d.reliability.iter().find(|r| r.scale == scale).and_then(|r| r.alpha);
        row.push(num(lang, alpha("P"), 2));
        if report.instrument.comparisons.iter().any(|c| c == "gap") {
            row.push(num(lang, alpha("gap"), 2));
        }
        if report.instrument.importance {
            row.push(num(lang, d.importance_points, 1));
        }
        table.rows.push(row);
    }
    table.render(flavour, out);
}

fn item_table(lang: Lang, report: &AnalysisReport, items: &[&ItemView], flavour: Flavour, out: &mut String) {
    let mut columns: Vec<(String, bool)> = vec![(word(lang, "item").into(), false), ("n".into(), true)];
    columns.extend(report.instrument.batteries.iter().map(|b| (b.to_string(), true)));
    columns.extend(comparison_columns(lang, report));
    columns.push((word(lang, "statement").into(), false));
    let cols: Vec<(&str, bool)> = columns.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let mut table = Table::new(&cols);
    for it in items {
        let mut row = vec![it.id.clone(), it.n.to_string()];
        row.extend(it.batteries.iter().map(|b| num(lang, b.mean, 2)));
        row.extend(comparison_cells(lang, &it.comparisons));
        row.push(match flavour {
            Flavour::Terminal => shorten(it.text(lang.code()), 48),
            Flavour::Markdown => it.text(lang.code()).to_owned(),
        });
        table.rows.push(row);
    }
    table.render(flavour, out);
}

fn overall_table(lang: Lang, overall: &[OverallView], flavour: Flavour, confidence: f64, out: &mut String) {
    let ci_name =
        if lang == Lang::En { format!("{:.0}% CI", confidence * 100.0) } else { lang.ci_label(confidence) };
    let mut table = Table::new(&[
        (word(lang, "score"), false),
        (word(lang, "aggregation"), false),
        ("n", true),
        (word(lang, "mean"), true),
        (word(lang, "sd"), true),
        (ci_name.as_str(), true),
        ("t", true),
        ("p", true),
    ]);
    for o in overall {
        let score = match &o.comparison {
            Some(c) if lang == Lang::En => {
                format!("SERVQUAL {}", if c == "gap" { "gap".to_owned() } else { c.to_uppercase() })
            }
            Some(c) => format!("SERVQUAL {}", lang.comparison_short(c)),
            None => lang.labels().score_servperf.to_owned(),
        };
        table.rows.push(vec![
            score,
            if lang == Lang::En {
                o.aggregation.to_owned()
            } else {
                lang.aggregation(&o.aggregation).to_owned()
            },
            o.n.to_string(),
            num(lang, o.mean, 3),
            num(lang, o.sd, 3),
            ci(lang, o.ci),
            num(lang, o.t.as_ref().map(|t| t.t), 2),
            p_value(lang, o.t.as_ref().map(|t| t.p)),
        ]);
    }
    table.render(flavour, out);
}

/// A table-header word in the report language (Markdown in Polish; English otherwise).
fn word(lang: Lang, en: &'static str) -> &'static str {
    if lang == Lang::En {
        return en;
    }
    match en {
        "dimension" => "wymiar",
        "item" => "pozycja",
        "statement" => "stwierdzenie",
        "points" => "punkty",
        "score" => "wynik",
        "aggregation" => "agregacja",
        "mean" => "średnia",
        "sd" => "odch. std.",
        "rule" => "reguła",
        "count" => "liczba",
        "first at" => "pierwsze wystąpienie",
        "action" => "działanie",
        other => other,
    }
}

fn render(report: &AnalysisReport, flavour: Flavour, lang: Lang) -> String {
    let l = lang.labels();
    let mut out = String::new();
    let title = format!("{}: {}", l.report_title, report.instrument.title_in(lang.code()));
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# {title}");
        }
        Flavour::Terminal => {
            let _ = writeln!(out, "{title}");
        }
    }
    match lang {
        Lang::En => {
            let _ = writeln!(
                out,
                "\nFile {} · {} rows · {} respondents scored on every dimension · format {} · scale {}–{}",
                report.input.path.as_deref().unwrap_or(&report.input.file),
                report.input.rows,
                report.respondents.fully_covered,
                report.instrument.format,
                report.instrument.scale_min,
                report.instrument.scale_max
            );
        }
        Lang::Pl => {
            let _ = writeln!(
                out,
                "\nPlik {} · wczytanych wierszy: {} · respondentów z wynikiem w każdym wymiarze: {} · format {} · skala {}–{}",
                report.input.path.as_deref().unwrap_or(&report.input.file),
                report.input.rows,
                report.respondents.fully_covered,
                lang.format(&report.instrument.format),
                report.instrument.scale_min,
                report.instrument.scale_max
            );
        }
    }

    if flavour == Flavour::Markdown {
        heading(flavour, 2, l.h_summary, &mut out);
        let all = crate::i18n::insights::sentences(report, lang);
        for (warning, name, none) in
            [(false, l.h_findings, l.no_findings), (true, l.h_warnings, l.no_warnings)]
        {
            let _ = writeln!(out, "**{name}**\n");
            let list: Vec<&crate::i18n::insights::Sentence> =
                all.iter().filter(|s| s.warning == warning).collect();
            if list.is_empty() {
                let _ = writeln!(out, "{none}\n");
            }
            for s in &list {
                let _ = writeln!(out, "- {}", s.text);
            }
            if !list.is_empty() {
                out.push('\n');
            }
        }
    }

    heading(flavour, 2, l.h_overall, &mut out);
    overall_table(lang, &report.overall, flavour, report.method.confidence, &mut out);

    let dims: Vec<&DimensionView> = report.ranked_dimensions();
    let ranked_items = report.ranked_items(None);
    heading(flavour, 2, l.h_dimensions_sorted, &mut out);
    dimension_table(lang, report, &dims, flavour, &mut out);

    for d in &dims {
        let items: Vec<&ItemView> = ranked_items.iter().copied().filter(|i| i.dimension == d.id).collect();
        heading(flavour, 3, &format!("{} — {}", d.name(lang.code()), l.items_sorted_suffix), &mut out);
        item_table(lang, report, &items, flavour, &mut out);
        for diff in &d.difference_scores {
            let intro = match lang {
                Lang::En => format!("Difference score {}: reliability", diff.comparison),
                Lang::Pl => {
                    format!("Wynik różnicowy {}: rzetelność", lang.comparison_short(&diff.comparison))
                }
            };
            let x = lang.subtrahend(&diff.comparison);
            let _ = writeln!(
                out,
                "\n  {intro} r_DD = {}, α P = {}, α {x} = {}, r(P, {x}) = {}, r(P − {x}, P) = {}, r(P − {x}, {x}) = {} (n = {})",
                analysis_notes::r_dd(lang, diff),
                num(lang, diff.alpha_p, 2),
                num(lang, diff.alpha_x, 2),
                num(lang, diff.r_px, 2),
                num(lang, diff.r_diff_p, 2),
                num(lang, diff.r_diff_x, 2),
                diff.n
            );
        }
        for r in d.reliability.iter().filter(|r| r.suppressed.is_some()) {
            if let Some(reason) = &r.suppressed {
                let _ = writeln!(out, "\n  α {}: {}", r.scale, analysis_notes::suppressed(lang, reason));
            }
        }
    }

    if let Some(ipa) = &report.ipa {
        let concentrate: Vec<&str> = ipa
            .points
            .iter()
            .filter(|p| {
                p.stated_quadrant.as_deref() == Some("A") || p.derived_quadrant.as_deref() == Some("A")
            })
            .map(|p| p.item.as_str())
            .collect();
        if ipa.stated_importance_cut.is_some() || ipa.derived_importance_cut.is_some() {
            heading(flavour, 2, l.h_ipa, &mut out);
            let _ = writeln!(out, "{}\n", analysis_notes::ipa_notes(lang, ipa));
            let none = if lang == Lang::En { "none" } else { "brak" };
            let list = if concentrate.is_empty() { none.to_owned() } else { concentrate.join(", ") };
            let _ = match lang {
                Lang::En => writeln!(out, "Concentrate here (high importance, low performance, stated or derived): {list}"),
                Lang::Pl => writeln!(
                    out,
                    "Skoncentruj się tutaj (wysoka ważność, niskie wykonanie, deklarowana lub pochodna): {list}"
                ),
            };
        }
    }

    heading(flavour, 2, l.h_data_quality, &mut out);
    if report.input.findings.is_empty() {
        let _ = writeln!(out, "{}", if lang == Lang::En { "No rule was broken." } else { l.no_rule_broken });
    } else {
        let mut table = Table::new(&[
            (word(lang, "rule"), false),
            (word(lang, "count"), true),
            (word(lang, "first at"), false),
            (word(lang, "action"), false),
        ]);
        for f in &report.input.findings {
            let first = f
                .examples
                .first()
                .map(|e| match lang {
                    Lang::En => format!("row {}, column {}, value \"{}\"", e.row, e.column, e.value),
                    Lang::Pl => format!("wiersz {}, kolumna {}, wartość „{}”", e.row, e.column, e.value),
                })
                .unwrap_or_default();
            let (rule, action) = match lang {
                Lang::En => (f.rule.clone(), f.action.clone()),
                Lang::Pl => (lang.rule(&f.rule), lang.rule_action(&f.rule, &f.action)),
            };
            table.rows.push(vec![rule, f.count.to_string(), first, action]);
        }
        table.render(flavour, &mut out);
    }
    match flavour {
        Flavour::Terminal => {
            let _ = writeln!(out, "\nMissing data: {}.", report.method.missing_data);
        }
        Flavour::Markdown => {
            heading(flavour, 2, l.h_methods, &mut out);
            for (name, text) in crate::i18n::methods::paragraphs(report, lang) {
                let _ = writeln!(out, "**{name}.** {text}\n");
            }
        }
    }
    out
}

/// Renders the report as aligned terminal text in `lang`.
pub fn render_text(report: &AnalysisReport, lang: Lang) -> String {
    render(report, Flavour::Terminal, lang)
}

/// Renders the report as GitHub-flavoured Markdown in `lang`.
pub fn render_markdown(report: &AnalysisReport, lang: Lang) -> String {
    render(report, Flavour::Markdown, lang)
}

/// Renders the report as pretty-printed JSON (the layout of `docs/analysis-json.md`).
///
/// # Errors
/// Only if serialisation fails, which the view model's types do not allow in practice.
pub fn render_json(report: &AnalysisReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}
