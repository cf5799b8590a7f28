//! Time, the filter, search and the mouse: where the selection goes.

use super::*;

fn at(time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("2024-05-17 {time}"), "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn on_a_conference_day_the_app_starts_on_the_talk_running_now() {
    let app = App::new(
        demo_notebook(),
        Box::new(MemorySink::default()),
        at("11:10"),
    );
    assert!(selected_title(&app).starts_with("Mock It"));
    assert_eq!(app.now_next.running, ["pycon-7"]);
    let (id, start, minutes) = app.now_next.next.clone().unwrap();
    assert_eq!((id.as_str(), start, minutes), ("local-1", at("11:45"), 35));
    // Between talks: the next one.
    let app = App::new(
        demo_notebook(),
        Box::new(MemorySink::default()),
        at("13:20"),
    );
    assert!(selected_title(&app).starts_with("Continuous Deployment"));
}

#[test]
fn n_jumps_to_now_and_time_moves_on_with_the_clock() {
    let mut app = App::new(
        demo_notebook(),
        Box::new(MemorySink::default()),
        at("09:10"),
    );
    assert_eq!(selected_title(&app), "Keynote - Jay Miller");
    press(&mut app, KeyCode::Char('G'));
    app.tick(Instant::now(), at("15:40"));
    assert_eq!(
        selected_title(&app),
        "Lightning Talks",
        "ticking does not move the selection"
    );
    press(&mut app, KeyCode::Char('n'));
    assert!(selected_title(&app).starts_with("Procedurally Generated"));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Now: Procedurally")
    );
    app.tick(Instant::now(), at("20:00"));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.message.as_deref(),
        Some("Nothing more on the schedule.")
    );
}

#[test]
fn stamps_give_the_clock_and_the_time_since_the_talk_began() {
    let clock = NaiveDate::from_ymd_opt(2024, 5, 17)
        .unwrap()
        .and_hms_opt(11, 12, 34)
        .unwrap();
    let mut app = App::new(demo_notebook(), Box::new(MemorySink::default()), clock);
    assert!(
        selected_title(&app).starts_with("Mock It"),
        "starts on the 11:00 talk"
    );
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'l');
    type_text(&mut app, "mocks\n");
    ctrl(&mut app, 'o');
    type_text(&mut app, "autospec");
    assert_eq!(
        app.selected_talk().unwrap().notes,
        "[11:12] mocks\n[+12:34] autospec"
    );
    // Day notes have no start: the clock instead, and a word why.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'o');
    assert_eq!(app.notebook.days[0].notes, "[11:12] ");
    assert!(app.message.as_deref().unwrap().contains("no start time"));
}

#[test]
fn planned_talks_and_the_filter_keep_parallel_alternatives_together() {
    let mut notebook = demo_notebook();
    let date = notebook.days[0].date;
    let parallel = notebook.add_talk(crate::model::TalkDetails {
        start: date.and_hms_opt(12, 30, 0).unwrap(),
        end: date.and_hms_opt(13, 0, 0).unwrap(),
        title: "Zz parallel to Ruff".into(),
        speakers: vec![],
        room: "Room 2".into(),
        recording: String::new(),
        lead_in: 0,
    });
    let mut app = App::new(notebook, Box::new(MemorySink::default()), clock());
    // Plan Ruff (12:30), attend the keynote, skip Flask.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('J'));
    press(&mut app, KeyCode::Char('J'));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('J'));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.selected_talk().unwrap().state, TalkState::Planned);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Marked planned: Ruff")
    );

    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter, Filter::PlannedAndAttended);
    let titles = |app: &App| -> Vec<String> {
        app.visible_talks()
            .iter()
            .map(|&i| app.current_day().talks[i].title.clone())
            .collect()
    };
    let shown = titles(&app);
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert_eq!(shown[0], "Keynote - Jay Miller");
    assert!(shown[1].starts_with("Ruff"));
    assert_eq!(
        shown[2], "Zz parallel to Ruff",
        "the alternative in the same slot stays"
    );
    // Navigation moves among what is shown.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('J'));
    assert_eq!(selected_title(&app), "Keynote - Jay Miller");
    press(&mut app, KeyCode::Char('J'));
    assert!(selected_title(&app).starts_with("Ruff"));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected_talk().unwrap().id, parallel);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.selected_talk().unwrap().id, parallel);

    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter, Filter::HideSkipped);
    assert!(!titles(&app).iter().any(|t| t.starts_with("Flask")));
    assert_eq!(titles(&app).len(), 9);
    // Watch later: what was skipped, and planned talks once they are over.
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter, Filter::WatchLater);
    assert!(app.message.as_deref().unwrap().contains("watch later"));
    let missed = titles(&app);
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].starts_with("Flask"));
    let evening = app.current_day().date.and_hms_opt(23, 0, 0).unwrap();
    app.tick(std::time::Instant::now(), evening);
    let missed = titles(&app);
    assert_eq!(missed.len(), 2, "Ruff was planned and is over: {missed:?}");
    assert!(missed[1].starts_with("Ruff"));
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter, Filter::All);
    assert_eq!(titles(&app).len(), 10);
}

#[test]
fn search_finds_as_you_type_and_enter_opens_the_line() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[4].notes = "k8s probes\nlook at django-safemigrate".into();
    notebook.days[0].talks[1].notes = "django mocks".into();
    let mut app = App::new(notebook, Box::new(MemorySink::default()), clock());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "djang");
    let Overlay::Search(search) = &app.overlay else {
        panic!("no search")
    };
    let found: Vec<&str> = search.hits.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        found,
        [
            "django mocks",
            "title: Continuous Deployment and Release of Django Apps",
            "look at django-safemigrate"
        ]
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.focus, Pane::Editor);
    assert!(selected_title(&app).starts_with("Continuous Deployment"));
    assert_eq!(app.editor.textarea.cursor(), (1, 0));

    // A title hit selects the talk in the schedule; Esc cancels without moving.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "RUFF");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Schedule);
    assert!(selected_title(&app).starts_with("Ruff"));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "pydantic");
    press(&mut app, KeyCode::Esc);
    assert!(selected_title(&app).starts_with("Ruff"));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn a_search_hit_hidden_by_the_filter_shows_all_talks_again() {
    let (mut app, _) = demo_app();
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.visible_talks().len(), 0);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "Lightning Talks");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter, Filter::All);
    assert_eq!(selected_title(&app), "Lightning Talks");
}

#[test]
fn a_click_focuses_its_pane_and_selects_what_is_under_it() {
    let (mut app, _) = demo_app();
    let id = app.current_day().talks[3].id.clone();
    app.click(MouseTarget::Entry(Selected::Talk(id.clone())));
    assert_eq!(app.focus, Pane::Schedule);
    assert_eq!(app.selected, Selected::Talk(id));
    assert_eq!(
        app.editor.note,
        NoteRef::Talk(app.current_day().talks[3].id.clone())
    );

    app.click(MouseTarget::Pane(Pane::Editor));
    assert_eq!(app.focus, Pane::Editor);
    type_text(&mut app, "first line\nsecond line");
    app.click(MouseTarget::Text { row: 0, column: 6 });
    assert_eq!(app.editor.textarea.cursor(), (0, 6));
    // Past the end of the text: the end of the last line.
    app.click(MouseTarget::Text { row: 9, column: 99 });
    assert_eq!(app.editor.textarea.cursor(), (1, 11));

    app.click(MouseTarget::Entry(Selected::DayNotes));
    assert_eq!(app.focus, Pane::Schedule);
    assert_eq!(app.selected, Selected::DayNotes);
}

#[test]
fn a_click_on_a_follow_up_selects_it_and_clicks_wait_while_a_pop_up_is_open() {
    let (mut app, _) = demo_app();
    app.notebook.days[0].notes = "TODO one\nTODO two\nTODO three".into();
    app.refresh_follow_ups();
    app.click(MouseTarget::FollowUp(2));
    assert_eq!(app.focus, Pane::FollowUps);
    assert_eq!(app.follow_up_cursor, 2);
    app.click(MouseTarget::FollowUp(7));
    assert_eq!(app.follow_up_cursor, 2, "clamped to the list");

    press(&mut app, KeyCode::Char('?'));
    app.click(MouseTarget::Pane(Pane::Schedule));
    assert_eq!(app.focus, Pane::FollowUps);
    assert_eq!(app.overlay, Overlay::Help);
}

#[test]
fn the_wheel_moves_lists_and_scrolls_the_help_without_moving_focus() {
    let (mut app, _) = demo_app();
    assert_eq!(app.selected_position(), 0);
    app.handle_mouse(
        MouseEventKind::ScrollDown,
        Some(MouseTarget::Pane(Pane::Schedule)),
    );
    assert_eq!(app.selected_position(), 3);
    app.handle_mouse(
        MouseEventKind::ScrollUp,
        Some(MouseTarget::Pane(Pane::Schedule)),
    );
    assert_eq!(app.selected_position(), 0);
    assert_eq!(app.focus, Pane::Schedule);

    app.notebook.days[0].notes = (1..=9).map(|n| format!("TODO {n}\n")).collect();
    app.refresh_follow_ups();
    app.handle_mouse(MouseEventKind::ScrollDown, Some(MouseTarget::FollowUp(0)));
    assert_eq!(app.follow_up_cursor, 3);
    assert_eq!(app.focus, Pane::Schedule);

    press(&mut app, KeyCode::Char('?'));
    app.handle_mouse(MouseEventKind::ScrollDown, None);
    assert_eq!(app.help_scroll, 3);
    app.handle_mouse(MouseEventKind::ScrollUp, None);
    app.handle_mouse(MouseEventKind::ScrollUp, None);
    assert_eq!(app.help_scroll, 0);
}
