//! Writing results: to standard output, or atomically to a file.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

/// Writes `text` to `path` through a temporary file in the same folder and a
/// rename, so a failed run never leaves a half-written file; to stdout when `None`.
pub fn write_output(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    write_bytes(path, text.as_bytes())
}

/// [`write_output`] for binary content (PDF).
pub fn write_bytes(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(bytes).context("cannot write to standard output")?;
        return stdout.flush().context("cannot write to standard output");
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot create a temporary file in {}", folder.display()))?;
    temp.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    temp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The name a report shows for an input file: its file name without the folders
/// (a client's folder names must not end up in a client report).
pub fn display_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}
