//! Undo in the editor by the piece a person thinks in: a word typed (with the space or
//! line break after it), a run of deletions, a paste, a stamp. The text area undoes one
//! character at a time, so Ctrl-U after a sentence took as many presses as it had
//! letters. A piece also ends at a pause of [`PAUSE`].
//!
//! Each piece is remembered as the text before it (of the lines the text area holds),
//! taken when the piece begins: a copy per word, not per key.

use std::time::{Duration, Instant};

/// A pause in typing this long ends a piece.
pub const PAUSE: Duration = Duration::from_secs(1);
/// Pieces kept for undo.
const MAX_PIECES: usize = 500;

/// What an edit does, for deciding whether it continues the piece before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// A character typed; `space` for white space and line breaks.
    Typing { space: bool },
    /// Backspace, Delete, and the keys that delete words or parts of a line.
    Deleting,
    /// Anything else (a paste, a stamp, a cut, a burst): a piece of its own.
    Other,
}

/// The lines of the text area and its cursor, as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub lines: Vec<String>,
    pub cursor: (usize, usize),
}

#[derive(Debug, Default)]
pub struct Edits {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The piece being made: its last edit and when.
    open: Option<(EditKind, Instant)>,
}

impl Edits {
    /// An edit of `kind` is about to be made at `at`; `now` gives the text as it is, taken
    /// only when the edit begins a new piece.
    pub fn before(&mut self, kind: EditKind, at: Instant, now: impl FnOnce() -> Snapshot) {
        let continues = match (self.open, kind) {
            (Some((_, when)), _) if at.saturating_duration_since(when) >= PAUSE => false,
            // A new word after a space begins a piece; the space ends the word before.
            (Some((EditKind::Typing { space: true }, _)), EditKind::Typing { space: false }) => {
                false
            }
            (Some((EditKind::Typing { .. }, _)), EditKind::Typing { .. }) => true,
            (Some((EditKind::Deleting, _)), EditKind::Deleting) => true,
            _ => false,
        };
        if !continues {
            self.undo.push(now());
            if self.undo.len() > MAX_PIECES {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.open = Some((kind, at));
    }

    /// The cursor moved, or the text was replaced: the next edit begins a piece.
    pub fn close(&mut self) {
        self.open = None;
    }

    /// Whether there is nothing to undo or redo.
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty() && self.redo.is_empty()
    }

    /// Forgets everything (the text area now holds other lines).
    pub fn clear(&mut self) {
        *self = Edits::default();
    }

    /// The text to go back to, given the text as it is now (`current`, kept for redo):
    /// the last piece that changed something.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        self.open = None;
        while let Some(before) = self.undo.pop() {
            if before.lines != current.lines {
                self.redo.push(current);
                return Some(before);
            }
        }
        None
    }

    /// The text to go forward to again, given the text as it is now.
    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        self.open = None;
        let after = self.redo.pop()?;
        self.undo.push(current);
        Some(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(text: &str) -> Snapshot {
        Snapshot {
            lines: text.split('\n').map(String::from).collect(),
            cursor: (0, text.len()),
        }
    }

    /// Types `text` one character at a time into `current` at `at`, recording pieces.
    fn type_into(edits: &mut Edits, current: &mut String, text: &str, at: Instant) {
        for c in text.chars() {
            let kind = EditKind::Typing {
                space: c.is_whitespace(),
            };
            edits.before(kind, at, || snapshot(current));
            current.push(c);
        }
    }

    #[test]
    fn a_word_and_the_space_after_it_are_one_piece() {
        let mut edits = Edits::default();
        let mut text = String::new();
        let start = Instant::now();
        type_into(&mut edits, &mut text, "hello big world", start);
        let back = edits.undo(snapshot(&text)).unwrap();
        assert_eq!(back.lines, ["hello big "]);
        let back = edits.undo(back).unwrap();
        assert_eq!(back.lines, ["hello "]);
        let back = edits.undo(back).unwrap();
        assert_eq!(back.lines, [""]);
        assert!(edits.undo(back.clone()).is_none());
        let forward = edits.redo(back).unwrap();
        assert_eq!(forward.lines, ["hello "]);
    }

    #[test]
    fn a_pause_ends_a_piece_and_deletions_group_together() {
        let mut edits = Edits::default();
        let mut text = String::new();
        let start = Instant::now();
        type_into(&mut edits, &mut text, "abc", start);
        type_into(&mut edits, &mut text, "def", start + PAUSE);
        for _ in 0..2 {
            edits.before(EditKind::Deleting, start + PAUSE, || snapshot(&text));
            text.pop();
        }
        assert_eq!(text, "abcd");
        let back = edits.undo(snapshot(&text)).unwrap();
        assert_eq!(back.lines, ["abcdef"], "both deletions at once");
        let back = edits.undo(back).unwrap();
        assert_eq!(back.lines, ["abc"], "what came after the pause");
    }

    #[test]
    fn pieces_that_changed_nothing_are_skipped_and_a_new_edit_clears_redo() {
        let mut edits = Edits::default();
        let start = Instant::now();
        edits.before(EditKind::Other, start, || snapshot("a"));
        edits.before(EditKind::Other, start, || snapshot("a"));
        let back = edits.undo(snapshot("ab")).unwrap();
        assert_eq!(back.lines, ["a"]);
        assert!(
            edits.undo(back.clone()).is_none(),
            "the first piece changed nothing"
        );
        edits.before(EditKind::Other, start, || snapshot("a"));
        assert!(edits.redo(snapshot("ax")).is_none());
    }
}
