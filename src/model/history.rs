//! Undo and redo of what is done to talks: marks, added, edited and deleted talks, and
//! follow-ups ticked off. Each entry holds the step that takes the change back; doing a
//! step gives the step that does it again, so one mechanism serves undo and redo.
//!
//! Notes typed into the editor are not part of this history (the editor has its own undo
//! per note): undoing a mark never takes back words typed since.

use chrono::NaiveDate;

use super::{ClockFormat, NoteRef, Notebook, Talk, followup};

/// How many changes can be taken back.
pub const HISTORY_LIMIT: usize = 200;

/// One step that changes the notebook.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Give the talk with this talk's id these details and this mark; its notes stay.
    SetTalk(Talk),
    /// Delete the talk; its notes move to its day's notes, as deleting does.
    Remove(String),
    /// Put a deleted talk back, and take its notes out of the day notes again if they
    /// are still there as they were moved.
    Restore {
        talk: Talk,
        moved: Option<MovedNotes>,
    },
    /// Tick or clear the follow-up on this line.
    ToggleFollowUp { note: NoteRef, line: usize },
}

/// Notes of a deleted talk, appended to its day's notes as `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct MovedNotes {
    pub day: NaiveDate,
    pub text: String,
}

/// What a step touched, so the screen can follow.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Touched {
    /// The talk to show (absent after it was removed).
    pub talk: Option<String>,
    /// Notes whose text changed.
    pub notes: Vec<NoteRef>,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// What the change was, for the status line: "marked attended: Keynote".
    label: String,
    step: Step,
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Remembers a change that was just made; `undo_step` takes it back.
    pub fn record(&mut self, label: impl Into<String>, undo_step: Step) {
        self.undo.push(Entry {
            label: label.into(),
            step: undo_step,
        });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes back the newest change: its label and what it touched, or why it could not
    /// (the talk is gone, say, after a schedule update); such an entry is dropped.
    pub fn undo(
        &mut self,
        notebook: &mut Notebook,
        clock: ClockFormat,
    ) -> Option<Result<(String, Touched), String>> {
        let entry = self.undo.pop()?;
        Some(Self::apply(entry, notebook, clock, &mut self.redo))
    }

    /// Does again the newest change that was taken back.
    pub fn redo(
        &mut self,
        notebook: &mut Notebook,
        clock: ClockFormat,
    ) -> Option<Result<(String, Touched), String>> {
        let entry = self.redo.pop()?;
        Some(Self::apply(entry, notebook, clock, &mut self.undo))
    }

    fn apply(
        entry: Entry,
        notebook: &mut Notebook,
        clock: ClockFormat,
        other: &mut Vec<Entry>,
    ) -> Result<(String, Touched), String> {
        let (inverse, touched) = apply(notebook, entry.step, clock)?;
        other.push(Entry {
            label: entry.label.clone(),
            step: inverse,
        });
        Ok((entry.label, touched))
    }
}

/// Does `step` to the notebook; returns the step that takes it back. `clock` writes the
/// time of a deleted talk above its moved notes.
pub fn apply(
    notebook: &mut Notebook,
    step: Step,
    clock: ClockFormat,
) -> Result<(Step, Touched), String> {
    match step {
        Step::SetTalk(talk) => {
            let previous = set_talk(notebook, talk)?;
            let touched = Touched {
                talk: Some(previous.id.clone()),
                notes: Vec::new(),
            };
            Ok((Step::SetTalk(previous), touched))
        }
        Step::Remove(id) => {
            let (talk, moved) = remove_talk_keeping_notes(notebook, &id, clock)
                .ok_or_else(|| "that talk is no longer in the notebook".to_string())?;
            let notes = moved.iter().map(|moved| NoteRef::Day(moved.day)).collect();
            Ok((Step::Restore { talk, moved }, Touched { talk: None, notes }))
        }
        Step::Restore { talk, moved } => {
            if notebook.find_talk(&talk.id).is_some() {
                return Err("that talk is in the notebook again".into());
            }
            let id = talk.id.clone();
            let mut notes = vec![NoteRef::Talk(id.clone())];
            if let Some(moved) = &moved
                && let Some(index) = notebook.day_index(moved.day)
            {
                let day_notes = &mut notebook.days[index].notes;
                // Only the very text that was moved; edited since, it stays (twice is
                // better than lost).
                if let Some(at) = day_notes.rfind(&moved.text) {
                    day_notes.replace_range(at..at + moved.text.len(), "");
                    notes.push(NoteRef::Day(moved.day));
                }
            }
            let day = notebook.ensure_day(talk.start.date());
            notebook.days[day].talks.push(talk);
            notebook.days[day].sort_talks();
            Ok((
                Step::Remove(id.clone()),
                Touched {
                    talk: Some(id),
                    notes,
                },
            ))
        }
        Step::ToggleFollowUp { note, line } => {
            if !followup::toggle_in_notebook(notebook, &note, line) {
                return Err("that follow-up is no longer where it was".into());
            }
            let touched = Touched {
                talk: match &note {
                    NoteRef::Talk(id) => Some(id.clone()),
                    NoteRef::Day(_) => None,
                },
                notes: vec![note.clone()],
            };
            Ok((Step::ToggleFollowUp { note, line }, touched))
        }
    }
}

/// Gives the talk with `talk.id` the details and mark of `talk`, keeping its notes (and
/// moving it to another day if its start moved); returns it as it was.
fn set_talk(notebook: &mut Notebook, mut talk: Talk) -> Result<Talk, String> {
    let (day, index) = notebook
        .find_talk(&talk.id)
        .ok_or_else(|| "that talk is no longer in the notebook".to_string())?;
    let current = &mut notebook.days[day].talks[index];
    // The notes, and the moment their stamps count from, are not marks: they stay.
    talk.notes = std::mem::take(&mut current.notes);
    talk.stamps_from = current.stamps_from;
    let previous = std::mem::replace(current, talk);
    let date = notebook.days[day].talks[index].start.date();
    if notebook.days[day].date == date {
        notebook.days[day].sort_talks();
    } else {
        notebook.move_talk(day, index, date);
    }
    Ok(previous)
}

/// Deletes a talk. Its notes are not lost: they are appended to its day's notes under a
/// line that names the talk. Returns the talk (with its notes) and what was appended.
pub fn remove_talk_keeping_notes(
    notebook: &mut Notebook,
    id: &str,
    clock: ClockFormat,
) -> Option<(Talk, Option<MovedNotes>)> {
    let (day, _) = notebook.find_talk(id)?;
    let talk = notebook.remove_talk(id)?;
    if talk.notes.trim().is_empty() {
        return Some((talk, None));
    }
    let day_notes = &mut notebook.days[day].notes;
    let mut text = String::new();
    if !day_notes.is_empty() && !day_notes.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "\nNotes from deleted talk {} · {}:\n{}\n",
        talk.time_range_in(clock),
        talk.title,
        talk.notes.trim_end()
    ));
    day_notes.push_str(&text);
    let moved = MovedNotes {
        day: notebook.days[day].date,
        text,
    };
    Some((talk, Some(moved)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TalkState;
    use crate::store::demo_notebook;

    fn first_talk(notebook: &Notebook) -> Talk {
        notebook.days[0].talks[0].clone()
    }

    #[test]
    fn a_mark_is_undone_and_redone_and_notes_typed_since_stay() {
        let mut notebook = demo_notebook();
        let mut history = History::default();
        let before = first_talk(&notebook);
        let id = before.id.clone();
        notebook.talk_mut(&id).unwrap().state = TalkState::Skipped;
        history.record("marked skipped", Step::SetTalk(before.clone()));
        notebook.talk_mut(&id).unwrap().notes = "typed after the mark".into();

        let (label, touched) = history
            .undo(&mut notebook, ClockFormat::default())
            .unwrap()
            .unwrap();
        assert_eq!(label, "marked skipped");
        assert_eq!(touched.talk.as_deref(), Some(id.as_str()));
        let talk = notebook.talk(&id).unwrap();
        assert_eq!(talk.state, before.state);
        assert_eq!(talk.notes, "typed after the mark");

        history
            .redo(&mut notebook, ClockFormat::default())
            .unwrap()
            .unwrap();
        assert_eq!(notebook.talk(&id).unwrap().state, TalkState::Skipped);
        assert_eq!(notebook.talk(&id).unwrap().notes, "typed after the mark");
        assert!(history.can_undo() && !history.can_redo());
    }

    #[test]
    fn a_deleted_talk_comes_back_with_its_notes_and_leaves_the_day_notes_as_they_were() {
        let mut notebook = demo_notebook();
        let mut history = History::default();
        let id = first_talk(&notebook).id;
        notebook.talk_mut(&id).unwrap().notes = "precious words".into();
        let day_notes_before = notebook.days[0].notes.clone();
        let (talk, moved) =
            remove_talk_keeping_notes(&mut notebook, &id, ClockFormat::default()).unwrap();
        assert!(notebook.days[0].notes.contains("precious words"));
        history.record("deleted", Step::Restore { talk, moved });

        history
            .undo(&mut notebook, ClockFormat::default())
            .unwrap()
            .unwrap();
        assert_eq!(notebook.talk(&id).unwrap().notes, "precious words");
        assert_eq!(notebook.days[0].notes, day_notes_before);

        history
            .redo(&mut notebook, ClockFormat::default())
            .unwrap()
            .unwrap();
        assert!(notebook.talk(&id).is_none());
        assert!(notebook.days[0].notes.contains("precious words"));
    }

    #[test]
    fn undoing_an_added_talk_that_has_notes_keeps_them_in_the_day_notes() {
        let mut notebook = demo_notebook();
        let mut history = History::default();
        let talk = first_talk(&notebook);
        let id = notebook.add_talk(crate::model::TalkDetails {
            start: talk.start,
            end: talk.end,
            title: "Hallway track".into(),
            speakers: vec![],
            room: String::new(),
            recording: String::new(),
            lead_in: 0,
        });
        history.record("added", Step::Remove(id.clone()));
        notebook.talk_mut(&id).unwrap().notes = "met the ruff people".into();
        history
            .undo(&mut notebook, ClockFormat::default())
            .unwrap()
            .unwrap();
        assert!(notebook.talk(&id).is_none());
        assert!(notebook.days[0].notes.contains("met the ruff people"));
    }

    #[test]
    fn a_change_whose_talk_is_gone_says_so_and_is_dropped() {
        let mut notebook = demo_notebook();
        let mut history = History::default();
        let talk = first_talk(&notebook);
        history.record("marked attended", Step::SetTalk(talk.clone()));
        notebook.remove_talk(&talk.id);
        assert!(
            history
                .undo(&mut notebook, ClockFormat::default())
                .unwrap()
                .is_err()
        );
        assert!(!history.can_undo() && !history.can_redo());
        assert!(
            history
                .undo(&mut notebook, ClockFormat::default())
                .is_none()
        );
    }

    #[test]
    fn the_history_keeps_the_newest_changes_up_to_its_limit() {
        let mut history = History::default();
        let talk = first_talk(&demo_notebook());
        for n in 0..HISTORY_LIMIT + 5 {
            history.record(format!("change {n}"), Step::SetTalk(talk.clone()));
        }
        assert_eq!(history.undo.len(), HISTORY_LIMIT);
        assert_eq!(history.undo[0].label, "change 5");
    }
}
