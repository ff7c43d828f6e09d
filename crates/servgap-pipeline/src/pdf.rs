//! PDF: an HTML page printed by headless Chromium, for every front end.
//!
//! Chromium is the executable named by `SERVGAP_CHROMIUM` when that variable is set (and
//! not empty); a value that is not a file is an error naming the variable and the path,
//! never a silent fallback. Otherwise the first of `chromium`, `chromium-browser` and
//! `google-chrome` on `PATH`. The page is written to a fresh temporary folder with its own
//! browser profile; Chromium runs with the flags that keep it off the network, under a
//! timeout, and its output must start with `%PDF`. The bytes are returned, not written:
//! the front end decides where they go.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::PipelineError;

/// The environment variable that names the Chromium executable.
pub const CHROMIUM_VARIABLE: &str = "SERVGAP_CHROMIUM";

/// Names tried on `PATH`, in order.
const NAMES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// How long Chromium may take to print.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A Chromium executable that can print pages to PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chromium {
    executable: PathBuf,
}

impl Chromium {
    /// Finds Chromium from this process's `SERVGAP_CHROMIUM` and `PATH`.
    ///
    /// # Errors
    /// [`PipelineError::ChromiumVariable`] when `SERVGAP_CHROMIUM` names no file;
    /// [`PipelineError::ChromiumMissing`] when neither the variable nor `PATH` gives one.
    pub fn find() -> Result<Chromium, PipelineError> {
        Chromium::find_with(std::env::var_os(CHROMIUM_VARIABLE), std::env::var_os("PATH"))
    }

    /// [`Chromium::find`] with the variable's value and `PATH` given (for tests and servers
    /// with their own settings).
    ///
    /// # Errors
    /// As [`Chromium::find`].
    pub fn find_with(variable: Option<OsString>, path: Option<OsString>) -> Result<Chromium, PipelineError> {
        if let Some(named) = variable.filter(|v| !v.is_empty()).map(PathBuf::from) {
            if !named.is_file() {
                return Err(PipelineError::ChromiumVariable { variable: CHROMIUM_VARIABLE, path: named });
            }
            return Ok(Chromium { executable: named });
        }
        let dirs: Vec<PathBuf> = path.map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
        NAMES
            .iter()
            .flat_map(|name| dirs.iter().map(move |d| d.join(name)))
            .find(|p| p.is_file())
            .map(|executable| Chromium { executable })
            .ok_or(PipelineError::ChromiumMissing)
    }

    /// The executable.
    pub fn executable(&self) -> &Path {
        &self.executable
    }

    /// Prints `html` (a self-contained page) to PDF and returns the PDF's bytes.
    ///
    /// # Errors
    /// [`PipelineError::PdfIo`] when the temporary files cannot be written or Chromium
    /// cannot be started; [`PipelineError::PdfFailed`] when it produces no PDF or times out.
    pub fn print(&self, html: &str) -> Result<Vec<u8>, PipelineError> {
        let dir = tempfile::tempdir().map_err(io("cannot create a temporary folder for the PDF"))?;
        let page = dir.path().join("report.html");
        std::fs::write(&page, html).map_err(io(&format!("cannot write {}", page.display())))?;
        let pdf = dir.path().join("report.pdf");
        let log_path = dir.path().join("chromium.log");
        // Chromium's messages go to a file: a full pipe would stall it.
        let log = std::fs::File::create(&log_path).map_err(io("cannot create the chromium log"))?;
        let mut print_to = OsString::from("--print-to-pdf=");
        print_to.push(&pdf);
        let mut url = OsString::from("file://");
        url.push(&page);
        let mut child = Command::new(&self.executable)
            .args(headless_flags(&dir.path().join("profile")))
            .arg("--no-pdf-header-footer")
            .arg(print_to)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(io(&format!("cannot start {}", self.executable.display())))?;
        let status = self.wait(&mut child)?;
        match std::fs::read(&pdf).ok().filter(|b| b.starts_with(b"%PDF")) {
            Some(bytes) => Ok(bytes),
            None => {
                let messages = std::fs::read_to_string(&log_path).unwrap_or_default();
                let last = messages.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("no message");
                Err(self.failed(format!("{status}: {last}")))
            }
        }
    }

    /// Waits for the browser, killing it after [`TIMEOUT`].
    fn wait(&self, child: &mut std::process::Child) -> Result<std::process::ExitStatus, PipelineError> {
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().map_err(io("cannot wait for chromium"))? {
                return Ok(status);
            }
            if started.elapsed() > TIMEOUT {
                // Best effort: the process may have ended between the two calls.
                let _ = child.kill();
                let _ = child.wait();
                return Err(self.failed(format!("it did not finish within {} s", TIMEOUT.as_secs())));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn failed(&self, reason: String) -> PipelineError {
        PipelineError::PdfFailed { browser: self.executable.clone(), reason }
    }
}

/// The command-line flags for a headless, offline Chromium with its own profile folder.
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

/// Finds Chromium and prints `html` to PDF bytes.
///
/// # Errors
/// As [`Chromium::find`] and [`Chromium::print`].
pub fn print_pdf(html: &str) -> Result<Vec<u8>, PipelineError> {
    Chromium::find()?.print(html)
}

fn io(what: &str) -> impl Fn(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::PdfIo { what: what.to_owned(), source }
}
