//! Runs a key's path in a loop for a profiler:
//! `cargo build --release --example profile_keystroke` then
//! `perf record ./target/release/examples/profile_keystroke 2000 [small|select]`:
//! typing in the 5,000-line note (default) or a 20-line one (`small`), or `j`/`k` in
//! the schedule (`select`), each key followed by a frame drawn as the app draws it.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use talkbook::ui::paint::Painter;
use talkbook::{app::App, model::NoteRef, store::DiscardSink, synthetic, ui};

fn main() {
    let notebook =
        synthetic::notebook_with_notes(synthetic::ConferenceSize::LARGE, 7, 5000, 1024 * 1024);
    let clock = NaiveDate::from_ymd_opt(2025, 2, 1)
        .unwrap()
        .and_hms_opt(11, 0, 0)
        .unwrap();
    let mut app = App::new(notebook, Box::new(DiscardSink), clock);
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let mode = std::env::args().nth(2).unwrap_or_default();
    let select = mode == "select";
    if !select {
        let (talk, line) = if mode == "small" {
            (synthetic::note_with_lines(&app.notebook, 20).unwrap(), 10)
        } else {
            let (talk, lines) = synthetic::longest_note(&app.notebook).unwrap();
            (talk, lines / 2)
        };
        app.jump_to(&NoteRef::Talk(talk), Some(line));
        eprintln!(
            "editing a note of {} lines",
            app.editor.textarea.lines().len()
        );
    }
    let mut painter = Painter::new(TestBackend::new(200, 50)).unwrap();
    let theme = ui::Theme::default();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    for n in 0..rounds {
        // `select` sweeps 100 talks down and back up, so every key lands on a talk
        // whose rows and note were not just drawn (as keylat's `jjjjjjjjjk` does).
        let code = match (select, n.is_multiple_of(2)) {
            (true, _) if n % 200 < 100 => KeyCode::Char('j'),
            (true, _) => KeyCode::Char('k'),
            (false, true) => KeyCode::Char('x'),
            (false, false) => KeyCode::Backspace,
        };
        app.handle_key(key(code));
        app.settle();
        painter.draw(&app, &theme).unwrap();
    }
}
