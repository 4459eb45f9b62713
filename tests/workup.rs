//! The "confirm and stage" work-up lists what is missing (rules.md §5).

use crate::common::{assess, knowledge, text};

/// (changes to BASE, work-up item id, expected to be listed)
const CASES: &[(&str, &str, bool)] = &[
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
    ("--sstr ?", "sstr_pet", true),
    ("", "sstr_pet", false),
    ("", "transplant_staging", true),
    ("--age 65", "transplant_staging", false),
    ("--ki67 30", "fdg_pet", true),
    ("--ki67 30 --differentiation ?", "fdg_pet", true),
    ("--differentiation poor --ki67 80", "fdg_pet", true),
    ("--ki67 10", "fdg_pet", true),
    ("--ki67 9.9", "fdg_pet", false),
    ("", "fdg_pet", false),
    ("--lesions ?", "liver_mri", true),
    ("--largest-cm ?", "liver_mri", true),
    ("--liver-burden ?", "liver_mri", true),
    ("", "liver_mri", false),
    ("--syndrome carcinoid", "carcinoid_markers", true),
    ("--syndrome carcinoid", "echocardiogram", true),
    ("--syndrome insulinoma", "echocardiogram", false),
    ("--syndrome insulinoma", "syndrome_hormones", true),
    ("--syndrome gastrinoma", "syndrome_hormones", true),
    ("", "syndrome_hormones", false),
    ("", "carcinoid_markers", false),
    ("--biliary-anastomosis ?", "biliary_history", true),
    ("", "biliary_history", false),
    (
        "--biliary-anastomosis ? --differentiation poor --ki67 80",
        "biliary_history",
        false,
    ),
    ("", "shunt_study", true),
    ("--differentiation poor --ki67 80", "shunt_study", false),
    ("--ki67 12", "prrt_labs", true),
    ("--sstr negative", "prrt_labs", false),
];

#[test]
fn work_up_lists_what_is_missing() {
    let k = knowledge();
    let mut failures = Vec::new();
    for (changes, id, listed) in CASES {
        let item = k.workup_item(id).text;
        assert_ne!(item, *id, "work-up item {id} exists in data/workup.toml");
        let r = assess(changes);
        let shown = r["workup"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| text(&w["text"]) == item && !text(&w["source"]).is_empty());
        if shown != *listed {
            failures.push(format!("[{changes}]: {id} listed should be {listed}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
