//! Notes are never lost: the real binary in a pseudo-terminal, killed, signalled, starved
//! of disk space, sharing its notebook, crashing.
#![cfg(unix)] // pseudo-terminals, signals and file modes

mod support;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use support::{PtySession, notebook_path, run, stderr};
use talkbook::store;

const NOTEBOOK: &str = "pycon-us-2024";
const ENTER: &str = "\r";
/// Alt-> (bottom of the note) then End: continue typing after what is there.
const TO_END: &str = "\x1b>\x1b[F";

fn day_notes(path: &Path) -> String {
    store::load(path).expect("the notebook parses").days[0]
        .notes
        .clone()
}

/// Starts talkbook on the demo notebook with the editor on the day notes.
fn start_writing(data: &Path) -> PtySession {
    let mut session = PtySession::spawn(data, &[], 100, 30);
    session.wait_for("Schedule");
    session.send(ENTER);
    session.send(TO_END);
    session
}

/// Moves the notebooks folder away and puts a file in its place, so every save fails;
/// returns the folder's path.
fn put_a_file_where_the_notebooks_were(data: &Path) -> std::path::PathBuf {
    let notebooks = data.join("notebooks");
    std::fs::rename(&notebooks, data.join("moved-away")).unwrap();
    std::fs::write(&notebooks, "a file, not a directory").unwrap();
    notebooks
}

/// A small xorshift generator: tests print their seed so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// SIGKILL at random moments while typing, 100 times (TALKBOOK_KILL_ROUNDS for more):
/// the notebook always parses and holds a prefix of what was typed, never less than
/// what had been saved before. Slow (about two minutes), so `.ci/run` runs it apart.
#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn killed_at_random_moments_the_notebook_is_whole_and_keeps_what_was_saved() {
    let rounds: usize = std::env::var("TALKBOOK_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let seed = std::env::var("TALKBOOK_KILL_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("seed {seed} (TALKBOOK_KILL_SEED to replay)");
    let mut random = Random(seed);
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let mut typed = String::new();
    let mut saved_before = String::new();
    for round in 0..rounds {
        let mut session = start_writing(data.path());
        let kill_after = Duration::from_millis(50 + random.below(1800));
        let started = Instant::now();
        while started.elapsed() < kill_after {
            let chunk: String = (0..1 + random.below(12))
                .map(|_| (b'a' + random.below(26) as u8) as char)
                .chain([' '])
                .collect();
            session.send(&chunk);
            typed.push_str(&chunk);
            // Sometimes pause long enough for the autosave.
            if random.below(4) == 0 {
                thread::sleep(Duration::from_millis(random.below(1400)));
            }
        }
        session.signal("KILL");
        session.wait_for_exit();
        let on_disk = day_notes(&path);
        assert!(
            typed.starts_with(&on_disk),
            "round {round}: disk holds text that was never typed"
        );
        assert!(
            on_disk.len() >= saved_before.len(),
            "round {round}: lost saved notes"
        );
        let backup = store::backup_path(&path);
        if backup.exists() {
            store::load(&backup).unwrap_or_else(|e| panic!("round {round}: backup broken: {e}"));
        }
        // What was not saved is gone with the process: typing continues from the disk.
        typed.truncate(on_disk.len());
        saved_before = on_disk;
    }
    assert!(
        !saved_before.is_empty(),
        "no round ever saved: the test exercised nothing"
    );
}

#[test]
fn sigterm_and_sighup_save_the_last_keystrokes() {
    for signal in ["TERM", "HUP", "INT"] {
        let data = tempfile::tempdir().unwrap();
        let mut session = start_writing(data.path());
        session.send(&format!("last words before {signal}"));
        session.wait_for(&format!("last words before {signal}"));
        session.signal(signal);
        session.wait_for_exit();
        let notes = day_notes(&notebook_path(data.path(), NOTEBOOK));
        assert_eq!(notes, format!("last words before {signal}"));
    }
}

#[test]
fn a_file_where_the_data_directory_was_shows_not_saved_and_nothing_is_lost() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let mut session = start_writing(data.path());
    session.send("before");
    session.wait_for_file(&path, "the first save", |text| text.contains("before"));
    let notebooks = put_a_file_where_the_notebooks_were(data.path());
    session.send(" during");
    session.wait_for("NOT SAVED");
    std::fs::remove_file(&notebooks).unwrap();
    session.wait_for_file(&path, "the retried save", |text| {
        text.contains("before during")
    });
    session.wait_for("✓ saved");
    session.leave_editor();
    session.send("q");
    assert!(session.wait_for_exit().success());
    assert_eq!(day_notes(&path), "before during");
}

#[test]
fn a_full_disk_shows_not_saved_and_saving_resumes_when_space_returns() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    // Install the demo first, so the limit only bites on the bigger notebook.
    PtySession::spawn(data.path(), &[], 100, 30).wait_for("Schedule");
    let mut session = PtySession::spawn_with(
        data.path(),
        &[],
        100,
        30,
        &[],
        &["prlimit", "--fsize=8000:unlimited", "--"],
    );
    session.wait_for("Schedule");
    session.send(ENTER);
    let long_text = "x".repeat(6000);
    session.paste(&long_text);
    session.wait_for("NOT SAVED");
    assert!(
        session.screen().contains("File too large"),
        "{}",
        session.screen()
    );
    assert!(!std::fs::read_to_string(&path).unwrap().contains(&long_text));
    // Space comes back (the limit is lifted): the next retry saves everything.
    let status = std::process::Command::new("prlimit")
        .args([
            "--pid",
            &session.pid().to_string(),
            "--fsize=unlimited:unlimited",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    session.wait_for_file(&path, "the retried save", |text| text.contains(&long_text));
    session.send("\x11");
    assert!(session.wait_for_exit().success());
}

#[test]
fn the_data_directory_removed_while_running_is_made_again() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let mut session = start_writing(data.path());
    session.send("one");
    session.wait_for_file(&path, "the first save", |text| text.contains("one"));
    std::fs::remove_dir_all(data.path().join("notebooks")).unwrap();
    session.send(" two");
    session.wait_for_file(&path, "the save after removal", |text| {
        text.contains("one two")
    });
    session.send("\x11");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_second_instance_is_read_only_and_cannot_clobber_the_first() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let mut first = start_writing(data.path());
    first.send("from the first window");
    first.wait_for_file(&path, "the first window's save", |t| {
        t.contains("from the first window")
    });

    let mut second = PtySession::spawn(data.path(), &[NOTEBOOK], 100, 30);
    second.wait_for("READ-ONLY: open in another talkbook (process");
    // The editor does not open to drop keys: it says who holds the notebook.
    second.send(ENTER);
    second.wait_for("this window only reads it");
    second.send("n");
    second.pause();
    // A sentence typed there anyway changes nothing.
    for c in "clobber it".chars() {
        second.writer_send_now(&c.to_string());
        thread::sleep(Duration::from_millis(80));
    }
    second.wait_for("nothing was written");
    second.pause();

    first.send(", still mine");
    // Take over: the first window saves and quits, the second writes from then on.
    second.send(ENTER);
    second.wait_for("take over");
    second.send("y");
    assert!(first.wait_for_exit().success());
    second.wait_for("Taken over");
    second.send(TO_END);
    second.send(" and now the second's");
    second.send("\x11");
    assert!(second.wait_for_exit().success());
    assert_eq!(
        day_notes(&path),
        "from the first window, still mine and now the second's"
    );
}

/// Taking over a notebook whose window has its notes in an external editor (Ctrl-G):
/// that window cannot quit while the editor runs, so it is stopped for good; what was
/// typed before Ctrl-G was saved first, and what the editor saved is offered to the
/// window that took over, never left in a file nothing mentions.
#[test]
fn taking_over_a_window_in_its_editor_loses_neither_its_words_nor_the_editors() {
    use std::os::unix::fs::PermissionsExt as _;
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let editor = data.path().join("slow-editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'from the editor\\n' >> \"$1\"\nexec sleep 6\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.to_str().unwrap().to_string();
    let mut first = PtySession::spawn_with(data.path(), &[], 100, 30, &[("VISUAL", &editor)], &[]);
    first.wait_for("Schedule");
    first.send(ENTER);
    first.send(TO_END);
    first.send("typed before the editor");
    first.wait_for("typed before the editor");
    first.send("\x07"); // Ctrl-G
    let editing = store::editing_path(&path);
    first.wait_for_file(&editing, "the editor's file beside the notebook", |t| {
        t.contains("from the editor")
    });
    assert!(
        day_notes(&path).contains("typed before the editor"),
        "saved first"
    );

    let mut second = PtySession::spawn(data.path(), &[NOTEBOOK], 100, 30);
    second.wait_for("READ-ONLY");
    second.send(ENTER);
    second.wait_for("take over");
    second.send("y");
    // Its editor keeps it from quitting: stopped for good on the second question.
    second.wait_for("did not let go");
    second.send("y");
    second.wait_for("in your editor");
    second.send("y");
    second.wait_for("Put what your editor saved");
    second.send("\x11");
    assert!(second.wait_for_exit().success());
    assert_eq!(day_notes(&path), "typed before the editor\nfrom the editor");
    assert!(!editing.exists(), "taken in, the file is gone");
    drop(first);
}

#[test]
fn update_refuses_while_the_notebook_is_open() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let mut session = start_writing(data.path());
    session.send("open notes");
    session.wait_for_file(&path, "the save", |text| text.contains("open notes"));
    let before = std::fs::read_to_string(&path).unwrap();
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/31c3-schedule.json"
    );
    let output = run(data.path(), &["update", NOTEBOOK, schedule]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("is open in another talkbook") && message.contains("press I"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    session.send("\x11");
    assert!(session.wait_for_exit().success());
}

/// A bug on a worker thread (the background save, fetching a schedule) is that
/// worker's failure on the status line: the screen stays whole (no backtrace over it,
/// the terminal not restored under a running loop), keys keep working, nothing typed
/// is lost.
#[test]
fn a_panic_on_a_worker_thread_is_an_error_on_the_status_line_and_the_session_goes_on() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    PtySession::spawn(data.path(), &[], 100, 30).wait_for("Schedule");
    let env = [("TALKBOOK_TEST_PANIC", "save")];
    let mut session = PtySession::spawn_with(data.path(), &[], 100, 30, &env, &[]);
    session.wait_for("Schedule");
    session.send(ENTER);
    session.send(TO_END);
    session.send("kept through a bug");
    session.wait_for("a bug stopped it");
    assert!(
        session.screen().contains("NOT SAVED"),
        "{}",
        session.screen()
    );
    session.send(" and typing on");
    session.wait_for("typing on");
    let output = session.output();
    assert!(
        !output.contains("panicked") && !output.contains("backtrace"),
        "{output}"
    );
    assert!(!output.contains("\x1b[?1049l"), "the screen was never left");
    // Quitting saves in place, not on the worker: every word is kept.
    session.send("\x11");
    assert!(session.wait_for_exit().success());
    assert!(day_notes(&path).contains("kept through a bug and typing on"));

    // The same for fetching a schedule with I.
    let env = [("TALKBOOK_TEST_PANIC", "fetch")];
    let mut session = PtySession::spawn_with(data.path(), &[], 100, 30, &env, &[]);
    session.wait_for("Schedule");
    session.send("I");
    session.wait_for("Import");
    session.send("http://127.0.0.1:9/schedule.json\r");
    session.wait_for("a bug stopped it");
    assert!(
        session.screen().contains("Import failed"),
        "{}",
        session.screen()
    );
    session.send("j");
    session.send("\x11");
    assert!(session.wait_for_exit().success());
    assert!(!session.output().contains("panicked"));
}

#[test]
fn a_crash_writes_a_recovery_copy_that_the_next_start_offers() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let env = [("TALKBOOK_TEST_PANIC", "f12")];
    let mut session = PtySession::spawn_with(data.path(), &[], 100, 30, &env, &[]);
    session.wait_for("Schedule");
    session.send(ENTER);
    session.send("typed just before the crash");
    session.wait_for("typed just before the crash");
    session.send("\x1b[24~");
    let status = session.wait_for_exit();
    assert!(!status.success());
    let output = session.output();
    assert!(output.contains("crashed"), "{output}");
    // The panic hook restores the terminal first, then the panic message is printed.
    let restored_at = output
        .find("\x1b[?1049l")
        .expect("the terminal was restored");
    assert!(
        output.rfind("test panic at f12").unwrap() > restored_at,
        "panic shown after restoring"
    );
    let recovery = store::recovery_path(&path);
    assert!(
        store::load(&recovery).unwrap().days[0]
            .notes
            .contains("typed just before the crash")
    );
    assert!(
        !day_notes(&path).contains("typed just before"),
        "the notebook itself was not touched"
    );

    let mut session = PtySession::spawn(data.path(), &[], 100, 30);
    session.wait_for("Restore them?");
    session.send("y");
    session.wait_for("Restored the notes");
    session.send("q");
    assert!(session.wait_for_exit().success());
    assert_eq!(day_notes(&path), "typed just before the crash");
    assert!(!recovery.exists());
}

#[test]
fn damaged_files_are_refused_with_a_clear_message_and_left_byte_for_byte() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("notebooks");
    std::fs::create_dir_all(&dir).unwrap();
    let good = store::to_json(&store::demo_notebook());
    let cases: [(&str, String, &str); 4] = [
        (
            "corrupt",
            good.replacen("\"days\": [", "\"days\": [}", 1),
            "corrupt.json:",
        ),
        (
            "truncated",
            good.chars().take(good.chars().count() / 2).collect(),
            "EOF while parsing",
        ),
        ("empty", String::new(), "empty.json:1:0"),
        ("binary", "\u{0}\u{1}\u{2}".to_string(), "binary.json:1:1"),
    ];
    for (name, text, expected) in &cases {
        std::fs::write(dir.join(format!("{name}.json")), text).unwrap();
        for args in [vec![*name], vec!["export", name]] {
            let output = run(data.path(), &args);
            assert!(!output.status.success(), "{args:?}");
            let message = stderr(&output);
            assert!(
                message.contains(expected) && message.contains("left unchanged"),
                "{args:?}: {message}"
            );
        }
        assert_eq!(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap(),
            text
        );
    }
    std::fs::create_dir(dir.join("folder.json")).unwrap();
    let message = stderr(&run(data.path(), &["export", "folder"]));
    assert!(
        message.contains("cannot read") && message.contains("folder.json"),
        "{message}"
    );
}

#[test]
fn a_notebook_from_a_newer_talkbook_opens_read_only_and_is_never_rewritten() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), "future");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = store::to_json(&store::demo_notebook())
        .replacen("\"format_version\": 1", "\"format_version\": 7", 1)
        .replacen(
            "\"title\":",
            "\"new_field_from_the_future\": true,\n  \"title\":",
            1,
        );
    std::fs::write(&path, &text).unwrap();
    let mut session = PtySession::spawn(data.path(), &["future"], 100, 30);
    session.wait_for("READ-ONLY: written by a newer talkbook (format 7)");
    session.send("j");
    session.pause();
    session.send("a");
    session.wait_for("Not changed");
    session.pause();
    session.send("q");
    assert!(session.wait_for_exit().success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert!(!store::backup_path(&path).exists());
}

/// `update` typed right after quitting used to read the notebook before the quitting
/// talkbook's last save and write its merge over it. It takes the lock before reading
/// now (waiting a moment for the other to let go), so the last words always survive.
#[test]
fn update_started_right_after_quitting_keeps_the_last_words() {
    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/31c3-schedule.json"
    );
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    for round in 0..5 {
        let mut session = start_writing(data.path());
        let words = format!(" last words of round {round}");
        session.send(&words);
        // Ctrl-Q, and the update at once, while the talkbook is still saving.
        session.writer_send_now("\x11");
        let output = run(data.path(), &["update", NOTEBOOK, schedule]);
        assert!(
            output.status.success(),
            "round {round}: {}",
            stderr(&output)
        );
        assert!(session.wait_for_exit().success());
        // The merge put the 31C3 days before the demo's, so later rounds type into the
        // first of those: look in every day's notes.
        let notebook = store::load(&path).expect("the notebook parses");
        assert!(
            notebook.days.iter().any(|day| day.notes.ends_with(&words)),
            "round {round}: the last words were lost"
        );
    }
}

/// When saving fails and the person quits with `w`, the message on the way out says where
/// the rescue copy is, and the copy holds the notes.
#[test]
fn quitting_with_a_rescue_copy_says_where_it_is() {
    let data = tempfile::tempdir().unwrap();
    let rescue_dir = tempfile::tempdir().unwrap();
    let rescue_dir_text = rescue_dir.path().to_str().unwrap().to_string();
    // Install the demo, then start on it with the temporary directory of our choosing.
    PtySession::spawn(data.path(), &[], 100, 30).wait_for("Schedule");
    let mut session = PtySession::spawn_with(
        data.path(),
        &[],
        100,
        30,
        &[("TMPDIR", &rescue_dir_text)],
        &[],
    );
    session.wait_for("Schedule");
    session.send(ENTER);
    session.send(TO_END);
    put_a_file_where_the_notebooks_were(data.path());
    session.send("words only in memory");
    session.wait_for("NOT SAVED");
    session.send("\x11");
    session.wait_for("write a copy elsewhere");
    session.send("w");
    let status = session.wait_for_exit();
    assert!(
        !status.success(),
        "the notes are not where they belong: not a success"
    );
    let output = session.output();
    // In a folder of its own in TMPDIR (talkbook-<uid>, 0700), never in TMPDIR itself.
    let private = std::fs::read_dir(rescue_dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.is_dir())
        .expect("a private folder in TMPDIR");
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    let copy = std::fs::read_dir(&private)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.to_string_lossy().contains("talkbook-rescue"))
        .expect("a rescue copy in the private folder");
    assert!(
        output.contains(&copy.display().to_string()),
        "the exit message names {}:\n{output}",
        copy.display()
    );
    let rescued = store::load(&copy).unwrap();
    assert!(rescued.days[0].notes.contains("words only in memory"));
}

/// The notebook file edited on disk while it is open (an editor, Syncthing, git pull):
/// with nothing unsaved it is reloaded; with unsaved notes, ours are saved and the
/// other version is kept beside them, named so a person finds it, and the screen says so.
#[test]
fn a_notebook_changed_on_disk_is_reloaded_or_kept_beside_ours_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), NOTEBOOK);
    let mut session = start_writing(data.path());
    session.send("mine");
    session.wait_for_file(&path, "the first save", |text| text.contains("mine"));
    session.wait_for("✓ saved");
    let rewrite = |notes: &str| {
        let mut notebook = store::load(&path).unwrap();
        notebook.days[0].notes = notes.to_string();
        std::fs::write(&path, store::to_json(&notebook)).unwrap();
    };
    // Nothing unsaved here: the other version is shown.
    rewrite("edited elsewhere");
    session.wait_for("edited elsewhere");
    session.wait_for("changed on disk");
    // Unsaved notes here, and another edit on disk before they are saved.
    session.send(TO_END);
    session.send(" and more");
    rewrite("third version");
    session.wait_for_file(&path, "our save", |text| {
        text.contains("edited elsewhere and more")
    });
    session.wait_for("that version is kept as");
    let side: Vec<std::path::PathBuf> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".theirs-"))
        .collect();
    assert_eq!(side.len(), 1, "{side:?}");
    assert_eq!(
        store::load(&side[0]).unwrap().days[0].notes,
        "third version"
    );
    session.send("\x11");
    assert!(session.wait_for_exit().success());
    assert_eq!(day_notes(&path), "edited elsewhere and more");
}
