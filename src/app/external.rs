//! Writing a note in the person's own editor (`$VISUAL`, else `$EDITOR`, else `vi`):
//! `E` in the schedule, `Ctrl-G` in the editor. The app only asks for it and takes the
//! text back; the event loop hands the terminal over and restores it
//! (`tui::edit_externally`).

use std::path::PathBuf;
use std::time::Instant;

use super::{App, Confirm, Overlay};
use crate::model::NoteRef;
use crate::store::{self, EditInProgress};

/// A note to be written in an external editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalEdit {
    pub note: NoteRef,
    pub text: String,
}

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi` (`notepad` on Windows,
/// which has no `vi`).
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| FALLBACK_EDITOR.into())
}

const FALLBACK_EDITOR: &str = if cfg!(windows) { "notepad" } else { "vi" };

impl App {
    /// Asks the event loop to open the selected note in an external editor.
    pub(super) fn request_external_edit(&mut self) {
        self.external_edit = Some(ExternalEdit {
            note: self.editor.note.clone(),
            text: self.note_text(),
        });
    }

    /// The note the event loop is asked to open in an external editor, once.
    pub fn take_external_edit(&mut self) -> Option<ExternalEdit> {
        self.external_edit.take()
    }

    /// The external editor is done: the note becomes what it left in the file (one
    /// edit, undone with Ctrl-U), or stays as it was, and the status line says which.
    pub fn external_edit_done(&mut self, note: &NoteRef, outcome: Result<String, String>) {
        let text = match outcome {
            Ok(text) => text,
            Err(why) => {
                self.message = Some(format!("Notes not changed: {why}."));
                return;
            }
        };
        if &self.editor.note != note {
            self.message = Some("Notes not changed: another note is open now.".into());
            return;
        }
        // Editors end a file with a line break; the note did not have one.
        let text = text.replace("\r\n", "\n");
        let text = text.strip_suffix('\n').unwrap_or(&text);
        if text == self.note_text() {
            self.message = Some("Notes unchanged in the editor.".into());
            return;
        }
        self.with_note_text(|editor, notes| editor.replace_all(text, Instant::now(), notes));
        self.message =
            Some("Notes written in your editor (Ctrl-U in the editor takes them back).".into());
    }

    /// The notebook's file, when it has one.
    pub fn notebook_file(&mut self) -> Option<PathBuf> {
        self.sink.file().map(|file| file.path.clone())
    }

    /// Offers what an editor wrote into a note while talkbook was stopped (a take-over,
    /// a crash): asks whether it becomes that note.
    pub fn offer_left_in_an_editor(&mut self, edit: EditInProgress, text: String) {
        let label = match &edit.note {
            NoteRef::Talk(id) => self
                .notebook
                .talk(id)
                .map_or_else(|| "a talk".to_string(), |talk| format!("«{}»", talk.title)),
            NoteRef::Day(date) => format!("the day notes of {}", date.format("%a %-d %b")),
        };
        let file = self
            .notebook_file()
            .map(|file| store::editing_path(&file).display().to_string())
            .unwrap_or_default();
        let (y, n) = self.yes_no();
        self.overlay = Overlay::Confirm {
            question: format!(
                "talkbook was stopped while you wrote {label} in your editor; what the editor saved is in\n{file}\nPut it into those notes? ({y}/{n}; {n} keeps the file)"
            ),
            about: Confirm::TakeEditorWork,
        };
        self.pending_editor_work = Some((edit, text));
    }

    /// `y`: the note becomes what the editor saved (a day's notes if the talk is gone).
    pub(super) fn take_editor_work(&mut self) {
        let Some((edit, text)) = self.pending_editor_work.take() else {
            return;
        };
        let mut notebook = self.notebook.clone();
        match notebook.notes_mut(&edit.note) {
            Some(notes) => *notes = text,
            None => {
                let Some(day) = notebook.days.first_mut() else {
                    return;
                };
                if !day.notes.is_empty() {
                    day.notes.push_str("\n\n");
                }
                day.notes.push_str(&text);
            }
        }
        self.replace_notebook(notebook);
        self.mark_changed();
        if self.save_now() {
            if let Some(file) = self.notebook_file() {
                store::end_external_edit(&file);
            }
            self.message = Some("Put what your editor saved into the notes.".into());
        }
    }

    /// `n`: the editor's file is kept, renamed out of the way of the next start.
    pub(super) fn keep_editor_work_aside(&mut self) {
        self.pending_editor_work = None;
        let Some(file) = self.notebook_file() else {
            return;
        };
        let kept = store::set_aside(&store::editing_path(&file));
        store::end_external_edit(&file);
        self.message = Some(match kept {
            Ok(kept) => format!("Kept what your editor saved as {}", kept.display()),
            Err(error) => format!("Could not keep the editor's file: {error}"),
        });
    }
}
