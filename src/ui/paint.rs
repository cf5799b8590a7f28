//! Frames to the terminal, touching only what may have changed.
//!
//! ratatui's `Terminal::draw` resets, fills and compares every cell of the screen each
//! frame: 10,000 cells at 200x50, most of a keystroke's time when the process wakes with
//! cold caches for one key. While typing, only the editor pane, the status line and the
//! header can change; the schedule and follow-up panes show what they showed. The
//! [`Painter`] keeps what the terminal shows, lets [`Screen::paint`] draw the regions
//! that may have changed, and compares and sends only those. Pop-ups, resizes and layout
//! changes draw everything, as before. The frame is drawn into a [`Canvas`] of packed
//! cells, what the terminal shows is kept as the same [`Glyph`]s, and cells go out as
//! escape sequences written here ([`super::ansi`]). When the schedule's window moves by
//! a few rows, the terminal is told to scroll those rows ([`Scroll`]) rather than sent
//! them again.

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::Cell;
use ratatui::layout::Rect;

use super::canvas::{Canvas, Glyph};

use super::{Screen, Theme};
use crate::app::{App, Overlay};

/// How a painter's changed cells reach its backend. A terminal on Unix takes them as
/// escape sequences written by [`super::ansi`] while the frame is compared with what
/// it shows; anything else (a test backend, a Windows console, which may take no escape
/// sequences) through ratatui's [`Backend::draw`].
pub trait Cells: Backend {
    /// Whether the backend is sent escape sequences ([`Changed::bytes`]) rather than
    /// ratatui's cells.
    const ESCAPES: bool = false;

    fn send(&mut self, changed: Changed<'_>) -> Result<(), Self::Error> {
        let cells = changed.cells();
        self.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }
}

impl Cells for ratatui::backend::TestBackend {}

#[cfg(unix)]
impl<W: std::io::Write> Cells for ratatui::backend::CrosstermBackend<W> {
    const ESCAPES: bool = true;

    fn send(&mut self, changed: Changed<'_>) -> std::io::Result<()> {
        std::io::Write::write_all(self, changed.bytes)
    }
}

#[cfg(not(unix))]
impl<W: std::io::Write> Cells for ratatui::backend::CrosstermBackend<W> {}

/// The cells of a frame that the terminal must be sent, in the order it must get them:
/// as ratatui's cells, or written as escape sequences.
pub struct Changed<'a> {
    changes: &'a [Change],
    canvas: &'a Canvas,
    /// The escape sequences, for a backend that takes them ([`Cells::ESCAPES`]).
    pub bytes: &'a [u8],
}

impl<'a> Changed<'a> {
    /// The changed cells as ratatui's, for a backend that takes them.
    pub fn cells(&self) -> Vec<(u16, u16, Cell)> {
        self.changes
            .iter()
            .map(|change| (change.x, change.y, self.canvas.cell(change.index)))
            .collect()
    }
}

/// Where the changed cells of a frame go as they are found.
enum Found<'a> {
    /// Kept, to be handed over as ratatui's cells.
    Cells(&'a mut Vec<Change>),
    /// Written at once as escape sequences, from the glyph: nothing is read again (a
    /// second pass over the changed cells read them back from memory).
    #[cfg(unix)]
    Escapes(super::ansi::Writer<'a>),
}

impl Found<'_> {
    #[inline(always)]
    #[cfg_attr(not(unix), allow(unused_variables))]
    fn cell(&mut self, change: Change, glyph: &Glyph, canvas: &Canvas) {
        match self {
            Found::Cells(changes) => changes.push(change),
            #[cfg(unix)]
            Found::Escapes(writer) => {
                if let Some(gap) = writer.gap_before(change.x, change.y, REWRITTEN_GAP) {
                    rewrite_gap(writer, change, gap, canvas);
                }
                write(writer, change.x, change.y, glyph, canvas);
            }
        }
    }
}

/// Cells between two changed ones in a row that are written again rather than jumped
/// over, when the frame goes out as escape sequences: a cursor move takes six to nine
/// bytes, a cell in the style already set one (two notes' words share letters at many
/// places, and each of those was a move).
#[cfg(unix)]
const REWRITTEN_GAP: u16 = 4;

/// Writes the `gap` cells before `change` again, in place of a cursor move over them,
/// when they and the cell written before them are one wide and in the style the
/// terminal has set. What the canvas holds is what the terminal must show, so writing
/// any cell again is right; one wide, none is hidden under a wide character.
#[cfg(unix)]
#[cold]
fn rewrite_gap(writer: &mut super::ansi::Writer<'_>, change: Change, gap: u16, canvas: &Canvas) {
    let gap = usize::from(gap);
    let Some(cells) = change
        .index
        .checked_sub(gap + 1)
        .and_then(|first| canvas.cells().get(first..change.index))
    else {
        return;
    };
    let plain = |glyph: &Glyph| glyph.width() == 1 && writer.in_look(glyph.look_place());
    let (written, gap_cells) = cells.split_at(1);
    if written.iter().all(|glyph| glyph.width() == 1) && gap_cells.iter().all(plain) {
        for (x, glyph) in (change.x - gap as u16..change.x).zip(gap_cells) {
            write(writer, x, change.y, glyph, canvas);
        }
    }
}

/// Writes `glyph` at `x`, `y` as escape sequences.
#[cfg(unix)]
#[inline(always)]
fn write(writer: &mut super::ansi::Writer<'_>, x: u16, y: u16, glyph: &Glyph, canvas: &Canvas) {
    let symbol = canvas.symbol(glyph);
    writer.glyph(x, y, symbol, glyph.look_place(), canvas.looks());
}

pub struct Painter<B: Backend> {
    backend: B,
    /// What the terminal shows.
    front: Shown,
    /// The next frame; outside the regions drawn again it equals `front`.
    canvas: Canvas,
    screen: Screen,
    /// Draw everything next time (first frame, after a resize or a pop-up).
    everything: bool,
    /// The cells of the frame being sent that changed: kept from frame to frame, so a
    /// frame allocates nothing for it (growing it was a page fault or two a step).
    changed: Vec<Change>,
    /// The escape sequences of the frame being sent, kept for the same reason.
    bytes: Vec<u8>,
}

impl<B: Cells> Painter<B> {
    pub fn new(backend: B) -> Result<Self, B::Error> {
        let size = backend.size()?;
        Ok(Self::sized(backend, size.width, size.height))
    }

    /// A painter for a cleared terminal of `width` x `height`, for a backend that cannot
    /// tell its size (escape sequences written into memory: tests, benchmarks and
    /// profiling).
    pub fn sized(backend: B, width: u16, height: u16) -> Self {
        let area = Rect::new(0, 0, width, height);
        Painter {
            backend,
            front: Shown::blank(area),
            canvas: Canvas::empty(area),
            screen: Screen::default(),
            everything: true,
            changed: Vec::new(),
            bytes: Vec::new(),
        }
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
        self.front = Shown::blank(area);
        self.canvas = Canvas::empty(area);
        self.everything = true;
        Ok(())
    }

    /// Clears the terminal and draws everything next frame onto a new canvas, whose
    /// table of looks starts empty.
    fn start_afresh(&mut self) -> Result<(), B::Error> {
        let area = self.front.area;
        self.resize(area.width, area.height)
    }

    /// Draws the frame onto the canvas ([`Painter::paint`]), and again onto a new one
    /// if its looks ran out of places.
    fn paint_frame(
        &mut self,
        app: &App,
        theme: &Theme,
        popup: bool,
    ) -> Result<Vec<Rect>, B::Error> {
        let regions = self.paint(app, theme, popup);
        if !self.canvas.looks().overflowed() {
            return Ok(regions);
        }
        // Some cells were given the plain look. Drawn again from an empty table of
        // looks, they all have their own (unless one frame shows more than 65,536).
        self.start_afresh()?;
        Ok(self.paint(app, theme, popup))
    }

    /// Draws the frame onto the canvas: everything, or the regions that may have
    /// changed; returns the regions to compare with what the terminal shows.
    fn paint(&mut self, app: &App, theme: &Theme, popup: bool) -> Vec<Rect> {
        let everything = self.everything || popup;
        if everything {
            self.canvas.reset();
        }
        let regions = self.screen.paint(&mut self.canvas, app, theme, everything);
        if everything {
            vec![self.canvas.area()]
        } else {
            regions
        }
    }

    /// Lays out and sends everything next frame, as after a resize (and as a reference
    /// for what the regions drawn since should show).
    pub fn draw_everything_next(&mut self) {
        self.everything = true;
    }

    /// Draws the app: the regions that may have changed, and sends the cells that did.
    pub fn draw(&mut self, app: &App, theme: &Theme) -> Result<(), B::Error> {
        let popup = app.overlay != Overlay::None;
        if self.canvas.looks().crowded() {
            self.start_afresh()?;
        }
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut regions = self.paint_frame(app, theme, popup)?;
        // (A frame drawn whole, after a pop-up, a resize or a fresh start too, scrolls
        // nothing: `Screen::paint` was asked for everything.)
        let scroll = self.screen.scroll().filter(|_| B::ESCAPES);
        #[cfg(not(unix))]
        let _ = scroll;
        // What changed goes to the terminal, and into `front` as it goes.
        self.changed.clear();
        #[cfg(unix)]
        let mut found = if B::ESCAPES {
            let mut writer = super::ansi::Writer::new(&mut self.bytes);
            // Rows that moved are moved by the terminal, then compared as usual.
            if let Some(scroll) = scroll {
                writer.scroll(scroll.rows.clone(), scroll.by);
                self.front.scroll(&scroll);
                regions = after_scroll(&scroll, self.front.area.width, &regions);
            }
            Found::Escapes(writer)
        } else {
            Found::Cells(&mut self.changed)
        };
        #[cfg(not(unix))]
        let mut found = Found::Cells(&mut self.changed);
        for region in &regions {
            changes(&mut self.front, &self.canvas, *region, &mut found);
        }
        #[cfg(unix)]
        if let Found::Escapes(writer) = found {
            writer.finish();
        }
        self.backend.send(Changed {
            changes: &self.changed,
            canvas: &self.canvas,
            bytes: &self.bytes,
        })?;
        self.backend.flush()?;
        // A pop-up covers panes that are not drawn again once it closes.
        self.everything = popup;
        Ok(())
    }
}

/// What to compare after `scroll` on a screen `width` wide, when `regions` were drawn:
/// the scrolled rows whole, then what each region holds outside them.
#[cfg(unix)]
fn after_scroll(scroll: &Scroll, width: u16, regions: &[Rect]) -> Vec<Rect> {
    let height = scroll.rows.end.saturating_sub(scroll.rows.start);
    let rows = Rect::new(0, scroll.rows.start, width, height);
    std::iter::once(rows)
        .chain(
            regions
                .iter()
                .flat_map(|region| outside_rows(*region, rows)),
        )
        .collect()
}

/// The parts of `region` above and below `rows` (whole rows of the screen).
#[cfg(unix)]
fn outside_rows(region: Rect, rows: Rect) -> [Rect; 2] {
    let above = region.top()..region.bottom().min(rows.top());
    let below = region.top().max(rows.bottom())..region.bottom();
    [above, below].map(|span| Rect {
        y: span.start,
        height: span.end.saturating_sub(span.start),
        ..region
    })
}

/// Screen rows whose contents moved up by `by` rows (down when negative), all columns:
/// the terminal is told to scroll them (a few bytes) rather than sent them again, as
/// vim scrolls, and they are then compared as any others. The rows that come in are
/// blank. For the schedule's rows when its window moves (see `Screen::scroll`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    pub rows: std::ops::Range<u16>,
    pub by: isize,
}

/// What the terminal shows, a cell at a time: comparing a cell of the next frame with
/// it compares two [`Glyph`]s.
struct Shown {
    area: Rect,
    cells: Vec<Glyph>,
}

impl Shown {
    /// What the terminal shows after scrolling as `scroll` says.
    #[cfg(unix)]
    fn scroll(&mut self, scroll: &Scroll) {
        let width = usize::from(self.area.width);
        let rows = scroll.rows.start.max(self.area.top())..scroll.rows.end.min(self.area.bottom());
        let start = usize::from(rows.start - self.area.top()) * width;
        let end = start + usize::from(rows.end.saturating_sub(rows.start)) * width;
        let Some(cells) = self.cells.get_mut(start..end) else {
            return;
        };
        let moved = scroll
            .by
            .unsigned_abs()
            .saturating_mul(width)
            .min(cells.len());
        let kept = cells.len() - moved;
        if scroll.by > 0 {
            cells.copy_within(moved.., 0);
            cells[kept..].fill(Glyph::BLANK);
        } else {
            cells.copy_within(..kept, moved);
            cells[..moved].fill(Glyph::BLANK);
        }
    }

    /// A screen of blanks, as a cleared terminal shows.
    fn blank(area: Rect) -> Shown {
        Shown {
            area,
            cells: vec![Glyph::BLANK; usize::from(area.width) * usize::from(area.height)],
        }
    }
}

/// The cells of `next` in `region` that differ from what the terminal shows
/// (`shown`), in the order a terminal must receive them; `shown` takes them, so it
/// shows `next` in `region` after. A wide character hides the cell after it: that cell
/// is not sent, and when a wide character goes, the cells it covered are sent again (as
/// ratatui's own diff does).
/// A cell to send: where it is on the screen and in the frame's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    x: u16,
    y: u16,
    index: usize,
}

fn changes(shown: &mut Shown, next: &Canvas, region: Rect, found: &mut Found<'_>) {
    let region = region.intersection(next.area()).intersection(shown.area);
    if region.is_empty() || shown.area != next.area() {
        return;
    }
    for y in region.top()..region.bottom() {
        let Some(start) = next.index_of(region.x, y) else {
            continue;
        };
        let row = start..start + usize::from(region.width);
        let (before, after) = (&mut shown.cells[row.clone()], &next.cells()[row]);
        let mut hidden = 0;
        let mut invalidated = 0;
        for (offset, (old, new)) in before.iter_mut().zip(after).enumerate() {
            if hidden == 0 && (new.differs_from(old) || invalidated > 0) {
                let change = Change {
                    x: region.x + offset as u16,
                    y,
                    index: start + offset,
                };
                found.cell(change, new, next);
            }
            let new_width = usize::from(new.width());
            let old_width = usize::from(old.width());
            hidden = if hidden > 0 {
                hidden - 1
            } else {
                new_width.saturating_sub(1)
            };
            invalidated = new_width.max(old_width).max(invalidated).saturating_sub(1);
            *old = *new;
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::style::{Color, Style};

    use super::*;

    fn canvas(lines: &[&str]) -> Canvas {
        Canvas::of_buffer(&Buffer::with_lines(lines.iter().copied()))
    }

    /// A terminal showing `canvas`.
    fn showing(canvas: &Canvas) -> Shown {
        Shown {
            area: canvas.area(),
            cells: canvas.cells().to_vec(),
        }
    }

    /// The symbol of a changed cell.
    fn symbol(canvas: &Canvas, change: &Change) -> String {
        canvas.cell(change.index).symbol().to_string()
    }

    #[test]
    fn only_changed_cells_in_the_region_are_sent() {
        let before = canvas(&["abcdef", "ghijkl"]);
        let mut after = Buffer::with_lines(["abXdef", "ghijkZ"]);
        after[(0, 0)].set_style(Style::default().fg(Color::Red));
        let after = Canvas::of_buffer(&after);
        let mut updates = Vec::new();
        changes(
            &mut showing(&before),
            &after,
            Rect::new(0, 0, 6, 2),
            &mut Found::Cells(&mut updates),
        );
        let sent: Vec<(u16, u16, String)> = updates
            .iter()
            .map(|c| (c.x, c.y, symbol(&after, c)))
            .collect();
        let sent: Vec<(u16, u16, &str)> = sent.iter().map(|(x, y, s)| (*x, *y, &**s)).collect();
        assert_eq!(sent, vec![(0, 0, "a"), (2, 0, "X"), (5, 1, "Z")]);
        // Outside the region nothing is looked at.
        let mut updates = Vec::new();
        changes(
            &mut showing(&before),
            &after,
            Rect::new(3, 0, 3, 2),
            &mut Found::Cells(&mut updates),
        );
        assert_eq!(updates.len(), 1);
    }

    /// Symbols of one to four bytes are compared whole; a longer one (a character with
    /// combining marks) is sent again each time its region is drawn, never kept stale.
    #[test]
    fn symbols_of_every_length_are_compared_exactly_or_resent() {
        for (before, after, sent) in [
            ("é", "é", false),
            ("é", "è", true),
            ("字", "字", false),
            ("🎉", "🎉", false),
            ("🎉", "🎊", true),
            ("e\u{301}", "e\u{301}", false),
            ("e\u{301}", "e\u{300}", true),
            ("e\u{301}\u{302}", "e\u{301}\u{302}", true),
            ("e\u{301}\u{302}", "e\u{301}\u{303}", true),
            ("K", "k", true),
        ] {
            let old = canvas(&[before]);
            let new = canvas(&[after]);
            let mut updates = Vec::new();
            changes(
                &mut showing(&old),
                &new,
                new.area(),
                &mut Found::Cells(&mut updates),
            );
            assert_eq!(!updates.is_empty(), sent, "{before:?} -> {after:?}");
        }
    }

    #[test]
    fn wide_characters_are_sent_once_and_what_they_covered_comes_back() {
        let narrow = canvas(&["abcd"]);
        let wide = canvas(&["aコd"]);
        let mut updates = Vec::new();
        changes(
            &mut showing(&narrow),
            &wide,
            wide.area(),
            &mut Found::Cells(&mut updates),
        );
        let sent: Vec<String> = updates.iter().map(|c| symbol(&wide, c)).collect();
        assert_eq!(
            sent,
            vec!["コ"],
            "the cell under the second half is not sent"
        );
        let mut updates = Vec::new();
        changes(
            &mut showing(&wide),
            &narrow,
            wide.area(),
            &mut Found::Cells(&mut updates),
        );
        let sent: Vec<(u16, String)> = updates.iter().map(|c| (c.x, symbol(&narrow, c))).collect();
        assert_eq!(sent, vec![(1, "b".to_string()), (2, "c".to_string())]);
    }

    /// Written as escape sequences, a few cells between changed ones are written again
    /// instead of jumped over (a cursor move takes more bytes); longer gaps, gaps in
    /// another style, and gaps with a wide character or the cell it hides, are jumped
    /// over.
    #[cfg(unix)]
    #[test]
    fn short_gaps_of_plain_cells_are_written_again_not_jumped_over() {
        // `text` with the cells from `x` on, `width` of them, in red.
        let red = |text: &str, x: u16, width: u16| {
            let mut buffer = Buffer::with_lines([text]);
            buffer.set_style(Rect::new(x, 0, width, 1), Style::default().fg(Color::Red));
            Canvas::of_buffer(&buffer)
        };
        for (before, after, moves, sent) in [
            (
                canvas(&["abcdefghij"]),
                canvas(&["aXcdYfghiZ"]),
                1,
                "XcdYfghiZ",
            ),
            (canvas(&["abcdefghij"]), canvas(&["aXcdefgYij"]), 2, "XY"),
            (canvas(&["abcdefghij"]), canvas(&["abcdefghij"]), 0, ""),
            (canvas(&["aコxyz"]), canvas(&["bコxyZ"]), 2, "bZ"),
            (canvas(&["abcdefgh"]), canvas(&["aXcコfgZ"]), 2, "XcコZ"),
            (red("abcdef", 0, 6), red("aXcdYf", 0, 6), 1, "XcdY"),
            (red("abcdef", 2, 2), red("aXcdYf", 2, 2), 2, "XY"),
        ] {
            let mut bytes = Vec::new();
            let mut found = Found::Escapes(super::super::ansi::Writer::new(&mut bytes));
            changes(&mut showing(&before), &after, after.area(), &mut found);
            let text = String::from_utf8(bytes).unwrap();
            let cursor_moves = text.matches('H').count();
            let written: String = text
                .split('\x1b')
                .map(|piece| {
                    piece.trim_start_matches(|c: char| c == '[' || c == ';' || c.is_ascii_digit())
                })
                .map(|piece| piece.strip_prefix(['H', 'm']).unwrap_or(piece))
                .collect();
            let at = format!(
                "{:?} -> {:?}: {text:?}",
                before.to_buffer(),
                after.to_buffer()
            );
            assert_eq!((cursor_moves, &*written), (moves, sent), "{at}");
        }
    }

    /// The escape sequences written while a frame is compared, fed frame after frame
    /// to a terminal emulator (vt100), leave it showing what a whole frame drawn fresh
    /// holds: text, colours and attributes, through typing, moving, marking, a pop-up
    /// and the focus going round.
    #[cfg(unix)]
    #[test]
    fn a_terminal_fed_the_escape_sequences_shows_every_frame_whole() {
        let keys = [
            "",
            "j",
            "j",
            "j",
            "J",
            "K",
            "k",
            "\n",
            "notes コーヒー e\u{301} e\u{323}\u{301}",
            "\n",
            "- [ ] look up",
            "\x1b",
            "a",
            "j",
            "s",
            "?",
            "\x1b",
            "\t",
            "j",
            "\t",
            "G",
            "g",
        ];
        feed_a_terminal(demo_app(), Rect::new(0, 0, 100, 30), &keys);
    }

    /// The schedule's rows moved by the terminal (scrolled) rather than sent again,
    /// down and up, beside the editor and the follow-ups, beside the editor alone, and
    /// alone on a narrow screen: the terminal shows every frame whole.
    #[cfg(unix)]
    #[test]
    fn a_terminal_scrolling_the_schedule_shows_every_frame_whole() {
        let keys: Vec<&str> = std::iter::repeat_n("j", 30)
            .chain(["\n", "a note", "\x1b", "J", "J"])
            .chain(std::iter::repeat_n("k", 30))
            .chain(["F"])
            .chain(std::iter::repeat_n("j", 30))
            .chain(["5", "j", "K", "k"])
            .collect();
        for area in [Rect::new(0, 0, 100, 30), Rect::new(0, 0, 60, 20)] {
            let sent =
                String::from_utf8_lossy(&feed_a_terminal(long_day(), area, &keys)).into_owned();
            let up = sent.matches("H\n").count();
            let down = sent.matches("H\x1bM").count();
            assert!(up >= 20 && down >= 10, "{area:?}: {up} up, {down} down");
        }
    }

    /// What a painter writes, kept where the test reads it.
    #[cfg(unix)]
    #[derive(Clone, Default)]
    struct Sent(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    #[cfg(unix)]
    impl std::io::Write for Sent {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A day of 120 talks in four rooms: more rows than a screen shows.
    #[cfg(unix)]
    fn long_day() -> App {
        let conference = crate::synthetic::ConferenceSize {
            talks: 120,
            days: 1,
            rooms: 4,
        };
        App::new(
            crate::synthetic::notebook(conference, 3),
            Box::new(crate::store::DiscardSink),
            demo_app().clock,
        )
    }

    /// Only a frame that moves the schedule's rows, and draws nothing whole, scrolls:
    /// not the frame after, when the narrow screen shows the editor instead, nor one
    /// that opens a pop-up.
    #[cfg(unix)]
    #[test]
    fn only_a_frame_that_moves_the_schedules_rows_scrolls() {
        use crossterm::event::{KeyCode, KeyEvent};
        let theme = Theme::default();
        for (area, then) in [
            (Rect::new(0, 0, 60, 20), KeyCode::Tab),
            (Rect::new(0, 0, 100, 30), KeyCode::Char('?')),
        ] {
            let mut app = long_day();
            let sent = Sent::default();
            let mut painter = Painter::sized(
                ratatui::backend::CrosstermBackend::new(sent.clone()),
                area.width,
                area.height,
            );
            let mut scrolled = 0;
            for _ in 0..30 {
                app.handle_key(KeyEvent::from(KeyCode::Char('j')));
                painter.draw(&app, &theme).unwrap();
                let frame = std::mem::take(&mut *sent.0.borrow_mut());
                scrolled += usize::from(frame.windows(3).any(|w| w == b"\x1b[r"));
            }
            assert!(scrolled > 5, "{area:?}: {scrolled} frames scrolled");
            app.handle_key(KeyEvent::from(then));
            painter.draw(&app, &theme).unwrap();
            let frame = std::mem::take(&mut *sent.0.borrow_mut());
            assert!(
                !frame.windows(3).any(|w| w == b"\x1b[r"),
                "{area:?} after {then:?}"
            );
        }
    }

    /// Feeds `keys` to `app`, a frame after each string of them, and the escape
    /// sequences of each frame to a terminal emulator (vt100) of `area`: after each, it
    /// shows what a whole frame holds, text, colours and attributes.
    /// Returns everything sent.
    #[cfg(unix)]
    fn feed_a_terminal(mut app: App, area: Rect, keys: &[&str]) -> Vec<u8> {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use ratatui::backend::CrosstermBackend;
        use ratatui::style::Modifier;
        use unicode_width::UnicodeWidthStr as _;

        use super::super::canvas::{RGB, color_code};
        let theme = Theme::default();
        let mut all = Vec::new();
        let sent = Sent::default();
        let mut painter =
            Painter::sized(CrosstermBackend::new(sent.clone()), area.width, area.height);
        let mut terminal = vt100::Parser::new(area.height, area.width, 0);
        // Draws every frame whole, with the same memory of where the schedule's window
        // was as the painter's screen.
        let mut reference = Screen::default();
        for (n, keys) in keys.iter().enumerate() {
            for c in keys.chars() {
                let code = match c {
                    '\n' => KeyCode::Enter,
                    '\x1b' => KeyCode::Esc,
                    '\t' => KeyCode::Tab,
                    c => KeyCode::Char(c),
                };
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            }
            painter.draw(&app, &theme).unwrap();
            let frame = std::mem::take(&mut *sent.0.borrow_mut());
            terminal.process(&frame);
            all.extend(frame);
            let mut whole =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(area.width, area.height))
                    .unwrap();
            whole
                .draw(|frame| reference.draw(frame, &app, &theme))
                .unwrap();
            let whole = whole.backend().buffer();
            let screen = terminal.screen();
            let shade = |color: Color| match color_code(color) {
                0 => vt100::Color::Default,
                code if code & RGB != 0 => {
                    vt100::Color::Rgb((code >> 16) as u8, (code >> 8) as u8, code as u8)
                }
                code => vt100::Color::Idx(code as u8),
            };
            let mut covered = false;
            for y in 0..area.height {
                for x in 0..area.width {
                    let (cell, shown) = (&whole[(x, y)], screen.cell(y, x).unwrap());
                    if std::mem::take(&mut covered) {
                        continue;
                    }
                    covered = cell.symbol().width() > 1;
                    let at = format!("step {n} ({keys:?}), cell {x},{y}");
                    let symbol = match shown.contents() {
                        "" => " ".to_string(),
                        text => text.to_string(),
                    };
                    assert_eq!(symbol, cell.symbol(), "{at}");
                    assert_eq!(shown.fgcolor(), shade(cell.fg), "{at}");
                    assert_eq!(shown.bgcolor(), shade(cell.bg), "{at}");
                    let has = |modifier| cell.modifier.contains(modifier);
                    // vt100 keeps one intensity: of bold and dim, the one set last.
                    if !has(Modifier::BOLD | Modifier::DIM) {
                        assert_eq!(shown.bold(), has(Modifier::BOLD), "{at}");
                        assert_eq!(shown.dim(), has(Modifier::DIM), "{at}");
                    }
                    assert_eq!(shown.italic(), has(Modifier::ITALIC), "{at}");
                    assert_eq!(shown.underline(), has(Modifier::UNDERLINED), "{at}");
                    assert_eq!(shown.inverse(), has(Modifier::REVERSED), "{at}");
                }
            }
        }
        all
    }

    /// The demo notebook on its day, at ten.
    fn demo_app() -> App {
        let clock = chrono::NaiveDate::from_ymd_opt(2024, 5, 17)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        App::new(
            crate::store::demo_notebook(),
            Box::new(crate::store::DiscardSink),
            clock,
        )
    }

    /// Gives the painter's canvas `count` more looks, in a cell the frame draws over.
    fn crowd<B: Cells>(painter: &mut Painter<B>, count: u32) {
        for n in 0..count {
            let [_, r, g, b] = (n + 1).to_be_bytes();
            let paint = super::super::canvas::Paint::from(Style::default().bg(Color::Rgb(r, g, b)));
            painter.canvas.reset_at(0, 0);
            painter.canvas.put(0, 0, " ", &paint);
        }
    }

    /// The screen a fresh painter draws for `app`.
    fn fresh_screen(app: &App) -> Buffer {
        let mut painter = Painter::new(TestBackend::new(80, 24)).unwrap();
        painter.draw(app, &Theme::default()).unwrap();
        painter.backend().buffer().clone()
    }

    /// A painter whose looks fill half the places a glyph tells apart starts afresh
    /// before its next frame, and a frame that runs out of places midway is drawn
    /// again from an empty table: either way the screen is the one a fresh painter
    /// draws, every cell in its own colours.
    #[test]
    fn a_painter_out_of_places_for_looks_starts_afresh_and_draws_the_same_screen() {
        let mut app = demo_app();
        let theme = Theme::default();
        let mut painter = Painter::new(TestBackend::new(80, 24)).unwrap();
        painter.draw(&app, &theme).unwrap();
        crowd(&mut painter, u32::from(u16::MAX / 2));
        assert!(painter.canvas.looks().crowded());
        app.handle_key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('j'),
        ));
        painter.draw(&app, &theme).unwrap();
        assert!(!painter.canvas.looks().crowded());
        assert_eq!(painter.backend().buffer(), &fresh_screen(&app));

        // Room for fewer looks than the first frame has: it runs out while drawing.
        let mut painter = Painter::new(TestBackend::new(80, 24)).unwrap();
        crowd(&mut painter, u32::from(u16::MAX) - 3);
        assert!(!painter.canvas.looks().overflowed());
        let regions = painter.paint_frame(&app, &theme, false).unwrap();
        assert!(!painter.canvas.looks().overflowed());
        assert_eq!(regions, vec![painter.canvas.area()]);
        let mut drawn = Buffer::empty(painter.canvas.area());
        painter.canvas.write_to(&mut drawn);
        assert_eq!(drawn, fresh_screen(&app));
    }

    #[test]
    fn a_painter_on_a_test_backend_starts_blank_and_draws_the_first_frame_whole() {
        let app = demo_app();
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
