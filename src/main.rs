use std::process::ExitCode;

fn main() -> ExitCode {
    match talkbook::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, with the chain of causes: "cannot save X: No space left on device".
            eprintln!("talkbook: {error:#}");
            ExitCode::FAILURE
        }
    }
}
