//! One writer per notebook: the OS lock on `NAME.json.lock`, who holds it, and asking
//! that talkbook to let go (a take-over).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::atomic::remove_leftovers;
use super::layout::{create_private_dir_all, lock_path};

/// Proof that this process is the one writer of a notebook: an OS lock on
/// `<notebook>.lock`, released when this value is dropped or the process dies (so a
/// killed talkbook never leaves a lock behind). The lock is on a separate file because
/// every save renames a new file over the notebook itself.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// Why a notebook could not be locked for writing.
#[derive(Debug, Error)]
pub enum LockError {
    #[error("{} is {}", notebook.display(), open_elsewhere(*holder))]
    Held {
        notebook: PathBuf,
        /// The holder's process, as its lock file says (when that reads as one).
        holder: Option<Pid>,
    },
    #[error("cannot lock {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// A process id read from a lock file, checked to name one process: a number that
/// fits the system's process ids and is above 1. (Sent a signal, 0 means our own
/// process group, -1 every process we may signal, and a number past `i32::MAX` turns
/// negative: a group. 1 is init.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pid(i32);

impl Pid {
    /// The process id in `text` (a lock file's content), if it is one.
    pub fn parse(text: &str) -> Option<Pid> {
        let number: i64 = text.trim().parse().ok()?;
        let pid = i32::try_from(number).ok()?;
        (pid > 1).then_some(Pid(pid))
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

impl std::fmt::Display for Pid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// `open in another talkbook (process 123)`, for messages and the read-only banner.
pub fn open_elsewhere(holder: Option<Pid>) -> String {
    match holder {
        Some(pid) => format!("open in another talkbook (process {pid})"),
        None => "open in another talkbook".to_string(),
    }
}

/// Takes the writer lock of a notebook, or says who holds it.
pub fn lock_for_writing(notebook: &Path) -> Result<WriterLock, LockError> {
    let path = lock_path(notebook);
    let io_error = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir_all(dir).map_err(io_error)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Readable by the owner only, like the notebook (the umask can only narrow it),
        // and never through a link planted at the lock's name.
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(&path).map_err(io_error)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            // From the file we opened (not by name again), and only as much as a pid.
            let mut text = String::new();
            let _ = io::Read::read_to_string(&mut io::Read::take(&file, 32), &mut text);
            return Err(LockError::Held {
                notebook: notebook.to_path_buf(),
                holder: Pid::parse(&text),
            });
        }
        Err(fs::TryLockError::Error(source)) => return Err(io_error(source)),
    }
    // Who holds it, for the other instance's message; only informative.
    let _ = file.set_len(0);
    let _ = write!(file, "{}", std::process::id());
    // Ours to write now: what interrupted saves left can go.
    remove_leftovers(notebook);
    Ok(WriterLock { _file: file })
}

/// How to ask the talkbook that holds a notebook to let go of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopHolder {
    pub pid: Pid,
    /// SIGKILL for a holder that did not answer SIGTERM (its unsaved changes are lost;
    /// what it saved stays).
    pub force: bool,
}

/// How long a take-over waits for the other talkbook to save and quit.
pub const TAKE_OVER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Why a take-over did not happen.
#[derive(Debug, Error)]
pub enum TakeOverError {
    #[error("process {pid} is not a talkbook; not signalling it")]
    NotATalkbook { pid: Pid },
    #[error("cannot signal process {pid}: {source}")]
    Signal { pid: Pid, source: io::Error },
    /// Windows has no signal to ask a program to save and quit.
    #[error("this system cannot ask another talkbook to quit: quit it in its own window")]
    NoSignals,
    /// The holder did not let go (in time), or the lock cannot be taken.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// Taken, but the notebook as the holder left it cannot be read.
    #[error(transparent)]
    Load(#[from] super::StoreError),
}

/// Asks the talkbook `stop` names to save and quit (SIGTERM), or stops it at once
/// (SIGKILL) with `force`, once its process is seen to be a talkbook.
pub fn stop_holder(stop: StopHolder) -> Result<(), TakeOverError> {
    let StopHolder { pid, force } = stop;
    if !is_talkbook(pid) {
        return Err(TakeOverError::NotATalkbook { pid });
    }
    #[cfg(unix)]
    {
        let signal = if force { libc::SIGKILL } else { libc::SIGTERM };
        // SAFETY: kill has no memory effects; `pid` names one process (see `Pid`).
        if unsafe { libc::kill(pid.get(), signal) } != 0 {
            let source = io::Error::last_os_error();
            return Err(TakeOverError::Signal { pid, source });
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = force;
        Err(TakeOverError::NoSignals)
    }
}

/// Whether `pid` is a running talkbook (on Linux, by its command line), so a stale or
/// planted process id in a lock file never gets another program signalled.
fn is_talkbook(pid: Pid) -> bool {
    match fs::read(format!("/proc/{pid}/cmdline")) {
        Ok(cmdline) => cmdline
            .split(|&byte| byte == 0)
            .next()
            .and_then(|program| {
                Path::new(std::str::from_utf8(program).ok()?)
                    .file_name()
                    .map(|name| name.to_owned())
            })
            .is_some_and(|name| name.to_string_lossy().starts_with("talkbook")),
        // No /proc: trust the lock, which only a running process can hold.
        Err(_) => !Path::new("/proc/self").exists(),
    }
}
