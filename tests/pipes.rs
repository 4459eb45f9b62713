//! Pipes: output cut short by the reader (`| head -1`, a closed pipe) ends quietly with 0;
//! data go to stdout, errors to stderr.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::fmt::Write as _;
use std::io::Read;
use std::process::{Command, Stdio};

/// Runs `COMMAND | head -1` in bash with pipefail: returns (pipeline status, first line, stderr
/// of netriage).
fn head_1(args: &str, stdin: Option<&str>) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let err = dir.path().join("stderr");
    let input = match stdin {
        Some(file) => format!("< '{file}'"),
        None => String::new(),
    };
    let script = format!(
        "set -o pipefail; '{}' {args} {input} 2>'{}' | head -1",
        crate::common::BIN,
        err.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(err).unwrap(),
    )
}

/// A cohort large enough that its output overflows any pipe buffer.
fn big_cohort(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("big.jsonl");
    let mut text = String::new();
    for i in 0..500 {
        writeln!(
            text,
            "{{\"id\": \"p{i}\", \"ki67\": {}, \"primary\": \"pancreas\", \"syndrome\": \"carcinoid\"}}",
            i % 90
        )
        .unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn head_1_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let cohort = big_cohort(&dir);
    let cases = [
        "assess --ki67 12 --primary pancreas --syndrome carcinoid".to_owned(),
        "assess --ki67 12 --format json".to_owned(),
        "assess --ki67 12 --format markdown".to_owned(),
        "grade --ki67 12".to_owned(),
        "sources".to_owned(),
        "completions bash".to_owned(),
        "man".to_owned(),
        "--help".to_owned(),
        format!("batch '{cohort}'"),
        format!("batch '{cohort}' --format csv"),
    ];
    for args in &cases {
        let (status, first, stderr) = head_1(args, None);
        assert_eq!(status, 0, "{args}: {stderr}");
        assert_eq!(stderr, "", "{args}");
        assert_eq!(first.lines().count(), 1, "{args}");
    }
    let (status, first, stderr) = head_1("batch -", Some(&cohort));
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(first.starts_with("{\"row\":1,"), "{first}");
}

/// Spawns netriage with stdout a pipe whose reading end is closed at once.
fn closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = crate::common::command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_closed_stdout_during_batch_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let cohort = big_cohort(&dir);
    for format in ["jsonl", "csv"] {
        let (code, stderr) = closed_stdout(&["batch", &cohort, "--format", format]);
        assert_eq!(code, Some(0), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
    }
    let (code, stderr) = closed_stdout(&["completions", "zsh"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn errors_go_to_stderr_and_data_to_stdout() {
    let out = crate::common::command()
        .args(["batch", "--input", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = out;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"id,ki67\na,12\nb,999\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.lines().all(|l| l.starts_with("{\"row\":")));
    assert!(stderr.starts_with("netriage: "), "{stderr}");
    assert!(!stderr.contains("{\"row\""));
}

#[test]
fn head_1_is_quiet_with_refused_rows_profiles_and_knowledge_files() {
    let dir = tempfile::tempdir().unwrap();
    // Refused rows among many: the pipe closes before the summary would be reported.
    let mut text = String::new();
    for i in 0..500 {
        let ki67 = if i % 3 == 0 {
            "140".to_owned()
        } else {
            (i % 90).to_string()
        };
        writeln!(text, "{{\"id\": \"p{i}\", \"ki67\": \"{ki67}\"}}").unwrap();
    }
    let cohort = dir.path().join("mixed.jsonl");
    std::fs::write(&cohort, text).unwrap();
    let profile = dir.path().join("p.toml");
    std::fs::write(&profile, "ki67 = 12\nprimary = \"pancreas\"\n").unwrap();
    let knowledge = dir.path().join("k.toml");
    std::fs::write(&knowledge, "[transplant]\nage_limit = 65\n").unwrap();
    let cases = [
        format!("batch '{}' --format csv", cohort.display()),
        format!("assess --profile '{}' --format json", profile.display()),
        format!(
            "--knowledge '{}' assess --ki67 3 --format json",
            knowledge.display()
        ),
    ];
    for args in &cases {
        let (status, first, stderr) = head_1(args, None);
        assert_eq!((status, stderr.as_str()), (0, ""), "{args}");
        assert_eq!(first.lines().count(), 1, "{args}");
    }
    let (status, _, stderr) = head_1("batch -", Some(&cohort.display().to_string()));
    assert_eq!((status, stderr.as_str()), (0, ""));
}
