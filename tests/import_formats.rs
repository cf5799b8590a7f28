//! Every conference's schedule through the real binary: a small file written here in
//! each producer's shape (`tests/fixtures`), the real published files the team keeps in
//! `../shared/schedules/more`, encodings, producer variants, and the example day landing
//! on its real conference.

mod support;

use std::path::{Path, PathBuf};

use support::{notebook_path, run, stderr, stdout};
use talkbook::model::{Notebook, TalkState};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn shared(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/schedules/more")
        .join(name)
}

/// Imports `file` as notebook `name`; what it said, and the notebook.
fn import(data: &Path, file: &Path, name: &str, extra: &[&str]) -> (String, Notebook) {
    let mut args = vec!["import", file.to_str().unwrap(), "--name", name];
    args.extend(extra);
    let output = run(data, &args);
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        stderr(&output)
    );
    let notebook = talkbook::store::load(&notebook_path(data, name)).unwrap();
    (stdout(&output), notebook)
}

fn talks(notebook: &Notebook) -> Vec<&talkbook::model::Talk> {
    notebook.days.iter().flat_map(|day| &day.talks).collect()
}

#[test]
fn each_new_format_imports_from_a_file_in_its_shape() {
    let data = tempfile::tempdir().unwrap();
    // PyCon US (Symposion): talks with speakers and pages, breaks counted.
    let (said, pycon) = import(
        data.path(),
        &fixture("pyconus-2024-friday.json"),
        "pycon",
        &[],
    );
    assert_eq!(pycon.title, "PyCon US 2024");
    assert_eq!(pycon.time_zone, "-04:00");
    assert!(said.contains("Left out: 12 breaks"), "{said}");
    let mock = talks(&pycon)
        .into_iter()
        .find(|t| t.title.starts_with("Mock It"))
        .unwrap();
    assert_eq!(mock.speakers, ["Liz Acosta"]);
    assert_eq!(mock.room, "Hall C");
    assert_eq!(mock.start.to_string(), "2024-05-17 11:00:00");
    assert_eq!(
        mock.link,
        "https://us.pycon.org/2024/schedule/presentation/26/"
    );

    // Sessionize: All, Schedule grid and Sessions; clock times as written, the zone the
    // person gives (and said when none is given).
    let (said, all) = import(data.path(), &fixture("sessionize-all.json"), "all", &[]);
    assert!(said.contains("names no time zone"), "{said}");
    assert!(said.contains("Left out: 1 break"), "{said}");
    assert!(said.contains("1 event without a start time"), "{said}");
    let rust = talks(&all)
        .into_iter()
        .find(|t| t.title.starts_with("Rust"))
        .unwrap();
    assert_eq!(rust.speakers, ["Ada Lovelace", "Grace Hopper"]);
    assert_eq!(
        (rust.room.as_str(), rust.track.as_str()),
        ("Room 2", "Languages")
    );
    let (said, zoned) = import(
        data.path(),
        &fixture("sessionize-all.json"),
        "zoned",
        &["--time-zone", "America/New_York"],
    );
    assert!(!said.contains("names no time zone"), "{said}");
    assert_eq!(zoned.time_zone, "America/New_York");
    let rust = talks(&zoned)
        .into_iter()
        .find(|t| t.title.starts_with("Rust"))
        .unwrap();
    assert_eq!(rust.start.to_string(), "2020-03-28 09:15:00", "as written");
    // An update reads the schedule again in the notebook's zone: nothing moves.
    let updated = run(data.path(), &["update", "zoned"]);
    assert!(
        stdout(&updated).contains("0 added, 0 changed, 0 removed"),
        "{}{}",
        stdout(&updated),
        stderr(&updated)
    );
    for (file, name) in [
        ("sessionize-grid.json", "grid"),
        ("sessionize-sessions.json", "list"),
    ] {
        let (said, notebook) = import(data.path(), &fixture(file), name, &[]);
        assert!(said.contains("Left out: 1 break"), "{file}: {said}");
        let [talk] = talks(&notebook)[..] else {
            panic!("{file}: one talk")
        };
        assert_eq!(talk.speakers, ["Aiden Test"]);
        assert_eq!(talk.start.to_string(), "2017-05-27 09:00:00", "{file}");
    }

    // pretalx's widget: names by id, English or the first language.
    let (said, widget) = import(data.path(), &fixture("pretalx-widget.json"), "widget", &[]);
    assert!(said.contains("Left out: 1 break"), "{said}");
    assert_eq!(widget.time_zone, "America/Lima");
    assert_eq!(
        widget.title, "pretalx-widget",
        "no title in the feed: the file's name"
    );
    let talk = talks(&widget)
        .into_iter()
        .find(|t| t.id == "ABC123")
        .unwrap();
    assert_eq!(talk.title, "Observabilidad");
    assert_eq!(talk.speakers, ["jack torpoco"]);
    assert_eq!(talk.links[0].url, "https://example.org/slides.pdf");

    // Indico: contributions, a session's contributions, breaks counted.
    let (said, indico) = import(
        data.path(),
        &fixture("indico-timetable.json"),
        "indico",
        &[],
    );
    assert!(said.contains("Left out: 1 break"), "{said}");
    assert_eq!(indico.time_zone, "Europe/Zurich");
    let titles: Vec<&str> = talks(&indico).iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Calorimeters", "Contrib 1", "Posters"]);
}

#[test]
fn the_real_files_of_each_producer_import() {
    let data = tempfile::tempdir().unwrap();
    for (file, count, breaks) in [
        ("pyconus-2025-conference.json", 150, Some(13)),
        ("sessionize-all-orlando-codecamp-2020.json", 97, Some(2)),
        ("sessionize-gridsmart-sample.json", 10, Some(1)),
        ("pretalx-widget-devopsdays-lima-2026.json", 96, Some(16)),
        ("indico-timetable-docs-example.json", 1, None),
    ] {
        let name = file.split('.').next().unwrap();
        let (said, notebook) = import(data.path(), &shared(file), name, &[]);
        assert_eq!(notebook.talk_count(), count, "{file}: {said}");
        if let Some(breaks) = breaks {
            assert!(
                said.contains(&format!("Left out: {breaks} break")),
                "{file}: {said}"
            );
        }
        for talk in talks(&notebook) {
            assert!(!talk.title.is_empty(), "{file}: a talk without a title");
        }
    }
}

#[test]
fn utf16_with_a_mark_is_read_and_other_encodings_are_named() {
    let data = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("sessionize-all.json")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = data.path().join("windows.json");
    std::fs::write(&file, &bytes).unwrap();
    let (_, notebook) = import(data.path(), &file, "windows", &[]);
    assert_eq!(notebook.talk_count(), 2);
    let mut latin1 = b"{\"sessions\": [], \"title\": \"Caf".to_vec();
    latin1.extend([0xE9, b'"', b'}']);
    let file = data.path().join("latin1.json");
    std::fs::write(&file, &latin1).unwrap();
    let output = run(data.path(), &["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("byte 0xE9") && stderr(&output).contains("save it as UTF-8"),
        "{}",
        stderr(&output)
    );
    let unknown = data.path().join("other.json");
    std::fs::write(&unknown, "{\"events\": {\"a\": 1}, \"name\": \"x\"}").unwrap();
    let output = run(data.path(), &["import", unknown.to_str().unwrap()]);
    let said = stderr(&output);
    assert!(
        said.contains("not a schedule talkbook knows: a JSON object with \"events\", \"name\"")
            && said.contains("Sessionize")
            && !said.contains("malformed"),
        "{said}"
    );
}

#[test]
fn producer_variants_are_read_whole() {
    let data = tempfile::tempdir().unwrap();
    let (said, xml) = import(data.path(), &fixture("frab-variants.xml"), "xml", &[]);
    assert!(said.contains("1 event has no length in the file"), "{said}");
    assert!(!said.contains("names no time zone"), "{said}");
    let by_title = |title: &str| {
        talks(&xml)
            .into_iter()
            .find(|t| t.title == title)
            .unwrap_or_else(|| panic!("{title}"))
            .clone()
    };
    let two = by_title("Two abstracts");
    assert_eq!(two.abstract_text, "The one that says something.");
    assert_eq!(
        two.start.to_string(),
        "2024-02-03 10:00:00",
        "+0100 is an offset"
    );
    let urls: Vec<&str> = two.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/slides.pdf",
            "https://example.org/paper.pdf"
        ]
    );
    assert_eq!(
        by_title("A lone person").speakers,
        ["Grace Hopper", "Linus Torvalds"]
    );
    assert_eq!(by_title("Shared id, room one").room, "Janson");
    assert_eq!(by_title("Shared id, room two").room, "K.1.105");

    let (_, ics) = import(data.path(), &fixture("speakers-in-titles.ics"), "ics", &[]);
    let titles: Vec<(String, Vec<String>)> = talks(&ics)
        .iter()
        .map(|t| (t.title.clone(), t.speakers.clone()))
        .collect();
    assert_eq!(
        titles,
        [
            (
                "Packaging in 2024".to_string(),
                vec!["Ada Lovelace".to_string()]
            ),
            ("Rust - the good parts".to_string(), vec![]),
            ("Async in practice & more".to_string(), vec![]),
        ]
    );
    let (_, by) = import(data.path(), &fixture("talk-by-titles.ics"), "by", &[]);
    let titles: Vec<(&str, &[String])> = talks(&by)
        .iter()
        .map(|t| (t.title.as_str(), t.speakers.as_slice()))
        .collect();
    assert_eq!(
        titles[0],
        ("Keeping it simple", &["Grace Hopper".to_string()][..])
    );
    assert_eq!(titles[1].0, "Hands on");
    assert_eq!(titles[1].1, ["Ada Lovelace", "Linus Torvalds"]);
    assert_eq!(titles[2], ("Lunch", &[][..]));
}

/// The example day was typed at PyCon US 2024: with that Friday's schedule imported,
/// each section lands on its talk of Friday 17 May, the skipped one is marked skipped,
/// and the Flask-Con notes go to the FlaskCon block that ran that afternoon.
#[test]
fn the_example_day_lands_on_its_real_conference() {
    let data = tempfile::tempdir().unwrap();
    import(
        data.path(),
        &fixture("pyconus-2024-friday.json"),
        "pycon",
        &[],
    );
    let notes = fixture("pycon-us-2024-day-notes.txt");
    let output = run(
        data.path(),
        &["import-notes", "pycon", notes.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    for line in [
        "\"Keynote: Jay Miller\" → 09:45 Keynote - Jay Miller (marked attended)",
        "→ 11:00 Mock It Till You Make It: How to Verify … (marked attended, 1 follow-up)",
        "→ 11:00 Hatchery - FlaskCon (marked attended)",
        "→ 12:30 Ruff: An Extremely Fast Python Linter an… (marked attended)",
        "→ 14:00 Continuous Deployment and Release of Dja… (marked attended, 1 follow-up)",
        "→ 14:45 Pydantic Power-up: Performance Tips for … (marked attended)",
        "→ 15:30 Procedurally Generated Monsters! A compl… (marked skipped)",
        "→ 16:30 Interactive Software Documentation, with… (marked attended)",
        "→ 18:00 Lightning Talks (marked attended)",
        "(no heading) → day notes, Fri 17 May",
    ] {
        assert!(said.contains(line), "{line}\n{said}");
    }
    let notebook = talkbook::store::load(&notebook_path(data.path(), "pycon")).unwrap();
    let flaskcon = talks(&notebook)
        .into_iter()
        .find(|t| t.title == "Hatchery - FlaskCon")
        .unwrap();
    assert!(
        flaskcon
            .notes
            .starts_with("1145 - Flask-Con: Building Single Page Apps w/Flask - Adam Englander"),
        "the heading says more than the block's title: kept\n{}",
        flaskcon.notes
    );
    let monsters = talks(&notebook)
        .into_iter()
        .find(|t| t.title.starts_with("Procedurally"))
        .unwrap();
    assert_eq!(monsters.state, TalkState::Skipped);
}
