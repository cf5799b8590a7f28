//! Writing a note in the person's own editor (`$VISUAL`, else `$EDITOR`, else `vi`):
//! `E` in the schedule, `Ctrl-G` in the editor. The app only asks for it and takes the
//! text back; the event loop hands the terminal over and restores it
//! (`tui::edit_externally`).

use std::time::Instant;

use super::App;
use crate::model::NoteRef;

/// A note to be written in an external editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalEdit {
    pub note: NoteRef,
    pub text: String,
}

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

impl App {
    /// Asks the event loop to open the selected note in an external editor.
    pub(super) fn request_external_edit(&mut self) {
        self.settle();
        self.external_edit = Some(ExternalEdit {
            note: self.editor.note.clone(),
            text: self.editor.text(),
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
        if text == self.editor.text() {
            self.message = Some("Notes unchanged in the editor.".into());
            return;
        }
        self.editor.replace_all(text, Instant::now());
        self.editor_text_changed();
        self.message =
            Some("Notes written in your editor (Ctrl-U in the editor takes them back).".into());
    }
}
