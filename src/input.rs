//! Terminal input, read by a thread of our own.
//!
//! crossterm's event reader has two bugs that cost a person their notes or their patience:
//! when the terminal goes away it retries forever on `read() = 0`, spinning a core and
//! never returning to the loop that would save (crossterm-rs/crossterm issue 793, fix
//! proposed in PR 1067, unreleased in 0.29); and its edge-triggered epoll returns after
//! the first 1,024 bytes of a burst, leaving the rest unread until another key arrives
//! (PR 1057, open). So talkbook reads standard input itself: a thread waits in a
//! level-triggered `poll`, reads everything that is there, turns the bytes into crossterm
//! events with terminput's parser (the same parsing crossterm does), and says plainly when
//! the terminal is gone (end of file, an I/O error, a hang-up). The main loop never blocks
//! on the terminal, so it can always save and leave.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Duration;

use crossterm::event::Event;

/// What the input thread tells the event loop.
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

/// The thread that reads the terminal; dropped or stopped, it ends.
pub struct InputThread {
    pub receiver: Receiver<Input>,
    stop: UnixStream,
    handle: Option<JoinHandle<()>>,
}

impl InputThread {
    /// Starts reading standard input. Termination signals and window-size changes are
    /// reported through the same channel, so the event loop has one thing to wait on.
    pub fn spawn() -> io::Result<InputThread> {
        let (signal_read, signal_write) = UnixStream::pair()?;
        let (winch_read, winch_write) = UnixStream::pair()?;
        let (stop_read, stop) = UnixStream::pair()?;
        for socket in [&signal_read, &winch_read, &signal_write, &winch_write] {
            socket.set_nonblocking(true)?;
        }
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::low_level::pipe::register(signal, signal_write.try_clone()?)?;
        }
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, winch_write)?;
        let (sender, receiver) = mpsc::channel();
        let handle = std::thread::Builder::new()
            .name("talkbook-input".into())
            .spawn(move || {
                read_loop(0, &signal_read, &winch_read, &stop_read, &sender);
            })?;
        Ok(InputThread {
            receiver,
            stop,
            handle: Some(handle),
        })
    }

    /// Ends the thread and waits for it, so nothing reads the terminal afterwards.
    pub fn stop(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        use std::io::Write as _;
        let _ = (&self.stop).write_all(&[1]);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

impl Drop for InputThread {
    fn drop(&mut self) {
        self.stop_and_join();
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

fn read_loop(
    input: RawFd,
    signals: &UnixStream,
    winch: &UnixStream,
    stop: &UnixStream,
    sender: &mpsc::Sender<Input>,
) {
    let mut decoder = Decoder::default();
    let mut buffer = vec![0u8; READ_SIZE];
    let send = |message: Input| sender.send(message).is_ok();
    loop {
        let mut fds = [
            pollfd(input),
            pollfd(signals.as_raw_fd()),
            pollfd(winch.as_raw_fd()),
            pollfd(stop.as_raw_fd()),
        ];
        let timeout = if decoder.has_pending() {
            ESCAPE_WAIT.as_millis() as libc::c_int
        } else {
            -1
        };
        // SAFETY: `fds` is a valid array of pollfd for its whole length.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if ready < 0 {
            let error = io::Error::last_os_error();
            if error.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            send(Input::Gone(format!("cannot wait for input: {error}")));
            return;
        }
        if ready == 0 {
            let events = decoder.finish();
            if !events.is_empty() && !send(Input::Events(events)) {
                return;
            }
            continue;
        }
        if fds[3].revents != 0 {
            return;
        }
        if fds[1].revents != 0 {
            drain(signals);
            if !send(Input::Terminate) {
                return;
            }
        }
        if fds[2].revents != 0 {
            drain(winch);
            if let Ok((columns, rows)) = crossterm::terminal::size()
                && !send(Input::Events(vec![Event::Resize(columns, rows)]))
            {
                return;
            }
        }
        let revents = fds[0].revents;
        if revents & libc::POLLIN != 0 {
            // SAFETY: `buffer` is valid for writes of its length.
            let read = unsafe { libc::read(input, buffer.as_mut_ptr().cast(), buffer.len()) };
            match read {
                0 => {
                    send(Input::Gone("end of input".into()));
                    return;
                }
                n if n > 0 => {
                    let events = decoder.feed(&buffer[..n as usize]);
                    if !events.is_empty() && !send(Input::Events(events)) {
                        return;
                    }
                }
                _ => {
                    let error = io::Error::last_os_error();
                    if !matches!(
                        error.kind(),
                        io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                    ) {
                        send(Input::Gone(format!("cannot read the terminal: {error}")));
                        return;
                    }
                }
            }
        } else if revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            send(Input::Gone("the terminal hung up".into()));
            return;
        }
    }
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

    #[test]
    fn end_of_input_is_reported_once_and_the_thread_ends_without_spinning() {
        let mut fds = [0; 2];
        // SAFETY: pipe fills two descriptors, owned by this test.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (read_end, write_end) = (fds[0], fds[1]);
        let (signals, _signals_write) = UnixStream::pair().unwrap();
        let (winch, _winch_write) = UnixStream::pair().unwrap();
        let (stop, _stop_write) = UnixStream::pair().unwrap();
        let (sender, receiver) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            read_loop(read_end, &signals, &winch, &stop, &sender);
        });
        // SAFETY: writing to and closing our own pipe.
        unsafe {
            assert_eq!(libc::write(write_end, b"ab".as_ptr().cast(), 2), 2);
            libc::close(write_end);
        }
        let mut typed = String::new();
        let gone = loop {
            match receiver
                .recv_timeout(Duration::from_secs(5))
                .expect("a message")
            {
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
        reader.join().unwrap();
        assert!(receiver.try_recv().is_err(), "nothing after Gone");
        // SAFETY: closing the read end, which the thread no longer uses.
        unsafe { libc::close(read_end) };
    }
}
