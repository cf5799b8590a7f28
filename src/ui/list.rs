//! A list pane (the schedule, the follow-ups) drawn frame after frame, laying out as few
//! rows as the change needs: none when nothing it shows changed, the old and the new
//! selected row when only the selection moved, the rows that came into sight when the
//! window scrolled, and every row otherwise.
//!
//! Rows are drawn the way ratatui's `List` draws them with
//! `HighlightSpacing::Always`: a column for the selection mark, then the row's line; the
//! selected row is highlighted and marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget as _};

use super::{Theme, paint, pane_block};
use crate::app::{App, Pane};

/// Everything a list pane draws: equal values draw equal cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListPane {
    pub title: String,
    pub focused: bool,
    /// The rows in sight, each already fitted to [`row_room`].
    pub rows: Vec<Line<'static>>,
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

    /// The border, the title, and every row as it looks when not selected.
    fn render_unselected(&self, area: Rect, buffer: &mut Buffer, theme: &Theme) {
        pane_block(Line::from(self.title.as_str()), self.focused, theme).render(area, buffer);
        for row in 0..self.rows.len() {
            self.render_row(area, buffer, row, theme);
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
        line.render(line_area, buffer);
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

/// A list pane's cells from the last frame, and what they showed.
pub(super) struct PaneCache {
    follows: Follows,
    /// The pane as drawn last, and the theme it was drawn in; `cells` holds it drawn
    /// with no row selected.
    shown: Option<(Rect, ListPane, Theme)>,
    /// What the pane was drawn from: while these are equal it looks the same, and
    /// building its rows again (formatting every visible talk) can be skipped.
    inputs: Option<Inputs>,
    cells: Buffer,
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
            cells: Buffer::default(),
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

    /// Puts the pane's cells into `target`, laying out only the rows that changed;
    /// returns where it put them: the whole pane, or only the rows of the old and the
    /// new selection when nothing else changed (always all with `everything`).
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
            .filter(|(a, _, t)| *a == area && t == theme)
            .map(|(_, p, _)| p);
        let mark = |target: &mut Buffer, pane: &ListPane| {
            if let Some(row) = pane.selected {
                pane.mark_selected(area, target, row, theme);
            }
        };
        if shown == Some(&pane) {
            if everything {
                paint::copy(&self.cells, target, area);
                mark(target, &pane);
                return vec![area];
            }
            return Vec::new();
        }
        let scrolled = shown.and_then(|shown| pane.scrolled_from(shown));
        match scrolled {
            // Only the selection moved: its old and new rows are all that change, and
            // their unselected look is drawn already.
            Some(0) if !everything => {
                let before = shown.and_then(|shown| shown.selected);
                let regions: Vec<Rect> = [before, pane.selected]
                    .into_iter()
                    .flatten()
                    .filter_map(|row| row_area(area, row))
                    .collect();
                for region in &regions {
                    paint::copy(&self.cells, target, *region);
                }
                mark(target, &pane);
                if let Some((_, shown, _)) = self.shown.as_mut() {
                    shown.selected = pane.selected;
                }
                return regions;
            }
            // The window moved by a few rows: the rows both show move with it, and only
            // the rows that came into sight are laid out.
            Some(by) if !everything => self.scroll(area, &pane, by, theme),
            _ => {
                self.cells.resize(area);
                self.cells.reset();
                pane.render_unselected(area, &mut self.cells, theme);
            }
        }
        paint::copy(&self.cells, target, area);
        mark(target, &pane);
        self.shown = Some((area, pane, theme.clone()));
        vec![area]
    }

    /// Moves the rows of `cells` (the pane at `area`, unselected) up by `by` (down when
    /// negative) and draws `pane`'s rows that were not in sight before.
    fn scroll(&mut self, area: Rect, pane: &ListPane, by: isize, theme: &Theme) {
        let width = usize::from(area.width);
        let rows = pane.rows.len();
        let moved = by.unsigned_abs();
        let first = row_area(area, 0).map_or(0, |row| usize::from(row.y - area.y));
        // Whole rows of the buffer, borders included: a row's border cells are the same
        // in every row, so moving them changes nothing.
        let span = first * width..(first + rows) * width;
        let Some(cells) = self.cells.content.get_mut(span) else {
            return;
        };
        let fresh = if by > 0 {
            cells.rotate_left(moved * width);
            rows - moved..rows
        } else {
            cells.rotate_right(moved * width);
            0..moved
        };
        for row in fresh {
            if let Some(row_area) = row_area(area, row) {
                super::clear(&mut self.cells, row_area);
                pane.render_row(area, &mut self.cells, row, theme);
            }
        }
    }
}
