//! How talks and notes are named in text: in the export, the follow-up list and the
//! editor's title, and what import-notes reads back.

use std::fmt::Write as _;

use super::{ClockFormat, NoteRef, Notebook, Talk};
use crate::text::clean_line;

/// What starts the line of a talk's links in the export (`Links: [Page](…) · …`);
/// import-notes knows the line by it.
pub const LINKS_PREFIX: &str = "Links: ";

/// `Title — Speakers (Room)`, cleaned for display.
pub fn talk_title_line(talk: &Talk) -> String {
    let mut line = clean_line(&talk.title).into_owned();
    if !talk.speakers.is_empty() {
        write!(line, " — {}", clean_line(&talk.speakers_joined())).unwrap();
    }
    if !talk.room.is_empty() {
        write!(line, " ({})", clean_line(&talk.room)).unwrap();
    }
    line
}

/// Where a follow-up came from, for the follow-up list: `Title (11:00)` or
/// `Day notes (Sat 18 May)`.
pub fn source_label(notebook: &Notebook, note: &NoteRef, clock: ClockFormat) -> String {
    let talk = match note {
        NoteRef::Talk(id) => notebook.talk(id),
        NoteRef::Day(_) => None,
    };
    label(note, talk, clock)
}

pub(crate) fn label(note: &NoteRef, talk: Option<&Talk>, clock: ClockFormat) -> String {
    match (note, talk) {
        (NoteRef::Day(date), _) => format!("Day notes ({})", date.format("%a %-d %b")),
        (NoteRef::Talk(_), Some(talk)) => {
            format!("{} ({})", clean_line(&talk.title), clock.time(talk.start))
        }
        (NoteRef::Talk(_), None) => "unknown talk".to_string(),
    }
}
