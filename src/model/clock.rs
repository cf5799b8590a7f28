//! How times of day are written: 24-hour (`13:05`, the default) or 12-hour (`1:05pm`).

use chrono::{NaiveDateTime, Timelike as _};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClockFormat {
    #[default]
    H24,
    H12,
}

impl ClockFormat {
    /// `13:05` or `1:05pm`.
    pub fn time(self, moment: NaiveDateTime) -> String {
        match self {
            ClockFormat::H24 => moment.format("%H:%M").to_string(),
            ClockFormat::H12 => {
                let (pm, hour) = moment.hour12();
                let suffix = if pm { "pm" } else { "am" };
                format!("{hour}:{:02}{suffix}", moment.minute())
            }
        }
    }

    /// `11:03:12` or `11:03:12am`.
    pub fn time_with_seconds(self, moment: NaiveDateTime) -> String {
        match self {
            ClockFormat::H24 => moment.format("%H:%M:%S").to_string(),
            ClockFormat::H12 => {
                let (pm, hour) = moment.hour12();
                let suffix = if pm { "pm" } else { "am" };
                format!(
                    "{hour}:{:02}:{:02}{suffix}",
                    moment.minute(),
                    moment.second()
                )
            }
        }
    }

    /// `11:00–11:30` or `11:00am–11:30am`.
    pub fn range(self, start: NaiveDateTime, end: NaiveDateTime) -> String {
        format!("{}–{}", self.time(start), self.time(end))
    }

    /// The name used in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            ClockFormat::H24 => "24h",
            ClockFormat::H12 => "12h",
        }
    }

    pub fn from_name(name: &str) -> Option<ClockFormat> {
        [ClockFormat::H24, ClockFormat::H12]
            .into_iter()
            .find(|format| format.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("2024-05-18 {time}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn both_clocks_write_morning_noon_and_midnight_unambiguously() {
        let cases = [
            ("00:05", "00:05", "12:05am"),
            ("09:30", "09:30", "9:30am"),
            ("12:00", "12:00", "12:00pm"),
            ("13:05", "13:05", "1:05pm"),
        ];
        for (time, h24, h12) in cases {
            assert_eq!(ClockFormat::H24.time(at(time)), h24);
            assert_eq!(ClockFormat::H12.time(at(time)), h12);
        }
        assert_eq!(
            ClockFormat::H12.range(at("11:45"), at("12:15")),
            "11:45am–12:15pm"
        );
        assert_eq!(ClockFormat::from_name("12h"), Some(ClockFormat::H12));
        assert_eq!(ClockFormat::from_name("12"), None);
    }
}
