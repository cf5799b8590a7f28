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
use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{NaiveDate, NaiveTime, Timelike as _};

use crate::model::stamp::stamp_seconds;
use crate::model::{Notebook, TalkState};
use crate::text::{clean_text, clip};

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
    /// A `# Title` at the top of the file: the document's name, never a talk's.
    document_title: bool,
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
            // A date outside the years talkbook reads is text, not a day.
            return crate::model::years::is_sane(date).then_some(date);
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

/// The number written by the first `len` characters of `text`, when they are ASCII
/// digits, and what follows them.
fn leading_number(text: &str, len: usize) -> Option<(u32, &str)> {
    let (digits, rest) = text.split_at_checked(len)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

fn one_time(text: &str) -> Option<(NaiveTime, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (hour, minute, mut rest) = match digits {
        1 | 2 => {
            let (hour, after) = leading_number(text, digits)?;
            match after
                .strip_prefix([':', '.', 'h'])
                .and_then(|minutes| leading_number(minutes, 2))
            {
                Some((minute, rest)) => (hour, minute, rest),
                None => (hour, 0, after),
            }
        }
        // `1100`: hours and minutes written together, as people do in plain notes.
        4 => {
            let (hour, after) = leading_number(text, 2)?;
            let (minute, rest) = leading_number(after, 2)?;
            (hour, minute, rest)
        }
        _ => return None,
    };
    let mut hour = hour;
    let lower = rest.to_ascii_lowercase();
    let meridiem = ["am", "pm", "a.m.", "p.m."]
        .into_iter()
        .find(|m| lower.trim_start().starts_with(m));
    if let Some(meridiem) = meridiem {
        // ASCII lowercase keeps byte positions: the meridiem is where it was found.
        rest = rest.trim_start().get(meridiem.len()..).unwrap_or_default();
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

/// A markdown heading line (`# …` to `###### …`): its level and its text.
fn markdown_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    let text = line.get(level..)?;
    ((1..=6).contains(&level) && (text.is_empty() || text.starts_with(char::is_whitespace)))
        .then(|| (level, text.trim()))
}

/// The file's text with every line ending made `\n` (CRLF from Windows, a lone CR from
/// old Mac editors) and control characters removed.
fn normalized(text: &str) -> String {
    clean_text(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

/// The file as sections, and the days its day headings name. `title` is the
/// notebook's: a first `# Title` that names it is the document's own title (talkbook's
/// export), not a section.
fn sections(text: &str, title: &str) -> (Vec<Section>, Vec<NaiveDate>) {
    let text = normalized(text);
    let lines: Vec<&str> = text.lines().collect();
    // In markdown, headings make the sections and a `---` line is a rule inside a note
    // (talkbook's export writes notes as they are); in plain text it separates them.
    let markdown = lines
        .iter()
        .any(|line| markdown_heading(line.trim()).is_some_and(|(level, _)| level >= 2));
    let mut sections: Vec<Section> = Vec::new();
    let mut dates = Vec::new();
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
            document_title: false,
            body: Vec::new(),
        }
    };
    for (index, &line) in lines.iter().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if is_separator(trimmed) && !markdown {
            sections.extend(current.take());
            fresh = true;
            continue;
        }
        if let Some((level, heading)) = markdown_heading(trimmed) {
            if let Some(day) = parse_date(heading) {
                sections.extend(current.take());
                date = Some(day);
                dates.push(day);
                fresh = true;
                continue;
            }
            let first = sections.is_empty() && current.is_none();
            if level == 1 && first && heading.eq_ignore_ascii_case(title.trim()) {
                // The document's own title: talkbook's export names the notebook so.
                continue;
            }
            sections.extend(current.take());
            let mut section = start(number, Some(heading), date);
            section.document_title = level == 1 && first;
            current = Some(section);
            fresh = false;
            continue;
        }
        if trimmed.is_empty() {
            if let Some(section) = &mut current {
                section.body.push(String::new());
            }
            continue;
        }
        if fresh && !markdown {
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
    (sections, dates)
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

/// Below this share of a heading's words, a title alone names no talk.
const TITLE_ONLY_MATCH: f64 = 0.5;

/// The notebook's talks as headings are matched against them, prepared once per import:
/// thousands of headings against a thousand talks take a moment, not minutes.
struct Matcher {
    /// Each talk's id and day, in notebook order.
    talks: Vec<Candidate>,
    /// Talks by their start (hour, minute).
    by_time: HashMap<(u32, u32), Vec<usize>>,
    /// Every distinct word of the talks, with the talks that have it.
    vocabulary: HashMap<String, Vec<usize>>,
    /// For each heading word seen so far: the talks with a word it stands for.
    stands_for: HashMap<String, Vec<usize>>,
}

struct Candidate {
    id: String,
    date: NaiveDate,
    start: chrono::NaiveDateTime,
    end: chrono::NaiveDateTime,
}

impl Matcher {
    fn new(notebook: &Notebook) -> Matcher {
        let mut matcher = Matcher {
            talks: Vec::new(),
            by_time: HashMap::new(),
            vocabulary: HashMap::new(),
            stands_for: HashMap::new(),
        };
        for day in &notebook.days {
            for talk in &day.talks {
                let at = matcher.talks.len();
                let words = words(&format!("{} {}", talk.title, talk.speakers.join(" ")));
                for word in &words {
                    let talks = matcher.vocabulary.entry(word.clone()).or_default();
                    if talks.last() != Some(&at) {
                        talks.push(at);
                    }
                }
                let start = (talk.start.hour(), talk.start.minute());
                matcher.by_time.entry(start).or_default().push(at);
                matcher.talks.push(Candidate {
                    id: talk.id.clone(),
                    date: day.date,
                    start: talk.start,
                    end: talk.end,
                });
            }
        }
        matcher
    }

    /// The talks with a word that `heading_word` stands for (see [`same_word`]).
    fn talks_for(&mut self, heading_word: &str) -> &[usize] {
        if !self.stands_for.contains_key(heading_word) {
            let mut talks: Vec<usize> = self
                .vocabulary
                .iter()
                .filter(|(word, _)| same_word(heading_word, word))
                .flat_map(|(_, talks)| talks.iter().copied())
                .collect();
            talks.sort_unstable();
            talks.dedup();
            self.stands_for.insert(heading_word.to_string(), talks);
        }
        &self.stands_for[heading_word]
    }

    /// The talk a section belongs to: by its time (and the closest title among the
    /// talks then), else a talk running then whose title it names (FlaskCon's block all
    /// afternoon), else by its title alone. Of equals, the one on `prefer` (the day of
    /// the section before) wins, then the first in the notebook.
    fn find(&mut self, section: &Section, prefer: Option<NaiveDate>) -> Option<usize> {
        let heading = words(&section.title);
        let on_the_day = |talk: &Candidate| section.date.is_none_or(|date| talk.date == date);
        // How many of the heading's words each talk has.
        let mut found: HashMap<usize, usize> = HashMap::new();
        for word in &heading {
            for &talk in self.talks_for(word) {
                *found.entry(talk).or_default() += 1;
            }
        }
        let score = |talk: usize| match heading.len() {
            0 => 0.0,
            n => found.get(&talk).copied().unwrap_or(0) as f64 / n as f64,
        };
        let preferred = |talk: usize| prefer == Some(self.talks[talk].date);
        let best = |candidates: &mut dyn Iterator<Item = usize>| {
            candidates.fold(None, |best: Option<(f64, usize)>, talk| {
                let score = score(talk);
                match best {
                    Some((top, _)) if top > score => best,
                    Some((top, kept)) if top == score && (preferred(kept) || !preferred(talk)) => {
                        Some((top, kept))
                    }
                    _ => Some((score, talk)),
                }
            })
        };
        if let Some(time) = section.time {
            let at_that_time: Vec<usize> = self
                .by_time
                .get(&(time.hour(), time.minute()))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&talk| on_the_day(&self.talks[talk]))
                .collect();
            if let [only] = at_that_time[..] {
                return Some(only);
            }
            if let Some((score, talk)) = best(&mut at_that_time.into_iter())
                && (score > 0.0 || heading.is_empty())
            {
                return Some(talk);
            }
            let mut running: Vec<usize> = found
                .keys()
                .copied()
                .filter(|&talk| {
                    let candidate = &self.talks[talk];
                    let at = candidate.date.and_time(time);
                    on_the_day(candidate) && candidate.start <= at && at < candidate.end
                })
                .collect();
            running.sort_unstable();
            if let Some((score, talk)) = best(&mut running.into_iter())
                && score > 0.0
            {
                return Some(talk);
            }
        }
        let mut candidates = found
            .keys()
            .copied()
            .filter(|&talk| on_the_day(&self.talks[talk]))
            .collect::<Vec<_>>();
        candidates.sort_unstable();
        match best(&mut candidates.into_iter()) {
            Some((score, talk)) if score >= TITLE_ONLY_MATCH => Some(talk),
            _ => None,
        }
    }
}

/// The words of `text` as written, lowercase: every run of letters and digits.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Whether a heading says nothing but what its talk says: every word of it is a word of
/// the talk's title or speakers (the time and an export's `· attended` aside). Else the
/// heading carries words of the person's own (`11:00 Opening - boring, left early`)
/// and is kept at the top of the talk's notes.
fn heading_is_the_talk(section: &Section, talk: &crate::model::Talk) -> bool {
    // talkbook's export writes `title — speakers (room)`.
    let talk_words: HashSet<String> = tokens(&talk.title)
        .chain(talk.speakers.iter().flat_map(|speaker| tokens(speaker)))
        .chain(tokens(&talk.room))
        .collect();
    tokens(&section.title).all(|word| talk_words.contains(&word))
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
                "pycon-5",
                "pycon-7",
                "local-1",
                "pycon-17",
                "pycon-29",
                "pycon-34",
                "pycon-37",
                "pycon-46",
                "pycon-53",
                "day notes false",
            ]
        );
        assert_eq!(report.counts(), (9, 1, 0));
        let keynote = notebook.talk("pycon-5").unwrap();
        assert!(
            keynote.notes.starts_with("Founder of Black Python Devs"),
            "{}",
            keynote.notes
        );
        assert_eq!(keynote.state, TalkState::Attended);
        let monsters = notebook.talk("pycon-37").unwrap();
        assert_eq!(monsters.state, TalkState::Skipped);
        assert_eq!(monsters.notes, "ended up not attending");
        let lightning = notebook.talk("pycon-53").unwrap();
        assert_eq!(
            lightning.state,
            TalkState::Attended,
            "spoke, no notes: attended"
        );
        assert!(talk_notes(&notebook, "pycon-7").contains(
            "- [ ] note to self: post-talk to more research on the mock features described here."
        ));
        assert!(talk_notes(&notebook, "pycon-29").contains(
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
        let markdown = "# My PyCon notes\n\n## Friday, 17 May 2024\n\n\
            ### 9:45 Keynote\nRepresentation matters.\n\n\
            ### 11:00 – Mocking without tears\nautospec!\nTODO: read the unittest.mock docs\n\n\
            ### Flask SPA talk (Adam Englander)\nQuart is async Flask.\n\n\
            ### Rust linter talk\n- [ ] try ruff on our repo\n\n\
            ### Hallway track\nMet the PyCharm folks.\n";
        let mut notebook = demo_notebook();
        let report = import_notes(&mut notebook, markdown);
        for section in &report.sections {
            println!("{section}");
        }
        // The document's title matches no talk: it is kept in the day notes.
        assert_eq!(report.counts(), (4, 0, 2));
        assert_eq!(
            talk_notes(&notebook, "pycon-5"),
            "Representation matters.",
            "a heading that only names its talk is the talk"
        );
        // Headings with words of their own are kept above the notes.
        assert_eq!(
            talk_notes(&notebook, "pycon-7"),
            "11:00 – Mocking without tears\nautospec!\nTODO: read the unittest.mock docs"
        );
        assert_eq!(
            talk_notes(&notebook, "local-1"),
            "Flask SPA talk (Adam Englander)\nQuart is async Flask."
        );
        assert_eq!(
            talk_notes(&notebook, "pycon-17"),
            "Rust linter talk\n- [ ] try ruff on our repo"
        );
        assert_eq!(
            notebook.days[0].notes,
            "My PyCon notes\n\nHallway track\nMet the PyCharm folks."
        );
    }

    #[test]
    fn stamps_linked_by_the_export_come_back_as_typed() {
        assert_eq!(
            unlink_stamps(
                "at [+12:34](https://media.ccc.de/v/x#t=754) the demo, [+1](y)",
                "https://media.ccc.de/v/x"
            ),
            "at [+12:34] the demo, [+1](y)"
        );
        let other = "at [+12:34](https://media.ccc.de/v/other#t=754)";
        assert_eq!(unlink_stamps(other, "https://media.ccc.de/v/x"), other);
        assert_eq!(
            unlink_stamps(other, ""),
            other,
            "day notes keep the address"
        );
        let mut notebook = demo_notebook();
        import_notes(
            &mut notebook,
            "### 11:00–11:30 · Mock It\n\nRecording: <https://youtu.be/abc>\n\n[+02:00](https://youtu.be/abc?t=120) autospec\n",
        );
        let talk = notebook.talk("pycon-7").unwrap();
        assert_eq!(talk.recording, "https://youtu.be/abc");
        assert_eq!(talk.notes, "[+02:00] autospec");
    }

    /// Every non-empty line of `text` is in `notebook` after `report`'s import: in a
    /// note (a follow-up keeps its words behind `- [ ] `, a stamp its digits), or as the
    /// structure it stood for: a day heading as that day, a separator of plain text, the
    /// notebook's own title, a heading that only names its talk as that talk, the
    /// export's recording line as the talk's recording, its follow-up list as the notes
    /// it repeats.
    fn assert_every_line_kept(text: &str, notebook: &Notebook, report: &NotesReport) {
        let text = normalized(text);
        let lines: Vec<&str> = text.lines().collect();
        let markdown = lines
            .iter()
            .any(|l| markdown_heading(l.trim()).is_some_and(|(level, _)| level >= 2));
        let notes: Vec<&str> = notebook
            .days
            .iter()
            .flat_map(|day| {
                std::iter::once(day.notes.as_str())
                    .chain(day.talks.iter().map(|t| t.notes.as_str()))
            })
            .collect();
        let recordings: Vec<&str> = notebook
            .days
            .iter()
            .flat_map(|day| &day.talks)
            .map(|talk| talk.recording.as_str())
            .filter(|r| !r.is_empty())
            .collect();
        let in_notes = |line: &str| {
            std::iter::once(Cow::Borrowed(line))
                .chain(recordings.iter().map(|r| unlink_stamps(line, r)))
                .any(|line| notes.iter().any(|note| note.contains(line.as_ref())))
        };
        // The report's sections by the line they start on, and the list's lines.
        let mut list_lines = std::collections::HashSet::new();
        for (at, section) in report.sections.iter().enumerate() {
            if section.destination == Destination::FollowUpList {
                let end = report
                    .sections
                    .get(at + 1)
                    .map_or(lines.len(), |s| s.line - 1);
                list_lines.extend(section.line..=end);
            }
        }
        for (index, line) in lines.iter().enumerate() {
            let line = line.trim();
            let heading = markdown_heading(line).map_or(line, |(_, heading)| heading);
            if line.is_empty()
                || in_notes(line)
                || in_notes(heading)
                || list_lines.contains(&(index + 1))
            {
                continue;
            }
            let structure = (is_separator(line) && !markdown)
                || parse_date(heading).is_some_and(|date| notebook.day_index(date).is_some())
                || heading.eq_ignore_ascii_case(notebook.title.trim())
                || recording_line(line).is_some_and(|url| recordings.contains(&url))
                || links_line(line).is_some_and(|urls| {
                    urls.iter().all(|(_, url)| {
                        notebook
                            .days
                            .iter()
                            .flat_map(|day| &day.talks)
                            .any(|talk| talk.all_links().iter().any(|link| link.url == *url))
                    })
                })
                || report.sections.iter().any(|section| {
                    section.line == index + 1
                        && !section.heading_kept
                        && matches!(section.destination, Destination::Talk { .. })
                });
            assert!(structure, "line {} lost: {line:?}", index + 1);
        }
    }

    /// Imports `text` twice: every line is kept, and the second time changes nothing.
    fn import_checked(notebook: &mut Notebook, text: &str) -> NotesReport {
        let report = import_notes(notebook, text);
        assert_every_line_kept(text, notebook, &report);
        let once = notebook.clone();
        import_notes(notebook, text);
        if *notebook != once {
            let twice = format!("{:#?}", notebook.days);
            let once = format!("{:#?}", once.days);
            let first = once.lines().zip(twice.lines()).find(|(a, b)| a != b);
            panic!("importing twice is not importing once: {first:?}");
        }
        report
    }

    #[test]
    fn every_line_of_the_example_day_is_kept_with_any_line_ending() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = EXAMPLE_DAY.replace("\r\n", "\n").replace('\n', ending);
            let mut notebook = demo_notebook();
            let report = import_checked(&mut notebook, &text);
            assert_eq!(report.counts(), (9, 1, 0), "{ending:?}");
        }
    }

    #[test]
    fn words_after_a_headings_title_are_kept_with_the_talk() {
        let mut notebook = demo_notebook();
        let report = import_checked(
            &mut notebook,
            "## 11:00 Mock It Till You Make It - boring, left early, ask about the badge\n\nsome notes\n",
        );
        assert!(report.sections[0].heading_kept);
        assert_eq!(
            talk_notes(&notebook, "pycon-7"),
            "11:00 Mock It Till You Make It - boring, left early, ask about the badge\nsome notes"
        );
    }

    #[test]
    fn a_file_of_carriage_returns_starting_with_a_title_is_read_whole() {
        let text =
            "# Friday at PyCon\r\r## 11:00 Mock It\rautospec is good\r\r## 12:30 Ruff\rfast\r";
        let mut notebook = demo_notebook();
        let report = import_checked(&mut notebook, text);
        assert_eq!(report.counts(), (2, 0, 1), "{:?}", report.sections);
        assert_eq!(talk_notes(&notebook, "pycon-7"), "autospec is good");
        assert_eq!(talk_notes(&notebook, "pycon-17"), "fast");
        assert_eq!(notebook.days[0].notes, "Friday at PyCon");
    }

    #[test]
    fn recording_lines_and_their_links_are_kept_where_they_are_not_the_talks() {
        let mut notebook = demo_notebook();
        notebook.days[0].talks[1].recording = "https://youtu.be/mine".into();
        let text = "### 11:00–11:30 · Mock It\n\nRecording: <https://youtu.be/other>\n\n[+02:00](https://youtu.be/other?t=120) autospec\n\n\
            ### Hallway\n\nRecording: <https://youtu.be/hall>\n\n[+01:00](https://youtu.be/hall?t=60) chat\n";
        import_checked(&mut notebook, text);
        let talk = notebook.talk("pycon-7").unwrap();
        assert_eq!(talk.recording, "https://youtu.be/mine", "never replaced");
        assert_eq!(
            talk.notes,
            "Recording: <https://youtu.be/other>\n\n[+02:00](https://youtu.be/other?t=120) autospec"
        );
        assert!(
            notebook.days[0].notes.contains(
                "Recording: <https://youtu.be/hall>\n\n[+01:00](https://youtu.be/hall?t=60) chat"
            ),
            "{}",
            notebook.days[0].notes
        );
    }

    #[test]
    fn talkbooks_own_export_comes_back_whole_with_rules_inside_notes() {
        let mut written = demo_notebook();
        let talk = &mut written.days[0].talks[1];
        talk.notes = "before the rule\n---\nafter the rule\n\n***\n- [ ] look up autospec".into();
        talk.state = TalkState::Attended;
        talk.recording = "https://youtu.be/abc".into();
        talk.links = vec![crate::model::Link {
            title: "Slides [v2]".into(),
            url: "https://example.org/slides (final).pdf".into(),
        }];
        written.days[0].talks[2].notes = "[+01:02] a stamp\n=====\nend".into();
        written.days[0].talks[2].state = TalkState::Skipped;
        written.days[0].notes = "hallway\n---\ntrack".into();
        let export = crate::export::to_markdown(&written, crate::export::ExportOptions::default());
        let mut fresh = demo_notebook();
        import_checked(&mut fresh, &export);
        for (a, b) in written.days[0].talks.iter().zip(&fresh.days[0].talks) {
            assert_eq!(a.notes, b.notes, "{}", a.title);
            // (A title's brackets do not survive a markdown link.)
            let urls = |talk: &crate::model::Talk| -> Vec<String> {
                talk.all_links().into_iter().map(|link| link.url).collect()
            };
            assert_eq!(urls(a), urls(b), "{}", a.title);
            assert_eq!(a.state, b.state, "{}", a.title);
            assert_eq!(a.recording, b.recording, "{}", a.title);
        }
        assert_eq!(fresh.days[0].notes, written.days[0].notes);
    }

    #[test]
    fn text_before_an_earlier_day_than_the_notebooks_goes_to_the_same_day_every_time() {
        let mut notebook = demo_notebook();
        import_checked(
            &mut notebook,
            "a tip before any day\n\n## Thursday, 16 May 2024\n\n### Tutorial\nnotes of the day before\n",
        );
        let thursday = notebook.day_index(NaiveDate::from_ymd_opt(2024, 5, 16).unwrap());
        assert!(
            notebook.days[thursday.unwrap()]
                .notes
                .starts_with("a tip before any day")
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        /// Files made of the lines people and talkbook write, in any order, with any
        /// line endings and multi-byte text: nothing panics, every line is kept, and a
        /// second import changes nothing.
        #[test]
        fn any_notes_file_keeps_every_line_and_twice_is_once(
            lines in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just("=====".to_string()),
                proptest::prelude::Just("---".to_string()),
                proptest::prelude::Just("## Saturday, 18 May 2024".to_string()),
                proptest::prelude::Just("## Thursday, 16 May 2024".to_string()),
                proptest::prelude::Just("## +262142-12-31".to_string()),
                proptest::prelude::Just("# PyCon US 2024 (Saturday)".to_string()),
                proptest::prelude::Just("## Follow-ups".to_string()),
                proptest::prelude::Just("- [ ] look up autospec — Mock It (11:00)".to_string()),
                proptest::prelude::Just("Recording: <https://youtu.be/abc>".to_string()),
                proptest::prelude::Just("[+02:00](https://youtu.be/abc?t=120) demo".to_string()),
                proptest::prelude::Just("note to self: read the docs".to_string()),
                proptest::prelude::Just("ended up not attending".to_string()),
                "(##? )?(1100|11:00|9am|12:30|1:05pm) - [A-Za-z ]{0,20}",
                "### [A-Za-zéß中😀K İ\u{301}\u{200b} ]{1,30}",
                "[A-Za-z0-9éß中😀K İ\u{301}\u{200b}\t .,:!?-]{1,60}",
                proptest::prelude::Just(String::new()),
            ], 0..40),
            ending in proptest::prop_oneof![
                proptest::prelude::Just("\n"),
                proptest::prelude::Just("\r\n"),
                proptest::prelude::Just("\r"),
            ],
        ) {
            let text = lines.join(ending);
            let mut notebook = demo_notebook();
            import_checked(&mut notebook, &text);
        }
    }

    #[test]
    fn notes_are_appended_never_replaced() {
        let mut notebook = demo_notebook();
        notebook.days[0].talks[1].notes = "typed in talkbook".into();
        import_notes(&mut notebook, "1100 - Mock It\n\nfrom the laptop\n");
        assert_eq!(
            talk_notes(&notebook, "pycon-7"),
            "typed in talkbook\n\nfrom the laptop"
        );
    }
}
