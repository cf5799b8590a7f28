//! The notebook: one conference (or any day of talks), its days, talks and notes.
//!
//! These are the types written to disk, so their field order is the JSON field order:
//! keep it stable, and add new fields with serde defaults so older files still load.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::Rating;

/// How the ids of talks added by hand begin (`local-1`); schedule ids never do.
pub const LOCAL_ID_PREFIX: &str = "local-";

/// The version of the JSON layout written by this build of talkbook.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notebook {
    pub format_version: u32,
    pub title: String,
    /// IANA time zone name of the conference, e.g. `America/New_York`. Times in the
    /// notebook are local times in this zone. Empty when unknown.
    #[serde(default)]
    pub time_zone: String,
    /// Where the schedule was imported from (file or URL), for `talkbook update`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default)]
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Day {
    pub date: NaiveDate,
    /// Notes that belong to the day rather than a talk: hallway track, vendor tips.
    #[serde(default)]
    pub notes: String,
    /// Talks in time order (then room, then title); see [`Day::sort_talks`].
    #[serde(default)]
    pub talks: Vec<Talk>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Talk {
    /// Stable id: the schedule's guid for imported talks, `local-N` for hand-made ones.
    pub id: String,
    /// Local start time in the notebook's time zone.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub title: String,
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub track: String,
    #[serde(default, rename = "abstract")]
    pub abstract_text: String,
    #[serde(default)]
    pub link: String,
    /// Where the talk's video is (from the schedule, or typed in): `[+12:34]` stamps in
    /// the notes link to that moment of it in the export.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recording: String,
    #[serde(default)]
    pub state: TalkState,
    #[serde(default)]
    pub notes: String,
    /// The talk disappeared from the imported schedule; kept for its notes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// Slides, resources and other pages the schedule names for the talk.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Stars given with `r` (none to three).
    #[serde(default, skip_serializing_if = "Rating::is_none")]
    pub rating: Rating,
    /// The moment the `[+12:34]` stamps in the notes count from: when the talk really
    /// began (Ctrl-B), or its scheduled start as it was when the first stamp was written.
    /// Kept, so a schedule update that moves the talk does not change what they mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamps_from: Option<NaiveDateTime>,
    /// Seconds of the recording before the talk begins: a stamp's link into the
    /// recording adds them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub lead_in: u32,
}

fn is_zero(seconds: &u32) -> bool {
    *seconds == 0
}

/// A link a schedule gives for a talk: slides, a resource, a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    /// What the schedule calls it (`Slides`, `Paper`); may be empty.
    #[serde(default)]
    pub title: String,
    pub url: String,
}

impl Link {
    /// Its title, or a word for it when the schedule gave none.
    pub fn label(&self) -> &str {
        if self.title.trim().is_empty() {
            "Link"
        } else {
            self.title.trim()
        }
    }
}

/// What the user did about a talk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TalkState {
    #[default]
    Unmarked,
    /// Chosen beforehand, to go to.
    Planned,
    Attended,
    Skipped,
}

impl TalkState {
    /// The word used in exports and the status line; empty for unmarked.
    pub fn word(self) -> &'static str {
        match self {
            TalkState::Unmarked => "",
            TalkState::Planned => "planned",
            TalkState::Attended => "attended",
            TalkState::Skipped => "skipped",
        }
    }
}

/// Which note a piece of text belongs to: a day's own notes or a talk's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteRef {
    Day(NaiveDate),
    Talk(String),
}

/// Details of a talk as entered by hand (the add/edit form).
#[derive(Debug, Clone, PartialEq)]
pub struct TalkDetails {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub title: String,
    pub speakers: Vec<String>,
    pub room: String,
    pub recording: String,
    /// Seconds of the recording before the talk begins.
    pub lead_in: u32,
}

/// Talks of one day that start at the same time (parallel rooms).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSlot {
    pub start: NaiveDateTime,
    /// Indices into the day's `talks`.
    pub talks: Vec<usize>,
}

impl Talk {
    /// A talk with only an id and times: no details, no notes, unmarked.
    pub fn new(id: String, start: NaiveDateTime, end: NaiveDateTime) -> Self {
        Talk {
            id,
            start,
            end,
            title: String::new(),
            speakers: Vec::new(),
            room: String::new(),
            track: String::new(),
            abstract_text: String::new(),
            link: String::new(),
            recording: String::new(),
            state: TalkState::Unmarked,
            notes: String::new(),
            removed: false,
            links: Vec::new(),
            rating: Rating::NONE,
            stamps_from: None,
            lead_in: 0,
        }
    }

    /// Where its `[+12:34]` stamps count from: the moment kept with them, else the
    /// scheduled start.
    pub fn stamp_origin(&self) -> NaiveDateTime {
        self.stamps_from.unwrap_or(self.start)
    }

    pub fn speakers_joined(&self) -> String {
        self.speakers.join(", ")
    }

    /// `11:00–11:30`
    pub fn time_range(&self) -> String {
        self.time_range_in(super::ClockFormat::H24)
    }

    /// `11:00–11:30` or `11:00am–11:30am`.
    pub fn time_range_in(&self, clock: super::ClockFormat) -> String {
        clock.range(self.start, self.end)
    }

    /// A talk to watch later, at `now`: skipped, or planned and over without being
    /// attended.
    pub fn missed(&self, now: NaiveDateTime) -> bool {
        match self.state {
            TalkState::Skipped => true,
            TalkState::Planned => self.end <= now,
            TalkState::Unmarked | TalkState::Attended => false,
        }
    }

    pub fn toggle_state(&mut self, state: TalkState) {
        self.state = if self.state == state {
            TalkState::Unmarked
        } else {
            state
        };
    }

    /// Every address the talk has, for opening one: its page, its recording, then the
    /// schedule's other links.
    pub fn all_links(&self) -> Vec<Link> {
        let named = |title: &str, url: &str| {
            (!url.trim().is_empty()).then(|| Link {
                title: title.into(),
                url: url.trim().into(),
            })
        };
        named("Page", &self.link)
            .into_iter()
            .chain(named("Recording", &self.recording))
            .chain(self.links.iter().cloned())
            .collect()
    }

    pub fn apply_details(&mut self, details: TalkDetails) {
        self.start = details.start;
        self.end = details.end;
        self.title = details.title;
        self.speakers = details.speakers;
        self.room = details.room;
        self.recording = details.recording;
        self.lead_in = details.lead_in;
    }
}

impl Day {
    pub fn new(date: NaiveDate) -> Self {
        Day {
            date,
            notes: String::new(),
            talks: Vec::new(),
        }
    }

    /// Keep talks in the order the schedule shows them.
    pub fn sort_talks(&mut self) {
        self.talks.sort_by(|a, b| {
            (a.start, &a.room, &a.title, &a.id).cmp(&(b.start, &b.room, &b.title, &b.id))
        });
    }

    /// Groups the (sorted) talks by start time.
    pub fn time_slots(&self) -> Vec<TimeSlot> {
        let mut slots: Vec<TimeSlot> = Vec::new();
        for (index, talk) in self.talks.iter().enumerate() {
            match slots.last_mut() {
                Some(slot) if slot.start == talk.start => slot.talks.push(index),
                _ => slots.push(TimeSlot {
                    start: talk.start,
                    talks: vec![index],
                }),
            }
        }
        slots
    }

    /// `Saturday, 18 May 2024`
    pub fn heading(&self) -> String {
        self.date.format("%A, %-d %B %Y").to_string()
    }
}

impl Notebook {
    pub fn new(title: impl Into<String>, time_zone: impl Into<String>) -> Self {
        Notebook {
            format_version: FORMAT_VERSION,
            title: title.into(),
            time_zone: time_zone.into(),
            source: String::new(),
            days: Vec::new(),
        }
    }

    /// Puts days in date order and each day's talks in time order. Called after loading
    /// and after every change that can reorder things.
    pub fn normalize(&mut self) {
        self.days.sort_by_key(|day| day.date);
        for day in &mut self.days {
            day.sort_talks();
        }
    }

    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        self.days.iter().position(|day| day.date == date)
    }

    /// The index of the day with `date`, creating it (in date order) if missing.
    pub fn ensure_day(&mut self, date: NaiveDate) -> usize {
        if let Some(index) = self.day_index(date) {
            return index;
        }
        let index = self.days.partition_point(|day| day.date < date);
        self.days.insert(index, Day::new(date));
        index
    }

    /// (day index, talk index) of the talk with `id`.
    pub fn find_talk(&self, id: &str) -> Option<(usize, usize)> {
        self.days.iter().enumerate().find_map(|(day_index, day)| {
            day.talks
                .iter()
                .position(|talk| talk.id == id)
                .map(|talk_index| (day_index, talk_index))
        })
    }

    /// [`Notebook::find_talk`], looking first at `hint` (where it was found before):
    /// one comparison while the talk is still there, instead of comparing the ids of
    /// the talks before it.
    pub fn find_talk_near(&self, id: &str, hint: Option<(usize, usize)>) -> Option<(usize, usize)> {
        let still_there = hint.is_some_and(|(day, index)| {
            self.days
                .get(day)
                .and_then(|day| day.talks.get(index))
                .is_some_and(|talk| talk.id == id)
        });
        if still_there {
            return hint;
        }
        self.find_talk(id)
    }

    /// [`Notebook::notes`], for a talk found before at `hint`.
    pub fn notes_near(&self, note: &NoteRef, hint: Option<(usize, usize)>) -> Option<&str> {
        match note {
            NoteRef::Talk(id) => self
                .find_talk_near(id, hint)
                .map(|(day, index)| self.days[day].talks[index].notes.as_str()),
            NoteRef::Day(_) => self.notes(note),
        }
    }

    /// [`Notebook::notes_mut`], for a talk found before at `hint`.
    pub fn notes_mut_near(
        &mut self,
        note: &NoteRef,
        hint: Option<(usize, usize)>,
    ) -> Option<&mut String> {
        match note {
            NoteRef::Talk(id) => self
                .find_talk_near(id, hint)
                .map(|(day, index)| &mut self.days[day].talks[index].notes),
            NoteRef::Day(_) => self.notes_mut(note),
        }
    }

    pub fn talk(&self, id: &str) -> Option<&Talk> {
        self.find_talk(id).map(|(d, t)| &self.days[d].talks[t])
    }

    pub fn talk_mut(&mut self, id: &str) -> Option<&mut Talk> {
        self.find_talk(id).map(|(d, t)| &mut self.days[d].talks[t])
    }

    pub fn notes(&self, note: &NoteRef) -> Option<&str> {
        match note {
            NoteRef::Day(date) => self.day_index(*date).map(|d| self.days[d].notes.as_str()),
            NoteRef::Talk(id) => self.talk(id).map(|talk| talk.notes.as_str()),
        }
    }

    pub fn notes_mut(&mut self, note: &NoteRef) -> Option<&mut String> {
        match note {
            NoteRef::Day(date) => {
                let index = self.day_index(*date)?;
                Some(&mut self.days[index].notes)
            }
            NoteRef::Talk(id) => self.talk_mut(id).map(|talk| &mut talk.notes),
        }
    }

    /// A fresh id for a hand-made talk, unique within this notebook.
    pub fn next_local_id(&self) -> String {
        let highest = self
            .days
            .iter()
            .flat_map(|day| &day.talks)
            .filter_map(|talk| talk.id.strip_prefix(LOCAL_ID_PREFIX)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{LOCAL_ID_PREFIX}{}", highest.saturating_add(1))
    }

    /// Adds a hand-made talk on the day of its start (creating the day) and returns its id.
    pub fn add_talk(&mut self, details: TalkDetails) -> String {
        let id = self.next_local_id();
        let day_index = self.ensure_day(details.start.date());
        let mut talk = Talk::new(id.clone(), details.start, details.end);
        talk.apply_details(details);
        let day = &mut self.days[day_index];
        day.talks.push(talk);
        day.sort_talks();
        id
    }

    /// Changes a talk's details; a new start date moves it to that day. Notes and state stay.
    pub fn update_talk(&mut self, id: &str, details: TalkDetails) -> bool {
        let Some((day_index, talk_index)) = self.find_talk(id) else {
            return false;
        };
        let new_date = details.start.date();
        self.days[day_index].talks[talk_index].apply_details(details);
        if self.days[day_index].date == new_date {
            self.days[day_index].sort_talks();
        } else {
            self.move_talk(day_index, talk_index, new_date);
        }
        true
    }

    /// Moves a talk to the day of `date` (made if missing), in time order there.
    pub fn move_talk(&mut self, day_index: usize, talk_index: usize, date: NaiveDate) {
        let talk = self.days[day_index].talks.remove(talk_index);
        let target = self.ensure_day(date);
        self.days[target].talks.push(talk);
        self.days[target].sort_talks();
    }

    /// Removes a talk and returns it (with its notes, so a caller can still save them).
    pub fn remove_talk(&mut self, id: &str) -> Option<Talk> {
        let (day_index, talk_index) = self.find_talk(id)?;
        Some(self.days[day_index].talks.remove(talk_index))
    }

    /// The notebook's time zone; UTC when it names none (or one this build does not know).
    pub fn zone(&self) -> super::Zone {
        super::Zone::parse(&self.time_zone).unwrap_or(super::Zone::Utc)
    }

    /// The first date outside the years talkbook reads ([`super::years`]), in file
    /// order: a day's date, or a talk's start or end.
    pub fn first_date_out_of_range(&self) -> Option<NaiveDate> {
        self.days.iter().find_map(|day| {
            std::iter::once(day.date)
                .chain(day.talks.iter().flat_map(|t| {
                    [Some(t.start), Some(t.end), t.stamps_from]
                        .into_iter()
                        .flatten()
                        .map(|moment| moment.date())
                }))
                .find(|date| !super::years::is_sane(*date))
        })
    }

    pub fn talk_count(&self) -> usize {
        self.days.iter().map(|day| day.talks.len()).sum()
    }
}

/// What the schedule says about a moment: the talks running then, and the next slot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NowAndNext {
    /// Ids of the talks running at that moment, in schedule order.
    pub running: Vec<String>,
    /// The first talk of the next slot to start, its start, and whole minutes until then.
    pub next: Option<(String, NaiveDateTime, i64)>,
}

impl Notebook {
    /// The talks running at `now` (a local time in the notebook's zone) and the next slot
    /// to start. Times are compared as absolute instants, so a clock change during the
    /// conference cannot confuse them. Talks removed from the schedule are not counted.
    pub fn now_and_next(&self, now: NaiveDateTime) -> NowAndNext {
        let zone = self.zone();
        let now_instant = zone.to_instant(now);
        let mut result = NowAndNext::default();
        let mut next: Option<(&Talk, chrono::DateTime<chrono::Utc>)> = None;
        for talk in self
            .days
            .iter()
            .flat_map(|day| &day.talks)
            .filter(|t| !t.removed)
        {
            let start = zone.to_instant(talk.start);
            if start <= now_instant && now_instant < zone.to_instant(talk.end) {
                result.running.push(talk.id.clone());
            } else if start > now_instant && next.is_none_or(|(_, best)| start < best) {
                next = Some((talk, start));
            }
        }
        result.next = next.map(|(talk, start)| {
            let seconds = (start - now_instant).num_seconds();
            (talk.id.clone(), talk.start, (seconds + 59) / 60)
        });
        result
    }
}

/// Parses `11:00`, `1100`, `9:05`, `1:05pm` or `1:05 PM` as a time of day.
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if let Some(clock) = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
    {
        let pm = lower.ends_with("pm");
        let (hour, minute) = clock.trim().split_once(':').unwrap_or((clock.trim(), "0"));
        let hour: u32 = hour.parse().ok().filter(|h| (1..=12).contains(h))?;
        let minute: u32 = minute.parse().ok()?;
        return NaiveTime::from_hms_opt(hour % 12 + if pm { 12 } else { 0 }, minute, 0);
    }
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H%M"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap()
            .and_time(parse_time_of_day(time).unwrap())
    }

    fn details(start: &str, end: &str, title: &str, room: &str) -> TalkDetails {
        TalkDetails {
            start: at("2024-05-18", start),
            end: at("2024-05-18", end),
            title: title.into(),
            speakers: vec!["Ada".into()],
            room: room.into(),
            recording: String::new(),
            lead_in: 0,
        }
    }

    #[test]
    fn talks_that_start_together_form_one_slot_in_time_order() {
        let mut notebook = Notebook::new("Conf", "");
        notebook.add_talk(details("14:00", "14:30", "Late", "A"));
        notebook.add_talk(details("11:00", "11:30", "Early B", "B"));
        notebook.add_talk(details("11:00", "11:30", "Early A", "A"));
        let day = &notebook.days[0];
        let slots = day.time_slots();
        assert_eq!(slots.len(), 2);
        let titles: Vec<&str> = slots[0]
            .talks
            .iter()
            .map(|&i| day.talks[i].title.as_str())
            .collect();
        assert_eq!(titles, ["Early A", "Early B"]);
        assert_eq!(day.talks[slots[1].talks[0]].title, "Late");
    }

    /// A hint is used only while the talk is still at it: a talk moved (a day added
    /// before its day, an earlier talk added to its day) or gone is found, or not, as
    /// without one.
    #[test]
    fn a_talk_is_found_where_it_is_whatever_the_hint_says() {
        let mut notebook = Notebook::new("Conf", "");
        let id = notebook.add_talk(details("11:00", "11:30", "One", ""));
        let place = notebook.find_talk(&id);
        assert_eq!(place, Some((0, 0)));
        assert_eq!(notebook.find_talk_near(&id, place), place);
        notebook.add_talk(details("09:00", "09:30", "Earlier", ""));
        let mut before = details("09:00", "09:30", "A day before", "");
        before.start = at("2024-05-17", "09:00");
        before.end = at("2024-05-17", "09:30");
        notebook.add_talk(before);
        let moved = notebook.find_talk(&id);
        assert_eq!(moved, Some((1, 1)));
        for hint in [None, place, Some((1, 0)), Some((7, 7)), Some((0, 9))] {
            assert_eq!(notebook.find_talk_near(&id, hint), moved, "{hint:?}");
            assert_eq!(
                notebook.notes_near(&NoteRef::Talk(id.clone()), hint),
                Some("")
            );
        }
        assert_eq!(notebook.find_talk_near("gone", moved), None);
        notebook
            .notes_mut_near(&NoteRef::Talk(id.clone()), place)
            .unwrap()
            .push_str("a note");
        assert_eq!(notebook.talk(&id).unwrap().notes, "a note");
    }

    #[test]
    fn local_ids_are_unique_and_days_are_created_in_order() {
        let mut notebook = Notebook::new("Conf", "");
        let first = notebook.add_talk(details("11:00", "11:30", "One", ""));
        let mut later = details("09:00", "09:30", "Two", "");
        later.start = at("2024-05-20", "09:00");
        later.end = at("2024-05-20", "09:30");
        let second = notebook.add_talk(later);
        let mut earlier = details("09:00", "09:30", "Zero", "");
        earlier.start = at("2024-05-17", "09:00");
        let third = notebook.add_talk(earlier);
        assert_eq!([first, second, third], ["local-1", "local-2", "local-3"]);
        let dates: Vec<String> = notebook.days.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2024-05-17", "2024-05-18", "2024-05-20"]);
    }

    #[test]
    fn toggling_a_state_twice_returns_to_unmarked() {
        let mut notebook = Notebook::new("Conf", "");
        let id = notebook.add_talk(details("11:00", "11:30", "One", ""));
        let talk = notebook.talk_mut(&id).unwrap();
        talk.toggle_state(TalkState::Attended);
        assert_eq!(talk.state, TalkState::Attended);
        talk.toggle_state(TalkState::Skipped);
        assert_eq!(talk.state, TalkState::Skipped);
        talk.toggle_state(TalkState::Skipped);
        assert_eq!(talk.state, TalkState::Unmarked);
    }

    #[test]
    fn updating_a_talk_keeps_its_notes_and_can_move_it_to_another_day() {
        let mut notebook = Notebook::new("Conf", "");
        let id = notebook.add_talk(details("11:00", "11:30", "One", ""));
        notebook.talk_mut(&id).unwrap().notes = "keep me".into();
        let mut moved = details("10:00", "10:30", "One renamed", "Hall");
        moved.start = at("2024-05-19", "10:00");
        moved.end = at("2024-05-19", "10:30");
        assert!(notebook.update_talk(&id, moved));
        let (day, _) = notebook.find_talk(&id).unwrap();
        assert_eq!(notebook.days[day].date.to_string(), "2024-05-19");
        let talk = notebook.talk(&id).unwrap();
        assert_eq!(talk.notes, "keep me");
        assert_eq!(talk.title, "One renamed");
        assert_eq!(talk.room, "Hall");
    }

    #[test]
    fn notes_are_addressed_by_day_or_talk() {
        let mut notebook = Notebook::new("Conf", "");
        let id = notebook.add_talk(details("11:00", "11:30", "One", ""));
        let date = notebook.days[0].date;
        *notebook.notes_mut(&NoteRef::Day(date)).unwrap() = "hallway".into();
        *notebook.notes_mut(&NoteRef::Talk(id.clone())).unwrap() = "talk".into();
        assert_eq!(notebook.notes(&NoteRef::Day(date)), Some("hallway"));
        assert_eq!(notebook.notes(&NoteRef::Talk(id)), Some("talk"));
        assert_eq!(notebook.notes(&NoteRef::Talk("nope".into())), None);
    }

    #[test]
    fn now_and_next_compare_instants_and_skip_removed_talks() {
        let mut notebook = Notebook::new("Conf", "Europe/Berlin");
        let a = notebook.add_talk(details("11:00", "11:30", "A", "1"));
        let b = notebook.add_talk(details("11:00", "12:00", "B", "2"));
        let c = notebook.add_talk(details("13:00", "13:30", "C", "1"));
        let d = notebook.add_talk(details("12:30", "13:00", "D", "1"));
        notebook.talk_mut(&d).unwrap().removed = true;
        let at = |time| notebook.now_and_next(at("2024-05-18", time));
        let now = at("11:10");
        assert_eq!(now.running, [a, b.clone()]);
        assert_eq!(
            now.next
                .as_ref()
                .map(|(id, _, minutes)| (id.as_str(), *minutes)),
            Some((c.as_str(), 110))
        );
        assert_eq!(
            at("11:30").running,
            [b],
            "a talk ends when the next minute starts"
        );
        let before = at("10:59");
        assert!(before.running.is_empty());
        assert_eq!(before.next.unwrap().2, 1);
        let after = at("14:00");
        assert!(after.running.is_empty() && after.next.is_none());
    }

    #[test]
    fn times_of_day_parse_with_or_without_colon() {
        assert_eq!(parse_time_of_day("1100"), parse_time_of_day("11:00"));
        assert_eq!(parse_time_of_day(" 9:05 ").unwrap().to_string(), "09:05:00");
        assert!(parse_time_of_day("25:00").is_none());
        assert!(parse_time_of_day("soon").is_none());
        assert_eq!(parse_time_of_day("1:05pm").unwrap().to_string(), "13:05:00");
        assert_eq!(
            parse_time_of_day("12:30 AM").unwrap().to_string(),
            "00:30:00"
        );
        assert_eq!(
            parse_time_of_day("12:00pm").unwrap().to_string(),
            "12:00:00"
        );
        assert_eq!(parse_time_of_day("9pm").unwrap().to_string(), "21:00:00");
        assert!(parse_time_of_day("13:00pm").is_none());
    }
}
