//! SIGINT and SIGTERM during a cohort: blocked in every thread and taken by a watcher thread,
//! so no write is cut short; the loop stops between records (exit 130 / 143). A second signal
//! ends the process at once (for a run stuck writing to a reader that never reads), saying on
//! stderr when the output may end inside a record.

use crate::error::Error;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// The signal that asked the cohort to stop: 0 none, else what [`stopped`] maps to.
static STOP: AtomicU8 = AtomicU8::new(0);
const INT: u8 = 1;
const TERM: u8 = 2;

/// Whether everything handed to standard output so far ends on a record boundary.
static WHOLE: AtomicBool = AtomicBool::new(true);

/// Records are about to be written (`false`: output may now end inside one), or every record
/// written so far has been pushed out whole (`true`).
pub fn output_whole(whole: bool) {
    WHOLE.store(whole, Ordering::Relaxed);
}

/// What a second signal says before the process ends at once.
const CUT: &str =
    "netriage: stopped while writing: the last record of the output may be incomplete";

/// The error to end with, once a signal has arrived.
pub fn stopped() -> Option<Error> {
    match STOP.load(Ordering::SeqCst) {
        INT => Some(Error::Interrupted),
        TERM => Some(Error::Terminated),
        _ => None,
    }
}

/// Starts watching; `wake` is called (from the watcher thread) when a signal arrives, so that
/// a loop waiting for input notices. Call it before starting any other thread: threads
/// inherit the blocked signals. `terminal`: stderr is a terminal (a progress line to clear).
/// Does nothing where signals cannot be watched.
#[cfg(unix)]
pub fn watch(terminal: bool, wake: impl Fn() + Send + 'static) {
    use nix::sys::signal::{SigSet, Signal};
    let mut set = SigSet::empty();
    set.add(Signal::SIGINT);
    set.add(Signal::SIGTERM);
    if set.thread_block().is_err() {
        return;
    }
    std::thread::spawn(move || {
        while let Ok(signal) = set.wait() {
            let (code, exit) = if signal == Signal::SIGTERM {
                (TERM, crate::exit::TERMINATED)
            } else {
                (INT, crate::exit::INTERRUPTED)
            };
            if STOP.swap(code, Ordering::SeqCst) != 0 {
                let clear = if terminal { "\r\x1b[2K" } else { "" };
                let word = if code == TERM {
                    "terminated"
                } else {
                    "interrupted"
                };
                let said = if WHOLE.load(Ordering::Relaxed) {
                    format!("{clear}netriage: {word}")
                } else {
                    format!("{clear}{CUT}")
                };
                // Nothing better to do if stderr fails: the exit code still tells.
                let _ = writeln!(std::io::stderr(), "{said}");
                std::process::exit(i32::from(exit));
            }
            wake();
        }
    });
}

#[cfg(not(unix))]
pub fn watch(_terminal: bool, _wake: impl Fn() + Send + 'static) {}
