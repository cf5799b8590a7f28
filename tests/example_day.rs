//! The real attendee's day from the example notes, typed key by key into the demo
//! notebook, must export with every section of the original file.

mod support;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use talkbook::app::App;
use talkbook::export::{ExportOptions, to_markdown};
use talkbook::store::DiscardSink as NullSink;
use talkbook::store::demo_notebook;

const EXAMPLE: &str = include_str!("fixtures/pycon-us-2024-day-notes.txt");

/// Lines of prose that the attendee meant as "look this up later".
const FOLLOW_UP_LINES: [&str; 2] = [
    "note to self: post-talk to more research on the mock features described here.",
    "there's a library you can use django-safemigrate (look up more details)",
];

fn key(app: &mut App, code: KeyCode) {
    support::press_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

/// Types text as keystrokes; follow-up lines get Ctrl-T at their end.
fn type_notes(app: &mut App, text: &str) {
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            key(app, KeyCode::Enter);
        }
        for c in line.chars() {
            key(app, KeyCode::Char(c));
        }
        if FOLLOW_UP_LINES.contains(&line) {
            support::press_key(
                app,
                KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL),
            );
        }
    }
}

/// The example's sections: (heading line, body) split at the `=====` rules.
fn sections() -> Vec<(String, String)> {
    let mut sections = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in EXAMPLE.lines().chain(["====="]) {
        if !line.is_empty() && line.chars().all(|c| c == '=') {
            let text = current.join("\n");
            let text = text.trim();
            let (heading, body) = text.split_once('\n').unwrap_or((text, ""));
            sections.push((heading.trim().to_string(), body.trim().to_string()));
            current.clear();
        } else {
            current.push(line);
        }
    }
    sections
}

#[test]
fn the_example_day_exports_with_every_section() {
    let sections = sections();
    assert_eq!(
        sections.len(),
        10,
        "keynote, eight slots, and the hallway tip"
    );
    // The morning before: the app starts on the day notes.
    let clock = NaiveDate::from_ymd_opt(2024, 5, 16)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut app = App::new(demo_notebook(), Box::new(NullSink), clock);

    // Keynote and the eight time slots are the demo's nine talks, in order.
    for (index, (heading, body)) in sections[..9].iter().enumerate() {
        key(&mut app, KeyCode::Char('J'));
        let talk = app.selected_talk().unwrap();
        let title_start: String = talk.title.chars().take(12).collect();
        assert!(
            heading.contains(&title_start) || (index == 0 && heading.starts_with("Keynote")),
            "slot {index}: {heading:?} vs {:?}",
            talk.title
        );
        if body == "ended up not attending" {
            key(&mut app, KeyCode::Char('s'));
            continue;
        }
        key(&mut app, KeyCode::Enter);
        type_notes(&mut app, body);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('a'));
    }
    // The hallway tip belongs to the day.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Enter);
    let (tip_heading, tip_body) = &sections[9];
    type_notes(&mut app, &format!("{tip_heading}\n{tip_body}"));
    key(&mut app, KeyCode::Esc);

    let markdown = to_markdown(&app.notebook, ExportOptions::default());
    // Every line the attendee wrote is in the export, verbatim.
    // (The nine hand-typed talk headings are replaced by the talk headings checked below.)
    let written = sections[..9]
        .iter()
        .flat_map(|(_, body)| body.lines())
        .chain([sections[9].0.as_str()])
        .chain(sections[9].1.lines());
    for line in written {
        let line = line.trim();
        if line.is_empty() || line == "ended up not attending" {
            continue;
        }
        if FOLLOW_UP_LINES.contains(&line) {
            assert!(markdown.contains(&format!("- [ ] {line}")), "{line}");
        } else {
            assert!(markdown.contains(line), "missing from the export: {line:?}");
        }
    }
    for heading in [
        "## Friday, 17 May 2024",
        "### 09:45–10:30 · Keynote - Jay Miller (Expo Hall B) · attended",
        "### 11:00–11:30 · Mock It Till You Make It: How to Verify Your External Mocks Without Ever Leaving Unittest — Liz Acosta (Hall C) · attended",
        "### 11:45–12:15 · Flask-Con: Building Single Page Apps w/Flask — Adam Englander (Room 317) · attended",
        "### 12:30–13:15 · Ruff: An Extremely Fast Python Linter and Code Formatter, Written in Rust — Charlie Marsh (Hall C) · attended",
        "### 14:00–14:30 · Continuous Deployment and Release of Django Apps — Vinicius Mendes (Ballroom BC) · attended",
        "### 14:45–15:15 · Pydantic Power-up: Performance Tips for Lightning-Fast Python Applications — Sydney Runkle (Ballroom BC) · attended",
        "### 15:30–16:00 · Procedurally Generated Monsters! A complete example of Python game development — Esther Alter (Hall C) · skipped",
        "### 16:30–17:00 · Interactive Software Documentation, with PyScript — Valerio Maggio (Room 301-305) · attended",
        "### 18:00–19:00 · Lightning Talks (Expo Hall B) · attended\n\nI attended and also spoke, so could not take notes",
    ] {
        assert!(
            markdown.contains(heading),
            "missing heading: {heading}\n\n{markdown}"
        );
    }
    // Day notes come first in the day; follow-ups are gathered at the end.
    let tip = markdown.find("tip from Pycharm team").unwrap();
    assert!(tip < markdown.find("### 09:45").unwrap());
    let follow_ups = markdown
        .split("## Follow-ups\n\n")
        .nth(1)
        .expect("a follow-up section");
    assert_eq!(
        follow_ups,
        "- [ ] note to self: post-talk to more research on the mock features described here. — Mock It Till You Make It: How to Verify Your External Mocks Without Ever Leaving Unittest (11:00)\n\
         - [ ] there's a library you can use django-safemigrate (look up more details) — Continuous Deployment and Release of Django Apps (14:00)\n"
    );
}
