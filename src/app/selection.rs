//! Focus and selection: which pane has the keys, which day, entry and filter the
//! schedule shows, and moving between them (`j` `k`, `J` `K`, `h` `l`, `n`, a jump to a
//! search match or a follow-up).

use chrono::NaiveDateTime;

use super::{App, Filter, Pane, Selected};
use crate::model::NoteRef;

impl App {
    pub(super) fn refresh_now_next(&mut self) {
        self.now_next = self.notebook.now_and_next(self.clock);
    }

    /// Selects the first talk running now, or else the first of the next slot.
    pub(super) fn jump_to_now(&mut self, announce: bool) {
        let target = self
            .now_next
            .running
            .first()
            .map(|id| (id.clone(), "Now"))
            .or_else(|| {
                self.now_next
                    .next
                    .as_ref()
                    .map(|(id, ..)| (id.clone(), "Next"))
            });
        let Some((id, label)) = target else {
            if announce {
                self.message = Some("Nothing more on the schedule.".into());
            }
            return;
        };
        if let Some((day, talk)) = self.notebook.find_talk(&id) {
            self.day = day;
            if announce {
                let title = &self.notebook.days[day].talks[talk].title;
                self.message = Some(format!("{label}: {title}"));
            }
            self.select(Selected::Talk(id));
        }
    }

    /// Tab and Shift-Tab; the editor is skipped while nothing can be typed into it.
    pub(super) fn step_focus(&mut self, forward: bool) {
        let mut pane = self.focus.step(forward);
        // Skip what cannot take focus: a read-only editor, a hidden pane.
        for _ in 0..2 {
            let skip = (pane == Pane::Editor && self.read_only.is_some())
                || (pane == Pane::FollowUps && !self.show_follow_up_pane);
            if !skip {
                break;
            }
            pane = pane.step(forward);
        }
        self.set_focus(pane);
    }

    pub(super) fn set_focus(&mut self, pane: Pane) {
        if pane != self.focus {
            self.notice = None;
        }
        self.focus = pane;
        self.style_editor();
    }

    pub(super) fn select(&mut self, selected: Selected) {
        self.select_at(selected, None);
    }

    /// Selects `selected`, a talk found at `place` if that is known.
    fn select_at(&mut self, selected: Selected, place: Option<(usize, usize)>) {
        self.selected_at = match &selected {
            Selected::Talk(id) => self.notebook.find_talk_near(id, place),
            Selected::DayNotes => None,
        };
        self.selected = selected;
        self.switch_editor();
    }

    pub(super) fn select_position(&mut self, position: usize) {
        let talks = &self.current_day().talks;
        let index = if self.filter == Filter::All {
            position.min(talks.len()).checked_sub(1)
        } else {
            let visible = self.visible_talks();
            position
                .min(visible.len())
                .checked_sub(1)
                .map(|at| visible[at])
        };
        let selected = match index {
            None => Selected::DayNotes,
            Some(index) => Selected::Talk(talks[index].id.clone()),
        };
        let place = index.map(|index| (self.day, index));
        self.select_at(selected, place);
    }

    /// Selects the first visible talk of the nearest slot (later ones if `forward`, else
    /// earlier ones) whose start `wanted` accepts; false if there is none.
    pub(super) fn select_slot(
        &mut self,
        forward: bool,
        wanted: impl Fn(NaiveDateTime) -> bool,
    ) -> bool {
        let visible = self.visible_talks();
        let mut slots = self.current_day().time_slots();
        if !forward {
            slots.reverse();
        }
        let target = slots
            .iter()
            .filter(|slot| wanted(slot.start))
            .find_map(|slot| {
                slot.talks
                    .iter()
                    .find_map(|i| visible.iter().position(|v| v == i))
            });
        if let Some(position) = target {
            self.select_position(position + 1);
        }
        target.is_some()
    }

    pub(super) fn select_next_slot(&mut self) {
        let current = self.selected_talk().map(|talk| talk.start);
        self.select_slot(true, |start| current.is_none_or(|current| start > current));
    }

    pub(super) fn select_previous_slot(&mut self) {
        let Some(current) = self.selected_talk().map(|talk| talk.start) else {
            return;
        };
        if !self.select_slot(false, |start| start < current) {
            self.select_position(0);
        }
    }

    pub(super) fn cycle_filter(&mut self) {
        self.filter = self.filter.next();
        if self.selected_talk().is_some() && self.selected_position() == 0 {
            // The selected talk is hidden now.
            self.select(Selected::DayNotes);
        }
        self.message = Some(format!("Showing {}.", self.filter.label()));
    }

    pub(super) fn select_day(&mut self, day: usize) {
        if day < self.notebook.days.len() && day != self.day {
            self.day = day;
            self.select(Selected::DayNotes);
        }
    }

    /// The note of what the schedule has selected.
    pub(super) fn selected_note(&self) -> NoteRef {
        match &self.selected {
            Selected::DayNotes => NoteRef::Day(self.current_day().date),
            Selected::Talk(id) => NoteRef::Talk(id.clone()),
        }
    }

    /// Shows a note (its day, its talk) and, for a line, opens the editor on it.
    pub fn jump_to(&mut self, note: &NoteRef, line: Option<usize>) {
        let (day, selected) = match note {
            NoteRef::Day(date) => (self.notebook.day_index(*date), Selected::DayNotes),
            NoteRef::Talk(id) => (
                self.notebook.find_talk(id).map(|(day, _)| day),
                Selected::Talk(id.clone()),
            ),
        };
        let Some(day) = day else { return };
        self.day = day;
        if selected != Selected::DayNotes && self.selected_position_of(&selected) == 0 {
            // Hidden by the filter: show everything rather than a selection nobody sees.
            self.filter = Filter::All;
        }
        self.select(selected);
        if let Some(line) = line {
            self.jump_in_note(line, 0);
            self.set_focus(Pane::Editor);
        } else {
            self.set_focus(Pane::Schedule);
        }
    }

    /// Where `selected` would be among the visible entries (0: not shown, or day notes).
    pub(super) fn selected_position_of(&self, selected: &Selected) -> usize {
        let Selected::Talk(id) = selected else {
            return 0;
        };
        // Found by its place, not by comparing the ids of every talk of the day (a
        // step through a big day touched hundreds of strings).
        let hint = (*selected == self.selected)
            .then_some(self.selected_at)
            .flatten();
        let Some((_, index)) = self
            .notebook
            .find_talk_near(id, hint)
            .filter(|(d, _)| *d == self.day)
        else {
            return 0;
        };
        if self.filter == Filter::All {
            return index + 1;
        }
        self.visible_talks()
            .iter()
            .position(|&visible| visible == index)
            .map_or(0, |position| position + 1)
    }
}
