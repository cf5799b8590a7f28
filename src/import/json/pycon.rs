//! PyCon US's own schedule, `us.pycon.org/<year>/schedule/conference.json` (Symposion):
//! `{"conference": {…}, "schedule": [{kind, name, room, rooms, start, end, speakers,
//! description, conf_key, conf_url, slides_url, video_url, cancelled}]}`, times with
//! their offset. Kinds are talk, tutorial, plenary, charla, sponsor-workshop, summit,
//! event, poster…; `break` (meals, pauses) and `informational` (the registration desk
//! opens) are not talks: left out and counted.

use serde_json::Value;

use super::super::{Event, ParseError, Schedule};
use super::{instant, link, text};

pub(super) fn parse(root: &Value) -> Result<Schedule, ParseError> {
    let entries = root
        .get("schedule")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::unknown_shape("no \"schedule\" list"))?;
    if entries
        .iter()
        .any(|entry| entry.get("start").is_none() && entry.get("name").is_none())
    {
        return Err(ParseError::unknown_shape(
            "a \"schedule\" list whose entries have neither \"start\" nor \"name\"",
        ));
    }
    let mut out = Schedule {
        title: conference_title(entries),
        ..Schedule::default()
    };
    for entry in entries {
        let kind = text(entry, "kind");
        if matches!(kind, "break" | "informational") {
            out.skipped_breaks += 1;
            continue;
        }
        if entry
            .get("cancelled")
            .and_then(Value::as_bool)
            .unwrap_or(false)
        {
            out.skipped_cancelled += 1;
            continue;
        }
        let Some(start) = instant(text(entry, "start")) else {
            out.skipped_no_start += 1;
            continue;
        };
        let end = instant(text(entry, "end"))
            .filter(|end| *end >= start)
            .unwrap_or_else(|| {
                out.no_length += 1;
                start
            });
        let name = text(entry, "name");
        let id = match entry.get("conf_key") {
            Some(Value::Number(key)) => format!("pycon-{key}"),
            Some(Value::String(key)) if !key.is_empty() => format!("pycon-{key}"),
            _ => format!("pycon-{}-{name}", start.format("%Y%m%dT%H%M")),
        };
        let rooms: Vec<&str> = entry
            .get("rooms")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let room = if rooms.len() > 1 {
            rooms.join(", ")
        } else {
            text(entry, "room").to_string()
        };
        let speakers: Vec<String> = match entry.get("speakers").and_then(Value::as_array) {
            Some(speakers) if !speakers.is_empty() => speakers
                .iter()
                .filter_map(|speaker| speaker.get("name").and_then(Value::as_str))
                .map(String::from)
                .collect(),
            _ => entry
                .get("authors")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
        };
        let video = text(entry, "video_url");
        let recording = if super::super::is_recording(video, "video") {
            video.to_string()
        } else {
            String::new()
        };
        let links = link("Slides", text(entry, "slides_url"))
            .into_iter()
            .chain(link("Video", video).filter(|_| recording.is_empty()))
            .collect();
        out.events.push(Event {
            id,
            start,
            end,
            title: name.to_string(),
            speakers,
            room,
            track: if kind == "talk" {
                String::new()
            } else {
                kind.replace('-', " ")
            },
            abstract_text: text(entry, "description").to_string(),
            link: text(entry, "conf_url").to_string(),
            recording,
            // A video that is not where recordings are served is a link like the slides.
            links,
            ..Event::default()
        });
    }
    // The zone of the first entry's offset: PyCon US runs in one city's zone.
    out.time_zone = entries.iter().find_map(|entry| {
        chrono::DateTime::parse_from_rfc3339(text(entry, "start"))
            .ok()
            .map(|start| start.offset().to_string())
    });
    Ok(out)
}

/// `PyCon US 2025`, from the year in the talks' own pages (`us.pycon.org/2025/…`): the
/// file names the conference nowhere else.
fn conference_title(entries: &[Value]) -> String {
    entries
        .iter()
        .map(|entry| text(entry, "conf_url"))
        .find_map(|url| {
            let rest = url.split("us.pycon.org/").nth(1)?;
            let year = rest.split('/').next()?;
            (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("PyCon US {year}"))
        })
        .unwrap_or_else(|| "PyCon US".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of PyCon US 2024's `conference.json`, cut down and written here.
    pub(crate) const FRIDAY: &str = r#"{"conference": {"content": {}, "sponsors": {}},
      "schedule": [
        {"kind": "informational", "name": "Registration Desk Opens", "room": "Concourse A",
         "rooms": ["Concourse A"], "start": "2024-05-17T07:00:00-04:00", "end": "2024-05-17T07:00:00-04:00",
         "conf_key": 1},
        {"kind": "break", "name": "Breakfast", "room": "Expo Hall A", "rooms": ["Expo Hall A"],
         "start": "2024-05-17T07:30:00-04:00", "end": "2024-05-17T09:00:00-04:00", "conf_key": 2},
        {"kind": "plenary", "name": "Keynote - Jay Miller", "room": "Expo Hall B", "rooms": ["Expo Hall B"],
         "start": "2024-05-17T09:45:00-04:00", "end": "2024-05-17T10:30:00-04:00", "conf_key": 3,
         "description": "<p>Founder of <b>Black Python Devs</b></p>", "speakers": [], "authors": [],
         "conf_url": "https://us.pycon.org/2024/schedule/presentation/3/"},
        {"kind": "talk", "name": "Mock It Till You Make It", "room": "Hall C", "rooms": ["Hall C"],
         "start": "2024-05-17T11:00:00-04:00", "end": "2024-05-17T11:30:00-04:00", "conf_key": 4,
         "speakers": [{"id": 1, "name": "Liz Acosta", "bio": "<p>bio</p>"}],
         "conf_url": "https://us.pycon.org/2024/schedule/presentation/4/",
         "slides_url": "https://example.org/mock-slides.pdf",
         "video_url": "https://www.youtube.com/watch?v=abc"},
        {"kind": "charla", "name": "Cancelada", "room": "Room 310/311", "rooms": ["Room 310/311"],
         "start": "2024-05-17T11:00:00-04:00", "end": "2024-05-17T11:30:00-04:00", "conf_key": 5,
         "cancelled": true}
      ]}"#;

    #[test]
    fn reads_talks_with_speakers_pages_slides_and_recordings_and_counts_breaks() {
        let root: Value = serde_json::from_str(FRIDAY).unwrap();
        let schedule = parse(&root).unwrap();
        assert_eq!(schedule.title, "PyCon US 2024");
        assert_eq!(schedule.time_zone.as_deref(), Some("-04:00"));
        assert_eq!(schedule.skipped_breaks, 2);
        assert_eq!(schedule.skipped_cancelled, 1);
        let [keynote, mock] = schedule.events.as_slice() else {
            panic!("{:?}", schedule.events)
        };
        assert_eq!(keynote.id, "pycon-3");
        assert_eq!(keynote.start.to_rfc3339(), "2024-05-17T13:45:00+00:00");
        assert_eq!(keynote.track, "plenary");
        assert_eq!(mock.speakers, ["Liz Acosta"]);
        assert_eq!(mock.room, "Hall C");
        assert_eq!(
            mock.link,
            "https://us.pycon.org/2024/schedule/presentation/4/"
        );
        assert_eq!(mock.recording, "https://www.youtube.com/watch?v=abc");
        assert_eq!(mock.links.len(), 1, "{:?}", mock.links);
        assert_eq!(mock.links[0].title, "Slides");
    }
}
