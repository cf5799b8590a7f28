//! A key: what a terminal sends for it, how the help writes it (`Ctrl-S`, `PgDn`) and
//! how `config.toml` names it (`ctrl-s`, `pagedown`).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

pub(super) const fn plain(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub(super) const fn alt(c: char) -> Key {
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
