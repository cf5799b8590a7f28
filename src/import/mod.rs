//! Importing published conference schedules: pretalx/frab/c3voc `schedule.json`, frab
//! `schedule.xml` and iCalendar. Each parser turns its format into a [`Schedule`]; the
//! format is detected from the content, never the file name. Every string is cleaned of
//! control and escape characters here, before it is stored or drawn.

mod decode;
mod html;
mod ical;
mod json;
pub mod loading;
pub mod merge;
pub mod notes;
mod tzid;
mod xml;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Datelike as _, NaiveDate, Utc};
use thiserror::Error;

use crate::files::{FileRefusal, read_regular_file};
use crate::model::{Link, years};
pub(crate) use crate::text::line_column;
use crate::text::{clean_line, clean_text, floor_char_boundary};

pub use merge::{MergeSummary, import_into, merge_into, to_notebook};

/// Inputs larger than this are refused: no real schedule comes close.
pub const MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;

/// Abstracts are kept up to this size (real ones are a few kilobytes): a hostile 40 MB
/// one would otherwise be carried in every save and laid out on every frame.
pub const MAX_ABSTRACT_BYTES: usize = 32 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    ScheduleJson,
    FrabXml,
    ICalendar,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::ScheduleJson => "schedule JSON",
            Format::FrabXml => "frab XML",
            Format::ICalendar => "iCalendar",
        }
    }
}

/// A conference schedule as read from a file, before it becomes (or updates) a notebook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub title: String,
    /// The conference's zone as the file gives it: an IANA name or an offset like `+01:00`.
    pub time_zone: Option<String>,
    pub events: Vec<Event>,
    /// All-day iCalendar entries, which are not talks and are left out.
    pub skipped_all_day: usize,
    /// Repeating iCalendar events (RRULE), whose repetitions are not expanded: left out
    /// (their changed occurrences, which have their own VEVENT, are kept).
    pub skipped_repeating: usize,
    /// Cancelled iCalendar events (`STATUS:CANCELLED`), left out.
    pub skipped_cancelled: usize,
    /// Events without a start (iCalendar `DTSTART`, schedule2 `start`), left out.
    pub skipped_no_start: usize,
    /// Breaks, meals, registration and announcements: not talks, left out.
    pub skipped_breaks: usize,
    /// Events whose file gives no length at all (an empty `<duration>`): kept, with none.
    pub no_length: usize,
    /// Events whose length could not be read (`"duration": "-01:00"`), each named with
    /// what it said: they are kept, with no length.
    pub bad_lengths: Vec<String>,
    /// Abstracts longer than [`MAX_ABSTRACT_BYTES`], cut there.
    pub cut_abstracts: usize,
    /// Anything else the person should know: a time zone read another way than named.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Event {
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The conference day the schedule files it under (a 01:00 talk can belong to the
    /// day before); `None` when the format has no days.
    pub day: Option<NaiveDate>,
    pub title: String,
    pub speakers: Vec<String>,
    pub room: String,
    pub track: String,
    pub abstract_text: String,
    pub link: String,
    /// The talk's recording, when the schedule names one (a link titled as a video, a
    /// media.ccc.de or YouTube address, c3voc's video fields).
    pub recording: String,
    /// The file gave a clock time without a zone, read in the schedule's zone (or UTC):
    /// a notebook in another zone shows it as that clock time, not converted.
    pub floating: bool,
    /// Slides, resources and pages the schedule names (not the recording, not `link`).
    pub links: Vec<Link>,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("no file at {0}")]
    NotFound(String),
    #[error(
        "{0} is not a regular file (a pipe, a device or a folder); give a schedule file or an http(s):// URL"
    )]
    NotAFile(String),
    #[error("cannot read {source_name}: {reason}")]
    Read { source_name: String, reason: String },
    #[error("{0} is larger than the {limit} MB limit for schedules", limit = MAX_INPUT_BYTES / 1024 / 1024)]
    TooLarge(String),
    #[error("{0} is not a schedule talkbook can read: it is {1}")]
    NotText(String, String),
    #[error("{0}: not a schedule talkbook knows; it reads {SHAPES}")]
    UnknownFormat(String),
    #[error("{source_name}: not a schedule talkbook knows: {found}; it reads {SHAPES}")]
    NotASchedule { source_name: String, found: String },
    #[error("{}: malformed {format}: {message}", at(source_name, *position))]
    Malformed {
        source_name: String,
        format: &'static str,
        /// Line and column, where the parser knows them.
        position: Option<(usize, usize)>,
        message: String,
    },
    #[error("{0}: the schedule has no events")]
    Empty(String),
    #[error(
        "unknown time zone {0:?}: use an IANA name like Europe/Berlin or an offset like +01:00"
    )]
    BadTimeZone(String),
}

fn at(source_name: &str, position: Option<(usize, usize)>) -> String {
    match position {
        Some((line, column)) => format!("{source_name}:{line}:{column}"),
        None => source_name.to_string(),
    }
}

/// The shapes of schedule talkbook reads, for messages.
pub const SHAPES: &str = "frab/pretalx schedule.json and schedule.xml, c3voc schedule2 JSON, pretalx's widget JSON, PyCon US conference.json, Sessionize JSON (All, Schedule grid, Sessions), Indico timetable JSON and iCalendar (.ics)";

/// A parse problem, before the source name is known.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// Well-formed, but not a shape of schedule talkbook knows.
    pub unknown_shape: bool,
}

impl ParseError {
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ParseError {
            position: Some((line, column)),
            message: message.into(),
            unknown_shape: false,
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        ParseError {
            position: None,
            message: message.into(),
            unknown_shape: false,
        }
    }

    /// Valid JSON or XML of a shape talkbook does not read: `found` says what it is.
    pub fn unknown_shape(found: impl Into<String>) -> Self {
        ParseError {
            position: None,
            message: found.into(),
            unknown_shape: true,
        }
    }
}

impl Schedule {
    /// What the person should know about this import besides what it merged, one line
    /// each: what was left out, by kind, and what was read another way than written.
    pub fn report(&self) -> Vec<String> {
        let mut left_out = Vec::new();
        if self.skipped_all_day > 0 {
            left_out.push(counted(
                self.skipped_all_day,
                "all-day entry",
                "all-day entries",
            ));
        }
        if self.skipped_repeating > 0 {
            left_out.push(format!(
                "{} (their repetitions are not expanded; changed occurrences are kept)",
                counted(
                    self.skipped_repeating,
                    "repeating event",
                    "repeating events"
                )
            ));
        }
        if self.skipped_cancelled > 0 {
            left_out.push(counted(
                self.skipped_cancelled,
                "cancelled event",
                "cancelled events",
            ));
        }
        if self.skipped_breaks > 0 {
            left_out.push(counted(
                self.skipped_breaks,
                "break (meals, registration, announcements)",
                "breaks (meals, registration, announcements)",
            ));
        }
        if self.skipped_no_start > 0 {
            left_out.push(format!(
                "{} without a start time",
                counted(self.skipped_no_start, "event", "events")
            ));
        }
        let mut lines = Vec::new();
        if !left_out.is_empty() {
            lines.push(format!("Left out: {}.", left_out.join(", ")));
        }
        if let Some(first) = self.bad_lengths.first() {
            let more = match self.bad_lengths.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            lines.push(format!(
                "{} a length that could not be read, kept without one: {first}{more}.",
                counted(self.bad_lengths.len(), "event has", "events have")
            ));
        }
        if self.no_length > 0 {
            lines.push(format!(
                "{} no length in the file, kept without one.",
                counted(self.no_length, "event has", "events have")
            ));
        }
        if self.cut_abstracts > 0 {
            lines.push(format!(
                "{} longer than {} KB, cut there (the talk's link has the whole text).",
                counted(self.cut_abstracts, "abstract was", "abstracts were"),
                MAX_ABSTRACT_BYTES / 1024
            ));
        }
        lines.extend(self.warnings.iter().cloned());
        lines
    }
}

/// `1 talk`, `3 talks`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Cuts `text` to at most [`MAX_ABSTRACT_BYTES`], at a line or word end where there is
/// one near, and says so at the end; `false` if it was short enough.
fn cut_abstract(text: &mut String) -> bool {
    if text.len() <= MAX_ABSTRACT_BYTES {
        return false;
    }
    let mut end = floor_char_boundary(text, MAX_ABSTRACT_BYTES);
    let near = floor_char_boundary(text, end.saturating_sub(1024));
    if let Some(space) = text
        .get(near..end)
        .and_then(|tail| tail.rfind(char::is_whitespace))
    {
        end = near + space;
    }
    let whole = text.len();
    text.truncate(end);
    text.push_str(&format!(
        "\n\n[… cut: the abstract has {} KB; talkbook keeps the first {} KB]",
        whole / 1024,
        MAX_ABSTRACT_BYTES / 1024
    ));
    true
}

/// One description from frab's separate fields: subtitle, abstract, description.
pub(crate) fn combine_abstract(parts: &[&str]) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !kept.contains(&part) {
            kept.push(part);
        }
    }
    kept.join("\n\n")
}

pub fn detect(text: &str) -> Option<Format> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with(['{', '[']) {
        Some(Format::ScheduleJson)
    } else if start.starts_with('<') && text.contains("<schedule") {
        Some(Format::FrabXml)
    } else if start
        .get(..15)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        Some(Format::ICalendar)
    } else {
        None
    }
}

/// Parses schedule text of any supported format. `source_name` names it in errors.
/// Every event gets an id of its own. An id (guid, UID) names one event in a well-made
/// schedule, but hand-made calendars give a whole track one UID, every changed
/// occurrence of a repeating event shares its UID, and some JSON exports repeat guids:
/// those get the id plus the occurrence they replace (`RECURRENCE-ID`) or their start,
/// which stay the same from one import to the next.
pub(crate) fn distinct_ids(events: &mut [(Event, Option<String>)]) {
    let mut uses: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (event, _) in events.iter() {
        *uses.entry(event.id.clone()).or_default() += 1;
    }
    let mut taken = std::collections::HashSet::new();
    for (event, recurrence) in events.iter_mut() {
        if uses[&event.id] > 1 || recurrence.is_some() {
            let occurrence = recurrence
                .clone()
                .unwrap_or_else(|| event.start.format("%Y%m%dT%H%M%SZ").to_string());
            event.id = format!("{}#{occurrence}", event.id);
        }
        let base = event.id.clone();
        let mut n = 2;
        while !taken.insert(event.id.clone()) {
            event.id = format!("{base}#{n}");
            n += 1;
        }
    }
}

pub fn parse(source_name: &str, text: &str) -> Result<Schedule, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let format = detect(text).ok_or_else(|| ImportError::UnknownFormat(source_name.into()))?;
    let parsed = match format {
        Format::ScheduleJson => json::parse(text),
        Format::FrabXml => xml::parse(text),
        Format::ICalendar => ical::parse(text),
    };
    let mut schedule = parsed.map_err(|error| match error.unknown_shape {
        true => ImportError::NotASchedule {
            source_name: source_name.into(),
            found: error.message,
        },
        false => ImportError::Malformed {
            source_name: source_name.into(),
            format: format.name(),
            position: error.position,
            message: error.message,
        },
    })?;
    if schedule.events.is_empty() {
        return Err(ImportError::Empty(source_name.into()));
    }
    if let Some((event, year)) = schedule.events.iter().find_map(|event| {
        event_years(event)
            .find(|year| !(years::FIRST_YEAR..=years::LAST_YEAR).contains(year))
            .map(|year| (event, year))
    }) {
        return Err(ImportError::Malformed {
            source_name: source_name.into(),
            format: format.name(),
            position: Some(line_column(text, where_year_is(text, &event.id, year))),
            message: format!(
                "event {:?} ({:?}): {}",
                event.id,
                clip(&event.title),
                years::out_of_range(year)
            ),
        });
    }
    for event in &mut schedule.events {
        event.id = schedule_id(&event.id);
    }
    if format != Format::ICalendar {
        // iCalendar gave its repeated UIDs their own ids already (with RECURRENCE-ID).
        let mut events: Vec<(Event, Option<String>)> = std::mem::take(&mut schedule.events)
            .into_iter()
            .map(|event| (event, None))
            .collect();
        distinct_ids(&mut events);
        schedule.events = events.into_iter().map(|(event, _)| event).collect();
    }
    if schedule.title.trim().is_empty() {
        schedule.title = title_from_source(source_name);
    }
    clean(&mut schedule);
    Ok(schedule)
}

/// A title for a schedule that names none (pretalx's widget, Indico, Sessionize): the
/// event's part of its address (`…/devopsdays-lima-2026/schedule/widgets/schedule.json`),
/// or the file's name.
fn title_from_source(source: &str) -> String {
    let path = source.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let before_schedule = parts
        .iter()
        .position(|part| *part == "schedule" || *part == "export")
        .and_then(|at| at.checked_sub(1))
        .and_then(|at| parts.get(at))
        .filter(|part| !part.contains(':') && !part.contains('.'));
    let name = before_schedule.copied().or_else(|| {
        parts
            .last()
            .map(|file| file.rsplit_once('.').map_or(*file, |(stem, _)| stem))
    });
    name.filter(|name| !name.is_empty())
        .unwrap_or("Imported schedule")
        .to_string()
}

/// The id a schedule's event keeps: its own, unless it looks like the id of a talk
/// added by hand (`local-1`), which it must never meet: that gets `schedule-` before it.
pub(crate) fn schedule_id(id: &str) -> String {
    if id.starts_with(crate::model::LOCAL_ID_PREFIX) {
        format!("schedule-{id}")
    } else {
        id.to_string()
    }
}

/// The years of an event's start, end and conference day.
fn event_years(event: &Event) -> impl Iterator<Item = i32> {
    [event.start.year(), event.end.year()]
        .into_iter()
        .chain(event.day.map(|day| day.year()))
}

/// Where a far `year` is written in `text`: its digits after the event's id (the first
/// occurrence of both), or the id itself, or the start. Parsers keep no positions past
/// their syntax check, and a date is the only place such digits stand in a schedule.
fn where_year_is(text: &str, id: &str, year: i32) -> usize {
    let after_id = text.find(id).unwrap_or(0);
    let digits = year.unsigned_abs().to_string();
    text.get(after_id..)
        .and_then(|rest| rest.find(&digits))
        .map(|at| after_id + at)
        .or_else(|| text.find(&digits))
        .unwrap_or(after_id)
}

/// Strips control and escape characters from everything the file said, and turns HTML
/// abstracts into readable text.
fn clean(schedule: &mut Schedule) {
    let line = |text: &mut String| *text = clean_line(text.trim()).into_owned();
    line(&mut schedule.title);
    for event in &mut schedule.events {
        line(&mut event.id);
        // Titles are cleaned like abstracts: a SUMMARY with `\n` escapes and raw HTML
        // (`<a href=…>`) becomes one line of plain text.
        if event.title.contains(['<', '&', '\n', '\r']) {
            let plain = html::to_text(&event.title);
            event.title = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        line(&mut event.title);
        for link in &mut event.links {
            line(&mut link.title);
            line(&mut link.url);
        }
        event.links.retain(|link| is_web_address(&link.url));
        event.links.dedup();
        line(&mut event.room);
        line(&mut event.track);
        line(&mut event.link);
        line(&mut event.recording);
        event.speakers.iter_mut().for_each(line);
        event.speakers.retain(|s| !s.is_empty());
        // Cut before the HTML pass too, so a huge abstract costs no more than a short one.
        let mut raw = std::mem::take(&mut event.abstract_text);
        let cut = cut_abstract(&mut raw);
        event.abstract_text = clean_text(&html::to_text(&raw)).trim().to_string();
        cut_abstract(&mut event.abstract_text);
        schedule.cut_abstracts += usize::from(cut);
    }
}

/// An instant with its offset: RFC 3339 (`2024-05-17T09:45:00-04:00`, `…Z`), or an
/// offset written without a colon (`+0100`), as some frab-like producers write it.
pub(crate) fn instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%z"))
        .ok()
        .map(|instant| instant.to_utc())
}

/// The offset written in such a time, like `+01:00`.
pub(crate) fn offset_of(text: &str) -> Option<String> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%z"))
        .ok()
        .map(|time| time.offset().to_string())
}

/// Whether a link is one a browser opens: `http(s)://`.
pub(crate) fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Whether a source is fetched over HTTP rather than read from a file.
pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Reads and parses the schedule at a file path or URL.
pub fn load(source: &str) -> Result<Schedule, ImportError> {
    parse(source, &read_source(source)?)
}

/// Reads a schedule from a file path or an `http(s)://` URL, refusing huge inputs.
pub fn read_source(source: &str) -> Result<String, ImportError> {
    let bytes = if is_url(source) {
        fetch(source)?
    } else {
        read_file(Path::new(source), source)?
    };
    decode::decode(&bytes).map_err(|what| ImportError::NotText(source.into(), what))
}

fn read_file(path: &Path, source: &str) -> Result<Vec<u8>, ImportError> {
    read_regular_file(path, MAX_INPUT_BYTES).map_err(|refusal| match refusal {
        FileRefusal::NotFound => ImportError::NotFound(source.into()),
        FileRefusal::NotAFile => ImportError::NotAFile(source.into()),
        FileRefusal::TooLarge(_) => ImportError::TooLarge(source.into()),
        FileRefusal::Read(error) => ImportError::Read {
            source_name: source.into(),
            reason: error.to_string(),
        },
    })
}

fn fetch(url: &str) -> Result<Vec<u8>, ImportError> {
    let failed = |reason: String| ImportError::Read {
        source_name: url.into(),
        reason,
    };
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .build(),
    );
    let mut response = agent
        .get(url)
        .call()
        .map_err(|error| failed(error.to_string()))?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_INPUT_BYTES)
        .read_to_vec()
        .map_err(|error| match error {
            ureq::Error::BodyExceedsLimit(_) => ImportError::TooLarge(url.into()),
            other => failed(other.to_string()),
        })
}

/// Hosts that serve talk recordings.
const VIDEO_HOSTS: &[&str] = &[
    "media.ccc.de",
    "youtube.com",
    "www.youtube.com",
    "youtu.be",
    "vimeo.com",
    "video.fosdem.org",
    "archive.org",
];

/// Whether a link a schedule gives for a talk is its recording: its title says video or
/// recording, or it is on a host that serves talk videos.
pub(crate) fn is_recording(url: &str, title: &str) -> bool {
    let title = title.to_lowercase();
    let url_lower = url.to_lowercase();
    let host = url_lower
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_default();
    let titled = ["video", "recording", "aufzeichnung", "vod"]
        .iter()
        .any(|word| title.contains(word));
    (url_lower.starts_with("http://") || url_lower.starts_with("https://"))
        && (titled || VIDEO_HOSTS.contains(&host))
}

/// A title short enough for a message.
pub(crate) fn clip(title: &str) -> String {
    crate::text::clip(title, 60)
}

/// The end of an event that starts at `start` and lasts `given` (`HH:MM`). A length that
/// cannot be read is noted in `bad_lengths` (with the field's `name` and the event's
/// `title`), and the event gets none.
pub(crate) fn end_after(
    start: DateTime<Utc>,
    given: &str,
    name: &str,
    title: &str,
    bad_lengths: &mut Vec<String>,
) -> DateTime<Utc> {
    match parse_duration(given) {
        Length::Given(duration) => start.checked_add_signed(duration).unwrap_or(start),
        Length::Missing => start,
        Length::Unreadable => {
            bad_lengths.push(format!("{:?} has {name} {:?}", clip(title), given.trim()));
            start
        }
    }
}

/// The longest a schedule entry may last: a camp's "open all week" entry is real, a
/// year is a typo.
const MAX_LENGTH_DAYS: i64 = 31;

/// What a schedule's `duration` says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Length {
    Given(chrono::Duration),
    /// No duration at all: the talk has no length, and nothing is wrong.
    Missing,
    /// A duration that is negative, not a clock, or longer than [`MAX_LENGTH_DAYS`].
    Unreadable,
}

/// Parses `HH:MM` or `HH:MM:SS` (frab and pretalx durations; hours may pass 24).
pub(crate) fn parse_duration(text: &str) -> Length {
    let text = text.trim();
    if text.is_empty() {
        return Length::Missing;
    }
    let parts: Option<Vec<i64>> = text
        .split(':')
        .map(|part| {
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<i64>().ok())
                .flatten()
        })
        .collect();
    // Checked: a hostile "99999999999999999:00" must not overflow.
    let clock = |hours: i64, minutes: i64, seconds: i64| {
        hours
            .checked_mul(3600)?
            .checked_add(minutes.checked_mul(60)?)?
            .checked_add(seconds)
    };
    let seconds = match parts.as_deref() {
        Some([hours, minutes]) if *minutes < 60 => clock(*hours, *minutes, 0),
        Some([hours, minutes, seconds]) if *minutes < 60 && *seconds < 60 => {
            clock(*hours, *minutes, *seconds)
        }
        _ => None,
    };
    match seconds {
        Some(seconds) if seconds <= MAX_LENGTH_DAYS * 24 * 3600 => {
            Length::Given(chrono::Duration::seconds(seconds))
        }
        _ => Length::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_from_content() {
        assert_eq!(
            detect("\u{feff}  {\"schedule\": {}}"),
            Some(Format::ScheduleJson)
        );
        assert_eq!(
            detect("<?xml version='1.0'?>\n<schedule>"),
            Some(Format::FrabXml)
        );
        assert_eq!(detect("begin:vcalendar\r\n"), Some(Format::ICalendar));
        assert_eq!(detect("<html><body>"), None);
        assert_eq!(detect("title,start\n"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn durations_read_like_frab() {
        let given = |seconds| Length::Given(chrono::Duration::seconds(seconds));
        assert_eq!(parse_duration("00:30"), given(30 * 60));
        assert_eq!(parse_duration("1:15:30"), given(4530));
        assert_eq!(parse_duration("168:01"), given(168 * 3600 + 60));
        assert_eq!(parse_duration(" "), Length::Missing);
        for unreadable in [
            "soon",
            "-1:00",
            "-01:00",
            "+1:00",
            "9999:00",
            "1:75",
            "99999999999999999:00",
        ] {
            assert_eq!(
                parse_duration(unreadable),
                Length::Unreadable,
                "{unreadable}"
            );
        }
    }

    #[test]
    fn huge_abstracts_are_cut_at_a_word_and_say_so() {
        let mut text = "word ".repeat(40_000);
        assert!(cut_abstract(&mut text));
        assert!(text.len() < MAX_ABSTRACT_BYTES + 200, "{}", text.len());
        assert!(
            text.contains("word\n\n[… cut: the abstract has 195 KB"),
            "{}",
            crate::text::cut_to_bytes(&text, 120)
        );
        let mut multibyte = "ä".repeat(MAX_ABSTRACT_BYTES);
        assert!(cut_abstract(&mut multibyte), "no char boundary is split");
        // 3- and 4-byte characters, at every length around the cap and its word window.
        for wide in ["中", "😀", "e\u{301}", "\u{200b}"] {
            for pad in 0..4 {
                let mut text = "x".repeat(pad) + &wide.repeat(MAX_ABSTRACT_BYTES / wide.len() + 2);
                assert!(cut_abstract(&mut text), "{wide:?} {pad}");
                assert!(text.ends_with("KB]"));
            }
        }
        let mut short = "short".to_string();
        assert!(!cut_abstract(&mut short));
        assert_eq!(short, "short");
    }

    #[test]
    fn the_report_counts_what_was_left_out_by_kind() {
        let schedule = Schedule {
            skipped_all_day: 1,
            skipped_repeating: 2,
            skipped_cancelled: 1,
            skipped_no_start: 1,
            bad_lengths: vec!["\"A\" has \"duration\" \"-01:00\"".into(), "B".into()],
            cut_abstracts: 1,
            warnings: vec!["TZID note".into()],
            ..Schedule::default()
        };
        assert_eq!(
            schedule.report(),
            [
                "Left out: 1 all-day entry, 2 repeating events (their repetitions are not expanded; changed occurrences are kept), 1 cancelled event, 1 event without a start time.",
                "2 events have a length that could not be read, kept without one: \"A\" has \"duration\" \"-01:00\" (and 1 more).",
                "1 abstract was longer than 32 KB, cut there (the talk's link has the whole text).",
                "TZID note",
            ]
        );
        assert!(Schedule::default().report().is_empty());
    }

    #[test]
    fn far_dates_are_refused_with_the_line_that_holds_them() {
        let json = |day: &str, date: &str| {
            format!(
                "{{\"schedule\": {{\"conference\": {{\"title\": \"C\", \"time_zone_name\": \"Europe/Berlin\",\n\"days\": [{{\"date\": \"{day}\", \"rooms\": {{\"A\": [\n{{\"guid\": \"g\", \"date\": \"{date}\", \"start\": \"10:00\", \"duration\": \"00:30\", \"title\": \"T\"}}]}}}}]}}}}}}"
            )
        };
        let xml = |day: &str, start: &str| {
            format!(
                "<schedule><conference><title>C</title><day_change>04:00</day_change></conference>\n<day date='{day}'><room name='A'>\n<event guid='g'><start>{start}</start><duration>00:30</duration><title>T</title></event></room></day></schedule>"
            )
        };
        let ics = |start: &str| {
            format!(
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u\nDTSTART:{start}\nDURATION:PT30M\nSUMMARY:T\nEND:VEVENT\nEND:VCALENDAR\n"
            )
        };
        for (name, text, line) in [
            ("far.json", json("+262142-12-31", ""), 2),
            (
                "far.json",
                json("2024-01-02", "2300-12-31T10:00:00+01:00"),
                3,
            ),
            ("old.json", json("1899-12-31", ""), 2),
            ("far.json", json("-262143-01-01", ""), 2),
            ("far.xml", xml("+262142-12-31", "01:00"), 2),
            ("far.xml", xml("+262142-12-31", "10:00"), 2),
            ("far.xml", xml("2201-01-01", "10:00"), 2),
            ("far.ics", ics("99991231T100000Z"), 4),
            ("far.ics", ics("00010101T100000"), 4),
        ] {
            match parse(name, &text) {
                Err(ImportError::Malformed {
                    position: Some((at, _)),
                    message,
                    ..
                }) => {
                    assert!(message.contains("outside the years 1900–2200"), "{message}");
                    assert_eq!(at, line, "{name}: {message}\n{text}");
                }
                other => panic!("{name}: {other:?}\n{text}"),
            }
        }
        assert!(parse("ok.json", &json("2200-12-31", "")).is_ok());
        assert!(parse("ok.xml", &xml("1900-01-01", "10:00")).is_ok());
    }

    #[test]
    fn unknown_content_and_empty_schedules_are_refused() {
        let error = parse("notes.txt", "just text").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("notes.txt: not a schedule talkbook knows"),
            "{error}"
        );
        let error = parse("x.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n").unwrap_err();
        assert!(matches!(error, ImportError::Empty(_)), "{error}");
    }
}
