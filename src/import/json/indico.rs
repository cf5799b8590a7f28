//! Indico's timetable export (`/export/timetable/<id>.json`), as science conferences
//! publish it: `results` → event id → day (`20130429`) → entries by id. A
//! contribution (`ContribSchEntry`) is a talk; a session block (`SessionSchEntry`)
//! holds its contributions and breaks in `entries`, which become talks of that session
//! (the block itself is one when it holds none); a break (`BreakTimeSchEntry`) is left
//! out and counted. Times are `{date, time, tz}`; presenters (conveners for a block),
//! the room, the description, the page and the attached material come along.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

use super::super::{Event, ParseError, Schedule};
use super::{link, text};
use crate::model::{Link, Zone};

pub(super) fn parse(root: &Value) -> Result<Schedule, ParseError> {
    let results = root
        .get("results")
        .and_then(Value::as_object)
        .ok_or_else(|| ParseError::unknown_shape("\"results\" that is not an object"))?;
    let mut out = Schedule::default();
    for (event_id, days) in results {
        let Some(days) = days.as_object() else {
            return Err(ParseError::unknown_shape(format!(
                "\"results\": {{\"{event_id}\": …}} that is not an Indico timetable"
            )));
        };
        for entries in days.values().filter_map(Value::as_object) {
            for entry in entries.values() {
                read_entry(entry, event_id, None, &mut out);
            }
        }
    }
    Ok(out)
}

/// The kind of an entry, by `_type` or `entryType`.
fn kind(entry: &Value) -> &str {
    match (text(entry, "_type"), text(entry, "entryType")) {
        ("ContribSchEntry", _) | (_, "Contribution") => "contribution",
        ("SessionSchEntry" | "LinkedTimeSchEntry", _) | (_, "Session") => "session",
        ("BreakTimeSchEntry", _) | (_, "Break") => "break",
        _ => "",
    }
}

/// A session block an entry sits in: its title (the track) and room.
struct Block<'a> {
    title: &'a str,
    room: &'a str,
}

fn read_entry(entry: &Value, event_id: &str, block: Option<&Block>, out: &mut Schedule) {
    match kind(entry) {
        "break" => out.skipped_breaks += 1,
        "session" => {
            let nested: Vec<&Value> = entry
                .get("entries")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|entries| entries.values())
                .collect();
            if nested.is_empty() {
                push(entry, event_id, block, "conveners", out);
                return;
            }
            let inner = Block {
                title: text(entry, "title"),
                room: text(entry, "room"),
            };
            for child in nested {
                read_entry(child, event_id, Some(&inner), out);
            }
        }
        // A contribution, or an entry of a kind Indico may add later: a talk.
        _ => push(entry, event_id, block, "presenters", out),
    }
}

/// `{"date": "2013-04-29", "time": "16:00:00", "tz": "Europe/Zurich"}`.
fn when(value: Option<&Value>, out: &mut Schedule) -> Option<chrono::DateTime<chrono::Utc>> {
    let value = value?;
    let date = NaiveDate::parse_from_str(text(value, "date"), "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(text(value, "time"), "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text(value, "time"), "%H:%M"))
        .ok()?;
    let zone = Zone::parse(text(value, "tz")).unwrap_or(Zone::Utc);
    if out.time_zone.is_none() && !text(value, "tz").is_empty() {
        out.time_zone = Some(zone.name());
    }
    Some(zone.to_instant(NaiveDateTime::new(date, time)))
}

fn push(entry: &Value, event_id: &str, block: Option<&Block>, people: &str, out: &mut Schedule) {
    let Some(start) = when(entry.get("startDate"), out) else {
        out.skipped_no_start += 1;
        return;
    };
    let end = when(entry.get("endDate"), out)
        .filter(|end| *end >= start)
        .unwrap_or_else(|| {
            out.no_length += 1;
            start
        });
    let id = ["uniqueId", "id"]
        .iter()
        .map(|key| match entry.get(*key) {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => String::new(),
        })
        .find(|id| !id.is_empty())
        .unwrap_or_else(|| format!("{}-{}", start.format("%Y%m%dT%H%M"), text(entry, "title")));
    let speakers = entry
        .get(people)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|person| {
            let name = text(person, "name");
            if name.is_empty() {
                format!(
                    "{} {}",
                    text(person, "firstName"),
                    text(person, "familyName")
                )
            } else {
                name.to_string()
            }
        })
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    let title = match text(entry, "slotTitle") {
        slot if !slot.is_empty() && kind(entry) == "session" => slot,
        _ => text(entry, "title"),
    };
    let room = match text(entry, "room") {
        "" => block.map_or("", |block| block.room),
        room => room,
    };
    out.events.push(Event {
        id: format!("indico-{event_id}-{id}"),
        start,
        end,
        title: title.to_string(),
        speakers,
        room: room.to_string(),
        track: block.map_or("", |block| block.title).to_string(),
        abstract_text: text(entry, "description").to_string(),
        link: text(entry, "url").to_string(),
        links: material(entry),
        ..Event::default()
    });
}

/// The files attached to an entry (`attachments`: files and folders of files), and the
/// older `material` lists.
fn material(entry: &Value) -> Vec<Link> {
    let list = |value: Option<&Value>| -> Vec<Value> {
        value.and_then(Value::as_array).cloned().unwrap_or_default()
    };
    let attachments = entry.get("attachments");
    let files = list(attachments.and_then(|a| a.get("files")));
    let in_folders: Vec<Value> = list(attachments.and_then(|a| a.get("folders")))
        .iter()
        .flat_map(|folder| list(folder.get("attachments")))
        .collect();
    let old: Vec<Value> = list(entry.get("material"))
        .iter()
        .flat_map(|material| {
            let resources = list(material.get("resources"));
            if resources.is_empty() {
                vec![material.clone()]
            } else {
                resources
            }
        })
        .collect();
    files
        .iter()
        .chain(&in_folders)
        .chain(&old)
        .filter_map(|file| {
            let url = ["download_url", "url"]
                .iter()
                .map(|key| text(file, key))
                .find(|url| !url.is_empty())?;
            let title = ["title", "name"]
                .iter()
                .map(|key| text(file, key))
                .find(|title| !title.is_empty())
                .unwrap_or_default();
            link(title, url)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of Indico's timetable export, with a session block and a break, cut
    /// down and written here after Indico's own serializer.
    pub(crate) const TIMETABLE: &str = r#"{"count": 1, "_type": "HTTPAPIResult", "complete": true,
      "results": {"137346": {"20130429": {
        "c0": {"_type": "ContribSchEntry", "entryType": "Contribution", "id": "c0", "uniqueId": "a137346t0",
               "title": "Contrib 1", "description": "<p>About it</p>", "room": "160-1-009",
               "startDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "16:00:00"},
               "endDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "16:30:00"},
               "presenters": [{"firstName": "Ada", "familyName": "Lovelace", "name": "Ada Lovelace"}],
               "url": "https://indico.example/event/137346/contributions/0/",
               "attachments": {"files": [{"title": "Slides", "download_url": "https://indico.example/slides.pdf"}],
                               "folders": [{"title": "Papers", "attachments": [{"title": "Paper", "download_url": "https://indico.example/paper.pdf"}]}]}},
        "s1": {"_type": "SessionSchEntry", "entryType": "Session", "id": "s1", "title": "Detectors",
               "slotTitle": "", "room": "500-1-001",
               "startDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "09:00:00"},
               "endDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "11:00:00"},
               "conveners": [{"name": "Grace Hopper"}],
               "entries": {
                 "c5": {"_type": "ContribSchEntry", "id": "c5", "title": "Calorimeters", "room": "",
                        "startDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "09:00:00"},
                        "endDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "09:30:00"},
                        "presenters": [{"firstName": "Marie", "familyName": "Curie"}]},
                 "b6": {"_type": "BreakTimeSchEntry", "id": "b6", "title": "Coffee",
                        "startDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "10:00:00"},
                        "endDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "10:30:00"}}}},
        "s2": {"_type": "SessionSchEntry", "id": "s2", "title": "Posters", "room": "Hall",
               "startDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "17:00:00"},
               "endDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "18:00:00"},
               "conveners": [], "entries": {}}
      }}}}"#;

    #[test]
    fn contributions_sessions_and_breaks_of_a_timetable() {
        let schedule = parse(&serde_json::from_str(TIMETABLE).unwrap()).unwrap();
        assert_eq!(schedule.time_zone.as_deref(), Some("Europe/Zurich"));
        assert_eq!(schedule.skipped_breaks, 1);
        let titles: Vec<&str> = schedule.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Contrib 1", "Calorimeters", "Posters"]);
        let contrib = &schedule.events[0];
        assert_eq!(contrib.id, "indico-137346-a137346t0");
        assert_eq!(contrib.start.to_rfc3339(), "2013-04-29T14:00:00+00:00");
        assert_eq!(contrib.speakers, ["Ada Lovelace"]);
        assert_eq!(contrib.links.len(), 2);
        assert_eq!(
            contrib.link,
            "https://indico.example/event/137346/contributions/0/"
        );
        let nested = &schedule.events[1];
        assert_eq!(nested.track, "Detectors");
        assert_eq!(nested.room, "500-1-001", "the block's room");
        assert_eq!(nested.speakers, ["Marie Curie"]);
    }
}
