//! The one mapping from outcome to exit code (documented in README.md and the contract).

use crate::error::Error;

pub const OK: u8 = 0;
/// Usage: unknown flag, bad or out-of-range flag value, nothing to grade, no terminal.
pub const USAGE: u8 = 2;
/// Bad data in a file: profile, cohort rows, knowledge overrides (sysexits EX_DATAERR).
pub const DATA: u8 = 65;
/// An input file cannot be opened (EX_NOINPUT).
pub const NO_INPUT: u8 = 66;
/// Internal software error: the built-in knowledge base failed validation (EX_SOFTWARE).
pub const SOFTWARE: u8 = 70;
/// An output file cannot be written (EX_CANTCREAT).
pub const CANT_CREATE: u8 = 73;
/// Output to stdout failed for another reason than a closed pipe (EX_IOERR).
pub const IO: u8 = 74;
/// Hung up (SIGHUP, the terminal closed), 128 + 1.
pub const HANGUP: u8 = 129;
/// Interrupted (Ctrl-C).
pub const INTERRUPTED: u8 = 130;
/// Terminated (SIGTERM), 128 + 15 as a shell reports it.
pub const TERMINATED: u8 = 143;

/// Every exit code with its meaning, as the manual page lists them (README.md's table says the
/// same; a test compares them).
pub const MEANINGS: [(u8, &str); 10] = [
    (OK, "success (also when stdout is closed early, e.g. | head)"),
    (USAGE, "usage: unknown flag, bad or out-of-range flag value (the message names the flag, the value and the valid range), nothing to grade, questionnaire without a terminal"),
    (DATA, "bad data in a file: profile, FHIR resource (--fhir), cohort rows (after all good rows are written), knowledge overrides"),
    (NO_INPUT, "an input file cannot be opened, or standard input is closed (<&-) when a cohort is read from it"),
    (SOFTWARE, "the built-in knowledge base failed validation (a defect of the build)"),
    (CANT_CREATE, "an output file cannot be written (nothing partial is left behind)"),
    (IO, "stdout could not be written for another reason than a closed pipe: a full disk (also for --help and --version), or stdout closed (>&-)"),
    (HANGUP, "hung up (SIGHUP, the terminal closed): ask restores the terminal mode and cursor and leaves no partial file; batch stops between whole records"),
    (INTERRUPTED, "interrupted (Ctrl-C, SIGINT); the terminal is left clean, no partial file written; batch stops between whole records"),
    (TERMINATED, "terminated (SIGTERM): batch stops between whole records; ask restores the terminal and leaves no partial file"),
];

pub fn code(error: &Error) -> u8 {
    match error {
        Error::Usage(_) => USAGE,
        Error::Data(_) => DATA,
        Error::Knowledge(_) => DATA,
        Error::Internal(_) => SOFTWARE,
        Error::Open { .. } => NO_INPUT,
        Error::Write { .. } => CANT_CREATE,
        Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OK,
        Error::Output(_) => IO,
        Error::Interrupted => INTERRUPTED,
        Error::Terminated => TERMINATED,
        Error::HungUp => HANGUP,
    }
}
