//! Arguments plus environment → the validated configuration of one run. The environment is read
//! once (in `main`) and passed in, so that everything here is testable.

use crate::model::ColorChoice;

/// What the process environment says, read once in `main`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub stdin_tty: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// `NO_COLOR` set to anything non-empty.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub dumb_term: bool,
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
