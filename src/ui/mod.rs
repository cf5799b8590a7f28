//! Drawing. Everything here only reads [`App`]; text from the notebook is cleaned of
//! control characters ([`crate::text`]) before it is drawn.

#[cfg(unix)]
mod ansi;
mod bars;
mod canvas;
mod editor;
mod fit;
mod followups;
mod frame;
mod list;
mod overlay;
pub mod paint;
mod schedule;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};

use crate::app::{App, MouseTarget, Pane};
use canvas::Canvas;
use list::{Follows, ListPane, PaneCache, row_room};
pub use theme::Theme;

/// Below this width the panes do not fit side by side: show the focused one only.
pub const WIDE_LAYOUT_MIN_WIDTH: u16 = 80;

/// Draws the whole screen once, with nothing kept for the next frame (tests, snapshots).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    Screen::default().draw(frame, app, theme);
}

/// Draws frame after frame. While a list pane shows the same rows as in the frame
/// before (the schedule, while typing notes), its cells are copied from that frame
/// instead of being laid out again: laying out text is most of a frame's cost. With
/// [`Screen::paint`] it is not even copied: the terminal still shows it.
pub struct Screen {
    schedule: PaneCache,
    follow_ups: PaneCache,
    editor: editor::EditorPane,
    /// The header and status line as last drawn, and what they were built from.
    bars: Option<(Rect, Rect, bars::Inputs, bars::Bars)>,
    /// The panes and where they were in the last frame.
    layout: Vec<(Pane, Rect)>,
    /// Where the schedule's window of rows started, for the day and filter it showed:
    /// view state of the screen, kept so that moving the selection moves no other row.
    schedule_window: Option<(usize, crate::app::Filter, usize)>,
    schedule_rows: schedule::RowCache,
    /// The rows the terminal can scroll for the frame just drawn ([`Screen::scroll`]).
    scroll: Option<paint::Scroll>,
}

impl Default for Screen {
    fn default() -> Self {
        Screen {
            schedule: PaneCache::new(Follows::Selection),
            follow_ups: PaneCache::new(Follows::ItsOwnCursor),
            editor: editor::EditorPane::default(),
            bars: None,
            layout: Vec::new(),
            schedule_window: None,
            schedule_rows: schedule::RowCache::default(),
            scroll: None,
        }
    }
}

impl Screen {
    /// Draws the whole screen into a frame.
    pub fn draw(&mut self, frame: &mut Frame, app: &App, theme: &Theme) {
        let buffer = frame.buffer_mut();
        let mut canvas = Canvas::empty(buffer.area);
        self.paint(&mut canvas, app, theme, true);
        canvas.write_to(buffer);
    }

    /// Draws onto `canvas` (the whole screen) what may have changed since the last call,
    /// and returns where; with `everything`, or when the panes moved, that is all of it.
    /// The regions not returned show what they showed in the frame before.
    fn paint(
        &mut self,
        canvas: &mut Canvas,
        app: &App,
        theme: &Theme,
        everything: bool,
    ) -> Vec<Rect> {
        let [header, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(canvas.area());
        let layout = pane_areas(body, app);
        let everything = everything || layout != self.layout;
        let mut drawn = Vec::new();
        let inputs = bars::Inputs::of(app, theme);
        let unchanged = self
            .bars
            .as_ref()
            .is_some_and(|(h, s, i, _)| (*h, *s, i) == (header, status, &inputs));
        if everything || !unchanged {
            let bars = bars::Bars::of(app, theme);
            let shown = self.bars.as_ref();
            if everything
                || shown.is_none_or(|(h, _, _, b)| *h != header || b.header != bars.header)
            {
                canvas.clear(header);
                bars.draw_header(canvas, header, theme);
                drawn.push(header);
            }
            if everything
                || shown.is_none_or(|(_, s, _, b)| *s != status || b.status != bars.status)
            {
                canvas.clear(status);
                bars.draw_status(canvas, status);
                drawn.push(status);
            }
            self.bars = Some((header, status, inputs, bars));
        }
        for &(pane, area) in &layout {
            let fresh = match pane {
                Pane::Editor => {
                    drawn.extend(self.editor.draw(canvas, area, app, theme, everything));
                    false
                }
                Pane::Schedule => {
                    let previous = self.schedule_start(app);
                    let mut start = previous;
                    let rows = &mut self.schedule_rows;
                    let regions = self.schedule.draw_if_changed(
                        canvas,
                        area,
                        app,
                        theme,
                        everything,
                        &mut |area, app, theme| {
                            let (pane, first) =
                                schedule::list_pane(area, app, theme, previous, rows);
                            start = Some(first);
                            pane
                        },
                    );
                    if let Some(start) = start {
                        self.schedule_window = Some((app.day, app.filter, start));
                    }
                    drawn.extend(regions);
                    false
                }
                Pane::FollowUps => {
                    let regions = self.follow_ups.draw_if_changed(
                        canvas,
                        area,
                        app,
                        theme,
                        everything,
                        &mut followups::list_pane,
                    );
                    drawn.extend(regions);
                    false
                }
            };
            if fresh {
                drawn.push(area);
            }
        }
        self.layout = layout;
        let moved = self.schedule.take_moved().filter(|_| !everything);
        self.scroll = moved.and_then(|(rows, by)| self.scrolled(rows, by));
        overlay::draw_over(canvas, app, theme);
        drawn
    }
}

/// Blanks a region of `buffer`, as [`Canvas::clear`] does: the reference that
/// drawing onto a canvas is compared with draws into ratatui's buffers.
#[cfg(test)]
fn clear(buffer: &mut ratatui::buffer::Buffer, area: Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buffer[(x, y)].reset();
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

/// The follow-up pane's height: its items and borders, at least this much...
const FOLLOW_UPS_MIN_HEIGHT: u16 = 3;
/// ...and at most this share of the column, so the editor keeps the room.
const FOLLOW_UPS_MAX_SHARE: (u16, u16) = (2, 5);

/// The panes shown and where: the schedule on the left, the editor over the follow-ups on
/// the right when wide enough, else the focused one. The follow-up pane is as tall as
/// its items (within bounds), or hidden (`F`).
fn pane_areas(body: Rect, app: &App) -> Vec<(Pane, Rect)> {
    if body.width < WIDE_LAYOUT_MIN_WIDTH {
        return vec![(app.focus, body)];
    }
    let left_width = ((u32::from(body.width) * 38 + 50) / 100) as u16;
    let left = Rect::new(body.x, body.y, left_width, body.height);
    let right = Rect::new(
        body.x + left_width,
        body.y,
        body.width - left_width,
        body.height,
    );
    if !app.show_follow_up_pane {
        return vec![(Pane::Schedule, left), (Pane::Editor, right)];
    }
    let items = app.visible_follow_ups().count().max(1);
    let (share, of) = FOLLOW_UPS_MAX_SHARE;
    let most = (right.height * share / of).max(FOLLOW_UPS_MIN_HEIGHT);
    let wanted = u16::try_from(items + 2).unwrap_or(u16::MAX);
    let height = wanted.clamp(FOLLOW_UPS_MIN_HEIGHT, most).min(right.height);
    let editor = Rect {
        height: right.height - height,
        ..right
    };
    let follow_ups = Rect {
        y: right.y + editor.height,
        height,
        ..right
    };
    vec![
        (Pane::Schedule, left),
        (Pane::Editor, editor),
        (Pane::FollowUps, follow_ups),
    ]
}

/// What the mouse points at, at `column`, `row` of a `screen` drawn by [`draw`].
/// What the mouse points at on a screen drawn afresh (see [`Screen::target_at`]).
pub fn target_at(app: &App, screen: Rect, column: u16, row: u16) -> Option<MouseTarget> {
    Screen::default().target_at(app, screen, column, row)
}

impl Screen {
    /// The rows of the screen the terminal can scroll for the frame just drawn (see
    /// [`paint::Scroll`]), if it moved the schedule's rows and drew nothing whole.
    fn scroll(&self) -> Option<paint::Scroll> {
        self.scroll.clone()
    }

    /// The screen rows of the schedule that moved by `by` (`rows`), as far as the only
    /// pane beside them is the editor, inside its borders (its side borders are the
    /// same on every row, and what it shows is compared with what the terminal shows
    /// anyway), if more of them stay than move.
    fn scrolled(&self, mut rows: std::ops::Range<u16>, by: isize) -> Option<paint::Scroll> {
        for &(pane, area) in &self.layout {
            if pane == Pane::Schedule || area.bottom() <= rows.start || rows.end <= area.top() {
                continue;
            }
            rows = if pane == Pane::Editor {
                let inner = Block::default().borders(Borders::ALL).inner(area);
                rows.start.max(inner.top())..rows.end.min(inner.bottom())
            } else if area.top() > rows.start {
                rows.start..area.top()
            } else {
                area.bottom()..rows.end
            };
        }
        (by.unsigned_abs() < usize::from(rows.end.saturating_sub(rows.start)))
            .then_some(paint::Scroll { rows, by })
    }

    /// Where the schedule's window started in the last frame, if it showed the same day
    /// and filter.
    fn schedule_start(&self, app: &App) -> Option<usize> {
        self.schedule_window
            .filter(|(day, filter, _)| (*day, *filter) == (app.day, app.filter))
            .map(|(_, _, start)| start)
    }

    /// Which note the editor pane showed in the last frame, and what of it: the event
    /// loop hands it to the editor ([`App::editor_shown`]), whose moves by rows and
    /// pages go by it.
    pub fn editor_view(&self) -> Option<(crate::model::NoteRef, crate::app::EditorView)> {
        self.editor.view.clone()
    }

    /// What the mouse points at in the layout this screen drew last.
    pub fn target_at(&self, app: &App, screen: Rect, column: u16, row: u16) -> Option<MouseTarget> {
        target_in(app, screen, column, row, self.schedule_start(app))
    }
}

fn target_in(
    app: &App,
    screen: Rect,
    column: u16,
    row: u16,
    schedule_start: Option<usize>,
) -> Option<MouseTarget> {
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
        Pane::Schedule => schedule::entry_at(app, inner.height, row, schedule_start)
            .map_or(MouseTarget::Pane(pane), MouseTarget::Entry),
        Pane::Editor => MouseTarget::Text { row, column },
        Pane::FollowUps => followups::item_at(app, inner.height, row)
            .map_or(MouseTarget::Pane(pane), MouseTarget::FollowUp),
    })
}

/// A pane's frame as ratatui's `Block`: what [`frame::draw`] draws is compared with it.
#[cfg(test)]
fn pane_block<'a>(title: ratatui::text::Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    use ratatui::widgets::BorderType;
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

/// Rows kept between the selection and the window's edge when the window must move.
const SCROLL_MARGIN: usize = 2;

/// Like [`visible_window`], for a list whose window was at `previous` in the last frame:
/// it stays where it was while the selection moves inside it (a step with `j` changes two
/// rows, not every row), and moves by as little as keeps [`SCROLL_MARGIN`] rows around
/// the selection when it leaves. Without a previous window it starts centred.
fn window_from(
    len: usize,
    selected: usize,
    height: usize,
    previous: Option<usize>,
) -> std::ops::Range<usize> {
    let Some(start) = previous else {
        return visible_window(len, selected, height);
    };
    let margin = SCROLL_MARGIN.min(height.saturating_sub(1) / 2);
    let last_start = len.saturating_sub(height);
    let mut start = start.min(last_start);
    if selected < start + margin {
        start = selected.saturating_sub(margin);
    } else if selected + margin >= start + height {
        start = (selected + margin + 1)
            .saturating_sub(height)
            .min(last_start);
    }
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

    #[test]
    fn a_kept_window_moves_only_when_the_selection_reaches_its_margin() {
        use super::window_from;
        assert_eq!(window_from(100, 50, 10, None), 45..55, "centred at first");
        assert_eq!(window_from(100, 51, 10, Some(45)), 45..55, "stays");
        assert_eq!(window_from(100, 52, 10, Some(45)), 45..55);
        assert_eq!(
            window_from(100, 53, 10, Some(45)),
            46..56,
            "by one at the margin"
        );
        assert_eq!(window_from(100, 46, 10, Some(45)), 44..54);
        assert_eq!(window_from(100, 0, 10, Some(45)), 0..10, "a jump");
        assert_eq!(window_from(100, 99, 10, Some(45)), 90..100);
        assert_eq!(window_from(5, 4, 10, Some(45)), 0..5, "a list that shrank");
        assert_eq!(window_from(100, 50, 1, Some(10)), 50..51);
    }
}
