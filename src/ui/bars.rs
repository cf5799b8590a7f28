//! The header (notebook, day, clock) and the status line (save state, message, keys).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget as _;

use super::Theme;
use crate::app::{App, Pane, SaveState};
use crate::keymap::Context;
use crate::text::clean_line;

pub fn draw_header(buffer: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let day = app.current_day();
    let left = format!(
        " {} · {}",
        clean_line(&app.notebook.title),
        day.date.format("%a %-d %b")
    );
    // What is on now and next, and the clock, keep their room; the title gives way.
    let now_next = now_and_next(app);
    let clock = format!(" {} ", app.clock_format.time(app.clock));
    let width = |text: &str| text.chars().count() as u16;
    let [left_area, now_next_area, clock_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(width(&now_next)),
        Constraint::Length(width(&clock)),
    ])
    .areas(area);
    Paragraph::new(left)
        .style(theme.bar())
        .render(left_area, buffer);
    Paragraph::new(now_next)
        .style(theme.bar())
        .render(now_next_area, buffer);
    Paragraph::new(clock)
        .style(theme.bar())
        .render(clock_area, buffer);
}

/// ` │ now: Ruff: An Extremely… +2 │ next 14:00 in 35 min`
fn now_and_next(app: &App) -> String {
    const TITLE_WIDTH: usize = 28;
    let title = |id: &str| {
        let title = app
            .notebook
            .talk(id)
            .map(|t| clean_line(&t.title).into_owned())
            .unwrap_or_default();
        if title.chars().count() > TITLE_WIDTH {
            format!("{}…", title.chars().take(TITLE_WIDTH).collect::<String>())
        } else {
            title
        }
    };
    let mut text = String::new();
    let running = &app.now_next.running;
    if let Some(first) = running.first() {
        text.push_str(&format!(" │ now: {}", title(first)));
        if running.len() > 1 {
            text.push_str(&format!(" +{}", running.len() - 1));
        }
    }
    if let Some((_, start, minutes)) = &app.now_next.next {
        let when = if start.date() == app.clock.date() {
            app.clock_format.time(*start)
        } else {
            format!("{} {}", start.format("%a"), app.clock_format.time(*start))
        };
        let wait = match minutes {
            m if *m < 60 => format!("in {m} min"),
            m if *m < 24 * 60 => format!("in {}h{:02}", m / 60, m % 60),
            _ => String::new(),
        };
        text.push_str(format!(" │ next {when} {wait}").trim_end());
    }
    text
}

pub fn draw_status(buffer: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let mut spans = match (&app.read_only, &app.save_state) {
        (Some(reason), _) => vec![Span::styled(
            format!(" READ-ONLY: {} ", clean_line(reason)),
            theme.error(),
        )],
        (None, SaveState::Saved) => vec![Span::raw(if theme.unicode {
            " ✓ saved "
        } else {
            " saved "
        })],
        (None, SaveState::Unsaved) => vec![Span::raw(if theme.unicode {
            " ● unsaved "
        } else {
            " unsaved "
        })],
        (None, SaveState::Failed(reason)) => vec![Span::styled(
            format!(" NOT SAVED: {} ", clean_line(reason)),
            theme.error(),
        )],
    };
    spans.push(Span::raw("│ "));
    if let Some(message) = app.message.as_ref().or(app.notice.as_ref()) {
        spans.push(Span::styled(
            clean_line(message).into_owned(),
            Style::default(),
        ));
    } else {
        let contexts: &[Context] = match app.focus {
            Pane::Schedule => &[Context::Browsing, Context::Schedule],
            Pane::Editor => &[Context::Editor, Context::Global],
            Pane::FollowUps => &[Context::Browsing, Context::FollowUps],
        };
        for (key, hint) in app.keymap.hints(contexts) {
            spans.push(Span::styled(key, theme.slot_heading()));
            spans.push(Span::raw(format!(" {hint}  ")));
        }
    }
    Paragraph::new(Line::from(spans)).render(area, buffer);
}
