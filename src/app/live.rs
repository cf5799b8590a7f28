//! Writing during a talk: the notes of a talk that runs now mark it attended, and time
//! stamps since its start are only given where they mean a moment of the recording.

use chrono::Duration;

use super::App;
use crate::model::TalkState;
use crate::model::history::Step;

/// After its scheduled end, a talk still counts as running for a while (questions, a
/// late start): for attending by writing, and for offset stamps.
pub const OVERRUN: Duration = Duration::minutes(30);

/// When a talk that ends at `end` stops counting as running (checked: a date from a
/// file is never trusted to leave room).
fn overrun_end(end: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    end.checked_add_signed(OVERRUN)
        .unwrap_or(chrono::NaiveDateTime::MAX)
}

impl App {
    /// Marks the open talk attended when notes are written in it while it runs, unless
    /// the person marked it something other than planned. Undoable like a mark.
    pub(super) fn attend_by_writing(&mut self) {
        let crate::model::NoteRef::Talk(id) = &self.editor.note else {
            return;
        };
        let clock = self.clock;
        let Some(talk) = self.notebook.talk_mut(id) else {
            return;
        };
        let running = talk.start <= clock && clock < overrun_end(talk.end);
        if !running || !matches!(talk.state, TalkState::Unmarked | TalkState::Planned) {
            return;
        }
        let before = talk.clone();
        talk.state = TalkState::Attended;
        let label = format!("marked attended: {}", talk.title);
        self.history.record(label, Step::SetTalk(before));
        self.revision_changed();
        self.message = Some(
            "Marked attended: you are writing in it while it runs (u in the schedule: undo)."
                .into(),
        );
    }

    /// The stamp Ctrl-O types, and why it is the clock time when it is not an offset.
    pub(super) fn offset_stamp_text(&self) -> (String, Option<&'static str>) {
        let clock_stamp = || format!("[{}] ", self.clock_format.time(self.clock));
        let Some(talk) = self.selected_talk() else {
            return (
                clock_stamp(),
                Some("Day notes have no start time: inserted the clock time."),
            );
        };
        if self.clock < talk.start {
            return (
                clock_stamp(),
                Some("The talk has not started yet: inserted the clock time."),
            );
        }
        if self.clock >= overrun_end(talk.end) {
            return (
                clock_stamp(),
                Some("The talk is long over: inserted the clock time."),
            );
        }
        (
            format!(
                "[{}] ",
                crate::model::stamp::offset_stamp(self.clock - talk.start)
            ),
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::*;
    use crate::app::Selected;
    use crate::app::tests::{ctrl, demo_app, press, type_text};

    /// The demo at `time` on its day, on the 11:00 talk (Mock It Till You Make It).
    fn at(time: &str) -> App {
        let (mut app, _) = demo_app();
        let clock =
            chrono::NaiveDateTime::parse_from_str(&format!("2024-05-17 {time}"), "%Y-%m-%d %H:%M")
                .unwrap();
        app.tick(std::time::Instant::now(), clock);
        app.jump_to(&crate::model::NoteRef::Talk("pycon-7".into()), None);
        assert_eq!(app.selected, Selected::Talk("pycon-7".into()));
        app
    }

    fn state(app: &App) -> TalkState {
        app.selected_talk().unwrap().state
    }

    #[test]
    fn writing_while_a_talk_runs_marks_it_attended_and_u_takes_that_back() {
        let mut app = at("11:10");
        let talk = app.notebook.talk_mut("pycon-7").unwrap();
        talk.state = TalkState::Unmarked;
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "mocks");
        assert_eq!(state(&app), TalkState::Attended);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(state(&app), TalkState::Unmarked);
        assert!(
            app.notebook
                .talk("pycon-7")
                .unwrap()
                .notes
                .contains("mocks")
        );
    }

    #[test]
    fn a_skipped_talk_or_one_written_about_later_keeps_its_mark() {
        let mut app = at("11:10");
        app.notebook.talk_mut("pycon-7").unwrap().state = TalkState::Skipped;
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "heard it was good");
        assert_eq!(state(&app), TalkState::Skipped);

        let mut app = at("19:30");
        app.notebook.talk_mut("pycon-7").unwrap().state = TalkState::Unmarked;
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "watched the recording");
        assert_eq!(state(&app), TalkState::Unmarked);
    }

    #[test]
    fn offset_stamps_only_within_the_talk_and_a_little_after() {
        for (time, expected, why) in [
            ("10:17", "[10:17] ", true),
            ("11:00", "[+00:00] ", false),
            ("11:12", "[+12:00] ", false),
            ("11:55", "[+55:00] ", false),
            ("12:00", "[12:00] ", true),
        ] {
            let mut app = at(time);
            // Already marked: only the stamp speaks.
            app.notebook.talk_mut("pycon-7").unwrap().state = TalkState::Attended;
            press(&mut app, KeyCode::Enter);
            ctrl(&mut app, 'o');
            let notes = app.notebook.talk("pycon-7").unwrap().notes.clone();
            assert!(notes.starts_with(expected), "at {time}: {notes:?}");
            assert_eq!(app.message.is_some(), why, "at {time}: {:?}", app.message);
        }
    }
}
