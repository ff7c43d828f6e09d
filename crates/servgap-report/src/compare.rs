//! View models and text/Markdown/JSON renderings of segment and wave comparisons.
//!
//! Segments are part of the analysis report ([`AnalysisReport::with_segments`], JSON
//! field `segments`); a wave comparison is its own document ([`WaveReport`], schema
//! [`COMPARE_SCHEMA`]). Core types are converted field by field, as in [`crate::model`].

use std::fmt::Write as _;

use serde::Serialize;
use servgap_core::instrument::Instrument;
use servgap_core::servqual::{
    BatteryStats, Change, ComparisonStats, Measure, Scope, ScoreSummary, SegmentComparison, WaveComparison,
    WaveSide, MIN_SEGMENT_N,
};

use crate::model::{AnalysisReport, BatteryView, InstrumentView, RuleFindings};

/// Identifier of the wave-comparison JSON layout.
pub const COMPARE_SCHEMA: &str = "servgap.compare/1";

/// Stable id of a measure: `gap`, `msa`, `mss`, or `perceived`.
fn measure_id(m: Measure) -> &'static str {
    m.map_or("perceived", |c| c.id())
}

fn battery_views(stats: &[BatteryStats]) -> Vec<BatteryView> {
    stats.iter().map(|b| BatteryView { battery: b.battery.code(), mean: b.mean, sd: b.sd }).collect()
}

fn scope_names(instrument: &Instrument, scope: Scope, language: &str) -> (&'static str, String, String) {
    match scope {
        Scope::Item(i) => {
            let item = &instrument.items()[i];
            ("item", item.id.clone(), item.text.get(language).unwrap_or("").to_owned())
        }
        Scope::Dimension(d) => {
            let dim = &instrument.dimensions()[d];
            ("dimension", dim.id.clone(), dim.name.get(language).unwrap_or(&dim.id).to_owned())
        }
        Scope::Overall => ("overall", "overall".to_owned(), "Overall (unweighted)".to_owned()),
    }
}

// ------------------------------------------------------------------ segments: view model

/// Segments of a survey, their gap tables and the tests across them.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentsView {
    /// The segment column.
    pub column: String,
    /// Segments with fewer scored respondents than this are reported but not tested.
    pub min_segment_n: u64,
    /// The tests, in words.
    pub method: &'static str,
    /// Per segment, in order of the segment value.
    pub segments: Vec<SegmentView>,
    /// Per measure: each dimension, then the overall score.
    pub tests: Vec<SegmentTestView>,
    /// Chart data: per measure and scope, each segment's mean and confidence interval.
    pub chart: Vec<SegmentSeriesView>,
}

/// One segment's gap table.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    /// Segment value (`""` for a blank cell).
    pub name: String,
    /// Respondents read.
    pub respondents: u64,
    /// Respondents scored on every dimension.
    pub fully_covered: u64,
    /// Per dimension.
    pub dimensions: Vec<SegmentRowView>,
    /// Per item.
    pub items: Vec<SegmentRowView>,
}

/// A dimension or an item within a segment.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentRowView {
    /// Dimension or item id.
    pub id: String,
    /// Respondents counted.
    pub n: u64,
    /// Per battery.
    pub batteries: Vec<BatteryView>,
    /// Per comparison.
    pub comparisons: Vec<SegmentGapView>,
}

/// A comparison's mean within a segment, with the paired t test against 0.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentGapView {
    /// `gap`, `msa` or `mss`.
    pub comparison: &'static str,
    /// Mean difference.
    pub mean: Option<f64>,
    /// SD of the differences.
    pub sd: Option<f64>,
    /// Confidence interval of the mean.
    pub ci: Option<[f64; 2]>,
    /// Paired t p-value.
    pub p: Option<f64>,
    /// Holm-adjusted p within the segment (over items, or over dimensions).
    pub p_holm: Option<f64>,
}

/// One segment's share of a test.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentGroupView {
    /// Segment value.
    pub segment: String,
    /// Respondents with the score.
    pub n: u64,
    /// Mean score.
    pub mean: Option<f64>,
    /// SD of the score.
    pub sd: Option<f64>,
    /// Whether the segment entered the tests.
    pub tested: bool,
}

/// Classic one-way ANOVA.
#[derive(Debug, Clone, Serialize)]
pub struct AnovaView {
    /// F.
    pub f: f64,
    /// Between-groups df.
    pub df1: f64,
    /// Within-groups df.
    pub df2: f64,
    /// p.
    pub p: f64,
    /// η².
    pub eta_squared: f64,
}

/// Welch's ANOVA.
#[derive(Debug, Clone, Serialize)]
pub struct WelchAnovaView {
    /// F*.
    pub f: f64,
    /// k − 1.
    pub df1: f64,
    /// Welch's denominator df.
    pub df2: f64,
    /// p.
    pub p: f64,
    /// Holm-adjusted p over the dimensions (absent for the overall score).
    pub p_holm: Option<f64>,
}

/// Kruskal–Wallis test.
#[derive(Debug, Clone, Serialize)]
pub struct KruskalView {
    /// Tie-corrected H.
    pub h: f64,
    /// k − 1.
    pub df: f64,
    /// p.
    pub p: f64,
    /// Holm-adjusted p over the dimensions (absent for the overall score).
    pub p_holm: Option<f64>,
    /// ε² = H/(N − 1).
    pub epsilon_squared: f64,
}

/// Tests of one measure on one dimension (or the overall score) across segments.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentTestView {
    /// `dimension` or `overall`.
    pub scope: &'static str,
    /// Dimension id, or `overall`.
    pub id: String,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: &'static str,
    /// Per segment.
    pub groups: Vec<SegmentGroupView>,
    /// Classic one-way ANOVA.
    pub anova: Option<AnovaView>,
    /// Welch's ANOVA.
    pub welch_anova: Option<WelchAnovaView>,
    /// Kruskal–Wallis.
    pub kruskal_wallis: Option<KruskalView>,
}

/// Chart series: one measure on one dimension (or overall), every segment.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentSeriesView {
    /// `dimension` or `overall`.
    pub scope: &'static str,
    /// Dimension id, or `overall`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Comparison id.
    pub measure: &'static str,
    /// Per segment.
    pub points: Vec<SegmentPointView>,
}

/// One segment's point on a chart.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentPointView {
    /// Segment value.
    pub segment: String,
    /// Respondents.
    pub n: u64,
    /// Mean.
    pub mean: Option<f64>,
    /// Confidence interval of the mean (paired t, within the segment).
    pub ci: Option<[f64; 2]>,
}

fn gap_view(c: &ComparisonStats) -> SegmentGapView {
    SegmentGapView {
        comparison: c.comparison.id(),
        mean: c.mean,
        sd: c.sd,
        ci: c.t_test.map(|t| [t.ci_low, t.ci_high]),
        p: c.t_test.map(|t| t.p),
        p_holm: c.t_p_holm,
    }
}

fn group_view(segment: &str, g: &ScoreSummary, tested: bool) -> SegmentGroupView {
    SegmentGroupView { segment: segment.to_owned(), n: g.n, mean: g.mean, sd: g.sd, tested }
}

impl SegmentsView {
    /// Converts a core segment comparison; `column` is the segment column's header.
    pub fn new(
        instrument: &Instrument,
        comparison: &SegmentComparison,
        column: &str,
        language: &str,
    ) -> Self {
        let names: Vec<&str> = comparison.segments.iter().map(|s| s.name.as_str()).collect();
        let segments = comparison
            .segments
            .iter()
            .map(|s| SegmentView {
                name: s.name.clone(),
                respondents: s.respondents,
                fully_covered: s.analysis.fully_covered,
                dimensions: s
                    .analysis
                    .dimensions
                    .iter()
                    .map(|d| SegmentRowView {
                        id: d.id.clone(),
                        n: d.n,
                        batteries: battery_views(&d.batteries),
                        comparisons: d.comparisons.iter().map(gap_view).collect(),
                    })
                    .collect(),
                items: s
                    .analysis
                    .items
                    .iter()
                    .map(|i| SegmentRowView {
                        id: i.id.clone(),
                        n: i.n,
                        batteries: battery_views(&i.batteries),
                        comparisons: i.comparisons.iter().map(gap_view).collect(),
                    })
                    .collect(),
            })
            .collect();
        let tests = comparison
            .tests
            .iter()
            .map(|t| {
                let (scope, id, _) = scope_names(instrument, t.scope, language);
                SegmentTestView {
                    scope,
                    id,
                    measure: measure_id(t.measure),
                    groups: t
                        .groups
                        .iter()
                        .zip(&t.tested)
                        .zip(&names)
                        .map(|((g, &tested), name)| group_view(name, g, tested))
                        .collect(),
                    anova: t.anova.map(|a| AnovaView {
                        f: a.f,
                        df1: a.df_between,
                        df2: a.df_within,
                        p: a.p,
                        eta_squared: a.eta_squared,
                    }),
                    welch_anova: t.welch.map(|w| WelchAnovaView {
                        f: w.f,
                        df1: w.df1,
                        df2: w.df2,
                        p: w.p,
                        p_holm: t.welch_p_holm,
                    }),
                    kruskal_wallis: t.kruskal.map(|k| KruskalView {
                        h: k.h,
                        df: k.df,
                        p: k.p,
                        p_holm: t.kruskal_p_holm,
                        epsilon_squared: k.epsilon_squared,
                    }),
                }
            })
            .collect();
        let chart = comparison
            .tests
            .iter()
            .filter_map(|t| {
                let c = t.measure?;
                let (scope, id, name) = scope_names(instrument, t.scope, language);
                let points = comparison
                    .segments
                    .iter()
                    .map(|s| {
                        let (n, mean, ci) = match t.scope {
                            Scope::Dimension(d) => {
                                let dim = &s.analysis.dimensions[d];
                                let stats = dim.comparisons.iter().find(|x| x.comparison == c);
                                (
                                    dim.n,
                                    stats.and_then(|x| x.mean),
                                    stats.and_then(|x| x.t_test).map(|t| [t.ci_low, t.ci_high]),
                                )
                            }
                            _ => {
                                let o = s.analysis.overall.iter().find(|o| {
                                    o.comparison == Some(c)
                                        && o.kind == servgap_core::servqual::OverallKind::Unweighted
                                });
                                (
                                    o.map_or(0, |o| o.n),
                                    o.and_then(|o| o.mean),
                                    o.and_then(|o| o.t_test).map(|t| [t.ci_low, t.ci_high]),
                                )
                            }
                        };
                        SegmentPointView { segment: s.name.clone(), n, mean, ci }
                    })
                    .collect();
                Some(SegmentSeriesView { scope, id, name, measure: c.id(), points })
            })
            .collect();
        SegmentsView {
            column: column.to_owned(),
            min_segment_n: MIN_SEGMENT_N,
            method:
                "per dimension and the unweighted overall score, on respondent-level scores: Welch's ANOVA \
                     (unequal variances), classic one-way ANOVA, and Kruskal-Wallis with tie correction; \
                     Welch and Kruskal-Wallis p Holm-adjusted over the dimensions; segments with fewer than \
                     2 scored respondents are shown but not tested",
            segments,
            tests,
            chart,
        }
    }
}

impl AnalysisReport {
    /// Adds the segment comparison to the report (JSON field `segments`).
    pub fn with_segments(mut self, segments: SegmentsView) -> Self {
        self.segments = Some(segments);
        self
    }
}

// ------------------------------------------------------------------ waves: view model

/// Where one wave came from.
#[derive(Debug, Clone, Serialize)]
pub struct WaveInputView {
    /// File name as given.
    pub file: String,
    /// Data rows read.
    pub rows: u64,
    /// Findings of the validation rules.
    pub findings: Vec<RuleFindings>,
}

/// How a wave comparison is computed, in words.
#[derive(Debug, Clone, Serialize)]
pub struct WaveMethodView {
    /// Confidence level of every interval.
    pub confidence: f64,
    /// The test.
    pub test: &'static str,
    /// The verdict rule.
    pub verdict: &'static str,
    /// Multiplicity adjustment.
    pub adjustment: &'static str,
}

/// One wave's side of a change.
#[derive(Debug, Clone, Serialize)]
pub struct WaveSideView {
    /// Respondents with the score.
    pub n: u64,
    /// Mean of the measure.
    pub mean: Option<f64>,
    /// SD of the measure.
    pub sd: Option<f64>,
    /// Per battery (trend chart).
    pub batteries: Vec<BatteryView>,
}

/// The change of one measure between waves.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// `item`, `dimension` or `overall`.
    pub scope: &'static str,
    /// Item or dimension id, or `overall`.
    pub id: String,
    /// Item text or dimension name.
    pub name: String,
    /// Dimension id of an item.
    pub dimension: Option<String>,
    /// `gap`, `msa`, `mss` or `perceived`.
    pub measure: &'static str,
    /// The first wave.
    pub before: WaveSideView,
    /// The second wave.
    pub after: WaveSideView,
    /// after − before.
    pub change: Option<f64>,
    /// Standard error of the change.
    pub se: Option<f64>,
    /// Confidence interval of the change.
    pub ci: Option<[f64; 2]>,
    /// Welch's t.
    pub t: Option<f64>,
    /// Welch–Satterthwaite df.
    pub df: Option<f64>,
    /// Two-sided p.
    pub p: Option<f64>,
    /// Holm-adjusted p (over items, or over dimensions).
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p.
    pub p_bh: Option<f64>,
    /// `improved`, `worsened`, `unchanged` or `not-tested`.
    pub verdict: &'static str,
}

/// A wave comparison report (schema [`COMPARE_SCHEMA`]).
#[derive(Debug, Clone, Serialize)]
pub struct WaveReport {
    /// Always [`COMPARE_SCHEMA`].
    pub schema: &'static str,
    /// servgap version.
    pub servgap_version: &'static str,
    /// Language of the texts.
    pub language: String,
    /// The instrument.
    pub instrument: InstrumentView,
    /// The first wave.
    pub before: WaveInputView,
    /// The second wave.
    pub after: WaveInputView,
    /// How it was computed.
    pub method: WaveMethodView,
    /// Per measure, the unweighted overall score.
    pub overall: Vec<ChangeView>,
    /// Per measure, per dimension.
    pub dimensions: Vec<ChangeView>,
    /// Per measure, per item.
    pub items: Vec<ChangeView>,
}

fn side_view(side: &WaveSide) -> WaveSideView {
    WaveSideView {
        n: side.score.n,
        mean: side.score.mean,
        sd: side.score.sd,
        batteries: battery_views(&side.batteries),
    }
}

fn change_view(instrument: &Instrument, c: &Change, language: &str) -> ChangeView {
    let (scope, id, name) = scope_names(instrument, c.scope, language);
    ChangeView {
        scope,
        id,
        name,
        dimension: match c.scope {
            Scope::Item(i) => Some(instrument.dimensions()[instrument.items()[i].dimension].id.clone()),
            _ => None,
        },
        measure: measure_id(c.measure),
        before: side_view(&c.before),
        after: side_view(&c.after),
        change: c.difference(),
        se: c.welch.map(|w| w.se),
        ci: c.welch.map(|w| [w.ci_low, w.ci_high]),
        t: c.welch.map(|w| w.t),
        df: c.welch.map(|w| w.df),
        p: c.welch.map(|w| w.p),
        p_holm: c.p_holm,
        p_bh: c.p_bh,
        verdict: c.verdict.id(),
    }
}

impl WaveReport {
    /// Builds the view of a wave comparison.
    pub fn new(
        instrument: &Instrument,
        comparison: &WaveComparison,
        before: WaveInputView,
        after: WaveInputView,
        language: &str,
    ) -> Self {
        let convert =
            |changes: &[Change]| changes.iter().map(|c| change_view(instrument, c, language)).collect();
        WaveReport {
            schema: COMPARE_SCHEMA,
            servgap_version: env!("CARGO_PKG_VERSION"),
            language: language.to_owned(),
            instrument: InstrumentView {
                id: instrument.id().to_owned(),
                title: instrument.title().get(language).unwrap_or(instrument.id()).to_owned(),
                format: instrument.format().id(),
                scale_min: instrument.scale().min(),
                scale_max: instrument.scale().max(),
                batteries: instrument.batteries().iter().map(|b| b.code()).collect(),
                comparisons: servgap_core::servqual::Comparison::for_format(instrument.format())
                    .iter()
                    .map(|c| c.id())
                    .collect(),
                importance: instrument.has_importance(),
            },
            before,
            after,
            method: WaveMethodView {
                confidence: comparison.options.confidence,
                test:
                    "independent samples: Welch's t on respondent-level scores (items: pairwise; dimensions: \
                       mean of the respondent's valid items; overall: respondents scored on every dimension)",
                verdict:
                    "improved when the confidence interval of after - before lies above 0, worsened when \
                          it lies below 0, unchanged otherwise (unadjusted interval); higher P - X is better",
                adjustment: "Holm and Benjamini-Hochberg over the items and, separately, over the dimensions",
            },
            overall: convert(&comparison.overall),
            dimensions: convert(&comparison.dimensions),
            items: convert(&comparison.items),
        }
    }
}

// ------------------------------------------------------------------ rendering

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Terminal,
    Markdown,
}

fn num(value: Option<f64>, digits: usize) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.digits$}"),
        _ => "–".to_owned(),
    }
}

fn p_value(value: Option<f64>) -> String {
    match value {
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        Some(p) => format!("{p:.3}"),
        None => "–".to_owned(),
    }
}

fn interval(value: Option<[f64; 2]>) -> String {
    match value {
        Some([a, b]) => format!("[{a:.2}, {b:.2}]"),
        None => "–".to_owned(),
    }
}

fn heading(flavour: Flavour, level: usize, text: &str, out: &mut String) {
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "\n{} {text}\n", "#".repeat(level));
        }
        Flavour::Terminal => {
            let underline = if level <= 2 { "=" } else { "-" };
            let _ = writeln!(out, "\n{text}\n{}", underline.repeat(text.chars().count()));
        }
    }
}

/// Writes a table; the first column is left-aligned, the others right-aligned.
fn table(flavour: Flavour, header: &[String], rows: &[Vec<String>], out: &mut String) {
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "| {} |", header.join(" | "));
            let rule: Vec<&str> = (0..header.len()).map(|i| if i == 0 { "---" } else { "---:" }).collect();
            let _ = writeln!(out, "|{}|", rule.join("|"));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        Flavour::Terminal => {
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    rows.iter()
                        .chain(std::iter::once(&header.to_vec()))
                        .map(|r| r[i].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| {
                let parts: Vec<String> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let pad = " ".repeat(widths[i].saturating_sub(c.chars().count()));
                        if i == 0 {
                            format!("{c}{pad}")
                        } else {
                            format!("{pad}{c}")
                        }
                    })
                    .collect();
                format!("  {}", parts.join("  ").trim_end())
            };
            let _ = writeln!(out, "{}", line(header));
            for row in rows {
                let _ = writeln!(out, "{}", line(row));
            }
        }
    }
}

fn segment_label(name: &str) -> String {
    if name.is_empty() {
        "(blank)".to_owned()
    } else {
        name.to_owned()
    }
}

fn render_segments(view: &SegmentsView, flavour: Flavour) -> String {
    let mut out = String::new();
    heading(flavour, 2, &format!("Segments by {}", view.column), &mut out);
    let _ = writeln!(out, "{}.", view.method);
    // Per measure: one table of dimension means by segment, with the tests.
    let measures: Vec<&'static str> = {
        let mut m: Vec<&'static str> = view.tests.iter().map(|t| t.measure).collect();
        m.dedup();
        m
    };
    for measure in measures {
        heading(flavour, 3, &format!("Mean {measure} by segment, and tests across segments"), &mut out);
        let mut header = vec!["Dimension".to_owned()];
        header.extend(
            view.segments.iter().map(|s| format!("{} (n={})", segment_label(&s.name), s.respondents)),
        );
        header.extend([
            "Welch F".to_owned(),
            "p".to_owned(),
            "p Holm".to_owned(),
            "K-W H".to_owned(),
            "p".to_owned(),
            "p Holm".to_owned(),
        ]);
        let rows: Vec<Vec<String>> = view
            .tests
            .iter()
            .filter(|t| t.measure == measure)
            .map(|t| {
                let mut row = vec![t.id.clone()];
                row.extend(t.groups.iter().map(|g| {
                    let mark = if g.tested { "" } else { " *" };
                    format!("{}{mark}", num(g.mean, 2))
                }));
                let w = t.welch_anova.as_ref();
                let k = t.kruskal_wallis.as_ref();
                row.extend([
                    num(w.map(|w| w.f), 2),
                    p_value(w.map(|w| w.p)),
                    p_value(w.and_then(|w| w.p_holm)),
                    num(k.map(|k| k.h), 2),
                    p_value(k.map(|k| k.p)),
                    p_value(k.and_then(|k| k.p_holm)),
                ]);
                row
            })
            .collect();
        table(flavour, &header, &rows, &mut out);
    }
    if view.tests.iter().any(|t| t.groups.iter().any(|g| !g.tested)) {
        let _ = writeln!(out, "\n* fewer than {} scored respondents: not tested.", view.min_segment_n);
    }
    out
}

/// The segment section as terminal text (appended to [`crate::render_text`]'s output).
pub fn render_segments_text(view: &SegmentsView) -> String {
    render_segments(view, Flavour::Terminal)
}

/// The segment section as Markdown (appended to [`crate::render_markdown`]'s output).
pub fn render_segments_markdown(view: &SegmentsView) -> String {
    render_segments(view, Flavour::Markdown)
}

fn change_table(rows: &[ChangeView], first: &str, flavour: Flavour, out: &mut String) {
    let header: Vec<String> =
        [first, "n before", "before", "n after", "after", "change", "CI", "p", "p Holm", "verdict"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            let label = if c.measure == "gap" { c.id.clone() } else { format!("{} ({})", c.id, c.measure) };
            vec![
                label,
                c.before.n.to_string(),
                num(c.before.mean, 2),
                c.after.n.to_string(),
                num(c.after.mean, 2),
                num(c.change, 2),
                interval(c.ci),
                p_value(c.p),
                p_value(c.p_holm),
                c.verdict.to_owned(),
            ]
        })
        .collect();
    table(flavour, &header, &body, out);
}

fn render_waves(report: &WaveReport, flavour: Flavour) -> String {
    let mut out = String::new();
    let title = format!("Wave comparison: {}", report.instrument.title);
    match flavour {
        Flavour::Markdown => {
            let _ = writeln!(out, "# {title}");
        }
        Flavour::Terminal => {
            let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
        }
    }
    let _ = writeln!(out, "\nBefore: {} ({} rows)", report.before.file, report.before.rows);
    let _ = writeln!(out, "After:  {} ({} rows)", report.after.file, report.after.rows);
    for (label, input) in [("before", &report.before), ("after", &report.after)] {
        let flagged: u64 = input.findings.iter().map(|f| f.count).sum();
        if flagged > 0 {
            let _ = writeln!(
                out,
                "Data quality ({label}): {flagged} finding(s), handled by the missing-data policy."
            );
        }
    }
    let level = (report.method.confidence * 100.0).round();
    let _ = writeln!(out, "\nMethod: {}.", report.method.test);
    let _ = writeln!(out, "Verdict: {}; CI = {level:.0} % interval.", report.method.verdict);
    let _ = writeln!(out, "Adjustment: {}.", report.method.adjustment);
    heading(flavour, 2, "Overall score", &mut out);
    change_table(&report.overall, "Score", flavour, &mut out);
    heading(flavour, 2, "Dimensions", &mut out);
    change_table(&report.dimensions, "Dimension", flavour, &mut out);
    heading(flavour, 2, "Items", &mut out);
    change_table(&report.items, "Item", flavour, &mut out);
    out
}

/// A wave comparison as terminal text.
pub fn render_waves_text(report: &WaveReport) -> String {
    render_waves(report, Flavour::Terminal)
}

/// A wave comparison as Markdown.
pub fn render_waves_markdown(report: &WaveReport) -> String {
    render_waves(report, Flavour::Markdown)
}

/// A wave comparison as pretty-printed JSON, with a trailing newline.
///
/// # Errors
/// Only if serialisation fails (it does not for these types).
pub fn render_waves_json(report: &WaveReport) -> Result<String, serde_json::Error> {
    crate::pretty_json(report)
}

#[cfg(test)]
mod tests;
