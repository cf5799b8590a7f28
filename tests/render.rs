//! What the screen shows, drawn into ratatui's TestBackend at several sizes.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use talkbook::app::App;
use talkbook::model::TalkState;
use talkbook::store::DiscardSink as NullSink;
use talkbook::store::demo_notebook;
use talkbook::ui::{self, Theme};

/// The day before the demo's: the screen starts on the day notes.
fn clock() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 5, 16)
        .unwrap()
        .and_hms_opt(11, 10, 0)
        .unwrap()
}

/// The demo day part-way through: notes, states and follow-ups.
fn sample_app() -> App {
    let mut notebook = demo_notebook();
    let talks = &mut notebook.days[0].talks;
    talks[0].state = TalkState::Attended;
    talks[0].notes = "Founder of Black Python Devs".into();
    talks[1].state = TalkState::Attended;
    talks[1].notes = "autospec is good\n- [ ] post-talk: more research on the mock features".into();
    talks[4].notes = "- [x] look up django-safemigrate".into();
    talks[6].state = TalkState::Skipped;
    notebook.days[0].notes = "TODO PyCharm: search for productivity".into();
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    for _ in 0..2 {
        press(&mut app, KeyCode::Char('j'));
    }
    app
}

fn press(app: &mut App, code: KeyCode) {
    support::press_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn render(app: &App, width: u16, height: u16, theme: &Theme) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .chunks(width.max(1) as usize)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wide_screen_shows_three_panes() {
    let app = sample_app();
    let screen = render(&app, 120, 40, &Theme::default());
    insta::assert_snapshot!("wide_120x40", screen);
    assert!(screen.starts_with(" PyCon US 2024 · Fri 17 May"));
    assert!(screen.contains("11:10"), "clock in the header");
    assert!(
        screen.contains("▸ ✓✎ Mock It Till You Make It"),
        "selected, attended, has notes"
    );
    assert!(
        screen.contains("✗  Procedurally Generated Monsters"),
        "skipped mark"
    );
    assert!(
        screen.contains("┏ Schedule"),
        "the focused pane has a thick border"
    );
    assert!(screen.contains("Follow-ups · 2 open · 1 done"));
    assert!(screen.contains("[x] look up django-safemigrate"));
    assert!(
        screen.contains("autospec is good"),
        "the editor shows the selected talk's notes"
    );
}

#[test]
fn standard_80x24_keeps_the_three_panes() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("standard_80x24_editing", screen);
    assert!(
        screen.contains("┏ 11:00–11:30 · Mock It"),
        "the editor is focused"
    );
    assert!(screen.contains("Schedule"));
    assert!(screen.contains("Follow-ups"));
}

#[test]
fn narrow_screens_show_the_focused_pane_only() {
    let mut app = sample_app();
    let screen = render(&app, 30, 8, &Theme::default());
    insta::assert_snapshot!("tiny_30x8", screen);
    assert!(screen.contains("Schedule"));
    assert!(!screen.contains("Follow-ups"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let screen = render(&app, 79, 24, &Theme::default());
    assert!(screen.contains("Follow-ups"));
    assert!(!screen.contains("Schedule ·"));
}

#[test]
fn ratings_show_beside_the_talks_and_watch_later_marks_recordings() {
    let mut app = sample_app();
    // Mock It: three stars, the keynote one.
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('r'));
    }
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('r'));
    let screen = render(&app, 120, 40, &Theme::default());
    insta::assert_snapshot!("ratings_120x40", screen);
    assert!(screen.contains("✓✎ ★ Keynote"), "{screen}");
    assert!(
        screen.contains("✓✎ ★★★ Mock It Till You Make It"),
        "{screen}"
    );
    let ascii = Theme {
        unicode: false,
        color: false,
        ..Theme::default()
    };
    let screen = render(&app, 120, 40, &ascii);
    assert!(
        screen.contains("+* 3/3 Mock It Till You Make It"),
        "{screen}"
    );

    // What was missed: the skipped talk, with its recording once there is one.
    app.notebook.days[0].talks[6].recording = "https://youtu.be/monsters".into();
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('f'));
    }
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(screen.contains("· watch later"), "{screen}");
    assert!(
        screen.contains("✗  ▶ Procedurally Generated Monsters"),
        "{screen}"
    );
    assert!(!screen.contains("★★★ Mock It"), "attended is not missed");
}

#[test]
fn ascii_theme_uses_no_symbols_beyond_ascii_in_marks() {
    let app = sample_app();
    let theme = Theme {
        color: false,
        unicode: false,
        ..Theme::default()
    };
    let screen = render(&app, 120, 40, &theme);
    assert!(screen.contains("> +* Mock It Till You Make It"), "{screen}");
    assert!(screen.contains("-  Procedurally Generated Monsters"));
}

#[test]
fn talks_removed_from_the_schedule_are_marked() {
    let mut app = sample_app();
    app.notebook.days[0].talks[3].removed = true;
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(
        screen.contains("(removed) Ruff: An Extremely Fast"),
        "{screen}"
    );
}

#[test]
fn an_empty_talk_shows_its_abstract_until_notes_are_written() {
    let mut app = App::new(demo_notebook(), Box::new(NullSink), clock());
    press(&mut app, KeyCode::Char('j'));
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(screen.contains("No notes yet."), "{screen}");
    assert!(
        screen.contains("Founder of Black Python Devs."),
        "the keynote's abstract"
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('x'));
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(
        !screen.contains("Founder of Black Python Devs."),
        "{screen}"
    );
}

#[test]
fn a_huge_abstract_shows_as_much_as_fits() {
    // 4 MB on one line, as another tool may write it: only what fits is laid out.
    let mut notebook = demo_notebook();
    notebook.days[0].talks[0].abstract_text =
        format!("Start here. {}", "lorem ipsum ".repeat(350_000));
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    press(&mut app, KeyCode::Char('j'));
    let screen = render(&app, 80, 24, &Theme::default());
    assert!(screen.contains("Start here. lorem ipsum"), "{screen}");
    let abstract_rows = screen
        .lines()
        .filter(|row| row.contains("lorem ipsum"))
        .count();
    assert!(abstract_rows >= 10, "the abstract fills its pane: {screen}");
}

#[test]
fn the_header_shows_what_runs_now_and_what_is_next() {
    let at = NaiveDate::from_ymd_opt(2024, 5, 17)
        .unwrap()
        .and_hms_opt(11, 10, 0)
        .unwrap();
    let mut notebook = demo_notebook();
    notebook.days[0].talks[2].start = notebook.days[0].talks[1].start;
    let app = App::new(notebook, Box::new(NullSink), at);
    let screen = render(&app, 160, 30, &Theme::default());
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains("│ now: Mock It Till You Make It: H… +1 │ next 12:30 in 1h20 │ 11:10"),
        "{header}"
    );
    assert!(header.trim_end().ends_with("11:10"));
}

#[test]
fn the_filter_view_shows_planned_slots_with_their_alternatives() {
    let mut app = sample_app();
    app.notebook.days[0].talks[3].state = talkbook::model::TalkState::Planned;
    press(&mut app, KeyCode::Char('f'));
    let screen = render(&app, 120, 40, &Theme::default());
    insta::assert_snapshot!("filter_planned_120x40", screen);
    assert!(screen.contains("Schedule · Fri 17 May (1/1) · planned"));
    assert!(screen.contains("★  Ruff: An Extremely Fast"), "{screen}");
    assert!(screen.contains("✓✎ Keynote"));
    assert!(
        !screen.contains("Flask-Con"),
        "not planned, attended, or beside one"
    );
    assert!(!screen.contains("Procedurally"), "skipped");
}

#[test]
fn the_search_view_lists_matches_with_their_talk() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('/'));
    for c in "mock".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let screen = render(&app, 120, 40, &Theme::default());
    insta::assert_snapshot!("search_120x40", screen);
    assert!(screen.contains("Find: mock"));
    assert!(screen.contains("2 found"), "{screen}");
    assert!(
        screen.contains("Mock It Till You Make It: H… (11:00)  title: Mock It Till You Make It")
    );
    assert!(screen.contains("post-talk: more research on the mock features"));
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('?'));
    let screen = render(&app, 120, 40, &Theme::default());
    insta::assert_snapshot!("help_120x40", screen);
    assert!(screen.contains("mark attended"));
    // Longer than the screen: j scrolls down to the editor's keys and the last binding.
    assert!(!screen.contains("hide or show done follow-ups"));
    for _ in 0..30 {
        press(&mut app, KeyCode::Char('j'));
    }
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(screen.contains("Ctrl-T"), "{screen}");
    assert!(screen.contains("hide or show done follow-ups"), "{screen}");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.overlay, talkbook::app::Overlay::Help);
}

#[test]
fn the_add_form_shows_fields_and_errors() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("add_form_80x24", screen);
    assert!(screen.contains("Add a talk"));
    assert!(screen.contains("The talk needs a title."));
}

#[test]
fn no_size_and_no_overlay_makes_drawing_panic() {
    let keys = [None, Some('?'), Some('o'), Some('d')];
    for key in keys {
        let mut app = sample_app();
        if let Some(key) = key {
            press(&mut app, KeyCode::Char(key));
        }
        for width in [0, 1, 2, 5, 10, 20, 30, 50, 79, 80, 81] {
            for height in [0, 1, 2, 3, 4, 8, 12] {
                render(&app, width, height, &Theme::default());
            }
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut notebook = demo_notebook();
    notebook.title = "Conf\x1b]0;pwned\x07".into();
    let talk = &mut notebook.days[0].talks[0];
    talk.title = "Clear\x1b[2J screen \u{202E}evil\0".into();
    talk.speakers = vec!["\x1b[31mRed".into()];
    talk.room = "Room\x07".into();
    talk.notes = "- [ ] \x1b[1;1Hjump\u{9b}".into();
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    press(&mut app, KeyCode::Char('j'));
    let screen = render(&app, 120, 40, &Theme::default());
    for c in screen.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "control character {c:?} on screen"
        );
        assert!(
            !('\u{202A}'..='\u{202E}').contains(&c),
            "bidi override on screen"
        );
    }
    // Whole sequences go: no parameters are left on screen either.
    assert!(screen.contains("Clear screen evil"), "{screen}");
    assert!(screen.contains("Conf"));
    assert!(screen.contains("- [ ] jump"));
    for leftover in ["[2J", "]0;pwned", "[1;1H", "[31m"] {
        assert!(!screen.contains(leftover), "{leftover} on screen");
    }
}

#[test]
fn the_twelve_hour_clock_shows_in_the_header_slots_editor_and_follow_ups() {
    let mut app = sample_app();
    app.clock_format = talkbook::model::ClockFormat::H12;
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(screen.contains(" 11:10am "), "{screen}");
    assert!(screen.contains("9:45am–10:30am"), "{screen}");
    assert!(screen.contains("11:00am–11:30am · Mock It"), "{screen}");
    assert!(screen.contains("(2:00pm)"), "{screen}");
    assert!(!screen.contains("14:00"), "{screen}");
}

#[test]
fn theme_colours_from_the_config_paint_the_marks_and_borders() {
    use ratatui::style::Color;
    let app = sample_app();
    let mut theme = Theme::default();
    theme.palette.attended = Color::Indexed(208);
    theme.palette.focus = Color::Rgb(1, 2, 3);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &app, &theme))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let colours: Vec<Color> = buffer.content().iter().map(|cell| cell.fg).collect();
    assert!(colours.contains(&Color::Indexed(208)));
    assert!(colours.contains(&Color::Rgb(1, 2, 3)));
    assert!(!colours.contains(&Color::Green) && !colours.contains(&Color::Cyan));
}

/// Column and row where `needle` is drawn on a rendered `screen`.
fn position_of(screen: &str, needle: &str) -> (u16, u16) {
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| {
            line.split_once(needle)
                .map(|(before, _)| (before.chars().count() as u16, row as u16))
        })
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

#[test]
fn the_mouse_finds_the_talk_follow_up_or_pane_drawn_under_it() {
    use ratatui::layout::Rect;
    use talkbook::app::{MouseTarget, Pane, Selected};
    let app = sample_app();
    let screen = render(&app, 120, 40, &Theme::default());
    let area = Rect::new(0, 0, 120, 40);
    let at = |needle| {
        let (column, row) = position_of(&screen, needle);
        ui::target_at(&app, area, column + 2, row)
    };
    let monsters = app.current_day().talks[6].id.clone();
    assert_eq!(
        at("Procedurally Generated"),
        Some(MouseTarget::Entry(Selected::Talk(monsters)))
    );
    // A slot heading stands for the slot's first talk.
    let keynote = app.current_day().talks[0].id.clone();
    assert_eq!(
        at("09:45–10:30"),
        Some(MouseTarget::Entry(Selected::Talk(keynote)))
    );
    assert_eq!(
        at("Day notes  "),
        Some(MouseTarget::Entry(Selected::DayNotes))
    );
    assert_eq!(at("PyCharm: search"), Some(MouseTarget::FollowUp(0)));
    assert_eq!(
        at("autospec is good"),
        Some(MouseTarget::Text { row: 0, column: 2 })
    );
    assert_eq!(at("Follow-ups ·"), Some(MouseTarget::Pane(Pane::FollowUps)));
    assert_eq!(ui::target_at(&app, area, 5, 0), None, "the header");
    assert_eq!(ui::target_at(&app, area, 5, 39), None, "the status line");
}

#[test]
fn on_a_narrow_screen_the_mouse_only_finds_the_pane_shown() {
    use ratatui::layout::Rect;
    use talkbook::app::{MouseTarget, Pane};
    let mut app = sample_app();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let screen = render(&app, 60, 20, &Theme::default());
    let (column, row) = position_of(&screen, "PyCharm");
    let area = Rect::new(0, 0, 60, 20);
    assert_eq!(
        ui::target_at(&app, area, column, row),
        Some(MouseTarget::FollowUp(0))
    );
    assert_eq!(
        ui::target_at(&app, area, 0, 1),
        Some(MouseTarget::Pane(Pane::FollowUps))
    );
}

#[test]
fn a_screen_that_reuses_unchanged_panes_draws_exactly_what_a_fresh_one_draws() {
    let mut app = sample_app();
    let mut screen = ui::Screen::default();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut theme = Theme::default();
    type Step = Box<dyn Fn(&mut App, &mut Theme, &mut Terminal<TestBackend>)>;
    let steps: Vec<Step> = vec![
        Box::new(|_, _, _| {}),
        Box::new(|app, _, _| press(app, KeyCode::Enter)),
        Box::new(|app, _, _| press(app, KeyCode::Char('x'))),
        Box::new(|app, _, _| press(app, KeyCode::Enter)),
        Box::new(|app, _, _| press(app, KeyCode::Char('y'))),
        Box::new(|app, _, _| press(app, KeyCode::Esc)),
        Box::new(|app, _, _| press(app, KeyCode::Char('j'))),
        Box::new(|app, _, _| press(app, KeyCode::Char('a'))),
        Box::new(|app, _, _| press(app, KeyCode::Tab)),
        Box::new(|app, _, _| press(app, KeyCode::Tab)),
        Box::new(|app, _, _| press(app, KeyCode::Char('x'))),
        Box::new(|_, theme, _| theme.unicode = false),
        Box::new(|_, theme, _| theme.palette.attended = ratatui::style::Color::Magenta),
        Box::new(|_, _, terminal| terminal.backend_mut().resize(90, 30)),
        Box::new(|app, _, _| press(app, KeyCode::Tab)),
        Box::new(|_, _, terminal| terminal.backend_mut().resize(70, 20)),
        Box::new(|app, _, _| press(app, KeyCode::Char('?'))),
    ];
    for (n, step) in steps.iter().enumerate() {
        step(&mut app, &mut theme, &mut terminal);
        terminal.autoresize().unwrap();
        terminal
            .draw(|frame| screen.draw(frame, &app, &theme))
            .unwrap();
        let area = terminal.get_frame().area();
        let fresh = render(&app, area.width, area.height, &theme);
        let reused = terminal
            .backend()
            .buffer()
            .content()
            .chunks(area.width as usize)
            .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(reused, fresh, "after step {n}");
        let styles = |buffer: &ratatui::buffer::Buffer| {
            buffer
                .content()
                .iter()
                .map(|cell| cell.style())
                .collect::<Vec<_>>()
        };
        let mut fresh_terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        fresh_terminal
            .draw(|frame| ui::draw(frame, &app, &theme))
            .unwrap();
        assert_eq!(
            styles(terminal.backend().buffer()),
            styles(fresh_terminal.backend().buffer()),
            "styles after step {n}"
        );
    }
}

/// The painter draws only the regions that may have changed and sends only the cells
/// that did; whatever happens, the terminal must end up showing exactly what a fresh,
/// whole frame shows: same symbols, same styles.
#[test]
fn the_painter_shows_exactly_what_a_whole_frame_shows_after_every_step() {
    use ratatui::backend::Backend as _;
    use talkbook::ui::paint::Painter;
    let mut app = sample_app();
    let mut theme = Theme::default();
    let mut painter = Painter::new(TestBackend::new(120, 40)).unwrap();
    type Step = Box<dyn Fn(&mut App, &mut Theme, &mut Painter<TestBackend>)>;
    let key = |code: KeyCode| -> Step { Box::new(move |app, _, _| press(app, code)) };
    let typed = |text: &'static str| -> Step {
        Box::new(move |app, _, _| {
            for c in text.chars() {
                press(app, KeyCode::Char(c));
            }
        })
    };
    let steps: Vec<Step> = vec![
        Box::new(|_, _, _| {}),
        key(KeyCode::Enter),
        typed("first words"),
        key(KeyCode::Enter),
        typed("- [ ] a follow-up, then コーヒー and more"),
        key(KeyCode::Backspace),
        key(KeyCode::Esc),
        key(KeyCode::Char('j')),
        key(KeyCode::Char('a')),
        key(KeyCode::Char('?')),
        key(KeyCode::Esc),
        key(KeyCode::Char('/')),
        typed("mock"),
        key(KeyCode::Esc),
        key(KeyCode::Tab),
        key(KeyCode::Tab),
        key(KeyCode::Char('x')),
        Box::new(|_, theme, _| theme.unicode = false),
        Box::new(|_, theme, _| theme.palette.attended = ratatui::style::Color::Magenta),
        Box::new(|_, _, painter| {
            painter.resize(90, 30).unwrap();
        }),
        key(KeyCode::Tab),
        Box::new(|_, _, painter| {
            painter.resize(70, 20).unwrap();
        }),
        key(KeyCode::Tab),
        key(KeyCode::Enter),
        typed("narrow"),
        // Rows that get shorter and longer, with tabs, wide and combining characters,
        // and a cursor past the end of the text: what a row no longer reaches is blank.
        key(KeyCode::Enter),
        typed("a longer line\twith e\u{301} and 字字 to be cut"),
        key(KeyCode::Enter),
        typed("short"),
        key(KeyCode::Up),
        key(KeyCode::End),
        Box::new(|app, _, _| {
            for _ in 0..25 {
                press(app, KeyCode::Backspace);
            }
        }),
        key(KeyCode::Down),
        key(KeyCode::Up),
        key(KeyCode::Home),
        key(KeyCode::Esc),
        key(KeyCode::Char('k')),
        key(KeyCode::Char('j')),
    ];
    for (n, step) in steps.iter().enumerate() {
        step(&mut app, &mut theme, &mut painter);
        let area = painter.area();
        // The test terminal follows the painter's size, as a real one would.
        if painter.backend().size().unwrap() != area.as_size() {
            let mut resized = Painter::new(TestBackend::new(area.width, area.height)).unwrap();
            std::mem::swap(&mut resized, &mut painter);
            painter.resize(area.width, area.height).unwrap();
        }
        painter.draw(&app, &theme).unwrap();
        assert_shows_a_whole_frame(&painter, &app, &theme, n);
    }
}

/// Fails when the terminal behind `painter` shows anything but what a fresh, whole frame
/// of `app` shows.
fn assert_shows_a_whole_frame(
    painter: &talkbook::ui::paint::Painter<TestBackend>,
    app: &App,
    theme: &Theme,
    step: usize,
) {
    let (app, theme, n) = (app, theme, step);
    let area = painter.area();
    {
        let mut fresh = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        fresh.draw(|frame| ui::draw(frame, app, theme)).unwrap();
        let cells = |backend: &TestBackend| {
            backend
                .buffer()
                .content()
                .iter()
                .map(|cell| (cell.symbol().to_string(), cell.style()))
                .collect::<Vec<_>>()
        };
        let (shown, whole) = (cells(painter.backend()), cells(fresh.backend()));
        // A terminal shows the right half of a wide character in the cell after it,
        // whatever was written there before: those cells are not compared.
        let covered: Vec<bool> = std::iter::once(false)
            .chain(
                whole
                    .iter()
                    .map(|(symbol, _)| unicode_width::UnicodeWidthStr::width(symbol.as_str()) > 1),
            )
            .collect();
        let differ: Vec<_> = shown
            .iter()
            .zip(&whole)
            .enumerate()
            .filter(|(i, (a, b))| a != b && !covered[*i])
            .map(|(i, (a, b))| {
                (
                    i % area.width as usize,
                    i / area.width as usize,
                    a.clone(),
                    b.clone(),
                )
            })
            .take(5)
            .collect();
        assert!(
            differ.is_empty(),
            "after step {n}, (x, y, shown, whole frame): {differ:?}\n{}",
            render(app, area.width, area.height, theme)
        );
    }
}

/// The schedule keeps the rows of days shown lately: going back to a day shows its rows
/// as they are now, after marks, a filter and notes changed on another day or on it.
#[test]
fn days_shown_again_show_what_a_whole_frame_shows() {
    use talkbook::ui::paint::Painter;
    let mut notebook = demo_notebook();
    for n in 1..4 {
        let mut day = notebook.days[0].clone();
        day.date += chrono::Duration::days(n);
        for talk in &mut day.talks {
            talk.id = format!("{}-day-{n}", talk.id);
            talk.title = format!("day {n}: {}", talk.title);
        }
        notebook.days.push(day);
    }
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    let theme = Theme::default();
    let mut painter = Painter::new(TestBackend::new(100, 30)).unwrap();
    for (n, key) in "ljjhlasjhlllhhhhfljlfffjhlhlsl".chars().enumerate() {
        press(&mut app, KeyCode::Char(key));
        painter.draw(&app, &theme).unwrap();
        assert_shows_a_whole_frame(&painter, &app, &theme, n);
    }
    assert!(app.day > 0, "the keys went to other days");
}

/// Scrolling the schedule moves the rows both windows show and lays out only the new
/// ones: down and up, by one row and by a slot, over talks with wide characters, marks
/// and states, in and out of focus, the terminal must show what a whole frame shows.
#[test]
fn a_scrolled_schedule_shows_exactly_what_a_whole_frame_shows() {
    use talkbook::ui::paint::Painter;
    let mut notebook = demo_notebook();
    let day = &mut notebook.days[0];
    let template = day.talks.clone();
    for n in 0..60 {
        let mut talk = template[n % template.len()].clone();
        talk.id = format!("copy-{n}");
        talk.title = format!("{n} {} コーヒー ẞ", talk.title);
        talk.state = [TalkState::Planned, TalkState::Attended, TalkState::Skipped][n % 3];
        talk.start += chrono::Duration::minutes(10 * (n as i64 / 2));
        talk.end = talk.start + chrono::Duration::minutes(30);
        if n % 4 == 0 {
            talk.notes = "a note".into();
        }
        day.talks.push(talk);
    }
    day.talks.sort_by_key(|talk| talk.start);
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    let theme = Theme::default();
    let mut painter = Painter::new(TestBackend::new(100, 24)).unwrap();
    // A fresh frame centres the selection; a kept window stays where it was. The same
    // keys drawn with everything laid out again every frame are the reference.
    let mut whole = Painter::new(TestBackend::new(100, 24)).unwrap();
    let mut scrolled = 0;
    let keys = "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjJJJkkkkkkkkkkkkkkkkkkkkKKjjjJ\tjjjjkkkk\tGgjjjjjjjjjjjjjjjjjjjjj";
    let mut escaped = false;
    for (n, key) in keys.chars().enumerate() {
        let code = match (escaped, key) {
            (false, '\\') => {
                escaped = true;
                continue;
            }
            (true, 't') => KeyCode::Tab,
            (_, c) => KeyCode::Char(c),
        };
        escaped = false;
        press(&mut app, code);
        let before = painter.backend().buffer().clone();
        painter.draw(&app, &theme).unwrap();
        whole.draw_everything_next();
        whole.draw(&app, &theme).unwrap();
        let cells = |buffer: &ratatui::buffer::Buffer| {
            buffer
                .content()
                .iter()
                .map(|cell| (cell.symbol().to_string(), cell.style()))
                .collect::<Vec<_>>()
        };
        let shown = cells(painter.backend().buffer());
        assert!(
            shown == cells(whole.backend().buffer()),
            "after key {n}:\n{}\nshould be\n{}",
            painter.backend(),
            whole.backend()
        );
        // Rows of the schedule that moved: the window scrolled.
        let row = |buffer: &ratatui::buffer::Buffer, y: u16| {
            (0..38)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        let after = painter.backend().buffer();
        let moved = |by: u16| {
            (3..21)
                .filter(|&y| {
                    row(&before, y) == row(after, y - by) && row(&before, y) != row(after, y)
                })
                .count()
                + (3..21)
                    .filter(|&y| {
                        row(&before, y - by) == row(after, y) && row(&before, y) != row(after, y)
                    })
                    .count()
        };
        if (1..4).any(|by| moved(by) > 8) {
            scrolled += 1;
        }
    }
    assert!(scrolled > 10, "the window scrolled {scrolled} times");
    // And the first frame the reference drew for a fresh start is a whole frame.
    let mut first = Painter::new(TestBackend::new(100, 24)).unwrap();
    first.draw(&app, &theme).unwrap();
    assert_shows_a_whole_frame(&first, &app, &theme, 0);
}

#[test]
fn an_empty_note_says_what_is_true_in_and_out_of_the_editor() {
    let mut app = sample_app();
    // Flask-Con (11:45) has no notes and no abstract in the demo.
    press(&mut app, KeyCode::Char('J'));
    let outside = render(&app, 120, 40, &Theme::default());
    assert!(
        outside.contains("Press Enter (or i) in the schedule"),
        "{outside}"
    );
    press(&mut app, KeyCode::Enter);
    let inside = render(&app, 120, 40, &Theme::default());
    assert!(inside.contains("No notes yet: type them here"), "{inside}");
    assert!(!inside.contains("Press Enter (or i) in the schedule"));
}

/// Rows of the editor's text at `screen`: between its top border (the row with
/// `title`) and the row with its bottom-border hint.
fn editor_rows(screen: &str, title: &str) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().collect();
    let top = rows.iter().position(|row| row.contains(title)).unwrap();
    let bottom = rows
        .iter()
        .skip(top + 1)
        .position(|row| row.contains("━━━━ Esc: schedule") || row.contains("Esc: schedule"))
        .map(|offset| top + 1 + offset)
        .unwrap();
    rows[top + 1..bottom]
        .iter()
        .map(|row| row.to_string())
        .collect()
}

#[test]
fn with_one_follow_up_the_editor_gets_the_room_at_80x24() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[1].notes = "autospec is good\n- [ ] look up create_autospec".into();
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    for _ in 0..2 {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("one_follow_up_80x24", screen);
    let rows = editor_rows(&screen, "┏ 11:00–11:30");
    assert!(rows.len() >= 16, "{} editor rows:\n{screen}", rows.len());
    assert!(screen.contains("Follow-ups · 1 open"), "{screen}");
}

#[test]
fn f_hides_the_follow_up_pane_and_gives_its_rows_to_the_editor() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('F'));
    assert!(!app.show_follow_up_pane);
    let screen = render(&app, 120, 40, &Theme::default());
    insta::assert_snapshot!("follow_ups_hidden_120x40", screen);
    assert!(!screen.contains("Follow-ups ·"), "{screen}");
    assert!(
        screen.contains("Follow-up pane hidden (2 open)"),
        "{screen}"
    );
    // Tab skips the hidden pane.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, talkbook::app::Pane::Schedule);
    press(&mut app, KeyCode::Char('F'));
    let screen = render(&app, 120, 40, &Theme::default());
    assert!(screen.contains("Follow-ups · 2 open"), "{screen}");
}

#[test]
fn wrapped_rows_start_with_a_word_and_keep_punctuation_with_it() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[3].notes = "Ruff is an extremely fast Python linter and formatter written in Rust, and the team shows why it is so fast for Python. They compared it with pylint, flake8, pytorch, sci-kit learn and more tools.".into();
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    for width in [80, 100, 120, 143] {
        let screen = render(&app, width, 30, &Theme::default());
        let rows = editor_rows(&screen, "12:30–13:15");
        let text: Vec<&str> = rows
            .iter()
            .map(|row| row.split('┃').nth(1).unwrap_or_default().trim_end())
            .filter(|row| !row.is_empty())
            .collect();
        assert!(text.len() > 1, "wrapped at {width}: {screen}");
        for row in &text {
            assert!(
                !row.starts_with(' '),
                "a row starts with a space at {width}: {text:?}"
            );
            assert!(
                !row.starts_with(',') && !row.starts_with('.'),
                "punctuation split from its word at {width}: {text:?}"
            );
        }
        assert_eq!(
            text.join(" ").split_whitespace().collect::<Vec<_>>(),
            app.notebook.days[0].talks[3]
                .notes
                .split_whitespace()
                .collect::<Vec<_>>(),
            "every word shown, in order"
        );
    }
}

#[test]
fn only_the_focused_panes_selection_mark_stands_out() {
    let app = sample_app();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &app, &Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let marks: Vec<(u16, u16)> = (0..40)
        .flat_map(|y| (0..120).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].symbol() == "▸")
        .collect();
    assert_eq!(marks.len(), 2, "one in the schedule, one in the follow-ups");
    let dim = |(x, y): (u16, u16)| {
        buffer[(x, y)]
            .style()
            .add_modifier
            .contains(ratatui::style::Modifier::DIM)
    };
    let (schedule, follow_ups) = (marks[0], marks[1]);
    assert!(schedule.0 < follow_ups.0, "{marks:?}");
    assert!(!dim(schedule), "the focused pane's mark");
    assert!(dim(follow_ups), "the other pane's mark is dimmed");
}

#[test]
fn cut_text_ends_with_an_ellipsis_and_the_editor_title_keeps_the_state() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24, &Theme::default());
    assert!(
        screen.contains("Mock It Till You Make …│"),
        "schedule row: {screen}"
    );
    assert!(
        screen.contains("Mock It Till You Mak… · attended ┓"),
        "editor title: {screen}"
    );
    assert!(
        screen.contains("— Mock It Ti… (11:00)│"),
        "a follow-up keeps where it came from: {screen}"
    );
}

/// A terminal taller than the editor's usual window of 120 lines: a long note fills
/// every row of the pane, in the first frame after the terminal grew and after paging
/// through it, and typing goes where the cursor is.
#[test]
fn a_long_note_fills_a_pane_taller_than_the_editors_window() {
    use talkbook::ui::paint::Painter;
    let mut notebook = demo_notebook();
    notebook.days[0].talks[0].notes = (0..1000)
        .map(|n| format!("line {n}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut app = App::new(notebook, Box::new(NullSink), clock());
    let theme = Theme::default();
    let (width, height) = (120, 180);
    // The note is first shown in a small terminal, which then grows (as a window
    // made larger): the first frame at the new size must already be full.
    let mut small = Painter::new(TestBackend::new(width, 40)).unwrap();
    talkbook::tui::draw_frame(&mut small, &mut app, &theme).unwrap();
    press(&mut app, KeyCode::Char('j'));
    talkbook::tui::draw_frame(&mut small, &mut app, &theme).unwrap();
    let mut painter = Painter::new(TestBackend::new(width, height)).unwrap();
    let editor_rows = |painter: &Painter<TestBackend>| -> Vec<String> {
        let buffer = painter.backend().buffer();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .filter(|row| row.contains("line "))
            .collect()
    };
    talkbook::tui::draw_frame(&mut painter, &mut app, &theme).unwrap();
    let shown = editor_rows(&painter);
    let (_, view) = painter.screen().editor_view().unwrap();
    let pane_rows = usize::from(view.height);
    assert!(pane_rows > 150, "a pane of {pane_rows} rows");
    assert_eq!(
        shown.len(),
        pane_rows,
        "the pane is full: {:?}",
        shown.last()
    );
    assert!(shown[pane_rows - 1].contains(&format!("line {}", pane_rows - 1)));
    // Into the note, a few pages down, and typing there.
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::PageDown);
        talkbook::tui::draw_frame(&mut painter, &mut app, &theme).unwrap();
        assert_eq!(editor_rows(&painter).len(), pane_rows, "after a page down");
    }
    let (line, _) = app.editor.cursor();
    for c in "typed ".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    app.settle();
    talkbook::tui::draw_frame(&mut painter, &mut app, &theme).unwrap();
    let lines: Vec<&str> = app.notebook.days[0].talks[0].notes.lines().collect();
    assert_eq!(lines.len(), 1000);
    assert_eq!(lines[line], format!("typed line {line}"));
}
