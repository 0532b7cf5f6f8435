//! Atomic file output: write a temporary file beside the target, then rename over it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A file that could not be written. The message carries the cause, so the cause is not
/// also a `source` (error chains would print it twice).
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {error}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

/// Writes `bytes` to `path` so that readers see the old file or the new one, never half of it,
/// and flushes them to disk before the rename: for data/, which is the source of truth.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    stage(path, true, |w| w.write_all(bytes))?.commit()
}

/// Streams into a buffered temporary file renamed over `path`, so a failed or interrupted
/// run leaves the previous file whole. Not synced: outputs can be regenerated, and an fsync
/// would tie a gigabyte export to the disk's speed instead of the page cache's.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    stage_with(path, fill)?.commit()
}

/// A file written beside its target and not yet in place: `commit` renames it over the
/// target; dropped uncommitted, it is deleted and the target keeps its old content.
#[derive(Debug)]
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl Staged {
    pub fn commit(self) -> Result<(), WriteError> {
        let path = self.path;
        self.tmp.persist(&path).map_err(|e| WriteError { path, error: e.error })?;
        Ok(())
    }
}

/// Commits files staged together, in order, once all of them were written: a command that
/// fails half-way leaves every previous output as it was.
pub fn commit_all(staged: Vec<Staged>) -> Result<(), WriteError> {
    staged.into_iter().try_for_each(Staged::commit)
}

/// Writes what `fill` streams into a temporary file beside `path`, not yet renamed.
pub fn stage_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<Staged, WriteError> {
    stage(path, false, fill)
}

fn stage(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged, WriteError> {
    let err = |error| WriteError { path: path.to_path_buf(), error };
    if path.is_dir() {
        return Err(err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "a directory is in the way")));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".edge-atlas-");
    // Temporary files are private (0600); the result keeps the old file's mode, or 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let old = std::fs::metadata(path).map(|m| m.permissions());
        builder.permissions(old.unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644)));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    {
        // Large blocks: the page cache takes 1 MiB writes at over twice the speed of 64 KiB ones.
        let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        fill(&mut w).map_err(err)?;
        w.flush().map_err(err)?;
    }
    if sync {
        tmp.as_file().sync_all().map_err(err)?;
    }
    Ok(Staged { tmp, path: path.to_path_buf() })
}

/// Stages `bytes` for `path` unless the file already holds them (then `None`: unchanged
/// files keep their bytes and times).
pub fn stage_if_changed(path: &Path, bytes: &[u8]) -> Result<Option<Staged>, WriteError> {
    if holds(path, bytes) {
        return Ok(None);
    }
    stage_with(path, |w| w.write_all(bytes)).map(Some)
}

/// Whether the file at `path` already holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes only when the content differs, so unchanged files keep their bytes and times.
/// Returns whether the file was written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, WriteError> {
    if holds(path, bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out/a.csv");
        write_atomic(&p, b"one").unwrap();
        assert!(!write_if_changed(&p, b"one").unwrap());
        assert!(write_if_changed(&p, b"two").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644);
        }
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.csv"]);
    }

    #[test]
    fn a_failing_writer_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write_atomic(&p, b"old").unwrap();
        let r = write_atomic_with(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("interrupted"))
        });
        assert!(r.unwrap_err().to_string().contains("interrupted"));
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
    }
}
