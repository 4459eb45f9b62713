//! Hostile and odd input, round two: what reaches the terminal from files, linear checks of
//! huge records, closed and full standard streams, empty and half-broken cohorts, formula-like
//! ids. Each case: a clear message, a documented exit code, bounded time.

use serde_json::Value;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs netriage in `dir` (the timeout only stops a hang).
fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    crate::common::cmd()
        .current_dir(dir)
        .args(args)
        .write_stdin(stdin.to_vec())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
        .into()
}

/// Runs `script` under `sh`, where `$N` is the binary.
fn shell(script: &str) -> Run {
    std::process::Command::new("sh")
        .args(["-c", script])
        .env("N", crate::common::BIN)
        .stdin(Stdio::null())
        .output()
        .unwrap()
        .into()
}

#[test]
fn escape_sequences_from_files_and_flags_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("p.toml"), "primary = \"x\\u001b[31mred\"\n").unwrap();
    std::fs::write(d.join("k.toml"), "[transplant]\n\"age\\u001b[2J\" = 1\n").unwrap();
    std::fs::write(
        d.join("note.toml"),
        "[transplant]\nage_limit = { value = 60, note = \"x\\u001b]0;title\\u0007\" }\n",
    )
    .unwrap();
    std::fs::write(d.join("h.csv"), "id,k\u{1b}[2Ji67\n").unwrap();
    let cases: [(&[&str], i32); 6] = [
        (&["assess", "--profile", "p.toml"], 65),
        (&["--knowledge", "k.toml", "grade", "--ki67", "3"], 65),
        (&["--knowledge", "note.toml", "grade", "--ki67", "3"], 0),
        (&["batch", "h.csv"], 65),
        (&["batch", "no\u{1b}[2Jsuch\u{202e}.csv"], 66),
        (&["assess", "--primary", "x\u{1b}[31m\u{9b}2J"], 2),
    ];
    for (args, code) in cases {
        let out = run_in(d, args, b"");
        assert_eq!(out.code, code, "{args:?}: {}", out.stderr);
        for text in [&out.stdout, &out.stderr] {
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
                "{args:?}: raw control character in {text:?}"
            );
        }
        let shown = format!("{}{}", out.stdout, out.stderr);
        assert!(shown.contains("\\u{"), "{args:?}: {shown}");
    }
}

#[test]
fn flag_values_echoed_in_errors_are_shortened() {
    let long = "7".repeat(500);
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["assess", "--ki67", long.as_str()],
        vec!["assess", "--primary", long.as_str()],
        vec!["assess", long.as_str()],
    ] {
        let out = run_in(dir.path(), &args, b"");
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(!out.stderr.contains(&long[..100]), "{}", out.stderr);
        assert!(out.stderr.contains('…'), "{}", out.stderr);
    }
}

#[test]
fn a_record_of_95000_keys_is_checked_for_duplicates_in_linear_time() {
    // Just under the 1 MiB record limit. Pairwise comparison took minutes on this line; the
    // timeout of `run_in` only guards against such a hang.
    let keys: Vec<String> = (0..95_000).map(|i| format!("\"k{i:05}\":1")).collect();
    let line = format!("{{{}}}\n", keys.join(","));
    assert!(line.len() < 1 << 20);
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["batch", "-"], line.as_bytes());
    assert_eq!(out.code, 65);
    let record: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(record["error"]["field"], "k00000", "{record}");
    // A duplicate at the very end of such a line is still found.
    let line = format!("{{{},\"k00007\":2}}\n", keys.join(","));
    let out = run_in(dir.path(), &["batch", "-"], line.as_bytes());
    let record: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(record["error"]["message"], "key 'k00007' is given twice");
}

#[test]
fn id_given_twice_in_different_case_is_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    for line in [
        "{\"id\": \"a\", \"ID\": \"b\", \"ki67\": 3}\n",
        "{\"Id\": \"a\", \" id \": \"b\", \"ki67\": 3}\n",
    ] {
        let out = run_in(dir.path(), &["batch", "-"], line.as_bytes());
        assert_eq!(out.code, 65, "{line}");
        let record: Value = serde_json::from_str(out.stdout.trim()).unwrap();
        assert!(
            record["error"]["message"]
                .as_str()
                .unwrap()
                .contains("is given twice"),
            "{record}"
        );
    }
}

#[cfg(unix)]
#[test]
fn closed_and_full_standard_streams_are_errors_not_silent_success() {
    let cases = [
        // stdout closed: nothing could be written.
        (
            r#""$N" grade --ki67 3 >&-"#,
            74,
            "standard output is closed",
        ),
        (r#""$N" --help >&-"#, 74, "standard output is closed"),
        // stdin closed: a cohort from stdin cannot be read.
        (r#""$N" batch - <&-"#, 66, "cannot open standard input"),
        (r#""$N" batch <&-"#, 66, "cannot open standard input"),
        // A full disk fails help and version like every other output.
        (r#""$N" --help > /dev/full"#, 74, "No space left"),
        (r#""$N" --version > /dev/full"#, 74, "No space left"),
        (r#""$N" grade --ki67 3 > /dev/full"#, 74, "No space left"),
    ];
    for (script, code, needle) in cases {
        let out = shell(script);
        assert_eq!(out.code, code, "{script}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{script}: {}", out.stderr);
    }
    // Redirected to /dev/null on purpose is not closed.
    assert_eq!(shell(r#""$N" grade --ki67 3 > /dev/null"#).code, 0);
    assert_eq!(shell(r#""$N" batch - < /dev/null"#).code, 0);
}

#[test]
fn an_empty_csv_has_no_header_and_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.csv"), b"").unwrap();
    for args in [
        &["batch", "empty.csv"][..],
        &["batch", "-", "--input", "csv"],
    ] {
        let out = run_in(dir.path(), args, b"");
        assert_eq!(out.code, 65, "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(
            out.stderr
                .contains("the header is missing: the file is empty"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn a_row_with_a_nul_or_bad_utf8_cell_still_names_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"id,ki67,primary\np1,5,panc\x00reas\np2,5,\xff\xfe\np3,5,pancreas\n";
    std::fs::write(dir.path().join("c.csv"), bytes).unwrap();
    let out = run_in(dir.path(), &["batch", "c.csv"], b"");
    assert_eq!(out.code, 65);
    let records: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    assert!(records[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("NUL"));
    assert!(records[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("UTF-8"));
}

#[test]
fn jsonl_ids_a_spreadsheet_would_trim_into_a_formula_are_defused() {
    let ids = [
        " =1+1",
        "\n=1+1",
        "\u{a0}+1",
        "＝HYPERLINK(\"x\")",
        "\u{3000}@SUM(A1)",
    ];
    let mut input = String::new();
    for id in ids {
        input.push_str(&serde_json::json!({"id": id, "ki67": 3}).to_string());
        input.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &["batch", "-", "--format", "csv"],
        input.as_bytes(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let shown: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    let expected: Vec<String> = ids.iter().map(|id| format!("'{id}")).collect();
    assert_eq!(shown, expected);
}

/// What is opened is what is checked: a FIFO (as if swapped in after any look at the name) is
/// opened without waiting for a writer, then refused.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_by_the_opened_file_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("swapped.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let err = netriage::input::open(&fifo).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
}
