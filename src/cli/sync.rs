//! `talkbook sync` and what builds on it: who the person is (`author`), syncing after
//! the app quits (`sync = "on-quit"`), and `export --team`.

use anyhow::Context as _;

use super::{load_named, write_or_print};
use crate::app::team::SyncedHere;
use crate::export::ExportOptions;
use crate::store::Store;
use crate::sync::{self, SyncOptions, team};

/// The person's name: `author` in `config.toml`, else git's `user.name`.
pub fn author(configured: Option<&str>) -> anyhow::Result<String> {
    configured
        .map(String::from)
        .or_else(sync::git::git_user_name)
        .context(
            "talkbook sync needs your name for the team: set author = \"Your Name\" in config.toml (`talkbook config --init` writes one), or git's user.name",
        )
}

/// Syncs and prints one line per notebook that changed.
pub fn run(store: &Store, remote: Option<String>, author: String) -> anyhow::Result<()> {
    let options = SyncOptions {
        remote,
        author,
        machine: sync::machine_name(),
        open_here: None,
    };
    let lines = sync::sync(store, &options).map_err(|error| anyhow::anyhow!("sync: {error}"))?;
    for line in lines {
        say!("{line}");
    }
    Ok(())
}

/// `talkbook export NOTEBOOK --team`.
pub fn export_team(
    store: &Store,
    name: &str,
    me: &str,
    output: Option<&std::path::Path>,
    force: bool,
    options: ExportOptions,
) -> anyhow::Result<()> {
    let (path, notebook) = load_named(store, name)?;
    let mates = teammates_of(store, &path);
    if mates.is_empty() {
        say_err!(
            "talkbook: no teammates' notes for {name} yet (they come with `talkbook sync`); the report has yours only"
        );
    }
    let text = team::team_markdown(&notebook, me, &mates, options);
    write_or_print(output, &text, force, "Team notes written")
}

/// What `S` in the app does: a sync with the remote set before, allowed to write the
/// notebook the app holds at `open` (the app saved it and takes no key meanwhile). Its
/// lines, or why not in one line.
pub fn from_the_app(
    store: Store,
    author: Result<String, String>,
    open: std::path::PathBuf,
) -> impl FnMut() -> Result<SyncedHere, String> {
    move || {
        let options = SyncOptions {
            remote: None,
            author: author.clone()?,
            machine: sync::machine_name(),
            open_here: Some(open.clone()),
        };
        let lines = sync::sync(&store, &options).map_err(|error| error.to_string())?;
        Ok(SyncedHere {
            lines,
            team: teammates_of(&store, &open),
        })
    }
}

/// The teammates' copies of the notebook at `path`, as the last sync left them.
pub fn teammates_of(store: &Store, path: &std::path::Path) -> Vec<team::Teammate> {
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    team::teammates(store.data_dir(), &name)
}
