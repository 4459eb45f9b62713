//! `batch FILE` with stderr on a real pseudo-terminal: the progress line appears, advances and
//! is cleared, the output is complete whether stdout is a file or a pipe, and one Ctrl-C stops
//! the run between whole records. Every wait is on text (the expect timeout only guards against
//! a hang), never on time.

#![cfg(unix)]

use crate::pty::{finish, Pty};
use expectrl::{ControlCode, Expect, Regex, Session};
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Where the progress line starts each drawing: carriage return, erase the line.
const DRAW: &str = "\r\x1b[2K";

/// A CSV cohort of `rows` patients.
fn cohort(dir: &Path, rows: usize) {
    let mut text = String::from("id,ki67,primary,lesions\n");
    for i in 0..rows {
        writeln!(text, "p{i},{},pancreas,{}", i % 90, i % 7 + 1).unwrap();
    }
    fs::write(dir.join("cohort.csv"), text).unwrap();
}

/// Runs `script` under `sh` on a pseudo-terminal in `dir`, where `$NETRIAGE` is the binary.
fn shell(script: &str, dir: &Path) -> Pty {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", script])
        .current_dir(dir)
        .env("NETRIAGE", crate::common::BIN)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    let mut pty = Session::spawn(cmd).unwrap();
    pty.get_process_mut().set_window_size(100, 40).unwrap();
    pty.set_expect_timeout(Some(Duration::from_secs(120)));
    pty
}

/// Every line of `text` is a whole JSON record, numbered from 1.
fn assert_whole_records(text: &str) -> usize {
    assert!(text.is_empty() || text.ends_with('\n'), "a cut last line");
    for (i, line) in text.lines().enumerate() {
        let record: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}: {line}", i + 1));
        assert_eq!(record["row"], i + 1);
        assert!(record["report"].is_object(), "{line}");
    }
    text.lines().count()
}

/// The progress line drew 0 rows first, then the whole cohort at 100 %, then was cleared.
fn assert_drawn_advanced_cleared(pty: &mut Pty, rows: usize) -> String {
    let first = pty.expect(Regex(r"\[-+\] +0%  0 rows")).unwrap();
    assert!(
        first.before().ends_with(DRAW.as_bytes()),
        "drawn from the line start"
    );
    let last = format!("100%  {rows} rows");
    pty.expect(last.as_str())
        .unwrap_or_else(|e| panic!("waiting for '{last}': {e}"));
    let (rest, code) = finish(pty);
    assert_eq!(code, 0, "{rest:?}");
    rest
}

#[test]
fn the_progress_line_advances_and_is_cleared_with_stdout_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 300);
    let mut pty = shell(
        r#"exec "$NETRIAGE" batch cohort.csv > out.jsonl"#,
        dir.path(),
    );
    let rest = assert_drawn_advanced_cleared(&mut pty, 300);
    // What follows the final drawing is the clearing, and nothing else.
    assert!(rest.ends_with(DRAW), "not cleared: {rest:?}");
    let out = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(assert_whole_records(&out), 300);
}

#[test]
fn the_progress_line_is_cleared_before_a_pipe_reader_writes() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 200);
    let mut pty = shell(
        r#""$NETRIAGE" batch cohort.csv | wc -l; echo "status=$?""#,
        dir.path(),
    );
    let rest = assert_drawn_advanced_cleared(&mut pty, 200);
    // Every record went down the pipe; the terminal's last line is the reader's, not the bar.
    let counted = rest
        .rfind(DRAW)
        .map_or(&rest[..], |at| &rest[at + DRAW.len()..]);
    assert_eq!(counted.trim(), "200\nstatus=0", "{rest:?}");
}

#[test]
fn no_progress_line_when_the_records_go_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 200);
    let mut pty = shell(
        r#""$NETRIAGE" batch cohort.csv --format csv; echo "status=$?""#,
        dir.path(),
    );
    let (out, _) = finish(&mut pty);
    assert!(out.contains("status=0"), "{out}");
    // The progress line would be written into the records on the screen.
    assert!(!out.contains("rows/s"), "{out}");
    assert!(!out.contains(DRAW), "{out:?}");
    let rows = out
        .lines()
        .filter(|l| l.split(',').nth(1).is_some_and(|id| id.starts_with('p')))
        .count();
    assert_eq!(rows, 200, "{out}");
}

#[test]
fn one_ctrl_c_stops_between_whole_records_with_130() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 5000);
    let fifo = dir.path().join("out");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let mut pty = shell(r#"exec "$NETRIAGE" batch cohort.csv > out"#, dir.path());
    // Stdout is a pipe this test reads only after the Ctrl-C: the run is surely still going
    // (its output fills the pipe and waits) when the key is pressed.
    let (pressed, key_pressed) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut out = fs::File::open(fifo).unwrap();
        key_pressed.recv().unwrap();
        let mut text = String::new();
        out.read_to_string(&mut text).map(|_| text)
    });
    pty.expect(Regex(r"\d+%  \d+ rows")).unwrap();
    pty.send([ControlCode::EndOfText.into()]).unwrap();
    pressed.send(()).unwrap();
    let (rest, code) = finish(&mut pty);
    let out = reader.join().unwrap().unwrap();
    assert_eq!(code, 130, "{rest:?}");
    assert!(
        rest.ends_with(&format!("{DRAW}netriage: interrupted\n")),
        "{rest:?}"
    );
    let written = assert_whole_records(&out);
    assert!(written < 5000, "stopped early: {written} records");
}
