//! The JSON Schemas: schema/ holds what `netriage schema` prints (rewrite the files with
//! `NETRIAGE_BLESS=1 cargo test schema`), and real outputs validate against them with a real
//! validator (the `jsonschema` crate): README examples, every report the rule tables read
//! (through `common::report` and `common::json`), random patients, cohort records and error records.

use netriage::cohort::{Record, Row, RowError};
use netriage::eligibility::Detail;
use netriage::knowledge::Knowledge;
use netriage::model::{Field, Patient, RawValue};
use netriage::pathway;
use netriage::schema::{self, Document};
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn committed(doc: Document) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(doc.file())
}

fn validator(doc: Document) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<Vec<jsonschema::Validator>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        Document::ALL
            .iter()
            .map(|d| jsonschema::validator_for(&schema::generate(*d)).expect("a valid schema"))
            .collect()
    });
    let i = Document::ALL.iter().position(|d| *d == doc).unwrap();
    &all[i]
}

/// Panics, naming `what` and every error, unless `value` is valid against `doc`'s schema.
pub fn assert_valid(doc: Document, value: &Value, what: &str) {
    let errors: Vec<String> = validator(doc)
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: not valid against {}:\n{}",
        doc.file(),
        errors.join("\n")
    );
}

fn is_valid(doc: Document, value: &Value) -> bool {
    validator(doc).is_valid(value)
}

fn k() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().unwrap())
}

#[test]
fn committed_schemas_are_current() {
    let bless = crate::common::blessing();
    let mut stale = Vec::new();
    for doc in Document::ALL {
        let mut fresh = Vec::new();
        schema::write(doc, &mut fresh).unwrap();
        let path = committed(doc);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(fresh.as_slice()) {
            stale.push(doc.file());
        }
    }
    assert!(
        stale.is_empty(),
        "schema/{stale:?} out of date with the types: run `NETRIAGE_BLESS=1 cargo test schema` and commit them"
    );
}

#[test]
fn the_command_prints_each_committed_schema_with_its_version_in_its_id() {
    for doc in Document::ALL {
        let out = crate::common::cmd()
            .args(["schema", doc.name()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", doc.name());
        assert!(out.stderr.is_empty());
        assert_eq!(out.stdout, std::fs::read(committed(doc)).unwrap());
        let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            printed["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let id = printed["$id"].as_str().unwrap();
        assert!(id.contains("/schema/1/"), "{id}");
        assert!(id.ends_with(&doc.file()), "{id}");
    }
    let out = crate::common::cmd().arg("schema").output().unwrap();
    assert_eq!(
        out.stdout,
        std::fs::read(committed(Document::Report)).unwrap()
    );
    let out = crate::common::cmd()
        .args(["schema", "cohort"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_schemas_refuse_what_netriage_would_never_write() {
    let report = crate::common::assess("");
    assert_valid(Document::Report, &report, "base");
    let mut wrong_version = report.clone();
    wrong_version["schema_version"] = 2.into();
    assert!(!is_valid(Document::Report, &wrong_version));
    let mut bad_status = report.clone();
    bad_status["stages"][0]["options"][0]["status"] = "maybe".into();
    assert!(!is_valid(Document::Report, &bad_status));
    let mut bad_ki67 = report.clone();
    bad_ki67["patient"]["ki67"] = 140.into();
    assert!(!is_valid(Document::Report, &bad_ki67));
    let mut missing = report.clone();
    missing.as_object_mut().unwrap().remove("grade");
    assert!(!is_valid(Document::Report, &missing));
    // An unknown answer is written as null, never left out.
    let mut left_out = report;
    left_out["patient"].as_object_mut().unwrap().remove("ki67");
    assert!(!is_valid(Document::Report, &left_out));
}

#[test]
fn warnings_detail_repeats_the_warnings_as_text_and_source() {
    let report = crate::common::assess_only("--ki67 0.5 --differentiation well");
    let lines = report["warnings"].as_array().unwrap();
    let detail = report["warnings_detail"].as_array().unwrap();
    assert!(!lines.is_empty());
    assert_eq!(lines.len(), detail.len());
    for (line, d) in lines.iter().zip(detail) {
        let (text, source) = (d["text"].as_str().unwrap(), d["source"].as_str().unwrap());
        let expected = if source.is_empty() {
            text.to_owned()
        } else {
            format!("{text} [{source}]")
        };
        assert_eq!(line.as_str().unwrap(), expected);
    }
}

/// The README's example commands, run with `--format json`, and its profile, validate.
#[test]
fn readme_examples_validate() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut commands = Vec::new();
    let mut joined = String::new();
    for line in readme.lines() {
        let line = line.trim_start_matches("$ ").trim();
        if joined.is_empty()
            && !(line.starts_with("netriage assess") || line.starts_with("netriage grade"))
        {
            continue;
        }
        joined.push_str(line.trim_end_matches('\\'));
        joined.push(' ');
        if !line.ends_with('\\') {
            commands.push(std::mem::take(&mut joined));
        }
    }
    let mut checked = 0;
    for command in &commands {
        let command = command.split('|').next().unwrap();
        let words: Vec<&str> = command.split_whitespace().collect();
        let mut args: Vec<String> = Vec::new();
        let mut skip = false;
        for w in &words[1..] {
            if skip {
                skip = false;
            } else if *w == "--format" || *w == "--detail" {
                // The full JSON report is what the report schema describes.
                skip = true;
            } else {
                args.push((*w).to_owned());
            }
        }
        args.extend(["--format".to_owned(), "json".to_owned()]);
        let out = crate::common::cmd().args(&args).output().unwrap();
        if !out.status.success() {
            continue; // an example of a refusal
        }
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        let doc = if args[0] == "grade" {
            Document::Grade
        } else {
            Document::Report
        };
        assert_valid(doc, &value, command);
        checked += 1;
    }
    assert!(
        checked >= 3,
        "only {checked} README commands checked: {commands:?}"
    );
    let mut profiles = 0;
    for block in readme.split("```toml").skip(1) {
        let text = block.split("```").next().unwrap();
        let table: toml::Table = text.parse().unwrap();
        // A table of sections is an institution's overrides; flat keys, a profile.
        let doc = if table.values().all(toml::Value::is_table) {
            Document::Knowledge
        } else {
            profiles += 1;
            Document::Profile
        };
        let value = serde_json::to_value(table).unwrap();
        assert_valid(doc, &value, text);
    }
    assert!(profiles >= 1);
    // Whole cohort records shown in the README (an abridged one, with "…", is skipped).
    let mut records = 0;
    for block in readme.split("```json").skip(1) {
        for line in block.split("```").next().unwrap().lines() {
            if line.starts_with("{\"row\"") && !line.contains('…') {
                let value: Value = serde_json::from_str(line).unwrap();
                assert_valid(Document::BatchRecord, &value, line);
                records += 1;
            }
        }
    }
    assert!(records >= 1);
}

#[test]
fn knowledge_files_validate_and_bad_ones_do_not() {
    let good: toml::Table =
        "[grade]\nki67_g2_from = 2.5\nki67_g3_above = { value = 21.0, source = \"S1\" }\n\
        [prrt]\nnetter1_sites = [\"small-intestine\", \"pancreas\"]\n"
            .parse()
            .unwrap();
    let good = serde_json::to_value(good).unwrap();
    assert_valid(Document::Knowledge, &good, "overrides");
    assert!(netriage::knowledge::Knowledge::with_overrides(
        "k.toml",
        "[grade]\nki67_g2_from = 2.5\nki67_g3_above = { value = 21.0, source = \"S1\" }\n[prrt]\nnetter1_sites = [\"small-intestine\", \"pancreas\"]\n"
    )
    .is_ok());
    for bad in [
        "[grade]\nki67_g2_frm = 2.5\n",
        "[grades]\nki67_g2_from = 2.5\n",
        "[grade]\nki67_g2_from = { value = 2.5, unit = \"cm\" }\n",
        "[prrt]\nnetter1_sites = [\"liver\"]\n",
        // Out of the range the loader enforces, in both forms.
        "[performance]\necog_limit = 5\n",
        "[performance]\necog_limit = { value = 1.0 }\n",
    ] {
        let value = serde_json::to_value(bad.parse::<toml::Table>().unwrap()).unwrap();
        assert!(!is_valid(Document::Knowledge, &value), "{bad}");
        assert!(
            netriage::knowledge::Knowledge::with_overrides("k.toml", bad).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn a_cohort_run_validates_line_by_line_error_records_included() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed.csv");
    let out = crate::common::cmd()
        .arg("batch")
        .arg(&fixture)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let (mut reports, mut errors) = (0, 0);
    for line in text.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        assert_valid(Document::BatchRecord, &value, line);
        if value.get("error").is_some() {
            errors += 1;
        } else {
            reports += 1;
        }
    }
    assert!(
        reports > 0 && errors > 0,
        "{reports} reports, {errors} errors"
    );
}

/// A raw answer for `field`: any of a field's words or numbers, valid or not.
fn raw(field: Field, pick: u32, number: f64) -> RawValue {
    use netriage::model::Domain;
    match field.domain() {
        Domain::Choice(names) => RawValue::Text(
            names
                .get(pick as usize % (names.len() + 1))
                .map_or("maybe", |n| *n)
                .to_owned(),
        ),
        Domain::YesNo => RawValue::Bool(pick % 2 == 0),
        Domain::Treatments => {
            RawValue::Text(["none", "ssa,prrt", "tace", "chemo"][pick as usize % 4].to_owned())
        }
        Domain::Decimal { .. } | Domain::Whole { .. } => RawValue::Number(if pick % 3 == 0 {
            number.round()
        } else {
            number
        }),
    }
}

fn answers() -> impl Strategy<Value = Vec<(Field, RawValue)>> {
    let answer = prop::option::weighted(0.7, (any::<u32>(), -5.0..130.0f64));
    prop::collection::vec(answer, Field::ALL.len()).prop_map(|answers| {
        Field::ALL
            .into_iter()
            .zip(answers)
            .filter_map(|(f, a)| a.map(|(pick, n)| (f, raw(f, pick, n))))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Random patients: their report, grade report, cohort record (or error record) and
    /// profile all validate.
    #[test]
    fn every_output_of_random_patients_validates(answers in answers()) {
        let row = Row { number: 7, line: Some(7), id: Some("p7".into()), answers: Ok(answers.clone()) };
        match row.patient() {
            Ok(p) => {
                if let Ok(report) = pathway::assess(&p, k()) {
                    let value = serde_json::to_value(&report).unwrap();
                    prop_assert!(is_valid(Document::Report, &value), "{}", value);
                    let record = Record::Assessed { row: 7, id: Some("p7"), knowledge: "2026.11.2", report: &report };
                    prop_assert!(is_valid(Document::BatchRecord, &serde_json::to_value(&record).unwrap()));
                }
                if let Ok(grade) = pathway::grade_only(&p, k()) {
                    prop_assert!(is_valid(Document::Grade, &serde_json::to_value(&grade).unwrap()));
                }
                let profile: toml::Table = netriage::profile::to_toml(&p).parse().unwrap();
                prop_assert!(is_valid(Document::Profile, &serde_json::to_value(profile).unwrap()));
                if let Err(error) = row.assess(k(), Detail::Statuses) {
                    check_error(&error)?;
                }
            }
            Err(error) => check_error(&error)?,
        }
    }
}

fn flag_text(value: &RawValue) -> String {
    match value {
        RawValue::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// The same random patients through the binary, in every JSON format it writes: `assess`,
    /// `grade` and a `batch` record (a report or an error record), each valid when it succeeds.
    #[test]
    fn the_binary_writes_valid_json_in_every_format(answers in answers()) {
        let mut flags = Vec::new();
        let mut row = serde_json::Map::new();
        for (field, value) in &answers {
            flags.push(format!("--{}", field.name()));
            flags.push(flag_text(value));
            row.insert(field.name().to_owned(), Value::String(flag_text(value)));
        }
        let pathology: Vec<String> = flags
            .chunks(2)
            .filter(|p| ["--ki67", "--mitoses", "--differentiation", "--primary", "--necrosis"].contains(&p[0].as_str()))
            .flatten()
            .cloned()
            .collect();
        for (command, doc, args) in [
            ("assess", Document::Report, &flags),
            ("grade", Document::Grade, &pathology),
        ] {
            let out = crate::common::cmd()
                .arg(command)
                .args(args)
                .args(["--format", "json"])
                .output()
                .unwrap();
            if out.status.success() {
                let value: Value = serde_json::from_slice(&out.stdout).unwrap();
                prop_assert!(is_valid(doc, &value), "{command} {args:?}");
            } else {
                prop_assert_eq!(out.status.code(), Some(2));
            }
        }
        let out = crate::common::cmd()
            .args(["batch", "-"])
            .write_stdin(Value::Object(row).to_string() + "\n")
            .output()
            .unwrap();
        let record: Value = serde_json::from_slice(&out.stdout).unwrap();
        prop_assert!(is_valid(Document::BatchRecord, &record), "{}", record);
        prop_assert_eq!(record.get("error").is_some(), out.status.code() == Some(65));
    }
}

fn check_error(error: &RowError) -> Result<(), TestCaseError> {
    for (id, line) in [(None, None), (Some("p7"), Some(9))] {
        let record: Record<'_> = Record::Refused {
            row: 7,
            line,
            id,
            knowledge: "2026.11.2",
            error,
        };
        prop_assert!(is_valid(
            Document::BatchRecord,
            &serde_json::to_value(&record).unwrap()
        ));
    }
    Ok(())
}

#[test]
fn malformed_and_nothing_to_grade_records_validate() {
    for error in [
        RowError::malformed("the line is not a JSON object"),
        RowError::unknown_column("weight", "80"),
    ] {
        let record: Record<'_> = Record::Refused {
            row: 1,
            line: Some(1),
            id: None,
            knowledge: "2026.11.2",
            error: &error,
        };
        assert_valid(
            Document::BatchRecord,
            &serde_json::to_value(&record).unwrap(),
            &error.message,
        );
    }
    let p = Patient::default();
    assert!(pathway::assess(&p, k()).is_err());
}
