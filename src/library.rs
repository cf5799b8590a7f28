//! Every notebook in the data directory at once, for the years after the conferences:
//! search across all of them, and the follow-ups still open in each.

use chrono::NaiveDateTime;

use crate::model::search::find_at_most;
use crate::model::{FollowUp, NoteRef, Notebook, followup};
use crate::store::{self, Store, StoreError};

/// One place a search matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryHit {
    /// The notebook's name in the data directory.
    pub notebook: String,
    /// When: the talk's start, or the day (at midnight) for day notes.
    pub when: NaiveDateTime,
    /// Whose notes: the talk's title, or "Day notes".
    pub title: String,
    /// The talk is a day's notes (no time to show).
    pub day_notes: bool,
    /// The matching line, or e.g. `speaker: Ada Lovelace`.
    pub text: String,
}

/// A notebook that could not be read, and why: said, never fatal to the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub notebook: String,
    pub reason: String,
}

/// Whether the file's text may hold `needle` (lowercase) at all: reading JSON is most
/// of a search, so notebooks that cannot match are not parsed. Escapes in JSON strings
/// (`\n`, `\"`, `\\`) could hide a match of a needle with those characters: such a
/// needle always reads the notebook.
fn may_contain(raw: &str, needle: &str) -> bool {
    if needle.contains(['"', '\\']) || needle.chars().any(char::is_control) {
        return true;
    }
    crate::text::contains_ignoring_case(raw, needle)
}

/// Every place `query` occurs in the notebooks of `store`, case-insensitively: titles,
/// speakers, rooms, tracks and note lines, in notebook-name order, then in each
/// notebook's order. Notebooks that cannot be read are listed apart.
pub fn search(
    store: &Store,
    query: &str,
) -> Result<(Vec<LibraryHit>, Vec<Unreadable>), StoreError> {
    let needle = query.trim().to_lowercase();
    let mut hits = Vec::new();
    let mut unreadable = Vec::new();
    if needle.is_empty() {
        return Ok((hits, unreadable));
    }
    // Reading and parsing is the work: spread over the cores, results in name order.
    let names = store.names()?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = names.len().div_ceil(threads).max(1);
    let found: Vec<Vec<Result<Vec<LibraryHit>, Unreadable>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = names
            .chunks(chunk)
            .map(|names| {
                let needle = &needle;
                scope.spawn(move || {
                    names
                        .iter()
                        .map(|name| search_one(store, name, needle))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    for result in found.into_iter().flatten() {
        match result {
            Ok(found) => hits.extend(found),
            Err(why) => unreadable.push(why),
        }
    }
    Ok((hits, unreadable))
}

/// The hits in notebook `name`, or why it could not be read.
fn search_one(store: &Store, name: &str, needle: &str) -> Result<Vec<LibraryHit>, Unreadable> {
    let path = store.file_of(name);
    let unreadable = |reason: String| Unreadable {
        notebook: name.to_string(),
        reason,
    };
    let raw = store::read_notebook_text(&path).map_err(|error| unreadable(error.to_string()))?;
    if !may_contain(&raw, needle) {
        return Ok(Vec::new());
    }
    let notebook = store::parse(&path, &raw).map_err(|error| unreadable(error.to_string()))?;
    Ok(hits_in(name, &notebook, needle))
}

fn hits_in(name: &str, notebook: &Notebook, needle: &str) -> Vec<LibraryHit> {
    find_at_most(notebook, needle, usize::MAX)
        .into_iter()
        .filter_map(|hit| {
            let (when, title, day_notes) = match &hit.note {
                NoteRef::Day(date) => (
                    date.and_time(chrono::NaiveTime::MIN),
                    "Day notes".to_string(),
                    true,
                ),
                NoteRef::Talk(id) => {
                    let talk = notebook.talk(id)?;
                    (talk.start, talk.title.clone(), false)
                }
            };
            Some(LibraryHit {
                notebook: name.to_string(),
                when,
                title,
                day_notes,
                text: hit.text,
            })
        })
        .collect()
}

/// A notebook's open follow-ups: its name, the notebook (to say where each came from),
/// and the follow-ups.
pub type OpenFollowUps = (String, Notebook, Vec<FollowUp>);

/// The open follow-ups of every notebook that has any, by notebook name.
pub fn open_follow_ups(store: &Store) -> Result<(Vec<OpenFollowUps>, Vec<Unreadable>), StoreError> {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for name in store.names()? {
        match store::load(&store.file_of(&name)) {
            Ok(notebook) => {
                let open: Vec<FollowUp> = followup::collect(&notebook)
                    .into_iter()
                    .filter(|item| !item.done)
                    .collect();
                if !open.is_empty() {
                    found.push((name, notebook, open));
                }
            }
            Err(error) => unreadable.push(Unreadable {
                notebook: name,
                reason: error.to_string(),
            }),
        }
    }
    Ok((found, unreadable))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::demo_notebook;

    #[test]
    fn search_finds_in_every_notebook_and_skips_those_that_cannot_match() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut first = demo_notebook();
        first.days[0].talks[1].notes = "autospec is good\nunittest.mock".into();
        store.create("pycon", &first).unwrap();
        let mut second = demo_notebook();
        second.title = "Another year".into();
        second.days[0].notes = "AutoSpec again, in the hallway".into();
        store.create("pycon-2025", &second).unwrap();
        store
            .create("empty", &Notebook::new("Nothing", ""))
            .unwrap();
        std::fs::write(store.notebooks_dir().join("broken.json"), "{ not json").unwrap();
        let (hits, unreadable) = search(&store, "AUTOSPEC").unwrap();
        let found: Vec<(&str, bool, &str)> = hits
            .iter()
            .map(|h| (h.notebook.as_str(), h.day_notes, h.text.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("pycon", false, "autospec is good"),
                ("pycon-2025", true, "AutoSpec again, in the hallway"),
            ]
        );
        assert_eq!(hits[0].title, first.days[0].talks[1].title);
        assert!(
            unreadable.is_empty(),
            "cannot match, so never parsed: {unreadable:?}"
        );
        let (_, unreadable) = search(&store, "not").unwrap();
        assert_eq!(unreadable.len(), 1, "a broken file that may match is said");
        assert!(search(&store, "  ").unwrap().0.is_empty());
        // A needle with a quote or a line break reads every notebook.
        assert!(may_contain("{\"notes\": \"a\\\"b\"}", "a\"b"));
        assert!(!may_contain("{\"notes\": \"ab\"}", "xyz"));
    }
}
