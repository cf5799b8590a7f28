//! The terminal read on Unix: `poll` on standard input and on the pipes the signal
//! handlers write to, then `read` of everything there is.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use crossterm::event::Event;

use super::{Decoder, Input};

/// How much one read of the terminal takes.
const READ_SIZE: usize = 64 * 1024;

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
        let mut reader = InputReader::with_fd(0)?;
        let [signal_write, winch_write] = &reader._writers;
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
        reader.registered = registered;
        Ok(reader)
    }

    /// Reads `input` (a descriptor that stays open while the reader lives), with no
    /// signals attached.
    pub fn with_fd(input: RawFd) -> io::Result<InputReader> {
        let (signals, signal_write) = UnixStream::pair()?;
        let (winch, winch_write) = UnixStream::pair()?;
        // Emptied without blocking, written by signal handlers without blocking.
        for socket in [&signals, &signal_write, &winch, &winch_write] {
            socket.set_nonblocking(true)?;
        }
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
            // Keys typed before a signal came are read first (the signal stays in its
            // pipe for the next wait): they are saved with the rest.
            if fds[1].revents != 0 && fds[0].revents & libc::POLLIN == 0 {
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
    use crossterm::event::KeyCode;

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
            Some(Input::Events(events)) => {
                assert_eq!(crate::input::tests::keys(&events)[0].code, KeyCode::Up)
            }
            other => panic!("{other:?}"),
        }
        // A lone Esc still acts after its moment.
        write_to(write_end, b"\x1b");
        assert!(reader.wait(Duration::ZERO).is_none());
        match reader.wait(Duration::from_secs(1)) {
            Some(Input::Events(events)) => {
                assert_eq!(crate::input::tests::keys(&events)[0].code, KeyCode::Esc)
            }
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
    fn keys_typed_before_a_signal_come_before_it() {
        let (mut reader, read_end, write_end) = piped_reader();
        write_to(write_end, b"last words");
        use std::io::Write as _;
        (&reader._writers[0]).write_all(b"T").unwrap();
        let Some(Input::Events(events)) = reader.wait(Duration::from_secs(5)) else {
            panic!("the keys first");
        };
        assert_eq!(crate::input::tests::typed(&events), "last words");
        assert!(matches!(
            reader.wait(Duration::from_secs(5)),
            Some(Input::Terminate)
        ));
        drop(reader);
        // SAFETY: closing our own pipe's ends, which the reader no longer uses.
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
                Input::Events(events) => typed.push_str(&crate::input::tests::typed(&events)),
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
