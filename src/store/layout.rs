//! Where a notebook's companions lie: its backup, lock, recovery copy and the files of
//! a note out in an editor sit beside it (`NAME.json.bak`, `.lock`, `.recovery`,
//! `.editing.md`); folders talkbook makes are the owner's only.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub fn lock_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".lock")
}

/// `<notebook>.recovery`: unsaved notes written after a crash.
pub fn recovery_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".recovery")
}

pub fn backup_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".bak")
}

pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `NAME.json.editing.md`: the file the editor writes.
pub fn editing_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".editing.md")
}

pub(super) fn editing_note_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".editing")
}

/// `$TMPDIR/talkbook-<uid>`, made 0700 if missing; `None` if it is not a folder of
/// ours (a link, or someone else's).
pub(super) fn private_temp_dir() -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // SAFETY: getuid has no preconditions.
        let uid = unsafe { libc::getuid() };
        let dir = std::env::temp_dir().join(format!("talkbook-{uid}"));
        let _ = create_private_dir_all(&dir);
        let meta = fs::symlink_metadata(&dir).ok()?;
        (meta.is_dir() && meta.uid() == uid).then_some(dir)
    }
    #[cfg(not(unix))]
    {
        Some(std::env::temp_dir().join("talkbook"))
    }
}

/// Makes `dir` and any missing parents readable by the owner only (0700, whatever the
/// umask), so nobody else can plant files or links beside the notebooks.
pub(super) fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
