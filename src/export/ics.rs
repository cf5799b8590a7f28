//! The talks a person picked, as a calendar (RFC 5545): `talkbook export NOTEBOOK --ics`.
//! Lines end with CRLF and are folded at 75 bytes, text is escaped, times are UTC, each
//! event's UID is its talk's id, so importing the calendar twice updates rather than
//! doubles it; talkbook's own importer reads it back to the same talks and instants.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::model::{Notebook, Talk, TalkState};
use crate::text::{clean_line, clean_text, floor_char_boundary};

/// Which talks go into the calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Picks {
    /// Attended and planned ones.
    #[default]
    AttendedAndPlanned,
    AttendedOnly,
    PlannedOnly,
}

impl Picks {
    fn takes(self, talk: &Talk) -> bool {
        match self {
            Picks::AttendedAndPlanned => {
                matches!(talk.state, TalkState::Attended | TalkState::Planned)
            }
            Picks::AttendedOnly => talk.state == TalkState::Attended,
            Picks::PlannedOnly => talk.state == TalkState::Planned,
        }
    }
}

/// Escapes TEXT values: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: at most 75 bytes a line (never inside a character), each
/// continuation starting with a space.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let Some((head, tail)) = rest.split_at_checked(floor_char_boundary(rest, limit)) else {
            break;
        };
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        // The leading space of a continuation counts toward its 75.
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn stamp(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The calendar of `notebook`'s `picks`, stamped `now` (DTSTAMP).
pub fn to_ics(notebook: &Notebook, picks: Picks, now: DateTime<Utc>) -> String {
    let zone = notebook.zone();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//talkbook//talkbook//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape(&clean_line(&notebook.title))),
    );
    if !notebook.time_zone.is_empty() {
        push_line(&mut out, &format!("X-WR-TIMEZONE:{}", escape(&zone.name())));
    }
    for talk in notebook.days.iter().flat_map(|day| &day.talks) {
        if !picks.takes(talk) {
            continue;
        }
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape(&talk.id)));
        push_line(&mut out, &format!("DTSTAMP:{}", stamp(now)));
        push_line(
            &mut out,
            &format!("DTSTART:{}", stamp(zone.to_instant(talk.start))),
        );
        push_line(
            &mut out,
            &format!("DTEND:{}", stamp(zone.to_instant(talk.end))),
        );
        push_line(
            &mut out,
            &format!("SUMMARY:{}", escape(&clean_line(&talk.title))),
        );
        if !talk.room.trim().is_empty() {
            push_line(
                &mut out,
                &format!("LOCATION:{}", escape(&clean_line(&talk.room))),
            );
        }
        let mut description = String::new();
        if !talk.speakers.is_empty() {
            writeln!(description, "{}", talk.speakers_joined()).unwrap();
        }
        if !talk.link.trim().is_empty() {
            writeln!(description, "{}", talk.link.trim()).unwrap();
        }
        if !talk.recording.trim().is_empty() {
            writeln!(description, "Recording: {}", talk.recording.trim()).unwrap();
        }
        if !talk.rating.is_none() {
            writeln!(description, "Rating: {}", talk.rating.symbols()).unwrap();
        }
        let description = clean_text(description.trim_end()).into_owned();
        if !description.is_empty() {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        }
        if !talk.speakers.is_empty() {
            // frab's property: calendar apps ignore it, importers (ours) read speakers.
            push_line(
                &mut out,
                &format!(
                    "X-SPEAKERS:{}",
                    escape(&clean_line(&talk.speakers_joined()))
                ),
            );
        }
        if !talk.link.trim().is_empty() {
            push_line(&mut out, &format!("URL:{}", clean_line(talk.link.trim())));
        }
        let status = if talk.state == TalkState::Planned {
            "TENTATIVE"
        } else {
            "CONFIRMED"
        };
        push_line(&mut out, &format!("STATUS:{status}"));
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::demo_notebook;

    fn picked() -> Notebook {
        let mut notebook = demo_notebook();
        let talks = &mut notebook.days[0].talks;
        talks[0].state = TalkState::Attended;
        talks[1].state = TalkState::Attended;
        talks[1].room = "Room 317; upstairs, left".into();
        talks[1].link = "https://us.pycon.org/2024/schedule/presentation/42/".into();
        talks[3].state = TalkState::Planned;
        talks[6].state = TalkState::Skipped;
        notebook
    }

    #[test]
    fn lines_are_crlf_folded_at_75_bytes_and_text_is_escaped() {
        let ics = to_ics(&picked(), Picks::default(), Utc::now());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.contains('\n'), "{line:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("LOCATION:Room 317\\; upstairs\\, left\r\n"),
            "{unfolded}"
        );
        assert!(unfolded.contains("SUMMARY:Mock It Till You Make It: How to Verify Your External Mocks Without Ever Leaving Unittest\r\n"));
        assert_eq!(
            unfolded.matches("BEGIN:VEVENT").count(),
            3,
            "attended and planned"
        );
        assert!(unfolded.contains("STATUS:TENTATIVE"), "the planned one");
        let attended = to_ics(&picked(), Picks::AttendedOnly, Utc::now());
        assert_eq!(attended.matches("BEGIN:VEVENT").count(), 2);
        let planned = to_ics(&picked(), Picks::PlannedOnly, Utc::now());
        assert_eq!(planned.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn a_folded_line_never_splits_a_character() {
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{}", "Überraschung ".repeat(20)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "Überraschung ".repeat(20))
        );
    }

    #[test]
    fn our_own_importer_reads_back_the_same_talks_at_the_same_instants() {
        let notebook = picked();
        let ics = to_ics(&notebook, Picks::default(), Utc::now());
        let schedule = crate::import::parse("picks.ics", &ics).unwrap();
        let zone = notebook.zone();
        let picked: Vec<&Talk> = notebook
            .days
            .iter()
            .flat_map(|day| &day.talks)
            .filter(|talk| Picks::default().takes(talk))
            .collect();
        assert_eq!(schedule.events.len(), picked.len());
        for (event, talk) in schedule.events.iter().zip(picked) {
            assert_eq!(event.id, talk.id);
            assert_eq!(event.title, talk.title);
            assert_eq!(event.start, zone.to_instant(talk.start));
            assert_eq!(event.end, zone.to_instant(talk.end));
            assert_eq!(event.speakers, talk.speakers);
            assert_eq!(event.room, talk.room);
        }
        assert_eq!(schedule.time_zone.as_deref(), Some("America/New_York"));
    }
}
