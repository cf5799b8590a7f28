//! Writes the benchmarks' 1,000-talk notebook (1 MB of notes) where talkbook finds it, for
//! measuring the real binary in a terminal:
//! `TALKBOOK_DATA_DIR=/tmp/tb cargo run --release --example big_notebook -- big`, then
//! `TALKBOOK_DATA_DIR=/tmp/tb target/release/talkbook big`.
//!
//! It replaces a notebook of that name, so it only writes into a data directory named
//! by `TALKBOOK_DATA_DIR`, never into the real one.

use talkbook::store::{self, Store};
use talkbook::synthetic::{self, ConferenceSize};

fn main() -> anyhow::Result<()> {
    let name = std::env::args().nth(1).unwrap_or_else(|| "big".into());
    let data_dir = std::env::var_os("TALKBOOK_DATA_DIR")
        .map(std::path::PathBuf::from)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "set TALKBOOK_DATA_DIR to a scratch folder (e.g. /tmp/tb): this replaces \
                 the notebook {name:?} there"
            )
        })?;
    let store = Store::new(data_dir);
    let notebook = synthetic::notebook_with_notes(ConferenceSize::LARGE, 7, 5000, 1024 * 1024);
    let path = store.path_for(&name)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    store::save(&path, &notebook)?;
    println!("wrote {} ({} talks)", path.display(), notebook.talk_count());
    Ok(())
}
