//! The time stamps typed into notes: `[+12:34]` is the time since the talk began
//! (Ctrl-O), which the export links to that moment of the recording.

use chrono::Duration;

/// `+12:34`, or `+1:02:03` past an hour.
pub fn offset_stamp(since_start: Duration) -> String {
    let seconds = since_start.num_seconds().max(0);
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("+{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("+{minutes:02}:{seconds:02}")
    }
}

/// `+12:34` or `+1:02:03` as seconds: what a stamp is, for linking and unlinking.
pub fn stamp_seconds(stamp: &str) -> Option<u64> {
    let parts: Vec<u64> = stamp
        .strip_prefix('+')?
        .split(':')
        .map(|part| {
            (part.len() == 2 || part.len() == 1)
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [minutes, seconds] if *seconds < 60 => Some(minutes * 60 + seconds),
        [hours, minutes, seconds] if *minutes < 60 && *seconds < 60 => {
            Some(hours * 3600 + minutes * 60 + seconds)
        }
        _ => None,
    }
}

/// Whether `text` holds a `[+12:34]` stamp.
pub fn has_offset_stamp(text: &str) -> bool {
    text.split("[+").skip(1).any(|after| {
        after.split_once(']').is_some_and(|(stamp, _)| {
            stamp.len() < 10 && stamp_seconds(&format!("+{stamp}")).is_some()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_written_and_read_back() {
        assert_eq!(offset_stamp(Duration::seconds(3723)), "+1:02:03");
        assert_eq!(offset_stamp(Duration::seconds(754)), "+12:34");
        assert_eq!(offset_stamp(Duration::seconds(-5)), "+00:00");
        for seconds in [0, 59, 754, 3599, 3600, 3723, 86_399] {
            let stamp = offset_stamp(Duration::seconds(seconds));
            assert_eq!(stamp_seconds(&stamp), Some(seconds as u64), "{stamp}");
        }
        for bad in ["12:34", "+1:60", "+123:00", "+", "+a:00", "+1:2:3:4"] {
            assert_eq!(stamp_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn offset_stamps_are_found_and_clock_stamps_are_not() {
        assert!(has_offset_stamp("[+12:34] the demo"));
        assert!(has_offset_stamp("x [+ ] then [+1:02:03]"));
        assert!(!has_offset_stamp("[11:23] the clock"));
        assert!(!has_offset_stamp("[+ab:cd] [+12:345678901]"));
        assert!(!has_offset_stamp("ẞ[+é"));
    }
}
