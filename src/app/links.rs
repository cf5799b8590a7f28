//! `L` in the schedule: the talk's page, recording, slides and other links in a pop-up;
//! Enter (or its number) opens one in the browser. The app only asks for it: the event
//! loop starts the system's opener in the background ([`crate::opener`]), so the
//! screen never waits for a browser.

use super::{App, Overlay};
use crate::model::Link;

/// The links pop-up: the talk's title, its links, and the one selected.
#[derive(Debug, Clone, PartialEq)]
pub struct LinksState {
    pub title: String,
    pub links: Vec<Link>,
    pub cursor: usize,
}

impl App {
    /// Shows the selected talk's links, or says it has none.
    pub(super) fn show_links(&mut self) {
        let Some(talk) = self.selected_talk() else {
            self.message = Some("Day notes have no links; select a talk.".into());
            return;
        };
        let links = talk.all_links();
        if links.is_empty() {
            self.message = Some("This talk has no page, recording or slides.".into());
            return;
        }
        self.overlay = Overlay::Links(LinksState {
            title: talk.title.clone(),
            links,
            cursor: 0,
        });
    }

    /// Opens the link the pop-up has selected (the event loop starts the browser).
    pub(super) fn open_chosen_link(&mut self) {
        let Overlay::Links(state) = &self.overlay else {
            return;
        };
        let Some(link) = state.links.get(state.cursor).cloned() else {
            return;
        };
        self.overlay = Overlay::None;
        self.message = Some(format!("Opening {} in your browser…", link.url));
        self.link_to_open = Some(link.url);
    }

    /// The address the event loop is asked to open, once.
    pub fn take_link_to_open(&mut self) -> Option<String> {
        self.link_to_open.take()
    }

    /// How starting the browser went.
    pub fn link_opened(&mut self, outcome: Result<(), String>) {
        if let Err(why) = outcome {
            self.message = Some(format!("Could not open the link: {why}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::app::tests::{demo_app, press};
    use crate::app::{Overlay, Selected};

    #[test]
    fn l_lists_the_talks_links_and_enter_or_a_number_asks_to_open_one() {
        let (mut app, _) = demo_app();
        press(&mut app, KeyCode::Char('L'));
        assert_eq!(app.overlay, Overlay::None, "day notes have none");
        app.select(Selected::Talk("pycon-7".into()));
        app.notebook.talk_mut("pycon-7").unwrap().links = vec![crate::model::Link {
            title: "Slides".into(),
            url: "https://example.org/slides.pdf".into(),
        }];
        press(&mut app, KeyCode::Char('L'));
        let Overlay::Links(state) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        assert_eq!(state.links.len(), 2, "the page and the slides");
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay, Overlay::None);
        assert_eq!(
            app.take_link_to_open().as_deref(),
            Some("https://example.org/slides.pdf")
        );
        assert_eq!(app.take_link_to_open(), None, "once");
        press(&mut app, KeyCode::Char('L'));
        press(&mut app, KeyCode::Char('1'));
        assert_eq!(
            app.take_link_to_open().as_deref(),
            Some("https://us.pycon.org/2024/schedule/presentation/26/")
        );
        app.link_opened(Err("no xdg-open".into()));
        assert!(app.message.as_deref().unwrap().contains("no xdg-open"));
    }
}
