//! Writing files so that a crash leaves the old version or the new one, never a mix: a
//! temporary file, flushed, renamed over the old; the notebook's previous version kept
//! as `.bak`; a version someone else wrote kept beside ours.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::StoreError;
use super::format::to_json;
use super::layout::{backup_path, create_private_dir_all, sibling};
use crate::model::Notebook;

/// What identifies one version of a file without reading it: changed by any write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Fingerprint {
    /// The file's now, or `None` if it is not there.
    pub fn of(path: &Path) -> Option<Fingerprint> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// Keeps the file at `notebook` (a version written by someone else) beside it as
/// `NAME.theirs-20240518-110200.json`, a notebook like any other (`talkbook list`):
/// `-2`, `-3`… after the time when one of that second exists, so no side copy ever
/// replaces another. Returns where it went.
pub fn keep_side_copy(notebook: &Path) -> io::Result<PathBuf> {
    let stem = notebook.file_stem().map_or_else(
        || "notebook".into(),
        |stem| stem.to_string_lossy().into_owned(),
    );
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut source = File::open(notebook)?;
    for n in 1u32.. {
        let name = match n {
            1 => format!("{stem}.theirs-{stamp}.json"),
            n => format!("{stem}.theirs-{stamp}-{n}.json"),
        };
        let side = notebook.with_file_name(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&side) {
            Ok(mut copy) => {
                io::copy(&mut source, &mut copy)?;
                copy.sync_all()?;
                return Ok(side);
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("no free name for a side copy"))
}

/// Renames a file out of the way (`<name>-set-aside-<time>`) without deleting it.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let target = sibling(
        path,
        &format!(
            "-set-aside-{}",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ),
    );
    fs::rename(path, &target)?;
    Ok(target)
}

/// Saves a notebook: atomically, durably, keeping the previous version as `.bak`.
pub fn save(path: &Path, notebook: &Notebook) -> Result<(), StoreError> {
    write_atomically(path, to_json(notebook).as_bytes()).map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a notebook's `bytes` to a temporary file beside `path`, flushes it to disk,
/// keeps the old file as `<path>.bak`, renames the new one over `path` and flushes the
/// directory. After a crash the file is the old or the new version, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A notebook linked into the data directory (ln -s ~/Sync/conf.json) is written where
    // the link points, beside its target, so the target keeps getting the notes.
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    replace_file(&path, bytes, true)
}

/// Writes a file of talkbook's own that is not a notebook (a recovery or rescue copy,
/// `state.json`) the same atomic way, without a `.bak`; a link planted at its name is
/// replaced by the file, never written through.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_file(path, bytes, false)
}

fn replace_file(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir_all(&dir)?;
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?
        .to_string_lossy()
        .into_owned();
    // A new file with a random name (O_EXCL, 0600): nothing planted at a name we could
    // have guessed is ever written through.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if backup && fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()) {
        keep_backup(path)?;
    }
    // A rename replaces whatever is at the name, a link included, and follows nothing.
    temp.persist(path).map_err(|error| error.error)?;
    sync_dir(&dir)
}

/// The end of the temporary files saves write (`.NAME.json.XXXXXX.tmp`).
const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `<path>.bak` with the current file, so that there is a `.bak` at every
/// moment: the new one is made under a temporary name and renamed over the old.
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let dir = backup.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // Named after its notebook, so only that notebook's lock holder clears it up.
    let staged = tempfile::Builder::new()
        .prefix(&format!(".{name}.bak."))
        .suffix(TEMP_SUFFIX)
        .make_in(dir, |staged| {
            // A hard link is instant and needs no space; copy where links are not
            // supported.
            fs::hard_link(path, staged).or_else(|_| fs::copy(path, staged).map(|_| ()))
        })?;
    staged.persist(&backup).map_err(|error| error.error)?;
    Ok(())
}

/// Removes what interrupted saves of `notebook` left (`.NAME.json.*.tmp`). Taking the
/// writer lock calls it: only the lock's holder writes the notebook, so every such file
/// is a leftover. Links are never followed, only removed.
pub fn remove_leftovers(notebook: &Path) -> usize {
    let (Some(dir), Some(name)) = (notebook.parent(), notebook.file_name()) else {
        return 0;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix)
            && file_name.ends_with(TEMP_SUFFIX)
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
