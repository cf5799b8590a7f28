//! The trip report: `talkbook report NOTEBOOK`. After the conference, the story of it in
//! one markdown document, readable as it is and ready for a wiki or a blog:
//!
//! 1. a header: the conference, its dates, how many talks were attended, per day;
//! 2. highlights: the rated talks, best first, with the first lines of their notes;
//! 3. every attended talk, per day, with its notes;
//! 4. people: every `@Name` in the notes, with the talks where they came up;
//! 5. open follow-ups;
//! 6. watch later: skipped and missed talks, with their recordings;
//! 7. the links the schedule gave for the attended talks (slides, resources).
//!
//! Sections with nothing in them are left out. [`super::html`] turns it into a page.

use std::fmt::Write as _;

use chrono::NaiveDateTime;

use super::{TalksById, follow_up_task, links_line, push_notes, recording};
use crate::model::labels::talk_title_line;
use crate::model::{ClockFormat, Day, Notebook, Talk, TalkState, followup, people};
use crate::text::{clean_line, clip};

/// How many lines of a rated talk's notes the highlights quote, and how long each may be.
const HIGHLIGHT_LINES: usize = 2;
const HIGHLIGHT_LINE_CHARS: usize = 200;

#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    pub clock: ClockFormat,
    /// The moment the report is written, in the conference's zone: a planned talk that
    /// is over by then and was not attended was missed.
    pub now: NaiveDateTime,
}

/// The trip report of `notebook`, as markdown.
pub fn to_report(notebook: &Notebook, options: ReportOptions) -> String {
    let mut out = String::new();
    header(&mut out, notebook);
    highlights(&mut out, notebook, options.clock);
    attended(&mut out, notebook, options.clock);
    people_section(&mut out, notebook);
    open_follow_ups(&mut out, notebook, options.clock);
    watch_later(&mut out, notebook, options);
    schedule_links(&mut out, notebook);
    super::with_one_final_newline(out)
}

fn attended_talks(day: &Day) -> impl Iterator<Item = &Talk> {
    day.talks
        .iter()
        .filter(|talk| talk.state == TalkState::Attended)
}

/// `Friday 17 May, 11:00`: where a talk sits in the conference.
fn when(talk: &Talk, clock: ClockFormat) -> String {
    format!(
        "{}, {}",
        talk.start.format("%A %-d %B"),
        clock.time(talk.start)
    )
}

fn header(out: &mut String, notebook: &Notebook) {
    writeln!(out, "# Trip report: {}\n", clean_line(&notebook.title)).unwrap();
    let days: Vec<&Day> = notebook
        .days
        .iter()
        .filter(|day| !day.talks.is_empty() || !day.notes.trim().is_empty())
        .collect();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        out.push_str("Nothing in this notebook yet.\n\n");
        return;
    };
    let dates = if first.date == last.date {
        first.heading()
    } else {
        format!("{} to {}", first.heading(), last.heading())
    };
    let total: usize = days.iter().map(|day| attended_talks(day).count()).sum();
    let per_day: Vec<String> = days
        .iter()
        .map(|day| {
            format!(
                "{} {}",
                day.date.format("%a %-d %b"),
                attended_talks(day).count()
            )
        })
        .collect();
    writeln!(
        out,
        "{dates} · {total} {} attended ({})\n",
        if total == 1 { "talk" } else { "talks" },
        per_day.join(" · ")
    )
    .unwrap();
}

fn highlights(out: &mut String, notebook: &Notebook, clock: ClockFormat) {
    let mut rated: Vec<&Talk> = notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .filter(|talk| !talk.rating.is_none())
        .collect();
    if rated.is_empty() {
        return;
    }
    // Best first; among equals, in the order they were given.
    rated.sort_by_key(|talk| (std::cmp::Reverse(talk.rating), talk.start));
    out.push_str("## Highlights\n\n");
    for talk in rated {
        writeln!(
            out,
            "- {} **{}** ({})",
            talk.rating.symbols(),
            talk_title_line(talk),
            when(talk, clock)
        )
        .unwrap();
        for line in talk
            .notes
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .take(HIGHLIGHT_LINES)
        {
            writeln!(out, "  > {}", clip(&clean_line(line), HIGHLIGHT_LINE_CHARS)).unwrap();
        }
    }
    out.push('\n');
}

fn attended(out: &mut String, notebook: &Notebook, clock: ClockFormat) {
    out.push_str("## Talks attended\n\n");
    let mut any = false;
    for day in &notebook.days {
        let talks: Vec<&Talk> = attended_talks(day).collect();
        if talks.is_empty() {
            continue;
        }
        any = true;
        writeln!(out, "### {}\n", day.heading()).unwrap();
        for talk in talks {
            let mut heading = format!("{} · {}", talk.time_range_in(clock), talk_title_line(talk));
            if !talk.rating.is_none() {
                write!(heading, " · {}", talk.rating.symbols()).unwrap();
            }
            writeln!(out, "#### {heading}\n").unwrap();
            push_notes(out, &recording::link_stamps_of(talk));
        }
    }
    if !any {
        out.push_str("No talk is marked attended yet (`a` in the schedule).\n\n");
    }
}

/// Every `@Name` in the notes, once, with the talks (or days) where it came up.
fn people_section(out: &mut String, notebook: &Notebook) {
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    let mut mention = |name: String, place: String| {
        let key = name.to_lowercase();
        match people
            .iter_mut()
            .find(|(known, _)| known.to_lowercase() == key)
        {
            Some((_, places)) => {
                if !places.contains(&place) {
                    places.push(place);
                }
            }
            None => people.push((name, vec![place])),
        }
    };
    for day in &notebook.days {
        for name in people::mentions(&day.notes) {
            mention(
                name,
                format!("day notes of {}", day.date.format("%a %-d %b")),
            );
        }
        for talk in &day.talks {
            for name in people::mentions(&talk.notes) {
                mention(name, clean_line(&talk.title).into_owned());
            }
        }
    }
    if people.is_empty() {
        return;
    }
    out.push_str("## People\n\n");
    for (name, places) in people {
        writeln!(out, "- **{}**: {}", clean_line(&name), places.join("; ")).unwrap();
    }
    out.push('\n');
}

fn open_follow_ups(out: &mut String, notebook: &Notebook, clock: ClockFormat) {
    let open: Vec<_> = followup::collect(notebook)
        .into_iter()
        .filter(|item| !item.done)
        .collect();
    if open.is_empty() {
        return;
    }
    out.push_str("## Open follow-ups\n\n");
    let talks = TalksById::of(notebook);
    for item in &open {
        writeln!(out, "{}", follow_up_task(&talks, item, clock)).unwrap();
    }
    out.push('\n');
}

fn watch_later(out: &mut String, notebook: &Notebook, options: ReportOptions) {
    let missed: Vec<&Talk> = notebook
        .days
        .iter()
        .flat_map(|day| &day.talks)
        .filter(|talk| talk.missed(options.now))
        .collect();
    if missed.is_empty() {
        return;
    }
    out.push_str("## Watch later\n\n");
    for talk in missed {
        let why = match talk.state {
            TalkState::Skipped => "skipped",
            _ => "planned, missed",
        };
        let recording = talk.recording.trim();
        let watch = if recording.is_empty() {
            "no recording yet".to_string()
        } else {
            format!("[recording]({})", markdown_url(recording))
        };
        writeln!(
            out,
            "- {} ({}; {why}): {watch}",
            talk_title_line(talk),
            when(talk, options.clock)
        )
        .unwrap();
    }
    out.push('\n');
}

fn schedule_links(out: &mut String, notebook: &Notebook) {
    let lines: Vec<(String, String)> = notebook
        .days
        .iter()
        .flat_map(attended_talks)
        .filter_map(|talk| {
            let line = links_line(talk)?;
            Some((clean_line(&talk.title).into_owned(), line))
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    out.push_str("## Links from the talks\n\n");
    for (title, line) in lines {
        let links = line
            .strip_prefix(crate::model::labels::LINKS_PREFIX)
            .unwrap_or(&line);
        writeln!(out, "- {title}: {links}").unwrap();
    }
    out.push('\n');
}

/// An address as a markdown link target: in angle brackets when it has characters a
/// bare target cannot hold.
fn markdown_url(url: &str) -> String {
    let url = clean_line(url).replace(['<', '>'], "");
    if url.contains([' ', '(', ')']) {
        format!("<{url}>")
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Rating};

    /// Where the report's people section says `name` came up.
    fn places_of(report: &str, name: &str) -> Option<String> {
        report
            .lines()
            .find_map(|line| line.strip_prefix(&format!("- **{name}**: ")))
            .map(String::from)
    }

    fn sample() -> Notebook {
        let mut notebook = super::super::tests::sample();
        let ids: Vec<String> = notebook.days[0]
            .talks
            .iter()
            .map(|talk| talk.id.clone())
            .collect();
        // Flask 11:45, Ruff 12:30 (attended), Monsters 15:30 (skipped), Untouched 16:30.
        let flask = notebook.talk_mut(&ids[0]).unwrap();
        flask.state = TalkState::Attended;
        flask.rating = Rating::new(2).unwrap();
        flask.notes = "Quart, by @Phil Jones of Flask.\nasync all the way\nthird line".into();
        flask.links = vec![Link {
            title: "Slides".into(),
            url: "https://example.org/slides.pdf".into(),
        }];
        let ruff = notebook.talk_mut(&ids[1]).unwrap();
        ruff.rating = Rating::new(3).unwrap();
        ruff.notes
            .push_str("asked @Charlie Marsh about rules; @PHIL JONES agreed\n");
        let monsters = notebook.talk_mut(&ids[2]).unwrap();
        monsters.recording = "https://youtu.be/monsters".into();
        notebook.talk_mut(&ids[3]).unwrap().state = TalkState::Planned;
        notebook
    }

    fn report(notebook: &Notebook, now: &str) -> String {
        let now = NaiveDateTime::parse_from_str(now, "%Y-%m-%d %H:%M").unwrap();
        to_report(
            notebook,
            ReportOptions {
                clock: ClockFormat::H24,
                now,
            },
        )
    }

    fn section<'a>(report: &'a str, title: &str) -> &'a str {
        let start = report
            .find(&format!("## {title}\n"))
            .unwrap_or_else(|| panic!("no {title} in:\n{report}"));
        let rest = report.get(start + title.len() + 4..).unwrap_or_default();
        let end = rest.find("\n## ").map_or(rest.len(), |end| end + 1);
        rest.get(..end).unwrap_or(rest)
    }

    #[test]
    fn the_header_counts_attended_talks_per_day() {
        let report = report(&sample(), "2024-05-18 18:00");
        assert!(
            report.starts_with("# Trip report: PyCon US 2024\n\n"),
            "{report}"
        );
        assert!(
            report.contains("Saturday, 18 May 2024 · 2 talks attended (Sat 18 May 2)"),
            "{report}"
        );
    }

    #[test]
    fn highlights_are_the_rated_talks_best_first_with_their_first_lines() {
        let report = report(&sample(), "2024-05-18 18:00");
        let highlights = section(&report, "Highlights");
        let ruff = highlights.find("★★★ **Ruff").unwrap();
        let flask = highlights.find("★★ **Flask").unwrap();
        assert!(ruff < flask, "{highlights}");
        assert!(
            highlights.contains("  > Quart, by @Phil Jones of Flask.\n  > async all the way\n")
        );
        assert!(!highlights.contains("third line"));
        assert!(highlights.contains("(Saturday 18 May, 12:30)"));
    }

    #[test]
    fn attended_talks_come_per_day_with_their_notes_and_stars() {
        let report = report(&sample(), "2024-05-18 18:00");
        let attended = section(&report, "Talks attended");
        assert!(attended.contains("### Saturday, 18 May 2024\n"));
        assert!(attended.contains("#### 11:45–12:15 · Flask — Adam Englander · ★★\n\nQuart"));
        assert!(attended.contains("#### 12:30–13:00 · Ruff — Charlie Marsh (Hall A) · ★★★\n"));
        assert!(!attended.contains("Monsters"), "skipped is not attended");
    }

    #[test]
    fn people_are_named_once_with_where_they_came_up() {
        let report = report(&sample(), "2024-05-18 18:00");
        assert_eq!(
            places_of(&report, "Phil Jones").as_deref(),
            Some("Flask; Ruff")
        );
        assert_eq!(places_of(&report, "Charlie Marsh").as_deref(), Some("Ruff"));
        assert!(!report.contains("**PHIL JONES**"), "one person, any case");
    }

    #[test]
    fn watch_later_has_skipped_and_missed_talks_with_recordings() {
        let notebook = sample();
        let during = report(&notebook, "2024-05-18 16:00");
        let later = section(&during, "Watch later");
        assert!(later.contains(
            "- Monsters (Saturday 18 May, 15:30; skipped): [recording](https://youtu.be/monsters)"
        ));
        assert!(!later.contains("Untouched"), "planned and not over yet");
        let after = report(&notebook, "2024-05-18 18:00");
        assert!(section(&after, "Watch later").contains(
            "- Untouched — Nobody (Saturday 18 May, 16:30; planned, missed): no recording yet"
        ));
    }

    #[test]
    fn open_follow_ups_and_the_schedule_links_of_attended_talks() {
        let report = report(&sample(), "2024-05-18 18:00");
        let follow_ups = section(&report, "Open follow-ups");
        assert!(follow_ups.contains("- [ ] read the blog post — Ruff (12:30)"));
        assert!(!follow_ups.contains("- [x]"), "{follow_ups}");
        assert!(
            section(&report, "Links from the talks")
                .contains("- Flask: [Slides](https://example.org/slides.pdf)")
        );
    }

    #[test]
    fn an_empty_notebook_says_so_and_leaves_empty_sections_out() {
        let notebook = Notebook::new("Empty", "UTC");
        let report = report(&notebook, "2024-05-18 18:00");
        assert!(report.contains("Nothing in this notebook yet."));
        assert!(report.contains("No talk is marked attended yet"));
        for absent in ["Highlights", "People", "Watch later", "Open follow-ups"] {
            assert!(!report.contains(&format!("## {absent}")), "{report}");
        }
    }
}
