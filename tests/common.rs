//! Helpers shared by the integration tests: run the real binary (`cmd`, the one way every test
//! starts it), assess in-process through the library (`assess`, for rule tables), read the JSON
//! report, and compare output with a committed expected file (`expect_file`).

use assert_cmd::Command;
use netriage::knowledge::Knowledge;
use netriage::model::{Field, Patient, RawValue};
use netriage::schema::Document;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

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

/// The binary under test, for a test that starts it some other way (a pseudo-terminal, a shell).
pub const BIN: &str = env!("CARGO_BIN_EXE_netriage");

/// The binary under test, ready to run: the one way a test starts it. The variables of the
/// developer's own terminal that change what it prints are removed, so that every test starts
/// from the same place (a test sets the ones it is about).
pub fn command() -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    for var in ["NO_COLOR", "NETRIAGE_PAGER", "PAGER", "SOURCE_DATE_EPOCH"] {
        cmd.env_remove(var);
    }
    cmd
}

/// `command` with assert_cmd's conveniences (stdin, timeout, output).
pub fn cmd() -> Command {
    Command::from_std(command())
}

/// Runs `netriage <args>`.
pub fn netriage(args: &[String]) -> std::process::Output {
    cmd().args(args).output().expect("binary runs")
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

/// The built-in knowledge base, loaded once for every in-process assessment.
pub fn builtin() -> &'static Knowledge {
    static BUILTIN: OnceLock<Knowledge> = OnceLock::new();
    BUILTIN.get_or_init(knowledge)
}

/// The patient `assess` builds from these patient flags (`--flag value` pairs): each answer set
/// through `Patient::set` in the order of the contract's table, as the command line does.
pub fn patient(args: &[String]) -> Patient {
    let mut answers: Vec<(Field, &str)> = args
        .chunks(2)
        .map(|pair| {
            let field = Field::from_name(pair[0].trim_start_matches("--"))
                .unwrap_or_else(|| panic!("{} is not a patient flag", pair[0]));
            (field, pair[1].as_str())
        })
        .collect();
    answers.sort_by_key(|(field, _)| Field::ALL.iter().position(|f| f == field));
    let mut p = Patient::default();
    for (field, value) in answers {
        p.set(field, &RawValue::Text(value.to_owned()))
            .unwrap_or_else(|e| panic!("{}: {e}", args.join(" ")));
    }
    p
}

/// The JSON report of `p` as `assess --format json` prints it, made in-process through the
/// library with knowledge `k`.
pub fn report_text(p: &Patient, k: &Knowledge) -> String {
    let report = netriage::pathway::assess(p, k).expect("gradable");
    let mut out = Vec::new();
    netriage::render::report(
        &report,
        netriage::model::Format::Json,
        None,
        netriage::render::DEFAULT_WIDTH,
        &netriage::render::Palette::new(false),
        0,
        &mut out,
    )
    .expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

/// The parsed JSON report of `p`, in-process, held to its published schema.
pub fn report(p: &Patient, k: &Knowledge) -> Value {
    let report: Value = serde_json::from_str(&report_text(p, k)).expect("JSON report");
    crate::schema::assert_valid(Document::Report, &report, &format!("{p:?}"));
    report
}

/// `assess` for `BASE` with `changes`, in-process (`assess_binary` runs the binary on the same
/// flags: tests/rules.rs shows that both print the same report).
pub fn assess(changes: &str) -> Value {
    report(&patient(&flags(BASE, changes)), builtin())
}

/// `assess` with exactly these flags, through the binary.
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
    let text = k.note(id).text.into_owned();
    assert_ne!(text, id, "note {id} exists in data/notes.toml");
    text
}

/// Whether any string of `list` contains `needle`.
pub fn mentions(list: &Value, needle: &str) -> bool {
    strings(list).iter().any(|s| s.contains(needle))
}

/// `assess` for `BASE` with `changes`, every answer given in a profile, as a user's saved answers
/// are: read by the profile parser, assessed in-process.
pub fn assess_profile(changes: &str) -> Value {
    let args = flags(BASE, changes);
    let profile: Vec<String> = args
        .chunks(2)
        .map(|pair| format!("{} = {:?}", pair[0].trim_start_matches("--"), pair[1]))
        .collect();
    let p = netriage::profile::parse("patient.toml", &profile.join("\n"))
        .unwrap_or_else(|e| panic!("[{changes}]: {e}"));
    report(&p, builtin())
}

/// Compares `actual` with the committed file `path` (relative to the repository); with
/// `NETRIAGE_BLESS=1` writes it instead. The one way expected output is re-blessed: snapshots,
/// completions, schemas and the command cases (tests/cmd) all go through `blessing`.
pub fn expect_file(path: &str, actual: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if blessing() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        if std::fs::read_to_string(&file).ok().as_deref() != Some(actual) {
            std::fs::write(&file, actual).unwrap();
        }
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        expected == actual,
        "{path} differs from the output (expected -, actual +):\n{}\nIf the change is meant, \
         re-bless with `NETRIAGE_BLESS=1 cargo test` and review the diff.",
        first_difference(&expected, actual)
    );
}

/// Whether expected files are being rewritten (`NETRIAGE_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var_os("NETRIAGE_BLESS").is_some_and(|v| v == "1")
}

/// The first lines that differ, with three lines of context on either side.
fn first_difference(expected: &str, actual: &str) -> String {
    use std::fmt::Write as _;
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let same_start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let same_end = old[same_start..]
        .iter()
        .rev()
        .zip(new[same_start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let from = same_start.saturating_sub(3);
    let mut out = format!("@@ line {} @@\n", same_start + 1);
    for line in &old[from..same_start] {
        let _ = writeln!(out, "  {line}");
    }
    // A long difference is cut: the first lines show what moved.
    for line in old[same_start..old.len() - same_end].iter().take(40) {
        let _ = writeln!(out, "- {line}");
    }
    for line in new[same_start..new.len() - same_end].iter().take(40) {
        let _ = writeln!(out, "+ {line}");
    }
    for line in old[old.len() - same_end..].iter().take(3) {
        let _ = writeln!(out, "  {line}");
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the final newline differs)\n");
    }
    out
}
