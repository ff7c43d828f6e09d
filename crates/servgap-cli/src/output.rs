//! Writing results without destroying what is at the destination.
//!
//! [`Destination::new`] decides, before any work is done, how a result will be
//! written, and refuses what must not be touched:
//!
//! | `-o` names                     | what happens                                          |
//! |--------------------------------|-------------------------------------------------------|
//! | nothing, or `-`                | standard output                                       |
//! | a new path                     | temporary file in the same folder, then rename; mode 0666 less the umask |
//! | an existing regular file       | the same, keeping the file's permissions              |
//! | a character device, a FIFO     | written in place (`/dev/null`, `/dev/stdout`, a pipe) |
//! | a symbolic link                | followed; the rules apply to its target               |
//! | an input of the run            | refused                                               |
//! | a read-only file               | refused                                               |
//! | a folder, block device, socket | refused                                               |
//!
//! The atomic rename means a failed run never leaves a half-written report, and a
//! reader of the old file sees either the old or the new content.

use std::fs::{File, Metadata, OpenOptions, Permissions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

#[cfg(test)]
mod tests;

/// Permissions asked for a new report; the process umask is applied by the system.
const NEW_FILE_MODE: u32 = 0o666;

/// Where a result goes, checked before the work starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o` absent or `-`).
    Stdout,
    /// A regular file, new or replaced atomically.
    Replace {
        /// The file written (a symbolic link already resolved).
        path: PathBuf,
        /// The existing file's permission bits, kept on replacement; `None` for a new file.
        keep_mode: Option<u32>,
    },
    /// A character device or FIFO, opened for writing and written in place.
    InPlace {
        /// The special file.
        path: PathBuf,
    },
}

impl Destination {
    /// Decides how to write to `path` (`None` or `-` is standard output), refusing a
    /// destination that is one of `inputs`, read-only, a folder or another kind of file
    /// that must not be replaced.
    ///
    /// # Errors
    /// A message naming the path and the reason when the destination is refused.
    pub fn new(path: Option<&Path>, inputs: &[&Path]) -> anyhow::Result<Destination> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Destination::Stdout);
        };
        let metadata = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Destination::Replace { path: path.to_owned(), keep_mode: None })
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot inspect the output path {}", path.display()))
            }
        };
        let (path, metadata) =
            if metadata.file_type().is_symlink() { resolve_link(path)? } else { (path.to_owned(), metadata) };
        refuse_inputs(&path, &metadata, inputs)?;
        classify(path, &metadata)
    }

    /// Writes `bytes` to the destination.
    ///
    /// # Errors
    /// When the file cannot be created, written or renamed into place; nothing is
    /// left behind in that case (the temporary file is removed).
    pub fn write(&self, bytes: &[u8]) -> anyhow::Result<()> {
        match self {
            Destination::Stdout => {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(bytes).context("cannot write to standard output")?;
                stdout.flush().context("cannot write to standard output")
            }
            Destination::InPlace { path } => {
                let mut file = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                file.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))
            }
            Destination::Replace { path, keep_mode } => replace(path, *keep_mode, bytes),
        }
    }
}

/// Writes `text` where `path` says (standard output when `None` or `-`), with the
/// rules of [`Destination`] and no input to protect.
pub fn write_output(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    Destination::new(path, &[])?.write(text.as_bytes())
}

/// Follows a symbolic link to the file it names; a dangling link is refused.
fn resolve_link(link: &Path) -> anyhow::Result<(PathBuf, Metadata)> {
    let target = std::fs::canonicalize(link).with_context(|| {
        format!(
            "the output path {} is a symbolic link to a missing file; remove it or choose another path",
            link.display()
        )
    })?;
    let metadata = std::fs::metadata(&target)
        .with_context(|| format!("cannot inspect {} (target of {})", target.display(), link.display()))?;
    Ok((target, metadata))
}

/// Refuses a destination that is the same file as an input (by device and inode, so
/// `./x/../survey.csv`, hard links and symbolic links are caught too).
fn refuse_inputs(path: &Path, metadata: &Metadata, inputs: &[&Path]) -> anyhow::Result<()> {
    for input in inputs {
        let Ok(input_metadata) = std::fs::metadata(input) else { continue };
        if same_file(metadata, &input_metadata) {
            bail!(
                "the output path {} is the input file {}; writing the report there would destroy the data: choose another output path",
                path.display(),
                input.display()
            );
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    false
}

/// Chooses the way to write an existing, non-link destination.
fn classify(path: PathBuf, metadata: &Metadata) -> anyhow::Result<Destination> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        if metadata.permissions().readonly() {
            bail!(
                "the output file {} is read-only; servgap does not replace read-only files: remove it or choose another path",
                path.display()
            );
        }
        return Ok(Destination::Replace { path, keep_mode: Some(mode_of(metadata)) });
    }
    if file_type.is_dir() {
        bail!("the output path {} is a folder; give a file name", path.display());
    }
    if is_char_device_or_fifo(metadata) {
        return Ok(Destination::InPlace { path });
    }
    bail!(
        "the output path {} is neither a regular file, a character device nor a FIFO (a block device or socket?); servgap refuses to write there",
        path.display()
    )
}

#[cfg(unix)]
fn is_char_device_or_fifo(metadata: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    let t = metadata.file_type();
    t.is_char_device() || t.is_fifo()
}

#[cfg(not(unix))]
fn is_char_device_or_fifo(_: &Metadata) -> bool {
    false
}

#[cfg(unix)]
fn mode_of(metadata: &Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    metadata.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_: &Metadata) -> u32 {
    NEW_FILE_MODE
}

#[cfg(unix)]
fn new_file_builder<'a>() -> tempfile::Builder<'a, 'a> {
    use std::os::unix::fs::PermissionsExt as _;
    let mut builder = tempfile::Builder::new();
    builder.permissions(Permissions::from_mode(NEW_FILE_MODE));
    builder
}

#[cfg(not(unix))]
fn new_file_builder<'a>() -> tempfile::Builder<'a, 'a> {
    tempfile::Builder::new()
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &File, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// Atomic replacement: a temporary file beside `path`, written, synced and renamed.
fn replace(path: &Path, keep_mode: Option<u32>, bytes: &[u8]) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A new file gets 0666 through open(2), so the umask applies as for any program.
    let mut temp = new_file_builder()
        .prefix(".servgap-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .with_context(|| format!("cannot create a temporary file in {}", folder.display()))?;
    if let Some(mode) = keep_mode {
        set_mode(temp.as_file(), mode)
            .with_context(|| format!("cannot keep the permissions of {}", path.display()))?;
    }
    temp.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    temp.as_file().sync_all().with_context(|| format!("cannot write {}", path.display()))?;
    temp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    sync_folder(folder);
    Ok(())
}

/// Makes the rename durable where the platform allows; a failure here loses nothing
/// already written, so it is not an error.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}
