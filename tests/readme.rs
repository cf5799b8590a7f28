//! Every shell line of the README blocks marked `<!-- checked by tests/readme.rs -->`
//! (configuration, completions, manual page) works as written on a fresh machine: run
//! with `sh` in an empty home directory, with the built binary on `PATH` and none of
//! talkbook's variables set.

use std::path::Path;
use std::process::Command;

const MARKER: &str = "<!-- checked by tests/readme.rs -->";

/// The lines of each checked block.
fn checked_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut rest = readme;
    while let Some((_, after)) = rest.split_once(MARKER) {
        let block = after
            .trim_start()
            .strip_prefix("```sh\n")
            .expect("a ```sh block follows the marker");
        let (block, after) = block.split_once("```").expect("the block ends");
        lines.extend(
            block
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(String::from),
        );
        rest = after;
    }
    lines
}

#[test]
fn every_checked_readme_line_succeeds_in_an_empty_home() {
    let readme = include_str!("../README.md");
    let lines = checked_lines(readme);
    assert!(lines.len() >= 10, "the checked blocks are found: {lines:?}");
    let home = tempfile::tempdir().unwrap();
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_talkbook")).parent().unwrap();
    let path = format!(
        "{}:{}",
        binary_dir.display(),
        std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into())
    );
    for line in &lines {
        let output = Command::new("sh")
            .args(["-c", line])
            .env_clear()
            .env("HOME", home.path())
            .env("PATH", &path)
            .env("LANG", "C.UTF-8")
            .current_dir(home.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "README line failed: {line}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // What the lines promise is there.
    let config = home.path().join(".config/talkbook/config.toml");
    assert!(config.is_file(), "config --init wrote {}", config.display());
    let page =
        std::fs::read_to_string(home.path().join(".local/share/man/man1/talkbook.1")).unwrap();
    for needed in [
        ".SH COMMANDS",
        "TALKBOOK_DATA_DIR",
        "TALKBOOK_CONFIG",
        "TALKBOOK_NOW",
        ".SH \"FILES\"",
        "NAME.json.bak",
        "NAME.json.lock",
        "state.json",
        "config.toml",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(needed), "the manual page names {needed}");
    }
    assert!(
        !page.contains("talkbook\\-new(1)"),
        "no pages that do not exist"
    );
    let bash = std::fs::read_to_string(
        home.path()
            .join(".local/share/bash-completion/completions/talkbook"),
    )
    .unwrap();
    assert!(bash.contains("talkbook"));
    // A second --init leaves the edited file alone and says so.
    std::fs::write(&config, "clock = \"12h\"\n").unwrap();
    let again = Command::new("sh")
        .args(["-c", "talkbook config --init"])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "clock = \"12h\"\n"
    );
}
