//! The symptom-control stage, one case per syndrome (rules.md §4, "Symptom control").

use crate::common::{assess, mentions, note, option_in, text};
use serde_json::Value;

fn symptom_ids(r: &Value) -> Option<Vec<String>> {
    r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "symptoms")
        .map(|s| {
            s["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| text(&o["id"]))
                .collect()
        })
}

/// (changes to BASE, symptom-control options with their expected status)
const SYNDROMES: &[(&str, &[(&str, &str)])] = &[
    (
        "--syndrome carcinoid",
        &[("ssa", "recommended"), ("telotristat", "consider")],
    ),
    (
        "--syndrome carcinoid --sstr negative",
        &[("ssa", "recommended"), ("telotristat", "consider")],
    ),
    (
        "--syndrome insulinoma",
        &[
            ("diazoxide", "recommended"),
            ("everolimus", "consider"),
            ("ssa", "consider"),
        ],
    ),
    (
        "--syndrome insulinoma --sstr negative",
        &[
            ("diazoxide", "recommended"),
            ("everolimus", "consider"),
            ("ssa", "not-recommended"),
        ],
    ),
    (
        "--syndrome insulinoma --sstr ?",
        &[
            ("diazoxide", "recommended"),
            ("everolimus", "consider"),
            ("ssa", "undetermined"),
        ],
    ),
    ("--syndrome gastrinoma", &[("ppi", "recommended")]),
    ("--syndrome vipoma", &[("ssa", "recommended")]),
    ("--syndrome glucagonoma", &[("ssa", "recommended")]),
    ("--syndrome other", &[("ssa", "consider")]),
    (
        "--syndrome other --sstr negative",
        &[("ssa", "not-recommended")],
    ),
];

#[test]
fn each_syndrome_has_its_symptom_control_options() {
    for (changes, expected) in SYNDROMES {
        let r = assess(changes);
        let ids = symptom_ids(&r).unwrap_or_else(|| panic!("[{changes}]: no symptoms stage"));
        let wanted: Vec<String> = expected.iter().map(|(id, _)| (*id).to_owned()).collect();
        assert_eq!(ids, wanted, "[{changes}]");
        for (id, status) in *expected {
            let o = option_in(&r, "symptoms", id);
            assert_eq!(o["status"], *status, "{id} [{changes}]");
        }
        // Symptom control comes before the other stages.
        assert_eq!(r["stages"][0]["id"], "symptoms", "[{changes}]");
    }
}

#[test]
fn no_syndrome_no_symptom_stage() {
    for changes in ["--syndrome none", "--syndrome ?"] {
        assert_eq!(symptom_ids(&assess(changes)), None, "[{changes}]");
    }
}

#[test]
fn syndrome_notes_and_warnings() {
    // (changes, option, note id)
    for (changes, id, note_id) in [
        (
            "--syndrome carcinoid",
            "telotristat",
            "symptoms.telotristat",
        ),
        ("--syndrome carcinoid", "ssa", "ssa.symptom_use"),
        ("--syndrome insulinoma", "ssa", "symptoms.insulinoma_ssa"),
        (
            "--syndrome insulinoma",
            "everolimus",
            "symptoms.everolimus_insulinoma",
        ),
        ("--syndrome vipoma", "ssa", "symptoms.vipoma"),
        ("--syndrome glucagonoma", "ssa", "symptoms.glucagonoma"),
        ("--syndrome other", "ssa", "symptoms.other"),
    ] {
        let r = assess(changes);
        let o = option_in(&r, "symptoms", id);
        assert!(mentions(&o["notes"], &note(note_id)), "{id} [{changes}]");
    }
    let r = assess("--syndrome insulinoma");
    assert!(mentions(&r["warnings"], &note("symptoms.insulinoma_ssa")));
    // Symptom control is not capped by curative resection.
    let r = assess("--syndrome carcinoid --resectable yes");
    assert_eq!(option_in(&r, "symptoms", "ssa")["status"], "recommended");
    let r = assess("--syndrome carcinoid");
    assert!(mentions(&r["warnings"], &note("symptoms.crisis")));
}
