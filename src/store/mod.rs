//! Where notebooks live and how they are read and written.
//!
//! Layout of the data directory (`$XDG_DATA_HOME/talkbook` on Linux, or `--data-dir`):
//! `notebooks/<name>.json` (one per notebook, pretty JSON), `notebooks/<name>.json.bak`
//! (the version before the last save) and `state.json` (which notebook was opened last).
//!
//! A file that cannot be parsed is never written to: loading fails with the path, line
//! and column, and nothing here writes a notebook that was not loaded successfully.
//!
//! This module owns the data directory (names, listing, the demo, `state.json`); its
//! parts own the rest: [`layout`] the files beside a notebook, [`format`] reading and
//! writing its JSON, [`atomic`] writing without a torn file, [`lock`] the one writer and
//! take-overs, [`rescue`] where notes go when their file cannot take them, and [`sink`]
//! saving from the app (in the background).

mod atomic;
mod format;
mod layout;
mod lock;
mod rescue;
mod sink;

pub use atomic::{
    Fingerprint, keep_side_copy, remove_leftovers, save, set_aside, write_atomically,
    write_file_atomically,
};
pub use format::{
    MAX_NOTEBOOK_BYTES, load, load_newer_for_reading, parse, read_notebook_text, to_json,
};
pub use layout::{backup_path, editing_path, lock_path, recovery_path};
pub use lock::{
    LockError, Pid, StopHolder, TAKE_OVER_WAIT, TakeOverError, WriterLock, lock_for_writing,
    open_elsewhere, stop_holder,
};
pub use rescue::{
    EditInProgress, begin_external_edit, discard_recovery, end_external_edit, left_in_an_editor,
    pending_rescue, write_rescue_copy,
};
pub use sink::{DiscardSink, FileSink, NotebookSink, SaveError};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::files::{self, FileRefusal};
use crate::model::{FORMAT_VERSION, Notebook};

/// The bundled demo: the PyCon US 2024 Saturday from the example notes, without notes.
pub const DEMO_NOTEBOOK_JSON: &str = include_str!("../../assets/demo-notebook.json");
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

/// One line of `talkbook list`.
#[derive(Debug, Clone, PartialEq)]
pub struct NotebookSummary {
    pub name: String,
    pub path: PathBuf,
    /// The notebook, or why it could not be read.
    pub content: Result<(String, usize, usize), String>,
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

#[cfg(test)]
mod tests;
