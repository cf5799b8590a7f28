//! Inputs nobody in the room wrote, through the real binary: output into a closed pipe,
//! pipes and devices where files belong, far dates, names and ids that collide, and
//! files that must never be overwritten.

mod support;

use std::process::{Output, Stdio};

use support::{command, run, stderr, stdout};

/// Runs talkbook with its standard output a pipe whose reader is already gone.
fn into_closed_pipe(data: &std::path::Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    command(data)
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// A file of this repository's `tests/fixtures`, by absolute path.
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn imported_31c3() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let output = run(
        data.path(),
        &["import", &fixture("31c3-schedule.xml"), "--name", "c31"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    data
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_with_status_zero() {
    let data = imported_31c3();
    let notes = fixture("pycon-us-2024-day-notes.txt");
    for args in [
        &["list"][..],
        &["search", "the"],
        &["export", "c31"],
        &["export", "c31", "--ics"],
        &["followups", "--all"],
        &["followups", "c31"],
        &["completions", "bash"],
        &["man"],
        &["--help"],
        &["config", "--print-default"],
        &["import-notes", "c31", &notes, "--dry-run"],
    ] {
        let output = into_closed_pipe(data.path(), args);
        assert!(
            output.status.success(),
            "{args:?}: {:?} {}",
            output.status,
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

/// Runs talkbook and fails the test if it has not finished within `seconds`.
#[cfg(unix)]
fn run_within(data: &std::path::Path, args: &[&str], seconds: u64) -> Output {
    let mut child = command(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} did not finish within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_among_the_notebooks_is_listed_as_unreadable_not_waited_on() {
    let data = imported_31c3();
    let notebooks = data.path().join("notebooks");
    let fifo = std::ffi::CString::new(notebooks.join("x.json").to_str().unwrap()).unwrap();
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    std::os::unix::fs::symlink("/dev/zero", notebooks.join("zero.json")).unwrap();
    let listed = run_within(data.path(), &["list"], 10);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let listed = stdout(&listed);
    assert!(
        listed.contains("x ") && listed.contains("not a regular file"),
        "{listed}"
    );
    assert!(
        listed.contains("zero") && listed.contains("c31"),
        "{listed}"
    );
    let found = run_within(data.path(), &["search", "Keynote"], 10);
    assert!(stdout(&found).contains("c31"), "{}", stderr(&found));
    assert!(stderr(&found).contains("skipped x"), "{}", stderr(&found));
    let follow_ups = run_within(data.path(), &["followups", "--all"], 10);
    assert!(follow_ups.status.success(), "{}", stderr(&follow_ups));
    let opened = run_within(data.path(), &["export", "x"], 10);
    assert!(
        stderr(&opened).contains("not a regular file"),
        "{}",
        stderr(&opened)
    );
}

#[cfg(unix)]
#[test]
fn a_settings_file_that_never_ends_is_refused_in_one_line() {
    let data = imported_31c3();
    let checked = run_within(data.path(), &["--config", "/dev/zero", "config"], 10);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        stderr(&checked).contains("/dev/zero") && stderr(&checked).contains("not a regular file"),
        "{}",
        stderr(&checked)
    );
    // Any other command goes on with the defaults, and says why.
    let listed = run_within(data.path(), &["--config", "/dev/zero", "list"], 10);
    assert!(listed.status.success());
    assert!(
        stderr(&listed).contains("using the defaults"),
        "{}",
        stderr(&listed)
    );
}

#[test]
fn dates_far_from_today_are_refused_where_they_come_in() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        &["new", "far", "--date", "+262142-12-31"][..],
        &["new", "old", "--date", "1066-10-14"],
        &["--now", "+262142-12-31T10:00", "list"],
    ] {
        let output = run(data.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("outside the years 1900–2200"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // A notebook edited by hand to such a date is refused with its line, unchanged.
    let made = run(data.path(), &["new", "conf", "--date", "2024-05-18"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let path = data.path().join("notebooks/conf.json");
    let far = std::fs::read_to_string(&path)
        .unwrap()
        .replace("2024-05-18", "+262142-12-31");
    std::fs::write(&path, &far).unwrap();
    let exported = run(data.path(), &["export", "conf"]);
    assert_eq!(exported.status.code(), Some(1));
    assert!(
        stderr(&exported).contains("conf.json:")
            && stderr(&exported).contains("year 262142 is outside"),
        "{}",
        stderr(&exported)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), far);
}

#[test]
fn a_name_that_reads_as_a_file_is_refused_at_creation() {
    let data = tempfile::tempdir().unwrap();
    let output = run(data.path(), &["new", "conf.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("leave the .json out"),
        "{}",
        stderr(&output)
    );
    // One made so by an older talkbook is still found by its name.
    let old = run(data.path(), &["new", "conf"]);
    assert!(old.status.success());
    std::fs::rename(
        data.path().join("notebooks/conf.json"),
        data.path().join("notebooks/old.json.json"),
    )
    .unwrap();
    let exported = run(data.path(), &["export", "old.json"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
}

#[test]
fn a_notebook_saved_with_a_byte_order_mark_is_read() {
    let data = tempfile::tempdir().unwrap();
    assert!(run(data.path(), &["new", "conf"]).status.success());
    let path = data.path().join("notebooks/conf.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let exported = run(data.path(), &["export", "conf"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    assert!(
        stdout(&exported).starts_with("# conf"),
        "{}",
        stdout(&exported)
    );
}

#[test]
fn export_never_overwrites_a_file_or_writes_into_the_data_directory() {
    let data = imported_31c3();
    let notebook = data.path().join("notebooks/c31.json");
    let before = std::fs::read(&notebook).unwrap();
    for target in [
        notebook.clone(),
        data.path().join("notebooks/c31.json.bak"),
        data.path().join("notes.md"),
        data.path().join("notebooks/../notebooks/x.md"),
    ] {
        for force in [false, true] {
            let mut args = vec!["export", "c31", "-o", target.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let output = run(data.path(), &args);
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            assert!(
                stderr(&output).contains("inside talkbook's data directory"),
                "{args:?}: {}",
                stderr(&output)
            );
        }
    }
    assert_eq!(std::fs::read(&notebook).unwrap(), before, "138 talks kept");
    let elsewhere = tempfile::tempdir().unwrap();
    let mine = elsewhere.path().join("mine.md");
    std::fs::write(&mine, "my own words").unwrap();
    let refused = run(
        data.path(),
        &["export", "c31", "-o", mine.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own words");
    let forced = run(
        data.path(),
        &["export", "c31", "-o", mine.to_str().unwrap(), "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(&mine).unwrap().starts_with("# "));
    let split = run(
        data.path(),
        &[
            "export",
            "c31",
            "--split",
            data.path().join("vault").to_str().unwrap(),
        ],
    );
    assert_eq!(split.status.code(), Some(1), "{}", stderr(&split));
}

#[test]
fn update_never_merges_a_schedule_event_into_a_talk_added_by_hand() {
    let data = tempfile::tempdir().unwrap();
    let schedule = |title: &str| {
        format!(
            r#"{{"schedule": {{"conference": {{"title": "C", "time_zone_name": "Europe/Berlin",
              "days": [{{"date": "2024-01-02", "rooms": {{"Hall": [
                {{"guid": "g1", "date": "2024-01-02T10:00:00+01:00", "duration": "00:30", "title": "Opening"}},
                {{"guid": "local-1", "date": "2024-01-02T15:00:00+01:00", "duration": "00:30", "title": "{title}"}}
              ]}}}}]}}}}}}"#
        )
    };
    let source = data.path().join("schedule.json");
    std::fs::write(&source, schedule("Not in the first version")).unwrap();
    let first = r#"{"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin",
      "days": [{"date": "2024-01-02", "rooms": {"Hall": [
        {"guid": "g1", "date": "2024-01-02T10:00:00+01:00", "duration": "00:30", "title": "Opening"}]}}]}}}"#;
    let first_file = data.path().join("first.json");
    std::fs::write(&first_file, first).unwrap();
    let imported = run(
        data.path(),
        &["import", first_file.to_str().unwrap(), "--name", "c"],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    // A talk added by hand, as the `o` form makes it.
    let path = data.path().join("notebooks/c.json");
    let mut notebook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mine = serde_json::json!({"id": "local-1", "start": "2024-01-02T12:00:00",
        "end": "2024-01-02T12:30:00", "title": "Hallway with Ada", "room": "Lobby",
        "notes": "my words"});
    notebook["days"][0]["talks"]
        .as_array_mut()
        .unwrap()
        .push(mine);
    std::fs::write(&path, serde_json::to_string_pretty(&notebook).unwrap()).unwrap();
    let updated = run(data.path(), &["update", "c", source.to_str().unwrap()]);
    assert!(updated.status.success(), "{}", stderr(&updated));
    assert!(stdout(&updated).contains("1 added"), "{}", stdout(&updated));
    let after: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let talks = after["days"][0]["talks"].as_array().unwrap();
    let mine = talks.iter().find(|t| t["id"] == "local-1").unwrap();
    assert_eq!(mine["title"], "Hallway with Ada");
    assert_eq!(mine["room"], "Lobby");
    assert_eq!(mine["notes"], "my words");
    assert_eq!(mine["start"], "2024-01-02T12:00:00");
    assert!(talks.iter().any(|t| t["id"] == "schedule-local-1"));
}
