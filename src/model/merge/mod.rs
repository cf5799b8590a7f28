//! Merging two versions of a notebook that grew apart from a common one (two machines
//! that took notes on the same conference, met again by `talkbook sync`). Talk by talk,
//! by id, against the common ancestor, and never a lost word:
//!
//! - talks changed on one side only take that side; talks added on either side are
//!   kept; a talk deleted on one side and written in on the other is kept, notes and all;
//! - notes merge line by line (diff3): lines changed on one side take that side; lines
//!   added at the same place on both follow each other; the same lines changed
//!   differently on both are both kept, marked with which machine and when, and a
//!   follow-up line asks to resolve them;
//! - a mark, a rating or a detail (title, time, room...) changed on one side takes that
//!   side; changed differently on both, the later save wins, and the summary says so.
//!
//! Nothing here knows about git or files: [`crate::sync`] brings the three versions.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Day, Notebook, Talk};

/// Who wrote each side, for the marks around two versions and the later-save rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Sides {
    /// This machine's name (`laptop-a`).
    pub ours: String,
    /// `laptop-b`.
    pub theirs: String,
    /// When each side was saved, as seconds since the epoch (the later save wins).
    pub ours_saved: i64,
    pub theirs_saved: i64,
    /// `2024-05-17 11:32` for each side, as the marks show it.
    pub ours_when: String,
    pub theirs_when: String,
}

/// What a merge did, for the line `sync` prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Talks (and days) whose notes took lines from the other side.
    pub notes_merged: usize,
    /// Notes where both sides changed the same lines: both versions kept.
    pub conflicts: usize,
    /// Talks whose mark, rating or details were changed differently on both sides: the
    /// later save won.
    pub later_save_won: Vec<String>,
    /// Talks the other side added.
    pub talks_added: usize,
    /// Talks the other side deleted that were kept because this side wrote in them (or
    /// the other way round).
    pub kept_deleted: usize,
    /// Talks the other side deleted, untouched here: deleted.
    pub talks_deleted: usize,
}

impl Summary {
    /// Whether the other side brought anything.
    pub fn took_anything(&self) -> bool {
        *self != Summary::default()
    }
}

/// The later side's value when both changed: `Some(true)` means ours.
fn later_is_ours(sides: &Sides) -> bool {
    sides.ours_saved >= sides.theirs_saved
}

/// One value, three ways. `None` for `base` when the value is new on both sides.
/// Returns the value and whether both sides changed it differently.
fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T, sides: &Sides) -> (T, bool) {
    if ours == theirs {
        return (ours.clone(), false);
    }
    match base {
        Some(base) if base == ours => (theirs.clone(), false),
        Some(base) if base == theirs => (ours.clone(), false),
        _ if later_is_ours(sides) => (ours.clone(), true),
        _ => (theirs.clone(), true),
    }
}

/// Merges `ours` and `theirs`, which both grew from `base` (`None`: they share nothing,
/// each side's talks are new).
pub fn merge(
    base: Option<&Notebook>,
    ours: &Notebook,
    theirs: &Notebook,
    sides: &Sides,
) -> (Notebook, Summary) {
    let mut summary = Summary::default();
    let mut merged = ours.clone();
    let both_changed = |changed: bool, summary: &mut Summary, what: &str| {
        if changed {
            summary.later_save_won.push(what.to_string());
        }
    };
    let (title, changed) = pick(base.map(|b| &b.title), &ours.title, &theirs.title, sides);
    merged.title = title;
    both_changed(changed, &mut summary, "the notebook's title");
    merged.time_zone = pick(
        base.map(|b| &b.time_zone),
        &ours.time_zone,
        &theirs.time_zone,
        sides,
    )
    .0;
    merged.source = pick(base.map(|b| &b.source), &ours.source, &theirs.source, sides).0;

    // Day notes, by date.
    let day_notes = |notebook: &Notebook| -> HashMap<NaiveDate, String> {
        notebook
            .days
            .iter()
            .map(|day| (day.date, day.notes.clone()))
            .collect()
    };
    let base_days = base.map(day_notes).unwrap_or_default();
    let our_days = day_notes(ours);
    let their_days = day_notes(theirs);
    let mut dates: Vec<NaiveDate> = our_days.keys().chain(their_days.keys()).copied().collect();
    dates.sort();
    dates.dedup();
    let empty = String::new();
    let mut days: Vec<Day> = Vec::new();
    for date in dates {
        let base_notes = base_days.get(&date).unwrap_or(&empty);
        let ours_notes = our_days.get(&date).unwrap_or(&empty);
        let theirs_notes = their_days.get(&date).unwrap_or(&empty);
        let lines = merge_lines(base_notes, ours_notes, theirs_notes, sides);
        if lines.took_theirs {
            summary.notes_merged += 1;
        }
        if lines.conflict {
            summary.conflicts += 1;
        }
        let mut day = Day::new(date);
        day.notes = lines.text;
        days.push(day);
    }

    // Talks, by id.
    let talks = |notebook: &Notebook| -> Vec<Talk> {
        notebook
            .days
            .iter()
            .flat_map(|day| day.talks.iter().cloned())
            .collect()
    };
    let base_talks: HashMap<String, Talk> = base
        .map(talks)
        .unwrap_or_default()
        .into_iter()
        .map(|talk| (talk.id.clone(), talk))
        .collect();
    let our_talks = talks(ours);
    let their_talks = talks(theirs);
    let their_by_id: HashMap<&str, &Talk> =
        their_talks.iter().map(|t| (t.id.as_str(), t)).collect();
    let our_ids: HashSet<&str> = our_talks.iter().map(|t| t.id.as_str()).collect();
    let mut result: Vec<Talk> = Vec::new();
    // Talks both sides added under the same hand-made id (`local-1` on each laptop) but
    // that are not the same talk: theirs comes in under an id of its own.
    let mut new_theirs: Vec<Talk> = Vec::new();
    for talk in &our_talks {
        let base_talk = base_talks.get(&talk.id);
        match their_by_id.get(talk.id.as_str()) {
            Some(theirs) if base_talk.is_none() && !same_talk(talk, theirs) => {
                result.push(talk.clone());
                let mut renamed = (*theirs).clone();
                renamed.id = format!("{}-{:08x}", theirs.id, fingerprint(theirs));
                new_theirs.push(renamed);
            }
            Some(theirs) => result.push(merge_talk(base_talk, talk, theirs, sides, &mut summary)),
            None => match base_talk {
                // Deleted there: gone here too, unless it was written in here.
                Some(base_talk) if base_talk == talk => summary.talks_deleted += 1,
                Some(_) => {
                    summary.kept_deleted += 1;
                    result.push(talk.clone());
                }
                // Added here.
                None => result.push(talk.clone()),
            },
        }
    }
    let theirs_only = their_talks
        .iter()
        .filter(|talk| !our_ids.contains(talk.id.as_str()))
        .cloned()
        .chain(new_theirs);
    for talk in theirs_only {
        match base_talks.get(&talk.id) {
            // Deleted here, untouched there: stays deleted.
            Some(base_talk) if *base_talk == talk => {}
            Some(_) => {
                summary.kept_deleted += 1;
                result.push(talk);
            }
            None => {
                // The same talk added on both sides under two ids (or brought back by
                // an earlier merge): one talk, with both sides' notes.
                let twin = result
                    .iter_mut()
                    .find(|ours| !base_talks.contains_key(&ours.id) && same_talk(ours, &talk));
                match twin {
                    Some(ours) => {
                        let merged = merge_talk(None, ours, &talk, sides, &mut summary);
                        *ours = merged;
                    }
                    None => {
                        summary.talks_added += 1;
                        result.push(talk);
                    }
                }
            }
        }
    }
    merged.days = days;
    for talk in result {
        let day = merged.ensure_day(talk.start.date());
        merged.days[day].talks.push(talk);
    }
    for day in &mut merged.days {
        day.sort_talks();
    }
    (merged, summary)
}

/// Two talks are the same talk when they have the same title and start.
fn same_talk(a: &Talk, b: &Talk) -> bool {
    a.title == b.title && a.start == b.start
}

/// A stable number for a talk's title and start (FNV-1a): the same on every machine, so
/// each one gives a renamed talk the same id.
fn fingerprint(talk: &Talk) -> u32 {
    format!("{}\u{0}{}", talk.title, talk.start)
        .bytes()
        .fold(0x811c_9dc5_u32, |hash, byte| {
            (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
        })
}

fn merge_talk(
    base: Option<&Talk>,
    ours: &Talk,
    theirs: &Talk,
    sides: &Sides,
    summary: &mut Summary,
) -> Talk {
    let mut merged = ours.clone();
    let mut later = false;
    macro_rules! field {
        ($name:ident) => {{
            let (value, both) = pick(base.map(|b| &b.$name), &ours.$name, &theirs.$name, sides);
            merged.$name = value;
            later |= both;
        }};
    }
    field!(start);
    field!(end);
    field!(title);
    field!(speakers);
    field!(room);
    field!(track);
    field!(abstract_text);
    field!(link);
    field!(recording);
    field!(state);
    field!(removed);
    field!(links);
    field!(rating);
    field!(stamps_from);
    field!(lead_in);
    if later {
        summary.later_save_won.push(merged.title.clone());
    }
    let empty = String::new();
    let lines = merge_lines(
        base.map_or(&empty, |b| &b.notes),
        &ours.notes,
        &theirs.notes,
        sides,
    );
    if lines.took_theirs {
        summary.notes_merged += 1;
    }
    if lines.conflict {
        summary.conflicts += 1;
    }
    merged.notes = lines.text;
    merged
}

/// The outcome of merging one note.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedLines {
    pub text: String,
    /// Lines came from the other side.
    pub took_theirs: bool,
    /// Both sides changed the same lines: both versions are in `text`.
    pub conflict: bool,
}

/// The first line of two versions kept side by side; the lines that follow name each
/// side, and one ends them.
pub const TWO_VERSIONS: &str =
    "[sync] two versions of these lines, one from each machine: keep one";
pub const END_OF_VERSIONS: &str = "[sync] end of the two versions";

/// diff3 over lines: what each side changed against `base`, together.
pub fn merge_lines(base: &str, ours: &str, theirs: &str, sides: &Sides) -> MergedLines {
    if ours == theirs || theirs == base {
        return MergedLines {
            text: ours.to_string(),
            took_theirs: false,
            conflict: false,
        };
    }
    if ours == base {
        return MergedLines {
            text: theirs.to_string(),
            took_theirs: true,
            conflict: false,
        };
    }
    let (base_lines, our_lines, their_lines) = (lines(base), lines(ours), lines(theirs));
    let to_ours = matches(&base_lines, &our_lines);
    let to_theirs = matches(&base_lines, &their_lines);
    let mut out: Vec<String> = Vec::new();
    let (mut at, mut at_ours, mut at_theirs) = (0, 0, 0);
    let mut took_theirs = false;
    let mut conflict = false;
    loop {
        // The next base line both sides kept.
        let stable = (at..base_lines.len()).find_map(|k| Some((k, to_ours[k]?, to_theirs[k]?)));
        let (k, k_ours, k_theirs) =
            stable.unwrap_or((base_lines.len(), our_lines.len(), their_lines.len()));
        let chunk_base = base_lines.get(at..k).unwrap_or_default();
        let chunk_ours = our_lines.get(at_ours..k_ours).unwrap_or_default();
        let chunk_theirs = their_lines.get(at_theirs..k_theirs).unwrap_or_default();
        if chunk_ours == chunk_theirs || chunk_theirs == chunk_base {
            out.extend(chunk_ours.iter().map(|l| l.to_string()));
        } else if chunk_ours == chunk_base {
            out.extend(chunk_theirs.iter().map(|l| l.to_string()));
            took_theirs = true;
        } else if chunk_base.is_empty() {
            // Both wrote new lines at the same place (notes go on on two laptops):
            // nothing was changed twice, so both are kept, lines they share once.
            out.extend(union(chunk_ours, chunk_theirs));
            took_theirs = true;
        } else {
            conflict = true;
            took_theirs = true;
            out.push(TWO_VERSIONS.into());
            out.push(format!("[sync] {}, saved {}:", sides.ours, sides.ours_when));
            out.extend(chunk_ours.iter().map(|l| l.to_string()));
            out.push(format!(
                "[sync] {}, saved {}:",
                sides.theirs, sides.theirs_when
            ));
            out.extend(chunk_theirs.iter().map(|l| l.to_string()));
            out.push(END_OF_VERSIONS.into());
            out.push("- [ ] resolve the two versions above (talkbook sync)".into());
        }
        if k == base_lines.len() {
            break;
        }
        out.push(base_lines[k].to_string());
        (at, at_ours, at_theirs) = (k + 1, k_ours + 1, k_theirs + 1);
    }
    MergedLines {
        text: out.join("\n"),
        took_theirs,
        conflict,
    }
}

/// Two runs of new lines as one: what they share once, in order, and what only one has
/// where it has it (ours first).
fn union(ours: &[&str], theirs: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(ours.len() + theirs.len());
    let mut take = |lines: &[&str], range: std::ops::Range<usize>| {
        out.extend(
            lines
                .get(range)
                .unwrap_or_default()
                .iter()
                .map(|l| l.to_string()),
        );
    };
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, ours, theirs) {
        let (mine, other) = (op.old_range(), op.new_range());
        match op {
            similar::DiffOp::Equal { .. } | similar::DiffOp::Delete { .. } => take(ours, mine),
            similar::DiffOp::Insert { .. } => take(theirs, other),
            similar::DiffOp::Replace { .. } => {
                take(ours, mine);
                take(theirs, other);
            }
        }
    }
    out
}

/// The lines of a note; an empty note has none (not one empty line).
fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    }
}

/// For each line of `base`, the line of `other` it stayed as, if it did.
fn matches(base: &[&str], other: &[&str]) -> Vec<Option<usize>> {
    let mut to_other = vec![None; base.len()];
    // A deadline keeps two unrelated 5,000-line notes from taking long: past it, the
    // diff is coarser (more lines counted as changed), never wrong.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    for op in similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        base,
        other,
        Some(deadline),
    ) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for offset in 0..len {
                to_other[old_index + offset] = Some(new_index + offset);
            }
        }
    }
    to_other
}

#[cfg(test)]
mod tests;
