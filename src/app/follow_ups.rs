//! The follow-up pane's list: kept up to date note by note, moved through, ticked off
//! (which edits the note), and followed to its line.

use super::{App, stepped};
use crate::model::history::Step;
use crate::model::{FollowUp, NoteRef, followup};

impl App {
    /// Line `line` of `note` changed to `text` and nothing else did: its follow-up (if
    /// it is one) replaces the one that was there, without reading the whole note again.
    pub(super) fn refresh_follow_up_line(&mut self, note: &NoteRef, line: usize, text: &str) {
        let fresh = followup::collect_note(note, text)
            .into_iter()
            .next()
            .map(|mut item| {
                item.line = line;
                item
            });
        let at = self
            .follow_ups
            .iter()
            .position(|f| &f.note == note && f.line == line);
        match (at, fresh) {
            (Some(at), Some(item)) if self.follow_ups[at] == item => return,
            (Some(at), Some(item)) => self.follow_ups[at] = item,
            (Some(at), None) => {
                self.follow_ups.remove(at);
            }
            (None, Some(item)) => {
                // In note order: after the note's follow-ups on earlier lines.
                let first = self.follow_ups.iter().position(|f| &f.note == note);
                match first {
                    Some(first) => {
                        let after = self.follow_ups[first..]
                            .iter()
                            .take_while(|f| &f.note == note && f.line < line)
                            .count();
                        self.follow_ups.insert(first + after, item);
                    }
                    // The note's first follow-up: its place among the notes is the
                    // notebook's order, which a full refresh knows.
                    None => return self.refresh_follow_ups_of(note),
                }
            }
            (None, None) => return,
        }
        self.revision_changed();
        self.clamp_follow_up_cursor();
    }

    /// After one note changed: rescans only that note. Its follow-ups are one run in the
    /// list (the list is in notebook order); a note that had none falls back to a full scan
    /// to find where its new ones belong.
    pub(super) fn refresh_follow_ups_of(&mut self, note: &NoteRef) {
        let fresh = followup::collect_note(note, self.notebook.notes(note).unwrap_or_default());
        let first = self.follow_ups.iter().position(|f| &f.note == note);
        match first {
            Some(first) => {
                let count = self.follow_ups[first..]
                    .iter()
                    .take_while(|f| &f.note == note)
                    .count();
                if self.follow_ups[first..first + count] != fresh[..] {
                    self.follow_ups.splice(first..first + count, fresh);
                    self.revision_changed();
                    self.clamp_follow_up_cursor();
                }
            }
            None if fresh.is_empty() => {}
            None => self.refresh_follow_ups(),
        }
    }

    pub(super) fn refresh_follow_ups(&mut self) {
        self.revision_changed();
        self.follow_ups = followup::collect(&self.notebook);
        self.clamp_follow_up_cursor();
    }

    pub(super) fn clamp_follow_up_cursor(&mut self) {
        let count = self.visible_follow_ups().count();
        self.follow_up_cursor = self.follow_up_cursor.min(count.saturating_sub(1));
    }

    pub(super) fn move_follow_up_cursor(&mut self, delta: isize) {
        let count = self.visible_follow_ups().count();
        self.follow_up_cursor = stepped(self.follow_up_cursor, count, delta);
    }

    pub fn selected_follow_up(&self) -> Option<&FollowUp> {
        self.visible_follow_ups().nth(self.follow_up_cursor)
    }

    pub(super) fn toggle_follow_up_done(&mut self) {
        let Some(item) = self.selected_follow_up().cloned() else {
            return;
        };
        if followup::toggle_in_notebook(&mut self.notebook, &item.note, item.line) {
            let done = if item.done { "opened again" } else { "done" };
            self.history.record(
                format!("follow-up {:?} {done}", item.text),
                Step::ToggleFollowUp {
                    note: item.note.clone(),
                    line: item.line,
                },
            );
            self.note_changed_elsewhere(&item.note);
            self.mark_changed();
            self.refresh_follow_ups_of(&item.note);
        }
    }

    pub(super) fn jump_to_follow_up(&mut self) {
        if let Some(item) = self.selected_follow_up().cloned() {
            self.jump_to(&item.note, Some(item.line));
        }
    }
}
