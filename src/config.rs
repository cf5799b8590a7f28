//! The optional `config.toml`: key remapping, theme colours, 12/24-hour clock and where
//! notebooks live. A mistake in it never stops talkbook: the problem is reported with its
//! line and column and the defaults are used instead.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::files::{self, FileRefusal};
use crate::keymap::{Context, Key, Keymap};
use crate::model::ClockFormat;
use crate::palette::{PALETTE_ENTRIES, Palette};

/// File name inside the platform config directory.
pub const FILE_NAME: &str = "config.toml";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Where notebooks live; `--data-dir` and `TALKBOOK_DATA_DIR` take precedence.
    pub data_dir: Option<PathBuf>,
    pub clock: ClockFormat,
    /// Clicks and the wheel; off leaves the mouse to the terminal (selecting text).
    pub mouse: bool,
    /// The terminal bell when a planned talk is about to start.
    pub bell: bool,
    /// Your name in a team's sync (else git's `user.name`).
    pub author: Option<String>,
    /// Sync when the app quits (`sync = "on-quit"`).
    pub sync_on_quit: bool,
    pub palette: Palette,
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: None,
            clock: ClockFormat::default(),
            mouse: true,
            bell: true,
            author: None,
            sync_on_quit: false,
            palette: Palette::default(),
            keymap: Keymap::default(),
        }
    }
}

/// What is wrong with a config file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem is at a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => {
                write!(
                    f,
                    "{}:{line}:{column}: {}",
                    self.path.display(),
                    self.message
                )
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Where `config.toml` is read from: `$XDG_CONFIG_HOME/talkbook/config.toml`, else
/// `~/.config/talkbook/config.toml`, on Linux and macOS alike (terminal programs keep
/// their settings there; gitui #317, lazygit #1341). On macOS a file in the platform's
/// place (`~/Library/Application Support/talkbook`) is still read when there is none in
/// `~/.config`. Windows: `%APPDATA%\talkbook\config\config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let platform = directories::ProjectDirs::from("", "", "talkbook")
        .map(|dirs| dirs.config_dir().join(FILE_NAME));
    if cfg!(windows) {
        return platform;
    }
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    unix_config_path(
        std::env::var_os("XDG_CONFIG_HOME"),
        home,
        platform,
        |path| path.is_file(),
    )
}

/// [`default_path`] on Linux and macOS, from the environment's `XDG_CONFIG_HOME`, the
/// home folder and the platform's own place (and whether a file is there).
fn unix_config_path(
    xdg_config_home: Option<std::ffi::OsString>,
    home: Option<PathBuf>,
    platform: Option<PathBuf>,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    // The XDG spec: a relative value is invalid and ignored.
    let base = xdg_config_home
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| home.map(|home| home.join(".config")))?;
    let preferred = base.join("talkbook").join(FILE_NAME);
    match platform {
        Some(platform) if !exists(&preferred) && exists(&platform) => Some(platform),
        _ => Some(preferred),
    }
}

/// Reads the config at `path`. A missing file is the defaults, unless the user named
/// the file (`explicit`), in which case it is an error too.
pub fn load(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
    let refused = |message: String| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message,
    };
    match files::read_text(path, MAX_CONFIG_BYTES) {
        Ok(Some(text)) => parse(&text, path),
        Ok(None) => Err(refused("cannot read it: it is not text (UTF-8)".into())),
        Err(FileRefusal::NotFound) if !explicit => Ok(Config::default()),
        Err(why) => Err(refused(format!("cannot read it: {why}"))),
    }
}

/// A settings file is a few kilobytes; `--config /dev/zero` is refused, not read.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A problem at a byte range of the file.
struct Problem {
    at: std::ops::Range<usize>,
    message: String,
}

fn problem(at: std::ops::Range<usize>, message: impl Into<String>) -> Problem {
    Problem {
        at,
        message: message.into(),
    }
}

pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let at = |problem: Problem, others: usize| {
        let mut message = problem.message;
        if others > 0 {
            write!(message, " (and {others} more problem(s) after it)").unwrap();
        }
        ConfigError {
            path: path.to_path_buf(),
            position: Some(crate::text::line_column(text, problem.at.start)),
            message,
        }
    };
    let root = DeTable::parse(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        at(problem(span, error.message().trim().to_string()), 0)
    })?;
    let mut config = Config::default();
    let mut problems = Vec::new();
    for (key, value) in root.get_ref().iter() {
        let result = match key.get_ref().as_ref() {
            "data_dir" => string(value).and_then(|text| {
                data_dir(text)
                    .map(|dir| config.data_dir = Some(dir))
                    .map_err(|message| problem(value.span(), message))
            }),
            "clock" => string(value).and_then(|text| {
                ClockFormat::from_name(text)
                    .map(|clock| config.clock = clock)
                    .ok_or_else(|| {
                        problem(
                            value.span(),
                            format!("clock is \"24h\" or \"12h\", not {text:?}"),
                        )
                    })
            }),
            "mouse" => match value.get_ref() {
                DeValue::Boolean(on) => {
                    config.mouse = *on;
                    Ok(())
                }
                _ => Err(problem(value.span(), "mouse is true or false")),
            },
            "bell" => match value.get_ref() {
                DeValue::Boolean(on) => {
                    config.bell = *on;
                    Ok(())
                }
                _ => Err(problem(value.span(), "bell is true or false")),
            },
            "author" => string(value).and_then(|text| {
                let name = text.trim();
                if name.is_empty() || name.chars().any(char::is_control) {
                    return Err(problem(
                        value.span(),
                        "author is your name, e.g. \"Alice Example\"",
                    ));
                }
                config.author = Some(name.to_string());
                Ok(())
            }),
            "sync" => string(value).and_then(|text| match text {
                "on-quit" => {
                    config.sync_on_quit = true;
                    Ok(())
                }
                "manual" => {
                    config.sync_on_quit = false;
                    Ok(())
                }
                other => Err(problem(
                    value.span(),
                    format!("sync is \"on-quit\" or \"manual\", not {other:?}"),
                )),
            }),
            "theme" => {
                theme(value, &mut config.palette, &mut problems);
                Ok(())
            }
            "keys" => {
                keys(value, &mut config.keymap, &mut problems);
                Ok(())
            }
            other => Err(problem(
                key.span(),
                format!(
                    "unknown setting {other:?}; the settings are data_dir, clock, mouse, bell, author, sync, [theme] and [keys]"
                ),
            )),
        };
        if let Err(found) = result {
            problems.push(found);
        }
    }
    problems.sort_by_key(|problem| problem.at.start);
    let mut problems = problems.into_iter();
    if let Some(first) = problems.next() {
        return Err(at(first, problems.len()));
    }
    Ok(config)
}

fn string<'a>(value: &'a Spanned<DeValue<'_>>) -> Result<&'a str, Problem> {
    match value.get_ref() {
        DeValue::String(text) => Ok(text.as_ref()),
        _ => Err(problem(value.span(), "expected a string in quotes")),
    }
}

fn table<'a, 'i>(value: &'a Spanned<DeValue<'i>>, name: &str) -> Result<&'a DeTable<'i>, Problem> {
    match value.get_ref() {
        DeValue::Table(table) => Ok(table),
        _ => Err(problem(
            value.span(),
            format!("{name} must be a table: [{name}]"),
        )),
    }
}

/// `~/notes` or an absolute path.
fn data_dir(text: &str) -> Result<PathBuf, String> {
    if let Some(rest) = text.strip_prefix("~/") {
        let home = directories::BaseDirs::new()
            .ok_or("there is no home directory to expand ~ in")?
            .home_dir()
            .to_path_buf();
        return Ok(home.join(rest));
    }
    let path = PathBuf::from(text);
    if path.is_absolute() {
        Ok(path)
    } else {
        Err(format!(
            "data_dir must be an absolute path or start with ~/, not {text:?}"
        ))
    }
}

fn theme(value: &Spanned<DeValue<'_>>, palette: &mut Palette, problems: &mut Vec<Problem>) {
    let entries = match table(value, "theme") {
        Ok(entries) => entries,
        Err(found) => return problems.push(found),
    };
    for (name, color) in entries.iter() {
        let result = string(color).and_then(|text| {
            palette.set(name.get_ref(), text).map_err(|message| {
                let span = if message.starts_with("unknown") {
                    name.span()
                } else {
                    color.span()
                };
                problem(span, message)
            })
        });
        if let Err(found) = result {
            problems.push(found);
        }
    }
}

fn keys(value: &Spanned<DeValue<'_>>, keymap: &mut Keymap, problems: &mut Vec<Problem>) {
    let entries = match table(value, "keys") {
        Ok(entries) => entries,
        Err(found) => return problems.push(found),
    };
    let mut spans = Vec::new();
    for (name, keys) in entries.iter() {
        // A key that types text, for an action that acts while typing, would act
        // instead of typing: refused where it is written.
        let key_for = |text: &str, span: std::ops::Range<usize>| {
            let key = Key::parse(text).map_err(|m| problem(span.clone(), m))?;
            if let Some(typed) = Keymap::typed_over(name.get_ref(), &key) {
                return Err(problem(
                    span,
                    format!(
                        "{} acts while you type {typed}, so {text:?} would act instead of typing it; give it a key with ctrl- or alt-",
                        name.get_ref()
                    ),
                ));
            }
            Ok(key)
        };
        let parsed: Result<Vec<Key>, Problem> = match keys.get_ref() {
            DeValue::String(text) => key_for(text, keys.span()).map(|key| vec![key]),
            DeValue::Array(items) => items
                .iter()
                .map(|item| string(item).and_then(|text| key_for(text, item.span())))
                .collect(),
            _ => Err(problem(
                keys.span(),
                "expected a list of keys like [\"j\", \"down\"]",
            )),
        };
        let result = parsed.and_then(|parsed| {
            keymap
                .rebind(name.get_ref(), parsed)
                .map_err(|message| problem(name.span(), message))
        });
        match result {
            Ok(()) => spans.push((name.get_ref().to_string(), name.span())),
            Err(found) => problems.push(found),
        }
    }
    if let Some((key, first, second)) = keymap.clash() {
        // Point at whichever of the two the user wrote (the later one if both).
        let span = spans
            .iter()
            .filter(|(name, _)| name == first || name == second)
            .map(|(_, span)| span.clone())
            .max_by_key(|span| span.start)
            .unwrap_or(0..0);
        problems.push(problem(
            span,
            format!(
                "{} would mean both {first} and {second}; give one of them another key",
                key.config_name()
            ),
        ));
    }
}

/// The commented default file, for `talkbook config --print-default`. Every setting is
/// there with its default value, commented out.
pub fn default_file() -> String {
    let mut out = String::from(
        "# talkbook configuration, from `talkbook config --print-default`.\n\
         # Every setting is optional and shown with its default, commented out: remove the\n\
         # `# ` in front of a line to change it. A mistake is reported with its line and\n\
         # column when talkbook starts, and talkbook then uses the defaults.\n\n\
         # Where notebooks live, e.g. data_dir = \"~/notes/talkbook\" (absolute or ~/).\n\
         # --data-dir and TALKBOOK_DATA_DIR take precedence. The default is the platform's\n\
         # data directory (see the README).\n\n\
         # Times as \"24h\" (13:05) or \"12h\" (1:05pm): on screen, in [11:23] stamps and in\n\
         # exports. Either way, you can type 13:05 or 1:05pm in the talk form.\n",
    );
    writeln!(out, "# clock = \"{}\"", ClockFormat::default().name()).unwrap();
    out.push_str(
        "\n# Click to select a talk, a follow-up or a place in the notes; the wheel scrolls the\n\
         # pane under the pointer. With the mouse on, hold Shift to select text in the\n\
         # terminal; false leaves the mouse to the terminal.\n",
    );
    writeln!(out, "# mouse = {}", Config::default().mouse).unwrap();
    out.push_str(
        "\n# Five minutes before a talk you marked planned (p), the header names it, its room\n\
         # and the minutes left, and the terminal bell rings once; false keeps it quiet.\n",
    );
    writeln!(out, "# bell = {}", Config::default().bell).unwrap();
    out.push_str(
        "\n# Your name when notebooks are synced with a team (talkbook sync): your notebooks\n\
         # are kept under it in the repository. The default is git's user.name;\n\
         # set one as e.g. author = \"Alice Example\"\n\
         \n# \"on-quit\" syncs with the remote each time the app quits (after saving);\n\
         # \"manual\" leaves it to `talkbook sync`.\n\
         # sync = \"manual\"\n",
    );
    out.push_str(
        "\n[theme]\n\
         # A colour name (black, red, green, yellow, blue, magenta, cyan, gray, darkgray,\n\
         # lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white),\n\
         # \"#rrggbb\", or a 256-colour number like \"208\". NO_COLOR turns colour off.\n",
    );
    for (name, color, what) in PALETTE_ENTRIES {
        writeln!(out, "# {name} = \"{color}\"  # {what}").unwrap();
    }
    out.push_str(
        "\n[keys]\n\
         # Each action takes a list of keys: a character (\"j\", \"J\", \"?\"), \"ctrl-s\",\n\
         # \"alt-x\", or space, enter, esc, tab, backtab, backspace, delete, insert, up, down,\n\
         # left, right, pageup, pagedown, home, end, f1..f12. A key may not mean two things\n\
         # where both apply. The editor's text keys (Ctrl-U undo, Ctrl-K...) and the keys\n\
         # of pop-ups (y/n, Enter, Esc) are fixed.\n",
    );
    let keymap = Keymap::default();
    let mut context = None;
    for (binding, keys) in keymap.bindings() {
        if context != Some(binding.context) {
            context = Some(binding.context);
            writeln!(out, "\n# {}", context_heading(binding.context)).unwrap();
        }
        let keys: Vec<String> = keys
            .iter()
            .map(|key| {
                format!(
                    "\"{}\"",
                    key.config_name().replace('\\', "\\\\").replace('"', "\\\"")
                )
            })
            .collect();
        writeln!(
            out,
            "# {} = [{}]  # {}",
            binding.name,
            keys.join(", "),
            binding.description
        )
        .unwrap();
    }
    out
}

fn context_heading(context: Context) -> &'static str {
    match context {
        Context::Global => "Everywhere, even while typing",
        other => other.title(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_config_is_looked_for_where_terminal_programs_keep_theirs() {
        let home = Some(PathBuf::from("/home/ada"));
        let mac = Some(PathBuf::from(
            "/home/ada/Library/Application Support/talkbook/config.toml",
        ));
        let none = |_: &Path| false;
        assert_eq!(
            unix_config_path(None, home.clone(), mac.clone(), none),
            Some(PathBuf::from("/home/ada/.config/talkbook/config.toml"))
        );
        assert_eq!(
            unix_config_path(Some("/xdg".into()), home.clone(), mac.clone(), none),
            Some(PathBuf::from("/xdg/talkbook/config.toml"))
        );
        // A relative XDG_CONFIG_HOME is ignored (the spec says so).
        assert_eq!(
            unix_config_path(Some("rel".into()), home.clone(), None, none),
            Some(PathBuf::from("/home/ada/.config/talkbook/config.toml"))
        );
        // A file left in the macOS place is still read, until one is in ~/.config.
        let only_mac = |path: &Path| path.starts_with("/home/ada/Library");
        assert_eq!(
            unix_config_path(None, home.clone(), mac.clone(), only_mac),
            mac
        );
        let both = |_: &Path| true;
        assert_eq!(
            unix_config_path(None, home, mac, both),
            Some(PathBuf::from("/home/ada/.config/talkbook/config.toml"))
        );
        assert_eq!(unix_config_path(None, None, None, none), None);
    }

    use super::*;
    use crate::action::Action;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::style::Color;

    fn parse_text(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("config.toml"))
    }

    fn error(text: &str) -> String {
        parse_text(text).unwrap_err().to_string()
    }

    #[test]
    fn an_empty_file_and_the_commented_default_file_are_the_defaults() {
        assert_eq!(parse_text(""), Ok(Config::default()));
        assert_eq!(parse_text(&default_file()), Ok(Config::default()));
    }

    #[test]
    fn uncommenting_every_default_line_still_gives_the_defaults() {
        let uncommented: String = default_file()
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(setting) if setting.contains(" = ") && !setting.contains("e.g.") => {
                    setting.to_string()
                }
                _ => line.to_string(),
            })
            .map(|line| line + "\n")
            .collect();
        assert!(
            uncommented.contains("\nnext_talk = [\"j\", \"down\"]"),
            "{uncommented}"
        );
        assert!(uncommented.contains("\nclock = \"24h\""));
        assert!(uncommented.contains("\nfocus = \"cyan\""));
        assert_eq!(parse_text(&uncommented), Ok(Config::default()));
    }

    #[test]
    fn settings_change_keys_colours_clock_and_data_dir() {
        let config = parse_text(
            "data_dir = \"/srv/notes\"\nclock = \"12h\"\nmouse = false\n[theme]\nattended = \"#00ff00\"\nfocus = \"208\"\n\
             [keys]\nnext_talk = [\"t\", \"down\"]\nsave = \"ctrl-w\"\n",
        )
        .unwrap();
        assert_eq!(config.data_dir, Some(PathBuf::from("/srv/notes")));
        assert_eq!(config.clock, ClockFormat::H12);
        assert!(!config.mouse);
        assert_eq!(config.palette.attended, Color::Rgb(0, 255, 0));
        assert_eq!(config.palette.focus, Color::Indexed(208));
        assert_eq!(config.palette.skipped, Palette::default().skipped);
        let t = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE);
        assert_eq!(
            config.keymap.resolve(&[Context::Schedule], &t),
            Some(Action::NextTalk)
        );
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(
            config.keymap.resolve(&[Context::Global], &ctrl_w),
            Some(Action::Save)
        );
    }

    #[test]
    fn mistakes_name_the_file_line_and_column() {
        assert_eq!(
            error("clock = \"24h\"\n[keys]\nnxt_talk = [\"t\"]\n"),
            "config.toml:3:1: unknown action \"nxt_talk\" (`talkbook config --print-default` lists them all)"
        );
        assert_eq!(
            error("[keys]\nnext_talk = [\"j\", \"jj\"]\n"),
            format!("config.toml:2:19: {}", Key::parse("jj").unwrap_err())
        );
        assert_eq!(
            error("clock = \"25h\"\n"),
            "config.toml:1:9: clock is \"24h\" or \"12h\", not \"25h\""
        );
        assert_eq!(
            error("[theme]\nfocus = \"sky\"\n"),
            "config.toml:2:9: \"sky\" is not a colour: use a name like \"cyan\" or \"darkgray\", \"#rrggbb\", or a number 0-255"
        );
        assert!(
            error("[theme]\nfocsu = \"red\"\n")
                .starts_with("config.toml:2:1: unknown colour \"focsu\"")
        );
        assert!(error("colour = 1\n").starts_with("config.toml:1:1: unknown setting \"colour\""));
        assert_eq!(
            error("data_dir = \"notes\"\n"),
            "config.toml:1:12: data_dir must be an absolute path or start with ~/, not \"notes\""
        );
        assert!(error("clock = 12\n").starts_with("config.toml:1:9: expected a string"));
    }

    #[test]
    fn keys_that_type_text_are_refused_for_actions_that_act_while_typing() {
        // "pizza" would quit.
        assert_eq!(
            error("[keys]\nquit_anywhere = [\"ctrl-q\", \"z\"]\n"),
            "config.toml:2:28: quit_anywhere acts while you type notes, so \"z\" would act instead of typing it; give it a key with ctrl- or alt-"
        );
        for (action, key) in [
            ("save", "s"),
            ("leave_editor", "enter"),
            ("insert_time", "T"),
            ("focus_next", "é"),
            ("save", "backspace"),
            // In pop-ups where a query or a field is typed, keys that edit it too.
            ("next_match", "x"),
            ("submit", "backspace"),
            ("next_field", "left"),
        ] {
            let message = error(&format!("[keys]\n{action} = \"{key}\"\n"));
            assert!(
                message.starts_with("config.toml:2:") && message.contains("acts while you type"),
                "{action} {key}: {message}"
            );
        }
        // The same keys are fine where nothing is typed, and chords are fine anywhere.
        for ok in [
            "[keys]\nnext_talk = [\"z\"]\n",
            "[keys]\nnext_link = [\"x\"]\n",
            "[keys]\nquit_anywhere = [\"alt-z\"]\n",
            "[keys]\nsave = \"ctrl-w\"\n",
        ] {
            assert!(parse(ok, Path::new("config.toml")).is_ok(), "{ok}");
        }
    }

    #[test]
    fn toml_syntax_errors_have_a_position_too() {
        let message = error("clock = \"24h\"\n[keys\nnext_talk = 1\n");
        assert!(message.starts_with("config.toml:2:"), "{message}");
    }

    #[test]
    fn a_key_given_two_meanings_is_refused_at_the_users_line() {
        assert_eq!(
            error("[keys]\n\ntoggle_planned = [\"a\"]\n"),
            "config.toml:3:1: a would mean both toggle_attended and toggle_planned; give one of them another key"
        );
    }

    #[test]
    fn several_mistakes_report_the_first_and_count_the_rest() {
        let message = error("clock = \"x\"\n[theme]\nfocus = \"sky\"\nerror = \"nope\"\n");
        assert!(
            message.starts_with("config.toml:1:9: clock is"),
            "{message}"
        );
        assert!(
            message.ends_with("(and 2 more problem(s) after it)"),
            "{message}"
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults_unless_it_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(load(&path, false), Ok(Config::default()));
        let message = load(&path, true).unwrap_err().to_string();
        assert!(message.contains("config.toml: cannot read it"), "{message}");
    }
}
