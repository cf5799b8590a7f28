//! The follow-up pane: every task line from every note, with where it came from.

use std::rc::Rc;

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::fit::{fit, fit_line, width};
use super::{ListPane, Theme, inner_height, row_room, visible_window};
use crate::app::{App, Pane};
use crate::model::{ClockFormat, NoteRef, Notebook};
use crate::text::clean_line;

/// Longest talk title shown as a follow-up's source before it is shortened.
pub(super) const SOURCE_TITLE_WIDTH: usize = 28;

/// `Ruff: An Extremely Fast Pyt… (12:30)` or `Day notes (Sat 18 May)`: the talk's
/// title cut to `title_width` cells.
pub(super) fn short_source(
    notebook: &Notebook,
    note: &NoteRef,
    clock: ClockFormat,
    title_width: usize,
) -> String {
    match note {
        NoteRef::Talk(id) => match notebook.talk(id) {
            Some(talk) => {
                let title = fit(&clean_line(&talk.title), title_width.max(8));
                format!("{title} ({})", clock.time(talk.start))
            }
            None => crate::model::labels::source_label(notebook, note, clock),
        },
        NoteRef::Day(_) => crate::model::labels::source_label(notebook, note, clock),
    }
}

/// The index (in the visible list) of the follow-up drawn at `row` of a pane `height`
/// rows high.
pub(super) fn item_at(app: &App, height: u16, row: u16) -> Option<usize> {
    let visible = app.visible_follow_ups().count();
    let window = visible_window(visible, app.follow_up_cursor, height as usize);
    window.clone().nth(row as usize)
}

/// What the pane shows in `area`: its title and the follow-ups that fit.
pub(super) fn list_pane(area: Rect, app: &App, theme: &Theme) -> ListPane {
    let focused = app.focus == Pane::FollowUps;
    let done = app.follow_ups.iter().filter(|f| f.done).count();
    let open = app.follow_ups.len() - done;
    let hidden = if app.show_done || done == 0 {
        ""
    } else {
        ", done hidden"
    };
    let title = format!(" Follow-ups · {open} open · {done} done{hidden} ");
    let visible: Vec<_> = app.visible_follow_ups().collect();
    let window = visible_window(visible.len(), app.follow_up_cursor, inner_height(area));
    let room = row_room(area);
    let rows: Vec<Rc<Line<'static>>> = visible[window.clone()]
        .iter()
        .map(|item| {
            let (mark, style) = if item.done {
                ("[x]", theme.dim().add_modifier(Modifier::CROSSED_OUT))
            } else {
                ("[ ]", ratatui::style::Style::default())
            };
            // The source's title takes at most a quarter of the row: the follow-up's
            // own text matters more.
            let title_width = (room / 4).min(SOURCE_TITLE_WIDTH);
            let source = format!(
                " {} {}",
                theme.dash(),
                short_source(&app.notebook, &item.note, app.clock_format, title_width)
            );
            // The text gives way first: where an item came from stays in sight.
            let text = format!("{mark} {}", clean_line(&item.text));
            let text_room = room.saturating_sub(width(&source)).max(room.min(16));
            Rc::new(fit_line(
                Line::from(vec![
                    Span::styled(fit(&text, text_room), style),
                    Span::styled(source, theme.dim()),
                ]),
                room,
            ))
        })
        .collect();
    if rows.is_empty() {
        let hint = "Lines like \"- [ ] look this up\" or \"TODO ...\" in any note show up here (Ctrl-T in the editor).";
        return ListPane {
            title,
            focused,
            rows: vec![Rc::new(fit_line(Line::styled(hint, theme.dim()), room))],
            start: 0,
            selected: None,
        };
    }
    ListPane {
        title,
        focused,
        rows,
        start: window.start,
        selected: Some(app.follow_up_cursor - window.start),
    }
}
