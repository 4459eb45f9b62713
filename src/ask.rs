//! `netriage ask` (and bare `netriage` on a terminal): flags and a profile pre-fill answers,
//! the questionnaire asks the rest, then the pathway is printed and `--save` keeps the answers.

use crate::cli::{AskArgs, OutputArgs, PatientArgs, ViewArgs};
use crate::config::Env;
use crate::error::Error;
use crate::knowledge::Knowledge;
use crate::model::{Format, Patient};
use crate::pathway;
use crate::profile;
use crate::questionnaire::{self, terminal::TerminalPrompter, Prompter};
use crate::render::{self, Palette};
use crate::signals;
use std::io::Write;

const NO_TERMINAL: &str = "the questionnaire needs a terminal (stdin and stderr), and this is not one.\n\
Give the answers as flags instead, e.g.\n  netriage assess --ki67 12 --differentiation well --primary pancreas --lesions 3 --sstr positive\n\
or from a profile: netriage assess --profile patient.toml\n\
See `netriage assess --help` for every patient flag.";

/// Whether the questionnaire can run: it reads stdin and asks on stderr (the report may go to a
/// file: `ask --format markdown > note.md`).
pub fn on_terminal(env: &Env) -> bool {
    env.stdin_tty && env.stderr_tty
}

/// The arguments of a bare `netriage` on a terminal: nothing pre-filled.
pub fn bare() -> AskArgs {
    AskArgs {
        patient: PatientArgs::default(),
        profile: None,
        save: None,
        force: false,
        output_file: None,
        output: OutputArgs {
            format: Format::Text,
        },
        view: ViewArgs::default(),
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
    if args.save.is_some() && args.save == args.output_file {
        // The profile would replace the report (or, without --force, be refused at the end).
        return Err(Error::Usage(
            "--save and --output name the same file: give each its own".to_owned(),
        ));
    }
    let prefilled = profile::with_flags(args.profile.as_deref(), flags)?;
    // Refuse before the first question rather than after the last.
    for path in [&args.save, &args.output_file].into_iter().flatten() {
        profile::check_target(path, args.force)?;
    }
    let mut prompter =
        TerminalPrompter::new(color).ok_or_else(|| Error::Usage(NO_TERMINAL.to_owned()))?;
    // Quit from a prompt (Ctrl-C, Ctrl-D, Esc at the first question) or a signal's wake-up.
    let patient = questionnaire::ask_all(&mut prompter, knowledge, prefilled)
        .map_err(|_| signals::stopped().unwrap_or(Error::Interrupted))?;
    let report = pathway::assess(&patient, knowledge).map_err(|e| Error::Usage(e.to_string()))?;
    let (format, detail) = (args.output.format, args.view.detail);
    let written = match &args.output_file {
        Some(path) => {
            let mut text = Vec::new();
            let width = crate::render::DEFAULT_WIDTH;
            render::report(&report, format, detail, width, palette, env.now, &mut text)
                .map_err(Error::Output)?;
            let written = profile::write_atomically(path, &text, args.force);
            let notice = match &written {
                Ok(()) => format!("Report written to {}", crate::input::shown(path)),
                // Never lost: the report goes to standard output instead.
                Err(_) => format!(
                    "Could not write the report to {}; it follows on standard output.",
                    crate::input::shown(path)
                ),
            };
            let _ = prompter.show(&notice);
            if written.is_err() {
                out.write_all(&text).map_err(Error::Output)?;
                out.flush().map_err(Error::Output)?;
            }
            written
        }
        None => crate::run::show_report(&report, format, &args.view, env, palette, out)
            .and_then(|()| out.flush().map_err(Error::Output)),
    };
    if let Some(path) = &args.save {
        match profile::save(path, &patient, args.force) {
            // The answers are safe; a failing notice changes nothing.
            Ok(()) => {
                let _ = prompter.show(&format!("Answers saved to {}", crate::input::shown(path)));
            }
            Err(e) => {
                // Never lost: the answers as a profile to paste into a file.
                let _ = prompter.show(&format!(
                    "Could not save the answers to {}. Here they are as a profile:\n\n{}",
                    crate::input::shown(path),
                    profile::to_toml(&patient)
                ));
                return Err(e);
            }
        }
    }
    // A signal after the last answer: the report and the answers are out (never lost), and
    // the run still ends as the signal asked.
    if let Some(e) = signals::stopped() {
        return Err(e);
    }
    written
}
