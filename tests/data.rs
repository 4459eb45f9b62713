//! The knowledge base holds together, and code and data agree: every note, work-up and
//! correction id the code names exists in data/, and every id in data/ is used by the code.

use crate::common::knowledge;
use std::collections::BTreeSet;
use std::path::Path;

/// The Rust sources that name note, work-up and correction ids (the knowledge module itself only
/// loads them).
fn rule_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("knowledge") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Every string literal in `code` (no escapes in the ids we look for).
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { break };
        out.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    out
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

/// Literals passed straight to a call: `name("id")`.
fn call_arguments(code: &str, call: &str) -> Vec<String> {
    let pattern = format!("{call}(\"");
    code.match_indices(&pattern)
        .filter_map(|(i, _)| {
            let start = i + pattern.len();
            code[start..]
                .find('"')
                .map(|end| code[start..start + end].to_owned())
        })
        .collect()
}

#[test]
fn builtin_knowledge_validates_and_thresholds_are_ordered() {
    let k = knowledge();
    for (low_key, low, high_key, high) in k.thresholds.ordered_pairs() {
        assert!(low < high, "{low_key} {low} < {high_key} {high}");
    }
    let ids: BTreeSet<&str> = k.citations.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), k.citations.len(), "citation ids are unique");
    for o in k.options {
        for e in o.evidence {
            assert!(k.citation(e.source).is_some(), "{}: {}", o.id, e.source);
        }
    }
    for id in k.note_ids() {
        let n = k.note(&id);
        assert!(k.citation(n.source).is_some(), "note {id}: {}", n.source);
        // `{section.key}` is a threshold (filled here); `{ki67}` a patient value, filled by the
        // rule that shows the note.
        assert!(
            !n.text
                .split('{')
                .skip(1)
                .any(|rest| rest.split('}').next().is_some_and(|key| key.contains('.'))),
            "note {id} placeholder unfilled: {}",
            n.text
        );
    }
    for id in k.workup_ids() {
        let w = k.workup_item(&id);
        assert!(k.citation(w.source).is_some(), "work-up {id}: {}", w.source);
    }
    for id in k.correction_ids() {
        let c = k.correction(&id).unwrap();
        assert!(
            k.citation(c.source).is_some(),
            "correction {id}: {}",
            c.source
        );
        assert!(!c.evidence.contains('{'), "correction {id}: {}", c.evidence);
    }
}

#[test]
fn every_note_the_code_names_exists_and_every_note_is_used() {
    let k = knowledge();
    let data: BTreeSet<String> = k.note_ids().into_iter().collect();
    let sections: BTreeSet<String> = data
        .iter()
        .filter_map(|id| id.split_once('.').map(|(s, _)| s.to_owned()))
        .collect();
    let mut used = BTreeSet::new();
    for (file, code) in rule_sources() {
        // Passed straight to `note(…)`.
        for id in call_arguments(&code, "note") {
            assert!(
                data.contains(&id),
                "{file}: note(\"{id}\") is not in data/notes.toml"
            );
            used.insert(id);
        }
        // Chosen first and passed on (`Some("ssa.symptom_use")`, match arms).
        for id in literals(&code) {
            let Some((section, _)) = id.split_once('.') else {
                continue;
            };
            if is_id(&id) && sections.contains(section) {
                assert!(
                    data.contains(&id),
                    "{file}: \"{id}\" is not in data/notes.toml"
                );
                used.insert(id);
            }
        }
    }
    let dead: Vec<&String> = data.difference(&used).collect();
    assert!(dead.is_empty(), "notes never used by the code: {dead:?}");
}

#[test]
fn every_work_up_item_the_code_names_exists_and_every_item_is_used() {
    let k = knowledge();
    let data: BTreeSet<String> = k.workup_ids().into_iter().collect();
    let code = rule_sources()
        .into_iter()
        .find(|(f, _)| f == "pathway/workup.rs")
        .unwrap()
        .1;
    // The item ids are the literals of `fn items`, before the tests (if any).
    let body = code
        .split("fn items(")
        .nth(1)
        .expect("pathway/workup.rs has fn items");
    let body = body.split("#[cfg(test)]").next().unwrap_or(body);
    let used: BTreeSet<String> = literals(body).into_iter().filter(|s| is_id(s)).collect();
    assert!(!used.is_empty());
    for id in &used {
        assert!(
            data.contains(id),
            "pathway/workup.rs work-up \"{id}\" is not in data/workup.toml"
        );
    }
    let dead: Vec<&String> = data.difference(&used).collect();
    assert!(dead.is_empty(), "work-up items never used: {dead:?}");
}

#[test]
fn every_correction_the_code_names_exists_and_every_correction_has_a_when() {
    let k = knowledge();
    let data: BTreeSet<String> = k.correction_ids().into_iter().collect();
    for (file, code) in rule_sources() {
        let named = call_arguments(&code, "correction")
            .into_iter()
            .chain(call_arguments(&code, "correction_ids.push"));
        for id in named {
            assert!(
                data.contains(&id),
                "{file}: correction \"{id}\" is not in data/corrections.toml"
            );
        }
    }
    // Which corrections a report shows is data (`when`, rules.md §6, parsed at build time):
    // every one has a condition, so every one can be shown.
    let rules: Vec<_> = k.correction_rules().collect();
    assert_eq!(rules.len(), data.len());
    for (id, when) in rules {
        assert!(!when.0.is_empty(), "correction {id} has no condition");
    }
}

#[test]
fn every_option_is_in_the_data_once_with_a_stage() {
    let k = knowledge();
    for id in netriage::model::OptionId::ALL {
        let info = k.option(*id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(
            [
                "approach",
                "local",
                "liver-directed",
                "systemic",
                "symptoms"
            ]
            .contains(&info.stage),
            "{id}: {}",
            info.stage
        );
    }
    for id in netriage::eligibility::CORE_OPTIONS {
        assert_ne!(k.option(id).unwrap().stage, "symptoms", "{id}");
    }
}

fn patient(answers: &[(netriage::model::Field, &str)]) -> netriage::model::Patient {
    let mut p = netriage::model::Patient::default();
    for (field, value) in answers {
        p.set(
            *field,
            &netriage::model::RawValue::Text((*value).to_owned()),
        )
        .unwrap();
    }
    p
}

#[test]
fn an_institutions_threshold_moves_the_rule_fills_the_texts_and_is_named() {
    use netriage::eligibility::Status;
    use netriage::knowledge::Knowledge;
    use netriage::model::{Field, OptionId};
    let p = patient(&[
        (Field::Ki67, "12"),
        (Field::Differentiation, "well"),
        (Field::Sstr, "positive"),
    ]);
    let ssa = |k: &Knowledge| {
        let r = netriage::pathway::assess(&p, k).unwrap();
        let status = r
            .options()
            .find(|(s, v)| s.id == "systemic" && v.id == OptionId::Ssa)
            .map(|(_, v)| v.status)
            .unwrap();
        (status, r.overrides)
    };
    let (builtin, none) = ssa(&knowledge());
    assert_eq!(builtin, Status::Consider);
    assert!(none.is_empty());
    let k = Knowledge::with_overrides(
        "institution.toml",
        "[ssa]\nki67_max = 15\n[ablation]\nreliable_cm = 2.5\n",
    )
    .unwrap();
    let (status, overrides) = ssa(&k);
    assert_eq!(status, Status::Recommended);
    let ids: Vec<&str> = overrides.iter().map(|o| o.id.as_str()).collect();
    assert!(ids.contains(&"ssa.ki67_max"), "{ids:?}");
    assert!(k.note("ablation.reliable").text.contains("2.5"));
}

#[test]
fn overrides_that_break_an_ordering_are_refused_naming_the_file() {
    use netriage::knowledge::Knowledge;
    for text in [
        "[grade]\nki67_g2_from = 25\n",
        "[transplant]\nage_milan_max = 65\n",
        "[embolisation]\nliver_burden_preferred_from = 80\n",
    ] {
        let err = Knowledge::with_overrides("institution.toml", text).unwrap_err();
        assert_eq!(err.file, "institution.toml", "{text}");
    }
}

#[test]
fn safety_critical_answers_are_the_ones_rules_md_names() {
    use netriage::model::OptionId;
    let k = knowledge();
    let of = |id: OptionId| k.option(id).unwrap().safety_critical;
    // rules.md §3, safety-critical table (v2 with D-7, A-9 and A-10).
    let chd = "carcinoid-heart-disease";
    let expected: &[(OptionId, &[&str])] = &[
        (
            OptionId::Tace,
            &[
                "biliary-anastomosis",
                "portal-vein-thrombosis",
                "liver-function",
                "liver-burden",
                "ecog",
                chd,
            ],
        ),
        (
            OptionId::Tare,
            &[
                "biliary-anastomosis",
                "liver-function",
                "liver-burden",
                "ecog",
                chd,
            ],
        ),
        (OptionId::Ablation, &["biliary-anastomosis", chd]),
        (OptionId::Resection, &["ecog", "liver-function", chd]),
        (OptionId::Transplant, &["ecog", chd]),
        (OptionId::Prrt, &[chd]),
    ];
    for id in OptionId::ALL {
        let want = expected
            .iter()
            .find(|(o, _)| o == id)
            .map_or(&[][..], |(_, fields)| *fields);
        assert_eq!(of(*id), want, "{id}");
    }
}
