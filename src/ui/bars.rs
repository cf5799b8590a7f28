//! The header (notebook, day, clock) and the status line (save state, message, keys).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::{App, Pane, SaveState};
use crate::keymap::{self, Context};
use crate::text::clean_line;

pub fn draw_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let day = app.current_day();
    let left = format!(
        " talkbook · {} · {}",
        clean_line(&app.notebook.title),
        day.date.format("%a %-d %b %Y")
    );
    let clock = format!(" {} ", app.clock.format("%H:%M"));
    let [left_area, clock_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(clock.len() as u16)])
            .areas(area);
    frame.render_widget(Paragraph::new(left).style(theme.bar()), left_area);
    frame.render_widget(Paragraph::new(clock).style(theme.bar()), clock_area);
}

pub fn draw_status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
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
    if let Some(message) = &app.message {
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
        for (key, hint) in keymap::hints(contexts) {
            spans.push(Span::styled(key, theme.slot_heading()));
            spans.push(Span::raw(format!(" {hint}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
