//! One run of the program: parse, load knowledge, dispatch, render; errors become exit codes in
//! one place. Only `main` touches real stdio; here everything is a `Write`.

use crate::cli::{Cli, Command, Deferred, QuestionnaireFormat};
use crate::cohort;
use crate::config::{Config, Env};
use crate::error::Error;
use crate::exit;
use crate::knowledge::Knowledge;
use crate::model::Patient;
use crate::pathway;
use crate::render::citations::ListFormat;
use crate::render::{self, Palette};
use crate::shell;
use crate::toml_text;
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

/// Runs netriage with `args` (including the program name) and returns the exit code.
pub fn run<I, T>(args: I, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    if env.stdout_closed {
        // Every command writes to stdout; output to nowhere must not look like success.
        let _ = writeln!(
            err,
            "netriage: cannot write output: standard output is closed"
        );
        return exit::IO;
    }
    let cli = match parse(args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e, out, err),
    };
    let result = execute(cli, env, out, err).and_then(|()| out.flush().map_err(Error::Output));
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            let code = exit::code(&e);
            if code != exit::OK {
                // A failing stderr leaves nothing better to do than the exit code.
                let _ = writeln!(err, "netriage: {e}");
            }
            code
        }
    }
}

/// `Cli::try_parse_from`, except that a plain `assess` line is read without clap
/// (`cli::plain`), and clap's own structures are left to the OS at exit rather than freed piece
/// by piece (each a measurable share of a one-shot run; see BENCHMARKS.md).
fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if let Some(cli) = crate::cli::plain::parse(&args) {
        return Ok(cli);
    }
    let mut command = Cli::command();
    let mut matches = command.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command()));
    std::mem::forget(matches);
    std::mem::forget(command);
    cli
}

fn clap_error(e: &clap::Error, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Help and version are data: stdout, exit 0 (also when the pipe closes early), and a
        // failing write (a full disk) fails like any other output.
        match write!(out, "{e}").and_then(|()| out.flush()) {
            Ok(()) => exit::OK,
            Err(source) => {
                let error = Error::Output(source);
                let code = exit::code(&error);
                if code != exit::OK {
                    let _ = writeln!(err, "netriage: {error}");
                }
                code
            }
        }
    } else {
        let _ = write!(err, "{}", usage_message(e));
        exit::USAGE
    }
}

/// clap's message for a refused command line, with the value or argument it quotes shortened
/// like every other echoed value, and nothing in it able to act on the terminal.
fn usage_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let mut text = e.render().to_string();
    for kind in [ContextKind::InvalidValue, ContextKind::InvalidArg] {
        if let Some(ContextValue::String(quoted)) = e.get(kind) {
            text = text.replace(
                &format!("'{quoted}'"),
                &format!("'{}'", crate::model::field::shorten(quoted)),
            );
        }
    }
    text.split('\n')
        .map(crate::model::field::escape)
        .collect::<Vec<_>>()
        .join("\n")
}

fn load_knowledge(path: Option<&Path>) -> Result<Knowledge, Error> {
    match path {
        None => Knowledge::builtin().map_err(Error::Internal),
        Some(path) => {
            let name = crate::input::shown(path);
            let text = crate::input::read_text(path, &name)?;
            toml_text::check_numbers(&text).map_err(|e| {
                let see = crate::knowledge::SEE_THRESHOLDS;
                Error::Data(format!("{name}: {e}{see}"))
            })?;
            Ok(Knowledge::with_overrides(&name, &text)?)
        }
    }
}

fn questionnaire(format: QuestionnaireFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        QuestionnaireFormat::Fhir => {
            render::json::write(&crate::fhir::questionnaire::questionnaire(), out)
        }
    }
}

fn execute(cli: Cli, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
    let Config {
        command,
        flags,
        color,
        knowledge,
    } = Config::new(cli, env)?;
    // Commands about the program itself need no knowledge base.
    let command = match command {
        Command::Completions(args) => {
            return shell::completions(args.shell, out).map_err(Error::Output)
        }
        Command::Man(args) => return crate::manual::write(args.command.as_deref(), out),
        Command::Schema(args) => {
            return crate::schema::write(args.document, out).map_err(Error::Output)
        }
        Command::Questionnaire(args) => {
            return questionnaire(args.format, out).map_err(Error::Output)
        }
        other => other,
    };
    let knowledge = load_knowledge(knowledge.as_deref())?;
    let result = dispatch(command, &flags, &knowledge, color, env, (out, err));
    // A one-shot run ends here: the OS reclaims the knowledge base faster than freeing it piece
    // by piece would (about a tenth of a run's instructions; see BENCHMARKS.md).
    std::mem::forget(knowledge);
    result
}

fn dispatch(
    command: Command,
    flags: &Patient,
    knowledge: &Knowledge,
    color: bool,
    env: &Env,
    (out, err): (&mut dyn Write, &mut dyn Write),
) -> Result<(), Error> {
    let palette = &Palette::new(color);
    match command {
        Command::Assess(args) => {
            let patient = match &args.fhir {
                Some(path) => {
                    let mut patient = crate::fhir::read::load(path)?;
                    patient.overlay(flags).map_err(|e| {
                        Error::Usage(format!("{e} (between the FHIR file and the flags)"))
                    })?;
                    patient
                }
                None => crate::profile::with_flags(args.profile.as_deref(), flags)?,
            };
            let report =
                pathway::assess(&patient, knowledge).map_err(|e| Error::Usage(e.to_string()))?;
            show_report(&report, args.output.format, &args.view, env, palette, out)?;
            std::mem::forget(report);
        }
        Command::Grade(args) => {
            let report =
                pathway::grade_only(flags, knowledge).map_err(|e| Error::Usage(e.to_string()))?;
            render::grade_report(
                &report,
                args.output.format,
                env.width(),
                palette,
                env.now,
                out,
            )
            .map_err(Error::Output)?;
        }
        Command::Batch(Deferred(args)) => {
            let batch = cohort::Batch {
                file: args.file,
                input: args.input,
                output: args.format,
                detail: args.detail,
            };
            cohort::run(&batch, knowledge, env, out, err)?;
        }
        Command::Sources(args) => match args.format {
            ListFormat::Text => {
                render::citations::text(knowledge.citations, out).map_err(Error::Output)?;
            }
            ListFormat::Json => {
                render::citations::json(knowledge.version, knowledge.citations, out)
                    .map_err(Error::Output)?;
            }
        },
        Command::Thresholds => {
            let builtin = crate::knowledge::builtin_threshold_table().map_err(Error::Internal)?;
            let order = crate::knowledge::threshold_order();
            let origin = render::thresholds::Origin {
                // The name as `load_knowledge` showed it: escaped, one line.
                file: knowledge.file.as_deref(),
                builtin: &builtin,
                order: &order,
            };
            let table = knowledge.threshold_table().map_err(Error::Internal)?;
            render::thresholds::write(knowledge, &table, &origin, out).map_err(Error::Output)?;
        }
        Command::Completions(_)
        | Command::Man(_)
        | Command::Schema(_)
        | Command::Questionnaire(_) => {}
        Command::Ask(args) => {
            crate::ask::run(&args, flags, env, knowledge, color, out)?;
        }
    }
    Ok(())
}

/// Writes a report to stdout, through the pager when stdout is a terminal and the report is
/// longer than the screen.
pub(crate) fn show_report(
    report: &crate::report::Report,
    format: crate::model::Format,
    view: &crate::cli::ViewArgs,
    env: &Env,
    palette: &Palette,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let width = env.width();
    if env.stdout_tty && !view.no_pager && env.pager.is_some() {
        let mut text = Vec::new();
        render::report(
            report,
            format,
            view.detail,
            width,
            palette,
            env.now,
            &mut text,
        )
        .map_err(Error::Output)?;
        crate::pager::show(&text, env, view.no_pager, out).map_err(Error::Output)?;
    } else {
        render::report(report, format, view.detail, width, palette, env.now, out)
            .map_err(Error::Output)?;
    }
    Ok(())
}
