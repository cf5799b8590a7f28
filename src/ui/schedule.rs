//! The schedule pane: the day's notes, then each time slot with its talks.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::fit::fit_line;
use super::{ListPane, Theme, inner_height, row_room, visible_window};
use crate::app::{App, Filter, Pane, Selected};
use crate::model::{ClockFormat, Day, Talk};
use crate::text::clean_line;

/// One line of the pane, before it is drawn.
enum Row {
    DayNotes,
    /// A time slot heading, named by its first talk.
    Slot(usize),
    Talk(usize),
    NoTalks,
}

/// What the pane shows in `area`: its title and the rows that fit.
pub(super) fn list_pane(area: Rect, app: &App, theme: &Theme) -> ListPane {
    let focused = app.focus == Pane::Schedule;
    let day = app.current_day();
    let filtered = match app.filter {
        Filter::All => "",
        Filter::PlannedAndAttended => " · planned",
        Filter::HideSkipped => " · no skipped",
    };
    let title = format!(
        " Schedule · {} ({}/{}){filtered} ",
        day.date.format("%a %-d %b"),
        app.day + 1,
        app.notebook.days.len()
    );
    let (rows, selected_row) = rows(app);
    let window = visible_window(rows.len(), selected_row, inner_height(area));
    let room = row_room(area);
    let items = rows[window.clone()]
        .iter()
        .map(|row| ListItem::new(fit_line(row_line(row, day, app.clock_format, theme), room)))
        .collect();
    ListPane {
        title,
        focused,
        items,
        selected: Some(selected_row - window.start),
    }
}

/// All rows of the pane and the selected one. Laying them out is cheap; only the rows
/// that fit are built and drawn (a big conference day has hundreds of talks).
fn rows(app: &App) -> (Vec<Row>, usize) {
    let day = app.current_day();
    let mut shown = vec![false; day.talks.len()];
    for index in app.visible_talks() {
        shown[index] = true;
    }
    let mut rows = vec![Row::DayNotes];
    for slot in day.time_slots() {
        let talks: Vec<usize> = slot.talks.into_iter().filter(|&i| shown[i]).collect();
        if let Some(&first) = talks.first() {
            rows.push(Row::Slot(first));
            rows.extend(talks.into_iter().map(Row::Talk));
        }
    }
    if rows.len() == 1 {
        rows.push(Row::NoTalks);
    }
    let selected = app.selected_talk().map(|talk| talk.id.as_str());
    let selected_row = rows
        .iter()
        .position(|row| match row {
            Row::Talk(index) => Some(day.talks[*index].id.as_str()) == selected,
            _ => false,
        })
        .unwrap_or(0);
    (rows, selected_row)
}

/// What is drawn at `row` (0 = the first row inside the border) of a pane `height` rows
/// high: a slot heading stands for its first talk.
pub(super) fn entry_at(app: &App, height: u16, row: u16) -> Option<Selected> {
    let (rows, selected_row) = rows(app);
    let window = visible_window(rows.len(), selected_row, height as usize);
    let day = app.current_day();
    match rows[window].get(row as usize)? {
        Row::DayNotes => Some(Selected::DayNotes),
        Row::Slot(index) | Row::Talk(index) => Some(Selected::Talk(day.talks[*index].id.clone())),
        Row::NoTalks => None,
    }
}

fn row_line(row: &Row, day: &Day, clock: ClockFormat, theme: &Theme) -> Line<'static> {
    match row {
        Row::DayNotes => {
            let mark = if day.notes.trim().is_empty() {
                " "
            } else {
                theme.has_notes_mark()
            };
            Line::from(format!("  {mark} Day notes"))
        }
        Row::Slot(first) => {
            Line::styled(day.talks[*first].time_range_in(clock), theme.slot_heading())
        }
        Row::Talk(index) => talk_line(&day.talks[*index], theme),
        Row::NoTalks if day.talks.is_empty() => {
            Line::styled("    No talks yet: press o to add one.", theme.dim())
        }
        Row::NoTalks => Line::styled("    No talks match the filter: press f.", theme.dim()),
    }
}

fn talk_line(talk: &Talk, theme: &Theme) -> Line<'static> {
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
    Line::from(spans)
}
