//! The symptom-control stage, one case per syndrome (rules.md §4.6).

use crate::common::{assess, mentions, note, option_in, strings, text};
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

fn stage_ids(r: &Value) -> Vec<String> {
    r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| text(&s["id"]))
        .collect()
}

/// (changes to BASE, symptom-control options with their expected status)
const SYNDROMES: &[(&str, &[(&str, &str)])] = &[
    (
        "--syndrome carcinoid",
        &[("ssa", "recommended"), ("telotristat", "consider")],
    ),
    // Carcinoid syndrome: SSA for symptoms whatever the SSTR status.
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
    // at ECOG 4 every symptom-stage option keeps its status, everolimus included.
    (
        "--syndrome insulinoma --ecog 4",
        &[
            ("diazoxide", "recommended"),
            ("everolimus", "consider"),
            ("ssa", "consider"),
        ],
    ),
    (
        "--syndrome carcinoid --ecog 4",
        &[("ssa", "recommended"), ("telotristat", "consider")],
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
        // Report order (rules.md §6): the overall approach, then symptom control, then the
        // treatment stages.
        assert_eq!(
            stage_ids(&r),
            [
                "approach",
                "symptoms",
                "local",
                "liver-directed",
                "systemic"
            ],
            "[{changes}]"
        );
    }
}

#[test]
fn no_syndrome_no_symptom_stage() {
    for changes in ["--syndrome none", "--syndrome ?"] {
        assert_eq!(symptom_ids(&assess(changes)), None, "[{changes}]");
    }
}

/// Each syndrome's notes (rules.md §4.6, M3, M4, M7) on its options.
#[test]
fn syndrome_notes() {
    // (changes, option, note id)
    for (changes, id, note_id) in [
        (
            "--syndrome carcinoid",
            "telotristat",
            "symptoms.telotristat",
        ),
        ("--syndrome carcinoid", "ssa", "ssa.symptom_use"),
        // M4: insulinoma management: meals, glucose monitoring, IV dextrose, glucocorticoids,
        // refractory hypoglycaemia (S95, S96).
        ("--syndrome insulinoma", "diazoxide", "symptoms.insulinoma"),
        (
            "--syndrome insulinoma",
            "everolimus",
            "symptoms.everolimus_insulinoma",
        ),
        // M3: never stop PPIs outside an expert centre; IV PPI when nil by mouth (S87).
        ("--syndrome gastrinoma", "ppi", "symptoms.gastrinoma"),
        ("--syndrome vipoma", "ssa", "symptoms.vipoma"),
        // M4: glucagonoma amino acids and zinc (S86).
        ("--syndrome glucagonoma", "ssa", "symptoms.glucagonoma"),
        // M7: ACTH/Cushing under `other` (S85).
        ("--syndrome other", "ssa", "symptoms.other"),
    ] {
        let r = assess(changes);
        let o = option_in(&r, "symptoms", id);
        assert!(mentions(&o["notes"], &note(note_id)), "{id} [{changes}]");
    }
    let gastrinoma = note("symptoms.gastrinoma");
    assert!(gastrinoma.contains("never stop PPIs") || gastrinoma.contains("Never stop PPIs"));
    assert!(note("symptoms.glucagonoma").contains("zinc"));
    let other = note("symptoms.other");
    for word in ["ACTH", "metyrapone", "adrenalectomy"] {
        assert!(other.contains(word), "{word}");
    }
    let insulinoma = note("symptoms.insulinoma");
    for word in [
        "glucose monitoring",
        "IV dextrose",
        "glucocorticoids",
        "PRRT",
    ] {
        assert!(insulinoma.contains(word), "{word}");
    }
}

/// D1: the insulinoma SSA caution on every SSA entry of the symptom stage, whatever its status,
/// and once under the warnings; never for another syndrome.
#[test]
fn the_insulinoma_ssa_caution_is_on_every_ssa_entry_and_once_a_warning() {
    let caution = note("ssa.insulinoma");
    assert!(caution.contains("hypoglycaemia"));
    for sstr in ["positive", "negative", "?"] {
        let r = assess(&format!("--syndrome insulinoma --sstr {sstr}"));
        let ssa = option_in(&r, "symptoms", "ssa");
        assert!(mentions(&ssa["notes"], &caution), "--sstr {sstr}");
        let once = strings(&r["warnings"])
            .iter()
            .filter(|w| w.contains(&caution))
            .count();
        assert_eq!(once, 1, "--sstr {sstr}");
    }
    for syndrome in ["carcinoid", "vipoma", "glucagonoma", "other"] {
        let r = assess(&format!("--syndrome {syndrome}"));
        assert!(!mentions(
            &option_in(&r, "symptoms", "ssa")["notes"],
            &caution
        ));
        assert!(!mentions(&r["warnings"], &caution), "{syndrome}");
    }
}

/// L6: symptom-stage evidence is about the syndrome: ELECT for carcinoid syndrome, the
/// insulinoma series, ENETS 2023 functioning pNET — not CLARINET/PROMID (tumour control).
#[test]
fn symptom_stage_evidence_is_about_the_syndrome() {
    let sources = |o: &Value| -> Vec<String> {
        o["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| text(&e["source"]))
            .collect()
    };
    // (changes, option, a source expected, sources never shown there)
    for (changes, id, expected) in [
        ("--syndrome carcinoid", "ssa", "S94"),
        ("--syndrome carcinoid", "telotristat", "S30"),
        ("--syndrome insulinoma", "ssa", "S95"),
        ("--syndrome insulinoma", "everolimus", "S95"),
        ("--syndrome vipoma", "ssa", "S105"),
        ("--syndrome glucagonoma", "ssa", "S105"),
        ("--syndrome other", "ssa", "S105"),
    ] {
        let r = assess(changes);
        let shown = sources(option_in(&r, "symptoms", id));
        assert!(
            shown.contains(&expected.to_owned()),
            "{id} [{changes}]: {shown:?}"
        );
        // Tumour-control trials belong to the systemic stage.
        for trial in ["S28", "S29", "S31", "S32"] {
            assert!(
                !shown.contains(&trial.to_owned()),
                "{id} [{changes}]: {trial}"
            );
        }
    }
    // The systemic SSA keeps its antiproliferative evidence.
    let r = assess("--syndrome carcinoid");
    let systemic = sources(option_in(&r, "systemic", "ssa"));
    assert!(systemic.contains(&"S29".to_owned()), "{systemic:?}");
    assert!(!systemic.contains(&"S94".to_owned()), "{systemic:?}");
}

/// M15 (not resolved): one syndrome recorded — the symptom stage says so.
#[test]
fn one_syndrome_recorded_is_noted_on_the_symptom_stage() {
    let one = note("symptoms.one_syndrome");
    for syndrome in ["carcinoid", "insulinoma", "gastrinoma", "other"] {
        let r = assess(&format!("--syndrome {syndrome}"));
        let stage = r["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "symptoms")
            .unwrap();
        assert!(mentions(&stage["notes"], &one), "{syndrome}");
    }
    // Without a symptom stage there is nothing to say.
    let r = assess("--syndrome none");
    for stage in r["stages"].as_array().unwrap() {
        assert!(!mentions(&stage["notes"], &one));
    }
}

#[test]
fn symptom_control_is_not_capped_by_curative_resection() {
    let r = assess("--syndrome carcinoid --resectable yes");
    assert_eq!(option_in(&r, "symptoms", "ssa")["status"], "recommended");
}
