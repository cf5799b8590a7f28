//! A long note is given to the text area a window at a time (`app/editor/`), so typing
//! stays fast, and the notebook's text of the note takes what is typed. Whatever the
//! edits and moves, the notebook's text must come out exactly as one text area holding
//! the whole note makes it, and the cursor must be on the same place.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui_textarea::TextArea;
use talkbook::app::NoteEditor;
use talkbook::model::NoteRef;

#[derive(Debug, Clone)]
enum Edit {
    Key(KeyCode),
    /// Moves the cursor this many lines down (negative: up), as holding a key does.
    Travel(i32),
    Paste(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let keys = prop_oneof![
        6 => prop::sample::select(vec!['a', 'b', ' ', '-', 'é', '漢', '😀']).prop_map(KeyCode::Char),
        2 => Just(KeyCode::Enter),
        2 => Just(KeyCode::Backspace),
        1 => Just(KeyCode::Delete),
        2 => Just(KeyCode::Left),
        2 => Just(KeyCode::Right),
        2 => Just(KeyCode::Up),
        2 => Just(KeyCode::Down),
        1 => Just(KeyCode::Home),
        1 => Just(KeyCode::End),
    ];
    prop_oneof![
        10 => keys.prop_map(Edit::Key),
        2 => (-700i32..700).prop_map(Edit::Travel),
        1 => "[a-z 漢\n]{0,300}".prop_map(Edit::Paste),
    ]
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Does `edit` to a text area holding the whole note.
fn apply(textarea: &mut TextArea<'_>, edit: &Edit) {
    match edit {
        Edit::Key(code) => {
            textarea.input(key(*code));
        }
        Edit::Travel(lines) => {
            let code = if *lines < 0 {
                KeyCode::Up
            } else {
                KeyCode::Down
            };
            for _ in 0..lines.unsigned_abs() {
                textarea.input(key(code));
            }
        }
        Edit::Paste(text) => {
            textarea.insert_str(text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_long_note_edited_in_windows_is_the_note_edited_whole(
        lines in 300usize..1500,
        edits in prop::collection::vec(edit(), 1..120),
    ) {
        let text: String = (0..lines).map(|n| format!("line {n} of the note")).collect::<Vec<_>>().join("\n");
        let mut whole = TextArea::new(text.split('\n').map(String::from).collect());
        // The notebook's text of the note, which the editor hands what is typed.
        let mut notes = text.clone();
        let mut windowed = NoteEditor::new(NoteRef::Day(Default::default()), &text);
        let now = std::time::Instant::now();
        for edit in &edits {
            apply(&mut whole, edit);
            // The app hands the editor the notebook's text after every key, as here.
            match edit {
                Edit::Key(code) => {
                    windowed.input(key(*code), now);
                    windowed.keep_in(&mut notes);
                }
                Edit::Travel(count) => {
                    let code = if *count < 0 { KeyCode::Up } else { KeyCode::Down };
                    for _ in 0..count.unsigned_abs() {
                        windowed.input(key(code), now);
                        windowed.keep_in(&mut notes);
                    }
                }
                Edit::Paste(pasted) => {
                    windowed.insert_piece(pasted, now);
                    windowed.keep_in(&mut notes);
                }
            }
            prop_assert_eq!(&notes, &whole.lines().join("\n"));
            let ratatui_textarea::DataCursor(row, column) = whole.cursor();
            prop_assert_eq!(windowed.cursor(), (row, column));
            prop_assert!(windowed.textarea.lines().len() <= talkbook::app::WINDOW_MAX_LINES);
        }
    }
}
