//! Saving from the app: autosave, failures, quitting, read-only windows, rescue and
//! recovery copies, and saves on their own thread.

use super::*;

#[test]
fn autosave_happens_a_second_after_the_last_change() {
    let (mut app, sink) = demo_app();
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "hallway");
    let now = Instant::now();
    app.tick(now, clock());
    assert!(sink.saved.borrow().is_empty(), "not yet");
    assert!(app.autosave_deadline().is_some());
    app.tick(now + Duration::from_millis(1100), clock());
    assert_eq!(sink.saved.borrow().len(), 1);
    assert_eq!(sink.saved.borrow()[0].days[0].notes, "hallway");
    assert_eq!(app.save_state, SaveState::Saved);
    assert_eq!(app.autosave_deadline(), None);
}

#[test]
fn a_failed_save_is_shown_retried_and_never_loses_the_notes() {
    let (mut app, sink) = demo_app();
    *sink.fail.borrow_mut() = Some("No space left on device".into());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "keep me");
    ctrl(&mut app, 's');
    assert_eq!(
        app.save_state,
        SaveState::Failed("No space left on device".into())
    );
    assert_eq!(app.notebook.days[0].notes, "keep me");
    ctrl(&mut app, 'q');
    assert!(
        !app.should_quit,
        "does not quit silently with unsaved notes"
    );
    assert!(matches!(
        app.overlay,
        Overlay::Confirm {
            about: Confirm::QuitWithoutSaving,
            ..
        }
    ));
    press(&mut app, KeyCode::Char('n'));
    *sink.fail.borrow_mut() = None;
    app.tick(Instant::now() + SAVE_RETRY, clock());
    assert_eq!(app.save_state, SaveState::Saved);
    assert_eq!(sink.saved.borrow().last().unwrap().days[0].notes, "keep me");
    ctrl(&mut app, 'q');
    assert!(app.should_quit);
}

#[test]
fn quitting_saves_first() {
    let (mut app, sink) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
    assert_eq!(sink.saved.borrow().len(), 1);
    assert_eq!(
        sink.saved.borrow()[0].days[0].talks[0].state,
        TalkState::Attended
    );
}

#[test]
fn continuous_typing_still_saves_at_least_every_ten_seconds() {
    let (mut app, sink) = demo_app();
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "a");
    let now = Instant::now();
    // Typing never paused for a second, but the first unsaved change is 10 s old.
    app.unsaved_since = Some(now - AUTOSAVE_MAX_INTERVAL - Duration::from_millis(1));
    app.changed_at = Some(now);
    assert!(app.autosave_deadline().unwrap() <= now);
    app.tick(now, clock());
    assert_eq!(sink.saved.borrow().len(), 1);
    // And a fresh change waits for the pause again.
    type_text(&mut app, "b");
    let deadline = app.autosave_deadline().unwrap();
    assert!(deadline > Instant::now() + Duration::from_millis(500));
}

#[test]
fn switching_talks_while_a_save_is_pending_keeps_each_text_in_its_talk() {
    let (mut app, sink) = demo_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "keynote text");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "mock text");
    assert!(
        app.autosave_deadline().is_some(),
        "the save is still pending"
    );
    app.tick(Instant::now() + Duration::from_secs(2), clock());
    let saved = sink.saved.borrow();
    let talks = &saved.last().unwrap().days[0].talks;
    assert_eq!(talks[0].notes, "keynote text");
    assert_eq!(talks[1].notes, "mock text");
    assert!(talks[2..].iter().all(|t| t.notes.is_empty()));
}

#[test]
fn a_read_only_notebook_refuses_every_change_and_never_saves() {
    let (mut app, sink) = demo_app();
    app.read_only = Some("open in another talkbook".into());
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(
        app.message.as_deref(),
        Some("Not changed: this window only reads the notebook (see the banner).")
    );
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Schedule, "the editor stays closed");
    // Even with the focus put there by force, nothing typed sticks.
    app.focus = Pane::Editor;
    type_text(&mut app, "xyz");
    app.handle_paste("pasted");
    press(&mut app, KeyCode::Left);
    assert_eq!(app.notebook, demo_notebook());
    assert!(app.editor.textarea.is_empty(), "the edits were taken back");
    ctrl(&mut app, 's');
    ctrl(&mut app, 'q');
    assert!(app.should_quit);
    assert!(sink.saved.borrow().is_empty());
}

#[test]
fn when_saving_fails_quitting_can_write_a_rescue_copy() {
    let (mut app, sink) = demo_app();
    *sink.fail.borrow_mut() = Some("Read-only file system".into());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "rescue me");
    ctrl(&mut app, 'q');
    let Overlay::Confirm { question, .. } = &app.overlay else {
        panic!("no question")
    };
    assert!(question.contains("w: write a copy elsewhere"), "{question}");
    press(&mut app, KeyCode::Char('w'));
    assert!(app.should_quit);
    let rescued = app.rescued_to.clone().expect("a rescue copy");
    let copy = crate::store::load(&rescued).unwrap();
    std::fs::remove_file(&rescued).unwrap();
    assert_eq!(copy.days[0].notes, "rescue me");
}

#[test]
fn a_recovery_copy_is_restored_only_when_the_user_says_yes() {
    let dir = tempfile::tempdir().unwrap();
    let mut recovered = demo_notebook();
    recovered.days[0].notes = "from the crash".into();
    let recovery = dir.path().join("nb.json.recovery");
    std::fs::write(&recovery, crate::store::to_json(&recovered)).unwrap();

    let (mut app, _) = demo_app();
    app.offer_recovery(recovery.clone(), recovered.clone());
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.notebook.days[0].notes, "");
    assert!(!recovery.exists(), "set aside, not deleted");
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        kept.to_string_lossy().contains("recovery-set-aside-"),
        "{kept:?}"
    );

    std::fs::write(&recovery, crate::store::to_json(&recovered)).unwrap();
    let (mut app, sink) = demo_app();
    app.offer_recovery(recovery.clone(), recovered);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.notebook.days[0].notes, "from the crash");
    assert_eq!(app.editor.textarea.lines(), ["from the crash"]);
    assert_eq!(
        sink.saved.borrow().last().unwrap().days[0].notes,
        "from the crash"
    );
    assert!(!recovery.exists());
}

/// A sink whose autosaves run "in the background": each waits until the test lets it
/// finish, the way a slow disk makes a save wait.
#[derive(Clone, Default)]
struct SlowSink {
    started: Rc<RefCell<Vec<Notebook>>>,
    finished: Rc<RefCell<Vec<Result<(), String>>>>,
    in_place: Rc<RefCell<usize>>,
}

impl NotebookSink for SlowSink {
    fn save(&mut self, _: &Notebook) -> Result<(), SaveError> {
        *self.in_place.borrow_mut() += 1;
        Ok(())
    }

    fn location(&self) -> String {
        "slow".into()
    }

    fn start_save(&mut self, notebook: Notebook) -> bool {
        self.started.borrow_mut().push(notebook);
        true
    }

    fn finished_save(&mut self, _wait: bool) -> Option<Result<(), SaveError>> {
        self.finished
            .borrow_mut()
            .pop()
            .map(|result| result.map_err(failed))
    }

    fn file(&mut self) -> Option<&mut crate::store::FileSink> {
        None
    }
}

#[test]
fn typing_goes_on_while_an_autosave_writes_and_what_came_after_is_saved_next() {
    let sink = SlowSink::default();
    let mut app = App::new(demo_notebook(), Box::new(sink.clone()), clock());
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "first");
    let later = Instant::now() + AUTOSAVE_MAX_INTERVAL;
    app.tick(later, clock());
    assert_eq!(sink.started.borrow().len(), 1, "an autosave began");
    assert_eq!(sink.started.borrow()[0].days[0].talks[0].notes, "first");
    // The disk is slow: keys keep being taken, and no second save starts meanwhile.
    type_text(&mut app, " second");
    app.tick(later + Duration::from_secs(20), clock());
    assert_eq!(sink.started.borrow().len(), 1);
    assert!(app.has_unsaved_changes());
    assert!(
        app.autosave_deadline()
            .is_some_and(|at| at <= Instant::now() + Duration::from_secs(1)),
        "the loop wakes soon to hear how it went"
    );
    // It finishes: "first" is on disk, " second" is not yet, so still unsaved...
    sink.finished.borrow_mut().push(Ok(()));
    app.tick(later + Duration::from_secs(21), clock());
    assert!(app.has_unsaved_changes());
    // ...and the next autosave writes it.
    app.tick(later + Duration::from_secs(40), clock());
    assert_eq!(sink.started.borrow().len(), 2);
    assert_eq!(
        sink.started.borrow()[1].days[0].talks[0].notes,
        "first second"
    );
    sink.finished.borrow_mut().push(Ok(()));
    app.tick(later + Duration::from_secs(41), clock());
    assert_eq!(app.save_state, SaveState::Saved);
    assert_eq!(*sink.in_place.borrow(), 0, "never blocked on the disk");
}

#[test]
fn a_failed_background_save_is_shown_and_quitting_saves_in_place() {
    let sink = SlowSink::default();
    let mut app = App::new(demo_notebook(), Box::new(sink.clone()), clock());
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "notes");
    let later = Instant::now() + AUTOSAVE_MAX_INTERVAL;
    app.tick(later, clock());
    sink.finished
        .borrow_mut()
        .push(Err("No space left on device".into()));
    app.tick(later + Duration::from_secs(1), clock());
    assert_eq!(
        app.save_state,
        SaveState::Failed("No space left on device".into())
    );
    // Ctrl-Q saves in place, whatever is under way.
    ctrl(&mut app, 'q');
    assert!(app.should_quit);
    assert_eq!(*sink.in_place.borrow(), 1);
    assert_eq!(app.save_state, SaveState::Saved);
}
