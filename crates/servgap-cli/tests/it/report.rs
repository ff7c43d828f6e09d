//! Snapshots of the readable reports (issue 3): the HTML document, the Markdown
//! and each SVG chart of the demo surveys, through the library pipeline.
//! Review changes with `cargo insta review`; the output must stay deterministic.

use servgap_pipeline::{analyze, compare, no_progress, AnalyzeRequest, CompareRequest, SurveySource};
use servgap_report::render::html::figures;
use servgap_report::{render_html, render_markdown, AnalysisReport, Lang};

use crate::repo;

/// The request the CLI builds for `servgap analyze FILE --instrument INSTRUMENT`.
fn demo_request(file: &str, instrument: &str) -> AnalyzeRequest {
    let mut source = SurveySource::new(repo().join(file));
    source.instrument = instrument.to_owned();
    AnalyzeRequest::new(source)
}

/// The view model of `request` through the pipeline, in `lang`. The reader line names the
/// thread count, which depends on the machine's cores; it is left out of the snapshots.
fn snapshot_report(request: &AnalyzeRequest) -> AnalysisReport {
    let mut outcome = analyze(request, &no_progress).unwrap();
    outcome.input.reader.clear();
    outcome.report()
}

/// The demo file analysed with default options, as the CLI does, in `lang`.
pub fn demo_report(file: &str, instrument: &str) -> AnalysisReport {
    snapshot_report(&demo_request(file, instrument))
}

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const DEMO_3COL: &str = "examples/demo/servqual22-3col-demo.csv";

fn two_column() -> AnalysisReport {
    demo_report(DEMO, "servqual22")
}

fn three_column() -> AnalysisReport {
    demo_report(DEMO_3COL, "servqual22-3col")
}

#[test]
fn html_report_of_the_demo() {
    insta::assert_snapshot!("demo.html", render_html(&two_column(), Lang::En));
}

#[test]
fn html_report_of_the_demo_in_polish() {
    insta::assert_snapshot!("demo-pl.html", render_html(&two_column(), Lang::Pl));
}

#[test]
fn markdown_report_of_the_demo_has_findings_and_methods() {
    let en = render_markdown(&two_column(), Lang::En);
    assert!(en.contains("## Summary of findings") && en.contains("## Methods appendix"));
    insta::assert_snapshot!("demo.md", en);
    let pl = render_markdown(&two_column(), Lang::Pl);
    assert!(pl.contains("## Podsumowanie wyników") && pl.contains("## Aneks metodologiczny"));
    insta::assert_snapshot!("demo-pl.md", pl);
}

#[test]
fn each_chart_of_the_demo() {
    let figures = figures(&two_column(), Lang::En);
    let ids: Vec<&str> = figures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "chart-dimension-means",
            "chart-item-gaps-gap",
            "chart-ipa-stated",
            "chart-ipa-derived",
            "chart-distribution-gap"
        ]
    );
    for f in &figures {
        assert!(f.svg.contains(&format!("aria-labelledby=\"{0}-title {0}-desc\"", f.id)), "{}", f.id);
        assert!(f.table.contains("<caption>"), "{} has a text alternative", f.id);
        insta::assert_snapshot!(format!("{}.svg", f.id), f.svg);
    }
}

#[test]
fn zone_of_tolerance_chart_of_the_three_column_demo() {
    let report = three_column();
    let figures = figures(&report, Lang::En);
    let zot = figures.iter().find(|f| f.id == "chart-zone-of-tolerance").unwrap();
    insta::assert_snapshot!("chart-zone-of-tolerance.svg", zot.svg);
    // Two-column data has no zone of tolerance.
    assert!(!figures_of_two_column_have_zot());
}

fn figures_of_two_column_have_zot() -> bool {
    figures(&two_column(), Lang::En).iter().any(|f| f.id == "chart-zone-of-tolerance")
}

#[test]
fn rendering_is_deterministic_and_escapes_data() {
    let mut report = two_column();
    report.items[0].texts.0.insert("en".to_owned(), "<script>alert(\"x\")</script> & co".to_owned());
    let a = render_html(&report, Lang::En);
    assert_eq!(a, render_html(&report, Lang::En));
    assert!(!a.contains("<script>"));
    assert!(a.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"));
    // Self-contained: no external resources, no scripts.
    assert!(!a.contains("src=") && !a.contains("<link") && !a.contains("<script") && !a.contains("url("));
}

const WAVE2: &str = "examples/demo/servqual22-wave2-demo.csv";

/// The demo analysed `--by branch`, as the CLI does.
pub fn by_branch() -> AnalysisReport {
    let mut request = demo_request(DEMO, "servqual22");
    request.segment_by = Some("branch".to_owned());
    snapshot_report(&request)
}

/// The `<section id="…">` of a page, up to its closing tag.
fn section_of<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section id=\"{id}\"")).unwrap();
    let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
    &html[start..end]
}

#[test]
fn segments_section_of_the_demo_by_branch() {
    // Issue 3: segments in the HTML report.
    let report = by_branch();
    let html = render_html(&report, Lang::En);
    assert!(html.contains("<li><a href=\"#segments\">Segments</a></li>"), "in the table of contents");
    let section = section_of(&html, "segments");
    assert!(section.contains("Reliability, Empathy, Tangibles, Assurance and Responsiveness"), "{section}");
    insta::assert_snapshot!("segments-section.html", section);
    let figures = figures(&report, Lang::En);
    let chart = figures.iter().find(|f| f.id == "chart-segments-gap").unwrap();
    assert!(chart.table.contains("<caption>Gap (P − E) by branch</caption>"));
    for colour in &servgap_report::svg::PALETTE[..3] {
        assert!(chart.svg.contains(&format!("fill=\"{colour}\"")), "segment colour {colour}");
    }
    insta::assert_snapshot!("chart-segments-gap.svg", chart.svg);
    // Without --by the report is exactly the single-survey report (snapshot `demo.html`).
    assert!(!render_html(&two_column(), Lang::En).contains("id=\"segments\""));

    let pl = render_html(&by_branch(), Lang::Pl);
    let section = section_of(&pl, "segments");
    assert!(section.contains("<h2 id=\"segments-h\">Segmenty: branch</h2>"), "{section}");
    assert!(section.contains("w 5 z 5 wymiarów"), "{section}");
    assert!(section.contains("ANOVA Welcha: p &lt; 0,001"), "{section}");
}

/// The two demo waves compared, as `servgap compare` does.
pub fn demo_waves() -> servgap_report::WaveReport {
    let request =
        CompareRequest::new(SurveySource::new(repo().join(DEMO)), SurveySource::new(repo().join(WAVE2)));
    compare(&request, &no_progress).unwrap().report()
}

#[test]
fn wave_comparison_page_of_the_demo() {
    // Issue 3: `servgap compare -f html`.
    let report = demo_waves();
    let html = servgap_report::render_waves_html(&report, Lang::En);
    assert_eq!(html, servgap_report::render_waves_html(&report, Lang::En), "deterministic");
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"));
    assert!(html.contains("<td class=\"verdict v-improved\">▲ improved</td>"));
    assert!(html.contains("<td class=\"verdict v-worsened\">▼ worsened</td>"));
    assert!(html.contains("Improved: Reliability (+0.50, 95\u{a0}% CI (simultaneous) "), "{html}");
    insta::assert_snapshot!("compare.html", html);
    let figures = servgap_report::render::waves_html::wave_figures(&report, Lang::En);
    let ids: Vec<&str> = figures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["chart-waves-gap", "chart-waves-batteries"]);
    for f in &figures {
        assert!(f.svg.contains(&format!("aria-labelledby=\"{0}-title {0}-desc\"", f.id)), "{}", f.id);
        assert!(f.table.contains("<caption>"), "{} has a text alternative", f.id);
        insta::assert_snapshot!(format!("{}.svg", f.id), f.svg);
    }
}

#[test]
fn wave_comparison_page_in_polish() {
    let html = servgap_report::render_waves_html(&demo_waves(), Lang::Pl);
    assert!(html.contains("<html lang=\"pl\">"));
    assert!(html.contains("<td class=\"verdict v-worsened\">▼ pogorszenie</td>"));
    assert!(
        html.contains("Pogorszenie: Empatia (−0,31, 95% PU (równoczesny) od −0,"),
        "decimal comma: {html}"
    );
    insta::assert_snapshot!("compare-pl.html", html);
}

#[test]
fn wave_comparison_escapes_file_names() {
    let mut report = demo_waves();
    report.waves[0].file = "<b>wave & \"one\"</b>.csv".to_owned();
    report.dimensions[0].names.0.insert("en".to_owned(), "<i>Tangibles</i>".to_owned());
    let html = servgap_report::render_waves_html(&report, Lang::En);
    assert!(!html.contains("<b>wave") && !html.contains("<i>Tangibles"));
    assert!(html.contains("&lt;b&gt;wave &amp; &quot;one&quot;&lt;/b&gt;.csv"));
}
