//! Profiles: `assess --profile` against the real binary (round trip, flags over the file, exit
//! 65/66 with the file, key, value and range named) and `profile::save` (atomic, 0600, no
//! overwrite without force, no symlink followed).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use netriage::exit;
use netriage::model::{Field, Patient, RawValue};
use netriage::profile;
use std::fs;
use std::path::Path;
use std::time::Duration;

const FLAGS: &[&str] = &[
    "--ki67",
    "12",
    "--differentiation",
    "well",
    "--primary",
    "pancreas",
    "--primary-resected",
    "yes",
    "--lesions",
    "3",
    "--pattern",
    "complex",
    "--prior",
    "ssa,tace",
    "--sstr",
    "positive",
];

const PROFILE: &str = "ki67 = 12\ndifferentiation = \"well\"\nprimary = \"Pancreas\"\n\
primary-resected = true\nlesions = 3\npattern = \"complex\"\nprior = [\"ssa\", \"tace\"]\nsstr = \"positive\"\n";

fn netriage() -> Command {
    let mut cmd = crate::common::cmd();
    cmd.timeout(Duration::from_secs(20)).env("NO_COLOR", "1");
    cmd
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = netriage().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_profile_gives_the_same_report_as_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.toml", PROFILE.as_bytes());
    let mut by_flags = vec!["assess", "--format", "json"];
    by_flags.extend_from_slice(FLAGS);
    assert_eq!(
        json(&["assess", "--profile", &path, "--format", "json"]),
        json(&by_flags)
    );
}

#[test]
fn an_empty_prior_list_means_known_untreated_and_a_missing_one_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let none = json(&[
        "assess", "--ki67", "3", "--prior", "none", "--format", "json",
    ]);
    assert_eq!(none["patient"]["prior"], serde_json::json!([]));
    let cases: [(&[u8], serde_json::Value); 3] = [
        (b"ki67 = 3\nprior = []\n", serde_json::json!([])),
        (b"ki67 = 3\nprior = \"none\"\n", serde_json::json!([])),
        (b"ki67 = 3\n", serde_json::Value::Null),
    ];
    for (text, prior) in cases {
        let path = write(dir.path(), "p.toml", text);
        let report = json(&["assess", "--profile", &path, "--format", "json"]);
        assert_eq!(
            report["patient"]["prior"],
            prior,
            "{}",
            String::from_utf8_lossy(text)
        );
    }
    // A cohort: [] and "none" are known untreated; "", null, an empty cell or no key, unknown.
    let priors = |args: &[&str], input: &str| -> Vec<serde_json::Value> {
        let out = netriage().args(args).write_stdin(input).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let record: serde_json::Value = serde_json::from_str(l).unwrap();
                record["report"]["patient"]["prior"].clone()
            })
            .collect()
    };
    let known = serde_json::json!([]);
    let unknown = serde_json::Value::Null;
    let jsonl = "{\"ki67\": 3, \"prior\": []}\n{\"ki67\": 3, \"prior\": \"none\"}\n\
        {\"ki67\": 3, \"prior\": \"\"}\n{\"ki67\": 3, \"prior\": null}\n{\"ki67\": 3}\n";
    assert_eq!(
        priors(&["batch", "-", "--detail", "full"], jsonl),
        [&known, &known, &unknown, &unknown, &unknown].map(Clone::clone)
    );
    let csv = "id,ki67,prior\na,3,none\nb,3,\n";
    assert_eq!(
        priors(&["batch", "-", "--input", "csv", "--detail", "full"], csv),
        [known, unknown]
    );
}

#[test]
fn a_comma_string_is_a_prior_list_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.toml", b"ki67 = 3\nprior = \"ssa,tace\"\n");
    let report = json(&["assess", "--profile", &path, "--format", "json"]);
    assert_eq!(
        report["patient"]["prior"],
        serde_json::json!(["ssa", "tace"])
    );
}

#[test]
fn flags_override_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.toml", PROFILE.as_bytes());
    let report = json(&[
        "assess",
        "--profile",
        &path,
        "--ki67",
        "25",
        "--format",
        "json",
    ]);
    assert_eq!(report["patient"]["ki67"], 25.0);
    assert_eq!(report["patient"]["lesions"], 3);
    assert_eq!(report["grade"]["category"], "net-g3");
}

#[test]
fn bad_profiles_exit_65_naming_file_key_value_and_range() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], &[&str])] = &[
        (
            "unknown-key.toml",
            b"ki67 = 12\nkiel = 3\n",
            &["unknown key 'kiel'", "ki67"],
        ),
        (
            "bad-value.toml",
            b"ki67 = 140\n",
            &["ki67", "'140'", "0 to 100"],
        ),
        (
            "bad-word.toml",
            b"ki67 = 3\nprimary = \"liver\"\n",
            &["primary", "'liver'", "pancreas"],
        ),
        (
            "bad-type.toml",
            b"ki67 = 3\nlesions = [1, 2]\n",
            &["lesions", "from 1 to 1000"],
        ),
        (
            "bad-prior.toml",
            b"ki67 = 3\nprior = [\"ssa\", \"chemo\"]\n",
            &["prior", "'chemo'"],
        ),
        ("bad-toml.toml", b"ki67 = = 3\n", &["invalid TOML"]),
        ("not-utf8.toml", b"ki67 = \"\xff\xfe\"\n", &["not UTF-8"]),
    ];
    for (name, text, parts) in cases {
        let path = write(dir.path(), name, text);
        let out = netriage()
            .args(["assess", "--profile", &path])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name), "{name}: {err}");
        for part in *parts {
            assert!(err.contains(part), "{name}: '{part}' not in {err}");
        }
    }
}

#[test]
fn a_missing_profile_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.toml").display().to_string();
    let out = netriage()
        .args(["assess", "--ki67", "3", "--profile", &path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("absent.toml"));
}

fn sample() -> Patient {
    let mut p = Patient::default();
    for (f, v) in [
        (Field::Ki67, "12.5"),
        (Field::Primary, "small-intestine"),
        (Field::PrimaryResected, "no"),
        (Field::Prior, "ssa,prrt"),
        (Field::Age, "61"),
    ] {
        p.set(f, &RawValue::Text(v.into())).unwrap();
    }
    p
}

#[test]
fn saved_profiles_round_trip_with_only_known_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.toml");
    profile::save(&path, &sample(), false).unwrap();
    assert_eq!(profile::load(&path).unwrap(), sample());
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("mitoses"), "{text}");
    assert!(text.contains("prior = [\"ssa\", \"prrt\"]"), "{text}");
    // Nothing but the profile is left in the directory.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn saved_profiles_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.toml");
    profile::save(&path, &sample(), false).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn save_refuses_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.toml");
    fs::write(&path, "old").unwrap();
    let err = profile::save(&path, &sample(), false).unwrap_err();
    assert_eq!(exit::code(&err), 73);
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
    profile::save(&path, &sample(), true).unwrap();
    assert_eq!(profile::load(&path).unwrap(), sample());
}

#[cfg(unix)]
#[test]
fn save_never_follows_a_symlink_at_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let path = dir.path().join("saved.toml");
    std::os::unix::fs::symlink(&victim, &path).unwrap();

    let err = profile::save(&path, &sample(), false).unwrap_err();
    assert_eq!(exit::code(&err), 73);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    // Forced, the link itself is replaced by the profile; its target is untouched.
    profile::save(&path, &sample(), true).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!fs::symlink_metadata(&path)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(profile::load(&path).unwrap(), sample());
}

#[test]
fn save_into_a_missing_directory_exits_73() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("saved.toml");
    let err = profile::save(&path, &sample(), false).unwrap_err();
    assert_eq!(exit::code(&err), 73);
}

#[test]
fn a_profile_takes_percentages_with_a_sign_and_drug_names_for_options() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    fs::write(
        &path,
        "ki67 = \"12%\"\nliver-burden = \"30 %\"\nprior = [\"octreotide\", \"SIRT\"]\n",
    )
    .unwrap();
    let out = netriage()
        .args(["assess", "--profile"])
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["patient"]["ki67"], 12.0);
    assert_eq!(report["patient"]["liver_burden"], 30.0);
    assert_eq!(
        report["patient"]["prior"],
        serde_json::json!(["ssa", "tare"])
    );
}

#[test]
fn a_profile_error_names_the_line_the_column_and_the_nearest_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "age = 60\nkii67 = 12\n",
            "(line 2): unknown key 'kii67': did you mean 'ki67'?",
        ),
        (
            "age = 60\n\"Liver burden (%)\" = 30\n",
            "(line 2): unknown key 'Liver burden (%)': did you mean 'liver-burden'?",
        ),
        (
            "age = 60\nweight = 80\n",
            "(line 2): unknown key 'weight': the keys are the patient flag names: ",
        ),
        (
            "age = 60\n\n  ki67 = 140\n",
            "(line 3, column 10): invalid value '140' for ki67: expected a number from 0 to 100 (%)",
        ),
        (
            "primary = [\"lung\"]\n",
            "(line 1, column 11): invalid value '[\"lung\"]' for primary: expected one of pancreas, stomach, duodenum, small-intestine, appendix, colon, rectum, lung, thymus, other, unknown",
        ),
        (
            "largest-cm = 2\nlargest_cm = 3\n",
            "(line 2): 'largest_cm' is given twice",
        ),
    ];
    for (text, expected) in cases {
        let path = dir.path().join("p.toml");
        fs::write(&path, text).unwrap();
        let out = netriage()
            .args(["assess", "--profile"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(i32::from(exit::DATA)), "{text}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let prefix = format!("netriage: profile {} ", path.display());
        assert!(stderr.starts_with(&prefix), "{stderr}");
        let message = stderr[prefix.len()..].trim_end();
        if expected.ends_with(": ") {
            assert!(message.starts_with(expected), "{text}: {message}");
        } else {
            assert_eq!(message, expected, "{text}");
        }
    }
}
