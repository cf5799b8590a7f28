//! The data directory and its files.

use super::*;
use crate::model::TalkState;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    (dir, store)
}

#[cfg(unix)]
#[test]
fn the_lock_file_and_the_folders_made_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let notebook = dir.path().join("data/notebooks/talk.json");
    let _lock = lock_for_writing(&notebook).unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&lock_path(&notebook)), 0o600);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    assert_eq!(mode(&dir.path().join("data/notebooks")), 0o700);
    save(&notebook, &Notebook::new("t", "")).unwrap();
    assert_eq!(mode(&notebook), 0o600);
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_lock_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let notebook = dir.path().join("talk.json");
    std::os::unix::fs::symlink(&victim, lock_path(&notebook)).unwrap();
    assert!(lock_for_writing(&notebook).is_err());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn side_copies_made_in_the_same_second_never_replace_each_other() {
    let (_dir, store) = store();
    let path = store.create("talk", &demo_notebook()).unwrap();
    let mut sides = Vec::new();
    for version in 0..5 {
        fs::write(&path, format!("version {version}")).unwrap();
        sides.push(keep_side_copy(&path).unwrap());
    }
    let kept: Vec<String> = sides
        .iter()
        .map(|s| fs::read_to_string(s).unwrap())
        .collect();
    assert_eq!(
        kept,
        (0..5).map(|v| format!("version {v}")).collect::<Vec<_>>()
    );
    let names: std::collections::HashSet<_> = sides.iter().collect();
    assert_eq!(names.len(), 5);
}

#[cfg(unix)]
#[test]
fn links_planted_at_the_recovery_copy_and_the_state_file_are_replaced_not_followed() {
    let (dir, store) = store();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let notebook = store.create("talk", &demo_notebook()).unwrap();
    std::os::unix::fs::symlink(&victim, recovery_path(&notebook)).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("state.json")).unwrap();
    let mut sink = FileSink::new(notebook.clone(), None, None);
    sink.write_recovery(&demo_notebook()).unwrap();
    store.remember_last_opened("talk").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        fs::symlink_metadata(recovery_path(&notebook))
            .unwrap()
            .is_file()
    );
    assert_eq!(store.default_notebook().unwrap().as_deref(), Some("talk"));
}

#[cfg(unix)]
#[test]
fn a_linked_notebook_is_saved_where_the_link_points() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("Sync");
    fs::create_dir(&synced).unwrap();
    let target = synced.join("conf.json");
    save(&target, &Notebook::new("before", "")).unwrap();
    fs::create_dir(dir.path().join("notebooks")).unwrap();
    let link = dir.path().join("notebooks/conf.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    save(&link, &Notebook::new("after", "")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&target).unwrap().title, "after");
    assert_eq!(load(&backup_path(&target)).unwrap().title, "before");
}

#[test]
fn leftovers_of_interrupted_saves_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = dir.path().join("talk.json");
    save(&notebook, &Notebook::new("t", "")).unwrap();
    save(&notebook, &Notebook::new("t2", "")).unwrap();
    for name in [".talk.json.a1B2c3.tmp", ".talk.json.bak.x9Y8z7.tmp"] {
        fs::write(dir.path().join(name), "half a save").unwrap();
    }
    // Another notebook's, which its own talkbook may be writing right now.
    fs::write(dir.path().join(".other.json.q1w2e3.tmp"), "another's").unwrap();
    fs::write(dir.path().join(".other.json.bak.r4t5y6.tmp"), "another's").unwrap();
    assert_eq!(remove_leftovers(&notebook), 2);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".other.json.bak.r4t5y6.tmp",
            ".other.json.q1w2e3.tmp",
            "talk.json",
            "talk.json.bak"
        ]
    );
}

#[test]
fn round_trip_preserves_everything() {
    let (_dir, store) = store();
    let mut notebook = demo_notebook();
    let id = notebook.days[0].talks[1].id.clone();
    let talk = notebook.talk_mut(&id).unwrap();
    talk.notes = "emoji 🐍, tabs\tand\nlines\n- [ ] follow up".into();
    talk.state = TalkState::Attended;
    notebook.days[0].notes = "hallway".into();
    let path = store.create("conf", &notebook).unwrap();
    assert_eq!(load(&path).unwrap(), notebook);
}

#[test]
fn json_is_pretty_with_a_stable_field_order() {
    let json = to_json(&demo_notebook());
    assert!(json.starts_with("{\n  \"format_version\": 1,\n  \"title\": "));
    let talk_fields = [
        "\"id\"",
        "\"start\"",
        "\"end\"",
        "\"title\"",
        "\"speakers\"",
        "\"room\"",
        "\"track\"",
        "\"abstract\"",
        "\"link\"",
        "\"state\"",
        "\"notes\"",
    ];
    let (_, first_talk) = json.split_once("\"talks\"").unwrap();
    let positions: Vec<usize> = talk_fields
        .iter()
        .map(|f| first_talk.find(f).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert_eq!(to_json(&parse(Path::new("x"), &json).unwrap()), json);
}

#[test]
fn saving_keeps_the_previous_version_as_bak_and_leaves_no_temp_files() {
    let (dir, store) = store();
    let mut notebook = Notebook::new("One", "");
    let path = store.create("conf", &notebook).unwrap();
    notebook.title = "Two".into();
    save(&path, &notebook).unwrap();
    assert_eq!(load(&path).unwrap().title, "Two");
    let backup = dir.path().join("notebooks/conf.json.bak");
    assert_eq!(load(&backup).unwrap().title, "One");
    let files: Vec<String> = fs::read_dir(dir.path().join("notebooks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn corrupt_files_are_refused_with_position_and_left_unchanged() {
    let (dir, _store) = store();
    let path = dir.path().join("broken.json");
    let cases: [(&str, usize, usize); 3] = [
        (
            "{\n  \"format_version\": 1,\n  \"title\": \"x\",\n  \"days\": [}\n",
            4,
            12,
        ),
        ("{\"format_version\": 1, \"title\": \"trunc", 1, 37),
        ("", 1, 0),
    ];
    for (text, line, column) in cases {
        fs::write(&path, text).unwrap();
        match load(&path) {
            Err(StoreError::Parse {
                line: l, column: c, ..
            }) => assert_eq!((l, c), (line, column), "{text:?}"),
            other => panic!("expected a parse error for {text:?}, got {other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }
    let message = load(&path).unwrap_err().to_string();
    assert!(message.contains("broken.json:1:0"), "{message}");
    assert!(!message.contains(".bak"), "no backup, no hint: {message}");
    fs::write(dir.path().join("broken.json.bak"), "{}").unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(
        message.contains("the version before the last save is in"),
        "{message}"
    );
}

#[test]
fn a_rating_or_a_stamp_moment_out_of_range_is_refused_where_it_is() {
    let (dir, _store) = store();
    let path = dir.path().join("hand-edited.json");
    let good = to_json(&demo_notebook());
    let forty = good.replacen(
        "\"state\": \"unmarked\"",
        "\"state\": \"unmarked\",\n      \"rating\": 40",
        1,
    );
    assert_ne!(forty, good);
    fs::write(&path, &forty).unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(
        message.contains("a rating is 0 to 3 stars, not 40"),
        "{message}"
    );
    assert!(message.contains("hand-edited.json:"), "{message}");
    let far = good.replacen(
        "\"state\": \"unmarked\"",
        "\"state\": \"unmarked\",\n      \"stamps_from\": \"+262142-12-31T11:00:00\"",
        1,
    );
    fs::write(&path, &far).unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(message.contains("262142"), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), far, "left as it was");
}

#[test]
fn far_dates_are_refused_with_their_line_and_a_byte_order_mark_is_read() {
    let (dir, _store) = store();
    let path = dir.path().join("far.json");
    let good = to_json(&demo_notebook());
    let far = good.replacen("\"2024-05-17T11:00:00\"", "\"+262142-12-31T11:00:00\"", 1);
    assert_ne!(far, good);
    fs::write(&path, &far).unwrap();
    match load(&path) {
        Err(StoreError::Parse { line, message, .. }) => {
            let expected = far.lines().position(|l| l.contains("+262142")).unwrap() + 1;
            assert_eq!(line, expected, "{message}");
            assert!(message.contains("year 262142 is outside"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), far, "left unchanged");
    let day = good.replacen("\"date\": \"2024-05-17\"", "\"date\": \"1066-10-14\"", 1);
    fs::write(&path, &day).unwrap();
    assert!(load(&path).unwrap_err().to_string().contains("year 1066"));
    fs::write(&path, format!("\u{feff}{good}")).unwrap();
    assert_eq!(load(&path).unwrap(), demo_notebook());
}

#[test]
fn newer_versions_and_directories_are_refused() {
    let (dir, _store) = store();
    let path = dir.path().join("future.json");
    fs::write(&path, "{\"format_version\": 99, \"whatever\": true}").unwrap();
    assert!(matches!(
        load(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
    assert!(matches!(
        load(dir.path()),
        Err(StoreError::Refused {
            why: FileRefusal::NotAFile,
            ..
        })
    ));
    assert!(matches!(
        load(&dir.path().join("missing.json")),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_temp_file() {
    let (dir, store) = store();
    let notebook = Notebook::new("One", "");
    let path = store.create("conf", &notebook).unwrap();
    // A directory where the backup must go makes the save fail midway.
    fs::create_dir(dir.path().join("notebooks/conf.json.bak")).unwrap();
    fs::write(dir.path().join("notebooks/conf.json.bak/x"), "").unwrap();
    let error = save(&path, &Notebook::new("Two", "")).unwrap_err();
    assert!(error.to_string().contains("cannot save"), "{error}");
    assert_eq!(load(&path).unwrap().title, "One");
    let temp_files = fs::read_dir(dir.path().join("notebooks"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(temp_files, 0);
}

#[test]
fn only_one_writer_holds_a_notebook_and_the_lock_goes_with_it() {
    let (dir, store) = store();
    let path = store.create("conf", &Notebook::new("One", "")).unwrap();
    let first = lock_for_writing(&path).unwrap();
    let error = lock_for_writing(&path).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("is open in another talkbook"), "{message}");
    assert!(
        message.contains(&std::process::id().to_string()),
        "{message}"
    );
    drop(first);
    let _again = lock_for_writing(&path).unwrap();
    assert!(dir.path().join("notebooks/conf.json.lock").exists());
}

#[test]
fn a_save_on_its_own_thread_is_waited_for_by_the_next_and_by_letting_go() {
    let (_dir, store) = store();
    let path = store.create("conf", &Notebook::new("One", "")).unwrap();
    let lock = lock_for_writing(&path).unwrap();
    let mut sink = FileSink::new(path.clone(), Some(lock), Fingerprint::of(&path));
    let mut notebook = Notebook::new("Two", "");
    assert!(sink.start_save(notebook.clone()));
    // Our own write in progress is never taken for someone else's change.
    assert!(sink.changed_on_disk().is_none());
    assert!(matches!(sink.finished_save(true), Some(Ok(()))));
    assert!(sink.finished_save(true).is_none(), "told once");
    assert_eq!(load(&path).unwrap().title, "Two");
    assert!(sink.changed_on_disk().is_none(), "what it wrote is ours");
    // A save in place waits for one under way, then writes the latest.
    notebook.title = "Three".into();
    assert!(sink.start_save(notebook.clone()));
    notebook.title = "Four".into();
    sink.save(&notebook).unwrap();
    assert_eq!(load(&path).unwrap().title, "Four");
    // Letting go of the notebook waits for the save still writing.
    notebook.title = "Five".into();
    assert!(sink.start_save(notebook));
    drop(sink);
    assert_eq!(load(&path).unwrap().title, "Five");
    let _free = lock_for_writing(&path).expect("the lock went with the sink");
}

#[test]
fn names_are_validated_and_existing_notebooks_not_replaced() {
    let (_dir, store) = store();
    for bad in ["", ".hidden", "a/b", "sp ace", "../up"] {
        assert!(
            matches!(store.path_for(bad), Err(StoreError::BadName { .. })),
            "{bad}"
        );
    }
    store.create("conf", &Notebook::new("One", "")).unwrap();
    assert!(matches!(
        store.create("conf", &Notebook::new("Two", "")),
        Err(StoreError::Exists { .. })
    ));
}

#[test]
fn first_run_installs_the_demo_once_and_remembers_the_last_notebook() {
    let (_dir, store) = store();
    assert_eq!(store.default_notebook().unwrap(), None);
    assert_eq!(
        store.install_demo_if_empty().unwrap().as_deref(),
        Some(DEMO_NOTEBOOK_NAME)
    );
    assert_eq!(store.install_demo_if_empty().unwrap(), None);
    store.create("zzz", &Notebook::new("Z", "")).unwrap();
    assert_eq!(
        store.default_notebook().unwrap().as_deref(),
        Some(DEMO_NOTEBOOK_NAME)
    );
    store.remember_last_opened("zzz").unwrap();
    assert_eq!(store.default_notebook().unwrap().as_deref(), Some("zzz"));
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].content.as_ref().unwrap().2, 9);
}

#[test]
fn demo_has_the_keynote_and_eight_time_slots_without_notes() {
    let notebook = demo_notebook();
    assert_eq!(notebook.days.len(), 1);
    let day = &notebook.days[0];
    assert_eq!(day.time_slots().len(), 9);
    assert!(day.talks[0].title.contains("Keynote"));
    assert!(
        day.talks
            .iter()
            .all(|t| t.notes.is_empty() && t.state == TalkState::Unmarked)
    );
}

#[test]
fn only_a_number_that_names_one_process_is_a_pid() {
    assert_eq!(Pid::parse(" 4242\n").map(Pid::get), Some(4242));
    // 0 is our own process group, -1 every process, 1 init; past i32::MAX a number
    // would turn negative (a group) in a cast.
    for bad in [
        "0",
        "1",
        "-1",
        "-4242",
        "2147483648",
        "4294967295",
        "",
        "42a",
        "9".repeat(40).as_str(),
    ] {
        assert_eq!(Pid::parse(bad), None, "{bad:?}");
    }
    assert_eq!(Pid::parse("2147483647").map(Pid::get), Some(i32::MAX));
}

#[test]
fn a_lock_file_that_names_no_process_holds_no_pid() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = dir.path().join("c.json");
    save(&notebook, &demo_notebook()).unwrap();
    let _held = lock_for_writing(&notebook).unwrap();
    for planted in ["0", "-1", "4294967295"] {
        // What a second opener reads: the holder's file as it is now.
        std::fs::write(lock_path(&notebook), planted).unwrap();
        match lock_for_writing(&notebook) {
            Err(LockError::Held { holder, .. }) => assert_eq!(holder, None, "{planted}"),
            other => panic!("{planted}: {other:?}"),
        }
    }
}

#[cfg(unix)]
#[test]
fn a_process_that_is_not_a_talkbook_is_never_signalled() {
    let mut other = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let pid = Pid::parse(&other.id().to_string()).unwrap();
    let result = stop_holder(StopHolder { pid, force: true });
    assert!(
        matches!(result, Err(TakeOverError::NotATalkbook { .. })),
        "{result:?}"
    );
    assert!(other.try_wait().unwrap().is_none(), "it still runs");
    other.kill().unwrap();
    other.wait().unwrap();
}
