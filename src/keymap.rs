//! Key bindings as data. The app resolves keys through this table, and the help overlay,
//! the status-line hints and the README key table are all generated from it, so they
//! cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, even while typing notes.
    Global,
    /// In the schedule and follow-up panes (not while typing).
    Browsing,
    Schedule,
    Editor,
    FollowUps,
    /// In any pop-up.
    PopUp,
    /// The help (`?`).
    Help,
    /// A question (delete? restore? take over?).
    Question,
    /// The talk's links (`L`).
    Links,
    /// Search (`/`), where other keys type the query.
    Search,
    /// The talk form and the import prompt, where other keys type the field.
    Prompt,
    /// The talk form (`o`, `e`).
    Form,
}

impl Context {
    /// What is being typed while keys of this context are looked at (notes, a query, a
    /// field), if anything: such keys must not be keys that type or edit it.
    pub fn typed_into(self) -> Option<&'static str> {
        match self {
            Context::Global | Context::Editor => Some("notes"),
            Context::Search => Some("the query"),
            Context::Prompt | Context::Form => Some("a field"),
            _ => None,
        }
    }

    /// Whether `key`, bound here, would take the place of typing: a key that types
    /// notes, or one that types or edits a one-line field.
    pub fn takes_from_typing(self, key: &Key) -> bool {
        match self {
            Context::Global | Context::Editor => key.types_text(),
            Context::Search | Context::Prompt | Context::Form => key.edits_a_line(),
            _ => false,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Browsing => "When not typing",
            Context::Schedule => "Schedule",
            Context::Editor => "Editor",
            Context::FollowUps => "Follow-ups",
            Context::PopUp => "Any pop-up",
            Context::Help => "Help",
            Context::Question => "Questions",
            Context::Links => "Links",
            Context::Search => "Search",
            Context::Prompt => "Form and import",
            Context::Form => "Talk form",
        }
    }

    /// Every context, in the order the help and the README list them.
    pub const ALL: [Context; 12] = [
        Context::Global,
        Context::Browsing,
        Context::Schedule,
        Context::Editor,
        Context::FollowUps,
        Context::PopUp,
        Context::Help,
        Context::Question,
        Context::Links,
        Context::Search,
        Context::Prompt,
        Context::Form,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    }
}

impl Key {
    /// Whether the key types text in the editor: a character without Ctrl or Alt,
    /// Enter, Backspace. Bound to something that acts while typing, it would act
    /// instead of typing (`quit_anywhere = ["z"]`: "pizza" quits).
    pub fn types_text(&self) -> bool {
        let chord = self
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self.code {
            KeyCode::Char(_) => !chord,
            KeyCode::Enter | KeyCode::Backspace => !chord,
            _ => false,
        }
    }

    /// Whether the key types into or edits a one-line field (a query, a form field): a
    /// character without Ctrl or Alt, Backspace, Delete, ← → Home End.
    pub fn edits_a_line(&self) -> bool {
        let chord = self
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        !chord
            && matches!(
                self.code,
                KeyCode::Char(_)
                    | KeyCode::Backspace
                    | KeyCode::Delete
                    | KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::Home
                    | KeyCode::End
            )
    }

    /// Whether a terminal key event is this key. Shift is part of the character for
    /// letters (`J` arrives as `J` + SHIFT), so it is ignored for characters.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut modifiers = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        event.kind != KeyEventKind::Release
            && event.code == self.code
            && modifiers == self.modifiers
    }

    /// How the key is written in the help and the README: `j`, `Ctrl-S`, `PgDn`.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            label.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        if label.is_empty() {
            name
        } else {
            label + &name.to_uppercase()
        }
    }

    /// How the key is written in `config.toml`: `j`, `ctrl-s`, `pagedown`. [`Key::parse`]
    /// reads it back.
    pub fn config_name(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            other => NAMED_KEYS
                .iter()
                .find(|(_, code)| *code == other)
                .map_or_else(
                    || format!("{other:?}").to_lowercase(),
                    |(name, _)| name.to_string(),
                ),
        };
        let mut prefix = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            prefix.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            prefix.push_str("alt-");
        }
        prefix + &name
    }

    /// Reads `j`, `J`, `?`, `ctrl-s`, `alt-x`, `space`, `enter`, `pagedown`, `f5`...
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.len() > 1 && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+")) {
                modifiers |= KeyModifiers::CONTROL;
                // ASCII lowercase keeps every byte where it was: `ctrl-` is five bytes.
                rest = rest.get(5..).unwrap_or_default();
            } else if lower.len() > 1 && (lower.starts_with("alt-") || lower.starts_with("alt+")) {
                modifiers |= KeyModifiers::ALT;
                rest = rest.get(4..).unwrap_or_default();
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                // Terminals report Ctrl with the lower-case letter.
                if modifiers.is_empty() {
                    KeyCode::Char(c)
                } else {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                match NAMED_KEYS.iter().find(|(name, _)| *name == lower) {
                    Some((_, code)) => *code,
                    None => match lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                        Some(n @ 1..=12) => KeyCode::F(n),
                        _ => {
                            return Err(format!(
                                "unknown key {text:?}; use a character like \"j\", \"ctrl-s\", \"alt-x\", or one of: {}, f1..f12",
                                NAMED_KEYS
                                    .iter()
                                    .map(|(name, _)| *name)
                                    .filter(|name| !ALIASES.contains(name))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ));
                        }
                    },
                }
            }
        };
        Ok(Key { code, modifiers })
    }
}

/// Keys with a name in `config.toml`. The first name of a key is the one written out.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("escape", KeyCode::Esc),
    ("return", KeyCode::Enter),
];

/// Second names of keys, accepted but not listed.
const ALIASES: &[&str] = &["shift-tab", "pgup", "pgdn", "escape", "return"];

pub struct Binding {
    /// The action's name in `config.toml` (`[keys] next_talk = ["j", "down"]`).
    pub name: &'static str,
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// A word or two for the status line; `None` keeps the binding out of the hints.
    pub hint: Option<&'static str>,
}

const fn bind(
    name: &'static str,
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        name,
        context,
        keys,
        action,
        description,
        hint,
    }
}

use Context::{
    Browsing, Editor, FollowUps, Form, Global, Help, Links, PopUp, Prompt, Question, Schedule,
    Search,
};

pub const BINDINGS: &[Binding] = &[
    bind(
        "focus_next",
        Global,
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        "focus the next pane",
        Some("focus"),
    ),
    bind(
        "focus_previous",
        Global,
        &[code(KeyCode::BackTab)],
        Action::FocusPrevious,
        "focus the previous pane",
        None,
    ),
    bind("save", Global, &[ctrl('s')], Action::Save, "save now", None),
    bind(
        "quit_anywhere",
        Global,
        &[ctrl('q')],
        Action::Quit,
        "save and quit",
        None,
    ),
    bind(
        "help",
        Browsing,
        &[plain('?')],
        Action::ToggleHelp,
        "show or hide this help",
        Some("help"),
    ),
    bind(
        "search",
        Browsing,
        &[plain('/')],
        Action::Search,
        "search titles, speakers, rooms, tracks and notes",
        Some("search"),
    ),
    bind(
        "undo",
        Browsing,
        &[plain('u')],
        Action::Undo,
        "undo the last mark, talk change or follow-up done",
        Some("undo"),
    ),
    bind(
        "redo",
        Browsing,
        &[plain('U')],
        Action::Redo,
        "redo what u undid",
        None,
    ),
    bind(
        "quit",
        Browsing,
        &[plain('q'), ctrl('c')],
        Action::Quit,
        "save and quit",
        Some("quit"),
    ),
    bind(
        "next_talk",
        Schedule,
        &[plain('j'), code(KeyCode::Down)],
        Action::NextTalk,
        "next talk",
        None,
    ),
    bind(
        "previous_talk",
        Schedule,
        &[plain('k'), code(KeyCode::Up)],
        Action::PreviousTalk,
        "previous talk",
        None,
    ),
    bind(
        "next_slot",
        Schedule,
        &[plain('J'), code(KeyCode::PageDown)],
        Action::NextSlot,
        "next time slot",
        Some("slot"),
    ),
    bind(
        "previous_slot",
        Schedule,
        &[plain('K'), code(KeyCode::PageUp)],
        Action::PreviousSlot,
        "previous time slot",
        None,
    ),
    bind(
        "previous_day",
        Schedule,
        &[plain('h'), code(KeyCode::Left)],
        Action::PreviousDay,
        "previous day",
        None,
    ),
    bind(
        "next_day",
        Schedule,
        &[plain('l'), code(KeyCode::Right)],
        Action::NextDay,
        "next day",
        Some("day"),
    ),
    bind(
        "first_entry",
        Schedule,
        &[plain('g'), code(KeyCode::Home)],
        Action::First,
        "first entry (day notes)",
        None,
    ),
    bind(
        "last_talk",
        Schedule,
        &[plain('G'), code(KeyCode::End)],
        Action::Last,
        "last talk",
        None,
    ),
    bind(
        "write_notes",
        Schedule,
        &[code(KeyCode::Enter), plain('i')],
        Action::EditNotes,
        "write notes for the selected talk",
        Some("write"),
    ),
    bind(
        "toggle_attended",
        Schedule,
        &[plain('a')],
        Action::ToggleAttended,
        "mark attended (again: unmark)",
        Some("attended"),
    ),
    bind(
        "toggle_skipped",
        Schedule,
        &[plain('s')],
        Action::ToggleSkipped,
        "mark skipped (again: unmark)",
        Some("skipped"),
    ),
    bind(
        "toggle_planned",
        Schedule,
        &[plain('p')],
        Action::TogglePlanned,
        "mark planned, to go to (again: unmark)",
        None,
    ),
    bind(
        "cycle_filter",
        Schedule,
        &[plain('f')],
        Action::CycleFilter,
        "show: all talks / planned and attended / all but skipped",
        Some("filter"),
    ),
    bind(
        "add_talk",
        Schedule,
        &[plain('o')],
        Action::AddTalk,
        "add a talk",
        Some("add"),
    ),
    bind(
        "edit_talk",
        Schedule,
        &[plain('e')],
        Action::EditTalk,
        "edit the talk's details",
        None,
    ),
    bind(
        "delete_talk",
        Schedule,
        &[plain('d')],
        Action::DeleteTalk,
        "delete the talk (asks first)",
        None,
    ),
    bind(
        "jump_to_now",
        Schedule,
        &[plain('n')],
        Action::JumpToNow,
        "jump to the talk running now (or the next one)",
        Some("now"),
    ),
    bind(
        "import",
        Schedule,
        &[plain('I')],
        Action::ImportSchedule,
        "import a schedule into this notebook (file or URL)",
        None,
    ),
    bind(
        "external_editor",
        Schedule,
        &[plain('E')],
        Action::EditExternally,
        "write the notes in your own editor ($VISUAL or $EDITOR)",
        None,
    ),
    bind(
        "open_link",
        Schedule,
        &[plain('L')],
        Action::OpenLink,
        "the talk's page, recording and slides: open one in the browser",
        None,
    ),
    bind(
        "leave_editor",
        Editor,
        &[code(KeyCode::Esc)],
        Action::LeaveEditor,
        "back to the schedule",
        Some("schedule"),
    ),
    bind(
        "toggle_follow_up",
        Editor,
        &[ctrl('t')],
        Action::ToggleTask,
        "make the line a follow-up (- [ ] ) or plain again",
        Some("follow-up"),
    ),
    bind(
        "insert_time",
        Editor,
        &[ctrl('l')],
        Action::InsertClockStamp,
        "insert the time, [11:23]",
        Some("time"),
    ),
    bind(
        "external_editor_here",
        Editor,
        &[ctrl('g')],
        Action::EditExternally,
        "write these notes in your own editor ($VISUAL or $EDITOR)",
        None,
    ),
    bind(
        "insert_time_since_start",
        Editor,
        &[ctrl('o')],
        Action::InsertOffsetStamp,
        "insert the time since the talk began, [+12:34]",
        None,
    ),
    bind(
        "next_follow_up",
        FollowUps,
        &[plain('j'), code(KeyCode::Down)],
        Action::NextFollowUp,
        "next follow-up",
        None,
    ),
    bind(
        "previous_follow_up",
        FollowUps,
        &[plain('k'), code(KeyCode::Up)],
        Action::PreviousFollowUp,
        "previous follow-up",
        None,
    ),
    bind(
        "follow_up_done",
        FollowUps,
        &[plain('x'), plain(' ')],
        Action::ToggleFollowUpDone,
        "mark done / open (edits the note)",
        Some("done"),
    ),
    bind(
        "go_to_follow_up",
        FollowUps,
        &[code(KeyCode::Enter)],
        Action::JumpToFollowUp,
        "go to the line in its talk's notes",
        Some("go to"),
    ),
    bind(
        "hide_done",
        FollowUps,
        &[plain('H')],
        Action::ToggleShowDone,
        "hide or show done follow-ups",
        Some("hide done"),
    ),
    bind(
        "follow_up_pane",
        Browsing,
        &[plain('F')],
        Action::ToggleFollowUpPane,
        "hide or show the follow-up pane",
        None,
    ),
    bind(
        "quit_from_pop_up",
        PopUp,
        &[ctrl('q')],
        Action::Quit,
        "save and quit",
        None,
    ),
    bind(
        "close_pop_up",
        PopUp,
        &[code(KeyCode::Esc)],
        Action::ClosePopUp,
        "close it (a question: no; a form: cancel)",
        None,
    ),
    bind(
        "close_help",
        Help,
        &[code(KeyCode::Enter), plain('q'), plain('?')],
        Action::ClosePopUp,
        "close the help",
        None,
    ),
    bind(
        "help_down",
        Help,
        &[plain('j'), code(KeyCode::Down)],
        Action::PopUpDown,
        "scroll down a line",
        None,
    ),
    bind(
        "help_up",
        Help,
        &[plain('k'), code(KeyCode::Up)],
        Action::PopUpUp,
        "scroll up a line",
        None,
    ),
    bind(
        "help_page_down",
        Help,
        &[code(KeyCode::PageDown), plain(' ')],
        Action::PopUpPageDown,
        "scroll down a page",
        None,
    ),
    bind(
        "help_page_up",
        Help,
        &[code(KeyCode::PageUp)],
        Action::PopUpPageUp,
        "scroll up a page",
        None,
    ),
    bind(
        "yes",
        Question,
        &[plain('y'), plain('Y')],
        Action::Yes,
        "yes",
        None,
    ),
    bind(
        "no",
        Question,
        &[plain('n'), plain('N')],
        Action::No,
        "no",
        None,
    ),
    bind(
        "write_rescue_copy",
        Question,
        &[plain('w'), plain('W')],
        Action::WriteRescueCopy,
        "when the notes cannot be saved on quitting: write a copy elsewhere, then quit",
        None,
    ),
    bind(
        "next_link",
        Links,
        &[plain('j'), code(KeyCode::Down)],
        Action::PopUpDown,
        "next link",
        None,
    ),
    bind(
        "previous_link",
        Links,
        &[plain('k'), code(KeyCode::Up)],
        Action::PopUpUp,
        "previous link",
        None,
    ),
    bind(
        "open_link_chosen",
        Links,
        &[code(KeyCode::Enter)],
        Action::Choose,
        "open the link in the browser",
        None,
    ),
    bind(
        "close_links",
        Links,
        &[plain('q')],
        Action::ClosePopUp,
        "close the links",
        None,
    ),
    bind(
        "next_match",
        Search,
        &[code(KeyCode::Down), ctrl('n')],
        Action::PopUpDown,
        "next match",
        None,
    ),
    bind(
        "previous_match",
        Search,
        &[code(KeyCode::Up), ctrl('p')],
        Action::PopUpUp,
        "previous match",
        None,
    ),
    bind(
        "go_to_match",
        Search,
        &[code(KeyCode::Enter)],
        Action::Choose,
        "go to the match in its notes",
        None,
    ),
    bind(
        "submit",
        Prompt,
        &[code(KeyCode::Enter)],
        Action::Choose,
        "import the schedule / add or change the talk",
        None,
    ),
    bind(
        "next_field",
        Form,
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::PopUpDown,
        "next field",
        None,
    ),
    bind(
        "previous_field",
        Form,
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Action::PopUpUp,
        "previous field",
        None,
    ),
];

/// What a key the editor handles itself does: a move by rows of the pane, or undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKey {
    RowUp,
    RowDown,
    PageUp,
    PageDown,
    Undo,
    Redo,
}

/// The editor's own keys: fixed (they edit text), listed in the help and the README
/// from here, and read from here by the editor ([`editor_key`]). With Shift, a move
/// selects.
pub const EDITOR_OWN_KEYS: &[(Key, EditorKey, &str)] = &[
    (code(KeyCode::Up), EditorKey::RowUp, "up a row of the pane"),
    (ctrl('p'), EditorKey::RowUp, "up a row of the pane"),
    (
        code(KeyCode::Down),
        EditorKey::RowDown,
        "down a row of the pane",
    ),
    (ctrl('n'), EditorKey::RowDown, "down a row of the pane"),
    (code(KeyCode::PageUp), EditorKey::PageUp, "up a page"),
    (alt('v'), EditorKey::PageUp, "up a page"),
    (code(KeyCode::PageDown), EditorKey::PageDown, "down a page"),
    (ctrl('v'), EditorKey::PageDown, "down a page"),
    (
        ctrl('u'),
        EditorKey::Undo,
        "undo, a word (or a pause) at a time",
    ),
    (ctrl('r'), EditorKey::Redo, "redo"),
];

/// The editor's own key `event` is, and whether Shift was held.
pub fn editor_key(event: &KeyEvent) -> Option<(EditorKey, bool)> {
    let shift = event.modifiers.contains(KeyModifiers::SHIFT);
    let mut unshifted = *event;
    unshifted.modifiers.remove(KeyModifiers::SHIFT);
    EDITOR_OWN_KEYS
        .iter()
        .find(|(key, ..)| key.matches(&unshifted))
        .map(|(_, what, _)| (*what, shift))
}

/// Fixed keys no binding names: text editing in ratatui-textarea (the editor) and in a
/// field, and the links' numbers. Listed in the help and the README after the bindings
/// of their context.
pub const FIXED_KEYS: &[(Context, &str, &str)] = &[
    (
        Context::Editor,
        "Ctrl-C / Ctrl-X / Ctrl-Y",
        "copy / cut / paste",
    ),
    (
        Context::Editor,
        "Ctrl-K / Ctrl-J",
        "delete to end / start of line",
    ),
    (
        Context::Editor,
        "Ctrl-W / Alt-D",
        "delete word before / after",
    ),
    (Context::Editor, "Ctrl-A / Ctrl-E", "start / end of line"),
    (Context::Editor, "Alt-< / Alt->", "top / bottom of the note"),
    (Context::Links, "1 … 9", "open the link with that number"),
    (
        Context::Search,
        "other keys",
        "type the query (← → Home End Backspace Delete edit it)",
    ),
    (
        Context::Prompt,
        "other keys",
        "type the field (← → Home End Backspace Delete edit it)",
    ),
];

/// Rows of fixed keys for `context`, as the help and the README list them: the
/// editor's own keys (one row per thing they do), then [`FIXED_KEYS`].
pub fn fixed_rows(context: Context) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    if context == Context::Editor {
        for (key, _, description) in EDITOR_OWN_KEYS {
            match rows.iter_mut().find(|(_, d)| d == description) {
                Some((keys, _)) => keys.push_str(&format!(" / {}", key.label())),
                None => rows.push((key.label(), description)),
            }
        }
    }
    rows.extend(
        FIXED_KEYS
            .iter()
            .filter(|(c, ..)| *c == context)
            .map(|(_, keys, description)| (keys.to_string(), *description)),
    );
    rows
}

/// The key bindings in use: the defaults of [`BINDINGS`], with the user's changes from
/// `config.toml`. `keys[i]` are the keys of `BINDINGS[i]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            keys: BINDINGS
                .iter()
                .map(|binding| binding.keys.to_vec())
                .collect(),
        }
    }
}

/// Contexts that are active at the same time, where one key must not mean two things
/// (the app looks keys up in these, see `App::contexts`).
const ACTIVE_TOGETHER: [&[Context]; 9] = [
    &[Context::Global, Context::Browsing, Context::Schedule],
    &[Context::Global, Context::Editor],
    &[Context::Global, Context::Browsing, Context::FollowUps],
    &[Context::Help, Context::PopUp],
    &[Context::Question, Context::PopUp],
    &[Context::Links, Context::PopUp],
    &[Context::Search, Context::PopUp],
    &[Context::Prompt, Context::PopUp],
    &[Context::Form, Context::Prompt, Context::PopUp],
];

impl Keymap {
    /// Each binding with the keys it has now.
    pub fn bindings(&self) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        BINDINGS.iter().zip(self.keys.iter().map(Vec::as_slice))
    }

    /// The action bound to `event` in the first of `contexts` that has one.
    pub fn resolve(&self, contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        contexts.iter().find_map(|context| {
            self.bindings()
                .filter(|(binding, _)| binding.context == *context)
                .find(|(_, keys)| keys.iter().any(|key| key.matches(event)))
                .map(|(binding, _)| binding.action)
        })
    }

    /// Status-line hints for the given contexts: (first key, hint word).
    pub fn hints(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        contexts
            .iter()
            .flat_map(|context| self.bindings().filter(move |(b, _)| b.context == *context))
            .filter_map(|(binding, keys)| Some((keys.first()?.label(), binding.hint?)))
            .collect()
    }

    /// The first key of `action` where `context` applies, as the help writes it.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.bindings()
            .find(|(binding, _)| binding.context == context && binding.action == action)
            .and_then(|(_, keys)| keys.first())
            .map(Key::label)
    }

    /// What `key`, given to the binding called `name`, would take the place of typing
    /// into (`notes`, `the query`, `a field`), if it would: such a binding acts while
    /// that is typed.
    pub fn typed_over(name: &str, key: &Key) -> Option<&'static str> {
        let binding = BINDINGS.iter().find(|binding| binding.name == name)?;
        binding
            .context
            .takes_from_typing(key)
            .then(|| binding.context.typed_into())
            .flatten()
    }

    /// Gives the binding called `name` (see [`Binding::name`]) these keys instead.
    pub fn rebind(&mut self, name: &str, keys: Vec<Key>) -> Result<(), String> {
        let index = BINDINGS
            .iter()
            .position(|binding| binding.name == name)
            .ok_or_else(|| {
                format!(
                    "unknown action {name:?} (`talkbook config --print-default` lists them all)"
                )
            })?;
        if keys.is_empty() {
            return Err(format!("{name} needs at least one key"));
        }
        self.keys[index] = keys;
        Ok(())
    }

    /// Two bindings that share a key where both apply: (key, first name, second name).
    pub fn clash(&self) -> Option<(Key, &'static str, &'static str)> {
        for group in ACTIVE_TOGETHER {
            let keys: Vec<(Key, &'static str)> = self
                .bindings()
                .filter(|(binding, _)| group.contains(&binding.context))
                .flat_map(|(binding, keys)| keys.iter().map(move |key| (*key, binding.name)))
                .collect();
            for (i, (key, name)) in keys.iter().enumerate() {
                if let Some((_, other)) = keys[i + 1..].iter().find(|(k, _)| k == key) {
                    return Some((*key, name, other));
                }
            }
        }
        None
    }

    /// The key table as markdown, for the README (see the test that keeps them in sync).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| Where | Keys | Action |\n|---|---|---|\n");
        let mut row = |context: Context, keys: String, description: &str| {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                context.title(),
                keys,
                description.replace('|', "\\|")
            ));
        };
        for context in Context::ALL {
            for (binding, keys) in self.bindings().filter(|(b, _)| b.context == context) {
                let keys = keys
                    .iter()
                    .map(|key| format!("`{}`", key.label()))
                    .collect::<Vec<_>>()
                    .join(" ");
                row(context, keys, binding.description);
            }
            for (keys, description) in fixed_rows(context) {
                row(context, keys, description);
            }
        }
        out
    }
}

/// `j/↓`
pub fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_match_their_capital_binding() {
        let event = key(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(
            Keymap::default().resolve(&[Context::Schedule], &event),
            Some(Action::NextSlot)
        );
        let event = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            Keymap::default().resolve(&[Context::Global], &event),
            Some(Action::FocusPrevious)
        );
    }

    #[test]
    fn control_keys_do_not_match_plain_letters() {
        let event = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            Keymap::default().resolve(&[Context::Global, Context::Schedule], &event),
            Some(Action::Save)
        );
        let event = key(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(
            Keymap::default().resolve(&[Context::Global, Context::Schedule], &event),
            Some(Action::ToggleSkipped)
        );
        assert_eq!(
            Keymap::default().resolve(&[Context::Global, Context::Editor], &event),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_contexts_that_are_active_together() {
        assert_eq!(Keymap::default().clash(), None);
    }

    #[test]
    fn every_key_reads_back_from_its_config_name() {
        for (binding, keys) in Keymap::default().bindings() {
            for key in keys {
                assert_eq!(Key::parse(&key.config_name()), Ok(*key), "{}", binding.name);
            }
        }
        assert_eq!(Key::parse("Ctrl-S"), Ok(ctrl('s')));
        assert_eq!(Key::parse("ctrl+s"), Ok(ctrl('s')));
        assert_eq!(Key::parse("PgDn"), Ok(code(KeyCode::PageDown)));
        assert_eq!(Key::parse("J"), Ok(plain('J')));
        assert_eq!(Key::parse("-"), Ok(plain('-')));
        assert_eq!(Key::parse("f5"), Ok(code(KeyCode::F(5))));
        let alt_x = Key::parse("alt-x").unwrap();
        assert_eq!(alt_x.label(), "Alt-X");
        assert!(alt_x.matches(&key(KeyCode::Char('x'), KeyModifiers::ALT)));
        for bad in ["", "ctrl-", "jj", "f13", "hyper-x"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Key::parse("jj").unwrap_err().contains("pagedown"));
    }

    #[test]
    fn rebinding_changes_what_a_key_does_and_what_the_help_says() {
        let mut keymap = Keymap::default();
        keymap.rebind("next_talk", vec![plain('t')]).unwrap();
        let t = key(KeyCode::Char('t'), KeyModifiers::NONE);
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(keymap.resolve(&[Schedule], &t), Some(Action::NextTalk));
        assert_eq!(keymap.resolve(&[Schedule], &j), None);
        assert!(
            keymap
                .markdown_table()
                .contains("| Schedule | `t` | next talk |")
        );
        assert!(
            keymap
                .rebind("next_tlak", vec![plain('t')])
                .unwrap_err()
                .contains("unknown action")
        );
        assert!(keymap.rebind("next_talk", vec![]).is_err());
    }

    #[test]
    fn a_key_given_two_meanings_is_found() {
        let mut keymap = Keymap::default();
        keymap.rebind("toggle_planned", vec![plain('a')]).unwrap();
        assert_eq!(
            keymap.clash(),
            Some((plain('a'), "toggle_attended", "toggle_planned"))
        );
        // The same key in contexts never active together is fine.
        let mut keymap = Keymap::default();
        keymap.rebind("next_follow_up", vec![plain('a')]).unwrap();
        assert_eq!(keymap.clash(), None);
    }

    #[test]
    fn labels_read_like_the_readme() {
        assert_eq!(ctrl('s').label(), "Ctrl-S");
        assert_eq!(code(KeyCode::PageDown).label(), "PgDn");
        let next_talk = BINDINGS
            .iter()
            .find(|b| b.action == Action::NextTalk)
            .unwrap();
        assert_eq!(keys_label(next_talk.keys), "j/↓");
    }

    #[test]
    fn readme_key_table_is_generated_from_the_bindings() {
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&Keymap::default().markdown_table()),
            "README.md's key table is out of date; replace it with:\n{}",
            Keymap::default().markdown_table()
        );
    }
}
