//! Running the real `talkbook` binary: in a pseudo-terminal for the UI, or plainly for
//! the command line. Every run gets its own temporary data directory.

#![allow(dead_code)] // each test file uses a different part of this

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BINARY: &str = env!("CARGO_BIN_EXE_talkbook");

pub fn command(data_dir: &Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env("TALKBOOK_DATA_DIR", data_dir)
        // Never the user's own settings: the config directory is inside the temp dir.
        .env("XDG_CONFIG_HOME", config_home(data_dir))
        .env_remove("TALKBOOK_CONFIG")
        .env_remove("NO_COLOR")
        .current_dir(data_dir);
    command
}

/// Where a test's `config.toml` goes: `config_home(data)/talkbook/config.toml`.
pub fn config_home(data_dir: &Path) -> PathBuf {
    data_dir.join("xdg-config")
}

/// Writes `text` as the `config.toml` the binary reads for this data directory.
pub fn write_config(data_dir: &Path, text: &str) -> PathBuf {
    let path = config_home(data_dir).join("talkbook/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

pub fn run(data_dir: &Path, args: &[&str]) -> Output {
    command(data_dir)
        .args(args)
        .output()
        .expect("talkbook runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// talkbook running in a pseudo-terminal of a given size.
pub struct PtySession {
    cols: u16,
    rows: u16,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// Set when the reader has read all the terminal will give (every process holding
    /// it has ended).
    read_all: Arc<AtomicBool>,
    _master: Box<dyn MasterPty + Send>,
}

impl PtySession {
    pub fn spawn(data_dir: &Path, args: &[&str], cols: u16, rows: u16) -> PtySession {
        Self::spawn_with(data_dir, args, cols, rows, &[], &[])
    }

    /// Like [`spawn`], with extra environment variables and a wrapper command in front of
    /// the binary (e.g. `prlimit --fsize=…`).
    pub fn spawn_with(
        data_dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        wrapper: &[&str],
    ) -> PtySession {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = match wrapper.split_first() {
            Some((program, wrapper_args)) => {
                let mut command = CommandBuilder::new(program);
                command.args(wrapper_args);
                command.arg(BINARY);
                command
            }
            None => CommandBuilder::new(BINARY),
        };
        command.args(args);
        command.cwd(data_dir);
        command.env("TALKBOOK_DATA_DIR", data_dir);
        command.env("XDG_CONFIG_HOME", config_home(data_dir));
        command.env_remove("TALKBOOK_CONFIG");
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        // The test's own variables last, so they win.
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("talkbook starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let read_all = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&read_all);
        // Drain the terminal output continuously so the app never blocks on writing.
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().unwrap();
        PtySession {
            cols,
            rows,
            child,
            writer,
            output,
            read_all,
            _master: pair.master,
        }
    }

    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// The screen as a person would see it now, row by row.
    pub fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(self.rows, self.cols, 0);
        parser.process(&self.output.lock().unwrap());
        parser.screen().contents()
    }

    /// Waits until the screen shows `needle`; panics with the screen if it never does.
    pub fn wait_for(&self, needle: &str) {
        wait_for_screen(needle, || self.screen());
    }

    /// Waits until the raw output holds `needle` (the reader thread may still be
    /// catching up after the process exited); false if it never does.
    pub fn output_shows(&self, needle: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.output().contains(needle) {
                return true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Types keys (raw bytes as a terminal sends them). It does not wait for talkbook:
    /// a test waits for what the keys must have done ([`PtySession::wait_for`],
    /// [`PtySession::wait_for_file`]).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        if keys.ends_with('\x1b') {
            // A lone ESC is the Esc key only when nothing follows it within talkbook's
            // ESCAPE_WAIT (15 ms): the terminal's timing, not a wait for the app.
            thread::sleep(ESC_ALONE);
        }
    }

    /// Writes keys and returns at once, for typing at a chosen speed.
    pub fn writer_send_now(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Whether talkbook is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits as long as a person does between two commands. Keys closer together in the
    /// schedule are taken as typing (see `app/typing.rs`).
    pub fn pause(&self) {
        thread::sleep(Duration::from_millis(700));
    }

    /// Leaves the editor with Esc, and waits until the screen shows it did. A lone ESC
    /// is only read as the Esc key when nothing follows it at once, so under load the
    /// next key must not be sent before the app has taken the ESC alone.
    pub fn leave_editor(&mut self) {
        self.send("\x1b");
        self.wait_for("? help");
    }

    /// The process id of what was spawned (the wrapper execs the binary, keeping it).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Sends a signal by name (`KILL`, `TERM`, `HUP`) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args(["-s", name, &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -s {name} failed");
    }

    /// Types text as one bracketed paste, the way terminals deliver pasted text.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Waits until `check` holds for the notebook file's text, or panics with the screen.
    pub fn wait_for_file(&self, path: &Path, what: &str, check: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if std::fs::read_to_string(path).is_ok_and(|text| check(&text)) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "{what} never reached {}; screen:\n{}",
            path.display(),
            self.screen()
        );
    }

    pub fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader may not have read the last bytes yet (the terminal given
                // back as talkbook left): wait until it has read everything, or a
                // while if a process talkbook started holds the terminal on.
                let read_by = Instant::now() + Duration::from_secs(5);
                while !self.read_all.load(Ordering::SeqCst) && Instant::now() < read_by {
                    thread::sleep(Duration::from_millis(10));
                }
                return status;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("talkbook did not exit; output:\n{}", self.output());
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// How long nothing follows a lone ESC, so it reads as the Esc key (talkbook waits
/// 15 ms for the rest of an escape sequence).
const ESC_ALONE: Duration = Duration::from_millis(40);

/// Waits up to 20 s until `screen()` shows `needle`; panics with the screen if it never
/// does.
pub fn wait_for_screen(needle: &str, screen: impl Fn() -> String) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if screen().contains(needle) {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("{needle:?} never appeared; screen:\n{}", screen());
}

pub fn notebook_path(data_dir: &Path, name: &str) -> PathBuf {
    data_dir.join("notebooks").join(format!("{name}.json"))
}

thread_local! {
    /// The clock of keys pressed by [`press_key`]: one a second, as a person presses
    /// commands. Keys closer together are taken as typing (see `app/typing.rs`).
    static MOMENT: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// Presses a key as a person does, a second after the one before (a `q` that waits is
/// waited for).
pub fn press_key(app: &mut talkbook::app::App, key: crossterm::event::KeyEvent) {
    let at = MOMENT.with(|moment| {
        let next = moment
            .get()
            .map_or_else(Instant::now, |m| m + Duration::from_secs(1));
        moment.set(Some(next));
        next
    });
    app.handle_key_at(key, at);
    if let Some(deadline) = app.pending_quit_deadline() {
        let clock = app.clock;
        app.tick(deadline, clock);
    }
}
