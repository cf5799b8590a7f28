//! talkbook inside tmux (tmux's own terminal type, key and paste handling, its own
//! idea of a scroll region): the same typing, quitting and saving as in a plain
//! terminal, and the same screen after the schedule scrolls as after drawing it whole. It needs tmux, so it is not
//! part of `cargo test`: `.ci/run` runs it (`cargo test --test tmux -- --ignored`),
//! and there it fails when tmux is missing.

mod support;

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use support::{BINARY, config_home, notebook_path};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "notes"])
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(needle) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!("{needle:?} never appeared; screen:\n{}", self.screen());
    }

    /// Sends keys; the test then waits for what they do.
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "notes"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Sends `key` and waits until the screen changes.
    fn step(&self, key: &str) {
        let before = self.screen();
        self.keys(&[key]);
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.screen() == before {
            assert!(
                Instant::now() < deadline,
                "{key:?} changed nothing:\n{before}"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Starts talkbook on the notebook `name` in `data` in a session of 120x40.
    fn start(data: &std::path::Path, name: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "tmux is not installed (apt-get install tmux)"
        );
        let tmux = Tmux {
            socket: format!("talkbook-test-{}-{name}", std::process::id()),
        };
        let command = format!(
            "env TALKBOOK_DATA_DIR='{}' XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{}' {name}; echo talkbook exited $?; sleep 30",
            data.display(),
            config_home(data).display(),
            BINARY
        );
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "notes",
            "-x",
            "120",
            "-y",
            "40",
            &command,
        ]);
        tmux
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[test]
#[ignore = "needs tmux: cargo test --test tmux -- --ignored (CI runs it)"]
fn notes_typed_in_tmux_are_saved_and_the_pane_is_given_back() {
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(data.path(), "");
    tmux.wait_for("demo notebook");
    assert!(tmux.screen().contains("┏ Schedule"), "{}", tmux.screen());
    tmux.keys(&["j", "j", "Enter"]);
    tmux.wait_for("Esc: schedule");
    tmux.keys(&["-l", "typed inside tmux"]);
    tmux.wait_for("typed inside tmux");
    tmux.keys(&["C-l"]);
    tmux.wait_for("typed inside tmux[");
    tmux.keys(&["Escape"]);
    tmux.wait_for("? help");
    tmux.keys(&["q"]);
    tmux.wait_for("talkbook exited 0");

    let path = notebook_path(data.path(), "pycon-us-2024");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\"notes\": \"typed inside tmux["), "{text}");
}

/// The schedule moved a row at a time, down past its window and back up, has tmux
/// scroll its rows (a scroll region); what tmux shows after each stretch is what it
/// shows when the whole screen is drawn again (after the help pop-up closes).
#[test]
#[ignore = "needs tmux: cargo test --test tmux -- --ignored (CI runs it)"]
fn the_schedule_scrolled_by_tmux_shows_what_it_shows_drawn_whole() {
    let data = tempfile::tempdir().unwrap();
    let size = talkbook::synthetic::ConferenceSize {
        talks: 120,
        days: 1,
        rooms: 4,
    };
    let path = notebook_path(data.path(), "big");
    talkbook::store::save(&path, &talkbook::synthetic::notebook(size, 5)).unwrap();
    let tmux = Tmux::start(data.path(), "big");
    tmux.wait_for("? help");
    for (key, times) in [("j", 50), ("k", 50), ("j", 8)] {
        for _ in 0..times {
            tmux.step(key);
        }
        let scrolled = tmux.screen();
        tmux.step("?");
        tmux.step("Escape");
        tmux.wait_for("? help");
        assert_eq!(tmux.screen(), scrolled, "after {times} × {key}");
    }
    tmux.keys(&["q"]);
    tmux.wait_for("talkbook exited 0");
}
