//! End-to-end figures with the real binary in a pseudo-terminal, on the 1,000-talk
//! notebook with 1 MB of notes: time from start to the first full frame, resident
//! memory, and CPU time while idle. Run in release, where the targets apply:
//!
//!     cargo test --release --test startup -- --ignored --nocapture

mod support;

use std::thread;
use std::time::{Duration, Instant};

use support::{PtySession, notebook_path};
use talkbook::store;
use talkbook::synthetic::{self, ConferenceSize};

fn proc_field(pid: u32, file: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap()
}

/// Resident memory in kB.
fn resident_kb(pid: u32) -> u64 {
    let status = proc_field(pid, "status");
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// User + system CPU time, in clock ticks (1/100 s on Linux).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = proc_field(pid, "stat");
    // Fields after the command name (which is in parentheses); utime and stime are 14, 15.
    let (_, after) = stat.rsplit_once(") ").unwrap();
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn startup_memory_and_idle_cpu_on_a_big_notebook() {
    let data = tempfile::tempdir().unwrap();
    let notebook = synthetic::notebook_with_notes(ConferenceSize::LARGE, 7, 5000, 1024 * 1024);
    let path = notebook_path(data.path(), "big");
    store::save(&path, &notebook).unwrap();

    let started = Instant::now();
    let mut session = PtySession::spawn(data.path(), &["big"], 200, 50);
    // The status line is the last row drawn, so seeing it means the first frame is complete.
    while !session.output().contains("saved") {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no frame: {}",
            session.output()
        );
        thread::sleep(Duration::from_micros(200));
    }
    let first_frame = started.elapsed();
    let pid = session.pid();
    let memory_kb = resident_kb(pid);
    let idle_seconds = std::env::var("TALKBOOK_IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let before = cpu_ticks(pid);
    thread::sleep(Duration::from_secs(idle_seconds));
    let idle_ticks = cpu_ticks(pid) - before;
    session.send("q");
    assert!(session.wait_for_exit().success());

    println!(
        "start to first full frame: {:.1} ms",
        first_frame.as_secs_f64() * 1000.0
    );
    println!(
        "resident memory after start: {:.1} MB",
        memory_kb as f64 / 1024.0
    );
    println!(
        "CPU time while idle for {idle_seconds} s: {} ms",
        idle_ticks * 10
    );
    // The targets are for the release build; a debug build gets room for being one
    // (about ten times slower, bigger), but idle is idle in both.
    let (frame_limit, memory_limit_kb) = if cfg!(debug_assertions) {
        (Duration::from_millis(500), 60 * 1024)
    } else {
        (Duration::from_millis(50), 30 * 1024)
    };
    assert!(
        first_frame < frame_limit,
        "first frame took {first_frame:?}"
    );
    assert!(memory_kb < memory_limit_kb, "{memory_kb} kB resident");
    assert!(idle_ticks <= 2, "{idle_ticks} ticks of CPU while idle");
}
