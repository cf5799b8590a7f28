//! Every shell block of the README, `docs/` and `ARCHITECTURE.md` is accounted for: a
//! block marked `<!-- checked by tests/readme.rs -->` works as written on a fresh
//! machine (each line run with `sh` in an empty home directory, with the built binary on
//! `PATH`, none of talkbook's variables set, and the files the examples name copied in
//! from `tests/fixtures/`); a block marked `<!-- not run: why; covered by … -->` says why
//! it cannot run here and which test stands for it. An unmarked block fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CHECKED: &str = "<!-- checked by tests/readme.rs -->";
const NOT_RUN: &str = "<!-- not run: ";

/// The documents, in the order a reader meets them. Each runs in a home of its own.
const DOCUMENTS: &[&str] = &[
    "README.md",
    "docs/importing.md",
    "docs/after-the-talks.md",
    "docs/configuration.md",
    "docs/safety.md",
    "docs/performance.md",
    "ARCHITECTURE.md",
];

/// Where the examples expect files, and the fixture that stands for each.
const FILES: &[(&str, &str)] = &[
    (
        "Downloads/pycon-2024-friday.json",
        "pyconus-2024-friday.json",
    ),
    ("Downloads/schedule.xml", "31c3-schedule.xml"),
    ("Downloads/schedule.json", "31c3-schedule.json"),
    ("Downloads/calendar.ics", "31c3-schedule.ics"),
    ("notes/pycon-friday.txt", "pycon-us-2024-day-notes.txt"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One ```sh block: the lines to run, or None when it is marked as not run.
#[derive(Debug)]
struct Block {
    lines: Option<Vec<String>>,
}

/// Every ```sh block of `text`, with what its marker says; an unmarked block is an
/// error naming its line.
fn sh_blocks(name: &str, text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        if lines[at].trim_end() != "```sh" {
            at += 1;
            continue;
        }
        let marker = at.checked_sub(1).map(|before| lines[before].trim());
        let end = (at + 1..lines.len())
            .find(|&line| lines[line].trim_end() == "```")
            .unwrap_or_else(|| panic!("{name}:{}: the ```sh block never ends", at + 1));
        let body: Vec<String> = lines[at + 1..end]
            .iter()
            .filter(|line| !line.trim().is_empty())
            .map(|line| line.to_string())
            .collect();
        let block = match marker {
            Some(CHECKED) => Block { lines: Some(body) },
            Some(marker) if marker.starts_with(NOT_RUN) && marker.ends_with("-->") => {
                let why = marker
                    .trim_start_matches(NOT_RUN)
                    .trim_end_matches("-->")
                    .trim();
                assert!(
                    why.len() > 20 && (why.contains("tests/") || why.contains("benches/")),
                    "{name}:{}: a block not run says why and which test covers it: {why}",
                    at + 1
                );
                Block { lines: None }
            }
            _ => panic!(
                "{name}:{}: a ```sh block without `{CHECKED}` or `{NOT_RUN}why -->` above it",
                at + 1
            ),
        };
        blocks.push(block);
        at = end + 1;
    }
    blocks
}

/// An empty home with the files the examples name.
fn home_with_files() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    for (path, fixture) in FILES {
        let to = home.path().join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join("tests/fixtures").join(fixture), &to).unwrap();
    }
    home
}

fn run(home: &Path, line: &str) -> Output {
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_talkbook")).parent().unwrap();
    let path = format!(
        "{}:{}",
        binary_dir.display(),
        std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into())
    );
    Command::new("sh")
        .args(["-c", line])
        .env_clear()
        .env("HOME", home)
        .env("PATH", &path)
        .env("LANG", "C.UTF-8")
        .current_dir(home)
        .output()
        .unwrap()
}

/// Runs every checked line of `document` in a fresh home; returns the home.
fn run_document(document: &str) -> (tempfile::TempDir, usize) {
    let text = std::fs::read_to_string(root().join(document)).unwrap();
    let home = home_with_files();
    let mut ran = 0;
    for block in sh_blocks(document, &text) {
        for line in block.lines.iter().flatten() {
            let output = run(home.path(), line);
            assert!(
                output.status.success(),
                "{document}: line failed: {line}\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            ran += 1;
        }
    }
    (home, ran)
}

#[test]
fn every_shell_block_is_run_or_says_which_test_covers_it() {
    let mut total = 0;
    for document in DOCUMENTS {
        let (_home, ran) = run_document(document);
        total += ran;
    }
    assert!(total >= 25, "the checked lines are found: {total}");
}

#[test]
fn a_shell_block_without_a_marker_is_refused() {
    let result = std::panic::catch_unwind(|| sh_blocks("x.md", "text\n\n```sh\nls\n```\n"));
    assert!(result.is_err());
    let blocks = sh_blocks(
        "x.md",
        "<!-- not run: needs the network; covered by tests/import_cli.rs -->\n```sh\nx\n```\n\
         <!-- checked by tests/readme.rs -->\n```sh\nls\n\nls -a\n```\n",
    );
    assert!(blocks[0].lines.is_none());
    assert_eq!(
        blocks[1].lines.as_deref(),
        Some(&["ls".into(), "ls -a".into()][..])
    );
}

#[test]
fn the_first_steps_leave_what_they_promise() {
    let (home, _) = run_document("README.md");
    let export = std::fs::read_to_string(home.path().join("pycon-us-2024.md")).unwrap();
    assert!(export.starts_with("# PyCon US 2024"), "{export}");
    assert!(export.contains("autospec"), "the notes came in");
    assert!(export.contains("· attended"));
    // The second laptop has the notebook, and the team report has Bob.
    let second = home
        .path()
        .join("second-laptop/notebooks/pycon-us-2024.json");
    assert!(second.is_file(), "{}", second.display());
    let team = std::fs::read_to_string(home.path().join("pycon-team.md")).unwrap();
    assert!(team.contains("From Alice Example, Bob Builder."), "{team}");
}

#[test]
fn the_after_the_talks_examples_leave_their_files() {
    let (home, _) = run_document("docs/after-the-talks.md");
    let report = std::fs::read_to_string(home.path().join("report.md")).unwrap();
    assert!(
        report.starts_with("# Trip report: PyCon US 2024"),
        "{report}"
    );
    let page = std::fs::read_to_string(home.path().join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    let picks = std::fs::read_to_string(home.path().join("picks.ics")).unwrap();
    assert!(picks.starts_with("BEGIN:VCALENDAR"));
    let vault = home.path().join("vault/pycon-us-2024/index.md");
    assert!(vault.is_file(), "{}", vault.display());
    let attended = std::fs::read_to_string(home.path().join("attended.md")).unwrap();
    assert!(!attended.contains("· skipped"), "only attended talks");
}

#[test]
fn the_configuration_examples_install_what_they_promise() {
    let (home, _) = run_document("docs/configuration.md");
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
    let again = run(home.path(), "talkbook config --init");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "clock = \"12h\"\n"
    );
}

#[test]
fn the_import_examples_print_what_the_page_shows() {
    let (home, _) = run_document("docs/importing.md");
    let update = run(
        home.path(),
        "talkbook update 31c3 ~/Downloads/schedule.json",
    );
    let page = std::fs::read_to_string(root().join("docs/importing.md")).unwrap();
    let said = String::from_utf8_lossy(&update.stdout);
    assert!(said.starts_with("Updated 31c3:"), "{said}");
    assert!(
        page.contains(said.trim()),
        "the page shows what update prints: {said}"
    );
}

#[test]
fn every_page_the_readme_links_exists() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for document in DOCUMENTS.iter().skip(1) {
        assert!(
            readme.contains(&format!("]({document}")),
            "the README links {document}"
        );
    }
    assert!(
        readme.lines().count() <= 300,
        "the README stays short: {} lines",
        readme.lines().count()
    );
}
