//! talkbook inside tmux (tmux's own terminal type, key and paste handling): the
//! same typing, quitting and saving as in a plain terminal. It needs tmux, so it is not
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
    assert!(
        Command::new("tmux").arg("-V").output().is_ok(),
        "tmux is not installed (apt-get install tmux)"
    );
    let data = tempfile::tempdir().unwrap();
    let tmux = Tmux {
        socket: format!("talkbook-test-{}", std::process::id()),
    };
    let command = format!(
        "env TALKBOOK_DATA_DIR='{}' XDG_CONFIG_HOME='{}' LANG=C.UTF-8 '{}'; echo talkbook exited $?; sleep 30",
        data.path().display(),
        config_home(data.path()).display(),
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
