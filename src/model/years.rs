//! The years talkbook reads: 1900 to 2200. A date outside them in a schedule, a
//! notebook, a notes file or on the command line is a typo or a hostile file, and is
//! refused where it comes in, naming where it was; inside, every date is in range, so
//! adding a day or half an hour to one can never overflow.

use chrono::{Datelike as _, NaiveDate, NaiveDateTime};

pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// Whether `date` is in the years talkbook reads.
pub fn is_sane(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// `date`, or why it is refused: `year 262142 is outside the years 1900–2200 talkbook reads`.
pub fn check(date: NaiveDate) -> Result<NaiveDate, String> {
    if is_sane(date) {
        Ok(date)
    } else {
        Err(out_of_range(date.year()))
    }
}

/// Like [`check`], for a moment.
pub fn check_moment(moment: NaiveDateTime) -> Result<NaiveDateTime, String> {
    check(moment.date()).map(|_| moment)
}

/// The message for a date in `year`.
pub fn out_of_range(year: i32) -> String {
    format!("year {year} is outside the years {FIRST_YEAR}–{LAST_YEAR} talkbook reads")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_years_around_both_ends() {
        let date = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        assert!(is_sane(date(1900)) && is_sane(date(2200)) && is_sane(date(2024)));
        assert!(!is_sane(date(1899)) && !is_sane(date(2201)));
        assert_eq!(
            check(NaiveDate::MAX).unwrap_err(),
            "year 262142 is outside the years 1900–2200 talkbook reads"
        );
        assert!(check_moment(NaiveDateTime::MIN).is_err());
    }
}
