//! A notebook file's text: how it is read (bounded, UTF-8 with or without a byte-order
//! mark), parsed (with the line and column of what is wrong) and written (pretty JSON).

use std::path::Path;

use chrono::Datelike as _;
use serde::Deserialize;

use super::StoreError;
use super::layout::backup_path;
use crate::files::{self, FileRefusal};
use crate::model::{FORMAT_VERSION, Notebook, years};

/// The largest notebook talkbook reads: a conference of thousands of talks with years of
/// notes is a few megabytes; a link to `/dev/zero` or a runaway file is refused.
pub const MAX_NOTEBOOK_BYTES: u64 = 256 * 1024 * 1024;

/// The text of a notebook file: a regular file, UTF-8 (with or without a byte-order
/// mark), at most [`MAX_NOTEBOOK_BYTES`].
pub fn read_notebook_text(path: &Path) -> Result<String, StoreError> {
    match files::read_text(path, MAX_NOTEBOOK_BYTES) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(StoreError::NotText {
            path: path.to_path_buf(),
        }),
        Err(FileRefusal::NotFound) => Err(StoreError::NotFound {
            path: path.to_path_buf(),
        }),
        Err(why) => Err(StoreError::Refused {
            path: path.to_path_buf(),
            why,
        }),
    }
}

/// Reads and parses a notebook file.
pub fn load(path: &Path) -> Result<Notebook, StoreError> {
    parse(path, &read_notebook_text(path)?)
}

/// Parses notebook JSON; `path` is only used in error messages.
pub fn parse(path: &Path, text: &str) -> Result<Notebook, StoreError> {
    let refused = |(line, column), message| {
        let backup = backup_path(path);
        let hint = if backup.is_file() {
            format!(
                "; the version before the last save is in {}",
                backup.display()
            )
        } else {
            String::new()
        };
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
            hint,
        }
    };
    let parse_error = |error: serde_json::Error| {
        refused(
            (error.line(), error.column()),
            strip_position(&error.to_string()),
        )
    };
    // Another editor may have saved it with a byte-order mark: read it all the same.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Check the version before the layout, so a newer file gets the right message even
    // when its fields no longer match ours.
    #[derive(Deserialize)]
    struct Version {
        format_version: u32,
    }
    let version: Version = serde_json::from_str(text).map_err(parse_error)?;
    if version.format_version > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version.format_version,
        });
    }
    let mut notebook: Notebook = serde_json::from_str(text).map_err(parse_error)?;
    if let Some(date) = notebook.first_date_out_of_range() {
        // Dates are written `"+262142-12-31` (a day) or `"+262142-12-31T10:00:00`.
        let at = text.find(&format!("\"{date}")).map_or(0, |at| at + 1);
        return Err(refused(
            crate::text::line_column(text, at),
            years::out_of_range(date.year()),
        ));
    }
    notebook.normalize();
    Ok(notebook)
}

/// Reads a notebook written by a newer talkbook, as far as this one understands it, for
/// showing read-only. `None` if its layout is beyond what this version can read.
pub fn load_newer_for_reading(path: &Path) -> Option<Notebook> {
    let text = read_notebook_text(path).ok()?;
    let mut notebook: Notebook = serde_json::from_str(&text).ok()?;
    notebook.normalize();
    Some(notebook)
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => message.to_string(),
    }
}

pub fn to_json(notebook: &Notebook) -> String {
    let mut json = serde_json::to_string_pretty(notebook).expect("notebooks always serialize");
    json.push('\n');
    json
}
