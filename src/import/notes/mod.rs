//! Notes written elsewhere, brought into a notebook: a plain-text day typed in an editor
//! during the talks, or markdown (talkbook's own export included).
//!
//! The file falls into sections: a separator line (`=====`, `-----`, `***`) or a
//! markdown heading starts one. A section's first line is its heading when it names a
//! time (`1100 - Mock It…`, `## 11:30 Title`, `11h30`, `1:05pm`) or reads like a title
//! (short, on a line of its own). Each section goes to the talk that starts at that time
//! with the closest title (titles are shortened and misspelled when typed live), to a
//! talk by its title alone when there is no time, or else to the day notes, heading
//! included. Nothing is dropped: every non-empty line of the file ends up in the
//! notebook (headings become the talk they name), appended to what is there, and
//! importing the same file twice adds nothing the second time.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use crate::model::stamp::stamp_seconds;
use crate::model::{Notebook, TalkState};
use crate::text::clip;

mod matcher;
mod reading;

use matcher::{Matcher, heading_is_the_talk};
use reading::{Section, sections};

/// Where a section went.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// Into a talk's notes.
    Talk {
        id: String,
        label: String,
        state: Option<TalkState>,
    },
    /// Into a day's notes: a section without a heading (`matched` false: it had one,
    /// and no talk matched it).
    DayNotes { date: NaiveDate, unmatched: bool },
    /// talkbook's export lists the follow-ups again at its end: they are in the notes
    /// already, so the list is not imported twice.
    FollowUpList,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionReport {
    pub line: usize,
    pub heading: Option<String>,
    pub destination: Destination,
    /// Lines that became follow-ups (`- [ ] …`).
    pub follow_ups: Vec<String>,
    /// The text was in those notes already (imported before): nothing added.
    pub already_there: bool,
    /// The heading is written into the notes too: it says more than the talk's title
    /// and speakers (or it matched no talk).
    pub heading_kept: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotesReport {
    pub sections: Vec<SectionReport>,
}

impl NotesReport {
    /// Sections that went into talks, into day notes, and that matched nothing.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for section in &self.sections {
            match section.destination {
                Destination::Talk { .. } => counts.0 += 1,
                Destination::DayNotes {
                    unmatched: false, ..
                } => counts.1 += 1,
                Destination::DayNotes {
                    unmatched: true, ..
                } => counts.2 += 1,
                Destination::FollowUpList => {}
            }
        }
        counts
    }
}

impl fmt::Display for SectionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let heading = match &self.heading {
            Some(heading) => format!("{:?}", clip(heading, 48)),
            None => "(no heading)".to_string(),
        };
        write!(f, "line {:<4} {heading} → ", self.line)?;
        match &self.destination {
            Destination::Talk { label, state, .. } => {
                write!(f, "{label}")?;
                let mut notes = Vec::new();
                if let Some(state) = state {
                    notes.push(format!("marked {}", state.word()));
                }
                if !self.follow_ups.is_empty() {
                    let n = self.follow_ups.len();
                    notes.push(format!("{n} follow-up{}", if n == 1 { "" } else { "s" }));
                }
                if self.already_there {
                    notes.push("already there".into());
                }
                if !notes.is_empty() {
                    write!(f, " ({})", notes.join(", "))?;
                }
                Ok(())
            }
            Destination::DayNotes { date, unmatched } => {
                write!(f, "day notes, {}", date.format("%a %-d %b"))?;
                match (unmatched, self.already_there) {
                    (true, _) => write!(f, " (no talk matched; the heading is kept)"),
                    (false, true) => write!(f, " (already there)"),
                    (false, false) => Ok(()),
                }
            }
            Destination::FollowUpList => {
                write!(
                    f,
                    "left out: talkbook's list of the follow-ups above, already in the notes"
                )
            }
        }
    }
}

// ----- what goes in -------------------------------------------------------------------

/// A line that asks for later work: it becomes a follow-up (`- [ ] …`).
fn follow_up(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    if lower.starts_with("- [ ]") || lower.starts_with("todo") || lower.starts_with("- [x]") {
        return None; // a follow-up already, as written
    }
    let asks = [
        "note to self",
        "look up",
        "lookup",
        "follow up on",
        "follow-up:",
    ]
    .iter()
    .any(|start| lower.starts_with(start))
        || lower.contains("(look up")
        || lower.contains("note to self");
    asks.then(|| format!("- [ ] {trimmed}"))
}

/// Whether a section's whole text says the talk was not attended.
fn says_not_attended(body: &[String]) -> bool {
    let text: Vec<&str> = body
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect();
    let text = text.join(" ").to_lowercase();
    if text.is_empty() || text.chars().count() > 80 {
        return false;
    }
    [
        "not attend",
        "didn't attend",
        "didn't go",
        "did not go",
        "skipped",
        "missed it",
        "didn't make it",
        "did not make it",
        "couldn't make it",
        "could not make it",
    ]
    .iter()
    .any(|phrase| text.contains(phrase))
}

/// The body as it goes into notes: runs of blank lines made one, none at the ends.
fn tidy(body: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in body {
        if line.trim().is_empty() && lines.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        lines.push(line.clone());
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// Appends `text` to `notes` (after a blank line); false if the notes hold it already.
fn append(notes: &mut String, text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    if notes.contains(text) {
        return false;
    }
    let kept = notes.trim_end().len();
    notes.truncate(kept);
    if !notes.is_empty() {
        notes.push_str("\n\n");
    }
    notes.push_str(text);
    true
}

/// talkbook's export links each `[+12:34]` stamp into the talk's `recording`: back to
/// the stamp as typed. Links into anything else (another recording, or a section that
/// goes to the day notes, where `recording` is empty) stay as they are, address and all.
fn unlink_stamps<'a>(line: &'a str, recording: &str) -> Cow<'a, str> {
    if recording.is_empty() || !line.contains("[+") || !line.contains("](") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, after)) = rest.split_once("[+") {
        out.push_str(before);
        out.push_str("[+");
        let linked = after.split_once("](").and_then(|(stamp, target)| {
            let (url, tail) = target.split_once(')')?;
            let is_stamp = stamp_seconds(&format!("+{stamp}")).is_some();
            (is_stamp && url.starts_with(recording) && url.contains("t=")).then_some((stamp, tail))
        });
        rest = match linked {
            Some((stamp, tail)) => {
                out.push_str(stamp);
                out.push(']');
                tail
            }
            None => after,
        };
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `Recording: <https://…>`, the line talkbook's export puts under a talk's heading.
fn recording_line(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("Recording: <")?
        .strip_suffix('>')
        .filter(|url| url.starts_with("http"))
}

/// The addresses of the `Links: [Page](…) · [Slides](…)` line talkbook's export puts
/// under a talk's heading.
fn links_line(line: &str) -> Option<Vec<(&str, &str)>> {
    let links = line
        .trim()
        .strip_prefix(crate::model::labels::LINKS_PREFIX)?;
    links
        .split(" · ")
        .map(|link| {
            let (title, url) = link.strip_prefix('[')?.split_once("](")?;
            let url = url.strip_suffix(')')?;
            let url = url
                .strip_prefix('<')
                .and_then(|url| url.strip_suffix('>'))
                .unwrap_or(url);
            Some((title, url))
        })
        .collect()
}

/// Brings the notes in `text` into `notebook`; says where each section went.
pub fn import_notes(notebook: &mut Notebook, text: &str) -> NotesReport {
    let mut report = NotesReport::default();
    let (sections, dates) = sections(text, &notebook.title);
    // Text before any day heading goes to the file's first day, else the notebook's
    // first: the same day on every import, so importing twice adds nothing.
    let first_day = dates
        .first()
        .copied()
        .or_else(|| notebook.days.first().map(|day| day.date));
    let mut last_day = first_day;
    let mut matcher = Matcher::new(notebook);
    // The talk each section goes to; of equals, one on the day of the section before.
    let mut prefer = None;
    let talks: Vec<Option<String>> = sections
        .iter()
        .map(|section| {
            let found = section
                .heading
                .as_ref()
                .filter(|_| !section.document_title)
                .and_then(|_| matcher.find(section, prefer))?;
            let talk = &matcher.talks[found];
            prefer = Some(talk.date);
            Some(talk.id.clone())
        })
        .collect();
    // Recordings first, so a stamp linked into one is read the same way wherever in the
    // file the recording line stands, on every import.
    for (section, id) in sections.iter().zip(&talks) {
        let recording = tidy(&section.body)
            .first()
            .and_then(|line| recording_line(line))
            .map(String::from);
        if let (Some(recording), Some(id)) = (recording, id.as_deref())
            && let Some(talk) = notebook.talk_mut(id)
            && talk.recording.is_empty()
        {
            talk.recording = recording;
        }
        // And the links of the export's links line that the talk does not have yet.
        let body = tidy(&section.body);
        let listed = body
            .iter()
            .filter(|line| !line.trim().is_empty())
            .take(2)
            .find_map(|line| links_line(line));
        if let (Some(listed), Some(id)) = (listed, id.as_deref())
            && let Some(talk) = notebook.talk_mut(id)
        {
            for (title, url) in listed {
                if talk.all_links().iter().any(|link| link.url == url) {
                    continue;
                }
                if title == "Page" && talk.link.is_empty() {
                    talk.link = url.to_string();
                } else {
                    talk.links.push(crate::model::Link {
                        title: title.to_string(),
                        url: url.to_string(),
                    });
                }
            }
        }
    }
    // A day heading is a day of the notebook, whatever follows it.
    for date in dates {
        notebook.ensure_day(date);
    }
    for (section, id) in sections.into_iter().zip(talks) {
        if section.heading.as_deref() == Some("Follow-ups") && is_follow_up_list(&section, notebook)
        {
            report.sections.push(SectionReport {
                line: section.line,
                heading: section.heading.clone(),
                destination: Destination::FollowUpList,
                follow_ups: Vec::new(),
                already_there: true,
                heading_kept: false,
            });
            continue;
        }
        let talk = id.and_then(|id| notebook.find_talk(&id));
        let mut lines = tidy(&section.body);
        // The recording line of talkbook's export: left out where the talk has that
        // recording (taken in above), else kept as text, and the stamps with their links.
        let recording = lines
            .first()
            .and_then(|line| recording_line(line))
            .map(String::from);
        let talk_recording = match talk {
            Some((day, index)) => notebook.days[day].talks[index].recording.clone(),
            None => String::new(),
        };
        let talk_recording = match recording {
            Some(recording) if recording == talk_recording => {
                lines.remove(0);
                lines = tidy(&lines);
                talk_recording
            }
            Some(_) => String::new(),
            None => talk_recording,
        };
        // The export's links line: left out where the talk has every one of them.
        if let (Some((day, index)), Some(first)) = (talk, lines.first())
            && let Some(urls) = links_line(first)
        {
            let known: Vec<String> = notebook.days[day].talks[index]
                .all_links()
                .into_iter()
                .map(|link| link.url)
                .collect();
            if urls
                .iter()
                .all(|(_, url)| known.iter().any(|known| known == url))
            {
                lines.remove(0);
                lines = tidy(&lines);
            }
        }
        let mut follow_ups = Vec::new();
        let mut body: Vec<String> = lines
            .into_iter()
            .map(|line| unlink_stamps(&line, &talk_recording).into_owned())
            .map(|line| match follow_up(&line) {
                Some(task) => {
                    follow_ups.push(line.trim().to_string());
                    task
                }
                None => line,
            })
            .collect();
        match talk {
            Some((day, index)) => {
                last_day = Some(notebook.days[day].date);
                let skipped = says_not_attended(&body);
                let talk = &mut notebook.days[day].talks[index];
                let heading_kept = !heading_is_the_talk(&section, talk);
                if heading_kept && let Some(heading) = &section.heading {
                    body.insert(0, heading.clone());
                }
                let added = append(&mut talk.notes, &body.join("\n"));
                // A mark given in the file (talkbook's export), or taken from the text:
                // notes mean attended unless the text says not, or the talk was marked.
                let wanted = if skipped {
                    Some(TalkState::Skipped)
                } else if section.state.is_some() {
                    section.state
                } else if !body.is_empty() {
                    Some(TalkState::Attended)
                } else {
                    None
                };
                let state = wanted.filter(|wanted| {
                    *wanted != talk.state
                        && matches!(talk.state, TalkState::Unmarked | TalkState::Planned)
                });
                if let Some(state) = state {
                    talk.state = state;
                }
                // A rating from the file, for a talk not rated here.
                if let Some(rating) = section.rating
                    && talk.rating.is_none()
                {
                    talk.rating = rating;
                }
                let label = format!(
                    "{} {}",
                    talk.start.format("%H:%M"),
                    clip(&crate::text::clean_line(&talk.title), 40)
                );
                report.sections.push(SectionReport {
                    line: section.line,
                    heading: section.heading.clone(),
                    destination: Destination::Talk {
                        id: talk.id.clone(),
                        label,
                        state,
                    },
                    follow_ups,
                    already_there: !added,
                    heading_kept,
                });
            }
            None => {
                let Some(date) = section.date.or(last_day).or(first_day) else {
                    // A notebook without days: the day of the file's date, or today's.
                    continue;
                };
                if let Some(heading) = &section.heading {
                    body.insert(0, heading.clone());
                }
                let day = notebook.ensure_day(date);
                let added = append(&mut notebook.days[day].notes, &body.join("\n"));
                report.sections.push(SectionReport {
                    line: section.line,
                    heading: section.heading.clone(),
                    destination: Destination::DayNotes {
                        date,
                        unmatched: section.heading.is_some(),
                    },
                    follow_ups,
                    already_there: !added,
                    heading_kept: section.heading.is_some(),
                });
            }
        }
    }
    notebook.normalize();
    report
}

/// The follow-up list at the end of talkbook's export: `- [ ] text — Talk (11:00)`
/// lines, each of whose text is in the notes already (so leaving it out loses nothing).
fn is_follow_up_list(section: &Section, notebook: &Notebook) -> bool {
    let in_notes = |text: &str| {
        notebook.days.iter().any(|day| {
            day.notes.contains(text) || day.talks.iter().any(|talk| talk.notes.contains(text))
        })
    };
    let mut lines = section
        .body
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty());
    let mut any = false;
    lines.all(|line| {
        any = true;
        line.strip_prefix("- [ ] ")
            .or_else(|| line.strip_prefix("- [x] "))
            .and_then(|item| item.rsplit_once(" — "))
            .is_some_and(|(text, _)| in_notes(text.trim()))
    }) && any
}

#[cfg(test)]
mod tests;
