//! `--knowledge FILE`: an institution's thresholds change the verdicts, are named in every
//! report, and a bad file is refused with the key and value at fault.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use assert_cmd::Command;
use serde_json::Value;

/// A transplant candidate over the built-in US age limit but under a raised one.
const CANDIDATE: [&str; 26] = [
    "--ki67",
    "5",
    "--differentiation",
    "well",
    "--primary",
    "small-intestine",
    "--primary-resected",
    "yes",
    "--extrahepatic",
    "no",
    "--liver-burden",
    "30",
    "--resectable",
    "no",
    "--progression",
    "stable",
    "--stable-months",
    "12",
    "--age",
    "62",
    "--ecog",
    "0",
    "--sstr",
    "positive",
    "--lesions",
    "8",
];

fn run(knowledge: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("netriage").unwrap();
    if let Some(file) = knowledge {
        cmd.args(["--knowledge", file]);
    }
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn transplant(json: &str) -> Value {
    let report: Value = serde_json::from_str(json).unwrap();
    let options = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["options"].as_array().unwrap().clone());
    options
        .into_iter()
        .find(|o| o["id"] == "transplant")
        .unwrap()
}

fn file(dir: &tempfile::TempDir, text: &[u8]) -> String {
    let path = dir.path().join("institution.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_raised_age_limit_turns_transplant_from_not_recommended_to_consider() {
    let dir = tempfile::tempdir().unwrap();
    let k = file(&dir, b"[transplant]\nage_limit = 65\n");
    let mut json_args = vec!["assess", "--format", "json"];
    json_args.extend(CANDIDATE);

    let (code, builtin, _) = run(None, &json_args);
    assert_eq!(code, 0);
    assert_eq!(transplant(&builtin)["status"], "not-recommended");
    let report: Value = serde_json::from_str(&builtin).unwrap();
    assert_eq!(report["overrides"], serde_json::json!([]));

    let (code, raised, stderr) = run(Some(&k), &json_args);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(transplant(&raised)["status"], "consider");
    let report: Value = serde_json::from_str(&raised).unwrap();
    assert_eq!(
        report["overrides"],
        serde_json::json!([{"id": "transplant.age_limit", "builtin": "60", "value": "65"}])
    );

    let mut text_args = vec!["assess"];
    text_args.extend(CANDIDATE);
    let (_, text, _) = run(Some(&k), &text_args);
    assert!(text.contains("Institution overrides in force"), "{text}");
    assert!(
        text.contains("transplant.age_limit: 65 (built-in 60)"),
        "{text}"
    );
    let (_, text, _) = run(None, &text_args);
    assert!(!text.contains("Institution overrides"));

    let mut md_args = vec!["assess", "--format", "markdown"];
    md_args.extend(CANDIDATE);
    let (_, md, _) = run(Some(&k), &md_args);
    assert!(md.contains("| `transplant.age_limit` | 65 | 60 |"), "{md}");

    // grade reports name the overrides too.
    let (_, grade, _) = run(Some(&k), &["grade", "--ki67", "5", "--format", "json"]);
    let grade: Value = serde_json::from_str(&grade).unwrap();
    assert_eq!(grade["overrides"][0]["id"], "transplant.age_limit");
}

#[test]
fn bad_override_files_are_refused_with_65_naming_the_key() {
    let cases: [(&[u8], &str); 9] = [
        (
            b"[transplant]\nage_limt = 65\n",
            "transplant.age_limt: unknown threshold",
        ),
        (
            b"[transplnt]\nage_limit = 65\n",
            "transplnt: unknown section",
        ),
        (
            b"[transplant]\nage_limit = \"old\"\n",
            "transplant.age_limit = old: expected a number",
        ),
        (
            b"[transplant]\nage_limit = -5\n",
            "transplant.age_limit = -5",
        ),
        (
            b"[transplant]\nage_limit = 50\n",
            "must be below transplant.age_limit (50)",
        ),
        (b"[grade]\nki67_g2_from = 150\n", "grade.ki67_g2_from = 150"),
        (
            b"[transplant]\nage_limit = { value = 65, sites = [\"lung\"] }\n",
            "transplant.age_limit.sites: unknown key",
        ),
        (
            b"[transplant]\nportal_drained = [\"pancreas\", \"liver\"]\n",
            "expected a list of sites",
        ),
        (b"[transplant]\n= 65\n", "(line 2)"),
    ];
    for (text, needle) in cases {
        let dir = tempfile::tempdir().unwrap();
        let k = file(&dir, text);
        let (code, stdout, stderr) = run(Some(&k), &["grade", "--ki67", "5"]);
        let shown = String::from_utf8_lossy(text);
        assert_eq!(code, 65, "{shown}: {stderr}");
        assert!(stdout.is_empty(), "{shown}");
        assert!(stderr.contains(needle), "{shown}: {stderr}");
        assert!(stderr.contains("institution.toml"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_missing_override_file_is_66_and_a_binary_one_65() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml").display().to_string();
    let (code, _, stderr) = run(Some(&missing), &["grade", "--ki67", "5"]);
    assert_eq!(code, 66);
    assert!(
        stderr.contains("cannot open") && stderr.contains("nope.toml"),
        "{stderr}"
    );
    let binary = file(&dir, b"\xff\xfe\x00");
    assert_eq!(run(Some(&binary), &["grade", "--ki67", "5"]).0, 65);
}

#[test]
fn batch_applies_overrides_to_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let k = file(&dir, b"[transplant]\nage_limit = 65\n");
    let mut row = serde_json::Map::new();
    for pair in CANDIDATE.chunks(2) {
        row.insert(
            pair[0].trim_start_matches("--").to_owned(),
            Value::String(pair[1].to_owned()),
        );
    }
    let line = Value::Object(row).to_string() + "\n";
    let out = Command::cargo_bin("netriage")
        .unwrap()
        .args(["--knowledge", &k, "batch", "--detail", "full"])
        .write_stdin(line)
        .output()
        .unwrap();
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        transplant(&record["report"].to_string())["status"],
        "consider"
    );
    assert_eq!(record["report"]["overrides"][0]["value"], "65");
}
