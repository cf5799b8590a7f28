//! A list pane (the schedule, the follow-ups) drawn frame after frame, laying out as few
//! rows as the change needs: none when nothing it shows changed, the old and the new
//! selected row when only the selection moved, the rows that came into sight when the
//! window scrolled (the rows it kept are moved in place), and every row otherwise.
//! The canvas it draws into holds the last frame outside what is drawn again
//! ([`super::Screen::paint`]): that frame is the starting point, nothing is copied.
//!
//! Rows are drawn the way ratatui's `List` draws them with
//! `HighlightSpacing::Always`: a column for the selection mark, then the row's line; the
//! selected row is highlighted and marked.

use std::rc::Rc;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::Theme;
use super::canvas::{Canvas, Glyph, Paint, plain_width};
use crate::app::{App, Pane};

/// Everything a list pane draws: equal values draw equal cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListPane {
    pub title: String,
    pub focused: bool,
    /// The rows in sight, each already fitted to [`row_room`]. Shared with the cache
    /// they were built in: a step copies and compares pointers, not text.
    pub rows: Vec<Rc<Line<'static>>>,
    /// Where `rows` starts in the whole list: a window that moved by a few rows shows
    /// most of the rows it showed, a few rows up or down.
    pub start: usize,
    /// Index into `rows`.
    pub selected: Option<usize>,
}

impl ListPane {
    /// Whether `other` has the same title and border: only rows may differ.
    fn same_frame(&self, other: &ListPane) -> bool {
        (&self.title, self.focused) == (&other.title, other.focused)
    }

    /// How many rows the window moved down (negative: up) from `before` to `self`, when
    /// every row both show is the same row drawn the same way.
    fn scrolled_from(&self, before: &ListPane) -> Option<isize> {
        let len = self.rows.len();
        if !self.same_frame(before) || before.rows.len() != len {
            return None;
        }
        let by = self.start.abs_diff(before.start);
        if by >= len {
            return None;
        }
        let (kept_before, kept_now) = if self.start >= before.start {
            (&before.rows[by..], &self.rows[..len - by])
        } else {
            (&before.rows[..len - by], &self.rows[by..])
        };
        if kept_before != kept_now {
            return None;
        }
        let by = isize::try_from(by).ok()?;
        Some(if self.start >= before.start { by } else { -by })
    }

    /// The border, the title, and every row as it looks when not selected, over
    /// whatever the pane's cells hold, exactly as resetting them first would; but a row
    /// drawn the fast way ([`Canvas::line`]) is written once, a glyph a cell.
    fn render_over(&self, area: Rect, canvas: &mut Canvas, theme: &Theme) {
        let area = area.intersection(canvas.area());
        let inner = Block::default().borders(Borders::ALL).inner(area);
        for y in area.top()..area.bottom() {
            if inner.is_empty() || y == area.top() || y + 1 == area.bottom() {
                canvas.clear(Rect::new(area.x, y, area.width, 1));
            } else {
                canvas.clear(Rect::new(area.x, y, 1, 1));
                canvas.clear(Rect::new(area.right() - 1, y, 1, 1));
            }
        }
        super::frame::draw(
            canvas,
            area,
            &Line::from(self.title.as_str()),
            None,
            self.focused,
            theme,
        );
        let mark = mark_width(self.focused, theme);
        for row in 0..usize::from(inner.height) {
            let Some(row_area) = row_area(area, row) else {
                break;
            };
            let written = self
                .rows
                .get(row)
                .is_some_and(|line| overwrite_row(line, row_area, mark, canvas));
            if !written {
                canvas.clear(row_area);
                self.render_row(area, canvas, row, theme);
            }
        }
    }

    /// Row `row` (inside the border) as it looks when not selected, into cells that
    /// were reset: room for the selection mark, then the line.
    fn render_row(&self, area: Rect, canvas: &mut Canvas, row: usize, theme: &Theme) {
        let (Some(line), Some(row_area)) = (self.rows.get(row), row_area(area, row)) else {
            return;
        };
        let mark = mark_width(self.focused, theme).min(row_area.width);
        let line_area = Rect {
            x: row_area.x + mark,
            width: row_area.width - mark,
            ..row_area
        };
        canvas.line(line, line_area);
    }

    /// Turns row `row` (inside the border) of the pane drawn in `canvas` at `area` into
    /// the selected row: the highlight over the row, then the mark.
    fn mark_selected(&self, area: Rect, canvas: &mut Canvas, row: usize, theme: &Theme) {
        let Some(row_area) = row_area(area, row).filter(|_| row < self.rows.len()) else {
            return;
        };
        canvas.paint(row_area, &Paint::from(theme.selection(self.focused)));
        let mark = selection_mark(self.focused, theme);
        let width = mark_width(self.focused, theme).min(row_area.width);
        canvas.line(&mark, Rect { width, ..row_area });
    }
}

/// Writes the one-row `row_area` as resetting it and then drawing `line` after a mark
/// column of `mark` cells would leave it, when `line` is drawn the fast way; whether it
/// was. Each cell is written once.
fn overwrite_row(line: &Line<'_>, row_area: Rect, mark: u16, canvas: &mut Canvas) -> bool {
    let mark = mark.min(row_area.width);
    let line_area = Rect {
        x: row_area.x + mark,
        width: row_area.width - mark,
        ..row_area
    };
    let Some(width) = plain_width(line, line_area) else {
        return false;
    };
    let (cells, looks) = canvas.row_and_looks(row_area.x, row_area.y, row_area.width);
    let (marks, cells) = cells.split_at_mut(usize::from(mark).min(cells.len()));
    marks.fill(Glyph::BLANK);
    // The styles go on as drawing sets them on a reset cell: the line's over the row
    // (not for an empty line, which is not drawn at all), then each span's.
    let blank = if width > 0 {
        looks.paint_glyph(Glyph::BLANK, &Paint::from(line.style))
    } else {
        Glyph::BLANK
    };
    let mut cells = cells.iter_mut();
    for span in &line.spans {
        let like = looks.paint_glyph(blank, &Paint::from(Style::default().patch(span.style)));
        for (character, cell) in span.content.chars().zip(cells.by_ref()) {
            *cell = like.with_char(character, 1);
        }
    }
    for cell in cells {
        *cell = blank;
    }
    true
}

/// The screen rows of the first `count` rows inside the border of a pane at `area`
/// (fewer if it has fewer).
fn rows_of(area: Rect, count: usize) -> Option<std::ops::Range<u16>> {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let count = u16::try_from(count).unwrap_or(u16::MAX).min(inner.height);
    (count > 0 && !inner.is_empty()).then(|| inner.y..inner.y + count)
}

/// Row `row` inside the border of a pane at `area`, if the pane has it.
fn row_area(area: Rect, row: usize) -> Option<Rect> {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let y = inner.y.checked_add(u16::try_from(row).ok()?)?;
    (y < inner.bottom() && !inner.is_empty()).then(|| Rect::new(inner.x, y, inner.width, 1))
}

/// The mark before a list's selected row: dimmed in a pane without focus, so only the
/// focused pane's selection stands out.
fn selection_mark(focused: bool, theme: &Theme) -> Line<'static> {
    let mark = if theme.unicode { "▸" } else { ">" };
    if focused {
        Line::from(mark)
    } else {
        Line::styled(mark, theme.dim())
    }
}

fn mark_width(focused: bool, theme: &Theme) -> u16 {
    u16::try_from(selection_mark(focused, theme).width()).unwrap_or(u16::MAX)
}

/// Cells a list row may take inside a pane `area`: the border and the selection mark's
/// column are not the row's.
pub(super) fn row_room(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(3))
}

/// Everything a list pane's look depends on, cheap to compare: the app's revision
/// counts changes to the notebook and follow-ups, the rest are plain fields.
/// (Whether the follow-up pane shows moves the panes, which draws everything.)
#[derive(Debug, Clone, PartialEq)]
struct Inputs {
    area: Rect,
    revision: u64,
    focus: Pane,
    day: usize,
    selected: crate::app::Selected,
    filter: crate::app::Filter,
    follow_up_cursor: usize,
    show_done: bool,
    clock_format: crate::model::ClockFormat,
    theme: Theme,
}

impl Inputs {
    fn of(area: Rect, app: &App, theme: &Theme) -> Inputs {
        Inputs {
            area,
            theme: theme.clone(),
            revision: app.revision(),
            focus: app.focus,
            day: app.day,
            selected: app.selected.clone(),
            filter: app.filter,
            follow_up_cursor: app.follow_up_cursor,
            show_done: app.show_done,
            clock_format: app.clock_format,
        }
    }

    /// For a pane that does not show the schedule's selection (the follow-ups): moving
    /// through talks leaves it as it is.
    fn without_selection(mut self) -> Inputs {
        self.selected = crate::app::Selected::DayNotes;
        self.day = 0;
        self.filter = crate::app::Filter::All;
        self
    }
}

/// What a list pane showed in the last frame.
pub(super) struct PaneCache {
    follows: Follows,
    /// The pane as drawn last, and the theme it was drawn in.
    shown: Option<(Rect, ListPane, Theme)>,
    /// What the pane was drawn from: while these are equal it looks the same, and
    /// building its rows again (formatting every visible talk) can be skipped.
    inputs: Option<Inputs>,
    /// The screen rows whose contents the last frame moved, and by how many rows (up
    /// when positive), when it moved them.
    moved: Option<(std::ops::Range<u16>, isize)>,
}

/// Whether a list pane shows the schedule's selection (the follow-ups do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Follows {
    Selection,
    ItsOwnCursor,
}

impl PaneCache {
    pub(super) fn new(follows: Follows) -> PaneCache {
        PaneCache {
            follows,
            shown: None,
            inputs: None,
            moved: None,
        }
    }

    /// The screen rows whose contents the frame just drawn moved, and by how many rows
    /// (up when positive): the rows this pane shows both before and after a scroll.
    /// Taken: a frame that does not draw the pane moves nothing.
    pub(super) fn take_moved(&mut self) -> Option<(std::ops::Range<u16>, isize)> {
        self.moved.take()
    }

    /// Draws the pane built by `build` unless nothing it depends on changed since the
    /// last frame (and not `everything` is asked for); returns where it drew.
    pub(super) fn draw_if_changed(
        &mut self,
        target: &mut Canvas,
        area: Rect,
        app: &App,
        theme: &Theme,
        everything: bool,
        build: &mut dyn FnMut(Rect, &App, &Theme) -> ListPane,
    ) -> Vec<Rect> {
        self.moved = None;
        let mut inputs = Inputs::of(area, app, theme);
        if self.follows == Follows::ItsOwnCursor {
            inputs = inputs.without_selection();
        }
        if !everything && self.inputs.as_ref() == Some(&inputs) {
            // The terminal still shows it.
            return Vec::new();
        }
        self.inputs = Some(inputs);
        self.draw(target, area, build(area, app, theme), theme, everything)
    }

    /// Draws `pane` into `target`, which holds the pane as drawn last unless
    /// `everything` is asked for; returns where it drew: the rows of the old and the new
    /// selection when nothing else changed, else the whole pane.
    fn draw(
        &mut self,
        target: &mut Canvas,
        area: Rect,
        pane: ListPane,
        theme: &Theme,
        everything: bool,
    ) -> Vec<Rect> {
        let shown = self
            .shown
            .as_ref()
            .filter(|(a, _, t)| !everything && *a == area && t == theme)
            .map(|(_, p, _)| p);
        if shown == Some(&pane) {
            return Vec::new();
        }
        let change = shown.and_then(|shown| Some((shown.selected, pane.scrolled_from(shown)?)));
        let drawn = match change {
            // Only the selection moved: its old and new rows are all that change.
            Some((before, 0)) => {
                if let Some(row) = before {
                    unselect(target, area, &pane, row, theme);
                }
                [before, pane.selected]
                    .into_iter()
                    .flatten()
                    .filter_map(|row| row_area(area, row))
                    .collect()
            }
            // The window moved by a few rows: the rows both show move with it, and only
            // the rows that came into sight are laid out.
            Some((before, by)) => {
                self.moved = rows_of(area, pane.rows.len()).map(|rows| (rows, by));
                let fresh = scroll(target, area, &pane, by, theme);
                let moved = before.and_then(|row| row.checked_add_signed(-by));
                if let Some(row) =
                    moved.filter(|row| *row < pane.rows.len() && !fresh.contains(row))
                {
                    unselect(target, area, &pane, row, theme);
                }
                vec![area]
            }
            None => {
                pane.render_over(area, target, theme);
                vec![area]
            }
        };
        if let Some(row) = pane.selected {
            pane.mark_selected(area, target, row, theme);
        }
        self.shown = Some((area, pane, theme.clone()));
        drawn
    }
}

/// Draws row `row` of `pane` as it looks when not selected.
fn unselect(target: &mut Canvas, area: Rect, pane: &ListPane, row: usize, theme: &Theme) {
    if let Some(row_area) = row_area(area, row) {
        target.clear(row_area);
        pane.render_row(area, target, row, theme);
    }
}

/// Moves the rows of the pane at `area` in `canvas` up by `by` (down when negative)
/// and draws `pane`'s rows that were not in sight before; returns which rows those are.
fn scroll(
    canvas: &mut Canvas,
    area: Rect,
    pane: &ListPane,
    by: isize,
    theme: &Theme,
) -> std::ops::Range<usize> {
    let rows = pane.rows.len();
    let moved = by.unsigned_abs().min(rows);
    let fresh = if by > 0 {
        for row in 0..rows - moved {
            swap_rows(canvas, area, row, row + moved);
        }
        rows - moved..rows
    } else {
        for row in (moved..rows).rev() {
            swap_rows(canvas, area, row, row - moved);
        }
        0..moved
    };
    for row in fresh.clone() {
        unselect(canvas, area, pane, row, theme);
    }
    fresh
}

/// Swaps what rows `a` and `b` inside the border of the pane at `area` show.
fn swap_rows(canvas: &mut Canvas, area: Rect, a: usize, b: usize) {
    let (Some(first), Some(second)) = (row_area(area, a.min(b)), row_area(area, a.max(b))) else {
        return;
    };
    if first == second {
        return;
    }
    let first = first.intersection(canvas.area());
    let (Some(at_first), Some(at_second)) = (
        canvas.index_of(first.x, first.y),
        canvas.index_of(first.x, second.y),
    ) else {
        return;
    };
    canvas.swap_cells(at_first, at_second, usize::from(first.width));
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Modifier, Style, Stylize as _};
    use ratatui::text::Span;
    use ratatui::widgets::Widget as _;

    use super::super::{clear, pane_block};
    use super::*;

    /// Rows drawn here look exactly as ratatui draws them: plain ASCII (the fast way),
    /// styled spans, a styled line, text wider than the row, other alignments, and
    /// characters of 2 to 4 bytes, combining marks, wide and zero-width ones (ratatui's
    /// way), over a row that held something before.
    /// Lines of every kind a row can hold.
    fn lines() -> Vec<Line<'static>> {
        vec![
            Line::from("09:00  Ten years of Rust"),
            Line::from(vec![
                Span::raw(" ✓"),
                Span::styled("Title", Style::default().fg(Color::Green)),
            ]),
            Line::from(vec![
                Span::raw("  "),
                Span::styled("Plain", Style::default().add_modifier(Modifier::BOLD)),
                Span::raw(" and "),
                Span::styled("dim", Style::default().add_modifier(Modifier::DIM)),
                Span::raw(""),
            ]),
            Line::from("a line that is much longer than the row it is drawn into"),
            Line::from("styled line").style(Style::default().bg(Color::Blue)),
            Line::from("").style(Style::default().bg(Color::Blue)),
            Line::from(vec![
                Span::styled("not", Style::default().remove_modifier(Modifier::BOLD)),
                Span::raw(" bold"),
            ])
            .style(
                Style::default()
                    .add_modifier(Modifier::BOLD)
                    .underline_color(Color::Red),
            ),
            Line::from("centred").centered(),
            Line::from("right").right_aligned(),
            Line::from("Café e\u{301} 字 \u{200b}K İ ẞ 🎉"),
            Line::from(" ✓✎ Ten years of Rust — Ada · Room 1 … ★★ ▶ «ñ» ±"),
            Line::from(vec![
                Span::raw(" ✗"),
                Span::styled("✎ Title — name", Style::default().fg(Color::Green)),
            ]),
            Line::from("a\u{2060}b\u{2028}c ⌚ ✅ ☕ \u{20dd}x कि"),
            Line::from("e\u{301}✓"),
            Line::from(""),
            Line::from("tab\there"),
            Line::from(vec!["red".red(), " ".into(), "on blue".on_blue().italic()]),
        ]
    }

    /// A buffer whose cells hold all sorts: symbols of 1 to 4 bytes and longer, every
    /// colour, modifiers.
    fn scribbled(area: Rect) -> Buffer {
        let mut buffer = Buffer::empty(area);
        let symbols = ["x", " ", "é", "字", "🎉", "e\u{301}", "─", "9"];
        for (n, cell) in buffer.content.iter_mut().enumerate() {
            cell.set_symbol(symbols[n % symbols.len()]);
            cell.fg = [Color::Red, Color::Reset, Color::Indexed(200)][n % 3];
            cell.bg = [Color::Blue, Color::Reset][n % 2];
            cell.underline_color = [Color::Reset, Color::Green][n % 5 / 4];
            cell.modifier = [Modifier::BOLD | Modifier::ITALIC, Modifier::empty()][n % 2];
        }
        buffer
    }

    /// A pane drawn over a buffer full of other things ends exactly as one drawn over
    /// reset cells the way it was (the border, the title, each row ratatui's way or the
    /// fast way), for panes of every size, focused or not, with rows of every kind.
    #[test]
    fn a_pane_drawn_over_old_cells_is_the_pane_drawn_over_reset_ones() {
        let theme = Theme::default();
        let lines: Vec<Rc<Line<'static>>> = lines().into_iter().map(Rc::new).collect();
        for (width, height) in [
            (0, 0),
            (1, 5),
            (2, 2),
            (3, 3),
            (4, 9),
            (12, 6),
            (30, 20),
            (60, 25),
        ] {
            for focused in [true, false] {
                for first in [0, 5, 11] {
                    let rows = lines[first.min(lines.len())..].to_vec();
                    let pane = ListPane {
                        title: " Schedule · Fri 17 May ".into(),
                        focused,
                        rows,
                        start: 0,
                        selected: None,
                    };
                    let screen = Rect::new(0, 0, 64, 27);
                    let area = Rect::new(2, 1, width, height);
                    let mut theirs = scribbled(screen);
                    let mut ours = Canvas::of_buffer(&theirs);
                    pane.render_over(area, &mut ours, &theme);
                    clear(&mut theirs, area);
                    pane_block(Line::from(pane.title.as_str()), focused, &theme)
                        .render(area, &mut theirs);
                    let mark = mark_width(focused, &theme);
                    for (row, line) in pane.rows.iter().enumerate() {
                        if let Some(row_area) = row_area(area, row) {
                            let mark = mark.min(row_area.width);
                            let line_area = Rect {
                                x: row_area.x + mark,
                                width: row_area.width - mark,
                                ..row_area
                            };
                            (&**line).render(line_area, &mut theirs);
                        }
                    }
                    assert_eq!(
                        ours.to_buffer(),
                        Canvas::of_buffer(&theirs).to_buffer(),
                        "{width}x{height}, focused {focused}, from {first}"
                    );
                }
            }
        }
    }

    #[test]
    fn rows_look_as_ratatui_draws_them() {
        let lines = lines();
        for line in &lines {
            for width in [0, 1, 5, 11, 24, 40] {
                let area = Rect::new(2, 1, width, 1);
                let mut before = Buffer::empty(Rect::new(0, 0, 50, 3));
                before.set_string(0, 1, "x".repeat(50), Style::default().fg(Color::Red));
                let (mut ours, mut theirs) = (Canvas::of_buffer(&before), before);
                ours.line(line, area);
                line.render(area, &mut theirs);
                assert_eq!(
                    ours.to_buffer(),
                    Canvas::of_buffer(&theirs).to_buffer(),
                    "{line:?} in {width} cells"
                );
            }
        }
    }
}
