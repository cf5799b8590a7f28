//! Threads that work beside the event loop (the background save, fetching a schedule):
//! a panic on one of them is a failed result for its owner, shown on the status line,
//! never a half-restored terminal under a running loop. The terminal's panic hook asks
//! [`is_worker_thread`] and leaves such panics to [`spawn`], which catches them.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver};

thread_local! {
    static IS_WORKER: Cell<bool> = const { Cell::new(false) };
    /// What the panic hook saw on this thread: the message and where it was raised.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whether the current thread was started by [`spawn`].
pub fn is_worker_thread() -> bool {
    IS_WORKER.with(Cell::get)
}

/// Called by the panic hook on a worker thread: keeps the message for [`spawn`] to
/// report, instead of printing a backtrace over the screen.
pub fn note_panic(info: &panic::PanicHookInfo<'_>) {
    let message = payload_text(info.payload());
    let at = info
        .location()
        .map(|at| format!(" at {}:{}", at.file(), at.line()))
        .unwrap_or_default();
    LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{at}")));
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// Runs `work` on a thread named `name`; its result, or the panic that ended it as
/// `Err("a bug stopped it: …")`, arrives on the returned channel. `Err` from here is
/// only that the thread could not be started.
pub fn spawn<T: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<Receiver<Result<T, String>>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            IS_WORKER.with(|flag| flag.set(true));
            let outcome = panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
                let seen = LAST_PANIC.with(|last| last.borrow_mut().take());
                format!(
                    "a bug stopped it: {}",
                    seen.unwrap_or_else(|| payload_text(payload.as_ref()))
                )
            });
            // Nobody may be waiting any more (Esc while fetching): then it just goes.
            let _ = sender.send(outcome);
        })?;
    Ok(receiver)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_a_worker_is_its_result() {
        let done = spawn("ok", || 2 + 2).unwrap();
        assert_eq!(done.recv().unwrap(), Ok(4));
        let failed = spawn("boom", || -> u8 { panic!("exploded") }).unwrap();
        let error = failed.recv().unwrap().unwrap_err();
        assert!(error.starts_with("a bug stopped it: exploded"), "{error}");
        assert!(!is_worker_thread());
    }
}
