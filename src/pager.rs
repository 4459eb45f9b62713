//! Paging a report longer than the screen, as git and bat do: through `$NETRIAGE_PAGER`, else
//! `$PAGER`, else `less -FRX`, only when stdout is a terminal. An empty variable turns it off.

use crate::config::Env;
use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

/// The pager used when neither variable is set.
pub const DEFAULT: &str = "less -FRX";

/// Whether a pager is running: Ctrl-C then belongs to the pager (it quits or stops a search),
/// and must not end netriage under it.
static PAGING: AtomicBool = AtomicBool::new(false);

/// Whether a pager has the terminal now.
pub fn is_paging() -> bool {
    PAGING.load(Ordering::SeqCst)
}

/// The pager command from the environment's two variables (`None`: unset; `Some("")`: off).
pub fn command(netriage_pager: Option<String>, pager: Option<String>) -> Option<String> {
    let chosen = netriage_pager
        .or(pager)
        .unwrap_or_else(|| DEFAULT.to_owned());
    let chosen = chosen.trim().to_owned();
    (!chosen.is_empty()).then_some(chosen)
}

/// Whether a report of `lines` lines goes through the pager.
pub fn wanted(env: &Env, no_pager: bool, lines: usize) -> bool {
    env.stdout_tty
        && !no_pager
        && env.pager.is_some()
        && env.term_height.is_some_and(|height| lines >= height)
}

/// Writes `text` to `out`, through the pager when the environment asks for one and the text is
/// longer than the screen. A pager that cannot start leaves the text to `out`.
pub fn show(text: &[u8], env: &Env, no_pager: bool, out: &mut dyn Write) -> io::Result<()> {
    let lines = memchr::memchr_iter(b'\n', text).count();
    let pager = env
        .pager
        .as_deref()
        .filter(|_| wanted(env, no_pager, lines));
    let Some(pager) = pager else {
        return out.write_all(text);
    };
    // Whatever was written before goes first.
    out.flush()?;
    let child = Command::new("sh")
        .arg("-c")
        .arg(pager)
        .stdin(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return out.write_all(text);
    };
    PAGING.store(true, Ordering::SeqCst);
    // Ctrl-C under the pager is the pager's: blocked here once the pager runs (it keeps its
    // own), so that netriage is not ended underneath it; netriage ends when the pager does.
    block_interrupts();
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before the end (`q` in less): not an error.
        let _ = stdin.write_all(text);
    }
    let status = child.wait();
    PAGING.store(false, Ordering::SeqCst);
    // `sh` could not run the pager (126: not executable, 127: not found, e.g. no `less`
    // installed): the report goes to stdout as if there were no pager, never lost.
    if status.is_ok_and(|s| matches!(s.code(), Some(126 | 127))) {
        return out.write_all(text);
    }
    Ok(())
}

#[cfg(unix)]
fn block_interrupts() {
    use nix::sys::signal::{SigSet, Signal};
    let mut set = SigSet::empty();
    set.add(Signal::SIGINT);
    let _ = set.thread_block();
}

#[cfg(not(unix))]
fn block_interrupts() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netriage_pager_wins_and_empty_turns_paging_off() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(command(None, None).as_deref(), Some(DEFAULT));
        assert_eq!(command(None, s("more")).as_deref(), Some("more"));
        assert_eq!(command(s("most"), s("more")).as_deref(), Some("most"));
        assert_eq!(command(s(""), s("more")), None);
        assert_eq!(command(None, s(" ")), None);
    }

    #[test]
    fn only_a_long_report_on_a_terminal_is_paged() {
        let tty = Env {
            stdout_tty: true,
            pager: Some(DEFAULT.to_owned()),
            term_height: Some(40),
            ..Env::default()
        };
        assert!(wanted(&tty, false, 80));
        assert!(!wanted(&tty, false, 10));
        assert!(!wanted(&tty, true, 80));
        let pipe = Env {
            stdout_tty: false,
            ..tty.clone()
        };
        assert!(!wanted(&pipe, false, 80));
        let off = Env { pager: None, ..tty };
        assert!(!wanted(&off, false, 80));
    }
}
