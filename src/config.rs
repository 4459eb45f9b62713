//! Arguments plus environment → the validated configuration of one run. The environment is read
//! here, once ([`Env::from_process`], called by `main`), and passed in, so that everything else
//! is testable with an `Env` of its own.

use crate::cli::{Cli, Command, Deferred};
use crate::error::Error;
use crate::model::{ColorChoice, FieldError, Patient};
use std::io::IsTerminal;
use std::path::PathBuf;

const NO_COMMAND: &str = "no command given, and the questionnaire needs a terminal.\n\
Give the answers as flags instead, e.g.\n  netriage assess --ki67 12 --differentiation well --primary pancreas --lesions 3 --sstr positive\n\
See `netriage --help`.";

/// One run, validated: what to do, with what, how.
#[derive(Debug)]
pub struct Config {
    /// The command (a bare `netriage` on a terminal is `ask`); its patient flags are in `flags`.
    pub command: Command,
    /// The answers of the patient flags (`ask`, `assess`, `grade`), each parsed once by its
    /// flag's value parser and checked against the others.
    pub flags: Patient,
    /// Whether text output is styled (`--color`, `NO_COLOR`, `TERM`, a terminal).
    pub color: bool,
    /// An institution's `--knowledge` file.
    pub knowledge: Option<PathBuf>,
}

impl Config {
    /// Validates the parsed arguments in the environment of the run.
    pub fn new(cli: Cli, env: &Env) -> Result<Config, Error> {
        let mut command = match cli.command {
            Some(command) => command,
            None if crate::ask::on_terminal(env) && env.stdout_tty => {
                Command::Ask(Deferred(crate::ask::bare()))
            }
            None => return Err(Error::Usage(NO_COMMAND.to_owned())),
        };
        let flags = match &mut command {
            Command::Ask(Deferred(args)) => std::mem::take(&mut args.patient).into_patient(),
            Command::Assess(Deferred(args)) => std::mem::take(&mut args.patient).into_patient(),
            Command::Grade(Deferred(args)) => std::mem::take(&mut args.pathology).into_patient(),
            _ => Ok(Patient::default()),
        }
        .map_err(|e: FieldError| {
            Error::Usage(format!(
                "invalid value '{}' for --{}: {}",
                e.value,
                e.field,
                e.expectation()
            ))
        })?;
        Ok(Config {
            command,
            flags,
            color: use_color(cli.color, env),
            knowledge: cli.knowledge,
        })
    }
}

/// What the process environment says, read once ([`Env::from_process`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub stdin_tty: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// Columns of the terminal on stderr (0 when unknown or not a terminal).
    pub stderr_width: usize,
    /// `NO_COLOR` set to anything non-empty.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub dumb_term: bool,
    /// Now, in seconds since 1970 (UTC): when a FHIR Bundle is recorded. See [`now`].
    pub now: u64,
    /// Standard input was closed when the program started (`<&-`).
    pub stdin_closed: bool,
    /// Standard output was closed when the program started (`>&-`).
    pub stdout_closed: bool,
    /// The pager for long reports (`pager::command`); `None` when turned off.
    pub pager: Option<String>,
    /// The terminal's columns and rows, when stdout is one.
    pub term_width: Option<usize>,
    pub term_height: Option<usize>,
}

impl Env {
    /// Reads the process: whether each standard stream is a terminal (and its size) or was
    /// closed at start, and the variables netriage honours: `NO_COLOR`, `TERM`,
    /// `SOURCE_DATE_EPOCH`, `NETRIAGE_PAGER` and `PAGER`. The one place they are read
    /// (`NETRIAGE_COMPLETE`, the completion scripts' protocol, is answered before a run).
    pub fn from_process() -> Env {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let var = |name| std::env::var(name).ok();
        // Asked only of a terminal: a pipe has no size.
        let size = stdout_tty
            .then(|| console::Term::stdout().size_checked())
            .flatten();
        Env {
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
            now: now(std::env::var_os("SOURCE_DATE_EPOCH").as_deref()),
            stdin_closed: closed_at_start(std::io::stdin()),
            stdout_closed: closed_at_start(std::io::stdout()),
            pager: crate::pager::command(var("NETRIAGE_PAGER"), var("PAGER")),
            term_width: size.map(|(_, cols)| usize::from(cols)),
            term_height: size.map(|(rows, _)| usize::from(rows)),
        }
    }

    /// The width text wraps to: the terminal's on a terminal, else `render::DEFAULT_WIDTH`.
    pub fn width(&self) -> usize {
        match self.term_width {
            Some(width) if self.stdout_tty && width > 0 => width,
            _ => crate::render::DEFAULT_WIDTH,
        }
    }
}

/// The time of this run: `SOURCE_DATE_EPOCH` when set to a number (reproducible output), else
/// the system clock.
pub fn now(source_date_epoch: Option<&std::ffi::OsStr>) -> u64 {
    source_date_epoch
        .and_then(|v| v.to_str()?.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}

/// Whether a standard stream was closed when the program started. The Rust runtime puts
/// `/dev/null`, opened read-write, in place of a closed standard descriptor, so that output to
/// it would vanish without an error; a shell's `> /dev/null` or `< /dev/null` opens it one way
/// only, and stays what the user asked for.
#[cfg(unix)]
pub fn closed_at_start(fd: impl std::os::fd::AsFd) -> bool {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    use nix::sys::stat::{fstat, stat, SFlag};
    let fd = fd.as_fd();
    let Ok(opened) = fstat(fd) else {
        return true;
    };
    let is_null = SFlag::from_bits_truncate(opened.st_mode).contains(SFlag::S_IFCHR)
        && stat("/dev/null").is_ok_and(|null| null.st_rdev == opened.st_rdev);
    is_null
        && fcntl(fd, FcntlArg::F_GETFL)
            .is_ok_and(|flags| OFlag::from_bits_truncate(flags) & OFlag::O_ACCMODE == OFlag::O_RDWR)
}

/// Elsewhere a closed standard stream cannot be told apart.
#[cfg(not(unix))]
pub fn closed_at_start<T>(_fd: T) -> bool {
    false
}

/// Whether text output is styled.
pub fn use_color(choice: ColorChoice, env: &Env) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_tty && !env.no_color && !env.dumb_term,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OptionId;
    use clap::Parser;

    fn config(args: &[&str]) -> Result<Config, Error> {
        let cli = Cli::try_parse_from(std::iter::once("netriage").chain(args.iter().copied()));
        Config::new(cli.unwrap(), &Env::default())
    }

    #[test]
    fn the_configuration_holds_the_patient_flags_as_typed_answers() {
        let c = config(&[
            "assess",
            "--ki67",
            "12%",
            "--prior",
            "Octreotide",
            "--ecog",
            "1",
        ])
        .unwrap();
        assert_eq!(c.flags.ki67, Some(12.0));
        assert_eq!(c.flags.prior, Some(vec![OptionId::Ssa]));
        assert_eq!(c.flags.ecog, Some(1));
        assert!(!c.color);
        let c = config(&["grade", "--mitoses", "3"]).unwrap();
        assert_eq!(c.flags.mitoses, Some(3.0));
        let err = config(&["assess", "--prior", "none", "--current", " ssa"]).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("invalid value 'ssa' for --current: expected none"));
        let err = config(&[]).unwrap_err();
        assert!(err.to_string().starts_with("no command given"), "{err}");
    }

    #[test]
    fn color_follows_choice_tty_and_no_color() {
        let tty = Env {
            stdout_tty: true,
            ..Env::default()
        };
        let cases = [
            (ColorChoice::Auto, tty.clone(), true),
            (
                ColorChoice::Auto,
                Env {
                    no_color: true,
                    ..tty.clone()
                },
                false,
            ),
            (
                ColorChoice::Auto,
                Env {
                    dumb_term: true,
                    ..tty.clone()
                },
                false,
            ),
            (ColorChoice::Auto, Env::default(), false),
            (ColorChoice::Always, Env::default(), true),
            (ColorChoice::Never, tty, false),
        ];
        for (choice, env, expected) in cases {
            assert_eq!(use_color(choice, &env), expected, "{choice:?} {env:?}");
        }
    }
}
