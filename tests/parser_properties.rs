//! Property and mutation tests: no input, however broken or foreign, makes a parser
//! panic. Every schedule format, the notes importer and the settings file are fed
//! multi-byte text (2-, 3- and 4-byte characters, combining marks, zero-width
//! characters, characters whose lowercase changes length) at every length around each
//! limit (the HTML tag window, the abstract cap, the calendar fold), far dates, and
//! CR-only and mixed line endings; and every real schedule in `../shared/schedules`
//! gets such text in every text field.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use talkbook::import;

/// Characters that have broken byte arithmetic somewhere: two, three and four bytes, a
/// combining mark, a zero-width space, and characters whose lowercase has another length.
const WIDE: &[&str] = &[
    "é", "’", "—", "中", "😀", "e\u{301}", "\u{200b}", "K", "İ", "ẞ", "Ⱥ",
];

const JSON: &str = r#"{"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin", "days": [{"date": "2024-01-02", "rooms": {"A": [{"guid": "g", "date": "2024-01-02T10:00:00+01:00", "start": "10:00", "duration": "00:30", "title": "T", "persons": [{"public_name": "P"}], "track": {"name": "X"}}]}}]}}}"#;
const XML: &str = "<?xml version='1.0'?><schedule><conference><title>C</title></conference><day date='2024-01-02'><room name='A'><event guid='g' id='1'><date>2024-01-02T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration><title>T &amp; U</title><persons><person id='1'>P</person></persons></event></room></day></schedule>";
const ICS: &str = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:C\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Europe/Berlin:20240102T100000\r\nDURATION:PT30M\r\nSUMMARY:T\\, U\r\n  folded\r\nX-SPEAKERS:P\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// The small files written here in each producer's shape.
const FORMAT_FIXTURES: &[&str] = &[
    "pyconus-2024-friday.json",
    "sessionize-all.json",
    "sessionize-grid.json",
    "sessionize-sessions.json",
    "pretalx-widget.json",
    "indico-timetable.json",
    "frab-variants.xml",
    "speakers-in-titles.ics",
    "talk-by-titles.ics",
    "schedule2-mini.json",
];

/// `sample` with `len` bytes at `at` replaced by `insert` (kept on char boundaries).
fn splice(sample: &str, at: prop::sample::Index, len: usize, insert: &str) -> String {
    let mut start = at.index(sample.len() + 1);
    while !sample.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(sample.len());
    while !sample.is_char_boundary(end) {
        end += 1;
    }
    let (head, _) = sample.split_at_checked(start).unwrap();
    let (_, tail) = sample.split_at_checked(end).unwrap();
    format!("{head}{insert}{tail}")
}

/// A text of `before` ASCII bytes, then `wide` repeated: every wide character lands on
/// every byte position around a limit as `before` runs over the limit's neighbourhood.
fn around(before: usize, wide: &str, repeat: usize) -> String {
    format!("{}{}", "x".repeat(before), wide.repeat(repeat))
}

fn json_with_abstract(text: &str) -> String {
    let event = serde_json::json!({"guid": "g", "date": "2024-01-02T10:00:00+01:00",
        "duration": "00:30", "title": text, "abstract": text, "description": format!("<p>{text}</p>")});
    serde_json::json!({"schedule": {"conference": {"title": text, "days": [
        {"date": "2024-01-02", "rooms": {text: [event]}}]}}})
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let _ = import::parse("fuzz", &String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn broken_json_never_panics(at in any::<prop::sample::Index>(), len in 0usize..40, insert in "\\PC{0,30}") {
        let _ = import::parse("fuzz.json", &splice(JSON, at, len, &insert));
    }

    #[test]
    fn broken_xml_never_panics(at in any::<prop::sample::Index>(), len in 0usize..40, insert in "\\PC{0,30}") {
        let _ = import::parse("fuzz.xml", &splice(XML, at, len, &insert));
    }

    #[test]
    fn broken_icalendar_never_panics(at in any::<prop::sample::Index>(), len in 0usize..40, insert in "[\\PC\r\n:;,\\\\]{0,30}") {
        let _ = import::parse("fuzz.ics", &splice(ICS, at, len, &insert));
    }

    #[test]
    fn icalendar_from_arbitrary_lines_never_panics(lines in proptest::collection::vec("[A-Z;=:\\-\"TZ0-9 \\\\,中é😀]{0,40}", 0..30)) {
        let text = format!("BEGIN:VCALENDAR\n{}\nEND:VCALENDAR\n", lines.join("\n"));
        let _ = import::parse("fuzz.ics", &text);
    }

    /// VTIMEZONE rules with any value: BYDAY, offsets, dates in any script.
    #[test]
    fn time_zone_rules_with_any_values_never_panic(
        byday in "[-+]?[0-9]{0,2}[A-Z中é😀]{0,3}",
        offset in "[-+]?[0-9:é中]{0,7}",
        start in "[0-9T中]{0,16}",
    ) {
        let text = format!(
            "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Mine\nBEGIN:STANDARD\nDTSTART:{start}\n\
             TZOFFSETTO:{offset}\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY={byday}\nRDATE:{start}\n\
             END:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nUID:u\nDTSTART;TZID=Mine:20240102T100000\n\
             SUMMARY:T\nEND:VEVENT\nEND:VCALENDAR\n"
        );
        let _ = import::parse("zone.ics", &text);
    }

    /// Every format's own small file, broken anywhere with any text.
    #[test]
    fn broken_files_of_every_format_never_panic(
        which in 0usize..FORMAT_FIXTURES.len(),
        at in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in "[\\PC\"{}\\[\\],:0-9中😀K\u{301}]{0,30}",
    ) {
        let name = FORMAT_FIXTURES[which];
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name),
        )
        .unwrap();
        let _ = import::parse(name, &splice(&text, at, len, &insert));
    }

    #[test]
    fn settings_files_of_any_text_never_panic(text in "[a-z_=\"\\[\\]\\n #0-9中é😀K\u{301}-]{0,200}") {
        let _ = talkbook::config::parse(&text, Path::new("config.toml"));
    }
}

#[test]
fn the_samples_themselves_parse() {
    for (name, text) in [("a.json", JSON), ("a.xml", XML), ("a.ics", ICS)] {
        let schedule = import::parse(name, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(schedule.events.len(), 1, "{name}");
        assert_eq!(
            schedule.events[0].start.to_rfc3339(),
            "2024-01-02T09:00:00+00:00",
            "{name}"
        );
    }
}

/// Around the HTML tag window (1,024 bytes after a `<`) and the abstract cap (32 KB),
/// every wide character at every byte position: the text is kept, never a panic.
#[test]
fn wide_characters_at_every_position_around_the_tag_window_and_the_abstract_cap() {
    for wide in WIDE {
        for before in 1000..1032 {
            let text = format!("a < b {}", around(before, wide, 6));
            let schedule = import::parse("w.json", &json_with_abstract(&text)).unwrap();
            assert!(
                schedule.events[0].abstract_text.contains(&wide.repeat(6)),
                "{wide:?} {before}"
            );
        }
        let cap = import::MAX_ABSTRACT_BYTES;
        for before in cap - 8..cap + 8 {
            let text = around(before, wide, 4);
            let schedule = import::parse("w.json", &json_with_abstract(&text)).unwrap();
            assert!(schedule.events[0].abstract_text.len() < cap + 200);
        }
        // A whole abstract of the wide character, past the cap.
        let text = wide.repeat(cap / wide.len() + 3);
        assert!(import::parse("w.json", &json_with_abstract(&text)).is_ok());
    }
}

/// A calendar folds its lines at 75 bytes: wide characters at every length around the
/// fold come back whole through talkbook's own export and import.
#[test]
fn wide_titles_at_every_length_around_the_fold_come_back_through_a_calendar() {
    use talkbook::model::{Notebook, TalkDetails, TalkState};
    for wide in WIDE {
        for before in 60..80 {
            let title = around(before, wide, 3);
            let mut notebook = Notebook::new("C", "Europe/Berlin");
            let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap();
            let id = notebook.add_talk(TalkDetails {
                start,
                end: start + chrono::Duration::minutes(30),
                title: title.clone(),
                speakers: vec![title.clone()],
                room: title.clone(),
                recording: String::new(),
                lead_in: 0,
            });
            notebook.talk_mut(&id).unwrap().state = TalkState::Planned;
            let ics = talkbook::export::ics::to_ics(
                &notebook,
                talkbook::export::ics::Picks::AttendedAndPlanned,
                chrono::Utc::now(),
            );
            assert!(
                ics.lines()
                    .all(|line| line.trim_end_matches('\r').len() <= 75)
            );
            let back = import::parse("picks.ics", &ics).unwrap();
            assert_eq!(back.events[0].title, title, "{wide:?} {before}");
        }
    }
}

/// Far dates in every format are refused in one line, never a panic; CR-only and
/// mixed line endings read like LF.
#[test]
fn far_dates_and_every_line_ending_in_every_format() {
    for far in ["+262142-12-31", "-262143-01-01", "0000-01-01", "9999-12-31"] {
        let json = JSON.replace("2024-01-02", far);
        let xml = XML.replace("2024-01-02", far);
        for (name, text) in [("far.json", json), ("far.xml", xml)] {
            match import::parse(name, &text) {
                Ok(schedule) => panic!("{name} {far}: {:?}", schedule.events),
                Err(error) => assert!(!error.to_string().is_empty()),
            }
        }
    }
    let ics_far = ICS.replace("20240102T100000", "99991231T100000");
    assert!(import::parse("far.ics", &ics_far).is_err());
    for ending in ["\n", "\r", "\r\n"] {
        let ics = ICS.replace("\r\n", ending);
        let xml = XML.replace("><", &format!(">{ending}<"));
        for (name, text) in [("e.ics", ics), ("e.xml", xml)] {
            let schedule = import::parse(name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(schedule.events.len(), 1, "{name} {ending:?}");
        }
    }
    let mixed = ICS.replacen("\r\n", "\r", 3).replacen("\r\n", "\n", 2);
    assert_eq!(import::parse("m.ics", &mixed).unwrap().events.len(), 1);
}

/// The real schedules in `../shared/schedules` (and `more/`).
fn shared_schedules() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schedules");
    let mut files: Vec<PathBuf> = [root.clone(), root.join("more")]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(dir)
                .unwrap_or_else(|e| panic!("{}: {e} (the team's shared files)", dir.display()))
                .map(|entry| entry.unwrap().path())
                .filter(|path| {
                    path.extension()
                        .is_some_and(|e| e == "json" || e == "xml" || e == "ics")
                })
        })
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    files
}

/// Every string of a JSON document replaced by `text(n)`, n counting the strings.
fn mutate_json(value: &mut serde_json::Value, text: &mut dyn FnMut() -> String) {
    match value {
        serde_json::Value::String(s) => *s = text(),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| mutate_json(v, text)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| mutate_json(v, text)),
        _ => {}
    }
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Every text node and attribute value of an XML document replaced by `text()`.
fn mutate_xml(xml: &str, text: &mut dyn FnMut() -> String) -> String {
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    while let Some((node, after)) = rest.split_once('<') {
        if node.trim().is_empty() {
            out.push_str(node);
        } else {
            out.push_str(&xml_escaped(&text()));
        }
        let (tag, tail) = after.split_once('>').unwrap_or((after, ""));
        out.push('<');
        // Attribute values: every quoted part of the tag.
        let mut parts = tag.split('"');
        out.push_str(parts.next().unwrap_or_default());
        for (i, part) in parts.enumerate() {
            out.push('"');
            if i % 2 == 0 && !tag.starts_with('?') {
                out.push_str(&xml_escaped(&text()));
            } else {
                out.push_str(part);
            }
        }
        out.push('>');
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Every property value of a calendar (but BEGIN and END) replaced by `text()`.
fn mutate_ics(ics: &str, text: &mut dyn FnMut() -> String) -> String {
    ics.split("\r\n")
        .map(|line| match line.split_once(':') {
            Some((name, _)) if !name.starts_with("BEGIN") && !name.starts_with("END") => {
                format!("{name}:{}", text().replace(['\r', '\n'], " "))
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Every text field of every real schedule gets wide text: each wide character, at
/// lengths around the tag window, with a `<`, and now and then a far date or an
/// abstract past the cap. Parsing may refuse such a file; it never panics.
#[test]
fn every_text_field_of_every_real_schedule_takes_hostile_text() {
    for path in shared_schedules() {
        let original = std::fs::read_to_string(&path).unwrap();
        let original = original.trim_start_matches('\u{feff}');
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (round, wide) in WIDE.iter().enumerate() {
            let mut n = 0usize;
            let mut text = || {
                n += 1;
                match (n + round) % 7 {
                    0 => format!("<b>{}</b>", around(1015 + n % 16, wide, 5)),
                    1 => "+262142-12-31T10:00:00+01:00".into(),
                    2 => wide.repeat(1 + n % 9),
                    3 => format!("{}\r{}\n{}", wide, wide, wide),
                    4 if n % 50 == 4 => wide.repeat(import::MAX_ABSTRACT_BYTES / wide.len() + 1),
                    _ => format!("{} {}", around(n % 5, wide, 2), wide.to_uppercase()),
                }
            };
            let mutated = match path.extension().and_then(|e| e.to_str()) {
                Some("json") => {
                    let mut value: serde_json::Value = serde_json::from_str(original).unwrap();
                    mutate_json(&mut value, &mut text);
                    value.to_string()
                }
                Some("xml") => mutate_xml(original, &mut text),
                _ => mutate_ics(original, &mut text),
            };
            // Ok or Err: what matters is that it answers.
            let _ = import::parse(&name, &mutated);
        }
    }
}

/// Wide text in one field at a time, the rest of the file as published: the file still
/// imports, and the text is kept whole.
#[test]
fn one_wide_field_at_a_time_in_the_31c3_schedule_is_read_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schedules");
    let original = std::fs::read_to_string(root.join("31c3-schedule.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&original).unwrap();
    // The first event of the first room of the first day.
    let first_event = |value: &mut serde_json::Value| -> serde_json::Value {
        let rooms = value
            .pointer_mut("/schedule/conference/days/0/rooms")
            .and_then(serde_json::Value::as_object_mut)
            .unwrap();
        let events = rooms.values_mut().next().unwrap();
        events[0].take()
    };
    for field in [
        "title",
        "subtitle",
        "abstract",
        "description",
        "room",
        "track",
    ] {
        for wide in WIDE {
            for before in [0, 1, 2, 3, 1021, 1022, 1023, 1024] {
                let text = format!("<i>{}</i>", around(before, wide, 3));
                let mut mutated = value.clone();
                let mut event = first_event(&mut mutated);
                event[field] = serde_json::Value::String(text.clone());
                let rooms = mutated
                    .pointer_mut("/schedule/conference/days/0/rooms")
                    .and_then(serde_json::Value::as_object_mut)
                    .unwrap();
                rooms.values_mut().next().unwrap()[0] = event;
                let schedule = import::parse("31c3.json", &mutated.to_string())
                    .unwrap_or_else(|e| panic!("{field} {wide:?} {before}: {e}"));
                assert_eq!(schedule.events.len(), 138);
                let kept = schedule.events.iter().any(|event| {
                    [
                        &event.title,
                        &event.abstract_text,
                        &event.room,
                        &event.track,
                    ]
                    .iter()
                    .any(|text| text.contains(&wide.repeat(3)))
                });
                assert!(kept, "{field} {wide:?} {before}");
            }
        }
    }
}
