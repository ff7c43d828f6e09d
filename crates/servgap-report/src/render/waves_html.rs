//! The self-contained wave-comparison page ([`render_waves_html`]) with its SVG
//! charts. Same page shell, stylesheet and accessibility rules as the analysis page
//! (both from [`super::support::page`]): every chart has a data table, every verdict
//! is a word as well as a colour, and every data string is escaped.
//!
//! With more than two waves the page adds the trend of every dimension over the
//! waves ([`series_chart`]) and one table per contrast; the dumbbell charts show the
//! headline contrast (the only one for two waves, first to last otherwise).

use std::fmt::Write as _;

use super::support::markup::{escape, measures, PALETTE};
use super::support::page::{
    battery_colour, figure, findings_table, name_table_boxes, page_start, paragraph, section, table_start,
    text, DataTable, Figure,
};
use super::svg::{
    series_chart, trend_chart, ChangePoint, SeriesChart, SeriesPoint, SeriesRow, TrendChart, TrendRow,
};
use crate::i18n::Lang;
use crate::model::{ChangeView, PanelView, TrendView, WaveReport};

/// Verdict colours (Okabe–Ito): improved bluish green, worsened vermillion, unchanged grey.
fn verdict_colour(verdict: &str) -> &'static str {
    match verdict {
        "improved" => PALETTE[2],
        "worsened" => PALETTE[4],
        "unchanged" => "#767676",
        _ => "#b0b0b0",
    }
}

// ------------------------------------------------------------------ waves

/// Extra styles of the wave page: verdict words in colour (with enough contrast).
const WAVE_CSS: &str = "td.verdict { font-weight: 600; white-space: nowrap; }
.v-improved { color: #006B4C; }
.v-worsened { color: #A83800; }
.v-unchanged, .v-not-tested { color: var(--muted); }
.card .value.verdict, .card .value.pair { font-size: 1.3rem; }
";

fn change_name(lang: Lang, c: &ChangeView) -> String {
    if c.scope == "overall" {
        lang.compare_labels().overall_score.to_owned()
    } else {
        c.name(lang.code()).unwrap_or_default().to_owned()
    }
}

fn trend_name(lang: Lang, t: &TrendView) -> String {
    if t.scope == "overall" {
        lang.compare_labels().overall_score.to_owned()
    } else {
        t.name(lang.code()).unwrap_or_default().to_owned()
    }
}

/// The contrast the summary and the dumbbell charts show: the only one of two waves,
/// first to last of more.
fn headline(report: &WaveReport) -> (usize, usize) {
    report.contrasts.last().map_or((0, 1), |c| (c.from, c.to))
}

/// The trend over every wave of the dimensions and the overall score, per measure.
fn series_figures(report: &WaveReport, lang: Lang, out: &mut Vec<Figure>) {
    let l = lang.labels();
    let wl = lang.wave_labels();
    let ci_label = lang.ci_label(report.method.confidence);
    for measure in measures(report.trend.iter().map(|t| t.measure.as_str())) {
        let id = format!("chart-waves-series-{measure}");
        let rows: Vec<&TrendView> =
            report.trend.iter().filter(|t| t.measure == measure && t.scope != "item").collect();
        let name = lang.measure_name(measure);
        let title = lang.wave_trend_title(name);
        let waves: Vec<String> = (0..report.waves.len()).map(|k| lang.wave_name(k)).collect();
        let chart = SeriesChart {
            text: text(lang, &id, title.clone(), lang.wave_trend_description(waves.len(), &ci_label)),
            rows: rows
                .iter()
                .map(|t| SeriesRow {
                    label: trend_name(lang, t),
                    points: t
                        .waves
                        .iter()
                        .map(|w| w.mean.map(|mean| SeriesPoint { mean, ci: w.ci }))
                        .collect(),
                })
                .collect(),
            waves: waves.clone(),
            axis_title: format!("{name}: {}", wl.axis_wave_mean),
            ci_label: format!("{ci_label} ({})", wl.unadjusted),
            include_zero: measure != "perceived",
        };
        let mut header = vec![l.col_dimension.to_owned()];
        for w in &waves {
            header.push(format!("n {w}"));
            header.push(w.clone());
            header.push(format!("{w}: {ci_label}"));
        }
        let table_rows = rows
            .iter()
            .map(|t| {
                let mut cells = vec![trend_name(lang, t)];
                for w in &t.waves {
                    cells.extend([w.n.to_string(), lang.num(w.mean, 2), lang.interval(w.ci, 2)]);
                }
                cells
            })
            .collect();
        let table = DataTable { caption: &title, header, rows: table_rows, text_columns: vec![0] };
        out.push(Figure { id, svg: series_chart(&chart), table: table.html() });
    }
}

/// The charts of a wave comparison, in document order, with their data tables.
pub fn wave_figures(report: &WaveReport, lang: Lang) -> Vec<Figure> {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let ci_label = lang.simultaneous_ci_label(report.method.confidence);
    let (from, to) = headline(report);
    let wave_names = (lang.wave_name(from), lang.wave_name(to));
    let mut out = Vec::new();
    if report.waves.len() > 2 {
        series_figures(report, lang, &mut out);
    }
    let keys: Vec<(&'static str, String)> =
        ["improved", "worsened", "unchanged"].iter().map(|v| (verdict_colour(v), lang.verdict(v))).collect();
    for measure in measures(report.dimensions.iter().map(|c| c.measure.as_str())) {
        let id = format!("chart-waves-{measure}");
        let changes: Vec<&ChangeView> = report
            .dimensions
            .iter()
            .chain(&report.overall)
            .filter(|c| c.measure == measure && c.from == from && c.to == to)
            .collect();
        let rows: Vec<TrendRow> = changes
            .iter()
            .map(|c| TrendRow {
                label: change_name(lang, c),
                before: c.before.mean,
                after: c.after.mean,
                colour: verdict_colour(&c.verdict),
                change: c.change.map(|change| ChangePoint { change, ci: c.ci_simultaneous }),
                note: lang.verdict(&c.verdict),
                rule_above: c.scope == "overall",
            })
            .collect();
        let name = lang.measure_name(measure);
        let (title, description) = match lang {
            Lang::En => (
                format!("{name}: before and after, by dimension"),
                format!(
                    "Dumbbell chart of {} and the overall score: a hollow circle at the first wave’s mean {}, a filled circle at the second wave’s, joined by a line; beside it the change with its {ci_label}, a zero line, and the verdict in words (improved, worsened or unchanged), also shown by colour.",
                    lang.dimensions(changes.iter().filter(|c| c.scope == "dimension").count() as u64),
                    lang.comparison_short(measure)
                ),
            ),
            Lang::Pl => (
                format!("{name}: przed i po, według wymiarów"),
                format!(
                    "Wykres hantlowy: {} i wynik ogólny; pusty okrąg w średniej wartości ({}) z pierwszej fali, pełne koło w średniej z drugiej, połączone linią; obok zmiana z {ci_label}, linia zera i ocena zmiany słowami (poprawa, pogorszenie lub bez zmian), pokazana także kolorem.",
                    lang.dimensions(changes.iter().filter(|c| c.scope == "dimension").count() as u64),
                    lang.comparison_short(measure)
                ),
            ),
        };
        let axis_title = match lang {
            Lang::En => format!("{name}: mean, scale points"),
            Lang::Pl => format!("{name}: średnia, punkty skali"),
        };
        let chart = TrendChart {
            text: text(lang, &id, title.clone(), description),
            rows,
            waves: wave_names.clone(),
            keys: keys.clone(),
            axis_title,
            change_axis_title: Some(cl.axis_change.to_owned()),
            ci_label: format!("{ci_label} ({})", l.legend_ci),
            include_zero: measure != "perceived",
        };
        let table = DataTable {
            caption: &title,
            header: vec![
                l.col_dimension.to_owned(),
                cl.before.to_owned(),
                cl.after.to_owned(),
                cl.col_change.to_owned(),
                ci_label.clone(),
                lang.wave_labels().col_p_holm.to_owned(),
                cl.col_verdict.to_owned(),
            ],
            rows: changes
                .iter()
                .map(|c| {
                    vec![
                        change_name(lang, c),
                        lang.num(c.before.mean, 2),
                        lang.num(c.after.mean, 2),
                        lang.signed(c.change, 2),
                        lang.interval(c.ci_simultaneous, 2),
                        lang.p(c.p_holm),
                        lang.verdict(&c.verdict),
                    ]
                })
                .collect(),
            text_columns: vec![0, 6],
        };
        out.push(Figure { id, svg: trend_chart(&chart), table: table.html() });
    }

    // The batteries (E and P, or A, D and P) before and after, per dimension.
    let batteries = &report.instrument.batteries;
    let dimensions: Vec<&ChangeView> = {
        let mut seen: Vec<&str> = Vec::new();
        report
            .dimensions
            .iter()
            .filter(|c| c.from == from && c.to == to)
            .filter(|c| {
                let new = !seen.contains(&c.id.as_str());
                seen.push(&c.id);
                new
            })
            .collect()
    };
    let battery_mean = |side: &crate::model::WaveSideView, b: &str| {
        side.batteries.iter().find(|x| x.battery == b).and_then(|x| x.mean)
    };
    if !batteries.is_empty() && dimensions.iter().any(|c| !c.before.batteries.is_empty()) {
        let id = "chart-waves-batteries";
        let mut rows = Vec::new();
        let mut table_rows = Vec::new();
        for c in &dimensions {
            for (k, b) in batteries.iter().enumerate() {
                let (before, after) = (battery_mean(&c.before, b), battery_mean(&c.after, b));
                let change = match (before, after) {
                    (Some(x), Some(y)) => Some(y - x),
                    _ => None,
                };
                rows.push(TrendRow {
                    label: format!("{} · {b}", change_name(lang, c)),
                    before,
                    after,
                    colour: battery_colour(b),
                    change: None,
                    note: format!("{} → {}", lang.num(before, 2), lang.num(after, 2)),
                    rule_above: k == 0,
                });
                table_rows.push(vec![
                    change_name(lang, c),
                    lang.battery(b).to_owned(),
                    lang.num(before, 2),
                    lang.num(after, 2),
                    lang.signed(change, 2),
                ]);
            }
        }
        let names: Vec<&str> = batteries.iter().map(|b| lang.battery(b)).collect();
        let (title, description) = match lang {
            Lang::En => (
                format!("{}: before and after, by dimension", names.join(", ")),
                format!(
                    "Dumbbell chart: for each dimension and battery ({}), a hollow circle at the first wave’s mean rating and a filled circle at the second wave’s, on the {}–{} answer scale; the numbers are written at the right.",
                    names.join(", "),
                    report.instrument.scale_min,
                    report.instrument.scale_max
                ),
            ),
            Lang::Pl => (
                format!("{}: przed i po, według wymiarów", names.join(", ")),
                format!(
                    "Wykres hantlowy: dla każdego wymiaru i baterii ({}) pusty okrąg w średniej ocenie z pierwszej fali i pełne koło w średniej z drugiej, na skali odpowiedzi {}–{}; liczby podano po prawej.",
                    names.join(", "),
                    report.instrument.scale_min,
                    report.instrument.scale_max
                ),
            ),
        };
        let chart = TrendChart {
            text: text(lang, id, title.clone(), description),
            rows,
            waves: wave_names.clone(),
            keys: batteries.iter().map(|b| (battery_colour(b), lang.battery(b).to_owned())).collect(),
            axis_title: format!(
                "{} ({}–{})",
                l.axis_mean_rating, report.instrument.scale_min, report.instrument.scale_max
            ),
            change_axis_title: None,
            ci_label: String::new(),
            include_zero: false,
        };
        let table = DataTable {
            caption: &title,
            header: vec![
                l.col_dimension.to_owned(),
                l.col_scale.to_owned(),
                cl.before.to_owned(),
                cl.after.to_owned(),
                cl.col_change.to_owned(),
            ],
            rows: table_rows,
            text_columns: vec![0, 1],
        };
        out.push(Figure { id: id.to_owned(), svg: trend_chart(&chart), table: table.html() });
    }
    out
}

/// A table of changes whose last column is the verdict, written as a word with a
/// colour class; the first `text` columns hold text.
fn change_table(
    out: &mut String,
    lang: Lang,
    caption: &str,
    header: &[String],
    rows: &[(Vec<String>, &str)],
    text: usize,
) {
    table_start(out, caption, "");
    out.push_str("<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let class = if i < text || i + 1 == header.len() { "" } else { " class=\"num\"" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (cells, verdict) in rows {
        out.push_str("<tr>");
        for (i, cell) in cells.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else if i < text {
                let _ = write!(out, "<td class=\"statement\">{}</td>", escape(cell));
            } else {
                let _ = write!(out, "<td class=\"num\">{}</td>", escape(cell));
            }
        }
        let _ = write!(
            out,
            "<td class=\"verdict v-{}\">{}</td>",
            escape(verdict),
            escape(&lang.verdict(verdict))
        );
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

fn change_cells(lang: Lang, c: &ChangeView, full: bool) -> Vec<String> {
    let mut cells = vec![
        c.before.n.to_string(),
        lang.num(c.before.mean, 2),
        c.after.n.to_string(),
        lang.num(c.after.mean, 2),
        lang.signed(c.change, 2),
    ];
    if full {
        cells.push(lang.num(c.t, 2));
        cells.push(lang.num(c.df, 1));
    }
    cells.extend([
        lang.interval(c.ci_unadjusted, 2),
        lang.p(c.p_unadjusted),
        lang.interval(c.ci_simultaneous, 2),
        lang.p(c.p_holm),
    ]);
    cells
}

fn change_header(lang: Lang, report: &WaveReport, first: &[&str], full: bool) -> Vec<String> {
    let cl = lang.compare_labels();
    let confidence = report.method.confidence;
    let mut header: Vec<String> = first.iter().map(|s| (*s).to_owned()).collect();
    header.extend([
        format!("n {}", cl.before.to_lowercase()),
        cl.before.to_owned(),
        format!("n {}", cl.after.to_lowercase()),
        cl.after.to_owned(),
        cl.col_change.to_owned(),
    ]);
    if full {
        header.push("t".to_owned());
        header.push("df".to_owned());
    }
    header.extend([
        lang.unadjusted_ci_label(confidence),
        lang.unadjusted_p_label(),
        lang.simultaneous_ci_label(confidence),
        lang.wave_labels().col_p_holm.to_owned(),
        cl.col_verdict.to_owned(),
    ]);
    header
}

fn count_verdicts<'a>(changes: impl Iterator<Item = &'a ChangeView>) -> [usize; 3] {
    let mut n = [0; 3];
    for c in changes {
        match c.verdict.as_str() {
            "improved" => n[0] += 1,
            "worsened" => n[1] += 1,
            "unchanged" => n[2] += 1,
            _ => {}
        }
    }
    n
}

fn card(out: &mut String, label: &str, value: &str, class: &str, detail: &str) {
    let _ = writeln!(
        out,
        "<div class=\"card\"><span class=\"label\">{}</span><span class=\"value{class}\">{}</span><span class=\"detail\">{}</span></div>",
        escape(label),
        escape(value),
        escape(detail)
    );
}

fn wave_summary(out: &mut String, report: &WaveReport, lang: Lang) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let (from, to) = headline(report);
    let [overall, dimensions, items] = report.contrast(from, to);
    section(out, "summary", l.h_summary);
    if report.waves.len() > 2 {
        paragraph(out, &lang.contrast_name(from, to));
    }
    out.push_str("<div class=\"cards\">\n");
    let ci_label = lang.simultaneous_ci_label(report.method.confidence);
    for o in &overall {
        let name = lang.measure_name(&o.measure);
        card(
            out,
            &format!("{} · {} → {}", name, lang.wave_name(from), lang.wave_name(to)),
            &format!("{} → {}", lang.num(o.before.mean, 2), lang.num(o.after.mean, 2)),
            " pair",
            &format!("n {} → {}", o.before.n, o.after.n),
        );
        card(
            out,
            &format!("{} · {}", cl.col_change, lang.comparison_short(&o.measure)),
            &lang.signed(o.change, 2),
            "",
            &format!("{ci_label} {}", lang.interval(o.ci_simultaneous, 2)),
        );
        card(
            out,
            &format!("{} · {}", cl.col_verdict, cl.overall_score),
            &lang.verdict(&o.verdict),
            &format!(" verdict v-{}", o.verdict),
            &format!("{} {}", lang.wave_labels().col_p_holm, lang.p(o.p_holm)),
        );
    }
    for (label, changes) in [(l.h_dimensions, &dimensions), (cl.h_items, &items)] {
        let [up, down, same] = count_verdicts(changes.iter().copied());
        card(
            out,
            label,
            &format!("▲ {up} · ▼ {down}"),
            "",
            &format!("{} {up}, {} {down}, {} {same}", cl.improved, cl.worsened, cl.unchanged),
        );
    }
    out.push_str("</div>\n");
    summary_sentences(out, report, lang, [&overall, &dimensions, &items]);
    out.push_str("</section>\n");
}

fn summary_sentences(out: &mut String, report: &WaveReport, lang: Lang, rows: [&[&ChangeView]; 3]) {
    let [overall, dimensions, items] = rows;
    let confidence = report.method.confidence;
    let mut sentences = Vec::new();
    for o in overall {
        sentences.push(lang.waves_overall_adjusted(
            &o.measure,
            &o.verdict,
            o.change,
            confidence,
            o.ci_simultaneous,
        ));
    }
    let multiple = measures(dimensions.iter().map(|c| c.measure.as_str())).len() > 1;
    let prose = |verdict: &str| -> Vec<String> {
        let mut picked: Vec<&&ChangeView> = dimensions.iter().filter(|c| c.verdict == verdict).collect();
        picked.sort_by(|a, b| {
            let key = |c: &ChangeView| c.change.map_or(0.0, f64::abs);
            key(b).total_cmp(&key(a))
        });
        picked
            .iter()
            .map(|c| {
                let name = if multiple {
                    format!("{} ({})", change_name(lang, c), lang.comparison_short(&c.measure))
                } else {
                    change_name(lang, c)
                };
                lang.adjusted_change_prose(&name, c.change, confidence, c.ci_simultaneous)
            })
            .collect()
    };
    sentences.push(lang.waves_dimension_sentence(&prose("improved"), &prose("worsened")));
    let ids = |verdict: &str| -> Vec<String> {
        items.iter().filter(|c| c.verdict == verdict).map(|c| c.id.clone()).collect()
    };
    let tested = items.iter().filter(|c| c.verdict != "not-tested").count();
    sentences.push(lang.waves_item_sentence(&ids("improved"), &ids("worsened"), tested));
    let tests = |id: &str| report.method.families.iter().find(|f| f.id == id).map_or(0, |f| f.tests);
    sentences.push(lang.families_sentence(report.method.alpha, tests("items"), tests("scores")));
    out.push_str("<ul class=\"findings\">\n");
    for s in &sentences {
        let _ = writeln!(out, "<li>{}</li>", escape(s));
    }
    out.push_str("</ul>\n");
}

fn page_header(out: &mut String, report: &WaveReport, lang: Lang) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let instrument_title = report.instrument.title_in(lang.code());
    let _ = writeln!(
        out,
        "<header class=\"report\">\n<h1><span class=\"kicker\">{}</span>{}</h1>\n<dl class=\"meta\">",
        escape(cl.waves_title),
        escape(instrument_title)
    );
    let mut meta: Vec<(String, String)> = report
        .waves
        .iter()
        .enumerate()
        .map(|(k, w)| (lang.wave_name(k), format!("{} ({} {})", report.wave_file(k), w.rows, l.rows_read)))
        .collect();
    meta.push((l.format_label.to_owned(), lang.format(&report.instrument.format).to_owned()));
    meta.push((
        l.scale_label.to_owned(),
        format!("{}–{}", report.instrument.scale_min, report.instrument.scale_max),
    ));
    meta.push((
        l.generated_by.to_owned(),
        format!("servgap {} ({})", &report.servgap_version, report.schema),
    ));
    for (k, v) in meta {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(&k), escape(&v));
    }
    out.push_str("</dl>\n</header>\n");
}

fn toc(out: &mut String, lang: Lang) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let toc = [
        ("summary", l.h_summary),
        ("trend", cl.h_trend),
        ("dimensions", l.h_dimensions),
        ("items", cl.h_items),
        ("data-quality", l.h_data_quality),
        ("methods", l.h_methods),
    ];
    let toc_label = match lang {
        Lang::En => "Contents",
        Lang::Pl => "Spis treści",
    };
    let _ = writeln!(out, "<nav class=\"toc\" aria-label=\"{toc_label}\"><ol>");
    for (id, name) in toc {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", escape(name));
    }
    out.push_str("</ol></nav>\n");
}

fn row_label(lang: Lang, c: &ChangeView, multiple: bool) -> String {
    let name = if c.scope == "item" { c.id.clone() } else { change_name(lang, c) };
    if multiple {
        format!("{name} ({})", lang.comparison_short(&c.measure))
    } else {
        name
    }
}

fn dimension_tables(out: &mut String, report: &WaveReport, lang: Lang) {
    let l = lang.labels();
    section(out, "dimensions", l.h_dimensions);
    paragraph(out, lang.wave_labels().dimensions_intro);
    let multiple = measures(report.dimensions.iter().map(|c| c.measure.as_str())).len() > 1;
    let header = change_header(lang, report, &[l.col_dimension], true);
    for contrast in &report.contrasts {
        let [overall, dimensions, _] = report.contrast(contrast.from, contrast.to);
        let caption = if report.contrasts.len() > 1 {
            let name = lang.contrast_name(contrast.from, contrast.to);
            let _ = writeln!(out, "<h3>{}</h3>", escape(&name));
            format!("{} — {name}", l.h_dimensions)
        } else {
            l.h_dimensions.to_owned()
        };
        let rows: Vec<(Vec<String>, &str)> = dimensions
            .iter()
            .chain(&overall)
            .map(|c| {
                let mut cells = vec![row_label(lang, c, multiple)];
                cells.extend(change_cells(lang, c, true));
                (cells, c.verdict.as_str())
            })
            .collect();
        change_table(out, lang, &caption, &header, &rows, 1);
    }
    out.push_str("</section>\n");
}

fn item_tables(out: &mut String, report: &WaveReport, lang: Lang) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    section(out, "items", cl.h_items);
    let multiple = measures(report.dimensions.iter().map(|c| c.measure.as_str())).len() > 1;
    let header = change_header(lang, report, &[l.col_item, l.col_statement], false);
    for contrast in &report.contrasts {
        let [_, dimensions, items] = report.contrast(contrast.from, contrast.to);
        let suffix = if report.contrasts.len() > 1 {
            let name = lang.contrast_name(contrast.from, contrast.to);
            let _ = writeln!(out, "<h3>{}</h3>", escape(&name));
            format!(" — {name}")
        } else {
            String::new()
        };
        let mut seen: Vec<&str> = Vec::new();
        for d in &dimensions {
            if seen.contains(&d.id.as_str()) {
                continue;
            }
            seen.push(&d.id);
            let dimension = change_name(lang, d);
            // Under the contrast's h3 when there are several contrasts, else under the h2.
            let level = if report.contrasts.len() > 1 { 4 } else { 3 };
            let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(&dimension));
            let rows: Vec<(Vec<String>, &str)> = items
                .iter()
                .filter(|c| c.dimension.as_deref() == Some(d.id.as_str()))
                .map(|c| {
                    let mut cells = vec![row_label(lang, c, multiple), change_name(lang, c)];
                    cells.extend(change_cells(lang, c, false));
                    (cells, c.verdict.as_str())
                })
                .collect();
            let caption = format!("{dimension} — {}{suffix}", cl.h_items);
            change_table(out, lang, &caption, &header, &rows, 2);
        }
    }
    out.push_str("</section>\n");
}

fn panel_rows(lang: Lang, panel: &PanelView) -> Vec<(Vec<String>, &str)> {
    let multiple = measures(panel.changes.iter().map(|c| c.measure.as_str())).len() > 1;
    let dimensions = panel.changes.iter().filter(|c| c.scope != "item");
    let items = panel.changes.iter().filter(|c| c.scope == "item");
    dimensions
        .chain(items)
        .map(|c| {
            let name = match c.scope.as_str() {
                "overall" => lang.compare_labels().overall_score.to_owned(),
                "item" => c.id.clone(),
                _ => c.name(lang.code()).unwrap_or(&c.id).to_owned(),
            };
            let name =
                if multiple { format!("{name} ({})", lang.comparison_short(&c.measure)) } else { name };
            let cells = vec![
                name,
                c.n.to_string(),
                lang.signed(c.mean, 2),
                lang.interval(c.ci_unadjusted, 2),
                lang.p(c.p_unadjusted),
                lang.p(c.wilcoxon_p_unadjusted),
                lang.p(c.p_holm),
            ];
            (cells, c.verdict.as_str())
        })
        .collect()
}

fn panels(out: &mut String, report: &WaveReport, lang: Lang) {
    if report.panels.is_empty() {
        return;
    }
    let l = lang.labels();
    let cl = lang.compare_labels();
    let pl = lang.panel_labels();
    section(out, "panel", pl.h_panel);
    paragraph(out, pl.intro);
    let confidence = report.method.confidence;
    let header = vec![
        l.col_dimension.to_owned(),
        pl.col_pairs.to_owned(),
        pl.col_mean_change.to_owned(),
        lang.unadjusted_ci_label(confidence),
        lang.unadjusted_p_label(),
        pl.col_wilcoxon.to_owned(),
        lang.wave_labels().col_p_holm.to_owned(),
        cl.col_verdict.to_owned(),
    ];
    for panel in &report.panels {
        let contrast = lang.contrast_name(panel.from, panel.to);
        paragraph(
            out,
            &lang.panel_sentence(
                &contrast,
                panel.ids,
                panel.matched,
                panel.unmatched,
                &panel.design,
                panel.forced,
            ),
        );
        if !panel.changes.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>", escape(&contrast));
            change_table(
                out,
                lang,
                &format!("{} — {contrast}", pl.h_panel),
                &header,
                &panel_rows(lang, panel),
                1,
            );
        }
    }
    out.push_str("</section>\n");
}

fn methods(out: &mut String, report: &WaveReport, lang: Lang) {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let wl = lang.wave_labels();
    section(out, "methods", l.h_methods);
    let software = match lang {
        Lang::En => format!(
            "servgap {} ({}). Unadjusted intervals are {} intervals.",
            &report.servgap_version,
            report.schema,
            lang.percent(report.method.confidence)
        ),
        Lang::Pl => format!(
            "servgap {} ({}). Przedziały bez korekty to przedziały ufności {}.",
            &report.servgap_version,
            report.schema,
            lang.percent(report.method.confidence)
        ),
    };
    let tests = |id: &str| report.method.families.iter().find(|f| f.id == id).map_or(0, |f| f.tests);
    let families = lang.families_sentence(report.method.alpha, tests("items"), tests("scores"));
    for (heading, body) in [
        (cl.m_design, wl.design_text.to_owned()),
        (cl.m_verdict, format!("{} {families}", wl.verdict_text)),
        (wl.m_multiplicity, wl.intervals_text.to_owned()),
        (cl.m_scores, cl.scores_text.to_owned()),
        (l.m_software, software),
    ] {
        let _ = writeln!(out, "<h3>{}</h3>", escape(heading));
        paragraph(out, &body);
    }
    out.push_str("</section>\n");
}

/// Renders a wave comparison as a complete, self-contained HTML page in the report's language.
pub fn render_waves_html(report: &WaveReport, lang: Lang) -> String {
    let l = lang.labels();
    let cl = lang.compare_labels();
    let figures = wave_figures(report, lang);
    let mut out = String::new();
    let title = format!("{}: {}", cl.waves_title, report.instrument.title_in(lang.code()));
    page_start(&mut out, lang, &report.servgap_version, &title, cl.skip_to_summary, WAVE_CSS);
    page_header(&mut out, report, lang);
    toc(&mut out, lang);
    wave_summary(&mut out, report, lang);

    section(&mut out, "trend", cl.h_trend);
    if report.waves.len() > 2 {
        paragraph(&mut out, lang.wave_labels().trend_waves_intro);
    }
    paragraph(&mut out, cl.trend_intro);
    for f in &figures {
        if f.id == "chart-waves-batteries" {
            let names: Vec<&str> = report.instrument.batteries.iter().map(|b| lang.battery(b)).collect();
            let _ = writeln!(out, "<h3>{}</h3>", escape(&names.join(", ")));
        }
        figure(&mut out, &figures, &f.id, l);
    }
    out.push_str("</section>\n");

    dimension_tables(&mut out, report, lang);
    item_tables(&mut out, report, lang);
    panels(&mut out, report, lang);

    section(&mut out, "data-quality", l.h_data_quality);
    for (k, input) in report.waves.iter().enumerate() {
        let heading = format!("{}: {}", lang.wave_name(k), input.file);
        let _ = writeln!(out, "<h3>{}</h3>", escape(&heading));
        findings_table(&mut out, &input.findings, &heading, lang);
    }
    out.push_str("</section>\n");
    methods(&mut out, report, lang);

    let files: Vec<&str> = report.waves.iter().map(|w| w.file.as_str()).collect();
    let _ = writeln!(
        out,
        "<footer><p>servgap {} · {} · {}</p></footer>\n</main>\n</body>\n</html>",
        escape(&report.servgap_version),
        escape(&report.schema),
        escape(&files.join(" → "))
    );
    name_table_boxes(out)
}
