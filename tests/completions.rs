//! Completion scripts: the committed scripts in completions/ match what the binary generates
//! (rewrite them with `NETRIAGE_BLESS=1 cargo test completions`), and real bash, zsh, fish and
//! elvish complete with them — commands, the values of every flag that takes a word from a list,
//! option ids after each comma of `--prior`, nothing for a number, files for a file. PowerShell
//! is not installable from the package registries CI uses: its script is checked by content and
//! the answers it asks for by running the binary as the script does.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use netriage::model::{OptionId, Primary, Syndrome};
use netriage::shell::{completion_script, COMPLETE_VAR, SCRIPTS};
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(file: &str) -> PathBuf {
    root().join("completions").join(file)
}

/// `PATH` with the tested binary first: the scripts run `netriage` to ask for candidates.
fn path_with_binary() -> String {
    let bin = Path::new(crate::common::BIN).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A directory holding one file, so that a completion offering file names shows it.
fn dir_with_a_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planted.toml"), "ki67 = 5\n").unwrap();
    dir
}

#[test]
fn committed_scripts_are_current() {
    let bless = crate::common::blessing();
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let fresh = completion_script(shell);
        let path = committed(file);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(fresh.as_slice()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{stale:?} out of date with the CLI: run `NETRIAGE_BLESS=1 cargo test completions` and commit them"
    );
}

#[test]
fn the_command_prints_each_committed_script() {
    for (shell, file) in SCRIPTS {
        let out = crate::common::cmd()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        assert!(out.stderr.is_empty());
        assert_eq!(out.stdout, completion_script(shell), "{file}");
    }
    let out = crate::common::cmd()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Runs a shell's completion harness (tests/shells) in `dir` and returns the candidates, or
/// `None` with a printed message when the shell is not installed.
fn complete(shell: &str, args: &[&str], dir: &Path) -> Option<Vec<String>> {
    let present = std::process::Command::new(shell)
        .args(["-c", "exit 0"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        // Straight to stderr, past the test harness's capture, so that a skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: {shell} is not installed, its completion test did not run"
        );
        return None;
    }
    let out = std::process::Command::new(shell)
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_binary())
        .env_remove(COMPLETE_VAR)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

fn has_all(shell: &str, line: &str, got: &[String], want: impl IntoIterator<Item = String>) {
    for w in want {
        assert!(got.contains(&w), "{shell}: `{line}` offers no {w}: {got:?}");
    }
}

/// The cases every shell must complete; `complete_line` completes the last word of a line.
fn check(shell: &str, complete_line: impl Fn(&str) -> Option<Vec<String>>) {
    let Some(commands) = complete_line("netriage as") else {
        return;
    };
    has_all(
        shell,
        "netriage as",
        &commands,
        ["assess", "ask"].map(String::from),
    );
    let line = "netriage assess --primary ";
    let sites = complete_line(line).unwrap();
    has_all(
        shell,
        line,
        &sites,
        Primary::ALL.iter().map(|s| s.name().to_owned()),
    );
    let line = "netriage assess --syndrome ";
    let syndromes = complete_line(line).unwrap();
    has_all(
        shell,
        line,
        &syndromes,
        Syndrome::ALL.iter().map(|s| s.name().to_owned()),
    );
    let line = "netriage assess --prior ";
    let first = complete_line(line).unwrap();
    has_all(
        shell,
        line,
        &first,
        OptionId::ALL
            .iter()
            .filter(|o| o.is_treatment())
            .map(|o| o.name().to_owned()),
    );
    // The approach options are not treatments: never offered.
    assert!(
        !first.iter().any(|c| c == "active-surveillance"),
        "{shell}: {first:?}"
    );
    has_all(
        shell,
        line,
        &first,
        netriage::model::OptionId::ALIASES
            .iter()
            .map(|(a, _)| (*a).to_owned()),
    );
    has_all(shell, line, &first, ["none".to_owned()]);
    let line = "netriage assess --prior ssa,";
    let after = complete_line(line).unwrap();
    has_all(
        shell,
        line,
        &after,
        ["ssa,prrt", "ssa,everolimus", "ssa,lutathera"].map(String::from),
    );
    assert!(
        !after.iter().any(|c| c == "ssa,ssa" || c == "ssa,none"),
        "{shell}: {after:?}"
    );
    let line = "netriage assess --prior ssa,ev";
    assert_eq!(complete_line(line).unwrap(), ["ssa,everolimus"], "{shell}");
    for line in [
        "netriage assess --ecog ",
        "netriage assess --ki67 ",
        "netriage grade --mitoses ",
    ] {
        let none = complete_line(line).unwrap();
        assert!(none.is_empty(), "{shell}: `{line}` offers {none:?}");
    }
    let line = "netriage assess --profile pl";
    let files = complete_line(line).unwrap();
    assert_eq!(files, ["planted.toml"], "{shell}: `{line}`");
    let line = "netriage man ";
    let pages = complete_line(line).unwrap();
    has_all(
        shell,
        line,
        &pages,
        ["assess", "thresholds", "batch"].map(String::from),
    );
    for command in ["assess", "ask", "batch"] {
        let levels = complete_line(&format!("netriage {command} --detail ")).unwrap();
        for level in ["brief", "standard", "full"] {
            assert!(
                levels.iter().any(|c| c == level),
                "{shell}: {command} --detail {level} in {levels:?}"
            );
        }
    }
}

fn harness(name: &str) -> String {
    root().join("tests/shells").join(name).display().to_string()
}

/// The words of a line, the last one (what is being completed) possibly empty.
fn words(line: &str) -> Vec<String> {
    line.split(' ').map(str::to_owned).collect()
}

#[test]
fn bash_completes_commands_values_option_lists_and_files() {
    let script = committed("netriage.bash").display().to_string();
    let dir = dir_with_a_file();
    check("bash", |line| {
        let mut args = vec![harness("complete.bash"), script.clone()];
        args.extend(words(line));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        complete("bash", &args, dir.path())
    });
}

#[test]
fn zsh_completes_commands_values_option_lists_and_files() {
    let completions = root().join("completions").display().to_string();
    let dir = dir_with_a_file();
    check("zsh", |line| {
        complete(
            "zsh",
            &["-f", &harness("complete.zsh"), &completions, line],
            dir.path(),
        )
    });
}

#[test]
fn fish_completes_commands_values_option_lists_and_files() {
    let script = committed("netriage.fish").display().to_string();
    let dir = dir_with_a_file();
    check("fish", |line| {
        complete(
            "fish",
            &["--no-config", &harness("complete.fish"), &script, line],
            dir.path(),
        )
    });
}

#[test]
fn elvish_completes_commands_values_option_lists_and_files() {
    let script = committed("netriage.elv").display().to_string();
    let dir = dir_with_a_file();
    check("elvish", |line| {
        let mut args = vec!["-norc".to_owned(), harness("complete.elv"), script.clone()];
        args.extend(words(line));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        complete("elvish", &args, dir.path())
    });
}

/// PowerShell: the script registers a native completer that runs `netriage -- LINE` with
/// NETRIAGE_COMPLETE=powershell and offers each line of the answer (value, tab, help).
#[test]
fn powershell_script_asks_netriage_and_gets_values() {
    let script = String::from_utf8(completion_script(clap_complete::Shell::PowerShell)).unwrap();
    for part in [
        "Register-ArgumentCompleter -Native -CommandName netriage",
        "$env:NETRIAGE_COMPLETE = \"powershell\"",
        "& netriage -- $args",
        "[System.Management.Automation.CompletionResult]::new($cmd, $cmd, 'ParameterValue', $help)",
    ] {
        assert!(script.contains(part), "{part} missing from:\n{script}");
    }
    let dir = dir_with_a_file();
    check("powershell", |line| {
        // What the script passes: the line up to the cursor, '' for an empty last word.
        let mut args: Vec<String> = words(line);
        if args.last().is_some_and(String::is_empty) {
            args.pop();
            args.push(String::new());
        }
        let out = crate::common::cmd()
            .arg("--")
            .args(&args)
            .current_dir(dir.path())
            .env(COMPLETE_VAR, "powershell")
            .output()
            .unwrap();
        assert!(out.status.success(), "{line}");
        Some(
            String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        )
    });
}

/// Every flag that takes a value says how it completes, so that a new flag cannot silently fall
/// back to file names: a list of values, a number (nothing), a list of option ids (the
/// completer), or a file.
#[test]
fn every_flag_that_takes_a_value_completes_by_design() {
    use clap::CommandFactory;
    use clap_complete::engine::ArgValueCompleter;
    let mut cli = netriage::cli::Cli::command();
    cli.build();
    let mut checked = 0;
    for sub in cli.get_subcommands() {
        for arg in sub.get_arguments() {
            if !arg.get_action().takes_values() {
                continue;
            }
            let listed = !arg.get_possible_values().is_empty();
            let completer = arg.get::<ArgValueCompleter>().is_some()
                || arg
                    .get::<clap_complete::engine::ArgValueCandidates>()
                    .is_some();
            let hint = arg.get_value_hint();
            let name = format!("{} {}", sub.get_name(), arg.get_id());
            match hint {
                clap::ValueHint::Other => assert!(!listed && !completer, "{name}"),
                clap::ValueHint::FilePath => {}
                _ => assert!(
                    listed || completer,
                    "{name}: no values, no completer, hint {hint:?}"
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
}
