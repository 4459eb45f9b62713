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

/// The real binary on a 120 × 60 terminal, never paging (see `paging` for the pager).
fn spawn(args: &[&str], dir: &Path) -> Pty {
    spawn_with(args, dir, &[("NETRIAGE_PAGER", "")], (120, 60))
}

/// The terminal gets its size before netriage starts (it reads the size once, at start).
fn spawn_with(args: &[&str], dir: &Path, env: &[(&str, &str)], size: (u16, u16)) -> Pty {
    let mut cmd = Command::new("sh");
    let sized = format!("stty cols {} rows {}; exec \"$0\" \"$@\"", size.0, size.1);
    cmd.args(["-c", &sized, crate::common::BIN])
        .args(args)
        .arg("--color")
        .arg("never")
        .current_dir(dir)
        .env("TERM", "xterm")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("NO_COLOR")
        .env_remove("PAGER")
        .env_remove("NETRIAGE_PAGER");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut pty = Session::spawn(cmd).unwrap();
    pty.get_process_mut()
        .set_window_size(size.0, size.1)
        .unwrap();
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty
}

/// `sh -c 'netriage REST'` on a terminal: REST may redirect and run more commands.
fn shell(rest: &str, dir: &Path) -> Pty {
    let script = format!("'{}' {rest}", crate::common::BIN);
    let mut cmd = Command::new("sh");
    cmd.args(["-c", &script])
        .current_dir(dir)
        .env("TERM", "xterm")
        .env("NETRIAGE_PAGER", "");
    let mut pty = Session::spawn(cmd).unwrap();
    pty.set_expect_timeout(Some(Duration::from_secs(30)));
    pty
}

/// Waits for `prompt`, then types `keys` and Enter.
fn answer(pty: &mut Pty, prompt: &str, keys: &str) {
    pty.expect(prompt)
        .unwrap_or_else(|e| panic!("waiting for '{prompt}': {e}"));
    wait_for_raw_mode(pty);
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
    ("Imaging course", "stable"),
    ("Months of stable disease", "14"),
    // A multi-select of names: type to find, Space ticks, Enter.
    ("Treatments already given", "somato "),
    ("Treatments being given now", "somato "),
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

/// Answers every question, removing `dir` after the first: the target directory goes away while
/// the questions are answered.
fn answer_all_while_removing(pty: &mut Pty, dir: &std::path::Path) {
    let (prompt, keys) = ANSWERS[0];
    answer(pty, prompt, keys);
    fs::remove_dir(dir).unwrap();
    for (prompt, keys) in &ANSWERS[1..] {
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
    let out = crate::common::cmd()
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
    for part in [
        "Grade:",
        "NET G2",
        "Summary",
        "tace:",
        "prrt:",
        "Decision support",
    ] {
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

/// Ends the questionnaire at the first prompt (a list, where the cursor is hidden) with `key`
/// (Esc there asks first: `confirm` answers).
/// Waits (on the terminal's state, bounded) until the prompt reads keys in raw mode: a key sent
/// before that would reach the line discipline instead (Ctrl-D as end of file, Ctrl-C as SIGINT).
fn wait_for_raw_mode(pty: &Pty) {
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
}

fn quit_with(key: &[u8], confirm: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(&["ask", "--save", "patient.toml"], dir.path());
    pty.expect("Primary site").unwrap();
    pty.expect("unknown / skip").unwrap();
    wait_for_raw_mode(&pty);
    pty.send(key).unwrap();
    if let Some(keys) = confirm {
        answer(&mut pty, "Quit the questionnaire?", keys);
    }
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
    quit_with(&[ControlCode::EndOfText.into()], None);
}

#[test]
fn esc_at_the_first_prompt_exits_130_once_confirmed() {
    quit_with(&[ControlCode::Escape.into()], Some("yes"));
}

#[test]
fn ctrl_d_at_a_prompt_exits_130() {
    quit_with(&[ControlCode::EndOfTransmission.into()], None);
}

/// `kill -SIGNAL` while a prompt waits for a key in raw mode: the watcher wakes the prompt, which
/// puts the terminal back (mode and cursor); the run ends through `run`, saying why, with 128 +
/// the signal's number.
#[cfg(target_os = "linux")]
fn signal_mid_prompt(signal: &str, status: i32, word: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = shell("ask; echo \"exit=$?\"; stty -a", dir.path());
    pty.expect("Primary site").unwrap();
    wait_for_raw_mode(&pty);
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
    assert!(out.contains(&format!("netriage: {word}")), "{out}");
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
    signal_mid_prompt("INT", 130, "interrupted");
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_and_sighup_mid_prompt_restore_the_terminal_too() {
    signal_mid_prompt("TERM", 143, "terminated");
    signal_mid_prompt("HUP", 129, "hung up");
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
        let mut std_cmd = crate::common::command();
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

const ESC: &str = "\x1b";

/// The JSON report at the end of a questionnaire's output.
fn json_report(out: &str) -> serde_json::Value {
    let start = out
        .find("{\n  \"schema_version\"")
        .expect("the JSON report");
    let end = out.rfind('}').unwrap();
    serde_json::from_str(&out[start..=end]).unwrap()
}

#[test]
fn esc_goes_back_a_question_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(&["ask", "--format", "json"], dir.path());
    for (prompt, keys) in &ANSWERS[..6] {
        answer(&mut pty, prompt, keys);
    }
    // At the largest lesion: Esc, and the lesion count is asked again.
    pty.expect("Largest liver metastasis").unwrap();
    pty.send(ESC).unwrap();
    // The answer given is offered for editing: Ctrl-U clears it.
    answer(&mut pty, "Number of liver metastases", "\u{15}5");
    for (prompt, keys) in &ANSWERS[6..] {
        answer(&mut pty, prompt, keys);
    }
    answer(&mut pty, "Ready?", "show");
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    let report = json_report(&out);
    assert_eq!(report["patient"]["lesions"], 5);
    assert_eq!(report["patient"]["ki67"], 12.0, "earlier answers kept");
    assert_eq!(report["patient"]["largest_cm"], 4.5);
}

#[test]
fn a_ki67_fraction_is_confirmed_and_prior_treatments_ticked() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = spawn(&["ask", "--format", "json"], dir.path());
    answer(&mut pty, "Primary site", "pancreas");
    answer(&mut pty, "Differentiation", "well");
    answer(&mut pty, "Ki-67 index", "0.05");
    answer(&mut pty, "0.05 % — did you mean 5 %?", "yes");
    for (prompt, keys) in &ANSWERS[3..] {
        if prompt.starts_with("Treatments") {
            // Two names ticked: the somatostatin analogue and PRRT.
            answer(&mut pty, prompt, "somato PRRT ");
        } else {
            answer(&mut pty, prompt, keys);
        }
    }
    answer(&mut pty, "Ready?", "show");
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    let report = json_report(&out);
    assert_eq!(report["patient"]["ki67"], 5.0);
    assert_eq!(
        report["patient"]["prior"],
        serde_json::json!(["ssa", "prrt"])
    );
}

#[test]
fn save_targets_are_checked_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    for target in ["missing/patient.toml", "."] {
        let mut pty = spawn(&["ask", "--save", target], dir.path());
        let (out, code) = finish(&mut pty);
        assert_eq!(code, 73, "{target}: {out}");
        assert!(!out.contains("Primary site"), "{target}: {out}");
    }
}

#[test]
fn answers_that_cannot_be_saved_are_printed_as_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let mut pty = spawn(&["ask", "--save", "sub/patient.toml"], dir.path());
    answer_all_while_removing(&mut pty, &dir.path().join("sub"));
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 73, "{out}");
    assert!(out.contains("Here they are as a profile"), "{out}");
    assert!(out.contains("primary = \"pancreas\""), "{out}");
    assert!(out.contains("ki67 = 12"), "{out}");
}

#[test]
fn ask_writes_its_report_to_a_redirected_stdout_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = shell(
        "ask --color never --format markdown > note.md; echo \"exit=$?\"",
        dir.path(),
    );
    answer_all(&mut pty);
    let (out, _) = finish(&mut pty);
    assert!(out.contains("exit=0"), "{out}");
    let note = fs::read_to_string(dir.path().join("note.md")).unwrap();
    assert!(note.starts_with("# Tumour board note"), "{note}");
    assert!(
        !note.contains("Primary site"),
        "questions stay on the terminal"
    );

    let mut pty = spawn(&["ask", "--output", "report.txt"], dir.path());
    answer_all(&mut pty);
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Report written to report.txt"), "{out}");
    assert!(
        !out.contains("Decision support"),
        "the report is in the file: {out}"
    );
    let report = fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(report.contains("Decision support"), "{report}");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "no temporary file left: {left:?}");

    // A report that cannot be written at the end goes to standard output, exit 73.
    fs::create_dir(dir.path().join("sub")).unwrap();
    let mut pty = spawn(&["ask", "--output", "sub/report.txt"], dir.path());
    answer_all_while_removing(&mut pty, &dir.path().join("sub"));
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 73, "{out}");
    assert!(out.contains("it follows on standard output"), "{out}");
    assert!(out.contains("Decision support"), "{out}");
}

/// A pager that marks every line it shows.
const MARKING_PAGER: &str = "sed 's/^/paged: /'";

#[test]
fn a_report_longer_than_the_screen_is_paged() {
    let dir = tempfile::tempdir().unwrap();
    let long = [
        "assess",
        "--ki67",
        "12",
        "--primary",
        "pancreas",
        "--detail",
        "full",
    ];
    let short = [
        "assess",
        "--ki67",
        "12",
        "--primary",
        "pancreas",
        "--detail",
        "brief",
    ];
    for (args, env, paged) in [
        (&long[..], &[("NETRIAGE_PAGER", MARKING_PAGER)][..], true),
        (&long[..], &[("PAGER", MARKING_PAGER)][..], true),
        (&short[..], &[("NETRIAGE_PAGER", MARKING_PAGER)][..], false),
        (
            &long[..],
            &[("NETRIAGE_PAGER", ""), ("PAGER", MARKING_PAGER)][..],
            false,
        ),
        (&long[..], &[("PAGER", "")][..], false),
    ] {
        let mut pty = spawn_with(args, dir.path(), env, (100, 40));
        let (out, code) = finish(&mut pty);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("Decision support"), "{out}");
        assert_eq!(
            out.contains("paged: Grade:"),
            paged,
            "{args:?} {env:?}: {out}"
        );
    }
    let mut args = long.to_vec();
    args.push("--no-pager");
    let mut pty = spawn_with(
        &args,
        dir.path(),
        &[("NETRIAGE_PAGER", MARKING_PAGER)],
        (100, 40),
    );
    let (out, _) = finish(&mut pty);
    assert!(!out.contains("paged:"), "--no-pager: {out}");

    // A pager that cannot be run (not installed) never costs the report.
    let mut pty = spawn_with(
        &long,
        dir.path(),
        &[("NETRIAGE_PAGER", "no-such-pager-anywhere")],
        (100, 40),
    );
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Decision support"), "{out}");
    assert!(out.contains("Grade:"), "{out}");
}

#[test]
fn the_default_pager_is_less_and_quits_on_q() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "assess",
        "--ki67",
        "12",
        "--primary",
        "pancreas",
        "--detail",
        "full",
    ];
    let mut pty = spawn_with(&args, dir.path(), &[], (100, 30));
    pty.expect("Grade: NET G2").unwrap();
    pty.send("q").unwrap();
    let (_, code) = finish(&mut pty);
    assert_eq!(code, 0);
}

#[test]
fn text_wraps_to_the_terminal_never_inside_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "assess",
        "--ki67",
        "12",
        "--primary",
        "pancreas",
        "--detail",
        "full",
    ];
    let mut pty = spawn_with(&args, dir.path(), &[("NETRIAGE_PAGER", "")], (72, 40));
    let (out, code) = finish(&mut pty);
    assert_eq!(code, 0);
    for line in out.lines() {
        let width = line.chars().count();
        // A reference too long for a line stands alone, unbroken; nothing else passes 72.
        assert!(width <= 72 || !line.trim().contains(' '), "{width}: {line}");
    }
    assert!(out.contains("Decision support"));
}
