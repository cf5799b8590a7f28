//! Unit tests of the app state: keys in, state out, no terminal.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::store::{SaveError, demo_notebook};

/// A sink that records saves in memory and fails while `fail` is set.
#[derive(Clone, Default)]
pub(super) struct MemorySink {
    pub(super) saved: Rc<RefCell<Vec<Notebook>>>,
    pub(super) fail: Rc<RefCell<Option<String>>>,
}

impl NotebookSink for MemorySink {
    fn save(&mut self, notebook: &Notebook) -> Result<(), SaveError> {
        if let Some(reason) = self.fail.borrow().clone() {
            return Err(failed(reason));
        }
        self.saved.borrow_mut().push(notebook.clone());
        Ok(())
    }

    fn start_save(&mut self, _: Notebook) -> bool {
        false
    }

    fn finished_save(&mut self, _: bool) -> Option<Result<(), SaveError>> {
        None
    }

    fn location(&self) -> String {
        "memory".into()
    }

    fn file(&mut self) -> Option<&mut crate::store::FileSink> {
        None
    }
}

/// A write that failed for `reason`.
pub(super) fn failed(reason: String) -> SaveError {
    SaveError::Write {
        path: "memory".into(),
        source: std::io::Error::other(reason),
    }
}

/// The day before the demo's conference day: the app starts on the day notes.
pub(super) fn clock() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 5, 16)
        .unwrap()
        .and_hms_opt(11, 10, 0)
        .unwrap()
}

pub(super) fn demo_app() -> (App, MemorySink) {
    let sink = MemorySink::default();
    let app = App::new(demo_notebook(), Box::new(sink.clone()), clock());
    (app, sink)
}

thread_local! {
    /// The test's clock for keys: a person pressing them one by one, a second apart.
    static MOMENT: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// When the next deliberately pressed key arrives: a second after the one before.
fn next_moment() -> Instant {
    MOMENT.with(|moment| {
        let next = moment
            .get()
            .map_or_else(Instant::now, |m| m + Duration::from_secs(1));
        moment.set(Some(next));
        next
    })
}

/// Presses a key as a person does, with a pause before it; a `q` that waits is waited for.
pub(super) fn press_key(app: &mut App, key: KeyEvent) {
    app.handle_key_at(key, next_moment());
    if let Some(deadline) = app.pending_quit_deadline() {
        app.tick_pending_quit(deadline);
    }
}

pub(super) fn press(app: &mut App, code: KeyCode) {
    press_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

pub(super) fn ctrl(app: &mut App, c: char) {
    press_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => press(app, KeyCode::Enter),
            c => press(app, KeyCode::Char(c)),
        }
    }
}

fn selected_title(app: &App) -> &str {
    app.selected_talk()
        .map_or("<day notes>", |t| t.title.as_str())
}

#[test]
fn starts_on_the_day_notes_of_today_with_the_schedule_focused() {
    let (app, _) = demo_app();
    assert_eq!(app.focus, Pane::Schedule);
    assert_eq!(app.selected, Selected::DayNotes);
    assert_eq!(app.editor.note, NoteRef::Day(app.current_day().date));
}

#[test]
fn j_k_move_by_talk_and_capital_j_k_by_slot() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_title(&app), "Keynote - Jay Miller");
    press(&mut app, KeyCode::Down);
    assert!(selected_title(&app).starts_with("Mock It"));
    press(&mut app, KeyCode::Char('J'));
    assert!(selected_title(&app).starts_with("Flask-Con"));
    press(&mut app, KeyCode::PageDown);
    assert!(selected_title(&app).starts_with("Ruff"));
    press(&mut app, KeyCode::Char('K'));
    assert!(selected_title(&app).starts_with("Flask-Con"));
    press(&mut app, KeyCode::Char('k'));
    assert!(selected_title(&app).starts_with("Mock It"));
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(selected_title(&app), "Lightning Talks");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        selected_title(&app),
        "Lightning Talks",
        "stays on the last talk"
    );
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.selected, Selected::DayNotes);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.selected, Selected::DayNotes, "stays on the first entry");
    press(&mut app, KeyCode::Char('K'));
    assert_eq!(app.selected, Selected::DayNotes);
}

#[test]
fn parallel_talks_share_a_slot_and_slot_keys_skip_over_them() {
    let mut notebook = demo_notebook();
    let date = notebook.days[0].date;
    notebook.add_talk(crate::model::TalkDetails {
        start: date.and_hms_opt(11, 0, 0).unwrap(),
        end: date.and_hms_opt(11, 30, 0).unwrap(),
        title: "Zzz parallel".into(),
        speakers: vec![],
        room: "Room 2".into(),
        recording: String::new(),
        lead_in: 0,
    });
    let mut app = App::new(notebook, Box::new(MemorySink::default()), clock());
    press(&mut app, KeyCode::Char('J'));
    assert_eq!(selected_title(&app), "Keynote - Jay Miller");
    press(&mut app, KeyCode::Char('J'));
    assert!(selected_title(&app).starts_with("Mock It"));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_title(&app), "Zzz parallel");
    press(&mut app, KeyCode::Char('J'));
    assert!(selected_title(&app).starts_with("Flask-Con"));
    press(&mut app, KeyCode::Char('K'));
    assert!(selected_title(&app).starts_with("Mock It"));
}

#[test]
fn typing_in_the_editor_changes_that_talks_notes_only() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Editor);
    type_text(&mut app, "q? jk\nsecond line");
    assert_eq!(app.focus, Pane::Editor, "q and ? are text while typing");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.focus, Pane::Schedule);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('i'));
    type_text(&mut app, "other");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('k'));
    let talks = &app.notebook.days[0].talks;
    assert_eq!(talks[0].notes, "q? jk\nsecond line");
    assert_eq!(talks[1].notes, "other");
    assert!(talks[2..].iter().all(|t| t.notes.is_empty()));
    assert_eq!(app.editor.textarea.lines(), ["q? jk", "second line"]);
    assert!(app.has_unsaved_changes());
}

#[test]
fn undo_history_survives_switching_talks() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "abc def");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Enter);
    // Undo goes by words (with the space after them), not by characters.
    ctrl(&mut app, 'u');
    assert_eq!(app.notebook.days[0].talks[0].notes, "abc ");
    ctrl(&mut app, 'u');
    assert_eq!(app.notebook.days[0].talks[0].notes, "");
    ctrl(&mut app, 'u');
    assert_eq!(app.notebook.days[0].talks[0].notes, "");
    ctrl(&mut app, 'r');
    assert_eq!(app.notebook.days[0].talks[0].notes, "abc ");
}

#[test]
fn notes_only_looked_at_keep_nothing_and_a_note_worked_in_keeps_its_place() {
    let (mut app, _) = demo_app();
    let talks = app.current_day().talks.len();
    assert!(talks > 3);
    for _ in 0..talks {
        press(&mut app, KeyCode::Char('j'));
    }
    assert!(
        app.places.is_empty(),
        "walking through the talks kept {} places",
        app.places.len()
    );
    // A note where the cursor was moved: coming back finds the cursor where it was,
    // and undo takes back what was typed before leaving.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "one\ntwo");
    press(&mut app, KeyCode::Up);
    let place = app.editor.cursor();
    assert_eq!(place, (0, 3));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.places.len(), 1);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.editor.cursor(), place);
    assert_eq!(app.notebook.days[0].talks[0].notes, "one\ntwo");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    assert_ne!(app.notebook.days[0].talks[0].notes, "one\ntwo");
}

#[test]
fn a_long_note_only_looked_at_keeps_nothing_either() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[1].notes = "a line of notes\n".repeat(1_000);
    let mut app = App::new(notebook, Box::new(MemorySink::default()), clock());
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert!(app.places.is_empty());
}

#[test]
fn a_and_s_toggle_attended_and_skipped() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('a'));
    assert!(app.message.as_deref().unwrap().contains("Select a talk"));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.selected_talk().unwrap().state, TalkState::Attended);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.selected_talk().unwrap().state, TalkState::Skipped);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.selected_talk().unwrap().state, TalkState::Unmarked);
}

#[test]
fn ctrl_t_makes_a_follow_up_that_the_pane_lists_and_can_toggle() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('J'));
    press(&mut app, KeyCode::Char('J'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "intro\nlook up autospec");
    ctrl(&mut app, 't');
    assert_eq!(app.editor.textarea.lines()[1], "- [ ] look up autospec");
    assert_eq!(app.editor.textarea.cursor(), (1, 22));
    type_text(&mut app, "!");
    assert_eq!(app.follow_ups.len(), 1);
    assert_eq!(app.follow_ups[0].text, "look up autospec!");
    assert!(!app.follow_ups[0].done);

    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::FollowUps);
    press(&mut app, KeyCode::Char('x'));
    assert!(app.follow_ups[0].done);
    let talk = app
        .notebook
        .talk(&app.follow_ups[0].note.clone().talk_id())
        .unwrap();
    assert_eq!(talk.notes, "intro\n- [x] look up autospec!");
    assert_eq!(
        app.editor.textarea.lines()[1],
        "- [x] look up autospec!",
        "editor follows"
    );

    press(&mut app, KeyCode::Char('H'));
    assert_eq!(app.visible_follow_ups().count(), 0);
    press(&mut app, KeyCode::Char('H'));
    press(&mut app, KeyCode::Char(' '));
    assert!(!app.follow_ups[0].done);

    // Ctrl-T again turns the line back into plain text.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Editor);
    assert_eq!(app.editor.textarea.cursor(), (1, 0));
    ctrl(&mut app, 't');
    assert_eq!(app.editor.textarea.lines()[1], "look up autospec!");
    assert!(app.follow_ups.is_empty());
}

#[test]
fn enter_on_a_follow_up_jumps_to_its_talk_and_line() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[4].notes = "one\ntwo\nTODO: django-safemigrate".into();
    let mut app = App::new(notebook, Box::new(MemorySink::default()), clock());
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::FollowUps);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Editor);
    assert!(selected_title(&app).starts_with("Continuous Deployment"));
    assert_eq!(app.editor.textarea.cursor(), (2, 0));
}

#[test]
fn adding_and_editing_a_talk_through_the_form() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('o'));
    assert!(matches!(app.overlay, Overlay::Form(_)));
    press(&mut app, KeyCode::Enter);
    let Overlay::Form(form) = &app.overlay else {
        panic!("form closed on error")
    };
    assert!(form.error.as_deref().unwrap().contains("Start"));
    type_text(&mut app, "10:00");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "45m");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Hallway chat");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Ada, Grace");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    let talk = app.selected_talk().unwrap();
    assert_eq!(talk.title, "Hallway chat");
    assert_eq!(talk.time_range(), "10:00–10:45");
    assert_eq!(talk.speakers, ["Ada", "Grace"]);

    press(&mut app, KeyCode::Char('e'));
    for _ in 0.."Hallway chat".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Hallway track");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_talk().unwrap().title, "Hallway track");
    assert_eq!(app.current_day().talks.len(), 10);

    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.current_day().talks.len(), 10);
}

#[test]
fn deleting_asks_first_and_moves_notes_to_the_day_notes() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "precious");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    let Overlay::Confirm { question, .. } = &app.overlay else {
        panic!("no confirmation")
    };
    assert!(
        question.contains("1 line(s) of notes will be moved"),
        "{question}"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.current_day().talks.len(), 9);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.current_day().talks.len(), 8);
    assert!(
        selected_title(&app).starts_with("Flask-Con"),
        "the next talk is selected"
    );
    assert!(app.current_day().notes.contains("Mock It Till You Make It"));
    assert!(app.current_day().notes.contains("precious"));
    press(&mut app, KeyCode::Char('g'));
    assert!(app.editor.textarea.lines().join("\n").contains("precious"));
}

#[test]
fn tab_cycles_focus_both_ways_and_help_opens_and_closes() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Editor);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::FollowUps);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Schedule);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::FollowUps);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Overlay::Help);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.overlay,
        Overlay::Help,
        "keys do not leak through the help"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn pasting_into_the_editor_is_one_edit_and_never_triggers_keys() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Enter);
    app.handle_paste("q\r\nline two\x1b[2J\n- [ ] pasted task");
    assert_eq!(app.notebook.days[0].notes, "q\nline two\n- [ ] pasted task");
    assert!(!app.should_quit);
    assert_eq!(app.follow_ups.len(), 1);
    ctrl(&mut app, 'u');
    assert_eq!(app.notebook.days[0].notes, "");
}

#[test]
fn an_empty_notebook_gets_a_day_to_write_in() {
    let notebook = Notebook::new("Empty", "");
    let app = App::new(notebook, Box::new(MemorySink::default()), clock());
    assert_eq!(app.notebook.days.len(), 1);
    assert_eq!(app.current_day().date, clock().date());
    assert!(!app.has_unsaved_changes());
}

impl NoteRef {
    fn talk_id(self) -> String {
        match self {
            NoteRef::Talk(id) => id,
            NoteRef::Day(_) => panic!("not a talk"),
        }
    }
}

#[test]
fn follow_ups_updated_per_note_match_a_full_scan() {
    let (mut app, _) = demo_app();
    let edits: [(usize, &str); 4] = [
        (1, "- [ ] one\nTODO two"),
        (3, "x\n- [ ] three"),
        (1, "TODO two"),
        (2, "- [x] four"),
    ];
    for (talk, text) in edits {
        press(&mut app, KeyCode::Char('g'));
        for _ in 0..talk {
            press(&mut app, KeyCode::Char('j'));
        }
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'a');
        for _ in 0..3 {
            ctrl(&mut app, 'k');
            ctrl(&mut app, 'k');
        }
        type_text(&mut app, text);
        press(&mut app, KeyCode::Esc);
        assert_eq!(
            app.follow_ups,
            followup::collect(&app.notebook),
            "after editing talk {talk}"
        );
    }
    assert!(app.follow_ups.iter().any(|f| f.text == "four" && f.done));
    assert!(app.follow_ups.iter().any(|f| f.text == "three" && !f.done));
}

#[test]
fn an_external_edit_is_one_step_of_undo_and_a_read_only_window_refuses_it() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "mine");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('E'));
    let edit = app.take_external_edit().expect("asked for");
    assert_eq!(edit.text, "mine");
    assert!(app.take_external_edit().is_none(), "asked once");
    app.external_edit_done(&edit.note, Ok("mine\nand more from vim\n".into()));
    assert_eq!(
        app.notebook.days[0].talks[0].notes,
        "mine\nand more from vim"
    );
    assert!(app.has_unsaved_changes());
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    assert_eq!(app.notebook.days[0].talks[0].notes, "mine");
    // A failure changes nothing and says why.
    app.external_edit_done(&edit.note, Err("vi ended with exit status: 1".into()));
    assert_eq!(app.notebook.days[0].talks[0].notes, "mine");
    assert!(
        app.message
            .clone()
            .unwrap()
            .starts_with("Notes not changed: vi ended")
    );
    // Read-only: never asked.
    press(&mut app, KeyCode::Esc);
    app.read_only = Some("held elsewhere".into());
    press(&mut app, KeyCode::Char('E'));
    assert!(app.take_external_edit().is_none());
}

#[test]
fn the_notebook_keeps_the_editors_text_exactly_through_any_mix_of_edits() {
    // A long note (held a window at a time) with follow-ups in it; edits of one line
    // are taken line by line, others whole: the notebook must always hold the text.
    let mut notebook = demo_notebook();
    notebook.days[0].talks[0].notes = (0..400)
        .map(|n| {
            if n % 37 == 0 {
                format!("- [ ] follow up {n}")
            } else {
                format!("line {n} of the talk")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut app = App::new(notebook, Box::new(MemorySink::default()), clock());
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    let check = |app: &App, step: &str| {
        assert!(
            app.editor
                .is_in_step_with(&app.notebook.days[0].talks[0].notes),
            "after {step}"
        );
        assert_eq!(
            app.follow_ups,
            followup::collect(&app.notebook),
            "follow-ups after {step}"
        );
    };
    let keys: Vec<KeyEvent> = "ab c\u{7f}\u{7f}x\n- [ ] new task\u{7f}\u{7f}zz"
        .chars()
        .map(|c| match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\u{7f}' => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        })
        .collect();
    for (round, line) in [0usize, 36, 37, 150, 399, 74].into_iter().enumerate() {
        app.jump_in_note(line, 3);
        for (n, key) in keys.iter().enumerate() {
            // Typed keys go the terminal's way (left for after the frame), every third
            // key the direct way.
            if n % 3 == 0 {
                app.handle_key(*key);
            } else {
                app.apply_burst(vec![Event::Key(*key)]);
                app.settle();
            }
            check(&app, &format!("round {round}, key {n}"));
        }
        ctrl(&mut app, 'k');
        check(&app, "Ctrl-K");
        app.handle_key(KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE));
        check(&app, "Delete at the end of a line");
        ctrl(&mut app, 'u');
        check(&app, "undo");
    }
}

mod moving;
mod saving;
