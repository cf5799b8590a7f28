//! iCalendar (RFC 5545), the subset schedules use: `VEVENT`s with `UID`, `DTSTART`,
//! `DTEND` or `DURATION`, `SUMMARY`, `LOCATION`, `DESCRIPTION`, `CATEGORIES`, `URL` and
//! frab's `X-SPEAKERS`. Handles line folding, `\,` `\;` `\n` `\\` escapes, UTC (`Z`),
//! `TZID=` and floating times. All-day events (`VALUE=DATE`) are not talks: skipped and
//! counted.
//!
//! Written by hand: the iCalendar crates either parse without resolving times or pull in
//! far more than this needs; the subset is small and fully tested here.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

use super::tzid::{TzidZone, Zones};
use super::{Event, ParseError, Schedule};
use crate::model::Zone;

/// One unfolded content line: `NAME;PARAM=VALUE:value`, with the line it started on.
struct ContentLine<'a> {
    line: usize,
    name: String,
    params: Vec<(String, String)>,
    value: &'a str,
}

impl ContentLine<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Joins folded lines (a line starting with a space or tab continues the previous one).
fn unfold(input: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    // Lines end in CRLF (RFC 5545), LF, or a lone CR (old Mac tools): each is one end.
    let lines_of = input.split('\n').flat_map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.split('\r')
    });
    for (index, raw) in lines_of.enumerate() {
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(continued), Some((_, previous))) => previous.push_str(continued),
            _ => lines.push((index + 1, raw.to_string())),
        }
    }
    lines
}

fn split_content_line(line: usize, text: &str) -> Result<ContentLine<'_>, ParseError> {
    // The value starts at the first ':' outside a quoted parameter value.
    let mut in_quotes = false;
    let colon = text
        .char_indices()
        .find(|&(_, c)| {
            if c == '"' {
                in_quotes = !in_quotes;
            }
            c == ':' && !in_quotes
        })
        .map(|(i, _)| i)
        .and_then(|colon| Some((text.get(..colon)?, text.get(colon + 1..)?)))
        .ok_or_else(|| ParseError::at(line, 1, format!("expected NAME:value, found {text:?}")))?;
    let (head, value) = colon;
    let mut parts = head.split(';');
    let name = parts.next().unwrap_or_default().trim().to_ascii_uppercase();
    if name.is_empty() {
        return Err(ParseError::at(line, 1, "a line with no property name"));
    }
    let params = parts
        .filter_map(|param| {
            let (key, value) = param.split_once('=')?;
            Some((
                key.trim().to_string(),
                value.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    Ok(ContentLine {
        line,
        name,
        params,
        value,
    })
}

/// Undoes iCalendar text escaping.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a list value at commas that are not escaped (`\,`), then unescapes each item.
fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            current.push('\\');
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            items.push(unescape(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    items.push(unescape(&current));
    items
}

enum When {
    Instant(DateTime<Utc>),
    AllDay,
}

/// How the file's times are read: its zones, and the calendar's own zone for times
/// that name none.
struct Clock {
    zones: Zones,
    calendar: TzidZone,
    /// The zone for the notebook: the calendar's, else the first event's.
    time_zone: Option<String>,
}

impl Clock {
    fn parse_when(&mut self, property: &ContentLine) -> Result<When, ParseError> {
        let value = property.value.trim();
        let invalid = || {
            ParseError::at(
                property.line,
                1,
                format!("{} {value:?} is not an iCalendar date-time", property.name),
            )
        };
        if property
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || value.len() == 8
        {
            NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| invalid())?;
            return Ok(When::AllDay);
        }
        if let Some(utc) = value.strip_suffix('Z') {
            let time =
                NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| invalid())?;
            return Ok(When::Instant(time.and_utc()));
        }
        let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| invalid())?;
        // A TZID nothing explains is read in the calendar's zone, else the zone the
        // notebook will have (the first event's).
        let fallback = match &self.calendar {
            TzidZone::Known(zone) if *zone != Zone::Utc => *zone,
            _ => self
                .time_zone
                .as_deref()
                .and_then(Zone::parse)
                .unwrap_or(Zone::Utc),
        };
        let zone = match property.param("TZID") {
            Some(name) => {
                let zone = self.zones.resolve(name, property.line, fallback);
                if self.time_zone.is_none() && property.name == "DTSTART" {
                    self.time_zone = Some(zone.name_at(local));
                }
                zone
            }
            None => self.calendar.clone(),
        };
        Ok(When::Instant(zone.to_instant(local)))
    }
}

/// `PT45M`, `PT1H30M`, `P1D`, `P1W`.
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut rest = text.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut in_time = false;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('T') {
            in_time = true;
            rest = after;
            continue;
        }
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let (number, after) = rest.split_at_checked(digits)?;
        let number: i64 = number.parse().ok()?;
        let mut after = after.chars();
        let unit = after.next()?;
        // Checked: `P99999999999999W` must be an error, not a crash.
        let part = match (unit, in_time) {
            ('W', false) => Duration::try_weeks(number),
            ('D', false) => Duration::try_days(number),
            ('H', true) => Duration::try_hours(number),
            ('M', true) => Duration::try_minutes(number),
            ('S', true) => Duration::try_seconds(number),
            _ => return None,
        }?;
        total = total.checked_add(&part)?;
        rest = after.as_str();
    }
    Some(if negative { -total } else { total })
}

#[derive(Default)]
struct Draft {
    begin_line: usize,
    uid: String,
    /// Which occurrence of a repeating event this one replaces (`RECURRENCE-ID`).
    recurrence_id: Option<String>,
    /// It repeats (`RRULE` or `RDATE`): the repetitions are not expanded.
    repeats: bool,
    /// `STATUS:CANCELLED`: Google Calendar exports a cancelled occurrence this way.
    cancelled: bool,
    /// DTSTART is a clock time with neither `Z` nor `TZID`.
    floating: bool,
    /// `ATTENDEE;CN=…` names: the speakers when there is no `X-SPEAKERS`.
    attendees: Vec<String>,
    start: Option<When>,
    end: Option<DateTime<Utc>>,
    duration: Option<Duration>,
    summary: String,
    location: String,
    description: String,
    categories: String,
    speakers: Vec<String>,
    url: String,
    /// `ATTACH` addresses: slides and other files.
    attachments: Vec<crate::model::Link>,
}

pub fn parse(input: &str) -> Result<Schedule, ParseError> {
    let lines = unfold(input);
    let mut clock = Clock {
        zones: Zones::defined_in(lines.iter().map(|(_, text)| text.as_str())),
        calendar: TzidZone::Known(Zone::Utc),
        time_zone: None,
    };
    let mut title = String::new();
    let mut events = Vec::new();
    let mut skipped_all_day = 0;
    let mut skipped_repeating = 0;
    let mut skipped_cancelled = 0;
    let mut skipped_no_start = 0;
    let mut draft: Option<Draft> = None;
    // Components nested inside a VEVENT (VALARM) whose properties are not the event's.
    let mut nested = 0usize;
    // Components beside the events (VTIMEZONE, VTODO) whose properties are not the
    // calendar's.
    let mut beside = 0usize;
    let mut seen_calendar = false;
    let mut producer = String::new();
    for (line, text) in &lines {
        if text.trim().is_empty() {
            continue;
        }
        let property = split_content_line(*line, text)?;
        let value = property.value;
        match property.name.as_str() {
            "BEGIN" if value.eq_ignore_ascii_case("VCALENDAR") => seen_calendar = true,
            "BEGIN" if value.eq_ignore_ascii_case("VEVENT") && draft.is_none() => {
                draft = Some(Draft {
                    begin_line: *line,
                    ..Draft::default()
                })
            }
            "BEGIN" if draft.is_some() => nested += 1,
            "END" if draft.is_some() && nested > 0 => nested -= 1,
            "BEGIN" => beside += 1,
            "END" if beside > 0 => beside -= 1,
            "END" if value.eq_ignore_ascii_case("VEVENT") => {
                let Some(finished) = draft.take() else {
                    return Err(ParseError::at(*line, 1, "END:VEVENT without BEGIN:VEVENT"));
                };
                match finish(finished)? {
                    Finished::Talk(event, recurrence) => events.push((*event, recurrence)),
                    Finished::AllDay => skipped_all_day += 1,
                    Finished::Repeating => skipped_repeating += 1,
                    Finished::Cancelled => skipped_cancelled += 1,
                    Finished::NoStart => skipped_no_start += 1,
                }
            }
            _ if draft.is_none() || nested > 0 => match property.name.as_str() {
                _ if draft.is_some() || beside > 0 => {}
                "X-WR-CALNAME" => title = unescape(value),
                "PRODID" => producer = value.to_string(),
                "X-WR-TIMEZONE" => {
                    let name = unescape(value);
                    clock.calendar = clock.zones.resolve(name.trim(), *line, Zone::Utc);
                    if let TzidZone::Known(zone) = &clock.calendar {
                        clock.time_zone = Some(zone.name());
                    }
                }
                // Hand-made calendars name their zone as a property of the calendar
                // ("VTIMEZONE: Europe/Rome"): taken when nothing better says it.
                "TZID" | "VTIMEZONE" if clock.time_zone.is_none() => {
                    if let Some(zone) = Zone::parse(value) {
                        clock.calendar = TzidZone::Known(zone);
                        clock.time_zone = Some(zone.name());
                    }
                }
                _ => {}
            },
            _ => {
                let event = draft.as_mut().expect("inside a VEVENT");
                apply(event, &property, &mut clock)?;
            }
        }
    }
    if !seen_calendar {
        return Err(ParseError::at(1, 1, "no BEGIN:VCALENDAR"));
    }
    if let Some(open) = draft {
        return Err(ParseError::at(
            open.begin_line,
            1,
            "BEGIN:VEVENT is never closed by END:VEVENT",
        ));
    }
    if producer.contains("pretalx") {
        for (event, _) in &mut events {
            split_pretalx_summary(event);
        }
    } else {
        speakers_confirmed_by_the_file(&mut events);
    }
    super::distinct_ids(&mut events);
    Ok(Schedule {
        title,
        time_zone: clock.time_zone,
        warnings: clock.zones.warnings,
        events: events.into_iter().map(|(event, _)| event).collect(),
        skipped_all_day,
        skipped_repeating,
        skipped_cancelled,
        skipped_no_start,
        ..Schedule::default()
    })
}

fn apply(event: &mut Draft, property: &ContentLine, clock: &mut Clock) -> Result<(), ParseError> {
    let value = property.value;
    match property.name.as_str() {
        "UID" => event.uid = unescape(value),
        "RECURRENCE-ID" => event.recurrence_id = Some(value.trim().to_string()),
        "RRULE" | "RDATE" => event.repeats = true,
        "STATUS" => event.cancelled = value.trim().eq_ignore_ascii_case("CANCELLED"),
        "SUMMARY" => event.summary = unescape(value),
        "LOCATION" => event.location = unescape(value),
        "DESCRIPTION" => event.description = unescape(value),
        "CATEGORIES" => event.categories = split_list(value).join(", "),
        "URL" => event.url = unescape(value),
        "ATTACH" => {
            let url = unescape(value);
            if super::is_web_address(&url) {
                let title = property.param("FILENAME").unwrap_or_default();
                event.attachments.push(crate::model::Link {
                    title: title.trim_matches('"').to_string(),
                    url,
                });
            }
        }
        // frab writes the list as one escaped text ("Ada\, Grace"): split after unescaping.
        "X-SPEAKERS" => {
            event.speakers = unescape(value)
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        }
        // The FOSDEM companion app's export names speakers as attendees.
        "ATTENDEE" => {
            if let Some(name) = property.param("CN") {
                let name = name.trim_matches('"').trim();
                if !name.is_empty() {
                    event.attendees.push(name.to_string());
                }
            }
        }
        "DTSTART" => {
            event.floating = !value.trim().ends_with('Z') && property.param("TZID").is_none();
            event.start = Some(clock.parse_when(property)?);
        }
        "DTEND" => {
            if let When::Instant(end) = clock.parse_when(property)? {
                event.end = Some(end);
            }
        }
        "DURATION" => {
            event.duration = Some(parse_duration(value).ok_or_else(|| {
                ParseError::at(
                    property.line,
                    1,
                    format!("DURATION {value:?} is not like PT45M"),
                )
            })?)
        }
        _ => {}
    }
    Ok(())
}

/// pretalx writes `SUMMARY:Title - Ada Lovelace, Grace Hopper` and no speaker
/// property: the names after the last " - " are the speakers.
fn split_pretalx_summary(event: &mut Event) {
    if !event.speakers.is_empty() {
        return;
    }
    if let Some((title, names)) = event.title.rsplit_once(" - ") {
        event.speakers = names
            .split(", ")
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
        event.title = title.trim().to_string();
    } else if let Some(title) = event.title.strip_suffix(" -") {
        event.title = title.trim().to_string();
    }
}

/// Speakers other producers write into the title, taken out only where the file says
/// so: Python's `ics` writes `SUMMARY:Title - Ada` with `Speaker: Ada` in the
/// description; files made with `vobject` write `Title (talk by Ada)` (or workshop,
/// panel, demo…), taken when more than one event of the file has that form. A real title
/// that merely holds " - " or "by" is never cut.
fn speakers_confirmed_by_the_file(events: &mut [(Event, Option<String>)]) {
    for (event, _) in events.iter_mut() {
        if !event.speakers.is_empty() {
            continue;
        }
        let named = event.abstract_text.lines().find_map(|line| {
            let line = line.trim();
            line.strip_prefix("Speakers:")
                .or_else(|| line.strip_prefix("Speaker:"))
                .map(str::trim)
        });
        if let Some(names) = named.filter(|names| !names.is_empty()) {
            event.speakers = split_names(names);
            if let Some(title) = event.title.strip_suffix(names)
                && let Some(title) = title
                    .trim_end()
                    .strip_suffix(" -")
                    .or(title.trim_end().strip_suffix(" –"))
            {
                event.title = title.trim().to_string();
            }
        }
    }
    let by_pattern = events
        .iter()
        .filter(|(event, _)| event.speakers.is_empty() && talk_by(&event.title).is_some())
        .count();
    if by_pattern >= 2 {
        for (event, _) in events.iter_mut() {
            if event.speakers.is_empty()
                && let Some((title, names)) = talk_by(&event.title)
            {
                event.speakers = split_names(names);
                event.title = title.to_string();
            }
        }
    }
}

/// `Title (talk by Ada Lovelace)`: the title and the names.
fn talk_by(title: &str) -> Option<(&str, &str)> {
    let (title, rest) = title.trim_end().strip_suffix(')')?.rsplit_once(" (")?;
    let (kind, names) = rest.split_once(" by ")?;
    let kinds = [
        "talk",
        "workshop",
        "panel",
        "demo",
        "keynote",
        "tutorial",
        "lightning talk",
    ];
    (kinds.contains(&kind.trim().to_lowercase().as_str()) && !names.trim().is_empty())
        .then(|| (title.trim(), names.trim()))
}

/// `Ada, Grace and Linus` → three names.
fn split_names(names: &str) -> Vec<String> {
    names
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// What became of a VEVENT.
enum Finished {
    /// A talk, with the occurrence it replaces if it overrides one.
    Talk(Box<Event>, Option<String>),
    AllDay,
    /// A repeating event's rule: its occurrences are not expanded.
    Repeating,
    Cancelled,
    /// No DTSTART: nothing says when it is.
    NoStart,
}

fn finish(draft: Draft) -> Result<Finished, ParseError> {
    if draft.cancelled {
        return Ok(Finished::Cancelled);
    }
    if draft.repeats && draft.recurrence_id.is_none() {
        return Ok(Finished::Repeating);
    }
    let start = match draft.start {
        Some(When::Instant(start)) => start,
        Some(When::AllDay) => return Ok(Finished::AllDay),
        // Nothing to place it on the schedule: left out, and counted.
        None => return Ok(Finished::NoStart),
    };
    let end = draft
        .end
        .or_else(|| draft.duration.and_then(|d| start.checked_add_signed(d)))
        .filter(|end| *end >= start)
        .unwrap_or(start);
    let id = if draft.uid.trim().is_empty() {
        // No UID: derive a stable id from what identifies the event.
        format!("ics-{}-{}", start.format("%Y%m%dT%H%M%SZ"), draft.summary)
    } else {
        draft.uid
    };
    let event = Event {
        id,
        start,
        end,
        day: None,
        title: draft.summary,
        speakers: if draft.speakers.is_empty() {
            draft.attendees
        } else {
            draft.speakers
        },
        room: draft.location,
        track: draft.categories,
        abstract_text: draft.description,
        link: draft.url,
        recording: String::new(),
        floating: draft.floating,
        links: draft.attachments,
    };
    Ok(Finished::Talk(Box::new(event), draft.recurrence_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar(body: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Conf\r\n{body}END:VCALENDAR\r\n")
    }

    #[test]
    fn unfolds_unescapes_and_reads_times() {
        let input = calendar(
            "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;TZID=Europe/Berlin:20141227T110000\r\n\
             DURATION:PT1H30M\r\nSUMMARY:Hello\\, world\\; again\r\nDESCRIPTION:line one\\nline\r\n  two\r\n\
             X-SPEAKERS:Ada\\, Grace\r\nLOCATION:Saal 1\r\nBEGIN:VALARM\r\nDESCRIPTION:alarm\r\nEND:VALARM\r\n\
             END:VEVENT\r\n",
        );
        let schedule = parse(&input).unwrap();
        assert_eq!(schedule.title, "Conf");
        assert_eq!(schedule.time_zone.as_deref(), Some("Europe/Berlin"));
        let event = &schedule.events[0];
        assert_eq!(event.title, "Hello, world; again");
        assert_eq!(event.abstract_text, "line one\nline two");
        assert_eq!(event.speakers, ["Ada", "Grace"]);
        assert_eq!(event.start.to_rfc3339(), "2014-12-27T10:00:00+00:00");
        assert_eq!((event.end - event.start).num_minutes(), 90);
    }

    #[test]
    fn utc_and_floating_times_and_all_day_events() {
        let input = calendar(
            "BEGIN:VEVENT\nUID:u\nDTSTART:20141227T100000Z\nDTEND:20141227T103000Z\nSUMMARY:UTC\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:d\nDTSTART;VALUE=DATE:20141227\nSUMMARY:All day\nEND:VEVENT\n\
             BEGIN:VEVENT\nDTSTART:20141227T120000\nSUMMARY:Floating\nEND:VEVENT\n",
        );
        let schedule = parse(&input).unwrap();
        assert_eq!(schedule.events.len(), 2);
        assert_eq!(schedule.skipped_all_day, 1);
        assert_eq!(
            schedule.events[0].end.to_rfc3339(),
            "2014-12-27T10:30:00+00:00"
        );
        assert_eq!(schedule.events[1].id, "ics-20141227T120000Z-Floating");
    }

    #[test]
    fn errors_name_the_line() {
        let error = parse(&calendar(
            "BEGIN:VEVENT\nUID:x\nDTSTART:yesterday\nEND:VEVENT\n",
        ))
        .unwrap_err();
        assert_eq!(error.position, Some((6, 1)));
        assert!(error.message.contains("yesterday"));
        let error = parse(&calendar("BEGIN:VEVENT\nno colon here\n")).unwrap_err();
        assert_eq!(error.position, Some((5, 1)));
        let error = parse(&calendar("BEGIN:VEVENT\nUID:x\n")).unwrap_err();
        assert!(error.message.contains("never closed"), "{}", error.message);
    }

    #[test]
    fn zones_the_file_defines_or_windows_names_are_read_and_unknown_ones_warned_about() {
        let schedule = parse(&calendar(
            "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T030000\n\
             TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\n\
             BEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n\
             RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n\
             BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Customized Time Zone:20240913T100000\nSUMMARY:Own rules\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:b\nDTSTART;TZID=W. Europe Standard Time:20241227T100000\nSUMMARY:Windows\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:c\nDTSTART;TZID=Nowhere/Land:20141227T100000\nSUMMARY:Unknown\nEND:VEVENT\n",
        ))
        .unwrap();
        let starts: Vec<String> = schedule
            .events
            .iter()
            .map(|e| e.start.to_rfc3339())
            .collect();
        assert_eq!(
            starts,
            [
                "2024-09-13T08:00:00+00:00",
                "2024-12-27T09:00:00+00:00",
                "2014-12-27T08:00:00+00:00"
            ]
        );
        assert_eq!(schedule.time_zone.as_deref(), Some("+02:00"));
        assert_eq!(schedule.warnings.len(), 2, "{:?}", schedule.warnings);
        assert!(
            schedule.warnings[1].contains("Nowhere/Land")
                && schedule.warnings[1].contains("read as +02:00"),
            "in the notebook's zone: {:?}",
            schedule.warnings
        );
    }

    #[test]
    fn a_huge_duration_is_an_error_not_a_crash() {
        let error = parse(&calendar(
            "BEGIN:VEVENT\nUID:x\nDTSTART:20240913T100000Z\nDURATION:P99999999999999W\nSUMMARY:Forever\nEND:VEVENT\n",
        ))
        .unwrap_err();
        assert!(error.message.contains("DURATION"), "{error:?}");
        // Within bounds, but past the end of time: the talk just gets no length.
        let schedule = parse(&calendar(
            "BEGIN:VEVENT\nUID:x\nDTSTART:20240913T100000Z\nDURATION:P9999999W\nSUMMARY:Long\nEND:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(schedule.events.len(), 1);
    }

    #[test]
    fn cancelled_events_are_left_out_and_counted() {
        // Google Calendar: a cancelled occurrence of a repeating event.
        let schedule = parse(&calendar(
            "BEGIN:VEVENT\nUID:r\nDTSTART:20240203T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Daily\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:r\nRECURRENCE-ID:20240204T100000Z\nDTSTART:20240204T100000Z\nSTATUS:CANCELLED\nSUMMARY:Daily\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:b\nDTSTART:20240203T110000Z\nSTATUS:CONFIRMED\nSUMMARY:Real\nEND:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(schedule.events.len(), 1);
        assert_eq!(
            (schedule.skipped_repeating, schedule.skipped_cancelled),
            (1, 1)
        );
    }

    #[test]
    fn an_event_without_a_start_is_left_out_and_counted() {
        let schedule = parse(&calendar(
            "BEGIN:VEVENT\nUID:a\nSUMMARY:Someday\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:b\nDTSTART:20240203T110000Z\nSUMMARY:Real\nEND:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(schedule.events.len(), 1);
        assert_eq!(schedule.skipped_no_start, 1);
    }

    #[test]
    fn pretalx_summaries_carry_the_speakers() {
        let input = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//pretalx.com//\r\n\
            BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20230818T000000Z\r\nSUMMARY:Zero or Hero? - Assessing Pygame Zero\r\n  in the classroom - Amanda J Hogan\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20230818T010000Z\r\nSUMMARY:Opening - Pedro Junqueira\\, Jack Skinner\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20230818T020000Z\r\nSUMMARY:Lunch -\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let schedule = parse(input).unwrap();
        let read: Vec<(&str, Vec<&str>)> = schedule
            .events
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.speakers.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "Zero or Hero? - Assessing Pygame Zero in the classroom",
                    vec!["Amanda J Hogan"]
                ),
                ("Opening", vec!["Pedro Junqueira", "Jack Skinner"]),
                ("Lunch", vec![]),
            ]
        );
        // Other producers' titles are left as they are.
        let other = parse(&input.replace("pretalx", "frab")).unwrap();
        assert_eq!(
            other.events[1].title,
            "Opening - Pedro Junqueira, Jack Skinner"
        );
    }

    #[test]
    fn a_zone_named_as_a_calendar_property_is_the_calendars() {
        // A hand-made camp calendar: "VTIMEZONE: Europe/Rome" as a line of its own.
        let schedule = parse(&calendar(
            "VTIMEZONE: Europe/Rome\nBEGIN:VEVENT\nUID:a\nDTSTART:20240913T100000Z\nSUMMARY:Talk\nEND:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(schedule.time_zone.as_deref(), Some("Europe/Rome"));
        // A VTIMEZONE component's own TZID does not count.
        let schedule = parse(&calendar(
            "BEGIN:VTIMEZONE\nTZID:Asia/Tokyo\nEND:VTIMEZONE\nBEGIN:VEVENT\nUID:a\nDTSTART:20240913T100000Z\nSUMMARY:Talk\nEND:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(schedule.time_zone, None);
    }

    #[test]
    fn attendees_are_the_speakers_when_none_are_named() {
        let schedule = parse(&calendar(
            "BEGIN:VEVENT\nUID:a\nDTSTART:20240203T100000Z\nSUMMARY:Talk\n\
             ATTENDEE;CN=Ada Lovelace:invalid:nomail\nATTENDEE;CN=\"Grace Hopper\":invalid:nomail\nEND:VEVENT\n\
             BEGIN:VEVENT\nUID:b\nDTSTART:20240203T110000Z\nSUMMARY:Other\nX-SPEAKERS:Linus\n\
             ATTENDEE;CN=Someone Else:invalid:nomail\nEND:VEVENT\n",
        ))
        .unwrap();
        assert_eq!(
            schedule.events[0].speakers,
            ["Ada Lovelace", "Grace Hopper"]
        );
        assert_eq!(schedule.events[1].speakers, ["Linus"]);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT45M"), Some(Duration::minutes(45)));
        assert_eq!(parse_duration("P1DT2H"), Some(Duration::hours(26)));
        assert_eq!(parse_duration("P1W"), Some(Duration::weeks(1)));
        assert_eq!(parse_duration("-PT5M"), Some(Duration::minutes(-5)));
        assert_eq!(parse_duration("45M"), None);
        assert_eq!(parse_duration("PT5X"), None);
    }
}
