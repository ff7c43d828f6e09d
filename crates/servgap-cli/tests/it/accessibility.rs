//! Accessibility of every HTML page servgap writes (the survey report alone, by
//! segment and across two waves; KPIs; diagnosis, priorities, plan and progress of the
//! demo study): axe-core runs inside headless Chromium on the demo data, in English and Polish, at a desktop and a 390 px phone
//! window, and must report no violations. Chromium (Debian package `chromium`) and
//! axe-core (`SERVGAP_AXE`, or the copy `bash scripts/test` installs with npm) are
//! required: without them these tests fail rather than skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::repo;

const DEMO: &str = "examples/demo/servqual22-demo.csv";
const STUDY: &str = "examples/study/demo";

/// Desktop and phone windows, width × height in CSS pixels.
const WINDOWS: [(u32, u32); 2] = [(1280, 900), (390, 844)];

/// axe.min.js: `SERVGAP_AXE`, else where `scripts/test` installs it.
fn axe_script() -> String {
    let path = match std::env::var_os("SERVGAP_AXE") {
        Some(named) => PathBuf::from(named),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
            .join(".cache/servgap/axe/node_modules/axe-core/axe.min.js"),
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core not found at {} ({e}): run `bash scripts/test` (it installs axe-core with npm \
             and sets SERVGAP_AXE), or point SERVGAP_AXE at axe.min.js",
            path.display()
        )
    })
}

fn chromium() -> PathBuf {
    match servgap_pipeline::pdf::Chromium::find() {
        Ok(found) => found.executable().to_path_buf(),
        Err(e) => panic!(
            "headless Chromium not found ({e}): install the Debian package `chromium` \
             (apt-get install chromium); `bash scripts/test` installs it"
        ),
    }
}

/// Runs `servgap args… --lang lang -f html -o page` from the repository root.
fn write_page(args: &[&str], lang: &str, page: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_servgap"))
        .args(args)
        .args(["--lang", lang, "--format", "html", "-o", page.to_str().unwrap()])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "servgap {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Runs axe in the page after it has loaded; the violations land in `<pre id="axe-result">`.
const RUNNER: &str = r#"<script>
axe.run(document, {resultTypes: ['violations']}).then(function (results) {
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify(results.violations);
  document.body.appendChild(pre);
}, function (error) {
  var pre = document.createElement('pre');
  pre.id = 'axe-result';
  pre.textContent = JSON.stringify({error: String(error)});
  document.body.appendChild(pre);
});
</script>
"#;

/// The page with axe inlined and the runner before `</body>`.
fn instrumented(html: &str, axe: &str) -> String {
    let end = html.rfind("</body>").expect("the page has a </body>");
    format!("{}<script>{axe}</script>\n{RUNNER}{}", &html[..end], &html[end..])
}

/// Loads `page` in headless Chromium at `width`×`height` and returns axe's violations.
fn violations(page: &Path, (width, height): (u32, u32), dir: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "--virtual-time-budget=20000"])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", dir.join(format!("profile-{width}")).display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("<pre id=\"axe-result\">").unwrap_or_else(|| {
        panic!("axe did not finish on {}: {}", page.display(), String::from_utf8_lossy(&out.stderr))
    }) + "<pre id=\"axe-result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end].replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}");
    let json = json.replace("&amp;", "&");
    match serde_json::from_str(&json).unwrap() {
        serde_json::Value::Array(found) => found,
        other => panic!("axe failed on {}: {other}", page.display()),
    }
}

/// One line per violation: rule, impact, help and the first offending element.
fn describe(violation: &serde_json::Value) -> String {
    let target = &violation["nodes"][0]["target"][0];
    format!(
        "{} ({}): {} — first at {target}, {} element(s)",
        violation["id"].as_str().unwrap_or("?"),
        violation["impact"].as_str().unwrap_or("?"),
        violation["help"].as_str().unwrap_or("?"),
        violation["nodes"].as_array().map_or(0, Vec::len),
    )
}

/// Writes the page of `args` in both languages, checks it at both windows, and
/// fails listing every violation found.
fn assert_accessible(name: &str, args: &[&str]) {
    let axe = axe_script();
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for lang in ["en", "pl"] {
        let page = dir.path().join(format!("{name}-{lang}.html"));
        write_page(args, lang, &page);
        let checked = dir.path().join(format!("{name}-{lang}-axe.html"));
        std::fs::write(&checked, instrumented(&std::fs::read_to_string(&page).unwrap(), &axe)).unwrap();
        for window in WINDOWS {
            for violation in violations(&checked, window, dir.path()) {
                problems.push(format!("{name} {lang} {}px: {}", window.0, describe(&violation)));
            }
        }
    }
    assert!(problems.is_empty(), "axe-core violations:\n{}", problems.join("\n"));
}

#[test]
fn analyze_report_has_no_axe_violations() {
    assert_accessible("analyze", &["analyze", DEMO]);
}

#[test]
fn analyze_by_branch_report_has_no_axe_violations() {
    assert_accessible("segments", &["analyze", DEMO, "--by", "branch"]);
}

#[test]
fn compare_report_has_no_axe_violations() {
    assert_accessible("compare", &["compare", DEMO, "examples/demo/servqual22-wave2-demo.csv"]);
}

#[test]
fn kpi_report_has_no_axe_violations() {
    assert_accessible("kpi", &["kpi", "examples/kpi/demo-tickets.csv"]);
}

#[test]
fn diagnose_report_has_no_axe_violations() {
    assert_accessible("diagnose", &["diagnose", STUDY]);
}

#[test]
fn prioritise_report_has_no_axe_violations() {
    assert_accessible("prioritise", &["prioritise", STUDY]);
}

#[test]
fn plan_report_has_no_axe_violations() {
    assert_accessible("plan", &["plan", STUDY]);
}

#[test]
fn progress_report_has_no_axe_violations() {
    assert_accessible("progress", &["progress", STUDY]);
}
