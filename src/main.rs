//! Wires the real process (arguments, environment, stdio) into `netriage::run`.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Some(code) = answer_completion_script() {
        return code;
    }
    let stdout_tty = std::io::stdout().is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let var = |name| std::env::var(name).ok();
    // Asked only of a terminal: a pipe has no size.
    let size = stdout_tty
        .then(|| console::Term::stdout().size_checked())
        .flatten();
    let env = netriage::config::Env {
        stdin_tty: std::io::stdin().is_terminal(),
        stdout_tty,
        stderr_tty,
        stderr_width: if stderr_tty {
            console::Term::stderr()
                .size_checked()
                .map_or(0, |(_, columns)| usize::from(columns))
        } else {
            0
        },
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        dumb_term: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        now: netriage::config::now(std::env::var_os("SOURCE_DATE_EPOCH").as_deref()),
        stdin_closed: netriage::config::closed_at_start(std::io::stdin()),
        stdout_closed: netriage::config::closed_at_start(std::io::stdout()),
        pager: netriage::pager::command(var("NETRIAGE_PAGER"), var("PAGER")),
        term_width: size.map(|(_, cols)| usize::from(cols)),
        term_height: size.map(|(rows, _)| usize::from(rows)),
    };
    let stdout = std::io::stdout();
    // Large writes: a cohort's output leaves in few system calls.
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    // Stderr is not locked for the run: each message takes the lock only while it is written,
    // so no thread can be kept waiting on it.
    let mut err = std::io::stderr();
    let code = netriage::run(std::env::args_os(), &env, &mut out, &mut err);
    // Anything left unflushed failed to write already; the exit code stands.
    let _ = out.flush();
    ExitCode::from(code)
}

/// A completion script runs netriage with `NETRIAGE_COMPLETE` set: answers it (the candidates
/// on stdout) and returns the exit code; `None` for an ordinary run.
fn answer_completion_script() -> Option<ExitCode> {
    std::env::var_os(netriage::shell::COMPLETE_VAR)?;
    let cwd = std::env::current_dir().ok();
    match netriage::shell::completion_request().try_complete(std::env::args_os(), cwd.as_deref()) {
        Ok(true) => Some(ExitCode::SUCCESS),
        Ok(false) => None,
        Err(_) => Some(ExitCode::from(netriage::exit::USAGE)),
    }
}
