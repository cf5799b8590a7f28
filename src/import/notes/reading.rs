//! Reading the file: sections split at separator lines and markdown headings, and the
//! time, title and mark a heading gives.

use chrono::{NaiveDate, NaiveTime};

use crate::model::{Rating, TalkState};
use crate::text::clean_text;

/// One section of the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Section {
    /// Line of the file where it starts (1-based).
    pub(super) line: usize,
    /// The heading as written, if the section has one.
    pub(super) heading: Option<String>,
    /// The time the heading names.
    pub(super) time: Option<NaiveTime>,
    /// The heading without its time and marks: what is compared with talk titles.
    pub(super) title: String,
    /// A state the heading carries (talkbook's export writes `· attended`).
    pub(super) state: Option<TalkState>,
    /// A rating the heading carries (`· ★★`).
    pub(super) rating: Option<Rating>,
    /// The day it is under (a markdown day heading before it).
    pub(super) date: Option<NaiveDate>,
    /// A `# Title` at the top of the file: the document's name, never a talk's.
    pub(super) document_title: bool,
    pub(super) body: Vec<String>,
}

pub(super) fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3
        && ['=', '-', '*', '_']
            .iter()
            .any(|c| line.chars().all(|x| x == *c))
}

/// `## Saturday, 18 May 2024`, `2024-05-18`, `18 May 2024`, `May 18, 2024`.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
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
pub(super) fn leading_time(text: &str) -> Option<(NaiveTime, &str)> {
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
pub(super) fn leading_number(text: &str, len: usize) -> Option<(u32, &str)> {
    let (digits, rest) = text.split_at_checked(len)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

pub(super) fn one_time(text: &str) -> Option<(NaiveTime, &str)> {
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
pub(super) fn read_heading(text: &str) -> (Option<NaiveTime>, String, Option<TalkState>) {
    let text = text.trim().trim_start_matches('#').trim();
    let (time, mut title) = match leading_time(text) {
        Some((time, rest)) => (Some(time), rest.to_string()),
        None => (None, text.to_string()),
    };
    let mut state = None;
    if let Some((rest, _)) = rating_suffix(&title) {
        title = rest.to_string();
    }
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
        if let Some((rest, _)) = rating_suffix(&title) {
            title = rest.to_string();
        }
    }
    (time, title.trim().to_string(), state)
}

/// The rating talkbook's export puts in a heading (`… · attended · ★★`).
pub(super) fn read_rating(heading: &str) -> Option<Rating> {
    let heading = heading.trim();
    let heading = heading
        .strip_suffix(" · removed from schedule")
        .unwrap_or(heading);
    rating_suffix(heading).map(|(_, rating)| rating)
}

/// `text` without a ` · ★★` at its end, and the rating.
fn rating_suffix(text: &str) -> Option<(&str, Rating)> {
    let (rest, stars) = text.rsplit_once(" · ")?;
    let count = stars.chars().count();
    (count > 0 && stars.chars().all(|c| c == '★'))
        .then(|| u8::try_from(count).ok().and_then(Rating::new))
        .flatten()
        .map(|rating| (rest, rating))
}

/// Whether the first line of a section without a markdown heading is its heading: it
/// names a time, or it is short and stands on a line of its own.
pub(super) fn looks_like_heading(line: &str, next: Option<&str>) -> bool {
    let line = line.trim();
    if leading_time(line).is_some() {
        return true;
    }
    let alone = next.is_none_or(|next| next.trim().is_empty());
    alone && line.chars().count() <= 80 && !line.ends_with(['.', '!', '?', ',', ';'])
}

/// A markdown heading line (`# …` to `###### …`): its level and its text.
pub(super) fn markdown_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    let text = line.get(level..)?;
    ((1..=6).contains(&level) && (text.is_empty() || text.starts_with(char::is_whitespace)))
        .then(|| (level, text.trim()))
}

/// The file's text with every line ending made `\n` (CRLF from Windows, a lone CR from
/// old Mac editors) and control characters removed.
pub(super) fn normalized(text: &str) -> String {
    clean_text(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

/// The file as sections, and the days its day headings name. `title` is the
/// notebook's: a first `# Title` that names it is the document's own title (talkbook's
/// export), not a section.
pub(super) fn sections(text: &str, title: &str) -> (Vec<Section>, Vec<NaiveDate>) {
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
            rating: heading.and_then(read_rating),
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
