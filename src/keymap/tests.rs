//! The key table: matching, names, clashes, rebinding, and the README's copy.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::key::{code, ctrl, plain};
use super::*;
use Context::Schedule;

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
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&Keymap::default().markdown_table()),
        "README.md's key table is out of date; replace it with:\n{}",
        Keymap::default().markdown_table()
    );
}
