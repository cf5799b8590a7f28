//! Runs a key's path in a loop for a profiler, and prints how long a step (the key and
//! the frame after it) took: `cargo build --release --example profile_keystroke`, then
//! `perf record ./target/release/examples/profile_keystroke 2000 [small|select|keys
//! KEYS] [MB]`: typing in the 5,000-line note (default) or a 20-line one (`small`),
//! `j`/`k` in the schedule (`select`), or `KEYS` over and over (`keys JJJJJKKKKK`;
//! `g` every 300 steps goes back to the top of the day), each key followed by a frame
//! drawn as the app draws it into a 200x50 terminal (escape sequences written into
//! memory). With `MB`, that much memory is written before each step, so the step finds
//! the caches cold, as after a pause between keys. Under valgrind
//! (`--tool=callgrind --toggle-collect='*Painter*draw*' --toggle-collect='*handle_key*'`)
//! it counts the instructions of the steps alone.

use std::time::Instant;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use talkbook::ui::paint::Painter;
use talkbook::{app::App, model::NoteRef, store::DiscardSink, synthetic, ui};

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    let rounds: usize = arguments
        .get(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let mode = arguments.get(2).map_or("", String::as_str);
    let keys: Vec<char> = match mode {
        "keys" => arguments
            .get(3)
            .map_or("j", String::as_str)
            .chars()
            .collect(),
        _ => Vec::new(),
    };
    let evict_mb: usize = arguments
        .get(if mode == "keys" { 4 } else { 3 })
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let notebook =
        synthetic::notebook_with_notes(synthetic::ConferenceSize::LARGE, 7, 5000, 1024 * 1024);
    let clock = NaiveDate::from_ymd_opt(2025, 2, 1)
        .unwrap()
        .and_hms_opt(11, 0, 0)
        .unwrap();
    let mut app = App::new(notebook, Box::new(DiscardSink), clock);
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let browsing = matches!(mode, "select" | "keys");
    if !browsing {
        let (talk, line) = if mode == "small" {
            (synthetic::note_with_lines(&app.notebook, 20).unwrap(), 10)
        } else {
            let (talk, lines) = synthetic::longest_note(&app.notebook).unwrap();
            (talk, lines / 2)
        };
        app.jump_to(&NoteRef::Talk(talk), Some(line));
    }
    let mut painter = Painter::sized(CrosstermBackend::new(std::io::sink()), 200, 50);
    let theme = ui::Theme::default();
    painter.draw(&app, &theme).unwrap();
    let mut elsewhere = vec![0u8; evict_mb << 20];
    let mut times = Vec::with_capacity(rounds);
    for n in 0..rounds {
        // `select` sweeps 100 talks down and back up, so every key lands on a talk
        // whose rows and note were not just drawn (as keylat's `jjjjjjjjjk` does).
        let code = match (mode, n.is_multiple_of(2)) {
            ("keys", _) => KeyCode::Char(keys[n % keys.len()]),
            ("select", _) if n % 200 < 100 => KeyCode::Char('j'),
            ("select", _) => KeyCode::Char('k'),
            (_, true) => KeyCode::Char('x'),
            (_, false) => KeyCode::Backspace,
        };
        if mode == "keys" && n % 300 == 299 {
            app.handle_key(key(KeyCode::Char('g')));
            painter.draw(&app, &theme).unwrap();
        }
        for byte in elsewhere.iter_mut().step_by(64) {
            *byte = byte.wrapping_add(1);
        }
        std::hint::black_box(&elsewhere);
        let started = Instant::now();
        app.handle_key(key(code));
        app.settle();
        painter.draw(&app, &theme).unwrap();
        times.push(started.elapsed());
    }
    times.sort();
    if let (Some(p50), Some(p90)) = (times.get(rounds / 2), times.get(rounds * 9 / 10)) {
        eprintln!("{rounds} steps: p50 {p50:?}, p90 {p90:?}");
    }
}
