//! The command line: open a notebook in the terminal UI, or create, list and export.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};

use crate::app::App;
use crate::export::{ExportOptions, to_markdown};
use crate::model::Notebook;
use crate::store::{self, FileSink, Store, StoreError};
use crate::tui;
use crate::ui::Theme;

#[derive(Debug, Parser)]
#[command(
    name = "talkbook",
    version,
    about = "A terminal notebook for taking notes live during conference talks",
    long_about = "A terminal notebook for taking notes live during conference talks.\n\n\
        Without a command, opens NOTEBOOK (or the one opened last; on first run, a demo) \
        in a three-pane screen: schedule, notes editor and follow-ups. Press ? inside for keys.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Notebook to open: a name from `talkbook list` or a path to a .json file
    /// [default: the notebook opened last]
    pub notebook: Option<String>,

    /// Directory that holds the notebooks [default: the platform data directory,
    /// e.g. ~/.local/share/talkbook]
    #[arg(long, global = true, env = "TALKBOOK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Draw with ASCII marks only (also automatic when the locale is not UTF-8)
    #[arg(long, global = true)]
    pub ascii: bool,

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
    /// Write a notebook as markdown (to standard output unless -o is given)
    Export {
        /// Name or path of the notebook
        notebook: String,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only talks marked attended (day notes are always included)
        #[arg(long)]
        attended_only: bool,
    },
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date like 2024-05-18"))
}

pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => Store::default_data_dir()
            .context("cannot find a home directory for the data; pass --data-dir DIR")?,
    };
    let store = Store::new(data_dir);
    let mut theme = Theme::from_env();
    if cli.ascii {
        theme.unicode = false;
    }
    match cli.command {
        None => open(&store, cli.notebook.as_deref(), &theme),
        Some(Command::New { name, title, date }) => {
            let mut notebook = Notebook::new(title.unwrap_or_else(|| name.clone()), "");
            notebook.ensure_day(date.unwrap_or_else(|| Local::now().date_naive()));
            let path = store.create(&name, &notebook)?;
            println!("Created notebook {name:?} at {}", path.display());
            println!("Open it with: talkbook {name}");
            Ok(())
        }
        Some(Command::List) => list(&store),
        Some(Command::Export {
            notebook,
            output,
            attended_only,
        }) => {
            let (_, notebook) = load_named(&store, &notebook)?;
            let markdown = to_markdown(&notebook, ExportOptions { attended_only });
            match output {
                Some(path) => {
                    std::fs::write(&path, markdown)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    eprintln!("Exported to {}", path.display());
                }
                None => print!("{markdown}"),
            }
            Ok(())
        }
    }
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
        println!(
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
            Ok((title, days, talks)) => println!(
                "{marker} {:<24} {title} ({days} day(s), {talks} talk(s))",
                summary.name
            ),
            Err(error) => println!("{marker} {:<24} UNREADABLE: {error}", summary.name),
        }
    }
    Ok(())
}

fn open(store: &Store, requested: Option<&str>, theme: &Theme) -> anyhow::Result<()> {
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
    let (path, notebook) = load_named(store, &name)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "talkbook needs a terminal to open a notebook; use `talkbook export {name}` for plain output"
        );
    }
    if store::validate_name(&name).is_ok() {
        // Only a convenience: failing to remember it must not stop the user.
        let _ = store.remember_last_opened(&name);
    }
    let mut app = App::new(
        notebook,
        Box::new(FileSink { path: path.clone() }),
        Local::now().naive_local(),
    );
    app.message = welcome;
    tui::run(&mut app, theme)?;
    println!("Notes saved in {}", display_path(&path));
    Ok(())
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
