//! Key bindings as data. The app resolves keys through this table, and the help overlay,
//! the status-line hints and the README key table are all generated from it, so they
//! cannot disagree.

mod bindings;
mod key;

pub use bindings::{
    BINDINGS, Binding, EDITOR_OWN_KEYS, EditorKey, FIXED_KEYS, editor_key, fixed_rows,
};
pub use key::Key;

use crossterm::event::KeyEvent;

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
mod tests;
