//! The terminal goes away while talkbook runs (a closed window, a dropped ssh session, a
//! killed tmux pane): the real binary in a pseudo-terminal whose master side is closed
//! while typing. talkbook must save what was typed, release the notebook, and exit
//! quickly without spinning, whether SIGHUP reaches it or is ignored (as under nohup).
#![cfg(unix)] // pseudo-terminals, signals and file modes

mod support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use support::{BINARY, config_home, notebook_path};
use talkbook::store;

/// talkbook in a pty that the test can close for real (portable-pty keeps a copy of the
/// master open in its reader, so a closed session would never hang up).
struct RawPty {
    master: Option<File>,
    pid: libc::pid_t,
    output: Arc<Mutex<Vec<u8>>>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
}

impl RawPty {
    fn spawn(data: &Path, ignore_hangup: bool) -> RawPty {
        Self::spawn_with(data, ignore_hangup, &[])
    }

    /// Like [`RawPty::spawn`], with extra environment variables.
    fn spawn_with(data: &Path, ignore_hangup: bool, env: &[(&str, &str)]) -> RawPty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors; the other pointers may be null or valid.
        let status = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(status, 0, "openpty");
        // SAFETY: fcntl on a descriptor we own. The child must not inherit the master, or
        // closing ours would not hang the terminal up.
        unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut command = Command::new(BINARY);
        command
            .env("TALKBOOK_DATA_DIR", data)
            .env("XDG_CONFIG_HOME", config_home(data))
            .env_remove("TALKBOOK_CONFIG")
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().copied())
            .current_dir(data)
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // A session of its own with the pty as its controlling terminal, as a
                // shell in a terminal window has: closing the master hangs it up.
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if ignore_hangup {
                    libc::signal(libc::SIGHUP, libc::SIG_IGN);
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("talkbook starts");
        let pid = child.id() as libc::pid_t;
        // Waited for with wait4 below, for its CPU time; the Child is not needed.
        std::mem::forget(child);
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let reader = {
            let mut master = master.try_clone().unwrap();
            let (output, stop) = (Arc::clone(&output), Arc::clone(&stop_reading));
            thread::spawn(move || {
                let mut buffer = [0u8; 8192];
                while !stop.load(Ordering::Relaxed) {
                    let mut fds = [libc::pollfd {
                        fd: master.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    }];
                    // SAFETY: one valid pollfd.
                    if unsafe { libc::poll(fds.as_mut_ptr(), 1, 20) } <= 0 {
                        continue;
                    }
                    match master.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => output.lock().unwrap().extend_from_slice(&buffer[..n]),
                    }
                }
            })
        };
        RawPty {
            master: Some(master),
            pid,
            output,
            stop_reading,
            reader: Some(reader),
        }
    }

    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(30, 100, 0);
        parser.process(&self.output.lock().unwrap());
        parser.screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        support::wait_for_screen(needle, || self.screen());
    }

    fn send(&mut self, keys: &str) {
        let master = self.master.as_mut().unwrap();
        master.write_all(keys.as_bytes()).unwrap();
        master.flush().unwrap();
    }

    /// Closes the terminal, as closing its window does: every copy of the master goes.
    fn close(&mut self) {
        self.stop_reading.store(true, Ordering::Relaxed);
        self.reader.take().unwrap().join().unwrap();
        drop(self.master.take());
    }

    /// Waits up to `limit` for the process to end; its exit status and CPU time.
    fn wait_for_exit(&self, limit: Duration) -> Option<(i32, Duration)> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            let mut status = 0;
            // SAFETY: rusage is plain data that wait4 fills in.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            let done = unsafe { libc::wait4(self.pid, &mut status, libc::WNOHANG, &mut usage) };
            if done == self.pid {
                let cpu = |t: libc::timeval| {
                    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
                };
                return Some((status, cpu(usage.ru_utime) + cpu(usage.ru_stime)));
            }
            thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for RawPty {
    fn drop(&mut self) {
        // SAFETY: signalling our own child; harmless if it is gone.
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
            libc::waitpid(self.pid, std::ptr::null_mut(), libc::WNOHANG);
        }
    }
}

fn closed_while_typing_saves_and_exits(ignore_hangup: bool) {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), "pycon-us-2024");
    let mut session = RawPty::spawn(data.path(), ignore_hangup);
    session.wait_for("Schedule");
    session.send("\r");
    session.wait_for("Esc: schedule");
    let words = "typed just before the window closed";
    session.send(words);
    // Let the app read the keys, but close long before the one-second autosave.
    session.wait_for("window closed");
    let closed = Instant::now();
    session.close();
    let (status, cpu) = session
        .wait_for_exit(Duration::from_secs(5))
        .expect("talkbook exits when its terminal is closed");
    let took = closed.elapsed();
    assert!(took < Duration::from_secs(2), "exit took {took:?}");
    assert!(
        cpu < Duration::from_millis(700),
        "it spun: {cpu:?} of CPU in its whole life"
    );
    // It ended by itself, having saved: exit status 0, not killed by a signal.
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "status {status}"
    );
    let notebook = store::load(&path).expect("the notebook was saved and parses");
    let all_notes: String = notebook
        .days
        .iter()
        .flat_map(|day| {
            std::iter::once(day.notes.clone()).chain(day.talks.iter().map(|t| t.notes.clone()))
        })
        .collect();
    assert!(all_notes.contains(words), "the last words are on disk");
    // The notebook is free again: a new talkbook opens it read-write.
    store::lock_for_writing(&path).expect("the lock was released");
}

#[test]
fn a_closed_terminal_saves_the_last_words_and_exits_without_spinning() {
    closed_while_typing_saves_and_exits(false);
}

#[test]
fn a_closed_terminal_is_noticed_even_with_sighup_ignored_as_under_nohup() {
    closed_while_typing_saves_and_exits(true);
}

/// The data directory cannot be written, and then the terminal closes: nobody is there
/// to read where the rescue copy went. The next start offers it, and `y` brings the words
/// back into the notebook, where `search` finds them.
#[test]
fn a_rescue_copy_left_on_a_dead_terminal_is_offered_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let temp_text = temp.path().to_str().unwrap().to_string();
    let env = [("TMPDIR", temp_text.as_str()), ("HOME", temp_text.as_str())];
    let path = notebook_path(data.path(), "pycon-us-2024");
    let mut session = RawPty::spawn_with(data.path(), false, &env);
    session.wait_for("Schedule");
    session.send("\r");
    session.wait_for("Esc: schedule");
    // Every save fails from now on.
    let notebooks = data.path().join("notebooks");
    std::fs::rename(&notebooks, data.path().join("moved-away")).unwrap();
    std::fs::write(&notebooks, "a file, not a directory").unwrap();
    let words = "only in memory when the window closed";
    session.send(words);
    session.wait_for("NOT SAVED");
    session.close();
    session
        .wait_for_exit(Duration::from_secs(5))
        .expect("talkbook exits when its terminal is closed");
    // The disk is back.
    std::fs::remove_file(&notebooks).unwrap();
    std::fs::rename(data.path().join("moved-away"), &notebooks).unwrap();
    assert!(!store::load(&path).unwrap().days[0].notes.contains(words));

    let mut next = support::PtySession::spawn_with(data.path(), &[], 100, 30, &env, &[]);
    next.wait_for("could not be saved here");
    next.send("y");
    next.wait_for("Restored");
    next.send("q");
    assert!(next.wait_for_exit().success());
    assert!(store::load(&path).unwrap().days[0].notes.contains(words));
    let found = support::run(data.path(), &["search", "window closed"]);
    assert!(
        support::stdout(&found).contains("window closed"),
        "{}",
        support::stderr(&found)
    );
    // Restored: not offered again.
    let mut again = support::PtySession::spawn_with(data.path(), &[], 100, 30, &env, &[]);
    again.wait_for("Schedule");
    assert!(!again.screen().contains("could not be saved here"));
    again.send("q");
    assert!(again.wait_for_exit().success());
}
