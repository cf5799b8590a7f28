//! Reading a schedule for the app (`I`) without the app doing the reading: a file is
//! read at once, a URL by a thread of its own (see [`crate::worker`]), so the screen
//! keeps running while a slow server answers (up to its 30 s timeout). The event loop
//! starts it; the app only takes the result.

use std::sync::mpsc::Receiver;

use super::{ImportError, Schedule, is_url, load};

/// What a fetch thread delivers: the schedule or why not, or its panic as a reason.
pub type Fetched = Result<Result<Schedule, ImportError>, String>;

/// A schedule being read.
pub enum Loading {
    /// A file: read already.
    Done(Result<Schedule, ImportError>),
    /// A URL: arrives on this channel.
    Fetching(Receiver<Fetched>),
}

/// Starts reading `source`: a file at once, a URL in the background.
pub fn start(source: &str) -> Loading {
    if !is_url(source) {
        return Loading::Done(load(source));
    }
    let url = source.to_string();
    match crate::worker::spawn("talkbook-fetch", move || {
        crate::test_hooks::panic_if("fetch");
        load(&url)
    }) {
        Ok(result) => Loading::Fetching(result),
        Err(error) => Loading::Done(Err(ImportError::Read {
            source_name: source.to_string(),
            reason: format!("cannot start fetching: {error}"),
        })),
    }
}
