//! `T`: what teammates wrote on the selected talk, from their notebooks of the same
//! conference as the last `talkbook sync` brought them, read only, under their names.

use super::{App, Overlay, Selected};
use crate::model::TalkState;
use crate::sync::team::on_talk;
use crate::text::clean_text;

/// How many lines of one teammate's notes the pop-up shows: it is drawn whole each
/// frame, and a teammate's note may be megabytes (`export --team` has all of it).
const LINES_EACH: usize = 400;

/// What a sync run for `S` brings back: its lines, and the teammates' copies of this
/// notebook as it left them.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncedHere {
    pub lines: Vec<String>,
    pub team: Vec<crate::sync::team::Teammate>,
}

/// The pop-up's text and how far it is scrolled.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamView {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: u16,
}

impl App {
    /// `S`: saves, then asks the event loop to sync; the sync may write this notebook,
    /// since nothing here is unsaved and no key is taken until it is done.
    pub(super) fn request_sync(&mut self) {
        if !self.save_now() {
            self.message = Some("Not synced: the notes could not be saved first.".into());
            return;
        }
        self.sync_requested = true;
        self.notice = Some("Syncing with the remote… (keys wait until it is done)".into());
    }

    /// Whether `S` asked for a sync, once.
    pub fn take_sync_request(&mut self) -> bool {
        std::mem::take(&mut self.sync_requested)
    }

    /// The sync `S` asked for is done: what it said, the teammates' notes it brought,
    /// and the notebook as it left it.
    pub fn synced(&mut self, outcome: Result<SyncedHere, String>) {
        self.notice = None;
        self.message = Some(match outcome {
            Ok(synced) => {
                self.team = Some(synced.team);
                synced.lines.join(" · ")
            }
            Err(why) => format!("Not synced: {why}"),
        });
        // The merge may have written the notebook: show it now, before any key (the
        // sync's own line says what came in).
        self.reload_if_changed_on_disk();
        // Keys that came right after `S` act now, on what the sync left.
        if let Some((events, at)) = self.after_sync.take() {
            self.handle(super::Input::Events { events, at });
        }
    }

    /// Whether `T` asked for the teammates' notes to be read, once.
    pub fn take_team_request(&mut self) -> bool {
        std::mem::take(&mut self.team_requested)
    }

    /// The teammates' notes the event loop read for `T`: shown now.
    pub fn team_read(&mut self, team: Vec<crate::sync::team::Teammate>) {
        self.team = Some(team);
        self.show_team();
    }

    pub(super) fn show_team(&mut self) {
        let Some(team) = &self.team else {
            self.team_requested = true;
            return;
        };
        if team.is_empty() {
            self.message = Some(
                "No teammates' notes here: they come with `talkbook sync` when a team shares a remote."
                    .into(),
            );
            return;
        }
        let Selected::Talk(id) = &self.selected else {
            self.message = Some("Select a talk to see what teammates wrote on it.".into());
            return;
        };
        let Some(talk) = self.notebook.talk(id) else {
            return;
        };
        let team = self.team.as_deref().unwrap_or_default();
        let theirs = on_talk(team, id);
        let attended: Vec<&str> = theirs
            .iter()
            .filter(|(_, talk)| talk.state == TalkState::Attended)
            .map(|(name, _)| *name)
            .collect();
        let mut lines = vec![if attended.is_empty() {
            "None of the team attended it.".to_string()
        } else {
            format!("Attended by {}.", attended.join(", "))
        }];
        for (name, talk) in &theirs {
            lines.push(String::new());
            let mark = match talk.state {
                TalkState::Unmarked => String::new(),
                state => format!(" · {}", state.word()),
            };
            lines.push(format!("── {name}{mark} ──"));
            if talk.notes.trim().is_empty() {
                lines.push("(no notes)".into());
            } else {
                let notes = clean_text(talk.notes.trim_end());
                let total = notes.lines().count();
                lines.extend(notes.lines().take(LINES_EACH).map(String::from));
                if total > LINES_EACH {
                    lines.push(format!(
                        "… {} more lines: talkbook export NOTEBOOK --team has them all",
                        total - LINES_EACH
                    ));
                }
            }
        }
        let missing: Vec<&str> = team
            .iter()
            .filter(|mate| mate.notebook.talk(id).is_none())
            .map(|mate| mate.name.as_str())
            .collect();
        if !missing.is_empty() {
            lines.push(String::new());
            lines.push(format!(
                "Not in the notebook of: {} (added by hand here?)",
                missing.join(", ")
            ));
        }
        self.overlay = Overlay::Team(TeamView {
            title: talk.title.clone(),
            lines,
            scroll: 0,
        });
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::app::tests::MemorySink;
    use crate::app::tests::press;
    use crate::app::{App, Overlay, Settings};
    use crate::model::TalkState;
    use crate::store::demo_notebook;
    use crate::sync::team::Teammate;

    #[test]
    fn t_shows_what_each_teammate_wrote_and_who_attended() {
        let mut bobs = demo_notebook();
        let mock = bobs.days[0].talks[1].id.clone();
        bobs.talk_mut(&mock).unwrap().state = TalkState::Attended;
        bobs.talk_mut(&mock).unwrap().notes = "autospec!\n\x1b[31mred".into();
        let settings = Settings {
            team: Some(vec![Teammate {
                name: "Bob".into(),
                notebook: bobs,
            }]),
            ..Settings::default()
        };
        let clock = crate::app::tests::clock();
        let mut app = App::with_settings(
            demo_notebook(),
            Box::new(MemorySink::default()),
            clock,
            settings,
        );
        press(&mut app, KeyCode::Char('T'));
        assert!(app.message.as_deref().unwrap().contains("Select a talk"));
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('T'));
        let Overlay::Team(view) = &app.overlay else {
            panic!("the team pop-up: {:?}", app.overlay)
        };
        assert_eq!(view.lines[0], "Attended by Bob.");
        assert!(view.lines.contains(&"── Bob · attended ──".to_string()));
        assert!(view.lines.contains(&"autospec!".to_string()));
        assert!(!view.lines.iter().any(|l| l.contains('\x1b')), "cleaned");
        press(&mut app, KeyCode::Esc);
        // A teammate's megabyte of notes: the pop-up shows the first lines and says so.
        let team = app.team.as_mut().unwrap();
        let mut long = team[0].notebook.clone();
        long.talk_mut(&mock).unwrap().notes = "line\n".repeat(100_000);
        team[0].notebook = long;
        press(&mut app, KeyCode::Char('T'));
        let Overlay::Team(view) = &app.overlay else {
            panic!("the team pop-up")
        };
        assert!(view.lines.len() < 450, "{}", view.lines.len());
        assert!(view.lines.last().unwrap().starts_with("… 99600 more lines"));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.overlay, Overlay::None);
        // Not read yet: T asks the event loop, once, and shows what it read; with no
        // team, where teammates' notes come from.
        let mut alone = App::new(demo_notebook(), Box::new(MemorySink::default()), clock);
        press(&mut alone, KeyCode::Char('j'));
        press(&mut alone, KeyCode::Char('T'));
        assert!(alone.take_team_request());
        assert!(!alone.take_team_request());
        alone.team_read(Vec::new());
        assert!(alone.message.as_deref().unwrap().contains("talkbook sync"));
    }
}
