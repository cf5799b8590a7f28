//! Export as a folder of markdown files, ready to drop into an Obsidian or Logseq vault:
//! one file per talk with YAML front matter, one index file per day (its day notes, links
//! to its talks, its follow-ups) and `index.md` linking the days.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::{
    ExportOptions, TalksById, exported_days, follow_up_task, push_notes, talk_heading,
    with_one_final_newline,
};
use crate::model::{ClockFormat, Day, NoteRef, Notebook, Talk, TalkState, followup};
use crate::text::{clean_line, slug_or};

/// One file of a split export: its name inside the folder, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile {
    pub name: String,
    pub contents: String,
}

pub const INDEX_FILE: &str = "index.md";

/// The files of a split export, `index.md` first. File names are plain ASCII and unique.
pub fn to_split_markdown(notebook: &Notebook, options: ExportOptions) -> Vec<SplitFile> {
    let talks_by_id = TalksById::of(notebook);
    // Each note's follow-ups, in the order they were written.
    let mut follow_ups: HashMap<NoteRef, Vec<followup::FollowUp>> = HashMap::new();
    for item in followup::collect(notebook) {
        follow_ups.entry(item.note.clone()).or_default().push(item);
    }
    let mut used_names = HashSet::from([INDEX_FILE.to_string()]);
    let mut day_files = Vec::new();
    let mut talk_files = Vec::new();
    let mut day_links = Vec::new();
    for (day, talks) in exported_days(notebook, options) {
        let day_name = unique_name(&mut used_names, &day.date.format("%Y-%m-%d").to_string());
        let mut links = Vec::new();
        for talk in talks {
            let stem = format!(
                "{}-{}",
                talk.start.format("%Y-%m-%d-%H%M"),
                slug_or(&clean_line(&talk.title), "talk")
            );
            let name = unique_name(&mut used_names, &stem);
            talk_files.push(SplitFile {
                contents: talk_file(notebook, talk, &day_name, options.clock),
                name: name.clone(),
            });
            links.push((talk, name));
        }
        // The day's notes first, then its talks in schedule order.
        let notes = std::iter::once(NoteRef::Day(day.date))
            .chain(links.iter().map(|(talk, _)| NoteRef::Talk(talk.id.clone())));
        let day_follow_ups: Vec<String> = notes
            .filter_map(|note| follow_ups.get(&note))
            .flatten()
            .map(|item| follow_up_task(&talks_by_id, item, options.clock))
            .collect();
        day_files.push(SplitFile {
            contents: day_file(notebook, day, &links, &day_follow_ups, options.clock),
            name: day_name.clone(),
        });
        day_links.push((day.heading(), day_name));
    }
    let mut files = vec![SplitFile {
        name: INDEX_FILE.to_string(),
        contents: index_file(notebook, &day_links),
    }];
    files.extend(day_files);
    files.extend(talk_files);
    files
}

/// `# Title` and a link to each day's file.
fn index_file(notebook: &Notebook, days: &[(String, String)]) -> String {
    let mut out = String::new();
    writeln!(out, "# {}\n", clean_line(&notebook.title)).unwrap();
    for (heading, name) in days {
        writeln!(out, "- [{heading}]({name})").unwrap();
    }
    with_one_final_newline(out)
}

fn day_file(
    notebook: &Notebook,
    day: &Day,
    talks: &[(&Talk, String)],
    follow_ups: &[String],
    clock: ClockFormat,
) -> String {
    let mut out = String::from("---\n");
    front_matter(
        &mut out,
        "title",
        &yaml_string(&format!("{} — {}", notebook.title, day.heading())),
    );
    front_matter(&mut out, "date", &day.date.format("%Y-%m-%d").to_string());
    front_matter(
        &mut out,
        "tags",
        &yaml_list(&["talkbook".into(), "day".into()]),
    );
    out.push_str("---\n\n");
    writeln!(out, "# {}\n", day.heading()).unwrap();
    writeln!(out, "[{}]({INDEX_FILE})\n", link_text(&notebook.title)).unwrap();
    if !day.notes.trim().is_empty() {
        out.push_str("## Day notes\n\n");
        push_notes(&mut out, &day.notes);
    }
    if !talks.is_empty() {
        out.push_str("## Talks\n\n");
        for (talk, name) in talks {
            writeln!(out, "- [{}]({name})", link_text(&talk_heading(talk, clock))).unwrap();
        }
        out.push('\n');
    }
    if !follow_ups.is_empty() {
        out.push_str("## Follow-ups\n\n");
        for task in follow_ups {
            writeln!(out, "{task}").unwrap();
        }
    }
    with_one_final_newline(out)
}

fn talk_file(notebook: &Notebook, talk: &Talk, day_file: &str, clock: ClockFormat) -> String {
    let mut out = String::from("---\n");
    front_matter(&mut out, "title", &yaml_string(&talk.title));
    front_matter(&mut out, "speakers", &yaml_list(&talk.speakers));
    front_matter(&mut out, "room", &yaml_string(&talk.room));
    front_matter(
        &mut out,
        "start",
        &talk.start.format("%Y-%m-%dT%H:%M").to_string(),
    );
    front_matter(
        &mut out,
        "end",
        &talk.end.format("%Y-%m-%dT%H:%M").to_string(),
    );
    if !notebook.time_zone.is_empty() {
        front_matter(&mut out, "time_zone", &yaml_string(&notebook.time_zone));
    }
    let state = match talk.state {
        TalkState::Unmarked => "unmarked",
        other => other.word(),
    };
    front_matter(&mut out, "state", state);
    if !talk.rating.is_none() {
        front_matter(&mut out, "rating", &talk.rating.stars().to_string());
    }
    let mut tags = vec!["talkbook".to_string(), "talk".to_string()];
    if talk.state != TalkState::Unmarked {
        tags.push(state.to_string());
    }
    if !talk.track.trim().is_empty() {
        tags.push(slug_or(&talk.track, "track"));
    }
    front_matter(&mut out, "tags", &yaml_list(&tags));
    if !talk.link.is_empty() {
        front_matter(&mut out, "link", &yaml_string(&talk.link));
    }
    if !talk.recording.trim().is_empty() {
        front_matter(&mut out, "recording", &yaml_string(talk.recording.trim()));
    }
    if talk.removed {
        front_matter(&mut out, "removed_from_schedule", "true");
    }
    out.push_str("---\n\n");
    writeln!(out, "# {}\n", clean_line(&talk.title)).unwrap();
    // What the front matter says, for reading without a vault: when, who, where, state.
    let mut facts = vec![talk.time_range_in(clock)];
    if !talk.speakers.is_empty() {
        facts.push(clean_line(&talk.speakers_joined()).into_owned());
    }
    if !talk.room.is_empty() {
        facts.push(clean_line(&talk.room).into_owned());
    }
    if talk.state != TalkState::Unmarked {
        facts.push(talk.state.word().to_string());
    }
    if !talk.rating.is_none() {
        facts.push(talk.rating.symbols());
    }
    if talk.removed {
        facts.push("removed from schedule".to_string());
    }
    let day = talk.start.date().format("%A, %-d %B %Y");
    writeln!(
        out,
        "{} · [{day}]({day_file})\n",
        link_text(&facts.join(" · "))
    )
    .unwrap();
    push_notes(&mut out, &super::recording::link_stamps_of(talk));
    with_one_final_newline(out)
}

fn front_matter(out: &mut String, key: &str, value: &str) {
    writeln!(out, "{key}: {value}").unwrap();
}

/// A YAML double-quoted scalar: safe for any text, including `:` and `#`.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in clean_line(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| yaml_string(item)).collect();
    format!("[{}]", items.join(", "))
}

/// Text safe inside `[...]` of a markdown link.
fn link_text(text: &str) -> String {
    clean_line(text)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// `stem.md`, or `stem-2.md` and so on when that name is taken.
fn unique_name(used: &mut HashSet<String>, stem: &str) -> String {
    let mut name = format!("{stem}.md");
    let mut counter = 2;
    while used.contains(&name) {
        name = format!("{stem}-{counter}.md");
        counter += 1;
    }
    used.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::sample;

    fn file<'a>(files: &'a [SplitFile], name: &str) -> &'a str {
        &files
            .iter()
            .find(|file| file.name == name)
            .unwrap_or_else(|| {
                panic!(
                    "no {name} in {:?}",
                    files.iter().map(|f| &f.name).collect::<Vec<_>>()
                )
            })
            .contents
    }

    #[test]
    fn writes_an_index_a_day_file_and_a_file_per_exported_talk() {
        let files = to_split_markdown(&sample(), ExportOptions::default());
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "index.md",
                "2024-05-18.md",
                "2024-05-18-1145-flask.md",
                "2024-05-18-1230-ruff.md",
                "2024-05-18-1530-monsters.md",
            ]
        );
        assert_eq!(
            file(&files, "index.md"),
            "# PyCon US 2024\n\n- [Saturday, 18 May 2024](2024-05-18.md)\n"
        );
    }

    #[test]
    fn a_talk_file_has_front_matter_then_its_notes() {
        let files = to_split_markdown(&sample(), ExportOptions::default());
        assert_eq!(
            file(&files, "2024-05-18-1230-ruff.md"),
            "\
---
title: \"Ruff\"
speakers: [\"Charlie Marsh\"]
room: \"Hall A\"
start: 2024-05-18T12:30
end: 2024-05-18T13:00
time_zone: \"America/New_York\"
state: attended
tags: [\"talkbook\", \"talk\", \"attended\"]
---

# Ruff

12:30–13:00 · Charlie Marsh · Hall A · attended · [Saturday, 18 May 2024](2024-05-18.md)

fast
- [ ] read the blog post
"
        );
    }

    #[test]
    fn the_day_file_holds_day_notes_links_and_follow_ups() {
        let files = to_split_markdown(&sample(), ExportOptions::default());
        let day = file(&files, "2024-05-18.md");
        assert!(
            day.starts_with(
                "---\ntitle: \"PyCon US 2024 — Saturday, 18 May 2024\"\ndate: 2024-05-18\n"
            ),
            "{day}"
        );
        assert!(
            day.contains("## Day notes\n\ntip from the vendor area\n"),
            "{day}"
        );
        assert!(day.contains("- [12:30–13:00 · Ruff — Charlie Marsh (Hall A) · attended](2024-05-18-1230-ruff.md)\n"), "{day}");
        assert!(day.contains("## Follow-ups\n\n- [x] try Quart — Flask (11:45)\n- [ ] read the blog post — Ruff (12:30)\n"), "{day}");
    }

    #[test]
    fn attended_only_leaves_out_the_other_talks_and_their_follow_ups() {
        let files = to_split_markdown(
            &sample(),
            ExportOptions {
                attended_only: true,
                ..Default::default()
            },
        );
        assert_eq!(files.len(), 3);
        assert!(!file(&files, "2024-05-18.md").contains("Quart"));
    }

    #[test]
    fn untrusted_titles_cannot_break_the_front_matter_or_the_links() {
        let mut notebook = sample();
        let talk = &mut notebook.days[0].talks[1];
        talk.title = "Ruff: \"fast\" [x] \\ #1\n---\x1b[2J".into();
        talk.track = "Python & Rust".into();
        let files = to_split_markdown(&notebook, ExportOptions::default());
        let name = "2024-05-18-1230-ruff-fast-x-1.md";
        let talk_file = file(&files, name);
        assert!(
            talk_file.contains("title: \"Ruff: \\\"fast\\\" [x] \\\\ #1---\"\n"),
            "{talk_file}"
        );
        assert!(
            talk_file.contains("tags: [\"talkbook\", \"talk\", \"attended\", \"python-rust\"]\n")
        );
        let rules = talk_file.lines().filter(|line| *line == "---").count();
        assert_eq!(rules, 2, "only the front matter's own lines: {talk_file}");
        assert!(!files.iter().any(|f| f.contents.contains('\x1b')));
        let day_file = file(&files, "2024-05-18.md");
        assert!(day_file.contains("[12:30–13:00 · Ruff: \"fast\" \\[x\\] \\\\ #1---"));
        assert!(
            !files.iter().any(|f| f.contents.contains("[2J")),
            "the whole sequence goes"
        );
    }

    #[test]
    fn talks_with_the_same_start_and_title_get_distinct_files() {
        let mut notebook = sample();
        let mut twin = notebook.days[0].talks[1].clone();
        twin.id = "twin".into();
        twin.room = "Hall B".into();
        notebook.days[0].talks.push(twin);
        notebook.days[0].sort_talks();
        let files = to_split_markdown(&notebook, ExportOptions::default());
        assert!(files.iter().any(|f| f.name == "2024-05-18-1230-ruff.md"));
        assert!(files.iter().any(|f| f.name == "2024-05-18-1230-ruff-2.md"));
    }
}
