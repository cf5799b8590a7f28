//! Property tests: no input, however broken, makes a schedule parser panic.

use proptest::prelude::*;
use talkbook::import;

const JSON: &str = r#"{"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin", "days": [{"date": "2024-01-02", "rooms": {"A": [{"guid": "g", "date": "2024-01-02T10:00:00+01:00", "start": "10:00", "duration": "00:30", "title": "T", "persons": [{"public_name": "P"}], "track": {"name": "X"}}]}}]}}}"#;
const XML: &str = "<?xml version='1.0'?><schedule><conference><title>C</title></conference><day date='2024-01-02'><room name='A'><event guid='g' id='1'><date>2024-01-02T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration><title>T &amp; U</title><persons><person id='1'>P</person></persons></event></room></day></schedule>";
const ICS: &str = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:C\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Europe/Berlin:20240102T100000\r\nDURATION:PT30M\r\nSUMMARY:T\\, U\r\n  folded\r\nX-SPEAKERS:P\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

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
    format!("{}{}{}", &sample[..start], insert, &sample[end..])
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
    fn icalendar_from_arbitrary_lines_never_panics(lines in proptest::collection::vec("[A-Z;=:\\-\"TZ0-9 \\\\,]{0,40}", 0..30)) {
        let text = format!("BEGIN:VCALENDAR\n{}\nEND:VCALENDAR\n", lines.join("\n"));
        let _ = import::parse("fuzz.ics", &text);
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
