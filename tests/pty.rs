//! The real binary on a pseudo-terminal: every step waits on prompt text, never on a sleep
//! (the expect timeout is only a safety net against a hang). Without a terminal nothing is asked.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command as Cmd;
use expectrl::process::unix::WaitStatus;
use expectrl::{ControlCode, Eof, Expect, Session};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

pub type Pty = expectrl::session::OsSession;

fn spawn(args: &[&str], dir: &Path) -> Pty {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_netriage"));
    cmd.args(args)
        .arg("--color")
        .arg("never")
        .current_dir(dir)
        .env("TERM", "xterm")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("NO_COLOR");
    let mut pty = Session::spawn(cmd).unwrap();
    pty.get_process_mut().set_window_size(120, 60).unwrap();
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty
}

/// Waits for `prompt`, then types `keys` and Enter.
fn answer(pty: &mut Pty, prompt: &str, keys: &str) {
    pty.expect(prompt)
        .unwrap_or_else(|e| panic!("waiting for '{prompt}': {e}"));
    pty.send(keys).unwrap();
    pty.send("\r").unwrap();
}

/// Reads to the end of output and returns it with the exit code.
pub fn finish(pty: &mut Pty) -> (String, i32) {
    let rest = pty.expect(Eof).unwrap();
    // Eof matches everything left: the match, not what comes before it.
    let bytes: Vec<u8> = rest.matches().flatten().copied().collect();
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    match pty.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (text, code),
        other => panic!("not a normal exit: {other:?}"),
    }
}

/// Every question of a pancreatic NET G2, answered as a clinician would type them.
const ANSWERS: &[(&str, &str)] = &[
    ("Primary site", "pancreas"),
    ("Differentiation", "well"),
    ("Ki-67 index", "12"),
    ("Mitotic count", "2"),
    ("Primary tumour already resected", "yes"),
    ("Number of liver metastases", "3"),
    ("Largest liver metastasis", "4.5"),
    ("Liver volume replaced by tumour", "20"),
    ("Metastases in both liver lobes", "yes"),
    ("Liver metastasis pattern", "complex"),
    ("All liver disease resectable", "no"),
    ("Disease outside the liver", "no"),
    ("Somatostatin-receptor imaging", "positive"),
    ("Hormonal syndrome", "carcinoid"),
    ("Symptoms of tumour bulk", "no"),
    ("Course on imaging", "stable"),
    ("Months of stable disease", "14"),
    ("Treatments already given", "ssa"),
    ("Treatments being given now", "ssa"),
    ("Age", "60"),
    ("ECOG performance status", "1"),
    ("Bilio-enteric anastomosis", "no"),
    ("Main portal vein occluded", "no"),
    ("Liver function", "normal"),
    ("Carcinoid heart disease", "none"),
];

fn answer_all(pty: &mut Pty) {
    for (prompt, keys) in ANSWERS {
        answer(pty, prompt, keys);
    }
    answer(pty, "Ready?", "show");
}

/// The JSON document the questionnaire printed after its prompts, from its `opening` on.
fn printed(pty: &mut Pty, opening: &str) -> serde_json::Value {
    let (out, code) = finish(pty);
    assert_eq!(code, 0, "{out}");
    let start = out.find(opening).expect("the printed document");
    let end = out.rfind('}').unwrap();
    serde_json::from_str(&out[start..=end]).unwrap()
}

/// `assess --profile patient.toml --format FORMAT` in `dir`, at the pseudo-terminal's time.
fn assessed(dir: &Path, format: &str) -> serde_json::Value {
    let out = Cmd::cargo_bin("netriage")
        .unwrap()
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["assess", "--profile", "patient.toml", "--format", format])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_full_questionnaire_ends_in_the_pathway() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(&["ask"], dir.path());
    for (prompt, keys) in &ANSWERS[..3] {
        answer(&mut pty, prompt, keys);
    }
    // A refused number is redrawn as refused (✘, then the error's own ✘) and asked again with
    // the flag's message.
    answer(&mut pty, "Mitotic count", "two");
    let seen = pty
        .expect("invalid value 'two' for mitoses: expected a number from 0 to 1000")
        .unwrap();
    let before = String::from_utf8_lossy(seen.before());
    assert!(before.matches('✘').count() >= 2, "{before:?}");
    answer(&mut pty, "Mitotic count", "2");
    pty.expect("Grade: NET G2").unwrap();
    for (prompt, keys) in &ANSWERS[4..] {
        answer(&mut pty, prompt, keys);
    }
    pty.expect("Summary").unwrap();
    answer(&mut pty, "Ready?", "show");
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    for part in ["Grade:", "NET G2", "[tace]", "[prrt]", "Decision support"] {
        assert!(out.contains(part), "'{part}' not in the pathway:\n{out}");
    }
}

#[test]
fn saved_answers_give_the_same_json_through_assess() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(
        &["ask", "--format", "json", "--save", "patient.toml"],
        dir.path(),
    );
    answer_all(&mut pty);
    let asked = printed(&mut pty, "{\n  \"schema_version\"");
    assert_eq!(asked, assessed(dir.path(), "json"));
    assert_eq!(asked["patient"]["stable_months"], 14.0);
}

#[test]
fn the_questionnaire_can_answer_in_fhir() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(
        &["ask", "--format", "fhir", "--save", "patient.toml"],
        dir.path(),
    );
    answer_all(&mut pty);
    let asked = printed(&mut pty, "{\n  \"entry\"");
    assert_eq!(asked["resourceType"], "Bundle");
    assert_eq!(asked, assessed(dir.path(), "fhir"));
}

#[test]
fn flags_are_pre_filled_and_not_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(
        &[
            "ask",
            "--ki67",
            "12",
            "--primary",
            "pancreas",
            "--age",
            "60",
        ],
        dir.path(),
    );
    for (prompt, keys) in ANSWERS {
        if ["Primary site", "Ki-67 index", "Age"].contains(prompt) {
            continue;
        }
        answer(&mut pty, prompt, keys);
    }
    let summary = pty.expect("Ready?").unwrap();
    let summary = String::from_utf8_lossy(summary.before()).into_owned();
    assert!(summary.contains("pancreas  (given)"), "{summary}");
    pty.send("show\r").unwrap();
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("? Primary site"), "{out}");
}

/// Ends the questionnaire at the first prompt (a list, where the cursor is hidden) with `key`.
fn quit_with(key: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(&["ask", "--save", "patient.toml"], dir.path());
    pty.expect("Primary site").unwrap();
    pty.expect("unknown / skip").unwrap();
    pty.send(key).unwrap();
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("\x1b[?25h"), "cursor not shown again: {out:?}");
    assert!(out.contains("interrupted"), "{out}");
    assert!(!out.contains("Decision support"), "{out}");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_with_the_cursor_shown() {
    quit_with(&[ControlCode::EndOfText.into()]);
}

#[test]
fn esc_at_a_prompt_exits_130() {
    quit_with(&[ControlCode::Escape.into()]);
}

#[test]
fn ctrl_d_at_a_prompt_exits_130() {
    quit_with(&[ControlCode::EndOfTransmission.into()]);
}

/// `kill -SIGNAL` while a prompt reads keys in raw mode: the watcher puts the terminal back
/// (mode and cursor) and exits with 128 + the signal's number.
#[cfg(target_os = "linux")]
fn signal_mid_prompt(signal: &str, status: i32) {
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "'{}' ask; echo \"exit=$?\"; stty -a",
        env!("CARGO_BIN_EXE_netriage")
    );
    let mut cmd = Command::new("sh");
    cmd.args(["-c", &script])
        .current_dir(dir.path())
        .env("TERM", "xterm");
    let mut pty = Session::spawn(cmd).unwrap();
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty.expect("Primary site").unwrap();
    // Wait (on the terminal's state, bounded) until the prompt reads keys in raw mode.
    let master = pty.get_process().get_raw_handle().unwrap();
    let canonical = || {
        let mode = nix::sys::termios::tcgetattr(&master).unwrap();
        mode.local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON)
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while canonical() {
        assert!(
            std::time::Instant::now() < deadline,
            "never entered raw mode"
        );
        std::thread::yield_now();
    }
    let shell = pty.get_process().pid();
    let children = format!("/proc/{shell}/task/{shell}/children");
    let child = fs::read_to_string(children).unwrap();
    let child = child
        .split_whitespace()
        .next()
        .expect("netriage runs under sh");
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), child])
        .status()
        .unwrap();
    assert!(killed.success());
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    let exit = format!("exit={status}");
    assert!(out.contains(&exit), "{out}");
    assert!(out.contains("\x1b[?25h"), "{out:?}");
    let stty: Vec<&str> = out[out.find(&exit).unwrap()..]
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    assert!(
        stty.contains(&"icanon") && stty.contains(&"isig"),
        "left raw: {out}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_signal_mid_prompt_restores_the_terminal() {
    signal_mid_prompt("INT", 130);
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_and_sighup_mid_prompt_restore_the_terminal_too() {
    signal_mid_prompt("TERM", 143);
    signal_mid_prompt("HUP", 129);
}

#[test]
fn ctrl_c_in_a_typed_answer_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(
        &["ask", "--primary", "pancreas", "--differentiation", "well"],
        dir.path(),
    );
    pty.expect("Ki-67 index").unwrap();
    pty.send("1").unwrap();
    pty.send([ControlCode::EndOfText.into()]).unwrap();
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("\x1b[?25h"), "{out:?}");
}

#[test]
fn ask_refuses_to_overwrite_a_profile_before_asking() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("patient.toml"), "ki67 = 3\n").unwrap();
    let mut pty = spawn(&["ask", "--save", "patient.toml"], dir.path());
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 73, "{out}");
    assert!(out.contains("--force"), "{out}");
    assert!(!out.contains("Primary site"), "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("patient.toml")).unwrap(),
        "ki67 = 3\n"
    );
}

#[test]
fn bare_netriage_on_a_terminal_is_the_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(&[], dir.path());
    pty.expect("Primary site").unwrap();
    pty.send([ControlCode::EndOfText.into()]).unwrap();
    let (_, code) = finish(&mut pty);
    assert_eq!(code, 130);
}

#[test]
fn without_a_terminal_nothing_is_asked() {
    // The timeout only stops a hang; the answer comes at once.
    for args in [&["ask"][..], &["ask", "--ki67", "12"], &[]] {
        let mut std_cmd = Command::new(env!("CARGO_BIN_EXE_netriage"));
        std_cmd.args(args).stdin(std::process::Stdio::null());
        let out = Cmd::from_std(std_cmd)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("netriage assess"), "{args:?}: {err}");
    }
}
