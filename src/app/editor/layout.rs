//! How a note's lines fall into the editor pane's rows: our own soft wrap, not the text
//! area's. The text area's word wrap breaks before the space that ends a row, so the next
//! row starts with it (" for Python."), and it breaks between a word and its punctuation
//! (", sci-kit" starting a row after "pytorch"). Here a row breaks after the spaces that
//! end a word, so the next row starts with the next word, and a word keeps whatever is
//! attached to it. Only a word wider than the whole row is cut between characters.
//!
//! Widths are the screen's: graphemes measured as ratatui measures them, a tab drawn as
//! [`TAB_WIDTH`] spaces. Spaces at the end of a row may reach past its edge; they are not
//! drawn, as in a word processor.

use std::ops::Range;

use ratatui::buffer::CellWidth as _;
use unicode_segmentation::UnicodeSegmentation as _;

/// A tab in a note (from a paste or an import: the Tab key moves between panes).
pub const TAB_WIDTH: u16 = 4;

/// One grapheme of a line as it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// Where it starts, in characters (the text area's columns).
    pub column: usize,
    /// Where it is in the line's text, in bytes.
    pub bytes: (usize, usize),
    /// Cells it covers; 0 for a grapheme that is drawn onto the one before.
    pub width: u16,
    /// White space: a row may break after it.
    pub space: bool,
}

/// A line of a note, laid out for rows `width` cells wide.
#[derive(Debug, Clone, PartialEq)]
pub struct LineLayout {
    /// The graphemes of a line that is not plain printable ASCII; in one that is, each
    /// byte is one character and one cell, and nothing needs keeping per grapheme (most
    /// lines, and the one being typed: no allocation per grapheme per keystroke).
    glyphs: Option<Vec<Glyph>>,
    /// Index of the first grapheme of each row; the first row starts at 0.
    starts: Vec<usize>,
    /// Graphemes in the line.
    count: usize,
    /// The line's length in characters.
    columns: usize,
}

/// Whether `line` is printable ASCII: one byte, one character, one cell.
fn plain(line: &str) -> bool {
    line.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The graphemes of `line` as drawn, one by one.
pub fn glyphs(line: &str) -> impl Iterator<Item = Glyph> + '_ {
    let ascii = plain(line);
    let bytes = ascii.then(|| {
        line.bytes().enumerate().map(|(index, byte)| Glyph {
            column: index,
            bytes: (index, index + 1),
            width: 1,
            space: byte == b' ',
        })
    });
    let mut column = 0;
    let graphemes = (!ascii).then(|| {
        line.grapheme_indices(true).map(move |(at, grapheme)| {
            let glyph = Glyph {
                column,
                bytes: (at, at + grapheme.len()),
                width: if grapheme == "\t" {
                    TAB_WIDTH
                } else {
                    grapheme.cell_width()
                },
                space: grapheme.chars().all(char::is_whitespace),
            };
            column += grapheme.chars().count();
            glyph
        })
    });
    bytes
        .into_iter()
        .flatten()
        .chain(graphemes.into_iter().flatten())
}

/// Where each row starts (grapheme indices): greedy, breaking after spaces, cutting
/// only words wider than a row. Also how many graphemes there are.
fn row_starts(glyphs: impl Iterator<Item = Glyph>, width: usize) -> (Vec<usize>, usize) {
    let width = width.max(1);
    let mut starts = vec![0];
    let mut row_start = 0;
    let mut x = 0;
    // The word being laid out, if a space before it in this row allows a break there,
    // and where it began.
    let mut word: Option<(usize, usize)> = None;
    let mut after_space = false;
    let mut count = 0;
    for (index, glyph) in glyphs.enumerate() {
        count = index + 1;
        let glyph_width = usize::from(glyph.width);
        if glyph.space {
            x += glyph_width;
            after_space = true;
            continue;
        }
        if index > row_start && after_space {
            word = Some((index, x));
        }
        after_space = false;
        if x + glyph_width > width && index > row_start && glyph_width > 0 {
            match word.take() {
                Some((start, x_at_start)) if start > row_start => {
                    starts.push(start);
                    row_start = start;
                    x -= x_at_start;
                }
                _ => {
                    starts.push(index);
                    row_start = index;
                    x = 0;
                }
            }
            if x + glyph_width > width && index > row_start {
                // The word alone is wider than a row: cut it here.
                starts.push(index);
                row_start = index;
                x = 0;
            }
        }
        x += glyph_width;
    }
    (starts, count)
}

impl LineLayout {
    pub fn new(line: &str, width: u16) -> LineLayout {
        let width = usize::from(width);
        if plain(line) {
            let (starts, count) = row_starts(glyphs(line), width);
            return LineLayout {
                glyphs: None,
                starts,
                count,
                columns: count,
            };
        }
        let all: Vec<Glyph> = glyphs(line).collect();
        let (starts, count) = row_starts(all.iter().copied(), width);
        LineLayout {
            columns: line.chars().count(),
            glyphs: Some(all),
            starts,
            count,
        }
    }

    pub fn rows(&self) -> usize {
        self.starts.len()
    }

    fn row_range(&self, row: usize) -> Range<usize> {
        let start = self.starts[row.min(self.starts.len() - 1)];
        let end = self.starts.get(row + 1).copied().unwrap_or(self.count);
        start..end
    }

    /// Grapheme `index` (of a plain line: made up, one byte and one cell).
    fn glyph(&self, index: usize) -> Glyph {
        match &self.glyphs {
            Some(glyphs) => glyphs[index],
            None => Glyph {
                column: index,
                bytes: (index, index + 1),
                width: 1,
                space: false,
            },
        }
    }

    /// The text of `row` of `line` (the line this was laid out from), and the column
    /// of its first character.
    pub fn row_text<'a>(&self, line: &'a str, row: usize) -> (&'a str, usize) {
        let range = self.row_range(row);
        if range.is_empty() {
            return ("", self.columns);
        }
        let (first, last) = (self.glyph(range.start), self.glyph(range.end - 1));
        // The layout was made from this line: its glyphs start and end on boundaries.
        let text = line.get(first.bytes.0..last.bytes.1).unwrap_or_default();
        (text, first.column)
    }

    /// Cells taken by graphemes `range`.
    fn width_of(&self, range: Range<usize>) -> usize {
        match &self.glyphs {
            Some(glyphs) => glyphs[range].iter().map(|g| usize::from(g.width)).sum(),
            None => range.len(),
        }
    }

    /// The grapheme holding character `column`.
    fn glyph_at(&self, column: usize) -> usize {
        match &self.glyphs {
            Some(glyphs) => glyphs
                .partition_point(|glyph| glyph.column <= column)
                .saturating_sub(1),
            None => column,
        }
    }

    /// The row and the cell within it (from its left edge) of character `column`. The
    /// end of the line is after its last glyph.
    pub fn position(&self, column: usize) -> (usize, usize) {
        let at_end = column >= self.columns;
        let row = if self.count == 0 || at_end {
            self.starts.len() - 1
        } else {
            let glyph = self.glyph_at(column);
            self.starts.partition_point(|&start| start <= glyph) - 1
        };
        let range = self.row_range(row);
        let upto = if at_end {
            range.end
        } else {
            self.glyph_at(column).max(range.start)
        };
        (row, self.width_of(range.start..upto))
    }

    /// The character under cell `x` of `row`: the glyph there, or past the row's text
    /// the end of the line (on its last row) or the row's last glyph.
    pub fn column_at(&self, row: usize, x: usize) -> usize {
        let row = row.min(self.starts.len() - 1);
        let range = self.row_range(row);
        let mut left = 0;
        for index in range.clone() {
            let glyph = self.glyph(index);
            let right = left + usize::from(glyph.width);
            if x < right {
                return glyph.column;
            }
            left = right;
        }
        if range.is_empty() || row + 1 == self.starts.len() {
            self.columns
        } else {
            self.glyph(range.end - 1).column
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `line` at `width`, as text.
    fn rows(line: &str, width: u16) -> Vec<String> {
        let layout = LineLayout::new(line, width);
        (0..layout.rows())
            .map(|row| layout.row_text(line, row).0.to_string())
            .collect()
    }

    #[test]
    fn continuation_rows_start_with_the_next_word_not_the_space() {
        assert_eq!(
            rows("Ruff is an extremely fast linter for Python.", 20),
            ["Ruff is an extremely ", "fast linter for ", "Python."]
        );
        for row in rows("Ruff is an extremely fast linter for Python.", 20) {
            assert!(!row.starts_with(' '), "{row:?}");
        }
    }

    #[test]
    fn punctuation_stays_with_its_word() {
        assert_eq!(
            rows("tools: numpy, pandas, pytorch, sci-kit learn", 29),
            ["tools: numpy, pandas, ", "pytorch, sci-kit learn"]
        );
        assert_eq!(
            rows("use pytorch, sci-kit", 12),
            ["use pytorch, ", "sci-kit"]
        );
        assert_eq!(rows("use pytorch, sci", 11), ["use ", "pytorch, ", "sci"]);
    }

    #[test]
    fn only_a_word_wider_than_the_row_is_cut() {
        assert_eq!(
            rows("see https://example.org/a/b", 10),
            ["see ", "https://ex", "ample.org/", "a/b"]
        );
        assert_eq!(rows("", 10), [""]);
        assert_eq!(rows("exactly10!", 10), ["exactly10!"]);
        assert_eq!(
            rows("spaces hang     over", 10),
            ["spaces ", "hang     ", "over"]
        );
    }

    #[test]
    fn wide_and_combining_characters_take_their_cells() {
        // Each ideograph is two cells; "é" written as e + combining accent is one.
        assert_eq!(rows("日本語 テキスト", 6), ["日本語 ", "テキス", "ト"]);
        let layout = LineLayout::new("cafe\u{301} ok", 10);
        assert_eq!(layout.position(5), (0, 4), "after the accented e");
        assert_eq!(layout.position(6), (0, 5));
        let tabbed = LineLayout::new("a\tb", 10);
        assert_eq!(tabbed.position(2), (0, 5));
    }

    #[test]
    fn positions_and_columns_map_both_ways() {
        let layout = LineLayout::new("Ruff is an extremely fast linter", 12);
        // "Ruff is an ", "extremely ", "fast linter"
        assert_eq!(layout.rows(), 3);
        assert_eq!(layout.position(0), (0, 0));
        assert_eq!(layout.position(10), (0, 10), "the space that ends the row");
        assert_eq!(layout.position(11), (1, 0));
        assert_eq!(layout.position(32), (2, 11), "the end of the line");
        assert_eq!(layout.position(99), (2, 11));
        assert_eq!(layout.column_at(1, 3), 14);
        assert_eq!(
            layout.column_at(1, 40),
            20,
            "past a row's text: its last glyph"
        );
        assert_eq!(layout.column_at(2, 40), 32, "past the last row: the end");
        for column in 0..=32 {
            let (row, x) = layout.position(column);
            assert_eq!(layout.column_at(row, x), column, "column {column}");
        }
        let empty = LineLayout::new("", 12);
        assert_eq!(
            (empty.rows(), empty.position(0), empty.column_at(0, 5)),
            (1, (0, 0), 0)
        );
    }
}
