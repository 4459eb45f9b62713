//! The "confirm and stage" work-up lists what is missing (rules.md §5), safety-critical
//! confirmations first. Items keyed on an option's status are also tested with every status in
//! src/pathway/workup.rs; the cases here pick patients whose statuses are not in doubt. The
//! answers go through a profile, which takes every patient answer.

use crate::common::{assess_profile, knowledge, text};
use serde_json::Value;

/// (changes to BASE, work-up item id, expected to be listed)
const CASES: &[(&str, &str, bool)] = &[
    // Safety confirmations (rules.md §5, D3, D-7): ECOG and liver function while embolisation,
    // transplant, resection or PRRT is not ruled out (BASE: transplant `consider`).
    ("--ecog ?", "ecog", true),
    ("", "ecog", false),
    ("--ecog ? --differentiation poor --ki67 80", "ecog", false),
    ("--liver-function ?", "liver_function", true),
    ("", "liver_function", false),
    (
        "--liver-function ? --differentiation poor --ki67 80",
        "liver_function",
        false,
    ),
    // D-1: the course state, for a course or a continuous drug given, stable or not given.
    ("--prior everolimus --current ?", "current_treatment", true),
    (
        "--prior everolimus --current ? --progression ?",
        "current_treatment",
        true,
    ),
    (
        "--prior everolimus --current ? --progression progressive --stable-months ?",
        "current_treatment",
        false,
    ),
    ("--prior everolimus --current everolimus", "current_treatment", false),
    ("--prior everolimus --current none", "current_treatment", false),
    (
        "--prior platinum-etoposide --current ? --differentiation poor --ki67 80",
        "current_treatment",
        true,
    ),
    ("--prior prrt --current ?", "current_treatment", true),
    ("--prior ssa --current ?", "current_treatment", false),
    ("--prior tace --current ?", "current_treatment", false),
    ("", "current_treatment", false),
    // M5, A-9: echocardiogram when carcinoid heart disease matters and is unknown.
    ("--syndrome carcinoid", "echocardiogram", true),
    (
        "--syndrome carcinoid --carcinoid-heart-disease none",
        "echocardiogram",
        false,
    ),
    (
        "--syndrome carcinoid --carcinoid-heart-disease severe",
        "echocardiogram",
        false,
    ),
    ("--syndrome insulinoma", "echocardiogram", false),
    ("", "echocardiogram", false),
    (
        "--syndrome ? --primary small-intestine",
        "echocardiogram_syndrome_not_given",
        true,
    ),
    ("--syndrome ? --primary small-intestine", "echocardiogram", false),
    ("--syndrome ? --primary lung --ki67 12", "echocardiogram_syndrome_not_given", true),
    (
        "--syndrome ? --primary small-intestine --carcinoid-heart-disease mild",
        "echocardiogram_syndrome_not_given",
        false,
    ),
    ("--syndrome ? --primary pancreas", "echocardiogram_syndrome_not_given", false),
    (
        "--syndrome none --primary small-intestine",
        "echocardiogram_syndrome_not_given",
        false,
    ),
    (
        "--syndrome carcinoid --primary small-intestine",
        "echocardiogram_syndrome_not_given",
        false,
    ),
    // biliary history while TACE, TARE or ablation is not ruled out (BASE: ablation).
    ("--biliary-anastomosis ?", "biliary_history", true),
    ("", "biliary_history", false),
    (
        "--biliary-anastomosis ? --differentiation poor --ki67 80",
        "biliary_history",
        false,
    ),
    // Pathology.
    ("", "pathology_review", false),
    ("--differentiation ?", "pathology_review", true),
    ("--ki67 30", "pathology_review", true),
    ("--ki67 30 --differentiation ?", "pathology_review", true),
    ("--differentiation poor --ki67 30", "pathology_review", true),
    ("--ki67 60", "pathology_review", true),
    (
        "--primary lung --ki67 ? --mitoses 1",
        "thoracic_pathology",
        true,
    ),
    ("--primary lung --ki67 12", "thoracic_pathology", true),
    (
        "--primary lung --ki67 ? --mitoses 1 --necrosis no",
        "thoracic_pathology",
        false,
    ),
    ("", "thoracic_pathology", false),
    // L5: no typical-vs-atypical carcinoid work-up for a carcinoma.
    (
        "--primary lung --differentiation poor --ki67 80",
        "thoracic_pathology",
        false,
    ),
    (
        "--primary thymus --differentiation small-cell --ki67 80",
        "thoracic_pathology",
        false,
    ),
    // W3: lung NEC, small-cell vs large-cell.
    (
        "--primary lung --differentiation poor --ki67 80",
        "lung_cell_type",
        true,
    ),
    (
        "--primary lung --differentiation small-cell --ki67 80",
        "lung_cell_type",
        false,
    ),
    (
        "--primary lung --differentiation large-cell --ki67 80",
        "lung_cell_type",
        false,
    ),
    ("--differentiation poor --ki67 80", "lung_cell_type", false),
    // Imaging.
    ("--sstr ?", "sstr_pet", true),
    ("", "sstr_pet", false),
    ("", "transplant_staging", true),
    ("--age 65", "transplant_staging", false),
    ("--ki67 30", "transplant_staging", false),
    ("--ki67 30", "fdg_pet", true),
    ("--ki67 30 --differentiation ?", "fdg_pet", true),
    ("--differentiation poor --ki67 80", "fdg_pet", true),
    ("--ki67 10", "fdg_pet", true),
    ("--ki67 9.9", "fdg_pet", false),
    ("", "fdg_pet", false),
    // M10: FDG PET and re-biopsy for SSTR-negative low grade and progression after treatment.
    ("--sstr negative", "fdg_pet", true),
    (
        "--progression progressive --stable-months ? --prior ssa",
        "fdg_pet",
        true,
    ),
    (
        "--progression progressive --stable-months ? --prior none",
        "fdg_pet",
        false,
    ),
    ("--sstr negative", "rebiopsy", true),
    (
        "--progression progressive --stable-months ? --prior ssa",
        "rebiopsy",
        true,
    ),
    (
        "--progression progressive --stable-months ? --prior none",
        "rebiopsy",
        false,
    ),
    ("--prior ssa", "rebiopsy", false),
    ("--sstr negative --ki67 30", "rebiopsy", false),
    ("", "rebiopsy", false),
    ("--lesions ?", "liver_mri", true),
    ("--largest-cm ?", "liver_mri", true),
    ("--liver-burden ?", "liver_mri", true),
    ("", "liver_mri", false),
    // Markers: carcinoid syndrome or a small-intestinal NET; not for a carcinoma (L5).
    ("--syndrome carcinoid", "carcinoid_markers", true),
    ("--primary small-intestine", "carcinoid_markers", true),
    (
        "--primary small-intestine --differentiation poor --ki67 80",
        "carcinoid_markers",
        false,
    ),
    ("", "carcinoid_markers", false),
    // Syndrome hormones, the matching syndrome only (M3, M7).
    ("--syndrome insulinoma", "hormones_insulinoma", true),
    ("--syndrome gastrinoma", "hormones_gastrinoma", true),
    ("--syndrome gastrinoma", "hormones_insulinoma", false),
    ("--syndrome vipoma", "hormones_vipoma", true),
    ("--syndrome glucagonoma", "hormones_glucagonoma", true),
    ("--syndrome other", "hormones_other", true),
    ("--syndrome carcinoid", "hormones_other", false),
    ("", "hormones_other", false),
    // M2: hereditary screen for pancreatic or duodenal primaries, gastrinoma or insulinoma.
    ("", "hereditary_screen", true),
    ("--primary duodenum", "hereditary_screen", true),
    ("--primary small-intestine", "hereditary_screen", false),
    (
        "--primary small-intestine --syndrome gastrinoma",
        "hereditary_screen",
        true,
    ),
    (
        "--primary small-intestine --syndrome insulinoma",
        "hereditary_screen",
        true,
    ),
    (
        "--primary small-intestine --syndrome vipoma",
        "hereditary_screen",
        false,
    ),
    // M9: unknown primary (not the same as not given).
    ("--primary unknown", "unknown_primary", true),
    ("--primary ?", "unknown_primary", false),
    ("", "unknown_primary", false),
    // M11, A-11: DPD test while a fluoropyrimidine option is not ruled out.
    (
        "--progression progressive --stable-months ?",
        "dpd_test",
        true,
    ),
    (
        "--differentiation poor --ki67 80 --prior platinum-etoposide --progression progressive --stable-months ?",
        "dpd_test",
        true,
    ),
    ("--differentiation poor --ki67 80", "dpd_test", false),
    // M12: brain MRI for lung NEC.
    (
        "--primary lung --differentiation small-cell --ki67 80",
        "brain_mri",
        true,
    ),
    (
        "--primary lung --differentiation poor --ki67 80",
        "brain_mri",
        true,
    ),
    ("--differentiation poor --ki67 80", "brain_mri", false),
    ("--primary lung --ki67 12", "brain_mri", false),
    // Molecular profiling: NEC, or NET G3 progressing after first line (S46).
    ("--differentiation poor --ki67 80", "molecular_profiling", true),
    (
        "--ki67 30 --progression progressive --stable-months ? --prior capecitabine-temozolomide",
        "molecular_profiling",
        true,
    ),
    ("--ki67 30", "molecular_profiling", false),
    ("", "molecular_profiling", false),
    // M6: bone, with extrahepatic disease.
    ("--extrahepatic yes", "bone", true),
    ("", "bone", false),
    // M16: surgical review of a small-intestinal primary in place.
    (
        "--primary small-intestine --primary-resected no",
        "primary_surgical_review",
        true,
    ),
    ("--primary small-intestine", "primary_surgical_review", false),
    (
        "--primary pancreas --primary-resected no",
        "primary_surgical_review",
        false,
    ),
    // shunt study while TARE is not ruled out, renal function and counts while PRRT is not.
    (
        "--progression progressive --stable-months ?",
        "shunt_study",
        true,
    ),
    ("--differentiation poor --ki67 80", "shunt_study", false),
    ("--ki67 12", "prrt_labs", true),
    ("--sstr negative", "prrt_labs", false),
];

fn listed(r: &Value) -> Vec<String> {
    r["workup"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| !text(&w["source"]).is_empty())
        .map(|w| text(&w["text"]))
        .collect()
}

#[test]
fn work_up_lists_what_is_missing() {
    let k = knowledge();
    let mut failures = Vec::new();
    for (changes, id, expected) in CASES {
        let item = k.workup_item(id).text.into_owned();
        assert_ne!(item, *id, "work-up item {id} exists in data/workup.toml");
        let shown = listed(&assess_profile(changes)).contains(&item);
        if shown != *expected {
            failures.push(format!("[{changes}]: {id} listed should be {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Items that confirm a safety-critical answer come before every other item (rules.md §5).
#[test]
fn safety_confirmations_come_first() {
    let k = knowledge();
    let r = assess_profile(
        "--ecog ? --liver-function ? --prior everolimus --current ? --syndrome carcinoid \
         --biliary-anastomosis ? --sstr ? --lesions ? --differentiation ?",
    );
    let shown = listed(&r);
    let first: Vec<String> = [
        "ecog",
        "liver_function",
        "current_treatment",
        "echocardiogram",
        "biliary_history",
    ]
    .iter()
    .map(|id| k.workup_item(id).text.into_owned())
    .collect();
    assert_eq!(shown[..first.len()], first[..], "{shown:#?}");
    // And the others follow.
    for id in [
        "pathology_review",
        "sstr_pet",
        "liver_mri",
        "carcinoid_markers",
    ] {
        assert!(
            shown[first.len()..].contains(&k.workup_item(id).text.into_owned()),
            "{id}"
        );
    }
}

/// The gastrinoma hormone item carries the PPI safety rule (M3); the `other` item names ACTH
/// and cortisol (M7).
#[test]
fn hormone_items_carry_their_safety_wording() {
    let k = knowledge();
    assert!(k
        .workup_item("hormones_gastrinoma")
        .text
        .contains("never stop PPIs"));
    let other = k.workup_item("hormones_other").text;
    assert!(other.contains("ACTH") && other.contains("cortisol"));
}
