//! A notebook another talkbook holds is shown read-only, honestly: the editor never
//! opens to drop keystrokes. Trying to write says which process holds it and offers to
//! take over: that talkbook is asked to save and quit (SIGTERM), and if it does not let
//! go (stuck, or on a terminal that is gone), a second yes stops it for good (SIGKILL).
//! When it has already ended, the notebook is simply taken.

use super::{App, Confirm, Overlay, Pane};
use crate::model::Notebook;
use crate::store::{LockError, Pid, StopHolder, TakeOverError};

/// Which talkbook holds the notebook this window shows read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldElsewhere {
    /// Its process id, as its lock file says (absent if unreadable).
    pub pid: Option<Pid>,
}

impl App {
    /// Focuses the editor if its text can change; otherwise says why and what to do.
    pub(super) fn enter_editor(&mut self) {
        if self.read_only.is_none() {
            self.set_focus(Pane::Editor);
            return;
        }
        if self.held_elsewhere.is_some() {
            // It may have ended since: then the notebook is free to take.
            if let Some(Ok(notebook)) = self.sink.file().map(|file| file.take_over(None)) {
                self.took_over(notebook, "The other talkbook has ended");
                self.set_focus(Pane::Editor);
                return;
            }
            self.ask_take_over(false);
            return;
        }
        let reason = self.read_only.clone().unwrap_or_default();
        self.message = Some(format!(
            "This window only reads the notebook ({reason}): notes cannot be written here."
        ));
    }

    fn ask_take_over(&mut self, force: bool) {
        let holder = match self.held_elsewhere.and_then(|held| held.pid) {
            Some(pid) => format!("another talkbook (process {pid})"),
            None => "another talkbook".to_string(),
        };
        let (y, n) = self.yes_no();
        let question = if force {
            format!(
                "{holder} did not let go: it may be stuck, or its terminal is gone.\n{y}: stop it now (what it had not saved is lost; what it saved stays) · {n}: keep reading"
            )
        } else {
            format!(
                "The notebook is open in {holder}, so this window only reads it.\nQuit it there to write here, or {y}: take over (it saves and quits first) · {n}: keep reading"
            )
        };
        self.overlay = Overlay::Confirm {
            question,
            about: Confirm::TakeOver { force },
        };
    }

    pub(super) fn take_over(&mut self, force: bool) {
        let stop = self
            .held_elsewhere
            .and_then(|held| held.pid)
            .map(|pid| StopHolder { pid, force });
        let Some(file) = self.sink.file() else {
            self.message = Some("Could not take over: this notebook has no file.".into());
            return;
        };
        match file.take_over(stop) {
            Ok(notebook) => {
                self.took_over(notebook, "Taken over");
                self.set_focus(Pane::Editor);
            }
            // Asked to quit, it did not let go in time: offer to stop it.
            Err(TakeOverError::Lock(LockError::Held { .. })) if !force && stop.is_some() => {
                self.ask_take_over(true)
            }
            Err(reason) => self.message = Some(format!("Could not take over: {reason}")),
        }
    }

    fn took_over(&mut self, notebook: Notebook, how: &str) {
        self.read_only = None;
        self.held_elsewhere = None;
        self.replace_notebook(notebook);
        self.message = Some(format!(
            "{how}: this window writes the notebook now, as the other one left it."
        ));
        // The other one may have been stopped while its notes were in an editor.
        if let Some(file) = self.notebook_file()
            && let Some((edit, text)) = crate::store::left_in_an_editor(&file)
        {
            self.offer_left_in_an_editor(edit, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::HeldElsewhere;
    use crate::app::tests::{demo_app, press};
    use crate::app::{Overlay, Pane};

    #[test]
    fn a_notebook_held_elsewhere_never_opens_the_editor_and_offers_to_take_over() {
        // A notebook file whose lock is held (here, by the test) by "process 4242",
        // which is no talkbook: taking over must not signal it.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("held.json");
        crate::store::save(&path, &crate::store::demo_notebook()).unwrap();
        let _held = crate::store::lock_for_writing(&path).unwrap();
        let sink = crate::store::FileSink::new(path.clone(), None, None);
        let mut app = crate::app::App::new(
            crate::store::demo_notebook(),
            Box::new(sink),
            crate::app::tests::clock(),
        );
        app.read_only = Some("open in another talkbook (process 4242)".into());
        app.held_elsewhere = Some(HeldElsewhere {
            pid: crate::store::Pid::parse("4242"),
        });
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, Pane::Schedule);
        let Overlay::Confirm { question, .. } = &app.overlay else {
            panic!("a question, not the editor: {:?}", app.overlay)
        };
        assert!(question.contains("process 4242"), "{question}");
        // (Asking a real talkbook that does not let go, and stopping it, is
        // tests/durability.rs's take-over test.)
        press(&mut app, KeyCode::Char('y'));
        let message = app.message.as_deref().unwrap();
        assert!(
            message.starts_with("Could not take over: process 4242 is not a talkbook"),
            "{message}"
        );
        assert!(app.read_only.is_some());
        assert_eq!(app.focus, Pane::Schedule);
        // Tab skips the editor while nothing can be typed into it.
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, Pane::FollowUps);
    }

    #[test]
    fn a_newer_format_says_why_the_editor_stays_closed() {
        let (mut app, _) = demo_app();
        app.read_only = Some("written by a newer talkbook (format 7)".into());
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, Pane::Schedule);
        assert_eq!(app.overlay, Overlay::None);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("cannot be written here")
        );
    }
}
