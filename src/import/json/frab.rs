//! pretalx / frab / c3voc `schedule.json`, in the two shapes conferences publish:
//!
//! - `{"schedule": {"conference": {"title", "time_zone_name", "days": [{"date",
//!   "rooms": {"Room": [event, ...]}}]}}}`;
//! - c3voc "schedule2" (the congress hub, github.com/voc/schedule `schema2.json`): the
//!   events in one flat `schedule.events` list, each with ISO `start`/`end`, a `room`
//!   object and a `track` that may name one of `conference.tracks` by slug.
//!
//! Producers differ in small ways: a track is a string or an object, a person has
//! `public_name` or `name`, an abstract may be a map of languages.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use super::super::{Event, ParseError, Schedule, combine_abstract};
use super::{instant, link, localized, text};
use crate::model::{Link, Zone, parse_time_of_day};

const SHAPES: &str = "expected a pretalx/frab schedule.json ({\"schedule\": {\"conference\": {\"days\": [{\"rooms\": …}]}}}) or a c3voc schedule2 ({\"schedule\": {\"conference\": …, \"events\": […]}})";

pub(super) fn parse(root: &Value) -> Result<Schedule, ParseError> {
    let schedule = root
        .get("schedule")
        .filter(|schedule| schedule.is_object())
        .ok_or_else(|| ParseError::unknown_shape(format!("no \"schedule\" object; {SHAPES}")))?;
    let conference = schedule
        .get("conference")
        .filter(|conference| conference.is_object())
        .ok_or_else(|| ParseError::unknown_shape(format!("no \"conference\" object; {SHAPES}")))?;
    let time_zone = Some(text(conference, "time_zone_name"))
        .filter(|name| !name.is_empty())
        .map(String::from);
    let zone = time_zone
        .as_deref()
        .and_then(Zone::parse)
        .unwrap_or(Zone::Utc);
    let mut out = Schedule {
        title: text(conference, "title").to_string(),
        time_zone,
        ..Schedule::default()
    };
    let flat = schedule.get("events").and_then(Value::as_array);
    let by_room = conference.get("days").and_then(Value::as_array);
    match (flat, by_room) {
        (Some(events), _) if !events.is_empty() => {
            read_flat_events(conference, events, &mut out)?;
        }
        (_, Some(days)) => read_days(days, zone, &mut out)?,
        (Some(_), None) => {}
        (None, None) => {
            return Err(ParseError::unknown_shape(format!(
                "neither \"conference\": {{\"days\"}} nor \"events\"; {SHAPES}"
            )));
        }
    }
    if out.time_zone.is_none() {
        // No zone name: the offset of the first event's date stands in for it.
        out.time_zone = first_offset(schedule);
    }
    Ok(out)
}

/// The offset written in the first event's `date` (or `start`), like `+01:00`.
fn first_offset(schedule: &Value) -> Option<String> {
    let classic = schedule
        .get("conference")?
        .get("days")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|day| day.get("rooms")?.as_object())
        .flat_map(|rooms| rooms.values())
        .filter_map(Value::as_array)
        .flatten();
    let flat = schedule
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    classic.chain(flat).find_map(|event| {
        super::super::offset_of(text(event, "date"))
            .or_else(|| super::super::offset_of(text(event, "start")))
    })
}

/// pretalx / frab: days, each with its rooms, each with its events.
fn read_days(days: &[Value], zone: Zone, out: &mut Schedule) -> Result<(), ParseError> {
    for day in days {
        let date = NaiveDate::parse_from_str(text(day, "date"), "%Y-%m-%d").ok();
        let Some(rooms) = day.get("rooms").and_then(Value::as_object) else {
            continue;
        };
        for (room, room_events) in rooms {
            for event in room_events.as_array().into_iter().flatten() {
                let id = event_id(event)?;
                let title = text(event, "title");
                let mut floating = false;
                let start = match instant(text(event, "date")) {
                    Some(date) => date,
                    None => {
                        floating = true;
                        // Older exports: the day's date plus "start" in the conference's zone.
                        let time = parse_time_of_day(text(event, "start"));
                        match (date, time) {
                            (Some(day), Some(time)) => zone.to_instant(day.and_time(time)),
                            _ => {
                                return Err(ParseError::general(format!(
                                    "event {id} ({title:?}) has no valid \"date\" or \"start\""
                                )));
                            }
                        }
                    }
                };
                let end = end_from_duration(event, start, out);
                let event_room = text(event, "room");
                let about = About::of(event);
                out.events.push(Event {
                    id,
                    start,
                    end,
                    day: date,
                    title: about.title,
                    speakers: about.speakers,
                    room: if event_room.is_empty() {
                        room
                    } else {
                        event_room
                    }
                    .to_string(),
                    track: track_name(event.get("track"), &HashMap::new()),
                    abstract_text: about.abstract_text,
                    link: about.link,
                    recording: about.recording,
                    floating,
                    links: about.links,
                });
            }
        }
    }
    Ok(())
}

/// c3voc schedule2: one list of events; rooms, tracks and days are described once in
/// the conference and referred to.
fn read_flat_events(
    conference: &Value,
    events: &[Value],
    out: &mut Schedule,
) -> Result<(), ParseError> {
    let rooms: HashMap<&str, &str> = conference
        .get("rooms")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|room| Some((room.get("guid")?.as_str()?, room.get("name")?.as_str()?)))
        .collect();
    let tracks: HashMap<&str, &str> = conference
        .get("tracks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|track| Some((track.get("slug")?.as_str()?, track.get("name")?.as_str()?)))
        .collect();
    // Conference days as [start, end) instants: a 01:00 talk belongs to the day before.
    // Sorted by start, so an event's day is found by halving, not a walk over all days.
    let mut days: Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> = conference
        .get("days")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|day| {
            let date = NaiveDate::parse_from_str(text(day, "date"), "%Y-%m-%d").ok()?;
            let start = DateTime::parse_from_rfc3339(text(day, "start")).ok()?;
            let end = DateTime::parse_from_rfc3339(text(day, "end")).ok()?;
            Some((date, start.to_utc(), end.to_utc()))
        })
        .collect();
    days.sort_by_key(|(_, from, _)| *from);
    for event in events {
        let id = event_id(event)?;
        let Some(start) = instant(text(event, "start")).or_else(|| instant(text(event, "date")))
        else {
            out.skipped_no_start += 1;
            continue;
        };
        let end = match instant(text(event, "end")) {
            Some(end) if end >= start => end,
            Some(_) => {
                out.bad_lengths.push(format!(
                    "{:?} ends before it starts",
                    super::super::clip(text(event, "title"))
                ));
                start
            }
            None => end_from_duration(event, start, out),
        };
        // The last day to begin at or before the start, if the start is before its end.
        let day = days
            .partition_point(|(_, from, _)| *from <= start)
            .checked_sub(1)
            .map(|at| days[at])
            .filter(|(_, _, to)| start < *to)
            .map(|(date, _, _)| date);
        let room = match event.get("room") {
            Some(Value::String(name)) => name.clone(),
            Some(Value::Object(room)) => room_name(room, &rooms),
            _ => String::new(),
        };
        let about = About::of(event);
        out.events.push(Event {
            id,
            start,
            end,
            day,
            title: about.title,
            speakers: about.speakers,
            room,
            track: track_name(event.get("track"), &tracks),
            abstract_text: about.abstract_text,
            link: about.link,
            recording: about.recording,
            floating: false,
            links: about.links,
        });
    }
    Ok(())
}

fn room_name(room: &Map<String, Value>, rooms: &HashMap<&str, &str>) -> String {
    room.get("name")
        .and_then(Value::as_str)
        .or_else(|| {
            let guid = room.get("guid")?.as_str()?;
            rooms.get(guid).copied()
        })
        .unwrap_or_default()
        .to_string()
}

fn event_id(event: &Value) -> Result<String, ParseError> {
    match (event.get("guid"), event.get("id")) {
        (Some(Value::String(guid)), _) if !guid.is_empty() => Ok(guid.clone()),
        (_, Some(Value::Number(id))) => Ok(id.to_string()),
        (_, Some(Value::String(id))) if !id.is_empty() => Ok(id.clone()),
        _ => Err(ParseError::general(format!(
            "an event has neither \"guid\" nor \"id\" (title {:?})",
            super::super::clip(text(event, "title"))
        ))),
    }
}

/// The end from a `"duration": "HH:MM"`.
fn end_from_duration(event: &Value, start: DateTime<Utc>, out: &mut Schedule) -> DateTime<Utc> {
    let (given, title) = (text(event, "duration"), text(event, "title"));
    if given.trim().is_empty() {
        out.no_length += 1;
    }
    super::super::end_after(start, given, "\"duration\"", title, &mut out.bad_lengths)
}

/// A track given as a name, an object with a name, or (schedule2) an object with only a
/// slug from the conference's track list.
fn track_name(track: Option<&Value>, tracks: &HashMap<&str, &str>) -> String {
    match track {
        Some(Value::String(track)) => tracks.get(track.as_str()).unwrap_or(&track.as_str()),
        Some(Value::Object(track)) => track
            .get("name")
            .and_then(Value::as_str)
            .or_else(|| {
                let slug = track.get("slug")?.as_str()?;
                Some(tracks.get(slug).copied().unwrap_or(slug))
            })
            .unwrap_or_default(),
        _ => "",
    }
    .to_string()
}

/// Title, speakers, abstract, link and recording: read the same way in both shapes.
struct About {
    title: String,
    speakers: Vec<String>,
    abstract_text: String,
    link: String,
    recording: String,
    links: Vec<Link>,
}

/// The recording a schedule names for `event`: a video field (c3voc's, and others'), or
/// a link titled as a video or on a video host (frab and pretalx `links`, schedule2
/// links of type "media").
fn recording(event: &Value) -> String {
    let field = [
        "video_download_url",
        "recording_url",
        "video_url",
        "recording",
    ]
    .iter()
    .find_map(|key| event.get(key).and_then(Value::as_str))
    .filter(|url| super::super::is_recording(url, "video"));
    let link = || {
        event
            .get("links")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find_map(|link| {
                let url = text(link, "url");
                let title = format!("{} {}", text(link, "title"), text(link, "type"));
                let media = text(link, "type") == "media";
                (super::super::is_recording(url, &title)
                    || (media && super::super::is_recording(url, "video")))
                .then(|| url.to_string())
            })
    };
    field.map(String::from).or_else(link).unwrap_or_default()
}

impl About {
    fn of(event: &Value) -> About {
        let people = ["persons", "participants"]
            .iter()
            .filter_map(|key| event.get(key).and_then(Value::as_array))
            .find(|people| !people.is_empty());
        let speakers = people
            .into_iter()
            .flatten()
            .filter_map(|person| match person {
                Value::String(name) => Some(name.clone()),
                _ => ["public_name", "name", "full_public_name"]
                    .iter()
                    .find_map(|key| person.get(key).and_then(Value::as_str))
                    .map(String::from),
            })
            .collect();
        About {
            title: text(event, "title").to_string(),
            speakers,
            abstract_text: combine_abstract(&[
                localized(event, "subtitle"),
                localized(event, "abstract"),
                localized(event, "description"),
            ]),
            link: text(event, "url").to_string(),
            recording: recording(event),
            links: links(event),
        }
    }
}

/// Every link a schedule gives for `event` but its recording: frab and pretalx `links`
/// and `attachments` (`{url, title}`), pretalx `resources` (`{resource,
/// description}`), schedule2 links.
pub(super) fn links(event: &Value) -> Vec<Link> {
    let recording = recording(event);
    let listed = |key: &'static str| {
        event
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
    };
    listed("links")
        .chain(listed("attachments"))
        .filter_map(|item| match item {
            Value::String(url) => link("", url),
            _ => link(
                super::localized(item, "title"),
                if text(item, "url").is_empty() {
                    text(item, "href")
                } else {
                    text(item, "url")
                },
            ),
        })
        .chain(
            listed("resources")
                .filter_map(|item| link(text(item, "description"), text(item, "resource"))),
        )
        .filter(|link| link.url != recording)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_events_from_rooms_and_days() {
        let input = r#"{"schedule": {"conference": {"title": "Conf", "time_zone_name": "Europe/Berlin",
            "days": [{"date": "2024-01-02", "rooms": {"Hall": [
              {"guid": "g1", "date": "2024-01-02T10:00:00+01:00", "duration": "00:45",
               "title": "Talk", "subtitle": "Sub", "track": {"name": "Dev"},
               "persons": [{"public_name": "Ada"}, {"name": "Grace"}], "url": "https://x"},
              {"id": 7, "start": "11:00", "duration": "0:30", "title": "Old style", "room": "Other"}
            ]}}]}}}"#;
        let schedule = super::super::parse(input).unwrap();
        assert_eq!(schedule.title, "Conf");
        assert_eq!(schedule.time_zone.as_deref(), Some("Europe/Berlin"));
        let [first, second] = schedule.events.as_slice() else {
            panic!("two events")
        };
        assert_eq!(first.id, "g1");
        assert_eq!(first.start.to_rfc3339(), "2024-01-02T09:00:00+00:00");
        assert_eq!((first.end - first.start).num_minutes(), 45);
        assert_eq!(first.speakers, ["Ada", "Grace"]);
        assert_eq!((first.room.as_str(), first.track.as_str()), ("Hall", "Dev"));
        assert_eq!(first.abstract_text, "Sub");
        assert_eq!(second.id, "7");
        assert_eq!(second.room, "Other");
        assert_eq!(second.start.to_rfc3339(), "2024-01-02T10:00:00+00:00");
        assert!(schedule.bad_lengths.is_empty());
    }

    /// The shape of github.com/voc/schedule's `validator/json/examples/hub-schedule2.json`,
    /// cut down and written here.
    const SCHEDULE2: &str = r#"{"$schema": "https://c3voc.de/schema/schedule2",
      "schedule": {"version": "2024-12-26 20:23",
        "conference": {"acronym": "mini", "title": "Mini Congress",
          "start": "2024-12-27T09:30:00+01:00", "end": "2024-12-28T18:00:00+01:00",
          "time_zone_name": "Europe/Berlin",
          "tracks": [{"name": "Art & Beauty", "slug": "art-beauty"}],
          "rooms": [{"name": "Saal 1", "guid": "r1"}, {"name": "Stage HUFF", "guid": "r2"}],
          "days": [
            {"index": 1, "date": "2024-12-27", "start": "2024-12-27T06:00:00+01:00", "end": "2024-12-28T06:00:00+01:00"},
            {"index": 2, "date": "2024-12-28", "start": "2024-12-28T06:00:00+01:00", "end": "2024-12-29T06:00:00+01:00"}]},
        "events": [
          {"guid": "e1", "start": "2024-12-27T10:30:00+01:00", "end": "2024-12-27T11:00:00+01:00",
           "room": {"name": "Saal 1", "guid": "r1"}, "title": "Opening", "subtitle": null,
           "track": {"slug": "art-beauty"}, "abstract": {"en": "Welcome!", "de": "Willkommen!"},
           "description": null, "participants": [{"name": "Ada", "role": "speaker"}],
           "links": [], "url": "https://hub.example/e1"},
          {"guid": "e2", "start": "2024-12-28T00:15:00+01:00", "end": "2024-12-28T00:55:00+01:00",
           "room": {"guid": "r2"}, "title": "Late", "track": null, "abstract": "At night",
           "participants": [], "links": []},
          {"guid": "e3", "start": "2024-12-28T12:00:00+01:00", "duration": "-01:00",
           "room": {"guid": "r1"}, "title": "Backwards"}
        ]}}"#;

    #[test]
    fn reads_c3voc_schedule2_flat_events() {
        let schedule = super::super::parse(SCHEDULE2).unwrap();
        assert_eq!(schedule.title, "Mini Congress");
        assert_eq!(schedule.time_zone.as_deref(), Some("Europe/Berlin"));
        let [opening, late, backwards] = schedule.events.as_slice() else {
            panic!("three events: {:?}", schedule.events)
        };
        assert_eq!(opening.id, "e1");
        assert_eq!(opening.start.to_rfc3339(), "2024-12-27T09:30:00+00:00");
        assert_eq!((opening.end - opening.start).num_minutes(), 30);
        assert_eq!(opening.room, "Saal 1");
        assert_eq!(opening.track, "Art & Beauty");
        assert_eq!(opening.speakers, ["Ada"]);
        assert_eq!(opening.abstract_text, "Welcome!");
        assert_eq!(opening.link, "https://hub.example/e1");
        assert_eq!(late.room, "Stage HUFF", "room found by its guid");
        assert_eq!(
            late.day,
            NaiveDate::from_ymd_opt(2024, 12, 27),
            "00:15 belongs to the day before"
        );
        assert_eq!(late.track, "");
        assert_eq!(backwards.end, backwards.start);
        assert_eq!(schedule.bad_lengths.len(), 1, "{:?}", schedule.bad_lengths);
        assert!(schedule.bad_lengths[0].contains("-01:00"));
    }

    #[test]
    fn recordings_come_from_video_links_and_fields() {
        let input = r#"{"schedule": {"conference": {"title": "C", "days": [{"date": "2024-01-02",
            "rooms": {"Hall": [
              {"guid": "a", "date": "2024-01-02T10:00:00+01:00", "duration": "00:30", "title": "A",
               "links": [{"url": "https://example.org", "title": "Project"},
                         {"url": "https://media.ccc.de/v/c-a", "title": "Recording"}]},
              {"guid": "b", "date": "2024-01-02T11:00:00+01:00", "duration": "00:30", "title": "B",
               "video_download_url": "https://cdn.media.ccc.de/b.mp4"},
              {"guid": "c", "date": "2024-01-02T12:00:00+01:00", "duration": "00:30", "title": "C",
               "links": [{"url": "https://www.youtube.com/watch?v=xyz", "title": "YT"}]},
              {"guid": "d", "date": "2024-01-02T13:00:00+01:00", "duration": "00:30", "title": "D",
               "links": [{"url": "https://example.org/slides", "title": "Slides"}]}
            ]}}]}}}"#;
        let schedule = super::super::parse(input).unwrap();
        let recordings: Vec<&str> = schedule
            .events
            .iter()
            .map(|e| e.recording.as_str())
            .collect();
        assert_eq!(
            recordings,
            [
                "https://media.ccc.de/v/c-a",
                "https://cdn.media.ccc.de/b.mp4",
                "https://www.youtube.com/watch?v=xyz",
                ""
            ]
        );
    }

    #[test]
    fn long_and_negative_durations_are_read_or_reported() {
        let input = r#"{"schedule": {"conference": {"title": "C", "days": [{"date": "2024-01-02",
            "rooms": {"Hall": [
              {"guid": "week", "date": "2024-01-02T10:00:00+01:00", "duration": "168:01", "title": "Camp"},
              {"guid": "neg", "date": "2024-01-02T10:00:00+01:00", "duration": "-01:00", "title": "Neg"},
              {"guid": "none", "date": "2024-01-02T10:00:00+01:00", "title": "No length"}
            ]}}]}}}"#;
        let schedule = super::super::parse(input).unwrap();
        let length = |i: usize| (schedule.events[i].end - schedule.events[i].start).num_minutes();
        assert_eq!(length(0), 168 * 60 + 1);
        assert_eq!(length(1), 0);
        assert_eq!(length(2), 0);
        assert_eq!(schedule.bad_lengths.len(), 1, "{:?}", schedule.bad_lengths);
        assert!(schedule.bad_lengths[0].contains("\"Neg\""));
    }

    #[test]
    fn syntax_errors_have_positions_and_shape_errors_say_what_is_understood() {
        let error = super::super::parse("{\n  \"schedule\": [1,,]\n}").unwrap_err();
        assert_eq!(error.position, Some((2, 18)));
        let error = super::super::parse("{\"something\": \"else\"}").unwrap_err();
        assert!(error.unknown_shape, "{}", error.message);
        let error =
            super::super::parse(r#"{"schedule": {"conference": {"title": "x"}}}"#).unwrap_err();
        assert!(error.message.contains("events"), "{}", error.message);
        let error = super::super::parse(
            r#"{"schedule": {"conference": {"days": [{"rooms": {"A": [{"title": "x"}]}}]}}}"#,
        )
        .unwrap_err();
        assert!(error.message.contains("guid"), "{}", error.message);
    }
}
