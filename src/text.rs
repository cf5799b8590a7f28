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

/// One line for display: every unsafe character (including newline and tab) is removed,
/// except tab, which becomes a space.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Multi-line text: like [`clean_line`] but newlines and tabs are kept.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\t';
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| keep(c) || !is_unsafe(c)).collect())
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
        let cut = &slug[..=SLUG_LENGTH];
        slug = match cut.rfind('-') {
            Some(word_end) if word_end > 0 => &cut[..word_end],
            _ => &slug[..SLUG_LENGTH],
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
    fn escape_sequences_lose_their_escape_character() {
        assert_eq!(clean_line("a\x1b[2Jb"), "a[2Jb");
        assert_eq!(clean_line("\x1b]0;pwned\x07title"), "]0;pwnedtitle");
        assert_eq!(clean_line("nul\0here\u{9b}31m"), "nulhere31m");
        assert_eq!(clean_line("\u{202E}evil\u{2066}"), "evil");
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
    fn clean_text_is_borrowed_when_nothing_changes() {
        assert!(matches!(clean_line("Ruff — fast ✓"), Cow::Borrowed(_)));
        assert!(matches!(clean_text("two\nlines"), Cow::Borrowed(_)));
    }
}
