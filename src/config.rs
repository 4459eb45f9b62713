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
