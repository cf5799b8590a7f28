//! Input that arrives together: a burst of keys (typed ahead over a slow link, pasted
//! without bracketed paste, sent by a text expander) is applied whole before the next
//! frame, and a run of characters typed into the editor becomes one insertion, so 4,000
//! characters cost one re-wrap of the note and one follow-up scan, not 4,000.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{App, Overlay, Pane};
use crate::keymap::Context;

impl App {
    /// Applies events that arrived together, in order.
    pub fn handle_burst(&mut self, events: Vec<Event>) {
        self.apply_burst(events);
        self.settle();
    }

    /// Like [`App::handle_burst`], but text typed at the end is left in the editor for
    /// [`App::settle`] to bring into the notebook: the event loop draws first, so the
    /// typed key is on screen without waiting for the notebook and its follow-ups.
    pub fn apply_burst(&mut self, events: Vec<Event>) {
        self.apply_burst_at(events, std::time::Instant::now());
    }

    /// [`App::apply_burst`] for events that arrived at `at` (read from the terminal then).
    pub fn apply_burst_at(&mut self, events: Vec<Event>, at: std::time::Instant) {
        self.handle(super::Input::Events { events, at });
    }

    /// Events that arrived together: text for the editor gathered into one insertion,
    /// and before every other event the notebook settled, so it acts on the notes as
    /// they are. Text typed last is left for the next settle (after the frame).
    pub(super) fn on_events(&mut self, events: Vec<Event>, at: std::time::Instant) {
        let mut typed = String::new();
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            if self.sync_requested {
                // `S` came first: the rest waits for the sync (see `App::synced`).
                let mut waiting = vec![event];
                waiting.extend(events.by_ref());
                self.after_sync = Some((waiting, at));
                break;
            }
            match &event {
                Event::Key(key) if self.is_text_for_the_editor(key) => {
                    typed.push(match key.code {
                        KeyCode::Char(c) => c,
                        _ => '\n',
                    });
                }
                _ => {
                    self.insert_typed(&mut typed);
                    self.settle();
                    self.on_event(event, at);
                }
            }
        }
        self.insert_typed(&mut typed);
    }

    /// Whether `key` only types into the open note: a character or Enter, bound to
    /// nothing there.
    fn is_text_for_the_editor(&self, key: &KeyEvent) -> bool {
        let text_key = match key.code {
            KeyCode::Char(_) => (key.modifiers - KeyModifiers::SHIFT).is_empty(),
            KeyCode::Enter => key.modifiers.is_empty(),
            _ => false,
        };
        text_key
            && key.kind != KeyEventKind::Release
            && self.focus == Pane::Editor
            && self.overlay == Overlay::None
            && self.read_only.is_none()
            && self
                .keymap
                .resolve(&[Context::Global, Context::Editor], key)
                .is_none()
    }

    /// Types what `typed` holds at the cursor as one edit, and empties it.
    fn insert_typed(&mut self, typed: &mut String) {
        if typed.is_empty() {
            return;
        }
        self.message = None;
        if self.editor.type_text(typed, std::time::Instant::now()) {
            self.notes_behind = true;
            // The window moves only with the notebook up to date.
            if self.editor.window_must_move() {
                self.settle();
            }
        }
        typed.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{ctrl, demo_app, press};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn chars(text: &str) -> Vec<Event> {
        text.chars()
            .map(|c| match c {
                '\n' => Event::Key(key(KeyCode::Enter)),
                c => Event::Key(key(KeyCode::Char(c))),
            })
            .collect()
    }

    #[test]
    fn a_burst_of_4000_characters_is_one_edit_and_keys_after_it_still_act() {
        let (mut app, _) = demo_app();
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, Pane::Editor);
        let before = app.editor.textarea.lines().join("\n");
        let text: String = (0..4000)
            .map(|n| {
                if n % 80 == 79 {
                    '\n'
                } else {
                    "abc q?/jJ ".as_bytes()[n % 10] as char
                }
            })
            .collect();
        let mut events = chars(&text);
        events.push(Event::Key(key(KeyCode::Esc)));
        app.handle_burst(events);
        let note = app.notebook.notes(&app.editor.note).unwrap().to_string();
        assert!(note.starts_with(&text), "the note starts with the burst");
        assert_eq!(
            app.focus,
            Pane::Schedule,
            "Esc after the burst left the editor"
        );
        // One edit: a single undo takes the whole burst back.
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'u');
        assert_eq!(app.editor.textarea.lines().join("\n"), before);
    }

    #[test]
    fn a_burst_that_moves_a_long_notes_window_many_times_loses_nothing() {
        // Runs of typing long enough to push the window on, and moves that carry the
        // cursor past its edges, all in one burst: the notebook must end exactly as
        // one text area holding the whole note makes it.
        let text: Vec<String> = (0..400).map(|n| format!("line {n}")).collect();
        let mut notebook = crate::store::demo_notebook();
        notebook.days[0].talks[0].notes = text.join("\n");
        let mut app = App::new(
            notebook,
            Box::new(crate::app::tests::MemorySink::default()),
            crate::app::tests::clock(),
        );
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Enter);
        let mut whole = ratatui_textarea::TextArea::new(text);
        let mut events = Vec::new();
        for round in 0..6 {
            for _ in 0..(40 + 13 * round) {
                events.push(Event::Key(key(KeyCode::Down)));
            }
            events.extend(chars(&format!("round {round} ")));
            events.extend(chars(&"typed\n".repeat(30 + 20 * round)));
            events.push(Event::Key(key(KeyCode::Backspace)));
            for _ in 0..(25 * round) {
                events.push(Event::Key(key(KeyCode::Up)));
            }
        }
        for event in &events {
            if let Event::Key(key) = event {
                whole.input(*key);
            }
        }
        app.handle_burst(events);
        app.settle();
        assert_eq!(
            app.notebook.days[0].talks[0].notes,
            whole.lines().join("\n")
        );
        let ratatui_textarea::DataCursor(row, column) = whole.cursor();
        assert_eq!(app.editor.cursor(), (row, column));
    }

    #[test]
    fn keys_bound_in_the_editor_end_the_run_and_act() {
        let (mut app, _) = demo_app();
        press(&mut app, KeyCode::Enter);
        let mut events = chars("first");
        events.push(Event::Key(KeyEvent::new(
            KeyCode::Char('t'),
            KeyModifiers::CONTROL,
        )));
        events.extend(chars(" more"));
        app.handle_burst(events);
        let note = app.notebook.notes(&app.editor.note).unwrap();
        assert!(
            note.starts_with("- [ ] first more"),
            "Ctrl-T made the line a follow-up between the two runs: {note:?}"
        );
    }
}
