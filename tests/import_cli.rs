//! `talkbook import` and `talkbook update` through the real binary.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::thread;

use serde_json::{Value, json};
use support::{notebook_path, run, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn notebooks(data: &Path) -> Vec<String> {
    match std::fs::read_dir(data.join("notebooks")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn all_talks(notebook: &Value) -> Vec<&Value> {
    notebook["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|day| day["talks"].as_array().unwrap())
        .collect()
}

fn find<'a>(notebook: &'a Value, id: &str) -> &'a Value {
    all_talks(notebook)
        .into_iter()
        .find(|t| t["id"] == id)
        .unwrap()
}

#[test]
fn import_creates_a_notebook_and_never_replaces_one() {
    let data = tempfile::tempdir().unwrap();
    let source = fixture("31c3-schedule.xml");
    let output = run(data.path(), &["import", source.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stdout(&output);
    assert!(
        message.contains(
            "Imported 138 talks over 4 days into notebook \"31-chaos-communication-congress\""
        ),
        "{message}"
    );
    let path = notebook_path(data.path(), "31-chaos-communication-congress");
    assert!(message.contains(path.to_str().unwrap()));
    let notebook = read_json(&path);
    assert_eq!(all_talks(&notebook).len(), 138);
    assert_eq!(notebook["time_zone"], "+01:00");
    assert_eq!(notebook["source"], source.to_str().unwrap());

    let before = std::fs::read_to_string(&path).unwrap();
    let again = run(data.path(), &["import", source.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("talkbook update"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);

    let named = run(
        data.path(),
        &[
            "import",
            fixture("31c3-schedule.ics").to_str().unwrap(),
            "--name",
            "congress",
            "--time-zone",
            "Europe/Berlin",
        ],
    );
    assert!(named.status.success(), "{}", stderr(&named));
    let ics = read_json(&notebook_path(data.path(), "congress"));
    assert_eq!(ics["time_zone"], "Europe/Berlin");
    assert_eq!(ics["days"][0]["talks"][0]["start"], "2014-12-27T11:00:00");
}

#[test]
fn every_bad_input_is_one_line_non_zero_and_creates_nothing() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let big = dir.join("huge.json");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(talkbook::import::MAX_INPUT_BYTES + 1).unwrap();
    let cases = [
        (
            dir.join("missing.json").to_str().unwrap().to_string(),
            "no file at",
        ),
        (
            write("notes.txt", "just some notes"),
            "not a schedule talkbook knows",
        ),
        (
            write("bad.json", "{\n  \"schedule\": {\"conference\": [,]}\n}"),
            "bad.json:2:31: malformed schedule JSON",
        ),
        (
            write("bad.xml", "<schedule>\n<conference><title>x</titel>"),
            "bad.xml:2:",
        ),
        (
            write(
                "bad.ics",
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:never\nEND:VEVENT\nEND:VCALENDAR\n",
            ),
            "bad.ics:3:1: malformed iCalendar",
        ),
        (
            write(
                "empty.json",
                "{\"schedule\": {\"conference\": {\"title\": \"x\", \"days\": []}}}",
            ),
            "has no events",
        ),
        (
            write("binary.ics", "BEGIN:VCALENDAR\n\u{0}\u{1}"),
            "it is binary data, not text",
        ),
        (
            big.to_str().unwrap().to_string(),
            "larger than the 50 MB limit",
        ),
        (
            "http://127.0.0.1:9/schedule.json".to_string(),
            "cannot read http://127.0.0.1:9/schedule.json",
        ),
    ];
    for (source, expected) in cases {
        let output = run(dir, &["import", &source, "--name", "x"]);
        assert!(!output.status.success(), "{source} was accepted");
        let message = stderr(&output);
        assert!(message.contains(expected), "{source}: {message}");
        assert_eq!(message.trim_end().lines().count(), 1, "{message}");
        assert!(
            notebooks(dir).is_empty(),
            "{source} left {:?}",
            notebooks(dir)
        );
    }
    let output = run(
        dir,
        &[
            "import",
            &fixture("31c3-schedule.json").to_string_lossy(),
            "--time-zone",
            "Mars/Base",
        ],
    );
    assert!(stderr(&output).contains("unknown time zone \"Mars/Base\""));
    assert!(notebooks(dir).is_empty());
}

/// Serves `body` (with `status`) to HTTP requests on 127.0.0.1, at most `requests` times.
fn serve(status: &'static str, body: Vec<u8>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{address}")
}

#[test]
fn import_and_update_from_a_url() {
    let data = tempfile::tempdir().unwrap();
    let body = std::fs::read(fixture("31c3-schedule.json")).unwrap();
    let base = serve("200 OK", body, 2);
    let url = format!("{base}/schedule/export/schedule.json");
    let output = run(data.path(), &["import", &url, "--name", "c3"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let notebook = read_json(&notebook_path(data.path(), "c3"));
    assert_eq!(all_talks(&notebook).len(), 138);
    assert_eq!(notebook["time_zone"], "Europe/Berlin");
    assert_eq!(notebook["source"], url.as_str());
    // `update` without SOURCE fetches the remembered URL again.
    let output = run(data.path(), &["update", "c3"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("0 added, 0 changed, 0 removed, 138 unchanged"));

    let missing = serve("404 Not Found", b"nope".to_vec(), 1);
    let output = run(
        data.path(),
        &["import", &format!("{missing}/x.json"), "--name", "gone"],
    );
    assert!(!output.status.success());
    assert!(stderr(&output).contains("404"), "{}", stderr(&output));
    assert!(!notebook_path(data.path(), "gone").exists());
}

#[test]
fn update_merges_an_edited_schedule_and_keeps_every_note() {
    let data = tempfile::tempdir().unwrap();
    let original = fixture("31c3-schedule.json");
    assert!(
        run(
            data.path(),
            &["import", original.to_str().unwrap(), "--name", "c3"]
        )
        .status
        .success()
    );
    let path = notebook_path(data.path(), "c3");

    // The user takes notes on three talks and marks them.
    let mut notebook = read_json(&path);
    let schedule: Value =
        serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
    let rooms = &schedule["schedule"]["conference"]["days"][0]["rooms"];
    let moved = rooms["Saal 1"][0]["guid"].as_str().unwrap().to_string();
    let renamed = rooms["Saal 1"][1]["guid"].as_str().unwrap().to_string();
    let deleted = rooms["Saal 2"][0]["guid"].as_str().unwrap().to_string();
    for day in notebook["days"].as_array_mut().unwrap() {
        for talk in day["talks"].as_array_mut().unwrap() {
            let id = talk["id"].as_str().unwrap().to_string();
            if [&moved, &renamed, &deleted].contains(&&id) {
                talk["notes"] = json!(format!("my notes on {id}\n- [ ] follow up {id}"));
                talk["state"] = json!("attended");
            }
        }
    }
    std::fs::write(&path, serde_json::to_string_pretty(&notebook).unwrap()).unwrap();

    // The conference publishes a new version: one talk moves to the next day, one is
    // renamed, one is cancelled and a new one appears.
    let mut edited = schedule.clone();
    let days = &mut edited["schedule"]["conference"]["days"];
    let mut moving = days[0]["rooms"]["Saal 1"].as_array_mut().unwrap().remove(0);
    moving["date"] = json!("2014-12-28T16:00:00+01:00");
    days[1]["rooms"]["Saal 1"]
        .as_array_mut()
        .unwrap()
        .push(moving);
    days[0]["rooms"]["Saal 1"][0]["title"] = json!("31C3 Keynote (new title)");
    days[0]["rooms"]["Saal 2"].as_array_mut().unwrap().remove(0);
    let mut added = days[1]["rooms"]["Saal G"][0].clone();
    added["guid"] = json!("new-talk-guid");
    added["title"] = json!("A late addition");
    days[1]["rooms"]["Saal G"]
        .as_array_mut()
        .unwrap()
        .push(added);
    let edited_path = data.path().join("schedule-v2.json");
    std::fs::write(&edited_path, serde_json::to_string(&edited).unwrap()).unwrap();

    let output = run(
        data.path(),
        &["update", "c3", edited_path.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim(),
        "Updated c3: 1 added, 2 changed, 1 removed, 135 unchanged."
    );

    let merged = read_json(&path);
    assert_eq!(all_talks(&merged).len(), 139);
    for id in [&moved, &renamed, &deleted] {
        let talk = find(&merged, id);
        assert_eq!(
            talk["notes"],
            format!("my notes on {id}\n- [ ] follow up {id}")
        );
        assert_eq!(talk["state"], "attended");
    }
    assert_eq!(find(&merged, &renamed)["title"], "31C3 Keynote (new title)");
    assert_eq!(find(&merged, &deleted)["removed"], true);
    assert_eq!(find(&merged, &moved)["start"], "2014-12-28T16:00:00");
    let day_of = |id: &str| {
        merged["days"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["talks"].as_array().unwrap().iter().any(|t| t["id"] == id))
            .unwrap()["date"]
            .clone()
    };
    assert_eq!(day_of(&moved), "2014-12-28");
    assert_eq!(find(&merged, "new-talk-guid")["title"], "A late addition");

    let export = stdout(&run(data.path(), &["export", "c3"]));
    assert!(
        export.contains("· attended · removed from schedule"),
        "{export}"
    );
    assert!(export.contains(&format!("- [ ] follow up {deleted}")));
}

/// A hand-made calendar gave several talks one UID, and Google Calendar repeats a UID for
/// each changed occurrence of a repeating event: every VEVENT is a talk, with an id that
/// stays the same, so updating from the same file changes nothing.
#[test]
fn events_that_share_a_uid_are_all_imported_and_update_finds_them_again() {
    let data = tempfile::tempdir().unwrap();
    let ics = data.path().join("dup.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
         BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240913T100000Z\r\nDTEND:20240913T110000Z\r\nSUMMARY:Talk A\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240914T100000Z\r\nDTEND:20240914T110000Z\r\nSUMMARY:Talk B\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:weekly\r\nDTSTART:20240913T140000Z\r\nDTEND:20240913T150000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:weekly\r\nRECURRENCE-ID:20240920T140000Z\r\nDTSTART:20240920T160000Z\r\nDTEND:20240920T170000Z\r\nSUMMARY:Standup (moved)\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n",
    )
    .unwrap();
    let output = run(
        data.path(),
        &["import", ics.to_str().unwrap(), "--name", "dup"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(said.contains("Imported 3 talks over 3 days"), "{said}");
    assert!(said.contains("1 repeating event"), "{said}");
    let notebook = talkbook::store::load(&notebook_path(data.path(), "dup")).unwrap();
    let titles: Vec<&str> = notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .map(|talk| talk.title.as_str())
        .collect();
    assert_eq!(titles, ["Talk A", "Talk B", "Standup (moved)"]);
    for _ in 0..2 {
        let output = run(data.path(), &["update", "dup"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("0 added, 0 changed, 0 removed, 3 unchanged"),
            "{}",
            stdout(&output)
        );
    }
}

/// Times the file gives without a zone are clock times: `--time-zone` says which zone
/// they are in, it does not convert them (11:30 stays 11:30), and `update` keeps them.
#[test]
fn time_zone_reads_clock_times_without_a_zone_in_that_zone() {
    let data = tempfile::tempdir().unwrap();
    let xml = data.path().join("mini.xml");
    std::fs::write(
        &xml,
        r#"<schedule><conference><title>Mini</title><start>2011-12-27</start><end>2011-12-27</end><days>1</days><day_change>04:00</day_change></conference>
<day date="2011-12-27" index="1"><room name="Saal 1">
<event id="1"><start>11:30</start><duration>01:00</duration><room>Saal 1</room><title>Keynote</title></event>
</room></day></schedule>"#,
    )
    .unwrap();
    let output = run(
        data.path(),
        &[
            "import",
            xml.to_str().unwrap(),
            "--name",
            "mini",
            "--time-zone",
            "Europe/Berlin",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let path = notebook_path(data.path(), "mini");
    let keynote = |path: &Path| {
        let notebook = talkbook::store::load(path).unwrap();
        assert_eq!(notebook.time_zone, "Europe/Berlin");
        notebook.days[0].talks[0].start.to_string()
    };
    assert_eq!(keynote(&path), "2011-12-27 11:30:00");
    let output = run(data.path(), &["update", "mini"]);
    assert!(stdout(&output).contains("0 changed"), "{}", stdout(&output));
    assert_eq!(keynote(&path), "2011-12-27 11:30:00");
}

/// A pipe, a device or a folder is refused at once: reading a FIFO used to wait forever.
#[cfg(unix)]
#[test]
fn sources_that_are_not_files_are_refused_without_waiting() {
    let data = tempfile::tempdir().unwrap();
    let fifo = data.path().join("schedule.ics");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    for source in [fifo.as_path(), data.path()] {
        let started = std::time::Instant::now();
        let output = run(data.path(), &["import", source.to_str().unwrap()]);
        assert!(!output.status.success());
        assert!(
            stderr(&output).contains("not a regular file"),
            "{}",
            stderr(&output)
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}

/// Imports `fixture` as `name`; returns what it printed and the notebook, after checking
/// that `update` from the same file finds nothing changed.
fn import_fixture(data: &Path, file: &str, name: &str) -> (String, talkbook::model::Notebook) {
    let source = fixture(file);
    let output = run(data, &["import", source.to_str().unwrap(), "--name", name]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    let update = run(data, &["update", name]);
    assert!(update.status.success(), "{}", stderr(&update));
    assert!(
        stdout(&update).contains("0 added, 0 changed, 0 removed"),
        "{}",
        stdout(&update)
    );
    let notebook = talkbook::store::load(&notebook_path(data, name)).unwrap();
    (said, notebook)
}

/// `(date of its conference day, local start, title, speakers, room, track)` per talk.
fn talk_rows(notebook: &talkbook::model::Notebook) -> Vec<String> {
    notebook
        .days
        .iter()
        .flat_map(|day| {
            day.talks.iter().map(move |talk| {
                format!(
                    "{} | {} | {} | {} | {} | {}",
                    day.date,
                    talk.start.format("%Y-%m-%d %H:%M"),
                    talk.title,
                    talk.speakers.join(", "),
                    talk.room,
                    talk.track
                )
            })
        })
        .collect()
}

/// The congress hub's "schedule2" JSON: one flat list of events, rooms by guid, tracks
/// by slug, conference days as instants.
#[test]
fn c3voc_schedule2_json_imports_every_event() {
    let data = tempfile::tempdir().unwrap();
    let (said, notebook) = import_fixture(data.path(), "schedule2-mini.json", "mini");
    assert!(said.contains("Imported 3 talks over 2 days"), "{said}");
    assert_eq!(notebook.time_zone, "Europe/Berlin");
    assert_eq!(
        talk_rows(&notebook),
        [
            "2024-12-27 | 2024-12-27 10:30 | Opening Ceremony | Ada Lovelace, Grace Hopper | Saal 1 | Art & Beauty",
            "2024-12-27 | 2024-12-28 00:15 | A talk after midnight | Sebastian Schwarz | Stage HUFF | Security",
            "2024-12-28 | 2024-12-28 14:00 | Soldering for everyone |  | Stage HUFF | ",
        ]
    );
    let opening = &notebook.days[0].talks[0];
    assert_eq!(
        opening.abstract_text,
        "Glad you could make it — take a seat.\n\nLet's kick this thing off together!"
    );
}

/// Outlook writes Windows zone names and zones of its own defined only in the file; a
/// name nothing explains is read in the notebook's zone, with a warning, never refused.
#[test]
fn windows_and_file_defined_time_zones_are_read() {
    let data = tempfile::tempdir().unwrap();
    let (said, notebook) = import_fixture(data.path(), "outlook-zones.ics", "outlook");
    assert!(said.contains("Imported 3 talks over 3 days"), "{said}");
    assert!(
        said.contains("TZID \"Customized Time Zone\" (line 51) is defined only in this file"),
        "{said}"
    );
    assert!(
        said.contains(
            "TZID \"Atlantis Standard Time\" (line 59) is not a time zone talkbook knows"
        ) && said.contains("read as Europe/Berlin"),
        "{said}"
    );
    assert!(
        !said.contains("W. Europe"),
        "a Windows name is no news: {said}"
    );
    assert_eq!(notebook.time_zone, "Europe/Berlin");
    assert_eq!(
        talk_rows(&notebook),
        [
            "2024-09-13 | 2024-09-13 19:00 | Rust im Alltag |  | Room 1 | ",
            "2024-11-14 | 2024-11-14 19:00 | Winter talk |  | Room 2 | ",
            "2024-11-15 | 2024-11-15 19:00 | Somewhere else |  |  | ",
        ]
    );
}

/// What Google Calendar exports: VTIMEZONE with X-LIC-LOCATION, an all-day entry, a
/// repeating event with a changed and a cancelled occurrence, HTML in a description.
#[test]
fn a_google_calendar_export_keeps_every_talk_and_says_what_it_left_out() {
    let data = tempfile::tempdir().unwrap();
    let (said, notebook) = import_fixture(data.path(), "google-calendar.ics", "camp");
    assert!(said.contains("Imported 3 talks over 2 days"), "{said}");
    assert!(
        said.contains("Left out: 1 all-day entry, 1 repeating event (their repetitions are not expanded; changed occurrences are kept), 1 cancelled event."),
        "{said}"
    );
    assert_eq!(notebook.time_zone, "Europe/Amsterdam");
    assert_eq!(
        talk_rows(&notebook),
        [
            "2024-07-18 | 2024-07-18 14:00 | Opening keynote |  | Big Tent, North Field | ",
            "2024-07-18 | 2024-07-19 00:00 | Midnight lightning talks |  | Bar | ",
            "2024-07-19 | 2024-07-19 10:00 | Morning briefing (late today) |  |  | ",
        ]
    );
    assert_eq!(
        notebook.days[0].talks[0].abstract_text,
        "Welcome to the camp — bring a mug.\nTalk in the big tent."
    );
}

/// Lengths that cannot be read are said, and the talk is kept; an unknown JSON shape
/// says which shapes are understood.
#[test]
fn unreadable_lengths_are_reported_and_unknown_json_is_explained() {
    let data = tempfile::tempdir().unwrap();
    let json = data.path().join("lengths.json");
    std::fs::write(
        &json,
        r#"{"schedule": {"conference": {"title": "C", "time_zone_name": "Europe/Berlin", "days": [{"date": "2024-01-02",
            "rooms": {"Hall": [
              {"guid": "week", "date": "2024-01-02T10:00:00+01:00", "duration": "168:01", "title": "Camp week"},
              {"guid": "neg", "date": "2024-01-02T11:00:00+01:00", "duration": "-01:00", "title": "Backwards"}
            ]}}]}}}"#,
    )
    .unwrap();
    let output = run(
        data.path(),
        &["import", json.to_str().unwrap(), "--name", "c"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(said.contains("Imported 2 talks"), "{said}");
    assert!(
        said.contains("1 event has a length that could not be read, kept without one: \"Backwards\" has \"duration\" \"-01:00\"."),
        "{said}"
    );
    let notebook = talkbook::store::load(&notebook_path(data.path(), "c")).unwrap();
    let week = notebook.talk("week").unwrap();
    assert_eq!((week.end - week.start).num_minutes(), 168 * 60 + 1);

    let other = data.path().join("other.json");
    std::fs::write(&other, r#"{"sessions": [{"title": "x"}]}"#).unwrap();
    let output = run(data.path(), &["import", other.to_str().unwrap()]);
    assert!(!output.status.success());
    let error = stderr(&output);
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        error.contains("schedule.json") && error.contains("schedule2"),
        "{error}"
    );
}
