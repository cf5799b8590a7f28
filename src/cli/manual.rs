//! The manual page, `talkbook man`: clap_mangen's title, synopsis, description and
//! options from the same definition as `--help`, then what clap cannot know: every
//! command with its arguments on this one page (there are no separate pages per
//! command), the environment, the files and the exit status.

use std::io::{self, Write};

use clap::CommandFactory as _;

use super::Cli;

/// Text for roff: backslashes doubled, a line never starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|line| {
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "TALKBOOK_DATA_DIR",
        "The data directory, as --data-dir; notebooks are in its notebooks/ folder.",
    ),
    ("TALKBOOK_CONFIG", "The settings file, as --config."),
    (
        "TALKBOOK_NOW",
        "A fixed moment (2024-05-18T11:10) in the conference's time zone, as --now.",
    ),
    (
        "NO_COLOR",
        "When set, nothing is coloured; marks and borders still say everything.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "DATA/notebooks/NAME.json",
        "A notebook. DATA is ~/.local/share/talkbook on Linux (XDG_DATA_HOME), ~/Library/Application Support/talkbook on macOS, or --data-dir.",
    ),
    (
        "DATA/notebooks/NAME.json.bak",
        "The notebook as it was before its last save.",
    ),
    (
        "DATA/notebooks/NAME.json.lock",
        "Held (an OS lock) by the one talkbook that writes the notebook; another opens it read-only.",
    ),
    (
        "DATA/notebooks/NAME.json.recovery",
        "Unsaved notes written after a crash; the next start offers to restore them.",
    ),
    ("DATA/state.json", "Remembers the notebook opened last."),
    (
        "DATA/sync.git",
        "talkbook sync's own git repository (bare): your notebooks under your author name, and your teammates'.",
    ),
    (
        "DATA/team/AUTHOR/NAME.json",
        "A teammate's notebook as the last sync brought it, read only (T in the schedule, export --team).",
    ),
    (
        "CONFIG/talkbook/config.toml",
        "Settings (keys, colours, clock, mouse, bell, data_dir, author, sync); CONFIG is ~/.config on Linux (XDG_CONFIG_HOME). `talkbook config --init` writes one with every setting commented out.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "Something went wrong; one line on standard error says what and where. For search: nothing matched (nothing is printed), as with grep.",
    ),
    (
        "2",
        "The command line itself is wrong (an unknown option, a missing argument); the usage follows the error.",
    ),
];

fn section(out: &mut impl Write, title: &str, items: &[(&str, &str)]) -> io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    for (term, text) in items {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(term), roff(text))?;
    }
    Ok(())
}

/// Writes the whole page.
pub fn write(out: &mut impl Write) -> io::Result<()> {
    let mut command = Cli::command();
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands_mut() {
        if sub.get_name() == "help" {
            continue;
        }
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let about = sub
            .get_long_about()
            .or_else(|| sub.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(usage), roff(&about))?;
        for arg in sub.get_arguments().filter(|arg| !arg.is_global_set()) {
            let name = match (arg.get_long(), arg.get_short()) {
                (Some(long), _) => format!("--{long}"),
                (None, Some(short)) => format!("-{short}"),
                (None, None) => arg.get_id().as_str().to_uppercase(),
            };
            if name == "--help" {
                continue;
            }
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            writeln!(out, ".br\n\\fI{}\\fR: {}", roff(&name), roff(&help))?;
        }
    }
    section(out, "ENVIRONMENT", ENVIRONMENT)?;
    section(out, "FILES", FILES)?;
    section(out, "EXIT STATUS", EXIT_STATUS)?;
    man.render_version_section(out)?;
    Ok(())
}
