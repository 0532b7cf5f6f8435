//! All-or-nothing output: the files of one run appear together, under an advisory lock.
//!
//! A run that writes a directory opens it as an [`OutDir`]: it locks the directory
//! (`lock.rs`), cleans up what an interrupted run left, and stages each file in a sibling
//! staging directory. [`OutDir::commit`] then puts one whole generation in place with a single
//! exchange of the two directories (`swap.rs`): a reader of the directory (Gephi, a web server,
//! `cp -r`, `git add`) sees the old set or the new one, never a mix, and needs no edge-atlas to
//! tell which. One changed file is renamed into place alone; where the file system refuses the
//! exchange, files go in one by one through a journal that the next run rolls forward
//! (`journal.rs`), and the commit says so. A run that writes one file beside others
//! ([`OutDir::open_for_file`]) stages it in place and renames it. `read.rs` reads only regular
//! files; `blocks.rs` is the exports' output buffer.

mod blocks;
mod journal;
mod lock;
mod read;
mod swap;

pub use blocks::Blocks;
pub use lock::{ReadLock, read_lock};
pub use read::{ReadError, open_regular};

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use lock::DirLock;

/// Everything the tool leaves in or beside a directory while it works starts with this: a
/// reader may skip such names, and a run never carries them into a new generation.
pub const OURS: &str = ".edge-atlas-";
/// Names of temporaries start with this: recognisable, hidden, and removed by the next run.
pub const TEMP_PREFIX: &str = ".edge-atlas-tmp-";
/// The journal of a commit in progress: NUL-separated (temporary, target) pairs of paths
/// relative to the directory (`name` or `subdirectory/name`).
pub const JOURNAL: &str = ".edge-atlas-journal";
/// The staging directory of `NAME` is `NEXT_PREFIX` + `NAME`, beside it; after the exchange it
/// holds the old generation until that is removed.
pub const NEXT_PREFIX: &str = ".edge-atlas-next-";
/// Mode of every file the tool writes, whatever stood at the path before.
const MODE: u32 = 0o644;

fn is_ours(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(OURS.as_bytes())
}

/// A file or directory that could not be written. The message carries the cause, so the
/// cause is not also a `source` (error chains would print it twice).
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {error}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl WriteError {
    fn new(path: &Path, error: io::Error) -> Self {
        WriteError { path: path.to_path_buf(), error }
    }
}

/// Whether files reach the disk before they are put in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync files, journal and directory: for data/, the source of truth.
    Synced,
    /// Leave write-back to the page cache: outputs can be regenerated, and an fsync would tie
    /// a gigabyte export to the disk's speed.
    Cached,
}

/// How a commit went.
#[must_use]
#[derive(Debug, Default)]
pub struct Committed {
    /// Why the set was put in place file by file rather than swapped in at once (then a
    /// reader could see a mix for a moment, and a kill leaves a journal for the next run).
    pub fallback: Option<String>,
}

/// Where staged files are written.
#[derive(Debug)]
enum Place {
    /// In `next` (the sibling staging directory, made on the first file), swapped in whole.
    Generation { real: PathBuf, next: PathBuf, made: Mutex<Option<DirLock>> },
    /// As temporaries beside their targets: for one file written into any directory.
    InPlace,
}

/// A directory held for writing by this run (see the module documentation).
#[derive(Debug)]
pub struct OutDir {
    dir: PathBuf,
    place: Place,
    /// Opened for one file: staged beside the directory where its parent lets us, else as a
    /// temporary in the directory; never a swap of the whole directory.
    single_file: bool,
    _lock: DirLock,
    durability: Durability,
    staged: AtomicUsize,
    /// Subdirectories staged into, each locked for this run.
    subdirs: Mutex<Vec<(String, DirLock)>>,
}

impl OutDir {
    /// Creates `dir` if needed, locks it (calling `on_wait` once if another run holds it,
    /// then waiting), and finishes or cleans up what an interrupted run left. Commits swap
    /// the whole directory.
    pub fn open(dir: &Path, durability: Durability, on_wait: &dyn Fn(&Path)) -> Result<OutDir, WriteError> {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let mut out = OutDir::hold(dir, durability, on_wait)?;
        // Swapping works on the real directory, not on a symlink to it.
        let real = fs::canonicalize(dir).map_err(|e| WriteError::new(dir, e))?;
        let place = match (real.parent(), real.file_name()) {
            (Some(parent), Some(name)) => {
                let mut next = std::ffi::OsString::from(NEXT_PREFIX);
                next.push(name);
                let next = parent.join(next);
                // Under the lock: a staging directory there is what a killed run left.
                swap::remove_tree(&next)?;
                Place::Generation { real: real.clone(), next, made: Mutex::new(None) }
            }
            _ => Place::InPlace,
        };
        out.place = place;
        Ok(out)
    }

    /// The directory held for `path` (its parent), with `path`'s file name: for commands
    /// that write one file, renamed into place beside the directory's other files.
    pub fn open_for_file(
        path: &Path,
        durability: Durability,
        on_wait: &dyn Fn(&Path),
    ) -> Result<(OutDir, String), WriteError> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.ok_or_else(|| WriteError::new(path, io::Error::other("not a file name")))?;
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut out = OutDir::open(parent, durability, on_wait)?;
        out.single_file = true;
        Ok((out, name))
    }

    /// `dir` held for rewriting some of its files, each staged beside itself and renamed in
    /// through the journal (several files: all, or rolled forward by the next run), never by
    /// swapping the directory: for a checkout people work in (the list's `lint --fix`), which
    /// must stay the same directory.
    pub fn open_in_place(dir: &Path, durability: Durability, on_wait: &dyn Fn(&Path)) -> Result<OutDir, WriteError> {
        OutDir::hold(dir, durability, on_wait)
    }

    fn hold(dir: &Path, durability: Durability, on_wait: &dyn Fn(&Path)) -> Result<OutDir, WriteError> {
        if fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            let msg = "it is a file, not a directory; name a directory to write into";
            return Err(WriteError::new(dir, io::Error::new(io::ErrorKind::AlreadyExists, msg)));
        }
        fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
        let lock = DirLock::acquire(dir, true, on_wait)?;
        journal::recover(dir, durability)?;
        Ok(OutDir {
            dir: dir.to_path_buf(),
            place: Place::InPlace,
            single_file: false,
            _lock: lock,
            durability,
            staged: AtomicUsize::new(0),
            subdirs: Mutex::new(Vec::new()),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes what `fill` streams into a file staged for `name`, not yet in place. `name` is
    /// a file of the directory or, as `subdirectory/file`, of a subdirectory (never a
    /// symlink), so that one commit puts several directories in place. The writer is `Send`
    /// because some encoders (Parquet's) require it.
    pub fn stage(
        &self,
        name: &str,
        fill: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
    ) -> Result<Staged, WriteError> {
        let Some((sub, file)) = split_name(name) else {
            let msg = "not a file of the directory or of one subdirectory";
            return Err(WriteError::new(&self.dir.join(name), io::Error::new(io::ErrorKind::InvalidInput, msg)));
        };
        let folder = match sub {
            Some(sub) => self.subdir(sub)?,
            None => self.dir.clone(),
        };
        let target = folder.join(file);
        let err = |e| WriteError::new(&target, e);
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(err(io::Error::new(io::ErrorKind::IsADirectory, "a directory is in the way")));
        }
        let n = self.staged.fetch_add(1, Ordering::Relaxed);
        let beside = match &self.place {
            Place::Generation { next, made, .. } => match self.next_root(next, made) {
                Ok(root) => Some(root),
                // One file can still be renamed in from the directory itself.
                Err(_) if self.single_file => None,
                Err(e) => return Err(e),
            },
            Place::InPlace => None,
        };
        let tmp = match beside {
            Some(root) => {
                let folder = match sub {
                    Some(sub) => make_dir(&root.join(sub))?,
                    None => root,
                };
                folder.join(file)
            }
            None => folder.join(temp_name(n, file)),
        };
        let mut opts = fs::OpenOptions::new();
        // create_new never follows a symlink planted at the temporary's name.
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp).map_err(err)?;
        let staged = Staged { tmp, target: target.clone(), done: false };
        {
            // Large blocks: the page cache takes 1 MiB writes at over twice the speed of 64 KiB ones.
            let mut w = io::BufWriter::with_capacity(1 << 20, &mut f);
            fill(&mut w).map_err(err)?;
            w.flush().map_err(err)?;
        }
        if self.durability == Durability::Synced {
            f.sync_all().map_err(err)?;
        }
        set_mode(&f).map_err(err)?;
        Ok(staged)
    }

    /// The staging directory, made (with the directory's permissions) and locked the first
    /// time a file is staged, so that after the exchange this run holds the new generation.
    fn next_root(&self, next: &Path, made: &Mutex<Option<DirLock>>) -> Result<PathBuf, WriteError> {
        let mut made = made.lock().unwrap_or_else(|e| e.into_inner());
        if made.is_none() {
            fs::create_dir(next).map_err(|e| WriteError::new(next, e))?;
            if let Ok(m) = fs::metadata(&self.dir) {
                fs::set_permissions(next, m.permissions()).map_err(|e| WriteError::new(next, e))?;
            }
            *made = Some(DirLock::acquire(next, true, &|_| {})?);
        }
        Ok(next.to_path_buf())
    }

    /// Subdirectory `sub` of the directory, locked for this run (another run may hold it as
    /// its own output directory: it is waited for, and what it left cleaned up). Made if
    /// missing when files are staged in place; a staged generation makes it in the staging
    /// directory instead.
    fn subdir(&self, sub: &str) -> Result<PathBuf, WriteError> {
        let path = self.dir.join(sub);
        let mut held = self.subdirs.lock().unwrap_or_else(|e| e.into_inner());
        if !held.iter().any(|(name, _)| name == sub) {
            match fs::symlink_metadata(&path) {
                // A symlink is not a directory here: files are never written through one.
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    let msg = "a file or a symlink is in the way of a directory";
                    return Err(WriteError::new(&path, io::Error::new(io::ErrorKind::AlreadyExists, msg)));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    if matches!(self.place, Place::Generation { .. }) {
                        return Ok(path);
                    }
                    fs::create_dir(&path).map_err(|e| WriteError::new(&path, e))?;
                }
                Err(e) => return Err(WriteError::new(&path, e)),
            }
            let lock = DirLock::acquire(&path, true, &|_| {})?;
            journal::recover_files(&path, self.durability)?;
            held.push((sub.to_string(), lock));
        }
        Ok(path)
    }

    /// Whether file `name` of the directory holds `bytes` already.
    pub fn holds(&self, name: &str, bytes: &[u8]) -> bool {
        fs::read(self.dir.join(name)).is_ok_and(|old| old == bytes)
    }

    /// Stages `bytes` for `name` unless the file already holds them (then `None`: unchanged
    /// files keep their bytes and times).
    pub fn stage_if_changed(&self, name: &str, bytes: &[u8]) -> Result<Option<Staged>, WriteError> {
        if self.holds(name, bytes) {
            return Ok(None);
        }
        self.stage(name, |w| w.write_all(bytes)).map(Some)
    }

    /// Puts every staged file in place, all of them or (killed before the exchange) none.
    pub fn commit(&self, mut staged: Vec<Staged>) -> Result<Committed, WriteError> {
        let mut committed = Committed::default();
        let Place::Generation { real, next, made } = &self.place else {
            let pairs = staged.iter_mut().map(Staged::hand_over).collect::<Vec<_>>();
            journal::put_all(&self.dir, &pairs, self.durability)?;
            return Ok(committed);
        };
        // One file whose folder exists is renamed into place by itself, atomically.
        let alone = self.single_file || matches!(&staged[..], [one] if one.target.parent().is_some_and(Path::is_dir));
        if alone || staged.is_empty() {
            let pairs = staged.iter_mut().map(Staged::hand_over).collect::<Vec<_>>();
            journal::put_all(&self.dir, &pairs, self.durability)?;
        } else {
            let written: HashSet<PathBuf> =
                staged.iter().filter_map(|s| s.target.strip_prefix(&self.dir).ok().map(Path::to_path_buf)).collect();
            swap::carry_across(&self.dir, next, &written)?;
            if self.durability == Durability::Synced {
                sync_tree(next)?;
            }
            match swap::exchange(next, real) {
                Ok(()) => {
                    staged.iter_mut().for_each(|s| s.done = true);
                    if self.durability == Durability::Synced {
                        sync_dir(next.parent().unwrap_or(Path::new(".")))?;
                    }
                }
                Err(Err(e)) => return Err(e),
                Err(Ok(swap::Refused(why))) => {
                    // Each file goes beside its target as a temporary, then in through the journal.
                    let mut pairs = Vec::new();
                    for (n, s) in staged.iter_mut().enumerate() {
                        let (tmp, target) = s.hand_over();
                        if let Some(folder) = target.parent() {
                            make_dir(folder)?;
                        }
                        let name = target.file_name().unwrap_or_default().to_string_lossy();
                        let beside = target.with_file_name(temp_name(n, &name));
                        fs::rename(&tmp, &beside).map_err(|e| WriteError::new(&beside, e))?;
                        pairs.push((beside, target));
                    }
                    journal::put_all(&self.dir, &pairs, self.durability)?;
                    committed.fallback = Some(format!("{why}: {} was updated file by file", self.dir.display()));
                }
            }
        }
        // The staging directory now holds the old generation, or nothing of use.
        if made.lock().unwrap_or_else(|e| e.into_inner()).take().is_some() {
            swap::remove_tree(next)?;
        }
        Ok(committed)
    }
}

impl Drop for OutDir {
    fn drop(&mut self) {
        // Staged and never committed: the staging directory goes with the run.
        if let Place::Generation { next, made, .. } = &mut self.place
            && made.get_mut().is_ok_and(|m| m.take().is_some())
        {
            let _ = swap::remove_tree(next);
        }
    }
}

/// Makes `dir` (and its parents) if missing.
fn make_dir(dir: &Path) -> Result<PathBuf, WriteError> {
    fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    Ok(dir.to_path_buf())
}

/// fsyncs every directory of a tree, so that its entries are durable before it is swapped in.
fn sync_tree(dir: &Path) -> Result<(), WriteError> {
    let entries = fs::read_dir(dir).map_err(|e| WriteError::new(dir, e))?;
    for entry in entries.filter_map(Result::ok).filter(|e| e.file_type().is_ok_and(|t| t.is_dir())) {
        sync_tree(&entry.path())?;
    }
    sync_dir(dir)
}

/// `name` as (subdirectory, file name): a file of the directory or of one subdirectory of it,
/// never an absolute path, `.` or `..`.
fn split_name(name: &str) -> Option<(Option<&str>, &str)> {
    let plain = |c: &str| !c.is_empty() && c != "." && c != ".." && !c.contains(['/', '\\']);
    match name.split_once('/') {
        None => plain(name).then_some((None, name)),
        Some((sub, file)) => (plain(sub) && plain(file)).then_some((Some(sub), file)),
    }
}

/// A file staged and not yet in place; dropped uncommitted, it is deleted.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    /// Set once it is the commit's to finish, so that dropping it deletes nothing.
    done: bool,
}

impl Staged {
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// (staged file, target), from now on the commit's to put in place or clean up.
    fn hand_over(&mut self) -> (PathBuf, PathBuf) {
        self.done = true;
        (self.tmp.clone(), self.target.clone())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// A temporary's name: the prefix, this process, a counter, and the target's name (cut to
/// stay well within file-name limits), so a leftover tells where it came from.
fn temp_name(n: usize, name: &str) -> String {
    let mut cut = name.len().min(100);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{TEMP_PREFIX}{}-{n}-{}", std::process::id(), &name[..cut])
}

fn set_mode(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(MODE))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<(), WriteError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| WriteError::new(dir, e))
}

/// Writes one file all-or-nothing: the directory is locked (calling `on_wait` if another run
/// holds it) and recovered as for any run, and the file renamed into place.
pub fn write_file(
    path: &Path,
    durability: Durability,
    on_wait: &dyn Fn(&Path),
    fill: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
) -> Result<(), WriteError> {
    let (dir, name) = OutDir::open_for_file(path, durability, on_wait)?;
    let staged = dir.stage(&name, fill)?;
    let _one_rename_never_falls_back = dir.commit(vec![staged])?;
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    pub(crate) fn open(dir: &Path) -> OutDir {
        OutDir::open(dir, Durability::Cached, &|_| panic!("nobody else holds it")).unwrap()
    }

    #[test]
    fn commits_every_file_together_with_the_tools_mode_and_nothing_left_beside() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let out = open(&dir);
        let a = out.stage("a.csv", |w| w.write_all(b"one")).unwrap();
        let b = out.stage("b.csv", |w| w.write_all(b"two")).unwrap();
        assert!(names(&dir).is_empty(), "staged files wait outside the directory until the commit");
        assert_eq!(names(tmp.path()), [".edge-atlas-next-out", "out"]);
        assert!(out.commit(vec![a, b]).unwrap().fallback.is_none());
        assert_eq!(names(&dir), ["a.csv", "b.csv"]);
        assert_eq!(names(tmp.path()), ["out"], "the old generation is removed");
        assert_eq!(fs::read(dir.join("b.csv")).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(dir.join("a.csv")).unwrap().permissions().mode() & 0o7777, 0o644);
        }
        assert!(out.stage_if_changed("a.csv", b"one").unwrap().is_none());
    }

    #[test]
    fn a_failing_writer_keeps_the_old_files_and_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        {
            let out = open(&dir);
            assert!(out.commit(vec![out.stage("a.csv", |w| w.write_all(b"old")).unwrap()]).unwrap().fallback.is_none());
            let r = out.stage("b.csv", |w| {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let staged = tmp.path().join(".edge-atlas-next-out/b.csv");
                    let mode = fs::metadata(staged).unwrap().permissions().mode();
                    assert_eq!(mode & 0o077, 0, "a staged file is readable by its owner only");
                }
                w.write_all(b"half")?;
                Err(io::Error::other("interrupted"))
            });
            assert!(r.unwrap_err().to_string().contains("interrupted"));
        }
        assert_eq!(fs::read(dir.join("a.csv")).unwrap(), b"old");
        assert_eq!(names(&dir), ["a.csv"]);
        assert_eq!(names(tmp.path()), ["out"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_target_is_replaced_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let victim = tmp.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o4755)).unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("a.svg")).unwrap();
        write_file(&dir.join("a.svg"), Durability::Cached, &|_| {}, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        let meta = fs::symlink_metadata(dir.join("a.svg")).unwrap();
        assert!(meta.is_file());
        assert_eq!(meta.permissions().mode() & 0o7777, 0o644, "the target's setuid mode is not passed on");
    }

    #[test]
    fn one_commit_puts_files_of_subdirectories_in_place_together() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let out = open(&dir);
        let staged = vec![
            out.stage("a.csv", |w| w.write_all(b"a")).unwrap(),
            out.stage("bundle/x.parquet", |w| w.write_all(b"x")).unwrap(),
            out.stage("bundle/y.parquet", |w| w.write_all(b"y")).unwrap(),
        ];
        assert!(names(&dir).is_empty(), "nothing is in the directory until the commit");
        assert!(out.commit(staged).unwrap().fallback.is_none());
        assert_eq!(names(&dir), ["a.csv", "bundle"]);
        assert_eq!(names(&dir.join("bundle")), ["x.parquet", "y.parquet"]);
        assert_eq!(fs::read(dir.join("bundle/y.parquet")).unwrap(), b"y");
    }

    #[test]
    fn names_above_the_directory_or_two_levels_down_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = open(&tmp.path().join("out"));
        for name in ["../x", "/etc/x", "a/b/c", "a/", "./x", "a/..", "", "sub/"] {
            let e = out.stage(name, |w| w.write_all(b"x")).unwrap_err();
            assert!(e.to_string().ends_with("not a file of the directory or of one subdirectory"), "{name}: {e}");
        }
        assert_eq!(names(tmp.path()), ["out"]);
        assert!(names(&tmp.path().join("out")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_subdirectory_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("bundle")).unwrap();
        let out = open(&dir);
        let e = out.stage("bundle/x.parquet", |w| w.write_all(b"x")).unwrap_err();
        assert!(e.to_string().ends_with("a file or a symlink is in the way of a directory"), "{e}");
        assert!(names(&elsewhere).is_empty(), "nothing is written through the symlink");
    }

    #[test]
    fn a_file_named_as_the_directory_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("out.txt");
        fs::write(&file, "").unwrap();
        let e = OutDir::open(&file, Durability::Cached, &|_| {}).unwrap_err();
        assert!(
            e.to_string().ends_with("out.txt: it is a file, not a directory; name a directory to write into"),
            "{e}"
        );
    }
}
