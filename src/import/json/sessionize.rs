//! Sessionize, the call-for-papers service behind many tech conferences (NDC, DevFest,
//! code camps), in the three JSON views its API serves:
//!
//! - "All" (`/api/v2/{id}/view/All`): `sessions`, with `speakers`, `rooms` and
//!   `categories` given once and referred to by id;
//! - "Schedule grid" and "GridSmart": a list of days → `rooms` → `sessions` (the
//!   `timeSlots` repeat the same sessions);
//! - "Sessions": a list of groups → `sessions`.
//!
//! Sessionize times carry no zone (GridSmart adds a `Z` that is not UTC: it is the
//! conference's clock). They are read as clock times, shown as written, in the zone the
//! person gives with `--time-zone`. Service sessions that are breaks (lunch,
//! registration) are left out and counted; others (a keynote, the closing) are talks.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::super::{Event, ParseError, Schedule};
use super::{clock_time, is_break_title, link, text};

/// Names of things given once and referred to by id (speakers, rooms, category items).
type Names<'a> = HashMap<String, &'a str>;

/// The id of a thing as a string, whether the file writes it as a number or a string.
fn id_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(id) if !id.is_empty() => Some(id.clone()),
        Value::Number(id) => Some(id.to_string()),
        _ => None,
    }
}

/// The "All" view.
pub(super) fn parse_all(root: &Value) -> Result<Schedule, ParseError> {
    let list = |key: &str| -> &[Value] {
        root.get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    };
    let sessions = root
        .get("sessions")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::unknown_shape("\"sessions\" that is not a list"))?;
    let speakers: Names = list("speakers")
        .iter()
        .filter_map(|speaker| {
            let name = ["fullName", "name"]
                .iter()
                .map(|key| text(speaker, key))
                .find(|name| !name.is_empty())?;
            Some((id_of(speaker.get("id"))?, name))
        })
        .collect();
    // Speakers with only first and last names.
    let joined: HashMap<String, String> = list("speakers")
        .iter()
        .filter_map(|speaker| {
            let name = format!(
                "{} {}",
                text(speaker, "firstName"),
                text(speaker, "lastName")
            );
            Some((id_of(speaker.get("id"))?, name.trim().to_string()))
        })
        .collect();
    let rooms: Names = list("rooms")
        .iter()
        .filter_map(|room| Some((id_of(room.get("id"))?, text(room, "name"))))
        .collect();
    // Category items by id, with the title of their category (`Track`, `Level`…).
    let items: HashMap<String, (&str, &str)> = list("categories")
        .iter()
        .flat_map(|category| {
            let title = text(category, "title");
            category
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(move |item| Some((id_of(item.get("id"))?, (title, text(item, "name")))))
        })
        .collect();
    let mut out = Schedule::default();
    for session in sessions {
        let speaker_names = session
            .get("speakers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|speaker| match speaker {
                Value::Object(_) => Some(text(speaker, "name").to_string()),
                id => {
                    let id = id_of(Some(id))?;
                    speakers
                        .get(&id)
                        .map(|name| name.to_string())
                        .or_else(|| joined.get(&id).cloned())
                }
            })
            .filter(|name| !name.is_empty())
            .collect();
        let room = id_of(session.get("roomId"))
            .and_then(|id| rooms.get(&id).copied())
            .unwrap_or_else(|| text(session, "room"));
        let categories: Vec<(&str, &str)> = session
            .get("categoryItems")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|id| items.get(&id_of(Some(id))?).copied())
            .collect();
        push(&mut out, session, speaker_names, room, track(&categories));
    }
    Ok(out)
}

/// Whether a JSON list is the "Schedule grid" view: days with `rooms`.
pub(super) fn is_grid(items: &[Value]) -> bool {
    items.first().is_some_and(|day| {
        day.get("rooms").is_some_and(Value::is_array)
            && (day.get("date").is_some() || day.get("timeSlots").is_some())
    })
}

/// Whether a JSON list is the "Sessions" view: groups with `sessions`.
pub(super) fn parse_list(groups: &[Value]) -> Result<Schedule, ParseError> {
    let sessions = groups
        .iter()
        .filter_map(|group| group.get("sessions").and_then(Value::as_array))
        .flatten();
    Ok(read_embedded(sessions))
}

pub(super) fn is_list(items: &[Value]) -> bool {
    items
        .first()
        .is_some_and(|group| group.get("sessions").is_some_and(Value::is_array))
}

/// The "Schedule grid" / GridSmart view.
pub(super) fn parse_grid(days: &[Value]) -> Result<Schedule, ParseError> {
    let in_rooms = days
        .iter()
        .filter_map(|day| day.get("rooms").and_then(Value::as_array))
        .flatten()
        .filter_map(|room| room.get("sessions").and_then(Value::as_array))
        .flatten();
    let in_slots = days
        .iter()
        .filter_map(|day| day.get("timeSlots").and_then(Value::as_array))
        .flatten()
        .filter_map(|slot| slot.get("rooms").and_then(Value::as_array))
        .flatten()
        .filter_map(|room| room.get("session"));
    Ok(read_embedded(in_rooms.chain(in_slots)))
}

/// Sessions that carry their speakers, room and categories themselves (the grid and
/// list views); each once, however often the view repeats it.
fn read_embedded<'a>(sessions: impl Iterator<Item = &'a Value>) -> Schedule {
    let mut out = Schedule::default();
    let mut seen = HashSet::new();
    for session in sessions {
        if let Some(id) = id_of(session.get("id"))
            && !seen.insert(id)
        {
            continue;
        }
        let speakers = session
            .get("speakers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|speaker| match speaker {
                Value::String(name) => name.clone(),
                _ => text(speaker, "name").to_string(),
            })
            .filter(|name| !name.is_empty())
            .collect();
        let categories: Vec<(&str, &str)> = session
            .get("categories")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|category| {
                let title = text(category, "name");
                category
                    .get("categoryItems")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(move |item| (title, text(item, "name")))
            })
            .collect();
        push(
            &mut out,
            session,
            speakers,
            text(session, "room"),
            track(&categories),
        );
    }
    out
}

/// The track among a session's category items: the one filed under a category called
/// track, topic or category, in that order.
fn track(categories: &[(&str, &str)]) -> String {
    ["track", "topic", "category", "tag"]
        .iter()
        .find_map(|wanted| {
            categories
                .iter()
                .find(|(title, _)| title.to_lowercase().contains(wanted))
                .map(|(_, name)| name.to_string())
        })
        .unwrap_or_default()
}

/// One session into the schedule, or counted where it does not belong.
fn push(out: &mut Schedule, session: &Value, speakers: Vec<String>, room: &str, track: String) {
    let title = text(session, "title");
    let service = session
        .get("isServiceSession")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if service && is_break_title(title) {
        out.skipped_breaks += 1;
        return;
    }
    let Some(start) = clock_time(text(session, "startsAt")) else {
        // Accepted but not scheduled yet.
        out.skipped_no_start += 1;
        return;
    };
    let end = clock_time(text(session, "endsAt"))
        .filter(|end| *end >= start)
        .unwrap_or_else(|| {
            out.no_length += 1;
            start
        });
    let id = id_of(session.get("id"))
        .map(|id| format!("sessionize-{id}"))
        .unwrap_or_else(|| format!("sessionize-{}-{title}", start.format("%Y%m%dT%H%M")));
    let recording = text(session, "recordingUrl");
    let recording = if super::super::is_recording(recording, "video") {
        recording.to_string()
    } else {
        String::new()
    };
    out.events.push(Event {
        id,
        // Clock times: read as UTC, shown as written ([`Event::floating`]).
        start: start.and_utc(),
        end: end.and_utc(),
        title: title.to_string(),
        speakers,
        room: room.to_string(),
        track,
        abstract_text: text(session, "description").to_string(),
        recording,
        floating: true,
        links: link("Live stream", text(session, "liveUrl"))
            .into_iter()
            .collect(),
        ..Event::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of Sessionize's "All" view, cut down and written here.
    pub(crate) const ALL: &str = r#"{"sessions": [
        {"id": "1", "title": "Keynote", "description": null, "startsAt": "2020-03-28T08:00:00",
         "endsAt": "2020-03-28T09:00:00", "isServiceSession": true, "isPlenumSession": true,
         "speakers": [], "categoryItems": [], "roomId": 10},
        {"id": "2", "title": "Lunch", "startsAt": "2020-03-28T12:00:00", "endsAt": "2020-03-28T13:00:00",
         "isServiceSession": true, "speakers": [], "categoryItems": [], "roomId": 10},
        {"id": "3", "title": "Rust for C# people", "description": "Ownership, gently.",
         "startsAt": "2020-03-28T09:15:00", "endsAt": "2020-03-28T10:15:00", "isServiceSession": false,
         "speakers": ["s1", "s2"], "categoryItems": [100, 200], "roomId": 11,
         "recordingUrl": "https://www.youtube.com/watch?v=xyz"},
        {"id": "4", "title": "Not scheduled yet", "startsAt": null, "endsAt": null,
         "speakers": [], "categoryItems": [], "roomId": null}
      ],
      "speakers": [{"id": "s1", "firstName": "Ada", "lastName": "Lovelace", "fullName": "Ada Lovelace"},
                   {"id": "s2", "firstName": "Grace", "lastName": "Hopper"}],
      "rooms": [{"id": 10, "name": "Main Hall", "sort": 0}, {"id": 11, "name": "Room 2", "sort": 1}],
      "categories": [{"id": 1, "title": "Level", "items": [{"id": 100, "name": "Intermediate"}]},
                     {"id": 2, "title": "Track", "items": [{"id": 200, "name": "Languages"}]}],
      "questions": []}"#;

    #[test]
    fn the_all_view_finds_speakers_rooms_and_tracks_by_id() {
        let schedule = parse_all(&serde_json::from_str(ALL).unwrap()).unwrap();
        assert_eq!(schedule.skipped_breaks, 1, "lunch");
        assert_eq!(schedule.skipped_no_start, 1);
        assert_eq!(schedule.time_zone, None);
        let [keynote, rust] = schedule.events.as_slice() else {
            panic!("{:?}", schedule.events)
        };
        assert_eq!(
            keynote.title, "Keynote",
            "a service session that is not a break"
        );
        assert_eq!(keynote.room, "Main Hall");
        assert_eq!(rust.speakers, ["Ada Lovelace", "Grace Hopper"]);
        assert_eq!(
            (rust.room.as_str(), rust.track.as_str()),
            ("Room 2", "Languages")
        );
        assert_eq!(rust.start.format("%H:%M").to_string(), "09:15");
        assert!(rust.floating);
        assert_eq!(rust.recording, "https://www.youtube.com/watch?v=xyz");
        assert_eq!(rust.id, "sessionize-3");
    }

    #[test]
    fn grid_and_list_views_read_each_session_once() {
        let session = r#"{"id": "7", "title": "Grid talk", "startsAt": "2017-05-27T09:00:00Z",
            "endsAt": "2017-05-27T10:00:00Z", "isServiceSession": false,
            "speakers": [{"id": "a", "name": "Aiden Test"}],
            "categories": [{"name": "Track", "categoryItems": [{"name": "Technical"}]}],
            "room": "Green Room"}"#;
        let grid = format!(
            r#"[{{"date": "2017-05-27T00:00:00Z", "rooms": [{{"id": 1, "name": "Green Room", "sessions": [{session}]}}],
                "timeSlots": [{{"slotStart": "09:00:00", "rooms": [{{"id": 1, "session": {session}}}]}}]}}]"#
        );
        let list = format!(r#"[{{"groupId": null, "groupName": "All", "sessions": [{session}]}}]"#);
        for text in [grid, list] {
            let value: Value = serde_json::from_str(&text).unwrap();
            let items = value.as_array().unwrap();
            let schedule = if is_grid(items) {
                parse_grid(items)
            } else {
                assert!(is_list(items));
                parse_list(items)
            }
            .unwrap();
            let [talk] = schedule.events.as_slice() else {
                panic!("{:?}", schedule.events)
            };
            assert_eq!(talk.speakers, ["Aiden Test"]);
            assert_eq!(talk.track, "Technical");
            assert_eq!(
                talk.start.format("%H:%M").to_string(),
                "09:00",
                "Z is not UTC"
            );
        }
    }
}
