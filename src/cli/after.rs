//! After the conference: notes written elsewhere come in (`import-notes`), and every
//! notebook is searched (`search`) or asked for its open follow-ups (`followups --all`).

use std::path::Path;

use anyhow::bail;

use super::{QuietFailure, load_named, lock_patiently};
use crate::export;
use crate::files::{FileRefusal, read_regular_file};
use crate::import::notes::{Destination, import_notes as bring_in};
use crate::library;
use crate::model::{ClockFormat, Notebook};
use crate::store::{self, Store};

/// Notes files larger than this are refused: a day of notes is kilobytes.
const MAX_NOTES_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a notes file: a regular file, text, not huge; each refusal names the file.
fn read_notes(file: &Path) -> anyhow::Result<String> {
    let shown = file.display();
    let bytes = read_regular_file(file, MAX_NOTES_BYTES).map_err(|refusal| match refusal {
        FileRefusal::NotFound => anyhow::anyhow!("no file at {shown}"),
        FileRefusal::NotAFile => anyhow::anyhow!(
            "{shown} is not a regular file (a pipe, a device or a folder); give a notes file"
        ),
        FileRefusal::TooLarge(_) => anyhow::anyhow!(
            "{shown} is larger than the {} MB limit for notes",
            MAX_NOTES_BYTES / 1024 / 1024
        ),
        FileRefusal::Read(error) => anyhow::anyhow!("cannot read {shown}: {error}"),
    })?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{shown} is not text (UTF-8)"))
}

/// `talkbook import-notes NOTEBOOK FILE`: each section of the file into its talk.
pub(super) fn import_notes(
    store: &Store,
    name: &str,
    file: &Path,
    dry_run: bool,
) -> anyhow::Result<()> {
    let text = read_notes(file)?;
    let path = store.resolve(name)?;
    // Like `update`: an open talkbook would write over what comes in here.
    let _lock = if path.is_file() && !dry_run {
        Some(lock_patiently(&path).map_err(|error| match error {
            store::LockError::Held { .. } => {
                anyhow::anyhow!("{error}; quit it first, then import the notes")
            }
            other => other.into(),
        })?)
    } else {
        None
    };
    let (path, mut notebook) = load_named(store, name)?;
    if notebook.days.is_empty() {
        bail!("{name:?} has no days to put notes on; import its schedule first");
    }
    let report = bring_in(&mut notebook, &text);
    if !dry_run {
        store::save(&path, &notebook)?;
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    say!("{verb} notes from {} into {name:?}:", file.display());
    for section in &report.sections {
        say!("  {section}");
    }
    let (talks, days, unmatched) = report.counts();
    let follow_ups: Vec<&String> = report
        .sections
        .iter()
        .flat_map(|section| &section.follow_ups)
        .collect();
    let skipped = report
        .sections
        .iter()
        .filter(|section| {
            matches!(
                section.destination,
                Destination::Talk {
                    state: Some(crate::model::TalkState::Skipped),
                    ..
                }
            )
        })
        .count();
    say!(
        "{} into talks, {} into day notes, {} matched no talk (in the day notes with their heading); {} marked skipped.",
        crate::import::counted(talks, "section", "sections"),
        days,
        unmatched,
        crate::import::counted(skipped, "talk", "talks"),
    );
    if follow_ups.is_empty() {
        say!("No lines became follow-ups.");
    } else {
        say!(
            "Follow-ups made of lines that ask for later work ({}):",
            follow_ups.len()
        );
        for line in follow_ups {
            say!("  - [ ] {line}");
        }
    }
    if dry_run {
        say!("Nothing was written (--dry-run).");
    }
    Ok(())
}

/// `talkbook search QUERY`: one line per hit in every notebook; fails quietly (exit 1,
/// like grep) when nothing matches.
pub(super) fn search(store: &Store, query: &str, clock: ClockFormat) -> anyhow::Result<()> {
    if query.trim().is_empty() {
        bail!("give something to search for");
    }
    let (hits, unreadable) = library::search(store, query)?;
    let name_width = hits
        .iter()
        .map(|h| h.notebook.chars().count())
        .max()
        .unwrap_or(0);
    for hit in &hits {
        let when = if hit.day_notes {
            format!("{} {:width$}", hit.when.format("%Y-%m-%d"), "", width = 5)
        } else {
            format!(
                "{} {:>5}",
                hit.when.format("%Y-%m-%d"),
                clock.time(hit.when)
            )
        };
        say!(
            "{:name_width$}  {when}  {}: {}",
            hit.notebook,
            hit.title,
            hit.text
        );
    }
    for broken in &unreadable {
        say_err!("talkbook: skipped {}: {}", broken.notebook, broken.reason);
    }
    if hits.is_empty() {
        return Err(QuietFailure.into());
    }
    Ok(())
}

/// `talkbook followups --all`: the open follow-ups of every notebook, by notebook.
pub(super) fn open_follow_ups_everywhere(store: &Store, clock: ClockFormat) -> anyhow::Result<()> {
    let (found, unreadable) = library::open_follow_ups(store)?;
    if found.is_empty() {
        say!(
            "No open follow-ups in any notebook in {}.",
            store.notebooks_dir().display()
        );
    }
    for (index, (name, notebook, items)) in found.iter().enumerate() {
        if index > 0 {
            say!("");
        }
        say!("## {name} — {} ({} open)", notebook.title, items.len());
        say!("");
        let talks = export::TalksById::of(notebook);
        for item in items {
            say!("{}", export::follow_up_task(&talks, item, clock));
        }
    }
    for broken in &unreadable {
        say_err!("talkbook: skipped {}: {}", broken.notebook, broken.reason);
    }
    Ok(())
}

/// The trip report of `notebook` at `now`: markdown, or with `html` one page.
pub fn report(
    notebook: &Notebook,
    clock: ClockFormat,
    now: chrono::NaiveDateTime,
    html: bool,
) -> String {
    let markdown =
        export::report::to_report(notebook, export::report::ReportOptions { clock, now });
    if html {
        export::html::to_html_page(
            &format!("Trip report: {}", crate::text::clean_line(&notebook.title)),
            &markdown,
        )
    } else {
        markdown
    }
}
