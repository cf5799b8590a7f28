//! The editor pane: the selected talk's (or day's) notes, wrapped by our own layout
//! (`app::editor::layout`). The text area holds the text and the cursor; this draws them.
//!
//! A keystroke changes a row or two of the pane, so the pane remembers what each row
//! showed ([`EditorPane`]) and draws again only the rows that differ: comparing,
//! clearing and sending the pane's thousands of cells was most of a keystroke's time.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget as _;
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::canvas::{Canvas, Paint};
use super::fit::{fit, width};
use crate::app::{
    Action, App, EditorLayouts as Layouts, EditorView as View, Pane, Selected, glyphs,
};
use crate::keymap::Context;
use crate::model::NoteRef;
use crate::model::TalkState;
use crate::model::labels::talk_title_line;
use crate::text::clean_text;

/// Everything around the text: equal values draw equal borders and titles.
#[derive(Debug, Clone, PartialEq)]
struct Chrome {
    area: Rect,
    title: String,
    focused: bool,
    hint: Option<String>,
    theme: Theme,
}

impl Chrome {
    fn of(area: Rect, app: &App, theme: &Theme) -> Chrome {
        let focused = app.focus == Pane::Editor;
        // The borders' corners and the spaces around the title.
        let room = usize::from(area.width).saturating_sub(4);
        let title = match (&app.selected, app.selected_talk()) {
            (Selected::Talk(_), Some(talk)) => {
                // Cut the title, never the time or the state after it.
                let time = format!("{} · ", talk.time_range_in(app.clock_format));
                let title = talk_title_line(talk);
                let mut state = String::new();
                if talk.state != TalkState::Unmarked {
                    state = format!(" · {}", talk.state.word());
                }
                if talk.removed {
                    state.push_str(" · removed from schedule");
                }
                let title_room = room.saturating_sub(width(&time) + width(&state));
                fit(&format!("{time}{}{state}", fit(&title, title_room)), room)
            }
            _ => fit(
                &format!("Day notes · {}", app.current_day().heading()),
                room,
            ),
        };
        let hint = focused.then(|| {
            let key = |action| {
                app.keymap
                    .key_for(Context::Editor, action)
                    .unwrap_or_default()
            };
            format!(
                " {}: schedule · {}: follow-up ",
                key(Action::LeaveEditor),
                key(Action::ToggleTask)
            )
        });
        Chrome {
            area,
            title,
            focused,
            hint,
            theme: theme.clone(),
        }
    }

    /// Whether `other` differs from this at most in its title: the same borders, hint
    /// and place.
    fn same_frame(&self, other: &Chrome) -> bool {
        (self.area, self.focused, &self.hint, &self.theme)
            == (other.area, other.focused, &other.hint, &other.theme)
    }

    /// Draws only the top border row with the title; returns that row. (A block two rows
    /// high is its top and bottom border rows: its first row is the top one.)
    fn render_top(&self, canvas: &mut Canvas) -> Rect {
        let title = Line::from(format!(" {} ", self.title));
        super::frame::draw_top(canvas, self.area, &title, self.focused, &self.theme);
        Rect::new(self.area.x, self.area.y, self.area.width, 1)
    }

    /// Draws the border and titles; returns the inside.
    fn render(&self, canvas: &mut Canvas) -> Rect {
        let title = Line::from(format!(" {} ", self.title));
        let hint = self
            .hint
            .as_ref()
            .map(|hint| Line::from(hint.as_str()).right_aligned());
        super::frame::draw(
            canvas,
            self.area,
            &title,
            hint.as_ref(),
            self.focused,
            &self.theme,
        );
        ratatui::widgets::Block::bordered().inner(self.area)
    }
}

/// One row of text as drawn: equal rows draw equal cells. `Row<'a>` borrows the text
/// from the note; the pane keeps `Row<'static>` copies of what it drew.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Row<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Shown dim (the placeholder).
    dim: bool,
    /// Selected characters of `text`, by column from the row's start.
    selected: Option<(usize, usize)>,
    /// The line break after the row is selected: one selected cell after the text.
    break_selected: bool,
    /// Where the cursor is drawn.
    cursor: Option<u16>,
}

/// The editor pane as it was last drawn.
#[derive(Default)]
pub(super) struct EditorPane {
    /// The chrome and rows drawn, and how far into its row each row drew: the cells
    /// after that are blank, so a row drawn again is cleared and compared only as far
    /// as the longer of the two (a note's lines are shorter than the pane is wide).
    shown: Option<(Chrome, Vec<(Row<'static>, u16)>)>,
    /// What the chrome was built from, so it is built again only when that changes.
    chrome_inputs: Option<ChromeInputs>,
    /// The note's lines as laid out for drawing.
    layouts: Layouts,
    /// Which note was drawn and what of it showed: for the event loop to hand to the
    /// editor ([`crate::app::App::editor_shown`]).
    pub(super) view: Option<(NoteRef, View)>,
}

/// What the border and title depend on, cheap to compare.
#[derive(Debug, Clone, PartialEq)]
struct ChromeInputs {
    area: Rect,
    revision: u64,
    selected: Selected,
    day: usize,
    focus: Pane,
    theme: Theme,
}

impl Row<'_> {
    fn to_owned(&self) -> Row<'static> {
        Row {
            text: std::borrow::Cow::Owned(self.text.clone().into_owned()),
            dim: self.dim,
            selected: self.selected,
            break_selected: self.break_selected,
            cursor: self.cursor,
        }
    }
}

impl EditorPane {
    /// Draws the pane onto `canvas`: all of it with `everything` or when its frame
    /// changed, else only the rows that differ from the last frame; returns where.
    pub fn draw(
        &mut self,
        canvas: &mut Canvas,
        area: Rect,
        app: &App,
        theme: &Theme,
        everything: bool,
    ) -> Vec<Rect> {
        let inputs = ChromeInputs {
            area,
            revision: app.revision(),
            selected: app.selected.clone(),
            day: app.day,
            focus: app.focus,
            theme: theme.clone(),
        };
        let chrome = match &self.shown {
            Some((chrome, _)) if self.chrome_inputs.as_ref() == Some(&inputs) => chrome.clone(),
            _ => Chrome::of(area, app, theme),
        };
        self.chrome_inputs = Some(inputs);
        // While a talk has no notes, its abstract helps decide whether to go.
        let about = app
            .selected_talk()
            .map(|talk| talk.abstract_text.trim())
            .filter(|text| !text.is_empty() && app.editor.is_empty());
        if let Some(text) = about {
            canvas.clear(area);
            let inner = chrome.render(canvas);
            let [first, rest] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
            let rows = rows(app, first.width, first.height, &mut self.layouts);
            self.view = rows.1;
            let rows = rows.0;
            draw_rows(canvas, first, &rows, theme);
            draw_about(canvas, rest, text, theme);
            self.shown = None;
            return vec![area];
        }
        let inner = ratatui::widgets::Block::bordered().inner(area);
        let (rows, view) = rows(app, inner.width, inner.height, &mut self.layouts);
        self.view = view;
        // Another talk's title alone: the top border row is drawn again, and the rows of
        // text are compared one by one as always (a step through the schedule).
        let mut top = None;
        if let Some((before, _)) = self.shown.as_mut()
            && !everything
            && *before != chrome
            && before.same_frame(&chrome)
        {
            top = Some(chrome.render_top(canvas));
            before.title = chrome.title.clone();
        }
        match &self.shown {
            Some((before, _)) if !everything && *before == chrome => {
                let mut changed: Vec<Rect> = top.into_iter().collect();
                let (_, shown) = self.shown.as_mut().expect("matched above");
                shown.resize(rows.len(), (Row::default(), 0));
                for (y, row) in rows.iter().enumerate() {
                    let (before, reached) = &mut shown[y];
                    if &*before != row {
                        let line = Rect::new(inner.x, inner.y + y as u16, inner.width, 1);
                        canvas.clear(Rect {
                            width: *reached,
                            ..line
                        });
                        let reaches = draw_row(canvas, line, row, theme);
                        changed.push(Rect {
                            width: reaches.max(*reached),
                            ..line
                        });
                        (*before, *reached) = (row.to_owned(), reaches);
                    }
                }
                changed
            }
            _ => {
                canvas.clear(area);
                let inner = chrome.render(canvas);
                let reached = draw_rows(canvas, inner, &rows, theme);
                let rows = rows.iter().map(Row::to_owned).zip(reached).collect();
                self.shown = Some((chrome, rows));
                vec![area]
            }
        }
    }
}

/// The abstract, dimmed, into `area` (already blank): no more of it than fits. A
/// notebook may carry a huge one (from an older talkbook or another tool), and wrapping
/// all of it per frame took seconds.
fn draw_about(canvas: &mut Canvas, area: Rect, text: &str, theme: &Theme) {
    let fits = usize::from(area.width) * usize::from(area.height);
    let shown = text
        .char_indices()
        .nth(fits)
        .map_or(text, |(at, _)| crate::text::cut_to_bytes(text, at));
    let about = Paragraph::new(clean_text(shown).into_owned())
        .style(theme.dim())
        .wrap(Wrap { trim: false });
    canvas.render_blank(area, |buffer| about.render(area, buffer));
}

/// What each of the `height` rows of a `width`-wide text area shows, and what of the
/// note that is.
fn rows<'a>(
    app: &'a App,
    width: u16,
    height: u16,
    layouts: &mut Layouts,
) -> (Vec<Row<'a>>, Option<(NoteRef, View)>) {
    let editor = &app.editor;
    let textarea = &editor.textarea;
    let mut rows = vec![Row::default(); usize::from(height)];
    if width == 0 || height == 0 {
        return (rows, None);
    }
    let shown = editor.screenful(width, height, layouts);
    let lines = textarea.lines();
    let selection = textarea.selection_range();
    for (y, &(index, row)) in shown.rows.iter().enumerate() {
        let (line_index, layout) = &shown.lines[index];
        let line = &lines[*line_index];
        let (text, first_column) = layout.row_text(line, row);
        let end_column = first_column + text.chars().count();
        let mut selected = None;
        let mut break_selected = false;
        if let Some((from, to)) = selection {
            let selected_in_line = |column: usize| (from..to).contains(&(*line_index, column));
            let inside: Vec<usize> = (first_column..end_column)
                .filter(|c| selected_in_line(*c))
                .collect();
            if let (Some(first), Some(last)) = (inside.first(), inside.last()) {
                selected = Some((first - first_column, last + 1 - first_column));
            }
            break_selected = row + 1 == layout.rows() && selected_in_line(line.chars().count());
        }
        rows[y] = Row {
            text: std::borrow::Cow::Borrowed(text),
            dim: false,
            selected,
            break_selected,
            cursor: None,
        };
    }
    if editor.is_empty() {
        rows[0].text = std::borrow::Cow::Borrowed(textarea.placeholder_text());
        rows[0].dim = true;
    }
    if textarea.cursor_style() != Style::default() {
        let (x, y) = shown.cursor;
        if let Some(row) = rows.get_mut(usize::from(y)) {
            row.cursor = Some(x);
        }
    }
    (rows, Some((editor.note.clone(), shown.view)))
}

/// Draws `rows` into `area` (already blank); returns how far each reached (see
/// [`draw_row`]).
fn draw_rows(canvas: &mut Canvas, area: Rect, rows: &[Row<'_>], theme: &Theme) -> Vec<u16> {
    rows.iter()
        .enumerate()
        .map(|(y, row)| match u16::try_from(y) {
            Ok(y) if y < area.height => draw_row(
                canvas,
                Rect::new(area.x, area.y + y, area.width, 1),
                row,
                theme,
            ),
            _ => 0,
        })
        .collect()
}

/// Draws `row` into the one-row `area` (already blank); returns how many cells from
/// its start it drew: the rest of the row is left blank.
fn draw_row(canvas: &mut Canvas, area: Rect, row: &Row<'_>, theme: &Theme) -> u16 {
    let base = Paint::from(if row.dim {
        theme.dim()
    } else {
        Style::default()
    });
    let selection = Paint::from(theme.text_selection());
    let y = area.y;
    let x = if row.text.bytes().all(|byte| (0x20..0x7f).contains(&byte)) {
        draw_ascii(canvas, area, row, &base, &selection)
    } else {
        draw_graphemes(canvas, area, row, &base, &selection)
    };
    let mut reached = x - area.x;
    if row.break_selected && x < area.right() {
        canvas.paint_at(x, y, &selection);
        reached += 1;
    }
    if let Some(cursor) = row.cursor
        && cursor < area.width
    {
        let reversed = Style::default().add_modifier(ratatui::style::Modifier::REVERSED);
        canvas.paint_at(area.x + cursor, y, &Paint::from(reversed));
        reached = reached.max(cursor + 1);
    }
    reached
}

/// Draws the text of `row`, printable ASCII (nearly every row), into the one-row `area`
/// (already blank): a character a cell, written straight into the row's cells; returns
/// where the text ended. Draws what [`draw_graphemes`] draws, without taking the text
/// apart.
fn draw_ascii(
    canvas: &mut Canvas,
    area: Rect,
    row: &Row<'_>,
    base: &Paint,
    selection: &Paint,
) -> u16 {
    let (plain, selected) = (canvas.painted(base), canvas.painted(selection));
    let cells = canvas.row_mut(area.x, area.y, area.width);
    for (column, (cell, byte)) in cells.iter_mut().zip(row.text.bytes()).enumerate() {
        let like = match row.selected {
            Some((from, to)) if (from..to).contains(&column) => &selected,
            _ => &plain,
        };
        *cell = like.with_char(char::from(byte), 1);
    }
    let drawn = row.text.len().min(cells.len());
    area.x + u16::try_from(drawn).unwrap_or(u16::MAX)
}

/// Draws the text of `row` into the one-row `area` (already blank), a grapheme at a
/// time: wide ones hide the cell after them, combining marks join the one before,
/// tabs are spaces; returns where the text ended.
fn draw_graphemes(
    canvas: &mut Canvas,
    area: Rect,
    row: &Row<'_>,
    base: &Paint,
    selection: &Paint,
) -> u16 {
    let y = area.y;
    let mut x = area.x;
    let mut last_drawn: Option<u16> = None;
    for glyph in glyphs(&row.text) {
        let style = match row.selected {
            Some((from, to)) if (from..to).contains(&glyph.column) => selection,
            _ => base,
        };
        // Glyphs are laid out from this row's text: their bytes are on boundaries.
        let symbol = row
            .text
            .get(glyph.bytes.0..glyph.bytes.1)
            .unwrap_or_default();
        if glyph.width == 0 {
            // A combining mark: onto the grapheme before it.
            if let Some(at) = last_drawn {
                canvas.append(at, y, symbol);
            }
            continue;
        }
        if x + glyph.width > area.right() {
            // Spaces hanging past the edge, or a wide grapheme that does not fit.
            break;
        }
        if symbol == "\t" {
            for offset in 0..glyph.width {
                canvas.put(x + offset, y, " ", style);
            }
        } else {
            canvas.put(x, y, symbol, style);
            for offset in 1..glyph.width {
                // Hidden under a wide grapheme.
                canvas.reset_at(x + offset, y);
            }
        }
        last_drawn = Some(x);
        x += glyph.width;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of printable ASCII is drawn the fast way exactly as a grapheme at a time:
    /// every length around the pane's width, selections anywhere in it.
    #[test]
    fn ascii_rows_drawn_the_fast_way_are_the_rows_drawn_a_grapheme_at_a_time() {
        let theme = Theme::default();
        let base = Paint::from(theme.dim());
        let selection = Paint::from(theme.text_selection());
        let texts = ["", "a", "hello world", "  spaces  ", "~!@#$%^&*()_+{}|:<>?"];
        for text in texts.into_iter().map(String::from).chain([
            "x".repeat(9),
            "x".repeat(10),
            "x".repeat(11),
            "word ".repeat(20),
        ]) {
            for selected in [
                None,
                Some((0, 1)),
                Some((2, 5)),
                Some((0, 100)),
                Some((9, 12)),
            ] {
                for width in [0, 1, 3, 9, 10, 11, 40] {
                    let row = Row {
                        text: text.as_str().into(),
                        selected,
                        ..Row::default()
                    };
                    let area = Rect::new(2, 1, width, 1);
                    let mut fast = Canvas::empty(Rect::new(0, 0, 50, 3));
                    let mut slow = fast.clone();
                    let ended = draw_ascii(&mut fast, area, &row, &base, &selection);
                    let expected = draw_graphemes(&mut slow, area, &row, &base, &selection);
                    let at = format!("{text:?} in {width}, {selected:?}");
                    assert_eq!(ended, expected, "{at}");
                    assert_eq!(fast.to_buffer(), slow.to_buffer(), "{at}");
                }
            }
        }
    }
}
