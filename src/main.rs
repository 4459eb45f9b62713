//! Wires the real process (arguments, environment, stdio) into `netriage::run`.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout_tty = std::io::stdout().is_terminal();
    let var = |name| std::env::var(name).ok();
    // Asked only of a terminal: a pipe has no size.
    let size = stdout_tty
        .then(|| console::Term::stdout().size_checked())
        .flatten();
    let env = netriage::config::Env {
        stdin_tty: std::io::stdin().is_terminal(),
        stdout_tty,
        stderr_tty: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        dumb_term: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        pager: netriage::pager::command(var("NETRIAGE_PAGER"), var("PAGER")),
        term_width: size.map(|(_, cols)| usize::from(cols)),
        term_height: size.map(|(rows, _)| usize::from(rows)),
    };
    let stdout = std::io::stdout();
    // Large writes: a cohort's output leaves in few system calls.
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut err = std::io::stderr().lock();
    let code = netriage::run(std::env::args_os(), &env, &mut out, &mut err);
    // Anything left unflushed failed to write already; the exit code stands.
    let _ = out.flush();
    ExitCode::from(code)
}
