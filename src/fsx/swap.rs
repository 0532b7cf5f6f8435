//! A whole generation of a directory put in place at once: the new set is built in a sibling
//! staging directory (`.edge-atlas-next-NAME`, beside NAME), every file the run did not write
//! is carried across (hard-linked, or copied where links are refused), and one
//! `renameat2(RENAME_EXCHANGE)` swaps the two; the old generation, now at the staging path, is
//! then removed. A reader of the directory sees the old set or the new one, never a mix.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{WriteError, is_ours};

/// Builds `next` into a full generation of `dir`: everything in `dir` except our own leftovers
/// and the files in `written` (paths relative to `dir`, already in `next`).
pub(super) fn carry_across(dir: &Path, next: &Path, written: &HashSet<PathBuf>) -> Result<(), WriteError> {
    carry(dir, next, Path::new(""), written)
}

fn carry(from: &Path, to: &Path, relative: &Path, written: &HashSet<PathBuf>) -> Result<(), WriteError> {
    let entries = fs::read_dir(from).map_err(|e| WriteError::new(from, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| WriteError::new(from, e))?;
        let name = entry.file_name();
        let rel = relative.join(&name);
        if is_ours(&name) || written.contains(&rel) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        let err = |e| WriteError::new(&src, e);
        // Not followed: a symlink is carried as a symlink.
        let kind = entry.file_type().map_err(err)?;
        if kind.is_dir() {
            match fs::create_dir(&dst) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(WriteError::new(&dst, e)),
                _ => {}
            }
            let perms = entry.metadata().map_err(err)?.permissions();
            fs::set_permissions(&dst, perms).map_err(|e| WriteError::new(&dst, e))?;
            carry(&src, &dst, &rel, written)?;
        } else if kind.is_symlink() {
            let link = fs::read_link(&src).map_err(err)?;
            symlink(&link, &dst).map_err(|e| WriteError::new(&dst, e))?;
        } else if kind.is_file() {
            // A link keeps the file's bytes, mode and times; a copy where links are refused.
            if fs::hard_link(&src, &dst).is_err() {
                fs::copy(&src, &dst).map_err(|e| WriteError::new(&dst, e))?;
            }
        } else {
            let msg = "not a file, directory or symlink: cannot carry it into the new generation";
            return Err(err(io::Error::new(io::ErrorKind::InvalidInput, msg)));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(link: &Path, at: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(link, at)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("symlinks are not carried on this system"))
}

/// Why the exchange was not made, when the file system (or the system) does not offer it: the
/// caller falls back to putting files in place one by one.
pub(super) struct Refused(pub String);

/// Swaps `next` and `dir` in one step. `Err(Ok(refused))` when the file system cannot.
#[cfg(target_os = "linux")]
pub(super) fn exchange(next: &Path, dir: &Path) -> Result<(), Result<Refused, WriteError>> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, next, CWD, dir, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        Err(e) => {
            let e = io::Error::from(e);
            match e.raw_os_error() {
                Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => {
                    Err(Ok(Refused(format!("the file system refuses to exchange two directories ({e})"))))
                }
                _ => Err(Err(WriteError::new(dir, e))),
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_: &Path, _: &Path) -> Result<(), Result<Refused, WriteError>> {
    Err(Ok(Refused("this system has no atomic exchange of two directories".into())))
}

/// Removes a directory tree (never following a symlink), if there is one.
pub(super) fn remove_tree(path: &Path) -> Result<(), WriteError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path).map_err(|e| WriteError::new(path, e)),
        Ok(_) => fs::remove_file(path).map_err(|e| WriteError::new(path, e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WriteError::new(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{names, open};
    use super::super::*;

    /// Files the run did not write (curated tables, a README beside the outputs, folders,
    /// symlinks) are in the new generation as they were: the same files, linked across.
    #[cfg(unix)]
    #[test]
    fn a_new_generation_keeps_what_the_run_did_not_write() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        fs::create_dir_all(dir.join("logos")).unwrap();
        fs::write(dir.join("curated.csv"), "mine").unwrap();
        fs::write(dir.join("logos/x.png"), "png").unwrap();
        fs::write(dir.join("a.csv"), "old").unwrap();
        std::os::unix::fs::symlink("curated.csv", dir.join("link")).unwrap();
        let inode = fs::metadata(dir.join("logos/x.png")).unwrap().ino();
        let out = open(&dir);
        let staged = vec![
            out.stage("a.csv", |w| w.write_all(b"new")).unwrap(),
            out.stage("b.csv", |w| w.write_all(b"b")).unwrap(),
        ];
        assert!(out.commit(staged).unwrap().fallback.is_none());
        assert_eq!(names(&dir), ["a.csv", "b.csv", "curated.csv", "link", "logos"]);
        assert_eq!(fs::read(dir.join("a.csv")).unwrap(), b"new");
        assert_eq!(fs::read(dir.join("curated.csv")).unwrap(), b"mine");
        assert_eq!(fs::metadata(dir.join("logos/x.png")).unwrap().ino(), inode, "linked, not copied");
        assert_eq!(fs::read_link(dir.join("link")).unwrap(), Path::new("curated.csv"));
    }

    /// A symlink naming the output directory stays a symlink: its target is swapped.
    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_directory_keeps_its_link() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = tmp.path().join("out");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let out = open(&link);
        let staged =
            vec![out.stage("a", |w| w.write_all(b"a")).unwrap(), out.stage("b", |w| w.write_all(b"b")).unwrap()];
        assert!(out.commit(staged).unwrap().fallback.is_none());
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(names(&real), ["a", "b"]);
    }

    /// What a killed run left beside the directory (a staging directory, or the old
    /// generation after the exchange) is removed by the next run, never read as output.
    #[test]
    fn the_next_run_removes_a_killed_runs_staging_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir_all(tmp.path().join(".edge-atlas-next-out/sub")).unwrap();
        fs::write(tmp.path().join(".edge-atlas-next-out/sub/a"), "half").unwrap();
        drop(open(&dir));
        assert_eq!(names(tmp.path()), ["out"]);
    }
}
