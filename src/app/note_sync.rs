//! The note in the editor and the notebook, which owns its text: which note the editor
//! holds (a window of its lines), how what is typed reaches the notebook (one changed
//! line when that is all, the window's lines otherwise), and what follows from it:
//! unsaved, follow-ups, attended.

use super::App;
use super::editor::{NoteEditor, Taken};
use crate::model::{NoteRef, Notebook, followup};

/// An editor on a note of `notebook`.
pub(super) fn editor_for(notebook: &Notebook, note: &NoteRef) -> NoteEditor {
    NoteEditor::new(note.clone(), notebook.notes(note).unwrap_or_default())
}

impl App {
    /// Shows the selected entry's notes in the editor. A note the person did something
    /// in keeps its place (the cursor, the view, what undo can take back) but no text:
    /// coming back makes its editor again from the notebook.
    pub(super) fn switch_editor(&mut self) {
        let note = self.selected_note();
        if note == self.editor.note {
            return;
        }
        self.editor_text_changed();
        let notes = self
            .notebook
            .notes_near(&note, self.place_hint(&note))
            .unwrap_or_default();
        let pane = self.editor_pane();
        let editor = match self.places.remove(&note) {
            Some(place) => NoteEditor::back(note, notes, place),
            None => NoteEditor::in_pane(note, notes, 0, 0, pane),
        };
        let previous = std::mem::replace(&mut self.editor, editor);
        let left = previous.note.clone();
        if let Some(place) = previous.leave() {
            self.places.insert(left, place);
        }
        self.style_editor();
    }

    /// A note was changed by something other than its text area: rebuild the area.
    pub(super) fn note_changed_elsewhere(&mut self, note: &NoteRef) {
        self.places.remove(note);
        if &self.editor.note == note {
            let (line, column) = self.editor.cursor();
            let notes = self.notebook.notes(note).unwrap_or_default();
            let pane = self.editor_pane();
            self.editor = NoteEditor::in_pane(note.clone(), notes, line, column, pane);
            self.style_editor();
        }
    }

    /// The size of the editor pane as last drawn.
    fn editor_pane(&self) -> (u16, u16) {
        let view = self.editor.view();
        (view.width, view.height)
    }

    /// The editor pane was drawn showing `view` of `note`; whether to draw again: the
    /// pane is taller than the window of lines the editor holds can fill (a new note, a
    /// larger terminal), and the window was placed again with more.
    pub fn editor_shown(&mut self, note: &NoteRef, view: super::EditorView) -> bool {
        if &self.editor.note != note {
            return false;
        }
        self.editor.shown(view);
        if self.editor.window_must_move() {
            self.editor_text_changed();
            return true;
        }
        false
    }

    /// Brings the notebook up to the editor after typing (see `notes_behind`); whether
    /// there was anything to do.
    pub fn settle(&mut self) -> bool {
        if !std::mem::take(&mut self.notes_behind) {
            return false;
        }
        self.editor_text_changed();
        true
    }

    /// After the editor's text or cursor changed: the notebook takes what was typed, and
    /// the window moves when the cursor came near its edge.
    pub(super) fn editor_text_changed(&mut self) {
        if self.editor.has_pending() || self.editor.window_must_move() {
            self.with_note_text(NoteEditor::keep_in);
        }
    }

    /// The whole text of the note in the editor, with everything typed.
    pub(super) fn note_text(&mut self) -> String {
        self.editor_text_changed();
        let notes = self.notebook.notes(&self.editor.note);
        notes.unwrap_or_default().to_string()
    }

    /// Puts the editor's cursor on `line`, `column` of the note.
    pub(super) fn jump_in_note(&mut self, line: usize, column: usize) {
        self.with_note_text(|editor, notes| editor.jump(line, column, notes));
    }

    /// Puts the editor's cursor at the end of the note.
    pub(super) fn go_to_end_of_note(&mut self) {
        self.with_note_text(NoteEditor::move_to_end);
    }

    /// Runs `step` on the editor with the notebook's text of its note, and does what
    /// follows from what the editor handed the notebook.
    pub(super) fn with_note_text(
        &mut self,
        step: impl FnOnce(&mut NoteEditor, &mut String) -> Taken,
    ) {
        let note = self.editor.note.clone();
        let hint = self.place_hint(&note);
        let Some(notes) = self.notebook.notes_mut_near(&note, hint) else {
            return;
        };
        let was_blank = notes.trim().is_empty();
        let taken = step(&mut self.editor, notes);
        self.notes_behind = false;
        // The schedule marks notes that have text (✎): only a note becoming empty or
        // not changes what it shows.
        let is_blank = notes.trim().is_empty();
        let follow_up_line = match &taken {
            Taken::Nothing => return,
            Taken::Line { line, old } => {
                let new = self.editor.window_line(*line).unwrap_or_default();
                (followup::parse_line(old).is_some() || followup::parse_line(new).is_some())
                    .then(|| (*line, new.to_string()))
            }
            Taken::Window | Taken::Added => None,
        };
        if was_blank != is_blank {
            self.revision_changed();
        }
        self.mark_unsaved();
        match (taken, follow_up_line) {
            (Taken::Line { .. }, Some((line, new))) => {
                self.refresh_follow_up_line(&note, line, &new)
            }
            (Taken::Line { .. }, None) => {}
            (Taken::Added, _) => {
                self.message = Some(
                    "The note had changed under the editor: what the editor held is at its end."
                        .into(),
                );
                self.refresh_follow_ups_of(&note);
            }
            _ => self.refresh_follow_ups_of(&note),
        }
        self.attend_by_writing();
    }
}
