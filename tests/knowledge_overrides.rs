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
fn bad_override_files_are_refused_with_65_naming_the_line_key_and_what_is_valid() {
    let see = " (see `netriage thresholds`)";
    let cases: [(&[u8], &str); 12] = [
        (
            b"[transplant]\nage_limt = 65\n",
            "institution.toml (line 2): transplant.age_limt: unknown threshold; did you mean 'age_limit'?",
        ),
        (
            b"# ours\n[transplnt]\nage_limit = 65\n",
            "institution.toml (line 2): transplnt: unknown section; did you mean 'transplant'?",
        ),
        (
            b"[transplant]\nage_limit = \"old\"\n",
            "institution.toml (line 2, column 13): transplant.age_limit = old: expected a number",
        ),
        (
            b"[transplant]\nage_limit = -5\n",
            "institution.toml (line 2, column 13): transplant.age_limit = -5: expected a number of at least 0",
        ),
        (
            b"[transplant]\nage_limit = 50\n",
            "institution.toml (line 2): transplant.age_milan_max = 55: must be below transplant.age_limit (50)",
        ),
        (
            b"[grade]\nki67_g2_from = 150\n",
            "institution.toml (line 2, column 16): grade.ki67_g2_from = 150: expected 0 to 100 (%)",
        ),
        (
            b"[transplant]\nage_limit = { value = 65, sites = [\"lung\"] }\n",
            "institution.toml (line 2): transplant.age_limit.sites: unknown key (expected value, source, note)",
        ),
        (
            b"[transplant]\nage_limit = { valeu = 65 }\n",
            "institution.toml (line 2): transplant.age_limit.valeu: unknown key (expected value, source, note); did you mean 'value'?",
        ),
        (
            b"[transplant]\nportal_drained = [\"pancreas\", \"liver\"]\n",
            "institution.toml (line 2, column 18): transplant.portal_drained = pancreas, liver: expected a list of sites: pancreas, stomach, duodenum, small-intestine, appendix, colon, rectum, lung, thymus, other, unknown",
        ),
        (
            b"[transplant]\nage_limit = { value = 65, source = \"S999\" }\n",
            "institution.toml (line 2, column 36): transplant.age_limit.source = S999: no such citation",
        ),
        (
            b"[transplant]\nage_limit = { value = 65, unit = \"cm\" }\n",
            "institution.toml (line 2, column 34): transplant.age_limit.unit = cm: the unit of a threshold cannot change",
        ),
        (
            b"[transplant]\n= 65\n",
            "institution.toml: invalid key (line 2, column 1)",
        ),
    ];
    for (text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let k = file(&dir, text);
        let (code, stdout, stderr) = run(Some(&k), &["grade", "--ki67", "5"]);
        let shown = String::from_utf8_lossy(text);
        assert_eq!(code, 65, "{shown}: {stderr}");
        assert!(stdout.is_empty(), "{shown}");
        // The file is named as given: here, its whole path.
        let tail = expected.strip_prefix("institution.toml").unwrap();
        assert_eq!(stderr, format!("netriage: {k}{tail}{see}\n"), "{shown}");
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
        .args(["--knowledge", &k, "batch"])
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

/// `netriage thresholds` (with `--knowledge` when given) as text.
fn thresholds(knowledge: Option<&str>) -> String {
    let (code, stdout, stderr) = run(knowledge, &["thresholds"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    stdout
}

#[test]
fn thresholds_print_every_entry_with_its_unit_source_note_and_range() {
    let printed = thresholds(None);
    let builtin = netriage::knowledge::builtin_threshold_table().unwrap();
    for (section, entries) in &builtin {
        let start = printed
            .find(&format!("\n[{section}]\n"))
            .unwrap_or_else(|| panic!("{section}"));
        for (key, entry) in entries.as_table().unwrap() {
            let at = start
                + printed[start..]
                    .find(&format!("\n{key} = "))
                    .unwrap_or_else(|| panic!("{key}"));
            let note = entry["note"].as_str().unwrap();
            let source = entry["source"].as_str().unwrap();
            let comments: String = printed[..at].lines().rev().take(3).collect();
            assert!(comments.contains(note), "{section}.{key}: {comments}");
            assert!(
                comments.contains(&format!("source: {source} ")),
                "{section}.{key}"
            );
            if let Some(unit) = entry.get("unit") {
                assert!(
                    comments.contains(&format!("unit: {}; allowed: ", unit.as_str().unwrap())),
                    "{section}.{key}"
                );
            } else {
                assert!(
                    comments.contains("allowed: a list of primary sites"),
                    "{section}.{key}"
                );
            }
        }
    }
    let line = "\n# Ki-67 at or above this is at least G2\n#   unit: %; allowed: 0 to 100 (%)\n#   source: S1 ";
    assert!(printed.contains(line), "{printed}");
    assert!(printed.contains("\nki67_g2_from = 3\n"));
    assert!(printed.contains("\nportal_drained = [\"pancreas\", \"stomach\", "));
}

/// Gives `printed` back as `--knowledge`: the same thresholds are in force (the same text but
/// for the first line, which names the file) and `assess` reports exactly as with `reference`.
fn assert_given_back_changes_nothing(printed: &str, reference: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let k = file(&dir, printed.as_bytes());
    let body = |t: &str| t.split_once('\n').unwrap().1.to_owned();
    assert_eq!(body(&thresholds(Some(&k))), body(printed));
    let args = [
        "assess",
        "--ki67",
        "5",
        "--primary",
        "small-intestine",
        "--age",
        "62",
        "--largest-cm",
        "4.2",
        "--format",
        "json",
    ];
    let (_, given_back, _) = run(Some(&k), &args);
    let (_, first, _) = run(reference, &args);
    assert_eq!(given_back, first);
}

#[test]
fn thresholds_given_back_as_knowledge_change_nothing() {
    assert_given_back_changes_nothing(&thresholds(None), None);
}

#[test]
fn thresholds_show_an_institutions_values_and_give_them_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let k = file(
        &dir,
        b"[transplant]\nage_limit = 65\n\n[ablation]\nmax_cm = { value = 4.5, source = \"S15\", note = \"local protocol\" }\n\n[prrt]\nnetter1_sites = [\"small-intestine\", \"pancreas\"]\n",
    );
    let printed = thresholds(Some(&k));
    assert!(
        printed.contains(&format!("with the overrides of {k}.")),
        "{printed}"
    );
    assert!(
        printed.contains("#   built-in: 60\nage_limit = 65\n"),
        "{printed}"
    );
    assert!(
        printed.contains("# local protocol\n#   unit: cm; allowed: a number of at least 0\n#   source: S15 ")
            && printed.contains("#   built-in: 5\nmax_cm = { value = 4.5, source = \"S15\", note = \"local protocol\" }\n"),
        "{printed}"
    );
    assert!(
        printed.contains("netter1_sites = [\"small-intestine\", \"pancreas\"]\n"),
        "{printed}"
    );
    assert_given_back_changes_nothing(&printed, Some(&k));
}

#[test]
fn a_note_on_two_lines_is_printed_as_one_comment() {
    let dir = tempfile::tempdir().unwrap();
    let k = file(
        &dir,
        b"[transplant]\nage_limit = { value = 65, note = \"local\\nprotocol\" }\n",
    );
    let printed = thresholds(Some(&k));
    assert!(printed.contains("\n# local protocol\n"), "{printed}");
    assert!(
        printed.contains(
            "age_limit = { value = 65, source = \"S23\", note = \"local\\u000Aprotocol\" }\n"
        ),
        "{printed}"
    );
    assert_given_back_changes_nothing(&printed, Some(&k));
}
