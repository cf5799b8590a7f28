//! Schedule JSON, read through `serde_json::Value` because every producer differs in
//! small ways. The shape, not the file name, says whose it is:
//!
//! - `{"schedule": {"conference": …}}`: pretalx / frab / c3voc `schedule.json`, and
//!   c3voc schedule2 ([`frab`]);
//! - `{"conference": …, "schedule": [{kind, name, start, …}]}`: PyCon US's own
//!   `conference.json` (Symposion, [`pycon`]);
//! - `{"sessions", "speakers", "rooms"}`, a list of days with `rooms` (and `timeSlots`),
//!   or a list of groups with `sessions`: Sessionize's All, Schedule grid (GridSmart)
//!   and Sessions views ([`sessionize`]);
//! - `{"talks", "rooms", "speakers"}`: pretalx's schedule widget ([`pretalx_widget`]);
//! - `{"results": {event: {day: {entry}}}}`: Indico's timetable export ([`indico`]).
//!
//! Valid JSON of any other shape is "not a schedule talkbook knows", never "malformed".

mod frab;
mod indico;
mod pretalx_widget;
mod pycon;
mod sessionize;

use chrono::NaiveDateTime;
use serde_json::Value;

use super::{ParseError, Schedule, instant};
use crate::model::Link;

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
    let has = |key: &str| root.get(key).is_some();
    match &root {
        Value::Object(_) if root.get("schedule").is_some_and(Value::is_object) => {
            frab::parse(&root)
        }
        Value::Object(_) if root.get("schedule").is_some_and(Value::is_array) => {
            pycon::parse(&root)
        }
        Value::Object(_) if has("sessions") && (has("speakers") || has("rooms")) => {
            sessionize::parse_all(&root)
        }
        Value::Object(_) if has("talks") && (has("rooms") || has("speakers")) => {
            pretalx_widget::parse(&root)
        }
        Value::Object(_) if root.get("results").is_some_and(Value::is_object) => {
            indico::parse(&root)
        }
        Value::Array(items) if sessionize::is_grid(items) => sessionize::parse_grid(items),
        Value::Array(items) if sessionize::is_list(items) => sessionize::parse_list(items),
        other => Err(ParseError::unknown_shape(describe(other))),
    }
}

/// What a JSON document holds, for "not a schedule talkbook knows: …".
fn describe(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().take(6).map(|key| format!("{key:?}")).collect();
            let more = if map.len() > 6 { ", …" } else { "" };
            format!("a JSON object with {}{more}", keys.join(", "))
        }
        Value::Array(items) => format!("a JSON list of {} items", items.len()),
        _ => "a single JSON value".into(),
    }
}

/// The string at `key`, or empty.
fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A text that may be given per language (`{"en": "…", "es": "…"}`): English, else the
/// first language that has one.
fn localized_value(value: Option<&Value>) -> &str {
    match value {
        Some(Value::String(text)) => text,
        Some(Value::Object(languages)) => languages
            .get("en")
            .and_then(Value::as_str)
            .filter(|text| !text.is_empty())
            .or_else(|| {
                languages
                    .values()
                    .filter_map(Value::as_str)
                    .find(|text| !text.is_empty())
            })
            .unwrap_or_default(),
        _ => "",
    }
}

fn localized<'a>(value: &'a Value, key: &str) -> &'a str {
    localized_value(value.get(key))
}

/// A clock time without a zone (`2020-03-28T08:00:00`), as Sessionize writes them; a
/// `Z` it may carry is not taken at its word (its times are the conference's clock).
fn clock_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().trim_end_matches('Z');
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// A link from a `url` with a `title`, if the url is there.
fn link(title: &str, url: &str) -> Option<Link> {
    (!url.trim().is_empty()).then(|| Link {
        title: title.trim().to_string(),
        url: url.trim().to_string(),
    })
}

/// Whether an entry a producer calls a "service" session is a break: a meal, a pause,
/// registration. (A keynote or a party marked so is kept.)
fn is_break_title(title: &str) -> bool {
    const BREAKS: &[&str] = &[
        "break",
        "lunch",
        "breakfast",
        "dinner",
        "coffee",
        "snack",
        "registration",
        "check-in",
        "check in",
        "doors open",
        "receso",
        "almuerzo",
        "pause",
    ];
    let title = title.to_lowercase();
    BREAKS.iter().any(|word| title.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_of_an_unknown_shape_says_what_it_is_and_what_talkbook_reads() {
        for (input, found) in [
            (
                "{\"something\": \"else\", \"n\": 1}",
                "\"something\", \"n\"",
            ),
            ("[1, 2, 3]", "a JSON list of 3 items"),
            ("\"text\"", "a single JSON value"),
        ] {
            let error = parse(input).unwrap_err();
            assert!(error.unknown_shape, "{input}");
            assert!(error.message.contains(found), "{}", error.message);
        }
        assert!(!parse("{\"schedule\": [1,,]}").unwrap_err().unknown_shape);
    }

    #[test]
    fn instants_take_offsets_with_or_without_a_colon() {
        for text in [
            "2024-01-02T10:00:00+01:00",
            "2024-01-02T10:00:00+0100",
            "2024-01-02T09:00:00Z",
            "2024-01-02T10:00+0100",
        ] {
            assert_eq!(
                instant(text).map(|i| i.to_rfc3339()).as_deref(),
                Some("2024-01-02T09:00:00+00:00"),
                "{text}"
            );
        }
        assert_eq!(instant("2024-01-02T10:00:00"), None);
        assert_eq!(
            clock_time("2017-05-27T09:00:00Z").unwrap().to_string(),
            "2017-05-27 09:00:00"
        );
    }
}
