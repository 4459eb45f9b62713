//! Completion scripts and the man page: the committed scripts in completions/ match what the
//! binary generates (rewrite them with `NETRIAGE_BLESS=1 cargo test completions`), and real bash,
//! zsh and fish complete subcommands and value names with them.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use assert_cmd::Command;
use netriage::shell::{completion_script, SCRIPTS};
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(file: &str) -> PathBuf {
    root().join("completions").join(file)
}

#[test]
fn committed_scripts_are_current() {
    let bless = std::env::var_os("NETRIAGE_BLESS").is_some_and(|v| v == "1");
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
        let out = Command::cargo_bin("netriage")
            .unwrap()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        assert!(out.stderr.is_empty());
        assert_eq!(out.stdout, completion_script(shell), "{file}");
    }
    let out = Command::cargo_bin("netriage")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_prints_a_roff_page_of_every_command() {
    let out = Command::cargo_bin("netriage")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH netriage 1"), "{page}");
    for command in ["ask", "assess", "grade", "batch", "sources", "completions"] {
        assert!(page.contains(command), "{command}");
    }
    assert!(page.contains("\\-\\-knowledge"));
}

/// Runs a shell's completion harness (tests/shells) and returns the candidates, or `None` with
/// a printed message when the shell is not installed.
fn complete(shell: &str, args: &[&str]) -> Option<Vec<String>> {
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

const SITES: [&str; 11] = [
    "pancreas",
    "stomach",
    "duodenum",
    "small-intestine",
    "appendix",
    "colon",
    "rectum",
    "lung",
    "thymus",
    "other",
    "unknown",
];

/// Checks the two cases every shell must complete.
fn check(shell: &str, complete_line: impl Fn(&str) -> Option<Vec<String>>) {
    let Some(subcommands) = complete_line("netriage as") else {
        return;
    };
    for command in ["assess", "ask"] {
        assert!(
            subcommands.iter().any(|c| c == command),
            "{shell}: {command} in {subcommands:?}"
        );
    }
    let sites = complete_line("netriage assess --primary ").unwrap();
    for site in SITES {
        assert!(
            sites.iter().any(|c| c == site),
            "{shell}: {site} in {sites:?}"
        );
    }
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

#[test]
fn bash_completes_subcommands_and_sites() {
    let script = committed("netriage.bash").display().to_string();
    check("bash", |line| {
        let mut args = vec![harness("complete.bash"), script.clone()];
        args.extend(line.split(' ').map(str::to_owned));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        complete("bash", &args)
    });
}

#[test]
fn zsh_completes_subcommands_and_sites() {
    let dir = root().join("completions").display().to_string();
    check("zsh", |line| {
        complete("zsh", &["-f", &harness("complete.zsh"), &dir, line])
    });
}

#[test]
fn fish_completes_subcommands_and_sites() {
    let script = committed("netriage.fish").display().to_string();
    check("fish", |line| {
        complete(
            "fish",
            &["--no-config", &harness("complete.fish"), &script, line],
        )
    });
}
