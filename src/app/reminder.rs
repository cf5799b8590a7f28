//! A planned talk is announced before it starts, as Giggity's and EventFahrplan's alarms
//! do for their users: from [`LEAD`] before its start the header names it, its room and
//! the minutes left, and the terminal bell rings once for it (unless `bell = false`).

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime, Timelike};

use super::App;
use crate::model::{Talk, TalkState};

/// How long before a planned talk it is announced.
pub const LEAD: Duration = Duration::minutes(5);

/// What the reminder remembers between ticks.
#[derive(Debug)]
pub struct Reminders {
    /// Ring the bell for the next reminder (`bell` in `config.toml`).
    pub bell: bool,
    /// Talks whose reminder has rung, so each rings once.
    rung: HashSet<String>,
    /// The bell is due: the event loop sends it with the next frame.
    ring: bool,
    /// The second and the app revision last looked at: the talks are looked through
    /// again only when either changed, not on every key (a 1,000-talk notebook).
    looked: Option<(NaiveDateTime, u64)>,
}

/// `starts in 4 min · Room B · Ruff: An Extremely Fast Python Linter`: the minutes and
/// the room first, so a narrow header cuts the title, not where to go.
fn announcement(talk: &Talk, clock: NaiveDateTime) -> String {
    let left = talk.start - clock;
    // Whole minutes, rounded up: "in 1 min" until it starts.
    let minutes = (left.num_seconds() + 59) / 60;
    let mut text = format!("starts in {minutes} min");
    if !talk.room.trim().is_empty() {
        text.push_str(&format!(" · {}", talk.room.trim()));
    }
    text.push_str(&format!(" · {}", talk.title.trim()));
    text
}

impl Reminders {
    /// Reminders that ring the bell, or not.
    pub fn new(bell: bool) -> Self {
        Reminders {
            bell,
            rung: HashSet::new(),
            ring: false,
            looked: None,
        }
    }
}

impl App {
    /// The clock moved or the marks changed: announces the planned talk that starts
    /// next within [`LEAD`], and rings for it once.
    pub(super) fn refresh_reminder(&mut self) {
        let clock = self.clock;
        let looking = (clock.with_nanosecond(0).unwrap_or(clock), self.revision);
        if self.reminders.looked == Some(looking) {
            return;
        }
        self.reminders.looked = Some(looking);
        let soon = self
            .notebook
            .days
            .iter()
            .flat_map(|day| &day.talks)
            .filter(|talk| talk.state == TalkState::Planned && !talk.removed)
            .filter(|talk| talk.start > clock && talk.start - clock <= LEAD)
            .min_by_key(|talk| talk.start);
        self.reminder = soon.map(|talk| announcement(talk, clock));
        if let Some(talk) = soon
            && self.reminders.bell
            && self.reminders.rung.insert(talk.id.clone())
        {
            self.reminders.ring = true;
        }
    }

    /// Whether the bell is due now; it is rung once.
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.reminders.ring)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use crossterm::event::KeyCode;

    use crate::app::tests::press;
    use crate::app::{App, Selected};
    use crate::model::TalkState;
    use crate::store::{DiscardSink, demo_notebook};

    fn at(hour: u32, minute: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 5, 17)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    /// The demo day at `clock`, its 11:45 talk (Flask-Con) planned, the bell on or off.
    fn planned_app_ringing(clock: chrono::NaiveDateTime, bell: bool) -> App {
        let mut notebook = demo_notebook();
        notebook.days[0].talks[2].state = TalkState::Planned;
        notebook.days[0].talks[2].room = "Room 317".into();
        let settings = crate::app::Settings {
            bell,
            ..Default::default()
        };
        App::with_settings(notebook, Box::new(DiscardSink), clock, settings)
    }

    fn planned_app(clock: chrono::NaiveDateTime) -> App {
        planned_app_ringing(clock, true)
    }

    #[test]
    fn a_planned_talk_is_announced_five_minutes_before_and_rings_once() {
        let mut app = planned_app(at(11, 30));
        assert_eq!(app.reminder, None, "15 minutes before: not yet");
        assert!(!app.take_bell());
        app.tick(std::time::Instant::now(), at(11, 41));
        let reminder = app.reminder.clone().expect("announced");
        assert!(
            reminder.starts_with("starts in 4 min · Room 317 · Flask-Con"),
            "{reminder}"
        );
        assert!(app.take_bell());
        assert!(!app.take_bell(), "once");
        app.tick(std::time::Instant::now(), at(11, 44));
        assert!(app.reminder.clone().unwrap().starts_with("starts in 1 min"));
        assert!(!app.take_bell(), "still once");
        app.tick(std::time::Instant::now(), at(11, 45));
        assert_eq!(app.reminder, None, "it has started");
    }

    #[test]
    fn unplanned_talks_and_a_bell_turned_off_stay_quiet() {
        let mut app = planned_app(at(11, 41));
        assert!(app.reminder.is_some(), "due already at the start");
        assert!(app.take_bell(), "and rung for");
        let mut app = planned_app_ringing(at(11, 41), false);
        assert!(app.reminder.is_some(), "announced");
        assert!(!app.take_bell(), "silently");
        app.notebook.days[0].talks[3].state = TalkState::Planned;
        app.tick(std::time::Instant::now(), at(12, 26));
        assert!(app.reminder.clone().unwrap().contains("Ruff"));
        assert!(!app.take_bell(), "bell = false");
        // Unmarking it (p again) ends the reminder.
        app.jump_to(
            &crate::model::NoteRef::Talk(app.notebook.days[0].talks[2].id.clone()),
            None,
        );
        assert!(matches!(app.selected, Selected::Talk(_)));
        press(&mut app, KeyCode::Char('p'));
        app.tick(std::time::Instant::now(), at(11, 41));
        assert_eq!(app.reminder, None);
    }

    #[test]
    fn a_mark_changed_within_the_same_second_changes_the_reminder() {
        let mut app = planned_app(at(11, 41));
        assert!(app.reminder.is_some());
        app.jump_to(
            &crate::model::NoteRef::Talk(app.notebook.days[0].talks[2].id.clone()),
            None,
        );
        press(&mut app, KeyCode::Char('p'));
        app.tick(std::time::Instant::now(), at(11, 41));
        assert_eq!(app.reminder, None, "unplanned: no longer announced");
        press(&mut app, KeyCode::Char('p'));
        app.tick(std::time::Instant::now(), at(11, 41));
        assert!(app.reminder.is_some(), "planned again");
    }
}
