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

use chrono::{NaiveDate, NaiveTime, Timelike as _};

use crate::export::recording::stamp_seconds;
use crate::model::{Notebook, TalkState};
use crate::text::clean_text;

/// One section of the file.
#[derive(Debug, Clone, PartialEq)]
struct Section {
    /// Line of the file where it starts (1-based).
    line: usize,
    /// The heading as written, if the section has one.
    heading: Option<String>,
    /// The time the heading names.
    time: Option<NaiveTime>,
    /// The heading without its time and marks: what is compared with talk titles.
    title: String,
    /// A state the heading carries (talkbook's export writes `· attended`).
    state: Option<TalkState>,
    /// The day it is under (a markdown day heading before it).
    date: Option<NaiveDate>,
    body: Vec<String>,
}

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

fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

// ----- reading the file ---------------------------------------------------------------

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3
        && ['=', '-', '*', '_']
            .iter()
            .any(|c| line.chars().all(|x| x == *c))
}

/// `## Saturday, 18 May 2024`, `2024-05-18`, `18 May 2024`, `May 18, 2024`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('.');
    for format in [
        "%A, %-d %B %Y",
        "%Y-%m-%d",
        "%-d %B %Y",
        "%B %-d, %Y",
        "%a %-d %b %Y",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(date);
        }
    }
    None
}

/// A time at the start of `text` (`11:30`, `1130`, `11.30`, `11h30`, `1:05pm`, `11am`,
/// or a range `11:00–11:30`), and the rest of the text after it and its separator.
fn leading_time(text: &str) -> Option<(NaiveTime, &str)> {
    let (time, rest) = one_time(text)?;
    // A range: the start is what counts.
    let rest = match rest
        .trim_start()
        .strip_prefix(['-', '–', '—'])
        .map(str::trim_start)
        .and_then(one_time)
    {
        Some((_, after)) => after,
        None => rest,
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(['-', '–', '—', ':', '·', '|'])
        .unwrap_or(rest);
    Some((time, rest.trim()))
}

fn one_time(text: &str) -> Option<(NaiveTime, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (hour, minute, mut rest) = match digits {
        1 | 2 => {
            let hour: u32 = text[..digits].parse().ok()?;
            let after = &text[digits..];
            match after.strip_prefix([':', '.', 'h']) {
                Some(minutes)
                    if minutes.len() >= 2
                        && minutes.as_bytes()[..2].iter().all(u8::is_ascii_digit) =>
                {
                    (hour, minutes[..2].parse().ok()?, &minutes[2..])
                }
                _ => (hour, 0, after),
            }
        }
        // `1100`: hours and minutes written together, as people do in plain notes.
        4 => (
            text[..2].parse().ok()?,
            text[2..4].parse().ok()?,
            &text[4..],
        ),
        _ => return None,
    };
    let mut hour = hour;
    let lower = rest.to_ascii_lowercase();
    let meridiem = ["am", "pm", "a.m.", "p.m."]
        .into_iter()
        .find(|m| lower.trim_start().starts_with(m));
    if let Some(meridiem) = meridiem {
        let skip = rest.len() - rest.trim_start().len() + meridiem.len();
        rest = &rest[skip..];
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour %= 12;
        if meridiem.starts_with('p') {
            hour += 12;
        }
    } else if digits <= 2 && rest.len() == text.len() - digits {
        // A bare number ("3 things") is not a time.
        return None;
    }
    // A time stands apart from what follows: "1100 - Title", not "10x".
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // Four digits that could be a year ("2024 recap") are a time only before a dash
    // or a colon, as in "1100 - Title".
    let separated = rest
        .trim_start()
        .starts_with(['-', '–', '—', ':', '·', '|']);
    if digits == 4
        && (1900..=2099).contains(&(hour * 100 + minute))
        && !separated
        && meridiem.is_none()
    {
        return None;
    }
    Some((NaiveTime::from_hms_opt(hour, minute, 0)?, rest))
}

/// What a heading says: its time, its title, and a state talkbook's export put after it.
fn read_heading(text: &str) -> (Option<NaiveTime>, String, Option<TalkState>) {
    let text = text.trim().trim_start_matches('#').trim();
    let (time, mut title) = match leading_time(text) {
        Some((time, rest)) => (Some(time), rest.to_string()),
        None => (None, text.to_string()),
    };
    let mut state = None;
    for (suffix, mark) in [
        (" · removed from schedule", None),
        (" · attended", Some(TalkState::Attended)),
        (" · skipped", Some(TalkState::Skipped)),
        (" · planned", Some(TalkState::Planned)),
    ] {
        if let Some(rest) = title.strip_suffix(suffix) {
            title = rest.to_string();
            state = state.or(mark);
        }
    }
    (time, title.trim().to_string(), state)
}

/// Whether the first line of a section without a markdown heading is its heading: it
/// names a time, or it is short and stands on a line of its own.
fn looks_like_heading(line: &str, next: Option<&str>) -> bool {
    let line = line.trim();
    if leading_time(line).is_some() {
        return true;
    }
    let alone = next.is_none_or(|next| next.trim().is_empty());
    alone && line.chars().count() <= 80 && !line.ends_with(['.', '!', '?', ',', ';'])
}

fn sections(text: &str) -> Vec<Section> {
    let text = clean_text(&text.replace("\r\n", "\n")).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut date = None;
    let mut current: Option<Section> = None;
    // Whether the next non-empty line may be a plain heading (after a separator, or at
    // the start of the file).
    let mut fresh = true;
    let start = |line: usize, heading: Option<&str>, date| {
        let (time, title, state) = heading.map(read_heading).unwrap_or_default();
        Section {
            line,
            heading: heading.map(|h| h.trim().trim_start_matches('#').trim().to_string()),
            time,
            title,
            state,
            date,
            body: Vec::new(),
        }
    };
    for (index, &line) in lines.iter().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if is_separator(trimmed) {
            sections.extend(current.take());
            fresh = true;
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim();
            let level = trimmed.chars().take_while(|c| *c == '#').count();
            if let Some(day) = parse_date(heading) {
                sections.extend(current.take());
                date = Some(day);
                fresh = true;
                continue;
            }
            if level == 1 && sections.is_empty() && current.is_none() {
                // The document's own title (talkbook's export: the notebook's name).
                continue;
            }
            sections.extend(current.take());
            current = Some(start(number, Some(heading), date));
            fresh = false;
            continue;
        }
        if trimmed.is_empty() {
            if let Some(section) = &mut current {
                section.body.push(String::new());
            }
            continue;
        }
        if fresh {
            fresh = false;
            let next = lines.get(index + 1).copied();
            current = Some(if looks_like_heading(trimmed, next) {
                start(number, Some(trimmed), date)
            } else {
                let mut section = start(number, None, date);
                section.body.push(line.trim_end().to_string());
                section
            });
            continue;
        }
        current
            .get_or_insert_with(|| start(number, None, date))
            .body
            .push(line.trim_end().to_string());
    }
    sections.extend(current);
    sections
}

// ----- matching -----------------------------------------------------------------------

const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "how", "your", "you", "its", "from", "into", "our", "are",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|word| word.chars().count() >= 3 && !STOP_WORDS.contains(&word.as_str()))
        .collect()
}

/// Edit distance between two short words, at most `limit + 1`.
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// Whether a word of a heading stands for a word of a talk: the same, misspelled by a
/// letter (`documentatoin`), or shortened (`docs`, `async`).
fn same_word(heading: &str, talk: &str) -> bool {
    heading == talk
        || (heading.chars().count() >= 4 && talk.starts_with(heading))
        || (heading.chars().count() >= 5 && distance(heading, talk, 2) <= 2)
}

/// How much of `heading`'s words the talk's title and speakers have (0 to 1).
fn similarity(heading: &[String], talk: &[String]) -> f64 {
    if heading.is_empty() {
        return 0.0;
    }
    let found = heading
        .iter()
        .filter(|word| talk.iter().any(|t| same_word(word, t)))
        .count();
    found as f64 / heading.len() as f64
}

/// Below this share of a heading's words, a title alone names no talk.
const TITLE_ONLY_MATCH: f64 = 0.5;

/// The talk a section belongs to: by its time (and the closest title among the talks
/// then), else by its title alone.
fn find_talk(notebook: &Notebook, section: &Section) -> Option<(usize, usize)> {
    let heading = words(&section.title);
    let talk_words = |day: usize, talk: usize| {
        let talk = &notebook.days[day].talks[talk];
        words(&format!("{} {}", talk.title, talk.speakers.join(" ")))
    };
    let on_the_day = |day: usize| {
        section
            .date
            .is_none_or(|date| notebook.days[day].date == date)
    };
    let everything = || {
        (0..notebook.days.len())
            .filter(move |&day| on_the_day(day))
            .flat_map(move |day| (0..notebook.days[day].talks.len()).map(move |t| (day, t)))
    };
    let best = |candidates: Vec<(usize, usize)>| {
        candidates
            .into_iter()
            .map(|(day, talk)| (similarity(&heading, &talk_words(day, talk)), (day, talk)))
            .fold(
                None,
                |best: Option<(f64, (usize, usize))>, (score, at)| match best {
                    Some((top, _)) if top >= score => best,
                    _ => Some((score, at)),
                },
            )
    };
    if let Some(time) = section.time {
        let at_that_time: Vec<(usize, usize)> = everything()
            .filter(|&(day, talk)| {
                let start = notebook.days[day].talks[talk].start;
                (start.hour(), start.minute()) == (time.hour(), time.minute())
            })
            .collect();
        if at_that_time.len() == 1 {
            return at_that_time.first().copied();
        }
        if let Some((score, at)) = best(at_that_time)
            && (score > 0.0 || heading.is_empty())
        {
            return Some(at);
        }
    }
    match best(everything().collect()) {
        Some((score, at)) if score >= TITLE_ONLY_MATCH => Some(at),
        _ => None,
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

/// talkbook's export links each `[+12:34]` stamp into the talk's recording: back to
/// the stamp as typed.
fn unlink_stamps(line: &str) -> Cow<'_, str> {
    if !line.contains("[+") || !line.contains("](") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find("[+") {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let linked = after.find("](").and_then(|close| {
            let stamp = &after[..=close];
            let target = &after[close + 2..];
            let end = target.find(')')?;
            let is_stamp = stamp_seconds(&stamp[1..stamp.len() - 1]).is_some();
            (is_stamp && target[..end].contains("t=")).then(|| (stamp, &target[end + 1..]))
        });
        match linked {
            Some((stamp, tail)) => {
                out.push_str(stamp);
                rest = tail;
            }
            None => {
                out.push_str("[+");
                rest = &after[2..];
            }
        }
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

/// Brings the notes in `text` into `notebook`; says where each section went.
pub fn import_notes(notebook: &mut Notebook, text: &str) -> NotesReport {
    let mut report = NotesReport::default();
    let first_day = notebook.days.first().map(|day| day.date);
    let mut last_day = first_day;
    for section in sections(text) {
        if section.heading.as_deref() == Some("Follow-ups") && is_follow_up_list(&section) {
            report.sections.push(SectionReport {
                line: section.line,
                heading: section.heading.clone(),
                destination: Destination::FollowUpList,
                follow_ups: Vec::new(),
                already_there: true,
            });
            continue;
        }
        let mut follow_ups = Vec::new();
        let mut lines = tidy(&section.body);
        let recording = lines
            .first()
            .and_then(|line| recording_line(line))
            .map(String::from);
        if recording.is_some() {
            lines.remove(0);
            lines = tidy(&lines);
        }
        let mut body: Vec<String> = lines
            .into_iter()
            .map(|line| unlink_stamps(&line).into_owned())
            .map(|line| match follow_up(&line) {
                Some(task) => {
                    follow_ups.push(line.trim().to_string());
                    task
                }
                None => line,
            })
            .collect();
        let talk = section
            .heading
            .as_ref()
            .and_then(|_| find_talk(notebook, &section));
        match talk {
            Some((day, index)) => {
                last_day = Some(notebook.days[day].date);
                let skipped = says_not_attended(&body);
                let talk = &mut notebook.days[day].talks[index];
                if let Some(recording) = recording
                    && talk.recording.is_empty()
                {
                    talk.recording = recording;
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
                });
            }
        }
    }
    notebook.normalize();
    report
}

/// The follow-up list at the end of talkbook's export: `- [ ] text — Talk (11:00)` lines.
fn is_follow_up_list(section: &Section) -> bool {
    let lines: Vec<&String> = section
        .body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    !lines.is_empty()
        && lines.iter().all(|line| {
            let line = line.trim();
            (line.starts_with("- [ ]") || line.starts_with("- [x]")) && line.contains(" — ")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::demo_notebook;

    const EXAMPLE_DAY: &str = include_str!("../../tests/fixtures/pycon-us-2024-day-notes.txt");

    fn talk_notes<'a>(notebook: &'a Notebook, id: &str) -> &'a str {
        &notebook.talk(id).unwrap().notes
    }

    #[test]
    fn the_example_day_lands_section_by_section_in_its_talks() {
        let mut notebook = demo_notebook();
        let report = import_notes(&mut notebook, EXAMPLE_DAY);
        for section in &report.sections {
            println!("{section}");
        }
        let places: Vec<String> = report
            .sections
            .iter()
            .map(|section| match &section.destination {
                Destination::Talk { id, .. } => id.clone(),
                Destination::DayNotes { unmatched, .. } => format!("day notes {unmatched}"),
                Destination::FollowUpList => "list".into(),
            })
            .collect();
        assert_eq!(
            places,
            [
                "pyconus2024-sat-0900",
                "pyconus2024-sat-1100",
                "pyconus2024-sat-1145",
                "pyconus2024-sat-1230",
                "pyconus2024-sat-1400",
                "pyconus2024-sat-1445",
                "pyconus2024-sat-1530",
                "pyconus2024-sat-1630",
                "pyconus2024-sat-1800",
                "day notes false",
            ]
        );
        assert_eq!(report.counts(), (9, 1, 0));
        let keynote = notebook.talk("pyconus2024-sat-0900").unwrap();
        assert!(
            keynote.notes.starts_with("Founder of Black Python Devs"),
            "{}",
            keynote.notes
        );
        assert_eq!(keynote.state, TalkState::Attended);
        let monsters = notebook.talk("pyconus2024-sat-1530").unwrap();
        assert_eq!(monsters.state, TalkState::Skipped);
        assert_eq!(monsters.notes, "ended up not attending");
        let lightning = notebook.talk("pyconus2024-sat-1800").unwrap();
        assert_eq!(
            lightning.state,
            TalkState::Attended,
            "spoke, no notes: attended"
        );
        assert!(talk_notes(&notebook, "pyconus2024-sat-1100").contains(
            "- [ ] note to self: post-talk to more research on the mock features described here."
        ));
        assert!(talk_notes(&notebook, "pyconus2024-sat-1400").contains(
            "- [ ] there's a library you can use django-safemigrate (look up more details)"
        ));
        assert!(notebook.days[0].notes.starts_with("tip from Pycharm team"));
        // Every non-empty line of the file is in the notebook.
        let everything: String = notebook
            .days
            .iter()
            .flat_map(|day| {
                std::iter::once(day.notes.clone()).chain(
                    day.talks
                        .iter()
                        .map(|t| format!("{}\n{}", t.title, t.notes)),
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        for line in EXAMPLE_DAY.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let is_heading_or_rule = is_separator(line)
                || report
                    .sections
                    .iter()
                    .any(|s| s.heading.as_deref() == Some(line));
            if !is_heading_or_rule {
                assert!(everything.contains(line), "lost: {line:?}");
            }
        }
        // The same file again adds nothing.
        let before = notebook.clone();
        let again = import_notes(&mut notebook, EXAMPLE_DAY);
        assert!(
            again
                .sections
                .iter()
                .all(|s| s.already_there || s.destination == Destination::FollowUpList)
        );
        assert_eq!(notebook, before);
    }

    #[test]
    fn headings_name_times_in_every_style() {
        let time = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        for (heading, at, title) in [
            (
                "1100 - Mock It Till You Make It",
                time(11, 0),
                "Mock It Till You Make It",
            ),
            ("## 11:30 Ruff", time(11, 30), "Ruff"),
            (
                "## 14:00 – Continuous Deployment",
                time(14, 0),
                "Continuous Deployment",
            ),
            ("11.30 Ruff", time(11, 30), "Ruff"),
            ("11h30: Ruff", time(11, 30), "Ruff"),
            ("1:05pm Lunch talk", time(13, 5), "Lunch talk"),
            ("9am Keynote", time(9, 0), "Keynote"),
            (
                "### 11:00–11:30 · Mock It · attended",
                time(11, 0),
                "Mock It",
            ),
            ("### Keynote: Jay Miller", None, "Keynote: Jay Miller"),
            ("2024 recap", None, "2024 recap"),
            ("3 things I learned", None, "3 things I learned"),
        ] {
            let (found, rest, _) = read_heading(heading);
            assert_eq!((found, rest.as_str()), (at, title), "{heading}");
        }
        let (_, _, state) =
            read_heading("### 15:30–16:00 · Procedurally Generated Monsters · skipped");
        assert_eq!(state, Some(TalkState::Skipped));
    }

    #[test]
    fn a_markdown_day_in_another_style_finds_its_talks_by_time_and_shortened_titles() {
        let markdown = "# My PyCon notes\n\n## Saturday, 18 May 2024\n\n\
            ### 9:00 Keynote\nRepresentation matters.\n\n\
            ### 11:00 – Mocking without tears\nautospec!\nTODO: read the unittest.mock docs\n\n\
            ### Flask SPA talk (Adam Englander)\nQuart is async Flask.\n\n\
            ### Rust linter talk\n- [ ] try ruff on our repo\n\n\
            ### Hallway track\nMet the PyCharm folks.\n";
        let mut notebook = demo_notebook();
        let report = import_notes(&mut notebook, markdown);
        for section in &report.sections {
            println!("{section}");
        }
        assert_eq!(report.counts(), (4, 0, 1));
        assert_eq!(
            talk_notes(&notebook, "pyconus2024-sat-0900"),
            "Representation matters."
        );
        assert!(
            talk_notes(&notebook, "pyconus2024-sat-1100")
                .contains("TODO: read the unittest.mock docs")
        );
        assert_eq!(
            talk_notes(&notebook, "pyconus2024-sat-1145"),
            "Quart is async Flask."
        );
        assert_eq!(
            talk_notes(&notebook, "pyconus2024-sat-1230"),
            "- [ ] try ruff on our repo"
        );
        assert_eq!(
            notebook.days[0].notes,
            "Hallway track\nMet the PyCharm folks."
        );
    }

    #[test]
    fn stamps_linked_by_the_export_come_back_as_typed() {
        assert_eq!(
            unlink_stamps("at [+12:34](https://media.ccc.de/v/x#t=754) the demo, [+1](y)"),
            "at [+12:34] the demo, [+1](y)"
        );
        let mut notebook = demo_notebook();
        import_notes(
            &mut notebook,
            "### 11:00–11:30 · Mock It\n\nRecording: <https://youtu.be/abc>\n\n[+02:00](https://youtu.be/abc?t=120) autospec\n",
        );
        let talk = notebook.talk("pyconus2024-sat-1100").unwrap();
        assert_eq!(talk.recording, "https://youtu.be/abc");
        assert_eq!(talk.notes, "[+02:00] autospec");
    }

    #[test]
    fn notes_are_appended_never_replaced() {
        let mut notebook = demo_notebook();
        notebook.days[0].talks[1].notes = "typed in talkbook".into();
        import_notes(&mut notebook, "1100 - Mock It\n\nfrom the laptop\n");
        assert_eq!(
            talk_notes(&notebook, "pyconus2024-sat-1100"),
            "typed in talkbook\n\nfrom the laptop"
        );
    }
}
