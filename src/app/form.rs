//! The small form for adding a talk by hand or editing its details.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::model::{ClockFormat, Talk, TalkDetails, parse_time_of_day};

/// A one-line text field with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let cursor = text.chars().count();
        LineInput { text, cursor }
    }

    fn byte_index(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_index(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            self.insert(if c == '\n' || c == '\t' { ' ' } else { c });
        }
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_index(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_index(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormPurpose {
    Add,
    Edit { id: String },
}

pub const FIELD_LABELS: [&str; 7] = [
    "Start",
    "End or length",
    "Title",
    "Speakers",
    "Room",
    "Recording",
    "Lead-in",
];
pub const FIELD_HELP: [&str; 7] = [
    "11:00, or 2024-05-19 11:00 for another day",
    "11:30, or a length: 30m, 1h, +45",
    "required",
    "comma-separated",
    "",
    "the video's URL: in the export, [+12:34] stamps link to that moment",
    "the recording's time before the talk begins: 45, 1:30 or 2m (the links add it)",
];

#[derive(Debug, Clone, PartialEq)]
pub struct TalkForm {
    pub purpose: FormPurpose,
    pub fields: [LineInput; 7],
    pub focused: usize,
    /// The day a bare time (`11:00`) belongs to.
    pub default_date: NaiveDate,
    pub error: Option<String>,
}

impl TalkForm {
    /// A form for a new talk, starting in the same slot as `like` (if given).
    pub fn add(default_date: NaiveDate, like: Option<&Talk>, clock: ClockFormat) -> Self {
        let (start, end) = like.map_or((String::new(), String::new()), |talk| {
            (clock.time(talk.start), clock.time(talk.end))
        });
        TalkForm {
            purpose: FormPurpose::Add,
            fields: [
                LineInput::new(start),
                LineInput::new(end),
                LineInput::default(),
                LineInput::default(),
                LineInput::default(),
                LineInput::default(),
                LineInput::default(),
            ],
            focused: if like.is_some() { 2 } else { 0 },
            default_date,
            error: None,
        }
    }

    pub fn edit(talk: &Talk, clock: ClockFormat) -> Self {
        TalkForm {
            purpose: FormPurpose::Edit {
                id: talk.id.clone(),
            },
            fields: [
                LineInput::new(clock.time(talk.start)),
                LineInput::new(clock.time(talk.end)),
                LineInput::new(talk.title.clone()),
                LineInput::new(talk.speakers_joined()),
                LineInput::new(talk.room.clone()),
                LineInput::new(talk.recording.clone()),
                LineInput::new(lead_in_text(talk.lead_in)),
            ],
            focused: 2,
            default_date: talk.start.date(),
            error: None,
        }
    }

    pub fn focused_field(&mut self) -> &mut LineInput {
        &mut self.fields[self.focused]
    }

    pub fn next_field(&mut self) {
        self.focused = (self.focused + 1) % self.fields.len();
    }

    pub fn previous_field(&mut self) {
        self.focused = (self.focused + self.fields.len() - 1) % self.fields.len();
    }

    /// The talk details the form describes, or what is wrong with them.
    pub fn details(&self) -> Result<TalkDetails, String> {
        let start = parse_start(&self.fields[0].text, self.default_date)?;
        let end = parse_end(&self.fields[1].text, start)?;
        let title = self.fields[2].text.trim().to_string();
        if title.is_empty() {
            return Err("The talk needs a title.".into());
        }
        let speakers = self.fields[3]
            .text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        Ok(TalkDetails {
            start,
            end,
            title,
            speakers,
            room: self.fields[4].text.trim().to_string(),
            recording: self.fields[5].text.trim().to_string(),
            lead_in: parse_lead_in(&self.fields[6].text)?,
        })
    }
}

/// The longest lead-in taken: an hour of the recording before the talk.
const MAX_LEAD_IN: u32 = 3600;

/// `45` (seconds), `1:30`, `2m`, `90s`, or nothing (none).
pub fn parse_lead_in(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    let number = |digits: &str| -> Option<u32> {
        (!digits.is_empty() && digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let seconds = if let Some((minutes, seconds)) = text.split_once(':') {
        number(minutes)
            .zip(number(seconds).filter(|s| *s < 60))
            .map(|(m, s)| m * 60 + s)
    } else if let Some(minutes) = text.strip_suffix('m') {
        number(minutes.trim()).map(|m| m * 60)
    } else {
        number(text.strip_suffix('s').unwrap_or(text).trim())
    };
    match seconds {
        Some(seconds) if seconds <= MAX_LEAD_IN => Ok(seconds),
        Some(_) => Err(format!("Lead-in {text:?}: at most an hour (60m).")),
        None => Err(format!(
            "Lead-in {text:?}: write seconds (45), minutes and seconds (1:30) or minutes (2m)."
        )),
    }
}

/// How a lead-in is shown in the form: `1:30`, or nothing for none.
fn lead_in_text(seconds: u32) -> String {
    if seconds == 0 {
        String::new()
    } else {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

/// `11:00` on `default_date`, or `2024-05-19 11:00`.
pub fn parse_start(text: &str, default_date: NaiveDate) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    if let Some(time) = parse_time_of_day(text) {
        return Ok(default_date.and_time(time));
    }
    if let Some((date, time)) = text.split_once([' ', 'T'])
        && let Ok(date) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        && let Some(time) = parse_time_of_day(time)
    {
        return crate::model::years::check(date)
            .map(|date| date.and_time(time))
            .map_err(|why| format!("Start {text:?}: {why}."));
    }
    Err(format!(
        "Start {text:?} is not a time like 11:00 or 2024-05-19 11:00."
    ))
}

/// An end time (`11:30`; before the start means after midnight) or a length
/// (`30m`, `1h`, `+45`, `45`); empty means 30 minutes.
pub fn parse_end(text: &str, start: NaiveDateTime) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    let invalid = || format!("End {text:?} is not a time like 11:30 or a length like 30m.");
    let minutes = if text.is_empty() {
        Some(30)
    } else if let Some(hours) = text.strip_suffix('h') {
        hours.trim().parse::<i64>().ok().map(|h| h * 60)
    } else if let Some(minutes) = text
        .strip_prefix('+')
        .or_else(|| text.strip_suffix("min"))
        .or_else(|| text.strip_suffix('m'))
    {
        minutes.trim().parse::<i64>().ok()
    } else if text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit()) {
        text.parse::<i64>().ok()
    } else {
        None
    };
    if let Some(minutes) = minutes {
        if !(1..=24 * 60).contains(&minutes) {
            return Err(invalid());
        }
        return start
            .checked_add_signed(Duration::minutes(minutes))
            .and_then(|end| crate::model::years::check_moment(end).ok())
            .ok_or_else(invalid);
    }
    let time = parse_time_of_day(text).ok_or_else(invalid)?;
    let end = start.date().and_time(time);
    if end == start {
        return Err("The talk must end after it starts.".into());
    }
    if end < start {
        return end
            .checked_add_signed(Duration::days(1))
            .ok_or_else(invalid)
            .and_then(|end| crate::model::years::check_moment(end).map_err(|_| invalid()));
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, 18).unwrap()
    }

    #[test]
    fn line_input_edits_at_the_cursor_with_multibyte_text() {
        let mut input = LineInput::new("Ruff ✓");
        input.left();
        input.backspace();
        input.insert('!');
        assert_eq!(input.text, "Ruff!✓");
        input.home();
        input.delete();
        input.end();
        input.insert_str("\nok");
        assert_eq!(input.text, "uff!✓ ok");
        assert_eq!(input.cursor, 8);
    }

    #[test]
    fn a_lead_in_is_seconds_minutes_and_seconds_or_minutes() {
        assert_eq!(parse_lead_in(""), Ok(0));
        assert_eq!(parse_lead_in("45"), Ok(45));
        assert_eq!(parse_lead_in(" 90s "), Ok(90));
        assert_eq!(parse_lead_in("1:30"), Ok(90));
        assert_eq!(parse_lead_in("2m"), Ok(120));
        assert_eq!(parse_lead_in("60m"), Ok(3600));
        for bad in [
            "61m",
            "1:60",
            "-5",
            "١٢",
            "99999999999",
            "1:",
            ":5",
            "ẞ",
            "4.5",
        ] {
            assert!(parse_lead_in(bad).is_err(), "{bad}");
        }
        assert_eq!(lead_in_text(90), "1:30");
        assert_eq!(parse_lead_in(&lead_in_text(3599)), Ok(3599));
    }

    #[test]
    fn the_edit_form_shows_the_lead_in_and_gives_it_back() {
        let mut talk = Talk::new(
            "t".into(),
            date().and_hms_opt(11, 0, 0).unwrap(),
            date().and_hms_opt(11, 30, 0).unwrap(),
        );
        talk.title = "Ruff".into();
        talk.lead_in = 90;
        let mut form = TalkForm::edit(&talk, ClockFormat::H24);
        assert_eq!(form.fields[6].text, "1:30");
        assert_eq!(form.details().unwrap().lead_in, 90);
        form.fields[6] = LineInput::new("2 hours");
        assert!(
            form.details()
                .unwrap_err()
                .starts_with("Lead-in \"2 hours\"")
        );
    }

    #[test]
    fn end_accepts_times_and_lengths() {
        let start = parse_start("11:00", date()).unwrap();
        let end = |text| parse_end(text, start).map(|t| t.format("%d %H:%M").to_string());
        assert_eq!(end("11:30").unwrap(), "18 11:30");
        assert_eq!(end("1145").unwrap(), "18 11:45");
        assert_eq!(end("").unwrap(), "18 11:30");
        assert_eq!(end("45m").unwrap(), "18 11:45");
        assert_eq!(end("+45").unwrap(), "18 11:45");
        assert_eq!(end("90").unwrap(), "18 12:30");
        assert_eq!(end("2h").unwrap(), "18 13:00");
        assert_eq!(end("01:00").unwrap(), "19 01:00");
        assert!(end("11:00").is_err());
        assert!(end("soon").is_err());
        assert!(end("0m").is_err());
    }

    #[test]
    fn start_may_name_another_day() {
        let start = parse_start("2024-05-19 09:30", date()).unwrap();
        assert_eq!(start.to_string(), "2024-05-19 09:30:00");
        assert!(
            parse_start("tomorrow", date())
                .unwrap_err()
                .contains("tomorrow")
        );
        for far in [
            "+262142-12-31 10:00",
            "1899-12-31 23:59",
            "2201-01-01 00:00",
        ] {
            let refused = parse_start(far, date()).unwrap_err();
            assert!(refused.contains("outside the years"), "{far}: {refused}");
        }
        // Every date a notebook holds is in range, ends too.
        let last = parse_start("2200-12-31 23:30", date()).unwrap();
        assert!(parse_end("23:45", last).is_ok());
        assert!(parse_end("01:00", last).is_err());
    }

    #[test]
    fn the_edit_form_holds_the_recording() {
        let mut talk = Talk::new(
            "t".into(),
            date().and_hms_opt(11, 0, 0).unwrap(),
            date().and_hms_opt(11, 30, 0).unwrap(),
        );
        talk.title = "Ruff".into();
        talk.recording = "https://youtu.be/a".into();
        let mut form = TalkForm::edit(&talk, ClockFormat::H24);
        assert_eq!(form.fields[5].text, "https://youtu.be/a");
        form.fields[5] = LineInput::new(" https://media.ccc.de/v/ruff ");
        assert_eq!(
            form.details().unwrap().recording,
            "https://media.ccc.de/v/ruff"
        );
    }

    #[test]
    fn a_form_needs_a_title_and_splits_speakers() {
        let mut form = TalkForm::add(date(), None, ClockFormat::H24);
        form.fields[0] = LineInput::new("14:00");
        assert!(form.details().unwrap_err().contains("title"));
        form.fields[2] = LineInput::new(" Django deploys ");
        form.fields[3] = LineInput::new("Ada, , Grace ");
        let details = form.details().unwrap();
        assert_eq!(details.title, "Django deploys");
        assert_eq!(details.speakers, ["Ada", "Grace"]);
        assert_eq!(details.end.format("%H:%M").to_string(), "14:30");
    }
}
