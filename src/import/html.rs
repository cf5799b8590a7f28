//! Abstracts often arrive as HTML: turn them into plain readable text. Markdown is
//! readable as it is and passes through.

/// Replaces line-breaking tags with newlines, drops other tags and decodes entities.
/// Text without tags is returned unchanged (apart from entity decoding).
pub fn to_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after[1..close].to_ascii_lowercase();
        let name: String = tag
            .strip_prefix('/')
            .unwrap_or(&tag)
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        // A tag name follows '<' (or '</') directly and starts with a letter.
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // Not a tag ("a < b"): keep the character.
            out.push('<');
            rest = &after[1..];
            continue;
        }
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "tr"
                if tag.starts_with('/') =>
            {
                out.push_str("\n\n")
            }
            "li" if !tag.starts_with('/') => out.push_str("\n- "),
            _ => {}
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    collapse_blank_lines(&decoded)
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &after[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
    fn plain_and_markdown_text_pass_through() {
        let markdown = "# Title\n\n* a < b and c > d\n* R&D\n\n\n\nend";
        assert_eq!(
            to_text(markdown),
            "# Title\n\n* a < b and c > d\n* R&D\n\nend"
        );
    }
}
