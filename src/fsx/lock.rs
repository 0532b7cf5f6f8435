//! Advisory locks on directories (the standard library's `File::lock`, an `flock` on Linux),
//! taken again when the directory was swapped for a new generation while this run waited.

use std::fs::{self, File, TryLockError};
use std::path::Path;

use super::{Durability, OutDir, WriteError, is_ours};

/// A lock on a directory, released when dropped (or when the process dies).
#[derive(Debug)]
pub(super) struct DirLock {
    _file: File,
}

impl DirLock {
    /// Takes the lock, calling `on_wait` once and then waiting if another run holds it. A
    /// directory swapped out of its path while this run waited is let go and the one now at
    /// the path locked instead, so the lock always guards what the path names.
    pub(super) fn acquire(dir: &Path, exclusive: bool, on_wait: &dyn Fn(&Path)) -> Result<DirLock, WriteError> {
        let mut told = false;
        loop {
            let file = File::open(dir).map_err(|e| WriteError::new(dir, e))?;
            let taken = if exclusive { file.try_lock() } else { file.try_lock_shared() };
            match taken {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    if !told {
                        on_wait(dir);
                        told = true;
                    }
                    let waited = if exclusive { file.lock() } else { file.lock_shared() };
                    waited.map_err(|e| WriteError::new(dir, e))?;
                }
                Err(TryLockError::Error(e)) => return Err(WriteError::new(dir, e)),
            }
            if same_file(&file, dir) {
                return Ok(DirLock { _file: file });
            }
        }
    }

    /// The exclusive lock if no other run holds it now, else `None`.
    pub(super) fn try_acquire(dir: &Path) -> Result<Option<DirLock>, WriteError> {
        let file = File::open(dir).map_err(|e| WriteError::new(dir, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(DirLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(WriteError::new(dir, e)),
        }
    }
}

/// Whether `file` is still what `path` names (not swapped out meanwhile).
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// A shared lock on a directory that a run reads (data/): writers wait for it, and what an
/// interrupted writer left is finished or cleaned up first, so the reader sees one whole set.
/// `None` when the directory does not exist.
pub fn read_lock(dir: &Path, on_wait: &dyn Fn(&Path)) -> Result<Option<ReadLock>, WriteError> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(None) };
    if entries.filter_map(Result::ok).any(|e| is_ours(&e.file_name())) {
        drop(OutDir::open(dir, Durability::Synced, on_wait)?);
    }
    Ok(Some(ReadLock { _lock: DirLock::acquire(dir, false, on_wait)? }))
}

/// Held while a run reads a directory.
#[derive(Debug)]
pub struct ReadLock {
    _lock: DirLock,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let first = DirLock::acquire(tmp.path(), true, &|_| panic!("free")).unwrap();
        let waited = AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| DirLock::acquire(tmp.path(), true, &|_| waited.store(true, Ordering::SeqCst)));
            while !waited.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            drop(first);
            second.join().unwrap().unwrap();
        });
        assert!(DirLock::try_acquire(tmp.path()).unwrap().is_some());
    }

    /// A run waiting on a directory that another run swaps out of its path locks the new one.
    #[test]
    fn a_waiter_follows_the_directory_now_at_the_path() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, other) = (tmp.path().join("out"), tmp.path().join("next"));
        fs::create_dir(&dir).unwrap();
        fs::create_dir(&other).unwrap();
        let first = DirLock::acquire(&dir, true, &|_| {}).unwrap();
        let waited = AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| DirLock::acquire(&dir, true, &|_| waited.store(true, Ordering::SeqCst)));
            while !waited.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            // Swapped: the waiter must not keep the lock of what is now at `old`.
            fs::rename(&dir, tmp.path().join("old")).unwrap();
            fs::rename(&other, &dir).unwrap();
            drop(first);
            let _held = second.join().unwrap().unwrap();
            assert!(DirLock::try_acquire(&dir).unwrap().is_none(), "the new directory is the one locked");
            assert!(DirLock::try_acquire(&tmp.path().join("old")).unwrap().is_some());
        });
    }
}
