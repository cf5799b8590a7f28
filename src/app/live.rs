//! Writing during a talk: the notes of a talk that runs now mark it attended, and time
//! stamps since its start are only given where they mean a moment of the recording.

use chrono::Duration;

use super::{App, Selected};
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

    /// The stamp Ctrl-O types, and why it is the clock time when it is not an offset;
    /// an offset counts from the moment the talk's stamps count from (Ctrl-B), else from
    /// its scheduled start, which is then kept with them.
    pub(super) fn insert_offset_stamp(&mut self) {
        let clock_stamp = format!("[{}] ", self.clock_format.time(self.clock));
        let (stamp, why) = match self.selected_talk() {
            None => (
                clock_stamp,
                Some("Day notes have no start time: inserted the clock time."),
            ),
            Some(talk) if self.clock < talk.stamp_origin() => (
                clock_stamp,
                Some("The talk has not started yet: inserted the clock time."),
            ),
            Some(talk) if self.clock >= overrun_end(talk.end.max(talk.stamp_origin())) => (
                clock_stamp,
                Some("The talk is long over: inserted the clock time."),
            ),
            Some(talk) => (
                format!(
                    "[{}] ",
                    crate::model::stamp::offset_stamp(self.clock - talk.stamp_origin())
                ),
                None,
            ),
        };
        if why.is_none()
            && let Selected::Talk(id) = &self.selected
            && let Some(talk) = self.notebook.talk_mut(id)
            && talk.stamps_from.is_none()
        {
            talk.stamps_from = Some(talk.start);
        }
        self.message = why.map(String::from);
        self.insert_piece(&stamp);
    }

    /// Ctrl-B: the talk began now. From here `[+12:34]` stamps count from this moment
    /// (talks start late), unless the notes already hold stamps counted from another:
    /// those keep their meaning, so the moment stays.
    pub(super) fn talk_began(&mut self) {
        let clock = self.clock;
        let clock_format = self.clock_format;
        let Selected::Talk(id) = &self.selected else {
            self.message = Some("Day notes are no talk: Ctrl-B is for a talk's notes.".into());
            return;
        };
        let Some(talk) = self.notebook.talk_mut(id) else {
            return;
        };
        let origin = talk.stamp_origin();
        if origin != clock && crate::model::stamp::has_offset_stamp(&talk.notes) {
            self.message = Some(format!(
                "Stamps in these notes count from {}; they keep that meaning, so Ctrl-O goes on counting from then.",
                clock_format.time(origin)
            ));
            return;
        }
        talk.stamps_from = Some(clock);
        self.mark_changed();
        self.message = Some(format!(
            "The talk began at {}: Ctrl-O now counts from then ([+00:00]).",
            clock_format.time_with_seconds(clock)
        ));
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

    fn tick_to(app: &mut App, time: &str) {
        let clock = chrono::NaiveDateTime::parse_from_str(
            &format!("2024-05-17 {time}"),
            "%Y-%m-%d %H:%M:%S",
        )
        .unwrap();
        app.tick(std::time::Instant::now(), clock);
    }

    fn notes(app: &App) -> String {
        app.notebook.talk("pycon-7").unwrap().notes.clone()
    }

    #[test]
    fn after_ctrl_b_stamps_count_from_when_the_talk_began() {
        let mut app = at("11:03");
        tick_to(&mut app, "11:03:10");
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'b');
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("began at 11:03:10"),
            "{:?}",
            app.message
        );
        tick_to(&mut app, "11:05:40");
        ctrl(&mut app, 'o');
        assert_eq!(notes(&app), "[+02:30] ");
        let talk = app.notebook.talk("pycon-7").unwrap();
        assert_eq!(
            talk.stamps_from.unwrap().format("%T").to_string(),
            "11:03:10"
        );
        // The talk may run late by its own start: stamps go on to 30 minutes after the
        // scheduled end.
        tick_to(&mut app, "11:59:00");
        ctrl(&mut app, 'o');
        assert!(notes(&app).ends_with("[+55:50] "), "{}", notes(&app));
    }

    #[test]
    fn stamps_written_keep_what_they_counted_from() {
        let mut app = at("11:05");
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'o');
        assert_eq!(notes(&app), "[+05:00] ");
        let scheduled = app.notebook.talk("pycon-7").unwrap().start;
        assert_eq!(
            app.notebook.talk("pycon-7").unwrap().stamps_from,
            Some(scheduled),
            "kept, so a schedule that moves the talk does not move the stamps"
        );
        tick_to(&mut app, "11:07:00");
        ctrl(&mut app, 'b');
        assert!(
            app.message.as_deref().unwrap().contains("count from 11:00"),
            "{:?}",
            app.message
        );
        tick_to(&mut app, "11:08:00");
        ctrl(&mut app, 'o');
        assert_eq!(notes(&app), "[+05:00] [+08:00] ");
        // A mark taken back does not take the moment with it.
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(
            app.notebook.talk("pycon-7").unwrap().stamps_from,
            Some(scheduled)
        );
    }

    #[test]
    fn ctrl_b_in_the_day_notes_says_it_is_for_talks() {
        let mut app = at("11:05");
        press(&mut app, KeyCode::Char('g'));
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 'b');
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("for a talk's notes")
        );
    }

    #[test]
    fn r_rates_up_to_three_stars_a_fourth_clears_and_u_takes_each_back() {
        let mut app = at("12:00");
        let rating = |app: &App| app.selected_talk().unwrap().rating.stars();
        let mut seen = Vec::new();
        for _ in 0..4 {
            press(&mut app, KeyCode::Char('r'));
            seen.push(rating(&app));
        }
        assert_eq!(seen, [1, 2, 3, 0]);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .starts_with("Rating cleared")
        );
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(rating(&app), 3);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .starts_with("Undone: rating cleared")
        );
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(rating(&app), 2);
        press(&mut app, KeyCode::Char('g'));
        press(&mut app, KeyCode::Char('r'));
        assert_eq!(app.message.as_deref(), Some("Select a talk to rate it."));
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
