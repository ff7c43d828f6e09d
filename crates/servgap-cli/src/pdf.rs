//! `--format pdf`: prints the HTML report to PDF with headless Chromium.
//!
//! Chromium is looked up as `SERVGAP_CHROMIUM` (a path), then `chromium`,
//! `chromium-browser` and `google-chrome` on `PATH`. The HTML is written to a
//! temporary folder with a fresh browser profile; Chromium runs with the flags
//! that keep it off the network, under a timeout, and its output must start with
//! `%PDF` before it is written (atomically) where the user asked.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::output::Destination;

/// Message when no browser is found.
pub const MISSING: &str =
    "PDF output needs Chromium: install the Debian package `chromium` (apt-get install chromium) or set SERVGAP_CHROMIUM";

/// How long Chromium may take to print.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Names tried on `PATH`, in order.
const NAMES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// Finds a Chromium executable: `SERVGAP_CHROMIUM` if it names a file, else the first of [`NAMES`] on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SERVGAP_CHROMIUM").map(PathBuf::from) {
        if path.is_file() {
            return Some(path);
        }
    }
    let dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    NAMES.iter().flat_map(|name| dirs.iter().map(move |d| d.join(name))).find(|p| p.is_file())
}

/// The command-line flags for a headless, offline Chromium with its own profile.
pub fn headless_flags(profile: &Path) -> Vec<OsString> {
    let mut flags: Vec<OsString> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    let mut dir = OsString::from("--user-data-dir=");
    dir.push(profile);
    flags.push(dir);
    flags
}

/// Prints `html` to PDF and writes it to `destination`.
pub fn write_pdf(html: &str, destination: &Destination) -> anyhow::Result<()> {
    let chromium = find_chromium().context(MISSING)?;
    let dir = tempfile::tempdir().context("cannot create a temporary folder for the PDF")?;
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).with_context(|| format!("cannot write {}", page.display()))?;
    let pdf = dir.path().join("report.pdf");
    let mut print_to = OsString::from("--print-to-pdf=");
    print_to.push(&pdf);
    let mut url = OsString::from("file://");
    url.push(&page);

    // Chromium's messages go to a file: a full pipe would stall it.
    let log_path = dir.path().join("chromium.log");
    let log = std::fs::File::create(&log_path).context("cannot create the chromium log")?;
    let mut child = Command::new(&chromium)
        .args(headless_flags(&dir.path().join("profile")))
        .arg("--no-pdf-header-footer")
        .arg(print_to)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot start {}", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().context("cannot wait for chromium")? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            anyhow::bail!(
                "{} did not finish printing the PDF within {} s",
                chromium.display(),
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
    let bytes = std::fs::read(&pdf).ok().filter(|b| b.starts_with(b"%PDF"));
    let Some(bytes) = bytes else {
        let last = stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("no message");
        anyhow::bail!("{} did not produce a PDF ({status}): {last}", chromium.display());
    };
    destination.write(&bytes)
}
