//! The manual pages: netriage(1) and netriage-COMMAND(1), built from the one clap definition
//! (commands, flags, values), so that a new flag or value appears in them by itself; the
//! sections clap knows nothing of (examples, exit status, environment, files) are written here.
//! The roff is plain `man` macros, non-ASCII characters escaped, so that groff and mandoc read
//! it without warnings (a test lints it with both).

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use roff::{bold, italic, roman, Roff};
use std::fmt::Write as _;
use std::io::Write;

/// Examples shown in netriage(1) (and, per command, in netriage-COMMAND(1)): each is in the
/// README too, and a test runs them.
pub const EXAMPLES: [(&str, &str); 10] = [
    (
        "Grade a tumour from its Ki-67 index, mitotic count and morphology:",
        "netriage grade --ki67 25 --mitoses 4 --differentiation well",
    ),
    (
        "Assess a patient: a low-grade small-intestinal NET progressing on octreotide (PRRT is recommended):",
        "netriage assess --ki67 5 --differentiation well --primary small-intestine --sstr positive --syndrome none --prior ssa --progression progressive --resectable no --extrahepatic no --ecog 1 --liver-function normal",
    ),
    (
        "The same report as JSON, for a script:",
        "netriage assess --ki67 5 --differentiation well --primary small-intestine --sstr positive --prior octreotide --progression progressive --format json",
    ),
    (
        "Answer the questions at a terminal and keep the answers as a profile:",
        "netriage ask --save patient.toml",
    ),
    (
        "The same report again from the profile, without questions (flags override it):",
        "netriage assess --profile patient.toml --ecog 2",
    ),
    (
        "Triage a cohort into a table for a spreadsheet:",
        "netriage batch registry.csv --format csv > triage.csv",
    ),
    (
        "Start an institution's thresholds file from the values in force:",
        "netriage thresholds > institution.toml",
    ),
    (
        "Assess with the institution's thresholds:",
        "netriage --knowledge institution.toml assess --ki67 5 --age 62 --primary pancreas",
    ),
    (
        "Install the bash completion:",
        "netriage completions bash > ~/.local/share/bash-completion/completions/netriage",
    ),
    ("Read the page of one command:", "netriage man assess | man -l -"),
];

/// The environment variables netriage reads.
const ENVIRONMENT: [(&str, &str); 7] = [
    (
        "NO_COLOR",
        "When set to anything but the empty string, text output is not coloured (unless --color always).",
    ),
    ("TERM", "When dumb, text output is not coloured (unless --color always)."),
    (
        "COLUMNS",
        "The width --help wraps to when standard output is not a terminal.",
    ),
    (
        "NETRIAGE_PAGER",
        "The pager for a report longer than the screen when standard output is a terminal (before PAGER); empty turns paging off.",
    ),
    (
        "PAGER",
        "The pager when NETRIAGE_PAGER is not set (default less -FRX); empty turns paging off. Never used when standard output is not a terminal, nor with --no-pager.",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970: the time FHIR output records (Bundle timestamp, Provenance recorded) in place of now, for reproducible output.",
    ),
    (
        "NETRIAGE_COMPLETE",
        "Set by the completion scripts when they ask netriage for candidates; not for use by hand.",
    ),
];

/// The files netriage reads and writes.
const FILES: [(&str, &str); 4] = [
    (
        "profile (--profile FILE, --save FILE)",
        "A patient's answers in TOML; the keys are the patient flag names without --, e.g. ki67 = 12, primary = \"pancreas\", prior = [\"ssa\"]. An unknown key is refused with its line and the nearest valid key; --save writes a new file, mode 0600, atomically.",
    ),
    (
        "knowledge overrides (--knowledge FILE)",
        "An institution's thresholds in TOML, in the format netriage thresholds prints; give only what differs. An unknown section or key, a value of the wrong type or out of its range, or a broken ordering is refused (exit 65) naming the line, the key and the value.",
    ),
    (
        "cohort (batch FILE)",
        "CSV with a header row, JSON Lines, or FHIR R4 Bundles one per line (--input fhir-ndjson); the columns or keys are the patient flag names (obvious spellings such as Ki-67 (%) or ki67_percent are accepted), plus an optional id.",
    ),
    (
        "completions/ and netriage completions SHELL",
        "The completion scripts for bash, zsh, fish, powershell and elvish.",
    ),
];

/// The command line, with every deferred part built (the pages list every flag).
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The commands that have a page of their own.
fn commands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// Completion candidates for `netriage man COMMAND`.
pub fn command_candidates() -> Vec<CompletionCandidate> {
    commands(&command())
        .map(|s| CompletionCandidate::new(s.get_name()).help(s.get_about().cloned()))
        .collect()
}

/// Writes netriage(1), or netriage-COMMAND(1) when `page` names a command.
pub fn write(page: Option<&str>, out: &mut dyn Write) -> Result<(), crate::error::Error> {
    let cmd = command();
    let roff = match page {
        None => main_page(&cmd),
        Some(name) => {
            let Some(sub) = commands(&cmd).find(|s| s.get_name() == name) else {
                let names: Vec<&str> = commands(&cmd).map(clap::Command::get_name).collect();
                return Err(crate::error::Error::Usage(format!(
                    "no manual page for '{}': the commands are {}",
                    crate::model::field::shorten(name),
                    names.join(", ")
                )));
            };
            command_page(&cmd, sub)
        }
    };
    out.write_all(ascii(&roff.render()).as_bytes())
        .map_err(crate::error::Error::Output)?;
    Ok(())
}

/// Non-ASCII characters as roff escapes (`–` → `\[u2013]`), which groff and mandoc both read
/// whatever the locale.
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let _ = write!(out, "\\[u{:04X}]", u32::from(c));
        }
    }
    out
}

/// The title line. The date slot holds the knowledge-base version, the date of what the page
/// describes (a build date would make the page differ from build to build).
fn title(roff: &mut Roff, name: &str) {
    let date = format!("knowledge {}", crate::knowledge::VERSION);
    let source = format!("netriage {}", env!("CARGO_PKG_VERSION"));
    roff.control(
        "TH",
        [
            name.to_uppercase().as_str(),
            "1",
            date.as_str(),
            source.as_str(),
            "User Commands",
        ],
    );
}

fn section(roff: &mut Roff, title: &str) {
    roff.control("SH", [title]);
}

/// A `.TP` item: a bold term, then its text.
fn item(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(term)]);
    roff.text([roman(text)]);
}

/// Paragraphs of help text (clap's long texts separate them with a blank line).
fn paragraphs(roff: &mut Roff, text: &str) {
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(paragraph.replace('\n', " "))]);
    }
}

/// One flag or argument: its name and value, its help, its values and default.
fn argument(roff: &mut Roff, arg: &clap::Arg) {
    let mut head = Vec::new();
    if let Some(short) = arg.get_short() {
        head.push(bold(format!("-{short}")));
        head.push(roman(", "));
    }
    if let Some(long) = arg.get_long() {
        head.push(bold(format!("--{long}")));
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    // A short list of plain values reads best in place of the value's name: `yes|no`.
    let inline = values.len() <= 3 && values.iter().all(|v| v.get_help().is_none());
    if arg.get_action().takes_values() {
        let names: Vec<String> = if inline && !values.is_empty() {
            vec![values
                .iter()
                .map(clap::builder::PossibleValue::get_name)
                .collect::<Vec<_>>()
                .join("|")]
        } else {
            arg.get_value_names().map_or_else(
                || vec![arg.get_id().as_str().to_uppercase()],
                |names| names.iter().map(ToString::to_string).collect(),
            )
        };
        for name in names {
            if !head.is_empty() {
                head.push(roman(" "));
            }
            head.push(italic(name));
        }
    }
    roff.control("TP", []);
    roff.text(head);
    let help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    paragraphs(roff, &help);
    if !inline && !values.is_empty() {
        roff.control("br", []);
        let mut line = vec![roman("Values: ")];
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                line.push(roman(", "));
            }
            line.push(bold(value.get_name()));
            if let Some(help) = value.get_help() {
                line.push(roman(format!(
                    " ({})",
                    help.to_string().trim_end_matches('.')
                )));
            }
        }
        line.push(roman("."));
        roff.text(line);
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !matches!(arg.get_action(), clap::ArgAction::SetTrue) {
        roff.control("br", []);
        roff.text([roman("Default: "), bold(defaults.join(", ")), roman(".")]);
    }
}

/// The arguments of `cmd` under `heading` (`None`: those without one), positionals apart.
fn arguments<'a>(
    cmd: &'a clap::Command,
    heading: Option<&'a str>,
) -> impl Iterator<Item = &'a clap::Arg> + 'a {
    cmd.get_arguments()
        .filter(move |a| !a.is_hide_set() && a.get_help_heading() == heading)
}

/// The option sections of a command: one per help heading, positionals first.
fn option_sections(roff: &mut Roff, cmd: &clap::Command, rename: &[(&str, &str)]) {
    let positionals: Vec<_> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    if !positionals.is_empty() {
        section(roff, "ARGUMENTS");
        for arg in positionals {
            argument(roff, arg);
        }
    }
    let mut headings: Vec<Option<&str>> = vec![None];
    for arg in cmd.get_arguments() {
        let heading = arg.get_help_heading();
        if !headings.contains(&heading) {
            headings.push(heading);
        }
    }
    for heading in headings {
        let args: Vec<_> = arguments(cmd, heading)
            .filter(|a| !a.is_positional())
            .collect();
        if args.is_empty() {
            continue;
        }
        let name = heading.unwrap_or("Options");
        let name = rename
            .iter()
            .find(|(from, _)| *from == name)
            .map_or(name, |(_, to)| *to);
        section(roff, &name.to_uppercase());
        for arg in args {
            argument(roff, arg);
        }
    }
}

/// `netriage assess [OPTIONS] [FILE]`.
fn synopsis(roff: &mut Roff, path: &str, cmd: &clap::Command) {
    let mut line = vec![bold(path), roman(" ["), italic("OPTIONS"), roman("]")];
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let name = arg
            .get_value_names()
            .and_then(|n| n.first().map(ToString::to_string))
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        if arg.is_required_set() {
            line.extend([roman(" "), italic(name)]);
        } else {
            line.extend([roman(" ["), italic(name), roman("]")]);
        }
    }
    roff.text(line);
}

/// The command an example runs: the first word after `netriage` that is neither a global flag
/// nor its value.
pub fn example_command(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace().skip(1);
    while let Some(word) = words.next() {
        match word {
            "--knowledge" | "--color" => {
                words.next();
            }
            w if w.starts_with('-') => {}
            w => return Some(w),
        }
    }
    None
}

fn examples(roff: &mut Roff, only: Option<&str>) {
    let mut any = false;
    for (what, line) in EXAMPLES {
        if only.is_some_and(|name| example_command(line) != Some(name)) {
            continue;
        }
        if any {
            roff.control("PP", []);
        } else {
            section(roff, "EXAMPLES");
            any = true;
        }
        roff.text([roman(what)]);
        roff.control("RS", ["4"]);
        roff.control("nf", []);
        roff.text([bold(line)]);
        roff.control("fi", []);
        roff.control("RE", []);
    }
}

fn see_also(roff: &mut Roff, cmd: &clap::Command, except: Option<&str>) {
    section(roff, "SEE ALSO");
    let mut pages: Vec<String> = Vec::new();
    if except.is_some() {
        pages.push("netriage(1)".to_owned());
    }
    pages.extend(
        commands(cmd)
            .map(clap::Command::get_name)
            .filter(|name| Some(*name) != except)
            .map(|name| format!("netriage-{name}(1)")),
    );
    let mut line = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(page.as_str()));
    }
    roff.text(line);
    roff.control("PP", []);
    roff.text([
        roman("Each page is printed by "),
        bold("netriage man"),
        roman(" "),
        italic("COMMAND"),
        roman("; the citations behind every threshold by "),
        bold("netriage sources"),
        roman("."),
    ]);
}

fn closing(roff: &mut Roff) {
    section(roff, "VERSION");
    roff.text([roman(crate::cli::VERSION)]);
    section(roff, "CAVEATS");
    roff.text([roman(
        "Decision support for clinicians, not a prescription: discuss every option at a \
         multidisciplinary tumour board.",
    )]);
}

fn main_page(cmd: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    title(&mut roff, "netriage");
    section(&mut roff, "NAME");
    roff.text([roman(format!(
        "netriage - {}",
        cmd.get_about().map(ToString::to_string).unwrap_or_default()
    ))]);
    section(&mut roff, "SYNOPSIS");
    roff.text([
        bold("netriage"),
        roman(" ["),
        italic("OPTIONS"),
        roman("] "),
        italic("COMMAND"),
        roman(" ["),
        italic("ARGS"),
        roman("]"),
    ]);
    roff.control("br", []);
    roff.text([bold("netriage")]);
    section(&mut roff, "DESCRIPTION");
    let about = cmd.get_long_about().or(cmd.get_about());
    paragraphs(
        &mut roff,
        &about.map(ToString::to_string).unwrap_or_default(),
    );
    roff.control("PP", []);
    roff.text([
        roman("Without a command, on a terminal, netriage asks the questions ("),
        bold("netriage ask"),
        roman("); without a terminal it prints a short usage hint and exits with status 2."),
    ]);
    option_sections(&mut roff, cmd, &[]);
    section(&mut roff, "COMMANDS");
    for sub in commands(cmd) {
        roff.control("TP", []);
        roff.text([bold(format!("netriage {}", sub.get_name()))]);
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        roff.text([
            roman(format!("{about}. See ")),
            bold(format!("netriage-{}", sub.get_name())),
            roman("(1)."),
        ]);
    }
    section(&mut roff, "PATIENT FLAGS");
    roff.text([roman(
        "Every patient flag is optional: an answer not given is unknown, and the options that \
         need it are undetermined, never silently refused or allowed. Values are case-insensitive; \
         a percentage may end in %. The same names are the keys of a profile (--profile) and the \
         columns of a cohort (batch). --prior also takes the names of drugs and procedures for \
         their option (octreotide or lanreotide for ssa, Lutathera for prrt, SIRT for tare). \
         assess and grade need at least one of --ki67, --mitoses, or --differentiation poor, small-cell or large-cell.",
    )]);
    if let Some(assess) = cmd.find_subcommand("assess") {
        for arg in arguments(assess, Some("Patient")) {
            argument(&mut roff, arg);
        }
    }
    examples(&mut roff, None);
    section(&mut roff, "EXIT STATUS");
    for (code, meaning) in crate::exit::MEANINGS {
        item(&mut roff, &code.to_string(), meaning);
    }
    section(&mut roff, "ENVIRONMENT");
    for (name, meaning) in ENVIRONMENT {
        item(&mut roff, name, meaning);
    }
    section(&mut roff, "FILES");
    for (name, meaning) in FILES {
        item(&mut roff, name, meaning);
    }
    see_also(&mut roff, cmd, None);
    closing(&mut roff);
    roff
}

fn command_page(cmd: &clap::Command, sub: &clap::Command) -> Roff {
    let name = sub.get_name();
    let mut roff = Roff::new();
    title(&mut roff, &format!("netriage-{name}"));
    section(&mut roff, "NAME");
    let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
    roff.text([roman(format!("netriage-{name} - {about}"))]);
    section(&mut roff, "SYNOPSIS");
    synopsis(&mut roff, &format!("netriage {name}"), sub);
    section(&mut roff, "DESCRIPTION");
    let long = sub.get_long_about().map(ToString::to_string);
    paragraphs(&mut roff, long.as_deref().unwrap_or(&about));
    option_sections(&mut roff, sub, &[("Patient", "Patient flags")]);
    if let Some(notes) = sub.get_after_long_help().or(sub.get_after_help()) {
        section(&mut roff, "NOTES");
        paragraphs(&mut roff, &notes.to_string());
    }
    examples(&mut roff, Some(name));
    section(&mut roff, "EXIT STATUS");
    roff.text([
        roman("0 on success; the other codes are listed in "),
        bold("netriage"),
        roman("(1)."),
    ]);
    see_also(&mut roff, cmd, Some(name));
    closing(&mut roff);
    roff
}
