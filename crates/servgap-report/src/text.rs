//! Terminal text and Markdown renderings of an [`AnalysisReport`].
//!
//! Both are built from the same table rows, so they always agree; the terminal
//! form aligns columns with spaces, the Markdown form uses pipe tables.

use std::fmt::Write as _;

use crate::model::{AnalysisReport, ComparisonView, DimensionView, ItemView, OverallView};

/// Output flavour of [`render_text`]-like functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Terminal,
    Markdown,
}

/// Formats a number with `digits` decimals, or `–` when absent.
fn num(value: Option<f64>, digits: usize) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.digits$}"),
        _ => "–".to_owned(),
    }
}

/// Formats a p-value: three decimals, `<0.001` below that.
fn p_value(value: Option<f64>) -> String {
    match value {
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        Some(p) => format!("{p:.3}"),
        None => "–".to_owned(),
    }
}

fn ci(value: Option<[f64; 2]>) -> String {
    match value {
        Some([a, b]) => format!("[{a:.2}, {b:.2}]"),
        None => "–".to_owned(),
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
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
                let rule: Vec<&str> = self.right_aligned.iter().map(|&r| if r { "---:" } else { "---" }).collect();
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

/// Sort key: the first comparison's mean (most negative first), or mean P for SERVPERF.
fn sort_key(comparisons: &[ComparisonView], batteries: &[crate::model::BatteryView]) -> f64 {
    comparisons
        .first()
        .and_then(|c| c.mean)
        .or_else(|| batteries.iter().find(|b| b.battery == "P").and_then(|b| b.mean))
        .unwrap_or(f64::INFINITY)
}

fn comparison_columns(report: &AnalysisReport) -> Vec<(String, bool)> {
    let mut cols = Vec::new();
    for c in &report.instrument.comparisons {
        let name = c.to_uppercase();
        cols.push((name.replace("GAP", "gap"), true));
        cols.push((format!("{:.0}% CI", report.method.confidence * 100.0), true));
        cols.push(("t".to_owned(), true));
        cols.push(("p Holm".to_owned(), true));
        cols.push(("W p Holm".to_owned(), true));
        cols.push(("d_z".to_owned(), true));
    }
    cols
}

fn comparison_cells(comparisons: &[ComparisonView]) -> Vec<String> {
    let mut cells = Vec::new();
    for c in comparisons {
        cells.push(num(c.mean, 2));
        cells.push(ci(c.ci));
        cells.push(num(c.t.as_ref().map(|t| t.t), 2));
        cells.push(p_value(c.t.as_ref().and_then(|t| t.p_holm)));
        cells.push(p_value(c.wilcoxon.as_ref().and_then(|w| w.p_holm)));
        cells.push(num(c.cohen_dz, 2));
    }
    cells
}

fn dimension_table(report: &AnalysisReport, dims: &[&DimensionView], flavour: Flavour, out: &mut String) {
    let mut columns: Vec<(String, bool)> = vec![("dimension".into(), false), ("n".into(), true)];
    columns.extend(report.instrument.batteries.iter().map(|b| (b.to_string(), true)));
    columns.extend(comparison_columns(report));
    columns.push(("α P".into(), true));
    if report.instrument.comparisons.contains(&"gap") {
        columns.push(("α gap".into(), true));
    }
    if report.instrument.importance {
        columns.push(("points".into(), true));
    }
    let cols: Vec<(&str, bool)> = columns.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let mut table = Table::new(&cols);
    for d in dims {
        let mut row = vec![d.name.clone(), d.n.to_string()];
        row.extend(d.batteries.iter().map(|b| num(b.mean, 2)));
        row.extend(comparison_cells(&d.comparisons));
        let alpha = |scale: &str| d.reliability.iter().find(|r| r.scale == scale).and_then(|r| r.alpha);
        row.push(num(alpha("P"), 2));
        if report.instrument.comparisons.contains(&"gap") {
            row.push(num(alpha("gap"), 2));
        }
        if report.instrument.importance {
            row.push(num(d.importance_points, 1));
        }
        table.rows.push(row);
    }
    table.render(flavour, out);
}

fn item_table(report: &AnalysisReport, items: &[&ItemView], flavour: Flavour, out: &mut String) {
    let mut columns: Vec<(String, bool)> = vec![("item".into(), false), ("n".into(), true)];
    columns.extend(report.instrument.batteries.iter().map(|b| (b.to_string(), true)));
    columns.extend(comparison_columns(report));
    columns.push(("statement".into(), false));
    let cols: Vec<(&str, bool)> = columns.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let mut table = Table::new(&cols);
    for it in items {
        let mut row = vec![it.id.clone(), it.n.to_string()];
        row.extend(it.batteries.iter().map(|b| num(b.mean, 2)));
        row.extend(comparison_cells(&it.comparisons));
        row.push(match flavour {
            Flavour::Terminal => truncate(&it.text, 48),
            Flavour::Markdown => it.text.clone(),
        });
        table.rows.push(row);
    }
    table.render(flavour, out);
}

fn overall_table(overall: &[OverallView], flavour: Flavour, confidence: f64, out: &mut String) {
    let ci_name = format!("{:.0}% CI", confidence * 100.0);
    let mut table = Table::new(&[
        ("score", false),
        ("aggregation", false),
        ("n", true),
        ("mean", true),
        ("sd", true),
        (ci_name.as_str(), true),
        ("t", true),
        ("p", true),
    ]);
    for o in overall {
        let score = match o.comparison {
            Some(c) => format!("SERVQUAL {}", if c == "gap" { "gap".to_owned() } else { c.to_uppercase() }),
            None => "SERVPERF (P only)".to_owned(),
        };
        table.rows.push(vec![
            score,
            o.aggregation.to_owned(),
            o.n.to_string(),
            num(o.mean, 3),
            num(o.sd, 3),
            ci(o.ci),
            num(o.t.as_ref().map(|t| t.t), 2),
            p_value(o.t.as_ref().map(|t| t.p)),
        ]);
    }
    table.render(flavour, out);
}

fn render(report: &AnalysisReport, flavour: Flavour) -> String {
    let mut out = String::new();
    let title = format!("SERVQUAL analysis: {}", report.instrument.title);
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# {title}");
        }
        Flavour::Terminal => {
            let _ = writeln!(out, "{title}");
        }
    }
    let _ = writeln!(
        out,
        "\nFile {} · {} rows · {} respondents scored on every dimension · format {} · scale {}–{}",
        report.input.file,
        report.input.rows,
        report.respondents.fully_covered,
        report.instrument.format,
        report.instrument.scale_min,
        report.instrument.scale_max
    );

    heading(flavour, 2, "Overall scores", &mut out);
    overall_table(&report.overall, flavour, report.method.confidence, &mut out);

    let mut dims: Vec<&DimensionView> = report.dimensions.iter().collect();
    dims.sort_by(|a, b| sort_key(&a.comparisons, &a.batteries).total_cmp(&sort_key(&b.comparisons, &b.batteries)));
    heading(flavour, 2, "Dimensions, largest gap first", &mut out);
    dimension_table(report, &dims, flavour, &mut out);

    for d in &dims {
        let mut items: Vec<&ItemView> = report.items.iter().filter(|i| i.dimension == d.id).collect();
        items.sort_by(|a, b| sort_key(&a.comparisons, &a.batteries).total_cmp(&sort_key(&b.comparisons, &b.batteries)));
        heading(flavour, 3, &format!("{} — items, largest gap first", d.name), &mut out);
        item_table(report, &items, flavour, &mut out);
        for diff in &d.difference_scores {
            let _ = writeln!(
                out,
                "\n  Difference score {}: reliability r_DD = {}, r(P, X) = {}, r(D, P) = {}, r(D, X) = {} (n = {})",
                diff.comparison,
                num(diff.r_dd, 2),
                num(diff.r_px, 2),
                num(diff.r_diff_p, 2),
                num(diff.r_diff_x, 2),
                diff.n
            );
        }
    }

    if let Some(ipa) = &report.ipa {
        let concentrate: Vec<&str> = ipa
            .points
            .iter()
            .filter(|p| p.stated_quadrant == Some("A") || p.derived_quadrant == Some("A"))
            .map(|p| p.item.as_str())
            .collect();
        if ipa.stated_importance_cut.is_some() || ipa.derived_importance_cut.is_some() {
            heading(flavour, 2, "Importance–performance", &mut out);
            let _ = writeln!(
                out,
                "Concentrate here (high importance, low performance, stated or derived): {}",
                if concentrate.is_empty() { "none".to_owned() } else { concentrate.join(", ") }
            );
        }
    }

    heading(flavour, 2, "Data quality", &mut out);
    if report.input.findings.is_empty() {
        let _ = writeln!(out, "No rule was broken.");
    } else {
        let mut table = Table::new(&[("rule", false), ("count", true), ("first at", false), ("action", false)]);
        for f in &report.input.findings {
            let first = f
                .examples
                .first()
                .map(|e| format!("row {}, column {}, value \"{}\"", e.row, e.column, e.value))
                .unwrap_or_default();
            table.rows.push(vec![f.rule.clone(), f.count.to_string(), first, f.action.clone()]);
        }
        table.render(flavour, &mut out);
    }
    let _ = writeln!(out, "\nMissing data: {}.", report.method.missing_data);
    out
}

/// Renders the report as aligned terminal text.
pub fn render_text(report: &AnalysisReport) -> String {
    render(report, Flavour::Terminal)
}

/// Renders the report as GitHub-flavoured Markdown.
pub fn render_markdown(report: &AnalysisReport) -> String {
    render(report, Flavour::Markdown)
}

/// Renders the report as pretty-printed JSON (the layout of `docs/analysis-json.md`).
///
/// # Errors
/// Only if serialisation fails, which the view model's types do not allow in practice.
pub fn render_json(report: &AnalysisReport) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(report)?;
    text.push('\n');
    Ok(text)
}
