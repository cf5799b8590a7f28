//! The editor of one note.
//!
//! The notebook owns the note's text. ratatui-textarea (0.9.4) wraps its whole text
//! again after every edit: in a 5,000-line note that is 6 ms a key. So the text area is
//! given a window of the note's lines around the cursor ([`window`]); notes of up to
//! [`WINDOW_LINES`] lines (nearly all of them) are held whole, and a pane taller than a
//! third of that gets a window big enough to fill it. What is typed goes back
//! to the notebook's text when the app asks ([`NoteEditor::take_into`]), a changed line
//! at a time when that is all; after a key, a click or the wheel the app hands the
//! notebook's text to [`NoteEditor::keep_in`], which moves the window when the cursor
//! comes near its edge. Moving the window starts a new text area, so undo (Ctrl-U) does
//! not reach across a window move in such a long note. A note only looked at gets no
//! text area, only the window's lines ([`area`]): it is made at the first key in it.
//!
//! The text area only holds the text and the cursor. How the lines wrap into the pane's
//! rows, which rows show, and so what Up, Down, Page Up, a click and the wheel do, is
//! ours ([`layout`]): the text area's own wrap started rows with a space. Undo goes by
//! words and pauses ([`edits`]), not by characters.

mod area;
pub mod edits;
pub mod layout;
mod window;

use std::rc::Rc;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, DataCursor, TextArea};

pub use self::area::Area;
use self::edits::{EditKind, Edits, Snapshot};
use self::layout::LineLayout;
use self::window::Window;
pub use self::window::{Place, Taken};
use crate::model::NoteRef;
use crate::text::clean_text;

/// The most lines a text area holds at once (more for a pane taller than a third of
/// it: see [`window::sizes`]).
pub const WINDOW_LINES: usize = 120;
/// The window moves when the cursor comes this close to an edge that is not the note's.
const WINDOW_MARGIN: usize = 50;
/// A window that grew this long by editing is cut down to [`WINDOW_LINES`] again (in a
/// pane of the usual height).
pub const WINDOW_MAX_LINES: usize = WINDOW_LINES + WINDOW_MARGIN;

/// The editor for the selected note: which note, and a text area holding (a window of)
/// its text.
pub struct NoteEditor {
    pub note: NoteRef,
    /// The lines the person edits (a text area once they do); all of the note unless
    /// it is long.
    pub textarea: Area,
    /// Where those lines are in the notebook's text of the note, which owns the rest.
    window: Window,
    /// The pane as it was last drawn: its size and first row. Drawing keeps the cursor
    /// in sight by moving it, as a text area's viewport does, and the event loop hands
    /// what it drew back ([`NoteEditor::shown`]).
    view: View,
    /// The cell in the row that Up and Down keep to, while they are pressed in a row.
    goal_x: Option<usize>,
    edits: Edits,
    /// Lines laid out for the moves made here (the screen keeps its own).
    layouts: Layouts,
    /// What changed since the notebook last took the note's text.
    pending: Pending,
}

/// What the editor changed since the notebook last took its text: in the common case
/// one line (a character typed), which the notebook can take without copying a long
/// note whole on every keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Nothing,
    /// Only this line of the note (counted in the whole note) changed, and no line came
    /// or went.
    Line(usize),
    /// More than that, or something not followed line by line.
    Anything,
}

/// Lines laid out for the pane, by line of the text area with the text they were laid
/// out from: a keystroke changes one line, and laying out all the others again on every
/// frame was a good part of a keystroke. Whoever lays out lines keeps one: the screen
/// for drawing, the editor for its moves.
#[derive(Default)]
pub struct Layouts {
    width: u16,
    lines: Vec<Option<(String, Rc<LineLayout>)>>,
}

impl Layouts {
    /// Line `line` of `lines` laid out for rows `width` cells wide.
    pub fn get(&mut self, lines: &[String], line: usize, width: u16) -> Rc<LineLayout> {
        let text = &lines[line];
        if self.width != width || self.lines.len() != lines.len() {
            // Another width, or lines came or went (and the others moved): start over.
            self.width = width;
            self.lines.clear();
            self.lines.resize(lines.len(), None);
        }
        match &self.lines[line] {
            Some((laid_out_from, laid_out)) if laid_out_from == text => laid_out.clone(),
            _ => {
                let laid_out = Rc::new(LineLayout::new(text, width));
                self.lines[line] = Some((text.clone(), laid_out.clone()));
                laid_out
            }
        }
    }
}

/// The row `rows` rows above `from` (a line of `lines` and a row of it), or the first.
fn rows_up(
    lines: &[String],
    layouts: &mut Layouts,
    width: u16,
    from: (usize, usize),
    mut rows: usize,
) -> (usize, usize) {
    let (mut line, mut row) = from;
    while rows > 0 {
        if row >= rows {
            return (line, row - rows);
        }
        rows -= row + 1;
        if line == 0 {
            return (0, 0);
        }
        line -= 1;
        row = layouts.get(lines, line, width).rows() - 1;
    }
    (line, row)
}

/// The row `rows` rows below `from`, or the last.
fn rows_down(
    lines: &[String],
    layouts: &mut Layouts,
    width: u16,
    from: (usize, usize),
    rows: usize,
) -> (usize, usize) {
    let (mut line, mut row) = from;
    let mut count = layouts.get(lines, line, width).rows();
    for _ in 0..rows {
        if row + 1 < count {
            row += 1;
        } else if line + 1 < lines.len() {
            line += 1;
            row = 0;
            count = layouts.get(lines, line, width).rows();
        } else {
            break;
        }
    }
    (line, row)
}

/// What the editor pane shows: `width` x `height` cells from `top`, a row of a line of
/// the whole note (so it survives the window moving).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    pub width: u16,
    pub height: u16,
    pub top: (usize, usize),
}

/// The rows the pane shows now, and where the cursor is among them.
pub struct Screenful {
    /// What the pane shows, to hand back to the editor once drawn.
    pub view: View,
    /// Lines of the text area (by index) with their layout.
    pub lines: Vec<(usize, Rc<LineLayout>)>,
    /// Each shown row: an index into `lines`, and the row of that line.
    pub rows: Vec<(usize, usize)>,
    /// The cursor's cell: x from the left edge, y the shown row.
    pub cursor: (u16, u16),
}

const PLACEHOLDER: &str = "No notes yet. Press Enter (or i) in the schedule to write.";

/// Which edit a key that reaches the text area makes, if it edits.
fn edit_kind(key: &KeyEvent) -> Option<EditKind> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if !ctrl && !alt => Some(EditKind::Typing {
            space: c.is_whitespace(),
        }),
        KeyCode::Enter => Some(EditKind::Typing { space: true }),
        KeyCode::Backspace | KeyCode::Delete => Some(EditKind::Deleting),
        KeyCode::Char('h' | 'd' | 'w' | 'k' | 'j') if ctrl => Some(EditKind::Deleting),
        KeyCode::Char('d') if alt => Some(EditKind::Deleting),
        KeyCode::Char('x' | 'y') if ctrl => Some(EditKind::Other),
        _ => None,
    }
}

/// Keys the editor handles itself rather than the text area: moves by rows of the pane,
/// and undo by pieces.
enum Own {
    /// Up (negative) or down by rows; with Shift, selecting.
    Rows(isize, bool),
    /// A page up (negative) or down.
    Pages(isize, bool),
    Undo,
    Redo,
}

/// The editor's own keys are in the key table ([`crate::keymap::EDITOR_OWN_KEYS`]),
/// fixed, so that the help and the README list them.
fn own_key(key: &KeyEvent) -> Option<Own> {
    use crate::keymap::EditorKey;
    let (what, shift) = crate::keymap::editor_key(key)?;
    Some(match what {
        EditorKey::RowUp => Own::Rows(-1, shift),
        EditorKey::RowDown => Own::Rows(1, shift),
        EditorKey::PageUp => Own::Pages(-1, shift),
        EditorKey::PageDown => Own::Pages(1, shift),
        EditorKey::Undo => Own::Undo,
        EditorKey::Redo => Own::Redo,
    })
}

impl NoteEditor {
    /// An editor on `notes` (the notebook's text of `note`), the cursor at its start.
    pub fn new(note: NoteRef, notes: &str) -> Self {
        Self::in_pane(note, notes, 0, 0, (0, 0))
    }

    /// An editor on `notes`, the cursor on `line`, `column` (clamped to the note), for a
    /// pane of `width` x `height` (the size the note before it was shown in; 0 x 0 when
    /// not known): its window holds lines enough to fill it.
    pub fn in_pane(
        note: NoteRef,
        notes: &str,
        line: usize,
        column: usize,
        (width, height): (u16, u16),
    ) -> Self {
        let mut editor = NoteEditor {
            note,
            textarea: Area::new(Vec::new(), Style::default(), PLACEHOLDER),
            window: Window::default(),
            view: View {
                width,
                height,
                top: (0, 0),
            },
            goal_x: None,
            edits: Edits::default(),
            layouts: Layouts::default(),
            pending: Pending::Nothing,
        };
        editor.place_window(notes, line, column);
        editor
    }

    /// Whether this editor holds nothing that one made afresh from the notebook's note
    /// would not: the cursor and the view at the start, nothing selected, nothing to
    /// undo or redo, and nothing typed that the notebook has not taken.
    pub fn is_untouched(&self) -> bool {
        self.cursor() == (0, 0)
            && self.view.top == (0, 0)
            && self.goal_x.is_none()
            && self.textarea.selection_range().is_none()
            && self.edits.is_empty()
            && self.pending == Pending::Nothing
    }

    /// Gives the text area `lines`, keeping how it looks.
    fn set_window_lines(&mut self, lines: Vec<String>) {
        self.textarea = Area::new(
            lines,
            self.textarea.cursor_style(),
            self.textarea.placeholder_text(),
        );
    }

    // ----- editing ------------------------------------------------------------------

    /// A key typed in the editor, at `at`; whether it changed the text.
    pub fn input(&mut self, key: KeyEvent, at: Instant) -> bool {
        let own = own_key(&key);
        if !matches!(own, Some(Own::Rows(..) | Own::Pages(..))) {
            self.goal_x = None;
        }
        match own {
            Some(Own::Rows(rows, shift)) => {
                self.move_rows(rows, shift);
                false
            }
            Some(Own::Pages(pages, shift)) => {
                let page = self.page_rows();
                self.scroll_view(pages * page);
                self.move_rows(pages * page, shift);
                false
            }
            Some(Own::Undo) => self.undo(),
            Some(Own::Redo) => self.redo(),
            None => match edit_kind(&key) {
                Some(kind) => self.edit(kind, at, |textarea| textarea.input(key)),
                None => {
                    self.edits.close();
                    let changed = self.textarea.get_mut().input(key);
                    if changed {
                        self.pending = Pending::Anything;
                    }
                    changed
                }
            },
        }
    }

    /// Characters typed together (one key, or a burst) at the cursor, as one edit;
    /// whether anything was typed. A single character continues the word being typed
    /// for undo; a burst is a piece of its own.
    pub fn type_text(&mut self, text: &str, at: Instant) -> bool {
        let mut chars = text.chars();
        let kind = match (chars.next(), chars.next()) {
            (Some(c), None) => EditKind::Typing {
                space: c.is_whitespace(),
            },
            _ => EditKind::Other,
        };
        self.goal_x = None;
        self.edit(kind, at, |textarea| textarea.insert_str(text))
    }

    /// Text the app puts at the cursor (a paste, a stamp) as an edit of its own;
    /// whether anything was put there.
    pub fn insert_piece(&mut self, text: &str, at: Instant) -> bool {
        self.goal_x = None;
        self.edit(EditKind::Other, at, |textarea| textarea.insert_str(text))
    }

    /// Makes `change` to the text as (part of) an edit of `kind`, noting what changed
    /// for the notebook; whether anything did.
    fn edit(
        &mut self,
        kind: EditKind,
        at: Instant,
        change: impl FnOnce(&mut TextArea<'static>) -> bool,
    ) -> bool {
        let before = self.shape();
        self.begin_piece(kind, at);
        let changed = change(self.textarea.get_mut());
        if changed {
            self.changed_since(before);
        }
        changed
    }

    /// How many lines the text area holds, and the cursor's line in the note.
    fn shape(&self) -> (usize, usize) {
        (self.textarea.lines().len(), self.cursor().0)
    }

    /// An edit was made that began with the text area `before` (see `shape`).
    fn changed_since(&mut self, before: (usize, usize)) {
        let (lines, line) = self.shape();
        self.pending = match self.pending {
            Pending::Nothing if (lines, line) == before => Pending::Line(line),
            Pending::Line(same) if same == line && (lines, line) == before => Pending::Line(line),
            _ => Pending::Anything,
        };
    }

    /// What changed since the last call, for the notebook to take.
    #[cfg(test)]
    pub fn take_pending(&mut self) -> Pending {
        std::mem::replace(&mut self.pending, Pending::Nothing)
    }

    /// Replaces the whole note with `text` (from an external editor) in `notes`, the
    /// notebook's text of it, as one edit: a note held whole is undone in one step; a
    /// long one held a window at a time starts a new window (and undo starts again
    /// there).
    pub fn replace_all(&mut self, text: &str, at: Instant, notes: &mut String) -> Taken {
        self.take_into(notes);
        let text = clean_text(text);
        let (line, column) = self.cursor();
        self.goal_x = None;
        let lines: Vec<String> = text.split('\n').map(String::from).collect();
        if self.holds_all() && lines.len() <= WINDOW_LINES {
            self.begin(EditKind::Other, at);
            self.set_window_lines(lines);
            self.jump_in_window(line, column);
            self.edits.close();
            self.take_into(notes)
        } else {
            *notes = text.into_owned();
            self.place_window(notes, line, column);
            Taken::Window
        }
    }

    /// An edit of `kind` is about to be made (by a key, or by the app: a paste, a
    /// stamp): it continues the piece undo takes back at once, or begins one.
    pub fn begin(&mut self, kind: EditKind, at: Instant) {
        self.pending = Pending::Anything;
        self.begin_piece(kind, at);
    }

    fn begin_piece(&mut self, kind: EditKind, at: Instant) {
        let textarea = &self.textarea;
        self.edits.before(kind, at, || snapshot_of(textarea));
    }

    /// Takes back the last piece of editing; whether there was one.
    pub fn undo(&mut self) -> bool {
        match self.edits.undo(snapshot_of(&self.textarea)) {
            Some(before) => {
                self.restore(before);
                true
            }
            None => false,
        }
    }

    /// Makes the last piece undone again; whether there was one.
    pub fn redo(&mut self) -> bool {
        match self.edits.redo(snapshot_of(&self.textarea)) {
            Some(after) => {
                self.restore(after);
                true
            }
            None => false,
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
        self.pending = Pending::Anything;
        self.set_window_lines(snapshot.lines);
        self.jump_in_window(snapshot.cursor.0, snapshot.cursor.1);
    }

    // ----- the pane: rows, moves, clicks, the wheel ---------------------------------

    /// The rows a pane of `width` x `height` shows, scrolled as little as it takes to
    /// show the cursor from where it was last drawn; `layouts` is the caller's.
    pub fn screenful(&self, width: u16, height: u16, layouts: &mut Layouts) -> Screenful {
        let lines = self.textarea.lines();
        let height = usize::from(height.max(1));
        let mut layout = |line: usize| layouts.get(lines, line, width);
        let DataCursor(cursor_line, cursor_column) = self.textarea.cursor();
        let cursor_layout = layout(cursor_line);
        let (cursor_row, cursor_x) = cursor_layout.position(cursor_column);
        let view = self.view;
        let top = view
            .top
            .0
            .checked_sub(self.window.first_line)
            .filter(|line| *line < lines.len())
            .map(|line| (line, view.top.1.min(layout(line).rows() - 1)));
        let cursor = (cursor_line, cursor_row);
        let top = match top {
            Some(top) if top <= cursor && cursor_line - top.0 <= height => {
                let mut distance = 0;
                for line in top.0..cursor_line {
                    distance += layout(line).rows();
                }
                if distance + cursor_row - top.1 < height {
                    top
                } else {
                    rows_up(lines, layouts, width, cursor, height - 1)
                }
            }
            Some(top) if top > cursor => cursor,
            _ => rows_up(lines, layouts, width, cursor, height - 1),
        };
        let mut screenful = Screenful {
            view: View {
                width,
                height: height as u16,
                top: (self.window.first_line + top.0, top.1),
            },
            lines: Vec::new(),
            rows: Vec::new(),
            cursor: (0, 0),
        };
        let mut line = top.0;
        let mut first_row = top.1;
        while screenful.rows.len() < height && line < lines.len() {
            let laid_out = layouts.get(lines, line, width);
            for row in first_row..laid_out.rows() {
                if (line, row) == cursor {
                    let x = cursor_x.min(usize::from(width.max(1)) - 1);
                    screenful.cursor = (x as u16, screenful.rows.len() as u16);
                }
                screenful.rows.push((screenful.lines.len(), row));
                if screenful.rows.len() == height {
                    break;
                }
            }
            screenful.lines.push((line, laid_out));
            line += 1;
            first_row = 0;
        }
        screenful
    }

    /// The pane was drawn showing `view` (see [`NoteEditor::screenful`]): moves by rows
    /// and pages, clicks and the wheel go by it.
    pub fn shown(&mut self, view: View) {
        self.view = view;
    }

    /// Lays the pane out as [`NoteEditor::screenful`] does, with the editor's own
    /// layouts, and takes what it shows as shown.
    pub fn show(&mut self, width: u16, height: u16) -> Screenful {
        let mut layouts = std::mem::take(&mut self.layouts);
        let screenful = self.screenful(width, height, &mut layouts);
        self.layouts = layouts;
        self.view = screenful.view;
        screenful
    }

    /// Line `line` of the text area laid out for rows `width` cells wide.
    fn layout(&mut self, line: usize, width: u16) -> Rc<LineLayout> {
        self.layouts.get(self.textarea.lines(), line, width)
    }

    fn rows_up(&mut self, from: (usize, usize), rows: usize) -> (usize, usize) {
        rows_up(
            self.textarea.lines(),
            &mut self.layouts,
            self.view.width,
            from,
            rows,
        )
    }

    fn rows_down(&mut self, from: (usize, usize), rows: usize) -> (usize, usize) {
        rows_down(
            self.textarea.lines(),
            &mut self.layouts,
            self.view.width,
            from,
            rows,
        )
    }

    /// A page: the pane's height less one row, so a row stays in sight.
    fn page_rows(&self) -> isize {
        (self.view.height.max(2) as isize - 1).max(1)
    }

    /// Moves the cursor `rows` rows of the pane up (negative) or down, keeping to the
    /// same cell across rows; Shift selects. Before the pane was ever drawn, by lines.
    fn move_rows(&mut self, rows: isize, shift: bool) {
        if shift && !self.textarea.get_mut().is_selecting() {
            self.textarea.get_mut().start_selection();
        } else if !shift {
            self.textarea.cancel_selection();
        }
        self.edits.close();
        let width = self.view.width;
        if width == 0 {
            let step = if rows < 0 {
                CursorMove::Up
            } else {
                CursorMove::Down
            };
            for _ in 0..rows.unsigned_abs() {
                self.textarea.get_mut().move_cursor(step);
            }
            return;
        }
        let DataCursor(line, column) = self.textarea.cursor();
        let (row, x) = self.layout(line, width).position(column);
        let goal = *self.goal_x.get_or_insert(x);
        let (line, row) = if rows < 0 {
            self.rows_up((line, row), rows.unsigned_abs())
        } else {
            self.rows_down((line, row), rows.unsigned_abs())
        };
        let column = self.layout(line, width).column_at(row, goal);
        self.jump_in_window(line, column);
    }

    /// Scrolls what the pane shows by `rows` (negative: up), without moving the cursor.
    fn scroll_view(&mut self, rows: isize) {
        let mut view = self.view;
        let Some(line) = view.top.0.checked_sub(self.window.first_line) else {
            return;
        };
        if view.width == 0 || line >= self.textarea.lines().len() {
            return;
        }
        let top = if rows < 0 {
            self.rows_up((line, view.top.1), rows.unsigned_abs())
        } else {
            self.rows_down((line, view.top.1), rows.unsigned_abs())
        };
        view.top = (self.window.first_line + top.0, top.1);
        self.view = view;
    }

    /// The wheel: scrolls by `rows`, and brings the cursor along where it would leave
    /// the pane.
    pub fn scroll(&mut self, rows: isize) {
        let view = self.view;
        if view.width == 0 {
            self.move_rows(rows, false);
            return;
        }
        self.scroll_view(rows);
        let shown = self.shown_rows(view.height);
        let DataCursor(line, column) = self.textarea.cursor();
        let (row, x) = self.layout(line, view.width).position(column);
        let first = shown.first().copied();
        let last = shown.last().copied();
        let target = match (first, last) {
            (Some(first), _) if (line, row) < first => Some(first),
            (_, Some(last)) if (line, row) > last => Some(last),
            _ => None,
        };
        if let Some((line, row)) = target {
            let goal = *self.goal_x.get_or_insert(x);
            let column = self.layout(line, view.width).column_at(row, goal);
            self.textarea.cancel_selection();
            self.jump_in_window(line, column);
        }
        self.edits.close();
    }

    /// The (line, row) pairs shown from the view's top, without moving it to the cursor.
    fn shown_rows(&mut self, height: u16) -> Vec<(usize, usize)> {
        let view = self.view;
        let Some(line) = view.top.0.checked_sub(self.window.first_line) else {
            return Vec::new();
        };
        let mut shown = Vec::new();
        let mut at = (line, view.top.1);
        while shown.len() < usize::from(height) && at.0 < self.textarea.lines().len() {
            shown.push(at);
            let next = self.rows_down(at, 1);
            if next == at {
                break;
            }
            at = next;
        }
        shown
    }

    /// A click on cell `column` of shown row `row`: the cursor goes there.
    pub fn click(&mut self, row: u16, column: u16) {
        let view = self.view;
        // Never drawn (a test without a screen): as if the pane had room for everything.
        let (width, height) = match view.width {
            0 => (u16::MAX, u16::MAX),
            _ => (view.width, view.height),
        };
        let shown = self.show(width, height);
        let Some(&(index, line_row)) = shown.rows.get(usize::from(row)).or(shown.rows.last())
        else {
            return;
        };
        let (line, layout) = &shown.lines[index];
        let column = layout.column_at(line_row, usize::from(column));
        self.textarea.cancel_selection();
        self.goal_x = None;
        self.edits.close();
        self.jump_in_window(*line, column);
    }

    /// What the pane showed when it was last drawn.
    pub fn view(&self) -> View {
        self.view
    }

    fn jump_in_window(&mut self, row: usize, column: usize) {
        self.textarea.jump(row, column);
    }
}

/// Bytes of `lines` with a line break after each.
fn bytes_with_breaks(lines: &[String]) -> usize {
    lines.iter().map(|line| line.len() + 1).sum()
}

fn snapshot_of(textarea: &Area) -> Snapshot {
    let DataCursor(line, column) = textarea.cursor();
    Snapshot {
        lines: textarea.lines().to_vec(),
        cursor: (line, column),
    }
}

#[cfg(test)]
mod tests;
