//! Study folders on disk: scaffolding a new study (`servgap study init`) and the demo study
//! (`servgap study init --demo`), whose files are built into the library so that a front end
//! needs nothing beside its binary. The diagnosis of a study is [`crate::diagnose()`].
//!
//! The demo study is `examples/study/demo`, written by the seeded
//! `examples/study/make_demo_study.py` (four units, two waves, all five gaps present, some
//! standards missing, one promise broken); `docs/study-format.md` describes the files.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::PipelineError;

/// A file of a study template: its path inside the study folder and its bytes.
pub type TemplateFile = (&'static str, &'static [u8]);

macro_rules! demo_files {
    ($($path:literal),* $(,)?) => {
        [$(($path, include_bytes!(concat!("../../../examples/study/demo/", $path)) as &[u8])),*]
    };
}

/// The files of the demo study, relative to its folder.
pub const DEMO_STUDY: [TemplateFile; 17] = demo_files![
    "study.toml",
    "data/2025-h1/customers.csv",
    "data/2025-h1/managers.csv",
    "data/2025-h1/employees.csv",
    "data/2025-h1/tickets.csv",
    "data/2025-h2/customers.csv",
    "data/2025-h2/managers.csv",
    "data/2025-h2/employees.csv",
    "data/2025-h2/tickets.csv",
    "mappings/management.toml",
    "mappings/scales.toml",
    "helpdesk/calendar.toml",
    "helpdesk/targets.toml",
    "registers/standards.csv",
    "registers/promises.toml",
    "registers/qualitative.toml",
    "registers/feasibility.csv",
];

/// The commented minimal study `servgap study init` writes.
pub const MINIMAL_STUDY: [TemplateFile; 6] = [
    ("study.toml", include_bytes!("../../../examples/study/minimal/study.toml")),
    ("data/2026-q1/README.md", include_bytes!("../../../examples/study/minimal/data/2026-q1/README.md")),
    ("mappings/management.toml", include_bytes!("../../../examples/study/demo/mappings/management.toml")),
    ("mappings/scales.toml", include_bytes!("../../../examples/study/demo/mappings/scales.toml")),
    ("registers/standards.csv", include_bytes!("../../../examples/study/minimal/registers/standards.csv")),
    ("registers/promises.toml", include_bytes!("../../../examples/study/minimal/registers/promises.toml")),
];

/// Writes `files` into the folder `root` (created if missing), refusing to overwrite: a
/// folder that already has a `study.toml` or any of the files is left untouched.
///
/// Returns the paths written.
///
/// # Errors
/// [`PipelineError::StudyInit`] naming the file that exists or cannot be written.
pub fn write_study(root: &Path, files: &[TemplateFile]) -> Result<Vec<PathBuf>, PipelineError> {
    let error = |path: &Path, what: &str, source: std::io::Error| PipelineError::StudyInit {
        what: format!("{what} {}", path.display()),
        source,
    };
    for (relative, _) in files {
        let path = root.join(relative);
        if path.exists() {
            let exists = std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "the file exists; nothing was written",
            );
            return Err(error(&path, "will not overwrite", exists));
        }
    }
    let mut written = Vec::new();
    for (relative, bytes) in files {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| error(parent, "cannot create", e))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| error(&path, "cannot create", e))?;
        file.write_all(bytes).map_err(|e| error(&path, "cannot write", e))?;
        written.push(path);
    }
    Ok(written)
}
