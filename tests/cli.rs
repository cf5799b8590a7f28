//! The command line: exit codes, one-line errors, and files left alone on error.

mod support;

use support::{notebook_path, run, stderr, stdout};

#[test]
fn help_lists_the_commands_and_the_data_dir_option() {
    let data = tempfile::tempdir().unwrap();
    let output = run(data.path(), &["--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for word in [
        "new",
        "list",
        "export",
        "--data-dir",
        "TALKBOOK_DATA_DIR",
        "[NOTEBOOK]",
    ] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
}

#[test]
fn new_list_and_export_a_notebook() {
    let data = tempfile::tempdir().unwrap();
    let created = run(
        data.path(),
        &[
            "new",
            "fosdem",
            "--title",
            "FOSDEM 2025",
            "--date",
            "2025-02-01",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(stdout(&created).contains("talkbook fosdem"));
    let text = std::fs::read_to_string(notebook_path(data.path(), "fosdem")).unwrap();
    assert!(text.contains("\"date\": \"2025-02-01\""));

    let again = run(data.path(), &["new", "fosdem"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(notebook_path(data.path(), "fosdem")).unwrap(),
        text
    );

    let listed = stdout(&run(data.path(), &["list"]));
    assert!(
        listed.contains("fosdem") && listed.contains("FOSDEM 2025 (1 day, 0 talks)"),
        "{listed}"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("out.md");
    let exported = run(
        data.path(),
        &["export", "fosdem", "-o", file.to_str().unwrap()],
    );
    assert!(exported.status.success());
    assert_eq!(std::fs::read_to_string(file).unwrap(), "# FOSDEM 2025\n");
}

#[test]
fn data_dir_flag_works_before_and_after_the_command() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    for args in [
        vec!["--data-dir", dir, "new", "one"],
        vec!["new", "two", "--data-dir", dir],
    ] {
        let output = support::command(elsewhere.path())
            .args(&args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
    let listed = stdout(
        &support::command(elsewhere.path())
            .args(["--data-dir", dir, "list"])
            .output()
            .unwrap(),
    );
    assert!(listed.contains("one") && listed.contains("two"), "{listed}");
    // A notebook named like a command is still reachable by path.
    let output = run(data.path(), &["some-notebook", "list"]);
    assert!(!output.status.success());
}

#[test]
fn errors_are_one_line_and_non_zero() {
    let data = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["export", "nope"], "no notebook \"nope\""),
        (&["new", "bad name"], "invalid notebook name"),
        (
            &["export", "/nonexistent/dir/x.json"],
            "/nonexistent/dir/x.json",
        ),
    ];
    for (args, expected) in cases {
        let output = run(data.path(), args);
        assert!(!output.status.success(), "{args:?} succeeded");
        let message = stderr(&output);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert_eq!(message.trim_end().lines().count(), 1, "{args:?}: {message}");
    }
    // Usage errors are clap's: exit code 2, the problem on the first line.
    let output = run(data.path(), &["new", "x", "--date", "18 May"]);
    assert_eq!(output.status.code(), Some(2));
    let first_line = stderr(&output)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        first_line.contains("is not a date like 2024-05-18"),
        "{first_line}"
    );
}

#[test]
fn a_corrupt_notebook_is_refused_with_its_position_and_left_unchanged() {
    let data = tempfile::tempdir().unwrap();
    let path = notebook_path(data.path(), "broken");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = "{\n  \"format_version\": 1,\n  \"title\": \"Broken\",\n  \"days\": [,]\n}\n";
    std::fs::write(&path, text).unwrap();
    for args in [&["broken"][..], &["export", "broken"][..]] {
        let output = run(data.path(), args);
        assert!(!output.status.success());
        let message = stderr(&output);
        assert!(message.contains("broken.json:4:12"), "{message}");
        assert!(message.contains("left unchanged"), "{message}");
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert!(!path.with_extension("json.bak").exists());
}

#[test]
fn opening_without_a_terminal_says_what_to_do_instead() {
    let data = tempfile::tempdir().unwrap();
    let output = run(data.path(), &[]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("needs a terminal"),
        "{}",
        stderr(&output)
    );
    // The first run still installed the demo, ready for the next start.
    assert!(notebook_path(data.path(), "pycon-us-2024").exists());
}

/// A notebook `day` with an attended talk, day notes and two follow-ups (one done).
fn notebook_with_follow_ups(data_dir: &std::path::Path) {
    use talkbook::model::{Notebook, TalkDetails, TalkState};
    let mut notebook = Notebook::new("PyCon US 2024", "America/New_York");
    let at = |time: &str| {
        chrono::NaiveDateTime::parse_from_str(&format!("2024-05-18 {time}"), "%Y-%m-%d %H:%M")
            .unwrap()
    };
    let id = notebook.add_talk(TalkDetails {
        start: at("12:30"),
        end: at("13:00"),
        title: "Ruff".into(),
        speakers: vec!["Charlie Marsh".into()],
        room: String::new(),
        recording: String::new(),
        lead_in: 0,
    });
    let talk = notebook.talk_mut(&id).unwrap();
    talk.state = TalkState::Attended;
    talk.notes = "fast\n- [ ] read the blog post\n- [x] star the repo".into();
    notebook.days[0].notes = "TODO look up uv".into();
    let path = notebook_path(data_dir, "day");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    talkbook::store::save(&path, &notebook).unwrap();
}

#[test]
fn followups_prints_markdown_tasks_for_scripts() {
    let data = tempfile::tempdir().unwrap();
    notebook_with_follow_ups(data.path());
    let all = run(data.path(), &["followups", "day"]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert_eq!(
        stdout(&all),
        "- [ ] look up uv — Day notes (Sat 18 May)\n\
         - [ ] read the blog post — Ruff (12:30)\n\
         - [x] star the repo — Ruff (12:30)\n"
    );
    let open = run(data.path(), &["followups", "--open", "day"]);
    assert_eq!(
        stdout(&open),
        "- [ ] look up uv — Day notes (Sat 18 May)\n- [ ] read the blog post — Ruff (12:30)\n"
    );

    // Without a name: the notebook opened last, and a clear error when there is none.
    let empty = tempfile::tempdir().unwrap();
    let none = run(empty.path(), &["followups"]);
    assert!(!none.status.success());
    assert!(
        stderr(&none).contains("no notebooks in"),
        "{}",
        stderr(&none)
    );
    talkbook::store::save(
        &notebook_path(data.path(), "another"),
        &talkbook::model::Notebook::new("x", ""),
    )
    .unwrap();
    talkbook::store::Store::new(data.path())
        .remember_last_opened("day")
        .unwrap();
    let last = run(data.path(), &["followups", "--open"]);
    assert_eq!(stdout(&last), stdout(&open), "{}", stderr(&last));
}

#[test]
fn export_split_writes_a_folder_and_never_overwrites_without_force() {
    let data = tempfile::tempdir().unwrap();
    notebook_with_follow_ups(data.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let vault = elsewhere.path().join("vault/talks");
    let dir = vault.to_str().unwrap();
    let first = run(data.path(), &["export", "day", "--split", dir]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("Exported 3 file(s)"),
        "{}",
        stderr(&first)
    );
    let talk = std::fs::read_to_string(vault.join("2024-05-18-1230-ruff.md")).unwrap();
    assert!(
        talk.starts_with("---\ntitle: \"Ruff\"\nspeakers: [\"Charlie Marsh\"]\n"),
        "{talk}"
    );
    assert!(
        std::fs::read_to_string(vault.join("index.md"))
            .unwrap()
            .contains("(2024-05-18.md)")
    );

    // The user edited the file in the vault: a second export refuses and changes nothing.
    std::fs::write(vault.join("2024-05-18.md"), "my edits").unwrap();
    let again = run(data.path(), &["export", "day", "--split", dir]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("3 of the 3 files to write already exist"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(vault.join("2024-05-18.md")).unwrap(),
        "my edits"
    );

    let forced = run(data.path(), &["export", "day", "--split", dir, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        std::fs::read_to_string(vault.join("2024-05-18.md"))
            .unwrap()
            .contains("## Talks")
    );

    let conflicting = run(
        data.path(),
        &["export", "day", "--split", dir, "-o", "x.md"],
    );
    assert!(!conflicting.status.success());
    assert!(
        stderr(&conflicting).contains("cannot be used with"),
        "{}",
        stderr(&conflicting)
    );
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definition() {
    let data = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let output = run(data.path(), &["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(
            script.contains("talkbook") && script.contains("followups"),
            "{shell}"
        );
    }
    let bad = run(data.path(), &["completions", "tcsh"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("possible values"), "{}", stderr(&bad));

    let man = stdout(&run(data.path(), &["man"]));
    assert!(
        man.contains(".TH talkbook 1"),
        "{}",
        man.chars().take(200).collect::<String>()
    );
    assert!(man.contains("followups") && man.contains("\\-\\-data\\-dir"));
}

/// Plain output goes through the screen's cleaner: a notebook title or a file name with
/// escape sequences in it cannot retitle the window or move the cursor, and an error
/// quoting a huge line stays a readable line.
#[test]
fn printed_text_never_carries_escape_sequences() {
    let data = tempfile::tempdir().unwrap();
    let created = run(
        data.path(),
        &["new", "evil", "--title", "Evil\x1b]0;pwned\x07Con\x1b[2J"],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let listed = run(data.path(), &["list"]);
    let out = stdout(&listed);
    assert!(out.contains("EvilCon"), "{out}");
    assert!(
        !out.contains('\x1b') && !out.contains("]0;") && !out.contains("[2J"),
        "{out:?}"
    );

    let missing = run(data.path(), &["import", "no\x1b]0;such\x07file.ics"]);
    let error = stderr(&missing);
    assert!(!missing.status.success());
    assert!(
        !error.contains('\x1b') && !error.contains('\x07'),
        "{error:?}"
    );

    let huge = data.path().join("huge.ics");
    std::fs::write(
        &huge,
        format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20240101T100000Z\nDURATION:{}\nEND:VEVENT\nEND:VCALENDAR\n",
            "9".repeat(100_000)
        ),
    )
    .unwrap();
    let refused = run(data.path(), &["import", huge.to_str().unwrap()]);
    let error = stderr(&refused);
    assert!(!refused.status.success());
    assert!(
        error.lines().count() == 1 && error.len() < 1000,
        "{} bytes",
        error.len()
    );
}

/// A link planted in the export folder is never written through, with or without
/// --force, and nothing else is written either.
#[cfg(unix)]
#[test]
fn a_split_export_refuses_to_write_through_a_link() {
    let data = tempfile::tempdir().unwrap();
    assert!(
        run(data.path(), &["new", "conf", "--date", "2024-05-18"])
            .status
            .success()
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("vault");
    std::fs::create_dir(&out).unwrap();
    let victim = elsewhere.path().join("victim.md");
    std::os::unix::fs::symlink(&victim, out.join("index.md")).unwrap();
    for args in [
        &["export", "conf", "--split"][..],
        &["export", "conf", "--force", "--split"],
    ] {
        let mut args = args.to_vec();
        args.push(out.to_str().unwrap());
        let refused = run(data.path(), &args);
        assert!(!refused.status.success(), "{args:?}");
        assert!(
            stderr(&refused).contains("symbolic link"),
            "{}",
            stderr(&refused)
        );
        assert!(
            !victim.exists(),
            "nothing was written through the dangling link"
        );
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            1,
            "nothing else either"
        );
    }
}

/// Through the binary, with a hostile umask and planted files: the data folders are
/// 0700 and the notebook 0600 even under umask 000; a link planted at the lock makes
/// `update` refuse and leaves its target alone; what interrupted saves left is removed
/// once the notebook is taken for writing.
#[cfg(unix)]
#[test]
fn files_are_private_links_are_not_followed_and_leftovers_go() {
    use std::os::unix::fs::PermissionsExt as _;
    let data = tempfile::tempdir().unwrap();
    let home = data.path().join("data");
    let created = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000; exec {} new conf --date 2024-05-18",
            support::BINARY
        ))
        .env("TALKBOOK_DATA_DIR", &home)
        .env("XDG_CONFIG_HOME", data.path().join("config"))
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", stderr(&created));
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home), 0o700);
    assert_eq!(mode(&home.join("notebooks")), 0o700);
    let notebook = home.join("notebooks/conf.json");
    assert_eq!(mode(&notebook), 0o600);

    let schedule = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/31c3-schedule.json"
    );
    let leftover = home.join("notebooks/.conf.json.Xy12Ab.tmp");
    std::fs::write(&leftover, "half a save").unwrap();
    let updated = run(&home, &["update", "conf", schedule]);
    assert!(updated.status.success(), "{}", stderr(&updated));
    assert!(
        !leftover.exists(),
        "the leftover of an interrupted save is gone"
    );

    let victim = data.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let lock = home.join("notebooks/conf.json.lock");
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let refused = run(&home, &["update", "conf", schedule]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("cannot lock"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}
