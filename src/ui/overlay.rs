//! Pop-ups drawn over the panes: help, the talk form, confirmations.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::form::{FIELD_HELP, FIELD_LABELS, FormPurpose, LineInput, TalkForm};
use crate::app::{App, Overlay};
use crate::keymap::{BINDINGS, Context, EDITOR_KEYS, keys_label};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => draw_help(frame, area, app.help_scroll, theme),
        Overlay::Form(form) => draw_form(frame, area, form, theme),
        Overlay::Import(input) => {
            let popup = centered(area, 76, 5);
            let block = popup_block(" Import a schedule · Enter import · Esc cancel ", theme);
            let lines = vec![
                input_line("File or URL: ", input),
                Line::styled(
                    "pretalx/frab schedule.json, frab schedule.xml or .ics; notes and marks are kept",
                    theme.dim(),
                ),
            ];
            frame.render_widget(Clear, popup);
            frame.render_widget(Paragraph::new(lines).block(block), popup);
        }
        Overlay::Confirm { question, .. } => {
            let popup = centered(area, 64, 7);
            let block = popup_block(" Please confirm ", theme);
            let text = Paragraph::new(question.as_str())
                .wrap(Wrap { trim: false })
                .block(block);
            frame.render_widget(Clear, popup);
            frame.render_widget(text, popup);
        }
    }
}

fn popup_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focused_border())
        .title(title)
}

pub fn help_lines() -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let contexts = [
        Context::Global,
        Context::Browsing,
        Context::Schedule,
        Context::Editor,
        Context::FollowUps,
    ];
    for context in contexts {
        lines.push(Line::styled(
            context.title(),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            lines.push(Line::from(format!(
                "  {:<16} {}",
                keys_label(binding),
                binding.description
            )));
        }
        if context == Context::Editor {
            for (keys, description) in EDITOR_KEYS {
                lines.push(Line::from(format!("  {keys:<16} {description}")));
            }
        }
    }
    lines
}

fn draw_help(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme) {
    let lines = help_lines();
    let popup = centered(area, 78, lines.len() as u16 + 2);
    let visible = popup.height.saturating_sub(2);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(visible));
    let title = if visible < lines.len() as u16 {
        " Keys · j/k scroll · Esc close "
    } else {
        " Keys · Esc or ? to close "
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(popup_block(title, theme)),
        popup,
    );
}

/// A one-line input with its cursor drawn as a reversed cell.
fn input_line(label: &str, input: &LineInput) -> Line<'static> {
    let before: String = input.text.chars().take(input.cursor).collect();
    let at: String = input.text.chars().skip(input.cursor).take(1).collect();
    let after: String = input.text.chars().skip(input.cursor + 1).collect();
    Line::from(vec![
        Span::raw(label.to_string()),
        Span::raw(before),
        Span::styled(
            if at.is_empty() { " ".to_string() } else { at },
            Style::default().add_modifier(Modifier::REVERSED),
        ),
        Span::raw(after),
    ])
}

fn draw_form(frame: &mut Frame, area: Rect, form: &TalkForm, theme: &Theme) {
    let title = match form.purpose {
        FormPurpose::Add => " Add a talk · Enter save · Esc cancel ",
        FormPurpose::Edit { .. } => " Edit talk · Enter save · Esc cancel ",
    };
    let mut lines = Vec::new();
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focused;
        let label = format!("{:>14}: ", FIELD_LABELS[index]);
        let mut spans = vec![Span::styled(
            label,
            if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            },
        )];
        if focused {
            spans.extend(input_line("", field).spans);
        } else {
            spans.push(Span::raw(field.text.clone()));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    match &form.error {
        Some(error) => lines.push(Line::styled(error.clone(), theme.error())),
        None => lines.push(Line::styled(FIELD_HELP[form.focused], theme.dim())),
    }
    let popup = centered(area, 72, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(popup_block(title, theme)),
        popup,
    );
}
