//! The notebook file changed on disk while it is open (an editor, a sync tool, `git
//! pull`): with nothing unsaved here, the new version is shown; with unsaved notes, the
//! save keeps the other version beside ours (see `store::FileSink`) and says where.

use std::time::{Duration, Instant};

use super::App;

/// How often the file is looked at (one `stat`).
pub const DISK_CHECK_INTERVAL: Duration = Duration::from_secs(1);

impl App {
    /// Reloads the notebook if it changed on disk and nothing here is unsaved.
    pub(super) fn check_disk(&mut self, now: Instant) {
        if self
            .disk_checked_at
            .is_some_and(|at| now.saturating_duration_since(at) < DISK_CHECK_INTERVAL)
        {
            return;
        }
        self.disk_checked_at = Some(now);
        if self.reload_if_changed_on_disk() {
            self.notice = Some("The notebook changed on disk: showing that version.".into());
        }
    }

    /// Shows the notebook as the file now holds it, if it changed and nothing here is
    /// unsaved; whether it did.
    pub(super) fn reload_if_changed_on_disk(&mut self) -> bool {
        let writable_or_shared = self.read_only.is_none() || self.held_elsewhere.is_some();
        if self.has_unsaved_changes() || !writable_or_shared {
            return false;
        }
        let Some(file) = self.sink.file() else {
            return false;
        };
        match file.changed_on_disk() {
            None => false,
            // Touched but the same (a sync tool setting the time): nothing to show.
            Some(Ok(mut notebook)) => {
                notebook.normalize();
                if notebook == self.notebook {
                    return false;
                }
                self.replace_notebook(notebook);
                true
            }
            Some(Err(reason)) => {
                self.message = Some(format!(
                    "The notebook changed on disk but cannot be read ({reason}); what is shown here stays."
                ));
                false
            }
        }
    }

    /// After a save: what it had to do about a version written by someone else.
    pub(super) fn hear_from_the_save(&mut self) {
        if let Some(notice) = self.sink.file().and_then(|file| file.take_notice()) {
            self.notice = Some(notice);
        }
    }
}
