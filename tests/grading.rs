//! WHO grading through `netriage grade --format json` (rules.md §1): every boundary, the
//! higher-grade rule, differentiation, and every row of the lung/thymus table.

use crate::common::{flags, json, mentions, note, text};
use serde_json::Value;

fn grade(flags_text: &str) -> Value {
    json("grade", &flags("", flags_text))
}

/// (flags, category, by_ki67, by_mitoses, decided_by)
const DIGESTIVE: &[(&str, &str, &str, &str, &str)] = &[
    ("--ki67 0", "net-g1", "g1", "", "ki67"),
    ("--ki67 2.9", "net-g1", "g1", "", "ki67"),
    ("--ki67 2.99", "net-g1", "g1", "", "ki67"),
    ("--ki67 3", "net-g2", "g2", "", "ki67"),
    ("--ki67 20", "net-g2", "g2", "", "ki67"),
    ("--ki67 20.1", "net-g3", "g3", "", "ki67"),
    ("--ki67 100", "net-g3", "g3", "", "ki67"),
    ("--mitoses 0", "net-g1", "", "g1", "mitoses"),
    ("--mitoses 1.9", "net-g1", "", "g1", "mitoses"),
    ("--mitoses 2", "net-g2", "", "g2", "mitoses"),
    ("--mitoses 20", "net-g2", "", "g2", "mitoses"),
    ("--mitoses 20.1", "net-g3", "", "g3", "mitoses"),
    // Discordant: the higher grade decides, and says which measure.
    ("--ki67 12 --mitoses 1", "net-g2", "g2", "g1", "ki67"),
    ("--ki67 2 --mitoses 5", "net-g2", "g1", "g2", "mitoses"),
    ("--ki67 25 --mitoses 3", "net-g3", "g3", "g2", "ki67"),
    ("--ki67 15 --mitoses 25", "net-g3", "g2", "g3", "mitoses"),
    ("--ki67 1.5 --mitoses 21", "net-g3", "g1", "g3", "mitoses"),
    ("--ki67 10 --mitoses 10", "net-g2", "g2", "g2", "both"),
    ("--ki67 2.9 --mitoses 1.9", "net-g1", "g1", "g1", "both"),
];

#[test]
fn digestive_boundaries_and_the_higher_grade_rule() {
    for primary in ["pancreas", "small-intestine", "other", "unknown", "?"] {
        for (case, category, by_ki67, by_mitoses, decided_by) in DIGESTIVE {
            let input = format!("{case} --differentiation well --primary {primary}");
            let g = &grade(&input)["grade"];
            assert_eq!(g["category"], *category, "{input}");
            assert_eq!(text(&g["by_ki67"]), *by_ki67, "{input}");
            assert_eq!(text(&g["by_mitoses"]), *by_mitoses, "{input}");
            assert_eq!(g["decided_by"], *decided_by, "{input}");
            let basis = text(&g["basis"]);
            match *decided_by {
                "ki67" if !by_mitoses.is_empty() => {
                    assert!(basis.contains("decides: Ki-67"), "{input}: {basis}");
                }
                "mitoses" if !by_ki67.is_empty() => {
                    assert!(basis.contains("decides: mitoses"), "{input}: {basis}");
                }
                _ => {}
            }
            assert_eq!(g["classification"], "WHO 2019 (2022 unchanged)", "{input}");
        }
    }
}

#[test]
fn labels_name_the_grade() {
    for (case, label) in [
        ("--ki67 1", "NET G1"),
        ("--ki67 5", "NET G2"),
        ("--ki67 30", "NET G3"),
    ] {
        let g = &grade(&format!("{case} --differentiation well"))["grade"];
        assert_eq!(g["label"], label, "{case}");
    }
}

#[test]
fn poorly_differentiated_is_nec_and_low_indices_warn() {
    let warn = note("grade.nec_low_indices");
    // (flags, warned)
    for (case, warned) in [
        ("--differentiation poor", false),
        ("--differentiation poor --ki67 80", false),
        ("--differentiation poor --ki67 20.1", false),
        ("--differentiation poor --ki67 20", true),
        ("--differentiation poor --ki67 5", true),
        ("--differentiation poor --mitoses 20", true),
        ("--differentiation poor --mitoses 21", false),
        ("--differentiation poor --ki67 10 --mitoses 30", false),
    ] {
        let r = grade(case);
        assert_eq!(r["grade"]["category"], "nec", "{case}");
        assert_eq!(r["grade"]["decided_by"], "differentiation", "{case}");
        assert_eq!(mentions(&r["grade"]["warnings"], &warn), warned, "{case}");
    }
}

#[test]
fn unknown_differentiation_grades_low_as_net_with_a_note_and_g3_as_high_grade() {
    let low = note("grade.differentiation_unknown_low");
    let high = note("grade.high_grade_unknown");
    for (case, category, low_note, high_note) in [
        ("--ki67 1", "net-g1", true, false),
        ("--ki67 12", "net-g2", true, false),
        ("--mitoses 5", "net-g2", true, false),
        ("--ki67 20.1", "high-grade", false, true),
        ("--ki67 5 --mitoses 30", "high-grade", false, true),
    ] {
        let r = grade(case);
        assert_eq!(r["grade"]["category"], category, "{case}");
        assert_eq!(mentions(&r["grade"]["warnings"], &low), low_note, "{case}");
        assert_eq!(
            mentions(&r["grade"]["warnings"], &high),
            high_note,
            "{case}"
        );
    }
    // Well-differentiated: no note about differentiation.
    let r = grade("--ki67 12 --differentiation well");
    assert!(!mentions(&r["grade"]["warnings"], &low));
}

#[test]
fn grade_3_shows_the_who_2010_correction() {
    for (case, shown) in [
        ("--ki67 30 --differentiation well", true),
        ("--ki67 30", true),
        ("--differentiation poor --ki67 80", true),
        ("--ki67 12 --differentiation well", false),
    ] {
        let r = grade(case);
        let ids: Vec<String> = r["corrections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| text(&c["id"]))
            .collect();
        assert_eq!(ids.contains(&"g3_is_not_nec".to_owned()), shown, "{case}");
    }
}

/// rules.md §1, lung and thymus: (flags, category, label fragment, warning note id or "").
const THORACIC: &[(&str, &str, &str, &str)] = &[
    (
        "--differentiation poor --mitoses 1",
        "nec",
        "LCNEC or small-cell carcinoma — cell type not given",
        "",
    ),
    (
        "--differentiation poor",
        "nec",
        "LCNEC or small-cell carcinoma — cell type not given",
        "",
    ),
    (
        "--differentiation small-cell",
        "nec",
        "Small-cell carcinoma (lung: SCLC)",
        "",
    ),
    (
        "--differentiation large-cell --mitoses 30",
        "nec",
        "Large-cell neuroendocrine carcinoma (LCNEC)",
        "",
    ),
    (
        "--mitoses 1 --necrosis no",
        "net-g1",
        "Typical carcinoid",
        "",
    ),
    (
        "--mitoses 0 --necrosis no --differentiation well",
        "net-g1",
        "Typical carcinoid",
        "",
    ),
    (
        "--mitoses 2 --necrosis no",
        "net-g2",
        "Atypical carcinoid",
        "",
    ),
    (
        "--mitoses 10 --necrosis no",
        "net-g2",
        "Atypical carcinoid",
        "",
    ),
    ("--mitoses 5", "net-g2", "Atypical carcinoid", ""),
    (
        "--mitoses 1 --necrosis yes",
        "net-g2",
        "Atypical carcinoid",
        "",
    ),
    (
        "--mitoses 10 --necrosis yes",
        "net-g2",
        "Atypical carcinoid",
        "",
    ),
    (
        "--mitoses 1",
        "net-g2",
        "typical vs atypical undetermined",
        "grade.lung_necrosis_needed",
    ),
    ("--mitoses 11", "nec", "NEC, cell type not given", ""),
    (
        "--mitoses 10.5 --necrosis yes",
        "nec",
        "NEC, cell type not given",
        "",
    ),
    (
        "--mitoses 11 --differentiation well",
        "high-grade",
        "Carcinoid with elevated mitotic count vs LCNEC",
        "",
    ),
    (
        "--ki67 25",
        "high-grade",
        "Carcinoid vs NEC cannot be settled",
        "",
    ),
    (
        "--ki67 25 --differentiation well",
        "high-grade",
        "Carcinoid vs NEC cannot be settled",
        "",
    ),
    ("--ki67 20", "net-g2", "subtype undetermined", ""),
    ("--ki67 1", "net-g2", "subtype undetermined", ""),
];

#[test]
fn every_row_of_the_lung_and_thymus_table() {
    for primary in ["lung", "thymus"] {
        for (case, category, label, warning) in THORACIC {
            let input = format!("{case} --primary {primary}");
            let r = grade(&input);
            let g = &r["grade"];
            assert_eq!(g["category"], *category, "{input}");
            assert!(text(&g["label"]).contains(label), "{input}: {}", g["label"]);
            assert_eq!(g["classification"], "WHO thoracic 2021", "{input}");
            if !warning.is_empty() {
                // Grade warnings sit with the grade (rules.md §1, L1).
                assert!(mentions(&g["warnings"], &note(warning)), "{input}");
            }
        }
    }
}

#[test]
fn cell_type_is_recorded_and_alone_enough_to_grade() {
    // rules.md §1 and A-14: small-cell / large-cell grade on their own, as NEC of that type.
    for (diff, cell_type, label) in [
        ("small-cell", "small-cell", "NEC, small-cell type"),
        ("large-cell", "large-cell", "NEC, large-cell type"),
        ("poor", "", "NEC (small- vs large-cell not given)"),
    ] {
        let r = grade(&format!("--differentiation {diff} --primary pancreas"));
        let g = &r["grade"];
        assert_eq!(g["category"], "nec", "{diff}");
        assert_eq!(text(&g["label"]), label, "{diff}");
        if cell_type.is_empty() {
            assert!(g["cell_type"].is_null(), "{diff}");
        } else {
            assert_eq!(g["cell_type"], cell_type, "{diff}");
        }
    }
    // Ki-67 does not classify a thoracic NEC, so it is not said to have not decided (L5).
    let r = grade("--differentiation small-cell --primary lung --ki67 80 --mitoses 40");
    assert!(!mentions(&r["grade"]["warnings"], &note("grade.lung_ki67")));
}

#[test]
fn ki67_does_not_decide_in_the_lung() {
    let said = note("grade.lung_ki67");
    // With a mitotic count, Ki-67 plays no part: 80 % with 1 mitosis and no necrosis is typical.
    let r = grade("--primary lung --ki67 80 --mitoses 1 --necrosis no");
    assert_eq!(r["grade"]["category"], "net-g1");
    assert_eq!(r["grade"]["decided_by"], "both");
    assert!(r["grade"]["by_ki67"].is_null());
    assert!(mentions(&r["grade"]["warnings"], &said));
    // Without mitoses, the basis says Ki-67 does not classify.
    let r = grade("--primary thymus --ki67 12");
    assert!(text(&r["grade"]["basis"]).contains("does not classify"));
}

#[test]
fn necrosis_outside_the_chest_is_ignored_with_a_warning() {
    let r = grade("--ki67 5 --necrosis yes --primary pancreas");
    assert_eq!(r["grade"]["category"], "net-g2");
    assert!(mentions(
        &r["grade"]["warnings"],
        &note("grade.necrosis_ignored")
    ));
}
