//! Where notebooks live and how they are read and written.
//!
//! Layout of the data directory (`$XDG_DATA_HOME/talkbook` on Linux, or `--data-dir`):
//! `notebooks/<name>.json` (one per notebook, pretty JSON), `notebooks/<name>.json.bak`
//! (the version before the last save) and `state.json` (which notebook was opened last).
//!
//! A file that cannot be parsed is never written to: loading fails with the path, line
//! and column, and nothing here writes a notebook that was not loaded successfully.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use chrono::Datelike as _;

use crate::files::{self, FileRefusal};
use crate::model::{FORMAT_VERSION, Notebook, years};

/// The bundled demo: the PyCon US 2024 Saturday from the example notes, without notes.
pub const DEMO_NOTEBOOK_JSON: &str = include_str!("../assets/demo-notebook.json");
pub const DEMO_NOTEBOOK_NAME: &str = "pycon-us-2024";

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no notebook at {}", path.display())]
    NotFound { path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot read {}: {why}", path.display())]
    Refused { path: PathBuf, why: FileRefusal },
    #[error("cannot read {}: it is not text (UTF-8)", path.display())]
    NotText { path: PathBuf },
    #[error(
        "{}:{line}:{column}: not a valid talkbook notebook: {message} (the file was left unchanged{hint})",
        path.display()
    )]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        /// Where a good copy may be, e.g. "; the version before the last save is in X.bak".
        hint: String,
    },
    #[error(
        "{} was written by a newer talkbook (format version {found}; this one understands up to {FORMAT_VERSION}); the file was left unchanged",
        path.display()
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("cannot save {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "invalid notebook name {name:?}: use letters, digits, '-', '_' and '.', not starting with '.'"
    )]
    BadName { name: String },
    #[error(
        "invalid notebook name {name:?}: a name ending in .json reads as a file's path; leave the .json out"
    )]
    NameLikeAFile { name: String },
    #[error("a notebook named {name:?} already exists at {}", path.display())]
    Exists { name: String, path: PathBuf },
}

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
    #[error("{} is {}", notebook.display(), open_elsewhere(holder))]
    Held {
        notebook: PathBuf,
        holder: Option<String>,
    },
    #[error("cannot lock {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// `open in another talkbook (process 123)`, for messages and the read-only banner.
pub fn open_elsewhere(holder: &Option<String>) -> String {
    match holder {
        Some(pid) => format!("open in another talkbook (process {pid})"),
        None => "open in another talkbook".to_string(),
    }
}

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

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
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
            let holder = Some(text.trim().to_string()).filter(|pid| !pid.is_empty());
            return Err(LockError::Held {
                notebook: notebook.to_path_buf(),
                holder,
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

/// One line of `talkbook list`.
#[derive(Debug, Clone, PartialEq)]
pub struct NotebookSummary {
    pub name: String,
    pub path: PathBuf,
    /// The notebook, or why it could not be read.
    pub content: Result<(String, usize, usize), String>,
}

/// Where the app saves its notebook. Behind a trait so tests can use one that fails.
pub trait NotebookSink {
    fn save(&mut self, notebook: &Notebook) -> Result<(), String>;
    /// Where the notebook goes, for messages.
    fn location(&self) -> String;
    /// The notebook's file, when it has one (a rescue copy is named after it).
    fn file(&self) -> Option<&Path> {
        None
    }
    /// After a crash: write the notes beside the notebook for the next start to offer.
    fn write_recovery(&mut self, _notebook: &Notebook) -> Result<String, String> {
        Err("this notebook has no place for a recovery copy".into())
    }
    /// Becomes the one writer of a notebook another talkbook holds: asks the holder to
    /// let go first if `stop` says so, waits a moment for it, and reads the notebook as
    /// it left it.
    fn take_over(&mut self, _stop: Option<StopHolder>) -> Result<Notebook, String> {
        Err("this notebook cannot be taken over".into())
    }
    /// The notebook as it is on disk now, if something other than this app changed it
    /// since it was read or last saved (an editor, a sync tool, `git pull`).
    fn changed_on_disk(&mut self) -> Option<Result<Notebook, String>> {
        None
    }
    /// Something the last save did that the person must hear about (a side copy kept).
    fn take_notice(&mut self) -> Option<String> {
        None
    }
    /// Starts saving `notebook` without waiting for the disk; false when this sink only
    /// saves in place (then [`NotebookSink::save`] is the way).
    fn start_save(&mut self, _notebook: Notebook) -> bool {
        false
    }
    /// How a save begun with [`NotebookSink::start_save`] ended, once it has (`wait`:
    /// until it has); `None` when none is under way or it is still writing.
    fn finished_save(&mut self, _wait: bool) -> Option<Result<(), String>> {
        None
    }
}

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

/// How to ask the talkbook that holds a notebook to let go of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopHolder {
    pub pid: u32,
    /// SIGKILL for a holder that did not answer SIGTERM (its unsaved changes are lost;
    /// what it saved stays).
    pub force: bool,
}

/// How long a take-over waits for the other talkbook to save and quit.
pub const TAKE_OVER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Whether `pid` is a running talkbook (on Linux, by its command line), so a stale or
/// planted process id in a lock file never gets another program signalled.
fn is_talkbook(pid: u32) -> bool {
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

/// The places a rescue copy may go, in the order they are tried: a private folder in
/// the temporary directory, the home directory, the current directory.
fn rescue_places() -> Vec<PathBuf> {
    // In a folder of our own inside the shared temporary directory, never in it
    // directly, where another user could have planted a link at the name.
    let mut places: Vec<PathBuf> = private_temp_dir().into_iter().collect();
    places.extend(directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf()));
    places.push(PathBuf::from("."));
    places
}

/// `talkbook-rescue-NAME-1a2b3c4d-`: how the rescue copies of the notebook at `notebook`
/// begin (the number tells notebooks of the same name in other folders apart).
fn rescue_prefix(notebook: &Path) -> String {
    let stem = notebook
        .file_stem()
        .map_or_else(|| "notebook".into(), |stem| stem.to_string_lossy());
    let absolute = std::path::absolute(notebook).unwrap_or_else(|_| notebook.to_path_buf());
    // FNV-1a: the same number for the same path in every build.
    let hash = absolute
        .to_string_lossy()
        .bytes()
        .fold(0x811c_9dc5_u32, |hash, byte| {
            (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
        });
    format!("talkbook-rescue-{stem}-{hash:08x}-")
}

/// Writes a notebook where it can when its own file at `notebook` cannot be written:
/// the temporary directory, then the home directory, then the current one. Returns the
/// path. The next start of that notebook finds it ([`pending_rescue`]) and offers it.
pub fn write_rescue_copy(notebook: &Notebook, notebook_file: &Path) -> io::Result<PathBuf> {
    let name = format!(
        "{}{}-{}.json",
        rescue_prefix(notebook_file),
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id(),
    );
    let json = to_json(notebook);
    let mut last_error = io::Error::other("nowhere to write");
    for dir in rescue_places() {
        let path = dir.join(&name);
        match write_file_atomically(&path, json.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(error) => last_error = error,
        }
    }
    Err(last_error)
}

/// The newest rescue copy of the notebook at `notebook` that a talkbook left when it
/// could not save (the terminal gone as well, nobody saw the message): to offer at start.
pub fn pending_rescue(notebook: &Path) -> Option<PathBuf> {
    let prefix = rescue_prefix(notebook);
    rescue_places()
        .iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flatten()
        .flatten()
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".json")
        })
        .map(|entry| entry.path())
        // The time in the name sorts them: the newest last.
        .max_by_key(|path| path.file_name().map(|name| name.to_owned()))
}

/// A note handed to the person's own editor (`E`, Ctrl-G): the file it is written in
/// lies beside the notebook (`NAME.json.editing.md`, with `NAME.json.editing` saying
/// which note and what it held), so that a talkbook stopped while the editor runs (a
/// take-over's SIGKILL, a crash) leaves the editor's work where the next start finds
/// it ([`left_in_an_editor`]), never in an anonymous temporary file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditInProgress {
    pub note: crate::model::NoteRef,
    /// The note as it was handed over.
    pub original: String,
}

/// `NAME.json.editing.md`: the file the editor writes.
pub fn editing_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".editing.md")
}

fn editing_note_path(notebook: &Path) -> PathBuf {
    sibling(notebook, ".editing")
}

/// Writes `text` for the editor beside `notebook`, and which note it is; returns the
/// file to give the editor.
pub fn begin_external_edit(notebook: &Path, edit: &EditInProgress) -> io::Result<PathBuf> {
    let about = serde_json::to_string(edit).map_err(io::Error::other)?;
    write_file_atomically(&editing_note_path(notebook), about.as_bytes())?;
    let file = editing_path(notebook);
    write_file_atomically(&file, format!("{}\n", edit.original).as_bytes())?;
    Ok(file)
}

/// The editor's work is taken in (or was left as it was): both files go.
pub fn end_external_edit(notebook: &Path) {
    let _ = fs::remove_file(editing_path(notebook));
    let _ = fs::remove_file(editing_note_path(notebook));
}

/// What an editor left beside `notebook` when talkbook stopped while it ran: the note,
/// what it held then, and what the editor's file holds now. `None` when there is
/// nothing, or nothing new (then the files are cleared away).
pub fn left_in_an_editor(notebook: &Path) -> Option<(EditInProgress, String)> {
    let about = files::read_text(&editing_note_path(notebook), MAX_NOTEBOOK_BYTES).ok()??;
    let edit: EditInProgress = serde_json::from_str(&about).ok()?;
    let text = files::read_text(&editing_path(notebook), MAX_NOTEBOOK_BYTES).ok()??;
    let text = text.replace("\r\n", "\n");
    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
    if text == edit.original {
        end_external_edit(notebook);
        return None;
    }
    Some((edit, text))
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

/// Keeps nothing: for benchmarks, examples and tests that do not look at saving.
pub struct DiscardSink;

impl NotebookSink for DiscardSink {
    fn save(&mut self, _: &Notebook) -> Result<(), String> {
        Ok(())
    }

    fn location(&self) -> String {
        "nowhere".into()
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
    result: Result<(), String>,
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
            Err(error) => {
                return Saved {
                    result: Err(format!(
                        "{} changed on disk, and keeping that version beside it failed: {error}",
                        path.display(),
                    )),
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
                StoreError::Write { source, .. } => source.to_string(),
                other => other.to_string(),
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
    fn take_in(&mut self, saved: Saved) -> Result<(), String> {
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
}

impl Drop for FileSink {
    fn drop(&mut self) {
        // The writer lock goes with the sink: a save still writing finishes first, so no
        // other talkbook reads the file before it is complete.
        let _ = self.finished_save(true);
    }
}

impl NotebookSink for FileSink {
    fn save(&mut self, notebook: &Notebook) -> Result<(), String> {
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

    fn finished_save(&mut self, wait: bool) -> Option<Result<(), String>> {
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
            Err(why) => Err(format!("the save stopped before it finished ({why})")),
        })
    }

    fn changed_on_disk(&mut self) -> Option<Result<Notebook, String>> {
        if self.in_flight.is_some() || !self.changed_since_seen() {
            return None;
        }
        let seen = Fingerprint::of(&self.path);
        let loaded = load(&self.path).map_err(|error| error.to_string());
        if loaded.is_ok() {
            self.seen = seen;
        }
        Some(loaded)
    }

    fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn file(&self) -> Option<&Path> {
        Some(&self.path)
    }

    fn take_over(&mut self, stop: Option<StopHolder>) -> Result<Notebook, String> {
        if let Some(StopHolder { pid, force }) = stop {
            if !is_talkbook(pid) {
                return Err(format!(
                    "process {pid} is not a talkbook; not signalling it"
                ));
            }
            let signal = if force { libc::SIGKILL } else { libc::SIGTERM };
            // SAFETY: kill has no memory effects; the pid was checked to be a talkbook.
            unsafe { libc::kill(pid as libc::pid_t, signal) };
        }
        let deadline = std::time::Instant::now() + TAKE_OVER_WAIT;
        loop {
            match lock_for_writing(&self.path) {
                Ok(lock) => {
                    // Read only once the lock is ours: what the other one saved last.
                    self.seen = Fingerprint::of(&self.path);
                    let notebook = load(&self.path).map_err(|error| error.to_string())?;
                    self.lock = Some(lock);
                    return Ok(notebook);
                }
                Err(LockError::Held { .. })
                    if stop.is_some() && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(error) => return Err(error.to_string()),
            }
        }
    }

    fn write_recovery(&mut self, notebook: &Notebook) -> Result<String, String> {
        let path = recovery_path(&self.path);
        write_file_atomically(&path, to_json(notebook).as_bytes())
            .map(|()| path.display().to_string())
            .map_err(|error| format!("cannot write {}: {error}", path.display()))
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    #[serde(default)]
    last_opened: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
}

impl Store {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Store {
            data_dir: data_dir.into(),
        }
    }

    /// The platform's data directory for talkbook, e.g. `~/.local/share/talkbook`.
    pub fn default_data_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "talkbook").map(|dirs| dirs.data_dir().to_path_buf())
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn notebooks_dir(&self) -> PathBuf {
        self.data_dir.join("notebooks")
    }

    pub fn path_for(&self, name: &str) -> Result<PathBuf, StoreError> {
        validate_name(name)?;
        Ok(self.file_of(name))
    }

    /// The file of a notebook named by [`Store::names`] (which are valid names).
    pub fn file_of(&self, name: &str) -> PathBuf {
        self.notebooks_dir().join(format!("{name}.json"))
    }

    /// A notebook argument is a name in the data directory, or a path to a `.json` file.
    /// A name is looked for first: a notebook made as `conf.json` by an older talkbook
    /// (now refused at creation) is still found by its name.
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, StoreError> {
        let looks_like_path = name_or_path.contains(std::path::MAIN_SEPARATOR)
            || name_or_path.contains('/')
            || name_or_path.ends_with(".json");
        if !looks_like_path {
            return self.path_for(name_or_path);
        }
        match self.path_for(name_or_path) {
            Ok(named) if named.is_file() => Ok(named),
            _ => Ok(PathBuf::from(name_or_path)),
        }
    }

    /// Names of the notebooks in the data directory, sorted.
    pub fn names(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.notebooks_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Read { path: dir, source }),
        };
        let mut names: Vec<String> = entries
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".json")?;
                validate_name(stem).ok()?;
                Some(stem.to_string())
            })
            .collect();
        names.sort();
        Ok(names)
    }

    pub fn list(&self) -> Result<Vec<NotebookSummary>, StoreError> {
        Ok(self
            .names()?
            .into_iter()
            .map(|name| {
                let path = self.file_of(&name);
                let content = load(&path)
                    .map(|nb| (nb.title.clone(), nb.days.len(), nb.talk_count()))
                    .map_err(|error| error.to_string());
                NotebookSummary {
                    name,
                    path,
                    content,
                }
            })
            .collect())
    }

    /// Creates a new notebook file; refuses to replace an existing one, and a name that
    /// would read as a path (`conf.json`).
    pub fn create(&self, name: &str, notebook: &Notebook) -> Result<PathBuf, StoreError> {
        if name.to_ascii_lowercase().ends_with(".json") {
            return Err(StoreError::NameLikeAFile {
                name: name.to_string(),
            });
        }
        let path = self.path_for(name)?;
        if path.exists() {
            return Err(StoreError::Exists {
                name: name.to_string(),
                path,
            });
        }
        save(&path, notebook)?;
        Ok(path)
    }

    /// The notebook opened last, if it still exists; otherwise the only one there is.
    pub fn default_notebook(&self) -> Result<Option<String>, StoreError> {
        let names = self.names()?;
        if let Some(last) = self.read_state().last_opened
            && names.contains(&last)
        {
            return Ok(Some(last));
        }
        Ok(names.into_iter().next())
    }

    /// Writes the bundled demo notebook if there is no notebook at all (first run).
    /// Returns its name when it was installed.
    pub fn install_demo_if_empty(&self) -> Result<Option<String>, StoreError> {
        if !self.names()?.is_empty() {
            return Ok(None);
        }
        let notebook = demo_notebook();
        self.create(DEMO_NOTEBOOK_NAME, &notebook)?;
        Ok(Some(DEMO_NOTEBOOK_NAME.to_string()))
    }

    fn state_path(&self) -> PathBuf {
        self.data_dir.join("state.json")
    }

    fn read_state(&self) -> State {
        // The state file only remembers a convenience; a damaged one is ignored.
        files::read_text(&self.state_path(), 64 * 1024)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn remember_last_opened(&self, name: &str) -> Result<(), StoreError> {
        let state = State {
            last_opened: Some(name.to_string()),
        };
        let path = self.state_path();
        let mut json = serde_json::to_string_pretty(&state).expect("state serializes");
        json.push('\n');
        write_file_atomically(&path, json.as_bytes())
            .map_err(|source| StoreError::Write { path, source })
    }
}

pub fn validate_name(name: &str) -> Result<(), StoreError> {
    let valid = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if valid {
        Ok(())
    } else {
        Err(StoreError::BadName {
            name: name.to_string(),
        })
    }
}

pub fn demo_notebook() -> Notebook {
    parse(Path::new("assets/demo-notebook.json"), DEMO_NOTEBOOK_JSON)
        .expect("the bundled demo notebook is valid")
}

/// The largest notebook talkbook reads: a conference of thousands of talks with years of
/// notes is a few megabytes; a link to `/dev/zero` or a runaway file is refused.
pub const MAX_NOTEBOOK_BYTES: u64 = 256 * 1024 * 1024;

/// The text of a notebook file: a regular file, UTF-8 (with or without a byte-order
/// mark), at most [`MAX_NOTEBOOK_BYTES`].
pub fn read_notebook_text(path: &Path) -> Result<String, StoreError> {
    match files::read_text(path, MAX_NOTEBOOK_BYTES) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(StoreError::NotText {
            path: path.to_path_buf(),
        }),
        Err(FileRefusal::NotFound) => Err(StoreError::NotFound {
            path: path.to_path_buf(),
        }),
        Err(why) => Err(StoreError::Refused {
            path: path.to_path_buf(),
            why,
        }),
    }
}

/// Reads and parses a notebook file.
pub fn load(path: &Path) -> Result<Notebook, StoreError> {
    parse(path, &read_notebook_text(path)?)
}

/// Parses notebook JSON; `path` is only used in error messages.
pub fn parse(path: &Path, text: &str) -> Result<Notebook, StoreError> {
    let refused = |(line, column), message| {
        let backup = backup_path(path);
        let hint = if backup.is_file() {
            format!(
                "; the version before the last save is in {}",
                backup.display()
            )
        } else {
            String::new()
        };
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
            hint,
        }
    };
    let parse_error = |error: serde_json::Error| {
        refused(
            (error.line(), error.column()),
            strip_position(&error.to_string()),
        )
    };
    // Another editor may have saved it with a byte-order mark: read it all the same.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Check the version before the layout, so a newer file gets the right message even
    // when its fields no longer match ours.
    #[derive(Deserialize)]
    struct Version {
        format_version: u32,
    }
    let version: Version = serde_json::from_str(text).map_err(parse_error)?;
    if version.format_version > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version.format_version,
        });
    }
    let mut notebook: Notebook = serde_json::from_str(text).map_err(parse_error)?;
    if let Some(date) = notebook.first_date_out_of_range() {
        // Dates are written `"+262142-12-31` (a day) or `"+262142-12-31T10:00:00`.
        let at = text.find(&format!("\"{date}")).map_or(0, |at| at + 1);
        return Err(refused(
            crate::text::line_column(text, at),
            years::out_of_range(date.year()),
        ));
    }
    notebook.normalize();
    Ok(notebook)
}

/// Reads a notebook written by a newer talkbook, as far as this one understands it, for
/// showing read-only. `None` if its layout is beyond what this version can read.
pub fn load_newer_for_reading(path: &Path) -> Option<Notebook> {
    let text = read_notebook_text(path).ok()?;
    let mut notebook: Notebook = serde_json::from_str(&text).ok()?;
    notebook.normalize();
    Some(notebook)
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => message.to_string(),
    }
}

pub fn to_json(notebook: &Notebook) -> String {
    let mut json = serde_json::to_string_pretty(notebook).expect("notebooks always serialize");
    json.push('\n');
    json
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

/// `$TMPDIR/talkbook-<uid>`, made 0700 if missing; `None` if it is not a folder of
/// ours (a link, or someone else's).
fn private_temp_dir() -> Option<PathBuf> {
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
fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TalkState;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        (dir, store)
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_file_and_the_folders_made_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let notebook = dir.path().join("data/notebooks/talk.json");
        let _lock = lock_for_writing(&notebook).unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&lock_path(&notebook)), 0o600);
        assert_eq!(mode(&dir.path().join("data")), 0o700);
        assert_eq!(mode(&dir.path().join("data/notebooks")), 0o700);
        save(&notebook, &Notebook::new("t", "")).unwrap();
        assert_eq!(mode(&notebook), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_lock_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let notebook = dir.path().join("talk.json");
        std::os::unix::fs::symlink(&victim, lock_path(&notebook)).unwrap();
        assert!(lock_for_writing(&notebook).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[test]
    fn side_copies_made_in_the_same_second_never_replace_each_other() {
        let (_dir, store) = store();
        let path = store.create("talk", &demo_notebook()).unwrap();
        let mut sides = Vec::new();
        for version in 0..5 {
            fs::write(&path, format!("version {version}")).unwrap();
            sides.push(keep_side_copy(&path).unwrap());
        }
        let kept: Vec<String> = sides
            .iter()
            .map(|s| fs::read_to_string(s).unwrap())
            .collect();
        assert_eq!(
            kept,
            (0..5).map(|v| format!("version {v}")).collect::<Vec<_>>()
        );
        let names: std::collections::HashSet<_> = sides.iter().collect();
        assert_eq!(names.len(), 5);
    }

    #[cfg(unix)]
    #[test]
    fn links_planted_at_the_recovery_copy_and_the_state_file_are_replaced_not_followed() {
        let (dir, store) = store();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let notebook = store.create("talk", &demo_notebook()).unwrap();
        std::os::unix::fs::symlink(&victim, recovery_path(&notebook)).unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("state.json")).unwrap();
        let mut sink = FileSink::new(notebook.clone(), None, None);
        sink.write_recovery(&demo_notebook()).unwrap();
        store.remember_last_opened("talk").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            fs::symlink_metadata(recovery_path(&notebook))
                .unwrap()
                .is_file()
        );
        assert_eq!(store.default_notebook().unwrap().as_deref(), Some("talk"));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_notebook_is_saved_where_the_link_points() {
        let dir = tempfile::tempdir().unwrap();
        let synced = dir.path().join("Sync");
        fs::create_dir(&synced).unwrap();
        let target = synced.join("conf.json");
        save(&target, &Notebook::new("before", "")).unwrap();
        fs::create_dir(dir.path().join("notebooks")).unwrap();
        let link = dir.path().join("notebooks/conf.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        save(&link, &Notebook::new("after", "")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(load(&target).unwrap().title, "after");
        assert_eq!(load(&backup_path(&target)).unwrap().title, "before");
    }

    #[test]
    fn leftovers_of_interrupted_saves_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let notebook = dir.path().join("talk.json");
        save(&notebook, &Notebook::new("t", "")).unwrap();
        save(&notebook, &Notebook::new("t2", "")).unwrap();
        for name in [".talk.json.a1B2c3.tmp", ".talk.json.bak.x9Y8z7.tmp"] {
            fs::write(dir.path().join(name), "half a save").unwrap();
        }
        // Another notebook's, which its own talkbook may be writing right now.
        fs::write(dir.path().join(".other.json.q1w2e3.tmp"), "another's").unwrap();
        fs::write(dir.path().join(".other.json.bak.r4t5y6.tmp"), "another's").unwrap();
        assert_eq!(remove_leftovers(&notebook), 2);
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                ".other.json.bak.r4t5y6.tmp",
                ".other.json.q1w2e3.tmp",
                "talk.json",
                "talk.json.bak"
            ]
        );
    }

    #[test]
    fn round_trip_preserves_everything() {
        let (_dir, store) = store();
        let mut notebook = demo_notebook();
        let id = notebook.days[0].talks[1].id.clone();
        let talk = notebook.talk_mut(&id).unwrap();
        talk.notes = "emoji 🐍, tabs\tand\nlines\n- [ ] follow up".into();
        talk.state = TalkState::Attended;
        notebook.days[0].notes = "hallway".into();
        let path = store.create("conf", &notebook).unwrap();
        assert_eq!(load(&path).unwrap(), notebook);
    }

    #[test]
    fn json_is_pretty_with_a_stable_field_order() {
        let json = to_json(&demo_notebook());
        assert!(json.starts_with("{\n  \"format_version\": 1,\n  \"title\": "));
        let talk_fields = [
            "\"id\"",
            "\"start\"",
            "\"end\"",
            "\"title\"",
            "\"speakers\"",
            "\"room\"",
            "\"track\"",
            "\"abstract\"",
            "\"link\"",
            "\"state\"",
            "\"notes\"",
        ];
        let (_, first_talk) = json.split_once("\"talks\"").unwrap();
        let positions: Vec<usize> = talk_fields
            .iter()
            .map(|f| first_talk.find(f).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert_eq!(to_json(&parse(Path::new("x"), &json).unwrap()), json);
    }

    #[test]
    fn saving_keeps_the_previous_version_as_bak_and_leaves_no_temp_files() {
        let (dir, store) = store();
        let mut notebook = Notebook::new("One", "");
        let path = store.create("conf", &notebook).unwrap();
        notebook.title = "Two".into();
        save(&path, &notebook).unwrap();
        assert_eq!(load(&path).unwrap().title, "Two");
        let backup = dir.path().join("notebooks/conf.json.bak");
        assert_eq!(load(&backup).unwrap().title, "One");
        let files: Vec<String> = fs::read_dir(dir.path().join("notebooks"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(files.len(), 2, "{files:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn corrupt_files_are_refused_with_position_and_left_unchanged() {
        let (dir, _store) = store();
        let path = dir.path().join("broken.json");
        let cases: [(&str, usize, usize); 3] = [
            (
                "{\n  \"format_version\": 1,\n  \"title\": \"x\",\n  \"days\": [}\n",
                4,
                12,
            ),
            ("{\"format_version\": 1, \"title\": \"trunc", 1, 37),
            ("", 1, 0),
        ];
        for (text, line, column) in cases {
            fs::write(&path, text).unwrap();
            match load(&path) {
                Err(StoreError::Parse {
                    line: l, column: c, ..
                }) => assert_eq!((l, c), (line, column), "{text:?}"),
                other => panic!("expected a parse error for {text:?}, got {other:?}"),
            }
            assert_eq!(fs::read_to_string(&path).unwrap(), text);
        }
        let message = load(&path).unwrap_err().to_string();
        assert!(message.contains("broken.json:1:0"), "{message}");
        assert!(!message.contains(".bak"), "no backup, no hint: {message}");
        fs::write(dir.path().join("broken.json.bak"), "{}").unwrap();
        let message = load(&path).unwrap_err().to_string();
        assert!(
            message.contains("the version before the last save is in"),
            "{message}"
        );
    }

    #[test]
    fn far_dates_are_refused_with_their_line_and_a_byte_order_mark_is_read() {
        let (dir, _store) = store();
        let path = dir.path().join("far.json");
        let good = to_json(&demo_notebook());
        let far = good.replacen("\"2024-05-17T11:00:00\"", "\"+262142-12-31T11:00:00\"", 1);
        assert_ne!(far, good);
        fs::write(&path, &far).unwrap();
        match load(&path) {
            Err(StoreError::Parse { line, message, .. }) => {
                let expected = far.lines().position(|l| l.contains("+262142")).unwrap() + 1;
                assert_eq!(line, expected, "{message}");
                assert!(message.contains("year 262142 is outside"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), far, "left unchanged");
        let day = good.replacen("\"date\": \"2024-05-17\"", "\"date\": \"1066-10-14\"", 1);
        fs::write(&path, &day).unwrap();
        assert!(load(&path).unwrap_err().to_string().contains("year 1066"));
        fs::write(&path, format!("\u{feff}{good}")).unwrap();
        assert_eq!(load(&path).unwrap(), demo_notebook());
    }

    #[test]
    fn newer_versions_and_directories_are_refused() {
        let (dir, _store) = store();
        let path = dir.path().join("future.json");
        fs::write(&path, "{\"format_version\": 99, \"whatever\": true}").unwrap();
        assert!(matches!(
            load(&path),
            Err(StoreError::TooNew { found: 99, .. })
        ));
        assert!(matches!(
            load(dir.path()),
            Err(StoreError::Refused {
                why: FileRefusal::NotAFile,
                ..
            })
        ));
        assert!(matches!(
            load(&dir.path().join("missing.json")),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_and_no_temp_file() {
        let (dir, store) = store();
        let notebook = Notebook::new("One", "");
        let path = store.create("conf", &notebook).unwrap();
        // A directory where the backup must go makes the save fail midway.
        fs::create_dir(dir.path().join("notebooks/conf.json.bak")).unwrap();
        fs::write(dir.path().join("notebooks/conf.json.bak/x"), "").unwrap();
        let error = save(&path, &Notebook::new("Two", "")).unwrap_err();
        assert!(error.to_string().contains("cannot save"), "{error}");
        assert_eq!(load(&path).unwrap().title, "One");
        let temp_files = fs::read_dir(dir.path().join("notebooks"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(temp_files, 0);
    }

    #[test]
    fn only_one_writer_holds_a_notebook_and_the_lock_goes_with_it() {
        let (dir, store) = store();
        let path = store.create("conf", &Notebook::new("One", "")).unwrap();
        let first = lock_for_writing(&path).unwrap();
        let error = lock_for_writing(&path).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("is open in another talkbook"), "{message}");
        assert!(
            message.contains(&std::process::id().to_string()),
            "{message}"
        );
        drop(first);
        let _again = lock_for_writing(&path).unwrap();
        assert!(dir.path().join("notebooks/conf.json.lock").exists());
    }

    #[test]
    fn a_save_on_its_own_thread_is_waited_for_by_the_next_and_by_letting_go() {
        let (_dir, store) = store();
        let path = store.create("conf", &Notebook::new("One", "")).unwrap();
        let lock = lock_for_writing(&path).unwrap();
        let mut sink = FileSink::new(path.clone(), Some(lock), Fingerprint::of(&path));
        let mut notebook = Notebook::new("Two", "");
        assert!(sink.start_save(notebook.clone()));
        // Our own write in progress is never taken for someone else's change.
        assert!(sink.changed_on_disk().is_none());
        assert_eq!(sink.finished_save(true), Some(Ok(())));
        assert_eq!(sink.finished_save(true), None, "told once");
        assert_eq!(load(&path).unwrap().title, "Two");
        assert!(sink.changed_on_disk().is_none(), "what it wrote is ours");
        // A save in place waits for one under way, then writes the latest.
        notebook.title = "Three".into();
        assert!(sink.start_save(notebook.clone()));
        notebook.title = "Four".into();
        sink.save(&notebook).unwrap();
        assert_eq!(load(&path).unwrap().title, "Four");
        // Letting go of the notebook waits for the save still writing.
        notebook.title = "Five".into();
        assert!(sink.start_save(notebook));
        drop(sink);
        assert_eq!(load(&path).unwrap().title, "Five");
        let _free = lock_for_writing(&path).expect("the lock went with the sink");
    }

    #[test]
    fn names_are_validated_and_existing_notebooks_not_replaced() {
        let (_dir, store) = store();
        for bad in ["", ".hidden", "a/b", "sp ace", "../up"] {
            assert!(
                matches!(store.path_for(bad), Err(StoreError::BadName { .. })),
                "{bad}"
            );
        }
        store.create("conf", &Notebook::new("One", "")).unwrap();
        assert!(matches!(
            store.create("conf", &Notebook::new("Two", "")),
            Err(StoreError::Exists { .. })
        ));
    }

    #[test]
    fn first_run_installs_the_demo_once_and_remembers_the_last_notebook() {
        let (_dir, store) = store();
        assert_eq!(store.default_notebook().unwrap(), None);
        assert_eq!(
            store.install_demo_if_empty().unwrap().as_deref(),
            Some(DEMO_NOTEBOOK_NAME)
        );
        assert_eq!(store.install_demo_if_empty().unwrap(), None);
        store.create("zzz", &Notebook::new("Z", "")).unwrap();
        assert_eq!(
            store.default_notebook().unwrap().as_deref(),
            Some(DEMO_NOTEBOOK_NAME)
        );
        store.remember_last_opened("zzz").unwrap();
        assert_eq!(store.default_notebook().unwrap().as_deref(), Some("zzz"));
        let listed = store.list().unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].content.as_ref().unwrap().2, 9);
    }

    #[test]
    fn demo_has_the_keynote_and_eight_time_slots_without_notes() {
        let notebook = demo_notebook();
        assert_eq!(notebook.days.len(), 1);
        let day = &notebook.days[0];
        assert_eq!(day.time_slots().len(), 9);
        assert!(day.talks[0].title.contains("Keynote"));
        assert!(
            day.talks
                .iter()
                .all(|t| t.notes.is_empty() && t.state == TalkState::Unmarked)
        );
    }
}
