//! Opening an address in the person's browser: `xdg-open` (Linux and the BSDs), `open`
//! (macOS) or `start` (Windows), started in the background with nothing of the terminal
//! (its output would land on the screen), and waited for on a thread of its own so no
//! process is left behind.

use std::process::{Command, Stdio};

/// Starts the system's opener on `url`; `Err` says why it could not start.
pub fn open_in_browser(url: &str) -> Result<(), String> {
    if !crate::import::is_web_address(url) {
        return Err(format!("{url} is not a web address"));
    }
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let program = std::env::var("TALKBOOK_OPENER").unwrap_or_else(|_| program.to_string());
    let mut child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {program}: {error}"))?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
