//! pretalx's schedule widget feed, `/<event>/schedule/widgets/schedule.json`: `talks`,
//! with `rooms`, `speakers` and `tracks` given once and referred to by id (speakers by
//! code), the event's `timezone`, and texts that may be given per language
//! (`{"en": "Break", "es": "Receso"}`: English if there is one, else the first). Breaks
//! (`slot_type: "break"`, entries without a code) are left out and counted.

use std::collections::HashMap;

use serde_json::Value;

use super::super::{Event, ParseError, Schedule};
use super::{instant, localized, localized_value, text};

pub(super) fn parse(root: &Value) -> Result<Schedule, ParseError> {
    let talks = root
        .get("talks")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::unknown_shape("\"talks\" that is not a list"))?;
    let by_id = |key: &str, id_key: &str| -> HashMap<String, &str> {
        root.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|item| {
                let id = match item.get(id_key)? {
                    Value::String(id) => id.clone(),
                    Value::Number(id) => id.to_string(),
                    _ => return None,
                };
                Some((id, localized(item, "name")))
            })
            .collect()
    };
    let rooms = by_id("rooms", "id");
    let tracks = by_id("tracks", "id");
    let speakers = by_id("speakers", "code");
    let key = |value: Option<&Value>| match value {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => None,
    };
    let mut out = Schedule {
        time_zone: Some(text(root, "timezone"))
            .filter(|zone| !zone.is_empty())
            .map(String::from),
        ..Schedule::default()
    };
    for talk in talks {
        let code = text(talk, "code");
        if text(talk, "slot_type") == "break" || code.is_empty() {
            out.skipped_breaks += 1;
            continue;
        }
        let Some(start) = instant(text(talk, "start")) else {
            out.skipped_no_start += 1;
            continue;
        };
        let end = instant(text(talk, "end"))
            .filter(|end| *end >= start)
            .unwrap_or_else(|| {
                out.no_length += 1;
                start
            });
        let names = |ids: Option<&Value>, table: &HashMap<String, &str>| -> Vec<String> {
            ids.and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|id| table.get(&key(Some(id))?).map(|name| name.to_string()))
                .collect()
        };
        let name_of = |id: Option<&Value>, table: &HashMap<String, &str>| {
            key(id)
                .and_then(|id| table.get(&id).map(|name| name.to_string()))
                .unwrap_or_default()
        };
        out.events.push(Event {
            id: code.to_string(),
            start,
            end,
            title: localized_value(talk.get("title")).to_string(),
            speakers: names(talk.get("speakers"), &speakers),
            room: name_of(talk.get("room"), &rooms),
            track: name_of(talk.get("track"), &tracks),
            abstract_text: localized(talk, "abstract").to_string(),
            links: super::frab::links(talk),
            ..Event::default()
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of a pretalx widget feed, cut down and written here.
    pub(crate) const WIDGET: &str = r#"{"talks": [
        {"code": "W8D3KN", "id": 1, "title": "Entrada", "abstract": "Bienvenida", "speakers": [],
         "track": 229, "start": "2026-08-27T08:00:00-05:00", "end": "2026-08-27T08:30:00-05:00", "room": 286,
         "duration": 30},
        {"id": 2, "title": {"en": "Break", "es": "Receso"}, "start": "2026-08-27T15:50:00Z",
         "end": "2026-08-27T11:10:00-05:00", "room": 281, "slot_type": "break"},
        {"code": "ABC123", "id": 3, "title": {"es": "Observabilidad", "pt": "Observabilidade"},
         "abstract": {"en": "Tracing, for real."}, "speakers": ["XQSY8W", "NOPE"], "track": 230,
         "start": "2026-08-27T10:00:00-05:00", "end": "2026-08-27T10:30:00-05:00", "room": 281,
         "resources": [{"resource": "https://example.org/slides.pdf", "description": "Slides"}]}
      ],
      "version": "0.17", "timezone": "America/Lima",
      "rooms": [{"id": 286, "name": {"en": "Terrace", "es": "Terraza"}},
                {"id": 281, "name": {"en": "Puruchuco - Principal"}}],
      "tracks": [{"id": 229, "name": {"en": "Event", "es": "Evento"}},
                 {"id": 230, "name": {"es": "charla relámpago"}}],
      "speakers": [{"code": "XQSY8W", "name": "jack torpoco"}]}"#;

    #[test]
    fn talks_find_rooms_speakers_and_tracks_by_id_in_english_or_the_first_language() {
        let schedule = parse(&serde_json::from_str(WIDGET).unwrap()).unwrap();
        assert_eq!(schedule.time_zone.as_deref(), Some("America/Lima"));
        assert_eq!(schedule.skipped_breaks, 1);
        let [entry, talk] = schedule.events.as_slice() else {
            panic!("{:?}", schedule.events)
        };
        assert_eq!(entry.room, "Terrace");
        assert_eq!(entry.track, "Event");
        assert_eq!(talk.id, "ABC123");
        assert_eq!(
            talk.title, "Observabilidad",
            "no English: the first language"
        );
        assert_eq!(talk.abstract_text, "Tracing, for real.");
        assert_eq!(
            talk.speakers,
            ["jack torpoco"],
            "an unknown code is no speaker"
        );
        assert_eq!(talk.track, "charla relámpago");
        assert_eq!(talk.start.to_rfc3339(), "2026-08-27T15:00:00+00:00");
        assert_eq!(talk.links[0].url, "https://example.org/slides.pdf");
        assert_eq!(talk.links[0].title, "Slides");
    }
}
