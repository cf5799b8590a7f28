//! Speed at conference scale: `cargo bench`. Each benchmark is named after what it
//! measures; targets are in docs/performance.md. Besides criterion's
//! statistics (median), the latency benchmarks print p50/p99/max over single runs,
//! because a keystroke's worst case is what a person feels.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use talkbook::app::App;
use talkbook::export::{ExportOptions, to_markdown};
use talkbook::model::{NoteRef, Notebook, followup};
use talkbook::store::{self, DiscardSink};
use talkbook::synthetic::{self, ConferenceSize};
use talkbook::ui::paint::Painter;
use talkbook::{import, ui};

const MEGABYTE: usize = 1024 * 1024;

/// The 1,000-talk conference with 1 MB of notes, one of them 5,000 lines long.
fn big_notebook() -> Notebook {
    synthetic::notebook_with_notes(ConferenceSize::LARGE, 7, 5000, MEGABYTE)
}

fn app(notebook: Notebook) -> App {
    let clock = NaiveDate::from_ymd_opt(2025, 2, 1)
        .unwrap()
        .and_hms_opt(11, 0, 0)
        .unwrap();
    App::new(notebook, Box::new(DiscardSink), clock)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The app with the note of `talk` open in the editor, the cursor on `line`.
fn app_editing(notebook: Notebook, talk: String, line: usize) -> App {
    let mut app = app(notebook);
    app.jump_to(&NoteRef::Talk(talk), Some(line));
    assert_eq!(app.focus, talkbook::app::Pane::Editor);
    app
}

/// The 5,000-line note open, cursor in its middle, at the start of an ordinary line
/// (every 50th line of it is a follow-up: typing before its `- [ ]` would make and
/// unmake a follow-up each key).
fn app_editing_the_long_note() -> App {
    let notebook = big_notebook();
    let (talk, lines) = synthetic::longest_note(&notebook).unwrap();
    assert_eq!(lines, 5000);
    app_editing(notebook, talk, lines / 2 + 1)
}

/// A typical talk's notes (20 lines) open, cursor in its middle.
fn app_editing_a_typical_note() -> App {
    let notebook = big_notebook();
    let talk = synthetic::note_with_lines(&notebook, 20).unwrap();
    app_editing(notebook, talk, 10)
}

/// A 200x50 terminal drawn the way the app draws, frame after frame: only the regions
/// that may have changed, compared with what it shows and written as escape sequences
/// (into memory: the write to a terminal is not measured).
type Display = Painter<CrosstermBackend<std::io::Sink>>;

fn screen() -> Display {
    Painter::sized(CrosstermBackend::new(std::io::sink()), 200, 50)
}

fn frame(display: &mut Display, app: &App, theme: &ui::Theme) {
    display.draw(app, theme).unwrap();
}

/// Runs `step` one at a time and prints the latency distribution.
fn report_percentiles(name: &str, runs: usize, mut step: impl FnMut(usize)) {
    for warm_up in 0..50 {
        step(warm_up);
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|n| {
            let started = Instant::now();
            step(n);
            started.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{name:<66} p50 {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}  ({runs} runs)",
        at(0.50),
        at(0.99),
        times[times.len() - 1]
    );
}

/// Benchmarks `step` (given a running count) with criterion, then prints its latency
/// distribution over single runs.
fn bench_steps(c: &mut Criterion, name: &str, mut step: impl FnMut(usize)) {
    c.bench_function(name, |b| {
        let mut n = 0;
        b.iter(|| {
            step(n);
            n += 1;
        })
    });
    report_percentiles(name, 4000, step);
}

/// Typing in `app`'s open note: a character, then Backspace, so the note keeps its size.
/// (Counted here, not by the step's number: criterion starts that again for each
/// sample, which typed two characters in a row and moved the cursor on.)
fn bench_typing(c: &mut Criterion, name: &str, mut app: App) {
    let theme = ui::Theme::default();
    let mut terminal = screen();
    let mut typed = 0usize;
    bench_steps(c, name, |_| {
        typed += 1;
        let code = if typed % 2 == 1 {
            KeyCode::Char('x')
        } else {
            KeyCode::Backspace
        };
        app.handle_key(key(code));
        frame(&mut terminal, &app, &theme);
    });
}

fn keystroke(c: &mut Criterion) {
    bench_typing(
        c,
        "keystroke_update_and_full_frame_200x50_20_line_note_1000_talks",
        app_editing_a_typical_note(),
    );
    bench_typing(
        c,
        "keystroke_update_and_full_frame_200x50_5000_line_note_1000_talks",
        app_editing_the_long_note(),
    );
}

fn selection(c: &mut Criterion) {
    let theme = ui::Theme::default();
    // `j` goes nine steps forward and one back, as keylat's `jjjjjjjjjk`: most steps land
    // on a talk whose row and note were not just drawn, and the window scrolls; every 600
    // steps it goes back to the start of the day. A day has 40 slots and the notebook
    // three days: `J` and `l` go forward and back.
    for (name, forward, back, every) in [
        ("select_next_talk_j_and_full_frame", 'j', 'k', 10),
        ("select_next_slot_shift_j_and_full_frame", 'J', 'K', 2),
        ("select_next_day_l_and_full_frame", 'l', 'h', 2),
    ] {
        let mut app = app(big_notebook());
        let mut terminal = screen();
        for _ in 0..40 {
            app.handle_key(key(KeyCode::Char('j')));
        }
        bench_steps(c, name, |n| {
            let c = if n % every == every - 1 {
                back
            } else {
                forward
            };
            if n % 600 == 599 {
                app.handle_key(key(KeyCode::Char('g')));
            }
            app.handle_key(key(KeyCode::Char(c)));
            frame(&mut terminal, &app, &theme);
        });
    }
}

fn storage(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let notebook = big_notebook();
    store::save(&path, &notebook).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!("notebook file: {:.2} MB", size as f64 / MEGABYTE as f64);
    let theme = ui::Theme::default();
    c.bench_function("load_1mb_notebook_read_parse_and_first_frame", |b| {
        b.iter(|| {
            let app = app(store::load(&path).unwrap());
            // A new painter draws the whole first frame.
            let mut terminal = screen();
            frame(&mut terminal, &app, &theme);
            black_box(app);
        })
    });
    c.bench_function(
        "save_1mb_notebook_serialize_and_atomic_fsynced_write",
        |b| b.iter(|| store::save(&path, black_box(&notebook)).unwrap()),
    );
    // A hostile notebook: one talk carries a 40 MB abstract on one line (written by
    // another tool); its first frame wrapped all of it (7 s, 1.8 GB).
    let mut hostile = store::demo_notebook();
    hostile.days[0].talks[0].abstract_text = "lorem ipsum dolor sit amet ".repeat(1_600_000);
    let keynote = hostile.days[0].talks[0].id.clone();
    c.bench_function("first_frame_of_a_talk_with_a_40mb_abstract", |b| {
        b.iter(|| {
            let mut app = app(black_box(hostile.clone()));
            app.jump_to(&NoteRef::Talk(keynote.clone()), None);
            let mut terminal = screen();
            frame(&mut terminal, &app, &theme);
        })
    });
}

fn imports(c: &mut Criterion) {
    let xml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/31c3-schedule.xml"
    ))
    .unwrap();
    c.bench_function("import_31c3_schedule_xml_138_talks", |b| {
        b.iter(|| {
            let schedule = import::parse("31c3.xml", black_box(&xml)).unwrap();
            import::to_notebook(&schedule, "31c3.xml", None).unwrap()
        })
    });
    let json = synthetic::schedule_json(ConferenceSize::LARGE, 7);
    c.bench_function("import_generated_schedule_json_1000_talks", |b| {
        b.iter(|| {
            let schedule = import::parse("synthetic.json", black_box(&json)).unwrap();
            import::to_notebook(&schedule, "synthetic.json", None).unwrap()
        })
    });
    // A hostile size: 40,000 events (the merge once searched the notebook per event: 2 s).
    let huge = synthetic::schedule_json(
        ConferenceSize {
            talks: 40_000,
            days: 10,
            rooms: 200,
        },
        7,
    );
    let huge_schedule = import::parse("huge.json", &huge).unwrap();
    c.bench_function("import_and_update_40000_events", |b| {
        b.iter(|| {
            let mut notebook =
                import::to_notebook(black_box(&huge_schedule), "huge.json", None).unwrap();
            import::merge_into(&mut notebook, &huge_schedule)
        })
    });
    // A hostile abstract: half a megabyte of '&', then of '<' (quadratic once: a minute).
    let hostile = format!(
        r#"{{"schedule": {{"conference": {{"title": "x", "days": [{{"date": "2024-01-02", "rooms": {{"R": [
          {{"guid": "g", "date": "2024-01-02T10:00:00Z", "duration": "00:30", "title": "t",
            "abstract": "{}{}"}}]}}}}]}}}}}}"#,
        "&".repeat(512 * 1024),
        "<".repeat(512 * 1024)
    );
    c.bench_function("import_a_1mb_abstract_of_ampersands_and_angles", |b| {
        b.iter(|| import::parse("hostile.json", black_box(&hostile)).unwrap())
    });
    hostile_sizes(c);
}

/// Sizes nobody publishes, but a file can hold: each was quadratic once.
fn hostile_sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    // 40,000 days of one talk each (the merge searched the day list per talk: 4.5 s).
    let many_days = synthetic::schedule_json(
        ConferenceSize {
            talks: 40_000,
            days: 40_000,
            rooms: 1,
        },
        7,
    );
    group.bench_function("import_a_schedule_of_40000_days", |b| {
        b.iter(|| {
            let schedule = import::parse("days.json", black_box(&many_days)).unwrap();
            import::to_notebook(&schedule, "days.json", None).unwrap()
        })
    });
    // A time zone defined by 200,000 RDATEs, used by 1,000 events (38 s once).
    let mut calendar = String::from(
        "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Mine\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETTO:+0100\r\nRDATE:",
    );
    let rdates: Vec<String> = (0..200_000)
        .map(|n| format!("{}0101T{:02}0000", 1970 + n / 2000, n % 24))
        .collect();
    calendar.push_str(&rdates.join(","));
    calendar.push_str("\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
    for n in 0..1000 {
        calendar.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:e{n}\r\nDTSTART;TZID=Mine:2024{:02}{:02}T100000\r\nDURATION:PT30M\r\nSUMMARY:Talk {n}\r\nEND:VEVENT\r\n",
            1 + n % 12,
            1 + n % 28
        ));
    }
    calendar.push_str("END:VCALENDAR\r\n");
    group.bench_function("import_a_calendar_whose_zone_has_200000_rdates", |b| {
        b.iter(|| import::parse("zone.ics", black_box(&calendar)).unwrap())
    });
    // 5,000 headings of notes into a 1,000-talk notebook (183 s once, for FOSDEM's 876).
    let notebook = synthetic::notebook(ConferenceSize::LARGE, 7);
    let talks: Vec<_> = notebook.days.iter().flat_map(|day| &day.talks).collect();
    let notes: String = (0..5000)
        .map(|n| {
            let talk = talks[n * 7 % talks.len()];
            let title: String = talk.title.split(' ').take(3).collect::<Vec<_>>().join(" ");
            format!(
                "## {} {title} take {n}\n\nsomething said in talk {n}\n\n",
                talk.start.format("%H:%M")
            )
        })
        .collect();
    group.bench_function("import_notes_of_5000_headings_into_1000_talks", |b| {
        b.iter(|| {
            let mut copy = notebook.clone();
            talkbook::import::notes::import_notes(&mut copy, black_box(&notes))
        })
    });
    group.finish();
}

fn derived(c: &mut Criterion) {
    let notebook = big_notebook();
    c.bench_function("export_markdown_1000_talks_1mb_notes", |b| {
        b.iter(|| to_markdown(black_box(&notebook), ExportOptions::default()))
    });
    c.bench_function("follow_up_extraction_1mb_notes", |b| {
        b.iter(|| followup::collect(black_box(&notebook)))
    });
    // A follow-up in every talk: each labelled with its talk (searched for once).
    let mut busy = notebook.clone();
    for (n, talk) in busy
        .days
        .iter_mut()
        .flat_map(|day| &mut day.talks)
        .enumerate()
    {
        talk.notes.push_str(&format!("\n- [ ] look up thing {n}"));
    }
    c.bench_function("export_split_1000_talks_with_follow_ups", |b| {
        b.iter(|| talkbook::export::to_split_markdown(black_box(&busy), ExportOptions::default()))
    });
    after_the_talks(c, &notebook);
}

/// The trip report and the sync's merge, at conference scale: every talk attended, a
/// third rated, a person named in each; two laptops that each edited 1 MB of notes.
fn after_the_talks(c: &mut Criterion, notebook: &talkbook::model::Notebook) {
    use talkbook::model::{Rating, TalkState, merge};
    let mut attended = notebook.clone();
    for (n, talk) in attended
        .days
        .iter_mut()
        .flat_map(|day| &mut day.talks)
        .enumerate()
    {
        talk.state = TalkState::Attended;
        talk.rating = Rating::new((n % 4) as u8).unwrap();
        talk.notes
            .push_str(&format!("\nasked @Speaker Number{} about it", n % 50));
    }
    let options = talkbook::export::report::ReportOptions {
        clock: Default::default(),
        now: attended.days[0].talks[0].start,
    };
    c.bench_function("report_1000_talks_attended_1mb_notes", |b| {
        b.iter(|| talkbook::export::report::to_report(black_box(&attended), options))
    });
    c.bench_function("report_as_one_html_page_1000_talks", |b| {
        let markdown = talkbook::export::report::to_report(&attended, options);
        b.iter(|| talkbook::export::html::to_html_page("report", black_box(&markdown)))
    });
    // Each side edits every tenth talk: a line at the top here, at the end there, and the
    // same line in every hundredth (kept twice).
    let (mut ours, mut theirs) = (notebook.clone(), notebook.clone());
    for (side, mine) in [(&mut ours, true), (&mut theirs, false)] {
        for (n, talk) in side
            .days
            .iter_mut()
            .flat_map(|day| &mut day.talks)
            .enumerate()
            .filter(|(n, _)| n % 10 == 0)
        {
            if n % 100 == 0 {
                talk.notes = talk.notes.replacen('a', if mine { "A" } else { "4" }, 1);
            } else if mine {
                talk.notes.insert_str(0, "ours first\n");
            } else {
                talk.notes.push_str("\ntheirs last");
            }
        }
    }
    let sides = merge::Sides {
        ours: "laptop-a".into(),
        theirs: "laptop-b".into(),
        ours_saved: 2,
        theirs_saved: 1,
        ours_when: "now".into(),
        theirs_when: "before".into(),
    };
    c.bench_function("sync_merge_1000_talks_edited_on_both_sides", |b| {
        b.iter(|| merge::merge(Some(notebook), black_box(&ours), black_box(&theirs), &sides))
    });
}

fn library(c: &mut Criterion) {
    // 50 conferences of 1,000 talks, each with 1 MB of notes: years of notebooks.
    let dir = tempfile::tempdir().unwrap();
    let store = store::Store::new(dir.path());
    for n in 0..50u64 {
        let mut notebook = synthetic::notebook_with_notes(ConferenceSize::LARGE, n, 200, MEGABYTE);
        if n == 37 {
            notebook.days[1].talks[3]
                .notes
                .push_str("\nremember the zygomorphic idea");
        }
        store
            .create(&format!("conference-{n:02}"), &notebook)
            .unwrap();
    }
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.bench_function("search_50_notebooks_of_1000_talks_for_a_rare_word", |b| {
        b.iter(|| {
            let (hits, _) = talkbook::library::search(&store, black_box("Zygomorphic")).unwrap();
            assert_eq!(hits.len(), 1);
        })
    });
    // A word in every notebook: each is read and searched whole.
    let common = store::load(&store.notebooks_dir().join("conference-00.json"))
        .unwrap()
        .days[0]
        .talks[0]
        .speakers[0]
        .clone();
    group.bench_function(
        "search_50_notebooks_of_1000_talks_for_a_speaker_in_all",
        |b| b.iter(|| talkbook::library::search(&store, black_box(&common)).unwrap()),
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = keystroke, selection, storage, imports, derived, library
}
criterion_main!(benches);
