//! All-or-nothing output: files of one run are staged in their directory and put in place
//! together through a journal, under an advisory lock on the directory.
//!
//! A run that writes opens the directory as an [`OutDir`]: it takes an exclusive `flock` on the
//! directory itself (no lock file to commit or clean up), finishes what an interrupted run
//! left (a journal is rolled forward, stray temporaries are deleted), then stages each file as
//! a private temporary beside its target, in the directory or in a subdirectory of it (a
//! bundle of files such as `edge-atlas.parquet/`, locked too). [`OutDir::commit`] writes the
//! list of renames to a
//! journal, renames the journal into place (the commit point), renames every file, and deletes
//! the journal. A kill before the commit point leaves the old files (the temporaries go at
//! the next run); a kill after it leaves a journal that the next run, or the next reader of
//! data/ ([`read_lock`]), rolls forward to the new files.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Names of temporaries start with this: recognisable, hidden, and removed by the next run.
pub const TEMP_PREFIX: &str = ".edge-atlas-tmp-";
/// The journal of a commit in progress: NUL-separated (temporary, target) pairs of paths
/// relative to the directory (`name` or `subdirectory/name`).
pub const JOURNAL: &str = ".edge-atlas-journal";
/// Mode of every file the tool writes, whatever stood at the path before.
const MODE: u32 = 0o644;

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

/// A directory held for writing by this run (see the module documentation).
#[derive(Debug)]
pub struct OutDir {
    dir: PathBuf,
    _lock: DirLock,
    durability: Durability,
    staged: AtomicUsize,
    /// Subdirectories staged into, each locked for this run.
    subdirs: Mutex<Vec<(String, DirLock)>>,
}

impl OutDir {
    /// Creates `dir` if needed, locks it (calling `on_wait` once if another run holds it,
    /// then waiting), and finishes or cleans up what an interrupted run left.
    pub fn open(dir: &Path, durability: Durability, on_wait: &dyn Fn(&Path)) -> Result<OutDir, WriteError> {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            let msg = "it is a file, not a directory; name a directory to write into";
            return Err(WriteError::new(dir, io::Error::new(io::ErrorKind::AlreadyExists, msg)));
        }
        fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
        let lock = DirLock::acquire(dir, true, on_wait)?;
        recover(dir, durability)?;
        Ok(OutDir {
            dir: dir.to_path_buf(),
            _lock: lock,
            durability,
            staged: AtomicUsize::new(0),
            subdirs: Mutex::new(Vec::new()),
        })
    }

    /// The directory held for `path` (its parent), with `path`'s file name: for commands
    /// that write one file.
    pub fn open_for_file(
        path: &Path,
        durability: Durability,
        on_wait: &dyn Fn(&Path),
    ) -> Result<(OutDir, String), WriteError> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.ok_or_else(|| WriteError::new(path, io::Error::other("not a file name")))?;
        let parent = path.parent().unwrap_or(Path::new(""));
        Ok((OutDir::open(parent, durability, on_wait)?, name))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes what `fill` streams into a private temporary beside `name`, not yet in place.
    /// `name` is a file of the directory or, as `subdirectory/file`, of a subdirectory (made
    /// if missing, never a symlink), so that one commit puts several directories in place.
    /// The writer is `Send` because some encoders (Parquet's) require it.
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
        let tmp = folder.join(temp_name(n, file));
        let mut opts = fs::OpenOptions::new();
        // create_new never follows a symlink planted at the temporary's name.
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut file = opts.open(&tmp).map_err(err)?;
        let staged = Staged { tmp, target: target.clone(), done: false };
        {
            // Large blocks: the page cache takes 1 MiB writes at over twice the speed of 64 KiB ones.
            let mut w = io::BufWriter::with_capacity(1 << 20, &mut file);
            fill(&mut w).map_err(err)?;
            w.flush().map_err(err)?;
        }
        if self.durability == Durability::Synced {
            file.sync_all().map_err(err)?;
        }
        set_mode(&file).map_err(err)?;
        Ok(staged)
    }

    /// Subdirectory `sub`, made if missing, locked for this run and cleaned up as the
    /// directory was, the first time a file is staged into it.
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
                    fs::create_dir(&path).map_err(|e| WriteError::new(&path, e))?;
                }
                Err(e) => return Err(WriteError::new(&path, e)),
            }
            // Another run may hold it as its own output directory: wait for it, then finish
            // or clean up what it left.
            let lock = DirLock::acquire(&path, true, &|_| {})?;
            recover_files(&path, self.durability)?;
            held.push((sub.to_string(), lock));
        }
        Ok(path)
    }

    /// Stages `bytes` for `name` unless the file already holds them (then `None`: unchanged
    /// files keep their bytes and times).
    pub fn stage_if_changed(&self, name: &str, bytes: &[u8]) -> Result<Option<Staged>, WriteError> {
        if fs::read(self.dir.join(name)).is_ok_and(|old| old == bytes) {
            return Ok(None);
        }
        self.stage(name, |w| w.write_all(bytes)).map(Some)
    }

    /// Puts every staged file in place, all of them or (killed before the commit point) none.
    pub fn commit(&self, mut staged: Vec<Staged>) -> Result<(), WriteError> {
        if let [one] = &mut staged[..] {
            // One rename is atomic by itself.
            one.put()?;
        } else if !staged.is_empty() {
            let mut journal = Vec::new();
            for s in &mut staged {
                // Past the commit point a temporary is the journal's to finish: even if a
                // rename below fails, the next run needs it.
                s.done = true;
                for p in [&s.tmp, &s.target] {
                    let relative = p.strip_prefix(&self.dir).unwrap_or(p);
                    journal.extend_from_slice(relative.as_os_str().as_encoded_bytes());
                    journal.push(0);
                }
            }
            let mut entry = self.stage(JOURNAL, |w| w.write_all(&journal))?;
            entry.put()?;
            staged.iter_mut().try_for_each(Staged::put)?;
            self.sync_folders(&staged)?;
            fs::remove_file(&entry.target).map_err(|e| WriteError::new(&entry.target, e))?;
        }
        self.sync_folders(&staged)
    }
}

impl OutDir {
    /// With [`Durability::Synced`], makes the renames into the directory and the
    /// subdirectories of `staged` durable.
    fn sync_folders(&self, staged: &[Staged]) -> Result<(), WriteError> {
        if self.durability == Durability::Synced {
            let mut folders: Vec<&Path> = staged.iter().filter_map(|s| s.target.parent()).collect();
            folders.push(&self.dir);
            folders.sort();
            folders.dedup();
            folders.into_iter().try_for_each(sync_dir)?;
        }
        Ok(())
    }
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

/// A file written beside its target and not yet in place; dropped uncommitted, it is deleted.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    /// Set once renamed, so that dropping it deletes nothing.
    done: bool,
}

impl Staged {
    pub fn target(&self) -> &Path {
        &self.target
    }

    fn put(&mut self) -> Result<(), WriteError> {
        fs::rename(&self.tmp, &self.target).map_err(|e| WriteError::new(&self.target, e))?;
        self.done = true;
        Ok(())
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

/// Rolls a journal forward, then deletes stray temporaries, in the directory and in each of its
/// subdirectories that no other run holds. Runs under the exclusive lock, so nothing found
/// here belongs to a live run.
fn recover(dir: &Path, durability: Durability) -> Result<(), WriteError> {
    recover_files(dir, durability)?;
    let entries = fs::read_dir(dir).map_err(|e| WriteError::new(dir, e))?;
    // `file_type` does not follow symlinks: only real subdirectories are cleaned.
    for entry in entries.filter_map(Result::ok).filter(|e| e.file_type().is_ok_and(|t| t.is_dir())) {
        let sub = entry.path();
        if let Some(_lock) = DirLock::try_acquire(&sub)? {
            recover_files(&sub, durability)?;
        }
    }
    Ok(())
}

/// [`recover`] for the files of one directory.
fn recover_files(dir: &Path, durability: Durability) -> Result<(), WriteError> {
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

/// A shared lock on a directory that a run reads (data/): writers wait for it, and what an
/// interrupted writer left is finished or cleaned up first, so the reader sees one whole set.
/// `None` when the directory does not exist.
pub fn read_lock(dir: &Path, on_wait: &dyn Fn(&Path)) -> Result<Option<ReadLock>, WriteError> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(None) };
    let leftovers = entries.filter_map(Result::ok).any(|e| {
        let name = e.file_name();
        name.as_encoded_bytes().starts_with(TEMP_PREFIX.as_bytes()) || name == JOURNAL
    });
    if leftovers {
        drop(OutDir::open(dir, Durability::Synced, on_wait)?);
    }
    Ok(Some(ReadLock { _lock: DirLock::acquire(dir, false, on_wait)? }))
}

/// Held while a run reads a directory.
#[derive(Debug)]
pub struct ReadLock {
    _lock: DirLock,
}

/// An advisory `flock` on a directory, released when dropped (or when the process dies).
#[derive(Debug)]
struct DirLock {
    _file: File,
}

impl DirLock {
    /// Takes the lock, calling `on_wait` once and then waiting if another run holds it.
    fn acquire(dir: &Path, exclusive: bool, on_wait: &dyn Fn(&Path)) -> Result<DirLock, WriteError> {
        if let Some(lock) = DirLock::take(dir, exclusive, false)? {
            return Ok(lock);
        }
        on_wait(dir);
        DirLock::take(dir, exclusive, true)?
            .ok_or_else(|| WriteError::new(dir, io::Error::other("the lock was not taken")))
    }

    /// The exclusive lock if no other run holds it now, else `None`.
    fn try_acquire(dir: &Path) -> Result<Option<DirLock>, WriteError> {
        DirLock::take(dir, true, false)
    }

    /// `flock`, waiting for it or not: `None` when another run holds it and `wait` is false.
    fn take(dir: &Path, exclusive: bool, wait: bool) -> Result<Option<DirLock>, WriteError> {
        let file = File::open(dir).map_err(|e| WriteError::new(dir, e))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let mode = if exclusive { libc::LOCK_EX } else { libc::LOCK_SH };
            let flags = if wait { mode } else { mode | libc::LOCK_NB };
            // SAFETY: flock on a descriptor this function owns.
            if unsafe { libc::flock(file.as_raw_fd(), flags) } != 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::WouldBlock && !wait {
                    return Ok(None);
                }
                return Err(WriteError::new(dir, e));
            }
        }
        #[cfg(not(unix))]
        let _ = (exclusive, wait);
        Ok(Some(DirLock { _file: file }))
    }
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

/// Output put together in a buffer and handed to a writer in large blocks: exports append
/// millions of small pieces, and a call through `dyn Write` for each costs more than the piece.
pub struct Blocks<'w> {
    w: &'w mut dyn Write,
    /// What is not handed on yet: append to it, then call [`Blocks::flush_full`].
    pub buf: Vec<u8>,
}

/// Size of a block: as large as `OutDir::stage`'s buffer, which then passes it straight on.
const BLOCK: usize = 1 << 20;

impl<'w> Blocks<'w> {
    pub fn new(w: &'w mut dyn Write) -> Blocks<'w> {
        Blocks { w, buf: Vec::with_capacity(BLOCK + (BLOCK >> 2)) }
    }

    /// Hands the buffer to the writer once it holds a block.
    pub fn flush_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= BLOCK {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Hands the rest to the writer.
    pub fn finish(self) -> io::Result<()> {
        self.w.write_all(&self.buf)
    }
}

/// Writes one file all-or-nothing: the directory is locked (calling `on_wait` if another run
/// holds it) and recovered as for any run.
pub fn write_file(
    path: &Path,
    durability: Durability,
    on_wait: &dyn Fn(&Path),
    fill: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
) -> Result<(), WriteError> {
    let (dir, name) = OutDir::open_for_file(path, durability, on_wait)?;
    let staged = dir.stage(&name, fill)?;
    dir.commit(vec![staged])
}

/// Opens `path` for reading only if it is a regular file (a symlink to one is fine) of at
/// most `max_bytes`: FIFOs, devices and directories would hang or never end.
pub fn open_regular(path: &Path, max_bytes: u64) -> Result<File, ReadError> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    // Opening a FIFO for reading blocks until a writer comes; non-blocking, it returns at once.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NONBLOCK);
    let file = opts.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(file_type_name(&meta.file_type())));
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge { len: meta.len(), max: max_bytes });
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: fcntl on a descriptor this function owns; back to blocking reads.
        unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETFL, 0) };
    }
    Ok(file)
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(io::Error),
    #[error("it is a {0}, not a regular file")]
    NotAFile(&'static str),
    #[error("file is {len} bytes, over the limit of {max}")]
    TooLarge { len: u64, max: u64 },
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

fn file_type_name(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    if t.is_dir() { "directory" } else { "special file" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    fn open(dir: &Path) -> OutDir {
        OutDir::open(dir, Durability::Cached, &|_| panic!("nobody else holds it")).unwrap()
    }

    #[test]
    fn commits_every_file_together_with_the_tools_mode_and_no_temporaries() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let out = open(&dir);
        let a = out.stage("a.csv", |w| w.write_all(b"one")).unwrap();
        let b = out.stage("b.csv", |w| w.write_all(b"two")).unwrap();
        assert_eq!(names(&dir).len(), 2, "staged files are temporaries until the commit");
        out.commit(vec![a, b]).unwrap();
        assert_eq!(names(&dir), ["a.csv", "b.csv"]);
        assert_eq!(fs::read(dir.join("b.csv")).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(dir.join("a.csv")).unwrap().permissions().mode() & 0o7777, 0o644);
        }
        assert!(out.stage_if_changed("a.csv", b"one").unwrap().is_none());
    }

    #[test]
    fn temporaries_are_private_and_a_failing_writer_keeps_the_old_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = open(tmp.path());
        out.commit(vec![out.stage("a.csv", |w| w.write_all(b"old")).unwrap()]).unwrap();
        let r = out.stage("a.csv", |w| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let tmp_file = names(tmp.path()).into_iter().find(|n| n.starts_with(TEMP_PREFIX)).unwrap();
                let mode = fs::metadata(tmp.path().join(tmp_file)).unwrap().permissions().mode();
                assert_eq!(mode & 0o077, 0, "a temporary is readable by its owner only");
            }
            w.write_all(b"half")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(r.unwrap_err().to_string().contains("interrupted"));
        assert_eq!(fs::read(tmp.path().join("a.csv")).unwrap(), b"old");
        assert_eq!(names(tmp.path()), ["a.csv"]);
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

    #[test]
    fn one_commit_puts_files_of_subdirectories_in_place_together() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let out = open(dir);
        let staged = vec![
            out.stage("a.csv", |w| w.write_all(b"a")).unwrap(),
            out.stage("bundle/x.parquet", |w| w.write_all(b"x")).unwrap(),
            out.stage("bundle/y.parquet", |w| w.write_all(b"y")).unwrap(),
        ];
        assert_eq!(names(&dir.join("bundle")).len(), 2, "staged files are temporaries until the commit");
        assert!(names(&dir.join("bundle")).iter().all(|n| n.starts_with(TEMP_PREFIX)));
        out.commit(staged).unwrap();
        assert_eq!(names(dir), ["a.csv", "bundle"]);
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
        let e = OutDir::open(&dir, Durability::Cached, &|_| {}).unwrap_err();
        assert!(e.to_string().contains("the journal names \"../victim\", outside the directory"), "{e}");
        assert_eq!(fs::read_to_string(tmp.path().join("victim")).unwrap(), "keep");
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let first = open(tmp.path());
        let waited = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                OutDir::open(tmp.path(), Durability::Cached, &|_| waited.store(true, Ordering::SeqCst)).unwrap()
            });
            while !waited.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            drop(first);
            second.join().unwrap();
        });
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

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: mkfifo on a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(open_regular(&fifo, 10).unwrap_err().to_string(), "it is a FIFO, not a regular file");
        assert_eq!(
            open_regular(Path::new("/dev/zero"), 10).unwrap_err().to_string(),
            "it is a device, not a regular file"
        );
        assert_eq!(open_regular(tmp.path(), 10).unwrap_err().to_string(), "it is a directory, not a regular file");
        let big = tmp.path().join("big");
        fs::write(&big, [0u8; 11]).unwrap();
        assert_eq!(open_regular(&big, 10).unwrap_err().to_string(), "file is 11 bytes, over the limit of 10");
    }
}
