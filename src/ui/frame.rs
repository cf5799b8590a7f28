//! A pane's frame: its border, its title at the top left and a hint at the bottom right,
//! thick and coloured when the pane has the focus, plain otherwise.
//!
//! It draws the cells ratatui's `Block` draws for such a frame (a test keeps the two
//! equal), without what made `Block` a tenth of a frame: styling every cell inside the
//! frame with the block's style (the default style, so nothing changes) and merging each
//! border symbol with what the cell held.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;

use super::Theme;
use super::canvas::{Canvas, Paint};

/// Draws the frame of a pane over `area` of `canvas`, with `title` and `hint` (a
/// right-aligned line: cut short, it keeps its end).
pub(super) fn draw(
    canvas: &mut Canvas,
    area: Rect,
    title: &Line<'_>,
    hint: Option<&Line<'_>>,
    focused: bool,
    theme: &Theme,
) {
    let area = area.intersection(canvas.area());
    if area.is_empty() {
        return;
    }
    let (set, style) = look(focused, theme);
    let paint = Paint::from(style);
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| canvas.put(x, y, symbol, &paint);
    // In `Block`'s order: where sides and corners meet (a pane one cell high or wide),
    // the one drawn last shows.
    for y in top..=bottom {
        put(left, y, set.vertical_left);
    }
    for x in left..=right {
        put(x, top, set.horizontal_top);
    }
    for y in top..=bottom {
        put(right, y, set.vertical_right);
    }
    for x in left..=right {
        put(x, bottom, set.horizontal_bottom);
    }
    put(right, bottom, set.bottom_right);
    put(right, top, set.top_right);
    put(left, bottom, set.bottom_left);
    put(left, top, set.top_left);
    let between = draw_title(canvas, area, title);
    if let (Some(hint), false) = (hint, between.is_empty()) {
        let hint_width = width(hint);
        canvas.line(
            hint,
            Rect {
                x: between.right().saturating_sub(hint_width).max(between.x),
                y: bottom,
                width: hint_width.min(between.width),
                height: 1,
            },
        );
    }
}

/// The border's lines and style: thick and coloured when focused, plain otherwise.
fn look(focused: bool, theme: &Theme) -> (border::Set<'static>, Style) {
    if focused {
        (border::THICK, theme.focused_border())
    } else {
        (border::PLAIN, Style::default())
    }
}

/// Draws the top row of the frame [`draw`] draws over `area` when it is at least two
/// rows high (its corners, its border and the title), over cells blanked first: another
/// talk's title, without drawing the rest of the frame again.
pub(super) fn draw_top(
    canvas: &mut Canvas,
    area: Rect,
    title: &Line<'_>,
    focused: bool,
    theme: &Theme,
) {
    let row = Rect { height: 1, ..area }.intersection(canvas.area());
    if row.is_empty() {
        return;
    }
    canvas.clear(row);
    let (set, style) = look(focused, theme);
    let paint = Paint::from(style);
    let (left, right, top) = (row.left(), row.right() - 1, row.top());
    for x in left..=right {
        canvas.put(x, top, set.horizontal_top, &paint);
    }
    canvas.put(right, top, set.top_right, &paint);
    canvas.put(left, top, set.top_left, &paint);
    draw_title(canvas, row, title);
}

/// Draws `title` between the top corners of a frame over `area`, cut to fit; returns
/// the room between the corners.
fn draw_title(canvas: &mut Canvas, area: Rect, title: &Line<'_>) -> Rect {
    let between = Rect {
        x: area.left().saturating_add(1),
        y: area.top(),
        width: area.width.saturating_sub(2),
        height: 1,
    };
    if !between.is_empty() {
        let room = Rect {
            width: width(title).min(between.width),
            ..between
        };
        canvas.line(title, room);
    }
    between
}

/// Cells `line` takes.
fn width(line: &Line<'_>) -> u16 {
    u16::try_from(line.width()).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::Block;

    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget as _;

    use super::super::pane_block;
    use super::*;

    /// The block the frame stands for.
    fn block<'a>(
        title: Line<'a>,
        hint: Option<Line<'a>>,
        focused: bool,
        theme: &Theme,
    ) -> Block<'a> {
        let block = pane_block(title, focused, theme);
        match hint {
            Some(hint) => block.title_bottom(hint),
            None => block,
        }
    }

    /// A buffer whose cells already hold text in several styles: the frame keeps what
    /// `Block` keeps of them.
    fn scribbled(area: Rect) -> Buffer {
        let mut buffer = Buffer::empty(area);
        for (n, cell) in buffer.content.iter_mut().enumerate() {
            cell.set_symbol(["x", "é", "字", " "][n % 4]);
            cell.fg = [Color::Reset, Color::Red, Color::Indexed(7)][n % 3];
            cell.bg = [Color::Blue, Color::Reset][n % 2];
            cell.modifier = [Modifier::empty(), Modifier::ITALIC, Modifier::DIM][n % 3];
        }
        buffer
    }

    #[test]
    fn a_frame_draws_what_ratatuis_block_draws() {
        let theme = Theme::default();
        let titles = [
            "",
            " Notes ",
            " 09:00–09:25 · Databases from first principles — Grace (Room 03) ",
            " 字幕と絵文字 🎉 ",
            "e\u{301}\u{302} ",
        ];
        let hints = [
            None,
            Some(" Ctrl-S save "),
            Some("🎉 a hint far longer than any pane here"),
        ];
        let screen = Rect::new(0, 0, 30, 8);
        let mut compared = 0;
        for width in 0..=12 {
            for height in 0..=4 {
                for (x, y) in [(0, 0), (3, 2), (25, 6)] {
                    let area = Rect::new(x, y, width, height);
                    for title in titles {
                        for hint in hints {
                            for focused in [false, true] {
                                let mut theirs = scribbled(screen);
                                let mut ours = Canvas::of_buffer(&theirs);
                                let hint_line = hint.map(|hint| Line::from(hint).right_aligned());
                                draw(
                                    &mut ours,
                                    area,
                                    &Line::from(title),
                                    hint_line.as_ref(),
                                    focused,
                                    &theme,
                                );
                                block(Line::from(title), hint_line.clone(), focused, &theme)
                                    .render(area, &mut theirs);
                                assert_eq!(
                                    ours.to_buffer(),
                                    Canvas::of_buffer(&theirs).to_buffer(),
                                    "{area:?} {title:?} {hint:?} focused {focused}"
                                );
                                compared += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(compared, 13 * 5 * 3 * 5 * 3 * 2);
    }

    /// The top row alone is the top row of the whole frame of a pane two rows high or
    /// more, whatever the row held before.
    #[test]
    fn the_top_row_alone_is_the_whole_frames_top_row() {
        let theme = Theme::default();
        let screen = Rect::new(0, 0, 30, 8);
        for width in 0..=12 {
            for height in 2..=4 {
                for title in [" Notes ", " 字幕と絵文字 🎉 a long one ", "", "e\u{301}"] {
                    for focused in [false, true] {
                        let area = Rect::new(3, 2, width, height);
                        let mut ours = Canvas::of_buffer(&scribbled(screen));
                        let mut theirs = ours.clone();
                        draw_top(&mut ours, area, &Line::from(title), focused, &theme);
                        theirs.clear(area);
                        draw(&mut theirs, area, &Line::from(title), None, focused, &theme);
                        let (ours, theirs) = (ours.to_buffer(), theirs.to_buffer());
                        let before = Canvas::of_buffer(&scribbled(screen)).to_buffer();
                        for y in 0..screen.height {
                            for x in 0..screen.width {
                                let outside = y != area.y || !area.contains((x, y).into());
                                let expected = if outside {
                                    &before[(x, y)]
                                } else {
                                    &theirs[(x, y)]
                                };
                                assert_eq!(
                                    &ours[(x, y)],
                                    expected,
                                    "{area:?} {title:?} focused {focused} at {x},{y}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
