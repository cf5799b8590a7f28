//! The `talkbook` binary: runs the command line ([`talkbook::cli::run`]) and turns its
//! error into one line on standard error and exit status 1.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    match talkbook::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        // It said what it had to (search: nothing matched).
        Err(error) if error.is::<talkbook::cli::QuietFailure>() => ExitCode::FAILURE,
        // The reader went away (`| head`): what it wanted it has; nothing to say.
        Err(error) if talkbook::cli::is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, with the chain of causes: "cannot save X: No space left on device".
            // Written without eprintln!, which panics when the terminal is gone.
            let _ = writeln!(
                std::io::stderr(),
                "talkbook: {}",
                talkbook::text::message_line(&format!("{error:#}"))
            );
            ExitCode::FAILURE
        }
    }
}
