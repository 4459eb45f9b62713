//! The parts of a report that follow from the whole assessment (rules.md §4.4, §6): the seed
//! corrections that bear on the patient and the line notes under the systemic stage. Each case
//! picks a patient whose option statuses are not in doubt; src/pathway/corrections.rs tests the
//! mapping with every status.

use crate::common::{assess, assess_profile, knowledge, mentions, note, option, strings, text};
use serde_json::Value;

fn correction_ids(r: &Value) -> Vec<String> {
    r["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| text(&c["id"]))
        .collect()
}

const NEC: &str = "--differentiation poor --ki67 80";
const PROGRESSIVE: &str = "--progression progressive --stable-months ?";

/// L3, rules.md §6 "Seed corrections": (changes to BASE, correction id, shown).
fn correction_cases() -> Vec<(String, &'static str, bool)> {
    let cases: &[(&str, &str, bool)] = &[
        // G3 ≠ NEC: grade G3 or high-grade.
        ("--ki67 30", "g3_is_not_nec", true),
        ("--ki67 30 --differentiation ?", "g3_is_not_nec", true),
        ("NEC", "g3_is_not_nec", true),
        ("", "g3_is_not_nec", false),
        // "Systemic essential": with metastatic G3.
        ("--ki67 30", "systemic_essential", true),
        ("NEC", "systemic_essential", true),
        ("", "systemic_essential", false),
        ("--extrahepatic yes", "systemic_essential", false),
        // Platinum and Ki-67: NEC or NET G3. NEC second line: NEC.
        ("NEC", "platinum_ki67", true),
        ("--ki67 30", "platinum_ki67", true),
        ("", "platinum_ki67", false),
        ("NEC", "nec_second_line", true),
        ("--ki67 30", "nec_second_line", false),
        // Transplant age and survival: transplant not ruled out (BASE: consider).
        ("", "transplant_age", true),
        ("", "transplant_survival", true),
        ("--age 65", "transplant_age", false),
        ("--age 65", "transplant_survival", false),
        // TACE figures: TACE eligible (L7: a correction, not an evidence row).
        ("PROGRESSIVE", "tace_figures", true),
        ("NEC", "tace_figures", false),
        // Ablation size: ablation eligible.
        ("", "ablation_size", true),
        ("--largest-cm 6", "ablation_size", false),
        // SSA in G3: NET G3 with SSA eligible.
        ("--ki67 30", "ssa_g3", true),
        ("--ki67 30 --sstr negative", "ssa_g3", false),
        ("", "ssa_g3", false),
        // STZ site: STZ eligible or a pancreatic primary.
        ("", "streptozocin_site", true),
        ("--primary small-intestine", "streptozocin_site", false),
        // Temozolomide site: CAPTEM eligible.
        ("PROGRESSIVE", "temozolomide_site", true),
        ("--primary small-intestine", "temozolomide_site", false),
        // Everolimus first line: everolimus eligible. Surufatinib name: surufatinib eligible.
        ("PROGRESSIVE", "everolimus_first_line", true),
        ("NEC", "everolimus_first_line", false),
        ("PROGRESSIVE", "surufatinib_name", true),
        ("NEC", "surufatinib_name", false),
        // PRRT with chemotherapy: PRRT eligible.
        ("--ki67 12", "prrt_chemotherapy", true),
        ("--sstr negative", "prrt_chemotherapy", false),
    ];
    cases
        .iter()
        .map(|(changes, id, shown)| {
            let changes = match *changes {
                "NEC" => NEC.to_owned(),
                "PROGRESSIVE" => PROGRESSIVE.to_owned(),
                other => other.to_owned(),
            };
            (changes, *id, *shown)
        })
        .collect()
}

#[test]
fn seed_corrections_only_where_they_bear_on_the_patient() {
    let mut failures = Vec::new();
    for (changes, id, expected) in correction_cases() {
        let r = assess(&changes);
        if correction_ids(&r).contains(&id.to_owned()) != expected {
            failures.push(format!("[{changes}]: {id} shown should be {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// L7: the seed's TACE figures are a correction, never an evidence row of `tace`.
#[test]
fn the_seed_tace_figures_are_not_evidence() {
    let r = assess(PROGRESSIVE);
    let tace = option(&r, "tace");
    for e in tace["evidence"].as_array().unwrap() {
        assert_ne!(text(&e["source"]), "SEED", "{e}");
        assert!(!text(&e["text"]).contains("73–100"), "{e}");
    }
    let k = knowledge();
    let seed = k.correction("tace_figures").unwrap().seed;
    assert!(seed.contains("73–100"));
}

fn stage_notes(r: &Value, stage: &str) -> Value {
    r["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == stage)
        .map(|s| s["notes"].clone())
        .unwrap_or_default()
}

/// rules.md §4.4 (M13): the site's line note, once, under the systemic stage, for low grade.
#[test]
fn line_notes_by_site_for_low_grade_disease() {
    let lines = ["lines.small_intestine", "lines.pancreas", "lines.thoracic"];
    // (changes to BASE, the line note expected, if any)
    for (changes, expected) in [
        ("--primary small-intestine", Some("lines.small_intestine")),
        ("", Some("lines.pancreas")),
        (
            "--primary lung --ki67 ? --mitoses 1 --necrosis no",
            Some("lines.thoracic"),
        ),
        (
            "--primary thymus --ki67 ? --mitoses 3",
            Some("lines.thoracic"),
        ),
        ("--ki67 30", None),
        ("--primary small-intestine --ki67 30", None),
        (
            "--primary small-intestine --differentiation poor --ki67 80",
            None,
        ),
        ("--primary rectum", None),
        ("--primary ?", None),
    ] {
        let r = assess(changes);
        for id in lines {
            let text = note(id);
            let everywhere: usize = r["stages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    strings(&s["notes"])
                        .iter()
                        .filter(|n| n.contains(&text))
                        .count()
                })
                .sum();
            let wanted = usize::from(expected == Some(id));
            assert_eq!(everywhere, wanted, "{id} [{changes}]");
            assert_eq!(
                mentions(&stage_notes(&r, "systemic"), &text),
                wanted == 1,
                "{id} under systemic [{changes}]"
            );
        }
    }
}

/// The line of systemic therapy, from `--prior`.
#[test]
fn the_line_of_therapy_is_stated() {
    let systemic = stage_notes(&assess(""), "systemic");
    assert!(mentions(&systemic, &note("lines.first")));
    let systemic = stage_notes(&assess("--prior ?"), "systemic");
    assert!(mentions(&systemic, &note("lines.unknown")));
    let systemic = stage_notes(&assess("--prior ssa,everolimus"), "systemic");
    let later = format!("{} ssa, everolimus", note("lines.later"));
    assert!(mentions(&systemic, &later), "{systemic}");
    // A treatment being given now counts as given (rules.md §3.3), even with --prior unknown.
    let systemic = stage_notes(
        &assess_profile("--prior ? --current everolimus"),
        "systemic",
    );
    let later = format!("{} everolimus", note("lines.later"));
    assert!(mentions(&systemic, &later), "{systemic}");
    // A liver-directed treatment is not a line of systemic therapy.
    let systemic = stage_notes(&assess("--prior tace"), "systemic");
    assert!(mentions(&systemic, &note("lines.first")));
}
