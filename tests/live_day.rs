//! A live conference day through the real binary, with the clock placed by `--now`:
//! writing in a running talk marks it attended, Ctrl-O stamps an offset only inside the
//! talk, and a planned talk is announced (with the bell) before it starts.
#![cfg(unix)] // a pseudo-terminal and shell scripts as editors

mod support;

use serde_json::Value;
use support::{PtySession, notebook_path, write_config};

const ENTER: &str = "\r";
const CTRL_O: &str = "\x0f";
const CTRL_Q: &str = "\x11";

fn demo_talk(data: &std::path::Path, id: &str) -> Value {
    let path = notebook_path(data, "pycon-us-2024");
    let notebook: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    notebook["days"][0]["talks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|talk| talk["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no talk {id}"))
}

/// Puts the demo notebook in `data` with `change` made to it, as if a person had used
/// talkbook before.
fn demo_with(data: &std::path::Path, change: impl FnOnce(&mut Value)) {
    let mut notebook: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/demo-notebook.json"
        ))
        .unwrap(),
    )
    .unwrap();
    change(&mut notebook);
    let path = notebook_path(data, "pycon-us-2024");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, serde_json::to_string_pretty(&notebook).unwrap()).unwrap();
}

#[test]
fn writing_in_the_running_talk_marks_it_attended() {
    let data = tempfile::tempdir().unwrap();
    // 11:10: "Mock It Till You Make It" (11:00–11:30) runs, and talkbook starts on it.
    let mut session = PtySession::spawn(data.path(), &["--now", "2024-05-17T11:10"], 120, 40);
    session.wait_for("now: Mock It Till You Make It");
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session.send("autospec is good");
    session.wait_for("Marked attended");
    session.send(CTRL_Q);
    assert!(session.wait_for_exit().success());
    let talk = demo_talk(data.path(), "pycon-7");
    assert_eq!(talk["state"], "attended");
    assert_eq!(talk["notes"], "autospec is good");
    // A talk that has not begun is not marked by writing in it.
    let mut session = PtySession::spawn(data.path(), &["--now", "2024-05-17T11:10"], 120, 40);
    session.wait_for("now: Mock It Till You Make It");
    session.send("j");
    session.pause();
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session.send("want to go");
    session.send(CTRL_Q);
    assert!(session.wait_for_exit().success());
    let later = demo_talk(data.path(), "local-1");
    assert_eq!(later["notes"], "want to go");
    assert_eq!(later["state"], "unmarked");
}

#[test]
fn ctrl_o_stamps_the_offset_inside_the_talk_and_the_clock_before_it() {
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &["--now", "2024-05-17T11:10"], 120, 40);
    session.wait_for("now: Mock It Till You Make It");
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session.send(CTRL_O);
    session.send("demo starts");
    session.wait_for("[+10:00] demo starts");
    session.leave_editor();
    // The next talk (11:45) has not begun: the clock time, and why.
    session.send("j");
    session.pause();
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session.send(CTRL_O);
    // The status line, drawn after the editor, says why.
    session.wait_for("has not started");
    session.wait_for("[11:10]");
    let screen = session.screen();
    assert!(!screen.contains("[-"), "never a negative offset: {screen}");
    session.send(CTRL_Q);
    assert!(session.wait_for_exit().success());
    assert_eq!(
        demo_talk(data.path(), "pycon-7")["notes"],
        "[+10:00] demo starts"
    );
    assert_eq!(demo_talk(data.path(), "local-1")["notes"], "[11:10] ");
}

/// talkbook at 11:41, four minutes before the planned Flask-Con, once it says so.
fn four_minutes_before_flask_con(data: &std::path::Path) -> PtySession {
    let session = PtySession::spawn(
        data,
        &["pycon-us-2024", "--now", "2024-05-17T11:41"],
        160,
        40,
    );
    session.wait_for("starts in 4 min · Room 317 · Flask-Con");
    session
}

/// `j` to Ruff and `k` back to Flask-Con, each seen drawn.
fn moved_on_and_back(session: &mut PtySession) {
    session.send("j");
    session.wait_for("12:30–13:15 · Ruff");
    session.send("k");
    session.wait_for("11:45–12:15 · Flask-Con");
}

#[test]
fn a_planned_talk_is_announced_before_it_starts_and_the_bell_rings_once() {
    let data = tempfile::tempdir().unwrap();
    demo_with(data.path(), |notebook| {
        let flask = &mut notebook["days"][0]["talks"][2];
        assert_eq!(flask["id"], "local-1");
        flask["state"] = "planned".into();
        flask["room"] = "Room 317".into();
    });
    let mut session = four_minutes_before_flask_con(data.path());
    assert!(session.output_shows("\x07"), "the bell rings");
    // The reminder is looked at again after every key as after every second: a few
    // frames later, still one bell.
    moved_on_and_back(&mut session);
    assert_eq!(
        session.output().matches('\x07').count(),
        1,
        "the bell rings once"
    );
    session.send("q");
    assert!(session.wait_for_exit().success());

    // bell = false: announced, silently.
    write_config(data.path(), "bell = false\n");
    let mut session = four_minutes_before_flask_con(data.path());
    // Frames drawn after the announcement: a bell for it would be in the output before them.
    moved_on_and_back(&mut session);
    assert!(!session.output().contains('\x07'), "no bell");
    session.send("q");
    assert!(session.wait_for_exit().success());
}

/// An "editor" for the tests: a script that does what `body` says to the file "$1".
fn editor_script(data: &std::path::Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let path = data.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[test]
fn e_hands_the_notes_to_the_persons_own_editor_and_takes_them_back() {
    let data = tempfile::tempdir().unwrap();
    let editor = editor_script(
        data.path(),
        "my-editor",
        "printf 'written in my editor\\n- [ ] look at the slides\\n' >> \"$1\"",
    );
    let mut session = PtySession::spawn_with(
        data.path(),
        &["--now", "2024-05-17T11:10"],
        120,
        40,
        &[("VISUAL", editor.as_str()), ("EDITOR", "false")],
        &[],
    );
    session.wait_for("now: Mock It Till You Make It");
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session.send("typed here");
    session.leave_editor();
    session.pause();
    session.send("E");
    session.wait_for("Notes written in your editor");
    session.wait_for("look at the slides");
    // The terminal came back: the screen is whole and keys work.
    assert!(
        session.screen().contains("Schedule"),
        "{}",
        session.screen()
    );
    session.send(CTRL_Q);
    assert!(session.wait_for_exit().success());
    let talk = demo_talk(data.path(), "pycon-7");
    assert_eq!(
        talk["notes"],
        "typed here\nwritten in my editor\n- [ ] look at the slides"
    );
    // The alternate screen was left for the editor and entered again after it.
    let output = session.output();
    assert!(output.matches("\x1b[?1049h").count() >= 2, "entered twice");
}

#[test]
fn an_editor_that_fails_or_is_missing_leaves_the_notes_as_they_were() {
    let data = tempfile::tempdir().unwrap();
    let failing = editor_script(data.path(), "failing", "echo oops > \"$1\"; exit 3");
    for (editor, said) in [
        (failing.as_str(), "ended with exit status: 3"),
        ("/no/such/editor", "127"),
    ] {
        let mut session = PtySession::spawn_with(
            data.path(),
            &["--now", "2024-05-17T11:10"],
            120,
            40,
            &[("VISUAL", editor)],
            &[],
        );
        session.wait_for("now: Mock It Till You Make It");
        session.send(ENTER);
        session.wait_for("Esc: schedule");
        session.send("\x07"); // Ctrl-G: the editor's key for it
        session.wait_for("Notes not changed");
        assert!(session.screen().contains(said), "{}", session.screen());
        session.send(CTRL_Q);
        assert!(session.wait_for_exit().success());
        assert_eq!(demo_talk(data.path(), "pycon-7")["notes"], "");
    }
}

#[test]
fn r_rates_the_talk_and_ctrl_b_makes_stamps_count_from_the_real_start() {
    let data = tempfile::tempdir().unwrap();
    // 11:04: "Mock It Till You Make It" was to start at 11:00 and begins only now.
    let mut session = PtySession::spawn(data.path(), &["--now", "2024-05-17T11:04"], 120, 40);
    session.wait_for("now: Mock It Till You Make It");
    for stars in ["★", "★★", "★★★"] {
        session.send("r");
        // Pressed in quick succession, as a person does: commands, not typing.
        session.wait_for(&format!(" {stars} Mock It Till You Make It"));
    }
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session.send("\x02"); // Ctrl-B
    session.wait_for("The talk began at 11:04:00");
    session.send(CTRL_O);
    session.send("the demo starts");
    session.wait_for("[+00:00] the demo starts");
    session.send(CTRL_Q);
    assert!(session.wait_for_exit().success());
    let talk = demo_talk(data.path(), "pycon-7");
    assert_eq!(talk["rating"], 3);
    assert_eq!(talk["stamps_from"], "2024-05-17T11:04:00");
    assert_eq!(talk["notes"], "[+00:00] the demo starts");
    // The rating is in the export's heading.
    let export = std::process::Command::new(env!("CARGO_BIN_EXE_talkbook"))
        .args(["export", "pycon-us-2024"])
        .env("TALKBOOK_DATA_DIR", data.path())
        .output()
        .unwrap();
    let export = String::from_utf8(export.stdout).unwrap();
    assert!(
        export.contains("### 11:00–11:30 · Mock It Till You Make It")
            && export.contains(" · attended · ★★★\n"),
        "{export}"
    );
}
