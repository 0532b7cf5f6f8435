//! Putting staged files in place one rename each: alone (one rename is atomic by itself), or
//! several through a journal that the next run rolls forward. The journal is the fallback where
//! the file system refuses to swap a whole directory (see `swap`), and how a run finishes or
//! cleans up what an interrupted one left.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::lock::DirLock;
use super::{Durability, JOURNAL, NEXT_PREFIX, TEMP_PREFIX, WriteError, split_name, sync_dir};

/// Renames each `(temporary, target)` pair of `dir` (or of a subdirectory of it) into place;
/// with more than one, through a journal written first (the commit point): a kill before it
/// leaves the old files, after it a journal the next run rolls forward.
pub(super) fn put_all(dir: &Path, pairs: &[(PathBuf, PathBuf)], durability: Durability) -> Result<(), WriteError> {
    let rename = |(tmp, target): &(PathBuf, PathBuf)| fs::rename(tmp, target).map_err(|e| WriteError::new(target, e));
    if let [one] = pairs {
        rename(one)?;
    } else if !pairs.is_empty() {
        let mut journal = Vec::new();
        for p in pairs.iter().flat_map(|(tmp, target)| [tmp, target]) {
            let relative = p.strip_prefix(dir).unwrap_or(p);
            journal.extend_from_slice(relative.as_os_str().as_encoded_bytes());
            journal.push(0);
        }
        let path = dir.join(JOURNAL);
        let tmp = dir.join(format!("{TEMP_PREFIX}{}-journal", std::process::id()));
        let err = |e| WriteError::new(&path, e);
        let mut file = fs::File::create(&tmp).map_err(err)?;
        file.write_all(&journal).map_err(err)?;
        if durability == Durability::Synced {
            file.sync_all().map_err(err)?;
        }
        fs::rename(&tmp, &path).map_err(err)?;
        pairs.iter().try_for_each(rename)?;
        sync_folders(dir, pairs, durability)?;
        fs::remove_file(&path).map_err(err)?;
    }
    sync_folders(dir, pairs, durability)
}

/// With [`Durability::Synced`], makes the renames into `dir` and the folders of `pairs` durable.
fn sync_folders(dir: &Path, pairs: &[(PathBuf, PathBuf)], durability: Durability) -> Result<(), WriteError> {
    if durability == Durability::Synced {
        let mut folders: Vec<&Path> = pairs.iter().filter_map(|(_, t)| t.parent()).collect();
        folders.push(dir);
        folders.sort();
        folders.dedup();
        folders.into_iter().try_for_each(sync_dir)?;
    }
    Ok(())
}

/// Rolls a journal forward, then deletes stray temporaries, in the directory and in each of its
/// subdirectories that no other run holds (with what a swap of that subdirectory left beside
/// it). Runs under the exclusive lock, so nothing found here belongs to a live run.
pub(super) fn recover(dir: &Path, durability: Durability) -> Result<(), WriteError> {
    recover_files(dir, durability)?;
    let entries = fs::read_dir(dir).map_err(|e| WriteError::new(dir, e))?;
    // `file_type` does not follow symlinks: only real subdirectories are cleaned.
    for entry in entries.filter_map(Result::ok).filter(|e| e.file_type().is_ok_and(|t| t.is_dir())) {
        let name = entry.file_name();
        if super::is_ours(&name) {
            continue;
        }
        let sub = entry.path();
        if let Some(_lock) = DirLock::try_acquire(&sub)? {
            recover_files(&sub, durability)?;
            let mut next = std::ffi::OsString::from(NEXT_PREFIX);
            next.push(&name);
            super::swap::remove_tree(&dir.join(next))?;
        }
    }
    Ok(())
}

/// [`recover`] for the files of one directory.
pub(super) fn recover_files(dir: &Path, durability: Durability) -> Result<(), WriteError> {
    let journal = dir.join(JOURNAL);
    match fs::read(&journal) {
        Ok(bytes) => {
            let names: Vec<&[u8]> = bytes.split(|&b| b == 0).filter(|n| !n.is_empty()).collect();
            for pair in names.chunks_exact(2) {
                let path = |b: &[u8]| {
                    let name = String::from_utf8_lossy(b);
                    match split_name(&name) {
                        Some(_) => Ok(dir.join(name.as_ref())),
                        None => {
                            let msg = format!("the journal names {name:?}, outside the directory");
                            Err(WriteError::new(&journal, io::Error::new(io::ErrorKind::InvalidData, msg)))
                        }
                    }
                };
                let (tmp, target) = (path(pair[0])?, path(pair[1])?);
                if tmp.exists() {
                    fs::rename(&tmp, &target).map_err(|e| WriteError::new(&target, e))?;
                }
            }
            if durability == Durability::Synced {
                sync_dir(dir)?;
            }
            fs::remove_file(&journal).map_err(|e| WriteError::new(&journal, e))?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(WriteError::new(&journal, e)),
    }
    let entries = fs::read_dir(dir).map_err(|e| WriteError::new(dir, e))?;
    for entry in entries.filter_map(Result::ok) {
        if entry.file_name().as_encoded_bytes().starts_with(TEMP_PREFIX.as_bytes()) {
            fs::remove_file(entry.path()).map_err(|e| WriteError::new(&entry.path(), e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsx::tests::{names, open};

    /// A run killed after its commit point left a journal, some files renamed and some not,
    /// and a temporary of another killed run: the next run finishes the first and deletes
    /// the second.
    #[test]
    fn the_next_run_rolls_a_journal_forward_and_deletes_stray_temporaries() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for (name, text) in [("a.csv", "old a"), ("b.csv", "new b"), (".edge-atlas-tmp-1-0-a.csv", "new a")] {
            fs::write(dir.join(name), text).unwrap();
        }
        fs::write(dir.join(".edge-atlas-tmp-7-3-c.csv"), "abandoned").unwrap();
        let journal = b".edge-atlas-tmp-1-0-a.csv\0a.csv\0.edge-atlas-tmp-1-1-b.csv\0b.csv\0";
        fs::write(dir.join(JOURNAL), journal).unwrap();
        drop(open(dir));
        assert_eq!(names(dir), ["a.csv", "b.csv"]);
        assert_eq!(fs::read_to_string(dir.join("a.csv")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(dir.join("b.csv")).unwrap(), "new b");
    }

    /// A run killed after its commit point, with files in a subdirectory: the next run finishes
    /// them, and deletes stray temporaries in subdirectories too.
    #[test]
    fn the_next_run_rolls_a_journal_with_subdirectories_forward() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        fs::create_dir_all(dir.join("bundle")).unwrap();
        fs::create_dir_all(dir.join("other")).unwrap();
        for (name, text) in [
            ("a.csv", "old a"),
            ("bundle/x.parquet", "old x"),
            ("bundle/.edge-atlas-tmp-1-1-x.parquet", "new x"),
            ("other/.edge-atlas-tmp-7-3-c.csv", "abandoned"),
        ] {
            fs::write(dir.join(name), text).unwrap();
        }
        let journal = b".edge-atlas-tmp-1-0-a.csv\0a.csv\0bundle/.edge-atlas-tmp-1-1-x.parquet\0bundle/x.parquet\0";
        fs::write(dir.join(JOURNAL), journal).unwrap();
        drop(open(dir));
        assert_eq!(names(dir), ["a.csv", "bundle", "other"]);
        assert_eq!(fs::read_to_string(dir.join("a.csv")).unwrap(), "old a", "renamed before the kill");
        assert_eq!(fs::read_to_string(dir.join("bundle/x.parquet")).unwrap(), "new x");
        assert_eq!(names(&dir.join("bundle")), ["x.parquet"]);
        assert!(names(&dir.join("other")).is_empty());
    }

    #[test]
    fn a_journal_naming_a_path_outside_the_directory_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir(&dir).unwrap();
        fs::write(tmp.path().join("victim"), "keep").unwrap();
        fs::write(dir.join(".edge-atlas-tmp-1-0-a"), "x").unwrap();
        fs::write(dir.join(JOURNAL), b".edge-atlas-tmp-1-0-a\0../victim\0").unwrap();
        let e = crate::fsx::OutDir::open(&dir, Durability::Cached, &|_| {}).unwrap_err();
        assert!(e.to_string().contains("the journal names \"../victim\", outside the directory"), "{e}");
        assert_eq!(fs::read_to_string(tmp.path().join("victim")).unwrap(), "keep");
    }
}
