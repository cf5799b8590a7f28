//! Cells to the bytes a terminal draws them from (ECMA-48 / xterm escape sequences),
//! written straight into the frame's buffer.
//!
//! It sends what ratatui-crossterm's `CrosstermBackend::draw` sends for the same cells:
//! a cursor move only where a cell does not follow the one before, a style change only
//! where the style changes, then the cell's text. That backend formats every cell
//! through `core::fmt` (crossterm's `queue!`), a fifth of a step through the schedule
//! when every row of the list moves; here a cell is a few byte copies. Windows consoles
//! that take no escape sequences go on through crossterm (see [`super::paint::Cells`]).

use ratatui::style::Modifier;

use super::canvas::{Look, Looks, RGB};
#[cfg(test)]
use {super::canvas::color_code, ratatui::buffer::Cell};

/// A ratatui cell's look, as a [`Look`].
#[cfg(test)]
pub fn look_of(cell: &Cell) -> Look {
    Look {
        fg: color_code(cell.fg),
        bg: color_code(cell.bg),
        underline: color_code(cell.underline_color),
        modifier: cell.modifier,
    }
}

/// Appends to `out` what draws `updates` (in the order of a diff: by row, then column),
/// and a reset of the style at the end, as `CrosstermBackend::draw` does.
#[cfg(test)]
pub fn write_cells<'a>(out: &mut Vec<u8>, updates: impl IntoIterator<Item = (u16, u16, &'a Cell)>) {
    let mut writer = Writer::new(out);
    for (x, y, cell) in updates {
        writer.cell(x, y, cell.symbol().as_bytes(), &look_of(cell));
    }
    writer.finish();
}

/// Writes cells one at a time, as a frame's changes are found.
pub struct Writer<'a> {
    out: &'a mut Vec<u8>,
    pen: Pen,
}

impl<'a> Writer<'a> {
    /// A frame's writer into `out`, emptied first.
    pub fn new(out: &'a mut Vec<u8>) -> Writer<'a> {
        out.clear();
        Writer {
            out,
            pen: Pen::default(),
        }
    }

    /// Draws `symbol` in `look` at `x`, `y`: a cursor move only where it does not follow
    /// the cell written before, a style change only where the style changes, then the
    /// symbol.
    #[cfg(test)]
    pub fn cell(&mut self, x: u16, y: u16, symbol: &[u8], look: &Look) {
        self.move_to(x, y);
        self.style(look);
        self.pen.look = None;
        self.symbol(symbol);
    }

    /// Draws at `x`, `y` a glyph's `symbol` in the look at `place` among its canvas's
    /// `looks`: as [`Writer::cell`], but the look is only read and compared when its
    /// place is not the last cell's (a place is one look, a look one place).
    #[inline(always)]
    pub fn glyph(&mut self, x: u16, y: u16, symbol: &[u8], place: u16, looks: &Looks) {
        self.move_to(x, y);
        if self.pen.look != Some(place) {
            self.style(&looks.get(place));
            self.pen.look = Some(place);
        }
        self.symbol(symbol);
    }

    /// A cursor move to `x`, `y`, unless the last cell written was just before it.
    #[inline(always)]
    fn move_to(&mut self, x: u16, y: u16) {
        if self.pen.at != Some((x.wrapping_sub(1), y)) || x == 0 {
            move_to(self.out, x, y);
        }
        self.pen.at = Some((x, y));
    }

    /// What changes the style to `cell`'s, if it is not that already.
    #[inline(always)]
    fn style(&mut self, cell: &Look) {
        let (out, pen) = (&mut *self.out, &mut self.pen);
        if cell.modifier != pen.modifier {
            modifier_change(out, pen.modifier, cell.modifier);
            pen.modifier = cell.modifier;
        }
        if (cell.fg, cell.bg) != (pen.fg, pen.bg) {
            let mut sequence = Sequence::new();
            sequence.color(Layer::Fore, cell.fg);
            sequence.color(Layer::Back, cell.bg);
            out.extend_from_slice(sequence.finish());
            (pen.fg, pen.bg) = (cell.fg, cell.bg);
        }
        if cell.underline != pen.underline {
            let mut sequence = Sequence::new();
            sequence.color(Layer::Underline, cell.underline);
            out.extend_from_slice(sequence.finish());
            pen.underline = cell.underline;
        }
    }

    #[inline(always)]
    fn symbol(&mut self, symbol: &[u8]) {
        match symbol {
            // Nearly every cell: one byte, without a call to copy it.
            &[byte] => self.out.push(byte),
            symbol => self.out.extend_from_slice(symbol),
        }
    }

    /// Scrolls screen rows `rows` (every column) up by `by` rows, or down when `by` is
    /// negative: the terminal's scroll region is set to them, the cursor put on its
    /// last row and sent that many line feeds (on its first, that many reverse line
    /// feeds), and the region set back to the whole screen (VT100 sequences every
    /// terminal takes). The rows that come in are blank in the current style, so this
    /// comes first in a frame, while the style is the terminal's default.
    pub fn scroll(&mut self, rows: std::ops::Range<u16>, by: isize) {
        if rows.is_empty() || by == 0 {
            return;
        }
        let (top, bottom) = (u32::from(rows.start) + 1, u32::from(rows.end));
        let mut region = Sequence::new();
        region.parameter(top);
        region.parameter(bottom);
        region.push(b'r');
        self.out.extend_from_slice(region.bytes());
        let (row, feed): (_, &[u8]) = if by > 0 {
            (rows.end - 1, b"\n")
        } else {
            (rows.start, b"\x1bM")
        };
        move_to(self.out, 0, row);
        let lines = by.unsigned_abs().min(rows.len());
        for _ in 0..lines {
            self.out.extend_from_slice(feed);
        }
        self.out.extend_from_slice(b"\x1b[r");
        self.pen.at = None;
    }

    /// How many cells lie between the last cell written and `x`, `y`, when that is on
    /// the same row, a little after it (at most `most` cells between).
    #[inline(always)]
    pub fn gap_before(&self, x: u16, y: u16, most: u16) -> Option<u16> {
        let (last, row) = self.pen.at?;
        let gap = x.checked_sub(last)?.checked_sub(1)?;
        (row == y && (1..=most).contains(&gap)).then_some(gap)
    }

    /// Whether a glyph in the look at `place` (see [`Writer::glyph`]) needs no change
    /// of style.
    #[inline(always)]
    pub fn in_look(&self, place: u16) -> bool {
        self.pen.look == Some(place)
    }

    /// Ends the frame: the style goes back to the terminal's default.
    pub fn finish(self) {
        self.out
            .extend_from_slice(b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m");
    }
}

/// What the terminal draws the next cell with, as far as this frame set it.
#[derive(Default)]
struct Pen {
    /// The last cell written: the terminal's cursor is just after it.
    at: Option<(u16, u16)>,
    /// The place of the style set among its canvas's looks, when the last cell written
    /// was a glyph ([`Writer::glyph`]).
    look: Option<u16>,
    fg: u32,
    bg: u32,
    underline: u32,
    modifier: Modifier,
}

fn move_to(out: &mut Vec<u8>, x: u16, y: u16) {
    let mut sequence = Sequence::new();
    sequence.number(u32::from(y) + 1);
    sequence.push(b';');
    sequence.number(u32::from(x) + 1);
    sequence.push(b'H');
    out.extend_from_slice(sequence.bytes());
}

/// The attributes that turn `from` into `to`: those removed first (bold and dim share
/// one reset, after which the one kept is set again), then those added.
fn modifier_change(out: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let mut sequence = Sequence::new();
    let removed = from - to;
    let added = to - from;
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    for (modifier, code) in [
        (Modifier::REVERSED, 27),
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ] {
        if removed.contains(modifier) {
            sequence.parameter(code);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        sequence.parameter(25);
    }
    if reset_intensity {
        sequence.parameter(22);
    }
    // After a reset of the intensity, bold and dim are set again if `to` has them.
    let intensity = if reset_intensity { to } else { added };
    for (modifier, code, from) in [
        (Modifier::BOLD, 1, intensity),
        (Modifier::DIM, 2, intensity),
        (Modifier::ITALIC, 3, added),
        (Modifier::UNDERLINED, 4, added),
        (Modifier::SLOW_BLINK, 5, added),
        (Modifier::RAPID_BLINK, 6, added),
        (Modifier::REVERSED, 7, added),
        (Modifier::HIDDEN, 8, added),
        (Modifier::CROSSED_OUT, 9, added),
    ] {
        if from.contains(modifier) {
            sequence.parameter(code);
        }
    }
    out.extend_from_slice(sequence.finish());
}

#[derive(Clone, Copy)]
enum Layer {
    Fore,
    Back,
    Underline,
}

/// One control sequence (`ESC [ parameters ; … final`), built on the stack.
struct Sequence {
    bytes: [u8; 64],
    length: usize,
    /// Whether a parameter was written (the next one needs a `;`).
    started: bool,
}

impl Sequence {
    fn new() -> Sequence {
        let mut bytes = [0; 64];
        bytes[..2].copy_from_slice(b"\x1b[");
        Sequence {
            bytes,
            length: 2,
            started: false,
        }
    }

    fn push(&mut self, byte: u8) {
        // The longest sequence written here (every attribute, or two 24-bit colours)
        // is well inside the array; anything past it would be cut, never overrun.
        if let Some(slot) = self.bytes.get_mut(self.length) {
            *slot = byte;
            self.length += 1;
        }
    }

    fn number(&mut self, mut value: u32) {
        let mut digits = [0u8; 10];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (value % 10) as u8;
            count += 1;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        for digit in digits[..count].iter().rev() {
            self.push(*digit);
        }
    }

    fn parameter(&mut self, value: u32) {
        if self.started {
            self.push(b';');
        }
        self.started = true;
        self.number(value);
    }

    /// The parameters that set `color` (a [`super::canvas::color_code`]) as the
    /// text's, the background's or the underline's colour (the 256-colour palette for
    /// the named colours, as crossterm).
    fn color(&mut self, layer: Layer, color: u32) {
        let (reset, extended) = match layer {
            Layer::Fore => (39, 38),
            Layer::Back => (49, 48),
            Layer::Underline => (59, 58),
        };
        if color == 0 {
            self.parameter(reset);
        } else if color & RGB != 0 {
            for value in [
                extended,
                2,
                color >> 16 & 0xff,
                color >> 8 & 0xff,
                color & 0xff,
            ] {
                self.parameter(value);
            }
        } else {
            for value in [extended, 5, color & 0xff] {
                self.parameter(value);
            }
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.length]
    }

    /// The sequence as a style change (`m`), or nothing when it has no parameters.
    fn finish(&mut self) -> &[u8] {
        if !self.started {
            return &[];
        }
        self.push(b'm');
        self.bytes()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::backend::Backend as _;
    use ratatui::backend::CrosstermBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Color;
    use unicode_width::UnicodeWidthStr as _;

    use super::*;

    fn ours(updates: &[(u16, u16, &Cell)]) -> Vec<u8> {
        let mut out = Vec::new();
        write_cells(&mut out, updates.iter().copied());
        out
    }

    fn crossterms(updates: &[(u16, u16, &Cell)]) -> Vec<u8> {
        let mut sent = Vec::new();
        CrosstermBackend::new(&mut sent)
            .draw(updates.iter().copied())
            .unwrap();
        sent
    }

    /// Rows are scrolled with VT100's scroll region, line feeds at its bottom (reverse
    /// ones at its top), and the region set back; the next cell is reached by a move.
    #[test]
    fn rows_scroll_in_a_region_set_for_them_and_set_back() {
        let look = Look::default();
        for (rows, by, expected) in [
            (2..10, 1, &b"\x1b[3;10r\x1b[10;1H\n\x1b[r\x1b[1;1Hx"[..]),
            (2..10, -2, b"\x1b[3;10r\x1b[3;1H\x1bM\x1bM\x1b[r\x1b[1;1Hx"),
            (0..3, 7, b"\x1b[1;3r\x1b[3;1H\n\n\n\x1b[r\x1b[1;1Hx"),
            (2..10, 0, b"\x1b[1;1Hx"),
            (4..4, 1, b"\x1b[1;1Hx"),
        ] {
            let mut out = Vec::new();
            let mut writer = Writer::new(&mut out);
            writer.cell(0, 0, b"x", &look);
            writer.scroll(rows.clone(), by);
            writer.cell(0, 0, b"x", &look);
            let sent = String::from_utf8_lossy(&out).into_owned();
            let after_first = sent.strip_prefix("\x1b[1;1Hx").unwrap();
            assert_eq!(after_first.as_bytes(), expected, "{rows:?} by {by}");
        }
    }

    #[test]
    fn plain_cells_in_a_row_are_one_move_and_their_text() {
        let buffer = Buffer::with_lines(["abc"]);
        let updates: Vec<_> = (0..3).map(|x| (x, 0, &buffer[(x, 0)])).collect();
        assert_eq!(ours(&updates), crossterms(&updates));
        assert_eq!(
            ours(&updates),
            b"\x1b[1;1Habc\x1b[39m\x1b[49m\x1b[59m\x1b[0m".to_vec()
        );
    }

    #[test]
    fn gaps_move_the_cursor_and_wide_characters_are_followed() {
        let buffer = Buffer::with_lines(["aコd  x", "yz"]);
        let updates = [
            (0, 0, &buffer[(0, 0)]),
            (1, 0, &buffer[(1, 0)]),
            (3, 0, &buffer[(3, 0)]),
            (6, 0, &buffer[(6, 0)]),
            (0, 1, &buffer[(0, 1)]),
        ];
        assert_eq!(ours(&updates), crossterms(&updates));
    }

    #[test]
    fn every_colour_and_attribute_change_is_sent_as_crossterm_sends_it() {
        let mut colors = vec![Color::Reset];
        colors.extend(super::super::canvas::NAMED_COLORS);
        colors.extend([
            Color::Indexed(0),
            Color::Indexed(255),
            Color::Rgb(0, 128, 255),
        ]);
        let modifiers = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::BOLD | Modifier::DIM,
            Modifier::ITALIC | Modifier::UNDERLINED,
            Modifier::REVERSED | Modifier::BOLD,
            Modifier::SLOW_BLINK,
            Modifier::RAPID_BLINK | Modifier::HIDDEN | Modifier::CROSSED_OUT,
            Modifier::all(),
            Modifier::DIM,
            Modifier::empty(),
        ];
        let width = u16::try_from(colors.len() * modifiers.len()).unwrap();
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
        let mut x = 0;
        for (i, color) in colors.iter().enumerate() {
            for modifier in modifiers {
                let cell = &mut buffer[(x, 0)];
                cell.set_symbol(if x % 3 == 0 { "é" } else { "x" });
                cell.fg = *color;
                cell.bg = colors[(i + 7) % colors.len()];
                cell.underline_color = colors[(i + 3) % colors.len()];
                cell.modifier = modifier;
                x += 1;
            }
        }
        let updates: Vec<_> = (0..width).map(|x| (x, 0, &buffer[(x, 0)])).collect();
        let (ours, theirs) = (ours(&updates), crossterms(&updates));
        // The same screen: the same text in the same order, the same style changes.
        // (Attributes are joined into one sequence here where crossterm sends one
        // sequence each, so the bytes are compared after splitting them into
        // parameters.)
        assert_eq!(parameters(&ours), parameters(&theirs));
        assert!(ours.len() < theirs.len());
    }

    /// Cells in every style written into a terminal emulator (vt100) come out as the
    /// buffer has them: text, colours and attributes, across rows and gaps.
    #[test]
    fn a_terminal_shows_what_the_cells_hold() {
        let palette = [
            Color::Reset,
            Color::Red,
            Color::LightCyan,
            Color::Indexed(200),
            Color::Rgb(10, 20, 30),
        ];
        let modifiers = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM | Modifier::ITALIC,
            Modifier::UNDERLINED | Modifier::REVERSED,
            Modifier::BOLD | Modifier::UNDERLINED,
        ];
        let area = Rect::new(0, 0, 30, 4);
        let mut buffer = Buffer::empty(area);
        let text = ["plain ascii", "é ü 字 k", "", "end"];
        let mut updates = Vec::new();
        for (y, line) in text.iter().enumerate() {
            let y = u16::try_from(y).unwrap();
            buffer.set_string(2, y, line, ratatui::style::Style::default());
            for x in 0..area.width {
                let n = usize::from(x) + usize::from(y) * 3;
                let cell = &mut buffer[(x, y)];
                cell.fg = palette[n % palette.len()];
                cell.bg = palette[(n / 2) % palette.len()];
                cell.modifier = modifiers[(n / 3) % modifiers.len()];
            }
        }
        for y in 0..area.height {
            let mut hidden = 0;
            for x in 0..area.width {
                // Leave a gap in each row; skip what a wide character covers.
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                hidden = buffer[(x, y)].symbol().width().saturating_sub(1);
                if x != 20 {
                    updates.push((x, y, &buffer[(x, y)]));
                }
            }
        }
        let mut parser = vt100::Parser::new(area.height, area.width, 0);
        parser.process(&ours(&updates));
        let screen = parser.screen();
        let vt = |color: Color| match color {
            Color::Reset => vt100::Color::Default,
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            Color::Indexed(i) => vt100::Color::Idx(i),
            Color::Red => vt100::Color::Idx(1),
            Color::LightCyan => vt100::Color::Idx(14),
            other => panic!("not in the palette: {other:?}"),
        };
        for &(x, y, cell) in &updates {
            let shown = screen.cell(y, x).unwrap();
            let what = format!("cell {x},{y}");
            assert_eq!(shown.contents(), cell.symbol(), "{what}");
            assert_eq!(shown.fgcolor(), vt(cell.fg), "{what}");
            assert_eq!(shown.bgcolor(), vt(cell.bg), "{what}");
            let has = |modifier| cell.modifier.contains(modifier);
            assert_eq!(shown.bold(), has(Modifier::BOLD), "{what}");
            assert_eq!(shown.dim(), has(Modifier::DIM), "{what}");
            assert_eq!(shown.italic(), has(Modifier::ITALIC), "{what}");
            assert_eq!(shown.underline(), has(Modifier::UNDERLINED), "{what}");
            assert_eq!(shown.inverse(), has(Modifier::REVERSED), "{what}");
        }
        // The gap was not written: the terminal still shows nothing there.
        assert_eq!(screen.cell(0, 20).unwrap().contents(), "");
    }

    #[test]
    fn from_bold_to_dim_the_intensity_is_reset_before_dim_is_set() {
        let mut buffer = Buffer::with_lines(["ab"]);
        buffer[(0, 0)].modifier = Modifier::BOLD;
        buffer[(1, 0)].modifier = Modifier::DIM;
        let updates = [(0, 0, &buffer[(0, 0)]), (1, 0, &buffer[(1, 0)])];
        let sent = String::from_utf8(ours(&updates)).unwrap();
        assert!(sent.starts_with("\x1b[1;1H\x1b[1ma\x1b[22;2mb"), "{sent:?}");
    }

    /// The bytes as a list of printed text and SGR / cursor parameters, one per item.
    fn parameters(bytes: &[u8]) -> Vec<String> {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let mut items = Vec::new();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            if let Some(sequence) = rest.strip_prefix("\x1b[") {
                let end = sequence.find(|c: char| c.is_ascii_alphabetic()).unwrap();
                let (parameters, after) = sequence.split_at(end);
                let mut after_chars = after.chars();
                let kind = after_chars.next().unwrap().to_string();
                if kind == "m" {
                    // 38;5;N and 38;2;R;G;B are one parameter each.
                    let mut parts = parameters.split(';');
                    while let Some(part) = parts.next() {
                        let item = match part {
                            "38" | "48" | "58" => {
                                let mode = parts.next().unwrap();
                                let count = if mode == "5" { 1 } else { 3 };
                                let values: Vec<_> = parts.by_ref().take(count).collect();
                                format!("{part};{mode};{}", values.join(";"))
                            }
                            other => other.to_string(),
                        };
                        items.push(format!("m{item}"));
                    }
                } else {
                    items.push(format!("{kind}{parameters}"));
                }
                rest = after_chars.as_str();
            } else {
                let next = rest.find('\x1b').unwrap_or(rest.len());
                let (printed, after) = rest.split_at(next);
                items.extend(printed.chars().map(|c| c.to_string()));
                rest = after;
            }
        }
        // Attributes of one change come in another order here; within a change the
        // order does not matter to a terminal, so each run of them is sorted.
        let mut sorted = Vec::new();
        let mut run = Vec::new();
        for item in items {
            let is_attribute = item.starts_with('m')
                && !item.starts_with("m38")
                && !item.starts_with("m48")
                && !item.starts_with("m58")
                && !["m39", "m49", "m59"].contains(&item.as_str());
            if is_attribute {
                run.push(item);
            } else {
                run.sort();
                sorted.append(&mut run);
                sorted.push(item);
            }
        }
        run.sort();
        sorted.append(&mut run);
        sorted
    }
}
