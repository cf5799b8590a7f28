//! Frames to the terminal, touching only what may have changed.
//!
//! ratatui's `Terminal::draw` resets, fills and compares every cell of the screen each
//! frame: 10,000 cells at 200x50, most of a keystroke's time when the process wakes with
//! cold caches for one key. While typing, only the editor pane, the status line and the
//! header can change; the schedule and follow-up panes show what they showed. The
//! [`Painter`] keeps what the terminal shows, lets [`Screen::paint`] draw the regions
//! that may have changed, and compares and sends only those. Pop-ups, resizes and layout
//! changes draw everything, as before.

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth as _};
use ratatui::layout::Rect;

use super::{Screen, Theme};
use crate::app::{App, Overlay};

pub struct Painter<B: Backend> {
    backend: B,
    /// What the terminal shows.
    front: Buffer,
    /// The next frame; outside the regions drawn again it equals `front`.
    canvas: Buffer,
    screen: Screen,
    /// Draw everything next time (first frame, after a resize or a pop-up).
    everything: bool,
}

impl<B: Backend> Painter<B> {
    pub fn new(backend: B) -> Result<Self, B::Error> {
        let size = backend.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        Ok(Painter {
            backend,
            front: Buffer::empty(area),
            canvas: Buffer::empty(area),
            screen: Screen::default(),
            everything: true,
        })
    }

    /// The screen's size, as drawn.
    pub fn area(&self) -> Rect {
        self.front.area
    }

    /// The screen as drawn last: what the mouse points at is found in its layout.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The terminal is `width` x `height` now: clear it and draw everything next frame.
    pub fn resize(&mut self, width: u16, height: u16) -> Result<(), B::Error> {
        let area = Rect::new(0, 0, width, height);
        self.backend.clear_region(ClearType::All)?;
        self.front = Buffer::empty(area);
        self.canvas = Buffer::empty(area);
        self.everything = true;
        Ok(())
    }

    /// Lays out and sends everything next frame, as after a resize (and as a reference
    /// for what the regions drawn since should show).
    pub fn draw_everything_next(&mut self) {
        self.everything = true;
    }

    /// Draws the app: the regions that may have changed, and sends the cells that did.
    pub fn draw(&mut self, app: &App, theme: &Theme) -> Result<(), B::Error> {
        let popup = app.overlay != Overlay::None;
        let everything = self.everything || popup;
        if everything {
            self.canvas.reset();
        }
        let regions = self.screen.paint(&mut self.canvas, app, theme, everything);
        let regions = if everything {
            vec![self.canvas.area]
        } else {
            regions
        };
        // What changed goes to the terminal, and into `front` as it goes: only changed
        // cells are copied (a cell holds a string; cloning every cell of two panes was a
        // sixth of a keystroke).
        let mut updates = Vec::new();
        for region in &regions {
            changes(&mut self.front, &self.canvas, *region, &mut updates);
        }
        self.backend.draw(updates.into_iter())?;
        self.backend.flush()?;
        // A pop-up covers panes that are not drawn again once it closes.
        self.everything = popup;
        Ok(())
    }
}

fn width(cell: &Cell) -> usize {
    // Nearly every cell holds one ASCII character: no need to measure it.
    if cell.symbol().len() == 1 {
        1
    } else {
        usize::from(cell.cell_width())
    }
}

/// Cells a widget asked never to be written (covered by an image, say).
fn skipped(cell: &Cell) -> bool {
    #[allow(deprecated)] // ratatui still honours the old flag
    let old_flag = cell.skip && cell.diff_option == CellDiffOption::None;
    cell.diff_option == CellDiffOption::Skip || old_flag
}

/// The cells of `next` in `region` that differ from `previous`, in the order a terminal
/// must receive them; `previous` takes them, so it equals `next` in `region` after. A
/// wide character hides the cell after it: that cell is not sent, and when a wide
/// character goes, the cells it covered are sent again (as ratatui's own diff does).
fn changes<'a>(
    previous: &mut Buffer,
    next: &'a Buffer,
    region: Rect,
    updates: &mut Vec<(u16, u16, &'a Cell)>,
) {
    let region = region.intersection(next.area).intersection(previous.area);
    if region.is_empty() {
        return;
    }
    for y in region.top()..region.bottom() {
        let start = next.index_of(region.x, y);
        let row = start..start + usize::from(region.width);
        let (before, after) = (&mut previous.content[row.clone()], &next.content[row]);
        let mut hidden = 0;
        let mut invalidated = 0;
        for (offset, (old, new)) in before.iter_mut().zip(after).enumerate() {
            let always = new.diff_option == CellDiffOption::AlwaysUpdate;
            let differs = new != old;
            if hidden == 0 && !skipped(new) && (differs || always || invalidated > 0) {
                updates.push((region.x + offset as u16, y, new));
            }
            // Measured once, and the old cell only when it differs from the new one.
            let new_width = width(new);
            let old_width = if differs { width(old) } else { new_width };
            hidden = if hidden > 0 {
                hidden - 1
            } else {
                new_width.saturating_sub(1)
            };
            invalidated = new_width.max(old_width).max(invalidated).saturating_sub(1);
            if differs {
                old.clone_from(new);
            }
        }
    }
}

/// Copies `region` of `from` into `to`.
/// (Each buffer may cover another area of the screen; `region` is cut to both.)
pub(super) fn copy(from: &Buffer, to: &mut Buffer, region: Rect) {
    let region = region.intersection(from.area).intersection(to.area);
    if region.is_empty() {
        return;
    }
    let width = usize::from(region.width);
    for y in region.top()..region.bottom() {
        let (source, target) = (from.index_of(region.x, y), to.index_of(region.x, y));
        to.content[target..target + width].clone_from_slice(&from.content[source..source + width]);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};

    use super::*;

    fn buffer(lines: &[&str]) -> Buffer {
        Buffer::with_lines(lines.iter().copied())
    }

    #[test]
    fn only_changed_cells_in_the_region_are_sent() {
        let before = buffer(&["abcdef", "ghijkl"]);
        let mut after = buffer(&["abXdef", "ghijkZ"]);
        after[(0, 0)].set_style(Style::default().fg(Color::Red));
        let mut updates = Vec::new();
        changes(
            &mut before.clone(),
            &after,
            Rect::new(0, 0, 6, 2),
            &mut updates,
        );
        let sent: Vec<(u16, u16, &str)> = updates
            .iter()
            .map(|(x, y, c)| (*x, *y, c.symbol()))
            .collect();
        assert_eq!(sent, vec![(0, 0, "a"), (2, 0, "X"), (5, 1, "Z")]);
        // Outside the region nothing is looked at.
        let mut updates = Vec::new();
        changes(
            &mut before.clone(),
            &after,
            Rect::new(3, 0, 3, 2),
            &mut updates,
        );
        assert_eq!(updates.len(), 1);
    }

    #[test]
    fn wide_characters_are_sent_once_and_what_they_covered_comes_back() {
        let narrow = buffer(&["abcd"]);
        let wide = buffer(&["aコd"]);
        let mut updates = Vec::new();
        changes(&mut narrow.clone(), &wide, wide.area, &mut updates);
        let sent: Vec<&str> = updates.iter().map(|(_, _, c)| c.symbol()).collect();
        assert_eq!(
            sent,
            vec!["コ"],
            "the cell under the second half is not sent"
        );
        let mut updates = Vec::new();
        changes(&mut wide.clone(), &narrow, wide.area, &mut updates);
        let sent: Vec<(u16, &str)> = updates.iter().map(|(x, _, c)| (*x, c.symbol())).collect();
        assert_eq!(sent, vec![(1, "b"), (2, "c")]);
    }

    #[test]
    fn a_painter_on_a_test_backend_starts_blank_and_draws_the_first_frame_whole() {
        let clock = chrono::NaiveDate::from_ymd_opt(2024, 5, 18)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let app = App::new(
            crate::store::demo_notebook(),
            Box::new(crate::store::DiscardSink),
            clock,
        );
        let mut painter = Painter::new(TestBackend::new(80, 24)).unwrap();
        painter.draw(&app, &Theme::default()).unwrap();
        let shown: String = painter
            .backend()
            .buffer()
            .content()
            .iter()
            .map(Cell::symbol)
            .collect();
        assert!(shown.contains("Schedule"));
    }
}
