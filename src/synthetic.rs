//! Synthetic conferences and notebooks of any size, for benchmarks and load tests: the
//! same seed always gives the same data. Titles, speakers and abstracts are assembled
//! from word lists so they have realistic lengths.

use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};

use crate::model::{Day, Notebook, Talk, TalkState};

const TOPICS: &[&str] = &[
    "Rust",
    "Python",
    "Kubernetes",
    "PostgreSQL",
    "WebAssembly",
    "Linux",
    "Security",
    "Compilers",
    "Embedded",
    "Observability",
    "Databases",
    "Networking",
    "Accessibility",
    "Testing",
    "Open Data",
];
const PATTERNS: &[&str] = &[
    "Scaling {} without losing your mind",
    "What we learned running {} in production",
    "{} from first principles",
    "A gentle introduction to {}",
    "Ten years of {}: a retrospective",
    "Debugging {} at three in the morning",
    "Making {} fast: profiling stories",
    "{} for the rest of us",
];
const FIRST: &[&str] = &[
    "Ada", "Grace", "Linus", "Margaret", "Guido", "Barbara", "Ken", "Frances", "Dennis", "Radia",
];
const LAST: &[&str] = &[
    "Lovelace", "Hopper", "Hamilton", "Liskov", "Thompson", "Allen", "Ritchie", "Perlman", "Knuth",
    "Wirth",
];
const WORDS: &[&str] = &[
    "the",
    "system",
    "we",
    "built",
    "because",
    "latency",
    "matters",
    "and",
    "users",
    "notice",
    "every",
    "millisecond",
    "so",
    "this",
    "talk",
    "shows",
    "how",
    "measurements",
    "guided",
    "design",
];

/// A small deterministic generator (xorshift), so no dependency and no surprises.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| self.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ConferenceSize {
    pub talks: usize,
    pub days: usize,
    pub rooms: usize,
}

impl ConferenceSize {
    /// A very large conference: 1,000 talks, 3 days, 40 rooms (FOSDEM has ~900 in 35).
    pub const LARGE: ConferenceSize = ConferenceSize {
        talks: 1000,
        days: 3,
        rooms: 40,
    };
}

struct Generated {
    id: String,
    day: usize,
    start_minutes: i64,
    length_minutes: i64,
    title: String,
    speakers: Vec<String>,
    room: String,
    track: String,
    abstract_text: String,
}

fn generate(size: ConferenceSize, seed: u64) -> Vec<Generated> {
    let mut random = Random(seed | 1);
    let per_day = size.talks.div_ceil(size.days.max(1));
    (0..size.talks)
        .map(|index| {
            let day = index / per_day;
            let in_day = index % per_day;
            let room = in_day % size.rooms.max(1);
            let slot = (in_day / size.rooms.max(1)) as i64;
            let topic = random.pick(TOPICS);
            let pattern = random.pick(PATTERNS);
            let speakers = (0..1 + random.next() % 2)
                .map(|_| format!("{} {}", random.pick(FIRST), random.pick(LAST)))
                .collect();
            let abstract_text = (0..3)
                .map(|_| random.sentence(25))
                .collect::<Vec<_>>()
                .join(".\n\n");
            Generated {
                id: format!("synthetic-{index:05}"),
                day,
                start_minutes: 9 * 60 + slot * 30,
                length_minutes: 25,
                title: pattern.replace("{}", topic),
                speakers,
                room: format!("Room {:02}", room + 1),
                track: topic.to_string(),
                abstract_text,
            }
        })
        .collect()
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 2, 1).unwrap()
}

/// A notebook with a generated schedule and no notes.
pub fn notebook(size: ConferenceSize, seed: u64) -> Notebook {
    let mut notebook = Notebook::new("Synthetic Conference", "Europe/Brussels");
    for generated in generate(size, seed) {
        let date = first_day() + Duration::days(generated.day as i64);
        let start = date.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(generated.start_minutes);
        let mut talk = Talk::new(
            generated.id,
            start,
            start + Duration::minutes(generated.length_minutes),
        );
        talk.title = generated.title;
        talk.speakers = generated.speakers;
        talk.room = generated.room;
        talk.track = generated.track;
        talk.abstract_text = generated.abstract_text;
        let index = notebook.ensure_day(date);
        notebook.days[index].talks.push(talk);
    }
    notebook.normalize();
    notebook
}

/// The same conference with a day of notes taken: one long note of `long_note_lines`
/// lines on the first talk, and shorter notes (with follow-ups) spread over other talks
/// until the notes total about `total_bytes`.
pub fn notebook_with_notes(
    size: ConferenceSize,
    seed: u64,
    long_note_lines: usize,
    total_bytes: usize,
) -> Notebook {
    let mut notebook = notebook(size, seed);
    let mut random = Random(seed.wrapping_mul(31) | 1);
    let long_note: String = (0..long_note_lines)
        .map(|n| {
            if n % 50 == 0 {
                format!("- [ ] look up {}", random.sentence(4))
            } else {
                random.sentence(6)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut written = long_note.len();
    notebook.days[0].talks[0].notes = long_note;
    notebook.days[0].talks[0].state = TalkState::Attended;
    notebook.days[0].notes = "Hallway: ask about the benchmark setup\nTODO: send slides".into();
    let talks: Vec<(usize, usize)> = notebook
        .days
        .iter()
        .enumerate()
        .flat_map(|(d, day): (usize, &Day)| (0..day.talks.len()).map(move |t| (d, t)))
        .skip(1)
        .collect();
    for (n, (d, t)) in talks.iter().cycle().enumerate() {
        if written >= total_bytes {
            break;
        }
        let talk = &mut notebook.days[*d].talks[*t];
        let note: String = (0..20)
            .map(|line| {
                if line == 0 && n % 3 == 0 {
                    format!("- [ ] follow up on {}", random.sentence(3))
                } else {
                    random.sentence(8)
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        if !talk.notes.is_empty() {
            talk.notes.push('\n');
            written += 1;
        }
        written += note.len();
        talk.notes.push_str(&note);
        talk.state = if n % 5 == 0 {
            TalkState::Skipped
        } else {
            TalkState::Attended
        };
    }
    notebook
}

/// The id of the talk whose notes have the most lines, and that count (`None` for a
/// notebook without talks): where the long note of [`notebook_with_notes`] ended up once
/// the talks were sorted.
pub fn longest_note(notebook: &Notebook) -> Option<(String, usize)> {
    notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .map(|talk| (talk.id.clone(), talk.notes.lines().count()))
        .max_by_key(|(_, lines)| *lines)
}

/// The id of a talk with `lines` lines of notes, if there is one.
pub fn note_with_lines(notebook: &Notebook, lines: usize) -> Option<String> {
    notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .find(|talk| talk.notes.lines().count() == lines)
        .map(|talk| talk.id.clone())
}

/// The conference as a pretalx/frab `schedule.json` document.
pub fn schedule_json(size: ConferenceSize, seed: u64) -> String {
    let generated = generate(size, seed);
    let days: Vec<Value> = (0..size.days)
        .map(|day| {
            let date = first_day() + Duration::days(day as i64);
            let mut rooms = serde_json::Map::new();
            for event in generated.iter().filter(|e| e.day == day) {
                let start = date.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(event.start_minutes);
                let entry = json!({
                    "guid": event.id,
                    "id": event.id,
                    "date": format!("{}+01:00", start.format("%Y-%m-%dT%H:%M:%S")),
                    "start": start.format("%H:%M").to_string(),
                    "duration": format!("00:{:02}", event.length_minutes),
                    "room": event.room,
                    "title": event.title,
                    "track": event.track,
                    "abstract": event.abstract_text,
                    "persons": event.speakers.iter().map(|s| json!({"public_name": s})).collect::<Vec<_>>(),
                });
                rooms
                    .entry(event.room.clone())
                    .or_insert_with(|| Value::Array(Vec::new()))
                    .as_array_mut()
                    .unwrap()
                    .push(entry);
            }
            json!({"index": day + 1, "date": date.to_string(), "rooms": rooms})
        })
        .collect();
    json!({"schedule": {"conference": {
        "title": "Synthetic Conference",
        "time_zone_name": "Europe/Brussels",
        "days": days,
    }}})
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_the_requested_size_deterministically() {
        let notebook = notebook(ConferenceSize::LARGE, 7);
        assert_eq!(notebook.talk_count(), 1000);
        assert_eq!(notebook.days.len(), 3);
        let rooms: std::collections::HashSet<&str> = notebook
            .days
            .iter()
            .flat_map(|d| &d.talks)
            .map(|t| t.room.as_str())
            .collect();
        assert_eq!(rooms.len(), 40);
        assert_eq!(notebook, super::notebook(ConferenceSize::LARGE, 7));
    }

    #[test]
    fn notes_reach_the_requested_size_with_one_long_note() {
        let notebook = notebook_with_notes(ConferenceSize::LARGE, 7, 5000, 1024 * 1024);
        let total: usize = notebook
            .days
            .iter()
            .flat_map(|d| &d.talks)
            .map(|t| t.notes.len())
            .sum();
        assert!(
            (1024 * 1024..1024 * 1024 + 4096).contains(&total),
            "{total}"
        );
        assert_eq!(notebook.days[0].talks[0].notes.lines().count(), 5000);
    }

    #[test]
    fn the_schedule_json_imports_as_the_same_conference() {
        let text = schedule_json(ConferenceSize::LARGE, 7);
        let schedule = crate::import::parse("synthetic.json", &text).unwrap();
        assert_eq!(schedule.events.len(), 1000);
    }
}
