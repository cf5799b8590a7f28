//! Turning a schedule into a notebook, and merging a newer schedule into one.
//!
//! The merge matches talks by their schedule id. It updates what the schedule owns
//! (time, title, speakers, room, track, abstract, link), adds new talks, and marks talks
//! that disappeared as `removed`; it never touches notes, states, day notes or talks
//! added by hand.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::{Event, ImportError, Schedule};
use crate::model::{Day, Notebook, Talk, Zone};

/// Talks starting before this hour belong to the previous conference day (late-night
/// sessions), for formats that do not say which day a talk is on.
const DAY_CHANGE_HOUR: u32 = 5;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
}

impl fmt::Display for MergeSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} changed, {} removed, {} unchanged",
            self.added, self.changed, self.removed, self.unchanged
        )
    }
}

/// A new notebook holding the schedule. `zone_override` replaces the schedule's own zone.
pub fn to_notebook(
    schedule: &Schedule,
    source: &str,
    zone_override: Option<&str>,
) -> Result<Notebook, ImportError> {
    let zone_name = zone_override
        .or(schedule.time_zone.as_deref())
        .unwrap_or("UTC");
    let zone = Zone::parse(zone_name).ok_or_else(|| ImportError::BadTimeZone(zone_name.into()))?;
    let title = if schedule.title.is_empty() {
        "Imported schedule"
    } else {
        &schedule.title
    };
    let mut notebook = Notebook::new(title, zone.name());
    notebook.source = source.to_string();
    merge_into(&mut notebook, schedule);
    Ok(notebook)
}

/// Merges a schedule into an open notebook (the TUI's import). A notebook without any
/// talks yet takes the schedule's time zone and remembers the source for updates.
pub fn import_into(notebook: &mut Notebook, schedule: &Schedule, source: &str) -> MergeSummary {
    if notebook.talk_count() == 0
        && let Some(zone) = schedule.time_zone.as_deref().and_then(Zone::parse)
    {
        notebook.time_zone = zone.name();
    }
    if notebook.source.is_empty() {
        notebook.source = source.to_string();
    }
    merge_into(notebook, schedule)
}

/// A talk added by hand (`o`): its id is `local-N`, a name no schedule id takes
/// ([`super::schedule_id`] renames one that would).
fn is_hand_made(talk: &Talk) -> bool {
    talk.id.starts_with(crate::model::LOCAL_ID_PREFIX)
}

fn conference_day(start: NaiveDateTime) -> NaiveDate {
    if start.hour() < DAY_CHANGE_HOUR {
        // Dates here passed the import's range check: the day before exists.
        start.date().pred_opt().unwrap_or(start.date())
    } else {
        start.date()
    }
}

/// What the schedule says about a talk, in the notebook's local time.
struct Incoming {
    day: NaiveDate,
    start: NaiveDateTime,
    end: NaiveDateTime,
}

impl Incoming {
    /// `event` in a notebook in `zone`. A clock time the file gave without a zone (read
    /// in `read_in`) stays that clock time: a notebook made with `--time-zone` for a
    /// schedule that names none must not shift it.
    fn of(event: &Event, zone: Zone, read_in: Zone) -> Incoming {
        let shown_in = if event.floating { read_in } else { zone };
        let start = shown_in.to_local(event.start);
        Incoming {
            day: event.day.unwrap_or_else(|| conference_day(start)),
            start,
            end: shown_in.to_local(event.end),
        }
    }
}

fn differs(talk: &Talk, event: &Event, incoming: &Incoming) -> bool {
    talk.start != incoming.start
        || talk.end != incoming.end
        || talk.title != event.title
        || talk.speakers != event.speakers
        || talk.room != event.room
        || talk.track != event.track
        || talk.abstract_text != event.abstract_text
        || talk.link != event.link
        || talk.links != event.links
        || (!event.recording.is_empty() && talk.recording != event.recording)
        || talk.removed
}

fn apply(talk: &mut Talk, event: &Event, incoming: &Incoming) {
    talk.start = incoming.start;
    talk.end = incoming.end;
    talk.title = event.title.clone();
    talk.speakers = event.speakers.clone();
    talk.room = event.room.clone();
    talk.track = event.track.clone();
    talk.abstract_text = event.abstract_text.clone();
    talk.link = event.link.clone();
    talk.links = event.links.clone();
    // A recording the schedule does not name yet may have been typed in: kept.
    if !event.recording.is_empty() {
        talk.recording = event.recording.clone();
    }
    talk.removed = false;
}

/// Merges `schedule` into `notebook`; see the module documentation for the rules.
pub fn merge_into(notebook: &mut Notebook, schedule: &Schedule) -> MergeSummary {
    let zone = notebook.zone();
    // The zone the parser read clock times without a zone in.
    let read_in = schedule
        .time_zone
        .as_deref()
        .and_then(Zone::parse)
        .unwrap_or(Zone::Utc);
    let mut summary = MergeSummary::default();
    // Every talk out of its day, found by id through a map: one pass over the schedule,
    // not a search of the notebook per event (40,000 events took 2 s).
    let mut talks: Vec<(NaiveDate, Talk)> = notebook
        .days
        .iter_mut()
        .flat_map(|day| {
            let date = day.date;
            std::mem::take(&mut day.talks)
                .into_iter()
                .map(move |talk| (date, talk))
        })
        .collect();
    // Hand-made talks are never matched by a schedule event, whatever its id says.
    let mut index: HashMap<String, usize> = talks
        .iter()
        .enumerate()
        .filter(|(_, (_, talk))| !is_hand_made(talk))
        .map(|(at, (_, talk))| (talk.id.clone(), at))
        .collect();
    let mut incoming_ids = HashSet::new();
    for event in &schedule.events {
        let incoming = Incoming::of(event, zone, read_in);
        // (The parser gave it already; a schedule made in code may not have.)
        let id = super::schedule_id(&event.id);
        incoming_ids.insert(id.clone());
        match index.get(&id) {
            Some(&at) => {
                let (day, talk) = &mut talks[at];
                if differs(talk, event, &incoming) {
                    apply(talk, event, &incoming);
                    summary.changed += 1;
                } else {
                    summary.unchanged += 1;
                }
                *day = incoming.day;
            }
            None => {
                let mut talk = Talk::new(id.clone(), incoming.start, incoming.end);
                apply(&mut talk, event, &incoming);
                index.insert(id, talks.len());
                talks.push((incoming.day, talk));
                summary.added += 1;
            }
        }
    }
    for (_, talk) in &mut talks {
        if !is_hand_made(talk) && !talk.removed && !incoming_ids.contains(&talk.id) {
            talk.removed = true;
            summary.removed += 1;
        }
    }
    put_on_their_days(notebook, talks);
    summary
}

/// Puts `talks` back on the days of their dates, making the days that are missing: one
/// pass through a map of days, not a search of the day list per talk (40,000 days of
/// one talk each took 4.5 s).
fn put_on_their_days(notebook: &mut Notebook, talks: Vec<(NaiveDate, Talk)>) {
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    for day in std::mem::take(&mut notebook.days) {
        match days.entry(day.date) {
            Entry::Vacant(slot) => {
                slot.insert(day);
            }
            // A notebook edited by hand may list a day twice: one day, nothing lost.
            Entry::Occupied(mut slot) => {
                let kept = slot.get_mut();
                if !day.notes.is_empty() {
                    if !kept.notes.is_empty() {
                        kept.notes.push_str("\n\n");
                    }
                    kept.notes.push_str(&day.notes);
                }
                kept.talks.extend(day.talks);
            }
        }
    }
    for (date, talk) in talks {
        days.entry(date)
            .or_insert_with(|| Day::new(date))
            .talks
            .push(talk);
    }
    notebook.days = days.into_values().collect();
    notebook.normalize();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TalkState;
    use chrono::{DateTime, Utc};

    fn event(id: &str, start: &str, title: &str) -> Event {
        let start: DateTime<Utc> = DateTime::parse_from_rfc3339(start).unwrap().into();
        Event {
            id: id.into(),
            start,
            end: start + chrono::Duration::minutes(30),
            title: title.into(),
            speakers: vec!["Ada".into()],
            room: "Hall".into(),
            ..Event::default()
        }
    }

    fn schedule(events: Vec<Event>) -> Schedule {
        Schedule {
            title: "Conf".into(),
            time_zone: Some("Europe/Berlin".into()),
            events,
            ..Schedule::default()
        }
    }

    #[test]
    fn local_times_and_late_night_talks_land_on_the_conference_day() {
        let notebook = to_notebook(
            &schedule(vec![
                event("a", "2014-12-27T10:00:00Z", "Morning"),
                event("b", "2014-12-28T00:30:00Z", "Late night"),
            ]),
            "x.ics",
            None,
        )
        .unwrap();
        assert_eq!(notebook.time_zone, "Europe/Berlin");
        assert_eq!(notebook.source, "x.ics");
        assert_eq!(notebook.days.len(), 1);
        let talks = &notebook.days[0].talks;
        assert_eq!(talks[0].time_range(), "11:00–11:30");
        assert_eq!(talks[1].start.to_string(), "2014-12-28 01:30:00");
    }

    #[test]
    fn a_schedule_event_named_like_a_hand_made_talk_never_touches_it() {
        let mut notebook = to_notebook(
            &schedule(vec![event("a", "2014-12-27T10:00:00Z", "Talk")]),
            "s.json",
            None,
        )
        .unwrap();
        let hand_made = notebook.add_talk(crate::model::TalkDetails {
            start: notebook.days[0].talks[0].start,
            end: notebook.days[0].talks[0].end,
            title: "My hallway meeting".into(),
            speakers: vec!["Me".into()],
            room: "Lobby".into(),
            recording: String::new(),
            lead_in: 0,
        });
        assert_eq!(hand_made, "local-1");
        notebook.talk_mut(&hand_made).unwrap().notes = "mine".into();
        let mut intruder = event("local-1", "2014-12-28T15:00:00Z", "Schedule's talk");
        intruder.room = "Hall 1".into();
        let summary = merge_into(
            &mut notebook,
            &schedule(vec![event("a", "2014-12-27T10:00:00Z", "Talk"), intruder]),
        );
        assert_eq!((summary.added, summary.changed), (1, 0));
        let mine = notebook.talk("local-1").unwrap();
        assert_eq!(
            (mine.title.as_str(), mine.room.as_str(), mine.notes.as_str()),
            ("My hallway meeting", "Lobby", "mine")
        );
        assert!(!mine.removed);
        let theirs = notebook.talk("schedule-local-1").unwrap();
        assert_eq!(theirs.title, "Schedule's talk");
        // And again: the same talks, nothing changes.
        let again = merge_into(
            &mut notebook,
            &schedule(vec![
                event("a", "2014-12-27T10:00:00Z", "Talk"),
                event("local-1", "2014-12-28T15:00:00Z", "Schedule's talk"),
            ]),
        );
        assert_eq!((again.added, again.removed), (0, 0));
    }

    #[test]
    fn merging_keeps_notes_and_states_and_reports_what_happened() {
        let original = schedule(vec![
            event("keep", "2014-12-27T10:00:00Z", "Same"),
            event("move", "2014-12-27T11:00:00Z", "Moves"),
            event("gone", "2014-12-27T12:00:00Z", "Cancelled"),
        ]);
        let mut notebook = to_notebook(&original, "s.json", None).unwrap();
        for id in ["keep", "move", "gone"] {
            let talk = notebook.talk_mut(id).unwrap();
            talk.notes = format!("notes on {id}");
            talk.state = TalkState::Attended;
        }
        let hand_made = notebook.add_talk(crate::model::TalkDetails {
            start: notebook.days[0].talks[0].start,
            end: notebook.days[0].talks[0].end,
            title: "Hallway".into(),
            speakers: vec![],
            room: String::new(),
            recording: String::new(),
            lead_in: 0,
        });
        let updated = schedule(vec![
            event("keep", "2014-12-27T10:00:00Z", "Same"),
            event("move", "2014-12-28T09:00:00Z", "Moved and renamed"),
            event("new", "2014-12-27T13:00:00Z", "Added"),
        ]);
        let summary = merge_into(&mut notebook, &updated);
        assert_eq!(
            summary,
            MergeSummary {
                added: 1,
                changed: 1,
                removed: 1,
                unchanged: 1
            }
        );
        assert_eq!(
            summary.to_string(),
            "1 added, 1 changed, 1 removed, 1 unchanged"
        );
        for id in ["keep", "move", "gone"] {
            let talk = notebook.talk(id).unwrap();
            assert_eq!(talk.notes, format!("notes on {id}"));
            assert_eq!(talk.state, TalkState::Attended);
        }
        assert!(notebook.talk("gone").unwrap().removed);
        assert!(notebook.talk(&hand_made).is_some_and(|t| !t.removed));
        let (day, _) = notebook.find_talk("move").unwrap();
        assert_eq!(notebook.days[day].date.to_string(), "2014-12-28");
        assert_eq!(notebook.talk("move").unwrap().title, "Moved and renamed");

        // The same schedule again changes nothing; a returning talk is restored.
        assert_eq!(
            merge_into(&mut notebook, &updated).unwrap_or_default_changes(),
            (0, 0, 0)
        );
        let summary = merge_into(&mut notebook, &original);
        assert_eq!((summary.changed, summary.removed), (2, 1));
        assert!(!notebook.talk("gone").unwrap().removed);
        assert!(notebook.talk("new").unwrap().removed);
    }

    #[test]
    fn a_recording_typed_in_stays_until_the_schedule_names_one() {
        let plain = schedule(vec![event("talk", "2014-12-27T10:00:00Z", "Talk")]);
        let mut notebook = to_notebook(&plain, "s.json", None).unwrap();
        notebook.talk_mut("talk").unwrap().recording = "https://youtu.be/typed".into();
        assert_eq!(merge_into(&mut notebook, &plain).unchanged, 1);
        assert_eq!(
            notebook.talk("talk").unwrap().recording,
            "https://youtu.be/typed"
        );
        let mut published = plain.clone();
        published.events[0].recording = "https://media.ccc.de/v/talk".into();
        assert_eq!(merge_into(&mut notebook, &published).changed, 1);
        assert_eq!(
            notebook.talk("talk").unwrap().recording,
            "https://media.ccc.de/v/talk"
        );
    }

    #[test]
    fn a_bad_time_zone_override_is_refused() {
        let error = to_notebook(&schedule(vec![]), "x", Some("Mars/Base")).unwrap_err();
        assert!(matches!(error, ImportError::BadTimeZone(_)));
    }

    impl MergeSummary {
        fn unwrap_or_default_changes(self) -> (usize, usize, usize) {
            (self.added, self.changed, self.removed)
        }
    }
}
