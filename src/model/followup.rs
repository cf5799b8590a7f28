//! Follow-ups: the "look this up later" lines in notes.
//!
//! A line is a follow-up when it is a markdown task (`- [ ] text`, `- [x] text`, with `-`,
//! `*` or `+` as bullet, any indent) or starts with `TODO` (done: `DONE`). The notes stay
//! the single source of truth: follow-ups are derived from them, and toggling one edits
//! its line.

use super::notebook::{NoteRef, Notebook};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub note: NoteRef,
    /// Zero-based line number in the note.
    pub line: usize,
    pub text: String,
    pub done: bool,
}

/// How a line marks a follow-up, with the byte ranges needed to rewrite it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `- [ ] ` : `box_at` is the byte offset of the character inside the brackets.
    Task { box_at: usize, body_at: usize },
    /// `TODO ` / `DONE ` : `word_at` is where the word starts.
    Word { word_at: usize, body_at: usize },
}

fn marker(line: &str) -> Option<(Marker, bool)> {
    let rest = line.trim_start();
    let indent = line.len() - rest.len();
    let mut chars = rest.chars();
    if let (Some('-' | '*' | '+'), Some(' '), Some('['), Some(mark), Some(']')) = (
        chars.next(),
        chars.next(),
        chars.next(),
        chars.next(),
        chars.next(),
    ) {
        let done = match mark {
            ' ' => false,
            'x' | 'X' => true,
            _ => return None,
        };
        // The five characters matched are ASCII: five bytes.
        let after = rest.get(5..)?;
        if !(after.is_empty() || after.starts_with(' ')) {
            return None;
        }
        let body_at = indent + 5 + (after.len() - after.trim_start().len());
        return Some((
            Marker::Task {
                box_at: indent + 3,
                body_at,
            },
            done,
        ));
    }
    for (word, done) in [("TODO", false), ("DONE", true)] {
        if let Some(after) = rest.strip_prefix(word) {
            let boundary = after
                .chars()
                .next()
                .is_none_or(|c| c == ':' || c == '-' || c.is_whitespace());
            if boundary {
                let body = after.trim_start_matches([':', '-', ' ', '\t']);
                let body_at = line.len() - body.len();
                return Some((
                    Marker::Word {
                        word_at: indent,
                        body_at,
                    },
                    done,
                ));
            }
        }
    }
    None
}

/// The follow-up on `line`, if it is one: (text, done). Empty tasks are not follow-ups.
pub fn parse_line(line: &str) -> Option<(&str, bool)> {
    let (marker, done) = marker(line)?;
    let body_at = match marker {
        Marker::Task { body_at, .. } | Marker::Word { body_at, .. } => body_at,
    };
    let text = line.get(body_at..)?.trim_end();
    (!text.is_empty()).then_some((text, done))
}

/// The line with its follow-up marked done or open again; `None` if it is no follow-up.
pub fn toggle_done(line: &str) -> Option<String> {
    let (marker, done) = marker(line)?;
    Some(match marker {
        Marker::Task { box_at, .. } => {
            let mark = if done { " " } else { "x" };
            format!("{}{mark}{}", line.get(..box_at)?, line.get(box_at + 1..)?)
        }
        Marker::Word { word_at, .. } => {
            let word = if done { "TODO" } else { "DONE" };
            format!("{}{word}{}", line.get(..word_at)?, line.get(word_at + 4..)?)
        }
    })
}

/// Makes a line a follow-up (`- [ ] `) or, if it is one, turns it back into plain text.
/// Returns the new line and how many characters were added (negative: removed) before
/// the text, so an editor can keep its cursor on the same character.
pub fn toggle_task_prefix(line: &str) -> (String, isize) {
    let rest = line.trim_start();
    let head = line.strip_suffix(rest).unwrap_or_default();
    match marker(line) {
        Some((marker, _)) => {
            let (Marker::Task { body_at, .. } | Marker::Word { body_at, .. }) = marker;
            // Marker offsets come from ASCII characters: always character boundaries.
            let Some((marked, text)) = line.split_at_checked(body_at) else {
                return (line.to_string(), 0);
            };
            let removed = marked.chars().count() as isize - head.chars().count() as isize;
            match marker {
                Marker::Task { .. } => (format!("{head}{text}"), -removed),
                Marker::Word { .. } => (format!("{head}- [ ] {text}"), 6 - removed),
            }
        }
        None => {
            // A plain bullet becomes a task in place: "- look up" -> "- [ ] look up".
            match rest
                .strip_prefix("- ")
                .map(|text| ("- ", text))
                .or_else(|| rest.strip_prefix("* ").map(|text| ("* ", text)))
            {
                Some((bullet, text)) => (format!("{head}{bullet}[ ] {text}"), 4),
                None => (format!("{head}- [ ] {rest}"), 6),
            }
        }
    }
}

/// Every follow-up in the notebook, day by day: the day's notes first, then its talks in
/// schedule order.
pub fn collect(notebook: &Notebook) -> Vec<FollowUp> {
    let mut found = Vec::new();
    for day in &notebook.days {
        collect_from(&NoteRef::Day(day.date), &day.notes, &mut found);
        for talk in &day.talks {
            collect_from(&NoteRef::Talk(talk.id.clone()), &talk.notes, &mut found);
        }
    }
    found
}

/// The follow-ups of one note (for updating after an edit without rescanning the rest).
pub fn collect_note(note: &NoteRef, text: &str) -> Vec<FollowUp> {
    let mut found = Vec::new();
    collect_from(note, text, &mut found);
    found
}

fn collect_from(note: &NoteRef, text: &str, found: &mut Vec<FollowUp>) {
    for (line_number, line) in text.lines().enumerate() {
        if let Some((body, done)) = parse_line(line) {
            found.push(FollowUp {
                note: note.clone(),
                line: line_number,
                text: body.to_string(),
                done,
            });
        }
    }
}

/// Toggles the follow-up at `line` of `note` in the notebook. Returns false (and changes
/// nothing) if that line is not a follow-up any more.
pub fn toggle_in_notebook(notebook: &mut Notebook, note: &NoteRef, line: usize) -> bool {
    let Some(text) = notebook.notes_mut(note) else {
        return false;
    };
    let mut lines: Vec<&str> = text.split('\n').collect();
    let Some(new_line) = lines.get(line).and_then(|old| toggle_done(old)) else {
        return false;
    };
    lines[line] = &new_line;
    let updated = lines.join("\n");
    *text = updated;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tasks_and_todo_lines() {
        assert_eq!(
            parse_line("- [ ] look up safemigrate"),
            Some(("look up safemigrate", false))
        );
        assert_eq!(parse_line("  * [x] read docs  "), Some(("read docs", true)));
        assert_eq!(parse_line("+ [X] done too"), Some(("done too", true)));
        assert_eq!(
            parse_line("TODO: research mocks"),
            Some(("research mocks", false))
        );
        assert_eq!(
            parse_line("TODO research mocks"),
            Some(("research mocks", false))
        );
        assert_eq!(
            parse_line("DONE - research mocks"),
            Some(("research mocks", true))
        );
    }

    #[test]
    fn ignores_lines_that_only_look_similar() {
        for line in [
            "",
            "- plain bullet",
            "- [ ]",
            "- [?] unknown box",
            "-[ ] no space",
            "- [ ]no space after",
            "TODOS are great",
            "todo lower case is prose",
            "a TODO in the middle",
        ] {
            assert_eq!(parse_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn toggling_done_edits_only_the_mark() {
        assert_eq!(toggle_done("  - [ ] a").as_deref(), Some("  - [x] a"));
        assert_eq!(toggle_done("- [X] a").as_deref(), Some("- [ ] a"));
        assert_eq!(toggle_done("TODO: a").as_deref(), Some("DONE: a"));
        assert_eq!(toggle_done("DONE: a").as_deref(), Some("TODO: a"));
        assert_eq!(toggle_done("plain"), None);
    }

    #[test]
    fn task_prefix_toggles_on_and_off_keeping_indent() {
        assert_eq!(
            toggle_task_prefix("look it up"),
            ("- [ ] look it up".into(), 6)
        );
        assert_eq!(
            toggle_task_prefix("- [ ] look it up"),
            ("look it up".into(), -6)
        );
        assert_eq!(toggle_task_prefix("  - [x] done"), ("  done".into(), -6));
        assert_eq!(toggle_task_prefix("- bullet"), ("- [ ] bullet".into(), 4));
        assert_eq!(toggle_task_prefix("TODO: x"), ("- [ ] x".into(), 0));
        assert_eq!(toggle_task_prefix(""), ("- [ ] ".into(), 6));
    }

    #[test]
    fn toggling_in_the_notebook_rewrites_that_line_only() {
        let mut notebook = Notebook::new("Conf", "");
        let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 18).unwrap();
        notebook.ensure_day(date);
        let note = NoteRef::Day(date);
        *notebook.notes_mut(&note).unwrap() = "intro\n- [ ] a\nTODO b\n".into();
        let found = collect(&notebook);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[1].line), (1, 2));
        assert!(toggle_in_notebook(&mut notebook, &note, 2));
        assert_eq!(notebook.notes(&note), Some("intro\n- [ ] a\nDONE b\n"));
        assert!(!toggle_in_notebook(&mut notebook, &note, 0));
        assert!(!toggle_in_notebook(&mut notebook, &note, 99));
        assert_eq!(notebook.notes(&note), Some("intro\n- [ ] a\nDONE b\n"));
    }
}
