//! `--knowledge FILE`: an institution's thresholds change the verdicts, are named in every
//! report, and a bad file is refused with the key and value at fault.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use crate::common::{criterion, option};
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
    let mut cmd = crate::common::cmd();
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
        serde_json::json!([{"id": "transplant.age_limit", "builtin": "60", "value": "65",
            "changed": ["value"], "source": null, "note": null}])
    );

    let mut text_args = vec!["assess"];
    text_args.extend(CANDIDATE);
    let (_, text, _) = run(Some(&k), &text_args);
    assert!(text.contains("Institution overrides in force"), "{text}");
    assert!(
        text.contains("transplant.age_limit: 65 (built-in 60; institution policy)"),
        "{text}"
    );
    let (_, text, _) = run(None, &text_args);
    assert!(!text.contains("Institution overrides"));

    let mut md_args = vec!["assess", "--format", "markdown"];
    md_args.extend(CANDIDATE);
    let (_, md, _) = run(Some(&k), &md_args);
    assert!(
        md.contains("| `transplant.age_limit` | 65 (built-in 60; institution policy) |"),
        "{md}"
    );

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
            "institution.toml (line 2, column 13): transplant.age_limit = -5: outside the allowed range 18 to 70 (years); a safety gate: it can be lowered but not raised above 70 years",
        ),
        (
            b"[transplant]\nage_limit = 50\n",
            "institution.toml (line 2): transplant.age_milan_max = 55: must be below transplant.age_limit (50)",
        ),
        (
            b"[grade]\nki67_g2_from = 150\n",
            "institution.toml (line 2, column 16): grade.ki67_g2_from = 150: outside the allowed range 2 to 4 (%); a WHO 2019 cut-off: an institution may move it by at most 1 point",
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
    let out = crate::common::cmd()
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
    let line =
        "\n# Ki-67 at or above this is at least G2\n#   unit: %; allowed: 2 to 4\n#   source: S1 ";
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
    // The same report but for the file it names (`knowledge_file`).
    let report = |knowledge| {
        let (_, out, _) = run(knowledge, &args);
        let mut json: Value = serde_json::from_str(&out).unwrap();
        json["knowledge_file"] = Value::Null;
        json
    };
    assert_eq!(report(Some(&k)), report(reference));
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
        printed.contains("# local protocol\n#   unit: cm; allowed: 1 to 7\n#   source: S15 ")
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

/// The whole report of `args` under the override file `text`, as JSON.
fn report_with(text: &str, args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let k = file(&dir, text.as_bytes());
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, err) = run(Some(&k), &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn an_override_is_compared_and_recorded_exactly() {
    // 3.001 is not 3: Ki-67 3 % becomes G1 under it, and the report says why.
    let report = report_with("[grade]\nki67_g2_from = 3.001\n", &["grade", "--ki67", "3"]);
    assert_eq!(report["grade"]["category"], "net-g1");
    assert_eq!(report["overrides"][0]["id"], "grade.ki67_g2_from");
    assert_eq!(report["overrides"][0]["value"], "3.001");
    assert_eq!(report["overrides"][0]["builtin"], "3");
    // The same value written another way changes nothing and is not reported.
    let same = report_with("[grade]\nki67_g2_from = 3\n", &["grade", "--ki67", "3"]);
    assert_eq!(same["overrides"], serde_json::json!([]));
    // A new source or note alone is recorded too, as such.
    let cited = report_with(
        "[transplant]\nage_limit = { value = 60, source = \"S15\", note = \"local\" }\n",
        &["grade", "--ki67", "3"],
    );
    let o = &cited["overrides"][0];
    assert_eq!(o["changed"], serde_json::json!(["source", "note"]));
    assert_eq!(
        (o["source"].as_str(), o["note"].as_str()),
        (Some("S15"), Some("local"))
    );
}

#[test]
fn every_output_names_the_knowledge_file_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let k = file(&dir, b"[transplant]\nage_limit = 65\n");
    let mut args = vec!["assess"];
    args.extend(CANDIDATE);
    let (_, text, _) = run(Some(&k), &args);
    assert!(
        text.lines().next().unwrap().contains("institution file"),
        "{text}"
    );
    args.extend(["--format", "markdown"]);
    let (_, md, _) = run(Some(&k), &args);
    assert!(md.contains("with institution file"), "{md}");
    assert!(md.contains("## Institution overrides in force"), "{md}");
    let report = report_with("[transplant]\nage_limit = 65\n", &["grade", "--ki67", "3"]);
    assert!(report["knowledge_file"]
        .as_str()
        .unwrap()
        .ends_with("institution.toml"));
    // A file that changes nothing is still named: the reader knows what was in force.
    let other = tempfile::tempdir().unwrap();
    let (_, text, _) = run(Some(&file(&other, b"")), &["grade", "--ki67", "3"]);
    assert!(
        text.contains("every threshold has its built-in value"),
        "{text}"
    );

    // A cohort: each JSON Lines record, each CSV row, and one line on stderr.
    let cohort = dir.path().join("c.csv");
    std::fs::write(&cohort, "id,ki67\na,3\nb,abc\n").unwrap();
    let cohort = cohort.display().to_string();
    for format in ["jsonl", "csv"] {
        let (code, out, err) = run(Some(&k), &["batch", &cohort, "--format", format]);
        assert_eq!(code, 65, "{err}");
        let said: Vec<&str> = err.lines().filter(|l| l.contains("institution")).collect();
        assert_eq!(said.len(), 1, "{err}");
        assert!(
            said[0].contains("institution.toml") && said[0].contains("1 threshold changed"),
            "{err}"
        );
        if format == "jsonl" {
            let records: Vec<Value> = out
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert!(records[0]["report"]["knowledge_file"].is_string(), "{out}");
            // Every record, the refused one too, names the knowledge in force.
            assert!(records[1]["error"].is_object(), "{out}");
            for record in &records {
                let knowledge = record["knowledge"].as_str().unwrap();
                assert!(knowledge.contains("institution.toml"), "{knowledge}");
            }
        } else {
            let mut reader = csv::Reader::from_reader(out.as_bytes());
            let header = reader.headers().unwrap().clone();
            let column = header.iter().position(|h| h == "knowledge").unwrap();
            for row in reader.records() {
                let cell = row.unwrap()[column].to_owned();
                assert!(cell.contains("institution.toml"), "{cell}");
            }
        }
    }
}

#[test]
fn overrides_stay_within_their_declared_range() {
    let cases: [(&str, &str); 6] = [
        // A safety gate can be tightened, never switched off.
        (
            "[performance]\necog_limit = 99\n",
            "performance.ecog_limit = 99: outside the allowed range 2 to 4 (ECOG); ECOG runs 0 to 4",
        ),
        (
            "[grade]\nki67_g3_above = 100\n",
            "grade.ki67_g3_above = 100: outside the allowed range 19 to 21 (%); a WHO 2019 cut-off",
        ),
        (
            "[transplant]\nage_limit = 71\n",
            "transplant.age_limit = 71: outside the allowed range 18 to 70 (years)",
        ),
        (
            "[embolisation]\nliver_burden_limit = 95\n",
            "outside the allowed range 25 to 90 (%)",
        ),
        (
            "[sites]\nthoracic = []\n",
            "sites.thoracic = []: must keep lung",
        ),
        (
            "[sites]\nwhipple_likely = [\"pancreas\"]\n",
            "must keep duodenum",
        ),
    ];
    for (text, needle) in cases {
        let dir = tempfile::tempdir().unwrap();
        let k = file(&dir, text.as_bytes());
        let (code, stdout, stderr) = run(Some(&k), &["grade", "--ki67", "5"]);
        assert_eq!(code, 65, "{text}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains(needle), "{text}: {stderr}");
    }
    // Within the range, a tightened gate is applied.
    let report = report_with(
        "[performance]\necog_limit = 2\n",
        &[
            "assess",
            "--ki67",
            "5",
            "--differentiation",
            "well",
            "--ecog",
            "2",
        ],
    );
    let resection = option(&report, "resection");
    let ecog = criterion(resection, "poor-performance-status").unwrap();
    assert_eq!(ecog["result"], "met");
    // Shown as the institution's policy, never under the guideline's source.
    assert_eq!(ecog["source"], "institution");
}

#[test]
fn sentences_follow_the_values_in_force() {
    let report = report_with(
        "[targeted]\nsunitinib_sites = [\"duodenum\"]\n[transplant]\nage_limit = 65\n",
        &[
            "assess",
            "--ki67",
            "5",
            "--differentiation",
            "well",
            "--primary",
            "duodenum",
        ],
    );
    let sunitinib = option(&report, "sunitinib");
    let site = criterion(sunitinib, "pancreatic-primary").unwrap();
    assert_eq!(site["result"], "met");
    // The list in force, in the reader's words.
    assert_eq!(site["text"], "duodenal primary");
    assert_eq!(site["source"], "institution");
    let text = report.to_string();
    assert!(
        !text.contains("pancreatic primary\",\"result\":\"met"),
        "{text}"
    );
    assert!(
        text.contains("below 65 (institution file; built-in 60)"),
        "{text}"
    );
    // Where it decides, the institution's value is named as such.
    let dir = tempfile::tempdir().unwrap();
    let k = file(
        &dir,
        b"[targeted]\nsunitinib_sites = [\"duodenum\"]\n[performance]\necog_limit = 2\n",
    );
    let args = [
        "assess",
        "--ki67",
        "5",
        "--differentiation",
        "well",
        "--primary",
        "duodenum",
        "--ecog",
        "2",
        "--progression",
        "progressive",
        "--detail",
        "full",
    ];
    let (_, text, _) = run(Some(&k), &args);
    // Text is wrapped: compare it as one line.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for shown in [
        "duodenal primary, institution file (duodenum)",
        "ECOG 2 or worse, institution file (2)",
    ] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
}

#[test]
fn an_added_thoracic_site_is_graded_and_treated_as_thoracic() {
    // One list, read by the grade and the rules alike.
    let report = report_with(
        "[sites]\nthoracic = [\"lung\", \"thymus\", \"other\"]\n",
        &["grade", "--mitoses", "3", "--primary", "other"],
    );
    assert!(
        report["grade"]["classification"]
            .as_str()
            .unwrap()
            .contains("thoracic"),
        "{report}"
    );
}
