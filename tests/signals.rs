//! SIGINT, SIGTERM and SIGHUP during `batch`, through the real binary reading a pipe this test
//! controls: the run stops between records, every line written is whole, exit 130 / 143 / 129.

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, Stdio};
use std::thread;

/// One cohort row in `format`.
fn row(format: &str, i: usize) -> String {
    match format {
        "csv" => format!("p{i},{},pancreas,{}\n", i % 90, i % 7 + 1),
        _ => format!(
            "{{\"id\": \"p{i}\", \"ki67\": {}, \"primary\": \"pancreas\", \"lesions\": {}}}\n",
            i % 90,
            i % 7 + 1
        ),
    }
}

/// Feeds `rows` rows to `stdin` (stopping at a closed pipe) and hands the pipe back open, so
/// that netriage never sees the end of its input.
fn feed(mut stdin: ChildStdin, input: &'static str, rows: usize) -> ChildStdin {
    if input == "csv" {
        let _ = stdin.write_all(b"id,ki67,primary,lesions\n");
    }
    for i in 0..rows {
        if stdin.write_all(row(input, i).as_bytes()).is_err() {
            break;
        }
    }
    let _ = stdin.flush();
    stdin
}

/// Runs `batch - --input I --format O`, fed `rows` rows; once `seen` output lines have arrived,
/// sends `signal`. Returns (exit code, all stdout, stderr).
fn signalled(
    signal: Signal,
    input: &'static str,
    output: &str,
    rows: usize,
    seen: usize,
) -> (Option<i32>, String, String) {
    let mut child = crate::common::command()
        .args(["batch", "-", "--input", input, "--format", output])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let writer = thread::spawn(move || feed(stdin, input, rows));
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    // Wait on output, not on time: the run is mid-stream once lines come out.
    while text.lines().count() < seen {
        assert_ne!(
            stdout.read_line(&mut text).unwrap(),
            0,
            "output ended early"
        );
    }
    kill(Pid::from_raw(i32::try_from(child.id()).unwrap()), signal).unwrap();
    stdout.read_to_string(&mut text).unwrap();
    let (status, stderr) = ended(&mut child);
    drop(writer.join().unwrap());
    (status, text, stderr)
}

/// Waits for `child` to end: its exit code and all it wrote on stderr.
fn ended(child: &mut std::process::Child) -> (Option<i32>, String) {
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.code(), stderr)
}

/// Every line is a whole record: JSON that parses, or a CSV row as wide as the header.
fn assert_whole_lines(output: &str, text: &str) {
    assert!(text.ends_with('\n'), "the last line is complete");
    match output {
        "csv" => {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let width = reader.headers().unwrap().len();
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), width);
            }
        }
        _ => {
            for (i, line) in text.lines().enumerate() {
                let record: serde_json::Value = serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("line {}: {e}: {line}", i + 1));
                assert_eq!(record["row"], i + 1);
                assert!(record["report"].is_object());
            }
        }
    }
}

#[test]
fn a_signal_mid_stream_stops_between_whole_records() {
    let cases = [
        (Signal::SIGINT, "jsonl", "jsonl", 130, "interrupted"),
        (Signal::SIGTERM, "jsonl", "jsonl", 143, "terminated"),
        (Signal::SIGINT, "csv", "csv", 130, "interrupted"),
        (Signal::SIGTERM, "csv", "csv", 143, "terminated"),
        (Signal::SIGHUP, "csv", "csv", 129, "hung up"),
    ];
    for (signal, input, output, code, word) in cases {
        // More rows than any pipe holds: netriage is still reading when the signal lands.
        let (status, text, stderr) = signalled(signal, input, output, 200_000, 5);
        assert_eq!(status, Some(code), "{signal} {output}: {stderr}");
        assert_eq!(stderr, format!("netriage: {word}\n"));
        assert_whole_lines(output, &text);
        assert!(text.lines().count() < 200_000, "stopped early");
    }
}

#[test]
fn a_signal_while_waiting_for_input_ends_the_run() {
    for (signal, code) in [
        (Signal::SIGTERM, 143),
        (Signal::SIGINT, 130),
        (Signal::SIGHUP, 129),
    ] {
        // Ten rows, then a pipe that stays open and silent: the reader waits, the loop does not.
        let (status, text, _) = signalled(signal, "jsonl", "jsonl", 10, 10);
        assert_eq!(status, Some(code), "{signal}");
        assert_whole_lines("jsonl", &text);
        assert_eq!(text.lines().count(), 10);
    }
}

/// Waits (bounded) until process `pid` sleeps writing to a full pipe.
#[cfg(target_os = "linux")]
fn wait_blocked_on_a_pipe(pid: u32) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let wchan = format!("/proc/{pid}/wchan");
    while !std::fs::read_to_string(&wchan)
        .unwrap()
        .contains("pipe_write")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "never blocked on its output"
        );
        thread::yield_now();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_second_signal_while_output_is_blocked_says_the_last_record_may_be_cut() {
    let dir = tempfile::tempdir().unwrap();
    let cohort = dir.path().join("cohort.jsonl");
    let rows: String = (0..5000).map(|i| row("jsonl", i)).collect();
    std::fs::write(&cohort, rows).unwrap();
    let mut child = crate::common::command()
        .arg("batch")
        .arg(&cohort)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    // Output has begun; from now on nothing reads it, so the run waits on a full pipe and
    // cannot reach a record boundary: the first signal (TERM) is noted, the second (INT, a
    // different signal, so never merged with the first) ends the process where it stands.
    stdout.read_line(&mut text).unwrap();
    wait_blocked_on_a_pipe(child.id());
    let pid = Pid::from_raw(i32::try_from(child.id()).unwrap());
    kill(pid, Signal::SIGTERM).unwrap();
    kill(pid, Signal::SIGINT).unwrap();
    let (status, stderr) = ended(&mut child);
    stdout.read_to_string(&mut text).unwrap();
    assert!(matches!(status, Some(130 | 143)), "{status:?}");
    let cut = text
        .lines()
        .any(|l| serde_json::from_str::<serde_json::Value>(l).is_err())
        || !text.ends_with('\n');
    if cut {
        assert!(
            stderr.contains("the last record of the output may be incomplete"),
            "{stderr}"
        );
    } else {
        assert_whole_lines("jsonl", &text);
    }
}
