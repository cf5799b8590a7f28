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

/// An editor on `text` whose pane was drawn `width` x `height`.
fn drawn(text: &str, width: u16, height: u16) -> NoteEditor {
    let mut editor = NoteEditor::new(NoteRef::Day(Default::default()), text);
    editor.show(width, height);
    editor
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
    assert_eq!(editor.take_pending(), Pending::Nothing);
    editor.input(key(KeyCode::Char('x')), now);
    editor.type_text("yz", now);
    editor.input(key(KeyCode::Backspace), now);
    assert_eq!(editor.take_pending(), Pending::Line(200));
    assert_eq!(editor.line(200), Some("lixyne 200"));
    editor.input(key(KeyCode::Enter), now);
    assert_eq!(editor.take_pending(), Pending::Anything, "a line came");
    editor.input(key(KeyCode::Char('a')), now);
    editor.input(key(KeyCode::Up), now);
    editor.input(key(KeyCode::Char('b')), now);
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
    assert_eq!(editor.line_count(), 301);
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
fn where_each_line_starts_is_where_it_starts_in_the_whole_text() {
    let text = long_note(600);
    let mut editor = NoteEditor::new(NoteRef::Day(Default::default()), &text);
    editor.jump(300, 0);
    editor.textarea.insert_str("typed ");
    assert!(!editor.above.is_empty() && !editor.below.is_empty());
    let whole = editor.text();
    let mut start = 0;
    for (line, content) in whole.split('\n').enumerate() {
        assert_eq!(
            editor.line_start_and_length(line),
            (start, whole.len()),
            "line {line}"
        );
        start += content.len() + 1;
    }
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
