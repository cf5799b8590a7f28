//! Which talk a section is about: the time its heading names and how close its words
//! are to a talk's title (typed live, titles are shortened and misspelled).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Timelike as _};

use super::reading::Section;
use crate::model::Notebook;

pub(super) const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "how", "your", "you", "its", "from", "into", "our", "are",
];

pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|word| word.chars().count() >= 3 && !STOP_WORDS.contains(&word.as_str()))
        .collect()
}

/// Edit distance between two short words, at most `limit + 1`.
pub(super) fn distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// Whether a word of a heading stands for a word of a talk: the same, misspelled by a
/// letter (`documentatoin`), or shortened (`docs`, `async`).
pub(super) fn same_word(heading: &str, talk: &str) -> bool {
    heading == talk
        || (heading.chars().count() >= 4 && talk.starts_with(heading))
        || (heading.chars().count() >= 5 && distance(heading, talk, 2) <= 2)
}

/// Below this share of a heading's words, a title alone names no talk.
pub(super) const TITLE_ONLY_MATCH: f64 = 0.5;

/// The notebook's talks as headings are matched against them, prepared once per import:
/// thousands of headings against a thousand talks take a moment, not minutes.
pub(super) struct Matcher {
    /// Each talk's id and day, in notebook order.
    pub(super) talks: Vec<Candidate>,
    /// Talks by their start (hour, minute).
    pub(super) by_time: HashMap<(u32, u32), Vec<usize>>,
    /// Every distinct word of the talks, with the talks that have it.
    pub(super) vocabulary: HashMap<String, Vec<usize>>,
    /// For each heading word seen so far: the talks with a word it stands for.
    pub(super) stands_for: HashMap<String, Vec<usize>>,
}

pub(super) struct Candidate {
    pub(super) id: String,
    pub(super) date: NaiveDate,
    pub(super) start: chrono::NaiveDateTime,
    pub(super) end: chrono::NaiveDateTime,
}

impl Matcher {
    pub(super) fn new(notebook: &Notebook) -> Matcher {
        let mut matcher = Matcher {
            talks: Vec::new(),
            by_time: HashMap::new(),
            vocabulary: HashMap::new(),
            stands_for: HashMap::new(),
        };
        for day in &notebook.days {
            for talk in &day.talks {
                let at = matcher.talks.len();
                let words = words(&format!("{} {}", talk.title, talk.speakers.join(" ")));
                for word in &words {
                    let talks = matcher.vocabulary.entry(word.clone()).or_default();
                    if talks.last() != Some(&at) {
                        talks.push(at);
                    }
                }
                let start = (talk.start.hour(), talk.start.minute());
                matcher.by_time.entry(start).or_default().push(at);
                matcher.talks.push(Candidate {
                    id: talk.id.clone(),
                    date: day.date,
                    start: talk.start,
                    end: talk.end,
                });
            }
        }
        matcher
    }

    /// The talks with a word that `heading_word` stands for (see [`same_word`]).
    pub(super) fn talks_for(&mut self, heading_word: &str) -> &[usize] {
        if !self.stands_for.contains_key(heading_word) {
            let mut talks: Vec<usize> = self
                .vocabulary
                .iter()
                .filter(|(word, _)| same_word(heading_word, word))
                .flat_map(|(_, talks)| talks.iter().copied())
                .collect();
            talks.sort_unstable();
            talks.dedup();
            self.stands_for.insert(heading_word.to_string(), talks);
        }
        &self.stands_for[heading_word]
    }

    /// The talk a section belongs to: by its time (and the closest title among the
    /// talks then), else a talk running then whose title it names (FlaskCon's block all
    /// afternoon), else by its title alone. Of equals, the one on `prefer` (the day of
    /// the section before) wins, then the first in the notebook.
    pub(super) fn find(&mut self, section: &Section, prefer: Option<NaiveDate>) -> Option<usize> {
        let heading = words(&section.title);
        let on_the_day = |talk: &Candidate| section.date.is_none_or(|date| talk.date == date);
        // How many of the heading's words each talk has.
        let mut found: HashMap<usize, usize> = HashMap::new();
        for word in &heading {
            for &talk in self.talks_for(word) {
                *found.entry(talk).or_default() += 1;
            }
        }
        let score = |talk: usize| match heading.len() {
            0 => 0.0,
            n => found.get(&talk).copied().unwrap_or(0) as f64 / n as f64,
        };
        let preferred = |talk: usize| prefer == Some(self.talks[talk].date);
        let best = |candidates: &mut dyn Iterator<Item = usize>| {
            candidates.fold(None, |best: Option<(f64, usize)>, talk| {
                let score = score(talk);
                match best {
                    Some((top, _)) if top > score => best,
                    Some((top, kept)) if top == score && (preferred(kept) || !preferred(talk)) => {
                        Some((top, kept))
                    }
                    _ => Some((score, talk)),
                }
            })
        };
        if let Some(time) = section.time {
            let at_that_time: Vec<usize> = self
                .by_time
                .get(&(time.hour(), time.minute()))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&talk| on_the_day(&self.talks[talk]))
                .collect();
            if let [only] = at_that_time[..] {
                return Some(only);
            }
            if let Some((score, talk)) = best(&mut at_that_time.into_iter())
                && (score > 0.0 || heading.is_empty())
            {
                return Some(talk);
            }
            let mut running: Vec<usize> = found
                .keys()
                .copied()
                .filter(|&talk| {
                    let candidate = &self.talks[talk];
                    let at = candidate.date.and_time(time);
                    on_the_day(candidate) && candidate.start <= at && at < candidate.end
                })
                .collect();
            running.sort_unstable();
            if let Some((score, talk)) = best(&mut running.into_iter())
                && score > 0.0
            {
                return Some(talk);
            }
        }
        let mut candidates = found
            .keys()
            .copied()
            .filter(|&talk| on_the_day(&self.talks[talk]))
            .collect::<Vec<_>>();
        candidates.sort_unstable();
        match best(&mut candidates.into_iter()) {
            Some((score, talk)) if score >= TITLE_ONLY_MATCH => Some(talk),
            _ => None,
        }
    }
}

/// The words of `text` as written, lowercase: every run of letters and digits.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Whether a heading says nothing but what its talk says: every word of it is a word of
/// the talk's title or speakers (the time and an export's `· attended` aside). Else the
/// heading carries words of the person's own (`11:00 Opening - boring, left early`)
/// and is kept at the top of the talk's notes.
pub(super) fn heading_is_the_talk(section: &Section, talk: &crate::model::Talk) -> bool {
    // talkbook's export writes `title — speakers (room)`.
    let talk_words: HashSet<String> = tokens(&talk.title)
        .chain(talk.speakers.iter().flat_map(|speaker| tokens(speaker)))
        .chain(tokens(&talk.room))
        .collect();
    tokens(&section.title).all(|word| talk_words.contains(&word))
}
