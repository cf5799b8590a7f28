//! Terminal input, read by our own code.
//!
//! crossterm's event reader has two bugs that cost a person their notes or their patience:
//! when the terminal goes away it retries forever on `read() = 0`, spinning a core and
//! never returning to the loop that would save (crossterm-rs/crossterm issue 793, fix
//! proposed in PR 1067, unreleased in 0.29); and its edge-triggered epoll returns after
//! the first 1,024 bytes of a burst, leaving the rest unread until another key arrives
//! (PR 1057, open). So talkbook reads standard input itself: the event loop waits in a
//! level-triggered `poll` (with a timeout, so it always gets back to save), reads
//! everything that is there, turns the bytes into crossterm
//! events with terminput's parser (the same parsing crossterm does), and says plainly when
//! the terminal is gone (end of file, an I/O error, a hang-up).
//!
//! That reader is Unix's ([`unix`]). On Windows the console is read through crossterm's
//! own reader ([`windows`]), which has neither bug there (it reads console events, not
//! a byte stream).

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::InputReader;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::InputReader;

use std::time::Duration;

use crossterm::event::Event;

/// What the reader tells the event loop.
#[derive(Debug)]
pub enum Input {
    /// Events that were read together (one burst), in the order they were typed.
    Events(Vec<Event>),
    /// SIGTERM, SIGHUP or SIGINT arrived: save and leave.
    Terminate,
    /// The terminal is gone (why, for the log): save and leave without drawing.
    Gone(String),
}

/// How long an escape byte at the very end of what was read waits for the rest of its
/// sequence before it counts as the Esc key (the rest of a long burst can arrive a few
/// milliseconds later, split by the pty).
pub const ESCAPE_WAIT: Duration = Duration::from_millis(15);
/// How long an unfinished bracketed paste waits for its next piece: a big paste over a
/// slow link arrives in pieces with gaps, and taken apart it would type an Esc.
pub const PASTE_WAIT: Duration = Duration::from_secs(1);

const ESC: u8 = 0x1b;

/// Turns the bytes a terminal sends into events, whatever pieces they arrive in.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of an event that has not arrived whole yet.
    pending: Vec<u8>,
}

impl Decoder {
    /// Adds bytes that arrived and returns every event they complete. An unfinished
    /// sequence at the end waits for more bytes (or [`Decoder::finish`]).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let consumed = decode(&self.pending, false, &mut events);
        self.pending.drain(..consumed);
        events
    }

    /// Whether bytes are waiting for the rest of their event.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// How long waiting bytes may wait for the rest: long for an open paste, a moment for
    /// anything else (a lone Esc must act soon).
    pub fn patience(&self) -> Duration {
        if self.pending.starts_with(b"\x1b[200~") {
            PASTE_WAIT
        } else {
            ESCAPE_WAIT
        }
    }

    /// Nothing more came: what is waiting is taken as it is (a lone escape byte is the
    /// Esc key; bytes that make no event are dropped).
    pub fn finish(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        let mut rest = std::mem::take(&mut self.pending);
        while !rest.is_empty() {
            let consumed = decode(&rest, true, &mut events);
            if consumed == 0 {
                // An unfinished sequence: its first byte on its own, then the others.
                if rest[0] == ESC {
                    events.push(Event::Key(crossterm::event::KeyCode::Esc.into()));
                }
                rest.remove(0);
            } else {
                rest.drain(..consumed);
            }
        }
        events
    }
}

/// Decodes whole events from the start of `bytes` into `events`; returns how many bytes
/// they took. With `at_end`, a lone escape byte at the end is the Esc key.
fn decode(bytes: &[u8], at_end: bool, events: &mut Vec<Event>) -> usize {
    let mut start = 0;
    let mut end = 1;
    while end <= bytes.len() {
        let candidate = &bytes[start..end];
        if candidate == [ESC] && (end < bytes.len() || !at_end) {
            // The start of a sequence (or Alt with a key): wait for what follows.
            if end == bytes.len() {
                break;
            }
            end += 1;
            continue;
        }
        match terminput::Event::parse_from(candidate) {
            Ok(Some(event)) => {
                if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                    events.push(event);
                }
                start = end;
                end = start + 1;
            }
            Ok(None) => end += 1,
            // Not an event (a terminal's reply, a broken sequence): skip those bytes.
            Err(_) => {
                start = end;
                end = start + 1;
            }
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

    pub(super) fn keys(events: &[Event]) -> Vec<KeyEvent> {
        events
            .iter()
            .filter_map(|event| match event {
                Event::Key(key) => Some(*key),
                _ => None,
            })
            .collect()
    }

    pub(super) fn typed(events: &[Event]) -> String {
        keys(events)
            .iter()
            .map(|key| match key.code {
                KeyCode::Char(c) => c,
                KeyCode::Enter => '\n',
                _ => '?',
            })
            .collect()
    }

    #[test]
    fn a_burst_of_20_kb_becomes_every_key_in_order() {
        let text: String = (0..20_000)
            .map(|n| ['a', 'b', ' ', 'é', '\r'][n % 5])
            .collect();
        let mut decoder = Decoder::default();
        let mut events = Vec::new();
        // In the pieces a pty delivers: 4,095 bytes at a time, split anywhere, even
        // inside a character.
        for piece in text.as_bytes().chunks(4095) {
            events.extend(decoder.feed(piece));
        }
        events.extend(decoder.finish());
        assert_eq!(typed(&events), text.replace('\r', "\n"));
    }

    #[test]
    fn escape_sequences_split_across_reads_are_one_key() {
        let mut decoder = Decoder::default();
        assert_eq!(typed(&decoder.feed(b"x\x1b")), "x");
        assert!(decoder.has_pending());
        let events = decoder.feed(b"[A");
        assert_eq!(keys(&events)[0].code, KeyCode::Up);
        assert!(!decoder.has_pending());
    }

    #[test]
    fn a_lone_escape_is_the_esc_key_once_nothing_follows() {
        let mut decoder = Decoder::default();
        assert!(decoder.feed(b"\x1b").is_empty());
        let events = decoder.finish();
        assert_eq!(keys(&events)[0].code, KeyCode::Esc);
        // Esc then Ctrl-Q as the test harness sends them, in one read.
        let events = decoder.feed(b"abc\x1b");
        assert_eq!(typed(&events), "abc");
        let mut events = decoder.finish();
        events.extend(decoder.feed(b"\x11"));
        assert_eq!(keys(&events)[0].code, KeyCode::Esc);
        assert_eq!(
            keys(&events)[1],
            KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)
        );
    }

    #[test]
    fn paste_mouse_and_modified_keys_decode_like_crossterm() {
        let mut decoder = Decoder::default();
        let events =
            decoder.feed(b"\x1b[200~line one\rline two\x1b[201~\x1b[<0;5;7M\x1b[1;5C\x1b[Z\x7f");
        assert_eq!(events[0], Event::Paste("line one\rline two".into()));
        match &events[1] {
            Event::Mouse(mouse) => {
                assert!(matches!(mouse.kind, MouseEventKind::Down(_)));
                assert_eq!((mouse.column, mouse.row), (4, 6));
            }
            other => panic!("expected a click, got {other:?}"),
        }
        let keys = keys(&events[2..]);
        assert_eq!(
            keys[0],
            KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL)
        );
        assert_eq!(keys[1].code, KeyCode::BackTab);
        assert_eq!(keys[2].code, KeyCode::Backspace);
    }

    #[test]
    fn bytes_that_make_no_event_are_dropped_not_kept_forever() {
        let mut decoder = Decoder::default();
        // A cursor-position report nobody asked for, then a key.
        let mut events = decoder.feed(b"\x1b[?1;2c");
        events.extend(decoder.feed(b"j"));
        events.extend(decoder.finish());
        assert_eq!(typed(&events), "j");
        assert!(!decoder.has_pending());
    }
}
