//! The editor of one note: moves by rows and pages, the window of a long note, undo.

use super::*;

fn long_note(lines: usize) -> String {
    (0..lines)
        .map(|n| format!("line {n}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn shift(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::SHIFT)
}

/// An editor with the text it edits, as the app holds them: the note's text is the
/// notebook's (here `notes`), the editor hands it what is typed.
struct Held {
    editor: NoteEditor,
    notes: String,
}

impl Held {
    fn new(text: &str) -> Self {
        Held {
            editor: NoteEditor::new(NoteRef::Day(Default::default()), text),
            notes: text.to_string(),
        }
    }

    /// A key, and what the app does after one.
    fn input(&mut self, key: KeyEvent, at: Instant) -> bool {
        let changed = self.editor.input(key, at);
        self.editor.keep_in(&mut self.notes);
        changed
    }

    /// The note's whole text, with all that was typed.
    fn text(&mut self) -> String {
        self.editor.keep_in(&mut self.notes);
        assert!(self.editor.is_in_step_with(&self.notes));
        self.notes.clone()
    }

    fn jump(&mut self, line: usize, column: usize) {
        self.editor.jump(line, column, &mut self.notes);
    }
}

impl std::ops::Deref for Held {
    type Target = NoteEditor;
    fn deref(&self) -> &NoteEditor {
        &self.editor
    }
}

impl std::ops::DerefMut for Held {
    fn deref_mut(&mut self) -> &mut NoteEditor {
        &mut self.editor
    }
}

/// An editor on `text` whose pane was drawn `width` x `height`.
fn drawn(text: &str, width: u16, height: u16) -> Held {
    let mut held = Held::new(text);
    held.show(width, height);
    held
}

#[test]
fn up_and_down_move_by_rows_of_the_pane_keeping_the_column() {
    // At 12 cells: "Ruff is an " / "extremely " / "fast linter", then "short".
    let mut editor = drawn("Ruff is an extremely fast linter\nshort", 12, 10);
    let now = Instant::now();
    editor.jump(0, 3);
    editor.input(key(KeyCode::Down), now);
    assert_eq!(editor.cursor(), (0, 14), "the row below, same cell");
    editor.input(key(KeyCode::Down), now);
    assert_eq!(editor.cursor(), (0, 24));
    editor.input(key(KeyCode::Down), now);
    assert_eq!(editor.cursor(), (1, 3), "into the next line");
    editor.input(key(KeyCode::Up), now);
    editor.input(key(KeyCode::Up), now);
    editor.input(key(KeyCode::Up), now);
    assert_eq!(editor.cursor(), (0, 3), "and back to where it began");
    // Shift selects.
    editor.input(shift(KeyCode::Down), now);
    assert_eq!(editor.textarea.selection_range(), Some(((0, 3), (0, 14))));
    editor.input(key(KeyCode::Down), now);
    assert_eq!(editor.textarea.selection_range(), None);
}

#[test]
fn the_pane_scrolls_to_the_cursor_and_pages_clicks_and_the_wheel_use_its_rows() {
    let text = long_note(40);
    let mut editor = drawn(&text, 20, 10);
    let now = Instant::now();
    editor.input(key(KeyCode::PageDown), now);
    assert_eq!(editor.cursor(), (9, 0), "a page less one row");
    let shown = editor.show(20, 10);
    assert_eq!(shown.cursor, (0, 0), "the last row shown is now the first");
    editor.click(2, 5);
    assert_eq!(editor.cursor(), (11, 5), "the third row shown");
    editor.scroll(15);
    let shown = editor.show(20, 10);
    assert_eq!(
        editor.cursor().0,
        24,
        "brought along to the first row shown"
    );
    assert_eq!(shown.cursor.1, 0);
    editor.click(3, 99);
    assert_eq!(
        editor.cursor(),
        (27, "line 27".len()),
        "past the text: its end"
    );
    editor.input(key(KeyCode::PageUp), now);
    assert_eq!(editor.cursor().0, 18);
}

#[test]
fn a_change_of_one_line_is_told_as_that_line() {
    let mut editor = drawn(&long_note(300), 40, 10);
    let now = Instant::now();
    editor.jump(200, 2);
    // The editor's own keys, without the app taking what they did.
    assert_eq!(editor.take_pending(), Pending::Nothing);
    editor.editor.input(key(KeyCode::Char('x')), now);
    editor.type_text("yz", now);
    editor.editor.input(key(KeyCode::Backspace), now);
    assert_eq!(editor.take_pending(), Pending::Line(200));
    assert_eq!(editor.window_line(200), Some("lixyne 200"));
    editor.editor.input(key(KeyCode::Enter), now);
    assert_eq!(editor.take_pending(), Pending::Anything, "a line came");
    editor.editor.input(key(KeyCode::Char('a')), now);
    editor.editor.input(key(KeyCode::Up), now);
    editor.editor.input(key(KeyCode::Char('b')), now);
    assert_eq!(
        editor.take_pending(),
        Pending::Anything,
        "two lines changed"
    );
    editor.begin(EditKind::Other, now);
    assert_eq!(
        editor.take_pending(),
        Pending::Anything,
        "the app's own edits"
    );
}

#[test]
fn undo_takes_back_words_and_redo_brings_them_again() {
    let mut editor = drawn("", 40, 5);
    let now = Instant::now();
    for c in "good talk".chars() {
        editor.input(key(KeyCode::Char(c)), now);
    }
    assert!(editor.input(
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        now
    ));
    assert_eq!(editor.text(), "good ");
    assert!(editor.input(
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        now
    ));
    assert_eq!(editor.text(), "");
    assert!(editor.input(
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
        now
    ));
    assert_eq!(editor.text(), "good ");
    // A burst is one piece.
    assert!(editor.type_text("pasted words here", now));
    editor.undo();
    assert_eq!(editor.text(), "good ");
}

#[test]
fn a_short_note_is_edited_whole() {
    let mut editor = Held::new("a\nb");
    assert_eq!(editor.textarea.lines(), ["a", "b"]);
    assert_eq!(editor.text(), "a\nb");
}

#[test]
fn a_long_note_is_held_a_window_at_a_time_and_its_text_is_the_notebooks() {
    let text = long_note(5000);
    let mut editor = Held::new(&text);
    assert_eq!(editor.textarea.lines().len(), WINDOW_LINES);
    assert_eq!(editor.text(), text);
    editor.jump(2500, 2);
    assert_eq!(editor.cursor(), (2500, 2));
    assert!(editor.textarea.lines().len() <= WINDOW_LINES);
    editor.textarea.get_mut().insert_str("X");
    editor.begin(EditKind::Other, Instant::now());
    let mut expected: Vec<String> = text.lines().map(String::from).collect();
    expected[2500].insert(2, 'X');
    assert_eq!(editor.text(), expected.join("\n"));
    // The end of the note moves the window there, with what was typed taken first.
    editor.textarea.get_mut().insert_str("Y");
    editor.begin(EditKind::Other, Instant::now());
    editor.editor.move_to_end(&mut editor.notes);
    assert_eq!(editor.cursor(), (4999, "line 4999".len()));
    expected[2500].insert(3, 'Y');
    assert_eq!(editor.text(), expected.join("\n"));
}

#[test]
fn a_typed_line_is_taken_alone_where_it_is_in_the_note() {
    let text = long_note(600);
    let mut editor = Held::new(&text);
    editor.jump(300, 0);
    assert!(editor.window.first_line > 0 && editor.window.more_below);
    let now = Instant::now();
    editor.editor.type_text("typed ", now);
    let mut notes = editor.notes.clone();
    let taken = editor.editor.take_into(&mut notes);
    assert_eq!(
        taken,
        Taken::Line {
            line: 300,
            old: "line 300".into()
        }
    );
    let mut expected: Vec<String> = text.lines().map(String::from).collect();
    expected[300].insert_str(0, "typed ");
    assert_eq!(notes, expected.join("\n"));
    assert!(editor.is_in_step_with(&notes));
}

#[test]
fn a_note_changed_without_the_editor_knowing_loses_nothing() {
    // A mistake in talkbook, caught in debug builds; in a release build what the
    // editor held is added to the note rather than written over it.
    if cfg!(debug_assertions) {
        return;
    }
    let mut editor = Held::new("one\ntwo");
    editor.editor.type_text("new ", Instant::now());
    let mut notes = String::from("one\ntwo\nthree, added elsewhere");
    assert_eq!(editor.editor.take_into(&mut notes), Taken::Added);
    assert_eq!(notes, "one\ntwo\nthree, added elsewhere\nnew one\ntwo");
}

#[test]
fn control_characters_cleaned_for_display_are_taken_out_of_the_whole_window() {
    let mut editor = Held::new("a\u{1b}[31mred\nsecond");
    assert_eq!(editor.textarea.lines(), ["ared", "second"]);
    editor.jump(1, 0);
    editor.editor.type_text("x", Instant::now());
    assert_eq!(editor.text(), "ared\nxsecond");
}

#[test]
fn the_window_follows_the_cursor_through_the_whole_note() {
    let text = long_note(2000);
    let mut editor = Held::new(&text);
    for _ in 0..1999 {
        editor.textarea.get_mut().input(key(KeyCode::Down));
        editor.editor.keep_in(&mut editor.notes);
    }
    assert_eq!(editor.cursor().0, 1999);
    for _ in 0..1999 {
        editor.textarea.get_mut().input(key(KeyCode::Up));
        editor.editor.keep_in(&mut editor.notes);
    }
    assert_eq!(editor.cursor().0, 0);
    assert_eq!(editor.text(), text);
}

#[test]
fn a_place_left_and_come_back_to_is_the_same_window_cursor_and_undo() {
    let text = long_note(1000);
    let mut editor = Held::new(&text);
    editor.jump(700, 4);
    let now = Instant::now();
    editor.input(key(KeyCode::Char('Z')), now);
    editor.text();
    let window = editor.window;
    let Held {
        editor: left,
        notes,
    } = editor;
    let place = left.leave().expect("worked in");
    let mut editor = Held {
        editor: NoteEditor::back(NoteRef::Day(Default::default()), &notes, place),
        notes,
    };
    assert_eq!(editor.window, window);
    assert_eq!(editor.cursor(), (700, 5));
    editor.undo();
    assert_eq!(
        editor.text(),
        text,
        "undo reaches what was typed before leaving"
    );
    assert!(
        NoteEditor::new(NoteRef::Day(Default::default()), &text)
            .leave()
            .is_none(),
        "a note only looked at leaves nothing"
    );
}
