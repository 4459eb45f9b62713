//! `--help` is reviewed like an API: the clap definition is checked for consistency, and the
//! help of every command is a snapshot in tests/snapshots/help/ (re-bless with `NETRIAGE_BLESS=1
//! cargo test --test lib help` and review the diff).

use crate::common::{cmd, expect_file};
use clap::CommandFactory;
use netriage::cli::Cli;

#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn help_of_every_command() {
    for args in [
        &["--help"][..],
        &["ask", "--help"],
        &["assess", "--help"],
        &["grade", "--help"],
        &["batch", "--help"],
        &["sources", "--help"],
        &["thresholds", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
        &["schema", "--help"],
        &["questionnaire", "--help"],
    ] {
        let out = cmd().args(args).env("COLUMNS", "100").output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        let name = args.join("_").replace("--", "");
        expect_file(&format!("tests/snapshots/help/{name}.txt"), &help);
    }
}

#[test]
fn every_subcommand_says_what_it_does_not_what_its_flags_are() {
    // A doc comment on an argument struct silently replaces a command's description.
    let mut cli = Cli::command();
    cli.build(); // runs the deferred parts, where such a doc comment would act
    for sub in cli.get_subcommands() {
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        assert!(!about.is_empty(), "{}", sub.get_name());
        assert!(
            !about.contains("flags of the contract"),
            "{}: {about}",
            sub.get_name()
        );
        assert!(!about.starts_with('`'), "{}: {about}", sub.get_name());
    }
}
