//! `netriage ask` (and bare `netriage` on a terminal): flags and a profile pre-fill answers,
//! the questionnaire asks the rest, then the pathway is printed and `--save` keeps the answers.

use crate::cli::{AskArgs, OutputArgs, PatientArgs};
use crate::config::Env;
use crate::error::Error;
use crate::knowledge::Knowledge;
use crate::model::{Format, Patient};
use crate::pathway;
use crate::profile;
use crate::questionnaire::{self, terminal::TerminalPrompter, Prompter};
use crate::render::{self, Palette};
use std::io::Write;

const NO_TERMINAL: &str = "the questionnaire needs a terminal (stdin and stdout), and this is not one.\n\
Give the answers as flags instead, e.g.\n  netriage assess --ki67 12 --differentiation well --primary pancreas --lesions 3 --sstr positive\n\
or from a profile: netriage assess --profile patient.toml\n\
See `netriage assess --help` for every patient flag.";

/// Whether the questionnaire can run: it reads stdin and prints the pathway to stdout.
pub fn on_terminal(env: &Env) -> bool {
    env.stdin_tty && env.stdout_tty
}

/// The arguments of a bare `netriage` on a terminal: nothing pre-filled.
pub fn bare() -> AskArgs {
    AskArgs {
        patient: PatientArgs::default(),
        profile: None,
        save: None,
        force: false,
        output: OutputArgs {
            format: Format::Text,
        },
    }
}

/// Runs the questionnaire with `flags` (already validated) pre-filled.
pub fn run(
    args: &AskArgs,
    flags: &Patient,
    env: &Env,
    knowledge: &Knowledge,
    color: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let palette = &Palette::new(color);
    if !on_terminal(env) {
        return Err(Error::Usage(NO_TERMINAL.to_owned()));
    }
    let prefilled = profile::with_flags(args.profile.as_deref(), flags)?;
    if let Some(path) = &args.save {
        // Refuse before the first question rather than after the last.
        profile::check_target(path, args.force)?;
    }
    let mut prompter =
        TerminalPrompter::new(color).ok_or_else(|| Error::Usage(NO_TERMINAL.to_owned()))?;
    let patient = questionnaire::ask_all(&mut prompter, knowledge, prefilled)
        .map_err(|_| Error::Interrupted)?;
    let report = pathway::assess(&patient, knowledge).map_err(|e| Error::Usage(e.to_string()))?;
    render::report(&report, args.output.format, palette, env.now, out)?;
    out.flush()?;
    if let Some(path) = &args.save {
        profile::save(path, &patient, args.force)?;
        // The answers are safe; a failing notice changes nothing.
        let _ = prompter.show(&format!("Answers saved to {}", crate::input::shown(path)));
    }
    Ok(())
}
