//! After the conference, through the real binary: notes written elsewhere come in,
//! every notebook is searched, follow-ups are gathered from all of them.

mod support;

use std::path::Path;

use support::{PtySession, notebook_path, run, stderr, stdout};
use talkbook::model::{Notebook, TalkState};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The demo notebook, untouched, as `name` in `data`.
fn demo_as(data: &Path, name: &str) {
    let path = notebook_path(data, name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-notebook.json"),
        &path,
    )
    .unwrap();
}

/// The demo notebook as `name`, with the example day's notes imported into it.
fn example_day_as(data: &Path, name: &str) {
    demo_as(data, name);
    let notes = fixture("pycon-us-2024-day-notes.txt");
    let output = run(data, &["import-notes", name, notes.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn load(data: &Path, name: &str) -> Notebook {
    talkbook::store::load(&notebook_path(data, name)).unwrap()
}

#[test]
fn the_example_day_imports_into_its_talks_and_every_line_is_kept() {
    let data = tempfile::tempdir().unwrap();
    demo_as(data.path(), "day");
    let notes = fixture("pycon-us-2024-day-notes.txt");
    let output = run(
        data.path(),
        &["import-notes", "day", notes.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(
        said.contains("9 sections into talks, 1 into day notes, 0 matched no talk"),
        "{said}"
    );
    assert!(
        said.contains("\"Keynote: Jay Miller\" → 09:45 Keynote - Jay Miller (marked attended)"),
        "{said}"
    );
    assert!(
        said.contains("→ 15:30 Procedurally Generated Monsters! A compl… (marked skipped)"),
        "{said}"
    );
    assert!(
        said.contains("  - [ ] note to self: post-talk to more research"),
        "{said}"
    );
    let notebook = load(data.path(), "day");
    let talks = &notebook.days[0].talks;
    for talk in talks {
        assert!(!talk.notes.is_empty(), "{} has notes", talk.title);
    }
    assert_eq!(talks[6].state, TalkState::Skipped);
    assert!(
        talks
            .iter()
            .filter(|t| t.state == TalkState::Attended)
            .count()
            == 8
    );
    assert!(notebook.days[0].notes.starts_with("tip from Pycharm team"));
    let everything: String = std::iter::once(notebook.days[0].notes.clone())
        .chain(talks.iter().map(|t| t.notes.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    let text = std::fs::read_to_string(&notes).unwrap();
    let headings = said
        .lines()
        .filter_map(|l| l.split('"').nth(1))
        .collect::<Vec<_>>();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let structure = line.chars().all(|c| c == '=')
            || headings
                .iter()
                .any(|h| line.starts_with(h.trim_end_matches('…')));
        assert!(structure || everything.contains(line), "lost: {line:?}");
    }
    // The follow-ups are the ones the pane and the export list.
    let followups = stdout(&run(data.path(), &["followups", "day", "--open"]));
    assert_eq!(followups.lines().count(), 2, "{followups}");

    // Twice is once.
    let before = load(data.path(), "day");
    let again = run(
        data.path(),
        &["import-notes", "day", notes.to_str().unwrap()],
    );
    assert!(
        stdout(&again).contains("already there"),
        "{}",
        stdout(&again)
    );
    assert_eq!(load(data.path(), "day"), before);
}

#[test]
fn an_exported_notebook_comes_back_into_a_fresh_one_and_dry_run_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    example_day_as(data.path(), "day");
    // Outside the data directory, where exports are refused.
    let elsewhere = tempfile::tempdir().unwrap();
    let exported = elsewhere.path().join("day.md");
    assert!(
        run(
            data.path(),
            &["export", "day", "-o", exported.to_str().unwrap()]
        )
        .status
        .success()
    );
    demo_as(data.path(), "fresh");
    let untouched = std::fs::read(notebook_path(data.path(), "fresh")).unwrap();
    let dry = run(
        data.path(),
        &[
            "import-notes",
            "fresh",
            exported.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(
        stdout(&dry).contains("Nothing was written (--dry-run)."),
        "{}",
        stdout(&dry)
    );
    assert_eq!(
        std::fs::read(notebook_path(data.path(), "fresh")).unwrap(),
        untouched
    );
    let output = run(
        data.path(),
        &["import-notes", "fresh", exported.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("left out: talkbook's list of the follow-ups above"),
        "{}",
        stdout(&output)
    );
    let (day, fresh) = (load(data.path(), "day"), load(data.path(), "fresh"));
    assert_eq!(day.days[0].notes, fresh.days[0].notes);
    for (a, b) in day.days[0].talks.iter().zip(&fresh.days[0].talks) {
        assert_eq!((&a.notes, a.state), (&b.notes, b.state), "{}", a.title);
    }
}

#[test]
fn a_markdown_day_in_its_own_style_and_bad_files_are_refused_with_a_reason() {
    let data = tempfile::tempdir().unwrap();
    demo_as(data.path(), "day");
    let output = run(
        data.path(),
        &[
            "import-notes",
            "day",
            fixture("markdown-day-notes.md").to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(
        said.contains("\"Hallway track\" → day notes, Fri 17 May (no talk matched"),
        "{said}"
    );
    let notebook = load(data.path(), "day");
    assert!(notebook.talk("local-1").unwrap().notes.contains("Quart"));
    assert!(
        notebook
            .talk("pycon-17")
            .unwrap()
            .notes
            .contains("- [ ] try ruff")
    );
    for (file, why) in [("missing.md", "no file at"), (".", "not a regular file")] {
        let path = data.path().join(file);
        let output = run(
            data.path(),
            &["import-notes", "day", path.to_str().unwrap()],
        );
        assert!(!output.status.success());
        assert!(stderr(&output).contains(why), "{}", stderr(&output));
    }
    let binary = data.path().join("photo.jpg");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0x00, 0x80]).unwrap();
    let output = run(
        data.path(),
        &["import-notes", "day", binary.to_str().unwrap()],
    );
    assert!(
        stderr(&output).contains("is not text"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_notes_waits_for_nobody_and_refuses_while_the_notebook_is_open() {
    let data = tempfile::tempdir().unwrap();
    demo_as(data.path(), "day");
    let mut session = PtySession::spawn(data.path(), &["day"], 120, 40);
    session.wait_for("Schedule");
    let before = std::fs::read(notebook_path(data.path(), "day")).unwrap();
    let output = run(
        data.path(),
        &[
            "import-notes",
            "day",
            fixture("pycon-us-2024-day-notes.txt").to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("quit it first"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(notebook_path(data.path(), "day")).unwrap(),
        before
    );
    session.send("q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn search_looks_in_every_notebook_and_fails_like_grep_when_nothing_matches() {
    let data = tempfile::tempdir().unwrap();
    example_day_as(data.path(), "pycon-2024");
    demo_as(data.path(), "pycon-2025");
    let output = run(data.path(), &["search", "AUTOSPEC"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "pycon-2024  2024-05-17 11:00  Mock It Till You Make It: How to Verify Your External Mocks Without Ever Leaving Unittest: autospec is good for making sure your mocks are matching the object represented.\n"
    );
    let output = stdout(&run(data.path(), &["search", "charlie marsh"]));
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 2, "the speaker in both notebooks: {lines:?}");
    assert!(
        lines[1].starts_with("pycon-2025  2024-05-17 12:30  Ruff: "),
        "{lines:?}"
    );
    let output = run(data.path(), &["search", "pycharm"]);
    assert!(
        stdout(&output).contains("pycon-2024  2024-05-17        Day notes: tip from Pycharm team"),
        "{}",
        stdout(&output)
    );
    let nothing = run(data.path(), &["search", "no such words anywhere"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(stdout(&nothing).is_empty() && stderr(&nothing).is_empty());
}

#[test]
fn followups_all_groups_the_open_ones_by_notebook() {
    let data = tempfile::tempdir().unwrap();
    example_day_as(data.path(), "pycon-2024");
    demo_as(data.path(), "quiet");
    let output = run(data.path(), &["followups", "--all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(
        said.starts_with("## pycon-2024 — PyCon US 2024 (2 open)\n\n- [ ] note to self"),
        "{said}"
    );
    assert!(
        !said.contains("quiet"),
        "a notebook without follow-ups is not listed: {said}"
    );
    let both = run(data.path(), &["followups", "pycon-2024", "--all"]);
    assert_eq!(both.status.code(), Some(2), "a notebook or --all, not both");
}

#[test]
fn picks_export_as_a_calendar_that_imports_back_to_the_same_talks() {
    let data = tempfile::tempdir().unwrap();
    example_day_as(data.path(), "day");
    let elsewhere = tempfile::tempdir().unwrap();
    let calendar = elsewhere.path().join("picks.ics");
    let output = run(
        data.path(),
        &["export", "day", "--ics", "-o", calendar.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let ics = std::fs::read_to_string(&calendar).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 8, "the attended talks");
    // It imports like any calendar: the same talks at the same instants.
    let output = run(
        data.path(),
        &["import", calendar.to_str().unwrap(), "--name", "back"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let (day, back) = (load(data.path(), "day"), load(data.path(), "back"));
    assert_eq!(back.time_zone, "America/New_York");
    let attended: Vec<_> = day.days[0]
        .talks
        .iter()
        .filter(|t| t.state == TalkState::Attended)
        .collect();
    assert_eq!(back.days[0].talks.len(), attended.len());
    for (original, imported) in attended.iter().zip(&back.days[0].talks) {
        // A talk added by hand keeps its id in the calendar; a schedule's id never
        // meets a hand-made one, so it comes back as the schedule's.
        let id = match original.id.strip_prefix("local-") {
            Some(n) => format!("schedule-local-{n}"),
            None => original.id.clone(),
        };
        assert_eq!(
            (
                &id,
                &original.title,
                original.start,
                original.end,
                &original.speakers
            ),
            (
                &imported.id,
                &imported.title,
                imported.start,
                imported.end,
                &imported.speakers
            )
        );
    }
    let planned = stdout(&run(
        data.path(),
        &["export", "day", "--ics", "--planned-only"],
    ));
    assert_eq!(
        planned.matches("BEGIN:VEVENT").count(),
        0,
        "nothing planned"
    );
    let wrong = run(data.path(), &["export", "day", "--planned-only"]);
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "--planned-only goes with --ics"
    );
}

#[test]
fn stamps_link_to_the_moment_in_the_recording() {
    let data = tempfile::tempdir().unwrap();
    demo_as(data.path(), "day");
    let path = notebook_path(data.path(), "day");
    let mut notebook = load(data.path(), "day");
    let talk = &mut notebook.days[0].talks[3];
    talk.recording = "https://www.youtube.com/watch?v=ruff2024".into();
    talk.notes = "[+12:34] the benchmark slide\n[+1:02:03] questions".into();
    talk.state = TalkState::Attended;
    // The recording has 45 s before the talk begins; the talk was rated.
    talk.lead_in = 45;
    talk.rating = talkbook::model::Rating::new(2).unwrap();
    talkbook::store::save(&path, &notebook).unwrap();
    let markdown = stdout(&run(data.path(), &["export", "day"]));
    assert!(
        markdown.contains("Recording: <https://www.youtube.com/watch?v=ruff2024>\n\nLinks: [Page](https://us.pycon.org/2024/schedule/presentation/22/)\n\n[+12:34](https://www.youtube.com/watch?v=ruff2024&t=799) the benchmark slide\n[+1:02:03](https://www.youtube.com/watch?v=ruff2024&t=3768) questions"),
        "{markdown}"
    );
    assert!(markdown.contains(" · attended · ★★\n"), "{markdown}");
    // And the export comes back in as typed.
    let exported = data.path().join("day.md");
    std::fs::write(&exported, &markdown).unwrap();
    demo_as(data.path(), "fresh");
    assert!(
        run(
            data.path(),
            &["import-notes", "fresh", exported.to_str().unwrap()]
        )
        .status
        .success()
    );
    let fresh = load(data.path(), "fresh");
    assert_eq!(
        fresh.days[0].talks[3].notes,
        "[+12:34] the benchmark slide\n[+1:02:03] questions"
    );
    assert_eq!(
        fresh.days[0].talks[3].recording,
        "https://www.youtube.com/watch?v=ruff2024"
    );
    assert_eq!(
        fresh.days[0].talks[3].rating.stars(),
        2,
        "the rating came back"
    );
}

/// Notes on four 31C3 talks: two attended (one rated), one missed, people named.
const C3_NOTES: &str = "\
## 31C3 Keynote

A strong start. Talked to @Alice Example about it afterwards.

## Trustworthy secure modular operating system engineering · ★★★

Capabilities everywhere. @Bob Builder asked about seL4; @Alice Example too.
- [ ] read the seL4 papers

## Why is GPG \"damn near unusable\"?

ended up not attending, the room was full
";

#[test]
fn a_trip_report_of_the_31c3_with_notes_and_as_one_html_page() {
    let data = tempfile::tempdir().unwrap();
    let schedule = fixture("31c3-schedule.xml");
    let imported = run(
        data.path(),
        &["import", schedule.to_str().unwrap(), "--name", "c3"],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let notes = data.path().join("c3-notes.md");
    std::fs::write(&notes, C3_NOTES).unwrap();
    let brought = run(
        data.path(),
        &["import-notes", "c3", notes.to_str().unwrap()],
    );
    assert!(brought.status.success(), "{}", stderr(&brought));

    let report = stdout(&run(
        data.path(),
        &["report", "c3", "--now", "2015-01-10T12:00"],
    ));
    let section = |title: &str| -> String {
        let start = report
            .find(&format!("\n## {title}\n"))
            .unwrap_or_else(|| panic!("no {title}:\n{report}"));
        let rest = report.get(start + 1..).unwrap();
        let end = rest
            .get(3..)
            .and_then(|r| r.find("\n## "))
            .map_or(rest.len(), |e| e + 4);
        rest.get(..end).unwrap().to_string()
    };
    assert!(
        report.starts_with("# Trip report: 31. Chaos Communication Congress"),
        "{report}"
    );
    assert!(report.contains("2 talks attended"), "{report}");
    assert!(
        section("Highlights")
            .contains("★★★ **Trustworthy secure modular operating system engineering")
    );
    let attended = section("Talks attended");
    assert!(attended.contains("31C3 Keynote"));
    assert!(attended.contains("Capabilities everywhere."));
    let people = section("People");
    assert!(
        people.contains("- **Alice Example**: 31C3 Keynote; Trustworthy secure modular operating system engineering"),
        "{people}"
    );
    assert!(
        people.contains("- **Bob Builder**: Trustworthy"),
        "{people}"
    );
    assert!(section("Open follow-ups").contains("- [ ] read the seL4 papers"));
    let later = section("Watch later");
    assert!(
        later.contains("damn near unusable")
            && later.contains("skipped): [recording](http://vimeo.com/56881481)"),
        "the missed talk with its recording: {later}"
    );

    // One page, with nothing that runs or loads from elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let page_path = elsewhere.path().join("report.html");
    let written = run(
        data.path(),
        &[
            "report",
            "c3",
            "--html",
            "-o",
            page_path.to_str().unwrap(),
            "--now",
            "2015-01-10T12:00",
        ],
    );
    assert!(written.status.success(), "{}", stderr(&written));
    let page = std::fs::read_to_string(&page_path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<html").count(), 1);
    assert_eq!(page.matches("</html>").count(), 1);
    assert!(page.contains("<h2>Watch later</h2>"));
    assert!(page.contains("<strong>Alice Example</strong>"));
    let lower = page.to_lowercase();
    for never in [
        "<script", "<link", "<img", "<iframe", "src=", "@import", "url(",
    ] {
        assert!(!lower.contains(never), "{never} in the page");
    }
    for href in lower.split("href=\"").skip(1) {
        assert!(
            href.starts_with("http://") || href.starts_with("https://") || href.starts_with('#'),
            "a link, never a resource: {}",
            href.get(..40).unwrap_or(href)
        );
    }
    // -o never overwrites: neither the page again, nor a notebook.
    let again = run(
        data.path(),
        &["report", "c3", "-o", page_path.to_str().unwrap()],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    let notebook = notebook_path(data.path(), "c3");
    let before = std::fs::read(&notebook).unwrap();
    let onto = run(
        data.path(),
        &["report", "c3", "--force", "-o", notebook.to_str().unwrap()],
    );
    assert!(!onto.status.success());
    assert_eq!(std::fs::read(&notebook).unwrap(), before);
}
