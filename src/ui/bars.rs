//! The header (notebook, day, what runs now and next, the clock) and the status line
//! (save state, a message or the keys). Each is built first ([`Bars::of`]) and drawn only
//! when it differs from the frame before: while typing they rarely change.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use super::canvas::Canvas;
use super::fit::{ELLIPSIS, fit, fit_line, width};
use crate::app::{App, Pane, SaveState};
use crate::keymap::Context;
use crate::text::clean_line;

/// What the bars show; equal values draw equal cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub header: Header,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    title: String,
    now_next: String,
    clock: String,
    theme: Theme,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// The save state (or read-only banner), then a message, or the keys as
    /// (key, what it does) pairs.
    state: Span<'static>,
    message: Option<String>,
    hints: Vec<(String, String)>,
    key_style: Style,
}

/// What the bars are built from, cheap to compare: while it stays the same, so do they.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    minute: (u32, u32),
    day: usize,
    focus: Pane,
    revision: u64,
    save_state: SaveState,
    read_only: Option<String>,
    message: Option<String>,
    notice: Option<String>,
    reminder: Option<String>,
    theme: Theme,
}

impl Inputs {
    pub fn of(app: &App, theme: &Theme) -> Inputs {
        use chrono::Timelike as _;
        Inputs {
            minute: (app.clock.hour(), app.clock.minute()),
            day: app.day,
            focus: app.focus,
            revision: app.revision(),
            save_state: app.save_state.clone(),
            read_only: app.read_only.clone(),
            message: app.message.clone(),
            notice: app.notice.clone(),
            reminder: app.reminder.clone(),
            theme: theme.clone(),
        }
    }
}

impl Bars {
    pub fn of(app: &App, theme: &Theme) -> Bars {
        Bars {
            header: Header::of(app, theme),
            status: Status::of(app, theme),
        }
    }

    pub fn draw_header(&self, canvas: &mut Canvas, area: Rect, theme: &Theme) {
        let header = &self.header;
        // What is on now and next, and the clock, keep their room; the title gives way.
        let [title_area, now_next_area, clock_area] = Layout::horizontal([
            Constraint::Min(0),
            Constraint::Length(width(&header.now_next) as u16),
            Constraint::Length(width(&header.clock) as u16),
        ])
        .areas(area);
        let title = fit(&header.title, usize::from(title_area.width));
        let now_next = fit(&header.now_next, usize::from(now_next_area.width));
        for (text, area) in [
            (title.as_str(), title_area),
            (now_next.as_str(), now_next_area),
            (header.clock.as_str(), clock_area),
        ] {
            canvas.paragraph(Line::from(text), area, theme.bar());
        }
    }

    pub fn draw_status(&self, canvas: &mut Canvas, area: Rect) {
        let status = &self.status;
        let mut spans = vec![status.state.clone(), Span::raw("│ ")];
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = usize::from(area.width).saturating_sub(used);
        match &status.message {
            Some(message) => spans.push(Span::raw(message.clone())),
            None => {
                // Whole hints while they fit; an ellipsis says there are more (`?`).
                let mut left = room;
                for (key, hint) in &status.hints {
                    let cells = width(key) + 1 + width(hint);
                    if cells + width(ELLIPSIS) > left {
                        spans.push(Span::raw(ELLIPSIS));
                        break;
                    }
                    spans.push(Span::styled(key.clone(), status.key_style));
                    spans.push(Span::raw(format!(" {hint}  ")));
                    left = left.saturating_sub(cells + 2);
                }
            }
        }
        let line = fit_line(Line::from(spans), usize::from(area.width));
        canvas.paragraph(line, area, Style::default());
    }
}

impl Header {
    fn of(app: &App, theme: &Theme) -> Header {
        let day = app.current_day();
        Header {
            title: format!(
                " {} · {}",
                clean_line(&app.notebook.title),
                day.date.format("%a %-d %b")
            ),
            now_next: now_and_next(app, theme),
            clock: format!(" │ {} ", app.clock_format.time(app.clock)),
            theme: theme.clone(),
        }
    }
}

/// ` │ now: Ruff: An Extremely… +2 │ next 14:00 in 35 min`
fn now_and_next(app: &App, theme: &Theme) -> String {
    const TITLE_WIDTH: usize = 28;
    let title = |id: &str| {
        let title = app
            .notebook
            .talk(id)
            .map(|t| clean_line(&t.title).into_owned())
            .unwrap_or_default();
        fit(&title, TITLE_WIDTH)
    };
    let mut text = String::new();
    if let Some(reminder) = &app.reminder {
        // Before now and next: it is why the person should look up.
        let star = if theme.unicode { "★" } else { "*" };
        text.push_str(&format!(" │ {star} {}", fit(reminder, 48)));
    }
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

impl Status {
    fn of(app: &App, theme: &Theme) -> Status {
        let state = match (&app.read_only, &app.save_state) {
            (Some(reason), _) => Span::styled(
                format!(" READ-ONLY: {} ", clean_line(reason)),
                theme.error(),
            ),
            (None, SaveState::Saved) => Span::raw(if theme.unicode {
                " ✓ saved "
            } else {
                " saved "
            }),
            (None, SaveState::Unsaved) => Span::raw(if theme.unicode {
                " ● unsaved "
            } else {
                " unsaved "
            }),
            (None, SaveState::Failed(reason)) => Span::styled(
                format!(" NOT SAVED: {} ", clean_line(reason)),
                theme.error(),
            ),
        };
        let message = app
            .message
            .as_ref()
            .or(app.notice.as_ref())
            .map(|message| clean_line(message).into_owned());
        let hints = if message.is_some() {
            Vec::new()
        } else {
            let contexts: &[Context] = match app.focus {
                Pane::Schedule => &[Context::Browsing, Context::Schedule],
                Pane::Editor => &[Context::Editor, Context::Global],
                Pane::FollowUps => &[Context::Browsing, Context::FollowUps],
            };
            app.keymap
                .hints(contexts)
                .into_iter()
                .map(|(key, hint)| (key.to_string(), hint.to_string()))
                .collect()
        };
        Status {
            state,
            message,
            hints,
            key_style: theme.slot_heading(),
        }
    }
}
