//! Each merge rule, with small notebooks.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::model::{Rating, TalkDetails, TalkState};

fn sides(ours_later: bool) -> Sides {
    let (ours_saved, theirs_saved) = if ours_later { (200, 100) } else { (100, 200) };
    Sides {
        ours: "laptop-a".into(),
        theirs: "laptop-b".into(),
        ours_saved,
        theirs_saved,
        ours_when: "2024-05-17 11:32".into(),
        theirs_when: "2024-05-17 11:35".into(),
    }
}

fn at(time: &str) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 5, 17)
        .unwrap()
        .and_time(crate::model::parse_time_of_day(time).unwrap())
}

/// Two talks, `a` (11:00) and `b` (12:00), with notes.
fn base() -> Notebook {
    let mut notebook = Notebook::new("PyCon", "America/New_York");
    for (start, end, title) in [("11:00", "11:30", "a"), ("12:00", "12:30", "b")] {
        let id = notebook.add_talk(TalkDetails {
            start: at(start),
            end: at(end),
            title: title.into(),
            speakers: vec![],
            room: String::new(),
            recording: String::new(),
            lead_in: 0,
        });
        notebook.talk_mut(&id).unwrap().id = title.into();
    }
    notebook.talk_mut("a").unwrap().notes = "one\ntwo\nthree\nfour\nfive".into();
    notebook
}

fn notes(notebook: &Notebook, id: &str) -> String {
    notebook.talk(id).unwrap().notes.clone()
}

#[test]
fn different_talks_edited_on_each_side_keep_both() {
    let base = base();
    let mut ours = base.clone();
    ours.talk_mut("a").unwrap().notes.push_str("\nours");
    let mut theirs = base.clone();
    theirs.talk_mut("b").unwrap().notes = "theirs".into();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(true));
    assert_eq!(notes(&merged, "a"), "one\ntwo\nthree\nfour\nfive\nours");
    assert_eq!(notes(&merged, "b"), "theirs");
    assert_eq!(summary.notes_merged, 1);
    assert_eq!(summary.conflicts, 0);
}

#[test]
fn one_note_edited_on_different_lines_merges_line_by_line() {
    let base = base();
    let mut ours = base.clone();
    ours.talk_mut("a").unwrap().notes = "ONE\ntwo\nthree\nfour\nfive".into();
    let mut theirs = base.clone();
    theirs.talk_mut("a").unwrap().notes = "one\ntwo\nthree\nfour\nFIVE\nsix".into();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(true));
    assert_eq!(notes(&merged, "a"), "ONE\ntwo\nthree\nfour\nFIVE\nsix");
    assert_eq!(summary.conflicts, 0);
    // And the same merge the other way round gives the same text.
    let (back, _) = merge(Some(&base), &theirs, &ours, &sides(false));
    assert_eq!(notes(&back, "a"), notes(&merged, "a"));
}

#[test]
fn the_same_lines_changed_differently_keep_both_marked_with_a_follow_up() {
    let base = base();
    let mut ours = base.clone();
    ours.talk_mut("a").unwrap().notes = "one\nTWO here\nthree\nfour\nfive".into();
    let mut theirs = base.clone();
    theirs.talk_mut("a").unwrap().notes = "one\nTWO there\nthree\nfour\nfive".into();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(true));
    let text = notes(&merged, "a");
    assert_eq!(
        text,
        format!(
            "one\n{TWO_VERSIONS}\n[sync] laptop-a, saved 2024-05-17 11:32:\nTWO here\n\
             [sync] laptop-b, saved 2024-05-17 11:35:\nTWO there\n{END_OF_VERSIONS}\n\
             - [ ] resolve the two versions above (talkbook sync)\nthree\nfour\nfive"
        )
    );
    assert!(!text.contains("<<<<"), "never git's markers");
    assert_eq!(summary.conflicts, 1);
    let follow_ups = crate::model::followup::collect(&merged);
    assert!(
        follow_ups
            .iter()
            .any(|f| f.text.starts_with("resolve the two versions"))
    );
}

#[test]
fn marks_one_side_wins_and_both_sides_the_later_save() {
    let base = base();
    let mut ours = base.clone();
    ours.talk_mut("a").unwrap().state = TalkState::Attended;
    let theirs = base.clone();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(false));
    assert_eq!(merged.talk("a").unwrap().state, TalkState::Attended);
    assert!(summary.later_save_won.is_empty());

    let mut theirs = base.clone();
    theirs.talk_mut("a").unwrap().state = TalkState::Skipped;
    theirs.talk_mut("a").unwrap().rating = Rating::new(2).unwrap();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(false));
    assert_eq!(
        merged.talk("a").unwrap().state,
        TalkState::Skipped,
        "theirs is later"
    );
    assert_eq!(
        merged.talk("a").unwrap().rating.stars(),
        2,
        "only theirs rated"
    );
    assert_eq!(summary.later_save_won, ["a"]);
    let (merged, _) = merge(Some(&base), &ours, &theirs, &sides(true));
    assert_eq!(
        merged.talk("a").unwrap().state,
        TalkState::Attended,
        "ours is later"
    );
}

#[test]
fn talks_added_on_both_sides_are_both_kept() {
    let base = base();
    let mut ours = base.clone();
    let mine = ours.add_talk(TalkDetails {
        start: at("15:00"),
        end: at("15:30"),
        title: "hallway".into(),
        speakers: vec![],
        room: String::new(),
        recording: String::new(),
        lead_in: 0,
    });
    ours.talk_mut(&mine).unwrap().notes = "mine".into();
    let mut theirs = base.clone();
    let other = theirs.add_talk(TalkDetails {
        start: at("16:00"),
        end: at("16:30"),
        title: "lightning".into(),
        speakers: vec![],
        room: String::new(),
        recording: String::new(),
        lead_in: 0,
    });
    theirs.talk_mut(&other).unwrap().id = "local-theirs".into();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(true));
    assert_eq!(merged.talk_count(), 4);
    assert_eq!(notes(&merged, &mine), "mine");
    assert!(merged.talk("local-theirs").is_some());
    assert_eq!(summary.talks_added, 1);
}

#[test]
fn two_laptops_that_each_added_local_1_keep_both_talks_once() {
    let base = base();
    let add = |notebook: &mut Notebook, title: &str, start: &str, notes: &str| {
        let id = notebook.add_talk(TalkDetails {
            start: at(start),
            end: at("18:00"),
            title: title.into(),
            speakers: vec![],
            room: String::new(),
            recording: String::new(),
            lead_in: 0,
        });
        notebook.talk_mut(&id).unwrap().notes = notes.into();
        id
    };
    let mut a = base.clone();
    let mut b = base.clone();
    assert_eq!(add(&mut a, "hallway", "15:00", "A's"), "local-1");
    assert_eq!(add(&mut b, "lightning", "17:00", "B's"), "local-1");
    add(&mut a, "same chat", "16:00", "A on it");
    add(&mut b, "same chat", "16:00", "B on it");
    let (on_a, _) = merge(Some(&base), &a, &b, &sides(true));
    assert_eq!(on_a.talk_count(), 5, "{on_a:#?}");
    let chat = on_a.days[0]
        .talks
        .iter()
        .find(|t| t.title == "same chat")
        .unwrap();
    assert_eq!(chat.notes, "A on it\nB on it");
    // B takes A's merge: the same talks, no twins.
    let (on_b, _) = merge(Some(&base), &b, &on_a, &sides(false));
    assert_eq!(on_b.talk_count(), 5, "{on_b:#?}");
    let chat = on_b.days[0]
        .talks
        .iter()
        .find(|t| t.title == "same chat")
        .unwrap();
    assert_eq!(chat.notes, "A on it\nB on it", "no line twice");
    let titles = |n: &Notebook| {
        let mut titles: Vec<String> = n
            .days
            .iter()
            .flat_map(|d| &d.talks)
            .map(|t| t.title.clone())
            .collect();
        titles.sort();
        titles
    };
    assert_eq!(titles(&on_a), titles(&on_b));
    // And A takes that back: nothing new.
    let (again, _) = merge(Some(&on_a), &on_a, &on_b, &sides(true));
    assert_eq!(titles(&again), titles(&on_a));
}

#[test]
fn a_talk_deleted_on_one_side_and_written_in_on_the_other_is_kept() {
    let base = base();
    let mut ours = base.clone();
    ours.remove_talk("a");
    ours.remove_talk("b");
    let mut theirs = base.clone();
    theirs.talk_mut("a").unwrap().notes.push_str("\nmore");
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(true));
    assert_eq!(notes(&merged, "a"), "one\ntwo\nthree\nfour\nfive\nmore");
    assert!(merged.talk("b").is_none(), "deleted here, untouched there");
    assert_eq!(summary.kept_deleted, 1);
    // The other way round too.
    let (merged, summary) = merge(Some(&base), &theirs, &ours, &sides(true));
    assert!(merged.talk("a").is_some());
    assert!(merged.talk("b").is_none());
    assert_eq!((summary.kept_deleted, summary.talks_deleted), (1, 1));
}

#[test]
fn a_schedule_update_on_one_side_merges_with_notes_written_on_the_other() {
    let base = base();
    let mut ours = base.clone();
    ours.talk_mut("b").unwrap().notes = "written here".into();
    let mut theirs = base.clone();
    let moved = theirs.talk_mut("b").unwrap();
    moved.start = at("13:00");
    moved.end = at("13:30");
    moved.room = "Hall C".into();
    moved.recording = "https://youtu.be/b".into();
    let (merged, summary) = merge(Some(&base), &ours, &theirs, &sides(true));
    let talk = merged.talk("b").unwrap();
    assert_eq!((talk.start, talk.room.as_str()), (at("13:00"), "Hall C"));
    assert_eq!(talk.notes, "written here");
    assert_eq!(talk.recording, "https://youtu.be/b");
    assert!(summary.later_save_won.is_empty());
}

#[test]
fn day_notes_merge_by_date_and_new_days_come_along() {
    let base = base();
    let mut ours = base.clone();
    ours.days[0].notes = "hallway: ours".into();
    let mut theirs = base.clone();
    let day = theirs.ensure_day(NaiveDate::from_ymd_opt(2024, 5, 18).unwrap());
    theirs.days[day].notes = "saturday".into();
    let (merged, _) = merge(Some(&base), &ours, &theirs, &sides(true));
    assert_eq!(merged.days.len(), 2);
    assert_eq!(merged.days[0].notes, "hallway: ours");
    assert_eq!(merged.days[1].notes, "saturday");
}

#[test]
fn merging_what_was_merged_changes_nothing() {
    let base = base();
    let mut ours = base.clone();
    ours.talk_mut("a").unwrap().notes = "one\nTWO here\nthree\nfour\nfive".into();
    let mut theirs = base.clone();
    theirs.talk_mut("a").unwrap().notes = "one\nTWO there\nthree\nfour\nfive".into();
    let (merged, _) = merge(Some(&base), &ours, &theirs, &sides(true));
    // The other machine takes the merge as it is: nothing new on its side.
    let (again, summary) = merge(Some(&theirs), &merged, &theirs, &sides(true));
    assert_eq!(again, merged);
    assert_eq!(summary.conflicts, 0);
}

#[test]
fn without_a_common_version_every_talk_is_new_and_equal_ones_are_one() {
    let ours = base();
    let theirs = base();
    let (merged, summary) = merge(None, &ours, &theirs, &sides(true));
    assert_eq!(merged, ours);
    assert!(!summary.took_anything());
}

#[test]
fn lines_added_at_the_same_place_on_both_follow_each_other() {
    let merged = merge_lines("a\nb", "a\nb\nfrom A", "a\nb\nfrom B", &sides(true));
    assert_eq!(merged.text, "a\nb\nfrom A\nfrom B");
    assert!(!merged.conflict);
    let merged = merge_lines("", "mine", "theirs", &sides(true));
    assert_eq!(merged.text, "mine\ntheirs");
    // What both wrote is there once.
    let merged = merge_lines("", "B on it", "A on it\nB on it", &sides(true));
    assert_eq!(merged.text, "A on it\nB on it");
}

#[test]
fn lines_in_any_script_merge_whole() {
    let base = "ẞ straße\nİstanbul\n👩‍💻 K";
    let ours = "ẞ straße\nİSTANBUL\n👩‍💻 K";
    let theirs = "ẞ straße\nİstanbul\n👩‍💻 K\né\u{301}";
    let merged = merge_lines(base, ours, theirs, &sides(true));
    assert_eq!(merged.text, "ẞ straße\nİSTANBUL\n👩‍💻 K\né\u{301}");
    assert!(!merged.conflict);
}
