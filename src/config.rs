//! Arguments plus environment → the validated configuration of one run. The environment is read
//! once (in `main`) and passed in, so that everything here is testable.

use crate::model::ColorChoice;

/// What the process environment says, read once in `main`.
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
