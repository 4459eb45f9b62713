//! The reports of four patients, snapshotted in tests/snapshots/detail/ as the binary prints
//! them: text and Markdown at the three levels of detail (`--detail brief|standard|full`), and
//! the JSON report. The decision comes first at every level; JSON gains a summary and a reason
//! per option, and its brief record. Re-bless with `NETRIAGE_BLESS=1 cargo test --test lib
//! detail` and review the diff.

use crate::common::{cmd, expect_file};
use serde_json::Value;

/// Four patients a tumour board meets: the README's five-flag pancreatic NET G2, a midgut NET
/// progressing on octreotide with a carcinoid syndrome (NETTER-1), a NEC, and a G3 with
/// differentiation unknown and a Ki-67 typed as a fraction elsewhere.
const PATIENTS: [(&str, &[&str]); 4] = [
    (
        "readme",
        &[
            "--ki67",
            "12",
            "--differentiation",
            "well",
            "--primary",
            "pancreas",
            "--lesions",
            "3",
            "--sstr",
            "positive",
        ],
    ),
    (
        "netter1",
        &[
            "--ki67",
            "5",
            "--differentiation",
            "well",
            "--primary",
            "small-intestine",
            "--sstr",
            "positive",
            "--prior",
            "octreotide",
            "--progression",
            "progressive",
            "--resectable",
            "no",
            "--extrahepatic",
            "no",
            "--ecog",
            "1",
            "--liver-function",
            "normal",
            "--syndrome",
            "carcinoid",
            "--carcinoid-heart-disease",
            "none",
        ],
    ),
    (
        "nec",
        &[
            "--ki67",
            "70",
            "--differentiation",
            "poor",
            "--primary",
            "colon",
            "--ecog",
            "1",
            "--prior",
            "none",
        ],
    ),
    (
        "high_grade",
        &[
            "--ki67",
            "35",
            "--primary",
            "pancreas",
            "--primary-resected",
            "yes",
            "--lesions",
            "1",
            "--pattern",
            "simple",
        ],
    ),
];

const LEVELS: [&str; 3] = ["brief", "standard", "full"];

fn snapshot(file: &str) -> String {
    format!("tests/snapshots/detail/{file}")
}

fn assess(args: &[&str], extra: &[&str]) -> String {
    let out = cmd()
        .arg("assess")
        .args(args)
        .args(extra)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn text_at_every_level_of_detail() {
    for (name, args) in PATIENTS {
        for level in LEVELS {
            let text = assess(args, &["--detail", level]);
            expect_file(&snapshot(&format!("text_{name}_{level}.txt")), &text);
        }
    }
}

#[test]
fn markdown_at_every_level_of_detail() {
    for (name, args) in PATIENTS {
        for level in LEVELS {
            let md = assess(args, &["--format", "markdown", "--detail", level]);
            expect_file(&snapshot(&format!("markdown_{name}_{level}.md")), &md);
            // The full reference list at every level.
            assert!(md.contains("## Sources"), "{name} {level}");
        }
    }
}

#[test]
fn json_as_printed() {
    // The whole report as `--format json` prints it (full detail, the default for JSON). Nothing
    // in it depends on the clock or the machine: only a FHIR Bundle is dated (SOURCE_DATE_EPOCH),
    // so nothing is masked. The brief record of the same patients is checked beside it.
    for (name, args) in PATIENTS {
        let json = assess(args, &["--format", "json"]);
        expect_file(&snapshot(&format!("json_{name}.json")), &json);
        // Proof that nothing is dated: another clock prints the same bytes.
        let dated = cmd()
            .arg("assess")
            .args(args)
            .args(["--format", "json"])
            .env("SOURCE_DATE_EPOCH", "1000000000")
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(dated.stdout).unwrap(), json, "{name}");
        let parsed: Value = serde_json::from_str(&json).unwrap();
        crate::schema::assert_valid(netriage::schema::Document::Report, &parsed, name);
        let brief = assess(args, &["--format", "json", "--detail", "brief"]);
        expect_file(&snapshot(&format!("json_{name}_brief.json")), &brief);
    }
}

#[test]
fn the_decision_comes_first_at_every_level() {
    for (name, args) in PATIENTS {
        for level in LEVELS {
            let text = assess(args, &["--detail", level]);
            let at = |s: &str| {
                text.find(s)
                    .unwrap_or_else(|| panic!("{name} {level}: no {s}"))
            };
            assert!(at("Grade:") < at("Summary"), "{name} {level}");
            if level != "brief" {
                assert!(at("Summary") < at("1. Confirm and stage"), "{name} {level}");
            }
            assert!(text.contains("Decision support"), "{name} {level}");
            // The summary is short.
            let summary: Vec<&str> = text[at("Summary")..]
                .lines()
                .take_while(|l| !l.is_empty())
                .collect();
            assert!(
                summary.len() <= 17,
                "{name} {level}: {}",
                summary.join("\n")
            );
        }
    }
}

#[test]
fn the_levels_nest_and_standard_is_shorter_than_full() {
    for (name, args) in PATIENTS {
        let lines: Vec<usize> = LEVELS
            .iter()
            .map(|l| assess(args, &["--detail", l]).lines().count())
            .collect();
        assert!(
            lines[0] < lines[1] && lines[1] < lines[2],
            "{name}: {lines:?}"
        );
        let standard = assess(args, &[]);
        assert_eq!(
            standard,
            assess(args, &["--detail", "standard"]),
            "standard is the default"
        );
        // Text ends with one line pointing to the references, not the list itself.
        assert!(standard.contains("`netriage sources`"), "{name}");
        assert!(!standard.contains("\nSources\n"), "{name}");
    }
}

/// Issue "decision first", §2: the README patient's standard report in 60 lines at 100 columns,
/// and a summary of about 12 lines for each patient (its heading to the blank line after it).
#[test]
fn the_standard_report_and_the_summary_are_short() {
    let (_, readme) = PATIENTS[0];
    let lines = assess(readme, &[]).lines().count();
    assert!(
        lines <= 60,
        "the README patient's standard report takes {lines} lines"
    );
    for (name, args) in PATIENTS {
        let brief = assess(args, &["--detail", "brief"]);
        let summary = brief
            .lines()
            .skip_while(|l| *l != "Summary")
            .take_while(|l| !l.is_empty())
            .count();
        assert!(
            (5..=13).contains(&summary),
            "{name}: a summary of {summary} lines"
        );
    }
}

#[test]
fn text_lines_fit_100_columns_when_not_a_terminal() {
    for (name, args) in PATIENTS {
        for level in LEVELS {
            for line in assess(args, &["--detail", level]).lines() {
                let width = line.chars().count();
                assert!(
                    width <= 100 || !line.trim().contains(' '),
                    "{name} {level}: {line}"
                );
            }
        }
    }
}

#[test]
fn grade_warnings_stand_under_the_grade() {
    // A Ki-67 typed as a fraction: warned right under the grade line, before the summary.
    let text = assess(&["--ki67", "0.5", "--differentiation", "well"], &[]);
    let warning = text.find("fraction").expect("the fraction warning");
    assert!(warning < text.find("Summary").unwrap(), "{text}");
    assert_eq!(text.matches("fraction").count(), 1, "shown once: {text}");
}

#[test]
fn json_gains_a_summary_and_a_reason_per_option() {
    let (_, args) = PATIENTS[1];
    let report: Value = serde_json::from_str(&assess(args, &["--format", "json"])).unwrap();
    assert_eq!(report["schema_version"], 1);
    let summary = &report["summary"];
    assert_eq!(summary["recommended"][0]["id"], "prrt");
    assert_eq!(summary["recommended"][1]["label"], "ssa (symptoms)");
    let consider: Vec<&str> = summary["consider"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert!(
        consider.contains(&"ssa (antiproliferative)"),
        "{consider:?}"
    );
    // Kept for the syndrome, so never ruled out.
    let ruled_out = summary["ruled_out"].as_array().unwrap();
    assert!(
        !ruled_out
            .iter()
            .any(|id| id.as_str().unwrap().starts_with("ssa")),
        "{ruled_out:?}"
    );
    for stage in report["stages"].as_array().unwrap() {
        for option in stage["options"].as_array().unwrap() {
            let reason = option["reason"].as_str().unwrap();
            assert!(!reason.is_empty() && !reason.contains('\n'), "{option}");
        }
    }
    let would_change = summary["would_change"].as_array().unwrap();
    assert!(would_change.len() <= 3);
    // The full report is still the default for JSON.
    assert!(report.get("sources").is_some() && report.get("patient").is_some());
}

#[test]
fn the_summary_names_what_would_settle_the_most() {
    let (_, args) = PATIENTS[0];
    let report: Value = serde_json::from_str(&assess(args, &["--format", "json"])).unwrap();
    let first = &report["summary"]["would_change"][0];
    // Stable or progressive decides most under rules v2 (the reason to treat).
    assert_eq!(first["field"], "progression", "{first}");
    let settles = first["settles"].as_array().unwrap().len();
    // No other unknown answer settles more undetermined options.
    let mut counts = std::collections::BTreeMap::new();
    for stage in report["stages"].as_array().unwrap() {
        for option in stage["options"].as_array().unwrap() {
            if option["status"] == "undetermined" {
                for field in option["missing"].as_array().unwrap() {
                    *counts
                        .entry(field.as_str().unwrap().to_owned())
                        .or_insert(0) += 1;
                }
            }
        }
    }
    assert_eq!(counts.values().max(), Some(&settles), "{counts:?}");
}

#[test]
fn a_simple_pattern_with_several_lesions_is_a_warned_conflict() {
    let text = assess(
        &["--ki67", "5", "--lesions", "3", "--pattern", "simple"],
        &[],
    );
    assert!(
        text.contains("Frilling type I (simple) is a single metastasis"),
        "{text}"
    );
}

/// What each option shows in a report, by option id: its note and evidence texts.
type Shown = std::collections::BTreeMap<String, Vec<String>>;

/// The notes and evidence of each option of a text report laid out without wrapping.
fn shown_in_text(text: &str) -> Shown {
    let mut shown = Shown::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent == 2 && trimmed.starts_with(['✔', '●', '?', '✘']) {
            // Standard "✔ recommended      id: reason"; full "✔ recommended  Name [id]".
            let head = trimmed.split(": ").next().unwrap_or_default();
            current = head
                .split_whitespace()
                .last()
                .map(|id| id.trim_matches(['[', ']']).to_owned());
            if let Some(id) = &current {
                shown.entry(id.clone()).or_default();
            }
        } else if indent == 0 || line.is_empty() {
            current = None;
        } else if let Some(id) = &current {
            for (mark, kind) in [("note: ", "note"), ("evidence: ", "evidence")] {
                if let Some(rest) = trimmed.strip_prefix(mark) {
                    shown
                        .entry(id.clone())
                        .or_default()
                        .push(format!("{kind}: {rest}"));
                }
            }
        }
    }
    shown
}

/// The same, read from a Markdown note's tables.
fn shown_in_markdown(md: &str) -> Shown {
    let mut shown = Shown::new();
    for row in md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("(`"))
    {
        let cells: Vec<&str> = row.split(" | ").collect();
        let Some(id) = cells[0]
            .rsplit("(`")
            .next()
            .and_then(|c| c.split('`').next())
        else {
            continue;
        };
        let list = shown.entry(id.to_owned()).or_default();
        if let Some(why) = cells.get(2) {
            for part in why.split("<br>") {
                if let Some(rest) = part.strip_prefix("Note: ") {
                    list.push(format!("note: {rest}"));
                }
            }
        }
        if let Some(evidence) = cells.get(3) {
            let evidence = evidence.trim_end_matches(" |").trim();
            list.extend(
                evidence
                    .split("<br>")
                    .filter(|e| !e.is_empty())
                    .map(|e| format!("evidence: {e}")),
            );
        }
    }
    shown
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Text and Markdown walk one view: at each level of detail, every option shows the same
    /// notes and evidence in both (the symptom stage lists some ids twice: their lists merge).
    #[test]
    fn text_and_markdown_show_each_option_alike(p in crate::properties::patient()) {
        let k = crate::common::builtin();
        let Ok(report) = netriage::pathway::assess(&p, k) else { return Ok(()) };
        for detail in [netriage::render::Detail::Standard, netriage::render::Detail::Full] {
            let render = |format| {
                let mut out = Vec::new();
                netriage::render::report(
                    &report,
                    format,
                    Some(detail),
                    100_000,
                    &netriage::render::Palette::new(false),
                    0,
                    &mut out,
                )
                .expect("renders");
                String::from_utf8(out).expect("UTF-8")
            };
            let mut text = shown_in_text(&render(netriage::model::Format::Text));
            let mut md = shown_in_markdown(&render(netriage::model::Format::Markdown));
            for list in text.values_mut().chain(md.values_mut()) {
                list.sort();
            }
            proptest::prop_assert_eq!(&text, &md, "{:?} at {:?}", p, detail);
            proptest::prop_assert!(!text.is_empty());
        }
    }
}

/// Below full detail, the work-up does not repeat a confirmation the summary just asked for; a
/// full report lists it.
#[test]
fn the_work_up_does_not_repeat_the_summary_s_confirmations() {
    let args = [
        "--ki67",
        "2",
        "--differentiation",
        "well",
        "--primary",
        "rectum",
        "--lesions",
        "2",
        "--largest-cm",
        "2",
        "--liver-burden",
        "10",
        "--sstr",
        "positive",
        "--syndrome",
        "none",
        "--extrahepatic",
        "no",
        "--resectable",
        "yes",
        "--progression",
        "stable",
        "--biliary-anastomosis",
        "no",
    ];
    let standard = assess(&args, &[]);
    assert!(standard.contains("confirm (unknown, safety-critical): ECOG performance status"));
    assert!(standard.contains("Nothing beyond the confirmations in the summary."));
    assert!(!standard.contains("Record the ECOG performance status"));
    let full = assess(&args, &["--detail", "full"]);
    assert!(
        full.contains("Record the ECOG performance status"),
        "{full}"
    );
    assert!(!full.contains("Nothing beyond the confirmations"));
}
