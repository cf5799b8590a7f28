//! The schedule pane: the day's notes, then each time slot with its talks.

use std::rc::Rc;

use chrono::Timelike as _;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::fit::fit_line;
use super::{ListPane, Theme, inner_height, row_room, window_from};
use crate::app::{App, Filter, Pane, Selected};
use crate::model::{ClockFormat, Day, Talk};
use crate::text::clean_line;

/// One line of the pane, before it is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    DayNotes,
    /// A time slot heading, named by its first talk.
    Slot(usize),
    Talk(usize),
    NoTalks,
}

/// The rows built so far, and what they were built from: moving the selection or the
/// window builds only rows not built before (formatting every visible talk was a sixth
/// of a `j`). The last few days shown are kept, so going back to a day (`l`, then `h`)
/// finds its rows built; a change to the notebook lets them all go.
#[derive(Default)]
pub(super) struct RowCache {
    /// The days shown lately, the latest first.
    days: Vec<DayRows>,
}

/// Days whose rows are kept.
const DAYS_KEPT: usize = 4;

struct DayRows {
    /// All rows of the day, and the row of each talk, for what they were laid out from.
    laid_out: (LayoutKey, Layout),
    /// Each row of the day's layout, once built.
    built: Option<(RowsKey, Vec<Option<Rc<Line<'static>>>>)>,
}

#[derive(Debug, Clone, PartialEq)]
struct LayoutKey {
    revision: u64,
    day: usize,
    filter: Filter,
    /// Watch later shows planned talks once they are over: the minute matters.
    minute: Option<chrono::NaiveDateTime>,
}

/// All rows of a day, and where each of its talks is among them.
#[derive(Debug, Clone, Default)]
struct Layout {
    rows: Vec<Row>,
    row_of_talk: Vec<Option<usize>>,
}

/// Everything the built rows depend on.
#[derive(Debug, Clone, PartialEq)]
struct RowsKey {
    /// What the rows were laid out from: built rows belong to that layout.
    layout: LayoutKey,
    clock: ClockFormat,
    theme: Theme,
    room: usize,
}

/// What the pane shows in `area`: its title and the rows that fit, from the row
/// `previous` started at in the last frame where that is still right
/// ([`super::window_from`]); and the first row shown now.
pub(super) fn list_pane(
    area: Rect,
    app: &App,
    theme: &Theme,
    previous: Option<usize>,
    cache: &mut RowCache,
) -> (ListPane, usize) {
    let focused = app.focus == Pane::Schedule;
    let day = app.current_day();
    let filtered = match app.filter {
        Filter::All => "",
        Filter::PlannedAndAttended => " · planned",
        Filter::HideSkipped => " · no skipped",
        Filter::WatchLater => " · watch later",
    };
    let title = format!(
        " Schedule · {} ({}/{}){filtered} ",
        day.date.format("%a %-d %b"),
        app.day + 1,
        app.notebook.days.len()
    );
    let key = LayoutKey {
        revision: app.revision(),
        day: app.day,
        filter: app.filter,
        minute: (app.filter == Filter::WatchLater)
            .then(|| app.clock.with_second(0))
            .flatten(),
    };
    cache
        .days
        .retain(|kept| kept.laid_out.0.revision == key.revision);
    let kept = match cache.days.iter().position(|kept| kept.laid_out.0 == key) {
        Some(at) => cache.days.remove(at),
        None => DayRows {
            laid_out: (key.clone(), layout(app)),
            built: None,
        },
    };
    cache.days.insert(0, kept);
    cache.days.truncate(DAYS_KEPT);
    let DayRows {
        laid_out: (_, laid_out),
        built,
    } = &mut cache.days[0];
    let rows = &laid_out.rows;
    let selected_row = selected_row(app, laid_out);
    let window = window_from(rows.len(), selected_row, inner_height(area), previous);
    let room = row_room(area);
    let key = RowsKey {
        layout: key,
        clock: app.clock_format,
        theme: theme.clone(),
        room,
    };
    if built.as_ref().is_none_or(|(built, _)| *built != key) {
        *built = Some((key, vec![None; rows.len()]));
    }
    let Some((_, built)) = built else {
        unreachable!("made above");
    };
    let shown = rows[window.clone()]
        .iter()
        .zip(&mut built[window.clone()])
        .map(|(row, line)| {
            Rc::clone(line.get_or_insert_with(|| {
                Rc::new(fit_line(
                    row_line(row, day, app.clock_format, app.filter, theme),
                    room,
                ))
            }))
        })
        .collect();
    let pane = ListPane {
        title,
        focused,
        rows: shown,
        start: window.start,
        selected: Some(selected_row - window.start),
    };
    (pane, window.start)
}

/// All rows of the pane; only the rows that fit are built and drawn (a big conference
/// day has hundreds of talks).
fn layout(app: &App) -> Layout {
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
    let mut row_of_talk = vec![None; day.talks.len()];
    for (at, row) in rows.iter().enumerate() {
        if let Row::Talk(index) = row {
            row_of_talk[*index] = Some(at);
        }
    }
    Layout { rows, row_of_talk }
}

/// The row of the selected talk (found by its place, not by comparing ids); the day
/// notes' row when the day notes are selected.
fn selected_row(app: &App, layout: &Layout) -> usize {
    app.selected_place()
        .filter(|(day, _)| *day == app.day)
        .and_then(|(_, index)| layout.row_of_talk.get(index).copied().flatten())
        .unwrap_or(0)
}

/// What is drawn at `row` (0 = the first row inside the border) of a pane `height` rows
/// high whose window was at `previous`: a slot heading stands for its first talk.
pub(super) fn entry_at(
    app: &App,
    height: u16,
    row: u16,
    previous: Option<usize>,
) -> Option<Selected> {
    let layout = layout(app);
    let rows = &layout.rows;
    let selected_row = selected_row(app, &layout);
    let window = window_from(rows.len(), selected_row, height as usize, previous);
    let day = app.current_day();
    match rows[window].get(row as usize)? {
        Row::DayNotes => Some(Selected::DayNotes),
        Row::Slot(index) | Row::Talk(index) => Some(Selected::Talk(day.talks[*index].id.clone())),
        Row::NoTalks => None,
    }
}

fn row_line(
    row: &Row,
    day: &Day,
    clock: ClockFormat,
    filter: Filter,
    theme: &Theme,
) -> Line<'static> {
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
        Row::Talk(index) => talk_line(&day.talks[*index], filter, theme),
        Row::NoTalks if day.talks.is_empty() => {
            Line::styled("    No talks yet: press o to add one.", theme.dim())
        }
        Row::NoTalks => Line::styled("    No talks match the filter: press f.", theme.dim()),
    }
}

fn talk_line(talk: &Talk, filter: Filter, theme: &Theme) -> Line<'static> {
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
    // Before the title, so a long title cannot push them out of sight.
    if talk.removed {
        spans.push(Span::styled("(removed) ", theme.dim()));
    }
    if !talk.rating.is_none() {
        spans.push(Span::styled(
            theme.rating(talk.rating),
            theme.state_style(crate::model::TalkState::Planned),
        ));
    }
    if filter == Filter::WatchLater && !talk.recording.trim().is_empty() {
        spans.push(Span::raw(theme.recording_mark()));
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
