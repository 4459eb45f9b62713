//! Wires the real process (arguments, environment, stdio) into `netriage::run`.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[allow(unsafe_code)]
mod arena;

#[global_allocator]
static ALLOCATOR: arena::Arena = arena::Arena;

fn main() -> ExitCode {
    if let Some(code) = answer_completion_script() {
        return code;
    }
    let env = netriage::config::Env::from_process();
    let stdout = std::io::stdout();
    // Large writes: a cohort's output leaves in few system calls. A finished JSON or FHIR report
    // (some 50 to 65 kB, written in one piece) is larger than the buffer, so BufWriter passes it
    // straight on rather than copying it in first.
    let mut out = BufWriter::with_capacity(32 * 1024, stdout.lock());
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
