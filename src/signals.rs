//! SIGINT, SIGTERM and SIGHUP, for `ask` and `batch` alike: blocked in every thread and taken by
//! one watcher thread, so no write is cut short. The first signal is recorded and wakes what the
//! run waits on (the cohort's loop, a prompt waiting for a key); the run then ends through
//! `run` with the signal's error, so one place decides the exit code (130, 143, 129).
//!
//! A second signal ends the process at once, for a run stuck writing to a reader that never
//! reads: it puts the terminal back and says on stderr when the output may end inside a record.
//! So does any signal but Ctrl-C while a pager holds the terminal: the report is out, and the
//! pager is not ours to wait for (Ctrl-C there is the pager's).

use crate::error::Error;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// The signal that asked the run to stop: 0 none, else what [`stopped`] maps to.
static STOP: AtomicU8 = AtomicU8::new(0);
const INT: u8 = 1;
const TERM: u8 = 2;
const HUP: u8 = 3;

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
        HUP => Some(Error::HungUp),
        _ => None,
    }
}

/// What the watcher does for a run.
pub struct Watch {
    /// Called (from the watcher thread) when the first signal arrives, so that a loop or a
    /// prompt waiting for input notices.
    pub wake: Box<dyn Fn() + Send>,
    /// Called before the process ends at once: puts back what the run changed (the terminal
    /// mode).
    pub restore: Box<dyn Fn() + Send>,
    /// Stderr is a terminal: a progress line, or a prompt, to end before the last message.
    pub terminal: bool,
}

/// Starts watching. Call it before starting any other thread: threads inherit the blocked
/// signals. Does nothing where signals cannot be watched, or when already watching.
#[cfg(unix)]
pub fn watch(watch: Watch) {
    use nix::sys::signal::{SigSet, Signal};
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let mut set = SigSet::empty();
        for signal in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
            set.add(signal);
        }
        if set.thread_block().is_err() {
            return;
        }
        // Written through its own handle on stderr, never waiting on another thread's lock.
        let mut stderr = own_stderr();
        std::thread::spawn(move || {
            while let Ok(signal) = set.wait() {
                let paging = crate::pager::is_paging();
                if signal == Signal::SIGINT && paging {
                    continue;
                }
                let (code, word) = match signal {
                    Signal::SIGTERM => (TERM, "terminated"),
                    Signal::SIGHUP => (HUP, "hung up"),
                    _ => (INT, "interrupted"),
                };
                if STOP.swap(code, Ordering::SeqCst) == 0 && !paging {
                    (watch.wake)();
                    continue;
                }
                (watch.restore)();
                let start = if watch.terminal {
                    "\r\x1b[2K\x1b[?25h"
                } else {
                    ""
                };
                let said = if WHOLE.load(Ordering::Relaxed) {
                    format!("{start}netriage: {word}")
                } else {
                    format!("{start}{CUT}")
                };
                // Nothing better to do if stderr fails: the exit code still tells.
                if let Some(stderr) = stderr.as_mut() {
                    let _ = writeln!(stderr, "{said}");
                }
                let error = stopped().unwrap_or(Error::Interrupted);
                std::process::exit(i32::from(crate::exit::code(&error)));
            }
        });
    });
}

#[cfg(not(unix))]
pub fn watch(_watch: Watch) {}

#[cfg(unix)]
fn own_stderr() -> Option<std::fs::File> {
    use std::os::fd::AsFd;
    let fd = std::io::stderr().as_fd().try_clone_to_owned().ok()?;
    Some(std::fs::File::from(fd))
}
