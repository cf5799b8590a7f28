//! The terminal: entering and always leaving raw mode and the alternate screen, and the
//! event loop that feeds the app.

use std::io::{self, Stdout, stdout};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::Timelike as _;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::CrosstermBackend;

use crate::app::{App, Input as ToApp};
use crate::input::{Input, InputReader};
use crate::store;
use crate::ui::Theme;
use crate::ui::paint::{Cells, Painter};

/// Frames go out through a buffer of their own: the backend writes each cell with a few
/// small writes, and straight to `Stdout` each of them took its lock and looked for line
/// ends (a third of drawing a step through the schedule). The painter flushes it at the
/// end of every frame.
type Term = Painter<CrosstermBackend<io::BufWriter<Stdout>>>;

/// Room for a whole frame of a large terminal, so a frame goes out in one write.
const FRAME_BUFFER: usize = 256 * 1024;

/// Longest sleep while idle: the clock is checked this often.
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

/// How the event loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// SIGTERM, SIGHUP or SIGINT.
    Terminated,
    /// The terminal went away (closed window, dropped ssh): nothing can be shown any more.
    TerminalGone(String),
}

/// Runs the app until it quits. The terminal is restored on every way out (except when
/// it is gone: writing to it then could only fail or hang), and unsaved notes are saved on
/// every way out.
/// What the app asks of the world outside it, done by the event loop: a sync for `S`
/// ([`App::take_sync_request`]) and the teammates' notes for `T`
/// ([`App::take_team_request`]).
pub struct Outside<'a> {
    pub sync: &'a mut dyn FnMut() -> Result<crate::app::team::SyncedHere, String>,
    pub team: &'a mut dyn FnMut() -> Vec<crate::sync::team::Teammate>,
}

pub fn run(
    app: &mut App,
    theme: &Theme,
    clock: Clock,
    mouse: bool,
    outside: &mut Outside<'_>,
) -> anyhow::Result<Ending> {
    install_panic_hook();
    let mut terminal = enter(mouse).context("cannot set up the terminal")?;
    let mut input = match InputReader::stdin() {
        Ok(input) => input,
        Err(error) => {
            leave();
            return Err(anyhow::Error::new(error).context("cannot read the terminal"));
        }
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, app, theme, &mut input, clock, mouse, outside)
    }));
    // From here a signal ends talkbook the usual way (its handlers go with the reader).
    #[cfg(unix)]
    drop(input);
    let ending = match outcome {
        Ok(ending) => {
            // What was typed last is in the notebook before it is saved.
            app.settle();
            ending
        }
        Err(_) => {
            leave();
            // What was typed last, if bringing it in does not fail too.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| app.settle()));
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
    let terminal_gone = matches!(ending, Ending::TerminalGone(_));
    if !terminal_gone {
        leave();
    }
    if app.has_unsaved_changes() && !app.save_now() {
        if terminal_gone {
            // Nobody can answer a question now: put the notes somewhere safe.
            app.rescue();
        }
        if app.rescued_to.is_none() {
            anyhow::bail!(
                "notes could not be saved to {}: {:?}",
                app.sink_location(),
                app.save_state
            );
        }
    }
    Ok(ending)
}

fn enter(mouse: bool) -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Painter::new(CrosstermBackend::new(io::BufWriter::with_capacity(
        FRAME_BUFFER,
        stdout(),
    )))
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

/// On the event loop's thread, a panic restores the terminal before it is printed; on a
/// worker thread it is only noted, and becomes that worker's failed result
/// ([`crate::worker`]): the screen and the session go on.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::worker::is_worker_thread() {
            crate::worker::note_panic(info);
            return;
        }
        leave();
        previous(info);
    }));
}

/// The terminal bell, for a reminder (the terminal decides what it sounds or shows).
fn ring_bell() -> io::Result<()> {
    use std::io::Write as _;
    let mut out = stdout();
    out.write_all(b"\x07")?;
    out.flush()
}

fn is_f12(event: &event::Event) -> bool {
    matches!(event, event::Event::Key(key) if key.code == event::KeyCode::F(12))
}

/// Hands events that arrived together to the app: mouse events one by one with what is
/// under the pointer, the others as one burst.
fn handle(
    terminal: &mut Term,
    app: &mut App,
    events: Vec<event::Event>,
    at: Instant,
) -> io::Result<()> {
    let mut burst = Vec::with_capacity(events.len());
    for event in events {
        match event {
            event::Event::Mouse(mouse) => {
                app.handle(ToApp::Events {
                    events: std::mem::take(&mut burst),
                    at,
                });
                let target =
                    terminal
                        .screen()
                        .target_at(app, terminal.area(), mouse.column, mouse.row);
                app.handle(ToApp::Mouse {
                    kind: mouse.kind,
                    target,
                });
            }
            event::Event::Resize(width, height) => terminal.resize(width, height)?,
            other => burst.push(other),
        }
    }
    app.handle(ToApp::Events { events: burst, at });
    Ok(())
}

/// Draws a frame (and rings the bell when a reminder asks for it).
fn draw(terminal: &mut Term, app: &mut App, theme: &Theme) -> Result<(), Ending> {
    draw_frame(terminal, app, theme)
        .map_err(|error| Ending::TerminalGone(format!("cannot draw: {error}")))?;
    if app.take_bell() && ring_bell().is_err() {
        return Err(Ending::TerminalGone("cannot ring the bell".into()));
    }
    Ok(())
}

/// Draws a frame and hands back to the app what the editor pane showed (the next Page
/// Down goes from there); when the pane asked for more of the note than the editor
/// held (a taller pane), draws once more.
pub fn draw_frame<B: Cells>(
    painter: &mut Painter<B>,
    app: &mut App,
    theme: &Theme,
) -> Result<(), B::Error> {
    painter.draw(app, theme)?;
    let Some((note, view)) = painter.screen().editor_view() else {
        return Ok(());
    };
    if app.editor_shown(&note, view) {
        painter.draw(app, theme)?;
        if let Some((note, view)) = painter.screen().editor_view() {
            app.editor_shown(&note, view);
        }
    }
    Ok(())
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: &Theme,
    input: &mut InputReader,
    clock: Clock,
    mouse: bool,
    outside: &mut Outside<'_>,
) -> Ending {
    let mut needs_draw = true;
    // The notebook's zone, parsed again only when its name changes (an import).
    let mut zone = (app.notebook.time_zone.clone(), app.notebook.zone());
    loop {
        if needs_draw && let Err(ending) = draw(terminal, app, theme) {
            return ending;
        }
        // Only now, with the frame out: what typing left to do in the notebook, and
        // what time passing changes (the clock, the save state, a notebook reloaded
        // because it changed on disk, a message). A key is never kept waiting for it.
        let shown = |app: &App| {
            (
                (app.clock.hour(), app.clock.minute()),
                app.save_state.clone(),
                app.revision(),
                app.notice.clone(),
                app.message.clone(),
                app.reminder.clone(),
            )
        };
        let before = shown(app);
        if zone.0 != app.notebook.time_zone {
            zone = (app.notebook.time_zone.clone(), app.notebook.zone());
        }
        let now = clock.now_in(zone.1);
        app.handle(ToApp::Tick {
            now: Instant::now(),
            clock: now,
        });
        if app.should_quit {
            return Ending::Quit;
        }
        if shown(app) != before
            && let Err(ending) = draw(terminal, app, theme)
        {
            return ending;
        }
        needs_draw = false;
        // Sleep until input arrives, an autosave or a waiting quit is due, or a second
        // has passed (for the clock).
        let mut timeout = MAX_IDLE_WAIT;
        for deadline in [app.autosave_deadline(), app.pending_quit_deadline()]
            .into_iter()
            .flatten()
        {
            timeout = timeout.min(deadline.saturating_duration_since(Instant::now()));
        }
        if app.is_fetching() {
            // Show the download's progress, and merge it soon after it arrives.
            timeout = timeout.min(Duration::from_millis(200));
        }
        let mut message = input.wait(timeout);
        // A burst (more than a key in one read) is applied whole before drawing again.
        while let Some(arrived) = message.take() {
            match arrived {
                Input::Events(events) => {
                    if events.iter().any(is_f12) {
                        crate::test_hooks::panic_if("f12");
                    }
                    if let Err(error) = handle(terminal, app, events, input.arrived_at()) {
                        return Ending::TerminalGone(format!("cannot clear it: {error}"));
                    }
                    needs_draw = true;
                }
                Input::Terminate => return Ending::Terminated,
                Input::Gone(reason) => return Ending::TerminalGone(reason),
            }
            if app.should_quit {
                return Ending::Quit;
            }
            if !input.burst_likely() {
                // A key: show it now; anything after it is read on the next round.
                break;
            }
            message = input.wait(Duration::ZERO);
        }
        if app.take_sync_request() {
            // The screen says it is syncing; keys wait in the terminal meanwhile, so the
            // notebook the sync may write is not typed into.
            if let Err(ending) = draw(terminal, app, theme) {
                return ending;
            }
            app.synced((outside.sync)());
            needs_draw = true;
        }
        if app.take_team_request() {
            app.team_read((outside.team)());
            needs_draw = true;
        }
        if let Some(source) = app.take_schedule_to_load() {
            let loading = crate::import::loading::start(&source);
            app.schedule_loading(&source, loading);
            needs_draw = true;
        }
        if let Some(url) = app.take_link_to_open() {
            app.link_opened(crate::opener::open_in_browser(&url));
            needs_draw = true;
        }
        if let Some(edit) = app.take_external_edit() {
            // What was typed before is on disk before the editor opens, and the editor's
            // file lies beside the notebook: a take-over that stops this talkbook while
            // the editor runs (or a crash) loses neither.
            app.save_now();
            let notebook = app.notebook_file();
            let beside = notebook.as_deref().and_then(|notebook| {
                let about = store::EditInProgress {
                    note: edit.note.clone(),
                    original: edit.text.clone(),
                };
                store::begin_external_edit(notebook, &about).ok()
            });
            let outcome = match edit_externally(terminal, mouse, &edit.text, beside.as_deref()) {
                Ok(outcome) => outcome,
                Err(error) => return Ending::TerminalGone(format!("cannot take it back: {error}")),
            };
            app.external_edit_done(&edit.note, outcome);
            // Saved into the notebook, the editor's file can go.
            if app.save_now()
                && let Some(notebook) = notebook
            {
                store::end_external_edit(&notebook);
            }
            needs_draw = true;
        }
    }
}

/// The most an editor may hand back for one note.
const EDITED_LIMIT: u64 = 64 * 1024 * 1024;

/// Hands the terminal to the person's own editor on `text` in a private temporary file,
/// takes it back, and returns what the file holds then (or why the notes stay as they
/// were). Only an error in taking the terminal back ends talkbook.
fn edit_externally(
    terminal: &mut Term,
    mouse: bool,
    text: &str,
    beside: Option<&std::path::Path>,
) -> io::Result<Result<String, String>> {
    let editor = crate::app::editor_command();
    // The file beside the notebook, written already; else a private temporary one.
    let temporary = match beside {
        Some(_) => None,
        None => match tempfile::Builder::new()
            .prefix("talkbook-")
            .suffix(".md")
            .tempfile()
            .and_then(|mut file| {
                use std::io::Write as _;
                file.write_all(text.as_bytes())?;
                file.write_all(b"\n")?;
                file.flush()?;
                Ok(file)
            }) {
            Ok(file) => Some(file),
            Err(error) => return Ok(Err(format!("cannot write a file for the editor: {error}"))),
        },
    };
    let Some(path) = beside.or(temporary.as_ref().map(|file| file.path())) else {
        return Ok(Err("no file for the editor".into()));
    };
    leave();
    // Through the shell, so "code --wait" or "emacsclient -t" work as they do there.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("talkbook")
        .arg(path)
        .status();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    let (width, height) = crossterm::terminal::size()?;
    terminal.resize(width, height)?;
    Ok(match status {
        Ok(status) if status.success() => match crate::files::read_text(path, EDITED_LIMIT) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err(format!("what {editor} wrote is not text (UTF-8)")),
            Err(why) => Err(format!("cannot read what {editor} wrote: {why}")),
        },
        Ok(status) => Err(format!(
            "{editor} ended with {status} (a missing editor ends with 127); set VISUAL or EDITOR"
        )),
        Err(error) => Err(format!("cannot run {editor}: {error}")),
    })
}
