//! Text cut to a width says so: it ends with `…`, so a title cut by the pane is never
//! mistaken for the whole title.

use ratatui::buffer::CellWidth as _;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation as _;

pub const ELLIPSIS: &str = "…";

/// Cells `text` takes on screen.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        pieces(text).map(|(_, cells)| cells).sum()
    }
}

/// Each character of `text` as the piece of it that it is.
pub fn characters(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.char_indices()
        .filter_map(|(at, character)| text.get(at..at + character.len_utf8()))
}

/// The graphemes of `text`, each with the cells it takes. Text whose characters are each
/// a grapheme of one cell ([`one_cell`]: nearly every title and row) is taken a
/// character at a time, without the grapheme rules (a tenth of laying out another day's
/// schedule went to them).
fn pieces(text: &str) -> impl Iterator<Item = (&str, usize)> + '_ {
    let simple = text.chars().all(one_cell);
    let characters = simple.then(|| characters(text).map(|piece| (piece, 1)));
    let graphemes = (!simple).then(|| {
        text.graphemes(true)
            .map(|grapheme| (grapheme, usize::from(grapheme.cell_width())))
    });
    characters
        .into_iter()
        .flatten()
        .chain(graphemes.into_iter().flatten())
}

/// A character that is a grapheme of its own and one cell wide whatever follows it:
/// printable ASCII, the rest of Latin-1 and Latin Extended (before the combining marks
/// at U+0300), and the punctuation, arrows, shapes and dingbats a schedule row is drawn
/// with (`—`, `·`, `…`, `✓`, `✎`, `★`, `▶`), except the zero-width and wide ones among them.
pub fn one_cell(character: char) -> bool {
    let code = u32::from(character);
    if (0x20..0x7f).contains(&code) {
        // Printable ASCII: one cell each, without measuring (most of every row).
        return true;
    }
    let in_ranges = (0xa0..0x300).contains(&code)
        || ((0x2010..0x2c00).contains(&code) && !(0x2028..0x2070).contains(&code));
    // Measured as ratatui measures the cell it goes into.
    in_ranges && character.encode_utf8(&mut [0; 4]).cell_width() == 1
}

/// `text` if it fits in `room` cells, else as much as fits followed by `…`.
pub fn fit(text: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for (grapheme, cells) in pieces(text) {
        if used + cells + 1 > room {
            break;
        }
        out.push_str(grapheme);
        used += cells;
    }
    if room > 0 {
        out.push_str(ELLIPSIS);
    }
    out
}

/// `text` in `room` cells showing where `needle` (lowercase) occurs: when it does not
/// fit, a window around the first match, with `…` where text was left out on either side.
pub fn fit_around(text: &str, needle: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    if room < 2 {
        return fit(text, room);
    }
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    // Where the match starts, in graphemes of the text itself.
    let at = crate::text::find_ignoring_case(text, needle)
        .and_then(|found| text.get(..found.start))
        .map_or(0, |before| before.graphemes(true).count());
    if at == 0 {
        return fit(text, room);
    }
    // A third of the room before the match, the rest from it on.
    let lead = room / 3;
    let mut start = at;
    let mut used = 0;
    // (The leading ellipsis takes a cell of the lead.)
    while start > 0 && used + usize::from(graphemes[start - 1].cell_width()) < lead {
        start -= 1;
        used += usize::from(graphemes[start].cell_width());
    }
    if start == 0 {
        return fit(text, room);
    }
    format!(
        "{ELLIPSIS}{}",
        fit(&graphemes[start..].concat(), room.saturating_sub(1))
    )
}

/// A line cut to `room` cells the same way: the span where it is cut ends with `…` in
/// that span's style, and the spans after it go.
pub fn fit_line(line: Line<'static>, room: usize) -> Line<'static> {
    if line.width() <= room {
        return line;
    }
    let style = line.style;
    let budget = room.saturating_sub(1);
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let cells = width(&span.content);
        if used + cells <= budget {
            used += cells;
            spans.push(span);
            continue;
        }
        let mut part = String::new();
        for (grapheme, cells) in pieces(&span.content) {
            if used + cells > budget {
                break;
            }
            part.push_str(grapheme);
            used += cells;
        }
        if room > 0 {
            part.push_str(ELLIPSIS);
        }
        spans.push(Span::styled(part, span.style));
        break;
    }
    Line::from(spans).style(style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    /// Taken a character at a time or by the grapheme rules, text comes apart the same.
    #[test]
    fn pieces_are_graphemes_with_their_widths() {
        let texts = [
            "plain ascii",
            " ✓✎ Ten years of Rust — Ada · Room 1 … ★★ ▶ «ñ» ±",
            "Café e\u{301} 字 \u{200b}K İ ẞ 🎉",
            "a\u{2060}b\u{2028}c ⌚ ✅ ☕ \u{20dd}x कि",
            "e\u{301}✓",
            "✓\u{301}",
            "☺\u{fe0f}",
            "",
        ];
        for text in texts {
            let by_rules: Vec<(&str, usize)> = text
                .graphemes(true)
                .map(|g| (g, usize::from(g.cell_width())))
                .collect();
            assert_eq!(pieces(text).collect::<Vec<_>>(), by_rules, "{text:?}");
        }
        assert!(
            " ✓✎ Ten years of Rust — Ada · Room 1 … ★★ ▶ ✗ ☐"
                .chars()
                .all(one_cell)
        );
        // The shortcut for printable ASCII agrees with ratatui's measure.
        for ascii in ' '..='~' {
            assert!(one_cell(ascii));
            assert_eq!(ascii.encode_utf8(&mut [0; 4]).cell_width(), 1, "{ascii:?}");
        }
        for other in [
            '\u{301}', '\u{200b}', '\u{2060}', '字', '🎉', '⌚', '✅', 'ि', '\t', '\u{fe0f}',
        ] {
            assert!(!one_cell(other), "{other:?}");
        }
    }

    #[test]
    fn text_that_does_not_fit_ends_with_an_ellipsis() {
        assert_eq!(fit("Ruff: An Extremely Fast Linter", 12), "Ruff: An Ex…");
        assert_eq!(width(&fit("Ruff: An Extremely Fast Linter", 12)), 12);
        assert_eq!(fit("short", 12), "short");
        assert_eq!(fit("exactly", 7), "exactly");
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
        assert_eq!(fit("anything", 1), "…");
        assert_eq!(fit("anything", 0), "");
    }

    #[test]
    fn a_long_hit_shows_the_match() {
        let line = "at the end of a very long line of notes there is the word safemigrate and more after it";
        let shown = fit_around(line, "safemigrate", 30);
        assert!(shown.contains("safemigrate"), "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(width(&shown), 30);
        assert_eq!(
            fit_around("safemigrate at the start of a long line", "safe", 12),
            "safemigrate…"
        );
        assert_eq!(fit_around("short", "x", 12), "short");
        // Lowercase changes byte lengths here (K, Ⱥ, ẞ, İ): the window is still found.
        for odd in ["K", "Ⱥ", "ẞ", "İ"] {
            let line = format!("{} and then the word kelvin at the end", odd.repeat(30));
            let shown = fit_around(&line, "kelvin", 20);
            assert!(shown.contains("kelvin"), "{odd}: {shown}");
            for room in 0..40 {
                let shown = fit_around(&line, "kelvin", room);
                assert!(width(&shown) <= room, "{odd} {room}: {shown}");
            }
        }
    }

    #[test]
    fn a_cut_line_keeps_its_styles_and_ends_with_an_ellipsis() {
        let line = Line::from(vec![
            Span::raw(" ✓ "),
            Span::styled("Mock It Till You Make It", Style::default().green()),
            Span::styled(" — Adam", Style::default().dim()),
        ]);
        let cut = fit_line(line.clone(), 12);
        assert_eq!(cut.to_string(), " ✓ Mock It …");
        assert_eq!(cut.width(), 12);
        assert_eq!(cut.spans[1].style, Style::default().green());
        assert_eq!(fit_line(line.clone(), 99), line);
        let at_span_end = fit_line(line, 27);
        assert_eq!(at_span_end.to_string(), " ✓ Mock It Till You Make I…");
    }
}
