//! What talkbook *is*: notebooks, days, talks, notes and follow-ups, with pure operations.
//! Nothing here knows about the terminal.

pub mod clock;
pub mod followup;
pub mod history;
pub mod labels;
pub mod merge;
pub mod notebook;
pub mod people;
pub mod rating;
pub mod search;
pub mod stamp;
pub mod years;
pub mod zone;

pub use clock::ClockFormat;
pub use followup::FollowUp;
pub use notebook::{
    Day, FORMAT_VERSION, LOCAL_ID_PREFIX, Link, NoteRef, Notebook, NowAndNext, Talk, TalkDetails,
    TalkState, TimeSlot, parse_time_of_day,
};
pub use rating::Rating;
pub use zone::Zone;
