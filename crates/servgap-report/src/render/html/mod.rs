//! The self-contained HTML report: inline CSS (with a print stylesheet) and inline
//! SVG charts, no scripts and no external resources.
//!
//! Built by hand with `std::fmt::Write`; every data string passes through
//! [`escape`]. Structure for assistive technology: one `h1`, `h2` per section,
//! `h3` below; a skip link; tables with `<caption>` and `scope`, each in a sideways
//! scroll box that takes keyboard focus and is named by the caption; each chart an
//! `<svg role="img">` with title and description, followed by its data table.
//! `tests/it/accessibility.rs` of the CLI checks every page with axe-core.

use std::fmt::Write as _;

mod segments;

use crate::i18n::analysis_notes;
use crate::i18n::insights::sentences;
use crate::i18n::Lang;
use crate::model::{AnalysisReport, BatteryView, ComparisonView, IpaPointView, ItemView};
use crate::render::support::markup::escape;
use crate::render::support::page::{
    battery_colour, figure, findings_table, name_table_boxes, page_start, paragraph, section, table_start,
    text, DataTable, Figure,
};
use crate::render::svg::{
    self, distribution_chart, ipa_chart, item_gap_chart, means_chart, zot_chart, Bin, DistributionChart,
    GapRow, IpaChart, ItemGapChart, MeansChart, MeansRow, ZotChart, ZotRow,
};

fn dimension_index(report: &AnalysisReport, id: &str) -> usize {
    report.dimensions.iter().position(|d| d.id == id).unwrap_or(0)
}

fn dimension_name<'a>(report: &'a AnalysisReport, id: &'a str, lang: Lang) -> &'a str {
    report.dimension_name(id, lang.code())
}

/// Importance and quadrant of an IPA point by stated or derived importance.
fn ipa_pick(p: &IpaPointView, stated: bool) -> (Option<f64>, Option<&str>) {
    if stated {
        (p.stated_importance, p.stated_quadrant.as_deref())
    } else {
        (p.derived_importance, p.derived_quadrant.as_deref())
    }
}

fn battery_mean(batteries: &[BatteryView], code: &str) -> Option<f64> {
    batteries.iter().find(|b| b.battery == code).and_then(|b| b.mean)
}

/// Every chart of the report, in document order, with its data table.
pub fn figures(report: &AnalysisReport, lang: Lang) -> Vec<Figure> {
    let l = lang.labels();
    let mut out = Vec::new();
    let groups: Vec<String> = report.dimensions.iter().map(|d| d.name(lang.code()).to_owned()).collect();
    let scale = (f64::from(report.instrument.scale_min), f64::from(report.instrument.scale_max));

    // Means per dimension (E vs P, or A, D, P).
    {
        let id = "chart-dimension-means";
        let series: Vec<(String, &'static str)> = report
            .instrument
            .batteries
            .iter()
            .map(|b| (lang.battery(b).to_owned(), battery_colour(b)))
            .collect();
        let rows: Vec<MeansRow> = report
            .charts
            .dimension_means
            .iter()
            .map(|d| MeansRow {
                label: report.dimension_name(&d.dimension, lang.code()).to_owned(),
                values: d.means.clone(),
            })
            .collect();
        let names: Vec<&str> = report.instrument.batteries.iter().map(|b| lang.battery(b)).collect();
        let (title, description) = match lang {
            Lang::En => (
                format!("{} by dimension", names.join(" vs ")),
                format!(
                    "Horizontal bars: the mean of each battery for each of the {} dimensions, on the {}–{} answer scale.",
                    report.dimensions.len(),
                    report.instrument.scale_min,
                    report.instrument.scale_max
                ),
            ),
            Lang::Pl => (
                format!("{} według wymiarów", names.join(" i ")),
                format!(
                    "Poziome słupki: średnia każdej baterii w każdym z wymiarów ({}), na skali odpowiedzi {}–{}.",
                    report.dimensions.len(),
                    report.instrument.scale_min,
                    report.instrument.scale_max
                ),
            ),
        };
        let chart = MeansChart {
            text: text(lang, id, title.clone(), description),
            series,
            rows,
            scale,
            axis_title: format!(
                "{} ({}–{})",
                l.axis_mean_rating, report.instrument.scale_min, report.instrument.scale_max
            ),
        };
        let mut header = vec![l.col_dimension.to_owned()];
        header.extend(report.instrument.batteries.iter().map(|b| lang.battery(b).to_owned()));
        let table = DataTable {
            caption: &title,
            header,
            rows: report
                .dimensions
                .iter()
                .map(|d| {
                    let mut row = vec![d.name(lang.code()).to_owned()];
                    row.extend(
                        report
                            .instrument
                            .batteries
                            .iter()
                            .map(|b| lang.num(battery_mean(&d.batteries, b), 2)),
                    );
                    row
                })
                .collect(),
            text_columns: vec![0],
        };
        out.push(Figure { id: id.to_owned(), svg: means_chart(&chart), table: table.html() });
    }

    // Segments (with `--by`): each segment's mean per dimension.
    if let Some(segments) = &report.segments {
        out.extend(segments::segment_figures(report, segments, lang));
    }

    // Item gaps per comparison, sorted, with CIs.
    for series in &report.charts.item_gaps {
        let comparison = &series.measure;
        let id = format!("chart-item-gaps-{comparison}");
        let rows: Vec<GapRow> = series
            .points
            .iter()
            .map(|p| GapRow {
                label: p.item.clone(),
                group: dimension_index(report, &p.dimension),
                mean: p.mean,
                ci: p.ci,
            })
            .collect();
        let name = lang.comparison(comparison);
        let ci_label = lang.ci_label(report.method.confidence);
        let (title, description) = match lang {
            Lang::En => (
                format!("{name} by item, largest shortfall first"),
                format!(
                    "Horizontal bars: the mean {} of each of the {} items with its {ci_label}, sorted from the most negative; colour shows the dimension.",
                    lang.comparison_short(comparison),
                    rows.len()
                ),
            ),
            Lang::Pl => (
                format!("{name} według pozycji, od największego niedoboru"),
                format!(
                    "Poziome słupki: średnia wartość ({}) każdej z pozycji ({}) z {ci_label}, od najbardziej ujemnej; kolor oznacza wymiar.",
                    lang.comparison_short(comparison),
                    rows.len()
                ),
            ),
        };
        let axis_title = match lang {
            Lang::En => format!("{name}, scale points"),
            Lang::Pl => format!("{name}, punkty skali"),
        };
        let chart = ItemGapChart {
            text: text(lang, &id, title.clone(), description),
            rows: rows.clone(),
            groups: groups.clone(),
            axis_title,
            ci_label: format!("{ci_label} ({})", l.legend_ci),
        };
        let table = DataTable {
            caption: &title,
            header: vec![
                l.col_item.to_owned(),
                l.col_dimension.to_owned(),
                l.col_mean.to_owned(),
                ci_label.clone(),
                l.col_p_holm.to_owned(),
            ],
            rows: series
                .points
                .iter()
                .map(|p| {
                    vec![
                        p.item.clone(),
                        dimension_name(report, &p.dimension, lang).to_owned(),
                        lang.num(Some(p.mean), 2),
                        lang.interval(p.ci, 2),
                        lang.p(p.p_holm),
                    ]
                })
                .collect(),
            text_columns: vec![0, 1],
        };
        out.push(Figure { id, svg: item_gap_chart(&chart), table: table.html() });
    }

    // IPA, by stated and by derived importance.
    if let Some(ipa) = &report.ipa {
        for series in report.charts.ipa.iter().filter(|s| !s.points.is_empty()) {
            let basis = series.basis.as_str();
            let cut = series.importance_cut;
            let id = format!("chart-ipa-{basis}");
            let stated = basis == "stated";
            let points: Vec<svg::IpaPoint> = series
                .points
                .iter()
                .map(|p| svg::IpaPoint {
                    label: p.item.clone(),
                    group: dimension_index(report, &p.dimension),
                    performance: p.performance,
                    importance: p.importance,
                })
                .collect();
            let (y_title, basis_name) = if basis == "stated" {
                (analysis_notes::stated_axis(lang), l.stated)
            } else {
                (l.axis_derived_importance, l.derived)
            };
            let (title, description) = match lang {
                Lang::En => (
                    format!("Importance–performance grid ({basis_name})"),
                    format!(
                        "Scatter plot of {} items: mean perception on the horizontal axis, {basis_name} on the vertical axis; dashed crosshairs at performance {} and importance {} divide the four quadrants.",
                        points.len(),
                        lang.num(Some(ipa.performance_cut), 2),
                        lang.num(Some(cut), 2)
                    ),
                ),
                Lang::Pl => (
                    format!("Siatka ważności i wykonania ({basis_name})"),
                    format!(
                        "Wykres punktowy pozycji ({}): średnia percepcja na osi poziomej, {basis_name} na osi pionowej; przerywane osie podziału w punktach wykonanie {} i ważność {} wyznaczają cztery ćwiartki.",
                        points.len(),
                        lang.num(Some(ipa.performance_cut), 2),
                        lang.num(Some(cut), 2)
                    ),
                ),
            };
            let chart = IpaChart {
                text: text(lang, &id, title.clone(), description),
                points,
                groups: groups.clone(),
                crosshairs: (ipa.performance_cut, cut),
                quadrants: [l.quadrant_a, l.quadrant_b, l.quadrant_c, l.quadrant_d].map(str::to_owned),
                axis_titles: (l.axis_performance.to_owned(), y_title.to_owned()),
                crosshair_label: l.crosshair.to_owned(),
            };
            let digits = if basis == "stated" { 1 } else { 2 };
            let table = DataTable {
                caption: &title,
                header: vec![
                    l.col_item.to_owned(),
                    l.col_dimension.to_owned(),
                    l.col_performance.to_owned(),
                    if basis == "stated" { l.col_importance_stated } else { l.col_importance_derived }
                        .to_owned(),
                    l.col_quadrant.to_owned(),
                ],
                rows: ipa
                    .points
                    .iter()
                    .map(|p| {
                        let dim =
                            report.items.iter().find(|i| i.id == p.item).map_or("", |i| i.dimension.as_str());
                        let (importance, quadrant) = ipa_pick(p, stated);
                        vec![
                            p.item.clone(),
                            dimension_name(report, dim, lang).to_owned(),
                            lang.num(Some(p.performance), 2),
                            lang.num(importance, digits),
                            quadrant.map_or_else(|| "–".to_owned(), |q| format!("{q}: {}", lang.quadrant(q))),
                        ]
                    })
                    .collect(),
                text_columns: vec![0, 1, 4],
            };
            out.push(Figure { id, svg: ipa_chart(&chart), table: table.html() });
        }
    }

    // Zone of tolerance (three-column data only).
    if report.instrument.batteries.iter().any(|x| x == "A")
        && report.instrument.batteries.iter().any(|x| x == "D")
    {
        let id = "chart-zone-of-tolerance";
        let rows: Vec<ZotRow> = report
            .charts
            .zone_of_tolerance
            .iter()
            .map(|z| ZotRow {
                label: z.item.clone(),
                minimum: z.minimum,
                desired: z.desired,
                perceived: z.perceived,
            })
            .collect();
        let (title, description) = match lang {
            Lang::En => (
                "Zone of tolerance by item".to_owned(),
                format!(
                    "For each of the {} items, a band from the mean minimum level to the mean desired level, and a diamond at the mean perception; a diamond left of its band marks service below the minimum.",
                    rows.len()
                ),
            ),
            Lang::Pl => (
                "Strefa tolerancji według pozycji".to_owned(),
                format!(
                    "Dla każdej z pozycji ({}) pasek od średniego poziomu minimalnego do średniego poziomu pożądanego i romb w miejscu średniej percepcji; romb na lewo od paska oznacza usługę poniżej minimum.",
                    rows.len()
                ),
            ),
        };
        let chart = ZotChart {
            text: text(lang, id, title.clone(), description),
            rows,
            scale,
            axis_title: format!(
                "{} ({}–{})",
                l.axis_mean_rating, report.instrument.scale_min, report.instrument.scale_max
            ),
            legend: (l.legend_zone.to_owned(), l.legend_perceived.to_owned()),
        };
        let table = DataTable {
            caption: &title,
            header: vec![
                l.col_item.to_owned(),
                lang.battery("A").to_owned(),
                lang.battery("D").to_owned(),
                lang.battery("P").to_owned(),
                l.col_below.to_owned(),
                l.col_inside.to_owned(),
                l.col_above.to_owned(),
            ],
            rows: report
                .items
                .iter()
                .map(|it| {
                    let mut row = vec![
                        it.id.clone(),
                        lang.num(battery_mean(&it.batteries, "A"), 2),
                        lang.num(battery_mean(&it.batteries, "D"), 2),
                        lang.num(battery_mean(&it.batteries, "P"), 2),
                    ];
                    match &it.zone {
                        Some(z) => row.extend(
                            [z.below_share, z.inside_share, z.above_share].map(|s| lang.percent_or_dash(s)),
                        ),
                        None => row.extend(["–".to_owned(), "–".to_owned(), "–".to_owned()]),
                    }
                    row
                })
                .collect(),
            text_columns: vec![0],
        };
        out.push(Figure { id: id.to_owned(), svg: zot_chart(&chart), table: table.html() });
    }

    // Distribution of the respondents' overall score.
    for dist in &report.charts.distributions {
        let id = format!("chart-distribution-{}", dist.measure);
        let bins: Vec<Bin> =
            dist.bins.iter().map(|b| Bin { from: b.from, to: b.to, count: b.count }).collect();
        let total = dist.respondents;
        let mean = dist.mean;
        let name = lang.comparison(&dist.measure);
        let (title, description, x_title) = match lang {
            Lang::En => (
                format!("Respondents’ overall {} score", lang.comparison_short(&dist.measure)),
                format!(
                    "Histogram of {total} respondents’ overall scores (the mean of their dimension scores) in bins of 0.25 scale points, with a dashed line at zero and a solid line at the mean {}.",
                    lang.num(mean, 2)
                ),
                format!("{name}: respondent’s mean over dimensions"),
            ),
            Lang::Pl => (
                format!("Ogólny wynik respondentów: {}", lang.comparison_short(&dist.measure)),
                format!(
                    "Histogram wyników ogólnych ({}; średnia z wyników w wymiarach) w przedziałach co 0,25 punktu skali, z linią przerywaną w zerze i linią ciągłą w średniej {}.",
                    lang.respondents(total),
                    lang.num(mean, 2)
                ),
                format!("{name}: średnia respondenta z wymiarów"),
            ),
        };
        let chart = DistributionChart {
            text: text(lang, &id, title.clone(), description),
            bins: bins.clone(),
            mean,
            axis_titles: (x_title, l.axis_respondents.to_owned()),
            legend: ("0".to_owned(), format!("{} ({})", l.legend_mean, lang.num(mean, 2))),
        };
        let table = DataTable {
            caption: &title,
            header: vec![l.col_bin.to_owned(), l.col_respondents.to_owned()],
            rows: bins
                .iter()
                .map(|b| {
                    vec![
                        format!("{} … {}", lang.num(Some(b.from), 2), lang.num(Some(b.to), 2)),
                        b.count.to_string(),
                    ]
                })
                .collect(),
            text_columns: vec![],
        };
        out.push(Figure { id, svg: distribution_chart(&chart), table: table.html() });
    }
    out
}

fn comparison_header(lang: Lang, report: &AnalysisReport) -> Vec<String> {
    let l = lang.labels();
    let mut header = Vec::new();
    let multiple = report.instrument.comparisons.len() > 1;
    for c in &report.instrument.comparisons {
        let short = lang.comparison_short(c);
        let tag = |s: &str| if multiple { format!("{s} {short}") } else { s.to_owned() };
        header.push(if multiple { short.to_owned() } else { lang.comparison(c).to_owned() });
        header.push(tag(&lang.ci_label(report.method.confidence)));
        header.push(tag("t"));
        header.push(tag(l.col_p_holm));
        header.push(tag(l.col_wilcoxon_p_holm));
        header.push(tag("d_z"));
    }
    header
}

fn comparison_cells(lang: Lang, comparisons: &[ComparisonView]) -> Vec<String> {
    let mut cells = Vec::new();
    for x in comparisons {
        cells.push(lang.num(x.mean, 2));
        cells.push(lang.interval(x.ci, 2));
        cells.push(lang.num(x.t.as_ref().map(|t| t.t), 2));
        cells.push(lang.p(x.t.as_ref().and_then(|t| t.p_holm)));
        cells.push(lang.p(x.wilcoxon.as_ref().and_then(|w| w.p_holm)));
        cells.push(lang.num(x.cohen_dz, 2));
    }
    cells
}

/// Renders the complete, self-contained HTML document in `lang`.
pub fn render_html(report: &AnalysisReport, lang: Lang) -> String {
    let l = lang.labels();
    let figures = figures(report, lang);
    let mut out = String::new();
    let instrument_title = report.instrument.title_in(lang.code());
    let title = format!("{}: {}", l.report_title, instrument_title);
    page_start(&mut out, lang, &report.servgap_version, &title, l.skip_to_summary, "");

    // Title and file.
    let _ = writeln!(
        out,
        "<header class=\"report\">\n<h1><span class=\"kicker\">{}</span>{}</h1>\n<dl class=\"meta\">",
        escape(l.report_title),
        escape(instrument_title)
    );
    let meta = [
        (l.file, report.input.path.clone().unwrap_or_else(|| report.input.file.clone())),
        (
            l.col_respondents,
            format!(
                "{} {}; {} {}",
                report.input.rows, l.rows_read, report.respondents.fully_covered, l.fully_covered
            ),
        ),
        (l.format_label, lang.format(&report.instrument.format).to_owned()),
        (l.scale_label, format!("{}–{}", report.instrument.scale_min, report.instrument.scale_max)),
        (l.generated_by, format!("servgap {} ({})", &report.servgap_version, report.schema)),
    ];
    for (k, v) in meta {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    }
    out.push_str("</dl>\n</header>\n");

    // Table of contents.
    let has_zot = figures.iter().any(|f| f.id == "chart-zone-of-tolerance");
    let has_ipa = figures.iter().any(|f| f.id.starts_with("chart-ipa-"))
        || report
            .ipa
            .as_ref()
            .is_some_and(|i| i.stated_importance_cut.is_some() || i.derived_importance_cut.is_some());
    let has_gaps = !report.instrument.comparisons.is_empty();
    let has_distribution = figures.iter().any(|f| f.id.starts_with("chart-distribution-"));
    let mut toc: Vec<(&str, &str)> =
        vec![("summary", l.h_summary), ("overall", l.h_overall), ("dimensions", l.h_dimensions)];
    if report.segments.is_some() {
        toc.push(("segments", lang.compare_labels().h_segments));
    }
    if has_gaps {
        toc.push(("item-gaps", l.h_item_gaps));
    }
    toc.push(("items", l.h_items_by_dimension));
    if has_ipa {
        toc.push(("ipa", l.h_ipa));
    }
    if has_zot {
        toc.push(("zone-of-tolerance", l.h_zot));
    }
    if has_distribution {
        toc.push(("distribution", l.h_distribution));
    }
    toc.extend([
        ("reliability", l.h_reliability),
        ("data-quality", l.h_data_quality),
        ("methods", l.h_methods),
    ]);
    let toc_label = match lang {
        Lang::En => "Contents",
        Lang::Pl => "Spis treści",
    };
    let _ = writeln!(out, "<nav class=\"toc\" aria-label=\"{toc_label}\"><ol>");
    for (id, name) in &toc {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", escape(name));
    }
    out.push_str("</ol></nav>\n");

    summary_section(&mut out, report, lang);
    overall_section(&mut out, report, lang);

    // Dimensions.
    section(&mut out, "dimensions", l.h_dimensions);
    paragraph(&mut out, l.dimensions_intro);
    figure(&mut out, &figures, "chart-dimension-means", l);
    dimension_table(&mut out, report, lang);
    out.push_str("</section>\n");

    if let Some(segments) = &report.segments {
        segments::segments_section(&mut out, report, segments, &figures, lang);
    }

    if has_gaps {
        section(&mut out, "item-gaps", l.h_item_gaps);
        paragraph(&mut out, l.item_gaps_intro);
        for c in &report.instrument.comparisons {
            figure(&mut out, &figures, &format!("chart-item-gaps-{c}"), l);
        }
        out.push_str("</section>\n");
    }

    items_section(&mut out, report, lang);

    if has_ipa {
        section(&mut out, "ipa", l.h_ipa);
        paragraph(&mut out, l.ipa_intro);
        if let Some(ipa) = &report.ipa {
            paragraph(&mut out, &analysis_notes::ipa_notes(lang, ipa));
        }
        for basis in ["stated", "derived"] {
            let id = format!("chart-ipa-{basis}");
            if figures.iter().any(|f| f.id == id) {
                let name = if basis == "stated" { l.stated } else { l.derived };
                let mut heading = name.to_owned();
                if let Some(first) = heading.get(..1) {
                    heading = format!("{}{}", first.to_uppercase(), &heading[1..]);
                }
                let _ = writeln!(out, "<h3>{}</h3>", escape(&heading));
                figure(&mut out, &figures, &id, l);
            }
        }
        out.push_str("</section>\n");
    }

    if has_zot {
        section(&mut out, "zone-of-tolerance", l.h_zot);
        paragraph(&mut out, l.zot_intro);
        figure(&mut out, &figures, "chart-zone-of-tolerance", l);
        out.push_str("</section>\n");
    }

    if has_distribution {
        section(&mut out, "distribution", l.h_distribution);
        paragraph(&mut out, l.distribution_intro);
        for d in &report.score_distributions {
            figure(&mut out, &figures, &format!("chart-distribution-{}", d.comparison), l);
        }
        out.push_str("</section>\n");
    }

    reliability_section(&mut out, report, lang);
    data_quality_section(&mut out, report, lang);
    methods_section(&mut out, report, lang);

    let _ = writeln!(
        out,
        "<footer><p>servgap {} · {} · {}</p></footer>\n</main>\n</body>\n</html>",
        escape(&report.servgap_version),
        escape(&report.schema),
        escape(&report.input.file)
    );
    name_table_boxes(out)
}

fn summary_section(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    section(out, "summary", l.h_summary);
    // Key numbers.
    out.push_str("<div class=\"cards\">\n");
    let card = |out: &mut String, label: &str, value: String, detail: String| {
        let _ = writeln!(
            out,
            "<div class=\"card\"><span class=\"label\">{}</span><span class=\"value\">{}</span><span class=\"detail\">{}</span></div>",
            escape(label),
            escape(&value),
            escape(&detail)
        );
    };
    for o in &report.overall {
        if o.aggregation == "mean-of-dimensions" {
            continue;
        }
        let label = match &o.comparison {
            Some(c) => format!("{} · {}", lang.comparison(c), lang.aggregation(&o.aggregation)),
            None => format!("{} · {}", l.score_servperf, lang.aggregation(&o.aggregation)),
        };
        let detail = o
            .ci
            .map(|ci| format!("{} {}", lang.ci_label(report.method.confidence), lang.interval(Some(ci), 2)));
        card(out, &label, lang.num(o.mean, 2), detail.unwrap_or_default());
    }
    card(
        out,
        l.col_respondents,
        report.respondents.fully_covered.to_string(),
        format!("{} {}", report.input.rows, l.rows_read),
    );
    out.push_str("</div>\n");

    let all = sentences(report, lang);
    let (warnings, findings): (Vec<_>, Vec<_>) = all.iter().partition(|s| s.warning);
    let _ = writeln!(out, "<h3>{}</h3>", escape(l.h_findings));
    if findings.is_empty() {
        paragraph(out, l.no_findings);
    } else {
        out.push_str("<ul class=\"findings\">\n");
        for s in findings {
            let _ = writeln!(out, "<li>{}</li>", escape(&s.text));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(out, "<h3>{}</h3>", escape(l.h_warnings));
    if warnings.is_empty() {
        paragraph(out, l.no_warnings);
    } else {
        out.push_str("<ul class=\"findings warnings\">\n");
        for s in warnings {
            let _ = writeln!(out, "<li>{}</li>", escape(&s.text));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn overall_section(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    section(out, "overall", l.h_overall);
    let table = DataTable {
        caption: l.h_overall,
        header: vec![
            l.col_score.to_owned(),
            l.col_aggregation.to_owned(),
            "n".to_owned(),
            l.col_mean.to_owned(),
            l.col_sd.to_owned(),
            lang.ci_label(report.method.confidence),
            "t".to_owned(),
            "p".to_owned(),
        ],
        rows: report
            .overall
            .iter()
            .map(|o| {
                vec![
                    match &o.comparison {
                        Some(c) => format!("{} {}", l.score_servqual, lang.comparison(c)),
                        None => l.score_servperf.to_owned(),
                    },
                    lang.aggregation(&o.aggregation).to_owned(),
                    o.n.to_string(),
                    lang.num(o.mean, 3),
                    lang.num(o.sd, 3),
                    lang.interval(o.ci, 2),
                    lang.num(o.t.as_ref().map(|t| t.t), 2),
                    lang.p(o.t.as_ref().map(|t| t.p)),
                ]
            })
            .collect(),
        text_columns: vec![0, 1],
    };
    table.render(out);
    out.push_str("</section>\n");
}

fn dimension_table(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    let mut header = vec![l.col_dimension.to_owned(), "n".to_owned()];
    header.extend(report.instrument.batteries.iter().map(|b| b.to_string()));
    header.extend(comparison_header(lang, report));
    if report.instrument.importance {
        header.push(l.col_points.to_owned());
    }
    let rows = report
        .ranked_dimensions()
        .into_iter()
        .map(|d| {
            let mut row = vec![d.name(lang.code()).to_owned(), d.n.to_string()];
            row.extend(d.batteries.iter().map(|b| lang.num(b.mean, 2)));
            row.extend(comparison_cells(lang, &d.comparisons));
            if report.instrument.importance {
                row.push(lang.num(d.importance_points, 1));
            }
            row
        })
        .collect();
    DataTable { caption: l.h_dimensions_sorted, header, rows, text_columns: vec![0] }.render(out);
}

fn items_section(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    section(out, "items", l.h_items_by_dimension);
    for d in report.ranked_dimensions() {
        let _ = writeln!(out, "<h3>{}</h3>", escape(d.name(lang.code())));
        let items: Vec<&ItemView> =
            report.ranked_items(None).into_iter().filter(|i| i.dimension == d.id).collect();
        let caption = format!("{} — {}", d.name(lang.code()), l.items_sorted_suffix);
        table_start(out, &caption, "");
        let mut header = vec![l.col_item.to_owned(), l.col_statement.to_owned(), "n".to_owned()];
        header.extend(report.instrument.batteries.iter().map(|b| b.to_string()));
        header.extend(comparison_header(lang, report));
        out.push_str("<thead><tr>");
        for (i, h) in header.iter().enumerate() {
            let class = if i < 2 { "" } else { " class=\"num\"" };
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for it in items {
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}</th><td class=\"statement\">{}</td><td class=\"num\">{}</td>",
                escape(&it.id),
                escape(it.text(lang.code())),
                it.n
            );
            let mut cells: Vec<String> = it.batteries.iter().map(|b| lang.num(b.mean, 2)).collect();
            cells.extend(comparison_cells(lang, &it.comparisons));
            for cell in cells {
                let _ = write!(out, "<td class=\"num\">{}</td>", escape(&cell));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str("</section>\n");
}

/// A coefficient, with ▼ when the view model flags it (the core's threshold).
fn flagged(lang: Lang, value: Option<f64>, low: bool) -> String {
    if low {
        format!("{} ▼", lang.num(value, 2))
    } else {
        lang.num(value, 2)
    }
}

fn reliability_section(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    section(out, "reliability", l.h_reliability);
    paragraph(out, &format!("{} (▼ = {})", l.reliability_intro, l.below_threshold_note));
    let mut rows = Vec::new();
    let dims = report.dimensions.iter().map(|d| (d.name(lang.code()), &d.reliability));
    for (name, scales) in dims.chain(std::iter::once((l.whole_instrument, &report.reliability))) {
        for r in scales {
            let scale_label = if r.scale.len() == 1 {
                lang.battery(&r.scale).to_owned()
            } else {
                lang.comparison(&r.scale).to_owned()
            };
            rows.push(vec![
                name.to_owned(),
                if scale_label.is_empty() { r.scale.clone() } else { scale_label },
                r.n.to_string(),
                r.k.to_string(),
                match &r.suppressed {
                    Some(reason) => analysis_notes::suppressed(lang, reason),
                    None => flagged(lang, r.alpha, r.low),
                },
                lang.interval(r.alpha_ci, 2),
                lang.num(r.standardized_alpha, 2),
            ]);
        }
    }
    DataTable {
        caption: "Cronbach α",
        header: vec![
            l.col_dimension.to_owned(),
            l.col_scale.to_owned(),
            "n".to_owned(),
            "k".to_owned(),
            "α".to_owned(),
            format!("{} (Feldt)", lang.ci_label(report.method.confidence)),
            match lang {
                Lang::En => "standardised α".to_owned(),
                Lang::Pl => "α standaryzowana".to_owned(),
            },
        ],
        rows,
        text_columns: vec![0, 1],
    }
    .render(out);
    let diff_rows: Vec<Vec<String>> = report
        .dimensions
        .iter()
        .flat_map(|d| {
            d.difference_scores.iter().map(move |x| {
                vec![
                    d.name(lang.code()).to_owned(),
                    lang.comparison(&x.comparison).to_owned(),
                    x.n.to_string(),
                    analysis_notes::r_dd(lang, x),
                    lang.num(x.r_px, 2),
                    lang.num(x.r_diff_p, 2),
                    lang.num(x.r_diff_x, 2),
                ]
            })
        })
        .collect();
    if !diff_rows.is_empty() {
        let caption = match lang {
            Lang::En => "Difference-score reliability (Peter, Churchill & Brown 1993)",
            Lang::Pl => "Rzetelność wyniku różnicowego (Peter, Churchill i Brown 1993)",
        };
        let ([r_px, r_dp, r_dx], note) = lang.difference_headers(&report.instrument.comparisons);
        let caption = match note {
            Some(note) => format!("{caption}; {note}"),
            None => caption.to_owned(),
        };
        DataTable {
            caption: &caption,
            header: vec![
                l.col_dimension.to_owned(),
                l.col_scale.to_owned(),
                "n".to_owned(),
                l.col_r_dd.to_owned(),
                r_px,
                r_dp,
                r_dx,
            ],
            rows: diff_rows,
            text_columns: vec![0, 1],
        }
        .render(out);
    }
    out.push_str("</section>\n");
}

fn data_quality_section(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    section(out, "data-quality", l.h_data_quality);
    findings_table(out, &report.input.findings, l.h_data_quality, lang);
    out.push_str("</section>\n");
}

fn methods_section(out: &mut String, report: &AnalysisReport, lang: Lang) {
    let l = lang.labels();
    section(out, "methods", l.h_methods);
    for (heading, text) in crate::i18n::methods::paragraphs(report, lang) {
        let _ = writeln!(out, "<h3>{}</h3>", escape(heading));
        paragraph(out, &text);
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use crate::svg::colour;

    #[test]
    fn dimension_colours_come_from_the_palette() {
        assert_eq!(colour(0), "#0072B2");
        assert_eq!(colour(7), "#0072B2");
    }
}
