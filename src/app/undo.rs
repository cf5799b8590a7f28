//! `u` and `U` in the schedule and follow-ups: take back and do again what was done to
//! talks (marks, added, edited and deleted talks, follow-ups ticked off). The history
//! itself is [`crate::model::history`]; here the screen follows what changed.

use super::{App, Filter, Selected};
use crate::model::history::Touched;

impl App {
    pub(super) fn undo(&mut self) {
        let outcome = self.history.undo(&mut self.notebook, self.clock_format);
        self.after_history_step(outcome, "Undone", "Nothing to undo.", "U: redo");
    }

    pub(super) fn redo(&mut self) {
        let outcome = self.history.redo(&mut self.notebook, self.clock_format);
        self.after_history_step(outcome, "Redone", "Nothing to redo.", "u: undo");
    }

    fn after_history_step(
        &mut self,
        outcome: Option<Result<(String, Touched), String>>,
        done: &str,
        nothing: &str,
        next: &str,
    ) {
        let (label, touched) = match outcome {
            None => {
                self.message = Some(nothing.into());
                return;
            }
            Some(Err(reason)) => {
                self.message = Some(format!("{done} nothing: {reason}."));
                return;
            }
            Some(Ok(step)) => step,
        };
        self.mark_changed();
        for note in &touched.notes {
            self.note_changed_elsewhere(note);
        }
        let position = self.selected_position();
        match touched.talk.and_then(|id| {
            let (day, _) = self.notebook.find_talk(&id)?;
            Some((day, id))
        }) {
            Some((day, id)) => {
                self.day = day;
                let selected = Selected::Talk(id);
                if self.selected_position_of(&selected) == 0 {
                    self.filter = Filter::All;
                }
                self.select(selected);
            }
            None => {
                self.day = self.day.min(self.notebook.days.len().saturating_sub(1));
                if self.selected_talk().is_none() {
                    self.select_position(position.min(self.visible_talks().len()));
                }
            }
        }
        self.refresh_follow_ups();
        self.refresh_now_next();
        self.message = Some(format!("{done}: {label}. ({next})"));
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::app::tests::{demo_app, press};
    use crate::app::{Overlay, Selected};
    use crate::model::TalkState;

    fn selected_state(app: &crate::app::App) -> TalkState {
        app.selected_talk().unwrap().state
    }

    #[test]
    fn u_takes_marks_back_one_by_one_and_capital_u_does_them_again() {
        let (mut app, _) = demo_app();
        press(&mut app, KeyCode::Char('j'));
        let before = selected_state(&app);
        press(&mut app, KeyCode::Char('a'));
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(selected_state(&app), TalkState::Skipped);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(selected_state(&app), TalkState::Attended);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .starts_with("Undone: marked")
        );
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(selected_state(&app), before);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.message.as_deref(), Some("Nothing to undo."));
        press(&mut app, KeyCode::Char('U'));
        press(&mut app, KeyCode::Char('U'));
        assert_eq!(selected_state(&app), TalkState::Skipped);
    }

    #[test]
    fn a_deleted_talk_comes_back_selected_with_its_notes() {
        let (mut app, _) = demo_app();
        press(&mut app, KeyCode::Char('j'));
        let Selected::Talk(id) = app.selected.clone() else {
            panic!("a talk is selected")
        };
        press(&mut app, KeyCode::Enter);
        for c in "kept through delete and undo".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('d'));
        assert!(matches!(app.overlay, Overlay::Confirm { .. }));
        press(&mut app, KeyCode::Char('y'));
        assert!(app.notebook.talk(&id).is_none());
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.selected, Selected::Talk(id.clone()));
        assert!(
            app.notebook
                .talk(&id)
                .unwrap()
                .notes
                .ends_with("kept through delete and undo")
        );
        assert!(!app.current_day().notes.contains("kept through delete"));
        assert_eq!(
            app.editor.textarea.lines().join("\n"),
            app.notebook.talk(&id).unwrap().notes
        );
    }

    #[test]
    fn an_added_talk_is_taken_back_and_a_ticked_follow_up_opened_again() {
        let (mut app, _) = demo_app();
        let talks = app.notebook.talk_count();
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('o'));
        for c in "Hallway".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.notebook.talk_count(), talks + 1);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.notebook.talk_count(), talks);

        press(&mut app, KeyCode::Enter);
        for c in "- [ ] look it up".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, crate::app::Pane::FollowUps);
        let open = app.follow_ups.iter().filter(|f| !f.done).count();
        let first_open = app.visible_follow_ups().position(|f| !f.done).unwrap();
        app.follow_up_cursor = first_open;
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(app.follow_ups.iter().filter(|f| !f.done).count(), open - 1);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.follow_ups.iter().filter(|f| !f.done).count(), open);
    }

    #[test]
    fn undo_is_refused_in_a_read_only_notebook() {
        let (mut app, _) = demo_app();
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('a'));
        app.read_only = Some("open in another talkbook".into());
        let state = selected_state(&app);
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(selected_state(&app), state);
        assert!(app.message.as_deref().unwrap().starts_with("Not changed"));
    }
}
