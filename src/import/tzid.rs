//! What an iCalendar `TZID` means. RFC 5545 makes a TZID any name the file defines in a
//! `VTIMEZONE`; real calendars use IANA names (`Europe/Berlin`), IANA names behind a
//! prefix (`/mozilla.org/20050126_1/Europe/Berlin`), Windows names (Outlook and
//! Exchange: `W. Europe Standard Time`), or names of their own whose only definition is
//! the file's `VTIMEZONE` rules (`Customized Time Zone`). Each is resolved here, once per
//! name; a name nothing explains is read in the calendar's zone with a warning, never a
//! refusal of the whole file.

use std::collections::HashMap;

use chrono::{
    DateTime, Datelike as _, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc, Weekday,
};

use crate::model::Zone;

/// A zone as the file's events use it.
#[derive(Debug, Clone)]
pub(super) enum TzidZone {
    Known(Zone),
    /// Only the file's own `VTIMEZONE` says what it is.
    Rules(Box<ZoneRules>),
}

impl TzidZone {
    pub(super) fn to_instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            TzidZone::Known(zone) => zone.to_instant(local),
            // At chrono's very ends, the local time as UTC (refused as out of range later).
            TzidZone::Rules(rules) => local
                .checked_sub_offset(rules.offset_at(local))
                .unwrap_or(local)
                .and_utc(),
        }
    }

    /// The name a notebook can store: the zone's, or for a file's own rules the offset
    /// in effect at `local` (a conference rarely spans a change of offset).
    pub(super) fn name_at(&self, local: NaiveDateTime) -> String {
        match self {
            TzidZone::Known(zone) => zone.name(),
            TzidZone::Rules(rules) => rules.offset_at(local).to_string(),
        }
    }
}

/// One `STANDARD` or `DAYLIGHT` part of a `VTIMEZONE`: from its onsets on, clocks read
/// `offset_to`.
#[derive(Debug, Clone)]
struct Observance {
    /// DTSTART: the first onset, in the wall time before it.
    start: NaiveDateTime,
    offset_to: FixedOffset,
    /// `RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..` (or `BYMONTHDAY`), the only rule zones use.
    yearly: Option<YearlyRule>,
    /// `RDATE`s: further onsets.
    more: Vec<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy)]
struct YearlyRule {
    month: u32,
    /// Which weekday of the month: 1 to 5, or -1 (the last) to -5; with the weekday.
    nth_weekday: Option<(i8, Weekday)>,
    month_day: Option<u32>,
    until: Option<NaiveDateTime>,
}

impl YearlyRule {
    fn parse(value: &str) -> Option<YearlyRule> {
        let mut parts: HashMap<String, &str> = HashMap::new();
        for part in value.split(';') {
            let (key, value) = part.split_once('=')?;
            parts.insert(key.trim().to_ascii_uppercase(), value.trim());
        }
        if !parts.get("FREQ")?.eq_ignore_ascii_case("YEARLY") {
            return None;
        }
        let month: u32 = parts.get("BYMONTH")?.parse().ok()?;
        let nth_weekday = match parts.get("BYDAY") {
            Some(day) => {
                // `-1SU`: a count, then a two-letter weekday (ASCII, or not a rule).
                let split = day.len().checked_sub(2)?;
                let (n, name) = (day.get(..split)?, day.get(split..)?);
                let n: i8 = if n.is_empty() { 1 } else { n.parse().ok()? };
                Some((n, weekday(name)?))
            }
            None => None,
        };
        let month_day = parts.get("BYMONTHDAY").and_then(|d| d.parse().ok());
        if nth_weekday.is_none() && month_day.is_none() {
            return None;
        }
        let until = parts.get("UNTIL").and_then(|until| {
            let until = until.trim_end_matches('Z');
            NaiveDateTime::parse_from_str(until, "%Y%m%dT%H%M%S")
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(until, "%Y%m%d")
                        .ok()
                        .map(|d| d.and_hms_opt(23, 59, 59).unwrap_or_default())
                })
        });
        Some(YearlyRule {
            month,
            nth_weekday,
            month_day,
            until,
        })
    }

    /// The onset date in `year`, if the rule names a real one.
    fn date_in(&self, year: i32) -> Option<NaiveDate> {
        match (self.nth_weekday, self.month_day) {
            (Some((n, day)), _) if n > 0 => {
                NaiveDate::from_weekday_of_month_opt(year, self.month, day, n.unsigned_abs())
            }
            (Some((n, day)), _) => {
                // Counted from the month's end: -1 is the last such weekday.
                let (next_year, next_month) = if self.month == 12 {
                    (year.checked_add(1)?, 1)
                } else {
                    (year, self.month + 1)
                };
                let last = NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()?;
                let back =
                    (7 + last.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
                let weeks_back = i64::from(n.unsigned_abs()) - 1;
                let date =
                    last.checked_sub_signed(Duration::days(i64::from(back) + 7 * weeks_back))?;
                (date.month() == self.month).then_some(date)
            }
            (None, Some(day)) => NaiveDate::from_ymd_opt(year, self.month, day),
            (None, None) => None,
        }
    }
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// A `VTIMEZONE`'s observances.
#[derive(Debug, Clone, Default)]
pub(super) struct ZoneRules {
    observances: Vec<Observance>,
}

impl ZoneRules {
    /// The offset clocks read at wall time `local`: that of the latest onset before it
    /// (this year's or last year's); before every onset, the first observance's.
    fn offset_at(&self, local: NaiveDateTime) -> FixedOffset {
        let mut latest: Option<(NaiveDateTime, FixedOffset)> = None;
        for observance in &self.observances {
            // `more` is sorted: the latest RDATE at or before `local` is found by halving,
            // so a zone with 200,000 of them costs no more per event than one with two.
            let latest_more = observance
                .more
                .partition_point(|onset| *onset <= local)
                .checked_sub(1)
                .map(|at| observance.more[at]);
            let mut onsets: Vec<NaiveDateTime> = std::iter::once(observance.start)
                .chain(latest_more)
                .collect();
            if let Some(rule) = observance.yearly {
                for year in [local.year().saturating_sub(1), local.year()] {
                    let onset = rule
                        .date_in(year)
                        .map(|date| date.and_time(observance.start.time()));
                    if let Some(onset) = onset
                        && onset >= observance.start
                        && rule.until.is_none_or(|until| onset <= until)
                    {
                        onsets.push(onset);
                    }
                }
            }
            for onset in onsets.into_iter().filter(|onset| *onset <= local) {
                if latest.is_none_or(|(at, _)| onset > at) {
                    latest = Some((onset, observance.offset_to));
                }
            }
        }
        latest
            .map(|(_, offset)| offset)
            .or_else(|| self.observances.first().map(|o| o.offset_to))
            .unwrap_or(FixedOffset::east_opt(0).expect("zero is an offset"))
    }
}

/// A `VTIMEZONE` as the file defines it.
#[derive(Debug, Clone, Default)]
struct Definition {
    /// `X-LIC-LOCATION`: the IANA name behind it, where the producer wrote one.
    location: Option<String>,
    rules: ZoneRules,
}

/// `+0100`, `-0530`, `+013045`.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits = text.get(1..)?;
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits.get(range)?.parse::<i32>().ok();
    let seconds = number(0..2)? * 3600 + number(2..4)? * 60 + number(4..6).unwrap_or(0);
    FixedOffset::east_opt(sign * seconds)
}

/// Every `TZID` the file uses, resolved once, and what the person should be told.
#[derive(Debug, Default)]
pub(super) struct Zones {
    defined: HashMap<String, Definition>,
    resolved: HashMap<String, TzidZone>,
    pub(super) warnings: Vec<String>,
}

impl Zones {
    /// Collects the file's `VTIMEZONE`s from its unfolded lines (`NAME;PARAMS:value`).
    pub(super) fn defined_in<'a>(lines: impl Iterator<Item = &'a str>) -> Zones {
        let mut defined = HashMap::new();
        let mut current: Option<(String, Definition)> = None;
        let mut part: Option<Observance> = None;
        for line in lines {
            let Some((head, value)) = line.split_once(':') else {
                continue;
            };
            let name = head.split(';').next().unwrap_or_default().trim();
            let name = name.to_ascii_uppercase();
            let value = value.trim();
            match (name.as_str(), current.as_mut(), part.as_mut()) {
                ("BEGIN", None, _) if value.eq_ignore_ascii_case("VTIMEZONE") => {
                    current = Some((String::new(), Definition::default()))
                }
                ("END", Some(_), None) if value.eq_ignore_ascii_case("VTIMEZONE") => {
                    if let Some((tzid, definition)) = current.take()
                        && !tzid.is_empty()
                    {
                        defined.insert(tzid, definition);
                    }
                }
                ("TZID", Some((tzid, _)), None) => *tzid = value.trim_matches('"').to_string(),
                ("X-LIC-LOCATION", Some((_, definition)), None) => {
                    definition.location = Some(value.to_string())
                }
                ("BEGIN", Some(_), None) => {
                    part = Some(Observance {
                        start: NaiveDateTime::MIN,
                        offset_to: FixedOffset::east_opt(0).expect("zero is an offset"),
                        yearly: None,
                        more: Vec::new(),
                    })
                }
                ("END", Some((_, definition)), Some(_)) => {
                    if let Some(mut observance) = part.take() {
                        observance.more.sort_unstable();
                        definition.rules.observances.push(observance);
                    }
                }
                ("DTSTART", Some(_), Some(observance)) => {
                    if let Ok(start) =
                        NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                    {
                        observance.start = start;
                    }
                }
                ("TZOFFSETTO", Some(_), Some(observance)) => {
                    if let Some(offset) = parse_offset(value) {
                        observance.offset_to = offset;
                    }
                }
                ("RRULE", Some(_), Some(observance)) => {
                    observance.yearly = YearlyRule::parse(value)
                }
                ("RDATE", Some(_), Some(observance)) => {
                    observance.more.extend(value.split(',').filter_map(|date| {
                        NaiveDateTime::parse_from_str(
                            date.trim().trim_end_matches('Z'),
                            "%Y%m%dT%H%M%S",
                        )
                        .ok()
                    }))
                }
                _ => {}
            }
        }
        Zones {
            defined,
            ..Zones::default()
        }
    }

    /// What `tzid` (used at `line`) means; `fallback` when nothing explains it.
    pub(super) fn resolve(&mut self, tzid: &str, line: usize, fallback: Zone) -> TzidZone {
        if let Some(known) = self.resolved.get(tzid) {
            return known.clone();
        }
        let (zone, warning) = self.explain(tzid, fallback);
        if let Some(warning) = warning {
            self.warnings
                .push(format!("TZID {tzid:?} (line {line}) {warning}."));
        }
        self.resolved.insert(tzid.to_string(), zone.clone());
        zone
    }

    fn explain(&self, tzid: &str, fallback: Zone) -> (TzidZone, Option<String>) {
        let name = tzid.trim().trim_matches('"');
        if let Some(zone) = known_name(name) {
            return (TzidZone::Known(zone), None);
        }
        if let Some(definition) = self.defined.get(tzid) {
            if let Some(zone) = definition.location.as_deref().and_then(known_name) {
                return (TzidZone::Known(zone), None);
            }
            if !definition.rules.observances.is_empty() {
                return (
                    TzidZone::Rules(Box::new(definition.rules.clone())),
                    Some(
                        "is defined only in this file: its times were read by the file's own rules (VTIMEZONE)"
                            .into(),
                    ),
                );
            }
        }
        // Outlook's display names: "(UTC+01:00) Amsterdam, Berlin, Bern, …".
        if let Some(offset) = name
            .strip_prefix("(UTC")
            .or_else(|| name.strip_prefix("(GMT"))
            .and_then(|rest| rest.split(')').next())
            .and_then(|offset| Zone::parse(if offset.is_empty() { "UTC" } else { offset }))
        {
            return (
                TzidZone::Known(offset),
                Some(format!(
                    "names only an offset: its times were read at {}, without summer time",
                    offset.name()
                )),
            );
        }
        (
            TzidZone::Known(fallback),
            Some(format!(
                "is not a time zone talkbook knows and the file does not define it: its times were read as {}",
                fallback.name()
            )),
        )
    }
}

/// An IANA name, a Windows name, or an IANA name at the end of a path.
fn known_name(name: &str) -> Option<Zone> {
    if let Some(zone) = Zone::parse(name) {
        return Some(zone);
    }
    if let Some(iana) = localzone::win_zone_to_iana(name, Some("001")) {
        return Zone::parse(iana);
    }
    // "/mozilla.org/20050126_1/Europe/Berlin", "/freeassociation.sourceforge.net/Tzfile/
    // America/Argentina/Buenos_Aires": the longest tail that is a zone.
    let segments: Vec<&str> = name.split('/').filter(|s| !s.is_empty()).collect();
    (1..segments.len())
        .map(|skip| segments[skip..].join("/"))
        .find_map(|tail| tail.contains('/').then(|| Zone::parse(&tail)).flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// What Outlook writes for W. Europe Standard Time, and many tools for their own names.
    const CENTRAL_EUROPE: &str = "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\n\
        DTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n\
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\nBEGIN:DAYLIGHT\n\
        DTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n\
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE";

    fn utc(zone: &TzidZone, at: &str) -> String {
        zone.to_instant(local(at))
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn a_zone_defined_only_by_its_rules_follows_them_with_a_warning() {
        let mut zones = Zones::defined_in(CENTRAL_EUROPE.lines());
        let zone = zones.resolve("Customized Time Zone", 9, Zone::Utc);
        assert_eq!(utc(&zone, "2024-12-27 11:00"), "2024-12-27 10:00", "winter");
        assert_eq!(utc(&zone, "2024-07-01 11:00"), "2024-07-01 09:00", "summer");
        // 2024's changes: the last Sundays of March (31st) and October (27th).
        assert_eq!(utc(&zone, "2024-03-30 12:00"), "2024-03-30 11:00");
        assert_eq!(utc(&zone, "2024-03-31 12:00"), "2024-03-31 10:00");
        assert_eq!(utc(&zone, "2024-10-27 12:00"), "2024-10-27 11:00");
        assert_eq!(zone.name_at(local("2024-07-01 11:00")), "+02:00");
        assert_eq!(zones.warnings.len(), 1);
        assert!(
            zones.warnings[0].contains("\"Customized Time Zone\" (line 9)"),
            "{:?}",
            zones.warnings
        );
        zones.resolve("Customized Time Zone", 30, Zone::Utc);
        assert_eq!(zones.warnings.len(), 1, "said once per name");
    }

    #[test]
    fn windows_prefixed_and_located_names_are_their_iana_zones_without_a_warning() {
        let text = format!(
            "{}\nBEGIN:VTIMEZONE\nTZID:Local\nX-LIC-LOCATION:Australia/Melbourne\nEND:VTIMEZONE",
            CENTRAL_EUROPE.replace("Customized Time Zone", "W. Europe Standard Time")
        );
        let mut zones = Zones::defined_in(text.lines());
        for (tzid, iana) in [
            ("W. Europe Standard Time", "Europe/Berlin"),
            ("Pacific Standard Time", "America/Los_Angeles"),
            ("AUS Eastern Standard Time", "Australia/Sydney"),
            ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
            (
                "/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires",
                "America/Argentina/Buenos_Aires",
            ),
            ("Local", "Australia/Melbourne"),
            ("Europe/Brussels", "Europe/Brussels"),
        ] {
            let zone = zones.resolve(tzid, 1, Zone::Utc);
            assert_eq!(zone.name_at(local("2024-01-01 00:00")), iana, "{tzid}");
        }
        assert!(zones.warnings.is_empty(), "{:?}", zones.warnings);
    }

    #[test]
    fn unknown_names_fall_back_with_a_warning_and_offsets_are_read() {
        let mut zones = Zones::default();
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let zone = zones.resolve("Nowhere/Land", 4, berlin);
        assert_eq!(utc(&zone, "2024-12-27 11:00"), "2024-12-27 10:00");
        let outlook = zones.resolve("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", 5, berlin);
        assert_eq!(utc(&outlook, "2024-12-27 11:00"), "2024-12-27 05:30");
        assert_eq!(zones.warnings.len(), 2);
        assert!(
            zones.warnings[0].contains("read as Europe/Berlin"),
            "{:?}",
            zones.warnings
        );
        assert!(zones.warnings[1].contains("+05:30"), "{:?}", zones.warnings);
    }

    #[test]
    fn yearly_rules_find_their_days() {
        let rule = |text| YearlyRule::parse(text).unwrap();
        let last_sunday = rule("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
        assert_eq!(last_sunday.date_in(2024).unwrap().to_string(), "2024-10-27");
        assert_eq!(last_sunday.date_in(2026).unwrap().to_string(), "2026-10-25");
        let second_sunday = rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU");
        assert_eq!(
            second_sunday.date_in(2024).unwrap().to_string(),
            "2024-03-10"
        );
        let first_sunday = rule("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU");
        assert_eq!(
            first_sunday.date_in(2024).unwrap().to_string(),
            "2024-04-07"
        );
        let by_day = rule("FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21");
        assert_eq!(by_day.date_in(2024).unwrap().to_string(), "2024-09-21");
        assert!(YearlyRule::parse("FREQ=MONTHLY;BYMONTH=3;BYDAY=2SU").is_none());
        assert!(YearlyRule::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=2XX").is_none());
        for odd in ["1中", "中", "é", "-1ẞU", "1😀"] {
            let text = format!("FREQ=YEARLY;BYMONTH=3;BYDAY={odd}");
            assert!(YearlyRule::parse(&text).is_none(), "{odd}");
        }
        assert!(parse_offset("+é100").is_none());
        assert_eq!(parse_offset("-0530").unwrap().to_string(), "-05:30");
        assert_eq!(parse_offset("+0100"), FixedOffset::east_opt(3600));
        assert!(parse_offset("0100").is_none());
    }
}
