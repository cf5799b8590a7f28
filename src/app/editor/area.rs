//! The window's lines and the cursor: plain lines while the note is only looked at, a
//! ratatui-textarea `TextArea` from the first edit or move on. Making a text area
//! measures every line it is given (33 µs for a long note's window of 120 lines), and
//! stepping through the schedule shows a note a step without anyone writing in it.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};

/// Lines with a cursor, and how the cursor and an empty note look.
pub struct Area {
    state: State,
    cursor_style: Style,
    placeholder: String,
}

enum State {
    /// Only looked at: the lines, and the cursor (line, column in characters).
    Lines(Vec<String>, (usize, usize)),
    Text(Box<TextArea<'static>>),
}

impl Area {
    /// `lines` (one empty line if none), the cursor at their start.
    pub fn new(mut lines: Vec<String>, cursor_style: Style, placeholder: &str) -> Area {
        if lines.is_empty() {
            lines.push(String::new());
        }
        Area {
            state: State::Lines(lines, (0, 0)),
            cursor_style,
            placeholder: placeholder.to_string(),
        }
    }

    /// The text area, made now if the lines were only looked at so far.
    pub fn get_mut(&mut self) -> &mut TextArea<'static> {
        if let State::Lines(lines, (row, column)) = &mut self.state {
            let lines = std::mem::take(lines);
            let (row, column) = (*row, *column);
            let mut textarea = textarea_of(lines, self.cursor_style, &self.placeholder);
            textarea.move_cursor(jump(row, column));
            self.state = State::Text(Box::new(textarea));
        }
        match &mut self.state {
            State::Text(textarea) => textarea,
            State::Lines(..) => unreachable!("the text area was just made"),
        }
    }

    pub fn lines(&self) -> &[String] {
        match &self.state {
            State::Lines(lines, _) => lines,
            State::Text(textarea) => textarea.lines(),
        }
    }

    pub fn cursor(&self) -> DataCursor {
        match &self.state {
            State::Lines(_, (row, column)) => DataCursor(*row, *column),
            State::Text(textarea) => textarea.cursor(),
        }
    }

    /// Puts the cursor on `row`, `column`, clamped to the lines as the text area does.
    pub fn jump(&mut self, row: usize, column: usize) {
        match &mut self.state {
            State::Lines(lines, cursor) => {
                let clamp = |n: usize| n.min(usize::from(u16::MAX));
                let row = clamp(row).min(lines.len() - 1);
                *cursor = (row, clamp(column).min(lines[row].chars().count()));
            }
            State::Text(textarea) => textarea.move_cursor(jump(row, column)),
        }
    }

    pub fn selection_range(&self) -> Option<((usize, usize), (usize, usize))> {
        match &self.state {
            State::Lines(..) => None,
            State::Text(textarea) => textarea.selection_range(),
        }
    }

    /// Puts the cursor at the end of the last line.
    pub fn go_to_end(&mut self) {
        match &mut self.state {
            State::Lines(lines, cursor) => {
                let row = lines.len() - 1;
                *cursor = (row, lines[row].chars().count());
            }
            State::Text(textarea) => {
                textarea.move_cursor(CursorMove::Bottom);
                textarea.move_cursor(CursorMove::End);
            }
        }
    }

    pub fn cancel_selection(&mut self) {
        if let State::Text(textarea) = &mut self.state {
            textarea.cancel_selection();
        }
    }

    /// Whether the lines are one empty line.
    pub fn is_empty(&self) -> bool {
        self.lines() == [""]
    }

    pub fn cursor_style(&self) -> Style {
        self.cursor_style
    }

    pub fn placeholder_text(&self) -> &str {
        &self.placeholder
    }

    pub fn set_look(&mut self, cursor_style: Style, placeholder: &str) {
        if let State::Text(textarea) = &mut self.state {
            textarea.set_cursor_style(cursor_style);
            textarea.set_placeholder_text(placeholder);
        }
        self.cursor_style = cursor_style;
        self.placeholder = placeholder.to_string();
    }
}

fn jump(row: usize, column: usize) -> CursorMove {
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    CursorMove::Jump(clamp(row), clamp(column))
}

/// A text area set up for notes: no wrapping of its own (ours is in [`super::layout`])
/// and no history of its own (ours is in [`super::edits`]).
fn textarea_of(lines: Vec<String>, cursor_style: Style, placeholder: &str) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    // Wrapping is ours; the text area's own is off, as it is in a new one (setting it
    // again would make it measure its lines a second time).
    debug_assert_eq!(textarea.wrap_mode(), WrapMode::None);
    textarea.set_max_histories(0);
    textarea.set_cursor_line_style(Style::default());
    textarea.set_cursor_style(cursor_style);
    textarea.set_placeholder_text(placeholder.to_string());
    textarea
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines only looked at put the cursor where a text area would, and become one
    /// with the cursor there.
    #[test]
    fn looked_at_lines_clamp_the_cursor_as_a_text_area_does() {
        let lines = vec!["Übung".to_string(), "字🎉e\u{301}".into(), String::new()];
        for (row, column) in [
            (0, 3),
            (0, 99),
            (1, 2),
            (1, 4),
            (9, 9),
            (2, 1),
            (70_000, 70_000),
        ] {
            let mut area = Area::new(lines.clone(), Style::default(), "");
            area.jump(row, column);
            let mut textarea = TextArea::new(lines.clone());
            textarea.move_cursor(jump(row, column));
            assert_eq!(area.cursor(), textarea.cursor(), "{row}, {column}");
            let looked_at = area.cursor();
            assert_eq!(area.get_mut().cursor(), looked_at);
        }
    }

    #[test]
    fn the_look_set_before_the_text_area_is_made_is_its_look() {
        let mut area = Area::new(Vec::new(), Style::default(), "first");
        assert!(area.is_empty());
        let reversed = Style::default().add_modifier(ratatui::style::Modifier::REVERSED);
        area.set_look(reversed, "type here");
        let textarea = area.get_mut();
        assert_eq!(textarea.cursor_style(), reversed);
        assert_eq!(textarea.placeholder_text(), "type here");
        assert_eq!(textarea.lines(), [""]);
    }
}
