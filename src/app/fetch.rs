//! `I` in the schedule: the app asks for a schedule ([`App::take_schedule_to_load`]),
//! the event loop starts reading it ([`crate::import::loading`]: a file at once, a URL
//! in the background) and hands over what comes ([`App::schedule_loading`]); the app
//! reads no file and no network itself. The status line says it is fetching, Esc stops
//! waiting for it, and the result is merged when it comes.

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use super::{App, Selected};
use crate::import::loading::{Fetched, Loading};
use crate::import::{self, ImportError, Schedule};

/// A URL being fetched.
pub(super) struct Fetching {
    source: String,
    started: Instant,
    result: Receiver<Fetched>,
}

impl App {
    /// `I` was answered with `source`: the event loop is asked to read it.
    pub(super) fn import_schedule(&mut self, source: &str) {
        if source.is_empty() {
            self.message = Some("Cancelled: no file or URL given.".into());
            return;
        }
        self.schedule_to_load = Some(source.to_string());
    }

    /// The schedule the app asked for, for the event loop to start reading.
    pub fn take_schedule_to_load(&mut self) -> Option<String> {
        self.schedule_to_load.take()
    }

    /// The reading of `source` started: merged now (a file), or when it arrives.
    pub fn schedule_loading(&mut self, source: &str, loading: Loading) {
        match loading {
            Loading::Done(loaded) => self.merge_imported(source, loaded),
            Loading::Fetching(result) => {
                self.fetching = Some(Fetching {
                    source: source.to_string(),
                    started: Instant::now(),
                    result,
                });
                self.notice = Some(format!("Fetching {source}… (Esc stops waiting)"));
            }
        }
    }

    /// Whether a URL is being fetched (the event loop then wakes up often to look).
    pub fn is_fetching(&self) -> bool {
        self.fetching.is_some()
    }

    /// Esc while fetching: stop waiting; whatever comes later is thrown away.
    pub(super) fn stop_fetching(&mut self) -> bool {
        let Some(fetching) = self.fetching.take() else {
            return false;
        };
        self.notice = None;
        self.message = Some(format!("Stopped waiting for {}.", fetching.source));
        true
    }

    /// Time passed: merges a fetched schedule that has arrived.
    pub(super) fn poll_fetch(&mut self) {
        let Some(fetching) = &self.fetching else {
            return;
        };
        let outcome = match fetching.result.try_recv() {
            Err(TryRecvError::Empty) => {
                let seconds = fetching.started.elapsed().as_secs();
                self.notice = Some(format!(
                    "Fetching {}… {seconds} s (Esc stops waiting)",
                    fetching.source
                ));
                return;
            }
            Ok(Ok(outcome)) => outcome,
            Ok(Err(why)) => Err(ImportError::Read {
                source_name: fetching.source.clone(),
                reason: why,
            }),
            Err(TryRecvError::Disconnected) => Err(ImportError::Read {
                source_name: fetching.source.clone(),
                reason: "the download stopped".into(),
            }),
        };
        let source = fetching.source.clone();
        self.fetching = None;
        self.notice = None;
        self.merge_imported(&source, outcome);
    }

    fn merge_imported(&mut self, source: &str, loaded: Result<Schedule, ImportError>) {
        match loaded {
            Ok(schedule) => {
                self.editor_text_changed();
                let summary = import::import_into(&mut self.notebook, &schedule, source);
                // Days listed twice (a notebook edited by hand) become one, their notes
                // joined: the open note may be one of them (the places of others check
                // their note when they are come back to).
                let note = self.editor.note.clone();
                if !self
                    .notebook
                    .notes(&note)
                    .is_some_and(|notes| self.editor.is_in_step_with(notes))
                {
                    self.note_changed_elsewhere(&note);
                }
                self.mark_changed();
                if let Selected::Talk(id) = &self.selected
                    && let Some((day, _)) = self.notebook.find_talk(id)
                {
                    self.day = day;
                }
                self.refresh_follow_ups();
                self.refresh_now_next();
                let mut message = format!("Imported {source}: {summary}.");
                for line in schedule.report() {
                    message.push(' ');
                    message.push_str(&line);
                }
                self.message = Some(message);
            }
            Err(error) => self.message = Some(format!("Import failed: {error}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read as _, Write as _};
    use std::net::TcpListener;
    use std::time::Duration;

    use crossterm::event::KeyCode;

    use crate::app::App;
    use crate::app::tests::{demo_app, press};

    /// What the event loop does when the app asks for a schedule.
    fn import(app: &mut App, source: &str) {
        app.import_schedule(source);
        let asked = app.take_schedule_to_load().expect("the app asks for it");
        assert_eq!(asked, source);
        app.schedule_loading(&asked, crate::import::loading::start(&asked));
    }

    /// A server on 127.0.0.1 that answers one request with `body` once `gate` says so
    /// (or is dropped): as slow as the test wants, without a clock.
    fn slow_server(gate: std::sync::mpsc::Receiver<()>, body: String) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut request = [0u8; 2048];
                let _ = stream.read(&mut request);
                let _ = gate.recv();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        format!("http://{address}/schedule.xml")
    }

    fn mini_schedule() -> String {
        r#"<schedule><conference><title>Mini</title><time_zone_name>UTC</time_zone_name></conference>
<day date="2024-05-18" index="1"><room name="Saal 1">
<event guid="late-1"><date>2024-05-18T20:00:00+00:00</date><start>20:00</start><duration>01:00</duration><room>Saal 1</room><title>Evening talk</title></event>
</room></day></schedule>"#
            .to_string()
    }

    #[test]
    fn notes_joined_by_an_import_under_the_open_editor_keep_every_word() {
        // A notebook edited by hand lists a day twice; an import makes them one day,
        // its notes joined, while one of them is open in the editor with typing in it.
        let mut notebook = crate::store::demo_notebook();
        let mut twice = notebook.days[0].clone();
        twice.talks.clear();
        twice.notes = "from the other copy of the day".into();
        notebook.days[0].notes = "hallway track".into();
        notebook.days.insert(1, twice);
        let mut app = App::new(
            notebook,
            Box::new(crate::app::tests::MemorySink::default()),
            crate::app::tests::clock(),
        );
        app.select(crate::app::Selected::DayNotes);
        press(&mut app, KeyCode::Enter);
        crate::app::tests::type_text(&mut app, "lunch, ");
        let schedule = crate::import::parse("mini.xml", &mini_schedule()).unwrap();
        app.schedule_loading(
            "mini.xml",
            crate::import::loading::Loading::Done(Ok(schedule)),
        );
        app.settle();
        let notes = &app.notebook.days[0].notes;
        assert!(notes.contains("lunch, hallway track"), "{notes:?}");
        assert!(
            notes.contains("from the other copy of the day"),
            "{notes:?}"
        );
        press(&mut app, KeyCode::Char('!'));
        assert!(
            app.notebook.days[0]
                .notes
                .contains("from the other copy of the day")
        );
    }

    #[test]
    fn a_slow_url_does_not_freeze_the_screen_and_arrives_later() {
        let (mut app, _) = demo_app();
        let talks = app.notebook.talk_count();
        let (answer, gate) = std::sync::mpsc::channel();
        let url = slow_server(gate, mini_schedule());
        // The server does not answer until told: the import returns all the same.
        import(&mut app, &url);
        assert!(app.is_fetching());
        assert!(app.notice.as_deref().unwrap().starts_with("Fetching"));
        // Keys still work meanwhile.
        let before = app.selected.clone();
        press(&mut app, KeyCode::Char('j'));
        assert_ne!(app.selected, before);
        app.poll_fetch();
        assert!(app.is_fetching(), "nothing came yet");
        answer.send(()).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while app.is_fetching() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            app.poll_fetch();
        }
        assert!(!app.is_fetching());
        assert_eq!(app.notebook.talk_count(), talks + 1, "{:?}", app.message);
        assert!(app.message.as_deref().unwrap().contains("1 added"));
    }

    #[test]
    fn esc_stops_waiting_and_what_comes_later_is_not_merged() {
        let (mut app, _) = demo_app();
        let (answer, gate) = std::sync::mpsc::channel();
        let url = slow_server(gate, mini_schedule());
        import(&mut app, &url);
        press(&mut app, KeyCode::Esc);
        // What the fetch would deliver into is gone: nothing that comes later can be
        // merged.
        assert!(app.fetching.is_none());
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .starts_with("Stopped waiting")
        );
        drop(answer);
    }
}
