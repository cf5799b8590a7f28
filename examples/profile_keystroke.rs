//! Runs the keystroke path in a loop for a profiler:
//! `cargo build --release --example profile_keystroke` then
//! `perf record ./target/release/examples/profile_keystroke 2000 [small]`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
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
    // `small` edits a typical 20-line note instead of the 5,000-line one.
    let small = std::env::args().nth(2).as_deref() == Some("small");
    let (talk, line) = if small {
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
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let theme = ui::Theme::default();
    // Kept across frames, as the app's event loop keeps it.
    let mut screen = ui::Screen::default();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    for n in 0..rounds {
        let code = if n.is_multiple_of(2) {
            KeyCode::Char('x')
        } else {
            KeyCode::Backspace
        };
        app.handle_key(key(code));
        terminal
            .draw(|frame| screen.draw(frame, &app, &theme))
            .unwrap();
    }
}
