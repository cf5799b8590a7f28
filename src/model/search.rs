//! Finding text anywhere in a notebook: talk titles, speakers, rooms, tracks and every
//! line of every note. Case-insensitive; pure, so the app can run it on each keystroke
//! of the query.

use super::notebook::{NoteRef, Notebook};
use crate::text::contains_ignoring_case;

/// At most this many results: enough to scroll, bounded for huge notebooks.
pub const MAX_HITS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub note: NoteRef,
    /// The matching line of the note, or `None` when the talk's details matched.
    pub line: Option<usize>,
    /// What matched: the line, or e.g. `speaker: Ada Lovelace`.
    pub text: String,
}

fn note_lines(note: NoteRef, text: &str, needle: &str, hits: &mut Vec<Hit>, limit: usize) {
    for (line, content) in text.lines().enumerate() {
        if hits.len() >= limit {
            return;
        }
        if contains_ignoring_case(content, needle) {
            hits.push(Hit {
                note: note.clone(),
                line: Some(line),
                text: content.trim().to_string(),
            });
        }
    }
}

/// Every place `query` occurs, in notebook order, up to [`MAX_HITS`]; empty for an
/// empty query.
pub fn find(notebook: &Notebook, query: &str) -> Vec<Hit> {
    find_at_most(notebook, query, MAX_HITS)
}

/// Like [`find`], with at most `limit` results.
pub fn find_at_most(notebook: &Notebook, query: &str, limit: usize) -> Vec<Hit> {
    let needle = query.trim().to_lowercase();
    let mut hits = Vec::new();
    if needle.is_empty() {
        return hits;
    }
    for day in &notebook.days {
        note_lines(
            NoteRef::Day(day.date),
            &day.notes,
            &needle,
            &mut hits,
            limit,
        );
        for talk in &day.talks {
            let note = NoteRef::Talk(talk.id.clone());
            let fields = [
                ("title", talk.title.clone()),
                ("speaker", talk.speakers_joined()),
                ("room", talk.room.clone()),
                ("track", talk.track.clone()),
            ];
            if let Some((field, value)) = fields
                .iter()
                .find(|(_, value)| contains_ignoring_case(value, &needle))
            {
                hits.push(Hit {
                    note: note.clone(),
                    line: None,
                    text: format!("{field}: {value}"),
                });
            }
            note_lines(note, &talk.notes, &needle, &mut hits, limit);
            if hits.len() >= limit {
                hits.truncate(limit);
                return hits;
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::demo_notebook;

    #[test]
    fn finds_details_and_note_lines_case_insensitively() {
        let mut notebook = demo_notebook();
        notebook.days[0].talks[1].notes = "unittest.skip\nAutoSpec is good".into();
        notebook.days[0].notes = "tip: search for PRODUCTIVITY".into();
        let hits = find(&notebook, "autospec");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].line, Some(1));
        assert_eq!(hits[0].text, "AutoSpec is good");
        let hits = find(&notebook, "charlie marsh");
        assert_eq!(hits[0].text, "speaker: Charlie Marsh");
        assert_eq!(hits[0].line, None);
        assert_eq!(
            find(&notebook, "productivity")[0].note,
            NoteRef::Day(notebook.days[0].date)
        );
        assert!(find(&notebook, "  ").is_empty());
        assert!(find(&notebook, "nowhere at all").is_empty());
    }

    #[test]
    fn non_ascii_text_matches_too_and_results_are_bounded() {
        let mut notebook = demo_notebook();
        notebook.days[0].talks[0].notes = "Über Straße\n".repeat(500);
        assert_eq!(find(&notebook, "über").len(), MAX_HITS);
        assert_eq!(
            find(&notebook, "STRASSE").len(),
            0,
            "no Unicode folding beyond lowercase"
        );
        assert_eq!(find(&notebook, "straße").len(), MAX_HITS);
    }
}
