//! The editor pane: the selected talk's (or day's) notes in a text area.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget as _;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, pane_block};
use crate::app::{Action, App, Pane, Selected};
use crate::export::talk_heading;
use crate::keymap::Context;
use crate::text::clean_text;

pub fn draw(buffer: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Editor;
    let title = match (&app.selected, app.selected_talk()) {
        (Selected::Talk(_), Some(talk)) => talk_heading(talk, app.clock_format),
        _ => format!("Day notes · {}", app.current_day().heading()),
    };
    let mut block = pane_block(Line::from(format!(" {title} ")), focused, theme);
    if focused {
        let key = |action| {
            app.keymap
                .key_for(Context::Editor, action)
                .unwrap_or_default()
        };
        let hint = format!(
            " {}: schedule · {}: follow-up ",
            key(Action::LeaveEditor),
            key(Action::ToggleTask)
        );
        block = block.title_bottom(Line::from(hint).right_aligned());
    }
    let inner = block.inner(area);
    block.render(area, buffer);
    // While a talk has no notes, its abstract helps decide whether to go.
    let about = app
        .selected_talk()
        .map(|talk| talk.abstract_text.trim())
        .filter(|text| !text.is_empty() && app.editor.is_empty());
    match about {
        Some(text) => {
            let [first, rest] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
            (&app.editor.textarea).render(first, buffer);
            // No more than fits: a notebook may carry a huge abstract (from an older
            // talkbook or another tool), and wrapping all of it per frame took seconds.
            let fits = usize::from(rest.width) * usize::from(rest.height);
            let shown = text
                .char_indices()
                .nth(fits)
                .map_or(text, |(at, _)| &text[..at]);
            let about = Paragraph::new(clean_text(shown).into_owned())
                .style(theme.dim())
                .wrap(Wrap { trim: false });
            about.render(rest, buffer);
        }
        None => (&app.editor.textarea).render(inner, buffer),
    }
}
