//! The editor of one note.
//!
//! ratatui-textarea (0.9.4) wraps its whole text again after every edit: in a 5,000-line
//! note that is 6 ms a key. So a long note is given to it a window at a time, the lines
//! around the cursor; the lines above and below wait here and are joined back whenever
//! the note's text is needed. The window follows the cursor, moving when the cursor comes
//! near its edge. Notes of up to [`WINDOW_LINES`] lines (nearly all of them) are edited
//! whole, exactly as before. Moving the window starts a new text area, so undo (Ctrl-U)
//! does not reach across a window move in such a long note.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};

use crate::model::NoteRef;
use crate::text::clean_text;

/// The most lines a text area holds at once.
pub const WINDOW_LINES: usize = 160;
/// The window moves when the cursor comes this close to an edge that is not the note's.
const WINDOW_MARGIN: usize = 50;
/// A window that grew this long by editing is cut down to [`WINDOW_LINES`] again.
pub const WINDOW_MAX_LINES: usize = WINDOW_LINES + WINDOW_MARGIN;

/// The editor for the selected note: which note, and a text area holding (a window of)
/// its text.
pub struct NoteEditor {
    pub note: NoteRef,
    /// The lines the person edits; all of the note unless it is long.
    pub textarea: TextArea<'static>,
    /// The note's lines before and after those in `textarea`.
    above: Vec<String>,
    below: Vec<String>,
}

/// A text area set up for notes.
fn textarea_of(lines: Vec<String>, cursor_style: Style) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    textarea.set_cursor_line_style(Style::default());
    textarea.set_cursor_style(cursor_style);
    textarea.set_placeholder_text("No notes yet. Press Enter (or i) in the schedule to write.");
    textarea
}

impl NoteEditor {
    /// An editor on `text` (cleaned for display), the cursor at its start.
    pub fn new(note: NoteRef, text: &str) -> Self {
        let lines: Vec<String> = clean_text(text).split('\n').map(String::from).collect();
        let mut editor = NoteEditor {
            note,
            textarea: textarea_of(Vec::new(), Style::default()),
            above: Vec::new(),
            below: Vec::new(),
        };
        editor.place_window(lines, 0, 0);
        editor
    }

    /// The note's whole text.
    pub fn text(&self) -> String {
        let mut text = String::new();
        let lines = self
            .above
            .iter()
            .chain(self.textarea.lines())
            .chain(&self.below);
        for (index, line) in lines.enumerate() {
            if index > 0 {
                text.push('\n');
            }
            text.push_str(line);
        }
        text
    }

    /// Whether the whole note is empty.
    pub fn is_empty(&self) -> bool {
        self.above.is_empty() && self.below.is_empty() && self.textarea.is_empty()
    }

    /// The cursor as (line, column) of the whole note.
    pub fn cursor(&self) -> (usize, usize) {
        let DataCursor(row, column) = self.textarea.cursor();
        (self.above.len() + row, column)
    }

    /// Puts the cursor on `line`, `column` of the whole note (clamped to it).
    pub fn jump(&mut self, line: usize, column: usize) {
        let window = self.above.len()..self.above.len() + self.textarea.lines().len();
        if window.contains(&line) {
            self.jump_in_window(line - window.start, column);
        } else {
            let lines = self.all_lines();
            self.place_window(lines, line, column);
        }
        self.follow_cursor();
    }

    /// The end of the note's last line.
    pub fn move_to_end(&mut self) {
        if !self.below.is_empty() {
            let lines = self.all_lines();
            let last = lines.len() - 1;
            let column = lines[last].chars().count();
            self.place_window(lines, last, column);
        }
        self.textarea.move_cursor(CursorMove::Bottom);
        self.textarea.move_cursor(CursorMove::End);
    }

    /// After the cursor moved or the text changed: keeps the cursor away from the
    /// window's inner edges by moving the window around it.
    pub fn follow_cursor(&mut self) {
        let DataCursor(row, column) = self.textarea.cursor();
        let len = self.textarea.lines().len();
        let near_top = !self.above.is_empty() && row < WINDOW_MARGIN;
        let near_bottom = !self.below.is_empty() && row + WINDOW_MARGIN >= len;
        if near_top || near_bottom || len > WINDOW_MAX_LINES {
            let line = self.above.len() + row;
            let lines = self.all_lines();
            self.place_window(lines, line, column);
        }
    }

    fn all_lines(&mut self) -> Vec<String> {
        let mut lines = std::mem::take(&mut self.above);
        lines.extend(self.textarea.lines().iter().cloned());
        lines.append(&mut self.below);
        lines
    }

    /// Gives the text area the window of `lines` around `line`, the cursor there.
    fn place_window(&mut self, mut lines: Vec<String>, line: usize, column: usize) {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let line = line.min(lines.len() - 1);
        let start = if lines.len() <= WINDOW_LINES {
            0
        } else {
            line.saturating_sub(WINDOW_LINES / 2)
                .min(lines.len() - WINDOW_LINES)
        };
        let end = (start + WINDOW_LINES).min(lines.len());
        self.below = lines.split_off(end);
        let window = lines.split_off(start);
        self.above = lines;
        self.textarea = textarea_of(window, self.textarea.cursor_style());
        self.jump_in_window(line - start, column);
    }

    fn jump_in_window(&mut self, row: usize, column: usize) {
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.textarea
            .move_cursor(CursorMove::Jump(clamp(row), clamp(column)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn long_note(lines: usize) -> String {
        (0..lines)
            .map(|n| format!("line {n}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_short_note_is_edited_whole() {
        let editor = NoteEditor::new(NoteRef::Day(Default::default()), "a\nb");
        assert_eq!(editor.textarea.lines(), ["a", "b"]);
        assert_eq!(editor.text(), "a\nb");
    }

    #[test]
    fn a_long_note_is_held_a_window_at_a_time_and_given_back_whole() {
        let text = long_note(5000);
        let mut editor = NoteEditor::new(NoteRef::Day(Default::default()), &text);
        assert_eq!(editor.textarea.lines().len(), WINDOW_LINES);
        assert_eq!(editor.text(), text);
        editor.jump(2500, 2);
        assert_eq!(editor.cursor(), (2500, 2));
        assert!(editor.textarea.lines().len() <= WINDOW_LINES);
        editor.textarea.insert_str("X");
        let mut expected: Vec<String> = text.lines().map(String::from).collect();
        expected[2500].insert(2, 'X');
        assert_eq!(editor.text(), expected.join("\n"));
        editor.move_to_end();
        assert_eq!(editor.cursor(), (4999, "line 4999".len()));
    }

    #[test]
    fn the_window_follows_the_cursor_through_the_whole_note() {
        let text = long_note(2000);
        let mut editor = NoteEditor::new(NoteRef::Day(Default::default()), &text);
        for _ in 0..1999 {
            editor.textarea.input(key(KeyCode::Down));
            editor.follow_cursor();
        }
        assert_eq!(editor.cursor().0, 1999);
        for _ in 0..1999 {
            editor.textarea.input(key(KeyCode::Up));
            editor.follow_cursor();
        }
        assert_eq!(editor.cursor().0, 0);
        assert_eq!(editor.text(), text);
    }
}
