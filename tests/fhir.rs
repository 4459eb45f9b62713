//! FHIR R4 out and in, checked with a real FHIR library: every Bundle, Questionnaire and
//! QuestionnaireResponse the tests produce is parsed by the Python `fhir.resources` R4B models
//! (`.ci/run` installs them in a virtual environment; required when CI=true). The round trip
//! questionnaire → filled response → `assess --fhir` → `--format fhir` gives the statuses the
//! same answers give as flags.

use crate::common::{flags, knowledge, BASE};
use netriage::model::{Field, Patient, RawValue};
use netriage::questionnaire::flow::relevant;
use serde_json::{json, Value};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The patients of the round trip: each branch of the questionnaire, symptoms, lists.
const PATIENTS: &[&str] = &[
    "",
    "--primary lung --necrosis yes --ki67 ? --mitoses 4",
    "--differentiation poor --ki67 80 --syndrome carcinoid --prior ssa,prrt --progression progressive",
    "--lesions 1 --pattern simple --resectable yes --stable-months ?",
    "--ki67 30 --differentiation ? --ecog 3 --age 80 --syndrome insulinoma",
    "--primary small-intestine --prior none --progression progressive --liver-burden 60 --bilobar no",
    "--primary unknown --sstr negative --extrahepatic yes --liver-function impaired",
];

/// The interpreter of the environment with `fhir.resources`, or `None` (outside CI) when it is
/// not installed.
fn python() -> Option<PathBuf> {
    let path = std::env::var_os("NETRIAGE_FHIR_PYTHON").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fhir-venv/bin/python"),
        PathBuf::from,
    );
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").map_or(true, |v| v != "true"),
        "CI: {} missing (.ci/run installs fhir.resources there)",
        path.display()
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: no Python with fhir.resources at {} (run .ci/run, or set NETRIAGE_FHIR_PYTHON)",
        path.display()
    );
    None
}

/// Parses every file with fhir.resources; fails naming the first invalid resource.
fn validate(files: &[PathBuf]) {
    let Some(python) = python() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fhir_validate.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .args(files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "fhir.resources refused a resource:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.lines().count() >= files.len(), "{stdout}");
}

fn run(args: &[String]) -> (i32, Vec<u8>, String) {
    let out = crate::common::cmd()
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

fn ok_json(args: &[String]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_slice(&stdout).unwrap()
}

fn questionnaire() -> Value {
    ok_json(&words("questionnaire --format fhir"))
}

/// (field name, value as typed) of a flag list.
fn pairs(args: &[String]) -> Vec<(String, String)> {
    args.chunks(2)
        .map(|p| (p[0].trim_start_matches("--").to_owned(), p[1].clone()))
        .collect()
}

/// Whether an item's `enableWhen` holds for the answers so far (as a form filler decides).
fn enabled(item: &Value, given: &[(String, String)]) -> bool {
    let Some(conditions) = item["enableWhen"].as_array() else {
        return true;
    };
    let holds = |c: &Value| {
        let answer = given
            .iter()
            .find(|(f, _)| c["question"] == f.as_str())
            .map(|(_, v)| v.as_str());
        match (c["operator"].as_str(), answer) {
            (Some("="), Some(v)) => c["answerCoding"]["code"] == v,
            // A repeating answer: any listed code other than the one named.
            (Some("!="), Some(v)) if c.get("answerInteger").is_some() => {
                v.parse::<f64>().unwrap() != c["answerInteger"].as_f64().unwrap()
            }
            (Some("!="), Some(v)) => v.split(',').any(|a| c["answerCoding"]["code"] != a),
            (Some("exists"), answer) => c["answerBoolean"] == answer.is_some(),
            (Some(">"), Some(v)) => {
                v.parse::<f64>().unwrap() > c["answerInteger"].as_f64().unwrap()
            }
            _ => false,
        }
    };
    if item["enableBehavior"] == "any" {
        conditions.iter().any(holds)
    } else {
        conditions.iter().all(holds)
    }
}

/// Fills the questionnaire with `given`, item by item, by each item's type and answer options;
/// returns the response and the answers it holds (disabled items are left out).
fn fill(q: &Value, given: &[(String, String)]) -> (Value, Vec<(String, String)>) {
    let mut kept = Vec::new();
    let mut groups = Vec::new();
    for group in q["item"].as_array().unwrap() {
        let mut items = Vec::new();
        for item in group["item"].as_array().unwrap() {
            let link = item["linkId"].as_str().unwrap();
            let Some((_, value)) = given.iter().find(|(f, _)| f == link) else {
                continue;
            };
            if !enabled(item, given) {
                continue;
            }
            let answers: Vec<Value> = match item["type"].as_str().unwrap() {
                "decimal" => vec![json!({ "valueDecimal": value.parse::<f64>().unwrap() })],
                "integer" => vec![json!({ "valueInteger": value.parse::<u64>().unwrap() })],
                "boolean" => vec![json!({ "valueBoolean": value == "yes" })],
                "choice" => value
                    .split(',')
                    .map(|word| {
                        let option = item["answerOption"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|o| o["valueCoding"]["code"] == word)
                            .unwrap_or_else(|| panic!("{link}: no answer option {word}"));
                        json!({ "valueCoding": option["valueCoding"] })
                    })
                    .collect(),
                other => panic!("{link}: item type {other}"),
            };
            kept.push((link.to_owned(), value.clone()));
            items.push(json!({ "linkId": link, "text": item["text"], "answer": answers }));
        }
        if !items.is_empty() {
            groups.push(json!({ "linkId": group["linkId"], "text": group["text"], "item": items }));
        }
    }
    let response = json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{}|{}", q["url"].as_str().unwrap(), q["version"].as_str().unwrap()),
        "status": "completed",
        "item": groups,
    });
    (response, kept)
}

/// (stage, option, status) of every option of a JSON report.
fn statuses_of_report(report: &Value) -> Vec<(String, String, String)> {
    let mut all = Vec::new();
    for stage in report["stages"].as_array().unwrap() {
        for o in stage["options"].as_array().unwrap() {
            all.push((
                stage["id"].as_str().unwrap().to_owned(),
                o["id"].as_str().unwrap().to_owned(),
                o["status"].as_str().unwrap().to_owned(),
            ));
        }
    }
    all
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// (stage, option, status) of every action of a Bundle's RequestGroup.
fn statuses_of_bundle(bundle: &Value) -> Vec<(String, String, String)> {
    let groups = resources(bundle, "RequestGroup");
    assert_eq!(groups.len(), 1);
    let mut all = Vec::new();
    for stage in groups[0]["action"].as_array().unwrap() {
        let stage_id = stage["code"][0]["coding"][0]["code"].as_str().unwrap();
        for o in stage["action"].as_array().unwrap() {
            all.push((
                stage_id.to_owned(),
                o["code"][0]["coding"][0]["code"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                o["code"][1]["coding"][0]["code"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            ));
        }
    }
    all
}

fn write(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    path
}

#[test]
fn round_trip_through_the_questionnaire_gives_the_statuses_of_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let q = questionnaire();
    let mut files = vec![write(dir.path(), "questionnaire.json", &q)];
    for (i, changes) in PATIENTS.iter().enumerate() {
        let (response, kept) = fill(&q, &pairs(&flags(BASE, changes)));
        let file = write(dir.path(), &format!("response-{i}.json"), &response);
        let as_flags: Vec<String> = kept
            .iter()
            .flat_map(|(f, v)| [format!("--{f}"), v.clone()])
            .collect();
        let mut by_flags = vec!["assess".to_owned()];
        by_flags.extend(as_flags.iter().cloned());
        by_flags.extend(words("--format json"));
        let expected = ok_json(&by_flags);
        let path = file.display().to_string();
        let bundle = ok_json(&[
            "assess".into(),
            "--fhir".into(),
            path.clone(),
            "--format".into(),
            "fhir".into(),
        ]);
        assert_eq!(
            statuses_of_bundle(&bundle),
            statuses_of_report(&expected),
            "patient {i} [{changes}]"
        );
        // The answers read back are exactly the flags'.
        let report = ok_json(&[
            "assess".into(),
            "--fhir".into(),
            path,
            "--format".into(),
            "json".into(),
        ]);
        assert_eq!(report["patient"], expected["patient"], "patient {i}");
        files.push(file);
        files.push(write(dir.path(), &format!("bundle-{i}.json"), &bundle));
    }
    validate(&files);
}

#[test]
fn a_bundle_read_back_gives_the_same_patient() {
    for changes in PATIENTS {
        let args = flags(BASE, changes);
        let mut fhir = vec!["assess".to_owned()];
        fhir.extend(args.iter().cloned());
        fhir.extend(words("--format fhir"));
        let bundle = ok_json(&fhir);
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "bundle.json", &bundle)
            .display()
            .to_string();
        let back = ok_json(&[
            "assess".into(),
            "--fhir".into(),
            path,
            "--format".into(),
            "json".into(),
        ]);
        let mut json = vec!["assess".to_owned()];
        json.extend(args);
        json.extend(words("--format json"));
        assert_eq!(back["patient"], ok_json(&json)["patient"], "[{changes}]");
    }
}

#[test]
fn flags_override_the_fhir_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (response, _) = fill(&questionnaire(), &pairs(&flags(BASE, "")));
    let path = write(dir.path(), "r.json", &response).display().to_string();
    let report = ok_json(&[
        "assess".into(),
        "--fhir".into(),
        path.clone(),
        "--ki67".into(),
        "30".into(),
        "--format".into(),
        "json".into(),
    ]);
    assert_eq!(report["patient"]["ki67"], 30.0);
    assert_eq!(report["patient"]["primary"], "pancreas");
    let (code, _, stderr) = run(&[
        "assess".into(),
        "--fhir".into(),
        path.clone(),
        "--profile".into(),
        path,
    ]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn the_questionnaire_follows_the_question_table() {
    let q = questionnaire();
    let groups = q["item"].as_array().unwrap();
    let sections = netriage::questionnaire::question::SECTIONS;
    assert_eq!(groups.len(), sections.len());
    let mut seen = Vec::new();
    for (group, (title, fields)) in groups.iter().zip(sections) {
        assert_eq!(group["text"], *title);
        let items = group["item"].as_array().unwrap();
        assert_eq!(items.len(), fields.len(), "{title}");
        for (item, field) in items.iter().zip(fields.iter()) {
            assert_eq!(item["linkId"], field.name());
            assert_eq!(item["text"], field.label());
            seen.push(*field);
        }
    }
    seen.sort();
    assert_eq!(seen, Field::ALL.to_vec());
    let item = |name: &str| {
        groups
            .iter()
            .flat_map(|g| g["item"].as_array().unwrap())
            .find(|i| i["linkId"] == name)
            .unwrap()
            .clone()
    };
    let ki67 = item("ki67");
    assert_eq!(ki67["type"], "decimal");
    let ext = ki67["extension"].to_string();
    for part in ["minValue", "maxValue", "100", "questionnaire-unit", "\"%\""] {
        assert!(ext.contains(part), "{part}: {ext}");
    }
    assert_eq!(item("ecog")["code"][0]["code"], "89247-1");
    assert_eq!(item("prior")["repeats"], true);
    assert_eq!(item("bilobar")["type"], "boolean");
    let primaries: Vec<String> = item("primary")["answerOption"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["valueCoding"]["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(primaries.len(), netriage::model::Primary::ALL.len());
}

/// The questionnaire's enableWhen asks exactly what the terminal questionnaire asks.
#[test]
fn enable_when_matches_the_terminal_branching() {
    let q = questionnaire();
    let items: Vec<Value> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["item"].as_array().unwrap().clone())
        .collect();
    for changes in PATIENTS.iter().chain(&[
        "--primary thymus",
        "--lesions 2",
        "--progression stable",
        "--primary ?",
    ]) {
        let given = pairs(&flags(BASE, changes));
        let mut p = Patient::default();
        for (f, v) in &given {
            p.set(Field::from_name(f).unwrap(), &RawValue::Text(v.clone()))
                .unwrap();
        }
        for item in &items {
            let field = Field::from_name(item["linkId"].as_str().unwrap()).unwrap();
            assert_eq!(
                enabled(item, &given),
                relevant(&p, field, &knowledge()),
                "{field} [{changes}]"
            );
        }
    }
}

#[test]
fn what_is_not_netriages_is_refused_with_exit_65_saying_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let q = questionnaire();
    let (mut foreign, _) = fill(&q, &pairs(&flags(BASE, "")));
    foreign["questionnaire"] = json!("http://example.org/Questionnaire/phq-9");
    let (mut out_of_range, _) = fill(&q, &pairs(&flags(BASE, "")));
    out_of_range["item"][0]["item"][2]["answer"][0]["valueDecimal"] = json!(140);
    let (mut unknown_item, _) = fill(&q, &pairs(&flags(BASE, "")));
    unknown_item["item"][0]["item"][0]["linkId"] = json!("weight");
    let cases = [
        (foreign, "phq-9"),
        (
            json!({ "resourceType": "Patient", "id": "x" }),
            "found a Patient",
        ),
        (
            out_of_range,
            "item ki67: invalid value '140' for ki67: expected a number from 0 to 100",
        ),
        (unknown_item, "unknown item 'weight'"),
        (
            json!({ "resourceType": "Bundle", "type": "collection", "entry": [{ "resource": {
                "resourceType": "Observation", "status": "final",
                "code": { "coding": [{ "system": "http://loinc.org", "code": "8302-2" }] },
                "valueQuantity": { "value": 170, "unit": "cm" } } }] }),
            "code netriage does not know",
        ),
        (
            json!({ "resourceType": "Bundle", "type": "collection", "entry": [{ "resource": {
                "resourceType": "Observation", "status": "final",
                "code": { "coding": [{ "system": "https://w3id.org/netriage/fhir/CodeSystem/observation", "code": "largest-cm" }] },
                "valueQuantity": { "value": 25, "unit": "mm", "system": "http://unitsofmeasure.org", "code": "mm" } } }] }),
            "unit 'mm' where largest-cm takes UCUM 'cm'",
        ),
        (
            json!({ "resourceType": "Bundle", "type": "collection", "entry": [{ "resource": {
                "resourceType": "MedicationStatement", "status": "active" } }] }),
            "entry 1: found a MedicationStatement",
        ),
        (
            json!({ "resourceType": "Bundle", "type": "collection", "entry": [{ "resource": {
                "resourceType": "Observation", "status": "entered-in-error",
                "code": { "coding": [{ "system": "http://loinc.org", "code": "89247-1" }] },
                "valueInteger": 1 } }] }),
            "entry 1 (Observation ecog) has status entered-in-error",
        ),
    ];
    for (i, (resource, expected)) in cases.into_iter().enumerate() {
        let path = write(dir.path(), &format!("bad-{i}.json"), &resource)
            .display()
            .to_string();
        let (code, stdout, stderr) = run(&["assess".into(), "--fhir".into(), path]);
        assert_eq!(code, 65, "{expected}: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(expected),
            "expected '{expected}' in: {stderr}"
        );
    }
    let (code, _, _) = run(&words("assess --fhir /nonexistent/response.json"));
    assert_eq!(code, 66);
}

#[test]
fn cohorts_of_fhir_resources_in_and_bundles_out() {
    let dir = tempfile::tempdir().unwrap();
    let q = questionnaire();
    let mut lines = Vec::new();
    for changes in PATIENTS {
        let (response, _) = fill(&q, &pairs(&flags(BASE, changes)));
        lines.push(response.to_string());
    }
    lines.push(json!({ "resourceType": "Patient", "id": "p" }).to_string());
    lines.push("{not json".to_owned());
    let input = dir.path().join("cohort.ndjson");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let input = input.display().to_string();
    let (code, stdout, stderr) = run(&[
        "batch".into(),
        input.clone(),
        "--input".into(),
        "fhir-ndjson".into(),
    ]);
    assert_eq!(code, 65, "{stderr}");
    let records: Vec<Value> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), lines.len());
    for (i, record) in records.iter().enumerate() {
        crate::schema::assert_valid(netriage::schema::Document::BatchRecord, record, "record");
        assert_eq!(
            record.get("error").is_some(),
            i >= PATIENTS.len(),
            "{record}"
        );
    }
    assert!(records[PATIENTS.len()]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("found a Patient"));
    let (code, stdout, _) = run(&[
        "batch".into(),
        input,
        "--input".into(),
        "fhir-ndjson".into(),
        "--format".into(),
        "fhir-ndjson".into(),
    ]);
    assert_eq!(code, 65);
    let out = dir.path().join("out.ndjson");
    std::fs::write(&out, &stdout).unwrap();
    let kinds: Vec<String> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["resourceType"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut expected = vec!["Bundle".to_owned(); PATIENTS.len()];
    expected.extend(["OperationOutcome".to_owned(), "OperationOutcome".to_owned()]);
    assert_eq!(kinds, expected);
    validate(&[out]);
}

#[test]
fn every_fhir_output_parses_with_fhir_resources() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![write(dir.path(), "questionnaire.json", &questionnaire())];
    let with_overrides = dir.path().join("k.toml");
    std::fs::write(&with_overrides, "[grade]\nki67_g2_from = 2.5\n").unwrap();
    let knowledge = with_overrides.display().to_string();
    for (i, changes) in PATIENTS.iter().enumerate() {
        let mut args = vec![
            "--knowledge".to_owned(),
            knowledge.clone(),
            "assess".to_owned(),
        ];
        args.extend(flags(BASE, changes));
        args.extend(words("--format fhir"));
        let bundle = ok_json(&args);
        let provenance = resources(&bundle, "Provenance");
        let named = provenance[0].to_string();
        assert!(
            named.contains("grade.ki67_g2_from") && named.contains("knowledge"),
            "{named}"
        );
        files.push(write(dir.path(), &format!("assess-{i}.json"), &bundle));
    }
    for grade in [
        "--ki67 12",
        "--ki67 30 --differentiation poor --primary lung --mitoses 12",
        "--mitoses 1 --primary thymus --necrosis no",
    ] {
        let mut args = words("grade");
        args.extend(words(grade));
        args.extend(words("--format fhir"));
        let bundle = ok_json(&args);
        assert!(resources(&bundle, "RequestGroup").is_empty());
        assert_eq!(resources(&bundle, "Condition").len(), 1);
        files.push(write(
            dir.path(),
            &format!("grade-{}.json", files.len()),
            &bundle,
        ));
    }
    let cohort = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed.csv");
    let (_, stdout, _) = run(&[
        "batch".into(),
        cohort.display().to_string(),
        "--format".into(),
        "fhir-ndjson".into(),
    ]);
    let ndjson = dir.path().join("cohort.ndjson");
    std::fs::write(&ndjson, stdout).unwrap();
    files.push(ndjson);
    validate(&files);
}

#[test]
fn a_bundle_holds_one_observation_per_answer_and_no_identity() {
    let bundle = ok_json(&{
        let mut a = vec!["assess".to_owned()];
        a.extend(flags(BASE, ""));
        a.extend(words("--format fhir"));
        a
    });
    assert_eq!(bundle["type"], "collection");
    let observations = resources(&bundle, "Observation");
    assert_eq!(observations.len(), pairs(&flags(BASE, "")).len());
    assert!(resources(&bundle, "Patient").is_empty());
    for entry in bundle["entry"].as_array().unwrap() {
        assert!(entry["fullUrl"].as_str().unwrap().starts_with("urn:uuid:"));
        if let Some(subject) = entry["resource"].get("subject") {
            assert_eq!(subject["reference"], "Patient/placeholder");
        }
    }
    let condition = resources(&bundle, "Condition")[0];
    assert_eq!(
        condition["stage"][0]["summary"]["coding"][0]["code"],
        "net-g2"
    );
    assert_eq!(condition["bodySite"][0]["coding"][1]["code"], "15776009");
    let ecog = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "89247-1")
        .unwrap();
    assert_eq!(ecog["valueInteger"], 0);
    assert_eq!(
        resources(&bundle, "Provenance")[0]["recorded"],
        "2023-11-14T22:13:20Z"
    );
}

#[test]
fn docs_map_every_field_to_its_fhir_element() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fhir.md"))
        .unwrap();
    for field in Field::ALL {
        assert!(
            docs.contains(&format!("| `{}` |", field.name())),
            "docs/fhir.md has no row for {field}"
        );
    }
}

#[test]
fn treated_without_the_treatments_named_is_refused_not_read_as_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bundle.json");
    let obs = "https://w3id.org/netriage/fhir/CodeSystem/observation";
    std::fs::write(
        &file,
        format!(
            r#"{{"resourceType":"Bundle","type":"collection","entry":[{{"resource":{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"{obs}","code":"prior"}}]}},"valueBoolean":true}}}}]}}"#
        ),
    )
    .unwrap();
    let out = crate::common::cmd()
        .args(["assess", "--ki67", "5", "--fhir"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("without a component naming the treatment"),
        "{err}"
    );
}

/// Three Bundles snapshotted as printed (tests/snapshots/fhir/), between them every kind of
/// Observation value (a decimal with and without a UCUM code, a whole number with a unit and
/// without, yes/no, a word with and without a SNOMED site, a list of treatments and `none`),
/// institution overrides in the Provenance, and a grade's Bundle. The Bundle is written from
/// typed structs whose field order must reproduce the sorted keys it has always had: these
/// bytes were first written by the serde_json `Value` builder the structs replaced, so a field
/// declared out of order, a key written where it was left out, or a changed id shows here.
#[test]
fn bundles_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let overrides = dir.path().join("k.toml");
    std::fs::write(
        &overrides,
        "[grade]\nki67_g2_from = 2.5\n[transplant]\nage_limit = 65\n",
    )
    .unwrap();
    let mut overridden = vec![
        "--knowledge".to_owned(),
        overrides.display().to_string(),
        "assess".to_owned(),
    ];
    overridden.extend(flags(BASE, "--prior ssa,prrt --mitoses 1"));
    let cases = [
        ("assess_overrides", overridden),
        (
            "assess_nec",
            words("assess --differentiation poor --ki67 80 --primary other --syndrome carcinoid"),
        ),
        (
            "grade",
            words("grade --ki67 30 --differentiation poor --primary lung --mitoses 12"),
        ),
    ];
    for (name, mut args) in cases {
        args.extend(words("--format fhir"));
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let bundle = String::from_utf8(stdout).unwrap();
        crate::common::expect_file(&format!("tests/snapshots/fhir/{name}.json"), &bundle);
    }
}
