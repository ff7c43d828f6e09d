//! The HTML report in a real browser (issue 3): headless Chromium renders the demo
//! report; the screenshot must show the charts (palette colours, not blank) and
//! the DOM must hold the key headings. Also `--format pdf` and its error without
//! Chromium. Chromium (Debian package `chromium`) is required: `.ci/run` installs it,
//! and without it these tests fail rather than skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::repo;

const DEMO: &str = "examples/demo/servqual22-demo.csv";

fn chromium() -> PathBuf {
    let found = ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")
            .and_then(|p| std::env::split_paths(&p).map(|d| d.join(name)).find(|p| p.is_file()))
    });
    found.expect(
        "headless Chromium not found: install the Debian package `chromium` (apt-get install chromium); \
         .ci/run installs it",
    )
}

pub(crate) fn headless(profile: &Path) -> Command {
    // The same offline, headless flags as the PDF printer, plus no scrollbars in screenshots.
    let mut command = Command::new(chromium());
    command.args(servgap_pipeline::pdf::headless_flags(profile)).arg("--hide-scrollbars");
    command
}

fn servgap(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_servgap")).args(args).current_dir(repo()).output().unwrap()
}

/// Writes the demo report as HTML into `dir` and returns its path.
fn demo_html(dir: &Path, lang: &str) -> PathBuf {
    let page = dir.join(format!("report-{lang}.html"));
    let out = servgap(&["analyze", DEMO, "--format", "html", "--lang", lang, "-o", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    page
}

struct Screenshot {
    width: usize,
    height: usize,
    rgb: Vec<[u8; 3]>,
}

impl Screenshot {
    fn take(page: &Path, dir: &Path, height: u32) -> Self {
        let png = dir.join("shot.png");
        let out = headless(&dir.join("profile-shot"))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("--window-size=1280,{height}"))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(png.is_file(), "no screenshot: {}", String::from_utf8_lossy(&out.stderr));
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.color_type.samples();
        assert!(channels >= 3, "unexpected PNG colour type {:?}", info.color_type);
        let rgb = buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
        Self { width: info.width as usize, height: info.height as usize, rgb }
    }

    /// Pixels within a small distance of `colour`.
    fn count_near(&self, colour: [u8; 3]) -> usize {
        self.rgb
            .iter()
            .filter(|p| p.iter().zip(colour).all(|(a, b)| (i16::from(*a) - i16::from(b)).abs() <= 6))
            .count()
    }

    /// Rows (of 40 px bands) that contain any of `colour`.
    fn bands_with(&self, colour: [u8; 3]) -> usize {
        (0..self.height / 40)
            .filter(|band| {
                let rows = &self.rgb[band * 40 * self.width..(band + 1) * 40 * self.width];
                rows.iter()
                    .any(|p| p.iter().zip(colour).all(|(a, b)| (i16::from(*a) - i16::from(b)).abs() <= 6))
            })
            .count()
    }
}

fn hex(colour: &str) -> [u8; 3] {
    let v = u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap();
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

#[test]
fn html_report_renders_its_charts_and_headings_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let page = demo_html(dir.path(), "en");
    let shot = Screenshot::take(&page, dir.path(), 11_000);
    assert_eq!(shot.width, 1280);

    // Every dimension colour of the Okabe–Ito palette appears, in quantity: the
    // means, item-gap, IPA and distribution charts were painted, not left blank.
    for colour in &servgap_report::svg::PALETTE[..5] {
        let n = shot.count_near(hex(colour));
        assert!(n > 400, "palette colour {colour} covers only {n} pixels: a chart did not render");
    }
    // Blue (expectations, Tangibles, histogram bars) appears in many separate bands down the page.
    assert!(shot.bands_with(hex("#0072B2")) > 20, "charts missing further down the page");
    // Not blank overall: plenty of non-white pixels.
    let ink = shot.rgb.iter().filter(|p| p.iter().any(|&c| c < 200)).count();
    assert!(ink > 150_000, "only {ink} non-white pixels");

    let dom = headless(&dir.path().join("profile-dom"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    for heading in [
        "Summary of findings",
        "Overall scores",
        "Dimensions",
        "Item gaps",
        "Items by dimension",
        "Importance–performance analysis",
        "Distribution of respondents’ overall scores",
        "Reliability",
        "Data quality",
        "Methods appendix",
    ] {
        assert!(
            dom.contains(&format!(">{heading}</h2>")),
            "heading `{heading}` missing from the rendered DOM"
        );
    }
    assert!(dom.contains("<html lang=\"en\">"));
    assert_eq!(dom.matches("role=\"img\"").count(), 5, "five charts");
}

#[test]
fn polish_report_renders_with_polish_headings() {
    let dir = tempfile::tempdir().unwrap();
    let page = demo_html(dir.path(), "pl");
    let dom = headless(&dir.path().join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<html lang=\"pl\">"));
    for heading in ["Podsumowanie wyników", "Luki w pozycjach", "Aneks metodologiczny", "Jakość danych"] {
        assert!(dom.contains(&format!(">{heading}</h2>")), "{heading}");
    }
}

#[test]
fn pdf_output_is_printed_by_chromium() {
    chromium();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let out = servgap(&["analyze", DEMO, "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 20_000, "suspiciously small PDF: {} bytes", bytes.len());
}

#[test]
fn pdf_without_chromium_names_the_package_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_servgap"))
        .args(["analyze", DEMO, "--format", "pdf", "-o", pdf.to_str().unwrap()])
        .current_dir(repo())
        .env_remove("SERVGAP_CHROMIUM")
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim().lines().last().unwrap_or_default(),
        "error: PDF output needs Chromium: install the Debian package `chromium` (apt-get install chromium) \
         or set SERVGAP_CHROMIUM to its path"
    );
    assert!(!pdf.exists(), "nothing written");
}

#[test]
fn issue_16_servgap_chromium_naming_a_missing_file_is_an_error_not_a_fallback() {
    // Chromium is on PATH here, so the old silent fallback would have printed a PDF.
    chromium();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let missing = dir.path().join("no-such-browser");
    let out = Command::new(env!("CARGO_BIN_EXE_servgap"))
        .args(["kpi", "examples/kpi/demo-tickets.csv", "--format", "pdf", "-o", pdf.to_str().unwrap()])
        .current_dir(repo())
        .env("SERVGAP_CHROMIUM", &missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim().lines().last().unwrap_or_default(),
        format!(
            "error: SERVGAP_CHROMIUM is set to {}, which is not a file; point it at the Chromium executable or unset it",
            missing.display()
        )
    );
    assert!(!pdf.exists(), "nothing written");
}

#[test]
fn issue_16_kpi_pdf_is_printed_by_chromium() {
    chromium();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("kpi.pdf");
    let out = servgap(&[
        "kpi",
        "examples/kpi/demo-tickets.csv",
        "--calendar",
        "examples/kpi/calendar.toml",
        "--targets",
        "examples/kpi/targets.toml",
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 20_000, "suspiciously small PDF: {} bytes", bytes.len());
}

const WAVE2: &str = "examples/demo/servqual22-wave2-demo.csv";

#[test]
fn wave_comparison_page_renders_its_trend_chart_in_chromium() {
    // Issue 3: `servgap compare -f html` in a real browser.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("compare.html");
    let out = servgap(&["compare", DEMO, WAVE2, "--format", "html", "-o", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let shot = Screenshot::take(&page, dir.path(), 3_000);
    assert_eq!(shot.width, 1280);
    // The trend chart's verdict colours (improved green, worsened vermillion) and the
    // battery colours (E blue, P orange) were painted.
    for colour in ["#009E73", "#D55E00", "#0072B2", "#E69F00"] {
        let n = shot.count_near(hex(colour));
        assert!(n > 60, "colour {colour} covers only {n} pixels: a chart did not render");
    }
    let ink = shot.rgb.iter().filter(|p| p.iter().any(|&c| c < 200)).count();
    assert!(ink > 60_000, "only {ink} non-white pixels");

    let dom = headless(&dir.path().join("profile-dom"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    for heading in [
        "Summary of findings",
        "Change by dimension",
        "Dimensions",
        "Items",
        "Data quality",
        "Methods appendix",
    ] {
        assert!(
            dom.contains(&format!(">{heading}</h2>")),
            "heading `{heading}` missing from the rendered DOM"
        );
    }
    assert_eq!(dom.matches("role=\"img\"").count(), 2, "trend chart and battery chart");
    assert!(dom.contains("▲ improved") && dom.contains("▼ worsened"), "verdicts in words");
}

#[test]
fn segments_section_renders_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("segments.html");
    let out = servgap(&["analyze", DEMO, "--by", "branch", "--format", "html", "-o", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let dom = headless(&dir.path().join("profile-dom"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains(">Segments: branch</h2>"));
    assert!(dom.contains(">Do the segments differ? Tests per dimension</h3>"));
    assert_eq!(
        dom.matches("role=\"img\"").count(),
        7,
        "the five charts, the segment chart and the item × segment heat map (issue 12)"
    );
    assert!(dom.contains("id=\"chart-segments-heatmap-gap-1\""));
}

#[test]
fn wave_comparison_pdf_is_printed_by_chromium() {
    chromium();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("waves.pdf");
    let out =
        servgap(&["compare", DEMO, WAVE2, "--format", "pdf", "--lang", "pl", "-o", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 20_000, "suspiciously small PDF: {} bytes", bytes.len());
}
