//! The manual pages as a reader meets them: `netriage man` and `netriage man COMMAND` print
//! pages that real roff tools read without a warning, that list every command, every patient
//! flag with its values, and the sections a reader looks for; the examples run as written.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use clap::CommandFactory;
use netriage::cli::Cli;
use netriage::manual::{example_command, EXAMPLES};
use std::io::Write as _;
use std::path::Path;

fn man(args: &[&str]) -> String {
    let out = crate::common::cmd().arg("man").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

/// The commands with a page: every subcommand but clap's `help`.
fn commands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .filter(|n| n != "help")
        .collect()
}

/// Every page: netriage(1), then netriage-COMMAND(1).
fn pages() -> Vec<(String, String)> {
    let mut pages = vec![("netriage".to_owned(), man(&[]))];
    for c in commands() {
        pages.push((format!("netriage-{c}"), man(&[&c])));
    }
    pages
}

/// Runs a roff tool on `page` and returns its complaints, or `None` when it is not installed.
fn lint(tool: &str, args: &[&str], page: &str) -> Option<String> {
    let Ok(mut child) = std::process::Command::new(tool)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        let _ = writeln!(std::io::stderr(), "SKIPPED: {tool} is not installed");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Some(format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

#[test]
fn every_page_is_clean_roff_for_groff_and_mandoc() {
    for (name, page) in pages() {
        if let Some(complaints) = lint("groff", &["-man", "-ww", "-z"], &page) {
            assert_eq!(complaints, "", "groff on {name}");
        }
        if let Some(complaints) = lint("mandoc", &["-T", "lint", "-W", "warning"], &page) {
            // The date slot holds the knowledge version (a build date would change the page
            // from build to build); mandoc would like a calendar date there, nothing else.
            let rest: Vec<&str> = complaints
                .lines()
                .filter(|l| {
                    !l.contains("WARNING: cannot parse date, using it verbatim: TH knowledge")
                })
                .collect();
            assert!(rest.is_empty(), "mandoc on {name}: {rest:#?}");
        }
    }
}

#[test]
fn the_main_page_teaches_every_command_flag_value_and_section() {
    let page = man(&[]);
    assert!(page.contains(".TH NETRIAGE 1 \"knowledge "), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "PATIENT FLAGS",
        "EXAMPLES",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "SEE ALSO",
    ] {
        let heading = if section.contains(' ') {
            format!(".SH \"{section}\"\n")
        } else {
            format!(".SH {section}\n")
        };
        assert!(page.contains(&heading), "{section}");
    }
    for command in commands() {
        assert!(
            page.contains(&format!("\\fBnetriage {command}\\fR")),
            "{command}"
        );
        assert!(
            page.contains(&format!("\\fBnetriage\\-{command}(1)\\fR")),
            "{command}"
        );
    }
    // Every patient flag (from the definition, so a new one is checked too), with its values.
    let mut cli = Cli::command();
    cli.build();
    let assess = cli.find_subcommand("assess").unwrap();
    let flags: Vec<_> = assess
        .get_arguments()
        .filter(|a| a.get_help_heading() == Some("Patient"))
        .collect();
    assert!(flags.len() >= netriage::model::Field::ALL.len());
    for flag in flags {
        let long = flag.get_long().unwrap().replace('-', "\\-");
        let at = page
            .find(&format!("\\fB\\-\\-{long}\\fR"))
            .unwrap_or_else(|| panic!("{long}"));
        let entry = &page[at..page[at + 1..]
            .find(".TP")
            .map_or(page.len(), |e| at + 1 + e)];
        for value in flag.get_possible_values() {
            let name = value.get_name().replace('-', "\\-");
            assert!(entry.contains(&name), "--{long}: {name} in {entry}");
        }
    }
    for (code, _) in netriage::exit::MEANINGS {
        assert!(
            page.contains(&format!(".TP\n\\fB{code}\\fR\n")),
            "exit {code}"
        );
    }
    for variable in ["NO_COLOR", "NETRIAGE_COMPLETE"] {
        assert!(page.contains(&format!("\\fB{variable}\\fR")), "{variable}");
    }
}

#[test]
fn every_page_the_main_page_refers_to_exists() {
    for command in commands() {
        let page = man(&[&command]);
        let title = format!(".TH NETRIAGE-{} 1 ", command.to_uppercase());
        assert!(page.contains(&title), "{command}: {page}");
        assert!(page.contains(".SH SYNOPSIS\n"), "{command}");
        assert!(
            page.contains("\\fBnetriage\\fR(1)"),
            "{command}: back to the main page"
        );
    }
    let assess = man(&["assess"]);
    assert!(assess.contains(".SH \"PATIENT FLAGS\"\n"));
    assert!(assess.contains("\\fB\\-\\-primary\\fR"));
    let out = crate::common::cmd()
        .args(["man", "asses"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let names = commands().join(", ");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("netriage: no manual page for 'asses': the commands are {names}\n")
    );
}

#[test]
fn the_page_reads_as_text() {
    let page = man(&[]);
    let Some(text) = lint("groff", &["-man", "-Tutf8", "-P", "-cbou"], &page) else {
        return;
    };
    for part in [
        "PATIENT FLAGS",
        "--primary",
        "small-intestine",
        "EXIT STATUS",
        "netriage-assess(1)",
    ] {
        assert!(text.contains(part), "{part} in:\n{text}");
    }
}

/// The examples of the page are the README's, and they run: each command (up to a pipe or a
/// redirection, whose output becomes the named file) succeeds, in a directory holding the files
/// they name; `ask` without a terminal is refused with 2, as documented.
#[test]
fn the_examples_are_in_the_readme_and_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("tests/fixtures/small.csv"),
        dir.path().join("registry.csv"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("patient.toml"),
        "ki67 = 12\nprimary = \"pancreas\"\n",
    )
    .unwrap();
    for (_, line) in EXAMPLES {
        assert!(readme.contains(line), "not in the README: {line}");
        let (command, rest) = line
            .split_once(['|', '>'])
            .map_or((line, None), |(c, r)| (c, Some(r.trim())));
        let words: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = crate::common::cmd()
            .args(&words)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let expected = if example_command(line) == Some("ask") {
            2
        } else {
            0
        };
        // `batch` of the fixture refuses its one bad row, as documented (65).
        let expected = if example_command(line) == Some("batch") {
            65
        } else {
            expected
        };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The files later examples read (`institution.toml`), as the redirection writes them.
        if let Some(file) = rest.filter(|r| Path::new(r).extension().is_some_and(|e| e == "toml")) {
            std::fs::write(dir.path().join(file), &out.stdout).unwrap();
        }
    }
}
