//! The clinical content is data: no citation id, trial or guideline name, or clinical sentence
//! of the rules is a string literal in `src/` (test modules aside). Criterion and preference
//! texts live in data/criteria.toml, notes in data/notes.toml, sources in data/citations.toml.
//!
//! What counts, in every string literal of `src/**/*.rs` before a `#[cfg(test)]` module:
//!
//! - a citation id: a word `S` + digits (+ one lowercase letter), or any id of
//!   data/citations.toml (`SSTR-ALGORITHM`);
//! - a trial or guideline name: a word of a citation's reference written in capitals (four
//!   characters or more, `CLARINET`, `NETTER-1`, `ESMO`; `NET` and `WHO` are words) or in capitals and digits
//!   (`IMpower133`). Allow rule: `NOT_NAMES`, the abbreviations of a treatment or disease that the
//!   references also use (a literal may say "PRRT");
//! - in `src/eligibility/`, a sentence: three or more words (runs of text with a letter; `{…}`
//!   placeholders are not words). Ids (`tempo.no_reason_local`), field names and format glue
//!   (`", "`, `"{} or {}"`) have fewer.

use std::path::{Path, PathBuf};

/// Capitalised words of the references that are a treatment's or a disease's abbreviation, not
/// a trial's or a guideline's name.
const NOT_NAMES: &[&str] = &["PRRT", "SCLC", "SSTR", "TACE"];

/// The string literals of Rust source, with their line, comments and char literals skipped.
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let line = |at: usize| src[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if src[i..].starts_with("/*") {
            i = src[i..].find("*/").map_or(b.len(), |n| i + n + 2);
        } else if !word_before && (src[i..].starts_with("r\"") || src[i..].starts_with("r#")) {
            let hashes = src[i + 1..].bytes().take_while(|c| *c == b'#').count();
            let open = i + 1 + hashes;
            if b.get(open) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close = format!("\"{}", "#".repeat(hashes));
            let end = src[open + 1..]
                .find(&close)
                .map_or(b.len(), |n| open + 1 + n);
            out.push((line(i), src[open + 1..end].to_owned()));
            i = end + close.len();
        } else if b[i] == b'\'' {
            // A char literal ('"', '\''), or a lifetime (skipped by one byte).
            let rest = &src[i..];
            let len = if let Some(escaped) = rest.strip_prefix("'\\") {
                escaped.find('\'').map_or(1, |n| n + 3)
            } else {
                rest.char_indices()
                    .nth(2)
                    .filter(|(_, c)| *c == '\'')
                    .map_or(1, |(n, _)| n + 1)
            };
            i += len;
        } else if b[i] == b'"' {
            let mut text = String::new();
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                if b[j] == b'\\' {
                    j += 1;
                    if b[j] == b'n' {
                        text.push(' ');
                        j += 1;
                        continue;
                    }
                }
                let c = src[j..].chars().next().unwrap();
                text.push(c);
                j += c.len_utf8();
            }
            out.push((line(i), text));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's source before its test module.
fn outside_tests(src: &str) -> &str {
    src.find("#[cfg(test)]\nmod ").map_or(src, |at| &src[..at])
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
}

/// A citation id by its shape: `S24`, `S26b`, `S43c`.
fn looks_like_citation(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('S') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let tail = &rest[digits..];
    digits > 0
        && (tail.is_empty() || (tail.len() == 1 && tail.bytes().all(|b| b.is_ascii_lowercase())))
}

/// The citation ids and the trial and guideline names of data/citations.toml.
fn cited_names() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string("data/citations.toml").unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    let mut ids = Vec::new();
    let mut names = Vec::new();
    for c in file["citation"].as_array().unwrap() {
        ids.push(c["id"].as_str().unwrap().to_owned());
        for w in words(c["reference"].as_str().unwrap()) {
            let capitals = w.chars().filter(char::is_ascii_uppercase).count();
            let digit = w.chars().any(|c| c.is_ascii_digit());
            let lower = w.chars().filter(char::is_ascii_lowercase).count();
            let capitalised = w.len() >= 4 && capitals >= 3 && lower == 0;
            let trial_style =
                capitals >= 2 && digit && w.starts_with(|c: char| c.is_ascii_uppercase());
            let number_only = w.starts_with("PMC") || w.starts_with("NCT") || w.starts_with("PMID");
            if (capitalised || trial_style) && !number_only && !NOT_NAMES.contains(&w) {
                names.push(w.to_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    (ids, names)
}

/// What in `literal` is clinical content.
fn clinical(literal: &str, eligibility: bool, ids: &[String], names: &[String]) -> Option<String> {
    if let Some(w) = words(literal).find(|w| looks_like_citation(w) || ids.iter().any(|id| id == w))
    {
        return Some(format!("citation id `{w}`"));
    }
    if let Some(w) = words(literal).find(|w| names.iter().any(|n| n == w)) {
        return Some(format!("trial or guideline name `{w}`"));
    }
    let text_words = literal
        .split_whitespace()
        .filter(|w| {
            !(w.starts_with('{') && w.trim_end_matches([',', ':', ';', ')']).ends_with('}'))
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (eligibility && text_words >= 3).then(|| "a sentence".to_owned())
}

/// Every clinical literal under `src/`, as `file:line: what in "literal"`.
fn clinical_literals(root: &Path) -> Vec<String> {
    let (ids, names) = cited_names();
    assert!(names.iter().any(|n| n == "CLARINET"), "{names:?}");
    assert!(names.iter().any(|n| n == "IMpower133"), "{names:?}");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let src = std::fs::read_to_string(&file).unwrap();
        let eligibility = file.components().any(|c| c.as_os_str() == "eligibility");
        for (line, literal) in literals(outside_tests(&src)) {
            if let Some(what) = clinical(&literal, eligibility, &ids, &names) {
                found.push(format!("{}:{line}: {what} in {literal:?}", file.display()));
            }
        }
    }
    found
}

#[test]
fn no_citation_trial_name_or_clinical_sentence_is_a_rust_literal() {
    let found = clinical_literals(Path::new("."));
    assert!(
        found.is_empty(),
        "clinical content belongs in data/ (criteria.toml, notes.toml…):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_each_kind_of_literal() {
    let (ids, names) = cited_names();
    let src = r##"
        fn f() {
            // "S24" in a comment is no literal
            let quote = '"';
            let a = "S26b";
            let b = r#"first line (CLARINET, ENETS)"#;
            let c = "maintenance (IMpower133)";
            let d = "impaired liver function";
            let e = "tempo.no_reason_local";
            let f = "{} or {last}";
            let g = "a reason to treat now: {forms}";
        }
    "##;
    let found: Vec<(usize, Option<String>)> = literals(src)
        .into_iter()
        .map(|(line, l)| (line, clinical(&l, true, &ids, &names)))
        .collect();
    assert_eq!(
        found,
        [
            (5, Some("citation id `S26b`".to_owned())),
            (6, Some("trial or guideline name `CLARINET`".to_owned())),
            (7, Some("trial or guideline name `IMpower133`".to_owned())),
            (8, Some("a sentence".to_owned())),
            (9, None),
            (10, None),
            (11, Some("a sentence".to_owned())),
        ]
    );
    // Outside src/eligibility, words are not sentences; ids and names still count.
    assert_eq!(
        clinical("impaired liver function", false, &ids, &names),
        None
    );
    assert!(clinical("see SSTR-ALGORITHM", false, &ids, &names).is_some());
    assert_eq!(clinical("PRRT is recommended", false, &ids, &names), None);
}

/// The Rust names the build gives the entries of data/criteria.toml, by enum.
fn sentence_names() -> Vec<String> {
    use netriage::knowledge::schema::rust_name;
    let text = std::fs::read_to_string("data/criteria.toml").unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    let mut names = Vec::new();
    for (id, entry) in file["criterion"].as_table().unwrap() {
        let entry = entry.as_table().unwrap();
        if entry.contains_key("text") {
            names.push(format!("CriterionText::{}", rust_name(id)));
        } else {
            for qualifier in entry.keys() {
                names.push(format!(
                    "CriterionText::{}{}",
                    rust_name(id),
                    rust_name(qualifier)
                ));
            }
        }
    }
    for (option, list) in file["preference"].as_table().unwrap() {
        for key in list.as_table().unwrap().keys() {
            names.push(format!(
                "PreferenceText::{}{}",
                rust_name(option),
                rust_name(key)
            ));
        }
    }
    for key in file["phrase"].as_table().unwrap().keys() {
        names.push(format!("Phrase::{}", rust_name(key)));
    }
    names
}

/// A sentence the rules never show is a text a reviewer checks for nothing. (That every text a
/// rule names exists, the compiler checks.)
#[test]
fn every_sentence_of_the_data_is_shown_by_a_rule() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let code: String = files
        .iter()
        .map(|f| outside_tests(&std::fs::read_to_string(f).unwrap()).to_owned())
        .collect();
    // The rules name every text by its enum (`CriterionText::Ki67LowAny`), never bare.
    let unused: Vec<String> = sentence_names()
        .into_iter()
        .filter(|name| {
            !code
                .match_indices(name.as_str())
                .any(|(at, _)| !code[at + name.len()..].starts_with(char::is_alphanumeric))
        })
        .collect();
    assert!(
        unused.is_empty(),
        "in data/criteria.toml, never shown: {unused:?}"
    );
}
