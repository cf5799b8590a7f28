//! End-to-end: the real binary in a pseudo-terminal, keys in, files out.

mod support;

use serde_json::Value;
use support::{PtySession, notebook_path, run, stdout};

const CTRL_T: &str = "\x14";
const ENTER: &str = "\r";

fn talk<'a>(notebook: &'a Value, id: &str) -> &'a Value {
    notebook["days"][0]["talks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|talk| talk["id"] == id)
        .unwrap_or_else(|| panic!("no talk {id}"))
}

/// The demo notebook as saved in `data_dir`.
fn saved_demo(data_dir: &std::path::Path) -> Value {
    let path = notebook_path(data_dir, "pycon-us-2024");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn take_notes_mark_talks_quit_and_export() {
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &[], 120, 40);
    session.wait_for("Schedule");
    session.wait_for("demo notebook");

    // Select the 11:00 talk, write notes with a follow-up, mark it attended.
    session.send("jj");
    session.send(ENTER);
    session.send("autospec is good");
    session.send(ENTER);
    session.send("look up django-safemigrate");
    session.send(CTRL_T);
    session.leave_editor();
    session.send("a");
    // Five slots later is 15:30, the talk the example day "ended up not attending".
    session.send("JJJJJ");
    session.send("s");
    session.send("q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");

    // The terminal was given back: alternate screen left, bracketed paste off.
    let output = session.output();
    assert!(output.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(
        output.contains("\x1b[?2004l"),
        "bracketed paste not disabled"
    );
    assert!(output.contains("Notes saved in"));

    let notebook = saved_demo(data.path());
    let mock = talk(&notebook, "pycon-7");
    assert_eq!(
        mock["notes"],
        "autospec is good\n- [ ] look up django-safemigrate"
    );
    assert_eq!(mock["state"], "attended");
    assert_eq!(talk(&notebook, "pycon-37")["state"], "skipped");
    assert_eq!(talk(&notebook, "local-1")["state"], "unmarked");

    let export = run(data.path(), &["export", "pycon-us-2024"]);
    assert!(export.status.success());
    let markdown = stdout(&export);
    assert!(markdown.starts_with("# PyCon US 2024\n\n## Friday, 17 May 2024\n"));
    assert!(markdown.contains(
        "### 11:00–11:30 · Mock It Till You Make It: How to Verify Your External Mocks Without Ever Leaving Unittest — Liz Acosta (Hall C) · attended\n\nLinks: [Page](https://us.pycon.org/2024/schedule/presentation/26/)\n\nautospec is good\n- [ ] look up django-safemigrate\n"
    ));
    assert!(markdown.contains(
        "### 15:30–16:00 · Procedurally Generated Monsters! A complete example of Python game development — Esther Alter (Hall C) · skipped\n"
    ));
    assert!(
        markdown.contains(
            "## Follow-ups\n\n- [ ] look up django-safemigrate — Mock It Till You Make It"
        )
    );
    assert!(
        !markdown.contains("Flask-Con"),
        "untouched talks are left out"
    );
}

#[test]
fn ctrl_q_saves_and_quits_while_typing() {
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &[], 80, 24);
    session.wait_for("Schedule");
    session.send(ENTER);
    session.send("hallway: q and ? are just text here");
    session.send("\x11");
    assert!(session.wait_for_exit().success());
    let text = std::fs::read_to_string(notebook_path(data.path(), "pycon-us-2024")).unwrap();
    let notebook: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        notebook["days"][0]["notes"],
        "hallway: q and ? are just text here"
    );
}

#[test]
fn a_tiny_terminal_still_works() {
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &[], 30, 8);
    session.wait_for("Schedule");
    session.send("\t");
    session.send("tiny");
    session.send("\x11");
    assert!(session.wait_for_exit().success());
    let text = std::fs::read_to_string(notebook_path(data.path(), "pycon-us-2024")).unwrap();
    assert!(text.contains("\"notes\": \"tiny\""));
}

#[test]
fn a_fixed_clock_selects_the_slot_running_then() {
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &["--now", "2024-05-17T14:50"], 120, 40);
    session.wait_for("now: Pydantic Power-up");
    // The header comes first in a frame: the schedule pane's lower corner means its
    // rows have arrived too.
    session.wait_for("┗");
    let screen = session.screen();
    let selected = screen.lines().find(|line| line.contains('▸')).unwrap();
    assert!(selected.contains("Pydantic Power-up"), "{screen}");
    assert!(screen.contains("next 15:30 in 40 min"), "{screen}");
    session.send("q");
    assert!(session.wait_for_exit().success());

    let mut session = PtySession::spawn_with(
        data.path(),
        &[],
        120,
        40,
        &[("TALKBOOK_NOW", "2024-05-17 18:30")],
        &[],
    );
    session.wait_for("now: Lightning Talks");
    session.send("q");
    assert!(session.wait_for_exit().success());
}

/// Where `needle` is on the screen: 1-based column and row, as mouse reports count.
fn screen_position(screen: &str, needle: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| {
            line.split_once(needle)
                .map(|(before, _)| (before.chars().count() + 1, row + 1))
        })
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"))
}

#[test]
fn clicking_selects_a_talk_and_places_the_cursor_and_the_wheel_scrolls() {
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &[], 120, 40);
    session.wait_for("demo notebook");
    // The terminal was asked to report the mouse (SGR encoding).
    assert!(
        session.output().contains("\x1b[?1000h"),
        "mouse capture not enabled"
    );

    let (column, row) = screen_position(&session.screen(), "Procedurally");
    session.send(&format!("\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m"));
    session.wait_for("┌ 15:30–16:00 · Procedurally Generated Monsters");

    // A click in the editor focuses it with the cursor there; typing goes into the note.
    let (column, row) = screen_position(&session.screen(), "┌ 15:30");
    session.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        column + 3,
        row + 2,
        column + 3,
        row + 2
    ));
    session.wait_for("Esc: schedule");
    session.send("seen from the hallway");
    session.leave_editor();

    // The wheel over the schedule moves the selection three talks down.
    let (column, row) = screen_position(&session.screen(), "Keynote");
    session.send(&format!("\x1b[<65;{column};{row}M"));
    session.wait_for("┌ 18:00–19:00 · Lightning Talks");
    session.send("q");
    assert!(session.wait_for_exit().success());
    assert!(
        session.output_shows("\x1b[?1000l"),
        "mouse capture not disabled"
    );

    let notebook = saved_demo(data.path());
    assert_eq!(
        talk(&notebook, "pycon-37")["notes"],
        "seen from the hallway"
    );
}

/// The demo open on the notes of its 11:00 talk, ready to type.
fn writing_in_the_mock_talk(data: &std::path::Path) -> PtySession {
    let mut session = PtySession::spawn(data, &[], 120, 40);
    session.wait_for("demo notebook");
    session.send("jj");
    session.send(ENTER);
    session.wait_for("Esc: schedule");
    session
}

/// The saved notes of the demo's 11:00 talk.
fn mock_talk_notes(data: &std::path::Path) -> String {
    talk(&saved_demo(data), "pycon-7")["notes"]
        .as_str()
        .unwrap()
        .to_string()
}

/// 200 lines of 99 characters, with key-binding characters in them that must stay
/// text, and what a terminal sends for them (line ends as CR): 20,000 bytes.
fn twenty_kilobytes(fill: char) -> (Vec<String>, String) {
    let lines: Vec<String> = (0..200)
        .map(|n| format!("{n:03} q?/ajJ {}", fill.to_string().repeat(88)))
        .collect();
    let sent = lines.join("\r") + "\r";
    assert_eq!(sent.len(), 20_000);
    (lines, sent)
}

#[test]
fn a_pasted_block_of_twenty_thousand_characters_arrives_whole() {
    let data = tempfile::tempdir().unwrap();
    let mut session = writing_in_the_mock_talk(data.path());
    let (lines, pasted) = twenty_kilobytes('x');
    session.paste(&pasted);
    session.wait_for("199 q?/ajJ");
    session.leave_editor();
    session.send("q");
    assert!(session.wait_for_exit().success());
    let notes = mock_talk_notes(data.path());
    assert_eq!(notes, lines.join("\n") + "\n");
    assert_eq!(notes.chars().count(), 20_000);
}

/// 20,000 bytes arriving at once without bracketed paste (`tmux paste-buffer` without
/// `-p`, keys typed ahead over a slow ssh link): every byte is typed, and the Esc and
/// Ctrl-Q written right behind them act without waiting for another key.
#[test]
fn a_burst_of_twenty_thousand_bytes_without_paste_brackets_is_typed_whole_then_quits() {
    let data = tempfile::tempdir().unwrap();
    let mut session = writing_in_the_mock_talk(data.path());
    let (lines, burst) = twenty_kilobytes('y');
    // One write: the keys; once they are in, Esc (alone, as a person presses it), then
    // Ctrl-Q straight behind it.
    session.send(&burst);
    session.wait_for("199 q?/ajJ");
    session.send("\x1b");
    session.send("\x11");
    let status = session.wait_for_exit();
    assert!(status.success(), "{}", session.screen());
    assert_eq!(mock_talk_notes(data.path()), lines.join("\n") + "\n");
}

/// The sentences that, typed into the schedule by mistake, used to quit, mark, jump and
/// open forms: typed at a person's speed in the real binary, each ends up in the notes of
/// Ruff, the selected talk, which stays attended; no talk is added, nothing quits.
#[test]
fn sentences_typed_into_the_schedule_by_mistake_land_in_the_selected_talks_notes() {
    for sentence in [
        "a nice long name is great",
        "so what makes Ruff fast?",
        "quite interesting",
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut session = PtySession::spawn(data.path(), &[], 120, 40);
        session.wait_for("demo notebook");
        // Ruff (12:30) is the fourth talk: select it and mark it attended, deliberately.
        session.send("jjjj");
        session.pause();
        session.send("a");
        session.wait_for("Marked attended: Ruff");
        session.pause();
        for c in sentence.chars() {
            session.writer_send_now(&c.to_string());
            std::thread::sleep(std::time::Duration::from_millis(90));
        }
        session.wait_for("That was typing");
        assert!(session.is_running(), "{sentence:?} quit talkbook");
        session.leave_editor();
        session.pause();
        session.send("q");
        assert!(session.wait_for_exit().success());
        let notebook = saved_demo(data.path());
        let ruff = talk(&notebook, "pycon-17");
        assert_eq!(ruff["state"], "attended", "{sentence:?}");
        assert_eq!(ruff["notes"].as_str().unwrap().trim(), sentence);
        let talks: usize = notebook["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|day| day["talks"].as_array().unwrap().len())
            .sum();
        assert_eq!(talks, 9, "{sentence:?} added or deleted a talk");
    }
}

/// `I` with a slow server: the screen keeps running (a key moves the selection while it
/// waits), the status line says it is fetching, and the schedule is merged when it comes.
#[test]
fn importing_from_a_slow_url_never_freezes_the_screen() {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/schedule.xml", listener.local_addr().unwrap());
    // The server answers when the test says so: slow for as long as it takes.
    let (answer, gate) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request);
            let _ = gate.recv();
            let body = r#"<schedule><conference><title>Slow</title><time_zone_name>America/New_York</time_zone_name></conference>
<day date="2024-05-17" index="1"><room name="Hall">
<event guid="slow-1"><date>2024-05-17T20:00:00-04:00</date><start>20:00</start><duration>01:00</duration><room>Hall</room><title>A talk from far away</title></event>
</room></day></schedule>"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let data = tempfile::tempdir().unwrap();
    let mut session = PtySession::spawn(data.path(), &[], 120, 40);
    session.wait_for("demo notebook");
    session.send("I");
    session.wait_for("File or URL");
    session.paste(&url);
    session.send(ENTER);
    session.wait_for("Fetching");
    session.pause();
    session.send("j");
    session.wait_for("09:45–10:30 · Keynote");
    assert!(
        session.screen().contains("Fetching"),
        "{}",
        session.screen()
    );
    answer.send(()).unwrap();
    session.wait_for("1 added");
    session.send("\x11");
    assert!(session.wait_for_exit().success());
    assert_eq!(
        talk(&saved_demo(data.path()), "slow-1")["title"],
        "A talk from far away"
    );
}
