//! Pop-ups drawn over the panes: help, the talk form, confirmations.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap,
};
use ratatui::widgets::{StatefulWidget, Widget as _};

use super::fit::{fit, fit_around, fit_line, width};
use super::followups::{SOURCE_TITLE_WIDTH, short_source};
use super::{Theme, centered, visible_window};
use crate::action::Action;
use crate::app::form::{FIELD_HELP, FIELD_LABELS, FormPurpose, LineInput, TalkForm};
use crate::app::team::TeamView;
use crate::app::{App, LinksState, Overlay, SearchState};
use crate::keymap::{Context, Keymap, fixed_rows, keys_label};
use crate::model::search::MAX_HITS;
use crate::text::clean_line;

/// The keys a pop-up's title names, as they are bound now.
struct Keys {
    close: String,
    choose: String,
    down: String,
    up: String,
}

impl Keys {
    fn of(app: &App, context: Context) -> Keys {
        let key = |action| app.key_label(context, action);
        Keys {
            close: app.key_label(Context::PopUp, Action::ClosePopUp),
            choose: key(Action::Choose),
            down: key(Action::PopUpDown),
            up: key(Action::PopUpUp),
        }
    }
}

/// Draws the pop-up open, if one is, over `canvas`, through ratatui's widgets. Every
/// pop-up blanks its own rectangle and draws nothing outside it, so only that comes
/// back onto the canvas.
pub fn draw_over(canvas: &mut super::canvas::Canvas, app: &App, theme: &Theme) {
    if app.overlay == Overlay::None {
        return;
    }
    let mut buffer = Buffer::empty(canvas.area());
    if let Some(popup) = draw(&mut buffer, app, theme) {
        canvas.take_area(&buffer, popup);
    }
}

/// Draws the pop-up open, if one is; returns its rectangle.
fn draw(buffer: &mut Buffer, app: &App, theme: &Theme) -> Option<Rect> {
    let area = buffer.area;
    Some(match &app.overlay {
        Overlay::None => return None,
        Overlay::Help => draw_help(buffer, area, app, theme),
        Overlay::Form(form) => {
            draw_form(buffer, area, form, &Keys::of(app, Context::Prompt), theme)
        }
        Overlay::Search(search) => draw_search(buffer, area, app, search, theme),
        Overlay::Links(links) => {
            draw_links(buffer, area, links, &Keys::of(app, Context::Links), theme)
        }
        Overlay::Import(input) => {
            let popup = centered(area, 76, 5);
            let keys = Keys::of(app, Context::Prompt);
            let title = format!(
                " Import a schedule · {} import · {} cancel ",
                keys.choose, keys.close
            );
            let block = popup_block(&title, theme);
            let lines = vec![
                input_line("File or URL: ", input),
                Line::styled(
                    "frab, pretalx, PyCon US, Sessionize, Indico or .ics; notes and marks are kept",
                    theme.dim(),
                ),
            ];
            Clear.render(popup, buffer);
            Paragraph::new(lines).block(block).render(popup, buffer);
            popup
        }
        Overlay::Team(view) => draw_team(buffer, area, app, view, theme),
        Overlay::Confirm { question, .. } => {
            let popup = centered(area, 64, 7);
            let block = popup_block(" Please confirm ", theme);
            let text = Paragraph::new(question.as_str())
                .wrap(Wrap { trim: false })
                .block(block);
            Clear.render(popup, buffer);
            text.render(popup, buffer);
            popup
        }
    })
}

/// The selected talk's links, numbered, the selected one marked.
fn draw_links(
    buffer: &mut Buffer,
    area: Rect,
    links: &LinksState,
    keys: &Keys,
    theme: &Theme,
) -> Rect {
    let rows = u16::try_from(links.links.len()).unwrap_or(u16::MAX);
    let popup = centered(area, 90, rows.saturating_add(3));
    let room = usize::from(popup.width.saturating_sub(4));
    let title = fit(&clean_line(&links.title), room.saturating_sub(30));
    let heading = format!(
        " Links · {title} · {} open · {} close ",
        keys.choose, keys.close
    );
    let mut lines: Vec<Line> = links
        .links
        .iter()
        .enumerate()
        .map(|(at, link)| {
            let marker = if at == links.cursor { "▸" } else { " " };
            let label = fit(&clean_line(link.label()), 16);
            let row = format!("{marker}{} {label:<16} {}", at + 1, clean_line(&link.url));
            let line = fit_line(Line::from(row), room);
            if at == links.cursor {
                line.style(theme.selection(true))
            } else {
                line
            }
        })
        .collect();
    lines.insert(
        0,
        Line::styled(
            format!("A number or {} opens it in your browser.", keys.choose),
            theme.dim(),
        ),
    );
    Clear.render(popup, buffer);
    Paragraph::new(lines)
        .block(popup_block(&heading, theme))
        .render(popup, buffer);
    popup
}

fn popup_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focused_border())
        .title(title)
}

fn help_lines(keymap: &Keymap) -> Vec<Line<'static>> {
    // (context heading, or keys and what they do)
    let mut rows: Vec<Result<&str, (String, &str)>> = Vec::new();
    for context in Context::ALL {
        rows.push(Ok(context.title()));
        for (binding, keys) in keymap.bindings().filter(|(b, _)| b.context == context) {
            rows.push(Err((keys_label(keys), binding.description)));
        }
        for (keys, description) in fixed_rows(context) {
            rows.push(Err((keys, description)));
        }
    }
    // One column for the keys, as wide as the widest.
    let column = rows
        .iter()
        .filter_map(|row| row.as_ref().err())
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0);
    rows.into_iter()
        .map(|row| match row {
            Ok(title) => Line::styled(
                title.to_string(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Err((keys, description)) => Line::from(format!("  {keys:<column$} {description}")),
        })
        .collect()
}

fn draw_help(buffer: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Rect {
    let lines = help_lines(&app.keymap);
    let scroll = app.help_scroll;
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let popup = centered(
        area,
        u16::try_from(widest + 2).unwrap_or(u16::MAX).max(40),
        lines.len() as u16 + 2,
    );
    let visible = popup.height.saturating_sub(2);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(visible));
    let keys = Keys::of(app, Context::Help);
    let title = if visible < lines.len() as u16 {
        format!(
            " Keys · {}/{} scroll · {} close ",
            keys.down, keys.up, keys.close
        )
    } else {
        format!(" Keys · {} to close ", keys.close)
    };
    Clear.render(popup, buffer);
    Paragraph::new(lines)
        .scroll((scroll, 0))
        .block(popup_block(&title, theme))
        .render(popup, buffer);
    popup
}

/// Teammates' notes on a talk, scrolled like the help.
fn draw_team(buffer: &mut Buffer, area: Rect, app: &App, view: &TeamView, theme: &Theme) -> Rect {
    let lines: Vec<Line> = view
        .lines
        .iter()
        .map(|line| Line::from(line.as_str()))
        .collect();
    let popup = centered(area, 90, (lines.len() as u16).saturating_add(2));
    let visible = popup.height.saturating_sub(2);
    let scroll = view
        .scroll
        .min((lines.len() as u16).saturating_sub(visible));
    let keys = Keys::of(app, Context::Help);
    let room = usize::from(popup.width.saturating_sub(40));
    let title = format!(
        " Team · {} · {}/{} scroll · {} close ",
        fit(&clean_line(&view.title), room),
        keys.down,
        keys.up,
        keys.close
    );
    Clear.render(popup, buffer);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(popup_block(&title, theme))
        .render(popup, buffer);
    popup
}

fn draw_search(
    buffer: &mut Buffer,
    area: Rect,
    app: &App,
    search: &SearchState,
    theme: &Theme,
) -> Rect {
    let popup = centered(area, 100, area.height.saturating_sub(4).max(6));
    let keys = Keys::of(app, Context::Search);
    let title = format!(
        " Search · {}/{} choose · {} go there · {} cancel ",
        keys.up, keys.down, keys.choose, keys.close
    );
    let block = popup_block(&title, theme);
    let inner = block.inner(popup);
    Clear.render(popup, buffer);
    block.render(popup, buffer);
    let [query_area, results_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    let found = match (search.query.text.trim().is_empty(), search.hits.len()) {
        (true, _) => String::new(),
        (false, 0) => "  nothing found".to_string(),
        (false, n) if n >= MAX_HITS => format!("  first {n} matches"),
        (false, n) => format!("  {n} found"),
    };
    let mut query = input_line("Find: ", &search.query);
    query.spans.push(Span::styled(found, theme.dim()));
    Paragraph::new(query).render(query_area, buffer);
    let window = visible_window(
        search.hits.len(),
        search.cursor,
        results_area.height as usize,
    );
    let needle = search.query.text.trim().to_lowercase();
    let room = usize::from(results_area.width.saturating_sub(1));
    let items: Vec<ListItem> = search.hits[window.clone()]
        .iter()
        .map(|hit| {
            let source = short_source(
                &app.notebook,
                &hit.note,
                app.clock_format,
                SOURCE_TITLE_WIDTH,
            );
            // A long hit shows where it matches, not only its start.
            let text_room = room.saturating_sub(width(&source) + 2);
            let text = fit_around(&clean_line(&hit.text), &needle, text_room);
            ListItem::new(fit_line(
                Line::from(vec![
                    Span::styled(source, theme.slot_heading()),
                    Span::raw(format!("  {text}")),
                ]),
                room,
            ))
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selection(true))
        .highlight_symbol(if theme.unicode { "▸" } else { ">" });
    let mut state = ListState::default()
        .with_selected((!search.hits.is_empty()).then(|| search.cursor - window.start));
    StatefulWidget::render(list, results_area, buffer, &mut state);
    popup
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

fn draw_form(buffer: &mut Buffer, area: Rect, form: &TalkForm, keys: &Keys, theme: &Theme) -> Rect {
    let what = match form.purpose {
        FormPurpose::Add => "Add a talk",
        FormPurpose::Edit { .. } => "Edit talk",
    };
    let title = format!(" {what} · {} save · {} cancel ", keys.choose, keys.close);
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
    Clear.render(popup, buffer);
    Paragraph::new(lines)
        .block(popup_block(&title, theme))
        .render(popup, buffer);
    popup
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::style::Color;

    use super::*;

    /// Every pop-up draws only inside the rectangle it returns, and the same there
    /// whatever the screen held: so only that rectangle is taken onto the canvas
    /// ([`draw_over`]), from a buffer that held nothing.
    #[test]
    fn a_pop_up_draws_only_its_own_rectangle_whatever_was_under_it() {
        let clock = chrono::NaiveDate::from_ymd_opt(2024, 5, 17)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let theme = Theme::default();
        let mut shown = Vec::new();
        for keys in ["?", "/ru", "o", "e", "I", "L", "T"] {
            let mut app = App::new(
                crate::store::demo_notebook(),
                Box::new(crate::store::DiscardSink),
                clock,
            );
            for key in keys.chars() {
                app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
            }
            if app.overlay == Overlay::None {
                continue;
            }
            shown.push(keys);
            let area = Rect::new(0, 0, 100, 30);
            let empty = Buffer::empty(area);
            let mut scribbled = Buffer::empty(area);
            for y in 0..area.height {
                scribbled.set_string(0, y, "é字x".repeat(40), Style::default().fg(Color::Red));
            }
            let (mut on_empty, mut on_scribbled) = (empty.clone(), scribbled.clone());
            let popup = draw(&mut on_empty, &app, &theme).expect("a pop-up is open");
            assert_eq!(draw(&mut on_scribbled, &app, &theme), Some(popup));
            for y in 0..area.height {
                for x in 0..area.width {
                    let at = format!("{keys:?} at {x},{y}, pop-up {popup:?}");
                    if popup.contains((x, y).into()) {
                        assert_eq!(on_empty[(x, y)], on_scribbled[(x, y)], "{at}");
                    } else {
                        assert_eq!(on_empty[(x, y)], empty[(x, y)], "{at}");
                        assert_eq!(on_scribbled[(x, y)], scribbled[(x, y)], "{at}");
                    }
                }
            }
        }
        assert!(shown.len() >= 5, "pop-ups opened: {shown:?}");
    }
}
