//! The table: every binding with its context, default keys, action and description;
//! the editor's own fixed keys; and the other fixed keys the help lists.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Context;
use super::key::{Key, alt, code, ctrl, plain};
use crate::action::Action;

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
        "rate",
        Schedule,
        &[plain('r')],
        Action::Rate,
        "rate the talk: one more star, up to ★★★ (a fourth press clears)",
        None,
    ),
    bind(
        "cycle_filter",
        Schedule,
        &[plain('f')],
        Action::CycleFilter,
        "show: all talks / planned and attended / all but skipped / missed, to watch later",
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
        "show_team",
        Schedule,
        &[plain('T')],
        Action::ShowTeam,
        "teammates' notes on the talk, and who of them attended (after talkbook sync)",
        None,
    ),
    bind(
        "sync_now",
        Schedule,
        &[plain('S')],
        Action::SyncNow,
        "save, then sync with the remote (talkbook sync; the screen waits for it)",
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
        "talk_began",
        Editor,
        &[ctrl('b')],
        Action::TalkBegan,
        "the talk began now: Ctrl-O counts from this moment",
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
