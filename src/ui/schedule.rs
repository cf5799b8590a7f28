//! The schedule pane: the day's notes, then each time slot with its talks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{Theme, pane_block};
use crate::app::{App, Pane};
use crate::text::clean_line;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Schedule;
    let day = app.current_day();
    let title = format!(
        " Schedule · {} ({}/{}) ",
        day.date.format("%a %-d %b"),
        app.day + 1,
        app.notebook.days.len()
    );
    let block = pane_block(Line::from(title), focused, theme);

    let mut items = Vec::with_capacity(day.talks.len() * 2 + 1);
    let mut selected_row = 0;
    let notes_mark = if day.notes.trim().is_empty() {
        " "
    } else {
        theme.has_notes_mark()
    };
    items.push(ListItem::new(Line::from(format!(
        "  {notes_mark} Day notes"
    ))));
    let selected_position = app.selected_position();
    for slot in day.time_slots() {
        let first = &day.talks[slot.talks[0]];
        items.push(ListItem::new(Line::styled(
            first.time_range(),
            theme.slot_heading(),
        )));
        for index in slot.talks {
            let talk = &day.talks[index];
            if selected_position == index + 1 {
                selected_row = items.len();
            }
            let notes_mark = if talk.notes.trim().is_empty() {
                " "
            } else {
                theme.has_notes_mark()
            };
            let mut title_style = theme.state_style(talk.state);
            if talk.removed {
                title_style = title_style.patch(theme.removed());
            }
            let mut spans = vec![
                Span::styled(
                    format!(" {}", theme.mark(talk.state)),
                    theme.state_style(talk.state),
                ),
                Span::raw(format!("{notes_mark} ")),
            ];
            // Before the title, so a long title cannot push it out of sight.
            if talk.removed {
                spans.push(Span::styled("(removed) ", theme.dim()));
            }
            spans.push(Span::styled(
                clean_line(&talk.title).into_owned(),
                title_style,
            ));
            if !talk.speakers.is_empty() {
                spans.push(Span::styled(
                    format!(" {} {}", theme.dash(), clean_line(&talk.speakers_joined())),
                    theme.dim(),
                ));
            }
            if !talk.room.is_empty() {
                spans.push(Span::styled(
                    format!(" · {}", clean_line(&talk.room)),
                    theme.dim(),
                ));
            }
            items.push(ListItem::new(Line::from(spans)));
        }
    }
    if day.talks.is_empty() {
        items.push(ListItem::new(Line::styled(
            "    No talks yet: press o to add one.",
            theme.dim(),
        )));
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selection(focused))
        .highlight_symbol(if theme.unicode { "▸" } else { ">" })
        .style(Style::default().remove_modifier(Modifier::empty()));
    let mut state = ListState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(list, area, &mut state);
}
