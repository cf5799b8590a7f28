//! The patched ratatui-textarea (vendor/ratatui-textarea) re-wraps only the lines an edit
//! changed. Whatever the edits, an edited text area must draw, and move its cursor
//! between wrapped rows, exactly like a fresh one built from the same lines.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{CursorMove, Input, Key, TextArea, WrapMode};

#[derive(Debug, Clone)]
enum Edit {
    Type(char),
    Paste(String),
    Enter,
    Backspace,
    Delete,
    Move(CursorMove),
    Undo,
    Resize(u16),
}

fn edit() -> impl Strategy<Value = Edit> {
    let moves = prop_oneof![
        Just(CursorMove::Forward),
        Just(CursorMove::Back),
        Just(CursorMove::Up),
        Just(CursorMove::Down),
        Just(CursorMove::Head),
        Just(CursorMove::End),
        Just(CursorMove::Top),
        Just(CursorMove::Bottom),
        Just(CursorMove::WordForward),
    ];
    prop_oneof![
        6 => prop::sample::select(vec!['a', 'b', ' ', '-', 'é', '漢', '\t', '😀']).prop_map(Edit::Type),
        1 => "[a-z 漢\n]{0,30}".prop_map(Edit::Paste),
        2 => Just(Edit::Enter),
        2 => Just(Edit::Backspace),
        1 => Just(Edit::Delete),
        3 => moves.prop_map(Edit::Move),
        1 => Just(Edit::Undo),
        1 => (4u16..20).prop_map(Edit::Resize),
    ]
}

fn apply(textarea: &mut TextArea<'_>, edit: &Edit) {
    match edit {
        Edit::Type(c) => {
            textarea.insert_char(*c);
        }
        Edit::Paste(text) => {
            textarea.insert_str(text);
        }
        Edit::Enter => {
            textarea.insert_newline();
        }
        Edit::Backspace => {
            textarea.input(Input {
                key: Key::Backspace,
                ..Input::default()
            });
        }
        Edit::Delete => {
            textarea.delete_next_char();
        }
        Edit::Move(movement) => textarea.move_cursor(*movement),
        Edit::Undo => {
            textarea.undo();
        }
        Edit::Resize(_) => {}
    }
}

/// Draws the whole text (the area is tall enough that nothing scrolls).
fn draw(textarea: &TextArea<'_>, width: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, 200)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(textarea, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .chunks(width as usize)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn fresh_copy(textarea: &TextArea<'_>, mode: WrapMode) -> TextArea<'static> {
    let mut fresh = TextArea::new(textarea.lines().to_vec());
    fresh.set_wrap_mode(mode);
    let cursor = textarea.cursor();
    fresh.move_cursor(CursorMove::Jump(cursor.0 as u16, cursor.1 as u16));
    fresh
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_edited_text_area_wraps_like_a_fresh_one(
        mode in prop::sample::select(vec![WrapMode::WordOrGlyph, WrapMode::Word, WrapMode::Glyph, WrapMode::None]),
        edits in prop::collection::vec(edit(), 1..60),
    ) {
        let mut textarea = TextArea::new(vec!["a first line of words".into(), String::new(), "漢字 and more".into()]);
        textarea.set_wrap_mode(mode);
        let mut width = 9;
        draw(&textarea, width);
        for edit in &edits {
            if let Edit::Resize(new_width) = edit {
                width = *new_width;
            }
            apply(&mut textarea, edit);
            // Drawn after every edit, as the app does, so the incremental path is used.
            draw(&textarea, width);
        }
        let mut fresh = fresh_copy(&textarea, mode);
        draw(&fresh, width);
        // Moving between wrapped rows uses the screen map: both must agree.
        for movement in [CursorMove::Down, CursorMove::Down, CursorMove::Up, CursorMove::End, CursorMove::Up] {
            textarea.move_cursor(movement);
            fresh.move_cursor(movement);
            prop_assert_eq!(textarea.cursor(), fresh.cursor());
        }
        // Drawn from the top-left corner (without wrapping, the edited one may have
        // scrolled sideways to follow its cursor), both must look the same.
        for area in [&mut textarea, &mut fresh] {
            area.move_cursor(CursorMove::Jump(0, 0));
        }
        prop_assert_eq!(draw(&textarea, width), draw(&fresh, width));
    }
}
