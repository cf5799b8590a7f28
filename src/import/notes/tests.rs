//! Notes from elsewhere into a notebook.

use super::reading::*;
use super::*;
use crate::store::demo_notebook;
use chrono::NaiveTime;

const EXAMPLE_DAY: &str = include_str!("../../../tests/fixtures/pycon-us-2024-day-notes.txt");

fn talk_notes<'a>(notebook: &'a Notebook, id: &str) -> &'a str {
    &notebook.talk(id).unwrap().notes
}

#[test]
fn the_example_day_lands_section_by_section_in_its_talks() {
    let mut notebook = demo_notebook();
    let report = import_notes(&mut notebook, EXAMPLE_DAY);
    for section in &report.sections {
        println!("{section}");
    }
    let places: Vec<String> = report
        .sections
        .iter()
        .map(|section| match &section.destination {
            Destination::Talk { id, .. } => id.clone(),
            Destination::DayNotes { unmatched, .. } => format!("day notes {unmatched}"),
            Destination::FollowUpList => "list".into(),
        })
        .collect();
    assert_eq!(
        places,
        [
            "pycon-5",
            "pycon-7",
            "local-1",
            "pycon-17",
            "pycon-29",
            "pycon-34",
            "pycon-37",
            "pycon-46",
            "pycon-53",
            "day notes false",
        ]
    );
    assert_eq!(report.counts(), (9, 1, 0));
    let keynote = notebook.talk("pycon-5").unwrap();
    assert!(
        keynote.notes.starts_with("Founder of Black Python Devs"),
        "{}",
        keynote.notes
    );
    assert_eq!(keynote.state, TalkState::Attended);
    let monsters = notebook.talk("pycon-37").unwrap();
    assert_eq!(monsters.state, TalkState::Skipped);
    assert_eq!(monsters.notes, "ended up not attending");
    let lightning = notebook.talk("pycon-53").unwrap();
    assert_eq!(
        lightning.state,
        TalkState::Attended,
        "spoke, no notes: attended"
    );
    assert!(talk_notes(&notebook, "pycon-7").contains(
        "- [ ] note to self: post-talk to more research on the mock features described here."
    ));
    assert!(
        talk_notes(&notebook, "pycon-29").contains(
            "- [ ] there's a library you can use django-safemigrate (look up more details)"
        )
    );
    assert!(notebook.days[0].notes.starts_with("tip from Pycharm team"));
    // Every non-empty line of the file is in the notebook.
    let everything: String = notebook
        .days
        .iter()
        .flat_map(|day| {
            std::iter::once(day.notes.clone()).chain(
                day.talks
                    .iter()
                    .map(|t| format!("{}\n{}", t.title, t.notes)),
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    for line in EXAMPLE_DAY.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let is_heading_or_rule = is_separator(line)
            || report
                .sections
                .iter()
                .any(|s| s.heading.as_deref() == Some(line));
        if !is_heading_or_rule {
            assert!(everything.contains(line), "lost: {line:?}");
        }
    }
    // The same file again adds nothing.
    let before = notebook.clone();
    let again = import_notes(&mut notebook, EXAMPLE_DAY);
    assert!(
        again
            .sections
            .iter()
            .all(|s| s.already_there || s.destination == Destination::FollowUpList)
    );
    assert_eq!(notebook, before);
}

#[test]
fn headings_name_times_in_every_style() {
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    for (heading, at, title) in [
        (
            "1100 - Mock It Till You Make It",
            time(11, 0),
            "Mock It Till You Make It",
        ),
        ("## 11:30 Ruff", time(11, 30), "Ruff"),
        (
            "## 14:00 – Continuous Deployment",
            time(14, 0),
            "Continuous Deployment",
        ),
        ("11.30 Ruff", time(11, 30), "Ruff"),
        ("11h30: Ruff", time(11, 30), "Ruff"),
        ("1:05pm Lunch talk", time(13, 5), "Lunch talk"),
        ("9am Keynote", time(9, 0), "Keynote"),
        (
            "### 11:00–11:30 · Mock It · attended",
            time(11, 0),
            "Mock It",
        ),
        ("### Keynote: Jay Miller", None, "Keynote: Jay Miller"),
        ("2024 recap", None, "2024 recap"),
        ("3 things I learned", None, "3 things I learned"),
    ] {
        let (found, rest, _) = read_heading(heading);
        assert_eq!((found, rest.as_str()), (at, title), "{heading}");
    }
    let (_, _, state) = read_heading("### 15:30–16:00 · Procedurally Generated Monsters · skipped");
    assert_eq!(state, Some(TalkState::Skipped));
}

#[test]
fn a_rating_in_an_exported_heading_is_read_and_kept_out_of_the_title() {
    let heading = "### 11:00–11:30 · Mock It · attended · ★★ · removed from schedule";
    let (_, title, state) = read_heading(heading);
    assert_eq!(
        (title.as_str(), state),
        ("Mock It", Some(TalkState::Attended))
    );
    assert_eq!(read_rating(heading).map(|r| r.stars()), Some(2));
    assert_eq!(
        read_rating("### 12:30 · Ruff · ★★★").map(|r| r.stars()),
        Some(3)
    );
    for none in ["### Stars · ★★★★", "### Stars · ☆", "### ★★", "### A · ★x"] {
        assert_eq!(read_rating(none), None, "{none}");
    }
    let (_, title, _) = read_heading("### 12:30 · Ruff · ★★★");
    assert_eq!(title, "Ruff");
}

#[test]
fn a_markdown_day_in_another_style_finds_its_talks_by_time_and_shortened_titles() {
    let markdown = "# My PyCon notes\n\n## Friday, 17 May 2024\n\n\
        ### 9:45 Keynote\nRepresentation matters.\n\n\
        ### 11:00 – Mocking without tears\nautospec!\nTODO: read the unittest.mock docs\n\n\
        ### Flask SPA talk (Adam Englander)\nQuart is async Flask.\n\n\
        ### Rust linter talk\n- [ ] try ruff on our repo\n\n\
        ### Hallway track\nMet the PyCharm folks.\n";
    let mut notebook = demo_notebook();
    let report = import_notes(&mut notebook, markdown);
    for section in &report.sections {
        println!("{section}");
    }
    // The document's title matches no talk: it is kept in the day notes.
    assert_eq!(report.counts(), (4, 0, 2));
    assert_eq!(
        talk_notes(&notebook, "pycon-5"),
        "Representation matters.",
        "a heading that only names its talk is the talk"
    );
    // Headings with words of their own are kept above the notes.
    assert_eq!(
        talk_notes(&notebook, "pycon-7"),
        "11:00 – Mocking without tears\nautospec!\nTODO: read the unittest.mock docs"
    );
    assert_eq!(
        talk_notes(&notebook, "local-1"),
        "Flask SPA talk (Adam Englander)\nQuart is async Flask."
    );
    assert_eq!(
        talk_notes(&notebook, "pycon-17"),
        "Rust linter talk\n- [ ] try ruff on our repo"
    );
    assert_eq!(
        notebook.days[0].notes,
        "My PyCon notes\n\nHallway track\nMet the PyCharm folks."
    );
}

#[test]
fn stamps_linked_by_the_export_come_back_as_typed() {
    assert_eq!(
        unlink_stamps(
            "at [+12:34](https://media.ccc.de/v/x#t=754) the demo, [+1](y)",
            "https://media.ccc.de/v/x"
        ),
        "at [+12:34] the demo, [+1](y)"
    );
    let other = "at [+12:34](https://media.ccc.de/v/other#t=754)";
    assert_eq!(unlink_stamps(other, "https://media.ccc.de/v/x"), other);
    assert_eq!(
        unlink_stamps(other, ""),
        other,
        "day notes keep the address"
    );
    let mut notebook = demo_notebook();
    import_notes(
        &mut notebook,
        "### 11:00–11:30 · Mock It\n\nRecording: <https://youtu.be/abc>\n\n[+02:00](https://youtu.be/abc?t=120) autospec\n",
    );
    let talk = notebook.talk("pycon-7").unwrap();
    assert_eq!(talk.recording, "https://youtu.be/abc");
    assert_eq!(talk.notes, "[+02:00] autospec");
}

/// Every non-empty line of `text` is in `notebook` after `report`'s import: in a
/// note (a follow-up keeps its words behind `- [ ] `, a stamp its digits), or as the
/// structure it stood for: a day heading as that day, a separator of plain text, the
/// notebook's own title, a heading that only names its talk as that talk, the
/// export's recording line as the talk's recording, its follow-up list as the notes
/// it repeats.
fn assert_every_line_kept(text: &str, notebook: &Notebook, report: &NotesReport) {
    let text = normalized(text);
    let lines: Vec<&str> = text.lines().collect();
    let markdown = lines
        .iter()
        .any(|l| markdown_heading(l.trim()).is_some_and(|(level, _)| level >= 2));
    let notes: Vec<&str> = notebook
        .days
        .iter()
        .flat_map(|day| {
            std::iter::once(day.notes.as_str()).chain(day.talks.iter().map(|t| t.notes.as_str()))
        })
        .collect();
    let recordings: Vec<&str> = notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .map(|talk| talk.recording.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    let in_notes = |line: &str| {
        std::iter::once(Cow::Borrowed(line))
            .chain(recordings.iter().map(|r| unlink_stamps(line, r)))
            .any(|line| notes.iter().any(|note| note.contains(line.as_ref())))
    };
    // The report's sections by the line they start on, and the list's lines.
    let mut list_lines = std::collections::HashSet::new();
    for (at, section) in report.sections.iter().enumerate() {
        if section.destination == Destination::FollowUpList {
            let end = report
                .sections
                .get(at + 1)
                .map_or(lines.len(), |s| s.line - 1);
            list_lines.extend(section.line..=end);
        }
    }
    for (index, line) in lines.iter().enumerate() {
        let line = line.trim();
        let heading = markdown_heading(line).map_or(line, |(_, heading)| heading);
        if line.is_empty()
            || in_notes(line)
            || in_notes(heading)
            || list_lines.contains(&(index + 1))
        {
            continue;
        }
        let structure = (is_separator(line) && !markdown)
            || parse_date(heading).is_some_and(|date| notebook.day_index(date).is_some())
            || heading.eq_ignore_ascii_case(notebook.title.trim())
            || recording_line(line).is_some_and(|url| recordings.contains(&url))
            || links_line(line).is_some_and(|urls| {
                urls.iter().all(|(_, url)| {
                    notebook
                        .days
                        .iter()
                        .flat_map(|day| &day.talks)
                        .any(|talk| talk.all_links().iter().any(|link| link.url == *url))
                })
            })
            || report.sections.iter().any(|section| {
                section.line == index + 1
                    && !section.heading_kept
                    && matches!(section.destination, Destination::Talk { .. })
            });
        assert!(structure, "line {} lost: {line:?}", index + 1);
    }
}

/// Imports `text` twice: every line is kept, and the second time changes nothing.
fn import_checked(notebook: &mut Notebook, text: &str) -> NotesReport {
    let report = import_notes(notebook, text);
    assert_every_line_kept(text, notebook, &report);
    let once = notebook.clone();
    import_notes(notebook, text);
    if *notebook != once {
        let twice = format!("{:#?}", notebook.days);
        let once = format!("{:#?}", once.days);
        let first = once.lines().zip(twice.lines()).find(|(a, b)| a != b);
        panic!("importing twice is not importing once: {first:?}");
    }
    report
}

#[test]
fn every_line_of_the_example_day_is_kept_with_any_line_ending() {
    for ending in ["\n", "\r\n", "\r"] {
        let text = EXAMPLE_DAY.replace("\r\n", "\n").replace('\n', ending);
        let mut notebook = demo_notebook();
        let report = import_checked(&mut notebook, &text);
        assert_eq!(report.counts(), (9, 1, 0), "{ending:?}");
    }
}

#[test]
fn words_after_a_headings_title_are_kept_with_the_talk() {
    let mut notebook = demo_notebook();
    let report = import_checked(
        &mut notebook,
        "## 11:00 Mock It Till You Make It - boring, left early, ask about the badge\n\nsome notes\n",
    );
    assert!(report.sections[0].heading_kept);
    assert_eq!(
        talk_notes(&notebook, "pycon-7"),
        "11:00 Mock It Till You Make It - boring, left early, ask about the badge\nsome notes"
    );
}

#[test]
fn a_file_of_carriage_returns_starting_with_a_title_is_read_whole() {
    let text = "# Friday at PyCon\r\r## 11:00 Mock It\rautospec is good\r\r## 12:30 Ruff\rfast\r";
    let mut notebook = demo_notebook();
    let report = import_checked(&mut notebook, text);
    assert_eq!(report.counts(), (2, 0, 1), "{:?}", report.sections);
    assert_eq!(talk_notes(&notebook, "pycon-7"), "autospec is good");
    assert_eq!(talk_notes(&notebook, "pycon-17"), "fast");
    assert_eq!(notebook.days[0].notes, "Friday at PyCon");
}

#[test]
fn recording_lines_and_their_links_are_kept_where_they_are_not_the_talks() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[1].recording = "https://youtu.be/mine".into();
    let text = "### 11:00–11:30 · Mock It\n\nRecording: <https://youtu.be/other>\n\n[+02:00](https://youtu.be/other?t=120) autospec\n\n\
        ### Hallway\n\nRecording: <https://youtu.be/hall>\n\n[+01:00](https://youtu.be/hall?t=60) chat\n";
    import_checked(&mut notebook, text);
    let talk = notebook.talk("pycon-7").unwrap();
    assert_eq!(talk.recording, "https://youtu.be/mine", "never replaced");
    assert_eq!(
        talk.notes,
        "Recording: <https://youtu.be/other>\n\n[+02:00](https://youtu.be/other?t=120) autospec"
    );
    assert!(
        notebook.days[0].notes.contains(
            "Recording: <https://youtu.be/hall>\n\n[+01:00](https://youtu.be/hall?t=60) chat"
        ),
        "{}",
        notebook.days[0].notes
    );
}

#[test]
fn talkbooks_own_export_comes_back_whole_with_rules_inside_notes() {
    let mut written = demo_notebook();
    let talk = &mut written.days[0].talks[1];
    talk.notes = "before the rule\n---\nafter the rule\n\n***\n- [ ] look up autospec".into();
    talk.state = TalkState::Attended;
    talk.recording = "https://youtu.be/abc".into();
    talk.links = vec![crate::model::Link {
        title: "Slides [v2]".into(),
        url: "https://example.org/slides (final).pdf".into(),
    }];
    written.days[0].talks[2].notes = "[+01:02] a stamp\n=====\nend".into();
    written.days[0].talks[2].state = TalkState::Skipped;
    written.days[0].notes = "hallway\n---\ntrack".into();
    let export = crate::export::to_markdown(&written, crate::export::ExportOptions::default());
    let mut fresh = demo_notebook();
    import_checked(&mut fresh, &export);
    for (a, b) in written.days[0].talks.iter().zip(&fresh.days[0].talks) {
        assert_eq!(a.notes, b.notes, "{}", a.title);
        // (A title's brackets do not survive a markdown link.)
        let urls = |talk: &crate::model::Talk| -> Vec<String> {
            talk.all_links().into_iter().map(|link| link.url).collect()
        };
        assert_eq!(urls(a), urls(b), "{}", a.title);
        assert_eq!(a.state, b.state, "{}", a.title);
        assert_eq!(a.recording, b.recording, "{}", a.title);
    }
    assert_eq!(fresh.days[0].notes, written.days[0].notes);
}

#[test]
fn text_before_an_earlier_day_than_the_notebooks_goes_to_the_same_day_every_time() {
    let mut notebook = demo_notebook();
    import_checked(
        &mut notebook,
        "a tip before any day\n\n## Thursday, 16 May 2024\n\n### Tutorial\nnotes of the day before\n",
    );
    let thursday = notebook.day_index(NaiveDate::from_ymd_opt(2024, 5, 16).unwrap());
    assert!(
        notebook.days[thursday.unwrap()]
            .notes
            .starts_with("a tip before any day")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

    /// Files made of the lines people and talkbook write, in any order, with any
    /// line endings and multi-byte text: nothing panics, every line is kept, and a
    /// second import changes nothing.
    #[test]
    fn any_notes_file_keeps_every_line_and_twice_is_once(
        lines in proptest::collection::vec(proptest::prop_oneof![
            proptest::prelude::Just("=====".to_string()),
            proptest::prelude::Just("---".to_string()),
            proptest::prelude::Just("## Saturday, 18 May 2024".to_string()),
            proptest::prelude::Just("## Thursday, 16 May 2024".to_string()),
            proptest::prelude::Just("## +262142-12-31".to_string()),
            proptest::prelude::Just("# PyCon US 2024 (Saturday)".to_string()),
            proptest::prelude::Just("## Follow-ups".to_string()),
            proptest::prelude::Just("- [ ] look up autospec — Mock It (11:00)".to_string()),
            proptest::prelude::Just("Recording: <https://youtu.be/abc>".to_string()),
            proptest::prelude::Just("[+02:00](https://youtu.be/abc?t=120) demo".to_string()),
            proptest::prelude::Just("note to self: read the docs".to_string()),
            proptest::prelude::Just("ended up not attending".to_string()),
            "(##? )?(1100|11:00|9am|12:30|1:05pm) - [A-Za-z ]{0,20}",
            "### [A-Za-zéß中😀K İ\u{301}\u{200b} ]{1,30}",
            "[A-Za-z0-9éß中😀K İ\u{301}\u{200b}\t .,:!?-]{1,60}",
            proptest::prelude::Just(String::new()),
        ], 0..40),
        ending in proptest::prop_oneof![
            proptest::prelude::Just("\n"),
            proptest::prelude::Just("\r\n"),
            proptest::prelude::Just("\r"),
        ],
    ) {
        let text = lines.join(ending);
        let mut notebook = demo_notebook();
        import_checked(&mut notebook, &text);
    }
}

#[test]
fn notes_are_appended_never_replaced() {
    let mut notebook = demo_notebook();
    notebook.days[0].talks[1].notes = "typed in talkbook".into();
    import_notes(&mut notebook, "1100 - Mock It\n\nfrom the laptop\n");
    assert_eq!(
        talk_notes(&notebook, "pycon-7"),
        "typed in talkbook\n\nfrom the laptop"
    );
}
