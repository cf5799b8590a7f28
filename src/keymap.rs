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
}

impl Context {
    /// Whether keys of this context are looked at while notes are being typed.
    pub fn acts_while_typing(self) -> bool {
        matches!(self, Context::Global | Context::Editor)
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Browsing => "When not typing",
            Context::Schedule => "Schedule",
            Context::Editor => "Editor",
            Context::FollowUps => "Follow-ups",
        }
    }
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

use Context::{Browsing, Editor, FollowUps, Global, Schedule};

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
];

/// Text-editing keys handled by ratatui-textarea itself, listed in the help.
pub const EDITOR_KEYS: &[(&str, &str)] = &[
    (
        "Ctrl-U / Ctrl-R",
        "undo / redo, a word (or a pause) at a time",
    ),
    ("↑ ↓ / PgUp PgDn", "up / down a row or a page of the pane"),
    ("Ctrl-C / Ctrl-X / Ctrl-Y", "copy / cut / paste"),
    ("Ctrl-K / Ctrl-J", "delete to end / start of line"),
    ("Ctrl-W / Alt-D", "delete word before / after"),
    ("Ctrl-A / Ctrl-E", "start / end of line"),
    ("Alt-< / Alt->", "top / bottom of the note"),
];

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

/// Contexts that are active at the same time, where one key must not mean two things.
const ACTIVE_TOGETHER: [&[Context]; 3] = [
    &[Context::Global, Context::Browsing, Context::Schedule],
    &[Context::Global, Context::Editor],
    &[Context::Global, Context::Browsing, Context::FollowUps],
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

    /// Gives the binding called `name` (see [`Binding::name`]) these keys instead.
    /// Whether the action named `name` is reached while notes are being typed (its
    /// keys must then not be keys that type text).
    pub fn acts_while_typing(name: &str) -> bool {
        BINDINGS
            .iter()
            .any(|binding| binding.name == name && binding.context.acts_while_typing())
    }

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
        for (binding, keys) in self.bindings() {
            let keys = keys
                .iter()
                .map(|key| format!("`{}`", key.label()))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                binding.context.title(),
                keys,
                binding.description.replace('|', "\\|")
            ));
        }
        for (keys, description) in EDITOR_KEYS {
            out.push_str(&format!("| Editor | {keys} | {description} |\n"));
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
