//! Snapshots of the readable reports (issue 3): the HTML document, the Markdown
//! and each SVG chart of the demo surveys, through the library pipeline.
//! Review changes with `cargo insta review`; the output must stay deterministic.

use servgap_core::instrument::Instrument;
use servgap_core::servqual::AnalysisOptions;
use servgap_ingest::{plan, scan, ScanOptions, Source};
use servgap_report::html::figures;
use servgap_report::{render_html, render_markdown, AnalysisReport, InputSummary};

use crate::repo;

/// The demo file analysed with default options, as the CLI would, in `lang`.
pub fn demo_report(file: &str, instrument: Instrument, lang: &str) -> AnalysisReport {
    let source = Source::new(repo().join(file));
    let plan = plan(&source, &instrument, None).unwrap();
    let scanned = scan(&source, &instrument, &plan, &ScanOptions::default(), &|_, _| {}).unwrap();
    let analysis = scanned.total.finish(&AnalysisOptions::default());
    let findings = servgap_cli_findings(&scanned, &plan, &instrument);
    let input = InputSummary {
        file: file.to_owned(),
        reader: Vec::new(),
        rows: scanned.rows,
        findings,
        strict: false,
    };
    AnalysisReport::new(&instrument, &analysis, input, lang)
}

/// The validation findings as the CLI reports them (rule, count, earliest examples).
fn servgap_cli_findings(
    scanned: &servgap_ingest::Scan,
    plan: &servgap_ingest::ColumnPlan,
    instrument: &Instrument,
) -> Vec<servgap_report::RuleFindings> {
    servgap_core::servqual::Rule::ALL
        .iter()
        .filter(|rule| scanned.findings.count(**rule) > 0)
        .map(|&rule| servgap_report::RuleFindings {
            rule: rule.id().to_owned(),
            requirement: rule.requirement().to_owned(),
            action: rule.default_action().to_owned(),
            count: scanned.findings.count(rule),
            examples: scanned
                .findings
                .samples(rule)
                .iter()
                .take(3)
                .map(|f| {
                    let r = servgap_ingest::describe_finding(&scanned.path, plan, instrument, f);
                    servgap_report::FindingExample { row: r.row, column: r.column, value: r.value }
                })
                .collect(),
        })
        .collect()
}

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const DEMO_3COL: &str = "examples/demo/servqual22-3col-demo.csv";

fn two_column(lang: &str) -> AnalysisReport {
    demo_report(DEMO, servgap_core::builtin::servqual22(), lang)
}

fn three_column() -> AnalysisReport {
    demo_report(DEMO_3COL, servgap_core::builtin::servqual22_three_column(), "en")
}

#[test]
fn html_report_of_the_demo() {
    insta::assert_snapshot!("demo.html", render_html(&two_column("en")));
}

#[test]
fn html_report_of_the_demo_in_polish() {
    insta::assert_snapshot!("demo-pl.html", render_html(&two_column("pl")));
}

#[test]
fn markdown_report_of_the_demo_has_findings_and_methods() {
    let en = render_markdown(&two_column("en"));
    assert!(en.contains("## Summary of findings") && en.contains("## Methods appendix"));
    insta::assert_snapshot!("demo.md", en);
    let pl = render_markdown(&two_column("pl"));
    assert!(pl.contains("## Podsumowanie wyników") && pl.contains("## Aneks metodologiczny"));
    insta::assert_snapshot!("demo-pl.md", pl);
}

#[test]
fn each_chart_of_the_demo() {
    let figures = figures(&two_column("en"));
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
    let figures = figures(&report);
    let zot = figures.iter().find(|f| f.id == "chart-zone-of-tolerance").unwrap();
    insta::assert_snapshot!("chart-zone-of-tolerance.svg", zot.svg);
    // Two-column data has no zone of tolerance.
    assert!(!figures_of_two_column_have_zot());
}

fn figures_of_two_column_have_zot() -> bool {
    figures(&two_column("en")).iter().any(|f| f.id == "chart-zone-of-tolerance")
}

#[test]
fn rendering_is_deterministic_and_escapes_data() {
    let mut report = two_column("en");
    report.items[0].text = "<script>alert(\"x\")</script> & co".to_owned();
    let a = render_html(&report);
    assert_eq!(a, render_html(&report));
    assert!(!a.contains("<script>"));
    assert!(a.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"));
    // Self-contained: no external resources, no scripts.
    assert!(!a.contains("src=") && !a.contains("<link") && !a.contains("<script") && !a.contains("url("));
}
