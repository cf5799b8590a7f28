//! `config.toml`: what it changes in the real binary, and what a broken one does (it
//! never stops talkbook; the problem is named with file, line and column).

mod support;

use support::{PtySession, command, notebook_path, run, stderr, stdout, write_config};

#[test]
fn print_default_writes_a_file_that_talkbook_accepts() {
    let data = tempfile::tempdir().unwrap();
    let printed = run(data.path(), &["config", "--print-default"]);
    assert!(printed.status.success());
    let text = stdout(&printed);
    assert!(text.starts_with("# talkbook configuration"), "{text}");
    assert!(
        text.contains("# next_talk = [\"j\", \"down\"]  # next talk"),
        "{text}"
    );

    let missing = stdout(&run(data.path(), &["config"]));
    assert!(
        missing.contains("does not exist: talkbook uses the defaults"),
        "{missing}"
    );
    let path = write_config(data.path(), &text);
    let checked = run(data.path(), &["config"]);
    assert!(checked.status.success());
    assert_eq!(stdout(&checked), format!("{} is valid.\n", path.display()));
}

#[test]
fn a_broken_config_is_reported_with_its_position_and_the_defaults_are_used() {
    let data = tempfile::tempdir().unwrap();
    let path = write_config(
        data.path(),
        "clock = \"12h\"\n\n[keys]\nquit = [\"ctrl-\"]\n",
    );
    let checked = run(data.path(), &["config"]);
    assert!(!checked.status.success());
    let expected = format!("{}:4:9: unknown key \"ctrl-\"", path.display());
    assert!(stderr(&checked).contains(&expected), "{}", stderr(&checked));

    // Other commands still work, say what is wrong, and use the defaults (24-hour clock).
    let listed = run(data.path(), &["new", "day", "--date", "2024-05-18"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(stderr(&listed).contains(&expected), "{}", stderr(&listed));
    assert!(stderr(&listed).contains("(using the defaults)"));

    // And so does the notebook screen, with the problem in the status line.
    let mut session = PtySession::spawn(data.path(), &["day"], 160, 30);
    session.wait_for("config.toml:4:9: unknown key");
    session.send("q");
    assert!(session.wait_for_exit().success());
    // Said once more on the terminal after quitting, where it stays readable.
    let output = session.output();
    let (before, after) = output.split_once("\x1b[?1049l").expect("screen left");
    assert!(
        !before.contains("(using the defaults)\r\n"),
        "printed before the screen opened"
    );
    assert_eq!(after.matches("4:9: unknown key").count(), 1, "{after}");
    assert!(notebook_path(data.path(), "day").exists());
}

#[test]
fn remapped_keys_work_in_the_terminal_and_the_help_shows_them() {
    let data = tempfile::tempdir().unwrap();
    write_config(data.path(), "[keys]\nquit = [\"Q\"]\nhelp = [\"f1\"]\n");
    let created = run(data.path(), &["new", "day", "--date", "2024-05-18"]);
    assert!(created.status.success());
    let mut session = PtySession::spawn(data.path(), &["day"], 120, 40);
    session.wait_for("Q quit");
    session.send("q"); // no longer bound: nothing happens
    session.send("\x1bOP"); // F1
    session.wait_for("save and quit");
    let screen = session.screen();
    assert!(
        screen.lines().any(|row| row.contains("  Q ")
            && row
                .split("  Q ")
                .nth(1)
                .is_some_and(|rest| rest.trim_start().starts_with("save and quit"))),
        "{screen}"
    );
    session.send("\x1b");
    session.wait_for("Q quit");
    session.send("Q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn the_clock_setting_writes_times_as_twelve_hour_in_exports() {
    let data = tempfile::tempdir().unwrap();
    write_config(data.path(), "clock = \"12h\"\n");
    let notebook = std::fs::read_to_string("assets/demo-notebook.json").unwrap();
    let path = notebook_path(data.path(), "demo");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        notebook.replacen("\"state\": \"unmarked\"", "\"state\": \"attended\"", 1),
    )
    .unwrap();
    let exported = stdout(&run(data.path(), &["export", "demo"]));
    assert!(exported.contains("### 9:45am–10:30am · "), "{exported}");
}

#[test]
fn data_dir_in_the_config_is_where_notebooks_go_unless_a_flag_says_otherwise() {
    let data = tempfile::tempdir().unwrap();
    let notes = data.path().join("elsewhere");
    write_config(
        data.path(),
        &format!("data_dir = \"{}\"\n", notes.display()),
    );
    let created = command(data.path())
        .env_remove("TALKBOOK_DATA_DIR")
        .args(["new", "configured"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(notes.join("notebooks/configured.json").exists());

    let flagged = data.path().join("flagged");
    let created = command(data.path())
        .env_remove("TALKBOOK_DATA_DIR")
        .args(["--data-dir", flagged.to_str().unwrap(), "new", "flag"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(flagged.join("notebooks/flag.json").exists());
    assert!(!notes.join("notebooks/flag.json").exists());
}
