//! Markdown export of a notebook.
//!
//! Layout: `# Title`, a `## Day` section per day (its day notes first, then one
//! `### 11:00–11:30 · Title — Speakers (Room) · attended` heading per talk followed by the
//! notes verbatim), and a final `## Follow-ups` task list.

pub mod html;
pub mod ics;
pub mod recording;
pub mod report;
mod split;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::model::labels::{LINKS_PREFIX, label, talk_title_line};
use crate::model::{ClockFormat, Day, FollowUp, NoteRef, Notebook, Talk, TalkState, followup};
use crate::text::{clean_line, clean_text};
pub use split::{INDEX_FILE, SplitFile, to_split_markdown};

#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    /// Only talks marked attended (day notes are always kept).
    pub attended_only: bool,
    /// How times are written.
    pub clock: ClockFormat,
}

/// Whether a talk belongs in the export: it has a state or notes (and, with
/// `attended_only`, is attended).
fn is_exported(talk: &Talk, options: ExportOptions) -> bool {
    if options.attended_only {
        return talk.state == TalkState::Attended;
    }
    talk.state != TalkState::Unmarked || !talk.notes.trim().is_empty() || !talk.rating.is_none()
}

/// `11:00–11:30 · Title — Speakers (Room) · attended · ★★★`
pub fn talk_heading(talk: &Talk, clock: ClockFormat) -> String {
    let mut heading = format!("{} · {}", talk.time_range_in(clock), talk_title_line(talk));
    if talk.state != TalkState::Unmarked {
        write!(heading, " · {}", talk.state.word()).unwrap();
    }
    if !talk.rating.is_none() {
        write!(heading, " · {}", talk.rating.symbols()).unwrap();
    }
    if talk.removed {
        heading.push_str(" · removed from schedule");
    }
    heading
}

/// Every talk of a notebook by its id: many follow-ups are labelled with their talks
/// without a search of the notebook for each (5,000 of them in a 5,000-talk notebook
/// took seconds).
pub struct TalksById<'a>(HashMap<&'a str, &'a Talk>);

impl<'a> TalksById<'a> {
    pub fn of(notebook: &'a Notebook) -> Self {
        TalksById(
            notebook
                .days
                .iter()
                .flat_map(|day| &day.talks)
                .map(|talk| (talk.id.as_str(), talk))
                .collect(),
        )
    }
}

/// `- [ ] read the blog post — Ruff (12:30)`: a follow-up as a markdown task.
pub fn follow_up_task(talks: &TalksById, item: &FollowUp, clock: ClockFormat) -> String {
    let mark = if item.done { 'x' } else { ' ' };
    let talk = match &item.note {
        NoteRef::Talk(id) => talks.0.get(id.as_str()).copied(),
        NoteRef::Day(_) => None,
    };
    let source = label(&item.note, talk, clock);
    format!("- [{mark}] {} — {source}", clean_line(&item.text))
}

pub fn push_notes(out: &mut String, notes: &str) {
    let notes = clean_text(notes);
    let notes = notes.trim_matches('\n').trim_end();
    if !notes.is_empty() {
        out.push_str(notes);
        out.push_str("\n\n");
    }
}

/// The days that have something to export, each with its exported talks.
pub(crate) fn exported_days(
    notebook: &Notebook,
    options: ExportOptions,
) -> impl Iterator<Item = (&Day, Vec<&Talk>)> {
    notebook.days.iter().filter_map(move |day| {
        let talks: Vec<&Talk> = day
            .talks
            .iter()
            .filter(|talk| is_exported(talk, options))
            .collect();
        (!talks.is_empty() || !day.notes.trim().is_empty()).then_some((day, talks))
    })
}

pub fn to_markdown(notebook: &Notebook, options: ExportOptions) -> String {
    let mut out = String::new();
    writeln!(out, "# {}\n", clean_line(&notebook.title)).unwrap();
    let mut exported_notes = Vec::new();
    for (day, talks) in exported_days(notebook, options) {
        writeln!(out, "## {}\n", day.heading()).unwrap();
        push_notes(&mut out, &day.notes);
        exported_notes.push(NoteRef::Day(day.date));
        for talk in talks {
            writeln!(out, "### {}\n", talk_heading(talk, options.clock)).unwrap();
            if !talk.recording.trim().is_empty() {
                writeln!(out, "Recording: <{}>\n", clean_line(talk.recording.trim())).unwrap();
            }
            if let Some(line) = links_line(talk) {
                writeln!(out, "{line}\n").unwrap();
            }
            push_notes(&mut out, &recording::link_stamps_of(talk));
            exported_notes.push(NoteRef::Talk(talk.id.clone()));
        }
    }
    let exported_notes: HashSet<NoteRef> = exported_notes.into_iter().collect();
    let follow_ups: Vec<_> = followup::collect(notebook)
        .into_iter()
        .filter(|f| exported_notes.contains(&f.note))
        .collect();
    if !follow_ups.is_empty() {
        out.push_str("## Follow-ups\n\n");
        let talks = TalksById::of(notebook);
        for item in &follow_ups {
            writeln!(out, "{}", follow_up_task(&talks, item, options.clock)).unwrap();
        }
        out.push('\n');
    }
    with_one_final_newline(out)
}

/// `Links: [Page](https://…) · [Slides](https://…)`: the talk's page and the schedule's
/// links, under its heading (the recording has a line of its own).
pub fn links_line(talk: &Talk) -> Option<String> {
    let links: Vec<String> = talk
        .all_links()
        .into_iter()
        .filter(|link| link.url != talk.recording.trim())
        .map(|link| {
            let title = clean_line(link.label()).replace(['[', ']'], "");
            let url = clean_line(&link.url).into_owned();
            if url.contains([' ', '(', ')', '<', '>']) {
                format!("[{title}](<{}>)", url.replace(['<', '>'], ""))
            } else {
                format!("[{title}]({url})")
            }
        })
        .collect();
    (!links.is_empty()).then(|| format!("{LINKS_PREFIX}{}", links.join(" · ")))
}

/// Exactly one newline at the end of a document.
pub(crate) fn with_one_final_newline(mut out: String) -> String {
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TalkDetails;
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(time: &str) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 5, 18)
            .unwrap()
            .and_time(crate::model::parse_time_of_day(time).unwrap())
    }

    /// A day with attended, skipped, plain and untouched talks, day notes and follow-ups.
    pub(super) fn sample() -> Notebook {
        let mut notebook = Notebook::new("PyCon US 2024", "America/New_York");
        let talk = |start, end, title: &str, speakers: &[&str], room: &str| TalkDetails {
            start: at(start),
            end: at(end),
            title: title.into(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            room: room.into(),
            recording: String::new(),
            lead_in: 0,
        };
        let ruff = notebook.add_talk(talk("12:30", "13:00", "Ruff", &["Charlie Marsh"], "Hall A"));
        let monsters = notebook.add_talk(talk("15:30", "16:00", "Monsters", &[], ""));
        notebook.add_talk(talk("16:30", "17:00", "Untouched", &["Nobody"], ""));
        let flask = notebook.add_talk(talk("11:45", "12:15", "Flask", &["Adam Englander"], ""));
        let t = notebook.talk_mut(&ruff).unwrap();
        t.state = TalkState::Attended;
        t.notes = "fast\n- [ ] read the blog post\n\n".into();
        notebook.talk_mut(&monsters).unwrap().state = TalkState::Skipped;
        notebook.talk_mut(&flask).unwrap().notes = "Quart\nDONE: try Quart".into();
        notebook.days[0].notes = "tip from the vendor area".into();
        notebook
    }

    #[test]
    fn exports_days_talk_headings_notes_and_follow_ups() {
        let markdown = to_markdown(&sample(), ExportOptions::default());
        let expected = "\
# PyCon US 2024

## Saturday, 18 May 2024

tip from the vendor area

### 11:45–12:15 · Flask — Adam Englander

Quart
DONE: try Quart

### 12:30–13:00 · Ruff — Charlie Marsh (Hall A) · attended

fast
- [ ] read the blog post

### 15:30–16:00 · Monsters · skipped

## Follow-ups

- [x] try Quart — Flask (11:45)
- [ ] read the blog post — Ruff (12:30)
";
        assert_eq!(markdown, expected);
    }

    #[test]
    fn attended_only_keeps_day_notes_and_attended_talks() {
        let markdown = to_markdown(
            &sample(),
            ExportOptions {
                attended_only: true,
                ..Default::default()
            },
        );
        assert!(markdown.contains("tip from the vendor area"));
        assert!(markdown.contains("### 12:30–13:00 · Ruff"));
        assert!(!markdown.contains("Flask"), "{markdown}");
        assert!(!markdown.contains("Monsters"));
        assert!(markdown.contains("- [ ] read the blog post — Ruff (12:30)"));
    }

    #[test]
    fn talks_gone_from_the_schedule_say_so() {
        let mut notebook = sample();
        notebook.days[0].talks[1].removed = true;
        let markdown = to_markdown(&notebook, ExportOptions::default());
        assert!(markdown.contains(
            "### 12:30–13:00 · Ruff — Charlie Marsh (Hall A) · attended · removed from schedule\n"
        ));
    }

    #[test]
    fn an_empty_notebook_exports_just_its_title() {
        let notebook = Notebook::new("Nothing yet", "");
        assert_eq!(
            to_markdown(&notebook, ExportOptions::default()),
            "# Nothing yet\n"
        );
    }

    #[test]
    fn control_characters_never_reach_the_document() {
        let mut notebook = sample();
        notebook.days[0].talks[0].title = "Flask\x1b[2J".into();
        let markdown = to_markdown(&notebook, ExportOptions::default());
        assert!(!markdown.contains('\x1b'));
        assert!(markdown.contains("Flask"));
        assert!(
            !markdown.contains("[2J"),
            "the whole escape sequence is gone"
        );
    }
}
