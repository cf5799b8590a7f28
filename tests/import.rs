//! Importing real schedules: the 31C3 conference in three formats yields the same talks.

mod support;

use std::collections::BTreeSet;

use talkbook::import::{self, Schedule};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn parse(name: &str) -> Schedule {
    import::parse(name, &fixture(name)).unwrap_or_else(|error| panic!("{error}"))
}

/// What must agree between formats: title, room, start and end instants, speakers.
fn talks(schedule: &Schedule) -> BTreeSet<(String, String, String, String, Vec<String>)> {
    schedule
        .events
        .iter()
        .map(|e| {
            (
                e.title.clone(),
                e.room.clone(),
                e.start.to_rfc3339(),
                e.end.to_rfc3339(),
                e.speakers.clone(),
            )
        })
        .collect()
}

#[test]
fn the_three_31c3_formats_give_the_same_138_talks() {
    let xml = parse("31c3-schedule.xml");
    let json = parse("31c3-schedule.json");
    let ics = parse("31c3-schedule.ics");
    for schedule in [&xml, &json, &ics] {
        assert_eq!(schedule.events.len(), 138);
        assert_eq!(schedule.title, "31. Chaos Communication Congress");
    }
    let from_xml = talks(&xml);
    assert_eq!(from_xml.len(), 138, "talks are distinct");
    assert_eq!(from_xml, talks(&json), "XML and JSON differ");
    assert_eq!(from_xml, talks(&ics), "XML and iCalendar differ");

    let rooms: BTreeSet<&str> = xml.events.iter().map(|e| e.room.as_str()).collect();
    assert_eq!(
        rooms.into_iter().collect::<Vec<_>>(),
        ["Saal 1", "Saal 2", "Saal 6", "Saal G"]
    );
    // Stable ids: frab guids, and the iCalendar UID as the file gives it.
    assert_eq!(xml.events[0].id, "29aecfd7-2e44-4f49-ab86-29b5e0877325");
    assert_eq!(json.events[0].id, "29aecfd7-2e44-4f49-ab86-29b5e0877325");
    assert!(
        ics.events
            .iter()
            .any(|e| e.id == "29aecfd7-2e44-4f49-ab86-29b5e0877325@31c3")
    );
}

#[test]
fn notebooks_show_times_in_the_conference_zone() {
    let json = import::to_notebook(&parse("31c3-schedule.json"), "31c3.json", None).unwrap();
    assert_eq!(json.time_zone, "Europe/Berlin");
    assert_eq!(json.days.len(), 4);
    assert_eq!(json.talk_count(), 138);
    let opening = json.talk("29aecfd7-2e44-4f49-ab86-29b5e0877325").unwrap();
    assert_eq!(opening.time_range(), "11:00–11:30");
    assert_eq!(opening.speakers, ["erdgeist", "Geraldine de Bastion"]);

    let xml = import::to_notebook(&parse("31c3-schedule.xml"), "31c3.xml", None).unwrap();
    assert_eq!(
        xml.time_zone, "+01:00",
        "the XML gives offsets, not a zone name"
    );
    assert_eq!(xml.days.len(), 4);

    // The .ics has UTC times only; an explicit zone shows them as the conference did.
    let ics = parse("31c3-schedule.ics");
    let utc = import::to_notebook(&ics, "31c3.ics", None).unwrap();
    assert_eq!(utc.time_zone, "UTC");
    let berlin = import::to_notebook(&ics, "31c3.ics", Some("Europe/Berlin")).unwrap();
    assert_eq!(
        berlin
            .talk("29aecfd7-2e44-4f49-ab86-29b5e0877325@31c3")
            .unwrap()
            .time_range(),
        "11:00–11:30"
    );
    // Late-night talks stay on their conference day, as in the frab files.
    let day_sizes =
        |nb: &talkbook::model::Notebook| nb.days.iter().map(|d| d.talks.len()).collect::<Vec<_>>();
    assert_eq!(day_sizes(&berlin), day_sizes(&json));
}

#[test]
fn abstracts_are_readable_text() {
    let json = parse("31c3-schedule.json");
    let keynote = json
        .events
        .iter()
        .find(|e| e.title == "31C3 Keynote")
        .unwrap();
    assert_eq!(keynote.abstract_text, "A New Dawn\n\nThe 31C3 Keynote");
    assert!(json.events.iter().all(|e| !e.abstract_text.contains("<p>")));
}

#[test]
fn hostile_schedule_text_is_cleaned_before_it_is_stored_or_drawn() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::{Terminal, backend::TestBackend};
    use talkbook::store::DiscardSink as NullSink;
    use talkbook::{app::App, ui};

    let hostile = r#"{"schedule": {"conference": {"title": "Evil\u001b]0;pwned\u0007Con", "time_zone_name": "UTC",
        "days": [{"date": "2024-01-02", "rooms": {"Room\u0000 1": [
          {"guid": "g\u001b[1", "date": "2024-01-02T10:00:00Z", "duration": "00:30",
           "title": "Clear\u001b[2J screen \u202eevil\u0000", "abstract": "<b>bold</b>\u001b[31m red",
           "persons": [{"public_name": "\u001b[5mBlink\u0007"}]}]}}]}}}"#;
    let schedule = import::parse("hostile.json", hostile).unwrap();
    let notebook = import::to_notebook(&schedule, "hostile.json", None).unwrap();
    let json = talkbook::store::to_json(&notebook);
    for bad in ["\\u001b", "\\u0007", "\\u0000", "\u{202e}"] {
        assert!(!json.contains(bad), "{bad} stored in {json}");
    }
    let talk = &notebook.days[0].talks[0];
    // Whole escape sequences go, not only their escape character.
    assert_eq!(talk.title, "Clear screen evil");
    assert_eq!(talk.abstract_text, "bold red");
    assert_eq!(talk.speakers, ["Blink"]);
    assert_eq!(notebook.title, "EvilCon");

    let clock = chrono::NaiveDate::from_ymd_opt(2024, 1, 2)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut app = App::new(notebook, Box::new(NullSink), clock);
    support::press_key(
        &mut app,
        KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE),
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &app, &ui::Theme::default()))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Clear screen evil") && !screen.contains("[2J"));
    assert!(screen.chars().all(|c| !c.is_control() && c != '\u{202e}'));
}

#[test]
fn the_import_prompt_merges_a_schedule_into_the_open_notebook() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use talkbook::store::DiscardSink as NullSink;
    use talkbook::{app::App, app::Overlay, model::Notebook};

    // A key, then what the event loop does for the app: start reading a schedule it
    // asked for.
    let press = |app: &mut App, code| {
        support::press_key(app, KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(source) = app.take_schedule_to_load() {
            let loading = talkbook::import::loading::start(&source);
            app.schedule_loading(&source, loading);
        }
    };
    let clock = chrono::NaiveDate::from_ymd_opt(2014, 12, 27)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut app = App::new(Notebook::new("My 31C3", ""), Box::new(NullSink), clock);
    press(&mut app, KeyCode::Char('I'));
    assert!(matches!(app.overlay, Overlay::Import(_)));
    app.handle_paste(&format!(
        "{}/tests/fixtures/31c3-schedule.xml",
        env!("CARGO_MANIFEST_DIR")
    ));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert!(
        app.message.as_deref().unwrap().contains("138 added"),
        "{:?}",
        app.message
    );
    assert_eq!(app.notebook.talk_count(), 138);
    assert_eq!(
        app.notebook.time_zone, "+01:00",
        "an empty notebook takes the schedule's zone"
    );
    assert!(app.has_unsaved_changes());

    press(&mut app, KeyCode::Char('I'));
    for c in "/nonexistent.ics".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.message.as_deref(),
        Some("Import failed: no file at /nonexistent.ics")
    );
    assert_eq!(app.notebook.talk_count(), 138);
}

/// Two events with one guid (an export that repeats them) are two talks, not one.
#[test]
fn json_events_that_share_a_guid_stay_two_talks() {
    let json = r#"{"schedule": {"conference": {"title": "Dup", "time_zone_name": "UTC",
        "days": [{"date": "2024-01-02", "rooms": {"Room 1": [
          {"guid": "same", "date": "2024-01-02T10:00:00Z", "duration": "00:30", "title": "First"},
          {"guid": "same", "date": "2024-01-02T11:00:00Z", "duration": "00:30", "title": "Second"}]}}]}}}"#;
    let schedule = import::parse("dup.json", json).unwrap();
    let notebook = import::to_notebook(&schedule, "dup.json", None).unwrap();
    let titles: Vec<&str> = notebook.days[0]
        .talks
        .iter()
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(titles, ["First", "Second"]);
    let mut again = notebook.clone();
    let summary = import::merge_into(&mut again, &schedule);
    assert_eq!(
        (summary.added, summary.changed, summary.unchanged),
        (0, 0, 2)
    );
}
