//! `batch`: CSV and JSON Lines in, JSON Lines and CSV out, streamed; bad rows become error
//! records while the others go on (exit 65 at the end); header, BOM, CRLF, stdin, missing file.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use crate::common::cmd as netriage;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `batch ARGS` with `stdin`, returning (exit code, stdout, stderr).
fn batch(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let out = netriage()
        .arg("batch")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The first patient of the cohort fixtures, as `assess` flags.
const P1: [&str; 19] = [
    "assess",
    "--ki67",
    "3",
    "--differentiation",
    "well",
    "--primary",
    "small-intestine",
    "--lesions",
    "2",
    "--largest-cm",
    "2.5",
    "--resectable",
    "yes",
    "--extrahepatic",
    "no",
    "--sstr",
    "positive",
    "--age",
    "58",
];

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Writes `bytes` to a temporary file named `name`.
fn temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn csv_and_jsonl_cohorts_give_the_same_reports_as_assess() {
    for file in ["cohort.csv", "cohort.jsonl"] {
        let path = fixture(file);
        let full = ["--detail", "full"];
        let (code, stdout, stderr) = batch(&[path.to_str().unwrap(), full[0], full[1]], b"");
        assert_eq!((code, stderr.as_str()), (0, ""), "{file}");
        let got = records(&stdout);
        assert_eq!(got.len(), 3, "{file}");
        for (i, record) in got.iter().enumerate() {
            assert_eq!(record["row"], i + 1, "{file}");
            assert_eq!(record["id"], format!("p{}", i + 1), "{file}");
            assert!(record.get("error").is_none(), "{file}: {record}");
        }
        // One line each, compact.
        assert_eq!(stdout.lines().count(), 3);
        // The same patient through `assess --format json` gives the same report.
        let assess = netriage()
            .args(P1)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let single: Value = serde_json::from_slice(&assess.stdout).unwrap();
        assert_eq!(got[0]["report"], single, "{file}");
    }
    let jsonl = records(
        &batch(
            &[
                fixture("cohort.jsonl").to_str().unwrap(),
                "--detail",
                "full",
            ],
            b"",
        )
        .1,
    );
    assert_eq!(
        jsonl[1]["report"]["patient"]["prior"],
        serde_json::json!(["ssa"])
    );
    assert_eq!(
        jsonl[2]["report"]["patient"]["prior"],
        serde_json::json!([])
    );
    assert_eq!(jsonl[2]["report"]["grade"]["category"], "nec");
}

#[test]
fn bad_rows_become_error_records_in_order_and_exit_65() {
    let path = fixture("mixed.csv");
    let (code, stdout, stderr) = batch(&[path.to_str().unwrap()], b"");
    assert_eq!(code, 65);
    assert!(stderr.contains("2 of 5 rows refused"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let got = records(&stdout);
    let ids: Vec<&str> = got.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["good-1", "bad-ki67", "good-2", "bad-nothing", "good-3"]
    );
    for (i, r) in got.iter().enumerate() {
        assert_eq!(r["row"], i + 1);
        let bad = r["id"].as_str().unwrap().starts_with("bad");
        assert_eq!(r.get("error").is_some(), bad, "{r}");
        assert_eq!(r.get("report").is_some(), !bad, "{r}");
    }
    let error = &got[1]["error"];
    assert_eq!(error["field"], "ki67");
    assert_eq!(error["value"], "140");
    assert!(
        error["message"].as_str().unwrap().contains("0 to 100"),
        "{error}"
    );
    // The same message as the command line's, naming the columns.
    assert_eq!(
        got[3]["error"]["message"],
        "nothing to grade: give ki67, mitoses, or differentiation poor, small-cell or large-cell"
    );
}

#[test]
fn error_records_cover_every_kind_of_bad_line() {
    let input = concat!(
        "{\"id\": \"a\", \"ki67\": 5}\n",
        "{\"id\": \"b\", \"ki67\": \n",
        "[\"not\", \"an\", \"object\"]\n",
        "{\"id\": \"d\", \"ki67\": 5, \"weight\": 80}\n",
        "{\"id\": \"e\", \"ki67\": 5, \"ecog\": 7}\n",
        "{\"id\": \"f\", \"ki67\": 5, \"prior\": [\"ssa\", \"chemo\"]}\n",
        "{\"id\": \"g\", \"mitoses\": 1}\n",
    );
    let (code, stdout, _) = batch(&["--input", "jsonl"], input.as_bytes());
    assert_eq!(code, 65);
    let got = records(&stdout);
    assert_eq!(got.len(), 7);
    let field = |i: usize| got[i]["error"]["field"].clone();
    assert!(got[0].get("report").is_some());
    assert!(got[1]["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("malformed JSON"));
    assert!(got[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not a JSON object"));
    assert_eq!(field(3), "weight");
    assert_eq!(got[3]["error"]["value"], "80");
    assert_eq!(field(4), "ecog");
    assert_eq!(got[4]["error"]["value"], "7");
    assert_eq!(field(5), "prior");
    assert!(got[5]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("'chemo' is not a treatment id"));
    assert!(got[6].get("report").is_some());
}

#[test]
fn empty_and_header_only_inputs_are_empty_cohorts() {
    let dir = tempfile::tempdir().unwrap();
    let header_only = temp(&dir, "header.csv", b"id,ki67,primary\n");
    let empty_jsonl = temp(&dir, "empty.jsonl", b"\n\n");
    for file in [&header_only, &empty_jsonl] {
        assert_eq!(
            batch(&[file], b""),
            (0, String::new(), String::new()),
            "{file}"
        );
        // The CSV table keeps its header, so a spreadsheet still sees the columns.
        let (code, stdout, _) = batch(&[file, "--format", "csv"], b"");
        assert_eq!(code, 0);
        assert_eq!(stdout.lines().count(), 1);
        assert!(stdout.starts_with("row,id,grade,resection,"), "{stdout}");
    }
    assert_eq!(batch(&[], b""), (0, String::new(), String::new()));
}

#[test]
fn bom_and_crlf_csv_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,ki67,primary\r\np1,12,pancreas\r\np2,2,rectum\r\n";
    let crlf = temp(&dir, "crlf.csv", text.as_bytes());
    let bom = temp(&dir, "bom.csv", format!("\u{feff}{text}").as_bytes());
    let bom_jsonl = temp(
        &dir,
        "bom.jsonl",
        "\u{feff}{\"id\": \"p1\", \"ki67\": 12}\r\n".as_bytes(),
    );
    for file in [&crlf, &bom] {
        let (code, stdout, stderr) = batch(&[file, "--detail", "full"], b"");
        assert_eq!((code, stderr.as_str()), (0, ""), "{file}");
        let got = records(&stdout);
        assert_eq!(got[0]["id"], "p1", "{file}");
        assert_eq!(got[1]["report"]["patient"]["primary"], "rectum", "{file}");
    }
    let (code, stdout, _) = batch(&[&bom_jsonl], b"");
    assert_eq!(code, 0);
    assert_eq!(records(&stdout)[0]["id"], "p1");
}

#[test]
fn standard_input_reads_jsonl_by_default_and_csv_when_told() {
    let jsonl = b"{\"id\": \"s1\", \"ki67\": 12}\n";
    for args in [&[][..], &["-"][..]] {
        let (code, stdout, _) = batch(args, jsonl);
        assert_eq!(code, 0);
        assert_eq!(records(&stdout)[0]["id"], "s1");
    }
    let (code, stdout, _) = batch(&["-", "--input", "csv"], b"id,ki67\ns2,12\n");
    assert_eq!(code, 0);
    assert_eq!(records(&stdout)[0]["id"], "s2");
}

#[test]
fn files_that_cannot_be_read_or_told_apart_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv").display().to_string();
    let (code, stdout, stderr) = batch(&[&missing], b"");
    assert_eq!(code, 66);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("cannot open") && stderr.contains("missing.csv"),
        "{stderr}"
    );
    let unknown = temp(&dir, "cohort.txt", b"ki67\n12\n");
    let (code, _, stderr) = batch(&[&unknown], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("--input"), "{stderr}");
    assert_eq!(batch(&[&unknown, "--input", "csv"], b"").0, 0);
}

#[test]
fn an_unknown_header_column_refuses_the_file_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp(&dir, "c.csv", b"id,ki67,weight_kg\np1,12,80\n");
    let (code, stdout, stderr) = batch(&[&file], b"");
    assert_eq!(code, 65);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("unknown column 'weight_kg'"), "{stderr}");
}

#[test]
fn csv_output_is_one_row_per_patient_with_formulas_defused() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp(
        &dir,
        "c.csv",
        b"id,ki67,primary\n=HYPERLINK(\"x\"),12,pancreas\n+1,2,rectum\n-2,140,colon\n@SUM(A1),5,lung\nplain,5,lung\n",
    );
    let (code, stdout, _) = batch(&[&file, "--format", "csv"], b"");
    assert_eq!(code, 65);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "row");
    assert_eq!(&header[header.len() - 2], "error");
    assert_eq!(&header[header.len() - 1], "knowledge");
    // Every option of the three core stages, none of the symptom-only ones.
    for id in [
        "resection",
        "tace",
        "tare",
        "ssa",
        "prrt",
        "immunotherapy-trial",
    ] {
        assert!(header.iter().any(|h| h == id), "{id}");
    }
    assert!(!header.iter().any(|h| h == "telotristat"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(
        ids,
        ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "plain"]
    );
    assert_eq!(&rows[0][2], "net-g2");
    assert_eq!(&rows[0][0], "1");
    let resection = header.iter().position(|h| h == "resection").unwrap();
    assert_eq!(&rows[0][resection], "undetermined");
    assert!(rows[2][header.len() - 2].contains("'140' for ki67"));
    assert_eq!(&rows[2][2], "");
    // Every row, refused or not, names the knowledge it was assessed with.
    for row in &rows {
        assert_eq!(
            &row[header.len() - 1],
            format!("{} (built-in)", netriage::knowledge::VERSION)
        );
    }
}

#[test]
fn messages_never_echo_whole_input_lines() {
    let secret = "SECRET-PATIENT-NAME-".repeat(10);
    let input =
        format!("{{\"ki67\": \"{secret}\"}}\n{{\"{secret}\": 1}}\n{{\"ki67\": 1, {secret}\n");
    let (code, stdout, stderr) = batch(&[], input.as_bytes());
    assert_eq!(code, 65);
    assert!(!stdout.contains(&secret) && !stderr.contains(&secret));
    let csv_input = format!("id,ki67\np1,{secret}\n");
    let (_, stdout, stderr) = batch(&["--input", "csv", "--format", "csv"], csv_input.as_bytes());
    assert!(!stdout.contains(&secret) && !stderr.contains(&secret));
}

#[test]
fn a_large_cohort_streams_without_a_progress_bar_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("id,ki67,primary,lesions\n");
    for i in 0..2000 {
        writeln!(text, "p{i},{},pancreas,{}", i % 100, i % 7 + 1).unwrap();
    }
    let file = temp(&dir, "big.csv", text.as_bytes());
    let (code, stdout, stderr) = batch(&[&file, "--format", "csv"], b"");
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout.lines().count(), 2001);
}

#[test]
fn brief_records_are_the_default_small_and_match_assess() {
    let path = fixture("cohort.jsonl");
    let (code, stdout, _) = batch(&[path.to_str().unwrap()], b"");
    assert_eq!(code, 0);
    for line in stdout.lines() {
        assert!(line.len() < 2048, "{} bytes: {line}", line.len());
    }
    let got = records(&stdout);
    let report = &got[0]["report"];
    assert_eq!(report["detail"], "brief");
    assert!(report.get("patient").is_none(), "{report}");
    for key in [
        "grade",
        "stages",
        "missing",
        "to_confirm",
        "warnings",
        "knowledge_version",
    ] {
        assert!(report.get(key).is_some(), "{key}: {report}");
    }
    // Each option: its status and why.
    let stages = report["stages"].as_object().unwrap();
    assert_eq!(stages.len(), 4, "{stages:?}");
    // In pathway order (the parsed map sorts its keys; the line keeps them).
    let first = stdout.lines().next().unwrap();
    let at = |key: &str| first.find(&format!("\"{key}\":{{")).unwrap();
    assert!(at("approach") < at("local"));
    assert!(at("local") < at("liver-directed") && at("liver-directed") < at("systemic"));
    for option in stages
        .values()
        .flat_map(|s| s.as_object().unwrap().values())
    {
        let why = match option["status"].as_str().unwrap() {
            "recommended" | "consider" => "reason",
            "not-recommended" => "failed",
            _ => "missing",
        };
        assert!(option.get(why).is_some(), "{option}");
    }
    // The same record as `assess --format json --detail brief` for the same patient.
    let assess = netriage()
        .args(P1)
        .args(["--format", "json", "--detail", "brief"])
        .output()
        .unwrap();
    let single: Value = serde_json::from_slice(&assess.stdout).unwrap();
    assert_eq!(*report, single);
}

#[test]
fn the_table_names_the_answers_that_would_settle_it() {
    let cohort = "id,ki67,primary,sstr\np1,12,pancreas,positive\n";
    let (code, stdout, _) = batch(
        &["--input", "csv", "--format", "csv", "-"],
        cohort.as_bytes(),
    );
    assert_eq!(code, 0);
    let mut table = csv::Reader::from_reader(stdout.as_bytes());
    let header = table.headers().unwrap().clone();
    let column = header.iter().position(|h| h == "would_settle").unwrap();
    let row = table.records().next().unwrap().unwrap();
    let settle: Vec<&str> = row[column].split(',').collect();
    // Resectability settles the local and liver-directed options; unknown here.
    assert!(settle.contains(&"resectable"), "{settle:?}");
    assert!(!settle.contains(&"ki67"), "{settle:?}");
}

#[test]
fn brief_records_carry_the_grade_s_warnings() {
    // A Ki-67 that looks like a fraction: the grade's warning is what to confirm first.
    let (code, stdout, _) = batch(&["-", "--input", "jsonl"], b"{\"ki67\": 0.18}\n");
    assert_eq!(code, 0);
    let got = records(&stdout);
    let warnings = &got[0]["report"]["warnings"];
    assert!(
        warnings
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "grade.ki67_fraction"),
        "{warnings}"
    );
}
