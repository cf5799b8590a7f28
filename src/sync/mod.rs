//! `talkbook sync`: the data directory's notebooks and a git remote, with git as the
//! engine and nothing of ours on a network.
//!
//! talkbook keeps a bare repository of its own beside the notebooks (`DATA/sync.git`),
//! so the data directory's lock, backup, recovery, side-copy and state files never come
//! near it. In it, each person's notebooks live in a folder of their own, named after
//! their author name (`alice-example/c31.json`): two machines of one person share that
//! folder and their notebooks are merged talk by talk ([`crate::model::merge`]); a
//! teammate's folder is never written, so their notes stay theirs. What teammates synced
//! is copied out to `DATA/team/<author>/` for the app and `export --team` to read.
//!
//! A sync: commit what changed here; fetch; merge what the remote has into each
//! notebook against the last version both sides shared; write the notebooks (atomically,
//! holding each one's writer lock); commit the merge; push. A notebook an app holds open
//! is never written: when the remote changed it, the merge waits for the next sync.
//! Offline, or refused: the local commit stays, and the next sync finishes the job.

pub mod git;
pub mod team;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::TimeZone as _;
use thiserror::Error;

use crate::model::Notebook;
use crate::model::merge::{self, Sides, Summary};
use crate::store::{self, LockError, Pid, Store, WriterLock};
use git::{GitError, Repo, slug};

/// What a sync needs to know about who and where.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// A new remote to sync with (a path, `ssh://`, `git@host:path`, `https://`).
    pub remote: Option<String>,
    /// The person's name: their folder in the repository.
    pub author: String,
    /// This machine's name, in commits and in the marks around two versions.
    pub machine: String,
    /// The notebook the calling app holds, saved with nothing unsaved and no key taken
    /// while the sync runs: the sync may write it (the app shows what it wrote).
    pub open_here: Option<PathBuf>,
}

#[derive(Debug, Error)]
pub enum SyncError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(
        "no remote to sync with yet: run `talkbook sync --remote URL` once (a folder, an ssh or an https address of a git repository)"
    )]
    NoRemote,
    #[error("another talkbook sync is running{}", holder.map(|pid| format!(" (process {})", pid.get())).unwrap_or_default())]
    Busy { holder: Option<Pid> },
    /// The remote could not be reached or refused: what was done here is committed.
    #[error("{}not synced: {why}; the next `talkbook sync` finishes the job", if *committed { "your changes are committed here, " } else { "" })]
    Unreachable { committed: bool, why: String },
    /// A notebook of the remote's that this talkbook cannot read.
    #[error(
        "{name}: the remote's copy does not read here ({why}); nothing was merged or pushed, your changes are committed here; update talkbook (or mend the file) and sync again"
    )]
    RemoteUnreadable { name: String, why: String },
    /// Notebooks the remote changed that an app holds open.
    #[error("{}: open in talkbook{} and changed on the remote; quit talkbook there and sync again (or set sync = \"on-quit\")", names.join(", "), holder.map(|pid| format!(" (process {})", pid.get())).unwrap_or_default())]
    Waiting {
        names: Vec<String>,
        holder: Option<Pid>,
    },
}

/// One of this machine's notebooks, as the sync found it.
struct Local {
    name: String,
    path: PathBuf,
    notebook: Notebook,
    /// Held while the sync runs; `None` when an app holds the notebook.
    _lock: Option<WriterLock>,
    /// Whether the sync may write it: it holds the lock, or the app that does asked.
    writable: bool,
    holder: Option<Pid>,
    /// When it was last saved (seconds since the epoch).
    saved: i64,
}

/// Side copies (`NAME.theirs-…`) are kept on this machine only.
fn is_synced_name(name: &str) -> bool {
    !name.contains(".theirs-")
}

fn when(seconds: i64) -> String {
    chrono::Local
        .timestamp_opt(seconds, 0)
        .single()
        .map_or_else(
            || "at an unknown time".into(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        )
}

/// The notebooks of this data directory, each locked for writing where it can be; the
/// names of those that cannot be read go to `left_out` (and a line says why).
fn read_local(
    store: &Store,
    open_here: Option<&Path>,
    lines: &mut Vec<String>,
    left_out: &mut Vec<String>,
) -> Result<Vec<Local>, SyncError> {
    let same_file = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let mut found = Vec::new();
    for name in store.names()? {
        if !is_synced_name(&name) {
            continue;
        }
        let path = store.file_of(&name);
        let (lock, writable, holder) = match store::lock_for_writing(&path) {
            Ok(lock) => (Some(lock), true, None),
            Err(LockError::Held { holder, .. }) => {
                let asked = open_here.is_some_and(|open| same_file(open, &path));
                (None, asked, holder)
            }
            Err(error) => {
                lines.push(format!("{name}: left out: {error}"));
                left_out.push(name);
                continue;
            }
        };
        let notebook = match store::load(&path) {
            Ok(notebook) => notebook,
            Err(error) => {
                // Never written over: the file stays as it is, and so does its copy in
                // the repository, until it reads again.
                lines.push(format!("{name}: left out, not synced: {error}"));
                left_out.push(name);
                continue;
            }
        };
        let saved = std::fs::metadata(&path)
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |since| {
                i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
            });
        found.push(Local {
            name,
            path,
            notebook,
            _lock: lock,
            writable,
            holder,
            saved,
        });
    }
    Ok(found)
}

/// A notebook as a blob of the repository, read as strictly as a file: a copy that
/// does not read (damaged, from a newer talkbook, a date out of range) is `Err(why)`.
fn parse(bytes: &[u8], path: &str) -> Result<Notebook, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not text".to_string())?;
    store::parse(Path::new(path), text).map_err(|error| error.to_string())
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// `notes of 3 talks merged from the remote; 1 conflict kept as two versions`.
fn describe(summary: &Summary) -> String {
    let mut parts = Vec::new();
    if summary.notes_merged > 0 {
        parts.push(format!(
            "notes of {} {} merged from the remote",
            summary.notes_merged,
            plural(summary.notes_merged, "talk", "talks")
        ));
    }
    if summary.conflicts > 0 {
        parts.push(format!(
            "{} {} changed on both sides, both versions kept (see follow-ups)",
            summary.conflicts,
            plural(summary.conflicts, "note", "notes")
        ));
    }
    if !summary.later_save_won.is_empty() {
        parts.push(format!(
            "marked differently on both sides, the later save won: {}",
            summary.later_save_won.join(", ")
        ));
    }
    if summary.talks_added > 0 {
        parts.push(format!("{} talks added", summary.talks_added));
    }
    if summary.kept_deleted > 0 {
        parts.push(format!(
            "{} deleted talks kept for their notes",
            summary.kept_deleted
        ));
    }
    if summary.talks_deleted > 0 {
        parts.push(format!("{} talks deleted", summary.talks_deleted));
    }
    if parts.is_empty() {
        "taken from the remote".into()
    } else {
        parts.join("; ")
    }
}

/// A local path as git wants it for a remote: absolute, so it means the same from the
/// repository's folder.
fn remote_address(url: &str) -> String {
    let looks_local = !url.contains("://") && !url.contains('@') && !url.contains(':')
        || Path::new(url).is_absolute();
    if looks_local {
        std::path::absolute(url).map_or_else(|_| url.to_string(), |p| p.display().to_string())
    } else {
        url.to_string()
    }
}

/// Syncs `store`'s notebooks with the remote; the lines to print, one per notebook that
/// changed (and a last one that says what happened).
pub fn sync(store: &Store, options: &SyncOptions) -> Result<Vec<String>, SyncError> {
    let data = store.data_dir();
    std::fs::create_dir_all(data).map_err(|source| store::StoreError::Write {
        path: data.to_path_buf(),
        source,
    })?;
    let _one_at_a_time = match store::lock_for_writing(&data.join("sync")) {
        Ok(lock) => lock,
        Err(LockError::Held { holder, .. }) => return Err(SyncError::Busy { holder }),
        Err(error) => return Err(GitError::Failed(error.to_string()).into()),
    };
    let repo = Repo::open_or_init(
        &data.join("sync.git"),
        &options.author,
        options.open_here.is_some(),
    )?;
    if let Some(url) = &options.remote {
        repo.set_remote(&remote_address(url))?;
    }
    let Some(remote) = repo.remote() else {
        return Err(SyncError::NoRemote);
    };
    let me = slug(&options.author);
    let mut lines = Vec::new();
    let mut left_out = Vec::new();
    let locals = read_local(
        store,
        options.open_here.as_deref(),
        &mut lines,
        &mut left_out,
    )?;
    let folder = Folder(&me);
    let message = commit_message(
        options,
        locals
            .iter()
            .map(|local| (local.name.as_str(), local.saved)),
    );

    // 1. What changed here, committed.
    let head = repo.head();
    let mut files: Vec<(String, Vec<u8>)> = locals
        .iter()
        .map(|local| folder.notebook(&local.name, &local.notebook))
        .collect();
    files.push(folder.author(&options.author));
    let parents: Vec<&str> = head.iter().map(String::as_str).collect();
    let ours = repo.commit(head.as_deref(), &files, &parents, &message)?;
    let committed = Some(&ours) != head.as_ref();
    if committed {
        repo.set_head(&ours, head.as_deref())?;
    }

    // 2. What the remote has.
    let has_branch = repo.fetch().map_err(|error| SyncError::Unreachable {
        committed,
        why: error.to_string(),
    })?;
    let theirs = if has_branch { repo.fetched() } else { None };
    let unreachable = |error: GitError| SyncError::Unreachable {
        committed: true,
        why: error.to_string(),
    };

    let tip = match theirs {
        None => {
            repo.push(&ours).map_err(unreachable)?;
            for local in &locals {
                lines.push(format!("{}: pushed", local.name));
            }
            ours
        }
        Some(theirs) if theirs == ours => theirs,
        Some(theirs) if repo.is_ancestor(&theirs, &ours) => {
            repo.push(&ours).map_err(unreachable)?;
            let before = repo.files(&theirs)?;
            for (path, id) in repo.files(&ours)? {
                if let Some(name) = folder.name_of(&path)
                    && !before.iter().any(|(p, i)| *p == path && *i == id)
                {
                    lines.push(format!("{name}: pushed"));
                }
            }
            ours
        }
        Some(theirs) => {
            let merged = merge_with(
                store, &repo, &folder, &ours, &theirs, &locals, &left_out, options, &mut lines,
            )?;
            let merge_commit = merged.commit;
            repo.set_head(&merge_commit, Some(&ours))?;
            if merge_commit != theirs {
                repo.push(&merge_commit).map_err(unreachable)?;
                for name in merged.pushed {
                    let said = format!("{name}: ");
                    match lines.iter_mut().find(|line| line.starts_with(&said)) {
                        Some(line) => line.push_str("; pushed"),
                        None => lines.push(format!("{name}: pushed")),
                    }
                }
            }
            merge_commit
        }
    };
    let teammates = team::mirror(&repo, &tip, &me, &data.join(team::FOLDER))?;
    if lines.is_empty() {
        lines.push(format!("Everything is as on {remote}."));
    } else {
        lines.push(format!("Synced with {remote}."));
    }
    if teammates > 0 {
        lines.push(format!(
            "Teammates' notes: {teammates} {} (T in the schedule shows them; export --team).",
            plural(teammates, "notebook", "notebooks")
        ));
    }
    drop(locals);
    Ok(lines)
}

struct Merged {
    commit: String,
    /// Notebooks whose merged version differs from the remote's.
    pushed: Vec<String>,
}

/// Merges the remote's version of each of this person's notebooks into this machine's,
/// writes them, and commits the merge.
#[allow(clippy::too_many_arguments)]
fn merge_with(
    store: &Store,
    repo: &Repo,
    folder: &Folder<'_>,
    ours: &str,
    theirs: &str,
    locals: &[Local],
    left_out: &[String],
    options: &SyncOptions,
    lines: &mut Vec<String>,
) -> Result<Merged, SyncError> {
    let base = repo.merge_base(ours, theirs);
    let mine = |commit: &str| -> Result<Vec<(String, String)>, SyncError> {
        Ok(repo
            .files(commit)?
            .into_iter()
            .filter_map(|(path, id)| Some((folder.name_of(&path)?.to_string(), id)))
            .collect())
    };
    let their_files = mine(theirs)?;
    let base_files = match &base {
        Some(base) => mine(base)?,
        None => Vec::new(),
    };
    let names: BTreeSet<String> = locals
        .iter()
        .map(|local| local.name.clone())
        .chain(their_files.iter().map(|(name, _)| name.clone()))
        .filter(|name| !left_out.contains(name))
        .collect();
    let read = |files: &[(String, String)],
                name: &str|
     -> Result<Option<Result<Notebook, String>>, SyncError> {
        match files.iter().find(|(n, _)| n == name) {
            Some((_, id)) => Ok(Some(parse(&repo.blob(id)?, &folder.path(name)))),
            None => Ok(None),
        }
    };
    let mut writes: Vec<(String, PathBuf, Notebook, String)> = Vec::new();
    let mut waiting = Vec::new();
    let mut holder = None;
    let mut committed_files = Vec::new();
    let mut pushed = Vec::new();
    for name in &names {
        let local = locals.iter().find(|local| &local.name == name);
        let their_version = match read(&their_files, name)? {
            Some(Err(why)) => {
                // Never merged into, never replaced (a newer talkbook's file would lose
                // what this one does not know): nothing is merged or pushed until it reads.
                return Err(SyncError::RemoteUnreadable {
                    name: name.clone(),
                    why,
                });
            }
            Some(Ok(notebook)) => Some(notebook),
            None => None,
        };
        let merged = match (local, &their_version) {
            (Some(local), None) => {
                pushed.push(name.clone());
                local.notebook.clone()
            }
            (None, Some(theirs)) => {
                writes.push((
                    name.clone(),
                    PathBuf::new(),
                    theirs.clone(),
                    "new here, taken from the remote".into(),
                ));
                theirs.clone()
            }
            (Some(local), Some(theirs)) if local.notebook == *theirs => theirs.clone(),
            (Some(local), Some(their_notebook)) => {
                // A common version that does not read is no help: merged as new.
                let base_version = read(&base_files, name)?.and_then(Result::ok);
                let (committed_at, message) = repo
                    .last_change(theirs, &folder.path(name))
                    .unwrap_or((0, String::new()));
                let (their_machine, their_time) = saved_by(&message, name, committed_at);
                let sides = Sides {
                    // Written into the shared notes: a name, never "this machine".
                    ours: options.machine.clone(),
                    theirs: their_machine,
                    ours_saved: local.saved,
                    theirs_saved: their_time,
                    ours_when: when(local.saved),
                    theirs_when: when(their_time),
                };
                let (merged, summary) = merge::merge(
                    base_version.as_ref(),
                    &local.notebook,
                    their_notebook,
                    &sides,
                );
                if merged != local.notebook {
                    if !local.writable {
                        waiting.push(name.clone());
                        holder = holder.or(local.holder);
                    }
                    writes.push((
                        name.clone(),
                        local.path.clone(),
                        merged.clone(),
                        describe(&summary),
                    ));
                }
                if merged != *their_notebook {
                    pushed.push(name.clone());
                }
                merged
            }
            (None, None) => continue,
        };
        committed_files.push(folder.notebook(name, &merged));
    }
    committed_files.push(folder.author(&options.author));
    if !waiting.is_empty() {
        return Err(SyncError::Waiting {
            names: waiting,
            holder,
        });
    }
    // The notebooks first, then the commit that says they were merged: stopped in
    // between, the next sync merges again and finds nothing new.
    let now = chrono::Utc::now().timestamp();
    let message = commit_message(
        options,
        names.iter().filter_map(|name| {
            let written = writes.iter().any(|(written, ..)| written == name);
            match locals.iter().find(|local| &local.name == name) {
                _ if written => Some((name.as_str(), now)),
                Some(local) => Some((name.as_str(), local.saved)),
                None => None,
            }
        }),
    );
    for (name, path, notebook, what) in writes {
        if path.as_os_str().is_empty() {
            store.create(&name, &notebook)?;
        } else {
            store::save(&path, &notebook)?;
        }
        lines.push(format!("{name}: {what}"));
    }
    let parents: Vec<&str> = if repo.is_ancestor(ours, theirs) {
        vec![theirs]
    } else {
        vec![ours, theirs]
    };
    let commit = repo.commit(Some(theirs), &committed_files, &parents, &message)?;
    Ok(Merged { commit, pushed })
}

/// One person's folder of the repository (`alice-example/`): their notebooks as
/// `NAME.json`, and `AUTHOR` naming them.
struct Folder<'a>(&'a str);

impl Folder<'_> {
    /// Where notebook `name` lies in the repository.
    fn path(&self, name: &str) -> String {
        format!("{}/{name}.json", self.0)
    }

    /// The notebook a repository path is, if it is one of this folder's.
    fn name_of<'p>(&self, path: &'p str) -> Option<&'p str> {
        path.strip_prefix(self.0)?
            .strip_prefix('/')?
            .strip_suffix(".json")
    }

    /// A notebook as a file of the folder.
    fn notebook(&self, name: &str, notebook: &Notebook) -> (String, Vec<u8>) {
        (self.path(name), store::to_json(notebook).into_bytes())
    }

    /// The file that names the folder's person.
    fn author(&self, author: &str) -> (String, Vec<u8>) {
        (
            format!("{}/AUTHOR", self.0),
            format!("{author}\n").into_bytes(),
        )
    }
}

/// `talkbook sync: AUTHOR on MACHINE`, then a `saved NAME SECONDS` line a notebook: where
/// both sides marked a talk differently the later save wins, and a sync may come long
/// after the save. [`saved_by`] reads it back.
fn commit_message<'a>(
    options: &SyncOptions,
    saved: impl Iterator<Item = (&'a str, i64)>,
) -> String {
    let mut message = format!(
        "talkbook sync: {} on {}\n\n",
        options.author, options.machine
    );
    for (name, seconds) in saved {
        message.push_str(&format!("saved {name} {seconds}\n"));
    }
    message
}

/// From a [`commit_message`]: the machine, and when `name` was saved there (else when
/// the commit was made).
fn saved_by(message: &str, name: &str, committed_at: i64) -> (String, i64) {
    let machine = message
        .lines()
        .next()
        .and_then(|subject| subject.rsplit_once(" on "))
        .map_or("the other machine", |(_, machine)| machine);
    let saved = message
        .lines()
        .find_map(|line| {
            let (saved_name, seconds) = line.strip_prefix("saved ")?.rsplit_once(' ')?;
            (saved_name == name).then(|| seconds.parse().ok()).flatten()
        })
        .unwrap_or(committed_at);
    (machine.to_string(), saved)
}

/// This machine's name: the host name, else a plain word.
pub fn machine_name() -> String {
    #[cfg(unix)]
    {
        let mut buffer = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that.
        let result = unsafe { libc::gethostname(buffer.as_mut_ptr().cast(), buffer.len()) };
        if result == 0 {
            let end = buffer.iter().position(|b| *b == 0).unwrap_or(buffer.len());
            let name = String::from_utf8_lossy(buffer.get(..end).unwrap_or_default())
                .trim()
                .to_string();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::env::var("COMPUTERNAME")
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "this computer".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_message_says_who_where_and_when_each_notebook_was_saved() {
        let options = SyncOptions {
            remote: None,
            author: "Alice Example".into(),
            machine: "laptop b".into(),
            open_here: None,
        };
        let message = commit_message(&options, [("c31", 100), ("c31.x", 200)].into_iter());
        assert_eq!(saved_by(&message, "c31", 7), ("laptop b".to_string(), 100));
        assert_eq!(saved_by(&message, "c31.x", 7).1, 200);
        assert_eq!(
            saved_by(&message, "other", 7).1,
            7,
            "not in it: the commit's time"
        );
        assert_eq!(saved_by("", "c31", 7), ("the other machine".to_string(), 7));
    }
}
