//! What the panes draw into: the screen as a grid of packed cells ([`Glyph`]s).
//!
//! ratatui's [`Buffer`] holds 48-byte [`Cell`]s, each with a string for its symbol and
//! colours as enums: setting a symbol builds a string, and comparing a frame with what
//! the terminal shows had to turn every cell into something cheap to compare first
//! (about 200 instructions a cell, most of a step through the schedule). A [`Glyph`] is
//! that cheap thing already: its symbol's bytes, its width, and the place of its
//! [`Look`] (colours as numbers, [`color_code`], and modifiers), each look kept once
//! beside the glyphs ([`Looks`]): 8 bytes, compared and copied as one machine word.
//!
//! The panes' own drawing (rows of the lists and the editor, frames, plain lines) writes
//! glyphs directly. Anything else (ratatui's widgets: paragraphs, pop-ups) draws into a
//! ratatui [`Buffer`] over the same cells ([`Canvas::render`]), which is copied back.
//! A drawn canvas becomes a [`Buffer`] again for tests and for backends that take
//! ratatui's cells ([`Canvas::write_to`]).

use ratatui::buffer::{Buffer, Cell, CellWidth as _};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget as _;

use super::fit::one_cell;

/// A cell in one machine word. A symbol of up to four bytes (one character: nearly
/// every cell) is kept whole; a longer one (a character with combining marks) is kept
/// by its canvas ([`Canvas::symbol`]) and the glyph says [`Glyph::LONG`]: such a glyph
/// never counts as shown already ([`Glyph::differs_from`]), so it is sent again
/// whenever its region is: more bytes, never a wrong screen. Its colours and modifiers
/// are its canvas's [`Look`] at `look` ([`Looks`]): a frame shows a few dozen looks, and
/// keeping each once makes a glyph 8 bytes rather than 20, so a step reads and compares
/// fewer cache lines of a screen it mostly finds cold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(8))]
pub struct Glyph {
    /// The symbol's bytes, or for a [`Glyph::LONG`] one its place among the canvas's
    /// long symbols.
    symbol: [u8; 4],
    /// Where its [`Look`] is in its canvas's [`Looks`].
    look: u16,
    /// Bytes in `symbol`, or [`Glyph::LONG`].
    length: u8,
    /// Cells the symbol takes.
    width: u8,
}

impl Glyph {
    /// A reset cell: a space in the terminal's own colours, as [`Cell::EMPTY`].
    pub const BLANK: Glyph = Glyph {
        symbol: [b' ', 0, 0, 0],
        look: Looks::PLAIN,
        length: 1,
        width: 1,
    };

    const LONG: u8 = u8::MAX;

    /// Whether the terminal must be sent `self` where it shows `shown` (a glyph of the
    /// same canvas).
    #[inline(always)]
    pub fn differs_from(&self, shown: &Glyph) -> bool {
        self.length == Glyph::LONG || self != shown
    }

    /// Cells the symbol takes.
    #[inline(always)]
    pub fn width(&self) -> u8 {
        self.width
    }

    /// Where its look is among its canvas's [`Looks`].
    #[cfg(any(unix, test))]
    #[inline(always)]
    pub fn look_place(&self) -> u16 {
        self.look
    }

    /// This glyph showing `character`, `width` cells wide, in the same look.
    #[inline(always)]
    pub fn with_char(mut self, character: char, width: u8) -> Glyph {
        let mut symbol = [0; 4];
        self.length = character.encode_utf8(&mut symbol).len() as u8;
        self.symbol = symbol;
        self.width = width;
        self
    }
}

/// How a cell is drawn, apart from its symbol: its colours as [`color_code`]s
/// (integers compare in an instruction or two, a [`Color`], an enum with data, in a
/// branch or two) and its modifiers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Look {
    pub fg: u32,
    pub bg: u32,
    pub underline: u32,
    pub modifier: Modifier,
}

impl Look {
    /// This look with `paint` applied, as ratatui's [`Cell::set_style`] applies a
    /// [`Style`].
    #[inline(always)]
    fn painted(mut self, paint: &Paint) -> Look {
        for (color, painted) in [
            (&mut self.fg, paint.fg),
            (&mut self.bg, paint.bg),
            (&mut self.underline, paint.underline),
        ] {
            if painted != Paint::KEEP {
                *color = painted;
            }
        }
        self.modifier.insert(paint.add);
        self.modifier.remove(paint.sub);
        self
    }
}

/// The [`Look`]s of a canvas's glyphs, each kept once; a glyph holds its look's place.
/// Places are never reused while the canvas lives, so a glyph of an earlier frame
/// (what the terminal shows) and one of this frame are equal exactly when they look
/// the same. A frame's looks come from the theme (a few dozen); should a canvas ever
/// gather more than a glyph can tell apart, the place given is [`Looks::PLAIN`] and
/// [`Looks::overflowed`] says so, and the painter starts again with an empty table
/// ([`super::paint::Painter::draw`]).
#[derive(Debug, Clone)]
pub struct Looks {
    looks: Vec<Look>,
    places: std::collections::HashMap<Look, u16>,
    /// The last few paints applied, to what look, giving what look: a row is painted a
    /// cell at a time, nearly always one look over another, and a schedule's rows
    /// take turns between two or three.
    recent: [(u16, Paint, u16); 4],
    /// Where in `recent` the next paint goes.
    next: usize,
    overflowed: bool,
}

impl Looks {
    /// The place of the terminal's own colours and no modifiers: a reset cell's.
    pub const PLAIN: u16 = 0;

    fn new() -> Looks {
        Looks {
            looks: vec![Look::default()],
            places: std::collections::HashMap::new(),
            recent: [(Looks::PLAIN, Paint::default(), Looks::PLAIN); 4],
            next: 0,
            overflowed: false,
        }
    }

    /// The look at `place`.
    #[inline(always)]
    pub fn get(&self, place: u16) -> Look {
        self.looks
            .get(usize::from(place))
            .copied()
            .unwrap_or_default()
    }

    /// Whether new looks should start a table afresh before a frame is drawn: it
    /// holds more than half the places a glyph can tell apart, or ran out of them.
    pub fn crowded(&self) -> bool {
        self.overflowed || self.looks.len() > usize::from(u16::MAX / 2)
    }

    /// Whether a look had no place left (see [`Looks`]).
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// The place of `look`, kept now if it was not.
    fn place(&mut self, look: Look) -> u16 {
        if look == Look::default() {
            return Looks::PLAIN;
        }
        if let Some(&place) = self.places.get(&look) {
            return place;
        }
        let Ok(place) = u16::try_from(self.looks.len()) else {
            self.overflowed = true;
            return Looks::PLAIN;
        };
        self.looks.push(look);
        self.places.insert(look, place);
        place
    }

    /// The place of the look at `from` with `paint` applied.
    #[inline(always)]
    fn paint(&mut self, from: u16, paint: &Paint) -> u16 {
        if paint.is_nothing() {
            return from;
        }
        for (recent_from, recent_paint, to) in &self.recent {
            if *recent_from == from && recent_paint == paint {
                return *to;
            }
        }
        let to = self.place(self.get(from).painted(paint));
        if let Some(slot) = self.recent.get_mut(self.next) {
            *slot = (from, *paint, to);
        }
        self.next = (self.next + 1) % self.recent.len();
        to
    }

    /// `glyph` with `paint` applied to its look.
    #[inline(always)]
    pub fn paint_glyph(&mut self, glyph: Glyph, paint: &Paint) -> Glyph {
        Glyph {
            look: self.paint(glyph.look, paint),
            ..glyph
        }
    }
}

/// A [`Style`] made ready to put on glyphs: its colours as [`color_code`]s, or
/// [`Paint::KEEP`] where the style leaves the colour as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    fg: u32,
    bg: u32,
    underline: u32,
    add: Modifier,
    sub: Modifier,
}

impl Paint {
    /// A colour the style does not set (no [`color_code`] is this).
    const KEEP: u32 = u32::MAX;

    /// Whether it changes nothing.
    #[inline(always)]
    fn is_nothing(&self) -> bool {
        *self == Paint::default()
    }
}

impl Default for Paint {
    fn default() -> Paint {
        Paint {
            fg: Paint::KEEP,
            bg: Paint::KEEP,
            underline: Paint::KEEP,
            add: Modifier::empty(),
            sub: Modifier::empty(),
        }
    }
}

impl From<Style> for Paint {
    fn from(style: Style) -> Paint {
        let code = |color: Option<Color>| color.map_or(Paint::KEEP, color_code);
        Paint {
            fg: code(style.fg),
            bg: code(style.bg),
            underline: code(style.underline_color),
            add: style.add_modifier,
            sub: style.sub_modifier,
        }
    }
}

/// The screen as drawn.
#[derive(Debug, Clone)]
pub struct Canvas {
    area: Rect,
    cells: Vec<Glyph>,
    /// The symbols of [`Glyph::LONG`] glyphs; the glyph holds its place here. Places
    /// are not reused, so this is rebuilt from the glyphs when it outgrows them.
    long: Vec<Box<str>>,
    /// The last symbol of two to four bytes measured, and its width: a border is one
    /// symbol over and over, and measuring one costs a hundred instructions.
    measured: ([u8; 4], u8),
    looks: Looks,
}

impl Canvas {
    /// A canvas of blank cells.
    pub fn empty(area: Rect) -> Canvas {
        Canvas {
            area,
            cells: vec![Glyph::BLANK; usize::from(area.width) * usize::from(area.height)],
            long: Vec::new(),
            measured: ([0; 4], 0),
            looks: Looks::new(),
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn cells(&self) -> &[Glyph] {
        &self.cells
    }

    /// The looks its glyphs hold places among.
    pub fn looks(&self) -> &Looks {
        &self.looks
    }

    /// How `glyph` (one of this canvas's) is drawn.
    #[inline(always)]
    pub fn look(&self, glyph: &Glyph) -> Look {
        self.looks.get(glyph.look)
    }

    /// A reset cell with `paint` applied, as a glyph of this canvas.
    pub fn painted(&mut self, paint: &Paint) -> Glyph {
        self.looks.paint_glyph(Glyph::BLANK, paint)
    }

    /// Every cell blank again. The looks stay: glyphs the terminal shows hold places
    /// among them.
    pub fn reset(&mut self) {
        self.cells.fill(Glyph::BLANK);
        self.long.clear();
    }

    /// Where the cell at `x`, `y` is in [`Canvas::cells`], if it is on the canvas.
    #[inline(always)]
    pub fn index_of(&self, x: u16, y: u16) -> Option<usize> {
        let area = self.area;
        (x >= area.x && y >= area.y && x < area.right() && y < area.bottom())
            .then(|| usize::from(y - area.y) * usize::from(area.width) + usize::from(x - area.x))
    }

    /// The cells of the row at `y` from `x`, at most `width` of them (fewer at the
    /// canvas's edge).
    pub fn row_mut(&mut self, x: u16, y: u16, width: u16) -> &mut [Glyph] {
        self.row_and_looks(x, y, width).0
    }

    /// As [`Canvas::row_mut`], with the looks to paint its glyphs with.
    pub fn row_and_looks(&mut self, x: u16, y: u16, width: u16) -> (&mut [Glyph], &mut Looks) {
        let row = Rect::new(x, y, width, 1).intersection(self.area);
        match self.index_of(row.x, row.y).filter(|_| !row.is_empty()) {
            Some(start) => (
                &mut self.cells[start..start + usize::from(row.width)],
                &mut self.looks,
            ),
            None => (&mut [], &mut self.looks),
        }
    }

    /// The symbol `glyph` (one of this canvas's) shows.
    #[inline(always)]
    pub fn symbol<'a>(&'a self, glyph: &'a Glyph) -> &'a [u8] {
        if glyph.length == Glyph::LONG {
            let place = u32::from_le_bytes(glyph.symbol) as usize;
            self.long
                .get(place)
                .map_or(b" ", |symbol| symbol.as_bytes())
        } else {
            glyph
                .symbol
                .get(..usize::from(glyph.length))
                .unwrap_or(b" ")
        }
    }

    /// Blanks `area` (its part on the canvas).
    pub fn clear(&mut self, area: Rect) {
        let area = area.intersection(self.area);
        for y in area.top()..area.bottom() {
            self.row_mut(area.x, y, area.width).fill(Glyph::BLANK);
        }
    }

    /// Applies `paint` to every cell of `area`, as [`Buffer::set_style`] does.
    pub fn paint(&mut self, area: Rect, paint: &Paint) {
        let area = area.intersection(self.area);
        for y in area.top()..area.bottom() {
            let (cells, looks) = self.row_and_looks(area.x, y, area.width);
            for glyph in cells {
                *glyph = looks.paint_glyph(*glyph, paint);
            }
        }
    }

    /// Applies `paint` to the cell at `x`, `y`.
    pub fn paint_at(&mut self, x: u16, y: u16, paint: &Paint) {
        if let Some(index) = self.index_of(x, y) {
            self.cells[index] = self.looks.paint_glyph(self.cells[index], paint);
        }
    }

    /// Blanks the cell at `x`, `y`.
    pub fn reset_at(&mut self, x: u16, y: u16) {
        if let Some(index) = self.index_of(x, y) {
            self.cells[index] = Glyph::BLANK;
        }
    }

    /// Sets the symbol at `x`, `y` and applies `paint` to the cell, as
    /// `buffer[(x, y)].set_symbol(symbol).set_style(style)` does.
    pub fn put(&mut self, x: u16, y: u16, symbol: &str, paint: &Paint) {
        if let Some(index) = self.index_of(x, y) {
            self.set_symbol(index, symbol);
            self.cells[index] = self.looks.paint_glyph(self.cells[index], paint);
        }
    }

    /// Adds `symbol` to the end of the cell's at `x`, `y` (a combining mark onto the
    /// character before it).
    pub fn append(&mut self, x: u16, y: u16, symbol: &str) {
        if let Some(index) = self.index_of(x, y) {
            let glyph = self.cells[index];
            let mut joined = String::from_utf8_lossy(self.symbol(&glyph)).into_owned();
            joined.push_str(symbol);
            self.set_symbol(index, &joined);
        }
    }

    /// Sets the symbol of the cell at `index`, keeping its style.
    fn set_symbol(&mut self, index: usize, symbol: &str) {
        let bytes = symbol.as_bytes();
        let (packed, length, width) = match *bytes {
            // Nearly every cell: one ASCII character, one cell wide.
            [a] => ([a, 0, 0, 0], 1, 1),
            [a, b] => ([a, b, 0, 0], 2, self.measure(symbol, [a, b, 0, 0])),
            [a, b, c] => ([a, b, c, 0], 3, self.measure(symbol, [a, b, c, 0])),
            [a, b, c, d] => ([a, b, c, d], 4, self.measure(symbol, [a, b, c, d])),
            _ => (self.keep_long(symbol), Glyph::LONG, width_of(symbol)),
        };
        let glyph = &mut self.cells[index];
        (glyph.symbol, glyph.length, glyph.width) = (packed, length, width);
    }

    /// The width of a symbol of two to four bytes (`packed`), as ratatui measures it.
    #[inline(always)]
    fn measure(&mut self, symbol: &str, packed: [u8; 4]) -> u8 {
        if self.measured.0 != packed {
            self.measured = (packed, width_of(symbol));
        }
        self.measured.1
    }

    /// Keeps a symbol of more than four bytes; returns its place as a glyph holds it.
    fn keep_long(&mut self, symbol: &str) -> [u8; 4] {
        if self.long.len() >= self.cells.len().max(64) {
            self.compact();
        }
        let place = u32::try_from(self.long.len()).unwrap_or(u32::MAX);
        self.long.push(symbol.into());
        place.to_le_bytes()
    }

    /// Keeps only the long symbols some glyph still shows.
    fn compact(&mut self) {
        let mut kept = Vec::new();
        for glyph in &mut self.cells {
            if glyph.length == Glyph::LONG {
                let place = u32::from_le_bytes(glyph.symbol) as usize;
                let symbol = self.long.get_mut(place).map(std::mem::take);
                glyph.symbol = u32::try_from(kept.len()).unwrap_or(u32::MAX).to_le_bytes();
                kept.push(symbol.unwrap_or_else(|| " ".into()));
            }
        }
        self.long = kept;
    }

    /// Swaps the `width` cells from `a` with those from `b` (indices into
    /// [`Canvas::cells`], `a` before `b`, not overlapping).
    pub fn swap_cells(&mut self, a: usize, b: usize, width: usize) {
        let (before, after) = self.cells.split_at_mut(b);
        before[a..a + width].swap_with_slice(&mut after[..width]);
    }

    /// Draws `line` into the one-row `area` as ratatui's `Line::render` does. A line of
    /// [`one_cell`] characters that fits, aligned left (nearly every row of a schedule
    /// and title), is written a character a cell here; any other through ratatui.
    pub fn line(&mut self, line: &Line<'_>, area: Rect) {
        let area = Rect {
            height: 1,
            ..area.intersection(self.area)
        };
        match plain_width(line, area) {
            Some(width) => self.plain_line(line, area, width),
            None => self.render(area, |buffer| line.render(area, buffer)),
        }
    }

    /// Draws `line`, `width` cells of [`one_cell`] characters that fit in the one-row
    /// `area` ([`plain_width`]), a character a cell.
    fn plain_line(&mut self, line: &Line<'_>, area: Rect, width: usize) {
        if width == 0 {
            return;
        }
        let line_paint = Paint::from(line.style);
        let (cells, looks) = self.row_and_looks(area.x, area.y, area.width);
        for glyph in cells.iter_mut() {
            *glyph = looks.paint_glyph(*glyph, &line_paint);
        }
        let mut cells = cells.iter_mut();
        for span in &line.spans {
            let paint = Paint::from(Style::default().patch(span.style));
            for (character, glyph) in span.content.chars().zip(cells.by_ref()) {
                *glyph = looks.paint_glyph(glyph.with_char(character, 1), &paint);
            }
        }
    }

    /// Draws `line` into the one-row `area` as ratatui's
    /// `Paragraph::new(line).style(style)` does: the fast way ([`Canvas::line`]) when
    /// the line has no style of its own, through ratatui otherwise.
    pub fn paragraph(&mut self, line: Line<'_>, area: Rect, style: Style) {
        let area = Rect {
            height: 1,
            ..area.intersection(self.area)
        };
        match plain_width(&line, area).filter(|_| line.style == Style::default()) {
            Some(width) => {
                self.paint(area, &Paint::from(style));
                self.plain_line(&line, area, width);
            }
            None => {
                let paragraph = ratatui::widgets::Paragraph::new(line).style(style);
                self.render(area, |buffer| paragraph.render(area, buffer));
            }
        }
    }

    /// Lets ratatui draw into `area`: `draw` gets a [`Buffer`] over `area` holding what
    /// the canvas holds there, and what it draws comes back.
    pub fn render(&mut self, area: Rect, draw: impl FnOnce(&mut Buffer)) {
        let mut buffer = Buffer::empty(area.intersection(self.area));
        self.write_to(&mut buffer);
        draw(&mut buffer);
        self.take(&buffer);
    }

    /// Lets ratatui draw into `area`, which is blank: as [`Canvas::render`], without
    /// copying the blank cells to it first.
    pub fn render_blank(&mut self, area: Rect, draw: impl FnOnce(&mut Buffer)) {
        let area = area.intersection(self.area);
        let mut buffer = Buffer::empty(area);
        draw(&mut buffer);
        self.take(&buffer);
    }

    /// Copies the cells of `buffer` (inside the canvas) onto it.
    pub fn take(&mut self, buffer: &Buffer) {
        self.take_area(buffer, buffer.area);
    }

    /// Copies the cells of `buffer` in `area` (inside the canvas) onto it.
    pub fn take_area(&mut self, buffer: &Buffer, area: Rect) {
        let area = area.intersection(buffer.area).intersection(self.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(index) = self.index_of(x, y) {
                    let cell = &buffer[(x, y)];
                    self.set_symbol(index, cell.symbol());
                    self.cells[index].look = self.looks.place(Look {
                        fg: color_code(cell.fg),
                        bg: color_code(cell.bg),
                        underline: color_code(cell.underline_color),
                        modifier: cell.modifier,
                    });
                }
            }
        }
    }

    /// The cell at `index` as ratatui's.
    pub fn cell(&self, index: usize) -> Cell {
        let mut cell = Cell::EMPTY;
        let Some(glyph) = self.cells.get(index) else {
            return cell;
        };
        cell.set_symbol(std::str::from_utf8(self.symbol(glyph)).unwrap_or(" "));
        let look = self.look(glyph);
        cell.fg = color_of(look.fg);
        cell.bg = color_of(look.bg);
        cell.underline_color = color_of(look.underline);
        cell.modifier = look.modifier;
        cell
    }

    /// Writes the canvas into `buffer` (its part inside the buffer's area).
    pub fn write_to(&self, buffer: &mut Buffer) {
        let area = buffer.area.intersection(self.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(index) = self.index_of(x, y) {
                    buffer[(x, y)] = self.cell(index);
                }
            }
        }
    }

    /// The canvas as a ratatui [`Buffer`].
    #[cfg(test)]
    pub fn to_buffer(&self) -> Buffer {
        let mut buffer = Buffer::empty(self.area);
        self.write_to(&mut buffer);
        buffer
    }

    /// A canvas holding what `buffer` holds.
    #[cfg(test)]
    pub fn of_buffer(buffer: &Buffer) -> Canvas {
        let mut canvas = Canvas::empty(buffer.area);
        canvas.take(buffer);
        canvas
    }
}

/// Whether `line` is drawn the fast way in `area` (see [`Canvas::line`]); its width then.
pub fn plain_width(line: &Line<'_>, area: Rect) -> Option<usize> {
    if area.is_empty() || !matches!(line.alignment, None | Some(Alignment::Left)) {
        return None;
    }
    let mut width = 0;
    for span in &line.spans {
        for character in span.content.chars() {
            if !one_cell(character) {
                return None;
            }
            width += 1;
        }
    }
    (width <= usize::from(area.width)).then_some(width)
}

/// Cells `symbol` takes, as ratatui's diff counts them.
fn width_of(symbol: &str) -> u8 {
    u8::try_from(symbol.cell_width()).unwrap_or(u8::MAX)
}

/// A colour as a number that is equal for two colours exactly when a terminal is sent
/// the same for them: 0 for the default, [`PALETTE`] + an index into the 256-colour
/// palette (the named colours are its first 16, as crossterm sends them), [`RGB`] +
/// red, green and blue. [`super::ansi`] writes colours from these.
#[inline(always)]
pub fn color_code(color: Color) -> u32 {
    let index = match color {
        Color::Reset => return 0,
        Color::Rgb(red, green, blue) => {
            return RGB | u32::from(red) << 16 | u32::from(green) << 8 | u32::from(blue);
        }
        Color::Indexed(index) => index,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    PALETTE | u32::from(index)
}

/// The named colours, in the order of the palette's first 16 (see [`color_code`]).
pub const NAMED_COLORS: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The colour a [`color_code`] stands for: a palette index under 16 as its name.
pub fn color_of(code: u32) -> Color {
    if code == 0 {
        Color::Reset
    } else if code & RGB != 0 {
        let [_, red, green, blue] = code.to_be_bytes();
        Color::Rgb(red, green, blue)
    } else {
        let index = (code & 0xff) as u8;
        NAMED_COLORS
            .get(usize::from(index))
            .copied()
            .unwrap_or(Color::Indexed(index))
    }
}

/// See [`color_code`].
pub const PALETTE: u32 = 0x100;
/// See [`color_code`].
pub const RGB: u32 = 0x100_0000;

#[cfg(test)]
mod tests {
    use ratatui::text::Span;
    use ratatui::widgets::Paragraph;

    use super::*;

    /// Every colour comes back as one a terminal is sent the same for, and coding that
    /// one gives the same number.
    #[test]
    fn colours_survive_the_trip_through_their_codes() {
        let mut colours = vec![
            Color::Reset,
            Color::Rgb(0, 0, 0),
            Color::Rgb(255, 128, 1),
            Color::White,
            Color::DarkGray,
        ];
        colours.extend((0..=255).map(Color::Indexed));
        for colour in colours {
            let code = color_code(colour);
            assert_eq!(color_code(color_of(code)), code, "{colour:?}");
        }
        assert_eq!(color_of(color_code(Color::Indexed(3))), Color::Yellow);
        assert_eq!(
            color_of(color_code(Color::Indexed(208))),
            Color::Indexed(208)
        );
    }

    /// A glyph is one machine word: what a step reads and compares of a screen.
    #[test]
    fn a_glyph_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Glyph>(), 8);
    }

    /// A look is kept once: the same style painted anywhere, over any look, gives the
    /// same place, and a different one another; styles that take turns (a schedule's
    /// rows) each come out as they are.
    #[test]
    fn each_look_is_kept_once_and_every_paint_gives_its_own() {
        let mut canvas = Canvas::empty(Rect::new(0, 0, 6, 1));
        let styles = [
            Style::default().green(),
            Style::default().dim(),
            Style::default().green().on_blue().bold(),
            Style::default().not_bold().fg(Color::Rgb(1, 2, 3)),
            Style::default().underline_color(Color::Red),
            Style::default().italic().dim(),
        ];
        for round in 0..3 {
            for (x, style) in (0..6).zip(styles.iter().cycle().skip(round)) {
                canvas.put(x, 0, "x", &Paint::from(*style));
                canvas.put(x, 0, "x", &Paint::from(Style::default().dim()));
            }
        }
        let mut theirs = Buffer::empty(canvas.area());
        for round in 0..3 {
            for (x, style) in (0..6).zip(styles.iter().cycle().skip(round)) {
                theirs[(x, 0)].set_symbol("x").set_style(*style);
                theirs[(x, 0)].set_style(Style::default().dim());
            }
        }
        assert_eq!(canvas.to_buffer(), theirs);
        let cells = canvas.cells();
        for a in cells {
            for b in cells {
                let same_look = canvas.look(a) == canvas.look(b);
                assert_eq!(a.look_place() == b.look_place(), same_look);
            }
        }
        assert!(!canvas.looks().crowded());
    }

    /// A canvas that runs out of places for looks says so, gives the plain look rather
    /// than a wrong one, and asks to start afresh.
    #[test]
    fn a_canvas_out_of_places_for_looks_says_so() {
        let mut canvas = Canvas::empty(Rect::new(0, 0, 2, 1));
        let rgb = |n: u32| {
            let [_, r, g, b] = n.to_be_bytes();
            Paint::from(Style::default().fg(Color::Rgb(r, g, b)))
        };
        for n in 1..=u32::from(u16::MAX) {
            canvas.reset_at(0, 0);
            canvas.put(0, 0, "x", &rgb(n));
            // With the plain look, half the places a glyph tells apart are taken.
            if n + 1 == u32::from(u16::MAX / 2) {
                assert!(!canvas.looks().crowded());
            }
            if n == u32::from(u16::MAX / 2) {
                assert!(canvas.looks().crowded());
            }
        }
        assert!(canvas.looks().crowded());
        assert!(!canvas.looks().overflowed());
        assert_eq!(canvas.cell(0).fg, Color::Rgb(0, 255, 255));
        canvas.put(1, 0, "y", &rgb(1 << 16));
        assert!(canvas.looks().overflowed());
        assert_eq!(canvas.cell(1), Cell::EMPTY.clone().set_symbol("y").clone());
        assert_eq!(canvas.cell(0).fg, Color::Rgb(0, 255, 255));
    }

    /// Symbols longer than four bytes are kept beside the glyphs; however many are
    /// drawn over each other, each cell shows the one drawn last into it.
    #[test]
    fn long_symbols_are_kept_and_the_store_does_not_grow_without_end() {
        let mut canvas = Canvas::empty(Rect::new(0, 0, 4, 2));
        let symbols = ["e\u{323}\u{301}", "a\u{301}\u{302}\u{303}", "👩\u{200d}🔬"];
        for round in 0..100 {
            for y in 0..2 {
                for x in 0..4 {
                    let symbol = symbols[(round + usize::from(x + y)) % 3];
                    canvas.put(x, y, symbol, &Paint::default());
                }
            }
            canvas.put(1, 1, "x", &Paint::default());
            canvas.append(1, 1, "\u{301}\u{302}");
            for y in 0..2 {
                for x in 0..4 {
                    let expected = if (x, y) == (1, 1) {
                        "x\u{301}\u{302}"
                    } else {
                        symbols[(round + usize::from(x + y)) % 3]
                    };
                    assert_eq!(
                        canvas.cell(canvas.index_of(x, y).unwrap()).symbol(),
                        expected
                    );
                }
            }
            assert!(canvas.long.len() <= 64, "{} kept", canvas.long.len());
        }
    }

    /// A canvas made from a buffer gives the same buffer back: symbols of every length,
    /// colours, modifiers.
    #[test]
    fn a_buffer_taken_onto_a_canvas_comes_back_the_same() {
        let mut buffer = Buffer::empty(Rect::new(3, 2, 6, 2));
        buffer.set_string(3, 2, "aé字🎉", Style::default().red().on_blue().bold());
        buffer[(5, 3)].set_symbol("e\u{323}\u{301}").underline_color = Color::Green;
        buffer[(6, 3)].modifier = Modifier::DIM | Modifier::REVERSED;
        assert_eq!(Canvas::of_buffer(&buffer).to_buffer(), buffer);
    }

    /// A bar's line is drawn as ratatui's `Paragraph` draws it, over cells that held
    /// something before: plain text, styled spans, text that does not fit, characters
    /// of every width, a line with a style of its own.
    #[test]
    fn a_paragraphs_line_is_drawn_as_ratatui_draws_it() {
        let lines = [
            Line::from(" Notebook · Fri 17 May"),
            Line::from(vec![
                Span::raw("saved "),
                Span::styled("│ ", Style::default().dim()),
                Span::styled("q", Style::default().yellow().bold()),
                Span::raw(" quit"),
            ]),
            Line::from("a line far longer than any bar it is drawn into here"),
            Line::from("字幕 e\u{301} 🎉 \u{200b}x"),
            Line::from("styled").style(Style::default().italic()),
            Line::from(""),
        ];
        for line in lines {
            for width in [0, 1, 6, 12, 30] {
                for style in [Style::default(), Style::default().on_dark_gray().white()] {
                    let area = Rect::new(2, 1, width, 1);
                    let mut theirs = Buffer::empty(Rect::new(0, 0, 40, 3));
                    theirs.set_string(0, 1, "x".repeat(40), Style::default().red());
                    let mut ours = Canvas::of_buffer(&theirs);
                    ours.paragraph(line.clone(), area, style);
                    Paragraph::new(line.clone())
                        .style(style)
                        .render(area, &mut theirs);
                    assert_eq!(
                        ours.to_buffer(),
                        Canvas::of_buffer(&theirs).to_buffer(),
                        "{line:?} in {width} cells, {style:?}"
                    );
                }
            }
        }
    }
}
