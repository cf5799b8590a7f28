//! The console read on Windows: crossterm's own reader, which reads console input
//! records (not a byte stream), so neither of the bugs `unix` works around applies.
//! Windows has no SIGTERM or SIGHUP: closing the console window ends talkbook without
//! a last save (what was typed more than a second before is saved already).

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};

use super::Input;

/// The most events taken in one go, so a huge paste still lets the screen update.
const MOST_AT_ONCE: usize = 4096;

/// Reads the console for the event loop: [`InputReader::wait`] returns after the
/// timeout at the latest, so the loop always gets back to save.
pub struct InputReader {
    /// How many events the last wait returned.
    last_count: usize,
    arrived_at: Instant,
}

impl InputReader {
    /// Reads the console this process runs in.
    pub fn stdin() -> io::Result<InputReader> {
        Ok(InputReader {
            last_count: 0,
            arrived_at: Instant::now(),
        })
    }

    /// Waits up to `timeout` for something to happen; `None` if nothing did.
    pub fn wait(&mut self, timeout: Duration) -> Option<Input> {
        match event::poll(timeout) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(error) => return Some(Input::Gone(format!("cannot wait for input: {error}"))),
        }
        self.arrived_at = Instant::now();
        let mut events: Vec<Event> = Vec::new();
        while events.len() < MOST_AT_ONCE {
            match event::read() {
                Ok(event) => events.push(event),
                Err(error) => {
                    return Some(Input::Gone(format!("cannot read the console: {error}")));
                }
            }
            if !matches!(event::poll(Duration::ZERO), Ok(true)) {
                break;
            }
        }
        self.last_count = events.len();
        Some(Input::Events(events))
    }

    /// Whether more input may be on its way at once (see the Unix reader).
    pub fn burst_likely(&self) -> bool {
        self.last_count > 1
    }

    /// When the events returned last arrived.
    pub fn arrived_at(&self) -> Instant {
        self.arrived_at
    }
}
