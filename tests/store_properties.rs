//! Property test: any notebook saves and loads back equal.

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use talkbook::model::{Day, Notebook, Talk, TalkState};
use talkbook::store;

fn any_text() -> impl Strategy<Value = String> {
    // Any Unicode, control characters and emoji included.
    proptest::collection::vec(any::<char>(), 0..60).prop_map(|chars| chars.into_iter().collect())
}

fn any_talk() -> impl Strategy<Value = Talk> {
    (
        any_text(),
        any_text(),
        proptest::collection::vec(any_text(), 0..3),
        any_text(),
        0u32..1440,
        1i64..300,
        0usize..3,
    )
        .prop_map(|(id, title, speakers, notes, minute, length, state)| {
            let start: NaiveDateTime = NaiveDate::from_ymd_opt(2024, 5, 18)
                .unwrap()
                .and_hms_opt(minute / 60, minute % 60, 0)
                .unwrap();
            let mut talk = Talk::new(
                format!("id-{id}"),
                start,
                start + chrono::Duration::minutes(length),
            );
            talk.title = title;
            talk.speakers = speakers;
            talk.notes = notes;
            talk.state = [TalkState::Unmarked, TalkState::Attended, TalkState::Skipped][state];
            talk.removed = minute % 7 == 0;
            talk
        })
}

fn any_notebook() -> impl Strategy<Value = Notebook> {
    (
        any_text(),
        any_text(),
        proptest::collection::vec(any_talk(), 0..8),
    )
        .prop_map(|(title, day_notes, talks)| {
            let mut notebook = Notebook::new(title, "Europe/Berlin");
            let mut day = Day::new(NaiveDate::from_ymd_opt(2024, 5, 18).unwrap());
            day.notes = day_notes;
            day.talks = talks;
            notebook.days.push(day);
            notebook.normalize();
            notebook
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_notebook_round_trips(notebook in any_notebook()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nb.json");
        store::save(&path, &notebook).unwrap();
        prop_assert_eq!(store::load(&path).unwrap(), notebook);
    }
}

#[test]
fn a_megabyte_note_round_trips() {
    let mut notebook = store::demo_notebook();
    let line = "Ünïcödé 🐍 notes with \t tabs, \u{1b}[2J escapes and \"quotes\"\n";
    notebook.days[0].talks[0].notes = line.repeat(1024 * 1024 / line.len() + 1);
    assert!(notebook.days[0].talks[0].notes.len() > 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    store::save(&path, &notebook).unwrap();
    assert_eq!(store::load(&path).unwrap(), notebook);
}
