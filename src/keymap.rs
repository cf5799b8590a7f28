//! Key bindings as data. The app resolves keys through this table, and the help overlay,
//! the status-line hints and the README key table are all generated from it, so they
//! cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Action;

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
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", name.to_uppercase())
        } else {
            name
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// A word or two for the status line; `None` keeps the binding out of the hints.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
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
        Global,
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        "focus the next pane",
        Some("focus"),
    ),
    bind(
        Global,
        &[code(KeyCode::BackTab)],
        Action::FocusPrevious,
        "focus the previous pane",
        None,
    ),
    bind(Global, &[ctrl('s')], Action::Save, "save now", None),
    bind(Global, &[ctrl('q')], Action::Quit, "save and quit", None),
    bind(
        Browsing,
        &[plain('?')],
        Action::ToggleHelp,
        "show or hide this help",
        Some("help"),
    ),
    bind(
        Browsing,
        &[plain('/')],
        Action::Search,
        "search titles, speakers, rooms, tracks and notes",
        Some("search"),
    ),
    bind(
        Browsing,
        &[plain('q'), ctrl('c')],
        Action::Quit,
        "save and quit",
        Some("quit"),
    ),
    bind(
        Schedule,
        &[plain('j'), code(KeyCode::Down)],
        Action::NextTalk,
        "next talk",
        None,
    ),
    bind(
        Schedule,
        &[plain('k'), code(KeyCode::Up)],
        Action::PreviousTalk,
        "previous talk",
        None,
    ),
    bind(
        Schedule,
        &[plain('J'), code(KeyCode::PageDown)],
        Action::NextSlot,
        "next time slot",
        Some("slot"),
    ),
    bind(
        Schedule,
        &[plain('K'), code(KeyCode::PageUp)],
        Action::PreviousSlot,
        "previous time slot",
        None,
    ),
    bind(
        Schedule,
        &[plain('h'), code(KeyCode::Left)],
        Action::PreviousDay,
        "previous day",
        None,
    ),
    bind(
        Schedule,
        &[plain('l'), code(KeyCode::Right)],
        Action::NextDay,
        "next day",
        Some("day"),
    ),
    bind(
        Schedule,
        &[plain('g'), code(KeyCode::Home)],
        Action::First,
        "first entry (day notes)",
        None,
    ),
    bind(
        Schedule,
        &[plain('G'), code(KeyCode::End)],
        Action::Last,
        "last talk",
        None,
    ),
    bind(
        Schedule,
        &[code(KeyCode::Enter), plain('i')],
        Action::EditNotes,
        "write notes for the selected talk",
        Some("write"),
    ),
    bind(
        Schedule,
        &[plain('a')],
        Action::ToggleAttended,
        "mark attended (again: unmark)",
        Some("attended"),
    ),
    bind(
        Schedule,
        &[plain('s')],
        Action::ToggleSkipped,
        "mark skipped (again: unmark)",
        Some("skipped"),
    ),
    bind(
        Schedule,
        &[plain('p')],
        Action::TogglePlanned,
        "mark planned, to go to (again: unmark)",
        None,
    ),
    bind(
        Schedule,
        &[plain('f')],
        Action::CycleFilter,
        "show: all talks / planned and attended / all but skipped",
        Some("filter"),
    ),
    bind(
        Schedule,
        &[plain('o')],
        Action::AddTalk,
        "add a talk",
        Some("add"),
    ),
    bind(
        Schedule,
        &[plain('e')],
        Action::EditTalk,
        "edit the talk's details",
        None,
    ),
    bind(
        Schedule,
        &[plain('d')],
        Action::DeleteTalk,
        "delete the talk (asks first)",
        None,
    ),
    bind(
        Schedule,
        &[plain('n')],
        Action::JumpToNow,
        "jump to the talk running now (or the next one)",
        Some("now"),
    ),
    bind(
        Schedule,
        &[plain('I')],
        Action::ImportSchedule,
        "import a schedule into this notebook (file or URL)",
        None,
    ),
    bind(
        Editor,
        &[code(KeyCode::Esc)],
        Action::LeaveEditor,
        "back to the schedule",
        Some("schedule"),
    ),
    bind(
        Editor,
        &[ctrl('t')],
        Action::ToggleTask,
        "make the line a follow-up (- [ ] ) or plain again",
        Some("follow-up"),
    ),
    bind(
        Editor,
        &[ctrl('l')],
        Action::InsertClockStamp,
        "insert the time, [11:23]",
        Some("time"),
    ),
    bind(
        Editor,
        &[ctrl('o')],
        Action::InsertOffsetStamp,
        "insert the time since the talk began, [+12:34]",
        None,
    ),
    bind(
        FollowUps,
        &[plain('j'), code(KeyCode::Down)],
        Action::NextFollowUp,
        "next follow-up",
        None,
    ),
    bind(
        FollowUps,
        &[plain('k'), code(KeyCode::Up)],
        Action::PreviousFollowUp,
        "previous follow-up",
        None,
    ),
    bind(
        FollowUps,
        &[plain('x'), plain(' ')],
        Action::ToggleFollowUpDone,
        "mark done / open (edits the note)",
        Some("done"),
    ),
    bind(
        FollowUps,
        &[code(KeyCode::Enter)],
        Action::JumpToFollowUp,
        "go to the line in its talk's notes",
        Some("go to"),
    ),
    bind(
        FollowUps,
        &[plain('H')],
        Action::ToggleShowDone,
        "hide or show done follow-ups",
        Some("hide done"),
    ),
];

/// Text-editing keys handled by ratatui-textarea itself, listed in the help.
pub const EDITOR_KEYS: &[(&str, &str)] = &[
    ("Ctrl-U / Ctrl-R", "undo / redo"),
    ("Ctrl-C / Ctrl-X / Ctrl-Y", "copy / cut / paste"),
    ("Ctrl-K / Ctrl-J", "delete to end / start of line"),
    ("Ctrl-W / Alt-D", "delete word before / after"),
    ("Ctrl-A / Ctrl-E", "start / end of line"),
    ("Alt-< / Alt->", "top / bottom of the note"),
];

/// The action bound to `event` in the first of `contexts` that has one.
pub fn resolve(contexts: &[Context], event: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|binding| binding.context == *context)
            .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
            .map(|binding| binding.action)
    })
}

/// `j/↓`
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join("/")
}

/// Status-line hints for the given contexts: (first key, hint word).
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    contexts
        .iter()
        .flat_map(|context| BINDINGS.iter().filter(move |b| b.context == *context))
        .filter_map(|binding| Some((binding.keys[0].label(), binding.hint?)))
        .collect()
}

/// The key table as markdown, for the README (see the test that keeps them in sync).
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Keys | Action |\n|---|---|---|\n");
    for binding in BINDINGS {
        let keys = binding
            .keys
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
            resolve(&[Context::Schedule], &event),
            Some(Action::NextSlot)
        );
        let event = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            resolve(&[Context::Global], &event),
            Some(Action::FocusPrevious)
        );
    }

    #[test]
    fn control_keys_do_not_match_plain_letters() {
        let event = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            resolve(&[Context::Global, Context::Schedule], &event),
            Some(Action::Save)
        );
        let event = key(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(
            resolve(&[Context::Global, Context::Schedule], &event),
            Some(Action::ToggleSkipped)
        );
        assert_eq!(resolve(&[Context::Global, Context::Editor], &event), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_contexts_that_are_active_together() {
        let groups: [&[Context]; 3] = [
            &[Global, Browsing, Schedule],
            &[Global, Editor],
            &[Global, Browsing, FollowUps],
        ];
        for group in groups {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| group.contains(&b.context))
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{} bound twice", a.label());
            }
        }
    }

    #[test]
    fn labels_read_like_the_readme() {
        assert_eq!(ctrl('s').label(), "Ctrl-S");
        assert_eq!(code(KeyCode::PageDown).label(), "PgDn");
        let next_talk = BINDINGS
            .iter()
            .find(|b| b.action == Action::NextTalk)
            .unwrap();
        assert_eq!(keys_label(next_talk), "j/↓");
    }

    #[test]
    fn readme_key_table_is_generated_from_the_bindings() {
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README.md's key table is out of date; replace it with:\n{}",
            markdown_table()
        );
    }
}
