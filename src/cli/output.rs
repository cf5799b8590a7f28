//! What commands print. Everything goes through the same cleaner as the screen, so a
//! title, path or value holding escape sequences cannot move the cursor or retitle the
//! window (line breaks the message itself has stay). A reader that went away
//! (`talkbook search x | head -1`) ends the command quietly with status 0, as ripgrep
//! does: the write fails with a broken pipe, which [`is_closed_pipe`] recognises.

use std::io::Write as _;

/// Writes `text` to standard output as it is.
pub(crate) fn out(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| anyhow::Error::new(error).context("cannot write the output"))
}

/// One cleaned line to standard output.
pub(crate) fn line(text: &str) -> anyhow::Result<()> {
    out(&format!("{}\n", crate::text::clean_text(text)))
}

/// One cleaned line to standard error; a closed standard error is no reason to fail.
pub(crate) fn err_line(text: &str) {
    let _ = writeln!(std::io::stderr(), "{}", crate::text::clean_text(text));
}

/// Whether `error` is, or was caused by, writing into a pipe nobody reads any more.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
