//! The application state and its one update step.
//!
//! Terminal events become [`Action`]s through the key table in [`crate::keymap`]; text
//! typed into the editor or a form goes to those widgets. Drawing (in [`crate::ui`]) only
//! reads this state, so everything here is testable without a terminal.

mod burst;
mod disk;
mod editor;
mod external;
mod fetch;
mod links;
pub use links::LinksState;
mod follow_ups;
pub mod form;
mod live;
mod note_sync;
mod pop_ups;
mod reminder;
mod saving;
mod selection;
mod takeover;
mod talks;
pub mod team;
mod typing;
mod undo;

pub use editor::layout::{LineLayout, glyphs};
pub use editor::{Layouts as EditorLayouts, NoteEditor, View as EditorView, WINDOW_MAX_LINES};
pub use external::{ExternalEdit, editor_command};
pub use takeover::HeldElsewhere;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, Timelike as _};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::style::{Modifier, Style};

pub use crate::action::Action;
use crate::keymap::{Context, Keymap};
use crate::model::history::History;
use crate::model::{ClockFormat, Day, FollowUp, NoteRef, Notebook, Talk, TalkState, followup};
use crate::store::NotebookSink;
use crate::text::clean_text;
use editor::edits::EditKind;
use form::{LineInput, TalkForm};
use note_sync::editor_for;

/// Save this long after the last change.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);
/// While typing goes on without a pause, save at least this often.
pub const AUTOSAVE_MAX_INTERVAL: Duration = Duration::from_secs(10);
/// After a failed save, try again this often.
pub const SAVE_RETRY: Duration = Duration::from_secs(5);
/// While an autosave writes on its own thread, look this often whether it is done.
const AUTOSAVE_POLL: Duration = Duration::from_millis(50);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Schedule,
    Editor,
    FollowUps,
}

impl Pane {
    const ORDER: [Pane; 3] = [Pane::Schedule, Pane::Editor, Pane::FollowUps];

    fn step(self, forward: bool) -> Pane {
        let index = Self::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let next = if forward { index + 1 } else { index + 2 };
        Self::ORDER[next % 3]
    }
}

/// Which talks the schedule shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// Slots with a planned or attended talk, with all their talks (the alternatives).
    PlannedAndAttended,
    HideSkipped,
    /// What you missed: skipped talks, and planned ones that are over unattended.
    WatchLater,
}

impl Filter {
    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::PlannedAndAttended,
            Filter::PlannedAndAttended => Filter::HideSkipped,
            Filter::HideSkipped => Filter::WatchLater,
            Filter::WatchLater => Filter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all talks",
            Filter::PlannedAndAttended => "planned and attended, with their parallel talks",
            Filter::HideSkipped => "all but skipped",
            Filter::WatchLater => {
                "what you missed, to watch later: skipped talks and planned ones that are over (▶: has a recording)"
            }
        }
    }
}

/// What the schedule pane has selected on the current day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selected {
    DayNotes,
    Talk(String),
}

/// What a confirmation prompt is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    DeleteTalk {
        id: String,
    },
    QuitWithoutSaving,
    /// Replace the notebook with the copy written after a crash.
    RestoreRecovery,
    /// Put what an editor saved, while talkbook was stopped, into its note.
    TakeEditorWork,
    /// Become the writer of a notebook another talkbook holds (`force`: SIGKILL).
    TakeOver {
        force: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Help,
    Form(Box<TalkForm>),
    Confirm {
        question: String,
        about: Confirm,
    },
    /// Asking for a schedule file or URL to import.
    Import(LineInput),
    Search(SearchState),
    /// The selected talk's links, to open one.
    Links(links::LinksState),
    /// Teammates' notes on the selected talk, read only.
    Team(team::TeamView),
}

/// The search overlay: the query and what it finds, updated as the user types.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    pub query: LineInput,
    pub hits: Vec<crate::model::search::Hit>,
    pub cursor: usize,
}

impl SearchState {
    /// Finds the query again (after it changed), from the first hit.
    fn search(&mut self, notebook: &Notebook) {
        self.hits = crate::model::search::find(notebook, &self.query.text);
        self.cursor = 0;
    }

    fn move_cursor(&mut self, delta: isize) {
        self.cursor = stepped(self.cursor, self.hits.len(), delta);
    }
}

/// Where a mouse click or the wheel lands ([`crate::ui::target_at`] finds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MouseTarget {
    /// A pane, outside any entry: its border or empty space.
    Pane(Pane),
    /// A schedule row: the day notes or a talk.
    Entry(Selected),
    /// A follow-up, by its index in the visible list.
    FollowUp(usize),
    /// A place in the editor's text, counted from the top-left of what is shown.
    Text { row: u16, column: u16 },
}

impl MouseTarget {
    pub fn pane(&self) -> Pane {
        match self {
            MouseTarget::Pane(pane) => *pane,
            MouseTarget::Entry(_) => Pane::Schedule,
            MouseTarget::FollowUp(_) => Pane::FollowUps,
            MouseTarget::Text { .. } => Pane::Editor,
        }
    }
}

/// Rows the wheel moves per notch.
pub const WHEEL_STEP: i16 = 3;

/// Where the notebook on disk stands relative to memory.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Failed(String),
}

pub struct App {
    pub notebook: Notebook,
    sink: Box<dyn NotebookSink>,
    pub focus: Pane,
    pub day: usize,
    pub selected: Selected,
    /// Where the selected talk was found (day, index): looked at first, and used only
    /// while that talk is still there ([`Notebook::find_talk_near`]). Finding it by
    /// comparing ids touched hundreds of talks, several times a keystroke.
    selected_at: Option<(usize, usize)>,
    pub editor: NoteEditor,
    /// Where the person was in notes they worked in before (the cursor, what undo can
    /// take back), so that coming back finds it; the text is the notebook's.
    places: HashMap<NoteRef, editor::Place>,
    pub follow_ups: Vec<FollowUp>,
    /// Index into [`App::visible_follow_ups`].
    pub follow_up_cursor: usize,
    pub show_done: bool,
    /// Whether the follow-up pane is on screen (`F` hides it, to give the editor room).
    pub show_follow_up_pane: bool,
    /// A planned talk about to start, announced in the header.
    pub reminder: Option<String>,
    /// A note to open in the person's own editor (the event loop does it).
    external_edit: Option<ExternalEdit>,
    /// An address to open in the browser (the event loop does it).
    link_to_open: Option<String>,
    pub reminders: reminder::Reminders,
    pub filter: Filter,
    pub overlay: Overlay,
    /// First line shown of the help overlay (the drawing clamps it to the text).
    pub help_scroll: u16,
    pub save_state: SaveState,
    /// When the newest unsaved change was made.
    changed_at: Option<Instant>,
    /// When the oldest unsaved change was made (bounds how long typing defers saving).
    unsaved_since: Option<Instant>,
    /// Counts changes to the notebook, so a save that finishes knows whether it wrote
    /// the latest.
    changes: u64,
    /// An autosave writing on its own thread: the count of changes it holds.
    saving: Option<u64>,
    /// Typed text is in the editor but not yet in the notebook: the event loop draws the
    /// typed key first and settles this after ([`App::settle`]).
    notes_behind: bool,
    /// Why the notebook must not be written, when it must not (shown as a banner).
    pub read_only: Option<String>,
    /// The talkbook that holds the notebook, when that is why it is read-only.
    pub held_elsewhere: Option<HeldElsewhere>,
    /// A crash copy waiting for the user's answer: where it is and what it holds.
    pending_recovery: Option<(std::path::PathBuf, Notebook)>,
    /// What an editor left when talkbook was stopped, offered at start.
    pending_editor_work: Option<(crate::store::EditInProgress, String)>,
    retry_at: Option<Instant>,
    /// A one-off message for the status line (cleared by the next key).
    pub message: Option<String>,
    /// Counts changes to what the list panes show (see [`App::revision`]).
    revision: u64,
    /// A message that stays while the editor has focus (what happened to typing that
    /// went to the schedule), shown when there is no `message`.
    pub notice: Option<String>,
    /// The time now in the conference's zone (or the fixed `--now`), shown in the header.
    pub clock: NaiveDateTime,
    /// What runs at `clock` and what is next; refreshed every tick and after schedule
    /// changes, not per keystroke.
    pub now_next: crate::model::NowAndNext,
    pub should_quit: bool,
    /// The key bindings (defaults, or remapped in `config.toml`).
    pub keymap: Keymap,
    /// How times are shown and stamped.
    pub clock_format: ClockFormat,
    /// Where the notes went when saving failed and the user chose a copy elsewhere.
    pub rescued_to: Option<std::path::PathBuf>,
    /// Changes to talks that `u` takes back and `U` does again.
    pub history: History,
    /// Printable keys that came in quick succession in the schedule or follow-ups,
    /// perhaps a sentence typed there by mistake (see [`typing`]).
    run: Option<typing::Run>,
    /// A lone `q` waits until then before quitting, in case it began a word.
    pending_quit: Option<Instant>,
    /// When the notebook file was last looked at for changes made elsewhere.
    disk_checked_at: Option<Instant>,
    /// A schedule URL being fetched for `I`.
    fetching: Option<fetch::Fetching>,
    /// A schedule `I` asked for, for the event loop to start reading.
    schedule_to_load: Option<String>,
    /// `S` asked for a sync, the notebook saved: for the event loop to run.
    sync_requested: bool,
    /// Keys that came after `S` in the same read: they act once the sync is done, on
    /// the notebook as it left it.
    after_sync: Option<(Vec<Event>, Instant)>,
    /// Teammates' copies of this notebook (read only), for `T`: read by the event loop
    /// the first time `T` asks (never at start-up), and again after each `S`.
    team: Option<Vec<crate::sync::team::Teammate>>,
    /// `T` found the teammates' notes not read yet: for the event loop to read.
    team_requested: bool,
}

/// Everything that reaches the app from outside ([`App::handle`]).
#[derive(Debug, Clone)]
pub enum Input {
    /// Keys and pastes that arrived together at `at` (one key, or a burst), as the
    /// terminal gives them: text typed into the editor last reaches the notebook at the
    /// next input (or [`App::settle`], after the frame).
    Events { events: Vec<Event>, at: Instant },
    /// One key or paste, filed into the notebook at once.
    Event { event: Event, at: Instant },
    /// A click or the wheel, at what is drawn under the pointer.
    Mouse {
        kind: MouseEventKind,
        target: Option<MouseTarget>,
    },
    /// What a bound key asks for, as if the key was pressed.
    Action(Action),
    /// Time passed: the clock, autosave, reminders.
    Tick { now: Instant, clock: NaiveDateTime },
}

/// How an app starts, besides its notebook, where it saves and the time: what the
/// command line and `config.toml` decide. [`App::new`] takes the defaults.
#[derive(Debug, Default)]
pub struct Settings {
    /// The key bindings (defaults, or remapped in `config.toml`).
    pub keymap: Keymap,
    /// How times are shown and stamped.
    pub clock_format: ClockFormat,
    /// Ring the terminal bell for a planned talk about to start.
    pub bell: bool,
    /// Why the notebook must not be written, when it must not.
    pub read_only: Option<String>,
    /// The talkbook that holds the notebook, when that is why it is read-only.
    pub held_elsewhere: Option<HeldElsewhere>,
    /// What the status line says first (a welcome, a problem with the settings).
    pub message: Option<String>,
    /// Teammates' copies of this notebook, from the last `talkbook sync`, when they are
    /// known already (`None`: the event loop reads them when `T` first asks).
    pub team: Option<Vec<crate::sync::team::Teammate>>,
}

impl App {
    /// An app with the default settings.
    pub fn new(notebook: Notebook, sink: Box<dyn NotebookSink>, clock: NaiveDateTime) -> Self {
        App::with_settings(notebook, sink, clock, Settings::default())
    }

    /// An app on `notebook`, saving to `sink`, at `clock` (the conference's time now).
    pub fn with_settings(
        mut notebook: Notebook,
        sink: Box<dyn NotebookSink>,
        clock: NaiveDateTime,
        settings: Settings,
    ) -> Self {
        notebook.normalize();
        if notebook.days.is_empty() {
            // Somewhere to put day notes and talks; only saved once something changes.
            notebook.ensure_day(clock.date());
        }
        let day = notebook.day_index(clock.date()).unwrap_or(0);
        let note = NoteRef::Day(notebook.days[day].date);
        let editor = editor_for(&notebook, &note);
        let mut app = App {
            follow_ups: followup::collect(&notebook),
            notebook,
            sink,
            focus: Pane::Schedule,
            day,
            selected: Selected::DayNotes,
            selected_at: None,
            editor,
            places: HashMap::new(),
            follow_up_cursor: 0,
            show_done: true,
            show_follow_up_pane: true,
            reminder: None,
            external_edit: None,
            reminders: reminder::Reminders::new(settings.bell),
            filter: Filter::All,
            overlay: Overlay::None,
            help_scroll: 0,
            save_state: SaveState::Saved,
            changed_at: None,
            unsaved_since: None,
            changes: 0,
            saving: None,
            notes_behind: false,
            read_only: settings.read_only,
            held_elsewhere: settings.held_elsewhere,
            team: settings.team,
            team_requested: false,
            pending_recovery: None,
            pending_editor_work: None,
            link_to_open: None,
            retry_at: None,
            message: settings.message,
            revision: 0,
            notice: None,
            clock,
            now_next: Default::default(),
            should_quit: false,
            keymap: settings.keymap,
            clock_format: settings.clock_format,
            rescued_to: None,
            history: History::default(),
            run: None,
            pending_quit: None,
            disk_checked_at: None,
            after_sync: None,
            sync_requested: false,
            schedule_to_load: None,
            fetching: None,
        };
        app.style_editor();
        app.refresh_now_next();
        // What is due already is announced in the first frame.
        app.refresh_reminder();
        // On a conference day, start where the conference is.
        if app.notebook.day_index(clock.date()).is_some() {
            app.jump_to_now(false);
        }
        app
    }

    pub fn current_day(&self) -> &Day {
        &self.notebook.days[self.day]
    }

    pub fn selected_talk(&self) -> Option<&Talk> {
        let (day, index) = self.selected_place()?;
        self.notebook.days.get(day)?.talks.get(index)
    }

    /// The day and index of the selected talk.
    pub fn selected_place(&self) -> Option<(usize, usize)> {
        match &self.selected {
            Selected::Talk(id) => self.notebook.find_talk_near(id, self.selected_at),
            Selected::DayNotes => None,
        }
    }

    /// Where `note` was found before, if it is the selected talk's.
    fn place_hint(&self, note: &NoteRef) -> Option<(usize, usize)> {
        match (note, &self.selected) {
            (NoteRef::Talk(id), Selected::Talk(selected)) if id == selected => self.selected_at,
            _ => None,
        }
    }

    /// Position in the schedule's selectable entries: 0 is the day notes, then the talks
    /// the filter shows.
    pub fn selected_position(&self) -> usize {
        self.selected_position_of(&self.selected)
    }

    /// Indices of the current day's talks that the filter shows, in schedule order.
    pub fn visible_talks(&self) -> Vec<usize> {
        let day = self.current_day();
        match self.filter {
            Filter::All => (0..day.talks.len()).collect(),
            Filter::HideSkipped => (0..day.talks.len())
                .filter(|&i| day.talks[i].state != TalkState::Skipped)
                .collect(),
            Filter::WatchLater => (0..day.talks.len())
                .filter(|&i| day.talks[i].missed(self.clock))
                .collect(),
            Filter::PlannedAndAttended => day
                .time_slots()
                .into_iter()
                .filter(|slot| {
                    slot.talks.iter().any(|&i| {
                        matches!(day.talks[i].state, TalkState::Planned | TalkState::Attended)
                    })
                })
                .flat_map(|slot| slot.talks)
                .collect(),
        }
    }

    pub fn visible_follow_ups(&self) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(|f| self.show_done || !f.done)
    }

    pub fn sink_location(&self) -> String {
        self.sink.location()
    }

    // ----- input --------------------------------------------------------------------

    /// The one way in: everything that reaches the app from outside, one input at a
    /// time. Each input first brings what was typed into the notebook ([`App::settle`]:
    /// the notebook may lag the editor, since a typed key is drawn before it is filed),
    /// once, so what it does sees the notes as they are. In a burst that is before each
    /// event that is not text for the editor.
    pub fn handle(&mut self, input: Input) {
        match input {
            Input::Events { events, at } => self.on_events(events, at),
            Input::Event { event, at } => {
                self.settle();
                self.on_event(event, at);
            }
            Input::Mouse { kind, target } => {
                self.settle();
                self.on_mouse(kind, target);
            }
            Input::Action(action) => {
                self.settle();
                self.apply(action);
            }
            Input::Tick { now, clock } => {
                self.settle();
                self.on_tick(now, clock);
            }
        }
    }

    /// One event, as if it arrived now.
    pub fn handle_event(&mut self, event: Event) {
        self.handle_event_at(event, Instant::now());
    }

    /// One event that arrived at `at`.
    pub fn handle_event_at(&mut self, event: Event, at: Instant) {
        self.handle(Input::Event { event, at });
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.handle_key_at(key, Instant::now());
    }

    /// A key that arrived at `at` (when keys come matters: see [`typing`]).
    pub fn handle_key_at(&mut self, key: KeyEvent, at: Instant) {
        self.handle_event_at(Event::Key(key), at);
    }

    /// A pasted text.
    pub fn handle_paste(&mut self, text: &str) {
        self.handle_event(Event::Paste(text.to_string()));
    }

    /// One event of an input, the notebook already settled.
    fn on_event(&mut self, event: Event, at: Instant) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key, at),
            Event::Paste(text) => self.on_paste(&text),
            _ => {}
        }
    }

    fn on_key(&mut self, key: KeyEvent, at: Instant) {
        if self.screen_for_typing(&key, at) {
            return;
        }
        self.dispatch_key(key);
        self.after_run_key();
    }

    fn dispatch_key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Esc && self.overlay == Overlay::None && self.stop_fetching() {
            return;
        }
        self.message = None;
        if self.overlay != Overlay::None {
            self.handle_overlay_key(key);
            return;
        }
        let contexts: &[Context] = match self.focus {
            Pane::Schedule => &[Context::Global, Context::Browsing, Context::Schedule],
            Pane::Editor => &[Context::Global, Context::Editor],
            Pane::FollowUps => &[Context::Global, Context::Browsing, Context::FollowUps],
        };
        if let Some(action) = self.keymap.resolve(contexts, &key) {
            if action.modifies() && self.refuse_if_read_only() {
                return;
            }
            self.apply(action);
        } else if self.focus == Pane::Editor {
            // Keys that only move the cursor pass; an edit is taken back at once.
            if self.editor.input(key, Instant::now()) && self.refuse_if_read_only() {
                self.editor.undo();
            } else {
                self.editor_text_changed();
            }
        }
    }

    /// Shows why nothing can change, if the notebook is read-only; true then.
    fn refuse_if_read_only(&mut self) -> bool {
        match &self.read_only {
            Some(_) => {
                self.message = Some(
                    "Not changed: this window only reads the notebook (see the banner).".into(),
                );
                true
            }
            None => false,
        }
    }

    fn on_paste(&mut self, text: &str) {
        self.end_run();
        match (&mut self.overlay, self.focus) {
            (Overlay::Form(form), _) => form.focused_field().insert_str(text),
            (Overlay::Import(input), _) => input.insert_str(text.trim()),
            (Overlay::Search(search), _) => {
                search.query.insert_str(text.trim());
                search.search(&self.notebook);
            }
            (Overlay::None, Pane::Editor) => {
                if self.refuse_if_read_only() {
                    return;
                }
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                if self.editor.insert_piece(&clean_text(&text), Instant::now()) {
                    self.editor_text_changed();
                }
            }
            _ => {}
        }
    }

    /// A click: focuses the pane under the pointer and selects what is there (a talk, a
    /// follow-up, a place in the text). Pop-ups are answered with keys, so clicks wait.
    pub fn click(&mut self, target: MouseTarget) {
        self.handle(Input::Mouse {
            kind: MouseEventKind::Down(MouseButton::Left),
            target: Some(target),
        });
    }

    fn on_click(&mut self, target: MouseTarget) {
        if self.overlay != Overlay::None {
            return;
        }
        self.message = None;
        self.end_run();
        if target.pane() == Pane::Editor && self.read_only.is_some() {
            // Reading is what the wheel is for; a cursor would promise typing.
            self.enter_editor();
            return;
        }
        self.set_focus(target.pane());
        match target {
            MouseTarget::Pane(_) => {}
            MouseTarget::Entry(selected) => self.select(selected),
            MouseTarget::FollowUp(index) => {
                self.follow_up_cursor = index;
                self.clamp_follow_up_cursor();
            }
            MouseTarget::Text { row, column } => {
                self.editor.click(row, column);
                self.editor_text_changed();
            }
        }
    }

    /// The wheel over `pane`: `notches` down (negative: up). Lists move their selection,
    /// the editor scrolls its text; focus stays where it is.
    fn on_scroll(&mut self, pane: Pane, notches: i16) {
        let rows = notches.saturating_mul(WHEEL_STEP);
        match self.overlay {
            Overlay::Help => {
                self.help_scroll = self.help_scroll.saturating_add_signed(rows);
                return;
            }
            Overlay::None => {}
            _ => return,
        }
        match pane {
            Pane::Schedule => {
                let position = self.selected_position().saturating_add_signed(rows.into());
                self.select_position(position);
            }
            Pane::FollowUps => self.move_follow_up_cursor(rows.into()),
            Pane::Editor => {
                self.editor.scroll(rows.into());
                self.editor_text_changed();
            }
        }
    }

    /// A mouse event at `target` (`None`: outside the panes, e.g. on the status line).
    pub fn handle_mouse(&mut self, kind: MouseEventKind, target: Option<MouseTarget>) {
        self.handle(Input::Mouse { kind, target });
    }

    fn on_mouse(&mut self, kind: MouseEventKind, target: Option<MouseTarget>) {
        let pane = target.as_ref().map_or(self.focus, MouseTarget::pane);
        match (kind, target) {
            (MouseEventKind::Down(MouseButton::Left), Some(target)) => self.on_click(target),
            (MouseEventKind::ScrollDown, _) => self.on_scroll(pane, 1),
            (MouseEventKind::ScrollUp, _) => self.on_scroll(pane, -1),
            _ => {}
        }
    }

    /// What a bound key asks for, as if it was pressed.
    pub fn update(&mut self, action: Action) {
        self.handle(Input::Action(action));
    }

    /// The update step: applies an action to the state (the notebook settled).
    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.request_quit(),
            Action::Save => {
                if self.save_now() {
                    self.message = Some(format!("Saved to {}", self.sink.location()));
                }
            }
            Action::FocusNext => self.step_focus(true),
            Action::FocusPrevious => self.step_focus(false),
            Action::ToggleHelp => self.overlay = Overlay::Help,
            Action::NextTalk => self.select_position(self.selected_position() + 1),
            Action::PreviousTalk => {
                self.select_position(self.selected_position().saturating_sub(1))
            }
            Action::NextSlot => self.select_next_slot(),
            Action::PreviousSlot => self.select_previous_slot(),
            Action::PreviousDay => self.select_day(self.day.saturating_sub(1)),
            Action::NextDay => self.select_day(self.day + 1),
            Action::First => self.select_position(0),
            Action::Last => self.select_position(self.visible_talks().len()),
            Action::EditNotes => self.enter_editor(),
            Action::ToggleAttended => self.toggle_state(TalkState::Attended),
            Action::ToggleSkipped => self.toggle_state(TalkState::Skipped),
            Action::TogglePlanned => self.toggle_state(TalkState::Planned),
            Action::Rate => self.rate(),
            Action::CycleFilter => self.cycle_filter(),
            Action::AddTalk => {
                let form = TalkForm::add(
                    self.current_day().date,
                    self.selected_talk(),
                    self.clock_format,
                );
                self.overlay = Overlay::Form(Box::new(form));
            }
            Action::EditTalk => match self.selected_talk() {
                Some(talk) => {
                    self.overlay = Overlay::Form(Box::new(TalkForm::edit(talk, self.clock_format)))
                }
                None => self.message = Some("Select a talk to edit its details.".into()),
            },
            Action::DeleteTalk => self.ask_delete(),
            Action::ImportSchedule => self.overlay = Overlay::Import(LineInput::default()),
            Action::JumpToNow => self.jump_to_now(true),
            Action::Search => self.overlay = Overlay::Search(SearchState::default()),
            Action::OpenLink => self.show_links(),
            Action::ShowTeam => self.show_team(),
            Action::SyncNow => self.request_sync(),
            Action::LeaveEditor => self.set_focus(Pane::Schedule),
            Action::ToggleTask => self.toggle_task_on_cursor_line(),
            Action::InsertClockStamp => self.insert_stamp(false),
            Action::InsertOffsetStamp => self.insert_stamp(true),
            Action::TalkBegan => self.talk_began(),
            Action::NextFollowUp => self.move_follow_up_cursor(1),
            Action::PreviousFollowUp => self.move_follow_up_cursor(-1),
            Action::ToggleFollowUpDone => self.toggle_follow_up_done(),
            Action::JumpToFollowUp => self.jump_to_follow_up(),
            Action::ToggleShowDone => {
                self.show_done = !self.show_done;
                self.clamp_follow_up_cursor();
            }
            Action::EditExternally => self.request_external_edit(),
            Action::ToggleFollowUpPane => {
                self.show_follow_up_pane = !self.show_follow_up_pane;
                let open = self.follow_ups.iter().filter(|f| !f.done).count();
                if self.show_follow_up_pane {
                    self.message = Some("Follow-up pane shown.".into());
                } else {
                    if self.focus == Pane::FollowUps {
                        self.set_focus(Pane::Schedule);
                    }
                    self.message = Some(format!(
                        "Follow-up pane hidden ({open} open); F shows it again."
                    ));
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ClosePopUp
            | Action::PopUpDown
            | Action::PopUpUp
            | Action::PopUpPageDown
            | Action::PopUpPageUp
            | Action::Choose
            | Action::Yes
            | Action::No
            | Action::WriteRescueCopy => self.pop_up_action(action),
        }
    }

    // ----- saving -------------------------------------------------------------------

    /// The notebook changed in a way the schedule or follow-up pane may show.
    fn mark_changed(&mut self) {
        self.revision_changed();
        self.mark_unsaved();
    }

    /// What the list panes show changed.
    fn revision_changed(&mut self) {
        self.revision += 1;
    }

    /// What the list panes show, for drawing: it changes whenever they may look
    /// different (with the selection, focus, day and filter, which are fields).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Time passes: autosave when due, and update the clock.
    pub fn tick(&mut self, now: Instant, clock: NaiveDateTime) {
        self.handle(Input::Tick { now, clock });
    }

    fn on_tick(&mut self, now: Instant, clock: NaiveDateTime) {
        self.tick_pending_quit(now);
        // Talks start and end on whole minutes, so what runs now and what is next only
        // change when the minute does; recomputing it on every key was a tenth of a
        // keystroke in a 1,000-talk notebook.
        let minute =
            |moment: NaiveDateTime| moment.with_second(0).and_then(|m| m.with_nanosecond(0));
        let new_minute = minute(clock) != minute(self.clock);
        self.clock = clock;
        if new_minute {
            self.refresh_now_next();
        }
        self.refresh_reminder();
        self.hear_from_autosave();
        if self.saving.is_none()
            && self
                .autosave_deadline()
                .is_some_and(|deadline| now >= deadline)
        {
            self.autosave();
        }
        self.check_disk(now);
        self.poll_fetch();
    }

    fn request_quit(&mut self) {
        if self.read_only.is_some() || !self.has_unsaved_changes() || self.save_now() {
            self.should_quit = true;
            return;
        }
        let SaveState::Failed(reason) = &self.save_state else {
            return;
        };
        let (y, n) = self.yes_no();
        let w = self.key_label(Context::Question, Action::WriteRescueCopy);
        self.overlay = Overlay::Confirm {
            question: format!(
                "NOT SAVED: {reason}\n{w}: write a copy elsewhere and quit · {y}: quit and lose the changes since the last save · {n}: stay"
            ),
            about: Confirm::QuitWithoutSaving,
        };
    }

    fn confirmed(&mut self, about: Confirm) {
        match about {
            Confirm::QuitWithoutSaving => self.should_quit = true,
            Confirm::DeleteTalk { id } => self.delete_talk(&id),
            Confirm::RestoreRecovery => self.restore_recovery(),
            Confirm::TakeEditorWork => self.take_editor_work(),
            Confirm::TakeOver { force } => self.take_over(force),
        }
    }

    fn declined(&mut self, about: Confirm) {
        self.message = Some("Cancelled.".into());
        if about == Confirm::TakeEditorWork {
            self.keep_editor_work_aside();
        }
        if about == Confirm::RestoreRecovery
            && let Some((path, _)) = self.pending_recovery.take()
        {
            // Keep the crash copy, out of the way of the next start.
            let kept = crate::store::set_aside(&path);
            self.message = Some(match kept {
                Ok(kept) => format!("Kept the crash copy as {}", kept.display()),
                Err(error) => format!("Could not move {}: {error}", path.display()),
            });
        }
    }

    /// Shows another version of the notebook (restored, or as another window left it),
    /// keeping the day and selection where they still exist.
    fn replace_notebook(&mut self, mut notebook: Notebook) {
        self.revision_changed();
        notebook.normalize();
        self.notebook = notebook;
        self.places.clear();
        self.history = History::default();
        if self.notebook.days.is_empty() {
            self.notebook.ensure_day(self.clock.date());
        }
        self.day = self.day.min(self.notebook.days.len() - 1);
        if self.selected_talk().is_none() {
            self.selected = Selected::DayNotes;
        }
        let note = self.selected_note();
        self.editor = editor_for(&self.notebook, &note);
        self.style_editor();
        self.refresh_follow_ups();
        self.refresh_now_next();
    }

    fn style_editor(&mut self) {
        let (cursor, placeholder) = if self.focus == Pane::Editor {
            (
                Style::default().add_modifier(Modifier::REVERSED),
                "No notes yet: type them here. Esc goes back to the schedule.",
            )
        } else {
            (
                Style::default(),
                "No notes yet. Press Enter (or i) in the schedule to write.",
            )
        };
        self.editor.textarea.set_look(cursor, placeholder);
    }
}

/// `text` with its first letter in upper case, for a message.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A list cursor moved by `delta`, kept within a list of `len` items.
fn stepped(cursor: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return cursor;
    }
    (cursor as isize + delta).clamp(0, len as isize - 1) as usize
}

#[cfg(test)]
mod tests;
