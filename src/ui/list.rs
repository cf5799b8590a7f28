//! A list pane (the schedule, the follow-ups) drawn frame after frame, laying out as few
//! rows as the change needs: none when nothing it shows changed, the old and the new
//! selected row when only the selection moved, the rows that came into sight when the
//! window scrolled (the rows it kept are moved in place), and every row otherwise.
//! The buffer it draws into holds the last frame outside what is drawn again
//! ([`super::Screen::paint`]): that frame is the starting point, nothing is copied.
//!
//! Rows are drawn the way ratatui's `List` draws them with
//! `HighlightSpacing::Always`: a column for the selection mark, then the row's line; the
//! selected row is highlighted and marked.

use std::rc::Rc;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget as _};

use super::fit::{characters, one_cell};
use super::{Theme, clear};
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
    /// whatever the pane's cells hold, exactly as resetting them first would; but a row drawn the fast way
    /// ([`draw_line`]) is written a cell at a time, and a cell's symbol only where it
    /// differs: showing another day draws every row, and most cells (times, spaces,
    /// rooms) held the same character before.
    fn render_over(&self, area: Rect, buffer: &mut Buffer, theme: &Theme) {
        let area = area.intersection(buffer.area);
        let inner = Block::default().borders(Borders::ALL).inner(area);
        for y in area.top()..area.bottom() {
            if inner.is_empty() || y == area.top() || y + 1 == area.bottom() {
                clear(buffer, Rect::new(area.x, y, area.width, 1));
            } else {
                clear(buffer, Rect::new(area.x, y, 1, 1));
                clear(buffer, Rect::new(area.right() - 1, y, 1, 1));
            }
        }
        super::frame::draw(
            buffer,
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
                .is_some_and(|line| overwrite_row(line, row_area, mark, buffer));
            if !written {
                clear(buffer, row_area);
                self.render_row(area, buffer, row, theme);
            }
        }
    }

    /// Row `row` (inside the border) as it looks when not selected, into cells that
    /// were reset: room for the selection mark, then the line.
    fn render_row(&self, area: Rect, buffer: &mut Buffer, row: usize, theme: &Theme) {
        let (Some(line), Some(row_area)) = (self.rows.get(row), row_area(area, row)) else {
            return;
        };
        let mark = mark_width(self.focused, theme).min(row_area.width);
        let line_area = Rect {
            x: row_area.x + mark,
            width: row_area.width - mark,
            ..row_area
        };
        draw_line(line, line_area, buffer);
    }

    /// Turns row `row` (inside the border) of the pane drawn in `buffer` at `area` into
    /// the selected row: the highlight over the row, then the mark.
    fn mark_selected(&self, area: Rect, buffer: &mut Buffer, row: usize, theme: &Theme) {
        let Some(row_area) = row_area(area, row).filter(|_| row < self.rows.len()) else {
            return;
        };
        buffer.set_style(row_area, theme.selection(self.focused));
        let mark = selection_mark(self.focused, theme);
        let width = mark_width(self.focused, theme).min(row_area.width);
        mark.render(Rect { width, ..row_area }, buffer);
    }
}

/// Draws `line` into the one-row `area` as ratatui's `Line::render` does. A row of
/// [`one_cell`] characters that fits (nearly every row of a schedule) is written a
/// character a cell here: ratatui's way splits every span into graphemes and measures
/// each, which was a sixth of showing another day.
fn draw_line(line: &Line<'_>, area: Rect, buffer: &mut Buffer) {
    let area = Rect {
        height: 1,
        ..area.intersection(buffer.area)
    };
    let Some(width) = plain_width(line, area) else {
        line.render(area, buffer);
        return;
    };
    if width == 0 {
        return;
    }
    buffer.set_style(area, line.style);
    let start = buffer.index_of(area.x, area.y);
    let mut cells = buffer.content[start..start + usize::from(area.width)].iter_mut();
    for span in &line.spans {
        let style = Style::default().patch(span.style);
        for (symbol, cell) in characters(&span.content).zip(cells.by_ref()) {
            cell.set_symbol(symbol).set_style(style);
        }
    }
}

/// Whether `line` is drawn the fast way in `area` (see [`draw_line`]); its width then.
fn plain_width(line: &Line<'_>, area: Rect) -> Option<usize> {
    let left = matches!(
        line.alignment,
        None | Some(ratatui::layout::Alignment::Left)
    );
    let plain = |text: &str| text.chars().all(one_cell);
    let width: usize = line
        .spans
        .iter()
        .map(|span| span.content.chars().count())
        .sum();
    (!area.is_empty()
        && left
        && width <= usize::from(area.width)
        && line.spans.iter().all(|span| plain(&span.content)))
    .then_some(width)
}

/// Writes the one-row `row_area` as resetting it and then drawing `line` after a mark
/// column of `mark` cells would leave it, when `line` is drawn the fast way; whether it
/// was. Each cell is written once, its symbol only where it differs.
fn overwrite_row(line: &Line<'_>, row_area: Rect, mark: u16, buffer: &mut Buffer) -> bool {
    let mark = mark.min(row_area.width);
    let line_area = Rect {
        x: row_area.x + mark,
        width: row_area.width - mark,
        ..row_area
    };
    let Some(width) = plain_width(line, line_area) else {
        return false;
    };
    let start = buffer.index_of(row_area.x, row_area.y);
    let (marks, cells) =
        buffer.content[start..start + usize::from(row_area.width)].split_at_mut(usize::from(mark));
    for cell in marks {
        overwrite(cell, " ", &Cell::EMPTY);
    }
    // The styles go on as drawing sets them on a reset cell: the line's over the row
    // (not for an empty line, which is not drawn at all), then each span's.
    let mut blank = Cell::EMPTY;
    if width > 0 {
        blank.set_style(line.style);
    }
    let mut cells = cells.iter_mut();
    for span in &line.spans {
        let mut like = blank.clone();
        like.set_style(Style::default().patch(span.style));
        for (symbol, cell) in characters(&span.content).zip(cells.by_ref()) {
            overwrite(cell, symbol, &like);
        }
    }
    for cell in cells {
        overwrite(cell, " ", &blank);
    }
    true
}

/// Makes `cell` show `symbol` with the colours and modifiers of `like`, which has no
/// symbol; the symbol is set only if it differs (making a new one for every cell was
/// most of drawing a row).
fn overwrite(cell: &mut Cell, symbol: &str, like: &Cell) {
    if cell.symbol() != symbol {
        cell.set_symbol(symbol);
    }
    cell.fg = like.fg;
    cell.bg = like.bg;
    cell.underline_color = like.underline_color;
    cell.modifier = like.modifier;
    cell.diff_option = like.diff_option;
    #[allow(deprecated)]
    {
        cell.skip = like.skip;
    }
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
        }
    }

    /// Draws the pane built by `build` unless nothing it depends on changed since the
    /// last frame (and not `everything` is asked for); returns where it drew.
    pub(super) fn draw_if_changed(
        &mut self,
        target: &mut Buffer,
        area: Rect,
        app: &App,
        theme: &Theme,
        everything: bool,
        build: &mut dyn FnMut(Rect, &App, &Theme) -> ListPane,
    ) -> Vec<Rect> {
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
        target: &mut Buffer,
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
fn unselect(target: &mut Buffer, area: Rect, pane: &ListPane, row: usize, theme: &Theme) {
    if let Some(row_area) = row_area(area, row) {
        clear(target, row_area);
        pane.render_row(area, target, row, theme);
    }
}

/// Moves the rows of the pane at `area` in `buffer` up by `by` (down when negative)
/// and draws `pane`'s rows that were not in sight before; returns which rows those are.
fn scroll(
    buffer: &mut Buffer,
    area: Rect,
    pane: &ListPane,
    by: isize,
    theme: &Theme,
) -> std::ops::Range<usize> {
    let rows = pane.rows.len();
    let moved = by.unsigned_abs().min(rows);
    let fresh = if by > 0 {
        for row in 0..rows - moved {
            swap_rows(buffer, area, row, row + moved);
        }
        rows - moved..rows
    } else {
        for row in (moved..rows).rev() {
            swap_rows(buffer, area, row, row - moved);
        }
        0..moved
    };
    for row in fresh.clone() {
        unselect(buffer, area, pane, row, theme);
    }
    fresh
}

/// Swaps what rows `a` and `b` inside the border of the pane at `area` show.
fn swap_rows(buffer: &mut Buffer, area: Rect, a: usize, b: usize) {
    let (Some(first), Some(second)) = (row_area(area, a.min(b)), row_area(area, a.max(b))) else {
        return;
    };
    if first == second {
        return;
    }
    let width = usize::from(first.width);
    let (at_first, at_second) = (
        buffer.index_of(first.x, first.y),
        buffer.index_of(second.x, second.y),
    );
    let (before, after) = buffer.content.split_at_mut(at_second);
    before[at_first..at_first + width].swap_with_slice(&mut after[..width]);
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier, Style, Stylize as _};
    use ratatui::text::Span;

    use super::super::pane_block;
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
    /// colour, modifiers, cells set to be skipped or always sent.
    fn scribbled(area: Rect) -> Buffer {
        let mut buffer = Buffer::empty(area);
        let symbols = ["x", " ", "é", "字", "🎉", "e\u{301}", "─", "9"];
        for (n, cell) in buffer.content.iter_mut().enumerate() {
            cell.set_symbol(symbols[n % symbols.len()]);
            cell.fg = [Color::Red, Color::Reset, Color::Indexed(200)][n % 3];
            cell.bg = [Color::Blue, Color::Reset][n % 2];
            cell.underline_color = [Color::Reset, Color::Green][n % 5 / 4];
            cell.modifier = [Modifier::BOLD | Modifier::ITALIC, Modifier::empty()][n % 2];
            if n % 7 == 0 {
                cell.diff_option = ratatui::buffer::CellDiffOption::AlwaysUpdate;
            }
            #[allow(deprecated)]
            if n % 11 == 0 {
                cell.skip = true;
            }
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
                    let mut ours = scribbled(screen);
                    let mut theirs = ours.clone();
                    pane.render_over(area, &mut ours, &theme);
                    clear(&mut theirs, area);
                    pane_block(Line::from(pane.title.as_str()), focused, &theme)
                        .render(area, &mut theirs);
                    for row in 0..pane.rows.len() {
                        pane.render_row(area, &mut theirs, row, &theme);
                    }
                    assert_eq!(
                        ours, theirs,
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
                let (mut ours, mut theirs) = (before.clone(), before);
                draw_line(line, area, &mut ours);
                line.render(area, &mut theirs);
                assert_eq!(ours, theirs, "{line:?} in {width} cells");
            }
        }
    }
}
