//! Drawing. Everything here only reads [`App`]; text from the notebook is cleaned of
//! control characters ([`crate::text`]) before it is drawn.

mod bars;
mod editor;
mod followups;
mod overlay;
mod schedule;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, List, ListItem, ListState, StatefulWidget};

use crate::app::{App, MouseTarget, Pane};
pub use theme::Theme;

/// Below this width the panes do not fit side by side: show the focused one only.
pub const WIDE_LAYOUT_MIN_WIDTH: u16 = 80;

/// Draws the whole screen once, with nothing kept for the next frame (tests, snapshots).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    Screen::default().draw(frame, app, theme);
}

/// Draws frame after frame. While a list pane shows the same rows as in the frame
/// before (the schedule, while typing notes), its cells are copied from that frame
/// instead of being laid out again: laying out text is most of a frame's cost.
#[derive(Default)]
pub struct Screen {
    schedule: PaneCache,
    follow_ups: PaneCache,
}

impl Screen {
    pub fn draw(&mut self, frame: &mut Frame, app: &App, theme: &Theme) {
        let [header, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        bars::draw_header(frame, header, app, theme);
        bars::draw_status(frame, status, app, theme);
        for (pane, area) in pane_areas(body, app) {
            match pane {
                Pane::Schedule => {
                    let pane = schedule::list_pane(area, app, theme);
                    self.schedule.draw(frame, area, pane, theme);
                }
                Pane::Editor => editor::draw(frame, area, app, theme),
                Pane::FollowUps => {
                    let pane = followups::list_pane(area, app, theme);
                    self.follow_ups.draw(frame, area, pane, theme);
                }
            }
        }
        overlay::draw(frame, app, theme);
    }
}

/// Everything a list pane draws: equal values draw equal cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListPane {
    title: String,
    focused: bool,
    items: Vec<ListItem<'static>>,
    /// Index into `items`.
    selected: Option<usize>,
}

impl ListPane {
    fn render(&self, area: Rect, buffer: &mut Buffer, theme: &Theme) {
        let list = List::new(self.items.clone())
            .block(pane_block(
                Line::from(self.title.as_str()),
                self.focused,
                theme,
            ))
            .highlight_style(theme.selection(self.focused))
            .highlight_symbol(if theme.unicode { "▸" } else { ">" });
        let mut state = ListState::default().with_selected(self.selected);
        StatefulWidget::render(list, area, buffer, &mut state);
    }
}

/// A list pane's cells from the last frame, and what they showed.
#[derive(Default)]
struct PaneCache {
    shown: Option<(Rect, ListPane, Theme)>,
    cells: Buffer,
}

impl PaneCache {
    fn draw(&mut self, frame: &mut Frame, area: Rect, pane: ListPane, theme: &Theme) {
        let unchanged = self
            .shown
            .as_ref()
            .is_some_and(|(a, p, t)| *a == area && *p == pane && t == theme);
        if !unchanged {
            self.cells.resize(area);
            self.cells.reset();
            pane.render(area, &mut self.cells, theme);
            self.shown = Some((area, pane, theme.clone()));
        }
        let target = frame.buffer_mut();
        let area = area.intersection(target.area);
        if area.is_empty() {
            return;
        }
        for y in area.top()..area.bottom() {
            let from = self.cells.index_of(area.x, y);
            let to = target.index_of(area.x, y);
            let width = usize::from(area.width);
            target.content[to..to + width]
                .clone_from_slice(&self.cells.content[from..from + width]);
        }
    }
}

/// Rows inside a bordered pane of `area`.
fn inner_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// The screen without its header and status line.
fn body_area(screen: Rect) -> Rect {
    let [_, body, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen);
    body
}

/// The panes shown and where: all three side by side when wide enough, else the focused
/// one.
fn pane_areas(body: Rect, app: &App) -> Vec<(Pane, Rect)> {
    if body.width >= WIDE_LAYOUT_MIN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)])
                .areas(body);
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(68), Constraint::Percentage(32)]).areas(right);
        vec![
            (Pane::Schedule, left),
            (Pane::Editor, top),
            (Pane::FollowUps, bottom),
        ]
    } else {
        vec![(app.focus, body)]
    }
}

/// What the mouse points at, at `column`, `row` of a `screen` drawn by [`draw`].
pub fn target_at(app: &App, screen: Rect, column: u16, row: u16) -> Option<MouseTarget> {
    let point = ratatui::layout::Position::new(column, row);
    let (pane, area) = pane_areas(body_area(screen), app)
        .into_iter()
        .find(|(_, area)| area.contains(point))?;
    let inner = Block::default().borders(Borders::ALL).inner(area);
    if !inner.contains(point) {
        return Some(MouseTarget::Pane(pane));
    }
    let (row, column) = (row - inner.y, column - inner.x);
    Some(match pane {
        Pane::Schedule => schedule::entry_at(app, inner.height, row)
            .map_or(MouseTarget::Pane(pane), MouseTarget::Entry),
        Pane::Editor => MouseTarget::Text { row, column },
        Pane::FollowUps => followups::item_at(app, inner.height, row)
            .map_or(MouseTarget::Pane(pane), MouseTarget::FollowUp),
    })
}

/// A pane's frame: thick and coloured when focused, plain otherwise.
fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let block = Block::default().borders(Borders::ALL).title(title);
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme.focused_border())
    } else {
        block.border_type(BorderType::Plain)
    }
}

/// Which rows of a list to build and draw so that `selected` shows in `height` rows: the
/// selection stays near the middle, and the window never runs past the end.
fn visible_window(len: usize, selected: usize, height: usize) -> std::ops::Range<usize> {
    let start = selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height));
    start..(start + height.max(1)).min(len)
}

/// A rectangle of at most `width` x `height`, centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::visible_window;

    #[test]
    fn the_window_keeps_the_selection_visible_and_centred() {
        assert_eq!(visible_window(5, 0, 10), 0..5);
        assert_eq!(visible_window(100, 3, 10), 0..10);
        assert_eq!(visible_window(100, 50, 10), 45..55);
        assert_eq!(visible_window(100, 99, 10), 90..100);
        assert_eq!(visible_window(100, 50, 0), 50..51);
        assert_eq!(visible_window(0, 0, 10), 0..0);
    }
}
