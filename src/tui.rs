//! The terminal: entering and always leaving raw mode and the alternate screen, and the
//! event loop that feeds the app.

use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::App;
use crate::ui::{self, Theme};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Longest sleep while idle: the clock and termination signals are checked this often.
const MAX_IDLE_WAIT: Duration = Duration::from_secs(1);

/// Where the time comes from: the system clock, or a fixed moment (`--now`) for tests and
/// for replaying a day.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(chrono::NaiveDateTime),
}

impl Clock {
    /// The time now in `zone`, the conference's.
    pub fn now_in(self, zone: crate::model::Zone) -> chrono::NaiveDateTime {
        match self {
            Clock::System => zone.to_local(chrono::Utc::now()),
            Clock::Fixed(moment) => moment,
        }
    }
}

/// Runs the app until it quits. The terminal is restored on every way out, and unsaved
/// notes are saved even when the loop fails (for example when the terminal goes away).
pub fn run(app: &mut App, theme: &Theme, clock: Clock, mouse: bool) -> anyhow::Result<()> {
    let terminate = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&terminate))
            .context("cannot install signal handlers")?;
    }
    install_panic_hook();
    let mut terminal = enter(mouse).context("cannot set up the terminal")?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, app, theme, &terminate, clock)
    }));
    leave();
    let result = match outcome {
        Ok(result) => result,
        Err(_) => {
            // A bug. The state may be half-updated, so the notes go to a recovery file
            // beside the notebook rather than over it; the next start offers them.
            return Err(match app.write_recovery() {
                Ok(path) => anyhow::anyhow!(
                    "talkbook crashed (a bug; the details are above); your notes were written to {path} and the next start offers to restore them"
                ),
                Err(error) => anyhow::anyhow!(
                    "talkbook crashed (a bug; the details are above) and could not write a recovery copy: {error}"
                ),
            });
        }
    };
    if app.has_unsaved_changes() && !app.save_now() {
        anyhow::bail!(
            "notes could not be saved to {}: {:?}",
            app.sink_location(),
            app.save_state
        );
    }
    result
}

fn enter(mouse: bool) -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Puts the terminal back as we found it. Safe to call more than once.
pub fn leave() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

fn is_f12(event: &event::Event) -> bool {
    matches!(event, event::Event::Key(key) if key.code == event::KeyCode::F(12))
}

/// Set by the crash test: F12 then panics, to exercise the recovery path for real.
const TEST_PANIC_VARIABLE: &str = "TALKBOOK_TEST_PANIC_ON_F12";

/// Hands an event to the app; a mouse event with what is under the pointer.
fn handle(terminal: &Term, app: &mut App, event: event::Event) -> io::Result<()> {
    match event {
        event::Event::Mouse(mouse) => {
            let size = terminal.size()?;
            let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
            let target = ui::target_at(app, screen, mouse.column, mouse.row);
            app.handle_mouse(mouse.kind, target);
        }
        other => app.handle_event(other),
    }
    Ok(())
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: &Theme,
    terminate: &AtomicBool,
    clock: Clock,
) -> anyhow::Result<()> {
    let panic_on_f12 = std::env::var_os(TEST_PANIC_VARIABLE).is_some();
    let mut needs_draw = true;
    let mut screen = ui::Screen::default();
    loop {
        if needs_draw {
            terminal.draw(|frame| screen.draw(frame, app, theme))?;
            needs_draw = false;
        }
        // Sleep until input arrives, an autosave is due, or a second has passed (for the
        // clock and signals).
        let mut timeout = MAX_IDLE_WAIT;
        if let Some(deadline) = app.autosave_deadline() {
            timeout = timeout.min(deadline.saturating_duration_since(Instant::now()));
        }
        if event::poll(timeout)? {
            let event = event::read()?;
            if panic_on_f12 && is_f12(&event) {
                panic!("test panic requested with F12 ({TEST_PANIC_VARIABLE})");
            }
            handle(terminal, app, event)?;
            // Apply everything already waiting (a burst of keys) before drawing again.
            while !app.should_quit && event::poll(Duration::ZERO)? {
                handle(terminal, app, event::read()?)?;
            }
            needs_draw = true;
        }
        let shown = (
            app.clock.format("%H:%M").to_string(),
            app.save_state.clone(),
        );
        let now = clock.now_in(app.notebook.zone());
        app.tick(Instant::now(), now);
        if shown
            != (
                app.clock.format("%H:%M").to_string(),
                app.save_state.clone(),
            )
        {
            needs_draw = true;
        }
        if terminate.load(Ordering::Relaxed) {
            app.save_now();
            return Ok(());
        }
        if app.should_quit {
            return Ok(());
        }
    }
}
