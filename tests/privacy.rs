//! Patient-data privacy: only profiles are written (0600, atomically, never through a planted
//! symlink), CSV cells cannot run as spreadsheet formulas, messages never echo whole input
//! lines, and no network client is linked in.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use netriage::model::{Field, Patient, RawValue};
use netriage::profile;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let out = crate::common::cmd()
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

/// A patient-identifying line, longer than anything a message may echo.
const PATIENT: &str = "Jane Doe-Smith born 1961-04-12 MRN 99812345 Ward 7B, Rue des Lilas 14";

#[test]
fn messages_never_echo_a_patient_identifying_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let profiles = [
        format!("primary = \"{PATIENT}\"\n"),
        format!("\"{PATIENT}\" = 1\n"),
        format!("ki67 = {PATIENT}\n"),
        format!("ki67 = 3\n\"{PATIENT}\" = 1\n\"{PATIENT}\" = 2\n"),
        format!("prior = [\"{PATIENT}\"]\n"),
    ];
    for (i, text) in profiles.iter().enumerate() {
        let path = file(&format!("p{i}.toml"), text);
        let (code, stdout, stderr) = run(&["assess", "--ki67", "3", "--profile", &path], b"");
        assert_eq!(code, 65, "{text}: {stderr}");
        assert!(
            !stderr.contains(PATIENT) && !stdout.contains(PATIENT),
            "{stderr}"
        );
    }
    let knowledge = [
        format!("[transplant]\nage_limit = \"{PATIENT}\"\n"),
        format!("[\"{PATIENT}\"]\nx = 1\n"),
        format!("[transplant]\n\"{PATIENT}\" = 1\n"),
        format!("[transplant]\nage_limit = {PATIENT}\n"),
    ];
    for (i, text) in knowledge.iter().enumerate() {
        let path = file(&format!("k{i}.toml"), text);
        let (code, _, stderr) = run(&["--knowledge", &path, "grade", "--ki67", "3"], b"");
        assert_eq!(code, 65, "{text}: {stderr}");
        assert!(!stderr.contains(PATIENT), "{stderr}");
    }
    let jsonl = format!(
        "{{\"ki67\": \"{PATIENT}\"}}\n{{\"{PATIENT}\": 1}}\n{{\"ki67\": {PATIENT}}}\n{PATIENT}\n"
    );
    let csv = format!("id,ki67,primary\np1,{PATIENT},colon\np2,3,{PATIENT}\n\"{PATIENT}\n");
    for (input, text) in [("jsonl", jsonl), ("csv", csv)] {
        for format in ["jsonl", "csv"] {
            let (code, stdout, stderr) = run(
                &["batch", "--input", input, "--format", format],
                text.as_bytes(),
            );
            assert_eq!(code, 65, "{input} → {format}: {stderr}");
            assert!(!stdout.contains(PATIENT), "{input} → {format}: {stdout}");
            assert!(!stderr.contains(PATIENT), "{stderr}");
        }
    }
    let header = format!("id,ki67,{PATIENT}\n");
    let (_, _, stderr) = run(&["batch", "--input", "csv"], header.as_bytes());
    assert!(!stderr.contains(PATIENT), "{stderr}");
}

/// The OWASP "CSV injection" leading characters.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[test]
fn csv_output_cells_from_input_never_start_a_formula() {
    let mut jsonl = String::new();
    for (i, lead) in FORMULA.iter().enumerate() {
        // JSON-encoded: a raw tab or CR is not allowed inside a JSON string.
        let cell = serde_json::to_string(&format!("{lead}HYPERLINK(\"http://x\")")).unwrap();
        // As the id (copied into its cell), and as a bad value (quoted in the error cell).
        writeln!(jsonl, "{{\"id\": {cell}, \"ki67\": {i}}}").unwrap();
        writeln!(jsonl, "{{\"id\": {cell}, \"ki67\": {cell}}}").unwrap();
        writeln!(jsonl, "{{\"id\": {cell}, {cell}: 1}}").unwrap();
    }
    let (code, stdout, _) = run(&["batch", "--format", "csv"], jsonl.as_bytes());
    assert_eq!(code, 65);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        for cell in &record {
            assert!(!cell.starts_with(FORMULA), "cell {cell:?} in {record:?}");
        }
        assert!(record[1].starts_with('\''), "id defused: {:?}", &record[1]);
    }
    assert_eq!(rows, FORMULA.len() * 3);
    // The same through a CSV cohort (spreadsheet exports trim tab and CR, so four leads).
    let mut csv = String::from("id,ki67\n");
    for lead in ['=', '+', '-', '@'] {
        writeln!(csv, "{lead}1+1,{lead}2").unwrap();
    }
    let (_, stdout, _) = run(
        &["batch", "--input", "csv", "--format", "csv"],
        csv.as_bytes(),
    );
    for record in csv::Reader::from_reader(stdout.as_bytes()).records() {
        for cell in &record.unwrap() {
            assert!(!cell.starts_with(FORMULA), "{cell:?}");
        }
    }
}

fn sample() -> Patient {
    let mut p = Patient::default();
    p.set(Field::Ki67, &RawValue::Text("12".into())).unwrap();
    p
}

#[cfg(unix)]
#[test]
fn a_save_never_writes_through_a_symlink_planted_at_a_temp_name() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let path = dir.path().join("saved.toml");
    // Every temp name this process may try next, planted as a link to the victim.
    for n in 0..256 {
        let tmp = dir
            .path()
            .join(format!(".saved.toml.{}.{n}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, tmp).unwrap();
    }
    let result = profile::save(&path, &sample(), false);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    if result.is_ok() {
        let meta = fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    } else {
        assert!(fs::symlink_metadata(&path).is_err(), "nothing half-made");
    }
}

/// Every call that creates or writes a file, by source file: only the profile writer may (and
/// the input opener, which opens for reading only).
#[test]
fn only_the_profile_writer_creates_files() {
    let patterns = [
        "File::create",
        "fs::write",
        "OpenOptions",
        ".create(",
        "tempfile",
        "fs::copy",
        "fs::rename",
        "hard_link",
    ];
    let mut found = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            if patterns.iter().any(|p| text.contains(p)) {
                found.push(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    assert_eq!(
        found,
        ["input.rs", "profile.rs"],
        "files that write to disk"
    );
    // input.rs builds its OpenOptions to open files for reading only (without blocking).
    let input =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/input.rs")).unwrap();
    for writes in [
        ".write(",
        ".create(",
        ".append(",
        ".truncate(",
        "File::create",
    ] {
        assert!(!input.contains(writes), "input.rs {writes}");
    }
}

/// No HTTP, TLS or socket client in the normal dependency tree (patient data stay local).
#[test]
fn no_network_crate_is_linked() {
    const NETWORK: [&str; 22] = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "curl-sys",
        "isahc",
        "surf",
        "attohttpc",
        "native-tls",
        "openssl",
        "openssl-sys",
        "rustls",
        "tokio",
        "async-std",
        "mio",
        "h2",
        "http",
        "socket2",
        "tungstenite",
        "lettre",
        "ssh2",
        "trust-dns-resolver",
    ];
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let crates: Vec<&str> = tree.lines().filter_map(|l| l.split(' ').next()).collect();
    assert!(crates.contains(&"serde_json"), "the tree was read: {tree}");
    for name in NETWORK {
        assert!(!crates.contains(&name), "{name} is linked in");
    }
}
