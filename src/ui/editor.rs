//! The editor pane: the selected talk's (or day's) notes in a text area.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Theme, pane_block};
use crate::app::{App, Pane, Selected};
use crate::export::talk_heading;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Editor;
    let title = match (&app.selected, app.selected_talk()) {
        (Selected::Talk(_), Some(talk)) => talk_heading(talk),
        _ => format!("Day notes · {}", app.current_day().heading()),
    };
    let mut block = pane_block(Line::from(format!(" {title} ")), focused, theme);
    if focused {
        block =
            block.title_bottom(Line::from(" Esc: schedule · Ctrl-T: follow-up ").right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(&app.editor.textarea, inner);
}
