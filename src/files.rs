//! Reading a file that someone else may have put there: a schedule, a notes file, a
//! notebook, the settings. Opened without waiting (a FIFO named like a notebook would
//! block a plain open until someone writes to it), refused unless it is a regular file
//! (checked on the open file, so nothing can be swapped in between), and never read past
//! a limit (a link to `/dev/zero` would otherwise fill the memory).

use std::io::Read as _;
use std::path::Path;

use thiserror::Error;

/// Why a file was not read.
#[derive(Debug, Error)]
pub enum FileRefusal {
    #[error("no such file")]
    NotFound,
    #[error("not a regular file (a pipe, a device or a folder)")]
    NotAFile,
    #[error("larger than the {} limit", size(*.0))]
    TooLarge(u64),
    #[error("{0}")]
    Read(std::io::Error),
}

/// `50 MB`, `64 KB`, `100 bytes`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => format!("{} MB", b / 1024 / 1024),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, FileRefusal> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => FileRefusal::NotFound,
        _ => FileRefusal::Read(error),
    })?;
    if !file.metadata().is_ok_and(|meta| meta.is_file()) {
        return Err(FileRefusal::NotAFile);
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(FileRefusal::Read)?;
    if bytes.len() as u64 > limit {
        return Err(FileRefusal::TooLarge(limit));
    }
    Ok(bytes)
}

/// Like [`read_regular_file`], as UTF-8 text (a byte-order mark is dropped); `None` in
/// the `Ok` when it is not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<Option<String>, FileRefusal> {
    let bytes = read_regular_file(path, limit)?;
    Ok(String::from_utf8(bytes)
        .ok()
        .map(|text| match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn pipes_devices_folders_and_huge_files_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.json");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular_file(&fifo, 100),
            Err(FileRefusal::NotAFile)
        ));
        let zero = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_regular_file(&zero, 100),
            Err(FileRefusal::NotAFile)
        ));
        assert!(matches!(
            read_regular_file(dir.path(), 100),
            Err(FileRefusal::NotAFile)
        ));
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; 101]).unwrap();
        let refused = read_regular_file(&big, 100).unwrap_err();
        assert_eq!(refused.to_string(), "larger than the 100 bytes limit");
        assert_eq!(read_regular_file(&big, 101).unwrap().len(), 101);
        assert!(matches!(
            read_regular_file(&dir.path().join("none"), 1),
            Err(FileRefusal::NotFound)
        ));
        std::fs::write(&big, "\u{feff}{}").unwrap();
        assert_eq!(read_text(&big, 100).unwrap().as_deref(), Some("{}"));
        std::fs::write(&big, [0xff, 0xfe]).unwrap();
        assert_eq!(read_text(&big, 100).unwrap(), None);
    }
}
