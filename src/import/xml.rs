//! frab / pentabarf `schedule.xml`: `<schedule><conference>…</conference><day date=…>
//! <room name=…><event guid=…>…</event></room></day></schedule>`.
//!
//! A first pass with quick-xml's reader finds syntax errors with their position (the
//! serde layer does not report one); then serde maps the elements onto structs.

use chrono::{DateTime, NaiveDate, Utc};
use quick_xml::Reader;
use quick_xml::events::Event as XmlEvent;
use serde::Deserialize;

use super::{Event, ParseError, Schedule, combine_abstract, line_column};
use crate::model::{Zone, parse_time_of_day};

#[derive(Deserialize)]
struct XmlSchedule {
    conference: Conference,
    #[serde(rename = "day", default)]
    days: Vec<Day>,
}

#[derive(Deserialize)]
struct Conference {
    #[serde(default)]
    title: String,
    #[serde(default)]
    time_zone_name: Option<String>,
    /// When one conference day ends and the next begins (`04:00`): a talk whose `<start>`
    /// is earlier belongs to the day before but happens on the next calendar day.
    #[serde(default)]
    day_change: String,
}

#[derive(Deserialize)]
struct Day {
    #[serde(rename = "@date", default)]
    date: String,
    #[serde(rename = "room", default)]
    rooms: Vec<Room>,
}

#[derive(Deserialize)]
struct Room {
    #[serde(rename = "@name", default)]
    name: String,
    #[serde(rename = "event", default)]
    events: Vec<XmlEventEntry>,
}

#[derive(Deserialize)]
struct XmlEventEntry {
    #[serde(rename = "@guid", default)]
    guid: String,
    #[serde(rename = "@id", default)]
    id: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    room: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    subtitle: String,
    #[serde(default)]
    track: String,
    /// Wafer (DebConf's software) writes two `<abstract>` elements per event.
    #[serde(rename = "abstract", default)]
    abstract_text: Vec<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    persons: Persons,
    /// Some frab-like producers put one `<person>` (names joined by commas) straight in
    /// the event, without `<persons>`.
    #[serde(rename = "person", default)]
    person: Vec<Person>,
    #[serde(default)]
    links: Links,
    #[serde(default)]
    attachments: Attachments,
    /// c3voc adds the recording's address once it is published.
    #[serde(default)]
    video_download_url: String,
}

#[derive(Deserialize, Default)]
struct Links {
    #[serde(rename = "link", default)]
    links: Vec<Link>,
}

#[derive(Deserialize, Default)]
struct Attachments {
    #[serde(rename = "attachment", default)]
    attachments: Vec<Link>,
}

#[derive(Deserialize)]
struct Link {
    #[serde(rename = "@href", default)]
    href: String,
    #[serde(rename = "$text", default)]
    title: String,
}

#[derive(Deserialize, Default)]
struct Persons {
    #[serde(rename = "person", default)]
    people: Vec<Person>,
}

#[derive(Deserialize)]
struct Person {
    #[serde(rename = "$text", default)]
    name: String,
}

/// Reads the document once to report the first syntax error with its position.
fn check_well_formed(input: &str) -> Result<(), ParseError> {
    let mut reader = Reader::from_str(input);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(XmlEvent::Eof) => return Ok(()),
            Ok(_) => {}
            Err(error) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let (line, column) = line_column(input, offset);
                return Err(ParseError::at(line, column, error.to_string()));
            }
        }
    }
}

pub fn parse(input: &str) -> Result<Schedule, ParseError> {
    check_well_formed(input)?;
    let schedule: XmlSchedule = quick_xml::de::from_str(input).map_err(|error| {
        ParseError::unknown_shape(format!("XML that is not a frab schedule ({error})"))
    })?;
    let mut time_zone = schedule
        .conference
        .time_zone_name
        .filter(|name| !name.trim().is_empty());
    let zone = time_zone
        .as_deref()
        .and_then(Zone::parse)
        .unwrap_or(Zone::Utc);
    let day_change = &schedule.conference.day_change;
    let day_change = parse_time_of_day(day_change)
        .or_else(|| chrono::NaiveTime::parse_from_str(day_change.trim(), "%H:%M:%S").ok())
        .unwrap_or(chrono::NaiveTime::MIN);
    let mut out = Schedule::default();
    for day in schedule.days {
        let date = NaiveDate::parse_from_str(day.date.trim(), "%Y-%m-%d").ok();
        for room in day.rooms {
            for entry in room.events {
                let event = convert(entry, &room.name, date, zone, day_change, &mut out)?;
                out.events.push(event);
            }
        }
    }
    if time_zone.is_none() {
        // No zone name: the offset in the first event's date stands in for it.
        time_zone = input
            .split("<date>")
            .nth(1)
            .and_then(|rest| rest.split("</date>").next())
            .and_then(super::offset_of);
    }
    out.title = schedule.conference.title;
    out.time_zone = time_zone;
    Ok(out)
}

fn convert(
    entry: XmlEventEntry,
    room: &str,
    day: Option<NaiveDate>,
    zone: Zone,
    day_change: chrono::NaiveTime,
    out: &mut Schedule,
) -> Result<Event, ParseError> {
    let id = if entry.guid.trim().is_empty() {
        entry.id.trim()
    } else {
        entry.guid.trim()
    };
    if id.is_empty() {
        return Err(ParseError::general(format!(
            "event {:?} has neither a guid nor an id",
            entry.title
        )));
    }
    let given = super::instant(&entry.date);
    let floating = given.is_none();
    let start: DateTime<Utc> = match given.ok_or(()) {
        Ok(date) => date,
        // Pentabarf-era files give only the time: after midnight and before the day
        // change, the talk happens on the next calendar day of its conference day.
        Err(_) => match (day, parse_time_of_day(&entry.start)) {
            (Some(day), Some(time)) if time < day_change => {
                // The day after the last one chrono knows is the last one: such a date
                // is refused after parsing, with its line.
                let next = day.checked_add_days(chrono::Days::new(1)).unwrap_or(day);
                zone.to_instant(next.and_time(time))
            }
            (Some(day), Some(time)) => zone.to_instant(day.and_time(time)),
            _ => {
                return Err(ParseError::general(format!(
                    "event {id} ({:?}) has no valid <date> or <start>",
                    entry.title
                )));
            }
        },
    };
    if entry.duration.trim().is_empty() {
        out.no_length += 1;
    }
    let end = super::end_after(
        start,
        &entry.duration,
        "<duration>",
        &entry.title,
        &mut out.bad_lengths,
    );
    // FOSDEM: <link href="https://video.fosdem.org/…">Video recording (WebM/VP9)</link>.
    let recording = Some(entry.video_download_url.trim())
        .filter(|url| super::is_recording(url, "video"))
        .map(String::from)
        .or_else(|| {
            entry
                .links
                .links
                .iter()
                .find(|link| super::is_recording(link.href.trim(), &link.title))
                .map(|link| link.href.trim().to_string())
        })
        .unwrap_or_default();
    let links = entry
        .links
        .links
        .iter()
        .chain(&entry.attachments.attachments)
        .filter(|link| link.href.trim() != recording)
        .map(|link| crate::model::Link {
            title: link.title.trim().to_string(),
            url: link.href.trim().to_string(),
        })
        .collect();
    let mut speakers: Vec<String> = entry.persons.people.into_iter().map(|p| p.name).collect();
    if speakers.is_empty() {
        speakers = entry
            .person
            .iter()
            .flat_map(|person| person.name.split(','))
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
            .collect();
    }
    // The one that says something, of Wafer's two.
    let abstract_text = entry
        .abstract_text
        .iter()
        .find(|text| !text.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    Ok(Event {
        id: id.to_string(),
        start,
        end,
        day,
        title: entry.title,
        speakers,
        room: if entry.room.trim().is_empty() {
            room.to_string()
        } else {
            entry.room
        },
        track: entry.track,
        abstract_text: combine_abstract(&[&entry.subtitle, &abstract_text, &entry.description]),
        link: entry.url,
        recording,
        floating,
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "<?xml version='1.0'?>\n<schedule><conference><title>Conf</title></conference>\
        <day date='2024-01-02'><room name='Hall'>\
        <event guid='g1' id='1'><date>2024-01-02T10:00:00+01:00</date><start>10:00</start>\
        <duration>00:30</duration><room>Hall</room><title>Talk &amp; more</title>\
        <persons><person id='3'>Ada</person><person id='4'>Grace</person></persons></event>\
        </room></day></schedule>";

    #[test]
    fn pentabarf_talks_after_midnight_move_to_the_next_calendar_day() {
        let input = r#"<schedule><conference><title>Mini</title><start>2011-12-27</start><end>2011-12-27</end><days>1</days><day_change>04:00</day_change></conference>
<day date="2011-12-27" index="1"><room name="Saal 1">
<event id="1"><start>11:30</start><duration>01:00</duration><room>Saal 1</room><title>Keynote</title></event>
<event id="2"><start>00:15</start><duration>01:00</duration><room>Saal 1</room><title>Late night show</title></event>
</room></day></schedule>"#;
        let schedule = parse(input).unwrap();
        let late = schedule
            .events
            .iter()
            .find(|e| e.title == "Late night show")
            .unwrap();
        assert_eq!(late.start.to_rfc3339(), "2011-12-28T00:15:00+00:00");
        assert_eq!(late.day, NaiveDate::from_ymd_opt(2011, 12, 27));
        let notebook = crate::import::to_notebook(&schedule, "mini.xml", None).unwrap();
        assert_eq!(notebook.days.len(), 1, "one conference day");
        let titles: Vec<&str> = notebook.days[0]
            .talks
            .iter()
            .map(|t| t.title.as_str())
            .collect();
        assert_eq!(
            titles,
            ["Keynote", "Late night show"],
            "after midnight sorts last"
        );
    }

    #[test]
    fn reads_events_people_and_the_offset_as_zone() {
        let schedule = parse(SMALL).unwrap();
        assert_eq!(schedule.title, "Conf");
        assert_eq!(schedule.time_zone.as_deref(), Some("+01:00"));
        let event = &schedule.events[0];
        assert_eq!(event.title, "Talk & more");
        assert_eq!(event.speakers, ["Ada", "Grace"]);
        assert_eq!(event.start.to_rfc3339(), "2024-01-02T09:00:00+00:00");
        assert_eq!(event.day, NaiveDate::from_ymd_opt(2024, 1, 2));
    }

    #[test]
    fn a_video_link_is_the_recording_and_other_links_are_not() {
        // FOSDEM's shape: links to the video and to the feedback form.
        let input = "<schedule><conference><title>FOSDEM</title><day_change>09:00:00</day_change></conference>\
            <day date='2024-02-03' index='1'><room name='Janson'>\
            <event id='1'><start>10:30</start><duration>00:50</duration><room>Janson</room><title>Keynote</title>\
            <links><link href='https://submission.fosdem.org/feedback/1.php'>Submit feedback</link>\
            <link href='https://video.fosdem.org/2024/janson/keynote.webm'>Video recording (WebM/VP9)</link></links></event>\
            <event id='2'><start>11:30</start><duration>00:50</duration><room>Janson</room><title>No video</title>\
            <links><link href='https://example.org/slides.pdf'>Slides</link></links></event>\
            </room></day></schedule>";
        let schedule = parse(input).unwrap();
        assert_eq!(
            schedule.events[0].recording,
            "https://video.fosdem.org/2024/janson/keynote.webm"
        );
        assert_eq!(schedule.events[1].recording, "");
    }

    #[test]
    fn syntax_errors_report_line_and_column() {
        let broken =
            "<?xml version='1.0'?>\n<schedule>\n  <conference><title>x</titel>\n</schedule>";
        let error = parse(broken).unwrap_err();
        let (line, _) = error.position.expect("a position");
        assert_eq!(line, 3, "{error:?}");
        assert!(
            error.message.to_lowercase().contains("titel"),
            "{}",
            error.message
        );
    }

    #[test]
    fn documents_that_are_not_schedules_say_so() {
        let error = parse("<schedule><nothing/></schedule>").unwrap_err();
        assert!(
            error.message.contains("not a frab schedule"),
            "{}",
            error.message
        );
    }
}
