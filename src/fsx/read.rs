//! Reading only regular files, with a size cap: FIFOs, devices and directories would hang or
//! never end.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// Opens `path` for reading only if it is a regular file (a symlink to one is fine) of at
/// most `max_bytes`.
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
