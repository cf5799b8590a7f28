//! `talkbook sync` through the binary: a bare repository in a temporary folder is the
//! remote, data directories (each with its own config and author) are the machines, and
//! notebooks are changed the way the app saves them (JSON written whole) or by the app
//! itself in a pseudo-terminal.
#![cfg(unix)] // kill -9 and a pseudo-terminal

mod support;

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{PtySession, notebook_path, stderr, stdout, write_config};
use talkbook::model::{Notebook, TalkState};

/// A machine: a data directory whose talkbook syncs as `author`.
struct Machine {
    dir: tempfile::TempDir,
}

impl Machine {
    fn new(author: &str) -> Machine {
        let dir = tempfile::tempdir().unwrap();
        write_config(dir.path(), &format!("author = {author:?}\n"));
        Machine { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = support::command(self.path());
        command
            .args(args)
            // git reads no one's own settings here.
            .env("HOME", self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `talkbook sync`, which must succeed; what it printed.
    fn sync(&self, remote: Option<&Path>) -> String {
        let output = self.try_sync(remote);
        assert!(
            output.status.success(),
            "sync failed: {}{}",
            stdout(&output),
            stderr(&output)
        );
        stdout(&output)
    }

    fn try_sync(&self, remote: Option<&Path>) -> Output {
        match remote {
            Some(remote) => self.run(&["sync", "--remote", remote.to_str().unwrap()]),
            None => self.run(&["sync"]),
        }
    }

    /// talkbook on this machine in a pseudo-terminal, 120x40.
    fn open(&self, args: &[&str]) -> PtySession {
        let home = self.path().to_str().unwrap();
        PtySession::spawn_with(self.path(), args, 120, 40, &[("HOME", home)], &[])
    }

    /// talkbook open on `args` with the day notes in the editor, ready for typing.
    fn writing_day_notes(&self, args: &[&str]) -> PtySession {
        let mut app = self.open(args);
        app.wait_for("Schedule");
        app.send("g\r");
        app.wait_for("Esc: schedule");
        app
    }

    fn file(&self, name: &str) -> PathBuf {
        notebook_path(self.path(), name)
    }

    fn load(&self, name: &str) -> Notebook {
        talkbook::store::load(&self.file(name)).unwrap()
    }

    /// Changes the notebook as the app would save it.
    fn change(&self, name: &str, change: impl FnOnce(&mut Notebook)) {
        let mut notebook = self.load(name);
        change(&mut notebook);
        talkbook::store::save(&self.file(name), &notebook).unwrap();
    }

    fn import_pycon(&self) {
        let schedule = fixture("pyconus-2024-friday.json");
        let notes = fixture("pycon-us-2024-day-notes.txt");
        let imported = self.run(&["import", schedule.to_str().unwrap(), "--name", "pycon"]);
        assert!(imported.status.success(), "{}", stderr(&imported));
        let brought = self.run(&["import-notes", "pycon", notes.to_str().unwrap()]);
        assert!(brought.status.success(), "{}", stderr(&brought));
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A bare repository as the remote.
fn remote() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.git");
    let made = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(made.status.success());
    (dir, path)
}

fn talk_id(notebook: &Notebook, title: &str) -> String {
    notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .find(|talk| talk.title.starts_with(title))
        .unwrap_or_else(|| panic!("no talk {title}"))
        .id
        .clone()
}

fn notes_of(notebook: &Notebook, title: &str) -> String {
    notebook
        .talk(&talk_id(notebook, title))
        .unwrap()
        .notes
        .clone()
}

fn edit_talk(
    notebook: &mut Notebook,
    title: &str,
    change: impl FnOnce(&mut talkbook::model::Talk),
) {
    let id = talk_id(notebook, title);
    change(notebook.talk_mut(&id).unwrap());
}

#[test]
fn two_laptops_of_one_person_merge_talk_by_talk() {
    let (_keep, remote) = remote();
    let a = Machine::new("Alice Example");
    let b = Machine::new("Alice Example");
    a.import_pycon();
    assert_eq!(
        a.sync(Some(&remote)),
        format!("pycon: pushed\nSynced with {}.\n", remote.display())
    );
    // A new machine takes what the remote has.
    let said = b.sync(Some(&remote));
    assert!(
        said.starts_with("pycon: new here, taken from the remote\n"),
        "{said}"
    );
    assert_eq!(a.load("pycon"), b.load("pycon"));

    // Laptop A: a line at the top of Mock It, Ruff skipped, the Keynote deleted; a
    // hand-added talk. Laptop B: a line at the end of Mock It, Pydantic's notes, Ruff
    // planned (later), the Keynote written in; the same Flask lines as A changed
    // differently.
    a.change("pycon", |n| {
        edit_talk(n, "Mock It", |t| {
            t.notes = format!("from A at the top\n{}", t.notes)
        });
        edit_talk(n, "Ruff", |t| t.state = TalkState::Skipped);
        edit_talk(n, "Hatchery", |t| {
            t.notes = t.notes.replacen("Used Quart", "A: Quart it was", 1)
        });
        let keynote = talk_id(n, "Keynote");
        n.remove_talk(&keynote);
    });
    b.change("pycon", |n| {
        edit_talk(n, "Mock It", |t| t.notes.push_str("\nfrom B at the end"));
        edit_talk(n, "Pydantic", |t| t.notes.push_str("\nB on pydantic"));
        edit_talk(n, "Hatchery", |t| {
            t.notes = t.notes.replacen("Used Quart", "B: Quart, async Flask", 1)
        });
        edit_talk(n, "Keynote", |t| t.notes.push_str("\nB wrote this after"));
    });
    // B saved later than A: its mark wins where both marked.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    b.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.state = TalkState::Planned)
    });

    assert!(a.sync(None).starts_with("pycon: pushed\n"));
    let said = b.sync(None);
    assert!(
        said.starts_with("pycon: notes of 2 talks merged from the remote; 1 note changed on both sides, both versions kept (see follow-ups); marked differently on both sides, the later save won: Ruff"),
        "{said}"
    );
    assert!(said.contains("pushed"), "{said}");
    let said = a.sync(None);
    assert!(said.starts_with("pycon: notes of"), "{said}");
    let (on_a, on_b) = (a.load("pycon"), b.load("pycon"));
    assert_eq!(on_a, on_b, "both laptops hold the same notebook");
    let mock = notes_of(&on_a, "Mock It");
    assert!(mock.starts_with("from A at the top\n"), "{mock}");
    assert!(mock.ends_with("\nfrom B at the end"), "{mock}");
    assert!(notes_of(&on_a, "Pydantic").ends_with("B on pydantic"));
    assert_eq!(
        on_a.talk(&talk_id(&on_a, "Ruff")).unwrap().state,
        TalkState::Planned,
        "the later save"
    );
    // The same lines changed on both: both kept, marked, and a follow-up asks.
    let flask = notes_of(&on_a, "Hatchery");
    assert!(
        flask.contains("[sync] two versions of these lines"),
        "{flask}"
    );
    assert!(flask.contains("A: Quart it was") && flask.contains("B: Quart, async Flask"));
    assert!(!flask.contains("<<<<<<<") && !flask.contains(">>>>>>>"));
    assert!(flask.contains("- [ ] resolve the two versions above"));
    // Deleted on A, written in on B: kept with its notes.
    assert!(notes_of(&on_a, "Keynote").ends_with("B wrote this after"));
    // Nothing new: nothing to say.
    assert_eq!(
        b.sync(None),
        format!("Everything is as on {}.\n", remote.display())
    );
    // Only notebooks went into the repository: no lock, backup or state files.
    let files = Command::new("git")
        .arg("--git-dir")
        .arg(a.path().join("sync.git"))
        .args(["ls-tree", "-r", "--name-only", "main"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&files),
        "alice-example/AUTHOR\nalice-example/pycon.json\n"
    );
}

#[test]
fn offline_the_changes_are_committed_and_the_next_sync_finishes_the_job() {
    let (keep, remote, a) = alice_synced();
    a.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.notes.push_str("\nwritten offline"))
    });
    // The remote is gone (no network, a missing remote).
    let away = keep.path().join("away.git");
    std::fs::rename(&remote, &away).unwrap();
    let output = a.try_sync(None);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.starts_with("talkbook: sync: your changes are committed here, not synced:"),
        "{said}"
    );
    assert!(
        said.contains("the next `talkbook sync` finishes the job"),
        "{said}"
    );
    assert!(notes_of(&a.load("pycon"), "Ruff").ends_with("written offline"));
    // Back online: the next sync pushes, and a new machine gets the offline words.
    std::fs::rename(&away, &remote).unwrap();
    assert!(a.sync(None).contains("pycon: pushed"));
    let b = Machine::new("Alice Example");
    b.sync(Some(&remote));
    assert!(notes_of(&b.load("pycon"), "Ruff").ends_with("written offline"));

    // A rejected push (someone pushed in between) is one line too, and the next sync
    // merges and pushes.
    let hook = remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'not today' >&2\nexit 1\n").unwrap();
    let mut permissions = std::fs::metadata(&hook).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&hook, permissions).unwrap();
    b.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.notes.push_str("\nfrom B"))
    });
    let refused = b.try_sync(None);
    assert!(!refused.status.success());
    assert_eq!(stderr(&refused).lines().count(), 1, "{}", stderr(&refused));
    std::fs::remove_file(&hook).unwrap();
    assert!(b.sync(None).contains("pycon: pushed"));
    assert!(
        a.sync(None)
            .contains("pycon: notes of 1 talk merged from the remote")
    );
    assert!(notes_of(&a.load("pycon"), "Ruff").ends_with("written offline\nfrom B"));
}

#[test]
fn no_remote_no_git_and_no_name_each_say_so_in_one_line() {
    let a = Machine::new("Alice Example");
    a.import_pycon();
    let output = a.run(&["sync"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no remote to sync with yet: run `talkbook sync --remote URL`")
    );
    // Without git on PATH.
    let (_keep, remote) = remote();
    let output = a
        .command(&["sync", "--remote", remote.to_str().unwrap()])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        "talkbook: sync: talkbook sync uses git, which is not installed here (or not on PATH); install git and sync again\n"
    );
    // Without a name.
    let nameless = tempfile::tempdir().unwrap();
    let output = support::command(nameless.path())
        .args(["sync"])
        .env("HOME", nameless.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("set author = \"Your Name\" in config.toml"),
        "{}",
        stderr(&output)
    );
    assert!(a.load("pycon").talk_count() > 0, "nothing was touched");
}

/// A remote, and Alice's laptop with the PyCon day synced to it. (The remote's folder
/// comes first: it must outlive the machines.)
fn alice_synced() -> (tempfile::TempDir, PathBuf, Machine) {
    let (keep, remote) = remote();
    let a = Machine::new("Alice Example");
    a.import_pycon();
    a.sync(Some(&remote));
    (keep, remote, a)
}

/// Two laptops of Alice's in step, then B's line pushed into Ruff's notes: what A has
/// yet to take. (The remote's folder comes first: it must outlive the machines.)
fn b_pushed_a_line_to_ruff() -> (tempfile::TempDir, Machine, Machine) {
    let (keep, remote) = remote();
    let a = Machine::new("Alice Example");
    let b = Machine::new("Alice Example");
    a.import_pycon();
    a.sync(Some(&remote));
    b.sync(Some(&remote));
    b.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.notes.push_str("\nfrom B"))
    });
    b.sync(None);
    (keep, a, b)
}

#[test]
fn a_sync_never_writes_a_notebook_the_app_holds_and_no_keystroke_is_lost() {
    let (_keep, a, _b) = b_pushed_a_line_to_ruff();

    // The app is open on A, with words typed and not yet saved.
    let mut app = a.writing_day_notes(&["pycon", "--now", "2024-05-17T11:10"]);
    app.send("typed in the day notes while syncing");
    let before = std::fs::read(a.file("pycon")).unwrap();
    let output = a.try_sync(None);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("pycon: open in talkbook (process "),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("quit talkbook there and sync again"));
    let after = std::fs::read(a.file("pycon")).unwrap();
    assert!(
        after == before || !String::from_utf8_lossy(&after).contains("from B"),
        "the sync wrote nothing into the open notebook"
    );
    app.send("\x11");
    assert!(app.wait_for_exit().success());
    // Now the merge: the typing and B's words together.
    assert!(
        a.sync(None)
            .contains("pycon: notes of 1 talk merged from the remote")
    );
    let merged = a.load("pycon");
    assert!(
        merged.days[0]
            .notes
            .contains("typed in the day notes while syncing")
    );
    assert!(notes_of(&merged, "Ruff").ends_with("from B"));
}

#[test]
fn sync_on_quit_merges_after_the_app_let_go() {
    let (_keep, a, _b) = b_pushed_a_line_to_ruff();
    write_config(a.path(), "author = \"Alice Example\"\nsync = \"on-quit\"\n");
    let mut app = a.writing_day_notes(&["pycon"]);
    app.send("written before quitting");
    app.send("\x11");
    assert!(app.wait_for_exit().success());
    assert!(
        app.output()
            .contains("pycon: notes of 1 talk merged from the remote")
    );
    let merged = a.load("pycon");
    assert!(merged.days[0].notes.contains("written before quitting"));
    assert!(notes_of(&merged, "Ruff").ends_with("from B"));
}

/// Waits until no process of the process group `group` runs (one that ended but was not
/// yet reaped, a zombie, does not count: it writes nothing).
fn wait_for_group_to_end(group: u32) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let listed = Command::new("ps")
            .args(["-A", "-o", "pgid=,stat="])
            .output()
            .expect("ps lists processes");
        let running = stdout(&listed).lines().any(|line| {
            let mut fields = line.split_whitespace();
            let in_group = fields.next().and_then(|pgid| pgid.parse::<u32>().ok()) == Some(group);
            in_group && !fields.next().unwrap_or_default().starts_with('Z')
        });
        if !running {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "processes of group {group} still run after 30 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_sync_killed_at_any_moment_loses_nothing() {
    let (_keep, remote, a) = alice_synced();
    let b = Machine::new("Alice Example");
    b.sync(Some(&remote));
    let rounds: u64 = std::env::var("TALKBOOK_SYNC_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    for round in 0..rounds {
        a.change("pycon", |n| {
            edit_talk(n, "Ruff", |t| t.notes.push_str(&format!("\nA {round}")))
        });
        b.change("pycon", |n| {
            edit_talk(n, "Pydantic", |t| t.notes.push_str(&format!("\nB {round}")))
        });
        b.sync(None);
        let mut child = a.command(&["sync"]).process_group(0).spawn().unwrap();
        // A moment somewhere inside the sync (it takes some tens of milliseconds).
        std::thread::sleep(std::time::Duration::from_millis(round * 7 % 60));
        let _ = child.kill();
        let _ = child.wait();
        // The git commands talkbook had started run on to their end, as after a real
        // kill -9; looked at while one still writes, git sees its half-written objects
        // (`missing tree` from a fetch still unpacking).
        wait_for_group_to_end(child.id());
        // The notebook opens, and git accepts the repository.
        a.load("pycon");
        let fsck = Command::new("git")
            .arg("--git-dir")
            .arg(a.path().join("sync.git"))
            .args(["fsck", "--no-progress"])
            .output()
            .unwrap();
        assert!(
            fsck.status.success(),
            "round {round}: {}{}",
            stdout(&fsck),
            stderr(&fsck)
        );
    }
    a.sync(None);
    b.sync(None);
    let (on_a, on_b) = (a.load("pycon"), b.load("pycon"));
    assert_eq!(notes_of(&on_a, "Ruff"), notes_of(&on_b, "Ruff"));
    for round in 0..rounds {
        assert!(
            notes_of(&on_a, "Ruff").contains(&format!("\nA {round}")),
            "A {round}"
        );
        assert!(
            notes_of(&on_a, "Pydantic").contains(&format!("\nB {round}")),
            "B {round}"
        );
    }
}

#[test]
fn a_team_of_two_keeps_each_persons_notes_theirs() {
    let (_keep, remote) = remote();
    let alice = Machine::new("Alice Example");
    let bob = Machine::new("Bob Builder");
    alice.import_pycon();
    // Bob has his own notebook of the same name, with his own notes.
    let schedule = fixture("pyconus-2024-friday.json");
    assert!(
        bob.run(&["import", schedule.to_str().unwrap(), "--name", "pycon"])
            .status
            .success()
    );
    bob.change("pycon", |n| {
        edit_talk(n, "Mock It", |t| {
            t.notes = "Bob: mocks drift".into();
            t.state = TalkState::Attended;
        })
    });
    alice.sync(Some(&remote));
    let said = bob.sync(Some(&remote));
    assert!(said.contains("pycon: pushed"), "{said}");
    assert!(said.contains("Teammates' notes: 1 notebook"), "{said}");
    let said = alice.sync(None);
    assert!(said.contains("Teammates' notes: 1 notebook"), "{said}");
    // Nobody's notes changed the other's.
    assert!(!notes_of(&alice.load("pycon"), "Mock It").contains("Bob"));
    assert_eq!(notes_of(&bob.load("pycon"), "Mock It"), "Bob: mocks drift");
    // Alice's team export has both, by name, and who attended.
    let team = stdout(&alice.run(&["export", "pycon", "--team"]));
    let mock = team.split("### 11:00–11:30 · Mock It").nth(1).unwrap();
    let mock = mock.split("\n### ").next().unwrap();
    assert!(
        mock.contains("Attended by Alice Example, Bob Builder."),
        "{mock}"
    );
    assert!(
        mock.contains("#### Alice Example\n\nhow tests help us"),
        "{mock}"
    );
    assert!(
        mock.contains("#### Bob Builder\n\nBob: mocks drift"),
        "{mock}"
    );
    assert!(team.contains("## Attended by nobody\n"), "{team}");
    // The app shows Bob's notes on the talk with T.
    let mut app = alice.open(&["pycon", "--now", "2024-05-17T11:10"]);
    app.wait_for("Schedule");
    app.send("/");
    app.wait_for("Search");
    app.send("Mock It Till");
    app.wait_for("Mock It Till You Make It");
    app.send("\r");
    app.wait_for("┌ 11:00–11:30 · Mock It Till You Make It");
    app.pause();
    app.send("T");
    app.wait_for("── Bob Builder · attended ──");
    app.wait_for("Bob: mocks drift");
    app.send("\x1b");
    app.send("q");
    assert!(app.wait_for_exit().success());
}

#[test]
fn a_schedule_update_and_talks_added_by_hand_on_two_laptops_meet_and_a_damaged_file_is_left_alone()
{
    let (keep, remote) = remote();
    let a = Machine::new("Alice Example");
    let b = Machine::new("Alice Example");
    a.import_pycon();
    a.sync(Some(&remote));
    b.sync(Some(&remote));
    // The conference moved Ruff to another room; A updates, B writes in Ruff.
    let moved = keep.path().join("moved.json");
    let schedule = std::fs::read_to_string(fixture("pyconus-2024-friday.json")).unwrap();
    let ruff = schedule.find("Ruff: An Extremely Fast").unwrap();
    let room_at = ruff
        + schedule
            .get(ruff..)
            .unwrap()
            .find("\"room\": \"Hall C\"")
            .unwrap();
    let mut changed = schedule.clone();
    changed.replace_range(
        room_at..room_at + "\"room\": \"Hall C\"".len(),
        "\"room\": \"Hall A\"",
    );
    std::fs::write(&moved, changed).unwrap();
    let updated = a.run(&["update", "pycon", moved.to_str().unwrap()]);
    assert!(updated.status.success(), "{}", stderr(&updated));
    b.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.notes.push_str("\nB in the new room"))
    });
    // And each laptop adds a talk by hand: both are `local-1` there.
    let evening = |hour| {
        chrono::NaiveDate::from_ymd_opt(2024, 5, 17)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    };
    let hand_made = |title: &str| talkbook::model::TalkDetails {
        start: evening(20),
        end: evening(21),
        title: title.into(),
        speakers: vec![],
        room: String::new(),
        recording: String::new(),
        lead_in: 0,
    };
    a.change("pycon", |n| {
        assert_eq!(n.add_talk(hand_made("dinner chat A")), "local-1")
    });
    b.change("pycon", |n| {
        assert_eq!(n.add_talk(hand_made("board games B")), "local-1")
    });
    a.sync(None);
    b.sync(None);
    a.sync(None);
    for machine in [&a, &b] {
        let notebook = machine.load("pycon");
        let ruff = notebook.talk(&talk_id(&notebook, "Ruff")).unwrap();
        assert_eq!(ruff.room, "Hall A");
        assert!(ruff.notes.ends_with("B in the new room"));
        talk_id(&notebook, "dinner chat A");
        talk_id(&notebook, "board games B");
    }
    assert_eq!(a.load("pycon"), b.load("pycon"));
    // A notebook that does not read is left out, byte for byte, and the rest syncs.
    std::fs::write(b.file("broken"), "{ not json").unwrap();
    b.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.notes.push_str("\nafter the break"))
    });
    let said = b.sync(None);
    assert!(said.contains("broken: left out, not synced:"), "{said}");
    assert!(said.contains("pycon: pushed"), "{said}");
    assert_eq!(
        std::fs::read_to_string(b.file("broken")).unwrap(),
        "{ not json"
    );
}

#[test]
fn a_second_sync_at_the_same_time_waits_its_turn_in_one_line() {
    let (_keep, remote, a) = alice_synced();
    // Another sync holds the data directory's sync lock.
    let held = talkbook::store::lock_for_writing(&a.path().join("sync")).unwrap();
    let output = a.try_sync(None);
    assert!(!output.status.success());
    assert!(
        stderr(&output).starts_with("talkbook: sync: another talkbook sync is running"),
        "{}",
        stderr(&output)
    );
    drop(held);
    assert_eq!(
        a.sync(None),
        format!("Everything is as on {}.\n", remote.display())
    );
}

#[test]
fn a_remote_copy_from_a_newer_talkbook_is_never_merged_into_or_replaced() {
    let (keep, remote, a) = alice_synced();
    // A newer talkbook on another machine wrote the notebook in a format this one does
    // not know.
    let work = keep.path().join("work");
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(["-c", "user.name=Other", "-c", "user.email=o@example.org"])
            .args(args)
            .env("HOME", keep.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    };
    git(&[
        "clone",
        "--quiet",
        "--branch",
        "main",
        remote.to_str().unwrap(),
        work.to_str().unwrap(),
    ]);
    let file = work.join("alice-example/pycon.json");
    let newer = std::fs::read_to_string(&file).unwrap().replacen(
        "\"format_version\": 1",
        "\"format_version\": 99",
        1,
    );
    std::fs::write(&file, &newer).unwrap();
    let work_dir = work.to_str().unwrap();
    git(&["-C", work_dir, "commit", "--quiet", "-am", "newer"]);
    git(&["-C", work_dir, "push", "--quiet", "origin", "HEAD:main"]);
    a.change("pycon", |n| {
        edit_talk(n, "Ruff", |t| t.notes.push_str("\nmine"))
    });
    let before = std::fs::read(a.file("pycon")).unwrap();
    let output = a.try_sync(None);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(
        said.contains("pycon: the remote's copy does not read here"),
        "{said}"
    );
    assert!(said.contains("update talkbook"), "{said}");
    assert_eq!(
        std::fs::read(a.file("pycon")).unwrap(),
        before,
        "left alone here"
    );
    git(&["-C", work_dir, "pull", "--quiet", "--ff-only"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), newer, "and there");
}

#[test]
fn s_in_the_app_saves_syncs_and_shows_the_merge_and_keys_typed_meanwhile_wait() {
    let (_keep, a, b) = b_pushed_a_line_to_ruff();
    // Typed before: saved by S before the sync. Typed right after S: waits for it.
    let mut app = a.writing_day_notes(&["pycon", "--now", "2024-05-17T11:10"]);
    app.send("before the sync");
    app.send("\x1b");
    app.pause();
    // S and the keys after it in one read: they act once the sync is done.
    app.send("S\rand after it");
    app.wait_for("and after it");
    app.send("\x11");
    assert!(app.wait_for_exit().success());
    let notebook = a.load("pycon");
    assert!(
        notes_of(&notebook, "Ruff").ends_with("from B"),
        "the merge is in the notebook"
    );
    let day = &notebook.days[0].notes;
    assert!(day.contains("before the sync"), "{day}");
    assert!(day.contains("and after it"), "{day}");
    // What was saved before the sync went to the remote: the other laptop gets it.
    let said = b.sync(None);
    assert!(said.contains("pycon: notes of"), "{said}");
    assert!(b.load("pycon").days[0].notes.contains("before the sync"));
    // S alone says what the sync did.
    let mut app = a.open(&["pycon", "--now", "2024-05-17T11:10"]);
    app.wait_for("Schedule");
    app.send("S");
    app.wait_for("pycon: pushed");
    app.send("q");
    assert!(app.wait_for_exit().success());
}
