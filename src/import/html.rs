//! Abstracts often arrive as HTML: turn them into plain readable text. Markdown is
//! readable as it is and passes through.

/// The longest tag looked for: a `<` with no `>` this soon after it is text.
const MAX_TAG_LENGTH: usize = 1024;

/// Replaces line-breaking tags with newlines, drops other tags and decodes entities.
/// Text without tags is returned unchanged (apart from entity decoding). Linear in the
/// input, whatever it holds (a megabyte of `<` or `&` included).
pub fn to_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some((before, after)) = rest.split_once('<') {
        out.push_str(before);
        // `after` is what follows the '<'. A tag is `<name …>` or `</name …>` with a
        // name that starts with a letter, closed by a '>' within MAX_TAG_LENGTH bytes
        // (looked for in bytes: '>' is ASCII, so no window can cut a character).
        let (closing, named) = match after.strip_prefix('/') {
            Some(named) => (true, named),
            None => (false, after),
        };
        let name_len = named.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let starts_with_letter = named.starts_with(|c: char| c.is_ascii_alphabetic());
        let close = after
            .bytes()
            .take(MAX_TAG_LENGTH - 1)
            .position(|b| b == b'>');
        let (true, Some(close)) = (starts_with_letter, close) else {
            // Not a tag ("a < b", or one that never closes): keep the character.
            out.push('<');
            rest = after;
            continue;
        };
        // ASCII name bytes and an ASCII '>': both cuts are on character boundaries.
        let name = named
            .get(..name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "tr" if closing => {
                out.push_str("\n\n")
            }
            "li" if !closing => out.push_str("\n- "),
            _ => {}
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    collapse_blank_lines(&decoded)
}

/// Every HTML entity (`&mdash;`, `&auml;`, `&#8212;`...), decoded the way browsers do
/// (htmlize follows the WHATWG algorithm); a non-breaking space becomes a plain one.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    htmlize::unescape(text).replace('\u{a0}', " ")
}

/// At most one blank line in a row, no trailing spaces on lines.
fn collapse_blank_lines(text: &str) -> String {
    let mut out = Vec::new();
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank && !out.is_empty() {
                out.push(line);
            }
            blank = true;
        } else {
            out.push(line);
            blank = false;
        }
    }
    out.join("\n").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_readable_text() {
        let html = "<p>Intro &amp; <b>bold</b></p><ul><li>one</li><li>two</li></ul>Line<br/>break &#8212; &#x2713;";
        assert_eq!(
            to_text(html),
            "Intro & bold\n\n- one\n- two\n\nLine\nbreak — ✓"
        );
    }

    #[test]
    fn every_named_entity_is_decoded() {
        assert_eq!(
            to_text("A &mdash; B &hellip; &auml;rger &rsquo;s &nbsp;x &amp; &lt;tag&gt;"),
            "A — B … ärger ’s  x & <tag>"
        );
    }

    #[test]
    fn hostile_sizes_stay_linear_and_keep_the_text() {
        // Quadratic before: a search to the end of the text for every '&' or '<'.
        let ampersands = "&".repeat(200_000);
        assert_eq!(to_text(&ampersands), ampersands);
        let angles = "<".repeat(200_000) + ">";
        assert_eq!(to_text(&angles).len(), angles.len());
        // Only the last of these, within reach of the '>', makes a tag.
        let open_tags = "<b".repeat(100_000) + ">";
        let kept = to_text(&open_tags).matches("<b").count();
        assert!((99_000..100_000).contains(&kept), "{kept}");
    }

    #[test]
    fn multi_byte_text_at_every_length_around_the_tag_window_is_kept() {
        // FOSDEM 2024: an abstract with '<' and a curly quote near byte 1024 after it.
        for wide in ["é", "’", "中", "😀", "e\u{301}", "\u{200b}", "K"] {
            for pad in 1010..1030 {
                let text = format!("a < b{}{}", "x".repeat(pad), wide.repeat(8));
                assert_eq!(to_text(&text), text, "{wide:?} after {pad}");
                let tag = format!("<b title='{}{}'>bold</b>", "x".repeat(pad), wide.repeat(4));
                let kept = to_text(&tag);
                assert!(kept == "bold" || kept.starts_with("<b title"), "{kept}");
            }
        }
    }

    #[test]
    fn plain_and_markdown_text_pass_through() {
        let markdown = "# Title\n\n* a < b and c > d\n* R&D\n\n\n\nend";
        assert_eq!(
            to_text(markdown),
            "# Title\n\n* a < b and c > d\n* R&D\n\nend"
        );
    }
}
