//! talkbook: a terminal notebook for taking notes live during conference talks.
//!
//! `model` is what a notebook is; `store` keeps it on disk; `export` turns it into
//! markdown; `app` is the interactive state and its update step; `ui` draws that state;
//! `tui` runs it in a terminal; `cli` is the command line, and `config` reads the
//! optional `config.toml`.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod export;
pub mod files;
pub mod import;
pub mod input;
pub mod keymap;
pub mod library;
pub mod model;
pub mod opener;
pub mod palette;
pub mod store;
pub mod sync;
#[cfg(feature = "synthetic")]
pub mod synthetic;
#[doc(hidden)]
pub mod test_hooks;
pub mod text;
pub mod tui;
pub mod ui;
pub mod worker;
