//! pretalx / frab / c3voc `schedule.json`:
//! `{"schedule": {"conference": {"title", "time_zone_name", "days": [{"date", "rooms":
//! {"Room": [event, ...]}}]}}}`. Read through `serde_json::Value`, because the producers
//! differ in small ways (a track is a string or an object, a person has `public_name` or
//! `name`).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::{Event, ParseError, Schedule, combine_abstract, parse_duration};
use crate::model::{Zone, parse_time_of_day};

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

pub fn parse(input: &str) -> Result<Schedule, ParseError> {
    let root: Value = serde_json::from_str(input).map_err(|error| {
        let message = error.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string();
        ParseError::at(error.line(), error.column(), message)
    })?;
    let conference = root
        .get("schedule")
        .and_then(|schedule| schedule.get("conference"))
        .filter(|conference| conference.is_object())
        .ok_or_else(|| ParseError::general("no \"schedule\": {\"conference\": {...}} object"))?;
    let time_zone = Some(text(conference, "time_zone_name"))
        .filter(|name| !name.is_empty())
        .map(String::from);
    let zone = time_zone
        .as_deref()
        .and_then(Zone::parse)
        .unwrap_or(Zone::Utc);
    let mut events = Vec::new();
    for day in conference
        .get("days")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let date = NaiveDate::parse_from_str(text(day, "date"), "%Y-%m-%d").ok();
        let Some(rooms) = day.get("rooms").and_then(Value::as_object) else {
            continue;
        };
        for (room, room_events) in rooms {
            for event in room_events.as_array().into_iter().flatten() {
                events.push(parse_event(event, room, date, zone)?);
            }
        }
    }
    let time_zone = time_zone.or_else(|| {
        // No zone name: the offset of the first event's date stands in for it.
        conference
            .get("days")?
            .as_array()?
            .iter()
            .filter_map(|day| day.get("rooms")?.as_object())
            .flat_map(|rooms| rooms.values())
            .filter_map(Value::as_array)
            .flatten()
            .find_map(|event| DateTime::parse_from_rfc3339(text(event, "date")).ok())
            .map(|date| date.offset().to_string())
    });
    Ok(Schedule {
        title: text(conference, "title").to_string(),
        time_zone,
        events,
        skipped_all_day: 0,
        skipped_repeating: 0,
        skipped_no_start: 0,
    })
}

fn parse_event(
    event: &Value,
    room: &str,
    day: Option<NaiveDate>,
    zone: Zone,
) -> Result<Event, ParseError> {
    let id = match (event.get("guid"), event.get("id")) {
        (Some(Value::String(guid)), _) if !guid.is_empty() => guid.clone(),
        (_, Some(Value::Number(id))) => id.to_string(),
        (_, Some(Value::String(id))) if !id.is_empty() => id.clone(),
        _ => {
            return Err(ParseError::general(
                "an event has neither \"guid\" nor \"id\"",
            ));
        }
    };
    let title = text(event, "title");
    let mut floating = false;
    let start: DateTime<Utc> = match DateTime::parse_from_rfc3339(text(event, "date")) {
        Ok(date) => date.with_timezone(&Utc),
        Err(_) => {
            floating = true;
            // Older exports: the day's date plus "start" in the conference's zone.
            let time = parse_time_of_day(text(event, "start"));
            match (day, time) {
                (Some(day), Some(time)) => zone.to_instant(day.and_time(time)),
                _ => {
                    return Err(ParseError::general(format!(
                        "event {id} ({title:?}) has no valid \"date\" or \"start\""
                    )));
                }
            }
        }
    };
    let duration = parse_duration(text(event, "duration")).unwrap_or_default();
    let speakers = event
        .get("persons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|person| {
            ["public_name", "name", "full_public_name"]
                .iter()
                .find_map(|key| person.get(key).and_then(Value::as_str))
                .map(String::from)
        })
        .collect();
    let track = match event.get("track") {
        Some(Value::String(track)) => track.clone(),
        Some(Value::Object(track)) => track
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    };
    let event_room = text(event, "room");
    Ok(Event {
        id,
        start,
        end: start + duration,
        day,
        title: title.to_string(),
        speakers,
        room: if event_room.is_empty() {
            room
        } else {
            event_room
        }
        .to_string(),
        track,
        abstract_text: combine_abstract(&[
            text(event, "subtitle"),
            text(event, "abstract"),
            text(event, "description"),
        ]),
        link: text(event, "url").to_string(),
        floating,
    })
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
        let schedule = parse(input).unwrap();
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
    }

    #[test]
    fn syntax_errors_have_positions_and_shape_errors_say_what_is_missing() {
        let error = parse("{\n  \"schedule\": [1,,]\n}").unwrap_err();
        assert_eq!(error.position, Some((2, 18)));
        let error = parse("{\"something\": \"else\"}").unwrap_err();
        assert!(error.message.contains("conference"), "{}", error.message);
        let error = parse(
            r#"{"schedule": {"conference": {"days": [{"rooms": {"A": [{"title": "x"}]}}]}}}"#,
        )
        .unwrap_err();
        assert!(error.message.contains("guid"), "{}", error.message);
    }
}
