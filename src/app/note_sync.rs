//! The note in the editor and the notebook's copy of it: which note the editor holds,
//! and how what is typed reaches the notebook (one changed line when that is all, the
//! whole text otherwise), with what follows from it: unsaved, follow-ups, attended.

use super::App;
use super::editor::{self, NoteEditor};
use crate::model::{NoteRef, Notebook, followup};

/// Bytes of notes above which a note's editor is kept even when only looked at: making
/// it again splits and measures every line (a 5,000-line note took 0.35 ms a step).
const KEEP_EDITORS_OF_NOTES_OVER: usize = 8 * 1024;

/// An editor on a note of `notebook`.
pub(super) fn editor_for(notebook: &Notebook, note: &NoteRef) -> NoteEditor {
    NoteEditor::new(note.clone(), notebook.notes(note).unwrap_or_default())
}

impl App {
    /// Shows the selected entry's notes in the editor, keeping the text area of each note
    /// the person did something in (where the cursor was, what undo can take back), and
    /// of each long note (making its editor again would take longer than a step). A
    /// short note only looked at keeps no copy here: made again from the notebook, its
    /// editor is the same (walking through a day's talks kept a copy of every note).
    pub(super) fn switch_editor(&mut self) {
        let note = self.selected_note();
        if note == self.editor.note {
            return;
        }
        let editor = self
            .editor_cache
            .remove(&note)
            .unwrap_or_else(|| editor_for(&self.notebook, &note));
        let previous = std::mem::replace(&mut self.editor, editor);
        let long = self
            .notebook
            .notes(&previous.note)
            .is_some_and(|notes| notes.len() > KEEP_EDITORS_OF_NOTES_OVER);
        if long || !previous.is_untouched() {
            self.editor_cache.insert(previous.note.clone(), previous);
        }
        self.style_editor();
    }

    /// A note was changed by something other than its text area: rebuild the area.
    pub(super) fn note_changed_elsewhere(&mut self, note: &NoteRef) {
        self.editor_cache.remove(note);
        if &self.editor.note == note {
            let (line, column) = self.editor.cursor();
            self.editor = editor_for(&self.notebook, note);
            self.editor.jump(line, column);
            self.style_editor();
        }
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

    pub(super) fn editor_text_changed(&mut self) {
        self.editor.follow_cursor();
        if let editor::Pending::Line(line) = self.editor.take_pending()
            && self.take_changed_line(line)
        {
            return;
        }
        let text = self.editor.text();
        if let Some(notes) = self.notebook.notes_mut(&self.editor.note) {
            // The schedule marks notes that have text (✎): only a note becoming empty or
            // not changes what it shows.
            let emptied_or_filled = notes.trim().is_empty() != text.trim().is_empty();
            *notes = text;
            if emptied_or_filled {
                self.revision_changed();
            }
            self.mark_unsaved();
            let note = self.editor.note.clone();
            self.refresh_follow_ups_of(&note);
            self.attend_by_writing();
        }
    }

    /// Brings one changed line of the editor into the notebook's note, when that is all
    /// that changed: a long note is not copied whole on every keystroke, and its
    /// follow-ups are looked at again only when the line is (or was) one. False when
    /// the note does not have the lines the editor has (then it takes the whole text).
    fn take_changed_line(&mut self, line: usize) -> bool {
        let Some(new) = self.editor.line(line) else {
            return false;
        };
        // Where the line starts is where it starts in the editor: every line before it
        // is the same in both.
        let (start, length) = self.editor.line_start_and_length(line);
        let Some(notes) = self.notebook.notes_mut(&self.editor.note) else {
            return false;
        };
        let Some((before, from_line)) = notes.split_at_checked(start) else {
            return false;
        };
        let (old, after) = from_line
            .split_once('\n')
            .map_or((from_line, ""), |(old, _)| {
                (old, from_line.get(old.len()..).unwrap_or_default())
            });
        let end = start + old.len();
        // The note, with the line replaced, must be exactly as long as the editor's
        // text, or this is not the same text: then it is taken whole.
        if notes.len() - old.len() + new.len() != length {
            return false;
        }
        if old == new {
            return true;
        }
        let emptied_or_filled = notes.trim().is_empty() != {
            let rest_empty = before.trim().is_empty() && after.trim().is_empty();
            rest_empty && new.trim().is_empty()
        };
        let old = old.to_string();
        let follow_up = followup::parse_line(&old).is_some() || followup::parse_line(new).is_some();
        let new = new.to_string();
        notes.replace_range(start..end, &new);
        if emptied_or_filled {
            self.revision_changed();
        }
        self.mark_unsaved();
        if follow_up {
            let note = self.editor.note.clone();
            self.refresh_follow_up_line(&note, line, &new);
        }
        self.attend_by_writing();
        true
    }
}
