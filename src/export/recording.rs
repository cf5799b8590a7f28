//! From a stamp to the moment in the video: in the export of a talk that has a
//! recording, each `[+12:34]` typed with Ctrl-O links to that moment of it.

use std::borrow::Cow;

/// The recording's address at `seconds` into it: `t=754` in YouTube's query, `#t=754`
/// (a media fragment, which media.ccc.de and browsers' players follow) elsewhere.
pub fn at_moment(url: &str, seconds: u64) -> String {
    let url = url.trim();
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let youtube = host == "youtu.be" || host == "youtube.com" || host.ends_with(".youtube.com");
    let without_fragment = url.split('#').next().unwrap_or(url);
    if youtube {
        let separator = if without_fragment.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{without_fragment}{separator}t={seconds}")
    } else {
        format!("{without_fragment}#t={seconds}")
    }
}

/// A talk's notes with its stamps linked into its recording, its lead-in added.
pub fn link_stamps_of(talk: &crate::model::Talk) -> Cow<'_, str> {
    link_stamps(&talk.notes, &talk.recording, talk.lead_in)
}

/// `notes` with each `[+12:34]` stamp made a markdown link into `recording`, at the
/// stamp plus `lead_in` seconds (the recording's time before the talk began); notes
/// without stamps (or a talk without a recording) come back as they are. A stamp that
/// is a link already (`[+12:34](…)`) is left alone.
pub fn link_stamps<'a>(notes: &'a str, recording: &str, lead_in: u32) -> Cow<'a, str> {
    if recording.trim().is_empty() || !notes.contains("[+") {
        return Cow::Borrowed(notes);
    }
    let mut out = String::with_capacity(notes.len() + 64);
    let mut rest = notes;
    while let Some((before, after)) = rest.split_once("[+") {
        out.push_str(before);
        // `after` follows the `[+`: a stamp is `12:34]` not followed by a link.
        let stamp = after
            .split_once(']')
            .filter(|(stamp, tail)| stamp.len() < 10 && !tail.starts_with('('))
            .and_then(|(stamp, tail)| {
                let stamp = format!("+{stamp}");
                crate::model::stamp::stamp_seconds(&stamp).map(|seconds| (stamp, seconds, tail))
            });
        match stamp {
            Some((stamp, seconds, tail)) => {
                let moment = seconds.saturating_add(u64::from(lead_in));
                out.push_str(&format!("[{stamp}]({})", at_moment(recording, moment)));
                rest = tail;
            }
            None => {
                out.push_str("[+");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_host_gets_the_moment_the_way_it_reads_it() {
        assert_eq!(
            at_moment("https://media.ccc.de/v/38c3-opening", 754),
            "https://media.ccc.de/v/38c3-opening#t=754"
        );
        assert_eq!(
            at_moment("https://www.youtube.com/watch?v=abc123", 754),
            "https://www.youtube.com/watch?v=abc123&t=754"
        );
        assert_eq!(
            at_moment("https://youtu.be/abc123", 61),
            "https://youtu.be/abc123?t=61"
        );
        assert_eq!(
            at_moment("https://video.fosdem.org/2024/talk.webm#t=5", 10),
            "https://video.fosdem.org/2024/talk.webm#t=10"
        );
    }

    #[test]
    fn stamps_become_links_and_nothing_else_changes() {
        let notes = "[+00:42] intro\nsee [+12:34] and [+1:02:03]\n[11:23] clock, [+99] no, [+12:34](already) kept\n[+";
        let linked = link_stamps(notes, "https://media.ccc.de/v/talk", 0);
        assert_eq!(
            linked,
            "[+00:42](https://media.ccc.de/v/talk#t=42) intro\n\
             see [+12:34](https://media.ccc.de/v/talk#t=754) and [+1:02:03](https://media.ccc.de/v/talk#t=3723)\n\
             [11:23] clock, [+99] no, [+12:34](already) kept\n[+"
        );
        assert!(matches!(link_stamps(notes, "", 0), Cow::Borrowed(_)));
        assert!(matches!(
            link_stamps("no stamps", "https://x", 0),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_lead_in_moves_every_link_and_no_stamp() {
        let linked = link_stamps("[+00:42] intro", "https://youtu.be/x", 45);
        assert_eq!(linked, "[+00:42](https://youtu.be/x?t=87) intro");
        let linked = link_stamps("[+1:00:00] end", "https://x/v", u32::MAX);
        assert_eq!(
            linked,
            format!(
                "[+1:00:00](https://x/v#t={}) end",
                3600 + u64::from(u32::MAX)
            )
        );
    }
}
