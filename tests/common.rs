//! Helpers shared by the integration tests: run the real binary, read its JSON report.

use assert_cmd::Command;
use netriage::knowledge::Knowledge;
use netriage::schema::Document;
use serde_json::Value;

/// A fully answered, low-grade (NET G2, pancreas), unresectable patient: most options are
/// decided, so a case changes one answer and sees one rule move.
pub const BASE: &str = "--ki67 5 --differentiation well --primary pancreas --primary-resected yes \
--extrahepatic no --lesions 3 --largest-cm 2 --liver-burden 20 --bilobar yes --resectable no \
--age 50 --ecog 0 --sstr positive --syndrome none --progression stable --stable-months 12 \
--prior none --current none --tumour-symptoms no --biliary-anastomosis no --portal-vein-thrombosis no \
--liver-function normal";

/// `base` with `changes` applied: `--flag value` replaces the base value, `--flag ?` removes it
/// (the answer becomes unknown).
pub fn flags(base: &str, changes: &str) -> Vec<String> {
    let pairs = |s: &str| -> Vec<(String, String)> {
        let words: Vec<&str> = s.split_whitespace().collect();
        assert!(words.len() % 2 == 0, "flags come in pairs: {s}");
        words
            .chunks(2)
            .map(|p| (p[0].to_owned(), p[1].to_owned()))
            .collect()
    };
    let mut all = pairs(base);
    for (flag, value) in pairs(changes) {
        all.retain(|(f, _)| *f != flag);
        if value != "?" {
            all.push((flag, value));
        }
    }
    all.into_iter().flat_map(|(f, v)| [f, v]).collect()
}

/// Runs `netriage <args>`.
pub fn netriage(args: &[String]) -> std::process::Output {
    Command::cargo_bin("netriage")
        .expect("binary builds")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("binary runs")
}

/// Runs `netriage <command> <flags> --format json` and returns the parsed report.
pub fn json(command: &str, args: &[String]) -> Value {
    let mut all = vec![command.to_owned()];
    all.extend(args.iter().cloned());
    all.extend(["--format".to_owned(), "json".to_owned()]);
    let out = netriage(&all);
    assert!(
        out.status.success(),
        "netriage {}: exit {:?}\n{}",
        all.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    // Every report a test reads is also held to its published schema.
    let document = match command {
        "grade" => Some(Document::Grade),
        "assess" => Some(Document::Report),
        _ => None,
    };
    if let Some(document) = document {
        crate::schema::assert_valid(document, &report, &all.join(" "));
    }
    report
}

/// `assess` for `BASE` with `changes`.
pub fn assess(changes: &str) -> Value {
    json("assess", &flags(BASE, changes))
}

/// `assess` with exactly these flags.
pub fn assess_only(flags_text: &str) -> Value {
    json("assess", &flags("", flags_text))
}

/// The option `id` of the stage `stage`.
pub fn option_in<'a>(report: &'a Value, stage: &str, id: &str) -> &'a Value {
    let stages = report["stages"].as_array().expect("stages");
    let stage = stages
        .iter()
        .find(|s| s["id"] == stage)
        .unwrap_or_else(|| panic!("no stage {stage}"));
    let options = stage["options"].as_array().expect("options");
    let found: Vec<&Value> = options.iter().filter(|o| o["id"] == id).collect();
    assert_eq!(found.len(), 1, "{id} in {stage}: {found:?}");
    found[0]
}

/// The criterion `id` of an option, if the option lists it.
pub fn criterion<'a>(option: &'a Value, id: &str) -> Option<&'a Value> {
    option["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .find(|c| c["id"] == id)
}

/// The option `id` of the local, liver-directed or systemic stage.
pub fn option<'a>(report: &'a Value, id: &str) -> &'a Value {
    let stage = report["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .filter(|s| s["id"] != "symptoms")
        .find(|s| {
            s["options"]
                .as_array()
                .is_some_and(|o| o.iter().any(|o| o["id"] == id))
        })
        .unwrap_or_else(|| panic!("no option {id}"));
    option_in(report, stage["id"].as_str().expect("stage id"), id)
}

/// The status of a core option.
pub fn status(report: &Value, id: &str) -> String {
    text(&option(report, id)["status"])
}

/// A JSON string or list of strings as Rust strings.
pub fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| a.iter().map(text).collect())
        .unwrap_or_default()
}

pub fn knowledge() -> Knowledge {
    Knowledge::builtin().expect("built-in knowledge validates")
}

/// The text of a note as it appears in a report (without its `[source]`).
pub fn note(id: &str) -> String {
    let k = knowledge();
    let text = k.note(id).text;
    assert_ne!(text, id, "note {id} exists in data/notes.toml");
    text
}

/// Whether any string of `list` contains `needle`.
pub fn mentions(list: &Value, needle: &str) -> bool {
    strings(list).iter().any(|s| s.contains(needle))
}

/// `assess` for `BASE` with `changes`, every answer given in a profile (`--profile`), as a
/// user's saved answers are: the route for the answers added by rules v2 (`current`,
/// `carcinoid-heart-disease`, `tumour-symptoms`) whatever the flags of the day.
pub fn assess_profile(changes: &str) -> Value {
    let args = flags(BASE, changes);
    let profile: Vec<String> = args
        .chunks(2)
        .map(|pair| format!("{} = {:?}", pair[0].trim_start_matches("--"), pair[1]))
        .collect();
    let profile = profile.join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("patient.toml");
    std::fs::write(&path, profile).unwrap();
    json(
        "assess",
        &["--profile".to_owned(), path.display().to_string()],
    )
}
