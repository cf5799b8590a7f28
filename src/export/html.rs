//! A trip report as one self-contained HTML page (`talkbook report --html`): the
//! markdown converted by pulldown-cmark, inside a page with its styles in it, no scripts
//! and nothing loaded from elsewhere. Notes are the person's own text, so nothing in
//! them may become active: raw HTML is shown as text, images become links, and links
//! other than `http`, `https`, `mailto` and `#` anchors become their text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;\
max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1b1b1b;background:#fff}\
h1{font-size:1.8rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;\
padding-bottom:.2rem}h4{margin-bottom:.3rem}blockquote{margin:.2rem 0 .6rem;padding-left:.8rem;\
border-left:3px solid #ccc;color:#555}code{background:#f3f3f3;padding:0 .2rem}\
a{color:#1a5fb4}li{margin:.15rem 0}";

/// `markdown` as a whole HTML page titled `title`.
pub fn to_html_page(title: &str, markdown: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut body,
        inert(Parser::new_ext(markdown, Options::ENABLE_TASKLISTS)),
    );
    let title_text = htmlize::escape_text(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title_text}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// Whether a link may stay a link in the page.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "#"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// The events with everything that could run or load something made plain.
fn inert<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // For each open link or image: whether it was kept as a link.
    let mut open: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = is_safe_url(&dest_url);
            open.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => open
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every tag of `page` is one that shows text, and every address is a link.
    pub(crate) fn assert_only_plain_tags(page: &str) {
        const PLAIN: &[&str] = &[
            "!doctype",
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
            "ul",
            "ol",
            "li",
            "a",
            "strong",
            "em",
            "blockquote",
            "code",
            "pre",
            "input",
            "hr",
            "br",
            "del",
        ];
        for tag in page.split('<').skip(1) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_lowercase();
            assert!(PLAIN.contains(&name.as_str()), "<{name}> in {page}");
            let inside = tag.split('>').next().unwrap_or_default().to_lowercase();
            assert!(!inside.contains("src="), "<{inside}>");
            assert!(!inside.contains(" on"), "an event handler: <{inside}>");
        }
    }

    #[test]
    fn a_report_becomes_one_page_with_its_style_inside() {
        let page = to_html_page(
            "Trip <report>",
            "# Trip\n\n- [ ] a task\n\n## People\n\n- **Alice**",
        );
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>Trip &lt;report&gt;</title>"));
        assert!(page.contains("<style>"));
        assert!(page.contains("<h1>Trip</h1>"));
        assert!(page.contains("<strong>Alice</strong>"));
        assert!(page.contains("type=\"checkbox\""), "tasks stay tasks");
        assert!(page.trim_end().ends_with("</html>"));
    }

    #[test]
    fn nothing_in_notes_can_run_or_load() {
        let notes = "<script>alert(1)</script>\n\n\
            text <img src=\"https://tracker.example/x.png\"> and <b>bold</b>\n\n\
            ![photo](https://example.org/photo.jpg)\n\n\
            [bad](javascript:alert(1)) [data](data:text/html,x) [ok](https://example.org/ok)\n\n\
            <iframe src=\"https://example.org\"></iframe>\n";
        let page = to_html_page("x", notes);
        assert_only_plain_tags(&page);
        let lower = page.to_lowercase();
        for active in ["javascript:", "data:text"] {
            assert!(!lower.contains(active), "{active} in {page}");
        }
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "shown as text"
        );
        assert!(page.contains("<a href=\"https://example.org/photo.jpg\">photo</a>"));
        assert!(page.contains("<a href=\"https://example.org/ok\">ok</a>"));
        assert!(page.contains("bad"), "the text of a refused link stays");
    }
}
