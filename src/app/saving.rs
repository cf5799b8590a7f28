//! Saving: what is unsaved, saving now or in the background, and what happens when a
//! save fails (a rescue copy) or a crash left a recovery copy.

use std::time::Instant;

use super::{
    AUTOSAVE_DELAY, AUTOSAVE_MAX_INTERVAL, AUTOSAVE_POLL, App, Confirm, Overlay, SAVE_RETRY,
    SaveState,
};
use crate::model::Notebook;

impl App {
    pub(super) fn mark_unsaved(&mut self) {
        self.changes += 1;
        let now = Instant::now();
        self.changed_at = Some(now);
        self.unsaved_since.get_or_insert(now);
        if self.save_state == SaveState::Saved {
            self.save_state = SaveState::Unsaved;
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.save_state != SaveState::Saved
    }

    /// Writes the notebook now. Failures are shown, never fatal: the notes stay in memory
    /// and saving is retried.
    pub fn save_now(&mut self) -> bool {
        self.settle();
        if self.read_only.is_some() {
            return false;
        }
        // An autosave under way is waited for by the sink; this save writes the latest.
        self.saving = None;
        match self.sink.save(&self.notebook) {
            Ok(()) => {
                self.saved_all();
                true
            }
            Err(reason) => {
                self.save_failed(reason.to_string());
                false
            }
        }
    }

    /// A save wrote every change made so far.
    fn saved_all(&mut self) {
        self.hear_from_the_save();
        self.save_state = SaveState::Saved;
        self.changed_at = None;
        self.unsaved_since = None;
        self.retry_at = None;
    }

    /// A save failed: said on screen, tried again in a while.
    fn save_failed(&mut self, reason: String) {
        self.save_state = SaveState::Failed(reason);
        self.retry_at = Some(Instant::now() + SAVE_RETRY);
    }

    /// Autosaves without waiting for the disk where the sink can (a copy of the notebook
    /// is written on another thread), else in place.
    pub(super) fn autosave(&mut self) {
        if self.read_only.is_some() || self.saving.is_some() {
            return;
        }
        if self.sink.start_save(self.notebook.clone()) {
            self.saving = Some(self.changes);
        } else {
            self.save_now();
        }
    }

    /// Takes in how an autosave on its own thread ended, once it has.
    pub(super) fn hear_from_autosave(&mut self) {
        let Some(saved) = self.saving else {
            return;
        };
        let Some(result) = self.sink.finished_save(false) else {
            return;
        };
        self.saving = None;
        match result {
            Ok(()) if saved == self.changes => self.saved_all(),
            Ok(()) => {
                // Typed on while it wrote: those changes wait for the next save.
                self.hear_from_the_save();
                self.retry_at = None;
                self.save_state = SaveState::Unsaved;
                self.unsaved_since = self.changed_at;
            }
            Err(reason) => self.save_failed(reason.to_string()),
        }
    }

    /// When the event loop must wake up next to autosave, if ever.
    pub fn autosave_deadline(&self) -> Option<Instant> {
        if self.saving.is_some() {
            // Soon, to show "saved" when the save on its own thread is done.
            return Some(Instant::now() + AUTOSAVE_POLL);
        }
        match self.save_state {
            SaveState::Saved => None,
            // A second after typing pauses, but no later than 10 s after the first change.
            SaveState::Unsaved => match (self.changed_at, self.unsaved_since) {
                (Some(last), Some(first)) => {
                    Some((last + AUTOSAVE_DELAY).min(first + AUTOSAVE_MAX_INTERVAL))
                }
                _ => None,
            },
            SaveState::Failed(_) => self.retry_at,
        }
    }

    /// The last way out when saving fails: a copy somewhere else, then quit.
    pub(super) fn write_rescue_copy_and_quit(&mut self) {
        if self.rescue() {
            self.should_quit = true;
        }
    }

    /// Writes the notes to a rescue copy away from the notebook (remembered in
    /// `rescued_to`); false, with a message, if even that fails.
    pub fn rescue(&mut self) -> bool {
        self.settle();
        let file = self
            .notebook_file()
            .unwrap_or_else(|| std::path::PathBuf::from("notebook.json"));
        match crate::store::write_rescue_copy(&self.notebook, &file) {
            Ok(path) => {
                self.rescued_to = Some(path);
                true
            }
            Err(error) => {
                self.message = Some(format!("Could not write a copy anywhere: {error}"));
                false
            }
        }
    }

    /// Offers to restore the notes a crash left in `path` (asks first).
    pub fn offer_recovery(&mut self, path: std::path::PathBuf, recovered: Notebook) {
        let why = "talkbook did not close properly last time, and left unsaved notes in";
        self.offer_restore(why, path, recovered);
    }

    /// Offers the rescue copy at `path`, written when the notes could not be saved and
    /// nobody was there to see it (the terminal had gone too).
    pub fn offer_rescue(&mut self, path: std::path::PathBuf, rescued: Notebook) {
        let why = "Last time the notes could not be saved here, and were kept in";
        self.offer_restore(why, path, rescued);
    }

    fn offer_restore(&mut self, why: &str, path: std::path::PathBuf, notebook: Notebook) {
        let (y, n) = self.yes_no();
        self.overlay = Overlay::Confirm {
            question: format!(
                "{why}\n{}\nRestore them? ({y}/{n}; {n} keeps the file)",
                path.display()
            ),
            about: Confirm::RestoreRecovery,
        };
        self.pending_recovery = Some((path, notebook));
    }

    pub(super) fn restore_recovery(&mut self) {
        let Some((path, recovered)) = self.pending_recovery.take() else {
            return;
        };
        self.replace_notebook(recovered);
        self.mark_changed();
        if self.save_now() {
            crate::store::discard_recovery(&path);
            self.message = Some("Restored the notes from the crash copy.".into());
        }
    }

    /// Writes the notebook beside itself after a crash; where it went, or why not.
    pub fn write_recovery(&mut self) -> Result<String, String> {
        self.settle();
        let Some(file) = self.sink.file() else {
            return Err("this notebook has no file to write a recovery copy beside".into());
        };
        file.write_recovery(&self.notebook)
            .map(|path| path.display().to_string())
            .map_err(|error| error.to_string())
    }
}
