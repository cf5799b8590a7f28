//! Cleaning text that came from outside (files, schedules) before it reaches the screen.
//!
//! A terminal interprets control characters: ESC starts escape sequences that move the
//! cursor, change the title or clear the screen; BEL rings; bidi overrides reorder what the
//! user sees. None of that may come from a notebook or schedule, so every string is drawn
//! through [`clean_line`] or [`clean_text`].

use std::borrow::Cow;

/// Characters that must never be drawn: C0 and C1 controls, DEL, and the Unicode bidi
/// overrides/isolates that can disguise text.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line for display: escape sequences are removed whole (not just their escape
/// character, which would leave `]0;pwned` on screen), then every unsafe character
/// (newlines too); a tab becomes a space.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// Multi-line text: like [`clean_line`] but newlines and tabs are kept.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// String terminator, as one C1 character (also written ESC \\).
const ST: char = '\u{9c}';

/// Where the cleaner is in an escape sequence.
#[derive(Clone, Copy, PartialEq)]
enum Sequence {
    None,
    /// After ESC.
    Escape,
    /// ESC followed by intermediate bytes (`ESC ( B`): up to the final byte.
    EscapeIntermediate,
    /// After CSI (`ESC [` or U+009B): parameters and intermediates up to the final byte.
    Control,
    /// An OSC, DCS, SOS, PM or APC string: up to BEL or ST (a line end also ends it, so a
    /// broken sequence cannot swallow the rest of a note).
    Text,
    /// ESC inside a string: `ESC \\` ends it.
    TextEscape,
}

fn clean(text: &str, multi_line: bool) -> Cow<'_, str> {
    let keep = |c: char| multi_line && (c == '\n' || c == '\t');
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut state = Sequence::None;
    for c in text.chars() {
        state = match (state, c) {
            (_, '\n') if multi_line => {
                out.push('\n');
                Sequence::None
            }
            (Sequence::None, ESC) => Sequence::Escape,
            (Sequence::None, '\u{9b}') => Sequence::Control,
            (Sequence::None, '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}') => {
                Sequence::Text
            }
            (Sequence::None, c) => {
                match c {
                    '\t' if multi_line => out.push('\t'),
                    '\t' => out.push(' '),
                    c if is_unsafe(c) => {}
                    c => out.push(c),
                }
                Sequence::None
            }
            (Sequence::Escape, '[') => Sequence::Control,
            (Sequence::Escape, ']' | 'P' | 'X' | '^' | '_') => Sequence::Text,
            (Sequence::Escape | Sequence::EscapeIntermediate, ' '..='/') => {
                Sequence::EscapeIntermediate
            }
            // The final character of a short escape (ESC c, ESC 7, ESC ( B).
            (Sequence::Escape | Sequence::EscapeIntermediate, '0'..='~') => Sequence::None,
            (Sequence::Control, '0'..='?' | ' '..='/') => Sequence::Control,
            (Sequence::Control, '@'..='~') => Sequence::None,
            (Sequence::Text, BEL | ST) => Sequence::None,
            (Sequence::Text, ESC) => Sequence::TextEscape,
            (Sequence::Text, _) => Sequence::Text,
            (Sequence::TextEscape, '\\') => Sequence::None,
            (Sequence::TextEscape, _) => Sequence::Text,
            // Anything else breaks off the sequence; the character itself is text again.
            (_, c) => {
                if !is_unsafe(c) {
                    out.push(c);
                }
                if c == ESC {
                    Sequence::Escape
                } else {
                    Sequence::None
                }
            }
        };
    }
    Cow::Owned(out)
}

/// The most characters of a one-line message (an error quoting a 10 MB line of input
/// stays readable).
const MESSAGE_LENGTH: usize = 600;

/// An error or status message for the terminal: cleaned like the screen, on one line,
/// and cut (with `…`) when it quotes too much of its input.
pub fn message_line(text: &str) -> String {
    let line = clean_line(text);
    if line.chars().count() <= MESSAGE_LENGTH {
        return line.into_owned();
    }
    let mut cut: String = line.chars().take(MESSAGE_LENGTH).collect();
    cut.push_str("… (cut)");
    cut
}

/// The largest character boundary of `text` at or before byte `at` (the text's length
/// when `at` is past its end): where a byte limit may cut it.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    // A character is at most four bytes, so a boundary is at most three back.
    (at.saturating_sub(3)..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `text` cut to at most `limit` bytes, on a character boundary.
pub fn cut_to_bytes(text: &str, limit: usize) -> &str {
    text.get(..floor_char_boundary(text, limit))
        .unwrap_or_default()
}

/// Whether `needle_lower` (already lowercase) occurs in `text`, compared in lowercase.
pub fn contains_ignoring_case(text: &str, needle_lower: &str) -> bool {
    if text.is_ascii() && needle_lower.is_ascii() {
        // The common case, without allocating a lowered copy.
        find_ignoring_case(text, needle_lower).is_some()
    } else {
        text.to_lowercase().contains(needle_lower)
    }
}

/// Where `needle_lower` (already lowercase) first occurs in `text`, compared in
/// lowercase, as a byte range of `text` itself. Lowercasing can change a character's
/// length (the Kelvin sign `K` is three bytes, its `k` one; `İ` grows), so offsets found
/// in a lowered copy are never used on the original.
pub fn find_ignoring_case(text: &str, needle_lower: &str) -> Option<std::ops::Range<usize>> {
    if needle_lower.is_empty() {
        return Some(0..0);
    }
    if text.is_ascii() && needle_lower.is_ascii() {
        return text
            .as_bytes()
            .windows(needle_lower.len())
            .position(|window| window.eq_ignore_ascii_case(needle_lower.as_bytes()))
            .map(|at| at..at + needle_lower.len());
    }
    // The lowered text, with the byte in `text` where each lowered byte came from.
    let mut lowered = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            let before = lowered.len();
            lowered.push(lower);
            origin.extend(std::iter::repeat_n(at, lowered.len() - before));
        }
    }
    let found = lowered.find(needle_lower)?;
    let start = origin[found];
    let last = origin[found + needle_lower.len() - 1];
    let end = last
        + text
            .get(last..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
    Some(start..end)
}

/// `text` up to `chars` characters, with `…` when there was more: short enough for a
/// message that quotes it.
pub fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", cut_to_bytes(text, at)),
        None => text.to_string(),
    }
}

/// 1-based line and column of a byte offset in `text` (columns count characters).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The most characters of a slug.
const SLUG_LENGTH: usize = 60;

/// `Ruff: An Extremely Fast Python Linter` -> `ruff-an-extremely-fast-python-linter`: ASCII
/// letters and digits joined by `-`, at most 60 characters, cut between words (a single
/// longer word is cut where it must be); `fallback` when nothing is left.
pub fn slug_or(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-');
    if slug.len() > SLUG_LENGTH {
        // ASCII only, so byte offsets are character offsets.
        let cut = cut_to_bytes(slug, SLUG_LENGTH + 1);
        slug = match cut.rfind('-') {
            Some(word_end) if word_end > 0 => cut_to_bytes(cut, word_end),
            _ => cut_to_bytes(slug, SLUG_LENGTH),
        };
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_cut_between_words() {
        let title = "Mock It Till You Make It: how to verify your external mocks without ever leaving unittest";
        let slug = slug_or(title, "talk");
        assert_eq!(
            slug,
            "mock-it-till-you-make-it-how-to-verify-your-external-mocks"
        );
        assert!(slug.len() <= 60);
        assert_eq!(slug_or(&"x".repeat(80), "talk").len(), 60);
        assert_eq!(slug_or("Short one", "talk"), "short-one");
        assert_eq!(slug_or("!!!", "talk"), "talk");
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(clean_line("a\x1b[2Jb"), "ab");
        assert_eq!(clean_line("Title \x1b]0;pwned\x07 set"), "Title  set");
        assert_eq!(clean_line("Hall \x1b[31mA"), "Hall A");
        assert_eq!(
            clean_line("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"),
            "xlinky"
        );
        assert_eq!(clean_line("a\x1bPqpayload\x1b\\b"), "ab");
        assert_eq!(clean_line("a\x1b_apc\u{9c}b\x1b^pm\x07c"), "abc");
        assert_eq!(clean_line("reset\x1bc here\x1b(B ok\x1b7"), "reset here ok");
        assert_eq!(clean_line("c1\u{9b}31mred"), "c1red");
        assert_eq!(clean_line("nul\0here"), "nulhere");
        assert_eq!(clean_line("\u{202E}evil\u{2066}"), "evil");
        assert_eq!(clean_line("ends with escape\x1b"), "ends with escape");
        // A CSI broken off by a character it cannot hold: that character stays.
        assert_eq!(clean_line("a\x1b[1;ékept"), "aékept");
    }

    #[test]
    fn messages_are_clean_single_lines_of_sane_length() {
        assert_eq!(message_line("bad \x1b]0;x\x07file\nname"), "bad filename");
        let long = message_line(&format!("value {:?} is wrong", "x".repeat(10_000)));
        assert!(long.chars().count() < 700 && long.ends_with("… (cut)"));
    }

    #[test]
    fn a_broken_string_sequence_never_swallows_the_next_lines() {
        assert_eq!(
            clean_text("one \x1b]0;unterminated\ntwo\nthree"),
            "one \ntwo\nthree"
        );
        assert_eq!(clean_line("one \x1b]0;unterminated"), "one ");
    }

    #[test]
    fn lines_drop_newlines_and_texts_keep_them() {
        assert_eq!(clean_line("a\nb\tc\r"), "ab c");
        assert_eq!(clean_text("a\nb\tc\r\x1b"), "a\nb\tc");
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_dashes() {
        assert_eq!(
            slug_or("31. Chaos Communication Congress", "x"),
            "31-chaos-communication-congress"
        );
        assert_eq!(slug_or("Ruff: fast!", "x"), "ruff-fast");
        assert_eq!(slug_or("✓ — ✗", "talk"), "talk");
        assert_eq!(slug_or(&"ab ".repeat(40), "x").len(), 59);
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        assert_eq!(line_column("ab\ncdé\nf", 0), (1, 1));
        assert_eq!(line_column("ab\ncdé\nf", 3), (2, 1));
        assert_eq!(line_column("ab\ncdé\nf", 7), (2, 4));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    #[test]
    fn byte_limits_cut_on_character_boundaries() {
        for wide in ["é", "’", "中", "😀", "e\u{301}"] {
            let text = format!("ab{}", wide.repeat(5));
            for limit in 0..=text.len() + 2 {
                let cut = cut_to_bytes(&text, limit);
                assert!(
                    cut.len() <= limit && text.starts_with(cut),
                    "{wide} {limit}"
                );
                assert!(limit.min(text.len()) - cut.len() < 4);
            }
        }
    }

    #[test]
    fn case_blind_search_gives_ranges_of_the_original_text() {
        // Lowercase changes these lengths: K (3 bytes) -> k (1), İ (2) -> i̇ (3), Ⱥ (3) -> ⱥ (2).
        for (text, needle, found) in [
            ("K K kelvin", "kelvin", "kelvin"),
            ("KELVIN", "kelvin", "KELVIN"),
            ("İstanbul İzmir", "izmir", ""),
            ("İstanbul İzmir", "i\u{307}zmir", "İzmir"),
            ("ȺȺ straße ẞ", "straße", "straße"),
            ("ẞ", "ß", "ẞ"),
            ("plain Text", "text", "Text"),
        ] {
            let range = find_ignoring_case(text, needle);
            let got = range.and_then(|range| text.get(range)).unwrap_or_default();
            assert_eq!(got, found, "{text:?} {needle:?}");
        }
        assert_eq!(find_ignoring_case("abc", "x"), None);
    }

    #[test]
    fn clean_text_is_borrowed_when_nothing_changes() {
        assert!(matches!(clean_line("Ruff — fast ✓"), Cow::Borrowed(_)));
        assert!(matches!(clean_text("two\nlines"), Cow::Borrowed(_)));
    }
}
