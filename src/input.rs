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

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
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
const READ_SIZE: usize = 64 * 1024;

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

/// Reads the terminal for the event loop: [`InputReader::wait`] sleeps in `poll` until
/// input, a signal or the timeout, so the loop always gets back to save and to leave.
pub struct InputReader {
    input: RawFd,
    signals: UnixStream,
    winch: UnixStream,
    /// The signal handlers writing to `signals` and `winch`; unregistered when the
    /// reader goes.
    registered: Vec<signal_hook::SigId>,
    /// The other ends of `signals` and `winch` (closed, they would read as always ready).
    _writers: [UnixStream; 2],
    decoder: Decoder,
    /// When bytes last arrived while some wait for the rest of their event.
    pending_since: Option<std::time::Instant>,
    buffer: Vec<u8>,
    /// Bytes the last read returned.
    last_read: usize,
    /// When the bytes of the events returned last were read.
    arrived_at: std::time::Instant,
}

impl InputReader {
    /// Reads standard input; SIGTERM, SIGHUP and SIGINT come as [`Input::Terminate`],
    /// SIGWINCH as a resize event.
    pub fn stdin() -> io::Result<InputReader> {
        let (signals, signal_write) = UnixStream::pair()?;
        let (winch, winch_write) = UnixStream::pair()?;
        for socket in [&signals, &signal_write, &winch, &winch_write] {
            socket.set_nonblocking(true)?;
        }
        let mut registered = Vec::new();
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            let write_end = signal_write.try_clone()?;
            registered.push(signal_hook::low_level::pipe::register(signal, write_end)?);
        }
        registered.push(signal_hook::low_level::pipe::register(
            signal_hook::consts::SIGWINCH,
            winch_write.try_clone()?,
        )?);
        Ok(InputReader {
            input: 0,
            signals,
            winch,
            registered,
            _writers: [signal_write, winch_write],
            decoder: Decoder::default(),
            pending_since: None,
            buffer: vec![0u8; READ_SIZE],
            last_read: 0,
            arrived_at: std::time::Instant::now(),
        })
    }

    /// Reads `input` (a descriptor that stays open while the reader lives), with no
    /// signals attached.
    pub fn with_fd(input: RawFd) -> io::Result<InputReader> {
        let (signals, signal_write) = UnixStream::pair()?;
        let (winch, winch_write) = UnixStream::pair()?;
        Ok(InputReader {
            input,
            signals,
            winch,
            registered: Vec::new(),
            _writers: [signal_write, winch_write],
            decoder: Decoder::default(),
            pending_since: None,
            buffer: vec![0u8; READ_SIZE],
            last_read: 0,
            arrived_at: std::time::Instant::now(),
        })
    }

    /// Waits up to `timeout` for something to happen; `None` if nothing did.
    pub fn wait(&mut self, timeout: Duration) -> Option<Input> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let now = std::time::Instant::now();
            // Waiting bytes get their patience from when they came, whatever the caller's
            // timeout (the loop drains with a zero one right after a burst).
            let complete_by = self
                .pending_since
                .map(|since| since + self.decoder.patience());
            if complete_by.is_some_and(|by| now >= by) {
                // They came when the bytes that began them were read.
                self.arrived_at = self.pending_since.take().unwrap_or(now);
                let events = self.decoder.finish();
                if !events.is_empty() {
                    return Some(Input::Events(events));
                }
            }
            let left = deadline.saturating_duration_since(now);
            let wait = match complete_by {
                Some(by) => left.min(by.saturating_duration_since(now)),
                None => left,
            };
            let mut fds = [
                pollfd(self.input),
                pollfd(self.signals.as_raw_fd()),
                pollfd(self.winch.as_raw_fd()),
            ];
            let millis = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
            // Round up, so a wait of 0.4 ms does not turn into a busy loop of zero waits.
            let millis = if wait > Duration::from_millis(u64::try_from(millis).unwrap_or(0)) {
                millis.saturating_add(1)
            } else {
                millis
            };
            // SAFETY: `fds` is a valid array of pollfd for its whole length.
            let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis) };
            if ready < 0 {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Some(Input::Gone(format!("cannot wait for input: {error}")));
            }
            if ready == 0 {
                let now = std::time::Instant::now();
                // Waiting bytes that are due are finished at the top of the loop; otherwise
                // the caller's time being up is the answer (they keep theirs).
                if now >= deadline && complete_by.is_none_or(|by| now < by) {
                    return None;
                }
                continue;
            }
            if fds[1].revents != 0 {
                drain(&self.signals);
                return Some(Input::Terminate);
            }
            if fds[2].revents != 0 {
                drain(&self.winch);
                if let Ok((columns, rows)) = crossterm::terminal::size() {
                    return Some(Input::Events(vec![Event::Resize(columns, rows)]));
                }
            }
            let revents = fds[0].revents;
            if revents & libc::POLLIN != 0 {
                // SAFETY: `buffer` is valid for writes of its length.
                let read = unsafe {
                    libc::read(
                        self.input,
                        self.buffer.as_mut_ptr().cast(),
                        self.buffer.len(),
                    )
                };
                match read {
                    0 => return Some(Input::Gone("end of input".into())),
                    n if n > 0 => {
                        self.arrived_at = std::time::Instant::now();
                        self.last_read = n as usize;
                        let events = self.decoder.feed(&self.buffer[..n as usize]);
                        self.pending_since =
                            self.decoder.has_pending().then(std::time::Instant::now);
                        if !events.is_empty() {
                            return Some(Input::Events(events));
                        }
                    }
                    _ => {
                        let error = io::Error::last_os_error();
                        if !matches!(
                            error.kind(),
                            io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                        ) {
                            return Some(Input::Gone(format!("cannot read the terminal: {error}")));
                        }
                    }
                }
            } else if revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Some(Input::Gone("the terminal hung up".into()));
            }
        }
    }
}

impl InputReader {
    /// Whether more input may be on its way at once: the last read brought more than
    /// a key or two (a paste, keys typed ahead), so the rest of a burst is read before
    /// the next frame. A single key is drawn at once, without asking the terminal again.
    pub fn burst_likely(&self) -> bool {
        self.last_read > BURST_BYTES
    }

    /// When the events returned last arrived: when their bytes were read, not when the
    /// app gets to them. How far apart keys came tells typing from commands, and a
    /// busy moment must not make keys pressed apart look typed together.
    pub fn arrived_at(&self) -> std::time::Instant {
        self.arrived_at
    }
}

/// More than this in one read is a burst, not a key (the longest key sequences, with
/// modifiers, are about a dozen bytes).
const BURST_BYTES: usize = 32;

impl Drop for InputReader {
    fn drop(&mut self) {
        for id in self.registered.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

fn pollfd(fd: RawFd) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}

/// Empties a signal pipe (several signals may have written to it).
fn drain(socket: &UnixStream) {
    use std::io::Read as _;
    let mut buffer = [0u8; 64];
    while matches!((&*socket).read(&mut buffer), Ok(n) if n > 0) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

    fn keys(events: &[Event]) -> Vec<KeyEvent> {
        events
            .iter()
            .filter_map(|event| match event {
                Event::Key(key) => Some(*key),
                _ => None,
            })
            .collect()
    }

    fn typed(events: &[Event]) -> String {
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

    /// A pipe the test writes into, read by an [`InputReader`].
    fn piped_reader() -> (InputReader, libc::c_int, libc::c_int) {
        let mut fds = [0; 2];
        // SAFETY: pipe fills two descriptors, owned by the test.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        (InputReader::with_fd(fds[0]).unwrap(), fds[0], fds[1])
    }

    fn write_to(fd: libc::c_int, bytes: &[u8]) {
        // SAFETY: writing a valid buffer to our own pipe.
        assert_eq!(
            unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) },
            bytes.len() as isize
        );
    }

    #[test]
    fn split_sequences_wait_their_time_even_when_the_caller_does_not() {
        let (mut reader, read_end, write_end) = piped_reader();
        // The first half of an arrow key, then a drain with no time at all: nothing yet.
        write_to(write_end, b"\x1b[");
        assert!(reader.wait(Duration::ZERO).is_none());
        write_to(write_end, b"A");
        match reader.wait(Duration::from_secs(1)) {
            Some(Input::Events(events)) => assert_eq!(keys(&events)[0].code, KeyCode::Up),
            other => panic!("{other:?}"),
        }
        // A lone Esc still acts after its moment.
        write_to(write_end, b"\x1b");
        assert!(reader.wait(Duration::ZERO).is_none());
        match reader.wait(Duration::from_secs(1)) {
            Some(Input::Events(events)) => assert_eq!(keys(&events)[0].code, KeyCode::Esc),
            other => panic!("{other:?}"),
        }
        // A paste arriving in pieces with a gap longer than an Esc's moment stays a paste.
        write_to(write_end, b"\x1b[200~first half ");
        assert!(reader.wait(Duration::from_millis(100)).is_none());
        write_to(write_end, b"second half\x1b[201~");
        match reader.wait(Duration::from_secs(1)) {
            Some(Input::Events(events)) => {
                assert_eq!(events, [Event::Paste("first half second half".into())])
            }
            other => panic!("{other:?}"),
        }
        drop(reader);
        // SAFETY: closing our own pipe.
        unsafe {
            libc::close(write_end);
            libc::close(read_end);
        }
    }

    #[test]
    fn end_of_input_is_reported_and_waiting_never_spins() {
        let (mut reader, read_end, write_end) = piped_reader();
        // Nothing there: the wait times out.
        let started = std::time::Instant::now();
        assert!(reader.wait(Duration::from_millis(50)).is_none());
        assert!(started.elapsed() >= Duration::from_millis(50));
        write_to(write_end, b"ab");
        // SAFETY: closing our own pipe's write end: end of input.
        unsafe { libc::close(write_end) };
        let mut typed = String::new();
        let gone = loop {
            match reader.wait(Duration::from_secs(5)).expect("a message") {
                Input::Events(events) => typed.push_str(&super::tests::typed(&events)),
                Input::Gone(reason) => break reason,
                Input::Terminate => panic!("no signal was sent"),
            }
        };
        assert_eq!(typed, "ab");
        // A pipe says so by POLLHUP alone, a tty by a read of 0 bytes or EIO.
        assert!(
            matches!(gone.as_str(), "end of input" | "the terminal hung up"),
            "{gone}"
        );
        drop(reader);
        // SAFETY: closing the read end, which the reader no longer uses.
        unsafe { libc::close(read_end) };
    }
}
