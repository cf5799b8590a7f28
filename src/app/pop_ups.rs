//! Keys in pop-ups: the help, a question, the links, search, the import prompt and the
//! talk form. Keys are looked up in the key table for the pop-up that is open (so they
//! are remappable and listed like every other); keys no binding takes type into the
//! query or the field, and in the links a number opens that link.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::LineInput;
use super::{Action, App, Confirm, Overlay};
use crate::keymap::Context;

/// Lines the help scrolls with Page Up and Page Down.
const HELP_PAGE: u16 = 10;

impl App {
    /// The first key of `action` in `context`, as the help writes it: what a question
    /// or a hint names (the keys may be remapped).
    pub fn key_label(&self, context: Context, action: Action) -> String {
        self.keymap
            .key_for(context, action)
            .unwrap_or_else(|| "(unbound)".into())
    }

    /// The keys that answer a question yes and no.
    pub(super) fn yes_no(&self) -> (String, String) {
        (
            self.key_label(Context::Question, Action::Yes),
            self.key_label(Context::Question, Action::No),
        )
    }

    /// The contexts whose keys apply in the pop-up that is open, the pop-up's own first.
    fn pop_up_contexts(&self) -> &'static [Context] {
        match self.overlay {
            Overlay::None => &[],
            Overlay::Help | Overlay::Team(_) => &[Context::Help, Context::PopUp],
            Overlay::Confirm { .. } => &[Context::Question, Context::PopUp],
            Overlay::Links(_) => &[Context::Links, Context::PopUp],
            Overlay::Search(_) => &[Context::Search, Context::PopUp],
            Overlay::Import(_) => &[Context::Prompt, Context::PopUp],
            Overlay::Form(_) => &[Context::Form, Context::Prompt, Context::PopUp],
        }
    }

    /// A key while a pop-up is open.
    pub(super) fn handle_overlay_key(&mut self, key: KeyEvent) {
        if let Some(action) = self.keymap.resolve(self.pop_up_contexts(), &key) {
            if action == Action::Quit {
                // Quitting from a pop-up leaves it first (a question about unsaved notes
                // may take its place).
                self.overlay = Overlay::None;
            }
            self.apply(action);
            return;
        }
        match &mut self.overlay {
            Overlay::Search(search) => {
                let before = search.query.text.clone();
                edit_line(&mut search.query, key);
                if search.query.text != before {
                    search.search(&self.notebook);
                }
            }
            Overlay::Import(input) => edit_line(input, key),
            Overlay::Form(form) => edit_line(form.focused_field(), key),
            Overlay::Links(state) => {
                let numbered = match key.code {
                    KeyCode::Char(c) => c
                        .to_digit(10)
                        .and_then(|n| usize::try_from(n).ok()?.checked_sub(1))
                        .filter(|at| *at < state.links.len()),
                    _ => None,
                };
                if let Some(at) = numbered {
                    state.cursor = at;
                    self.open_chosen_link();
                }
            }
            Overlay::None | Overlay::Help | Overlay::Team(_) | Overlay::Confirm { .. } => {}
        }
    }

    /// What a pop-up's key asks for, in the pop-up that is open.
    pub(super) fn pop_up_action(&mut self, action: Action) {
        let overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        self.overlay = match (overlay, action) {
            (Overlay::None, _) => Overlay::None,
            // Help.
            (Overlay::Help, Action::ClosePopUp) => {
                self.help_scroll = 0;
                Overlay::None
            }
            (Overlay::Help, step) => {
                self.help_scroll = match step {
                    Action::PopUpDown => self.help_scroll.saturating_add(1),
                    Action::PopUpUp => self.help_scroll.saturating_sub(1),
                    Action::PopUpPageDown => self.help_scroll.saturating_add(HELP_PAGE),
                    Action::PopUpPageUp => self.help_scroll.saturating_sub(HELP_PAGE),
                    _ => self.help_scroll,
                };
                Overlay::Help
            }
            (Overlay::Team(_), Action::ClosePopUp) => Overlay::None,
            (Overlay::Team(mut view), step) => {
                view.scroll = match step {
                    Action::PopUpDown => view.scroll.saturating_add(1),
                    Action::PopUpUp => view.scroll.saturating_sub(1),
                    Action::PopUpPageDown => view.scroll.saturating_add(HELP_PAGE),
                    Action::PopUpPageUp => view.scroll.saturating_sub(HELP_PAGE),
                    _ => view.scroll,
                };
                Overlay::Team(view)
            }
            // A question.
            (Overlay::Confirm { about, .. }, Action::Yes) => {
                self.confirmed(about);
                return;
            }
            (Overlay::Confirm { about, .. }, Action::No | Action::ClosePopUp) => {
                self.declined(about);
                return;
            }
            (
                Overlay::Confirm {
                    about: Confirm::QuitWithoutSaving,
                    ..
                },
                Action::WriteRescueCopy,
            ) => {
                self.write_rescue_copy_and_quit();
                return;
            }
            (question @ Overlay::Confirm { .. }, _) => question,
            // The links.
            (Overlay::Links(_), Action::ClosePopUp) => Overlay::None,
            (Overlay::Links(mut state), Action::PopUpDown | Action::PopUpUp) => {
                let last = state.links.len().saturating_sub(1);
                state.cursor = if action == Action::PopUpDown {
                    (state.cursor + 1).min(last)
                } else {
                    state.cursor.saturating_sub(1)
                };
                Overlay::Links(state)
            }
            (links @ Overlay::Links(_), Action::Choose) => {
                self.overlay = links;
                self.open_chosen_link();
                return;
            }
            (links @ Overlay::Links(_), _) => links,
            // Search.
            (Overlay::Search(_), Action::ClosePopUp) => Overlay::None,
            (Overlay::Search(mut search), Action::PopUpDown | Action::PopUpUp) => {
                search.move_cursor(if action == Action::PopUpDown { 1 } else { -1 });
                Overlay::Search(search)
            }
            (Overlay::Search(search), Action::Choose) => {
                if let Some(hit) = search.hits.get(search.cursor) {
                    self.jump_to(&hit.note, hit.line);
                }
                return;
            }
            (search @ Overlay::Search(_), _) => search,
            // The import prompt and the talk form.
            (Overlay::Import(_) | Overlay::Form(_), Action::ClosePopUp) => {
                self.message = Some("Cancelled.".into());
                Overlay::None
            }
            (Overlay::Import(input), Action::Choose) => {
                let source = input.text.trim().to_string();
                self.import_schedule(&source);
                return;
            }
            (import @ Overlay::Import(_), _) => import,
            (form @ Overlay::Form(_), Action::Choose) => {
                self.overlay = form;
                self.submit_form();
                return;
            }
            (Overlay::Form(mut form), Action::PopUpDown) => {
                form.next_field();
                Overlay::Form(form)
            }
            (Overlay::Form(mut form), Action::PopUpUp) => {
                form.previous_field();
                Overlay::Form(form)
            }
            (form @ Overlay::Form(_), _) => form,
        };
    }
}

/// Text-editing keys for one-line inputs (form fields, the import prompt, the query).
fn edit_line(input: &mut LineInput, key: KeyEvent) {
    match key.code {
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => input.left(),
        KeyCode::Right => input.right(),
        KeyCode::Home => input.home(),
        KeyCode::End => input.end(),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => input.insert(c),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::*;
    use crate::app::Settings;
    use crate::app::tests::{clock, press};
    use crate::keymap::{Key, Keymap};
    use crate::store::{DiscardSink, demo_notebook};

    fn app_with(rebound: &[(&str, &str)]) -> App {
        let mut keymap = Keymap::default();
        for (name, key) in rebound {
            keymap.rebind(name, vec![Key::parse(key).unwrap()]).unwrap();
        }
        let settings = Settings {
            keymap,
            ..Settings::default()
        };
        App::with_settings(demo_notebook(), Box::new(DiscardSink), clock(), settings)
    }

    #[test]
    fn a_question_is_answered_with_the_keys_the_table_gives_it() {
        let mut app = app_with(&[("yes", "o"), ("no", "x")]);
        press(&mut app, KeyCode::Char('j'));
        let talks = app.notebook.talk_count();
        press(&mut app, KeyCode::Char('d'));
        assert!(matches!(app.overlay, Overlay::Confirm { .. }));
        press(&mut app, KeyCode::Char('y'));
        assert!(
            matches!(app.overlay, Overlay::Confirm { .. }),
            "y is no answer now"
        );
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(app.overlay, Overlay::None, "x said no");
        assert_eq!(app.notebook.talk_count(), talks);
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Char('o'));
        assert_eq!(app.notebook.talk_count(), talks - 1, "o said yes");
    }

    #[test]
    fn the_help_scrolls_and_closes_with_its_keys_and_esc_closes_any_pop_up() {
        let mut app = app_with(&[("help_down", "t")]);
        press(&mut app, KeyCode::Char('?'));
        assert_eq!(app.overlay, Overlay::Help);
        press(&mut app, KeyCode::Char('t'));
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(app.help_scroll, 2);
        press(&mut app, KeyCode::PageDown);
        assert_eq!(app.help_scroll, 2 + HELP_PAGE);
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(
            app.help_scroll,
            2 + HELP_PAGE,
            "j is not bound in the help now"
        );
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.overlay, Overlay::None);
        assert_eq!(app.help_scroll, 0);
        // In the search pop-up, letters type the query; Esc closes it.
        press(&mut app, KeyCode::Char('/'));
        for c in "mock".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        let Overlay::Search(search) = &app.overlay else {
            panic!("search: {:?}", app.overlay);
        };
        assert_eq!(search.query.text, "mock");
        assert!(!search.hits.is_empty());
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.overlay, Overlay::None);
    }
}
