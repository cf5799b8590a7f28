//! The note's text belongs to the notebook; the editor's text area holds a window of
//! its lines (all of them, in nearly every note) and hands back what changed in them.
//!
//! [`Window`] says where the text area's lines are in the notebook's text of the note, as
//! the notebook last took them. Every step that needs the note beyond the window (the
//! window moving, a jump, the end of the note) is given the notebook's text and first
//! hands it what is pending, so nothing typed is waiting when the window moves.

use std::ops::Range;

use ratatui_textarea::DataCursor;

use super::edits::Edits;
use super::{
    NoteEditor, Pending, View, WINDOW_LINES, WINDOW_MARGIN, WINDOW_MAX_LINES, bytes_with_breaks,
};
use crate::model::NoteRef;
use crate::text::clean_text;

/// Where the text area's lines are in the notebook's text of the note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Window {
    /// The note's line that is the text area's first.
    pub first_line: usize,
    /// Whether the note has lines after the text area's last (they are not counted:
    /// showing a long note need not read it to its end).
    pub more_below: bool,
    /// Bytes of the note before the window: the lines above, each with its break.
    start: usize,
    /// Bytes of the window in the notebook's note: its lines joined by breaks.
    taken: usize,
    /// Bytes of the notebook's whole note.
    note_bytes: usize,
    /// Whether the text area's lines are the notebook's byte for byte. Cleaning control
    /// characters out for display can change them; then a change is taken as the
    /// whole window, never line by line.
    faithful: bool,
}

impl Window {
    fn range(&self) -> Range<usize> {
        self.start..self.start + self.taken
    }

    /// Whether `notes` is the text this window was taken from: the same length, and
    /// the window's place begins and ends a line.
    fn fits(&self, notes: &str) -> bool {
        let Range { start, end } = self.range();
        notes.len() == self.note_bytes
            && notes
                .get(..start)
                .is_some_and(|above| above.is_empty() || above.ends_with('\n'))
            && notes
                .get(end..)
                .is_some_and(|below| below.is_empty() || below.starts_with('\n'))
    }
}

/// What [`NoteEditor::take_into`] handed the notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    Nothing,
    /// One line changed, no line came or went; `old` was its text.
    Line {
        line: usize,
        old: String,
    },
    /// The window's lines took the place of those the notebook had there.
    Window,
    /// The note had changed without the editor being told (a mistake in talkbook):
    /// what the editor held was added at the end of the note, so nothing is lost.
    Added,
}

/// Where a person was in a note they worked in, kept when they move to another: the
/// window, the cursor, the view and what undo can take back. No text: the notebook
/// has it, and the window is made from it again, the same lines.
pub struct Place {
    /// Where the window was in the notebook's text, which it must still fit.
    window: Window,
    lines: usize,
    cursor: (usize, usize),
    view: View,
    goal_x: Option<usize>,
    edits: Edits,
}

/// How many lines a window holds, how near its inner edges the cursor may come, and
/// how long editing may make it, for a pane `height` rows tall: the lines on each side
/// of the cursor fill the pane however it scrolls (a pane of 150 rows showed 120 lines
/// and then nothing, the note going on below).
pub(super) fn sizes(height: u16) -> (usize, usize, usize) {
    let margin = WINDOW_MARGIN.max(usize::from(height));
    let lines = WINDOW_LINES.max(2 * margin + 20);
    let most = WINDOW_MAX_LINES.max(lines + margin);
    (lines, margin, most)
}

/// Lines in `notes`.
fn line_count(notes: &str) -> usize {
    notes.bytes().filter(|&byte| byte == b'\n').count() + 1
}

impl NoteEditor {
    /// Gives the text area lines `first..first + count` of `notes` (those there are).
    pub(super) fn hold(&mut self, notes: &str, first: usize, count: usize) {
        let first = match first {
            0 => 0,
            first => first.min(line_count(notes) - 1),
        };
        let mut lines = notes.split('\n');
        let mut start = 0;
        for line in lines.by_ref().take(first) {
            start += line.len() + 1;
        }
        let window: Vec<&str> = lines.by_ref().take(count.max(1)).collect();
        let more_below = lines.next().is_some();
        let taken = window.iter().map(|line| line.len() + 1).sum::<usize>() - 1;
        let mut faithful = true;
        let window: Vec<String> = window
            .into_iter()
            .map(|line| {
                let cleaned = clean_text(line);
                faithful &= cleaned == line;
                cleaned.into_owned()
            })
            .collect();
        self.window = Window {
            first_line: first,
            more_below,
            start,
            taken,
            note_bytes: notes.len(),
            faithful,
        };
        self.set_window_lines(window);
        // What undo remembers are lines of the old window.
        self.edits.clear();
    }

    /// What to keep of this editor when its note is left: nothing when it is untouched
    /// (made again from the notebook it is the same). The notebook must have taken
    /// what was pending ([`NoteEditor::take_into`]).
    pub fn leave(self) -> Option<Place> {
        debug_assert_eq!(self.pending, Pending::Nothing, "left with text not taken");
        if self.is_untouched() {
            return None;
        }
        let DataCursor(row, column) = self.textarea.cursor();
        Some(Place {
            window: self.window,
            lines: self.textarea.lines().len(),
            cursor: (row, column),
            view: self.view,
            goal_x: self.goal_x,
            edits: self.edits,
        })
    }

    /// The editor of `note` as it was left at `place`; `notes` is the notebook's text.
    /// A note that changed since (it should not have: the app forgets the place of a
    /// note changed elsewhere) is shown afresh, so undo never writes old lines over it.
    pub fn back(note: NoteRef, notes: &str, place: Place) -> Self {
        if !place.window.fits(notes) {
            return Self::new(note, notes);
        }
        let mut editor = Self::new(note, "");
        editor.hold(notes, place.window.first_line, place.lines);
        editor.jump_in_window(place.cursor.0, place.cursor.1);
        editor.view = place.view;
        editor.goal_x = place.goal_x;
        editor.edits = place.edits;
        editor
    }

    /// Gives the text area the window of `notes` around `line`, the cursor there.
    pub(super) fn place_window(&mut self, notes: &str, line: usize, column: usize) {
        let (window_lines, ..) = sizes(self.view.height);
        // Near the start the window starts at the note's; only a window further down
        // needs the note's lines counted.
        let (line, first) = if line < window_lines / 2 {
            (line, 0)
        } else {
            let total = line_count(notes);
            let line = line.min(total - 1);
            let first = line
                .saturating_sub(window_lines / 2)
                .min(total.saturating_sub(window_lines));
            (line, first)
        };
        self.hold(notes, first, window_lines);
        self.jump_in_window(line - first, column);
    }

    /// Hands `notes`, the notebook's text of the note, what changed in the editor since
    /// it last did; says what that was.
    pub fn take_into(&mut self, notes: &mut String) -> Taken {
        let pending = std::mem::replace(&mut self.pending, Pending::Nothing);
        if pending == Pending::Nothing {
            return Taken::Nothing;
        }
        if !self.window.fits(notes) {
            let text = self.window_text();
            if cfg!(debug_assertions) {
                panic!("the note changed without its editor being told");
            }
            notes.push('\n');
            notes.push_str(&text);
            let (line, column) = self.cursor();
            self.place_window(notes, line, column);
            return Taken::Added;
        }
        let window_bytes = bytes_with_breaks(self.textarea.lines()) - 1;
        if let Pending::Line(line) = pending
            && let Some(old) = self.take_line(notes, line, window_bytes)
        {
            return Taken::Line { line, old };
        }
        let text = self.window_text();
        notes.replace_range(self.window.range(), &text);
        self.took(notes, text.len());
        Taken::Window
    }

    /// Takes line `line` alone when only it changed: a long note's window is not
    /// written whole on every keystroke, and the app looks at that line's follow-up
    /// only. The old line's text, or None when this cannot be done.
    fn take_line(
        &mut self,
        notes: &mut String,
        line: usize,
        window_bytes: usize,
    ) -> Option<String> {
        if !self.window.faithful {
            return None;
        }
        let lines = self.textarea.lines();
        let row = line.checked_sub(self.window.first_line)?;
        let new = lines.get(row)?;
        // The lines before it are the same in both.
        let start = self.window.start + bytes_with_breaks(lines.get(..row)?);
        let rest = notes.get(start..self.window.range().end)?;
        let old = rest.split('\n').next().unwrap_or_default();
        // With the line replaced, the window must be as long as the text area's lines,
        // or more than this line changed.
        if self.window.taken - old.len() + new.len() != window_bytes {
            return None;
        }
        let old = old.to_string();
        notes.replace_range(start..start + old.len(), new);
        self.took(notes, window_bytes);
        Some(old)
    }

    fn took(&mut self, notes: &str, window_bytes: usize) {
        self.window.taken = window_bytes;
        self.window.note_bytes = notes.len();
        self.window.faithful = true;
    }

    /// Whether something typed waits for the notebook to take it.
    pub fn has_pending(&self) -> bool {
        self.pending != Pending::Nothing
    }

    /// Whether the window should move: the cursor came near an inner edge, or editing
    /// made it too long.
    pub fn window_must_move(&self) -> bool {
        let (_, margin, most) = sizes(self.view.height);
        let DataCursor(row, _) = self.textarea.cursor();
        let len = self.textarea.lines().len();
        (self.window.first_line > 0 && row < margin)
            || (self.window.more_below && row + margin >= len)
            || len > most
    }

    /// Hands `notes` what is pending and keeps the window around the cursor.
    pub fn keep_in(&mut self, notes: &mut String) -> Taken {
        let taken = self.take_into(notes);
        if self.window_must_move() {
            let (line, column) = self.cursor();
            self.place_window(notes, line, column);
        }
        taken
    }

    /// Puts the cursor on `line`, `column` of the whole note (clamped to it); `notes`
    /// is the notebook's text of it.
    pub fn jump(&mut self, line: usize, column: usize, notes: &mut String) -> Taken {
        let taken = self.take_into(notes);
        let first = self.window.first_line;
        if (first..first + self.textarea.lines().len()).contains(&line) {
            self.jump_in_window(line - first, column);
        } else {
            self.place_window(notes, line, column);
        }
        self.keep_in(notes);
        taken
    }

    /// Puts the cursor at the end of the note's last line.
    pub fn move_to_end(&mut self, notes: &mut String) -> Taken {
        let taken = self.take_into(notes);
        if self.window.more_below {
            self.place_window(notes, usize::MAX, usize::MAX);
        }
        self.textarea.go_to_end();
        taken
    }

    /// The cursor as (line, column) of the whole note.
    pub fn cursor(&self) -> (usize, usize) {
        let DataCursor(row, column) = self.textarea.cursor();
        (self.window.first_line + row, column)
    }

    /// Whether the whole note is empty.
    pub fn is_empty(&self) -> bool {
        self.holds_all() && self.textarea.is_empty()
    }

    /// Line `line` of the note, when it is in the window.
    pub fn window_line(&self, line: usize) -> Option<&str> {
        let row = line.checked_sub(self.window.first_line)?;
        self.textarea.lines().get(row).map(String::as_str)
    }

    /// Whether the text area holds the whole note.
    pub(super) fn holds_all(&self) -> bool {
        self.window.first_line == 0 && !self.window.more_below
    }

    /// Whether `notes` holds the window's lines where the window says, nothing pending:
    /// the notebook is up to date with the editor.
    pub fn is_in_step_with(&self, notes: &str) -> bool {
        self.pending == Pending::Nothing
            && self.window.fits(notes)
            && notes.get(self.window.range()) == Some(self.window_text().as_str())
    }

    /// The window's lines as the note's text has them.
    fn window_text(&self) -> String {
        self.textarea.lines().join("\n")
    }
}
