//! The command line: open a notebook in the terminal UI, or create, list and export.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{Local, NaiveDate};
use clap::{CommandFactory as _, Parser, Subcommand};

use crate::app::{App, HeldElsewhere, Settings};
use crate::config::{self, Config};
use crate::export::{self, ExportOptions, to_markdown};
use crate::import::{self, counted};
use crate::keymap::Keymap;
use crate::model::{ClockFormat, Notebook, followup};
use crate::store::{self, FileSink, Store, StoreError};
use crate::tui;
use crate::ui::Theme;

/// Prints a cleaned message line to standard output ([`output::line`]); returns from
/// the function with the error when the output is gone.
macro_rules! say {
    ($($arg:tt)*) => {
        crate::cli::output::line(&format!($($arg)*))?
    };
}

/// [`say!`] to standard error, where a failure to write is ignored.
macro_rules! say_err {
    ($($arg:tt)*) => {
        crate::cli::output::err_line(&format!($($arg)*))
    };
}

mod after;
mod manual;
mod output;
mod sync;

pub use output::is_closed_pipe;

/// A failure that has said what it had to (or had nothing to say): the command exits
/// 1 without a message, as `grep` does when nothing matches.
#[derive(Debug)]
pub struct QuietFailure;

impl std::fmt::Display for QuietFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("nothing found")
    }
}

impl std::error::Error for QuietFailure {}

#[derive(Debug, Parser)]
#[command(
    name = "talkbook",
    version,
    about = "A terminal notebook for taking notes live during conference talks",
    long_about = "A terminal notebook for taking notes live during conference talks.\n\n\
        Without a command, opens NOTEBOOK (or the one opened last; on first run, a demo) \
        in a three-pane screen: schedule, notes editor and follow-ups. Press ? inside for keys.",
    subcommand_negates_reqs = true,
    override_usage = "talkbook [OPTIONS] [NOTEBOOK]\n       talkbook [OPTIONS] <COMMAND>"
)]
pub struct Cli {
    /// Notebook to open: a name from `talkbook list` or a path to a .json file
    /// [default: the notebook opened last]
    pub notebook: Option<String>,

    /// talkbook's data directory: notebooks are in its notebooks/ folder [default: the
    /// platform data directory, e.g. ~/.local/share/talkbook]
    #[arg(long, global = true, env = "TALKBOOK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Settings file [default: config.toml in the platform config directory, e.g.
    /// ~/.config/talkbook/config.toml; see `talkbook config`]
    #[arg(long, global = true, env = "TALKBOOK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Draw with ASCII marks only (also automatic when the locale is not UTF-8)
    #[arg(long, global = true)]
    pub ascii: bool,

    /// Pretend it is this moment, in the conference's time zone (e.g. 2024-05-18T11:10),
    /// to replay a day or plan ahead [default: the real time]
    #[arg(long, global = true, env = "TALKBOOK_NOW", value_name = "DATE-TIME", value_parser = parse_moment)]
    pub now: Option<chrono::NaiveDateTime>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty notebook with one day
    New {
        /// Name of the notebook (letters, digits, '-', '_', '.')
        name: String,
        /// Title shown in the header and the export [default: the name]
        #[arg(long)]
        title: Option<String>,
        /// The first day [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// List the notebooks in the data directory
    List,
    /// Create a notebook from a published schedule (pretalx, frab, Sessionize, Indico, PyCon US JSON; frab XML; iCalendar)
    Import {
        /// A file path or an http(s):// URL, e.g. https://…/schedule/export/schedule.json
        source: String,
        /// Name of the new notebook [default: from the conference title]
        #[arg(long)]
        name: Option<String>,
        /// Show times in this zone (IANA name like Europe/Berlin, or +01:00)
        /// [default: the zone the schedule gives, else UTC]
        #[arg(long, value_name = "ZONE")]
        time_zone: Option<String>,
    },
    /// Re-import a notebook's schedule and merge it: notes and marks are kept
    Update {
        /// Name or path of the notebook
        notebook: String,
        /// Where to read the schedule [default: where it was imported from]
        source: Option<String>,
    },
    /// Write a notebook as markdown (to standard output unless -o or --split is given)
    Export {
        /// Name or path of the notebook
        notebook: String,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write one file per talk (with YAML front matter), one per day and index.md into
        /// DIR, e.g. a folder of an Obsidian or Logseq vault
        #[arg(long, value_name = "DIR", conflicts_with = "output")]
        split: Option<PathBuf>,
        /// Replace the file given with -o, or files of an earlier export in the --split DIR
        #[arg(long)]
        force: bool,
        /// The talks marked attended and planned as a calendar (iCalendar .ics), for a
        /// calendar app, instead of markdown
        #[arg(long, conflicts_with = "split")]
        ics: bool,
        /// Only talks marked attended (day notes are always included in markdown)
        #[arg(long)]
        attended_only: bool,
        /// With --ics: only talks marked planned
        #[arg(long, requires = "ics", conflicts_with = "attended_only")]
        planned_only: bool,
        /// Everyone's notes under each talk: yours and your teammates' from the last
        /// `talkbook sync`, and who attended
        #[arg(long, conflicts_with_all = ["ics", "split", "attended_only"])]
        team: bool,
    },
    /// Write a trip report: the talks attended per day, the highlights you rated, the
    /// people named with @, open follow-ups, what to watch later and the talks' links
    Report {
        /// Name or path of the notebook
        notebook: String,
        /// Write to FILE instead of standard output (never over a notebook)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// One self-contained HTML page (styles inside, no scripts, nothing loaded from
        /// elsewhere) instead of markdown
        #[arg(long)]
        html: bool,
        /// Replace the file given with -o
        #[arg(long)]
        force: bool,
    },
    /// Sync the notebooks with a git remote: commit what changed here, merge what the
    /// remote has talk by talk, push; one line per notebook that changed
    Sync {
        /// The remote to sync with from now on: a folder, or an ssh or https address of a
        /// git repository (needed once per machine)
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
    },
    /// Print the follow-ups of a notebook as markdown tasks, one per line
    Followups {
        /// Name or path of the notebook [default: the notebook opened last]
        #[arg(conflicts_with = "all")]
        notebook: Option<String>,
        /// Only the open ones (not done)
        #[arg(long)]
        open: bool,
        /// The open follow-ups of every notebook in the data directory, by notebook
        #[arg(long)]
        all: bool,
    },
    /// Bring notes written elsewhere (plain text or markdown, e.g. a day typed in an
    /// editor, or talkbook's own export) into a notebook: each section goes to its talk
    ImportNotes {
        /// Name or path of the notebook
        notebook: String,
        /// The notes file
        file: PathBuf,
        /// Say where each section would go, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Search every notebook (titles, speakers, rooms, tracks, notes); one line per hit,
    /// exit status 1 when nothing matches
    Search {
        /// What to look for (case does not matter)
        query: String,
    },
    /// Print a shell completion script (see the README for where to put it)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. into ~/.local/share/man/man1/talkbook.1
    Man,
    /// Say where the settings file is and whether it is valid
    Config {
        /// Print the default settings file, every setting commented out
        #[arg(long, conflicts_with = "init")]
        print_default: bool,
        /// Write the default settings file where talkbook reads it (making its folder);
        /// an existing file is left as it is
        #[arg(long)]
        init: bool,
    },
}

fn parse_moment(text: &str) -> Result<chrono::NaiveDateTime, String> {
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|format| chrono::NaiveDateTime::parse_from_str(text.trim(), format).ok())
    .ok_or_else(|| format!("{text:?} is not a moment like 2024-05-18T11:10"))
    .and_then(crate::model::years::check_moment)
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date like 2024-05-18"))
        .and_then(crate::model::years::check)
}

pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // Past a file size limit the kernel sends SIGXFSZ, which would kill us mid-save;
    // with a handler installed the write fails with an error we can show instead.
    #[cfg(unix)]
    signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    )
    .context("cannot install signal handlers")?;
    let config_path = match &cli.config {
        Some(path) => Some(path.clone()),
        None => config::default_path(),
    };
    if let Some(Command::Config {
        print_default,
        init,
    }) = cli.command
    {
        return show_config(config_path.as_deref(), print_default, init);
    }
    // A broken config never stops the user from taking notes: say so, use the defaults.
    let (settings, config_problem) = match &config_path {
        Some(path) => match config::load(path, cli.config.is_some()) {
            Ok(settings) => (settings, None),
            Err(error) => (
                Config::default(),
                Some(format!("{error} (using the defaults)")),
            ),
        },
        None => (Config::default(), None),
    };
    // The notebook screen shows it in its status line and prints it after quitting.
    if let (Some(problem), Some(_)) = (&config_problem, &cli.command) {
        say_err!("talkbook: {problem}");
    }
    let clock_format = settings.clock;
    let data_dir = match cli.data_dir.or(settings.data_dir) {
        Some(dir) => dir,
        None => Store::default_data_dir()
            .context("cannot find a home directory for the data; pass --data-dir DIR")?,
    };
    let store = Store::new(data_dir);
    let mut theme = Theme::from_env();
    theme.palette = settings.palette;
    if cli.ascii {
        theme.unicode = false;
    }
    if let (Some(notebook), Some(_)) = (&cli.notebook, &cli.command) {
        bail!("give either a notebook to open ({notebook:?}) or a command, not both");
    }
    let clock = cli.now.map_or(tui::Clock::System, tui::Clock::Fixed);
    match cli.command {
        None => {
            // Syncing on quit needs a name: without one, the status line says so at once
            // rather than the sync failing after the notes are closed.
            let (sync_on_quit, config_problem) = match settings
                .sync_on_quit
                .then(|| sync::author(settings.author.as_deref()))
            {
                Some(Ok(author)) => (Some(author), config_problem),
                Some(Err(why)) => (
                    None,
                    config_problem.or(Some(format!("sync = \"on-quit\" is off: {why}"))),
                ),
                None => (None, config_problem),
            };
            let view = View {
                mouse: settings.mouse,
                bell: settings.bell,
                theme,
                keymap: settings.keymap,
                clock_format,
                config_problem,
                sync_on_quit,
                author: sync::author(settings.author.as_deref()).map_err(|why| why.to_string()),
            };
            open(&store, cli.notebook.as_deref(), view, clock)
        }
        Some(Command::New { name, title, date }) => {
            let mut notebook = Notebook::new(title.unwrap_or_else(|| name.clone()), "");
            notebook.ensure_day(date.unwrap_or_else(|| Local::now().date_naive()));
            let path = store.create(&name, &notebook)?;
            say!("Created notebook {name:?} at {}", path.display());
            say!("Open it with: talkbook {name}");
            Ok(())
        }
        Some(Command::List) => list(&store),
        Some(Command::Import {
            source,
            name,
            time_zone,
        }) => import_schedule(&store, &source, name, time_zone.as_deref()),
        Some(Command::Update { notebook, source }) => update_schedule(&store, &notebook, source),
        Some(Command::Export {
            notebook,
            output,
            split,
            force,
            ics,
            attended_only,
            planned_only,
            team,
        }) => {
            if team {
                if let Some(target) = output.as_deref() {
                    refuse_the_data_directory(&store, target)?;
                }
                let me = sync::author(settings.author.as_deref()).unwrap_or_else(|_| "Me".into());
                let options = ExportOptions {
                    attended_only: false,
                    clock: clock_format,
                };
                return sync::export_team(
                    &store,
                    &notebook,
                    &me,
                    output.as_deref(),
                    force,
                    options,
                );
            }
            let (_, notebook) = load_named(&store, &notebook)?;
            let options = ExportOptions {
                attended_only,
                clock: clock_format,
            };
            if let Some(target) = output.as_deref().or(split.as_deref()) {
                refuse_the_data_directory(&store, target)?;
            }
            if let Some(dir) = split {
                return export_split(&notebook, options, &dir, force);
            }
            let text = if ics {
                let picks = match (attended_only, planned_only) {
                    (true, _) => export::ics::Picks::AttendedOnly,
                    (_, true) => export::ics::Picks::PlannedOnly,
                    _ => export::ics::Picks::AttendedAndPlanned,
                };
                export::ics::to_ics(&notebook, picks, chrono::Utc::now())
            } else {
                to_markdown(&notebook, options)
            };
            write_or_print(output.as_deref(), &text, force, "Exported")
        }
        Some(Command::Report {
            notebook,
            output,
            html,
            force,
        }) => {
            let (_, notebook) = load_named(&store, &notebook)?;
            if let Some(target) = output.as_deref() {
                refuse_the_data_directory(&store, target)?;
            }
            let now = clock.now_in(notebook.zone());
            let text = after::report(&notebook, clock_format, now, html);
            write_or_print(output.as_deref(), &text, force, "Report written")
        }
        Some(Command::Sync { remote }) => {
            let author = sync::author(settings.author.as_deref())?;
            sync::run(&store, remote, author)
        }
        Some(Command::Followups { all: true, .. }) => {
            after::open_follow_ups_everywhere(&store, clock_format)
        }
        Some(Command::ImportNotes {
            notebook,
            file,
            dry_run,
        }) => after::import_notes(&store, &notebook, &file, dry_run),
        Some(Command::Search { query }) => after::search(&store, &query, clock_format),
        Some(Command::Followups { notebook, open, .. }) => {
            let name = match notebook {
                Some(name) => name,
                None => store.default_notebook()?.with_context(|| {
                    format!(
                        "no notebooks in {}; create one with `talkbook new NAME` or `talkbook import`",
                        store.notebooks_dir().display()
                    )
                })?,
            };
            let (_, notebook) = load_named(&store, &name)?;
            let talks = export::TalksById::of(&notebook);
            for item in followup::collect(&notebook) {
                if !(open && item.done) {
                    say!("{}", export::follow_up_task(&talks, &item, clock_format));
                }
            }
            Ok(())
        }
        Some(Command::Completions { shell }) => {
            // Into memory first: clap_complete panics when its writer fails (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "talkbook", &mut script);
            output::out(&String::from_utf8_lossy(&script))
        }
        Some(Command::Config { .. }) => unreachable!("handled before the config is loaded"),
        Some(Command::Man) => {
            let mut page = Vec::new();
            manual::write(&mut page).context("cannot write the manual page")?;
            output::out(&String::from_utf8_lossy(&page))
        }
    }
}

/// `text` into the file at `path` (a new file, or with `force` over a regular file; a
/// link is never written through), saying `done` on standard error; else to standard
/// output.
fn write_or_print(path: Option<&Path>, text: &str, force: bool, done: &str) -> anyhow::Result<()> {
    let Some(path) = path else {
        return output::out(text);
    };
    write_export_file(path, text, force).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "{} already exists and was left as it is; pass --force to replace it",
            display_path(path)
        ),
        _ if std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) => {
            anyhow::anyhow!(
                "{} is a symbolic link; not writing through it",
                display_path(path)
            )
        }
        _ => anyhow::Error::new(error).context(format!("cannot write {}", display_path(path))),
    })?;
    say_err!("{done} to {}", path.display());
    Ok(())
}

/// Writes a split export into `dir`. Files already there are replaced only with `force`,
/// and the check comes before the first write, so a refusal changes nothing.
fn export_split(
    notebook: &Notebook,
    options: ExportOptions,
    dir: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let files = export::to_split_markdown(notebook, options);
    if dir.exists() && !dir.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    // A link at a file's name (even a dangling one) is never written through, --force
    // or not: it could point anywhere.
    let targets: Vec<PathBuf> = files.iter().map(|file| dir.join(&file.name)).collect();
    if let Some(link) = targets
        .iter()
        .find(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()))
    {
        bail!(
            "{} is a symbolic link; not writing through it (remove it, or export to another folder)",
            display_path(link)
        );
    }
    let existing: Vec<PathBuf> = targets
        .iter()
        .filter(|path| path.exists())
        .cloned()
        .collect();
    if let Some(first) = existing.first()
        && !force
    {
        bail!(
            "{} of the {} files to write already exist in {} (e.g. {}); pass --force to replace them",
            existing.len(),
            files.len(),
            dir.display(),
            first.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (file, path) in files.iter().zip(&targets) {
        write_export_file(path, &file.contents, force)
            .with_context(|| format!("cannot write {}", display_path(path)))?;
    }
    say_err!(
        "Exported {} file(s) to {} (start at {})",
        files.len(),
        dir.display(),
        dir.join(export::INDEX_FILE).display()
    );
    Ok(())
}

fn import_schedule(
    store: &Store,
    source: &str,
    name: Option<String>,
    time_zone: Option<&str>,
) -> anyhow::Result<()> {
    let schedule = import::load(source)?;
    let notebook = import::to_notebook(&schedule, &absolute_source(source), time_zone)?;
    let name = name.unwrap_or_else(|| crate::text::slug_or(&notebook.title, "imported"));
    let path = store.create(&name, &notebook).map_err(|error| match error {
        StoreError::Exists { .. } => anyhow::anyhow!(
            "{error}; use `talkbook update {name} {source}` to merge the schedule into it, or --name to pick another name"
        ),
        other => other.into(),
    })?;
    say!(
        "Imported {} over {} into notebook {name:?} at {}",
        counted(notebook.talk_count(), "talk", "talks"),
        counted(notebook.days.len(), "day", "days"),
        path.display()
    );
    print_report(&schedule)?;
    if schedule.time_zone.is_none() && time_zone.is_none() {
        say!(
            "The schedule names no time zone, so the notebook is in UTC; import with --time-zone ZONE to read its clock times in ZONE."
        );
    }
    Ok(())
}

/// What an import did not take or read another way; nothing when it took everything.
fn print_report(schedule: &import::Schedule) -> anyhow::Result<()> {
    for line in schedule.report() {
        say!("{line}");
    }
    Ok(())
}

fn update_schedule(store: &Store, name: &str, source: Option<String>) -> anyhow::Result<()> {
    let path = store.resolve(name)?;
    // An open talkbook would overwrite the merge at its next save; and the lock comes
    // before reading, so one that is just saving and quitting finishes first.
    let _lock = if path.is_file() {
        Some(lock_patiently(&path).map_err(|error| match error {
            store::LockError::Held { .. } => anyhow::anyhow!(
                "{error}; quit it first, or press I there to import the schedule into it"
            ),
            other => other.into(),
        })?)
    } else {
        None
    };
    let (path, mut notebook) = load_named(store, name)?;
    let source = match source {
        Some(source) => source,
        None if !notebook.source.is_empty() => notebook.source.clone(),
        None => bail!("{name:?} was not imported from a schedule; pass the SOURCE to merge"),
    };
    let schedule = import::load(&source)?;
    let summary = import::merge_into(&mut notebook, &schedule);
    notebook.source = absolute_source(&source);
    store::save(&path, &notebook)?;
    say!("Updated {name}: {summary}.");
    print_report(&schedule)?;
    Ok(())
}

/// Refuses an export into talkbook's own data directory, where a file could replace a
/// notebook (`-o ~/.local/share/talkbook/notebooks/conf.json`) or its backup.
fn refuse_the_data_directory(store: &Store, target: &Path) -> anyhow::Result<()> {
    let Ok(data_dir) = std::fs::canonicalize(store.data_dir()) else {
        return Ok(()); // no data directory yet: nothing in it to overwrite
    };
    if resolved(target).starts_with(&data_dir) {
        bail!(
            "{} is inside talkbook's data directory ({}), where notebooks live; write it somewhere else",
            display_path(target),
            display_path(&data_dir)
        );
    }
    Ok(())
}

/// `path` with links and `..` resolved as far as it exists, the rest as written.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |path, part| path.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Writes one file of a split export: a new file, or with `force` over a regular file;
/// never through a link planted after the check (O_NOFOLLOW). Exports follow the
/// umask, like any editor's output.
fn write_export_file(path: &Path, contents: &str, force: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

/// Takes a notebook's writer lock, waiting a moment for a talkbook that is just saving
/// and quitting (`update` typed right after `q`) to let go.
fn lock_patiently(path: &Path) -> Result<store::WriterLock, store::LockError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match store::lock_for_writing(path) {
            Err(store::LockError::Held { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Remembers files by absolute path so `update` works from any directory.
fn absolute_source(source: &str) -> String {
    if import::is_url(source) {
        return source.to_string();
    }
    std::path::absolute(source).map_or_else(|_| source.to_string(), |p| p.display().to_string())
}

/// Loads a notebook by name or path, with a helpful message when there is none.
fn load_named(store: &Store, name_or_path: &str) -> anyhow::Result<(PathBuf, Notebook)> {
    let path = store.resolve(name_or_path)?;
    match store::load(&path) {
        Ok(notebook) => Ok((path, notebook)),
        Err(StoreError::NotFound { path }) => bail!(
            "no notebook {name_or_path:?} (looked for {}); see `talkbook list`, or create it with `talkbook new {name_or_path}`",
            path.display()
        ),
        Err(error) => Err(error.into()),
    }
}

fn list(store: &Store) -> anyhow::Result<()> {
    let notebooks = store.list()?;
    if notebooks.is_empty() {
        say!(
            "No notebooks in {} yet. Run `talkbook` for the demo or `talkbook new NAME`.",
            store.notebooks_dir().display()
        );
    }
    let last = store.default_notebook()?;
    for summary in notebooks {
        let marker = if last.as_deref() == Some(summary.name.as_str()) {
            "*"
        } else {
            " "
        };
        match summary.content {
            Ok((title, days, talks)) => say!(
                "{marker} {:<24} {title} ({}, {})",
                summary.name,
                counted(days, "day", "days"),
                counted(talks, "talk", "talks")
            ),
            Err(error) => say!("{marker} {:<24} UNREADABLE: {error}", summary.name),
        }
    }
    Ok(())
}

/// How the user wants the screen: from the environment, flags and `config.toml`.
struct View {
    mouse: bool,
    bell: bool,
    theme: Theme,
    keymap: Keymap,
    clock_format: ClockFormat,
    /// What is wrong with `config.toml`, shown in the status line at start.
    config_problem: Option<String>,
    /// Sync after quitting, as this author (`sync = "on-quit"`).
    sync_on_quit: Option<String>,
    /// Who syncs with `S` in the app, or why nobody can.
    author: Result<String, String>,
}

fn show_config(path: Option<&Path>, print_default: bool, init: bool) -> anyhow::Result<()> {
    if print_default {
        return output::out(&config::default_file());
    }
    let path = path.context("cannot find the config directory; pass --config FILE")?;
    if init {
        return init_config(path);
    }
    if !path.exists() {
        say!(
            "{} does not exist: talkbook uses the defaults.\nCreate it with: talkbook config --init",
            display_path(path)
        );
        return Ok(());
    }
    config::load(path, true)?;
    say!("{} is valid.", display_path(path));
    Ok(())
}

/// Writes the commented default file at `path`, making its folder; never over a file.
fn init_config(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create {}", display_path(dir)))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists and was left as it is; `talkbook config` checks it",
            display_path(path)
        ),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot create {}", display_path(path)));
        }
    };
    use std::io::Write as _;
    file.write_all(config::default_file().as_bytes())
        .with_context(|| format!("cannot write {}", display_path(path)))?;
    say!(
        "Wrote {} with every setting commented out; edit it, then `talkbook config` checks it.",
        display_path(path)
    );
    Ok(())
}

fn open(
    store: &Store,
    requested: Option<&str>,
    view: View,
    clock: tui::Clock,
) -> anyhow::Result<()> {
    let mut welcome = None;
    let name = match requested {
        Some(name) => name.to_string(),
        None => {
            if let Some(demo) = store.install_demo_if_empty()? {
                welcome = Some(format!(
                    "Welcome! This is a demo notebook ({demo}). Press ? for keys, Enter to write notes."
                ));
            }
            store
                .default_notebook()?
                .context("no notebook to open; create one with `talkbook new NAME`")?
        }
    };
    let path = store.resolve(&name)?;
    // One writer per notebook: a second window shows it read-only instead of racing.
    // The lock comes before reading, so a talkbook that is just saving and quitting
    // finishes before we read what it wrote.
    let (lock, held_elsewhere) = if path.is_file() {
        match store::lock_for_writing(&path) {
            Ok(lock) => (Some(lock), None),
            Err(store::LockError::Held { holder, .. }) => {
                (None, Some(HeldElsewhere { pid: holder }))
            }
            Err(error) => return Err(error.into()),
        }
    } else {
        (None, None)
    };
    // Taken before reading: a change made while we read is seen as a change.
    let seen = store::Fingerprint::of(&path);
    // A notebook from a newer talkbook is shown, never rewritten.
    let (notebook, mut read_only) = match load_named(store, &name) {
        Ok((_, notebook)) => (notebook, None),
        Err(error) => match error.downcast_ref::<StoreError>() {
            Some(StoreError::TooNew { found, .. }) => {
                let reason = format!(
                    "written by a newer talkbook (format {found}); update talkbook to edit it"
                );
                match store::load_newer_for_reading(&path) {
                    Some(notebook) => (notebook, Some(reason)),
                    None => return Err(error),
                }
            }
            _ => return Err(error),
        },
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "talkbook needs a terminal to open a notebook; use `talkbook export {name}` for plain output"
        );
    }
    if let Some(held) = held_elsewhere {
        read_only.get_or_insert(store::open_elsewhere(held.pid));
    }
    let has_lock = lock.is_some();
    if store::validate_name(&name).is_ok() {
        // Only a convenience: failing to remember it must not stop the user.
        let _ = store.remember_last_opened(&name);
    }
    let now = clock.now_in(notebook.zone());
    let sink = FileSink::new(path.clone(), lock, seen);
    let settings = Settings {
        keymap: view.keymap,
        clock_format: view.clock_format,
        bell: view.bell,
        read_only,
        held_elsewhere,
        message: welcome.or(view.config_problem.clone()),
        team: None,
    };
    let mut app = App::with_settings(notebook, Box::new(sink), now, settings);
    let recovery = store::recovery_path(&path);
    if has_lock && recovery.is_file() {
        match store::load(&recovery) {
            Ok(recovered) => app.offer_recovery(recovery, recovered),
            Err(error) => {
                app.message = Some(format!("A crash copy exists but cannot be read: {error}"))
            }
        }
    } else if has_lock && let Some((edit, text)) = store::left_in_an_editor(&path) {
        app.offer_left_in_an_editor(edit, text);
    } else if has_lock && let Some(rescued) = store::pending_rescue(&path) {
        match store::load(&rescued) {
            Ok(notebook) => app.offer_rescue(rescued, notebook),
            Err(error) => {
                app.message = Some(format!("A rescue copy exists but cannot be read: {error}"))
            }
        }
    }
    let mut syncer = sync::from_the_app(store.clone(), view.author.clone(), path.clone());
    let mut team = || sync::teammates_of(store, &path);
    let mut outside = tui::Outside {
        sync: &mut syncer,
        team: &mut team,
    };
    let ending = tui::run(&mut app, &view.theme, clock, view.mouse, &mut outside)?;
    // The writer lock goes with the app's sink.
    let read_only = app.read_only.is_some();
    let saved = !app.has_unsaved_changes();
    let rescued_to = app.rescued_to.take();
    drop(app);
    if let tui::Ending::TerminalGone(_) = ending {
        // Nobody is there to read a message, and printing to a dead terminal fails.
        return match &rescued_to {
            Some(rescued) => bail!(
                "the terminal went away and the notes could not be saved to {}; a copy was written to {}",
                display_path(&path),
                display_path(rescued)
            ),
            None => Ok(()),
        };
    }
    if let Some(problem) = &view.config_problem {
        say_err!("talkbook: {problem}");
    }
    if let Some(rescued) = &rescued_to {
        bail!(
            "notes could not be saved to {}; a copy was written to {}",
            display_path(&path),
            display_path(rescued)
        );
    }
    if !read_only && saved {
        say!("Notes saved in {}", display_path(&path));
    }
    if let Some(author) = view.sync_on_quit {
        // The notebook is saved and let go: now it may be merged.
        sync::run(store, None, author)?;
    }
    Ok(())
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
