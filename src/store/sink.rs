//! Where the app saves: a notebook file ([`FileSink`], saving on a thread of its own),
//! or nowhere ([`DiscardSink`]).

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::StoreError;
use super::atomic::{Fingerprint, keep_side_copy, save, write_file_atomically};
use super::format::{load, to_json};
use super::layout::recovery_path;
use super::lock::{
    LockError, StopHolder, TAKE_OVER_WAIT, TakeOverError, WriterLock, lock_for_writing, stop_holder,
};

use crate::model::Notebook;

/// Where the app saves its notebook: what the app needs of every kind of place. A
/// notebook in a file can do more (take it over from another talkbook, see it change
/// on disk, keep a recovery copy): [`NotebookSink::file`] gives that. Tests use sinks of
/// their own that fail or wait.
pub trait NotebookSink {
    /// Saves in place: done (or failed) when it returns.
    fn save(&mut self, notebook: &Notebook) -> Result<(), SaveError>;
    /// Starts saving `notebook` without waiting for the disk; false when this sink only
    /// saves in place (then [`NotebookSink::save`] is the way).
    fn start_save(&mut self, notebook: Notebook) -> bool;
    /// How a save begun with [`NotebookSink::start_save`] ended, once it has (`wait`:
    /// until it has); `None` when none is under way or it is still writing.
    fn finished_save(&mut self, wait: bool) -> Option<Result<(), SaveError>>;
    /// Where the notebook goes, for messages.
    fn location(&self) -> String;
    /// The notebook's file, when it is one.
    fn file(&mut self) -> Option<&mut FileSink>;
}

/// Why a save did not happen. The notebook on disk is as it was before.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The file could not be written (a full disk, no permission): the reason alone,
    /// as the status line shows it beside the notebook's name.
    #[error("{source}")]
    Write { path: PathBuf, source: io::Error },
    /// Someone else wrote the file meanwhile, and their version could not be kept
    /// beside it: ours is not written over it.
    #[error("{} changed on disk, and keeping that version beside it failed: {source}", path.display())]
    KeepingTheirs { path: PathBuf, source: io::Error },
    /// The save on its own thread ended before it finished (it panicked).
    #[error("the save stopped before it finished ({0})")]
    Stopped(String),
}

/// Keeps nothing: for benchmarks, examples and tests that do not look at saving.
pub struct DiscardSink;

impl NotebookSink for DiscardSink {
    fn save(&mut self, _: &Notebook) -> Result<(), SaveError> {
        Ok(())
    }

    fn start_save(&mut self, _: Notebook) -> bool {
        false
    }

    fn finished_save(&mut self, _: bool) -> Option<Result<(), SaveError>> {
        None
    }

    fn location(&self) -> String {
        "nowhere".into()
    }

    fn file(&mut self) -> Option<&mut FileSink> {
        None
    }
}

/// Saves to a notebook file with [`save`], holding its writer lock when it has it, and
/// never over a version someone else wrote in the meantime without keeping it.
///
/// Autosaves run on a thread of their own ([`NotebookSink::start_save`]): writing and
/// flushing 2 MB can take seconds on a slow disk (an fsync here once took over a
/// second), and typing must not wait for it. Saves that must be done before going on
/// (Ctrl-S, quitting, a signal) wait for one under way, then save in place.
pub struct FileSink {
    pub path: PathBuf,
    pub lock: Option<WriterLock>,
    /// The file as it was when read or last saved by us.
    pub seen: Option<Fingerprint>,
    notice: Option<String>,
    /// The save running on its own thread, if one is.
    in_flight: Option<std::sync::mpsc::Receiver<Result<Saved, String>>>,
}

/// How a save went: its result, the file as it left it, and anything to tell.
struct Saved {
    result: Result<(), SaveError>,
    seen: Option<Fingerprint>,
    notice: Option<String>,
}

/// Saves `notebook` at `path`, which was `seen` as it is when last read or saved by us:
/// a version someone else wrote since is kept beside it first.
fn save_keeping_theirs(path: &Path, seen: Option<Fingerprint>, notebook: &Notebook) -> Saved {
    let mut notice = None;
    let now = Fingerprint::of(path);
    if now.is_some() && now != seen {
        // Someone else wrote it while we had unsaved notes: keep theirs beside it.
        let side = match keep_side_copy(path) {
            Ok(side) => side,
            Err(source) => {
                let path = path.to_path_buf();
                return Saved {
                    result: Err(SaveError::KeepingTheirs { path, source }),
                    seen,
                    notice,
                };
            }
        };
        let side_name = side.file_name().unwrap_or_default().to_string_lossy();
        notice = Some(format!(
            "Changed on disk meanwhile: that version is kept as {side_name} beside it; yours is saved."
        ));
    }
    match save(path, notebook) {
        Ok(()) => Saved {
            result: Ok(()),
            seen: Fingerprint::of(path),
            notice,
        },
        Err(error) => Saved {
            result: Err(match error {
                StoreError::Write { path, source } => SaveError::Write { path, source },
                // `save` fails only to write; anything else is said as it is.
                other => SaveError::Write {
                    path: path.to_path_buf(),
                    source: io::Error::other(other.to_string()),
                },
            }),
            seen,
            notice,
        },
    }
}

impl FileSink {
    /// A sink for `path`, which was read as it is now (`seen` taken before reading).
    pub fn new(path: PathBuf, lock: Option<WriterLock>, seen: Option<Fingerprint>) -> Self {
        FileSink {
            path,
            lock,
            seen,
            notice: None,
            in_flight: None,
        }
    }

    /// Takes in what a finished save left: the file as it is now, and its notice.
    fn take_in(&mut self, saved: Saved) -> Result<(), SaveError> {
        self.seen = saved.seen;
        if saved.notice.is_some() {
            self.notice = saved.notice;
        }
        saved.result
    }

    fn changed_since_seen(&self) -> bool {
        let now = Fingerprint::of(&self.path);
        now.is_some() && now != self.seen
    }

    /// The notebook as it is on disk now, if something other than this app changed it
    /// since it was read or last saved (an editor, a sync tool, `git pull`).
    pub fn changed_on_disk(&mut self) -> Option<Result<Notebook, StoreError>> {
        if self.in_flight.is_some() || !self.changed_since_seen() {
            return None;
        }
        let seen = Fingerprint::of(&self.path);
        let loaded = load(&self.path);
        if loaded.is_ok() {
            self.seen = seen;
        }
        Some(loaded)
    }

    /// Something the last save did that the person must hear about (a side copy kept).
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    /// Becomes the one writer of a notebook another talkbook holds: asks the holder to
    /// let go first if `stop` says so, waits a moment for it, and reads the notebook as
    /// it left it.
    pub fn take_over(&mut self, stop: Option<StopHolder>) -> Result<Notebook, TakeOverError> {
        if let Some(stop) = stop {
            stop_holder(stop)?;
        }
        let deadline = std::time::Instant::now() + TAKE_OVER_WAIT;
        loop {
            match lock_for_writing(&self.path) {
                Ok(lock) => {
                    // Read only once the lock is ours: what the other one saved last.
                    self.seen = Fingerprint::of(&self.path);
                    let notebook = load(&self.path)?;
                    self.lock = Some(lock);
                    return Ok(notebook);
                }
                Err(LockError::Held { .. })
                    if stop.is_some() && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(error) => return Err(error.into()),
            }
        }
    }

    /// After a crash: writes the notes beside the notebook for the next start to offer;
    /// where they went.
    pub fn write_recovery(&mut self, notebook: &Notebook) -> Result<PathBuf, StoreError> {
        let path = recovery_path(&self.path);
        match write_file_atomically(&path, to_json(notebook).as_bytes()) {
            Ok(()) => Ok(path),
            Err(source) => Err(StoreError::Write { path, source }),
        }
    }
}

impl Drop for FileSink {
    fn drop(&mut self) {
        // The writer lock goes with the sink: a save still writing finishes first, so no
        // other talkbook reads the file before it is complete.
        let _ = self.finished_save(true);
    }
}

impl NotebookSink for FileSink {
    fn save(&mut self, notebook: &Notebook) -> Result<(), SaveError> {
        // One writer at a time: a save under way finishes first (what it wrote is then
        // ours, not someone else's version).
        let _ = self.finished_save(true);
        let saved = save_keeping_theirs(&self.path, self.seen.clone(), notebook);
        self.take_in(saved)
    }

    fn start_save(&mut self, notebook: Notebook) -> bool {
        let _ = self.finished_save(true);
        let (path, seen) = (self.path.clone(), self.seen.clone());
        match crate::worker::spawn("talkbook-save", move || {
            crate::test_hooks::panic_if("save");
            save_keeping_theirs(&path, seen, &notebook)
        }) {
            Ok(result) => {
                self.in_flight = Some(result);
                true
            }
            Err(_) => false,
        }
    }

    fn finished_save(&mut self, wait: bool) -> Option<Result<(), SaveError>> {
        let in_flight = self.in_flight.as_ref()?;
        let saved = if wait {
            in_flight
                .recv()
                .unwrap_or_else(|_| Err("it ended without a word".into()))
        } else {
            match in_flight.try_recv() {
                Ok(saved) => saved,
                Err(std::sync::mpsc::TryRecvError::Empty) => return None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    Err("it ended without a word".into())
                }
            }
        };
        self.in_flight = None;
        Some(match saved {
            Ok(saved) => self.take_in(saved),
            Err(why) => Err(SaveError::Stopped(why)),
        })
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn file(&mut self) -> Option<&mut FileSink> {
        Some(self)
    }
}
