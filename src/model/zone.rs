//! The conference's time zone: an IANA name (`Europe/Berlin`), a fixed offset (`+01:00`)
//! or UTC. Notebooks store local times in this zone; comparisons with "now" and between
//! schedules go through absolute instants.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    Utc,
    Fixed(FixedOffset),
    Named(chrono_tz::Tz),
}

impl Zone {
    /// Parses `Europe/Berlin`, `+01:00`, `-0500`, `UTC`, `Z`; `None` for anything else.
    pub fn parse(name: &str) -> Option<Zone> {
        let name = name.trim();
        if name.is_empty() || name.eq_ignore_ascii_case("utc") || name == "Z" {
            return Some(Zone::Utc);
        }
        let sign = match name.chars().next() {
            Some('+') => 1,
            Some('-') => -1,
            _ => return name.parse::<chrono_tz::Tz>().ok().map(Zone::Named),
        };
        // `+01:00` or `+0100`: four digits, with or without the colon.
        let rest = name.get(1..)?;
        let digits: Vec<i32> = rest
            .chars()
            .filter(|c| *c != ':')
            .map(|c| c.to_digit(10).map(|d| d as i32))
            .collect::<Option<_>>()?;
        let [h1, h2, m1, m2] = digits[..] else {
            return None;
        };
        if rest.matches(':').count() > 1 {
            return None;
        }
        let seconds = ((h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60) * sign;
        FixedOffset::east_opt(seconds).map(Zone::Fixed)
    }

    /// The name to store in a notebook.
    pub fn name(&self) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::Fixed(offset) => offset.to_string(),
            Zone::Named(tz) => tz.name().into(),
        }
    }

    pub fn to_local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Utc => instant.naive_utc(),
            Zone::Fixed(offset) => instant.with_timezone(offset).naive_local(),
            Zone::Named(tz) => instant.with_timezone(tz).naive_local(),
        }
    }

    /// The instant of a local time; for a time that happens twice (clocks going back), the
    /// first; for one that never happens (clocks going forward), the instant an hour later.
    /// Total: at the very ends of chrono's range, where an offset would overflow, the
    /// local time is read as UTC (such dates are refused before they are stored).
    pub fn to_instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let resolve = |offset: FixedOffset| {
            local
                .checked_sub_offset(offset.fix())
                .unwrap_or(local)
                .and_utc()
        };
        match self {
            Zone::Utc => local.and_utc(),
            Zone::Fixed(offset) => resolve(*offset),
            Zone::Named(tz) => match tz.from_local_datetime(&local).earliest() {
                Some(time) => time.with_timezone(&Utc),
                None => local
                    .checked_add_signed(chrono::Duration::hours(1))
                    .and_then(|later| tz.from_local_datetime(&later).earliest())
                    .map_or_else(|| local.and_utc(), |time| time.with_timezone(&Utc)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn parses_names_offsets_and_utc() {
        assert_eq!(Zone::parse("UTC"), Some(Zone::Utc));
        assert_eq!(Zone::parse(""), Some(Zone::Utc));
        assert_eq!(Zone::parse("+01:00").unwrap().name(), "+01:00");
        assert_eq!(Zone::parse("-0530").unwrap().name(), "-05:30");
        assert_eq!(
            Zone::parse("Europe/Berlin").unwrap().name(),
            "Europe/Berlin"
        );
        for bad in [
            "Mars/Olympus",
            "+1",
            "+01:00x",
            "+99:00",
            "+0١:00",
            "+01::00",
            "+é",
            "-",
        ] {
            assert_eq!(Zone::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn converts_between_local_times_and_instants() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let instant = berlin.to_instant(local("2014-12-27 11:00"));
        assert_eq!(instant.to_rfc3339(), "2014-12-27T10:00:00+00:00");
        assert_eq!(berlin.to_local(instant), local("2014-12-27 11:00"));
        let summer = berlin.to_instant(local("2024-07-01 11:00"));
        assert_eq!(summer.to_rfc3339(), "2024-07-01T09:00:00+00:00");
        let fixed = Zone::parse("+01:00").unwrap();
        assert_eq!(fixed.to_instant(local("2014-12-27 11:00")), instant);
        // 02:30 does not exist in Berlin on 2024-03-31.
        let gap = berlin.to_instant(local("2024-03-31 02:30"));
        assert_eq!(gap.to_rfc3339(), "2024-03-31T01:30:00+00:00");
        // The ends of the calendar: never a panic.
        for zone in [berlin, fixed, Zone::parse("-12:00").unwrap(), Zone::Utc] {
            for local in [NaiveDateTime::MIN, NaiveDateTime::MAX] {
                let _ = zone.to_local(zone.to_instant(local));
            }
        }
    }
}
