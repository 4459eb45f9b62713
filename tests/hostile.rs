//! Hostile input through the real binary: profiles, cohorts (CSV, JSON Lines) and knowledge
//! files that are not text, too large, nested, duplicated, oddly numbered, or not files at all.
//! Each: the documented exit code, a message naming file, row and field, no partial output.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where a hostile file goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Profile,
    Knowledge,
    Csv,
    Jsonl,
}

impl Kind {
    fn file_name(self) -> &'static str {
        match self {
            Kind::Profile => "patient.toml",
            Kind::Knowledge => "site.toml",
            Kind::Csv => "cohort.csv",
            Kind::Jsonl => "cohort.jsonl",
        }
    }

    fn args(self, file: &str) -> Vec<String> {
        let args: Vec<&str> = match self {
            Kind::Profile => vec!["assess", "--profile", file, "--format", "json"],
            Kind::Knowledge => vec!["--knowledge", file, "grade", "--ki67", "3"],
            Kind::Csv | Kind::Jsonl => vec!["batch", file],
        };
        args.into_iter().map(str::to_owned).collect()
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[String]) -> Run {
    let out = crate::common::cmd()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn write(dir: &Path, kind: Kind, bytes: &[u8]) -> PathBuf {
    let path = dir.join(kind.file_name());
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs `kind` on a file holding `bytes`.
fn on_file(kind: Kind, bytes: &[u8]) -> (Run, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), kind, bytes).display().to_string();
    (run(&kind.args(&path)), path)
}

/// A whole file refused: exit 65, the file named, the message, nothing on stdout.
fn assert_file_refused(kind: Kind, bytes: &[u8], needle: &str) {
    let (out, path) = on_file(kind, bytes);
    let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]).into_owned();
    assert_eq!(out.code, 65, "{kind:?} {shown:?}: {}", out.stderr);
    assert!(out.stderr.contains(&path), "{kind:?}: {}", out.stderr);
    assert!(
        out.stderr.contains(needle),
        "{kind:?} {shown:?}: {}",
        out.stderr
    );
    assert_eq!(out.stdout, "", "{kind:?}: no partial output");
    assert_eq!(
        out.stderr.lines().count(),
        1,
        "one clear line: {}",
        out.stderr
    );
}

/// The JSON records of a cohort run: every line complete.
fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A cohort whose record `row` is bad: exit 65 after every record is written, the bad one an
/// error record naming `field` (if any) with `needle`, the good ones reports; stderr names the
/// file and the row.
fn assert_row_refused(kind: Kind, bytes: &[u8], row: usize, field: Option<&str>, needle: &str) {
    let (out, path) = on_file(kind, bytes);
    assert_eq!(out.code, 65, "{kind:?}: {}", out.stderr);
    assert!(
        out.stderr.contains(&path) && out.stderr.contains(&format!("row {row}")),
        "{}",
        out.stderr
    );
    let got = records(&out.stdout);
    for (i, record) in got.iter().enumerate() {
        assert_eq!(record["row"], i + 1);
        if i + 1 == row {
            let error = &record["error"];
            assert!(error.is_object(), "row {row} refused: {record}");
            let message = error["message"].as_str().unwrap();
            assert!(message.contains(needle), "{kind:?}: {message}");
            assert_eq!(error["field"].as_str(), field, "{message}");
        } else {
            assert!(record["report"].is_object(), "{record}");
        }
    }
    // An unclosed quote swallows the rest of the input into its row; otherwise reading goes on.
    if !needle.contains("never closed") {
        assert!(got.len() > row, "the rows after the bad one are read too");
    }
}

const CSV_HEADER: &str = "id,ki67,primary\n";
const CSV_GOOD: &str = "last,5,pancreas\n";
const JSONL_GOOD: &str = "{\"id\": \"last\", \"ki67\": 5}\n";

fn csv_with(row: &[u8]) -> Vec<u8> {
    [
        CSV_HEADER.as_bytes(),
        b"first,3,rectum\n",
        row,
        b"\n",
        CSV_GOOD.as_bytes(),
    ]
    .concat()
}

fn jsonl_with(row: &[u8]) -> Vec<u8> {
    [b"{\"ki67\": 3}\n", row, b"\n", JSONL_GOOD.as_bytes()].concat()
}

#[test]
fn profiles_refuse_bad_text_duplicates_and_misreadable_numbers() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"ki67 = 3\nprimary = \"pan\xffcreas\"\n",
            "line 2 is not UTF-8",
        ),
        (
            b"ki67 = 3\nprimary = \"pan\0creas\"\n",
            "line 2 contains a NUL byte",
        ),
        (b"ki67 = 3\nki67 = 4\n", "duplicate key `ki67`"),
        (b"largest-cm = 2\nlargest_cm = 3\n", "given twice"),
        (b"ki67 = 1e309\n", "(line 1, column 8)"),
        (
            b"ki67 = nan\n",
            "ki67 (line 1): 'nan' is not a plain decimal",
        ),
        (b"ki67 = inf\n", "'inf' is not a plain decimal"),
        (b"ki67 = 0x10\n", "'0x10' is not a plain decimal"),
        (b"ki67 = 12,5\n", "use a decimal point"),
        (b"ki67 = \"12,5\"\n", "use a decimal point"),
        (b"ki67 = \"NaN\"\n", "invalid value 'NaN' for ki67"),
        (b"ki67 = 3\nweight = 80\n", "unknown key 'weight'"),
        (b"\xef\xbb\xbfki67 = 140\n", "invalid value '140' for ki67"),
    ];
    for (bytes, needle) in cases {
        assert_file_refused(Kind::Profile, bytes, needle);
    }
}

#[test]
fn profiles_accept_a_bom_and_read_minus_zero_as_zero() {
    for bytes in [&b"\xef\xbb\xbfki67 = 3\n"[..], b"ki67 = -0\n"] {
        let (out, _) = on_file(Kind::Profile, bytes);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        assert!(report["patient"]["ki67"].as_f64().is_some());
        assert!(!out.stdout.contains("-0.0"));
    }
}

#[test]
fn knowledge_files_refuse_bad_text_duplicates_and_misreadable_numbers() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"[transplant]\nage_limit = \"\xff\"\n",
            "line 2 is not UTF-8",
        ),
        (
            b"[transplant]\n\0age_limit = 65\n",
            "line 2 contains a NUL byte",
        ),
        (
            b"[transplant]\nage_limit = 65\nage_limit = 66\n",
            "duplicate key `age_limit`",
        ),
        (b"[transplant]\nage_limit = 1e309\n", "(line 2, column 13)"),
        (
            b"[transplant]\nage_limit = nan\n",
            "transplant.age_limit (line 2): 'nan'",
        ),
        (
            b"[transplant]\nage_limit = inf\n",
            "'inf' is not a plain decimal",
        ),
        (
            b"[transplant]\nage_limit = 0x41\n",
            "'0x41' is not a plain decimal",
        ),
        (b"[transplant]\nage_limit = 65,5\n", "use a decimal point"),
        (
            b"[transplant]\nweight = 1\n",
            "transplant.weight: unknown threshold",
        ),
    ];
    for (bytes, needle) in cases {
        assert_file_refused(Kind::Knowledge, bytes, needle);
    }
    let (out, _) = on_file(
        Kind::Knowledge,
        b"\xef\xbb\xbf[transplant]\nage_limit = 65\n",
    );
    assert_eq!(out.code, 0, "a BOM is accepted: {}", out.stderr);
}

#[test]
fn csv_rows_with_bad_cells_become_error_records_naming_the_column() {
    let long_cell = format!("p,3,{}", "x".repeat(70_000));
    let cases: &[(&[u8], Option<&str>, &str)] = &[
        (
            b"p,3,pan\xffcreas",
            Some("primary"),
            "the value of primary is not valid UTF-8",
        ),
        (
            b"p,3,pan\0creas",
            Some("primary"),
            "the value of primary contains a NUL byte",
        ),
        (long_cell.as_bytes(), Some("primary"), "longer than 64 KiB"),
        (
            b"p,1e309,colon",
            Some("ki67"),
            "invalid value '1e309' for ki67",
        ),
        (b"p,NaN,colon", Some("ki67"), "invalid value 'NaN'"),
        (b"p,inf,colon", Some("ki67"), "invalid value 'inf'"),
        (b"p,0x10,colon", Some("ki67"), "invalid value '0x10'"),
        (b"p,\"12,5\",colon", Some("ki67"), "use a decimal point"),
        (
            b"p,\"unclosed,colon",
            None,
            "a quote opened in the row is never closed",
        ),
    ];
    for (row, field, needle) in cases {
        assert_row_refused(Kind::Csv, &csv_with(row), 2, *field, needle);
    }
    // -0 is 0, not an error.
    let (out, _) = on_file(
        Kind::Csv,
        &[CSV_HEADER.as_bytes(), b"p,-0,colon\n"].concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn csv_headers_that_cannot_be_a_cohort_refuse_the_file() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"id,ki67,KI67\n",
            "column 'KI67' appears twice in the header (column 3)",
        ),
        (
            b"id,ki67,weight\np,3,80\n",
            "unknown column 'weight' in the header (column 3)",
        ),
        (b"id,ki\xff67\n", "the header is not valid UTF-8 (column 2)"),
        (b"id,ki67\0\n", "the header contains a NUL byte"),
        (
            b"id,\"ki67\n3\n",
            "the header has a quote that is never closed",
        ),
    ];
    for (bytes, needle) in cases {
        assert_file_refused(Kind::Csv, bytes, needle);
    }
    let (out, _) = on_file(Kind::Csv, b"\xef\xbb\xbfid,ki67\r\np,3\r\n");
    assert_eq!(out.code, 0, "BOM and CRLF: {}", out.stderr);
}

#[test]
fn jsonl_rows_with_bad_values_become_error_records() {
    let deep = format!(
        "{{\"ki67\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let long_value = format!("{{\"primary\": \"{}\"}}", "x".repeat(70_000));
    let cases: &[(&[u8], Option<&str>, &str)] = &[
        (b"{\"primary\": \"pan\xffcreas\"}", None, "not valid UTF-8"),
        (b"{\"ki67\": 3, \0}", None, "contains a NUL byte"),
        (
            b"{\"primary\": \"a\\u0000b\", \"ki67\": 3}",
            Some("primary"),
            "NUL character",
        ),
        (deep.as_bytes(), None, "recursion limit exceeded"),
        (long_value.as_bytes(), Some("primary"), "longer than 64 KiB"),
        (
            b"{\"ki67\": 3, \"ki67\": 4}",
            Some("ki67"),
            "key 'ki67' is given twice",
        ),
        (
            b"{\"largest-cm\": 3, \"largest_cm\": 4, \"ki67\": 1}",
            Some("largest-cm"),
            "given twice",
        ),
        (b"{\"ki67\": 1e309}", None, "number out of range"),
        (b"{\"ki67\": NaN}", None, "malformed JSON"),
        (b"{\"ki67\": \"inf\"}", Some("ki67"), "invalid value 'inf'"),
        (
            b"{\"ki67\": \"0x10\"}",
            Some("ki67"),
            "invalid value '0x10'",
        ),
        (b"{\"ki67\": \"12,5\"}", Some("ki67"), "use a decimal point"),
        (
            b"{\"ki67\": 3, \"weight\": 80}",
            Some("weight"),
            "unknown column 'weight'",
        ),
    ];
    for (row, field, needle) in cases {
        assert_row_refused(Kind::Jsonl, &jsonl_with(row), 2, *field, needle);
    }
    for ok in [&b"\xef\xbb\xbf{\"ki67\": 3}\n"[..], b"{\"ki67\": -0}\n"] {
        let (out, _) = on_file(Kind::Jsonl, ok);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stdout.contains("-0.0"));
    }
}

/// Writes `prefix`, then 100 MB of `x` on one line, then `suffix`, without holding it all.
fn hundred_mb_line(path: &Path, prefix: &[u8], suffix: &[u8]) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    file.write_all(prefix).unwrap();
    let block = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        file.write_all(&block).unwrap();
    }
    file.write_all(suffix).unwrap();
    file.flush().unwrap();
}

#[cfg(unix)]
/// Runs netriage with its address space capped well below the size of the input, so that
/// reading a whole 100 MB line into memory would fail.
fn run_with_little_memory(args: &[String]) -> Run {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "ulimit -v 65536 && exec '{}' {}",
        crate::common::BIN,
        quoted.join(" ")
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[cfg(unix)]
#[test]
fn a_100_mb_line_fails_its_row_or_file_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(Kind, &[u8], &[u8], &str)] = &[
        (
            Kind::Profile,
            b"primary = \"",
            b"\"\n",
            "larger than 16 MiB",
        ),
        (
            Kind::Knowledge,
            b"[transplant]\nnote = \"",
            b"\"\n",
            "larger than 16 MiB",
        ),
        (
            Kind::Csv,
            b"id,ki67,primary\nfirst,3,rectum\nbig,3,",
            b"\nlast,5,colon\n",
            "the row is longer than 1 MiB; skipped",
        ),
        // An opening quote never closed: the rest of the stream is one refused row.
        (
            Kind::Csv,
            b"id,ki67,primary\nfirst,3,rectum\nbig,3,\"",
            b"\nlast,5,colon\n",
            "a quote opened in it is never closed",
        ),
        (
            Kind::Jsonl,
            b"{\"ki67\": 3}\n{\"primary\": \"",
            b"\"}\n{\"ki67\": 5}\n",
            "the line is longer than 1 MiB",
        ),
    ];
    for (kind, prefix, suffix, needle) in cases {
        let path = dir.path().join(kind.file_name());
        hundred_mb_line(&path, prefix, suffix);
        let out = run_with_little_memory(&kind.args(&path.display().to_string()));
        assert_eq!(out.code, 65, "{kind:?}: {}", out.stderr);
        assert!(
            out.stderr.contains(&path.display().to_string()),
            "{}",
            out.stderr
        );
        match kind {
            Kind::Profile | Kind::Knowledge => {
                assert!(out.stderr.contains(needle), "{kind:?}: {}", out.stderr);
                assert_eq!(out.stdout, "");
            }
            Kind::Csv | Kind::Jsonl => {
                let got = records(&out.stdout);
                assert!(out.stderr.contains("row 2"), "{}", out.stderr);
                let message = got[1]["error"]["message"].as_str().unwrap();
                assert!(message.contains(needle), "{kind:?}: {message}");
                assert!(got[0]["report"].is_object());
                // An unclosed quote swallows the rest: nothing after it is a row.
                let rows = if needle.contains("quote") { 2 } else { 3 };
                assert_eq!(got.len(), rows, "{kind:?}");
            }
        }
        std::fs::remove_file(&path).unwrap();
    }
}

/// Every kind of input file, for the checks on what is given as one.
const KINDS: [Kind; 4] = [Kind::Profile, Kind::Knowledge, Kind::Csv, Kind::Jsonl];

/// Not a file: exit 66, the path named, nothing on stdout, no wait.
fn assert_cannot_open(kind: Kind, path: &Path, needle: &str) {
    let shown = path.display().to_string();
    let out = run(&kind.args(&shown));
    assert_eq!(out.code, 66, "{kind:?} {shown}: {}", out.stderr);
    assert!(
        out.stderr.contains(&shown) && out.stderr.contains(needle),
        "{kind:?}: {}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for kind in KINDS {
        let path = dir.path().join(kind.file_name());
        std::fs::create_dir(&path).unwrap();
        assert_cannot_open(kind, &path, "is a directory");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    for kind in KINDS {
        let path = dir.path().join(kind.file_name());
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        // Nobody ever writes to it: opening it for reading would wait forever (the 60 s
        // timeout of `run` would fail the test).
        assert_cannot_open(kind, &path, "not a regular file");
    }
}

#[test]
fn missing_files_and_paths_through_a_file_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "x").unwrap();
    for kind in KINDS {
        assert_cannot_open(kind, &dir.path().join(kind.file_name()), "cannot open");
        // A path through a regular file: unreadable for every user, root included.
        assert_cannot_open(kind, &plain.join(kind.file_name()), "cannot open");
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_66_unless_the_user_may_read_anything() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let valid: [(Kind, &[u8]); 4] = [
        (Kind::Profile, b"ki67 = 3\n"),
        (Kind::Knowledge, b"[transplant]\nage_limit = 65\n"),
        (Kind::Csv, b"ki67\n3\n"),
        (Kind::Jsonl, b"{\"ki67\": 3}\n"),
    ];
    for (kind, bytes) in valid {
        let path = write(dir.path(), kind, bytes);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root (as in CI containers) reads any file: then netriage must simply work. Whoever
        // runs the test runs netriage, so this process tells which case applies.
        let readable = std::fs::File::open(&path).is_ok();
        let out = run(&kind.args(&path.display().to_string()));
        if readable {
            assert_eq!(
                out.code, 0,
                "{kind:?} readable by this user: {}",
                out.stderr
            );
        } else {
            assert_eq!(out.code, 66, "{kind:?}: {}", out.stderr);
            assert!(out.stderr.contains("ermission denied"), "{}", out.stderr);
            assert!(out.stderr.contains(&path.display().to_string()));
            assert_eq!(out.stdout, "");
        }
    }
}
