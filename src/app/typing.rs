//! Prose typed where no text goes. In the schedule and follow-up panes every letter is a
//! command, so a sentence typed there by mistake (after Esc, after switching windows,
//! after a restart) used to mark, jump, open forms and quit. Here such typing is
//! recognised and made harmless:
//!
//! - A *run* is printable keys in those panes, each within [`TYPING_GAP`] of the one
//!   before. Commands in a run act as usual, but what they change can be put back.
//! - A run is typing when a key in it (not its first) is one no command uses there
//!   (space, punctuation, most letters), is `i` (which would open the notes of whatever
//!   the run selected; Enter opens them at any speed), goes into a pop-up or the editor
//!   that a later key of the run opened, or comes right after a question (delete?).
//!   A first key that opens the editor, the form, search or import is a command given
//!   after a pause: what is typed right after it is its text.
//! - Then everything the run did is put back as it was before its first key (marks,
//!   selection, pop-ups; the notebook and the undo history too), and its keys are typed
//!   into the notes of the entry that was selected before it, where the rest of the
//!   sentence follows. The status line says so, and the editor's undo takes the text out.
//! - `q` waits [`QUIT_DELAY`] before quitting: a printable key after it means it was part
//!   of a word, and the run is typing.
//!
//! A command key pressed after a pause always acts at once, so deliberate use is unchanged.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, App, Filter, Overlay, Pane, Selected};
use crate::keymap::Context;
use crate::model::Notebook;
use crate::model::history::History;

/// Keys closer together than this are one run of typing. People type 2 to 8 keys a
/// second; a deliberate command after looking at the screen comes later than this.
pub const TYPING_GAP: Duration = Duration::from_millis(500);
/// How long a lone `q` waits for a next key before quitting.
pub const QUIT_DELAY: Duration = Duration::from_millis(500);
/// A key that moves the selection, followed by a pause this long, was meant: at the
/// start of a run that turns out to be typing, such keys keep what they did, and the
/// text goes to the talk they reached (`j`, `j`, then a sentence).
pub const NAVIGATION_PAUSE: Duration = Duration::from_millis(250);

/// A run of printable keys in the browsing panes, and how to put back what it did.
#[derive(Debug)]
pub(super) struct Run {
    last_at: Instant,
    /// The keys so far: each with when it arrived, the screen before it, and whether it
    /// only moved the selection.
    keys: Vec<RunKey>,
    /// Seen to be typing, in a notebook that cannot take the text: the rest of the
    /// sentence is let go, not taken as commands.
    dropping: bool,
    /// The screen before the run's first key.
    view: View,
    /// The notebook and history before the run's first change, if it made one.
    saved: Option<(Notebook, History)>,
}

#[derive(Debug)]
struct RunKey {
    at: Instant,
    c: char,
    view_before: View,
    navigates: bool,
    /// What it did, for the status line.
    did: Option<String>,
}

impl Run {
    /// A run whose first key came at `at`, on the screen `view`.
    fn new(at: Instant, view: View, dropping: bool) -> Run {
        Run {
            last_at: at,
            keys: Vec::new(),
            dropping,
            view,
            saved: None,
        }
    }

    fn push(&mut self, at: Instant, c: char, view_before: View, action: Option<Action>) {
        self.last_at = at;
        self.keys.push(RunKey {
            at,
            c,
            view_before,
            navigates: action.is_some_and(Action::navigates),
            did: None,
        });
    }

    /// How many keys at the start of the run were meant as moves (`j`, `j`, then a
    /// sentence): keys that move the selection, then a pause of [`NAVIGATION_PAUSE`],
    /// then text that cannot go on a word of those keys: a capital, a space or a
    /// sign, or anything after a key pressed again (`jj`, `kkk`). Typing at any speed
    /// (`hello` at a key every 300 ms) is never cut up this way. `then` is the key that
    /// showed the run to be typing, `c` when it came.
    fn meant_moves(&self, then: (char, Instant)) -> usize {
        let moving = self.keys.iter().take_while(|key| key.navigates).count();
        (1..=moving)
            .rev()
            .find(|&count| {
                let last = &self.keys[count - 1];
                let (next, next_at) = self.keys.get(count).map_or(then, |key| (key.c, key.at));
                let paused = next_at.saturating_duration_since(last.at) >= NAVIGATION_PAUSE;
                let new_word = next.is_uppercase() || !next.is_alphanumeric();
                let repeated = count >= 2 && self.keys[..count].iter().all(|key| key.c == last.c);
                paused && (new_word || repeated)
            })
            .unwrap_or(0)
    }
}

/// Where the screen was before a run.
#[derive(Debug, Clone)]
struct View {
    day: usize,
    selected: Selected,
    focus: Pane,
    filter: Filter,
    follow_up_cursor: usize,
    show_done: bool,
    show_follow_up_pane: bool,
}

/// A character key without Ctrl or Alt (space included).
fn printable(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if (key.modifiers - KeyModifiers::SHIFT).is_empty() => Some(c),
        _ => None,
    }
}

impl App {
    /// The keys a pane resolves, outside pop-ups.
    fn browsing_contexts(&self) -> Option<&'static [Context]> {
        match self.focus {
            Pane::Schedule => Some(&[Context::Global, Context::Browsing, Context::Schedule]),
            Pane::FollowUps => Some(&[Context::Global, Context::Browsing, Context::FollowUps]),
            Pane::Editor => None,
        }
    }

    /// Looks at a key before it acts. True when it was taken here: as the start of a
    /// `q` that waits, or as the key that showed a run to be typing.
    pub(super) fn screen_for_typing(&mut self, key: &KeyEvent, at: Instant) -> bool {
        let quit_was_pending = self.pending_quit.take().is_some();
        if self
            .run
            .as_ref()
            .is_some_and(|run| at.saturating_duration_since(run.last_at) > TYPING_GAP)
        {
            self.run = None;
        }
        let Some(c) = printable(key) else {
            // Enter, Esc, arrows and chords are deliberate: they end a run.
            self.run = None;
            if quit_was_pending {
                self.message = Some("Not quitting: another key came right after q.".into());
            }
            return false;
        };
        let browsing = self.overlay == Overlay::None && self.focus != Pane::Editor;
        let action = self
            .browsing_contexts()
            .filter(|_| browsing)
            .and_then(|contexts| self.keymap.resolve(contexts, key));
        if let Some(run) = self.run.as_mut().filter(|run| run.dropping) {
            run.last_at = at;
            return true;
        }
        if self.run.is_none() {
            if !browsing {
                return false;
            }
            self.run = Some(Run::new(at, self.view(), false));
        } else if quit_was_pending || !browsing || matches!(action, None | Some(Action::EditNotes))
        {
            self.treat_run_as_typing(c, at);
            return true;
        }
        let view = self.view();
        let run = self.run.as_mut().unwrap();
        run.push(at, c, view, action);
        if action == Some(Action::Quit) {
            self.pending_quit = Some(at + QUIT_DELAY);
            self.message = Some("Quitting… (a key now cancels)".into());
            return true;
        }
        if action.is_some_and(Action::modifies) && run.saved.is_none() && self.read_only.is_none() {
            run.saved = Some((self.notebook.clone(), self.history.clone()));
        }
        false
    }

    /// After a key of a run acted: note what it did. A first key that opened the editor
    /// (`i`) was deliberate, and what follows is text.
    pub(super) fn after_run_key(&mut self) {
        let Some(run) = self.run.as_mut() else {
            return;
        };
        // A first key that opened the editor (`i`) or a pop-up that takes text (the form,
        // search, import) was a command given after a pause: what follows is its text.
        // A question (delete?) is different: an answer must come after a pause too.
        let takes_text = match &self.overlay {
            Overlay::None => self.focus == Pane::Editor,
            Overlay::Confirm { .. } | Overlay::Links(_) => false,
            _ => true,
        };
        if takes_text && run.keys.len() == 1 {
            self.run = None;
            return;
        }
        if let (Some(message), Some(key)) = (&self.message, run.keys.last_mut()) {
            key.did = Some(format!("{}: {message}", key.c));
            let did: Vec<&String> = run.keys.iter().filter_map(|key| key.did.as_ref()).collect();
            if did.len() > 1 {
                // Keys in quick succession: each one's effect stays visible, the latest
                // first (a status line too narrow for all cuts the oldest).
                let shown: Vec<&str> = did.iter().rev().take(3).map(|d| d.as_str()).collect();
                self.message = Some(shown.join(" · "));
            }
        }
    }

    /// Ends any run (a click, a paste: deliberate acts).
    pub(super) fn end_run(&mut self) {
        self.run = None;
        self.pending_quit = None;
    }

    /// When a waiting `q` quits, if one waits.
    pub fn pending_quit_deadline(&self) -> Option<Instant> {
        self.pending_quit
    }

    /// Time passed: a `q` that waited long enough quits.
    pub(super) fn tick_pending_quit(&mut self, now: Instant) {
        if self.pending_quit.is_some_and(|deadline| now >= deadline) {
            self.pending_quit = None;
            self.run = None;
            self.request_quit();
        }
    }

    fn view(&self) -> View {
        View {
            day: self.day,
            selected: self.selected.clone(),
            focus: self.focus,
            filter: self.filter,
            follow_up_cursor: self.follow_up_cursor,
            show_done: self.show_done,
            show_follow_up_pane: self.show_follow_up_pane,
        }
    }

    /// Puts back what the run did and types its keys, and `c`, into the notes of the
    /// entry that was selected before it; moves meant before the typing began stay
    /// made, and the text goes to where they led.
    fn treat_run_as_typing(&mut self, c: char, at: Instant) {
        let Some(mut run) = self.run.take() else {
            return;
        };
        let moves = run.meant_moves((c, at));
        if moves > 0 {
            // Moves change no notebook: what the run saved is from after them.
            run.view = match run.keys.get(moves) {
                Some(key) => key.view_before.clone(),
                None => self.view(),
            };
            run.keys.drain(..moves);
        }
        self.overlay = Overlay::None;
        if let Some((notebook, history)) = run
            .saved
            .filter(|(notebook, history)| *notebook != self.notebook || *history != self.history)
        {
            self.replace_notebook(notebook);
            self.history = history;
            self.mark_changed();
        }
        let View {
            day,
            selected,
            focus,
            filter,
            follow_up_cursor,
            show_done,
            show_follow_up_pane,
        } = run.view;
        self.show_follow_up_pane = show_follow_up_pane;
        self.day = day.min(self.notebook.days.len().saturating_sub(1));
        self.filter = filter;
        self.show_done = show_done;
        self.follow_up_cursor = follow_up_cursor;
        self.clamp_follow_up_cursor();
        let selected = match selected {
            Selected::Talk(id) if self.notebook.talk(&id).is_none() => Selected::DayNotes,
            other => other,
        };
        self.select(selected);
        let text: String = run.keys.iter().map(|key| key.c).chain([c]).collect();
        let did = run.keys.iter().filter(|key| key.did.is_some()).count();
        let undone = if did == 0 {
            String::new()
        } else {
            format!("; what {did} key(s) did was put back")
        };
        if self.read_only.is_some() {
            self.set_focus(focus);
            self.message = Some(format!(
                "That was typing: nothing was written, this window only reads the notebook{undone}."
            ));
            self.run = Some(Run::new(at, self.view(), true));
            return;
        }
        self.set_focus(Pane::Editor);
        self.go_to_end_of_note();
        self.editor.begin(super::EditKind::Other, at);
        let textarea = self.editor.textarea.get_mut();
        if !textarea.lines().last().is_none_or(String::is_empty) {
            textarea.insert_newline();
        }
        textarea.insert_str(&text);
        self.editor_text_changed();
        self.notice = Some(format!(
            "That was typing: it went into these notes{undone}. Esc: back to the schedule."
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::{QUIT_DELAY, TYPING_GAP};
    use crate::app::tests::demo_app;
    use crate::app::{App, Overlay, Pane, Selected};
    use crate::model::TalkState;

    /// Types `text` a key every `every`, from `start`; returns when the last key came.
    fn type_at(app: &mut App, text: &str, start: Instant, every: Duration) -> Instant {
        let mut at = start;
        for c in text.chars() {
            app.handle_key_at(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), at);
            at += every;
        }
        at
    }

    /// The demo on a talk marked attended, as in the reports: the state, its id, a clock.
    fn on_an_attended_talk() -> (App, String, Instant) {
        let (mut app, _) = demo_app();
        let start = Instant::now();
        let at = type_at(&mut app, "j", start, Duration::ZERO);
        let at = type_at(&mut app, "a", at + Duration::from_secs(1), Duration::ZERO);
        let Selected::Talk(id) = app.selected.clone() else {
            panic!("a talk is selected")
        };
        assert_eq!(app.notebook.talk(&id).unwrap().state, TalkState::Attended);
        (app, id, at + Duration::from_secs(2))
    }

    /// Every example sentence from the reports, at a fast and a slow typing speed: no
    /// quit, no talk added or deleted, the mark kept, and the words in the notes of the
    /// talk that was selected.
    #[test]
    fn sentences_typed_into_the_schedule_are_harmless_and_land_in_the_selected_notes() {
        for sentence in [
            "a nice long name is great",
            "so what makes Ruff fast?",
            "quite interesting",
            "did you see that",
            "hello world",
            "nice, pytorch",
        ] {
            for every in [Duration::from_millis(60), Duration::from_millis(300)] {
                let (mut app, id, start) = on_an_attended_talk();
                let talks = app.notebook.talk_count();
                let end = type_at(&mut app, sentence, start, every);
                app.tick_pending_quit(end + QUIT_DELAY);
                let context = format!("{sentence:?} at one key every {every:?}");
                assert!(!app.should_quit, "{context}: quit");
                assert_eq!(app.notebook.talk_count(), talks, "{context}: talks");
                assert_eq!(app.overlay, Overlay::None, "{context}: a pop-up is open");
                let talk = app.notebook.talk(&id).unwrap();
                assert_eq!(talk.state, TalkState::Attended, "{context}: the mark");
                assert!(
                    talk.rating.is_none(),
                    "{context}: an r in the prose rated it"
                );
                assert_eq!(talk.notes.trim(), sentence, "{context}: the notes");
                assert_eq!(app.focus, Pane::Editor, "{context}");
                assert!(
                    app.notice.as_deref().unwrap().contains("That was typing"),
                    "{context}: {:?}",
                    app.notice
                );
                let other_notes: usize = app
                    .notebook
                    .days
                    .iter()
                    .flat_map(|day| &day.talks)
                    .filter(|talk| talk.id != id)
                    .filter(|talk| talk.notes.contains(crate::text::cut_to_bytes(sentence, 3)))
                    .count();
                assert_eq!(other_notes, 0, "{context}: written into another talk");
            }
        }
    }

    /// Keys are timed by when they arrived (the event loop passes the time their bytes
    /// were read), not when the app gets to them: two keys a second apart that the app
    /// handles in the same millisecond are still two commands.
    #[test]
    fn keys_are_timed_by_arrival_not_by_when_they_are_handled() {
        let (mut app, _) = demo_app();
        let arrived = Instant::now();
        app.apply_burst_at(
            vec![Event::Key(KeyEvent::new(
                KeyCode::Char('j'),
                KeyModifiers::NONE,
            ))],
            arrived,
        );
        let selected = app.selected.clone();
        app.apply_burst_at(
            vec![Event::Key(KeyEvent::new(
                KeyCode::Char(' '),
                KeyModifiers::NONE,
            ))],
            arrived + TYPING_GAP + Duration::from_millis(100),
        );
        assert_eq!(
            app.focus,
            Pane::Schedule,
            "a lone space after a pause types nothing"
        );
        assert_eq!(app.selected, selected);
        assert!(
            app.notebook
                .days
                .iter()
                .all(|day| day.notes.is_empty()
                    && day.talks.iter().all(|talk| talk.notes.is_empty()))
        );
    }

    /// The report: on the keynote, `j` `j` 0.3 s apart to move on, then a sentence.
    /// The moves stay made; the sentence goes to the talk reached, without `jj`.
    #[test]
    fn moves_made_before_a_sentence_stay_made_and_the_sentence_goes_where_they_led() {
        for (moves, every, sentence) in [
            ("jj", Duration::from_millis(300), "The demo was great"),
            (
                "jj",
                Duration::from_millis(100),
                "great demo, see the slides",
            ),
            ("j", Duration::from_millis(300), "Mocks lie sometimes"),
            ("kk", Duration::from_millis(300), "back here: a note"),
        ] {
            let (mut app, _) = demo_app();
            let start = Instant::now();
            // On the keynote (`g` `j`), or on the last talk to move up from.
            let (first, second) = if moves.starts_with('k') {
                ("G", "k")
            } else {
                ("g", "j")
            };
            type_at(&mut app, first, start, Duration::ZERO);
            let first = type_at(
                &mut app,
                second,
                start + Duration::from_secs(1),
                Duration::ZERO,
            );
            let from = app.selected.clone();
            let at = first + Duration::from_secs(1);
            let at = type_at(&mut app, moves, at, every);
            let reached = app.selected.clone();
            assert_ne!(reached, from);
            let before = app.notebook.clone();
            type_at(
                &mut app,
                sentence,
                at + Duration::from_millis(300),
                Duration::from_millis(120),
            );
            let context = format!("{moves} every {every:?}, then {sentence:?}");
            assert_eq!(app.selected, reached, "{context}: the moves stay");
            let Selected::Talk(id) = &reached else {
                panic!("{context}: a talk")
            };
            assert_eq!(app.notebook.talk(id).unwrap().notes, sentence, "{context}");
            if let Selected::Talk(from) = &from {
                assert_eq!(
                    app.notebook.talk(from).unwrap().notes,
                    before.talk(from).unwrap().notes,
                    "{context}: nothing in the talk left"
                );
            }
        }
    }

    #[test]
    fn effects_of_quick_keys_are_shown_latest_first() {
        let (mut app, id, start) = on_an_attended_talk();
        // `s` then `a` in quick succession: skipped, then attended again.
        type_at(&mut app, "sa", start, Duration::from_millis(30));
        assert_eq!(app.notebook.talk(&id).unwrap().state, TalkState::Attended);
        let message = app.message.clone().unwrap_or_default();
        let (latest, earlier) = message.split_once(" · ").expect("both effects shown");
        assert!(latest.starts_with("a: "), "{message}");
        assert!(earlier.starts_with("s: "), "{message}");
    }

    #[test]
    fn commands_after_a_pause_act_at_once_and_q_alone_quits_after_its_delay() {
        let (mut app, id, start) = on_an_attended_talk();
        let slow = TYPING_GAP + Duration::from_millis(100);
        let at = type_at(&mut app, "s", start, slow);
        assert_eq!(app.notebook.talk(&id).unwrap().state, TalkState::Skipped);
        let at = type_at(&mut app, "u", at, slow);
        assert_eq!(app.notebook.talk(&id).unwrap().state, TalkState::Attended);
        // Navigation in quick succession is navigation: held j, then k.
        let at = type_at(&mut app, "jjjk", at, Duration::from_millis(30));
        assert_eq!(app.focus, Pane::Schedule);
        let at = type_at(&mut app, "q", at + slow, slow);
        assert!(!app.should_quit, "q waits a moment");
        app.tick_pending_quit(at);
        assert!(app.should_quit, "then quits");
    }

    #[test]
    fn i_after_a_pause_opens_the_notes_and_fast_typing_after_it_is_text() {
        let (mut app, id, start) = on_an_attended_talk();
        type_at(&mut app, "ihello there", start, Duration::from_millis(50));
        assert_eq!(app.notebook.talk(&id).unwrap().notes, "hello there");
        assert!(app.message.is_none(), "{:?}", app.message);
    }

    #[test]
    fn a_pop_up_opened_after_a_pause_takes_what_is_typed_right_after_it() {
        let (mut app, id, start) = on_an_attended_talk();
        let talks = app.notebook.talk_count();
        // o after a pause opens the form; fast typing is its title, not notes.
        type_at(
            &mut app,
            "oh nice, pytorch",
            start,
            Duration::from_millis(60),
        );
        let Overlay::Form(form) = &app.overlay else {
            panic!("the form is open: {:?}", app.overlay)
        };
        assert_eq!(form.fields[form.focused].text, "h nice, pytorch");
        assert_eq!(
            app.notebook.talk_count(),
            talks,
            "nothing is added without Enter"
        );
        assert_eq!(app.notebook.talk(&id).unwrap().notes, "");
    }

    #[test]
    fn a_question_is_never_answered_by_typing() {
        let (mut app, id, start) = on_an_attended_talk();
        let talks = app.notebook.talk_count();
        // "d" after a pause asks to delete; the "y" of a sentence must not answer.
        type_at(&mut app, "dy", start, Duration::from_millis(80));
        assert_eq!(app.notebook.talk_count(), talks);
        assert_eq!(app.overlay, Overlay::None);
        assert_eq!(app.notebook.talk(&id).unwrap().notes, "dy");
    }

    #[test]
    fn a_burst_pasted_into_the_schedule_without_brackets_is_text_too() {
        let (mut app, id, start) = on_an_attended_talk();
        // One read: all keys at the same instant.
        type_at(
            &mut app,
            "quite interesting, see the docs",
            start,
            Duration::ZERO,
        );
        assert_eq!(
            app.notebook.talk(&id).unwrap().notes,
            "quite interesting, see the docs"
        );
        assert!(!app.should_quit);
    }

    #[test]
    fn a_read_only_notebook_puts_the_run_back_and_writes_nothing() {
        let (mut app, id, start) = on_an_attended_talk();
        app.read_only = Some("open in another talkbook (process 1)".into());
        type_at(&mut app, "a nice one", start, Duration::from_millis(80));
        let talk = app.notebook.talk(&id).unwrap();
        assert_eq!(talk.notes, "");
        assert_eq!(app.focus, Pane::Schedule);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("nothing was written")
        );
    }
}
