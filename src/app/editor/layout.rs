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
    glyphs: Vec<Glyph>,
    /// Index of the first glyph of each row; the first row starts at 0.
    starts: Vec<usize>,
    /// The line's length in characters.
    columns: usize,
}

fn glyphs(line: &str) -> Vec<Glyph> {
    // Nearly every note line is plain ASCII: one character, one cell, no segmentation.
    if line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return line
            .bytes()
            .enumerate()
            .map(|(index, byte)| Glyph {
                column: index,
                bytes: (index, index + 1),
                width: 1,
                space: byte == b' ',
            })
            .collect();
    }
    let mut column = 0;
    line.grapheme_indices(true)
        .map(|(at, grapheme)| {
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
        .collect()
}

/// Where each row starts: greedy, breaking after spaces, cutting only words wider than
/// a row.
fn row_starts(glyphs: &[Glyph], width: usize) -> Vec<usize> {
    let width = width.max(1);
    let mut starts = vec![0];
    let mut row_start = 0;
    let mut x = 0;
    // The word being laid out, if a space before it in this row allows a break there,
    // and where it began.
    let mut word: Option<(usize, usize)> = None;
    for (index, glyph) in glyphs.iter().enumerate() {
        let glyph_width = usize::from(glyph.width);
        if glyph.space {
            x += glyph_width;
            continue;
        }
        if index > row_start && glyphs[index - 1].space {
            word = Some((index, x));
        }
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
    starts
}

impl LineLayout {
    pub fn new(line: &str, width: u16) -> LineLayout {
        let glyphs = glyphs(line);
        let starts = row_starts(&glyphs, usize::from(width));
        LineLayout {
            columns: line.chars().count(),
            glyphs,
            starts,
        }
    }

    pub fn rows(&self) -> usize {
        self.starts.len()
    }

    /// The glyphs of `row`.
    pub fn row(&self, row: usize) -> &[Glyph] {
        &self.glyphs[self.row_range(row)]
    }

    fn row_range(&self, row: usize) -> Range<usize> {
        let start = self.starts[row.min(self.starts.len() - 1)];
        let end = self
            .starts
            .get(row + 1)
            .copied()
            .unwrap_or(self.glyphs.len());
        start..end
    }

    /// The row and the cell within it (from its left edge) of character `column`. The
    /// end of the line is after its last glyph.
    pub fn position(&self, column: usize) -> (usize, usize) {
        let glyph = self
            .glyphs
            .partition_point(|glyph| glyph.column <= column.min(self.columns))
            .saturating_sub(1);
        let at_end = column >= self.columns;
        let row = if self.glyphs.is_empty() {
            0
        } else if at_end {
            self.starts.len() - 1
        } else {
            self.starts.partition_point(|&start| start <= glyph) - 1
        };
        let range = self.row_range(row);
        let upto = if at_end {
            range.end
        } else {
            glyph.max(range.start)
        };
        let x = self.glyphs[range.start..upto]
            .iter()
            .map(|g| usize::from(g.width))
            .sum();
        (row, x)
    }

    /// The character under cell `x` of `row`: the glyph there, or past the row's text
    /// the end of the line (on its last row) or the row's last glyph.
    pub fn column_at(&self, row: usize, x: usize) -> usize {
        let row = row.min(self.starts.len() - 1);
        let glyphs = &self.glyphs[self.row_range(row)];
        let mut left = 0;
        for glyph in glyphs {
            let right = left + usize::from(glyph.width);
            if x < right {
                return glyph.column;
            }
            left = right;
        }
        match glyphs.last() {
            Some(last) if row + 1 < self.starts.len() => last.column,
            _ => self.columns,
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
            .map(|row| {
                let glyphs = layout.row(row);
                match (glyphs.first(), glyphs.last()) {
                    (Some(first), Some(last)) => line[first.bytes.0..last.bytes.1].to_string(),
                    _ => String::new(),
                }
            })
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
