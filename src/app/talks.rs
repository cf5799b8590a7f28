//! Changing talks from the schedule and the editor: marks (attended, skipped, planned),
//! the talk form (add, edit), deleting (its notes kept in the day notes), stamps and
//! follow-up lines typed with a key.

use std::time::Instant;

use ratatui_textarea::CursorMove;

use super::editor::edits::EditKind;
use super::form::FormPurpose;
use super::{App, Confirm, Overlay, Selected, capitalized};
use crate::model::history::{self, Step};
use crate::model::{NoteRef, TalkState, followup};

impl App {
    /// Types `[11:23] ` (the clock) or `[+12:34] ` (time since the talk's scheduled
    /// start, to find the moment in the recording) at the cursor.
    pub(super) fn insert_stamp(&mut self, offset: bool) {
        if offset {
            self.insert_offset_stamp();
        } else {
            self.insert_piece(&format!("[{}] ", self.clock_format.time(self.clock)));
        }
    }

    /// Types `piece` at the cursor, as one step of the editor's undo.
    pub(super) fn insert_piece(&mut self, piece: &str) {
        self.editor.insert_piece(piece, Instant::now());
        self.editor_text_changed();
    }

    pub(super) fn toggle_task_on_cursor_line(&mut self) {
        let ratatui_textarea::DataCursor(row, col) = self.editor.textarea.cursor();
        let line = self.editor.textarea.lines()[row].clone();
        let (new_line, shift) = followup::toggle_task_prefix(&line);
        self.editor.begin(EditKind::Other, Instant::now());
        let textarea = self.editor.textarea.get_mut();
        textarea.move_cursor(CursorMove::Head);
        if !line.is_empty() {
            textarea.delete_line_by_end();
        }
        textarea.insert_str(&new_line);
        let new_col = (col as isize + shift).clamp(0, new_line.chars().count() as isize);
        textarea.move_cursor(CursorMove::Jump(row as u16, new_col as u16));
        self.editor_text_changed();
    }

    pub(super) fn toggle_state(&mut self, state: TalkState) {
        let Selected::Talk(id) = &self.selected else {
            self.message = Some("Select a talk to mark it.".into());
            return;
        };
        if let Some(talk) = self.notebook.talk_mut(id) {
            let before = talk.clone();
            talk.toggle_state(state);
            let label = match talk.state {
                TalkState::Unmarked => format!("unmarked: {}", talk.title),
                other => format!("marked {}: {}", other.word(), talk.title),
            };
            self.message = Some(format!("{}. (u: undo)", capitalized(&label)));
            self.history.record(label, Step::SetTalk(before));
            self.mark_changed();
        }
    }

    /// `r`: one more star for the selected talk, up to three; a fourth press clears.
    pub(super) fn rate(&mut self) {
        let Selected::Talk(id) = &self.selected else {
            self.message = Some("Select a talk to rate it.".into());
            return;
        };
        if let Some(talk) = self.notebook.talk_mut(id) {
            let before = talk.clone();
            talk.rating = talk.rating.next();
            let label = if talk.rating.is_none() {
                format!("rating cleared: {}", talk.title)
            } else {
                format!("rated {}: {}", talk.rating.symbols(), talk.title)
            };
            self.message = Some(format!("{}. (u: undo)", capitalized(&label)));
            self.history.record(label, Step::SetTalk(before));
            self.mark_changed();
        }
    }

    pub(super) fn submit_form(&mut self) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        let details = match form.details() {
            Ok(details) => details,
            Err(error) => {
                form.error = Some(error);
                return;
            }
        };
        let purpose = form.purpose.clone();
        self.overlay = Overlay::None;
        let id = match purpose {
            FormPurpose::Add => {
                self.message = Some(format!("Added {:?}. (u: undo)", details.title));
                let label = format!("added {:?}", details.title);
                let id = self.notebook.add_talk(details);
                self.history.record(label, Step::Remove(id.clone()));
                id
            }
            FormPurpose::Edit { id } => {
                if let Some(before) = self.notebook.talk(&id).cloned() {
                    self.history
                        .record(format!("edited {:?}", before.title), Step::SetTalk(before));
                }
                self.notebook.update_talk(&id, details);
                self.message = Some("Talk updated. (u: undo)".into());
                id
            }
        };
        self.mark_changed();
        if let Some((day, _)) = self.notebook.find_talk(&id) {
            self.day = day;
        }
        self.select(Selected::Talk(id));
        self.refresh_follow_ups();
        self.refresh_now_next();
    }

    pub(super) fn ask_delete(&mut self) {
        let Some(talk) = self.selected_talk() else {
            self.message = Some("Select a talk to delete it.".into());
            return;
        };
        let lines = talk.notes.lines().filter(|l| !l.trim().is_empty()).count();
        let mut question = format!("Delete {:?}?", talk.title);
        if lines > 0 {
            question.push_str(&format!(
                "\nIts {lines} line(s) of notes will be moved to the day notes, not lost."
            ));
        }
        let (y, n) = self.yes_no();
        question.push_str(&format!(" ({y}/{n})"));
        self.overlay = Overlay::Confirm {
            question,
            about: Confirm::DeleteTalk {
                id: talk.id.clone(),
            },
        };
    }

    pub(super) fn delete_talk(&mut self, id: &str) {
        let position = self.selected_position();
        let Some((talk, moved)) =
            history::remove_talk_keeping_notes(&mut self.notebook, id, self.clock_format)
        else {
            return;
        };
        if let Some(moved) = &moved {
            self.note_changed_elsewhere(&NoteRef::Day(moved.day));
        }
        self.places.remove(&NoteRef::Talk(talk.id.clone()));
        self.mark_changed();
        self.message = Some(format!("Deleted {:?}. (u: undo)", talk.title));
        let label = format!("deleted {:?}", talk.title);
        self.history.record(label, Step::Restore { talk, moved });
        // The next talk takes the deleted one's place; the last one or the day notes if none.
        self.select_position(position.min(self.visible_talks().len()));
        self.refresh_follow_ups();
        self.refresh_now_next();
    }
}
