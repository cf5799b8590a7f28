//! Teammates' notebooks, as the last sync found them: copied out of the repository into
//! `DATA/team/<author>/` (each folder with an `AUTHOR` file naming the person), so the
//! app and `export --team` read files and never run git. Read only: nothing here is ever
//! written back.

use std::fmt::Write as _;
use std::path::Path;

use super::git::{GitError, Repo};
use crate::export::{ExportOptions, push_notes, recording, talk_heading};
use crate::model::{Notebook, Talk, TalkState};
use crate::text::clean_line;

/// The folder of the data directory that holds the copies.
pub const FOLDER: &str = "team";

/// One teammate's copy of a notebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Teammate {
    pub name: String,
    pub notebook: Notebook,
}

/// Copies every other author's notebooks of `commit` into `dir` (replacing what an
/// earlier sync put there); how many notebooks that is.
pub fn mirror(repo: &Repo, commit: &str, me: &str, dir: &Path) -> Result<usize, GitError> {
    let files = repo.files(commit)?;
    let fresh = dir.with_extension("new");
    let _ = std::fs::remove_dir_all(&fresh);
    let mut count = 0;
    for (path, id) in &files {
        let Some((author, file)) = path.split_once('/') else {
            continue;
        };
        if author == me || file.contains('/') {
            continue;
        }
        let is_notebook = file
            .strip_suffix(".json")
            .is_some_and(|name| crate::store::validate_name(name).is_ok());
        if !is_notebook && file != "AUTHOR" {
            continue;
        }
        let folder = fresh.join(author);
        let written = std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(folder.join(file), repo.blob(id).unwrap_or_default()));
        if let Err(error) = written {
            return Err(GitError::Failed(format!(
                "cannot copy the teammates' notes into {}: {error}",
                fresh.display()
            )));
        }
        if is_notebook {
            count += 1;
        }
    }
    // The old copies go only once the new ones are all there.
    let _ = std::fs::remove_dir_all(dir);
    if fresh.exists() {
        std::fs::rename(&fresh, dir).map_err(|error| {
            GitError::Failed(format!(
                "cannot put the teammates' notes in {}: {error}",
                dir.display()
            ))
        })?;
    }
    Ok(count)
}

/// Every teammate's copy of the notebook `name`, by name, from `data_dir`.
pub fn teammates(data_dir: &Path, name: &str) -> Vec<Teammate> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(FOLDER)) else {
        return Vec::new();
    };
    let mut found: Vec<Teammate> = entries
        .filter_map(|entry| {
            let folder = entry.ok()?.path();
            let text =
                crate::files::read_text(&folder.join(format!("{name}.json")), 64 * 1024 * 1024)
                    .ok()??;
            let notebook: Notebook = serde_json::from_str(&text).ok()?;
            let author = crate::files::read_text(&folder.join("AUTHOR"), 1024)
                .ok()
                .flatten()
                .map(|text| clean_line(text.trim()).into_owned())
                .filter(|text| !text.is_empty())
                .unwrap_or_else(|| {
                    folder
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned()
                });
            Some(Teammate {
                name: author,
                notebook,
            })
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// What each teammate has for `talk_id`: their name, their mark and their notes.
pub fn on_talk<'a>(team: &'a [Teammate], talk_id: &str) -> Vec<(&'a str, &'a Talk)> {
    team.iter()
        .filter_map(|mate| Some((mate.name.as_str(), mate.notebook.talk(talk_id)?)))
        .collect()
}

/// `talkbook export NOTEBOOK --team`: under each talk, every person's notes by name and
/// who attended; talks nobody attended are listed as such. `me` is this person.
pub fn team_markdown(
    mine: &Notebook,
    me: &str,
    team: &[Teammate],
    options: ExportOptions,
) -> String {
    let mut people: Vec<(&str, &Notebook)> = vec![(me, mine)];
    people.extend(team.iter().map(|mate| (mate.name.as_str(), &mate.notebook)));
    let mut out = String::new();
    writeln!(out, "# {} · team notes\n", clean_line(&mine.title)).unwrap();
    let names: Vec<&str> = people.iter().map(|(name, _)| *name).collect();
    writeln!(out, "From {}.\n", names.join(", ")).unwrap();
    let mut nobody = Vec::new();
    for day in &mine.days {
        let mut section = String::new();
        for talk in &day.talks {
            let attended: Vec<&str> = people
                .iter()
                .filter(|(_, notebook)| {
                    notebook
                        .talk(&talk.id)
                        .is_some_and(|t| t.state == TalkState::Attended)
                })
                .map(|(name, _)| *name)
                .collect();
            let written: Vec<(&str, &Talk)> = people
                .iter()
                .filter_map(|(name, notebook)| {
                    let theirs = notebook.talk(&talk.id)?;
                    (!theirs.notes.trim().is_empty()).then_some((*name, theirs))
                })
                .collect();
            if attended.is_empty() && written.is_empty() {
                nobody.push(format!(
                    "- {} · {}",
                    talk.time_range_in(options.clock),
                    clean_line(&talk.title)
                ));
                continue;
            }
            let mut plain = talk.clone();
            plain.state = TalkState::Unmarked;
            plain.rating = crate::model::Rating::NONE;
            writeln!(section, "### {}\n", talk_heading(&plain, options.clock)).unwrap();
            if attended.is_empty() {
                section.push_str("Attended by nobody.\n\n");
            } else {
                writeln!(section, "Attended by {}.\n", attended.join(", ")).unwrap();
            }
            for (name, theirs) in written {
                writeln!(section, "#### {}\n", clean_line(name)).unwrap();
                push_notes(&mut section, &recording::link_stamps_of(theirs));
            }
        }
        if !section.is_empty() {
            writeln!(out, "## {}\n", day.heading()).unwrap();
            out.push_str(&section);
        }
    }
    if !nobody.is_empty() {
        out.push_str("## Attended by nobody\n\n");
        for line in nobody {
            writeln!(out, "{line}").unwrap();
        }
        out.push('\n');
    }
    crate::export::with_one_final_newline(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::demo_notebook;

    #[test]
    fn the_team_export_puts_everyones_notes_under_each_talk() {
        let mut mine = demo_notebook();
        let mut theirs = demo_notebook();
        let keynote = mine.days[0].talks[0].id.clone();
        let mock = mine.days[0].talks[1].id.clone();
        mine.talk_mut(&keynote).unwrap().state = TalkState::Attended;
        mine.talk_mut(&keynote).unwrap().notes = "mine on the keynote".into();
        theirs.talk_mut(&keynote).unwrap().state = TalkState::Attended;
        theirs.talk_mut(&mock).unwrap().notes = "Bob's notes on mocks".into();
        let team = vec![Teammate {
            name: "Bob".into(),
            notebook: theirs,
        }];
        let out = team_markdown(&mine, "Alice", &team, ExportOptions::default());
        assert!(
            out.starts_with("# PyCon US 2024 · team notes\n\nFrom Alice, Bob."),
            "{out}"
        );
        assert!(
            out.contains("Attended by Alice, Bob.\n\n#### Alice\n\nmine on the keynote"),
            "{out}"
        );
        assert!(
            out.contains("Attended by nobody.\n\n#### Bob\n\nBob's notes on mocks"),
            "{out}"
        );
        let nobody = out.split("## Attended by nobody\n").nth(1).unwrap();
        assert!(nobody.contains("Lightning Talks"), "{out}");
        assert!(!nobody.contains("Keynote"));
        assert_eq!(on_talk(&team, &mock)[0].1.notes, "Bob's notes on mocks");
    }
}
