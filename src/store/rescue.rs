//! Where notes go when their own file cannot take them: rescue copies in a private
//! temporary folder (offered at the next start), and the files of a note handed to the
//! person's own editor, kept beside the notebook until its text is back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::write_file_atomically;
use super::format::{MAX_NOTEBOOK_BYTES, to_json};
use super::layout::{editing_note_path, editing_path, private_temp_dir};
use crate::files;
use crate::model::Notebook;

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

/// Writes `text` for the editor beside `notebook`, and which note it is; returns the
/// file to give the editor.
pub fn begin_external_edit(notebook: &Path, edit: &EditInProgress) -> io::Result<PathBuf> {
    let about = serde_json::to_string(edit).map_err(io::Error::other)?;
    write_file_atomically(&editing_note_path(notebook), about.as_bytes())?;
    let file = editing_path(notebook);
    write_file_atomically(&file, format!("{}\n", edit.original).as_bytes())?;
    Ok(file)
}

/// A crash copy whose notes are restored and saved: it goes. (Never before they are
/// saved: until then it is all there is of them.)
pub fn discard_recovery(recovery: &Path) {
    let _ = fs::remove_file(recovery);
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
