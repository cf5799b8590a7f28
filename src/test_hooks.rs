//! Faults the end-to-end tests cause on purpose, to see talkbook survive them for real:
//! `TALKBOOK_TEST_PANIC=f12` (the event loop, on F12), `save` (the background save),
//! `fetch` (fetching a schedule). Only in debug builds, which is what `cargo test`
//! runs; a release binary has none of this.

/// Panics when `TALKBOOK_TEST_PANIC` names `point` (debug builds only).
#[cfg(debug_assertions)]
pub fn panic_if(point: &str) {
    if std::env::var("TALKBOOK_TEST_PANIC").is_ok_and(|wanted| wanted == point) {
        panic!("test panic at {point} (TALKBOOK_TEST_PANIC)");
    }
}

/// Nothing in a release build.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn panic_if(_point: &str) {}
